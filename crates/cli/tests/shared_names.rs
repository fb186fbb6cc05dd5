//! Two AD objects with one name (trial 3 F1.2: the OU and the group
//! `DOMAIN CONTROLLERS@HOSPITAL.LOCAL`) are told apart by their kind in
//! `blast` and `paths` text, through the one naming helper
//! (`cordon_paths::reading::Names`). Input: the trial's collection
//! (crates/import/tests/data/trial3/split).

mod common;

use common::run;

const SPLIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../import/tests/data/trial3/split"
);
const DC: &str = "DOMAIN CONTROLLERS@HOSPITAL.LOCAL";

#[test]
fn the_ou_and_the_group_of_one_name_read_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("model");
    let m = m.to_str().unwrap();
    let (code, _, err) = run(&[
        "import",
        "sharphound",
        &format!("{SPLIT}/hosp"),
        &format!("{SPLIT}/lab"),
        "-o",
        m,
    ]);
    assert_eq!(code, 0, "{err}");
    // The oracle: the JSON says which components carry the name, and their kinds.
    let (_, json, _) = run(&["blast", m, "alice@hospital.local", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = v.to_string();
    assert!(text.matches(DC).count() >= 2, "{text}");
    let (code, out, err) = run(&["blast", m, "alice@hospital.local"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("{DC} (OU)")), "{out}");
    assert!(out.contains(&format!("{DC} (group)")), "{out}");
    // Never the bare shared name.
    for (i, _) in out.match_indices(DC) {
        let after = &out[i + DC.len()..];
        assert!(
            after.starts_with(" (OU)") || after.starts_with(" (group)"),
            "{}",
            &out[i..]
        );
    }
    // A name nobody shares reads plain.
    assert!(out.contains("ALICE@HOSPITAL.LOCAL") && !out.contains("ALICE@HOSPITAL.LOCAL ("));
    let (code, out, err) = run(&[
        "paths",
        m,
        "--from",
        "alice@hospital.local",
        "--to",
        "tag:ad-ou",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("{DC} (OU) — best access")), "{out}");
    assert!(out.contains(&format!("contains {DC} (OU)")), "{out}");
}
