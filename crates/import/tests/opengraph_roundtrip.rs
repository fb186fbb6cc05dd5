//! `cordon export bloodhound-opengraph` then `cordon import
//! bloodhound-opengraph` (trial F1.5): export → import → export is a
//! fixpoint for what cordon exported — ids, names, kinds, zones, tags,
//! crown jewels, weaknesses, interaction kinds with their BloodHound edge
//! kinds (`protocol`), and stored credentials staying stored credentials
//! (`CordonCredentials`, never `controls`).
//!
//! Oracle: the first export itself; the second must equal it field by field.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cordon_import::opengraph::{self, ImportOptions, OpenGraph};
use cordon_import::{MergeOptions, merge_into};
use cordon_model::Model;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

type Nodes = BTreeMap<String, BTreeMap<String, String>>;
type Edges = BTreeSet<(String, String, String, String)>;

/// What the fixpoint covers, per node and edge, as comparable text.
fn substance(g: &OpenGraph) -> (Nodes, Edges) {
    let mut nodes = Nodes::new();
    for n in &g.graph.nodes {
        let mut m = BTreeMap::new();
        m.insert("kinds".to_string(), n.kinds.join(","));
        for key in [
            "name",
            "cordon_id",
            "objectid",
            "cordon_kind",
            "zone",
            "zone_external",
            "crown_jewel",
            "criticality",
            "weaknesses",
            "weakness_details",
            "runs_on",
            "aliases",
            "bloodhound_kind",
        ] {
            let v = n.properties.get(key).cloned().unwrap_or_default();
            m.insert(key.to_string(), v.to_string());
        }
        let mut tags: Vec<String> = n.properties["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect();
        tags.sort();
        m.insert("tags".into(), tags.join(","));
        nodes.insert(n.id.clone(), m);
    }
    let edges = g
        .graph
        .edges
        .iter()
        .map(|e| {
            let protocol = e
                .properties
                .get("protocol")
                .and_then(|p| p.as_str())
                .unwrap_or_default();
            (
                e.start.value.clone(),
                e.end.value.clone(),
                e.kind.clone(),
                protocol.to_string(),
            )
        })
        .collect();
    (nodes, edges)
}

/// Exports `model`, imports the export into a new model directory, loads
/// it and exports it again.
fn round_trip(model: &Model, tmp: &Path) -> (OpenGraph, OpenGraph, Model) {
    let first = opengraph::export(model, false);
    let file = tmp.join("export.json");
    std::fs::write(&file, serde_json::to_vec(&first).unwrap()).unwrap();
    let estate = opengraph::import(
        &[file],
        &ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    let dir = tmp.join("model");
    merge_into(&dir, &estate, &MergeOptions::default()).unwrap();
    let again = Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let second = opengraph::export(&again, false);
    (first, second, again)
}

fn assert_fixpoint(first: &OpenGraph, second: &OpenGraph) {
    let (n1, e1) = substance(first);
    let (n2, e2) = substance(second);
    assert_eq!(n1.len(), n2.len(), "node count");
    for (id, a) in &n1 {
        let b = n2.get(id).unwrap_or_else(|| panic!("node {id} lost"));
        for (k, v) in a {
            assert_eq!(v, &b[k], "node {id}: {k}");
        }
    }
    let lost: Vec<_> = e1.difference(&e2).collect();
    let new: Vec<_> = e2.difference(&e1).collect();
    assert!(
        lost.is_empty() && new.is_empty(),
        "edges lost {lost:?}, edges new {new:?}"
    );
}

#[test]
fn an_ad_import_round_trips_through_opengraph() {
    let tmp = tempfile::tempdir().unwrap();
    // The trial's collection: sessions (stored credentials), ESC1, DCSync.
    let coll = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stmarten/collection");
    let estate = cordon_import::sharphound::import(&[coll], &Default::default()).unwrap();
    let dir = tmp.path().join("ad");
    merge_into(&dir, &estate, &MergeOptions::default()).unwrap();
    let model = Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (first, second, again) = round_trip(&model, tmp.path());
    // The export carries what the fixpoint is about (else it tests nothing).
    let kinds: BTreeSet<&str> = first.graph.edges.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains("CordonCredentials"), "{kinds:?}");
    let protocols: BTreeSet<&str> = first
        .graph
        .edges
        .iter()
        .filter_map(|e| e.properties.get("protocol")?.as_str())
        .collect();
    assert!(
        protocols.contains("MemberOf") && protocols.contains("ADCSESC1"),
        "{protocols:?}"
    );
    assert_fixpoint(&first, &second);
    // Stored credentials are a weakness again, not a `controls`.
    let carol = again
        .components
        .iter()
        .find(|c| c.label().eq_ignore_ascii_case("CAROL@STMARTEN.LOCAL"))
        .expect("carol");
    assert!(
        carol
            .weaknesses
            .iter()
            .any(|w| w.kind.to_string() == "stored-credentials")
    );
    // And a third trip changes nothing either.
    let tmp2 = tempfile::tempdir().unwrap();
    let (_, third, _) = round_trip(&again, tmp2.path());
    assert_fixpoint(&second, &third);
}

#[test]
fn a_bloodhound_golden_import_round_trips_through_opengraph() {
    let raw = root().join("../shared/data/bloodhound-oracle/graphify-Version6AllJSON/raw");
    let tmp = tempfile::tempdir().unwrap();
    let estate = cordon_import::sharphound::import(&[raw], &Default::default()).unwrap();
    let dir = tmp.path().join("ad");
    merge_into(&dir, &estate, &MergeOptions::default()).unwrap();
    let model = Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (first, second, _) = round_trip(&model, tmp.path());
    assert!(!first.graph.edges.is_empty());
    assert_fixpoint(&first, &second);
}

#[test]
fn the_example_hospital_round_trips_through_opengraph() {
    let model = Model::load(&root().join("examples/hospital-group/estate.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let (first, second, _) = round_trip(&model, tmp.path());
    assert_fixpoint(&first, &second);
    // With the attack paths (`--paths`): the `CordonAttackStep` edges are
    // drawn, not interactions; importing them gives the same model.
    let with_paths = opengraph::export(&model, true);
    let steps = with_paths
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == "CordonAttackStep")
        .count();
    assert!(steps > 0);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("paths.json");
    std::fs::write(&file, serde_json::to_vec(&with_paths).unwrap()).unwrap();
    let estate = opengraph::import(
        &[file],
        &ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    let dir = tmp.path().join("model");
    merge_into(&dir, &estate, &MergeOptions::default()).unwrap();
    let again = Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_fixpoint(&first, &opengraph::export(&again, false));
}

/// An export of an earlier cordon (the trial's `og-paths.json`: no
/// `weakness_details`, `notes` or `cordon_rule`): the BloodHound kinds in
/// `protocol` are kept (and name the origin), `CordonCredentials` edges
/// become `stored-credentials` weaknesses, and tags are the exported ones.
#[test]
fn an_older_export_keeps_edge_kinds_and_stored_credentials() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/stmarten/og-paths-older-export.json");
    let doc: OpenGraph = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let estate = opengraph::import(
        &[file],
        &ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    let id = |name: &str| format!("cordon:{name}");
    // Every exported interaction edge comes back with its kind and protocol.
    for e in &doc.graph.edges {
        let from = e.start.value.strip_prefix("cordon:").unwrap();
        let to = e.end.value.strip_prefix("cordon:").unwrap();
        let kind = e.properties["cordon_kind"].as_str().unwrap();
        if kind == "credentials" {
            let user = estate.components.iter().find(|c| c.id == to).unwrap();
            assert!(
                user.weaknesses
                    .iter()
                    .any(|w| w.kind == "stored-credentials"
                        && w.stored_on.as_deref() == Some(from)),
                "{to}: {:?}",
                user.weaknesses
            );
            assert!(
                !estate
                    .interactions
                    .iter()
                    .any(|i| i.from == from && i.to == to && i.kind == "controls"),
                "credentials {from} -> {to} read as an interaction"
            );
            continue;
        }
        let i = estate
            .interactions
            .iter()
            .find(|i| i.from == from && i.to == to && i.kind == kind)
            .unwrap_or_else(|| panic!("lost {} -> {} ({kind})", id(from), id(to)));
        let protocol = e.properties.get("protocol").and_then(|p| p.as_str());
        assert_eq!(i.protocol.as_deref(), protocol, "{from} -> {to}");
        if let Some(p) = protocol {
            assert!(i.notes.as_deref().unwrap().starts_with(p), "{:?}", i.notes);
        }
    }
    // Tags as exported, not `ad-object`.
    for n in &doc.graph.nodes {
        let c = estate
            .components
            .iter()
            .find(|c| Some(c.id.as_str()) == n.id.strip_prefix("cordon:"))
            .unwrap();
        let tags: Vec<&str> = n.properties["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(c.tags, tags, "{}", c.id);
    }
}
