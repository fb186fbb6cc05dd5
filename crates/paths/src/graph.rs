//! The model prepared for search.

use cordon_model::{AccessLevel, ComponentId, Interaction, Model};

/// A search state: a component and the access held on it, packed as
/// `component * 4 + (level - 1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct State(pub u32);

impl State {
    /// The state for holding `level` (above `none`) on `c`.
    pub fn new(c: ComponentId, level: AccessLevel) -> State {
        debug_assert!(level > AccessLevel::None);
        State(c.0 * 4 + (level as u32 - 1))
    }

    /// The component.
    pub fn component(self) -> ComponentId {
        ComponentId(self.0 / 4)
    }

    /// The access level.
    pub fn level(self) -> AccessLevel {
        AccessLevel::from_index((self.0 % 4) as usize + 1)
    }
}

/// A model prepared for attack-path search: outgoing interactions per
/// component and, per component, the best network-exploitable weakness.
pub struct AttackGraph<'m> {
    /// The model.
    pub model: &'m Model,
    /// `offsets[c]..offsets[c+1]` indexes `model.interactions` leaving `c`
    /// (the model keeps them sorted by `from`).
    offsets: Vec<u32>,
    /// Best access a network-exploitable weakness hands out, per component.
    exploit: Vec<(AccessLevel, u16)>,
    /// Interactions the search ignores (empty: none), by index into
    /// `model.interactions`. See [`AttackGraph::with_removed`].
    removed: Vec<bool>,
    /// Per interaction (same index as `model.interactions`): its target and
    /// the access gained there for each held level — [`AttackGraph::step`]
    /// folded into 8 bytes, so that the hot loop of every search reads one
    /// small array instead of the model's full interaction records.
    hops: Vec<CompactHop>,
}

/// One interaction as the search loop needs it (see `AttackGraph::hops`).
#[derive(Clone, Copy)]
struct CompactHop {
    /// Target component index.
    to: u32,
    /// Access gained on `to`, indexed by the held level minus one.
    gain: [AccessLevel; 4],
}

impl<'m> AttackGraph<'m> {
    /// Prepares a model. Linear in its size.
    pub fn new(model: &'m Model) -> Self {
        let n = model.components.len();
        let mut offsets = vec![0u32; n + 1];
        for i in &model.interactions {
            offsets[i.from.index() + 1] += 1;
        }
        for c in 0..n {
            offsets[c + 1] += offsets[c];
        }
        debug_assert!(
            model
                .interactions
                .windows(2)
                .all(|w| w[0].from <= w[1].from)
        );
        let exploit = model
            .components
            .iter()
            .map(|c| {
                c.weaknesses
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.kind.network_exploitable())
                    .map(|(i, w)| (w.grants, i as u16))
                    .max_by_key(|(g, i)| (*g, std::cmp::Reverse(*i)))
                    .unwrap_or((AccessLevel::None, 0))
            })
            .collect();
        let mut g = AttackGraph {
            model,
            offsets,
            exploit,
            removed: Vec::new(),
            hops: Vec::new(),
        };
        g.hops = g.compact_hops();
        g
    }

    /// The search loop's table, from [`AttackGraph::step`] (so the two never
    /// disagree: `successors` is `step` read from a table).
    fn compact_hops(&self) -> Vec<CompactHop> {
        (0..self.model.interactions.len())
            .map(|i| {
                let gain = [
                    AccessLevel::Reach,
                    AccessLevel::Read,
                    AccessLevel::Write,
                    AccessLevel::Control,
                ]
                .map(|held| self.step(held, i).0);
                CompactHop {
                    to: self.model.interactions[i].to.0,
                    gain,
                }
            })
            .collect()
    }

    /// Prepares a model in which some interactions and components are taken
    /// away — cut links, isolated or shut-down systems — without copying it.
    ///
    /// `removed_interactions` is indexed like `model.interactions`,
    /// `removed_components` like `model.components`; either may be shorter
    /// (missing entries mean "kept") or empty. A removed component keeps its
    /// state but every interaction into or out of it is ignored, so an
    /// attacker who starts on it goes nowhere and nobody reaches it. Every
    /// search of the returned graph (`access_from`, `k_best_paths`,
    /// `exposure`, …) sees only what is left.
    pub fn with_removed(
        model: &'m Model,
        removed_interactions: &[bool],
        removed_components: &[bool],
    ) -> Self {
        let mut g = Self::new(model);
        let gone = |c: ComponentId| removed_components.get(c.index()).copied().unwrap_or(false);
        let removed: Vec<bool> = model
            .interactions
            .iter()
            .enumerate()
            .map(|(i, e)| {
                removed_interactions.get(i).copied().unwrap_or(false) || gone(e.from) || gone(e.to)
            })
            .collect();
        if removed.iter().any(|&r| r) {
            g.removed = removed;
            g.hops = g.compact_hops();
        }
        g
    }

    /// Whether the search ignores interaction `i` (see [`AttackGraph::with_removed`]).
    #[inline]
    pub fn is_removed(&self, i: usize) -> bool {
        !self.removed.is_empty() && self.removed[i]
    }

    /// Number of components.
    pub fn len(&self) -> usize {
        self.model.components.len()
    }

    /// Whether the model has no component.
    pub fn is_empty(&self) -> bool {
        self.model.components.is_empty()
    }

    /// Indices (into `model.interactions`) of the interactions leaving `c`.
    pub fn outgoing(&self, c: ComponentId) -> std::ops::Range<usize> {
        self.offsets[c.index()] as usize..self.offsets[c.index() + 1] as usize
    }

    /// The interaction at an index.
    pub fn interaction(&self, i: usize) -> &Interaction {
        &self.model.interactions[i]
    }

    /// Access gained on the target of interaction `i` when `held` is held on
    /// its source, and the index of the weakness used, if one was.
    ///
    /// MFA caps what the interaction itself grants at `reach`; a weakness of
    /// the target, reached over the network, can still raise it. A removed
    /// interaction ([`AttackGraph::with_removed`]) grants nothing.
    #[inline]
    pub fn step(&self, held: AccessLevel, i: usize) -> (AccessLevel, Option<u16>) {
        if self.is_removed(i) {
            return (AccessLevel::None, None);
        }
        let e = &self.model.interactions[i];
        let mut gained = e.kind.grants(held);
        if e.mfa {
            gained = gained.min(AccessLevel::Reach);
        }
        if gained >= AccessLevel::Reach {
            let (w, idx) = self.exploit[e.to.index()];
            if w > gained {
                return (w, Some(idx));
            }
        }
        (gained, None)
    }

    /// The state reached over interaction `i` when `held` is held on its
    /// source, or `None` when it grants nothing: [`AttackGraph::step`] read
    /// from the search table, without the weakness used.
    #[inline]
    pub fn next_state(&self, held: AccessLevel, i: usize) -> Option<State> {
        let h = &self.hops[i];
        let gained = h.gain[held as usize - 1];
        (gained > AccessLevel::None).then(|| State::new(ComponentId(h.to), gained))
    }

    /// Successor states of a state, with the interaction used.
    #[inline]
    pub fn successors(&self, s: State) -> impl Iterator<Item = (State, usize)> + '_ {
        let held = s.level() as usize - 1;
        let range = self.outgoing(s.component());
        let start = range.start;
        self.hops[range]
            .iter()
            .enumerate()
            .filter_map(move |(k, h)| {
                let gained = h.gain[held];
                (gained > AccessLevel::None)
                    .then(|| (State::new(ComponentId(h.to), gained), start + k))
            })
    }
}
