//! The engine against brute force on small random estates: a naive
//! fixpoint over an independent copy of the access table (docs/semantics.md),
//! hop-by-hop set iteration for shortest witnesses, per-source searches for
//! the bitset exposure, and validity checks on every path returned.

use std::collections::{BTreeSet, HashSet};

use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_paths::{AttackGraph, AttackPath};
use proptest::prelude::*;

/// docs/semantics.md, copied by hand: access gained on `to` when holding
/// [reach, read, write, control] on `from`.
fn table(kind: &str) -> [u8; 4] {
    match kind {
        "controls" | "hosts" | "authenticates" => [0, 0, 0, 4],
        "stores" => [0, 2, 3, 4],
        "backs-up" => [0, 2, 2, 3],
        "writes" => [0, 0, 3, 3],
        "reads" => [0, 0, 0, 2],
        "sends" | "connects" | "resolves" => [0, 0, 0, 1],
        "supplies" => [0, 0, 0, 0],
        "credentials" => [0, 4, 4, 4],
        other => panic!("kind {other} missing from the oracle table"),
    }
}

/// Oracle step: level gained on interaction `i` when holding `held` (1..=4).
fn step(model: &Model, i: usize, held: u8) -> u8 {
    if held == 0 {
        return 0;
    }
    let e = &model.interactions[i];
    let mut g = table(e.kind.as_str())[held as usize - 1];
    if e.mfa {
        g = g.min(1);
    }
    if g >= 1 {
        for w in &model.component(e.to).weaknesses {
            if w.kind.as_str() != "stored-credentials" {
                g = g.max(w.grants as u8);
            }
        }
    }
    g
}

fn fixpoint(model: &Model, sources: &[ComponentId]) -> Vec<u8> {
    let mut level = vec![0u8; model.components.len()];
    for s in sources {
        level[s.index()] = 4;
    }
    loop {
        let mut changed = false;
        for (i, e) in model.interactions.iter().enumerate() {
            let g = step(model, i, level[e.from.index()]);
            if g > level[e.to.index()] {
                level[e.to.index()] = g;
                changed = true;
            }
        }
        if !changed {
            return level;
        }
    }
}

/// Fewest hops to hold `target` at `goal`, by growing the set of reachable
/// (component, level) states one hop at a time.
fn min_hops(
    model: &Model,
    sources: &[ComponentId],
    target: ComponentId,
    goal: u8,
) -> Option<usize> {
    let mut reached: BTreeSet<(u32, u8)> = sources.iter().map(|s| (s.0, 4)).collect();
    for k in 0..=model.components.len() * 4 {
        if reached.contains(&(target.0, goal)) {
            return Some(k);
        }
        let mut next = reached.clone();
        for &(c, l) in &reached {
            for (i, e) in model.interactions.iter().enumerate() {
                if e.from.0 == c {
                    let g = step(model, i, l);
                    if g > 0 {
                        next.insert((e.to.0, g));
                    }
                }
            }
        }
        if next == reached {
            return None;
        }
        reached = next;
    }
    None
}

fn check_path(model: &Model, sources: &[ComponentId], p: &AttackPath) {
    assert!(
        sources.contains(&p.source),
        "path starts at a held component"
    );
    let mut cur = (p.source, 4u8);
    for h in &p.hops {
        assert_eq!(h.from, cur.0, "hops are consecutive");
        assert_eq!(h.held as u8, cur.1, "held level carried over");
        let e = &model.interactions[h.interaction];
        assert_eq!((e.from, e.to), (h.from, h.to), "hop uses its interaction");
        assert_eq!(
            h.gained as u8,
            step(model, h.interaction, cur.1),
            "hop grants what the table says"
        );
        cur = (h.to, h.gained as u8);
    }
    assert_eq!(cur.0, p.target);
    assert_eq!(cur.1, p.level as u8);
}

const KINDS: [&str; 11] = [
    "controls",
    "hosts",
    "authenticates",
    "stores",
    "backs-up",
    "writes",
    "reads",
    "sends",
    "connects",
    "resolves",
    "supplies",
];
const WEAK: [&str; 4] = [
    "unauthenticated-service",
    "exploitable-vulnerability",
    "default-credentials",
    "misconfiguration",
];

#[derive(Debug, Clone)]
struct Spec {
    n: usize,
    edges: Vec<(usize, usize, usize, bool)>,
    weak: Vec<(usize, usize, u8)>,
    creds: Vec<(usize, usize)>,
    sources: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..7).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(
                (0..n, 0..n, 0..KINDS.len(), prop::bool::weighted(0.15)),
                0..14,
            ),
            prop::collection::vec((0..n, 0..WEAK.len(), 2u8..5), 0..3),
            prop::collection::vec((0..n, 0..n), 0..2),
            prop::collection::vec(0..n, 1..3),
        )
            .prop_map(|(n, edges, weak, creds, sources)| Spec {
                n,
                edges,
                weak,
                creds,
                sources,
            })
    })
}

fn build(s: &Spec) -> Model {
    let level = |l: u8| ["", "reach", "read", "write", "control"][l as usize];
    let mut y = String::from("defaults: false\nzones:\n  - { id: z }\ncomponents:\n");
    for c in 0..s.n {
        let mut w: Vec<String> = s
            .weak
            .iter()
            .filter(|x| x.0 == c)
            .map(|x| format!("{{ kind: {}, grants: {} }}", WEAK[x.1], level(x.2)))
            .collect();
        w.extend(
            s.creds
                .iter()
                .filter(|x| x.0 == c && x.1 != c)
                .map(|x| format!("{{ kind: stored-credentials, stored_on: c{} }}", x.1)),
        );
        y.push_str(&format!(
            "  - {{ id: c{c}, kind: server-os, zone: z, weaknesses: [{}] }}\n",
            w.join(", ")
        ));
    }
    y.push_str("interactions:\n");
    for &(f, t, k, mfa) in &s.edges {
        if f != t {
            y.push_str(&format!(
                "  - {{ from: c{f}, to: c{t}, kind: {}, mfa: {mfa} }}\n",
                KINDS[k]
            ));
        }
    }
    Model::from_yaml(&y, "random.yaml").unwrap_or_else(|e| panic!("{e}\n{y}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// `cordon check --deny`: a target is violated when a source other than
    /// itself reaches it at the level or above — brute force: one fixpoint
    /// per (source, target) pair, sources and targets random subsets that
    /// overlap often (`all -> x`, `zone:z -> zone:z`).
    #[test]
    fn deny_rules_match_brute_force(
        s in spec(),
        src_mask in any::<u8>(),
        dst_mask in any::<u8>(),
        level in 1u8..5,
    ) {
        let model = build(&s);
        let graph = AttackGraph::new(&model);
        let pick = |mask: u8| -> Vec<ComponentId> {
            let v: Vec<_> = model.component_ids().filter(|c| mask & (1 << c.0) != 0).collect();
            if v.is_empty() { vec![ComponentId(0)] } else { v }
        };
        let sources = pick(src_mask);
        let targets = pick(dst_mask);
        let lvl = AccessLevel::from_index(level as usize);
        let got = cordon_paths::forbidden_paths(&graph, &sources, &targets, lvl);
        let want: Vec<ComponentId> = targets
            .iter()
            .copied()
            .filter(|&t| {
                sources.iter().any(|&src| src != t && fixpoint(&model, &[src])[t.index()] >= level)
            })
            .collect();
        let got_targets: Vec<ComponentId> = got.iter().map(|f| f.target).collect();
        prop_assert_eq!(&got_targets, &want, "sources {:?} targets {:?} level {}", sources, targets, level);
        for f in &got {
            let others: Vec<ComponentId> = sources.iter().copied().filter(|&x| x != f.target).collect();
            prop_assert_ne!(f.path.source, f.target, "the witness starts at another source");
            check_path(&model, &others, &f.path);
            prop_assert_eq!(f.path.target, f.target);
            let best = fixpoint(&model, &others)[f.target.index()];
            prop_assert_eq!(f.path.level as u8, best, "witness at the best level other sources get");
        }
    }

    #[test]
    fn best_levels_and_witnesses_match_brute_force(s in spec()) {
        let model = build(&s);
        let graph = AttackGraph::new(&model);
        let sources: Vec<ComponentId> = {
            let mut v: Vec<_> = s.sources.iter().map(|&i| ComponentId(i as u32)).collect();
            v.sort(); v.dedup(); v
        };
        let oracle = fixpoint(&model, &sources);
        let map = graph.access_from(&sources);
        for c in model.component_ids() {
            prop_assert_eq!(map.level(c) as u8, oracle[c.index()], "level of {}", model.component(c).id);
            if oracle[c.index()] > 0 && !sources.contains(&c) {
                let p = map.path(&graph, c).expect("a witness for every reached component");
                check_path(&model, &sources, &p);
                prop_assert_eq!(Some(p.hops.len()), min_hops(&model, &sources, c, oracle[c.index()]), "witness is shortest");
            }
        }
    }

    #[test]
    fn bitset_exposure_matches_one_search_per_source(s in spec()) {
        let model = build(&s);
        let graph = AttackGraph::new(&model);
        let all: Vec<ComponentId> = model.component_ids().collect();
        let mut got = vec![vec![0u8; all.len()]; all.len()];
        cordon_paths::reach_matrix(&graph, &all, |i, c, l| {
            assert_eq!(got[i][c.index()], 0, "each pair visited once");
            got[i][c.index()] = l as u8;
        });
        for (i, &src) in all.iter().enumerate() {
            let map = graph.access_from(&[src]);
            for c in model.component_ids() {
                let want = if c == src { 0 } else { map.level(c) as u8 };
                prop_assert_eq!(got[i][c.index()], want, "source {} target {}", i, c.0);
            }
        }
    }

    #[test]
    fn k_best_paths_are_valid_distinct_and_ordered(s in spec(), k in 1usize..5) {
        let model = build(&s);
        let graph = AttackGraph::new(&model);
        let sources = vec![ComponentId(s.sources[0] as u32)];
        let levels = fixpoint(&model, &sources);
        for t in model.component_ids() {
            if sources.contains(&t) { continue; }
            let paths = graph.k_best_paths(&sources, t, k);
            if levels[t.index()] == 0 {
                prop_assert!(paths.is_empty());
                continue;
            }
            prop_assert!(!paths.is_empty() && paths.len() <= k);
            prop_assert_eq!(Some(paths[0].hops.len()), min_hops(&model, &sources, t, levels[t.index()]));
            let mut seen = HashSet::new();
            for w in paths.windows(2) {
                prop_assert!(w[0].hops.len() <= w[1].hops.len(), "shortest first");
            }
            for p in &paths {
                check_path(&model, &sources, p);
                prop_assert_eq!(p.level as u8, levels[t.index()], "every path reaches the best level");
                let key: Vec<usize> = p.hops.iter().map(|h| h.interaction).collect();
                prop_assert!(seen.insert(key), "paths are distinct");
            }
        }
    }
}

#[test]
fn lattice_rules_on_a_tiny_estate() {
    let yaml = "defaults: false\nzones:\n  - { id: internet, external: true }\n  - { id: z }\ncomponents:\n  - { id: web, kind: web-application-server, zone: z, exposed: true }\n  - { id: app, kind: server-os, zone: z, weaknesses: [exploitable-vulnerability] }\n  - { id: db, kind: database-server, zone: z }\n  - { id: siem, kind: siem, zone: z }\n  - { id: backup, kind: backup-system, zone: z }\ninteractions:\n  - { from: web, to: app, kind: connects }\n  - { from: app, to: db, kind: writes }\n  - { from: db, to: siem, kind: sends }\n  - { from: backup, to: db, kind: backs-up }\n";
    let model = Model::from_yaml(yaml, "t.yaml").unwrap();
    let graph = AttackGraph::new(&model);
    let id = |s: &str| model.component_id(s).unwrap();
    // Reach alone gives nothing: the internet reaches web, but web has no weakness.
    let from_internet = graph.access_from(&[id("internet")]);
    assert_eq!(from_internet.level(id("web")), AccessLevel::Reach);
    assert_eq!(from_internet.level(id("app")), AccessLevel::None);
    // Holding web: reach on app becomes control through its vulnerability,
    // then writes gives write on db, and write on db sends nothing on.
    let from_web = graph.access_from(&[id("web")]);
    assert_eq!(from_web.level(id("app")), AccessLevel::Control);
    assert_eq!(from_web.level(id("db")), AccessLevel::Write);
    assert_eq!(from_web.level(id("siem")), AccessLevel::None);
    // The backup system can overwrite what it backs up.
    assert_eq!(
        graph.access_from(&[id("backup")]).level(id("db")),
        AccessLevel::Write
    );
}

/// shared/cases/reliability F1: `all -> db1` where `all` also covers db1 once
/// passed ("ok: no path") while workstation1 controls db1.
#[test]
fn deny_target_that_is_also_a_source_is_still_checked() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/cases/reliability/check-deny-overlap.yaml"
    );
    let model = Model::load(std::path::Path::new(path)).expect("reproducer loads");
    let graph = AttackGraph::new(&model);
    let id = |s: &str| model.component_id(s).unwrap();
    for (from, to) in [
        ("all", "db1"),
        ("zone:lan", "crown-jewels"),
        ("zone:lan", "zone:lan"),
    ] {
        let sources = model.select_str(from).unwrap();
        let targets = model.select_str(to).unwrap();
        let hits = cordon_paths::forbidden_paths(&graph, &sources, &targets, AccessLevel::Reach);
        let hit: Vec<_> = hits.iter().map(|h| h.target).collect();
        assert!(
            hit.contains(&id("db1")),
            "{from} -> {to}: db1 must be reported"
        );
        let p = &hits.iter().find(|h| h.target == id("db1")).unwrap().path;
        assert_eq!(p.source, id("workstation1"));
        assert_eq!(p.level, AccessLevel::Control);
    }
    // Nothing reaches workstation1: a source alone is not a path to itself.
    let all = model.select_str("all").unwrap();
    let hits =
        cordon_paths::forbidden_paths(&graph, &all, &[id("workstation1")], AccessLevel::Reach);
    assert!(hits.is_empty());
}
