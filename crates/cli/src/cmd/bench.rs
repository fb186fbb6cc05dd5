//! `cordon bench …`: each engine measured side by side with the tool a user
//! would otherwise reach for, in one run, printing the ratio.

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Trust-path engine vs igraph and NetworkX on a generated estate.
    Paths(super::bench_paths::Args),
    /// Fault-tree engine vs SCRAM on the Aralia models.
    Fta(super::bench_fta::Args),
    /// Incident intelligence: ingest + extraction throughput (articles/s).
    Intel(super::bench_intel::Args),
    /// SharpHound import of a generated collection (100,000 objects).
    Import(super::bench_import::Args),
    /// Containment: minimum cuts (choke points) vs igraph and NetworkX.
    Containment(super::bench_containment::Args),
}

pub fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Paths(a) => super::bench_paths::run(a),
        BenchCommand::Fta(a) => super::bench_fta::run(a),
        BenchCommand::Intel(a) => super::bench_intel::run(a),
        BenchCommand::Import(a) => super::bench_import::run(a),
        BenchCommand::Containment(a) => super::bench_containment::run(a),
    }
}
