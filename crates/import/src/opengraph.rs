//! BloodHound OpenGraph JSON, in and out.
//!
//! ```json
//! { "metadata": { "source_kind": "Cordon" },
//!   "graph": { "nodes": [ { "id": "…", "kinds": ["CordonServerOs", "CordonComponent"], "properties": { … } } ],
//!              "edges": [ { "kind": "CordonControls", "start": { "value": "…", "match_by": "id" },
//!                           "end": { "value": "…", "match_by": "id" }, "properties": { … } } ] } }
//! ```
//!
//! Import: a node becomes a component (kind from `properties.cordon_kind`,
//! else from its kinds: Computer → server-os, User/Group → iam, Domain →
//! active-directory, GPO → secrets-management, else server-os); an edge whose
//! kind names a cordon interaction (`CordonControls`, `connects`) keeps it,
//! `HasSession` becomes a stored-credentials weakness, `CanRDP`/`CanPSRemote`/
//! `ExecuteDCOM` become `connects`, any other edge `controls`.
//! Export: components, interactions and, optionally, the attack paths from
//! outside to each crown jewel as `CordonAttackStep` edges.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use cordon_model::Model;
use serde::{Deserialize, Serialize};

use crate::error::ImportError;
use crate::estate::{
    ComponentDecl, Estate, IdAllocator, InteractionDecl, WeaknessDecl, sanitize_id,
};

/// An OpenGraph file.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct OpenGraph {
    /// Metadata (`source_kind`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    /// The graph.
    pub graph: Graph,
}

/// Nodes and edges.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct Graph {
    /// Nodes.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// Edges.
    #[serde(default)]
    pub edges: Vec<Edge>,
}

/// A node.
#[derive(Serialize, Deserialize, Debug)]
pub struct Node {
    /// Unique id.
    pub id: String,
    /// Kinds (labels), most specific first.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Properties.
    #[serde(default)]
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// An end of an edge.
#[derive(Serialize, Deserialize, Debug)]
pub struct EdgeEnd {
    /// The value matched.
    pub value: String,
    /// `id` or `name`.
    #[serde(default = "default_match_by")]
    pub match_by: String,
}

fn default_match_by() -> String {
    "id".into()
}

/// An edge.
#[derive(Serialize, Deserialize, Debug)]
pub struct Edge {
    /// Edge kind.
    pub kind: String,
    /// Start.
    pub start: EdgeEnd,
    /// End.
    pub end: EdgeEnd,
    /// Properties.
    #[serde(default)]
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// Options of the OpenGraph importer.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Zone of nodes without a `zone` property.
    pub zone: String,
}

fn pascal(s: &str) -> String {
    s.split(['-', '_', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn node_kind(n: &Node) -> String {
    if let Some(k) = n.properties.get("cordon_kind").and_then(|v| v.as_str())
        && cordon_model::catalog::kind(k).is_some()
    {
        return k.to_string();
    }
    for k in &n.kinds {
        let lower = k.to_ascii_lowercase();
        let mapped = match lower.as_str() {
            "computer" | "azvm" => Some("server-os"),
            "user" | "group" | "azuser" | "azgroup" | "azserviceprincipal" => Some("iam"),
            "domain" | "aztenant" => Some("active-directory"),
            "gpo" => Some("secrets-management"),
            _ => None,
        };
        if let Some(m) = mapped {
            return m.into();
        }
        // CordonServerOs → server-os
        if let Some(rest) = k.strip_prefix("Cordon") {
            let kebab: String = rest
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    if c.is_uppercase() && i > 0 {
                        vec!['-', c.to_ascii_lowercase()]
                    } else {
                        vec![c.to_ascii_lowercase()]
                    }
                })
                .collect();
            if cordon_model::catalog::kind(&kebab).is_some() {
                return kebab;
            }
        }
    }
    "server-os".into()
}

fn interaction_kind(edge: &str) -> Option<&'static str> {
    let e = edge
        .strip_prefix("Cordon")
        .unwrap_or(edge)
        .to_ascii_lowercase()
        .replace('_', "-");
    for k in cordon_model::InteractionKind::ALL {
        if k.declarable() && k.as_str().replace('-', "") == e.replace('-', "") {
            return Some(k.as_str());
        }
    }
    match edge {
        "HasSession" => None,
        "CanRDP" | "CanPSRemote" | "ExecuteDCOM" => Some("connects"),
        _ => Some("controls"),
    }
}

/// Reads OpenGraph files into an estate.
pub fn import(paths: &[PathBuf], options: &ImportOptions) -> Result<Estate, ImportError> {
    let mut estate = Estate::new("bloodhound-opengraph");
    let mut ids = IdAllocator::default();
    let mut by_node: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut skipped = 0;
    for path in paths {
        let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        let g: OpenGraph = serde_json::from_reader(std::io::BufReader::new(f))
            .map_err(|e| ImportError::json(path, None, None, &e))?;
        for n in &g.graph.nodes {
            if by_node.contains_key(&n.id) {
                continue;
            }
            let name = n
                .properties
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or(&n.id)
                .to_string();
            let zone = n
                .properties
                .get("zone")
                .and_then(|v| v.as_str())
                .map(sanitize_id)
                .filter(|z| !z.is_empty())
                .unwrap_or_else(|| options.zone.clone());
            estate.zone(&zone, false);
            let mut c = ComponentDecl {
                id: ids.allocate(&name, &n.id),
                kind: node_kind(n),
                zone,
                ..Default::default()
            };
            c.crown_jewel = ["crown_jewel", "highvalue", "isTierZero"]
                .iter()
                .any(|k| n.properties.get(*k).and_then(|v| v.as_bool()) == Some(true));
            c.tags = n
                .kinds
                .iter()
                .map(|k| sanitize_id(k))
                .filter(|t| !t.is_empty())
                .collect();
            c.tags.push("opengraph".into());
            c.properties.insert("objectid".into(), n.id.clone().into());
            by_name.insert(name.to_ascii_uppercase(), estate.components.len());
            by_node.insert(n.id.clone(), estate.components.len());
            estate.components.push(c);
        }
        for e in &g.graph.edges {
            let find = |end: &EdgeEnd| {
                if end.match_by.eq_ignore_ascii_case("name") {
                    by_name.get(&end.value.to_ascii_uppercase())
                } else {
                    by_node.get(&end.value)
                }
                .copied()
            };
            let (Some(s), Some(t)) = (find(&e.start), find(&e.end)) else {
                skipped += 1;
                continue;
            };
            match interaction_kind(&e.kind) {
                Some(k) => estate.interactions.push(InteractionDecl {
                    from: estate.components[s].id.clone(),
                    to: estate.components[t].id.clone(),
                    kind: k.into(),
                    protocol: Some(e.kind.clone()),
                    notes: None,
                }),
                None => {
                    // HasSession: computer → user: the user's credentials are on the computer.
                    let on = estate.components[s].id.clone();
                    estate.components[t].weaknesses.push(WeaknessDecl {
                        kind: "stored-credentials".into(),
                        stored_on: Some(on),
                        notes: Some("HasSession".into()),
                        ..Default::default()
                    });
                }
            }
        }
    }
    if skipped > 0 {
        estate
            .notes
            .push(format!("{skipped} edges skipped: an end matches no node"));
    }
    estate.normalise();
    Ok(estate)
}

/// Exports a model as OpenGraph: one node per component, one edge per
/// interaction, and with `paths` the shortest path from outside to each crown
/// jewel as `CordonAttackStep` edges.
pub fn export(model: &Model, paths: bool) -> OpenGraph {
    let mut g = OpenGraph {
        metadata: Some(serde_json::Map::from_iter([(
            "source_kind".to_string(),
            serde_json::Value::from("Cordon"),
        )])),
        graph: Graph::default(),
    };
    let node_id = |c: cordon_model::ComponentId| format!("cordon:{}", model.component(c).id);
    for cid in model.component_ids() {
        let c = model.component(cid);
        let mut p = serde_json::Map::new();
        p.insert("name".into(), c.id.clone().into());
        p.insert("cordon_kind".into(), c.kind.id.into());
        p.insert("zone".into(), model.zone(c.zone).id.clone().into());
        p.insert("crown_jewel".into(), c.crown_jewel.into());
        p.insert("entry_point".into(), model.is_entry_point(cid).into());
        p.insert(
            "criticality".into(),
            serde_json::to_value(c.criticality).unwrap_or_default(),
        );
        p.insert("tags".into(), c.tags.clone().into());
        let weaknesses: Vec<String> = c.weaknesses.iter().map(|w| w.label()).collect();
        p.insert("weaknesses".into(), weaknesses.into());
        g.graph.nodes.push(Node {
            id: node_id(cid),
            kinds: vec![
                format!("Cordon{}", pascal(c.kind.id)),
                "CordonComponent".into(),
            ],
            properties: p,
        });
    }
    let end = |c| EdgeEnd {
        value: node_id(c),
        match_by: "id".into(),
    };
    for i in &model.interactions {
        let rule = model.rule(i.rule);
        let mut p = serde_json::Map::new();
        p.insert("cordon_kind".into(), i.kind.as_str().into());
        p.insert("mfa".into(), i.mfa.into());
        if let Some(pr) = &rule.protocol {
            p.insert("protocol".into(), pr.clone().into());
        }
        g.graph.edges.push(Edge {
            kind: format!("Cordon{}", pascal(i.kind.as_str())),
            start: end(i.from),
            end: end(i.to),
            properties: p,
        });
    }
    if paths {
        let graph = cordon_paths::AttackGraph::new(model);
        let outside: Vec<_> = model.zones.iter().filter_map(|z| z.network).collect();
        if !outside.is_empty() {
            let access = graph.access_from(&outside);
            let mut seen: BTreeMap<(u32, u32), ()> = BTreeMap::new();
            for cj in model.crown_jewels() {
                let Some(path) = access.path(&graph, cj) else {
                    continue;
                };
                for (step, h) in path.hops.iter().enumerate() {
                    if seen.insert((h.from.0, h.to.0), ()).is_some() {
                        continue;
                    }
                    let mut p = serde_json::Map::new();
                    p.insert("crown_jewel".into(), model.component(cj).id.clone().into());
                    p.insert("step".into(), (step + 1).into());
                    p.insert("gained".into(), h.gained.as_str().into());
                    p.insert("explanation".into(), h.explain(model).into());
                    g.graph.edges.push(Edge {
                        kind: "CordonAttackStep".into(),
                        start: end(h.from),
                        end: end(h.to),
                        properties: p,
                    });
                }
            }
        }
    }
    g
}
