//! `cordon catalog`: the component kinds, their default interactions, and
//! the meaning of each interaction kind.

use std::process::ExitCode;

use cordon_model::catalog::{CATALOG, Direction, Family};
use cordon_model::{AccessLevel, InteractionKind, WeaknessKind};
use serde::Serialize;

use super::common::print_json;

/// Lists component kinds, their default interactions and the access table.
#[derive(clap::Args)]
#[command(after_help = "\
Defaults target components by tag: tag a server `domain-joined` and every
active-directory component controls it. Switch defaults off in a model with
`defaults: false`, or per kind: `defaults: { active-directory: false }`.")]
pub struct Args {
    /// Show one kind only (its id or another name for it: `hypervisor`).
    pub kind: Option<String>,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct DefaultView {
    direction: &'static str,
    interaction: &'static str,
    peer: &'static str,
    why: &'static str,
}

#[derive(Serialize)]
struct KindView {
    id: &'static str,
    name: &'static str,
    family: &'static str,
    description: &'static str,
    /// Other names people use for it (catalog_synonyms.tsv).
    synonyms: Vec<&'static str>,
    defaults: Vec<DefaultView>,
}

#[derive(Serialize)]
struct InteractionView {
    kind: &'static str,
    meaning: &'static str,
    grants: [AccessLevel; 4],
    carries_availability: bool,
}

#[derive(Serialize)]
struct CatalogView {
    kinds: Vec<KindView>,
    interactions: Vec<InteractionView>,
    weaknesses: Vec<&'static str>,
}

/// The kind ids `cordon catalog NAME` shows: the kind itself, or the kinds
/// a synonym names (`hypervisor` → `virtualization-platform`).
fn wanted(name: &str) -> Vec<&'static str> {
    match cordon_model::catalog::kind(name) {
        Some(k) => vec![k.id],
        None => cordon_model::catalog::kinds_for_synonym(name)
            .map(<[&str]>::to_vec)
            .unwrap_or_default(),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kinds: Vec<KindView> = CATALOG
        .iter()
        .filter(|k| {
            args.kind
                .as_deref()
                .is_none_or(|want| wanted(want).contains(&k.id))
        })
        .map(|k| KindView {
            id: k.id,
            name: k.name,
            family: match k.family {
                Family::Enterprise => "enterprise",
                Family::Clinical => "clinical",
                Family::External => "external",
            },
            description: k.description,
            synonyms: cordon_model::catalog::synonyms_of(k.id),
            defaults: k
                .defaults
                .iter()
                .map(|d| DefaultView {
                    direction: if d.direction == Direction::Outgoing {
                        "outgoing"
                    } else {
                        "incoming"
                    },
                    interaction: d.kind.as_str(),
                    peer: d.peer,
                    why: d.why,
                })
                .collect(),
        })
        .collect();
    if let Some(want) = &args.kind
        && kinds.is_empty()
    {
        let help = cordon_model::catalog::suggest_kind(want)
            .unwrap_or_else(|| "`cordon catalog` lists the kinds".into());
        anyhow::bail!("unknown kind `{want}`: {help}");
    }
    let interactions: Vec<InteractionView> = InteractionKind::ALL
        .iter()
        .map(|k| InteractionView {
            kind: k.as_str(),
            meaning: k.meaning(),
            grants: AccessLevel::HELD.map(|h| k.grants(h)),
            carries_availability: k.carries_availability(),
        })
        .collect();
    if args.json {
        print_json(&CatalogView {
            kinds,
            interactions,
            weaknesses: WeaknessKind::ALL.iter().map(|w| w.as_str()).collect(),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut family = "";
    for k in &kinds {
        if k.family != family {
            family = k.family;
            println!("\n{} KINDS", family.to_uppercase());
        }
        println!("  {:<30} {}", k.id, k.description);
        if !k.synonyms.is_empty() {
            println!("  {:<30}   also called: {}", "", k.synonyms.join(", "));
        }
        for d in &k.defaults {
            let arrow = if d.direction == "outgoing" {
                format!("{} {} {}", k.id, d.interaction, d.peer)
            } else {
                format!("{} {} {}", d.peer, d.interaction, k.id)
            };
            println!("  {:<30}   default: {arrow} — {}", "", d.why);
        }
    }
    if args.kind.is_none() {
        println!(
            "\nINTERACTION KINDS — access gained on `to` when holding reach/read/write/control on `from`"
        );
        println!(
            "  {:<14} {:>7} {:>7} {:>7} {:>7}  {:<5}  meaning",
            "kind", "reach", "read", "write", "control", "avail"
        );
        for i in &interactions {
            let g = |l: AccessLevel| {
                if l == AccessLevel::None {
                    "-".to_string()
                } else {
                    l.to_string()
                }
            };
            println!(
                "  {:<14} {:>7} {:>7} {:>7} {:>7}  {:<5}  {}",
                i.kind,
                g(i.grants[0]),
                g(i.grants[1]),
                g(i.grants[2]),
                g(i.grants[3]),
                if i.carries_availability { "yes" } else { "no" },
                i.meaning
            );
        }
        println!(
            "\nWEAKNESSES — network reach on a component with one of these gives its `grants` (default control):"
        );
        for w in WeaknessKind::ALL {
            println!("  {w}");
        }
        println!(
            "  (stored-credentials: holding read on a component listed in `stored_on` gives control)"
        );
    }
    Ok(ExitCode::SUCCESS)
}
