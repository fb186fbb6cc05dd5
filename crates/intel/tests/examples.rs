//! Extraction quality on the hand-coded public incidents in examples/intel/.

mod common;

use cordon_intel::eval;

#[test]
fn every_example_meets_minimum_precision_and_recall() {
    let report = eval::evaluate_dir(&common::examples_dir()).expect("eval");
    assert!(
        report.documents >= 25,
        "only {} documents",
        report.documents
    );
    // Overall.
    assert!(report.overall.precision() >= 0.90, "{}", report.table());
    assert!(report.overall.recall() >= 0.90, "{}", report.table());
    // Each field.
    for (field, c) in &report.fields {
        assert!(
            c.precision() >= 0.80,
            "{field}: precision {:.3}\n{}",
            c.precision(),
            report.table()
        );
        assert!(
            c.recall() >= 0.80,
            "{field}: recall {:.3}\n{}",
            c.recall(),
            report.table()
        );
    }
    // Each document.
    for d in &report.per_document {
        let mut all = eval::Counts::default();
        for c in d.fields.values() {
            all.tp += c.tp;
            all.fp += c.fp;
            all.fn_ += c.fn_;
        }
        assert!(
            all.precision() >= 0.75 && all.recall() >= 0.75,
            "{}: P {:.2} R {:.2}\n{:#?}",
            d.source,
            all.precision(),
            all.recall(),
            d.differences
        );
    }
}

#[test]
fn every_article_has_an_expected_file_and_vice_versa() {
    let dir = common::examples_dir();
    let inputs = cordon_intel::ingest::expand_inputs(&[&dir]).unwrap();
    assert!(inputs.len() >= 20);
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
