//! Errors and warnings about a model, each pointing at file:line:column.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in a model file. Lines and columns start at 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Location {
    /// The file, as given or found through `include:` (shared: every
    /// location of a file points at one allocation).
    #[serde(serialize_with = "serialize_path")]
    pub file: Arc<Path>,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

fn serialize_path<S: serde::Serializer>(p: &Arc<Path>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&p.display())
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model cannot be used.
    Error,
    /// The model loads, but probably not as meant.
    Warning,
}

/// One finding about a model.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where, when known.
    pub location: Option<Location>,
    /// What is wrong, naming the offending value.
    pub message: String,
    /// How to fix it, when obvious ("did you mean `ehr-db`?").
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => write!(f, "{loc}: {sev}: {}", self.message)?,
            None => write!(f, "{sev}: {}", self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The model is invalid; every problem found is listed.
    #[error("{}", render(.0))]
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// The diagnostics, if the model was read but is invalid.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Invalid(d) => d,
            LoadError::Io { .. } => &[],
        }
    }
}

/// How the note of [`more_errors`] ends; [`render`] counts the errors it
/// stands for.
const MORE_ERRORS: &str = " more errors not listed";

/// The note ending a list of diagnostics cut at `listed` errors: `hidden`
/// errors were found but not listed. It is an error without a location;
/// the summary line of [`LoadError::Invalid`] counts the errors it stands
/// for.
pub(crate) fn more_errors(hidden: usize, listed: usize) -> Diagnostic {
    Diagnostic::error(
        None,
        format!("{hidden}{MORE_ERRORS} (the first {listed} are)"),
    )
    .with_help(Some("fix these and load again to see the rest".into()))
}

/// The number of errors a [`more_errors`] note stands for, if `d` is one.
fn hidden_errors(d: &Diagnostic) -> Option<usize> {
    if d.location.is_some() || d.severity != Severity::Error {
        return None;
    }
    let (n, rest) = d.message.split_once(' ')?;
    rest.starts_with(MORE_ERRORS.trim_start())
        .then(|| n.parse().ok())
        .flatten()
}

fn render(diags: &[Diagnostic]) -> String {
    let errors: usize = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| hidden_errors(d).unwrap_or(1))
        .sum();
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&format!(
        "the model has {errors} error{}",
        if errors == 1 { "" } else { "s" }
    ));
    out
}

/// The closest candidate to `name`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(name, c);
        if score > best.map_or(0.0, |b| b.0) {
            best = Some((score, c));
        }
    }
    best.filter(|(score, c)| *score >= 0.8 || strsim::levenshtein(name, c) <= 2)
        .map(|(_, c)| format!("did you mean `{c}`?"))
}
