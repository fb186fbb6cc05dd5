//! What every model command shares: loading with readable diagnostics,
//! output formats, selector resolution.

use std::path::Path;

use anyhow::{Context, bail};
use cordon_model::{ComponentId, LoadError, Model};

/// Output format of the trust-path commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (default).
    Text,
    /// Stable JSON, documented in docs/json.md.
    Json,
    /// Graphviz DOT: pipe into `dot -Tsvg`.
    Dot,
}

/// Loads a model, turning diagnostics into one readable error and printing
/// warnings to stderr.
pub fn load_model(path: &Path) -> anyhow::Result<Model> {
    match Model::load(path) {
        Ok(model) => {
            for w in &model.warnings {
                eprintln!("{w}");
            }
            Ok(model)
        }
        Err(LoadError::Io { path, source }) => {
            Err(source).with_context(|| format!("cannot read model {}", path.display()))
        }
        Err(e @ LoadError::Invalid(_)) => bail!("{e}"),
    }
}

/// Resolves selector text (`ehr-db`, `kind:ehr`, `entry-points`…) to components.
pub fn select(model: &Model, text: &str) -> anyhow::Result<Vec<ComponentId>> {
    let ids = model.select_str(text).map_err(|e| match e.help {
        Some(h) => anyhow::anyhow!("{}: {} ({h})", text, e.message),
        None => anyhow::anyhow!("{}: {}", text, e.message),
    })?;
    if ids.is_empty() {
        bail!("`{text}` selects no component");
    }
    Ok(ids)
}

/// Prints JSON, pretty.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Quotes an id for DOT.
pub fn dot_id(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Runs a side-by-side benchmark script (embedded in the binary) with
/// `python3`: writes it into `dir`, passes `args`, parses the JSON it prints.
/// `None` when Python or NetworkX is missing — said on stderr, so cordon's own
/// figures still print.
pub fn run_networkx(
    dir: &Path,
    name: &str,
    script: &str,
    args: &[String],
) -> anyhow::Result<Option<serde_json::Value>> {
    let path = dir.join(name);
    std::fs::write(&path, script).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("running NetworkX (this takes a while)…");
    match std::process::Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
    {
        Ok(o) if o.status.success() => Ok(Some(
            serde_json::from_slice(&o.stdout).context("NetworkX output")?,
        )),
        Ok(o) => {
            eprintln!(
                "NetworkX failed (pip install networkx?): {}",
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
