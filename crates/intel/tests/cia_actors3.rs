//! CIA, actors, techniques and indicators, session 5 (issue 15; kinds 4, 5, 13, 15, 18, 21,
//! 22, 24 and 25 of /work/notes/s4/final/errors-by-kind.md): the one scope pass shared by
//! the cue families (negation before or after a cue, a label answered "no", a menu line, a
//! tracker title behind furniture words, a claim), T1041 from copy verbs, T1078 from
//! credentials used to log in, T1190 across two sentences, phishing attachments, group
//! names after a group noun or with a digit first, and indicator list lines.
//!
//! Every phrasing is written for this test (none is taken from a development or held-out
//! set); the expected values are coded by hand from each text — the oracle is the reading
//! of the sentence, not the engine's output.

mod common;

use common::record as read;
use cordon_intel::IncidentRecord;

fn has(r: &IncidentRecord, id: &str) -> bool {
    r.techniques
        .iter()
        .any(|t| t.id == id || t.id.starts_with(&format!("{id}.")))
}

fn article(lang: &str, title: &str, body: &str) -> IncidentRecord {
    let r = read(&format!("Title: {title}\nPublished: 2025-03-12\n\n{body}"));
    assert_eq!(r.language.as_deref(), Some(lang), "{title}");
    r
}

/// A disruption predicate negated in its clause — whatever its subject, whatever the
/// negation ("at no time", "op geen enkel moment", "n'a … été", "zu keiner Zeit", a field
/// answered "keine") — states availability `false`.
#[test]
fn negated_disruption_is_availability_false_in_four_languages() {
    let cases = [
        (
            "en",
            "Cyber attack on Harwick Clinic",
            "Harwick Clinic in Exeter was hit by a cyber attack on Monday. The booking desk was at no time disrupted, the clinic said.",
        ),
        (
            "en",
            "Data theft at Penmore Hospice",
            "Penmore Hospice in Truro said hackers copied donor files. Its nursing service has not been interrupted.",
        ),
        (
            "en",
            "Breach at Lydford Surgery",
            "Lydford Surgery in Bath reported a breach of its mailbox. Patient services were never disrupted.",
        ),
        (
            "nl",
            "Cyberaanval op Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd maandag getroffen door een cyberaanval. De poliklinieken zijn op geen enkel moment verstoord geweest.",
        ),
        (
            "nl",
            "Datalek bij Zorggroep Lingehof",
            "Zorggroep Lingehof in Tiel meldt een datalek. De thuiszorg is niet onderbroken.",
        ),
        (
            "nl",
            "Inbraak bij Huisartsenpost Waalkant",
            "Huisartsenpost Waalkant in Zaltbommel werd gehackt. De spoedzorg werd op geen enkel moment gehinderd.",
        ),
        (
            "fr",
            "Cyberattaque contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été victime d'une cyberattaque lundi. Aucune consultation n'a été perturbée.",
        ),
        (
            "fr",
            "Fuite de données à l'hôpital de Sarlat",
            "L'hôpital de Sarlat a subi une fuite de données. Les urgences n'ont à aucun moment été interrompues.",
        ),
        (
            "fr",
            "Intrusion au centre de santé du Quercy",
            "Le centre de santé du Quercy à Cahors a subi une intrusion. La prise en charge des patients n'a pas été perturbée.",
        ),
        (
            "de",
            "Cyberangriff auf die Klinik Auental",
            "Die Klinik Auental in Siegen wurde am Montag Opfer eines Cyberangriffs. Die Dialyse war zu keinem Zeitpunkt gestört.",
        ),
        (
            "de",
            "Datenabfluss beim Pflegedienst Lahnblick",
            "Der Pflegedienst Lahnblick in Gießen meldet einen Cyberangriff.\n\n- Betriebsunterbrechung: keine\n- Meldung an die Behörde: ja",
        ),
        (
            "de",
            "Angriff auf das MVZ Kinzigtal",
            "Das MVZ Kinzigtal in Hanau wurde Opfer eines Hackerangriffs. Die Sprechstunden wurden nicht unterbrochen.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert_eq!(r.cia.availability.value(), Some(&false), "{lang}: {body}");
    }
}

/// A negated disruption yields to systems stated lost in another sentence (Coding rule 3):
/// care can go on while systems are down.
#[test]
fn negated_disruption_yields_to_a_stated_outage() {
    let r = article(
        "en",
        "Cyber attack on Harwick Clinic",
        "Harwick Clinic in Exeter was hit by a cyber attack on Monday. The booking system was offline for two days. Patient care was at no time disrupted.",
    );
    assert_eq!(r.cia.availability.value(), Some(&true));
}

/// "has not reported any disruption" is no denial: the negation governs the report, so
/// availability is not stated.
#[test]
fn an_unreported_disruption_is_not_stated() {
    let r = article(
        "en",
        "Ransomware group lists Harwick Clinic",
        "A ransomware group listed Harwick Clinic in Exeter on its leak site. The clinic has not reported any disruption to appointments.",
    );
    assert_eq!(r.cia.availability.value(), None);
}

/// The negation after the cue (a topicalised participle): "Verschlüsselt wurden keine
/// Systeme", "Versleuteld werden er geen systemen", "Encrypted were none of …" gives
/// integrity `false` and no T1486.
#[test]
fn negation_after_the_cue_denies_encryption() {
    let cases = [
        (
            "de",
            "Datenabfluss beim Pflegedienst Lahnblick",
            "Der Pflegedienst Lahnblick in Gießen meldet einen Cyberangriff, bei dem Daten kopiert wurden. Verschlüsselt wurden keine Systeme.",
        ),
        (
            "de",
            "Angriff auf die Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde gehackt. Verschlüsselt wurde bei uns nichts, teilte die Praxis mit.",
        ),
        (
            "de",
            "Hackerangriff auf das Labor Mosel",
            "Das Labor Mosel in Trier wurde Opfer eines Hackerangriffs. Verschlüsselt wurden bislang keine Rechner.",
        ),
        (
            "nl",
            "Inbraak bij Huisartsenpost Waalkant",
            "Huisartsenpost Waalkant in Zaltbommel werd gehackt. Versleuteld werden er geen systemen.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert_eq!(r.cia.integrity.value(), Some(&false), "{lang}: {body}");
        assert!(!has(&r, "T1486"), "{lang}: {body}");
    }
}

/// A menu line of pipe-separated topics ("What is ransomware? | Phishing explained") and a
/// tracker title behind furniture words ("Menu Search Victim of ransomware: X") state no
/// technique and no integrity.
#[test]
fn menu_lines_and_furniture_titles_state_nothing() {
    let cases = [
        (
            "en",
            "Menu Search Ransomware victim: Harwick Clinic",
            "Home | Victims | Groups | What is ransomware? | Phishing explained | Brute force attacks 101\n\nHarwick Clinic in Exeter was listed on a leak site on 10 March 2025.",
        ),
        (
            "nl",
            "Menu Zoeken Ransomware-slachtoffer: Kliniek Dommelhof",
            "Home | Slachtoffers | Groepen | Wat is ransomware? | Phishing uitgelegd | Brute force in het kort\n\nKliniek Dommelhof in Tilburg staat sinds 10 maart 2025 op een lekwebsite.",
        ),
        (
            "fr",
            "Menu Rechercher Victime de rançongiciel : Clinique des Tilleuls",
            "Accueil | Victimes | Groupes | Qu'est-ce qu'un rançongiciel ? | Le phishing expliqué | Force brute\n\nLa clinique des Tilleuls à Vannes figure depuis le 10 mars 2025 sur un site de fuite.",
        ),
        (
            "de",
            "Menü Suche Ransomware-Opfer: Klinik Auental",
            "Startseite | Opfer | Gruppen | Was ist Ransomware? | Phishing erklärt | Brute Force kurz\n\nDie Klinik Auental in Siegen steht seit dem 10. März 2025 auf einer Leak-Seite.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        for id in ["T1486", "T1566", "T1110"] {
            assert!(!has(&r, id), "{lang}: {id} from {title}");
        }
        assert_eq!(r.cia.integrity.value(), None, "{lang}");
    }
}

/// A claim whose data noun is a compound with a coordinated half ("cliënt- en
/// personeelsgegevens", "Kunden- und Mitarbeiterdaten") is still a claim: no
/// confidentiality, no T1041.
#[test]
fn a_claim_over_a_coordinated_compound_is_still_a_claim() {
    let cases = [
        (
            "nl",
            "Lekwebsite noemt Zorggroep Lingehof",
            "Zorggroep Lingehof in Tiel staat op een lekwebsite. De groep beweert 300 GB aan patiënt- en personeelsgegevens te hebben buitgemaakt.",
        ),
        (
            "de",
            "Leak-Seite nennt Pflegedienst Lahnblick",
            "Der Pflegedienst Lahnblick in Gießen steht auf einer Leak-Seite. Die Gruppe behauptet, Kunden- und Mitarbeiterdaten erbeutet zu haben.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert_ne!(r.cia.confidentiality.value(), Some(&true), "{lang}");
        assert!(!has(&r, "T1041"), "{lang}");
    }
}

/// Stated copying or downloading of data (active or passive) gives confidentiality and
/// T1041 from the same sentence.
#[test]
fn copied_data_is_exfiltration_in_four_languages() {
    let cases = [
        (
            "en",
            "Breach at Lydford Surgery",
            "Lydford Surgery in Bath was hacked on Monday. The intruder downloaded files with the records of 900 patients.",
        ),
        (
            "en",
            "Breach at Penmore Hospice",
            "Penmore Hospice in Truro was hacked. The attacker copied e-mails with donor details.",
        ),
        (
            "en",
            "Breach at Harwick Clinic",
            "Harwick Clinic in Exeter was hacked. Someone copied data of 1,200 patients from a file server.",
        ),
        (
            "nl",
            "Datalek bij Zorggroep Lingehof",
            "Zorggroep Lingehof in Tiel werd gehackt. De aanvallers kopieerden gegevens van 700 cliënten.",
        ),
        (
            "nl",
            "Inbraak bij Huisartsenpost Waalkant",
            "Huisartsenpost Waalkant in Zaltbommel werd gehackt. De inbreker downloadde bestanden met patiëntgegevens.",
        ),
        (
            "nl",
            "Hack bij Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd gehackt. De aanvaller kopieerde dossiers van ruim 300 patiënten.",
        ),
        (
            "fr",
            "Fuite de données à l'hôpital de Sarlat",
            "L'hôpital de Sarlat a été piraté. L'intrus a pu copier les données de 5 000 patients.",
        ),
        (
            "fr",
            "Intrusion à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été piratée. Les dossiers de quelque 2 000 patients de la clinique ont été consultés et copiés.",
        ),
        (
            "fr",
            "Piratage au centre de santé du Quercy",
            "Le centre de santé du Quercy à Cahors a été piraté. Un attaquant a téléchargé des fichiers administratifs.",
        ),
        (
            "de",
            "Datenabfluss beim Pflegedienst Lahnblick",
            "Der Pflegedienst Lahnblick in Gießen wurde gehackt. Die Täter kopierten E-Mails mit Gesundheitsdaten.",
        ),
        (
            "de",
            "Angriff auf die Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde gehackt. Unbekannte luden dabei Dateien mit Patientendaten herunter.",
        ),
        (
            "de",
            "Hackerangriff auf das Labor Mosel",
            "Das Labor Mosel in Trier wurde gehackt. Die Angreifer kopierten Befunddaten von 800 Patienten.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert_eq!(r.cia.confidentiality.value(), Some(&true), "{lang}: {body}");
        assert!(has(&r, "T1041"), "{lang}: {body}");
    }
}

/// Credentials used to log in (the credentials named, or "with those details/data" after a
/// login verb) are valid accounts, T1078.
#[test]
fn credentials_used_to_log_in_are_valid_accounts_in_four_languages() {
    let cases = [
        (
            "en",
            "Mailbox breach at Lydford Surgery",
            "Lydford Surgery in Bath was hacked. A receptionist typed her password into a fake page, and the attacker then logged in to her mailbox with those details.",
        ),
        (
            "en",
            "Breach at Harwick Clinic",
            "Harwick Clinic in Exeter was hacked. The intruder used the phished credentials to log in to the booking portal.",
        ),
        (
            "en",
            "Breach at Penmore Hospice",
            "Penmore Hospice in Truro was hacked. The attacker signed in to the donor system using the data of a volunteer.",
        ),
        (
            "nl",
            "Inbraak bij Huisartsenpost Waalkant",
            "Huisartsenpost Waalkant in Zaltbommel werd gehackt. Met die gegevens heeft de inbreker ingelogd op het dossiersysteem.",
        ),
        (
            "nl",
            "Datalek bij Zorggroep Lingehof",
            "Zorggroep Lingehof in Tiel werd gehackt. De buitgemaakte inloggegevens werden gebruikt om in te loggen op de webmail, waarna de aanvaller ingelogd bleef.",
        ),
        (
            "nl",
            "Hack bij Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd gehackt. Met de wachtwoorden van een arts logde de aanvaller in op het portaal.",
        ),
        (
            "fr",
            "Intrusion à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été piratée. Un pirate a utilisé les identifiants d'un compte de maintenance pour se connecter au serveur.",
        ),
        (
            "fr",
            "Piratage au centre de santé du Quercy",
            "Le centre de santé du Quercy à Cahors a été piraté. L'attaquant s'était connecté à la messagerie avec le mot de passe d'une secrétaire.",
        ),
        (
            "fr",
            "Fuite à l'hôpital de Sarlat",
            "L'hôpital de Sarlat a été piraté. Avec ces identifiants, les pirates se sont connectés au portail des patients.",
        ),
        (
            "de",
            "Angriff auf die Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde gehackt. Mit diesen Daten meldeten sich die Täter am Praxisserver an.",
        ),
        (
            "de",
            "Datenabfluss beim Pflegedienst Lahnblick",
            "Der Pflegedienst Lahnblick in Gießen wurde gehackt. Mit den Zugangsdaten hat sich ein Unbekannter am Montag, 3. März, an der Pflegedokumentation angemeldet.",
        ),
        (
            "de",
            "Hackerangriff auf das Labor Mosel",
            "Das Labor Mosel in Trier wurde gehackt. Die Täter nutzten abgefischte Passwörter, um sich im Laborportal anzumelden.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert!(has(&r, "T1078"), "{lang}: {body}");
    }
}

/// Advice about passwords and accounts is no use of valid accounts.
#[test]
fn account_advice_is_no_valid_account_use() {
    let r = article(
        "de",
        "Warnung nach Angriff auf die Praxis am Rhein",
        "Die Praxis am Rhein in Bonn wurde über eine Schwachstelle in ihrem VPN-Gateway angegriffen.\n\n- Alle Passwörter von Konten, die über das Gateway angemeldet waren, zurücksetzen.",
    );
    assert!(!has(&r, "T1078"));
    assert!(has(&r, "T1190"));
    assert!(!has(&r, "T1133"), "an exploited VPN is T1190 only (rule 7)");
}

/// A remote-access product named in one sentence and its known flaw in the next: T1190,
/// not T1133 (Coding rule 7). "accessible depuis Internet" is a public-facing product.
#[test]
fn an_exploited_remote_access_product_across_sentences_is_t1190() {
    let cases = [
        (
            "nl",
            "Aanval op Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd getroffen door ransomware. De aanvallers kwamen binnen via de VPN-server van het ziekenhuis. Er zat een bekend lek in dat nog niet gedicht was.",
        ),
        (
            "en",
            "Attack on Harwick Clinic",
            "Harwick Clinic in Exeter was hit by ransomware. The attackers came in through the clinic's VPN gateway. It had an unpatched vulnerability.",
        ),
        (
            "fr",
            "Intrusion à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été piratée. Un attaquant a exploité une faille du logiciel de rendez-vous accessible depuis Internet.",
        ),
        (
            "de",
            "Angriff auf die Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde gehackt. Die Täter nutzten eine Schwachstelle der Fernwartungssoftware aus, die aus dem Internet erreichbar war.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert!(has(&r, "T1190"), "{lang}: {body}");
        assert!(!has(&r, "T1133"), "{lang}: {body}");
    }
}

/// An attachment opened or clicked is user execution (T1204); a prepared, infected or
/// booby-trapped attachment or e-mail is phishing (T1566).
#[test]
fn opened_attachments_are_user_execution_and_phishing() {
    let cases = [
        (
            "en",
            "Ransomware at Harwick Clinic",
            "Harwick Clinic in Exeter was hit by ransomware. It began with a phishing e-mail whose attachment, a spreadsheet, was opened by a nurse.",
        ),
        (
            "nl",
            "Ransomware bij Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd getroffen door ransomware. Een medewerker had een besmette bijlage in een e-mail geopend.",
        ),
        (
            "nl",
            "Ransomware bij Zorggroep Lingehof",
            "Zorggroep Lingehof in Tiel werd getroffen door ransomware. Een secretaresse opende de kwaadaardige bijlage van een valse factuur.",
        ),
        (
            "fr",
            "Rançongiciel à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été frappée par un rançongiciel. Une secrétaire avait ouvert une pièce jointe piégée.",
        ),
        (
            "fr",
            "Rançongiciel au centre de santé du Quercy",
            "Le centre de santé du Quercy à Cahors a été frappé par un rançongiciel. La pièce jointe malveillante d'un faux courriel a été ouverte par un agent.",
        ),
        (
            "de",
            "Ransomware in der Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde Opfer eines Hackerangriffs. Eine Mitarbeiterin hatte eine präparierte E-Mail geöffnet und den Anhang angeklickt.",
        ),
        (
            "de",
            "Ransomware im Labor Mosel",
            "Das Labor Mosel in Trier wurde Opfer eines Hackerangriffs. Ein Mitarbeiter öffnete den infizierten Anhang einer Bewerbung.",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        assert!(has(&r, "T1204"), "{lang}: {body}");
        assert!(has(&r, "T1566"), "{lang}: {body}");
    }
}

/// A known group after a group noun is named even when its name is a common word that
/// needs qualifying ("de groep Medusa", "le groupe Medusa", "die Gruppe Medusa"); a name
/// with a digit first is matched in any case ("8base").
#[test]
fn group_nouns_and_lower_case_names_name_the_actor() {
    let cases = [
        (
            "nl",
            "Ransomware bij Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd getroffen door ransomware. Volgens de kliniek zit de groep Medusa achter de aanval.",
            "Medusa",
        ),
        (
            "fr",
            "Rançongiciel à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été frappée par un rançongiciel. L'attaque a été revendiquée par le groupe Medusa.",
            "Medusa",
        ),
        (
            "de",
            "Ransomware im Labor Mosel",
            "Das Labor Mosel in Trier wurde Opfer eines Hackerangriffs. Die Gruppe Medusa hat sich zu dem Angriff bekannt.",
            "Medusa",
        ),
        (
            "de",
            "Leak-Seite nennt Labor Mosel",
            "Das Labor Mosel in Trier steht auf einer Leak-Seite.\n\nTätergruppe: 8base\nLand: Deutschland",
            "8Base",
        ),
        (
            "en",
            "Leak site lists Harwick Clinic",
            "Harwick Clinic in Exeter was listed on a leak site.\n\nThreat actor: 8base\nCountry: United Kingdom",
            "8Base",
        ),
    ];
    for (lang, title, body, want) in cases {
        let r = article(lang, title, body);
        assert!(
            r.threat_actors.iter().any(|a| a.name == want),
            "{lang}: {want} not in {:?}",
            r.threat_actors.iter().map(|a| &a.name).collect::<Vec<_>>()
        );
    }
    // "Medusa" alone in a sentence about an actor but with no group noun or kind after it
    // stays unnamed (a common word).
    let r = article(
        "en",
        "Exhibition at Harwick Clinic",
        "Harwick Clinic in Exeter was hit by a cyber attack. Its lobby shows a painting of Medusa that the hackers defaced on the website.",
    );
    assert!(!r.threat_actors.iter().any(|a| a.name == "Medusa"));
}

/// An indicator alone on a list line under an indicator heading or an intro ending in
/// `:` is read; a version line is not an address.
#[test]
fn indicator_list_lines_are_read() {
    let cases = [
        (
            "nl",
            "Waarschuwing na inbraak bij Kliniek Dommelhof",
            "Kliniek Dommelhof in Tilburg werd gehackt via een lek in de bestandsoverdracht.\n\nIndicatoren\nVerbindingen kwamen van de volgende IP-adressen:\n- 192.0.2.44\n- 198.51.100.9\n\nAdvies\n- Werk de software bij naar versie 5.8.0.21 of later.",
        ),
        (
            "en",
            "Advisory after breach at Harwick Clinic",
            "Harwick Clinic in Exeter was hacked.\n\nIndicators of compromise\n* 192.0.2.44\n* 198.51.100.9\n\nUpgrade to version 5.8.0.21.",
        ),
        (
            "fr",
            "Alerte après l'intrusion à la clinique des Tilleuls",
            "La clinique des Tilleuls à Vannes a été piratée.\n\nLes connexions provenaient des adresses IP suivantes :\n- 192.0.2.44\n- 198.51.100.9",
        ),
        (
            "de",
            "Warnung nach Angriff auf die Praxis am Rhein",
            "Die Praxis am Rhein in Bonn wurde gehackt.\n\nIndikatoren\nZugriffe kamen von diesen IP-Adressen:\n- 192.0.2.44\n- 198.51.100.9",
        ),
    ];
    for (lang, title, body) in cases {
        let r = article(lang, title, body);
        let ips: Vec<&str> = r
            .iocs
            .iter()
            .filter(|i| i.kind == "ipv4")
            .map(|i| i.value.as_str())
            .collect();
        assert!(ips.contains(&"192.0.2.44"), "{lang}: {ips:?}");
        assert!(ips.contains(&"198.51.100.9"), "{lang}: {ips:?}");
        assert!(!ips.contains(&"5.8.0.21"), "{lang}: {ips:?}");
    }
}
