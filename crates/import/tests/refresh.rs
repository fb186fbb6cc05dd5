//! Re-importing AD data collected again (trial F1.6): SharpHound names every
//! run's files with a timestamp (`20261130_users.json`, next week
//! `20261207_users.json`), and each interaction's origin names its file and
//! record. The summary of a re-import counts a difference in that origin
//! alone as "re-collected, unchanged", never as a change.
//!
//! Oracle: the two estates compared directly, with every origin text
//! (interaction and weakness notes, which for AD imports hold only the
//! origin) blanked: a plain reference independent of the generated text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cordon_import::sharphound::{self, Options};
use cordon_import::{Estate, MergeOptions, Summary, merge_into};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/stmarten")
        .join(name)
}

/// Copies the files of `from` into `to`, each renamed with `stamp` in place
/// of its `20261130` prefix: the same bytes under the next run's names.
fn restamp(from: &Path, to: &Path, stamp: &str) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap();
        let renamed = name.replacen("20261130", stamp, 1);
        std::fs::copy(&p, to.join(renamed)).unwrap();
    }
}

fn import(dir: &Path) -> Estate {
    sharphound::import(&[dir.to_path_buf()], &Options::default()).unwrap()
}

fn dry_run(model: &Path, e: &Estate) -> Summary {
    merge_into(
        model,
        e,
        &MergeOptions {
            dry_run: true,
            ..Default::default()
        },
    )
    .unwrap()
}

/// The reference diff: (components changed, interactions added, changed,
/// removed) between two estates with every note blanked.
type Diff = (
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<String>,
);

fn reference_diff(old: &Estate, new: &Estate) -> Diff {
    let comps = |e: &Estate| -> BTreeMap<String, String> {
        e.components
            .iter()
            .map(|c| {
                let mut c = c.clone();
                for w in &mut c.weaknesses {
                    w.notes = None;
                }
                (c.id.clone(), format!("{c:?}"))
            })
            .collect()
    };
    let inter = |e: &Estate| -> BTreeMap<String, String> {
        e.interactions
            .iter()
            .map(|i| {
                let mut i = i.clone();
                i.notes = None;
                (
                    format!("{} -[{}]-> {}", i.from, i.kind, i.to),
                    format!("{i:?}"),
                )
            })
            .collect()
    };
    let (co, cn) = (comps(old), comps(new));
    let changed = cn
        .iter()
        .filter(|(k, v)| co.get(*k).is_some_and(|o| o != *v))
        .map(|(k, _)| k.clone())
        .collect();
    let (io, inn) = (inter(old), inter(new));
    let added = inn
        .keys()
        .filter(|k| !io.contains_key(*k))
        .cloned()
        .collect();
    let removed = io
        .keys()
        .filter(|k| !inn.contains_key(*k))
        .cloned()
        .collect();
    let ichanged = inn
        .iter()
        .filter(|(k, v)| io.get(*k).is_some_and(|o| o != *v))
        .map(|(k, _)| k.clone())
        .collect();
    (changed, added, ichanged, removed)
}

fn set(v: &[String]) -> BTreeSet<String> {
    v.iter().cloned().collect()
}

#[test]
fn the_same_bytes_under_next_runs_names_are_no_change() {
    let tmp = tempfile::tempdir().unwrap();
    let (week1, week2, model) = (
        tmp.path().join("collection"),
        tmp.path().join("week2"),
        tmp.path().join("model"),
    );
    restamp(&data("collection"), &week1, "20261130");
    restamp(&data("collection"), &week2, "20261207");
    let first = import(&week1);
    merge_into(&model, &first, &MergeOptions::default()).unwrap();
    let again = import(&week2);
    // The origins differ (else this test would test nothing); those of
    // post-processed edges (ESC1, DCSync…) name no file and stay the same.
    let moved = moved_origins(&first, &again);
    assert!(moved > 0);
    let s = dry_run(&model, &again);
    assert!(s.added.is_empty() && s.removed.is_empty(), "{}", s.text());
    assert!(s.changed.is_empty(), "{}", s.text());
    assert!(s.interactions_added.is_empty(), "{}", s.text());
    assert!(s.interactions_changed.is_empty(), "{}", s.text());
    assert!(s.interactions_removed.is_empty(), "{}", s.text());
    // Every interaction carries its origin, so every one is re-collected;
    // the components re-collected are those with a session weakness.
    assert_eq!(s.interactions_recollected, moved);
    let with_sessions = again
        .components
        .iter()
        .filter(|c| c.weaknesses.iter().any(|w| w.notes.is_some()))
        .count();
    assert!(with_sessions > 0);
    assert_eq!(s.components_recollected, with_sessions);
    let text = s.text();
    assert!(text.contains("components changed: 0\n"), "{text}");
    assert!(text.contains("interactions changed: 0\n"), "{text}");
    assert!(
        text.contains(&format!(
            "re-collected from new files, unchanged: {with_sessions} components, {moved} interactions"
        )),
        "{text}"
    );
    // The same import again (same names): nothing at all to report.
    merge_into(&model, &again, &MergeOptions::default()).unwrap();
    let s = dry_run(&model, &again);
    assert_eq!(s.interactions_recollected + s.components_recollected, 0);
    assert!(s.changed.is_empty() && s.interactions_changed.is_empty());
}

#[test]
fn real_changes_among_new_names_are_reported_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let (week1, week2, model) = (
        tmp.path().join("collection"),
        tmp.path().join("week2"),
        tmp.path().join("model"),
    );
    restamp(&data("collection"), &week1, "20261130");
    // Next week: one template and one ACE fewer, under the next run's names.
    restamp(&data("collection-noesc1"), &week2, "20261207");
    let first = import(&week1);
    merge_into(&model, &first, &MergeOptions::default()).unwrap();
    let again = import(&week2);
    let s = dry_run(&model, &again);
    let (changed, added, ichanged, removed) = reference_diff(&first, &again);
    // The change is real and visible.
    assert!(!removed.is_empty() || !s.removed.is_empty(), "{}", s.text());
    assert_eq!(set(&s.changed), changed, "{}", s.text());
    assert_eq!(set(&s.interactions_added), added, "{}", s.text());
    assert_eq!(set(&s.interactions_changed), ichanged, "{}", s.text());
    assert_eq!(set(&s.interactions_removed), removed, "{}", s.text());
    let old_ids: BTreeSet<&str> = first.components.iter().map(|c| c.id.as_str()).collect();
    let new_ids: BTreeSet<&str> = again.components.iter().map(|c| c.id.as_str()).collect();
    let gone: BTreeSet<String> = old_ids
        .difference(&new_ids)
        .map(|s| s.to_string())
        .collect();
    assert_eq!(set(&s.removed), gone);
    // Everything else whose origin moved is re-collected, unchanged.
    assert_eq!(
        s.interactions_recollected,
        moved_origins(&first, &again),
        "{}",
        s.text()
    );
}

/// Interactions in both estates, substance equal, notes different.
fn moved_origins(old: &Estate, new: &Estate) -> usize {
    let key = |i: &cordon_import::InteractionDecl| (i.from.clone(), i.to.clone(), i.kind.clone());
    let before: BTreeMap<_, _> = old.interactions.iter().map(|i| (key(i), i)).collect();
    new.interactions
        .iter()
        .filter(|i| {
            before
                .get(&key(i))
                .is_some_and(|o| o.protocol == i.protocol && o.notes != i.notes)
        })
        .count()
}

/// Issue 11 item 7: an edge derived from a computer's local group names the
/// group, the computer, and the collector file and record its membership was
/// read from (the computer's record, or the OU whose GPO set the group).
#[test]
fn local_group_edges_name_the_record_they_come_from() {
    let e = import(&data("collection"));
    let derived: Vec<&str> = e
        .interactions
        .iter()
        .filter(|i| matches!(i.protocol.as_deref(), Some("AdminTo" | "CanRDP")))
        .filter_map(|i| i.notes.as_deref())
        .collect();
    assert!(
        !derived.is_empty(),
        "the collection has local administrators and RDP users"
    );
    for n in derived {
        assert!(n.contains("local group 5"), "{n}");
        assert!(n.contains(" of ") && n.contains(".STMARTEN.LOCAL"), "{n}");
        assert!(n.contains(".json record "), "no file and record: {n}");
    }
}
