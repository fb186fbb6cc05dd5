//! Impacts in the four languages (issue 15): one article per language and per kind of
//! impact rule, each asserted against the value a reader codes from the text (the
//! convention of docs/intel.md "Coding rules"), and the counter-examples that must give
//! nothing (negated, another organisation, advice).

mod common;

use common::impacts::{has, keys};
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-14\n\n{body}"))
}

/// Coding rule 4 (reversed 2026-12-01): staff working on paper is both the response
/// `manual_fallback` and the bare impact `manual fallback`.
#[test]
fn staff_on_paper_is_a_bare_manual_fallback_in_four_languages() {
    let cases = [
        (
            "Cyber attack on Example General Hospital",
            "Example General Hospital was hit by a ransomware attack on Tuesday. Staff switched to pen and paper.",
        ),
        (
            "Cyberaanval op ziekenhuis Voorbeeld",
            "Het ziekenhuis Voorbeeld in Gent werd getroffen door een cyberaanval. Het personeel werkt op papier.",
        ),
        (
            "Cyberattaque contre l'hôpital Exemple",
            "L'hôpital Exemple de Namur a été victime d'une cyberattaque. Le personnel travaille sur papier.",
        ),
        (
            "Hackerangriff auf Klinikum Beispiel",
            "Das Klinikum Beispiel in Aachen wurde Opfer eines Hackerangriffs. Die Mitarbeiter arbeiten auf Papier.",
        ),
    ];
    for (title, body) in cases {
        let r = article(title, body);
        let kinds: Vec<&str> = r.response_actions.iter().map(|a| a.kind.as_str()).collect();
        assert!(kinds.contains(&"manual_fallback"), "{title}: {kinds:?}");
        assert!(has(&r, "manual fallback"), "{title}: {:?}", keys(&r));
    }
}

/// A named service on paper is that service's fallback, not a second, bare one.
#[test]
fn a_named_service_on_paper_is_not_also_bare() {
    let r = article(
        "Cyber attack on Example General Hospital",
        "Example General Hospital was hit by a ransomware attack. Appointments were handled on paper for two weeks.",
    );
    let k = keys(&r);
    assert!(
        k.iter().any(|k| k == "appointments manual fallback"),
        "{k:?}"
    );
    assert!(!k.iter().any(|k| k == "manual fallback"), "{k:?}");
}

/// Negated or advised paper work is no impact (nor response).
#[test]
fn no_paper_fallback_when_denied_or_advised() {
    for body in [
        "Example General Hospital was hit by a ransomware attack. Staff did not have to switch to pen and paper.",
        "Het ziekenhuis Voorbeeld werd getroffen door een cyberaanval. Het personeel hoefde niet op papier te werken.",
        "Example General Hospital was hit by a ransomware attack. Hospitals should prepare to work on paper.",
    ] {
        let r = article("Cyber attack", body);
        assert!(!has(&r, "manual fallback"), "{body}: {:?}", keys(&r));
    }
}

/// The bare impact exists exactly when the response does (one mechanism), on every
/// development article.
#[test]
fn bare_fallback_follows_the_response_on_the_examples() {
    let dir = common::examples_dir();
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).expect("examples dir") {
        let p = e.expect("entry").path();
        if p.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("read");
        let r = common::record(&text);
        let response = r
            .response_actions
            .iter()
            .any(|a| a.kind == "manual_fallback");
        let any_fallback = r.impacts.iter().any(|f| f.effect == "manual fallback");
        let bare = r
            .impacts
            .iter()
            .any(|f| f.unit.is_empty() && f.effect == "manual fallback");
        assert_eq!(response, any_fallback || bare, "{}", p.display());
        assert!(
            !(bare
                && r.impacts
                    .iter()
                    .any(|f| !f.unit.is_empty() && f.effect == "manual fallback"))
        );
        seen += 1;
    }
    assert!(seen >= 20, "{seen} articles read");
}

/// Counts written the continental way (`.` or space between thousands, a decimal comma
/// before a multiplier) with the unit in the article's language, in each language.
#[test]
fn continental_counts_in_four_languages() {
    let cases = [
        (
            "Datalek bij laboratorium",
            "Bij een ransomwareaanval op het laboratorium Voorbeeld in Rijswijk zijn de gegevens van ongeveer 485.000 deelnemers gestolen.",
            "485000 people exposed",
        ),
        (
            "Cyberattaque contre l'hôpital Exemple",
            "Des pirates ont dérobé les données d'environ 1,4 million de personnes à l'hôpital Exemple de Namur.",
            "1400000 people exposed",
        ),
        (
            "Cyberattaque contre l'hôpital Exemple",
            "L'hôpital Exemple de Namur a été victime d'une cyberattaque. Les rendez-vous de 2 500 patients ont été annulés.",
            "2500 patients exposed",
        ),
        (
            "Hackerangriff auf Klinikum Beispiel",
            "Im Klinikum Beispiel in Aachen verschlüsselten Angreifer 30 Server.",
            "30 servers encrypted",
        ),
        (
            "Cyberaanval op ziekenhuis Voorbeeld",
            "Het ziekenhuis Voorbeeld in Gent werd aangevallen. Ongeveer 350 afspraken worden verplaatst.",
            "350 appointments postponed",
        ),
    ];
    for (title, body, want) in cases {
        let r = article(title, body);
        let k = keys(&r);
        if want.starts_with("2500") {
            // "2 500 patients" is read with its space; the effect of people in a sentence
            // without theft is the sentence's verb.
            assert!(
                k.iter().any(|k| k.starts_with("2500 patients ")),
                "{title}: {k:?}"
            );
            continue;
        }
        assert!(k.iter().any(|k| k == want), "{title}: {want} not in {k:?}");
    }
}

/// A number word that is an article is no count, an approximation is its number (Coding
/// rule 15, session 5: "une dizaine de patients" → 10); a decimal without a multiplier is
/// no count; a count of places where an effect happened is no count.
#[test]
fn articles_approximations_and_places_are_not_counts() {
    let r = article(
        "Cyberattaque contre l'hôpital Exemple",
        "L'hôpital Exemple de Namur a été victime d'une cyberattaque. Une partie des consultations ont été annulées. Une dizaine de patients ont été transférés vers d'autres hôpitaux.",
    );
    let k = keys(&r);
    assert!(k.iter().any(|k| k == "consultations cancelled"), "{k:?}");
    assert!(k.iter().any(|k| k == "10 patients transferred"), "{k:?}");
    assert!(
        !r.impacts
            .iter()
            .any(|f| f.count.is_some() && f.unit.contains("consultation")),
        "{k:?}"
    );

    let r = article(
        "Operations cancelled at three hospitals after virus hits Example NHS Trust",
        "Example NHS Trust was hit by a computer virus. Operations were cancelled at three hospitals.",
    );
    assert!(
        !r.impacts.iter().any(|f| f.unit.contains("hospital")),
        "{:?}",
        keys(&r)
    );
}

/// IT-wide outages, e-mail, phones, emergency care and ambulances, each phrased in the
/// four languages, including phrases that carry their own negation ("stehen nicht zur
/// Verfügung", "n'accueillent plus").
#[test]
fn service_effects_in_four_languages() {
    let cases = [
        (
            "de",
            "Nach dem Angriff wurden alle Server heruntergefahren.",
            "IT systems unavailable",
        ),
        (
            "de",
            "Das Computersystem des Krankenhauses wurde lahmgelegt.",
            "IT systems unavailable",
        ),
        (
            "de",
            "Die IT-Systeme stehen in allen Einrichtungen derzeit nicht zur Verfügung.",
            "IT systems unavailable",
        ),
        (
            "de",
            "Externe E-Mails können derzeit weder empfangen noch versendet werden.",
            "email unavailable",
        ),
        (
            "de",
            // Coding rule 14 (session 8): a deregistration diverts ambulances.
            "Die Klinik meldete sich von der Notfallversorgung ab.",
            "ambulances diverted",
        ),
        (
            "de",
            "Rettungswagen fahren andere Kliniken in der Region an.",
            "ambulances diverted",
        ),
        (
            "de",
            "Geplante Behandlungen wurden verschoben.",
            "treatments postponed",
        ),
        (
            "fr",
            "Les systèmes informatiques sont à l'arrêt depuis dimanche.",
            "IT systems unavailable",
        ),
        (
            "fr",
            "Les serveurs ont été chiffrés et tous les ordinateurs de l'établissement ont été éteints.",
            "IT systems unavailable",
        ),
        (
            "fr",
            "La téléphonie est également coupée.",
            "phones unavailable",
        ),
        (
            "fr",
            "Les urgences n'accueillent plus de nouveaux patients.",
            "emergency department unavailable",
        ),
        (
            "fr",
            "Les urgences ne prennent plus en charge que les cas vitaux.",
            "emergency department reduced capacity",
        ),
        (
            "fr",
            "Le Samu oriente les ambulances vers d'autres hôpitaux.",
            "ambulances diverted",
        ),
        (
            "fr",
            "Les consultations sont déprogrammées.",
            "consultations postponed",
        ),
        (
            "nl",
            "Een deel van de informaticasystemen was onbruikbaar.",
            "IT systems unavailable",
        ),
        (
            "nl",
            "Het ziekenhuis sloot uit voorzorg al zijn IT-systemen af.",
            "IT systems unavailable",
        ),
        (
            "nl",
            "Medewerkers konden dagenlang niet bij hun e-mail.",
            "email unavailable",
        ),
        (
            "nl",
            "De spoedgevallendienst meldde zich tijdelijk af bij de 112-centrale.",
            "ambulances diverted",
        ),
        (
            "nl",
            "Sommige raadplegingen werden geannuleerd.",
            "consultations cancelled",
        ),
        (
            "nl",
            "Ziekenhuizen moesten operaties en bloedtransfusies uitstellen.",
            "blood transfusions postponed",
        ),
        (
            "en",
            "The attack forced it to shut down all workstations.",
            "IT systems unavailable",
        ),
        (
            "en",
            "Non-urgent operations were postponed and the telephone system was down.",
            "phones unavailable",
        ),
    ];
    for (lang, sentence, want) in cases {
        let (title, lead) = match lang {
            "de" => (
                "Hackerangriff auf Klinikum Beispiel",
                "Das Klinikum Beispiel in Aachen wurde Opfer eines Hackerangriffs.",
            ),
            "fr" => (
                "Cyberattaque contre l'hôpital Exemple",
                "L'hôpital Exemple de Namur a été victime d'une cyberattaque par rançongiciel.",
            ),
            "nl" => (
                "Cyberaanval op ziekenhuis Voorbeeld",
                "Het ziekenhuis Voorbeeld in Gent werd getroffen door een cyberaanval.",
            ),
            _ => (
                "Cyber attack on Example General Hospital",
                "Example General Hospital was hit by a ransomware attack.",
            ),
        };
        let r = article(title, &format!("{lead} {sentence}"));
        assert!(
            has(&r, want),
            "{lang}: {sentence:?}: {want} not in {:?}",
            keys(&r)
        );
    }
}

/// The same phrases denied, or about services that kept running, give nothing.
#[test]
fn denied_service_effects_give_nothing() {
    for (title, body) in [
        (
            "Hackerangriff auf Klinikum Beispiel",
            "Das Klinikum Beispiel wurde angegriffen. Die Notaufnahme ist uneingeschränkt geöffnet. Es mussten keine Operationen abgesagt werden.",
        ),
        (
            "Cyberattaque contre l'hôpital Exemple",
            "L'hôpital Exemple a été victime d'une cyberattaque. Les urgences restent ouvertes.",
        ),
        (
            "Cyberaanval op ziekenhuis Voorbeeld",
            "Het ziekenhuis Voorbeeld werd getroffen door een cyberaanval. Onze eigen systemen zijn niet getroffen.",
        ),
    ] {
        let r = article(title, body);
        assert!(r.impacts.is_empty(), "{body}: {:?}", keys(&r));
    }
}

/// A proposed fine later reduced is no impact; the fine imposed is.
#[test]
fn a_proposed_fine_is_not_an_impact() {
    let r = article(
        "Example Software fined after ransomware attack",
        "The regulator fined Example Software £3.07 million after a ransomware attack. The regulator had initially proposed a fine of £6.09 million, but reduced it.",
    );
    let k = keys(&r);
    assert!(
        k.iter().any(|k| k == "3070000 GBP fine or settlement"),
        "{k:?}"
    );
    assert!(!k.iter().any(|k| k.starts_with("6090000")), "{k:?}");
}

/// The fresh-user trial's misses (s3): results delayed, a care record unavailable.
#[test]
fn trial_results_delayed_and_records_unavailable() {
    let r = article(
        "Cyber attack on Example Laboratory",
        "Example Laboratory was hit by a ransomware attack. About 3,000 blood test results have been delayed.",
    );
    assert!(
        r.impacts
            .iter()
            .any(|f| f.count == Some(3000) && f.effect == "delayed"),
        "{:?}",
        keys(&r)
    );
    let r = article(
        "Cyberattaque contre le laboratoire Exemple",
        "Le laboratoire Exemple de Thonon a été victime d'une cyberattaque. Les résultats d'environ 2 000 patients ont été retardés.",
    );
    assert!(has(&r, "2000 patients delayed"), "{:?}", keys(&r));
    let r = article(
        "Cyberaanval op woonzorgcentrum Voorbeeld",
        "Het woonzorgcentrum Voorbeeld in Zottegem werd getroffen door een cyberaanval. Het elektronische zorgdossier van de 120 bewoners was twee dagen niet beschikbaar.",
    );
    assert!(
        has(&r, "electronic health records unavailable"),
        "{:?}",
        keys(&r)
    );
}

/// A service said with and without its qualifier is one fact, the qualified one; English
/// consultations are a service like appointments.
#[test]
fn the_qualified_service_wins_and_consultations_count() {
    let r = article(
        "Example Health postpones procedures after cyber attack",
        "Example Health was hit by a ransomware attack. Some elective procedures were postponed while staff used downtime procedures. Some consultations were cancelled.",
    );
    let k = keys(&r);
    assert!(
        k.iter().any(|k| k == "elective procedures postponed"),
        "{k:?}"
    );
    assert!(!k.iter().any(|k| k == "procedures postponed"), "{k:?}");
    assert!(k.iter().any(|k| k == "consultations cancelled"), "{k:?}");
}

/// An acronym service noun matches only in its own case: "ER" is the emergency room, the
/// Dutch word "er" is not.
#[test]
fn acronym_services_only_in_their_case() {
    let r = article(
        "Cyber attack on Example General Hospital",
        "Example General Hospital was hit by a ransomware attack. The ER was closed for six hours.",
    );
    assert!(
        has(&r, "emergency department unavailable"),
        "{:?}",
        keys(&r)
    );
    let r = article(
        "Cyberaanval op ziekenhuis Voorbeeld",
        "Het ziekenhuis Voorbeeld in Gent werd getroffen door een cyberaanval. Of er gegevens zijn gestolen, is onduidelijk en er werd niets gesloten.",
    );
    assert!(
        !r.impacts.iter().any(|f| f.unit == "emergency department"),
        "{:?}",
        keys(&r)
    );
}

/// Measurement helper, not a check: `CORDON_EVAL_DIR=examples/intel/holdout-eu2 cargo test
/// -p cordon-intel --test impacts_lang -- --ignored --nocapture eval_dir` prints the eval
/// table and every difference (the same as `cordon intel eval DIR --verbose`) without
/// building the CLI.
#[test]
#[ignore]
fn eval_dir() {
    let Ok(dir) = std::env::var("CORDON_EVAL_DIR") else {
        return;
    };
    let report = cordon_intel::eval::evaluate_dir(std::path::Path::new(&dir)).expect("eval");
    for d in &report.per_document {
        if !d.differences.is_empty() {
            println!("{}", d.source);
            for x in &d.differences {
                println!("  {x}");
            }
        }
    }
    println!("{}", report.table());
}
