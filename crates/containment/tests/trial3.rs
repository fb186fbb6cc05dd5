//! Third fresh-user trial (notes s3, findings F2.x of the crisis cell),
//! inputs copied under `tests/fixtures/trial3/`. Each expected answer is
//! worked out by hand from the model file (weights, fallbacks), not taken
//! from the engine.

use std::path::PathBuf;

use cordon_containment::{Scenario, run_scenario};
use cordon_continuity::Settings;
use cordon_model::Model;
use cordon_services::{ServiceState, analyze_services};

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trial3")
        .join(p)
}

fn load(p: &str) -> Model {
    Model::load(&fixture(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn model(y: &str) -> Model {
    Model::from_yaml(y, "t.yaml").unwrap_or_else(|e| panic!("{e}"))
}

/// Criticality weights of docs/containment.md (critical 8, high 4, low 1)
/// and the fallback capacities of the trial estate, by hand: emergency 8
/// (0.3), teleradiology 4 (0.5), dispensing 4 (0.4), nurse-calls 8 (0.2),
/// email 1 (none).
fn care_by_hand(degraded: &[&str], down: &[&str]) -> f64 {
    let svc = [
        ("emergency", 8.0, 0.3),
        ("teleradiology", 4.0, 0.5),
        ("dispensing", 4.0, 0.4),
        ("nurse-calls", 8.0, 0.2),
        ("email", 1.0, 0.0),
    ];
    let total: f64 = svc.iter().map(|s| s.1).sum();
    let kept: f64 = svc
        .iter()
        .map(|&(id, w, fb)| {
            if down.contains(&id) {
                0.0
            } else if degraded.contains(&id) {
                w * fb
            } else {
                w
            }
        })
        .sum();
    kept / total
}

#[test]
fn f2_0_a_hypervisor_that_lost_dns_keeps_its_guests_running() {
    let m = load("hosp-dns/estate.yaml");
    let s = Scenario::load(&fixture("hosp-dns/s.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let e = &out[1].evaluation;
    // The host itself cannot resolve names (unavailable), but it runs.
    let esx = m.component_id("esx-shared").unwrap();
    assert!(e.availability.is_unavailable(esx));
    assert!(!e.availability.stopped[esx.index()]);
    // Not one guest is lost: esx-shared is the only thing that lost DNS.
    assert_eq!(e.unavailable, vec![esx], "{:?}", e.unavailable);
    for svc in &e.services {
        assert_eq!(svc.state, ServiceState::Up, "{}", svc.id);
    }
    assert!((e.care.care_capacity - care_by_hand(&[], &[])).abs() < 1e-9);
}

#[test]
fn f2_0_the_cut_sets_of_a_guest_never_hold_its_hosts_dns() {
    let m = load("hosp-dns/estate.yaml");
    let a = analyze_services(&m, &Settings::default(), usize::MAX).unwrap();
    let email = a
        .iter()
        .find(|x| m.services[x.service.0 as usize].id == "email")
        .unwrap();
    // email: all(mail, internet), mail runs on esx-shared and resolves
    // nothing: its only cut sets are the three single components.
    let mut got: Vec<Vec<String>> = email
        .cut_sets
        .iter()
        .map(|c| {
            c.components
                .iter()
                .map(|x| m.component(*x).id.clone())
                .collect()
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![vec!["esx-shared"], vec!["internet"], vec!["mail"]]
    );
    // 1 − 0.99³ (default p_fail 0.01 each).
    assert!((email.probability - (1.0 - 0.99f64.powi(3))).abs() < 1e-12);
}

#[test]
fn f2_0_a_hypervisor_that_lost_its_ad_logons_keeps_the_mail_vm() {
    let m = load("hosp-esxad/estate.yaml");
    let s = Scenario::load(&fixture("hosp-esxad/s.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let e = &out[1].evaluation;
    let mail = m.component_id("mail").unwrap();
    assert!(!e.availability.is_unavailable(mail));
    // Every domain-joined system lost logons or DNS: emergency,
    // teleradiology (pacs/ris resolve in north), dispensing and nurse calls
    // on their fallbacks; email (mail in the DMZ) stays up.
    let state = |id: &str| &e.services.iter().find(|s| s.id == id).unwrap().state;
    assert_eq!(*state("email"), ServiceState::Up);
    let want = care_by_hand(
        &["emergency", "teleradiology", "dispensing", "nurse-calls"],
        &[],
    );
    assert!(
        (e.care.care_capacity - want).abs() < 1e-9,
        "{} vs {want}",
        e.care.care_capacity
    );
}

#[test]
fn f2_0_a_switch_that_lost_dns_still_supplies_its_devices() {
    let m = load("hosp/estate.yaml");
    let s = Scenario::load(&fixture("hosp/scenarios/isonorth.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let e = &out[2].evaluation;
    let ct = m.component_id("ct-north").unwrap();
    assert!(!e.availability.is_unavailable(ct));
    let sw = m.component_id("sw-north").unwrap();
    assert!(e.availability.is_unavailable(sw) && !e.availability.stopped[sw.index()]);
}

/// The other side of the rule: what a guest really shares with its host
/// still passes — the host switched off, without power, or without its
/// datastore — and the cause reads as one sentence.
#[test]
fn f2_0_a_host_that_is_stopped_still_takes_its_guests() {
    let m = model(
        "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: ups, kind: ot-controller, zone: z }\n  - { id: san, kind: storage, zone: z }\n  - { id: dns, kind: dns, zone: z }\n  - { id: esx, kind: virtualization-platform, zone: z }\n  - { id: vm, kind: erp, zone: z, runs_on: esx }\ninteractions:\n  - { from: ups, to: esx, kind: supplies }\n  - { from: san, to: esx, kind: stores }\n  - { from: dns, to: esx, kind: resolves }\n",
    );
    let id = |s: &str| m.component_id(s).unwrap();
    for (off, vm_lost) in [("ups", true), ("san", true), ("esx", true), ("dns", false)] {
        let mut down = vec![false; m.components.len()];
        down[id(off).index()] = true;
        let a = cordon_services::availability(&m, &down, &[]);
        assert!(a.is_unavailable(id("esx")), "{off}");
        assert_eq!(a.is_unavailable(id("vm")), vm_lost, "{off}");
        if off == "san" {
            let text = cordon_services::explain(&m, &a, id("vm"), &|_| "switched off");
            assert_eq!(
                text,
                "vm — hosted by esx, which is stored on san, which is switched off"
            );
        }
    }
}

/// The cause text of a dependent whose provider lost a redundancy group
/// reads as one sentence (was "…, which lost every provider of redundancy
/// group `dns` (resolves) is lost: …").
#[test]
fn f2_0_group_loss_further_down_a_chain_reads_as_a_sentence() {
    let m = model(
        "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: dc1, kind: active-directory, zone: z, redundancy: dcs }\n  - { id: dc2, kind: active-directory, zone: z, redundancy: dcs }\n  - { id: db, kind: database-server, zone: z }\n  - { id: app, kind: erp, zone: z }\ninteractions:\n  - { from: dc1, to: db, kind: authenticates }\n  - { from: dc2, to: db, kind: authenticates }\n  - { from: db, to: app, kind: stores }\n",
    );
    let id = |s: &str| m.component_id(s).unwrap();
    let mut down = vec![false; m.components.len()];
    down[id("dc1").index()] = true;
    let cut: Vec<bool> = m
        .interactions
        .iter()
        .map(|e| m.component(e.from).id == "dc2")
        .collect();
    let a = cordon_services::availability(&m, &down, &cut);
    let text = cordon_services::explain(&m, &a, id("app"), &|_| "switched off");
    assert_eq!(
        text,
        "app — stored on db, which lost every provider of redundancy group `dcs` (authenticates): dc1 (unavailable), dc2 (link cut)"
    );
}

#[test]
fn f2_5_restore_from_backups_that_are_encrypted_warns() {
    let m = load("hosp/estate.yaml");
    let s = Scenario::load(&fixture("hosp/scenarios/bk.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    // Step 4 restores ehr-db; its only backup system (backup, tagged
    // `backed-up` ⇒ backup backs-up ehr-db) was encrypted at step 2.
    let w = &out[4].warnings;
    assert!(
        w.iter().any(
            |x| x.contains("ehr-db is backed up only by backup (encrypted)")
                && x.contains("no clean copy of ehr-db")
        ),
        "{w:?}"
    );
    // With the backup system intact the same restore says nothing.
    let s = Scenario::parse_lines("encrypt ehr-db\nrestore ehr-db\n", "x").unwrap();
    let out = run_scenario(&m, &s).unwrap();
    assert!(out[2].warnings.is_empty(), "{:?}", out[2].warnings);
    // Held (not encrypted) and not running count as lost too; rebuilding
    // the backup system first clears the warning.
    for (lines, warns) in [
        (
            "compromise backup\nencrypt ehr-db\nrestore ehr-db\n",
            Some("held by the attacker"),
        ),
        (
            "shutdown esx-south\nencrypt ehr-db\nrestore ehr-db\n",
            Some("not running"),
        ),
        (
            "encrypt backup\nencrypt ehr-db\nrestore backup\nrestore ehr-db\n",
            None,
        ),
    ] {
        let s = Scenario::parse_lines(lines, "x").unwrap();
        let out = run_scenario(&m, &s).unwrap();
        let w = &out.last().unwrap().warnings;
        match warns {
            Some(why) => assert!(
                w.iter().any(|x| x.contains(&format!("backup ({why})"))),
                "{lines}: {w:?}"
            ),
            None => assert!(w.is_empty(), "{lines}: {w:?}"),
        }
    }
}

#[test]
fn f2_5_recover_says_when_a_rebuild_has_no_clean_copy() {
    let m = model(
        "zones:\n  - { id: internet, external: true }\n  - { id: dmz }\n  - { id: mgmt }\ncomponents:\n  - { id: portal, kind: patient-portal, zone: dmz, exposed: true, tags: [backed-up] }\n  - { id: bk, kind: backup-system, zone: mgmt }\nservices:\n  - { id: booking, needs: \"all(portal, internet)\" }\n",
    );
    for (lines, gap) in [
        ("encrypt bk\nencrypt portal\nisolate external\n", true),
        ("encrypt portal\nisolate external\n", false),
    ] {
        let s = Scenario::parse_lines(lines, "x").unwrap();
        let plan = cordon_containment::recover(&m, &s).unwrap();
        let step = plan
            .steps
            .iter()
            .find(|st| st.rebuild.contains(&m.component_id("portal").unwrap()))
            .unwrap_or_else(|| panic!("{lines}: no step rebuilds portal"));
        assert_eq!(!step.no_clean_backup.is_empty(), gap, "{lines}");
        if gap {
            assert!(
                step.no_clean_backup[0]
                    .describe(&m)
                    .starts_with("portal is backed up only by bk (encrypted)")
            );
        }
    }
}

#[test]
fn f2_3_restoring_a_foothold_says_it_is_rebuilt() {
    let m = load("hosp/estate.yaml");
    let s = Scenario::parse_lines(
        "compromise vpn-gw\nisolate zone:dmz\nrestore zone:dmz\n",
        "x",
    )
    .unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let n = &out[3].notes;
    assert!(
        n.iter()
            .any(|x| x == "rebuilt from clean media: vpn-gw (the attacker's foothold)"),
        "{n:?}"
    );
}

#[test]
fn f2_1_the_component_cut_lists_no_guest_of_another_element_and_says_it_stops_the_target() {
    let m = load("hosp/estate.yaml");
    let from = m.select_str("admin-ws").unwrap();
    let to = m.select_str("ehr-db").unwrap();
    let c = cordon_containment::chokepoints(&m, &from, &to, cordon_model::AccessLevel::Write, 5);
    let cut = c.component_cut.expect("a component cut");
    let mut ids: Vec<&str> = cut
        .points
        .iter()
        .map(|p| m.component(p.component.unwrap()).id.as_str())
        .collect();
    ids.sort();
    // By hand: admin-ws reaches ehr-db over esx-shared (controls → hosts),
    // over dc1 (stored credentials → controls; dc1 runs on esx-shared) and
    // over vcenter (credentials → controls esx-shared). Switching
    // esx-shared off stops dc1 too: esx-shared and vcenter suffice
    // (scenarios/cut2.yaml), and esx-shared hosts ehr-db itself.
    assert_eq!(ids, vec!["esx-shared", "vcenter"]);
    assert_eq!(cut.cost, 2.0);
    assert!(cut.verified);
    assert!(
        cut.notes.iter().any(|n| n.starts_with("dc1 is not listed")),
        "{:?}",
        cut.notes
    );
    assert!(
        cut.notes
            .iter()
            .any(|n| n.starts_with("this cut stops ehr-db itself (ehr-db runs on esx-shared)")),
        "{:?}",
        cut.notes
    );
    // The scenario applying the same two shutdowns agrees: nothing reached.
    let s = Scenario::load(&fixture("hosp/scenarios/cut2.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    assert!(out[3].evaluation.crown_jewels.is_empty());
}

#[test]
fn f2_3_a_scenario_the_yaml_reader_refuses_comes_with_a_help() {
    for (text, want) in [
        (
            "name: x\nsteps:\n  - compromise: vpn-gw\n  - encrypt: [ehr-db, pacs]\n",
            "one step per target",
        ),
        (
            "name: x\nstep:\n  - encrypt: a\n",
            "each step is one action",
        ),
    ] {
        match Scenario::from_yaml(text, "sc.yaml") {
            Err(cordon_containment::Error::Scenario(d)) => {
                assert!(d[0].location.is_some(), "{text}");
                let help = d[0].help.as_deref().unwrap_or("");
                assert!(help.contains(want), "{text}: {help}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

/// The alternatives printed under "stays up" for one service after a step.
fn alternatives(out: &[cordon_containment::StepOutcome], step: usize, svc: &str) -> Vec<String> {
    out[step]
        .evaluation
        .services
        .iter()
        .find(|o| o.id == svc)
        .map(|o| o.alternatives.clone())
        .unwrap_or_default()
}

#[test]
fn f2_3_stays_up_lists_only_redundancy_that_carries_the_service() {
    // scenarios/south.yaml: esx-south off, then sw-south off. By hand from
    // the estate: ehr-app-3 runs on esx-south (lost), so its DNS and DC
    // groups keep nothing up; emergency is kept up by 2 of 3 EHR front
    // ends, by ct-north for any(ct-north, ct-south) (ct-south loses its
    // switch at step 2), by dc1 for the front ends still up (ad-auth) and
    // by dns1 for the needed components still up that resolve names.
    let m = load("hosp/estate.yaml");
    let s = Scenario::load(&fixture("hosp/scenarios/south.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let alt = alternatives(&out, 2, "emergency");
    assert_eq!(
        alt,
        vec![
            "atleast(2, ehr-app-1, ehr-app-2, ehr-app-3): up on ehr-app-1, ehr-app-2; lost ehr-app-3",
            "any(ct-north, ct-south): up on ct-north; lost ct-south",
            "redundancy group `dcs` (authenticates) of ehr-app-1, ehr-app-2: up on dc1; lost dc2",
            "redundancy group `dns` (resolves) of ehr-app-1, ehr-app-2, ehr-db, lab-system, hl7-engine, pacs: up on dns1; lost dns2",
        ],
        "{alt:#?}"
    );
    // Nurse calls are degraded at step 2 (nurse-call and pbx lost their
    // switch): nothing keeps them up, so no alternative is listed.
    assert!(alternatives(&out, 2, "nurse-calls").is_empty());
    // At step 1 they are up, their DNS from dns1.
    assert_eq!(
        alternatives(&out, 1, "nurse-calls"),
        vec!["redundancy group `dns` (resolves) of nurse-call, pbx: up on dns1; lost dns2"]
    );
}

#[test]
fn f2_3_no_alternative_names_a_lost_component_as_what_it_keeps_up() {
    // Every scenario of the trial: a redundancy line's dependents ("of X,
    // Y") are components that are themselves available in that step, and
    // an alternative is only listed for a service that is up.
    let m = load("hosp/estate.yaml");
    for f in ["south.yaml", "bk.yaml", "cut2.yaml", "isonorth.yaml"] {
        let s = Scenario::load(&fixture(&format!("hosp/scenarios/{f}"))).unwrap();
        for (n, step) in run_scenario(&m, &s).unwrap().iter().enumerate() {
            let e = &step.evaluation;
            for o in &e.services {
                if !o.alternatives.is_empty() {
                    assert_eq!(o.state, ServiceState::Up, "{f} step {n}: {}", o.id);
                }
                for a in &o.alternatives {
                    let Some(rest) = a.strip_prefix("redundancy group `") else {
                        continue;
                    };
                    let of = rest.split_once(") of ").unwrap().1;
                    let of = of.split_once(": up on ").unwrap().0;
                    for id in of.split(", ") {
                        let c = m.component_id(id).unwrap();
                        assert!(
                            !e.unavailable.contains(&c),
                            "{f} step {n}: {a} names {id}, which is unavailable"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn f2_3_an_alternative_under_a_lost_branch_keeps_nothing_up() {
    // any(all(any(any(a, b), e), c), d) with b and c down: any(a, b) still
    // holds, but the all(…) above it is lost (c), so only d carries the
    // service — the one alternative is the outer any.
    let m = model(
        "name: t\nzones: [{ id: z }]\ncomponents:\n\
         - { id: a, kind: ehr, zone: z }\n- { id: b, kind: ehr, zone: z }\n\
         - { id: c, kind: ehr, zone: z }\n- { id: d, kind: ehr, zone: z }\n\
         - { id: e, kind: ehr, zone: z }\n\
         services:\n- { id: s, criticality: high, needs: 'any(all(any(any(a, b), e), c), d)' }\n",
    );
    let s = Scenario::parse_lines("shutdown b\nshutdown c\n", "x").unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let alt = alternatives(&out, 2, "s");
    assert_eq!(alt, vec!["any(all(…), d): up on d; lost all(…)"], "{alt:?}");
}

#[test]
fn f2_3_every_problem_of_a_scenario_file_is_reported_with_a_help() {
    // The trial's bad/sc.yaml: an empty side of `->` (line 3) and a list
    // as a target (line 4) — both reported in one run, each with a help.
    let d = match Scenario::load(&fixture("bad/sc.yaml")) {
        Err(cordon_containment::Error::Scenario(d)) => d,
        other => panic!("{other:?}"),
    };
    let at: Vec<(u32, u32)> = d
        .iter()
        .map(|x| {
            let l = x.location.as_ref().unwrap();
            (l.line, l.column)
        })
        .collect();
    assert_eq!(at, vec![(3, 14), (4, 14)], "{d:?}");
    assert!(d.iter().all(|x| x.help.is_some()), "{d:?}");
    // Several kinds of problem in one file: a step written as text, an
    // unknown key, a mapping, an empty target — one problem each, in order.
    let text = "name: x\nsteps:\n  - encrypt ehr-db\n  - encrpyt: pacs\n  - isolate: {a: 1}\n  - restore:\n  - compromise: vpn-gw\n";
    let d = match Scenario::from_yaml(text, "sc.yaml") {
        Err(cordon_containment::Error::Scenario(d)) => d,
        other => panic!("{other:?}"),
    };
    let lines: Vec<u32> = d
        .iter()
        .map(|x| x.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, vec![3, 4, 5, 6], "{d:?}");
    assert!(
        d[0].help
            .as_deref()
            .unwrap()
            .contains("`- encrypt: ehr-db`")
    );
    assert!(d[1].message.contains("`encrpyt`"));
    assert!(d.iter().all(|x| x.help.is_some()), "{d:?}");
    // A well-formed file still reads.
    let ok = Scenario::from_yaml(
        "name: x\nsteps:\n  - encrypt: ehr-db\n    because: it said so\n    label: s1\n",
        "sc.yaml",
    )
    .unwrap();
    assert_eq!(ok.steps.len(), 1);
    assert_eq!(ok.steps[0].because.as_deref(), Some("it said so"));
}
