//! `cordon intel replay --run`: a real incident replayed against the example
//! hospital through the containment engine.

mod common;
use common::ROOT;

fn cordon(args: &[&str]) -> std::process::Output {
    common::cordon_in(ROOT, args)
}

/// Ingests the example incidents into `data` and returns the id of the
/// first one `query` finds.
fn ingest_and_find(data: &str, query: &str) -> String {
    let o = cordon(&["intel", "ingest", "examples/intel", "--data", data, "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = cordon(&["intel", "search", query, "--data", data, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = if v.is_array() {
        v.clone()
    } else {
        v["hits"].clone()
    };
    hits[0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no incident found for `{query}`: {v}"))
        .to_string()
}

#[test]
fn replayed_incident_runs_against_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let id = ingest_and_find(data, "severed");
    let o = cordon(&[
        "intel",
        "replay",
        &id,
        "--model",
        "examples/hospital-group",
        "--data",
        data,
        "--run",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("Scenario: Replay of"), "{text}");
    assert!(text.contains("isolate: external"), "{text}");
    assert!(
        text.contains("booking by phone"),
        "the red phase sends online booking to the phone: {text}"
    );
}

#[test]
fn servers_shut_down_map_onto_server_roles_and_stay_down() {
    // AZ Monica: "shut down all of its servers" → role:servers, on a model
    // without a single `server-os` component; no immediate restore.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let id = ingest_and_find(data, "Monica");
    let model = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/cases/containment/hospital-model"
    );
    let o = cordon(&[
        "intel", "replay", &id, "--model", model, "--data", data, "--run",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("shutdown: role:servers"), "{text}");
    assert!(
        !text.contains("restore: role:servers"),
        "no immediate restore: {text}"
    );
    assert!(!text.contains("WARNING"), "{text}");
    let last = text.rsplit("\nStep ").next().unwrap();
    assert!(last.contains("MUG dispatch: down"), "{last}");
}
