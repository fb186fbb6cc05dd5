//! CIA, techniques and indicators, round 2 of session 4 (issue 15; kinds 5 and 13 of
//! /work/notes/s4/final/errors-by-kind.md): a question is not a statement, and a software
//! version is not an IP address. Phrasings written for this test (not taken from any
//! development or held-out set), in the four languages; the expected values are coded by
//! hand from each text — the oracle is the reading of the sentence, not the engine's output.

mod common;

use common::record as read;
use cordon_intel::IncidentRecord;

fn has_technique(r: &IncidentRecord, id: &str) -> bool {
    r.techniques.iter().any(|t| t.id == id)
}

/// A FAQ heading that asks whether data were taken, or whether it was ransomware, states
/// neither; the answer after it is the statement.
#[test]
fn questions_state_no_cia_value_or_technique_in_four_languages() {
    for (text, lang) in [
        (
            "Title: Questions and answers on the incident at Northgate Clinic\nPublished: 2025-05-02\n\n\
             Northgate Clinic in Leeds was hit by a cyber attack on Tuesday.\n\n\
             Has my medical information been stolen?\n\n\
             We are still investigating and will contact affected patients.\n\n\
             Was this ransomware?\n\n\
             Our specialists are looking into the cause.",
            "en",
        ),
        (
            "Title: Vragen over de aanval op Kliniek Zuiderpark\nPublished: 2025-05-02\n\n\
             Kliniek Zuiderpark in Delft werd dinsdag getroffen door een cyberaanval.\n\n\
             Zijn mijn medische gegevens gestolen?\n\n\
             Het onderzoek loopt nog en we nemen contact op met betrokken patiënten.\n\n\
             Ging het om ransomware?\n\n\
             Onze specialisten zoeken de oorzaak uit.",
            "nl",
        ),
        (
            "Title: Questions sur l'attaque contre la clinique du Parc\nPublished: 2025-05-02\n\n\
             La clinique du Parc à Nantes a été victime d'une cyberattaque mardi.\n\n\
             Mes données médicales ont-elles été dérobées ?\n\n\
             L'enquête se poursuit et nous contacterons les patients concernés.\n\n\
             S'agit-il d'un rançongiciel ?\n\n\
             Nos spécialistes recherchent la cause.",
            "fr",
        ),
        (
            "Title: Fragen zum Angriff auf die Klinik am Stadtpark\nPublished: 2025-05-02\n\n\
             Die Klinik am Stadtpark in Bielefeld wurde am Dienstag Opfer eines Cyberangriffs.\n\n\
             Wurden meine medizinischen Daten gestohlen?\n\n\
             Die Untersuchung läuft noch, betroffene Patienten werden informiert.\n\n\
             Handelte es sich um Ransomware?\n\n\
             Unsere Fachleute suchen nach der Ursache.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert_eq!(r.cia.confidentiality.value(), None, "{lang}");
        assert_eq!(r.cia.integrity.value(), None, "{lang}");
        assert!(!has_technique(&r, "T1041"), "{lang}");
        assert!(!has_technique(&r, "T1486"), "{lang}");
    }
}

/// The answer after a question still states: "Were files encrypted? Yes, …".
#[test]
fn the_answer_after_a_question_still_states() {
    let r = read(
        "Title: Questions and answers on the incident at Eastbrook Hospital\nPublished: 2025-05-02\n\n\
         Eastbrook Hospital in Derby was hit by a cyber attack on Tuesday.\n\n\
         What happened?\n\n\
         Criminals encrypted our servers with ransomware and copied patient data.",
    );
    assert_eq!(r.cia.integrity.value(), Some(&true));
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
}

/// "naar versie 4.2.10.7", "vers la version 3.1.0.12", "auf Version 7.0.2.15", "to version
/// 6.3.1.20": a four-part version number is no IPv4 address.
#[test]
fn a_version_number_is_no_ip_in_four_languages() {
    for (text, lang) in [
        (
            "Title: Patch after attack on Beaumont Clinic\nPublished: 2025-05-02\n\n\
             Beaumont Clinic in York was hit by a cyber attack. The supplier updated the \
             portal software to version 6.3.1.20 and blocked the attackers' server 203.0.113.77.",
            "en",
        ),
        (
            "Title: Update na aanval op Kliniek Maasoever\nPublished: 2025-05-02\n\n\
             Kliniek Maasoever in Venlo werd getroffen door een cyberaanval. De leverancier \
             heeft de software bijgewerkt naar versie 4.2.10.7 en het adres 203.0.113.77 geblokkeerd.",
            "nl",
        ),
        (
            "Title: Mise à jour après l'attaque de la clinique Saint-Luc\nPublished: 2025-05-02\n\n\
             La clinique Saint-Luc à Rennes a été victime d'une cyberattaque. Le fournisseur \
             a mis à jour le logiciel vers la version 3.1.0.12 et bloqué l'adresse 203.0.113.77.",
            "fr",
        ),
        (
            "Title: Update nach Angriff auf die Klinik Talblick\nPublished: 2025-05-02\n\n\
             Die Klinik Talblick in Siegen wurde Opfer eines Cyberangriffs. Der Hersteller \
             hat die Software auf Version 7.0.2.15 aktualisiert und die Adresse 203.0.113.77 blockiert.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        let ips: Vec<&str> = r
            .iocs
            .iter()
            .filter(|i| i.kind == "ipv4")
            .map(|i| i.value.as_str())
            .collect();
        assert!(
            !ips.iter()
                .any(|v| v.split('.').count() == 4 && !v.starts_with("203.")),
            "{lang}: {ips:?}"
        );
    }
}

/// A tracker's title tag "<victim of ransomware>: <name>" is a category (Coding rule 1): it
/// gives neither integrity nor T1486; a stated encryption in the body still does.
#[test]
fn a_trackers_victim_label_gives_no_integrity_in_four_languages() {
    for (text, lang) in [
        (
            "Title: Victim of ransomware: Hollins Medical Practice\nPublished: 2025-05-02\n\n\
             Hollins Medical Practice in Bolton was listed on a leak site on 2 May 2025. \
             The practice has not yet commented.",
            "en",
        ),
        (
            "Title: Slachtoffer van ransomware: Huisartsenpraktijk De Linde\nPublished: 2025-05-02\n\n\
             Huisartsenpraktijk De Linde in Tilburg werd op 2 mei 2025 op een lekwebsite vermeld. \
             De praktijk heeft nog niet gereageerd.",
            "nl",
        ),
        (
            "Title: Victime de rançongiciel : Cabinet médical des Tilleuls\nPublished: 2025-05-02\n\n\
             Le cabinet médical des Tilleuls à Tours a été listé sur un site de fuite le 2 mai 2025. \
             Le cabinet n'a pas encore réagi.",
            "fr",
        ),
        (
            "Title: Opfer von Ransomware: Arztpraxis am Markt\nPublished: 2025-05-02\n\n\
             Die Arztpraxis am Markt in Gießen wurde am 2. Mai 2025 auf einer Leak-Seite gelistet. \
             Die Praxis hat sich noch nicht geäußert.",
            "de",
        ),
    ] {
        let r = read(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert_ne!(r.cia.integrity.value(), Some(&true), "{lang}");
        assert!(!has_technique(&r, "T1486"), "{lang}");
    }
    let r = read(
        "Title: Victim of ransomware: Hollins Medical Practice\nPublished: 2025-05-02\n\n\
         Hollins Medical Practice in Bolton said criminals encrypted its servers on 1 May 2025.",
    );
    assert_eq!(r.cia.integrity.value(), Some(&true));
    assert!(has_technique(&r, "T1486"));
}
