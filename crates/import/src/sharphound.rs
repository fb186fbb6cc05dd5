//! SharpHound / bloodhound.py / RustHound collector JSON (format v4, v5 and
//! v6): every object type BloodHound ingests (users, computers, groups,
//! domains, GPOs, OUs, containers, certificate templates, enterprise/root/AIA
//! CAs, NTAuth stores, issuance policies) and separate session files, from a
//! zip, a directory or files. Files are streamed record by record into the
//! [`AdGraph`](crate::ad::AdGraph) with the edges BloodHound's ingest makes
//! (`MemberOf` including the primary group, ACEs with `Owns`/`WriteOwner` as
//! `OwnsRaw`/`WriteOwnerRaw`, `Contains`, `GPLink`, `HasSIDHistory`, trusts,
//! local groups, logon rights, sessions, ADCS plumbing); the analysis and
//! the mapping onto cordon live in [`crate::ad`]. docs/import.md has the
//! mapping edge by edge and the figures against BloodHound's golden files.
//!
//! Files of a type cordon does not use (`deleted`, AzureHound's `azure`…)
//! are reported and skipped. A UTF-8 byte-order mark is accepted. Sizes are
//! capped ([`Limits`]): a record larger than `max_record_bytes` or an input
//! expanding beyond `max_unzipped_bytes` stops the import with the limit's
//! name and how to raise it.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::ad::{AdGraph, NodeKind, Origin};
use crate::error::{ImportError, Record};
use crate::estate::Estate;

/// Size limits of the SharpHound reader (F18: a 3 MB zip can expand into a
/// 3 GiB string).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest single record (`data[i]`) in bytes of JSON; a field cannot be
    /// larger. Default 256 MiB (`--max-record-mib`).
    pub max_record_bytes: u64,
    /// Largest total of bytes read out of one zip archive (all entries).
    /// Default 64 GiB (`--max-unzipped-gib`).
    pub max_unzipped_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 256 << 20,
            max_unzipped_bytes: 64 << 30,
        }
    }
}

/// Options of the SharpHound importer.
#[derive(Clone, Debug)]
pub struct Options {
    /// Zone of every imported object.
    pub zone: String,
    /// Show a progress bar on stderr (when it is a terminal).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            zone: "internal".into(),
            progress: false,
        }
    }
}

/// The collection read so far: the AD graph before analysis.
#[derive(Default)]
pub struct Collection {
    /// The graph.
    pub graph: AdGraph,
    /// Objects read (records that declared an object).
    objects: usize,
    /// Size limits.
    pub limits: Limits,
    /// AzureHound files seen (skipped).
    azure_files: Vec<String>,
    /// Malformed entries skipped (a field or list element of the wrong
    /// shape), each located: file, record, object, JSON path, what was
    /// expected. Reported by [`Collection::malformed`].
    malformed: Vec<String>,
    /// Records of the current file that cannot be keyed (no
    /// `ObjectIdentifier`): (record index, name if any, what was found).
    unkeyed: Vec<(usize, Option<String>, String)>,
}

impl Collection {
    /// A collection with explicit limits.
    pub fn with_limits(limits: Limits) -> Self {
        Collection {
            limits,
            ..Default::default()
        }
    }

    /// Number of objects read so far.
    pub fn len(&self) -> usize {
        self.objects
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.objects == 0
    }

    /// The malformed entries skipped so far, one located text each
    /// (`groups.json record 3 (DOMAIN CONTROLLERS@HOSPITAL.LOCAL): Members:
    /// expected a list, found a string; skipped`).
    pub fn malformed(&self) -> &[String] {
        &self.malformed
    }

    /// Runs BloodHound's post-processing and maps the result onto cordon
    /// components and interactions.
    pub fn to_estate(&self, options: &Options) -> Estate {
        let mut g = self.clone_graph();
        crate::ad::analysis::analyze(&mut g);
        crate::ad::map::to_estate(&g, "sharphound", &options.zone)
    }

    /// The analysed graph (post-processing applied), consuming the collection.
    pub fn into_analyzed(mut self) -> AdGraph {
        crate::ad::analysis::analyze(&mut self.graph);
        self.graph
    }

    fn clone_graph(&self) -> AdGraph {
        let mut g = AdGraph::default();
        g.files = self.graph.files.clone();
        g.notes = self.graph.notes.clone();
        for n in &self.graph.nodes {
            let i = g.node(&n.objectid);
            g.nodes[i as usize] = n.clone();
        }
        for e in &self.graph.edges {
            g.edge_with(
                e.from,
                e.to,
                &e.kind,
                e.traversable,
                e.props.clone(),
                e.origin.clone(),
            );
        }
        g
    }
}

// ------------------------------------------------------------ one record

fn s(v: &Value) -> Option<&str> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// The object identifier of a reference: a string, or an object with
/// `ObjectIdentifier` / `MemberId` / `ObjectId`.
fn ref_id(v: &Value) -> Option<&str> {
    match v {
        Value::String(_) => s(v),
        Value::Object(m) => ["ObjectIdentifier", "MemberId", "ObjectId", "objectid"]
            .iter()
            .find_map(|k| m.get(*k).and_then(s)),
        _ => None,
    }
}

fn ref_type(v: &Value) -> Option<NodeKind> {
    let m = v.as_object()?;
    ["ObjectType", "MemberType", "PrincipalType"]
        .iter()
        .find_map(|k| m.get(*k).and_then(Value::as_str))
        .and_then(NodeKind::parse)
}

fn list(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(a)) => a,
        Some(Value::Object(m)) => match m.get("Results") {
            Some(Value::Array(a)) => a,
            _ => &[],
        },
        _ => &[],
    }
}

/// The shape of a JSON value, for notes ("found a string").
fn shape(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(s) if s.trim().is_empty() => "an empty string",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Malformed entries of one record: (JSON path, what was expected, what was
/// found). Collected while the record is ingested, located afterwards.
#[derive(Default)]
struct Bad(Vec<(String, &'static str, &'static str)>);

impl Bad {
    fn push(&mut self, path: String, expected: &'static str, v: &Value) {
        self.0.push((path, expected, shape(v)));
    }
}

/// What a reference element must be.
const EXPECT_REF: &str = "an object with ObjectIdentifier (or a SID string)";

/// [`list`] that records a field of the wrong shape (`null` and a missing
/// field are empty lists, as SharpHound writes them; an object without
/// `Results` is accepted when it says `Collected`).
fn list_at<'v>(v: Option<&'v Value>, field: &str, bad: &mut Bad) -> &'v [Value] {
    match v {
        None | Some(Value::Null) | Some(Value::Array(_)) => list(v),
        Some(Value::Object(m)) => match m.get("Results") {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) if m.contains_key("Collected") => &[],
            Some(other) => {
                bad.push(format!("{field}.Results"), "a list", other);
                &[]
            }
            None => {
                bad.push(
                    field.to_string(),
                    "a list (or an object with Results)",
                    &Value::Object(m.clone()),
                );
                &[]
            }
        },
        Some(other) => {
            bad.push(field.to_string(), "a list", other);
            &[]
        }
    }
}

/// [`principal`] that records an element that is not a reference.
fn principal_at(
    g: &mut AdGraph,
    v: &Value,
    path: impl FnOnce() -> String,
    bad: &mut Bad,
) -> Option<u32> {
    let n = principal(g, v);
    if n.is_none() {
        bad.push(path(), EXPECT_REF, v);
    }
    n
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true") || s == "1",
        _ => false,
    }
}

fn props(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// A referenced principal: a node, typed weakly from the reference.
fn principal(g: &mut AdGraph, v: &Value) -> Option<u32> {
    let id = ref_id(v)?;
    let n = g.node(id);
    if g.nodes[n as usize].kind.is_none() {
        g.nodes[n as usize].kind = ref_type(v);
        // Weak: the object's own record sets the real kind.
        g.nodes[n as usize]
            .props
            .entry("_weak")
            .or_insert(Value::Bool(true));
    }
    Some(n)
}

/// Trust type names, SharpHound v5/v6 strings or v4 numbers.
fn trust_type(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(0) => "ParentChild",
            Some(1) => "CrossLink",
            Some(2) => "Forest",
            Some(3) => "External",
            _ => "Unknown",
        }
        .to_string(),
        _ => "Unknown".into(),
    }
}

fn trust_direction(v: Option<&Value>) -> (bool, bool) {
    // (outbound: this domain trusts the target, inbound: the target trusts this domain)
    let d = match v {
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(1) => "inbound".into(),
            Some(2) => "outbound".into(),
            Some(3) => "bidirectional".into(),
            _ => "disabled".into(),
        },
        _ => String::new(),
    };
    match d.as_str() {
        "inbound" => (false, true),
        "outbound" => (true, false),
        "bidirectional" => (true, true),
        _ => (false, false),
    }
}

/// Infers an object's type from its fields (files without a type).
fn infer_type(rec: &Map<String, Value>) -> NodeKind {
    let p = rec.get("Properties").and_then(Value::as_object);
    let has = |k: &str| rec.contains_key(k);
    let prop = |k: &str| p.is_some_and(|p| p.contains_key(k));
    if has("Trusts") {
        NodeKind::Domain
    } else if has("HostingComputer") || has("EnabledCertTemplates") {
        NodeKind::EnterpriseCa
    } else if has("Sessions") || has("LocalGroups") || has("LocalAdmins") || prop("operatingsystem")
    {
        NodeKind::Computer
    } else if prop("gpcpath") {
        NodeKind::Gpo
    } else if has("Members") {
        NodeKind::Group
    } else if has("SPNTargets") || has("PrimaryGroupSID") {
        NodeKind::User
    } else if has("Links") || prop("blocksinheritance") {
        NodeKind::Ou
    } else if has("ChildObjects") {
        NodeKind::Container
    } else {
        NodeKind::Base
    }
}

impl Collection {
    /// Ingests one record; returns the object node, its inferred type and
    /// its properties (applied when the file's type is known).
    fn ingest(
        &mut self,
        rec: &Value,
        file: u32,
        index: usize,
    ) -> Option<(u32, NodeKind, Map<String, Value>)> {
        let Some(rec) = rec.as_object() else {
            self.unkeyed
                .push((index, None, format!("{} instead of an object", shape(rec))));
            return None;
        };
        let g = &mut self.graph;
        let mut bad = Bad::default();
        let origin = |rule: &str| Origin {
            file: Some(file),
            record: Some(index),
            rule: rule.to_string(),
            derived: false,
        };
        // Separate session files: {ComputerSID, UserSID, LogonType?}.
        if let (Some(c), Some(u)) = (
            rec.get("ComputerSID").and_then(s),
            rec.get("UserSID").and_then(s),
        ) && !rec.contains_key("ObjectIdentifier")
        {
            let c = g.node(c);
            let u = g.node(u);
            let mut p = Map::new();
            if let Some(lt) = rec.get("LogonType") {
                p.insert("logontype".into(), lt.clone());
            }
            g.edge(c, u, "HasSession", p, origin("sessions"));
            return None;
        }
        let raw_props = rec.get("Properties").and_then(Value::as_object);
        let Some(id) = rec
            .get("ObjectIdentifier")
            .and_then(s)
            .or_else(|| rec.get("objectid").and_then(s))
            .or_else(|| raw_props.and_then(|p| p.get("objectid")).and_then(s))
        else {
            let name = raw_props
                .and_then(|p| p.get("name"))
                .and_then(s)
                .map(str::to_string);
            let found = match rec.get("ObjectIdentifier") {
                None => "no ObjectIdentifier".to_string(),
                Some(v) => format!("ObjectIdentifier is {}", shape(v)),
            };
            self.unkeyed.push((index, name, found));
            return None;
        };
        let id = id.to_string();
        let me = g.node(&id);
        let mut node_props: Map<String, Value> = Map::new();
        if let Some(p) = raw_props {
            for (k, v) in p {
                node_props.insert(k.to_ascii_lowercase(), v.clone());
            }
        }
        node_props.insert(
            "isaclprotected".into(),
            Value::Bool(truthy(rec.get("IsACLProtected"))),
        );
        if truthy(rec.get("IsDeleted")) {
            node_props.insert("isdeleted".into(), Value::Bool(true));
        }
        // ACEs (also the CA's CASecurity).
        let ca_security = rec
            .get("CARegistryData")
            .and_then(|c| c.get("CASecurity"))
            .and_then(|c| c.get("Data"));
        for (field, aces) in [("Aces", rec.get("Aces")), ("CASecurity", ca_security)] {
            let path = if field == "Aces" {
                "Aces"
            } else {
                "CARegistryData.CASecurity.Data"
            };
            for (ai, ace) in list_at(aces, path, &mut bad).iter().enumerate() {
                if !ace.is_object() {
                    bad.push(format!("{path}[{ai}]"), "an object (an ACE)", ace);
                    continue;
                }
                let principal_v = ace.get("PrincipalSID").or_else(|| ace.get("PrincipalSid"));
                let Some(p) = principal_v.and_then(s) else {
                    bad.push(
                        format!("{path}[{ai}].PrincipalSID"),
                        "a SID string",
                        principal_v.unwrap_or(&Value::Null),
                    );
                    continue;
                };
                let right_v = ace.get("RightName");
                let Some(right) = right_v.and_then(s) else {
                    bad.push(
                        format!("{path}[{ai}].RightName"),
                        "a right name (GenericAll, WriteDacl…)",
                        right_v.unwrap_or(&Value::Null),
                    );
                    continue;
                };
                // The CA's own security descriptor gives only these edges.
                if field == "CASecurity"
                    && !matches!(right, "ManageCA" | "ManageCertificates" | "Enroll")
                {
                    continue;
                }
                let kind = match right {
                    "Owns" => "OwnsRaw",
                    "WriteOwner" => "WriteOwnerRaw",
                    r => r,
                };
                let pn = g.node(p);
                if pn == me {
                    // BloodHound drops an object's ACEs on itself.
                    continue;
                }
                if g.nodes[pn as usize].kind.is_none() {
                    g.nodes[pn as usize].kind = ace
                        .get("PrincipalType")
                        .and_then(Value::as_str)
                        .and_then(NodeKind::parse);
                    g.nodes[pn as usize]
                        .props
                        .insert("_weak".into(), Value::Bool(true));
                }
                let mut ep = Map::new();
                ep.insert("isacl".into(), Value::Bool(true));
                ep.insert(
                    "isinherited".into(),
                    Value::Bool(truthy(ace.get("IsInherited"))),
                );
                g.edge(pn, me, kind, ep, origin(&format!("{field}: {right}")));
            }
        }
        // Containment.
        if let Some(parent) = rec.get("ContainedBy").filter(|v| !v.is_null())
            && let Some(pn) = principal_at(g, parent, || "ContainedBy".into(), &mut bad)
        {
            g.edge(pn, me, "Contains", Map::new(), origin("ContainedBy"));
        }
        for (k, child) in list_at(rec.get("ChildObjects"), "ChildObjects", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(c) = principal_at(g, child, || format!("ChildObjects[{k}]"), &mut bad) {
                g.edge(me, c, "Contains", Map::new(), origin("ChildObjects"));
            }
        }
        // Membership.
        for (k, m) in list_at(rec.get("Members"), "Members", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(mn) = principal_at(g, m, || format!("Members[{k}]"), &mut bad) {
                g.edge(
                    mn,
                    me,
                    "MemberOf",
                    props(&[("isprimarygroup", Value::Bool(false))]),
                    origin("Members"),
                );
            }
        }
        if let Some(pg) = rec
            .get("PrimaryGroupSID")
            .or_else(|| rec.get("PrimaryGroupSid"))
            .and_then(s)
        {
            let pn = g.node(pg);
            if g.nodes[pn as usize].kind.is_none() {
                g.nodes[pn as usize].kind = Some(NodeKind::Group);
                g.nodes[pn as usize]
                    .props
                    .insert("_weak".into(), Value::Bool(true));
            }
            g.edge(
                me,
                pn,
                "MemberOf",
                props(&[("isprimarygroup", Value::Bool(true))]),
                origin("PrimaryGroupSID"),
            );
        }
        // Delegation, SID history, sMSA.
        for (k, t) in list_at(rec.get("AllowedToDelegate"), "AllowedToDelegate", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(tn) = principal_at(g, t, || format!("AllowedToDelegate[{k}]"), &mut bad) {
                g.edge(
                    me,
                    tn,
                    "AllowedToDelegate",
                    Map::new(),
                    origin("AllowedToDelegate"),
                );
            }
        }
        for (k, p) in list_at(rec.get("AllowedToAct"), "AllowedToAct", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(pn) = principal_at(g, p, || format!("AllowedToAct[{k}]"), &mut bad) {
                g.edge(pn, me, "AllowedToAct", Map::new(), origin("AllowedToAct"));
            }
        }
        for (k, h) in list_at(rec.get("HasSIDHistory"), "HasSIDHistory", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(hn) = principal_at(g, h, || format!("HasSIDHistory[{k}]"), &mut bad) {
                g.edge(me, hn, "HasSIDHistory", Map::new(), origin("HasSIDHistory"));
            }
        }
        for (k, t) in list_at(rec.get("DumpSMSAPassword"), "DumpSMSAPassword", &mut bad)
            .iter()
            .enumerate()
        {
            if let Some(tn) = principal_at(g, t, || format!("DumpSMSAPassword[{k}]"), &mut bad) {
                g.edge(
                    me,
                    tn,
                    "DumpSMSAPassword",
                    Map::new(),
                    origin("DumpSMSAPassword"),
                );
            }
        }
        for (k, t) in list_at(
            rec.get("SPNTargets").or_else(|| rec.get("SpnTargets")),
            "SPNTargets",
            &mut bad,
        )
        .iter()
        .enumerate()
        {
            let Some(c) = t.get("ComputerSID").and_then(s) else {
                bad.push(
                    format!("SPNTargets[{k}].ComputerSID"),
                    "a SID string",
                    t.get("ComputerSID").unwrap_or(t),
                );
                continue;
            };
            let service = t.get("Service").and_then(s).unwrap_or("SQLAdmin");
            let cn = g.node(c);
            let mut p = Map::new();
            p.insert("isacl".into(), Value::Bool(true));
            if let Some(port) = t.get("Port") {
                p.insert("port".into(), port.clone());
            }
            g.edge(me, cn, service, p, origin("SPNTargets"));
        }
        // Sessions on a computer.
        for field in ["Sessions", "PrivilegedSessions", "RegistrySessions"] {
            for (k, r) in list_at(rec.get(field), field, &mut bad).iter().enumerate() {
                let Some(u) = r
                    .get("UserSID")
                    .or_else(|| r.get("UserId"))
                    .or_else(|| r.get("UserSid"))
                    .and_then(s)
                else {
                    bad.push(
                        format!("{field}[{k}].UserSID"),
                        "a SID string",
                        r.get("UserSID").unwrap_or(r),
                    );
                    continue;
                };
                let c = r
                    .get("ComputerSID")
                    .or_else(|| r.get("ComputerId"))
                    .and_then(s)
                    .map(|c| g.node(c))
                    .unwrap_or(me);
                let un = g.node(u);
                g.edge(c, un, "HasSession", Map::new(), origin(field));
            }
        }
        // Local groups (v5/v6) and the v4 lists.
        let comp_name = node_props
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string);
        for (k, lg) in list_at(rec.get("LocalGroups"), "LocalGroups", &mut bad)
            .iter()
            .enumerate()
        {
            let Some(gid) = lg.get("ObjectIdentifier").and_then(s) else {
                bad.push(
                    format!("LocalGroups[{k}].ObjectIdentifier"),
                    "a SID string",
                    lg.get("ObjectIdentifier").unwrap_or(lg),
                );
                continue;
            };
            let members = list_at(
                lg.get("Results"),
                &format!("LocalGroups[{k}].Results"),
                &mut bad,
            );
            let gn = g.node(gid);
            {
                let node = &mut g.nodes[gn as usize];
                if node.kind.is_none() || node.props.contains_key("_weak") {
                    node.kind = Some(NodeKind::LocalGroup);
                    node.props.remove("_weak");
                }
                if let Some(n) = lg.get("Name").and_then(s)
                    && !node.props.contains_key("name")
                {
                    node.props.insert("name".into(), n.into());
                }
            }
            if members.is_empty() {
                continue;
            }
            g.edge(gn, me, "LocalToComputer", Map::new(), origin("LocalGroups"));
            for (j, m) in members.iter().enumerate() {
                if let Some(mn) =
                    principal_at(g, m, || format!("LocalGroups[{k}].Results[{j}]"), &mut bad)
                {
                    g.edge(
                        mn,
                        gn,
                        "MemberOfLocalGroup",
                        Map::new(),
                        origin("LocalGroups"),
                    );
                }
            }
        }
        for (field, kind) in [
            ("LocalAdmins", "AdminTo"),
            ("RemoteDesktopUsers", "CanRDP"),
            ("DcomUsers", "ExecuteDCOM"),
            ("PSRemoteUsers", "CanPSRemote"),
        ] {
            for (k, m) in list_at(rec.get(field), field, &mut bad).iter().enumerate() {
                if let Some(mn) = principal_at(g, m, || format!("{field}[{k}]"), &mut bad) {
                    g.edge(mn, me, kind, Map::new(), origin(field));
                }
            }
        }
        for (k, ur) in list_at(rec.get("UserRights"), "UserRights", &mut bad)
            .iter()
            .enumerate()
        {
            let privilege = ur.get("Privilege").and_then(s).unwrap_or("");
            if privilege != "SeRemoteInteractiveLogonRight" {
                continue;
            }
            node_props.insert("hasura".into(), Value::Bool(true));
            let path = format!("UserRights[{k}].Results");
            for (j, m) in list_at(ur.get("Results"), &path, &mut bad)
                .iter()
                .enumerate()
            {
                if let Some(mn) = principal_at(g, m, || format!("{path}[{j}]"), &mut bad) {
                    g.edge(
                        mn,
                        me,
                        "RemoteInteractiveLogonRight",
                        Map::new(),
                        origin("UserRights"),
                    );
                }
            }
        }
        let _ = comp_name;
        // GPO links.
        for (k, l) in list_at(rec.get("Links"), "Links", &mut bad)
            .iter()
            .enumerate()
        {
            let Some(guid) = l.get("GUID").or_else(|| l.get("Guid")).and_then(s) else {
                bad.push(
                    format!("Links[{k}].GUID"),
                    "a GPO GUID string",
                    l.get("GUID").unwrap_or(l),
                );
                continue;
            };
            let gpo = g.node(guid.trim_matches(|c| c == '{' || c == '}'));
            if g.nodes[gpo as usize].kind.is_none() {
                g.nodes[gpo as usize].kind = Some(NodeKind::Gpo);
                g.nodes[gpo as usize]
                    .props
                    .insert("_weak".into(), Value::Bool(true));
            }
            g.edge(
                gpo,
                me,
                "GPLink",
                props(&[("enforced", Value::Bool(truthy(l.get("IsEnforced"))))]),
                origin("Links"),
            );
        }
        // Local group members set by group policy on the affected computers.
        let gpo_changes = rec.get("GPOChanges").filter(|v| !v.is_null());
        if let Some(v) = gpo_changes
            && !v.is_object()
        {
            bad.push("GPOChanges".into(), "an object", v);
        }
        if let Some(ch) = gpo_changes.and_then(Value::as_object) {
            let affected: Vec<u32> = list_at(
                ch.get("AffectedComputers"),
                "GPOChanges.AffectedComputers",
                &mut bad,
            )
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                let id = ref_id(c);
                if id.is_none() {
                    bad.push(format!("GPOChanges.AffectedComputers[{k}]"), EXPECT_REF, c);
                }
                id.map(|c| g.node(c))
            })
            .collect();
            for (field, rid) in [
                ("LocalAdmins", "544"),
                ("RemoteDesktopUsers", "555"),
                ("DcomUsers", "562"),
                ("PSRemoteUsers", "580"),
            ] {
                let path = format!("GPOChanges.{field}");
                let principals: Vec<u32> = list_at(ch.get(field), &path, &mut bad)
                    .iter()
                    .enumerate()
                    .filter_map(|(k, m)| principal_at(g, m, || format!("{path}[{k}]"), &mut bad))
                    .collect();
                if principals.is_empty() {
                    continue;
                }
                for &c in &affected {
                    let cid = g.nodes[c as usize].objectid.clone();
                    let lg = g.node(&format!("{cid}-{rid}"));
                    if g.nodes[lg as usize].kind.is_none() {
                        g.nodes[lg as usize].kind = Some(NodeKind::LocalGroup);
                    }
                    g.edge(lg, c, "LocalToComputer", Map::new(), origin("GPOChanges"));
                    for &p in &principals {
                        g.edge(
                            p,
                            lg,
                            "MemberOfLocalGroup",
                            Map::new(),
                            origin(&format!("GPOChanges: {field}")),
                        );
                    }
                }
            }
        }
        // Trusts.
        for (k, t) in list_at(rec.get("Trusts"), "Trusts", &mut bad)
            .iter()
            .enumerate()
        {
            let Some(tsid) = t.get("TargetDomainSid").and_then(s) else {
                bad.push(
                    format!("Trusts[{k}].TargetDomainSid"),
                    "a domain SID string",
                    t.get("TargetDomainSid").unwrap_or(t),
                );
                continue;
            };
            let tn = g.node(tsid);
            {
                let node = &mut g.nodes[tn as usize];
                if node.kind.is_none() || node.props.contains_key("_weak") {
                    node.kind = Some(NodeKind::Domain);
                }
                if let Some(name) = t.get("TargetDomainName").and_then(s)
                    && !node.props.contains_key("name")
                {
                    node.props
                        .insert("name".into(), name.to_ascii_uppercase().into());
                }
            }
            let ty = trust_type(t.get("TrustType"));
            // BloodHound: only these stay inside a forest; Shortcut, Forest,
            // External, Realm/Kerberos and Unknown are cross-forest.
            let same_forest = matches!(ty.as_str(), "ParentChild" | "TreeRoot" | "CrossLink");
            let kind = if same_forest {
                "SameForestTrust"
            } else {
                "CrossForestTrust"
            };
            let transitive = Value::Bool(truthy(t.get("IsTransitive")));
            let filtering = truthy(t.get("SidFilteringEnabled"));
            let (outbound, inbound) = trust_direction(t.get("TrustDirection"));
            if outbound {
                g.edge(
                    me,
                    tn,
                    kind,
                    props(&[
                        ("trusttype", ty.clone().into()),
                        ("transitive", transitive.clone()),
                        ("spoofsidhistoryblocked", Value::Bool(filtering)),
                    ]),
                    origin("Trusts"),
                );
                if !same_forest && !filtering {
                    g.edge(
                        tn,
                        me,
                        "SpoofSIDHistory",
                        props(&[("trusttype", ty.clone().into())]),
                        origin("Trusts (no SID filtering)"),
                    );
                }
            }
            if inbound {
                if !same_forest && truthy(t.get("TGTDelegationEnabled")) {
                    g.edge(
                        tn,
                        me,
                        "AbuseTGTDelegation",
                        props(&[("trusttype", ty.clone().into())]),
                        origin("Trusts (TGT delegation)"),
                    );
                }
                g.edge(
                    tn,
                    me,
                    kind,
                    props(&[("trusttype", ty.clone().into()), ("transitive", transitive)]),
                    origin("Trusts"),
                );
            }
        }
        // ADCS.
        if let Some(h) = rec.get("HostingComputer").and_then(s) {
            let c = g.node(h);
            g.edge(
                c,
                me,
                "HostsCAService",
                Map::new(),
                origin("HostingComputer"),
            );
        }
        for (k, t) in list_at(
            rec.get("EnabledCertTemplates"),
            "EnabledCertTemplates",
            &mut bad,
        )
        .iter()
        .enumerate()
        {
            if let Some(tn) = principal_at(g, t, || format!("EnabledCertTemplates[{k}]"), &mut bad)
            {
                g.edge(
                    tn,
                    me,
                    "PublishedTo",
                    Map::new(),
                    origin("EnabledCertTemplates"),
                );
            }
        }
        if let Some(ca) = rec.get("CARegistryData").and_then(Value::as_object) {
            for (field, prop) in [
                ("IsUserSpecifiesSanEnabled", "isuserspecifiessanenabled"),
                ("RoleSeparationEnabled", "roleseparationenabled"),
            ] {
                if let Some(v) = ca.get(field).and_then(|v| v.get("Value"))
                    && !v.is_null()
                {
                    node_props.insert(prop.into(), v.clone());
                }
            }
            let restrictions = ca
                .get("EnrollmentAgentRestrictions")
                .and_then(|r| r.get("Restrictions"));
            for r in list(restrictions) {
                if r.get("AccessType").and_then(Value::as_str) == Some("AccessDeniedCallback") {
                    continue;
                }
                let Some(agent) = r.get("Agent").and_then(|a| principal(g, a)) else {
                    continue;
                };
                if truthy(r.get("AllTemplates")) {
                    for t in list(rec.get("EnabledCertTemplates")) {
                        if let Some(tn) = principal(g, t) {
                            g.edge(
                                agent,
                                tn,
                                "DelegatedEnrollmentAgent",
                                Map::new(),
                                origin("EnrollmentAgentRestrictions (all templates)"),
                            );
                        }
                    }
                    continue;
                }
                if let Some(t) = r.get("Template").and_then(|t| principal(g, t)) {
                    g.edge(
                        agent,
                        t,
                        "DelegatedEnrollmentAgent",
                        Map::new(),
                        origin("EnrollmentAgentRestrictions"),
                    );
                }
            }
        }
        if let Some(dc) = rec.get("DCRegistryData").and_then(Value::as_object) {
            for (field, prop) in [
                ("CertificateMappingMethods", "certificatemappingmethods"),
                (
                    "StrongCertificateBindingEnforcement",
                    "strongcertificatebindingenforcement",
                ),
            ] {
                if let Some(v) = dc.get(field).and_then(|v| v.get("Value"))
                    && !v.is_null()
                {
                    node_props.insert(prop.into(), v.clone());
                }
            }
        }
        if let Some(d) = rec.get("DomainSID").and_then(s) {
            node_props
                .entry("domainsid")
                .or_insert_with(|| d.to_string().into());
        }
        if let Some(gl) = rec.get("GroupLink").filter(|v| !v.is_null())
            && let Some(gn) = principal(g, gl)
        {
            g.edge(me, gn, "OIDGroupLink", Map::new(), origin("GroupLink"));
        }
        if truthy(rec.get("IsDC")) {
            node_props.insert("isdc".into(), Value::Bool(true));
        }
        if !bad.0.is_empty() {
            let file_name = g.files.get(file as usize).map_or("", String::as_str);
            let who = match node_props.get("name").and_then(s) {
                Some(name) => format!("{name}, {id}"),
                None => id.clone(),
            };
            for (path, expected, found) in bad.0 {
                self.malformed.push(format!(
                    "{file_name} record {index} ({who}): {path}: expected {expected}, found {found}; skipped"
                ));
            }
        }
        self.objects += 1;
        Some((me, infer_type(rec), node_props))
    }

    /// Edges that depend on the object's type, once it is known.
    fn apply(
        &mut self,
        node: u32,
        kind: NodeKind,
        mut p: Map<String, Value>,
        file: u32,
        index: usize,
    ) {
        let g = &mut self.graph;
        let origin = |rule: &str| Origin {
            file: Some(file),
            record: Some(index),
            rule: rule.to_string(),
            derived: false,
        };
        let domainsid = p
            .get("domainsid")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_ascii_uppercase());
        match kind {
            NodeKind::RootCa | NodeKind::NtAuthStore => {
                if let Some(d) = &domainsid {
                    let dn = g.node(d);
                    let k = if kind == NodeKind::RootCa {
                        "RootCAFor"
                    } else {
                        "NTAuthStoreFor"
                    };
                    g.edge(node, dn, k, Map::new(), origin("DomainSID"));
                }
            }
            NodeKind::Computer | NodeKind::User => {
                let enabled = p.get("enabled").map(|v| truthy(Some(v))).unwrap_or(true);
                if truthy(p.get("isdc"))
                    && let Some(d) = &domainsid
                {
                    let dn = g.node(d);
                    g.edge(node, dn, "DCFor", Map::new(), origin("IsDC"));
                } else if truthy(p.get("unconstraineddelegation"))
                    && enabled
                    && let Some(d) = &domainsid
                {
                    let dn = g.node(d);
                    g.edge(
                        node,
                        dn,
                        "CoerceToTGT",
                        Map::new(),
                        origin("unconstraineddelegation"),
                    );
                }
            }
            _ => {}
        }
        let n = &mut g.nodes[node as usize];
        if n.kind.is_none() || n.props.contains_key("_weak") || n.origin.is_none() {
            n.kind = Some(kind);
        }
        n.props.remove("_weak");
        // The record's properties win over what references said.
        for (k, v) in std::mem::take(&mut p) {
            n.props.insert(k, v);
        }
        n.origin = Some((file, index));
    }
}

/// File types that hold AD objects or sessions.
fn supported_type(t: &str) -> bool {
    NodeKind::parse(t).is_some() || t.eq_ignore_ascii_case("sessions")
}

// --------------------------------------------------------------- streaming

/// Skips a UTF-8 byte-order mark at the start of a reader.
pub(crate) struct SkipBom<R> {
    inner: R,
    start: Option<([u8; 3], usize, usize)>,
}

impl<R: Read> SkipBom<R> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: R) -> Self {
        SkipBom { inner, start: None }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.start.is_none() {
            let mut head = [0u8; 3];
            let mut n = 0;
            while n < 3 {
                let k = self.inner.read(&mut head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            let skip = if n == 3 && head == [0xEF, 0xBB, 0xBF] {
                3
            } else {
                0
            };
            self.start = Some((head, skip, n));
        }
        if let Some((head, pos, n)) = &mut self.start
            && *pos < *n
        {
            let k = (*n - *pos).min(buf.len());
            buf[..k].copy_from_slice(&head[*pos..*pos + k]);
            *pos += k;
            return Ok(k);
        }
        self.inner.read(buf)
    }
}

/// Counts bytes and enforces [`Limits`].
struct Counted<R> {
    inner: R,
    read: Rc<Cell<u64>>,
    record_start: Rc<Cell<u64>>,
    max_record: u64,
    /// Bytes read from the archive before this entry, and the archive cap.
    archive: Option<(u64, u64)>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        let total = self.read.get() + k as u64;
        self.read.set(total);
        if total - self.record_start.get() > self.max_record {
            return Err(std::io::Error::other(format!(
                "a record is larger than the per-record limit of {} MiB (max_record_bytes); \
                 if the collection is genuine, raise it with --max-record-mib",
                self.max_record >> 20
            )));
        }
        if let Some((before, cap)) = self.archive
            && before + total > cap
        {
            return Err(std::io::Error::other(format!(
                "the archive expands beyond the limit of {} GiB of uncompressed data \
                 (max_unzipped_bytes); if the collection is genuine, raise it with --max-unzipped-gib",
                cap >> 30
            )));
        }
        Ok(k)
    }
}

/// A record whose object type is applied at the end of its file: (node,
/// inferred type, properties, record index).
type Staged = (u32, NodeKind, Map<String, Value>, usize);

struct FileCtx<'a> {
    coll: RefCell<&'a mut Collection>,
    file: u32,
    index: RefCell<Option<usize>>,
    last_id: RefCell<Option<String>>,
    meta: RefCell<Option<Map<String, Value>>>,
    records: RefCell<usize>,
    staged: RefCell<Vec<Staged>>,
    read: Rc<Cell<u64>>,
    record_start: Rc<Cell<u64>>,
}

struct TopSeed<'a, 'b>(&'b FileCtx<'a>);

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a SharpHound JSON object with `data` and `meta`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut saw_data = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "data" => {
                    map.next_value_seed(DataSeed(self.0))?;
                    saw_data = true;
                }
                "meta" => {
                    let m: Value = map.next_value()?;
                    *self.0.meta.borrow_mut() = m.as_object().cloned();
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !saw_data {
            return Err(de::Error::custom(
                "no `data` list: not a SharpHound collection file",
            ));
        }
        Ok(())
    }
}

struct DataSeed<'a, 'b>(&'b FileCtx<'a>);

impl<'de> DeserializeSeed<'de> for DataSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let ctx = self.0;
        let mut i = 0usize;
        loop {
            *ctx.index.borrow_mut() = Some(i);
            ctx.record_start.set(ctx.read.get());
            match seq.next_element::<Value>()? {
                Some(o) => {
                    if let Some(id) = o.get("ObjectIdentifier").and_then(Value::as_str) {
                        *ctx.last_id.borrow_mut() = Some(id.to_string());
                    }
                    if let Some((n, k, p)) = ctx.coll.borrow_mut().ingest(&o, ctx.file, i) {
                        ctx.staged.borrow_mut().push((n, k, p, i));
                    }
                    i += 1;
                }
                None => break,
            }
        }
        *ctx.index.borrow_mut() = None;
        *ctx.records.borrow_mut() = i;
        Ok(())
    }
}

fn name_of(g: &AdGraph, file: u32) -> &str {
    g.files.get(file as usize).map_or("", String::as_str)
}

fn name_path(name: &str) -> PathBuf {
    PathBuf::from(name)
}

/// The type a file name tells (`computers.json`, `20240101_users.json`,
/// `archive.zip!sessions.json`).
fn type_from_name(name: &str) -> Option<String> {
    let s = name.to_ascii_lowercase();
    let s = s.trim_end_matches(".json");
    let s = s.rsplit(['_', '-', '/', '\\', '!']).next().unwrap_or(s);
    supported_type(s).then(|| s.to_string())
}

/// Reads one collection file (JSON) into `coll`. `name` names it in errors
/// and may tell its type (`computers.json`, `20240101_users.json`); the
/// file's `meta.type` wins.
pub fn read_json(coll: &mut Collection, name: &str, reader: impl Read) -> Result<(), ImportError> {
    read_json_counted(coll, name, reader, None)
}

fn read_json_counted(
    coll: &mut Collection,
    name: &str,
    reader: impl Read,
    archive: Option<(Rc<Cell<u64>>, u64)>,
) -> Result<(), ImportError> {
    let file = coll.graph.files.len() as u32;
    coll.graph.files.push(name.to_string());
    let nodes_before = coll.graph.nodes.len();
    let malformed_before = coll.malformed.len();
    coll.unkeyed.clear();
    let edges_before = coll.graph.edges.len();
    let objects_before = coll.objects;
    let read = Rc::new(Cell::new(0u64));
    let record_start = Rc::new(Cell::new(0u64));
    let counted = Counted {
        inner: SkipBom::new(BufReader::with_capacity(1 << 16, reader)),
        read: read.clone(),
        record_start: record_start.clone(),
        max_record: coll.limits.max_record_bytes,
        archive: archive.as_ref().map(|(c, cap)| (c.get(), *cap)),
    };
    let ctx = FileCtx {
        coll: RefCell::new(coll),
        file,
        index: RefCell::new(None),
        last_id: RefCell::new(None),
        meta: RefCell::new(None),
        records: RefCell::new(0),
        staged: RefCell::new(Vec::new()),
        read: read.clone(),
        record_start,
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, counted));
    let result = TopSeed(&ctx).deserialize(&mut de).and_then(|_| de.end());
    let index = *ctx.index.borrow();
    let last_id = ctx.last_id.borrow().clone();
    let meta = ctx.meta.borrow_mut().take();
    let records = *ctx.records.borrow();
    let staged = std::mem::take(&mut *ctx.staged.borrow_mut());
    drop(ctx);
    if let Some((c, _)) = &archive {
        c.set(c.get() + read.get());
    }
    if let Err(e) = result {
        let id = last_id.map(|id| format!("after {id}"));
        return Err(ImportError::json(name, index, id, &e));
    }
    let meta_type = meta
        .as_ref()
        .and_then(|m| m.get("type"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let file_type = meta_type.clone().or_else(|| type_from_name(name));
    if let Some(t) = &file_type
        && !supported_type(t)
    {
        // Roll back what the file added: it is not an AD collection file.
        coll.graph.retain_edges_from(edges_before);
        coll.graph.truncate_nodes(nodes_before);
        coll.objects = objects_before;
        coll.malformed.truncate(malformed_before);
        coll.unkeyed.clear();
        if t == "azure" {
            coll.azure_files.push(name.to_string());
            coll.graph.notes.push(format!(
                "{name}: AzureHound output (meta.type azure) is not supported: cordon imports \
                 Active Directory collections (SharpHound, bloodhound.py, RustHound); the file was skipped"
            ));
        } else {
            coll.graph.notes.push(format!(
                "{name}: file type `{t}` is not used by cordon ({records} records skipped)"
            ));
        }
        return Ok(());
    }
    if let Some((index, name, found)) = coll.unkeyed.first().cloned() {
        let more = coll.unkeyed.len() - 1;
        coll.unkeyed.clear();
        return Err(ImportError::Parse {
            path: name_path(name_of(&coll.graph, file)),
            record: Record {
                index: Some(index),
                id: name,
                line: None,
                column: None,
            },
            message: format!(
                "{found}: the record cannot be keyed, so neither it nor the edges it declares \
                 can be imported{}; every SharpHound record has an ObjectIdentifier (its SID or \
                 GUID) — re-collect, or fix the record (or remove it) and import again",
                if more > 0 {
                    format!(" ({more} more such records in this file)")
                } else {
                    String::new()
                }
            ),
        });
    }
    let kind = file_type.as_deref().and_then(NodeKind::parse);
    for (node, inferred, props, i) in staged {
        coll.apply(node, kind.unwrap_or(inferred), props, file, i);
    }
    if let Some(m) = &meta
        && let Some(count) = m.get("count").and_then(|c| {
            c.as_u64()
                .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
        })
        && count as usize != records
    {
        coll.graph.notes.push(format!(
            "{name}: meta.count says {count} records, the file holds {records}"
        ));
    }
    Ok(())
}

/// Expands inputs (zips, directories, JSON files) into the list of JSON
/// sources, sorted, with their sizes.
fn list_inputs(paths: &[PathBuf]) -> Result<Vec<(PathBuf, u64)>, ImportError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| ImportError::Io {
            path: p.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut v = Vec::new();
            let rd = std::fs::read_dir(p).map_err(|source| ImportError::Io {
                path: p.clone(),
                source,
            })?;
            for e in rd {
                let e = e.map_err(|source| ImportError::Io {
                    path: p.clone(),
                    source,
                })?;
                let path = e.path();
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if path.is_file() && matches!(ext.as_deref(), Some("json" | "zip")) {
                    let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                    v.push((path, len));
                }
            }
            v.sort();
            out.extend(v);
        } else {
            out.push((p.clone(), meta.len()));
        }
    }
    Ok(out)
}

/// Reads SharpHound collections (zip files, directories of JSON files, JSON
/// files) into a [`Collection`].
pub fn read_collection(paths: &[PathBuf], progress: bool) -> Result<Collection, ImportError> {
    read_collection_with(paths, progress, Limits::default())
}

/// [`read_collection`] with explicit size limits.
pub fn read_collection_with(
    paths: &[PathBuf],
    progress: bool,
    limits: Limits,
) -> Result<Collection, ImportError> {
    let inputs = list_inputs(paths)?;
    let total: u64 = inputs.iter().map(|(_, n)| n).sum();
    let bar = crate::progress::bytes(total, "reading SharpHound", progress);
    let mut coll = Collection::with_limits(limits);
    for (path, _) in &inputs {
        let is_zip = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if is_zip {
            read_zip(&mut coll, path, &bar)?;
        } else {
            let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
                path: path.clone(),
                source,
            })?;
            read_json(&mut coll, &path.display().to_string(), bar.wrap_read(f))?;
        }
    }
    bar.finish_and_clear();
    coll.report_malformed();
    Ok(coll)
}

/// How many malformed entries are listed one by one in the notes (the
/// headline counts them all).
const MALFORMED_LISTED: usize = 20;

impl Collection {
    /// Adds the malformed entries to the notes: one headline with the count,
    /// then the first [`MALFORMED_LISTED`] located entries.
    pub fn report_malformed(&mut self) {
        let n = self.malformed.len();
        if n == 0 {
            return;
        }
        self.graph.notes.push(format!(
            "{n} malformed {} skipped (the edges they declare are missing, \
             and so are the paths through them): fix the collection or \
             re-collect, then import again",
            if n == 1 { "entry" } else { "entries" }
        ));
        for m in self.malformed.iter().take(MALFORMED_LISTED) {
            self.graph.notes.push(m.clone());
        }
        if n > MALFORMED_LISTED {
            self.graph.notes.push(format!(
                "… and {} more malformed entries (`cordon import --json` lists the same notes)",
                n - MALFORMED_LISTED
            ));
        }
    }
}

fn read_zip(
    coll: &mut Collection,
    path: &Path,
    bar: &indicatif::ProgressBar,
) -> Result<(), ImportError> {
    let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |message: String| ImportError::Parse {
        path: path.to_path_buf(),
        record: Record::default(),
        message,
    };
    let zip_len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut zip = zip::ZipArchive::new(BufReader::new(f))
        .map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
    let mut names: Vec<(String, usize)> = (0..zip.len())
        .filter_map(|i| zip.name_for_index(i)?.ok().map(|n| (n.to_string(), i)))
        .filter(|(n, _)| n.to_ascii_lowercase().ends_with(".json"))
        .collect();
    names.sort();
    check_duplicate_entries(path, zip.len())?;
    if names.is_empty() {
        return Err(bad("the archive holds no .json file".into()));
    }
    // The bar counts uncompressed bytes inside archives.
    let unpacked: u64 = names
        .iter()
        .filter_map(|(_, i)| zip.by_index_raw(*i).ok().map(|e| e.size()))
        .sum();
    bar.inc_length(unpacked.saturating_sub(zip_len));
    // Entries are read by index: two entries with the same name are both
    // read (F14), each named with its index in errors and notes.
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for (n, _) in &names {
        *counts.entry(n.as_str()).or_default() += 1;
    }
    let dups: Vec<String> = counts
        .iter()
        .filter(|(_, c)| **c > 1)
        .map(|(n, c)| format!("{n} ({c} times)"))
        .collect();
    let total = Rc::new(Cell::new(0u64));
    let cap = coll.limits.max_unzipped_bytes;
    for (name, i) in &names {
        let entry = zip
            .by_index(*i)
            .map_err(|e| bad(format!("cannot read {name}: {e}")))?;
        let label = if counts.get(name.as_str()).copied().unwrap_or(0) > 1 {
            format!("{}!{name}#{i}", path.display())
        } else {
            format!("{}!{name}", path.display())
        };
        read_json_counted(
            coll,
            &label,
            bar.wrap_read(entry),
            Some((total.clone(), cap)),
        )?;
    }
    if !dups.is_empty() {
        let mut d = dups;
        d.sort();
        coll.graph.notes.push(format!(
            "{}: entries with the same name were all read: {}",
            path.display(),
            d.join(", ")
        ));
    }
    Ok(())
}

/// The number of entries a zip's end-of-central-directory record declares
/// (`None` for ZIP64 or when it cannot be found).
fn declared_zip_entries(path: &Path) -> Option<u64> {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let tail = len.min(65_557);
    f.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut buf = vec![0u8; tail as usize];
    f.read_exact(&mut buf).ok()?;
    let pos = buf
        .windows(4)
        .rposition(|w| w == [0x50, 0x4b, 0x05, 0x06])?;
    let total = u16::from_le_bytes([*buf.get(pos + 10)?, *buf.get(pos + 11)?]);
    (total != 0xFFFF).then_some(total as u64)
}

/// F14: the zip reader keeps one entry per name, so an archive whose entries
/// share a name would lose some silently: refuse it instead.
pub(crate) fn check_duplicate_entries(path: &Path, distinct: usize) -> Result<(), ImportError> {
    match declared_zip_entries(path) {
        Some(total) if total > distinct as u64 => Err(ImportError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "the archive holds {total} entries but only {distinct} distinct names: entries \
                 with the same name cannot all be read; unpack it, rename the duplicates and \
                 import the directory"
            ),
        }),
        _ => Ok(()),
    }
}

/// Reads SharpHound inputs, runs BloodHound's post-processing and maps the
/// result: the whole importer.
pub fn import(paths: &[PathBuf], options: &Options) -> Result<Estate, ImportError> {
    import_with(paths, options, Limits::default())
}

/// [`import`] with explicit size limits.
pub fn import_with(
    paths: &[PathBuf],
    options: &Options,
    limits: Limits,
) -> Result<Estate, ImportError> {
    let coll = read_collection_with(paths, options.progress, limits)?;
    check_not_empty(&coll, paths)?;
    Ok(coll.to_estate(options))
}

/// Reads SharpHound inputs and returns both the estate and the analysed AD
/// graph (the CLI writes the graph next to the model for `--analyzed`
/// exports).
pub fn import_graph(
    paths: &[PathBuf],
    options: &Options,
    limits: Limits,
) -> Result<(Estate, AdGraph), ImportError> {
    let coll = read_collection_with(paths, options.progress, limits)?;
    check_not_empty(&coll, paths)?;
    let g = coll.into_analyzed();
    let e = crate::ad::map::to_estate(&g, "sharphound", &options.zone);
    Ok((e, g))
}

/// Reads and analyses SharpHound inputs: the AD graph after BloodHound's
/// post-processing (for `--analyzed` exports and comparisons).
pub fn analyzed_graph(paths: &[PathBuf], limits: Limits) -> Result<AdGraph, ImportError> {
    let coll = read_collection_with(paths, false, limits)?;
    check_not_empty(&coll, paths)?;
    Ok(coll.into_analyzed())
}

fn check_not_empty(coll: &Collection, paths: &[PathBuf]) -> Result<(), ImportError> {
    if !coll.is_empty() {
        return Ok(());
    }
    let path = paths.first().cloned().unwrap_or_default();
    if !coll.azure_files.is_empty() {
        return Err(ImportError::Invalid {
            path,
            message: "AzureHound output (meta.type azure) is not supported: cordon imports Active \
                      Directory collections (SharpHound, bloodhound.py, RustHound)"
                .into(),
        });
    }
    let skipped = coll.graph.notes.join("; ");
    Err(ImportError::Invalid {
        path,
        message: format!(
            "no SharpHound object found (expected JSON files with a `data` list, a zip of them, or a directory){}",
            if skipped.is_empty() {
                String::new()
            } else {
                format!(": {skipped}")
            }
        ),
    })
}
