//! The router under test without a network (`tower::ServiceExt::oneshot`), on one store
//! per test binary with its generated write token.

pub mod forms;

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use cordon_server::{App, Config, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Fixture {
    pub app: App,
    pub token: String,
    /// Kept alive for the binary's lifetime (the token file is in it).
    pub _dir: tempfile::TempDir,
}

/// The binary's server state: a fresh data directory (first start: the example
/// incidents, a generated token).
pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::new(dir.path().join("data"));
        config.token_file = Some(dir.path().join("token"));
        let (app, token) = App::open(&config).unwrap();
        Fixture {
            app,
            token: token.expect("first start generates a token"),
            _dir: dir,
        }
    })
}

/// Sends `req` through the router: status, headers and the body as text.
pub async fn send(req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let res = router(fixture().app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}
