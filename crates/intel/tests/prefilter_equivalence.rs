//! The lexicon regex pre-checks (`extract/lexicon/prefiltered.rs`: required literals in
//! one automaton per lexicon, and the pattern without word boundaries) never change an
//! answer. The oracle is the exact regex: on every sentence and line of every article of
//! `examples/intel/` and of the former held-out sets `examples/sealed/holdout-eu5` and
//! `holdout-eu6` (no other sealed set is ever read), no pattern of any lexicon matches
//! where a pre-check says it cannot; and the full extraction of every article is the same
//! with the pre-checks and without them.

mod common;

use cordon_intel::extract::lexicon;
use cordon_intel::ingest::{self, Input};

/// Every document of the corpus (the same reading as `cordon bench intel`): all of
/// `examples/intel/` and the two former held-out sets named here.
fn corpus() -> Vec<cordon_intel::Document> {
    let dir = common::examples_dir();
    let sealed = dir.join("../sealed");
    let dirs = [
        dir.clone(),
        sealed.join("holdout-eu5"),
        sealed.join("holdout-eu6"),
    ];
    for d in &dirs {
        assert!(d.is_dir(), "{} is missing", d.display());
    }
    let inputs = ingest::expand_inputs(&dirs).expect("the example sets are readable");
    let mut docs = Vec::new();
    for i in &inputs {
        if let Input::File(_) = i {
            let (name, bytes) = ingest::read_input(i).expect("readable input");
            let text = ingest::decode(&name, &bytes).expect("decodable input");
            docs.extend(ingest::parse(&name, &text).unwrap_or_default());
        }
    }
    docs
}

#[test]
fn no_pattern_is_refused_where_it_matches() {
    let docs = corpus();
    assert!(docs.len() >= 140, "{} documents", docs.len());
    let mut haystacks: Vec<&str> = Vec::new();
    for d in &docs {
        for t in [d.title.as_deref().unwrap_or(""), d.body.as_str()] {
            haystacks.extend(
                cordon_intel::text::sentences(t)
                    .iter()
                    .map(|s| &t[s.start..s.end]),
            );
            haystacks.extend(t.lines());
        }
    }
    let mut checked = 0usize;
    for l in lexicon::all() {
        let Some((any, _)) = l.responses.first() else {
            continue;
        };
        checked += any.lexicon_patterns_with_literals();
        for h in &haystacks {
            let refused = any.audit(h);
            assert!(
                refused.is_empty(),
                "{}: {refused:?} match {h:?} but were refused",
                l.file.code
            );
        }
    }
    // The literal pre-check covers the lexicons' phrases (not a vacuous pass).
    assert!(checked > 400, "{checked} patterns with a literal pre-check");
}

#[test]
fn extraction_is_identical_without_the_prefilter() {
    let docs = corpus();
    assert!(docs.len() >= 140, "{} documents", docs.len());
    for d in &docs {
        let with = serde_json::to_value(cordon_intel::extract(d)).expect("record serialises");
        let without = lexicon::without_prefilter(|| {
            serde_json::to_value(cordon_intel::extract(d)).expect("record serialises")
        });
        assert_eq!(with, without, "{:?}", d.title);
    }
}
