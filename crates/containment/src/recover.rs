//! Phased recovery (red → orange → green): bring external links back one at
//! a time, most care first, never re-opening a path to a crown jewel — every
//! step stated with its preconditions (rebuild a component that is down or
//! held, remediate a weakness) and checked by the situation engine with
//! those preconditions applied.

use cordon_model::{AccessLevel, ComponentId, Model, WeaknessKind};
use cordon_paths::AttackPath;
use cordon_services::ServiceState;

use crate::Error;
use crate::care::{CareImpact, ServiceOutcome, care_value, care_weight};
use crate::cut::min_interaction_cut;
use crate::scenario::{Scenario, final_situation};
use crate::situation::{Evaluation, Situation, evaluate};

/// The access on a crown jewel that recovery must never hand back.
pub const UNSAFE_LEVEL: AccessLevel = AccessLevel::Write;

/// A hardening action that takes a weakness away, proven by the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remediation {
    /// The component.
    pub component: ComponentId,
    /// Index of the weakness in the component's `weaknesses`.
    pub weakness: usize,
    /// Its kind.
    pub kind: WeaknessKind,
}

impl Remediation {
    /// "patch CVE-2023-27997 on vpn", "remove the default credentials of pacs"…
    pub fn describe(&self, model: &Model) -> String {
        let c = model.component(self.component);
        let w = &c.weaknesses[self.weakness];
        // The readable name (an AD import's ids are SIDs).
        let id = &cordon_paths::reading::display_name(model, self.component);
        match self.kind {
            WeaknessKind::ExploitableVulnerability => match &w.cve {
                Some(cve) => format!("patch {cve} on {id}"),
                None => format!("patch the exploitable vulnerability of {id}"),
            },
            WeaknessKind::DefaultCredentials => {
                format!("remove the default credentials of {id}")
            }
            WeaknessKind::WeakCredentials => {
                format!("enforce MFA (and reset weak passwords) on {id}")
            }
            WeaknessKind::StoredCredentials => {
                let on = w.on.as_ref().map(|s| s.to_string()).unwrap_or_default();
                format!("remove the credentials for {id} stored on {on}")
            }
            WeaknessKind::Misconfiguration => format!("fix the misconfiguration of {id}"),
            WeaknessKind::UnauthenticatedService => {
                format!("require authentication on {id}")
            }
        }
    }
}

/// A model and situation with remediations applied: each weakness grants
/// nothing any more (on a copy of the model, so weakness indices stay
/// stable), stored credentials' interactions are cut.
pub(crate) fn remediated(
    model: &Model,
    situation: &Situation,
    fixes: &[Remediation],
) -> (Option<Model>, Situation) {
    let mut s = situation.clone();
    if fixes.is_empty() {
        return (None, s);
    }
    let mut m = model.clone();
    for f in fixes {
        if f.kind == WeaknessKind::StoredCredentials {
            for i in stored_credentials_links(model, f, fixes) {
                s.cut(model, i);
            }
        }
    }
    // A remediated weakness hands out nothing; indices stay stable.
    for f in fixes {
        if let Some(w) = m.components[f.component.index()]
            .weaknesses
            .get_mut(f.weakness)
        {
            w.grants = AccessLevel::None;
        }
    }
    (Some(m), s)
}

/// The `credentials` interactions that removing the stored-credentials
/// weakness `f` takes away: those from a holder in *its* `stored_on:` to its
/// component — and only holders no other stored-credentials weakness of the
/// same component (not remediated in `fixes` too) still covers. Removing the
/// credentials left on the jump host leaves those the SIEM runs with.
fn stored_credentials_links(model: &Model, f: &Remediation, fixes: &[Remediation]) -> Vec<usize> {
    let c = model.component(f.component);
    let holders = |w: &cordon_model::Weakness| -> Vec<ComponentId> {
        w.on.as_ref()
            .and_then(|sel| model.select(sel).ok())
            .unwrap_or_default()
    };
    let Some(mine) = c.weaknesses.get(f.weakness).map(holders) else {
        return Vec::new();
    };
    let mut still: Vec<ComponentId> = c
        .weaknesses
        .iter()
        .enumerate()
        .filter(|(w, weak)| {
            weak.kind == WeaknessKind::StoredCredentials
                && !fixes
                    .iter()
                    .any(|x| x.component == f.component && x.weakness == *w)
        })
        .flat_map(|(_, weak)| holders(weak))
        .collect();
    still.sort_unstable();
    model
        .interactions
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.to == f.component
                && e.kind == cordon_model::InteractionKind::Credentials
                && mine.contains(&e.from)
                && still.binary_search(&e.from).is_err()
        })
        .map(|(i, _)| i)
        .collect()
}

/// One restoration.
#[derive(Clone, Debug)]
pub struct RecoveryStep {
    /// The external link restored (index into `model.interactions`).
    pub interaction: usize,
    /// Components to rebuild from clean media first (down or still held).
    pub rebuild: Vec<ComponentId>,
    /// Of `rebuild`, those whose every backup system is encrypted, held or
    /// not running at this point: no clean copy in the model
    /// ([`crate::BackupGap::describe`] says what to restore first).
    pub no_clean_backup: Vec<crate::BackupGap>,
    /// Weaknesses to remediate first (the link is unsafe without them).
    pub remediate: Vec<Remediation>,
    /// Services that improve, with their state before and after.
    pub regained: Vec<(String, ServiceState, ServiceState)>,
    /// Criticality-weighted care gained (share of normal, 0..=1).
    pub care_gain: f64,
    /// Criticality-weighted share of normal care after the step.
    pub care_capacity: f64,
    /// Re-checked by the engine with the preconditions applied: no crown
    /// jewel reached at write or above from outside or from a held component.
    pub verified: bool,
    /// Best access on any crown jewel after the step.
    pub worst_crown_jewel_level: AccessLevel,
    /// Components still switched off (or encrypted) at this step: `verified`
    /// holds *while they stay off*.
    pub assumes_off: Vec<ComponentId>,
    /// Re-checked by the engine with every component of `assumes_off`
    /// restored too (rebuilt clean, same remediations): still no crown
    /// jewel reached at write or above. True when nothing is off. False
    /// also when the danger is not the step's (see `opens_once_restored`).
    pub safe_if_restored: bool,
    /// With `assumes_off` restored clean, the step itself opens a crown
    /// jewel at write or above that the same restoration without the step
    /// would not: only then is the step unsafe once they return. A danger
    /// that exists whatever the steps do (an inside attacker returning with
    /// a restored host) is stated once, in
    /// [`RecoveryPlan::danger_once_restored`], not on every step.
    pub opens_once_restored: bool,
    /// The step lifts a cut of [`RecoveryPlan::prerequisite`]: the reason
    /// for that cut is gone (the component rebuilt, the weakness
    /// remediated), re-verified by the engine like every step.
    pub lifts_prerequisite: bool,
}

/// A danger no step causes: with the components still off restored clean
/// (before any step), a crown jewel is reached at write or above — from an
/// attacker still inside, or from outside over what is already open.
#[derive(Clone, Debug)]
pub struct RestoredDanger {
    /// The components still off whose restoration brings the danger.
    pub off: Vec<ComponentId>,
    /// A shortest path to a crown jewel once they are back.
    pub path: Option<AttackPath>,
    /// The held component the path starts from, when rebuilding it from
    /// clean media alone removes the danger (proven by the engine).
    pub rebuild: Vec<ComponentId>,
    /// Weaknesses on the path each of whose remediation alone removes the
    /// danger (proven by the engine).
    pub remediate: Vec<Remediation>,
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
    /// Components that would have to be rebuilt anyway.
    pub rebuild: Vec<ComponentId>,
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
    /// Held components switched off: they return compromised if restored
    /// without a rebuild.
    pub held_switched_off: Vec<ComponentId>,
    /// Outside components (the outside threat).
    pub outside: Vec<ComponentId>,
    /// Whether, with every external link still cut, no crown jewel is reached.
    pub baseline_safe: bool,
    /// Interactions to cut before anything is restored (when the baseline is unsafe).
    pub prerequisite: Vec<usize>,
    /// What the prerequisite cut costs in care on its own, the estate
    /// otherwise intact: the services it stops or degrades (summary lines,
    /// "Imaging vendor support: down, no fallback"), empty when it costs
    /// nothing. A step lifting the cut once
    /// its reason is gone has `lifts_prerequisite`.
    pub prerequisite_cost: Vec<String>,
    /// A danger no step causes, once the components still off are restored
    /// (None: none, or nothing is off). Stated once with its path and the
    /// action that removes it.
    pub danger_once_restored: Option<RestoredDanger>,
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

/// The engine's verdict on a trial: evaluation with the outside held too.
struct Trial {
    eval: Evaluation,
    safe: bool,
}

fn judge(
    model: &Model,
    situation: &Situation,
    outside: &[ComponentId],
    jewels: &[ComponentId],
) -> Trial {
    let mut s = situation.clone();
    for &o in outside {
        s.compromised[o.index()] = true;
    }
    let eval = evaluate(model, &s);
    let safe = !eval.crown_jewels.iter().any(|j| {
        jewels.contains(&j.id) && !eval.attackers.contains(&j.id) && j.level >= UNSAFE_LEVEL
    });
    Trial { eval, safe }
}

/// The shortest attack path reaching one of `jewels` at [`UNSAFE_LEVEL`] or
/// above in an evaluation, if any: the danger a plan states.
fn shortest_unsafe_path(eval: &Evaluation, jewels: &[ComponentId]) -> Option<AttackPath> {
    eval.crown_jewels
        .iter()
        .filter(|j| jewels.contains(&j.id) && j.level >= UNSAFE_LEVEL)
        .filter_map(|j| j.path.clone())
        .min_by_key(|p| p.hops.len())
}

/// Weaknesses (and stored credentials) used by the attack paths reaching a
/// crown jewel at write or above.
fn path_remediations(model: &Model, t: &Trial, jewels: &[ComponentId]) -> Vec<Remediation> {
    let mut out = Vec::new();
    for j in &t.eval.crown_jewels {
        if !jewels.contains(&j.id) || j.level < UNSAFE_LEVEL {
            continue;
        }
        let Some(p) = &j.path else { continue };
        for h in &p.hops {
            let e = &model.interactions[h.interaction];
            let fix = if let Some(w) = h.weakness {
                Some((h.to, w as usize))
            } else if e.kind == cordon_model::InteractionKind::Credentials {
                model
                    .component(h.to)
                    .weaknesses
                    .iter()
                    .position(|w| {
                        w.kind == WeaknessKind::StoredCredentials
                            && w.on
                                .as_ref()
                                .and_then(|sel| model.select(sel).ok())
                                .is_some_and(|h| h.contains(&e.from))
                    })
                    .map(|w| (h.to, w))
            } else {
                None
            };
            if let Some((c, w)) = fix {
                let r = Remediation {
                    component: c,
                    weakness: w,
                    kind: model.component(c).weaknesses[w].kind,
                };
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// What restoring one link takes.
struct Option_ {
    rebuild: Vec<ComponentId>,
    no_clean_backup: Vec<crate::BackupGap>,
    remediate: Vec<Remediation>,
    trial: Trial,
    situation: Situation,
}

/// Plans the recovery from the end of `scenario`: which external links (the
/// interactions to or from external components that the scenario cut) can
/// come back, in which order, and what must happen first.
///
/// Greedy, every trial judged by [`evaluate`] with every external component
/// and every held running component as the attacker:
///
/// 1. a link into or out of a component that is down or still held needs
///    that component rebuilt from clean media first (stated, and the trial
///    applies it);
/// 2. a link from outside into a component with a weakness usable over the
///    network (a CVE, default or weak credentials, a misconfiguration, an
///    unauthenticated service) needs that weakness remediated first;
///    when the link would still hand a crown jewel to the attacker at write or
///    above, the weaknesses on the attack path are remediated in the trial
///    (patch the CVE, remove default credentials, enforce MFA, remove stored
///    credentials), up to a few rounds; the step states them;
/// 3. among the links that are then safe, the one regaining the most
///    criticality-weighted care comes first (ties: fewer preconditions);
/// 4. links that stay unsafe are reported with the path and a minimum cut.
///
/// Cost: O(g² + links) evaluations, each linear in components +
/// interactions, where g is the number of links that can change care.
pub fn recover(model: &Model, scenario: &Scenario) -> Result<RecoveryPlan, Error> {
    let start: Situation = final_situation(model, scenario)?;
    let cut = start.cut_mask(model);
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
    let outside: Vec<ComponentId> = model
        .component_ids()
        .filter(|&c| model.is_external(c))
        .collect();
    let jewels: Vec<ComponentId> = model
        .crown_jewels()
        .into_iter()
        .filter(|j| !outside.contains(j))
        .collect();
    let total: f64 = model
        .services
        .iter()
        .map(|s| care_weight(s.criticality))
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);

    let mut now = start.clone();
    let first = judge(model, &now, &outside, &jewels);
    let plain = evaluate(model, &now);
    let attackers = plain.attackers.clone();
    let held_switched_off = plain.held_switched_off.clone();
    let baseline_safe = first.safe;
    let mut prerequisite = Vec::new();
    if !baseline_safe {
        let mut sources = outside.clone();
        sources.extend(attackers.iter().copied());
        // What the attacker cannot use already (cut, or without network).
        let base_cut = first.eval.attack_cut.clone();
        if let Some((pre, _)) = min_interaction_cut(
            model,
            &base_cut,
            &first.eval.running.unavailable,
            &sources,
            &jewels,
            UNSAFE_LEVEL,
            &[],
        ) {
            for &i in &pre {
                now.cut(model, i);
            }
            prerequisite = pre;
        }
    }
    // What the prerequisite cut costs in care on its own (the estate
    // otherwise intact), said beside it: what stays lost while it stands.
    let prerequisite_cost: Vec<String> = if prerequisite.is_empty() {
        Vec::new()
    } else {
        let mut mask = vec![false; model.interactions.len()];
        for &i in &prerequisite {
            mask[i] = true;
        }
        crate::situation::evaluate_cut(model, &mask, &vec![false; model.components.len()])
            .care
            .summary
    };
    // A danger no step causes: the components still off, restored clean
    // before any step, hand a crown jewel back.
    let danger_once_restored = {
        let off = still_off(model, &now);
        let mut up = now.clone();
        for &c in &off {
            up.rebuild(c);
        }
        let t = judge(model, &up, &outside, &jewels);
        if off.is_empty() || t.safe {
            None
        } else {
            let path = shortest_unsafe_path(&t.eval, &jewels);
            // Each way out, kept only when the engine proves it alone
            // removes the danger.
            let rebuild = path
                .as_ref()
                .map(|p| p.source)
                .filter(|c| !model.is_external(*c) && up.compromised[c.index()])
                .filter(|&c| {
                    let mut x = up.clone();
                    x.rebuild(c);
                    judge(model, &x, &outside, &jewels).safe
                })
                .into_iter()
                .collect();
            let remediate = path_remediations(model, &t, &jewels)
                .into_iter()
                .filter(|r| {
                    let (m, rs) = remediated(model, &up, std::slice::from_ref(r));
                    judge(m.as_ref().unwrap_or(model), &rs, &outside, &jewels).safe
                })
                .collect();
            Some(RestoredDanger {
                off,
                path,
                rebuild,
                remediate,
            })
        }
    };
    let mut current = judge(model, &now, &outside, &jewels);
    // Shares of normal care; an estate without services keeps 100%.
    let share = |v: f64| {
        if model.services.is_empty() {
            1.0
        } else {
            v / total
        }
    };
    let start_care = share(care_value(model, &current.eval.services));
    let mut fixes: Vec<Remediation> = Vec::new();
    let remaining = candidates;
    let mut steps = Vec::new();
    let try_link = |now: &Situation, fixes: &[Remediation], l: usize| -> Option_ {
        let e = &model.interactions[l];
        let mut s = now.clone();
        s.uncut(l);
        let mut rebuild = Vec::new();
        for x in [e.from, e.to] {
            if !model.is_external(x) && (s.down[x.index()] || s.compromised[x.index()]) {
                s.rebuild(x);
                rebuild.push(x);
            }
        }
        let no_clean_backup = crate::backups::no_clean_backup(model, now, &rebuild);
        let mut remediate: Vec<Remediation> = Vec::new();
        let mut all: Vec<Remediation> = fixes.to_vec();
        // A link from outside exposes its target again: a weakness usable
        // over the network is remediated first, whatever the crown jewels.
        if model.is_external(e.from) && !model.is_external(e.to) {
            for (w, weak) in model.component(e.to).weaknesses.iter().enumerate() {
                let r = Remediation {
                    component: e.to,
                    weakness: w,
                    kind: weak.kind,
                };
                if weak.kind.network_exploitable()
                    && weak.grants > AccessLevel::Reach
                    && !all.contains(&r)
                {
                    remediate.push(r.clone());
                    all.push(r);
                }
            }
        }
        let (m, rs) = remediated(model, &s, &all);
        let mut trial = judge(m.as_ref().unwrap_or(model), &rs, &outside, &jewels);
        drop(m);
        for _ in 0..4 {
            if trial.safe {
                break;
            }
            let more: Vec<Remediation> = path_remediations(model, &trial, &jewels)
                .into_iter()
                .filter(|r| !all.contains(r))
                .collect();
            if more.is_empty() {
                break;
            }
            remediate.extend(more.iter().cloned());
            all.extend(more);
            let (m2, rs2) = remediated(model, &s, &all);
            trial = judge(m2.as_ref().unwrap_or(model), &rs2, &outside, &jewels);
        }
        Option_ {
            rebuild,
            no_clean_backup,
            remediate,
            trial,
            situation: s,
        }
    };
    // Links that can change care (they carry availability, join an external
    // party a service needs, or need a component rebuilt) are ordered
    // greedily by care regained; the others regain nothing and are taken
    // in one pass afterwards, each still judged (links² evaluations only
    // for the first kind).
    let needed_parties: Vec<bool> = {
        let mut v = vec![false; model.components.len()];
        for svc in &model.services {
            let mut stack = vec![&svc.needs];
            while let Some(n) = stack.pop() {
                match n {
                    cordon_model::Need::Component(c) => v[c.index()] = true,
                    cordon_model::Need::Service(_) => {}
                    cordon_model::Need::All(x)
                    | cordon_model::Need::Any(x)
                    | cordon_model::Need::AtLeast(_, x) => stack.extend(x.iter()),
                }
            }
        }
        v
    };
    let (mut remaining, rest): (Vec<usize>, Vec<usize>) = remaining.into_iter().partition(|&l| {
        let e = &model.interactions[l];
        e.kind.carries_availability()
            || [e.from, e.to].iter().any(|&x| {
                (model.is_external(x) && needed_parties[x.index()])
                    || (!model.is_external(x) && now.down[x.index()])
            })
    });
    // The prerequisite cuts may come back once their reason is gone (the
    // held component rebuilt, the weakness remediated by an earlier step):
    // offered like any link, judged by the engine.
    remaining.extend(prerequisite.iter().copied());
    let step_of = |current: &Trial, l: usize, o: &Option_| -> RecoveryStep {
        let before = care_value(model, &current.eval.services);
        let after = care_value(model, &o.trial.eval.services);
        RecoveryStep {
            interaction: l,
            rebuild: o.rebuild.clone(),
            no_clean_backup: o.no_clean_backup.clone(),
            remediate: o.remediate.clone(),
            regained: model
                .services
                .iter()
                .zip(current.eval.services.iter().zip(&o.trial.eval.services))
                .filter(|(_, (b, a))| a.state.capacity() > b.state.capacity())
                .map(|(s, (b, a))| (s.id.clone(), b.state.clone(), a.state.clone()))
                .collect(),
            care_gain: if model.services.is_empty() {
                0.0
            } else {
                (after - before) / total
            },
            care_capacity: share(after),
            verified: o.trial.safe,
            worst_crown_jewel_level: worst(&o.trial.eval, &jewels),
            assumes_off: Vec::new(),
            safe_if_restored: o.trial.safe,
            opens_once_restored: false,
            lifts_prerequisite: prerequisite.contains(&l),
        }
    };
    // `verified` states its assumption: the components still off, and
    // whether the step opens anything once they are restored clean — judged
    // against the same restoration without the step, so a danger no step
    // causes (`danger_once_restored`) does not brand every step.
    let with_restored = |steps: &mut Vec<RecoveryStep>,
                         before: &Situation,
                         s: &Situation,
                         fixes: &[Remediation]| {
        let Some(last) = steps.last_mut() else {
            return;
        };
        let off = still_off(model, s);
        if off.is_empty() {
            return;
        }
        let restored = |x: &Situation| {
            let mut up = x.clone();
            for &c in &off {
                up.rebuild(c);
            }
            let (m, rs) = remediated(model, &up, fixes);
            judge(m.as_ref().unwrap_or(model), &rs, &outside, &jewels)
        };
        let after = restored(s);
        last.safe_if_restored = after.safe;
        last.opens_once_restored = !after.safe && opens(&restored(before), &after, &jewels);
        last.assumes_off = off;
    };
    loop {
        let before = care_value(model, &current.eval.services);
        let mut best: Option<(f64, usize, Option_)> = None;
        for &l in &remaining {
            let o = try_link(&now, &fixes, l);
            if !o.trial.safe {
                continue;
            }
            let gain = care_value(model, &o.trial.eval.services) - before;
            let better = match &best {
                None => true,
                Some((g, _, b)) => {
                    gain > *g + 1e-12
                        || (gain > *g - 1e-12
                            && o.rebuild.len() + o.remediate.len()
                                < b.rebuild.len() + b.remediate.len())
                }
            };
            if better {
                best = Some((gain, l, o));
            }
        }
        let Some((_, l, o)) = best else { break };
        remaining.retain(|&x| x != l);
        steps.push(step_of(&current, l, &o));
        fixes.extend(o.remediate.iter().cloned());
        with_restored(&mut steps, &now, &o.situation, &fixes);
        now = o.situation;
        current = o.trial;
    }
    for l in rest {
        let o = try_link(&now, &fixes, l);
        if !o.trial.safe {
            remaining.push(l);
            continue;
        }
        steps.push(step_of(&current, l, &o));
        fixes.extend(o.remediate.iter().cloned());
        with_restored(&mut steps, &now, &o.situation, &fixes);
        now = o.situation;
        current = o.trial;
    }
    let unrestorable = remaining
        .iter()
        .map(|&l| {
            let o = try_link(&now, &fixes, l);
            let services = model
                .services
                .iter()
                .zip(current.eval.services.iter().zip(&o.trial.eval.services))
                .filter(|(_, (b, a))| a.state.capacity() > b.state.capacity())
                .map(|(s, _)| s.id.clone())
                .collect();
            let path = shortest_unsafe_path(&o.trial.eval, &jewels);
            let mut sources = outside.clone();
            sources.extend(o.trial.eval.attackers.iter().copied());
            sources.sort_unstable();
            sources.dedup();
            let mut keep = vec![false; model.interactions.len()];
            keep[l] = true;
            let fix = min_interaction_cut(
                model,
                &o.situation.cut_mask(model),
                &o.trial.eval.running.unavailable,
                &sources,
                &jewels,
                UNSAFE_LEVEL,
                &keep,
            );
            Unrestorable {
                interaction: l,
                services,
                path,
                rebuild: o.rebuild,
                fix,
            }
        })
        .collect();
    Ok(RecoveryPlan {
        scenario: scenario.name.clone(),
        attackers,
        held_switched_off,
        outside,
        baseline_safe,
        prerequisite,
        prerequisite_cost,
        danger_once_restored,
        start_care,
        steps,
        unrestorable,
        services: current.eval.services.clone(),
        care: current.eval.care.clone(),
    })
}

/// Components (not external) switched off or encrypted in `s`.
fn still_off(model: &Model, s: &Situation) -> Vec<ComponentId> {
    model
        .component_ids()
        .filter(|&c| s.down[c.index()] && !model.is_external(c))
        .collect()
}

/// Whether `after` reaches some crown jewel at write or above at a higher
/// level than `before` does: what a step itself opens.
fn opens(before: &Trial, after: &Trial, jewels: &[ComponentId]) -> bool {
    let level = |t: &Trial, j: ComponentId| {
        t.eval
            .crown_jewels
            .iter()
            .find(|x| x.id == j && !t.eval.attackers.contains(&j))
            .map_or(AccessLevel::None, |x| x.level)
    };
    jewels.iter().any(|&j| {
        let a = level(after, j);
        a >= UNSAFE_LEVEL && a > level(before, j)
    })
}

fn worst(e: &Evaluation, jewels: &[ComponentId]) -> AccessLevel {
    e.crown_jewels
        .iter()
        .filter(|j| jewels.contains(&j.id) && !e.attackers.contains(&j.id))
        .map(|j| j.level)
        .max()
        .unwrap_or(AccessLevel::None)
}

/// "no crown jewel reached" or "crown jewels at most write".
fn at_most(level: AccessLevel) -> String {
    if level == AccessLevel::None {
        "no crown jewel reached".to_string()
    } else {
        format!("crown jewels at most {}", level.as_str())
    }
}

/// "esx-1", "esx-1, esx-2", "a, b, … and 3 more" with the verb agreeing:
/// ("esx-1", "is", "stays", "it is").
fn named(model: &Model, off: &[ComponentId]) -> (String, &'static str, &'static str, &'static str) {
    // Readable names (an AD import's ids are SIDs).
    let ids: Vec<std::borrow::Cow<'_, str>> = off
        .iter()
        .map(|c| cordon_paths::reading::display_name(model, *c))
        .collect();
    let names = if ids.len() > 6 {
        format!("{} and {} more", ids[..6].join(", "), ids.len() - 6)
    } else {
        ids.join(", ")
    };
    if ids.len() == 1 {
        (names, "is", "stays", "it is")
    } else {
        (names, "are", "stay", "they are")
    }
}

impl RecoveryStep {
    /// The step's verdict in words, the one wording of the CLI and the
    /// board: "verified; no crown jewel reached", "verified; …; also safe
    /// once esx-1 is restored clean", "verified while esx-1 stays off; …;
    /// this step opens nothing more once it is restored (the danger stated
    /// above does not depend on it)", "verified only while esx-1 stays off;
    /// … — this step is UNSAFE once it is restored: re-run recover then",
    /// "NOT VERIFIED".
    pub fn verdict(&self, model: &Model, plan: &RecoveryPlan) -> String {
        let cj = at_most(self.worst_crown_jewel_level);
        if !self.verified {
            return "NOT VERIFIED".into();
        }
        if self.assumes_off.is_empty() {
            return format!("verified; {cj}");
        }
        let (names, is, stays, it_is) = named(model, &self.assumes_off);
        if self.safe_if_restored {
            format!("verified; {cj}; also safe once {names} {is} restored clean")
        } else if !self.opens_once_restored && plan.danger_once_restored.is_some() {
            format!(
                "verified while {names} {stays} off; {cj}; this step opens nothing more once {it_is} restored (the danger stated above does not depend on it)"
            )
        } else {
            format!(
                "verified only while {names} {stays} off; {cj} — this step is UNSAFE once {it_is} restored: re-run recover then"
            )
        }
    }
}

impl RecoveryPlan {
    /// The danger no step causes, stated once (empty when there is none):
    /// "Once esx-1 is restored, a crown jewel is reached again whatever the
    /// steps below do: it-admin-ws → vcenter (credentials) → …", then what
    /// removes it ("before restoring esx-1: rebuild it-admin-ws from clean
    /// media, or remove the credentials for vcenter stored on
    /// it-admin-ws").
    pub fn danger_lines(&self, model: &Model) -> Vec<String> {
        let Some(d) = &self.danger_once_restored else {
            return Vec::new();
        };
        let (names, is, _, _) = named(model, &d.off);
        let mut out = vec![format!(
            "Once {names} {is} restored (even rebuilt clean), a crown jewel is reached at write or above again, whatever the steps below do{}",
            match &d.path {
                Some(p) => format!(
                    ": {} ({} on {})",
                    path_words(model, p),
                    p.level.as_str(),
                    cordon_paths::reading::display_name(model, p.target)
                ),
                None => String::new(),
            }
        )];
        let mut fixes: Vec<String> = d
            .rebuild
            .iter()
            .map(|c| {
                format!(
                    "rebuild {} from clean media",
                    cordon_paths::reading::display_name(model, *c)
                )
            })
            .collect();
        fixes.extend(d.remediate.iter().map(|r| r.describe(model)));
        if fixes.is_empty() {
            out.push(format!(
                "No single rebuild or remediation on that path removes it: keep {names} off and re-run recover after cutting or fixing it"
            ));
        } else {
            out.push(format!("Before restoring {names}: {}", fixes.join(", or ")));
        }
        out
    }
}

/// "a → b (credentials) → c (controls)".
fn path_words(model: &Model, p: &AttackPath) -> String {
    let mut s = cordon_paths::reading::display_name(model, p.source).into_owned();
    for h in &p.hops {
        s.push_str(&format!(
            " → {} ({})",
            cordon_paths::reading::display_name(model, h.to),
            model.interactions[h.interaction].kind
        ));
    }
    s
}
