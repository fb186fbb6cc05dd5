//! `cordon bench intel`: ingest + extraction throughput on the example articles.

use std::path::PathBuf;
use std::process::ExitCode;

/// Articles per second for parse + extract + store, one thread, examples replicated N times.
#[derive(clap::Args)]
#[command(after_help = "\
What is timed: for every article under DIR (text, HTML main-content extraction, RSS/Atom
items), replicated --copies times and made distinct: parsing, the full extraction of an
incident record, and the insert into an in-memory SQLite store with FTS5 indexing, one
transaction per copy, one thread. Reading the files and the one-time start-up come before:
every article is extracted once, untimed, which compiles the lexicons and built-in patterns
and fills the regex engines' lazy caches, as a long-running 'cordon intel watch' or server
pays once (printed as 'start-up (not timed)').

The figures: articles per second of wall time (includes waiting for a core on a shared
machine) and per CPU-second of the thread (/proc/thread-self/schedstat; the figure to
compare across runs), and MB of input per second and per CPU-second (the per-byte rate,
which does not depend on how long the articles are). The goal (issue 15) is >= 500
articles per CPU-second on examples/intel/. Compare two builds by alternating them
several times on the same machine state; see docs/performance.md.

Run on a release build:
  cargo build --release && target/release/cordon bench intel
  target/release/cordon bench intel --copies 200 examples/intel/
  target/release/cordon bench intel --json      # the same figures as JSON")]
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
