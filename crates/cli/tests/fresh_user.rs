//! The small confusions a fresh-user trial found: each is a kind of fault
//! (a set of components given differently per command, a dry run that says
//! it created files, a --help listing formats a command refuses, wording,
//! unknown kinds without a suggestion), tested through the binary.

mod common;
use common::{EXAMPLE, cordon, import_data, json, text};

fn ok(args: &[&str]) -> String {
    let o = cordon(args);
    assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    text(&o.stdout)
}

/// A comma-separated list of selectors is the union of its parts, on every
/// command that takes a set of components.
#[test]
fn every_component_set_takes_a_comma_list() {
    let list = json(&[
        "chokepoints",
        EXAMPLE,
        "--from",
        "vpn-gw,gp-portal",
        "--format",
        "json",
    ]);
    assert_eq!(list["sources"], serde_json::json!(["vpn-gw", "gp-portal"]));
    // Oracle: blast with two separate arguments (the long-standing form).
    let two = json(&["blast", EXAMPLE, "vpn-gw", "gp-portal", "--format", "json"]);
    let one = json(&["blast", EXAMPLE, "vpn-gw,gp-portal", "--format", "json"]);
    assert_eq!(one, two);
    let p = json(&[
        "paths",
        EXAMPLE,
        "--from",
        "vpn-gw,gp-portal",
        "--to",
        "ehr-db,pacs",
        "--format",
        "json",
    ]);
    assert!(p.to_string().contains("ehr-db") && p.to_string().contains("pacs"));
    // The part at fault is named, with the model's suggestion.
    let o = cordon(&["chokepoints", EXAMPLE, "--from", "vpn-gw,gp-portl"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("gp-portl") && err.contains("gp-portal"),
        "{err}"
    );
    let o = cordon(&[
        "paths",
        EXAMPLE,
        "--from",
        "vpn-gw,,gp-portal",
        "--to",
        "ehr-db",
    ]);
    assert!(text(&o.stderr).contains("item 2 of the list is empty"));
}

/// `import --dry-run` writes nothing and says what it would do.
#[test]
fn import_dry_run_writes_nothing_and_speaks_in_the_conditional() {
    let tmp = common::scratch("cordon-fresh-user", "dry-run");
    let model = tmp.join("model");
    let xml = import_data("nmap-hospital.xml");
    let args = [
        "import",
        "nmap",
        xml.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
        "--dry-run",
    ];
    let out = ok(&args);
    assert!(!model.exists(), "a dry run created {}", model.display());
    assert!(out.starts_with("dry run: nothing was written"), "{out}");
    assert!(out.contains("would create estate.yaml"), "{out}");
    assert!(out.contains("components to add: 7"), "{out}");
    assert!(!out.contains("created"), "{out}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v = json(&json_args);
    assert_eq!(v["dry_run"], true);
    assert!(!model.exists());
    // After a real import, a dry run changes no byte of the directory.
    let real: Vec<&str> = args[..5].to_vec();
    ok(&real);
    let snapshot = |dir: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = walk(dir)
            .into_iter()
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&model);
    let out = ok(&args);
    assert!(out.contains("components to add: 0"), "{out}");
    assert!(!out.contains("would create estate.yaml"), "{out}");
    assert_eq!(before, snapshot(&model));
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Every file under `dir` (iterative walk; symlinks followed as files).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The values `--help` lists for `--format` (clap's "Possible values:" block).
fn listed_formats(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_format = false;
    let mut in_values = false;
    for line in help.lines() {
        let t = line.trim();
        if t.starts_with("--format") {
            in_format = true;
            continue;
        }
        if in_format && t.starts_with("Possible values:") {
            in_values = true;
            continue;
        }
        if in_values {
            match t.strip_prefix("- ") {
                Some(v) => out.push(v.split(':').next().unwrap().trim().to_string()),
                None => break,
            }
        }
    }
    out
}

/// Every command's `--help` lists exactly the formats it accepts: each
/// listed value runs, each other known value is refused by the parser.
#[test]
fn help_lists_exactly_the_accepted_formats() {
    let red = format!("{EXAMPLE}/scenarios/red-phase.yaml");
    let commands: Vec<Vec<&str>> = vec![
        vec!["services", EXAMPLE],
        vec!["scenario", EXAMPLE, &red],
        vec!["recover", EXAMPLE, &red],
        vec!["chokepoints", EXAMPLE],
        vec!["airgap", EXAMPLE, "--core", "zone:clinical"],
        vec!["paths", EXAMPLE, "--from", "vpn-gw", "--to", "ehr-db"],
        vec!["blast", EXAMPLE, "vpn-gw"],
        vec!["exposure", EXAMPLE],
    ];
    let known = ["text", "json", "dot", "md", "html", "csv", "svg"];
    for cmd in commands {
        let help = ok(&[cmd[0], "--help"]);
        let listed = listed_formats(&help);
        assert!(
            !listed.is_empty(),
            "{}: no format listed in\n{help}",
            cmd[0]
        );
        for f in known {
            let mut args = cmd.clone();
            args.extend(["--format", f]);
            let o = cordon(&args);
            if listed.iter().any(|l| l == f) {
                assert!(
                    o.status.success(),
                    "{args:?} listed but failed: {}",
                    text(&o.stderr)
                );
            } else {
                assert_eq!(o.status.code(), Some(2), "{args:?} not listed but accepted");
                assert!(
                    text(&o.stderr).contains(&format!("[possible values: {}]", listed.join(", "))),
                    "{args:?}: {}",
                    text(&o.stderr)
                );
            }
        }
    }
}

/// `cordon check` suggests a kind for `hypervisor` and `EHR` (synonym
/// table and case), at the kind's line and column.
#[test]
fn unknown_kinds_get_a_did_you_mean() {
    let (_dir, f) = common::model_file(
        "e1-kind.yaml",
        "name: kinds\nzones: [{ id: core }]\ncomponents:\n  - { id: esx1, kind: hypervisor, zone: core }\n  - { id: epr, kind: EHR, zone: core }\n",
    );
    let o = cordon(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("e1-kind.yaml:4:"), "{err}");
    assert!(err.contains("unknown kind `hypervisor`"), "{err}");
    assert!(
        err.contains("did you mean `virtualization-platform`?"),
        "{err}"
    );
    assert!(err.contains("e1-kind.yaml:5:"), "{err}");
    assert!(err.contains("did you mean `ehr`?"), "{err}");
}

const SPARES_CARE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/airgap-spares-care.yaml"
);

/// Wording faults, by kind, in what the model commands print: a count of 1
/// with a plural noun ("1 links"), "these 1", "vendors's", "about 10^0.0",
/// "at most none". Runs every model command on the example and on a small
/// estate where most counts are 1.
#[test]
fn counts_and_names_read_as_english() {
    let red = format!("{EXAMPLE}/scenarios/red-phase.yaml");
    let servers = format!("{EXAMPLE}/scenarios/servers-shut-down.yaml");
    let runs: Vec<Vec<&str>> = vec![
        vec!["exposure", EXAMPLE],
        vec!["chokepoints", EXAMPLE],
        vec!["airgap", EXAMPLE, "--core", "zone:clinical"],
        vec!["services", EXAMPLE],
        vec!["blast", EXAMPLE, "vpn-gw"],
        vec![
            "paths",
            EXAMPLE,
            "--from",
            "external",
            "--to",
            "crown-jewels",
        ],
        vec!["recover", EXAMPLE, &red],
        vec!["scenario", EXAMPLE, &red],
        vec!["scenario", EXAMPLE, &servers],
        vec!["exposure", SPARES_CARE],
        vec![
            "chokepoints",
            SPARES_CARE,
            "--from",
            "internet",
            "--to",
            "gw",
        ],
        vec!["paths", SPARES_CARE, "--from", "internet", "--to", "gw"],
        vec!["check", SPARES_CARE, "--deny", "internet -> gw"],
        vec!["airgap", SPARES_CARE, "--core", "gw"],
        vec!["airgap", SPARES_CARE, "--core", "zone:core"],
    ];
    // Nouns ending in -s in the singular.
    let singular_s = ["access", "class", "status", "process", "analysis"];
    for args in runs {
        let o = cordon(&args);
        let out = text(&o.stdout) + &text(&o.stderr);
        for bad in ["these 1 ", "s's ", "10^0.", "10^-", "at most none"] {
            assert!(!out.contains(bad), "{args:?}: `{bad}` in\n{out}");
        }
        let words: Vec<&str> = out.split_whitespace().collect();
        for w in words.windows(2) {
            let noun = w[1].trim_end_matches(|c: char| !c.is_alphanumeric());
            if w[0] == "1"
                && noun.ends_with('s')
                && noun.chars().all(|c| c.is_ascii_lowercase())
                && !singular_s.contains(&noun)
            {
                panic!("{args:?}: `1 {noun}` in\n{out}");
            }
        }
    }
}

/// `cordon catalog` knows the other names: a synonym shows its kind, every
/// kind lists its synonyms, an unknown name gets the same did-you-mean.
#[test]
fn catalog_knows_other_names() {
    let out = ok(&["catalog", "hypervisor"]);
    assert!(out.contains("virtualization-platform"), "{out}");
    assert!(out.contains("also called: hypervisor"), "{out}");
    let v = json(&["catalog", "--json"]);
    let ehr = v["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "ehr")
        .unwrap();
    assert!(
        ehr["synonyms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "epr")
    );
    let o = cordon(&["catalog", "hypervizor"]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("did you mean `virtualization-platform`?"));
}
