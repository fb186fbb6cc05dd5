//! Session 7 (issue 15): facts from another incident and unconfirmed attributions, the
//! kinds of fault held-out sets 9 and 10 showed. Every article is invented for the test
//! (organisations, people and groups are fictitious; towns are real), in at least two
//! languages, with counter-examples that must keep their facts.

mod common;

use cordon_intel::IncidentRecord;

use common::article as rec;

fn actors(r: &IncidentRecord) -> Vec<String> {
    r.threat_actors.iter().map(|a| a.name.clone()).collect()
}

/// A background sentence dated months before this attack that names another organisation
/// ("Im November 2023 legte ein Angriff der Gruppe Lockbit den Klinikverbund … lahm") is
/// about another incident, however short the gap: its actor is not this attack's.
#[test]
fn a_background_attack_months_earlier_on_another_organisation_gives_no_actor() {
    let de = rec(
        "Cyberangriff auf Seniorenheim Haus Sonnenhang",
        "2024-10-08",
        "Das Seniorenheim Haus Sonnenhang in Eupen ist am Sonntag Opfer eines Cyberangriffs geworden. Die Bewohnerakten sind nicht erreichbar. Wer hinter dem Angriff steckt, ist unklar.\n\nIm Dezember 2023 legte ein Angriff der Gruppe Lockbit den Pflegeverbund Maasland in Maastricht lahm.",
    );
    assert!(actors(&de).is_empty(), "{:?}", actors(&de));
    let fr = rec(
        "Cyberattaque à la clinique des Tilleuls",
        "2025-02-20",
        "La clinique des Tilleuls de Beauvais a été victime d'une cyberattaque mardi. Le dossier patient informatisé est inaccessible.\n\nEn avril 2024, le centre hospitalier de Cannes avait été touché par une attaque revendiquée par Lockbit.",
    );
    assert!(actors(&fr).is_empty(), "{:?}", actors(&fr));
}

/// Counter-example: a sentence dated long before publication that speaks of the victim
/// itself (a regulator's fine a year on, the first access months before) stays focal.
#[test]
fn an_earlier_date_about_the_victim_itself_stays() {
    let de = rec(
        "Bußgeld gegen das Klinikum Rheinblick nach Phishing-Angriff",
        "2023-06-12",
        "Die Datenschutzbehörde hat gegen das Klinikum Rheinblick ein Bußgeld verhängt.\n\nIm März 2022 hatte eine Mitarbeiterin des Krankenhauses auf eine Phishing-E-Mail reagiert und ihre Zugangsdaten auf einer gefälschten Anmeldeseite eingegeben.",
    );
    assert_eq!(
        de.incident_date.value().map(String::as_str),
        Some("2022-03")
    );
    assert!(
        de.techniques.iter().any(|t| t.id == "T1566"),
        "{:?}",
        de.techniques
    );
}

/// A date read first from a paragraph on another, earlier incident ("In januari 2021 legde
/// een ransomware-aanval het ziekenhuisnetwerk CHwapi in Doornik plat") is no focal date:
/// that paragraph is set apart and gives no date.
#[test]
fn a_first_date_from_another_incident_is_not_the_focal_date() {
    let nl = rec(
        "Cyberaanval treft ziekenhuis Sint-Blasius",
        "2025-01-14",
        "Het ziekenhuis Sint-Blasius in Dendermonde is getroffen door een cyberaanval. Het personeel werkt op papier.\n\nIn januari 2021 legde een ransomware-aanval het ziekenhuisnetwerk CHwapi in Doornik plat. In november 2023 was het de beurt aan Vivalia, een aanval die werd opgeëist door de bende Lockbit.",
    );
    assert_ne!(
        nl.incident_date.value().map(String::as_str),
        Some("2021-01")
    );
    assert!(actors(&nl).is_empty(), "{:?}", actors(&nl));
}

/// An attribution left unconfirmed in its own clause ("…, maar dat is niet bevestigd",
/// "…, but that is not confirmed") names no actor; a claim followed by a clause on
/// something else that is not confirmed keeps it.
#[test]
fn an_unconfirmed_attribution_names_no_actor() {
    let nl = rec(
        "Ziekenhuis Sint-Rombout plat na cyberaanval",
        "2025-01-13",
        "Het ziekenhuis Sint-Rombout in Mechelen is getroffen door een ransomware-aanval. Volgens een beveiligingsonderzoeker zou het gaan om de groep Akira, maar dat is niet bevestigd.",
    );
    assert!(actors(&nl).is_empty(), "{:?}", actors(&nl));
    let en = rec(
        "Ransomware at Westbrook Hospital",
        "2025-01-13",
        "Westbrook Hospital in Leeds was hit by ransomware. A researcher said the Akira group may be behind it, but that is not confirmed.",
    );
    assert!(actors(&en).is_empty(), "{:?}", actors(&en));
    let kept = rec(
        "Ransomware at Westbrook Hospital",
        "2025-01-13",
        "Westbrook Hospital in Leeds was hit by ransomware. The Akira group claimed the attack on its leak site, but the theft of patient data is not confirmed.",
    );
    assert_eq!(actors(&kept), vec!["Akira".to_string()]);
}
