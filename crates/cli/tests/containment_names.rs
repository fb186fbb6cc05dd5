//! Containment answers name components as a crisis cell reads them: an AD
//! import's components have SIDs/GUIDs as ids and their readable name as
//! label; `cordon scenario`, `chokepoints`, `recover` and `airgap` print the
//! name (with the id only when two components read the same), and their
//! JSON keeps `id` with `name` beside it. On the example hospital, whose
//! components carry no names, nothing changes.

mod common;

use std::path::Path;

use common::{json, run};

const AD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/ad-trial/collection"
);
const HOSPITAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hospital-group");

/// Imports the trial's SharpHound collection into `dir/model`.
fn import(dir: &Path) -> String {
    let model = dir.join("model");
    let (code, _, err) = run(&["import", "sharphound", AD, "-o", model.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    model.to_str().unwrap().to_string()
}

/// A scenario file in `dir`.
fn scenario(dir: &Path, yaml: &str) -> String {
    let p = dir.join("scenario.yaml");
    std::fs::write(&p, yaml).unwrap();
    p.to_str().unwrap().to_string()
}

const ALICE_PHISHED: &str = "name: alice phished
steps:
  - compromise: ALICE@STMARTEN.LOCAL
  - shutdown: WS01.STMARTEN.LOCAL
  - isolate: SRV-EHR01.STMARTEN.LOCAL
  - restore: WS01.STMARTEN.LOCAL
";

#[test]
fn scenario_on_an_ad_import_prints_names_not_sids() {
    let dir = tempfile::tempdir().unwrap();
    let model = import(dir.path());
    let scen = scenario(dir.path(), ALICE_PHISHED);
    let (code, out, err) = run(&["scenario", &model, &scen]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("S-1-5-21-"),
        "a SID is printed for a person:\n{out}"
    );
    assert!(out.contains("compromise: ALICE@STMARTEN.LOCAL\n"), "{out}");
    assert!(
        out.contains("Attacker holds ALICE@STMARTEN.LOCAL;"),
        "{out}"
    );
    assert!(out.contains("WS01.STMARTEN.LOCAL — switched off"), "{out}");
    assert!(
        out.contains("possible footholds to check, not counted below): SRV-EHR01.STMARTEN.LOCAL"),
        "{out}"
    );
}

#[test]
fn scenario_json_keeps_ids_and_adds_names() {
    let dir = tempfile::tempdir().unwrap();
    let model = import(dir.path());
    let scen = scenario(dir.path(), ALICE_PHISHED);
    let v = json(&["scenario", &model, &scen, "--format", "json"]);
    let alice = "S-1-5-21-1000-2000-3000-1101";
    let step1 = &v["steps"][1];
    assert_eq!(step1["attackers"][0], alice);
    assert_eq!(step1["names"][alice], "ALICE@STMARTEN.LOCAL");
    let jewels = step1["crown_jewels"].as_array().unwrap();
    assert!(!jewels.is_empty());
    for j in jewels {
        assert!(j["id"].is_string() && j["name"].is_string(), "{j}");
    }
    let da = jewels
        .iter()
        .find(|j| j["id"] == "S-1-5-21-1000-2000-3000-512")
        .expect("Domain Admins reached");
    assert_eq!(da["name"], "DOMAIN ADMINS@STMARTEN.LOCAL");
    let off = &v["steps"][2]["unavailable_causes"][0];
    assert_eq!(off["id"], "S-1-5-21-1000-2000-3000-1001");
    assert_eq!(off["name"], "WS01.STMARTEN.LOCAL");
    let cut = &v["steps"][3]["cut_links"];
    assert!(
        cut.as_array()
            .unwrap()
            .iter()
            .all(|l| l["from_name"].is_string() && l["to_name"].is_string()),
        "{cut}"
    );
}

#[test]
fn chokepoints_name_components_and_disambiguate_shared_names() {
    let dir = tempfile::tempdir().unwrap();
    let model = import(dir.path());
    let (code, out, err) = run(&[
        "chokepoints",
        &model,
        "--from",
        "ALICE@STMARTEN.LOCAL",
        "--to",
        "crown-jewels",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from: ALICE@STMARTEN.LOCAL\n"), "{out}");
    // The OU and the group are both DOMAIN CONTROLLERS@STMARTEN.LOCAL: the
    // kind says which (the group is S-1-5-21-1000-2000-3000-516); a name no
    // other component has carries nothing.
    assert!(
        out.contains("DOMAIN CONTROLLERS@STMARTEN.LOCAL (group)"),
        "{out}"
    );
    assert!(
        !out.contains("DOMAIN CONTROLLERS@STMARTEN.LOCAL (S-1-5-21"),
        "{out}"
    );
    assert!(!out.contains("ALICE@STMARTEN.LOCAL (S-1-5-21"), "{out}");
    let v = json(&[
        "chokepoints",
        &model,
        "--from",
        "ALICE@STMARTEN.LOCAL",
        "--to",
        "crown-jewels",
        "--format",
        "json",
    ]);
    assert_eq!(v["sources"][0], "S-1-5-21-1000-2000-3000-1101");
    assert_eq!(
        v["names"]["S-1-5-21-1000-2000-3000-1101"],
        "ALICE@STMARTEN.LOCAL"
    );
    let link = &v["interaction_cut"]["points"][0]["interaction"];
    assert!(link["from_name"].is_string(), "{link}");
}

/// The example hospital's components have no names: every answer reads as
/// its ids, and the JSON's `names` maps are empty while each `name` equals
/// its `id`.
#[test]
fn the_example_hospital_reads_as_before() {
    let red = format!("{HOSPITAL}/scenarios/red-phase.yaml");
    let v = json(&["scenario", HOSPITAL, &red, "--format", "json"]);
    for step in v["steps"].as_array().unwrap() {
        assert_eq!(step["names"], serde_json::json!({}), "{step}");
        for j in step["crown_jewels"].as_array().unwrap() {
            assert_eq!(j["name"], j["id"]);
        }
        for u in step["unavailable_causes"].as_array().unwrap() {
            assert_eq!(u["name"], u["id"]);
            // The cause starts with the component as the id reads.
            assert!(
                u["cause"]
                    .as_str()
                    .unwrap()
                    .starts_with(u["id"].as_str().unwrap()),
                "{u}"
            );
        }
    }
    let r = json(&["recover", HOSPITAL, &red, "--format", "json"]);
    assert_eq!(r["names"], serde_json::json!({}));
    let (code, out, err) = run(&["scenario", HOSPITAL, &red]);
    assert_eq!(code, 0, "{err}");
    // No id is followed by itself in parentheses (no false ambiguity).
    assert!(!out.contains(") ("), "{out}");
}
