//! AD paths as a BloodHound user reads them (issue 11, fresh-user trial F1.1,
//! F1.2, F1.3, F1.4, F1.7), on the trial's SharpHound v6 collection
//! (`tests/data/ad-trial/`, copied from /work/trial/bh/: STMARTEN.LOCAL with
//! an ESC1 template; `collection-noesc1` without it and without alice's
//! ForceChangePassword on bob).

mod common;

use std::path::Path;

use common::{json, run};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ad-trial");

/// Imports a collection into a fresh model directory.
fn import(collection: &str, dir: &Path) -> String {
    let model = dir.join("model");
    let (code, _, err) = run(&[
        "import",
        "sharphound",
        &format!("{DATA}/{collection}"),
        "-o",
        model.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    model.to_str().unwrap().to_string()
}

/// The numbered hop lines of a text answer.
fn hop_lines(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| {
            let t = l.trim_start();
            t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .collect()
}

#[test]
fn membership_hops_read_as_membership_and_every_hop_has_its_origin() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let (code, out, err) = run(&[
        "paths",
        &m,
        "--from",
        "alice@stmarten.local",
        "--to",
        "carol@stmarten.local",
        "--k",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "ALICE@STMARTEN.LOCAL is a member of DOMAIN USERS@STMARTEN.LOCAL (MemberOf) → control"
        ),
        "{out}"
    );
    assert!(!out.contains("controls DOMAIN USERS"), "{out}");
    assert!(
        out.contains(
            "HELPDESK@STMARTEN.LOCAL is local administrator of WS01.STMARTEN.LOCAL (AdminTo)"
        ),
        "{out}"
    );
    // The session hop says where the session was collected.
    assert!(
        out.contains(
            "WS01.STMARTEN.LOCAL stores credentials for CAROL@STMARTEN.LOCAL → control — HasSession (Sessions) from"
        ),
        "{out}"
    );
    let hops = hop_lines(&out);
    assert!(hops.len() >= 9, "{out}");
    for h in hops {
        assert!(h.contains(" — "), "hop without origin: {h}");
        assert!(!h.contains("S-1-5-"), "raw SID in {h}");
    }
    // The header names the target by its name.
    assert!(
        out.starts_with("CAROL@STMARTEN.LOCAL — best access: control"),
        "{out}"
    );
}

#[test]
fn json_hops_carry_how_they_read() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let v = json(&[
        "paths",
        &m,
        "--from",
        "alice@stmarten.local",
        "--to",
        "domain-admins@stmarten.local",
        "--format",
        "json",
    ]);
    let hops = v[0]["paths"][0]["hops"].as_array().unwrap();
    assert_eq!(hops[0]["reads_as"], "is a member of");
    assert_eq!(hops[0]["protocol"], "MemberOf");
    assert_eq!(hops[0]["kind"], "controls");
    for h in hops {
        assert!(h["reads_as"].as_str().is_some_and(|s| !s.is_empty()));
    }
}

#[test]
fn blast_names_well_known_identities() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let (code, out, err) = run(&["blast", &m, "alice@stmarten.local"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Blast radius of ALICE@STMARTEN.LOCAL"),
        "{out}"
    );
    assert!(out.contains("AUTHENTICATED USERS@STMARTEN.LOCAL"), "{out}");
    let listed: String = out.split("CROWN JEWELS").next().unwrap().to_string();
    assert!(!listed.contains("S-1-5-11"), "{listed}");
    assert!(!listed.contains("S-1-5-21-"), "{listed}");
}

/// F1.1: the path BloodHound draws through CanRDP is named, and the
/// suggested hand-written interaction really makes cordon find it.
#[test]
fn no_path_through_reach_only_logons_says_why_and_how() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection-noesc1", tmp.path());
    let args = [
        "paths",
        m.as_str(),
        "--from",
        "alice@stmarten.local",
        "--to",
        "domain-admins@stmarten.local",
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("No path:"), "{out}");
    assert!(out.contains("BloodHound would show a path"), "{out}");
    assert!(out.contains("through CanRDP"), "{out}");
    assert!(
        out.contains("DOMAIN USERS@STMARTEN.LOCAL can log on by RDP to SRV-EHR01.STMARTEN.LOCAL (CanRDP) → control"),
        "{out}"
    );
    assert!(
        out.contains("[BloodHound traverses it; cordon: reach only]"),
        "{out}"
    );
    // The path BloodHound shows (trial F1.1, counted there as 8: its edges are 7): alice → Domain Users → (CanRDP) SRV-EHR01 → (HasSession) svc-backup → IT-OPS → (AdminTo) WS01 → (HasSession) carol → Domain Admins.
    assert!(
        out.contains("DOMAIN ADMINS@STMARTEN.LOCAL: control in 7 hops"),
        "{out}"
    );
    let suggested: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("- { from:"))
        .collect();
    assert_eq!(suggested.len(), 1, "{out}");
    // Follow the advice: the path is found, with the same 7 hops.
    std::fs::write(
        Path::new(&m).join("rdp-escalation.yaml"),
        format!("interactions:\n{}\n", suggested[0]),
    )
    .unwrap();
    let root = Path::new(&m).join("estate.yaml");
    let text = std::fs::read_to_string(&root).unwrap();
    let text = text.replace("include: [", "include: [rdp-escalation.yaml, ");
    assert!(text.contains("rdp-escalation.yaml"), "{text}");
    std::fs::write(&root, text).unwrap();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ALICE@STMARTEN.LOCAL → DOMAIN ADMINS@STMARTEN.LOCAL: control in 7 hops"),
        "{out}"
    );
    assert!(!out.contains("BloodHound would show"), "{out}");
}

/// F1.7: several sources — Tier Zero ones are left out (and counted), so
/// the ordinary users' paths show; `!` in a list does the same by hand.
#[test]
fn tier_zero_sources_are_left_out_and_negation_selects() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let (code, out, err) = run(&["paths", &m, "--from", "tag:ad-user", "--to", "crown-jewels"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("Left out 2 sources"), "{out}");
    assert!(first.contains("ADMINISTRATOR@STMARTEN.LOCAL"), "{first}");
    assert!(first.contains("--all-sources"), "{first}");
    assert!(
        out.contains("#1 ALICE@STMARTEN.LOCAL → STMARTEN.LOCAL: control in 2 hops"),
        "{out}"
    );
    // Every path starts at a source that is not Tier Zero.
    for l in out.lines().filter(|l| l.trim_start().starts_with("#")) {
        assert!(
            !l.contains("#1 ADMINISTRATOR@") && !l.contains("#1 CAROL@"),
            "{l}"
        );
    }
    // By hand: the same answer, without the note.
    let (code, by_hand, err) = run(&[
        "paths",
        &m,
        "--from",
        "tag:ad-user,!tag:tier-zero",
        "--to",
        "crown-jewels",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!by_hand.contains("Left out"), "{by_hand}");
    assert_eq!(out.split_once("\n\n").unwrap().1, by_hand);
    // JSON stays the list of targets (the note goes to stderr); no path
    // starts at a Tier Zero user.
    let v = json(&[
        "paths",
        &m,
        "--from",
        "tag:ad-user",
        "--to",
        "crown-jewels",
        "--format",
        "json",
    ]);
    let sources: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["paths"].as_array().unwrap())
        .map(|p| p["source_name"].as_str().unwrap())
        .collect();
    assert!(!sources.is_empty());
    assert!(
        sources
            .iter()
            .all(|s| *s != "ADMINISTRATOR@STMARTEN.LOCAL" && *s != "CAROL@STMARTEN.LOCAL"),
        "{sources:?}"
    );
    // --all-sources: the old answer, Tier Zero sources win.
    let (code, all, err) = run(&[
        "paths",
        &m,
        "--from",
        "tag:ad-user",
        "--to",
        "crown-jewels",
        "--all-sources",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!all.contains("Left out"), "{all}");
    assert!(all.contains("#1 ADMINISTRATOR@STMARTEN.LOCAL →"), "{all}");
}

/// Selector lists with `!`: the set difference, checked against the
/// selections one by one (JSON `blast` reports what is held).
#[test]
fn negation_is_the_set_difference() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let held = |sel: &str| -> Vec<String> {
        let v = json(&["blast", &m, sel, "--format", "json"]);
        let mut ids: Vec<String> = v["breached"]
            .as_array()
            .unwrap_or_else(|| panic!("{v}"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    for (a, b) in [
        ("tag:ad-user", "tag:tier-zero"),
        ("kind:ad-group", "crown-jewels"),
        ("all", "tag:ad-group"),
        ("tag:ad-user", "alice@stmarten.local"),
    ] {
        let (sa, sb) = (held(a), held(b));
        let expected: Vec<String> = sa.iter().filter(|x| !sb.contains(x)).cloned().collect();
        assert_eq!(held(&format!("{a},!{b}")), expected, "{a},!{b}");
    }
    // Only exclusions: everything else.
    let all = held("all");
    let not_users = held("!tag:ad-user");
    let users = held("tag:ad-user");
    assert_eq!(not_users.len() + users.len(), all.len());
    // Errors name the fault.
    let (code, _, err) = run(&["blast", &m, "tag:ad-user,!"]);
    assert_ne!(code, 0);
    assert!(err.contains("lone `!`"), "{err}");
    let (code, _, err) = run(&["blast", &m, "tag:ad-user,!tag:ad-user"]);
    assert_ne!(code, 0);
    assert!(err.contains("selects no component"), "{err}");
}

/// F1.4: `--paths` on an AD import (no external zone) says why it draws
/// nothing; `--paths-from` draws the attack steps.
#[test]
fn export_paths_warns_without_outside_and_paths_from_draws() {
    let tmp = tempfile::tempdir().unwrap();
    let m = import("collection", tmp.path());
    let out = tmp.path().join("og.json");
    let steps = |file: &Path| -> usize {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        v["graph"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "CordonAttackStep")
            .count()
    };
    let (code, _, err) = run(&[
        "export",
        "bloodhound-opengraph",
        &m,
        "--paths",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no external"), "{err}");
    assert!(err.contains("--paths-from"), "{err}");
    assert_eq!(steps(&out), 0);
    let (code, _, err) = run(&[
        "export",
        "bloodhound-opengraph",
        &m,
        "--paths-from",
        "alice@stmarten.local",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    // Alice reaches 7 crown jewels (trial: blast alice); each path's hops
    // are drawn once: at least the 2 hops to the domain.
    let n = steps(&out);
    assert!(n >= 2, "{n}");
    assert!(err.contains(&format!("{n} CordonAttackStep")), "{err}");
    // Without ESC1 alice reaches no crown jewel; BloodHound would, via CanRDP.
    let m2 = import("collection-noesc1", &tmp.path().join("noesc1"));
    let (code, _, err) = run(&[
        "export",
        "bloodhound-opengraph",
        &m2,
        "--paths-from",
        "alice@stmarten.local",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(steps(&out), 0);
    assert!(err.contains("no crown jewel other than"), "{err}");
    assert!(err.contains("BloodHound would show a path"), "{err}");
    assert!(err.contains("through CanRDP"), "{err}");
}

/// The shared reproducer `cases/import/primary-group` (expected: alice
/// -MemberOf-> Domain Users -AdminTo-> WS01 -HasSession-> bob -MemberOf->
/// DA) reads hop by hop as BloodHound names the edges, each with its origin.
#[test]
fn primary_group_case_reads_as_bloodhound_edges() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("model");
    let case = format!("{}/cases/import/primary-group", common::SHARED);
    let (code, _, err) = run(&["import", "sharphound", &case, "-o", model.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&[
        "paths",
        model.to_str().unwrap(),
        "--from",
        "alice@corp.local",
        "--to",
        "domain-admins@corp.local",
    ]);
    assert_eq!(code, 0, "{err}");
    let hops: Vec<String> = hop_lines(&out)
        .iter()
        .map(|l| l.trim().split_once(" → ").unwrap().0.to_string())
        .collect();
    assert_eq!(
        hops,
        [
            "1. ALICE@CORP.LOCAL is a member of DOMAIN USERS@CORP.LOCAL (MemberOf)",
            "2. DOMAIN USERS@CORP.LOCAL is local administrator of WS01.CORP.LOCAL (AdminTo)",
            "3. WS01.CORP.LOCAL stores credentials for BOB@CORP.LOCAL",
            "4. BOB@CORP.LOCAL is a member of DOMAIN ADMINS@CORP.LOCAL (MemberOf)",
        ],
        "{out}"
    );
    let lines = hop_lines(&out);
    assert!(lines[2].contains("— HasSession (Sessions) from"), "{out}");
    assert!(lines[2].contains("computers.json record 0"), "{out}");
    for l in lines {
        assert!(l.contains(" — "), "{l}");
    }
}
