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
