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
    /// The request body or a value in it is too large: 413.
    #[error("{0}")]
    TooLarge(String),
    /// The server is busy (the incident store is locked by another writer, too many
    /// connections): 503 with `Retry-After`.
    #[error("{0}")]
    Busy(String),
    /// A view of the model could not be computed (it exceeds a limit, or an engine
    /// failed): 503, the rest of the server keeps working.
    #[error("{0}")]
    Unavailable(String),
    /// The request was well-formed but nothing in it could be used: 422.
    #[error("{0}")]
    Unprocessable(String),
    /// Anything else: 500.
    #[error("{0}")]
    Internal(String),
}

/// Seconds a client should wait before retrying a 503.
pub const RETRY_AFTER_SECS: u32 = 2;

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Busy(_) | Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Intel(e) => intel_status(e),
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The status of an incident-store error: what the client sent is 4xx, a locked store is
/// 503 (retry), the rest 500.
fn intel_status(e: &cordon_intel::IntelError) -> StatusCode {
    use cordon_intel::IntelError as E;
    match e {
        E::NotFound(_) => StatusCode::NOT_FOUND,
        E::Ambiguous(..) | E::Usage(_) => StatusCode::BAD_REQUEST,
        // The uploaded document: not text, not a readable article or feed.
        E::NotText { .. } | E::BadInput { .. } | E::BadFeed { .. } | E::Expected { .. } => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        E::Limit { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        E::Cancelled(_) => StatusCode::REQUEST_TIMEOUT,
        e if e.is_busy() => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// API errors are JSON: `{"error": "...", "status": 404}`.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match (status, &self) {
            (StatusCode::SERVICE_UNAVAILABLE, Error::Intel(_)) => {
                format!("{self} (retry in {RETRY_AFTER_SECS} s)")
            }
            _ => self.to_string(),
        };
        let mut res = json_error(status, &message);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECS),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"cordon\""),
            );
        }
        res
    }
}

/// The documented error body: `{"error": "...", "status": 404}`.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        axum::Json(serde_json::json!({ "error": message, "status": status.as_u16() })),
    )
        .into_response()
}

/// Middleware: every error response leaves in the documented shape. Rejections of axum's
/// extractors (bad query string, bad form, wrong content type), the body limit (413), the
/// request timeout (408), unknown routes (404) and wrong methods (405) come out of axum and
/// tower-http as plain text or an empty body; this rewrites them — as the JSON error
/// (`{"error", "status"}`) under `/api/` or when the client asks for JSON, as the HTML error
/// page elsewhere — keeping the status and headers such as `Allow` and `Retry-After`.
pub async fn shape_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use axum::http::header;
    let api = req.uri().path().starts_with("/api/");
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let json = api || (accept.contains("application/json") && !accept.contains("text/html"));
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("application/json") || (!json && ct.starts_with("text/html")) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // Rejection texts are short; anything longer is cut (the status says enough).
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = match (status, text.is_empty()) {
        (StatusCode::NOT_FOUND, true) => "no such resource (see /api/openapi.json)".to_string(),
        // axum adds the `Allow` header after this layer has run.
        (StatusCode::METHOD_NOT_ALLOWED, _) => {
            "method not allowed here (the `Allow` header lists the methods this path takes; see /api/openapi.json)".to_string()
        }
        (StatusCode::REQUEST_TIMEOUT, true) => format!(
            "the request took longer than {} s and was abandoned; nothing was stored",
            crate::REQUEST_TIMEOUT.as_secs()
        ),
        (StatusCode::PAYLOAD_TOO_LARGE, _) => {
            format!("request body larger than {} bytes", crate::BODY_LIMIT)
        }
        (_, true) => status.canonical_reason().unwrap_or("error").to_string(),
        (_, false) => text,
    };
    let fresh = if json {
        json_error(status, &message)
    } else {
        crate::pages::error_page(status, &message)
    };
    let (fresh_parts, fresh_body) = fresh.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    for (k, v) in fresh_parts.headers.iter() {
        parts.headers.insert(k, v.clone());
    }
    Response::from_parts(parts, fresh_body)
}
