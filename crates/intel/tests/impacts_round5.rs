//! Impacts, round 5 (issue 15, held-out sets 7 and 8 as development data): the KINDS of
//! fault behind their impact errors, each with phrasings invented here (none taken from an
//! example set), and counter-examples that must keep their value. Expected values follow
//! docs/intel.md "Coding rules" 14–16.

mod common;

use common::impacts::{has, keys, lacks};
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-14\n\n{body}"))
}

/// A volume of data ("GB", "Go", "TB", "Gigabyte") before a noun counts nothing.
#[test]
fn a_data_volume_is_no_count() {
    for (title, body) in [
        (
            "Hackers claim data of Example Clinic",
            "The gang says it stole 420 GB of files from Example Clinic in Leeds, including scans.",
        ),
        (
            "Fuite de données à la Clinique Exemple",
            "Le groupe affirme avoir volé 150 Go de fichiers à la Clinique Exemple de Nancy.",
        ),
        (
            "Datalek bij Zorggroep Voorbeeld",
            "De criminelen zeggen 75 GB aan bestanden van Zorggroep Voorbeeld in Breda te hebben gestolen.",
        ),
        (
            "Datendiebstahl beim Klinikum Beispiel",
            "Die Täter wollen 2 TB an Dateien vom Klinikum Beispiel in Hagen kopiert haben.",
        ),
    ] {
        let r = article(title, body);
        for n in ["420 ", "150 ", "75 ", "2 "] {
            assert!(lacks(&r, n), "{body}: {:?}", keys(&r));
        }
    }
    // A count of files without a volume unit stays a count.
    let r = article(
        "Data theft at Example Clinic",
        "The attackers stole 3,200 files from Example Clinic in Leeds.",
    );
    assert!(has(&r, "3200 files exposed"), "{:?}", keys(&r));
}

/// A French compound number word with "et une" is the whole number, never "1".
#[test]
fn a_compound_number_word_is_one_count() {
    for (body, want) in [
        (
            "À la Clinique Exemple de Nancy, vingt et une opérations ont été annulées après la cyberattaque.",
            "21 operations cancelled",
        ),
        (
            "Au Centre hospitalier Exemple de Metz, quarante et une consultations ont été reportées après l'attaque.",
            "41 consultations postponed",
        ),
    ] {
        let r = article("Cyberattaque", body);
        assert!(has(&r, want), "{body}: want {want:?} in {:?}", keys(&r));
        assert!(
            !keys(&r).iter().any(|k| k.starts_with("1 ")),
            "{body}: {:?}",
            keys(&r)
        );
    }
}

/// Coding rule 14: an emergency department closed to ambulances only, or open to walk-in
/// patients while ambulances are diverted, is `ambulances diverted`, no service down.
#[test]
fn an_emergency_department_closed_to_ambulances_only_is_a_diversion() {
    for (title, body) in [
        (
            "Ransomware at Example General Hospital",
            "Example General Hospital in Leeds was hit by ransomware. Its emergency department is open for walk-in patients, but ambulances are being diverted to nearby hospitals.",
        ),
        (
            "Cyberattaque à l'Hôpital Exemple",
            "L'Hôpital Exemple de Nancy a subi une cyberattaque. Ses urgences sont fermées aux ambulances, qui sont réorientées vers le CHU.",
        ),
    ] {
        let r = article(title, body);
        assert!(has(&r, "ambulances diverted"), "{body}: {:?}", keys(&r));
        assert!(lacks(&r, "emergency department"), "{body}: {:?}", keys(&r));
    }
}

/// A department closed outright, beside the diversion, stays a service down.
#[test]
fn an_emergency_department_closed_outright_stays_unavailable() {
    let r = article(
        "Cyberattaque à l'Hôpital Exemple",
        "L'Hôpital Exemple de Nancy a subi une cyberattaque. Les urgences de l'hôpital sont fermées jusqu'à nouvel ordre et les ambulances sont réorientées vers le CHU.",
    );
    assert!(has(&r, "ambulances diverted"), "{:?}", keys(&r));
    assert!(
        has(&r, "emergency department unavailable"),
        "{:?}",
        keys(&r)
    );
}

/// Coding rule 15: an uncounted scheduling effect gives way to a counted one on the same or
/// a more qualified unit, whatever verb each uses; a more qualified uncounted unit stays.
#[test]
fn an_uncounted_schedule_effect_gives_way_to_the_count() {
    let r = article(
        "Ransomware delays appointments at Example Trust",
        "Example Trust in York was hit by ransomware, delaying hundreds of appointments. About 310 outpatient appointments have been postponed.",
    );
    assert!(
        has(&r, "310 outpatient appointments postponed"),
        "{:?}",
        keys(&r)
    );
    assert!(!has(&r, "appointments delayed"), "{:?}", keys(&r));
}

/// The scorer compares a counted impact by its count and unit, whether the answer file
/// writes `COUNT UNIT` or `COUNT UNIT EFFECT`.
#[test]
fn the_scorer_reads_a_counted_impact_with_its_effect() {
    use cordon_intel::eval::impact_key;
    assert_eq!(impact_key("62 consultation cancelled"), "62 consultation");
    assert_eq!(impact_key("35 ride postponed"), "35 ride");
    assert_eq!(impact_key("31 operations postponed"), "31 operation");
    assert_eq!(impact_key("62 consultations"), "62 consultation");
    assert_eq!(impact_key("12 patients transferred"), "12 patient");
    // Uncounted impacts keep their effect (and a PACS is the image archive: impact_units.tsv).
    assert_eq!(impact_key("PACS unavailable"), "image archive unavailable");
    assert_eq!(impact_key("email unavailable"), "email unavailable");
}

/// Coding rule 16: one name per system — a care provider's electronic client record is
/// the electronic health record, laboratory software the laboratory information system.
#[test]
fn service_synonyms_of_round_five() {
    use cordon_intel::eval::canonical_impact_unit;
    assert_eq!(
        canonical_impact_unit("electronic client record unavailable"),
        "electronic health records unavailable"
    );
    assert_eq!(
        canonical_impact_unit("laboratory software unavailable"),
        "laboratory information system unavailable"
    );
}
