//! `cordon recover MODEL SCENARIO`: the order in which to bring external
//! services back after the red phase, each step proved safe.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::report::Names;
use cordon_containment::{RecoveryPlan, Scenario, recover};
use cordon_model::Model;
use cordon_services::ServiceState;
use serde_json::{Value, json};

use super::chokepoints::interaction_json;

use super::common::{TextOrJson, load_model, print_json};
use super::scenario::service_json;
use super::views::{path_text, path_view};

/// Phased recovery: restore external links, most care first, never re-opening a path to a crown jewel.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon recover examples/hospital-group/ examples/hospital-group/scenarios/red-phase.yaml
  cordon recover examples/hospital-group/ examples/hospital-group/scenarios/red-phase.yaml --format json

The scenario must cut external links (`isolate: external`). Each step is
checked by the situation engine: no crown jewel at write or above from
outside or from a compromised component. A link into or out of a component
that is down or still held comes with \"rebuild X first\"; a link that would
hand a crown jewel to the attacker through a weakness comes with the
remediation (patch the CVE, remove default credentials, enforce MFA, remove
stored credentials), and the check applies both. Care regained is shown per
step.

When a compromised component still reaches a crown jewel inside, a
prerequisite cut comes first, with what it costs in care; a later step lifts
it once its reason is gone (the component rebuilt, the weakness fixed). A
danger no step causes — an attacker still inside whose path returns when a
switched-off host comes back — is stated once with its path and what removes
it; a step is marked UNSAFE once restored only if it opens more itself.")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// Scenario file (YAML) ending in the red phase.
    pub scenario: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

fn state_text(s: &ServiceState) -> String {
    cordon_containment::state_words(s)
}

fn to_json(model: &Model, p: &RecoveryPlan) -> Value {
    let listed = [&p.attackers[..], &p.held_switched_off[..]]
        .into_iter()
        .chain(
            p.steps
                .iter()
                .flat_map(|s| [&s.rebuild[..], &s.assumes_off[..]]),
        )
        .chain(p.unrestorable.iter().map(|u| &u.rebuild[..]))
        .chain(
            p.danger_once_restored
                .iter()
                .flat_map(|d| [&d.off[..], &d.rebuild[..]]),
        );
    json!({
        "names": super::chokepoints::names_of(model, listed),
        "scenario": p.scenario,
        "attackers": p.attackers.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
        "baseline_safe": p.baseline_safe,
        "prerequisite": p.prerequisite.iter().map(|&i| interaction_json(model, i)).collect::<Vec<_>>(),
        "start_care": p.start_care,
        "held_switched_off": p.held_switched_off.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
        "steps": p.steps.iter().map(|s| json!({
            "restore": interaction_json(model, s.interaction),
            "rebuild_first": s.rebuild.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
            "no_clean_backup": s.no_clean_backup.iter().map(|g| json!({
                "component": model.component(g.component).id,
                "backups": g.backups.iter().map(|(b, why)| json!({ "id": model.component(*b).id, "state": why })).collect::<Vec<_>>(),
                "text": g.describe(model),
            })).collect::<Vec<_>>(),
            "remediate_first": s.remediate.iter().map(|r| json!({
                "component": model.component(r.component).id,
                "name": cordon_paths::reading::display_name(model, r.component),
                "weakness": r.kind,
                "action": r.describe(model),
            })).collect::<Vec<_>>(),
            "regained": s.regained.iter().map(|(id, b, a)| json!({ "id": id, "before": b, "after": a })).collect::<Vec<_>>(),
            "care_gain": s.care_gain,
            "care_capacity": s.care_capacity,
            "verified": s.verified,
            "worst_crown_jewel_level": s.worst_crown_jewel_level,
            "assumes_off": s.assumes_off.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
            "safe_if_restored": s.safe_if_restored,
            "opens_once_restored": s.opens_once_restored,
            "lifts_prerequisite": s.lifts_prerequisite,
            "verdict": s.verdict(model, p),
        })).collect::<Vec<_>>(),
        "prerequisite_cost": p.prerequisite_cost,
        "danger_once_restored": p.danger_once_restored.as_ref().map(|d| json!({
            "off": d.off.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
            "path": d.path.as_ref().map(|x| path_view(model, x)),
            "rebuild": d.rebuild.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
            "remediate": d.remediate.iter().map(|r| r.describe(model)).collect::<Vec<_>>(),
            "text": p.danger_lines(model),
        })),
        "unrestorable": p.unrestorable.iter().map(|u| json!({
            "link": interaction_json(model, u.interaction),
            "services": u.services,
            "rebuild_first": u.rebuild.iter().map(|c| model.component(*c).id.clone()).collect::<Vec<_>>(),
            "path": u.path.as_ref().map(|x| path_view(model, x)),
            "fix": u.fix.as_ref().map(|(v, cost)| json!({ "cost": cost,
                "interactions": v.iter().map(|&i| interaction_json(model, i)).collect::<Vec<_>>() })),
        })).collect::<Vec<_>>(),
        "services": p.services.iter().map(service_json).collect::<Vec<_>>(),
        "care": { "capacity": p.care.care_capacity, "summary": p.care.summary },
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let scenario = Scenario::load(&args.scenario)?;
    let plan = recover(&model, &scenario)?;
    if args.format == TextOrJson::Json {
        print_json(&to_json(&model, &plan))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Components read by name (an AD import's ids are SIDs).
    let names = Names::new(&model);
    println!("Recovery plan after `{}` — {}", plan.scenario, model.name);
    if !plan.attackers.is_empty() {
        println!(
            "  still compromised and running: {}",
            names.join(&plan.attackers)
        );
    }
    if !plan.held_switched_off.is_empty() {
        println!(
            "  held by the attacker, switched off (they return compromised unless rebuilt): {}",
            names.join(&plan.held_switched_off)
        );
    }
    println!(
        "  care at the start (red phase): {:.0}%",
        plan.start_care * 100.0
    );
    if !plan.baseline_safe {
        println!(
            "\nBefore restoring anything: with every external link cut, a compromised component still reaches a crown"
        );
        println!("jewel at write or above. Cut or harden first (minimum cut):");
        for &i in &plan.prerequisite {
            println!("  - {}", names.interaction(i));
        }
        if !plan.prerequisite_cost.is_empty() {
            println!(
                "  this cut costs care while it stands ({}):",
                if plan.steps.iter().any(|s| s.lifts_prerequisite) {
                    "a step below lifts it once its reason is gone"
                } else {
                    "no step can lift it safely yet"
                }
            );
            for l in &plan.prerequisite_cost {
                println!("    {l}");
            }
        }
    }
    let danger = plan.danger_lines(&model);
    if !danger.is_empty() {
        println!("\nInside danger no step causes:");
        for l in &danger {
            println!("  {l}");
        }
    }
    println!(
        "\nOrange phase — restore in this order (each step re-checked: no crown jewel at write or above):"
    );
    if plan.steps.is_empty() {
        println!("  nothing can come back safely yet");
    }
    for (n, s) in plan.steps.iter().enumerate() {
        let mut first: Vec<String> = s
            .rebuild
            .iter()
            .map(|c| format!("rebuild {} from clean media", names.name(*c)))
            .collect();
        first.extend(s.remediate.iter().map(|r| r.describe(&model)));
        if !first.is_empty() {
            println!("  {}. first: {}", n + 1, first.join("; "));
        }
        for g in &s.no_clean_backup {
            println!("     WARNING: {}", g.describe(&model));
        }
        println!(
            "  {}{} restore {}  → care {:.0}% (+{:.0} points) [{}]{}",
            if first.is_empty() {
                format!("{}.", n + 1)
            } else {
                "  ".to_string()
            },
            if first.is_empty() { "" } else { " then" },
            names.interaction(s.interaction),
            s.care_capacity * 100.0,
            // Points between the two rounded percentages shown.
            (s.care_capacity * 100.0).round() - ((s.care_capacity - s.care_gain) * 100.0).round(),
            s.verdict(&model, &plan),
            if s.lifts_prerequisite {
                " — lifts the prerequisite cut: its reason is gone"
            } else {
                ""
            }
        );
        for (id, b, a) in &s.regained {
            println!("       {id}: {} → {}", state_text(b), state_text(a));
        }
    }
    if !plan.unrestorable.is_empty() {
        println!("\nCannot come back safely yet:");
        for u in &plan.unrestorable {
            println!("  - {}", names.interaction(u.interaction));
            if !u.rebuild.is_empty() {
                println!("    needs rebuilt first: {}", names.join(&u.rebuild));
            }
            if !u.services.is_empty() {
                println!("    would bring back: {}", u.services.join(", "));
            }
            if let Some(p) = &u.path {
                print!("{}", path_text(&names, p, "    "));
            }
            match &u.fix {
                Some((v, cost)) => {
                    println!("    to make it safe, cut or harden (cost {cost}):");
                    for &i in v {
                        println!("      * {}", names.interaction(i));
                    }
                }
                None => println!("    no cut makes it safe while this link is open"),
            }
        }
    }
    println!(
        "\nAt the end: care {:.0}% of normal",
        plan.care.care_capacity * 100.0
    );
    print!(
        "{}",
        super::scenario::care_lines(&plan.care.summary, &plan.services, "    ")
    );
    Ok(ExitCode::SUCCESS)
}
