//! Wrong and misleading answers a fresh user found in the crisis cell's
//! tools (trial findings F2.x, inputs copied under `tests/fixtures/`), each
//! checked against an oracle computed here independently of the engine.

use std::path::PathBuf;

use cordon_containment::{Scenario, chokepoints, evaluate_cut, recover, run_scenario};
use cordon_model::{AccessLevel, Model};
use cordon_services::ServiceState;

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn load(p: &str) -> Model {
    Model::load(&fixture(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn link(m: &Model, from: &str, to: &str) -> usize {
    (0..m.interactions.len())
        .find(|&i| {
            let e = &m.interactions[i];
            m.component(e.from).id == from && m.component(e.to).id == to
        })
        .unwrap_or_else(|| panic!("no link {from} -> {to}"))
}

/// Oracle for `booking: all(atleast(2, web-1, web-2, web-3), internet,
/// ehr-db)`: a web server serves booking only while the internet reaches it
/// and it reaches the database; booking is up with two such servers.
fn booking_up_by_hand(m: &Model, cut: &[bool], down: &[bool]) -> bool {
    let ok = |w: &str| {
        let c = m.component_id(w).unwrap();
        !down[c.index()]
            && !cut[link(m, "internet", w)]
            && !cut[link(m, w, "ehr-db")]
            && !m.component(c).runs_on.iter().any(|h| down[h.index()])
    };
    ["web-1", "web-2", "web-3"].iter().filter(|w| ok(w)).count() >= 2
}

fn booking(services: &[cordon_containment::ServiceOutcome]) -> &ServiceState {
    &services.iter().find(|s| s.id == "booking").unwrap().state
}

#[test]
fn f2_4_a_front_end_cut_from_its_users_does_not_count() {
    let m = load("hospital3");
    let from = m.select_str("internet").unwrap();
    let to = m.select_str("ehr-db").unwrap();
    let c = chokepoints(&m, &from, &to, AccessLevel::Reach, 10);
    let none = vec![false; m.components.len()];
    let mut checked = 0;
    for cut in [&c.interaction_cut, &c.cheapest_interaction_cut]
        .into_iter()
        .flatten()
    {
        let mut mask = vec![false; m.interactions.len()];
        for p in &cut.points {
            mask[p.interaction.unwrap()] = true;
        }
        let up = booking_up_by_hand(&m, &mask, &none);
        assert_eq!(*booking(&cut.services) == ServiceState::Up, up);
        if !up {
            assert!(
                cut.care.care_capacity < 1.0,
                "a cut losing booking costs care"
            );
        }
        checked += 1;
    }
    if let Some(cut) = &c.component_cut {
        let mut down = none.clone();
        for p in &cut.points {
            down[p.component.unwrap().index()] = true;
        }
        let mask = vec![false; m.interactions.len()];
        assert_eq!(
            *booking(&cut.services) == ServiceState::Up,
            booking_up_by_hand(&m, &mask, &down)
        );
        checked += 1;
    }
    assert!(checked >= 2);

    // Every pair and triple of internet links, against the oracle.
    let webs = ["web-1", "web-2", "web-3"];
    for bits in 0u32..8 {
        let mut mask = vec![false; m.interactions.len()];
        for (k, w) in webs.iter().enumerate() {
            if bits & (1 << k) != 0 {
                mask[link(&m, "internet", w)] = true;
            }
        }
        let e = evaluate_cut(&m, &mask, &none);
        assert_eq!(
            *booking(&e.services) == ServiceState::Up,
            booking_up_by_hand(&m, &mask, &none),
            "cut {bits:03b}"
        );
    }

    // The scenario: two of three internet links cut already loses booking,
    // and says which link.
    let s = Scenario::load(&fixture("hospital3/scenarios/weblinks.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    assert_eq!(out.len(), 4, "before the first step, then three steps");
    let second = &out[2].evaluation;
    let b = second.services.iter().find(|s| s.id == "booking").unwrap();
    assert!(
        matches!(b.state, ServiceState::Degraded { .. }),
        "{:?}",
        b.state
    );
    assert!(second.care.care_capacity < 1.0);
}

#[test]
fn f2_4_recover_does_not_bring_booking_back_with_one_front_end() {
    let m = load("hospital2");
    let s = Scenario::load(&fixture("hospital2/scenarios/red2.yaml")).unwrap();
    let plan = recover(&m, &s).unwrap();
    let mut mask: Vec<bool> = {
        // Replay: every external link cut, then the plan's restorations.
        let mut v = vec![false; m.interactions.len()];
        for (i, e) in m.interactions.iter().enumerate() {
            v[i] = m.is_external(e.from) != m.is_external(e.to)
                && !cordon_containment::physical(e.kind);
        }
        for &i in &plan.prerequisite {
            v[i] = true;
        }
        v
    };
    let none = vec![false; m.components.len()];
    for st in &plan.steps {
        let before = booking_up_by_hand(&m, &mask, &none);
        mask[st.interaction] = false;
        let after = booking_up_by_hand(&m, &mask, &none);
        let said = st
            .regained
            .iter()
            .any(|(id, _, a)| id == "booking" && *a == ServiceState::Up);
        assert_eq!(said, !before && after, "step {:?}", st.interaction);
    }
}

#[test]
fn f2_7_restoring_a_guest_of_an_encrypted_host_warns() {
    let m = load("hospital/estate.yaml");
    let s = Scenario::load(&fixture("hospital/scenarios/guest.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let w = &out[2].warnings;
    assert!(
        w.iter()
            .any(|x| x.contains("ehr-app cannot run until esx-1 is restored")
                && x.contains("lifts nothing")),
        "{w:?}"
    );
    // A restore that does lift something, on a host that runs, says nothing.
    let s = Scenario::parse_lines("encrypt esx-1\nrestore esx-1\n", "x").unwrap();
    let out = run_scenario(&m, &s).unwrap();
    assert!(out[2].warnings.is_empty(), "{:?}", out[2].warnings);
}

#[test]
fn f2_2_one_wording_for_a_service_state_everywhere() {
    let m = load("hospital/estate.yaml");
    let mut seen_degraded = 0;
    for name in ["ransomware", "esx-off", "switch", "red", "guest"] {
        let s = Scenario::load(&fixture(&format!("hospital/scenarios/{name}.yaml"))).unwrap();
        for o in run_scenario(&m, &s).unwrap() {
            for svc in &o.evaluation.services {
                let view = cordon_containment::ServiceView::new(svc);
                let words = cordon_containment::state_words(&svc.state);
                // The words begin with the JSON state.
                assert!(words.starts_with(view.state), "{words} vs {}", view.state);
                if svc.state != ServiceState::Up {
                    assert_eq!(svc.summary, format!("{}: {words}", svc.name));
                    assert!(o.evaluation.care.summary.contains(&svc.summary));
                }
                if let ServiceState::Degraded { capacity, .. } = svc.state {
                    seen_degraded += 1;
                    assert!(!svc.summary.contains("down"), "{}", svc.summary);
                    let pct = format!("{:.0}%", capacity * 100.0);
                    assert!(svc.summary.contains(&pct), "{}", svc.summary);
                }
            }
        }
    }
    assert!(seen_degraded > 0);
}

#[test]
fn f2_6_pulling_the_only_switch_cuts_the_network_of_what_it_supplies() {
    let m = load("hospital/estate.yaml");
    let s = Scenario::load(&fixture("hospital/scenarios/switch.yaml")).unwrap();
    let out = run_scenario(&m, &s).unwrap();
    let before = &out[1].evaluation;
    let after = &out[2].evaluation;
    assert!(!before.reached[AccessLevel::Control.index()].is_empty());
    // it-admin-ws is only switched by core-switch: with the switch off it
    // sends no packet, so the attacker on it reaches nothing at all.
    let ws = m.component_id("it-admin-ws").unwrap();
    assert_eq!(after.attackers, vec![ws]);
    assert!(after.no_network.contains(&ws));
    assert!(
        after.reached.iter().all(|l| l.is_empty()),
        "{:?}",
        after.reached
    );
    assert!(after.crown_jewels.is_empty());
    // The guests of a host without network share its island.
    let dc1 = m.component_id("dc1").unwrap();
    assert!(after.no_network.contains(&dc1));
    assert!(
        out[2].notes.iter().any(|n| n.starts_with("no network")),
        "{:?}",
        out[2].notes
    );
}

#[test]
fn f2_6_a_power_supply_leaves_the_network_as_it_was() {
    // Same shape, the supplier a UPS-like component (not a network kind) or
    // a switch: only the switch takes the network away.
    for (kind, reach) in [("server-os", true), ("network-switch", false)] {
        let y = format!(
            "defaults: false\nzones: [{{ id: z }}]\ncomponents:\n  - {{ id: sup, kind: {kind}, zone: z }}\n  - {{ id: ws, kind: workstation, zone: z }}\n  - {{ id: db, kind: database-server, zone: z }}\ninteractions:\n  - {{ from: sup, to: ws, kind: supplies }}\n  - {{ from: ws, to: db, kind: controls }}\n"
        );
        let m = Model::from_yaml(&y, "t.yaml").unwrap();
        let s = Scenario::parse_lines("compromise ws\nshutdown sup\n", "x").unwrap();
        let out = run_scenario(&m, &s).unwrap();
        let e = &out.last().unwrap().evaluation;
        let db = m.component_id("db").unwrap();
        assert_eq!(e.level(db) == AccessLevel::Control, reach, "{kind}");
    }
}

/// Replays a recovery plan on the path engine alone: the situation at the
/// end of `scenario`, the prerequisite cut, then each step's rebuilds and
/// remediations (remediated weaknesses grant nothing on a copy of the model;
/// removed stored credentials cut their links) — no crown jewel at write or
/// above from outside or from a held running component.
fn replay_is_safe(m: &Model, scenario: &str, plan: &cordon_containment::RecoveryPlan) {
    use cordon_paths::AttackGraph;
    let s = Scenario::load(&fixture(scenario)).unwrap();
    let out = run_scenario(m, &s).unwrap();
    let last = out.last().unwrap();
    let mut held: Vec<bool> = last.situation.compromised.clone();
    let mut down: Vec<bool> = last.situation.down.clone();
    let mut cut = last.evaluation.cut.clone();
    for &i in &plan.prerequisite {
        cut[i] = true;
    }
    let mut model = m.clone();
    for st in &plan.steps {
        for c in &st.rebuild {
            held[c.index()] = false;
            down[c.index()] = false;
        }
        for r in &st.remediate {
            model.components[r.component.index()].weaknesses[r.weakness].grants = AccessLevel::None;
        }
        cut[st.interaction] = false;
        let mut sources: Vec<_> = m.component_ids().filter(|c| m.is_external(*c)).collect();
        sources.extend(
            m.component_ids()
                .filter(|c| held[c.index()] && !down[c.index()]),
        );
        let gone: Vec<bool> = down.clone();
        let map = AttackGraph::with_removed(&model, &cut, &gone).access_from(&sources);
        for j in m.crown_jewels() {
            if !sources.contains(&j) && !down[j.index()] {
                assert!(
                    map.level(j) < AccessLevel::Write,
                    "{} reached after restoring {}",
                    m.component(j).id,
                    st.interaction
                );
            }
        }
    }
}

#[test]
fn f2_1_the_prerequisite_cut_comes_back_once_its_reason_is_gone() {
    let m = load("hospital/estate.yaml");
    let s = Scenario::load(&fixture("hospital/scenarios/red.yaml")).unwrap();
    let plan = recover(&m, &s).unwrap();
    let pre = link(&m, "vpn-gw", "ct-scanner");
    assert_eq!(plan.prerequisite, vec![pre]);
    // It says what the cut costs.
    assert!(
        plan.prerequisite_cost
            .iter()
            .any(|l| l.starts_with("Imaging vendor support: down")),
        "{:?}",
        plan.prerequisite_cost
    );
    // A later step lifts it, with vpn-gw rebuilt first, and the plan ends
    // with every service back.
    let lift = plan
        .steps
        .iter()
        .find(|st| st.interaction == pre)
        .expect("the prerequisite cut is lifted");
    assert!(lift.lifts_prerequisite && lift.verified);
    assert_eq!(lift.rebuild, vec![m.component_id("vpn-gw").unwrap()]);
    assert!((plan.care.care_capacity - 1.0).abs() < 1e-9);
    assert!(plan.services.iter().all(|s| s.state == ServiceState::Up));
    replay_is_safe(&m, "hospital/scenarios/red.yaml", &plan);
}

#[test]
fn f2_5_an_inside_danger_is_stated_once_not_on_every_step() {
    let m = load("hospital/estate.yaml");
    let s = Scenario::load(&fixture("hospital/scenarios/esx-off.yaml")).unwrap();
    let plan = recover(&m, &s).unwrap();
    let d = plan
        .danger_once_restored
        .as_ref()
        .expect("the inside danger");
    let esx1 = m.component_id("esx-1").unwrap();
    let ws = m.component_id("it-admin-ws").unwrap();
    assert_eq!(d.off, vec![esx1]);
    assert_eq!(d.path.as_ref().unwrap().source, ws);
    assert_eq!(d.rebuild, vec![ws]);
    assert!(
        d.remediate
            .iter()
            .any(|r| r.describe(&m) == "remove the credentials for vcenter stored on it-admin-ws")
    );
    assert!(!plan.steps.is_empty());
    for st in &plan.steps {
        assert!(st.verified);
        assert!(
            !st.safe_if_restored,
            "esx-1 back is unsafe — but not because of the step"
        );
        assert!(!st.opens_once_restored, "no step opens the path");
        let v = st.verdict(&m, &plan);
        assert!(
            !v.contains("UNSAFE") && v.contains("while esx-1 stays off"),
            "{v}"
        );
    }
    // Oracle: the danger does not depend on the steps — with nothing
    // restored at all and esx-1 back, the path engine finds it.
    let mut held = vec![false; m.components.len()];
    held[ws.index()] = true;
    let mut cut = vec![false; m.interactions.len()];
    for (i, e) in m.interactions.iter().enumerate() {
        cut[i] =
            m.is_external(e.from) != m.is_external(e.to) && !cordon_containment::physical(e.kind);
    }
    let map = cordon_paths::AttackGraph::with_removed(&m, &cut, &[]).access_from(&[ws]);
    assert!(
        m.crown_jewels()
            .iter()
            .any(|&j| map.level(j) >= AccessLevel::Write)
    );
    let text = plan.danger_lines(&m).join("\n");
    assert!(
        text.contains("it-admin-ws → vcenter (credentials)"),
        "{text}"
    );
    assert!(
        text.contains("rebuild it-admin-ws from clean media"),
        "{text}"
    );
}
