//! Service fault trees (BDD/ZBDD) against direct evaluation of every one of
//! the 2^n failure combinations, on small random estates.

use std::collections::BTreeSet;

use cordon_continuity::Settings;
use cordon_model::{ComponentId, Model, ServiceId};
use cordon_services::{ServiceState, analyze_services, service_states};
use proptest::prelude::*;

const KINDS: [&str; 7] = [
    "hosts",
    "authenticates",
    "stores",
    "resolves",
    "supplies",
    "controls",
    "connects",
];

#[derive(Debug, Clone)]
enum N {
    C(usize),
    S(usize),
    All(Vec<N>),
    Any(Vec<N>),
    AtLeast(usize, Vec<N>),
}

fn need(n: usize, services_before: usize) -> impl Strategy<Value = N> {
    let leaf = if services_before > 0 {
        prop_oneof![4 => (0..n).prop_map(N::C), 1 => (0..services_before).prop_map(N::S)].boxed()
    } else {
        (0..n).prop_map(N::C).boxed()
    };
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(N::All),
            prop::collection::vec(inner.clone(), 1..4).prop_map(N::Any),
            (prop::collection::vec(inner, 1..4), 1usize..4).prop_map(|(v, k)| {
                let k = k.min(v.len());
                N::AtLeast(k, v)
            }),
        ]
    })
}

fn text(n: &N) -> String {
    let list = |v: &[N]| v.iter().map(text).collect::<Vec<_>>().join(", ");
    match n {
        N::C(c) => format!("c{c}"),
        N::S(s) => format!("s{s}"),
        N::All(v) => format!("all({})", list(v)),
        N::Any(v) => format!("any({})", list(v)),
        N::AtLeast(k, v) => format!("atleast({k}, {})", list(v)),
    }
}

#[derive(Debug, Clone)]
struct Spec {
    n: usize,
    p: Vec<f64>,
    edges: Vec<(usize, usize, usize)>,
    needs: Vec<N>,
    /// Declared redundancy group per component.
    groups: Vec<Option<u8>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..8).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(0.05f64..0.6, n),
            prop::collection::vec((0..n, 0..n, 0..KINDS.len()), 0..10),
            need(n, 0),
            need(n, 1),
            need(n, 2),
            prop::collection::vec(prop::option::weighted(0.4, 0u8..2), n),
        )
            .prop_map(|(n, p, edges, a, b, c, groups)| Spec {
                n,
                p,
                edges,
                needs: vec![a, b, c],
                groups,
            })
    })
}

fn build(s: &Spec) -> Model {
    let mut y = String::from("defaults: false\nzones:\n  - { id: z }\ncomponents:\n");
    for c in 0..s.n {
        let group = s.groups[c]
            .map(|g| format!(", redundancy: g{g}"))
            .unwrap_or_default();
        y.push_str(&format!(
            "  - {{ id: c{c}, kind: server-os, zone: z, p_fail: {}{group} }}\n",
            s.p[c]
        ));
    }
    y.push_str("interactions:\n");
    for &(f, t, k) in &s.edges {
        if f != t {
            y.push_str(&format!(
                "  - {{ from: c{f}, to: c{t}, kind: {} }}\n",
                KINDS[k]
            ));
        }
    }
    y.push_str("services:\n");
    for (i, n) in s.needs.iter().enumerate() {
        y.push_str(&format!(
            "  - {{ id: s{i}, needs: \"{}\", fallback: {{ name: paper, capacity: 0.5 }} }}\n",
            text(n)
        ));
    }
    Model::from_yaml(&y, "random.yaml").unwrap_or_else(|e| panic!("{e}\n{y}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn cut_sets_and_probability_match_enumeration(s in spec()) {
        let model = build(&s);
        let analyses = analyze_services(&model, &Settings::default(), usize::MAX).unwrap();
        let n = model.components.len();
        for a in &analyses {
            let sid: ServiceId = a.service;
            // Every failure combination, evaluated directly.
            let mut p_down = 0.0;
            let mut failing: Vec<u32> = Vec::new();
            for mask in 0u32..(1 << n) {
                let down: Vec<ComponentId> = (0..n).filter(|i| mask & (1 << i) != 0).map(|i| ComponentId(i as u32)).collect();
                let st = &service_states(&model, &down)[sid.0 as usize];
                if *st != ServiceState::Up {
                    failing.push(mask);
                    p_down += (0..n).map(|i| if mask & (1 << i) != 0 { s.p[i] } else { 1.0 - s.p[i] }).product::<f64>();
                }
            }
            let minimal: BTreeSet<u32> = failing.iter().copied().filter(|m| !failing.iter().any(|o| o != m && o & m == *o)).collect();
            let got: BTreeSet<u32> = a.cut_sets.iter().map(|cs| cs.components.iter().map(|c| 1u32 << c.0).sum()).collect();
            prop_assert_eq!(&got, &minimal, "service {}", model.services[sid.0 as usize].id);
            prop_assert_eq!(a.mcs_count as usize, minimal.len());
            prop_assert!((a.probability - p_down).abs() <= 1e-9 * p_down.max(1e-12) + 1e-12, "P {} vs {}", a.probability, p_down);
            let spof: BTreeSet<u32> = a.single_points_of_failure.iter().map(|c| 1u32 << c.0).collect();
            let want: BTreeSet<u32> = minimal.iter().copied().filter(|m| m.count_ones() == 1).collect();
            prop_assert_eq!(spof, want);
        }
    }
}
