//! Session 29 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test.

mod common;

/// The people counts of a record (`N people`), sorted.
fn people(r: &cordon_intel::IncidentRecord) -> Vec<u64> {
    let mut v: Vec<u64> = r
        .impacts
        .iter()
        .filter(|f| f.unit == "people")
        .filter_map(|f| f.count)
        .collect();
    v.sort_unstable();
    v
}

/// In a document that states a data breach, a count of persons notified or "concerned"
/// is the breach's subjects (`N people`, coding rule 13) even when the theft is told in
/// another paragraph — in all four languages.
#[test]
fn notified_or_concerned_persons_of_a_stated_breach_are_people() {
    let r = common::article(
        "Fertility clinic: patient files copied from open storage folder",
        "2025-04-22",
        "An unknown address downloaded files from a storage folder that had been left open by mistake. \
         The files were copied on 7 April.\n\n\
         We have written personally to each of the 3,870 patients whose files were in the folder.",
    );
    assert_eq!(people(&r), vec![3870]);

    let r = common::article(
        "Booking platform: data stolen",
        "2025-06-18",
        "Criminals copied the booking database of the platform on 1 and 2 June.\n\n\
         The data holds names and appointment times. About 96,000 patients are concerned.",
    );
    assert_eq!(people(&r), vec![96000]);

    let r = common::article(
        "Datenleck beim Befundportal",
        "2025-03-10",
        "Unbekannte haben sich mit gestohlenen Passwörtern in das Befundportal eingeloggt und Befunde heruntergeladen.\n\n\
         Die 290 betroffenen Patientinnen und Patienten wurden schriftlich informiert.",
    );
    assert_eq!(people(&r), vec![290]);

    let r = common::article(
        "Fuite de données au centre médical",
        "2025-03-10",
        "Des fraudeurs ont lu des courriels de la messagerie du centre et ont copié des pièces jointes.\n\n\
         Ce sont des rapports médicaux, qui concernent quelque 640 patientes et patients.",
    );
    assert_eq!(people(&r), vec![640]);

    let r = common::article(
        "Datalek bij thuisverpleging",
        "2024-09-20",
        "Een verpleegkundige heeft zonder reden dossiers van patiënten ingekeken en gegevens gekopieerd.\n\n\
         Het gaat om 230 patiënten.",
    );
    assert_eq!(people(&r), vec![230]);
}

/// Counter-examples: no stated breach (encryption only, data theft denied), and a count
/// that is a noun's complement ("the relatives of the 1,300 residents were informed": the
/// relatives were, not the residents' data).
#[test]
fn notified_persons_without_a_breach_or_as_a_complement_are_not_people() {
    let r = common::article(
        "Ransomware at care group",
        "2025-02-12",
        "Criminals encrypted the servers of the care group on Monday. There is no evidence that any data was copied or taken.\n\n\
         We have written to all 1,200 residents to explain what happened.",
    );
    assert!(people(&r).is_empty(), "{:?}", r.impacts);

    let r = common::article(
        "Cyberangriff auf Seniorenhäuser",
        "2025-02-12",
        "Nach Angaben des Unternehmens haben die Angreifer Daten von Bewohnern und Beschäftigten kopiert.\n\n\
         Die Angehörigen der rund 1.300 Bewohnerinnen und Bewohner wurden per Brief informiert.",
    );
    assert!(!people(&r).contains(&1300), "{:?}", r.impacts);
}

/// The counts of a record as `(count, unit)`.
fn counts(r: &cordon_intel::IncidentRecord) -> Vec<(u64, String)> {
    r.impacts
        .iter()
        .filter_map(|f| f.count.map(|c| (c, f.unit.clone())))
        .collect()
}

/// Belgian and Swiss French tens ("septante", "huitante", "octante", "nonante") are counts
/// of their own, and the tail of a hyphenated number ("nonante-deux") is never read as a
/// count by itself (it was "2", a wrong value).
#[test]
fn belgian_and_swiss_tens_are_read_whole() {
    let r = common::article(
        "Maison de repos : les données publiées",
        "2025-05-12",
        "Les pirates ont volé des fichiers de la maison de repos.\n\n\
         Fin avril, le groupe a mis en ligne une partie des fichiers volés. Ils contiennent des données de nonante-deux résidents et de septante-huit membres du personnel.",
    );
    let c = counts(&r);
    assert!(c.contains(&(92, "people".into())), "{c:?}");
    assert!(c.contains(&(78, "people".into())), "{c:?}");
    assert!(!c.iter().any(|(n, _)| *n == 2 || *n == 8), "{c:?}");
}

/// French "n'" before an auxiliary negates the participle whatever follows ("n'a été
/// touchée à aucun moment"): no disruption of the residents' care is read.
#[test]
fn french_clitic_negation_with_a_late_second_part() {
    let r = common::article(
        "Fraude au portail RH d'un EMS",
        "2025-12-02",
        "Des fraudeurs ont consulté les fiches de salaire de onze collaborateurs dans le portail RH.\n\n\
         La prise en charge de nos septante-deux résidents n'a été touchée à aucun moment.",
    );
    assert!(!counts(&r).iter().any(|(n, _)| *n == 72), "{:?}", r.impacts);
    // Counter-example: without the clitic the care is disrupted.
    let r = common::article(
        "Cyberattaque contre un EMS",
        "2025-12-02",
        "Une cyberattaque a chiffré les serveurs de l'EMS.\n\n\
         La prise en charge de nos septante-deux résidents a été perturbée pendant trois jours.",
    );
    assert!(counts(&r).iter().any(|(n, _)| *n == 72), "{:?}", r.impacts);
}

fn date_of(f: &cordon_intel::record::Field<String>) -> Option<&str> {
    f.value().map(String::as_str)
}

/// A tracker quoting a victim's message dated before the page: the message's date is when
/// it was said (no incident date), and the message's weekdays are told back from that
/// date ("Am frühen Dienstagmorgen" in a message of Thursday 27 November → 25 November;
/// "Vorige week woensdag" in one of Monday 13 October → 8 October).
#[test]
fn weekdays_in_a_quoted_message_are_told_back_from_its_date() {
    let r = common::article(
        "Maison de soins Lindenhaff (Contern, Luxemburg)",
        "2025-12-09",
        "Die Gruppe Akira hat das Pflegeheim Lindenhaff am 8. Dezember 2025 auf ihrer Leak-Seite aufgeführt.\n\n\
         Das Haus hatte den Angriff bereits in einer Mitteilung an Angehörige und Presse vom Donnerstag, 27. November 2025, bestätigt. Auszug:\n\n\
         „Am frühen Dienstagmorgen wurde unser Haus Opfer eines Angriffs mit Erpressungssoftware. Gegen 4 Uhr stellte der Nachtdienst fest, dass sämtliche Server verschlüsselt waren.“",
    );
    assert_eq!(date_of(&r.incident_date), Some("2025-11-25"));
    assert_eq!(date_of(&r.discovery_date), Some("2025-11-25"));

    let r = common::article(
        "Tandartsenpraktijk De Mandel (Izegem)",
        "2025-10-23",
        "De groep Lynx zette de praktijk op 21 oktober op haar lekwebsite.\n\n\
         De praktijk had de aanval zelf al gemeld in een bericht aan haar patiënten van maandag 13 oktober. Uittreksel:\n\n\
         \"Vorige week woensdag stelden wij 's morgens vast dat al onze computers versleuteld waren door ransomware.\"",
    );
    assert_eq!(date_of(&r.discovery_date), Some("2025-10-08"));
    assert_ne!(date_of(&r.incident_date), Some("2025-10-13"));
}

/// Counter-example: a statement that dates the event itself ("bevestigt in een verklaring
/// een aanval: 'Op zaterdag 8 februari hebben wij … vastgesteld'") keeps that date.
#[test]
fn a_statement_dating_the_event_keeps_its_date() {
    let r = common::article(
        "Apotheek Lindeboom getroffen",
        "2025-02-20",
        "De apotheek bevestigt in een verklaring een aanval: \"Op zaterdag 8 februari hebben wij een storing in onze systemen vastgesteld, die het gevolg bleek van een cyberaanval.\"",
    );
    assert_eq!(date_of(&r.discovery_date), Some("2025-02-08"));
}
