//! Victims, organisation types and places, session 6 (issue 15, VIC). Every article is
//! invented for the test, in at least two of Dutch, French, German and English; each
//! assertion names the rule it checks.

mod common;

use cordon_intel::IncidentRecord;

fn rec(title: &str, body: &str) -> IncidentRecord {
    common::article(title, "2025-03-04", body)
}

fn country(r: &IncidentRecord) -> Option<String> {
    r.country.value().map(|c| c.code.clone())
}

fn org_type(r: &IncidentRecord) -> Option<String> {
    r.victims.first().map(|v| v.org_type.clone())
}

/// A city name several countries have ("Waterford": a larger US town and the Irish city)
/// is the one of the country the rest of the page points to, not the most populous.
#[test]
fn a_city_name_of_two_countries_takes_the_page_country() {
    let en = rec(
        "Ransomware hits Waterford hospital",
        "Riverbank General Hospital in Waterford was hit by a ransomware attack on Sunday. Patients were sent to hospitals in Kilkenny and Clonmel, and the HSE said its own systems were not affected.",
    );
    assert_eq!(en.city.value().map(String::as_str), Some("Waterford"));
    assert_eq!(country(&en).as_deref(), Some("IE"));
    let nl = rec(
        "Cyberaanval op ziekenhuis in Waterford",
        "Het Riverbank General Hospital in Waterford is getroffen door een cyberaanval. Patiënten werden overgebracht naar ziekenhuizen in Kilkenny en Cork.",
    );
    assert_eq!(country(&nl).as_deref(), Some("IE"));
}

/// Dialysis and rehabilitation centres and mental-health services are healthcare
/// providers; senior homes ("Seniorenhäuser") are care homes.
#[test]
fn care_provider_kinds_are_typed() {
    let nl = rec(
        "Datalek bij dialysecentrum",
        "Dialysecentrum Spaarnezicht is getroffen door een ransomware-aanval.",
    );
    assert_eq!(org_type(&nl).as_deref(), Some("healthcare provider"));
    let nl2 = rec(
        "Cyberaanval op revalidatiecentrum",
        "Revalidatiecentrum De Heuvelrug is getroffen door een cyberaanval.",
    );
    assert_eq!(org_type(&nl2).as_deref(), Some("healthcare provider"));
    let en = rec(
        "Phishing attack on mental health provider",
        "Wyebank Mental Health Services was hit by a cyber attack last week.",
    );
    assert_eq!(org_type(&en).as_deref(), Some("healthcare provider"));
    let de = rec(
        "Cyberangriff auf Seniorenhäuser",
        "Die Seniorenhäuser Auetal GmbH ist Opfer eines Cyberangriffs geworden.",
    );
    assert_eq!(org_type(&de).as_deref(), Some("care home"));
}

/// A generic noun for the organisation just named ("des Unternehmens", "de organisatie";
/// lexicon `operator_anaphors`) before an operator clause types it by what it runs.
#[test]
fn an_operator_clause_after_a_generic_noun_types_the_victim() {
    let de = rec(
        "Hacker im Netz eines Pflegeträgers",
        "Die Lindenhof Pflege GmbH ist Opfer eines Cyberangriffs geworden. Am Freitag drangen Unbekannte in das Netzwerk des Unternehmens ein, das zwölf Seniorenheime im Sauerland betreibt.",
    );
    assert_eq!(org_type(&de).as_deref(), Some("care home"));
    let nl = rec(
        "Boete voor zorggroep na ransomware",
        "Zorggroep Duinrand is getroffen door een ransomware-aanval. De organisatie, die negen verpleeghuizen in Zeeland exploiteert, betaalde geen losgeld.",
    );
    assert_eq!(org_type(&nl).as_deref(), Some("care home"));
}

/// An attack whose object is only a kind ("auf einen externen Dienstleister", "on a
/// supplier") is not on the organisation the sentence names (a customer); "Der Dienstleister
/// wurde … Opfer" names the firm of the sentence before, and its seat ("mit Sitz in") is
/// the city.
#[test]
fn a_supplier_told_by_its_customer_is_the_victim() {
    let de = rec(
        "Cyberangriff bei einem Dienstleister",
        "Die Musterkasse Nordwest informiert ihre Versicherten über einen Cyberangriff auf einen externen Dienstleister. Die Rechenwerk Service GmbH mit Sitz in Wetzlar prüft im Auftrag der Kasse Rechnungen. Der Dienstleister wurde am 2. Juni Opfer eines Ransomware-Angriffs.",
    );
    let names: Vec<&str> = de.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["Rechenwerk Service GmbH"]);
    assert_eq!(de.city.value().map(String::as_str), Some("Wetzlar"));
    let en = rec(
        "Supplier breach",
        "Northgate Health Insurance told its members about a cyber attack on a billing supplier. Ledgerline Services Ltd, based in Leeds, processes claims for the insurer. The supplier was hit by ransomware on 2 June.",
    );
    let names: Vec<&str> = en.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["Ledgerline Services Ltd"]);
}

/// A seat phrase of several words ("met hoofdzetel in", "basé à") gives the victim's
/// town; a three-letter town ("Ulm") is a place there, and a town's own name before a
/// lower-case type noun is no part of the victim's name.
#[test]
fn seat_phrases_and_short_towns_give_the_city() {
    let nl = rec(
        "Cyberaanval op woonzorgnet",
        "Woonzorgnet Scheldeland, met hoofdzetel in Lokeren, is getroffen door een cyberaanval.",
    );
    assert_eq!(nl.city.value().map(String::as_str), Some("Lokeren"));
    let de = rec(
        "Angriff auf Softwarehaus",
        "Die Praxisdata Software GmbH aus Ulm ist Opfer eines Cyberangriffs geworden.",
    );
    assert_eq!(de.city.value().map(String::as_str), Some("Ulm"));
    let nl2 = rec(
        "Thuiszorg getroffen",
        "De Deventer thuiszorgorganisatie Thuiszorg Sallandzicht is getroffen door een ransomware-aanval.",
    );
    let names: Vec<&str> = nl2.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["Thuiszorg Sallandzicht"]);
    assert_eq!(nl2.city.value().map(String::as_str), Some("Deventer"));
}
