//! `cordon scenario | chokepoints | airgap | recover` on the example hospital.

mod common;
use common::{EXAMPLE, cordon, json};

use serde_json::Value;

const RED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/hospital-group/scenarios/red-phase.yaml"
);
const SERVERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/hospital-group/scenarios/servers-shut-down.yaml"
);

fn service<'a>(step: &'a Value, id: &str) -> &'a Value {
    step["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .expect(id)
}

#[test]
fn red_phase_keeps_internal_care_and_loses_the_outside() {
    let v = json(&["scenario", EXAMPLE, RED, "--format", "json"]);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    assert!(steps[0]["step"].is_null());
    // The VPN compromise reaches crown jewels, with a path from the VPN.
    assert!(
        steps[1]["crown_jewels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["from"] == "vpn-gw" && j["path"]["hops"].is_array())
    );
    let last = steps.last().unwrap();
    let booking = service(last, "online-booking");
    assert_eq!(booking["state"], "degraded");
    assert_eq!(booking["fallback"], "booking by phone");
    assert_eq!(booking["capacity"], 0.6);
    assert_ne!(service(last, "gp-portal-service")["state"], "up");
    for id in [
        "emergency-department",
        "surgery",
        "critical-care",
        "laboratory",
        "imaging",
        "mobile-urgency",
        "registration",
    ] {
        assert_eq!(service(last, id)["state"], "up", "{id}");
    }
    assert!(
        last["unavailable"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "internet")
    );
    assert!(last["crown_jewels"].as_array().unwrap().is_empty());

    let text = String::from_utf8(cordon(&["scenario", EXAMPLE, RED]).stdout).unwrap();
    assert!(
        text.contains("Online booking: degraded (fallback: booking by phone at 60% capacity)"),
        "{text}"
    );
}

#[test]
fn servers_shut_down_stops_surgery_and_mobile_teams() {
    let v = json(&["scenario", EXAMPLE, SERVERS, "--format", "json"]);
    let last = v["steps"].as_array().unwrap().last().unwrap().clone();
    let surgery = service(&last, "surgery");
    assert_eq!(surgery["state"], "degraded");
    assert_eq!(surgery["fallback"], "emergencies only");
    let ed = service(&last, "emergency-department");
    assert_eq!(ed["state"], "degraded");
    assert!(ed["capacity"].as_f64().unwrap() < 1.0);
    assert_eq!(
        service(&last, "critical-care")["fallback"],
        "transfer critical patients to other hospitals"
    );
    assert_eq!(service(&last, "mobile-urgency")["state"], "down");
    let summary: Vec<String> = last["care"]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert!(
        summary
            .iter()
            .any(|s| s == "Surgery: degraded (fallback: emergencies only at 10% capacity)"),
        "{summary:?}"
    );
}

#[test]
fn scenario_errors_have_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.yaml");
    std::fs::write(&p, "name: bad\nsteps:\n  - compromise: vpn-gw\n  - isolate: zone:clinicl\n  - explode: ehr-db\n").unwrap();
    let o = cordon(&["scenario", EXAMPLE, p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.yaml:5:"), "{err}");
    std::fs::write(
        &p,
        "name: bad\nsteps:\n  - compromise: vpn-gw\n  - isolate: zone:clinicl\n",
    )
    .unwrap();
    let err = String::from_utf8_lossy(&cordon(&["scenario", EXAMPLE, p.to_str().unwrap()]).stderr)
        .to_string();
    assert!(
        err.contains("bad.yaml:4:14: error: unknown zone `clinicl`"),
        "{err}"
    );
    assert!(err.contains("did you mean `clinical`"), "{err}");
}

#[test]
fn chokepoints_are_verified_minimum_cuts() {
    let v = json(&["chokepoints", EXAMPLE, "--format", "json"]);
    let cut = &v["interaction_cut"];
    assert_eq!(cut["verified"], true);
    assert!(!cut["points"].as_array().unwrap().is_empty());
    let node = &v["component_cut"];
    if !node.is_null() {
        assert_eq!(node["verified"], true);
    }
    assert!(!v["top_interactions"].as_array().unwrap().is_empty());
    let text = String::from_utf8(
        cordon(&["chokepoints", EXAMPLE, "--from", "vpn-gw", "--to", "ehr-db"]).stdout,
    )
    .unwrap();
    assert!(text.contains("verified"), "{text}");
}

#[test]
fn airgap_runbook_isolates_the_clinical_zone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("airgap.md");
    let o = cordon(&[
        "airgap",
        EXAMPLE,
        "--core",
        "zone:clinical",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Air-gap runbook"), "{md}");
    assert!(
        md.contains("1. **")
            && md.contains("verify:")
            && md.contains("no external component reaches"),
        "{md}"
    );
    assert!(
        md.contains("Keeps running:") && md.contains("Emergency department"),
        "{md}"
    );
}

#[test]
fn recovery_restores_safe_links_first_and_explains_the_rest() {
    let v = json(&["recover", EXAMPLE, RED, "--format", "json"]);
    let steps = v["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    assert!(steps.iter().all(|s| s["verified"] == true));
    // The GP portal comes back safely.
    assert!(steps.iter().any(|s| {
        s["regained"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "gp-portal-service")
    }));
    for u in v["unrestorable"].as_array().unwrap() {
        assert!(!u["path"].is_null());
    }
}

#[test]
fn dot_is_refused_with_the_supported_formats() {
    for args in [
        vec!["scenario", EXAMPLE, RED, "--format", "dot"],
        vec!["recover", EXAMPLE, RED, "--format", "dot"],
        vec!["chokepoints", EXAMPLE, "--format", "dot"],
        vec![
            "airgap",
            EXAMPLE,
            "--core",
            "zone:clinical",
            "--format",
            "dot",
        ],
    ] {
        let o = cordon(&args);
        assert!(!o.status.success(), "{args:?} must fail");
        assert!(o.stdout.is_empty(), "{args:?} printed text");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("invalid value 'dot'") && err.contains("[possible values: text, json]"),
            "{args:?}: {err}"
        );
    }
}

/// `cordon airgap EXAMPLE --core zone:clinical --format json`.
fn airgap_clinical() -> Value {
    json(&[
        "airgap",
        EXAMPLE,
        "--core",
        "zone:clinical",
        "--format",
        "json",
    ])
}

#[test]
fn airgap_json_has_per_step_care_and_the_red_phase() {
    let v = airgap_clinical();
    assert_eq!(v["verified"], true);
    let steps = v["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    let mut prev = 1.0;
    for st in steps {
        let care = st["care_after"].as_f64().unwrap();
        if care < prev - 1e-9 {
            assert!(!st["warnings"].as_array().unwrap().is_empty());
        }
        prev = care;
    }
    assert!((prev - v["care"]["capacity"].as_f64().unwrap()).abs() < 1e-9);
    assert!(v["red_phase"]["care"]["capacity"].as_f64().unwrap() <= prev + 1e-9);
}

/// Trial findings 1 and 4, as the user ran them: after only esx-02 is
/// encrypted, the workstation that lost DNS still runs the attacker and the
/// crown jewels stay reachable; after the shutdowns, what the attacker could
/// control earlier is listed as a possible foothold (text and JSON).
#[test]
fn servers_shut_down_keeps_running_attackers_and_cautions_footholds() {
    let o = cordon(&["scenario", EXAMPLE, SERVERS]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    let step2 = text
        .split("Step 2:")
        .nth(1)
        .and_then(|s| s.split("Step 3:").next())
        .unwrap();
    assert!(step2.contains("Attacker holds it-admin-ws"), "{step2}");
    assert!(!step2.contains("holds nothing that runs now"), "{step2}");
    assert!(
        !step2.contains("Crown jewels: none reachable now"),
        "{step2}"
    );
    assert!(text.contains("CAUTION"), "{text}");
    let v = json(&["scenario", EXAMPLE, SERVERS, "--format", "json"]);
    let steps = v["steps"].as_array().unwrap();
    assert!(
        steps[2]["attackers"]
            .as_array()
            .unwrap()
            .contains(&Value::from("it-admin-ws"))
    );
    let held_off: Vec<&str> = steps[2]["held_switched_off"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(held_off, vec!["esx-02"]);
    let possibly = steps[3]["possibly_held"].as_array().unwrap();
    assert!(possibly.contains(&Value::from("vpn-gw")), "{possibly:?}");
    for s in steps {
        assert!(s["held_cut_off"].is_array() && s["possibly_held"].is_array());
    }
}

/// `isolate: external` lists the links it cut beside their count; every one
/// touches an external party (the outside `cordon airgap` names).
#[test]
fn isolate_external_lists_its_cut_links() {
    let v = json(&["scenario", EXAMPLE, RED, "--format", "json"]);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps[0]["cut_links"].as_array().unwrap().len(), 0);
    let isolated = &steps[2];
    let links = isolated["cut_links"].as_array().unwrap();
    assert_eq!(
        links.len() as u64,
        isolated["cut_interactions"].as_u64().unwrap()
    );
    assert!(!links.is_empty());
    let airgap = airgap_clinical();
    let outside: Vec<&str> = airgap["outside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    for l in links {
        let (from, to) = (l["from"].as_str().unwrap(), l["to"].as_str().unwrap());
        assert!(
            outside.contains(&from) || outside.contains(&to),
            "{l} does not touch an external party"
        );
        assert!(l["kind"].is_string());
    }
    // Every link of the air-gap plan leaves the outside: the red phase cuts it.
    for st in airgap["steps"].as_array().unwrap() {
        let s = &st["sever"];
        assert!(
            links
                .iter()
                .any(|l| l["from"] == s["from"] && l["to"] == s["to"] && l["kind"] == s["kind"]),
            "{s} not cut by isolate: external"
        );
    }
}

const SPARES_CARE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/airgap-spares-care.yaml"
);

/// A plan dearer than the cheapest cut says why: it spares care the cheapest
/// one loses (fresh-user trial: "minimum cut total cost 4" beside a cost-2 cut).
#[test]
fn airgap_says_why_it_is_not_the_cheapest_cut() {
    let v = json(&[
        "airgap",
        SPARES_CARE,
        "--core",
        "zone:core",
        "--format",
        "json",
    ]);
    assert_eq!(v["cost"], 2.0);
    let c = &v["cheapest"];
    assert_eq!(c["is_cheapest"], false);
    assert_eq!(c["cheapest_cost"], 1.0);
    assert_eq!(c["cheapest_links"][0]["from"], "internet");
    assert_eq!(c["cheapest_links"][0]["to"], "gw");
    assert!(c["cheapest_care"].as_f64().unwrap() < 1.0);
    assert_eq!(v["care"]["capacity"], 1.0);
    let text = common::text(&cordon(&["airgap", SPARES_CARE, "--core", "zone:core"]).stdout);
    assert!(!text.contains("minimum cut"), "{text}");
    assert!(
        text.contains("Total cost 2 — chosen because it spares care: the cheapest cut, internet → gw (connects), costs only 1"),
        "{text}"
    );
    assert!(text.contains("of normal care (Portal: "), "{text}");
    // On the example the plan is the cheapest and says so.
    let text = common::text(&cordon(&["airgap", EXAMPLE, "--core", "zone:clinical"]).stdout);
    assert!(
        text.contains("Sever these 2 links, outermost first. Total cost 2 — the cheapest cut, and it keeps every service running."),
        "{text}"
    );
    assert!(text.contains("From vendors' side"), "{text}");
    assert!(!text.contains("vendors's"), "{text}");
}

/// Trial finding F2.3: a located scenario error says "error:" once, and the
/// components reached only at `reach` are named.
#[test]
fn scenario_errors_say_error_once_and_reach_is_named() {
    let dir = std::env::temp_dir().join(format!("cordon-f23-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "name: x\nsteps:\n  - compromise: vpn-gww\n").unwrap();
    let out = cordon(&["scenario", EXAMPLE, bad.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.yaml:3:17: error: unknown component"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);

    let v = json(&["scenario", EXAMPLE, RED, "--format", "json"]);
    let text = String::from_utf8(cordon(&["scenario", EXAMPLE, RED]).stdout).unwrap();
    for step in v["steps"].as_array().unwrap() {
        let reach = step["reached"]["reach"].as_array().unwrap();
        if !reach.is_empty() && reach.len() <= 20 {
            let names: Vec<&str> = reach.iter().map(|x| x.as_str().unwrap()).collect();
            assert!(
                text.contains(&format!("    reach: {}", names.join(", "))),
                "{text}"
            );
        }
    }
}
