//! Session 19 (issue 15): shapes of real reporting the rules got wrong, each fixed by one
//! general shape in the shared mechanism or the lexicons. Every article is invented for
//! the test (organisations and people are fictitious; towns are real), with
//! counter-examples that must keep the value.

mod common;

use common::article as rec;

fn incident(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

fn city(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.city.value().map(String::as_str)
}

fn money(r: &cordon_intel::IncidentRecord) -> Vec<u64> {
    r.impacts
        .iter()
        .filter(|i| i.unit.chars().all(|c| c.is_ascii_uppercase()) && i.unit.len() == 3)
        .filter_map(|i| i.count)
        .collect()
}

/// A follow-up recalls its own incident under a past-story opener ("Zur Erinnerung: …")
/// and refers to the victim by the acronym of its name after a definite article ("die
/// Server des MVZ"): the paragraph stays focal. An indefinite article ("ein MVZ in
/// Hagen") does not refer back. A season before a year ("Im Herbst 2024") dates a
/// sentence like the year, so a paragraph about a case of then is set apart.
#[test]
fn recap_paragraph_refers_back_by_acronym() {
    let body = "Sechs Wochen nach dem Ransomware-Angriff auf das MVZ am Kalkofen steht fest: Die Täter haben Daten von rund 3.100 Patienten veröffentlicht.\n\nZur Erinnerung: In der Nacht auf Sonntag, 1. Februar, hatten die Täter die Server des MVZ verschlüsselt.\n\nIm Herbst 2024 hatte ein Angriff auf eine Praxis in Hagen rund 90.000 Euro Schaden verursacht.";
    let r = rec("Nach Cyberangriff: Daten im Netz", "2026-03-17", body);
    assert_eq!(incident(&r), Some("2026-02-01"));
    assert!(!money(&r).contains(&90000), "{:?}", money(&r));
    assert_ne!(city(&r), Some("Hagen"));
    // Counter-example: an indefinite article names another MVZ; the recap stays apart.
    let other = "Sechs Wochen nach dem Ransomware-Angriff auf das MVZ am Kalkofen steht fest: Die Täter haben Daten veröffentlicht.\n\nZur Erinnerung: In der Nacht auf Sonntag, 1. Februar 2025, hatten Täter die Server eines MVZ in Hagen verschlüsselt.";
    let r = rec("Nach Cyberangriff: Daten im Netz", "2026-03-17", other);
    assert_ne!(incident(&r), Some("2025-02-01"));
}

/// A town's place adjective between a definite article and a type noun ("für das
/// Iserlohner Versorgungszentrum") names the victim's town when no sentence nearer the
/// victim names one.
#[test]
fn definite_place_adjective_names_the_town() {
    let r = rec(
        "Angriff auf MVZ",
        "2026-03-17",
        "Sechs Wochen nach dem Ransomware-Angriff auf das MVZ am Kalkofen steht fest: Die Täter haben Daten veröffentlicht. Der Schaden für das Iserlohner Versorgungszentrum liegt bei knapp 480.000 Euro.",
    );
    assert_eq!(city(&r), Some("Iserlohn"));
    // A town named in the victim's sentence wins.
    let r = rec(
        "Angriff auf MVZ",
        "2026-03-17",
        "Das MVZ am Kalkofen in Hemer wurde angegriffen. Patienten wurden in das Iserlohner Krankenhaus gebracht.",
    );
    assert_eq!(city(&r), Some("Hemer"));
}
