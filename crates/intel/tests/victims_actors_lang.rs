//! Victims, organisation types, places and threat actors read from Dutch, French, German
//! and English reporting (issue 15, E3 kinds): tracker fields, one-word operator names,
//! type nouns before a name, co-victims, NHS trusts typed by what they run, cities of a
//! multi-site network, actor cues in every language. Articles are written for the test
//! (invented names); each assertion names the rule it checks.

mod common;

use cordon_intel::IncidentRecord;

fn victims(r: &IncidentRecord) -> Vec<(String, String)> {
    r.victims
        .iter()
        .map(|v| (v.name.clone(), v.org_type.clone()))
        .collect()
}

fn actors(r: &IncidentRecord) -> Vec<String> {
    r.threat_actors.iter().map(|a| a.name.clone()).collect()
}

fn pair(name: &str, ty: &str) -> (String, String) {
    (name.to_string(), ty.to_string())
}

// --- tracker fields ---------------------------------------------------------------

#[test]
fn tracker_victim_and_group_fields_nl() {
    let r = common::record(
        "Title: Ransomware-slachtoffer: Zorgnet Voorbeeld\nPublished: 2024-03-02\n\n\
         Slachtoffer: Zorgnet Voorbeeld\nLand: België\nGroep: Lockbit\nDatum claim: 2024-03-01\n\n\
         Beschrijving\nLockbit heeft Zorgnet Voorbeeld op zijn leksite gezet. Zorgnet Voorbeeld is het \
         netwerk van ziekenhuizen in de provincie Limburg.",
    );
    assert_eq!(
        victims(&r),
        vec![pair("Zorgnet Voorbeeld", "hospital network")]
    );
    assert_eq!(actors(&r), vec!["LockBit"]);
}

#[test]
fn tracker_victim_and_group_fields_de() {
    let r = common::record(
        "Title: Cybervorfall-Opfer: Klinikum Beispielstadt\nPublished: 2021-05-04\n\n\
         Opfer: Klinikum Beispielstadt (KBS)\nLand: Deutschland\nTätergruppe: DoppelPaymer\n\
         Art des Vorfalls: Ransomware\n\nZusammenfassung\nAngreifer verschlüsselten Server des Klinikums.",
    );
    assert_eq!(
        victims(&r),
        vec![pair("Klinikum Beispielstadt", "hospital")]
    );
    assert_eq!(actors(&r), vec!["DoppelPaymer"]);
}

#[test]
fn tracker_group_field_with_a_version_fr() {
    let r = common::record(
        "Title: Victime de cyberattaque : Clinique Exemple\nPublished: 2024-04-20\n\n\
         Victime : Clinique Exemple, Lyon, France\nGroupe : Lockbit 3.0\nDonnées : publiées\n\n\
         Résumé\nLa clinique a été victime d'une attaque par rançongiciel.",
    );
    assert_eq!(victims(&r), vec![pair("Clinique Exemple", "clinic")]);
    assert_eq!(actors(&r), vec!["LockBit"]);
    assert_eq!(r.city.value().map(String::as_str), Some("Lyon"));
}

#[test]
fn tracker_fields_en_co_victims_and_unknown_actor() {
    let r = common::record(
        "Title: Incident: two trusts\nPublished: 2024-12-02\n\n\
         Victims: Northfield Hospital NHS Trust; Southvale Hospitals NHS Foundation Trust\n\
         Threat actor: Unknown\n\n\
         The two trusts said a shared gateway was hit by a cyber attack.",
    );
    assert_eq!(
        victims(&r),
        vec![
            pair("Northfield Hospital NHS Trust", "hospital"),
            pair(
                "Southvale Hospitals NHS Foundation Trust",
                "hospital network"
            ),
        ]
    );
    assert!(
        actors(&r).is_empty(),
        "an unknown actor field names none: {:?}",
        actors(&r)
    );
}

#[test]
fn a_new_name_in_an_actor_field_is_read_but_a_place_or_word_is_not() {
    let r = common::record(
        "Title: Incident: Example Clinic\n\nVictim: Example Clinic\nThreat actor: Nightowl Crew\n\n\
         Example Clinic was hit by ransomware.",
    );
    assert_eq!(actors(&r), vec!["Nightowl Crew"]);
    let r = common::record(
        "Title: Incident: Example Clinic\n\nVictim: Example Clinic\nGroup: Belgium\n\n\
         Example Clinic was hit by ransomware.",
    );
    assert!(actors(&r).is_empty(), "{:?}", actors(&r));
}

// --- organisation names ---------------------------------------------------------------

#[test]
fn one_word_compound_hospital_name_de() {
    let r = common::record(
        "Title: Hackerangriff legt Marienkrankenhaus lahm\nPublished: 2016-02-12\n\n\
         Ein Erpressungstrojaner hat am Mittwoch das Computersystem des Marienkrankenhauses lahmgelegt.",
    );
    assert_eq!(victims(&r), vec![pair("Marienkrankenhaus", "hospital")]);
    // A generic compound ("Kinderklinik") is a type, not a name.
    let r = common::record(
        "Title: Hackerangriff legt Kinderklinik lahm\n\n\
         Ein Erpressungstrojaner hat am Mittwoch die Kinderklinik lahmgelegt.",
    );
    assert!(
        r.victims.iter().all(|v| v.name != "Kinderklinik"),
        "{:?}",
        victims(&r)
    );
}

#[test]
fn hospital_operator_after_a_genitive_article_de() {
    let r = common::record(
        "Title: Hackerangriff an Heiligabend\nPublished: 2023-12-27\n\n\
         Cyberkriminelle haben am Sonntag die IT-Systeme der Evangelischen Hospitalvereinigung Nordheide \
         (EHN) angegriffen. Die Hospitalvereinigung betreibt drei Krankenhäuser.",
    );
    let v = victims(&r);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].0.ends_with("Hospitalvereinigung Nordheide"), "{v:?}");
    assert!(!v[0].0.contains("IT-Systeme"), "{v:?}");
    assert_eq!(v[0].1, "hospital network");
}

#[test]
fn a_supplier_named_with_its_customer_en() {
    let r = common::record(
        "Title: NHS software supplier Exemplar fined over 2022 ransomware attack\n\n\
         The regulator fined Exemplar Software Group after a ransomware attack.",
    );
    assert_eq!(victims(&r), vec![pair("Exemplar", "health IT provider")]);
}

#[test]
fn type_noun_before_a_one_word_name_fr_nl() {
    let r = common::record(
        "Title: Cyberattaque : point de situation\nPublished: 2023-11-13\n\n\
         Dimanche matin, nos équipes ont détecté une cyberattaque visant l'intercommunale Santalux, \
         qui regroupe les hôpitaux et maisons de repos de la province de Luxembourg.",
    );
    assert_eq!(victims(&r), vec![pair("Santalux", "hospital network")]);
    let r = common::record(
        "Title: Aanval op laboratorium\nPublished: 2025-07-10\n\n\
         Hackers hebben het laboratorium Diagnolab aangevallen en gegevens gestolen.",
    );
    assert_eq!(victims(&r), vec![pair("Diagnolab", "laboratory")]);
}

#[test]
fn co_victims_named_after_a_headline_with_one() {
    let r = common::record(
        "Title: Cyber Incident Victim: Northgate Children's NHS Foundation Trust\nPublished: 2024-12-02\n\n\
         The Example extortion group has listed Northgate Children's NHS Foundation Trust and Riverside \
         Heart and Lung Hospital NHS Foundation Trust on its leak site after a cyber attack.",
    );
    assert_eq!(
        victims(&r),
        vec![
            pair("Northgate Children's NHS Foundation Trust", "hospital"),
            pair(
                "Riverside Heart and Lung Hospital NHS Foundation Trust",
                "hospital"
            ),
        ]
    );
}

// --- NHS trusts: typed by what they run ------------------------------------------------

#[test]
fn nhs_trust_running_several_hospitals_is_a_network() {
    let r = common::record(
        "Title: Trust declares major incident\n\n\
         Westmoor University Teaching Hospital NHS Foundation Trust has declared a major incident after a \
         cyber attack, which has hit systems at Hillside Hospital and Brookfield Hospital.",
    );
    assert_eq!(
        victims(&r),
        vec![pair(
            "Westmoor University Teaching Hospital NHS Foundation Trust",
            "hospital network"
        )]
    );
    // An ambulance trust is not a hospital operator: its type stays.
    let r = common::record(
        "Title: Ambulance trust hit\n\nNorthmoor Ambulance Service NHS Trust was hit by a cyber attack.",
    );
    assert_ne!(r.victims[0].org_type, "hospital");
    assert_ne!(r.victims[0].org_type, "hospital network");
}

// --- places ----------------------------------------------------------------------------

#[test]
fn cities_of_a_network_sites_are_not_its_city() {
    let r = common::record(
        "Title: Cyberattaque : point de situation\nPublished: 2023-11-13\n\n\
         Une cyberattaque vise l'intercommunale Santalux. Les urgences de nos hôpitaux d'Arlon, de Bastogne \
         et de Marche-en-Famenne restent ouvertes.",
    );
    assert_eq!(r.city.value(), None, "a site among several is not the city");
}

#[test]
fn frankfurt_has_its_full_name() {
    let r = common::record(
        "Title: Pressemitteilung\n\nDas Universitätsklinikum Frankfurt hat nach einem Cyberangriff alle \
         Verbindungen zum Internet getrennt.",
    );
    assert_eq!(
        r.city.value().map(String::as_str),
        Some("Frankfurt am Main")
    );
}

// --- actors ----------------------------------------------------------------------------

#[test]
fn actor_cues_in_every_language() {
    let nl = common::record(
        "Title: Aanval op laboratoriumbedrijf\n\nEen ransomwareaanval op Labo Voorbeeld legde de zorg stil. \
         Volgens experts zit de criminele groep Qilin achter de aanval.",
    );
    assert_eq!(actors(&nl), vec!["Qilin"]);
    let fr = common::record(
        "Title: Cyberattaque à l'hôpital Exemple\n\nL'hôpital Exemple a subi une cyberattaque. \
         L'attaque a été revendiquée par Rhysida.",
    );
    assert_eq!(actors(&fr), vec!["Rhysida"]);
    let de = common::record(
        "Title: Cyberangriff auf Klinikum Beispiel\n\nDas Klinikum Beispiel wurde angegriffen. \
         Zu dem Angriff bekannte sich Akira.",
    );
    assert_eq!(actors(&de), vec!["Akira"]);
    // Without a cue a known name alone is no attribution.
    let none = common::record(
        "Title: Cyberangriff auf Klinikum Beispiel\n\nDas Klinikum Beispiel wurde angegriffen. \
         Akira ist ein Name.",
    );
    assert!(actors(&none).is_empty(), "{:?}", actors(&none));
}

// --- held-out-3 kinds: operators and their sites, places in the wrong role ------------

#[test]
fn an_operator_clause_names_sites_not_the_victim_nl_de_fr() {
    let nl = common::record(
        "Title: Persbericht\nPublished: 2020-11-04\n\n\
         Zorgnet Voorbeeld, de vzw die het AZ Noorddal in Diest en het AZ Zuidland in Aarschot uitbaat, \
         is het doelwit van een cyberaanval.",
    );
    assert_eq!(
        victims(&nl),
        vec![pair("Zorgnet Voorbeeld", "hospital network")]
    );
    assert_eq!(
        nl.city.value(),
        None,
        "a site's town is not the operator's city"
    );
    let de = common::record(
        "Title: Pressemitteilung\nPublished: 2019-07-17\n\n\
         Der Pflegeverbund Beispieltal, der neun Seniorenheime in der Region betreibt, ist Opfer eines \
         Hackerangriffs geworden.",
    );
    assert_eq!(
        victims(&de),
        vec![pair("Pflegeverbund Beispieltal", "care home")]
    );
    let fr = common::record(
        "Title: Rançongiciel\nPublished: 2021-02-16\n\n\
         L'Hôpital Exemple-Ouest, qui regroupe les hôpitaux de Villefranche et de Tarare, a été victime \
         lundi d'une attaque par rançongiciel.",
    );
    let v = victims(&fr);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].0.ends_with("Exemple-Ouest"), "{v:?}");
    assert_eq!(v[0].1, "hospital network");
}

#[test]
fn tracker_city_field_and_places_in_other_roles() {
    let r = common::record(
        "Title: Cybervorfall-Opfer: Klinikum Westtal\nPublished: 2021-11-02\n\n\
         Opfer: Klinikum Westtal\nOrt: Kleinhausen\n\nZusammenfassung\n\
         Eine Ransomware verschlüsselte Server des Klinikums Westtal. \
         Die Zentralstelle für Cybercrime der Generalstaatsanwaltschaft Koblenz ermittelt.",
    );
    assert_eq!(r.city.value().map(String::as_str), Some("Kleinhausen"));
    // Without the field, the prosecutor's seat is still not the victim's city.
    let r = common::record(
        "Title: Cyberangriff\n\nEine Ransomware verschlüsselte Server des Klinikums Westtal. \
         Die Zentralstelle für Cybercrime der Generalstaatsanwaltschaft Koblenz ermittelt.",
    );
    assert_eq!(r.city.value(), None);
}

#[test]
fn an_area_listed_in_a_trust_name_is_not_its_city_and_an_acronym_before_trust_is_no_name() {
    let r = common::record(
        "Title: Operations cancelled after virus hits NHS trust\n\n\
         Northern Example and Goole NHS Foundation Trust, which runs Alpha General Hospital and Beta \
         District Hospital, has cancelled planned operations after a computer virus infected its network.",
    );
    assert_eq!(
        victims(&r),
        vec![pair(
            "Northern Example and Goole NHS Foundation Trust",
            "hospital network"
        )]
    );
    assert_ne!(r.city.value().map(String::as_str), Some("Goole"));
}

#[test]
fn insurers_and_home_care_named_by_a_type_noun_de_fr() {
    let de = common::record(
        "Title: Phishing-Angriff auf Krankenkasse\n\n\
         Unbekannte haben sich nach einem Phishing-Angriff Zugang zu Postfächern der Kölner \
         Betriebskrankenkasse Beispiel BKK verschafft.",
    );
    let v = victims(&de);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        v[0].0.ends_with("Beispiel BKK") && !v[0].0.contains("Postf"),
        "{v:?}"
    );
    assert_eq!(v[0].1, "health insurer");
    let fr = common::record(
        "Title: Esch : le réseau de soins à domicile Exemple Plus visé par des hackers\n\n\
         Le réseau de soins à domicile Exemple Plus a été victime d'une cyberattaque.",
    );
    assert_eq!(
        victims(&fr),
        vec![pair("Exemple Plus", "healthcare provider")]
    );
}
