//! Session 34 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test; the towns are real.

mod common;

fn page(body: &str, footer: &str) -> cordon_intel::IncidentRecord {
    let html = format!(
        "<html><head><title>Questions et réponses</title>\
         <meta property=\"article:published_time\" content=\"2025-05-06\"></head><body>\
         <nav><a href=\"/\">Accueil</a> <a href=\"/contact\">Contact</a></nav>\
         <main><h1>Cyberattaque : vos questions</h1>{body}</main>\
         <footer>{footer} <a href=\"/privacy\">Protection des données</a></footer>\
         </body></html>"
    );
    let docs = cordon_intel::ingest::parse("page.html", &html).expect("parses");
    cordon_intel::extract(&docs[0])
}

fn city(r: &cordon_intel::IncidentRecord) -> Option<String> {
    r.city.value().cloned()
}

fn country(r: &cordon_intel::IncidentRecord) -> Option<String> {
    r.country.value().map(|c| c.code.clone())
}

const BODY: &str = "<p>Le cabinet médical des Aubépines a été victime d'une cyberattaque le \
    lundi 5 mai 2025. Les dossiers de 340 patients ont été consultés par les pirates.</p>";

/// An organisation's own page that gives its town only in the footer's address block,
/// after its own name: the town (and its country) is the victim's, with the postcode,
/// a label or a bracketed region taken off, in several address shapes.
#[test]
fn the_victims_address_in_the_footer_gives_its_town() {
    for (footer, want_city, want_country) in [
        (
            "Cabinet médical des Aubépines · Rue des Écoles 0 · 5590 Ciney · BCE 0000.000.000 ·",
            "Ciney",
            Some("BE"),
        ),
        (
            "Cabinet médical des Aubépines · Médecine générale · Siège : Dinant ·",
            "Dinant",
            Some("BE"),
        ),
        (
            "Cabinet médical des Aubépines · Chemin des Vignes 0 · 1260 Nyon (VD) ·",
            "Nyon",
            Some("CH"),
        ),
        (
            "Cabinet médical des Aubépines · Diekirch, Grand-Duché de Luxembourg ·",
            "Diekirch",
            Some("LU"),
        ),
    ] {
        let r = page(BODY, footer);
        assert_eq!(city(&r).as_deref(), Some(want_city), "{footer}");
        assert_eq!(country(&r).as_deref(), want_country, "{footer}");
    }
}

/// Counter-examples: a footer that does not name the victim (a news site's, with the
/// publisher's address), a street, and a list of sites give no town.
#[test]
fn a_footer_without_the_victim_or_with_only_streets_and_lists_gives_no_town() {
    for footer in [
        "Le Courrier de la Haute-Meuse SA · Rue du Port 0 · 5500 Dinant ·",
        "Cabinet médical des Aubépines · Rue de Namur 0 ·",
        "Cabinet médical des Aubépines · Consultations à Ciney, Dinant, Rochefort et Beauraing ·",
    ] {
        let r = page(BODY, footer);
        assert_eq!(city(&r), None, "{footer}");
    }
}

fn own_page(footer: &str, body: &str) -> cordon_intel::IncidentRecord {
    let html = format!(
        "<html><head><title>Cyberangriff: Fragen und Antworten</title>\
         <meta property=\"article:published_time\" content=\"2026-03-20\"></head><body>\
         <main><h1>Cyberangriff auf unseren Pflegedienst</h1>{body}</main>\
         <footer>{footer} <a href=\"/impressum\">Impressum</a></footer></body></html>"
    );
    let docs = cordon_intel::ingest::parse("faq.html", &html).expect("parses");
    cordon_intel::extract(&docs[0])
}

const OWN_BODY: &str = "<p>Am 14. März 2026 wurden unsere Server durch Ransomware \
    verschlüsselt. Wir haben die Polizei informiert.</p><p>Unsere Pflege lief weiter; \
    wir haben unsere Touren auf Papier geplant.</p>";

/// An organisation's own page that names itself only in its footer: the footer's first
/// item is the victim (inferred; an organisation of a known type on a page speaking in the
/// first person plural), and its address gives the town.
#[test]
fn an_own_page_named_only_in_its_footer_gives_the_victim() {
    let r = own_page(
        "Ambulanter Pflegedienst Wertach GmbH · Wertachstraße 0 · 86807 Buchloe ·",
        OWN_BODY,
    );
    let names: Vec<&str> = r.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Ambulanter Pflegedienst Wertach GmbH"]);
    assert_eq!(city(&r).as_deref(), Some("Buchloe"));
    // Counter-example: a footer whose first item is no organisation of a known type (a
    // publisher) names no victim.
    let r = own_page("Allgäuer Rundschau Verlag · 86807 Buchloe ·", OWN_BODY);
    assert!(
        r.victims
            .iter()
            .all(|v| v.name != "Allgäuer Rundschau Verlag"),
        "{:?}",
        r.victims
    );
}

/// A sentence-opening pronoun or adverb ("Er zijn geen systemen gehackt") is never a
/// victim's name.
#[test]
fn a_sentence_opening_function_word_is_no_victim() {
    for body in [
        "Er zijn geen systemen gehackt en er zijn geen gegevens ingezien, benadrukt de zorggroep.",
        "Es wurden keine Systeme gehackt, betont die Pflegegruppe.",
    ] {
        let r = common::article("Fraude", "2026-02-18", body);
        assert!(
            r.victims.iter().all(|v| v.name != "Er" && v.name != "Es"),
            "{:?}",
            r.victims
        );
    }
}

/// "Fr. 4'870.–": a currency abbreviated with a dot before its figure ends no sentence,
/// and a fraud cue reads across it (T1657).
#[test]
fn an_abbreviated_currency_before_its_figure_ends_no_sentence() {
    let r = common::article(
        "Betrug mit gefälschten Rechnungen",
        "2025-06-19",
        "Unbekannte haben sich Zugang zum Postfach einer Mitarbeiterin der Spitex Rosental \
         verschafft. Neun Klienten haben die gefälschten Rechnungen bereits bezahlt, \
         insgesamt Fr. 4'870.– auf ein Konto der Betrüger.",
    );
    assert!(common::technique_ids(&r).contains(&"T1657".to_string()));
    let names: Vec<&str> = r.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        ["Spitex Rosental"],
        "a break-in sentence names the victim"
    );
}

/// A name the capitalised words ran into a date with ("die Spitex X Ende Dezember 2025
/// verlassen") ends before the month and its prefix.
#[test]
fn a_name_ends_before_a_month_and_its_prefix() {
    let r = common::article(
        "Datenexport",
        "2026-02-10",
        "Eine Pflegefachfrau hat die Spitex Rosental Ende Dezember 2025 verlassen. Zuvor hat \
         sie unberechtigt Daten von 300 Klienten exportiert.",
    );
    let names: Vec<&str> = r.victims.iter().map(|v| v.name.as_str()).collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("Dezember") && !n.ends_with("Ende")),
        "{names:?}"
    );
}

/// The dateline below an update stamp on top of a statement gives the town.
#[test]
fn the_dateline_below_an_update_stamp_gives_the_town() {
    let r = common::record(
        "Spitex Rosental | Medienmitteilungen\n\nMEDIENMITTEILUNG\n\nBetrüger verschicken \
         gefälschte Rechnungen\n\nNachtrag vom Montag, 30. Juni 2025: Die Bank konnte \
         Fr. 1'950.– zurückholen. Den restlichen Betrag ersetzt die Spitex Rosental. Seit \
         dem 23. Juni gilt ein Sicherheitsschlüssel.\n\nAltstätten, 19. Juni 2025 - \
         Unbekannte haben sich Zugang zum Postfach einer Mitarbeiterin der Spitex Rosental \
         verschafft und gefälschte Rechnungen verschickt.\n",
    );
    assert_eq!(city(&r).as_deref(), Some("Altstätten"));
}

/// A page footer is kept whole in `noise.footer` (links included), bounded in length and
/// in number: a page of thousands of `<footer>` elements keeps its first few.
#[test]
fn footers_are_kept_whole_and_bounded() {
    let many: String = (0..2000)
        .map(|i| {
            format!(
                "<footer>Footer {i} · {} <a href=\"/x\">Link</a></footer>",
                "x".repeat(3000)
            )
        })
        .collect();
    let html = format!("<html><body><main><p>Text.</p></main>{many}</body></html>");
    let docs = cordon_intel::ingest::parse("many.html", &html).expect("parses");
    let f = &docs[0].noise.footer;
    assert_eq!(f.len(), cordon_intel::document::MAX_FOOTERS);
    assert!(f[0].starts_with("Footer 0 ·"), "{}", &f[0][..20]);
    assert!(
        f.iter()
            .all(|t| t.chars().count() <= cordon_intel::document::MAX_FOOTER_CHARS)
    );
}
