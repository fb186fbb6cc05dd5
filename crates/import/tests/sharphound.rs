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

fn has(e: &Estate, from: &str, to: &str, kind: &str) -> Option<String> {
    e.interactions
        .iter()
        .find(|i| i.from == from && i.to == to && i.kind == kind)
        .map(|i| i.protocol.clone().unwrap_or_default())
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
        e.components
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no component {id}"))
    };
    // Domain: active-directory, crown jewel (highvalue).
    let domain = c("esc1.local");
    assert_eq!(domain.kind, "active-directory");
    assert!(domain.crown_jewel);
    // Computers by OS; the DC is tagged and controls its domain.
    let dc = c("esc1-dc.esc1.local");
    assert_eq!(dc.kind, "server-os");
    assert!(dc.tags.iter().any(|t| t == "domain-controller"));
    assert!(dc.tags.iter().any(|t| t == "domain-joined"));
    let server = c("esc1-server.esc1.local");
    assert!(!server.tags.iter().any(|t| t == "domain-controller"));
    assert_eq!(
        has(&e, "esc1-dc.esc1.local", "esc1.local", "controls").as_deref(),
        Some("DomainController")
    );
    // Users and groups, membership, ACL control rights, local admins.
    assert_eq!(c("researcher@esc1.local").kind, "iam");
    assert!(
        c("domain-admins@esc1.local")
            .tags
            .iter()
            .any(|t| t == "ad-group")
    );
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
    assert_eq!(da_on_domain, "AllExtendedRights, WriteDacl, WriteOwner");
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
    assert!(
        has(
            &e,
            "researcher@esc1.local",
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
    // The DC group holds only GetChangesAll: no DCSync edge from it.
    assert!(
        has(
            &e,
            "domain-controllers@esc1.local",
            "esc1.local",
            "controls"
        )
        .is_none_or(|p| !p.contains("DCSync"))
    );
    // Sessions: RESEARCHER is logged on the DC: stored credentials there.
    let researcher = c("researcher@esc1.local");
    assert!(
        researcher
            .weaknesses
            .iter()
            .any(|w| w.kind == "stored-credentials"
                && w.stored_on.as_deref() == Some("esc1-dc.esc1.local"))
    );
    // GPO linked to the DC OU controls the DC.
    assert_eq!(
        has(
            &e,
            "gpo-default-domain-controllers-policy@esc1.local",
            "esc1-dc.esc1.local",
            "controls"
        )
        .as_deref(),
        Some("GPLink")
    );
    // Every object but OUs and containers is a component: 2 computers, 1 domain (the file
    // holds a stub and the full record with the same id), 14 users, 57 groups (groups.json
    // holds 86 records, some repeated), 2 GPOs.
    assert_eq!(
        e.components
            .iter()
            .filter(|c| c.tags.iter().any(|t| t == "ad-user"))
            .count(),
        14
    );
    assert_eq!(
        e.components
            .iter()
            .filter(|c| c.tags.iter().any(|t| t == "ad-group"))
            .count(),
        57
    );
    assert_eq!(
        e.components
            .iter()
            .filter(|c| c.kind == "secrets-management")
            .count(),
        2
    );
}

#[test]
fn the_imported_fixture_loads_and_its_attack_paths_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let model = import_into(tmp.path(), &[fixtures()]);
    assert_eq!(model.components.len(), 76);
    let graph = AttackGraph::new(&model);
    let id = |s: &str| model.component_id(s).unwrap_or_else(|| panic!("no {s}"));
    // A domain admin controls the domain and, through it, every joined machine.
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
    let names: Vec<&str> = paths[0]
        .components()
        .iter()
        .map(|&c| model.component(c).id.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"researcher@esc1.local"));
    assert_eq!(names.last(), Some(&"esc1-server.esc1.local"));
    // Whoever holds the DC holds the administrator's credentials left in its memory.
    let from_dc = graph.access_from(&[id("esc1-dc.esc1.local")]);
    assert_eq!(
        from_dc.level(id("researcher@esc1.local")),
        AccessLevel::Control
    );
    // An ordinary user reaches nothing of the domain.
    let jones = graph.access_from(&[id("jones@esc1.local")]);
    assert_eq!(jones.level(id("esc1.local")), AccessLevel::None);
}

#[test]
fn a_generated_collection_holds_the_session_hopping_path() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("collection");
    cordon_import::synthetic::write_collection(&data, 400, 7).unwrap();
    let model_dir = tmp.path().join("model");
    let model = import_into(&model_dir, &[data]);
    let graph = AttackGraph::new(&model);
    let id = |s: &str| model.component_id(s).unwrap_or_else(|| panic!("no {s}"));
    let paths = graph.k_best_paths(&[id("alice@corp.local")], id("corp.local"), 1);
    let names: Vec<&str> = paths[0]
        .components()
        .iter()
        .map(|&c| model.component(c).id.as_str())
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
    assert_eq!(from_zip.components, from_dir.components);
    assert_eq!(from_zip.interactions, from_dir.interactions);
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
