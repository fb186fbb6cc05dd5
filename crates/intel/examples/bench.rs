//! `cargo run --release -p cordon-intel --example bench -- [DIR] [COPIES]`: the same
//! measurement as `cordon bench intel`, without building the CLI (also the binary to
//! profile: `perf record --call-graph dwarf target/release/examples/bench examples/intel 15`).
fn main() {
    let mut a = std::env::args().skip(1);
    let dir = a.next().unwrap_or_else(|| "examples/intel".into());
    let copies: usize = a.next().and_then(|c| c.parse().ok()).unwrap_or(50);
    let r = cordon_intel::bench::run(std::path::Path::new(&dir), copies).expect("bench");
    println!("{}", cordon_intel::bench::summary(&r));
}
