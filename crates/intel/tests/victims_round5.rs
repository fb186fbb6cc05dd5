//! Victims, fifth round (issue 15, held-out sets 7 and 8). Every article is invented for
//! the test (not a held-out sentence), in Dutch, French, German and English; each
//! assertion names the rule it checks.

mod common;

use cordon_intel::IncidentRecord;

fn names(r: &IncidentRecord) -> Vec<String> {
    r.victims.iter().map(|v| v.name.clone()).collect()
}

fn rec(title: &str, body: &str) -> IncidentRecord {
    common::article(title, "2025-03-04", body)
}

/// A capitalised name closed by a legal form (lexicon `legal_forms`) is an organisation
/// whatever its other words: the attacked firm of the first attack sentence is the victim,
/// not one named in a later sentence about another incident.
#[test]
fn a_name_with_a_legal_form_is_an_organisation() {
    let de = rec(
        "Störung beim Pflegedienst",
        "Ein Cyberangriff hat die Fuldatal Pflege GmbH für drei Tage lahmgelegt. Im Mai 2023 hatte ein Angriff auf den Softwareanbieter Rhönsoft die Abrechnung vieler Praxen lahmgelegt.",
    );
    assert_eq!(names(&de), vec!["Fuldatal Pflege GmbH"]);
    let en = rec(
        "Outage at patient transport firm",
        "A ransomware attack has crippled Marlow Patient Transport Ltd for two days. The company restored its systems from backups.",
    );
    assert_eq!(names(&en), vec!["Marlow Patient Transport Ltd"]);
    let nl = rec(
        "Storing bij zorgvervoerder",
        "Een cyberaanval heeft Kempenrit Vervoer BV twee dagen platgelegd.",
    );
    assert_eq!(names(&nl), vec!["Kempenrit Vervoer BV"]);
    let fr = rec(
        "Panne chez un transporteur",
        "Une cyberattaque a paralysé Ambulances Vaudoises SA pendant deux jours.",
    );
    assert_eq!(names(&fr), vec!["Ambulances Vaudoises SA"]);
}

/// A page-kind word before a name in a title ("Persbericht", "Communiqué",
/// "Pressemitteilung", "Press release", "Live") is no part of the victim's name (lexicon
/// `name_leading_stop`).
#[test]
fn page_kind_words_are_no_part_of_the_name() {
    let nl = rec(
        "Persbericht AZ Meerhaven: cyberaanval",
        "AZ Meerhaven is getroffen door een cyberaanval.",
    );
    assert_eq!(names(&nl), vec!["AZ Meerhaven"]);
    let de = rec(
        "Pressemitteilung Klinikum Werratal: IT-Störung",
        "Das Klinikum Werratal wurde Opfer eines Cyberangriffs.",
    );
    assert_eq!(names(&de), vec!["Klinikum Werratal"]);
    let fr = rec(
        "Communiqué Centre hospitalier de Vesle",
        "Le Centre hospitalier de Vesle a été victime d'une cyberattaque.",
    );
    assert_eq!(names(&fr), vec!["Centre hospitalier de Vesle"]);
}

/// "According to …" ("Laut", "Volgens", "Selon") opens no subject: a report cited as the
/// source of a general statement is not a victim.
#[test]
fn a_cited_source_is_not_a_victim() {
    let de = rec(
        "Angriff auf Klinikum",
        "Nach einem Cyberangriff ist das Klinikum Werratal weitgehend lahmgelegt. Laut dem neuen Lagebericht sind Kliniken häufig Ziel von Ransomware.",
    );
    assert_eq!(names(&de), vec!["Klinikum Werratal"]);
    let de2 = rec(
        "Kliniken im Visier",
        "Laut dem aktuellen Lagebericht der Sicherheitsbehörde sind Kliniken häufig Ziel von Ransomware-Angriffen.",
    );
    assert!(
        names(&de2).iter().all(|n| !n.contains("Lagebericht")),
        "{:?}",
        names(&de2)
    );
}

/// Patient transport firms are healthcare providers and a "Universitätsmedizin" is a
/// hospital (lexicon `org_types`, by stem, in all four languages).
#[test]
fn patient_transport_and_university_medicine_are_typed() {
    let ty = |r: &IncidentRecord| r.victims.first().map(|v| v.org_type.clone());
    let de = rec(
        "Angriff auf Fahrdienst",
        "Ein Cyberangriff hat die Werratal Krankentransport GmbH lahmgelegt.",
    );
    assert_eq!(ty(&de).as_deref(), Some("healthcare provider"));
    let de2 = rec(
        "Klinik abgemeldet",
        "Nach einem Cyberangriff ist die Universitätsmedizin Werratal weitgehend lahmgelegt.",
    );
    assert_eq!(names(&de2), vec!["Universitätsmedizin Werratal"]);
    assert_eq!(ty(&de2).as_deref(), Some("hospital"));
    let en = rec(
        "Outage",
        "A ransomware attack has crippled Marlow Patient Transport Ltd for two days.",
    );
    assert_eq!(ty(&en).as_deref(), Some("healthcare provider"));
    let nl = rec(
        "Storing",
        "Een cyberaanval heeft Kempen Ziekenvervoer BV twee dagen platgelegd.",
    );
    assert_eq!(ty(&nl).as_deref(), Some("healthcare provider"));
    let fr = rec(
        "Panne",
        "Une cyberattaque a paralysé la société Vaud Transport Sanitaire SA.",
    );
    assert_eq!(ty(&fr).as_deref(), Some("healthcare provider"));
}
