//! Errors of the incident-intelligence crate, each with the file (and line) it concerns.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IntelError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not UTF-8 text (invalid byte at line {line}, column {column}); is it a binary file?"
    )]
    NotText {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}: {what}")]
    BadInput { path: PathBuf, what: String },
    #[error("{path}: cannot parse as an RSS/Atom feed: {what}")]
    BadFeed { path: PathBuf, what: String },
    #[error("{path}: no such file or directory")]
    Missing { path: PathBuf },
    #[error("incident store {path}: {source}")]
    Store {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("incident store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(
        "incident store {path} has schema version {found}, newer than this cordon ({supported}); upgrade cordon"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("no incident with id {0:?} (try `cordon intel search`)")]
    NotFound(String),
    #[error("incident id prefix {0:?} is ambiguous: {1}")]
    Ambiguous(String, String),
    #[error("{path}: {what}")]
    Expected { path: PathBuf, what: String },
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("record JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Another writer held the store for longer than the busy timeout. Nothing of the
    /// document being written was stored; documents committed before it stay. Retry; the
    /// server answers 503 with `Retry-After`.
    #[error(
        "incident store {path} is busy: another writer held it for more than {waited_ms} ms; nothing of this document was written, retry"
    )]
    Busy { path: PathBuf, waited_ms: u64 },
    /// The caller cancelled the work (a request that timed out or was dropped) or its
    /// deadline passed; nothing of the document being processed was written.
    #[error("cancelled ({0}); nothing of the document being processed was written")]
    Cancelled(String),
    /// An input exceeded one of the documented limits (docs/limits.md).
    #[error("{path}: {what} exceeds the limit of {limit}; {how}")]
    Limit {
        path: PathBuf,
        what: String,
        limit: String,
        /// How to raise the limit.
        how: String,
    },
    /// An HTTP(S) fetch failed (`cordon intel watch`).
    #[error("{url}: {what}")]
    Fetch { url: String, what: String },
}

impl IntelError {
    /// True when retrying later may succeed (the store was busy).
    pub fn is_busy(&self) -> bool {
        matches!(self, IntelError::Busy { .. })
            || matches!(self, IntelError::Sql(e) | IntelError::Store { source: e, .. } if is_busy(e))
    }
}

/// True for SQLite's "database is busy/locked" errors.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

pub type Result<T, E = IntelError> = std::result::Result<T, E>;
