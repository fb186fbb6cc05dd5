//! The SharpHound importer on the public BloodHound v6 fixtures and on a
//! generated collection: components, interactions, a merged model that loads,
//! attack paths the engine finds, clean errors on broken input.

use std::path::{Path, PathBuf};

use cordon_import::sharphound::{self, Options};
use cordon_import::{Estate, MergeOptions, merge_into};
use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sharphound-v6")
}

/// The id of the component an estate knows by a former (name-based) id:
/// ids are SIDs/GUIDs, the tests name objects as people do.
fn eid(e: &Estate, former: &str) -> String {
    e.components
        .iter()
        .find(|c| {
            c.properties
                .get("aliases")
                .and_then(|a| a.as_array())
                .is_some_and(|a| a.iter().any(|a| a == former))
        })
        .unwrap_or_else(|| panic!("no component formerly {former}"))
        .id
        .clone()
}

fn has(e: &Estate, from: &str, to: &str, kind: &str) -> Option<String> {
    let (from, to) = (eid(e, from), eid(e, to));
    e.interactions
        .iter()
        .find(|i| i.from == from && i.to == to && i.kind == kind)
        .map(|i| i.protocol.clone().unwrap_or_default())
}

/// How the tests name a model's component: its former id.
fn former(model: &Model, c: cordon_model::ComponentId) -> String {
    let c = model.component(c);
    c.aliases().next().unwrap_or(&c.id).to_string()
}

fn import_into(dir: &Path, inputs: &[PathBuf]) -> Model {
    let estate = sharphound::import(inputs, &Options::default()).unwrap();
    merge_into(dir, &estate, &MergeOptions::default()).unwrap();
    Model::load(dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn v6_fixtures_map_onto_components_and_interactions() {
    let e = sharphound::import(&[fixtures()], &Options::default()).unwrap();
    let c = |id: &str| {
        let id = eid(&e, id);
        e.components
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no component {id}"))
    };
    // Domain: an AD domain (no catalog defaults), Tier Zero.
    let domain = c("esc1.local");
    assert_eq!(domain.kind, "ad-domain");
    assert!(domain.crown_jewel);
    // Computers by OS; the DC is tagged and Tier Zero.
    let dc = c("esc1-dc.esc1.local");
    assert_eq!(dc.kind, "server-os");
    assert!(
        dc.tags.iter().any(|t| t == "domain-controller"),
        "{:?}",
        dc.tags
    );
    assert!(dc.crown_jewel);
    let server = c("esc1-server.esc1.local");
    assert!(!server.tags.iter().any(|t| t == "domain-controller"));
    // The DC replicates the directory: DCSync (BloodHound's analysis).
    assert!(
        has(&e, "esc1-dc.esc1.local", "esc1.local", "controls")
            .unwrap()
            .contains("DCSync")
    );
    // Users and groups are AD identities, never the catalog's `iam`.
    assert_eq!(c("researcher@esc1.local").kind, "ad-user");
    assert_eq!(c("domain-admins@esc1.local").kind, "ad-group");
    assert!(!e.components.iter().any(|c| c.kind == "iam"));
    assert_eq!(
        has(
            &e,
            "researcher@esc1.local",
            "domain-admins@esc1.local",
            "controls"
        )
        .as_deref(),
        Some("MemberOf")
    );
    let da_on_domain = has(&e, "domain-admins@esc1.local", "esc1.local", "controls").unwrap();
    assert!(da_on_domain.contains("WriteDacl"), "{da_on_domain}");
    assert!(da_on_domain.contains("WriteOwner"), "{da_on_domain}");
    assert!(
        has(
            &e,
            "domain-admins@esc1.local",
            "esc1-dc.esc1.local",
            "controls"
        )
        .unwrap()
        .contains("AdminTo")
    );
    // DCSync: Administrators hold GetChanges + GetChangesAll on the domain.
    assert!(
        has(&e, "administrators@esc1.local", "esc1.local", "controls")
            .unwrap()
            .contains("DCSync")
    );
    // Non-traversable rights are not interactions.
    assert!(
        has(
            &e,
            "domain-controllers@esc1.local",
            "esc1.local",
            "controls"
        )
        .is_none_or(|p| !p.contains("GetChanges"))
    );
    // Sessions: the administrator is logged on the DC: stored credentials there.
    assert!(e.components.iter().any(|u| {
        u.weaknesses.iter().any(|w| {
            w.kind == "stored-credentials"
                && w.stored_on.as_deref() == Some(eid(&e, "esc1-dc.esc1.local").as_str())
        })
    }));
    // The GPO linked to the DC OU reaches the DC through the OU (GPLink, Contains).
    assert_eq!(
        has(
            &e,
            "gpo-default-domain-controllers-policy@esc1.local",
            "ou-domain-controllers@esc1.local",
            "controls"
        )
        .as_deref(),
        Some("GPLink")
    );
    assert_eq!(
        has(
            &e,
            "ou-domain-controllers@esc1.local",
            "esc1-dc.esc1.local",
            "controls"
        )
        .as_deref(),
        Some("Contains")
    );
    // Every interaction says where it comes from.
    assert!(
        e.interactions
            .iter()
            .all(|i| i.notes.as_deref().is_some_and(|n| !n.is_empty()))
    );
    assert_eq!(
        e.components.iter().filter(|c| c.kind == "ad-gpo").count(),
        2
    );
}

#[test]
fn the_imported_fixture_loads_and_its_attack_paths_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let model = import_into(tmp.path(), &[fixtures()]);
    let graph = AttackGraph::new(&model);
    let id = |s: &str| {
        model
            .resolve_component(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    };
    // A domain admin controls the domain and, through what it contains, every machine.
    let access = graph.access_from(&[id("researcher@esc1.local")]);
    assert_eq!(access.level(id("esc1.local")), AccessLevel::Control);
    assert_eq!(
        access.level(id("esc1-server.esc1.local")),
        AccessLevel::Control
    );
    let paths = graph.k_best_paths(
        &[id("researcher@esc1.local")],
        id("esc1-server.esc1.local"),
        3,
    );
    assert!(!paths.is_empty());
    let names: Vec<String> = paths[0]
        .components()
        .iter()
        .map(|&c| former(&model, c))
        .collect();
    assert_eq!(names.first().unwrap(), "researcher@esc1.local");
    assert_eq!(names.last().unwrap(), "esc1-server.esc1.local");
}

#[test]
fn a_generated_collection_holds_the_session_hopping_path() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("collection");
    cordon_import::synthetic::write_collection(&data, 400, 7).unwrap();
    let model_dir = tmp.path().join("model");
    let model = import_into(&model_dir, &[data]);
    let graph = AttackGraph::new(&model);
    let id = |s: &str| {
        model
            .resolve_component(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    };
    let paths = graph.k_best_paths(&[id("alice@corp.local")], id("corp.local"), 1);
    let names: Vec<String> = paths[0]
        .components()
        .iter()
        .map(|&c| former(&model, c))
        .collect();
    // alice → helpdesk → ws-00001 → bob (session) → server admins → srv-00001 → carol (session) → domain admins → domain
    assert_eq!(
        names,
        [
            "alice@corp.local",
            "helpdesk@corp.local",
            "ws-00001.corp.local",
            "bob@corp.local",
            "server-admins@corp.local",
            "srv-00001.corp.local",
            "carol@corp.local",
            "domain-admins@corp.local",
            "corp.local"
        ],
    );
    assert_eq!(paths[0].level, AccessLevel::Control);
}

#[test]
fn zips_are_read_like_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("collection.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for f in [
        "computers.json",
        "domains.json",
        "users.json",
        "groups.json",
        "gpos.json",
        "ous.json",
        "containers.json",
    ] {
        w.start_file(
            format!("20240101_{f}"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::copy(
            &mut std::fs::File::open(fixtures().join(f)).unwrap(),
            &mut w,
        )
        .unwrap();
    }
    w.finish().unwrap();
    let from_zip = sharphound::import(&[zip_path], &Options::default()).unwrap();
    let from_dir = sharphound::import(&[fixtures()], &Options::default()).unwrap();
    // Same graph; only the file names in the origins differ.
    let comps = |e: &cordon_import::Estate| -> Vec<String> {
        e.components
            .iter()
            .map(|c| {
                let w: Vec<_> = c.weaknesses.iter().map(|w| w.stored_on.clone()).collect();
                format!("{} {} {:?} {w:?}", c.id, c.kind, c.tags)
            })
            .collect()
    };
    assert!(comps(&from_zip) == comps(&from_dir), "components differ");
    let strip = |e: &cordon_import::Estate| -> Vec<(String, String, String, Option<String>)> {
        e.interactions
            .iter()
            .map(|i| {
                (
                    i.from.clone(),
                    i.to.clone(),
                    i.kind.clone(),
                    i.protocol.clone(),
                )
            })
            .collect()
    };
    assert_eq!(strip(&from_zip), strip(&from_dir));
}

#[test]
fn truncated_and_malformed_files_name_the_file_and_record_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures().join("users.json")).unwrap();
    let bad = tmp.path().join("users.json");
    std::fs::write(&bad, &text[..text.len() / 2]).unwrap();
    let err = sharphound::import(std::slice::from_ref(&bad), &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("users.json"), "{err}");
    assert!(err.contains("truncated"), "{err}");
    assert!(err.contains("record "), "{err}");
    assert!(err.contains(" column "), "{err}");
    // A record of the wrong shape: the record index and the object before it.
    let broken = text.replacen("\"Aces\": [", "\"Aces\": {", 1);
    std::fs::write(&bad, broken).unwrap();
    let err = sharphound::import(&[bad], &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("record 0"), "{err}");
    let not_json = tmp.path().join("computers.json");
    std::fs::write(&not_json, "<html>").unwrap();
    assert!(
        sharphound::import(&[not_json], &Options::default())
            .unwrap_err()
            .to_string()
            .contains("computers.json")
    );
}
