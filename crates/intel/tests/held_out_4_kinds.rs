//! Kinds of fault the final held-out set (holdout-eu4) showed, fixed after its one run
//! (so that set no longer measures them): invented sentences, several languages each.

mod common;

use cordon_intel::extract::canonical_actor;

fn financial(r: &cordon_intel::IncidentRecord) -> bool {
    r.motives.iter().any(|m| m.value == "financial")
}

/// A group name written without its space or with a hyphen is the known group.
#[test]
fn actor_names_compare_on_letters_and_digits() {
    for n in ["Blackbasta", "black-basta", "BLACK BASTA", "Black Basta"] {
        assert_eq!(canonical_actor(n), "Black Basta", "{n}");
    }
    assert_eq!(canonical_actor("lock bit"), "LockBit");
    assert_eq!(canonical_actor("Unknown Group X"), "Unknown Group X");
    assert_eq!(canonical_actor(""), "");
}

/// "No ransom demand has reached us", with the negation at the clause end (German word
/// order), states no demand: no financial motive, no T1657.
#[test]
fn a_demand_denied_at_the_clause_end_is_no_demand() {
    let r = common::record(
        "Title: Cyberangriff auf das Klinikum Beispielstadt\nPublished: 2024-02-07\n\n\
Das Klinikum Beispielstadt in Aachen ist Ziel eines Cyberangriffs geworden. \
Eine Lösegeldforderung liegt uns nicht vor, sagte ein Sprecher.\n",
    );
    assert!(!financial(&r), "{:?}", r.motives);
    assert!(!r.techniques.iter().any(|t| t.id == "T1657"));
}

/// A tracker or report field answered "not mentioned" in any gender or number, or a
/// nested label ("Financial: Ransom: Not mentioned"), states nothing.
#[test]
fn unknown_answers_in_any_form_state_nothing() {
    for (text, lang) in [
        (
            "Title: Rapport d'incident : attaque contre le Laboratoire Exemple\nPublished: 2024-03-02\n\n\
Le Laboratoire Exemple, à Nantes, a subi une cyberattaque.\n\n\
- Demande de rançon : Non mentionnée\n- Données exfiltrées : non précisées\n",
            "fr",
        ),
        (
            "Title: Incident report: attack on Example Clinic\nPublished: 2024-03-02\n\n\
Example Clinic in Leeds suffered a cyberattack.\n\n\
- Financial: Ransom: Not mentioned.\n- Data: Exfiltration: not reported\n",
            "en",
        ),
    ] {
        let r = common::record(text);
        assert_eq!(r.language.as_deref(), Some(lang));
        assert!(!financial(&r), "{lang}: {:?}", r.motives);
        assert!(
            !r.techniques
                .iter()
                .any(|t| t.id == "T1657" || t.id == "T1041"),
            "{lang}"
        );
        assert_ne!(r.cia.confidentiality.value(), Some(&true), "{lang}");
    }
}

/// Dutch IT-wide outages in the press's phrasing: "de systemen lagen twee dagen plat",
/// "al onze systemen offline gehaald".
#[test]
fn dutch_it_wide_outages() {
    for s in [
        "De systemen lagen twee dagen plat.",
        "Wij hebben direct al onze systemen uit voorzorg offline gehaald.",
    ] {
        let r = common::record(&format!(
            "Title: Ransomware-aanval op labo Voorbeeld\nPublished: 2024-05-16\n\n\
Het labo Voorbeeld in Tongeren is getroffen door een ransomware-aanval. {s}\n"
        ));
        assert!(
            r.impacts
                .iter()
                .any(|i| i.unit == "IT systems" && i.effect == "unavailable"),
            "{s}: {:?}",
            r.impacts
        );
    }
}
