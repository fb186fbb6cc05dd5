//! `cordon airgap MODEL --core SEL`: the smallest set of links isolating a
//! core from everything external, as a Markdown runbook.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::{AirGapCostView, AirGapPlan, airgap};
use cordon_model::Model;
use cordon_report::words::{count, list_or, plural};
use cordon_services::ServiceState;
use serde_json::{Value, json};

use super::chokepoints::interaction_json;
use super::common::{TextOrJson, load_model, print_json};
use super::scenario::service_json;

/// Air-gap runbook: the fewest links to sever so nothing external reaches the core.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon airgap examples/hospital-group/ --core zone:clinical
  cordon airgap examples/hospital-group/ --core zone:clinical,zone:datacentre --output airgap.md
  cordon airgap examples/hospital-group/ --core 'zone:clinical,!kind:medical-device'

The core is a selector or a comma-separated list of selectors; an item written
`!SELECTOR` is left out of the core (the same grammar as `paths --from`). Links whose cut
costs care are avoided when another link does the same job. The care section is
the plan's own (only its links cut), step by step with a warning on each step
that stops or degrades a service, beside the red phase (every external link cut).")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// The core to isolate (selector or comma-separated list; `!SELECTOR` leaves out).
    #[arg(long)]
    pub core: String,
    /// Write the runbook to this file instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Output format (text is the Markdown runbook).
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

fn to_json(model: &Model, p: &AirGapPlan) -> Value {
    let ids = |v: &[cordon_model::ComponentId]| {
        v.iter()
            .map(|c| model.component(*c).id.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "core": p.core_text,
        "core_components": ids(&p.core),
        "outside": ids(&p.outside),
        "names": super::chokepoints::names_of(model, [&p.core[..], &p.outside[..]]),
        "exposed_before": p.exposed_before,
        "cost": p.cost,
        "cheapest": AirGapCostView::new(model, p),
        "verified": p.verified,
        "steps": p.steps.iter().map(|st| json!({
            "sever": interaction_json(model, st.interaction),
            "do": st.action, "who": st.who, "verify": st.verify, "cost": st.cost,
            "care_after": st.care_after, "warnings": st.warnings,
        })).collect::<Vec<_>>(),
        "services": p.services.iter().map(service_json).collect::<Vec<_>>(),
        "care": { "capacity": p.care.care_capacity, "summary": p.care.summary },
        "red_phase": {
            "services": p.red_phase_services.iter().map(service_json).collect::<Vec<_>>(),
            "care": { "capacity": p.red_phase_care.care_capacity, "summary": p.red_phase_care.summary },
        },
    })
}

fn runbook(model: &Model, plan: &AirGapPlan) -> String {
    // Components read by name (an AD import's ids are SIDs).
    let names = cordon_containment::report::Names::new(model);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Air-gap runbook: isolate `{}` — {}\n",
        plan.core_text, model.name
    );
    let _ = writeln!(
        s,
        "Core: {}; {} reachable from outside today. Outside: {}.\n",
        count(plan.core.len(), "component"),
        match (plan.core.len(), plan.exposed_before) {
            (1, 1) => "it is".to_string(),
            (1, _) => "it is not".to_string(),
            (_, n) => format!("{n} of them"),
        },
        names.join(&plan.outside)
    );
    if plan.steps.is_empty() {
        let _ = writeln!(s, "Nothing external reaches the core: no link to sever.\n");
    } else {
        let why = AirGapCostView::new(model, plan).sentence(plan.care.care_capacity);
        let _ = writeln!(
            s,
            "Sever {}, outermost first. {why}.\n",
            plural(plan.steps.len(), "this link", "these {} links")
        );
    }
    for (n, st) in plan.steps.iter().enumerate() {
        let e = &model.interactions[st.interaction];
        let proto = model
            .rule(e.rule)
            .protocol
            .clone()
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(s, "{}. **{}**", n + 1, names.interaction(st.interaction));
        let _ = writeln!(
            s,
            "   - between: `{}` (zone {}) and `{}` (zone {}); protocol: {proto}",
            names.name(e.from),
            model.zone(model.component(e.from).zone).id,
            names.name(e.to),
            model.zone(model.component(e.to).zone).id
        );
        let _ = writeln!(s, "   - do: {}", st.action);
        let _ = writeln!(s, "   - who: {}", st.who);
        let _ = writeln!(s, "   - verify: {}", st.verify);
        let _ = writeln!(
            s,
            "   - care with this step in force: {:.0}% of normal",
            st.care_after * 100.0
        );
        for w in &st.warnings {
            let _ = writeln!(s, "   - **WARNING**: {w}");
        }
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
        "Care capacity: {:.0}% of normal (criticality-weighted) with this plan; {:.0}% in the red phase (every external link cut).\n",
        plan.care.care_capacity * 100.0,
        plan.red_phase_care.care_capacity * 100.0
    );
    let keeps: Vec<&str> = plan
        .services
        .iter()
        .filter(|o| o.state == ServiceState::Up)
        .map(|o| o.name.as_str())
        .collect();
    let _ = writeln!(s, "Keeps running: {}.\n", list_or(&keeps, "nothing"));
    for (title, summary, services) in [
        ("Lost or degraded:", &plan.care.summary, &plan.services),
        (
            "For comparison, the red phase loses:",
            &plan.red_phase_care.summary,
            &plan.red_phase_services,
        ),
    ] {
        if !summary.is_empty() {
            let _ = writeln!(s, "{title}\n");
            s.push_str(&super::scenario::care_lines(summary, services, "- "));
            let _ = writeln!(s);
        }
    }
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let plan = airgap(&model, &args.core)?;
    let code = if plan.verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if args.format == TextOrJson::Json {
        print_json(&to_json(&model, &plan))?;
        return Ok(code);
    }
    let text = runbook(&model, &plan);
    match &args.output {
        Some(p) => {
            std::fs::write(p, &text)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?;
            eprintln!("runbook written to {}", p.display());
        }
        None => print!("{text}"),
    }
    Ok(code)
}
