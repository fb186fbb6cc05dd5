//! The cordon web app and HTTP API.
//!
//! [`App::open`] prepares the data directory (first start: the example hospital model and
//! the example incidents, and the write token), [`router`] builds the axum router (pages,
//! JSON API, OpenAPI document, static files) with its safety layers, and [`serve`] runs it.
//! See `docs/server.md`.

pub mod api;
pub mod auth;
pub mod board;
mod embedded;
pub mod error;
pub mod graph;
pub mod pages;
pub mod scenario;
mod slowbody;
pub mod state;
/// The JSON shapes, shared with the CLI.
pub use cordon_report as views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{Error, Result};
pub use state::{App, Config};

/// Largest request body accepted (413 above).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Requests taking longer are answered 408 (default of [`Config::request_timeout`]).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Content-Security-Policy of every page (the HTML report overrides it with a stricter one).
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The whole application: pages, API and static files, behind the safety layers (body
/// limit, timeout, security headers).
pub fn router(app: App) -> Router {
    let timeout = app.request_timeout();
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            slowbody::min_rate,
        ))
        .with_state(app)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        // A panic in a handler is a 500 for that request, never a dead connection task.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                error::json_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error (a bug in cordon: please report it)",
                )
            },
        ))
        .layer(axum::middleware::from_fn(error::shape_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
}

/// Opens the app (first-start setup included), prints the new token once on stderr, and
/// serves on `config.addr` until Ctrl-C / SIGTERM.
pub async fn serve(config: Config) -> Result<()> {
    let addr = config.addr;
    let (app, token) = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || App::open(&config))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??
    };
    if let Some(t) = token {
        eprintln!(
            "cordon serve: write token (shown once; stored hashed in {}):\n  {t}",
            app.data_dir().display()
        );
        if let Some(f) = &config.token_file {
            eprintln!("  also written to {}", f.display());
        }
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Bind {
            addr: addr.to_string(),
            source: e,
        })?;
    let local: SocketAddr = listener.local_addr().map_err(|e| Error::Bind {
        addr: addr.to_string(),
        source: e,
    })?;
    eprintln!(
        "cordon serve: {} — {} incidents, model {} — listening on http://{local}/",
        app.data_dir().display(),
        app.incident_count(),
        app.estate().model.name
    );
    if let Some(f) = &config.ready_file {
        std::fs::write(f, format!("http://{local}/\n")).map_err(|e| Error::Io {
            path: f.display().to_string(),
            source: e,
        })?;
    }
    serve_on(listener, router(app), config.limits, shutdown()).await
}

/// Connection-level limits of [`serve_on`] (see `docs/limits.md`, `## Server`).
#[derive(Clone, Copy, Debug)]
pub struct ConnLimits {
    /// A connection must deliver a complete request head within this time, counted from
    /// the moment the server waits for one: on a new connection that sends nothing, on a
    /// partial head (slowloris), and on an idle keep-alive connection between requests.
    /// The connection is closed when it runs out.
    pub header_read_timeout: Duration,
    /// Open connections served at once; above, a new connection gets `503` (JSON error,
    /// `Retry-After: 1`) and is closed.
    pub max_connections: usize,
}

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            header_read_timeout: HEADER_READ_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Default [`ConnLimits::header_read_timeout`].
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default [`ConnLimits::max_connections`].
pub const MAX_CONNECTIONS: usize = 256;

/// The answer to a connection over [`ConnLimits::max_connections`], written raw because it
/// is sent without reading the request.
fn over_capacity_response(limit: usize) -> Vec<u8> {
    let body = format!(
        "{{\"error\":\"busy: {limit} connections open, the most this server takes (`cordon serve --max-connections`); retry\",\"status\":503}}"
    );
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves `router` on `listener` (HTTP/1.1, keep-alive) until `signal` resolves, then
/// lets open requests finish. Each connection runs under [`ConnLimits`]: hyper's
/// header-read timeout closes silent, slow-header and idle keep-alive connections, and a
/// semaphore bounds the connections served at once. The request body and handler time are
/// bounded by the router's own layers ([`BODY_LIMIT`], [`REQUEST_TIMEOUT`]).
///
/// Written on hyper directly because `axum::serve` exposes neither timeout nor limit.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: ConnLimits,
    signal: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let lingering = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let service = TowerToHyperService::new(router);
    tokio::pin!(signal);
    loop {
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(x) => x,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment, keep serving.
                    eprintln!("cordon serve: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            // The socket's send buffer is empty: the short answer fits without waiting.
            let _ = stream.try_write(&over_capacity_response(limits.max_connections));
            // Closing with the request unread would send a reset that can destroy the answer
            // before the client reads it: half-close, then discard what the client sent for
            // a moment. At most as many of these lingering sockets as served connections.
            if let Ok(linger) = lingering.clone().try_acquire_owned() {
                tokio::spawn(async move {
                    use tokio::io::{AsyncReadExt, AsyncWriteExt};
                    let mut stream = stream;
                    let _ = stream.shutdown().await;
                    let mut sink = [0u8; 1024];
                    let _ = tokio::time::timeout(Duration::from_secs(1), async {
                        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
                    })
                    .await;
                    drop(linger);
                });
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let conn = builder.serve_connection(TokioIo::new(stream), service.clone());
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {},
        _ = tokio::time::sleep(REQUEST_TIMEOUT) => {},
    }
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Default data directory: intel's (`$CORDON_DATA`, else `./.cordon`).
pub fn default_data_dir() -> PathBuf {
    cordon_intel::store::data_dir(None)
}
