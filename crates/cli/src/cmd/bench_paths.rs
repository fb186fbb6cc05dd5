//! `cordon bench paths`: the trust-path engine against NetworkX on the same
//! generated estate, in one run.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;

const NETWORKX_SCRIPT: &str = include_str!("../../../../bench/networkx_paths.py");

/// Benchmarks load, blast radius and exposure at scale, side by side with NetworkX.
#[derive(clap::Args)]
#[command(after_help = "\
Run on a release build:
  cargo build --release && target/release/cordon bench paths
  target/release/cordon bench paths --components 20000 --networkx-sample 50

NetworkX (pip install networkx) gets the plain interaction graph and runs
BFS shortest paths from the same sources; its exposure time is measured on
--networkx-sample entry points and extrapolated to all of them.")]
pub struct Args {
    /// Components in the generated estate.
    #[arg(long, default_value_t = 200_000)]
    pub components: usize,
    /// Generator seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Entry points NetworkX is timed on (extrapolated to all).
    #[arg(long, default_value_t = 10)]
    pub networkx_sample: usize,
    /// Skip NetworkX.
    #[arg(long)]
    pub no_networkx: bool,
    /// Where to write the estate (default: a temporary directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => {
            std::env::temp_dir().join(format!("cordon-bench-{}-{}", args.components, args.seed))
        }
    };
    std::fs::create_dir_all(&dir)?;
    let estate = cordon_model::synthetic::synthetic_estate(args.components, args.seed);
    for (name, yaml) in estate.split() {
        std::fs::write(dir.join(name), yaml)?;
    }
    eprintln!(
        "estate: {} components in {}",
        args.components,
        dir.display()
    );

    let t = Instant::now();
    let model = Model::load(&dir.join("estate.yaml")).map_err(|e| anyhow::anyhow!("{e}"))?;
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let graph = AttackGraph::new(&model);
    let prepare = t.elapsed().as_secs_f64();
    let entries = model.entry_points();
    let exposed: Vec<_> = entries
        .iter()
        .copied()
        .filter(|c| !model.is_external(*c))
        .collect();
    let probe = *exposed
        .first()
        .or(entries.first())
        .context("the estate has no entry point")?;
    let t = Instant::now();
    let map = graph.access_from(&[probe]);
    let blast = t.elapsed().as_secs_f64();
    let reached = map.counts()[1..].iter().sum::<usize>();
    let t = Instant::now();
    let exposure = cordon_paths::exposure(&graph, 5);
    let exposure_s = t.elapsed().as_secs_f64();
    let jewels_controlled = exposure
        .crown_jewels
        .iter()
        .filter(|j| j.best == AccessLevel::Control)
        .count();
    let rss = peak_rss_mib();

    println!(
        "cordon bench paths — {} components, {} interactions, {} entry points",
        model.components.len(),
        model.interactions.len(),
        entries.len()
    );
    println!(
        "  blast radius of {}: {} components reached; exposure: {} of {} crown jewels controlled from outside",
        model.component(probe).id,
        reached,
        jewels_controlled,
        exposure.crown_jewels.len()
    );

    let mut nx: Option<serde_json::Value> = None;
    if !args.no_networkx {
        let edges = dir.join("edges.txt");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&edges)?);
        for i in &model.interactions {
            writeln!(w, "{} {}", i.from.0, i.to.0)?;
        }
        w.flush()?;
        let ids = dir.join("entries.txt");
        let mut order = vec![probe.0];
        order.extend(entries.iter().filter(|e| **e != probe).map(|e| e.0));
        std::fs::write(
            &ids,
            order
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )?;
        nx = super::common::run_networkx(
            &dir,
            "networkx_paths.py",
            NETWORKX_SCRIPT,
            &[
                edges.display().to_string(),
                ids.display().to_string(),
                args.networkx_sample.max(1).to_string(),
            ],
        )?;
    }
    let f = |k: &str| nx.as_ref().and_then(|v| v.get(k)).and_then(|v| v.as_f64());
    println!(
        "\n  {:<44} {:>10} {:>12} {:>8}",
        "operation", "cordon", "NetworkX", "ratio"
    );
    let row = |name: &str, ours: f64, theirs: Option<f64>| match theirs {
        Some(t) => println!(
            "  {:<44} {:>9.3}s {:>11.3}s {:>7.0}×",
            name,
            ours,
            t,
            t / ours.max(1e-9)
        ),
        None => println!("  {:<44} {:>9.3}s {:>12} {:>8}", name, ours, "-", "-"),
    };
    row(
        "load + validate (NetworkX: read edge list)",
        load + prepare,
        f("load_s"),
    );
    row("one blast radius with shortest paths", blast, f("blast_s"));
    row(
        &format!("exposure from {} entry points", entries.len()),
        exposure_s,
        f("exposure_s"),
    );
    if let Some(v) = &nx {
        println!(
            "\n  NetworkX {}: {} nodes, {} edges; exposure extrapolated from {} sources ({:.3}s each).",
            v["networkx"].as_str().unwrap_or("?"),
            v["nodes"],
            v["edges"],
            v["sampled_sources"],
            f("exposure_per_source_s").unwrap_or(0.0)
        );
    }
    if let Some(r) = rss {
        println!("  cordon peak memory: {:.0} MiB", r);
    }
    println!(
        "  targets: load ≤ 3 s, blast ≤ 0.2 s, exposure ≤ 10 s, memory ≤ 2048 MiB, ≥ 30× NetworkX"
    );
    Ok(ExitCode::SUCCESS)
}
