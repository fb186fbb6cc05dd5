#![allow(dead_code)]
use std::path::PathBuf;

pub mod impacts;
pub mod responses;

pub fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/intel")
}

pub fn doc(text: &str) -> cordon_intel::Document {
    cordon_intel::ingest::parse_text("test.txt", text)
}

pub fn record(text: &str) -> cordon_intel::IncidentRecord {
    cordon_intel::extract(&doc(text))
}

/// The record of an invented article: a `Title:` line, a `Published:` line (`YYYY-MM-DD`)
/// and the body, as a plain-text scrape gives them.
pub fn article(title: &str, published: &str, body: &str) -> cordon_intel::IncidentRecord {
    record(&format!(
        "Title: {title}\nPublished: {published}\n\n{body}\n"
    ))
}

/// The values (`YYYY-MM-DD`, `YYYY-MM`) of the dates `find_dates_in` reads in `s`, with
/// the lexicon of `lang` and `published` (`YYYY-MM-DD` or `YYYY-MM`) as the anchor.
pub fn dates(s: &str, published: &str, lang: &str) -> Vec<String> {
    let lex = cordon_intel::extract::lexicon::for_language(Some(lang));
    cordon_intel::dates::find_dates_in(s, cordon_intel::dates::Anchor::parse(published), &lex)
        .into_iter()
        .map(|m| m.value)
        .collect()
}

/// A `YYYY-MM-DD` day written in a test (panics on a typo: test input only).
pub fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The ATT&CK technique ids of a record, in its order (`T1486`, `T1078.002`).
pub fn technique_ids(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.techniques.iter().map(|t| t.id.clone()).collect()
}
