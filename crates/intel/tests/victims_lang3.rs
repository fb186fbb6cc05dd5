//! Victims, organisation types and places, third round (issue 15, session 5): the
//! subject of a victim predicate ("X a été victime", "X ist Opfer … geworden", "X is
//! getroffen door", "X was hit by") is the victim whatever its head noun; a bare type noun
//! after "Angriff auf" does not stop the search; what an operator runs types it. Every
//! article is invented for the test (not a held-out sentence), in Dutch, French, German
//! and English; each assertion names the rule it checks.

mod common;

use cordon_intel::IncidentRecord;

fn names(r: &IncidentRecord) -> Vec<String> {
    r.victims.iter().map(|v| v.name.clone()).collect()
}

fn first_type(r: &IncidentRecord) -> Option<&str> {
    r.victims.first().map(|v| v.org_type.as_str())
}

fn city(r: &IncidentRecord) -> Option<&str> {
    r.city.value().map(String::as_str)
}

fn rec(title: &str, body: &str) -> IncidentRecord {
    common::article(title, "2025-03-04", body)
}

/// Dutch: the subject before "is/werd … getroffen / gehackt / slachtoffer" is the victim,
/// without its seat ("in Geel") and without the descriptors before it ("Het ziekenfonds").
#[test]
fn dutch_subject_of_a_victim_predicate() {
    let a = rec(
        "Storing bij thuisverpleging",
        "Thuisverpleging Kempenland in Geel is maandagnacht getroffen door een cyberaanval. De planning gebeurt op papier.",
    );
    assert_eq!(names(&a), vec!["Thuisverpleging Kempenland"]);
    assert_eq!(city(&a), Some("Geel"));
    let b = rec(
        "Hackers bij ziekenfonds",
        "Het ziekenfonds Zorgkas Noorderkempen, dat 80.000 leden telt, werd dinsdag gehackt door criminelen.",
    );
    assert_eq!(names(&b), vec!["Zorgkas Noorderkempen"]);
    assert_eq!(first_type(&b), Some("health insurer"));
    let c = rec(
        "Ransomware bij ambulancedienst",
        "Ambulancedienst Zuid-Limburg Noord is slachtoffer geworden van een ransomware-aanval.",
    );
    assert_eq!(names(&c), vec!["Ambulancedienst Zuid-Limburg Noord"]);
    assert_eq!(first_type(&c), Some("healthcare provider"));
}

/// French: after a dateline, an article and lower-case descriptors ("La société
/// bruxelloise"), the name up to the apposition; typed by the apposition or by what it
/// runs ("qui gère trois maisons de repos").
#[test]
fn french_subject_of_a_victim_predicate() {
    let a = rec(
        "Cyberattaque chez un transporteur de patients",
        "La société bruxelloise MediTrans, qui assure le transport de patients vers les hôpitaux, a été victime d'une cyberattaque.",
    );
    assert_eq!(names(&a), vec!["MediTrans"]);
    let b = rec(
        "Rançongiciel dans des maisons de repos",
        "Namur, le 3 mars 2025 — Le groupe namurois Séniories du Bocq, qui gère trois maisons de repos dans le Condroz, a subi dimanche une attaque par rançongiciel.",
    );
    assert_eq!(names(&b), vec!["Séniories du Bocq"]);
    assert_eq!(first_type(&b), Some("care home"));
    let c = rec(
        "Radiologie : piratage",
        "Le Centre d'imagerie médicale Saône-Rhône, basé à Lyon, a été la cible d'un rançongiciel.",
    );
    assert_eq!(names(&c), vec!["Centre d'imagerie médicale Saône-Rhône"]);
    assert_eq!(first_type(&c), Some("healthcare provider"));
}

/// German: a legal form ends the name ("gGmbH", "GmbH"); the seat ("mit Sitz in Trier")
/// and an apposition stand between name and predicate; a dateline with a date is skipped.
#[test]
fn german_subject_of_a_victim_predicate() {
    let a = rec(
        "Hackerangriff auf Pflegedienst",
        "Die Häusliche Pflege Moseltal gGmbH, ein ambulanter Pflegedienst mit Sitz in Trier, ist Opfer eines Hackerangriffs geworden.",
    );
    assert_eq!(names(&a), vec!["Häusliche Pflege Moseltal gGmbH"]);
    assert_eq!(first_type(&a), Some("healthcare provider"));
    assert_eq!(city(&a), Some("Trier"));
    let b = rec(
        "Cyberangriff",
        "Koblenz, 4. Mai 2024 – Die MedLog Systeme GmbH ist seit Montag von einem Cyberangriff betroffen.",
    );
    assert_eq!(names(&b), vec!["MedLog Systeme GmbH"]);
    let c = rec(
        "Hackerangriff auf Trierer Pflegeheim",
        "Das Wohn- und Pflegezentrum Sankt Paulin in Trier ist am Montag Opfer eines Hackerangriffs geworden.",
    );
    // The headline's "Trierer Pflegeheim" is a type noun with a demonym: no name, the
    // search goes on to the sentence that names the home.
    assert_eq!(names(&c), vec!["Wohn- und Pflegezentrum Sankt Paulin"]);
    assert_eq!(first_type(&c), Some("care home"));
}

/// English: "was hit by", "has been targeted", "suffered a … attack", "fell victim".
#[test]
fn english_subject_of_a_victim_predicate() {
    let a = rec(
        "Pharmacy supplier hit",
        "Northgate Pharmacy Services in Leeds has been targeted by hackers, the company said.",
    );
    assert_eq!(names(&a), vec!["Northgate Pharmacy Services"]);
    let b = rec(
        "Care provider attacked",
        "Riverbend Home Care suffered a ransomware attack last week.",
    );
    assert_eq!(names(&b), vec!["Riverbend Home Care"]);
    let c = rec(
        "Imaging firm breached",
        "Mercia Imaging Ltd fell victim to a ransomware attack on Friday.",
    );
    assert_eq!(names(&c), vec!["Mercia Imaging Ltd"]);
}

/// Precision: a quantifier, a lone type noun, a place or a question in the subject slot
/// names no victim.
#[test]
fn no_victim_from_a_subject_that_names_no_one() {
    let named = |r: &IncidentRecord| {
        r.victims
            .iter()
            .filter(|v| v.name != "not stated")
            .map(|v| v.name.clone())
            .collect::<Vec<_>>()
    };
    let a = rec(
        "Angriffe",
        "Mehrere Krankenhäuser sind Opfer eines Cyberangriffs geworden.",
    );
    assert!(named(&a).is_empty(), "{:?}", named(&a));
    let b = rec(
        "Aanval",
        "Het ziekenhuis is dinsdag getroffen door een cyberaanval.",
    );
    assert!(named(&b).is_empty(), "{:?}", named(&b));
    let c = rec(
        "Attaque",
        "Plusieurs cliniques ont été victimes d'une cyberattaque.",
    );
    assert!(named(&c).is_empty(), "{:?}", named(&c));
    let d = rec(
        "Hack",
        "Gent is getroffen door een cyberaanval op de stadsdiensten.",
    );
    assert!(named(&d).is_empty(), "{:?}", named(&d));
    let e = rec(
        "Frage",
        "Ist die Klinik Nordwald Opfer eines Hackerangriffs geworden?",
    );
    assert!(named(&e).is_empty(), "{:?}", named(&e));
}

/// What an operator runs types it: hospitals among its sites make a network, whatever
/// else it runs; a tracker's parenthesis is a note, not part of the name.
#[test]
fn operator_typed_by_hospitals_and_label_notes_dropped() {
    let a = rec(
        "Cyberattaque",
        "Une cyberattaque vise l'intercommunale Ardenval, qui regroupe les hôpitaux, maisons de repos et centres de santé de la région.",
    );
    assert_eq!(names(&a), vec!["Ardenval"]);
    assert_eq!(first_type(&a), Some("hospital network"));
    let b = rec(
        "Incident report",
        "- Organisation: Hôpital Val-de-Loire (sites in Blois, Vendôme and Romorantin)\n- Incident: ransomware attack",
    );
    assert_eq!(names(&b), vec!["Hôpital Val-de-Loire"]);
}

/// Prints the victims, type, sector, country and city of each file in `VPROBE`
/// (colon-separated): a development aid, run with `--ignored --nocapture`.
#[test]
#[ignore]
fn probe() {
    let Ok(paths) = std::env::var("VPROBE") else {
        return;
    };
    for p in paths.split(':') {
        let content = std::fs::read_to_string(p).expect("read");
        for d in cordon_intel::ingest::parse(p, &content).expect("parse") {
            let r = cordon_intel::extract(&d);
            println!(
                "{p} | {:?} | {:?} | {:?} | {:?}",
                r.victims
                    .iter()
                    .map(|v| (
                        v.name.as_str(),
                        v.org_type.as_str(),
                        v.evidence.sentence.as_str()
                    ))
                    .collect::<Vec<_>>(),
                r.sector.value(),
                r.country.value().map(|c| c.code.as_str()),
                r.city.value()
            );
            if std::env::var("VNOISE").is_ok() {
                println!("   noise | {:?}", r.noise.set_apart);
            }
        }
    }
}

/// The organisation qualifying the people whose data was taken ("the data of NHS
/// patients") owns the data; it is not the organisation attacked. A fertility clinic is a
/// `clinic` in every language.
#[test]
fn data_owner_of_people_is_no_victim_and_fertility_clinics_are_clinics() {
    let a = rec(
        "Former employee sentenced",
        "A former receptionist was sentenced on Monday. Hackers had stolen the test data of NHS patients in a ransomware attack.\nHe had worked at the Wessex Fertility Centre in Winchester until 2023.",
    );
    assert_eq!(names(&a), vec!["Wessex Fertility Centre"]);
    assert_eq!(first_type(&a), Some("clinic"));
    let b = rec(
        "Datendiebstahl",
        "Bei dem Hackerangriff wurden Daten von AOK Versicherten kopiert. Betroffen ist das Kinderwunschzentrum Rheinaue GmbH in Bonn, das Opfer eines Cyberangriffs wurde.",
    );
    assert!(!names(&b).iter().any(|n| n == "AOK"), "{:?}", names(&b));
    let c = rec(
        "Fuite de données",
        "Le Centre de fertilité Atlantique a été victime d'une cyberattaque.",
    );
    assert_eq!(names(&c), vec!["Centre de fertilité Atlantique"]);
    assert_eq!(first_type(&c), Some("clinic"));
}
