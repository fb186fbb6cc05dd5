//! Incidents with several sources (issue 15, item 5): a new report of an incident already
//! stored is attached to it; fields keep their evidence and source; conflicting values
//! are shown, not overwritten.

mod common;

use cordon_intel::store::Store;

const FIRST: &str = "Title: Ransomware attack on AZ Voorbeeld\nPublished: 2024-03-08\n\n\
AZ Voorbeeld, a hospital in Ghent, Belgium, was hit by a ransomware attack on 6 March 2024. \
Surgeries were postponed and ambulances were diverted to other hospitals.\n";

const SECOND: &str = "Title: AZ Voorbeeld still recovering from cyberattack\nPublished: 2024-03-12\n\n\
AZ Voorbeeld, a hospital in Antwerp, Belgium, was hit by a ransomware attack on 6 March 2024. \
The LockBit gang claimed the attack. The hospital restored its systems from backups.\n";

const OTHER: &str = "Title: AZ Voorbeeld hit again\nPublished: 2025-09-20\n\n\
AZ Voorbeeld, a hospital in Ghent, Belgium, was hit by a ransomware attack on 18 September 2025.\n";

#[test]
fn a_second_report_is_attached_with_conflicts_shown() {
    let mut s = Store::in_memory().unwrap();
    let r1 = s.ingest_documents(&[common::doc(FIRST)]).unwrap();
    assert_eq!(r1.added.len(), 1, "{r1:?}");
    let first = s.get(&r1.added[0]).unwrap();
    let second = common::record(SECOND);
    // The premise: extraction finds the same victim in both.
    let v1 = first.primary_victim().map(|v| v.name.clone());
    let v2 = second.primary_victim().map(|v| v.name.clone());
    assert_eq!(v1, v2, "victims extracted differently");
    assert!(v1.is_some());

    let r2 = s.ingest_documents(&[common::doc(SECOND)]).unwrap();
    assert!(r2.added.is_empty(), "{r2:?}");
    assert_eq!(r2.attached.len(), 1, "{r2:?}");
    assert_eq!(r2.attached[0].incident, first.id);
    assert_eq!(s.count().unwrap(), 1);
    assert_eq!(s.report_count().unwrap(), 2);

    // Either id gives the incident with both sources.
    for id in [&first.id, &r2.attached[0].id] {
        let inc = s.incident(id).unwrap();
        assert_eq!(
            inc.record, first,
            "the first report's record is not overwritten"
        );
        assert_eq!(inc.sources.len(), 2);
        assert_eq!(inc.sources[0].role, "primary");
        assert_eq!(inc.sources[1].id, r2.attached[0].id);
    }
    let inc = s.incident(&first.id).unwrap();
    // The further source's own record keeps its fields and evidence.
    let own = s.get(&r2.attached[0].id).unwrap();
    assert_eq!(own, second);
    if let (Some(c1), Some(c2)) = (first.city.value(), second.city.value())
        && c1 != c2
    {
        let c = inc
            .conflicts
            .iter()
            .find(|c| c.field == "city")
            .expect("the two cities are a conflict");
        assert_eq!(c.values.len(), 2);
        assert_eq!(c.values[0].source, first.id);
        assert_eq!(c.values[1].source, own.id);
        assert!(c.values[1].evidence.sentence.contains(c2.as_str()));
    }
    for v in inc
        .supplements
        .iter()
        .chain(inc.conflicts.iter().flat_map(|c| &c.values))
    {
        let src = if v.source == first.id { &first } else { &own };
        let e = &v.evidence;
        assert_eq!(
            src.text.get(e.offset..e.offset + e.sentence.len()),
            Some(e.sentence.as_str()),
            "evidence of {} points into its own source",
            v.field
        );
    }

    // The JSON keeps the record's fields at the top level and adds sources beside them.
    let json = serde_json::to_value(&inc).unwrap();
    let rec_json = serde_json::to_value(&first).unwrap();
    for (k, v) in rec_json.as_object().unwrap() {
        assert_eq!(json.get(k), Some(v), "field {k} unchanged");
    }
    assert_eq!(json["sources"].as_array().unwrap().len(), 2);
    assert!(json["conflicts"].is_array() && json["supplements"].is_array());

    // Search lists the incident once.
    let hits = s
        .search(&cordon_intel::SearchQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn same_victim_at_another_time_is_another_incident() {
    let mut s = Store::in_memory().unwrap();
    s.ingest_documents(&[common::doc(FIRST)]).unwrap();
    let r = s.ingest_documents(&[common::doc(OTHER)]).unwrap();
    assert_eq!(r.added.len(), 1, "{r:?}");
    assert!(r.attached.is_empty());
    assert_eq!(s.count().unwrap(), 2);
}

#[test]
fn reports_without_victim_or_dates_are_never_merged() {
    let mut s = Store::in_memory().unwrap();
    let a = "Title: Outage\n\nA hospital reported an outage of its systems.";
    let b = "Title: Outage again\n\nA hospital reported an outage of all its systems.";
    s.ingest_documents(&[common::doc(a), common::doc(b)])
        .unwrap();
    assert_eq!(s.count().unwrap(), 2);
}

#[test]
fn generic_victim_names_are_never_merged() {
    let mut s = Store::in_memory().unwrap();
    let a = "Title: Hospital hit\nPublished: 2024-03-08\n\nThe hospital was hit by a ransomware attack on 6 March 2024. Surgeries were postponed.";
    let b = "Title: Another hospital hit\nPublished: 2024-03-08\n\nThe hospital was hit by ransomware on 6 March 2024, its director said. Ambulances were diverted.";
    let r = s
        .ingest_documents(&[common::doc(a), common::doc(b)])
        .unwrap();
    assert!(r.attached.is_empty(), "{r:?}");
    assert_eq!(s.count().unwrap(), 2);
}

#[test]
fn the_report_lists_every_source_and_the_disagreements() {
    let mut s = Store::in_memory().unwrap();
    s.ingest_documents(&[common::doc(FIRST), common::doc(SECOND)])
        .unwrap();
    let first = s.all().unwrap().remove(0);
    let inc = s.incident(&first.id).unwrap();
    assert_eq!(inc.sources.len(), 2);
    let md = cordon_intel::report::markdown_incident(&inc);
    for src in &inc.sources {
        assert!(md.contains(&src.id), "{md}");
    }
    assert!(md.contains("## Sources compared"), "{md}");
    for c in &inc.conflicts {
        for v in &c.values {
            assert!(md.contains(&v.value), "{}: {md}", v.value);
        }
    }
    let html = cordon_intel::report::html_incident(&inc);
    assert!(html.contains("Sources compared") && html.ends_with("</html>\n"));
    // A single-source incident renders exactly as before.
    let mut one = Store::in_memory().unwrap();
    let id = one.ingest_documents(&[common::doc(OTHER)]).unwrap().added[0].clone();
    let inc = one.incident(&id).unwrap();
    assert_eq!(
        cordon_intel::report::markdown_incident(&inc),
        cordon_intel::report::markdown(&inc.record)
    );
}

const CLAIM_A: &str = "Title: LockBit claims attack on AZ Voorbeeld\nPublished: 2024-03-09\n\n\
AZ Voorbeeld, a hospital in Ghent, Belgium, was hit by a ransomware attack on 6 March 2024. \
The LockBit gang claimed the attack.\n";

const CLAIM_B: &str = "Title: Qilin claims attack on AZ Voorbeeld\nPublished: 2024-03-14\n\n\
AZ Voorbeeld, a hospital in Ghent, Belgium, was hit by a ransomware attack on 6 March 2024. \
The Qilin gang claimed the attack.\n";

const CLAIM_A_AGAIN: &str = "Title: Lockbit 3.0 behind AZ Voorbeeld attack\nPublished: 2024-03-15\n\n\
AZ Voorbeeld, a hospital in Ghent, Belgium, was hit by a ransomware attack on 6 March 2024. \
The Lockbit 3.0 gang claimed the attack.\n";

/// Two sources naming different groups disagree: the analyst sees a conflict with both
/// values and their sources, not a supplement; the same group in another spelling is
/// neither (trial F3.6).
#[test]
fn different_attributions_are_a_conflict_not_a_supplement() {
    let mut s = Store::in_memory().unwrap();
    let r1 = s.ingest_documents(&[common::doc(CLAIM_A)]).unwrap();
    let first = s.get(&r1.added[0]).unwrap();
    let names: Vec<String> = first
        .threat_actors
        .iter()
        .map(|a| cordon_intel::extract::canonical_actor(&a.name))
        .collect();
    assert_eq!(names, vec!["LockBit"], "premise");
    let r2 = s
        .ingest_documents(&[common::doc(CLAIM_B), common::doc(CLAIM_A_AGAIN)])
        .unwrap();
    assert_eq!(r2.attached.len(), 2, "{r2:?}");
    let inc = s.incident(&first.id).unwrap();
    assert!(
        !inc.supplements.iter().any(|v| v.field == "threat_actor"),
        "{:?}",
        inc.supplements
    );
    let c: Vec<_> = inc
        .conflicts
        .iter()
        .filter(|c| c.field == "threat_actor")
        .collect();
    assert_eq!(c.len(), 1, "{:?}", inc.conflicts);
    let vals: Vec<(String, String)> = c[0]
        .values
        .iter()
        .map(|v| {
            (
                cordon_intel::extract::canonical_actor(&v.value),
                v.source.clone(),
            )
        })
        .collect();
    assert_eq!(
        vals,
        vec![
            ("LockBit".to_string(), first.id.clone()),
            ("Qilin".to_string(), r2.attached[0].id.clone())
        ]
    );

    // A first report naming no group: a further source's group is a supplement.
    let mut s = Store::in_memory().unwrap();
    s.ingest_documents(&[common::doc(FIRST)]).unwrap();
    let r = s.ingest_documents(&[common::doc(CLAIM_B)]).unwrap();
    let inc = s.incident(&r.attached[0].incident).unwrap();
    assert!(inc.conflicts.iter().all(|c| c.field != "threat_actor"));
    assert!(
        inc.supplements
            .iter()
            .any(|v| v.field == "threat_actor" && v.value.contains("Qilin"))
    );
}
