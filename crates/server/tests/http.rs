//! The router end to end, without a network: `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

mod common;

use common::forms::{form_post, multipart};
use common::{fixture, send};

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

async fn post_scenario(body: &str, ct: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(
        Request::post("/api/scenario")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

fn state_of(step: &serde_json::Value, id: &str) -> String {
    step["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no service {id}"))["state"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The HTTP API answers a scenario document with exactly the JSON the library function the
/// CLI prints gives, and what it says agrees with the engine's own outcome.
#[tokio::test]
async fn api_scenario_is_the_cli_json() {
    let f = fixture();
    let yaml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hospital-group/scenarios/red-phase.yaml"
    ))
    .unwrap();
    let (s, h, b) = post_scenario(&yaml, "application/yaml").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(h[header::CONTENT_TYPE], "application/json");
    let model = &f.app.estate().model;
    // What `cordon scenario --format json` prints: the library's report, pretty, a newline.
    let scenario = cordon_containment::Scenario::parse_yaml_or_json(&yaml).unwrap();
    let report = cordon_containment::scenario_report(model, &scenario).unwrap();
    let lib_text = serde_json::to_string_pretty(&report).unwrap() + "\n";
    // Byte for byte (parsed floats would not round-trip exactly in serde_json's default
    // parser, so the text is compared).
    if b != lib_text {
        let at = b
            .bytes()
            .zip(lib_text.bytes())
            .take_while(|(x, y)| x == y)
            .count();
        let ctx =
            |t: &str| t[at.saturating_sub(80).min(t.len())..(at + 80).min(t.len())].to_string();
        panic!(
            "HTTP and library JSON differ at byte {at}:\n{}\n---\n{}",
            ctx(&b),
            ctx(&lib_text)
        );
    }
    // Independent check against the engine's outcome (not through the JSON code).
    let outcomes = cordon_containment::run_scenario(model, &scenario).unwrap();
    let v = json(&b);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), outcomes.len());
    for (js, o) in steps.iter().zip(&outcomes) {
        let cap = js["care"]["capacity"].as_f64().unwrap();
        assert!((cap - o.evaluation.care.care_capacity).abs() < 1e-9);
        assert_eq!(
            js["crown_jewels"].as_array().unwrap().len(),
            o.evaluation.crown_jewels.len()
        );
        assert_eq!(
            js["unavailable"].as_array().unwrap().len(),
            o.evaluation.unavailable.len()
        );
    }
    // The same document as JSON gives the same answer.
    let as_json = serde_json::json!({
        "name": scenario.name,
        "description": scenario.description,
        "steps": [
            { "compromise": "vpn-gw", "label": "day 0: intrusion detected", "because": "Attackers exploited the SSL-VPN gateway (CVE-2024-21762)." },
            { "isolate": "external", "label": "red phase: every external connection severed", "because": "The group severed every external network connection." },
            { "shutdown": "vpn-gw", "label": "the VPN gateway is taken offline for forensics" }
        ]
    });
    let (s, _, b2) = post_scenario(&as_json.to_string(), "application/json").await;
    assert_eq!(s, StatusCode::OK, "{b2}");
    let mut a = json(&b);
    let mut c = json(&b2);
    // Only the step locations differ (line numbers of a one-line JSON document).
    for v in [&mut a, &mut c] {
        for st in v["steps"].as_array_mut().unwrap() {
            if st["step"].is_object() {
                st["step"]["location"] = serde_json::Value::Null;
            }
        }
    }
    assert_eq!(a, c);
    let last = steps.last().unwrap();
    assert_eq!(state_of(last, "online-booking"), "degraded");
    assert_eq!(state_of(last, "emergency-department"), "up");
}

/// R1 (shared/cases/containment): the API uses the containment engine — isolation and
/// shutdown take effect on the attacker, and care is criticality-weighted.
#[tokio::test]
async fn r1_isolation_and_shutdown_stop_the_attacker() {
    let (s, _, b) = post_scenario(
        "steps:\n  - compromise: internet\n  - isolate: external\n",
        "application/yaml",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let v = json(&b);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert!(
        !steps[1]["reached"]["control"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let last = &steps[2];
    for level in ["control", "write", "read", "reach"] {
        assert!(
            last["reached"][level].as_array().unwrap().is_empty(),
            "{level}: {last}"
        );
    }
    assert!(last["crown_jewels"].as_array().unwrap().is_empty());
    let cap = last["care"]["capacity"].as_f64().unwrap();
    // Criticality-weighted (the plain mean of the old server code was 0.831).
    assert!((cap - 0.831).abs() > 0.01, "{cap}");
    // A board step sequence with `A -> B`, `restore` and a zone is accepted.
    let (s, _, b) = post_scenario(
        r#"{"steps":[{"compromise":"vpn-gw"},{"isolate":"vpn-gw -> zone:clinical"},{"isolate":"zone:dmz"},{"restore":"zone:dmz"}]}"#,
        "application/json",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(json(&b)["steps"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn api_scenario_errors_are_located_json() {
    for (body, want) in [
        (
            "steps:\n  - shutdown: nothing-here\n",
            StatusCode::BAD_REQUEST,
        ),
        ("steps:\n  - frobnicate: x\n", StatusCode::BAD_REQUEST),
        ("not: [a scenario", StatusCode::BAD_REQUEST),
        (r#"{"name":"red-phase"}"#, StatusCode::BAD_REQUEST),
        (
            r#"{"steps_text":"isolate external"}"#,
            StatusCode::BAD_REQUEST,
        ),
        ("", StatusCode::BAD_REQUEST),
    ] {
        let (s, h, b) = post_scenario(body, "application/yaml").await;
        assert_eq!(s, want, "{body}: {b}");
        assert_eq!(h[header::CONTENT_TYPE], "application/json", "{body}");
        let v = json(&b);
        assert_eq!(v["status"], want.as_u16());
        assert!(!v["error"].as_str().unwrap().is_empty());
    }
    let (_, _, b) = post_scenario("steps:\n  - shutdown: nothing-here\n", "application/yaml").await;
    assert!(b.contains("<body>:2:"), "located: {b}");
    let (s, _, b) = send(
        Request::post("/api/scenario?name=red-phase")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(json(&b)["steps"].as_array().unwrap().len(), 4);
    let (s, _, _) = send(
        Request::post("/api/scenario?name=no-such")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn board_uses_the_engine_and_keeps_typed_steps() {
    let (s, _, b) = get("/services?scenario=red-phase").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.contains(r#"data-service="online-booking" data-state="degraded""#));
    assert!(b.contains(r#"id="timeline""#));
    // Services sorted by impact: no `up` card before a degraded or down one.
    let states: Vec<&str> = b
        .split("data-state=\"")
        .skip(1)
        .map(|x| x.split('"').next().unwrap())
        .collect();
    let first_up = states
        .iter()
        .position(|s| *s == "up")
        .unwrap_or(states.len());
    assert!(states[first_up..].iter().all(|s| *s == "up"), "{states:?}");
    // Typed steps in the scenario-file syntax, `A -> B` included.
    let (s, _, b) = get("/services?steps=compromise%3A%20vpn-gw%0Aisolate%3A%20%22vpn-gw%20-%3E%20ad-dc1%22%0Aisolate%20zone%3Admz%0Arestore%3A%20vpn-gw").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b.contains("restore: vpn-gw"));
    // An error keeps what was typed and says where.
    let (s, _, b) =
        get("/services?steps=compromise%3A%20vpn-gw%0Ashutdown%3A%20nothing-here").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("id=\"scenario-error\""));
    assert!(
        b.contains("shutdown: nothing-here</textarea>"),
        "typed text kept"
    );
    assert!(b.contains("&lt;steps&gt;:2:"), "located in the typed text");
    // Side by side.
    let (s, _, b) = get("/services?scenario=red-phase&compare=servers-shut-down").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b.matches("<section class=\"outcome\"").count(), 2);
}

#[tokio::test]
async fn recovery_and_airgap_pages() {
    let (s, _, b) = get("/recover?scenario=red-phase").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b.contains("id=\"recovery\""));
    let (s, _, b) = get("/airgap?core=zone:clinical").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b.contains("id=\"runbook\""));
    assert!(b.contains("Verify the air gap"));
    let (s, _, b) = get("/airgap?core=zone:nope").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    let (_, _, css) = get("/static/app.css").await;
    assert!(css.contains("@media print"), "print stylesheet");
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

/// A bodiless request carrying a session cookie.
fn with_cookie(r: axum::http::request::Builder, cookie: &str) -> Request<Body> {
    r.header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn forms_are_csrf_safe() {
    let f = fixture();
    let (ct, body) = multipart(&[
        ("text", "Some hospital was attacked on 1 May 2023."),
        ("name", "a.txt"),
    ]);
    let (s, _, _) = send(form_post("/ingest", &ct, None, body.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "no token, no cookie");
    // The token itself as a cookie is not a session.
    let cookie = format!("cordon_session={}", f.token);
    let (s, _, _) = send(form_post("/ingest", &ct, Some(&cookie), body)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "token as cookie");
    // Sign in sets an HttpOnly SameSite=Strict cookie holding a session id, not the token.
    let form = "application/x-www-form-urlencoded";
    let (s, h, _) = send(form_post(
        "/login",
        form,
        None,
        format!("token={}", f.token),
    ))
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let sc = h[header::SET_COOKIE].to_str().unwrap();
    assert!(
        sc.contains("HttpOnly") && sc.contains("SameSite=Strict"),
        "{sc}"
    );
    assert!(!sc.contains(&f.token), "the cookie is not the token: {sc}");
    assert!(!sc.contains("Secure"), "plain HTTP: {sc}");
    let sid = sc
        .strip_prefix("cordon_session=")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let cookie = format!("cordon_session={sid}");
    // A cookie alone (what a cross-site form would carry, were SameSite not Strict) is not enough.
    let (ct0, body0) = multipart(&[
        ("text", "Some hospital was attacked on 1 May 2023."),
        ("name", "a.txt"),
    ]);
    let (s, _, _) = send(form_post("/ingest", &ct0, Some(&cookie), body0)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "cookie without CSRF field");
    // Behind a TLS proxy the cookie is Secure.
    let (_, h, _) = send(
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-proto", "https")
            .body(Body::from(format!("token={}", f.token)))
            .unwrap(),
    )
    .await;
    assert!(h[header::SET_COOKIE].to_str().unwrap().contains("; Secure"));
    // The ingest page of a signed-in browser carries the CSRF field; with it the form works.
    let (_, _, page) = send(with_cookie(Request::get("/ingest"), &cookie)).await;
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
    let (s, _, b) = send(form_post("/ingest", &ct, Some(&cookie), body)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b.contains("Added"));
    let (s, _, _) = send(form_post("/login", form, None, "token=nope".into())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Signing out ends the session on the server.
    let (s, _, _) = send(with_cookie(Request::post("/logout"), &cookie)).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, _, page) = send(with_cookie(Request::get("/ingest"), &cookie)).await;
    assert!(!page.contains("name=\"csrf\""), "signed out");
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
    let (s, _, b) = send(form_post("/ingest", &ct, None, body)).await;
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
    check("board error page", &b);
    let (_, _, b) = get("/services?steps=shutdown%3A%20%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
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
        "/services?scenario=servers-shut-down",
        "/services?scenario=red-phase&compare=green",
        "/recover",
        "/airgap",
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
    assert!(
        b.contains("<ul id=\"hardening\"><li>patch CVE-2024-21762 on vpn-gw"),
        "hardening options beside the cuts"
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
