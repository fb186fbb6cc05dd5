//! `cordon import KIND PATH… -o MODEL-DIR`: the estate from the data teams
//! already have (crates/import).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cordon_import::{Estate, MergeOptions};

use super::common::{load_model, print_json};

/// What to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// SharpHound / BloodHound collector JSON (v4–v6): a zip, a directory or JSON files.
    Sharphound,
    /// BloodHound OpenGraph JSON (nodes and edges).
    BloodhoundOpengraph,
    /// nmap XML (`nmap -oX`).
    Nmap,
    /// A CSV inventory (CMDB export).
    Csv,
}

/// Imports an estate (SharpHound, BloodHound OpenGraph, nmap XML, CSV
/// inventory) into a model directory, next to the hand-written files.
#[derive(clap::Args)]
#[command(after_help = "\
The importer writes MODEL-DIR/imported/<kind>.yaml (generated: do not edit),
imported/zones.yaml and imported/index.yaml, creates MODEL-DIR/estate.yaml on
first import and otherwise only adds `include: [imported/index.yaml]` to a
hand-written file if none includes it. A component or zone declared in a
hand-written file is left out of the generated files: redeclare an imported
component by hand to override it, then import again. Nothing is written when
an input is malformed. docs/import.md has the mappings edge by edge.

SharpHound and BloodHound OpenGraph data go through BloodHound's own
analysis (DCSync, AdminTo from local groups, Owns, ADCS ESC1, GoldenCert,
Tier Zero…); identities become ad-user/ad-group components, ids come from
the object's name (never from which files are present), every interaction
names its BloodHound edge (protocol) and origin (notes). The whole AD graph,
with the non-traversable edges, is kept in imported/bloodhound-graph.json:
`cordon export bloodhound-opengraph MODEL --analyzed` writes it back to diff
against BloodHound. Files of a type cordon does not use (deleted, azure…)
are reported and skipped. A malformed field or list element (a `Members`
that is not a list, an ACE without RightName) is skipped with a located note
(file, record, object, JSON path), counted in the summary; a record without
ObjectIdentifier stops the import.

Re-importing: the generated file is refreshed from the new input. For AD
data the refresh is keyed by domain: a collection replaces only the domains
it collected, objects of other domains stay (as BloodHound's ingest adds), so
a second domain's collection can be imported after the first. An object
missing from a domain's new collection is removed. --replace replaces the
whole generated file. Cross-domain analysis needs both domains in one
import: pass every domain's files (or zips) together.

Examples:
  cordon import sharphound collection.zip -o hospital/
  cordon import sharphound sharphound-out/ --zone corporate -o hospital/
  cordon import sharphound lab-domain.zip -o hospital/     # adds LAB, keeps the rest
  cordon import sharphound hosp.zip lab.zip -o hospital/ --replace
  cordon import nmap scan.xml --zone servers --from-zone internet -o hospital/
  cordon import nmap scan.xml --weaknesses rules.yaml -o hospital/
  cordon import csv cmdb.csv --map id=hostname,kind=ci_class,zone=network_segment,tags=labels \\
      --kind-map 'Windows Server=server-os,Linux Server=server-os' -o hospital/
  cordon import bloodhound-opengraph graph.json -o hospital/
  cordon paths hospital/ --from tag:ad-user --to crown-jewels")]
pub struct Args {
    /// What the inputs are.
    #[arg(value_enum)]
    pub kind: Kind,
    /// Input files (SharpHound also takes zips and directories).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The model directory (created if missing).
    #[arg(short, long = "output", value_name = "MODEL-DIR")]
    pub output: PathBuf,
    /// Zone of the imported components (CSV: when a row has none).
    #[arg(long, default_value = "internal")]
    pub zone: String,
    /// nmap: the zone the scan ran from; `internet` (or any zone given with
    /// --from-external) stands for anyone outside.
    #[arg(long, default_value = "internet")]
    pub from_zone: String,
    /// nmap: treat --from-zone as an external zone (default: only when it is `internet`).
    #[arg(long)]
    pub from_external: bool,
    /// nmap: YAML rules turning detected products and versions into weaknesses.
    #[arg(long, value_name = "FILE")]
    pub weaknesses: Option<PathBuf>,
    /// nmap: do not apply the built-in rules (telnet, unauthenticated redis…).
    #[arg(long)]
    pub no_builtin_weaknesses: bool,
    /// CSV: column names, `field=column,…` (fields: id, kind, zone, tags,
    /// crown_jewel, exposed, criticality, runs_on, description).
    #[arg(long, value_name = "FIELD=COLUMN,…")]
    pub map: Option<String>,
    /// CSV: kind values, `value=kind,…` inline or a file of `value=kind` lines
    /// (or YAML `value: kind`).
    #[arg(long, value_name = "FILE|VALUE=KIND,…")]
    pub kind_map: Option<String>,
    /// Name of the estate when estate.yaml is created.
    #[arg(long)]
    pub name: Option<String>,
    /// Show what the import would change and write nothing (no directory,
    /// no file, no AD graph sidecar); `--json` adds `"dry_run": true`.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Replace the whole generated file of this importer. Default for AD
    /// data (sharphound, bloodhound-opengraph): replace only the domains
    /// the input collected and keep objects of other domains.
    #[arg(long)]
    pub replace: bool,
    /// No progress bar (it is hidden anyway when stderr is not a terminal).
    #[arg(long)]
    pub quiet: bool,
    /// SharpHound: largest single record (and so field) in MiB of JSON; a
    /// larger one stops the import (a zip bomb expanding into one string).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_record_mib: u64,
    /// SharpHound: most uncompressed data read out of one zip, in GiB.
    #[arg(long, value_name = "GIB", default_value_t = 64)]
    pub max_unzipped_gib: u64,
}

/// The estate, and for AD sources the analysed AD graph.
fn estate(args: &Args) -> anyhow::Result<(Estate, Option<cordon_import::ad::AdGraph>)> {
    Ok(match args.kind {
        Kind::Sharphound => {
            let o = cordon_import::sharphound::Options {
                zone: args.zone.clone(),
                progress: !args.quiet,
            };
            let limits = cordon_import::sharphound::Limits {
                max_record_bytes: args.max_record_mib.saturating_mul(1 << 20),
                max_unzipped_bytes: args.max_unzipped_gib.saturating_mul(1 << 30),
            };
            let (e, g) = cordon_import::sharphound::import_graph(&args.inputs, &o, limits)?;
            (e, Some(g))
        }
        Kind::BloodhoundOpengraph => {
            let o = cordon_import::opengraph::ImportOptions {
                zone: args.zone.clone(),
            };
            let (e, g) = cordon_import::opengraph::import_graph(&args.inputs, &o)?;
            (e, Some(g))
        }
        Kind::Nmap => {
            let rules = match &args.weaknesses {
                Some(p) => cordon_import::nmap::Rules::load(p)?,
                None => cordon_import::nmap::Rules::default(),
            };
            let o = cordon_import::nmap::Options {
                zone: args.zone.clone(),
                from_zone: args.from_zone.clone(),
                from_external: args.from_external || args.from_zone == "internet",
                rules,
                builtin_rules: !args.no_builtin_weaknesses,
            };
            (cordon_import::nmap::import(&args.inputs, &o)?, None)
        }
        Kind::Csv => {
            let mut o = cordon_import::inventory::Options {
                zone: args.zone.clone(),
                ..Default::default()
            };
            if let Some(m) = &args.map {
                o.columns = cordon_import::inventory::parse_map(m).context("--map")?;
            }
            if let Some(k) = &args.kind_map {
                o.kinds = cordon_import::inventory::load_kind_map(k).context("--kind-map")?;
            }
            (cordon_import::inventory::import(&args.inputs, &o)?, None)
        }
    })
}

/// The summary of a dry run in the conditional: the importer's summary
/// reports what an import did ("created estate.yaml", "components added");
/// a dry run did nothing, so each such line says what the import *would*
/// do, under a first line saying nothing was written.
fn dry_run_text(done: &str) -> String {
    const TENSES: [(&str, &str); 9] = [
        ("  created ", "  would create "),
        ("(hand-written from now on)", "(hand-written from then on)"),
        ("  added `include:", "  would add `include:"),
        ("  components added:", "  components to add:"),
        ("  components changed:", "  components to change:"),
        ("  components removed:", "  components to remove:"),
        ("  interactions added:", "  interactions to add:"),
        ("  interactions changed:", "  interactions to change:"),
        ("  interactions removed:", "  interactions to remove:"),
    ];
    let mut out = String::from("dry run: nothing was written; the import would do this:\n");
    for line in done.lines() {
        let mut line = line.to_string();
        for (past, would) in TENSES {
            line = line.replacen(past, would, 1);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (estate, ad_graph) = estate(&args)?;
    let options = MergeOptions {
        name: args.name.clone(),
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        dry_run: args.dry_run,
        replace: args.replace,
    };
    let summary = cordon_import::merge_into(&args.output, &estate, &options)?;
    if args.json {
        let mut v = serde_json::to_value(&summary)?;
        v["dry_run"] = serde_json::Value::Bool(args.dry_run);
        print_json(&v)?;
    } else if args.dry_run {
        print!("{}", dry_run_text(&summary.text()));
    } else {
        print!("{}", summary.text());
    }
    if !args.dry_run
        && let Some(g) = &ad_graph
    {
        // The whole AD graph (non-traversable edges and origins included),
        // for `cordon export bloodhound-opengraph MODEL --analyzed`.
        if args.replace {
            cordon_import::ad::write_sidecar(&args.output, g)?;
        } else {
            cordon_import::ad::write_sidecar_keyed(&args.output, g, &estate.domains)?;
        }
    }
    if !args.dry_run {
        // The merged model must load; say so now rather than at the next command.
        let model = load_model(&args.output).with_context(|| {
            format!(
                "the model in {} does not load after the import",
                args.output.display()
            )
        })?;
        if !args.json {
            println!(
                "model loads: {}, {}",
                cordon_report::words::count(model.components.len(), "component"),
                cordon_report::words::count(model.interactions.len(), "interaction")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
