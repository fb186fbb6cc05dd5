//! The one evaluation of a situation: what the attacker reaches, which
//! components are unavailable and why, every service's state with its cause,
//! and the criticality-weighted care score.
//!
//! `cordon scenario`, `recover`, `airgap`, `chokepoints`, `intel replay
//! --run`, the web board and `POST /api/scenario` all call [`evaluate`];
//! there is no second implementation.

use cordon_model::{AccessLevel, ComponentId, InteractionKind, Model};
use cordon_paths::{AttackGraph, AttackPath};
use cordon_services::{
    Availability, Cause, ServiceStatus, availability, dependencies, service_statuses,
};

use crate::care::{CareImpact, ServiceOutcome, care_impact, service_outcomes};

/// One isolation in force.
#[derive(Clone, Debug)]
pub(crate) struct Isolation {
    /// The target as written: `restore` with the same text lifts it.
    pub key: String,
    /// Interactions it cuts.
    pub cut: Vec<usize>,
}

/// The state of the estate at one moment of a crisis: components held by the
/// attacker, components down (shut down, encrypted), interactions cut by the
/// isolations in force. All vectors are indexed like `model.components`.
#[derive(Clone, Debug)]
pub struct Situation {
    /// Held by the attacker.
    pub compromised: Vec<bool>,
    /// Switched off or encrypted.
    pub down: Vec<bool>,
    /// Encrypted (also down): said so in explanations.
    pub encrypted: Vec<bool>,
    /// Interactions cut one by one (beside isolations), indexed like
    /// `model.interactions` (may be shorter: missing means not cut).
    pub extra_cut: Vec<bool>,
    pub(crate) isolations: Vec<Isolation>,
    /// Rebuilt from clean media since the flag was last cleared (by
    /// [`crate::run_scenario`], per step): no longer a possible foothold.
    pub(crate) rebuilt: Vec<bool>,
}

/// Interaction kinds an isolation by firewall does not cut: a hypervisor
/// keeps running its guests and a switch keeps carrying its machines'
/// traffic whatever the firewall says (cut them explicitly with
/// `isolate: "A -> B"`).
pub fn physical(kind: InteractionKind) -> bool {
    matches!(kind, InteractionKind::Hosts | InteractionKind::Supplies)
}

impl Situation {
    /// Nothing compromised, down or isolated.
    pub fn new(model: &Model) -> Self {
        let n = model.components.len();
        Situation {
            compromised: vec![false; n],
            down: vec![false; n],
            encrypted: vec![false; n],
            extra_cut: Vec::new(),
            isolations: Vec::new(),
            rebuilt: vec![false; n],
        }
    }

    /// Interactions cut (isolations and single cuts), indexed like `model.interactions`.
    pub fn cut_mask(&self, model: &Model) -> Vec<bool> {
        let mut mask = vec![false; model.interactions.len()];
        for (i, c) in self.extra_cut.iter().enumerate() {
            if *c && i < mask.len() {
                mask[i] = true;
            }
        }
        for iso in &self.isolations {
            for &i in &iso.cut {
                mask[i] = true;
            }
        }
        mask
    }

    /// Cuts every interaction crossing the boundary of `set` except the
    /// [`physical`] ones. Returns the number cut.
    pub fn isolate_set(&mut self, model: &Model, key: String, set: &[ComponentId]) -> usize {
        let mut inside = vec![false; model.components.len()];
        for c in set {
            inside[c.index()] = true;
        }
        let cut: Vec<usize> = model
            .interactions
            .iter()
            .enumerate()
            .filter(|(_, e)| inside[e.from.index()] != inside[e.to.index()] && !physical(e.kind))
            .map(|(i, _)| i)
            .collect();
        let n = cut.len();
        self.isolations.push(Isolation { key, cut });
        n
    }

    /// Cuts the given interactions, liftable by `restore` with `key`.
    pub fn isolate_interactions(&mut self, key: String, cut: Vec<usize>) {
        self.isolations.push(Isolation { key, cut });
    }

    /// Lifts the isolations written `key`. Returns how many.
    pub fn lift(&mut self, key: &str) -> usize {
        let before = self.isolations.len();
        self.isolations.retain(|i| i.key != key);
        before - self.isolations.len()
    }

    /// Brings interaction `i` back: removes it from every isolation and
    /// single cut.
    pub fn uncut(&mut self, i: usize) {
        for iso in &mut self.isolations {
            iso.cut.retain(|&x| x != i);
        }
        if let Some(c) = self.extra_cut.get_mut(i) {
            *c = false;
        }
    }

    /// Cuts interaction `i` on its own.
    pub fn cut(&mut self, model: &Model, i: usize) {
        if self.extra_cut.len() < model.interactions.len() {
            self.extra_cut.resize(model.interactions.len(), false);
        }
        self.extra_cut[i] = true;
    }

    /// Rebuilds a component from clean media: up, not held, not encrypted.
    pub fn rebuild(&mut self, c: ComponentId) {
        self.compromised[c.index()] = false;
        self.down[c.index()] = false;
        self.encrypted[c.index()] = false;
        if let Some(r) = self.rebuilt.get_mut(c.index()) {
            *r = true;
        }
    }
}

/// A crown jewel the attacker reaches, and how.
#[derive(Clone, Debug)]
pub struct CrownJewelReach {
    /// The crown jewel.
    pub id: ComponentId,
    /// Best access on it.
    pub level: AccessLevel,
    /// A shortest path at that level (from a component the attacker holds).
    pub path: Option<AttackPath>,
}

/// Everything one situation means.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Components the attacker holds that run: where the attacker acts from.
    pub attackers: Vec<ComponentId>,
    /// Components the attacker held that are **not running** (switched off,
    /// encrypted, or hosted — `runs_on`/`hosts` — on something not running):
    /// "held, switched off — returns if restored unrebuilt". A held
    /// component that merely lost DNS, logons, storage or supply keeps
    /// running and stays among [`Evaluation::attackers`].
    pub held_switched_off: Vec<ComponentId>,
    /// External components the attacker held whose every link is cut: cut
    /// off (the attacker still holds them, they reach nothing), never
    /// "switched off".
    pub held_cut_off: Vec<ComponentId>,
    /// Which components are **not running**, with causes: the least fixpoint
    /// of the availability rule over `hosts` dependencies only (down, or
    /// hosted on something not running or over a cut `hosts` link). Only
    /// these leave the attacker's graph. `unavailable` here means "not
    /// running"; external components cut off are *not* marked here.
    pub running: Availability,
    /// Components reached (attackers excluded), by best level: index by
    /// [`AccessLevel::index`] (0 unused).
    pub reached: [Vec<ComponentId>; 5],
    /// Crown jewels reached (held ones included, at control).
    pub crown_jewels: Vec<CrownJewelReach>,
    /// Availability of every component, with causes.
    pub availability: Availability,
    /// Unavailable components (down, by cascade, or cut off), by id order.
    pub unavailable: Vec<ComponentId>,
    /// Interactions cut, indexed like `model.interactions`.
    pub cut: Vec<bool>,
    /// Running components with **no network**: a network supply of their own
    /// (a switch, by the supplier's catalog kind, `network_suppliers.tsv`)
    /// has no running provider over an uncut link, or they run on such a
    /// host. Their network interactions leave the attack graph.
    pub no_network: Vec<ComponentId>,
    /// The interactions the attacker cannot use: [`Evaluation::cut`] plus
    /// the network interactions of [`Evaluation::no_network`] components
    /// (all but `hosts`, `supplies`, `stores`) to anything outside their
    /// host's machine.
    pub attack_cut: Vec<bool>,
    /// Every service's state with its cause.
    pub statuses: Vec<ServiceStatus>,
    /// Every service, for reports (state, summary, cause in words).
    pub services: Vec<ServiceOutcome>,
    /// The care picture (criticality-weighted).
    pub care: CareImpact,
}

impl Evaluation {
    /// Number of interactions cut.
    pub fn cut_interactions(&self) -> usize {
        self.cut.iter().filter(|c| **c).count()
    }

    /// Best access level of the attacker on `c` (control for held, running components).
    pub fn level(&self, c: ComponentId) -> AccessLevel {
        if self.attackers.contains(&c) {
            return AccessLevel::Control;
        }
        for l in AccessLevel::HELD.iter().rev() {
            if self.reached[l.index()].binary_search(&c).is_ok() {
                return *l;
            }
        }
        AccessLevel::None
    }

    /// The highest access on any crown jewel.
    pub fn worst_crown_jewel_level(&self) -> AccessLevel {
        self.crown_jewels
            .iter()
            .map(|j| j.level)
            .max()
            .unwrap_or(AccessLevel::None)
    }
}

/// "switched off" or "encrypted", for explanations.
pub fn down_word(situation: &Situation, c: ComponentId) -> &'static str {
    if situation.encrypted.get(c.index()).copied().unwrap_or(false) {
        "encrypted"
    } else {
        "switched off"
    }
}

/// Evaluates a situation.
///
/// 1. Availability: the least fixpoint of `cordon_services::availability`
///    over the down components and the cut interactions (a cut link fails
///    what it carried).
/// 2. The attacker acts from the held components that run; components not
///    running (down, or by `hosts` cascade) and cut interactions leave the
///    attack graph, and so do the network interactions of components whose
///    only network supply (a switch) is off ([`crate::network`]) —
///    components merely unavailable (no DNS, logons, storage, power) stay
///    in it; breadth-first search of the product graph
///    gives the best level per component and a shortest path to each crown
///    jewel.
/// 3. Every service's state with its cause, and the criticality-weighted
///    care score.
///
/// Linear in components + interactions (plus the size of the `needs`
/// expressions); nothing is enumerated.
pub fn evaluate(model: &Model, situation: &Situation) -> Evaluation {
    let cut = situation.cut_mask(model);
    let availability = availability(model, &situation.down, &cut);
    let running = not_running(model, &situation.down, &cut);
    let stopped = &running.unavailable;
    // Components whose only network supply is off move no packet: their
    // network interactions leave the attack graph (crate::network).
    let island = crate::network::islands(model, stopped, &cut);
    let no_network: Vec<ComponentId> = model
        .component_ids()
        .filter(|c| island[c.index()].is_some() && !stopped[c.index()])
        .collect();
    let mut attack_cut = cut.clone();
    for i in crate::network::unreachable_interactions(model, &island) {
        attack_cut[i] = true;
    }
    let graph = AttackGraph::with_removed(model, &attack_cut, stopped);
    let mut attackers = Vec::new();
    let mut held_switched_off = Vec::new();
    let mut held_cut_off = Vec::new();
    for (i, held) in situation.compromised.iter().enumerate() {
        if *held {
            let c = ComponentId(i as u32);
            if stopped[i] {
                held_switched_off.push(c);
            } else if matches!(availability.cause[i], Some(Cause::CutOff)) {
                held_cut_off.push(c);
            } else {
                attackers.push(c);
            }
        }
    }
    let map = graph.access_from(&attackers);
    let mut reached: [Vec<ComponentId>; 5] = Default::default();
    for level in AccessLevel::HELD {
        reached[level.index()] = map.at_level(level);
    }
    let crown_jewels = model
        .crown_jewels()
        .into_iter()
        .filter(|&c| map.level(c) > AccessLevel::None)
        .map(|c| CrownJewelReach {
            id: c,
            level: map.level(c),
            path: map.path(&graph, c),
        })
        .collect();
    let statuses = service_statuses(model, &availability, &cut);
    let services = service_outcomes(model, &statuses, &availability, &|c| {
        down_word(situation, c)
    });
    let care = care_impact(model, &services);
    let unavailable = availability.unavailable_ids();
    Evaluation {
        no_network,
        attack_cut,
        attackers,
        held_switched_off,
        held_cut_off,
        running,
        reached,
        crown_jewels,
        availability,
        unavailable,
        cut,
        statuses,
        services,
        care,
    }
}

/// Which components are not running: the availability rule over `hosts`
/// dependencies only (docs/semantics.md, "Running and available"). A
/// component without DNS, logons, storage or supply is unavailable but
/// still runs — and an attacker on it still acts. External components cut
/// off are cut off, not stopped: they are cleared here.
pub fn not_running(model: &Model, down: &[bool], cut: &[bool]) -> Availability {
    let deps: Vec<_> = dependencies(model)
        .into_iter()
        .map(|list| {
            list.into_iter()
                .filter(|d| d.kind == InteractionKind::Hosts)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut a = cordon_services::availability::availability_with(model, &deps, down, cut);
    for i in 0..a.unavailable.len() {
        if matches!(a.cause[i], Some(Cause::CutOff)) {
            a.unavailable[i] = false;
            a.cause[i] = None;
        }
    }
    a.order.retain(|c| a.unavailable[c.index()]);
    a
}

/// Evaluates the estate with only `cut` interactions cut and `down`
/// components switched off (no attacker): what a plan costs in care.
pub fn evaluate_cut(model: &Model, cut: &[bool], down: &[bool]) -> Evaluation {
    let mut s = Situation::new(model);
    s.extra_cut = cut.to_vec();
    for (i, d) in down.iter().enumerate() {
        if *d && i < s.down.len() {
            s.down[i] = true;
        }
    }
    evaluate(model, &s)
}

/// The criticality-weighted care (share of normal, 0..=1) with `cut` links
/// cut and `down` components off: the care part of [`evaluate`] alone (no
/// attack search), for planners that probe many cuts.
pub fn care_only(model: &Model, cut: &[bool], down: &[bool]) -> f64 {
    let a = availability(model, down, cut);
    let statuses = service_statuses(model, &a, cut);
    let total: f64 = model
        .services
        .iter()
        .map(|s| crate::care::care_weight(s.criticality))
        .sum();
    if total <= 0.0 {
        return 1.0;
    }
    model
        .services
        .iter()
        .zip(&statuses)
        .map(|(s, st)| crate::care::care_weight(s.criticality) * st.state.capacity())
        .sum::<f64>()
        / total
}

/// Whether cutting interaction `i` can change care at all: it carries
/// availability, or it joins an external party (which services count only
/// over their links). Cutting any other link changes no service state.
pub fn can_cost_care(model: &Model, i: usize) -> bool {
    let e = &model.interactions[i];
    e.kind.carries_availability()
        || cordon_services::DATA_FLOW.contains(&e.kind)
        || model.is_external(e.from)
        || model.is_external(e.to)
}
