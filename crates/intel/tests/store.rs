//! Store: idempotent and transactional ingest, search filters, ids, schema version.

mod common;

use std::fs;

use cordon_intel::ingest::{Input, expand_inputs};
use cordon_intel::store::{SCHEMA_VERSION, SearchQuery, Store};

const ARTICLE: &str = "Title: Ransomware hits Ghent hospital\nPublished: 2024-03-08\n\nGHENT — A Belgian hospital, AZ Example, was hit by ransomware on Tuesday. Surgeries were postponed and ambulances were diverted.\n";

#[test]
fn ingest_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let art = dir.path().join("a.txt");
    fs::write(&art, ARTICLE).unwrap();
    // The same article again, with different spacing and file name.
    let art2 = dir.path().join("b.txt");
    fs::write(&art2, ARTICLE.replace(". ", ".  ")).unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let inputs = expand_inputs(&[&art]).unwrap();
    let r1 = store.ingest(&inputs, false).unwrap();
    assert_eq!(r1.added.len(), 1);
    let r2 = store.ingest(&inputs, false).unwrap();
    assert_eq!(r2.added.len(), 0);
    assert_eq!(r2.duplicates.len(), 1);
    let r3 = store
        .ingest(&expand_inputs(&[&art2]).unwrap(), false)
        .unwrap();
    assert_eq!(r3.added.len(), 0, "same content, different whitespace");
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn feed_items_deduplicate_by_guid_and_url() {
    let feed = |body: &str| {
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Hospital hit</title><link>https://news.example/a?utm_source=x</link><guid>g-1</guid><description>{body}</description></item>
</channel></rss>"#
        )
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("f1.rss"),
        feed("The hospital was attacked."),
    )
    .unwrap();
    // Same guid, updated text: the same item in a newer version, stored as a further
    // source of its incident (`updated`), as `watch` does (trial 5, finding 4).
    fs::write(
        dir.path().join("f2.rss"),
        feed("The hospital was attacked by ransomware."),
    )
    .unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let r = store
        .ingest(&expand_inputs(&[dir.path()]).unwrap(), false)
        .unwrap();
    assert_eq!(r.added.len(), 1);
    assert_eq!(r.updated.len(), 1, "{r:?}");
    assert_eq!(r.updated[0].incident, r.added[0]);
    assert!(r.duplicates.is_empty(), "{r:?}");
    assert_eq!(store.count().unwrap(), 1);
    let rec = store.get(&r.added[0]).unwrap();
    assert_eq!(rec.source.guid.as_deref(), Some("g-1"));
    assert_eq!(
        rec.source.links,
        vec!["https://news.example/a?utm_source=x"]
    );
}

#[test]
fn a_bad_file_in_a_batch_is_reported_and_the_rest_stored() {
    // Issue 12: batches are all-or-nothing per document, never lost whole.
    let dir = tempfile::tempdir().unwrap();
    let good1 = dir.path().join("1-good.txt");
    let bad = dir.path().join("2-bad.txt");
    let good2 = dir.path().join("3-good.txt");
    fs::write(&good1, ARTICLE).unwrap();
    fs::write(&bad, b"Hospital\n\x00\xff\xfe binary junk").unwrap();
    fs::write(
        &good2,
        ARTICLE
            .replace("Ghent", "Bruges")
            .replace("GHENT", "BRUGES"),
    )
    .unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    // One article already in the store.
    let seed = dir.path().join("0-seed.txt");
    fs::write(
        &seed,
        ARTICLE.replace("Ghent", "Namur").replace("GHENT", "NAMUR"),
    )
    .unwrap();
    store.ingest(&[Input::File(seed)], false).unwrap();
    let before = store.report_count().unwrap();
    let inputs = vec![
        Input::File(good1),
        Input::File(bad.clone()),
        Input::File(good2),
    ];
    let r = store.ingest(&inputs, false).unwrap();
    assert_eq!(r.failed.len(), 1, "{r:?}");
    let err = &r.failed[0];
    assert!(err.source.contains("2-bad.txt"), "{err:?}");
    assert!(
        err.error.contains("2-bad.txt") && err.error.contains("line"),
        "{err:?}"
    );
    assert_eq!(r.added.len() + r.attached.len(), 2, "{r:?}");
    assert_eq!(store.report_count().unwrap(), before + 2);
}

#[test]
fn unreadable_and_missing_inputs_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let err = expand_inputs(&[&missing]).unwrap_err().to_string();
    assert!(
        err.contains("nope.txt") && err.contains("no such file"),
        "{err}"
    );
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "  \n").unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let r = store.ingest(&[Input::File(empty)], false).unwrap();
    let err = &r.failed[0].error;
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    let feed = dir.path().join("broken.rss");
    fs::write(&feed, "<rss><channel><item><title>x</item>").unwrap();
    let r = store.ingest(&[Input::File(feed)], false).unwrap();
    let err = &r.failed[0].error;
    assert!(err.contains("broken.rss") && err.contains("feed"), "{err}");
    assert_eq!(store.report_count().unwrap(), 0);
}

#[test]
fn search_filters_and_prefix_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .ingest(&expand_inputs(&[common::examples_dir()]).unwrap(), false)
        .unwrap();
    assert!(store.count().unwrap() >= 28);
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery::default();
        f(&mut q);
        store.search(&q).unwrap()
    };
    let be = q(&|q| q.country = Some("Belgian".into()));
    assert!(be.len() >= 2, "{be:?}");
    assert!(be.iter().all(|h| h.country.as_deref() == Some("BE")));
    let enc = q(&|q| q.technique = Some("T1486".into()));
    assert!(enc.len() >= 15);
    let exfil_tactic = q(&|q| q.technique = Some("TA0010".into()));
    assert!(!exfil_tactic.is_empty());
    let recent = q(&|q| {
        q.since = Some("2024-01-01".into());
        q.technique = Some("T1486".into());
    });
    assert!(
        recent
            .iter()
            .all(|h| h.date.as_deref().unwrap_or("") >= "2024")
    );
    let old = q(&|q| q.until = Some("2016-12-31".into()));
    assert!(
        old.iter()
            .all(|h| h.date.as_deref().unwrap_or("9") <= "2016-12-31\u{10ffff}")
    );
    assert!(!old.is_empty());
    let text = q(&|q| q.text = Some("ambulances diverted\" OR (".into()));
    assert!(!text.is_empty(), "FTS syntax in user text must not error");
    let hosp = q(&|q| q.sector = Some("hospital".into()));
    assert!(!hosp.is_empty());
    // Prefix lookup.
    let id = &be[0].id;
    let rec = store.get(&id[4..10]).unwrap();
    assert_eq!(&rec.id, id);
    assert!(store.get("INC-zzzz").is_err());
}

#[test]
fn schema_is_versioned() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    // A store written by a newer cordon is refused, not damaged.
    let conn = rusqlite_free_set_version(dir.path(), SCHEMA_VERSION + 1);
    assert!(conn);
    let err = Store::open(dir.path())
        .err()
        .expect("newer schema refused")
        .to_string();
    assert!(err.contains("newer"), "{err}");
}

/// Sets `PRAGMA user_version` through the sqlite3 file header (offset 60, big-endian),
/// without depending on rusqlite in the tests.
fn rusqlite_free_set_version(dir: &std::path::Path, v: i64) -> bool {
    let p = dir.join(cordon_intel::store::DB_FILE);
    // Make sure the WAL is checkpointed: reopen and close through the store did that.
    let mut bytes = fs::read(&p).unwrap();
    if bytes.len() < 100 {
        return false;
    }
    bytes[60..64].copy_from_slice(&(v as u32).to_be_bytes());
    fs::write(&p, bytes).unwrap();
    let _ = fs::remove_file(dir.join(format!("{}-wal", cordon_intel::store::DB_FILE)));
    let _ = fs::remove_file(dir.join(format!("{}-shm", cordon_intel::store::DB_FILE)));
    true
}

/// Trial 3 F3.8: `--country UK` is GB (and EL is GR, the EU's code); an unknown country
/// is refused with a did-you-mean, never answered with an empty list.
#[test]
fn country_aliases_and_unknown_countries() {
    use cordon_intel::store::country_code;
    for (given, want) in [
        ("UK", "GB"),
        ("uk", "GB"),
        ("GB", "GB"),
        ("United Kingdom", "GB"),
        ("britain", "GB"),
        ("EL", "GR"),
        ("Greece", "GR"),
        ("be", "BE"),
        ("Belgian", "BE"),
    ] {
        assert_eq!(country_code(given).unwrap(), want, "{given}");
    }
    for bad in ["Narnia", "XX", "Belgium Narnia"] {
        let e = country_code(bad).unwrap_err().to_string();
        assert!(e.contains("unknown country"), "{bad}: {e}");
    }
    let e = country_code("Belgum").unwrap_err().to_string();
    assert!(e.contains("did you mean Belgium (BE)"), "{e}");
    let e = country_code("Untied Kingdom").unwrap_err().to_string();
    assert!(e.contains("United Kingdom (GB)"), "{e}");

    let mut s = Store::in_memory().unwrap();
    s.ingest_documents(&[common::doc(
        "Title: Lab attack\nPublished: 2026-09-16\n\nMedilab Diagnostics, a laboratory in Bristol, United Kingdom, was hit by a ransomware attack on 15 September 2026.\n",
    )])
    .unwrap();
    let q = |c: &str| cordon_intel::SearchQuery {
        country: Some(c.into()),
        ..Default::default()
    };
    let gb = s.search(&q("GB")).unwrap();
    assert_eq!(gb.len(), 1, "premise: the record's country is GB");
    assert_eq!(s.search(&q("UK")).unwrap(), gb);
    assert!(s.search(&q("Narnia")).is_err());
}
