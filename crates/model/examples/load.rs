//! Times `Model::load` (fresh, no cache) on a model path, N times:
//! `cargo run --release -p cordon-model --example load -- DIR/estate.yaml 3`.
//! For profiling the loader without building the CLI. With a third argument
//! CACHE-DIR, loads through the model cache in that directory instead.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("usage: load MODEL [TIMES]"));
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let cache = args.next().map(std::path::PathBuf::from);
    let limits = cordon_model::Limits::default();
    for _ in 0..times {
        let t = std::time::Instant::now();
        let m = match &cache {
            Some(dir) => {
                cordon_model::Model::load_cached_with(&path, &limits, Some(dir))
                    .expect("model loads")
                    .0
            }
            None => cordon_model::Model::load_with(&path, &limits).expect("model loads"),
        };
        println!(
            "{} components, {} interactions: {:.3} s",
            m.components.len(),
            m.interactions.len(),
            t.elapsed().as_secs_f64()
        );
    }
}
