//! The cordon web app and HTTP API.
//!
//! [`App::open`] prepares the data directory (first start: the example hospital model and
//! the example incidents, and the write token), [`router`] builds the axum router (pages,
//! JSON API, OpenAPI document, static files) with its safety layers, and [`serve`] runs it.
//! See `docs/server.md`.

pub mod api;
pub mod auth;
mod embedded;
pub mod error;
pub mod graph;
pub mod pages;
pub mod scenario;
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
/// Requests taking longer are answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Content-Security-Policy of every page (the HTML report overrides it with a stricter one).
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The whole application: pages, API and static files, behind the safety layers (body
/// limit, timeout, security headers).
pub fn router(app: App) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .fallback(pages::not_found)
        .with_state(app)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
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
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Error::Internal(e.to_string()))
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
