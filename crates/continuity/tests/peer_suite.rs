//! The MEF peer suite (`shared/data/mef-peers/`): SCRAM 0.16.2's own inputs,
//! large synthetic trees and SCRAM's answer for each in `expected.json`.
//!
//! - every entry of `expected.json` is reproduced (cut-set count exact,
//!   probability within 5e-6 relative, as SCRAM prints 6 digits), or is
//!   listed below with the reason;
//! - every input SCRAM refuses (`tests/data/scram_invalid.txt`, made with
//!   `scram FILE --validate`) is refused with a located message, or listed.
//!
//! Entries whose files exceed `HEAVY_BYTES` run in `peer_suite_heavy`
//! (`cargo test -p cordon-continuity --test peer_suite -- --ignored`);
//! the Aralia ones are also in `tests/aralia.rs`.
//!
//! `CORDON_PEER_REPORT=1` prints one line per entry (the figure in
//! docs/continuity.md comes from it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use cordon_continuity::{Error, MefModel, ReadOptions, Settings};
use serde_json::Value;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/mef-peers"
);
const INVALID: &str = include_str!("data/scram_invalid.txt");
const HEAVY_BYTES: u64 = 120_000;

/// Entries cordon does not reproduce, with the reason.
const NOT_REPRODUCED: &[(&str, &str)] = &[];

/// Inputs SCRAM refuses that cordon accepts, with the reason.
const ACCEPTED_INVALID: &[(&str, &str)] = &[];

/// Inputs SCRAM refuses that have one clear reading: refused by default
/// with a message pointing at `--lenient`, read with it.
const LENIENT_READABLE: &[&str] = &[
    "scram/tests/input/custom_xmlns.xml",
    "scram/tests/input/empty_attribute.xml",
    "scram/tests/input/fta/repeated_attribute.xml",
    "augmented/tests/input/fta/repeated_attribute.xml",
    "scram/tests/input/fta/repeated_child.xml",
    "augmented/tests/input/fta/repeated_child.xml",
    "scram/tests/input/eta/invalid_collect_formula.xml",
    "scram/tests/input/empty_element.xml",
];

fn path(rel: &str) -> PathBuf {
    PathBuf::from(DIR).join(rel)
}

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(path("expected.json")).expect("expected.json");
    let v: BTreeMap<String, Value> = serde_json::from_str(&text).expect("json");
    v.into_iter().filter(|(k, _)| !k.starts_with('_')).collect()
}

fn size(key: &str) -> u64 {
    key.split('+')
        .map(|f| std::fs::metadata(path(f)).map_or(0, |m| m.len()))
        .sum()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 5e-6 * want.abs().max(got.abs()) + 1e-300 || (got == 0.0 && want == 0.0)
}

/// One target's answer: (count, probability).
fn analyse(model: &MefModel, name: &str, order_limit: usize) -> Result<(u128, f64), String> {
    let target = model.target(name).map_err(|e| e.to_string())?;
    let tt = model.fault_tree(&target).map_err(|e| e.to_string())?;
    let settings = Settings {
        order_limit: Some(order_limit),
        ..Settings::default()
    };
    let a = tt.tree.analyze(&settings).map_err(|e| e.to_string())?;
    Ok((a.mcs_count(), a.probability()))
}

fn check_answer(model: &MefModel, want: &Value, order_limit: usize) -> Result<(), String> {
    let one = |name: &str, w: &Value| -> Result<(), String> {
        let (n, p) = analyse(model, name, order_limit)?;
        let wn = w["mcs_count"].as_u64().unwrap() as u128;
        let wp = w["probability"].as_f64().unwrap();
        if n != wn || !close(p, wp) {
            return Err(format!(
                "{name}: cordon {n} cut sets, p={p:e}; SCRAM {wn}, p={wp:e}"
            ));
        }
        Ok(())
    };
    // A sequence several initiating events reach is `IE/S` in cordon; SCRAM
    // reports each under `S` and the peer file kept one of them.
    let compare = |name: &str, w: &Value| -> Result<(), String> {
        let first = one(name, w);
        if first.is_ok() {
            return first;
        }
        let targets = model.targets().map_err(|e| e.to_string())?;
        let suffix = format!("/{name}");
        if targets
            .iter()
            .filter(|t| t.name.ends_with(&suffix))
            .any(|t| one(&t.name, w).is_ok())
        {
            return Ok(());
        }
        first
    };
    if let Some(results) = want.get("results").and_then(Value::as_object) {
        let targets: Vec<String> = model
            .targets()
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|t| t.name)
            .collect();
        let mut expected_names: Vec<&String> = results.keys().collect();
        expected_names.sort();
        let mut got: Vec<String> = targets
            .iter()
            .map(|t| t.rsplit('/').next().unwrap_or(t).to_string())
            .collect();
        got.sort();
        got.dedup();
        if got.iter().collect::<Vec<_>>() != expected_names {
            return Err(format!("targets {got:?}, SCRAM reports {expected_names:?}"));
        }
        for (name, w) in results {
            compare(name, w)?;
        }
        Ok(())
    } else {
        compare(want["top"].as_str().unwrap(), want)
    }
}

fn run_entry(key: &str, want: &Value) -> Result<(), String> {
    let files: Vec<PathBuf> = key.split('+').map(path).collect();
    let order_limit = want
        .get("limit_order")
        .and_then(Value::as_u64)
        .unwrap_or(100) as usize;
    let plain = ReadOptions {
        ccf: false,
        ..ReadOptions::default()
    };
    let model = MefModel::load(&files, &plain).map_err(|e| format!("refused: {e}"))?;
    check_answer(&model, want, order_limit)?;
    if let Some(ccf) = want.get("ccf_expanded") {
        let model = MefModel::load(&files, &ReadOptions::default())
            .map_err(|e| format!("refused with CCF: {e}"))?;
        check_answer(&model, ccf, order_limit).map_err(|e| format!("CCF expanded: {e}"))?;
    }
    Ok(())
}

/// The MEF features a peer entry uses (for the table in docs/continuity.md).
fn features(key: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut text = String::new();
    for f in key.split('+') {
        let bytes = std::fs::read(path(f)).unwrap_or_default();
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            out.push("encoding");
        }
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    if key.contains('+') || text.contains("xi:include") {
        out.push("several files");
    }
    if text.contains("define-event-tree") {
        out.push("event trees");
    }
    if text.contains("define-CCF-group") {
        out.push("CCF");
    }
    if [
        "define-parameter",
        "<exponential",
        "<GLM",
        "<Weibull",
        "periodic-test",
        "-deviate",
        "system-mission-time",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        out.push("expressions");
    }
    if text.contains("role=\"private\"") || text.contains("define-component") {
        out.push("roles");
    }
    if text.contains("define-substitution") {
        out.push("substitutions");
    }
    if text.contains("define-alignment") || text.contains("define-extern") {
        out.push("alignments, extern functions");
    }
    if out.is_empty() {
        out.push("fault trees");
    }
    out
}

fn table(title: &str, rows: &BTreeMap<&'static str, [usize; 2]>, heads: [&str; 2]) {
    println!("{title}: feature | {} | {}", heads[0], heads[1]);
    for (feature, [a, b]) in rows {
        println!("{title}: {feature} | {a} | {b}");
    }
}

fn run(heavy: bool) {
    let report = std::env::var("CORDON_PEER_REPORT").is_ok();
    let mut failures = Vec::new();
    let (mut agreed, mut listed) = (0, 0);
    let mut by_feature: BTreeMap<&'static str, [usize; 2]> = BTreeMap::new();
    for (key, want) in expected() {
        if (size(&key) > HEAVY_BYTES) != heavy {
            continue;
        }
        let outcome = run_entry(&key, &want);
        let known = NOT_REPRODUCED.iter().find(|(k, _)| *k == key);
        for f in features(&key) {
            by_feature.entry(f).or_default()[usize::from(outcome.is_err())] += 1;
        }
        if report {
            println!(
                "PEER {} {key} {}",
                if outcome.is_ok() { "agree" } else { "differ" },
                outcome.as_ref().err().map_or("", String::as_str)
            );
        }
        match (outcome, known) {
            (Ok(()), None) => agreed += 1,
            (Ok(()), Some(_)) => {
                failures.push(format!("{key}: now agrees, remove it from NOT_REPRODUCED"))
            }
            (Err(_), Some(_)) => listed += 1,
            (Err(e), None) => failures.push(format!("{key}: {e}")),
        }
    }
    println!(
        "peer suite ({}): {agreed} agree, {listed} listed as not reproduced",
        if heavy { "heavy" } else { "light" }
    );
    if report {
        table("AGREE", &by_feature, ["agree", "refused or differ"]);
    }
    assert!(
        failures.is_empty(),
        "{} entries:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn peer_suite_light() {
    run(false);
}

#[test]
#[ignore = "large models: minutes in a debug build"]
fn peer_suite_heavy() {
    run(true);
}

#[test]
fn scram_invalid_inputs_are_refused_with_a_location() {
    let report = std::env::var("CORDON_PEER_REPORT").is_ok();
    let mut failures = Vec::new();
    let mut refused = 0;
    let mut by_feature: BTreeMap<&'static str, [usize; 2]> = BTreeMap::new();
    for line in INVALID.lines().filter(|l| !l.trim().is_empty()) {
        let (file, scram) = line.split_once(" :: ").unwrap();
        let known = ACCEPTED_INVALID.iter().find(|(k, _)| *k == file);
        let outcome = MefModel::load(&[path(file)], &ReadOptions::default()).and_then(|m| {
            // Structure errors SCRAM finds at analysis time surface when
            // the targets are built.
            for t in m.targets()? {
                m.fault_tree(&t)?;
            }
            Ok(())
        });
        for f in features(file) {
            by_feature.entry(f).or_default()[usize::from(outcome.is_ok())] += 1;
        }
        if report {
            println!(
                "INVALID {file} ({scram}): {}",
                match &outcome {
                    Ok(()) => "accepted".to_string(),
                    Err(e) => e.to_string(),
                }
            );
        }
        match (outcome, known) {
            (Err(Error::Mef { line, .. }), None) if line >= 1 => refused += 1,
            (Err(Error::Io { .. }), None) => refused += 1,
            (Err(e), None) => failures.push(format!("{file}: refused without a location: {e}")),
            (Ok(()), None) => failures.push(format!("{file}: accepted, SCRAM says {scram}")),
            (Ok(()), Some(_)) => {}
            (Err(_), Some(_)) => failures.push(format!(
                "{file}: now refused, remove it from ACCEPTED_INVALID"
            )),
        }
    }
    println!("{refused} invalid inputs refused with a location");
    if report {
        table("INVALID", &by_feature, ["refused", "accepted"]);
    }
    assert!(
        failures.is_empty(),
        "{} inputs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn lenient_reads_what_scram_refuses_but_reads_one_way() {
    let lenient = ReadOptions {
        lenient: true,
        ..ReadOptions::default()
    };
    for file in LENIENT_READABLE {
        match MefModel::load(&[path(file)], &ReadOptions::default()) {
            Err(Error::Mef { line, message, .. }) => {
                assert!(line >= 1, "{file}");
                assert!(message.contains("--lenient"), "{file}: {message}");
            }
            Err(e) => panic!("{file}: not located: {e}"),
            Ok(_) => panic!("{file}: SCRAM refuses it, the default must too"),
        }
        let m = MefModel::load(&[path(file)], &lenient).unwrap_or_else(|e| panic!("{file}: {e}"));
        for t in m.targets().unwrap() {
            m.fault_tree(&t).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    }
    // An undeclared namespace prefix is malformed XML: refused either way.
    let undeclared = path("scram/tests/input/undefined_xmlns.xml");
    assert!(matches!(
        MefModel::load(&[undeclared], &lenient),
        Err(Error::Mef { line: 5, .. })
    ));
}

/// Valid inputs SCRAM has no answer for (no probabilities, parts of a
/// model, unsupported analyses): cordon reads them, or refuses with a
/// location.
#[test]
fn other_peer_inputs_are_read_or_refused_with_a_location() {
    let report = std::env::var("CORDON_PEER_REPORT").is_ok();
    let expected = expected();
    let invalid: Vec<&str> = INVALID
        .lines()
        .filter_map(|l| l.split_once(" :: ").map(|x| x.0))
        .collect();
    let in_expected = |f: &str| expected.keys().any(|k| k.split('+').any(|p| p == f));
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::from(DIR)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p.strip_prefix(DIR).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    let (mut read, mut refused) = (0, 0);
    let mut by_feature: BTreeMap<&'static str, [usize; 2]> = BTreeMap::new();
    let mut failures = Vec::new();
    for f in files
        .iter()
        .filter(|f| !in_expected(f) && !invalid.contains(&f.as_str()))
    {
        if std::fs::metadata(path(f)).map_or(0, |m| m.len()) > HEAVY_BYTES {
            continue;
        }
        let outcome = MefModel::load(&[path(f)], &ReadOptions::default()).and_then(|m| {
            for t in m.targets()? {
                m.fault_tree(&t)?;
            }
            Ok(())
        });
        for feat in features(f) {
            by_feature.entry(feat).or_default()[usize::from(outcome.is_err())] += 1;
        }
        if report {
            println!(
                "OTHER {f}: {}",
                outcome
                    .as_ref()
                    .err()
                    .map_or("read".to_string(), ToString::to_string)
            );
        }
        match outcome {
            Ok(()) => read += 1,
            Err(Error::Mef { .. }) | Err(Error::Top(_)) => refused += 1,
            Err(e) => failures.push(format!("{f}: refused without a location: {e}")),
        }
    }
    println!("other peer inputs: {read} read, {refused} refused with a location");
    if report {
        table("OTHER", &by_feature, ["read", "refused"]);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
