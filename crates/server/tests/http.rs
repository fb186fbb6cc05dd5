//! The router end to end, without a network: `tower::ServiceExt::oneshot`.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cordon_server::{App, Config, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Fixture {
    app: App,
    token: String,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
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

async fn send(req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = router(fixture().app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn ingest_req(body: &str, name: &str, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post(format!("/api/ingest?name={name}"));
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn first_start_loads_examples() {
    let (s, _, b) = get("/api/health").await;
    assert_eq!(s, StatusCode::OK);
    let v = json(&b);
    assert!(v["incidents"].as_u64().unwrap() >= 20, "{b}");
    assert_eq!(v["model"], "Maasland Hospital Group");
    let f = fixture();
    assert!(f.app.data_dir().join("model/estate.yaml").exists());
    assert!(
        !std::fs::read_to_string(f.app.data_dir().join("server-token"))
            .unwrap()
            .contains(&f.token)
    );
}

#[tokio::test]
async fn api_reads() {
    let (s, _, b) = get("/api/exposure").await;
    assert_eq!(s, StatusCode::OK);
    let v = json(&b);
    assert!(v["crown_jewels"].as_array().unwrap().len() >= 5);
    assert!(v["findings"].is_array());

    let (s, _, b) = get("/api/paths?from=vpn-gw&to=ehr-db&k=2").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let v = json(&b);
    assert_eq!(v[0]["target"], "ehr-db");
    assert!(!v[0]["paths"].as_array().unwrap().is_empty());

    let (s, _, b) = get("/api/blast?ids=vpn-gw,mail-gw").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(json(&b)["breached"].as_array().unwrap().len(), 2);
    let (s, _, b) = get("/api/blast?ids=nope").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(json(&b)["error"].as_str().unwrap().contains("nope"));

    let (s, _, b) = get("/api/services").await;
    assert_eq!(s, StatusCode::OK);
    assert!(json(&b)["services"].as_array().unwrap().len() >= 10);

    let (s, _, b) = get("/api/model").await;
    assert_eq!(s, StatusCode::OK);
    assert!(json(&b)["components"].as_array().unwrap().len() >= 60);

    let (s, _, b) = get("/api/scenarios").await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<String> = json(&b)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"red-phase".to_string()), "{names:?}");
}

#[tokio::test]
async fn scenarios_change_the_board() {
    let run = |body: &'static str| async move {
        send(
            Request::post("/api/scenario")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    };
    let (s, _, b) = run(r#"{"name":"green"}"#).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let green = json(&b);
    assert_eq!(green["totals"]["degraded"], 0);
    assert_eq!(green["totals"]["down"], 0);
    let (s, _, b) = run(r#"{"name":"red-phase"}"#).await;
    assert_eq!(s, StatusCode::OK);
    let red = json(&b);
    let state = |v: &serde_json::Value, id: &str| {
        v["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["state"]
            .clone()
    };
    assert_eq!(state(&red, "online-booking"), "degraded");
    assert_eq!(state(&red, "gp-portal-service"), "degraded");
    assert_eq!(state(&red, "emergency-department"), "up");
    let (s, _, b) = run(r#"{"steps":[{"action":"shutdown","target":"ehr-db"},{"action":"compromise","target":"vpn-gw"}]}"#).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let v = json(&b);
    assert_eq!(state(&v, "emergency-department"), "degraded");
    assert!(v["attacker"]["counts"]["total"].as_u64().unwrap() > 0);
    let (s, _, _) = run(r#"{"steps_text":"isolate external\nshutdown nothing-here"}"#).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _, _) = run(r#"{"name":"no-such"}"#).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = run("not json").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The board page shows it.
    let (s, _, b) = get("/services?scenario=red-phase").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        b.contains(r#"data-service="online-booking" data-state="degraded""#),
        "{b}"
    );
}

#[tokio::test]
async fn incidents_search_filter_show_report() {
    let (s, _, b) = get("/api/incidents?q=ransomware&limit=5").await;
    assert_eq!(s, StatusCode::OK);
    let hits = json(&b);
    assert!(!hits.as_array().unwrap().is_empty());
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let (s, _, b) = get("/api/incidents?technique=T1486").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!json(&b).as_array().unwrap().is_empty());
    for bad in [
        "/api/incidents?since=2020-01-01%27%20OR%201=1",
        "/api/incidents?technique=DROP",
        "/api/incidents?until=x",
    ] {
        assert_eq!(get(bad).await.0, StatusCode::BAD_REQUEST, "{bad}");
    }
    let (s, _, b) = get(&format!("/api/incidents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(json(&b)["id"], id.as_str());
    for (f, ct) in [
        ("md", "text/markdown"),
        ("html", "text/html"),
        ("json", "application/json"),
        ("stix", "application/json"),
        ("veris", "application/json"),
    ] {
        let (s, h, b) = get(&format!("/api/incidents/{id}/report?format={f}")).await;
        assert_eq!(s, StatusCode::OK, "{f}");
        assert!(
            h[header::CONTENT_TYPE].to_str().unwrap().starts_with(ct),
            "{f}"
        );
        assert!(!b.is_empty());
    }
    assert_eq!(
        get(&format!("/api/incidents/{id}/report?format=pdf"))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    let (s, _, b) = get(&format!("/incidents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.contains("evidence") && b.contains("CIA posture"));
    let (s, _, b) = get("/incidents?q=hospital&sector=&country=").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.contains(&format!("/incidents/{id}")) || b.contains("/incidents/INC-"));
    assert_eq!(
        get("/api/incidents/INC-000000000000").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn ids_and_paths_are_validated() {
    for uri in [
        "/api/incidents/..%2F..%2Fetc%2Fpasswd",
        "/api/incidents/INC-zzzz",
        "/api/incidents/%27%20OR%201=1",
        "/incidents/..%2Fserver-token",
        "/api/incidents/1234567890abcdef0",
    ] {
        let (s, _, _) = get(uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
    }
    for uri in [
        "/static/..%2F..%2FCargo.toml",
        "/static/../../Cargo.toml",
        "/static/.hidden",
        "/static/%2e%2e%2fsrc%2flib.rs",
        "/../../etc/passwd",
        "/server-token",
        "/static/",
    ] {
        let (s, _, b) = get(uri).await;
        assert!(
            s == StatusCode::NOT_FOUND || s == StatusCode::BAD_REQUEST,
            "{uri}: {s}"
        );
        assert!(!b.contains("[package]") && !b.contains("v1 "), "{uri}");
    }
    let (s, h, b) = get("/static/app.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(b.contains("--up"));
}

#[tokio::test]
async fn writes_need_the_token() {
    let f = fixture();
    let article =
        "Hospital Tokenville was hit by ransomware on 3 March 2024. Surgeries were cancelled.";
    let (s, h, _) = send(ingest_req(article, "t.txt", None)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(h.contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(
        send(ingest_req(article, "t.txt", Some("wrong"))).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, _, b) = send(ingest_req(article, "t.txt", Some(&f.token))).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(json(&b)["added"].as_array().unwrap().len(), 1);
    let (s, _, b) = send(ingest_req(article, "t.txt", Some(&f.token))).await;
    assert_eq!(s, StatusCode::OK, "duplicate: {b}");

    let reload = |t: Option<&str>| {
        let mut r = Request::post("/api/model/reload");
        if let Some(t) = t {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::empty()).unwrap()
    };
    assert_eq!(send(reload(None)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(reload(Some(&f.token))).await.0, StatusCode::OK);

    // The token file written for automation holds the token.
    assert_eq!(
        std::fs::read_to_string(f._dir.path().join("token"))
            .unwrap()
            .trim(),
        f.token
    );
}

fn multipart(fields: &[(&str, &str)]) -> (String, String) {
    let boundary = "XcordonBoundary7";
    let mut body = String::new();
    for (k, v) in fields {
        if *k == "file" {
            body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evil.txt\"\r\nContent-Type: text/plain\r\n\r\n{v}\r\n"));
        } else {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            ));
        }
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn forms_are_csrf_safe() {
    let f = fixture();
    let (ct, body) = multipart(&[
        ("text", "Some hospital was attacked on 1 May 2023."),
        ("name", "a.txt"),
    ]);
    let (s, _, _) = send(
        Request::post("/ingest")
            .header(header::CONTENT_TYPE, &ct)
            .body(Body::from(body.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "no token, no cookie");
    // A cookie alone (what a cross-site form would carry, were SameSite not Strict) is not enough.
    let cookie = format!("cordon_token={}", f.token);
    let (s, _, _) = send(
        Request::post("/ingest")
            .header(header::CONTENT_TYPE, &ct)
            .header(header::COOKIE, &cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "cookie without CSRF field");
    // Sign in sets an HttpOnly SameSite=Strict cookie.
    let (s, h, _) = send(
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={}", f.token)))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let sc = h[header::SET_COOKIE].to_str().unwrap();
    assert!(
        sc.contains("HttpOnly") && sc.contains("SameSite=Strict"),
        "{sc}"
    );
    // The ingest page of a signed-in browser carries the CSRF field; with it the form works.
    let (_, _, page) = send(
        Request::get("/ingest")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (ct, body) = multipart(&[
        ("csrf", &csrf),
        (
            "text",
            "Hospital Csrfton was attacked by ransomware on 1 May 2023.",
        ),
        ("name", "b.txt"),
    ]);
    let (s, _, b) = send(
        Request::post("/ingest")
            .header(header::CONTENT_TYPE, &ct)
            .header(header::COOKIE, &cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b.contains("Added"));
    let (s, _, _) = send(
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("token=nope"))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn ingested_text_is_escaped_everywhere() {
    let f = fixture();
    let p1 = "<script>alert(1)</script>";
    let p2 = "\"><img src=x onerror=alert(1)>";
    let article = format!(
        "<html><head><title>Hospital {p1} hacked {p2}</title></head><body><article><h1>Hospital {p1} hacked {p2}</h1>\
         <p>St. Evil Hospital {p1} in Brussels, Belgium was hit by a ransomware attack on 2 February 2024 {p2}. \
         The attackers {p2} exfiltrated patient data and encrypted servers {p1}. Surgeries were cancelled and ambulances diverted.</p>\
         <p>Escaped in the page source, literal in the text: &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;.</p>\
         <p>The LockBit {p1} group claimed the attack; phishing emails {p2} gave initial access.</p></article></body></html>"
    );
    let (s, _, b) = send(ingest_req(&article, "evil.html", Some(&f.token))).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let id = json(&b)["added"][0].as_str().unwrap().to_string();
    // Upload form path too.
    let (ct, body) = multipart(&[
        ("token", &f.token),
        (
            "file",
            &format!("Clinic {p1} {p2} was attacked by ransomware on 5 June 2023 {p1}."),
        ),
    ]);
    let (s, _, b) = send(
        Request::post("/ingest")
            .header(header::CONTENT_TYPE, &ct)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let id2 = b
        .split("/incidents/INC-")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let check = |what: &str, html: &str| {
        assert!(!html.contains("<script>alert"), "{what}: raw script tag");
        assert!(!html.contains("<img src=x"), "{what}: raw img tag");
        assert!(!html.contains("\"><img"), "{what}: attribute break-out");
    };
    for uri in [
        format!("/incidents/{id}"),
        format!("/incidents/{id}/report"),
        format!("/incidents/INC-{id2}"),
        "/incidents?q=hospital".into(),
        "/incidents".into(),
        format!("/incidents?q={}", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        format!(
            "/incidents?sector={}",
            "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
        ),
    ] {
        let (s, h, b) = get(&uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(
            h[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        check(&uri, &b);
    }
    for page in [format!("/incidents/{id}"), format!("/incidents/INC-{id2}")] {
        let (_, _, b) = get(&page).await;
        assert!(
            b.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}: payload shown, escaped"
        );
    }
    // Error pages escape what the request said.
    let (s, _, b) = get("/services?scenario=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    check("error page", &b);
    let (_, _, b) = get("/services?steps=shutdown%20%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    check("steps error", &b);
    // JSON is JSON (served as application/json, never text/html).
    let (_, h, _) = get(&format!("/api/incidents/{id}")).await;
    assert_eq!(h[header::CONTENT_TYPE], "application/json");
}

#[tokio::test]
async fn security_headers_and_limits() {
    let (_, h, _) = get("/incidents").await;
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
    let f = fixture();
    let big = "a".repeat(cordon_server::BODY_LIMIT + 10);
    let req = Request::post("/api/ingest?name=big.txt")
        .header(header::AUTHORIZATION, format!("Bearer {}", f.token))
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    assert_eq!(send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    // Without a Content-Length (chunked), the limit still holds.
    let stream = futures_stream(big);
    let req = Request::post("/api/ingest?name=big.txt")
        .header(header::AUTHORIZATION, format!("Bearer {}", f.token))
        .body(stream)
        .unwrap();
    assert_eq!(send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, _, _) = get("/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

fn futures_stream(s: String) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = s
        .into_bytes()
        .chunks(64 * 1024)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

#[tokio::test]
async fn pages_render() {
    for uri in [
        "/",
        "/incidents",
        "/estate",
        "/exposure",
        "/services",
        "/services?scenario=orange-phase",
        "/ingest",
        "/login",
    ] {
        let (s, _, b) = get(uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(b.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(
            !b.contains("style=\""),
            "{uri}: inline style would break the CSP"
        );
    }
}

#[tokio::test]
async fn exposure_page_lists_verified_choke_points() {
    let (s, _, b) = get("/exposure").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.contains("Links to sever"), "{b}");
    assert!(
        b.contains("— verified"),
        "every proposed cut is re-checked by the path engine"
    );
}

#[tokio::test]
async fn openapi_documents_every_route() {
    let (s, _, b) = get("/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    let doc = json(&b);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let mut served = Vec::new();
    for (methods, path, _) in cordon_server::api::table()
        .into_iter()
        .chain(cordon_server::pages::table())
    {
        for method in methods.split_whitespace() {
            served.push((method, path));
            let ops = paths
                .get(path)
                .unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
            assert!(
                ops.get(method).is_some(),
                "{method} {path} is not documented"
            );
        }
    }
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            assert!(
                served.contains(&(method.as_str(), path.as_str())),
                "documented but not served: {method} {path}"
            );
        }
    }
}
