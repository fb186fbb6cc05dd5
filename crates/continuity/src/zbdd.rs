//! Zero-suppressed BDDs holding families of minimal cut sets.
//!
//! A ZBDD node `(x, hi, lo)` is the family `{ {x} ∪ s | s ∈ hi } ∪ lo`; a node
//! whose `hi` is the empty family is never stored. Terminal 0 is the empty
//! family, terminal 1 the family holding only the empty set. Families of
//! minimal cut sets compress extremely well this way, which is what lets us
//! count 10^10 cut sets without listing them.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::bdd::{self, Bdd, ComputedTable, Edge, Node, TERMINAL_LEVEL, UniqueTable};

/// Index of a ZBDD node (no complement edges in ZBDDs).
pub(crate) type ZNode = u32;

pub(crate) const EMPTY: ZNode = 0;
pub(crate) const BASE: ZNode = 1;

const OP_WITHOUT: u32 = 3;
const OP_UNION: u32 = 4;
const OP_MINIMAL: u32 = 5;

/// Limits from here up mean "no order limit" (products decrement it).
const NO_LIMIT: u32 = 1 << 31;

/// Bytes of one stored node.
const NODE_BYTES: usize = std::mem::size_of::<Node>();
/// Bytes one memo entry costs, with the hash map's overhead (approximate).
const MEMO_ENTRY_BYTES: usize = 40;

type MinsolKey = (Edge, u32, u64);

/// One step of the iterative operations: a call (compute and push one
/// result) or a continuation (combine results already pushed). Every ZBDD
/// algorithm here runs on this explicit stack, so the depth of a diagram —
/// the number of variables, or the width of an OR gate — never reaches
/// the call stack.
#[derive(Clone, Copy)]
enum Task {
    Without(ZNode, ZNode),
    Union(ZNode, ZNode),
    Minimal(ZNode),
    Product(ZNode, ZNode, u32),
    Truncate(ZNode, u32),
    AtLeast(ZNode, f64),
    Onset(ZNode),
    /// Over-approximating truncation: a sub-family cut off by the order
    /// limit becomes `{∅}`, so the path above it stays as a (shorter) set.
    TruncateUp(ZNode, u32),
    /// Over-approximating cut-off: a sub-family whose every set is below
    /// the threshold becomes `{∅}`.
    AtLeastUp(ZNode, f64),
    Minsol(Edge, u32, f64),
    /// Push this value.
    Lit(ZNode),
    /// Pop the high then the low result, make the node, record it.
    Make(u32, Memo),
    /// Record the result on top.
    Record(Memo),
    /// Pop `x`, compute `without(x, g)`.
    ThenWithout(ZNode),
    /// Pop `hi`, keep `lo` (below it), compute `without(hi, lo)`.
    WithoutUnder,
    /// Pop `b` then `a`, compute `union(a, b)`.
    UnionTop2,
    /// Minsol after its low child: `BASE` short-cuts, else the high child.
    MinsolAfterLo {
        key: MinsolKey,
        level: u32,
        f1: Edge,
        limit1: u32,
        t1: f64,
    },
}

/// Where a result is remembered.
#[derive(Clone, Copy)]
enum Memo {
    Cache(u32, ZNode, ZNode),
    Product(ZNode, ZNode, u32),
    Truncate(ZNode, u32),
    AtLeast(ZNode, u64),
    Onset(ZNode),
    Minsol(MinsolKey),
    Up(ZNode, u64, bool),
}

/// What some operations read besides the ZBDD.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    bdd: Option<&'a Bdd>,
    probs: &'a [f64],
    onset_level: u32,
}

pub(crate) struct Zbdd {
    pub nodes: Vec<Node>,
    unique: UniqueTable,
    cache: ComputedTable,
    minsol_memo: FxHashMap<MinsolKey, ZNode>,
    product_memo: FxHashMap<(ZNode, ZNode, u32), ZNode>,
    truncate_memo: FxHashMap<(ZNode, u32), ZNode>,
    at_least_memo: FxHashMap<(ZNode, u64), ZNode>,
    onset_memo: FxHashMap<ZNode, ZNode>,
    /// `TruncateUp` (`false`) and `AtLeastUp` (`true`) results.
    up_memo: FxHashMap<(ZNode, u64, bool), ZNode>,
    /// Largest probability product of one set, per node (the probabilities
    /// of one analysis).
    max_product_memo: FxHashMap<ZNode, f64>,
    deadline: Option<std::time::Instant>,
    /// Set when the deadline passed; results are then meaningless.
    pub timed_out: bool,
    /// Bytes the nodes, tables and memos may hold.
    memory_budget: usize,
    /// Set when an allocation would have passed the budget; results are
    /// then meaningless.
    pub out_of_memory: bool,
    tasks: Vec<Task>,
    results: Vec<ZNode>,
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
            product_memo: FxHashMap::default(),
            truncate_memo: FxHashMap::default(),
            at_least_memo: FxHashMap::default(),
            onset_memo: FxHashMap::default(),
            up_memo: FxHashMap::default(),
            max_product_memo: FxHashMap::default(),
            deadline: None,
            timed_out: false,
            memory_budget: usize::MAX,
            out_of_memory: false,
            tasks: Vec::new(),
            results: Vec::new(),
        }
    }

    pub fn with_deadline(deadline: Option<std::time::Instant>) -> Self {
        Zbdd {
            deadline,
            ..Zbdd::new()
        }
    }

    /// Limits the bytes the nodes, tables and memos may hold.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.memory_budget = bytes;
    }

    /// Bytes held now (nodes, tables, memos; memos approximately).
    pub fn memory_bytes(&self) -> usize {
        let memos = self.minsol_memo.capacity()
            + self.product_memo.capacity()
            + self.truncate_memo.capacity()
            + self.at_least_memo.capacity()
            + self.onset_memo.capacity()
            + self.up_memo.capacity()
            + self.max_product_memo.capacity();
        self.nodes.capacity() * NODE_BYTES
            + self.unique.bytes()
            + self.cache.bytes()
            + memos * MEMO_ENTRY_BYTES
    }

    /// Out of time or memory: every pending operation unwinds.
    pub fn stopped(&self) -> bool {
        self.timed_out || self.out_of_memory
    }

    /// Drops the exact memos of `product`, `truncate` and
    /// `at_least_probable` (valid forever, but they only pay within a gate).
    pub fn clear_memos(&mut self) {
        self.product_memo = FxHashMap::default();
        self.truncate_memo = FxHashMap::default();
        self.at_least_memo = FxHashMap::default();
        self.onset_memo = FxHashMap::default();
        self.up_memo = FxHashMap::default();
    }

    #[inline]
    fn make(&mut self, level: u32, hi: ZNode, lo: ZNode) -> ZNode {
        if hi == EMPTY || self.out_of_memory {
            return lo;
        }
        let grow_nodes = if self.nodes.len() == self.nodes.capacity() {
            2 * self.nodes.capacity() * NODE_BYTES
        } else {
            0
        };
        let grow = grow_nodes + self.unique.growth_bytes();
        if grow > 0 && self.memory_bytes().saturating_add(grow) > self.memory_budget {
            self.out_of_memory = true;
            return EMPTY;
        }
        self.unique.find_or_insert(&mut self.nodes, level, hi, lo)
    }

    fn record(&mut self, memo: Memo, r: ZNode) {
        match memo {
            Memo::Cache(op, a, b) => self.cache.put(op, a, b, r),
            Memo::Product(f, g, l) => {
                self.product_memo.insert((f, g, l), r);
            }
            Memo::Truncate(z, l) => {
                self.truncate_memo.insert((z, l), r);
            }
            Memo::AtLeast(z, t) => {
                self.at_least_memo.insert((z, t), r);
            }
            Memo::Onset(z) => {
                self.onset_memo.insert(z, r);
            }
            Memo::Up(z, x, kind) => {
                self.up_memo.insert((z, x, kind), r);
            }
            Memo::Minsol(key) => {
                self.minsol_memo.insert(key, r);
                let len = self.minsol_memo.len();
                if len.is_multiple_of(65536) {
                    let spare = self.memory_budget.saturating_sub(self.memory_bytes());
                    self.cache.maybe_grow_within(self.nodes.len(), spare / 2);
                }
                if len.is_multiple_of(4096) {
                    self.check_deadline();
                    if self.memory_bytes() > self.memory_budget {
                        self.out_of_memory = true;
                    }
                }
            }
        }
    }

    /// Runs `task` to completion on the explicit stack and returns its
    /// result.
    fn run(&mut self, task: Task, ctx: Ctx) -> ZNode {
        let mut tasks = std::mem::take(&mut self.tasks);
        let mut results = std::mem::take(&mut self.results);
        tasks.clear();
        results.clear();
        tasks.push(task);
        while let Some(task) = tasks.pop() {
            match task {
                Task::Lit(z) => results.push(z),
                Task::Make(level, memo) => {
                    let hi = results.pop().unwrap_or(EMPTY);
                    let lo = results.pop().unwrap_or(EMPTY);
                    let r = self.make(level, hi, lo);
                    self.record(memo, r);
                    results.push(r);
                }
                Task::Record(memo) => {
                    let r = results.last().copied().unwrap_or(EMPTY);
                    self.record(memo, r);
                }
                Task::ThenWithout(g) => {
                    let x = results.pop().unwrap_or(EMPTY);
                    tasks.push(Task::Without(x, g));
                }
                Task::WithoutUnder => {
                    let hi = results.pop().unwrap_or(EMPTY);
                    let lo = results.last().copied().unwrap_or(EMPTY);
                    tasks.push(Task::Without(hi, lo));
                }
                Task::UnionTop2 => {
                    let b = results.pop().unwrap_or(EMPTY);
                    let a = results.pop().unwrap_or(EMPTY);
                    tasks.push(Task::Union(a, b));
                }
                Task::MinsolAfterLo {
                    key,
                    level,
                    f1,
                    limit1,
                    t1,
                } => {
                    let lo = results.last().copied().unwrap_or(EMPTY);
                    if lo == BASE {
                        self.record(Memo::Minsol(key), BASE);
                    } else {
                        tasks.push(Task::Make(level, Memo::Minsol(key)));
                        tasks.push(Task::WithoutUnder);
                        tasks.push(Task::Minsol(f1, limit1, t1));
                    }
                }
                _ if self.stopped() => results.push(EMPTY),
                Task::Without(f, g) => self.step_without(f, g, &mut tasks, &mut results),
                Task::Union(f, g) => self.step_union(f, g, &mut tasks, &mut results),
                Task::Minimal(z) => {
                    if z <= BASE {
                        results.push(z);
                    } else if let Some(r) = self.cache.get(OP_MINIMAL, z, 0) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        tasks.push(Task::Make(n.level, Memo::Cache(OP_MINIMAL, z, 0)));
                        tasks.push(Task::WithoutUnder);
                        tasks.push(Task::Minimal(n.hi));
                        tasks.push(Task::Minimal(n.lo));
                    }
                }
                Task::Product(f, g, limit) => {
                    self.step_product(f, g, limit, &mut tasks, &mut results)
                }
                Task::Truncate(z, limit) => {
                    // No order limit (u32::MAX, less what products took):
                    // nothing to truncate, and no walk of z.
                    if z <= BASE || limit >= NO_LIMIT {
                        results.push(z);
                    } else if limit == 0 {
                        // Only the empty set fits: is it in z (end of the low chain)?
                        let mut t = z;
                        while t > BASE {
                            t = self.nodes[t as usize].lo;
                        }
                        results.push(t);
                    } else if let Some(&r) = self.truncate_memo.get(&(z, limit)) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        tasks.push(Task::Make(n.level, Memo::Truncate(z, limit)));
                        tasks.push(Task::Truncate(n.hi, limit - 1));
                        tasks.push(Task::Truncate(n.lo, limit));
                    }
                }
                Task::AtLeast(z, threshold) => {
                    if threshold > 1.0 || z == EMPTY {
                        results.push(EMPTY);
                    } else if threshold <= 0.0 || z == BASE {
                        results.push(z);
                    } else if let Some(&r) = self.at_least_memo.get(&(z, threshold.to_bits())) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        let p = ctx.probs[n.level as usize];
                        let t1 = if p > 0.0 {
                            threshold / p
                        } else {
                            f64::INFINITY
                        };
                        tasks.push(Task::Make(n.level, Memo::AtLeast(z, threshold.to_bits())));
                        tasks.push(Task::AtLeast(n.hi, t1));
                        tasks.push(Task::AtLeast(n.lo, threshold));
                    }
                }
                Task::TruncateUp(z, limit) => {
                    if z <= BASE || limit >= NO_LIMIT {
                        results.push(z);
                    } else if limit == 0 {
                        // Every set here is longer than allowed: keep the
                        // path (z is not empty: it is above BASE).
                        results.push(BASE);
                    } else if let Some(&r) = self.up_memo.get(&(z, limit as u64, false)) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        tasks.push(Task::Make(n.level, Memo::Up(z, limit as u64, false)));
                        tasks.push(Task::TruncateUp(n.hi, limit - 1));
                        tasks.push(Task::TruncateUp(n.lo, limit));
                    }
                }
                Task::AtLeastUp(z, threshold) => {
                    if z <= BASE || threshold <= 0.0 {
                        results.push(z);
                    } else if self.max_product_of(z, ctx.probs) < threshold {
                        results.push(BASE);
                    } else if let Some(&r) = self.up_memo.get(&(z, threshold.to_bits(), true)) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        let p = ctx.probs[n.level as usize];
                        let t1 = if p > 0.0 {
                            threshold / p
                        } else {
                            f64::INFINITY
                        };
                        tasks.push(Task::Make(n.level, Memo::Up(z, threshold.to_bits(), true)));
                        tasks.push(Task::AtLeastUp(n.hi, t1));
                        tasks.push(Task::AtLeastUp(n.lo, threshold));
                    }
                }
                Task::Onset(z) => {
                    let level = ctx.onset_level;
                    if z <= BASE || self.nodes[z as usize].level > level {
                        results.push(EMPTY);
                    } else if self.nodes[z as usize].level == level {
                        let hi = self.nodes[z as usize].hi;
                        let r = self.make(level, hi, EMPTY);
                        results.push(r);
                    } else if let Some(&r) = self.onset_memo.get(&z) {
                        results.push(r);
                    } else {
                        let n = self.nodes[z as usize];
                        tasks.push(Task::Make(n.level, Memo::Onset(z)));
                        tasks.push(Task::Onset(n.hi));
                        tasks.push(Task::Onset(n.lo));
                    }
                }
                Task::Minsol(f, limit, threshold) => {
                    let Some(bdd) = ctx.bdd else {
                        results.push(EMPTY);
                        continue;
                    };
                    self.step_minsol(
                        bdd,
                        ctx.probs,
                        f,
                        limit,
                        threshold,
                        &mut tasks,
                        &mut results,
                    )
                }
            }
        }
        let r = results.pop().unwrap_or(EMPTY);
        self.tasks = tasks;
        self.results = results;
        r
    }

    fn step_without(
        &mut self,
        f: ZNode,
        g: ZNode,
        tasks: &mut Vec<Task>,
        results: &mut Vec<ZNode>,
    ) {
        if f == EMPTY || g == BASE || f == g {
            results.push(if g == EMPTY { f } else { EMPTY });
            return;
        }
        if g == EMPTY {
            results.push(f);
            return;
        }
        if let Some(r) = self.cache.get(OP_WITHOUT, f, g) {
            results.push(r);
            return;
        }
        let nf = self.nodes[f as usize];
        let ng = self.nodes[g as usize];
        let memo = Memo::Cache(OP_WITHOUT, f, g);
        if nf.level < ng.level {
            tasks.push(Task::Make(nf.level, memo));
            tasks.push(Task::Without(nf.hi, g));
            tasks.push(Task::Without(nf.lo, g));
        } else if nf.level > ng.level {
            // g's top variable occurs in no set of f: its sets with it
            // cannot be subsets.
            tasks.push(Task::Record(memo));
            tasks.push(Task::Without(f, ng.lo));
        } else {
            tasks.push(Task::Make(nf.level, memo));
            tasks.push(Task::ThenWithout(ng.lo));
            tasks.push(Task::Without(nf.hi, ng.hi));
            tasks.push(Task::Without(nf.lo, ng.lo));
        }
    }

    fn step_union(&mut self, f: ZNode, g: ZNode, tasks: &mut Vec<Task>, results: &mut Vec<ZNode>) {
        if f == EMPTY || f == g {
            results.push(g);
            return;
        }
        if g == EMPTY {
            results.push(f);
            return;
        }
        let (f, g) = if f < g { (f, g) } else { (g, f) };
        if let Some(r) = self.cache.get(OP_UNION, f, g) {
            results.push(r);
            return;
        }
        let nf = self.nodes[f as usize];
        let ng = self.nodes[g as usize];
        let memo = Memo::Cache(OP_UNION, f, g);
        if nf.level < ng.level {
            tasks.push(Task::Make(nf.level, memo));
            tasks.push(Task::Lit(nf.hi));
            tasks.push(Task::Union(nf.lo, g));
        } else if nf.level > ng.level {
            tasks.push(Task::Make(ng.level, memo));
            tasks.push(Task::Lit(ng.hi));
            tasks.push(Task::Union(f, ng.lo));
        } else {
            tasks.push(Task::Make(nf.level, memo));
            tasks.push(Task::Union(nf.hi, ng.hi));
            tasks.push(Task::Union(nf.lo, ng.lo));
        }
    }

    fn step_product(
        &mut self,
        f: ZNode,
        g: ZNode,
        limit: u32,
        tasks: &mut Vec<Task>,
        results: &mut Vec<ZNode>,
    ) {
        if f == EMPTY || g == EMPTY {
            results.push(EMPTY);
            return;
        }
        if f == BASE {
            tasks.push(Task::Truncate(g, limit));
            return;
        }
        if g == BASE {
            tasks.push(Task::Truncate(f, limit));
            return;
        }
        if limit == 0 {
            results.push(EMPTY);
            return;
        }
        let (f, g) = if f < g { (f, g) } else { (g, f) };
        if let Some(&r) = self.product_memo.get(&(f, g, limit)) {
            results.push(r);
            return;
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
        // No limit stays no limit, so calls at every depth share memo
        // entries.
        let l1 = if limit >= NO_LIMIT { limit } else { limit - 1 };
        // x·(f1·g1 ∪ f1·g0 ∪ f0·g1) ∪ f0·g0; executed bottom to top.
        tasks.push(Task::Make(level, Memo::Product(f, g, limit)));
        tasks.push(Task::UnionTop2);
        tasks.push(Task::Product(f0, g1, l1));
        tasks.push(Task::UnionTop2);
        tasks.push(Task::Product(f1, g0, l1));
        tasks.push(Task::Product(f1, g1, l1));
        tasks.push(Task::Product(f0, g0, limit));
    }

    #[allow(clippy::too_many_arguments)]
    fn step_minsol(
        &mut self,
        bdd: &Bdd,
        probs: &[f64],
        f: Edge,
        limit: u32,
        threshold: f64,
        tasks: &mut Vec<Task>,
        results: &mut Vec<ZNode>,
    ) {
        if f == bdd::FALSE || threshold > 1.0 {
            results.push(EMPTY);
            return;
        }
        if f == bdd::TRUE {
            results.push(BASE);
            return;
        }
        if limit == 0 {
            results.push(if eval_all_false(bdd, f) { BASE } else { EMPTY });
            return;
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
            results.push(r);
            return;
        }
        let (f1, f0) = bdd.children(f);
        let p = probs[level as usize];
        let t1 = if threshold <= 0.0 {
            0.0
        } else if p <= 0.0 {
            f64::INFINITY
        } else {
            threshold / p
        };
        let limit1 = if limit == u32::MAX { limit } else { limit - 1 };
        tasks.push(Task::MinsolAfterLo {
            key,
            level,
            f1,
            limit1,
            t1,
        });
        tasks.push(Task::Minsol(f0, limit, threshold));
    }

    fn ctx(probs: &[f64]) -> Ctx<'_> {
        Ctx {
            bdd: None,
            probs,
            onset_level: 0,
        }
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
        let ctx = Ctx {
            bdd: Some(bdd),
            probs,
            onset_level: 0,
        };
        self.run(Task::Minsol(f, limit, threshold), ctx)
    }

    /// Set union of two families.
    pub fn union(&mut self, f: ZNode, g: ZNode) -> ZNode {
        self.run(Task::Union(f, g), Self::ctx(&[]))
    }

    /// `{a ∪ b | a ∈ f, b ∈ g, |a ∪ b| ≤ limit}` (not minimised).
    pub fn product(&mut self, f: ZNode, g: ZNode, limit: u32) -> ZNode {
        self.run(Task::Product(f, g, limit), Self::ctx(&[]))
    }

    /// The sets of at most `limit` elements.
    pub fn truncate(&mut self, z: ZNode, limit: u32) -> ZNode {
        self.run(Task::Truncate(z, limit), Self::ctx(&[]))
    }

    /// The minimal sets of a family (Rauzy's `minimal`).
    pub fn minimal(&mut self, z: ZNode) -> ZNode {
        self.run(Task::Minimal(z), Self::ctx(&[]))
    }

    /// The sets whose probability product is at least `threshold`.
    pub fn at_least_probable(&mut self, z: ZNode, probs: &[f64], threshold: f64) -> ZNode {
        self.run(Task::AtLeast(z, threshold), Self::ctx(probs))
    }

    /// An over-approximation of `z` with sets of at most `limit` elements:
    /// each longer set is replaced by its first `limit` elements (in level
    /// order), a subset — so "some set occurs" can only become more likely.
    /// Not minimised.
    pub fn truncate_up(&mut self, z: ZNode, limit: u32) -> ZNode {
        self.run(Task::TruncateUp(z, limit), Self::ctx(&[]))
    }

    /// An over-approximation of `z` without sets below `threshold`: where
    /// every set below a path is below it, the path itself (a subset of
    /// each) replaces them. Not minimised. `probs` must be the ones of
    /// every earlier call (the per-node maxima are memoised).
    pub fn at_least_probable_up(&mut self, z: ZNode, probs: &[f64], threshold: f64) -> ZNode {
        self.run(Task::AtLeastUp(z, threshold), Self::ctx(probs))
    }

    /// Largest probability product of one set of `z`, memoised across
    /// calls; computes the nodes not seen yet bottom-up (no recursion).
    fn max_product_of(&mut self, z: ZNode, probs: &[f64]) -> f64 {
        let known = |memo: &FxHashMap<ZNode, f64>, z: ZNode| match z {
            EMPTY => Some(0.0),
            BASE => Some(1.0),
            _ => memo.get(&z).copied(),
        };
        if let Some(v) = known(&self.max_product_memo, z) {
            return v;
        }
        let mut todo = Vec::new();
        let mut stack = vec![z];
        let mut seen = rustc_hash::FxHashSet::default();
        while let Some(z) = stack.pop() {
            if known(&self.max_product_memo, z).is_some() || !seen.insert(z) {
                continue;
            }
            todo.push(z);
            let n = self.nodes[z as usize];
            stack.push(n.hi);
            stack.push(n.lo);
        }
        todo.sort_unstable_by_key(|&z| std::cmp::Reverse(self.nodes[z as usize].level));
        for t in todo {
            let n = self.nodes[t as usize];
            let hi = known(&self.max_product_memo, n.hi).unwrap_or(0.0);
            let lo = known(&self.max_product_memo, n.lo).unwrap_or(0.0);
            let v = (probs[n.level as usize] * hi).max(lo);
            self.max_product_memo.insert(t, v);
        }
        known(&self.max_product_memo, z).unwrap_or(0.0)
    }

    /// The sets that contain the variable at `level`, as a subfamily.
    pub fn onset(&mut self, z: ZNode, level: u32) -> ZNode {
        self.onset_memo.clear();
        let ctx = Ctx {
            bdd: None,
            probs: &[],
            onset_level: level,
        };
        self.run(Task::Onset(z), ctx)
    }

    /// `{{x}}`: the family holding the single one-element set.
    pub fn singleton(&mut self, level: u32) -> ZNode {
        self.make(level, BASE, EMPTY)
    }

    /// Checks the deadline; call between steps of a long computation.
    pub fn check_deadline(&mut self) -> bool {
        if self.deadline.is_some_and(|d| std::time::Instant::now() > d) {
            self.timed_out = true;
        }
        self.timed_out
    }

    pub fn grow_cache(&mut self) {
        let spare = self.memory_budget.saturating_sub(self.memory_bytes());
        self.cache.maybe_grow_within(self.nodes.len(), spare / 2);
    }

    /// The internal nodes reachable from `root`, children before parents
    /// (a child always tests a later level than its parent).
    pub fn bottom_up(&self, root: ZNode) -> Vec<ZNode> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack = vec![root];
        let mut out = Vec::new();
        while let Some(z) = stack.pop() {
            if z <= BASE || !seen.insert(z) {
                continue;
            }
            out.push(z);
            let n = self.nodes[z as usize];
            stack.push(n.hi);
            stack.push(n.lo);
        }
        out.sort_unstable_by_key(|&z| std::cmp::Reverse(self.nodes[z as usize].level));
        out
    }

    /// Number of sets, saturating at `u128::MAX`.
    pub fn count(&self, root: ZNode) -> u128 {
        let mut memo: FxHashMap<ZNode, u128> = FxHashMap::default();
        let value = |memo: &FxHashMap<ZNode, u128>, z: ZNode| {
            if z <= BASE { z as u128 } else { memo[&z] }
        };
        for z in self.bottom_up(root) {
            let n = self.nodes[z as usize];
            let c = value(&memo, n.hi).saturating_add(value(&memo, n.lo));
            memo.insert(z, c);
        }
        value(&memo, root)
    }

    /// Number of sets of each order (index = order). A node's vector is
    /// moved, not copied, into its last parent, and shifting by one order is
    /// a `push_front`: a chain of n nodes costs O(n), not O(n²).
    pub fn distribution(&self, root: ZNode) -> Vec<u128> {
        let order = self.bottom_up(root);
        let mut parents: FxHashMap<ZNode, u32> = FxHashMap::default();
        for &z in &order {
            let n = self.nodes[z as usize];
            *parents.entry(n.hi).or_insert(0) += 1;
            *parents.entry(n.lo).or_insert(0) += 1;
        }
        let mut memo: FxHashMap<ZNode, VecDeque<u128>> = FxHashMap::default();
        let mut take = |memo: &mut FxHashMap<ZNode, VecDeque<u128>>, z: ZNode| -> VecDeque<u128> {
            if z <= BASE {
                return VecDeque::from([z as u128]);
            }
            let left = parents.get_mut(&z).map(|c| {
                *c -= 1;
                *c
            });
            if left == Some(0) {
                memo.remove(&z).unwrap_or_default()
            } else {
                memo.get(&z).cloned().unwrap_or_default()
            }
        };
        for &z in &order {
            let n = self.nodes[z as usize];
            let mut hi = take(&mut memo, n.hi);
            hi.push_front(0);
            let lo = take(&mut memo, n.lo);
            let (mut d, other) = if hi.len() >= lo.len() {
                (hi, lo)
            } else {
                (lo, hi)
            };
            for (slot, c) in d.iter_mut().zip(other) {
                *slot = slot.saturating_add(c);
            }
            memo.insert(z, d);
        }
        let mut d: Vec<u128> = if root <= BASE {
            vec![root as u128]
        } else {
            memo.remove(&root).unwrap_or_default().into()
        };
        while d.len() > 1 && d.last() == Some(&0) {
            d.pop();
        }
        d
    }

    /// Σ over sets of Π p(x)^power: power 1 is the rare-event approximation.
    pub fn power_sum(&self, root: ZNode, probs: &[f64], power: i32) -> f64 {
        self.power_sum_in(&self.bottom_up(root), root, probs, power)
    }

    /// [`Self::power_sum`] with the node order of [`Self::bottom_up`]
    /// computed once (the MCUB series calls it many times).
    pub fn power_sum_in(&self, order: &[ZNode], root: ZNode, probs: &[f64], power: i32) -> f64 {
        self.fold(order, root, &|level, hi, lo| {
            probs[level as usize].powi(power) * hi + lo
        })
    }

    /// The largest probability product of one set.
    pub fn max_product(&self, root: ZNode, probs: &[f64]) -> f64 {
        self.fold(&self.bottom_up(root), root, &|level, hi, lo| {
            (probs[level as usize] * hi).max(lo)
        })
    }

    fn fold(&self, order: &[ZNode], root: ZNode, op: &dyn Fn(u32, f64, f64) -> f64) -> f64 {
        let mut memo: FxHashMap<ZNode, f64> = FxHashMap::default();
        memo.reserve(order.len());
        let value = |memo: &FxHashMap<ZNode, f64>, z: ZNode| match z {
            EMPTY => 0.0,
            BASE => 1.0,
            _ => memo[&z],
        };
        for &z in order {
            let n = self.nodes[z as usize];
            let v = op(n.level, value(&memo, n.hi), value(&memo, n.lo));
            memo.insert(z, v);
        }
        value(&memo, root)
    }

    /// Calls `visit` with the levels of each set, in ZBDD order, until it
    /// returns `false`. Depth-first on an explicit stack.
    pub fn for_each(&self, root: ZNode, visit: &mut dyn FnMut(&[u32]) -> bool) {
        let mut path: Vec<u32> = Vec::new();
        let mut stack = vec![(root, 0usize)];
        while let Some((z, depth)) = stack.pop() {
            path.truncate(depth);
            if z == EMPTY {
                continue;
            }
            if z == BASE {
                if !visit(&path) {
                    return;
                }
                continue;
            }
            let n = self.nodes[z as usize];
            stack.push((n.lo, depth));
            path.push(n.level);
            stack.push((n.hi, depth + 1));
        }
    }
}

impl Zbdd {
    /// Visits the sets of `root` best first — fewest elements first, then
    /// the largest product of `probs` (ties: first found) — with each set's
    /// levels (root to leaf, as [`Zbdd::for_each`]) and product, until
    /// `visit` returns `false`.
    ///
    /// A best-first search over the diagram's paths: each node's best
    /// completion (order, product) is computed bottom-up, so the estimate
    /// of a partial path is exact and every set popped is the next one;
    /// listing `k` sets costs `O(k · depth · log)`, not the whole family.
    /// No recursion: an explicit heap and a parent-pointer arena.
    pub fn for_each_best_first(
        &self,
        root: ZNode,
        probs: &[f64],
        visit: &mut dyn FnMut(&[u32], f64) -> bool,
    ) {
        if root == EMPTY {
            return;
        }
        let mut best: FxHashMap<ZNode, (u32, f64)> = FxHashMap::default();
        let value = |best: &FxHashMap<ZNode, (u32, f64)>, z: ZNode| -> Option<(u32, f64)> {
            match z {
                EMPTY => None,
                BASE => Some((0, 1.0)),
                _ => best.get(&z).copied(),
            }
        };
        for z in self.bottom_up(root) {
            let n = self.nodes[z as usize];
            let hi = value(&best, n.hi).map(|(o, p)| (o + 1, probs[n.level as usize] * p));
            let lo = value(&best, n.lo);
            let b = match (hi, lo) {
                (Some(h), Some(l)) => {
                    if better(l, h) {
                        l
                    } else {
                        h
                    }
                }
                (Some(h), None) => h,
                (None, Some(l)) => l,
                (None, None) => continue,
            };
            best.insert(z, b);
        }
        const NO_PARENT: usize = usize::MAX;
        // (parent, level) of every partial path's last element.
        let mut arena: Vec<(usize, u32)> = Vec::new();
        let mut heap = std::collections::BinaryHeap::new();
        let mut seq = 0u64;
        if let Some(estimate) = value(&best, root) {
            heap.push(Frontier {
                estimate,
                seq,
                node: root,
                tail: NO_PARENT,
                order: 0,
                product: 1.0,
            });
        }
        let mut levels = Vec::new();
        while let Some(f) = heap.pop() {
            if f.node == BASE {
                levels.clear();
                let mut at = f.tail;
                while at != NO_PARENT {
                    levels.push(arena[at].1);
                    at = arena[at].0;
                }
                levels.reverse();
                if !visit(&levels, f.product) {
                    return;
                }
                continue;
            }
            let n = self.nodes[f.node as usize];
            if let Some((o, p)) = value(&best, n.hi) {
                arena.push((f.tail, n.level));
                let product = f.product * probs[n.level as usize];
                seq += 1;
                heap.push(Frontier {
                    estimate: (f.order + 1 + o, product * p),
                    seq,
                    node: n.hi,
                    tail: arena.len() - 1,
                    order: f.order + 1,
                    product,
                });
            }
            if let Some((o, p)) = value(&best, n.lo) {
                seq += 1;
                heap.push(Frontier {
                    estimate: (f.order + o, f.product * p),
                    seq,
                    node: n.lo,
                    tail: f.tail,
                    order: f.order,
                    product: f.product,
                });
            }
        }
    }
}

/// The probability as a listing key: NaN (no probability) ranks last.
fn rank(p: f64) -> f64 {
    if p.is_nan() { f64::NEG_INFINITY } else { p }
}

/// `a` lists before `b`: fewer elements, or as many and more probable.
fn better(a: (u32, f64), b: (u32, f64)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && rank(a.1) > rank(b.1))
}

/// A partial path of [`Zbdd::for_each_best_first`]: its best completion's
/// (order, product) and where it stands.
struct Frontier {
    estimate: (u32, f64),
    seq: u64,
    node: ZNode,
    tail: usize,
    order: u32,
    product: f64,
}

impl Ord for Frontier {
    /// The max-heap pops the greatest: the best estimate, then the earliest.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .estimate
            .0
            .cmp(&self.estimate.0)
            .then(rank(self.estimate.1).total_cmp(&rank(other.estimate.1)))
            .then(other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Frontier {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Frontier {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Frontier {}

/// Value of `f` when every variable is false: follow the low edges.
fn eval_all_false(bdd: &Bdd, mut f: Edge) -> bool {
    while bdd::index(f) != 0 {
        f = bdd.children(f).1;
    }
    f == bdd::TRUE
}
