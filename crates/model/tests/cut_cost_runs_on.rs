//! `check` refuses what the engines cannot use (trial s3 F2.3): a negative
//! `cut_cost` (minimum cuts are max-flows: capacities ≥ 0) and a `runs_on`
//! cycle longer than a self-loop, each at file:line:column with a help.

use cordon_model::Model;

fn errors(y: &str) -> String {
    match Model::from_yaml(y, "t.yaml") {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_negative_cut_cost_is_refused_where_it_is_written() {
    let e = errors(
        "zones: [{ id: lan }]\ncomponents:\n  - { id: a, kind: ehr, zone: lan, cut_cost: -3 }\n  - { id: b, kind: ehr, zone: lan }\ninteractions:\n  - { from: a, to: b, kind: writes, cut_cost: -5 }\n",
    );
    assert!(e.contains("t.yaml:3:"), "{e}");
    assert!(e.contains("`cut_cost` must be 0 or more, found -3"), "{e}");
    assert!(e.contains("t.yaml:6:"), "{e}");
    assert!(e.contains("found -5"), "{e}");
    // 0 is a free cut: accepted.
    assert_eq!(
        errors(
            "zones: [{ id: lan }]\ncomponents:\n  - { id: a, kind: ehr, zone: lan, cut_cost: 0 }\n"
        ),
        ""
    );
}

#[test]
fn a_hosting_cycle_is_refused_once_per_cycle() {
    let e = errors(
        "zones: [{ id: lan }]\ncomponents:\n  - { id: b, kind: ehr, zone: lan, runs_on: c }\n  - { id: c, kind: server-os, zone: lan, runs_on: d }\n  - { id: d, kind: server-os, zone: lan, runs_on: b }\n  - { id: g, kind: ehr, zone: lan, runs_on: b }\n",
    );
    assert_eq!(e.matches("hosting cycle").count(), 1, "{e}");
    assert!(e.contains("t.yaml:3:"), "{e}");
    assert!(e.contains("`b` runs on `c` runs on `d` runs on `b`"), "{e}");
    // A chain without a loop is fine.
    assert_eq!(
        errors(
            "zones: [{ id: lan }]\ncomponents:\n  - { id: b, kind: ehr, zone: lan, runs_on: c }\n  - { id: c, kind: server-os, zone: lan, runs_on: d }\n  - { id: d, kind: virtualization-platform, zone: lan }\n"
        ),
        ""
    );
}
