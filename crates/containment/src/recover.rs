//! Phased recovery (red → orange → green): restore external links one at a
//! time, most care first, never re-opening a path to a crown jewel.

use cordon_model::{AccessLevel, ComponentId, Model, Need};
use cordon_paths::{AttackGraph, AttackPath};
use cordon_services::ServiceState;

use crate::Error;
use crate::care::{
    CareImpact, ServiceOutcome, care_impact, care_value, service_outcomes, services_with,
};
use crate::cut::{min_interaction_cut, reaches_any};
use crate::scenario::{Scenario, Situation, final_situation};

/// The access on a crown jewel that recovery must never hand back.
pub const UNSAFE_LEVEL: AccessLevel = AccessLevel::Write;

/// One restoration.
#[derive(Clone, Debug)]
pub struct RecoveryStep {
    /// The external link restored (index into `model.interactions`).
    pub interaction: usize,
    /// Services that improve, with their state before and after.
    pub regained: Vec<(String, ServiceState, ServiceState)>,
    /// Criticality-weighted care gained.
    pub care_gain: f64,
    /// Criticality-weighted share of normal care after the step.
    pub care_capacity: f64,
    /// Re-checked by the path engine: no crown jewel reached at write or above.
    pub verified: bool,
    /// Best access on any crown jewel after the step (below write).
    pub worst_crown_jewel_level: AccessLevel,
}

/// A link that cannot come back safely.
#[derive(Clone, Debug)]
pub struct Unrestorable {
    /// The link.
    pub interaction: usize,
    /// Services it would bring back (ignoring safety).
    pub services: Vec<String>,
    /// How a crown jewel would be reached with it restored.
    pub path: Option<AttackPath>,
    /// Interactions to cut or harden first (a minimum cut with this link
    /// restored, the link itself kept), with its cost; None if no finite cut.
    pub fix: Option<(Vec<usize>, f64)>,
}

/// The recovery plan.
#[derive(Clone, Debug)]
pub struct RecoveryPlan {
    /// Scenario name.
    pub scenario: String,
    /// Compromised components still running (the inside threat).
    pub attackers: Vec<ComponentId>,
    /// Outside components (the outside threat).
    pub outside: Vec<ComponentId>,
    /// Whether, with every external link still cut, no crown jewel is reached.
    pub baseline_safe: bool,
    /// Interactions to cut before anything is restored (when the baseline is unsafe).
    pub prerequisite: Vec<usize>,
    /// Care at the start (criticality-weighted share).
    pub start_care: f64,
    /// Restorations in order.
    pub steps: Vec<RecoveryStep>,
    /// Links that cannot come back safely.
    pub unrestorable: Vec<Unrestorable>,
    /// Services at the end.
    pub services: Vec<ServiceOutcome>,
    /// Care at the end.
    pub care: CareImpact,
}

fn need_components(need: &Need, out: &mut Vec<ComponentId>) {
    match need {
        Need::Component(c) => out.push(*c),
        Need::Service(_) => {}
        Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => {
            v.iter().for_each(|n| need_components(n, out))
        }
    }
}

struct Evaluator<'m> {
    model: &'m Model,
    unavailable: Vec<ComponentId>,
    needs: Vec<Vec<ComponentId>>,
}

impl Evaluator<'_> {
    /// Service states with `cut` in force and the links in `restored` back.
    /// An external component counts as available to a service once a
    /// restored link joins it to a component that service needs.
    fn states(&self, cut: &[bool], restored: &[usize]) -> Vec<ServiceState> {
        let model = self.model;
        let mut out = Vec::with_capacity(model.services.len());
        let mut cache: Vec<(Vec<ComponentId>, Vec<ServiceState>)> = Vec::new();
        for (s, needs) in self.needs.iter().enumerate() {
            let back = |e: ComponentId| {
                restored.iter().any(|&i| {
                    let it = &model.interactions[i];
                    (it.from == e && needs.contains(&it.to))
                        || (it.to == e && needs.contains(&it.from))
                })
            };
            let unavailable: Vec<ComponentId> = self
                .unavailable
                .iter()
                .copied()
                .filter(|&c| !(model.is_external(c) && needs.contains(&c) && back(c)))
                .collect();
            let states = match cache.iter().find(|(u, _)| *u == unavailable) {
                Some((_, st)) => st.clone(),
                None => {
                    let st = services_with(model, &unavailable, cut);
                    cache.push((unavailable, st.clone()));
                    st
                }
            };
            out.push(states[s].clone());
        }
        out
    }
}

fn without(cut: &[bool], restored: &[usize]) -> Vec<bool> {
    let mut c = cut.to_vec();
    for &i in restored {
        c[i] = false;
    }
    c
}

fn worst_level(
    model: &Model,
    cut: &[bool],
    down: &[bool],
    sources: &[ComponentId],
    jewels: &[ComponentId],
) -> AccessLevel {
    let map = AttackGraph::with_removed(model, cut, down).access_from(sources);
    jewels
        .iter()
        .filter(|j| !sources.contains(j))
        .map(|&j| map.level(j))
        .max()
        .unwrap_or(AccessLevel::None)
}

/// Plans the recovery from the end of `scenario`: which external links (the
/// interactions to or from external components that the scenario's
/// isolations cut) can come back, in which order. Greedy: at each step,
/// among the links whose restoration keeps every crown jewel below write
/// access from outside and from every compromised component (checked by the
/// path engine), take the one that restores the most criticality-weighted
/// care; links that are never safe are reported with a minimum cut that
/// would make them safe.
pub fn recover(model: &Model, scenario: &Scenario) -> Result<RecoveryPlan, Error> {
    let situation: Situation = final_situation(model, scenario)?;
    let mut cut = situation.cut_mask(model);
    let down = situation.down.clone();
    let candidates: Vec<usize> = (0..cut.len())
        .filter(|&i| {
            cut[i] && {
                let e = &model.interactions[i];
                model.is_external(e.from) || model.is_external(e.to)
            }
        })
        .collect();
    if candidates.is_empty() {
        return Err(Error::Selection(format!(
            "scenario `{}` cuts no external link: add `isolate: external` (the red phase) before planning the recovery",
            scenario.name
        )));
    }
    let attackers = situation.attackers();
    let outside: Vec<ComponentId> = model
        .component_ids()
        .filter(|&c| model.is_external(c))
        .collect();
    let mut sources = outside.clone();
    sources.extend(attackers.iter().copied());
    sources.sort_unstable();
    sources.dedup();
    let jewels: Vec<ComponentId> = model
        .crown_jewels()
        .into_iter()
        .filter(|j| !sources.contains(j))
        .collect();

    let baseline_safe = !reaches_any(model, &cut, &down, &sources, &jewels, UNSAFE_LEVEL);
    let mut prerequisite = Vec::new();
    if !baseline_safe
        && let Some((pre, _)) =
            min_interaction_cut(model, &cut, &down, &sources, &jewels, UNSAFE_LEVEL, &[])
    {
        for &i in &pre {
            cut[i] = true;
        }
        prerequisite = pre;
    }

    let eval = Evaluator {
        model,
        unavailable: situation.unavailable(),
        needs: model
            .services
            .iter()
            .map(|s| {
                let mut v = Vec::new();
                need_components(&s.needs, &mut v);
                v
            })
            .collect(),
    };
    let total: f64 = model
        .services
        .iter()
        .map(|s| crate::care::care_weight(s.criticality))
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    let mut restored: Vec<usize> = Vec::new();
    let mut states = eval.states(&cut, &restored);
    let start_care = care_value(model, &states) / total;
    let mut remaining = candidates;
    let mut steps = Vec::new();
    loop {
        let mut best: Option<(f64, usize, Vec<ServiceState>)> = None;
        for &l in &remaining {
            let mut trial = restored.clone();
            trial.push(l);
            let trial_cut = without(&cut, &trial);
            if reaches_any(model, &trial_cut, &down, &sources, &jewels, UNSAFE_LEVEL) {
                continue;
            }
            let st = eval.states(&trial_cut, &trial);
            let gain = care_value(model, &st) - care_value(model, &states);
            if best.as_ref().is_none_or(|(g, _, _)| gain > *g + 1e-12) {
                best = Some((gain, l, st));
            }
        }
        let Some((gain, l, after)) = best else { break };
        restored.push(l);
        remaining.retain(|&x| x != l);
        let now_cut = without(&cut, &restored);
        let verified = !reaches_any(model, &now_cut, &down, &sources, &jewels, UNSAFE_LEVEL);
        let regained = model
            .services
            .iter()
            .zip(states.iter().zip(&after))
            .filter(|(_, (b, a))| a.capacity() > b.capacity())
            .map(|(s, (b, a))| (s.id.clone(), b.clone(), a.clone()))
            .collect();
        steps.push(RecoveryStep {
            interaction: l,
            regained,
            care_gain: gain,
            care_capacity: care_value(model, &after) / total,
            verified,
            worst_crown_jewel_level: worst_level(model, &now_cut, &down, &sources, &jewels),
        });
        states = after;
    }
    // Restorations with care first: a zero-gain link only comes after them (the greedy already orders so).
    let now_cut = without(&cut, &restored);
    let unrestorable = remaining
        .iter()
        .map(|&l| {
            let mut trial = restored.clone();
            trial.push(l);
            let trial_cut = without(&cut, &trial);
            let st = eval.states(&trial_cut, &trial);
            let services = model
                .services
                .iter()
                .zip(states.iter().zip(&st))
                .filter(|(_, (b, a))| a.capacity() > b.capacity())
                .map(|(s, _)| s.id.clone())
                .collect();
            let graph = AttackGraph::with_removed(model, &trial_cut, &down);
            let map = graph.access_from(&sources);
            let path = jewels
                .iter()
                .filter(|&&j| map.level(j) >= UNSAFE_LEVEL)
                .min_by_key(|&&j| map.hops_to(j))
                .and_then(|&j| map.path(&graph, j));
            let mut keep = vec![false; model.interactions.len()];
            keep[l] = true;
            let fix = min_interaction_cut(
                model,
                &trial_cut,
                &down,
                &sources,
                &jewels,
                UNSAFE_LEVEL,
                &keep,
            );
            Unrestorable {
                interaction: l,
                services,
                path,
                fix,
            }
        })
        .collect();
    let services = service_outcomes(model, &eval.states(&now_cut, &restored));
    let care = care_impact(model, &services);
    Ok(RecoveryPlan {
        scenario: scenario.name.clone(),
        attackers,
        outside,
        baseline_safe,
        prerequisite,
        start_care,
        steps,
        unrestorable,
        services,
        care,
    })
}
