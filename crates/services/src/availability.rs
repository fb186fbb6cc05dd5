//! Which components are available in a situation, and why the others are not.
//!
//! The rule (docs/semantics.md, "Availability"): a component is
//! **unavailable** when it is down (switched off, encrypted), or when one of
//! its *dependencies* has no available provider over an uncut link. The
//! dependencies of a component are its incoming interactions of a kind that
//! [carries availability](cordon_model::InteractionKind::carries_availability)
//! (`hosts`, `authenticates`, `stores`, `resolves`, `supplies`), grouped:
//!
//! - providers of one kind that declare the same `redundancy:` group form one
//!   dependency, met while **one** of them is available over an uncut link;
//! - every other provider is a dependency of its own: two providers of the
//!   same kind are *not* silently redundant.
//!
//! What a provider must be to meet a dependency depends on the kind
//! ([`passes_stop_only`]): over `hosts` and `supplies` a guest (a machine
//! on a switch or a power feed) shares only its provider's *machine*, so the
//! provider meets the dependency while it is not **stopped** — down, or
//! without its own host, supply (power, network) or storage
//! ([`stops_dependent`]). A hypervisor or a switch that lost DNS or logons is
//! unavailable itself but keeps carrying its guests. Over `authenticates`,
//! `stores` and `resolves` the provider must be available.
//!
//! A cut link fails what it carried (the dependency is not deleted). An
//! external component (the network of an external zone, a partner) whose
//! every link is cut is unavailable too ("cut off").
//!
//! The result is the least fixpoint, computed by counting live providers per
//! dependency and propagating failures with a work queue: linear in
//! components + interactions, no recursion, nothing enumerated.

use cordon_model::{ComponentId, InteractionKind, Model};

/// Whether a dependency of this kind is met by a provider that is merely
/// not **stopped** (its machine runs, powered, networked, with its storage),
/// rather than available: `hosts` and `supplies`. A guest shares its
/// hypervisor's machine, not the hypervisor's DNS or logons
/// (docs/semantics.md, "The availability table").
pub fn passes_stop_only(kind: InteractionKind) -> bool {
    matches!(kind, InteractionKind::Hosts | InteractionKind::Supplies)
}

/// Whether losing a dependency of this kind **stops** the dependent (and
/// so what it hosts or supplies): `hosts`, `supplies` (power, network) and
/// `stores` (its disks, its guests' datastore). Losing `authenticates` or
/// `resolves` makes a component unavailable but leaves its guests alone.
pub fn stops_dependent(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Hosts | InteractionKind::Supplies | InteractionKind::Stores
    )
}

/// Why a component is unavailable (or stopped). Interactions are indices
/// into `model.interactions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Switched off or encrypted (given as down).
    Down,
    /// Its only provider for one dependency is unavailable.
    Provider {
        /// The interaction provider → component.
        interaction: usize,
    },
    /// The link carrying one of its dependencies is cut.
    LinkCut {
        /// The cut interaction.
        interaction: usize,
    },
    /// Every provider of a declared redundancy group is lost (unavailable or
    /// its link cut).
    GroupLost {
        /// The dependency kind.
        kind: InteractionKind,
        /// The `redundancy:` group name.
        group: String,
        /// The interactions of the group (provider → component).
        interactions: Vec<usize>,
    },
    /// An external component whose every link is cut.
    CutOff,
}

/// One dependency of a component: the interactions (provider → component)
/// any one of which meets it.
#[derive(Clone, Debug)]
pub struct Dependency {
    /// The dependency kind.
    pub kind: InteractionKind,
    /// The redundancy group, when the providers declared one.
    pub group: Option<String>,
    /// Interactions provider → component.
    pub interactions: Vec<usize>,
}

/// The dependencies of every component (indexed by component): the static
/// part of the rule, shared by [`availability`] and the fault trees.
pub fn dependencies(model: &Model) -> Vec<Vec<Dependency>> {
    /// (kind, redundancy group, provider, interaction) of one incoming dependency.
    type Incoming<'a> = (InteractionKind, Option<&'a str>, ComponentId, usize);
    let mut by: Vec<Vec<Incoming<'_>>> = vec![Vec::new(); model.components.len()];
    for (i, e) in model.interactions.iter().enumerate() {
        if e.kind.carries_availability() && e.from != e.to {
            let group = model.component(e.from).redundancy.as_deref();
            by[e.to.index()].push((e.kind, group, e.from, i));
        }
    }
    by.into_iter()
        .map(|mut list| {
            // One dependency per (kind, group) for grouped providers, one per
            // provider otherwise.
            list.sort_unstable_by(|a, b| {
                (a.0, a.1, a.1.is_none().then_some(a.2)).cmp(&(
                    b.0,
                    b.1,
                    b.1.is_none().then_some(b.2),
                ))
            });
            let mut out: Vec<Dependency> = Vec::new();
            for (kind, group, _, i) in list {
                match out.last_mut() {
                    Some(d) if group.is_some() && d.kind == kind && d.group.as_deref() == group => {
                        d.interactions.push(i)
                    }
                    _ => out.push(Dependency {
                        kind,
                        group: group.map(str::to_string),
                        interactions: vec![i],
                    }),
                }
            }
            out
        })
        .collect()
}

/// Providers that look interchangeable but are not declared so: for one
/// component, two or more providers of the same dependency kind and the same
/// catalog kind with no shared `redundancy:` group. Each is then needed
/// (redundancy is never inferred); tools print these as a hint to declare a
/// group where they really stand in for each other. Returns (dependent,
/// kind, providers), at most `max` entries.
pub fn undeclared_redundancy(
    model: &Model,
    max: usize,
) -> Vec<(ComponentId, InteractionKind, Vec<ComponentId>)> {
    let mut out = Vec::new();
    for (c, deps) in dependencies(model).into_iter().enumerate() {
        let mut singles: Vec<(InteractionKind, &str, ComponentId)> = deps
            .iter()
            .filter(|d| d.group.is_none())
            .map(|d| {
                let p = model.interactions[d.interactions[0]].from;
                (d.kind, model.component(p).kind.id, p)
            })
            .collect();
        singles.sort_unstable();
        for chunk in singles.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            if chunk.len() > 1 {
                out.push((
                    ComponentId(c as u32),
                    chunk[0].0,
                    chunk.iter().map(|x| x.2).collect(),
                ));
                if out.len() >= max {
                    return out;
                }
            }
        }
    }
    out
}

/// Availability of every component in one situation.
#[derive(Clone, Debug)]
pub struct Availability {
    /// Unavailable, by component index.
    pub unavailable: Vec<bool>,
    /// Why, for unavailable components (None for available ones).
    pub cause: Vec<Option<Cause>>,
    /// Stopped, by component index: down, or lost a dependency that
    /// [stops](stops_dependent) it (host, supply, storage). What it hosts or
    /// supplies is lost with it. Every stopped component is unavailable.
    pub stopped: Vec<bool>,
    /// Why, for stopped components (None otherwise).
    pub stop_cause: Vec<Option<Cause>>,
    /// Components in the order they became unavailable (direct first).
    pub order: Vec<ComponentId>,
}

impl Availability {
    /// Whether a component is unavailable.
    pub fn is_unavailable(&self, c: ComponentId) -> bool {
        self.unavailable[c.index()]
    }

    /// Unavailable components, by index.
    pub fn unavailable_ids(&self) -> Vec<ComponentId> {
        (0..self.unavailable.len())
            .filter(|&i| self.unavailable[i])
            .map(|i| ComponentId(i as u32))
            .collect()
    }

    /// Whether the provider of interaction `i` (a dependency link) fails
    /// the dependency it serves: stopped for `hosts`/`supplies`
    /// ([`passes_stop_only`]), unavailable for the other kinds. The link
    /// being cut is not looked at.
    pub fn provider_lost(&self, model: &Model, i: usize) -> bool {
        let e = &model.interactions[i];
        if passes_stop_only(e.kind) {
            self.stopped[e.from.index()]
        } else {
            self.unavailable[e.from.index()]
        }
    }

    /// The chain of causes from `c` down to its root, iteratively: each
    /// element is a component and its cause; the last one is down, cut off
    /// or lost a link/group. Over a `hosts`/`supplies` link the chain
    /// continues with why the provider is *stopped* (not why it is
    /// unavailable). Empty when `c` is available. Bounded by twice the
    /// number of components (causes never loop: each was recorded before
    /// the component it explains).
    pub fn chain(&self, model: &Model, c: ComponentId) -> Vec<(ComponentId, &Cause)> {
        let mut out = Vec::new();
        let mut at = c;
        let mut stop = false;
        loop {
            let cause = if stop {
                self.stop_cause[at.index()].as_ref()
            } else {
                self.cause[at.index()].as_ref()
            };
            let Some(cause) = cause else { break };
            out.push((at, cause));
            match cause {
                Cause::Provider { interaction } if out.len() <= 2 * self.unavailable.len() => {
                    let e = &model.interactions[*interaction];
                    at = e.from;
                    stop = passes_stop_only(e.kind);
                }
                _ => break,
            }
        }
        out
    }
}

/// `down` and `cut` are indexed like `model.components` and
/// `model.interactions`; missing entries mean "up" / "not cut".
pub fn availability(model: &Model, down: &[bool], cut: &[bool]) -> Availability {
    let deps = dependencies(model);
    availability_with(model, &deps, down, cut)
}

/// [`availability`] with the dependencies computed once by the caller.
pub fn availability_with(
    model: &Model,
    deps: &[Vec<Dependency>],
    down: &[bool],
    cut: &[bool],
) -> Availability {
    let n = model.components.len();
    let is_cut = |i: usize| cut.get(i).copied().unwrap_or(false);
    // Dependency ids: (component, index in deps[component]) flattened.
    let mut first = vec![0usize; n + 1];
    for c in 0..n {
        first[c + 1] = first[c] + deps[c].len();
    }
    let mut live = vec![0usize; first[n]];
    // For each interaction carrying availability: the dependency it serves.
    let mut serves = vec![usize::MAX; model.interactions.len()];
    for c in 0..n {
        for (k, d) in deps[c].iter().enumerate() {
            let id = first[c] + k;
            for &i in &d.interactions {
                serves[i] = id;
                if !is_cut(i) {
                    live[id] += 1;
                }
            }
        }
    }
    let mut st = Fix {
        unavailable: vec![false; n],
        cause: vec![None; n],
        stopped: vec![false; n],
        stop_cause: vec![None; n],
        order: Vec::new(),
        queue: Vec::new(),
    };
    for c in 0..n {
        if down.get(c).copied().unwrap_or(false) {
            st.fail(c, Cause::Down, true);
        }
    }
    // External components cut off from everything (unavailable, not
    // stopped: they run, unreachable).
    let mut links = vec![(0usize, 0usize); n]; // (links, cut links)
    for (i, e) in model.interactions.iter().enumerate() {
        for end in [e.from.index(), e.to.index()] {
            links[end].0 += 1;
            if is_cut(i) {
                links[end].1 += 1;
            }
        }
    }
    for (c, &(all, cut_links)) in links.iter().enumerate() {
        if all > 0 && all == cut_links && model.is_external(ComponentId(c as u32)) {
            st.fail(c, Cause::CutOff, false);
        }
    }
    // Dependencies whose every link is cut.
    for c in 0..n {
        for (k, d) in deps[c].iter().enumerate() {
            if live[first[c] + k] == 0 {
                st.fail(c, lost(d, true), stops_dependent(d.kind));
            }
        }
    }
    // Propagate: each lost provider removes one live link from the
    // dependency it serves — an unavailable one from `authenticates`/
    // `stores`/`resolves`, a stopped one from `hosts`/`supplies` — and the
    // last one fails the dependent (and stops it when the kind stops).
    let mut head = 0;
    while head < st.queue.len() {
        let (c, stop_event) = st.queue[head];
        head += 1;
        let out = outgoing(model, ComponentId(c as u32));
        for i in out {
            let dep = serves[i];
            if dep == usize::MAX || is_cut(i) {
                continue;
            }
            if passes_stop_only(model.interactions[i].kind) != stop_event {
                continue;
            }
            live[dep] -= 1;
            if live[dep] == 0 {
                let to = model.interactions[i].to.index();
                let d = &deps[to][dep - first[to]];
                let why = if d.group.is_some() {
                    lost(d, false)
                } else {
                    Cause::Provider { interaction: i }
                };
                st.fail(to, why, stops_dependent(d.kind));
            }
        }
    }
    Availability {
        unavailable: st.unavailable,
        cause: st.cause,
        stopped: st.stopped,
        stop_cause: st.stop_cause,
        order: st.order,
    }
}

/// The state of the fixpoint: events (component, stopped?) on a queue.
struct Fix {
    unavailable: Vec<bool>,
    cause: Vec<Option<Cause>>,
    stopped: Vec<bool>,
    stop_cause: Vec<Option<Cause>>,
    order: Vec<ComponentId>,
    queue: Vec<(usize, bool)>,
}

impl Fix {
    /// `c` becomes unavailable for `why`, and stopped too when `stop`.
    fn fail(&mut self, c: usize, why: Cause, stop: bool) {
        if stop && !self.stopped[c] {
            self.stopped[c] = true;
            self.stop_cause[c] = Some(why.clone());
            self.queue.push((c, true));
        }
        if !self.unavailable[c] {
            self.unavailable[c] = true;
            self.cause[c] = Some(why);
            self.order.push(ComponentId(c as u32));
            self.queue.push((c, false));
        }
    }
}

fn lost(d: &Dependency, all_cut: bool) -> Cause {
    match (&d.group, all_cut && d.interactions.len() == 1) {
        (_, true) | (None, _) => Cause::LinkCut {
            interaction: d.interactions[0],
        },
        (Some(g), false) => Cause::GroupLost {
            kind: d.kind,
            group: g.clone(),
            interactions: d.interactions.clone(),
        },
    }
}

/// Interactions leaving `c` (the model keeps them sorted by `from`).
pub(crate) fn outgoing(model: &Model, c: ComponentId) -> std::ops::Range<usize> {
    let lo = model.interactions.partition_point(|e| e.from < c);
    let hi = model.interactions.partition_point(|e| e.from <= c);
    lo..hi
}

/// "hosted by", "authenticated by"… for a dependency kind.
pub fn dependency_phrase(kind: InteractionKind) -> &'static str {
    match kind {
        InteractionKind::Hosts => "hosted by",
        InteractionKind::Authenticates => "authenticated by",
        InteractionKind::Stores => "stored on",
        InteractionKind::Resolves => "resolved by",
        InteractionKind::Supplies => "supplied by",
        _ => "depends on",
    }
}

/// Why `c` is unavailable, in one line: "ad — hosted by esx1, which is
/// switched off". `down_word` names a directly down component's state
/// ("switched off", "encrypted").
pub fn explain(
    model: &Model,
    a: &Availability,
    c: ComponentId,
    down_word: &dyn Fn(ComponentId) -> &'static str,
) -> String {
    explain_named(model, a, c, down_word, &|x| model.component(x).id.clone())
}

/// [`explain`], naming each component by `name` (a readable name such as
/// an imported object's `ALICE@CORP.LOCAL` instead of its SID).
pub fn explain_named(
    model: &Model,
    a: &Availability,
    c: ComponentId,
    down_word: &dyn Fn(ComponentId) -> &'static str,
    name: &dyn Fn(ComponentId) -> String,
) -> String {
    let chain = a.chain(model, c);
    let mut s = name(c);
    for (n, (at, cause)) in chain.iter().enumerate() {
        let lead = if n == 0 { " — " } else { ", which is " };
        match cause {
            Cause::Down => {
                if n == 0 {
                    s.push_str(&format!(" — {}", down_word(*at)));
                } else {
                    s.push_str(&format!(", which is {}", down_word(*at)));
                }
            }
            Cause::CutOff => s.push_str(&format!("{lead}cut off (every link to it is cut)")),
            Cause::Provider { interaction } => {
                let e = &model.interactions[*interaction];
                if n == 0 {
                    s.push_str(&format!(
                        " — {} {}",
                        dependency_phrase(e.kind),
                        name(e.from)
                    ));
                } else {
                    s.push_str(&format!(
                        ", which is {} {}",
                        dependency_phrase(e.kind),
                        name(e.from)
                    ));
                }
            }
            Cause::LinkCut { interaction } => {
                let e = &model.interactions[*interaction];
                s.push_str(&format!(
                    "{}{} → {} ({}) is cut",
                    if n == 0 {
                        " — the link "
                    } else {
                        ", whose link "
                    },
                    name(e.from),
                    name(e.to),
                    e.kind
                ));
            }
            Cause::GroupLost {
                kind,
                group,
                interactions,
            } => {
                let lostp: Vec<String> = interactions
                    .iter()
                    .map(|&i| {
                        let e = &model.interactions[i];
                        let how = if !a.provider_lost(model, i) {
                            "link cut"
                        } else if passes_stop_only(e.kind) {
                            "stopped"
                        } else {
                            "unavailable"
                        };
                        format!("{} ({how})", name(e.from))
                    })
                    .collect();
                if n == 0 {
                    s.push_str(&format!(
                        " — every provider of redundancy group `{group}` ({kind}) is lost: {}",
                        lostp.join(", ")
                    ));
                } else {
                    s.push_str(&format!(
                        ", which lost every provider of redundancy group `{group}` ({kind}): {}",
                        lostp.join(", ")
                    ));
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(y: &str) -> Model {
        Model::from_yaml(y, "t.yaml").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_cut_link_fails_what_it_carried() {
        let m = model(
            "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: san, kind: storage, zone: z }\n  - { id: ehr, kind: ehr, zone: z }\ninteractions:\n  - { from: san, to: ehr, kind: stores }\n",
        );
        let cut = vec![true];
        let a = availability(&m, &[], &cut);
        let ehr = m.component_id("ehr").unwrap();
        assert!(a.is_unavailable(ehr));
        assert_eq!(
            a.cause[ehr.index()],
            Some(Cause::LinkCut { interaction: 0 })
        );
        let text = explain(&m, &a, ehr, &|_| "switched off");
        assert_eq!(text, "ehr — the link san → ehr (stores) is cut");
    }

    #[test]
    fn providers_are_redundant_only_when_declared() {
        let base = "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: dc1, kind: active-directory, zone: z REDUND }\n  - { id: dc2, kind: active-directory, zone: z REDUND }\n  - { id: app, kind: erp, zone: z }\ninteractions:\n  - { from: dc1, to: app, kind: authenticates }\n  - { from: dc2, to: app, kind: authenticates }\n";
        let plain = model(&base.replace(" REDUND", ""));
        let grouped = model(&base.replace(" REDUND", ", redundancy: dcs"));
        for (m, app_down) in [(&plain, true), (&grouped, false)] {
            let dc1 = m.component_id("dc1").unwrap();
            let app = m.component_id("app").unwrap();
            let mut down = vec![false; m.components.len()];
            down[dc1.index()] = true;
            assert_eq!(availability(m, &down, &[]).is_unavailable(app), app_down);
        }
        assert_eq!(undeclared_redundancy(&plain, 10).len(), 1);
        assert!(undeclared_redundancy(&grouped, 10).is_empty());
        let mut down = vec![true; grouped.components.len()];
        let app = grouped.component_id("app").unwrap();
        down[app.index()] = false;
        let a = availability(&grouped, &down, &[]);
        assert!(matches!(
            a.cause[app.index()],
            Some(Cause::GroupLost { .. })
        ));
    }

    #[test]
    fn cascades_follow_chains_and_cycles_add_nothing() {
        let m = model(
            "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: esx, kind: virtualization-platform, zone: z }\n  - { id: ad, kind: active-directory, zone: z, runs_on: esx }\n  - { id: app, kind: erp, zone: z }\n  - { id: a, kind: dns, zone: z }\n  - { id: b, kind: dns, zone: z }\ninteractions:\n  - { from: ad, to: app, kind: authenticates }\n  - { from: a, to: b, kind: resolves }\n  - { from: b, to: a, kind: resolves }\n",
        );
        let esx = m.component_id("esx").unwrap();
        let mut down = vec![false; m.components.len()];
        down[esx.index()] = true;
        let a = availability(&m, &down, &[]);
        let app = m.component_id("app").unwrap();
        assert_eq!(
            explain(&m, &a, app, &|_| "switched off"),
            "app — authenticated by ad, which is hosted by esx, which is switched off"
        );
        assert!(!a.is_unavailable(m.component_id("a").unwrap()));
    }
}
