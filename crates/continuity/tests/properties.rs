//! Property tests: small random trees (≤ 8 basic events, AND / OR / k-of-n /
//! NOT / XOR) against brute force over all 2^n assignments — which is only
//! acceptable here, as an oracle.

use cordon_continuity::{Connective, FaultTreeBuilder, Formula, Settings};
use proptest::prelude::*;

/// A gate over earlier nodes: indices `< events + own position`.
#[derive(Clone, Debug)]
struct GateSpec {
    connective: Connective,
    inputs: Vec<usize>,
}

#[derive(Clone, Debug)]
struct TreeSpec {
    probabilities: Vec<f64>,
    gates: Vec<GateSpec>,
}

fn tree_spec(allow_negation: bool) -> impl Strategy<Value = TreeSpec> {
    (1usize..=8, 1usize..=7).prop_flat_map(move |(n, g)| {
        let probabilities = prop::collection::vec(
            prop_oneof![Just(0.0), Just(1.0), Just(0.5), 0.001f64..0.999],
            n,
        );
        let gates = prop::collection::vec(
            (
                0u8..if allow_negation { 5 } else { 3 },
                prop::collection::vec(any::<prop::sample::Index>(), 1..5),
                any::<prop::sample::Index>(),
            ),
            g,
        );
        (probabilities, gates).prop_map(move |(probabilities, raw)| {
            let gates = raw
                .into_iter()
                .enumerate()
                .map(|(pos, (kind, picks, k))| {
                    let available = n + pos;
                    let mut inputs: Vec<usize> = picks.iter().map(|i| i.index(available)).collect();
                    // Later gates should usually use the previous one so the
                    // tree is deep rather than a forest.
                    if pos > 0 {
                        inputs[0] = n + pos - 1;
                    }
                    let connective = match kind {
                        0 => Connective::And,
                        1 => Connective::Or,
                        2 => Connective::AtLeast(1 + k.index(inputs.len())),
                        3 => {
                            inputs.truncate(1);
                            Connective::Not
                        }
                        _ => Connective::Xor,
                    };
                    GateSpec { connective, inputs }
                })
                .collect();
            TreeSpec {
                probabilities,
                gates,
            }
        })
    })
}

fn build(spec: &TreeSpec) -> cordon_continuity::FaultTree {
    let mut b = FaultTreeBuilder::new();
    let mut nodes: Vec<Formula> = spec
        .probabilities
        .iter()
        .enumerate()
        .map(|(i, &p)| b.basic_event(format!("e{i}"), p).unwrap())
        .collect();
    for g in &spec.gates {
        let inputs: Vec<Formula> = g.inputs.iter().map(|&i| nodes[i]).collect();
        let f = match g.connective {
            Connective::And => b.and(inputs),
            Connective::Or => b.or(inputs),
            Connective::AtLeast(k) => b.atleast(k, inputs),
            Connective::Not => b.not(inputs[0]),
            Connective::Xor => b.xor(inputs),
        };
        nodes.push(f);
    }
    b.build(*nodes.last().unwrap()).unwrap()
}

/// Truth value of the top event when exactly the events in `mask` occur.
fn eval(spec: &TreeSpec, mask: u32) -> bool {
    let n = spec.probabilities.len();
    let mut values: Vec<bool> = (0..n).map(|i| mask >> i & 1 == 1).collect();
    for g in &spec.gates {
        let ins: Vec<bool> = g.inputs.iter().map(|&i| values[i]).collect();
        let count = ins.iter().filter(|&&v| v).count();
        values.push(match g.connective {
            Connective::And => count == ins.len(),
            Connective::Or => count > 0,
            Connective::AtLeast(k) => count >= k,
            Connective::Not => !ins[0],
            Connective::Xor => count % 2 == 1,
        });
    }
    *values.last().unwrap()
}

fn weight(spec: &TreeSpec, mask: u32) -> f64 {
    spec.probabilities
        .iter()
        .enumerate()
        .map(|(i, &p)| if mask >> i & 1 == 1 { p } else { 1.0 - p })
        .product()
}

/// P(predicate) by enumeration.
fn prob(spec: &TreeSpec, pred: impl Fn(u32) -> bool) -> f64 {
    (0..1u32 << spec.probabilities.len())
        .filter(|&m| pred(m))
        .map(|m| weight(spec, m))
        .sum()
}

/// Minimal sets of failed events that make the top true (all others working).
fn brute_mcs(spec: &TreeSpec) -> Vec<u32> {
    let n = spec.probabilities.len();
    let sets: Vec<u32> = (0..1u32 << n).filter(|&m| eval(spec, m)).collect();
    sets.iter()
        .copied()
        .filter(|&m| !sets.iter().any(|&s| s != m && s & m == s))
        .collect()
}

fn mask_of(events: &[String]) -> u32 {
    events
        .iter()
        .map(|e| 1u32 << e[1..].parse::<u32>().unwrap())
        .sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-3) || (a.is_infinite() && b.is_infinite())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn probability_and_cut_sets_match_brute_force(spec in tree_spec(true)) {
        let tree = build(&spec);
        let a = tree.analyze(&Settings::default()).unwrap();
        let exact = prob(&spec, |m| eval(&spec, m));
        prop_assert!(close(a.probability(), exact), "P {} vs {}", a.probability(), exact);

        let mut want = brute_mcs(&spec);
        want.sort_unstable();
        let mut got: Vec<u32> = a.cut_sets(usize::MAX).iter().map(|c| mask_of(&c.events)).collect();
        got.sort_unstable();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(a.mcs_count(), want.len() as u128);
        let rare: f64 = want.iter().map(|&m| (0..8).filter(|i| m >> i & 1 == 1).map(|i| spec.probabilities[i]).product::<f64>()).sum();
        prop_assert!(close(a.report().rare_event, rare));
    }

    #[test]
    fn truncation_matches_filtered_brute_force(spec in tree_spec(true), limit in 0usize..4, cutoff in prop_oneof![Just(0.0), 1e-4f64..0.5]) {
        let tree = build(&spec);
        let a = tree.analyze(&Settings { order_limit: Some(limit), cutoff: Some(cutoff), ..Settings::default() }).unwrap();
        let p = |m: u32| (0..8).filter(|i| m >> i & 1 == 1).map(|i| spec.probabilities[i]).product::<f64>();
        let mut want: Vec<u32> = brute_mcs(&spec).into_iter().filter(|&m| m.count_ones() as usize <= limit && p(m) >= cutoff).collect();
        want.sort_unstable();
        let mut got: Vec<u32> = a.cut_sets(usize::MAX).iter().map(|c| mask_of(&c.events)).collect();
        got.sort_unstable();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn bottom_up_zbdd_matches_brute_force(spec in tree_spec(false), limit in 0usize..6, cutoff in prop_oneof![Just(0.0), 1e-4f64..0.5]) {
        let tree = build(&spec);
        let settings = Settings { exact_probability: false, order_limit: Some(limit), cutoff: Some(cutoff), ..Settings::default() };
        let a = tree.analyze(&settings).unwrap();
        let p = |m: u32| (0..8).filter(|i| m >> i & 1 == 1).map(|i| spec.probabilities[i]).product::<f64>();
        let mut want: Vec<u32> = brute_mcs(&spec).into_iter().filter(|&m| m.count_ones() as usize <= limit && p(m) >= cutoff).collect();
        want.sort_unstable();
        let mut got: Vec<u32> = a.cut_sets(usize::MAX).iter().map(|c| mask_of(&c.events)).collect();
        got.sort_unstable();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn importance_matches_brute_force(spec in tree_spec(true)) {
        let tree = build(&spec);
        let a = tree.analyze(&Settings { importance: true, ..Settings::default() }).unwrap();
        let top = prob(&spec, |m| eval(&spec, m));
        let mcs = brute_mcs(&spec);
        for m in a.report().importance.as_ref().unwrap() {
            let i: usize = m.event[1..].parse().unwrap();
            let bit = 1u32 << i;
            let p = spec.probabilities[i];
            // Conditional probabilities by enumeration with e forced.
            let cond = |v: bool| -> f64 {
                let mut s = spec.clone();
                s.probabilities[i] = if v { 1.0 } else { 0.0 };
                prob(&s, |m| eval(&s, m))
            };
            let (p1, p0) = (cond(true), cond(false));
            let birnbaum = p1 - p0;
            prop_assert!((m.birnbaum - birnbaum).abs() <= 1e-9, "{}: B {} vs {}", m.event, m.birnbaum, birnbaum);
            if top > 1e-9 {
                prop_assert!((m.criticality - birnbaum * p / top).abs() <= 1e-7 * (1.0 + (birnbaum * p / top).abs()));
                prop_assert!((m.raw - p1 / top).abs() <= 1e-7 * (1.0 + p1 / top), "{}: RAW {} vs {}", m.event, m.raw, p1 / top);
                if p0 > 1e-6 {
                    prop_assert!((m.rrw - top / p0).abs() <= 1e-6 * (top / p0), "{}: RRW {} vs {}", m.event, m.rrw, top / p0);
                }
                let with_e: Vec<u32> = mcs.iter().copied().filter(|&c| c & bit != 0).collect();
                let fv = prob(&spec, |w| eval(&spec, w) && with_e.iter().any(|&c| c & !w == 0)) / top;
                prop_assert!((m.fussell_vesely - fv).abs() <= 1e-7, "{}: FV {} vs {}", m.event, m.fussell_vesely, fv);
            }
        }
    }
}

/// The coherent approximation `f⁺` of the tree at `mask`, by its
/// definition: NOT pushed down to the events (De Morgan; k-of-n negated is
/// (n-k+1)-of-n of the negations; XOR by parity), then every negated event
/// replaced by true. Returns (value, value of the negation) per node.
fn eval_envelope(spec: &TreeSpec, mask: u32) -> bool {
    let n = spec.probabilities.len();
    // (positive, negated) envelope of each node.
    let mut values: Vec<(bool, bool)> = (0..n).map(|i| (mask >> i & 1 == 1, true)).collect();
    for g in &spec.gates {
        let ins: Vec<(bool, bool)> = g.inputs.iter().map(|&i| values[i]).collect();
        let pos = ins.iter().filter(|v| v.0).count();
        let neg = ins.iter().filter(|v| v.1).count();
        let m = ins.len();
        values.push(match g.connective {
            Connective::And => (pos == m, neg > 0),
            Connective::Or => (pos > 0, neg == m),
            Connective::AtLeast(k) => (pos >= k, neg >= (m + 1).saturating_sub(k)),
            Connective::Not => (ins[0].1, ins[0].0),
            Connective::Xor => ins.iter().fold((false, true), |(odd, even), &(p, q)| {
                ((odd && q) || (even && p), (odd && p) || (even && q))
            }),
        });
    }
    values.last().unwrap().0
}

fn envelope_mcs(spec: &TreeSpec) -> Vec<u32> {
    let n = spec.probabilities.len();
    let sets: Vec<u32> = (0..1u32 << n).filter(|&m| eval_envelope(spec, m)).collect();
    sets.iter()
        .copied()
        .filter(|&m| !sets.iter().any(|&s| s != m && s & m == s))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// The truncated method for non-coherent trees (`--zbdd` on NOT/XOR):
    /// its cut sets are exactly the truncated minimal cut sets of the
    /// coherent approximation, which covers the tree (f ≤ f⁺), so without
    /// truncation its rare-event sum bounds the exact probability from above.
    #[test]
    fn coherent_approximation_is_sound(spec in tree_spec(true), limit in 0usize..6, cutoff in prop_oneof![Just(0.0), 1e-4f64..0.5]) {
        let tree = build(&spec);
        let n = spec.probabilities.len();
        for m in 0..1u32 << n {
            prop_assert!(!eval(&spec, m) || eval_envelope(&spec, m), "f ≤ f⁺ fails at {m:b}");
        }
        let p = |m: u32| (0..8).filter(|i| m >> i & 1 == 1).map(|i| spec.probabilities[i]).product::<f64>();
        // Untruncated: the family, and the upper bound.
        let full = tree.analyze(&Settings { exact_probability: false, ..Settings::default() }).unwrap();
        let mut want = envelope_mcs(&spec);
        want.sort_unstable();
        let mut got: Vec<u32> = full.cut_sets(usize::MAX).iter().map(|c| mask_of(&c.events)).collect();
        got.sort_unstable();
        prop_assert_eq!(&got, &want);
        let exact = prob(&spec, |m| eval(&spec, m));
        prop_assert!(full.report().rare_event >= exact * (1.0 - 1e-12) - 1e-15, "rare-event {} < exact {}", full.report().rare_event, exact);
        prop_assert!(full.report().mcub >= exact * (1.0 - 1e-9) - 1e-15, "MCUB {} < exact {}", full.report().mcub, exact);
        prop_assert_eq!(full.report().approximate, true);
        prop_assert_eq!(full.report().note.is_some(), !tree.is_coherent());
        // Truncated: exactly the filtered family.
        let settings = Settings { exact_probability: false, order_limit: Some(limit), cutoff: Some(cutoff), ..Settings::default() };
        let a = tree.analyze(&settings).unwrap();
        let want: Vec<u32> = want.into_iter().filter(|&m| m.count_ones() as usize <= limit && p(m) >= cutoff).collect();
        let mut got: Vec<u32> = a.cut_sets(usize::MAX).iter().map(|c| mask_of(&c.events)).collect();
        got.sort_unstable();
        prop_assert_eq!(got, want);
    }

    /// Birnbaum (and criticality) are never negative on coherent trees.
    #[test]
    fn birnbaum_non_negative_when_coherent(spec in tree_spec(false)) {
        let tree = build(&spec);
        let a = tree.analyze(&Settings { importance: true, ..Settings::default() }).unwrap();
        for m in a.report().importance.as_ref().unwrap() {
            prop_assert!(m.birnbaum >= 0.0 && m.criticality >= 0.0, "{}: {}", m.event, m.birnbaum);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// Certified bounds (for trees whose BDD does not fit): the bracket
    /// always holds the exact probability, whatever the truncation.
    #[test]
    fn certified_bounds_bracket_the_exact_probability(spec in tree_spec(false), limit in prop_oneof![Just(None), (0usize..5).prop_map(Some)], cutoff in prop_oneof![Just(None), (1e-4f64..0.5).prop_map(Some)], max_gate_nodes in 1usize..6) {
        let tree = build(&spec);
        let exact = prob(&spec, |m| eval(&spec, m));
        let settings = Settings { order_limit: limit, cutoff, ..Settings::default() };
        match tree.certified_bounds(&settings, max_gate_nodes) {
            Ok(b) => {
                // 1e-12: the brute-force oracle's own rounding (a sum of 256
                // products can exceed 1 by a few ulps).
                prop_assert!(b.lower <= exact + 1e-12, "lower {} > exact {}", b.lower, exact);
                prop_assert!(exact <= b.upper + 1e-12, "exact {} > upper {}", exact, b.upper);
                prop_assert!(b.lower <= b.upper);
                // The lower family is the truncated minimal cut sets.
                let p = |m: u32| (0..8).filter(|i| m >> i & 1 == 1).map(|i| spec.probabilities[i]).product::<f64>();
                let want = brute_mcs(&spec).into_iter().filter(|&m| m.count_ones() as usize <= limit.unwrap_or(99) && p(m) >= cutoff.unwrap_or(0.0)).count();
                if limit.is_some() || cutoff.is_some() {
                    prop_assert_eq!(b.lower_sets, want as u128);
                }
                // Diagrams that fit are not approximated: exact bounds.
                let exact_fit = tree.certified_bounds(&settings, usize::MAX).unwrap();
                prop_assert!((exact_fit.upper - exact).abs() <= 3e-9 * exact + 1e-15, "upper {} vs exact {}", exact_fit.upper, exact);
            }
            Err(e) => prop_assert!(false, "{}", e),
        }
    }
}

/// Product of the probabilities of the events in `mask`, in index order.
fn mask_probability(spec: &TreeSpec, mask: u32) -> f64 {
    (0..spec.probabilities.len())
        .filter(|i| mask >> i & 1 == 1)
        .map(|i| spec.probabilities[i])
        .product()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

    /// `listed_cut_sets(k)` are the k first of the brute-force minimal cut
    /// sets sorted by order, then probability descending (the listing of
    /// `cordon fta --list`), and exact ties are in name order.
    #[test]
    fn listed_cut_sets_are_the_best_by_order_then_probability(spec in tree_spec(true), k in 0usize..20, zbdd in any::<bool>()) {
        let spec = if zbdd {
            // The bottom-up ZBDD is exact on coherent trees only.
            let mut s = spec;
            for g in &mut s.gates {
                if matches!(g.connective, Connective::Not | Connective::Xor) {
                    g.connective = Connective::Or;
                }
            }
            s
        } else {
            spec
        };
        let tree = build(&spec);
        let a = tree.analyze(&Settings { exact_probability: !zbdd, ..Settings::default() }).unwrap();
        let mut want: Vec<(u32, f64)> = brute_mcs(&spec).into_iter().map(|m| (m, mask_probability(&spec, m))).collect();
        want.sort_by(|a, b| a.0.count_ones().cmp(&b.0.count_ones()).then(b.1.total_cmp(&a.1)));
        let got = a.listed_cut_sets(k);
        prop_assert_eq!(got.len(), k.min(want.len()));
        let all: Vec<u32> = want.iter().map(|w| w.0).collect();
        for (i, cs) in got.iter().enumerate() {
            let m = mask_of(&cs.events);
            prop_assert!(all.contains(&m), "{:?} is not a minimal cut set", cs.events);
            prop_assert_eq!(m.count_ones(), want[i].0.count_ones(), "order at {}: {:?}", i, got);
            prop_assert!(close(cs.probability, want[i].1), "probability at {}: {} vs {}", i, cs.probability, want[i].1);
            prop_assert!(close(cs.probability, mask_probability(&spec, m)));
        }
        for w in got.windows(2) {
            prop_assert!(w[0].listing_cmp(&w[1]).is_lt(), "{:?} before {:?}", w[0], w[1]);
        }
        let masks: std::collections::BTreeSet<u32> = got.iter().map(|c| mask_of(&c.events)).collect();
        prop_assert_eq!(masks.len(), got.len(), "a cut set listed twice");
    }
}

/// An AND of 40 ORs of two events has 2^40 minimal cut sets; the first ones
/// in listing order are found without reading the family: the best takes
/// the more probable event of every pair, the second swaps the pair whose
/// less probable event loses least.
#[test]
fn listing_the_best_of_two_to_the_forty_cut_sets() {
    let mut b = FaultTreeBuilder::new();
    let mut pairs = Vec::new();
    let mut ors = Vec::new();
    for i in 0..40 {
        let hi = 0.5 + 0.01 * i as f64;
        let lo = hi * (0.5 - 0.005 * i as f64);
        let x = b.basic_event(format!("x{i}"), hi).unwrap();
        let y = b.basic_event(format!("y{i}"), lo).unwrap();
        pairs.push((hi, lo));
        ors.push(b.or([x, y]));
    }
    let top = b.and(ors);
    let a = b.build(top).unwrap().analyze(&Settings::default()).unwrap();
    assert_eq!(a.mcs_count(), 1u128 << 40);
    let got = a.listed_cut_sets(3);
    assert_eq!(got.len(), 3);
    let best: f64 = pairs.iter().map(|p| p.0).product();
    assert!(got.iter().all(|c| c.events.len() == 40));
    assert!(
        got[0].events.iter().all(|e| e.starts_with('x')),
        "{:?}",
        got[0].events
    );
    assert!(close(got[0].probability, best));
    // The smallest ratio lo/hi loses least: pair 0 (ratio 0.5) is the best
    // swap, pair 1 (0.495) the next.
    let second = best * pairs[0].1 / pairs[0].0;
    let third = best * pairs[1].1 / pairs[1].0;
    assert!(
        close(got[1].probability, second),
        "{} vs {second}",
        got[1].probability
    );
    assert!(got[1].events.contains(&"y0".to_string()));
    assert!(
        close(got[2].probability, third),
        "{} vs {third}",
        got[2].probability
    );
    assert!(got[2].events.contains(&"y1".to_string()));
}

/// 5,000 equally probable single events (fewer than `LISTING_TIES` past
/// the 3 asked for): the first three listed are the three smallest names,
/// whatever order the diagram holds them in.
#[test]
fn ties_are_listed_in_name_order() {
    let mut b = FaultTreeBuilder::new();
    let events: Vec<Formula> = (0..5000)
        .rev()
        .map(|i| b.basic_event(format!("e{i:04}"), 0.1).unwrap())
        .collect();
    let top = b.or(events);
    let a = b.build(top).unwrap().analyze(&Settings::default()).unwrap();
    let got: Vec<String> = a
        .listed_cut_sets(3)
        .into_iter()
        .flat_map(|c| c.events)
        .collect();
    assert_eq!(got, ["e0000", "e0001", "e0002"]);
    assert_eq!(a.listed_cut_sets(usize::MAX).len(), 5000);
}
