//! Oracle test against SCRAM 0.16.2 (Debian package `scram`): same cut-set
//! count, distribution, probability and importance measures on small Aralia
//! models. Skipped with a message when `scram` is not installed, unless
//! `CORDON_REQUIRE_SCRAM=1`, which makes a missing SCRAM a failure.

use std::process::Command;

use cordon_continuity::{Settings, read_mef};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/aralia");
const MODELS: &[&str] = &[
    "chinese", "baobab2", "isp9605", "das9205", "das9601", "isp9606",
];

fn scram_available() -> bool {
    let found = Command::new("scram")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CORDON_REQUIRE_SCRAM").as_deref() == Ok("1") {
            panic!(
                "CORDON_REQUIRE_SCRAM=1 but `scram` is not installed (apt-get install -y scram)"
            );
        }
        eprintln!(
            "SKIPPED: `scram` not installed (apt-get install -y scram); set CORDON_REQUIRE_SCRAM=1 to fail instead"
        );
    }
    found
}

/// Value of `name="…"` in an XML start tag.
fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    let end = tag[start..].find('"').unwrap() + start;
    &tag[start..end]
}

fn close(a: f64, b: f64) -> bool {
    // SCRAM prints 6 significant digits.
    (a - b).abs() <= 1e-5 * a.abs().max(b.abs()) + 1e-15
}

#[test]
fn agrees_with_scram() {
    if !scram_available() {
        return;
    }
    let out_dir = std::env::temp_dir().join(format!("cordon-scram-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    for model in MODELS {
        let input = format!("{DIR}/{model}.xml");
        let report = out_dir.join(format!("{model}.xml"));
        let status = Command::new("scram")
            .arg(&input)
            .args([
                "--probability",
                "1",
                "--importance",
                "1",
                "--limit-order",
                "100",
                "-o",
            ])
            .arg(&report)
            .status()
            .expect("scram runs");
        assert!(status.success(), "scram failed on {model}");
        let text = std::fs::read_to_string(&report).unwrap();
        let sop = text
            .lines()
            .find(|l| l.contains("<sum-of-products"))
            .expect("sum-of-products");

        let tree = read_mef(&input, None).unwrap();
        let a = tree
            .analyze(&Settings {
                importance: true,
                ..Settings::default()
            })
            .unwrap();
        let r = a.report();
        assert_eq!(
            r.mcs_count.to_string(),
            attr(sop, "products"),
            "{model}: cut sets"
        );
        let dist: Vec<String> = r
            .distribution
            .iter()
            .skip(1)
            .map(|d| d.to_string())
            .collect();
        let scram_dist: Vec<&str> = attr(sop, "distribution").split_whitespace().collect();
        assert_eq!(dist, scram_dist, "{model}: distribution by order");
        let p: f64 = attr(sop, "probability").parse().unwrap();
        assert!(
            close(r.probability, p),
            "{model}: P {} vs scram {p}",
            r.probability
        );

        // SCRAM's MIF is Birnbaum, CIF criticality; RAW and RRW as ours.
        let measures = r.importance.as_ref().unwrap();
        let mut checked = 0;
        for line in text
            .lines()
            .filter(|l| l.contains("<basic-event") && l.contains("MIF="))
        {
            let name = attr(line, "name");
            let m = measures.iter().find(|m| m.event == name).unwrap();
            if !r.coherent {
                // SCRAM 0.16.2 flips the sign of MIF for some events of
                // non-coherent trees (das9601 e20: MIF < 0 with RAW = -0.33,
                // an impossible ratio of probabilities). Ours matches brute
                // force (tests/properties.rs); compare magnitudes only.
                let theirs: f64 = attr(line, "MIF").parse().unwrap();
                assert!(
                    close(m.birnbaum.abs(), theirs.abs()),
                    "{model}/{name}: |B| {} vs scram {theirs}",
                    m.birnbaum
                );
                checked += 1;
                continue;
            }
            for (ours, theirs) in [
                (m.birnbaum, "MIF"),
                (m.criticality, "CIF"),
                (m.raw, "RAW"),
                (m.rrw, "RRW"),
            ] {
                let theirs: f64 = attr(line, theirs).parse().unwrap();
                // SCRAM derives RRW as P / (P - p·MIF): when P(top | ¬e) is
                // ~0 that cancels to noise (das9205 e26: -8.4e15). Ours is
                // computed without subtraction; skip SCRAM's noise.
                if !(0.0..=1e9).contains(&theirs) {
                    assert!(
                        ours > 1e9,
                        "{model}/{name}: RRW {ours}, P(top | ¬e) should be ~0"
                    );
                    continue;
                }
                assert!(
                    close(ours, theirs),
                    "{model}/{name}: {ours} vs scram {theirs}"
                );
            }
            checked += 1;
        }
        assert!(checked > 0, "{model}: no importance in scram's report");
        eprintln!(
            "{model}: {} cut sets, P = {:e}, {checked} importance rows agree with SCRAM",
            r.mcs_count, r.probability
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
