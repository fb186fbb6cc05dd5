//! Reduced ordered binary decision diagrams with complement edges.
//!
//! Hand-written rather than taken from a crate for two reasons: speed (flat
//! `u32` node arrays, an open-addressing unique table and a lossy computed
//! table, no reference counting on the hot path) and control (the variable
//! order is fixed by our fault-tree heuristics and the minimal-cut-set
//! algorithm needs to walk nodes directly).
//!
//! An [`Edge`] is `node_index << 1 | complement_bit`. Node 0 is the terminal
//! `1`, so edge `0` is *true* and edge `1` is *false*. The high (then) edge of
//! every stored node is regular, which makes the representation canonical.

/// A pointer to a BDD node, with the complement flag in bit 0.
pub(crate) type Edge = u32;

pub(crate) const TRUE: Edge = 0;
pub(crate) const FALSE: Edge = 1;
/// Level of the terminal: below every variable.
pub(crate) const TERMINAL_LEVEL: u32 = u32::MAX;

#[derive(Clone, Copy)]
pub(crate) struct Node {
    pub level: u32,
    pub hi: Edge,
    pub lo: Edge,
}

#[inline]
pub(crate) fn regular(e: Edge) -> Edge {
    e & !1
}

#[inline]
pub(crate) fn index(e: Edge) -> usize {
    (e >> 1) as usize
}

#[inline]
fn hash3(a: u32, b: u32, c: u32) -> u64 {
    // Multiplicative mixing: cheap and good enough for power-of-two tables.
    let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ (c as u64).wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 29)
}

/// Open-addressing hash table from node contents to node index. Slots
/// carry the key next to the index so a probe costs one cache miss, not two.
/// Shared by the BDD and the ZBDD managers.
pub(crate) struct UniqueTable {
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    level: u32,
    hi: u32,
    lo: u32,
    id: u32,
}

const EMPTY_SLOT: Slot = Slot {
    level: u32::MAX,
    hi: 0,
    lo: 0,
    id: u32::MAX,
};

impl UniqueTable {
    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>()
    }

    /// Bytes the next insertion allocates on top of [`Self::bytes`] (the
    /// doubled table, while the old one is still alive), or 0.
    pub fn growth_bytes(&self) -> usize {
        if (self.len + 1) * 2 > self.slots.len() {
            2 * self.bytes()
        } else {
            0
        }
    }

    pub fn new() -> Self {
        UniqueTable {
            slots: vec![EMPTY_SLOT; 1 << 12],
            len: 0,
        }
    }

    /// Finds the node `(level, hi, lo)` or appends it to `nodes`.
    #[inline]
    pub fn find_or_insert(&mut self, nodes: &mut Vec<Node>, level: u32, hi: u32, lo: u32) -> u32 {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = hash3(level, hi, lo) as usize & mask;
        loop {
            let s = self.slots[i];
            if s.id == u32::MAX {
                let id = nodes.len() as u32;
                nodes.push(Node { level, hi, lo });
                self.slots[i] = Slot { level, hi, lo, id };
                self.len += 1;
                return id;
            }
            if s.level == level && s.hi == hi && s.lo == lo {
                return s.id;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let new_len = self.slots.len() * 2;
        let mut slots = vec![EMPTY_SLOT; new_len];
        let mask = new_len - 1;
        for s in &self.slots {
            if s.id == u32::MAX {
                continue;
            }
            let mut i = hash3(s.level, s.hi, s.lo) as usize & mask;
            while slots[i].id != u32::MAX {
                i = (i + 1) & mask;
            }
            slots[i] = *s;
        }
        self.slots = slots;
    }
}

/// A direct-mapped, lossy cache of binary operation results (the
/// "computed table"). Losing an entry only costs a recomputation. Key and
/// result share one 16-byte entry: one cache miss per lookup.
pub(crate) struct ComputedTable {
    entries: Vec<[u32; 4]>,
}

impl ComputedTable {
    pub fn new(bits: u32) -> Self {
        ComputedTable {
            entries: vec![[u32::MAX; 4]; 1 << bits],
        }
    }

    #[inline]
    fn slot(&self, op: u32, a: u32, b: u32) -> usize {
        hash3(op, a, b) as usize & (self.entries.len() - 1)
    }

    #[inline]
    pub fn get(&self, op: u32, a: u32, b: u32) -> Option<u32> {
        let e = self.entries[self.slot(op, a, b)];
        if e[0] == op && e[1] == a && e[2] == b {
            Some(e[3])
        } else {
            None
        }
    }

    #[inline]
    pub fn put(&mut self, op: u32, a: u32, b: u32, r: u32) {
        let i = self.slot(op, a, b);
        self.entries[i] = [op, a, b, r];
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.entries.len() * 16
    }

    pub fn capacity(&self) -> usize {
        if self.entries.len() >= MAX_CACHE {
            usize::MAX
        } else {
            self.entries.len()
        }
    }

    /// A too-small cache makes apply exponential in practice.
    /// Keeps the cache roughly proportional to the diagram, unless the
    /// larger table would not fit in `spare` more bytes (the cache is only a
    /// speed-up).
    pub fn maybe_grow_within(&mut self, nodes: usize, spare: usize) {
        let want = nodes.next_power_of_two().min(MAX_CACHE);
        if want > self.entries.len() && want * 16 <= spare {
            *self = ComputedTable::new(want.trailing_zeros());
        }
    }
}

/// 2^23 entries of 16 bytes: 128 MiB at most (larger tables were not faster).
const MAX_CACHE: usize = 1 << 23;

const OP_AND: u32 = 1;
const OP_XOR: u32 = 2;
/// ITE cache entries: this bit set, the else-operand in the low bits.
const OP_ITE: u32 = 1 << 31;

/// A BDD manager: owns every node built so far.
pub(crate) struct Bdd {
    pub nodes: Vec<Node>,
    unique: UniqueTable,
    cache: ComputedTable,
    /// Past this many nodes operations stop early and return garbage; the
    /// caller checks [`Bdd::exhausted`] and gives up on this variable order.
    budget: usize,
    deadline: Option<std::time::Instant>,
    /// Set by a competing variable order that finished first.
    cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    pub timed_out: bool,
    /// Bytes the diagrams may hold (nodes, unique and computed tables).
    memory_budget: usize,
    /// Set when an allocation would have passed `memory_budget`.
    pub out_of_memory: bool,
    stack: Vec<Frame>,
    ite_stack: Vec<IteFrame>,
    results: Vec<Edge>,
}

/// A pending step of an iterative ITE.
#[derive(Clone, Copy)]
enum IteFrame {
    Call(Edge, Edge, Edge),
    Make {
        key: u32,
        f: Edge,
        g: Edge,
        level: u32,
        parity: Edge,
    },
}

/// A pending step of an iterative apply.
#[derive(Clone, Copy)]
enum Frame {
    /// Compute `op(f, g)` and push the result.
    Call(Edge, Edge),
    /// Pop the high then the low result, make the node, cache it.
    Make {
        f: Edge,
        g: Edge,
        level: u32,
        parity: Edge,
    },
}

/// Bytes of one stored node (the nodes vector only).
const NODE_BYTES: usize = std::mem::size_of::<Node>();

impl Bdd {
    pub fn new() -> Self {
        Bdd {
            nodes: vec![Node {
                level: TERMINAL_LEVEL,
                hi: TRUE,
                lo: TRUE,
            }],
            unique: UniqueTable::new(),
            cache: ComputedTable::new(16),
            budget: usize::MAX,
            deadline: None,
            cancel: None,
            timed_out: false,
            memory_budget: usize::MAX,
            out_of_memory: false,
            stack: Vec::new(),
            ite_stack: Vec::new(),
            results: Vec::new(),
        }
    }

    /// Limits the bytes this manager's tables may hold; past it
    /// [`Bdd::out_of_memory`] is set and every operation unwinds.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.memory_budget = bytes;
    }

    /// Bytes held now by the nodes, the unique table and the computed table.
    pub fn memory_bytes(&self) -> usize {
        self.nodes.capacity() * NODE_BYTES + self.unique.bytes() + self.cache.bytes()
    }

    pub fn with_limits(
        budget: usize,
        deadline: Option<std::time::Instant>,
        cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    ) -> Self {
        Bdd {
            budget,
            deadline,
            cancel,
            ..Bdd::new()
        }
    }

    /// After a successful compilation: later work on this manager (importance
    /// measures) must not be cut short by the compile budget or by the
    /// race's cancel flag, which the winner itself raises.
    pub fn keep_for_analysis(&mut self, max_nodes: usize) {
        self.budget = max_nodes;
        self.cancel = None;
        self.stack = Vec::new();
        self.ite_stack = Vec::new();
        self.results = Vec::new();
    }

    pub fn exhausted(&self) -> bool {
        self.nodes.len() > self.budget || self.out_of_memory
    }

    #[inline]
    pub fn level(&self, e: Edge) -> u32 {
        self.nodes[index(e)].level
    }

    /// The (high, low) cofactors of `e`, with its complement pushed down.
    #[inline]
    pub fn children(&self, e: Edge) -> (Edge, Edge) {
        let n = self.nodes[index(e)];
        let c = e & 1;
        (n.hi ^ c, n.lo ^ c)
    }

    /// Cofactors with respect to `level` (identity if `e` does not test it).
    #[inline]
    fn cofactors(&self, e: Edge, level: u32) -> (Edge, Edge) {
        if self.level(e) == level {
            self.children(e)
        } else {
            (e, e)
        }
    }

    pub fn var(&mut self, level: u32) -> Edge {
        self.make(level, TRUE, FALSE)
    }

    #[inline]
    fn make(&mut self, level: u32, hi: Edge, lo: Edge) -> Edge {
        if hi == lo {
            return hi;
        }
        // Canonical form: the high edge is regular.
        let c = hi & 1;
        if self.out_of_memory {
            return FALSE;
        }
        if self.nodes.len() >= self.cache.capacity() {
            // Grow with the diagram, even in the middle of one apply: a
            // cache much smaller than the diagram makes apply exponential.
            let spare = self.memory_budget.saturating_sub(self.memory_bytes());
            self.cache
                .maybe_grow_within(self.nodes.len() * 2, spare / 2);
        }
        // The two allocations that grow with the diagram (the node vector and
        // the unique table double): refuse the one that would pass the
        // budget, before it happens.
        let grow_nodes = if self.nodes.len() == self.nodes.capacity() {
            2 * self.nodes.capacity().max(4) * NODE_BYTES
        } else {
            0
        };
        let grow = grow_nodes + self.unique.growth_bytes();
        if grow > 0 && self.memory_bytes().saturating_add(grow) > self.memory_budget {
            self.out_of_memory = true;
            return FALSE;
        }
        let before = self.nodes.len();
        let id = self
            .unique
            .find_or_insert(&mut self.nodes, level, hi ^ c, lo ^ c);
        if self.nodes.len() != before && self.nodes.len() & 0xFFFF == 0 {
            self.check_limits();
        }
        (id << 1) | c
    }

    /// Out of time, or beaten by another order: exhaust the budget so every
    /// pending operation unwinds at once.
    #[cold]
    fn check_limits(&mut self) {
        let late = self.deadline.is_some_and(|d| std::time::Instant::now() > d);
        let beaten = self
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
        if late || beaten {
            self.timed_out |= late;
            self.budget = 0;
        }
    }

    /// Conjunction. Iterative (an explicit stack, not the call stack): the
    /// depth of an apply is the number of variables, which the input sets.
    pub fn and(&mut self, f: Edge, g: Edge) -> Edge {
        self.apply(OP_AND, f, g)
    }

    pub fn or(&mut self, f: Edge, g: Edge) -> Edge {
        self.apply(OP_AND, f ^ 1, g ^ 1) ^ 1
    }

    pub fn xor(&mut self, f: Edge, g: Edge) -> Edge {
        self.apply(OP_XOR, f, g)
    }

    /// Terminal cases of `op`, or the normalised operands and the parity to
    /// apply to the result (XOR factors complements out; only regular pairs
    /// are cached).
    #[inline]
    fn terminal(op: u32, f: Edge, g: Edge) -> Result<Edge, (Edge, Edge, Edge)> {
        if op == OP_AND {
            if f == FALSE || g == FALSE || f == (g ^ 1) {
                return Ok(FALSE);
            }
            if f == TRUE || f == g {
                return Ok(g);
            }
            if g == TRUE {
                return Ok(f);
            }
            Err(if f < g { (f, g, 0) } else { (g, f, 0) })
        } else {
            let parity = (f ^ g) & 1;
            let (f, g) = (regular(f), regular(g));
            if f == g {
                return Ok(FALSE ^ parity);
            }
            if f == TRUE {
                return Ok(g ^ 1 ^ parity);
            }
            if g == TRUE {
                return Ok(f ^ 1 ^ parity);
            }
            Err(if f < g {
                (f, g, parity)
            } else {
                (g, f, parity)
            })
        }
    }

    /// Shannon expansion of `op` (AND or XOR) on an explicit stack. Past the
    /// node or memory budget every pending call answers FALSE at once; the
    /// caller checks [`Bdd::exhausted`].
    fn apply(&mut self, op: u32, f: Edge, g: Edge) -> Edge {
        let mut stack = std::mem::take(&mut self.stack);
        let mut results = std::mem::take(&mut self.results);
        stack.clear();
        results.clear();
        stack.push(Frame::Call(f, g));
        while let Some(frame) = stack.pop() {
            match frame {
                Frame::Call(f, g) => {
                    if self.exhausted() {
                        results.push(FALSE);
                        continue;
                    }
                    let (f, g, parity) = match Self::terminal(op, f, g) {
                        Ok(r) => {
                            results.push(r);
                            continue;
                        }
                        Err(x) => x,
                    };
                    if let Some(r) = self.cache.get(op, f, g) {
                        results.push(r ^ parity);
                        continue;
                    }
                    let level = self.level(f).min(self.level(g));
                    let (f1, f0) = self.cofactors(f, level);
                    let (g1, g0) = self.cofactors(g, level);
                    stack.push(Frame::Make {
                        f,
                        g,
                        level,
                        parity,
                    });
                    // Low first, so the high result ends on top.
                    stack.push(Frame::Call(f1, g1));
                    stack.push(Frame::Call(f0, g0));
                }
                Frame::Make {
                    f,
                    g,
                    level,
                    parity,
                } => {
                    let hi = results.pop().unwrap_or(FALSE);
                    let lo = results.pop().unwrap_or(FALSE);
                    let r = self.make(level, hi, lo);
                    self.cache.put(op, f, g, r);
                    results.push(r ^ parity);
                }
            }
        }
        let r = results.pop().unwrap_or(FALSE);
        self.stack = stack;
        self.results = results;
        r
    }

    /// If-then-else `c ? t : e` as one three-operand apply: unlike
    /// `(c ∧ t) ∨ (¬c ∧ e)` it builds no intermediate diagrams, which matters
    /// for k-of-n gates (one ITE per input and count). Iterative.
    pub fn ite(&mut self, c: Edge, t: Edge, e: Edge) -> Edge {
        let mut stack = std::mem::take(&mut self.ite_stack);
        let mut results = std::mem::take(&mut self.results);
        stack.clear();
        results.clear();
        stack.push(IteFrame::Call(c, t, e));
        while let Some(frame) = stack.pop() {
            match frame {
                IteFrame::Call(f, g, h) => {
                    if self.exhausted() {
                        results.push(FALSE);
                        continue;
                    }
                    let (f, g, h, parity) = match Self::ite_terminal(f, g, h) {
                        Ok(r) => {
                            results.push(r);
                            continue;
                        }
                        Err(x) => x,
                    };
                    // The key packs `h` in the op word: edges stay below 2^31.
                    let key = OP_ITE | h;
                    if let Some(r) = self.cache.get(key, f, g) {
                        results.push(r ^ parity);
                        continue;
                    }
                    let level = self.level(f).min(self.level(g)).min(self.level(h));
                    let (f1, f0) = self.cofactors(f, level);
                    let (g1, g0) = self.cofactors(g, level);
                    let (h1, h0) = self.cofactors(h, level);
                    stack.push(IteFrame::Make {
                        key,
                        f,
                        g,
                        level,
                        parity,
                    });
                    stack.push(IteFrame::Call(f1, g1, h1));
                    stack.push(IteFrame::Call(f0, g0, h0));
                }
                IteFrame::Make {
                    key,
                    f,
                    g,
                    level,
                    parity,
                } => {
                    let hi = results.pop().unwrap_or(FALSE);
                    let lo = results.pop().unwrap_or(FALSE);
                    let r = self.make(level, hi, lo);
                    self.cache.put(key, f, g, r);
                    results.push(r ^ parity);
                }
            }
        }
        let r = results.pop().unwrap_or(FALSE);
        self.ite_stack = stack;
        self.results = results;
        r
    }

    /// Terminal cases of ITE, or its normalised operands (`f` and `g`
    /// regular) with the parity to apply to the result.
    #[inline]
    fn ite_terminal(f: Edge, g: Edge, h: Edge) -> Result<Edge, (Edge, Edge, Edge, Edge)> {
        if f == TRUE {
            return Ok(g);
        }
        if f == FALSE {
            return Ok(h);
        }
        // Operands equal to the condition (or its negation) are constants.
        let g = if g == f {
            TRUE
        } else if g == f ^ 1 {
            FALSE
        } else {
            g
        };
        let h = if h == f {
            FALSE
        } else if h == f ^ 1 {
            TRUE
        } else {
            h
        };
        if g == h {
            return Ok(g);
        }
        if g == TRUE && h == FALSE {
            return Ok(f);
        }
        if g == FALSE && h == TRUE {
            return Ok(f ^ 1);
        }
        // ite(¬f, g, h) = ite(f, h, g); ite(f, ¬g, ¬h) = ¬ite(f, g, h).
        let (f, g, h) = if f & 1 == 1 { (f ^ 1, h, g) } else { (f, g, h) };
        let parity = g & 1;
        Err((f, g ^ parity, h ^ parity, parity))
    }

    /// Called between gates so the computed table keeps pace with growth.
    pub fn tune_cache(&mut self) {
        let spare = self.memory_budget.saturating_sub(self.memory_bytes());
        self.cache.maybe_grow_within(self.nodes.len(), spare / 2);
    }

    /// Garbage collection by copying: keeps only the nodes reachable from
    /// `roots` (rewritten in place), renumbered in creation order — children
    /// are always created before their parents, so one forward pass
    /// suffices. Clears the computed table.
    pub fn compact(&mut self, roots: &mut [Edge]) {
        let mut live = vec![false; self.nodes.len()];
        live[0] = true;
        let mut stack: Vec<usize> = roots.iter().map(|&e| index(e)).collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut live[i], true) {
                continue;
            }
            let n = self.nodes[i];
            stack.push(index(n.hi));
            stack.push(index(n.lo));
        }
        let mut new_index = vec![u32::MAX; self.nodes.len()];
        new_index[0] = 0;
        let remap = |e: Edge, new_index: &[u32]| (new_index[index(e)] << 1) | (e & 1);
        let mut nodes = vec![self.nodes[0]];
        let mut unique = UniqueTable::new();
        for i in 1..self.nodes.len() {
            if !live[i] {
                continue;
            }
            let n = self.nodes[i];
            let (hi, lo) = (remap(n.hi, &new_index), remap(n.lo, &new_index));
            new_index[i] = unique.find_or_insert(&mut nodes, n.level, hi, lo);
        }
        for r in roots.iter_mut() {
            *r = remap(*r, &new_index);
        }
        self.nodes = nodes;
        self.unique = unique;
        self.cache = ComputedTable::new(16);
    }

    /// Number of nodes reachable from `root` (the diagram's size).
    pub fn size(&self, root: Edge) -> usize {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack = vec![index(root)];
        while let Some(i) = stack.pop() {
            if i == 0 || !seen.insert(i) {
                continue;
            }
            let n = self.nodes[i];
            stack.push(index(n.hi));
            stack.push(index(n.lo));
        }
        seen.len() + 1
    }
}
