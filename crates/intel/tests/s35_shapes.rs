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

/// A sentence that names the group and denies something else keeps its actor; a person
/// who shares a known actor's name is none.
#[test]
fn other_denials_keep_the_actor_and_a_namesake_is_none() {
    for body in [
        "De hackersgroep Akira eiste de aanval op het Vlietziekenhuis in Tholen van 4 maart \
         2025 op, maar hoeveel data is buitgemaakt staat nog niet vast.",
        "The care home in Liskeard, which was not named, was attacked by the LockBit gang on \
         4 March 2025.",
    ] {
        let r = common::article("Cyberaanval", "2025-03-10", body);
        assert_eq!(actors(&r).len(), 1, "{body}: {:?}", actors(&r));
    }
    let r = common::article(
        "Cyberattack on Cartway Dental",
        "2025-06-10",
        "Cartway Dental in Bridgnorth was hit by a cyberattack on 2 June 2025. Practice \
         manager Akira Tanaka said no ransom had been paid.",
    );
    assert_eq!(actors(&r), Vec::<String>::new());
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

fn victims(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.victims.iter().map(|v| v.name.clone()).collect()
}

/// Health insurers name organisations as hospitals do ("Krankenversicherungsverein X",
/// "Krankenkasse X"); a pharmacy is named by a compound on "-Apotheke", unless the
/// compound is a generic kind ("Online-Apotheke").
#[test]
fn insurers_and_pharmacy_compounds_name_victims() {
    for (title, body, want) in [
        (
            "Unerlaubte Zugriffe auf Versichertendaten",
            "Der Krankenversicherungsverein Lindenhof in Wörgl meldet, dass eine Mitarbeiterin \
             seit Mai 2026 ohne dienstlichen Grund die Daten von 57 Versicherten eingesehen hat.",
            "Krankenversicherungsverein Lindenhof",
        ),
        (
            "Cyberangriff auf Apotheke",
            "Die Täter verschlüsselten am 25. Mai 2026 den Server der Gamsbach-Apotheke in \
             Kitzbühel.",
            "Gamsbach-Apotheke",
        ),
    ] {
        let r = common::article(title, "2026-07-09", body);
        assert_eq!(victims(&r), vec![want.to_string()], "{body}");
    }
    let r = common::article(
        "Cyberangriff",
        "2026-07-09",
        "Die Täter verschlüsselten am 25. Mai 2026 den Server einer Online-Apotheke in Kitzbühel.",
    );
    assert!(
        !victims(&r).iter().any(|v| v.contains("Online-Apotheke")),
        "{:?}",
        victims(&r)
    );
}

fn paid(r: &cordon_intel::IncidentRecord) -> Vec<(Option<u64>, String)> {
    r.impacts
        .iter()
        .filter(|i| i.effect == "ransom paid")
        .map(|i| (i.count, i.unit.clone()))
        .collect()
}

/// An amount paid in bitcoin is a ransom paid, in each language; a demand "to be paid in
/// bitcoin" is no payment.
#[test]
fn an_amount_paid_in_bitcoin_is_a_ransom_paid() {
    for (body, amount, unit) in [
        (
            "Ransomware hit Cartway Dental in Bridgnorth on 2 June 2025. After three days of \
             negotiation the practice paid £22,000 in bitcoin and received a tool to unlock its files.",
            22_000,
            "GBP",
        ),
        (
            "Die Gamsbach-Apotheke in Kitzbühel wurde am 25. Mai 2026 verschlüsselt. Nach \
             Verhandlungen zahlte die Apotheke 45.000 Dollar in Bitcoin.",
            45_000,
            "USD",
        ),
        (
            "Tandartspraktijk Lindehof in Tegelen werd op 3 mei 2025 getroffen door ransomware. \
             Na onderhandelingen betaalde de praktijk 40.000 euro in bitcoin.",
            40_000,
            "EUR",
        ),
        (
            "La pharmacie des Tilleuls à Wincrange a été victime d'un rançongiciel le 6 mars \
             2026. Elle a payé 20 000 euros en bitcoins aux pirates.",
            20_000,
            "EUR",
        ),
    ] {
        let r = common::article("Ransomware", "2026-07-09", body);
        assert_eq!(paid(&r), vec![(Some(amount), unit.to_string())], "{body}");
        assert!(
            !r.impacts.iter().any(|i| i.effect == "ransom demanded"),
            "{body}: {:?}",
            r.impacts
        );
        assert!(
            r.response_actions.iter().any(|a| a.kind == "ransom_paid"),
            "{body}"
        );
    }
    let r = common::article(
        "Ransomware",
        "2025-04-20",
        "Ziekenhuis Malpie in Valkenswaard learned of the breach on 11 April 2025, when an \
         e-mail arrived with a demand for €350,000, to be paid in bitcoin within ten days.",
    );
    assert_eq!(paid(&r), vec![], "a demand is no payment");
    for body in [
        "Der Reha-Zentrum Lindbach in Spittal wurde am 3. November 2025 angegriffen. Die \
         Erpresser verlangen, dass 500.000 Euro in Bitcoin gezahlt werden.",
        "Tandartspraktijk Lindehof in Tegelen werd op 3 mei 2025 getroffen. Het ziekenhuis \
         maakte bekend dat hackers 500.000 euro in bitcoin eisten.",
    ] {
        let r = common::article("Ransomware", "2025-12-10", body);
        assert_eq!(paid(&r), vec![], "{body}");
    }
    assert!(!r.response_actions.iter().any(|a| a.kind == "ransom_paid"));
}

/// An organisation's own statement that names itself only in its "About X" boilerplate:
/// X is the victim, typed from the name or its definition; "About us" names nothing, and a
/// page that does not speak in the first person plural is no own statement. A small town
/// opening a line with a date is the dateline's town, also below an update stamp.
#[test]
fn a_statement_names_itself_in_its_about_boilerplate() {
    let statement = |about: &str| {
        common::record(&format!(
            "Statement: theft of a laptop\n\nUPDATE, Thursday 21 May 2026\nThe laptop has not \
             been recovered. We have written to everyone.\n\n----\n\nDolgellau, Wednesday 13 May \
             2026\n\nOn Friday 8 May 2026 a laptop of ours was stolen from a car. We have \
             reported the theft to the police, and we are writing to the 286 people we \
             support.\n\n{about}\n"
        ))
    };
    let r = statement(
        "About Bryncrug Wellbeing: Bryncrug Wellbeing is a registered charity that supports \
         adults living with mental health problems.",
    );
    assert_eq!(victims(&r), vec!["Bryncrug Wellbeing".to_string()]);
    assert_eq!(
        r.victims[0].org_type, "healthcare provider",
        "typed from its definition"
    );
    assert_eq!(r.city.value().map(String::as_str), Some("Dolgellau"));
    let r = statement("About us: we support adults living with mental health problems.");
    assert!(victims(&r).iter().all(|v| v != "us"), "{:?}", victims(&r));
    // No type in the name or its definition: no victim.
    let r = statement("About Bryncrug Trust: Bryncrug Trust was founded in 1990.");
    assert!(victims(&r).is_empty(), "{:?}", victims(&r));
}

/// A payment fraud stated done gives its amount as what it cost, and its motive and
/// technique (T1657), in German and Dutch shapes: the victim "led to transfer" the money,
/// invoices paid "to the new account number".
#[test]
fn a_payment_fraud_gives_its_amount() {
    for (body, amount) in [
        (
            "Das Seniorenwohnheim Weißensee in Hermagor ist Opfer eines Betrugs geworden. \
             Unbekannte haben sich per E-Mail als unser Geschäftsführer ausgegeben und unsere \
             Buchhaltung dazu gebracht, insgesamt 94.500 Euro auf ein ausländisches Konto zu \
             überweisen.",
            94_500,
        ),
        (
            "Apotheek Zuiderwaard in Workum is opgelicht. Tussen 9 en 30 oktober 2025 betaalde \
             de apotheek drie facturen naar het nieuwe rekeningnummer, samen 68.400 euro.",
            68_400,
        ),
    ] {
        let r = common::article("Betrug", "2025-11-20", body);
        assert!(
            r.impacts
                .iter()
                .any(|i| i.count == Some(amount) && i.unit == "EUR" && i.effect == "cost"),
            "{body}: {:?}",
            r.impacts
        );
        assert!(r.techniques.iter().any(|t| t.id == "T1657"), "{body}");
    }
    // Advice is no fraud done.
    let r = common::article(
        "Warnung",
        "2025-11-20",
        "Das Seniorenwohnheim Weißensee in Hermagor warnt: Lassen Sie sich nicht dazu bringen, \
         Geld zu überweisen.",
    );
    assert!(r.impacts.is_empty(), "{:?}", r.impacts);
}

/// A possessive opens a portal's or account's name ("Mijn Ziekenfonds", "My Practice"),
/// not an organisation's.
#[test]
fn a_possessive_opens_no_victim_name() {
    let r = common::article(
        "Verkeerd verstuurde e-mail",
        "2025-11-07",
        "Op dinsdag 4 november 2025 heeft een medewerker van Ziekenfonds Sleidinge per \
         vergissing een e-mail met de gegevens van 2.310 leden naar 1.460 leden gestuurd. Onze \
         kantoren en Mijn Ziekenfonds werken gewoon.",
    );
    assert!(
        !victims(&r).iter().any(|v| v.starts_with("Mijn")),
        "{:?}",
        victims(&r)
    );
}
