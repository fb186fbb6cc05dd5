#![allow(dead_code)]
use std::path::PathBuf;

pub fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/intel")
}

pub fn doc(text: &str) -> cordon_intel::Document {
    cordon_intel::ingest::parse_text("test.txt", text)
}

pub fn record(text: &str) -> cordon_intel::IncidentRecord {
    cordon_intel::extract(&doc(text))
}
