//! `cordon import` / `cordon export` end to end: the SharpHound v6 fixtures
//! imported, the attack path found by `cordon paths`, re-import reports the
//! diff, malformed input leaves the model untouched.

mod common;
use common::{import_data as data, run as cordon};

#[test]
fn sharphound_import_then_paths_then_export() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    let d = dir.to_str().unwrap();
    let (code, out, err) = cordon(&[
        "import",
        "sharphound",
        data("sharphound-v6").to_str().unwrap(),
        "-o",
        d,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // Every object of the fixture, OUs, containers and well-known groups included.
    assert!(out.contains("components added: 294"), "{out}");
    assert!(out.contains("model loads"), "{out}");
    let (code, out, err) = cordon(&[
        "paths",
        d,
        "--from",
        "researcher@esc1.local",
        "--to",
        "esc1-server.esc1.local",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // Names resolve (ids are SIDs); the path prints the readable names.
    assert!(
        out.contains("RESEARCHER@ESC1.LOCAL")
            && out.contains("ESC1-SERVER.ESC1.LOCAL")
            && out.contains("control"),
        "{out}"
    );
    // Same input again: nothing changes.
    let (code, out, _) = cordon(&[
        "import",
        "sharphound",
        data("sharphound-v6").to_str().unwrap(),
        "-o",
        d,
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("components added: 0") && out.contains("components removed: 0"),
        "{out}"
    );
    let graph = tmp.path().join("graph.json");
    let (code, _, err) = cordon(&[
        "export",
        "bloodhound-opengraph",
        d,
        "-o",
        graph.to_str().unwrap(),
        "--paths",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
    assert!(json["graph"]["nodes"].as_array().unwrap().len() >= 76);
    // The AD graph as BloodHound names it: objectids and BloodHound edge kinds.
    let ad = tmp.path().join("ad.json");
    let (code, _, err) = cordon(&[
        "export",
        "bloodhound-opengraph",
        d,
        "--analyzed",
        "-o",
        ad.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ad).unwrap()).unwrap();
    let nodes = json["graph"]["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(
        |n| n["id"] == "S-1-5-21-909015691-3030120388-2582151266-500"
            && n["properties"]["objectid"] == n["id"]
            && n["properties"]["name"] == "RESEARCHER@ESC1.LOCAL"
    ));
    let edges = json["graph"]["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["kind"] == "DCSync"));
    assert!(edges.iter().any(|e| e["kind"] == "MemberOf"
        && e["start"]["value"] == "S-1-5-21-909015691-3030120388-2582151266-500"));
}

#[test]
fn csv_and_nmap_through_the_cli_and_errors_leave_the_model_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    let d = dir.to_str().unwrap();
    let (code, out, err) = cordon(&[
        "import",
        "csv",
        data("cmdb.csv").to_str().unwrap(),
        "-o",
        d,
        "--map",
        "id=hostname,kind=ci_class,zone=network_segment,tags=labels",
        "--kind-map",
        data("kinds.map").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cordon(&[
        "import",
        "nmap",
        data("nmap-hospital.xml").to_str().unwrap(),
        "--weaknesses",
        data("nmap-rules.yaml").to_str().unwrap(),
        "-o",
        d,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cordon(&[
        "paths",
        d,
        "--from",
        "internet",
        "--to",
        "portal.maasland.local",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("exploitable-vulnerability CVE-2023-"), "{out}");
    let before = std::fs::read_to_string(dir.join("imported/nmap.yaml")).unwrap();
    let bad = tmp.path().join("cut.xml");
    let xml = std::fs::read_to_string(data("nmap-hospital.xml")).unwrap();
    std::fs::write(&bad, &xml[..xml.len() / 2]).unwrap();
    let (code, _, err) = cordon(&["import", "nmap", bad.to_str().unwrap(), "-o", d]);
    assert_eq!(code, 2);
    assert!(err.contains("cut.xml"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("imported/nmap.yaml")).unwrap(),
        before
    );
}

/// Trial F1.6: the same SharpHound bytes under the next run's file names
/// (`20261207_users.json` for `20261130_users.json`) are no change; the
/// origin-only differences are counted apart, in text and JSON.
#[test]
fn reimport_under_next_runs_file_names_reports_no_change() {
    let tmp = tempfile::tempdir().unwrap();
    let (week1, week2) = (tmp.path().join("week1"), tmp.path().join("week2"));
    std::fs::create_dir_all(&week2).unwrap();
    let src = data("stmarten/collection");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        std::fs::copy(&p, week2.join(name.replacen("20261130", "20261207", 1))).unwrap();
    }
    std::fs::create_dir_all(&week1).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, week1.join(p.file_name().unwrap())).unwrap();
    }
    let dir = tmp.path().join("model");
    let d = dir.to_str().unwrap();
    let (code, out, err) = cordon(&["import", "sharphound", week1.to_str().unwrap(), "-o", d]);
    assert_eq!(code, 0, "{out}{err}");
    let w2 = week2.to_str().unwrap();
    let (code, out, err) = cordon(&["import", "sharphound", w2, "-o", d, "--dry-run"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("components to change: 0"), "{out}");
    assert!(out.contains("interactions to change: 0"), "{out}");
    assert!(
        out.contains("re-collected from new files, unchanged: 2 components"),
        "{out}"
    );
    let (code, out, err) = cordon(&["import", "sharphound", w2, "-o", d, "--dry-run", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let s = v.get("summary").unwrap_or(&v);
    assert_eq!(s["interactions_changed"], serde_json::json!([]), "{out}");
    assert_eq!(s["changed"], serde_json::json!([]), "{out}");
    assert_eq!(s["components_recollected"], 2, "{out}");
    assert!(s["interactions_recollected"].as_u64().unwrap() > 0, "{out}");
}
