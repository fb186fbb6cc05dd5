//! A hand-written file naming an imported AD object by its former
//! (name-based) id or its name, not its objectid: `runs_on` resolves like
//! every other reference (`Model::resolve_component`), to the same component
//! as the objectid does.

use std::path::Path;

use cordon_import::{MergeOptions, merge_into};
use cordon_model::Model;

#[test]
fn runs_on_names_an_imported_host_by_former_id_name_or_objectid() {
    let coll = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stmarten/collection");
    let estate = cordon_import::sharphound::import(&[coll], &Default::default()).unwrap();
    let ws01 = estate
        .components
        .iter()
        .find(|c| c.properties.get("name").and_then(|n| n.as_str()) == Some("WS01.STMARTEN.LOCAL"))
        .expect("ws01")
        .id
        .clone();
    for host in ["ws01.stmarten.local", "WS01.STMARTEN.LOCAL", ws01.as_str()] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("m");
        merge_into(&dir, &estate, &MergeOptions::default()).unwrap();
        let root = dir.join("estate.yaml");
        let mut text = std::fs::read_to_string(&root).unwrap();
        text.push_str(&format!(
            "components:\n  - {{ id: guest-vm, kind: server-os, zone: internal, runs_on: \"{host}\" }}\n"
        ));
        std::fs::write(&root, text).unwrap();
        let m = Model::load(&dir).unwrap_or_else(|e| panic!("runs_on: {host}: {e}"));
        let g = m.component_id("guest-vm").unwrap();
        let h = m.component(g).runs_on.expect("runs_on kept");
        assert_eq!(m.component(h).id, ws01, "runs_on: {host}");
    }
}
