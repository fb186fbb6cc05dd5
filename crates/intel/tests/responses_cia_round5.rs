//! Responses, CIA, motives, actors and techniques, round 2 of session 5 (issue 15; the
//! kinds shown by held-out sets 7 and 8, and fresh-user trial 5 findings 10 and 11).
//! Phrasings written for this test (not taken from any development or held-out set), in
//! the four languages; the expected values are coded by hand from each text — the oracle
//! is the reading of the sentence, not the engine's output.

mod common;

use common::record as read;
use common::responses::kinds;
use cordon_intel::IncidentRecord;

fn has_technique(r: &IncidentRecord, id: &str) -> bool {
    r.techniques.iter().any(|t| t.id == id)
}

fn financial(r: &IncidentRecord) -> bool {
    r.motives.iter().any(|m| m.value == "financial")
}

/// Encryption denied — by "nothing" right before the cue, or by a "did not take place"
/// predicate after an encryption noun — gives neither integrity=true nor T1486.
#[test]
fn denied_encryption_gives_no_integrity_nor_t1486_in_four_languages() {
    for (lang, title, body) in [
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde am Montag angegriffen. Die Täter haben Daten kopiert, aber nichts verschlüsselt.",
        ),
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde am Montag angegriffen. Eine Verschlüsselung der Server fand nach Angaben des Betreibers nicht statt.",
        ),
        (
            "de",
            "Angriff auf Pflegedienst Sonnenhof",
            "Der Pflegedienst Sonnenhof in Kassel wurde am Montag angegriffen. Eine Verschlüsselung von Daten ist nicht erfolgt.",
        ),
        (
            "nl",
            "Aanval op zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd maandag aangevallen. De aanvallers kopieerden bestanden, maar er werd niets versleuteld.",
        ),
        (
            "nl",
            "Aanval op zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd maandag aangevallen. Een versleuteling van systemen vond niet plaats.",
        ),
        (
            "nl",
            "Aanval op zorggroep Heidezicht",
            "Zorggroep Heidezicht in Ede werd maandag aangevallen. Versleuteling van de servers heeft niet plaatsgevonden.",
        ),
        (
            "fr",
            "Attaque contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Nancy a été attaquée lundi. Un chiffrement des serveurs n'a pas eu lieu selon la direction.",
        ),
        (
            "fr",
            "Attaque contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Nancy a été attaquée lundi. Le chiffrement des données n'a heureusement pas eu lieu.",
        ),
        (
            "en",
            "Attack on Elmfield Care",
            "Elmfield Care in Leeds was attacked on Monday. The intruders copied files but nothing was encrypted.",
        ),
        (
            "en",
            "Attack on Elmfield Care",
            "Elmfield Care in Leeds was attacked on Monday. Encryption of the servers did not take place, the company said.",
        ),
        (
            "en",
            "Attack on Elmfield Care",
            "Elmfield Care in Leeds was attacked on Monday. Encryption of its systems did not occur.",
        ),
    ] {
        let r = read(&format!("Title: {title}\nPublished: 2025-03-04\n\n{body}"));
        assert_ne!(r.cia.integrity.value(), Some(&true), "{lang}: {body}");
        assert!(!has_technique(&r, "T1486"), "{lang}: {body}");
    }
    // The stated encryption still counts.
    let r = read(
        "Title: Attack on Elmfield Care\nPublished: 2025-03-04\n\n\
         Elmfield Care in Leeds was attacked on Monday. The attackers encrypted the servers.",
    );
    assert_eq!(r.cia.integrity.value(), Some(&true));
}

/// A compound whose head is a group noun ("Erpresserbande", "afpersingsgroep") names the
/// kind of a group (Coding rule 8): no ransom demand, so neither `financial` nor T1657.
#[test]
fn an_extortion_group_compound_is_no_ransom_demand() {
    for (lang, text) in [
        (
            "de",
            "Title: Hausarztpraxis Linden auf Leak-Seite\nPublished: 2025-03-04\n\n\
             Die Erpresserbande Rhysida führt die Hausarztpraxis Linden in Hannover seit Freitag auf ihrer Leak-Seite.",
        ),
        (
            "de",
            "Title: Hausarztpraxis Linden auf Leak-Seite\nPublished: 2025-03-04\n\n\
             Die Hausarztpraxis Linden in Hannover steht seit Freitag auf der Leak-Seite der Erpressergruppe Rhysida.",
        ),
        (
            "nl",
            "Title: Huisartsenpraktijk Duinzicht op leksite\nPublished: 2025-03-04\n\n\
             De afpersingsbende Rhysida heeft huisartsenpraktijk Duinzicht in Leiden op vrijdag op haar leksite gezet.",
        ),
        (
            "nl",
            "Title: Huisartsenpraktijk Duinzicht op leksite\nPublished: 2025-03-04\n\n\
             Huisartsenpraktijk Duinzicht in Leiden staat sinds vrijdag op de leksite van afpersingsgroep Rhysida.",
        ),
    ] {
        let r = read(text);
        assert!(!financial(&r), "{lang}: {:?}", r.motives);
        assert!(!has_technique(&r, "T1657"), "{lang}");
    }
    // A demand stated with an amount still counts ("US-Dollar" included).
    let r = read(
        "Title: Hausarztpraxis Linden erpresst\nPublished: 2025-03-04\n\n\
         Die Hausarztpraxis Linden in Hannover wurde angegriffen. Die Täter verlangen 50.000 US-Dollar.",
    );
    assert!(has_technique(&r, "T1657"));
}

/// "n'a pas voulu dire si une rançon a été demandée" leaves the question open: no demand.
#[test]
fn saying_whether_a_ransom_was_demanded_states_no_demand_in_french() {
    for body in [
        "La direction n'a pas voulu dire si une rançon avait été réclamée.",
        "Le directeur refuse de préciser si une rançon a été demandée.",
        "L'hôpital n'a pas souhaité indiquer s'il a reçu une demande de rançon.",
    ] {
        let r = read(&format!(
            "Title: Cyberattaque à l'hôpital de Vire\nPublished: 2025-03-04\n\n\
             L'hôpital de Vire a été victime d'une cyberattaque lundi. {body}"
        ));
        assert!(!has_technique(&r, "T1657"), "{body}");
        assert!(!financial(&r), "{body}");
    }
}

/// A refusal to pay, in any word order (trial 5 finding 10: "geen losgeld is betaald"),
/// is `ransom_refused`; a threat "if no ransom is paid" is not.
#[test]
fn ransom_refused_in_any_word_order() {
    for (lang, text) in [
        (
            "nl",
            "Title: Losgeld geëist van zorggroep Heidezicht\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede is getroffen door ransomware. De criminelen eisen losgeld. \"Betalen zullen we niet\", zegt de bestuurder.",
        ),
        (
            "nl",
            "Title: Losgeld geëist van zorggroep Heidezicht\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede is getroffen door ransomware. De criminelen eisen losgeld. \"We betalen dus niet\", aldus de bestuurder.",
        ),
        (
            "nl",
            "Title: Losgeld geëist van zorggroep Heidezicht\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede is getroffen door ransomware. Uiteindelijk werd er geen losgeld betaald.",
        ),
        (
            "nl",
            "Title: Losgeld geëist van zorggroep Heidezicht\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede is getroffen door ransomware. De aanvallers vroegen losgeld. Betalen is voor ons geen optie.",
        ),
        (
            "fr",
            "Title: Rançon exigée à la clinique des Tilleuls\nPublished: 2025-03-04\n\n\
             La clinique des Tilleuls à Nancy a été victime d'un rançongiciel. Les pirates exigent une rançon. « Nous n'avons rien versé », affirme le directeur.",
        ),
        (
            "fr",
            "Title: Rançon exigée à la clinique des Tilleuls\nPublished: 2025-03-04\n\n\
             La clinique des Tilleuls à Nancy a été victime d'un rançongiciel. Une rançon a été réclamée. La clinique n'a jamais payé.",
        ),
        (
            "en",
            "Title: Ransomware at Elmfield Care\nPublished: 2025-03-04\n\n\
             Elmfield Care in Leeds was hit by ransomware on Monday.\n\nRansom demand: yes; amount unknown; not paid",
        ),
    ] {
        let r = read(text);
        assert!(kinds(&r).contains("ransom_refused"), "{lang}: {text}");
    }
    for text in [
        "Title: Zorggroep Heidezicht op leksite\nPublished: 2025-03-04\n\n\
         Zorggroep Heidezicht in Ede is getroffen door ransomware. De groep dreigt de gegevens te publiceren als er geen losgeld wordt betaald.",
        "Title: Zorggroep Heidezicht op leksite\nPublished: 2025-03-04\n\n\
         Zorggroep Heidezicht in Ede is getroffen door ransomware. De daders publiceren de bestanden als er geen losgeld is betaald.",
    ] {
        let r = read(text);
        assert!(!kinds(&r).contains("ransom_refused"), "{text}");
    }
}

/// A known actor's type comes from `data/threat_actors.tsv` whatever the language of the
/// text (trial 5 finding 11); a determiner before "group" is no actor's name.
#[test]
fn known_actor_type_from_the_data_file_and_no_determiner_as_name() {
    for (lang, text) in [
        (
            "nl",
            "Title: Zorggroep Heidezicht getroffen\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede is maandag getroffen door een cyberaanval. Achter de aanval zit Akira.",
        ),
        (
            "fr",
            "Title: La clinique des Tilleuls attaquée\nPublished: 2025-03-04\n\n\
             La clinique des Tilleuls à Nancy a été attaquée lundi. L'attaque est revendiquée par Akira.",
        ),
        (
            "de",
            "Title: Pflegedienst Sonnenhof angegriffen\nPublished: 2025-03-04\n\n\
             Der Pflegedienst Sonnenhof in Kassel wurde am Montag angegriffen. Hinter dem Angriff steckt Akira.",
        ),
    ] {
        let r = read(text);
        let a = r.threat_actors.iter().find(|a| a.name == "Akira");
        assert_eq!(
            a.map(|a| a.actor_type.as_str()),
            Some("ransomware gang"),
            "{lang}: {:?}",
            r.threat_actors
        );
    }
    for (lang, sentence) in [
        ("en", "No group has claimed the attack so far."),
        ("nl", "Geen groep heeft de aanval tot nu toe opgeëist."),
        ("fr", "Aucun groupe n'a revendiqué l'attaque."),
        ("de", "Keine Gruppe hat sich zu dem Angriff bekannt."),
    ] {
        let r = read(&format!(
            "Title: Attack on Elmfield Care\nPublished: 2025-03-04\n\n\
             Elmfield Care in Leeds was attacked on Monday. {sentence}"
        ));
        assert!(r.threat_actors.is_empty(), "{lang}: {:?}", r.threat_actors);
    }
}

/// Advice on a security topic is a recommendation in every language (trial 5 finding 8):
/// the topic words come from the lexicons' `recommendation_topics`.
#[test]
fn advice_on_security_is_a_recommendation_in_four_languages() {
    for (lang, text) in [
        (
            "nl",
            "Title: Aanval op zorggroep Heidezicht\nPublished: 2025-03-04\n\n\
             Zorggroep Heidezicht in Ede werd maandag aangevallen. Het NCSC raadt zorginstellingen aan om hun wachtwoorden te vernieuwen.",
        ),
        (
            "fr",
            "Title: Attaque contre la clinique des Tilleuls\nPublished: 2025-03-04\n\n\
             La clinique des Tilleuls à Nancy a été attaquée lundi. L'ANSSI recommande aux cliniques de conserver leurs sauvegardes hors ligne.",
        ),
        (
            "de",
            "Title: Pflegedienst Sonnenhof angegriffen\nPublished: 2025-03-04\n\n\
             Der Pflegedienst Sonnenhof in Kassel wurde am Montag angegriffen. Das BSI empfiehlt, Mitarbeitende regelmäßig zu schulen.",
        ),
    ] {
        let r = read(text);
        assert!(!r.recommendations.is_empty(), "{lang}: {text}");
    }
}
