//! Session 15 (issue 15): shapes of real reporting the rules got wrong, each fixed by one
//! general shape in the shared mechanism or the lexicons. Every article is invented for
//! the test (organisations and people are fictitious; towns are real), with
//! counter-examples that must keep the value.

mod common;

use common::article as rec;
use common::impacts::{assert_has, keys, lacks};
use common::responses::kinds;

/// A care provider's record system named by what it holds ("the electronic care record
/// system", "het zorgdossier", "le dossier de soins", "die Bewohnerakte") and an
/// unavailability said with a verb ("would not load", "could no longer open", "had stopped
/// working", "niet meer opstartte", "n'ont pas pu ouvrir", "keinen Zugriff", "nicht mehr
/// funktionierte") is the electronic health record out of use, in all four languages. A
/// record system said to work, or a negated predicate, gives nothing.
#[test]
fn record_systems_named_by_function_and_verbs_of_failure() {
    let ehr = "electronic health records unavailable";
    for (title, published, body) in [
        (
            "Ransomware attack on Tralee nursing home",
            "2026-02-12",
            "Kerry Strand Nursing Home in Tralee was hit by ransomware on Tuesday. Night staff found at 3am that the electronic care record system would not load.",
        ),
        (
            "Cyber attack on Shrewsbury hospice",
            "2026-02-12",
            "Severn Meadow Hospice in Shrewsbury was hit by a cyber attack on Monday. Nurses on the ward found that they could no longer open the electronic patient record.",
        ),
        (
            "Cyberaanval op woonzorgcentrum in Lokeren",
            "2026-02-12",
            "Woonzorgcentrum Durmehof in Lokeren werd maandag getroffen door ransomware. De nachtverpleegkundige merkte dat het elektronisch zorgdossier niet meer opstartte.",
        ),
        (
            "Cyberaanval op huisartsenpraktijk in Tielt",
            "2026-02-12",
            "Huisartsenpraktijk Poelberg in Tielt werd maandag getroffen door ransomware. Het elektronisch medisch dossier was drie dagen onbruikbaar.",
        ),
        (
            "Cyberattaque contre une maison médicale à Ciney",
            "2026-02-12",
            "La maison médicale du Bocq à Ciney a été victime d'un rançongiciel lundi. Les médecins n'ont pas pu ouvrir le dossier médical informatisé.",
        ),
        (
            "Cyberattaque contre un EHPAD à Dole",
            "2026-02-12",
            "L'EHPAD Les Rives du Doubs à Dole a été victime d'un rançongiciel samedi. L'équipe de nuit ne pouvait plus ouvrir le dossier de soins.",
        ),
        (
            "Cyberangriff auf Klinik in Lahr",
            "2026-02-12",
            "Die Klinik am Schutterlindenberg in Lahr ist Opfer eines Cyberangriffs geworden. Auf die elektronischen Patientenakten haben die Ärzte seit Montag keinen Zugriff.",
        ),
        (
            "Cyberangriff auf Seniorenheim in Weiden",
            "2026-02-12",
            "Das Seniorenheim Waldnaabblick in Weiden ist Opfer eines Cyberangriffs geworden. Am Montag bemerkte die Nachtschicht, dass die elektronische Bewohnerakte nicht mehr funktionierte.",
        ),
    ] {
        assert_has(&rec(title, published, body), ehr);
    }
    // Counter-examples: the record system worked; a denial.
    for (title, published, body) in [
        (
            "Cyber attack on Shrewsbury hospice",
            "2026-02-12",
            "Severn Meadow Hospice in Shrewsbury was hit by a cyber attack on Monday. The electronic care record system was not affected and staff could open it throughout.",
        ),
        (
            "Cyberangriff auf Seniorenheim in Weiden",
            "2026-02-12",
            "Das Seniorenheim Waldnaabblick in Weiden ist Opfer eines Cyberangriffs geworden. Die elektronische Bewohnerakte war nicht betroffen.",
        ),
    ] {
        let r = rec(title, published, body);
        assert!(lacks(&r, "electronic health records"), "{:?}", keys(&r));
    }
}

/// Systems named by their function in each language: a practice's software (the Austrian
/// "Ordinationssoftware"), a radiology system written as a hyphenated compound, the
/// ambulance service's "logiciel de gestion des interventions", a duty roster
/// ("Dienstplanung" is rostering, not trip planning), a medication administration system.
#[test]
fn systems_named_by_their_function() {
    let at = rec(
        "Cyberangriff auf Ordination in Steyr",
        "2026-03-05",
        "Die Gruppenpraxis Ennsleite in Steyr ist Opfer eines Cyberangriffs geworden. Die Ordinationssoftware war bis Mittwoch nicht nutzbar.",
    );
    assert_has(&at, "practice management system unavailable");
    let de = rec(
        "Cyberangriff auf Klinikum in Celle",
        "2026-03-05",
        "Das Klinikum Allerufer in Celle ist Opfer eines Cyberangriffs geworden. Das Radiologie-System ist ausgefallen. Eine Woche lang konnten die Dienstplanung und das E-Mail-System nicht genutzt werden.",
    );
    assert_has(&de, "radiology system unavailable");
    assert_has(&de, "rostering system unavailable");
    assert_has(&de, "email unavailable");
    assert!(lacks(&de, "planning system"), "{:?}", keys(&de));
    let fr = rec(
        "Cyberattaque contre un service d'ambulances à Sion",
        "2026-03-05",
        "Ambulances du Rhône SA, à Sion, a été victime d'un rançongiciel. Depuis mardi, le logiciel de gestion des interventions est inaccessible.",
    );
    assert_has(&fr, "dispatch system unavailable");
    let en = rec(
        "Ransomware hits Ludlow care homes",
        "2026-03-05",
        "Teme Valley Care, which runs two care homes in Ludlow, was hit by ransomware on Saturday. A night nurse found that the electronic medication administration system would not load.",
    );
    assert_has(&en, "medication system unavailable");
}

/// "Am 15. Juli hat die Gruppe Daten veröffentlicht": after a group already named, a bare
/// group noun refers back to it and the capitalised noun after it is no second actor
/// (German capitalises every noun). A group named only after the bare noun is still read.
#[test]
fn a_bare_group_noun_after_a_named_group_refers_back() {
    let r = rec(
        "Hacker veröffentlichen Daten von Pflegedienst in Hameln",
        "2025-07-20",
        "Der Pflegedienst Weserbergland in Hameln wurde Opfer eines Ransomware-Angriffs. Am 10. Juli hat die Gruppe DragonForce den Pflegedienst auf ihrer Leak-Seite gelistet. Am 15. Juli hat die Gruppe Daten veröffentlicht.",
    );
    let names: Vec<&str> = r.threat_actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"DragonForce"), "{names:?}");
    assert!(!names.contains(&"Daten"), "{names:?}");
    let first = rec(
        "Hacker veröffentlichen Daten von Pflegedienst in Hameln",
        "2025-07-20",
        "Der Pflegedienst Weserbergland in Hameln wurde Opfer eines Ransomware-Angriffs. Am 15. Juli hat die Gruppe Nachtfalke rund 30 GB veröffentlicht.",
    );
    let names: Vec<&str> = first
        .threat_actors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert!(names.contains(&"Nachtfalke"), "{names:?}");
}

/// Response actions in shapes the lexicons did not read: passwords reset said with the
/// object first ("All passwords have since been reset", "wachtwoorden … opnieuw laten
/// instellen", "neue Passwörter vergeben", "mots de passe …, …, ont été réinitialisés"),
/// outside experts named by their trade ("a forensic firm helped", "ein auf IT-Sicherheit
/// spezialisiertes Unternehmen", "notre prestataire en sécurité informatique"), a service
/// working again ("is working again", "ist wieder geöffnet", "de nouveau … normalement"),
/// and refusals ("Daar gaan wij niet op in", "Wij betalen geen cent", "Das MVZ zahlte
/// nicht" after "Qilin hatte 700.000 US-Dollar gefordert"). A hypothetical return ("could
/// take weeks before all services were working normally again") is none.
#[test]
fn response_actions_in_more_shapes() {
    let cases: [(&str, &str, &str, &[&str]); 8] = [
        (
            "Ransomware attack on Bury clinic",
            "2026-01-20",
            "Irwell Bank Clinic in Bury was hit by ransomware on Monday. All passwords have since been reset. A forensic firm helped with the investigation. The booking system is working again.",
            &["credentials_reset", "external_experts", "services_restored"],
        ),
        (
            "Ransomware bij thuiszorg in Meppel",
            "2026-01-20",
            "Thuiszorg Reestdal in Meppel werd getroffen door ransomware. De daders eisen losgeld. Daar gaan wij niet op in. Daarna hebben we de wachtwoorden van al onze medewerkers opnieuw laten instellen.",
            &["ransom_refused", "credentials_reset"],
        ),
        (
            "Hackers gijzelen server van praktijk in Lier",
            "2026-01-20",
            "Criminelen versleutelden de server van Huisartsenpraktijk Nete in Lier en eisen 20.000 euro. \"Wij betalen geen cent.\"",
            &["ransom_refused"],
        ),
        (
            "Cyberangriff auf MVZ in Zittau",
            "2026-01-20",
            "Das MVZ Neißeaue in Zittau wurde Opfer eines Ransomware-Angriffs. Qilin hatte 700.000 US-Dollar gefordert. Das MVZ zahlte nicht. Alle Beschäftigten mussten neue Passwörter vergeben.",
            &["ransom_refused", "credentials_reset"],
        ),
        (
            "Cyberangriff auf Labor in Feldkirch",
            "2026-01-20",
            "Das Labor Illspitz in Feldkirch wurde Opfer eines Cyberangriffs. Ein auf IT-Sicherheit spezialisiertes Unternehmen prüft die Systeme. Seit Montag ist das Labor wieder geöffnet.",
            &["external_experts", "services_restored"],
        ),
        (
            "Cyberattaque contre un laboratoire à Mons",
            "2026-01-20",
            "Le laboratoire de la Haine, à Mons, a été victime d'une cyberattaque. Selon notre prestataire en sécurité informatique, les pirates sont entrés par le portail. Tous les mots de passe des comptes du portail, ceux des patients comme ceux des médecins, ont été réinitialisés.",
            &["external_experts", "credentials_reset"],
        ),
        (
            "Cyberattaque contre un centre médical à Spa",
            "2026-01-20",
            "Le centre médical du Wayai, à Spa, a été victime d'un rançongiciel lundi. Depuis mercredi, les médecins reçoivent de nouveau leurs patients normalement.",
            &["services_restored"],
        ),
        (
            "Ransomware attack on Bury clinic",
            "2026-01-20",
            "Irwell Bank Clinic in Bury was hit by ransomware on Monday. Managers said it could take weeks before all services were working normally again.",
            &[],
        ),
    ];
    for (title, published, body, want) in cases {
        let got = kinds(&rec(title, published, body));
        for k in want {
            assert!(got.contains(*k), "{k} not in {got:?} for {body}");
        }
        if want.is_empty() {
            assert!(!got.contains("services_restored"), "{got:?} for {body}");
        }
    }
    // A claim for damages is no ransom: "Die Frau hatte 5.000 Euro gefordert" gives no
    // ransom amount.
    let claim = rec(
        "Urteil: Pflegedienst muss Schadenersatz zahlen",
        "2026-01-20",
        "Der Pflegedienst Ilmenau-Ufer in Uelzen war 2024 Opfer eines Cyberangriffs geworden. Die Frau hatte 5.000 Euro gefordert, weil ihre Daten im Internet aufgetaucht waren.",
    );
    assert!(lacks(&claim, "5000"), "{:?}", keys(&claim));
}

/// "the pro-Russian hacktivist group" names an allegiance, not where the victim is: the
/// country is the town's (Schaerbeek, BE), never Russia.
#[test]
fn a_pro_or_anti_demonym_is_no_place() {
    let r = rec(
        "Pro-Russian hackers knock Anderlecht hospital website offline",
        "2026-03-18",
        "The website of Clinique du Meir in Anderlecht was unreachable for most of Monday after a DDoS attack claimed by the pro-Russian hacktivist group NoName057(16).",
    );
    let country = r.country.value().map(|c| c.code.as_str());
    assert_ne!(country, Some("RU"), "{country:?}");
}

/// "Over een eventuele losgeldeis wil het ziekenhuis niets kwijt": a possible ransom is no
/// demand (no financial motive, no T1657), in each language; a stated demand still is.
#[test]
fn a_possible_ransom_is_no_demand() {
    let possible = rec(
        "Ziekenhuis in Geraardsbergen getroffen door ransomware",
        "2026-05-06",
        "Het AZ Dender in Geraardsbergen werd maandag getroffen door ransomware. Over een eventuele losgeldeis wil het ziekenhuis niets kwijt.",
    );
    let ids: Vec<&str> = possible.techniques.iter().map(|t| t.id.as_str()).collect();
    assert!(!ids.contains(&"T1657"), "{ids:?}");
    let stated = rec(
        "Ziekenhuis in Geraardsbergen getroffen door ransomware",
        "2026-05-06",
        "Het AZ Dender in Geraardsbergen werd maandag getroffen door ransomware. De daders eisen losgeld.",
    );
    let ids: Vec<&str> = stated.techniques.iter().map(|t| t.id.as_str()).collect();
    assert!(ids.contains(&"T1657"), "{ids:?}");
}

/// "Vor gut drei Jahren hatte ein Angriff der Gruppe BlackCat den Energieversorger …
/// getroffen": a paragraph opening years back is another incident; its actor is not this
/// one's.
#[test]
fn a_paragraph_opening_years_back_is_another_incident() {
    let r = rec(
        "Cyberangriff auf Krankentransportdienst in Echternach",
        "2026-06-10",
        "Der Krankentransportdienst Sauertal in Echternach ist Opfer eines Ransomware-Angriffs geworden. Zu welcher Gruppe die Täter gehören, ist nicht bekannt.\n\nVor gut drei Jahren hatte ein Angriff der Gruppe BlackCat einen Energieversorger getroffen; die Täter veröffentlichten damals Daten.",
    );
    let names: Vec<&str> = r.threat_actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Counted care the lexicons did not count: examinations, therapy sessions and patient
/// transports in each language ("Rund 260 Untersuchungen mussten wir absagen", "Rund 120
/// Therapiesitzungen fielen … aus", "140 séances … annulées"); persons whose data was in a
/// stolen mailbox or in published test results are `people`. A number after a label noun
/// ("Year 11 mock examinations") counts nothing.
#[test]
fn more_counted_units_and_data_subjects() {
    let de = rec(
        "Cyberangriff auf Radiologie in Schleswig",
        "2026-09-30",
        "Die Radiologie am Haddebyer Noor in Schleswig wurde Opfer eines Cyberangriffs. Rund 260 Untersuchungen mussten wir bis Mittwoch absagen. Rund 120 Therapiesitzungen fielen am Montag aus.",
    );
    assert!(
        keys(&de).iter().any(|k| k.starts_with("260 examinations")),
        "{:?}",
        keys(&de)
    );
    assert!(
        keys(&de).iter().any(|k| k.starts_with("120 sessions")),
        "{:?}",
        keys(&de)
    );
    let fr = rec(
        "Cyberattaque contre un centre de revalidation à Nivelles",
        "2026-03-25",
        "Le centre de revalidation de la Thines, à Nivelles, a été victime d'une cyberattaque. Environ 140 séances de revalidation ambulatoire prévues lundi et mardi ont été annulées.",
    );
    assert_has(&fr, "140 sessions cancelled");
    let en = rec(
        "Physiotherapy clinic in Whitby loses patient letters to hackers",
        "2026-05-12",
        "Esk Valley Physio in Whitby said an attacker stole a staff member's mailbox. The mailbox contained referral letters and treatment summaries of about 1,730 patients.",
    );
    assert_has(&en, "1730 people exposed");
    let school = rec(
        "Cyber attack on Whitby school",
        "2026-05-12",
        "Esk Valley Academy in Whitby was hit by ransomware. Year 11 mock examinations planned for this week have been postponed.",
    );
    assert!(lacks(&school, "11 "), "{:?}", keys(&school));
}
