//! `cordon bench containment`: minimum cuts against NetworkX on the same
//! generated estate, in one run.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use cordon_containment::{min_component_cut, min_interaction_cut, useful_interactions};
use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;

const NETWORKX_SCRIPT: &str = include_str!("../../../../bench/networkx_mincut.py");

/// Benchmarks choke points (minimum interaction and component cuts) at scale, side by side with NetworkX.
#[derive(clap::Args)]
#[command(after_help = "\
Run on a release build:
  cargo build --release && target/release/cordon bench containment
  target/release/cordon bench containment --components 20000

NetworkX (pip install networkx) gets the same graph cordon cuts (the useful
interactions with their capacities, a super source and sink) and runs
minimum_cut and minimum_node_cut on it.")]
pub struct Args {
    /// Components in the generated estate.
    #[arg(long, default_value_t = 200_000)]
    pub components: usize,
    /// Generator seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Skip NetworkX.
    #[arg(long)]
    pub no_networkx: bool,
    /// Where to write the estate (default: a temporary directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
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
    let model = Model::load(&dir.join("estate.yaml")).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut sources = model.select_str("external").unwrap_or_default();
    if sources.is_empty() {
        sources = model.entry_points();
    }
    let targets: Vec<_> = model
        .crown_jewels()
        .into_iter()
        .filter(|t| !sources.contains(t))
        .collect();
    anyhow::ensure!(
        !sources.is_empty() && !targets.is_empty(),
        "the estate has no sources or no crown jewels"
    );
    let no_cut = vec![false; model.interactions.len()];
    let no_down = vec![false; model.components.len()];

    let t = Instant::now();
    let edge = min_interaction_cut(
        &model,
        &no_cut,
        &no_down,
        &sources,
        &targets,
        AccessLevel::Reach,
        &[],
    );
    let edge_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let node = min_component_cut(
        &model,
        &no_cut,
        &no_down,
        &sources,
        &targets,
        AccessLevel::Reach,
    );
    let node_s = t.elapsed().as_secs_f64();
    let (edge_cut, edge_cost) = edge.clone().context("no finite interaction cut")?;
    let mut mask = no_cut.clone();
    for &i in &edge_cut {
        mask[i] = true;
    }
    let t = Instant::now();
    let verified = !cordon_containment::reaches_any(
        &model,
        &mask,
        &no_down,
        &sources,
        &targets,
        AccessLevel::Reach,
    );
    let verify_s = t.elapsed().as_secs_f64();

    println!(
        "cordon bench containment — {} components, {} interactions, {} sources, {} crown jewels",
        model.components.len(),
        model.interactions.len(),
        sources.len(),
        targets.len()
    );
    println!(
        "  interaction cut: {} interactions, cost {edge_cost} (verified: {verified}); component cut: {}",
        edge_cut.len(),
        node.as_ref().map_or(
            "none (a source touches a target)".into(),
            |(c, cost)| format!("{} components, cost {cost}", c.len())
        )
    );

    let mut nx: Option<serde_json::Value> = None;
    if !args.no_networkx {
        let graph = AttackGraph::new(&model);
        let useful = useful_interactions(&graph, &sources, &targets, AccessLevel::Reach);
        let edges = dir.join("cut-edges.txt");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&edges)?);
        for (i, e) in model.interactions.iter().enumerate() {
            if useful[i] {
                let cost = cordon_containment::interaction_cost(&model, i);
                writeln!(
                    w,
                    "{} {} {}",
                    e.from.0,
                    e.to.0,
                    (cost * 1000.0).round() as i64
                )?;
            }
        }
        w.flush()?;
        let ends = dir.join("cut-ends.txt");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&ends)?);
        for s in &sources {
            writeln!(w, "s {}", s.0)?;
        }
        for t in &targets {
            writeln!(w, "t {}", t.0)?;
        }
        w.flush()?;
        nx = super::common::run_networkx(
            &dir,
            "networkx_mincut.py",
            NETWORKX_SCRIPT,
            &[edges.display().to_string(), ends.display().to_string()],
        )?;
    }
    let f = |k: &str| nx.as_ref().and_then(|v| v.get(k)).and_then(|v| v.as_f64());
    println!(
        "\n  {:<52} {:>10} {:>12} {:>8}",
        "operation", "cordon", "NetworkX", "ratio"
    );
    let row = |name: &str, ours: f64, theirs: Option<f64>| match theirs {
        Some(t) => println!(
            "  {:<52} {:>9.3}s {:>11.3}s {:>7.1}×",
            name,
            ours,
            t,
            t / ours.max(1e-9)
        ),
        None => println!("  {:<52} {:>9.3}s {:>12} {:>8}", name, ours, "-", "-"),
    };
    row(
        "minimum interaction cut (NetworkX: minimum_cut)",
        edge_s,
        f("edge_cut_s"),
    );
    row(
        "minimum component cut (NetworkX: minimum_node_cut)",
        node_s,
        f("node_cut_s"),
    );
    row("verification: path engine without the cut", verify_s, None);
    if let Some(v) = &nx {
        println!(
            "\n  NetworkX {}: {} nodes, {} edges; cut value {} (cordon {}), node cut size {} (cordon {}).",
            v["networkx"].as_str().unwrap_or("?"),
            v["nodes"],
            v["edges"],
            v["edge_cut_value"],
            (edge_cost * 1000.0).round() as i64,
            v["node_cut_size"],
            node.as_ref().map_or(0, |(c, _)| c.len())
        );
        println!(
            "  (cordon's times include finding the useful interactions on the product graph; NetworkX gets that graph ready-made.)"
        );
    }
    println!("  target: minimum cut on 200,000 components ≤ 5 s");
    Ok(ExitCode::SUCCESS)
}
