//! What every model command shares: loading with readable diagnostics,
//! output formats, selector resolution.

use std::path::Path;

use anyhow::Context;
use cordon_model::{ComponentId, LoadError, Model};

/// Output format of the commands whose answer is also a graph (`paths`,
/// `blast`, `exposure`): clap lists exactly these values in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (default).
    Text,
    /// Stable JSON, documented in docs/json.md.
    Json,
    /// Graphviz DOT: pipe into `dot -Tsvg`.
    Dot,
}

/// Output format of the commands whose answer is a report, not a graph
/// (`services`, `scenario`, `recover`, `chokepoints`, `airgap`, the intel
/// listings): `--help` lists exactly text and json, and clap refuses any
/// other value with the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// Human-readable text (default).
    Text,
    /// Stable JSON, documented in docs/json.md.
    Json,
}

/// Loads a model, turning diagnostics into one readable error and printing
/// warnings to stderr. Goes through the model cache
/// ([`cordon_model::cache`]: an unchanged estate is not parsed again;
/// `CORDON_MODEL_CACHE=off` disables it).
pub fn load_model(path: &Path) -> anyhow::Result<Model> {
    match Model::load_cached(path) {
        Ok((model, _)) => {
            for w in &model.warnings {
                eprintln!("{w}");
            }
            Ok(model)
        }
        Err(LoadError::Io { path, source }) => {
            Err(source).with_context(|| format!("cannot read model {}", path.display()))
        }
        Err(e @ LoadError::Invalid(_)) => Err(Diagnostics(e.to_string()).into()),
    }
}

/// Problems already written as `file:line:column: error: …` lines (with
/// their help lines): `main` prints them as they are, without a second
/// `error:` prefix.
#[derive(Debug)]
pub struct Diagnostics(pub String);

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Diagnostics {}

/// Resolves a set of components the way every command takes it: one
/// selector (`ehr-db`, `kind:ehr`, `entry-points`…) or a comma-separated list
/// with `!SELECTOR` exclusions (`tag:ad-user,!tag:tier-zero`). The grammar,
/// its meaning and its errors are [`Model::select_list`]'s, shared with the
/// HTTP API (`cordon serve`).
pub fn select(model: &Model, text: &str) -> anyhow::Result<Vec<ComponentId>> {
    Ok(model.select_list(text)?)
}

/// Prints JSON, pretty.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Quotes an id or label for DOT (one implementation for the CLI and the web app).
pub use cordon_report::dot::dot_id;

/// A Python tool a benchmark compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
    /// NetworkX (pure Python).
    NetworkX,
    /// igraph (C core, Python interface).
    Igraph,
}

impl Peer {
    /// Name as printed.
    pub fn name(self) -> &'static str {
        match self {
            Peer::NetworkX => "NetworkX",
            Peer::Igraph => "igraph",
        }
    }

    /// The Python module and the PyPI package that provides it.
    fn module_and_package(self) -> (&'static str, &'static str) {
        match self {
            Peer::NetworkX => ("networkx", "networkx"),
            Peer::Igraph => ("igraph", "igraph"),
        }
    }
}

/// Makes sure a peer's Python package is importable, installing it with
/// `python3 -m pip install` when it is missing (idempotent: nothing happens
/// when it is there). Says on stderr what it does; `false` when the package
/// is still missing, so the benchmark goes on without that peer.
pub fn ensure_python_package(peer: Peer) -> bool {
    let (module, package) = peer.module_and_package();
    let importable = || {
        std::process::Command::new("python3")
            .args(["-c", &format!("import {module}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if importable() {
        return true;
    }
    eprintln!(
        "{} is not installed: installing it with `python3 -m pip install {package}`…",
        peer.name()
    );
    let installed = std::process::Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", package])
        .status()
        .is_ok_and(|s| s.success());
    if installed && importable() {
        eprintln!("{} installed.", peer.name());
        true
    } else {
        eprintln!(
            "{} could not be installed (no pip or no network?): its column stays empty; install it with `pip install {package}` and run again.",
            peer.name()
        );
        false
    }
}

/// Runs a side-by-side benchmark script (embedded in the binary) with
/// `python3`: installs the peer's package if needed
/// ([`ensure_python_package`]), writes the script into `dir`, passes
/// `args`, parses the JSON it prints. `None` when Python or the package is
/// missing or the script fails — said on stderr, so cordon's own figures
/// still print.
pub fn run_peer(
    peer: Peer,
    dir: &Path,
    name: &str,
    script: &str,
    args: &[String],
) -> anyhow::Result<Option<serde_json::Value>> {
    if !ensure_python_package(peer) {
        return Ok(None);
    }
    let path = dir.join(name);
    std::fs::write(&path, script).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("running {} (this takes a while)…", peer.name());
    match std::process::Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
    {
        Ok(o) if o.status.success() => Ok(Some(
            serde_json::from_slice(&o.stdout).with_context(|| format!("{} output", peer.name()))?,
        )),
        Ok(o) => {
            eprintln!(
                "{} failed: {}",
                peer.name(),
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            Ok(None)
        }
        Err(e) => {
            eprintln!("cannot run python3: {e}");
            Ok(None)
        }
    }
}

/// Writes the synthetic estate of `components` components (seed `seed`,
/// `cordon_model::synthetic`) as model files into `dir`, or into
/// `$TMP/cordon-bench-N-SEED` when `dir` is `None`; returns the directory.
pub fn write_synthetic_estate(
    dir: Option<&Path>,
    components: usize,
    seed: u64,
) -> anyhow::Result<std::path::PathBuf> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => std::env::temp_dir().join(format!("cordon-bench-{components}-{seed}")),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let estate = cordon_model::synthetic::synthetic_estate(components, seed);
    for (name, yaml) in estate.split() {
        let path = dir.join(name);
        std::fs::write(&path, yaml).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(dir)
}

/// Prints the header of a side-by-side table against NetworkX and igraph
/// (`width`: the operation column's width).
pub fn peer_header(width: usize) {
    println!(
        "\n  {:<width$} {:>10} {:>12} {:>12} {:>9} {:>9}",
        "operation", "cordon", "NetworkX", "igraph", "×NetworkX", "×igraph"
    );
}

/// The figure `key` (seconds) from NetworkX's and igraph's JSON answers, in
/// that order; `None` for a missing peer or figure.
pub fn peer_figures(
    nx: &Option<serde_json::Value>,
    ig: &Option<serde_json::Value>,
    key: &str,
) -> [Option<f64>; 2] {
    let get = |v: &Option<serde_json::Value>| {
        v.as_ref().and_then(|v| v.get(key)).and_then(|v| v.as_f64())
    };
    [get(nx), get(ig)]
}

/// Prints one row of a side-by-side table: cordon's time, each peer's time
/// (or `-`) and how many times faster cordon is than each.
pub fn peer_row(width: usize, name: &str, ours: f64, peers: &[Option<f64>]) {
    let mut line = format!("  {name:<width$} {ours:>9.3}s");
    for p in peers {
        match p {
            Some(t) => line.push_str(&format!(" {t:>11.3}s")),
            None => line.push_str(&format!(" {:>12}", "-")),
        }
    }
    for p in peers {
        match p {
            Some(t) => line.push_str(&format!(" {:>8.1}×", t / ours.max(1e-9))),
            None => line.push_str(&format!(" {:>9}", "-")),
        }
    }
    println!("{line}");
}
