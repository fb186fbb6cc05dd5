//! The component cut `chokepoints` proposes, against a plain hosts cascade
//! written here (docs/semantics.md: a guest of a switched-off host does not
//! run) on small random estates (trial s3 F2.1): the cut leaves no path to
//! the target even as if the target ran, no element can be left out, it
//! never costs more than the plain max-flow node cut, and an element that
//! stops the target itself is said so.

use cordon_containment::{chokepoints, min_component_cut, reaches_any};
use cordon_model::{AccessLevel, ComponentId, InteractionKind, Model};
use proptest::prelude::*;

const KINDS: [&str; 6] = [
    "controls",
    "hosts",
    "hosts",
    "authenticates",
    "writes",
    "connects",
];

fn model(n: usize, edges: &[(usize, usize, usize)], cost: &[u8]) -> Option<Model> {
    let mut y = String::from("defaults: false\nzones:\n  - { id: lan }\ncomponents:\n");
    for (c, k) in cost.iter().enumerate().take(n) {
        y.push_str(&format!(
            "  - {{ id: c{c}, kind: server-os, zone: lan, cut_cost: {k} }}\n"
        ));
    }
    y.push_str("interactions:\n");
    let mut seen = std::collections::HashSet::new();
    for &(a, b, k) in edges {
        if a == b || !seen.insert((a, b, k)) {
            continue;
        }
        y.push_str(&format!(
            "  - {{ from: c{a}, to: c{b}, kind: {} }}\n",
            KINDS[k]
        ));
    }
    Model::from_yaml(&y, "random.yaml").ok()
}

/// `set` switched off and every guest with a switched-off host, to a
/// fixpoint (no redundancy groups here: each host is needed); the target
/// `keep` stays in (checked as if it ran).
fn cascade(m: &Model, set: &[usize], keep: usize) -> Vec<bool> {
    let mut off = vec![false; m.components.len()];
    for &c in set {
        off[c] = true;
    }
    loop {
        let mut changed = false;
        for e in &m.interactions {
            if e.kind == InteractionKind::Hosts
                && e.from != e.to
                && off[e.from.index()]
                && !off[e.to.index()]
            {
                off[e.to.index()] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    off[keep] = false;
    off
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn the_proposed_component_cut_is_minimal_with_the_hosts_cascade(
        n in 4usize..8,
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..KINDS.len()), 3..16),
        mids in prop::collection::vec((1usize..7, 1usize..7), 1..4),
        cost in prop::collection::vec(1u8..4, 8),
    ) {
        // Some paths c0 → a → b → target, then random links (hosts among them).
        let mut edges: Vec<_> = edges.into_iter().filter(|e| e.0 < n && e.1 < n).collect();
        for (a, b) in mids {
            let (a, b) = (a % (n - 2) + 1, b % (n - 2) + 1);
            edges.extend([(0, a, 0), (a, b, 5), (b, n - 1, 4)]);
        }
        let Some(m) = model(n, &edges, &cost) else { return Ok(()) };
        let (s, t) = (ComponentId(0), ComponentId((n - 1) as u32));
        let level = AccessLevel::Reach;
        let none_i = vec![false; m.interactions.len()];
        let none_c = vec![false; m.components.len()];
        if !reaches_any(&m, &none_i, &none_c, &[s], &[t], level) {
            return Ok(());
        }
        let c = chokepoints(&m, &[s], &[t], level, 3);
        let Some(cut) = c.component_cut else {
            prop_assert!(min_component_cut(&m, &none_i, &none_c, &[s], &[t], level).is_none());
            return Ok(());
        };
        let set: Vec<usize> = cut.points.iter().map(|p| p.component.unwrap().index()).collect();
        prop_assert!(!set.contains(&s.index()) && !set.contains(&t.index()));
        // Blocks, with the cascade and the target as if it ran.
        prop_assert!(cut.verified);
        prop_assert!(!reaches_any(&m, &none_i, &cascade(&m, &set, t.index()), &[s], &[t], level));
        // Minimal: leaving any element out opens a path.
        for &x in &set {
            let rest: Vec<usize> = set.iter().copied().filter(|&y| y != x).collect();
            prop_assert!(
                reaches_any(&m, &none_i, &cascade(&m, &rest, t.index()), &[s], &[t], level),
                "c{x} is not needed in {set:?}"
            );
        }
        // Never dearer than the plain node cut.
        let (_, plain) = min_component_cut(&m, &none_i, &none_c, &[s], &[t], level).unwrap();
        prop_assert!(cut.cost <= plain + 1e-9, "{} > {plain}", cut.cost);
        let sum: f64 = set.iter().map(|&x| f64::from(cost[x])).sum();
        prop_assert!((cut.cost - sum).abs() < 1e-9);
        // An element whose switching off stops the target is said so.
        for &x in &set {
            // (keep = x: only the cascade's reach to the target matters.)
            if cascade(&m, &[x], x)[t.index()] {
                let want = format!("this cut stops c{} itself", n - 1);
                prop_assert!(cut.notes.iter().any(|l| l.starts_with(&want)), "{:?}", cut.notes);
            }
        }
    }
}
