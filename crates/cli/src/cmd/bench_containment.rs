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

use cordon_containment::flow::{FlowNetwork, INF};

use super::common::{Peer, peer_figures, peer_header, peer_row, run_peer, write_synthetic_estate};

const NETWORKX_SCRIPT: &str = include_str!("../../../../bench/networkx_mincut.py");
const IGRAPH_SCRIPT: &str = include_str!("../../../../bench/igraph_mincut.py");

/// Benchmarks choke points (minimum interaction and component cuts) at scale, side by side with NetworkX and igraph.
#[derive(clap::Args)]
#[command(after_help = "\
Run on a release build:
  cargo build --release && target/release/cordon bench containment
  target/release/cordon bench containment --components 20000

NetworkX and igraph (Python packages; each is installed with pip when
missing, and the benchmark says so — or says it could not and goes on) get
the same reduced graph cordon cuts: the useful interactions with their
capacities, sources contracted into a super source and crown jewels into a
super sink (bench/*.py). NetworkX runs minimum_cut and minimum_node_cut;
igraph runs mincut and vertex_connectivity (the size only).

Two cordon rows per cut: the whole planner (finding the useful interactions
on the product graph, the flow, reading the cut), and the max-flow alone on
exactly the reduced graph the peers get — the like-for-like comparison.
Ratios are the peer's time over cordon's: above 1, cordon is faster.")]
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
    /// Skip igraph.
    #[arg(long)]
    pub no_igraph: bool,
    /// Where to write the estate (default: a temporary directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = write_synthetic_estate(args.dir.as_deref(), args.components, args.seed)?;
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

    // The reduced graph, as the peers get it (bench/networkx_mincut.py):
    // useful interactions, sources contracted into S = 0, targets into T = 1,
    // parallel arcs summed, arcs into S or out of T dropped.
    let graph = AttackGraph::new(&model);
    let useful = useful_interactions(&graph, &sources, &targets, AccessLevel::Reach);
    let mut reduced: Vec<(u32, u32, i64)> = Vec::new();
    let mut vertex = vec![u32::MAX; model.components.len()];
    for s in &sources {
        vertex[s.index()] = 0;
    }
    for t in &targets {
        vertex[t.index()] = 1;
    }
    let mut next = 2u32;
    let mut id = |c: usize, vertex: &mut Vec<u32>| {
        if vertex[c] == u32::MAX {
            vertex[c] = next;
            next += 1;
        }
        vertex[c]
    };
    for (i, e) in model.interactions.iter().enumerate() {
        if useful[i] {
            let cost = (cordon_containment::interaction_cost(&model, i) * 1000.0).round() as i64;
            let (u, v) = (
                id(e.from.index(), &mut vertex),
                id(e.to.index(), &mut vertex),
            );
            if u != v && u != 1 && v != 0 {
                reduced.push((u, v, cost));
            }
        }
    }
    reduced.sort_unstable_by_key(|&(u, v, _)| (u, v));
    reduced.dedup_by(|b, a| {
        let same = (a.0, a.1) == (b.0, b.1);
        if same {
            a.2 += b.2;
        }
        same
    });
    let n = next as usize;
    let t = Instant::now();
    let mut net = FlowNetwork::new(n);
    for &(u, v, c) in &reduced {
        net.add_arc(u as usize, v as usize, c);
    }
    let flow_value = net.max_flow(0, 1);
    let flow_cut = net.min_cut_arcs(0).len();
    let flow_s = t.elapsed().as_secs_f64();
    // Vertex cut by node splitting: v_in = 2v, v_out = 2v + 1 (S and T
    // unsplittable), arcs out → in uncuttable.
    let t = Instant::now();
    let mut net = FlowNetwork::new(2 * n);
    for v in 2..n {
        net.add_arc(2 * v, 2 * v + 1, 1);
    }
    for (v, c) in [(0usize, INF), (1, INF)] {
        net.add_arc(2 * v, 2 * v + 1, c);
    }
    for &(u, v, _) in &reduced {
        net.add_arc(2 * u as usize + 1, 2 * v as usize, INF);
    }
    let vertex_value = net.max_flow(0, 3);
    let vertex_s = t.elapsed().as_secs_f64();

    let mut nx: Option<serde_json::Value> = None;
    let mut ig: Option<serde_json::Value> = None;
    if !(args.no_networkx && args.no_igraph) {
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
        let files = [edges.display().to_string(), ends.display().to_string()];
        if !args.no_networkx {
            nx = run_peer(
                Peer::NetworkX,
                &dir,
                "networkx_mincut.py",
                NETWORKX_SCRIPT,
                &files,
            )?;
        }
        if !args.no_igraph {
            ig = run_peer(
                Peer::Igraph,
                &dir,
                "igraph_mincut.py",
                IGRAPH_SCRIPT,
                &files,
            )?;
        }
    }
    let both = |k: &str| peer_figures(&nx, &ig, k);
    const W: usize = 56;
    peer_header(W);
    peer_row(
        W,
        "min interaction cut, whole planner",
        edge_s,
        &both("edge_cut_s"),
    );
    peer_row(
        W,
        "min s-t cut on the same reduced graph (flow.rs)",
        flow_s,
        &both("edge_cut_s"),
    );
    peer_row(
        W,
        "min component cut, whole planner",
        node_s,
        &both("node_cut_s"),
    );
    peer_row(
        W,
        "min vertex cut on the same reduced graph (flow.rs)",
        vertex_s,
        &both("node_cut_s"),
    );
    peer_row(
        W,
        "verification: path engine without the cut",
        verify_s,
        &[],
    );
    println!(
        "\n  reduced graph: {} vertices, {} arcs; cordon cut value {} ({} arcs), vertex cut {}.",
        n,
        reduced.len(),
        flow_value,
        flow_cut,
        if vertex_value >= INF {
            "none (S next to T)".into()
        } else {
            vertex_value.to_string()
        }
    );
    if let Some(v) = &nx {
        println!(
            "  NetworkX {}: {} nodes, {} edges; cut value {}, node cut size {}.",
            v["networkx"].as_str().unwrap_or("?"),
            v["nodes"],
            v["edges"],
            v["edge_cut_value"],
            v["node_cut_size"],
        );
    }
    if let Some(v) = &ig {
        println!(
            "  igraph {}: {} nodes, {} edges; cut value {} ({} edges), vertex connectivity {}.",
            v["igraph"].as_str().unwrap_or("?"),
            v["nodes"],
            v["edges"],
            v["edge_cut_value"],
            v["edge_cut_size"],
            v["node_cut_size"],
        );
    }
    println!(
        "  (the planner rows include finding the useful interactions on the product graph; the peers get that graph ready-made.)"
    );
    println!(
        "  target: minimum cut on 200,000 components ≤ 5 s; the flow at least as fast as igraph's on the same graph"
    );
    Ok(ExitCode::SUCCESS)
}
