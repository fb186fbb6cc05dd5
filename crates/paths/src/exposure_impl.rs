//! Exposure: many sources at once.
//!
//! Running one search per entry point costs O(sources · edges). Instead the
//! product graph reachable from the sources is condensed into strongly
//! connected components (Tarjan, iterative), and the set of sources reaching
//! each one is propagated in topological order as a bitset, 1,024 sources
//! per pass: O(edges · sources / 64) word operations.

use cordon_model::{AccessLevel, ComponentId};

use crate::graph::{AttackGraph, State};
use crate::search::AttackPath;

const UNSEEN: u32 = u32::MAX;
/// Sources per propagation pass (16 words of 64 bits).
const CHUNK: usize = 1024;
/// Above this many components, emergent trust is computed from the entry
/// points only: all pairs would cost O(components · edges / 64).
pub const EMERGENT_ALL_LIMIT: usize = 20_000;

/// The condensed product graph reachable from a set of sources.
struct Condensation {
    /// SCC id per state (UNSEEN when unreachable).
    scc_of: Vec<u32>,
    /// States of each SCC, flat, in Tarjan's emission order (sinks first).
    members: Vec<u32>,
    /// `offsets[k]..offsets[k+1]` indexes `members` for SCC `k`.
    offsets: Vec<u32>,
}

fn condense(graph: &AttackGraph<'_>, starts: &[State]) -> Condensation {
    let n = graph.len() * 4;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut scc_of = vec![UNSEEN; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut members = Vec::new();
    let mut offsets = vec![0u32];
    let mut counter = 0u32;
    // Frame: state, next outgoing interaction, end of its range.
    let mut frames: Vec<(u32, usize, usize)> = Vec::new();
    for &root in starts {
        if index[root.0 as usize] != UNSEEN {
            continue;
        }
        let push = |s: u32,
                    index: &mut Vec<u32>,
                    low: &mut Vec<u32>,
                    on_stack: &mut Vec<bool>,
                    stack: &mut Vec<u32>,
                    frames: &mut Vec<(u32, usize, usize)>,
                    counter: &mut u32| {
            index[s as usize] = *counter;
            low[s as usize] = *counter;
            *counter += 1;
            on_stack[s as usize] = true;
            stack.push(s);
            let r = graph.outgoing(State(s).component());
            frames.push((s, r.start, r.end));
        };
        push(
            root.0,
            &mut index,
            &mut low,
            &mut on_stack,
            &mut stack,
            &mut frames,
            &mut counter,
        );
        while let Some(frame) = frames.last_mut() {
            let (s, ref mut next, end) = *frame;
            let held = State(s).level();
            let mut descended = false;
            while *next < end {
                let e = *next;
                *next += 1;
                let Some(t) = graph.next_state(held, e) else {
                    continue;
                };
                let t = t.0;
                if index[t as usize] == UNSEEN {
                    push(
                        t,
                        &mut index,
                        &mut low,
                        &mut on_stack,
                        &mut stack,
                        &mut frames,
                        &mut counter,
                    );
                    descended = true;
                    break;
                } else if on_stack[t as usize] {
                    low[s as usize] = low[s as usize].min(index[t as usize]);
                }
            }
            if descended {
                continue;
            }
            frames.pop();
            if let Some(&(parent, _, _)) = frames.last() {
                low[parent as usize] = low[parent as usize].min(low[s as usize]);
            }
            if low[s as usize] == index[s as usize] {
                let k = (offsets.len() - 1) as u32;
                loop {
                    let w = stack.pop().expect("tarjan stack");
                    on_stack[w as usize] = false;
                    scc_of[w as usize] = k;
                    members.push(w);
                    if w == s {
                        break;
                    }
                }
                offsets.push(members.len() as u32);
            }
        }
    }
    Condensation {
        scc_of,
        members,
        offsets,
    }
}

/// Calls `visit(source_index, component, level)` for every component a
/// source reaches (itself excluded), with the best level that source gets.
pub fn reach_matrix(
    graph: &AttackGraph<'_>,
    sources: &[ComponentId],
    mut visit: impl FnMut(usize, ComponentId, AccessLevel),
) {
    if sources.is_empty() {
        return;
    }
    let starts: Vec<State> = sources
        .iter()
        .map(|&s| State::new(s, AccessLevel::Control))
        .collect();
    let cond = condense(graph, &starts);
    let nscc = cond.offsets.len() - 1;
    for (chunk_no, chunk) in sources.chunks(CHUNK).enumerate() {
        let words = chunk.len().div_ceil(64);
        let mut bits = vec![0u64; nscc * words];
        for (i, &s) in chunk.iter().enumerate() {
            let k = cond.scc_of[State::new(s, AccessLevel::Control).0 as usize] as usize;
            bits[k * words + i / 64] |= 1 << (i % 64);
        }
        // Tarjan emits sinks first: walk backwards for topological order.
        for k in (0..nscc).rev() {
            let (lo, hi) = (cond.offsets[k] as usize, cond.offsets[k + 1] as usize);
            if bits[k * words..(k + 1) * words].iter().all(|w| *w == 0) {
                continue;
            }
            for &s in &cond.members[lo..hi] {
                let st = State(s);
                for e in graph.outgoing(st.component()) {
                    let Some(next) = graph.next_state(st.level(), e) else {
                        continue;
                    };
                    let t = cond.scc_of[next.0 as usize] as usize;
                    if t != k {
                        let (src, dst) = if t < k {
                            let (a, b) = bits.split_at_mut(k * words);
                            (&b[..words], &mut a[t * words..(t + 1) * words])
                        } else {
                            let (a, b) = bits.split_at_mut(t * words);
                            (&a[k * words..(k + 1) * words], &mut b[..words])
                        };
                        for (d, s) in dst.iter_mut().zip(src) {
                            *d |= *s;
                        }
                    }
                }
            }
        }
        // Per component: the best level per source is the highest state row
        // with the source's bit set.
        let mut seen = vec![0u64; words];
        for c in 0..graph.len() {
            seen.iter_mut().for_each(|w| *w = 0);
            for level in [
                AccessLevel::Control,
                AccessLevel::Write,
                AccessLevel::Read,
                AccessLevel::Reach,
            ] {
                let k = cond.scc_of[State::new(ComponentId(c as u32), level).0 as usize];
                if k == UNSEEN {
                    continue;
                }
                let row = &bits[k as usize * words..(k as usize + 1) * words];
                for (w, (&r, s)) in row.iter().zip(seen.iter_mut()).enumerate() {
                    let mut new = r & !*s;
                    *s |= r;
                    while new != 0 {
                        let b = new.trailing_zeros() as usize;
                        new &= new - 1;
                        let src = chunk_no * CHUNK + w * 64 + b;
                        if sources[src].index() != c {
                            visit(src, ComponentId(c as u32), level);
                        }
                    }
                }
            }
        }
    }
}

/// What one source reaches.
#[derive(Clone, Debug)]
pub struct BlastRadius {
    /// The component assumed breached.
    pub source: ComponentId,
    /// Components per best level (index by [`AccessLevel::index`]), itself excluded.
    pub counts: [usize; 5],
    /// Crown jewels reached, with the level, worst first.
    pub crown_jewels: Vec<(ComponentId, AccessLevel)>,
}

impl BlastRadius {
    /// Components reached at any level.
    pub fn total(&self) -> usize {
        self.counts[1..].iter().sum()
    }
}

/// How exposed one crown jewel is.
#[derive(Clone, Debug)]
pub struct CrownJewelExposure {
    /// The crown jewel.
    pub crown_jewel: ComponentId,
    /// Best level reached from outside.
    pub best: AccessLevel,
    /// Entry points reaching it, with their level, worst first.
    pub reached_from: Vec<(ComponentId, AccessLevel)>,
    /// Shortest path at the best level from the external networks (from the
    /// entry points when the model has no external zone).
    pub shortest: Option<AttackPath>,
}

/// A pair the declared interactions do not state but imply.
#[derive(Clone, Debug)]
pub struct EmergentPair {
    /// Held component.
    pub from: ComponentId,
    /// Component controlled through it.
    pub to: ComponentId,
    /// How.
    pub path: AttackPath,
}

/// Declared trust vs the control it implies transitively.
#[derive(Clone, Debug)]
pub struct EmergentTrust {
    /// Sources considered (every component, or the entry points on large models).
    pub sources: usize,
    /// Whether every component was a source.
    pub all_components: bool,
    /// Distinct (from, to) pairs with at least one interaction.
    pub declared_pairs: usize,
    /// Pairs where one interaction alone gives control.
    pub direct_control_pairs: usize,
    /// Pairs (from, to) where holding `from` gives control of `to`.
    pub control_pairs: usize,
    /// Control pairs no single interaction explains.
    pub emergent_pairs: usize,
    /// The most telling emergent pairs: onto crown jewels first, longest chains first.
    pub examples: Vec<EmergentPair>,
}

/// Exposure of the estate: crown jewels vs entry points, blast radius of
/// each entry point, emergent trust.
#[derive(Clone, Debug)]
pub struct Exposure {
    /// Per crown jewel, most exposed first.
    pub crown_jewels: Vec<CrownJewelExposure>,
    /// Per entry point, largest blast first.
    pub entry_points: Vec<BlastRadius>,
    /// Emergent trust.
    pub emergent: EmergentTrust,
}

/// Computes the exposure of the estate. `examples` bounds the emergent pairs
/// explained.
pub fn exposure(graph: &AttackGraph<'_>, examples: usize) -> Exposure {
    let model = graph.model;
    let entries = model.entry_points();
    let jewels = model.crown_jewels();
    let mut is_jewel = vec![false; graph.len()];
    for &j in &jewels {
        is_jewel[j.index()] = true;
    }
    let mut blasts: Vec<BlastRadius> = entries
        .iter()
        .map(|&s| BlastRadius {
            source: s,
            counts: [0; 5],
            crown_jewels: Vec::new(),
        })
        .collect();
    let mut per_jewel: Vec<Vec<(ComponentId, AccessLevel)>> = vec![Vec::new(); graph.len()];
    reach_matrix(graph, &entries, |i, c, level| {
        blasts[i].counts[level.index()] += 1;
        if is_jewel[c.index()] {
            blasts[i].crown_jewels.push((c, level));
            per_jewel[c.index()].push((entries[i], level));
        }
    });
    for b in &mut blasts {
        b.crown_jewels
            .sort_by_key(|(c, l)| (std::cmp::Reverse(*l), *c));
    }
    blasts.sort_by_key(|b| {
        let worst = b.crown_jewels.first().map_or(AccessLevel::None, |c| c.1);
        (
            std::cmp::Reverse(worst),
            std::cmp::Reverse(b.crown_jewels.len()),
            std::cmp::Reverse(b.counts[4]),
            std::cmp::Reverse(b.total()),
            b.source,
        )
    });
    // "From outside" starts on the external networks themselves, so the
    // shortest path shows how the entry point is taken, not just what follows.
    let outside: Vec<ComponentId> = {
        let ext: Vec<ComponentId> = model
            .component_ids()
            .filter(|&c| model.is_external(c))
            .collect();
        if ext.is_empty() { entries.clone() } else { ext }
    };
    let from_outside = graph.access_from(&outside);
    let mut crown: Vec<CrownJewelExposure> = jewels
        .iter()
        .map(|&j| {
            let mut reached_from = std::mem::take(&mut per_jewel[j.index()]);
            if model.is_entry_point(j) {
                reached_from.push((j, AccessLevel::Control));
            }
            reached_from.sort_by_key(|(c, l)| (std::cmp::Reverse(*l), *c));
            CrownJewelExposure {
                crown_jewel: j,
                best: from_outside.level(j),
                shortest: from_outside.path(graph, j),
                reached_from,
            }
        })
        .collect();
    crown.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.best),
            std::cmp::Reverse(c.reached_from.len()),
            c.shortest.as_ref().map_or(usize::MAX, |p| p.hops.len()),
            c.crown_jewel,
        )
    });
    Exposure {
        crown_jewels: crown,
        entry_points: blasts,
        emergent: emergent_trust(graph, examples),
    }
}

fn emergent_trust(graph: &AttackGraph<'_>, examples: usize) -> EmergentTrust {
    let model = graph.model;
    let all = graph.len() <= EMERGENT_ALL_LIMIT;
    let sources: Vec<ComponentId> = if all {
        model.component_ids().collect()
    } else {
        model.entry_points()
    };
    let mut declared: Vec<(ComponentId, ComponentId)> =
        model.interactions.iter().map(|i| (i.from, i.to)).collect();
    declared.dedup();
    let mut direct: Vec<(ComponentId, ComponentId)> = model
        .interactions
        .iter()
        .enumerate()
        .filter(|(k, _)| graph.step(AccessLevel::Control, *k).0 == AccessLevel::Control)
        .map(|(_, i)| (i.from, i.to))
        .collect();
    direct.dedup();
    let is_source: Vec<bool> = {
        let mut v = vec![false; graph.len()];
        sources.iter().for_each(|s| v[s.index()] = true);
        v
    };
    let direct_considered = direct.iter().filter(|(f, _)| is_source[f.index()]).count();
    let mut control_pairs = 0usize;
    let mut candidates: Vec<(ComponentId, ComponentId)> = Vec::new();
    reach_matrix(graph, &sources, |i, c, level| {
        if level == AccessLevel::Control {
            control_pairs += 1;
            let from = sources[i];
            if model.component(c).crown_jewel
                && !model.component(from).crown_jewel
                && direct.binary_search(&(from, c)).is_err()
            {
                candidates.push((from, c));
            }
        }
    });
    // Explain the examples: prefer external or low-value sources reaching
    // crown jewels over the longest chains.
    let mut explained: Vec<EmergentPair> = Vec::new();
    let mut by_source: std::collections::BTreeMap<ComponentId, Vec<ComponentId>> =
        Default::default();
    for (f, t) in candidates {
        by_source.entry(f).or_default().push(t);
    }
    let mut ranked: Vec<(ComponentId, Vec<ComponentId>)> = by_source.into_iter().collect();
    ranked.sort_by_key(|(f, ts)| (!model.is_entry_point(*f), std::cmp::Reverse(ts.len()), *f));
    for (f, targets) in ranked.into_iter().take(examples.saturating_mul(4)) {
        let map = graph.access_from(&[f]);
        for t in targets {
            if let Some(path) = map.path_at(graph, t, AccessLevel::Control)
                && path.hops.len() > 1
            {
                explained.push(EmergentPair {
                    from: f,
                    to: t,
                    path,
                });
            }
        }
    }
    explained.sort_by_key(|p| {
        (
            !model.is_entry_point(p.from),
            std::cmp::Reverse(p.path.hops.len()),
            p.from,
            p.to,
        )
    });
    // One example per target keeps the list varied.
    let mut seen_targets = std::collections::HashSet::new();
    explained.retain(|p| seen_targets.insert(p.to));
    explained.truncate(examples);
    EmergentTrust {
        sources: sources.len(),
        all_components: all,
        declared_pairs: declared.len(),
        direct_control_pairs: direct_considered,
        control_pairs,
        emergent_pairs: control_pairs.saturating_sub(direct_considered),
        examples: explained,
    }
}
