//! `cordon blast MODEL X [Y…]`: blast radius of a breach.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_model::{AccessLevel, ComponentId};
use cordon_paths::AttackGraph;
use cordon_paths::reading::Names;

use super::common::{Format, dot_id, load_model, print_json, select};
use super::views;

/// If these components are breached, what else can the attacker reach?
#[derive(clap::Args)]
#[command(after_help = "\
Each argument is a selector (a component id or readable name, kind:KIND, zone:ZONE, tag:TAG,
entry-points, crown-jewels) or a comma-separated list of them
(`vpn-gw,gp-portal`); an item written `!SELECTOR` is left out
(`'tag:ad-user,!tag:tier-zero'`). The attacker holds all of them at control.
Components print by their readable name (an imported AD object's name, a
well-known SID's name), paths hop by hop with each hop's origin; when
BloodHound would take a crown jewel only through CanRDP, CanPSRemote or
ExecuteDCOM (reach only in cordon), the answer shows that path and how to
make cordon traverse it.

Examples:
  cordon blast examples/hospital-group/ vpn-gw
  cordon blast examples/hospital-group/ ws-carehome print-server --format json")]
pub struct Args {
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Breached components.
    #[arg(required = true)]
    pub breached: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let mut sources = Vec::new();
    for s in &args.breached {
        sources.extend(select(&model, s)?);
    }
    sources.sort();
    sources.dedup();
    let graph = AttackGraph::new(&model);
    let map = graph.access_from(&sources);
    // Readable names (an imported AD object's id is its SID; a shared name
    // told apart by its kind: "(OU)", "(group)").
    let named = Names::new(&model);
    let names = |l: AccessLevel| -> Vec<String> {
        map.at_level(l).iter().map(|c| named.name(*c)).collect()
    };
    let jewels: Vec<_> = model
        .crown_jewels()
        .into_iter()
        .filter(|j| map.level(*j) > AccessLevel::None)
        .map(|j| (j, map.level(j), map.path(&graph, j)))
        .collect();
    match args.format {
        Format::Json => print_json(&cordon_report::blast_json(&graph, &map))?,
        Format::Text => {
            let c = map.counts();
            let held: Vec<String> = sources.iter().map(|c| named.name(*c)).collect();
            println!(
                "Blast radius of {} — {} reached (control {}, write {}, read {}, reach {})",
                held.join(", "),
                cordon_report::words::count(c[1..].iter().sum::<usize>(), "component"),
                c[4],
                c[3],
                c[2],
                c[1]
            );
            for level in [
                AccessLevel::Control,
                AccessLevel::Write,
                AccessLevel::Read,
                AccessLevel::Reach,
            ] {
                let list = names(level);
                if !list.is_empty() {
                    println!(
                        "\n{} ({}):\n  {}",
                        level.as_str().to_uppercase(),
                        list.len(),
                        wrap(&list, 100, "  ")
                    );
                }
            }
            // Crown jewels BloodHound would take and cordon does not.
            let missed: Vec<(ComponentId, AccessLevel)> = model
                .crown_jewels()
                .into_iter()
                .filter(|j| !sources.contains(j) && map.level(*j) < AccessLevel::Control)
                .map(|j| (j, map.level(j)))
                .collect();
            let hint = super::paths::reach_only_hint(&model, &sources, &missed);
            if jewels.is_empty() {
                println!("\nNo crown jewel reached.");
            } else {
                println!("\nCROWN JEWELS REACHED ({}):", jewels.len());
                for (_, _, p) in &jewels {
                    if let Some(p) = p {
                        print!("{}", views::path_text(&named, p, "  "));
                    }
                }
            }
            if let Some(h) = hint {
                println!("\n{h}");
            }
        }
        Format::Dot => {
            let mut out =
                String::from("digraph blast {\n  node [shape=box, style=\"rounded,filled\"];\n");
            for id in model.component_ids() {
                let l = map.level(id);
                if l == AccessLevel::None {
                    continue;
                }
                let colour = match l {
                    AccessLevel::Control => "#f4a6a6",
                    AccessLevel::Write => "#f7c99b",
                    AccessLevel::Read => "#f7eaa0",
                    _ => "#dddddd",
                };
                let c = model.component(id);
                let pen = if c.crown_jewel {
                    ", penwidth=3, color=red"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  {} [fillcolor=\"{colour}\", label={}{pen}];\n",
                    dot_id(&c.id),
                    dot_id(&format!("{}\n{l}", c.id))
                ));
                if let Some(p) = map.path(&graph, id)
                    && let Some(h) = p.hops.last()
                {
                    out.push_str(&format!(
                        "  {} -> {};\n",
                        dot_id(&model.component(h.from).id),
                        dot_id(&c.id)
                    ));
                }
            }
            out.push_str("}\n");
            print!("{out}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn wrap(items: &[String], width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            if line + it.len() + 2 > width {
                out.push_str(",\n");
                out.push_str(indent);
                line = 0;
            } else {
                out.push_str(", ");
                line += 2;
            }
        }
        out.push_str(it);
        line += it.len();
    }
    out
}
