//! The incident store: SQLite (bundled) with an FTS5 index, in a data directory.
//!
//! Data directory: `--data DIR`, else `$CORDON_DATA`, else `./.cordon/`; the database is
//! `DIR/intel.sqlite3`. The schema is versioned with `PRAGMA user_version` and migrated
//! forward on open.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::document::{Document, canonical_url};
use crate::error::{IntelError, Result};
use crate::extract::extract;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::ingest::{self, Input};
use crate::record::IncidentRecord;

pub const DB_FILE: &str = "intel.sqlite3";
/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &[
    // v1
    r#"
    CREATE TABLE incidents (
        id            TEXT PRIMARY KEY,
        identity      TEXT NOT NULL UNIQUE,
        content_hash  TEXT NOT NULL,
        url           TEXT,
        guid          TEXT,
        source        TEXT NOT NULL,
        title         TEXT NOT NULL,
        victim        TEXT,
        org_type      TEXT,
        sector        TEXT,
        country       TEXT,
        city          TEXT,
        incident_date TEXT,
        published     TEXT,
        record        TEXT NOT NULL,
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX incidents_hash ON incidents(content_hash);
    CREATE INDEX incidents_url ON incidents(url);
    CREATE INDEX incidents_guid ON incidents(guid);
    CREATE TABLE incident_techniques (
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        technique   TEXT NOT NULL,
        PRIMARY KEY (incident_id, technique)
    );
    CREATE VIRTUAL TABLE incidents_fts USING fts5(
        id UNINDEXED, title, body, victim, tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
];

/// The data directory: `--data DIR` if given, else `$CORDON_DATA`, else `./.cordon`.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    match std::env::var_os("CORDON_DATA") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(".cordon"),
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What one ingest batch did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct IngestReport {
    /// Inputs read (files, stdin).
    pub inputs: usize,
    /// Documents found (a feed gives several).
    pub documents: usize,
    /// Ids of new records.
    pub added: Vec<String>,
    /// (source, id of the record it duplicates).
    pub duplicates: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub technique: Option<String>,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub victim: Option<String>,
    pub country: Option<String>,
    pub date: Option<String>,
    pub sector: Option<String>,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` and migrates it.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| IntelError::Write {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let path = dir.join(DB_FILE);
        let conn = Connection::open(&path).map_err(|e| IntelError::Store {
            path: path.clone(),
            source: e,
        })?;
        let mut s = Store { conn, path };
        s.migrate()?;
        Ok(s)
    }

    /// An in-memory store (benchmarks, tests).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut s = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        s.migrate()?;
        Ok(s)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> IntelError {
        IntelError::Store {
            path: self.path.clone(),
            source: e,
        }
    }

    fn migrate(&mut self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")
            .map_err(|e| self.err(e))?;
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if v > SCHEMA_VERSION {
            return Err(IntelError::SchemaTooNew {
                path: self.path.clone(),
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction().map_err(IntelError::Sql)?;
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Ingests a batch of inputs in one transaction: every input is read, parsed,
    /// extracted and inserted, and only then committed. Any error (an unreadable file, a
    /// broken feed) rolls the whole batch back and names the input. Documents already in
    /// the store (same feed guid, canonical URL or content hash) are skipped and reported
    /// as duplicates. `progress` draws a bar on stderr when it is a terminal.
    pub fn ingest(&mut self, inputs: &[Input], progress: bool) -> Result<IngestReport> {
        let pb = if progress {
            let pb = ProgressBar::with_draw_target(
                Some(inputs.len() as u64),
                ProgressDrawTarget::stderr(),
            );
            pb.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            pb
        } else {
            ProgressBar::hidden()
        };
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| IntelError::Store {
            path: path.clone(),
            source: e,
        })?;
        let mut report = IngestReport {
            inputs: inputs.len(),
            ..Default::default()
        };
        for input in inputs {
            pb.set_message(input.display());
            let (name, bytes) = ingest::read_input(input)?;
            let content = ingest::decode(&name, &bytes)?;
            let docs = ingest::parse(&name, &content)?;
            for doc in docs {
                report.documents += 1;
                insert_document(&tx, &doc, &mut report)?;
            }
            pb.inc(1);
        }
        tx.commit()
            .map_err(|e| IntelError::Store { path, source: e })?;
        pb.finish_and_clear();
        Ok(report)
    }

    /// Ingests already-parsed documents in one transaction (benchmarks, library users).
    pub fn ingest_documents(&mut self, docs: &[Document]) -> Result<IngestReport> {
        let tx = self.conn.transaction()?;
        let mut report = IngestReport::default();
        for doc in docs {
            report.documents += 1;
            insert_document(&tx, doc, &mut report)?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// The record with this id, or the only one whose id starts with it
    /// (case-insensitive; the `INC-` prefix may be left out).
    pub fn get(&self, id: &str) -> Result<IncidentRecord> {
        let mut want = id.trim().to_string();
        if !want.to_ascii_uppercase().starts_with("INC-") {
            want = format!("INC-{want}");
        }
        let want = format!("INC-{}", want[4..].to_ascii_lowercase());
        let mut stmt = self.conn.prepare(
            "SELECT id, record FROM incidents WHERE id LIKE ?1 || '%' ORDER BY id LIMIT 6",
        )?;
        let rows: Vec<(String, String)> = stmt
            .query_map([&want], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        match rows.len() {
            0 => Err(IntelError::NotFound(id.to_string())),
            1 => Ok(serde_json::from_str(&rows[0].1)?),
            _ => {
                if let Some((_, r)) = rows.iter().find(|(i, _)| *i == want) {
                    return Ok(serde_json::from_str(r)?);
                }
                let ids: Vec<&str> = rows.iter().map(|(i, _)| i.as_str()).collect();
                Err(IntelError::Ambiguous(id.to_string(), ids.join(", ")))
            }
        }
    }

    /// All records, in id order.
    pub fn all(&self) -> Result<Vec<IncidentRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT record FROM incidents ORDER BY id")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        rows.iter()
            .map(|r| serde_json::from_str(r).map_err(IntelError::from))
            .collect()
    }

    /// Full-text search with filters. The text is matched word by word (all words must
    /// occur; FTS5 syntax characters are neutralised); results are ranked by BM25, or by
    /// date when there is no text.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let mut sql = String::from(
            "SELECT i.id, i.title, i.victim, i.country, coalesce(i.incident_date, i.published), i.sector FROM incidents i",
        );
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<String> = Vec::new();
        let fts = q.text.as_deref().map(fts_query).filter(|t| !t.is_empty());
        if let Some(t) = &fts {
            sql.push_str(" JOIN incidents_fts f ON f.id = i.id");
            args.push(t.clone());
            conds.push(format!("incidents_fts MATCH ?{}", args.len()));
        }
        if let Some(s) = &q.sector {
            args.push(s.to_lowercase());
            let n = args.len();
            conds.push(format!(
                "(lower(i.sector) = ?{n} OR lower(i.org_type) = ?{n})"
            ));
        }
        if let Some(c) = &q.country {
            args.push(country_code(c));
            conds.push(format!("i.country = ?{}", args.len()));
        }
        if let Some(s) = &q.since {
            args.push(s.clone());
            conds.push(format!(
                "coalesce(i.incident_date, i.published) >= ?{}",
                args.len()
            ));
        }
        if let Some(u) = &q.until {
            args.push(format!("{u}\u{10ffff}"));
            conds.push(format!(
                "coalesce(i.incident_date, i.published) <= ?{}",
                args.len()
            ));
        }
        if let Some(t) = &q.technique {
            args.push(t.trim().to_uppercase());
            let n = args.len();
            conds.push(format!(
                "EXISTS (SELECT 1 FROM incident_techniques t WHERE t.incident_id = i.id AND (t.technique = ?{n} OR t.technique LIKE ?{n} || '.%'))"
            ));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        if fts.is_some() {
            sql.push_str(" ORDER BY bm25(incidents_fts), i.id");
        } else {
            sql.push_str(" ORDER BY coalesce(i.incident_date, i.published) DESC, i.id");
        }
        sql.push_str(&format!(
            " LIMIT {}",
            if q.limit == 0 { 50 } else { q.limit }
        ));
        let mut stmt = self.conn.prepare(&sql)?;
        let hits = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    victim: r.get(2)?,
                    country: r.get(3)?,
                    date: r.get(4)?,
                    sector: r.get(5)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(hits)
    }
}

/// Turns user text into an FTS5 query: each word quoted (so `-`, `:`, `"` and operators are
/// literal), all words required; a trailing `*` on a word keeps prefix search.
pub fn fts_query(text: &str) -> String {
    text.split(|c: char| !(c.is_alphanumeric() || c == '*' || c == '-' || c == '_'))
        .filter(|w| !w.trim_matches('*').is_empty())
        .map(|w| {
            let prefix = w.ends_with('*');
            let core: String = w.trim_matches('*').replace('"', "");
            if prefix {
                format!("\"{core}\"*")
            } else {
                format!("\"{core}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An ISO code for a country given by code, name or demonym ("BE", "Belgium", "Belgian").
pub fn country_code(s: &str) -> String {
    let t = s.trim();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return t.to_ascii_uppercase();
    }
    let g = Gazetteer::get();
    // Try the form as written, then title-cased.
    let mut title = String::new();
    for (i, w) in t.split_whitespace().enumerate() {
        if i > 0 {
            title.push(' ');
        }
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            title.extend(f.to_uppercase());
            title.push_str(&cs.as_str().to_lowercase());
        }
    }
    for cand in [t, title.as_str()] {
        if let Some(m) = g
            .find(cand)
            .into_iter()
            .find(|m| m.place.kind == PlaceKind::Country)
        {
            return m.place.country.clone();
        }
    }
    t.to_ascii_uppercase()
}

fn insert_document(tx: &Transaction, doc: &Document, report: &mut IngestReport) -> Result<()> {
    let hash = doc.content_hash();
    let url = doc.url.as_deref().map(canonical_url);
    let identity = doc.identity();
    // One indexed lookup per key (an OR across columns would scan the table).
    let mut existing: Option<String> = None;
    let lookups: [(&str, Option<&str>); 4] = [
        (
            "SELECT id FROM incidents WHERE identity = ?1 LIMIT 1",
            Some(identity.as_str()),
        ),
        (
            "SELECT id FROM incidents WHERE content_hash = ?1 LIMIT 1",
            Some(hash.as_str()),
        ),
        (
            "SELECT id FROM incidents WHERE url = ?1 LIMIT 1",
            url.as_deref(),
        ),
        (
            "SELECT id FROM incidents WHERE guid = ?1 LIMIT 1",
            doc.guid.as_deref(),
        ),
    ];
    for (sql, key) in lookups {
        let Some(key) = key else { continue };
        existing = tx
            .prepare_cached(sql)?
            .query_row([key], |r| r.get(0))
            .optional()?;
        if existing.is_some() {
            break;
        }
    }
    if let Some(id) = existing {
        report.duplicates.push((doc.source.clone(), id));
        return Ok(());
    }
    let rec = extract(doc);
    let json = serde_json::to_string(&rec)?;
    let victim = rec.primary_victim().map(|v| v.name.clone());
    let org_type = rec.primary_victim().map(|v| v.org_type.clone());
    tx.execute(
        "INSERT INTO incidents (id, identity, content_hash, url, guid, source, title, victim, org_type, sector, country, city, incident_date, published, record, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, datetime('now'))",
        params![
            rec.id,
            identity,
            hash,
            url,
            doc.guid,
            doc.source,
            rec.title,
            victim,
            org_type,
            rec.sector.value(),
            rec.country.value().map(|c| c.code.clone()),
            rec.city.value(),
            rec.incident_date.value(),
            rec.publication_date.value(),
            json,
        ],
    )?;
    let mut codes: Vec<String> = Vec::new();
    for t in &rec.techniques {
        codes.push(t.id.clone());
        codes.extend(t.tactics.iter().cloned());
    }
    codes.sort();
    codes.dedup();
    for c in codes {
        tx.execute(
            "INSERT OR IGNORE INTO incident_techniques (incident_id, technique) VALUES (?1, ?2)",
            params![rec.id, c],
        )?;
    }
    tx.execute(
        "INSERT INTO incidents_fts (id, title, body, victim) VALUES (?1, ?2, ?3, ?4)",
        params![rec.id, rec.title, rec.text, victim],
    )?;
    report.added.push(rec.id);
    Ok(())
}
