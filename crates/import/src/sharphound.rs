//! SharpHound / BloodHound collector JSON (format v4, v5 and v6): users,
//! computers, groups, domains, GPOs, OUs and containers, from a zip, a
//! directory or files. Files are streamed: each record is deserialised into
//! a small typed struct and reduced to what the mapping needs at once; no
//! `serde_json::Value` tree is built.
//!
//! The mapping onto cordon (docs/import.md has it edge by edge):
//!
//! | BloodHound | cordon |
//! |---|---|
//! | domain | `active-directory` component (crown jewel when `highvalue`) |
//! | computer | `server-os` or `workstation` by OS string, tagged `domain-joined` (so the domain controls it, a catalog default); DCs tagged `domain-controller` and `controls` their domain |
//! | user, group | `iam` components tagged `ad-user` / `ad-group` |
//! | GPO | `secrets-management` component tagged `gpo` |
//! | MemberOf, AdminTo, ACL control rights, DCSync, delegation, GPLink | `controls` with the edge names as `protocol` |
//! | CanRDP, CanPSRemote, ExecuteDCOM | `connects` (a logon, not admin) |
//! | HasSession (U on C) | a `stored-credentials` weakness on U with `stored_on: C` |

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{ImportError, Record};
use crate::estate::{ComponentDecl, Estate, IdAllocator, InteractionDecl, WeaknessDecl};

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

/// ACL rights that hand control of the target object to the principal.
pub const CONTROL_RIGHTS: &[&str] = &[
    "GenericAll",
    "GenericWrite",
    "WriteDacl",
    "WriteOwner",
    "Owns",
    "ForceChangePassword",
    "AddMember",
    "AddSelf",
    "AllExtendedRights",
    "AddKeyCredentialLink",
    "AddAllowedToAct",
    "WriteAccountRestrictions",
    "WriteSPN",
    "ReadLAPSPassword",
    "SyncLAPSPassword",
    "ReadGMSAPassword",
    "OwnsLimitedRights",
    "WriteOwnerLimitedRights",
];

// ---------------------------------------------------------------- raw records

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A property that is usually a bool but may be null, a number or a string.
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v != 0.0))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.eq_ignore_ascii_case("true") || v == "1"))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(V)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A property that is usually a string but may be null or another scalar.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(V)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawProps {
    #[serde(deserialize_with = "lenient_string")]
    name: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    domain: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    domainsid: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    operatingsystem: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    gpcpath: Option<String>,
    #[serde(deserialize_with = "lenient_bool")]
    highvalue: Option<bool>,
    #[serde(deserialize_with = "lenient_bool", alias = "isTierZero")]
    istierzero: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    enabled: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    admincount: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    unconstraineddelegation: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    hasspn: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    dontreqpreauth: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    isdc: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    haslaps: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    blocksinheritance: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    pwdneverexpires: Option<bool>,
}

#[derive(Deserialize)]
struct TypedRef {
    #[serde(rename = "ObjectIdentifier", alias = "MemberId", alias = "ObjectId")]
    id: String,
    #[serde(
        rename = "ObjectType",
        alias = "MemberType",
        default,
        deserialize_with = "lenient_string"
    )]
    #[allow(dead_code)]
    ty: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RefOrSid {
    Ref(TypedRef),
    Sid(String),
}

impl RefOrSid {
    fn id(&self) -> &str {
        match self {
            RefOrSid::Ref(r) => &r.id,
            RefOrSid::Sid(s) => s,
        }
    }
}

#[derive(Deserialize)]
struct RawAce {
    #[serde(rename = "PrincipalSID", alias = "PrincipalSid")]
    principal: String,
    #[serde(rename = "RightName")]
    right: String,
}

#[derive(Deserialize)]
struct RawSession {
    #[serde(rename = "UserSID", alias = "UserId", alias = "UserSid")]
    user: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SessionResults {
    #[serde(rename = "Results", deserialize_with = "nullable")]
    results: Vec<RawSession>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LocalGroup {
    #[serde(rename = "ObjectIdentifier", deserialize_with = "lenient_string")]
    id: Option<String>,
    #[serde(rename = "Name", deserialize_with = "lenient_string")]
    name: Option<String>,
    #[serde(rename = "Results", deserialize_with = "nullable")]
    results: Vec<TypedRef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ResultsOrList {
    Results {
        #[serde(rename = "Results", default, deserialize_with = "nullable")]
        results: Vec<TypedRef>,
    },
    List(Vec<TypedRef>),
}

impl ResultsOrList {
    fn into_vec(self) -> Vec<TypedRef> {
        match self {
            ResultsOrList::Results { results } => results,
            ResultsOrList::List(v) => v,
        }
    }
}

#[derive(Deserialize)]
struct RawLink {
    #[serde(rename = "GUID", alias = "Guid")]
    guid: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GpoChanges {
    #[serde(rename = "LocalAdmins", deserialize_with = "nullable")]
    local_admins: Vec<TypedRef>,
    #[serde(rename = "RemoteDesktopUsers", deserialize_with = "nullable")]
    rdp: Vec<TypedRef>,
    #[serde(rename = "DcomUsers", deserialize_with = "nullable")]
    dcom: Vec<TypedRef>,
    #[serde(rename = "PSRemoteUsers", deserialize_with = "nullable")]
    psremote: Vec<TypedRef>,
    #[serde(rename = "AffectedComputers", deserialize_with = "nullable")]
    affected: Vec<TypedRef>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawObject {
    #[serde(
        rename = "ObjectIdentifier",
        alias = "objectid",
        deserialize_with = "lenient_string"
    )]
    id: Option<String>,
    #[serde(rename = "Properties")]
    props: RawProps,
    #[serde(rename = "Aces", deserialize_with = "nullable")]
    aces: Vec<RawAce>,
    #[serde(rename = "Members", deserialize_with = "nullable")]
    members: Vec<TypedRef>,
    #[serde(
        rename = "PrimaryGroupSID",
        alias = "PrimaryGroupSid",
        deserialize_with = "lenient_string"
    )]
    primary_group: Option<String>,
    #[serde(rename = "AllowedToDelegate", deserialize_with = "nullable")]
    allowed_to_delegate: Vec<RefOrSid>,
    #[serde(rename = "AllowedToAct", deserialize_with = "nullable")]
    allowed_to_act: Vec<RefOrSid>,
    #[serde(rename = "Sessions")]
    sessions: Option<SessionResults>,
    #[serde(rename = "PrivilegedSessions")]
    privileged_sessions: Option<SessionResults>,
    #[serde(rename = "RegistrySessions")]
    registry_sessions: Option<SessionResults>,
    #[serde(rename = "LocalGroups", deserialize_with = "nullable")]
    local_groups: Vec<LocalGroup>,
    #[serde(rename = "LocalAdmins")]
    local_admins: Option<ResultsOrList>,
    #[serde(rename = "RemoteDesktopUsers")]
    rdp_users: Option<ResultsOrList>,
    #[serde(rename = "DcomUsers")]
    dcom_users: Option<ResultsOrList>,
    #[serde(rename = "PSRemoteUsers")]
    psremote_users: Option<ResultsOrList>,
    #[serde(rename = "Links", deserialize_with = "nullable")]
    links: Vec<RawLink>,
    #[serde(rename = "GPOChanges")]
    gpo_changes: Option<GpoChanges>,
    #[serde(rename = "Trusts")]
    trusts: Option<IgnoredAny>,
    #[serde(rename = "ChildObjects")]
    child_objects: Option<IgnoredAny>,
    #[serde(rename = "SPNTargets")]
    spn_targets: Option<IgnoredAny>,
    #[serde(rename = "HasSIDHistory")]
    has_sid_history: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawMeta {
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    ty: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    version: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    count: Option<String>,
}

// ------------------------------------------------------------ the collection

/// What an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectType {
    /// A domain.
    Domain,
    /// A computer.
    Computer,
    /// A user.
    User,
    /// A group.
    Group,
    /// A group policy object.
    Gpo,
    /// An organisational unit.
    Ou,
    /// A container.
    Container,
}

impl ObjectType {
    fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        let s = s.trim_end_matches(".json");
        let s = s.rsplit(['_', '-', '/', '\\']).next().unwrap_or(s);
        Some(match s {
            "domains" | "domain" => Self::Domain,
            "computers" | "computer" => Self::Computer,
            "users" | "user" => Self::User,
            "groups" | "group" => Self::Group,
            "gpos" | "gpo" => Self::Gpo,
            "ous" | "ou" => Self::Ou,
            "containers" | "container" => Self::Container,
            _ => return None,
        })
    }
}

/// How an edge of the collection maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum EdgeKind {
    MemberOf,
    AdminTo,
    CanRdp,
    CanPsRemote,
    ExecuteDcom,
    Right(&'static str),
    GetChanges,
    GetChangesAll,
    AllowedToDelegate,
    AllowedToAct,
}

impl EdgeKind {
    fn name(self) -> &'static str {
        match self {
            EdgeKind::MemberOf => "MemberOf",
            EdgeKind::AdminTo => "AdminTo",
            EdgeKind::CanRdp => "CanRDP",
            EdgeKind::CanPsRemote => "CanPSRemote",
            EdgeKind::ExecuteDcom => "ExecuteDCOM",
            EdgeKind::Right(r) => r,
            EdgeKind::GetChanges => "GetChanges",
            EdgeKind::GetChangesAll => "GetChangesAll",
            EdgeKind::AllowedToDelegate => "AllowedToDelegate",
            EdgeKind::AllowedToAct => "AllowedToAct",
        }
    }
}

struct Obj {
    sid: u32,
    ty: ObjectType,
    /// Set from the file (name or meta), not inferred.
    ty_known: bool,
    name: Option<String>,
    domain: Option<String>,
    domainsid: Option<String>,
    os: Option<String>,
    highvalue: bool,
    enabled: bool,
    admincount: bool,
    unconstrained: bool,
    hasspn: bool,
    dontreqpreauth: bool,
    isdc: bool,
    haslaps: bool,
    primary_group: Option<u32>,
    file: u32,
}

/// The objects and edges of one or more collections, before mapping.
#[derive(Default)]
pub struct Collection {
    sids: HashMap<String, u32>,
    sid_text: Vec<String>,
    objects: Vec<Obj>,
    by_sid: HashMap<u32, usize>,
    edges: Vec<(u32, u32, EdgeKind)>,
    /// (user, computer)
    sessions: Vec<(u32, u32)>,
    /// (container with links, linked GPO guid)
    links: Vec<(u32, u32)>,
    /// container → affected computers
    affected: HashMap<u32, Vec<u32>>,
    /// container → (principal, local-group edge) granted by GPO on its affected computers
    gpo_grants: Vec<(u32, u32, EdgeKind)>,
    files: Vec<String>,
    /// Declared counts from `meta` that did not match, for notes.
    notes: Vec<String>,
}

impl Collection {
    fn intern(&mut self, sid: &str) -> u32 {
        let key = sid.trim().to_ascii_uppercase();
        if let Some(&i) = self.sids.get(&key) {
            return i;
        }
        let i = self.sid_text.len() as u32;
        self.sid_text.push(key.clone());
        self.sids.insert(key, i);
        i
    }

    /// Number of objects read so far.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    fn add(&mut self, o: RawObject, hint: Option<ObjectType>, file: u32) {
        let Some(id) = o.id.as_deref().filter(|s| !s.trim().is_empty()) else {
            return;
        };
        let sid = self.intern(id);
        let inferred = if o.trusts.is_some() {
            ObjectType::Domain
        } else if o.sessions.is_some()
            || !o.local_groups.is_empty()
            || o.local_admins.is_some()
            || o.props.operatingsystem.is_some()
        {
            ObjectType::Computer
        } else if o.props.gpcpath.is_some() {
            ObjectType::Gpo
        } else if !o.members.is_empty() {
            ObjectType::Group
        } else if o.spn_targets.is_some() || o.has_sid_history.is_some() {
            ObjectType::User
        } else if !o.links.is_empty() || o.props.blocksinheritance.is_some() {
            ObjectType::Ou
        } else if o.child_objects.is_some() {
            ObjectType::Container
        } else {
            ObjectType::Group
        };
        let ty = hint.unwrap_or(inferred);
        let p = &o.props;
        let primary_group = o.primary_group.as_deref().map(|g| self.intern(g));
        let obj = Obj {
            sid,
            ty,
            ty_known: hint.is_some(),
            name: p.name.clone(),
            domain: p.domain.clone(),
            domainsid: p.domainsid.clone(),
            os: p.operatingsystem.clone(),
            highvalue: p.highvalue.unwrap_or(false) || p.istierzero.unwrap_or(false),
            enabled: p.enabled.unwrap_or(true),
            admincount: p.admincount.unwrap_or(false),
            unconstrained: p.unconstraineddelegation.unwrap_or(false),
            hasspn: p.hasspn.unwrap_or(false),
            dontreqpreauth: p.dontreqpreauth.unwrap_or(false),
            isdc: p.isdc.unwrap_or(false),
            haslaps: p.haslaps.unwrap_or(false),
            primary_group,
            file,
        };
        for ace in &o.aces {
            let kind = match ace.right.as_str() {
                "GetChanges" => EdgeKind::GetChanges,
                "GetChangesAll" => EdgeKind::GetChangesAll,
                r => match CONTROL_RIGHTS.iter().find(|c| **c == r) {
                    Some(c) => EdgeKind::Right(c),
                    None => continue,
                },
            };
            let p = self.intern(&ace.principal);
            self.edges.push((p, sid, kind));
        }
        for m in &o.members {
            let m = self.intern(&m.id);
            self.edges.push((m, sid, EdgeKind::MemberOf));
        }
        for t in &o.allowed_to_delegate {
            let t = self.intern(t.id());
            self.edges.push((sid, t, EdgeKind::AllowedToDelegate));
        }
        for p in &o.allowed_to_act {
            let p = self.intern(p.id());
            self.edges.push((p, sid, EdgeKind::AllowedToAct));
        }
        for s in [&o.sessions, &o.privileged_sessions, &o.registry_sessions]
            .into_iter()
            .flatten()
        {
            for r in &s.results {
                let u = self.intern(&r.user);
                self.sessions.push((u, sid));
            }
        }
        for g in &o.local_groups {
            let gid = g.id.as_deref().unwrap_or("").to_ascii_uppercase();
            let name = g.name.as_deref().unwrap_or("").to_ascii_uppercase();
            let kind = if gid.ends_with("-544") || name.starts_with("ADMINISTRATORS") {
                EdgeKind::AdminTo
            } else if gid.ends_with("-555") || name.starts_with("REMOTE DESKTOP USERS") {
                EdgeKind::CanRdp
            } else if gid.ends_with("-562") || name.starts_with("DISTRIBUTED COM USERS") {
                EdgeKind::ExecuteDcom
            } else if gid.ends_with("-580") || name.starts_with("REMOTE MANAGEMENT USERS") {
                EdgeKind::CanPsRemote
            } else {
                continue;
            };
            for r in &g.results {
                let p = self.intern(&r.id);
                self.edges.push((p, sid, kind));
            }
        }
        for (list, kind) in [
            (o.local_admins, EdgeKind::AdminTo),
            (o.rdp_users, EdgeKind::CanRdp),
            (o.dcom_users, EdgeKind::ExecuteDcom),
            (o.psremote_users, EdgeKind::CanPsRemote),
        ] {
            for r in list.map(ResultsOrList::into_vec).unwrap_or_default() {
                let p = self.intern(&r.id);
                self.edges.push((p, sid, kind));
            }
        }
        for l in &o.links {
            let g = self.intern(l.guid.trim_matches(|c| c == '{' || c == '}'));
            self.links.push((sid, g));
        }
        if let Some(ch) = o.gpo_changes {
            if !ch.affected.is_empty() {
                let v: Vec<u32> = ch.affected.iter().map(|r| self.intern(&r.id)).collect();
                self.affected.entry(sid).or_default().extend(v);
            }
            for (list, kind) in [
                (ch.local_admins, EdgeKind::AdminTo),
                (ch.rdp, EdgeKind::CanRdp),
                (ch.dcom, EdgeKind::ExecuteDcom),
                (ch.psremote, EdgeKind::CanPsRemote),
            ] {
                for r in list {
                    let p = self.intern(&r.id);
                    self.gpo_grants.push((sid, p, kind));
                }
            }
        }
        if let Some(&prev) = self.by_sid.get(&sid) {
            // The same object in two files: the later one wins, edges add up.
            self.objects[prev] = obj;
        } else {
            self.by_sid.insert(sid, self.objects.len());
            self.objects.push(obj);
        }
    }
}

// --------------------------------------------------------------- streaming

struct FileCtx<'a> {
    coll: RefCell<&'a mut Collection>,
    hint: Option<ObjectType>,
    file: u32,
    index: RefCell<Option<usize>>,
    last_id: RefCell<Option<String>>,
    meta: RefCell<Option<RawMeta>>,
    records: RefCell<usize>,
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
                    let m: RawMeta = map.next_value()?;
                    *self.0.meta.borrow_mut() = Some(m);
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
            match seq.next_element::<RawObject>()? {
                Some(o) => {
                    let hint = ctx.hint.or_else(|| {
                        ctx.meta
                            .borrow()
                            .as_ref()
                            .and_then(|m| m.ty.as_deref().and_then(ObjectType::parse))
                    });
                    *ctx.last_id.borrow_mut() = o.id.clone();
                    ctx.coll.borrow_mut().add(o, hint, ctx.file);
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

/// Reads one collection file (JSON) into `coll`. `name` names it in errors
/// and tells its type (`computers.json`, `20240101_users.json`).
pub fn read_json(coll: &mut Collection, name: &str, reader: impl Read) -> Result<(), ImportError> {
    let file = coll.files.len() as u32;
    coll.files.push(name.to_string());
    let first = coll.objects.len();
    let hint = ObjectType::parse(name);
    let ctx = FileCtx {
        coll: RefCell::new(coll),
        hint,
        file,
        index: RefCell::new(None),
        last_id: RefCell::new(None),
        meta: RefCell::new(None),
        records: RefCell::new(0),
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, reader));
    let result = TopSeed(&ctx).deserialize(&mut de).and_then(|_| de.end());
    let index = *ctx.index.borrow();
    let last_id = ctx.last_id.borrow().clone();
    let meta = ctx.meta.borrow_mut().take();
    let records = *ctx.records.borrow();
    drop(ctx);
    if let Err(e) = result {
        let id = last_id.map(|id| format!("after {id}"));
        return Err(ImportError::json(name, index, id, &e));
    }
    // `meta` usually comes after `data`: apply its type now.
    if let Some(m) = meta {
        if hint.is_none()
            && let Some(t) = m.ty.as_deref().and_then(ObjectType::parse)
        {
            for o in &mut coll.objects[first..] {
                if o.file == file && !o.ty_known {
                    o.ty = t;
                    o.ty_known = true;
                }
            }
        }
        if let Some(count) = m.count.as_deref().and_then(|c| c.parse::<usize>().ok())
            && count != records
        {
            coll.notes.push(format!(
                "{name}: meta.count says {count} records, the file holds {records}"
            ));
        }
        let _ = m.version;
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
    let inputs = list_inputs(paths)?;
    let total: u64 = inputs.iter().map(|(_, n)| n).sum();
    let bar = crate::progress::bytes(total, "reading SharpHound", progress);
    let mut coll = Collection::default();
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
    Ok(coll)
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
    if names.is_empty() {
        return Err(bad("the archive holds no .json file".into()));
    }
    // The bar counts uncompressed bytes inside archives.
    let unpacked: u64 = names
        .iter()
        .filter_map(|(_, i)| zip.by_index_raw(*i).ok().map(|e| e.size()))
        .sum();
    bar.inc_length(unpacked.saturating_sub(zip_len));
    for (name, i) in names {
        let entry = zip
            .by_index(i)
            .map_err(|e| bad(format!("cannot read {name}: {e}")))?;
        let label = format!("{}!{name}", path.display());
        read_json(coll, &label, bar.wrap_read(entry))?;
    }
    Ok(())
}

// ----------------------------------------------------------------- mapping

fn is_server_os(os: &str) -> Option<bool> {
    let os = os.to_ascii_lowercase();
    if os.contains("server")
        || os.contains("linux")
        || os.contains("unix")
        || os.contains("ubuntu")
        || os.contains("red hat")
        || os.contains("centos")
        || os.contains("debian")
        || os.contains("suse")
        || os.contains("esx")
        || os.contains("ontap")
        || os.contains("data domain")
    {
        Some(true)
    } else if os.contains("windows") || os.contains("mac os") || os.contains("macos") {
        Some(false)
    } else {
        None
    }
}

impl Collection {
    /// Maps the collection onto cordon components and interactions.
    pub fn to_estate(&self, options: &Options) -> Estate {
        let mut estate = Estate::new("sharphound");
        let zone = options.zone.clone();
        estate.zone(&zone, false);
        estate.notes.extend(self.notes.iter().cloned());
        // Component ids, in input order.
        let mut ids = IdAllocator::default();
        let mut comp: HashMap<u32, usize> = HashMap::new(); // sid → index in estate.components
        // DCs: primary group 516/521, `isdc`, or members of a group 516 / S-1-5-9.
        let mut dc_groups: BTreeSet<u32> = BTreeSet::new();
        for (i, s) in self.sid_text.iter().enumerate() {
            if s.ends_with("-516") || s.ends_with("-521") || s.ends_with("S-1-5-9") {
                dc_groups.insert(i as u32);
            }
        }
        let mut dcs: BTreeSet<u32> = BTreeSet::new();
        for o in &self.objects {
            if o.ty == ObjectType::Computer
                && (o.isdc || o.primary_group.is_some_and(|g| dc_groups.contains(&g)))
            {
                dcs.insert(o.sid);
            }
        }
        for &(from, to, k) in &self.edges {
            if k == EdgeKind::MemberOf
                && dc_groups.contains(&to)
                && self
                    .by_sid
                    .get(&from)
                    .is_some_and(|&i| self.objects[i].ty == ObjectType::Computer)
            {
                dcs.insert(from);
            }
        }
        let mut domain_of_sid: HashMap<String, String> = HashMap::new(); // domain sid/name → component id
        let mut sessions: HashMap<u32, BTreeSet<u32>> = HashMap::new();
        for &(u, c) in &self.sessions {
            sessions.entry(u).or_default().insert(c);
        }
        for o in &self.objects {
            let sid_text = &self.sid_text[o.sid as usize];
            let name = o.name.clone().unwrap_or_default();
            let mut c = ComponentDecl {
                zone: zone.clone(),
                ..Default::default()
            };
            c.properties
                .insert("objectid".into(), sid_text.clone().into());
            if let Some(n) = &o.name {
                c.properties.insert("name".into(), n.clone().into());
            }
            c.crown_jewel = o.highvalue;
            match o.ty {
                ObjectType::Domain => {
                    c.id = ids.allocate(&name, sid_text);
                    c.kind = "active-directory".into();
                    c.tags = vec!["ad-domain".into()];
                    c.criticality = Some("critical".into());
                    domain_of_sid.insert(sid_text.clone(), c.id.clone());
                    if let Some(n) = &o.name {
                        domain_of_sid.insert(n.to_ascii_uppercase(), c.id.clone());
                    }
                }
                ObjectType::Computer => {
                    c.id = ids.allocate(&name, sid_text);
                    let server = o.os.as_deref().and_then(is_server_os);
                    c.kind = if server == Some(false) {
                        "workstation"
                    } else {
                        "server-os"
                    }
                    .into();
                    c.tags = vec!["domain-joined".into()];
                    if o.os
                        .as_deref()
                        .is_some_and(|s| s.to_ascii_lowercase().contains("windows"))
                    {
                        c.tags.push("windows".into());
                    }
                    if dcs.contains(&o.sid) {
                        c.tags.push("domain-controller".into());
                        c.criticality = Some("critical".into());
                    }
                    if o.unconstrained && !dcs.contains(&o.sid) {
                        c.tags.push("unconstrained-delegation".into());
                    }
                    if o.haslaps {
                        c.tags.push("laps".into());
                    }
                    if !o.enabled {
                        c.tags.push("disabled".into());
                    }
                    if let Some(os) = &o.os {
                        c.properties.insert("os".into(), os.clone().into());
                    }
                }
                ObjectType::User | ObjectType::Group => {
                    c.id = ids.allocate(&name, sid_text);
                    c.kind = "iam".into();
                    c.tags = vec![
                        if o.ty == ObjectType::User {
                            "ad-user"
                        } else {
                            "ad-group"
                        }
                        .into(),
                    ];
                    if o.admincount {
                        c.tags.push("privileged".into());
                    }
                    if o.ty == ObjectType::User {
                        if !o.enabled {
                            c.tags.push("disabled".into());
                        }
                        if o.hasspn {
                            c.tags.push("kerberoastable".into());
                        }
                        if o.dontreqpreauth {
                            c.tags.push("asrep-roastable".into());
                        }
                        if o.unconstrained {
                            c.tags.push("unconstrained-delegation".into());
                        }
                    }
                }
                ObjectType::Gpo => {
                    c.id = ids.allocate(&format!("gpo-{name}"), &format!("gpo-{sid_text}"));
                    c.kind = "secrets-management".into();
                    c.tags = vec!["gpo".into()];
                }
                ObjectType::Ou | ObjectType::Container => continue,
            }
            if let Some(d) = &o.domain {
                c.properties.insert("domain".into(), d.clone().into());
            }
            c.tags.push("sharphound".into());
            comp.insert(o.sid, estate.components.len());
            estate.components.push(c);
        }
        // Credentials left by sessions: only for enabled users (a disabled
        // account's credentials do not log on).
        for (user, computers) in &sessions {
            let Some(&ui) = comp.get(user) else { continue };
            let enabled = self
                .by_sid
                .get(user)
                .is_none_or(|&i| self.objects[i].enabled && self.objects[i].ty == ObjectType::User);
            if !enabled {
                continue;
            }
            let mut holders: Vec<String> = computers
                .iter()
                .filter_map(|c| comp.get(c).map(|&ci| estate.components[ci].id.clone()))
                .collect();
            holders.sort();
            for h in holders {
                estate.components[ui].weaknesses.push(WeaknessDecl {
                    kind: "stored-credentials".into(),
                    cve: None,
                    grants: None,
                    stored_on: Some(h),
                    notes: Some("HasSession: the user is logged on there; its credentials can be taken from memory".into()),
                });
            }
        }
        let id_of = |sid: u32| comp.get(&sid).map(|&i| estate.components[i].id.clone());
        let mut out: Vec<InteractionDecl> = Vec::new();
        let mut skipped = 0usize;
        let mut push = |from: Option<String>,
                        to: Option<String>,
                        kind: &str,
                        protocol: &str,
                        notes: Option<&str>| match (from, to) {
            (Some(from), Some(to)) => out.push(InteractionDecl {
                from,
                to,
                kind: kind.into(),
                protocol: Some(protocol.into()),
                notes: notes.map(str::to_string),
            }),
            _ => skipped += 1,
        };
        // DCSync: GetChanges + GetChangesAll held by the same principal on a domain.
        let mut dcsync: BTreeMap<(u32, u32), (bool, bool)> = BTreeMap::new();
        for &(from, to, kind) in &self.edges {
            match kind {
                EdgeKind::GetChanges => dcsync.entry((from, to)).or_default().0 = true,
                EdgeKind::GetChangesAll => dcsync.entry((from, to)).or_default().1 = true,
                EdgeKind::CanRdp | EdgeKind::CanPsRemote | EdgeKind::ExecuteDcom => push(
                    id_of(from),
                    id_of(to),
                    "connects",
                    kind.name(),
                    Some("a logon right, not administration"),
                ),
                _ => push(id_of(from), id_of(to), "controls", kind.name(), None),
            }
        }
        for ((from, to), (a, b)) in dcsync {
            if a && b {
                push(
                    id_of(from),
                    id_of(to),
                    "controls",
                    "DCSync",
                    Some("GetChanges + GetChangesAll: replicates every password hash"),
                );
            }
        }
        // GPO links: the GPO controls every computer the linking OU/domain affects.
        let gpo_by_guid: HashMap<u32, u32> = self
            .objects
            .iter()
            .filter(|o| o.ty == ObjectType::Gpo)
            .map(|o| (o.sid, o.sid))
            .collect();
        for &(container, guid) in &self.links {
            let Some(&gpo) = gpo_by_guid.get(&guid) else {
                push(None, None, "", "", None);
                continue;
            };
            for &c in self
                .affected
                .get(&container)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                push(
                    id_of(gpo),
                    id_of(c),
                    "controls",
                    "GPLink",
                    Some("group policy runs on the computers of the linked OU or domain"),
                );
            }
        }
        for &(container, principal, kind) in &self.gpo_grants {
            for &c in self
                .affected
                .get(&container)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let k = if kind == EdgeKind::AdminTo {
                    "controls"
                } else {
                    "connects"
                };
                push(
                    id_of(principal),
                    id_of(c),
                    k,
                    kind.name(),
                    Some("granted by group policy"),
                );
            }
        }
        // Domain controllers hold the directory; unconstrained delegation
        // outside the DCs lets a coerced DC logon be replayed.
        for o in &self.objects {
            let domain = o
                .domainsid
                .as_ref()
                .and_then(|s| domain_of_sid.get(&s.to_ascii_uppercase()))
                .or_else(|| {
                    o.domain
                        .as_ref()
                        .and_then(|d| domain_of_sid.get(&d.to_ascii_uppercase()))
                });
            let Some(domain) = domain.cloned() else {
                continue;
            };
            if dcs.contains(&o.sid) {
                push(
                    id_of(o.sid),
                    Some(domain),
                    "controls",
                    "DomainController",
                    Some("holds the directory database and the krbtgt key"),
                );
            } else if o.unconstrained
                && o.enabled
                && matches!(o.ty, ObjectType::Computer | ObjectType::User)
            {
                push(
                    id_of(o.sid),
                    Some(domain),
                    "controls",
                    "UnconstrainedDelegation",
                    Some("coerce a domain controller to authenticate and reuse its ticket"),
                );
            }
        }
        let _ = push;
        if skipped > 0 {
            estate.notes.push(format!(
                "{skipped} edges skipped: one end is not in the collection (or is an OU/container)"
            ));
        }
        estate.interactions = out;
        estate.normalise();
        estate
    }
}

/// Reads SharpHound inputs and maps them: the whole importer.
pub fn import(paths: &[PathBuf], options: &Options) -> Result<Estate, ImportError> {
    let coll = read_collection(paths, options.progress)?;
    if coll.is_empty() {
        return Err(ImportError::Invalid {
            path: paths.first().cloned().unwrap_or_default(),
            message: "no SharpHound object found (expected JSON files with a `data` list, a zip of them, or a directory)".into(),
        });
    }
    Ok(coll.to_estate(options))
}
