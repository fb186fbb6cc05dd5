//! `cordon exposure MODEL`: what a security lead reads first.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_model::{AccessLevel, Model};
use cordon_paths::{AttackGraph, Exposure};
use serde::Serialize;

use super::common::{Format, dot_id, load_model, print_json};
use super::views::{self, BlastView, PathView, Reached};

/// Crown jewels vs entry points, blast radius of every entry point, and the
/// emergent trust the declared interactions imply.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon exposure examples/hospital-group/
  cordon exposure estate.yaml --format json > exposure.json
  cordon exposure estate.yaml --format dot | dot -Tsvg > exposure.svg

Entry points are exposed components and the networks of external zones.
Access levels: reach < read < write < control (see docs/semantics.md).")]
pub struct Args {
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Emergent-trust pairs to explain.
    #[arg(long, default_value_t = 8)]
    pub examples: usize,
    /// Entry points listed in text output (JSON lists all).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
}

#[derive(Serialize)]
struct Summary {
    components: usize,
    interactions: usize,
    declared_rules: usize,
    entry_points: usize,
    crown_jewels: usize,
    services: usize,
}

#[derive(Serialize)]
struct Finding {
    severity: &'static str,
    message: String,
}

#[derive(Serialize)]
struct JewelView {
    id: String,
    best_level: AccessLevel,
    reached_from: Vec<Reached>,
    shortest_path: Option<PathView>,
}

#[derive(Serialize)]
struct EmergentView {
    sources: usize,
    all_components: bool,
    declared_pairs: usize,
    direct_control_pairs: usize,
    control_pairs: usize,
    emergent_pairs: usize,
    examples: Vec<PathView>,
}

#[derive(Serialize)]
struct ExposureView {
    model: String,
    summary: Summary,
    findings: Vec<Finding>,
    crown_jewels: Vec<JewelView>,
    entry_points: Vec<BlastView>,
    emergent_trust: EmergentView,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let graph = AttackGraph::new(&model);
    let exp = cordon_paths::exposure(&graph, args.examples);
    match args.format {
        Format::Json => print_json(&view(&model, &exp))?,
        Format::Text => print!("{}", text(&model, &exp, args.top)),
        Format::Dot => print!("{}", dot(&model, &exp)),
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(model: &Model) -> Summary {
    Summary {
        components: model.components.len(),
        interactions: model.interactions.len(),
        declared_rules: model
            .rules
            .iter()
            .filter(|r| matches!(r.origin, cordon_model::RuleOrigin::Declared(_)))
            .count(),
        entry_points: model.entry_points().len(),
        crown_jewels: model.crown_jewels().len(),
        services: model.services.len(),
    }
}

fn findings(model: &Model, exp: &Exposure) -> Vec<Finding> {
    let mut out = Vec::new();
    let jewels = exp.crown_jewels.len();
    let controlled = exp
        .crown_jewels
        .iter()
        .filter(|j| j.best == AccessLevel::Control)
        .count();
    let written = exp
        .crown_jewels
        .iter()
        .filter(|j| j.best == AccessLevel::Write)
        .count();
    if jewels == 0 {
        out.push(Finding {
            severity: "warning",
            message:
                "no crown jewel is marked: add `crown_jewel: true` to what you fear losing most"
                    .into(),
        });
    }
    if controlled > 0 {
        out.push(Finding {
            severity: "critical",
            message: format!(
                "{controlled} of {jewels} crown jewels can be controlled from outside"
            ),
        });
    }
    if written > 0 {
        out.push(Finding {
            severity: "high",
            message: format!("{written} of {jewels} crown jewels can be modified from outside"),
        });
    }
    for j in exp
        .crown_jewels
        .iter()
        .filter(|j| j.best >= AccessLevel::Write)
    {
        if let Some(p) = &j.shortest {
            out.push(Finding {
                severity: if j.best == AccessLevel::Control {
                    "critical"
                } else {
                    "high"
                },
                message: format!(
                    "{} (crown jewel): {} from {} in {} hop{}, reached from {} entry point{}",
                    model.component(j.crown_jewel).id,
                    j.best,
                    model.component(p.source).id,
                    p.hops.len(),
                    if p.hops.len() == 1 { "" } else { "s" },
                    j.reached_from.len(),
                    if j.reached_from.len() == 1 { "" } else { "s" }
                ),
            });
        }
    }
    if let Some(b) = exp.entry_points.first().filter(|b| b.total() > 0) {
        out.push(Finding {
            severity: if b.crown_jewels.is_empty() { "medium" } else { "high" },
            message: format!(
                "largest blast radius: {} if breached gives control of {} and access to {} components, {} crown jewel{}",
                model.component(b.source).id,
                b.counts[4],
                b.total(),
                b.crown_jewels.len(),
                if b.crown_jewels.len() == 1 { "" } else { "s" }
            ),
        });
    }
    let e = &exp.emergent;
    if e.emergent_pairs > 0 {
        out.push(Finding {
            severity: "medium",
            message: format!(
                "emergent trust: {} component pairs give control transitively, {} of them through no single interaction ({} interacting pairs declared)",
                e.control_pairs, e.emergent_pairs, e.declared_pairs
            ),
        });
    }
    out
}

fn view(model: &Model, exp: &Exposure) -> ExposureView {
    ExposureView {
        model: model.name.clone(),
        summary: summary(model),
        findings: findings(model, exp),
        crown_jewels: exp
            .crown_jewels
            .iter()
            .map(|j| JewelView {
                id: model.component(j.crown_jewel).id.clone(),
                best_level: j.best,
                reached_from: views::reached(model, &j.reached_from),
                shortest_path: j.shortest.as_ref().map(|p| views::path_view(model, p)),
            })
            .collect(),
        entry_points: exp
            .entry_points
            .iter()
            .map(|b| views::blast_view(model, b))
            .collect(),
        emergent_trust: EmergentView {
            sources: exp.emergent.sources,
            all_components: exp.emergent.all_components,
            declared_pairs: exp.emergent.declared_pairs,
            direct_control_pairs: exp.emergent.direct_control_pairs,
            control_pairs: exp.emergent.control_pairs,
            emergent_pairs: exp.emergent.emergent_pairs,
            examples: exp
                .emergent
                .examples
                .iter()
                .map(|p| views::path_view(model, &p.path))
                .collect(),
        },
    }
}

fn text(model: &Model, exp: &Exposure, top: usize) -> String {
    let s = summary(model);
    let mut out = format!(
        "cordon exposure — {}\n{} components, {} interactions ({} declared rules + catalog defaults), {} entry points, {} crown jewels\n\n",
        model.name, s.components, s.interactions, s.declared_rules, s.entry_points, s.crown_jewels
    );
    out.push_str("FINDINGS\n");
    let fs = findings(model, exp);
    if fs.is_empty() {
        out.push_str("  no crown jewel is reachable from outside.\n");
    }
    for f in fs {
        out.push_str(&format!("  [{}] {}\n", f.severity, f.message));
    }
    out.push_str("\nCROWN JEWELS, most exposed first\n");
    for j in &exp.crown_jewels {
        let id = &model.component(j.crown_jewel).id;
        if j.best == AccessLevel::None {
            if j.reached_from.is_empty() {
                out.push_str(&format!(
                    "  {id}: no path from outside, and no entry point reaches it if breached\n"
                ));
            } else {
                let from: Vec<String> = j
                    .reached_from
                    .iter()
                    .take(6)
                    .map(|(c, l)| format!("{} ({l})", model.component(*c).id))
                    .collect();
                out.push_str(&format!(
                    "  {id}: no path from outside; if breached, {} entry point{} reach it: {}\n",
                    j.reached_from.len(),
                    if j.reached_from.len() == 1 { "" } else { "s" },
                    from.join(", ")
                ));
            }
            continue;
        }
        let from: Vec<String> = j
            .reached_from
            .iter()
            .take(6)
            .map(|(c, l)| format!("{} ({l})", model.component(*c).id))
            .collect();
        let more = j.reached_from.len().saturating_sub(6);
        out.push_str(&format!(
            "  {id}: {} from outside; entry points: {}{}\n",
            j.best,
            from.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
        if let Some(p) = &j.shortest {
            out.push_str("    shortest path from outside:\n");
            out.push_str(&views::path_text(model, p, "      "));
        }
    }
    out.push_str(&format!(
        "\nENTRY POINTS, largest blast radius first ({} of {})\n  {:<24} {:>7} {:>7} {:>7} {:>7}  crown jewels reached\n",
        exp.entry_points.len().min(top),
        exp.entry_points.len(),
        "if breached",
        "control",
        "write",
        "read",
        "reach"
    ));
    for b in exp.entry_points.iter().take(top) {
        let jewels: Vec<String> = b
            .crown_jewels
            .iter()
            .map(|(c, l)| format!("{} ({l})", model.component(*c).id))
            .collect();
        out.push_str(&format!(
            "  {:<24} {:>7} {:>7} {:>7} {:>7}  {}\n",
            model.component(b.source).id,
            b.counts[4],
            b.counts[3],
            b.counts[2],
            b.counts[1],
            if jewels.is_empty() {
                "-".into()
            } else {
                jewels.join(", ")
            }
        ));
    }
    let e = &exp.emergent;
    out.push_str(&format!(
        "\nEMERGENT TRUST{}\n  {} interacting pairs are declared; {} give control directly.\n  Holding one component gives control of another for {} pairs: {} arise only through chains.\n",
        if e.all_components { String::new() } else { format!(" (from the {} entry points; the model is too large for all pairs)", e.sources) },
        e.declared_pairs,
        e.direct_control_pairs,
        e.control_pairs,
        e.emergent_pairs
    ));
    if !e.examples.is_empty() {
        out.push_str("  Chains onto crown jewels nobody declared:\n");
        for p in &e.examples {
            out.push_str(&views::path_text(model, &p.path, "    "));
        }
    }
    out.push_str("\nNext: `cordon paths MODEL --from entry-points --to crown-jewels --k 3` for alternatives, `cordon blast MODEL ID` for one breach.\n");
    out
}

fn dot(model: &Model, exp: &Exposure) -> String {
    let mut out =
        String::from("digraph exposure {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    let mut edges = std::collections::BTreeSet::new();
    let mut nodes = std::collections::BTreeSet::new();
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
            ", color=red, penwidth=2"
        } else if model.is_entry_point(n) {
            ", color=orange"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {} [label={}{}];\n",
            dot_id(&c.id),
            dot_id(&format!("{}\\n{}", c.id, c.kind.id)),
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
