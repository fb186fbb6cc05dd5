//! A scenario step's text says every access level it counts (trial s3
//! F2.2: "reaches 21 control, …" followed only by the reach list). The
//! counts are checked against the JSON of the same run.

mod common;
use common::run;

const HOSP: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../containment/tests/fixtures/trial3/hosp"
);

#[test]
fn every_level_the_step_counts_is_listed_or_counted() {
    let estate = format!("{HOSP}/estate.yaml");
    let sc = format!("{HOSP}/scenarios/adminws.yaml");
    let (code, text, err) = run(&["scenario", &estate, &sc]);
    assert_eq!(code, 0, "{err}");
    let (_, json, _) = run(&["scenario", &estate, &sc, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let steps = json["steps"].as_array().unwrap();
    // The text's steps, split at "Step N:" (the starting point first).
    let parts: Vec<&str> = text.split("\nStep ").collect();
    assert_eq!(parts.len(), steps.len(), "{text}");
    for (n, (part, step)) in parts.iter().zip(steps).enumerate() {
        for level in ["control", "write", "read", "reach"] {
            let k = step["reached"][level].as_array().unwrap().len();
            let line = part
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{level}: ")));
            match k {
                0 => assert!(line.is_none(), "step {n} {level}: {part}"),
                1..=20 => {
                    let line = line.unwrap_or_else(|| panic!("step {n} {level}: {part}"));
                    assert_eq!(line.matches(", ").count() + 1, k, "{line}");
                }
                _ => {
                    let line = line.unwrap_or_else(|| panic!("step {n} {level}: {part}"));
                    assert!(
                        line.contains(&format!("{k} components (list: --format json)")),
                        "{line}"
                    );
                }
            }
        }
    }
    // Step 1 of the trial: 21 at control, counted.
    assert!(
        text.contains("    control: 21 components (list: --format json)"),
        "{text}"
    );
}
