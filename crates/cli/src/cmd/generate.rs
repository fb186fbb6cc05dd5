//! `cordon generate --components N --seed S`: a synthetic estate.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Writes a synthetic estate with a realistic shape, for benchmarks.
#[derive(clap::Args)]
#[command(after_help = "\
The estate has a few hubs (directory, DNS, EDR, configuration management,
backup, hypervisors), servers in zones of 2,000, workstations in zones of
1,000, ~1,000 exposed web servers per 200,000 components, some weaknesses,
and about 10 interactions per component (mostly catalog defaults).

Examples:
  cordon generate --components 200000 --seed 1 -o /tmp/estate.yaml
  cordon generate --components 500 --seed 7 | cordon check /dev/stdin")]
pub struct Args {
    /// Number of components.
    #[arg(long, default_value_t = 1000)]
    pub components: usize,
    /// Random seed: the same seed gives the same estate.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let estate = cordon_model::synthetic::synthetic_estate(args.components, args.seed);
    match &args.output {
        Some(p) => {
            std::fs::write(p, &estate.yaml).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!("wrote {} ({} components, {:.1} MB)", p.display(), estate.components, estate.yaml.len() as f64 / 1e6);
        }
        None => print!("{}", estate.yaml),
    }
    Ok(ExitCode::SUCCESS)
}
