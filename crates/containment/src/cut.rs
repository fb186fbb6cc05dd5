//! Choke points: minimum cuts between sources and targets, and a ranking of
//! what carries the most attack paths.
//!
//! The cut is computed on the **interaction graph restricted to useful
//! interactions**: those used by at least one product-graph path from a
//! source state (held at control) to a target state (a target reached at
//! `min_level` or above). Every attack path projects onto a walk in that
//! graph, so a set of interactions separating sources from targets there
//! cuts every attack path — which is then verified by re-running the path
//! engine without them. Cutting an interaction removes all its product edges
//! at once, which a plain cut of the product graph cannot express; on the
//! restricted interaction graph the minimum cut is exact (see
//! docs/containment.md for the rare level-dependent cases where a cheaper
//! product-only cut could exist).

use std::collections::VecDeque;

use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_paths::{AttackGraph, State};
use serde::Serialize;

use crate::care::{CareImpact, ServiceOutcome};
use crate::flow::{FlowNetwork, INF};
use crate::recover::{Remediation, remediated};
use crate::situation::{can_cost_care, care_only, evaluate_cut};

/// Costs are scaled to integers: 0.001 is the smallest cost step.
const SCALE: f64 = 1000.0;

fn scaled(cost: f64) -> i64 {
    if cost.is_finite() {
        (cost.max(0.0) * SCALE).round().min((INF / 2) as f64) as i64
    } else {
        INF
    }
}

/// Cost of cutting interaction `i`: its rule's `cut_cost`, default 1.
pub fn interaction_cost(model: &Model, i: usize) -> f64 {
    model
        .rule(model.interactions[i].rule)
        .cut_cost
        .unwrap_or(1.0)
}

/// Cost of cutting component `c` off: its `cut_cost`, default 1.
pub fn component_cost(model: &Model, c: ComponentId) -> f64 {
    model.component(c).cut_cost.unwrap_or(1.0)
}

/// The product graph between sources and targets.
pub(crate) struct Flows {
    /// Product states reachable from the sources, in BFS order.
    pub order: Vec<u32>,
    /// BFS distance per state (u32::MAX: unreached).
    pub dist: Vec<u32>,
    /// Whether a state is a target state.
    pub target: Vec<bool>,
    /// Whether a state leads to a target state.
    pub useful: Vec<bool>,
}

const UNSEEN: u32 = u32::MAX;

pub(crate) fn flows(
    graph: &AttackGraph<'_>,
    sources: &[ComponentId],
    is_target: &[bool],
    min_level: AccessLevel,
) -> Flows {
    let n = graph.len() * 4;
    let mut dist = vec![UNSEEN; n];
    let mut order = Vec::new();
    for &s in sources {
        let st = State::new(s, AccessLevel::Control).0;
        if dist[st as usize] == UNSEEN {
            dist[st as usize] = 0;
            order.push(st);
        }
    }
    let mut head = 0;
    while head < order.len() {
        let s = State(order[head]);
        head += 1;
        for (t, _) in graph.successors(s) {
            if dist[t.0 as usize] == UNSEEN {
                dist[t.0 as usize] = dist[s.0 as usize] + 1;
                order.push(t.0);
            }
        }
    }
    let mut target = vec![false; n];
    for &s in &order {
        let st = State(s);
        if is_target[st.component().index()] && st.level() >= min_level {
            target[s as usize] = true;
        }
    }
    // Backward closure over the reachable part: reverse adjacency in CSR.
    let mut rev_count = vec![0u32; n + 1];
    for &s in &order {
        for (t, _) in graph.successors(State(s)) {
            rev_count[t.0 as usize + 1] += 1;
        }
    }
    for i in 0..n {
        rev_count[i + 1] += rev_count[i];
    }
    let mut fill = rev_count.clone();
    let mut rev = vec![0u32; rev_count[n] as usize];
    for &s in &order {
        for (t, _) in graph.successors(State(s)) {
            rev[fill[t.0 as usize] as usize] = s;
            fill[t.0 as usize] += 1;
        }
    }
    let mut useful = target.clone();
    let mut q: VecDeque<u32> = order
        .iter()
        .copied()
        .filter(|&s| target[s as usize])
        .collect();
    while let Some(t) = q.pop_front() {
        for &s in &rev[rev_count[t as usize] as usize..rev_count[t as usize + 1] as usize] {
            if !useful[s as usize] {
                useful[s as usize] = true;
                q.push_back(s);
            }
        }
    }
    Flows {
        order,
        dist,
        target,
        useful,
    }
}

/// Interactions used by some attack path from `sources` to a target reached
/// at `min_level` or above, in `graph` (indexed like `model.interactions`).
pub fn useful_interactions(
    graph: &AttackGraph<'_>,
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> Vec<bool> {
    let mut is_target = vec![false; graph.len()];
    for t in targets {
        is_target[t.index()] = true;
    }
    let f = flows(graph, sources, &is_target, min_level);
    let mut out = vec![false; graph.model.interactions.len()];
    for &s in &f.order {
        for (t, e) in graph.successors(State(s)) {
            if f.useful[t.0 as usize] {
                out[e] = true;
            }
        }
    }
    out
}

/// What a minimum cut is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CutKind {
    /// Interactions (links, trusts, flows) to sever or harden.
    Interactions,
    /// Components to take off the network.
    Components,
}

/// One element of a cut or of a ranking.
#[derive(Clone, Debug)]
pub struct ChokePoint {
    /// The interaction (index into `model.interactions`), for interaction cuts.
    pub interaction: Option<usize>,
    /// The component, for component cuts.
    pub component: Option<ComponentId>,
    /// Its cut cost.
    pub cost: f64,
    /// Share of the source→target shortest attack paths through it (0..=1).
    pub share: f64,
}

/// A minimum cut, verified.
#[derive(Clone, Debug)]
pub struct MinCut {
    /// Interactions or components.
    pub kind: CutKind,
    /// What to cut.
    pub points: Vec<ChokePoint>,
    /// Total cost.
    pub cost: f64,
    /// The path engine, re-run without the cut, finds no target at `min_level` or above.
    pub verified: bool,
    /// Every service with the cut applied.
    pub services: Vec<ServiceOutcome>,
    /// Care in plain words.
    pub care: CareImpact,
    /// For component cuts: elements left out because switching the others
    /// off already stops them (the `hosts` cascade), and elements that stop
    /// a target itself ("this cut stops ehr-db itself: …"). One line each.
    pub notes: Vec<String>,
}

/// A component or interaction with its share of attack paths.
#[derive(Clone, Debug)]
pub struct Ranked {
    /// The interaction, when ranking interactions.
    pub interaction: Option<usize>,
    /// The component, when ranking components.
    pub component: Option<ComponentId>,
    /// Share of source→target shortest attack paths through it (0..=1).
    pub share: f64,
}

/// Choke points between sources and targets.
#[derive(Clone, Debug)]
pub struct ChokePoints {
    /// Where the attacker starts.
    pub sources: Vec<ComponentId>,
    /// What must become unreachable.
    pub targets: Vec<ComponentId>,
    /// Targets that are also sources: no cut protects them.
    pub held_targets: Vec<ComponentId>,
    /// Targets reached at `min_level` or above before any cut.
    pub reached_targets: Vec<ComponentId>,
    /// The level that counts as reaching a target.
    pub min_level: AccessLevel,
    /// Minimum interaction cut (None: nothing to cut).
    pub interaction_cut: Option<MinCut>,
    /// Minimum component cut (None: nothing to cut, or a source touches a target directly).
    pub component_cut: Option<MinCut>,
    /// Why there is no component cut, when there is none but targets are reached.
    pub component_cut_impossible: Option<String>,
    /// Interactions carrying the most attack paths, largest share first.
    pub top_interactions: Vec<Ranked>,
    /// Components (sources and targets excluded) carrying the most attack paths.
    pub top_components: Vec<Ranked>,
    /// log10 of the number of shortest source→target attack paths counted.
    pub log10_paths: f64,
    /// The cheapest interaction cut when it differs from `interaction_cut`
    /// (which spares care): cheaper, but it stops or degrades a service.
    pub cheapest_interaction_cut: Option<MinCut>,
    /// Whether every candidate link's care cost was probed (false on very
    /// large estates: the cut then minimises `cut_cost` only).
    pub care_probed: bool,
    /// Hardening options instead of cuts: each remediation alone, proven by
    /// the path engine on a remediated copy of the model.
    pub hardening: Vec<Hardening>,
}

/// A remediation and what it protects on its own.
#[derive(Clone, Debug)]
pub struct Hardening {
    /// What to do.
    pub remediation: Remediation,
    /// Targets no longer reached at the level once it is done.
    pub protects: Vec<ComponentId>,
    /// Targets still reached.
    pub still_reached: Vec<ComponentId>,
}

/// Most weaknesses [`hardening_options`] tries.
pub const HARDENING_PROBES: usize = 200;

/// Every weakness of a component on an attack path from the sources to a
/// reached target, removed alone: which reached targets it protects. Options protecting nothing are left out;
/// most protective first.
pub fn hardening_options(
    model: &Model,
    sources: &[ComponentId],
    reached_targets: &[ComponentId],
    min_level: AccessLevel,
) -> Vec<Hardening> {
    let graph = AttackGraph::new(model);
    // Only a weakness on an attack path to a target can protect it.
    let useful = useful_interactions(&graph, sources, reached_targets, min_level);
    let mut on_path = vec![false; model.components.len()];
    for (i, u) in useful.iter().enumerate() {
        if *u {
            on_path[model.interactions[i].to.index()] = true;
        }
    }
    let mut out = Vec::new();
    let situation = crate::situation::Situation::new(model);
    let mut tried = 0;
    for c in model.component_ids() {
        if !on_path[c.index()] || sources.contains(&c) {
            continue;
        }
        for (w, weak) in model.component(c).weaknesses.iter().enumerate() {
            if tried >= HARDENING_PROBES {
                break;
            }
            tried += 1;
            let r = Remediation {
                component: c,
                weakness: w,
                kind: weak.kind,
            };
            let (m, s) = remediated(model, &situation, std::slice::from_ref(&r));
            let m = m.as_ref().unwrap_or(model);
            let cut = s.cut_mask(model);
            let after = AttackGraph::with_removed(m, &cut, &[]).access_from(sources);
            let (still, protects): (Vec<ComponentId>, Vec<ComponentId>) = reached_targets
                .iter()
                .partition(|&&t| after.level(t) >= min_level);
            if !protects.is_empty() {
                out.push(Hardening {
                    remediation: r,
                    protects,
                    still_reached: still,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.protects
            .len()
            .cmp(&a.protects.len())
            .then(a.remediation.component.cmp(&b.remediation.component))
    });
    out
}

fn is_set(mask: &[bool], i: usize) -> bool {
    mask.get(i).copied().unwrap_or(false)
}

/// The minimum-cost set of interactions whose removal (on top of `base_cut`
/// and `base_down`) leaves no target reachable from `sources` at `min_level`
/// or above. Interactions flagged in `keep` are never cut. Returns the
/// interactions and the cost, or None when no finite cut exists (a kept
/// interaction or a source is a target).
pub fn min_interaction_cut(
    model: &Model,
    base_cut: &[bool],
    base_down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
    keep: &[bool],
) -> Option<(Vec<usize>, f64)> {
    min_interaction_cut_by(
        model,
        base_cut,
        base_down,
        sources,
        targets,
        min_level,
        keep,
        &|i| interaction_cost(model, i),
    )
}

/// Most single-link care evaluations [`min_interaction_cut_sparing_care`]
/// makes (only links that carry availability or join an external party are
/// probed); beyond it the plain costs are used (and said so).
pub const CARE_PROBES: usize = 400;

/// Like [`min_interaction_cut`], but preferring links whose cut costs no
/// care: each useful interaction is cut alone on top of `base_cut` and
/// evaluated by the situation engine; one that lowers the
/// criticality-weighted care gets a penalty larger than every care-free
/// link together, so a care-free cut is chosen whenever one exists. Returns
/// the cut, its real cost, and whether care was probed (false when more
/// than [`CARE_PROBES`] links were candidates).
#[allow(clippy::too_many_arguments)]
pub fn min_interaction_cut_sparing_care(
    model: &Model,
    base_cut: &[bool],
    base_down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
    keep: &[bool],
) -> Option<(Vec<usize>, f64, bool)> {
    let graph = AttackGraph::with_removed(model, base_cut, base_down);
    let useful = useful_interactions(&graph, sources, targets, min_level);
    let candidates: Vec<usize> = (0..useful.len()).filter(|&i| useful[i]).collect();
    // Only links that carry availability or join an external party can
    // cost care; the others are care-free without a probe.
    let probes: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| can_cost_care(model, i) && !is_set(base_cut, i))
        .collect();
    if probes.len() > CARE_PROBES {
        return min_interaction_cut(
            model, base_cut, base_down, sources, targets, min_level, keep,
        )
        .map(|(c, cost)| (c, cost, false));
    }
    let mut base = base_cut.to_vec();
    base.resize(model.interactions.len(), false);
    let before = care_only(model, &base, base_down);
    let mut penalty = vec![false; model.interactions.len()];
    for &i in &probes {
        base[i] = true;
        let after = care_only(model, &base, base_down);
        base[i] = false;
        penalty[i] = after < before - 1e-9;
    }
    let big: f64 = candidates
        .iter()
        .map(|&i| interaction_cost(model, i))
        .sum::<f64>()
        + 1.0;
    let (cut, _) = min_interaction_cut_by(
        model,
        base_cut,
        base_down,
        sources,
        targets,
        min_level,
        keep,
        &|i| interaction_cost(model, i) + if penalty[i] { big } else { 0.0 },
    )?;
    let cost = cut.iter().map(|&i| interaction_cost(model, i)).sum();
    Some((cut, cost, true))
}

/// [`min_interaction_cut`] with a cost per interaction.
#[allow(clippy::too_many_arguments)]
pub fn min_interaction_cut_by(
    model: &Model,
    base_cut: &[bool],
    base_down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
    keep: &[bool],
    cost_of: &dyn Fn(usize) -> f64,
) -> Option<(Vec<usize>, f64)> {
    let graph = AttackGraph::with_removed(model, base_cut, base_down);
    let useful = useful_interactions(&graph, sources, targets, min_level);
    let n = model.components.len();
    let (s, t) = (n, n + 1);
    let mut net = FlowNetwork::new(n + 2);
    let mut arc_of = Vec::new();
    for (i, e) in model.interactions.iter().enumerate() {
        if useful[i] {
            let cap = if is_set(keep, i) {
                INF
            } else {
                scaled(cost_of(i))
            };
            arc_of.push((net.add_arc(e.from.index(), e.to.index(), cap), i));
        }
    }
    for &c in sources {
        net.add_arc(s, c.index(), INF);
    }
    for &c in targets {
        net.add_arc(c.index(), t, INF);
    }
    let flow = net.max_flow(s, t);
    if flow >= INF {
        return None;
    }
    let arcs = net.min_cut_arcs(s);
    let mut cut: Vec<usize> = arc_of
        .iter()
        .filter(|(a, _)| arcs.binary_search(a).is_ok())
        .map(|(_, i)| *i)
        .collect();
    cut.sort_unstable();
    let cost = cut.iter().map(|&i| interaction_cost(model, i)).sum();
    Some((cut, cost))
}

/// The minimum-cost set of components (sources and targets excluded) whose
/// removal leaves no target reachable; None when a useful interaction joins a
/// source to a target directly.
pub fn min_component_cut(
    model: &Model,
    base_cut: &[bool],
    base_down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> Option<(Vec<ComponentId>, f64)> {
    min_component_cut_keeping(model, base_cut, base_down, sources, targets, min_level, &[])
}

/// [`min_component_cut`] that never cuts the components of `keep` either.
fn min_component_cut_keeping(
    model: &Model,
    base_cut: &[bool],
    base_down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
    keep: &[ComponentId],
) -> Option<(Vec<ComponentId>, f64)> {
    let graph = AttackGraph::with_removed(model, base_cut, base_down);
    let useful = useful_interactions(&graph, sources, targets, min_level);
    let n = model.components.len();
    let mut fixed = vec![false; n];
    for c in sources.iter().chain(targets).chain(keep) {
        fixed[c.index()] = true;
    }
    let (s, t) = (2 * n, 2 * n + 1);
    let mut net = FlowNetwork::new(2 * n + 2);
    let mut involved = vec![false; n];
    for (i, e) in model.interactions.iter().enumerate() {
        if useful[i] {
            involved[e.from.index()] = true;
            involved[e.to.index()] = true;
            net.add_arc(2 * e.from.index() + 1, 2 * e.to.index(), INF);
        }
    }
    let mut arc_of = Vec::new();
    for c in 0..n {
        if involved[c] || fixed[c] {
            let cap = if fixed[c] {
                INF
            } else {
                scaled(component_cost(model, ComponentId(c as u32)))
            };
            arc_of.push((net.add_arc(2 * c, 2 * c + 1, cap), c));
        }
    }
    for &c in sources {
        net.add_arc(s, 2 * c.index(), INF);
    }
    for &c in targets {
        net.add_arc(2 * c.index() + 1, t, INF);
    }
    if net.max_flow(s, t) >= INF {
        return None;
    }
    let arcs = net.min_cut_arcs(s);
    let cut: Vec<ComponentId> = arc_of
        .iter()
        .filter(|(a, _)| arcs.binary_search(a).is_ok())
        .map(|(_, c)| ComponentId(*c as u32))
        .collect();
    let cost = cut.iter().map(|&c| component_cost(model, c)).sum();
    Some((cut, cost))
}

/// A component cut as a crisis cell applies it: switching its components
/// off also stops their guests (the `hosts` cascade, docs/semantics.md).
/// Returns the cut without the elements the others make unnecessary, and a
/// note per element left out and per element that stops a target itself.
///
/// The max-flow of [`min_component_cut`] removes nodes one by one and does
/// not know that switching a hypervisor off stops every guest, so its cut
/// may hold a guest of another element (dc1 on esx-shared beside
/// esx-shared). Each element, most expensive first, is left out when the
/// rest — with the cascade — still leaves no target reached (re-checked by
/// the path engine): the result is minimal, and never costs more.
fn prune_component_cut(
    model: &Model,
    mut cut: Vec<ComponentId>,
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> (Vec<ComponentId>, Vec<String>) {
    let names = crate::report::Names::new(model);
    let no_cut = vec![false; model.interactions.len()];
    let stopped_by = |set: &[ComponentId]| -> Vec<bool> {
        let mut down = vec![false; model.components.len()];
        for c in set {
            down[c.index()] = true;
        }
        crate::situation::not_running(model, &down, &no_cut).unavailable
    };
    let mut notes = Vec::new();
    // A target the cut stops is not protected by being off: the cut must
    // leave no path to it as if it ran (said separately below).
    let blocks = |set: &[ComponentId]| {
        !reaches_any(
            model,
            &no_cut,
            &running_targets(model, set, targets),
            sources,
            targets,
            min_level,
        )
    };
    let mut order = cut.clone();
    order.sort_by(|a, b| {
        component_cost(model, *b)
            .total_cmp(&component_cost(model, *a))
            .then(a.cmp(b))
    });
    for c in order {
        let rest: Vec<ComponentId> = cut.iter().copied().filter(|&x| x != c).collect();
        if !blocks(&rest) {
            continue;
        }
        let stopped = stopped_by(&rest);
        let why = if stopped[c.index()] {
            let hosts: Vec<ComponentId> = rest
                .iter()
                .copied()
                .filter(|&h| stopped_by(&[h])[c.index()])
                .collect();
            let hosts = if hosts.is_empty() {
                "the other elements".to_string()
            } else {
                names.list(&hosts).join(", ")
            };
            format!(
                "{} is not listed: switching {hosts} off already stops it ({} runs on {hosts})",
                names.name(c),
                names.name(c)
            )
        } else {
            format!(
                "{} is not listed: with the hosts cascade the other elements already leave no path",
                names.name(c)
            )
        };
        notes.push(why);
        cut = rest;
    }
    for &e in &cut {
        let stopped = stopped_by(&[e]);
        let own: Vec<ComponentId> = targets
            .iter()
            .copied()
            .filter(|t| stopped[t.index()])
            .collect();
        if !own.is_empty() {
            let list = names.list(&own).join(", ");
            notes.push(format!(
                "this cut stops {list} itself ({list} runs on {}): the target is out of service while the cut stands — no component cut of the same cost keeps it running",
                names.name(e)
            ));
        }
    }
    (cut, notes)
}

/// The components a component cut takes out of the attacker's graph:
/// `set` switched off and their guests (the `hosts` cascade), the targets
/// excepted — a target the cut stops is checked as if it still ran.
pub(crate) fn running_targets(
    model: &Model,
    set: &[ComponentId],
    targets: &[ComponentId],
) -> Vec<bool> {
    let mut down = vec![false; model.components.len()];
    for c in set {
        down[c.index()] = true;
    }
    let no_cut = vec![false; model.interactions.len()];
    let mut out = crate::situation::not_running(model, &down, &no_cut).unavailable;
    for t in targets {
        out[t.index()] = false;
    }
    out
}

/// Whether any target is reached at `min_level` or above once `cut` and
/// `down` are removed: the independent check every plan goes through.
pub fn reaches_any(
    model: &Model,
    cut: &[bool],
    down: &[bool],
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> bool {
    let graph = AttackGraph::with_removed(model, cut, down);
    let map = graph.access_from(sources);
    targets
        .iter()
        .any(|&t| !sources.contains(&t) && map.level(t) >= min_level)
}

fn logaddexp(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let m = a.max(b);
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// Shares of shortest attack paths through each interaction and component,
/// counted on the BFS DAG of the product graph in log space (no path is
/// enumerated; counts beyond f64 range are fine). Returns (per interaction,
/// per component, ln of the number of paths).
pub fn path_shares(
    graph: &AttackGraph<'_>,
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> (Vec<f64>, Vec<f64>, f64) {
    let n = graph.len();
    let mut is_target = vec![false; n];
    for t in targets {
        if !sources.contains(t) {
            is_target[t.index()] = true;
        }
    }
    let f = flows(graph, sources, &is_target, min_level);
    let states = n * 4;
    // ln σ: shortest paths from the sources into each state.
    let mut sigma = vec![f64::NEG_INFINITY; states];
    for &s in &f.order {
        if f.dist[s as usize] == 0 {
            sigma[s as usize] = 0.0;
        }
    }
    for &s in &f.order {
        if !f.useful[s as usize] {
            continue;
        }
        for (t, _) in graph.successors(State(s)) {
            let ti = t.0 as usize;
            if f.dist[ti] == f.dist[s as usize] + 1 && f.useful[ti] {
                sigma[ti] = logaddexp(sigma[ti], sigma[s as usize]);
            }
        }
    }
    // ln τ: shortest-path continuations from each state to target states.
    let mut tau = vec![f64::NEG_INFINITY; states];
    for &s in f.order.iter().rev() {
        let si = s as usize;
        if !f.useful[si] {
            continue;
        }
        let mut acc = if f.target[si] { 0.0 } else { f64::NEG_INFINITY };
        for (t, _) in graph.successors(State(s)) {
            let ti = t.0 as usize;
            if f.dist[ti] == f.dist[si] + 1 && f.useful[ti] {
                acc = logaddexp(acc, tau[ti]);
            }
        }
        tau[si] = acc;
    }
    let total = f
        .order
        .iter()
        .filter(|&&s| f.target[s as usize])
        .fold(f64::NEG_INFINITY, |a, &s| logaddexp(a, sigma[s as usize]));
    let mut by_interaction = vec![0.0; graph.model.interactions.len()];
    let mut by_component = vec![0.0; n];
    if total == f64::NEG_INFINITY {
        return (by_interaction, by_component, total);
    }
    for &s in &f.order {
        let si = s as usize;
        if !f.useful[si] {
            continue;
        }
        let c = State(s).component().index();
        by_component[c] += (sigma[si] + tau[si] - total).exp();
        for (t, e) in graph.successors(State(s)) {
            let ti = t.0 as usize;
            if f.dist[ti] == f.dist[si] + 1 && f.useful[ti] {
                by_interaction[e] += (sigma[si] + tau[ti] - total).exp();
            }
        }
    }
    by_interaction.iter_mut().for_each(|x| *x = x.min(1.0));
    by_component.iter_mut().for_each(|x| *x = x.min(1.0));
    (by_interaction, by_component, total)
}

/// The component cut `chokepoints` proposes: the max-flow cut pruned with
/// the hosts cascade ([`prune_component_cut`]); when an element stops a
/// target itself (the target's own hypervisor), a cut that keeps those
/// elements running is taken instead if it costs no more (at most three
/// tries, each keeping the target-stopping elements found so far).
/// Returns (cut, cost, notes).
fn component_cut_for_people(
    model: &Model,
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
) -> Option<(Vec<ComponentId>, f64, Vec<String>)> {
    let no_cut = vec![false; model.interactions.len()];
    let no_down = vec![false; model.components.len()];
    let cost_of = |cut: &[ComponentId]| cut.iter().map(|&c| component_cost(model, c)).sum::<f64>();
    let (first, _) = min_component_cut(model, &no_cut, &no_down, sources, targets, min_level)?;
    let (mut best, mut notes) = prune_component_cut(model, first, sources, targets, min_level);
    let mut keep: Vec<ComponentId> = Vec::new();
    for _ in 0..3 {
        let own: Vec<ComponentId> = best
            .iter()
            .copied()
            .filter(|&e| {
                let mut down = no_down.clone();
                down[e.index()] = true;
                let stopped = crate::situation::not_running(model, &down, &no_cut).unavailable;
                targets.iter().any(|t| stopped[t.index()])
            })
            .collect();
        if own.is_empty() {
            break;
        }
        keep.extend(own);
        let Some((alt, _)) =
            min_component_cut_keeping(model, &no_cut, &no_down, sources, targets, min_level, &keep)
        else {
            break;
        };
        let (alt, alt_notes) = prune_component_cut(model, alt, sources, targets, min_level);
        if cost_of(&alt) > cost_of(&best) + 1e-9 {
            break;
        }
        best = alt;
        notes = alt_notes;
    }
    let cost = cost_of(&best);
    Some((best, cost, notes))
}

/// Choke points between `sources` and `targets`: both minimum cuts
/// (verified), what each costs in care, and the path-share ranking.
pub fn chokepoints(
    model: &Model,
    sources: &[ComponentId],
    targets: &[ComponentId],
    min_level: AccessLevel,
    top: usize,
) -> ChokePoints {
    let held_targets: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|t| sources.contains(t))
        .collect();
    let targets: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|t| !sources.contains(t))
        .collect();
    let graph = AttackGraph::new(model);
    let map = graph.access_from(sources);
    let reached_targets: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|&t| map.level(t) >= min_level)
        .collect();
    let (share_i, share_c, total) = path_shares(&graph, sources, &targets, min_level);
    let no_cut = vec![false; model.interactions.len()];
    let no_down = vec![false; model.components.len()];

    let mut interaction_cut = None;
    let mut component_cut = None;
    let mut component_cut_impossible = None;
    let mut cheapest_interaction_cut = None;
    let mut care_probed = true;
    let as_cut = |cut: &[usize], cost: f64| {
        let mut mask = no_cut.clone();
        for &i in cut {
            mask[i] = true;
        }
        let verified = !reaches_any(model, &mask, &no_down, sources, &targets, min_level);
        let e = evaluate_cut(model, &mask, &no_down);
        MinCut {
            kind: CutKind::Interactions,
            points: cut
                .iter()
                .map(|&i| ChokePoint {
                    interaction: Some(i),
                    component: None,
                    cost: interaction_cost(model, i),
                    share: share_i[i],
                })
                .collect(),
            cost,
            verified,
            services: e.services,
            care: e.care,
            notes: Vec::new(),
        }
    };
    if !reached_targets.is_empty() {
        if let Some((cut, cost, probed)) = min_interaction_cut_sparing_care(
            model,
            &no_cut,
            &no_down,
            sources,
            &targets,
            min_level,
            &[],
        ) {
            care_probed = probed;
            let sparing = as_cut(&cut, cost);
            match min_interaction_cut(model, &no_cut, &no_down, sources, &targets, min_level, &[]) {
                Some((plain, plain_cost)) if plain_cost + 1e-9 < cost => {
                    let cheapest = as_cut(&plain, plain_cost);
                    if cheapest.care.care_capacity + 1e-9 >= sparing.care.care_capacity {
                        // No cut spares more care than the cheapest one:
                        // it is the answer, and nothing cheaper is left.
                        interaction_cut = Some(cheapest);
                    } else {
                        interaction_cut = Some(sparing);
                        cheapest_interaction_cut = Some(cheapest);
                    }
                }
                _ => interaction_cut = Some(sparing),
            }
        }
        match component_cut_for_people(model, sources, &targets, min_level) {
            Some((cut, cost, notes)) => {
                let mut down = no_down.clone();
                for c in &cut {
                    down[c.index()] = true;
                }
                // Checked as applied: what is switched off and its guests,
                // the targets as if they still ran.
                let stopped = running_targets(model, &cut, &targets);
                let verified = !reaches_any(model, &no_cut, &stopped, sources, &targets, min_level);
                let e = evaluate_cut(model, &no_cut, &down);
                let (services, care) = (e.services, e.care);
                let points = cut
                    .iter()
                    .map(|&c| ChokePoint {
                        interaction: None,
                        component: Some(c),
                        cost: component_cost(model, c),
                        share: share_c[c.index()],
                    })
                    .collect();
                component_cut = Some(MinCut {
                    kind: CutKind::Components,
                    points,
                    cost,
                    verified,
                    services,
                    care,
                    notes,
                });
            }
            None => {
                component_cut_impossible =
                    Some("a source reaches a target through one interaction: only cutting interactions can separate them".into());
            }
        }
    }
    let hardening = if reached_targets.is_empty() {
        Vec::new()
    } else {
        hardening_options(model, sources, &reached_targets, min_level)
    };
    let mut top_interactions: Vec<Ranked> = share_i
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0.0)
        .map(|(i, s)| Ranked {
            interaction: Some(i),
            component: None,
            share: *s,
        })
        .collect();
    top_interactions.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then(a.interaction.cmp(&b.interaction))
    });
    top_interactions.truncate(top);
    let mut top_components: Vec<Ranked> = share_c
        .iter()
        .enumerate()
        .map(|(c, s)| (ComponentId(c as u32), *s))
        .filter(|(c, s)| *s > 0.0 && !sources.contains(c) && !targets.contains(c))
        .map(|(c, s)| Ranked {
            interaction: None,
            component: Some(c),
            share: s,
        })
        .collect();
    top_components.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then(a.component.cmp(&b.component))
    });
    top_components.truncate(top);
    ChokePoints {
        sources: sources.to_vec(),
        targets,
        held_targets,
        reached_targets,
        min_level,
        interaction_cut,
        component_cut,
        component_cut_impossible,
        top_interactions,
        top_components,
        log10_paths: if total == f64::NEG_INFINITY {
            f64::NEG_INFINITY
        } else {
            total / std::f64::consts::LN_10
        },
        cheapest_interaction_cut,
        care_probed,
        hardening,
    }
}
