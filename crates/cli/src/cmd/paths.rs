//! `cordon paths MODEL --from X --to Y [--k N]`.

use cordon_report::words::count;
use std::path::PathBuf;
use std::process::ExitCode;

use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_paths::reading::{Names, ReachOnlyReading};
use cordon_paths::{AttackGraph, AttackPath};

use super::common::{Format, load_model, print_json, select};
use super::views;

/// The k best attack paths from held components to targets, hop by hop.
#[derive(clap::Args)]
#[command(after_help = "\
--from and --to each take a selector (a component id or readable name,
kind:KIND, zone:ZONE, tag:TAG, or the groups entry-points, crown-jewels,
external, all) or a comma-separated list of them (`--from vpn-gw,gp-portal`);
an item written `!SELECTOR` is left out (`--from 'tag:ad-user,!tag:tier-zero'`).

When --from selects several sources, those that are Tier Zero (tag
tier-zero) or crown jewels themselves are left out, and the output says how
many: they already hold what the paths lead to, and their one-hop paths
would hide everyone else's. --all-sources keeps them.

Hops read as their BloodHound edge kind (`is a member of`, `is local
administrator of`) and end with their origin (ACE or analysis rule, file,
record). When a target is missed only because cordon reads CanRDP,
CanPSRemote or ExecuteDCOM as reach only (docs/import.md), the answer shows
the path BloodHound would draw and how to make cordon traverse the hop.

A path is best when it reaches the target at the highest access level,
then with the fewest hops. With groups, each reachable target gets its own
k paths from any of the sources.

Examples:
  cordon paths examples/hospital-group/ --from internet --to ehr-db
  cordon paths examples/hospital-group/ --from entry-points --to crown-jewels --k 3
  cordon paths estate.yaml --from vpn-gw --to zone:clinical --format json
  cordon paths ad-model/ --from tag:ad-user --to crown-jewels")]
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
    /// Keep sources that are Tier Zero or crown jewels themselves (left out
    /// by default when --from selects several sources).
    #[arg(long)]
    pub all_sources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(&args.model)?;
    let mut sources = select(&model, &args.from)?;
    let left_out = if args.all_sources {
        Vec::new()
    } else {
        cordon_paths::sources::leave_out_privileged(&model, &mut sources)
    };
    let targets = select(&model, &args.to)?;
    let left_out_note = (!left_out.is_empty()).then(|| left_out_text(&model, &left_out));
    let results = cordon_report::paths_found(&model, &sources, &targets, args.k);
    let unreachable: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|t| !sources.contains(t) && !results.iter().any(|(r, _, _)| r == t))
        .collect();
    // Targets BloodHound would take and cordon does not (reach-only logons).
    let missed: Vec<(ComponentId, AccessLevel)> = unreachable
        .iter()
        .map(|&t| (t, AccessLevel::None))
        .chain(
            results
                .iter()
                .filter(|(_, l, _)| *l < AccessLevel::Control)
                .map(|(t, l, _)| (*t, *l)),
        )
        .collect();
    let hint = reach_only_hint(&model, &sources, &missed);
    match args.format {
        Format::Json => {
            // The JSON answer stays a list of targets; the notes go to stderr.
            for note in left_out_note.iter().chain(hint.iter()) {
                eprintln!("{note}");
            }
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
            let names = Names::new(&model);
            if let Some(note) = &left_out_note {
                println!("{note}\n");
            }
            if results.is_empty() {
                println!("No path: `{}` reaches nothing in `{}`.", args.from, args.to);
                if let Some(h) = &hint {
                    println!("\n{h}");
                }
            }
            for (t, l, ps) in &results {
                println!("{} — best access: {l}", names.name(*t));
                for (n, p) in ps.iter().enumerate() {
                    print!(
                        "{}",
                        views::labelled_path_text(&names, p, &format!("  #{} ", n + 1), "     ")
                    );
                }
                println!();
            }
            if !unreachable.is_empty() && targets.len() > 1 {
                let names: Vec<String> = unreachable
                    .iter()
                    .take(20)
                    .map(|c| names.name(*c))
                    .collect();
                println!(
                    "Not reachable: {}{}",
                    names.join(", "),
                    if unreachable.len() > 20 { " …" } else { "" }
                );
            }
            if !results.is_empty()
                && let Some(h) = &hint
            {
                println!("\n{h}");
            }
        }
        Format::Dot => {
            let mut out = String::from(
                "digraph paths {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n",
            );
            let edges =
                cordon_report::dot::hop_edges(&model, results.iter().flat_map(|(_, _, ps)| ps));
            // Every node with its readable name as the label (F1.6).
            let drawn: std::collections::BTreeSet<ComponentId> =
                edges.iter().flat_map(|(f, t, _, _)| [*f, *t]).collect();
            for &s in &sources {
                out.push_str(&cordon_report::dot::node_line(&model, s, ", color=orange"));
            }
            for (t, _, _) in &results {
                out.push_str(&cordon_report::dot::node_line(&model, *t, ", color=red"));
            }
            for &n in drawn
                .iter()
                .filter(|n| !sources.contains(n) && !results.iter().any(|(t, _, _)| t == *n))
            {
                out.push_str(&cordon_report::dot::node_line(&model, n, ""));
            }
            cordon_report::dot::write_hop_edges(&mut out, &model, &edges);
            out.push_str("}\n");
            print!("{out}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn left_out_text(model: &Model, left_out: &[ComponentId]) -> String {
    let named = Names::new(model);
    let names: Vec<String> = left_out.iter().take(5).map(|&c| named.name(c)).collect();
    format!(
        "Left out {} source{} that {} Tier Zero or crown jewels already ({}{}): they hold what the \
         paths lead to. They count as targets; --all-sources keeps them as sources.",
        left_out.len(),
        if left_out.len() == 1 { "" } else { "s" },
        if left_out.len() == 1 { "is" } else { "are" },
        names.join(", "),
        if left_out.len() > 5 { ", …" } else { "" }
    )
}

/// Why BloodHound would show paths cordon does not: among `missed`
/// (targets with the access cordon finds, below control), those the
/// BloodHound reading ([`ReachOnlyReading`]: CanRDP, CanPSRemote and
/// ExecuteDCOM hand over control) takes at a higher level. Text naming the
/// edge kinds, the shortest such path (each reach-only hop marked) and the
/// hand-written interaction that makes cordon traverse each of its
/// reach-only hops; `None` when there is no such target.
pub(crate) fn reach_only_hint(
    model: &Model,
    sources: &[ComponentId],
    missed: &[(ComponentId, AccessLevel)],
) -> Option<String> {
    if missed.is_empty() || sources.is_empty() {
        return None;
    }
    let bh = ReachOnlyReading::of(model)?;
    let names = Names::new(model);
    let bh_names = Names::new(&bh.model);
    let graph = AttackGraph::new(&bh.model);
    let map = graph.access_from(sources);
    let mut found: Vec<AttackPath> = missed
        .iter()
        .filter(|&&(t, l)| map.level(t) > l)
        .filter_map(|&(t, _)| map.path(&graph, t))
        .filter(|p| p.hops.iter().any(|h| bh.is_upgraded(h.interaction)))
        .collect();
    if found.is_empty() {
        return None;
    }
    found.sort_by_key(|p| (std::cmp::Reverse(p.level), p.hops.len(), p.target));
    let p = &found[0];
    let mut kinds: Vec<String> = p
        .hops
        .iter()
        .filter(|h| bh.is_upgraded(h.interaction))
        .map(|h| bh.kinds_of(h.interaction))
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut s = format!(
        "BloodHound would show a path to {} here ({} in {}) through {}, which cordon \
         reads as reach only: a logon is not administration of the machine (docs/import.md, \
         \"CanRDP, CanPSRemote, ExecuteDCOM\").\n",
        count(found.len(), "target"),
        names.name(p.target),
        count(p.hops.len(), "hop"),
        kinds.join(", ")
    );
    s.push_str(&format!(
        "  as BloodHound reads it: {} → {}: {} in {}\n",
        names.name(p.source),
        names.name(p.target),
        p.level,
        count(p.hops.len(), "hop")
    ));
    for (n, h) in p.hops.iter().enumerate() {
        let mark = if bh.is_upgraded(h.interaction) {
            "   [BloodHound traverses it; cordon: reach only]"
        } else {
            ""
        };
        s.push_str(&format!(
            "    {}. {}{mark}\n",
            n + 1,
            h.explain_named(&bh_names)
        ));
    }
    s.push_str(
        "To make cordon traverse such a hop where logon users can take the machine (a local \
         privilege escalation, an admin's credentials left on it), add the interaction to a \
         hand-written file of the model:\n  interactions:\n",
    );
    for h in p.hops.iter().filter(|h| bh.is_upgraded(h.interaction)) {
        s.push_str(&format!(
            "    - {{ from: \"{}\", to: \"{}\", kind: controls, notes: \"{} users can escalate on {}\" }}\n",
            model.component(h.from).id,
            model.component(h.to).id,
            bh.kinds_of(h.interaction),
            names.name(h.to)
        ));
    }
    Some(s.trim_end().to_string())
}
