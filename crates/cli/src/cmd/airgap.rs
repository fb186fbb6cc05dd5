//! `cordon airgap MODEL --core SEL`: the smallest set of links isolating a
//! core from everything external, as a Markdown runbook.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::{AirGapPlan, airgap};
use cordon_model::Model;
use cordon_services::ServiceState;

use super::chokepoints::interaction_label;
use super::common::load_model;

/// Air-gap runbook: the fewest links to sever so nothing external reaches the core.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon airgap examples/hospital-group/ --core zone:clinical
  cordon airgap examples/hospital-group/ --core zone:clinical,zone:datacentre --output airgap.md

The core is a selector or a comma-separated list of selectors.")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// The core to isolate (selector or comma-separated list).
    #[arg(long)]
    pub core: String,
    /// Write the runbook to this file instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

fn runbook(model: &Model, plan: &AirGapPlan) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Air-gap runbook: isolate `{}` — {}\n",
        plan.core_text, model.name
    );
    let _ = writeln!(
        s,
        "Core: {} component{}; {} of them reachable from outside today. Outside: {}.\n",
        plan.core.len(),
        if plan.core.len() == 1 { "" } else { "s" },
        plan.exposed_before,
        plan.outside
            .iter()
            .map(|c| model.component(*c).id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if plan.steps.is_empty() {
        let _ = writeln!(s, "Nothing external reaches the core: no link to sever.\n");
    } else {
        let _ = writeln!(
            s,
            "Sever these {} link{} (minimum cut, total cost {}), outermost first:\n",
            plan.steps.len(),
            if plan.steps.len() == 1 { "" } else { "s" },
            plan.cost
        );
    }
    for (n, st) in plan.steps.iter().enumerate() {
        let e = &model.interactions[st.interaction];
        let proto = model
            .rule(e.rule)
            .protocol
            .clone()
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            s,
            "{}. **{}**",
            n + 1,
            interaction_label(model, st.interaction)
        );
        let _ = writeln!(
            s,
            "   - between: `{}` (zone {}) and `{}` (zone {}); protocol: {proto}",
            model.component(e.from).id,
            model.zone(model.component(e.from).zone).id,
            model.component(e.to).id,
            model.zone(model.component(e.to).zone).id
        );
        let _ = writeln!(s, "   - do: {}", st.action);
        let _ = writeln!(s, "   - who: {}", st.who);
        let _ = writeln!(s, "   - verify: {}", st.verify);
    }
    let _ = writeln!(
        s,
        "{}. **Verify the air gap**: {}\n",
        plan.steps.len() + 1,
        if plan.verified {
            "cordon re-ran the path engine without these links: no external component reaches any core component."
        } else {
            "WARNING: the path engine still finds a path — do not rely on this plan."
        }
    );
    let _ = writeln!(s, "## Care during the air gap\n");
    let _ = writeln!(
        s,
        "Care capacity: {:.0}% of normal (criticality-weighted).\n",
        plan.care.care_capacity * 100.0
    );
    let keeps: Vec<&str> = plan
        .services
        .iter()
        .filter(|o| o.state == ServiceState::Up)
        .map(|o| o.name.as_str())
        .collect();
    let _ = writeln!(
        s,
        "Keeps running: {}.\n",
        if keeps.is_empty() {
            "nothing".into()
        } else {
            keeps.join(", ")
        }
    );
    if !plan.care.summary.is_empty() {
        let _ = writeln!(s, "Lost or degraded:\n");
        for line in &plan.care.summary {
            let _ = writeln!(s, "- {line}");
        }
    }
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let plan = airgap(&model, &args.core)?;
    let text = runbook(&model, &plan);
    match &args.output {
        Some(p) => {
            std::fs::write(p, &text)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?;
            eprintln!("runbook written to {}", p.display());
        }
        None => print!("{text}"),
    }
    Ok(if plan.verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
