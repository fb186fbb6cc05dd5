//! Extraction quality on the hand-coded public incidents in examples/intel/.
//!
//! The top-level articles are the development set (the rules were written while reading
//! them); examples/intel/holdout/ was written and coded after the rules were frozen.

mod common;

use std::collections::BTreeMap;

use cordon_intel::eval::{self, Counts, DocResult};

fn totals(docs: &[&DocResult]) -> (BTreeMap<String, Counts>, Counts) {
    let mut fields: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    for d in docs {
        for (k, c) in &d.fields {
            let f = fields.entry(k.clone()).or_default();
            f.tp += c.tp;
            f.fp += c.fp;
            f.fn_ += c.fn_;
            all.tp += c.tp;
            all.fp += c.fp;
            all.fn_ += c.fn_;
        }
    }
    (fields, all)
}

#[test]
fn development_set_meets_minimum_precision_and_recall() {
    let report = eval::evaluate_dir(&common::examples_dir()).expect("eval");
    let dev: Vec<&DocResult> = report
        .per_document
        .iter()
        .filter(|d| !d.source.contains("holdout"))
        .collect();
    assert!(dev.len() >= 25, "only {} documents", dev.len());
    let (fields, overall) = totals(&dev);
    let table = report.table();
    assert!(overall.precision() >= 0.95, "{table}");
    assert!(overall.recall() >= 0.95, "{table}");
    for (field, c) in &fields {
        assert!(
            c.precision() >= 0.85,
            "{field}: precision {:.3}\n{table}",
            c.precision()
        );
        assert!(
            c.recall() >= 0.85,
            "{field}: recall {:.3}\n{table}",
            c.recall()
        );
    }
    for d in dev {
        let (_, all) = totals(&[d]);
        assert!(
            all.precision() >= 0.80 && all.recall() >= 0.80,
            "{}: P {:.2} R {:.2}\n{:#?}",
            d.source,
            all.precision(),
            all.recall(),
            d.differences
        );
    }
}

#[test]
fn held_out_set_meets_minimum_precision_and_recall() {
    let report = eval::evaluate_dir(&common::examples_dir().join("holdout")).expect("eval");
    assert!(report.documents >= 5);
    assert!(report.overall.precision() >= 0.85, "{}", report.table());
    assert!(report.overall.recall() >= 0.75, "{}", report.table());
}

#[test]
fn every_article_has_an_expected_file() {
    let dir = common::examples_dir();
    let inputs = cordon_intel::ingest::expand_inputs(&[&dir]).unwrap();
    assert!(inputs.len() >= 25);
    for i in inputs {
        if let cordon_intel::ingest::Input::File(p) = i {
            assert!(
                eval::expected_path(&p).exists(),
                "{} has no expected file",
                p.display()
            );
        }
    }
}
