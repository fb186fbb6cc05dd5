//! Errors of the fault-tree engine and of the MEF reader.

use thiserror::Error;

/// Everything that can go wrong building, reading or analysing a fault tree.
/// User input never panics: it ends up here.
#[derive(Debug, Error)]
pub enum Error {
    /// The model file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A problem in an Open-PSA MEF file, with its location.
    #[error("{file}:{line}:{column}: {message}")]
    Mef {
        /// The file being read.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The offending gate or event name, when there is one.
        name: Option<String>,
        /// What is wrong, and a suggestion when we have one.
        message: String,
    },
    /// A probability outside `[0, 1]` (or not a number).
    #[error("probability {value} of basic event `{name}` is not within [0, 1]")]
    InvalidProbability {
        /// The basic event.
        name: String,
        /// The rejected value.
        value: f64,
    },
    /// Two basic events or gates share a name.
    #[error("`{0}` is defined twice")]
    DuplicateName(String),
    /// No basic event or named gate has this name.
    #[error("no basic event or gate named `{0}`")]
    UnknownEvent(String),
    /// A gate whose inputs do not fit its connective.
    #[error("invalid gate: {0}")]
    InvalidGate(String),
    /// A [`crate::Formula`] that does not belong to this builder.
    #[error("formula handle from another builder")]
    ForeignFormula,
    /// The diagrams outgrew the memory this engine allows itself.
    #[error(
        "the BDD exceeds {0} nodes with every variable ordering tried; use --order-limit/--cutoff or simplify the model"
    )]
    TooLarge(usize),
    /// The diagrams would have passed the memory budget
    /// ([`crate::Settings::memory_limit`], by default half the RAM). Raised
    /// before the allocation, so the process is still healthy.
    #[error(
        "the {what} needs more than the memory budget of {} MiB{hint}",
        limit / (1024 * 1024)
    )]
    MemoryLimit {
        /// Which diagram: "BDD" or "ZBDD of the minimal cut sets".
        what: String,
        /// The budget, in bytes.
        limit: u64,
        /// What to try instead (starts with "; ").
        hint: String,
    },
    /// The analysis did not finish within [`crate::Settings::time_limit`].
    #[error("the analysis did not finish within {0:?}")]
    TimedOut(std::time::Duration),
    /// A combination of settings and tree the engine does not handle.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The top event cannot be chosen automatically.
    #[error("{0}")]
    Top(String),
}
