//! Session 6, G (fresh-user findings): related-headline blocks inside `<article>` are
//! kept apart by their structure (finding 1), and `watch` lists what it stored per feed
//! with the incident ids (finding 2).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cordon_intel::html::extract_article;
use cordon_intel::ingest::Cancel;
use cordon_intel::store::Store;
use cordon_intel::watch::{WatchConfig, watch_once};

// --- finding 1: teaser lists inside the article -----------------------------------

/// A Dutch article whose "Lees ook" block sits inside `<article>` with no telling class:
/// a heading and a list of linked headlines (an amount, another hospital).
const NL_PAGE: &str = r#"<html><head><title>Ziekenhuis Testdonk getroffen door cyberaanval</title>
<meta property="article:published_time" content="2025-02-12T08:00:00Z"></head><body>
<article><h1>Ziekenhuis Testdonk getroffen door cyberaanval</h1>
<p>Het AZ Testdonk in Mechelen is dinsdag getroffen door een cyberaanval. De spoedgevallendienst werd tijdelijk gesloten.</p>
<p>Volgens de directie werden geen patiëntgegevens gestolen.</p>
<section><h2>Lees ook</h2>
<ul><li><a href="/x/1">Hackers eisen 27 miljoen euro losgeld van Duits ziekenhuis</a></li>
<li><a href="/x/2">Klinikum Weitweg stuurt ambulances door na aanval</a></li></ul></section>
<p>De politie onderzoekt de zaak.</p>
</article></body></html>"#;

#[test]
fn a_list_of_linked_headlines_inside_the_article_is_furniture() {
    let a = extract_article(NL_PAGE);
    assert!(a.body.contains("AZ Testdonk in Mechelen"), "{}", a.body);
    assert!(a.body.contains("De politie onderzoekt"), "{}", a.body);
    assert!(!a.body.contains("27 miljoen"), "{}", a.body);
    assert!(!a.body.contains("Weitweg"), "{}", a.body);
    assert!(
        a.noise.link_lists.iter().any(|l| l.contains("27 miljoen")),
        "{:?}",
        a.noise
    );
    // The record reads no ransom demand nor another hospital from the related headlines.
    let doc = cordon_intel::ingest::parse("testdonk.html", NL_PAGE)
        .unwrap()
        .remove(0);
    let rec = cordon_intel::extract(&doc);
    assert!(
        rec.impacts.iter().all(|i| i.count != Some(27_000_000)),
        "{:?}",
        rec.impacts
    );
    assert!(
        rec.victims.iter().all(|v| !v.name.contains("Weitweg")),
        "{:?}",
        rec.victims
    );
}

/// A German article ending in teaser cards (linked headline, summary, date), no class
/// names; the article has no date of its own in the page's metadata.
const DE_PAGE: &str = r#"<html><head><title>Klinik Probstadt meldet IT-Ausfall</title></head><body>
<main><article><h1>Klinik Probstadt meldet IT-Ausfall</h1>
<p>Die Klinik Probstadt in Kassel ist seit Montag von einem Cyberangriff betroffen. Operationen wurden verschoben.</p>
<h2>Wie es weitergeht</h2>
<p>Das Landeskriminalamt ermittelt; die Klinik hat Strafanzeige erstellt.</p>
<div>
  <div><a href="/a"><h3>Krankenhaus Nordheim zahlt 4 Millionen Euro Lösegeld</h3></a>
       <p>Die Täter hatten Patientendaten veröffentlicht.</p><time datetime="2021-05-03">3. Mai 2021</time></div>
  <div><a href="/b"><h3>Praxisverbund Süd: Daten von 80.000 Patienten im Netz</h3></a>
       <p>Ein Dienstleister war betroffen.</p><time datetime="2020-11-20">20. November 2020</time></div>
</div>
</article></main></body></html>"#;

#[test]
fn teaser_cards_inside_the_article_are_furniture_and_give_no_date() {
    let a = extract_article(DE_PAGE);
    assert!(a.body.contains("Klinik Probstadt in Kassel"), "{}", a.body);
    // An unlinked section heading of the article stays.
    assert!(a.body.contains("Wie es weitergeht"), "{}", a.body);
    assert!(a.body.contains("Landeskriminalamt"), "{}", a.body);
    for teaser in ["4 Millionen", "80.000", "Dienstleister", "Nordheim"] {
        assert!(!a.body.contains(teaser), "{teaser}: {}", a.body);
    }
    assert_eq!(a.published, None, "a teaser's date is not the article's");
}

#[test]
fn links_inside_article_prose_stay_article_text() {
    // English and French prose that links names and sources: not teasers.
    let page = r#"<html><body><article><h1>Hospital hit</h1>
<p><a href="/o/1">Testbury General</a> and <a href="/o/2">Testbury Children's</a> were hit by ransomware on 2 March 2025.</p>
<ul><li>The <a href="/ncsc">NCSC</a> is helping both hospitals to restore their systems from backups.</li>
<li>Patients were asked to attend appointments unless told otherwise by the <a href="/trust">trust</a>.</li></ul>
<p>L'<a href="/h">Hôpital de Testville</a> a également signalé une panne informatique le même jour.</p>
</article></body></html>"#;
    let a = extract_article(page);
    for kept in [
        "Testbury General and Testbury Children's were hit",
        "The NCSC is helping",
        "unless told otherwise",
        "Hôpital de Testville",
    ] {
        assert!(a.body.contains(kept), "{kept}: {}", a.body);
    }
    assert!(a.noise.link_lists.is_empty(), "{:?}", a.noise.link_lists);
}

#[test]
fn a_short_article_in_a_list_of_teasers_is_still_read() {
    // A brief whose own page wraps it with the teasers of other stories: the block that
    // holds the article is never furniture of it.
    let page = r#"<html><body><div>
<article><h2><a href="/brief">Clinique Testmont</a></h2><p>La Clinique Testmont à Namur a subi une cyberattaque lundi.</p></article>
<article><h2><a href="/other">Autre sujet</a></h2><p>Un autre article.</p></article>
</div></body></html>"#;
    let a = extract_article(page);
    assert!(
        a.body.contains("Clinique Testmont à Namur a subi"),
        "{}",
        a.body
    );
}

// --- finding 2: watch lists what it stored, per feed ------------------------------

/// Serves whatever `body` holds at every path (127.0.0.1 only).
fn serve(body: Arc<Mutex<String>>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut r = BufReader::new(conn.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
            }
            let b = body.lock().unwrap().clone();
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}",
                b.len()
            );
            let mut sink = [0u8; 1];
            let _ = conn.set_read_timeout(Some(Duration::from_millis(10)));
            let _ = conn.read(&mut sink);
        }
    });
    base
}

fn rss(items: &[(&str, &str)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Zorgnieuws</title>"#,
    );
    for (guid, text) in items {
        s.push_str(&format!(
            "<item><title>Item {guid}</title><guid>{guid}</guid><pubDate>Tue, 11 Feb 2025 10:00:00 GMT</pubDate><description>{text}</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn watch_lists_each_stored_item_with_its_incident() {
    let nl =
        "Het AZ Testdonk in Mechelen werd op 10 februari 2025 getroffen door een ransomwareaanval.";
    let fr = "La Clinique Testmont à Namur a subi une cyberattaque le 9 février 2025.";
    let body = Arc::new(Mutex::new(rss(&[("g6-nl", nl), ("g6-fr", fr)])));
    let base = serve(body.clone());
    let url = format!("{base}/feed.xml");
    let cfg = WatchConfig {
        fetch_articles: false,
        host_delay: Duration::from_millis(1),
        timeout: Duration::from_secs(5),
        ..Default::default()
    };
    let d = tempfile::tempdir().unwrap();
    let mut s = Store::open(d.path()).unwrap();
    let r = watch_once(&mut s, std::slice::from_ref(&url), &cfg, &Cancel::default()).unwrap();
    assert_eq!(r.stored.len(), 2, "{:?}", r.stored);
    for x in &r.stored {
        assert_eq!(x.feed, url);
        assert_eq!(x.outcome, "new");
        assert_eq!(x.id, x.incident);
        assert!(s.get(&x.id).is_ok());
    }
    let nl_incident = r
        .stored
        .iter()
        .find(|x| x.item == "g6-nl")
        .unwrap()
        .incident
        .clone();

    // The Dutch item is updated under the same guid: listed as `updated`, a further
    // source of the incident its first version made.
    *body.lock().unwrap() = rss(&[
        (
            "g6-nl",
            "Het AZ Testdonk in Mechelen werd op 10 februari 2025 getroffen door een ransomwareaanval. Update: de spoeddienst is weer open.",
        ),
        ("g6-fr", fr),
    ]);
    let r = watch_once(&mut s, &[], &cfg, &Cancel::default()).unwrap();
    assert_eq!(r.stored.len(), 1, "{:?}", r.stored);
    let x = &r.stored[0];
    assert_eq!((x.outcome, x.item.as_str()), ("updated", "g6-nl"));
    assert_eq!(x.incident, nl_incident);
    assert_ne!(x.id, nl_incident, "the new version has its own record");
    assert_eq!(r.ingest.updated.len(), 1, "{:?}", r.ingest);
    assert!(r.ingest.attached.is_empty(), "{:?}", r.ingest);
    assert_eq!(r.feeds[0].added, 1);
}
