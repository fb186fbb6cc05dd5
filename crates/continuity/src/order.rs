//! Variable-ordering heuristics: which basic event each BDD level tests.
//!
//! The BDD size of a fault tree can vary exponentially with the order. Events
//! that meet in the same gate should sit close together, so every heuristic
//! here is a depth-first traversal of the tree from the top event; they differ
//! in which gate input is visited first.

use serde::Serialize;

use crate::tree::{FaultTree, Formula, NodeRef};

/// How the basic events are ordered in the BDD.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariableOrdering {
    /// [`Self::Weighted`] under a small node budget, then a race of
    /// [`Self::Weighted`], [`Self::HeavyFirst`] (and [`Self::DepthFirst`] from
    /// 3 cores) on parallel threads, keeping the first BDD to complete: no
    /// single heuristic is best on every tree (the default).
    #[default]
    Auto,
    /// Plain depth-first, left-to-right order of the model.
    DepthFirst,
    /// Depth-first, visiting at each gate the inputs with the fewest basic
    /// events below them first, so small modules are closed before large
    /// ones.
    Weighted,
    /// Depth-first, visiting the inputs with the most basic events below them
    /// first, so shared sub-trees are placed early.
    HeavyFirst,
}

/// Returns `level -> basic event index`; events the top does not reach come
/// last.
pub(crate) fn order(tree: &FaultTree, heuristic: VariableOrdering) -> Vec<usize> {
    let weights = match heuristic {
        VariableOrdering::DepthFirst => None,
        VariableOrdering::Auto => unreachable!("Auto is resolved by the caller"),
        _ => Some(event_counts(tree)),
    };
    let mut placed = vec![false; tree.events.len()];
    let mut visited = vec![false; tree.gates.len()];
    let mut order = Vec::with_capacity(tree.events.len());
    // Explicit stack: trees can be deeper than the thread stack allows.
    let mut stack = vec![tree.top];
    while let Some(f) = stack.pop() {
        match tree.node(f) {
            NodeRef::Event(e) => {
                if !std::mem::replace(&mut placed[e], true) {
                    order.push(e);
                }
            }
            NodeRef::Constant(_) => {}
            NodeRef::Gate(g) => {
                if std::mem::replace(&mut visited[g], true) {
                    continue;
                }
                let mut inputs: Vec<Formula> = tree.gates[g].inputs.clone();
                if let Some(w) = &weights {
                    let weight = |f: &Formula| match tree.node(*f) {
                        NodeRef::Gate(g) => w[g],
                        _ => 1,
                    };
                    match heuristic {
                        VariableOrdering::HeavyFirst => {
                            inputs.sort_by_key(|f| std::cmp::Reverse(weight(f)))
                        }
                        _ => inputs.sort_by_key(weight),
                    }
                }
                // Reversed so the first input is popped first.
                stack.extend(inputs.into_iter().rev());
            }
        }
    }
    for (e, done) in placed.iter().enumerate() {
        if !done {
            order.push(e);
        }
    }
    order
}

/// Number of basic-event occurrences below each gate, counting shared
/// sub-trees once per gate (capped: only the relative size matters).
fn event_counts(tree: &FaultTree) -> Vec<usize> {
    let mut counts: Vec<Option<usize>> = vec![None; tree.gates.len()];
    for g in 0..tree.gates.len() {
        // Iterative post-order to stay off the call stack.
        let mut stack = vec![(g, false)];
        while let Some((g, expanded)) = stack.pop() {
            if counts[g].is_some() {
                continue;
            }
            let gate = &tree.gates[g];
            if expanded {
                let mut total = 0usize;
                for f in &gate.inputs {
                    total = total.saturating_add(match tree.node(*f) {
                        NodeRef::Gate(h) => counts[h].unwrap_or(0),
                        NodeRef::Event(_) => 1,
                        NodeRef::Constant(_) => 0,
                    });
                }
                counts[g] = Some(total.min(1 << 40));
            } else {
                stack.push((g, true));
                for f in &gate.inputs {
                    if let NodeRef::Gate(h) = tree.node(*f)
                        && counts[h].is_none()
                    {
                        stack.push((h, false));
                    }
                }
            }
        }
    }
    counts.into_iter().map(|c| c.unwrap_or(0)).collect()
}
