//! Response actions and CIA, session 4 (issue 15, items 4 and 8): the kinds held-out set 4
//! missed, each in phrasings written for this test (not the held-out sentences) and in the
//! four languages. The expected values are coded by hand from each text — the oracle is the
//! reading of the sentence, not the engine's output. Each language also carries the traps:
//! advice to change one's own password, a claim of theft by the attackers, a tracker field
//! left open, a denial about care beside systems that are down.

mod common;

use common::record as read;
use common::responses::{kinds, set};

#[test]
fn english_authorities_experts_credentials_and_denials() {
    let r = read(
        "Title: Care home operator confirms cyber incident\nPublished: 2025-03-20\n\n\
         Brookfield Care Homes, which runs six care homes in Kent, said on Wednesday that an \
         intruder had used a stolen staff login to reach its shared drive. \
         A number of files were downloaded from the drive before access was cut. \
         The matter was referred to Action Fraud, and the Information Commissioner's Office \
         has been informed. \
         A digital forensics firm was retained to establish what happened. \
         All staff passwords have been changed. \
         The company said no systems had been encrypted and residents' care carried on \
         without interruption. \
         Families are asked to change their own online passwords as a precaution.",
    );
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "external_experts",
            "credentials_reset"
        ])
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    assert_eq!(r.cia.integrity.value(), Some(&false));
    assert_eq!(r.cia.availability.value(), Some(&false));
}

#[test]
fn english_offline_services_and_restoration_site_by_site() {
    let r = read(
        "Title: Radiology provider hit by ransomware\nPublished: 2025-05-02\n\n\
         ScanNet Imaging, a radiology provider in Bristol, was hit by ransomware on Monday \
         that encrypted its reporting servers. \
         The company pulled its online booking and reporting services offline as a precaution. \
         Services are being switched back on clinic by clinic.",
    );
    let k = kinds(&r);
    assert!(k.contains("shutdown_servers"), "{k:?}");
    assert!(k.contains("phased_restoration"), "{k:?}");
    assert_eq!(r.cia.availability.value(), Some(&true));
}

#[test]
fn english_tracker_fields_left_open_state_nothing() {
    let r = read(
        "Title: Incident summary: Lakeside Dental Group\nPublished: 2025-01-10\n\n\
         Victim: Lakeside Dental Group\n\
         Country: United Kingdom\n\
         Data leak: pending\n\
         Data theft: to be confirmed\n\n\
         Summary\n\
         Lakeside Dental Group reported a cyber attack on 6 January 2025. \
         The group claims to have stolen 40 GB of patient files.",
    );
    assert_eq!(r.cia.confidentiality.value(), None);
}

#[test]
fn dutch_authorities_experts_credentials_and_denials() {
    let r = read(
        "Title: Hack bij thuiszorgorganisatie Zorgkring Oost\nPublished: 2025-02-14\n\n\
         Bij thuiszorgorganisatie Zorgkring Oost in Enschede hebben criminelen vorige week \
         ingebroken in het e-mailsysteem. \
         Daarbij zijn bestanden met cliëntgegevens gedownload. \
         Zorgkring Oost deed aangifte bij de politie en heeft het datalek aangemeld bij de \
         toezichthouder. \
         Een extern securitybedrijf onderzoekt hoe de aanvallers binnenkwamen. \
         Alle wachtwoorden van medewerkers zijn inmiddels opnieuw ingesteld. \
         Er is geen enkel systeem versleuteld en de zorgverlening kon gewoon doorgaan. \
         Cliënten wordt gevraagd hun wachtwoord voor het cliëntportaal te wijzigen.",
    );
    assert_eq!(r.language.as_deref(), Some("nl"));
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "external_experts",
            "credentials_reset"
        ])
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    assert_eq!(r.cia.availability.value(), Some(&false));
}

#[test]
fn dutch_diversion_shutdown_refusal_and_unreachable_website() {
    let r = read(
        "Title: Ziekenhuis Rivierenland getroffen door ransomware\nPublished: 2025-04-08\n\n\
         Ziekenhuis Rivierenland in Tiel is maandagnacht getroffen door ransomware. \
         De afdeling spoedeisende hulp neemt voorlopig geen ambulancepatiënten aan. \
         Het ziekenhuis haalde uit voorzorg het patiëntenportaal offline. \
         De criminelen eisen losgeld. \
         Daarover wordt intern overlegd met de raad van bestuur. \
         Het ziekenhuis betaalt niet, aldus een woordvoerder. \
         De systemen worden afdeling per afdeling hersteld.",
    );
    let k = kinds(&r);
    for want in [
        "ambulance_diversion",
        "shutdown_servers",
        "ransom_refused",
        "phased_restoration",
    ] {
        assert!(k.contains(want), "{want} missing from {k:?}");
    }
    assert_eq!(r.cia.availability.value(), Some(&true));

    // A DDoS that took a website down, with care said to go on: availability is lost.
    let r = read(
        "Title: Website Zorggroep Noord uit de lucht\nPublished: 2025-04-09\n\n\
         De website van Zorggroep Noord in Assen was dinsdag urenlang niet bereikbaar door \
         een DDoS-aanval. \
         Volgens de zorggroep werd de zorg niet verstoord.",
    );
    assert_eq!(r.cia.availability.value(), Some(&true));
}

#[test]
fn french_authorities_experts_credentials_and_denials() {
    let r = read(
        "Title: Cyberattaque contre la clinique Saint-Roch\nPublished: 2025-03-11\n\n\
         La clinique Saint-Roch de Montpellier a été victime d'une intrusion informatique \
         le week-end dernier. \
         Des fichiers contenant des données de patients ont été copiés par les pirates. \
         La direction a porté plainte et a notifié l'incident à la CNIL. \
         Un cabinet spécialisé en investigation numérique a été missionné pour analyser \
         l'attaque. \
         Les mots de passe de l'ensemble du personnel ont été réinitialisés. \
         Aucun serveur n'a été chiffré et la prise en charge des patients n'a à aucun moment \
         été perturbée. \
         La clinique invite les patients à changer leurs mots de passe du portail.",
    );
    assert_eq!(r.language.as_deref(), Some("fr"));
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "external_experts",
            "credentials_reset"
        ])
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    assert_eq!(r.cia.availability.value(), Some(&false));
}

#[test]
fn french_claim_of_theft_is_not_a_statement() {
    let r = read(
        "Title: Le groupe Akira revendique une attaque contre un EHPAD\nPublished: 2025-02-02\n\n\
         Le groupe Akira a ajouté la résidence Les Mimosas, à Perpignan, à son site de fuite. \
         Les pirates prétendent avoir dérobé 80 Go de documents administratifs. \
         L'établissement confirme un incident informatique survenu fin janvier.",
    );
    assert_eq!(r.cia.confidentiality.value(), None);
}

#[test]
fn german_authorities_experts_credentials_and_denials() {
    let r = read(
        "Title: Datenabfluss bei Pflegedienst in Trier\nPublished: 2025-03-05\n\n\
         Beim ambulanten Pflegedienst Moselpflege in Trier haben Unbekannte über ein \
         gekapertes Mitarbeiterkonto Dokumente mit Patientendaten heruntergeladen. \
         Der Pflegedienst hat bei der örtlichen Kriminalpolizei Strafanzeige erstattet und \
         den Vorfall dem Landesbeauftragten für den Datenschutz gemeldet. \
         Ein IT-Dienstleister wurde mit der forensischen Analyse beauftragt. \
         Sämtliche Kennwörter wurden neu vergeben. \
         Es wurden keine Systeme verschlüsselt, die Pflege lief ohne Einschränkungen weiter. \
         Der Pflegedienst bittet Angehörige, ihre Passwörter für das Online-Portal zu ändern.",
    );
    assert_eq!(r.language.as_deref(), Some("de"));
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "external_experts",
            "credentials_reset"
        ])
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    assert_eq!(r.cia.availability.value(), Some(&false));
}

#[test]
fn german_shutdown_phased_restoration_and_open_field() {
    let r = read(
        "Title: Cyberangriff auf Klinikum Hunsrück\nPublished: 2025-06-03\n\n\
         Das Klinikum Hunsrück in Simmern ist am Sonntag Opfer eines Cyberangriffs geworden. \
         Die Klinik nahm ihr Patientenportal und alle Server vorsorglich vom Netz. \
         Die Systeme werden seit Mittwoch Station für Station wieder hochgefahren.\n\n\
         Datenabfluss: wird untersucht",
    );
    let k = kinds(&r);
    assert!(k.contains("shutdown_servers"), "{k:?}");
    assert!(k.contains("phased_restoration"), "{k:?}");
    assert_eq!(r.cia.confidentiality.value(), None);
}

#[test]
fn advice_to_change_ones_own_password_is_no_credentials_reset() {
    for text in [
        "Title: Data breach at Harbour Pharmacy\nPublished: 2025-01-20\n\n\
         Harbour Pharmacy in Cork said an attacker had accessed its customer database. \
         Customers are being asked to reset their passwords for the online shop.",
        "Title: Datalek bij apotheek De Linde\nPublished: 2025-01-20\n\n\
         Apotheek De Linde in Zwolle heeft een datalek gehad. \
         Klanten wordt verzocht hun wachtwoord voor de webwinkel te wijzigen.",
        "Title: Fuite de données à la pharmacie du Port\nPublished: 2025-01-20\n\n\
         La pharmacie du Port à Sète a subi une fuite de données. \
         Elle demande à ses clients de changer leurs mots de passe.",
        "Title: Datenleck bei der Apotheke am Markt\nPublished: 2025-01-20\n\n\
         Die Apotheke am Markt in Fulda hat ein Datenleck gemeldet. \
         Sie bittet alle Kunden, ihre Passwörter für den Online-Shop zu ändern.",
    ] {
        let r = read(text);
        assert!(
            !kinds(&r).contains("credentials_reset"),
            "{:?}: {:?}",
            r.language,
            kinds(&r)
        );
    }
}

#[test]
fn attackers_unable_to_take_data_is_a_denial_in_four_languages() {
    for (text, lang) in [
        (
            "Title: Intrusion at Fenwick Hospital\nPublished: 2025-02-01\n\n\
             Fenwick Hospital in Leeds detected an intrusion on Monday. \
             The hospital said the intruders never managed to copy any patient records.",
            "en",
        ),
        (
            "Title: Inbraak bij ziekenhuis Maasoever\nPublished: 2025-02-01\n\n\
             Ziekenhuis Maasoever in Venlo ontdekte maandag een inbraak in het netwerk. \
             De aanvallers zijn er volgens het ziekenhuis niet in geslaagd om gegevens van \
             patiënten te stelen.",
            "nl",
        ),
        (
            "Title: Intrusion au centre hospitalier de Vannes\nPublished: 2025-02-01\n\n\
             Le centre hospitalier de Vannes a détecté une intrusion lundi. \
             Selon la direction, les pirates n'ont pas pu exfiltrer de données de patients.",
            "fr",
        ),
        (
            "Title: Angriff auf das Klinikum Fulda\nPublished: 2025-02-01\n\n\
             Das Klinikum Fulda hat am Montag einen Angriff auf sein Netzwerk entdeckt. \
             Die Angreifer konnten nach Angaben der Klinik keine Patientendaten abgreifen.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert_eq!(r.cia.confidentiality.value(), Some(&false), "{lang}");
    }
}

#[test]
fn agency_alerting_the_victim_and_degraded_procedures() {
    let r = read(
        "Title: Intrusion at Westmoor Hospital\nPublished: 2025-02-01\n\n\
         The national cybersecurity agency had warned the hospital of suspicious traffic on \
         Tuesday. Wards moved to degraded procedures for three days.",
    );
    let k = kinds(&r);
    assert!(k.contains("authorities_notified"), "{k:?}");
    assert!(k.contains("manual_fallback"), "{k:?}");
}

#[test]
fn claims_of_theft_state_nothing_in_four_languages_but_a_denial_stands() {
    for (text, lang) in [
        (
            "Title: Ransomware at Elmside Clinic\nPublished: 2025-02-01\n\n\
             Elmside Clinic in Derby was hit by ransomware on Monday. \
             The gang said it had taken 20 GB of patient files.",
            "en",
        ),
        (
            "Title: Aanval op Kliniek Duinzicht\nPublished: 2025-02-01\n\n\
             Kliniek Duinzicht in Leiden is maandag getroffen door een cyberaanval. \
             De criminelen beweren 60 GB aan patiëntgegevens te hebben buitgemaakt.",
            "nl",
        ),
        (
            "Title: Cyberattaque contre la clinique des Alpilles\nPublished: 2025-02-01\n\n\
             La clinique des Alpilles à Arles a été victime d'une cyberattaque lundi. \
             Les cybercriminels auraient dérobé 30 Go de données de patients.",
            "fr",
        ),
        (
            "Title: Cyberangriff auf die Klinik am See\nPublished: 2025-02-01\n\n\
             Die Klinik am See in Konstanz wurde am Montag Opfer eines Cyberangriffs. \
             Die Täter sollen dabei 70 GB Patientendaten erbeutet haben.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert_eq!(r.cia.confidentiality.value(), None, "{lang}");
    }
    let r = read(
        "Title: Cyber attack at Elmside Clinic\nPublished: 2025-02-01\n\n\
         Elmside Clinic in Derby was hit by a cyber attack on Monday. \
         The clinic claims that no patient data was stolen.",
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&false));
}

/// One phrasing per line, each written for this test; the kind a reader codes from it.
#[test]
fn response_phrasing_families_in_four_languages() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "en",
            "A criminal investigation has been launched.",
            "authorities_notified",
        ),
        (
            "en",
            "Incident responders from CrowdStrike are on site.",
            "external_experts",
        ),
        (
            "en",
            "All employees were forced to reset their passwords.",
            "credentials_reset",
        ),
        (
            "en",
            "Systems are coming back step by step.",
            "phased_restoration",
        ),
        (
            "nl",
            "Het ziekenhuis bracht de GBA op de hoogte.",
            "authorities_notified",
        ),
        (
            "nl",
            "Een forensisch team van Northwave onderzoekt de aanval.",
            "external_experts",
        ),
        (
            "nl",
            "Alle artsen moesten hun wachtwoord veranderen.",
            "credentials_reset",
        ),
        (
            "nl",
            "Het ziekenhuis ging niet in op de losgeldeis.",
            "ransom_refused",
        ),
        (
            "fr",
            "Le parquet de Lyon a ouvert une enquête.",
            "authorities_notified",
        ),
        (
            "fr",
            "Les salariés ont dû modifier leurs mots de passe.",
            "credentials_reset",
        ),
        (
            "fr",
            "Les consultations reprennent petit à petit.",
            "phased_restoration",
        ),
        (
            "fr",
            "Le SAMU réoriente les patients vers d'autres établissements.",
            "ambulance_diversion",
        ),
        (
            "de",
            "Ein Incident-Response-Team unterstützt die Klinik.",
            "external_experts",
        ),
        (
            "de",
            "Alle Beschäftigten mussten ihre Kennwörter ändern.",
            "credentials_reset",
        ),
        (
            "de",
            "Die Kriminalpolizei hat die Ermittlungen übernommen.",
            "authorities_notified",
        ),
    ];
    for (lang, sentence, kind) in cases {
        let lead = match *lang {
            "en" => "The Oakfield Hospital in Derby was hit by a cyber attack on Monday.",
            "nl" => {
                "Het Ziekenhuis Oostkust in Vlissingen werd maandag getroffen door een cyberaanval."
            }
            "fr" => "L'hôpital de la Côte à Royan a été victime d'une cyberattaque lundi.",
            _ => "Das Klinikum Nordheide in Buchholz wurde am Montag Opfer eines Cyberangriffs.",
        };
        let r = read(&format!(
            "Title: Cyber\nPublished: 2025-03-10\n\n{lead} {sentence}"
        ));
        assert!(
            kinds(&r).contains(*kind),
            "{lang} {sentence:?}: {kind} not in {:?}",
            kinds(&r)
        );
    }
}

#[test]
fn nothing_encrypted_is_integrity_false_in_four_languages() {
    for (text, lang) in [
        (
            "Title: Intrusion at Moorgate Hospital\nPublished: 2025-02-01\n\n\
             Moorgate Hospital in Hull was hit by a cyber attack on Monday. \
             None of the trust's servers were encrypted, a spokesperson said.",
            "en",
        ),
        (
            "Title: Aanval op ziekenhuis Kempenland\nPublished: 2025-02-01\n\n\
             Ziekenhuis Kempenland in Geel werd maandag getroffen door een cyberaanval. \
             Volgens de directie werd er niets versleuteld.",
            "nl",
        ),
        (
            "Title: Cyberattaque contre l'hôpital de Dole\nPublished: 2025-02-01\n\n\
             L'hôpital de Dole a été victime d'une cyberattaque lundi. \
             Selon la direction, rien n'a été chiffré.",
            "fr",
        ),
        (
            "Title: Angriff auf das Klinikum Passau\nPublished: 2025-02-01\n\n\
             Das Klinikum Passau wurde am Montag Opfer eines Cyberangriffs. \
             Nach Angaben der Klinik wurde nichts verschlüsselt.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert_eq!(r.cia.integrity.value(), Some(&false), "{lang}");
        assert_ne!(r.cia.availability.value(), Some(&true), "{lang}");
    }
}
