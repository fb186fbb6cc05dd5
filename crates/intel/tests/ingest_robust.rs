//! Degraded input (trial 5, findings 14–15): broken HTML keeps a headline-sized title and
//! never glues the text of two blocks together; Latin-1 text without a declaration is
//! decoded; only binary input is refused as such.

use cordon_intel::ingest::{decode, parse};

/// (language, page with `<h1>` and `<p>` never closed, headline, a phrase of the body).
const BROKEN: &[(&str, &str, &str, &str)] = &[
    (
        "nl",
        "<html><body><article><h1>Cyberaanval op AZ Damme\n<p>Het AZ Damme in Brugge is maandag getroffen door ransomware.<p>De spoed is gesloten<div><table><tr><td>kapot",
        "Cyberaanval op AZ Damme",
        "ransomware. De spoed",
    ),
    (
        "fr",
        "<html><body><h1>Cyberattaque contre la Clinique du Lac<p>La Clinique du Lac à Namur a été touchée par un rançongiciel lundi.<p>Les urgences sont fermées.<br>Les patients sont transférés.",
        "Cyberattaque contre la Clinique du Lac",
        "fermées. Les patients",
    ),
    (
        "de",
        "<html><body><main><h1>Hackerangriff auf Klinikum Aachen<p>Das Klinikum Aachen wurde am Montag von Ransomware getroffen.<p>Die Notaufnahme ist geschlossen<ul><li>Operationen verschoben<li>Patienten verlegt</ul>",
        "Hackerangriff auf Klinikum Aachen",
        "Operationen verschoben",
    ),
    (
        "en",
        "<html><head><title>Hospital hit | News</title></head><body><h1>Ransomware hits St. Mary's Hospital<p>St. Mary's Hospital in Leeds was hit by ransomware on Monday.<p>Surgeries were postponed.",
        "Ransomware hits St. Mary's Hospital",
        "Monday. Surgeries",
    ),
];

fn glued(text: &str) -> Option<String> {
    // A sentence end directly followed by a capital letter: two blocks glued together.
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).find_map(|w| {
        (w[0].is_lowercase() && w[1] == '.' && w[2].is_uppercase())
            .then(|| w.iter().collect::<String>())
    })
}

#[test]
fn broken_html_keeps_a_headline_and_separate_blocks() {
    for (lang, html, headline, phrase) in BROKEN {
        let docs = parse(&format!("{lang}.html"), html).expect("parses");
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.title.as_deref(), Some(*headline), "{lang}: {d:?}");
        let text = d.text();
        assert!(
            glued(&text).is_none(),
            "{lang}: glued {:?} in {text}",
            glued(&text)
        );
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(phrase) || d.body.split("\n\n").any(|p| p.contains(phrase)),
            "{lang}: {phrase:?} not in {flat}"
        );
    }
}

#[test]
fn a_page_long_title_falls_back_to_a_bounded_one() {
    let long = "word ".repeat(80);
    // An <h1> of 400 characters: the <title> is used.
    let html = format!(
        "<html><head><title>Klinikum hit</title></head><body><h1>{long}</h1><p>Text of the article here.</p></body></html>"
    );
    let d = &parse("a.html", &html).unwrap()[0];
    assert_eq!(d.title.as_deref(), Some("Klinikum hit"));
    // Only a long, several-sentence heading: its first sentence.
    let html = "<html><body><h1>Hospital hit by ransomware. The emergency department closed. Patients moved.</h1><p>Body.</p></body></html>";
    let d = &parse("b.html", html).unwrap()[0];
    assert_eq!(d.title.as_deref(), Some("Hospital hit by ransomware."));
    // Only a heading of 400 characters without a sentence end: cut, at most 201 chars.
    let html = format!("<html><body><h1>{long}</h1><p>Body.</p></body></html>");
    let d = &parse("c.html", &html).unwrap()[0];
    let t = d.title.clone().unwrap();
    assert!(t.chars().count() <= 201 && t.ends_with('…'), "{t}");
}

/// Encodes `s` as ISO-8859-1 (every char below U+0100).
fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 char"))
        .collect()
}

#[test]
fn undeclared_latin1_text_is_decoded() {
    for text in [
        "Titel: Aanval op ziekenhuis\n\nHet ziekenhuis in Brugge werd getroffen door ransomware. Patiëntgegevens zijn gestolen; de spoedafdeling is gesloten.\n",
        "Attaque contre la Clinique du Parc\n\nLa clinique de Liège a été touchée par un rançongiciel. Les données des patients ont été dérobées et les opérations reportées à la fin de la semaine prochaine.\n",
        "Angriff auf das Klinikum\n\nDas Klinikum in Köln wurde von Erpressersoftware getroffen. Die Notaufnahme ist geschlossen, Operationen werden verschoben; Patientendaten wurden gestohlen. Größere Störungen.\n",
    ] {
        let bytes = latin1(text);
        assert!(std::str::from_utf8(&bytes).is_err(), "premise: not UTF-8");
        let got = decode("x.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, text);
    }
}

#[test]
fn a_declared_charset_wins_and_binary_is_refused() {
    // Declared windows-1251 (Cyrillic): the declaration wins over a guess.
    let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
    page.extend([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет"
    page.extend(b"</p></body></html>");
    let got = decode("r.html", &page).unwrap();
    assert!(got.contains("Привет"), "{got}");
    // Binary: NUL and control bytes.
    let bin: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let e = decode("b.bin", &bin).unwrap_err().to_string();
    assert!(e.contains("b.bin") && e.contains("binary"), "{e}");
}
