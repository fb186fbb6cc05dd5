//! Session 24 (issue 15): the victim's town where reporting names a village or small town,
//! the page's own summary, a headline's place tag. Every article is invented for the test
//! (organisations are fictitious; towns are real), each with a counter-example where the
//! shape could overreach.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;

fn city(r: &IncidentRecord) -> Option<&str> {
    r.city.value().map(String::as_str)
}

fn country(r: &IncidentRecord) -> Option<&str> {
    r.country.value().map(|c| c.code.as_str())
}

fn html_record(html: &str) -> IncidentRecord {
    let docs = cordon_intel::ingest::parse("page.html", html).expect("parse");
    cordon_intel::extract(&docs[0])
}

/// A village or small town (`data/geonames-villages.tsv`) is the victim's town right after
/// a preposition of place in the lead, before "-based", or in brackets after the name.
#[test]
fn villages_in_a_place_context() {
    let r = rec(
        "GP surgery loses £21,000 to invoice fraud",
        "2025-06-04",
        "A GP surgery in Llandeilo has lost £21,000 after criminals took over the practice manager's e-mail account.\n\nThe Tywi Meadows Surgery said it had reported the fraud to Action Fraud.",
    );
    assert_eq!(city(&r), Some("Llandeilo"));
    assert_eq!(country(&r), Some("GB"));
    let r = rec(
        "Pharmacy group fined over portal breach",
        "2025-06-04",
        "The regulator has fined a Clonakilty-based pharmacy group €40,000 after attackers logged in to 900 customer accounts with stolen passwords.",
    );
    assert_eq!(city(&r), Some("Clonakilty"));
    assert_eq!(country(&r), Some("IE"));
    let r = rec(
        "Leak-Seite: Labor gelistet",
        "2025-03-20",
        "Opfer: Medizinisches Labor Kamptal GmbH (Zwettl, Niederösterreich)\n\nDie Gruppe Qilin hat das Medizinische Labor Kamptal GmbH auf ihrer Leak-Seite aufgelistet.",
    );
    assert_eq!(city(&r), Some("Zwettl"));
    assert_eq!(country(&r), Some("AT"));
}

/// Towns listed after one preposition in the lead: the first is the organisation's home
/// ("in Thun, Hilterfingen und Steffisburg"); an operator's sites, each with its own
/// preposition, name none (tests/victims_actors_lang.rs).
#[test]
fn first_of_listed_towns() {
    let r = rec(
        "Cyberangriff auf Spitex",
        "2025-06-04",
        "Die Spitex Aarebogen AG pflegt rund 900 Klientinnen und Klienten in Thun, Hilterfingen und Steffisburg. Wir sind Opfer eines Cyberangriffs geworden.",
    );
    assert_eq!(city(&r), Some("Thun"));
    assert_eq!(country(&r), Some("CH"));
}

/// Counter-examples: a village's name ending the victim's name ("polyclinique d'Ardon",
/// a hill) or opening a longer name ("at Norfolk Valley Hospitals") is no seat; a village
/// read nowhere near a preposition stays unread.
#[test]
fn villages_not_in_a_place_context() {
    let r = rec(
        "Cyberattaque à la polyclinique d'Ardon",
        "2025-06-04",
        "La polyclinique d'Ardon a été victime d'un rançongiciel dans la nuit de lundi à mardi.",
    );
    assert_ne!(city(&r), Some("Ardon"));
    let r = rec(
        "Statement on IT incident at Norfolk Valley Hospitals NHS Trust",
        "2025-06-04",
        "Norfolk Valley Hospitals NHS Trust has declared a critical incident after a ransomware attack.",
    );
    assert_ne!(city(&r), Some("Norfolk"));
    let r = rec(
        "Ransomware attack on care home",
        "2025-06-04",
        "Llandeilo House care home was hit by ransomware on Monday.",
    );
    assert_eq!(city(&r), None);
}

/// A headline's place tag before a colon names the town ("Langres : l'Ehpad …").
#[test]
fn headline_place_tag() {
    let r = rec(
        "Langres : l'Ehpad des Tilleuls paralysé par une cyberattaque",
        "2025-02-11",
        "Le week-end dernier, un rançongiciel a chiffré les ordinateurs de l'Ehpad des Tilleuls. Le personnel travaille sur papier.",
    );
    assert_eq!(city(&r), Some("Langres"));
    assert_eq!(country(&r), Some("FR"));
    // No town before the colon: nothing.
    let r = rec(
        "Mise à jour : l'Ehpad des Tilleuls paralysé par une cyberattaque",
        "2025-02-11",
        "Le week-end dernier, un rançongiciel a chiffré les ordinateurs de l'Ehpad des Tilleuls.",
    );
    assert_eq!(city(&r), None);
}

/// The page's summary (`<meta name="description">`) names the town next to the victim's
/// name where the text does not: before a town merely mentioned far from the victim
/// (patients transferred to clinics in Würzburg).
#[test]
fn description_names_the_town() {
    let page = |desc: &str| {
        format!(
            "<html><head><title>Krankenhaus zieht Bilanz</title><meta name=\"description\" content=\"{desc}\"><meta property=\"article:published_time\" content=\"2025-05-06T08:00:00+02:00\"></head><body><article><h1>Sechs Wochen nach dem Hackerangriff: Krankenhaus Tauberblick zieht Bilanz</h1><p>Das Krankenhaus Tauberblick hat kein Lösegeld gezahlt.</p><p>Die Täter hatten im März die Server verschlüsselt.</p><p>Der Geschäftsführer sagte am Montag, man habe viel gelernt.</p><p>Drei Patienten der Intensivstation wurden in Kliniken in Würzburg verlegt.</p></article></body></html>"
        )
    };
    let r = html_record(&page(
        "Das Krankenhaus Tauberblick in Wertheim hat kein Lösegeld gezahlt.",
    ));
    assert_eq!(city(&r), Some("Wertheim"));
    assert_eq!(country(&r), Some("DE"));
    // A description that names no town next to the victim changes nothing.
    let r = html_record(&page("Ein Krankenhaus hat kein Lösegeld gezahlt."));
    assert_ne!(city(&r), Some("Wertheim"));
}

fn incident(r: &IncidentRecord) -> Option<&str> {
    r.incident_date.value().map(String::as_str)
}

fn discovery(r: &IncidentRecord) -> Option<&str> {
    r.discovery_date.value().map(String::as_str)
}

/// Moveable feasts are days from Western Easter, checked against the published Easter
/// Sundays (2023-04-09, 2024-03-31, 2025-04-20, 2026-04-05) and their feasts.
#[test]
fn moveable_feasts_against_published_easter_dates() {
    use cordon_intel::dates::NamedDay;
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    for (y, easter) in [
        (2023, "2023-04-09"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
    ] {
        assert_eq!(NamedDay::Easter(0).in_year(y), Some(d(easter)));
    }
    // Shrove Tuesday 2025 was 4 March, Whit Monday 2025 9 June, Ascension 2024 9 May.
    assert_eq!(
        NamedDay::parse("easter-47").unwrap().in_year(2025),
        Some(d("2025-03-04"))
    );
    assert_eq!(
        NamedDay::parse("easter+50").unwrap().in_year(2025),
        Some(d("2025-06-09"))
    );
    assert_eq!(
        NamedDay::parse("easter+39").unwrap().in_year(2024),
        Some(d("2024-05-09"))
    );
    // Before this year's feast, the latest one is last year's.
    assert_eq!(
        NamedDay::parse("easter+1")
            .unwrap()
            .latest_on_or_before(d("2025-04-01")),
        Some(d("2024-04-01"))
    );
    assert_eq!(NamedDay::parse("12-24"), Some(NamedDay::MonthDay(12, 24)));
    for bad in ["easter*2", "easter+400", "13-01", "easterly"] {
        assert_eq!(NamedDay::parse(bad), None, "{bad}");
    }
}

/// A feast's name dates the attack in each language; a night from one named day to the
/// next is the day it ends in.
#[test]
fn feasts_date_the_attack() {
    let r = rec(
        "Labor verschlüsselt",
        "2025-03-21",
        "\"Am Faschingsdienstag kurz vor Mitternacht haben Kriminelle alle Server des Labors Kamptal verschlüsselt. Unser Frühdienst hat den Angriff am Aschermittwoch in der Früh bemerkt.\"",
    );
    assert_eq!(incident(&r), Some("2025-03-04"));
    assert_eq!(discovery(&r), Some("2025-03-05"));
    let r = rec(
        "Practice hit by ransomware",
        "2025-04-25",
        "The Mont Street Medical Practice in Waterloo was hit by ransomware in the night from Easter Sunday to Easter Monday.",
    );
    assert_eq!(incident(&r), Some("2025-04-21"));
    let r = rec(
        "Huisartsenpraktijk getroffen door ransomware",
        "2025-06-12",
        "Op tweede pinksterdag hebben criminelen de servers van Huisartsenpraktijk De Vaart in Zwolle versleuteld.",
    );
    assert_eq!(incident(&r), Some("2025-06-09"));
}

/// The day an attack was made public, reported to an authority or an update was added is
/// no incident date: the attack's own day is.
#[test]
fn days_of_making_public_are_no_incident_dates() {
    let r = rec(
        "Labor auf Leak-Seite",
        "2025-03-21",
        "Das Labor Kamptal hatte den Angriff bereits am 7. März auf seiner Website öffentlich gemacht.\n\nAm 4. März haben Kriminelle alle Server des Labors verschlüsselt.",
    );
    assert_eq!(incident(&r), Some("2025-03-04"));
    let r = rec(
        "Datalek bij thuiszorg",
        "2025-05-28",
        "Wij hebben het datalek op maandag 26 mei gemeld bij de Autoriteit Persoonsgegevens.\n\nOp donderdag 22 mei heeft een onbekende het e-mailaccount van Thuiszorg De Regge gehackt.",
    );
    assert_eq!(incident(&r), Some("2025-05-22"));
    let r = rec(
        "Un centre dentaire revendiqué",
        "2024-11-20",
        "Le centre avait lui-même annoncé l'attaque sur son site internet le mardi 5 novembre.\n\nLe vendredi 1er novembre, des pirates ont chiffré les serveurs du Centre dentaire des Tilleuls.",
    );
    assert_eq!(incident(&r), Some("2024-11-01"));
    let r = rec(
        "Tandartspraktijk op leksite",
        "2024-09-27",
        "Criminelen hebben op 30 augustus de servers van Tandartspraktijk Zeezicht versleuteld.\n\nAanvulling 24 september: het onderzoek heeft uitgewezen dat de criminelen gegevens hebben gekopieerd.",
    );
    assert_eq!(incident(&r), Some("2024-08-30"));
    // Counter-example: a date in the clause the announcement reports stays the attack's.
    let r = rec(
        "Hospital confirms attack",
        "2025-05-08",
        "The Riverside Hospital announced that criminals encrypted its servers on 5 May.",
    );
    assert_eq!(incident(&r), Some("2025-05-05"));
}

/// A Q&A page's question about the discovery ("Wanneer is het ontdekt?", "Comment
/// l'avez-vous découvert ?", "Wie haben Sie davon erfahren?") dates the discovery by its
/// answer's first sentence, never the attack; another question does not.
#[test]
fn a_question_about_discovery_dates_its_answer() {
    let nl = "Thuiszorg De Regge in Ommen is getroffen door phishing.\n\nWat is er gebeurd?\n\nOp donderdag 22 mei hebben criminelen het e-mailaccount van een teamleider gehackt.\n\nWanneer is het ontdekt?\n\nOp zondagochtend 25 mei belden de eerste cliënten naar onze coördinator, omdat zij de e-mail niet vertrouwden.";
    let r = rec("Vragen en antwoorden", "2025-05-28", nl);
    assert_eq!(incident(&r), Some("2025-05-22"));
    assert_eq!(discovery(&r), Some("2025-05-25"));
    let de = "Eine ehemalige Mitarbeiterin der Spitex Sonnhalde hat Daten exportiert.\n\nWas ist passiert?\n\nAm Donnerstag, 8. Januar 2026, hat sie sich mit ihrem Konto angemeldet und eine Liste exportiert.\n\nWie haben Sie davon erfahren?\n\nAm Montag, 26. Januar, haben uns zwei Klientinnen angerufen.";
    let r = rec("Fragen und Antworten", "2026-01-29", de);
    assert_eq!(incident(&r), Some("2026-01-08"));
    assert_eq!(discovery(&r), Some("2026-01-26"));
    // Another question's answer dates nothing as discovery.
    let other = "Thuiszorg De Regge in Ommen is getroffen door phishing.\n\nWat hebben jullie gedaan?\n\nOp zondag 25 mei hebben wij het account geblokkeerd.";
    let r = rec("Vragen en antwoorden", "2025-05-28", other);
    assert_eq!(discovery(&r), None);
}

/// A Swiss "EMS" (établissement médico-social) followed by a French name is a care home;
/// "EMS" inside a word or a bare English "EMS" is none; an Austrian "Mobile Pflege" is a
/// healthcare provider.
#[test]
fn care_home_and_home_care_names() {
    use cordon_intel::extract::org_type;
    assert_eq!(org_type("EMS Les Tilleuls du Jorat"), Some("care home"));
    assert_eq!(org_type("EMS de la Sarine"), Some("care home"));
    assert_ne!(org_type("Riverside Health Systems"), Some("care home"));
    assert_ne!(org_type("County EMS"), Some("care home"));
    assert_eq!(
        org_type("Mobile Pflege Oberes Inntal"),
        Some("healthcare provider")
    );
    assert_eq!(
        org_type("Mobiler Hilfsdienst Gurktal"),
        Some("healthcare provider")
    );
}
