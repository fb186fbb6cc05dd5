//! `cordon scenario MODEL SCENARIO`: replay compromise / shutdown / isolate /
//! encrypt / restore steps and show, after each, what the attacker reaches
//! and what care is lost.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::report::Names;
use cordon_containment::{
    Scenario, ServiceView, StepOutcome, down_word, run_scenario, scenario_report,
};
use cordon_model::{AccessLevel, Model};
use cordon_services::availability::explain_named;

use super::common::{TextOrJson, load_model, print_json};
use super::views::path_text;

/// Replays a scenario step by step: attacker reach, crown jewels, services, care.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon scenario examples/hospital-group/ examples/hospital-group/scenarios/red-phase.yaml
  cordon scenario examples/hospital-group/ examples/hospital-group/scenarios/servers-shut-down.yaml --format json

Scenario steps: compromise, shutdown, isolate (a selector, `external`, or
\"FROM -> TO\"), encrypt, restore; targets are selectors (id, kind:K,
zone:Z, tag:T, entry-points, crown-jewels, all) or catalog roles
(role:servers, role:workstations). After each step: what the attacker
reaches (held components that are switched off are listed: they return
compromised if restored without a rebuild), which components are unavailable
and why (a cut link fails what it carried), every service's state with its
cause, and the criticality-weighted care. Components read by their name (an
imported object's name, e.g. ALICE@CORP.LOCAL, rather than its SID), with the
id in parentheses when two components share a name; the JSON keeps every `id`
and adds `name` beside it. See docs/containment.md.")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// Scenario file (YAML).
    pub scenario: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// The JSON of one service (shared with `recover` and `chokepoints`).
pub(crate) fn service_json(o: &cordon_containment::ServiceOutcome) -> serde_json::Value {
    serde_json::to_value(ServiceView::new(o)).unwrap_or_default()
}

fn outcome_text(model: &Model, o: &StepOutcome, n: usize) -> String {
    let e = &o.evaluation;
    let word = |c: cordon_model::ComponentId| down_word(&o.situation, c);
    // Components read by name (an AD import's ids are SIDs).
    let names = Names::new(model);
    let name = |c: cordon_model::ComponentId| names.name(c);
    let mut s = String::new();
    match &o.step {
        None => s.push_str("Before the first step\n"),
        Some(step) => {
            s.push_str(&format!("Step {n}: {}", step.describe()));
            if let Some(l) = &step.label {
                s.push_str(&format!(" — {l}"));
            }
            s.push('\n');
            if let Some(b) = &step.because {
                s.push_str(&format!("  because: {b}\n"));
            }
        }
    }
    for note in &o.notes {
        s.push_str(&format!("  {note}\n"));
    }
    for w in &o.warnings {
        s.push_str(&format!("  WARNING: {w}\n"));
    }
    if e.attackers.is_empty() {
        if e.held_switched_off.is_empty() && e.held_cut_off.is_empty() {
            s.push_str("  Attacker: holds nothing\n");
        } else if e.held_switched_off.is_empty() {
            s.push_str("  Attacker: holds nothing of ours (only parties cut off)\n");
        } else {
            s.push_str("  Attacker: holds nothing that runs now\n");
        }
    } else {
        let counts: Vec<String> = [
            AccessLevel::Control,
            AccessLevel::Write,
            AccessLevel::Read,
            AccessLevel::Reach,
        ]
        .iter()
        .map(|l| format!("{} {l}", e.reached[l.index()].len()))
        .collect();
        s.push_str(&format!(
            "  Attacker holds {}; reaches {}\n",
            names.join(&e.attackers),
            counts.join(", ")
        ));
        for l in [
            AccessLevel::Control,
            AccessLevel::Write,
            AccessLevel::Read,
            AccessLevel::Reach,
        ] {
            // Every level reached is said: listed up to 20, else counted
            // with where the list is (trial s3 F2.2).
            let reached = &e.reached[l.index()];
            if reached.len() > 20 {
                s.push_str(&format!(
                    "    {l}: {} (list: --format json)\n",
                    cordon_report::words::count(reached.len(), "component")
                ));
            } else if !reached.is_empty() {
                s.push_str(&format!("    {l}: {}\n", names.join(reached)));
            }
        }
    }
    for &c in &e.held_switched_off {
        s.push_str(&format!(
            "  Held, switched off — returns if restored unrebuilt: {}\n",
            explain_named(model, &e.running, c, &word, &name)
        ));
    }
    for &c in &e.held_cut_off {
        s.push_str(&format!(
            "  Held, cut off — every link to {} is cut; it reaches nothing of ours while the isolation stands\n",
            names.name(c)
        ));
    }
    if !o.possibly_held.is_empty() {
        s.push_str(&format!(
            "  CAUTION — the attacker could control these at an earlier step and they still run; the attacker may already be there (possible footholds to check, not counted below): {}\n",
            names.join(&o.possibly_held)
        ));
    }
    if e.crown_jewels.is_empty() {
        s.push_str("  Crown jewels: none reachable now\n");
    } else {
        s.push_str("  Crown jewels reachable:\n");
        for j in &e.crown_jewels {
            match &j.path {
                Some(p) if !p.hops.is_empty() => s.push_str(&path_text(&names, p, "    ")),
                _ => s.push_str(&format!("    {} ({}) — held\n", names.name(j.id), j.level)),
            }
        }
    }
    if !e.unavailable.is_empty() {
        s.push_str("  Unavailable:\n");
        for &c in &e.unavailable {
            s.push_str(&format!(
                "    {}\n",
                explain_named(model, &e.availability, c, &word, &name)
            ));
        }
    }
    s.push_str(&format!(
        "  Care: {:.0}% of normal capacity (criticality-weighted)\n",
        e.care.care_capacity * 100.0
    ));
    s.push_str(&care_lines(&e.care.summary, &e.services, "    "));
    for o in &e.services {
        for a in &o.alternatives {
            s.push_str(&format!("    {} stays up — {a}\n", o.name));
        }
    }
    s
}

/// The care summary, one line per service not running normally, each
/// followed by its causes (shared with `recover`, `airgap`, `chokepoints`).
pub(crate) fn care_lines(
    summary: &[String],
    services: &[cordon_containment::ServiceOutcome],
    indent: &str,
) -> String {
    let mut s = String::new();
    let under = format!("{}  ", indent.replace('-', " "));
    for line in summary {
        s.push_str(&format!("{indent}{line}\n"));
        if let Some(o) = services.iter().find(|o| &o.summary == line) {
            for c in &o.cause {
                s.push_str(&format!("{under}because {c}\n"));
            }
        }
    }
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let scenario = Scenario::load(&args.scenario)?;
    report(&model, &scenario, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs a scenario on a model and prints what happens after each step
/// (shared with `cordon intel replay --run`). The JSON is
/// `cordon_containment::scenario_report`'s, the same as `POST /api/scenario`.
pub fn report(model: &Model, scenario: &Scenario, format: TextOrJson) -> anyhow::Result<()> {
    match format {
        TextOrJson::Json => print_json(&scenario_report(model, scenario)?)?,
        _ => {
            let outcomes = run_scenario(model, scenario)?;
            println!("Scenario: {} — {}", scenario.name, model.name);
            if let Some(d) = &scenario.description {
                println!("{}", d.trim());
            }
            for (n, o) in outcomes.iter().enumerate() {
                println!();
                print!("{}", outcome_text(model, o, n));
            }
        }
    }
    Ok(())
}
