//! `cordon services` on the example hospital and on broken service models.

mod common;
use common::{EXAMPLE, cordon};

#[test]
fn example_services_have_their_cut_sets_and_fallbacks() {
    let o = cordon(&["services", EXAMPLE, "--format", "json", "--cut-sets", "100"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let svc = |id: &str| {
        v["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .unwrap()
    };
    let ids = |x: &serde_json::Value| -> Vec<String> {
        x.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let ed = svc("emergency-department");
    for spof in ["ehr-db", "ehr-app", "lis", "ws-anna-er", "esx-02"] {
        assert!(
            ids(&ed["single_points_of_failure"]).contains(&spof.to_string()),
            "{spof}"
        );
    }
    // The CT scanner and the PACS back each other up: neither alone stops the ED.
    assert!(!ids(&ed["single_points_of_failure"]).contains(&"pacs".to_string()));
    let pairs: Vec<Vec<String>> = ed["cut_sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ids(&c["components"]))
        .collect();
    assert!(
        pairs.contains(&vec!["ct-scanner".to_string(), "pacs".to_string()]),
        "{pairs:?}"
    );
    assert_eq!(ed["fallback"]["capacity"], 0.3);
    // Two domain controllers are redundant for registration.
    let reg = svc("registration");
    assert!(!ids(&reg["single_points_of_failure"]).contains(&"ad-dc1".to_string()));
    // The mobile urgency teams have no fallback.
    assert!(svc("mobile-urgency")["fallback"].is_null());
    for key in ["probability", "mcs_count", "distribution"] {
        assert!(ed.get(key).is_some(), "{key}");
    }
    let p = ed["probability"].as_f64().unwrap();
    assert!(p > 0.05 && p < 0.2, "{p}");
    // The single DNS server stops every service on its own.
    let top = &v["care_at_risk"][0];
    assert_eq!(top["services"].as_array().unwrap().len(), 13, "{top}");
    let text = String::from_utf8_lossy(&cordon(&["services", EXAMPLE]).stdout).into_owned();
    assert!(text.contains("CARE AT RISK"));
    assert!(text.contains("fallback: none — care stops"));
}

#[test]
fn service_cycles_are_reported_with_the_cycle() {
    let (_dir, p) = common::model_file(
        "cycle.yaml",
        "zones:\n  - { id: z }\ncomponents:\n  - { id: a, kind: ehr, zone: z }\nservices:\n  - { id: lab, needs: \"all(a, imaging)\" }\n  - { id: imaging, needs: lab }\n",
    );
    let o = cordon(&["services", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cycle: lab → imaging → lab"), "{err}");
    assert!(err.contains("cycle.yaml:6:"), "{err}");
}
