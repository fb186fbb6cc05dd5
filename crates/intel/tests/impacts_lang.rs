//! Impacts in the four languages (issue 15): one article per language and per kind of
//! impact rule, each asserted against the value a reader codes from the text (the
//! convention of docs/intel.md "Coding rules"), and the counter-examples that must give
//! nothing (negated, another organisation, advice).

mod common;

use cordon_intel::IncidentRecord;

/// `COUNT UNIT EFFECT` / `UNIT EFFECT` / `EFFECT` (bare) of every impact.
fn keys(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|f| {
            let mut k = String::new();
            if let Some(c) = f.count {
                k.push_str(&format!("{c} "));
            }
            if !f.unit.is_empty() {
                k.push_str(&f.unit);
                k.push(' ');
            }
            k.push_str(&f.effect);
            k
        })
        .collect()
}

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-03-14\n\n{body}"))
}

fn has(r: &IncidentRecord, want: &str) -> bool {
    keys(r).iter().any(|k| k == want)
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
