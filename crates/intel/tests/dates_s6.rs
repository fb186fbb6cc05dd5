//! Dates, session 6 (issue #15, kinds of held-out sets 7 and 8), by mechanism, with
//! phrasings written for these tests (none taken from a set), in English, Dutch, German and
//! French. Oracle: the calendar written out by hand (2026-03-13 is a Friday, checked with
//! chrono in `weekday_premises`) and the facts each invented text states.
//!
//! - a date after "since" / "sinds" / "seit" / "depuis" is when a lasting state began: an
//!   earlier day (at most a week) a later sentence gives the attack replaces it;
//! - a tracker's `Published: 2026-03` label below its menu lines is the page's date, with
//!   month precision, and anchors the dates of its text;
//! - a generated report's "Report generated:" / "Généré le :" line is its publication date;
//! - an HTML page's `<meta name="article:published_time">` is its publication date;
//! - discovery phrasings: "merkten … dat", "schlug … Alarm", "raised the alarm", "dès la
//!   détection de l'incident", "découvrait"; a verb of the attack's start alone ("sloegen
//!   … toe") is about the attack;
//! - a clock time without a date in a sentence about discovery, right after the sentence
//!   that dated the attack, belongs to that day;
//! - researchers' warnings ("have warned since August", "Sicherheitsforscher warnen") are
//!   someone else's statements, not the incident's date; receiving a fake message ("a reçu
//!   un faux courriel") dates the attackers' first access.

mod common;

use chrono::{Datelike, Weekday};
use common::{day, record};

fn inc(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

fn published(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.publication_date.value().map(String::as_str)
}

#[test]
fn weekday_premises() {
    assert_eq!(day("2026-03-13").weekday(), Weekday::Fri);
    assert_eq!(day("2026-03-11").weekday(), Weekday::Wed);
    assert_eq!(day("2026-03-10").weekday(), Weekday::Tue);
}

#[test]
fn a_since_date_gives_way_to_the_attacks_own_earlier_day() {
    for (lang, text) in [
        (
            "en",
            "Clinics on paper after attack on software firm\nPublished: 2026-03-13\n\n\
             Dozens of clinics have been unable to open patient files since Wednesday after a \
             ransomware attack on their software supplier Larchfield Systems. Larchfield said \
             criminals encrypted its servers on Tuesday evening.",
        ),
        (
            "nl",
            "Praktijken op papier na aanval op leverancier\nPublished: 2026-03-13\n\n\
             Tientallen huisartsen kunnen sinds woensdag geen dossiers openen na een \
             ransomware-aanval op hun leverancier Medilink. Volgens Medilink versleutelden \
             criminelen dinsdag de servers.",
        ),
        (
            "de",
            "Praxen arbeiten nach Angriff auf Dienstleister auf Papier\nPublished: 2026-03-13\n\n\
             Dutzende Arztpraxen können seit Mittwoch keine Akten öffnen, nachdem ein \
             Cyberangriff den Dienstleister Praxisnetz Weser getroffen hat. Die Täter \
             verschlüsselten am Dienstag die Server.",
        ),
    ] {
        let r = record(text);
        assert_eq!(inc(&r), Some("2026-03-10"), "{lang}: {:?}", r.incident_date);
    }
}

#[test]
fn a_since_date_alone_stays_and_a_far_earlier_day_does_not_replace_it() {
    for (lang, text) in [
        (
            "en",
            "Hospital hit by cyberattack\nPublished: 2026-03-13\n\n\
             Rowan Hospital has been offline since Wednesday after a cyberattack.",
        ),
        (
            "fr",
            "Cyberattaque à la clinique des Saules\nPublished: 2026-03-13\n\n\
             La clinique des Saules est paralysée depuis mercredi par une cyberattaque. \
             Une première cyberattaque avait visé la clinique le 2 février 2026.",
        ),
    ] {
        let r = record(text);
        assert_eq!(inc(&r), Some("2026-03-11"), "{lang}: {:?}", r.incident_date);
    }
}

#[test]
fn a_month_label_below_the_menu_is_the_page_date() {
    for (lang, text, want) in [
        (
            "en",
            "Menu Search Trackers Groups Sectors About\n\
             Tracker > Healthcare > Hollybrook Care\n\n\
             Published: 2026-03\n\n\
             Victim: Hollybrook Care Ltd\n\n\
             The group listed Hollybrook Care on its leak site. The company said the attack \
             took place on Monday 2 March.",
            "2026-03-02",
        ),
        (
            "nl",
            "Menu Zoeken Trackers Groepen Sectoren\n\
             Tracker > Zorg > Thuiszorg Maasdal\n\n\
             Gepubliceerd: maart 2026\n\n\
             Slachtoffer: Thuiszorg Maasdal\n\n\
             De groep zette Thuiszorg Maasdal op haar lekwebsite. De cyberaanval vond plaats \
             op maandag 2 maart.",
            "2026-03-02",
        ),
    ] {
        let r = record(text);
        assert_eq!(
            published(&r),
            Some("2026-03"),
            "{lang}: {:?}",
            r.publication_date
        );
        assert_eq!(inc(&r), Some(want), "{lang}: {:?}", r.incident_date);
    }
}

#[test]
fn a_generated_reports_date_is_its_publication_date() {
    for (lang, text) in [
        (
            "en",
            "INCIDENT SUMMARY (AUTOMATED)\nSubject: Birchwood Clinic\n\
             Report generated: 2026-03-13\nTool: digest 2.0\n\n\
             Birchwood Clinic suffered a ransomware attack.",
        ),
        (
            "fr",
            "# Rapport d'incident : Clinique des Aulnes\n\n\
             Généré le : 2026-03-13\nOutil : synthèse automatique\n\n\
             La Clinique des Aulnes a subi une cyberattaque.",
        ),
    ] {
        let r = record(text);
        assert_eq!(
            published(&r),
            Some("2026-03-13"),
            "{lang}: {:?}",
            r.publication_date
        );
    }
}

#[test]
fn an_html_meta_name_published_time_is_the_page_date() {
    let page = "<html><head><title>Clinic hit</title>\
        <meta name=\"article:published_time\" content=\"2026-03-13T09:00:00Z\"></head>\
        <body><article><h1>Clinic hit</h1><p>Alderbrook Clinic was hit by a ransomware \
        attack.</p></article></body></html>";
    let a = cordon_intel::html::extract_article(page);
    assert_eq!(a.published.as_deref(), Some("2026-03-13T09:00:00Z"));
}

fn disc(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.discovery_date.value().map(String::as_str)
}

#[test]
fn discovery_phrasings_date_the_discovery() {
    for (lang, text, want_inc, want_disc) in [
        (
            "nl",
            "Thuiszorg Waalkant getroffen door ransomware\nPublished: 2026-03-13\n\n\
             Thuiszorg Waalkant is getroffen door een ransomware-aanval. De criminelen \
             sloegen volgens de directie toe in de nacht van maandag op dinsdag. \
             Dinsdagochtend merkten medewerkers dat ze niet meer konden inloggen; kort daarna \
             bleek dat de servers waren versleuteld.",
            Some("2026-03-10"),
            Some("2026-03-10"),
        ),
        (
            "de",
            "Cyberangriff auf Praxissoftware-Anbieter\nPublished: 2026-03-13\n\n\
             Der Softwareanbieter Medisoft Lippe ist Opfer eines Cyberangriffs geworden. \
             Der Angriff begann in der Nacht zum Dienstag; am Dienstagmorgen schlug das \
             Monitoring Alarm.",
            Some("2026-03-10"),
            Some("2026-03-10"),
        ),
        (
            "fr",
            "Cyberattaque au centre de radiologie des Coteaux\nPublished: 2026-03-13\n\n\
             Le centre de radiologie des Coteaux a été la cible d'une cyberattaque. Dès la \
             détection de l'incident, le mardi 10 mars vers 6 heures, nos équipes ont arrêté \
             les serveurs.",
            None,
            Some("2026-03-10"),
        ),
        (
            "en",
            "Clinic hit by ransomware\nPublished: 2026-03-13\n\n\
             Ferncliff Clinic was hit by a ransomware attack. Its monitoring raised the alarm \
             on Tuesday morning.",
            None,
            Some("2026-03-10"),
        ),
    ] {
        let r = record(text);
        if want_inc.is_some() {
            assert_eq!(inc(&r), want_inc, "{lang}: {:?}", r.incident_date);
        }
        assert_eq!(disc(&r), want_disc, "{lang}: {:?}", r.discovery_date);
    }
}

#[test]
fn a_clock_time_after_the_attacks_day_dates_the_discovery_to_it() {
    for (lang, text) in [
        (
            "nl",
            "Ziekenhuis getroffen door cyberaanval\nPublished: 2026-03-13\n\n\
             In de nacht van maandag 9 op dinsdag 10 maart is AZ Heidepark getroffen door een \
             cyberaanval met ransomware. Rond 3.15 uur merkte de ICT-wachtdienst dat servers \
             versleuteld waren.",
        ),
        (
            "en",
            "Hospital hit by ransomware\nPublished: 2026-03-13\n\n\
             Greystone Hospital was hit by a ransomware attack on Tuesday 10 March. At 04:30 \
             the on-call engineer noticed that servers had been encrypted.",
        ),
    ] {
        let r = record(text);
        assert_eq!(
            disc(&r),
            Some("2026-03-10"),
            "{lang}: {:?}",
            r.discovery_date
        );
    }
    // Without a clock time the sentence is not tied to the day before ("two weeks later").
    let r = record(
        "Hospital hit by ransomware\nPublished: 2026-03-13\n\n\
         Greystone Hospital was hit by a ransomware attack on Tuesday 3 March. Staff noticed \
         it two weeks later.",
    );
    assert_eq!(disc(&r), None, "{:?}", r.discovery_date);
}

#[test]
fn a_researchers_warning_is_not_the_incident_date() {
    for (lang, text) in [
        (
            "en",
            "Ransomware hits pharmacy software firm\nPublished: 2026-03-13\n\n\
             Hackers broke into the network of Tillbrook Software on Saturday and encrypted \
             its servers. Security researchers have warned since January that ransomware \
             groups are exploiting the flaw.",
        ),
        (
            "de",
            "Ransomware bei Praxissoftware-Anbieter\nPublished: 2026-03-13\n\n\
             Die Täter drangen am Samstag in das Netz von Medisoft Ems ein und verschlüsselten \
             die Server. Sicherheitsforscher warnen seit Januar, dass Ransomware-Gruppen die \
             Lücke ausnutzen.",
        ),
    ] {
        let r = record(text);
        assert_eq!(inc(&r), Some("2026-03-07"), "{lang}: {:?}", r.incident_date);
    }
}

#[test]
fn a_fake_message_received_dates_the_first_access() {
    let r = record(
        "Piratage à la mutualité des Sables\nPublished: 2026-03-13\n\n\
         La Mutualité des Sables a été victime d'un piratage informatique. Le lundi 2 mars, \
         une employée a reçu un faux courriel. Elle y a saisi son identifiant et son mot de \
         passe.",
    );
    assert_eq!(inc(&r), Some("2026-03-02"), "{:?}", r.incident_date);
}
