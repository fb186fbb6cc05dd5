//! `cordon` — the command-line front end. A thin layer: every subcommand
//! parses its arguments, calls a library crate and formats the result.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// cordon: if this system is breached, what else can the attacker reach —
/// and if we cut ourselves off, what patient care do we lose?
#[derive(Parser)]
#[command(name = "cordon", version)]
#[command(
    after_help = "Start with:  cordon exposure examples/hospital-group/\nDocs: README.md, docs/ (model format, semantics, JSON output, performance)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // --- trust paths (crates/paths) ---
    Exposure(cmd::exposure::Args),
    Paths(cmd::paths::Args),
    Blast(cmd::blast::Args),
    Check(cmd::check::Args),
    Catalog(cmd::catalog::Args),
    Generate(cmd::generate::Args),
    // --- care continuity (crates/services over crates/continuity) ---
    Services(cmd::services::Args),
    /// Fault-tree analysis of an Open-PSA MEF model: minimal cut sets, exact probability, importance.
    Fta(cmd::fta::Args),
    /// Incident intelligence: ingest reporting, search, reports, STIX/VERIS, replay.
    #[command(
        subcommand,
        after_help = "\
Examples (a first session):
  cordon intel ingest examples/intel/                # read articles, pages, feeds
  cordon intel search ransomware --country BE        # find incidents
  cordon intel show INC-3f2a9c41d0b7                 # one incident, with its sources
  cordon intel report 3f2a --format html -o inc.html # analysis report or STIX/VERIS export
  cordon intel watch https://example.org/news.rss    # follow a feed
  cordon intel eval examples/intel/                  # measure extraction quality

The store is DIR/intel.sqlite3, DIR being --data, else $CORDON_DATA, else ./.cordon
(created on first ingest). Ids take a unique prefix (3f2a). `cordon intel COMMAND
--help` gives each command's options, defaults and output; docs/intel.md the rules."
    )]
    Intel(cmd::intel::IntelCommand),
    // --- containment (crates/containment) ---
    Scenario(cmd::scenario::Args),
    Chokepoints(cmd::chokepoints::Args),
    Airgap(cmd::airgap::Args),
    Recover(cmd::recover::Args),
    // --- import / export (crates/import) ---
    Import(cmd::import::Args),
    /// Exports a model for other tools (BloodHound OpenGraph).
    Export(cmd::export::Args),
    // --- web app (crates/server) ---
    /// The web app and JSON API on http://127.0.0.1:8080/ (docs/server.md).
    Serve(cmd::serve::Args),
    // --- benchmarks against the tools users would otherwise use ---
    /// Benchmarks: each engine side by side with the tool users would otherwise use.
    #[command(subcommand)]
    Bench(cmd::bench::BenchCommand),
}

/// A command whose output is piped into `head` or `less` should stop
/// quietly when the reader goes away, as Unix tools do, instead of
/// panicking in `println!` on the broken pipe. Rust ignores SIGPIPE at
/// start-up; this restores the default for commands that only write
/// output. `cordon serve` keeps ignoring it: a client or a `dot`
/// subprocess that goes away must give an error, not end the server.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned;
    // SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        restore_default_sigpipe();
    }
    let result = match cli.command {
        Command::Exposure(a) => cmd::exposure::run(a),
        Command::Paths(a) => cmd::paths::run(a),
        Command::Blast(a) => cmd::blast::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Catalog(a) => cmd::catalog::run(a),
        Command::Generate(a) => cmd::generate::run(a),
        Command::Services(a) => cmd::services::run(a),
        Command::Fta(a) => cmd::fta::run(a),
        Command::Intel(c) => cmd::intel::run(c),
        // --- containment (crates/containment) ---
        Command::Scenario(a) => cmd::scenario::run(a),
        Command::Chokepoints(a) => cmd::chokepoints::run(a),
        Command::Airgap(a) => cmd::airgap::run(a),
        Command::Recover(a) => cmd::recover::run(a),
        // --- import / export (crates/import) ---
        Command::Import(a) => cmd::import::run(a),
        Command::Export(a) => cmd::export::run(a),
        // --- web app (crates/server) ---
        Command::Serve(a) => cmd::serve::run(a),
        Command::Bench(c) => cmd::bench::run(c),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            match err.downcast_ref::<cmd::common::Diagnostics>() {
                Some(d) => eprintln!("{d}"),
                // Located scenario diagnostics carry their own "error:".
                None => match err.downcast_ref::<cordon_containment::Error>() {
                    Some(e @ cordon_containment::Error::Scenario(_)) => eprintln!("{e}"),
                    _ => eprintln!("error: {err:#}"),
                },
            }
            ExitCode::from(2)
        }
    }
}
