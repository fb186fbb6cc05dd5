//! A `redundancy:` group mixing catalog kinds (trial s3 F2.3: an `ehr` and
//! a `database-server` in group `grp` passed `check` silently) is warned
//! about at the odd member's `redundancy:` value, with a help; a group of
//! one kind is not.

use cordon_model::{Model, Severity};

fn fixture(p: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/trial3"
    ))
    .join(p)
}

#[test]
fn the_trial_group_of_an_ehr_and_a_database_is_warned_about() {
    // The trial's file has other errors too: the warning is among them.
    let e = Model::load(&fixture("bad/estate.yaml")).unwrap_err();
    let w: Vec<_> = e
        .diagnostics()
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("redundancy group"))
        .collect();
    assert_eq!(w.len(), 1, "{e}");
    let at = w[0].location.as_ref().unwrap();
    // Line 7: `- { id: b, kind: database-server, zone: lan, redundancy: grp }`,
    // column of `grp`.
    assert_eq!((at.line, at.column), (7, 60), "{e}");
    assert!(w[0].message.contains("ehr: a; database-server: b"), "{e}");
    assert!(
        w[0].help
            .as_deref()
            .unwrap()
            .contains("redundancy: grp-database-server")
    );
}

#[test]
fn one_kind_per_group_is_quiet_and_a_mixed_group_still_loads() {
    let base = "zones: [{ id: lan }]\ncomponents:\n  - { id: dc1, kind: active-directory, zone: lan, redundancy: dcs }\n  - { id: dc2, kind: active-directory, zone: lan, redundancy: dcs }\n  - { id: dns1, kind: dns, zone: lan, redundancy: dns }\n  - { id: dns2, kind: dns, zone: lan, redundancy: dns }\n";
    let m = Model::from_yaml(base, "t.yaml").unwrap();
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    // A domain controller serving DNS beside a DNS server: warned, loaded.
    let mixed = base.replace(
        "dc2, kind: active-directory, zone: lan, redundancy: dcs",
        "dc2, kind: active-directory, zone: lan, redundancy: dns",
    );
    let m = Model::from_yaml(&mixed, "t.yaml").unwrap();
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
    let w = &m.warnings[0];
    assert_eq!(w.location.as_ref().unwrap().line, 4);
    assert!(
        w.message
            .contains("`dns` mixes kinds (active-directory: dc2; dns: dns1, dns2)"),
        "{}",
        w.message
    );
    assert_eq!(
        m.component(m.component_id("dc2").unwrap())
            .redundancy
            .as_deref(),
        Some("dns")
    );
}
