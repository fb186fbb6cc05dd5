//! Substitutions applied to minimal cut sets: the MEF's traditional
//! delete-terms, recovery rules and exchange events, as SCRAM applies
//! non-declarative substitutions after an approximate analysis (SCRAM
//! refuses them for exact ones: "Non-declarative substitutions do not apply
//! to exact analyses").
//!
//! Hand-written: a few set operations over named events; no crate does
//! MEF substitutions.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::MinimalCutSet;
use crate::error::Error;

/// When a substitution's hypothesis holds in a cut set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hypothesis {
    /// Every event is in the cut set (`and`, or a single event).
    All(Vec<String>),
    /// At least `min` of the events are (`or`: 1, `atleast`: its min).
    AtLeast(usize, Vec<String>),
}

impl Hypothesis {
    fn holds(&self, set: &BTreeSet<&str>) -> bool {
        match self {
            Hypothesis::All(e) => e.iter().all(|x| set.contains(x.as_str())),
            Hypothesis::AtLeast(k, e) => {
                e.iter().filter(|x| set.contains(x.as_str())).count() >= *k
            }
        }
    }
}

/// One substitution as a rewrite of cut sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CutSetRewrite {
    /// The substitution's name.
    pub name: String,
    /// When it applies.
    pub hypothesis: Hypothesis,
    /// Events removed from a cut set it applies to (empty: declarative).
    pub source: Vec<String>,
    /// Event added to a cut set it applies to; `None` with an empty source
    /// deletes the cut set (delete-terms), with a source adds nothing.
    pub target: Option<String>,
}

/// The substitutions of a target, with the probability of every event they
/// name (evaluated as the target's own events are).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CutSetSubstitutions {
    /// In model order.
    pub rules: Vec<CutSetRewrite>,
    /// Probability of each event the rules name.
    pub probabilities: BTreeMap<String, f64>,
}

/// Most cut sets rewritten in one call (the family is listed explicitly).
pub const MAX_REWRITTEN: usize = 2_000_000;

impl CutSetSubstitutions {
    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Applies the rules to `sets` and returns the minimal family, each
    /// set's probability the product of its events' (`probability_of`
    /// gives the probability of an event of the tree; the rules' own
    /// events come from [`CutSetSubstitutions::probabilities`]).
    ///
    /// Declarative rules (no source) are implications `hypothesis ⇒
    /// target` (or `⇒ false`): a cut set gets the target events of every
    /// rule whose hypothesis it holds, repeatedly (a chain of recoveries),
    /// and is deleted when a delete-terms hypothesis holds in the result.
    /// This is exact: the result is the minimal failure sets of the cut
    /// sets' union constrained by the implications. Non-declarative rules
    /// then replace, in each cut set holding the hypothesis, the source
    /// events by the target (SCRAM: an `or` hypothesis acts as one rule per
    /// event; the rules' validation makes their order irrelevant).
    /// Finally supersets are removed.
    ///
    /// Errors: more than [`MAX_REWRITTEN`] cut sets.
    pub fn apply(
        &self,
        sets: &[MinimalCutSet],
        probability_of: &dyn Fn(&str) -> Option<f64>,
    ) -> Result<Vec<MinimalCutSet>, Error> {
        if sets.len() > MAX_REWRITTEN {
            return Err(Error::Unsupported(format!(
                "{} cut sets to rewrite with substitutions, more than {MAX_REWRITTEN}: truncate with --order-limit or --cutoff",
                sets.len()
            )));
        }
        let (declarative, exchange): (Vec<&CutSetRewrite>, Vec<&CutSetRewrite>) =
            self.rules.iter().partition(|r| r.source.is_empty());
        let mut out: Vec<BTreeSet<String>> = Vec::with_capacity(sets.len());
        'sets: for cs in sets {
            let mut set: BTreeSet<String> = cs.events.iter().cloned().collect();
            // Closure under the implications: each pass adds at least one
            // target, so at most as many passes as rules.
            for _ in 0..=declarative.len() {
                let mut added = false;
                for r in &declarative {
                    let view: BTreeSet<&str> = set.iter().map(String::as_str).collect();
                    if !r.hypothesis.holds(&view) {
                        continue;
                    }
                    match &r.target {
                        None => continue 'sets,
                        Some(t) => added |= set.insert(t.clone()),
                    }
                }
                if !added {
                    break;
                }
            }
            for r in &exchange {
                let singles: Vec<Hypothesis> = match &r.hypothesis {
                    Hypothesis::AtLeast(1, e) => {
                        e.iter().map(|x| Hypothesis::All(vec![x.clone()])).collect()
                    }
                    h => vec![h.clone()],
                };
                for h in singles {
                    let view: BTreeSet<&str> = set.iter().map(String::as_str).collect();
                    if h.holds(&view) {
                        for s in &r.source {
                            set.remove(s);
                        }
                        if let Some(t) = &r.target {
                            set.insert(t.clone());
                        }
                    }
                }
            }
            out.push(set);
        }
        // Minimal family: sort by size, keep a set when no kept set is a
        // subset of it.
        out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        out.dedup();
        let mut kept: Vec<BTreeSet<String>> = Vec::new();
        let mut by_event: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for set in out {
            // Only kept sets sharing an event (or the empty set) can be
            // subsets of `set`.
            let candidates: BTreeSet<usize> = set
                .iter()
                .filter_map(|e| by_event.get(e))
                .flatten()
                .copied()
                .collect();
            let empty_kept = kept.first().is_some_and(BTreeSet::is_empty);
            if empty_kept || candidates.iter().any(|&i| kept[i].is_subset(&set)) {
                continue;
            }
            for e in &set {
                by_event.entry(e.clone()).or_default().push(kept.len());
            }
            kept.push(set);
        }
        kept.into_iter()
            .map(|set| {
                let mut probability = 1.0;
                for e in &set {
                    let p = probability_of(e)
                        .or_else(|| self.probabilities.get(e).copied())
                        .ok_or_else(|| {
                            Error::Unsupported(format!(
                                "substitution event `{e}` has no probability"
                            ))
                        })?;
                    probability *= p;
                }
                Ok(MinimalCutSet {
                    events: set.into_iter().collect(),
                    probability,
                })
            })
            .collect()
    }
}
