//! Writes a synthetic estate split into files, like `cordon generate -o DIR`:
//! `cargo run --release -p cordon-model --example generate -- 200000 1 DIR`.

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let (n, seed, dir) = (a[0].parse().unwrap(), a[1].parse().unwrap(), &a[2]);
    let est = cordon_model::synthetic::synthetic_estate(n, seed);
    std::fs::create_dir_all(dir).unwrap();
    for (name, yaml) in est.split() {
        std::fs::write(std::path::Path::new(dir).join(name), yaml).unwrap();
    }
}
