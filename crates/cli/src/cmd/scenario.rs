//! `cordon scenario MODEL SCENARIO`: replay compromise / shutdown / isolate /
//! encrypt / restore steps and show, after each, what the attacker reaches
//! and what care is lost.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::{Scenario, StepOutcome, run_scenario};
use cordon_model::{AccessLevel, Model};
use cordon_services::ServiceState;
use serde_json::{Value, json};

use super::common::{Format, load_model, print_json};
use super::views::{path_text, path_view};

/// Replays a scenario step by step: attacker reach, crown jewels, services, care.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon scenario examples/hospital-group/ examples/hospital-group/scenarios/red-phase.yaml
  cordon scenario examples/hospital-group/ examples/hospital-group/scenarios/servers-shut-down.yaml --format json

Scenario steps: compromise, shutdown, isolate (a selector, `external`, or
\"FROM -> TO\"), encrypt, restore. See docs/containment.md.")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// Scenario file (YAML).
    pub scenario: PathBuf,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn ids(model: &Model, list: &[cordon_model::ComponentId]) -> Vec<String> {
    list.iter()
        .map(|c| model.component(*c).id.clone())
        .collect()
}

pub(crate) fn service_json(o: &cordon_containment::ServiceOutcome) -> Value {
    let (state, fallback, capacity) = match &o.state {
        ServiceState::Up => ("up", None, 1.0),
        ServiceState::Degraded { fallback, capacity } => {
            ("degraded", Some(fallback.clone()), *capacity)
        }
        ServiceState::Down => ("down", None, 0.0),
    };
    json!({ "id": o.id, "name": o.name, "criticality": o.criticality, "state": state,
            "fallback": fallback, "capacity": capacity, "summary": o.summary })
}

fn outcome_json(model: &Model, o: &StepOutcome) -> Value {
    json!({
        "step": o.step.as_ref().map(|s| json!({ "action": s.action, "target": s.text, "label": s.label,
                                                  "because": s.because,
                                                  "location": s.location.as_ref().map(|l| l.to_string()) })),
        "notes": o.notes,
        "attackers": ids(model, &o.attackers),
        "reached": {
            "control": ids(model, &o.reached[AccessLevel::Control.index()]),
            "write": ids(model, &o.reached[AccessLevel::Write.index()]),
            "read": ids(model, &o.reached[AccessLevel::Read.index()]),
            "reach": ids(model, &o.reached[AccessLevel::Reach.index()]),
        },
        "crown_jewels": o.crown_jewels.iter().map(|j| json!({
            "id": model.component(j.id).id, "level": j.level,
            "from": j.path.as_ref().map(|p| model.component(p.source).id.clone()),
            "path": j.path.as_ref().map(|p| path_view(model, p)) })).collect::<Vec<_>>(),
        "unavailable": ids(model, &o.unavailable),
        "cut_interactions": o.cut_interactions,
        "services": o.services.iter().map(service_json).collect::<Vec<_>>(),
        "care": { "capacity": o.care.care_capacity, "summary": o.care.summary },
    })
}

fn outcome_text(model: &Model, o: &StepOutcome, n: usize) -> String {
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
    if o.attackers.is_empty() {
        s.push_str("  Attacker: holds nothing that runs\n");
    } else {
        let counts: Vec<String> = [
            AccessLevel::Control,
            AccessLevel::Write,
            AccessLevel::Read,
            AccessLevel::Reach,
        ]
        .iter()
        .map(|l| format!("{} {l}", o.reached[l.index()].len()))
        .collect();
        s.push_str(&format!(
            "  Attacker holds {}; reaches {}\n",
            ids(model, &o.attackers).join(", "),
            counts.join(", ")
        ));
        for l in [AccessLevel::Control, AccessLevel::Write] {
            let v = ids(model, &o.reached[l.index()]);
            if !v.is_empty() && v.len() <= 20 {
                s.push_str(&format!("    {l}: {}\n", v.join(", ")));
            }
        }
    }
    if o.crown_jewels.is_empty() {
        s.push_str("  Crown jewels: none reachable\n");
    } else {
        s.push_str("  Crown jewels reachable:\n");
        for j in &o.crown_jewels {
            match &j.path {
                Some(p) if !p.hops.is_empty() => s.push_str(&path_text(model, p, "    ")),
                _ => s.push_str(&format!(
                    "    {} ({}) — held\n",
                    model.component(j.id).id,
                    j.level
                )),
            }
        }
    }
    if !o.unavailable.is_empty() {
        s.push_str(&format!(
            "  Unavailable: {}\n",
            ids(model, &o.unavailable).join(", ")
        ));
    }
    s.push_str(&format!(
        "  Care: {:.0}% of normal capacity (criticality-weighted)\n",
        o.care.care_capacity * 100.0
    ));
    for line in &o.care.summary {
        s.push_str(&format!("    {line}\n"));
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
/// (shared with `cordon intel replay --run`).
pub fn report(model: &Model, scenario: &Scenario, format: Format) -> anyhow::Result<()> {
    let outcomes = run_scenario(model, scenario)?;
    match format {
        Format::Json => print_json(&json!({
            "model": model.name,
            "scenario": { "name": scenario.name, "description": scenario.description,
                          "source_incident": scenario.source_incident },
            "steps": outcomes.iter().map(|o| outcome_json(model, o)).collect::<Vec<_>>(),
        }))?,
        _ => {
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
