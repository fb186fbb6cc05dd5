//! `cordon intel replay` orders its steps as the text tells the events
//! (trial s3 F3.9: `isolate: external` was placed before the encryption
//! although the text has the disconnection after it). Each expected order
//! is read by hand from the text; every step keeps its own sentence.

mod common;

use cordon_intel::replay;

fn steps(r: &cordon_intel::IncidentRecord) -> Vec<(String, String)> {
    let s = replay::scenario(r, std::path::Path::new("h.yaml"));
    for st in &s.steps {
        assert!(
            r.text.contains(st.because.trim()) || st.because.trim() == r.title.trim(),
            "because must be a sentence of the article: {}",
            st.because
        );
    }
    s.steps
        .iter()
        .map(|x| (x.action.clone(), x.selector.clone()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_trial_probe_disconnects_after_the_encryption() {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/trial3/probes/replay.txt"
    );
    let src = std::fs::read_to_string(p).unwrap();
    let docs = cordon_intel::ingest::parse(p, &src).unwrap();
    let r = cordon_intel::extract(&docs[0]);
    // "… got in through the hospital's VPN gateway … and encrypted them.
    // They also deleted the backups. The hospital disconnected all external
    // connections …"
    assert_eq!(
        steps(&r),
        pairs(&[
            ("compromise", "kind:vpn"),
            ("encrypt", "role:servers"),
            ("encrypt", "role:backups"),
            ("isolate", "external"),
        ])
    );
    let s = replay::scenario(&r, std::path::Path::new("h.yaml"));
    assert!(s.steps[1].because.contains("ESXi"), "{:?}", s.steps[1]);
    assert!(
        s.steps[3].because.contains("disconnected"),
        "{:?}",
        s.steps[3]
    );
}

#[test]
fn a_text_that_isolates_first_keeps_its_order() {
    let r = common::record(
        "Title: Cyberattack at Noordzee Hospital\n\nNoordzee Hospital in Vlissingen disconnected all external connections on Monday as a precaution. Hours later, ransomware encrypted the hospital's servers.\n",
    );
    let v = steps(&r);
    let iso = v.iter().position(|(a, _)| a == "isolate").expect("isolate");
    let enc = v.iter().position(|(a, _)| a == "encrypt").expect("encrypt");
    assert!(iso < enc, "{v:?}");
}

#[test]
fn stated_days_put_a_text_that_jumps_back_in_time_order() {
    let r = common::record(
        "Title: Ransomware at Rivierenland Hospital\nPublished: 2026-03-10\n\nOn 5 March 2026 Rivierenland Hospital in Tiel disconnected all external connections. The attack had begun on 2 March 2026, when ransomware encrypted the hospital's servers.\n",
    );
    let v = steps(&r);
    let iso = v.iter().position(|(a, _)| a == "isolate").expect("isolate");
    let enc = v.iter().position(|(a, _)| a == "encrypt").expect("encrypt");
    assert!(enc < iso, "{v:?}");
}

#[test]
fn in_one_sentence_the_response_follows_the_impact() {
    let r = common::record(
        "Title: Cyberattack at Kempen Hospital\n\nKempen Hospital in Geel shut down all of its servers after ransomware encrypted them on Friday.\n",
    );
    let v = steps(&r);
    let shut = v
        .iter()
        .position(|(a, _)| a == "shutdown")
        .expect("shutdown");
    let enc = v.iter().position(|(a, _)| a == "encrypt").expect("encrypt");
    assert!(enc < shut, "{v:?}");
    // A foothold comes first whatever its place in the text.
    assert_eq!(v[0].0, "compromise", "{v:?}");
}
