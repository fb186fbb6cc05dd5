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

/// The component a case's command names (`--from alice@corp.local`): ids
/// are SIDs/GUIDs, names resolve as the CLI resolves them.
fn named(model: &Model, s: &str) -> cordon_model::ComponentId {
    model
        .resolve_component(s)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn level(model: &Model, from: &str, to: &str) -> AccessLevel {
    let id = |s: &str| named(model, s);
    AttackGraph::new(model)
        .access_from(&[id(from)])
        .level(id(to))
}

/// The path's components by readable name (lower case).
fn path(model: &Model, from: &str, to: &str) -> Vec<String> {
    let id = |s: &str| named(model, s);
    let g = AttackGraph::new(model);
    let p = g.k_best_paths(&[id(from)], id(to), 1);
    p.first()
        .map(|p| {
            p.components()
                .iter()
                .map(|&c| model.component(c).label().to_lowercase())
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
            "domain users@corp.local",
            "ws01.corp.local",
            "bob@corp.local",
            "domain admins@corp.local"
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
    let carol = named(&m, "carol@corp.local");
    let domain = named(&m, "corp.local");
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
    // Ids are the object identifiers; the names are labels, and the former
    // name-based ids are kept as aliases.
    let named_admin: Vec<_> = e
        .components
        .iter()
        .filter(|c| {
            c.properties
                .get("name")
                .is_some_and(|n| n == "ADMINISTRATOR@CORP.LOCAL")
        })
        .collect();
    assert_eq!(named_admin.len(), 2, "the user and the cert template");
    for c in &named_admin {
        assert_eq!(c.properties["objectid"], c.id.as_str());
    }
    let admin = named_admin.iter().find(|c| c.kind == "ad-user").unwrap();
    assert!(
        admin.id.starts_with("S-1-5-21-1000-2000-3000-"),
        "{}",
        admin.id
    );
    assert_eq!(
        admin.properties["aliases"],
        serde_json::json!(["administrator@corp.local"])
    );
    let template = named_admin.iter().find(|c| c.kind == "ad-pki").unwrap();
    assert_eq!(
        template.properties["aliases"],
        serde_json::json!(["certtemplate-administrator@corp.local"])
    );
    // Every id is the object's identifier, never `…-2`.
    for c in &e.components {
        assert_eq!(c.properties["objectid"], c.id.as_str());
    }
    // Typed names resolve: the former id tells the user from the template.
    let tmp0 = tempfile::tempdir().unwrap();
    let m0 = load(&e, tmp0.path());
    assert_eq!(
        m0.component(named(&m0, "administrator@corp.local")).id,
        admin.id
    );
    assert_eq!(
        m0.component(named(&m0, "certtemplate-administrator@corp.local"))
            .id,
        template.id
    );
    let err = m0
        .resolve_component("ADMINISTRATOR@CORP.LOCAL ")
        .map(|c| m0.component(c).id.clone());
    // The name ignoring case is the user's former id: the user.
    assert_eq!(err.unwrap(), admin.id);
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

/// Hand-written files written against the former name-based ids keep
/// working: an override of `ws01.corp.local` (copied from an older
/// generated file) still stands for the imported computer — no duplicate,
/// the imported links attach to it — and a hand-written interaction from
/// `domain-users@corp.local` resolves to the imported group.
#[test]
fn overrides_written_against_former_ids_keep_working() {
    let tmp = tempfile::tempdir().unwrap();
    let e = sharphound::import(&[case("import/primary-group")], &Default::default()).unwrap();
    merge_into(tmp.path(), &e, &MergeOptions::default()).unwrap();
    std::fs::write(
        tmp.path().join("overrides.yaml"),
        "components:\n  \
         - { id: ws01.corp.local, kind: server-os, zone: internal, crown_jewel: true, tags: [ad-computer] }\n  \
         - { id: ehr-db, kind: database-server, zone: internal }\n\
         interactions:\n  \
         - { from: domain-users@corp.local, to: ehr-db, kind: reads }\n",
    )
    .unwrap();
    let s = merge_into(tmp.path(), &e, &MergeOptions::default()).unwrap();
    assert_eq!(s.kept_hand_written, ["ws01.corp.local"]);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("`ws01.corp.local` overrides imported")),
        "{:?}",
        s.notes
    );
    let m = Model::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let ws = m.component_id("ws01.corp.local").unwrap();
    assert!(m.component(ws).crown_jewel);
    assert_eq!(
        m.components
            .iter()
            .filter(|c| c.label().eq_ignore_ascii_case("ws01.corp.local"))
            .count(),
        1,
        "the override replaces the imported computer"
    );
    assert_eq!(
        path(&m, "alice@corp.local", "domain-admins@corp.local"),
        [
            "alice@corp.local",
            "domain users@corp.local",
            "ws01.corp.local",
            "bob@corp.local",
            "domain admins@corp.local"
        ]
    );
    assert!(level(&m, "alice@corp.local", "ehr-db") >= AccessLevel::Read);
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
