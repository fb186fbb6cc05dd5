//! Session 33 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test; the towns are real.

mod common;

use common::article as rec;
use common::technique_ids as techniques;

fn confidentiality(r: &cordon_intel::IncidentRecord) -> Option<bool> {
    r.cia.confidentiality.value().copied()
}

fn integrity(r: &cordon_intel::IncidentRecord) -> Option<bool> {
    r.cia.integrity.value().copied()
}

/// Records an employee opened without a reason are disclosed (VERIS confidentiality,
/// data viewed, no exfiltration) in the four languages: the negation preposition of
/// "without a reason" governs its own phrase, not the viewing.
#[test]
fn records_opened_without_a_reason_are_disclosed() {
    for (title, body) in [
        (
            "Unberechtigte Zugriffe",
            "Eine Mitarbeiterin der Patientenadministration des Spitals Rosengarten in Thun hat \
             die Patientendossiers von 38 Personen geöffnet, ohne dass sie dafür einen \
             beruflichen Grund hatte.",
        ),
        (
            "Onrechtmatige inzage",
            "Een medewerker van ziekenhuis De Duinen in Veurne heeft de dossiers van 71 \
             patiënten geopend zonder geldige reden.",
        ),
        (
            "Consultations illégitimes",
            "Une employée de la clinique des Tilleuls à Namur a consulté les dossiers médicaux \
             de 45 patients.",
        ),
        (
            "Records accessed by employee",
            "At Riverside Clinic in Kendal, the medical records of 52 patients were opened \
             without a legitimate reason by an administrator.",
        ),
    ] {
        let r = rec(title, "2025-06-20", body);
        assert_eq!(confidentiality(&r), Some(true), "{body}");
        assert!(
            !techniques(&r).iter().any(|t| t == "T1041"),
            "viewed is no exfiltration: {body}"
        );
    }

    // A negated opening is no disclosure.
    let r = rec(
        "Kein Zugriff",
        "2025-06-20",
        "Die Angreifer haben keine Patientendossiers geöffnet.",
    );
    assert_ne!(confidentiality(&r), Some(true));
}

/// A denial that the data were copied or passed on leaves records seen without a reason
/// disclosed; a denial of the viewing itself still denies.
#[test]
fn a_denial_of_copying_leaves_the_viewing_disclosed() {
    let wattwil = rec(
        "Unberechtigte Zugriffe auf Patientendossiers",
        "2026-02-20",
        "Eine Mitarbeiterin unserer Patientenadministration hat ohne dienstlichen Grund die \
         elektronischen Patientendossiers von 214 Patientinnen und Patienten eingesehen. \
         Nach heutigem Kenntnisstand hat die Mitarbeiterin keine Daten kopiert, ausgedruckt \
         oder an Dritte weitergegeben. Verändert wurde in den Dossiers nichts.",
    );
    assert_eq!(confidentiality(&wattwil), Some(true));
    assert_eq!(integrity(&wattwil), Some(false));
    assert!(!techniques(&wattwil).iter().any(|t| t == "T1041"));

    let koksijde = rec(
        "Onrechtmatige inzage in patiëntendossiers",
        "2025-03-05",
        "Een medewerker van onze administratie heeft zonder beroepsmatige reden medische \
         dossiers van patiënten ingekeken. Er zijn geen aanwijzingen dat de medewerker \
         gegevens heeft gekopieerd, afgedrukt of aan anderen heeft doorgegeven. Er werd ook \
         niets aangepast in de dossiers.",
    );
    assert_eq!(confidentiality(&koksijde), Some(true));
    assert_eq!(integrity(&koksijde), Some(false));

    // The denial speaks of the viewing: no statement either way.
    let denied = rec(
        "Onderzoek afgerond",
        "2025-03-05",
        "Eerst leek het alsof een medewerker dossiers van patiënten had ingekeken. Uit het \
         onderzoek blijkt dat er geen aanwijzingen zijn dat gegevens werden ingekeken.",
    );
    assert_ne!(confidentiality(&denied), Some(true));
}

/// "did not change any records", "n'a modifié aucun dossier", "heeft niets gewijzigd":
/// integrity denied; the attackers altering records is no denial.
#[test]
fn records_not_changed_deny_integrity() {
    for body in [
        "The audit shows the employee did not alter any records.",
        "L'analyse montre que l'employée n'a modifié aucun dossier.",
        "Uit de logs blijkt dat de medewerker niets heeft gewijzigd. De medewerker heeft niets gewijzigd.",
        "Die Auswertung zeigt, dass die Mitarbeiterin keine Einträge verändert oder gelöscht hat.",
    ] {
        let r = rec("Zugriffe", "2025-06-20", body);
        assert_eq!(integrity(&r), Some(false), "{body}");
    }
    let r = rec(
        "Records altered",
        "2025-06-20",
        "The intruder altered the records of 30 patients.",
    );
    assert_ne!(integrity(&r), Some(false));
}

/// A count the text corrects ("71 …, en niet van 63 zoals we meldden") supersedes the
/// figure it names, wherever that figure was read; a negated count with nothing to
/// correct changes nothing.
#[test]
fn a_corrected_count_supersedes_the_figure_it_names() {
    let r = rec(
        "Onrechtmatige inzage",
        "2025-03-12",
        "Update 12 maart: In totaal heeft de medewerker de dossiers van 71 patiënten \
         ingekeken, en niet van 63 zoals we op 5 maart meldden.\n\nEen medewerker van \
         ziekenhuis De Duinen in Veurne heeft zonder reden medische dossiers ingekeken. Bij \
         de eerste controle ging het om de dossiers van 63 patiënten.",
    );
    let k = common::impacts::keys(&r);
    assert!(k.iter().any(|x| x == "71 people exposed"), "{k:?}");
    assert!(!k.iter().any(|x| x.starts_with("63 ")), "{k:?}");

    let r = rec(
        "Records viewed",
        "2025-03-12",
        "An administrator at Riverside Clinic in Kendal viewed the records of 52 patients. \
         Not 3 of them had been treated by her.",
    );
    let k = common::impacts::keys(&r);
    assert!(k.iter().any(|x| x == "52 people exposed"), "{k:?}");
}

/// The verb of a page's publication stamp ("Erstmals veröffentlicht am Montag, 2. März
/// 2026", "Published on 4 May 2025") dates the page: no theft cue, no T1041. A theft
/// told in the text still is one.
#[test]
fn a_publication_stamp_is_no_theft() {
    let r = rec(
        "Unberechtigte Zugriffe auf Patientendossiers",
        "2026-03-09",
        "Erstmals veröffentlicht am Montag, 2. März 2026 · Aktualisiert am Montag, 9. März \
         2026\n\nEine Mitarbeiterin der Klinik Hummelwald in Wattwil hat ohne dienstlichen \
         Grund die Patientendossiers von 214 Patientinnen und Patienten eingesehen.",
    );
    assert!(
        !techniques(&r).contains(&"T1041".to_string()),
        "{:?}",
        techniques(&r)
    );

    let r = rec(
        "Daten veröffentlicht",
        "2026-03-09",
        "Erstmals veröffentlicht am Montag, 2. März 2026\n\nDie Angreifer haben Daten der \
         Klinik Hummelwald in Wattwil gestohlen und am 5. März veröffentlicht.",
    );
    assert!(
        techniques(&r).contains(&"T1041".to_string()),
        "{:?}",
        techniques(&r)
    );
}

/// An insider who opened records with her own account used a valid account (T1078, as
/// the coders code it); advice to give staff their own accounts is no technique.
#[test]
fn an_insiders_own_account_is_a_valid_account() {
    for body in [
        "Eine Mitarbeiterin des Spitals Rosengarten in Thun hat mit ihrem eigenen \
         Benutzerkonto die Patientendossiers von 38 Personen eingesehen.",
        "Une employée de la clinique des Tilleuls à Namur a consulté avec son propre compte \
         les dossiers médicaux de 45 patients.",
        "An administrator at Riverside Clinic in Kendal viewed the records of 52 patients \
         using her own login.",
    ] {
        let r = rec("Zugriffe", "2025-06-20", body);
        assert!(techniques(&r).contains(&"T1078".to_string()), "{body}");
    }
    let r = rec(
        "Lessons",
        "2025-06-20",
        "Riverside Clinic in Kendal was hit by ransomware. We will give every member of staff \
         their own account.",
    );
    assert!(!techniques(&r).contains(&"T1078".to_string()));
}

/// A stated denial of encryption ("None of our systems were encrypted") outweighs integrity
/// inferred from a mention of ransomware (a tracker's tagline): integrity `false`, no
/// T1486. Ransomware that encrypted keeps both.
#[test]
fn a_stated_denial_of_encryption_outweighs_a_mention_of_ransomware() {
    let r = rec(
        "Extortion Ledger",
        "2025-05-20",
        "Tracking data-leak and ransomware claims against hospitals, clinics and practices in \
         Europe\n\nOrthopädische Klinik Sarnersee AG (Sarnen, Switzerland)\n\nUnknown \
         attackers got into the network of Orthopädische Klinik Sarnersee in Sarnen and \
         copied data from one of its file servers. None of our systems were encrypted, and \
         no data was changed or deleted.",
    );
    assert_eq!(integrity(&r), Some(false));
    assert!(
        !techniques(&r).contains(&"T1486".to_string()),
        "{:?}",
        techniques(&r)
    );

    let r = rec(
        "Ransomware at clinic",
        "2025-05-20",
        "Ransomware encrypted the servers of Riverside Clinic in Kendal on Monday. No patient \
         data was altered.",
    );
    assert_eq!(integrity(&r), Some(true));
    assert!(techniques(&r).contains(&"T1486".to_string()));
}

/// A lost device that "is encrypted and secured with a PIN" (the verb first: "ist das
/// Gerät verschlüsselt") tells of a safeguard, not of an attack's encryption.
#[test]
fn a_device_encrypted_as_a_safeguard_in_verb_first_order() {
    let r = rec(
        "Rettungsdienst verliert Tablet",
        "2025-12-04",
        "Eine Notfallsanitäterin des Rettungsdienstes Hohenzollern hat in Sigmaringen ein \
         dienstliches Tablet verloren. Laut Rettungsdienst ist das Gerät verschlüsselt und mit \
         einer PIN gesichert. „Hinweise darauf, dass jemand auf die Daten zugreifen konnte, \
         haben wir keine“, sagte ein Sprecher.",
    );
    assert_ne!(integrity(&r), Some(true));
    assert!(!techniques(&r).contains(&"T1486".to_string()));
    assert_eq!(confidentiality(&r), Some(false));
}

/// A payment fraud through a supplier's hijacked mailbox: money "transferred to the
/// fraudsters" is no patient transfer, invoices "not paid" no ransom refused when the text
/// denies any demand, and "copied the style of the supplier's staff" no data copied.
#[test]
fn a_payment_fraud_is_no_transfer_refusal_or_disclosure() {
    let r = rec(
        "Statement on a payment fraud",
        "2025-03-21",
        "Cloche d'Or Diagnostics in Leudelange has been the victim of a payment fraud. In \
         total, €187,350 was transferred to the fraudsters. The criminals had taken over the \
         supplier's mailbox, replied within existing conversations and copied the style of \
         the supplier's staff, which is why nothing looked unusual. We found out when the \
         supplier telephoned to ask why its invoices had not been paid. No patient data, test \
         results or employee data are involved. There has been no ransom or other demand to \
         the laboratory.",
    );
    let kinds = common::responses::kinds(&r);
    assert!(!kinds.contains("patient_transfer"), "{kinds:?}");
    assert!(!kinds.contains("ransom_refused"), "{kinds:?}");
    assert_eq!(confidentiality(&r), Some(false));
    assert!(!techniques(&r).contains(&"T1041".to_string()));

    // Persons transferred still are.
    let r = rec(
        "Hospital hit by cyber attack",
        "2025-03-21",
        "Riverside Hospital in Kendal was hit by ransomware. Five inpatients whose care depends \
         on round-the-clock monitoring were transferred to hospitals in Lancaster.",
    );
    assert!(common::responses::kinds(&r).contains("patient_transfer"));
}

/// Austrian and Swiss names of care homes ("Pflegewohnhaus", "Alterszentrum",
/// "Seniorenwohnheim") name a care home victim; data put "auf seine Leak-Seite" were
/// disclosed, and the persons concerned are `people`.
#[test]
fn austrian_and_swiss_care_homes_and_a_leak_site() {
    let r = rec(
        "Cyberangriff auf Pflegewohnhaus",
        "2025-11-19",
        "Das Pflegewohnhaus Zirbenhang in Judenburg wurde Opfer eines Cyberangriffs. Die \
         Gruppe DireWolf verlangte 180.000 Euro. Am 3. November stellte DireWolf Daten des \
         Hauses auf seine Leak-Seite. Betroffen sind 94 Bewohnerinnen und Bewohner.",
    );
    assert!(
        r.victims
            .iter()
            .any(|v| v.name.contains("Pflegewohnhaus Zirbenhang")),
        "{:?}",
        r.victims
    );
    assert_eq!(r.victims[0].org_type, "care home");
    assert_eq!(confidentiality(&r), Some(true));
    let k = common::impacts::keys(&r);
    assert!(k.iter().any(|x| x == "94 people exposed"), "{k:?}");

    let r = rec(
        "Datenpanne im Alterszentrum",
        "2025-11-19",
        "Das Alterszentrum Sonnmatt in Willisau meldet einen Cyberangriff auf seine Server.",
    );
    assert_eq!(r.victims[0].org_type, "care home");
}

/// A country in a sentence that names the victim outweighs one read first in a site's
/// tagline that names two countries' regions.
#[test]
fn a_country_beside_the_victim_outweighs_a_taglines() {
    let r = rec(
        "Zorggijzeling",
        "2025-06-25",
        "Zorggijzeling - overzicht van afpersing met gijzelsoftware in de zorg in Vlaanderen \
         en Nederland\n\nAmbulancedienst Plassendaal bv (Oudenburg, België)\n\nGroep: \
         3AM\nSlachtoffer: Ambulancedienst Plassendaal bv\n\nDe groep 3AM heeft \
         Ambulancedienst Plassendaal uit Oudenburg op 16 juni 2025 op haar lekwebsite gezet. \
         In de nacht van zaterdag 7 op zondag 8 juni 2025 hebben criminelen een deel van onze \
         servers versleuteld.",
    );
    assert_eq!(
        r.country.value().map(|c| c.code.as_str()),
        Some("BE"),
        "{:?}",
        r.country
    );
}

/// A demand the victim will "neither confirm nor deny" is left unconfirmed: no financial
/// motive, no T1657. Work done "again with pen and paper" is a manual fallback, not a
/// service restored.
#[test]
fn an_unconfirmed_demand_and_paper_working_again() {
    let r = rec(
        "Cyberaanval legt ziekenhuis lam",
        "2025-10-15",
        "Hackers hebben in de nacht van maandag op dinsdag de servers van Psychiatrisch \
         Ziekenhuis Hooghof in Ranst versleuteld met gijzelsoftware. De daders zouden \
         losgeld vragen, maar het ziekenhuis wil dat bevestigen noch ontkennen. Het ziekenhuis \
         werkt sinds dinsdag opnieuw met pen en papier.",
    );
    assert!(
        !techniques(&r).contains(&"T1657".to_string()),
        "{:?}",
        techniques(&r)
    );
    assert!(
        r.motives.iter().all(|m| m.value != "financial"),
        "{:?}",
        r.motives
    );
    let kinds = common::responses::kinds(&r);
    assert!(kinds.contains("manual_fallback"), "{kinds:?}");
    assert!(!kinds.contains("services_restored"), "{kinds:?}");

    // A confirmed demand is one; systems working again beside paper are restored.
    let r = rec(
        "Cyberaanval legt ziekenhuis lam",
        "2025-10-15",
        "Hackers hebben de servers van Psychiatrisch Ziekenhuis Hooghof in Ranst versleuteld \
         met gijzelsoftware. De daders eisen losgeld. Het ziekenhuis werkte een week met pen \
         en papier. Sinds maandag werkt het elektronisch patiëntendossier opnieuw.",
    );
    assert!(techniques(&r).contains(&"T1657".to_string()));
    assert!(common::responses::kinds(&r).contains("services_restored"));
}

/// A ransom the text says was paid was not refused ("Without paying, we would have lost
/// twenty years of patient notes" is a counterfactual); passwords tried by the thousand
/// are brute force.
#[test]
fn a_paid_ransom_was_not_refused() {
    let r = rec(
        "Clifden practice paid criminals to unlock its files",
        "2025-10-08",
        "Owenglin Medical Centre in Clifden has confirmed that it paid a ransom to the \
         criminals who locked its computers last month. Over several days they tried \
         thousands of passwords against the remote desktop connection until one worked. \
         \"Without paying, we would have lost twenty years of patient notes,\" the practice \
         manager said.",
    );
    let kinds = common::responses::kinds(&r);
    assert!(kinds.contains("ransom_paid"), "{kinds:?}");
    assert!(!kinds.contains("ransom_refused"), "{kinds:?}");
    assert!(
        techniques(&r).contains(&"T1110".to_string()),
        "{:?}",
        techniques(&r)
    );
}

/// "Ni revendication ni rançon" denies a demand; a service named as the means something
/// was done by ("des experts joints par téléphone") is in use, no outage; a paragraph
/// opened by "it is not the first time" tells of another incident.
#[test]
fn no_ransom_a_channel_in_use_and_not_the_first_time() {
    let r = rec(
        "Cyberattaque à l'hôpital",
        "2025-11-20",
        "Le centre hospitalier du Lioran, à Murat, a été frappé par un rançongiciel dans la \
         nuit de mardi à mercredi. Sur les conseils d'experts joints par téléphone, la \
         direction a fait mettre à l'arrêt l'ensemble des serveurs.\n\nNi revendication ni \
         rançon, pour l'instant.",
    );
    assert!(
        !techniques(&r).contains(&"T1657".to_string()),
        "{:?}",
        techniques(&r)
    );
    let k = common::impacts::keys(&r);
    assert!(!k.iter().any(|x| x.starts_with("phones")), "{k:?}");

    let r = rec(
        "Blood tests on hold after ransomware hits Morpeth lab",
        "2025-02-19",
        "Criminals locked the computer systems of Mitford Pathology, the laboratory in \
         Morpeth, on Monday 17 February.\n\nIt is not the first time a health business in \
         the county has been held to ransom. In March 2024 an optician's in Ponteland could \
         not open its booking system for four days after an attack, and later wrote to 1,700 \
         customers whose details had been copied.",
    );
    let k = common::impacts::keys(&r);
    assert!(!k.iter().any(|x| x.starts_with("1700")), "{k:?}");
    assert!(!k.iter().any(|x| x.contains("appointment system")), "{k:?}");
}

/// Records sent to the wrong recipients are disclosed (VERIS error: misdelivery), and the
/// persons whose records they were are `people`; a misdelivery denied is none.
#[test]
fn records_sent_to_the_wrong_recipients_are_disclosed() {
    let r = rec(
        "Laborbefunde an falsche Praxen verschickt",
        "2025-11-07",
        "Wegen eines Fehlers bei einem Software-Update hat das Labor Nordmarsch in Husum am \
         Dienstag Laborbefunde an falsche Praxen übermittelt. Betroffen sind 1.180 Befunde \
         von 1.050 Patientinnen und Patienten. Ein Cyberangriff liegt nicht vor.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    assert!(
        !techniques(&r).contains(&"T1041".to_string()),
        "no exfiltration"
    );
    let k = common::impacts::keys(&r);
    assert!(k.iter().any(|x| x == "1050 people exposed"), "{k:?}");

    for body in [
        "Riverside Counselling in Ledbury e-mailed a newsletter to 312 clients with all the \
         e-mail addresses visible to all recipients.",
        "Tandartspraktijk De Molenberg in Herentals heeft röntgenfoto's naar de verkeerde \
         patiënten gestuurd.",
        "La mutualité a envoyé des décomptes à de mauvais destinataires.",
    ] {
        let r = rec("Data incident", "2025-11-07", body);
        assert_eq!(confidentiality(&r), Some(true), "{body}");
    }
    let r = rec(
        "Kein Versand an falsche Empfänger",
        "2025-11-07",
        "Das Labor Nordmarsch in Husum hat keine Befunde an falsche Praxen verschickt.",
    );
    assert_ne!(confidentiality(&r), Some(true));
}
