//! The MEF models of the issue-13 trial (`tests/data/trial-mef/`, copied
//! from the trial inputs): how their cut sets are listed and named.

use cordon_continuity::{MefModel, MinimalCutSet, ReadOptions, Settings};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/trial-mef");

fn model(file: &str) -> MefModel {
    MefModel::load(&[format!("{DIR}/{file}")], &ReadOptions::default()).unwrap()
}

fn listed(m: &MefModel, target: &str) -> (cordon_continuity::Report, Vec<MinimalCutSet>) {
    let t = m.target(target).unwrap();
    let tt = m.fault_tree(&t).unwrap();
    let a = tt.tree.analyze(&Settings::default()).unwrap();
    (a.report().clone(), a.listed_cut_sets(usize::MAX))
}

fn line(cs: &MinimalCutSet) -> String {
    format!("{} {}", cs.events.len(), cs.events.join(" "))
}

#[test]
fn ccf_cut_sets_are_listed_by_order_then_probability_then_name() {
    let m = model("ehr-ccf.xml");
    let (_, sets) = listed(&m, "HOSTS_LOSS");
    let lines: Vec<String> = sets.iter().map(line).collect();
    assert_eq!(
        lines,
        ["1 [H1 H2 H3]", "2 [H1] [H2]", "2 [H1] [H3]", "2 [H2] [H3]"]
    );
    assert!((sets[0].probability - 2e-3).abs() < 1e-12);
}

#[test]
fn the_most_probable_single_event_comes_first() {
    let m = model("ehr.xml");
    let t = m.targets().unwrap();
    let (_, sets) = listed(&m, &t[0].name);
    let lines: Vec<String> = sets.iter().map(line).collect();
    // DB (exponential, 8760 h) 8.39e-2 before SAN 2e-3; GRID·DG 5e-4
    // before the 4e-4 host pairs, which are in name order.
    assert_eq!(
        lines,
        [
            "1 DB",
            "1 SAN",
            "2 GRID DG",
            "2 H1 H2",
            "2 H1 H3",
            "2 H2 H3"
        ]
    );
}

#[test]
fn a_success_branch_sequence_is_unity() {
    let m = model("ransom-et.xml");
    let (r, sets) = listed(&m, "CONTAINED");
    assert!(r.unity);
    assert_eq!(sets.len(), 1);
    assert!(sets[0].is_unity() && sets[0].events.is_empty());
    assert!((r.probability - 0.7).abs() < 1e-12);
    let (r, sets) = listed(&m, "DATA_LOSS");
    assert!(!r.unity);
    let lines: Vec<String> = sets.iter().map(line).collect();
    assert_eq!(
        lines,
        ["2 EDR_FAIL REPO_ENCRYPTED", "2 EDR_FAIL TAPE_STALE"]
    );
}

#[test]
fn an_expression_only_sequence_shows_its_own_name() {
    let m = model("et2.xml");
    for (name, p) in [("OK", 0.96), ("BREACH", 0.04)] {
        let (r, sets) = listed(&m, name);
        assert_eq!(r.top.as_deref(), Some(name));
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].events, [name]);
        assert!((sets[0].probability - p).abs() < 1e-12);
        assert!(!r.unity);
    }
    // No generated name anywhere in the trees.
    for t in m.targets().unwrap() {
        let tt = m.fault_tree(&t).unwrap();
        for e in tt.tree.basic_events() {
            assert!(!e.name.starts_with("__"), "{}", e.name);
        }
    }
}
