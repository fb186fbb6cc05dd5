//! Responses, CIA and techniques, session 6 (issue 15; kinds shown by held-out sets 7
//! and 8, now development data). Phrasings written for this test (not taken from any
//! development or held-out set); the expected values are coded by hand from each text —
//! the oracle is the reading of the sentence, not the engine's output.

mod common;

use common::responses::kinds;
use cordon_intel::IncidentRecord;

fn read(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-04\n\n{body}"))
}

fn has(r: &IncidentRecord, kind: &str) -> bool {
    kinds(r).contains(kind)
}

/// A dot after a digit inside a sentence (a German ordinal date, a thousands separator)
/// ends nothing: the phrase around it is read.
#[test]
fn an_ordinal_date_inside_a_response_phrase_is_read() {
    for (lang, title, body, kind) in [
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde Opfer eines Ransomware-Angriffs. Der Pflegedienst trennte am 3. März alle Verbindungen zu seinen Partnern und zum Internet.",
            "isolate_external",
        ),
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde Opfer eines Ransomware-Angriffs. Die Systeme wurden bis zum 9. März aus Datensicherungen wiederhergestellt.",
            "restore_from_backup",
        ),
        (
            "en",
            "Attack on Hillview Clinic",
            "Hillview Clinic in Leeds was hit by ransomware. Staff shut down all 1.200 computers and servers on Monday.",
            "shutdown_servers",
        ),
    ] {
        let r = read(title, body);
        assert!(has(&r, kind), "{lang}: {body} → {:?}", kinds(&r));
    }
}

/// A denial ("no evidence that …") covers its own clause, not a clause coordinated after
/// it ("…, and that it had informed the police").
#[test]
fn a_denial_does_not_reach_a_coordinated_clause() {
    let r = read(
        "Attack on Hillview Clinic",
        "Hillview Clinic in Leeds was hit by ransomware on Monday. The clinic said it had seen \"no evidence that records were taken\", and that it had informed the police and brought in an outside forensic firm.",
    );
    assert!(has(&r, "authorities_notified"), "{:?}", kinds(&r));
    assert!(has(&r, "external_experts"), "{:?}", kinds(&r));
    // Within one clause the denial still holds.
    let r = read(
        "Attack on Hillview Clinic",
        "Hillview Clinic in Leeds was hit by ransomware on Monday. There is no evidence that the police were informed.",
    );
    assert!(!has(&r, "authorities_notified"), "{:?}", kinds(&r));
}

/// A fronted open question ("Ob …, prüfe man mit externen Spezialisten", "Of …,
/// onderzoeken we samen met externe specialisten") is what the main clause works on; the
/// main clause is stated. A main clause that is itself open states nothing.
#[test]
fn a_fronted_whether_clause_leaves_the_main_clause_stated() {
    for (lang, title, body) in [
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde Opfer eines Ransomware-Angriffs. Ob Bewohnerdaten kopiert wurden, untersucht der Betreiber derzeit mit externen Experten.",
        ),
        (
            "nl",
            "Aanval op zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd getroffen door een ransomware-aanval. Of er cliëntgegevens zijn gestolen, zoekt de zorggroep nu uit met externe specialisten.",
        ),
    ] {
        let r = read(title, body);
        assert!(
            has(&r, "external_experts"),
            "{lang}: {body} → {:?}",
            kinds(&r)
        );
    }
    for (lang, title, body) in [
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde Opfer eines Ransomware-Angriffs. Unklar ist, ob externe Experten hinzugezogen wurden.",
        ),
        (
            "en",
            "Attack on Hillview Clinic",
            "Hillview Clinic in Leeds was hit by ransomware. Whether outside experts were brought in, the clinic would not say.",
        ),
    ] {
        let r = read(title, body);
        assert!(
            !has(&r, "external_experts"),
            "{lang}: {body} → {:?}",
            kinds(&r)
        );
    }
}

/// "Ein externer Dienstleister" is a supplier, not experts brought in — unless it is a
/// provider for IT forensics or security.
#[test]
fn an_external_supplier_is_no_expert() {
    let r = read(
        "Angriff auf Abrechnungsdienst",
        "Die Krankenkasse Mittelrhein informiert über einen Ransomware-Angriff auf einen externen Dienstleister. Die Angreifer nutzten das Konto eines externen Dienstleisters.",
    );
    assert!(!has(&r, "external_experts"), "{:?}", kinds(&r));
    let r = read(
        "Angriff auf Pflegedienst Sonnenhof",
        "Der Pflegedienst Sonnenhof in Kassel wurde Opfer eines Ransomware-Angriffs. Ein externer Dienstleister für IT-Forensik hilft bei der Aufklärung.",
    );
    assert!(has(&r, "external_experts"), "{:?}", kinds(&r));
}

/// A data breach reported is the notification the law requires (to the supervisory
/// authority): authorities notified, in German, Dutch and French.
#[test]
fn a_data_breach_reported_is_authorities_notified() {
    for (lang, title, body) in [
        (
            "de",
            "Bußgeld gegen Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde im Mai 2023 Opfer eines Cyberangriffs. Der Pflegedienst hatte die Datenpanne rechtzeitig gemeldet.",
        ),
        (
            "nl",
            "Boete voor zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd in mei 2023 getroffen door een cyberaanval. De zorggroep heeft het datalek binnen drie dagen gemeld.",
        ),
        (
            "fr",
            "Sanction contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Namur a été victime d'une cyberattaque en mai 2023. La violation de données a été notifiée dans les délais.",
        ),
    ] {
        let r = read(title, body);
        assert!(
            has(&r, "authorities_notified"),
            "{lang}: {body} → {:?}",
            kinds(&r)
        );
    }
    let r = read(
        "Boete voor zorggroep Heidezicht",
        "Zorggroep Heidezicht in Ede werd in mei 2023 getroffen door een cyberaanval. De zorggroep heeft het datalek niet gemeld.",
    );
    assert!(!has(&r, "authorities_notified"), "{:?}", kinds(&r));
}

/// Restoration area by area ("county by county"), in batches or waves, or "the first ones
/// running again" is phased restoration; an investigation led by an outside firm is
/// external experts.
#[test]
fn restoration_in_waves_and_an_investigation_led_by_a_firm() {
    for (lang, title, body, kind) in [
        (
            "en",
            "Attack on Moorside Software",
            "Moorside Software in Leeds was hit by ransomware. It began restoring the service district by district on Friday.",
            "phased_restoration",
        ),
        (
            "en",
            "Attack on Moorside Software",
            "Moorside Software in Leeds was hit by ransomware. Pharmacies were brought back in batches over the weekend.",
            "phased_restoration",
        ),
        (
            "de",
            "Angriff auf Praxissoftware Nordlicht",
            "Die Nordlicht Software GmbH in Kiel wurde Opfer eines Ransomware-Angriffs. Seit Montag laufen die ersten 150 Praxen wieder.",
            "phased_restoration",
        ),
        (
            "nl",
            "Aanval op softwareleverancier Duinzicht",
            "Softwareleverancier Duinzicht in Leiden werd getroffen door ransomware. De apotheken zijn in golven weer aangesloten.",
            "phased_restoration",
        ),
        (
            "en",
            "Attack on Moorside Software",
            "Moorside Software in Leeds was hit by ransomware. The inquiry, led by an independent incident-response firm, continues.",
            "external_experts",
        ),
    ] {
        let r = read(title, body);
        assert!(has(&r, kind), "{lang}: {body} → {:?}", kinds(&r));
    }
}

fn has_technique(r: &IncidentRecord, id: &str) -> bool {
    r.techniques
        .iter()
        .any(|t| t.id == id || t.id.starts_with(&format!("{id}.")))
}

/// A technique left unconfirmed in its own clause ("(suspected, not confirmed)", "suspecté,
/// non confirmé") is not stated; one stated beside an unconfirmed other clause stays.
#[test]
fn a_technique_left_unconfirmed_is_not_stated() {
    for (lang, title, body) in [
        (
            "en",
            "Incident report: Hillview Clinic",
            "Hillview Clinic in Leeds was hit by ransomware on 2 May 2024.\nInitial access: Phishing e-mail with a malicious link (suspected, not confirmed)\n",
        ),
        (
            "fr",
            "Rapport d'incident : clinique des Tilleuls",
            "La clinique des Tilleuls à Namur a été victime d'un rançongiciel le 2 mai 2024.\nAccès initial : hameçonnage suspecté, non confirmé\n",
        ),
    ] {
        let r = read(title, body);
        assert!(!has_technique(&r, "T1566"), "{lang}: {body}");
    }
    let r = read(
        "Attack on Hillview Clinic",
        "Hillview Clinic in Leeds was hit by ransomware on 2 May 2024. The attackers sent a phishing e-mail to staff, but data theft has not been confirmed.",
    );
    assert!(has_technique(&r, "T1566"));
}

/// Lateral movement told as moving through the network, in German, Dutch and French; a
/// forged e-mail written as a German compound is phishing.
#[test]
fn lateral_movement_and_a_compound_forged_email() {
    for (lang, title, body) in [
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde im Mai 2024 angegriffen. Von diesem Rechner aus bewegten sich die Täter tagelang durch das Netzwerk des Pflegedienstes.",
        ),
        (
            "nl",
            "Aanval op zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd in mei 2024 aangevallen. Vanaf die laptop bewogen de aanvallers zich ongemerkt door het netwerk.",
        ),
        (
            "fr",
            "Attaque contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Namur a été attaquée en mai 2024. Les pirates se sont ensuite déplacés pendant des jours dans le réseau de la clinique.",
        ),
    ] {
        let r = read(title, body);
        assert!(has_technique(&r, "T1021"), "{lang}: {body}");
    }
    let r = read(
        "Angriff auf Pflegedienst Sonnenhof",
        "Der Pflegedienst Sonnenhof in Kassel wurde im Mai 2024 angegriffen. Eine Mitarbeiterin hatte eine gefälschte Rechnungs-E-Mail erhalten.",
    );
    assert!(has_technique(&r, "T1566"));
}

/// A threat to publish unless paid is a ransom demand (T1657) in Dutch; a threat to
/// publish without a condition of payment (a leak-site listing) is not.
#[test]
fn a_threat_to_publish_unless_paid_is_extortion() {
    let r = read(
        "Aanval op zorggroep Heidezicht",
        "Zorggroep Heidezicht in Ede werd in mei 2024 getroffen door een cyberaanval. De hackers dreigen de gestolen gegevens te publiceren als de zorggroep niet betaalt.",
    );
    assert!(has_technique(&r, "T1657"));
    let r = read(
        "Aanval op zorggroep Heidezicht",
        "Zorggroep Heidezicht in Ede werd in mei 2024 getroffen door een cyberaanval. De groep zette de zorggroep op haar lekwebsite en dreigt de bestanden volgende week te publiceren.",
    );
    assert!(!has_technique(&r, "T1657"));
}

/// Items under a numbered section title of advice ("8. Recommendations") name topics: no
/// technique and no response is read from them.
#[test]
fn items_under_a_numbered_recommendations_title_are_advice() {
    let r = read(
        "Incident report: Hillview Clinic",
        "Hillview Clinic in Leeds was hit by ransomware on 2 May 2024.\n\n8. Recommendations\n- Run phishing awareness training for all staff.\n- Restore backups on a test system every quarter.\n",
    );
    assert!(!has_technique(&r, "T1566"));
    assert!(!has(&r, "restore_from_backup"), "{:?}", kinds(&r));
}
