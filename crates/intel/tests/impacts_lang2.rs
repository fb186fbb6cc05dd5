//! Impacts, second series (issue 15, session 4): the kinds held-out set 4 showed, each
//! with phrasings not taken from any example set, in the four languages, and the
//! counter-examples that must give nothing. The expected values follow docs/intel.md
//! "Coding rules" (rule 13: persons whose data was taken are `N people`; care counts keep
//! their noun).

mod common;

use common::impacts::{assert_has, keys};
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-14\n\n{body}"))
}

/// Coding rule 13: a count of persons whose data was taken is `N people`, whatever the
/// text calls them (patients, clients, residents, customers and employees).
#[test]
fn persons_whose_data_was_taken_are_people_in_four_languages() {
    for (title, body, want) in [
        (
            "Data breach at Example Clinic",
            "Example Clinic in Leeds said hackers stole the records of 5,200 patients in a cyberattack last week.",
            "5200 people exposed",
        ),
        (
            "Data breach at Example Insurer",
            "Example Insurer in Bristol said attackers accessed the personal data of 41,000 current and former customers and employees.",
            "41000 people exposed",
        ),
        (
            "Datalek bij Zorggroep Voorbeeld",
            "Bij een cyberaanval op Zorggroep Voorbeeld in Tilburg zijn gegevens van 2.800 cliënten gestolen.",
            "2800 people exposed",
        ),
        (
            "Fuite de données à l'EHPAD Exemple",
            "Lors de la cyberattaque contre l'EHPAD Exemple à Lille, les données de 900 résidents ont été dérobées.",
            "900 people exposed",
        ),
        (
            "Datendiebstahl bei der Klinik Beispiel",
            "Nach einem Angriff auf die Klinik Beispiel in Trier haben die Täter Befunde von 700 Patientinnen heruntergeladen.",
            "700 people exposed",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, want);
    }
}

/// Care counts keep their noun (rule 13 is about data only).
#[test]
fn care_counts_keep_their_noun() {
    let r = article(
        "Hospital moves patients after cyberattack",
        "Example General Hospital in Cork was hit by a ransomware attack. Nine patients, among them two children, were transferred to other hospitals.",
    );
    assert_has(&r, "9 patients transferred");
    assert!(
        !keys(&r).iter().any(|k| k.contains("people")),
        "{:?}",
        keys(&r)
    );
}

/// A service the text names as out of use is `SERVICE unavailable`, with the service
/// noun of the language mapped to one English unit.
#[test]
fn a_named_service_out_of_use_in_four_languages() {
    for (title, body, want) in [
        (
            "Storing bij Ziekenhuis Voorbeeld na cyberaanval",
            "Ziekenhuis Voorbeeld in Breda is getroffen door een cyberaanval. Het patiëntenportaal van het ziekenhuis is sinds maandag niet bereikbaar.",
            "patient portal unavailable",
        ),
        (
            "Cyberattaque contre la Clinique Exemple",
            "La Clinique Exemple à Arlon a été victime d'une cyberattaque. Le site internet de la clinique est resté inaccessible pendant deux jours.",
            "website unavailable",
        ),
        (
            "Cyberangriff auf das Klinikum Beispiel",
            "Das Klinikum Beispiel in Kassel ist Ziel eines Cyberangriffs geworden. Die Homepage des Klinikums war am Dienstag nicht erreichbar.",
            "website unavailable",
        ),
        (
            "Insurer hit by cyberattack",
            "Example Health Insurance in York was hit by a cyberattack. Its customer portal was offline for three days.",
            "customer portal unavailable",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, want);
    }
}

/// A service said to be working, or not affected, gives nothing.
#[test]
fn a_service_not_affected_gives_nothing() {
    for (title, body) in [
        (
            "Cyberangriff auf das Klinikum Beispiel",
            "Das Klinikum Beispiel in Kassel ist Ziel eines Cyberangriffs geworden. Die Website war zu keinem Zeitpunkt ausgefallen.",
        ),
        (
            "Cyberaanval op Ziekenhuis Voorbeeld",
            "Ziekenhuis Voorbeeld in Breda is getroffen door een cyberaanval. De website bleef gewoon bereikbaar en de zorg werd niet verstoord.",
        ),
    ] {
        let r = article(title, body);
        assert!(
            !keys(&r).iter().any(|k| k.starts_with("website")),
            "{title}: {:?}",
            keys(&r)
        );
    }
}

/// Customers of a supplier unable to work are counted with their own noun.
#[test]
fn customers_unable_to_work_are_counted_with_their_noun() {
    for (title, body, want) in [
        (
            "Pharmacy software supplier hit by ransomware",
            "Example Systems, a supplier of pharmacy software in Bristol, was hit by ransomware. Around 650 pharmacies were unable to access the prescribing system on Tuesday.",
            "650 pharmacies unavailable",
        ),
        (
            "Cyberattaque chez un éditeur de logiciels médicaux",
            "L'éditeur Exemple Santé, à Lyon, a été victime d'un rançongiciel. Quelque 300 cabinets médicaux n'ont pas pu accéder au logiciel de gestion pendant deux jours.",
            "300 practices unavailable",
        ),
        (
            "Cyberangriff auf Praxissoftware-Anbieter",
            "Der Anbieter Beispiel Medizinsoftware in Köln wurde Opfer eines Cyberangriffs. Rund 500 Arztpraxen konnten nicht auf ihre Patientenakten zugreifen.",
            "500 practices unavailable",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, want);
    }
}

/// Accounts accessed are counted as accounts (data, not persons).
#[test]
fn accounts_accessed_are_accounts() {
    let r = article(
        "Credential stuffing at Example Insurer",
        "Example Insurer in Leeds said criminals used stolen passwords and accessed 3,400 member accounts.",
    );
    assert_has(&r, "3400 member accounts exposed");
    let r = article(
        "Intrusion chez la mutuelle Exemple",
        "La mutuelle Exemple, à Rennes, a été victime d'une intrusion : 1 200 comptes clients ont été consultés par les attaquants.",
    );
    assert_has(&r, "1200 accounts exposed");
}

/// All of an organisation's hosted or online services taken offline is the whole IT
/// (coding rule 12).
#[test]
fn all_services_taken_offline_is_the_whole_it() {
    let r = article(
        "Software supplier hit by ransomware",
        "Example Health Software in Hull was hit by ransomware and has taken all of its online services offline as a precaution.",
    );
    assert_has(&r, "IT systems unavailable");
}

/// A negation between a counted noun and its effect word denies it.
#[test]
fn a_count_whose_effect_is_denied_gives_nothing() {
    for (title, body) in [
        (
            "Cyberangriff auf Pflegeheim Beispiel",
            "Das Pflegeheim Beispiel in Bonn wurde angegriffen. Die Versorgung der 300 Bewohner war zu keinem Zeitpunkt beeinträchtigt.",
        ),
        (
            "Cyberaanval op woonzorgcentrum Voorbeeld",
            "Woonzorgcentrum Voorbeeld in Hasselt werd aangevallen. De zorg voor de 240 bewoners werd op geen enkel moment verstoord.",
        ),
    ] {
        let r = article(title, body);
        assert!(
            !r.impacts.iter().any(|f| f.count.is_some()),
            "{title}: {:?}",
            keys(&r)
        );
    }
}

/// Persons counted in the sentence after the one saying data was taken, which refers
/// back to it ("It relates to …"), are the data's subjects.
#[test]
fn persons_in_a_sentence_referring_back_to_stolen_data_are_people() {
    for (title, body, want) in [
        (
            "Statement on a data incident at Example Charity",
            "Example Charity in York has been affected by a cyber incident. Files were copied from one of our servers by an unauthorised person. They relate to about 1,250 donors and 90 volunteers.",
            "1250 people exposed",
        ),
        (
            "Datalek bij Thuiszorg Voorbeeld",
            "Thuiszorg Voorbeeld in Zwolle is getroffen door een cyberaanval. Daarbij zijn bestanden gestolen. Het gaat om gegevens van 640 cliënten.",
            "640 people exposed",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, want);
    }
    // Without theft in the previous sentence the count is no exposure.
    let r = article(
        "Example Charity update",
        "Example Charity in York has been affected by a cyber incident. Our shops stayed open. It relates to about 1,250 donors.",
    );
    assert!(
        !keys(&r).iter().any(|k| k.contains("exposed")),
        "{:?}",
        keys(&r)
    );
}

/// Ambulances sent to other hospitals are `ambulances diverted`; an emergency department
/// that takes no ambulances runs at reduced capacity.
#[test]
fn ambulances_sent_elsewhere_and_an_emergency_department_without_ambulances() {
    for (title, body, want) in [
        (
            "Hospital hit by ransomware",
            "Example Hospital in Hull was hit by ransomware on Monday. Ambulances are being taken to neighbouring hospitals until further notice.",
            "ambulances diverted",
        ),
        (
            "Cyberaanval op Ziekenhuis Voorbeeld",
            "Ziekenhuis Voorbeeld in Roosendaal is getroffen door een cyberaanval. Ambulances rijden voorlopig naar omliggende ziekenhuizen.",
            "ambulances diverted",
        ),
        (
            "Cyberangriff auf das Klinikum Beispiel",
            "Das Klinikum Beispiel in Fulda ist Ziel eines Cyberangriffs geworden. Rettungswagen fahren seit Dienstag umliegende Krankenhäuser im Landkreis an.",
            "ambulances diverted",
        ),
        (
            "Cyberaanval op Ziekenhuis Voorbeeld",
            "Ziekenhuis Voorbeeld in Roosendaal is getroffen door een cyberaanval. De spoedeisende hulp neemt voorlopig geen ambulancepatiënten aan.",
            "emergency department reduced capacity",
        ),
        (
            "Hospital hit by ransomware",
            "Example Hospital in Hull was hit by ransomware. Its emergency department stopped accepting ambulance patients on Monday.",
            "emergency department reduced capacity",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, want);
    }
}

/// Laboratory results sent late are `results delayed` (`lab results` is a variant of `results`, data/impact_units.tsv).
#[test]
fn lab_results_late_in_four_languages() {
    for (title, body) in [
        (
            "Cyberattaque contre le laboratoire Exemple",
            "Le laboratoire Exemple, à Angers, a été victime d'un rançongiciel. Les résultats des analyses ont été communiqués aux médecins avec deux jours de retard.",
        ),
        (
            "Ransomware at Example Pathology",
            "Example Pathology in Leeds was hit by ransomware. Blood test results were delayed for several days.",
        ),
        (
            "Cyberangriff auf Labor Beispiel",
            "Das Labor Beispiel in Ulm wurde angegriffen. Laborbefunde wurden den Praxen nur verzögert übermittelt.",
        ),
        (
            "Cyberaanval op Labo Voorbeeld",
            "Labo Voorbeeld in Hasselt werd getroffen door een cyberaanval. De labo-uitslagen van huisartsen liepen daardoor vertraging op.",
        ),
    ] {
        let r = article(title, body);
        assert_has(&r, "results delayed");
    }
}

/// Appointments called off ("afgezegd") are cancelled.
#[test]
fn appointments_called_off_are_cancelled() {
    let r = article(
        "Cyberaanval op Ziekenhuis Voorbeeld",
        "Ziekenhuis Voorbeeld in Roosendaal is getroffen door een cyberaanval. Voor maandag zijn ruim 850 poliklinische afspraken afgezegd.",
    );
    assert_has(&r, "850 appointments cancelled");
}

/// Transfers and diversions said not to have been needed, or only planned, are no
/// impact.
#[test]
fn transfers_and_diversions_not_needed_or_only_planned_give_nothing() {
    for (title, body) in [
        (
            "Cyberattaque contre l'hôpital Exemple",
            "L'hôpital Exemple, à Mons, a été victime d'une cyberattaque. Aucun patient n'a dû être transféré et les ambulances n'ont pas été détournées.",
        ),
        (
            "Cyberangriff auf das Klinikum Beispiel",
            "Das Klinikum Beispiel in Siegen ist Ziel eines Cyberangriffs geworden. Patienten müssen nicht in andere Kliniken verlegt werden.",
        ),
        (
            "Cyberaanval op Ziekenhuis Voorbeeld",
            "Ziekenhuis Voorbeeld in Lier is getroffen door een cyberaanval. Er moesten geen patiënten worden overgebracht naar andere ziekenhuizen.",
        ),
        (
            "Hospital hit by cyberattack",
            "Example Hospital in Derby was hit by a cyberattack. No patients had to be transferred and ambulances were not diverted.",
        ),
    ] {
        let r = article(title, body);
        assert!(
            !keys(&r)
                .iter()
                .any(|k| k.contains("transferred") || k.contains("diverted")),
            "{title}: {:?}",
            keys(&r)
        );
    }
}

/// "2 300 patients" (a space between thousands) is 2300, never a count of 2 with a
/// modifier; data put online counts its persons as people.
#[test]
fn a_space_between_thousands_and_data_put_online() {
    let r = article(
        "Fuite de données à l'hôpital Exemple",
        "L'hôpital Exemple, à Namur, a été victime d'une cyberattaque. Les données de 4 700 patients ont été publiées sur le darkweb.",
    );
    assert_has(&r, "4700 people exposed");
    assert!(
        !r.impacts.iter().any(|f| f.count == Some(4)),
        "{:?}",
        keys(&r)
    );
    let r = article(
        "Data of Example Hospital patients posted online",
        "Example Hospital in Derby was hit by ransomware. The medical records of 8,500 patients were posted online by the gang.",
    );
    assert_has(&r, "8500 people exposed");
    let r = article(
        "Cyberaanval op Ziekenhuis Voorbeeld",
        "Ziekenhuis Voorbeeld in Breda is getroffen door een cyberaanval. Van ongeveer 950 patiënten zijn gegevens op het darkweb gezet.",
    );
    assert_has(&r, "950 people exposed");
}
