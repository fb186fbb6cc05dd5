//! An updated article given to `cordon intel ingest` (same canonical URL or feed guid,
//! changed text) is re-read and stored as a further source of its incident — the path
//! `watch` takes for a changed feed item — and reported in `updated`, not as a duplicate.
//! Identical content stays a duplicate (trial 5, finding 4).

use cordon_intel::ingest::parse;
use cordon_intel::store::Store;

fn page(url: &str, extra: &str) -> String {
    format!(
        "<html><head><title>Ghent hospital AZ Portus hit by ransomware</title>\
         <link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"article:published_time\" content=\"2026-11-25\"></head><body><article>\
         <h1>Ghent hospital AZ Portus hit by ransomware</h1>\
         <p>AZ Portus, a hospital in Ghent, Belgium, was hit by a ransomware attack on Tuesday.</p>\
         <p>Ambulances were diverted to other hospitals.</p><p>{extra}</p></article></body></html>"
    )
}

fn ingest(s: &mut Store, name: &str, html: &str) -> cordon_intel::store::IngestReport {
    let docs = parse(name, html).expect("parses");
    s.ingest_documents(&docs).expect("ingests")
}

#[test]
fn a_changed_page_under_the_same_url_is_an_update() {
    let mut s = Store::in_memory().unwrap();
    let url = "https://news.example/az-portus";
    let r1 = ingest(
        &mut s,
        "a.html",
        &page(
            url,
            "There is no evidence that patient data was exfiltrated.",
        ),
    );
    assert_eq!(r1.added.len(), 1, "{r1:?}");
    let first = r1.added[0].clone();
    // The same URL written another way (tracking parameter, www., http) is the same page.
    let r2 = ingest(
        &mut s,
        "b.html",
        &page(
            "http://www.news.example/az-portus/?utm_source=x",
            "Update: the hospital confirmed that data of 2,000 patients was exfiltrated.",
        ),
    );
    assert!(r2.duplicates.is_empty(), "{r2:?}");
    assert!(r2.added.is_empty() && r2.attached.is_empty(), "{r2:?}");
    assert_eq!(r2.updated.len(), 1, "{r2:?}");
    assert_eq!(r2.updated[0].incident, first);
    assert_ne!(r2.updated[0].id, first);
    assert_eq!(s.count().unwrap(), 1);
    assert_eq!(s.report_count().unwrap(), 2);
    let inc = s.incident(&first).unwrap();
    assert_eq!(inc.sources.len(), 2);
    // The newer version's own record holds the new fact.
    let newer = s.get(&r2.updated[0].id).unwrap();
    let json = serde_json::to_string(&newer).unwrap();
    assert!(json.contains("2,000 patients"), "{json}");

    // The same update again is a duplicate, and so is the first version.
    let r3 = ingest(
        &mut s,
        "c.html",
        &page(
            url,
            "Update: the hospital confirmed that data of 2,000 patients was exfiltrated.",
        ),
    );
    assert_eq!(r3.duplicates.len(), 1, "{r3:?}");
    assert!(r3.updated.is_empty(), "{r3:?}");
    let r4 = ingest(
        &mut s,
        "d.html",
        &page(
            url,
            "There is no evidence that patient data was exfiltrated.",
        ),
    );
    assert_eq!(r4.duplicates.len(), 1, "{r4:?}");
    assert_eq!(s.report_count().unwrap(), 2);
}

#[test]
fn identical_content_is_a_duplicate_and_other_urls_are_not_updates() {
    let mut s = Store::in_memory().unwrap();
    let r1 = ingest(
        &mut s,
        "a.html",
        &page("https://news.example/one", "No data was taken."),
    );
    assert_eq!(r1.added.len(), 1);
    let r2 = ingest(
        &mut s,
        "a2.html",
        &page("https://news.example/one", "No data was taken."),
    );
    assert_eq!(r2.duplicates.len(), 1, "{r2:?}");
    assert!(r2.updated.is_empty());
    // Another URL with other text is not a version of the first page.
    let r3 = ingest(
        &mut s,
        "b.html",
        &page("https://news.example/two", "The hospital reopened."),
    );
    assert!(r3.updated.is_empty(), "{r3:?}");
    assert_eq!(r3.added.len() + r3.attached.len(), 1, "{r3:?}");
}

fn feed(desc: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\
         <item><guid>item-42</guid><title>AZ Portus hit by ransomware</title>\
         <link>https://news.example/portus</link><pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate>\
         <description>{desc}</description></item></channel></rss>"
    )
}

#[test]
fn a_changed_feed_item_in_a_feed_file_is_an_update() {
    let mut s = Store::in_memory().unwrap();
    let r1 = ingest(
        &mut s,
        "f.rss",
        &feed("AZ Portus, a hospital in Ghent, Belgium, was hit by ransomware on Tuesday."),
    );
    assert_eq!(r1.added.len(), 1, "{r1:?}");
    let r2 = ingest(
        &mut s,
        "f.rss",
        &feed(
            "AZ Portus, a hospital in Ghent, Belgium, was hit by ransomware on Tuesday. Rhysida claimed the attack.",
        ),
    );
    assert_eq!(r2.updated.len(), 1, "{r2:?}");
    assert_eq!(r2.updated[0].incident, r1.added[0]);
    let r3 = ingest(
        &mut s,
        "f.rss",
        &feed(
            "AZ Portus, a hospital in Ghent, Belgium, was hit by ransomware on Tuesday. Rhysida claimed the attack.",
        ),
    );
    assert_eq!(r3.duplicates.len(), 1, "{r3:?}");
}

#[test]
fn an_ambiguous_prefix_lists_the_matches() {
    let mut s = Store::in_memory().unwrap();
    ingest(
        &mut s,
        "a.html",
        &page("https://news.example/one", "No data was taken."),
    );
    ingest(
        &mut s,
        "b.html",
        &page("https://news.example/two", "The hospital reopened."),
    );
    for prefix in ["INC", "inc", "INC-"] {
        let e = s.get(prefix).unwrap_err().to_string();
        assert!(
            e.contains("ambiguous")
                && e.contains("matches INC-")
                && e.contains("give more characters"),
            "{prefix}: {e}"
        );
    }
}

#[test]
fn a_watched_feed_can_be_removed() {
    let mut s = Store::in_memory().unwrap();
    let a = "https://news.example/a.rss".to_string();
    let b = "https://news.example/typo.rss".to_string();
    s.add_feeds(&[a.clone(), b.clone()]).unwrap();
    assert_eq!(s.feeds().unwrap().len(), 2);
    let unknown = s
        .remove_feeds(&[b.clone(), "https://not.watched/x".to_string()])
        .unwrap();
    assert_eq!(unknown, vec!["https://not.watched/x".to_string()]);
    let left: Vec<String> = s.feeds().unwrap().into_iter().map(|f| f.url).collect();
    assert_eq!(left, vec![a]);
}
