//! Dates and the focal incident in Dutch, French, German and English (issue #15, items 1
//! and 2): named days, month parts, day and night ranges, numeric and timeline dates,
//! bylines of plain-text scrapes, labelled dates of trackers and reports, and sentences
//! about an earlier incident at the same victim. Oracles: the calendar (chrono, written by
//! hand for the fixed cases, computed for the random ones) and the facts of the texts.

use cordon_intel::dates::{Anchor, find_dates_in};
use cordon_intel::extract::lexicon;
use cordon_intel::{Document, Format, Provenance};
use proptest::prelude::*;

fn doc(title: &str, published: Option<&str>, body: &str) -> Document {
    Document {
        source: "test.txt".into(),
        format: Format::Text,
        title: Some(title.into()),
        site_name: None,
        description: None,
        url: None,
        guid: None,
        published: published.map(str::to_string),
        body: body.into(),
        links: Vec::new(),
        noise: Default::default(),
    }
}

fn dates(s: &str, published: &str, lang: &str) -> Vec<String> {
    let lex = lexicon::for_language(Some(lang));
    find_dates_in(s, Anchor::parse(published), &lex)
        .into_iter()
        .map(|m| m.value)
        .collect()
}

#[test]
fn named_days_in_four_languages() {
    // 2023-12-27 is a Wednesday.
    assert_eq!(
        dates("Hackerangriff an Heiligabend", "2023-12-27", "de"),
        ["2023-12-24"]
    );
    assert_eq!(
        dates("getroffen op kerstavond", "2023-12-27", "nl"),
        ["2023-12-24"]
    );
    assert_eq!(
        dates("attaqué la veille de Noël", "2023-12-27", "fr"),
        ["2023-12-24"]
    );
    assert_eq!(
        dates("hit on Christmas Eve", "2023-12-27", "en"),
        ["2023-12-24"]
    );
    // Before the day in the publication year: the year before.
    assert_eq!(dates("an Heiligabend", "2024-01-03", "de"), ["2023-12-24"]);
    // A year written after it is stated.
    let lex = lexicon::for_language(Some("de"));
    let m = find_dates_in("an Heiligabend 2019", None, &lex);
    assert_eq!(m[0].value, "2019-12-24");
    assert_eq!(m[0].provenance, Provenance::Stated);
}

#[test]
fn month_parts_give_month_precision() {
    assert_eq!(
        dates("is begin juli getroffen", "2025-08-08", "nl"),
        ["2025-07"]
    );
    assert_eq!(
        dates("attaqué début juillet", "2025-08-08", "fr"),
        ["2025-07"]
    );
    assert_eq!(
        dates("Anfang Juli angegriffen", "2025-08-08", "de"),
        ["2025-07"]
    );
    assert_eq!(
        dates("was hit in early July", "2025-08-08", "en"),
        ["2025-07"]
    );
    assert_eq!(dates("Ende Dezember 2022", "2025-08-08", "de"), ["2022-12"]);
    // "in December" in a January article is last December…
    assert_eq!(dates("eind december", "2025-01-10", "nl"), ["2024-12"]);
    // …"in July" in a March article is left open (it may be a plan).
    assert!(dates("begin juli", "2025-03-10", "nl").is_empty());
    // "may" the verb is no month.
    assert!(dates("systems in may be restored", "2025-08-08", "en").is_empty());
}

#[test]
fn day_ranges_and_nights() {
    // A weekend or a range: its first day.
    assert_eq!(
        dates(
            "in het weekend van 11 en 12 november ontdekt",
            "2023-11-15",
            "nl"
        ),
        ["2023-11-11"]
    );
    assert_eq!(
        dates("between 11 and 12 November 2023", "2023-11-15", "en"),
        ["2023-11-11"]
    );
    assert_eq!(
        dates("vom 20. bis 22. August", "2022-09-01", "de"),
        ["2022-08-20"]
    );
    // A night: the day it ends in.
    assert_eq!(
        dates("dans la nuit du 20 au 21 août", "2022-09-25", "fr"),
        ["2022-08-21"]
    );
    assert_eq!(
        dates(
            "In der Nacht zum 10. September 2020 verschlüsselten Angreifer",
            "2020-09-21",
            "de"
        ),
        ["2020-09-10"]
    );
    assert_eq!(
        dates("in de nacht van 3 op 4 maart", "2024-03-10", "nl"),
        ["2024-03-04"]
    );
}

#[test]
fn numeric_and_timeline_dates() {
    assert_eq!(
        dates("Bielefeld – 27.12.2023, 14:05 Uhr", "2024-01-10", "de"),
        ["2023-12-27"]
    );
    assert_eq!(dates("le 16/04/2024", "2024-05", "fr"), ["2024-04-16"]);
    assert_eq!(dates("op 11-11-2023", "2024-05", "nl"), ["2023-11-11"]);
    // English press writes both orders: only an unambiguous one is read.
    assert_eq!(dates("on 27/12/2023", "2024-01-10", "en"), ["2023-12-27"]);
    assert_eq!(dates("on 12/27/2023", "2024-01-10", "en"), ["2023-12-27"]);
    assert!(dates("on 04/05/2023", "2024-01-10", "en").is_empty());
    // A timeline entry without a year takes the publication's.
    assert_eq!(
        dates("16/04 : attaque détectée", "2024-05", "fr"),
        ["2024-04-16"]
    );
    // Times are no dates.
    assert!(dates("van 09.00 tot 17.00 uur", "2024-05-10", "nl").is_empty());
}

#[test]
fn last_weekday_is_strictly_before() {
    // 2026-01-16 is a Friday.
    assert_eq!(
        dates("am vergangenen Freitag", "2026-01-16", "de"),
        ["2026-01-09"]
    );
    assert_eq!(
        dates("vendredi dernier", "2026-01-16", "fr"),
        ["2026-01-09"]
    );
    assert_eq!(
        dates("afgelopen vrijdag", "2026-01-16", "nl"),
        ["2026-01-09"]
    );
    assert_eq!(dates("am Freitag", "2026-01-16", "de"), ["2026-01-16"]);
}

#[test]
fn byline_of_a_plain_text_scrape_is_the_publication_date() {
    let src = "Hackerangriff an Heiligabend: Drei Krankenhäuser eingeschränkt\nWestfalen Aktuell – Bielefeld – 27.12.2023, 14:05 Uhr\n\nBielefeld. Cyberkriminelle haben am Sonntag die IT-Systeme der Katholischen Hospitalvereinigung Ostwestfalen (KHO) angegriffen.\n";
    let d = cordon_intel::ingest::parse_text("scrape.txt", src);
    let r = cordon_intel::extract(&d);
    assert_eq!(
        r.publication_date.value().map(String::as_str),
        Some("2023-12-27")
    );
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2023-12-24")
    );
}

#[test]
fn labelled_dates_win_and_source_dates_never_count() {
    let body = "## Timeline\n- 18 March 2021: a member of staff opened a phishing email, giving the attackers a foothold.\n- 14 May 2021: the ransomware was executed.\n\n## Details\n- Date of incident: 14 May 2021\n- Date of discovery: 14 May 2021\n\n## Sources\n+ Source: news\n+ Date: May 20, 2021\n";
    let r = cordon_intel::extract(&doc(
        "Incident Report: X Health ransomware attack",
        Some("2025-01-14"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2021-05-14")
    );
    assert_eq!(
        r.discovery_date.value().map(String::as_str),
        Some("2021-05-14")
    );
    for (lang, body) in [
        (
            "fr",
            "Victime : Centre hospitalier Exemple\nDate du piratage : 16/04/2024\nGroupe : Lockbit\n\nL'hôpital a été attaqué.",
        ),
        (
            "nl",
            "Slachtoffer: AZ Voorbeeld\nDatum van de aanval: 16-04-2024\nGroep: Lockbit\n\nHet ziekenhuis werd aangevallen.",
        ),
        (
            "de",
            "Opfer: Klinikum Beispiel\nAngriffsdatum: 16.04.2024\nTätergruppe: Lockbit\n\nDas Klinikum wurde angegriffen.",
        ),
    ] {
        let r = cordon_intel::extract(&doc("Tracker", Some("2024-05-20"), body));
        assert_eq!(
            r.incident_date.value().map(String::as_str),
            Some("2024-04-16"),
            "{lang}"
        );
    }
}

#[test]
fn tracker_timeline_is_content() {
    let body = "Opfer: Klinikum Beispiel\nLand: Deutschland\nArt des Vorfalls: Ransomware\n\nZeitleiste\n10.09.2020 – Systemausfall, Cyberangriff entdeckt\n17.09.2020 – Ermittlungen bekannt\n23.09.2020 – Wiederaufnahme geplant\n";
    let r = cordon_intel::extract(&doc("Klinikum Beispiel", Some("2020-09-21"), body));
    assert_eq!(
        r.discovery_date.value().map(String::as_str),
        Some("2020-09-10")
    );
}

proptest! {
    /// Every day of 1990–2035 written day-month-year in each language's words and in
    /// digits reads back as that day (oracle: chrono's calendar).
    #[test]
    fn written_dates_read_back(y in 1990i32..2035, m in 1u32..=12, d in 1u32..=31) {
        prop_assume!(chrono::NaiveDate::from_ymd_opt(y, m, d).is_some());
        let want = format!("{y:04}-{m:02}-{d:02}");
        for lang in ["nl", "fr", "de"] {
            let l = lexicon::by_code(lang).unwrap();
            // The full month name: the longest key for the month.
            let name = l.file.months.iter().filter(|(_, v)| **v == m).map(|(k, _)| k).max_by_key(|k| k.len()).unwrap();
            let sep = if lang == "de" { ". " } else { " " };
            prop_assert_eq!(dates(&format!("op {d}{sep}{name} {y} aangevallen"), "2036-01-01", lang), vec![want.clone()]);
            prop_assert_eq!(dates(&format!("le {d:02}.{m:02}.{y}"), "2036-01-01", lang), vec![want.clone()]);
            prop_assert_eq!(dates(&format!("le {d}/{m}/{y}"), "2036-01-01", lang), vec![want.clone()]);
        }
    }

    /// A range "D1 and D2 Month Year" is D1; a night "from D1 to D2" is D2 (oracle:
    /// arithmetic on the numbers written).
    #[test]
    fn ranges_read_back(y in 1990i32..2035, m in 1u32..=12, d1 in 1u32..=25, len in 1u32..=3) {
        let d2 = d1 + len;
        let l = lexicon::by_code("fr").unwrap();
        let name = l.file.months.iter().filter(|(_, v)| **v == m).map(|(k, _)| k).max_by_key(|k| k.len()).unwrap();
        prop_assert_eq!(dates(&format!("du {d1} au {d2} {name} {y}"), "2036-01-01", "fr"), vec![format!("{y:04}-{m:02}-{d1:02}")]);
        prop_assert_eq!(dates(&format!("dans la nuit du {d1} au {d2} {name} {y}"), "2036-01-01", "fr"), vec![format!("{y:04}-{m:02}-{d2:02}")]);
    }
}

fn actors(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.threat_actors.iter().map(|a| format!("{a:?}")).collect()
}

fn techniques(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.techniques.iter().map(|t| format!("{t:?}")).collect()
}

#[test]
fn an_earlier_incident_at_the_same_victim_is_set_apart() {
    // Trial F3.3: the June 2022 phishing is not the 2025 attack's vector.
    let body = "St Aldric's Hospital in Leeds has cancelled more than 200 outpatient appointments after a ransomware attack that began early on Wednesday, the trust said yesterday.\n\nIt is the second time in three years that the hospital has been hit. In June 2022, a phishing campaign compromised the email accounts of 40 staff at St Aldric's.";
    let r = cordon_intel::extract(&doc(
        "Leeds hospital cancels appointments after ransomware attack",
        Some("2025-11-27"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2025-11-26")
    );
    let t = techniques(&r).join(" ");
    assert!(!t.contains("T1566") && !t.contains("T1078"), "{t}");
    assert!(
        r.noise
            .set_apart
            .iter()
            .any(|s| s.starts_with("other incident: In June 2022"))
    );
    // The same in the three other languages: the earlier attack's actor is not this one's.
    for (lang, body) in [
        (
            "nl",
            "AZ Voorbeeld in Mechelen is dinsdag getroffen door een ransomwareaanval. Wie erachter zit, is nog niet bekend.\n\nHet ziekenhuis werd al eerder geviseerd. Vorig jaar legde de ransomwaregroep LockBit AZ Voorbeeld een week plat.",
        ),
        (
            "fr",
            "Le Centre hospitalier Exemple de Namur a été victime d'une cyberattaque mardi. L'auteur n'est pas connu.\n\nEn 2019, le groupe de hackers Ryuk avait déjà paralysé le Centre hospitalier Exemple.",
        ),
        (
            "de",
            "Das Klinikum Beispiel in Albstadt ist am Dienstag Opfer eines Cyberangriffs geworden. Wer dahintersteckt, ist unklar.\n\nIm Jahr 2020 hatte die Ransomware-Gruppe Black Basta das Klinikum Beispiel bereits angegriffen.",
        ),
    ] {
        let r = cordon_intel::extract(&doc(
            "Cyberangriff / cyberattaque / cyberaanval",
            Some("2025-11-27"),
            body,
        ));
        assert_eq!(
            r.incident_date.value().map(String::as_str),
            Some("2025-11-25"),
            "{lang}"
        );
        assert!(r.threat_actors.is_empty(), "{lang}: {:?}", actors(&r));
        assert!(
            r.noise
                .set_apart
                .iter()
                .any(|s| s.starts_with("other incident:")),
            "{lang}"
        );
    }
}

#[test]
fn a_retrospective_and_this_incidents_timeline_stay_focal() {
    // Published years later: the sentences about the incident are dated near it, not near
    // publication.
    let body = "On 14 May 2021, the Health Service Executive was hit by Conti ransomware, which encrypted most of its systems.\n\nIn 2019, auditors had warned about legacy systems.";
    let r = cordon_intel::extract(&doc(
        "Four years after the HSE ransomware attack",
        Some("2025-05-14"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2021-05-14")
    );
    assert!(!r.noise.set_apart.iter().any(|s| s.contains("14 May 2021")));
    assert!(
        r.noise
            .set_apart
            .iter()
            .any(|s| s.contains("In 2019, auditors"))
    );
    // A timeline of this incident: the phishing two months before encryption is its start.
    let body = "## Timeline\n- 18 March 2021: a member of staff opened a phishing email attachment, giving the attackers a foothold.\n- 14 May 2021: Conti ransomware was executed and encrypted systems.\n\n## Details\n- Date of incident: 14 May 2021\n- Organisation: Health Service Executive (HSE)\n";
    let r = cordon_intel::extract(&doc(
        "Incident Report: HSE Ransomware Attack",
        Some("2025-01-14"),
        body,
    ));
    assert!(
        techniques(&r).join(" ").contains("T1566"),
        "{:?}",
        techniques(&r)
    );
    // Naming this attack keeps an old date focal.
    let body = "AZ Voorbeeld is dinsdag getroffen door een ransomwareaanval.\n\nDe hackers zaten volgens onderzoekers al sinds 2023 in het netwerk en bereidden deze aanval voor.";
    let r = cordon_intel::extract(&doc(
        "Cyberaanval op AZ Voorbeeld",
        Some("2025-11-27"),
        body,
    ));
    assert!(!r.noise.set_apart.iter().any(|s| s.contains("sinds 2023")));
}

#[test]
fn nights_between_two_weekdays_end_on_the_second() {
    // 2021-03-23 is a Tuesday; the night from Saturday 20 into Sunday 21 March.
    assert_eq!(
        dates("in de nacht van zaterdag op zondag", "2021-03-23", "nl"),
        ["2021-03-21"]
    );
    assert_eq!(
        dates("dans la nuit de samedi à dimanche", "2021-03-23", "fr"),
        ["2021-03-21"]
    );
    assert_eq!(
        dates("in der Nacht von Samstag auf Sonntag", "2021-03-23", "de"),
        ["2021-03-21"]
    );
    assert_eq!(
        dates("In der Nacht auf Sonntag", "2021-03-23", "de"),
        ["2021-03-21"]
    );
    // Two weekdays that are no night stay two dates.
    assert_eq!(
        dates("afspraken op dinsdag en woensdag", "2021-03-23", "nl").len(),
        2
    );
}

#[test]
fn header_labels_and_datelines_give_the_publication_date() {
    for (src, want) in [
        // A header line the text reader does not know, read in the language's order.
        (
            "Title: IT-Störung durch Schadsoftware\nDatum: 17.07.2019\nKategorie: Presse\n\nIn der Nacht auf Sonntag wurden Server des Klinikums verschlüsselt.\n",
            "2019-07-17",
        ),
        (
            "Title: Victime de cyberattaque : Centre hospitalier Exemple\nPublié le : 12/03/2021\n\nLe centre hospitalier a été victime d'une cyberattaque.\n",
            "2021-03-12",
        ),
        // A dateline paragraph after the menu lines.
        (
            "Title: Persbericht: cyberaanval op Zorgnet Voorbeeld\n\nHome > Nieuws > Persberichten\nOver ons | Patiënten | Contact\n\nPersbericht: cyberaanval op Zorgnet Voorbeeld\n\nDiest, 4 november 2020\n\nZorgnet Voorbeeld is het doelwit van een cyberaanval. Maandagavond stelde onze IT-dienst vast dat onbekenden toegang hadden gekregen.\n",
            "2020-11-04",
        ),
    ] {
        let d = cordon_intel::ingest::parse_text("t.txt", src);
        let r = cordon_intel::extract(&d);
        assert_eq!(
            r.publication_date.value().map(String::as_str),
            Some(want),
            "{src}"
        );
    }
    // The header's own "Date:" with an unambiguous numeric date.
    let d = cordon_intel::ingest::parse_text(
        "t.txt",
        "Title: AP-HP : données dérobées\nDate: 16/09/2021\n\nL'AP-HP a été victime d'une cyberattaque.\n",
    );
    assert_eq!(d.published.as_deref(), Some("2021-09-16"));
    // "+ Date:" lines list sources: never the page's date.
    let d = cordon_intel::ingest::parse_text(
        "t.txt",
        "Title: Report\n\nThe hospital was hit by ransomware.\n\nSources\n+ Source: news\n+ Date: 20/05/2021\n",
    );
    assert!(cordon_intel::extract(&d).publication_date.value().is_none());
}

#[test]
fn discovery_in_separable_verbs_and_first_access_versus_execution() {
    // 2020-11-04 is a Wednesday: "Maandagavond" is 2 November.
    let src = "Title: Persbericht\n\nDiest, 4 november 2020\n\nZorgnet Voorbeeld is het doelwit van een cyberaanval. Maandagavond stelde onze IT-dienst vast dat onbekenden toegang hadden gekregen tot het netwerk.\n\nIn februari 2019 werd AZ Voorbeeld al eens getroffen door een phishingaanval.\n";
    let r = cordon_intel::extract(&cordon_intel::ingest::parse_text("t.txt", src));
    assert_eq!(
        r.discovery_date.value().map(String::as_str),
        Some("2020-11-02")
    );
    // The 2019 attack is another incident: not this one's date.
    assert_ne!(r.incident_date.value().map(String::as_str), Some("2019-02"));
    // The attackers got in in October; the attack is dated by its execution in December.
    let body = "De aanvallers kwamen al in oktober binnen via een phishingmail. Op maandag 23 december sloegen ze toe en werden 267 servers versleuteld.";
    let r = cordon_intel::extract(&doc(
        "Cyberaanval op Universiteit Voorbeeld",
        Some("2020-02-05"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2019-12-23")
    );
    // Without an execution date, the first access dates it.
    let body = "Unbekannte verschafften sich am vergangenen Donnerstag Zugang zu den Postfächern der Kasse. Am Montag bemerkte die IT-Abteilung ungewöhnliche Weiterleitungsregeln.";
    let r = cordon_intel::extract(&doc(
        "Phishing-Angriff auf die Beispiel BKK",
        Some("2020-03-24"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2020-03-19")
    );
    assert_eq!(
        r.discovery_date.value().map(String::as_str),
        Some("2020-03-23")
    );
}

#[test]
fn earlier_incidents_told_without_a_date() {
    for (lang, body) in [
        (
            "fr",
            "Le Centre hospitalier Exemple a été victime d'une cyberattaque lundi.\n\nUne semaine plus tôt, le centre hospitalier de Dax avait subi une attaque du même type, revendiquée par le groupe de hackers Ryuk.",
        ),
        (
            "nl",
            "AZ Voorbeeld is maandag getroffen door een cyberaanval.\n\nHet ziekenhuis werd al eens getroffen door de ransomwaregroep LockBit.",
        ),
        (
            "en",
            "Example Hospital was hit by a cyberattack on Monday.\n\nThe hospital had already been hit by the LockBit gang, which demanded a ransom.",
        ),
    ] {
        let r = cordon_intel::extract(&doc(
            "Cyberattaque / cyberaanval / cyberattack",
            Some("2021-02-17"),
            body,
        ));
        assert!(r.threat_actors.is_empty(), "{lang}: {:?}", actors(&r));
        assert_eq!(
            r.incident_date.value().map(String::as_str),
            Some("2021-02-15"),
            "{lang}"
        );
    }
}

#[test]
fn a_trial_dates_the_attack_it_judges() {
    // Trial F3.13: the weekday is the sentencing's, the month the attack's.
    let body = "A court in Leuven on Thursday sentenced a man for the ransomware attack on Example Hospital in March 2021.";
    let r = cordon_intel::extract(&doc(
        "Man sentenced over hospital ransomware attack",
        Some("2026-01-16"),
        body,
    ));
    assert_eq!(r.incident_date.value().map(String::as_str), Some("2021-03"));
    let body = "Ein Gericht in Leuven hat am Donnerstag einen Mann für den Ransomware-Angriff auf das Klinikum Beispiel im März 2021 verurteilt.";
    let r = cordon_intel::extract(&doc("Urteil nach Cyberangriff", Some("2026-01-16"), body));
    assert_eq!(r.incident_date.value().map(String::as_str), Some("2021-03"));
}

#[test]
fn a_written_day_sharpens_an_inferred_month() {
    let body = "Example Health said on Thursday that a ransomware attack that disrupted its hospitals in October had exposed patient data.\n\nAn investigation found that the attackers had access to parts of the network between September 16 and October 3.";
    let r = cordon_intel::extract(&doc(
        "Example Health ransomware attack exposed data",
        Some("2022-12-02"),
        body,
    ));
    assert_eq!(
        r.incident_date.value().map(String::as_str),
        Some("2022-09-16")
    );
    // A later day does not replace the month.
    let body = "A ransomware attack disrupted Example Hospital in October.\n\nThe attackers were still in the network on 3 November.";
    let r = cordon_intel::extract(&doc(
        "Example Hospital ransomware attack",
        Some("2022-12-02"),
        body,
    ));
    assert_eq!(r.incident_date.value().map(String::as_str), Some("2022-10"));
}

#[test]
fn a_ransom_negated_after_the_noun_is_no_demand() {
    for (lang, body) in [
        (
            "nl",
            "AZ Voorbeeld is maandag getroffen door een cyberaanval. Losgeld werd niet geëist.",
        ),
        (
            "de",
            "Das Klinikum Beispiel wurde am Montag angegriffen. Ein Lösegeld wurde bislang nicht gefordert.",
        ),
        (
            "de",
            "Das Klinikum Beispiel wurde am Montag angegriffen. Eine Lösegeldforderung ist bislang nicht eingegangen.",
        ),
        (
            "en",
            "Example Hospital was hit by a cyberattack on Monday. A ransom was not demanded.",
        ),
    ] {
        let r = cordon_intel::extract(&doc(
            "Cyberangriff / cyberaanval / cyberattack",
            Some("2021-02-17"),
            body,
        ));
        assert!(r.motives.is_empty(), "{lang}: {:?}", r.motives);
        assert!(!techniques(&r).join(" ").contains("T1657"), "{lang}");
    }
    // A refused payment: the demand stands.
    let body = "Das Klinikum Beispiel wurde am Montag mit Ransomware angegriffen. Das Lösegeld werde nicht gezahlt, sagte ein Sprecher.";
    let r = cordon_intel::extract(&doc("Cyberangriff", Some("2021-02-17"), body));
    assert!(
        techniques(&r).join(" ").contains("T1657"),
        "{:?}",
        techniques(&r)
    );
}
