//! Throughput of ingest + extraction (articles per second, one thread).

use std::path::Path;
use std::time::Instant;

use crate::document::Document;
use crate::error::Result;
use crate::ingest::{self, Input};
use crate::store::Store;

#[derive(Debug, Clone, serde::Serialize)]
pub struct BenchResult {
    /// Distinct source articles (feed items count one each).
    pub source_articles: usize,
    pub copies: usize,
    /// Articles ingested (`source_articles × copies`).
    pub articles: usize,
    /// Seconds spent parsing, extracting and inserting (one transaction per copy).
    pub seconds: f64,
    pub articles_per_second: f64,
    /// Bytes of input processed per second.
    pub bytes_per_second: f64,
}

/// Reads every article under `dir` into memory, then parses, extracts and inserts them
/// `copies` times into an in-memory store (each copy made distinct so de-duplication does
/// not skip it). Only the parse + extract + insert loop is timed.
pub fn run(dir: &Path, copies: usize) -> Result<BenchResult> {
    let inputs = ingest::expand_inputs(&[dir])?;
    let mut raw: Vec<(String, String)> = Vec::new();
    for i in &inputs {
        if let Input::File(_) = i {
            let (name, bytes) = ingest::read_input(i)?;
            raw.push((name.clone(), ingest::decode(&name, &bytes)?));
        }
    }
    let source_articles: usize = raw
        .iter()
        .map(|(n, c)| ingest::parse(n, c).map(|d| d.len()).unwrap_or(0))
        .sum();
    let bytes: usize = raw.iter().map(|(_, c)| c.len()).sum();
    let mut store = Store::in_memory()?;
    let copies = copies.max(1);
    let t = Instant::now();
    let mut articles = 0usize;
    for copy in 0..copies {
        let mut docs: Vec<Document> = Vec::new();
        for (name, content) in &raw {
            for mut d in ingest::parse(name, content)? {
                // Make each copy a distinct article.
                d.body.push_str(&format!("\n\n[copy {copy}]"));
                d.guid = d.guid.map(|g| format!("{g}#{copy}"));
                d.url = d.url.map(|u| format!("{u}?copy={copy}"));
                docs.push(d);
            }
        }
        let r = store.ingest_documents(&docs)?;
        articles += r.added.len();
    }
    let seconds = t.elapsed().as_secs_f64();
    Ok(BenchResult {
        source_articles,
        copies,
        articles,
        seconds,
        articles_per_second: articles as f64 / seconds.max(1e-9),
        bytes_per_second: (bytes * copies) as f64 / seconds.max(1e-9),
    })
}
