//! From a fault tree to numbers: BDD compilation, exact probability, minimal
//! cut sets, approximations and importance measures.

use rustc_hash::FxHashMap;
use serde::Serialize;

#[path = "budget.rs"]
mod budget;

use crate::bdd::{self, Bdd, Edge};
use crate::error::Error;
use crate::order::{self, VariableOrdering};
use crate::tree::{Connective, FaultTree, Formula, NodeRef};
use crate::zbdd::{self, ZNode, Zbdd};

/// What to compute, and the truncation of the cut-set search.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Keep only minimal cut sets of at most this many events.
    pub order_limit: Option<usize>,
    /// Drop minimal cut sets whose probability is below this value.
    pub cutoff: Option<f64>,
    /// Compute the minimal cut sets (a ZBDD) at all; the exact probability
    /// needs only the BDD.
    pub minimal_cut_sets: bool,
    /// Compute [`ImportanceMeasures`] for every basic event.
    pub importance: bool,
    /// BDD variable ordering.
    pub ordering: VariableOrdering,
    /// `true` (default): compile a BDD, whose exact probability and
    /// importance measures come for free. `false`: skip the BDD and build the
    /// minimal cut sets bottom-up on ZBDDs, truncating at every gate — for
    /// coherent trees whose BDD is too large, with an order limit or a
    /// cut-off; the probability is then only approximated (rare event, MCUB)
    /// and reported as NaN.
    pub exact_probability: bool,
    /// Give up with [`Error::TimedOut`] after this long (checked while the
    /// diagrams grow, so the overshoot is small).
    pub time_limit: Option<std::time::Duration>,
    /// Bytes the diagrams (nodes, hash tables, memos) may hold before the
    /// analysis stops with [`Error::MemoryLimit`]; `None`: half the RAM,
    /// see [`Settings::default_memory_limit`]. With `Auto` ordering the racing
    /// orders share it.
    pub memory_limit: Option<u64>,
}

impl Settings {
    /// The memory budget used when [`Settings::memory_limit`] is `None`:
    /// half the physical memory, at most half the address-space limit
    /// (`ulimit -v`), in bytes.
    pub fn default_memory_limit() -> u64 {
        budget::default_memory_limit()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            order_limit: None,
            cutoff: None,
            minimal_cut_sets: true,
            importance: false,
            ordering: VariableOrdering::default(),
            exact_probability: true,
            time_limit: None,
            memory_limit: None,
        }
    }
}

/// One minimal cut set: a smallest combination of basic events whose joint
/// occurrence causes the top event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MinimalCutSet {
    /// Names of the basic events, in BDD variable order.
    pub events: Vec<String>,
    /// Product of their probabilities.
    pub probability: f64,
}

/// Extra cut sets [`Analysis::listed_cut_sets`] reads past the `max`-th to
/// break ties of order and probability by name; past it, tied sets keep
/// the search's order (still the same for the same model).
pub const LISTING_TIES: usize = 10_000;

impl MinimalCutSet {
    /// The listing order of cut sets (`cordon fta --list`): by order
    /// (fewest events first), then probability descending (NaN — no
    /// probability — last), then the event names, for determinism.
    pub fn listing_cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |p: f64| if p.is_nan() { f64::NEG_INFINITY } else { p };
        self.events
            .len()
            .cmp(&other.events.len())
            .then(rank(other.probability).total_cmp(&rank(self.probability)))
            .then_with(|| self.events.cmp(&other.events))
    }

    /// Sorts `sets` in [`MinimalCutSet::listing_cmp`] order.
    pub fn sort_for_listing(sets: &mut [MinimalCutSet]) {
        sets.sort_by(MinimalCutSet::listing_cmp);
    }

    /// The empty cut set ("Unity" in SCRAM's words): the top event occurs
    /// without any basic event failing.
    pub fn is_unity(&self) -> bool {
        self.events.is_empty()
    }
}

/// Importance of one basic event for the top event (definitions in
/// `docs/continuity.md`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportanceMeasures {
    /// The basic event.
    pub event: String,
    /// Its probability.
    pub probability: f64,
    /// Birnbaum: `P(top | e) - P(top | ¬e)`.
    pub birnbaum: f64,
    /// Criticality: `birnbaum · p(e) / P(top)`.
    pub criticality: f64,
    /// Fussell-Vesely: `P(top ∧ some minimal cut set containing e occurs) / P(top)`.
    pub fussell_vesely: f64,
    /// Risk achievement worth: `P(top | e) / P(top)`.
    pub raw: f64,
    /// Risk reduction worth: `P(top) / P(top | ¬e)`.
    pub rrw: f64,
}

/// Summary of an analysis, ready to serialise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Top event name.
    pub top: Option<String>,
    /// Number of basic events in the model.
    pub basic_events: usize,
    /// Number of gates in the model.
    pub gates: usize,
    /// Whether the tree is free of NOT and XOR.
    pub coherent: bool,
    /// Number of minimal cut sets (within the order limit and cut-off).
    pub mcs_count: u128,
    /// `distribution[k]` = number of minimal cut sets of order `k`.
    pub distribution: Vec<u128>,
    /// The only minimal cut set is the empty one ("Unity" in SCRAM): the
    /// top event needs no basic event to fail — certain, or (non-coherent
    /// trees, event-tree success branches) decided by negated events alone.
    /// The rare-event and MCUB approximations (≥ 1) mean nothing then.
    pub unity: bool,
    /// Exact top-event probability (BDD).
    pub probability: f64,
    /// Rare-event approximation: sum of the cut-set probabilities.
    pub rare_event: f64,
    /// Min-cut upper bound: `1 - Π (1 - P(C))`.
    pub mcub: f64,
    /// The order limit applied, if any.
    pub order_limit: Option<usize>,
    /// The probability cut-off applied, if any.
    pub cutoff: Option<f64>,
    /// Variable ordering used (the one kept when `Auto` was asked for).
    pub ordering: VariableOrdering,
    /// Nodes of the top-event BDD.
    pub bdd_nodes: usize,
    /// Nodes of the minimal-cut-set ZBDD.
    pub zbdd_nodes: usize,
    /// How the numbers were obtained: `bdd` (exact probability),
    /// `zbdd` (cut sets bottom-up, coherent tree) or
    /// `zbdd-coherent-approximation` (non-coherent tree: negated events
    /// taken as certain, see [`Report::note`]).
    pub method: &'static str,
    /// `true` when `probability` is not exact: no BDD (NaN), or the cut
    /// sets are those of an approximation of the tree.
    pub approximate: bool,
    /// What the approximation is and what it guarantees, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Importance measures, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<Vec<ImportanceMeasures>>,
}

/// The result of [`FaultTree::analyze`]: holds the diagrams, so cut sets can
/// be listed on demand without materialising them all.
pub struct Analysis {
    names: Vec<String>,
    /// Probability of the event tested at each level.
    probs: Vec<f64>,
    bdd: Bdd,
    root: Edge,
    zbdd: Zbdd,
    mcs: Option<ZNode>,
    report: Report,
}

impl FaultTree {
    /// Compiles the tree to a BDD and computes what `settings` asks for.
    pub fn analyze(&self, settings: &Settings) -> Result<Analysis, Error> {
        if let Some(c) = settings.cutoff
            && !(0.0..=1.0).contains(&c)
        {
            return Err(Error::InvalidProbability {
                name: "cut-off".into(),
                value: c,
            });
        }
        let deadline = settings.time_limit.map(|t| std::time::Instant::now() + t);
        let budget = settings
            .memory_limit
            .unwrap_or_else(budget::default_memory_limit)
            .min(usize::MAX as u64) as usize;
        let coherent = self.is_coherent();
        let timed_out = || Error::TimedOut(settings.time_limit.unwrap_or_default());
        let limit = settings
            .order_limit
            .map_or(u32::MAX, |l| l.min(u32::MAX as usize - 1) as u32);
        let (order, ordering, bdd, root, mut zbdd, mcs, probability);
        if settings.exact_probability {
            (order, ordering, bdd, root) =
                compile_with_best_order(self, settings.ordering, deadline, budget, coherent)
                    .ok_or_else(timed_out)??;
            let probs: Vec<f64> = order.iter().map(|&e| self.events[e].probability).collect();
            probability = self::probability(&bdd, &probs, root, &mut FxHashMap::default());
            zbdd = Zbdd::with_deadline(deadline);
            zbdd.set_memory_budget(budget.saturating_sub(bdd.memory_bytes()));
            mcs = settings
                .minimal_cut_sets
                .then(|| zbdd.minsol(&bdd, &probs, root, limit, settings.cutoff.unwrap_or(0.0)));
            if zbdd.out_of_memory {
                return Err(memory_error(
                    "ZBDD of the minimal cut sets",
                    budget,
                    coherent,
                    settings,
                ));
            }
        } else {
            if settings.importance {
                return Err(Error::Unsupported(
                    "importance measures need the exact (BDD) method".into(),
                ));
            }
            ordering = match settings.ordering {
                VariableOrdering::Auto => VariableOrdering::Weighted,
                h => h,
            };
            order = order::order(self, ordering);
            (bdd, root) = (Bdd::new(), bdd::FALSE);
            probability = f64::NAN;
            zbdd = Zbdd::with_deadline(deadline);
            zbdd.set_memory_budget(budget);
            mcs = Some(cut_sets_bottom_up(
                self,
                &order,
                &mut zbdd,
                limit,
                settings.cutoff,
                Truncation::Drop,
            )?);
            if zbdd.out_of_memory {
                return Err(memory_error(
                    "ZBDD of the minimal cut sets",
                    budget,
                    coherent,
                    settings,
                ));
            }
        }
        if zbdd.timed_out {
            return Err(timed_out());
        }
        let names: Vec<String> = order.iter().map(|&e| self.events[e].name.clone()).collect();
        let probs: Vec<f64> = order.iter().map(|&e| self.events[e].probability).collect();
        let (mcs_count, distribution, rare_event, mcub, zbdd_nodes) = match mcs {
            Some(z) => (
                zbdd.count(z),
                zbdd.distribution(z),
                zbdd.power_sum(z, &probs, 1),
                mcub(&zbdd, z, &probs),
                zbdd_size(&zbdd, z),
            ),
            None => (0, vec![], f64::NAN, f64::NAN, 0),
        };
        let unity = distribution.first().is_some_and(|&n| n > 0);
        let report = Report {
            unity,
            top: self.top_name().map(str::to_string),
            basic_events: self.events.len(),
            gates: self.gates.len(),
            coherent,
            mcs_count,
            distribution,
            probability,
            rare_event,
            mcub,
            order_limit: settings.order_limit,
            cutoff: settings.cutoff,
            ordering,
            bdd_nodes: if settings.exact_probability {
                bdd.size(root)
            } else {
                0
            },
            zbdd_nodes,
            method: match (settings.exact_probability, coherent) {
                (true, _) => "bdd",
                (false, true) => "zbdd",
                (false, false) => "zbdd-coherent-approximation",
            },
            approximate: !settings.exact_probability,
            note: (!settings.exact_probability && !coherent)
                .then(|| COHERENT_APPROXIMATION_NOTE.to_string()),
            importance: None,
        };
        let mut analysis = Analysis {
            names,
            probs,
            bdd,
            root,
            zbdd,
            mcs,
            report,
        };
        if settings.importance {
            let mut measures = analysis.importance_measures();
            if analysis.bdd.timed_out || analysis.bdd.exhausted() {
                return Err(if analysis.bdd.timed_out {
                    timed_out()
                } else if analysis.bdd.out_of_memory {
                    memory_error("BDD of the importance measures", budget, coherent, settings)
                } else {
                    Error::TooLarge(MAX_NODES)
                });
            }
            // Report in model order, not BDD order.
            let rank: FxHashMap<&str, usize> = self
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| (e.name.as_str(), i))
                .collect();
            measures.sort_by_key(|m| rank[m.event.as_str()]);
            analysis.report.importance = Some(measures);
        }
        Ok(analysis)
    }
}

impl Analysis {
    /// Exact probability of the top event.
    pub fn probability(&self) -> f64 {
        self.report.probability
    }

    /// Number of minimal cut sets (saturates at `u128::MAX`).
    pub fn mcs_count(&self) -> u128 {
        self.report.mcs_count
    }

    /// The summary numbers.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Calls `visit` on each minimal cut set until it returns `false`.
    pub fn for_each_cut_set(&self, mut visit: impl FnMut(&MinimalCutSet) -> bool) {
        let Some(z) = self.mcs else { return };
        self.zbdd.for_each(z, &mut |levels| {
            let cs = MinimalCutSet {
                events: levels
                    .iter()
                    .map(|&l| self.names[l as usize].clone())
                    .collect(),
                probability: levels.iter().map(|&l| self.probs[l as usize]).product(),
            };
            visit(&cs)
        });
    }

    /// The first `max` minimal cut sets in listing order
    /// ([`MinimalCutSet::listing_cmp`]: order, probability descending,
    /// names). See [`Analysis::for_each_listed_cut_set`].
    pub fn listed_cut_sets(&self, max: usize) -> Vec<MinimalCutSet> {
        let mut out = Vec::new();
        self.for_each_listed_cut_set(max, |cs| {
            out.push(cs.clone());
            true
        });
        out
    }

    /// Calls `visit` on the first `max` minimal cut sets in listing order
    /// ([`MinimalCutSet::listing_cmp`]), until it returns `false`. Found
    /// best first on the cut-set ZBDD, so only about `max` sets are read,
    /// not the whole family; only a run of sets tied in order and
    /// probability is held at once (to put it in name order), and at most
    /// [`LISTING_TIES`] past `max` of it are read.
    pub fn for_each_listed_cut_set(
        &self,
        max: usize,
        mut visit: impl FnMut(&MinimalCutSet) -> bool,
    ) {
        let Some(z) = self.mcs else { return };
        if max == 0 {
            return;
        }
        let mut emitted = 0usize;
        let mut stopped = false;
        // The current run of sets tied in (order, probability).
        let mut run: Vec<MinimalCutSet> = Vec::new();
        let mut flush = |run: &mut Vec<MinimalCutSet>, emitted: &mut usize| -> bool {
            MinimalCutSet::sort_for_listing(run);
            for cs in run.drain(..) {
                if *emitted >= max || !visit(&cs) {
                    return false;
                }
                *emitted += 1;
            }
            *emitted < max
        };
        self.zbdd
            .for_each_best_first(z, &self.probs, &mut |levels, p| {
                let tied = run.last().is_some_and(|l: &MinimalCutSet| {
                    l.events.len() == levels.len() && l.probability.total_cmp(&p).is_eq()
                });
                if !tied && !run.is_empty() && !flush(&mut run, &mut emitted) {
                    stopped = true;
                    return false;
                }
                if emitted + run.len() >= max.saturating_add(LISTING_TIES) {
                    return false;
                }
                run.push(MinimalCutSet {
                    events: levels
                        .iter()
                        .map(|&l| self.names[l as usize].clone())
                        .collect(),
                    probability: p,
                });
                true
            });
        if !stopped {
            flush(&mut run, &mut emitted);
        }
    }

    /// Collects up to `max` minimal cut sets, in diagram order (see
    /// [`Analysis::listed_cut_sets`] for the listing order).
    pub fn cut_sets(&self, max: usize) -> Vec<MinimalCutSet> {
        let mut out = Vec::new();
        if max == 0 {
            return out;
        }
        self.for_each_cut_set(|cs| {
            out.push(cs.clone());
            out.len() < max
        });
        out
    }

    fn importance_measures(&mut self) -> Vec<ImportanceMeasures> {
        let n = self.probs.len();
        let p_top = self.report.probability;
        let conditional =
            conditional_probabilities(&self.bdd, &self.probs, self.root, self.report.coherent);
        let fv = self.fussell_vesely_numerators();
        (0..n)
            .map(|l| {
                let p = self.probs[l];
                let (p1, p0, b) = conditional[l];
                ImportanceMeasures {
                    event: self.names[l].clone(),
                    probability: p,
                    birnbaum: b,
                    criticality: ratio(b * p, p_top),
                    fussell_vesely: fv.as_ref().map_or(f64::NAN, |fv| ratio(fv[l], p_top)),
                    raw: ratio(p1, p_top),
                    rrw: ratio(p_top, p0),
                }
            })
            .collect()
    }

    /// `P(top ∧ ∪{C | e ∈ C})` for each level, from the cut-set ZBDD turned
    /// back into a BDD one event at a time. The conversion of the part of
    /// the ZBDD below each event is shared between events.
    fn fussell_vesely_numerators(&mut self) -> Option<Vec<f64>> {
        let z = self.mcs?;
        let coherent = self.report.coherent;
        let mut to_bdd_memo: FxHashMap<ZNode, Edge> = FxHashMap::default();
        let mut prob_memo = FxHashMap::default();
        let mut out = vec![0.0; self.probs.len()];
        for (level, slot) in out.iter_mut().enumerate() {
            let family = self.zbdd.onset(z, level as u32);
            if family == zbdd::EMPTY {
                continue;
            }
            let mut union = family_to_bdd(&self.zbdd, &mut self.bdd, family, &mut to_bdd_memo);
            if !coherent {
                // Cut sets of a non-coherent tree need not imply the top.
                union = self.bdd.and(union, self.root);
            }
            *slot = probability(&self.bdd, &self.probs, union, &mut prob_memo);
        }
        Some(out)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        if a == 0.0 { 0.0 } else { f64::INFINITY }
    } else {
        a / b
    }
}

/// What the result of the bottom-up method on a non-coherent tree means
/// (reported in [`Report::note`]).
const COHERENT_APPROXIMATION_NOTE: &str = "approximate: non-coherent tree analysed by its \
coherent approximation (NOT pushed down to the basic events, then every negated event taken as \
certain, i.e. replaced by true). Its minimal cut sets cover every failure combination of the \
tree, so without truncation the rare-event sum (and, for independent events, the MCUB) is an \
upper bound of the top-event probability; with --order-limit/--cutoff the cut sets below the \
truncation are left out and the figures are estimates, not bounds.";

/// The error for a diagram that would pass the memory budget, with what
/// to try instead.
fn memory_error(what: &str, budget: usize, coherent: bool, settings: &Settings) -> Error {
    let hint = if !settings.exact_probability {
        "; raise it with --memory-limit, or truncate harder (a smaller --order-limit, a larger --cut-off)"
    } else if coherent {
        "; raise it with --memory-limit, or skip the BDD: `--zbdd --cut-off 1e-12` or `--zbdd --order-limit 4` (cut sets truncated at every gate, rare-event/MCUB instead of the exact probability)"
    } else {
        "; raise it with --memory-limit, or use the truncated method for non-coherent trees: `--zbdd --cut-off 1e-12` or `--zbdd --order-limit 4` (coherent approximation: an approximate result)"
    };
    Error::MemoryLimit {
        what: what.to_string(),
        limit: budget as u64,
        hint: hint.to_string(),
    }
}

/// Minimal cut sets without a BDD: each gate's family is built from its
/// inputs' (product for AND, union for OR, a dynamic programme for k-of-n),
/// truncated to the order limit and cut-off, and minimised. Truncating at
/// every gate is exact for coherent trees: a set dropped at a gate only
/// grows (in order) or shrinks (in probability) on the way up, so the
/// result is precisely the minimal cut sets within the limits.
///
/// Non-coherent trees get their coherent approximation: the families are
/// built per (gate, polarity) — NOT swaps the polarity, De Morgan turns a
/// negated AND into an OR of negated inputs (and k-of-n into
/// (n-k+1)-of-n), XOR folds pairwise (`a⊕b` = `a¬b ∨ ¬ab`, its negation
/// `ab ∨ ¬a¬b`) — and a negated basic event is the family `{∅}` (true).
/// Every set of literals thus loses its negative literals, so the result is
/// the minimal cut sets of a monotone function `f⁺ ≥ f`, truncated.
fn cut_sets_bottom_up(
    tree: &FaultTree,
    order: &[usize],
    zbdd: &mut Zbdd,
    limit: u32,
    cutoff: Option<f64>,
    truncation: Truncation,
) -> Result<ZNode, Error> {
    let over = truncation == Truncation::OverApproximate;
    // In over-approximating mode products never drop sets; `cap` shortens
    // them instead (after each product, and at the end of each gate).
    let product_limit = if over { u32::MAX } else { limit };
    let mut level_of = vec![0u32; tree.events.len()];
    for (level, &e) in order.iter().enumerate() {
        level_of[e] = level as u32;
    }
    let probs: Vec<f64> = order.iter().map(|&e| tree.events[e].probability).collect();
    // done[g][0]: the gate's family; done[g][1]: its negation's.
    let mut done: Vec<[Option<ZNode>; 2]> = vec![[None; 2]; tree.gates.len()];
    // The (input, polarity) pairs a (gate, polarity) needs.
    let needs = |g: usize, negated: bool| -> Vec<(Formula, bool)> {
        let gate = &tree.gates[g];
        match gate.connective {
            Connective::Not => vec![(gate.inputs[0], !negated)],
            Connective::Xor => gate
                .inputs
                .iter()
                .flat_map(|&i| [(i, false), (i, true)])
                .collect(),
            _ => gate.inputs.iter().map(|&i| (i, negated)).collect(),
        }
    };
    let leaf = |zbdd: &mut Zbdd, f: Formula, negated: bool, done: &[[Option<ZNode>; 2]]| match tree
        .node(f)
    {
        NodeRef::Event(_) if negated => Some(zbdd::BASE),
        NodeRef::Event(e) => Some(zbdd.singleton(level_of[e])),
        NodeRef::Constant(c) => Some(if c != negated {
            zbdd::BASE
        } else {
            zbdd::EMPTY
        }),
        NodeRef::Gate(g) => done[g][negated as usize],
    };
    let mut stack = vec![(tree.top, false, false)];
    while let Some((f, negated, expanded)) = stack.pop() {
        let NodeRef::Gate(g) = tree.node(f) else {
            continue;
        };
        if done[g][negated as usize].is_some() {
            continue;
        }
        let gate = &tree.gates[g];
        if !expanded {
            stack.push((f, negated, true));
            for (i, neg) in needs(g, negated) {
                if let NodeRef::Gate(h) = tree.node(i)
                    && done[h][neg as usize].is_none()
                {
                    stack.push((i, neg, false));
                }
            }
            continue;
        }
        let family_of = |zbdd: &mut Zbdd, i: Formula, neg: bool, done: &[[Option<ZNode>; 2]]| {
            leaf(zbdd, i, neg, done).unwrap_or(zbdd::EMPTY)
        };
        let inputs: Vec<ZNode> = match gate.connective {
            Connective::Not | Connective::Xor => Vec::new(),
            _ => gate
                .inputs
                .iter()
                .map(|&i| family_of(zbdd, i, negated, &done))
                .collect(),
        };
        let n = inputs.len();
        // Under negation AND and OR swap, and k-of-n becomes (n-k+1)-of-n.
        let connective = match (gate.connective, negated) {
            (Connective::And, true) => Connective::Or,
            (Connective::Or, true) => Connective::And,
            (Connective::AtLeast(k), true) => Connective::AtLeast((n + 1).saturating_sub(k)),
            (c, _) => c,
        };
        let family = match connective {
            Connective::Or => union_all(zbdd, inputs),
            Connective::And => {
                // Deepest top variable first: a family whose variables all
                // sit above the accumulated product joins it in constant
                // time, so a wide AND of basic events is linear.
                let mut inputs = inputs;
                inputs.sort_unstable_by_key(|&z| std::cmp::Reverse(zbdd.nodes[z as usize].level));
                inputs.into_iter().fold(zbdd::BASE, |acc, z| {
                    let p = zbdd.product(acc, z, product_limit);
                    let p = zbdd.minimal(p);
                    if over {
                        cap_up(zbdd, p, limit, cutoff, &probs)
                    } else {
                        p
                    }
                })
            }
            Connective::AtLeast(k) => {
                // row[j] = "at least j of inputs[i..]", from i = n down.
                let mut row: Vec<ZNode> = (0..=k)
                    .map(|j| if j == 0 { zbdd::BASE } else { zbdd::EMPTY })
                    .collect();
                for i in (0..n).rev() {
                    let mut next = row.clone();
                    for j in 1..=k.min(n - i) {
                        let with = zbdd.product(inputs[i], row[j - 1], product_limit);
                        next[j] = zbdd.union(with, row[j]);
                        if over {
                            let m = zbdd.minimal(next[j]);
                            next[j] = cap_up(zbdd, m, limit, cutoff, &probs);
                        }
                    }
                    row = next;
                }
                row.get(k).copied().unwrap_or(zbdd::EMPTY)
            }
            Connective::Not => family_of(zbdd, gate.inputs[0], !negated, &done),
            Connective::Xor => {
                // (odd, even) parity families of the inputs so far.
                let (mut odd, mut even) = (zbdd::EMPTY, zbdd::BASE);
                for &i in &gate.inputs {
                    let p = family_of(zbdd, i, false, &done);
                    let q = family_of(zbdd, i, true, &done);
                    let a = zbdd.product(odd, q, limit);
                    let b = zbdd.product(even, p, limit);
                    let c = zbdd.product(odd, p, limit);
                    let d = zbdd.product(even, q, limit);
                    let next_odd = zbdd.union(a, b);
                    let next_even = zbdd.union(c, d);
                    odd = zbdd.minimal(next_odd);
                    even = zbdd.minimal(next_even);
                }
                if negated { even } else { odd }
            }
        };
        let mut family = zbdd.minimal(family);
        if over {
            family = cap_up(zbdd, family, limit, cutoff, &probs);
        } else {
            if limit != u32::MAX {
                // OR and single inputs pass sets through untruncated.
                family = zbdd.truncate(family, limit);
            }
            if let Some(c) = cutoff {
                family = zbdd.at_least_probable(family, &probs, c);
            }
        }
        zbdd.clear_memos();
        zbdd.grow_cache();
        if zbdd.check_deadline() || zbdd.stopped() {
            return Ok(zbdd::EMPTY);
        }
        done[g][negated as usize] = Some(family);
    }
    Ok(leaf(zbdd, tree.top, false, &done).unwrap_or(zbdd::EMPTY))
}

/// How [`cut_sets_bottom_up`] truncates at each gate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Truncation {
    /// Drop the sets past the order limit or below the cut-off: the exact
    /// truncated minimal cut sets (coherent trees), an under-approximation
    /// of the top event.
    Drop,
    /// Replace each such set by a subset that passes (its prefix in level
    /// order): an over-approximation of the top event, for upper bounds.
    OverApproximate,
}

/// The over-approximating truncation of one family, minimised.
fn cap_up(zbdd: &mut Zbdd, z: ZNode, limit: u32, cutoff: Option<f64>, probs: &[f64]) -> ZNode {
    let mut z = z;
    if limit != u32::MAX {
        z = zbdd.truncate_up(z, limit);
    }
    if let Some(c) = cutoff {
        z = zbdd.at_least_probable_up(z, probs, c);
    }
    zbdd.minimal(z)
}

/// Union of many families, deepest top variable first: each union then
/// only walks the part of the new family above the accumulated one, so a
/// wide OR of basic events costs linear time and memory (in the input
/// order, every union would rebuild the whole accumulated chain: quadratic).
fn union_all(zbdd: &mut Zbdd, mut inputs: Vec<ZNode>) -> ZNode {
    inputs.sort_unstable_by_key(|&z| std::cmp::Reverse(zbdd.nodes[z as usize].level));
    inputs
        .into_iter()
        .fold(zbdd::EMPTY, |acc, z| zbdd.union(acc, z))
}

/// Largest BDD we allow: ~20 bytes a node with the unique table.
const MAX_NODES: usize = 400_000_000;

/// Compiles with the requested ordering. For `Auto`: the weighted order
/// under a small node budget first (enough for most trees, no threads), then
/// a race of the heuristics on parallel threads (one per core, two to
/// three), the first to finish cancelling the others. Returns `(level -> event, ordering, bdd, root)`,
/// or `None` when the deadline passed.
#[allow(clippy::type_complexity)]
fn compile_with_best_order(
    tree: &FaultTree,
    ordering: VariableOrdering,
    deadline: Option<std::time::Instant>,
    budget: usize,
    coherent: bool,
) -> Option<Result<(Vec<usize>, VariableOrdering, Bdd, Edge), Error>> {
    use std::sync::atomic::AtomicUsize;
    // Set when a manager ran out of memory (rather than nodes or time).
    let out_of_memory = AtomicUsize::new(0);
    let too_large = |nodes: usize| {
        if out_of_memory.load(std::sync::atomic::Ordering::Relaxed) > 0 {
            memory_error("BDD", budget, coherent, &Settings::default())
        } else {
            Error::TooLarge(nodes)
        }
    };
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let attempt =
        |h: VariableOrdering, nodes: usize, bytes: usize, cancel: Option<Arc<AtomicBool>>| {
            let order = order::order(tree, h);
            let mut level_of = vec![0u32; tree.events.len()];
            for (level, &e) in order.iter().enumerate() {
                level_of[e] = level as u32;
            }
            let mut bdd = Bdd::with_limits(nodes, deadline, cancel);
            bdd.set_memory_budget(bytes);
            let root = compile(tree, &mut bdd, &level_of);
            if bdd.out_of_memory {
                out_of_memory.fetch_max(bytes, std::sync::atomic::Ordering::Relaxed);
            }
            bdd.keep_for_analysis(MAX_NODES);
            bdd.set_memory_budget(budget);
            root.map(|root| (order, h, bdd, root))
        };
    if ordering != VariableOrdering::Auto {
        let done = attempt(ordering, MAX_NODES, budget, None);
        return match done {
            Some(r) => Some(Ok(r)),
            None if deadline.is_some_and(|d| std::time::Instant::now() > d) => None,
            None => Some(Err(too_large(MAX_NODES))),
        };
    }
    if let Some(r) = attempt(VariableOrdering::Weighted, 1 << 20, budget, None) {
        return Some(Ok(r));
    }
    out_of_memory.store(0, std::sync::atomic::Ordering::Relaxed);
    let cancel = Arc::new(AtomicBool::new(false));
    // One thread per core: more racers than cores slow the winner down.
    // Weighted and heavy-first first: between them the best on every hard
    // Aralia tree but two, where they are within 3× of depth-first.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let all = [
        VariableOrdering::Weighted,
        VariableOrdering::HeavyFirst,
        VariableOrdering::DepthFirst,
    ];
    let heuristics = &all[..cores.clamp(2, 3)];
    let winner = std::thread::scope(|scope| {
        let handles: Vec<_> = heuristics
            .iter()
            .map(|&h| {
                let cancel = cancel.clone();
                let attempt = &attempt;
                scope.spawn(move || {
                    let done = attempt(
                        h,
                        MAX_NODES / heuristics.len(),
                        budget / heuristics.len(),
                        Some(cancel.clone()),
                    );
                    if done.is_some() {
                        cancel.store(true, Ordering::Relaxed);
                    }
                    done
                })
            })
            .collect();
        // Several may finish; keep the first heuristic that did.
        handles
            .into_iter()
            .filter_map(|h| h.join().ok().flatten())
            .next()
    });
    match winner {
        Some(r) => Some(Ok(r)),
        None if deadline.is_some_and(|d| std::time::Instant::now() > d) => None,
        None => Some(Err(too_large(MAX_NODES / heuristics.len()))),
    }
}

/// Builds the BDD of the top event, gate by gate (each gate once); `None`
/// when the manager's node budget runs out.
fn compile(tree: &FaultTree, bdd: &mut Bdd, level_of: &[u32]) -> Option<Edge> {
    compile_approx(tree, bdd, level_of, None)
}

/// How [`compile_approx`] bounds a gate whose diagram grows too large.
#[derive(Clone, Copy)]
struct Approx<'a> {
    /// `true`: replace sub-functions by TRUE (the result is ≥ the gate);
    /// `false`: by FALSE (≤ the gate).
    upper: bool,
    /// A gate diagram above this many nodes is approximated.
    max_gate_nodes: usize,
    /// Probability per level.
    probs: &'a [f64],
}

/// [`compile`], approximating from one side every gate whose diagram
/// passes `approx.max_gate_nodes` (see [`approximate`]). Each gate then
/// computes a function on the chosen side of the exact one, and AND, OR and
/// k-of-n are monotone in their inputs, so the top is on that side too.
fn compile_approx(
    tree: &FaultTree,
    bdd: &mut Bdd,
    level_of: &[u32],
    approx: Option<Approx>,
) -> Option<Edge> {
    // Nodes left by the last garbage collection (approximations only).
    let mut live_after_gc = 0usize;
    let mut done: Vec<Option<Edge>> = vec![None; tree.gates.len()];
    // Iterative post-order: model trees can be deep.
    let mut stack = vec![(tree.top, false)];
    let leaf = |bdd: &mut Bdd, f: Formula, done: &[Option<Edge>]| match tree.node(f) {
        NodeRef::Event(e) => Some(bdd.var(level_of[e])),
        NodeRef::Constant(c) => Some(if c { bdd::TRUE } else { bdd::FALSE }),
        NodeRef::Gate(g) => done[g],
    };
    while let Some((f, expanded)) = stack.pop() {
        let NodeRef::Gate(g) = tree.node(f) else {
            continue;
        };
        if done[g].is_some() {
            continue;
        }
        let gate = &tree.gates[g];
        if !expanded {
            stack.push((f, true));
            for &i in &gate.inputs {
                if let NodeRef::Gate(h) = tree.node(i)
                    && done[h].is_none()
                {
                    stack.push((i, false));
                }
            }
            continue;
        }
        let mut inputs: Vec<Edge> = gate
            .inputs
            .iter()
            .map(|&i| leaf(bdd, i, &done).expect("inputs compiled first"))
            .collect();
        // Combining the inputs that test the deepest variables first keeps
        // the intermediate results small.
        inputs.sort_by_key(|&e| std::cmp::Reverse(bdd.level(e)));
        // With an approximation, partial results are kept small as well.
        let cap = |bdd: &mut Bdd, e: Edge| match approx {
            Some(a) if bdd.size(e) > a.max_gate_nodes => {
                approximate(bdd, e, a.probs, a.upper, a.max_gate_nodes)
            }
            _ => e,
        };
        let r = match gate.connective {
            Connective::And => inputs.iter().fold(bdd::TRUE, |acc, &e| {
                let r = bdd.and(acc, e);
                cap(bdd, r)
            }),
            Connective::Or => inputs.iter().fold(bdd::FALSE, |acc, &e| {
                let r = bdd.or(acc, e);
                cap(bdd, r)
            }),
            Connective::Xor => inputs.iter().fold(bdd::FALSE, |acc, &e| bdd.xor(acc, e)),
            Connective::Not => inputs[0] ^ 1,
            Connective::AtLeast(k) => {
                // The dynamic programme runs from the last input to the
                // first, and the first is combined with one count only:
                // the largest diagrams go first, so the counting rows are
                // built over the simple inputs and meet each large one as
                // rarely as possible (5× fewer nodes on a 500-event tree
                // of k-of-n gates).
                let mut sized: Vec<(usize, Edge)> =
                    inputs.iter().map(|&e| (bdd.size(e), e)).collect();
                sized.sort_by_key(|&(size, _)| std::cmp::Reverse(size));
                let inputs: Vec<Edge> = sized.into_iter().map(|(_, e)| e).collect();
                atleast(bdd, k, &inputs, &cap)
            }
        };
        if bdd.exhausted() {
            return None;
        }
        let r = match approx {
            Some(a) if bdd.size(r) > a.max_gate_nodes => {
                approximate(bdd, r, a.probs, a.upper, a.max_gate_nodes)
            }
            _ => r,
        };
        if bdd.exhausted() {
            return None;
        }
        done[g] = Some(r);
        if let Some(a) = approx {
            // Approximated diagrams leave much garbage: collect it when the
            // manager holds far more than the gates done could need.
            let _ = a;
            if bdd.nodes.len() > 2 * live_after_gc + (1 << 22) {
                let mut roots: Vec<Edge> = done.iter().flatten().copied().collect();
                bdd.compact(&mut roots);
                live_after_gc = bdd.nodes.len();
                let mut it = roots.into_iter();
                for slot in done.iter_mut().flatten() {
                    *slot = it.next().unwrap_or(*slot);
                }
            }
        }
        bdd.tune_cache();
    }
    leaf(bdd, tree.top, &done)
}

/// A smaller diagram on one side of `root`: with `upper`, edges (node and
/// polarity) whose replacement by TRUE adds the least probability —
/// `reach(e) · (1 - P(e))`, `reach` the probability of a path from the root
/// reaching `e` — are replaced by TRUE; otherwise those whose replacement by
/// FALSE removes the least, `reach(e) · P(e)`. Replacing a cofactor by a
/// larger (smaller) function makes every ancestor larger (smaller), as
/// `x·f1 + ¬x·f0` is monotone in `f1` and `f0`, so the result is ≥ (≤)
/// `root` as a function, whatever the selection. The threshold on the cost
/// starts at 1e-18 and grows 16× until the diagram fits.
fn approximate(bdd: &mut Bdd, root: Edge, probs: &[f64], upper: bool, max_nodes: usize) -> Edge {
    let mut values = FxHashMap::default();
    probability(bdd, probs, root, &mut values);
    let value = |e: Edge| match e {
        bdd::TRUE => 1.0,
        bdd::FALSE => 0.0,
        _ => values[&e],
    };
    // Reach probabilities, parents before children (increasing level).
    let mut edges: Vec<Edge> = values.keys().copied().collect();
    edges.sort_by_key(|&e| bdd.level(e));
    let mut reach: FxHashMap<Edge, f64> = FxHashMap::default();
    reach.insert(root, 1.0);
    for &e in &edges {
        let Some(&r) = reach.get(&e) else { continue };
        let p = probs[bdd.level(e) as usize];
        let (hi, lo) = bdd.children(e);
        for (c, w) in [(hi, r * p), (lo, r * (1.0 - p))] {
            if bdd::index(c) != 0 {
                *reach.entry(c).or_insert(0.0) += w;
            }
        }
    }
    let cost = |e: Edge| {
        let r = reach.get(&e).copied().unwrap_or(0.0);
        if upper {
            r * (1.0 - value(e))
        } else {
            r * value(e)
        }
    };
    let replacement = if upper { bdd::TRUE } else { bdd::FALSE };
    let mut threshold = 1e-18;
    loop {
        // Rebuild bottom-up (decreasing level), replacing cheap edges.
        let mut new: FxHashMap<Edge, Edge> = FxHashMap::default();
        let get = |new: &FxHashMap<Edge, Edge>, e: Edge| {
            if bdd::index(e) == 0 { e } else { new[&e] }
        };
        for &e in edges.iter().rev() {
            let r = if e != root && cost(e) <= threshold {
                replacement
            } else {
                let (hi, lo) = bdd.children(e);
                let (hi, lo) = (get(&new, hi), get(&new, lo));
                let v = bdd.var(bdd.level(e));
                bdd.ite(v, hi, lo)
            };
            new.insert(e, r);
        }
        let r = get(&new, root);
        if bdd.exhausted() || threshold >= 1.0 || bdd.size(r) <= max_nodes {
            return r;
        }
        threshold *= 16.0;
    }
}

/// k-of-n by dynamic programming over (input, still needed): O(n·k) apply
/// operations instead of the C(n, k) terms of the expanded formula.
///
/// `cap` may replace each count's diagram by a bound on one side (see
/// [`compile_approx`]); the result is then a bound on the same side, as the
/// exact rows decrease with the count: `ite(x, row[j-1], row[j])` only grows
/// (shrinks) when `x` or either row does.
fn atleast(bdd: &mut Bdd, k: usize, inputs: &[Edge], cap: &dyn Fn(&mut Bdd, Edge) -> Edge) -> Edge {
    let n = inputs.len();
    if k == 0 {
        return bdd::TRUE;
    }
    if k > n {
        return bdd::FALSE;
    }
    // row[j] = "at least j of inputs[i..] are true", built from i = n down.
    let mut row: Vec<Edge> = (0..=k)
        .map(|j| if j == 0 { bdd::TRUE } else { bdd::FALSE })
        .collect();
    // Only the counts still reachable matter: with i inputs before
    // inputs[i], at least k - i must come from inputs[i..]; below that a
    // row is never read, and skipping it saves most of the work when k is
    // close to n.
    for i in (0..n).rev() {
        let mut next = row.clone();
        for j in k.saturating_sub(i).max(1)..=k.min(n - i) {
            let r = bdd.ite(inputs[i], row[j - 1], row[j]);
            next[j] = cap(bdd, r);
        }
        row = next;
    }
    row[k]
}

/// Exact probability by Shannon decomposition, memoised per edge. Each edge
/// (node and polarity) is evaluated on its own, so `P(¬f)` is computed as a
/// sum of products, never as `1 - P(f)`: no cancellation for tiny results.
/// Post-order on an explicit stack: a BDD is as deep as it has variables.
fn probability(bdd: &Bdd, probs: &[f64], e: Edge, memo: &mut FxHashMap<Edge, f64>) -> f64 {
    let value = |memo: &FxHashMap<Edge, f64>, e: Edge| match e {
        bdd::TRUE => 1.0,
        bdd::FALSE => 0.0,
        _ => memo[&e],
    };
    let mut stack = vec![(e, false)];
    while let Some((e, expanded)) = stack.pop() {
        if bdd::index(e) == 0 || memo.contains_key(&e) {
            continue;
        }
        let (hi, lo) = bdd.children(e);
        if expanded {
            let p = probs[bdd.level(e) as usize];
            let v = p * value(memo, hi) + (1.0 - p) * value(memo, lo);
            memo.insert(e, v);
        } else {
            stack.push((e, true));
            for c in [hi, lo] {
                if bdd::index(c) != 0 && !memo.contains_key(&c) {
                    stack.push((c, false));
                }
            }
        }
    }
    value(memo, e)
}

/// Per level `L`: `(P(top | x_L), P(top | ¬x_L), Birnbaum)`, for all levels
/// in one pass, by reverse-mode accumulation over the edges (node and
/// polarity). Every coefficient is non-negative, so nothing cancels: RRW
/// stays exact when `P(top | ¬e)` is many orders below `P(top)`.
///
/// With `adj(ε)` the probability of reaching edge `ε` from the root,
/// `P(top | x_L = v) = Σ_{ε at L} adj(ε) V(child_v(ε)) + R_L`, where `R_L`
/// collects the paths that jump over level `L` (an edge from above `L` to
/// below it). `R_L` is a range sum, accumulated in a segment tree whose
/// point queries only add.
///
/// Birnbaum is accumulated from the per-node differences
/// `V(high) - V(low)`. On a coherent tree every node reached from the root
/// is a restriction of a monotone function, so its high cofactor implies its
/// low one and the exact difference is `≥ 0`; the two values are computed
/// separately, though, and when they agree to the last bits rounding can
/// make the difference a few ulps negative (−1e-21 at P ≈ 0.56 on a
/// 200-event tree). Those differences are therefore taken as `max(0, ·)` on
/// coherent trees: the change stays within rounding, and a sum of
/// non-negative terms cannot go negative.
fn conditional_probabilities(
    bdd: &Bdd,
    probs: &[f64],
    root: Edge,
    coherent: bool,
) -> Vec<(f64, f64, f64)> {
    let n = probs.len();
    if bdd::index(root) == 0 {
        let v = if root == bdd::TRUE { 1.0 } else { 0.0 };
        return vec![(v, v, 0.0); n];
    }
    let mut values = FxHashMap::default();
    probability(bdd, probs, root, &mut values);
    let value = |e: Edge| match e {
        bdd::TRUE => 1.0,
        bdd::FALSE => 0.0,
        _ => values[&e],
    };
    let level = |e: Edge| {
        if bdd::index(e) == 0 {
            n
        } else {
            bdd.level(e) as usize
        }
    };
    let mut jumps = vec![0.0; 2 * n.max(1)];
    let mut add_range = |from: usize, to: usize, v: f64| {
        let (mut l, mut r) = (from + n, to + n);
        while l < r {
            if l & 1 == 1 {
                jumps[l] += v;
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                jumps[r] += v;
            }
            l >>= 1;
            r >>= 1;
        }
    };
    add_range(0, level(root), value(root));
    // Topological order = increasing level.
    let mut edges: Vec<Edge> = values.keys().copied().collect();
    edges.sort_by_key(|&e| bdd.level(e));
    let mut adjoint: FxHashMap<Edge, f64> = FxHashMap::default();
    adjoint.insert(root, 1.0);
    let mut at_level = vec![(0.0, 0.0, 0.0); n];
    for e in edges {
        let Some(&a) = adjoint.get(&e) else { continue };
        let l = bdd.level(e) as usize;
        let p = probs[l];
        let (hi, lo) = bdd.children(e);
        let (vh, vl) = (value(hi), value(lo));
        let slot = &mut at_level[l];
        slot.0 += a * vh;
        slot.1 += a * vl;
        let diff = vh - vl;
        slot.2 += a * if coherent { diff.max(0.0) } else { diff };
        for (child, w, v) in [(hi, a * p, vh), (lo, a * (1.0 - p), vl)] {
            add_range(l + 1, level(child), w * v);
            if bdd::index(child) != 0 {
                *adjoint.entry(child).or_insert(0.0) += w;
            }
        }
    }
    (0..n)
        .map(|l| {
            let mut i = l + n;
            let mut jump = 0.0;
            while i >= 1 {
                jump += jumps[i];
                i >>= 1;
            }
            let (p1, p0, b) = at_level[l];
            (p1 + jump, p0 + jump, b)
        })
        .collect()
}

/// The monotone function "some set of the family occurs". Post-order on an
/// explicit stack.
fn family_to_bdd(zbdd: &Zbdd, bdd: &mut Bdd, z: ZNode, memo: &mut FxHashMap<ZNode, Edge>) -> Edge {
    let value = |memo: &FxHashMap<ZNode, Edge>, z: ZNode| match z {
        zbdd::EMPTY => bdd::FALSE,
        zbdd::BASE => bdd::TRUE,
        _ => memo[&z],
    };
    let mut stack = vec![(z, false)];
    while let Some((z, expanded)) = stack.pop() {
        if z <= zbdd::BASE || memo.contains_key(&z) {
            continue;
        }
        let n = zbdd.nodes[z as usize];
        if expanded {
            let (hi, lo) = (value(memo, n.hi), value(memo, n.lo));
            let hi = bdd.or(hi, lo);
            let v = bdd.var(n.level);
            let e = bdd.ite(v, hi, lo);
            memo.insert(z, e);
        } else {
            stack.push((z, true));
            for c in [n.hi, n.lo] {
                if c > zbdd::BASE && !memo.contains_key(&c) {
                    stack.push((c, false));
                }
            }
        }
    }
    value(memo, z)
}

/// Min-cut upper bound `1 - Π(1 - P(C))` without listing the cut sets:
/// `ln Π(1 - P(C)) = -Σ_k S_k / k` with `S_k = Σ_C P(C)^k`, and each `S_k` is
/// one pass over the ZBDD. Converges geometrically in the largest `P(C)`; for
/// families with a near-certain cut set it lists them when there are few.
fn mcub(zbdd: &Zbdd, z: ZNode, probs: &[f64]) -> f64 {
    let max = zbdd.max_product(z, probs);
    if max >= 1.0 {
        return 1.0;
    }
    if max > 0.5 && zbdd.count(z) <= 1_000_000 {
        let mut log = 0.0;
        zbdd.for_each(z, &mut |levels| {
            let p: f64 = levels.iter().map(|&l| probs[l as usize]).product();
            log += (-p).ln_1p();
            true
        });
        return -log.exp_m1();
    }
    let mut sum = 0.0;
    let mut bound = 1.0;
    let order = zbdd.bottom_up(z);
    for k in 1..=4000 {
        let s = zbdd.power_sum_in(&order, z, probs, k);
        sum += s / k as f64;
        bound *= max;
        if s / (k as f64) <= sum * 1e-17 || bound == 0.0 {
            break;
        }
    }
    -(-sum).exp_m1()
}

fn zbdd_size(zbdd: &Zbdd, z: ZNode) -> usize {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut stack = vec![z];
    while let Some(z) = stack.pop() {
        if z <= zbdd::BASE || !seen.insert(z) {
            continue;
        }
        let n = zbdd.nodes[z as usize];
        stack.push(n.hi);
        stack.push(n.lo);
    }
    seen.len() + 2
}

/// Certified bounds on the top-event probability of a coherent tree whose
/// BDD does not fit: `lower ≤ P(top) ≤ upper`, from
/// [`FaultTree::certified_bounds`]. See `docs/continuity.md` for the proof.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bounds {
    /// A lower bound: the larger of the exact probability of a BDD
    /// approximated from below at every gate, and of the union of the
    /// truncated minimal cut sets (when a truncation was given).
    pub lower: f64,
    /// An upper bound: the exact probability of a BDD approximated from
    /// above at every gate.
    pub upper: f64,
    /// Minimal cut sets within the truncation (0 without one).
    pub lower_sets: u128,
    /// Largest gate diagram kept before approximating, in nodes.
    pub max_gate_nodes: usize,
    /// The order limit of the cut-set family, if any.
    pub order_limit: Option<usize>,
    /// The cut-off of the cut-set family, if any.
    pub cutoff: Option<f64>,
}

/// Relative margin applied to both bounds for floating-point rounding.
/// Each bound is a sum of products evaluated bottom-up over at most a few
/// thousand levels, each operation rounding by at most 2^-53 relative: the
/// accumulated relative error stays below 10^-9 by orders of magnitude.
const ROUNDING_MARGIN: f64 = 1e-9;

impl FaultTree {
    /// Certified lower and upper bounds on the top-event probability of a
    /// coherent tree, for trees whose exact BDD passes the memory budget or
    /// the time limit (Aralia's nus9601). The tree is compiled twice with
    /// every gate diagram above `max_gate_nodes` nodes approximated — once
    /// from above, once from below (see `docs/continuity.md`) — and both
    /// results are evaluated exactly. With `settings.order_limit` or
    /// `settings.cutoff`, the union of the truncated minimal cut sets
    /// (each implies the top) may raise the lower bound. Uses `time_limit`
    /// and `memory_limit` too. The larger `max_gate_nodes`, the tighter.
    ///
    /// Errors: [`Error::Unsupported`] for non-coherent trees,
    /// [`Error::TimedOut`], [`Error::MemoryLimit`].
    pub fn certified_bounds(
        &self,
        settings: &Settings,
        max_gate_nodes: usize,
    ) -> Result<Bounds, Error> {
        if !self.is_coherent() {
            return Err(Error::Unsupported(
                "certified bounds need a coherent tree (no NOT/XOR)".into(),
            ));
        }
        let deadline = settings.time_limit.map(|t| std::time::Instant::now() + t);
        let timed_out = || Error::TimedOut(settings.time_limit.unwrap_or_default());
        let late = || deadline.is_some_and(|d| std::time::Instant::now() > d);
        let budget = settings
            .memory_limit
            .unwrap_or_else(budget::default_memory_limit)
            .min(usize::MAX as u64) as usize;
        let out_of_memory = || {
            memory_error(
                "BDD of the bounds",
                budget,
                true,
                &Settings {
                    exact_probability: false,
                    ..Settings::default()
                },
            )
        };
        let ordering = match settings.ordering {
            VariableOrdering::Auto => VariableOrdering::Weighted,
            h => h,
        };
        let order = order::order(self, ordering);
        let mut level_of = vec![0u32; self.events.len()];
        for (level, &e) in order.iter().enumerate() {
            level_of[e] = level as u32;
        }
        let probs: Vec<f64> = order.iter().map(|&e| self.events[e].probability).collect();
        let side = |upper: bool| -> Result<f64, Error> {
            let mut bdd = Bdd::with_limits(MAX_NODES, deadline, None);
            bdd.set_memory_budget(budget);
            let approx = Approx {
                upper,
                max_gate_nodes,
                probs: &probs,
            };
            match compile_approx(self, &mut bdd, &level_of, Some(approx)) {
                Some(root) => Ok(probability(&bdd, &probs, root, &mut FxHashMap::default())),
                None if late() => Err(timed_out()),
                None if bdd.out_of_memory => Err(out_of_memory()),
                None => Err(Error::TooLarge(MAX_NODES)),
            }
        };
        let upper = side(true)?;
        let mut lower = side(false)?;
        let mut lower_sets = 0;
        if settings.order_limit.is_some() || settings.cutoff.is_some() {
            let limit = settings
                .order_limit
                .map_or(u32::MAX, |l| l.min(u32::MAX as usize - 1) as u32);
            let mut zbdd = Zbdd::with_deadline(deadline);
            zbdd.set_memory_budget(budget / 2);
            let family = cut_sets_bottom_up(
                self,
                &order,
                &mut zbdd,
                limit,
                settings.cutoff,
                Truncation::Drop,
            )?;
            if zbdd.timed_out {
                return Err(timed_out());
            }
            if !zbdd.out_of_memory {
                lower_sets = zbdd.count(family);
                let mut bdd = Bdd::with_limits(MAX_NODES, deadline, None);
                bdd.set_memory_budget(budget / 2);
                let root = family_to_bdd(&zbdd, &mut bdd, family, &mut FxHashMap::default());
                let union = if bdd.exhausted() {
                    zbdd.max_product(family, &probs)
                } else {
                    probability(&bdd, &probs, root, &mut FxHashMap::default())
                };
                lower = lower.max(union);
            }
        }
        if late() {
            return Err(timed_out());
        }
        Ok(Bounds {
            lower: (lower * (1.0 - ROUNDING_MARGIN)).max(0.0),
            upper: (upper * (1.0 + ROUNDING_MARGIN)).min(1.0),
            lower_sets,
            max_gate_nodes,
            order_limit: settings.order_limit,
            cutoff: settings.cutoff,
        })
    }
}
