//! Errors of the importers: each names the file and, where there is one, the
//! record (index, object id, line and column).

use std::path::PathBuf;

/// Where in an input file a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// 0-based index of the record in its list (`data[i]`, CSV row, `<host>` number).
    pub index: Option<usize>,
    /// The object id of the record, or of the last good record before it.
    pub id: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if let (Some(l), Some(c)) = (self.line, self.column) {
            parts.push(format!("line {l} column {c}"));
        } else if let Some(l) = self.line {
            parts.push(format!("line {l}"));
        }
        if let Some(i) = self.index {
            parts.push(format!("record {i}"));
        }
        if let Some(id) = &self.id {
            parts.push(format!("object {id}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Why an import failed. Nothing is written when an import fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An input is malformed or truncated.
    #[error("{path}: {at}: {message}", at = DisplayRecord(record))]
    Parse {
        /// The file (for a zip: `archive.zip!member.json`).
        path: PathBuf,
        /// Where in it.
        record: Record,
        /// What is wrong.
        message: String,
    },
    /// The input is well-formed but cannot be used (a missing column, an unknown kind).
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The model directory is not in a state the importer can merge into.
    #[error("{path}: {message}")]
    Model {
        /// The file or directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

struct DisplayRecord<'a>(&'a Record);

impl std::fmt::Display for DisplayRecord<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0.to_string();
        if s.is_empty() {
            f.write_str("at the start")
        } else {
            f.write_str(&s)
        }
    }
}

impl ImportError {
    /// A parse error from serde_json, with its line and column.
    pub fn json(
        path: impl Into<PathBuf>,
        index: Option<usize>,
        id: Option<String>,
        err: &serde_json::Error,
    ) -> Self {
        let message = err.to_string();
        // serde_json appends " at line X column Y": the record says it.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        let message = if err.is_eof() {
            format!("{message} (the file is truncated)")
        } else {
            message
        };
        ImportError::Parse {
            path: path.into(),
            record: Record {
                index,
                id,
                line: Some(err.line()),
                column: Some(err.column()),
            },
            message,
        }
    }
}
