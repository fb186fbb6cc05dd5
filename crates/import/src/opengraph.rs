//! BloodHound OpenGraph JSON, in and out.
//!
//! ```json
//! { "metadata": { "source_kind": "Cordon" },
//!   "graph": { "nodes": [ { "id": "…", "kinds": ["CordonServerOs", "CordonComponent"], "properties": { … } } ],
//!              "edges": [ { "kind": "CordonControls", "start": { "value": "…", "match_by": "id" },
//!                           "end": { "value": "…", "match_by": "id" }, "properties": { … } } ] } }
//! ```
//!
//! Import: the file goes through the AD graph ([`crate::ad`]): AD node and
//! edge kinds (the shape of BloodHound's golden files and test harnesses)
//! get BloodHound's post-processing and AD semantics; other nodes take their
//! kind from `properties.cordon_kind` or a `Cordon<Kind>` kind; an edge whose
//! kind names a cordon interaction (`CordonControls`) keeps it; edges marked
//! `"traversable": false` (and non-traversable AD kinds) are not
//! interactions. A UTF-8 byte-order mark and zips of JSON files are accepted.
//! Export: components, interactions and, optionally, the attack paths from
//! outside to each crown jewel as `CordonAttackStep` edges.

use std::collections::BTreeMap;
use std::path::PathBuf;

use cordon_model::{ComponentId, Model};
use serde::{Deserialize, Serialize};

use crate::error::ImportError;
use crate::estate::{Estate, sanitize_id};

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

/// Reads one OpenGraph document (a UTF-8 byte-order mark is accepted).
fn read_doc(name: &str, reader: impl std::io::Read) -> Result<OpenGraph, ImportError> {
    let r = crate::sharphound::SkipBom::new(std::io::BufReader::new(reader));
    let doc: OpenGraph =
        serde_json::from_reader(r).map_err(|e| ImportError::json(name, None, None, &e))?;
    check_unique_nodes(name, &doc)?;
    Ok(doc)
}

/// Two nodes of one document with the same id: an exact repeat loses
/// nothing and is accepted; two different nodes under one id are an error
/// naming both records, never one of them silently dropped.
fn check_unique_nodes(name: &str, doc: &OpenGraph) -> Result<(), ImportError> {
    let mut first: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(doc.graph.nodes.len());
    for (i, n) in doc.graph.nodes.iter().enumerate() {
        if let Some(&j) = first.get(n.id.as_str()) {
            let a = &doc.graph.nodes[j];
            if a.kinds != n.kinds || a.properties != n.properties {
                return Err(ImportError::Parse {
                    path: PathBuf::from(name),
                    record: crate::error::Record {
                        index: Some(i),
                        id: Some(n.id.clone()),
                        line: None,
                        column: None,
                    },
                    message: format!(
                        "node id `{}` is also the id of graph.nodes[{j}], with other kinds or properties; \
                         give each node its own id, or merge the two into one node",
                        n.id
                    ),
                });
            }
        } else {
            first.insert(n.id.as_str(), i);
        }
    }
    Ok(())
}

/// Reads OpenGraph files (JSON, or zips of JSON files) into the AD graph:
/// AD node and edge kinds keep BloodHound's meaning, other kinds are carried
/// as they are. Post-processing is not applied yet.
pub fn read_graph(paths: &[PathBuf]) -> Result<crate::ad::AdGraph, ImportError> {
    let mut g = crate::ad::AdGraph::default();
    for path in paths {
        let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        let is_zip = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if is_zip {
            let bad = |message: String| ImportError::Parse {
                path: path.clone(),
                record: Default::default(),
                message,
            };
            let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f))
                .map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
            let mut names: Vec<(String, usize)> = (0..zip.len())
                .filter_map(|i| zip.name_for_index(i)?.ok().map(|n| (n.to_string(), i)))
                .filter(|(n, _)| n.to_ascii_lowercase().ends_with(".json"))
                .collect();
            names.sort();
            crate::sharphound::check_duplicate_entries(path, zip.len())?;
            if names.is_empty() {
                return Err(bad("the archive holds no .json file".into()));
            }
            for (name, i) in names {
                let entry = zip
                    .by_index(i)
                    .map_err(|e| bad(format!("cannot read {name}: {e}")))?;
                let label = format!("{}!{name}", path.display());
                let doc = read_doc(&label, entry)?;
                let file = g.files.len() as u32;
                g.files.push(label);
                crate::ad::generic::add_opengraph(&mut g, &doc, file);
            }
        } else {
            let label = path.display().to_string();
            let doc = read_doc(&label, f)?;
            let file = g.files.len() as u32;
            g.files.push(label);
            crate::ad::generic::add_opengraph(&mut g, &doc, file);
        }
    }
    Ok(g)
}

/// Reads OpenGraph files into an estate: the AD graph, BloodHound's
/// post-processing, then the mapping with AD semantics (see [`crate::ad`]).
/// Edges marked `"traversable": false` never become interactions.
pub fn import(paths: &[PathBuf], options: &ImportOptions) -> Result<Estate, ImportError> {
    Ok(import_graph(paths, options)?.0)
}

/// [`import`], also returning the analysed AD graph.
pub fn import_graph(
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<(Estate, crate::ad::AdGraph), ImportError> {
    let mut g = read_graph(paths)?;
    crate::ad::analysis::analyze(&mut g);
    let mut estate = crate::ad::map::to_estate(&g, "bloodhound-opengraph", &options.zone);
    // Per-node zones (`properties.zone`), as cordon's own export writes them.
    let zones: std::collections::HashMap<String, String> = g
        .nodes
        .iter()
        .filter_map(|n| {
            let z = n.str("zone").map(sanitize_id).filter(|z| !z.is_empty())?;
            Some((n.objectid.clone(), z))
        })
        .collect();
    let external: std::collections::HashSet<String> = g
        .nodes
        .iter()
        .filter(|n| n.flag("zone_external") == Some(true))
        .filter_map(|n| n.str("zone").map(sanitize_id))
        .collect();
    // Nodes of cordon's own export without an `objectid` (a hand-written
    // model's components): the node id was only the file's key.
    let keyed_by_node_id: std::collections::HashSet<&str> = g
        .nodes
        .iter()
        .filter(|n| {
            n.str("objectid").is_none() && n.other_kinds.iter().any(|k| k == "CordonComponent")
        })
        .map(|n| n.objectid.as_str())
        .collect();
    if !zones.is_empty() {
        for c in &mut estate.components {
            if let Some(z) = c
                .properties
                .get("objectid")
                .and_then(|v| v.as_str())
                .and_then(|o| zones.get(o))
            {
                c.zone = z.clone();
            }
        }
        let mut zs: Vec<String> = zones.values().cloned().collect();
        zs.sort();
        zs.dedup();
        for z in zs {
            let ext = external.contains(&z);
            estate.zone(&z, ext);
        }
        estate.normalise();
    }
    for c in &mut estate.components {
        if c.properties
            .get("objectid")
            .and_then(|o| o.as_str())
            .is_some_and(|o| keyed_by_node_id.contains(o))
        {
            c.properties.remove("objectid");
        }
    }
    Ok((estate, g))
}

/// The `cordon_rule` edge property: where an interaction comes from.
fn rule_origin(o: &cordon_model::RuleOrigin) -> &'static str {
    use cordon_model::RuleOrigin as O;
    match o {
        O::Declared(_) => "declared",
        O::CatalogDefault { .. } => "catalog-default",
        O::Exposure(_) => "exposure",
        O::RunsOn(_) => "runs-on",
        O::StoredCredentials(_) => "stored-credentials",
    }
}

/// Exports a model as OpenGraph: one node per component, one edge per
/// interaction, and with `paths` the shortest path from outside (the
/// external zones' networks; none when the model has no external zone, as
/// after an AD import) to each crown jewel as `CordonAttackStep` edges.
pub fn export(model: &Model, paths: bool) -> OpenGraph {
    let outside: Vec<_> = model.zones.iter().filter_map(|z| z.network).collect();
    export_paths_from(model, paths.then_some(outside.as_slice()))
}

/// Like [`export`], with the attack paths drawn from `from` (held at
/// control) to each crown jewel it reaches, when given (`cordon export
/// --paths-from SELECTOR`).
pub fn export_paths_from(model: &Model, from: Option<&[ComponentId]>) -> OpenGraph {
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
        // The readable name, the cordon id (so that importing the export
        // again keeps the ids) and, for imported AD objects, the objectid.
        p.insert("name".into(), c.label().into());
        p.insert("cordon_id".into(), c.id.clone().into());
        if let Some(o) = c.properties.get("objectid").filter(|o| o.is_string()) {
            p.insert("objectid".into(), o.clone());
        }
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
        // Beside the labels, what an import needs to declare them again
        // (`stored_on`: the selector as written).
        let details: Vec<serde_json::Value> = c
            .weaknesses
            .iter()
            .map(|w| {
                let mut d = serde_json::Map::new();
                d.insert("kind".into(), w.kind.to_string().into());
                if let Some(cve) = &w.cve {
                    d.insert("cve".into(), cve.clone().into());
                }
                d.insert("grants".into(), w.grants.as_str().into());
                if let Some(on) = &w.on {
                    d.insert("stored_on".into(), on.to_string().into());
                }
                if let Some(n) = &w.notes {
                    d.insert("notes".into(), n.clone().into());
                }
                serde_json::Value::Object(d)
            })
            .collect();
        p.insert("weakness_details".into(), details.into());
        let zone = model.zone(c.zone);
        p.insert("zone_external".into(), zone.external.into());
        if let Some(h) = c.runs_on {
            p.insert("runs_on".into(), model.component(h).id.clone().into());
        }
        let aliases: Vec<&str> = c.aliases().collect();
        if !aliases.is_empty() {
            p.insert(
                cordon_model::resolve::ALIASES_PROPERTY.into(),
                aliases.into(),
            );
        }
        for key in ["bloodhound_kind", "domain", "os"] {
            if let Some(v) = c.properties.get(key).filter(|v| v.is_string()) {
                p.insert(key.into(), v.clone());
            }
        }
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
        if let Some(n) = &rule.notes {
            p.insert("notes".into(), n.clone().into());
        }
        // Where the interaction comes from: an import declares only the
        // `declared` ones again (the others follow from kinds, `exposed`,
        // `runs_on` and weaknesses, which the nodes carry).
        p.insert("cordon_rule".into(), rule_origin(&rule.origin).into());
        g.graph.edges.push(Edge {
            kind: format!("Cordon{}", pascal(i.kind.as_str())),
            start: end(i.from),
            end: end(i.to),
            properties: p,
        });
    }
    if let Some(outside) = from {
        let graph = cordon_paths::AttackGraph::new(model);
        if !outside.is_empty() {
            let access = graph.access_from(outside);
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
