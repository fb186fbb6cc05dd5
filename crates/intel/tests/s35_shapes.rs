//! Session 35 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test; the towns are real.

mod common;

fn actors(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.threat_actors.iter().map(|a| a.name.clone()).collect()
}

/// A known actor named in a ransom demand, payment or leak sentence is the actor, whatever
/// the group noun's form: a compound ("Tätergruppe"), a plural ("een van de actiefste
/// groepen"), a leak site, or a name in apposition ("The group behind the attack, Medusa,
/// …" — Medusa is a common word, named only with a group noun).
#[test]
fn an_actor_named_in_a_demand_or_a_leak_is_read() {
    for (title, body, want) in [
        (
            "Cyberangriff auf Reha-Zentrum Lindbach",
            "Das Reha-Zentrum Lindbach in Ried im Innkreis wurde am 3. November 2025 Opfer \
             eines Hackerangriffs. Die Tätergruppe Akira verlangte 350.000 Dollar.",
            "Akira",
        ),
        (
            "Ransomware at Cartway Dental",
            "Cartway Dental in Bridgnorth was hit by ransomware on 2 June 2025. The group \
             behind the attack, Medusa, demanded £45,000.",
            "Medusa",
        ),
        (
            "Zorggroep Vlietmond getroffen door cyberaanval",
            "Zorggroep Vlietmond in Tholen is op 4 maart 2025 getroffen door een cyberaanval. \
             Maandagavond verscheen Zorggroep Vlietmond op de lekwebsite van Qilin, een van \
             de actiefste groepen achter aanvallen met gijzelsoftware.",
            "Qilin",
        ),
    ] {
        let r = common::article(title, "2025-12-10", body);
        assert_eq!(actors(&r), vec![want.to_string()], "{body}");
    }
}

/// Counter-examples: a victim stated NOT to be on a group's leak site, and a common-word
/// name neither after a group noun nor in apposition to one, name no actor.
#[test]
fn a_leak_site_that_does_not_list_the_victim_names_no_actor() {
    for (title, body) in [
        (
            "Storing bij psychiatrisch ziekenhuis Heidebos",
            "Psychiatrisch ziekenhuis Heidebos in Lommel is op 4 maart 2025 getroffen door een \
             cyberaanval. Op de lekwebsite van Interlock staat het ziekenhuis niet.",
        ),
        (
            "Cyberattaque contre la clinique des Tilleuls",
            "La clinique des Tilleuls à Brive a subi une cyberattaque le 4 mars 2025. La \
             clinique n'apparaît pas sur le site de fuite de Qilin.",
        ),
        (
            "Ransomware at Cartway Dental",
            "Cartway Dental in Bridgnorth was hit by ransomware on 2 June 2025. The practice, \
             like Medusa in the myth, was left frozen; a ransom of £45,000 was demanded.",
        ),
    ] {
        let r = common::article(title, "2025-12-10", body);
        assert_eq!(actors(&r), Vec::<String>::new(), "{body}");
    }
}
