fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    match cordon_model::Model::load(std::path::Path::new(&p)) {
        Ok(m) => {
            println!(
                "{} components {} interactions {} rules {} services in {:?}",
                m.components.len(),
                m.interactions.len(),
                m.rules.len(),
                m.services.len(),
                t.elapsed()
            );
            for w in &m.warnings {
                println!("{w}");
            }
        }
        Err(e) => println!("{e}"),
    }
}
