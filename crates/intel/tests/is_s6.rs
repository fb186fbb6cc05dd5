//! Impacts, session 6 (IS): services and the whole IT (docs/intel.md Coding rules 4, 12, 16).
//! The kinds of fault behind the held-out sets' service misses, each with sentences written
//! here (none taken from an example set), in at least two languages, and counter-examples.

mod common;

use common::impacts::keys;
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-05-20\n\n{body}"))
}

fn assert_has(title: &str, body: &str, want: &str) {
    let r = article(title, body);
    assert!(
        keys(&r).iter().any(|k| k == want),
        "{want:?} missing in {:?} for {body:?}",
        keys(&r)
    );
}

fn assert_lacks(title: &str, body: &str, unwanted: &str) {
    let r = article(title, body);
    assert!(
        !keys(&r).iter().any(|k| k.contains(unwanted)),
        "{unwanted:?} read in {:?} for {body:?}",
        keys(&r)
    );
}

/// A dot after a digit inside a sentence (a German ordinal date, "vom 3. bis zum 5. Mai")
/// does not end the service's clause; an apposition between commas after the service is
/// passed over to reach its predicate.
#[test]
fn ordinal_dates_and_appositions_do_not_cut_the_clause() {
    assert_has(
        "Cyberangriff auf Labor Beispiel",
        "Nach dem Angriff auf das Labor Beispiel in Kiel war das Laborsystem vom 3. bis zum 5. Mai nicht verfügbar.",
        "laboratory information system unavailable",
    );
    assert_has(
        "Cyberaanval bij Thuiszorg Voorbeeld",
        "Bij Thuiszorg Voorbeeld in Zwolle is het planningssysteem, waarin staat welke cliënt wanneer zorg krijgt, sinds maandag onbereikbaar.",
        "planning system unavailable",
    );
    assert_has(
        "Cyberattaque à la Mutuelle Exemple",
        "À la Mutuelle Exemple de Namur, l'e-guichet, qui permet aux membres de suivre leurs remboursements, a été mis hors ligne après l'attaque.",
        "customer portal unavailable",
    );
}

/// A list of services shares the predicate before its first member ("could not open the X
/// or the Y"); another system of the same head noun does not hide the whole IT.
#[test]
fn a_list_of_services_shares_its_predicate() {
    let body = "After the ransomware attack on Example General Hospital in Leeds, staff could not open the radiology system or the patient administration system, and the hospital took all of its servers offline.";
    assert_has(
        "Example General Hospital hit",
        body,
        "radiology system unavailable",
    );
    assert_has(
        "Example General Hospital hit",
        body,
        "patient administration system unavailable",
    );
    assert_has(
        "Example General Hospital hit",
        body,
        "IT systems unavailable",
    );
}

/// Rule 12: the whole IT out of use, in the phrasings of each language.
#[test]
fn the_whole_it_in_four_languages() {
    for (title, body) in [
        (
            "Example Hospital hit by ransomware",
            "Example Hospital in Cork has switched off its computer systems after a ransomware attack.",
        ),
        (
            "Example Surgery hit by ransomware",
            "When staff of Example Surgery in Sligo arrived on Monday after the ransomware attack, none of the computers would start.",
        ),
        (
            "Cyberattaque à la Clinique Exemple",
            "Après la cyberattaque, la Clinique Exemple de Namur a éteint l'ensemble de ses serveurs.",
        ),
        (
            "Cyberaanval op Ziekenhuis Voorbeeld",
            "Na de cyberaanval schakelde Ziekenhuis Voorbeeld in Gent al zijn computersystemen uit.",
        ),
        (
            "Cyberangriff auf Klinikum Beispiel",
            "Nach dem Cyberangriff ließ das Klinikum Beispiel in Trier sämtliche IT-Systeme herunterfahren.",
        ),
        (
            "Cyberangriff auf Softwarehaus Beispiel",
            "Nach dem Cyberangriff schaltete die Beispiel Software GmbH in Hamm alle Cloud-Dienste ab.",
        ),
    ] {
        assert_has(title, body, "IT systems unavailable");
    }
    // One server switched off is not the whole IT.
    assert_lacks(
        "Example Clinic incident",
        "After the cyberattack, Example Clinic in York switched off one server.",
        "IT systems",
    );
}

/// Reduced capacity: "severely restricted", "cut back", "limiter … aux urgences".
#[test]
fn restricted_services_are_reduced_capacity() {
    assert_has(
        "Example Hospital hit",
        "After the cyberattack on Example Hospital in Cork, radiology services are severely restricted.",
        "radiology reduced capacity",
    );
    assert_lacks(
        "Example Hospital hit",
        "After the cyberattack on Example Hospital in Cork, radiology services are severely restricted.",
        "radiology unavailable",
    );
    assert_has(
        "Example Practice hit",
        "After the cyberattack on Example Practice in Galway, routine appointments were cut back.",
        "appointments reduced capacity",
    );
}

/// Named systems of the lexicons (rule 16), one English name each.
#[test]
fn named_systems_in_each_language() {
    let r = article(
        "Cyberaanval bij Woonzorg Voorbeeld",
        "Bij Woonzorg Voorbeeld in Aalst zijn het digitale medicatiesysteem en het bewonersdossier sinds de aanval niet beschikbaar.",
    );
    let k = keys(&r);
    assert!(
        k.contains(&"medication system unavailable".to_string()),
        "{k:?}"
    );
    assert!(
        k.contains(&"electronic health records unavailable".to_string()),
        "{k:?}"
    );
    assert_has(
        "Cyberangriff auf Klinikum Beispiel",
        "Nach dem Angriff auf das Klinikum Beispiel in Jena bleiben die Ambulanzen bis Freitag geschlossen.",
        "outpatient clinics unavailable",
    );
    assert_has(
        "Cyberattaque au Centre d'imagerie Exemple",
        "Au Centre d'imagerie Exemple de Lille, le PACS est inaccessible depuis l'attaque.",
        "image archive unavailable",
    );
    assert_has(
        "Example Care Homes hit",
        "After the ransomware attack on Example Care Homes in York, the digital care-planning system was unavailable for four days.",
        "care planning system unavailable",
    );
}

/// Rule 4: a named service run on paper is `SERVICE manual fallback`, and then no bare
/// `manual fallback` is added.
#[test]
fn a_named_service_on_paper() {
    let r = article(
        "Cyberaanval bij Ziekenvervoer Voorbeeld",
        "Na de cyberaanval op Ziekenvervoer Voorbeeld in Gent gebeurde de ritplanning drie dagen telefonisch en op papier.",
    );
    let k = keys(&r);
    assert!(
        k.contains(&"trip planning manual fallback".to_string()),
        "{k:?}"
    );
    assert!(!k.contains(&"manual fallback".to_string()), "{k:?}");
}

/// A part encrypted is no service out of use, nor are a supplier's customers' services.
#[test]
fn parts_encrypted_are_no_service_down() {
    assert_lacks(
        "Example Systems hit by ransomware",
        "Example Systems, a Leeds supplier of record software to ambulance services, was hit by ransomware that encrypted parts of its hosted platform.",
        "ambulances",
    );
}
