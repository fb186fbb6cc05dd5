//! Trial 3 F3.11 and F3.8: the API and the pages show an incident with several sources
//! exactly as the CLI does (`Store::incident`, the same report renderers), and the
//! country filter resolves UK = GB and refuses an unknown country.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cordon_intel::Store;

mod common;

use common::fixture;

/// [`common::send`] without the headers.
async fn send(req: Request<Body>) -> (StatusCode, String) {
    let (status, _, body) = common::send(req).await;
    (status, body)
}

async fn get(uri: &str) -> (StatusCode, String) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn ingest(name: &str, body: &str) -> serde_json::Value {
    let r = Request::post(format!("/api/ingest?name={name}"))
        .header(header::AUTHORIZATION, format!("Bearer {}", fixture().token))
        .body(Body::from(body.to_string()))
        .unwrap();
    let (s, b) = send(r).await;
    assert!(s.is_success(), "{s}: {b}");
    serde_json::from_str(&b).unwrap()
}

fn trial(name: &str) -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../intel/tests/fixtures/trial3/merge2/"
    )
    .to_string()
        + name;
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[tokio::test]
async fn an_incident_with_several_sources_is_the_cli_s() {
    let first = ingest("nl.txt", &trial("nl.txt")).await;
    let id = first["added"][0].as_str().expect("nl is new").to_string();
    // A further source whose title carries markup: shown escaped.
    let en = trial("en.txt").replacen(
        "Title: Belgian hospital",
        "Title: <script>alert(1)</script> Belgian hospital",
        1,
    );
    for (name, text) in [("en.txt", en), ("en2.txt", trial("en2.txt"))] {
        let r = ingest(name, &text).await;
        assert_eq!(r["attached"][0]["incident"], id.as_str(), "{r}");
    }
    // What `cordon intel show ID --format json` prints: the store's incident.
    let store = Store::open_read_only(fixture().app.data_dir()).unwrap();
    let inc = store.incident(&id).unwrap();
    let cli: serde_json::Value = serde_json::to_value(&inc).unwrap();
    assert_eq!(inc.sources.len(), 3);
    assert!(
        inc.conflicts.iter().any(|c| c.field == "threat_actor"),
        "{:?}",
        inc.conflicts
    );

    let (s, b) = get(&format!("/api/incidents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&b).unwrap(), cli);
    let (s, b) = get(&format!("/api/incidents/{id}/report?format=json")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&b).unwrap(), cli);
    let (_, md) = get(&format!("/api/incidents/{id}/report?format=md")).await;
    assert_eq!(md, cordon_intel::report::markdown_incident(&inc));
    let (_, html) = get(&format!("/incidents/{id}/report")).await;
    assert_eq!(html, cordon_intel::report::html_incident(&inc));
    assert!(html.contains("Sources compared"));

    // Asked by a further source's id: the same incident.
    let further = &inc.sources[2].id;
    let (_, b) = get(&format!("/api/incidents/{further}")).await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&b).unwrap(), cli);

    let (s, page) = get(&format!("/incidents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Sources (3)"), "{page}");
    for src in &inc.sources {
        assert!(page.contains(&src.id), "{}", src.id);
    }
    assert!(page.contains("! threat_actor differs"), "{page}");
    assert!(page.contains("Akira") && page.contains("LockBit"));
    assert!(!page.contains("<script>alert"), "escaped");
    assert!(page.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn country_filter_is_the_cli_s() {
    let (s, b) = get("/api/incidents?country=Narnia").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("unknown country"), "{b}");
    let (s, b) = get("/api/incidents?country=Belgum").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("did you mean Belgium (BE)"), "{b}");
    let (s1, gb) = get("/api/incidents?country=GB").await;
    let (s2, uk) = get("/api/incidents?country=UK").await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(gb, uk);
    let (s, _) = get("/incidents?country=Narnia").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

/// Trial 5 finding 17: the API takes the country names `cordon intel search --country`
/// takes (data/countries.tsv), and suggests the closest of them.
#[tokio::test]
async fn country_filter_takes_names_in_four_languages() {
    let (s, nl) = get("/api/incidents?country=NL").await;
    assert_eq!(s, StatusCode::OK, "{nl}");
    for name in ["Nederland", "Pays-Bas", "Niederlande", "nederland"] {
        let (s, b) = get(&format!("/api/incidents?country={name}")).await;
        assert_eq!(s, StatusCode::OK, "{name}: {b}");
        assert_eq!(b, nl, "{name}");
    }
    let (s, b) = get("/api/incidents?country=Nederlnd").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("did you mean Nederland (NL)"), "{b}");
}
