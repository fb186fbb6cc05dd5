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
//! A cut link fails what it carried (the dependency is not deleted). An
//! external component (the network of an external zone, a partner) whose
//! every link is cut is unavailable too ("cut off").
//!
//! The result is the least fixpoint, computed by counting live providers per
//! dependency and propagating failures with a work queue: linear in
//! components + interactions, no recursion, nothing enumerated.

use cordon_model::{ComponentId, InteractionKind, Model};

/// Why a component is unavailable. Interactions are indices into
/// `model.interactions`.
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

    /// The chain of causes from `c` down to its root, iteratively: each
    /// element is a component and its cause; the last one is down, cut off
    /// or lost a link/group. Empty when `c` is available. Bounded by the
    /// number of components (causes never loop: each was recorded before
    /// the component it explains).
    pub fn chain(&self, model: &Model, c: ComponentId) -> Vec<(ComponentId, &Cause)> {
        let mut out = Vec::new();
        let mut at = c;
        while let Some(cause) = self.cause[at.index()].as_ref() {
            out.push((at, cause));
            match cause {
                Cause::Provider { interaction } if out.len() <= self.unavailable.len() => {
                    at = model.interactions[*interaction].from;
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
    let mut unavailable = vec![false; n];
    let mut cause: Vec<Option<Cause>> = vec![None; n];
    let mut order = Vec::new();
    let mut queue: Vec<usize> = Vec::new();
    let mut fail = |c: usize, why: Cause, unavailable: &mut Vec<bool>, queue: &mut Vec<usize>| {
        if !unavailable[c] {
            unavailable[c] = true;
            cause[c] = Some(why);
            order.push(ComponentId(c as u32));
            queue.push(c);
        }
    };
    for c in 0..n {
        if down.get(c).copied().unwrap_or(false) {
            fail(c, Cause::Down, &mut unavailable, &mut queue);
        }
    }
    // External components cut off from everything.
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
            fail(c, Cause::CutOff, &mut unavailable, &mut queue);
        }
    }
    // Dependencies whose every link is cut.
    for c in 0..n {
        for (k, d) in deps[c].iter().enumerate() {
            if live[first[c] + k] == 0 {
                fail(c, lost(d, true), &mut unavailable, &mut queue);
            }
        }
    }
    // Propagate: each unavailable provider removes one live link from the
    // dependency it serves; the last one fails the dependent.
    let mut head = 0;
    while head < queue.len() {
        let c = queue[head];
        head += 1;
        let out = outgoing(model, ComponentId(c as u32));
        for i in out {
            let dep = serves[i];
            if dep == usize::MAX || is_cut(i) {
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
                fail(to, why, &mut unavailable, &mut queue);
            }
        }
    }
    Availability {
        unavailable,
        cause,
        order,
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
                    "{}the link {} → {} ({}) is cut",
                    if n == 0 { " — " } else { ", whose " },
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
                        let how = if a.unavailable[e.from.index()] {
                            "unavailable"
                        } else {
                            "link cut"
                        };
                        format!("{} ({how})", name(e.from))
                    })
                    .collect();
                s.push_str(&format!(
                    "{}every provider of redundancy group `{group}` ({kind}) is lost: {}",
                    if n == 0 { " — " } else { ", which lost " },
                    lostp.join(", ")
                ));
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
