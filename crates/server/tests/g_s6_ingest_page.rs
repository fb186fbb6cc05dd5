//! Session 6, G finding 3: the ingest page says what an ingest stored — a new incident,
//! a further source of a stored one, or a newer version of a stored article (`updated`,
//! what `cordon intel ingest` prints) — with every value escaped.

use axum::http::StatusCode;

mod common;

use common::forms::{form_post, multipart};
use common::{fixture, send};

async fn paste(name: &str, text: &str) -> (StatusCode, String) {
    let f = fixture();
    let (ct, body) = multipart(&[("token", &f.token), ("text", text), ("name", name)]);
    let (s, _, b) = send(form_post("/ingest", &ct, None, body)).await;
    (s, b)
}

fn page(extra: &str) -> String {
    format!(
        "<html><head><title>Kliniek Updateveld getroffen door ransomware</title>\
         <link rel=\"canonical\" href=\"https://news.example/g-s6/updateveld\"></head><body><article>\
         <h1>Kliniek Updateveld getroffen door ransomware</h1>\
         <p>Kliniek Updateveld in Gent werd op 3 maart 2025 getroffen door een ransomwareaanval.</p>\
         <p>{extra}</p></article></body></html>"
    )
}

#[tokio::test]
async fn an_updated_article_is_shown_as_updated() {
    let (s, first) = paste("updateveld.html", &page("De spoeddienst bleef open.")).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    let notice = |b: &str| {
        b.split("id=\"ingest-result\"")
            .nth(1)
            .and_then(|t| t.split("</div>").next())
            .unwrap_or_else(|| panic!("no ingest result: {b}"))
            .to_string()
    };
    let n1 = notice(&first);
    assert!(n1.contains("Added "), "{n1}");
    let id = n1
        .split("/incidents/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // The same canonical URL with changed text: a newer version, a further source of `id`.
    let (s, second) = paste(
        "updateveld-2.html",
        &page("Update: de <script>alert(1)</script> operaties werden uitgesteld."),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{second}");
    let n2 = notice(&second);
    assert!(n2.contains("Updated: "), "{n2}");
    assert!(n2.contains("newer version"), "{n2}");
    assert!(
        n2.contains(&format!("href=\"/incidents/{id}\"")),
        "links the incident it updates: {n2}"
    );
    assert!(!n2.contains("Nothing new"), "{n2}");
    assert!(!second.contains("<script>alert(1)"), "escaped");
}
