//! Session 36 (issue 15): general shapes found in the misses of holdout-eu42 and
//! holdout-eu43, each with counter-examples where the rule could overreach. Every
//! organisation named here is invented for the test; the towns are real.

mod common;

use common::technique_ids;

fn confidentiality(r: &cordon_intel::IncidentRecord) -> Option<bool> {
    r.cia.confidentiality.value().copied()
}

fn incident(r: &cordon_intel::IncidentRecord) -> Option<String> {
    r.incident_date.value().cloned()
}

/// A device stolen or lost took the data with it: confidentiality is affected, but no
/// T1041 (exfiltration) is read from a theft word or from confidentiality alone, and a
/// laptop encrypted as a safeguard — also in the plural, after "al onze" — is no T1486.
#[test]
fn a_stolen_device_is_no_exfiltration() {
    for (title, body) in [
        (
            "Diefstal van een laptop bij Tandartspraktijk Molenheide",
            "Op zaterdag 15 november 2025 werd een laptop gestolen uit de auto van een \
             tandarts van Tandartspraktijk Molenheide in Arendonk. Met de laptop zijn ook de \
             gegevens van 860 patiënten gestolen. De laptop was niet versleuteld. Voortaan \
             zijn al onze laptops versleuteld.",
        ),
        (
            "Laptop stolen from Brackenfield Surgery",
            "A laptop holding the records of 300 patients was stolen from a car belonging to \
             a GP of Brackenfield Surgery in Keighley on 4 May 2025. All our laptops are now \
             encrypted.",
        ),
        (
            "Datenleck nach Diebstahl",
            "Am 3. März 2025 wurde der Praxis Lindenhof in Soltau ein Notebook gestohlen. \
             Mit dem Notebook wurden auch Daten von 200 Patienten gestohlen.",
        ),
    ] {
        let r = common::article(title, "2025-11-26", body);
        let ids = technique_ids(&r);
        assert!(!ids.contains(&"T1041".to_string()), "{body}: {ids:?}");
        assert!(!ids.contains(&"T1486".to_string()), "{body}: {ids:?}");
        assert_eq!(confidentiality(&r), Some(true), "{body}");
    }
    // Counter-examples: data copied over the network stays T1041, in Dutch and English.
    for body in [
        "Bij Zorggroep Molenheide in Arendonk hebben hackers op 3 maart 2025 gegevens van \
         patiënten gekopieerd.",
        "Hackers stole the data of 2,000 patients from Brackenfield Surgery in Keighley on 4 \
         May 2025 and published it on their leak site.",
    ] {
        let r = common::article("Cyberattack", "2025-05-10", body);
        assert!(
            technique_ids(&r).contains(&"T1041".to_string()),
            "{body}: {:?}",
            technique_ids(&r)
        );
    }
}

/// The attackers' access gained ("Unbekannte haben … Zugriff … erlangt") dates the
/// incident, to the month; investigators' access to a group's servers does not.
#[test]
fn access_gained_by_attackers_dates_the_incident() {
    let r = common::article(
        "Datenleck bei der BKK Hachetal",
        "2026-10-09",
        "Ende September 2026 haben Unbekannte Zugriff auf drei E-Mail-Postfächer der BKK \
         Hachetal in Syke erlangt.",
    );
    assert_eq!(incident(&r).as_deref(), Some("2026-09"));
    let r = common::article(
        "LockBit",
        "2024-03-09",
        "Am 19. Februar 2024 hatten internationale Ermittler Zugriff auf die Server von \
         LockBit erlangt.",
    );
    assert_ne!(incident(&r).as_deref(), Some("2024-02-19"));
}

/// Results sent to other patients are a disclosure (misdelivery) and the incident; the
/// sentence's month dates it.
#[test]
fn results_sent_to_other_patients_are_misdelivered() {
    let r = common::article(
        "Erreur d'envoi au Laboratoire du Mont Vert",
        "2025-10-10",
        "Fin septembre 2025, le Laboratoire du Mont Vert, à Noyon, a envoyé par courriel les \
         résultats d'analyses de 340 patients à d'autres patients.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    assert_eq!(incident(&r).as_deref(), Some("2025-09"));
    assert!(!technique_ids(&r).contains(&"T1041".to_string()));
}

/// A negation before a short list governs the list's last item ("No patient, family or
/// staff information was accessed"); a comma after a negated clause, before "but", still
/// ends it.
#[test]
fn a_negation_governs_a_short_list() {
    let r = common::article(
        "Payment fraud at Hollowbrook Hospice",
        "2026-02-19",
        "Hollowbrook Hospice in Faversham has been the victim of a payment fraud. No \
         patient, family or staff information was accessed.",
    );
    assert_eq!(confidentiality(&r), Some(false));
    let r = common::article(
        "Ransomware at Hollowbrook Hospice",
        "2026-02-19",
        "Hollowbrook Hospice in Faversham was hit by ransomware on 5 February 2026. Nothing \
         was encrypted, but patient and staff data were stolen.",
    );
    assert_eq!(confidentiality(&r), Some(true));
}

/// A victim read as one bare word ("l'EMS") takes the full name the page gives it.
#[test]
fn a_bare_word_victim_takes_its_full_name() {
    let r = common::article(
        "Fraude au faux directeur",
        "2025-10-03",
        "Les données n'ont pas été touchées : aucun système de l'EMS n'a été piraté. L'EMS \
         de la Paudèze à Pully a été victime d'une fraude.",
    );
    let names: Vec<&str> = r.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["EMS de la Paudèze"]);
    // A namesake in a sentence not about the attack (a helper) names no one.
    let r = common::article(
        "Cyberattaque",
        "2025-10-03",
        "L'EMS a été victime d'une cyberattaque le 2 octobre 2025. Le personnel de l'EMS \
         Bellevue, un autre établissement de la région, a prêté main-forte.",
    );
    assert!(r.victims.iter().all(|v| v.name != "EMS Bellevue"));
}

/// French CEO fraud ("fraude au faux directeur", transfers made to the account the fake
/// message gave) is a financial theft.
#[test]
fn a_french_ceo_fraud_is_financial_theft() {
    let r = common::article(
        "Fraude au faux directeur à l'EMS des Tilleuls",
        "2025-10-03",
        "À la mi-septembre 2025, la comptable de l'EMS des Tilleuls à Pully a reçu un \
         courriel qui semblait venir du directeur. Le 18 et le 24 septembre, deux virements \
         d'un montant total de 87 400 francs ont été effectués sur le compte indiqué.",
    );
    assert!(technique_ids(&r).contains(&"T1657".to_string()));
    assert!(r.motives.iter().any(|m| m.value == "financial"));
}
