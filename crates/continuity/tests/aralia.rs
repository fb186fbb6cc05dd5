//! The Aralia benchmark table of `shared/data/aralia/README.md`: every model
//! must give the published number of minimal cut sets and exact probability
//! (relative error ≤ 1e-6 on the printed digits).
//!
//! Models that take more than a few seconds in a debug build are ignored here
//! and checked by `cordon bench fta` (and by `cargo test -- --ignored`).

use cordon_continuity::{Settings, read_mef};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/aralia");

fn analyze(model: &str) -> cordon_continuity::Analysis {
    let tree = read_mef(format!("{DIR}/{model}.xml"), None).expect("model parses");
    tree.analyze(&Settings::default())
        .expect("analysis succeeds")
}

/// The table prints 6 significant digits: the tolerance is the rounding.
fn assert_close(model: &str, got: f64, want: f64) {
    let rel = ((got - want) / want).abs();
    assert!(
        rel <= 5e-6,
        "{model}: probability {got:e}, table {want:e} (relative error {rel:e})"
    );
}

fn check(model: &str, mcs: u128, probability: f64) {
    let a = analyze(model);
    assert_eq!(a.mcs_count(), mcs, "{model}: number of minimal cut sets");
    assert_close(model, a.probability(), probability);
    let distribution = &a.report().distribution;
    assert_eq!(
        distribution.iter().sum::<u128>(),
        mcs,
        "{model}: distribution sums to the count"
    );
}

macro_rules! table {
    ($($(#[$attr:meta])* $name:ident: $mcs:expr, $p:expr;)*) => {
        $( #[test] $(#[$attr])* fn $name() { check(stringify!($name), $mcs, $p) } )*
    };
}

table! {
    baobab1: 46188, 1.01708e-04;
    baobab2: 4805, 7.13018e-04;
    baobab3: 24386, 2.24117e-03;
    chinese: 392, 1.17058e-03;
    das9201: 14217, 1.34237e-02;
    das9202: 27778, 1.01154e-02;
    das9203: 16200, 1.34880e-03;
    das9204: 16704, 2.16942e-11;
    das9205: 17280, 1.38408e-08;
    das9206: 19518, 2.29687e-01;
    das9207: 25988, 3.46696e-01;
    das9208: 8060, 1.30179e-02;
    das9209: 82_000_000_000, 1.05800e-13;
    das9601: 4259, 4.23440e-03;
    edf9201: 579720, 3.24591e-01;
    edf9202: 130112, 7.81302e-01;
    edf9205: 21308, 2.09351e-01;
    edf9206: 7_159_688_704, 8.61500e-12;
    edfpa14p: 415500, 8.07059e-02;
    edfpa14r: 380412, 2.09977e-02;
    edfpa15o: 2906753, 3.62956e-01;
    edfpa15p: 27870, 7.36302e-02;
    edfpa15q: 2910473, 3.62737e-01;
    edfpa15r: 26549, 1.89750e-02;
    elf9601: 151348, 9.66291e-02;
    ftr10: 305, 4.48677e-01;
    isp9601: 276785, 5.71245e-02;
    isp9602: 5197647, 1.72447e-02;
    isp9603: 3434, 3.23326e-03;
    isp9604: 746574, 1.42751e-01;
    isp9605: 5630, 1.37171e-05;
    isp9606: 1776, 5.43174e-02;
    isp9607: 150436, 9.49510e-07;
    jbd9601: 14007, 7.55091e-01;
}

/// SCRAM's own Chinese test: the same tree with every p = 0.02.
#[test]
fn chinese_with_p_002() {
    let mut tree = read_mef(format!("{DIR}/chinese.xml"), None).unwrap();
    let names: Vec<String> = tree.basic_events().iter().map(|e| e.name.clone()).collect();
    for name in names {
        tree.set_probability(&name, 0.02).unwrap();
    }
    let a = tree.analyze(&Settings::default()).unwrap();
    assert_eq!(a.mcs_count(), 392);
    assert!(
        (a.probability() - 0.0045691).abs() / 0.0045691 < 1e-4,
        "{}",
        a.probability()
    );
    let rare = a.report().rare_event;
    assert!((rare - 0.004804).abs() / 0.004804 < 1e-3, "{rare}");
}

/// Order limit and cut-off on a table model: the distribution is truncated
/// exactly, and every listed cut set respects both bounds.
#[test]
fn truncation_on_baobab2() {
    let tree = read_mef(format!("{DIR}/baobab2.xml"), None).unwrap();
    let full = tree.analyze(&Settings::default()).unwrap();
    let limited = tree
        .analyze(&Settings {
            order_limit: Some(4),
            ..Settings::default()
        })
        .unwrap();
    let want: u128 = full.report().distribution.iter().take(5).sum();
    assert_eq!(limited.mcs_count(), want);
    let cut = tree
        .analyze(&Settings {
            cutoff: Some(1e-7),
            ..Settings::default()
        })
        .unwrap();
    let mut n = 0u128;
    cut.for_each_cut_set(|cs| {
        assert!(cs.probability >= 1e-7);
        n += 1;
        true
    });
    assert_eq!(n, cut.mcs_count());
    // With p = 0.01 everywhere, p ≥ 1e-7 means order ≤ 3.
    assert_eq!(
        cut.mcs_count(),
        full.report().distribution.iter().take(4).sum::<u128>()
    );
}

/// Non-coherent models: cut sets drop negated events (SCRAM's convention).
#[test]
fn non_coherent_das9601_lists_positive_cut_sets() {
    let a = analyze("das9601");
    assert!(!a.report().coherent);
    let sets = a.cut_sets(10_000);
    assert_eq!(sets.len(), 4259);
}

/// Importance on a table model: for a coherent tree every measure lies in its
/// range (guards against a diagram budget leaking into the importance pass).
#[test]
fn importance_is_within_range_on_baobab1() {
    let tree = read_mef(format!("{DIR}/baobab1.xml"), None).unwrap();
    let a = tree
        .analyze(&Settings {
            importance: true,
            ..Settings::default()
        })
        .unwrap();
    let measures = a.report().importance.as_ref().unwrap();
    assert_eq!(measures.len(), 61);
    for m in measures {
        assert!((0.0..=1.0).contains(&m.fussell_vesely), "{m:?}");
        assert!((0.0..=1.0).contains(&m.criticality), "{m:?}");
        assert!(m.birnbaum >= 0.0 && m.raw >= 1.0 && m.rrw >= 1.0, "{m:?}");
    }
}
