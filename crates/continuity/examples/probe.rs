//! Development probe: analyse Aralia models and print timings.
use cordon_continuity::{Settings, VariableOrdering, read_mef};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ordering = match std::env::var("ORD").as_deref() {
        Ok("df") => VariableOrdering::DepthFirst,
        Ok("heavy") => VariableOrdering::HeavyFirst,
        Ok("weighted") => VariableOrdering::Weighted,
        _ => VariableOrdering::Auto,
    };
    let mcs = std::env::var("NOMCS").is_err();
    let limit = std::env::var("LIMIT").ok().map(|s| s.parse().unwrap());
    let exact = std::env::var("ZBDD").is_err();
    let cutoff = std::env::var("CUTOFF")
        .ok()
        .map(|s| s.parse::<f64>().unwrap());
    for path in args {
        let t = Instant::now();
        let tree = read_mef(&path, None).unwrap();
        let a = tree
            .analyze(&Settings {
                ordering,
                minimal_cut_sets: mcs,
                order_limit: limit,
                exact_probability: exact,
                cutoff,
                ..Settings::default()
            })
            .unwrap();
        let r = a.report();
        println!(
            "{:<12} {:>8.3}s mcs={} P={:.6e} bdd={} zbdd={} rare={:.4e} mcub={:.4e} {:?}",
            std::path::Path::new(&path)
                .file_stem()
                .unwrap()
                .to_string_lossy(),
            t.elapsed().as_secs_f64(),
            r.mcs_count,
            r.probability,
            r.bdd_nodes,
            r.zbdd_nodes,
            r.rare_event,
            r.mcub,
            r.ordering
        );
    }
}
