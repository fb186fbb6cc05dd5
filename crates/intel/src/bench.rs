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
    /// CPU seconds of this thread over the same loop (Linux `schedstat`; equals
    /// `seconds` elsewhere). On a shared machine wall time includes waiting for a core.
    pub cpu_seconds: f64,
    pub articles_per_cpu_second: f64,
    /// Documents skipped as duplicates of another article.
    pub duplicates: usize,
    /// Bytes of input processed per second (wall).
    pub bytes_per_second: f64,
    /// Bytes of input processed per CPU-second of this thread (the per-byte rate, which
    /// does not depend on how long the corpus's articles are).
    pub bytes_per_cpu_second: f64,
    /// Seconds of the one-time start-up, done before the timed loop: compiling the
    /// embedded lexicons (their regexes and literal automata), the gazetteer and the
    /// built-in patterns, by extracting every article once. A long-running `cordon intel
    /// watch` or server pays it once.
    pub startup_seconds: f64,
}

/// Reads every article under `dir` into memory, extracts each once (the one-time start-up:
/// lexicons and built-in patterns compiled, lazy DFA caches filled), then parses, extracts and inserts them
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
    let t0 = Instant::now();
    // The start-up a long-running `cordon intel watch` or server pays once: every article
    // extracted once, untimed, so that every lexicon and lazily built pattern the corpus
    // reaches is compiled and the regex engines' lazy DFA caches hold their states. One
    // article alone (as before session 11) left most lexicons and patterns to be compiled
    // inside the first timed copy.
    for (n, c) in &raw {
        for d in ingest::parse(n, c).unwrap_or_default() {
            let _ = crate::extract::extract(&d);
        }
    }
    let startup_seconds = t0.elapsed().as_secs_f64();
    let t = Instant::now();
    let cpu0 = thread_cpu_seconds();
    let mut articles = 0usize;
    let mut duplicates = 0usize;
    for copy in 0..copies {
        let mut docs: Vec<Document> = Vec::new();
        for (name, content) in &raw {
            for mut d in ingest::parse(name, content)? {
                // Make each copy a distinct article.
                d.body.push_str(&format!("\n\n[copy {copy}]"));
                d.guid = d.guid.map(|g| format!("{g}#{copy}"));
                d.url = d.url.map(|u| {
                    let sep = if u.contains('?') { '&' } else { '?' };
                    format!("{u}{sep}copy={copy}")
                });
                docs.push(d);
            }
        }
        let r = store.ingest_documents(&docs)?;
        // A copy with the same victim and dates is stored as a further source.
        articles += r.added.len() + r.attached.len();
        duplicates += r.duplicates.len();
    }
    let seconds = t.elapsed().as_secs_f64();
    let cpu_seconds = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => seconds,
    };
    Ok(BenchResult {
        source_articles,
        copies,
        articles,
        seconds,
        articles_per_second: articles as f64 / seconds.max(1e-9),
        cpu_seconds,
        articles_per_cpu_second: articles as f64 / cpu_seconds.max(1e-9),
        duplicates,
        bytes_per_second: (bytes * copies) as f64 / seconds.max(1e-9),
        bytes_per_cpu_second: (bytes * copies) as f64 / cpu_seconds.max(1e-9),
        startup_seconds,
    })
}

/// Time this thread has spent on a CPU, from `/proc/thread-self/schedstat` (nanoseconds).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// One-line summary, as `cordon bench intel` prints it.
pub fn summary(r: &BenchResult) -> String {
    format!(
        "intel ingest+extract: {} articles ({} sources x {} copies, {} duplicates skipped) in {:.3} s wall = {:.0} articles/s, {:.2} MB/s; {:.3} s CPU = {:.0} articles per CPU-second, {:.2} MB per CPU-second; 1 thread; start-up (not timed) {:.2} s",
        r.articles,
        r.source_articles,
        r.copies,
        r.duplicates,
        r.seconds,
        r.articles_per_second,
        r.bytes_per_second / 1e6,
        r.cpu_seconds,
        r.articles_per_cpu_second,
        r.bytes_per_cpu_second / 1e6,
        r.startup_seconds
    )
}
