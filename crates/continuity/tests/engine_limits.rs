//! Regressions for the engine's resource faults (issue 13 items 7–8,
//! issue 12 F4/F5): each asserts a bound — a memory budget that is
//! respected or an error that is returned — never a time.
//!
//! The reproducers are read from `shared/cases/mef` next to the repository.

use cordon_continuity::{
    Error, FaultTree, FaultTreeBuilder, Formula, MefModel, ReadOptions, Settings, read_mef,
};

const MIB: u64 = 1024 * 1024;

fn case(name: &str) -> FaultTree {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/cases/mef/").to_string() + name;
    read_mef(&path, None).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A case SCRAM refuses but reads one clear way: read with `--lenient`
/// (`ReadOptions::lenient`); the default refuses it with a location.
fn lenient_case(name: &str) -> FaultTree {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/cases/mef/").to_string() + name;
    match MefModel::load(&[&path], &ReadOptions::default()) {
        Err(Error::Mef { line, .. }) if line >= 1 => {}
        Err(e) => panic!("{path}: refused without a location: {e}"),
        Ok(_) => panic!("{path}: SCRAM refuses it, the default must too"),
    }
    let lenient = ReadOptions {
        lenient: true,
        ..ReadOptions::default()
    };
    let model = MefModel::load(&[&path], &lenient).unwrap_or_else(|e| panic!("{path}: {e}"));
    let targets = model.targets().unwrap();
    assert_eq!(targets.len(), 1, "{path}");
    model.fault_tree(&targets[0]).unwrap().tree
}

/// Runs `f` on a thread with a 512 KiB stack: any recursion over the
/// input's depth or width would overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("analysis overflowed a 512 KiB stack or panicked")
}

#[test]
fn bdd_stops_at_the_memory_budget_with_a_suggestion() {
    // 1,000 events, AND/OR only: the BDD grew to 24 GB and was killed.
    let tree = case("oom_ft-1000-05.xml");
    let settings = Settings {
        memory_limit: Some(96 * MIB),
        ..Settings::default()
    };
    match tree.analyze(&settings) {
        Err(e @ Error::MemoryLimit { .. }) => {
            let text = e.to_string();
            assert!(text.contains("96 MiB"), "{text}");
            assert!(text.contains("--memory-limit"), "{text}");
            assert!(text.contains("--zbdd --cut-off"), "{text}");
        }
        Err(e) => panic!("expected the memory budget error, got {e}"),
        Ok(_) => panic!("expected the memory budget error, the BDD fitted in 96 MiB"),
    }
}

#[test]
fn zbdd_stops_at_the_memory_budget() {
    let tree = case("oom_ft-1000-05.xml");
    let settings = Settings {
        exact_probability: false,
        memory_limit: Some(16 * MIB),
        ..Settings::default()
    };
    match tree.analyze(&settings) {
        Err(Error::MemoryLimit { what, .. }) => assert!(what.contains("ZBDD"), "{what}"),
        Err(e) => panic!("expected the memory budget error, got {e}"),
        Ok(a) => panic!(
            "expected the memory budget error, got {} cut sets",
            a.mcs_count()
        ),
    }
}

fn wide_or(n: usize) -> FaultTree {
    let mut b = FaultTreeBuilder::new();
    let events: Vec<Formula> = (0..n)
        .map(|i| b.basic_event(format!("e{i}"), 1e-6).unwrap())
        .collect();
    let top = b.or(events);
    b.build(top).unwrap()
}

#[test]
fn zbdd_memory_is_linear_in_a_wide_or() {
    // 20,000 inputs: the quadratic union needed ~2·10^8 nodes (GBs); a
    // linear one fits in 16 MiB with its tables.
    let tree = wide_or(20_000);
    let settings = Settings {
        exact_probability: false,
        memory_limit: Some(16 * MIB),
        ..Settings::default()
    };
    let a = on_small_stack(move || tree.analyze(&settings).map(|a| a.report().clone()));
    let r = a.expect("wide OR within 16 MiB");
    assert_eq!(r.mcs_count, 20_000);
    assert_eq!(r.zbdd_nodes, 20_002);
}

#[test]
fn wide_or_and_long_chains_need_no_deep_stack() {
    // One OR over 100,000 events (gen_mef_fanin.py 100000), a 100,000-gate
    // OR chain (gen_mef_chain.py 100000) and a 20,000-event AND (one cut
    // set of order 20,000): every traversal is iterative.
    let fanin = wide_or(100_000);
    let mut b = FaultTreeBuilder::new();
    let mut g = b.basic_event("e_last", 0.001).unwrap();
    for i in 0..100_000 {
        let e = b.basic_event(format!("e{i}"), 0.001).unwrap();
        g = b.or([g, e]);
    }
    let chain = b.build(g).unwrap();
    let mut b = FaultTreeBuilder::new();
    let events: Vec<Formula> = (0..20_000)
        .map(|i| b.basic_event(format!("e{i}"), 0.999).unwrap())
        .collect();
    let top = b.and(events);
    let wide_and = b.build(top).unwrap();
    on_small_stack(move || {
        for (tree, count, order) in [
            (fanin, 100_000, 1),
            (chain, 100_001, 1),
            (wide_and, 1, 20_000),
        ] {
            for exact in [true, false] {
                let settings = Settings {
                    exact_probability: exact,
                    // Importance walks the diagrams too (one event at a
                    // time: quadratic work on 100,000 events, so only here).
                    importance: exact && count == 1,
                    ..Settings::default()
                };
                let a = tree.analyze(&settings).unwrap();
                assert_eq!(a.mcs_count(), count);
                assert_eq!(a.report().distribution.len(), order + 1);
                assert_eq!(a.cut_sets(1).len(), 1);
            }
        }
    });
}

#[test]
fn birnbaum_is_never_negative_on_coherent_trees() {
    for name in [
        "negative_birnbaum_coherent_200_event.xml",
        "slow_vs_scram_BE_500_1.xml",
    ] {
        let tree = case(name);
        assert!(tree.is_coherent());
        let a = tree
            .analyze(&Settings {
                importance: true,
                ..Settings::default()
            })
            .unwrap();
        for m in a.report().importance.as_ref().unwrap() {
            assert!(m.birnbaum >= 0.0, "{name}: {} B = {}", m.event, m.birnbaum);
            assert!(
                m.criticality >= 0.0,
                "{name}: {} CR = {}",
                m.event,
                m.criticality
            );
        }
    }
}

#[test]
fn k_of_n_heavy_tree_compiles_within_a_small_budget() {
    // slow_vs_scram_BE_500_1: 23 k-of-n gates; the BDD used 1–1.9 GB of
    // intermediate nodes for a final diagram of ~1,500. SCRAM: 892 cut
    // sets, 2.518148e-23.
    let tree = case("slow_vs_scram_BE_500_1.xml");
    let a = tree
        .analyze(&Settings {
            memory_limit: Some(96 * MIB),
            ..Settings::default()
        })
        .unwrap();
    assert_eq!(a.mcs_count(), 892);
    assert!(
        (a.probability() / 2.518148e-23 - 1.0).abs() < 5e-6,
        "{}",
        a.probability()
    );
}

#[test]
fn non_coherent_tree_too_large_for_the_bdd_gets_the_truncated_method() {
    // FT104.TOP of the generic PWR fire scenario FRI-MCR (4 NOT gates).
    let tree = lenient_case("pwr_FT104_noncoherent_cone.xml");
    assert!(!tree.is_coherent());
    let err = tree
        .analyze(&Settings {
            memory_limit: Some(64 * MIB),
            ..Settings::default()
        })
        .err()
        .expect("the BDD does not fit in 64 MiB");
    assert!(matches!(err, Error::MemoryLimit { .. }), "{err}");
    assert!(err.to_string().contains("--zbdd --cut-off"), "{err}");

    let a = tree
        .analyze(&Settings {
            exact_probability: false,
            cutoff: Some(1e-9),
            memory_limit: Some(512 * MIB),
            ..Settings::default()
        })
        .unwrap();
    let r = a.report();
    assert_eq!(r.method, "zbdd-coherent-approximation");
    assert!(r.approximate);
    assert!(r.note.as_deref().unwrap_or("").contains("approximate"));
    assert!(r.probability.is_nan());
    // SCRAM (MOCUS, cut-off 1e-12, rare event) on the whole model: 3.70e-4.
    assert!(
        (r.rare_event / 3.70e-4 - 1.0).abs() < 0.01,
        "{}",
        r.rare_event
    );
    assert!(r.mcub <= r.rare_event);
}

#[test]
fn repeated_arguments_are_a_multiset_in_both_methods() {
    for (name, p, mcs) in [
        ("repeated_arg_atleast.xml", 0.1, 1),
        // xor(A, A) ∨ (B ∧ C): only B ∧ C remains.
        ("repeated_arg_xor.xml", 0.06, 1),
    ] {
        let tree = lenient_case(name);
        let a = tree.analyze(&Settings::default()).unwrap();
        assert!(
            (a.probability() - p).abs() < 1e-15,
            "{name}: {}",
            a.probability()
        );
        assert_eq!(a.mcs_count(), mcs, "{name}");
        if !tree.is_coherent() {
            continue;
        }
        let z = tree
            .analyze(&Settings {
                exact_probability: false,
                ..Settings::default()
            })
            .unwrap();
        assert_eq!(z.mcs_count(), mcs, "{name} (bottom-up)");
    }
}
