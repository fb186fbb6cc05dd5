//! The k best attack paths to a target: Yen's algorithm over the product
//! graph, shortest (fewest hops) first, each path simple in components.

use std::collections::{BTreeSet, HashSet, VecDeque};

use cordon_model::{AccessLevel, ComponentId};

use crate::graph::{AttackGraph, State};
use crate::search::AttackPath;

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct RawPath {
    states: Vec<State>,
    edges: Vec<usize>,
}

/// Reusable BFS buffers: a generation stamp avoids clearing 4·n entries per search.
struct Scratch {
    stamp: Vec<u32>,
    parent: Vec<(u32, u32)>,
    generation: u32,
}

impl Scratch {
    fn new(states: usize) -> Self {
        Scratch {
            stamp: vec![0; states],
            parent: vec![(0, 0); states],
            generation: 0,
        }
    }
}

impl AttackGraph<'_> {
    /// The `k` best paths from any of `sources` (held at `control`) to
    /// `target`, reaching it at the best level achievable, fewest hops first.
    /// Empty when the target is out of reach.
    pub fn k_best_paths(
        &self,
        sources: &[ComponentId],
        target: ComponentId,
        k: usize,
    ) -> Vec<AttackPath> {
        if k == 0 {
            return Vec::new();
        }
        let best = self.access_from(sources).level(target);
        if best == AccessLevel::None {
            return Vec::new();
        }
        let goal = State::new(target, best);
        let starts: Vec<State> = sources
            .iter()
            .map(|&s| State::new(s, AccessLevel::Control))
            .collect();
        let mut scratch = Scratch::new(self.len() * 4);
        let (no_components, no_edges) = (HashSet::new(), HashSet::new());
        let Some(first) = self.bfs(&mut scratch, &starts, goal, &no_components, &no_edges, None)
        else {
            return Vec::new();
        };
        let mut found: Vec<RawPath> = vec![first];
        let mut candidates: BTreeSet<(usize, RawPath)> = BTreeSet::new();
        let mut seen: HashSet<RawPath> = found.iter().cloned().collect();
        while found.len() < k {
            let prev = found.last().expect("one path").clone();
            // Spur from the virtual root: start somewhere no found path started.
            if starts.len() > 1 {
                let used: HashSet<State> = found.iter().map(|p| p.states[0]).collect();
                let other: Vec<State> = starts
                    .iter()
                    .copied()
                    .filter(|s| !used.contains(s))
                    .collect();
                if !other.is_empty()
                    && let Some(p) =
                        self.bfs(&mut scratch, &other, goal, &no_components, &no_edges, None)
                    && seen.insert(p.clone())
                {
                    candidates.insert((p.edges.len(), p));
                }
            }
            for j in 0..prev.edges.len() {
                let root_states = &prev.states[..=j];
                let root_edges = &prev.edges[..j];
                let spur = prev.states[j];
                let banned_edges: HashSet<usize> = found
                    .iter()
                    .filter(|p| {
                        p.states.len() > j + 1
                            && &p.states[..=j] == root_states
                            && &p.edges[..j] == root_edges
                    })
                    .map(|p| p.edges[j])
                    .collect();
                let banned_components: HashSet<u32> =
                    root_states[..j].iter().map(|s| s.component().0).collect();
                if let Some(spur_path) = self.bfs(
                    &mut scratch,
                    &[spur],
                    goal,
                    &banned_components,
                    &banned_edges,
                    Some(spur.component().0),
                ) {
                    let mut states = root_states[..j].to_vec();
                    states.extend(spur_path.states);
                    let mut edges = root_edges.to_vec();
                    edges.extend(spur_path.edges);
                    let p = RawPath { states, edges };
                    if seen.insert(p.clone()) {
                        candidates.insert((p.edges.len(), p));
                    }
                }
            }
            match candidates.pop_first() {
                Some((_, p)) => found.push(p),
                None => break,
            }
        }
        found
            .iter()
            .map(|p| AttackPath::from_states(self, &p.states, &p.edges))
            .collect()
    }

    /// Shortest path from any start to `goal`, avoiding banned components and
    /// (from the first start only) banned first interactions. `no_return`
    /// forbids coming back to the spur's component.
    fn bfs(
        &self,
        scratch: &mut Scratch,
        starts: &[State],
        goal: State,
        banned_components: &HashSet<u32>,
        banned_first_edges: &HashSet<usize>,
        no_return: Option<u32>,
    ) -> Option<RawPath> {
        scratch.generation += 1;
        let g = scratch.generation;
        let mut queue = VecDeque::new();
        for &s in starts {
            if scratch.stamp[s.0 as usize] != g {
                scratch.stamp[s.0 as usize] = g;
                scratch.parent[s.0 as usize] = (u32::MAX, u32::MAX);
                queue.push_back(s);
            }
        }
        let is_start = |s: State| starts.contains(&s);
        while let Some(s) = queue.pop_front() {
            if s == goal {
                let mut states = vec![s];
                let mut edges = Vec::new();
                let mut cur = s.0 as usize;
                while scratch.parent[cur].0 != u32::MAX {
                    let (p, e) = scratch.parent[cur];
                    states.push(State(p));
                    edges.push(e as usize);
                    cur = p as usize;
                }
                states.reverse();
                edges.reverse();
                return Some(RawPath { states, edges });
            }
            let first = starts.len() == 1 && is_start(s);
            for (t, e) in self.successors(s) {
                let tc = t.component().0;
                if banned_components.contains(&tc)
                    || no_return == Some(tc)
                    || (first && banned_first_edges.contains(&e))
                {
                    continue;
                }
                let ti = t.0 as usize;
                if scratch.stamp[ti] != g {
                    scratch.stamp[ti] = g;
                    scratch.parent[ti] = (s.0, e as u32);
                    queue.push_back(t);
                }
            }
        }
        None
    }
}
