//! Every reproducer of `shared/cases/containment/` (issue 10) with the right
//! answer, through the library calls the CLI and the server make.

use std::path::{Path, PathBuf};

use cordon_containment::{
    Scenario, ScenarioReport, StepReport, airgap, chokepoints, recover, scenario_report,
};
use cordon_model::{AccessLevel, Model};

fn cases() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/cases/containment"
    ))
}

fn example() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hospital-group"
    ))
}

fn load(p: &Path) -> Model {
    Model::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(model: &Model, scenario: &Path) -> ScenarioReport {
    let s = Scenario::load(scenario).unwrap();
    scenario_report(model, &s).unwrap()
}

fn service<'a>(st: &'a StepReport, id: &str) -> &'a cordon_containment::ServiceView {
    st.services.iter().find(|s| s.id == id).expect(id)
}

fn hospital() -> Model {
    load(&cases().join("hospital-model"))
}

fn hscen(name: &str) -> PathBuf {
    cases()
        .join("hospital-scenarios")
        .join(format!("{name}.yaml"))
}

#[test]
fn r1_isolation_and_shutdown_leave_the_attacker_nothing() {
    let m = load(&example());
    let r = run(&m, &cases().join("r1-cli-scenario.yaml"));
    let last = r.steps.last().unwrap();
    assert_eq!(last.counts.total, 0, "isolate external: nothing reached");
    assert!(last.crown_jewels.is_empty());
    // Criticality-weighted, not a plain mean.
    let weights: f64 = last
        .services
        .iter()
        .map(|s| cordon_containment::care_weight(s.criticality))
        .sum();
    let weighted: f64 = last
        .services
        .iter()
        .map(|s| cordon_containment::care_weight(s.criticality) * s.capacity)
        .sum::<f64>()
        / weights;
    assert!((last.care.capacity - weighted).abs() < 1e-12);
    assert!(last.care.capacity < 1.0);

    let s = Scenario::parse_lines("compromise vpn-gw\nshutdown all", "r1").unwrap();
    let r = scenario_report(&m, &s).unwrap();
    let last = r.steps.last().unwrap();
    assert_eq!(last.counts.total, 0);
    assert!(
        last.crown_jewels.is_empty(),
        "ehr-db is switched off: not reached"
    );
    assert!(last.attackers.is_empty());
    assert_eq!(last.held_switched_off.len(), 1);
    assert!(
        last.held_switched_off[0]
            .note
            .contains("returns if restored unrebuilt")
    );
}

#[test]
fn r2_guests_of_a_host_that_is_off_leave_the_attack_graph() {
    let m = load(&cases().join("r2-model.yaml"));
    let r = run(&m, &cases().join("r2-scenario.yaml"));
    assert_eq!(
        r.steps[1].crown_jewels.len(),
        2,
        "before: ws reaches ad and db"
    );
    let last = r.steps.last().unwrap();
    assert!(last.crown_jewels.is_empty(), "db is not reached through ad");
    assert_eq!(last.counts.total, 0);
    assert!(last.unavailable.contains(&"ad".to_string()));
    let ad = last
        .unavailable_causes
        .iter()
        .find(|u| u.id == "ad")
        .unwrap();
    assert_eq!(ad.cause, "ad — hosted by esx1, which is switched off");
    assert_eq!(service(last, "records").state, "degraded");
}

#[test]
fn r3_cutting_the_only_storage_link_fails_what_it_carried() {
    let m = load(&cases().join("r3-model.yaml"));
    let a = run(&m, &cases().join("r3a-scenario.yaml"));
    let b = run(&m, &cases().join("r3b-scenario.yaml"));
    let (a, b) = (a.steps.last().unwrap(), b.steps.last().unwrap());
    assert!((a.care.capacity - 0.3).abs() < 1e-9, "{}", a.care.capacity);
    assert!((a.care.capacity - b.care.capacity).abs() < 1e-9);
    let ed = service(a, "ed");
    assert_eq!(ed.state, "degraded");
    assert!(
        ed.cause[0].contains("the link san → ehr (stores) is cut"),
        "{:?}",
        ed.cause
    );

    // Same on the 24-component model, and isolating the clinical zone costs care.
    let m = hospital();
    let cut = run(&m, &hscen("cut-storage-link"));
    let off = run(&m, &hscen("shutdown-san"));
    let (cut, off) = (cut.steps.last().unwrap(), off.steps.last().unwrap());
    assert!(cut.unavailable.contains(&"ehr".to_string()));
    assert!(cut.care.capacity < 1.0);
    // Shutting the SAN down also stops PACS; cutting the EHR's link only the EHR.
    assert!(off.care.capacity <= cut.care.capacity + 1e-12);
    let iso = run(&m, &hscen("isolate-clinical"));
    let iso = iso.steps.last().unwrap();
    assert!(iso.care.capacity < 1.0);
    for id in ["ehr", "lis", "pacs"] {
        assert!(iso.unavailable.contains(&id.to_string()), "{id}");
    }
    assert_eq!(service(iso, "mug-dispatch").state, "down");
}

#[test]
fn r4_recovery_states_preconditions_and_restores_the_feeding_direction() {
    let m = load(&cases().join("r4-model.yaml"));
    let s = Scenario::load(&cases().join("r4-scenario.yaml")).unwrap();
    let plan = recover(&m, &s).unwrap();
    let label = |i: usize| {
        let e = &m.interactions[i];
        format!("{} -> {}", m.component(e.from).id, m.component(e.to).id)
    };
    assert_eq!(label(plan.steps[0].interaction), "cs112 -> dispatch");
    assert_eq!(plan.steps[0].regained[0].0, "mug-dispatch");
    assert!((plan.steps[0].care_capacity - 1.0).abs() < 1e-9);
    let vpn = m.component_id("vpn").unwrap();
    for st in &plan.steps {
        if label(st.interaction) == "internet -> vpn" {
            assert_eq!(st.rebuild, vec![vpn], "rebuild the VPN first");
            assert_eq!(st.remediate.len(), 1);
            assert_eq!(st.remediate[0].describe(&m), "patch CVE-0000-0000 on vpn");
        }
        assert!(st.verified);
    }
    // The held, switched-off VPN is named.
    assert_eq!(plan.held_switched_off, vec![vpn]);
}

#[test]
fn r6_air_gap_care_is_the_plans_own_and_differs_from_the_red_phase() {
    let m = load(&cases().join("r6-model.yaml"));
    let plan = airgap(&m, "zone:core").unwrap();
    assert!(plan.verified);
    let booking = plan
        .services
        .iter()
        .find(|s| s.id == "online-booking")
        .unwrap();
    assert_eq!(booking.state, cordon_services::ServiceState::Up);
    assert!((plan.care.care_capacity - 1.0).abs() < 1e-9);
    assert!(plan.steps.iter().all(|s| s.warnings.is_empty()));
    let red = plan
        .red_phase_services
        .iter()
        .find(|s| s.id == "online-booking")
        .unwrap();
    assert_ne!(red.state, cordon_services::ServiceState::Up);
    assert!(plan.red_phase_care.care_capacity < plan.care.care_capacity);

    // On the 24-component model the air gap keeps more care than the red phase,
    // and every step that stops a service says so.
    let m = hospital();
    let plan = airgap(&m, "zone:clinical,zone:identity,zone:servers").unwrap();
    assert!(plan.verified);
    assert!(plan.care.care_capacity + 1e-9 >= plan.red_phase_care.care_capacity);
    let mut prev = 1.0;
    for st in &plan.steps {
        if st.care_after < prev - 1e-9 {
            assert!(!st.warnings.is_empty(), "a step that costs care warns");
        }
        prev = st.care_after;
    }
    assert!((prev - plan.care.care_capacity).abs() < 1e-9);
}

#[test]
fn r7_choke_points_spare_care_and_offer_hardening() {
    let m = load(&cases().join("r7-model.yaml"));
    let sources = m.select_str("external").unwrap();
    let targets = m.select_str("crown-jewels").unwrap();
    let c = chokepoints(&m, &sources, &targets, AccessLevel::Reach, 10);
    let cut = c.interaction_cut.as_ref().unwrap();
    assert!(cut.verified);
    // No cut spares care: the GP portal service needs the portal, the EHR
    // and the GP practices, and its data flows portal → ehr (reads) and
    // gp-practices → portal. Cutting either degrades it to fax, so the
    // cheapest cut (the GP practices' way in) is the answer, with its real
    // cost in care, and nothing is offered as care-free.
    let e = &m.interactions[cut.points[0].interaction.unwrap()];
    assert_eq!(
        (
            m.component(e.from).id.as_str(),
            m.component(e.to).id.as_str()
        ),
        ("gp-practices", "portal")
    );
    let gp = cut
        .services
        .iter()
        .find(|s| s.id == "gp-portal-service")
        .unwrap();
    assert!(matches!(
        gp.state,
        cordon_services::ServiceState::Degraded { .. }
    ));
    assert!(!cut.care.summary.is_empty(), "the cut's care cost is shown");
    assert!(c.cheapest_interaction_cut.is_none());
    // Cutting the read link alone is not care-free either.
    let read = (0..m.interactions.len())
        .find(|&i| {
            let e = &m.interactions[i];
            m.component(e.from).id == "portal" && m.component(e.to).id == "ehr"
        })
        .unwrap();
    let mut mask = vec![false; m.interactions.len()];
    mask[read] = true;
    let e = cordon_containment::evaluate_cut(&m, &mask, &vec![false; m.components.len()]);
    assert!(
        e.care.care_capacity < 1.0,
        "cutting portal → ehr costs care"
    );
    // Hardening: enforcing MFA on the portal protects the EHR, proven.
    let h = c
        .hardening
        .iter()
        .find(|h| h.remediation.kind == cordon_model::WeaknessKind::WeakCredentials)
        .expect("weak credentials on the portal");
    assert_eq!(h.protects, vec![m.component_id("ehr").unwrap()]);
}

#[test]
fn r9_replay_maps_servers_onto_roles_and_warns_on_empty_selectors() {
    let m = hospital();
    // As written by the old replay: selects nothing, now with a warning.
    let r = run(&m, &cases().join("r9-replay-azmonica-on-my-model.yaml"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("`kind:server-os` selects no component")),
        "{:?}",
        r.warnings
    );
    // With the role the replay now writes, the servers go down and stay down.
    let s =
        Scenario::parse_lines("compromise entry-points\nshutdown role:servers", "replay").unwrap();
    let r = scenario_report(&m, &s).unwrap();
    let last = r.steps.last().unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    for id in ["esx-core", "ehr", "ad", "dispatch"] {
        assert!(last.unavailable.contains(&id.to_string()), "{id}");
    }
    assert!(last.care.capacity < 0.5, "{}", last.care.capacity);
    assert_eq!(service(last, "mug-dispatch").state, "down");
}

#[test]
fn hospital_scenarios_give_the_right_answers() {
    let m = hospital();
    // Red phase: the VPN the attacker held is switched off, not forgotten.
    let r = run(&m, &hscen("red-phase"));
    assert!(!r.steps[1].crown_jewels.is_empty());
    let last = r.steps.last().unwrap();
    assert!(last.attackers.is_empty());
    assert_eq!(last.held_switched_off[0].id, "vpn");
    assert_eq!(service(last, "mug-dispatch").state, "down");
    let mug = service(last, "mug-dispatch");
    assert!(
        mug.cause.iter().any(|c| c.contains("cs112")),
        "{:?}",
        mug.cause
    );
    // Rebuilt VPN: no longer held.
    let r = run(&m, &hscen("red-phase-vpn-rebuilt"));
    assert!(r.steps.last().unwrap().held_switched_off.is_empty());
    // SSO is not a silent backup of the directory: SSO down stops the EHR (it
    // needs both), AD encrypted too.
    for name in ["sso-down", "ad-down"] {
        let r = run(&m, &hscen(name));
        let last = r.steps.last().unwrap();
        assert!(last.unavailable.contains(&"ehr".to_string()), "{name}");
        assert_eq!(
            service(last, "emergency-department").state,
            "degraded",
            "{name}"
        );
    }
    // Every hypervisor shut down: no pivot through the directory on it.
    let r = run(&m, &hscen("servers-down"));
    let last = r.steps.last().unwrap();
    assert!(last.crown_jewels.is_empty());
    assert!(!last.reached.control.contains(&"ad".to_string()));
}

#[test]
fn declared_redundancy_keeps_a_service_up_and_names_the_alternative() {
    let y = "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: dc1, kind: active-directory, zone: z, redundancy: dcs }\n  - { id: dc2, kind: active-directory, zone: z, redundancy: dcs }\n  - { id: sso, kind: sso, zone: z }\n  - { id: app, kind: ehr, zone: z }\n  - { id: pacs, kind: pacs, zone: z }\n  - { id: film, kind: medical-device, zone: z }\ninteractions:\n  - { from: dc1, to: app, kind: authenticates }\n  - { from: dc2, to: app, kind: authenticates }\n  - { from: sso, to: app, kind: authenticates }\nservices:\n  - { id: ward, needs: \"all(app, any(pacs, film))\", fallback: { name: paper, capacity: 0.3 } }\n";
    let m = Model::from_yaml(y, "t.yaml").unwrap();
    let s = Scenario::parse_lines("shutdown dc1\nshutdown pacs", "t").unwrap();
    let r = scenario_report(&m, &s).unwrap();
    let ward = service(r.steps.last().unwrap(), "ward");
    assert_eq!(ward.state, "up");
    assert!(
        ward.alternatives.iter().any(|a| a.contains("up on film")),
        "{:?}",
        ward.alternatives
    );
    assert!(
        ward.alternatives
            .iter()
            .any(|a| a.contains("redundancy group `dcs`") && a.contains("up on dc2")),
        "{:?}",
        ward.alternatives
    );
    let s = Scenario::parse_lines("shutdown sso", "t").unwrap();
    let r = scenario_report(&m, &s).unwrap();
    assert_eq!(service(r.steps.last().unwrap(), "ward").state, "degraded");
}

#[test]
fn json_and_yaml_bodies_give_the_same_scenario() {
    let m = hospital();
    let y = Scenario::parse_yaml_or_json(
        "name: x\nsteps:\n  - compromise: vpn\n  - isolate: \"san -> ehr\"\n",
    )
    .unwrap();
    let j = Scenario::parse_yaml_or_json(
        "{\"name\": \"x\", \"steps\": [{\"compromise\": \"vpn\"}, {\"isolate\": \"san -> ehr\"}]}",
    )
    .unwrap();
    // Identical but for where each step is written.
    let strip = |s: &Scenario| {
        let mut v = serde_json::to_value(scenario_report(&m, s).unwrap()).unwrap();
        for st in v["steps"].as_array_mut().unwrap() {
            if let Some(step) = st["step"].as_object_mut() {
                step.remove("location");
            }
        }
        v
    };
    assert_eq!(strip(&y), strip(&j));
    let e = Scenario::parse_yaml_or_json("{\"steps\": [ }")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("<body>:1:"), "{e}");
    let e = Scenario::parse_lines("compromise vpn\nisolat external", "t")
        .unwrap_err()
        .to_string();
    assert!(e.contains("<steps>:2:") && e.contains("isolate"), "{e}");
}

/// Trial finding 1: a component that merely lost DNS or its directory keeps
/// running — the attacker on it still acts. Only components not running
/// (down, or hosted on something not running) are "held, switched off".
#[test]
fn unavailable_but_running_stays_in_the_attackers_graph() {
    let m = load(&example());
    let r = run(&m, &example().join("scenarios/servers-shut-down.yaml"));
    let step2 = &r.steps[2];
    assert!(
        step2.attackers.contains(&"it-admin-ws".to_string()),
        "it-admin-ws lost only DNS: it runs, the attacker acts from it: {:?}",
        step2.attackers
    );
    let off: Vec<&str> = step2
        .held_switched_off
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(off, vec!["esx-02"], "only the encrypted hypervisor is off");
    assert!(
        !step2.crown_jewels.is_empty(),
        "ad-dc1 and esx-01 still run: crown jewels stay reachable"
    );
    // The same step still counts what lost DNS as unavailable for care.
    assert!(step2.unavailable.contains(&"it-admin-ws".to_string()));
    // A guest of a switched-off hypervisor is off by cascade.
    let m2 = load(&example());
    let text = "compromise ehr-db\nshutdown esx-02\n";
    let s = Scenario::parse_lines(text, "cascade").unwrap();
    let r2 = scenario_report(&m2, &s).unwrap();
    let last = r2.steps.last().unwrap();
    assert!(last.attackers.is_empty());
    assert_eq!(last.held_switched_off[0].id, "ehr-db");
}

/// Trial finding 1: an isolated external party is cut off, never "switched off".
#[test]
fn a_held_external_party_is_cut_off_not_switched_off() {
    let m = load(&example());
    let s = Scenario::parse_lines("compromise internet\nisolate external\n", "ext").unwrap();
    let r = scenario_report(&m, &s).unwrap();
    let last = r.steps.last().unwrap();
    assert!(
        last.held_switched_off.is_empty(),
        "{:?}",
        last.held_switched_off
            .iter()
            .map(|h| &h.id)
            .collect::<Vec<_>>()
    );
    assert_eq!(last.held_cut_off.len(), 1);
    assert_eq!(last.held_cut_off[0].id, "internet");
    assert!(!last.held_cut_off[0].note.contains("switched off"));
    assert_eq!(last.counts.total, 0);
}

/// Trial finding 2: every hardening option `chokepoints` proposes, applied
/// to the model **alone** (the weakness deleted from a copy of the model,
/// the stored credentials it declared recomputed plainly from the
/// stored-credentials weaknesses that remain), re-checked with the path
/// engine: what it claims protected is no longer reached at the level.
#[test]
fn each_hardening_option_alone_protects_what_it_claims() {
    let m = load(&example());
    let targets = m.select_str("crown-jewels").unwrap();
    let mut checked = 0;
    for from in ["external", "entry-points"] {
        let sources = m.select_str(from).unwrap();
        for level in [AccessLevel::Reach, AccessLevel::Write, AccessLevel::Control] {
            let c = chokepoints(&m, &sources, &targets, level, 10);
            for h in &c.hardening {
                let r = &h.remediation;
                let mut m2 = m.clone();
                m2.components[r.component.index()]
                    .weaknesses
                    .remove(r.weakness);
                // Credentials still stored on some holder after the change.
                let kept: Vec<cordon_model::ComponentId> = m2
                    .component(r.component)
                    .weaknesses
                    .iter()
                    .filter(|w| w.kind == cordon_model::WeaknessKind::StoredCredentials)
                    .flat_map(|w| m2.select(w.on.as_ref().unwrap()).unwrap())
                    .collect();
                m2.interactions.retain(|e| {
                    !(e.to == r.component
                        && e.kind == cordon_model::InteractionKind::Credentials
                        && !kept.contains(&e.from))
                });
                let after = cordon_paths::AttackGraph::new(&m2).access_from(&sources);
                for &t in &h.protects {
                    assert!(
                        after.level(t) < level,
                        "`{}` claims to protect {} at {level} from {from}, but it is still reached at {}",
                        r.describe(&m),
                        m.component(t).id,
                        after.level(t)
                    );
                    checked += 1;
                }
                for &t in &h.still_reached {
                    assert!(after.level(t) >= level, "{}", r.describe(&m));
                }
            }
        }
    }
    assert!(checked > 0, "the example offers hardening");
}

/// Trial finding 4: after containment, what the attacker could control at an
/// earlier step and still runs is listed as possibly held — never silently
/// dropped — and a rebuild clears it.
#[test]
fn footholds_the_attacker_may_already_hold_are_cautioned() {
    let m = load(&example());
    let r = run(&m, &example().join("scenarios/servers-shut-down.yaml"));
    assert!(r.steps[0].possibly_held.is_empty());
    let step1 = &r.steps[1];
    let step3 = &r.steps[3];
    for id in ["vpn-gw", "plc-medgas"] {
        assert!(step1.reached.control.contains(&id.to_string()), "{id}");
        assert!(step3.possibly_held.contains(&id.to_string()), "{id}");
    }
    for st in &r.steps {
        for id in &st.possibly_held {
            assert!(!st.attackers.contains(id) && !st.reached.control.contains(id));
            assert!(
                !st.unavailable.contains(id) || !st.held_switched_off.iter().any(|h| &h.id == id)
            );
        }
    }
    // Rebuilt from clean media: no longer a possible foothold.
    let text = "compromise it-admin-ws\nshutdown it-admin-ws\nrestore vpn-gw\n";
    let s = Scenario::parse_lines(text, "rebuild").unwrap();
    let r2 = scenario_report(&m, &s).unwrap();
    assert!(r2.steps[2].possibly_held.contains(&"vpn-gw".to_string()));
    assert!(!r2.steps[3].possibly_held.contains(&"vpn-gw".to_string()));
    assert!(
        !r2.steps[3]
            .possibly_held
            .contains(&"it-admin-ws".to_string())
    );
}

/// Trial finding 3: "verified" states its assumption — the components still
/// off — and whether the step stays safe once they are restored clean.
#[test]
fn recovery_verification_names_what_must_stay_off() {
    let m = load(&example());
    let text = "compromise it-admin-ws\nencrypt esx-02\nshutdown kind:virtualization-platform\nisolate external\n";
    let plan = recover(&m, &Scenario::parse_lines(text, "off").unwrap()).unwrap();
    assert!(!plan.steps.is_empty());
    let esx02 = m.component_id("esx-02").unwrap();
    // Oracle: the red phase with the hypervisors restored clean (links
    // still cut) already reaches a crown jewel at write — so no restore
    // step can be safe once they come back.
    let restored = format!(
        "{text}restore esx-dmz\nrestore vcenter\nrestore esx-01\nrestore esx-02\nrestore esx-03\n"
    );
    let r = scenario_report(&m, &Scenario::parse_lines(&restored, "on").unwrap()).unwrap();
    let last = r.steps.last().unwrap();
    assert!(
        last.crown_jewels
            .iter()
            .any(|j| j.level >= AccessLevel::Write),
        "it-admin-ws still runs held: the restored hypervisors open the crown jewels"
    );
    // That danger is the inside attacker's, not any step's: stated once
    // (trial finding F2.5), and a step is branded UNSAFE only if it opens
    // more than the same restoration without it.
    let d = plan.danger_once_restored.as_ref().expect("stated once");
    assert!(d.off.contains(&esx02));
    for st in &plan.steps {
        assert!(st.verified);
        assert!(st.assumes_off.contains(&esx02), "esx-02 is still off");
        assert!(!st.safe_if_restored, "unsafe once the hypervisors return");
        assert_eq!(
            st.verdict(&m, &plan).contains("UNSAFE"),
            st.opens_once_restored
        );
    }
    // Nothing but the VPN off: safe with it restored clean too.
    let red = recover(
        &m,
        &Scenario::load(&example().join("scenarios/red-phase.yaml")).unwrap(),
    )
    .unwrap();
    assert!(red.steps.iter().all(|s| s.verified && s.safe_if_restored));
}
