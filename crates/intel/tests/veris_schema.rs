//! VERIS exports validate against the official VERIS 1.4 JSON schema (issue 15, item 7):
//! `shared/data/veris/verisc-merged-v1.4.0.json` (and the 1.4.1 head), Draft 4, with the
//! `jsonschema` crate — for every example incident, the cases, and records with
//! nothing stated.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/veris/"
    ))
    .join(name);
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    jsonschema::draft4::options()
        .build(&s)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn records() -> Vec<(String, cordon_intel::IncidentRecord)> {
    let mut out = Vec::new();
    let cases = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/cases/intel"
    ));
    for dir in [common::examples_dir(), cases] {
        let inputs = cordon_intel::ingest::expand_inputs(&[&dir]).unwrap();
        for i in inputs {
            let cordon_intel::ingest::Input::File(p) = i else {
                continue;
            };
            let name = p.display().to_string();
            let bytes = std::fs::read(&p).unwrap();
            let Ok(text) = cordon_intel::ingest::decode(&name, &bytes) else {
                continue;
            };
            let Ok(docs) = cordon_intel::ingest::parse(&name, &text) else {
                continue;
            };
            for d in docs {
                out.push((d.source.clone(), cordon_intel::extract(&d)));
            }
        }
    }
    // Nothing stated at all: no victim, no date, no technique.
    out.push((
        "bare".into(),
        common::record("Something happened somewhere."),
    ));
    out
}

#[test]
fn veris_exports_validate_against_the_official_schema() {
    let recs = records();
    assert!(recs.len() >= 30, "{}", recs.len());
    for file in ["verisc-merged-v1.4.0.json", "verisc-merged-1.4.1-HEAD.json"] {
        let v = schema(file);
        let mut bad = Vec::new();
        for (src, r) in &recs {
            let out = cordon_intel::veris::record(r);
            let errs: Vec<String> = v
                .iter_errors(&out)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if !errs.is_empty() {
                bad.push(format!("{src}: {}", errs.join("; ")));
            }
        }
        assert!(bad.is_empty(), "{file}:\n{}", bad.join("\n"));
    }
}

#[test]
fn the_three_reported_faults_stay_fixed() {
    for (_, r) in records() {
        let v = cordon_intel::veris::record(&r);
        let gov = &v["victim"]["government"];
        assert!(gov.is_array() && !gov.as_array().unwrap().is_empty(), "{v}");
        if let Some(l) = v["victim"].get("locations_affected") {
            assert!(l.is_u64(), "{l}");
        }
        let year = v["timeline"]["incident"]["year"].as_i64().unwrap();
        assert!((1950..=2050).contains(&year), "{year}");
    }
}

/// Trial 3 F3.7: "Der Angriff wurde am Dienstag entdeckt, begann aber … bereits zwei Wochen
/// zuvor." — no incident date is stated, so `timeline.incident` is the discovery's year
/// only (never its month and day), with `plus.timeline_note` saying so. And over every
/// record: a stand-in (note present) never carries a month or a day.
#[test]
fn a_stand_in_incident_date_gives_the_year_only() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/trial3/four/de-stadtpark.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let r = cordon_intel::extract(&cordon_intel::ingest::parse_text("de-stadtpark.txt", &text));
    assert!(
        r.incident_date.value().is_none(),
        "premise: no incident date"
    );
    let d = r
        .discovery_date
        .value()
        .expect("premise: discovered")
        .clone();
    let v = cordon_intel::veris::record(&r);
    let year: i64 = d[..4].parse().unwrap();
    assert_eq!(
        v["timeline"]["incident"],
        serde_json::json!({ "year": year })
    );
    assert!(v["plus"]["timeline_note"].is_string());
    for (src, r) in records() {
        let v = cordon_intel::veris::record(&r);
        let inc = &v["timeline"]["incident"];
        if v["plus"].get("timeline_note").is_some() {
            assert!(
                inc.get("month").is_none() && inc.get("day").is_none(),
                "{src}: {inc}"
            );
        } else {
            assert_eq!(
                inc["year"].as_i64(),
                r.incident_date.value().and_then(|d| d[..4].parse().ok()),
                "{src}"
            );
        }
    }
}
