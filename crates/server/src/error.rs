//! Errors of the server library, and how each becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Everything that can go wrong starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model could not be loaded.
    #[error("model {path}: {message}")]
    Model { path: String, message: String },
    /// The incident store failed.
    #[error(transparent)]
    Intel(#[from] cordon_intel::IntelError),
    /// A file in the data directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The listening address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    /// A request was invalid (bad id, unknown selector…): 400.
    #[error("{0}")]
    BadRequest(String),
    /// Not found: 404.
    #[error("{0}")]
    NotFound(String),
    /// Missing or wrong token: 401.
    #[error("{0}")]
    Unauthorized(String),
    /// Anything else: 500.
    #[error("{0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Intel(cordon_intel::IntelError::NotFound(_)) => StatusCode::NOT_FOUND,
            Error::Intel(cordon_intel::IntelError::Ambiguous(..)) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// API errors are JSON: `{"error": "...", "status": 404}`.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut res = (
            status,
            axum::Json(serde_json::json!({ "error": self.to_string(), "status": status.as_u16() })),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"cordon\""),
            );
        }
        res
    }
}
