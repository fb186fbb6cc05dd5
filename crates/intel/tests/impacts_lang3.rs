//! Impacts, third series (issue 15, session 5): the MECHANISMS behind the held-out errors of
//! kinds 2, 12, 19 and the service synonyms — a named service + an unavailability
//! predicate in either order, number words as data, persons counted as the subjects of
//! data taken, one canonical name per service — each with phrasings invented here (none
//! taken from an example set), in the four languages, and counter-examples that must give
//! nothing. Expected values follow docs/intel.md "Coding rules" (13, 15, 16).

mod common;

use common::impacts::{assert_has, keys};
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-14\n\n{body}"))
}

fn assert_lacks(r: &IncidentRecord, unwanted: &str) {
    assert!(
        !keys(r).iter().any(|k| k.contains(unwanted)),
        "unwanted {unwanted:?} in {:?}",
        keys(r)
    );
}

/// Kind 2: a service noun known by stem or compound head, then an unavailability
/// predicate of its clause.
#[test]
fn a_service_then_its_predicate_in_four_languages() {
    for (body, want) in [
        (
            "Het Ziekenhuis Voorbeeld in Lier werd aangevallen. Het roostersysteem lag twee dagen plat.",
            "rostering system unavailable",
        ),
        (
            "Zorggroep Voorbeeld in Tiel is getroffen door ransomware. De labuitslagen komen met vertraging bij de huisartsen.",
            "results delayed",
        ),
        (
            "Zorggroep Voorbeeld in Ede is getroffen door een cyberaanval. Het elektronisch cliëntdossier is niet meer te openen.",
            "electronic health records unavailable",
        ),
        (
            "Die Klinik Beispiel in Fulda wurde angegriffen. Die Telefonie der Klinik fiel am Morgen komplett aus.",
            "phones unavailable",
        ),
        (
            "Das Pflegeheim Beispiel in Hof wurde Opfer eines Angriffs. Das Abrechnungsprogramm ist seit Montag nicht mehr verwendbar.",
            "billing system unavailable",
        ),
        (
            "Das Labor Beispiel in Ulm meldet einen Angriff. Laborbefunde erreichen die Praxen nur verzögert.",
            "results delayed",
        ),
        (
            "La Clinique Exemple à Namur a été attaquée. Le logiciel de facturation est en panne depuis lundi.",
            "billing system unavailable",
        ),
        (
            "Le laboratoire Exemple à Arlon a subi une cyberattaque. Les téléconsultations sont inaccessibles jusqu'à nouvel ordre.",
            "teleconsultations unavailable",
        ),
        (
            "Le laboratoire Exemple à Dinant a été piraté. Les prélèvements à domicile sont repoussés à la semaine prochaine.",
            "home sampling postponed",
        ),
        (
            "Example Clinic in Derby was hit by ransomware. Its rostering system has been down since Friday.",
            "rostering system unavailable",
        ),
        (
            "Example Laboratory in Hull was attacked. The laboratory information system stopped working on Sunday.",
            "laboratory information system unavailable",
        ),
        (
            "Example Hospital in York was hit by ransomware which encrypted its patient administration system.",
            "patient administration system unavailable",
        ),
    ] {
        assert_has(&article("Cyberattack", body), want);
    }
}

/// Kind 2, the other order: the predicate first, then one or a list of services.
#[test]
fn a_predicate_then_its_services_in_three_languages() {
    let r = article(
        "Cyberattaque",
        "L'hôpital Exemple à Huy a été attaqué. Les médecins n'avaient plus accès au dossier médical informatisé ni au logiciel de prescription.",
    );
    assert_has(&r, "electronic health records unavailable");
    assert_has(&r, "prescription software unavailable");
    let r = article(
        "Cyberaanval",
        "Ziekenhuis Voorbeeld in Geel is aangevallen. De artsen hadden geen toegang tot het EPD en de radiologie.",
    );
    assert_has(&r, "electronic health records unavailable");
    assert_has(&r, "radiology unavailable");
    let r = article(
        "Cyberangriff",
        "Die Klinik Beispiel in Jena wurde angegriffen. Ärzte konnten nicht mehr auf die elektronische Patientenakte zugreifen.",
    );
    assert_has(&r, "electronic health records unavailable");
    let r = article(
        "Cyberangriff",
        "Die Praxis Beispiel in Gera meldet einen Angriff. Der Ausfall des Terminsystems traf alle Standorte.",
    );
    assert_has(&r, "appointment system unavailable");
}

/// Precision: an unknown service noun, a negated predicate, a service working again, a
/// part encrypted, and customers counted in the clause give no service impact.
#[test]
fn service_counter_examples_give_nothing() {
    for (body, unwanted) in [
        (
            "Die Klinik Beispiel in Trier wurde angegriffen. Das Lagerverwaltungsmodul ist ausgefallen.",
            "unavailable",
        ),
        (
            "Het Ziekenhuis Voorbeeld in Hasselt werd aangevallen. Het roostersysteem is niet uitgevallen en werkt normaal.",
            "rostering",
        ),
        (
            "Die Klinik Beispiel in Bonn wurde angegriffen. Die Telefonanlage funktioniert wieder.",
            "phones",
        ),
        (
            "Example Hospital in Leeds was hit by ransomware that encrypted part of its patient administration system.",
            "patient administration",
        ),
        (
            "Leverancier Voorbeeld in Gouda is aangevallen. Ongeveer 300 tandartspraktijken konden daardoor niet meer in hun patiëntendossiers.",
            "electronic health records",
        ),
        (
            "Die Klinik Beispiel in Kiel warnt: Unsere Mitarbeitenden fragen niemals am Telefon nach Passwörtern.",
            "phones",
        ),
    ] {
        assert_lacks(&article("Cyberangriff", body), unwanted);
    }
}

/// Kind 19: number words are data — exact ones and approximations (Coding rule 15).
#[test]
fn number_words_are_counts_in_three_languages() {
    for (body, want) in [
        (
            "L'hôpital Exemple à Mons a été attaqué. Dix-sept patients ont été transférés vers Charleroi.",
            "17 patients transferred",
        ),
        (
            "La Clinique Exemple à Metz a été piratée. Une quarantaine de consultations ont été annulées.",
            "40 consultations cancelled",
        ),
        (
            "La Clinique Exemple à Nancy a été piratée. Une vingtaine d'opérations ont été reportées.",
            "20 operations postponed",
        ),
        (
            "Ziekenhuis Voorbeeld in Aalst is aangevallen. Zevenentwintig patiënten werden overgebracht naar Gent.",
            "27 patients transferred",
        ),
        (
            "Ziekenhuis Voorbeeld in Lier is aangevallen. Een dertigtal geplande ingrepen werd uitgesteld.",
            "30 operations postponed",
        ),
        (
            "Das Klinikum Beispiel in Hagen wurde angegriffen. Dreiundzwanzig Operationen wurden abgesagt.",
            "23 operations cancelled",
        ),
    ] {
        assert_has(&article("Cyberattack", body), want);
    }
}

/// A number word that is not a count of the noun (a time; an article) gives no count,
/// and an uncounted impact gives way to the counted one of the same unit.
#[test]
fn number_word_counter_examples() {
    let r = article(
        "Cyberaanval",
        "Ziekenhuis Voorbeeld in Mol is aangevallen. Rond vier uur zagen medewerkers dat het netwerk plat lag.",
    );
    assert_lacks(&r, "4 employees");
    let r = article(
        "Cyberattaque",
        "L'hôpital Exemple à Sedan a été attaqué. Un patient a été transféré. Douze patients ont été transférés vers Reims.",
    );
    assert_has(&r, "12 patients transferred");
    assert_lacks(&r, "1 patient");
    assert!(
        !keys(&r).iter().any(|k| k == "patients transferred"),
        "{:?}",
        keys(&r)
    );
}

/// Kind 12: persons counted as the subjects of data taken anywhere in the sentence, each
/// of a coordination, with any thousands separator (Coding rule 13).
#[test]
fn data_subjects_counted_anywhere_in_the_sentence() {
    let r = article(
        "Datendiebstahl",
        "Beim Pflegedienst Beispiel in Lahr haben die Täter Akten von etwa 1.250 Klientinnen sowie von 75 Mitarbeitenden kopiert.",
    );
    assert_has(&r, "1250 people exposed");
    assert_has(&r, "75 people exposed");
    let r = article(
        "Fuite de données",
        "La Mutuelle Exemple à Tours indique qu'un pirate a copié les dossiers administratifs de près de 12\u{a0}300 adhérents.",
    );
    assert_has(&r, "12300 people exposed");
    let r = article(
        "Datalek",
        "Bij Zorggroep Voorbeeld in Emmen downloadden de aanvallers persoonsgegevens van ruim 6.100 cliënten.",
    );
    assert_has(&r, "6100 people exposed");
    let r = article(
        "Data breach",
        "A former employee of Example Clinic in Bath copied the treatment records of 2,150 patients to a USB stick.",
    );
    assert_has(&r, "2150 people exposed");
    // No data taken: a count of patients treated stays no exposure.
    let r = article(
        "Cyberangriff",
        "Die Klinik Beispiel in Worms versorgt Daten von 900 Patienten in ihrem neuen System.",
    );
    assert_lacks(&r, "exposed");
}

/// One name per service (`data/impact_units.tsv`): the engine writes the canonical form,
/// the scorer maps both sides through the same table.
#[test]
fn one_canonical_name_per_service() {
    let r = article(
        "Cyberattack",
        "Example Hospital in Leeds was hit by ransomware. Its e-mail system was down for a week.",
    );
    assert_has(&r, "email unavailable");
    assert_eq!(
        cordon_intel::eval::canonical_impact_unit("telephone lines unavailable"),
        "phones unavailable"
    );
    assert_eq!(
        cordon_intel::eval::canonical_impact_unit("electronic patient record unavailable"),
        "electronic health records unavailable"
    );
    // Only a whole leading phrase is a variant ("emailing" is no "email").
    assert_eq!(
        cordon_intel::eval::canonical_impact_unit("phoneline outage"),
        "phoneline outage"
    );
    assert_eq!(
        cordon_intel::eval::impact_key("EPR unavailable"),
        cordon_intel::eval::impact_key("electronic health records unavailable")
    );
}
