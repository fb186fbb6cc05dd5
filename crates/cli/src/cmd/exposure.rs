//! `cordon exposure MODEL`: what a security lead reads first.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_model::{AccessLevel, Model};
use cordon_paths::{AttackGraph, Exposure};

use cordon_report::words::count;

use super::common::{Format, load_model, print_json};
use cordon_report::{exposure_view, findings, summary};

use super::views;

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

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let graph = AttackGraph::new(&model);
    let exp = cordon_paths::exposure(&graph, args.examples);
    match args.format {
        Format::Json => print_json(&exposure_view(&model, &exp))?,
        Format::Text => print!("{}", text(&model, &exp, args.top)),
        Format::Dot => print!("{}", cordon_report::dot::exposure_dot(&model, &exp)),
    }
    Ok(ExitCode::SUCCESS)
}

fn text(model: &Model, exp: &Exposure, top: usize) -> String {
    let s = summary(model);
    let mut out = format!(
        "cordon exposure — {}\n{}, {} ({} + catalog defaults), {}, {}\n\n",
        model.name,
        count(s.components, "component"),
        count(s.interactions, "interaction"),
        count(s.declared_rules, "declared rule"),
        count(s.entry_points, "entry point"),
        count(s.crown_jewels, "crown jewel")
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
    let names = cordon_containment::report::Names::new(model);
    for j in &exp.crown_jewels {
        let id = names.name(j.crown_jewel);
        // The first six entry points that reach it, with their level.
        let from: Vec<String> = j
            .reached_from
            .iter()
            .take(6)
            .map(|(c, l)| format!("{} ({l})", names.name(*c)))
            .collect();
        if j.best == AccessLevel::None {
            if j.reached_from.is_empty() {
                out.push_str(&format!(
                    "  {id}: no path from outside, and no entry point reaches it if breached\n"
                ));
            } else {
                out.push_str(&format!(
                    "  {id}: no path from outside; if breached, {} {} it: {}\n",
                    count(j.reached_from.len(), "entry point"),
                    if j.reached_from.len() == 1 {
                        "reaches"
                    } else {
                        "reach"
                    },
                    from.join(", ")
                ));
            }
            continue;
        }
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
            out.push_str(&views::path_text(&names, p, "      "));
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
            .map(|(c, l)| format!("{} ({l})", names.name(*c)))
            .collect();
        out.push_str(&format!(
            "  {:<24} {:>7} {:>7} {:>7} {:>7}  {}\n",
            names.name(b.source),
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
            out.push_str(&views::path_text(&names, &p.path, "    "));
        }
    }
    out.push_str("\nNext: `cordon paths MODEL --from entry-points --to crown-jewels --k 3` for alternatives, `cordon blast MODEL ID` for one breach.\n");
    out
}
