//! Broken models give errors that name the file, line, column and the
//! offending value, with a suggestion where one is obvious.

use cordon_model::{LoadError, Model};

fn errors(yaml: &str) -> Vec<String> {
    match Model::from_yaml(yaml, "estate.yaml") {
        Ok(_) => panic!("model should be invalid"),
        Err(LoadError::Invalid(d)) => d.iter().map(|d| d.to_string()).collect(),
        Err(e) => panic!("unexpected error {e}"),
    }
}

const BASE: &str = "zones:\n  - { id: internet, external: true }\n  - { id: clinical }\n";

#[test]
fn unknown_component_in_an_interaction_has_location_and_suggestion() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: ehr-db, kind: database-server, zone: clinical }}\n  - {{ id: ehr-app, kind: ehr, zone: clinical }}\ninteractions:\n  - {{ from: ehr-app, to: ehr-bd, kind: controls }}\n"
    );
    let e = errors(&yaml);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("estate.yaml:8:26: error: unknown component `ehr-bd` in `to`"),
        "{}",
        e[0]
    );
    assert!(e[0].contains("did you mean `ehr-db`?"), "{}", e[0]);
}

#[test]
fn unknown_kind_and_zone_are_reported_together() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: active-directroy, zone: clinical }}\n  - {{ id: b, kind: ehr, zone: clinicl }}\n"
    );
    let e = errors(&yaml);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with(
            "estate.yaml:5:20: error: unknown kind `active-directroy` for component `a`"
        ),
        "{}",
        e[0]
    );
    assert!(e[0].contains("did you mean `active-directory`?"));
    assert!(
        e[1].starts_with("estate.yaml:6:31: error: unknown zone `clinicl` for component `b`"),
        "{}",
        e[1]
    );
    assert!(e[1].contains("did you mean `clinical`?"));
}

#[test]
fn duplicates_point_at_the_first_declaration() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical }}\n  - {{ id: a, kind: ehr, zone: clinical }}\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].starts_with("estate.yaml:6:11: error: duplicate component `a`"),
        "{}",
        e[0]
    );
    assert!(
        e[0].contains("first declared at estate.yaml:5:11"),
        "{}",
        e[0]
    );
}

#[test]
fn self_loops_are_rejected() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical }}\ninteractions:\n  - {{ from: a, to: a, kind: writes }}\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].contains("estate.yaml:7:13: error: interaction from `a` to itself"),
        "{}",
        e[0]
    );
}

#[test]
fn bad_needs_expression_points_into_the_expression() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical }}\nservices:\n  - id: ed\n    needs: all(a, b\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].starts_with("estate.yaml:8:20: error: bad needs expression of service `ed`"),
        "{}",
        e[0]
    );
    assert!(e[0].contains("never closed"), "{}", e[0]);
    let yaml = format!(
        "{BASE}components:\n  - {{ id: ehr, kind: ehr, zone: clinical }}\nservices:\n  - id: ed\n    needs: \"all(ehr, lab)\"\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].starts_with("estate.yaml:8:22: error: unknown component or service `lab`"),
        "{}",
        e[0]
    );
}

#[test]
fn service_cycles_are_reported_with_the_cycle() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical }}\nservices:\n  - {{ id: s1, needs: \"all(a, s2)\" }}\n  - {{ id: s2, needs: s3 }}\n  - {{ id: s3, needs: \"any(s1, a)\" }}\n"
    );
    let e = errors(&yaml);
    assert!(e[0].contains("cycle: s1 → s2 → s3 → s1"), "{}", e[0]);
}

#[test]
fn unknown_fields_and_bad_yaml_have_locations() {
    let e = errors("zones:\n  - { id: x, externl: true }\n");
    assert!(e[0].starts_with("estate.yaml:2:"), "{}", e[0]);
    assert!(e[0].contains("unknown field `externl`"), "{}", e[0]);
    assert!(e[0].contains("did you mean `external`?"), "{}", e[0]);
    let e = errors("zones:\n  - { id: x\n components: [\n");
    assert!(e[0].starts_with("estate.yaml:"), "{}", e[0]);
}

#[test]
fn interaction_kind_typos_get_suggestions() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical }}\n  - {{ id: b, kind: ehr, zone: clinical }}\ninteractions:\n  - {{ from: a, to: b, kind: control }}\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].starts_with("estate.yaml:8:29: error: unknown interaction kind `control`"),
        "{}",
        e[0]
    );
    assert!(e[0].contains("did you mean `controls`?"), "{}", e[0]);
}

#[test]
fn weaknesses_are_validated() {
    let yaml = format!(
        "{BASE}components:\n  - {{ id: a, kind: ehr, zone: clinical, weaknesses: [sql-injection] }}\n  - {{ id: b, kind: ehr, zone: clinical, weaknesses: [{{ kind: stored-credentials }}] }}\n"
    );
    let e = errors(&yaml);
    assert!(
        e[0].contains("unknown weakness `sql-injection` on `a`"),
        "{}",
        e[0]
    );
    assert!(e[1].contains("needs `stored_on:`"), "{}", e[1]);
}

#[test]
fn include_errors_name_the_included_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.yaml"),
        "include: [more.yaml, missing.yaml]\nzones:\n  - { id: clinical }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("more.yaml"),
        "components:\n  - { id: a, kind: nope, zone: clinical }\n",
    )
    .unwrap();
    let err = Model::load(&dir.path().join("main.yaml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("main.yaml:1:22: error: cannot read included file"),
        "{err}"
    );
    let err_more = err.lines().find(|l| l.contains("more.yaml")).unwrap_or("");
    assert!(err.contains("missing.yaml"), "{err}");
    let _ = err_more;
}

#[test]
fn includes_and_directories_merge_into_one_model() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("parts")).unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "name: split\ninclude: [parts/c.yaml]\nzones:\n  - { id: clinical }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "components:\n  - { id: x, kind: ehr, zone: clinical }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("parts/c.yaml"), "components:\n  - { id: y, kind: database-server, zone: clinical }\ninteractions:\n  - { from: x, to: y, kind: controls }\n").unwrap();
    let m = Model::load(dir.path()).unwrap();
    assert_eq!(m.name, "split");
    assert_eq!(m.components.len(), 2);
    assert_eq!(m.interactions.len(), 1);
    // A bad file in the middle of an include does not hide the others' errors.
    std::fs::write(
        dir.path().join("parts/c.yaml"),
        "components:\n  - { id: y, kind: database-server, zone: nowhere }\n",
    )
    .unwrap();
    let err = Model::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("c.yaml:2:43: error: unknown zone `nowhere`"),
        "{err}"
    );
}

#[test]
fn never_panics_on_garbage() {
    for text in [
        "",
        "- 1\n- 2",
        "zones: 5",
        "components: [{id: }]",
        "\u{0}\u{1}",
        "zones:\n  - { id: [a, b] }",
        ":\n:",
    ] {
        let _ = Model::from_yaml(text, "x.yaml");
    }
}

#[test]
fn selectors_and_defaults_expand() {
    let yaml = "zones:\n  - { id: internet, external: true }\n  - { id: clinical }\ncomponents:\n  - { id: ad, kind: active-directory, zone: clinical }\n  - { id: w1, kind: workstation, zone: clinical, tags: [domain-joined] }\n  - { id: w2, kind: workstation, zone: clinical, tags: [domain-joined] }\n  - { id: web, kind: web-application-server, zone: clinical, exposed: true }\ninteractions:\n  - { from: zone:clinical, to: web, kind: connects }\n";
    let m = Model::from_yaml(yaml, "e.yaml").unwrap();
    let has = |f: &str, t: &str, k: &str| {
        m.interactions.iter().any(|i| {
            m.component(i.from).id == f && m.component(i.to).id == t && i.kind.as_str() == k
        })
    };
    assert!(
        has("ad", "w1", "controls") && has("ad", "w2", "controls"),
        "catalog default"
    );
    assert!(
        has("w1", "web", "connects") && has("ad", "web", "connects"),
        "zone selector"
    );
    assert!(
        !has("web", "web", "connects"),
        "no self loops from selectors"
    );
    assert!(
        has("internet", "web", "connects"),
        "exposure from the external zone's network"
    );
    let off = Model::from_yaml(
        &yaml.replace("zones:", "defaults: { active-directory: false }\nzones:"),
        "e.yaml",
    )
    .unwrap();
    assert!(
        !off.interactions
            .iter()
            .any(|i| off.component(i.from).id == "ad" && i.kind.as_str() == "controls")
    );
}

/// One load reports problems inside records (unknown field, wrong type,
/// missing field) and reference problems (unknown zone, component, kind,
/// service) together; a component not built because of its own problem is
/// not reported again as unknown where it is referenced.
#[test]
fn structural_and_reference_errors_in_one_run() {
    let yaml = format!(
        "{BASE}components:\n\
         \x20 - {{ id: ehr-db, kind: database-server, zone: clinical, tagz: [x] }}\n\
         \x20 - {{ id: ehr-app, kind: ehr, zone: clinicl }}\n\
         \x20 - {{ id: pacs, kind: pacs, zone: clinical, crown_jewel: maybe }}\n\
         \x20 - {{ id: lab, zone: clinical }}\n\
         interactions:\n\
         \x20 - {{ from: pacs, to: ehr-bd, kind: controls }}\n\
         \x20 - {{ from: lab, to: pacs, kind: reads }}\n\
         services:\n\
         \x20 - {{ id: imaging, needs: 'all(pacs, lab, ris)' }}\n"
    );
    let e = errors(&yaml);
    let has = |needle: &str| e.iter().any(|m| m.contains(needle));
    // Structural, with their positions.
    assert!(
        e.iter()
            .any(|m| m.starts_with("estate.yaml:5:58: error: unknown field `tagz`")),
        "{e:#?}"
    );
    assert!(
        has("expected true or false for `crown_jewel`, found `maybe`"),
        "{e:#?}"
    );
    assert!(has("missing field `kind` in a component"), "{e:#?}");
    // References, in the same run.
    assert!(
        e.iter()
            .any(|m| m.starts_with("estate.yaml:6:37: error: unknown zone `clinicl`")),
        "{e:#?}"
    );
    assert!(has("unknown component `ehr-bd`"), "{e:#?}");
    assert!(has("`ris` in the needs of `imaging`"), "{e:#?}");
    // `lab` was declared (without a kind): no echo where it is used.
    assert!(
        !e.iter()
            .any(|m| m.contains("`lab`") && m.contains("unknown")),
        "{e:#?}"
    );
    // Nor for `ehr-app`, not built for its unknown zone.
    assert_eq!(
        e.iter().filter(|m| m.contains("ehr-app")).count(),
        1,
        "{e:#?}"
    );
    assert_eq!(e.len(), 6, "{e:#?}");
}

/// A problem at the top of a file (a misspelt section) may hide whole
/// sections: the file is then not built, and nothing it declares is
/// reported as unknown.
#[test]
fn a_misspelt_section_is_not_followed_by_echoes() {
    let yaml = format!(
        "{BASE}componets:\n  - {{ id: a, kind: ehr, zone: clinical }}\ninteractions:\n  - {{ from: a, to: internet, kind: connects }}\n"
    );
    let e = errors(&yaml);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].contains("unknown field `componets`"), "{}", e[0]);
    assert!(e[0].contains("did you mean `components`?"), "{}", e[0]);
}

/// Past 100 errors the rest are counted, not listed; the summary counts
/// them all.
#[test]
fn errors_past_the_bound_are_counted() {
    let mut yaml = format!("{BASE}components:\n");
    for i in 0..130 {
        yaml.push_str(&format!("  - {{ id: c{i}, kind: ehr, zone: nowhere }}\n"));
    }
    let err = match Model::from_yaml(&yaml, "estate.yaml") {
        Err(e @ LoadError::Invalid(_)) => e,
        other => panic!("{:?}", other.map(|_| ())),
    };
    let d = err.diagnostics();
    assert_eq!(d.len(), 101, "{}", d.len());
    assert!(
        d[100]
            .message
            .starts_with("30 more errors not listed (the first 100 are)"),
        "{}",
        d[100]
    );
    assert!(
        err.to_string().ends_with("the model has 130 errors"),
        "{err}"
    );
}

/// A component written under `zones:` is reported there (its fields are not
/// a zone's); what refers to it is not reported again as unknown.
#[test]
fn a_record_under_the_wrong_section_is_reported_once() {
    let yaml = "zones:\n  - { id: lan }\n  - { id: db1, kind: database-server, zone: lan }\ncomponents:\n  - { id: ws1, kind: workstation, zone: lan }\ninteractions:\n  - { from: ws1, to: db1, kind: controls }\n";
    let e = errors(yaml);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(
        e[0].starts_with("estate.yaml:3:16: error: unknown field `kind` in a zone"),
        "{e:#?}"
    );
    assert!(
        e[1].starts_with("estate.yaml:3:39: error: unknown field `zone` in a zone"),
        "{e:#?}"
    );
}

/// Records are read as they are parsed, except in a list with an anchor,
/// which an alias may copy: it is kept whole, and read the same.
#[test]
fn anchored_section_lists_are_read_and_copied() {
    let yaml = "zones: &zs\n  - { id: lan }\n  - { id: dmz }\ncomponents:\n  - { id: a, kind: workstation, zone: lan, properties: { zones: *zs } }\n  - &b { id: b, kind: workstation, zone: dmz }\n";
    let m = Model::from_yaml(yaml, "estate.yaml").unwrap();
    assert_eq!(m.zones.len(), 2);
    assert_eq!(m.components.len(), 2);
    let copied = &m.components[0].properties["zones"];
    assert_eq!(copied[1]["id"], "dmz", "{copied}");
    // An alias to a record copies it: a duplicate, reported as such.
    let e = errors(&format!("{yaml}  - *b\n"));
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].contains("duplicate component `b`"), "{e:#?}");
}
