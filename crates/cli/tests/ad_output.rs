//! AD output as people read it (trial 3, F1.3, F1.4, F1.6) on the trial's
//! two-domain collection (crates/import/tests/data/trial3/split): crown
//! jewels and entry points by name in `exposure`, `check --deny` leaving
//! Tier Zero sources out as `paths` does, `paths --format dot` labelled by
//! name and BloodHound edge kind as the text output is.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::run;

const SPLIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../import/tests/data/trial3/split"
);

fn import(dir: &Path) -> String {
    let model = dir.join("model");
    let m = model.to_str().unwrap();
    let (code, _, err) = run(&[
        "import",
        "sharphound",
        &format!("{SPLIT}/hosp"),
        &format!("{SPLIT}/lab"),
        "-o",
        m,
    ]);
    assert_eq!(code, 0, "{err}");
    m.to_string()
}

/// Header lines of paths in a text answer: `SOURCE → TARGET: level in N hops`.
fn path_sources(out: &str) -> BTreeSet<String> {
    out.lines()
        .filter(|l| l.contains(" → ") && l.contains(" in ") && l.contains("hop"))
        .filter(|l| {
            !l.trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix('#')
                .map_or(l, |r| r.split_once(' ').map_or(r, |x| x.1));
            l.split_once(" → ").map(|(s, _)| s.trim().to_string())
        })
        .collect()
}

#[test]
fn check_leaves_tier_zero_sources_out_like_paths_and_all_sources_keeps_them() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import(tmp.path());
    let rule = "tag:ad-user -> crown-jewels";
    let (code, out, err) = run(&["check", &m, "--deny", rule]);
    assert_eq!(code, 1, "{out}{err}");
    let note = out
        .lines()
        .find(|l| l.starts_with("note: ") && l.contains("Left out"))
        .unwrap_or_else(|| panic!("no note: {out}"));
    assert!(note.contains("ERIN@HOSPITAL.LOCAL"), "{note}");
    let sources = path_sources(&out);
    assert!(!sources.is_empty(), "{out}");
    for s in &sources {
        assert!(
            !note.contains(s.as_str()),
            "{s} was left out yet is a source: {out}"
        );
    }
    assert!(sources.contains("SVC_SQL@HOSPITAL.LOCAL"), "{sources:?}");
    // The same note as `paths`.
    let (_, paths_out, _) = run(&["paths", &m, "--from", "tag:ad-user", "--to", "crown-jewels"]);
    let paths_note = paths_out.lines().find(|l| l.contains("Left out")).unwrap();
    assert!(note.ends_with(paths_note.trim()), "{note}\n{paths_note}");
    let (code, out, _) = run(&["check", &m, "--deny", rule, "--all-sources"]);
    assert_eq!(code, 1);
    assert!(!out.contains("Left out"), "{out}");
    assert!(path_sources(&out).contains("ERIN@HOSPITAL.LOCAL"), "{out}");
}

#[test]
fn exposure_names_crown_jewels_and_entry_points() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import(tmp.path());
    let (code, json, err) = run(&["exposure", &m, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let jewels = v["crown_jewels"].as_array().unwrap();
    assert!(!jewels.is_empty());
    let (_, text, _) = run(&["exposure", &m]);
    let section: Vec<&str> = text
        .split("CROWN JEWELS")
        .nth(1)
        .unwrap()
        .split("ENTRY POINTS")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .collect();
    assert_eq!(section.len(), jewels.len(), "{text}");
    for j in jewels {
        let (id, name) = (j["id"].as_str().unwrap(), j["name"].as_str().unwrap());
        assert_ne!(id, name, "an AD object has a name: {j}");
        assert!(
            section.iter().any(|l| l.trim_start().starts_with(name)),
            "{name} not listed by name: {section:#?}"
        );
    }
    assert!(
        !section.iter().any(|l| l.trim_start().starts_with("S-1-")),
        "{section:#?}"
    );
}

#[test]
fn paths_dot_labels_nodes_by_name_and_edges_by_bloodhound_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import(tmp.path());
    let args = [
        "paths",
        m.as_str(),
        "--from",
        "alice@hospital.local",
        "--to",
        "domain admins@hospital.local",
    ];
    let (code, text, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let mut dot_args = args.to_vec();
    dot_args.extend(["--format", "dot"]);
    let (code, dot, err) = run(&dot_args);
    assert_eq!(code, 0, "{err}");
    // Oracle: the text output's hops, `… (Kind) → level`.
    let kinds_text: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.split_once(") → "))
        .filter_map(|(a, b)| {
            let kind = a.rsplit_once(" (")?.1;
            Some(format!("{kind} → {}", b.split_whitespace().next()?))
        })
        .collect();
    let kinds_dot: BTreeSet<String> = dot
        .lines()
        .filter(|l| l.contains(" -> "))
        .filter_map(|l| {
            l.split_once("[label=\"")
                .map(|x| x.1.trim_end_matches("\"];").to_string())
        })
        .collect();
    assert!(!kinds_text.is_empty(), "{text}");
    assert_eq!(kinds_dot, kinds_text, "{dot}\n{text}");
    for l in dot
        .lines()
        .filter(|l| l.contains("[label=") && !l.contains(" -> "))
    {
        let label = l.split_once("[label=\"").unwrap().1;
        assert!(
            !label.starts_with("S-1-") && !label.starts_with("11111111-"),
            "{l}"
        );
    }
    assert!(
        dot.contains("label=\"ALICE@HOSPITAL.LOCAL\\nad-user\""),
        "{dot}"
    );
}
