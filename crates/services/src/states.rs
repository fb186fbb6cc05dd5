//! The state of every service in one situation, with its cause.
//!
//! Evaluation is iterative (no recursion over the depth of a `needs`
//! expression or over chains of services): each expression is flattened in
//! pre-order and evaluated children-first; services are evaluated in a
//! topological order of their `needs` on each other.

use cordon_model::{ComponentId, InteractionKind, Model, Need, ServiceId};
use serde::Serialize;
use std::collections::HashMap;

use crate::availability::{Availability, availability, dependencies};

/// How a service fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum ServiceState {
    /// Everything it needs is available.
    Up,
    /// It is down but its manual fallback runs.
    Degraded {
        /// The fallback ("phone booking").
        fallback: String,
        /// Share of normal capacity.
        capacity: f64,
    },
    /// Down, with no fallback.
    Down,
}

impl ServiceState {
    /// Share of normal capacity delivered: 1, the fallback's, or 0.
    pub fn capacity(&self) -> f64 {
        match self {
            ServiceState::Up => 1.0,
            ServiceState::Degraded { capacity, .. } => *capacity,
            ServiceState::Down => 0.0,
        }
    }
}

/// Why a service is not up: one unmet need.
#[derive(Clone, Debug, PartialEq)]
pub enum Blame {
    /// A component it needs is unavailable (see [`Availability::cause`]).
    Component(ComponentId),
    /// An external party it needs is available, but every link that joins
    /// the party to the service's components in the direction that feeds the
    /// service is cut (interactions listed).
    ExternalLinks {
        /// The external component.
        party: ComponentId,
        /// The cut links.
        links: Vec<usize>,
    },
    /// Another service it needs is not up.
    Service(ServiceId),
    /// A component it needs is running, but in one of its roles every
    /// data-flow link ([`DATA_FLOW`]) is cut: all links into it from the
    /// service's other needed components and needed external parties (those
    /// it serves), or all links out of it to them (what it uses). The
    /// service cannot use it (the cut links of the lost role listed).
    FlowLinks {
        /// The component cut away from the service.
        component: ComponentId,
        /// The cut links.
        links: Vec<usize>,
    },
}

/// The interaction kinds that carry a service's data between the components
/// it needs (docs/semantics.md, "Availability"): a component the service
/// needs counts for it only while, in each role it has, one such link is
/// uncut — one link into it from the service's other needed components or
/// needed external parties (the users it serves), when it has any, and one
/// link out of it to them (what it uses), when it has any. Administrative power (`controls`,
/// `credentials`, `backs-up`) is not a flow the service needs, and the
/// availability kinds (`hosts`, `stores`, `authenticates`, `resolves`,
/// `supplies`) are followed by [`crate::availability`] already.
pub const DATA_FLOW: [InteractionKind; 4] = [
    InteractionKind::Reads,
    InteractionKind::Writes,
    InteractionKind::Sends,
    InteractionKind::Connects,
];

/// What keeps a service up although part of what it could use is lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// Where the choice is: `any(pacs, ct-scanner)`, or "redundancy group
    /// `dcs` (authenticates) of ehr-app-1, ehr-app-2" (every needed component
    /// that carries the service and depends on the group with this outcome).
    /// Only choices on what carries the service are listed: the operands of
    /// an `any`/`atleast` whose every enclosing expression holds, and the
    /// redundancy groups of needed components that are themselves up.
    pub at: String,
    /// What still holds (component or service ids, or `all(…)` for nested
    /// expressions).
    pub kept: Vec<String>,
    /// What is lost.
    pub lost: Vec<String>,
}

/// A service's state and why.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceStatus {
    /// Up, degraded or down.
    pub state: ServiceState,
    /// Unmet needs, when it is not up (empty when up).
    pub blame: Vec<Blame>,
    /// Alternatives in use: `any`/`atleast` operands and redundancy groups
    /// that keep it up while some of their members are lost.
    pub alternatives: Vec<Alternative>,
}

/// Which components are unavailable when `down` have stopped (no link cut):
/// the least fixpoint of [`crate::availability`]. Indexed by component.
pub fn unavailable_components(model: &Model, down: &[ComponentId]) -> Vec<bool> {
    availability(model, &mask(model, down), &[]).unavailable
}

fn mask(model: &Model, down: &[ComponentId]) -> Vec<bool> {
    let mut m = vec![false; model.components.len()];
    for d in down {
        m[d.index()] = true;
    }
    m
}

/// The state of every service (indexed by [`ServiceId`]) when `down` have
/// stopped and nothing is cut. A service that needs another service needs it
/// *up*: a degraded dependency runs on paper, which does not carry the
/// dependent service.
pub fn service_states(model: &Model, down: &[ComponentId]) -> Vec<ServiceState> {
    let a = availability(model, &mask(model, down), &[]);
    service_statuses(model, &a, &[])
        .into_iter()
        .map(|s| s.state)
        .collect()
}

/// Links of external components: (feeding in: party → x, out: x → party),
/// by party.
type PartyLinks = HashMap<u32, (Vec<usize>, Vec<usize>)>;

fn party_links(model: &Model) -> PartyLinks {
    let mut out: PartyLinks = HashMap::new();
    for (i, e) in model.interactions.iter().enumerate() {
        if model.is_external(e.from) {
            out.entry(e.from.0).or_default().0.push(i);
        }
        if model.is_external(e.to) {
            out.entry(e.to.0).or_default().1.push(i);
        }
    }
    out
}

/// Services in an order where every service comes after the services it
/// needs (Kahn's algorithm). Services on a cycle (the model rejects them)
/// come last.
pub(crate) fn service_order(model: &Model) -> Vec<usize> {
    let n = model.services.len();
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (s, svc) in model.services.iter().enumerate() {
        let mut stack = vec![&svc.needs];
        while let Some(need) = stack.pop() {
            match need {
                Need::Service(d) => {
                    uses[d.0 as usize].push(s);
                    indegree[s] += 1;
                }
                Need::Component(_) => {}
                Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => stack.extend(v.iter()),
            }
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&s| indegree[s] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let s = order[head];
        head += 1;
        for &t in &uses[s] {
            indegree[t] -= 1;
            if indegree[t] == 0 {
                order.push(t);
            }
        }
    }
    let mut placed = vec![false; n];
    order.iter().for_each(|&s| placed[s] = true);
    order.extend((0..n).filter(|&s| !placed[s]));
    order
}

/// A short label for an operand: its id, or `all(…)`.
fn label(model: &Model, need: &Need) -> String {
    match need {
        Need::Component(c) => model.component(*c).id.clone(),
        Need::Service(s) => model.services[s.0 as usize].id.clone(),
        Need::All(_) => "all(…)".into(),
        Need::Any(_) => "any(…)".into(),
        Need::AtLeast(k, _) => format!("atleast({k}, …)"),
    }
}

fn operator(model: &Model, need: &Need) -> String {
    let list = |v: &[Need]| {
        v.iter()
            .map(|n| label(model, n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match need {
        Need::Any(v) => format!("any({})", list(v)),
        Need::AtLeast(k, v) => format!("atleast({k}, {})", list(v)),
        Need::All(v) => format!("all({})", list(v)),
        other => label(model, other),
    }
}

/// Every service's state in a situation, with the cause: `avail` is the
/// availability of the components ([`crate::availability`]) and `cut` the
/// cut interactions (indexed like `model.interactions`; missing: not cut).
///
/// An external component a service needs (the internet, GP practices, the
/// 112 centre) counts for that service only while a link joins it to the
/// service's components in the direction that feeds the service: one of the
/// links party → component of the service must be uncut; when there is
/// none, one of the links component → party; when neither exists, the party
/// counts while it is available (not cut off entirely).
pub fn service_statuses(model: &Model, avail: &Availability, cut: &[bool]) -> Vec<ServiceStatus> {
    let is_cut = |i: usize| cut.get(i).copied().unwrap_or(false);
    let parties = party_links(model);
    let deps = dependencies(model);
    // Data-flow links of every component (either end).
    let mut flows: Vec<Vec<usize>> = vec![Vec::new(); model.components.len()];
    for (i, e) in model.interactions.iter().enumerate() {
        if DATA_FLOW.contains(&e.kind) && e.from != e.to {
            flows[e.from.index()].push(i);
            flows[e.to.index()].push(i);
        }
    }
    let mut out: Vec<Option<ServiceStatus>> = vec![None; model.services.len()];
    for s in service_order(model) {
        let svc = &model.services[s];
        // Flatten in pre-order: (need, parent).
        let mut nodes: Vec<(&Need, usize)> = Vec::new();
        let mut stack: Vec<(&Need, usize)> = vec![(&svc.needs, usize::MAX)];
        while let Some((need, parent)) = stack.pop() {
            let me = nodes.len();
            nodes.push((need, parent));
            if let Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) = need {
                for child in v.iter().rev() {
                    stack.push((child, me));
                }
            }
        }
        let mut leaves: Vec<ComponentId> = nodes
            .iter()
            .filter_map(|(n, _)| match n {
                Need::Component(c) if !model.is_external(*c) => Some(*c),
                _ => None,
            })
            .collect();
        leaves.sort_unstable();
        leaves.dedup();
        // Every component the service names, external parties included.
        let mut peers: Vec<ComponentId> = nodes
            .iter()
            .filter_map(|(n, _)| match n {
                Need::Component(c) => Some(*c),
                _ => None,
            })
            .collect();
        peers.sort_unstable();
        peers.dedup();
        // The links of each needed party that feed the service (party →
        // component), or when there are none the links back to it: only
        // these count in a component's roles, as in the party's own rule.
        let mut party_use: Vec<usize> = Vec::new();
        for p in peers.iter().filter(|p| model.is_external(**p)) {
            let Some((feed, back)) = parties.get(&p.0) else {
                continue;
            };
            let pick = |list: &Vec<usize>, inward: bool| -> Vec<usize> {
                list.iter()
                    .copied()
                    .filter(|&i| {
                        let e = &model.interactions[i];
                        leaves
                            .binary_search(if inward { &e.to } else { &e.from })
                            .is_ok()
                    })
                    .collect()
            };
            let f = pick(feed, true);
            party_use.extend(if f.is_empty() { pick(back, false) } else { f });
        }
        party_use.sort_unstable();
        // Leaf values and blames.
        let leaf = |need: &Need| -> (bool, Option<Blame>) {
            match need {
                Need::Component(c) if avail.is_unavailable(*c) => {
                    (false, Some(Blame::Component(*c)))
                }
                Need::Component(c) if model.is_external(*c) => {
                    let Some((feed, back)) = parties.get(&c.0) else {
                        return (true, None);
                    };
                    let touches = |list: &Vec<usize>, inward: bool| -> Vec<usize> {
                        list.iter()
                            .copied()
                            .filter(|&i| {
                                let e = &model.interactions[i];
                                let other = if inward { e.to } else { e.from };
                                leaves.binary_search(&other).is_ok()
                            })
                            .collect()
                    };
                    let mut links = touches(feed, true);
                    if links.is_empty() {
                        links = touches(back, false);
                    }
                    if links.is_empty() || links.iter().any(|&i| !is_cut(i)) {
                        (true, None)
                    } else {
                        (false, Some(Blame::ExternalLinks { party: *c, links }))
                    }
                }
                Need::Component(c) => {
                    // Its data-flow links to the service's other needed
                    // components and needed external parties, by role:
                    // links into it (from those it serves) and links out of
                    // it (to what it uses). Each role it has must keep one
                    // uncut link (docs/semantics.md, "Availability").
                    let mut into = Vec::new();
                    let mut out_of = Vec::new();
                    for &i in &flows[c.index()] {
                        let e = &model.interactions[i];
                        let (other, inward) = if e.from == *c {
                            (e.to, false)
                        } else {
                            (e.from, true)
                        };
                        let with_party = model.is_external(other);
                        if other != *c
                            && peers.binary_search(&other).is_ok()
                            && (!with_party || party_use.binary_search(&i).is_ok())
                        {
                            if inward {
                                into.push(i);
                            } else {
                                out_of.push(i);
                            }
                        }
                    }
                    let lost = |l: &Vec<usize>| !l.is_empty() && l.iter().all(|&i| is_cut(i));
                    let mut links = Vec::new();
                    if lost(&into) {
                        links.extend(into.iter().copied());
                    }
                    if lost(&out_of) {
                        links.extend(out_of.iter().copied());
                    }
                    if links.is_empty() {
                        (true, None)
                    } else {
                        (
                            false,
                            Some(Blame::FlowLinks {
                                component: *c,
                                links,
                            }),
                        )
                    }
                }
                Need::Service(d) => {
                    let up = out[d.0 as usize]
                        .as_ref()
                        .is_some_and(|st| st.state == ServiceState::Up);
                    (up, (!up).then_some(Blame::Service(*d)))
                }
                _ => (true, None),
            }
        };
        let mut value = vec![false; nodes.len()];
        let mut blame_of: Vec<Option<Blame>> = vec![None; nodes.len()];
        let mut counts = vec![(0usize, 0usize); nodes.len()]; // (true, total)
        for i in (0..nodes.len()).rev() {
            let (need, parent) = nodes[i];
            value[i] = match need {
                Need::All(_) => counts[i].0 == counts[i].1,
                Need::Any(_) => counts[i].0 >= 1,
                Need::AtLeast(k, _) => counts[i].0 >= *k,
                _ => {
                    let (v, b) = leaf(need);
                    blame_of[i] = b;
                    v
                }
            };
            if parent != usize::MAX {
                counts[parent].1 += 1;
                if value[i] {
                    counts[parent].0 += 1;
                }
            }
        }
        let up = value.first().copied().unwrap_or(true);
        // Blame: failed leaves under failed nodes from the root; alternatives:
        // any/atleast nodes that hold with some operand lost.
        let mut blamed = vec![false; nodes.len()];
        let mut blame = Vec::new();
        let mut alternatives = Vec::new();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (i, (_, p)) in nodes.iter().enumerate() {
            if *p != usize::MAX {
                children[*p].push(i);
            }
        }
        // A node carries the service when it holds and so does every node
        // above it (pre-order: a parent comes before its children). Only
        // what a carrying node chose is what keeps the service up: an
        // alternative under a lost or unneeded branch keeps nothing up.
        let mut carried = vec![false; nodes.len()];
        for i in 0..nodes.len() {
            let (need, parent) = nodes[i];
            carried[i] = value[i] && (parent == usize::MAX || carried[parent]);
            blamed[i] = !value[i] && (parent == usize::MAX || blamed[parent]);
            if blamed[i]
                && let Some(b) = &blame_of[i]
                && !blame.contains(b)
            {
                blame.push(b.clone());
            }
            if carried[i]
                && matches!(need, Need::Any(_) | Need::AtLeast(..))
                && children[i].iter().any(|&c| !value[c])
            {
                alternatives.push(Alternative {
                    at: operator(model, need),
                    kept: children[i]
                        .iter()
                        .filter(|&&c| value[c])
                        .map(|&c| label(model, nodes[c].0))
                        .collect(),
                    lost: children[i]
                        .iter()
                        .filter(|&&c| !value[c])
                        .map(|&c| label(model, nodes[c].0))
                        .collect(),
                });
            }
        }
        // A front end cut from a party the service needs is already said by
        // the party's own blame: do not say the same links twice.
        let said: Vec<usize> = blame
            .iter()
            .filter_map(|b| match b {
                Blame::ExternalLinks { links, .. } => Some(links.iter().copied()),
                _ => None,
            })
            .flatten()
            .collect();
        blame.retain(|b| match b {
            Blame::FlowLinks { links, .. } => !links.iter().all(|i| said.contains(i)),
            _ => true,
        });
        // Redundancy groups holding with members lost, on the needed
        // components that carry the service (a lost front end's DNS group
        // keeps nothing up). One line per group and outcome: the dependents
        // that share it are listed together ("of ehr-app-1, ehr-app-2").
        let mut carriers: Vec<ComponentId> = nodes
            .iter()
            .enumerate()
            .filter_map(|(i, (n, _))| match n {
                Need::Component(c) if carried[i] && !model.is_external(*c) => Some(*c),
                _ => None,
            })
            .collect();
        carriers.sort_unstable();
        carriers.dedup();
        // (group, kind, kept, lost) → dependents, in first-seen order.
        type GroupLine<'a> = (&'a str, String, Vec<String>, Vec<String>, Vec<String>);
        let mut groups: Vec<GroupLine> = Vec::new();
        for &c in &carriers {
            for d in &deps[c.index()] {
                let Some(group) = &d.group else { continue };
                let ok = |i: usize| !is_cut(i) && !avail.provider_lost(model, i);
                if d.interactions.iter().all(|&i| ok(i)) {
                    continue;
                }
                let names = |keep: bool| {
                    d.interactions
                        .iter()
                        .filter(|&&i| ok(i) == keep)
                        .map(|&i| model.component(model.interactions[i].from).id.clone())
                        .collect::<Vec<_>>()
                };
                let (kept, lost, kind) = (names(true), names(false), d.kind.to_string());
                let of = model.component(c).id.clone();
                match groups
                    .iter_mut()
                    .find(|g| g.0 == group.as_str() && g.1 == kind && g.2 == kept && g.3 == lost)
                {
                    Some(g) => g.4.push(of),
                    None => groups.push((group, kind, kept, lost, vec![of])),
                }
            }
        }
        for (group, kind, kept, lost, of) in groups {
            alternatives.push(Alternative {
                at: format!("redundancy group `{group}` ({kind}) of {}", of.join(", ")),
                kept,
                lost,
            });
        }
        let state = match (up, &svc.fallback) {
            (true, _) => ServiceState::Up,
            (false, Some(f)) => ServiceState::Degraded {
                fallback: f.name.clone(),
                capacity: f.capacity,
            },
            (false, None) => ServiceState::Down,
        };
        out[s] = Some(ServiceStatus {
            state,
            blame: if up { Vec::new() } else { blame },
            alternatives,
        });
    }
    out.into_iter()
        .map(|s| {
            s.unwrap_or(ServiceStatus {
                state: ServiceState::Down,
                blame: Vec::new(),
                alternatives: Vec::new(),
            })
        })
        .collect()
}

/// One line per unmet need: "ehr — hosted by esx-core, which is switched
/// off", "the link cs112 → dispatch (sends) is cut", "needs service lab,
/// which is not up".
pub fn blame_text(
    model: &Model,
    avail: &Availability,
    b: &Blame,
    down_word: &dyn Fn(ComponentId) -> &'static str,
) -> String {
    match b {
        Blame::Component(c) => crate::availability::explain(model, avail, *c, down_word),
        Blame::ExternalLinks {
            party: component,
            links,
        }
        | Blame::FlowLinks { component, links } => {
            let l: Vec<String> = links
                .iter()
                .map(|&i| {
                    let e = &model.interactions[i];
                    format!(
                        "{} → {} ({})",
                        model.component(e.from).id,
                        model.component(e.to).id,
                        e.kind
                    )
                })
                .collect();
            format!(
                "{} — the link{} {} {} cut",
                model.component(*component).id,
                if l.len() == 1 { "" } else { "s" },
                l.join(", "),
                if l.len() == 1 { "is" } else { "are" }
            )
        }
        Blame::Service(s) => format!(
            "needs service {}, which is not up",
            model.services[s.0 as usize].id
        ),
    }
}
