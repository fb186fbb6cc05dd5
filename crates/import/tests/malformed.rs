//! Trial finding F1.1: malformed SharpHound records and fields are never
//! dropped silently. A record that cannot be keyed (no `ObjectIdentifier`)
//! is an error naming the file, record and object; a field or list element
//! of the wrong shape is a located note counted in the summary. The oracle
//! is the damage itself: each fixture is the trial's collection with known
//! fields broken, and every broken field (and nothing else) must be named.

use std::path::{Path, PathBuf};

use cordon_import::error::ImportError;
use cordon_import::sharphound::{self, Options};

fn trial3(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/trial3")
        .join(rel)
}

/// Malformed-entry notes (the located ones, not the headline).
fn located(notes: &[String]) -> Vec<&String> {
    notes.iter().filter(|n| n.ends_with("; skipped")).collect()
}

#[test]
fn a_record_without_object_identifier_is_an_error_naming_record_and_object() {
    let err = sharphound::import(&[trial3("broken-groups.json")], &Options::default())
        .expect_err("a record that cannot be keyed must stop the import");
    let text = err.to_string();
    assert!(matches!(err, ImportError::Parse { .. }), "{text}");
    assert!(text.contains("broken-groups.json"), "{text}");
    assert!(text.contains("record 5"), "{text}");
    assert!(text.contains("CLINICAL-STAFF@HOSPITAL.LOCAL"), "{text}");
    assert!(text.contains("no ObjectIdentifier"), "{text}");
}

#[test]
fn wrong_shaped_fields_are_located_notes_counted_in_a_headline() {
    let e = sharphound::import(&[trial3("broken-groups-keyed.json")], &Options::default()).unwrap();
    let notes = located(&e.notes);
    assert_eq!(notes.len(), 2, "{:#?}", e.notes);
    assert!(
        notes[0].contains("record 3 (DOMAIN CONTROLLERS@HOSPITAL.LOCAL, S-1-5-21-1111-2222-3333-516): Members: expected a list, found a string"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].contains("record 6 (ALL-STAFF@HOSPITAL.LOCAL, S-1-5-21-1111-2222-3333-1203): Aces[0].RightName: expected a right name"),
        "{}",
        notes[1]
    );
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("2 malformed entries skipped")),
        "{:#?}",
        e.notes
    );
    // The repaired record 5 keeps NURSES inside CLINICAL-STAFF (ALICE's paths).
    let id = |name: &str| {
        e.components
            .iter()
            .find(|c| c.properties.get("name").and_then(|n| n.as_str()) == Some(name))
            .unwrap_or_else(|| panic!("no {name}"))
            .id
            .clone()
    };
    let (nurses, clinical) = (
        id("NURSES@HOSPITAL.LOCAL"),
        id("CLINICAL-STAFF@HOSPITAL.LOCAL"),
    );
    assert!(
        e.interactions
            .iter()
            .any(|i| i.from == nurses && i.to == clinical),
        "NURSES MemberOf CLINICAL-STAFF lost"
    );
}

#[test]
fn a_gpo_changes_entry_that_is_not_an_object_is_named_with_its_json_path() {
    let e = sharphound::import(&[trial3("collection-badgpo")], &Options::default()).unwrap();
    let notes = located(&e.notes);
    assert!(
        notes.iter().any(|n| n.contains("20261130_domains.json record 0 (HOSPITAL.LOCAL, S-1-5-21-1111-2222-3333): GPOChanges.LocalAdmins[0]: expected an object with ObjectIdentifier")),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .all(|n| n.contains("GPOChanges.LocalAdmins[0]") || n.contains("ChildObjects[0]")),
        "only the damaged fields are named: {notes:#?}"
    );
}

/// Every record of a sound groups file, with its `Members` replaced by a
/// string, gives exactly one note naming that record and field; the sound
/// file gives none.
#[test]
fn each_damaged_record_is_named_and_no_sound_one_is() {
    let good = std::fs::read_to_string(trial3("split/hosp/20261130_groups.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    let n = doc["data"].as_array().unwrap().len();
    let mut coll = sharphound::Collection::default();
    sharphound::read_json(&mut coll, "groups.json", good.as_bytes()).unwrap();
    assert!(coll.malformed().is_empty(), "{:#?}", coll.malformed());
    for k in 0..n {
        let mut d = doc.clone();
        d["data"][k]["Members"] = serde_json::Value::from("S-1-5-21-1-2-3-1101");
        let has_aces = doc["data"][k]["Aces"]
            .as_array()
            .is_some_and(|a| !a.is_empty());
        if has_aces {
            d["data"][k]["Aces"][0]["RightName"] = serde_json::Value::Null;
        }
        let text = serde_json::to_string(&d).unwrap();
        let mut coll = sharphound::Collection::default();
        sharphound::read_json(&mut coll, "groups.json", text.as_bytes()).unwrap();
        let m = coll.malformed();
        assert_eq!(m.len(), 1 + usize::from(has_aces), "record {k}: {m:#?}");
        assert!(
            m[0].starts_with(&format!("groups.json record {k} (")),
            "{}",
            m[0]
        );
        assert!(
            m.iter()
                .any(|x| x.contains("): Members: expected a list, found a string"))
        );
    }
}
