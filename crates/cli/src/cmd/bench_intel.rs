//! `cordon bench intel`: ingest + extraction throughput on the example articles.

use std::path::PathBuf;
use std::process::ExitCode;

/// Articles per second for parse + extract + store, one thread, examples replicated N times.
#[derive(clap::Args)]
#[command(after_help = "\
Run on a release build:
  cargo build --release && target/release/cordon bench intel
  target/release/cordon bench intel --copies 200 examples/intel/")]
pub struct Args {
    /// Directory of articles.
    #[arg(default_value = "examples/intel")]
    pub dir: PathBuf,
    /// How many times the articles are replicated.
    #[arg(long, default_value_t = 50)]
    pub copies: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let r = cordon_intel::bench::run(&args.dir, args.copies)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        println!("{}", cordon_intel::bench::summary(&r));
    }
    Ok(ExitCode::SUCCESS)
}
