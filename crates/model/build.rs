//! Fingerprints the model crate's source (loader, catalog, access table) so
//! that the model cache (src/cache.rs) never serves a model resolved by
//! different code: `CORDON_MODEL_SOURCE_HASH` changes with any source file.

use std::hash::{DefaultHasher, Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../../Cargo.lock");
    let mut files: Vec<_> = std::fs::read_dir("src")
        .expect("src/ of the model crate")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    // SipHash with fixed keys: the same sources give the same fingerprint.
    let mut h = DefaultHasher::new();
    for f in files {
        f.file_name().hash(&mut h);
        std::fs::read(&f).unwrap_or_default().hash(&mut h);
    }
    // Dependency versions (the YAML parser's behaviour) count too.
    std::fs::read("../../Cargo.lock")
        .unwrap_or_default()
        .hash(&mut h);
    println!(
        "cargo:rustc-env=CORDON_MODEL_SOURCE_HASH={:016x}",
        h.finish()
    );
}
