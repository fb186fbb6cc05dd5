//! Graphviz DOT pictures of the estate and of its exposure, one text for the
//! CLI (`cordon exposure --format dot`) and the web app (laid out there by
//! `dot -Tsvg`). Labels are quoted by [`dot_id`], which turns a line break
//! into DOT's `\n` escape, so a label reads as two lines, never a literal `\n`.

use std::collections::BTreeSet;

use cordon_model::{AccessLevel, Model};
use cordon_paths::Exposure;

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
                dot_id(&format!("{}\n{}", c.id, c.kind.id)),
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
    let mut edges = BTreeSet::new();
    let mut nodes = BTreeSet::new();
    for j in &exp.crown_jewels {
        if let Some(p) = &j.shortest {
            for h in &p.hops {
                nodes.insert(h.from);
                nodes.insert(h.to);
                edges.insert((
                    h.from,
                    h.to,
                    model.interactions[h.interaction].kind.as_str(),
                    h.gained.as_str(),
                ));
            }
        }
    }
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
            dot_id(&format!("{}\n{}", c.id, c.kind.id)),
            style
        ));
    }
    for (f, t, k, l) in edges {
        out.push_str(&format!(
            "  {} -> {} [label={}];\n",
            dot_id(&model.component(f).id),
            dot_id(&model.component(t).id),
            dot_id(&format!("{k} → {l}"))
        ));
    }
    out.push_str("}\n");
    out
}
