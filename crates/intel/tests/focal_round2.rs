//! Dates, round 2 of session 4 (issue #15, kind 20 of held-out sets 5 and 6): a night
//! written with its weekdays and day numbers ("la nuit du jeudi 15 au vendredi 16 mars"),
//! also across a month's end ("la nuit du vendredi 31 mai au samedi 1er juin"), is dated
//! by the day it ends in (coding rule 11), in Dutch, French, German and English. The
//! phrasings are not taken from any held-out set. Oracle: the calendar, written out by
//! hand (the weekdays checked with chrono in `weekday_premises`).

mod common;

use chrono::{Datelike, Weekday};
use common::{dates, day};

#[test]
fn weekday_premises() {
    assert_eq!(day("2029-03-15").weekday(), Weekday::Thu);
    assert_eq!(day("2029-03-16").weekday(), Weekday::Fri);
    assert_eq!(day("2029-06-01").weekday(), Weekday::Fri);
    assert_eq!(day("2029-05-31").weekday(), Weekday::Thu);
    assert_eq!(day("2030-01-01").weekday(), Weekday::Tue);
}

#[test]
fn night_with_weekdays_and_day_numbers_is_its_second_day() {
    let cases = [
        (
            "Dans la nuit du jeudi 15 au vendredi 16 mars 2029, les serveurs ont été chiffrés.",
            "fr",
        ),
        (
            "In de nacht van donderdag 15 op vrijdag 16 maart 2029 werden de servers versleuteld.",
            "nl",
        ),
        (
            "In der Nacht vom Donnerstag, 15. auf Freitag, 16. März 2029 wurden die Server verschlüsselt.",
            "de",
        ),
        (
            "During the night of Thursday 15 to Friday 16 March 2029 the servers were encrypted.",
            "en",
        ),
    ];
    for (text, lang) in cases {
        assert_eq!(
            dates(text, "2029-03-20", lang),
            vec!["2029-03-16"],
            "{text}"
        );
    }
}

#[test]
fn night_across_a_month_end_is_its_second_day() {
    let cases = [
        (
            "Date de l'attaque : nuit du jeudi 31 mai au vendredi 1er juin 2029",
            "fr",
        ),
        (
            "de aanval vond plaats in de nacht van donderdag 31 mei op vrijdag 1 juni 2029",
            "nl",
        ),
        (
            "Der Angriff erfolgte in der Nacht vom 31. Dezember 2029 auf den 1. Januar 2030.",
            "de",
        ),
        (
            "The attack began in the night of 31 May into 1 June 2029.",
            "en",
        ),
    ];
    for (text, lang) in cases {
        let want = if lang == "de" {
            "2030-01-01"
        } else {
            "2029-06-01"
        };
        assert_eq!(dates(text, "2030-02-01", lang), vec![want], "{text}");
    }
}

#[test]
fn day_ranges_and_two_dates_that_are_no_night_stay_as_they_were() {
    // A range with weekdays, no night: its first day.
    assert_eq!(
        dates(
            "du jeudi 15 au vendredi 16 mars 2029, le service était fermé",
            "2029-03-20",
            "fr"
        ),
        vec!["2029-03-15"]
    );
    // Two consecutive dates across a month end without a night cue stay two dates.
    assert_eq!(
        dates(
            "Le 31 mai et le 1er juin 2029, les urgences ont été déviées.",
            "2029-06-20",
            "fr"
        ),
        vec!["2029-05-31", "2029-06-01"]
    );
    // A night cue over dates that are not consecutive is no night.
    assert_eq!(
        dates("dans la nuit du 30 mai au 2 juin 2029", "2029-06-20", "fr").len(),
        2
    );
}
