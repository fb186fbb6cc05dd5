//! Trial finding F5.1: OpenGraph edges of a kind cordon does not know are
//! read by the verb shape of their name (data/opengraph_verbs.tsv), or by
//! their own `properties.cordon_kind`; otherwise as controls, marked
//! assumed. Skipped edges are located by record. Input: the trial's GitHound
//! graph (tests/data/trial3/gh.json) plus edges added here.

use std::path::{Path, PathBuf};

use cordon_import::opengraph::{self, ImportOptions};

fn gh() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/trial3/gh.json")
}

fn options() -> ImportOptions {
    ImportOptions {
        zone: "internal".into(),
    }
}

fn interaction<'e>(
    e: &'e cordon_import::Estate,
    protocol: &str,
) -> &'e cordon_import::InteractionDecl {
    e.interactions
        .iter()
        .find(|i| i.protocol.as_deref() == Some(protocol))
        .unwrap_or_else(|| panic!("no {protocol} interaction: {:#?}", e.interactions))
}

#[test]
fn the_trial_graph_reads_by_verb_and_locates_the_skipped_edge() {
    let e = opengraph::import(&[gh()], &options()).unwrap();
    let read = interaction(&e, "GH_ReadRepoContents");
    assert_eq!(read.kind, "reads");
    assert!(
        read.notes
            .as_deref()
            .unwrap()
            .contains("opengraph_verbs.tsv `Read*`")
    );
    let member = interaction(&e, "GH_MemberOf");
    assert_eq!(member.kind, "controls");
    // Not traversable: no interaction.
    assert!(
        e.interactions
            .iter()
            .all(|i| i.protocol.as_deref() != Some("GH_CanPull"))
    );
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("gh.json record 3 (graph.edges[3], GH_Admin): end `nope`")),
        "{:#?}",
        e.notes
    );
}

#[test]
fn cordon_kind_wins_and_an_unknown_verb_is_controls_marked_assumed() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gh()).unwrap()).unwrap();
    let edges = doc["graph"]["edges"].as_array_mut().unwrap();
    edges.push(serde_json::json!({"kind": "GH_Frobnicate", "start": {"value": "t1"}, "end": {"value": "r2"}}));
    edges.push(
        serde_json::json!({"kind": "GH_Bypass", "start": {"value": "u1"}, "end": {"value": "r2"},
        "properties": {"cordon_kind": "writes"}}),
    );
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("g.json");
    std::fs::write(&f, doc.to_string()).unwrap();
    let e = opengraph::import(&[f], &options()).unwrap();
    let frob = interaction(&e, "GH_Frobnicate");
    assert_eq!(frob.kind, "controls");
    assert!(
        frob.notes
            .as_deref()
            .unwrap()
            .contains("level assumed: unknown edge kind GH_Frobnicate")
    );
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("1 edge of a kind cordon does not know was read as controls")),
        "{:#?}",
        e.notes
    );
    let bypass = interaction(&e, "GH_Bypass");
    assert_eq!(bypass.kind, "writes");
    assert!(bypass.notes.as_deref().unwrap().contains("cordon_kind"));
}
