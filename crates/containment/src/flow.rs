//! Maximum flow / minimum cut: Dinic's algorithm on integer capacities.
//!
//! Level graph by breadth-first search, blocking flow by an iterative
//! depth-first search with current-arc pointers (no recursion: attack graphs
//! can be deep). O(V²E) in general, far less on the unit-like capacities of
//! estates. The minimum cut is read from the residual graph: the arcs from
//! the vertices still reachable from the source to the others.

use std::collections::VecDeque;

/// Capacity that is never cut.
pub const INF: i64 = i64::MAX / 4;

/// A flow network.
#[derive(Clone, Debug, Default)]
pub struct FlowNetwork {
    head: Vec<u32>,
    next: Vec<u32>,
    to: Vec<u32>,
    cap: Vec<i64>,
    original: Vec<i64>,
}

const NIL: u32 = u32::MAX;

impl FlowNetwork {
    /// A network with `n` vertices and no arc.
    pub fn new(n: usize) -> Self {
        FlowNetwork {
            head: vec![NIL; n],
            ..Default::default()
        }
    }

    /// Number of vertices.
    pub fn len(&self) -> usize {
        self.head.len()
    }

    /// Whether the network has no vertex.
    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    /// Adds an arc `u → v`; returns its id (its reverse is `id ^ 1`).
    pub fn add_arc(&mut self, u: usize, v: usize, capacity: i64) -> usize {
        let id = self.to.len();
        for (a, b, c) in [(u, v, capacity), (v, u, 0)] {
            self.to.push(b as u32);
            self.cap.push(c);
            self.original.push(c);
            self.next.push(self.head[a]);
            self.head[a] = (self.to.len() - 1) as u32;
        }
        id
    }

    /// Maximum flow from `s` to `t` (saturating at [`INF`]).
    pub fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.len();
        let mut level = vec![-1i32; n];
        let mut it = vec![NIL; n];
        let mut total: i64 = 0;
        let mut stack: Vec<(u32, u32)> = Vec::new(); // (vertex, arc used to enter)
        loop {
            level.iter_mut().for_each(|l| *l = -1);
            level[s] = 0;
            let mut q = VecDeque::from([s as u32]);
            while let Some(u) = q.pop_front() {
                let mut a = self.head[u as usize];
                while a != NIL {
                    let v = self.to[a as usize];
                    if self.cap[a as usize] > 0 && level[v as usize] < 0 {
                        level[v as usize] = level[u as usize] + 1;
                        q.push_back(v);
                    }
                    a = self.next[a as usize];
                }
            }
            if level[t] < 0 {
                return total;
            }
            it.copy_from_slice(&self.head);
            // Blocking flow: advance along admissible arcs, augment at t,
            // retreat (and prune) on dead ends.
            stack.clear();
            stack.push((s as u32, NIL));
            while let Some(&(u, _)) = stack.last() {
                if u as usize == t {
                    let bottleneck = stack
                        .iter()
                        .skip(1)
                        .map(|&(_, a)| self.cap[a as usize])
                        .min()
                        .unwrap_or(0);
                    for &(_, a) in stack.iter().skip(1) {
                        self.cap[a as usize] -= bottleneck;
                        self.cap[(a ^ 1) as usize] += bottleneck;
                    }
                    total = total.saturating_add(bottleneck).min(INF);
                    // Pop back to the first saturated arc.
                    let cut = stack
                        .iter()
                        .skip(1)
                        .position(|&(_, a)| self.cap[a as usize] == 0)
                        .map_or(1, |p| p + 1);
                    stack.truncate(cut);
                    continue;
                }
                let mut advanced = false;
                while it[u as usize] != NIL {
                    let a = it[u as usize];
                    let v = self.to[a as usize];
                    if self.cap[a as usize] > 0 && level[v as usize] == level[u as usize] + 1 {
                        stack.push((v, a));
                        advanced = true;
                        break;
                    }
                    it[u as usize] = self.next[a as usize];
                }
                if !advanced {
                    level[u as usize] = -1; // dead end
                    stack.pop();
                    if let Some(&(p, _)) = stack.last() {
                        let a = it[p as usize];
                        it[p as usize] = self.next[a as usize];
                    }
                }
            }
            if total >= INF {
                return INF;
            }
        }
    }

    /// After [`FlowNetwork::max_flow`]: vertices reachable from `s` in the residual graph.
    pub fn source_side(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        seen[s] = true;
        let mut q = VecDeque::from([s]);
        while let Some(u) = q.pop_front() {
            let mut a = self.head[u];
            while a != NIL {
                let v = self.to[a as usize] as usize;
                if self.cap[a as usize] > 0 && !seen[v] {
                    seen[v] = true;
                    q.push_back(v);
                }
                a = self.next[a as usize];
            }
        }
        seen
    }

    /// After [`FlowNetwork::max_flow`]: ids of the arcs of a minimum cut
    /// (from the source side to the other, with positive capacity).
    pub fn min_cut_arcs(&self, s: usize) -> Vec<usize> {
        let side = self.source_side(s);
        (0..self.to.len())
            .step_by(2)
            .filter(|&a| {
                let u = self.to[a ^ 1] as usize;
                let v = self.to[a] as usize;
                side[u] && !side[v] && self.original[a] > 0
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_example() {
        // CLRS figure 26.1: max flow 23.
        let mut g = FlowNetwork::new(6);
        for (u, v, c) in [
            (0, 1, 16),
            (0, 2, 13),
            (1, 3, 12),
            (2, 1, 4),
            (2, 4, 14),
            (3, 2, 9),
            (3, 5, 20),
            (4, 3, 7),
            (4, 5, 4),
        ] {
            g.add_arc(u, v, c);
        }
        assert_eq!(g.max_flow(0, 5), 23);
        let cut: i64 = g.min_cut_arcs(0).iter().map(|&a| g.original[a]).sum();
        assert_eq!(cut, 23);
    }

    #[test]
    fn deep_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut g = FlowNetwork::new(n);
        for i in 0..n - 1 {
            g.add_arc(i, i + 1, if i == n / 2 { 3 } else { 5 });
        }
        assert_eq!(g.max_flow(0, n - 1), 3);
        assert_eq!(g.min_cut_arcs(0).len(), 1);
    }
}
