fn main() {
    let p = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let t = std::time::Instant::now();
    let mut o = serde_saphyr::Options::default();
    o.budget = None;
    let _v: serde::de::IgnoredAny = serde_saphyr::from_str_with_options(&text, o).unwrap();
    println!("parse IgnoredAny {:?}", t.elapsed());
}
