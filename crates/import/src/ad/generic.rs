//! BloodHound's generic graph JSON (OpenGraph; the shape of BloodHound's
//! golden files and test harnesses) into the AD graph: AD node kinds
//! (`User`, `Group`, `Computer`, `Domain`, `CertTemplate`…) and edge kinds
//! keep their meaning, so the same post-processing applies. A node's
//! `properties.objectid` is its identifier when present (else its `id`);
//! `traversable: false` on an edge is honoured for every kind.

use std::collections::HashMap;

use serde_json::Value;

use super::{AdGraph, NodeKind, Origin};
use crate::opengraph::OpenGraph;

/// Adds an OpenGraph document to `g`. Returns the node index of each
/// document node id. `file` indexes [`AdGraph::files`].
pub fn add_opengraph(g: &mut AdGraph, doc: &OpenGraph, file: u32) -> HashMap<String, u32> {
    let mut by_id: HashMap<String, u32> = HashMap::new();
    let mut by_name: HashMap<String, u32> = HashMap::new();
    for (i, n) in doc.graph.nodes.iter().enumerate() {
        let objectid = n
            .properties
            .get("objectid")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&n.id)
            .to_string();
        let x = g.node(&objectid);
        let node = &mut g.nodes[x as usize];
        for k in &n.kinds {
            match NodeKind::parse(k) {
                Some(NodeKind::Base) => {}
                Some(kind) => {
                    // `Group` + `ADLocalGroup`: the more specific wins.
                    if node.kind.is_none()
                        || node.kind == Some(NodeKind::Group) && kind == NodeKind::LocalGroup
                    {
                        node.kind = Some(kind);
                    }
                }
                None => {
                    if !node.other_kinds.contains(k) {
                        node.other_kinds.push(k.clone());
                    }
                }
            }
        }
        for (k, v) in &n.properties {
            node.props.insert(k.to_ascii_lowercase(), v.clone());
        }
        node.origin = Some((file, i));
        if let Some(name) = n.properties.get("name").and_then(Value::as_str) {
            by_name.insert(name.to_ascii_uppercase(), x);
        }
        by_id.insert(n.id.clone(), x);
    }
    // (record, kind, the ends that match nothing) of each skipped edge.
    let mut skipped: Vec<(usize, String, Vec<String>)> = Vec::new();
    for (i, e) in doc.graph.edges.iter().enumerate() {
        let find = |end: &crate::opengraph::EdgeEnd| -> Option<u32> {
            if end.match_by.eq_ignore_ascii_case("name") {
                by_name.get(&end.value.to_ascii_uppercase()).copied()
            } else {
                by_id
                    .get(&end.value)
                    .copied()
                    .or_else(|| g.find(&end.value))
            }
        };
        let (Some(s), Some(t)) = (find(&e.start), find(&e.end)) else {
            let missing = [("start", &e.start), ("end", &e.end)]
                .into_iter()
                .filter(|(_, end)| find(end).is_none())
                .map(|(which, end)| format!("{which} `{}` (match_by {})", end.value, end.match_by))
                .collect();
            skipped.push((i, e.kind.clone(), missing));
            continue;
        };
        g.edge(
            s,
            t,
            &e.kind,
            e.properties.clone(),
            Origin {
                file: Some(file),
                record: Some(i),
                rule: "graph.edges".into(),
                derived: false,
            },
        );
    }
    if !skipped.is_empty() {
        let name = g.files.get(file as usize).cloned().unwrap_or_default();
        const LISTED: usize = 20;
        g.notes.push(format!(
            "{name}: {} {} skipped: an end matches no node",
            skipped.len(),
            if skipped.len() == 1 { "edge" } else { "edges" }
        ));
        for (i, kind, missing) in skipped.iter().take(LISTED) {
            g.notes.push(format!(
                "{name} record {i} (graph.edges[{i}], {kind}): {} matches no node; skipped",
                missing.join(", ")
            ));
        }
        if skipped.len() > LISTED {
            g.notes.push(format!(
                "… and {} more skipped edges",
                skipped.len() - LISTED
            ));
        }
    }
    by_id
}
