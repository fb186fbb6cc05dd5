//! Helpers shared by the CLI's integration tests: running the built
//! `cordon` binary and finding the repository's example and test data.
//! Each test file includes it with `mod common;` and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (`/work/main` in the team's checkout).
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
/// The example estate.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hospital-group");
/// The shared reproducers (`/work/shared`, beside the repository).
pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Path of the `cordon` binary Cargo built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cordon")
}

/// Runs `cordon ARGS` and returns its output.
pub fn cordon(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("run cordon")
}

/// Runs `cordon ARGS` from `dir`.
pub fn cordon_in(dir: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run cordon")
}

/// Runs `cordon ARGS`: (exit code, stdout, stderr) as text.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cordon(args);
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// Runs `cordon ARGS`, asserts success and parses standard output as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    let o = cordon(args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// Bytes as (lossy) UTF-8 text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A file of the import crate's test data.
pub fn import_data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/data")
        .join(name)
}

/// A fresh, empty scratch directory for one test (`prefix` keeps tests apart).
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create scratch directory");
    d
}

/// A model file `name` holding `yaml` in a fresh temporary directory
/// (removed when the returned guard drops).
pub fn model_file(name: &str, yaml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, yaml).expect("write the model file");
    (dir, path)
}
