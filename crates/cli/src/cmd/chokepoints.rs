//! `cordon chokepoints MODEL`: minimum cuts between sources and targets,
//! verified by the path engine, with the care each cut costs.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_containment::report::Names;
use cordon_containment::{ChokePoints, MinCut, chokepoints};
use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_paths::reading::display_name;
use serde_json::{Value, json};

use super::common::{TextOrJson, load_model, print_json, select};
use super::scenario::service_json;
use super::views::origin;

/// Choke points: the fewest (cheapest) interactions and components whose removal cuts every attack path.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon chokepoints examples/hospital-group/
  cordon chokepoints examples/hospital-group/ --from vpn-gw --to ehr-db --level write
  cordon chokepoints examples/hospital-group/ --from vpn-gw,gp-portal --to crown-jewels
  cordon chokepoints examples/hospital-group/ --format json

Defaults: from the external zones' components (entry points when there is
none), to the crown jewels. Costs: `cut_cost` of the interaction rule or the
component, default 1. Each cut is checked by re-running the path engine and
costed in care by the situation engine (a cut link fails what it carried); a
cut that costs no care is preferred, the cheaper one is shown beside it.
Hardening options (patch a CVE, remove default credentials, enforce MFA,
remove stored credentials…) are listed with what each protects alone.")]
pub struct Args {
    /// Model file or directory.
    pub model: PathBuf,
    /// Where the attacker starts: a selector or a comma-separated list
    /// (`vpn-gw,gp-portal`).
    #[arg(long)]
    pub from: Option<String>,
    /// What must become unreachable: a selector or a comma-separated list.
    #[arg(long, default_value = "crown-jewels")]
    pub to: String,
    /// Access on a target that counts as reaching it.
    #[arg(long, default_value = "reach", value_parser = ["reach", "read", "write", "control"])]
    pub level: String,
    /// How many ranked interactions and components to show.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub(crate) fn interaction_json(model: &Model, i: usize) -> Value {
    let e = &model.interactions[i];
    let rule = model.rule(e.rule);
    json!({ "from": model.component(e.from).id, "to": model.component(e.to).id, "kind": e.kind.as_str(),
            "protocol": rule.protocol, "mfa": e.mfa, "origin": origin(model, e.rule),
            "from_name": display_name(model, e.from), "to_name": display_name(model, e.to) })
}

fn ids(model: &Model, v: &[ComponentId]) -> Vec<String> {
    v.iter().map(|c| model.component(*c).id.clone()).collect()
}

/// Id → readable name of each listed component whose name differs from
/// its id (the JSON `names` beside lists of ids).
pub(crate) fn names_of<'a>(
    model: &Model,
    lists: impl IntoIterator<Item = &'a [ComponentId]>,
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for &c in lists.into_iter().flatten() {
        let n = display_name(model, c);
        if n != model.component(c).id.as_str() {
            out.insert(model.component(c).id.clone(), n.into_owned());
        }
    }
    out
}

fn cut_json(model: &Model, c: &MinCut) -> Value {
    json!({
        "cost": c.cost,
        "verified": c.verified,
        "points": c.points.iter().map(|p| {
            let mut v = match (p.interaction, p.component) {
                (Some(i), _) => json!({ "interaction": interaction_json(model, i) }),
                (_, Some(c)) => json!({ "component": model.component(c).id, "name": display_name(model, c) }),
                _ => json!({}),
            };
            v["cost"] = json!(p.cost);
            v["path_share"] = json!(p.share);
            v
        }).collect::<Vec<_>>(),
        "services": c.services.iter().filter(|s| s.state != cordon_services::ServiceState::Up).map(service_json).collect::<Vec<_>>(),
        "care": { "capacity": c.care.care_capacity, "summary": c.care.summary },
        "notes": c.notes,
    })
}

fn to_json(model: &Model, c: &ChokePoints) -> Value {
    json!({
        "sources": ids(model, &c.sources),
        "targets": ids(model, &c.targets),
        "held_targets": ids(model, &c.held_targets),
        "reached_targets": ids(model, &c.reached_targets),
        "names": names_of(model, [&c.sources[..], &c.targets[..], &c.held_targets[..], &c.reached_targets[..]]
            .into_iter()
            .chain(c.hardening.iter().flat_map(|h| [&h.protects[..], &h.still_reached[..]]))),
        "level": c.min_level,
        "interaction_cut": c.interaction_cut.as_ref().map(|x| cut_json(model, x)),
        "component_cut": c.component_cut.as_ref().map(|x| cut_json(model, x)),
        "component_cut_impossible": c.component_cut_impossible,
        "log10_paths": if c.log10_paths.is_finite() { json!(c.log10_paths) } else { Value::Null },
        "top_interactions": c.top_interactions.iter().filter_map(|r| r.interaction.map(|i| {
            let mut v = interaction_json(model, i);
            v["path_share"] = json!(r.share);
            v
        })).collect::<Vec<_>>(),
        "top_components": c.top_components.iter().filter_map(|r| r.component.map(|x| json!({
            "id": model.component(x).id, "name": display_name(model, x), "path_share": r.share }))).collect::<Vec<_>>(),
        "cheapest_interaction_cut": c.cheapest_interaction_cut.as_ref().map(|x| cut_json(model, x)),
        "care_probed": c.care_probed,
        "hardening": c.hardening.iter().map(|h| json!({
            "component": model.component(h.remediation.component).id,
            "name": display_name(model, h.remediation.component),
            "weakness": h.remediation.kind,
            "action": h.remediation.describe(model),
            "protects": ids(model, &h.protects),
            "still_reached": ids(model, &h.still_reached),
        })).collect::<Vec<_>>(),
    })
}

fn cut_text(names: &Names, title: &str, c: &MinCut) -> String {
    let mut s = format!(
        "{title}: {}, cost {} — {}\n",
        cordon_report::words::count(c.points.len(), "element"),
        c.cost,
        if c.verified {
            if c.points.len() == 1 {
                "verified: the path engine finds no path without it"
            } else {
                "verified: the path engine finds no path without them"
            }
        } else {
            "NOT verified"
        }
    );
    for p in &c.points {
        let what = match (p.interaction, p.component) {
            (Some(i), _) => names.interaction(i),
            (_, Some(x)) => names.name(x),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  - {what}  [cost {}, on {:.0}% of the shortest attack paths]\n",
            p.cost,
            p.share * 100.0
        ));
    }
    for n in &c.notes {
        s.push_str(&format!("  note: {n}\n"));
    }
    if c.care.summary.is_empty() {
        s.push_str("  care: every service keeps running\n");
    } else {
        s.push_str(&format!(
            "  care: {:.0}% of normal capacity\n",
            c.care.care_capacity * 100.0
        ));
        s.push_str(&super::scenario::care_lines(
            &c.care.summary,
            &c.services,
            "    ",
        ));
    }
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let sources = match &args.from {
        Some(f) => select(&model, f)?,
        None => {
            let ext = model.select_str("external").unwrap_or_default();
            if ext.is_empty() {
                select(&model, "entry-points")?
            } else {
                ext
            }
        }
    };
    let targets = select(&model, &args.to)?;
    let level = AccessLevel::parse(&args.level).unwrap_or(AccessLevel::Reach);
    let c = chokepoints(&model, &sources, &targets, level, args.top);
    if args.format == TextOrJson::Json {
        print_json(&to_json(&model, &c))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Components read by name (an AD import's ids are SIDs).
    let names = Names::new(&model);
    println!("Choke points — {}", model.name);
    println!("  from: {}", names.join(&c.sources));
    println!(
        "  to:   {} (at {} or above)",
        names.join(&c.targets),
        c.min_level
    );
    if !c.held_targets.is_empty() {
        println!(
            "  already held (no cut protects them): {}",
            names.join(&c.held_targets)
        );
    }
    if c.reached_targets.is_empty() {
        println!("\nNo target is reached: nothing to cut.");
        return Ok(ExitCode::SUCCESS);
    }
    println!("  reached today: {}", names.join(&c.reached_targets));
    println!();
    if let Some(x) = &c.interaction_cut {
        let title = if c.care_probed && x.care.summary.is_empty() {
            "Minimum interaction cut sparing care"
        } else if c.care_probed {
            "Minimum interaction cut (no cut spares care: this one costs the least care)"
        } else {
            "Minimum interaction cut (care not probed: too many candidate links)"
        };
        print!("{}", cut_text(&names, title, x));
    }
    if let Some(x) = &c.cheapest_interaction_cut {
        println!();
        print!(
            "{}",
            cut_text(&names, "Cheaper interaction cut, but it costs care", x)
        );
    }
    println!();
    match (&c.component_cut, &c.component_cut_impossible) {
        (Some(x), _) => print!("{}", cut_text(&names, "Minimum component cut", x)),
        (None, Some(why)) => println!("Minimum component cut: none — {why}"),
        _ => {}
    }
    if !c.hardening.is_empty() {
        println!("\nHardening instead of cutting (each checked alone by the path engine):");
        for h in &c.hardening {
            println!(
                "  - {}: protects {}{}",
                h.remediation.describe(&model),
                names.join(&h.protects),
                if h.still_reached.is_empty() {
                    String::new()
                } else {
                    format!(" (still reached: {})", names.join(&h.still_reached))
                }
            );
        }
    }
    if c.log10_paths.is_finite() {
        println!(
            "\nShortest attack paths counted: {} (on the product graph, not enumerated)",
            cordon_report::words::about_count(c.log10_paths)
        );
        println!("Interactions carrying the most paths:");
        for r in &c.top_interactions {
            if let Some(i) = r.interaction {
                println!("  {:>5.1}%  {}", r.share * 100.0, names.interaction(i));
            }
        }
        if c.top_components.is_empty() {
            println!(
                "Components carrying the most paths: none between the sources and targets (the paths are direct)"
            );
        } else {
            println!("Components carrying the most paths:");
        }
        for r in &c.top_components {
            if let Some(x) = r.component {
                println!("  {:>5.1}%  {}", r.share * 100.0, names.name(x));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
