//! `cordon services MODEL`: what stops each service, how likely, and which
//! components' loss stops the most care.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_continuity::Settings;
use cordon_report::{ServicesView, services_view};
use cordon_services::analyze_services;

use super::common::{TextOrJson, load_model, print_json};

/// Minimal cut sets and unavailability of every service, and the components
/// whose loss stops the most care.
#[derive(clap::Args)]
#[command(after_help = "\
A service is down when its `needs` expression fails. A component is down
when it fails or when one of its dependencies (incoming hosts,
authenticates, stores, resolves, supplies) has no provider left. Redundancy
is explicit: each provider is needed unless providers of one kind declare
the same `redundancy: GROUP` (two domain controllers declared so keep an
application running while one of them is up). See docs/semantics.md.
Failure probabilities: `p_fail` of each component, else 0.01.

Examples:
  cordon services examples/hospital-group/
  cordon services estate.yaml --cut-sets 20 --format json")]
pub struct Args {
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Minimal cut sets listed per service, smallest first.
    #[arg(long, default_value_t = 8)]
    pub cut_sets: usize,
    /// Ignore cut sets with more components than this (counts included).
    #[arg(long)]
    pub max_order: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    if model.services.is_empty() {
        anyhow::bail!(
            "{} declares no service: add `services:` with `needs` expressions (docs/model.md)",
            model.name
        );
    }
    let settings = Settings {
        order_limit: args.max_order,
        ..Settings::default()
    };
    let analyses = analyze_services(&model, &settings, args.cut_sets)?;
    let view = services_view(&model, &analyses);
    match args.format {
        TextOrJson::Json => print_json(&view)?,
        _ => {
            print!("{}", text(&view));
            let hints = cordon_services::undeclared_redundancy(&model, 10);
            if !hints.is_empty() {
                println!(
                    "\nNOTE: each of these providers is needed (redundancy is never inferred); if they stand in\nfor each other, give them the same `redundancy: GROUP` (docs/semantics.md):"
                );
                for (c, kind, providers) in hints {
                    let p: Vec<&str> = providers
                        .iter()
                        .map(|x| model.component(*x).id.as_str())
                        .collect();
                    println!(
                        "  {} is {} {}",
                        model.component(c).id,
                        cordon_services::availability::dependency_phrase(kind),
                        p.join(" and ")
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn text(v: &ServicesView) -> String {
    let mut out = format!(
        "cordon services — {}\n(component failure probability: declared p_fail, else {})\n\n",
        v.model, v.default_p_fail
    );
    out.push_str("CARE AT RISK — components whose loss alone stops the most care\n");
    if v.care_at_risk.is_empty() {
        out.push_str("  no single component stops a service on its own.\n");
    }
    for r in v.care_at_risk.iter().take(12) {
        out.push_str(&format!(
            "  {:<22} stops {}{}: {}\n",
            r.id,
            cordon_report::words::count(r.services.len(), "service"),
            if r.critical > 0 {
                format!(" ({} critical)", r.critical)
            } else {
                String::new()
            },
            r.services.join(", ")
        ));
    }
    out.push_str("\nSERVICES, most critical and least available first\n");
    for s in &v.services {
        let dist: Vec<String> = s
            .distribution
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} of order {k}"))
            .collect();
        out.push_str(&format!(
            "\n  {} [{:?}] — unavailability {:.3e}; {} minimal cut sets ({})\n    needs: {}\n",
            s.id,
            s.criticality,
            s.probability,
            s.mcs_count,
            dist.join(", "),
            s.needs
        ));
        match &s.fallback {
            Some(f) => out.push_str(&format!(
                "    fallback: {} ({:.0}% capacity)\n",
                f.name,
                f.capacity * 100.0
            )),
            None => out.push_str("    fallback: none — care stops\n"),
        }
        if !s.single_points_of_failure.is_empty() {
            out.push_str(&format!(
                "    single points of failure: {}\n",
                s.single_points_of_failure.join(", ")
            ));
        }
        let more: Vec<String> = s
            .cut_sets
            .iter()
            .filter(|c| c.components.len() > 1)
            .map(|c| format!("{{{}}}", c.components.join(", ")))
            .collect();
        if !more.is_empty() {
            out.push_str(&format!("    smallest combinations: {}\n", more.join(" ")));
        }
    }
    out
}
