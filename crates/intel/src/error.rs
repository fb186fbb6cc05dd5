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
}

pub type Result<T, E = IntelError> = std::result::Result<T, E>;
