//! Times one blast radius (`access_from` one exposed entry point) on a model,
//! best of N: `cargo run --release -p cordon-paths --example blast -- DIR/estate.yaml 20`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("usage: blast MODEL [TIMES]"));
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let model = cordon_model::Model::load(&path).expect("model loads");
    let graph = cordon_paths::AttackGraph::new(&model);
    let probe = model
        .entry_points()
        .into_iter()
        .find(|c| !model.is_external(*c))
        .expect("an exposed component");
    let mut best = f64::MAX;
    let mut reached = 0;
    for _ in 0..times {
        let t = std::time::Instant::now();
        let map = graph.access_from(&[probe]);
        best = best.min(t.elapsed().as_secs_f64());
        reached = map.counts()[1..].iter().sum::<usize>();
    }
    println!(
        "blast radius of {}: {reached} reached, best of {times}: {best:.4} s",
        model.component(probe).id
    );
}
