//! Regression tests: every reproducer of `../shared/cases/import/` (AD
//! cases) and the SharpHound ones of `../shared/cases/reliability/` (F14,
//! F15, F18), with the answer each README expects.

use std::path::{Path, PathBuf};

use cordon_import::{Estate, MergeOptions, merge_into, opengraph, sharphound};
use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;

fn case(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/cases")
        .join(rel)
}

fn load(estate: &Estate, dir: &Path) -> Model {
    merge_into(dir, estate, &MergeOptions::default()).unwrap();
    Model::load(dir).unwrap_or_else(|e| panic!("{e}"))
}

fn sharphound_model(dir: &Path, inputs: &[PathBuf]) -> Model {
    let e = sharphound::import(inputs, &sharphound::Options::default()).unwrap();
    load(&e, dir)
}

fn level(model: &Model, from: &str, to: &str) -> AccessLevel {
    let id = |s: &str| {
        model
            .component_id(s)
            .unwrap_or_else(|| panic!("no component {s}"))
    };
    AttackGraph::new(model)
        .access_from(&[id(from)])
        .level(id(to))
}

fn path(model: &Model, from: &str, to: &str) -> Vec<String> {
    let id = |s: &str| {
        model
            .component_id(s)
            .unwrap_or_else(|| panic!("no component {s}"))
    };
    let g = AttackGraph::new(model);
    let p = g.k_best_paths(&[id(from)], id(to), 1);
    p.first()
        .map(|p| {
            p.components()
                .iter()
                .map(|&c| model.component(c).id.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn primary_group_membership_gives_the_domain_users_path() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(tmp.path(), &[case("import/primary-group")]);
    assert_eq!(
        level(&m, "alice@corp.local", "domain-admins@corp.local"),
        AccessLevel::Control
    );
    let p = path(&m, "alice@corp.local", "domain-admins@corp.local");
    assert_eq!(
        p,
        [
            "alice@corp.local",
            "domain-users@corp.local",
            "ws01.corp.local",
            "bob@corp.local",
            "domain-admins@corp.local"
        ]
    );
}

#[test]
fn dcsync_through_two_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(tmp.path(), &[case("import/dcsync-via-groups")]);
    assert_eq!(
        level(&m, "carol@corp.local", "corp.local"),
        AccessLevel::Control
    );
    let carol = m.component_id("carol@corp.local").unwrap();
    let domain = m.component_id("corp.local").unwrap();
    assert!(m.interactions.iter().any(|i| {
        i.from == carol
            && i.to == domain
            && m.rule(i.rule)
                .protocol
                .as_deref()
                .is_some_and(|p| p.contains("DCSync"))
    }));
}

#[test]
fn sid_history_is_a_path() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(tmp.path(), &[case("import/sid-history")]);
    assert_eq!(
        level(&m, "dave@corp.local", "domain-admins@corp.local"),
        AccessLevel::Control
    );
}

#[test]
fn gpo_and_ou_rights_reach_the_contained_server() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(tmp.path(), &[case("import/gpo-ou-control")]);
    assert_eq!(
        level(&m, "erin@corp.local", "srv01.corp.local"),
        AccessLevel::Control
    );
    assert_eq!(
        level(&m, "frank@corp.local", "srv01.corp.local"),
        AccessLevel::Control
    );
}

#[test]
fn adcs_objects_keep_their_own_ids_and_esc1_controls_the_domain() {
    let dir = case("import/adcs-template-as-group");
    let e = sharphound::import(std::slice::from_ref(&dir), &Default::default()).unwrap();
    let admin = e
        .components
        .iter()
        .find(|c| c.id == "administrator@corp.local")
        .unwrap();
    assert_eq!(admin.kind, "ad-user");
    assert!(
        e.components
            .iter()
            .any(|c| c.id == "certtemplate-administrator@corp.local" && c.kind == "ad-pki")
    );
    assert!(!e.components.iter().any(|c| c.id.ends_with("-2")));
    // Ids do not depend on which files are present.
    let users_only = sharphound::import(&[dir.join("users.json")], &Default::default()).unwrap();
    for c in &users_only.components {
        if c.kind == "ad-user" {
            assert!(
                e.components.iter().any(|d| d.id == c.id),
                "{} changed id",
                c.id
            );
        }
    }
    // The CA is not tied to the domain by a root CA and the NTAuth store in
    // this collection: BloodHound makes no ADCSESC1 edge, nor does cordon,
    // and a note says why.
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("CORP-CA@CORP.LOCAL") && n.contains("NTAuth")),
        "{:?}",
        e.notes
    );
    let tmp = tempfile::tempdir().unwrap();
    let m = load(&e, tmp.path());
    assert_eq!(
        level(&m, "grace@corp.local", "corp.local"),
        AccessLevel::None
    );
    // With the root CA and the NTAuth store collected, ESC1 controls the domain.
    let full = tempfile::tempdir().unwrap();
    for f in ["certtemplates.json", "domains.json", "users.json"] {
        std::fs::copy(dir.join(f), full.path().join(f)).unwrap();
    }
    let mut cas: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("enterprisecas.json")).unwrap())
            .unwrap();
    cas["data"][0]["Properties"]["certthumbprint"] = "AB12".into();
    std::fs::write(full.path().join("enterprisecas.json"), cas.to_string()).unwrap();
    let sid = "S-1-5-21-1000-2000-3000";
    std::fs::write(
        full.path().join("rootcas.json"),
        format!(r#"{{"data":[{{"ObjectIdentifier":"EEEE-1","DomainSID":"{sid}","Properties":{{"name":"CORP-CA@CORP.LOCAL","domainsid":"{sid}","certthumbprint":"AB12"}}}}],"meta":{{"type":"rootcas","count":1}}}}"#),
    )
    .unwrap();
    std::fs::write(
        full.path().join("ntauthstores.json"),
        format!(r#"{{"data":[{{"ObjectIdentifier":"EEEE-2","DomainSID":"{sid}","Properties":{{"name":"NTAUTHCERTIFICATES@CORP.LOCAL","domainsid":"{sid}","certthumbprints":["AB12"]}}}}],"meta":{{"type":"ntauthstores","count":1}}}}"#),
    )
    .unwrap();
    let e = sharphound::import(&[full.path().to_path_buf()], &Default::default()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let m = load(&e, tmp.path());
    assert_eq!(
        level(&m, "grace@corp.local", "corp.local"),
        AccessLevel::Control
    );
    let p = path(&m, "grace@corp.local", "corp.local");
    assert_eq!(p, ["grace@corp.local", "corp.local"]);
}

#[test]
fn opengraph_non_traversable_edges_are_not_paths() {
    let e = opengraph::import(
        &[case("import/opengraph-traversable-false/graph.json")],
        &opengraph::ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let m = load(&e, tmp.path());
    assert_eq!(level(&m, "user1", "example-repo"), AccessLevel::None);
}

#[test]
fn bom_and_zip_are_accepted() {
    let o = opengraph::ImportOptions {
        zone: "internal".into(),
    };
    let a = opengraph::import(&[case("import/bom-and-zip/graph-bom.json")], &o).unwrap();
    let b = opengraph::import(&[case("import/bom-and-zip/graph.zip")], &o).unwrap();
    assert!(!a.components.is_empty());
    assert_eq!(a.components.len(), b.components.len());
    let s = sharphound::import(
        &[case("import/bom-and-zip/sharphound-bom")],
        &Default::default(),
    )
    .unwrap();
    assert!(s.components.iter().any(|c| c.kind == "ad-user"));
    // F15: the reliability reproducer.
    let d = sharphound::import(
        &[case("reliability/sharphound-bom-domains.json")],
        &Default::default(),
    )
    .unwrap();
    assert!(d.components.iter().any(|c| c.kind == "ad-domain"));
}

#[test]
fn ad_identities_do_not_inherit_the_iam_default() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = case("import/iam-catalog-default");
    let e = sharphound::import(&[dir.join("collection")], &Default::default()).unwrap();
    merge_into(tmp.path(), &e, &MergeOptions::default()).unwrap();
    std::fs::copy(dir.join("ehr.yaml"), tmp.path().join("ehr.yaml")).unwrap();
    let root = tmp.path().join("estate.yaml");
    let text = std::fs::read_to_string(&root).unwrap();
    std::fs::write(
        &root,
        text.replace(
            "include: [imported/index.yaml]",
            "include: [imported/index.yaml, ehr.yaml]",
        ),
    )
    .unwrap();
    let m = Model::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(m.component_id("ehr-db").is_some());
    assert_eq!(level(&m, "guest@corp.local", "ehr-db"), AccessLevel::None);
}

#[test]
fn a_domain_does_not_control_another_forest() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(
        tmp.path(),
        &[case("import/cross-forest-default/collection")],
    );
    assert_eq!(
        level(&m, "dc.lab.test", "ehr.corp.local"),
        AccessLevel::None
    );
}

#[test]
fn separate_session_files_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let m = sharphound_model(tmp.path(), &[case("import/sessions-file-dropped")]);
    assert_eq!(
        level(&m, "alice@corp.local", "domain-admins@corp.local"),
        AccessLevel::Control
    );
}

#[test]
fn unused_file_types_are_reported_and_skipped() {
    let e = sharphound::import(&[case("import/deleted-file-aborts")], &Default::default()).unwrap();
    assert!(e.components.iter().any(|c| c.kind == "ad-user"));
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("deleted.json") && n.contains("skipped")),
        "{:?}",
        e.notes
    );
}

#[test]
fn azurehound_is_refused_clearly() {
    let err = sharphound::import(
        &[case("import/azurehound-silent/azurehound.json")],
        &Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("AzureHound") && err.contains("not supported"),
        "{err}"
    );
}

#[test]
fn zip_entries_with_the_same_name_are_refused_not_dropped() {
    // F14: two entries `users.json`, 3 users each. The zip reader keeps one
    // entry per name, so the import stops and says why.
    let err = sharphound::import(
        &[case("reliability/sharphound-zip-duplicate-entry-names.zip")],
        &Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("2 entries") && err.contains("same name"),
        "{err}"
    );
}

#[test]
fn a_zip_bomb_stops_at_the_record_limit_with_the_limit_named() {
    // F18: a small zip whose one record expands far beyond the cap.
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("bomb.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    w.start_file("users.json", zip::write::SimpleFileOptions::default())
        .unwrap();
    use std::io::Write;
    w.write_all(
        b"{\"data\":[{\"ObjectIdentifier\":\"S-1-5-21-1-1000\",\"Properties\":{\"name\":\"",
    )
    .unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..8 {
        w.write_all(&chunk).unwrap();
    }
    w.write_all(b"\"}}],\"meta\":{\"type\":\"users\"}}")
        .unwrap();
    w.finish().unwrap();
    assert!(std::fs::metadata(&zip_path).unwrap().len() < 100_000);
    let limits = sharphound::Limits {
        max_record_bytes: 1 << 20,
        ..Default::default()
    };
    let err = sharphound::import_with(std::slice::from_ref(&zip_path), &Default::default(), limits)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("max_record_bytes") && err.contains("--max-record-mib"),
        "{err}"
    );
    assert!(err.contains("users.json"), "{err}");
    let limits = sharphound::Limits {
        max_unzipped_bytes: 4 << 20,
        max_record_bytes: 64 << 20,
    };
    let err = sharphound::import_with(std::slice::from_ref(&zip_path), &Default::default(), limits)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("max_unzipped_bytes") && err.contains("--max-unzipped-gib"),
        "{err}"
    );
    // Within the limits, the same file imports.
    let ok = sharphound::import_with(&[zip_path], &Default::default(), Default::default()).unwrap();
    assert_eq!(
        ok.components.iter().filter(|c| c.kind == "ad-user").count(),
        1
    );
}

#[test]
fn csv_errors_name_the_line_of_the_row_whatever_the_line_endings() {
    use cordon_import::inventory;
    let o = inventory::Options {
        zone: "internal".into(),
        ..Default::default()
    };
    for (file, line, record) in [
        ("crlf2.csv", 2, 0),
        ("crlf.csv", 4, 2),
        ("cr.csv", 4, 2),
        ("lf.csv", 4, 2),
        ("cr-latin1.csv", 3, 1),
    ] {
        let err = inventory::import(&[case(&format!("import/csv-cr-line-numbers/{file}"))], &o)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("line {line}, record {record}")),
            "{file}: {err}"
        );
        // One record numbering: no second "record N" from the csv crate.
        assert_eq!(err.matches("record").count(), 1, "{file}: {err}");
    }
}

#[test]
fn a_numeric_id_column_is_flagged() {
    use cordon_import::inventory;
    let mut o = inventory::Options {
        zone: "internal".into(),
        ..Default::default()
    };
    o.columns = inventory::parse_map("kind=Role").unwrap();
    o.kinds = inventory::load_kind_map("Router=network-switch").unwrap();
    let e = inventory::import(
        &[case(
            "import/csv-netbox-id-column/netbox_devices_export.csv",
        )],
        &o,
    )
    .unwrap();
    assert!(
        e.notes.iter().any(|n| n.contains("bare number")),
        "{:?}",
        e.notes
    );
}

/// Issue 12, item 5: two different nodes under one id in an OpenGraph file
/// are an error naming both records (an exact repeat is accepted), never one
/// node silently dropped.
#[test]
fn opengraph_duplicate_node_ids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let node = |name: &str| {
        format!(r#"{{"id":"n1","kinds":["Person"],"properties":{{"name":"{name}"}}}}"#)
    };
    let write = |file: &str, a: &str, b: &str| {
        let p = dir.path().join(file);
        std::fs::write(
            &p,
            format!(r#"{{"graph":{{"nodes":[{a},{b}],"edges":[]}}}}"#),
        )
        .unwrap();
        p
    };
    let clash = write("clash.json", &node("alice"), &node("bob"));
    let err = opengraph::import(
        &[clash],
        &opengraph::ImportOptions {
            zone: "internal".into(),
        },
    )
    .expect_err("two different nodes under one id are refused")
    .to_string();
    assert!(
        err.contains("n1") && err.contains("graph.nodes[0]"),
        "{err}"
    );
    let repeat = write("repeat.json", &node("alice"), &node("alice"));
    let estate = opengraph::import(
        &[repeat],
        &opengraph::ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    assert_eq!(estate.components.len(), 1);
}
