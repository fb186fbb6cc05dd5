//! Session 21 (issue 15): shapes of real reporting the rules got wrong, each fixed by one
//! general shape in the shared mechanism, the lexicons or the data files. Every article is
//! invented for the test (organisations and people are fictitious; towns are real), with
//! counter-examples that must keep the value.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;

fn techniques(r: &IncidentRecord) -> Vec<&str> {
    r.techniques.iter().map(|t| t.id.as_str()).collect()
}

fn incident(r: &IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

fn impacts(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|i| match i.count {
            Some(n) => format!("{n} {} {}", i.unit, i.effect),
            None => format!("{} {}", i.unit, i.effect),
        })
        .collect()
}

fn responses(r: &IncidentRecord) -> Vec<&str> {
    r.response_actions.iter().map(|a| a.kind.as_str()).collect()
}

fn victim(r: &IncidentRecord) -> Option<&str> {
    r.victims.first().map(|v| v.name.as_str())
}

/// A follow-up weeks later recaps its own incident in a paragraph opened by "Ter
/// herinnering:" / "Zur Erinnerung:" (lexicon `focal.recap_openers`): read again when it
/// names no other organisation and is dated within half a year of publication. "A week
/// earlier" in that recap is the intrusion's own earlier step (`focal.earlier_time_cues`),
/// not an earlier incident. A recap of another organisation's attack stays apart.
#[test]
fn follow_up_recap_is_the_focal_incident() {
    let nl = "De ransomwaregroep Play heeft gegevens van bewoners van Zorgcentrum Kallenkote in Steenwijk op internet gezet.\n\nTer herinnering: in de nacht van vrijdag 31 oktober op zaterdag 1 november versleutelden de criminelen alle computers van het zorgcentrum. Uit onderzoek bleek later dat een medewerker een week eerder een e-mail met een nepfactuur als bijlage had geopend.";
    let r = rec(
        "Play zet gegevens van Zorgcentrum Kallenkote online",
        "2025-12-16",
        nl,
    );
    assert_eq!(incident(&r), Some("2025-11-01"));
    assert!(techniques(&r).contains(&"T1486"), "{:?}", techniques(&r));
    let de = "Die Hackergruppe Black Basta hat Daten der Rehaklinik am Leuchtberg in Eschwege veröffentlicht.\n\nZur Erinnerung: In der Nacht zum Samstag, 1. Juni, hatten die Täter alle Server der Klinik verschlüsselt.";
    let r = rec("Black Basta veröffentlicht Daten", "2024-07-16", de);
    assert_eq!(incident(&r), Some("2024-06-01"));
    assert!(techniques(&r).contains(&"T1486"), "{:?}", techniques(&r));
    // Another organisation in the recap: it stays apart.
    let other = "De ransomwaregroep Play heeft gegevens van bewoners van Zorgcentrum Kallenkote in Steenwijk op internet gezet.\n\nTer herinnering: in oktober versleutelden criminelen alle computers van het Isala-ziekenhuis in Zwolle.";
    let r = rec(
        "Play zet gegevens van Zorgcentrum Kallenkote online",
        "2025-12-16",
        other,
    );
    assert!(!techniques(&r).contains(&"T1486"), "{:?}", techniques(&r));
    // "A week earlier" with another organisation named is still an earlier incident.
    let earlier = "Zorgcentrum Kallenkote in Steenwijk werd op 1 november getroffen door ransomware.\n\nEen week eerder was thuiszorgorganisatie Vechtdal in Ommen al slachtoffer van een aanval, waarbij de daders 80.000 euro losgeld eisten.";
    let r = rec("Aanval op Zorgcentrum Kallenkote", "2025-11-03", earlier);
    assert!(
        !impacts(&r).iter().any(|i| i.contains("80000")),
        "{:?}",
        impacts(&r)
    );
}

/// A counted noun or a thing an organisation has (lexicon `count_units`,
/// `name_owned_nouns`) before "der/des" opens no name: "Beschäftigten der Eschweger
/// Rehaklinik am Leuchtberg", "Daten der Rehaklinik am Leuchtberg"; the demonym before a
/// generic type compound with words after it names the town.
#[test]
fn owner_nouns_before_a_genitive_are_no_name() {
    let body = "Die Hackergruppe Black Basta hat Daten von rund 2.100 Patientinnen und Patienten und 190 Beschäftigten der Eschweger Rehaklinik am Leuchtberg veröffentlicht.";
    let r = rec(
        "Black Basta veröffentlicht Daten der Rehaklinik am Leuchtberg",
        "2024-07-16",
        body,
    );
    assert_eq!(victim(&r), Some("Rehaklinik am Leuchtberg"));
    assert_eq!(r.city.value().map(String::as_str), Some("Eschwege"));
    // The auxiliary before the data and the participle at the clause's end: data taken.
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    // A name that opens with an organisation keyword keeps its genitive.
    let r = rec(
        "Cyberangriff auf Krankenhaus",
        "2024-07-16",
        "Das Krankenhaus der Barmherzigen Brüder in Trier wurde von einem Cyberangriff getroffen.",
    );
    assert_eq!(victim(&r), Some("Krankenhaus der Barmherzigen Brüder"));
}

/// "konnten weder A noch B öffnen": both services unavailable; admissions are a counted
/// unit in the four languages; forensic investigators doing the work are external
/// experts; "Station für Station wieder angebunden" is a phased restoration.
#[test]
fn neither_nor_services_admissions_and_forensics() {
    let body = "Die Rehaklinik am Leuchtberg in Eschwege wurde Opfer eines Cyberangriffs.\n\nAm Samstagmorgen konnten die Pflegekräfte weder die Therapieplanung noch die elektronische Patientenakte öffnen. Rund 70 geplante Aufnahmen wurden verschoben.\n\nIT-Forensiker und der Systemdienstleister der Klinik bauten die Server neu auf. Die Stationen wurden Station für Station wieder angebunden.";
    let r = rec("Cyberangriff auf Rehaklinik", "2024-06-03", body);
    let i = impacts(&r);
    assert!(
        i.iter().any(|x| x == "planning system unavailable"),
        "{i:?}"
    );
    assert!(
        i.iter()
            .any(|x| x == "electronic health records unavailable"),
        "{i:?}"
    );
    assert!(i.iter().any(|x| x == "70 admissions postponed"), "{i:?}");
    let a = responses(&r);
    assert!(a.contains(&"external_experts"), "{a:?}");
    assert!(a.contains(&"phased_restoration"), "{a:?}");
    for (title, body, want) in [
        (
            "Cyber attack on hospital",
            "St Brendan's Hospital in Galway was hit by ransomware on Monday. About 30 planned admissions were postponed.",
            "30 planned admissions postponed",
        ),
        (
            "Cyberaanval op ziekenhuis",
            "AZ Westland in Kortrijk werd maandag getroffen door ransomware. Zo'n 25 geplande opnames werden uitgesteld.",
            "25 admissions postponed",
        ),
    ] {
        let r = rec(title, "2025-03-04", body);
        assert!(impacts(&r).iter().any(|x| x == want), "{:?}", impacts(&r));
    }
    // Police forensic staff who only "secure traces" are not hired experts of the victim
    // when no verb of work follows: nothing to read.
    let r = rec(
        "Cyberangriff auf Rehaklinik",
        "2024-06-03",
        "Die Rehaklinik am Leuchtberg in Eschwege wurde Opfer eines Cyberangriffs. Die Polizei ermittelt.",
    );
    assert!(!responses(&r).contains(&"external_experts"));
}

/// A service named inside a describing relative clause after another service (lexicon
/// `relative_clause_openers`) describes that service: no outage of its own. A clause after
/// the attack ("which knocked out …") or one that lists what was hit ("which include …",
/// `relative_inclusion_cues`) is read as usual.
#[test]
fn services_in_a_describing_relative_clause() {
    let body = "Radiologie Veurne was hit by ransomware. Staff discovered the attack on Monday morning, when the radiology information system, through which appointments, reports and images run, would not start.";
    let r = rec("Radiology practice hit", "2024-10-08", body);
    let i = impacts(&r);
    assert!(
        i.iter().any(|x| x == "radiology system unavailable"),
        "{i:?}"
    );
    assert!(!i.iter().any(|x| x.starts_with("appointments")), "{i:?}");
    let body = "Het labo Medisch Labo Dender in Denderleeuw werd getroffen. Het laboratoriuminformatiesysteem, waarin alle afspraken worden bijgehouden, lag drie dagen plat.";
    let r = rec("Labo getroffen", "2025-05-08", body);
    assert!(
        !impacts(&r).iter().any(|x| x.starts_with("appointments")),
        "{:?}",
        impacts(&r)
    );
    for body in [
        "Radiologie Veurne was hit by ransomware on Monday. The attack, which knocked out the appointment system, was claimed by Akira.",
        "Radiologie Veurne was hit by ransomware on Monday. Several systems, which include the appointment system, were unavailable.",
    ] {
        let r = rec("Radiology practice hit", "2024-10-08", body);
        assert!(
            impacts(&r).iter().any(|x| x.starts_with("appointment")),
            "{body}: {:?}",
            impacts(&r)
        );
    }
}
