//! Zero-suppressed BDDs holding families of minimal cut sets.
//!
//! A ZBDD node `(x, hi, lo)` is the family `{ {x} ∪ s | s ∈ hi } ∪ lo`; a node
//! whose `hi` is the empty family is never stored. Terminal 0 is the empty
//! family, terminal 1 the family holding only the empty set. Families of
//! minimal cut sets compress extremely well this way, which is what lets us
//! count 10^10 cut sets without listing them.

use rustc_hash::FxHashMap;

use crate::bdd::{self, Bdd, ComputedTable, Edge, Node, TERMINAL_LEVEL, UniqueTable};

/// Index of a ZBDD node (no complement edges in ZBDDs).
pub(crate) type ZNode = u32;

pub(crate) const EMPTY: ZNode = 0;
pub(crate) const BASE: ZNode = 1;

const OP_WITHOUT: u32 = 3;
const OP_UNION: u32 = 4;
const OP_MINIMAL: u32 = 5;

pub(crate) struct Zbdd {
    pub nodes: Vec<Node>,
    unique: UniqueTable,
    cache: ComputedTable,
    minsol_memo: FxHashMap<(Edge, u32, u64), ZNode>,
    deadline: Option<std::time::Instant>,
    /// Set when the deadline passed; results are then meaningless.
    pub timed_out: bool,
}

impl Zbdd {
    pub fn new() -> Self {
        let terminal = Node {
            level: TERMINAL_LEVEL,
            hi: EMPTY,
            lo: EMPTY,
        };
        Zbdd {
            nodes: vec![terminal, terminal],
            unique: UniqueTable::new(),
            cache: ComputedTable::new(16),
            minsol_memo: FxHashMap::default(),
            deadline: None,
            timed_out: false,
        }
    }

    pub fn with_deadline(deadline: Option<std::time::Instant>) -> Self {
        Zbdd {
            deadline,
            ..Zbdd::new()
        }
    }

    #[inline]
    fn make(&mut self, level: u32, hi: ZNode, lo: ZNode) -> ZNode {
        if hi == EMPTY {
            return lo;
        }
        self.unique.find_or_insert(&mut self.nodes, level, hi, lo)
    }

    /// Rauzy's minimal solutions of the BDD `f`: the minimal sets of variables
    /// that, set true with every other variable false, make `f` true.
    ///
    /// For a coherent `f` these are its minimal cut sets. For a non-coherent
    /// `f` this drops negative literals (as SCRAM does for cut sets): a cut set
    /// lists the failed events, the others are taken as working.
    ///
    /// `limit` bounds the order (set size); `threshold` drops sets whose
    /// probability product is below it. Pruning during construction is
    /// sound: a set subsumed by a dropped set has a smaller product, so it is
    /// dropped as well.
    pub fn minsol(
        &mut self,
        bdd: &Bdd,
        probs: &[f64],
        f: Edge,
        limit: u32,
        threshold: f64,
    ) -> ZNode {
        if f == bdd::FALSE || threshold > 1.0 || self.timed_out {
            return EMPTY;
        }
        if f == bdd::TRUE {
            return BASE;
        }
        if limit == 0 {
            return if eval_all_false(bdd, f) { BASE } else { EMPTY };
        }
        let level = bdd.level(f);
        // A limit no set below this level can reach is no limit: normalising
        // it lets differently-limited calls share memo entries.
        let limit = if limit as usize >= probs.len() - level as usize {
            u32::MAX
        } else {
            limit
        };
        let key = (f, limit, threshold.to_bits());
        if let Some(&r) = self.minsol_memo.get(&key) {
            return r;
        }
        let (f1, f0) = bdd.children(f);
        let lo = self.minsol(bdd, probs, f0, limit, threshold);
        let r = if lo == BASE {
            BASE
        } else {
            let p = probs[level as usize];
            let t1 = if threshold <= 0.0 {
                0.0
            } else if p <= 0.0 {
                f64::INFINITY
            } else {
                threshold / p
            };
            let limit1 = if limit == u32::MAX { limit } else { limit - 1 };
            let hi = self.minsol(bdd, probs, f1, limit1, t1);
            let hi = self.without(hi, lo);
            self.make(level, hi, lo)
        };
        self.minsol_memo.insert(key, r);
        if self.minsol_memo.len().is_multiple_of(65536) {
            self.cache.maybe_grow(self.nodes.len());
        }
        if self.minsol_memo.len().is_multiple_of(4096)
            && self.deadline.is_some_and(|d| std::time::Instant::now() > d)
        {
            self.timed_out = true;
        }
        r
    }

    /// The sets of `f` that contain no set of `g` (subsumption difference).
    pub fn without(&mut self, f: ZNode, g: ZNode) -> ZNode {
        if f == EMPTY || g == BASE || f == g {
            return if g == EMPTY { f } else { EMPTY };
        }
        if g == EMPTY {
            return f;
        }
        if let Some(r) = self.cache.get(OP_WITHOUT, f, g) {
            return r;
        }
        let nf = self.nodes[f as usize];
        let ng = self.nodes[g as usize];
        let r = if nf.level < ng.level {
            let hi = self.without(nf.hi, g);
            let lo = self.without(nf.lo, g);
            self.make(nf.level, hi, lo)
        } else if nf.level > ng.level {
            // g's top variable occurs in no set of f: its sets with it
            // cannot be subsets.
            self.without(f, ng.lo)
        } else {
            let hi = self.without(nf.hi, ng.hi);
            let hi = self.without(hi, ng.lo);
            let lo = self.without(nf.lo, ng.lo);
            self.make(nf.level, hi, lo)
        };
        self.cache.put(OP_WITHOUT, f, g, r);
        r
    }

    /// Number of sets, saturating at `u128::MAX`.
    pub fn count(&self, root: ZNode) -> u128 {
        let mut memo: FxHashMap<ZNode, u128> = FxHashMap::default();
        self.count_rec(root, &mut memo)
    }

    fn count_rec(&self, z: ZNode, memo: &mut FxHashMap<ZNode, u128>) -> u128 {
        if z <= BASE {
            return z as u128;
        }
        if let Some(&c) = memo.get(&z) {
            return c;
        }
        let n = self.nodes[z as usize];
        let c = self
            .count_rec(n.hi, memo)
            .saturating_add(self.count_rec(n.lo, memo));
        memo.insert(z, c);
        c
    }

    /// Number of sets of each order (index = order).
    pub fn distribution(&self, root: ZNode) -> Vec<u128> {
        let mut memo: FxHashMap<ZNode, std::rc::Rc<Vec<u128>>> = FxHashMap::default();
        let d = self.distribution_rec(root, &mut memo);
        let mut d = (*d).clone();
        while d.len() > 1 && d.last() == Some(&0) {
            d.pop();
        }
        d
    }

    fn distribution_rec(
        &self,
        z: ZNode,
        memo: &mut FxHashMap<ZNode, std::rc::Rc<Vec<u128>>>,
    ) -> std::rc::Rc<Vec<u128>> {
        if z <= BASE {
            return std::rc::Rc::new(vec![z as u128]);
        }
        if let Some(d) = memo.get(&z) {
            return d.clone();
        }
        let n = self.nodes[z as usize];
        let hi = self.distribution_rec(n.hi, memo);
        let lo = self.distribution_rec(n.lo, memo);
        let mut d = vec![0u128; (hi.len() + 1).max(lo.len())];
        for (i, c) in hi.iter().enumerate() {
            d[i + 1] = d[i + 1].saturating_add(*c);
        }
        for (i, c) in lo.iter().enumerate() {
            d[i] = d[i].saturating_add(*c);
        }
        let d = std::rc::Rc::new(d);
        memo.insert(z, d.clone());
        d
    }

    /// Σ over sets of Π p(x)^power: power 1 is the rare-event approximation.
    pub fn power_sum(&self, root: ZNode, probs: &[f64], power: i32) -> f64 {
        let mut memo: FxHashMap<ZNode, f64> = FxHashMap::default();
        self.fold(root, &mut memo, &|level, hi, lo| {
            probs[level as usize].powi(power) * hi + lo
        })
    }

    /// The largest probability product of one set.
    pub fn max_product(&self, root: ZNode, probs: &[f64]) -> f64 {
        let mut memo: FxHashMap<ZNode, f64> = FxHashMap::default();
        self.fold(root, &mut memo, &|level, hi, lo| {
            (probs[level as usize] * hi).max(lo)
        })
    }

    fn fold(
        &self,
        z: ZNode,
        memo: &mut FxHashMap<ZNode, f64>,
        op: &dyn Fn(u32, f64, f64) -> f64,
    ) -> f64 {
        if z == EMPTY {
            return 0.0;
        }
        if z == BASE {
            return 1.0;
        }
        if let Some(&v) = memo.get(&z) {
            return v;
        }
        let n = self.nodes[z as usize];
        let hi = self.fold(n.hi, memo, op);
        let lo = self.fold(n.lo, memo, op);
        let v = op(n.level, hi, lo);
        memo.insert(z, v);
        v
    }

    /// Calls `visit` with the levels of each set, in ZBDD order, until it
    /// returns `false`.
    pub fn for_each(&self, root: ZNode, visit: &mut dyn FnMut(&[u32]) -> bool) {
        let mut path = Vec::new();
        self.for_each_rec(root, &mut path, visit);
    }

    fn for_each_rec(
        &self,
        z: ZNode,
        path: &mut Vec<u32>,
        visit: &mut dyn FnMut(&[u32]) -> bool,
    ) -> bool {
        if z == EMPTY {
            return true;
        }
        if z == BASE {
            return visit(path);
        }
        let n = self.nodes[z as usize];
        path.push(n.level);
        let go_on = self.for_each_rec(n.hi, path, visit);
        path.pop();
        go_on && self.for_each_rec(n.lo, path, visit)
    }

    /// `{{x}}`: the family holding the single one-element set.
    pub fn singleton(&mut self, level: u32) -> ZNode {
        self.make(level, BASE, EMPTY)
    }

    /// Set union of two families.
    pub fn union(&mut self, f: ZNode, g: ZNode) -> ZNode {
        if f == EMPTY || f == g {
            return g;
        }
        if g == EMPTY {
            return f;
        }
        let (f, g) = if f < g { (f, g) } else { (g, f) };
        if let Some(r) = self.cache.get(OP_UNION, f, g) {
            return r;
        }
        let nf = self.nodes[f as usize];
        let ng = self.nodes[g as usize];
        let r = if nf.level < ng.level {
            let lo = self.union(nf.lo, g);
            self.make(nf.level, nf.hi, lo)
        } else if nf.level > ng.level {
            let lo = self.union(f, ng.lo);
            self.make(ng.level, ng.hi, lo)
        } else {
            let hi = self.union(nf.hi, ng.hi);
            let lo = self.union(nf.lo, ng.lo);
            self.make(nf.level, hi, lo)
        };
        self.cache.put(OP_UNION, f, g, r);
        r
    }

    /// `{a ∪ b | a ∈ f, b ∈ g, |a ∪ b| ≤ limit}` (not minimised).
    pub fn product(
        &mut self,
        f: ZNode,
        g: ZNode,
        limit: u32,
        memo: &mut FxHashMap<(ZNode, ZNode, u32), ZNode>,
    ) -> ZNode {
        if f == EMPTY || g == EMPTY {
            return EMPTY;
        }
        if f == BASE {
            return self.truncate(g, limit, &mut FxHashMap::default());
        }
        if g == BASE {
            return self.truncate(f, limit, &mut FxHashMap::default());
        }
        if limit == 0 {
            return EMPTY;
        }
        let (f, g) = if f < g { (f, g) } else { (g, f) };
        if let Some(&r) = memo.get(&(f, g, limit)) {
            return r;
        }
        let nf = self.nodes[f as usize];
        let ng = self.nodes[g as usize];
        let level = nf.level.min(ng.level);
        let (f1, f0) = if nf.level == level {
            (nf.hi, nf.lo)
        } else {
            (EMPTY, f)
        };
        let (g1, g0) = if ng.level == level {
            (ng.hi, ng.lo)
        } else {
            (EMPTY, g)
        };
        // x·(f1·g1 ∪ f1·g0 ∪ f0·g1) ∪ f0·g0
        let a = self.product(f1, g1, limit - 1, memo);
        let b = self.product(f1, g0, limit - 1, memo);
        let c = self.product(f0, g1, limit - 1, memo);
        let hi = self.union(a, b);
        let hi = self.union(hi, c);
        let lo = self.product(f0, g0, limit, memo);
        let r = self.make(level, hi, lo);
        memo.insert((f, g, limit), r);
        r
    }

    /// The sets of at most `limit` elements.
    pub fn truncate(
        &mut self,
        z: ZNode,
        limit: u32,
        memo: &mut FxHashMap<(ZNode, u32), ZNode>,
    ) -> ZNode {
        if z <= BASE {
            return z;
        }
        if limit == 0 {
            // Only the empty set fits: is it in z (end of the low chain)?
            let mut t = z;
            while t > BASE {
                t = self.nodes[t as usize].lo;
            }
            return t;
        }
        if let Some(&r) = memo.get(&(z, limit)) {
            return r;
        }
        let n = self.nodes[z as usize];
        let hi = self.truncate(n.hi, limit - 1, memo);
        let lo = self.truncate(n.lo, limit, memo);
        let r = self.make(n.level, hi, lo);
        memo.insert((z, limit), r);
        r
    }

    /// The minimal sets of a family (Rauzy's `minimal`).
    pub fn minimal(&mut self, z: ZNode) -> ZNode {
        if z <= BASE {
            return z;
        }
        if let Some(r) = self.cache.get(OP_MINIMAL, z, 0) {
            return r;
        }
        let n = self.nodes[z as usize];
        let lo = self.minimal(n.lo);
        let hi = self.minimal(n.hi);
        let hi = self.without(hi, lo);
        let r = self.make(n.level, hi, lo);
        self.cache.put(OP_MINIMAL, z, 0, r);
        r
    }

    /// The sets whose probability product is at least `threshold`.
    pub fn at_least_probable(
        &mut self,
        z: ZNode,
        probs: &[f64],
        threshold: f64,
        memo: &mut FxHashMap<(ZNode, u64), ZNode>,
    ) -> ZNode {
        if threshold > 1.0 || z == EMPTY {
            return EMPTY;
        }
        if threshold <= 0.0 || z == BASE {
            return z;
        }
        if let Some(&r) = memo.get(&(z, threshold.to_bits())) {
            return r;
        }
        let n = self.nodes[z as usize];
        let p = probs[n.level as usize];
        let t1 = if p > 0.0 {
            threshold / p
        } else {
            f64::INFINITY
        };
        let hi = self.at_least_probable(n.hi, probs, t1, memo);
        let lo = self.at_least_probable(n.lo, probs, threshold, memo);
        let r = self.make(n.level, hi, lo);
        memo.insert((z, threshold.to_bits()), r);
        r
    }

    /// Checks the deadline; call between steps of a long computation.
    pub fn check_deadline(&mut self) -> bool {
        if self.deadline.is_some_and(|d| std::time::Instant::now() > d) {
            self.timed_out = true;
        }
        self.timed_out
    }

    pub fn grow_cache(&mut self) {
        self.cache.maybe_grow(self.nodes.len());
    }

    /// The sets that contain the variable at `level`, as a subfamily.
    pub fn onset(&mut self, z: ZNode, level: u32, memo: &mut FxHashMap<ZNode, ZNode>) -> ZNode {
        if z <= BASE {
            return EMPTY;
        }
        let n = self.nodes[z as usize];
        if n.level > level {
            return EMPTY;
        }
        if n.level == level {
            return self.make(level, n.hi, EMPTY);
        }
        if let Some(&r) = memo.get(&z) {
            return r;
        }
        let hi = self.onset(n.hi, level, memo);
        let lo = self.onset(n.lo, level, memo);
        let r = self.make(n.level, hi, lo);
        memo.insert(z, r);
        r
    }
}

/// Value of `f` when every variable is false: follow the low edges.
fn eval_all_false(bdd: &Bdd, mut f: Edge) -> bool {
    while bdd::index(f) != 0 {
        f = bdd.children(f).1;
    }
    f == bdd::TRUE
}
