//! Graphviz DOT pictures of the estate and of its exposure, one text for the
//! CLI (`cordon exposure --format dot`) and the web app (laid out there by
//! `dot -Tsvg`). Labels are quoted by [`dot_id`], which turns a line break
//! into DOT's `\n` escape, so a label reads as two lines, never a literal `\n`.

use std::collections::BTreeSet;

use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_paths::{AttackPath, Exposure};

/// One hop drawn as an edge: from, to, what the edge is (the BloodHound
/// edge kinds of an imported interaction — its `protocol` when that names
/// BloodHound kinds, `MemberOf` — else the interaction kind), access gained.
pub type HopEdge = (ComponentId, ComponentId, String, &'static str);

/// What a hop's edge is called: the BloodHound kinds its interaction's
/// `protocol` names (`MemberOf`, `GenericAll, WriteDacl`), as the text output
/// shows them; else the interaction kind (`controls`, `connects`).
fn edge_name(model: &Model, interaction: usize) -> String {
    let i = &model.interactions[interaction];
    match model.rule(i.rule).protocol.as_deref() {
        Some(p) if cordon_paths::reading::protocol_kinds(p).next().is_some() => p.to_string(),
        _ => i.kind.as_str().to_string(),
    }
}

/// A node's label: its readable name (`cordon_paths::reading::display_name`),
/// then its kind on a second line.
fn node_label(model: &Model, c: ComponentId) -> String {
    format!(
        "{}\n{}",
        cordon_paths::reading::display_name(model, c),
        model.component(c).kind.id
    )
}

/// A node line of a hop picture: the id as the DOT node id, the readable
/// name and kind as its label, then `attrs` (`, color=red`).
pub fn node_line(model: &Model, c: ComponentId, attrs: &str) -> String {
    format!(
        "  {} [label={}{attrs}];\n",
        dot_id(&model.component(c).id),
        dot_id(&node_label(model, c))
    )
}

/// The hops of `paths` as edges, each once, in order.
pub fn hop_edges<'p>(
    model: &Model,
    paths: impl IntoIterator<Item = &'p AttackPath>,
) -> BTreeSet<HopEdge> {
    paths
        .into_iter()
        .flat_map(|p| &p.hops)
        .map(|h| {
            (
                h.from,
                h.to,
                edge_name(model, h.interaction),
                h.gained.as_str(),
            )
        })
        .collect()
}

/// Writes `edges` as DOT edge lines labelled `kind → gained`.
pub fn write_hop_edges(out: &mut String, model: &Model, edges: &BTreeSet<HopEdge>) {
    for (f, t, k, l) in edges {
        let (f, t) = (*f, *t);
        out.push_str(&format!(
            "  {} -> {} [label={}];\n",
            dot_id(&model.component(f).id),
            dot_id(&model.component(t).id),
            dot_id(&format!("{k} → {l}"))
        ));
    }
}

/// Quotes a string for DOT.
pub fn dot_id(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// The estate: one cluster per zone, one edge per interacting pair (strongest access the
/// pair grants: red for control, orange for write).
pub fn estate_dot(model: &Model) -> String {
    let mut out = String::from(
        "digraph estate {\n  rankdir=LR; compound=true; fontname=\"Helvetica\"; fontsize=11;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#8899aa\", arrowsize=0.6];\n",
    );
    for (zi, z) in model.zones.iter().enumerate() {
        out.push_str(&format!(
            "  subgraph {} {{\n    label={}; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"#cccccc\";\n",
            dot_id(&format!("cluster_{}", z.id)),
            dot_id(&z.id),
            if z.external { "#fdf1e6" } else { "#f3f6fa" }
        ));
        for c in model.components.iter().filter(|c| c.zone.0 as usize == zi) {
            let style = if c.crown_jewel {
                ", color=\"#c0392b\", penwidth=2"
            } else if c.implicit {
                ", shape=ellipse"
            } else {
                ""
            };
            out.push_str(&format!(
                "    {} [label={}{}];\n",
                dot_id(&c.id),
                dot_id(&format!("{}\n{}", c.label(), c.kind.id)),
                style
            ));
        }
        out.push_str("  }\n");
    }
    let mut pairs: std::collections::BTreeMap<(u32, u32), AccessLevel> = Default::default();
    for i in &model.interactions {
        let g = i.kind.grants(AccessLevel::Control);
        let e = pairs.entry((i.from.0, i.to.0)).or_insert(g);
        if g > *e {
            *e = g;
        }
    }
    for ((f, t), g) in pairs {
        let attr = match g {
            AccessLevel::Control => " [color=\"#c0392b\"]",
            AccessLevel::Write => " [color=\"#e67e22\"]",
            _ => "",
        };
        out.push_str(&format!(
            "  {} -> {}{attr};\n",
            dot_id(&model.components[f as usize].id),
            dot_id(&model.components[t as usize].id)
        ));
    }
    out.push_str("}\n");
    out
}

/// The attack graph of the exposure: the shortest path from outside to every crown jewel
/// (entry points orange, crown jewels red), edges labelled with the access gained.
pub fn exposure_dot(model: &Model, exp: &Exposure) -> String {
    let mut out = String::from(
        "digraph exposure {\n  rankdir=LR; fontname=\"Helvetica\";\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    let edges = hop_edges(
        model,
        exp.crown_jewels.iter().filter_map(|j| j.shortest.as_ref()),
    );
    let nodes: BTreeSet<ComponentId> = edges.iter().flat_map(|&(f, t, _, _)| [f, t]).collect();
    for n in nodes {
        let c = model.component(n);
        let style = if c.crown_jewel {
            ", color=\"#c0392b\", fillcolor=\"#fdecea\", penwidth=2"
        } else if model.is_entry_point(n) {
            ", color=\"#e67e22\", fillcolor=\"#fef5e7\""
        } else {
            ""
        };
        out.push_str(&format!(
            "  {} [label={}{}];\n",
            dot_id(&c.id),
            dot_id(&node_label(model, n)),
            style
        ));
    }
    write_hop_edges(&mut out, model, &edges);
    out.push_str("}\n");
    out
}
