//! Developer helper: `cargo run -p cordon-intel --example eval_dump -- DIR` prints the eval
//! table and every difference.
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/intel".into());
    let r = cordon_intel::eval::evaluate_dir(std::path::Path::new(&dir)).expect("eval");
    for d in &r.per_document {
        if !d.differences.is_empty() {
            println!("== {}", d.source);
            for x in &d.differences {
                println!("   {x}");
            }
        }
    }
    print!("{}", r.table());
}
