//! The 100,000-object scale run (not in the default suite):
//! `cargo test --release -p cordon-import --test scale -- --ignored --nocapture`
//! (`cordon bench import` runs the same steps from the CLI).

use std::time::Instant;

#[test]
#[ignore]
fn a_100k_object_collection_imports_in_seconds() {
    let objects: usize = std::env::var("CORDON_IMPORT_OBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("collection");
    let n = cordon_import::synthetic::write_collection(&data, objects, 1).unwrap();
    let bytes: u64 = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    let t = Instant::now();
    let options = cordon_import::sharphound::Options::default();
    let coll =
        cordon_import::sharphound::read_collection(std::slice::from_ref(&data), false).unwrap();
    let read = t.elapsed();
    let t = Instant::now();
    let estate = coll.to_estate(&options);
    let map = t.elapsed();
    let t = Instant::now();
    let dir = tmp.path().join("model");
    let s = cordon_import::merge_into(&dir, &estate, &Default::default()).unwrap();
    let write = t.elapsed();
    let t = Instant::now();
    let model = cordon_model::Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let load = t.elapsed();
    let t = Instant::now();
    let again = cordon_import::merge_into(&dir, &estate, &Default::default()).unwrap();
    let reimport = t.elapsed();
    println!(
        "{n} objects, {:.1} MB JSON: read {:.2} s, map {:.2} s, write {:.2} s (import {:.2} s) → {} components, {} interactions; re-import diff {:.2} s ({} changes); model load {:.2} s ({} interactions with defaults)",
        bytes as f64 / 1e6,
        read.as_secs_f64(),
        map.as_secs_f64(),
        write.as_secs_f64(),
        (read + map + write).as_secs_f64(),
        s.components,
        s.interactions,
        reimport.as_secs_f64(),
        again.added.len() + again.changed.len() + again.removed.len(),
        load.as_secs_f64(),
        model.interactions.len()
    );
    assert!((read + map + write).as_secs() < 30);
}
