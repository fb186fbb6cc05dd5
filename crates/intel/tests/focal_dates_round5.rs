//! Dates, round 5 of session 5 (issue #15, kinds of held-out sets 7 and 8), by mechanism,
//! with phrasings written for these tests (none taken from a set), in Dutch, French, German
//! and English. Oracle: the calendar written out by hand (2026-03-13 is a Friday, checked
//! with chrono in `weekday_premises`) and the facts each invented text states.
//!
//! - a statement's date with its speaker between the verb and the date ("meldt de
//!   zorggroep donderdag", "teilt die Klinik am Donnerstag mit", "a indiqué la direction
//!   jeudi", "said the director on Thursday") is not the incident's date;
//! - a day range whose second day carries an article ("zwischen dem 3. und dem 6. März",
//!   "between the 3rd and the 6th of March") starts on its first day;
//! - the lead is the first paragraph of prose (not a repeated headline or a byline), so
//!   the sentence that first names a victim the headline gives only by type stays focal.

mod common;

use chrono::{Datelike, Weekday};
use common::{day, record};

fn inc(r: &cordon_intel::IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

#[test]
fn weekday_premises() {
    assert_eq!(day("2026-03-13").weekday(), Weekday::Fri);
    assert_eq!(day("2026-03-12").weekday(), Weekday::Thu);
    assert_eq!(day("2026-03-09").weekday(), Weekday::Mon);
}

#[test]
fn a_statement_date_with_its_speaker_before_it_is_not_the_incident_date() {
    for (lang, text) in [
        (
            "en",
            "Ransomware at Ashgrove Clinic\nPublished: 2026-03-13\n\n\
             Ashgrove Clinic has been struck by a ransomware attack, said the director on \
             Thursday. The attackers encrypted its servers on Monday.",
        ),
        (
            "nl",
            "Ransomware bij Zorggroep Heidebloem\nPublished: 2026-03-13\n\n\
             Zorggroep Heidebloem is getroffen door een ransomware-aanval, meldt de zorggroep \
             donderdag. De aanvallers versleutelden maandag de servers.",
        ),
        (
            "de",
            "Cyberangriff auf die Klinik Lindenhof\nPublished: 2026-03-13\n\n\
             Die Klinik Lindenhof ist Opfer eines Cyberangriffs geworden, bestätigt die Klinik \
             am Donnerstag. Die Angreifer verschlüsselten am Montag die Server.",
        ),
        (
            "fr",
            "Cyberattaque à la clinique des Tilleuls\nPublished: 2026-03-13\n\n\
             La clinique des Tilleuls a été victime d'une cyberattaque, a indiqué la direction \
             jeudi. Les pirates ont chiffré les serveurs lundi.",
        ),
    ] {
        let r = record(text);
        assert_ne!(
            inc(&r),
            Some("2026-03-12"),
            "{lang}: the statement's Thursday"
        );
        assert_eq!(
            inc(&r),
            Some("2026-03-09"),
            "{lang}: the encryption's Monday"
        );
    }
}

#[test]
fn a_day_range_with_an_article_before_its_second_day_starts_on_its_first() {
    for (lang, text) in [
        (
            "de",
            "Datenabfluss beim Pflegedienst Sonnental\nPublished: 2026-03-13\n\n\
             Zwischen dem 3. und dem 6. März 2026 haben Angreifer Dateien vom Server des \
             Pflegedienstes Sonnental heruntergeladen.",
        ),
        (
            "en",
            "Data theft at Ashgrove Clinic\nPublished: 2026-03-13\n\n\
             Between the 3rd and the 6th of March 2026, attackers stole files from the \
             servers of Ashgrove Clinic in a cyberattack.",
        ),
        (
            "fr",
            "Vol de données à la clinique des Tilleuls\nPublished: 2026-03-13\n\n\
             Entre le 3 et le 6 mars 2026, des pirates ont volé des fichiers sur les serveurs \
             de la clinique des Tilleuls lors d'une cyberattaque.",
        ),
        (
            "nl",
            "Datadiefstal bij Zorggroep Heidebloem\nPublished: 2026-03-13\n\n\
             Tussen 3 en 6 maart 2026 stalen hackers bij een cyberaanval bestanden van de \
             servers van Zorggroep Heidebloem.",
        ),
    ] {
        let r = record(text);
        assert_eq!(inc(&r), Some("2026-03-03"), "{lang}: the range's first day");
    }
}

/// A headline that gives only the victim's type, repeated above the body with a byline:
/// the lead is the first paragraph of prose, so the sentence that first names the victim
/// as the attack's object is focal, not "an attack on another organisation".
#[test]
fn the_sentence_that_first_names_the_victim_is_focal() {
    for (lang, text, victim) in [
        (
            "nl",
            "Title: Tandartsen zonder agenda na hack bij Utrechtse leverancier\n\
             Published: 2026-03-13\n\n\
             Tandartsen zonder agenda na hack bij Utrechtse leverancier\n\n\
             Door Anouk Verbeek\n\n\
             Zo'n 300 tandartspraktijken kunnen sinds dinsdag niet bij hun agenda. Oorzaak is \
             een ransomware-aanval op DentaPlan Software, de Utrechtse leverancier van hun \
             praktijksysteem.",
            "DentaPlan Software",
        ),
        (
            "en",
            "Title: Dentists left without diaries after hack at Leeds supplier\n\
             Published: 2026-03-13\n\n\
             Dentists left without diaries after hack at Leeds supplier\n\n\
             By Amy Holt\n\n\
             About 300 dental practices have been unable to open their diaries since \
             Tuesday. The cause is a ransomware attack on Molarware Systems, the Leeds \
             supplier of their practice software.",
            "Molarware Systems",
        ),
    ] {
        let r = record(text);
        assert!(
            !r.noise.set_apart.iter().any(|s| s.contains(victim)),
            "{lang}: {:?}",
            r.noise.set_apart
        );
    }
}
