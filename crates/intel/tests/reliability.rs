//! Hostile and careless input on the intel ingest and store paths (issue 12): each
//! reproducer of `shared/cases/reliability/` that concerns intel, scaled down where the
//! fault is a growth curve (the bound is asserted, never the time).

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cordon_intel::IntelError;
use cordon_intel::html::{MAX_DEPTH, extract_article, limit_nesting};
use cordon_intel::ingest::{Cancel, Input, decode, expand_inputs_noted, parse_report};
use cordon_intel::store::{Store, load_json, stored_json, stored_json_within};

fn case(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/cases/reliability/"
    ))
    .join(name)
}

/// Deepest element nesting of a parsed page, counted iteratively.
fn depth(html: &scraper::Html) -> usize {
    let mut d = 0usize;
    let mut max = 0usize;
    for e in html.tree.root().traverse() {
        match e {
            ego_tree::iter::Edge::Open(_) => {
                d += 1;
                max = max.max(d);
            }
            ego_tree::iter::Edge::Close(_) => d -= 1,
        }
    }
    max
}

// F11: script/style inside a paragraph is never article text.
#[test]
fn script_inside_paragraph_is_not_text() {
    let p = case("intel-script-inside-paragraph.html");
    let src = fs::read_to_string(&p).unwrap();
    let docs = parse_report(&p.display().to_string(), &src)
        .unwrap()
        .documents;
    assert_eq!(docs.len(), 1);
    let body = &docs[0].body;
    assert!(body.contains("announced maintenance"), "{body}");
    for bad in ["LockBit", "900", "ransom", "p{}", "var n"] {
        assert!(!body.contains(bad), "{bad:?} in {body:?}");
    }
    let rec = cordon_intel::extract(&docs[0]);
    assert!(rec.threat_actors.is_empty(), "{:?}", rec.threat_actors);
    assert!(rec.impacts.is_empty(), "{:?}", rec.impacts);
    assert!(
        !rec.response_actions.iter().any(|a| a.kind == "ransom_paid"),
        "{:?}",
        rec.response_actions
    );
    // The same in a feed item's HTML content, and template/noscript too.
    let frag = "<p>Clinic closed.<script>var x='LockBit paid';</script><template>900 surgeries cancelled</template><noscript>enable JS</noscript></p>";
    let t = cordon_intel::html::fragment_to_text(frag);
    assert_eq!(t, "Clinic closed.");
}

// F7: 40,000 unclosed <div>s (scaled to 20,000): nesting is capped before parsing, the
// article paragraph is kept, and the page's report says what was flattened.
#[test]
fn unclosed_divs_are_flattened_to_a_bounded_depth() {
    let n = 20_000;
    let page = format!(
        "<html><body><article>{}<p>Hospital hit by ransomware.</p>",
        "<div>".repeat(n)
    );
    let (flat, dropped) = limit_nesting(&page, MAX_DEPTH);
    assert!(dropped >= n - MAX_DEPTH, "{dropped}");
    let parsed = scraper::Html::parse_document(&flat);
    assert!(depth(&parsed) <= MAX_DEPTH + 8, "{}", depth(&parsed));
    let a = extract_article(&page);
    assert_eq!(a.body, "Hospital hit by ransomware.");
    assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
    assert!(a.notes[0].contains("nesting deeper than"), "{:?}", a.notes);
    // Reported through the ingest API as a skip note.
    let parsed = parse_report("p.html", &page).unwrap();
    assert_eq!(parsed.skipped.len(), 1);
}

#[test]
fn ordinary_pages_are_not_flattened() {
    // Unclosed <p> and <li> close implicitly; they never count as nesting.
    let page = format!(
        "<html><body><article>{}<ul>{}</ul></article></body></html>",
        "<p>para".repeat(2 * MAX_DEPTH),
        "<li>item".repeat(2 * MAX_DEPTH)
    );
    let (_, dropped) = limit_nesting(&page, MAX_DEPTH);
    assert_eq!(dropped, 0);
    let a = extract_article(&page);
    assert!(a.notes.is_empty());
    assert_eq!(a.body.split("\n\n").count(), 4 * MAX_DEPTH);
    // Raw text and comments are not tags.
    let page = format!(
        "<body><script>{}</script><!-- {} --><p>ok</p></body>",
        "<div>".repeat(1000),
        "<div>".repeat(1000)
    );
    assert_eq!(limit_nesting(&page, MAX_DEPTH).1, 0);
}

// F17: a symbolic link loop in a walked directory is detected and reported.
#[cfg(unix)]
#[test]
fn symlink_loops_are_detected() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("anthem.txt"),
        "Title: t\n\nThe hospital was attacked.",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", d.path().join("a")).unwrap();
    std::os::unix::fs::symlink(".", d.path().join("b")).unwrap();
    let (inputs, skipped) = expand_inputs_noted(&[d.path()]).unwrap();
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped.iter().all(|s| s.reason.contains("loop")),
        "{skipped:?}"
    );
}

// Empty feed items are reported, never silently dropped.
#[test]
fn empty_feed_items_are_reported() {
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Hospital hit</title><link>https://news.example/a</link><guid>g-1</guid><description>The hospital was attacked.</description></item>
<item><guid>g-2</guid><link>https://news.example/b</link></item>
<item></item>
</channel></rss>"#;
    let p = parse_report("f.rss", feed).unwrap();
    assert_eq!(p.documents.len(), 1);
    assert_eq!(p.skipped.len(), 2, "{:?}", p.skipped);
    assert!(
        p.skipped[0].reason.contains("item 2 of 3"),
        "{:?}",
        p.skipped
    );
    let only_empty = r#"<rss version="2.0"><channel><title>t</title><item><guid>x</guid></item></channel></rss>"#;
    let e = parse_report("g.rss", only_empty).unwrap_err().to_string();
    assert!(e.contains("all 1 items"), "{e}");
}

fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

// Pages declared ISO-8859-1 or Shift_JIS are decoded; one bad page never rolls back the
// batch.
#[test]
fn declared_encodings_are_decoded_and_a_bad_page_is_reported_alone() {
    let page = "<html><head><meta charset=\"ISO-8859-1\"><title>Hôpital</title></head><body><article><p>L'hôpital de Liège a été attaqué le 3 mars 2024.</p></article></body></html>";
    let t = decode("fr.html", &latin1(page)).unwrap();
    assert!(t.contains("Liège") && t.contains("été"), "{t}");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><p>病院がランサムウェア攻撃を受けた。</p></body></html>");
    let t = decode("ja.html", &sjis).unwrap();
    assert!(t.contains("病院がランサムウェア"), "{t}");
    // XML declaration of a feed.
    let feed = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Clinique de Liège</title><guid>1</guid><description>Attaque à Liège.</description></item></channel></rss>";
    assert!(
        decode("f.rss", &latin1(feed))
            .unwrap()
            .contains("Attaque à Liège")
    );
    // Undeclared non-UTF-8 binary bytes (control bytes): a located error. Undeclared
    // legacy text without control bytes is decoded (tests/ingest_robust.rs).
    let e = decode("x.txt", b"ok\n\xff\xfe\x01 bad")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 2"), "{e}");

    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("a-fr.html"), latin1(page)).unwrap();
    fs::write(d.path().join("b-bad.txt"), b"ok \xff\x00 not text").unwrap();
    fs::write(
        d.path().join("c-en.txt"),
        "Title: Ghent hospital hit\n\nThe hospital in Ghent was hit by ransomware.",
    )
    .unwrap();
    let mut store = Store::open(&d.path().join("data")).unwrap();
    let (inputs, _) = expand_inputs_noted(&[d.path()]).unwrap();
    assert_eq!(inputs.len(), 3);
    let r = store.ingest(&inputs, false).unwrap();
    assert_eq!(r.added.len(), 2, "{r:?}");
    assert_eq!(r.failed.len(), 1, "{r:?}");
    assert!(r.failed[0].source.ends_with("b-bad.txt"), "{r:?}");
    assert_eq!(store.count().unwrap(), 2);
}

// F2: evidence is stored once (as offsets into the text) and the record round-trips
// exactly; the record size is bounded.
#[test]
fn evidence_is_stored_once_and_round_trips() {
    let n = 300;
    let iocs: Vec<String> = (0..n)
        .map(|i| format!("10.0.{}.{} evil{i}[.]com", i / 256, i % 256))
        .collect();
    let text = format!(
        "Title: iocs\n\nThe hospital was hit by ransomware. Indicators of compromise: {}",
        iocs.join(" ")
    );
    let rec = common::record(&text);
    let full = serde_json::to_string(&rec).unwrap();
    let stored = stored_json(&rec).unwrap();
    assert_eq!(load_json(&stored).unwrap(), rec);
    // Stored size is linear in the text, whatever the number of evidence references.
    assert!(
        stored.len() <= 8 * rec.text.len() + 64 * 1024,
        "stored {} bytes for a {}-byte text (full JSON {} bytes)",
        stored.len(),
        rec.text.len(),
        full.len()
    );
    for p in std::fs::read_dir(common::examples_dir()).unwrap() {
        let p = p.unwrap().path();
        if !matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "html" | "rss")
        ) {
            continue;
        }
        let src = fs::read_to_string(&p).unwrap();
        for d in cordon_intel::ingest::parse(&p.display().to_string(), &src).unwrap() {
            let r = cordon_intel::extract(&d);
            assert_eq!(
                load_json(&stored_json(&r).unwrap()).unwrap(),
                r,
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn oversized_record_is_refused_with_the_limit_named() {
    let rec = common::record(
        "Title: t\n\nThe hospital was hit by ransomware at 10.0.0.1 and evil[.]com.",
    );
    // The limit is passed, not set in the environment: an environment variable is
    // process-wide and would refuse the records of tests running beside this one.
    let e = stored_json_within(&rec, 100).unwrap_err();
    assert!(matches!(e, IntelError::Limit { .. }), "{e}");
    assert!(
        e.to_string().contains("CORDON_INTEL_MAX_RECORD_BYTES"),
        "{e}"
    );
}

fn article(i: usize) -> String {
    format!(
        "Title: Incident {i}\nPublished: 2024-03-{:02}\n\nA hospital in town {i} reported system outage number {i}.",
        1 + i % 28
    )
}

// F9: two writers on one store at once, each with its own connection: both batches are
// stored whole, nothing lost.
#[test]
fn two_concurrent_writers_lose_nothing() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    Store::open(&data).unwrap();
    let per = 25;
    let mut handles = Vec::new();
    for w in 0..2 {
        let data = data.clone();
        let files = d.path().join(format!("w{w}"));
        fs::create_dir_all(&files).unwrap();
        for i in 0..per {
            fs::write(files.join(format!("{i}.txt")), article(w * 1000 + i)).unwrap();
        }
        handles.push(std::thread::spawn(move || {
            let mut s = Store::open(&data).unwrap();
            let (inputs, _) = expand_inputs_noted(&[&files]).unwrap();
            s.ingest(&inputs, false)
        }));
    }
    let mut added = 0;
    for h in handles {
        let r = h.join().unwrap().expect("both writers succeed");
        assert!(r.failed.is_empty(), "{r:?}");
        added += r.added.len() + r.attached.len();
    }
    assert_eq!(added, 2 * per);
    assert_eq!(Store::open(&data).unwrap().report_count().unwrap(), 2 * per);
}

// A writer that cannot get the lock within its busy timeout gets Busy ("retry"), and
// nothing of its document is written.
#[test]
fn a_writer_past_its_busy_timeout_gets_busy() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    Store::open(&data).unwrap();
    let blocker = rusqlite::Connection::open(data.join("intel.sqlite3")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut s = Store::open(&data).unwrap();
    s.set_busy_timeout(Duration::from_millis(100)).unwrap();
    let e = s.ingest_documents(&[common::doc(&article(1))]).unwrap_err();
    assert!(e.is_busy(), "{e}");
    assert!(e.to_string().contains("retry"), "{e}");
    blocker.execute_batch("ROLLBACK").unwrap();
    assert_eq!(s.report_count().unwrap(), 0);
    let r = s.ingest_documents(&[common::doc(&article(1))]).unwrap();
    assert_eq!(r.added.len(), 1);
}

// F7 (API side): cancelled work writes nothing.
#[test]
fn cancelled_ingest_writes_nothing() {
    let mut s = Store::in_memory().unwrap();
    let c = Cancel::new();
    c.cancel();
    let e = s
        .ingest_documents_with(&[common::doc(&article(2))], &c)
        .unwrap_err();
    assert!(matches!(e, IntelError::Cancelled(_)), "{e}");
    let past = Cancel::default().with_deadline(Instant::now());
    let e = s
        .ingest_documents_with(&[common::doc(&article(2))], &past)
        .unwrap_err();
    assert!(matches!(e, IntelError::Cancelled(_)), "{e}");
    let e = s.ingest_with(&[Input::Stdin], false, &past).unwrap_err();
    assert!(matches!(e, IntelError::Cancelled(_)), "{e}");
    assert_eq!(s.report_count().unwrap(), 0);
}

// A store in a read-only directory is readable.
#[cfg(unix)]
#[test]
fn read_only_store_is_readable() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let id = {
        let mut s = Store::open(&data).unwrap();
        s.ingest_documents(&[common::doc(&article(3))])
            .unwrap()
            .added[0]
            .clone()
    };
    // Opening read-only (both ways) works whatever the permissions.
    let ro = Store::open_read_only(&data).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.get(&id).unwrap().id, id);
    drop(ro);
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(
        data.join("intel.sqlite3"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let s = Store::open(&data);
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let mut s = s.expect("a read-only store opens");
    assert_eq!(s.get(&id).unwrap().id, id);
    assert_eq!(s.count().unwrap(), 1);
    if s.is_read_only() {
        let e = s
            .ingest_documents(&[common::doc(&article(4))])
            .unwrap_err()
            .to_string();
        assert!(e.contains("read-only"), "{e}");
    }
}

/// Patterns where the parser keeps elements open that a naive tag count would close: an
/// ignored `</span>` (a `<div>` is open above it) and formatting elements re-opened after
/// an implicit close. The flattened page stays within the depth bound.
#[test]
fn ignored_end_tags_and_reopened_formatting_stay_bounded() {
    let limit = 32;
    let spans = format!(
        "<body>{}",
        format!("<span>{}</span>x", "<div>".repeat(20)).repeat(100)
    );
    let fmt: String = (0..2000)
        .map(|k| format!("<p><b class=c{k}>t</p>"))
        .collect();
    let anchors = "<a href=1><div>".repeat(2000);
    for page in [spans, fmt, anchors] {
        let (out, dropped) = limit_nesting(&page, limit);
        assert!(dropped > 0);
        let d = depth(&scraper::Html::parse_document(&out));
        assert!(d <= limit + 16 + 12, "depth {d}");
    }
}

mod nesting_properties {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<span class='a>b'>",
        "</span>",
        "<!-- <div> -->",
        "<script>var a='<div>';</script>",
        "<br>",
        "<b>",
        "</b>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<section>",
        "</section>",
        "word ",
        "3 < 4 ",
        "<img src=x/>",
        "<blockquote>",
        "</blockquote>",
        "<span>",
        "<b class=1>",
        "<b class=2>",
        "<a href=x>",
        "</a>",
        "<i>",
        "</i>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// `limit_nesting` only ever removes whole tags (oracle: re-walk the generated
        /// tokens), and the parsed result stays within a bounded depth.
        #[test]
        fn only_tags_are_removed_and_depth_is_bounded(
            toks in proptest::collection::vec(0..TOKENS.len(), 0..600),
            limit in 4usize..40,
        ) {
            let src: String = toks.iter().map(|&i| TOKENS[i]).collect();
            let (out, dropped) = limit_nesting(&src, limit);
            let mut rest: &str = &out;
            let mut skipped = 0usize;
            for &i in &toks {
                let t = TOKENS[i];
                if let Some(r) = rest.strip_prefix(t) {
                    rest = r;
                } else {
                    prop_assert!(t.starts_with('<') && !t.starts_with("<!--"), "{t:?} lost");
                    skipped += 1;
                }
            }
            prop_assert!(rest.is_empty());
            prop_assert!(skipped <= dropped);
            let html = scraper::Html::parse_document(&out);
            // html, head/body and implied table parts on top of the capped stack;
            // html5ever may re-open up to 3 of each formatting element.
            prop_assert!(depth(&html) <= limit + 16 + 12, "depth {}", depth(&html));
        }
    }
}
