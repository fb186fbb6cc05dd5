//! Session 23 (issue 15): incident and discovery dates told in the narrative's own words.
//! Every article is invented for the test (organisations and people are fictitious; towns
//! are real), with a counter-example where a shape could overreach.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;

fn incident(r: &IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

fn discovery(r: &IncidentRecord) -> Option<&str> {
    r.discovery_date.value().map(String::as_str)
}

/// A weekday told from the narrative's day stays the narrative's for the sentence after
/// it: years after the events, "that same Friday" and "the Saturday … on March 11" are
/// 10 and 11 March 2023, not the days before publication.
#[test]
fn narrative_weekdays_chain() {
    let body = "Birchfield Orthopaedics in Keene agreed to pay $95,000 to settle the case.\n\nAttackers logged in to the practice's network on the evening of Friday, March 10, 2023, through a remote desktop connection. Before midnight that same Friday, the attackers copied files from a file server and encrypted the servers. Staff arriving for the Saturday morning clinic on March 11 found that none of the computers would start.";
    let r = rec(
        "Orthopaedic practice settles over 2023 ransomware attack",
        "2026-05-14",
        body,
    );
    assert_eq!(incident(&r), Some("2023-03-10"));
    assert_eq!(discovery(&r), Some("2023-03-11"));
}

/// The attackers' log-in with a stolen password is their first access in German and
/// Dutch word orders ("meldete sich … mit den Zugangsdaten … an", "heeft zich aangemeld …
/// met de gebruikersnaam en het wachtwoord"); a day said in a subordinate clause of saying
/// ("Wie die Praxis am Mittwoch mitteilte") is the statement's; a warning about an
/// unusual log-in and an e-mail from unknown senders are the discovery.
#[test]
fn log_ins_warnings_and_unknown_senders_date_the_story() {
    let de = "Ein Unbekannter hat Daten der Gemeinschaftspraxis Am Bach in Vianden kopiert.\n\nWie die Gemeinschaftspraxis am Mittwoch mitteilte, meldete sich der Täter am Sonntag mit den Zugangsdaten der Praxis auf der Online-Plattform an. Am Montagmorgen wies der Betreiber der Plattform die Praxis auf eine ungewöhnliche Anmeldung aus dem Ausland hin.";
    let r = rec("Datenleck bei Arztpraxis", "2026-03-12", de);
    assert_eq!(incident(&r), Some("2026-03-08"));
    assert_eq!(discovery(&r), Some("2026-03-09"));
    let nl = "Thuisverpleging De Linde in Lochristi is getroffen door een datalek.\n\nOp zaterdag 14 februari heeft iemand zich aangemeld op het webportaal van ons zorgdossier, met de gebruikersnaam en het wachtwoord van een van onze verpleegkundigen. Op maandag 16 februari kregen wij een e-mail van een onbekende afzender.";
    let r = rec("Datalek bij Thuisverpleging De Linde", "2026-02-19", nl);
    assert_eq!(incident(&r), Some("2026-02-14"));
    assert_eq!(discovery(&r), Some("2026-02-16"));
}

/// Staff who "came in" on a morning arrive at work: no attackers' entry. Their discovery
/// that morning is told from the recapped night of the attack, not from publication.
#[test]
fn staff_coming_in_is_no_intrusion() {
    let nl = "De Trombosedienst Oosthoek heeft losgeld betaald. Dat maakte het bestuur maandag bekend.\n\nTer herinnering: in de nacht van zondag 7 op maandag 8 september versleutelden criminelen alle servers van de Trombosedienst Oosthoek in Hulst. De eerste medewerkers die maandagochtend binnenkwamen, merkten dat het doseerprogramma niet meer werkte.";
    let r = rec("Trombosedienst Oosthoek betaalde losgeld", "2025-10-14", nl);
    assert_eq!(incident(&r), Some("2025-09-08"));
    assert_eq!(discovery(&r), Some("2025-09-08"));
}

/// A clock time in a sentence about discovery takes the day the last dated sentence, at
/// most three before, gave the attack (here through the attackers' log-in).
#[test]
fn clock_time_discovery_after_a_dated_log_in() {
    let nl = "Huisartsenpost De Polder in Emmeloord is zaterdagavond getroffen door ransomware.\n\nOp zaterdagavond 15 november, kort na 22.30 uur, logden de aanvallers in op onze thuiswerkomgeving met de inloggegevens van een triagist. Die gegevens waren enkele weken eerder buitgemaakt. Via de thuiswerkomgeving kwamen de aanvallers in ons netwerk terecht. Rond 23.10 uur zag de dienstdoende triagist dat het triagesysteem vastliep.";
    let r = rec("Huisartsenpost getroffen door ransomware", "2025-11-17", nl);
    assert_eq!(incident(&r), Some("2025-11-15"));
    assert_eq!(discovery(&r), Some("2025-11-15"));
}
