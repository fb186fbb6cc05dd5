//! Session 16 (issue 15): shapes of real reporting the rules got wrong, each fixed by one
//! general shape in the shared mechanism or the lexicons. Every article is invented for
//! the test (organisations and people are fictitious; towns are real), with
//! counter-examples that must keep the value.

mod common;

use common::article as rec;
use common::impacts::{assert_has, keys, lacks};

/// Services coordinated as one subject share the predicate after the last of them, even
/// when that one carries a long complement ("Le dossier patient informatisé et le logiciel
/// de planification des séances de kinésithérapie, d'ergothérapie et de logopédie sont
/// indisponibles"); "ne s'ouvrait plus" is a verb of failure; a Swiss "Patientendossier"
/// is the electronic health record; an English record nobody "could see" is out of use.
#[test]
fn coordinated_services_share_their_predicate() {
    let fr = rec(
        "Cyberattaque contre un centre de revalidation à Ottignies",
        "2026-03-24",
        "Le Centre de revalidation des Bruyères à Ottignies est touché par une cyberattaque depuis dimanche. Le dossier patient informatisé et le logiciel de planification des séances de kinésithérapie, d'ergothérapie et de logopédie sont indisponibles.",
    );
    assert_has(&fr, "electronic health records unavailable");
    assert_has(&fr, "planning system unavailable");
    let fr2 = rec(
        "Cyberattaque contre une clinique à Libourne",
        "2026-05-06",
        "La Clinique des Quais à Libourne a été victime d'un rançongiciel. Dimanche matin, l'équipe de garde a constaté que le dossier patient ne s'ouvrait plus sur aucun ordinateur.",
    );
    assert_has(&fr2, "electronic health records unavailable");
    let de = rec(
        "Cyberangriff auf Privatklinik in Olten",
        "2026-04-20",
        "Die Privatklinik Hardwald AG in Olten ist Opfer eines Cyberangriffs geworden. Das elektronische Patientendossier steht seit Samstag nicht zur Verfügung.",
    );
    assert_has(&de, "electronic health records unavailable");
    let en = rec(
        "Ransomware attack on Bantry medical practice",
        "2026-02-10",
        "Harbour View Medical Practice in Bantry was hit by ransomware. For two days our doctors worked on paper and could not see patients' electronic records.",
    );
    assert_has(&en, "electronic health records unavailable");
    // Counter-examples: a service said to work; two services not coordinated (the second
    // one's predicate is its own clause's).
    let ok = rec(
        "Cyberattaque contre une clinique à Libourne",
        "2026-05-06",
        "La Clinique des Quais à Libourne a été victime d'un rançongiciel. Le dossier patient informatisé fonctionne normalement.",
    );
    assert!(lacks(&ok, "electronic health records"), "{:?}", keys(&ok));
    // The counted practices whose access failed are the impact, not their records.
    let counted = rec(
        "Ransomware attack on GP software supplier in Athlone",
        "2026-02-10",
        "About 900 GP practices around the country have been unable to see patients' electronic records since Wednesday after a ransomware attack on the Athlone-based supplier of their software.",
    );
    assert!(
        lacks(&counted, "electronic health records"),
        "{:?}",
        keys(&counted)
    );
}

/// Laboratory results reported late, in the words of each language: "test results
/// delayed", "Results for doctors have been delayed", "blood test results are taking
/// longer than usual", "les résultats du laboratoire arrivent avec plusieurs heures de
/// retard", "hun resultaten met vertraging", "die Befunde … mit bis zu drei Tagen
/// Verspätung". Counted samples are the same fact said more precisely ("Die Befunde für
/// rund 3.100 Proben …"), in all four languages.
#[test]
fn results_delayed_and_counted_samples() {
    for (title, published, body) in [
        (
            "Bettembourg lab hit by ransomware, test results delayed",
            "2026-03-12",
            "A medical laboratory in Bettembourg has been hit by a ransomware attack.",
        ),
        (
            "Cyber attack on Hexham hospitals",
            "2026-03-12",
            "Tynedale Hospitals NHS Trust in Hexham was hit by a cyber attack on Monday. Staff are working from paper records, and blood test results are taking longer than usual to reach wards.",
        ),
        (
            "Cyberattaque contre l'hôpital de Ciney",
            "2026-03-12",
            "L'hôpital du Bocq à Ciney a été victime d'une cyberattaque lundi. Les résultats du laboratoire parviennent aux médecins avec plusieurs heures de retard.",
        ),
        (
            "Cyberaanval op labo in Lier",
            "2026-03-12",
            "Labo Nete in Lier werd maandag getroffen door ransomware. De software bleef drie dagen onbruikbaar, waardoor huisartsen hun resultaten met vertraging ontvingen.",
        ),
        (
            "Cyberangriff auf Labor in Bregenz",
            "2026-03-12",
            "Das Labor am Bodensee in Bregenz ist Opfer eines Cyberangriffs geworden. Die Befunde erreichten die Einsender mit bis zu drei Tagen Verspätung.",
        ),
    ] {
        assert_has(&rec(title, published, body), "results delayed");
    }
    for (title, published, body, lang_count) in [
        (
            "Cyberangriff auf Labor in Bregenz",
            "2026-03-12",
            "Das Labor am Bodensee in Bregenz ist Opfer eines Cyberangriffs geworden. Die Befunde für rund 3.100 Proben konnten erst mit bis zu drei Tagen Verzögerung übermittelt werden.",
            "3100 samples delayed",
        ),
        (
            "Cyberaanval op labo in Lier",
            "2026-03-12",
            "Labo Nete in Lier werd maandag getroffen door ransomware. De resultaten van zo'n 2.400 stalen werden met twee dagen vertraging bezorgd.",
            "2400 samples delayed",
        ),
        (
            "Cyberattaque contre un laboratoire à Ciney",
            "2026-03-12",
            "Le laboratoire du Bocq à Ciney a été victime d'un rançongiciel. Les résultats de quelque 1 800 prélèvements ont été retardés de deux jours.",
            "1800 samples delayed",
        ),
    ] {
        let r = rec(title, published, body);
        assert_has(&r, lang_count);
        assert!(lacks(&r, "results delayed"), "{:?}", keys(&r));
    }
    // Counter-example: the results of an investigation are no laboratory results.
    let inv = rec(
        "Cyber attack on Hexham hospitals",
        "2026-03-12",
        "Tynedale Hospitals NHS Trust in Hexham was hit by a cyber attack. The results of the investigation were delayed by the holidays.",
    );
    assert!(lacks(&inv, "results"), "{:?}", keys(&inv));
}

/// Services coordinated around one predicate in German and French word order: "weder A
/// noch B" (the predicate before both), "A der Therapien und B waren nicht verfügbar" (a
/// complement between them), verb second ("ließ sich die Pflegedokumentation nicht mehr
/// öffnen"); a staff roster ("logiciel de gestion des plannings du personnel"), a GP's
/// information system ("huisartseninformatiesysteem"), an English "laboratory system"; the
/// radiology information system is the radiology system.
#[test]
fn services_in_german_and_french_word_order() {
    let de = rec(
        "Cyberangriff auf Pflegedienst in Kempen",
        "2026-01-16",
        "Der Pflegedienst Rheinaue in Kempen ist Opfer eines Cyberangriffs geworden. Seitdem funktionieren weder unsere Tourenplanung noch die digitale Pflegedokumentation auf den Tablets.",
    );
    assert_has(&de, "planning system unavailable");
    assert_has(&de, "electronic health records unavailable");
    let de2 = rec(
        "Cyberangriff auf Therapiezentrum in Bludenz",
        "2026-02-06",
        "Das Therapiezentrum Montafon in Bludenz ist Opfer eines Cyberangriffs geworden. Das Programm für die Terminplanung der Therapien und die elektronische Patientendokumentation waren bis Donnerstag nicht verfügbar.",
    );
    assert_has(&de2, "planning system unavailable");
    assert_has(&de2, "electronic health records unavailable");
    let de3 = rec(
        "Cyberangriff auf Pflegeheim in Vianden",
        "2026-10-09",
        "Das Pflegeheim Ourtal in Vianden ist Opfer eines Cyberangriffs geworden. Als die Frühschicht ihren Dienst antrat, ließ sich die elektronische Pflegedokumentation nicht mehr öffnen.",
    );
    assert_has(&de3, "electronic health records unavailable");
    let fr = rec(
        "Cyberattaque contre un EHPAD à Bailleul",
        "2026-01-12",
        "L'EHPAD Les Monts de Flandre à Bailleul a été victime d'un rançongiciel. Le logiciel de gestion des plannings du personnel est lui aussi indisponible.",
    );
    assert_has(&fr, "rostering system unavailable");
    let nl = rec(
        "Ransomware bij huisartsen in Sneek",
        "2026-11-20",
        "Huisartsenpraktijk De Waag in Sneek is getroffen door ransomware. Daardoor is het huisartseninformatiesysteem, waarin de medische dossiers van de patiënten staan, niet te gebruiken.",
    );
    // Session 32: a GP's information system (HIS) is the practice's management system,
    // as the coders of eu25, eu26 and eu28 code it (eu21's one record read the relative
    // clause's records instead).
    assert_has(&nl, "practice management system unavailable");
    let en = rec(
        "Ransomware attack on Monaghan hospital",
        "2026-05-12",
        "Glaslough Hospital in Monaghan was hit by ransomware on Tuesday. The electronic patient record system, the laboratory system and the hospital's phone lines were all knocked out.",
    );
    assert_has(&en, "laboratory information system unavailable");
    assert_has(&en, "phones unavailable");
    // Counter-examples: a second service in a clause of its own, said to work.
    let ok = rec(
        "Cyberangriff auf Pflegedienst in Kempen",
        "2026-01-16",
        "Der Pflegedienst Rheinaue in Kempen ist Opfer eines Cyberangriffs geworden. Die Tourenplanung ist ausgefallen, die Pflegedokumentation funktioniert aber.",
    );
    assert_has(&ok, "planning system unavailable");
    assert!(lacks(&ok, "electronic health records"), "{:?}", keys(&ok));
}

/// Restorations in more shapes: from "een back-up" with "vanaf" or "het terugzetten van",
/// "aus einer Sicherung zurückzuspielen", "aus Sicherungen neu aufgebaut"; services working
/// again in reported speech ("wieder laufe"), with a long coordinated subject ("werken ons
/// patiëntendossier en ons afsprakensysteem weer"), places "open again", "fonctionnent
/// normalement depuis le 3 avril", "ont repris normalement". A negation closing its own
/// clause ("betaalde niet en zette … terug") does not reach the next one; a restoration
/// in its own clause beside a phased one stays.
#[test]
fn restorations_in_more_shapes() {
    use common::responses::kinds;
    for (title, published, body, want) in [
        (
            "Ransomware bij tandartsen in Venray",
            "2026-01-10",
            "Tandartsengroep Maasoever in Venray werd getroffen door ransomware. De groep betaalde niet en zette haar systemen terug vanuit een back-up.",
            "restore_from_backup",
        ),
        (
            "Ransomware bij woonzorgcentrum in Poperinge",
            "2026-08-12",
            "Woonzorgcentrum De Hommel in Poperinge werd getroffen door ransomware. De IT-partner zette het zorgdossier terug vanaf een back-up.",
            "restore_from_backup",
        ),
        (
            "Hacker legen Apotheke in Remich lahm",
            "2026-03-12",
            "Die Moselapotheke in Remich ist Opfer eines Cyberangriffs geworden. Der IT-Dienstleister hat am Dienstag begonnen, die Daten aus einer Sicherung zurückzuspielen.",
            "restore_from_backup",
        ),
        (
            "Cyberangriff auf Pflegedienst in Kempen",
            "2026-01-20",
            "Der Pflegedienst Rheinaue in Kempen ist Opfer eines Cyberangriffs geworden. Am 16. Januar teilte der Pflegedienst mit, dass die Tourenplanung seit diesem Tag wieder laufe.",
            "services_restored",
        ),
        (
            "Cyberaanval op CGG in Roeselare",
            "2026-03-24",
            "Het CGG Mandel in Roeselare werd getroffen door ransomware. Sinds maandag 23 maart werken ons patiëntendossier en ons afsprakensysteem weer.",
            "services_restored",
        ),
        (
            "Ransomware hits pharmacies in Chard",
            "2026-05-12",
            "Axe Vale Pharmacies in Chard were hit by ransomware. All seven pharmacies were open again by Tuesday.",
            "services_restored",
        ),
        (
            "Cyberattaque contre une clinique à Vervins",
            "2026-04-10",
            "La clinique de la Thiérache à Vervins a été victime d'un rançongiciel. Les systèmes fonctionnent normalement depuis le 3 avril.",
            "services_restored",
        ),
        (
            "Cyberattaque contre un centre médical à Diekirch",
            "2026-11-05",
            "Le centre médical de la Sûre à Diekirch a été victime d'un rançongiciel. L'agenda fonctionne de nouveau depuis mercredi et les consultations reprennent progressivement.",
            "services_restored",
        ),
    ] {
        let r = rec(title, published, body);
        assert!(
            kinds(&r).contains(want),
            "{want} in {:?}: {body}",
            kinds(&r)
        );
    }
    // Counter-examples: a negation in the restoration's own clause; a service that never
    // stopped ("fonctionne normalement" without a date since which).
    for (title, published, body, unwanted) in [
        (
            "Ransomware attack on Chard clinic",
            "2026-05-12",
            "Axe Vale Clinic in Chard was hit by ransomware. The clinic did not restore from backups.",
            "restore_from_backup",
        ),
        (
            "Cyberattaque contre une clinique à Vervins",
            "2026-04-10",
            "La clinique de la Thiérache à Vervins a été victime d'un rançongiciel. Les urgences fonctionnent normalement.",
            "services_restored",
        ),
    ] {
        let r = rec(title, published, body);
        assert!(
            !kinds(&r).contains(unwanted),
            "{unwanted} in {:?}: {body}",
            kinds(&r)
        );
    }
}

/// A number after a label noun of the lexicon (`label_nouns`: "Year 11", "afdeling 3",
/// "Station 4", "l'étage 3") names a class, a ward or a stage and counts nothing, in every
/// language's counted rule; the same noun without the label keeps its count.
#[test]
fn a_number_after_a_label_noun_counts_nothing() {
    for (title, published, body) in [
        (
            "Ransomware attack on Hexham hospital",
            "2026-03-12",
            "Tynedale Hospital in Hexham was hit by ransomware. Ward 7 patients were transferred.",
        ),
        (
            "Cyberaanval op ziekenhuis in Lier",
            "2026-03-12",
            "Het Netehospitaal in Lier werd getroffen door ransomware. Op afdeling 3 patiënten werden overgebracht.",
        ),
        (
            "Cyberangriff auf Klinikum in Bregenz",
            "2026-03-12",
            "Das Klinikum am Bodensee in Bregenz ist Opfer eines Cyberangriffs geworden. Die Station 4 Patienten wurden verlegt.",
        ),
    ] {
        let r = rec(title, published, body);
        assert!(
            !keys(&r)
                .iter()
                .any(|k| k.starts_with(|c: char| c.is_ascii_digit())),
            "{:?}: {body}",
            keys(&r)
        );
    }
    let counted = rec(
        "Cyberangriff auf Klinikum in Bregenz",
        "2026-03-12",
        "Das Klinikum am Bodensee in Bregenz ist Opfer eines Cyberangriffs geworden. Rund 40 Patienten wurden verlegt.",
    );
    assert_has(&counted, "40 patients transferred");
}

/// Discovery by the first shift in German, Dutch and French as in English ("Als die
/// Frühschicht am Donnerstagmorgen ihren Dienst antrat, ließ sich … nicht mehr öffnen",
/// "Toen de assistentes donderdagochtend de computers aanzetten, bleek de server
/// versleuteld"); "de la veille" after a noun dates the thing ("les images de la veille"),
/// not the discovery.
#[test]
fn discovery_by_the_first_shift_and_a_days_complement() {
    for (title, published, body, want) in [
        (
            "Cyberangriff auf Pflegeheim in Vianden",
            "2026-10-09",
            "Das Pflegeheim Ourtal in Vianden ist Opfer eines Cyberangriffs geworden. Als die Frühschicht am Donnerstagmorgen ihren Dienst antrat, ließ sich die elektronische Pflegedokumentation nicht mehr öffnen.",
            "2026-10-08",
        ),
        (
            "Ransomware bij huisartsen in Franeker",
            "2026-11-20",
            "Huisartsenpraktijk De Terp in Franeker is getroffen door ransomware. Toen de assistentes donderdagochtend om half acht de computers aanzetten, bleek de server in de praktijk versleuteld.",
            "2026-11-19",
        ),
        (
            "Cyberattaque contre un institut de radiologie à Porrentruy",
            "2025-09-25",
            "L'Institut de radiologie de l'Allaine, à Porrentruy, a été victime d'une cyberattaque. Tout a commencé mardi vers 7 heures, lorsque les techniciennes ont constaté qu'elles ne pouvaient plus ouvrir les images de la veille.",
            "2025-09-23",
        ),
    ] {
        let r = rec(title, published, body);
        assert_eq!(
            r.discovery_date.value().map(String::as_str),
            Some(want),
            "{body}"
        );
    }
}

/// A person's inability ("could no longer open") governs the service after it, never the
/// place before it ("nurses in the emergency department found that they could no longer
/// open …"); a fine the regulator only planned is no amount; a hospital's clinical
/// information system is its electronic health record and "computer systems" are the IT
/// systems (data/impact_units.tsv, as the coders wrote them).
#[test]
fn agentive_predicates_planned_fines_and_system_names() {
    let ed = rec(
        "Ransomware attack on Tuam hospital",
        "2026-05-14",
        "St Jarlath's Hospital in Tuam was hit by ransomware. Shortly before 3am, nurses in the emergency department found that they could no longer open patients' details on screen.",
    );
    assert!(lacks(&ed, "emergency department"), "{:?}", keys(&ed));
    let staff = rec(
        "Ransomware attack on Tuam hospital",
        "2026-05-14",
        "St Jarlath's Hospital in Tuam was hit by ransomware. Staff could no longer open the electronic patient record.",
    );
    assert_has(&staff, "electronic health records unavailable");
    let fine = rec(
        "ICO fines Buxton home care provider £72,000",
        "2026-05-14",
        "The Information Commissioner's Office has fined Wye Dale Home Care Ltd, a home care provider based in Buxton, £72,000 after a ransomware attack. The regulator had said in a notice of intent last year that it planned to fine the company £180,000.",
    );
    assert_has(&fine, "72000 GBP fine or settlement");
    assert!(lacks(&fine, "180000"), "{:?}", keys(&fine));
    let kis = rec(
        "Cyberangriff auf Klinikum in Mechernich",
        "2026-04-20",
        "Das Kreisklinikum Eifeltor in Mechernich ist Opfer eines Cyberangriffs geworden. Das Krankenhausinformationssystem steht seit Samstag nicht zur Verfügung.",
    );
    assert_has(&kis, "electronic health records unavailable");
    let it = rec(
        "Ransomware attack on Tuam hospital",
        "2026-05-14",
        "St Jarlath's Hospital in Tuam was hit by a ransomware attack that forced it to shut down all of its computer systems.",
    );
    assert_has(&it, "IT systems unavailable");
}

/// An actor the organisation would not confirm is no stated actor, in the words of each
/// language ("maar dat wil de directie niet bevestigen", "but management would not confirm
/// that", "ce que la direction n'a pas voulu confirmer", "was die Klinik nicht bestätigen
/// wollte"); a group named without such a refusal stays.
#[test]
fn an_actor_the_victim_would_not_confirm() {
    for (title, published, body) in [
        (
            "Ransomware-aanval op ziekenhuis in Westerlo",
            "2026-10-14",
            "Het ziekenhuis AZ Netedal in Westerlo werd getroffen door ransomware. Volgens bronnen binnen het ziekenhuis zou het gaan om de groep Akira, maar dat wil de directie niet bevestigen.",
        ),
        (
            "Ransomware attack on Tuam hospital",
            "2026-05-14",
            "St Jarlath's Hospital in Tuam was hit by ransomware. According to sources inside the hospital it was the Akira group, but management would not confirm that.",
        ),
        (
            "Cyberattaque contre l'hôpital de Ciney",
            "2026-03-12",
            "L'hôpital du Bocq à Ciney a été victime d'un rançongiciel. Selon nos informations, il s'agirait du groupe Akira, ce que la direction n'a pas voulu confirmer.",
        ),
    ] {
        let r = rec(title, published, body);
        assert!(r.threat_actors.is_empty(), "{:?}: {body}", r.threat_actors);
    }
    let named = rec(
        "Ransomware-aanval op ziekenhuis in Westerlo",
        "2026-10-14",
        "Het ziekenhuis AZ Netedal in Westerlo werd getroffen door ransomware. De groep Akira eiste de aanval op.",
    );
    assert!(
        named.threat_actors.iter().any(|a| a.name == "Akira"),
        "{:?}",
        named.threat_actors
    );
}
