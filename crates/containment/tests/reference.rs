//! The situation engine against a plain reference evaluator, written
//! independently from docs/semantics.md: naive fixpoints (sweep until nothing
//! changes) over random small estates and random step sequences. Attacker
//! reach (best level per component) and every service's state must agree.

use cordon_containment::{Scenario, run_scenario};
use cordon_model::{AccessLevel, ComponentId, InteractionKind, Model, Need};
use cordon_services::ServiceState;
use proptest::prelude::*;

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
    "exploitable-vulnerability",
    "default-credentials",
    "weak-credentials",
    "stored-credentials",
];

#[derive(Debug, Clone)]
struct Spec {
    n: usize,
    externals: usize,
    groups: Vec<Option<u8>>,
    weak: Vec<Option<(usize, usize)>>,
    edges: Vec<(usize, usize, usize, bool)>,
    needs: Vec<(u8, Vec<usize>)>,
    steps: Vec<(usize, usize, usize)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (3usize..8, 0usize..3).prop_flat_map(|(n, externals)| {
        let total = n + externals;
        (
            Just(n),
            Just(externals),
            prop::collection::vec(prop::option::weighted(0.3, 0u8..2), n),
            prop::collection::vec(prop::option::weighted(0.3, (0..WEAK.len(), 0..total)), n),
            prop::collection::vec(
                (
                    0..total,
                    0..total,
                    0..KINDS.len(),
                    prop::bool::weighted(0.2),
                ),
                0..14,
            ),
            prop::collection::vec((0u8..3, prop::collection::vec(0..total, 1..4)), 1..4),
            prop::collection::vec((0usize..7, 0..total, 0..total), 1..6),
        )
            .prop_map(|(n, externals, groups, weak, edges, needs, steps)| Spec {
                n,
                externals,
                groups,
                weak,
                edges,
                needs,
                steps,
            })
    })
}

fn name(s: &Spec, i: usize) -> String {
    if i < s.n {
        format!("c{i}")
    } else {
        format!("x{}", i - s.n)
    }
}

fn build(s: &Spec) -> Model {
    let mut y = String::from("defaults: false\nzones:\n  - { id: z }\n");
    for e in 0..s.externals {
        y.push_str(&format!("  - {{ id: x{e}, external: true }}\n"));
    }
    y.push_str("components:\n");
    for c in 0..s.n {
        let mut extra = String::new();
        if let Some(g) = s.groups[c] {
            extra.push_str(&format!(", redundancy: g{g}"));
        }
        if let Some((w, on)) = s.weak[c] {
            if WEAK[w] == "stored-credentials" {
                if on != c && on < s.n {
                    extra.push_str(&format!(
                        ", weaknesses: [{{ kind: stored-credentials, stored_on: {} }}]",
                        name(s, on)
                    ));
                }
            } else {
                extra.push_str(&format!(", weaknesses: [{}]", WEAK[w]));
            }
        }
        // Every fourth component is a switch: its `supplies` is network.
        let kind = if c % 4 == 2 {
            "network-switch"
        } else {
            "server-os"
        };
        y.push_str(&format!(
            "  - {{ id: c{c}, kind: {kind}, zone: z, crown_jewel: {}{extra} }}\n",
            c % 3 == 0
        ));
    }
    y.push_str("interactions:\n");
    let mut seen = std::collections::HashSet::new();
    for &(f, t, k, mfa) in &s.edges {
        if f != t && seen.insert((f, t, k)) {
            y.push_str(&format!(
                "  - {{ from: {}, to: {}, kind: {}, mfa: {mfa} }}\n",
                name(s, f),
                name(s, t),
                KINDS[k]
            ));
        }
    }
    y.push_str("services:\n");
    for (i, (op, ops)) in s.needs.iter().enumerate() {
        let list: Vec<String> = ops.iter().map(|&o| name(s, o)).collect();
        let mut list = list;
        list.dedup();
        let expr = match op {
            0 => format!("all({})", list.join(", ")),
            1 => format!("any({})", list.join(", ")),
            _ => format!("atleast({}, {})", list.len().div_ceil(2), list.join(", ")),
        };
        y.push_str(&format!(
            "  - {{ id: s{i}, needs: \"{expr}\", fallback: {{ name: paper, capacity: 0.5 }} }}\n"
        ));
    }
    Model::from_yaml(&y, "random.yaml").unwrap_or_else(|e| panic!("{e}\n{y}"))
}

fn steps_text(s: &Spec, model: &Model) -> String {
    let mut out = String::new();
    for &(a, x, t) in &s.steps {
        let (x, t) = (name(s, x), name(s, t));
        let line = match a {
            0 => format!("compromise {x}"),
            1 => format!("shutdown {x}"),
            2 => format!("encrypt {x}"),
            3 => format!("restore {x}"),
            4 => format!("isolate {x}"),
            5 => {
                let f = model.component_id(&x).unwrap();
                let to = model.component_id(&t).unwrap();
                if model.interactions.iter().any(|e| e.from == f && e.to == to) {
                    format!("isolate {x} -> {t}")
                } else {
                    "isolate external".to_string()
                }
            }
            _ => "isolate external".to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

// ---- the reference: plain, independent, from the docs ----

/// docs/semantics.md, the access table: access gained on `to` when `from` is held at `held`.
fn grants(kind: InteractionKind, held: AccessLevel) -> AccessLevel {
    use AccessLevel as L;
    use InteractionKind as K;
    if held <= L::Reach {
        return L::None;
    }
    match kind {
        K::Controls | K::Hosts | K::Authenticates => {
            if held == L::Control {
                L::Control
            } else {
                L::None
            }
        }
        K::Stores => held,
        K::BacksUp => {
            if held == L::Control {
                L::Write
            } else {
                L::Read
            }
        }
        K::Writes => {
            if held >= L::Write {
                L::Write
            } else {
                L::None
            }
        }
        K::Reads => {
            if held == L::Control {
                L::Read
            } else {
                L::None
            }
        }
        K::Sends | K::Connects | K::Resolves => {
            if held == L::Control {
                L::Reach
            } else {
                L::None
            }
        }
        K::Credentials => L::Control,
        K::Supplies => L::None,
    }
}

/// docs/semantics.md, the availability table.
fn carries(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Hosts
            | InteractionKind::Authenticates
            | InteractionKind::Stores
            | InteractionKind::Resolves
            | InteractionKind::Supplies
    )
}

struct RefSituation {
    held: Vec<bool>,
    down: Vec<bool>,
    isolations: Vec<(String, Vec<usize>)>,
}

fn reference_replay(model: &Model, text: &str) -> RefSituation {
    let n = model.components.len();
    let mut s = RefSituation {
        held: vec![false; n],
        down: vec![false; n],
        isolations: Vec::new(),
    };
    for line in text.lines() {
        let (verb, target) = line.split_once(' ').unwrap();
        let crossing = |set: &[usize]| -> Vec<usize> {
            model
                .interactions
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    set.contains(&e.from.index()) != set.contains(&e.to.index())
                        && !matches!(e.kind, InteractionKind::Hosts | InteractionKind::Supplies)
                })
                .map(|(i, _)| i)
                .collect()
        };
        match verb {
            "compromise" => s.held[model.component_id(target).unwrap().index()] = true,
            "shutdown" => s.down[model.component_id(target).unwrap().index()] = true,
            "encrypt" => {
                let c = model.component_id(target).unwrap().index();
                s.held[c] = true;
                s.down[c] = true;
            }
            "restore" => {
                let c = model.component_id(target).unwrap().index();
                s.held[c] = false;
                s.down[c] = false;
                s.isolations.retain(|(k, _)| k != target);
            }
            "isolate" if target == "external" => {
                let set: Vec<usize> = (0..n)
                    .filter(|&c| model.is_external(ComponentId(c as u32)))
                    .collect();
                s.isolations.push((target.to_string(), crossing(&set)));
            }
            "isolate" => match target.split_once(" -> ") {
                Some((a, b)) => {
                    let (a, b) = (
                        model.component_id(a).unwrap(),
                        model.component_id(b).unwrap(),
                    );
                    let cut = model
                        .interactions
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.from == a && e.to == b)
                        .map(|(i, _)| i)
                        .collect();
                    s.isolations.push((target.to_string(), cut));
                }
                None => {
                    let c = model.component_id(target).unwrap().index();
                    s.isolations.push((target.to_string(), crossing(&[c])));
                }
            },
            _ => unreachable!(),
        }
    }
    s
}

struct RefEval {
    level: Vec<AccessLevel>,
    states: Vec<ServiceState>,
}

fn reference_eval(model: &Model, s: &RefSituation) -> RefEval {
    let n = model.components.len();
    let m = model.interactions.len();
    let mut cut = vec![false; m];
    for (_, c) in &s.isolations {
        for &i in c {
            cut[i] = true;
        }
    }
    // Availability: sweep until nothing changes. Two facts per component:
    // `off` (unavailable) and `halted` (stopped: down, or lost its host,
    // supply or storage). Over `hosts`/`supplies` a provider fails its
    // dependent only when halted (a hypervisor that lost DNS still runs its
    // guests); over the other kinds when off (docs/semantics.md).
    let mut off = s.down.clone();
    let mut halted = s.down.clone();
    loop {
        let mut changed = false;
        for c in 0..n {
            if off[c] && halted[c] {
                continue;
            }
            let id = ComponentId(c as u32);
            let links: Vec<usize> = (0..m)
                .filter(|&i| model.interactions[i].from == id || model.interactions[i].to == id)
                .collect();
            let cut_off =
                model.is_external(id) && !links.is_empty() && links.iter().all(|&i| cut[i]);
            // Dependencies: per (kind, declared group) or per provider.
            let mut lost = false;
            let mut stops = false;
            for &i in &links {
                let e = &model.interactions[i];
                if e.to != id || !carries(e.kind) || e.from == id {
                    continue;
                }
                let group = model.component(e.from).redundancy.clone();
                let members: Vec<usize> = links
                    .iter()
                    .copied()
                    .filter(|&j| {
                        let f = &model.interactions[j];
                        f.to == id
                            && f.kind == e.kind
                            && f.from != id
                            && match &group {
                                Some(g) => model.component(f.from).redundancy.as_ref() == Some(g),
                                None => j == i,
                            }
                    })
                    .collect();
                let physical = matches!(e.kind, InteractionKind::Hosts | InteractionKind::Supplies);
                if members.iter().all(|&j| {
                    let p = model.interactions[j].from.index();
                    cut[j] || if physical { halted[p] } else { off[p] }
                }) {
                    lost = true;
                    if physical || e.kind == InteractionKind::Stores {
                        stops = true;
                    }
                }
            }
            if (cut_off || lost) && !off[c] {
                off[c] = true;
                changed = true;
            }
            if stops && !halted[c] {
                halted[c] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Running (docs/semantics.md, "Running and available"): only `hosts`
    // stops a component; losing DNS, logons, storage or supply leaves it
    // running. Sweep until nothing changes.
    let mut stopped = s.down.clone();
    loop {
        let mut changed = false;
        for c in 0..n {
            if stopped[c] {
                continue;
            }
            let id = ComponentId(c as u32);
            for (i, e) in model.interactions.iter().enumerate() {
                if e.to != id || e.kind != InteractionKind::Hosts || e.from == id {
                    continue;
                }
                let group = model.component(e.from).redundancy.clone();
                let all_lost = model.interactions.iter().enumerate().all(|(j, f)| {
                    let member = f.to == id
                        && f.kind == InteractionKind::Hosts
                        && f.from != id
                        && match &group {
                            Some(g) => model.component(f.from).redundancy.as_ref() == Some(g),
                            None => j == i,
                        };
                    !member || cut[j] || stopped[f.from.index()]
                });
                if all_lost {
                    stopped[c] = true;
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // No network (docs/semantics.md): a `supplies` dependency whose
    // providers are all switches, none running over an uncut link, leaves
    // the component on an island of its own; a component with no switch
    // supply of its own shares the island of its running hosts when all of
    // them are on one (the lowest root). Sweep until nothing changes.
    let switch = |x: ComponentId| model.component(x).kind.id == "network-switch";
    let mut island: Vec<Option<usize>> = vec![None; n];
    let mut own = vec![false; n];
    for c in 0..n {
        let id = ComponentId(c as u32);
        for (i, e) in model.interactions.iter().enumerate() {
            if e.to != id || e.kind != InteractionKind::Supplies || e.from == id {
                continue;
            }
            let group = model.component(e.from).redundancy.clone();
            let members: Vec<usize> = (0..m)
                .filter(|&j| {
                    let f = &model.interactions[j];
                    f.to == id
                        && f.kind == InteractionKind::Supplies
                        && f.from != id
                        && match &group {
                            Some(g) => model.component(f.from).redundancy.as_ref() == Some(g),
                            None => j == i,
                        }
                })
                .collect();
            if !members.iter().all(|&j| switch(model.interactions[j].from)) {
                continue;
            }
            own[c] = true;
            if members
                .iter()
                .all(|&j| cut[j] || stopped[model.interactions[j].from.index()])
            {
                island[c] = Some(c);
            }
        }
    }
    loop {
        let mut changed = false;
        for c in 0..n {
            if own[c] || stopped[c] {
                continue;
            }
            let hosts: Vec<usize> = model
                .interactions
                .iter()
                .enumerate()
                .filter(|(j, e)| {
                    e.to.index() == c
                        && e.kind == InteractionKind::Hosts
                        && e.from.index() != c
                        && !cut[*j]
                        && !stopped[e.from.index()]
                })
                .map(|(_, e)| e.from.index())
                .collect();
            let new = if !hosts.is_empty() && hosts.iter().all(|&h| island[h].is_some()) {
                hosts.iter().filter_map(|&h| island[h]).min()
            } else {
                None
            };
            if new != island[c] {
                island[c] = new;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let off_network = |e: &cordon_model::Interaction| {
        let (a, b) = (island[e.from.index()], island[e.to.index()]);
        a != b
            && !matches!(
                e.kind,
                InteractionKind::Hosts | InteractionKind::Supplies | InteractionKind::Stores
            )
    };
    // Attacker: acts from held components that run and are not cut off;
    // sweep until nothing changes.
    let mut level = vec![AccessLevel::None; n];
    for c in 0..n {
        let id = ComponentId(c as u32);
        let links: Vec<usize> = (0..m)
            .filter(|&i| model.interactions[i].from == id || model.interactions[i].to == id)
            .collect();
        let cut_off = model.is_external(id) && !links.is_empty() && links.iter().all(|&i| cut[i]);
        if s.held[c] && !stopped[c] && !cut_off {
            level[c] = AccessLevel::Control;
        }
    }
    loop {
        let mut changed = false;
        for (i, e) in model.interactions.iter().enumerate() {
            if cut[i] || stopped[e.from.index()] || stopped[e.to.index()] || off_network(e) {
                continue;
            }
            let mut g = grants(e.kind, level[e.from.index()]);
            if e.mfa {
                g = g.min(AccessLevel::Reach);
            }
            if g >= AccessLevel::Reach {
                for w in &model.component(e.to).weaknesses {
                    if w.kind.network_exploitable() && w.grants > g {
                        g = w.grants;
                    }
                }
            }
            if g > level[e.to.index()] {
                level[e.to.index()] = g;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Services, in declaration order until stable (services may need services).
    let leaves = |need: &Need, out: &mut Vec<ComponentId>| {
        let mut stack = vec![need];
        while let Some(x) = stack.pop() {
            match x {
                Need::Component(c) => out.push(*c),
                Need::Service(_) => {}
                Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => stack.extend(v.iter()),
            }
        }
    };
    fn holds(need: &Need, ok: &dyn Fn(ComponentId) -> bool) -> bool {
        match need {
            Need::Component(c) => ok(*c),
            Need::Service(_) => false,
            Need::All(v) => v.iter().all(|x| holds(x, ok)),
            Need::Any(v) => v.iter().any(|x| holds(x, ok)),
            Need::AtLeast(k, v) => v.iter().filter(|x| holds(x, ok)).count() >= *k,
        }
    }
    let states = model
        .services
        .iter()
        .map(|svc| {
            let mut mine = Vec::new();
            leaves(&svc.needs, &mut mine);
            let inside: Vec<ComponentId> = mine
                .iter()
                .copied()
                .filter(|c| !model.is_external(*c))
                .collect();
            let ok = |c: ComponentId| -> bool {
                if off[c.index()] {
                    return false;
                }
                if !model.is_external(c) {
                    // A needed component keeps, in each role it has, one
                    // uncut data-flow link with the service's other named
                    // components (external parties included): one link in
                    // (from whom it serves) and one link out (to what it
                    // uses).
                    let data = |k: InteractionKind| {
                        matches!(
                            k,
                            InteractionKind::Reads
                                | InteractionKind::Writes
                                | InteractionKind::Sends
                                | InteractionKind::Connects
                        )
                    };
                    // With a party, only the links its own rule looks at:
                    // those feeding the service, else those back to it.
                    let used = |p: ComponentId| -> Vec<usize> {
                        let feed: Vec<usize> = (0..m)
                            .filter(|&i| {
                                model.interactions[i].from == p
                                    && inside.contains(&model.interactions[i].to)
                            })
                            .collect();
                        if !feed.is_empty() {
                            return feed;
                        }
                        (0..m)
                            .filter(|&i| {
                                model.interactions[i].to == p
                                    && inside.contains(&model.interactions[i].from)
                            })
                            .collect()
                    };
                    let role_ok = |inward: bool| -> bool {
                        let links: Vec<usize> = (0..m)
                            .filter(|&i| {
                                let e = &model.interactions[i];
                                let (me, other) = if inward {
                                    (e.to, e.from)
                                } else {
                                    (e.from, e.to)
                                };
                                data(e.kind)
                                    && me == c
                                    && other != c
                                    && mine.contains(&other)
                                    && (!model.is_external(other) || used(other).contains(&i))
                            })
                            .collect();
                        links.is_empty() || links.iter().any(|&i| !cut[i])
                    };
                    return role_ok(true) && role_ok(false);
                }
                let feed: Vec<usize> = (0..m)
                    .filter(|&i| {
                        model.interactions[i].from == c
                            && inside.contains(&model.interactions[i].to)
                    })
                    .collect();
                let back: Vec<usize> = (0..m)
                    .filter(|&i| {
                        model.interactions[i].to == c
                            && inside.contains(&model.interactions[i].from)
                    })
                    .collect();
                let links = if feed.is_empty() { back } else { feed };
                links.is_empty() || links.iter().any(|&i| !cut[i])
            };
            if holds(&svc.needs, &ok) {
                ServiceState::Up
            } else {
                ServiceState::Degraded {
                    fallback: "paper".into(),
                    capacity: 0.5,
                }
            }
        })
        .collect();
    RefEval { level, states }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn engine_matches_the_reference(s in spec()) {
        let model = build(&s);
        let text = steps_text(&s, &model);
        let scenario = Scenario::parse_lines(&text, "random").unwrap();
        let out = run_scenario(&model, &scenario).unwrap();
        let last = &out.last().unwrap().evaluation;
        let reference = reference_eval(&model, &reference_replay(&model, &text));
        for c in model.component_ids() {
            prop_assert_eq!(
                last.level(c),
                reference.level[c.index()],
                "level of {} after\n{}", model.component(c).id, text
            );
        }
        for (i, st) in last.statuses.iter().enumerate() {
            prop_assert_eq!(&st.state, &reference.states[i], "service s{} after\n{}", i, text);
        }
    }
}
