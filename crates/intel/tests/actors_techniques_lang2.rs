//! Threat actors, motives and ATT&CK techniques read from Dutch, French, German and
//! English reporting (issue 15, session 4, E5 kinds): valid accounts named by whose they
//! are, an exploited file-transfer or web product, exfiltration only where theft is
//! stated, a ransom demanded as an amount, a refusal to pay that leaves a stated demand
//! standing, hacktivists' ideology, stolen data offered for sale, and warnings about a
//! technique that are not its use. Articles are written for the test in words none of the
//! example corpora use (invented names); each assertion names the rule it checks.

mod common;

use cordon_intel::IncidentRecord;
use cordon_intel::extract::canonical_actor;
use cordon_intel::extract::lexicon::Lexicon;

fn techniques(r: &IncidentRecord) -> Vec<String> {
    let mut t: Vec<String> = r.techniques.iter().map(|t| t.id.clone()).collect();
    t.sort();
    t
}

fn has(r: &IncidentRecord, id: &str) -> bool {
    r.techniques.iter().any(|t| t.id == id)
}

fn motives(r: &IncidentRecord) -> Vec<String> {
    let mut m: Vec<String> = r.motives.iter().map(|m| m.value.clone()).collect();
    m.sort();
    m
}

// --- T1078 valid accounts, by whose account it was ------------------------------------

#[test]
fn valid_accounts_nl() {
    let r = common::record(
        "Title: Hack bij Thuiszorg Voorbeeld\nPublished: 2024-10-02\n\n\
         De aanvallers kwamen binnen met de inloggegevens van een verpleegkundige en \
         versleutelden daarna twintig servers van Thuiszorg Voorbeeld.",
    );
    assert!(has(&r, "T1078"), "{:?}", techniques(&r));
    assert!(has(&r, "T1486"), "{:?}", techniques(&r));
}

#[test]
fn valid_accounts_fr() {
    let r = common::record(
        "Title: Cyberattaque au Centre Hospitalier Exemple\nPublished: 2024-10-02\n\n\
         Les pirates se sont introduits dans le réseau du Centre Hospitalier Exemple avec le \
         compte d'une secrétaire médicale, a indiqué la direction.",
    );
    assert!(has(&r, "T1078"), "{:?}", techniques(&r));
}

#[test]
fn valid_accounts_de() {
    let r = common::record(
        "Title: Angriff auf Klinikum Musterstadt\nPublished: 2024-10-02\n\n\
         Die Angreifer nutzten erbeutete Anmeldedaten, um sich Zugang zum Netzwerk des \
         Klinikums Musterstadt zu verschaffen.",
    );
    assert!(has(&r, "T1078"), "{:?}", techniques(&r));
}

#[test]
fn valid_accounts_en() {
    let r = common::record(
        "Title: Breach at Example Community Hospital\nPublished: 2024-10-02\n\n\
         The intruders signed in to the remote portal using a contractor's login details \
         and then moved to the hospital's file servers.",
    );
    assert!(has(&r, "T1078"), "{:?}", techniques(&r));
}

#[test]
fn a_password_reset_is_no_valid_account_use() {
    // The response ("reset the passwords of the employees") names accounts but no use.
    let r = common::record(
        "Title: Incident bij Ziekenhuis Voorbeeld\nPublished: 2024-10-02\n\n\
         Ziekenhuis Voorbeeld werd getroffen door ransomware. Het ziekenhuis heeft de \
         wachtwoorden van alle medewerkers opnieuw ingesteld.",
    );
    assert!(!has(&r, "T1078"), "{:?}", techniques(&r));
}

// --- T1190 exploited public-facing product ---------------------------------------------

#[test]
fn exploited_file_transfer_product_nl_fr_de() {
    for text in [
        "Title: Datalek bij Labo Voorbeeld\nPublished: 2023-06-20\n\n\
         Criminelen maakten misbruik van een beveiligingslek in GoAnywhere, het systeem voor \
         bestandsoverdracht van Labo Voorbeeld, en stalen gegevens van 900 patiënten.",
        "Title: Fuite de données au Laboratoire Exemple\nPublished: 2023-06-20\n\n\
         Les attaquants ont exploité une faille du logiciel de transfert de fichiers du \
         Laboratoire Exemple et ont volé les données de 900 patients.",
        "Title: Datenleck im Labor Muster\nPublished: 2023-06-20\n\n\
         Die Täter nutzten eine Sicherheitslücke im Webportal des Labors Muster aus und \
         stahlen Befunde von 900 Patienten, die später veröffentlicht wurden.",
    ] {
        let r = common::record(text);
        assert!(has(&r, "T1190"), "{text}: {:?}", techniques(&r));
        assert!(!has(&r, "T1133"), "{text}: {:?}", techniques(&r));
    }
}

#[test]
fn a_vulnerability_far_from_any_product_is_no_t1190() {
    let r = common::record(
        "Title: Cyber incident at Example Clinic\nPublished: 2023-06-20\n\n\
         Example Clinic said its investigation into how the attackers got in, and which \
         vulnerability or weakness in its processes allowed it, would take several weeks \
         before anything could be said about the website.",
    );
    assert!(!has(&r, "T1190"), "{:?}", techniques(&r));
}

// --- T1041 only where theft is stated (Coding rule 2) ---------------------------------

#[test]
fn exfiltration_in_the_passive_and_with_thousands_separators() {
    let r = common::record(
        "Title: Angriff auf Praxisverbund Muster\nPublished: 2024-02-02\n\n\
         Bei dem Angriff wurden Dokumente von rund 2.400 Patientinnen aus dem Praxisverbund \
         Muster kopiert, teilte der Verbund mit.",
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
    assert!(has(&r, "T1041"), "{:?}", techniques(&r));
}

#[test]
fn a_claimed_theft_that_is_not_confirmed_is_no_exfiltration() {
    for text in [
        "Title: Slachtoffer: Zorgcentrum Voorbeeld\nPublished: 2024-05\n\n\
         Groep: Akira\nGegevensvolume: 80 GB (volgens de groep)\n\n\
         De groep beweert 80 GB aan gegevens te hebben buitgemaakt. Dat is door Zorgcentrum \
         Voorbeeld niet bevestigd.",
        "Title: Victime : Clinique Exemple\nPublished: 2024-05\n\n\
         Groupe : Akira\n\nLe groupe affirme avoir volé 80 Go de données. La clinique \
         n'a pas confirmé cette affirmation.",
    ] {
        let r = common::record(text);
        assert!(!has(&r, "T1041"), "{text}: {:?}", techniques(&r));
    }
}

// --- T1657 and the financial motive --------------------------------------------------

#[test]
fn a_ransom_asked_as_an_amount_nl_fr_de_en() {
    for text in [
        "Title: Aanval op Revalidatiecentrum Voorbeeld\nPublished: 2024-03-03\n\n\
         De criminelen eisen 750.000 euro van Revalidatiecentrum Voorbeeld.",
        "Title: Attaque contre la Clinique Exemple\nPublished: 2024-03-03\n\n\
         Les pirates exigent 2 millions d'euros de la Clinique Exemple.",
        "Title: Angriff auf Klinikum Muster\nPublished: 2024-03-03\n\n\
         Die Täter verlangen 1,5 Millionen Euro vom Klinikum Muster.",
        "Title: Attack on Example Hospital\nPublished: 2024-03-03\n\n\
         The gang is demanding 4 million dollars from Example Hospital.",
    ] {
        let r = common::record(text);
        assert_eq!(motives(&r), vec!["financial"], "{text}");
        assert!(has(&r, "T1657"), "{text}: {:?}", techniques(&r));
    }
}

#[test]
fn a_refusal_to_pay_leaves_the_stated_demand_standing() {
    let r = common::record(
        "Title: Attack on Example Hospital\nPublished: 2024-03-03\n\n\
         Example Hospital found a ransom note on its servers, and the board said no ransom \
         would be paid.",
    );
    assert_eq!(motives(&r), vec!["financial"]);
    assert!(has(&r, "T1657"), "{:?}", techniques(&r));
}

#[test]
fn a_refusal_alone_is_no_demand() {
    for text in [
        "Title: Attack on Example Hospital\nPublished: 2024-03-03\n\n\
         Example Hospital was hit by ransomware; no ransom has been paid, a spokesman said.",
        "Title: Cyberattaque à la Clinique Exemple\nPublished: 2024-03-03\n\n\
         La Clinique Exemple a été victime d'un rançongiciel. Aucune rançon ne sera versée.",
    ] {
        let r = common::record(text);
        assert!(motives(&r).is_empty(), "{text}: {:?}", motives(&r));
        assert!(!has(&r, "T1657"), "{text}: {:?}", techniques(&r));
    }
}

#[test]
fn stolen_data_offered_for_sale_is_a_financial_motive() {
    for text in [
        "Title: Datenleck bei Pflegedienst Muster\nPublished: 2024-03-03\n\n\
         Die Täter bieten die Daten des Pflegedienstes Muster im Darknet zum Verkauf an.",
        "Title: Fuite à la Clinique Exemple\nPublished: 2024-03-03\n\n\
         Les données de la Clinique Exemple ont été mises en vente sur un forum.",
    ] {
        let r = common::record(text);
        assert_eq!(motives(&r), vec!["financial"], "{text}");
    }
}

// --- ideology: hacktivists -------------------------------------------------------------

#[test]
fn hacktivists_have_an_ideological_motive_nl_fr_de_en() {
    for text in [
        "Title: Website Ziekenhuis Voorbeeld plat\nPublished: 2024-11-06\n\n\
         Prorussische hacktivisten legden de website van Ziekenhuis Voorbeeld plat met een \
         DDoS-aanval.",
        "Title: Le site du CHU Exemple inaccessible\nPublished: 2024-11-06\n\n\
         Des hacktivistes prorusses ont revendiqué l'attaque par déni de service contre le \
         site du CHU Exemple.",
        "Title: Webseite des Klinikums Muster lahmgelegt\nPublished: 2024-11-06\n\n\
         Die Angreifer legten die Webseite des Klinikums Muster lahm, als Vergeltung für \
         die Unterstützung der Ukraine.",
        "Title: Example Hospital website down\nPublished: 2024-11-06\n\n\
         A pro-Russia group knocked the Example Hospital website offline with a DDoS attack \
         in retaliation for Western support to Ukraine.",
    ] {
        let r = common::record(text);
        assert_eq!(motives(&r), vec!["ideology"], "{text}");
    }
}

// --- a warning about a technique is not its use ------------------------------------------

#[test]
fn warnings_about_phishing_are_no_phishing() {
    for text in [
        "Title: Storing bij Ziekenhuis Voorbeeld\nPublished: 2024-11-06\n\n\
         Ziekenhuis Voorbeeld werd getroffen door ransomware. Patiënten worden gewaarschuwd \
         voor valse phishingmails.",
        "Title: Klinikum Muster\nPublished: 2024-11-06\n\n\
         Das Klinikum Muster wurde Opfer eines Ransomware-Angriffs. Die Polizei warnt vor \
         Phishing-Mails im Namen der Klinik.",
        "Title: Example Hospital\nPublished: 2024-11-06\n\n\
         Example Hospital was hit by ransomware. Patients are told to be wary of phishing \
         calls.",
    ] {
        let r = common::record(text);
        assert!(!has(&r, "T1566"), "{text}: {:?}", techniques(&r));
    }
}

// --- the data the rules read ---------------------------------------------------------------

#[test]
fn every_embedded_lexicon_names_real_techniques() {
    // Lexicon::parse rejects an unknown id; the embedded files all load.
    for l in cordon_intel::extract::lexicon::all() {
        for (_, cue) in &l.techniques {
            assert!(cue.technique.starts_with('T'), "{}", cue.technique);
        }
    }
    let bad = "code = \"xx\"\niso639_3 = \"spa\"\nname = \"x\"\n\
               technique_cues = [{ technique = \"T9999\", what = \"none\", pattern = 'x' }]\n";
    let err = Lexicon::parse("bad.toml", bad)
        .err()
        .expect("an unknown id is an error");
    assert!(err.to_string().contains("T9999"), "{err}");
}

#[test]
fn actor_spellings_are_one_actor() {
    for (n, want) in [
        ("Blackbasta", "Black Basta"),
        ("BLACK BASTA", "Black Basta"),
        ("Lockbit", "LockBit"),
        ("Cl0p", "Clop"),
        ("Bianlian", "BianLian"),
        ("Noname057(16)", "NoName057(16)"),
    ] {
        assert_eq!(canonical_actor(n), want, "{n}");
    }
}

#[test]
fn a_known_hacktivist_group_named_gives_ideology_inferred() {
    let r = common::record(
        "Title: Site de l'Hôpital Exemple inaccessible\nPublished: 2024-11-06\n\n\
         Le site de l'Hôpital Exemple a été inaccessible pendant trois heures; le collectif \
         Killnet a revendiqué l'attaque sur Telegram.",
    );
    assert_eq!(motives(&r), vec!["ideology"]);
    assert!(
        r.motives
            .iter()
            .all(|m| m.provenance == cordon_intel::Provenance::Inferred)
    );
}
