//! Trial finding F1.5: a re-import is keyed by Active Directory domain. A
//! collection replaces only the domains it collected (BloodHound's ingest is
//! additive); `replace` replaces everything. Oracle: importing both domains'
//! files in one import, and the collection edited by hand (one object
//! deleted, so exactly that object and its edges must go).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cordon_import::sharphound::{self, Options};
use cordon_import::{Estate, MergeOptions, Summary, merge_into};

fn split(domain: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/trial3/split")
        .join(domain)
}

fn import(inputs: &[PathBuf]) -> Estate {
    sharphound::import(inputs, &Options::default()).unwrap()
}

fn merge(dir: &Path, e: &Estate, replace: bool) -> Summary {
    merge_into(
        dir,
        e,
        &MergeOptions {
            replace,
            ..Default::default()
        },
    )
    .unwrap()
}

/// (component ids, interaction keys) of the generated file.
fn contents(dir: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(dir.join("imported/sharphound.yaml")).unwrap();
    let prev = cordon_import::yaml::read_generated(&text).unwrap();
    (
        prev.components.keys().cloned().collect(),
        prev.interactions
            .iter()
            .map(|l| cordon_import::yaml::interaction_key(l))
            .collect(),
    )
}

fn names(dir: &Path) -> BTreeSet<String> {
    let model = cordon_model::Model::load(dir).unwrap_or_else(|e| panic!("{e}"));
    model
        .components
        .iter()
        .map(|c| c.label().to_string())
        .collect()
}

#[test]
fn a_second_domain_is_added_next_to_the_first_as_one_import_would() {
    let tmp = tempfile::tempdir().unwrap();
    let (one_by_one, together) = (tmp.path().join("a"), tmp.path().join("b"));
    merge(&one_by_one, &import(&[split("hosp")]), false);
    let s = merge(&one_by_one, &import(&[split("lab")]), false);
    assert!(s.removed.is_empty(), "{:?}", s.removed);
    assert!(
        s.interactions_removed.is_empty(),
        "{:?}",
        s.interactions_removed
    );
    assert_eq!(s.domains_replaced, vec!["LAB.HOSPITAL.LOCAL".to_string()]);
    assert!(s.kept_other_domains > 30, "{}", s.kept_other_domains);
    merge(&together, &import(&[split("hosp"), split("lab")]), false);
    assert_eq!(contents(&one_by_one), contents(&together));
    let n = names(&one_by_one);
    for who in [
        "ALICE@HOSPITAL.LOCAL",
        "LABTECH@LAB.HOSPITAL.LOCAL",
        "DOMAIN ADMINS@LAB.HOSPITAL.LOCAL",
    ] {
        assert!(n.contains(who), "{who} missing: {n:?}");
    }
    // Re-importing the first domain changes nothing.
    let s = merge(&one_by_one, &import(&[split("hosp")]), false);
    assert!(
        s.added.is_empty() && s.changed.is_empty() && s.removed.is_empty(),
        "{}",
        s.text()
    );
    assert!(s.interactions_removed.is_empty(), "{}", s.text());
}

/// The LAB collection with LABTECH deleted (its record and the container
/// entry naming it).
fn lab_without_labtech(dir: &Path) {
    const LABTECH: &str = "S-1-5-21-4444-5555-6666-1101";
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(split("lab")).unwrap() {
        let p = e.unwrap().path();
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let data = doc["data"].as_array_mut().unwrap();
        data.retain(|r| r["ObjectIdentifier"] != LABTECH);
        for r in data.iter_mut() {
            if let Some(c) = r.get_mut("ChildObjects").and_then(|c| c.as_array_mut()) {
                c.retain(|x| x["ObjectIdentifier"] != LABTECH);
            }
        }
        let n = data.len();
        doc["meta"]["count"] = n.into();
        std::fs::write(dir.join(p.file_name().unwrap()), doc.to_string()).unwrap();
    }
}

#[test]
fn an_object_deleted_from_one_domain_is_the_only_removal() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("m");
    merge(&model, &import(&[split("hosp")]), false);
    merge(&model, &import(&[split("lab")]), false);
    let lab2 = tmp.path().join("lab2");
    lab_without_labtech(&lab2);
    let s = merge(&model, &import(&[lab2]), false);
    assert_eq!(
        s.removed,
        vec!["S-1-5-21-4444-5555-6666-1101".to_string()],
        "{}",
        s.text()
    );
    assert!(s.added.is_empty() && s.changed.is_empty(), "{}", s.text());
    assert!(!s.interactions_removed.is_empty());
    assert!(
        s.interactions_removed
            .iter()
            .all(|i| i.contains("S-1-5-21-4444-5555-6666-1101")),
        "{:?}",
        s.interactions_removed
    );
    assert!(
        s.interactions_added.is_empty(),
        "{:?}",
        s.interactions_added
    );
    // The summary names it.
    assert!(
        s.text()
            .contains("components removed: 1 — LABTECH@LAB.HOSPITAL.LOCAL"),
        "{}",
        s.text()
    );
    let n = names(&model);
    assert!(n.contains("ALICE@HOSPITAL.LOCAL") && !n.contains("LABTECH@LAB.HOSPITAL.LOCAL"));
}

#[test]
fn replace_replaces_every_domain() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("m");
    merge(&model, &import(&[split("hosp")]), false);
    let s = merge(&model, &import(&[split("lab")]), true);
    assert!(s.removed.len() > 30, "{}", s.text());
    assert!(
        s.text().contains("ALICE@HOSPITAL.LOCAL"),
        "removals by name: {}",
        s.text()
    );
    assert!(!names(&model).contains("ALICE@HOSPITAL.LOCAL"));
}
