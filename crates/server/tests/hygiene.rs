//! Server hygiene (issue 12: reliability F3, F7, F9, F10, item 6): connection timeouts and
//! limit over real TCP, the JSON error shape of every client error, the `Bearer` scheme,
//! cancelled and busy writes, a model too big for the services analysis.
//!
//! Timing is never asserted: each connection test configures a small timeout and asserts
//! that the connection *is* closed (a read returns end-of-file) within a generous bound.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cordon_server::{App, Config, ConnLimits, router, serve_on};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Upper bound on waiting for the server to close a connection (the configured timeouts are
/// far smaller); a test that hits it fails instead of hanging.
const BOUND: Duration = Duration::from_secs(30);

fn open_app(dir: &std::path::Path, tweak: impl FnOnce(&mut Config)) -> (App, String) {
    let mut config = Config::new(dir.join("data"));
    config.examples = false;
    tweak(&mut config);
    let (app, token) = App::open(&config).unwrap();
    (app, token.unwrap())
}

/// Serves `app` on 127.0.0.1:0 on its own runtime thread; returns the port.
fn spawn_server(app: App, limits: ConnLimits) -> u16 {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(l.local_addr().unwrap().port()).unwrap();
            serve_on(l, router(app), limits, std::future::pending())
                .await
                .unwrap();
        });
    });
    rx.recv().unwrap()
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(BOUND)).unwrap();
    s
}

/// Reads until the server closes the connection; panics if it is still open after BOUND.
fn read_to_close(s: &mut TcpStream, what: &str) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("{what}: still open after {BOUND:?} ({e})"),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn get_health(port: u16) -> String {
    let mut s = connect(port);
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    read_to_close(&mut s, "health")
}

/// F10: silent, slow-header (slowloris) and idle keep-alive connections are closed by the
/// header-read timeout; the server keeps answering others meanwhile.
#[test]
fn slow_and_idle_connections_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = open_app(dir.path(), |_| {});
    let port = spawn_server(
        app,
        ConnLimits {
            header_read_timeout: Duration::from_millis(300),
            max_connections: 64,
        },
    );
    let mut silent = connect(port);
    let mut partial = connect(port);
    partial
        .write_all(b"GET /incidents HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut idle = connect(port);
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    // Slowloris: a header line now and then, never the end of the head.
    let mut slow = connect(port);
    slow.write_all(b"GET /incidents HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut trickle = Vec::new();
    for _ in 0..5 {
        std::thread::sleep(Duration::from_millis(100));
        if slow.write_all(b"X-a: b\r\n").is_err() {
            break;
        }
        trickle.push(());
    }
    assert!(
        get_health(port).starts_with("HTTP/1.1 200"),
        "others served"
    );
    assert_eq!(read_to_close(&mut silent, "silent"), "");
    let p = read_to_close(&mut partial, "partial header");
    assert!(!p.contains("200 OK"), "{p}");
    let i = read_to_close(&mut idle, "keep-alive idle");
    assert!(
        i.starts_with("HTTP/1.1 200"),
        "the request was answered first: {i}"
    );
    let sl = read_to_close(&mut slow, "slowloris");
    assert!(!sl.contains("200 OK"), "{sl}");
}

/// F10 (slow body): a complete head and then a body a byte at a time is answered (400, the
/// JSON error naming the rate) and closed once the body is overdue at the minimum rate.
#[test]
fn slow_body_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = open_app(dir.path(), |c| {
        c.body_grace = Duration::from_millis(200);
        c.body_min_rate = 1_000_000;
    });
    let port = spawn_server(app, ConnLimits::default());
    let mut s = connect(port);
    s.write_all(b"POST /api/scenario HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
        .unwrap();
    let writer = {
        let mut w = s.try_clone().unwrap();
        std::thread::spawn(move || {
            for _ in 0..50 {
                std::thread::sleep(Duration::from_millis(100));
                if w.write_all(b" ").is_err() {
                    break;
                }
            }
        })
    };
    let answer = read_to_close(&mut s, "slow body");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("too slowly"), "{answer}");
    let _ = writer.join();
    // A normal body is unaffected.
    let mut ok = connect(port);
    let body = "steps: [{isolate: external}]";
    ok.write_all(
        format!(
            "POST /api/scenario HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    assert!(read_to_close(&mut ok, "normal body").starts_with("HTTP/1.1 200"));
}

/// F10: above the connection limit a new connection is answered 503 (JSON, Retry-After)
/// and closed at once; the held connections do not block the server forever.
#[test]
fn connection_limit_answers_503() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = open_app(dir.path(), |_| {});
    let port = spawn_server(
        app,
        ConnLimits {
            header_read_timeout: Duration::from_secs(600),
            max_connections: 2,
        },
    );
    let a = connect(port);
    let b = connect(port);
    std::thread::sleep(Duration::from_millis(200));
    let mut c = connect(port);
    let answer = read_to_close(&mut c, "over the limit");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    let body = answer.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["status"], 503);
    assert!(v["error"].as_str().unwrap().contains("--max-connections"));
    drop((a, b));
    // Freed slots serve again (retry until the server has seen the closes).
    let mut ok = false;
    for _ in 0..100 {
        if get_health(port).starts_with("HTTP/1.1 200") {
            ok = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ok, "slots released");
}

async fn send(app: &App, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = router(app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn assert_json_error(status: StatusCode, h: &axum::http::HeaderMap, b: &str, want: StatusCode) {
    assert_eq!(status, want, "{b}");
    assert_eq!(h[header::CONTENT_TYPE], "application/json", "{want}: {b}");
    let v: serde_json::Value =
        serde_json::from_str(b).unwrap_or_else(|e| panic!("not JSON ({e}): {b}"));
    assert_eq!(v["status"], want.as_u16(), "{b}");
    assert!(!v["error"].as_str().unwrap().is_empty(), "{b}");
}

/// Item 6: every client error of the API has the documented JSON shape — axum's extractor
/// rejections, 404, 405 and the body limit included — and a client error is never a 500.
#[tokio::test]
async fn every_api_client_error_is_json() {
    let dir = tempfile::tempdir().unwrap();
    let (app, token) = open_app(dir.path(), |_| {});
    let bearer = format!("Bearer {token}");
    let cases: Vec<(Request<Body>, StatusCode)> = vec![
        (
            Request::get("/api/scenario").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Request::get("/api/nope").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::get("/api/incidents?limit=abc")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/paths?k=-1").body(Body::empty()).unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::delete("/api/ingest").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Request::post("/api/ingest?name=a.bin")
                .header(header::AUTHORIZATION, &bearer)
                .body(Body::from(vec![0u8, 159, 146, 150, 0, 1, 2, 255]))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Request::post("/api/ingest?name=a.txt")
                .header(header::AUTHORIZATION, &bearer)
                .body(Body::from("   \n  "))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Request::post("/api/ingest?name=feed.xml")
                .header(header::AUTHORIZATION, &bearer)
                .header(header::CONTENT_TYPE, "application/rss+xml")
                .body(Body::from("<rss><channel><item><title>x"))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Request::post("/api/ingest?name=a.txt&name=b.txt")
                .header(header::AUTHORIZATION, &bearer)
                .body(Body::from("x"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::post("/api/scenario")
                .header(header::CONTENT_LENGTH, cordon_server::BODY_LIMIT + 1)
                .body(Body::from(vec![b' '; cordon_server::BODY_LIMIT + 1]))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (req, want) in cases {
        let what = format!("{} {}", req.method(), req.uri());
        let (s, h, b) = send(&app, req).await;
        assert!(s != StatusCode::INTERNAL_SERVER_ERROR, "{what}: 500: {b}");
        assert_json_error(s, &h, &b, want);
        if want == StatusCode::METHOD_NOT_ALLOWED {
            assert!(h.contains_key(header::ALLOW), "{what}");
        }
    }
    // Pages answer HTML error pages, JSON when asked for.
    let (s, h, b) = send(&app, Request::put("/services").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{b}"
    );
    let (s, h, b) = send(
        &app,
        Request::post("/login")
            .header(header::ACCEPT, "application/json")
            .body(Body::from("nonsense"))
            .unwrap(),
    )
    .await;
    assert!(s.is_client_error(), "{s}");
    assert_json_error(s, &h, &b, s);
}

/// Item 6: `Bearer` is case-insensitive (RFC 9110 §11.1).
#[tokio::test]
async fn bearer_scheme_is_case_insensitive() {
    let dir = tempfile::tempdir().unwrap();
    let (app, token) = open_app(dir.path(), |_| {});
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let (s, _, b) = send(
            &app,
            Request::post("/api/model/reload")
                .header(header::AUTHORIZATION, format!("{scheme} {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{scheme}: {b}");
    }
}

/// F7: an ingest whose request was abandoned (408, client gone) stores nothing.
#[test]
fn cancelled_ingest_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = open_app(dir.path(), |_| {});
    let before = app.incident_count();
    let cancel = cordon_server::state::Cancel::new();
    cancel.cancel();
    let r = app.ingest(
        "a.txt",
        b"Title: Late\n\nThe Late Clinic in Mons, Belgium, was hit by ransomware on 1 June 2024.",
        &cancel,
    );
    assert!(r.is_err());
    assert_eq!(r.unwrap_err().status(), StatusCode::REQUEST_TIMEOUT);
    assert_eq!(app.incident_count(), before);
    let all = app.read(|s| s.count()).unwrap();
    assert_eq!(all, before);
    // The guard cancels when dropped (what happens to the handler's future on a 408).
    let (c, guard) = cordon_server::state::CancelGuard::new(Duration::from_secs(60));
    assert!(!c.is_cancelled());
    drop(guard);
    assert!(c.is_cancelled());
}

/// F7 end to end: an ingest that outlives its request (answered 408) — here because another
/// process holds the store — does not store the incident once the store frees up.
#[tokio::test]
async fn ingest_answered_408_is_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (app, token) = open_app(dir.path(), |c| {
        c.request_timeout = Duration::from_millis(300);
        c.store_busy_timeout = Duration::from_secs(20);
    });
    let before = app.incident_count();
    let db = app.data_dir().join(cordon_intel::store::DB_FILE);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (s, h, b) = send(
        &app,
        Request::post("/api/ingest?name=late.txt")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(
                "Title: Late\n\nThe Late Clinic in Mons, Belgium, was hit by ransomware on 1 June 2024.",
            ))
            .unwrap(),
    )
    .await;
    assert_json_error(s, &h, &b, StatusCode::REQUEST_TIMEOUT);
    // The store frees up while the abandoned ingest still waits for it.
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    // Give the abandoned work every chance to (wrongly) commit: it is cancelled, so the
    // count must stay; poll a bounded number of times.
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(app.read(|s| s.count()).unwrap(), before, "stored after 408");
    }
}

/// F9: while another process holds the store's write lock, an API write waits up to the
/// busy timeout and then answers 503 with `Retry-After` and the JSON error — never 500; once
/// the lock is released the same write succeeds.
#[tokio::test]
async fn locked_store_is_503_then_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let (app, token) = open_app(dir.path(), |c| {
        c.store_busy_timeout = Duration::from_millis(200);
    });
    let db = app.data_dir().join(cordon_intel::store::DB_FILE);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let req = || {
        Request::post("/api/ingest?name=z.txt")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(
                "Title: Busy\n\nA hospital in Ghent, Belgium, was hit by ransomware on 2 June 2024.",
            ))
            .unwrap()
    };
    let (s, h, b) = send(&app, req()).await;
    assert_json_error(s, &h, &b, StatusCode::SERVICE_UNAVAILABLE);
    assert!(h.contains_key(header::RETRY_AFTER));
    other.execute_batch("ROLLBACK").unwrap();
    let (s, _, b) = send(&app, req()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

/// F3: a service over 20,000 components neither aborts the server at start nor on reload;
/// pages answer (the services analysis, if over its limits, is reported, not fatal).
#[tokio::test]
async fn big_service_model_does_not_abort() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.yaml");
    let mut text = String::from("name: big service\nzones:\n  - { id: lan }\ncomponents:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - {{ id: ws{i}, kind: workstation, zone: lan, tags: [pool] }}\n"
        ));
    }
    text.push_str("services:\n  - { id: desk, needs: \"any(tag:pool)\" }\n");
    std::fs::write(&model, &text).unwrap();
    let m = model.clone();
    let (app, token) = open_app(dir.path(), move |c| c.model = Some(m));
    for uri in ["/services", "/api/services", "/api/health"] {
        let (s, _, b) = send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert!(
            s == StatusCode::OK || s == StatusCode::SERVICE_UNAVAILABLE,
            "{uri}: {s} {}",
            &b[..b.len().min(300)]
        );
    }
    let (s, _, b) = send(
        &app,
        Request::post("/api/scenario")
            .body(Body::from("steps:\n  - shutdown: ws1\n"))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{}", &b[..b.len().min(300)]);
    let (s, _, _) = send(
        &app,
        Request::post("/api/model/reload")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
}
