//! CSV, nmap and OpenGraph importers on committed fixtures; merge semantics
//! (hand-written files kept, overrides, the diff on re-import, nothing
//! written on error); parsers never panic on arbitrary bytes.

use std::path::{Path, PathBuf};

use cordon_import::{MergeOptions, inventory, merge_into, nmap, opengraph, sharphound};
use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;
use proptest::prelude::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn csv_options() -> inventory::Options {
    inventory::Options {
        columns: inventory::parse_map("id=hostname,kind=ci_class,zone=network_segment,tags=labels")
            .unwrap(),
        kinds: inventory::load_kind_map(data("kinds.map").to_str().unwrap()).unwrap(),
        ..Default::default()
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p)
            } else {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap_or_default()))
            }
        }
    }
    out.sort();
    out
}

#[test]
fn csv_inventory_maps_columns_and_kinds() {
    let e = inventory::import(&[data("cmdb.csv")], &csv_options()).unwrap();
    assert_eq!(e.components.len(), 8);
    let c = |id: &str| {
        e.components
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let db = c("ehr-db-01");
    assert_eq!(
        (db.kind.as_str(), db.zone.as_str(), db.crown_jewel),
        ("database-server", "clinical", true)
    );
    assert_eq!(db.tags, ["backed-up", "domain-joined"]);
    assert_eq!(db.runs_on.as_deref(), Some("vcenter01"));
    assert_eq!(db.properties["owner"], "Clinical apps");
    assert_eq!(db.properties["name"], "EHR-DB-01");
    assert_eq!(
        c("ehr-app-01").tags,
        ["ad-auth", "backed-up", "domain-joined"]
    );
    assert!(c("portal-web").exposed);
    assert_eq!(c("pacs-01").kind, "pacs");
    assert_eq!(c("dc01").kind, "active-directory");
    assert!(e.zones.iter().any(|z| z.id == "internet" && z.external));
    // Loaded: catalog defaults and runs_on turn into paths.
    let tmp = tempfile::tempdir().unwrap();
    merge_into(tmp.path(), &e, &MergeOptions::default()).unwrap();
    let model = Model::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let g = AttackGraph::new(&model);
    let id = |s: &str| model.component_id(s).unwrap();
    let from_dc = g.access_from(&[id("dc01")]);
    assert_eq!(from_dc.level(id("ehr-db-01")), AccessLevel::Control); // domain-joined
    let from_hv = g.access_from(&[id("vcenter01")]);
    assert_eq!(from_hv.level(id("portal-web")), AccessLevel::Control); // runs_on
}

#[test]
fn csv_errors_name_the_row() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("bad.csv");
    std::fs::write(&f, "hostname,ci_class\na,Windows Server\nb,Mainframe\n").unwrap();
    let err = inventory::import(std::slice::from_ref(&f), &csv_options())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad.csv")
            && err.contains("record 1")
            && err.contains("line 3")
            && err.contains("Mainframe"),
        "{err}"
    );
    std::fs::write(&f, "name,class\na,b\n").unwrap();
    let err = inventory::import(std::slice::from_ref(&f), &csv_options())
        .unwrap_err()
        .to_string();
    assert!(err.contains("hostname") && err.contains("--map"), "{err}");
    std::fs::write(&f, "hostname,ci_class\na,Database\na,Database\n").unwrap();
    assert!(
        inventory::import(&[f], &csv_options())
            .unwrap_err()
            .to_string()
            .contains("duplicate id")
    );
}

#[test]
fn nmap_hosts_become_components_with_weaknesses_from_rules() {
    let options = nmap::Options {
        zone: "servers".into(),
        from_zone: "internet".into(),
        from_external: true,
        rules: nmap::Rules::load(&data("nmap-rules.yaml")).unwrap(),
        builtin_rules: true,
    };
    let e = nmap::import(&[data("nmap-hospital.xml")], &options).unwrap();
    let c = |id: &str| {
        e.components
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(e.components.len(), 7); // the down host is left out
    assert_eq!(c("dc01.maasland.local").kind, "active-directory");
    assert_eq!(c("ehr-db01.maasland.local").kind, "database-server");
    assert_eq!(c("pacs01.maasland.local").kind, "pacs");
    assert_eq!(c("hl7-engine.maasland.local").kind, "interface-engine");
    assert_eq!(c("ward3-pc01.maasland.local").kind, "workstation");
    assert_eq!(c("10.20.0.60").kind, "server-os");
    let portal = c("portal.maasland.local");
    assert_eq!(portal.kind, "web-application-server");
    let cves: Vec<_> = portal
        .weaknesses
        .iter()
        .filter_map(|w| w.cve.as_deref())
        .collect();
    assert_eq!(cves, ["CVE-2023-38408", "CVE-2023-50164"]);
    assert!(
        c("hl7-engine.maasland.local")
            .weaknesses
            .iter()
            .any(|w| w.kind == "unauthenticated-service")
    );
    assert!(
        c("10.20.0.60")
            .weaknesses
            .iter()
            .any(|w| w.kind == "weak-credentials")
    );
    assert!(c("dc01.maasland.local").tags.iter().any(|t| t == "tcp-445"));
    let i = e
        .interactions
        .iter()
        .find(|i| i.to == "ehr-db01.maasland.local")
        .unwrap();
    assert_eq!((i.from.as_str(), i.kind.as_str()), ("internet", "connects"));
    assert_eq!(
        i.protocol.as_deref(),
        Some("tcp/1433 ms-sql-s, tcp/445 microsoft-ds")
    );
    // Imported and loaded: the internet controls the portal through the Struts CVE.
    let tmp = tempfile::tempdir().unwrap();
    merge_into(tmp.path(), &e, &MergeOptions::default()).unwrap();
    let model = Model::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let g = AttackGraph::new(&model);
    let a = g.access_from(&[model.component_id("internet").unwrap()]);
    assert_eq!(
        a.level(model.component_id("portal.maasland.local").unwrap()),
        AccessLevel::Control
    );
    assert_eq!(
        a.level(model.component_id("ehr-db01.maasland.local").unwrap()),
        AccessLevel::Reach
    );
}

#[test]
fn a_real_loopback_scan_and_an_internal_scanner() {
    let options = nmap::Options {
        zone: "lab".into(),
        from_zone: "admin".into(),
        from_external: false,
        ..Default::default()
    };
    let e = nmap::import(&[data("nmap-loopback.xml")], &options).unwrap();
    assert_eq!(e.components.len(), 2, "{:?}", e.components);
    assert!(
        e.components
            .iter()
            .any(|c| c.id == "scanner.admin" && c.zone == "admin")
    );
    assert!(
        e.components
            .iter()
            .any(|c| c.id == "localhost" && c.tags.iter().any(|t| t == "tcp-2024"))
    );
}

#[test]
fn nmap_truncated_and_malformed_files_error_cleanly() {
    let text = std::fs::read_to_string(data("nmap-hospital.xml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("scan.xml");
    std::fs::write(&f, &text[..text.len() * 2 / 3]).unwrap();
    let err = nmap::import(std::slice::from_ref(&f), &nmap::Options::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("scan.xml") && (err.contains("truncated") || err.contains("malformed")),
        "{err}"
    );
    std::fs::write(&f, text.replace("</host>\n<host", "</hst>\n<host")).unwrap();
    let err = nmap::import(&[f], &nmap::Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("line ") && err.contains("record 0"), "{err}");
}

#[test]
fn reimport_keeps_hand_written_files_applies_overrides_and_reports_the_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut e = inventory::import(&[data("cmdb.csv")], &csv_options()).unwrap();
    let s = merge_into(dir, &e, &MergeOptions::default()).unwrap();
    assert!(s.created_root);
    assert_eq!(s.added.len(), 8);
    Model::load(dir).unwrap_or_else(|e| panic!("{e}"));
    // Hand-written: a service, and an override of an imported component.
    let overrides = "components:\n  - { id: ehr-app-01, kind: ehr, zone: clinical, crown_jewel: true, tags: [domain-joined] }\nservices:\n  - { id: emergency, needs: \"all(ehr-db-01, ehr-app-01)\" }\n";
    std::fs::write(dir.join("overrides.yaml"), overrides).unwrap();
    let estate_yaml = std::fs::read_to_string(dir.join("estate.yaml")).unwrap();
    // Second import: one row changed, one removed, one added.
    e.components.retain(|c| c.id != "ct-scanner-1");
    e.components
        .iter_mut()
        .find(|c| c.id == "pacs-01")
        .unwrap()
        .criticality = Some("high".into());
    let mut added = e.components[0].clone();
    added.id = "lab-01".into();
    added.runs_on = None;
    e.components.push(added);
    e.normalise();
    let s = merge_into(dir, &e, &MergeOptions::default()).unwrap();
    assert_eq!(s.added, ["lab-01"]);
    assert_eq!(s.changed, ["pacs-01"]);
    assert_eq!(s.removed, ["ct-scanner-1", "ehr-app-01"]);
    assert_eq!(s.kept_hand_written, ["ehr-app-01"]);
    assert!(s.text().contains("components added: 1"));
    assert_eq!(
        std::fs::read_to_string(dir.join("overrides.yaml")).unwrap(),
        overrides
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("estate.yaml")).unwrap(),
        estate_yaml
    );
    let model = Model::load(dir).unwrap_or_else(|e| panic!("{e}"));
    let app = model.component(model.component_id("ehr-app-01").unwrap());
    assert!(app.crown_jewel);
    assert_eq!(app.kind.id, "ehr");
    // A second importer adds its file next to the first; both load.
    let sh = sharphound::import(&[data("sharphound-v6")], &Default::default()).unwrap();
    merge_into(dir, &sh, &MergeOptions::default()).unwrap();
    let model = Model::load(dir).unwrap_or_else(|e| panic!("{e}"));
    // The domain's id is its SID; its name resolves to it.
    let domain = model.resolve_component("esc1.local").unwrap();
    assert!(model.component(domain).id.starts_with("S-1-5-21-"));
    assert!(model.component_id("lab-01").is_some());
}

#[test]
fn an_existing_model_gets_one_include_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let hand = "name: Maasland\ninclude: [sites.yaml]\nzones:\n  - { id: internet, external: true }\n  - { id: clinical }\ncomponents:\n  - { id: vpn, kind: vpn, zone: clinical, exposed: true }\n";
    std::fs::write(dir.join("estate.yaml"), hand).unwrap();
    std::fs::write(dir.join("sites.yaml"), "components: []\n").unwrap();
    let e = inventory::import(&[data("cmdb.csv")], &csv_options()).unwrap();
    let s = merge_into(dir, &e, &MergeOptions::default()).unwrap();
    assert_eq!(
        s.include_added_to.as_deref(),
        Some(dir.join("estate.yaml").as_path())
    );
    let after = std::fs::read_to_string(dir.join("estate.yaml")).unwrap();
    assert_eq!(
        after,
        hand.replace(
            "include: [sites.yaml]",
            "include: [sites.yaml, imported/index.yaml]"
        )
    );
    // Zones declared by hand are not declared again.
    let zones = std::fs::read_to_string(dir.join("imported/zones.yaml")).unwrap();
    assert!(
        !zones.contains("\"clinical\"") && zones.contains("\"imaging\""),
        "{zones}"
    );
    Model::load(dir).unwrap_or_else(|e| panic!("{e}"));
    // Importing again adds nothing more.
    let s = merge_into(dir, &e, &MergeOptions::default()).unwrap();
    assert!(s.include_added_to.is_none() && s.added.is_empty() && s.written.is_empty());
}

#[test]
fn a_failed_import_leaves_the_directory_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    let e = inventory::import(&[data("cmdb.csv")], &csv_options()).unwrap();
    merge_into(&dir, &e, &MergeOptions::default()).unwrap();
    let before = snapshot(&dir);
    // A hand-written file with the generated name is never overwritten.
    std::fs::write(dir.join("imported/nmap.yaml"), "components: []\n").unwrap();
    let n = nmap::import(&[data("nmap-hospital.xml")], &nmap::Options::default()).unwrap();
    assert!(merge_into(&dir, &n, &MergeOptions::default()).is_err());
    std::fs::remove_file(dir.join("imported/nmap.yaml")).unwrap();
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn opengraph_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let sh = sharphound::import(&[data("sharphound-v6")], &Default::default()).unwrap();
    merge_into(tmp.path(), &sh, &MergeOptions::default()).unwrap();
    let model = Model::load(tmp.path()).unwrap();
    let g = opengraph::export(&model, true);
    assert_eq!(g.graph.nodes.len(), model.components.len());
    assert!(g.graph.edges.len() >= model.interactions.len());
    let f = tmp.path().join("graph.json");
    std::fs::write(&f, serde_json::to_string(&g).unwrap()).unwrap();
    let back = opengraph::import(
        &[f],
        &opengraph::ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    // Ids survive the round trip (the export writes `cordon_id` and the
    // objectid), names stay labels.
    let by_name = |n: &str| {
        back.components
            .iter()
            .find(|c| c.properties.get("name").is_some_and(|v| v == n))
            .unwrap_or_else(|| panic!("{n}"))
    };
    let dc = by_name("ESC1-DC.ESC1.LOCAL");
    assert_eq!(dc.kind, "server-os");
    assert_eq!(dc.id, dc.properties["objectid"].as_str().unwrap());
    let domain = by_name("ESC1.LOCAL");
    assert!(domain.crown_jewel);
    let mut before: Vec<&str> = model.components.iter().map(|c| c.id.as_str()).collect();
    let mut after: Vec<&str> = back.components.iter().map(|c| c.id.as_str()).collect();
    before.sort_unstable();
    after.sort_unstable();
    assert_eq!(before, after);
    let researcher = model.resolve_component("researcher@esc1.local").unwrap();
    let admins = model.resolve_component("domain admins@esc1.local").unwrap();
    assert!(back.interactions.iter().any(|i| {
        i.from == model.component(researcher).id
            && i.to == model.component(admins).id
            && i.kind == "controls"
    }));
    let dir2 = tmp.path().join("again");
    merge_into(&dir2, &back, &MergeOptions::default()).unwrap();
    Model::load(&dir2).unwrap_or_else(|e| panic!("{e}"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn parsers_never_panic_on_arbitrary_input(bytes in proptest::collection::vec(any::<u8>(), 0..400), cut in 0usize..4000) {
        let mut coll = sharphound::Collection::default();
        let _ = sharphound::read_json(&mut coll, "users.json", bytes.as_slice());
        let text = String::from_utf8_lossy(&bytes);
        let _ = nmap::parse(&text, Path::new("x.xml"));
        let mut e = cordon_import::Estate::new("csv");
        let _ = inventory::read(Path::new("x.csv"), bytes.as_slice(), &inventory::Options::default(), &mut e, &mut Default::default());
        // Truncated real inputs: always an error or a smaller result, never a panic.
        let json = include_str!("data/sharphound-v6/computers.json");
        let mut coll = sharphound::Collection::default();
        let _ = sharphound::read_json(&mut coll, "computers.json", &json.as_bytes()[..cut.min(json.len())]);
        let xml = include_str!("data/nmap-hospital.xml");
        let _ = nmap::parse(&xml[..xml.floor_char_boundary(cut.min(xml.len()))], Path::new("x.xml"));
    }
}

#[test]
fn an_export_of_older_cordon_keeps_its_ids() {
    // Older exports carried the cordon id as the node's `name` (no
    // `cordon_id`); other OpenGraph ids become id-safe forms of the id.
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("old.json");
    std::fs::write(
        &f,
        r#"{"graph":{"nodes":[
            {"id":"cordon:ehr-db","kinds":["CordonDatabaseServer","CordonComponent"],"properties":{"name":"ehr-db","cordon_kind":"database-server"}},
            {"id":"cordon:vpn-gw","kinds":["CordonRemoteAccessVpn","CordonComponent"],"properties":{"name":"vpn-gw"}},
            {"id":"repo:org/x","kinds":["GHRepository"],"properties":{"name":"x"}}],
          "edges":[
            {"kind":"CordonControls","start":{"value":"cordon:vpn-gw"},"end":{"value":"cordon:ehr-db"}},
            {"kind":"GH_Admin","start":{"value":"cordon:vpn-gw"},"end":{"value":"repo:org/x"}}]}}"#,
    )
    .unwrap();
    let e = opengraph::import(
        &[f],
        &opengraph::ImportOptions {
            zone: "internal".into(),
        },
    )
    .unwrap();
    let mut ids: Vec<&str> = e.components.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.contains(&"ehr-db") && ids.contains(&"vpn-gw"),
        "{ids:?}"
    );
    assert!(ids.iter().any(|i| i.starts_with("REPO-ORG-X-")), "{ids:?}");
    assert!(
        e.interactions
            .iter()
            .any(|i| i.from == "vpn-gw" && i.to == "ehr-db" && i.kind == "controls")
    );
    let dir = tmp.path().join("m");
    merge_into(&dir, &e, &MergeOptions::default()).unwrap();
    let m = Model::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let x = m.resolve_component("x").unwrap();
    assert!(m.component(x).id.starts_with("REPO-ORG-X-"));
}
