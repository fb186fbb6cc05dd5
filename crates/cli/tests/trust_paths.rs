//! The `cordon` binary on the example hospital and on broken models.

mod common;
use common::{EXAMPLE, cordon, json};

fn stdout(o: &std::process::Output) -> String {
    common::text(&o.stdout)
}

#[test]
fn exposure_finds_the_example_hospitals_emergent_paths() {
    let o = cordon(&["exposure", EXAMPLE]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.starts_with("cordon exposure — Maasland Hospital Group"),
        "{text}"
    );
    assert!(text.contains("FINDINGS"));
    // The vendor VPN's unpatched vulnerability opens the PACS (default credentials)…
    assert!(text.contains("internet connects to vpn-gw → reach, then exploitable-vulnerability CVE-2024-21762 → control"), "{text}");
    assert!(
        text.contains("vpn-gw connects to pacs → reach, then default-credentials → control"),
        "{text}"
    );
    // …the SIEM's domain-admin service account hands over the directory…
    assert!(
        text.contains("siem stores credentials for ad-dc1 → control"),
        "{text}"
    );
    // …and the building management system reaches the medical gas controller.
    assert!(
        text.contains("bms controls plc-medgas (modbus) → control"),
        "{text}"
    );
    assert!(text.contains("EMERGENT TRUST"));
}

#[test]
fn exposure_json_is_stable_and_complete() {
    let v = json(&["exposure", EXAMPLE, "--format", "json"]);
    for key in [
        "model",
        "summary",
        "findings",
        "crown_jewels",
        "entry_points",
        "emergent_trust",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(
        v["summary"]["components"].as_u64().unwrap() >= 60,
        "the example has at least 60 components"
    );
    let jewels = v["crown_jewels"].as_array().unwrap();
    let ehr = jewels
        .iter()
        .find(|j| j["id"] == "ehr-db")
        .expect("ehr-db is a crown jewel");
    assert_eq!(ehr["best_level"], "control");
    let hops = ehr["shortest_path"]["hops"].as_array().unwrap();
    assert_eq!(ehr["shortest_path"]["source"], "internet");
    assert_eq!(hops.last().unwrap()["to"], "ehr-db");
    for h in hops {
        for key in [
            "from",
            "to",
            "kind",
            "held",
            "gained",
            "explanation",
            "origin",
        ] {
            assert!(h.get(key).is_some(), "hop lacks {key}");
        }
    }
    let e = &v["emergent_trust"];
    assert!(e["control_pairs"].as_u64().unwrap() > e["direct_control_pairs"].as_u64().unwrap());
    assert!(!e["examples"].as_array().unwrap().is_empty());
    // gp-practices reach the exposed GP portal but control nothing behind it.
    let gp = v["entry_points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "gp-practices")
        .unwrap();
    assert_eq!(gp["counts"]["control"], 0);
}

#[test]
fn paths_gives_k_distinct_paths_shortest_first() {
    let v = json(&[
        "paths", EXAMPLE, "--from", "internet", "--to", "ehr-db", "--k", "3", "--format", "json",
    ]);
    let paths = v[0]["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 3);
    let lens: Vec<usize> = paths
        .iter()
        .map(|p| p["hops"].as_array().unwrap().len())
        .collect();
    assert!(lens.windows(2).all(|w| w[0] <= w[1]), "{lens:?}");
    assert_ne!(paths[0], paths[1]);
    let text = stdout(&cordon(&[
        "paths",
        EXAMPLE,
        "--from",
        "entry-points",
        "--to",
        "crown-jewels",
    ]));
    assert!(text.contains("ehr-db — best access: control"), "{text}");
    let dot = stdout(&cordon(&[
        "paths", EXAMPLE, "--from", "internet", "--to", "pacs", "--format", "dot",
    ]));
    assert!(
        dot.starts_with("digraph paths {") && dot.contains("\"vpn-gw\" -> \"pacs\""),
        "{dot}"
    );
}

#[test]
fn blast_lists_levels_and_crown_jewels() {
    let v = json(&["blast", EXAMPLE, "ws-carehome", "--format", "json"]);
    assert_eq!(v["breached"][0], "ws-carehome");
    // The care homes' legacy backup port leads to the backup server and from there to everything it restores.
    let jewels: Vec<&str> = v["crown_jewels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap())
        .collect();
    assert!(jewels.contains(&"backup-server"), "{jewels:?}");
    assert!(v["counts"]["total"].as_u64().unwrap() > 10);
    let o = cordon(&["blast", EXAMPLE, "no-such-host"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown component `no-such-host`"));
}

#[test]
fn check_exits_1_with_the_offending_path() {
    let o = cordon(&["check", EXAMPLE, "--deny", "zone:internet -> crown-jewels"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("FORBIDDEN: zone:internet -> crown-jewels"),
        "{text}"
    );
    assert!(text.contains("internet → ehr-db: control"), "{text}");
    let o = cordon(&[
        "check",
        EXAMPLE,
        "--deny",
        "gp-practices -> zone:ot at control",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = cordon(&["check", EXAMPLE, "--deny", "internet crown-jewels"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected 'SOURCES -> TARGETS'"));
}

#[test]
fn broken_models_report_file_line_column() {
    let (_dir, path) = common::model_file(
        "broken.yaml",
        "zones:\n  - { id: clinical }\ncomponents:\n  - { id: ehr-db, kind: database-server, zone: clinical }\n  - { id: app, kind: ehr, zone: clinical }\ninteractions:\n  - { from: app, to: ehr-bd, kind: controls }\n",
    );
    let o = cordon(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("broken.yaml:7:22: error: unknown component `ehr-bd` in `to`"),
        "{err}"
    );
    assert!(err.contains("did you mean `ehr-db`?"), "{err}");
    let o = cordon(&["exposure", "/no/such/model.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read model /no/such/model.yaml"));
}

#[test]
fn catalog_lists_every_kind_with_defaults() {
    let text = stdout(&cordon(&["catalog"]));
    for kind in [
        "active-directory",
        "virtualization-platform",
        "backup-system",
        "edr",
        "ci-cd",
        "sso",
        "mdm",
        "siem",
        "ehr",
        "pacs",
        "gp-portal",
    ] {
        assert!(text.contains(kind), "{kind}");
    }
    assert!(text.contains("active-directory controls tag:domain-joined"));
    let v = json(&["catalog", "--json"]);
    assert!(v["kinds"].as_array().unwrap().len() >= 45);
    let o = cordon(&["catalog", "active-directroy"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `active-directory`?"));
}

#[test]
fn generated_estates_are_valid_and_reproducible() {
    let a = stdout(&cordon(&[
        "generate",
        "--components",
        "3000",
        "--seed",
        "9",
    ]));
    let b = stdout(&cordon(&[
        "generate",
        "--components",
        "3000",
        "--seed",
        "9",
    ]));
    assert_eq!(a, b, "same seed, same estate");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("estate");
    assert!(
        cordon(&[
            "generate",
            "--components",
            "3000",
            "--seed",
            "9",
            "-o",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let v = json(&[
        "exposure",
        out.join("estate.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let n = v["summary"]["components"].as_u64().unwrap();
    assert!((3000..3010).contains(&n), "{n}");
    let per = v["summary"]["interactions"].as_u64().unwrap() as f64 / n as f64;
    assert!(
        (5.0..15.0).contains(&per),
        "about 10 interactions per component, got {per}"
    );
}
