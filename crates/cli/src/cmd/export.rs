//! `cordon export bloodhound-opengraph MODEL [-o FILE]`: cordon's findings
//! for BloodHound (crates/import).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::common::{load_model, select};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// BloodHound OpenGraph JSON: components as nodes, interactions as edges.
    BloodhoundOpengraph,
}

/// Exports a model (and, with --paths, the attack paths from outside to
/// each crown jewel) for other tools.
#[derive(clap::Args)]
#[command(after_help = "\
Nodes have kinds `Cordon<Kind>` and `CordonComponent`, edges `Cordon<Interaction>`;
with --paths, the shortest path from outside to each crown jewel is added as
`CordonAttackStep` edges with the explanation of each hop; --paths-from
SELECTOR draws them from the components you name instead (an AD import has
no external zone, so --paths alone draws nothing, and says so). Upload the file in
BloodHound (Administration → File Ingest) and query it like any OpenGraph data.

Examples:
  cordon export bloodhound-opengraph examples/hospital-group/ -o hospital.json
  cordon export bloodhound-opengraph hospital/ --paths > findings.json
  cordon export bloodhound-opengraph ad-model/ --paths-from 'tag:ad-user,!tag:tier-zero' -o og.json
  cordon export bloodhound-opengraph hospital/ --analyzed -o ad-graph.json

With --analyzed, the graph is the one `cordon import sharphound` or
`cordon import bloodhound-opengraph` kept in MODEL/imported/bloodhound-graph.json:
node ids are objectids, edge kinds BloodHound's, each edge says whether
BloodHound traverses it and whether its analysis (postprocessed) made it.")]
pub struct Args {
    /// Output format.
    #[arg(value_enum)]
    pub format: Format,
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Add the attack paths from outside (the external zones) to each crown
    /// jewel.
    #[arg(long)]
    pub paths: bool,
    /// Add the attack paths from these components (a selector or a
    /// comma-separated list, `!` to leave some out) to each crown jewel they
    /// reach, instead of from outside: `--paths-from 'tag:ad-user,!tag:tier-zero'`
    /// after an AD import, which has no external zone.
    #[arg(long, value_name = "SELECTOR", conflicts_with = "paths")]
    pub paths_from: Option<String>,
    /// Write the imported Active Directory graph instead: every node with
    /// its original `objectid` and `name`, every edge, ingested and
    /// post-processed, with BloodHound's kind name (`MemberOf`, `GenericAll`,
    /// `DCSync`, `ADCSESC1`…) and its origin, to diff against BloodHound.
    #[arg(long, conflicts_with_all = ["paths", "paths_from"])]
    pub analyzed: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = if args.analyzed {
        // The model must still load: the AD graph belongs to it.
        load_model(&args.model)?;
        cordon_import::ad::read_sidecar(&args.model).with_context(|| {
            format!(
                "no imported AD graph in {}: import SharpHound or BloodHound OpenGraph data with \
                 `cordon import sharphound|bloodhound-opengraph … -o {}` first",
                args.model.display(),
                args.model.display()
            )
        })?
    } else {
        let model = load_model(&args.model)?;
        let outside: Vec<_> = model.zones.iter().filter_map(|z| z.network).collect();
        let from = match &args.paths_from {
            Some(sel) => Some(select(&model, sel)?),
            None if args.paths => {
                if outside.is_empty() {
                    eprintln!(
                        "warning: --paths draws paths from outside, and this model has no external \
                         zone (an AD import has none): no attack path is drawn. Name where the \
                         attacker starts with --paths-from SELECTOR, e.g. --paths-from \
                         'tag:ad-user,!tag:tier-zero'."
                    );
                }
                Some(outside)
            }
            None => None,
        };
        let graph = match args.format {
            Format::BloodhoundOpengraph => {
                cordon_import::opengraph::export_paths_from(&model, from.as_deref())
            }
        };
        if let Some(from) = &from {
            let steps = graph
                .graph
                .edges
                .iter()
                .filter(|e| e.kind == "CordonAttackStep")
                .count();
            if steps == 0 && !from.is_empty() {
                eprintln!(
                    "note: no crown jewel other than the {} starting component{} is reachable \
                     from them: no attack path is drawn",
                    from.len(),
                    if from.len() == 1 { "" } else { "s" }
                );
                // Say so when BloodHound would draw one (reach-only logons).
                let missed: Vec<_> = model
                    .crown_jewels()
                    .into_iter()
                    .filter(|j| !from.contains(j))
                    .map(|j| (j, cordon_model::AccessLevel::None))
                    .collect();
                if let Some(h) = super::paths::reach_only_hint(&model, from, &missed) {
                    eprintln!("{h}");
                }
            } else if steps > 0 {
                eprintln!("attack paths: {steps} CordonAttackStep edges");
            }
        }
        graph
    };
    let text = serde_json::to_string_pretty(&graph)?;
    match &args.output {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!(
                "wrote {} ({} nodes, {} edges)",
                p.display(),
                graph.graph.nodes.len(),
                graph.graph.edges.len()
            );
        }
        None => println!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
