//! From a read model to fault trees: checks (cycles, values), targets (top
//! gates and event-tree sequences), CCF expansion, and the construction of
//! one [`FaultTree`] per target.

use std::collections::{BTreeMap, HashMap};

use super::expr::{self, Env, ExprError, NumExpr};
use super::model::{Branch, BranchTarget, CcfModel, Formula, Instr, Node, Op};
use super::substitute::{CutSetRewrite, CutSetSubstitutions, Hypothesis};
use super::{Loc, MefModel};
use crate::error::Error;
use crate::tree::{FaultTree, FaultTreeBuilder, Formula as F};

/// Most CCF events one group may expand into.
const MAX_CCF_EVENTS: u64 = 100_000;
/// Most event-tree paths walked for one model.
const MAX_PATHS: usize = 1_000_000;
/// Deepest event-tree walk (branch references, forks, links, rules).
const MAX_WALK_DEPTH: usize = 1_000;

/// Whether a target is a fault-tree gate or an event-tree sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// A gate (top of its fault tree, or chosen with `--top`).
    Gate,
    /// An event-tree sequence: the OR over the paths reaching it of the AND
    /// of the formulas collected on each path.
    Sequence,
}

/// Something to analyse: a gate or a sequence, by its qualified name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Qualified name: a public gate's name, a private gate's path
    /// (`FT.TOP`), or a sequence's name.
    pub name: String,
    /// Gate or sequence.
    pub kind: TargetKind,
    index: usize,
    /// For a sequence: the initiating event whose event tree reaches it.
    initiating: usize,
    /// In a model with alignments: (alignment, phase) it is analysed in.
    phase: Option<(usize, usize)>,
}

/// The fault tree of one target.
#[derive(Debug, Clone)]
pub struct TargetTree {
    /// The target's qualified name.
    pub name: String,
    /// Gate or sequence.
    pub kind: TargetKind,
    /// The tree (only what the target depends on).
    pub tree: FaultTree,
    /// `false` when a basic event it uses has no probability expression:
    /// the cut sets are right, the probabilities are not defined
    /// (the builder holds 0 for such events).
    pub has_probabilities: bool,
    /// The mission time (hours) the expressions were evaluated at: the
    /// model's, or a phase's share of it.
    pub mission_time: f64,
    /// With [`super::ReadOptions::approximate`]: the model's substitutions,
    /// to apply to the cut sets ([`CutSetSubstitutions::apply`]); empty
    /// otherwise (declarative ones are then part of `tree`).
    pub substitutions: CutSetSubstitutions,
}

struct ModelEnv<'a> {
    mm: &'a MefModel,
    states: &'a [(String, String)],
    initiating: Option<&'a str>,
    mission_time: f64,
}

impl Env for ModelEnv<'_> {
    fn mission_time(&self) -> f64 {
        self.mission_time
    }
    fn parameter(&self, name: &str, base: &str, loc: Loc, depth: usize) -> Result<f64, ExprError> {
        let m = &self.mm.model;
        let i = m.parameter(name, base, loc)?;
        expr::eval(&m.params[i].expr, self, depth)
    }
    fn functional_state(&self, name: &str) -> Option<&str> {
        self.states
            .iter()
            .rev()
            .find(|(f, _)| f == name)
            .map(|(_, s)| s.as_str())
    }
    fn initiating_event(&self) -> Option<&str> {
        self.initiating
    }
}

impl MefModel {
    fn eval(&self, e: &NumExpr) -> Result<f64, Error> {
        self.eval_at(e, self.options.mission_time)
    }

    /// `e` evaluated with `<system-mission-time/>` = `mission_time` hours.
    fn eval_at(&self, e: &NumExpr, mission_time: f64) -> Result<f64, Error> {
        let env = ModelEnv {
            mm: self,
            states: &[],
            initiating: None,
            mission_time,
        };
        expr::eval(e, &env, 0).map_err(|(loc, m)| self.sources.error(loc, None, m))
    }

    fn located(&self, loc: Loc, name: &str, message: String) -> Error {
        self.sources.error(loc, Some(name), message)
    }
}

fn param_refs(e: &NumExpr, out: &mut Vec<(String, String, Loc)>) {
    match e {
        NumExpr::Param(n, b, l) => out.push((n.clone(), b.clone(), *l)),
        NumExpr::Op(_, args, _) => args.iter().for_each(|a| param_refs(a, out)),
        NumExpr::Switch(cases, d) => {
            for (c, v) in cases {
                param_refs(c, out);
                param_refs(v, out);
            }
            param_refs(d, out);
        }
        NumExpr::Histogram(lo, bins, _) => {
            param_refs(lo, out);
            for (u, w) in bins {
                param_refs(u, out);
                param_refs(w, out);
            }
        }
        _ => {}
    }
}

fn gate_refs(f: &Formula, out: &mut Vec<(usize, Loc)>) {
    match f {
        Formula::Op(_, args, _) => args.iter().for_each(|a| gate_refs(a, out)),
        Formula::Ref {
            to: Some(Node::Gate(g)),
            loc,
            ..
        } => out.push((*g, *loc)),
        _ => {}
    }
}

/// Iterative depth-first search for a cycle; returns the cycle's nodes and
/// the location of the edge closing it.
fn find_cycle(edges: &[Vec<(usize, Loc)>]) -> Option<(Vec<usize>, Loc)> {
    let mut colour = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if colour[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = 1;
        while let Some(&mut (g, ref mut next)) = path.last_mut() {
            if let Some(&(h, loc)) = edges[g].get(*next) {
                *next += 1;
                match colour[h] {
                    0 => {
                        colour[h] = 1;
                        path.push((h, 0));
                    }
                    1 => {
                        let from = path.iter().position(|&(x, _)| x == h).unwrap_or(0);
                        let mut nodes: Vec<usize> = path[from..].iter().map(|&(x, _)| x).collect();
                        nodes.push(h);
                        return Some((nodes, loc));
                    }
                    _ => {}
                }
            } else {
                colour[g] = 2;
                path.pop();
            }
        }
    }
    None
}

/// Everything SCRAM validates once per model: cycles, expression values,
/// CCF factors, event-tree structure.
pub(super) fn check(mm: &MefModel) -> Result<(), Error> {
    let m = &mm.model;
    // Gate cycles.
    let edges: Vec<Vec<(usize, Loc)>> = m
        .gates
        .iter()
        .map(|g| {
            let mut out = Vec::new();
            gate_refs(&g.formula, &mut out);
            out
        })
        .collect();
    if let Some((nodes, loc)) = find_cycle(&edges) {
        let names: Vec<&str> = nodes.iter().map(|&g| m.gates[g].id.as_str()).collect();
        return Err(mm.located(
            loc,
            &m.gates[*nodes.last().unwrap_or(&0)].id,
            format!("cycle between gates: {}", names.join(" -> ")),
        ));
    }
    // Parameter cycles and undefined parameters.
    let mut pedges = Vec::with_capacity(m.params.len());
    for p in &m.params {
        let mut refs = Vec::new();
        param_refs(&p.expr, &mut refs);
        let mut out = Vec::new();
        for (n, b, l) in refs {
            let i = m
                .param_t
                .lookup(&n, &b)
                .ok_or_else(|| mm.located(l, &n, format!("undefined parameter `{n}`")))?;
            out.push((i, l));
        }
        pedges.push(out);
    }
    if let Some((nodes, loc)) = find_cycle(&pedges) {
        let names: Vec<&str> = nodes.iter().map(|&p| m.params[p].id.as_str()).collect();
        return Err(mm.located(
            loc,
            names[0],
            format!("cycle between parameters: {}", names.join(" -> ")),
        ));
    }
    for p in &m.params {
        mm.eval(&p.expr)?;
    }
    // Basic events: a probability in [0, 1].
    for e in &m.events {
        if let Some(x) = &e.expr {
            let p = mm.eval(x)?;
            if !(0.0..=1.0).contains(&p) {
                return Err(mm.located(
                    e.loc,
                    &e.id,
                    format!(
                        "basic event `{}`: probability {p} is not within [0, 1]",
                        e.id
                    ),
                ));
            }
        }
    }
    for g in 0..m.ccf.len() {
        ccf_probabilities(mm, g, mm.options.mission_time)?;
    }
    // Event trees: walk every tree once (structure, order, cycles).
    // Every defined branch and rule is checked too, reached or not.
    for (t, tree) in m.event_trees.iter().enumerate() {
        let mut w = Walker::new(mm, None, false, mm.options.mission_time);
        w.link_stack.push(t);
        w.branch(t, &tree.initial, &mut PathState::default(), 0)?;
        let mut names: Vec<&String> = tree.branches.keys().collect();
        names.sort();
        for name in names {
            // Branches the walks so far entered are checked already.
            if w.visited.contains(&(t, name.clone())) {
                continue;
            }
            w.branch_stack.push((t, name.clone()));
            w.visited.insert((t, name.clone()));
            w.branch(t, &tree.branches[name].0, &mut PathState::default(), 0)?;
            w.branch_stack.pop();
        }
    }
    for r in &m.rules {
        let mut w = Walker::new(mm, None, false, mm.options.mission_time);
        let rule = Instr::Rule(r.0.clone(), r.2);
        // A rule may hold a link (valid where the rule ends a sequence).
        if let Some(t) = (!m.event_trees.is_empty()).then_some(0) {
            w.instruction(t, &rule, &mut PathState::default(), 0, true)?;
        } else {
            rule_cycles(mm, &rule, &mut Vec::new(), 0)?;
        }
    }
    Ok(())
}

/// The CCF events' probabilities Q_k by level k (1-based index into the
/// result; `None` for levels the model has no event at).
fn ccf_probabilities(mm: &MefModel, g: usize, t: f64) -> Result<Vec<Option<f64>>, Error> {
    let group = &mm.model.ccf[g];
    let n = group.members.len();
    let q = mm.eval_at(&group.distribution, t)?;
    if !(0.0..=1.0).contains(&q) {
        return Err(mm.located(
            group.loc,
            &group.id,
            format!(
                "CCF group `{}`: distribution value {q} is not within [0, 1]",
                group.id
            ),
        ));
    }
    let mut f = Vec::new();
    for (level, e, loc) in &group.factors {
        let v = mm.eval_at(e, t)?;
        if !(0.0..=1.0).contains(&v) {
            return Err(mm.located(
                *loc,
                &group.id,
                format!(
                    "CCF group `{}`: factor {v} at level {level} is not within [0, 1]",
                    group.id
                ),
            ));
        }
        f.push(v);
    }
    let max = group.factors.last().map_or(1, |x| x.0);
    let mut out = vec![None; max];
    // 1 / C(n-1, k-1)
    let reciprocal = |k: usize| -> f64 {
        let (a, b) = (n - 1, k - 1);
        let mut r = 1.0;
        for i in 1..=b.min(a - b) {
            r *= i as f64 / (a - b.min(a - b) + i) as f64;
        }
        r
    };
    match group.model {
        CcfModel::BetaFactor => {
            out[0] = Some((1.0 - f[0]) * q);
            out[n - 1] = Some(f[0] * q);
        }
        CcfModel::Mgl => {
            // factors are ρ_2 … ρ_max.
            for k in 1..=max {
                let mut p = reciprocal(k) * q;
                for rho in &f[..k - 1] {
                    p *= rho;
                }
                if k < max {
                    p *= 1.0 - f[k - 1];
                }
                out[k - 1] = Some(p);
            }
        }
        CcfModel::AlphaFactor => {
            let sum: f64 = f.iter().enumerate().map(|(i, a)| (i + 1) as f64 * a).sum();
            if sum <= 0.0 {
                return Err(mm.located(
                    group.loc,
                    &group.id,
                    format!("CCF group `{}`: the alpha factors sum to zero", group.id),
                ));
            }
            for k in 1..=max {
                out[k - 1] = Some(k as f64 * reciprocal(k) * f[k - 1] / sum * q);
            }
        }
        CcfModel::PhiFactor => {
            let sum: f64 = f.iter().sum();
            if (sum - 1.0).abs() > 1e-4 {
                return Err(mm.located(
                    group.loc,
                    &group.id,
                    format!(
                        "phi-factor CCF group `{}`: the factors sum to {sum}, not 1",
                        group.id
                    ),
                ));
            }
            for k in 1..=max {
                out[k - 1] = Some(f[k - 1] * q);
            }
        }
    }
    let events: u64 = (1..=max)
        .filter(|k| out[k - 1].is_some())
        .map(|k| binomial(n as u64, k as u64))
        .fold(0u64, u64::saturating_add);
    if events > MAX_CCF_EVENTS {
        return Err(mm.located(group.loc, &group.id, format!(
            "CCF group `{}` would expand into {events} events (more than {MAX_CCF_EVENTS}); lower its highest factor level",
            group.id
        )));
    }
    Ok(out)
}

fn binomial(n: u64, k: u64) -> u64 {
    let k = k.min(n - k.min(n));
    let mut r: u64 = 1;
    for i in 0..k {
        r = r.saturating_mul(n - i) / (i + 1);
    }
    r
}

/// The formulas and expressions one event-tree path collected.
#[derive(Clone, Default)]
struct PathState<'m> {
    /// Collected formulas, each with the house-event values set before it.
    formulas: Vec<(&'m Formula, Vec<(usize, bool)>)>,
    expressions: Vec<f64>,
    houses: BTreeMap<usize, bool>,
    /// Functional events forked on so far: (event tree, name, state).
    states: Vec<(String, String)>,
    /// Index (in its tree's declaration order) of the last fork per tree.
    last_fork: Vec<(usize, usize)>,
}

struct Walker<'m> {
    mm: &'m MefModel,
    mission_time: f64,
    initiating: Option<&'m str>,
    collect: bool,
    paths: usize,
    branch_stack: Vec<(usize, String)>,
    rule_stack: Vec<usize>,
    link_stack: Vec<usize>,
    /// Branches entered (validation walks skip re-checking them).
    visited: std::collections::HashSet<(usize, String)>,
    /// Sequence index -> paths reaching it, in first-reached order.
    sequences: Vec<(usize, Vec<PathState<'m>>)>,
}

impl<'m> Walker<'m> {
    fn new(
        mm: &'m MefModel,
        initiating: Option<&'m str>,
        collect: bool,
        mission_time: f64,
    ) -> Self {
        Walker {
            mm,
            mission_time,
            initiating,
            collect,
            paths: 0,
            branch_stack: Vec::new(),
            rule_stack: Vec::new(),
            link_stack: Vec::new(),
            visited: Default::default(),
            sequences: Vec::new(),
        }
    }

    fn err(&self, loc: Loc, name: &str, message: String) -> Error {
        self.mm.located(loc, name, message)
    }

    fn branch(
        &mut self,
        tree: usize,
        b: &'m Branch,
        st: &mut PathState<'m>,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > MAX_WALK_DEPTH {
            return Err(Error::Unsupported(format!(
                "event tree walk deeper than {MAX_WALK_DEPTH} levels"
            )));
        }
        for i in &b.instructions {
            self.instruction(tree, i, st, depth, false)?;
        }
        let m = &self.mm.model;
        let et = &m.event_trees[tree];
        match &b.target {
            BranchTarget::Sequence(name, loc) => {
                let s = m.sequence(name).ok_or_else(|| {
                    self.err(
                        *loc,
                        name,
                        format!("undefined sequence `{name}` in event tree `{}`", et.name),
                    )
                })?;
                let mut st = st.clone();
                let mut linked = false;
                for i in &m.sequences[s].instructions {
                    linked |= self.instruction(tree, i, &mut st, depth, true)?;
                }
                if !linked {
                    self.paths += 1;
                    if self.paths > MAX_PATHS {
                        return Err(self.err(
                            *loc,
                            name,
                            format!("the event trees have more than {MAX_PATHS} paths"),
                        ));
                    }
                    if self.collect {
                        match self.sequences.iter_mut().find(|(i, _)| *i == s) {
                            Some((_, v)) => v.push(st),
                            None => self.sequences.push((s, vec![st])),
                        }
                    }
                }
            }
            BranchTarget::Branch(name, loc) => {
                let (target, _) = et.branches.get(name).ok_or_else(|| {
                    self.err(
                        *loc,
                        name,
                        format!("undefined branch `{name}` in event tree `{}`", et.name),
                    )
                })?;
                if self
                    .branch_stack
                    .iter()
                    .any(|(t, n)| *t == tree && n == name)
                {
                    return Err(self.err(
                        *loc,
                        name,
                        format!("cycle through branch `{name}` in event tree `{}`", et.name),
                    ));
                }
                self.branch_stack.push((tree, name.clone()));
                if !self.collect {
                    self.visited.insert((tree, name.clone()));
                }
                self.branch(tree, target, st, depth + 1)?;
                self.branch_stack.pop();
            }
            BranchTarget::Fork {
                functional_event,
                paths,
                loc,
            } => {
                let fe = functional_event;
                let index = et
                    .functional_events
                    .iter()
                    .position(|f| f == fe)
                    .ok_or_else(|| {
                        self.err(
                            *loc,
                            fe,
                            format!(
                                "undefined functional event `{fe}` in event tree `{}`",
                                et.name
                            ),
                        )
                    })?;
                if let Some(&(_, last)) = st.last_fork.iter().rev().find(|(t, _)| *t == tree) {
                    if last == index {
                        return Err(self.err(
                            *loc,
                            fe,
                            format!("functional event `{fe}` is forked on twice along one path"),
                        ));
                    }
                    if last > index {
                        return Err(self.err(*loc, fe, format!(
                            "the fork on `{fe}` comes after the fork on `{}`, but `{fe}` is declared first: forks follow the functional events' declaration order",
                            et.functional_events[last]
                        )));
                    }
                }
                for (state, p, _) in paths {
                    let mut next = st.clone();
                    next.states.push((fe.clone(), state.clone()));
                    next.last_fork.push((tree, index));
                    self.branch(tree, p, &mut next, depth + 1)?;
                }
            }
        }
        Ok(())
    }

    /// Applies one instruction; `true` when it linked to another event tree.
    fn instruction(
        &mut self,
        tree: usize,
        i: &'m Instr,
        st: &mut PathState<'m>,
        depth: usize,
        in_sequence: bool,
    ) -> Result<bool, Error> {
        let m = &self.mm.model;
        match i {
            Instr::CollectFormula(f) => {
                if !st.expressions.is_empty() {
                    return Err(Error::Unsupported(format!(
                        "event tree `{}`: a path collects both formulas and expressions (SCRAM refuses mixing collect-formula and collect-expression)",
                        m.event_trees[tree].name
                    )));
                }
                st.formulas
                    .push((f, st.houses.iter().map(|(&h, &v)| (h, v)).collect()));
            }
            Instr::CollectExpression(e, loc) => {
                if !st.formulas.is_empty() {
                    return Err(self.err(*loc, "collect-expression", format!(
                        "event tree `{}`: a path collects both formulas and expressions (SCRAM refuses mixing collect-formula and collect-expression)",
                        m.event_trees[tree].name
                    )));
                }
                let env = ModelEnv {
                    mm: self.mm,
                    states: &st.states,
                    initiating: self.initiating,
                    mission_time: self.mission_time,
                };
                let v = expr::eval(e, &env, 0)
                    .map_err(|(l, msg)| self.mm.sources.error(l, None, msg))?;
                st.expressions.push(v);
            }
            Instr::SetHouse(_, value, _, to) => {
                if let Some(h) = to {
                    st.houses.insert(*h, *value);
                }
            }
            Instr::If(cond, then, otherwise) => {
                let env = ModelEnv {
                    mm: self.mm,
                    states: &st.states,
                    initiating: self.initiating,
                    mission_time: self.mission_time,
                };
                let c = expr::eval(cond, &env, 0)
                    .map_err(|(l, msg)| self.mm.sources.error(l, None, msg))?;
                // Validation walks both arms; collection only the chosen one.
                if !self.collect {
                    let mut other = st.clone();
                    let a = self.instruction(tree, then, st, depth + 1, in_sequence)?;
                    let b = match otherwise {
                        Some(e) => self.instruction(tree, e, &mut other, depth + 1, in_sequence)?,
                        None => false,
                    };
                    return Ok(a || b);
                }
                if c != 0.0 {
                    return self.instruction(tree, then, st, depth + 1, in_sequence);
                } else if let Some(e) = otherwise {
                    return self.instruction(tree, e, st, depth + 1, in_sequence);
                }
            }
            Instr::Block(v) => {
                let mut linked = false;
                for i in v {
                    linked |= self.instruction(tree, i, st, depth + 1, in_sequence)?;
                }
                return Ok(linked);
            }
            Instr::Rule(name, loc) => {
                let r = m
                    .rule(name)
                    .ok_or_else(|| self.err(*loc, name, format!("undefined rule `{name}`")))?;
                if self.rule_stack.contains(&r) {
                    return Err(self.err(*loc, name, format!("cycle through rule `{name}`")));
                }
                if depth > MAX_WALK_DEPTH {
                    return Err(self.err(
                        *loc,
                        name,
                        format!("rules nest deeper than {MAX_WALK_DEPTH} levels"),
                    ));
                }
                self.rule_stack.push(r);
                let mut linked = false;
                for i in &m.rules[r].1 {
                    if matches!(i, Instr::Link(..)) && !in_sequence {
                        return Err(self.err(*loc, name, format!("rule `{name}` links to an event tree: it can only be used in a sequence")));
                    }
                    linked |= self.instruction(tree, i, st, depth + 1, in_sequence)?;
                }
                self.rule_stack.pop();
                return Ok(linked);
            }
            Instr::Link(name, loc) => {
                if !in_sequence {
                    return Err(self.err(
                        *loc,
                        name,
                        "a link to an event tree may only appear in a sequence".into(),
                    ));
                }
                let t = m.event_tree(name).ok_or_else(|| {
                    self.err(*loc, name, format!("undefined event tree `{name}`"))
                })?;
                if self.link_stack.contains(&t) {
                    return Err(self.err(
                        *loc,
                        name,
                        format!("cycle of event-tree links through `{name}`"),
                    ));
                }
                self.link_stack.push(t);
                let mut next = st.clone();
                self.branch(t, &m.event_trees[t].initial, &mut next, depth + 1)?;
                self.link_stack.pop();
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Top gates per fault tree, then sequences of every initiating event; in
/// a model with alignments, each of them in every phase
/// (`ALIGNMENT/PHASE/NAME`), as SCRAM analyses a model with alignments
/// phase by phase only.
pub(super) fn targets(mm: &MefModel) -> Result<Vec<Target>, Error> {
    Ok(in_phases(mm, base_targets(mm)?))
}

/// `base` in every phase of every alignment (unchanged without alignments).
fn in_phases(mm: &MefModel, base: Vec<Target>) -> Vec<Target> {
    let m = &mm.model;
    if m.alignments.is_empty() {
        return base;
    }
    let mut out = Vec::new();
    for (a, al) in m.alignments.iter().enumerate() {
        for (p, ph) in al.phases.iter().enumerate() {
            for t in &base {
                out.push(Target {
                    name: format!("{}/{}/{}", al.name, ph.name, t.name),
                    phase: Some((a, p)),
                    ..t.clone()
                });
            }
        }
    }
    out
}

pub(super) fn phase_of<'m>(mm: &'m MefModel, target: &Target) -> Option<(&'m str, &'m str, f64)> {
    let (a, p) = target.phase?;
    let al = mm.model.alignments.get(a)?;
    let ph = al.phases.get(p)?;
    Some((al.name.as_str(), ph.name.as_str(), ph.fraction))
}

/// The mission time of a phase: its fraction of the model's.
fn phase_time(mm: &MefModel, phase: Option<(usize, usize)>) -> f64 {
    let fraction = phase
        .and_then(|(a, p)| mm.model.alignments.get(a)?.phases.get(p))
        .map_or(1.0, |ph| ph.fraction);
    mm.options.mission_time * fraction
}

/// The house events a phase sets.
fn phase_houses(mm: &MefModel, phase: Option<(usize, usize)>) -> Vec<(usize, bool)> {
    phase
        .and_then(|(a, p)| mm.model.alignments.get(a)?.phases.get(p))
        .map_or_else(Vec::new, |ph| {
            ph.houses
                .iter()
                .filter_map(|(_, v, _, to)| to.map(|h| (h, *v)))
                .collect()
        })
}

fn base_targets(mm: &MefModel) -> Result<Vec<Target>, Error> {
    let m = &mm.model;
    let mut referenced = vec![false; m.gates.len()];
    for g in &m.gates {
        let mut refs = Vec::new();
        gate_refs(&g.formula, &mut refs);
        for (h, _) in refs {
            if m.gates[h].tree == g.tree {
                referenced[h] = true;
            }
        }
    }
    let mut out: Vec<Target> = Vec::new();
    let mut order: Vec<usize> = (0..m.gates.len()).collect();
    order.sort_by_key(|&g| (m.gates[g].tree, g));
    for g in order {
        if !referenced[g] {
            out.push(Target {
                name: m.gates[g].id.clone(),
                kind: TargetKind::Gate,
                index: g,
                initiating: 0,
                phase: None,
            });
        }
    }
    out.extend(sequence_targets(mm)?);
    Ok(out)
}

/// One target per (initiating event, sequence reached): named by the
/// sequence, or `IE/SEQUENCE` when several initiating events reach it.
fn sequence_targets(mm: &MefModel) -> Result<Vec<Target>, Error> {
    let m = &mm.model;
    let reached = walk_all(mm, mm.options.mission_time)?;
    let mut out = Vec::new();
    for (ie, s, _) in &reached {
        let shared = reached.iter().filter(|(_, t, _)| t == s).count() > 1;
        let name = if shared {
            format!("{}/{}", m.initiating[*ie].name, m.sequences[*s].name)
        } else {
            m.sequences[*s].name.clone()
        };
        out.push(Target {
            name,
            kind: TargetKind::Sequence,
            index: *s,
            initiating: *ie,
            phase: None,
        });
    }
    Ok(out)
}

/// Walks every initiating event's event tree, collecting the paths of each
/// sequence: (initiating event, sequence, paths).
fn walk_all(
    mm: &MefModel,
    mission_time: f64,
) -> Result<Vec<(usize, usize, Vec<PathState<'_>>)>, Error> {
    let m = &mm.model;
    let mut all: Vec<(usize, usize, Vec<PathState<'_>>)> = Vec::new();
    for (i, ie) in m.initiating.iter().enumerate() {
        let Some((et, loc)) = &ie.event_tree else {
            continue;
        };
        let t = m.event_tree(et).ok_or_else(|| {
            mm.located(
                *loc,
                et,
                format!(
                    "initiating event `{}`: undefined event tree `{et}`",
                    ie.name
                ),
            )
        })?;
        let mut w = Walker::new(mm, Some(&ie.name), true, mission_time);
        w.link_stack.push(t);
        w.branch(t, &m.event_trees[t].initial, &mut PathState::default(), 0)?;
        for (s, paths) in w.sequences {
            all.push((i, s, paths));
        }
    }
    Ok(all)
}

/// Rule cycles in a model without event trees.
fn rule_cycles<'m>(
    mm: &'m MefModel,
    i: &'m Instr,
    stack: &mut Vec<usize>,
    depth: usize,
) -> Result<(), Error> {
    let m = &mm.model;
    match i {
        Instr::Rule(name, loc) => {
            let r = m
                .rule(name)
                .ok_or_else(|| mm.located(*loc, name, format!("undefined rule `{name}`")))?;
            if stack.contains(&r) || depth > MAX_WALK_DEPTH {
                return Err(mm.located(*loc, name, format!("cycle through rule `{name}`")));
            }
            stack.push(r);
            for x in &m.rules[r].1 {
                rule_cycles(mm, x, stack, depth + 1)?;
            }
            stack.pop();
        }
        Instr::Block(v) => {
            for x in v {
                rule_cycles(mm, x, stack, depth + 1)?;
            }
        }
        Instr::If(_, t, e) => {
            rule_cycles(mm, t, stack, depth + 1)?;
            if let Some(e) = e {
                rule_cycles(mm, e, stack, depth + 1)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The target `name` names: in a model with alignments, `ALIGNMENT/PHASE/`
/// then a gate or sequence.
pub(super) fn find_target(mm: &MefModel, name: &str) -> Result<Target, Error> {
    let m = &mm.model;
    let name = name.trim();
    if m.alignments.is_empty() {
        return find_base(mm, name);
    }
    if let Some(t) = find_phased(mm, name)? {
        return Ok(t);
    }
    let all = in_phases(mm, vec![find_base(mm, name)?]);
    let names: Vec<&str> = all.iter().take(10).map(|t| t.name.as_str()).collect();
    Err(Error::Top(format!(
        "the model has alignments, so `{name}` is analysed in each phase: name one of {}{}",
        names.join(", "),
        if all.len() > 10 { ", …" } else { "" }
    )))
}

/// `ALIGNMENT/PHASE/NAME`, when the first two parts name a phase.
fn find_phased(mm: &MefModel, name: &str) -> Result<Option<Target>, Error> {
    let m = &mm.model;
    let mut parts = name.splitn(3, '/');
    let (Some(a), Some(p), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let Some(ai) = m.alignments.iter().position(|x| x.name == a) else {
        return Ok(None);
    };
    let Some(pi) = m.alignments[ai].phases.iter().position(|x| x.name == p) else {
        return Ok(None);
    };
    let t = find_base(mm, rest)?;
    Ok(Some(Target {
        name: format!("{a}/{p}/{}", t.name),
        phase: Some((ai, pi)),
        ..t
    }))
}

/// Every target `name` names: one, or in a model with alignments and a
/// name without `ALIGNMENT/PHASE/`, the target in every phase.
pub(super) fn find_targets(mm: &MefModel, name: &str) -> Result<Vec<Target>, Error> {
    let name = name.trim();
    if mm.model.alignments.is_empty() {
        return Ok(vec![find_base(mm, name)?]);
    }
    if let Some(t) = find_phased(mm, name)? {
        return Ok(vec![t]);
    }
    Ok(in_phases(mm, vec![find_base(mm, name)?]))
}

fn find_base(mm: &MefModel, name: &str) -> Result<Target, Error> {
    let m = &mm.model;
    if let Some(&g) = m
        .gate_t
        .public
        .get(name)
        .or_else(|| m.gate_t.path.get(name))
    {
        return Ok(Target {
            name: m.gates[g].id.clone(),
            kind: TargetKind::Gate,
            index: g,
            initiating: 0,
            phase: None,
        });
    }
    if m.sequence(name.rsplit('/').next().unwrap_or(name))
        .is_some()
    {
        let all = sequence_targets(mm)?;
        if let Some(t) = all.iter().find(|t| t.name == name) {
            return Ok(t.clone());
        }
        let several: Vec<&str> = all
            .iter()
            .filter(|t| t.name.ends_with(&format!("/{name}")))
            .map(|t| t.name.as_str())
            .collect();
        return Err(Error::Top(if several.is_empty() {
            format!("sequence `{name}` is reached by no initiating event's event tree")
        } else {
            format!(
                "sequence `{name}` is reached from several initiating events: {}; name one",
                several.join(", ")
            )
        }));
    }
    let suffix = format!(".{name}");
    let private: Vec<usize> = (0..m.gates.len())
        .filter(|&g| m.gates[g].id.ends_with(&suffix))
        .collect();
    match private[..] {
        [g] => {
            return Ok(Target {
                name: m.gates[g].id.clone(),
                kind: TargetKind::Gate,
                index: g,
                initiating: 0,
                phase: None,
            });
        }
        [] => {}
        _ => {
            let names: Vec<&str> = private
                .iter()
                .take(10)
                .map(|&g| m.gates[g].id.as_str())
                .collect();
            return Err(Error::Top(format!(
                "`{name}` is private in several fault trees: {}; give its qualified name",
                names.join(", ")
            )));
        }
    }
    let best = m
        .gates
        .iter()
        .map(|g| g.id.as_str())
        .chain(m.sequences.iter().map(|s| s.name.as_str()))
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
    Err(Error::Top(format!(
        "no gate or sequence named `{name}`{}",
        best.map_or(String::new(), |(_, c)| format!("; did you mean `{c}`?"))
    )))
}

struct Build<'m> {
    mm: &'m MefModel,
    b: FaultTreeBuilder,
    gates: HashMap<(usize, usize), F>,
    events: HashMap<usize, F>,
    ccf_members: HashMap<usize, F>,
    overrides: Vec<Vec<(usize, bool)>>,
    missing_probability: bool,
    /// House events the phase sets (event-tree instructions override them).
    base_houses: Vec<(usize, bool)>,
    /// Mission time the expressions are evaluated at (hours).
    mission_time: f64,
}

impl<'m> Build<'m> {
    fn override_id(&mut self, set: &[(usize, bool)]) -> usize {
        if let Some(i) = self.overrides.iter().position(|o| o == set) {
            return i;
        }
        self.overrides.push(set.to_vec());
        self.overrides.len() - 1
    }

    fn gate(&mut self, top: usize, ov: usize) -> Result<F, Error> {
        let m = &self.mm.model;
        let mut stack = vec![(top, false)];
        while let Some((g, expanded)) = stack.pop() {
            if self.gates.contains_key(&(g, ov)) {
                continue;
            }
            if expanded {
                let f = self.formula(&m.gates[g].formula, ov)?;
                let f = if ov == 0 {
                    self.b.name_gate(m.gates[g].id.clone(), f)?
                } else {
                    f
                };
                self.gates.insert((g, ov), f);
            } else {
                stack.push((g, true));
                let mut refs = Vec::new();
                gate_refs(&m.gates[g].formula, &mut refs);
                for (h, _) in refs.into_iter().rev() {
                    if !self.gates.contains_key(&(h, ov)) {
                        stack.push((h, false));
                    }
                }
            }
        }
        Ok(self.gates[&(top, ov)])
    }

    fn formula(&mut self, f: &Formula, ov: usize) -> Result<F, Error> {
        Ok(match f {
            Formula::Constant(v) => self.b.constant(*v),
            Formula::Ref { to, loc, name, .. } => match to {
                Some(Node::Gate(g)) => match self.gates.get(&(*g, ov)) {
                    Some(&f) => f,
                    None => self.gate(*g, ov)?,
                },
                Some(Node::Basic(e)) => self.basic(*e)?,
                Some(Node::House(h)) => {
                    let v = self.overrides[ov]
                        .iter()
                        .chain(&self.base_houses)
                        .find(|(x, _)| x == h)
                        .map_or(self.mm.model.houses[*h].value, |&(_, v)| v);
                    self.b.constant(v)
                }
                None => {
                    return Err(self.mm.located(
                        *loc,
                        name,
                        format!("unresolved reference `{name}`"),
                    ));
                }
            },
            Formula::Op(op, args, _) => {
                let args = args
                    .iter()
                    .map(|a| self.formula(a, ov))
                    .collect::<Result<Vec<_>, _>>()?;
                match op {
                    Op::And => self.b.and(args),
                    Op::Or => self.b.or(args),
                    Op::AtLeast(k) => self.b.atleast(*k, args),
                    Op::Not => self.b.not(args[0]),
                    Op::Xor => self.b.xor(args),
                    Op::Nand => {
                        let f = self.b.and(args);
                        self.b.not(f)
                    }
                    Op::Nor => {
                        let f = self.b.or(args);
                        self.b.not(f)
                    }
                }
            }
        })
    }

    fn basic(&mut self, e: usize) -> Result<F, Error> {
        if let Some(&f) = self.events.get(&e) {
            return Ok(f);
        }
        let mm = self.mm;
        let def = &mm.model.events[e];
        let f = match (def.ccf, mm.options.ccf) {
            (Some(g), true) => {
                if !self.ccf_members.contains_key(&e) {
                    self.expand_ccf(g)?;
                }
                self.ccf_members[&e]
            }
            (Some(g), false) => {
                let p = mm.eval_at(&mm.model.ccf[g].distribution, self.mission_time)?;
                self.b
                    .basic_event(def.id.clone(), p)
                    .map_err(|x| mm.located(def.loc, &def.id, x.to_string()))?
            }
            (None, _) => {
                let p = match &def.expr {
                    Some(x) => mm.eval_at(x, self.mission_time)?,
                    None => {
                        self.missing_probability = true;
                        0.0
                    }
                };
                self.b
                    .basic_event(def.id.clone(), p)
                    .map_err(|x| mm.located(def.loc, &def.id, x.to_string()))?
            }
        };
        self.events.insert(e, f);
        Ok(f)
    }

    /// The top with the model's (declarative) substitutions applied, as
    /// SCRAM applies them to every analysis: `top AND (NOT h OR t)` for each
    /// hypothesis `h` and target event `t`, `top AND NOT h` for a target
    /// `false` (delete-terms). The tree becomes non-coherent: its cut sets
    /// are the minimal sets of failed events among the failure scenarios
    /// (negations dropped, as SCRAM), its probability exact.
    fn substitutions(&mut self, top: F) -> Result<F, Error> {
        let subs = &self.mm.model.substitutions;
        if subs.is_empty() || self.mm.options.approximate {
            return Ok(top);
        }
        let mut parts = vec![top];
        for s in subs {
            let h = self.formula(&s.hypothesis, 0)?;
            let not_h = self.b.not(h);
            parts.push(match &s.target {
                Formula::Constant(_) => not_h,
                t => {
                    let t = self.formula(t, 0)?;
                    self.b.or([not_h, t])
                }
            });
        }
        Ok(self.b.and(parts))
    }

    /// The model's substitutions as rewrites of cut sets (approximate
    /// analyses), with the probability of every event they name.
    fn cut_set_substitutions(&mut self) -> Result<CutSetSubstitutions, Error> {
        let mm = self.mm;
        let m = &mm.model;
        let mut out = CutSetSubstitutions::default();
        if !mm.options.approximate {
            return Ok(out);
        }
        for s in &m.substitutions {
            let mut named = Vec::new();
            let event = |f: &Formula, named: &mut Vec<usize>| -> Option<String> {
                match f {
                    Formula::Ref {
                        to: Some(Node::Basic(e)),
                        ..
                    } => {
                        named.push(*e);
                        Some(m.events[*e].id.clone())
                    }
                    _ => None,
                }
            };
            let hypothesis = match &s.hypothesis {
                Formula::Op(op, args, _) => {
                    let e: Vec<String> = args.iter().filter_map(|a| event(a, &mut named)).collect();
                    match op {
                        Op::Or => Hypothesis::AtLeast(1, e),
                        Op::AtLeast(k) => Hypothesis::AtLeast(*k, e),
                        _ => Hypothesis::All(e),
                    }
                }
                f => Hypothesis::All(event(f, &mut named).into_iter().collect()),
            };
            let source = s
                .source
                .iter()
                .filter_map(|f| event(f, &mut named))
                .collect();
            let target = event(&s.target, &mut named);
            for e in named {
                let def = &m.events[e];
                if def.ccf.is_some() && mm.options.ccf {
                    return Err(mm.located(s.loc, &s.name, format!(
                        "substitution `{}` names `{}`, a member of a CCF group: applied to cut sets (--zbdd), it would miss the group's CCF events the cut sets hold; use --no-ccf, or drop --zbdd to apply it exactly",
                        s.name, def.id
                    )));
                }
                let p = match (def.ccf, &def.expr) {
                    (Some(g), _) => mm.eval_at(&m.ccf[g].distribution, self.mission_time)?,
                    (None, Some(x)) => mm.eval_at(x, self.mission_time)?,
                    (None, None) => {
                        self.missing_probability = true;
                        0.0
                    }
                };
                out.probabilities.insert(def.id.clone(), p);
            }
            out.rules.push(CutSetRewrite {
                name: s.name.clone(),
                hypothesis,
                source,
                target,
            });
        }
        Ok(out)
    }

    /// Creates the group's CCF events ("[A B]", one per set of members
    /// failing together, at every level the model defines) and, for each
    /// member, an OR gate (named as the member) over the events holding it.
    fn expand_ccf(&mut self, g: usize) -> Result<(), Error> {
        let mm = self.mm;
        let group = &mm.model.ccf[g];
        let q = ccf_probabilities(mm, g, self.mission_time)?;
        let n = group.members.len();
        let mut per_member: Vec<Vec<F>> = vec![Vec::new(); n];
        for (level, p) in q.iter().enumerate() {
            let Some(p) = *p else { continue };
            let k = level + 1;
            // Lexicographic k-subsets of 0..n.
            let mut idx: Vec<usize> = (0..k).collect();
            loop {
                let name = format!(
                    "[{}]",
                    idx.iter()
                        .map(|&i| mm.model.events[group.members[i]].id.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                let f = self
                    .b
                    .basic_event(name.clone(), p.clamp(0.0, 1.0))
                    .map_err(|x| mm.located(group.loc, &name, x.to_string()))?;
                for &i in &idx {
                    per_member[i].push(f);
                }
                // Next subset.
                let mut i = k;
                while i > 0 && idx[i - 1] == n - k + i - 1 {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                idx[i - 1] += 1;
                for j in i..k {
                    idx[j] = idx[j - 1] + 1;
                }
            }
        }
        for (i, inputs) in per_member.into_iter().enumerate() {
            let e = group.members[i];
            let or = self.b.or(inputs);
            let f = self.b.name_gate(mm.model.events[e].id.clone(), or)?;
            self.ccf_members.insert(e, f);
        }
        Ok(())
    }
}

pub(super) fn fault_tree(mm: &MefModel, target: &Target) -> Result<TargetTree, Error> {
    let mut out = fault_trees(mm, std::slice::from_ref(target))?;
    Ok(out.remove(0))
}

/// The trees of several targets, walking the event trees once.
pub(super) fn fault_trees(mm: &MefModel, targets: &[Target]) -> Result<Vec<TargetTree>, Error> {
    type Walked<'m> = Vec<(usize, usize, Vec<PathState<'m>>)>;
    let mut walks: HashMap<Option<(usize, usize)>, Walked<'_>> = HashMap::new();
    for t in targets {
        if t.kind == TargetKind::Sequence && !walks.contains_key(&t.phase) {
            walks.insert(t.phase, walk_all(mm, phase_time(mm, t.phase))?);
        }
    }
    targets
        .iter()
        .map(|t| one_tree(mm, t, walks.get(&t.phase).map_or(&[], Vec::as_slice)))
        .collect()
}

fn one_tree(
    mm: &MefModel,
    target: &Target,
    walked: &[(usize, usize, Vec<PathState<'_>>)],
) -> Result<TargetTree, Error> {
    let mut bd = Build {
        mm,
        b: FaultTreeBuilder::new(),
        gates: HashMap::new(),
        events: HashMap::new(),
        ccf_members: HashMap::new(),
        overrides: vec![Vec::new()],
        missing_probability: false,
        base_houses: phase_houses(mm, target.phase),
        mission_time: phase_time(mm, target.phase),
    };
    let top = match target.kind {
        TargetKind::Gate if mm.model.substitutions.is_empty() => bd.gate(target.index, 0)?,
        TargetKind::Gate => {
            // The substitutions wrap the gate's formula; the result keeps
            // the gate's name (no other gate of the target references it).
            let g = &mm.model.gates[target.index];
            let f = bd.formula(&g.formula, 0)?;
            let f = bd.substitutions(f)?;
            bd.b.name_gate(g.id.clone(), f)?
        }
        TargetKind::Sequence => {
            let reached = walked
                .iter()
                .find(|(ie, s, _)| *s == target.index && *ie == target.initiating);
            let paths: &[PathState<'_>] = reached.map_or(&[], |(_, _, p)| p.as_slice());
            let any_formula = paths.iter().any(|p| !p.formulas.is_empty());
            let any_expression = paths.iter().any(|p| !p.expressions.is_empty());
            let seq = &mm.model.sequences[target.index];
            if any_formula && any_expression {
                return Err(mm.located(seq.loc, &seq.name, format!(
                    "sequence `{}` is reached by paths collecting formulas and by paths collecting expressions (SCRAM refuses mixing them)",
                    seq.name
                )));
            }
            let f = if any_expression {
                let p: f64 = paths
                    .iter()
                    .map(|p| p.expressions.iter().product::<f64>())
                    .sum();
                if !(0.0..=1.0).contains(&p) {
                    return Err(mm.located(seq.loc, &seq.name, format!("sequence `{}`: collected expressions give probability {p}, not within [0, 1]", seq.name)));
                }
                // The event stands for the sequence: it takes the
                // sequence's own name (what a listed cut set shows).
                let name = free_name(&bd.b, &seq.name);
                bd.b.basic_event(name, p)?
            } else if any_formula {
                let mut terms = Vec::new();
                for p in paths {
                    let mut parts = Vec::new();
                    for (f, set) in &p.formulas {
                        let ov = bd.override_id(set);
                        parts.push(bd.formula(f, ov)?);
                    }
                    terms.push(if parts.len() == 1 {
                        parts[0]
                    } else {
                        bd.b.and(parts)
                    });
                }
                if terms.len() == 1 {
                    terms[0]
                } else {
                    bd.b.or(terms)
                }
            } else {
                // Reached, collecting nothing: certain; not reached (in
                // this phase): impossible.
                bd.b.constant(reached.is_some())
            };
            let f = bd.substitutions(f)?;
            // Sequences have their own namespace: a basic event may share
            // the name.
            match bd.b.get(&target.name) {
                // Expressions only, no substitution: the event named after
                // the sequence is the top itself.
                Some(e) if any_expression && e == f => f,
                _ => {
                    let name = free_name(&bd.b, &target.name);
                    bd.b.name_gate(name, f)?
                }
            }
        }
    };
    let substitutions = bd.cut_set_substitutions()?;
    let has_probabilities = !bd.missing_probability;
    let mission_time = bd.mission_time;
    let tree = bd.b.build(top)?;
    Ok(TargetTree {
        name: target.name.clone(),
        kind: target.kind,
        tree,
        has_probabilities,
        mission_time,
        substitutions,
    })
}

/// `name`, or `name (sequence)` when an event or gate of the tree already
/// has it (sequences have their own namespace), or `name (sequence N)`.
fn free_name(b: &crate::tree::FaultTreeBuilder, name: &str) -> String {
    if b.get(name).is_none() {
        return name.to_string();
    }
    let mut candidate = format!("{name} (sequence)");
    let mut n = 2usize;
    while b.get(&candidate).is_some() {
        candidate = format!("{name} (sequence {n})");
        n += 1;
    }
    candidate
}
