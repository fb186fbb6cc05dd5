//! The Active Directory graph: one layer between the collectors (SharpHound
//! JSON, BloodHound's generic/OpenGraph JSON) and cordon's model.
//!
//! - Nodes are keyed by their object identifier (SID or GUID, upper case), as
//!   BloodHound keys them; the readable name is a label.
//! - Edges carry BloodHound's kind names (`MemberOf`, `GenericAll`,
//!   `ADCSESC1`…), whether BloodHound traverses them, and their [`Origin`]:
//!   which ACE, list or post-processing rule made them, from which file and
//!   record.
//! - [`analysis::analyze`] is BloodHound's post-processing; [`map::to_estate`]
//!   maps the result onto cordon components and interactions;
//!   [`AdGraph::to_opengraph`] writes it back for comparison with BloodHound.
//!
//! The kind table (traversable or not, and how cordon maps a traversable
//! edge) is the data file `edge_kinds.tsv` next to this module.

pub mod analysis;
pub mod generic;
pub mod map;
pub mod verbs;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use crate::opengraph::{Edge, EdgeEnd, Graph, Node, OpenGraph};

/// What an AD object is (BloodHound's node kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A domain.
    Domain,
    /// A computer.
    Computer,
    /// A user (also gMSA/sMSA accounts).
    User,
    /// A domain group.
    Group,
    /// A computer's local group (`ADLocalGroup`).
    LocalGroup,
    /// A group policy object.
    Gpo,
    /// An organisational unit.
    Ou,
    /// A container.
    Container,
    /// A certificate template.
    CertTemplate,
    /// An enterprise CA.
    EnterpriseCa,
    /// A root CA.
    RootCa,
    /// An AIA CA.
    AiaCa,
    /// The NTAuth store.
    NtAuthStore,
    /// An issuance policy.
    IssuancePolicy,
    /// Anything else (`Base`).
    Base,
}

impl NodeKind {
    /// BloodHound's kind name.
    pub fn bh_name(self) -> &'static str {
        match self {
            Self::Domain => "Domain",
            Self::Computer => "Computer",
            Self::User => "User",
            Self::Group => "Group",
            Self::LocalGroup => "ADLocalGroup",
            Self::Gpo => "GPO",
            Self::Ou => "OU",
            Self::Container => "Container",
            Self::CertTemplate => "CertTemplate",
            Self::EnterpriseCa => "EnterpriseCA",
            Self::RootCa => "RootCA",
            Self::AiaCa => "AIACA",
            Self::NtAuthStore => "NTAuthStore",
            Self::IssuancePolicy => "IssuancePolicy",
            Self::Base => "Base",
        }
    }

    /// Parses a BloodHound kind name or a SharpHound file type (`users`,
    /// `certtemplates`, `Group`), case-insensitively.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "domain" | "domains" => Self::Domain,
            "computer" | "computers" => Self::Computer,
            "user" | "users" => Self::User,
            "group" | "groups" => Self::Group,
            "adlocalgroup" | "localgroup" => Self::LocalGroup,
            "gpo" | "gpos" => Self::Gpo,
            "ou" | "ous" => Self::Ou,
            "container" | "containers" => Self::Container,
            "certtemplate" | "certtemplates" => Self::CertTemplate,
            "enterpriseca" | "enterprisecas" => Self::EnterpriseCa,
            "rootca" | "rootcas" => Self::RootCa,
            "aiaca" | "aiacas" => Self::AiaCa,
            "ntauthstore" | "ntauthstores" => Self::NtAuthStore,
            "issuancepolicy" | "issuancepolicies" => Self::IssuancePolicy,
            "base" => Self::Base,
            _ => return None,
        })
    }

    /// Security principals: objects that hold rights.
    pub fn is_principal(self) -> bool {
        matches!(
            self,
            Self::User | Self::Group | Self::Computer | Self::LocalGroup
        )
    }
}

/// Where an edge (or node) comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`AdGraph::files`], when read from a file.
    pub file: Option<u32>,
    /// 0-based record (`data[i]`, `graph.edges[i]`) in that file.
    pub record: Option<usize>,
    /// The field or rule: `Aces`, `Members`, `PrimaryGroupSID`,
    /// `PostDCSync: GetChanges + GetChangesAll through group membership`…
    pub rule: String,
    /// Made by post-processing (not in the collector's output).
    pub derived: bool,
}

/// One edge of the AD graph.
#[derive(Clone, Debug)]
pub struct AdEdge {
    /// Source node.
    pub from: u32,
    /// Target node.
    pub to: u32,
    /// BloodHound kind name.
    pub kind: Arc<str>,
    /// Whether BloodHound's pathfinding traverses it (the kind table, or the
    /// edge's own `traversable` property in OpenGraph input).
    pub traversable: bool,
    /// Properties kept for the analysis and the export (`isprimarygroup`,
    /// `enforced`, `isinherited`…).
    pub props: Map<String, Value>,
    /// Where it comes from.
    pub origin: Origin,
}

/// One node of the AD graph.
#[derive(Clone, Debug, Default)]
pub struct AdNode {
    /// Object identifier as read (upper case).
    pub objectid: String,
    /// Its kind; `None` when only referenced (an ACE principal, a member
    /// outside the collection).
    pub kind: Option<NodeKind>,
    /// Kinds of an OpenGraph node that are not AD kinds.
    pub other_kinds: Vec<String>,
    /// Properties (the collector's `Properties`, lower-case keys).
    pub props: Map<String, Value>,
    /// Tagged Tier Zero (by the data or by the analysis).
    pub tier_zero: bool,
    /// File and record that declared it.
    pub origin: Option<(u32, usize)>,
}

impl AdNode {
    /// The readable name (`name` property).
    pub fn name(&self) -> Option<&str> {
        self.props.get("name").and_then(Value::as_str)
    }
    /// A string property.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.props.get(key).and_then(Value::as_str)
    }
    /// A boolean property (strings `true`/`1` and numbers accepted).
    pub fn flag(&self, key: &str) -> Option<bool> {
        match self.props.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => Some(n.as_f64().is_some_and(|x| x != 0.0)),
            Value::String(s) => Some(s.eq_ignore_ascii_case("true") || s == "1"),
            _ => None,
        }
    }
    /// An integer property.
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.props.get(key)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
    /// A list-of-strings property (a single string counts as a list of one).
    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.props.get(key) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
            _ => Vec::new(),
        }
    }
    /// The domain SID this object belongs to (`domainsid`, upper case).
    pub fn domainsid(&self) -> Option<String> {
        self.str("domainsid").map(|s| s.trim().to_ascii_uppercase())
    }
}

/// How cordon maps a traversable edge kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// `controls`.
    Controls,
    /// `connects` (a logon right: reach, not control).
    Connects,
    /// A `stored-credentials` weakness (HasSession).
    Credentials,
    /// `controls` when read from the input; no interaction when cordon
    /// derived it (`CanApplyGPO`, `GPOAppliesTo`: their reach is already the
    /// composition of traversable edges in the graph — the right on the
    /// domain or OU, or `GPLink`, then `Contains` — and as interactions they
    /// would add principals × objects lines to the model).
    ControlsIfIngested,
    /// Not an interaction (not traversable).
    None,
}

struct KindInfo {
    traversable: bool,
    mapping: Mapping,
}

fn kind_table() -> &'static HashMap<&'static str, KindInfo> {
    static TABLE: OnceLock<HashMap<&'static str, KindInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("edge_kinds.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(name), Some(t), Some(map)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let mapping = match map {
                "controls" => Mapping::Controls,
                "connects" => Mapping::Connects,
                "credentials" => Mapping::Credentials,
                "controls-if-ingested" => Mapping::ControlsIfIngested,
                _ => Mapping::None,
            };
            m.insert(
                name,
                KindInfo {
                    traversable: t == "yes",
                    mapping,
                },
            );
        }
        m
    })
}

/// Whether `kind` is a BloodHound AD edge kind cordon knows.
pub fn is_ad_edge_kind(kind: &str) -> bool {
    kind_table().contains_key(kind)
}

/// Whether BloodHound traverses `kind` (unknown kinds: `None`).
pub fn kind_traversable(kind: &str) -> Option<bool> {
    kind_table().get(kind).map(|k| k.traversable)
}

/// How cordon maps a traversable edge of `kind` (unknown kinds: controls).
pub fn kind_mapping(kind: &str) -> Mapping {
    kind_table()
        .get(kind)
        .map(|k| k.mapping)
        .unwrap_or(Mapping::Controls)
}

/// The AD graph: nodes keyed by object identifier, typed edges with origins.
#[derive(Default)]
pub struct AdGraph {
    index: HashMap<String, u32>,
    /// Nodes, in the order first seen.
    pub nodes: Vec<AdNode>,
    /// Edges, one per (from, kind, to), in the order first seen.
    pub edges: Vec<AdEdge>,
    edge_index: HashMap<(u32, u32, Arc<str>), u32>,
    kinds: HashMap<String, Arc<str>>,
    /// Input files (for origins).
    pub files: Vec<String>,
    /// Remarks for the user (files skipped, counts that did not match).
    pub notes: Vec<String>,
}

impl AdGraph {
    /// The node with this object identifier, created (untyped) if missing.
    pub fn node(&mut self, objectid: &str) -> u32 {
        let key = objectid.trim().to_ascii_uppercase();
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.nodes.len() as u32;
        self.nodes.push(AdNode {
            objectid: key.clone(),
            ..Default::default()
        });
        self.index.insert(key, i);
        i
    }

    /// Looks a node up by object identifier.
    pub fn find(&self, objectid: &str) -> Option<u32> {
        self.index
            .get(&objectid.trim().to_ascii_uppercase())
            .copied()
    }

    /// Interns an edge kind.
    pub fn kind(&mut self, kind: &str) -> Arc<str> {
        if let Some(k) = self.kinds.get(kind) {
            return k.clone();
        }
        let k: Arc<str> = Arc::from(kind);
        self.kinds.insert(kind.to_string(), k.clone());
        k
    }

    /// Adds an edge once per (from, kind, to); the first origin is kept.
    /// Returns whether it was new.
    pub fn edge(
        &mut self,
        from: u32,
        to: u32,
        kind: &str,
        props: Map<String, Value>,
        origin: Origin,
    ) -> bool {
        let traversable = props
            .get("traversable")
            .and_then(Value::as_bool)
            .or_else(|| kind_traversable(kind))
            .unwrap_or(true);
        self.edge_with(from, to, kind, traversable, props, origin)
    }

    /// Adds an edge with an explicit traversable flag.
    pub fn edge_with(
        &mut self,
        from: u32,
        to: u32,
        kind: &str,
        traversable: bool,
        props: Map<String, Value>,
        origin: Origin,
    ) -> bool {
        let k = self.kind(kind);
        let key = (from, to, k.clone());
        if let Some(&i) = self.edge_index.get(&key) {
            let e = &mut self.edges[i as usize];
            for (pk, pv) in props {
                e.props.entry(pk).or_insert(pv);
            }
            return false;
        }
        self.edge_index.insert(key, self.edges.len() as u32);
        self.edges.push(AdEdge {
            from,
            to,
            kind: k,
            traversable,
            props,
            origin,
        });
        true
    }

    /// Whether the edge exists.
    pub fn has_edge(&self, from: u32, to: u32, kind: &str) -> bool {
        self.kinds
            .get(kind)
            .is_some_and(|k| self.edge_index.contains_key(&(from, to, k.clone())))
    }

    /// Removes edges for which `keep` is false (rebuilds the index).
    pub fn retain_edges(&mut self, keep: impl Fn(&AdEdge) -> bool) {
        self.edges.retain(|e| keep(e));
        self.edge_index.clear();
        for (i, e) in self.edges.iter().enumerate() {
            self.edge_index
                .insert((e.from, e.to, e.kind.clone()), i as u32);
        }
    }

    /// A label for a node: its name, else its object identifier.
    pub fn label(&self, n: u32) -> &str {
        let node = &self.nodes[n as usize];
        node.name().unwrap_or(&node.objectid)
    }

    /// A human description of an edge's origin:
    /// `GenericAll from Aces of computers.json record 3`.
    pub fn explain(&self, e: &AdEdge) -> String {
        let mut s = format!("{} ({})", e.kind, e.origin.rule);
        if let Some(f) = e.origin.file {
            let file = self
                .files
                .get(f as usize)
                .map(String::as_str)
                .unwrap_or("?");
            s.push_str(&format!(" from {file}"));
            if let Some(r) = e.origin.record {
                s.push_str(&format!(" record {r}"));
            }
        }
        s
    }

    /// Writes the graph in BloodHound's generic/OpenGraph shape: every node
    /// with its original `objectid` as id (and `name`), every edge with its
    /// BloodHound kind. `analyzed: false` leaves out what post-processing
    /// added. Edge properties say `traversable`, `postprocessed` and `origin`.
    pub fn to_opengraph(&self, analyzed: bool) -> OpenGraph {
        let mut g = OpenGraph {
            metadata: Some(Map::from_iter([(
                "source_kind".to_string(),
                Value::from("cordon-ad"),
            )])),
            graph: Graph::default(),
        };
        for n in &self.nodes {
            let mut kinds = Vec::new();
            if n.tier_zero && analyzed {
                kinds.push("Tag_Tier_Zero".to_string());
            }
            if let Some(k) = n.kind {
                kinds.push(k.bh_name().to_string());
            }
            kinds.extend(n.other_kinds.iter().cloned());
            kinds.push("Base".into());
            let mut props: Map<String, Value> = n
                .props
                .iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            props.insert("objectid".into(), n.objectid.clone().into());
            g.graph.nodes.push(Node {
                id: n.objectid.clone(),
                kinds,
                properties: props,
            });
        }
        for e in &self.edges {
            if e.origin.derived && !analyzed {
                continue;
            }
            let mut props = e.props.clone();
            props.insert("traversable".into(), e.traversable.into());
            props.insert("postprocessed".into(), e.origin.derived.into());
            props.insert("origin".into(), self.explain(e).into());
            g.graph.edges.push(Edge {
                kind: e.kind.to_string(),
                start: EdgeEnd {
                    value: self.nodes[e.from as usize].objectid.clone(),
                    match_by: "id".into(),
                },
                end: EdgeEnd {
                    value: self.nodes[e.to as usize].objectid.clone(),
                    match_by: "id".into(),
                },
                properties: props,
            });
        }
        g
    }

    /// Members of each group, transitively (MemberOf edges, primary groups
    /// included), as a closure function: `members(g)` lists every principal
    /// that is in `g` directly or through nested groups. Iterative.
    pub fn member_index(&self) -> Members {
        let mut direct: HashMap<u32, Vec<u32>> = HashMap::new();
        for e in &self.edges {
            if &*e.kind == "MemberOf" {
                direct.entry(e.to).or_default().push(e.from);
            }
        }
        Members {
            direct,
            cache: Default::default(),
        }
    }

    /// Groups each principal is in, transitively.
    pub fn groups_of(&self, n: u32) -> Vec<u32> {
        let mut up: HashMap<u32, Vec<u32>> = HashMap::new();
        for e in &self.edges {
            if &*e.kind == "MemberOf" {
                up.entry(e.from).or_default().push(e.to);
            }
        }
        closure(&up, n)
    }
}

fn closure(adj: &HashMap<u32, Vec<u32>>, start: u32) -> Vec<u32> {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![start];
    let mut out = Vec::new();
    while let Some(x) = stack.pop() {
        for &y in adj.get(&x).map(Vec::as_slice).unwrap_or(&[]) {
            if y != start && seen.insert(y) {
                out.push(y);
                stack.push(y);
            }
        }
    }
    out
}

/// Transitive group membership, computed on demand and cached.
pub struct Members {
    direct: HashMap<u32, Vec<u32>>,
    cache: std::cell::RefCell<HashMap<u32, Arc<Vec<u32>>>>,
}

impl Members {
    /// Every principal in `group`, directly or through nested groups.
    pub fn of(&self, group: u32) -> Arc<Vec<u32>> {
        if let Some(v) = self.cache.borrow().get(&group) {
            return v.clone();
        }
        let v = Arc::new(closure(&self.direct, group));
        self.cache.borrow_mut().insert(group, v.clone());
        v
    }
}

impl AdGraph {
    /// Drops the edges from index `len` on (undoing a file).
    pub(crate) fn retain_edges_from(&mut self, len: usize) {
        for e in self.edges.drain(len..) {
            self.edge_index.remove(&(e.from, e.to, e.kind.clone()));
        }
    }

    /// Drops the nodes from index `len` on (undoing a file; their edges must
    /// be gone already).
    pub(crate) fn truncate_nodes(&mut self, len: usize) {
        for n in self.nodes.drain(len..) {
            self.index.remove(&n.objectid);
        }
    }
}

/// Where `cordon import sharphound|bloodhound-opengraph` keeps the analysed
/// AD graph of a model, relative to the model directory.
pub const SIDECAR: &str = "imported/bloodhound-graph.json";

/// Writes the analysed graph next to the generated model files
/// (`MODEL-DIR/imported/bloodhound-graph.json`, via a temporary file and a
/// rename), for `cordon export bloodhound-opengraph MODEL --analyzed`.
pub fn write_sidecar(model_dir: &std::path::Path, g: &AdGraph) -> Result<(), crate::ImportError> {
    write_opengraph_sidecar(model_dir, &g.to_opengraph(true))
}

fn write_opengraph_sidecar(
    model_dir: &std::path::Path,
    doc: &OpenGraph,
) -> Result<(), crate::ImportError> {
    let path = model_dir.join(SIDECAR);
    let err = |source| crate::ImportError::Write {
        path: path.clone(),
        source,
    };
    let dir = path.parent().unwrap_or(model_dir);
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    serde_json::to_writer(std::io::BufWriter::new(tmp.as_file_mut()), doc)
        .map_err(|e| err(std::io::Error::other(e)))?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Writes the analysed graph like [`write_sidecar`], keyed by domain as the
/// generated model file is ([`crate::write::MergeOptions::replace`]): when
/// `domains` (the domains the input collected) is not empty and a previous
/// graph exists, its nodes of other domains stay, with its edges not
/// re-imported that touch them and whose ends both still exist.
pub fn write_sidecar_keyed(
    model_dir: &std::path::Path,
    g: &AdGraph,
    domains: &[String],
) -> Result<(), crate::ImportError> {
    let path = model_dir.join(SIDECAR);
    if domains.is_empty() || !path.exists() {
        return write_sidecar(model_dir, g);
    }
    let prev = read_sidecar(model_dir)?;
    let mut now = g.to_opengraph(true);
    let decl = |n: &crate::opengraph::Node| crate::estate::ComponentDecl {
        id: n.id.clone(),
        kind: if n.kinds.iter().any(|k| k == "Domain") {
            "ad-domain".into()
        } else {
            String::new()
        },
        properties: n
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..Default::default()
    };
    let mut sid_domains: HashMap<String, String> = HashMap::new();
    for n in prev.graph.nodes.iter().chain(&now.graph.nodes) {
        if n.kinds.iter().any(|k| k == "Domain")
            && let Some(name) = n.properties.get("name").and_then(Value::as_str)
        {
            sid_domains.insert(n.id.to_ascii_uppercase(), name.to_ascii_uppercase());
        }
    }
    let replaced: std::collections::HashSet<&str> = domains.iter().map(String::as_str).collect();
    let mut ids: std::collections::HashSet<String> =
        now.graph.nodes.iter().map(|n| n.id.clone()).collect();
    let mut kept: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut new_nodes = Vec::new();
    for n in prev.graph.nodes {
        let d = crate::write::domain_of(&decl(&n), &sid_domains);
        if d.is_some_and(|d| !replaced.contains(d.as_str())) {
            kept.insert(n.id.clone());
            if ids.insert(n.id.clone()) {
                new_nodes.push(n);
            } else if let Some(m) = now.graph.nodes.iter_mut().find(|m| m.id == n.id) {
                // The previous, collected object wins over a reference.
                *m = n;
            }
        }
    }
    now.graph.nodes.extend(new_nodes);
    let key =
        |e: &crate::opengraph::Edge| (e.kind.clone(), e.start.value.clone(), e.end.value.clone());
    let have: std::collections::HashSet<_> = now.graph.edges.iter().map(key).collect();
    for e in prev.graph.edges {
        let (s, t) = (&e.start.value, &e.end.value);
        if (kept.contains(s) || kept.contains(t))
            && ids.contains(s)
            && ids.contains(t)
            && !have.contains(&key(&e))
        {
            now.graph.edges.push(e);
        }
    }
    write_opengraph_sidecar(model_dir, &now)
}

/// Reads the graph [`write_sidecar`] wrote.
pub fn read_sidecar(model_dir: &std::path::Path) -> Result<OpenGraph, crate::ImportError> {
    let path = model_dir.join(SIDECAR);
    let f = std::fs::File::open(&path).map_err(|source| crate::ImportError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_reader(std::io::BufReader::new(f))
        .map_err(|e| crate::ImportError::json(&path, None, None, &e))
}
