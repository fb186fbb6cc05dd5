//! Forbidden paths: which targets a set of sources reaches, when a target may
//! itself be one of the sources (`cordon check --deny 'zone:lan -> zone:lan'`).
//!
//! A target that is also a source is held from the start, so "the sources
//! reach it" is trivially true and says nothing. What a policy forbids is a
//! path to it from *another* source: target `t` is violated when some source
//! `s ≠ t` reaches `t` at the forbidden level or above. Dropping such targets
//! (what `check` once did) silently passed `all -> db1` while a path existed.
//!
//! One search per overlapping target would cost O(targets · edges). Instead,
//! one breadth-first search carries, per product state, up to **two distinct
//! source labels** (the sources it was reached from). At the fixpoint a state
//! holds two labels exactly when at least two sources reach it, and otherwise
//! the one source that does; so `t` is reached from a source other than `t`
//! iff one of its states holds a label other than `t`. Each state is expanded
//! at most twice: O(2 · 4 · (components + interactions)).

use std::collections::VecDeque;

use cordon_model::{AccessLevel, ComponentId};

use crate::graph::{AttackGraph, State};
use crate::search::AttackPath;

const NONE: u32 = u32::MAX;

/// A violated target of a deny rule, with one witness path from a source
/// other than the target itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForbiddenPath {
    /// The target reached.
    pub target: ComponentId,
    /// A path from a source (never `target` itself) reaching `target` at the
    /// best level any other source gets on it (≥ the rule's level).
    pub path: AttackPath,
}

/// Targets that some source other than themselves reaches at `level` or
/// above, in the order of `targets` (duplicates removed), each with a
/// witness path.
///
/// Sources are held at `control`. A target that is not a source gets the
/// shortest witness (as [`AttackGraph::access_from`]); a target that is also
/// a source gets a valid, not necessarily shortest, path from another source.
pub fn forbidden_paths(
    graph: &AttackGraph<'_>,
    sources: &[ComponentId],
    targets: &[ComponentId],
    level: AccessLevel,
) -> Vec<ForbiddenPath> {
    let level = level.max(AccessLevel::Reach);
    let n = graph.len();
    let mut is_source = vec![false; n];
    for s in sources {
        is_source[s.index()] = true;
    }
    let mut seen = vec![false; n];
    let targets: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|t| !std::mem::replace(&mut seen[t.index()], true))
        .collect();
    let map = graph.access_from(sources);
    let overlap = targets.iter().any(|t| is_source[t.index()]);
    let labels = overlap.then(|| TwoLabels::search(graph, sources));
    let mut out = Vec::new();
    for &t in &targets {
        let path = if is_source[t.index()] {
            labels
                .as_ref()
                .and_then(|l| l.path_from_other(graph, t, level))
        } else if map.level(t) >= level {
            map.path(graph, t)
        } else {
            None
        };
        if let Some(path) = path {
            out.push(ForbiddenPath { target: t, path });
        }
    }
    out
}

/// The two-label search (see the module documentation).
struct TwoLabels {
    /// Per state, up to two distinct sources reaching it (`NONE`: empty slot).
    label: Vec<[u32; 2]>,
    /// Per state and slot: previous state, interaction, previous slot
    /// (`NONE` state: the slot was seeded at a source).
    parent: Vec<[(u32, u32, u8); 2]>,
}

impl TwoLabels {
    fn search(graph: &AttackGraph<'_>, sources: &[ComponentId]) -> TwoLabels {
        let states = graph.len() * 4;
        let mut label = vec![[NONE; 2]; states];
        let mut parent = vec![[(NONE, NONE, 0u8); 2]; states];
        let mut queue: VecDeque<(u32, u8)> = VecDeque::new();
        for &s in sources {
            let st = State::new(s, AccessLevel::Control).0;
            if label[st as usize][0] == NONE {
                label[st as usize][0] = s.0;
                queue.push_back((st, 0));
            }
        }
        while let Some((u, slot)) = queue.pop_front() {
            let a = label[u as usize][slot as usize];
            for (v, e) in graph.successors(State(u)) {
                let l = &mut label[v.0 as usize];
                if l[0] == a || l[1] == a {
                    continue;
                }
                let free = if l[0] == NONE {
                    0
                } else if l[1] == NONE {
                    1
                } else {
                    continue;
                };
                l[free] = a;
                parent[v.0 as usize][free] = (u, e as u32, slot);
                queue.push_back((v.0, free as u8));
            }
        }
        TwoLabels { label, parent }
    }

    /// A path from a source other than `t` reaching `t` at the best such
    /// level, when that level is at least `level`.
    fn path_from_other(
        &self,
        graph: &AttackGraph<'_>,
        t: ComponentId,
        level: AccessLevel,
    ) -> Option<AttackPath> {
        let found = (level.index()..=AccessLevel::Control.index())
            .rev()
            .map(AccessLevel::from_index)
            .find_map(|l| {
                let st = State::new(t, l).0;
                let labels = self.label[st as usize];
                (0..2)
                    .find(|&k| labels[k] != NONE && labels[k] != t.0)
                    .map(|k| (st, k as u8))
            })?;
        let (mut cur, mut slot) = found;
        let mut states = vec![State(cur)];
        let mut edges = Vec::new();
        loop {
            let (p, e, ps) = self.parent[cur as usize][slot as usize];
            if p == NONE {
                break;
            }
            states.push(State(p));
            edges.push(e as usize);
            cur = p;
            slot = ps;
        }
        states.reverse();
        edges.reverse();
        Some(AttackPath::from_states(graph, &states, &edges))
    }
}
