//! `cordon intel …` end to end: exit codes and error messages.

mod common;
use common::{cordon, text};

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("cordon-intel-cli", name)
}

fn examples() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/intel").to_string()
}

#[test]
fn errors_name_the_input_and_exit_nonzero() {
    let data = scratch("errors");
    let d = data.to_str().unwrap();
    let out = cordon(&["intel", "ingest", "--data", d, "/no/such/article.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("/no/such/article.txt") && err.contains("no such file"),
        "{err}"
    );

    let bin = data.join("binary.txt");
    std::fs::write(&bin, b"ok\n\xff\xfe\x00").unwrap();
    let out = cordon(&["intel", "ingest", "--data", d, bin.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("binary.txt") && err.contains("line 2"),
        "{err}"
    );

    let out = cordon(&["intel", "show", "--data", d, "INC-000000000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no incident"),
        "{}",
        text(&out.stderr)
    );

    let out = cordon(&["intel", "report", "--data", d, "x", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2), "clap rejects an unknown format");

    let out = cordon(&["intel", "eval", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected.json"));
}

#[test]
fn ingest_search_show_report_replay() {
    let data = scratch("flow");
    let d = data.to_str().unwrap();
    let out = cordon(&["intel", "ingest", "-q", "--data", d, &examples()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(" new incidents, "));
    let again = cordon(&["intel", "ingest", "-q", "--data", d, &examples()]);
    assert!(
        text(&again.stdout).starts_with("0 new incidents, "),
        "{}",
        text(&again.stdout)
    );

    let out = cordon(&["intel", "search", "--data", d, "Monica", "--format", "json"]);
    assert!(out.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let none = cordon(&["intel", "search", "--data", d, "zzzznothing"]);
    assert_eq!(none.status.code(), Some(1), "no result exits 1");

    let show = cordon(&["intel", "show", "--data", d, &id[..8], "--format", "json"]);
    let rec: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(rec["victims"][0]["name"], "AZ Monica");

    for f in ["md", "html", "json", "stix", "veris"] {
        let out = cordon(&["intel", "report", "--data", d, &id, "--format", f]);
        assert!(out.status.success(), "{f}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty());
    }
    let scen = data.join("s.yaml");
    let out = cordon(&[
        "intel",
        "replay",
        "--data",
        d,
        &id,
        "--model",
        "models/h.yaml",
        "-o",
        scen.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let y = std::fs::read_to_string(&scen).unwrap();
    // "all servers shut down" speaks of a catalog role, expanded on the model
    // by the containment engine; the incident's duration is kept (no restore).
    assert!(y.contains("shutdown: \"role:servers\""), "{y}");
    assert!(!y.contains("restore:"), "{y}");

    let help = cordon(&["intel", "ingest", "--help"]);
    assert!(text(&help.stdout).contains("Examples:"));
}
