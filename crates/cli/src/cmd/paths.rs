//! `cordon paths MODEL --from X --to Y [--k N]`.

use std::path::PathBuf;
use std::process::ExitCode;

use cordon_paths::AttackGraph;

use super::common::{Format, dot_id, load_model, print_json, select};
use super::views;

/// The k best attack paths from held components to targets, hop by hop.
#[derive(clap::Args)]
#[command(after_help = "\
--from and --to each take a selector (a component id, kind:KIND, zone:ZONE,
tag:TAG, or the groups entry-points, crown-jewels, external, all) or a
comma-separated list of them (`--from vpn-gw,gp-portal`).

A path is best when it reaches the target at the highest access level,
then with the fewest hops. With groups, each reachable target gets its own
k paths from any of the sources.

Examples:
  cordon paths examples/hospital-group/ --from internet --to ehr-db
  cordon paths examples/hospital-group/ --from entry-points --to crown-jewels --k 3
  cordon paths estate.yaml --from vpn-gw --to zone:clinical --format json")]
pub struct Args {
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Where the attacker starts (held at control): a selector or a
    /// comma-separated list.
    #[arg(long)]
    pub from: String,
    /// What the attacker wants: a selector or a comma-separated list.
    #[arg(long)]
    pub to: String,
    /// Paths per target.
    #[arg(long, default_value_t = 1)]
    pub k: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let sources = select(&model, &args.from)?;
    let targets = select(&model, &args.to)?;
    let graph = AttackGraph::new(&model);
    let reach = graph.access_from(&sources);
    let mut results = Vec::new();
    let mut unreachable = Vec::new();
    for &t in &targets {
        if sources.contains(&t) {
            continue;
        }
        if reach.level(t) == cordon_model::AccessLevel::None {
            unreachable.push(t);
            continue;
        }
        let paths = graph.k_best_paths(&sources, t, args.k.max(1));
        results.push((t, reach.level(t), paths));
    }
    results.sort_by_key(|(t, l, p)| {
        (
            std::cmp::Reverse(*l),
            p.first().map_or(0, |p| p.hops.len()),
            *t,
        )
    });
    match args.format {
        Format::Json => {
            let v: Vec<cordon_report::TargetPaths> = results
                .iter()
                .map(|(t, l, ps)| cordon_report::TargetPaths {
                    target: model.component(*t).id.clone(),
                    level: *l,
                    paths: ps.iter().map(|p| views::path_view(&model, p)).collect(),
                })
                .collect();
            print_json(&v)?;
        }
        Format::Text => {
            if results.is_empty() {
                println!("No path: `{}` reaches nothing in `{}`.", args.from, args.to);
            }
            for (t, l, ps) in &results {
                println!("{} — best access: {l}", model.component(*t).id);
                for (n, p) in ps.iter().enumerate() {
                    print!(
                        "{}",
                        views::labelled_path_text(&model, p, &format!("  #{} ", n + 1), "     ")
                    );
                }
                println!();
            }
            if !unreachable.is_empty() && targets.len() > 1 {
                let names: Vec<&str> = unreachable
                    .iter()
                    .take(20)
                    .map(|c| model.component(*c).id.as_str())
                    .collect();
                println!(
                    "Not reachable: {}{}",
                    names.join(", "),
                    if unreachable.len() > 20 { " …" } else { "" }
                );
            }
        }
        Format::Dot => {
            let mut out = String::from(
                "digraph paths {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n",
            );
            let mut edges = std::collections::BTreeSet::new();
            for (_, _, ps) in &results {
                for p in ps {
                    for h in &p.hops {
                        edges.insert((
                            h.from,
                            h.to,
                            model.interactions[h.interaction].kind.as_str(),
                            h.gained.as_str(),
                        ));
                    }
                }
            }
            for &s in &sources {
                out.push_str(&format!(
                    "  {} [color=orange];\n",
                    dot_id(&model.component(s).id)
                ));
            }
            for (t, _, _) in &results {
                out.push_str(&format!(
                    "  {} [color=red];\n",
                    dot_id(&model.component(*t).id)
                ));
            }
            for (f, t, k, l) in edges {
                out.push_str(&format!(
                    "  {} -> {} [label={}];\n",
                    dot_id(&model.component(f).id),
                    dot_id(&model.component(t).id),
                    dot_id(&format!("{k} → {l}"))
                ));
            }
            out.push_str("}\n");
            print!("{out}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
