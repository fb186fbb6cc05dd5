//! The incident store: SQLite (bundled) with an FTS5 index, in a data directory.
//!
//! Data directory: `--data DIR`, else `$CORDON_DATA`, else `./.cordon/`; the database is
//! `DIR/intel.sqlite3`. The schema is versioned with `PRAGMA user_version` and migrated
//! forward on open.
//!
//! One write discipline for every writer (CLI, server, `watch`): each document is written
//! in its own `BEGIN IMMEDIATE` transaction after its extraction, with a busy timeout
//! ([`DEFAULT_BUSY_TIMEOUT`]); a writer that still cannot get the lock gets
//! [`IntelError::Busy`] ("busy, retry"; the server answers 503). A batch is all-or-nothing
//! per document: an unreadable file or a bad page is reported in
//! [`IngestReport::failed`] and the rest of the batch is stored. WAL journal; a store in
//! a read-only directory is opened read-only (and, when SQLite cannot even create its
//! WAL index there, as an immutable file).
//!
//! Evidence is stored once: an evidence sentence that is a slice of the record's text is
//! kept as `{offset, len}` in the database and restored on reading, and a record larger
//! than [`MAX_RECORD_BYTES`] is refused with a located error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};
use serde_json::Value;

use crate::document::{Document, canonical_url};
use crate::error::{IntelError, Result};
use crate::extract::extract;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::ingest::{self, Cancel, Input, Skipped};
use crate::record::IncidentRecord;
use crate::sources::{self, Incident};
use chrono::Datelike;

pub const DB_FILE: &str = "intel.sqlite3";
/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

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
    // v2: several sources per incident, watched feeds.
    r#"
    ALTER TABLE incidents ADD COLUMN merged_into TEXT;
    ALTER TABLE incidents ADD COLUMN victim_key TEXT;
    ALTER TABLE incidents ADD COLUMN span_start TEXT;
    ALTER TABLE incidents ADD COLUMN span_end TEXT;
    CREATE INDEX incidents_victim_key ON incidents(victim_key);
    CREATE INDEX incidents_merged ON incidents(merged_into);
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        added_at      TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT,
        success_at    TEXT,
        status        TEXT NOT NULL DEFAULT 'new',
        http_status   INTEGER,
        message       TEXT,
        items         INTEGER NOT NULL DEFAULT 0,
        added         INTEGER NOT NULL DEFAULT 0,
        failures      INTEGER NOT NULL DEFAULT 0
    );
    "#,
    // v3: merge key normalised (victim_key recomputed, the city a victim's name carries
    // kept apart), the incident/discovery dates' own span, and every further source's
    // text in the full-text index under its incident (filled by `backfill_v3`).
    r#"
    ALTER TABLE incidents ADD COLUMN victim_place TEXT;
    ALTER TABLE incidents ADD COLUMN event_start TEXT;
    ALTER TABLE incidents ADD COLUMN event_end TEXT;
    ALTER TABLE incidents ADD COLUMN item_guid TEXT;
    ALTER TABLE incidents ADD COLUMN item_hash TEXT;
    CREATE INDEX incidents_item_guid ON incidents(item_guid);
    "#,
];

/// How long a writer waits for another writer before [`IntelError::Busy`].
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest record (its JSON with every evidence sentence) the store accepts, in bytes;
/// `CORDON_INTEL_MAX_RECORD_BYTES` raises it.
pub const MAX_RECORD_BYTES: usize = 8 << 20;

/// Days of slack when comparing two reports' date spans for "overlapping dates".
pub const MERGE_SLACK_DAYS: i64 = 3;

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
    read_only: bool,
    busy_timeout: Duration,
}

/// What one ingest batch did. Every document read is in exactly one of `added`,
/// `attached`, `updated`, `duplicates` or `failed`; every input or item not used is in
/// `skipped`.
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
    /// New reports of an incident already stored (same victim, overlapping dates),
    /// stored as further sources of it.
    #[serde(default)]
    pub attached: Vec<Attached>,
    /// Newer versions of a stored document (same feed guid or canonical URL, different
    /// text: a news site updated the article), re-read and stored as a further source of
    /// the incident the earlier version belongs to — the same path `watch` takes for a
    /// changed feed item ([`Store::ingest_new_version`]).
    #[serde(default)]
    pub updated: Vec<Attached>,
    /// Inputs or documents that could not be stored, with the error; the rest of the
    /// batch is stored.
    #[serde(default)]
    pub failed: Vec<Failed>,
    /// Inputs and feed items read but not used (empty feed items, symbolic-link loops,
    /// HTML flattened past the depth limit), with the reason.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// A report stored as a further source of an incident.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Attached {
    pub source: String,
    /// Id of the report's own record.
    pub id: String,
    /// Id of the incident it is a source of.
    pub incident: String,
}

/// What the store holds of a feed item ([`Store::feed_item`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedItem {
    /// Never stored.
    New,
    /// Stored, same content: the id of its latest version.
    Unchanged(String),
    /// Stored, but its content changed since: the latest version's id and the incident
    /// it belongs to.
    Changed { id: String, incident: String },
}

/// An input or document that could not be stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Failed {
    pub source: String,
    pub error: String,
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
    /// The incident date, or the publication date when the incident date is not stated
    /// (`date_kind` says which; render with [`SearchHit::date_label`]).
    pub date: Option<String>,
    pub sector: Option<String>,
    /// What `date` is: `incident` or `published`; `None` without a date.
    pub date_kind: Option<String>,
}

/// The stored state of a watched feed (`cordon intel watch`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FeedState {
    pub url: String,
    /// `ETag` of the last 200 response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the last 200 response, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When it was last polled / last polled successfully (UTC, ISO 8601).
    pub checked_at: Option<String>,
    pub success_at: Option<String>,
    /// `new`, `ok`, `not modified` or `error`.
    pub status: String,
    /// HTTP status of the last response, when there was one.
    pub http_status: Option<u16>,
    /// What happened on the last poll (the error, or the items read and added).
    pub message: Option<String>,
    /// Items in the feed at the last successful poll, and records added by that poll.
    pub items: u64,
    pub added: u64,
    /// Consecutive failed polls.
    pub failures: u64,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` and migrates it. When the store
    /// exists but cannot be opened for writing (a read-only directory or file), it is
    /// opened read-only: reading works, writing gives a clear error.
    pub fn open(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        let created = std::fs::create_dir_all(dir).map_err(|e| IntelError::Write {
            path: dir.to_path_buf(),
            source: e,
        });
        if let Err(e) = created {
            if path.exists() {
                return Store::open_read_only(dir);
            }
            return Err(e);
        }
        match Store::open_rw(&path) {
            Ok(s) => Ok(s),
            Err(e) if path.exists() && !e.is_busy() => Store::open_read_only(dir).map_err(|_| e),
            Err(e) => Err(e),
        }
    }

    fn open_rw(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| store_err(path, e))?;
        let mut s = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        };
        s.conn.busy_timeout(s.busy_timeout).map_err(|e| s.err(e))?;
        s.conn
            .execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            )
            .map_err(|e| s.err(e))?;
        s.migrate()?;
        Ok(s)
    }

    /// Opens an existing store for reading only: first as a normal read-only SQLite
    /// connection, and when that fails (SQLite cannot create the WAL index in a read-only
    /// directory) as an immutable file (`?immutable=1`: no locking; a write by another
    /// process while it is open is not seen).
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(IntelError::Missing { path });
        }
        let try_open = |uri: String| -> rusqlite::Result<Connection> {
            let c = Connection::open_with_flags(
                uri,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            c.query_row("SELECT count(*) FROM incidents", [], |r| r.get::<_, i64>(0))?;
            Ok(c)
        };
        let base = format!("file:{}", uri_path(&path));
        let conn = match try_open(format!("{base}?mode=ro")) {
            Ok(c) => c,
            Err(_) => {
                try_open(format!("{base}?mode=ro&immutable=1")).map_err(|e| store_err(&path, e))?
            }
        };
        let s = Store {
            conn,
            path,
            read_only: true,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        };
        let v = s.schema_version()?;
        if v != SCHEMA_VERSION {
            return Err(IntelError::BadInput {
                path: s.path.clone(),
                what: format!(
                    "store has schema version {v} and this cordon reads {SCHEMA_VERSION}; it is read-only here, so open it once where it is writable to upgrade it"
                ),
            });
        }
        Ok(s)
    }

    /// An in-memory store (benchmarks, tests).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut s = Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        };
        s.migrate()?;
        Ok(s)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the store was opened read-only (see [`Store::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another writer before [`IntelError::Busy`] (the server
    /// uses a shorter wait than the CLI's default).
    pub fn set_busy_timeout(&mut self, d: Duration) -> Result<()> {
        self.busy_timeout = d;
        self.conn.busy_timeout(d).map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> IntelError {
        if crate::error::is_busy(&e) {
            return IntelError::Busy {
                path: self.path.clone(),
                waited_ms: self.busy_timeout.as_millis() as u64,
            };
        }
        store_err(&self.path, e)
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(IntelError::Write {
                path: self.path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the store is opened read-only (its directory or file is not writable)",
                ),
            });
        }
        Ok(())
    }

    /// Maps a SQLite error of a write to [`IntelError::Busy`] (the lock did not come within
    /// the busy timeout) or a store error naming this store's file.
    fn error_map(&self) -> impl Fn(rusqlite::Error) -> IntelError + use<> {
        let path = self.path.clone();
        let waited_ms = self.busy_timeout.as_millis() as u64;
        move |e: rusqlite::Error| {
            if crate::error::is_busy(&e) {
                IntelError::Busy {
                    path: path.clone(),
                    waited_ms,
                }
            } else {
                store_err(&path, e)
            }
        }
    }

    /// Starts a write transaction that takes the write lock at once (`BEGIN
    /// IMMEDIATE`), waiting up to the busy timeout for another writer.
    fn begin(&mut self) -> Result<Transaction<'_>> {
        self.writable()?;
        let map = self.error_map();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(map)
    }

    fn migrate(&mut self) -> Result<()> {
        let v = self.schema_version()?;
        if v > SCHEMA_VERSION {
            return Err(IntelError::SchemaTooNew {
                path: self.path.clone(),
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        if v == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self.begin()?;
        // Another process may have migrated while we waited for the lock.
        let v: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            tx.execute_batch(m)?;
            if i + 1 == 2 {
                backfill_v2(&tx)?;
            }
            if i + 1 == 3 {
                backfill_v3(&tx)?;
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Number of incidents (a report stored as a further source of an incident is not
    /// counted again).
    pub fn count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM incidents WHERE merged_into IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(n as usize)
    }

    /// Number of stored reports (every source of every incident).
    pub fn report_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(n as usize)
    }

    /// Ingests a batch of inputs: each input is read, decoded and parsed, and each of its
    /// documents extracted and written in its own transaction. An input that cannot be
    /// read or parsed, or a document that cannot be stored, is reported in
    /// [`IngestReport::failed`] and the batch goes on; documents already in the store
    /// (same feed guid, canonical URL or content hash) are reported as duplicates; a new
    /// report of a stored incident is attached to it. `progress` draws a bar on stderr.
    pub fn ingest(&mut self, inputs: &[Input], progress: bool) -> Result<IngestReport> {
        self.ingest_with(inputs, progress, &Cancel::default())
    }

    /// [`Store::ingest`] that stops when `cancel` is cancelled: the document being
    /// processed is not written, documents committed before stay, and the result is
    /// [`IntelError::Cancelled`]. A busy store ([`IntelError::Busy`]) also stops the batch.
    pub fn ingest_with(
        &mut self,
        inputs: &[Input],
        progress: bool,
        cancel: &Cancel,
    ) -> Result<IngestReport> {
        self.writable()?;
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
        let mut report = IngestReport {
            inputs: inputs.len(),
            ..Default::default()
        };
        for input in inputs {
            cancel.check()?;
            pb.set_message(input.display());
            let parsed = ingest::read_input(input).and_then(|(name, bytes)| {
                let content = ingest::decode(&name, &bytes)?;
                ingest::parse_report(&name, &content)
            });
            match parsed {
                Ok(p) => {
                    report.skipped.extend(p.skipped);
                    for doc in &p.documents {
                        self.ingest_one(doc, cancel, &mut report)?;
                    }
                }
                Err(e) => report.failed.push(Failed {
                    source: input.display(),
                    error: e.to_string(),
                }),
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        Ok(report)
    }

    /// Ingests already-parsed documents, each in its own transaction (benchmarks, the
    /// server, library users).
    pub fn ingest_documents(&mut self, docs: &[Document]) -> Result<IngestReport> {
        self.ingest_documents_with(docs, &Cancel::default())
    }

    /// [`Store::ingest_documents`] that stops when `cancel` is cancelled, before the
    /// document in progress is committed (so a request answered 408 writes nothing more).
    pub fn ingest_documents_with(
        &mut self,
        docs: &[Document],
        cancel: &Cancel,
    ) -> Result<IngestReport> {
        self.writable()?;
        let mut report = IngestReport::default();
        for doc in docs {
            self.ingest_one(doc, cancel, &mut report)?;
        }
        Ok(report)
    }

    /// One document: duplicate check, extraction (outside any transaction), then one
    /// immediate transaction that re-checks duplicates, finds the incident it reports
    /// (if any) and inserts. Busy and cancellation stop the caller; other errors are
    /// the document's own and go to `failed`.
    fn ingest_one(
        &mut self,
        doc: &Document,
        cancel: &Cancel,
        report: &mut IngestReport,
    ) -> Result<()> {
        report.documents += 1;
        cancel.check()?;
        if let Some(incident) = self.changed_version(doc)? {
            // The same engine as `watch` for a changed item: stored as a further source.
            let r = self.ingest_new_version(doc, doc, &incident, cancel)?;
            report.updated.extend(r.attached);
            report.duplicates.extend(r.duplicates);
            report.failed.extend(r.failed);
            return Ok(());
        }
        if let Some(id) = find_duplicate(&self.conn, doc).map_err(|e| self.err(e))? {
            report.duplicates.push((doc.source.clone(), id));
            return Ok(());
        }
        let rec = extract(doc);
        cancel.check()?;
        let stored = match stored_json(&rec) {
            Ok(s) => s,
            Err(e) => {
                report.failed.push(Failed {
                    source: doc.source.clone(),
                    error: e.to_string(),
                });
                return Ok(());
            }
        };
        let map = self.error_map();
        let tx = self.begin()?;
        if let Some(id) = find_duplicate(&tx, doc).map_err(&map)? {
            report.duplicates.push((doc.source.clone(), id));
            return Ok(());
        }
        let target = find_incident(&tx, &rec).map_err(&map)?;
        match insert_record(&tx, doc, &rec, &stored, target.as_deref(), &doc.identity()) {
            Ok(()) => {}
            Err(e) if crate::error::is_busy(&e) => return Err(map(e)),
            Err(e) => {
                report.failed.push(Failed {
                    source: doc.source.clone(),
                    error: map(e).to_string(),
                });
                return Ok(());
            }
        }
        cancel.check()?;
        tx.commit().map_err(&map)?;
        match target {
            Some(incident) => report.attached.push(Attached {
                source: doc.source.clone(),
                id: rec.id,
                incident,
            }),
            None => report.added.push(rec.id),
        }
        Ok(())
    }

    /// The incident a document is a newer version of: a stored record has the same feed
    /// guid ([`Store::feed_item`]) or, for a page or text file without a guid, the same
    /// canonical URL, but no
    /// stored record has this text. `None` for a new document or an identical one.
    pub fn changed_version(&self, doc: &Document) -> Result<Option<String>> {
        let same_text: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM incidents WHERE content_hash = ?1 LIMIT 1",
                [doc.content_hash()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if same_text.is_some() {
            return Ok(None);
        }
        if doc.guid.as_deref().is_some_and(|g| !g.trim().is_empty()) {
            return Ok(match self.feed_item(doc)? {
                FeedItem::Changed { incident, .. } => Some(incident),
                _ => None,
            });
        }
        // A feed item's link is the article's URL, not the item's: feed items are
        // versions of each other by guid only.
        if doc.format == crate::document::Format::Feed {
            return Ok(None);
        }
        let Some(url) = doc
            .url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(canonical_url)
        else {
            return Ok(None);
        };
        self.conn
            .query_row(
                "SELECT COALESCE(merged_into, id) FROM incidents WHERE url = ?1
                 ORDER BY rowid DESC LIMIT 1",
                [url],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// What the store holds of a feed item, by its guid: nothing ([`FeedItem::New`]),
    /// the same item ([`FeedItem::Unchanged`]), or an item whose content changed since
    /// its latest version was stored ([`FeedItem::Changed`]: news sites update an
    /// article under the same guid as the attribution or the data theft comes out).
    /// Items without a guid are compared as documents ([`Store::known`]). A version
    /// stored by a cordon before v3 (no item hash kept) is compared by its content hash.
    pub fn feed_item(&self, item: &Document) -> Result<FeedItem> {
        let Some(guid) = item.guid.as_deref().filter(|g| !g.trim().is_empty()) else {
            return Ok(match self.known(item)? {
                Some(id) => FeedItem::Unchanged(id),
                None => FeedItem::New,
            });
        };
        let hash = item.content_hash();
        let latest: Option<(String, Option<String>, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT id, item_hash, content_hash, merged_into FROM incidents
                 WHERE item_guid = ?1 OR (item_guid IS NULL AND guid = ?1)
                 ORDER BY (item_guid IS NULL), rowid DESC LIMIT 1",
                [guid.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, item_hash, content_hash, merged)) = latest else {
            return Ok(match self.known(item)? {
                Some(id) => FeedItem::Unchanged(id),
                None => FeedItem::New,
            });
        };
        if item_hash.as_deref().unwrap_or(&content_hash) == hash {
            return Ok(FeedItem::Unchanged(id));
        }
        Ok(FeedItem::Changed {
            incident: merged.unwrap_or_else(|| id.clone()),
            id,
        })
    }

    /// Remembers the feed item a stored record was read from (its guid and content hash),
    /// so that the next poll can tell a changed item ([`Store::feed_item`]).
    pub fn note_feed_item(&mut self, id: &str, item: &Document) -> Result<()> {
        self.writable()?;
        let Some(guid) = item.guid.as_deref().filter(|g| !g.trim().is_empty()) else {
            return Ok(());
        };
        self.conn
            .execute(
                "UPDATE incidents SET item_guid = ?2, item_hash = ?3 WHERE id = ?1",
                params![id, guid.trim(), item.content_hash()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Stores `doc` (the changed feed `item`, or the page it links to) as a further source
    /// of `incident`, the incident its earlier version belongs to. Only an identical text
    /// already stored is a duplicate (the guid and URL are the earlier version's). The
    /// report has the new record in `attached`, or the duplicate in `duplicates`; either
    /// way the item's new hash is remembered.
    pub fn ingest_new_version(
        &mut self,
        doc: &Document,
        item: &Document,
        incident: &str,
        cancel: &Cancel,
    ) -> Result<IngestReport> {
        self.writable()?;
        let mut report = IngestReport {
            documents: 1,
            ..Default::default()
        };
        cancel.check()?;
        let dup: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM incidents WHERE content_hash = ?1 LIMIT 1",
                [doc.content_hash()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(id) = dup {
            self.note_feed_item(&id, item)?;
            report.duplicates.push((doc.source.clone(), id));
            return Ok(report);
        }
        // `guid:G@sha256:H` (or `url:U@…` for a page without a guid): one id per version.
        let identity = format!("{}@sha256:{}", item.identity(), item.content_hash());
        let mut rec = extract(doc);
        // The version's own id (the document's would be the earlier version's).
        {
            use sha2::Digest;
            let h = sha2::Sha256::digest(identity.as_bytes());
            let hex: String = h.iter().take(6).map(|b| format!("{b:02x}")).collect();
            rec.id = format!("INC-{hex}");
        }
        cancel.check()?;
        let stored = match stored_json(&rec) {
            Ok(s) => s,
            Err(e) => {
                report.failed.push(Failed {
                    source: doc.source.clone(),
                    error: e.to_string(),
                });
                return Ok(report);
            }
        };
        let map = self.error_map();
        let tx = self.begin()?;
        if tx
            .query_row(
                "SELECT 1 FROM incidents WHERE identity = ?1",
                [&identity],
                |_| Ok(()),
            )
            .optional()
            .map_err(&map)?
            .is_some()
        {
            return Ok(report);
        }
        insert_record(&tx, doc, &rec, &stored, Some(incident), &identity).map_err(&map)?;
        if let Some(g) = item.guid.as_deref() {
            tx.execute(
                "UPDATE incidents SET item_guid = ?2, item_hash = ?3 WHERE id = ?1",
                params![rec.id, g.trim(), item.content_hash()],
            )
            .map_err(&map)?;
        }
        cancel.check()?;
        tx.commit().map_err(&map)?;
        report.attached.push(Attached {
            source: doc.source.clone(),
            id: rec.id,
            incident: incident.to_string(),
        });
        Ok(report)
    }

    /// The id of the stored row `id` names: the exact id, or the only one starting with
    /// it (case-insensitive; the `INC-` prefix may be left out).
    fn resolve(&self, id: &str) -> Result<(String, String)> {
        let mut want = id.trim().to_string();
        // "INC" or "inc" alone is the start of every id, not an id without its prefix.
        if "INC-".starts_with(&want.to_ascii_uppercase()) && !want.is_empty() {
            want = "INC-".to_string();
        }
        if !want.to_ascii_uppercase().starts_with("INC-") {
            want = format!("INC-{want}");
        }
        let want = format!("INC-{}", want.get(4..).unwrap_or("").to_ascii_lowercase());
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM incidents WHERE id LIKE ?1 || '%' ORDER BY id LIMIT 6")
            .map_err(|e| self.err(e))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([&want], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|m| m.collect::<std::result::Result<_, _>>())
            .map_err(|e| self.err(e))?;
        match rows.len() {
            0 => Err(IntelError::NotFound(id.to_string())),
            1 => Ok(rows.into_iter().next().unwrap_or_default()),
            _ => {
                if let Some(r) = rows.iter().find(|(i, _)| *i == want) {
                    return Ok(r.clone());
                }
                let ids: Vec<&str> = rows.iter().take(5).map(|(i, _)| i.as_str()).collect();
                let more = if rows.len() > 5 { ", …" } else { "" };
                Err(IntelError::Ambiguous(
                    id.to_string(),
                    format!("matches {}{more} (give more characters)", ids.join(", ")),
                ))
            }
        }
    }

    /// The record with this id, or the only one whose id starts with it
    /// (case-insensitive; the `INC-` prefix may be left out). A further source of an
    /// incident is a record of its own; [`Store::incident`] gives the incident with all
    /// its sources.
    pub fn get(&self, id: &str) -> Result<IncidentRecord> {
        let (_, json) = self.resolve(id)?;
        load_json(&json)
    }

    /// The incident `id` names (or the incident the report `id` is a further source
    /// of), with its sources, the values further sources add and the values they
    /// disagree on.
    pub fn incident(&self, id: &str) -> Result<Incident> {
        let (row, _) = self.resolve(id)?;
        let primary: String = self
            .conn
            .query_row(
                "SELECT coalesce(merged_into, id) FROM incidents WHERE id = ?1",
                [&row],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT record, ingested_at FROM incidents WHERE id = ?1 OR merged_into = ?1
                 ORDER BY (id != ?1), rowid",
            )
            .map_err(|e| self.err(e))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([&primary], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|m| m.collect::<std::result::Result<_, _>>())
            .map_err(|e| self.err(e))?;
        let mut reports = Vec::with_capacity(rows.len());
        for (json, at) in rows {
            reports.push((load_json(&json)?, at));
        }
        sources::incident(reports).ok_or_else(|| IntelError::NotFound(id.to_string()))
    }

    /// All incidents' primary records, in id order (further sources are in
    /// [`Store::incident`]).
    pub fn all(&self) -> Result<Vec<IncidentRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT record FROM incidents WHERE merged_into IS NULL ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|m| m.collect::<std::result::Result<_, _>>())
            .map_err(|e| self.err(e))?;
        rows.iter().map(|r| load_json(r)).collect()
    }

    /// The id of the stored report of this document, if any (same identity, content,
    /// canonical URL or feed guid).
    pub fn known(&self, doc: &Document) -> Result<Option<String>> {
        find_duplicate(&self.conn, doc).map_err(|e| self.err(e))
    }

    /// True when a report with this URL (canonicalised) is stored.
    pub fn has_url(&self, url: &str) -> Result<bool> {
        let u = canonical_url(url);
        self.conn
            .query_row(
                "SELECT 1 FROM incidents WHERE url = ?1 LIMIT 1",
                [&u],
                |_| Ok(()),
            )
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| self.err(e))
    }

    /// Adds feeds to watch (already known ones are kept as they are).
    pub fn add_feeds(&mut self, urls: &[String]) -> Result<()> {
        let tx = self.begin()?;
        for u in urls {
            tx.execute(
                "INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?1, datetime('now'))",
                [u],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stops watching these feed URLs (exact URLs as listed by `watch --status`): their
    /// rows and state go; incidents read from them stay. Returns the URLs that were not
    /// watched.
    pub fn remove_feeds(&mut self, urls: &[String]) -> Result<Vec<String>> {
        self.writable()?;
        let tx = self.begin()?;
        let mut unknown = Vec::new();
        for u in urls {
            if tx.execute("DELETE FROM feeds WHERE url = ?1", [u.trim()])? == 0 {
                unknown.push(u.clone());
            }
        }
        tx.commit()?;
        Ok(unknown)
    }

    /// Every watched feed with its last status, in URL order.
    pub fn feeds(&self) -> Result<Vec<FeedState>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, etag, last_modified, checked_at, success_at, status, http_status,
                        message, items, added, failures FROM feeds ORDER BY url",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(FeedState {
                url: r.get(0)?,
                etag: r.get(1)?,
                last_modified: r.get(2)?,
                checked_at: r.get(3)?,
                success_at: r.get(4)?,
                status: r.get(5)?,
                http_status: r.get::<_, Option<i64>>(6)?.map(|v| v as u16),
                message: r.get(7)?,
                items: r.get::<_, i64>(8)? as u64,
                added: r.get::<_, i64>(9)? as u64,
                failures: r.get::<_, i64>(10)? as u64,
            })
        })
        .and_then(|m| m.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| self.err(e))
    }

    /// Records a feed's poll result.
    pub fn save_feed(&mut self, f: &FeedState) -> Result<()> {
        let tx = self.begin()?;
        tx.execute(
            "INSERT INTO feeds (url, added_at, etag, last_modified, checked_at, success_at, status,
                                http_status, message, items, added, failures)
             VALUES (?1, datetime('now'), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, checked_at = ?4,
                success_at = ?5, status = ?6, http_status = ?7, message = ?8, items = ?9,
                added = ?10, failures = ?11",
            params![
                f.url,
                f.etag,
                f.last_modified,
                f.checked_at,
                f.success_at,
                f.status,
                f.http_status.map(i64::from),
                f.message,
                f.items as i64,
                f.added as i64,
                f.failures as i64
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Full-text search with filters. The text is matched word by word (all words must
    /// occur; FTS5 syntax characters are neutralised); results are ranked by BM25, or by
    /// date when there is no text. Each incident appears once (further sources of an
    /// incident are not listed separately).
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let mut sql = String::from(
            "SELECT i.id, i.title, i.victim, i.country, coalesce(i.incident_date, i.published), i.sector, i.incident_date IS NOT NULL FROM incidents i",
        );
        let mut conds: Vec<String> = vec!["i.merged_into IS NULL".into()];
        let mut args: Vec<String> = Vec::new();
        let fts = q.text.as_deref().map(fts_query).filter(|t| !t.is_empty());
        if let Some(t) = &fts {
            // An incident has one FTS row per report (its further sources' rows carry
            // its id): the best-ranked row stands for it.
            args.push(t.clone());
            sql.push_str(&format!(
                " JOIN (SELECT id, min(rank) AS rank FROM incidents_fts WHERE incidents_fts MATCH ?{} GROUP BY id) f ON f.id = i.id",
                args.len()
            ));
        }
        if let Some(s) = &q.sector {
            args.push(s.to_lowercase());
            let n = args.len();
            conds.push(format!(
                "(lower(i.sector) = ?{n} OR lower(i.org_type) = ?{n})"
            ));
        }
        if let Some(c) = &q.country {
            args.push(country_code(c)?);
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
            sql.push_str(" ORDER BY f.rank, i.id");
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
                let date: Option<String> = r.get(4)?;
                let incident_dated: bool = r.get(6)?;
                let kind = if incident_dated {
                    "incident"
                } else {
                    "published"
                };
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    victim: r.get(2)?,
                    country: r.get(3)?,
                    date_kind: date.as_ref().map(|_| kind.to_string()),
                    date,
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

/// Two-letter codes the EU and the UK use beside ISO 3166-1 alpha-2 (ISO reserves both
/// "exceptionally"): `UK` = `GB`, `EL` = `GR`. A standard fact, not language data.
const CODE_ALIASES: &[(&str, &str)] = &[("UK", "GB"), ("EL", "GR")];

/// The country names users type, from `data/countries.tsv` (English, Dutch, French and
/// German names, the country's own names, spellings without diacritics): `(code, name)`
/// in file order. Read by [`country_code`] only; the extractor finds countries in text
/// through the gazetteer. A line without a tab-separated code, language and name list
/// is skipped (the file is built in, and `tests/country_names.rs` checks every line).
pub fn country_names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("../data/countries.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(code), Some(_lang), Some(names)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                out.push((code.trim().to_string(), name.to_string()));
            }
        }
        out
    })
}

/// A country name as compared: lower case, typographic apostrophes as `'`, runs of
/// white space as one space.
fn country_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
}

/// The ISO 3166-1 alpha-2 code of a country given by code ("BE", "uk"), by a name in
/// English, Dutch, French or German or the country's own name (`data/countries.tsv`:
/// "Nederland", "Pays-Bas", "Niederlande", "États-Unis"; case-insensitive), or by a name
/// or demonym the gazetteer knows ("Britain", "Belgian"). The one resolution used by
/// `cordon intel search --country` and the server's `country` search parameter.
///
/// # Errors
/// [`IntelError::Usage`] for a country neither table knows (a code no record can carry,
/// a misspelt name), with the closest country names by edit distance ("did you mean
/// Nederland (NL)?") — an unknown country is refused rather than silently matching
/// nothing.
pub fn country_code(s: &str) -> Result<String> {
    let t = s.trim();
    let g = Gazetteer::get();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        let up = t.to_ascii_uppercase();
        let code = CODE_ALIASES
            .iter()
            .find(|(a, _)| *a == up)
            .map_or(up.as_str(), |(_, c)| *c);
        if g.country_name(code).is_some() {
            return Ok(code.to_string());
        }
    }
    let key = country_key(t);
    if let Some((code, _)) = country_names()
        .iter()
        .find(|(code, name)| country_key(name) == key && g.country_name(code).is_some())
    {
        return Ok(code.clone());
    }
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
            .find(|m| m.place.kind == PlaceKind::Country && m.form.len() == cand.len())
        {
            return Ok(m.place.country.clone());
        }
    }
    Err(IntelError::Usage(unknown_country(t)))
}

/// "unknown country `X`" with the closest country names (Jaro-Winkler ≥ 0.8 or at most
/// two edits, by gazetteer name, `data/countries.tsv` name or code) and how to write one.
fn unknown_country(t: &str) -> String {
    let g = Gazetteer::get();
    // Every code the gazetteer names (it has no list accessor; 676 look-ups are cheap),
    // then every name of the countries table.
    let mut known: Vec<(String, String)> = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let code = String::from_utf8(vec![a, b]).unwrap_or_default();
            if let Some(name) = g.country_name(&code) {
                known.push((code, name.to_string()));
            }
        }
    }
    known.extend(
        country_names()
            .iter()
            .filter(|(code, _)| g.country_name(code).is_some())
            .cloned(),
    );
    let lower = country_key(t);
    let mut scored: Vec<(f64, &String, String)> = known
        .iter()
        .map(|(code, name)| {
            let n = country_key(name);
            let score = strsim::jaro_winkler(&lower, &n)
                .max(strsim::jaro_winkler(&lower, &code.to_lowercase()));
            let close =
                score >= 0.8 || (lower.chars().count() > 3 && strsim::levenshtein(&lower, &n) <= 2);
            (
                if close { score } else { 0.0 },
                code,
                format!("{name} ({code})"),
            )
        })
        .filter(|(s, _, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    // The closest name of each country only: three spellings of one country help less
    // than three countries.
    let mut seen = std::collections::HashSet::new();
    scored.retain(|(_, code, _)| seen.insert(*code));
    let shown = t.chars().take(40).collect::<String>();
    let mut msg = format!(
        "unknown country `{shown}`: give an ISO 3166-1 alpha-2 code (BE, GB or UK, GR or EL …) or a country name in English, Dutch, French or German (Belgium, Nederland, Royaume-Uni, Vereinigte Staaten …)"
    );
    if !scored.is_empty() {
        let names: Vec<&str> = scored.iter().take(3).map(|s| s.2.as_str()).collect();
        msg.push_str(&format!("; did you mean {}?", names.join(", ")));
    }
    msg
}

fn store_err(path: &Path, e: rusqlite::Error) -> IntelError {
    IntelError::Store {
        path: path.to_path_buf(),
        source: e,
    }
}

/// The path part of an SQLite `file:` URI (`?`, `#` and `%` escaped).
fn uri_path(p: &Path) -> String {
    let s = p.display().to_string();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            _ => out.push(c),
        }
    }
    out
}

/// The id of a stored report of the same document: same identity, content hash,
/// canonical URL or feed guid (one indexed lookup per key; an OR across columns would
/// scan the table).
fn find_duplicate(conn: &Connection, doc: &Document) -> rusqlite::Result<Option<String>> {
    let hash = doc.content_hash();
    let url = doc.url.as_deref().map(canonical_url);
    let identity = doc.identity();
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
        let found = conn
            .prepare_cached(sql)?
            .query_row([key], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// What two reports' victims are compared by when deciding that they report one
/// incident (see [`merge_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeKey {
    /// The victim's own name, normalised: lower-case words, without the generic
    /// organisation nouns of every lexicon (`org_keywords`, `generic_org_nouns`: "AZ",
    /// "hôpital", "Ziekenhuis" — also as the tail of a compound, "Sint-Elisabethziekenhuis"),
    /// without lower-case words (articles, prepositions) and without a trailing place.
    /// A name that is only organisation nouns and a place keeps its nouns and the place
    /// ("klinikum|DE:Stuttgart").
    pub name: String,
    /// The place the name itself ends with ("… de Tirlemont"), as the gazetteer's
    /// canonical place `CC:Name` (so Tirlemont = Tienen = `BE:Tienen`). Two reports whose
    /// names carry different places are different victims.
    pub place: Option<String>,
}

/// The merge key of the record's primary victim. Only a proper name counts — one with a
/// capital letter past its first character ("AZ Voorbeeld", "CHU de Rouen", "Klinikum
/// Stuttgart"): a generic "the hospital" or a one-word name could be any of many victims,
/// and merging two incidents wrongly is worse than keeping them apart.
pub fn merge_key(rec: &IncidentRecord) -> Option<MergeKey> {
    let name = &rec.primary_victim()?.name;
    if name == crate::record::NOT_STATED || !name.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let mut words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let g = Gazetteer::get();
    // A trailing place (up to three words, "Frankfurt am Main"), then the lower-case
    // words before it ("de", "in", "à", "of").
    let mut place = None;
    for n in (1..=3.min(words.len().saturating_sub(1))).rev() {
        let tail = &words[words.len() - n..];
        let found = [tail.join(" "), tail.join("-")]
            .iter()
            .find_map(|f| g.lookup(f))
            .filter(|p| p.kind != PlaceKind::Country);
        if let Some(p) = found {
            place = Some(format!("{}:{}", p.country, p.name));
            words.truncate(words.len() - n);
            while words
                .last()
                .is_some_and(|w| !w.chars().any(char::is_uppercase))
            {
                words.pop();
            }
            break;
        }
    }
    let nouns = org_nouns();
    let is_noun = |w: &str| nouns.iter().any(|n| n == &w.to_lowercase());
    let mut core: Vec<String> = Vec::new();
    for w in &words {
        if !w.chars().any(char::is_uppercase) || is_noun(w) {
            continue;
        }
        let lw = w.to_lowercase();
        // The generic noun as the tail of a compound (nl/de): "elisabethziekenhuis".
        let stem = nouns
            .iter()
            .filter(|n| n.chars().count() >= 5)
            .find_map(|n| {
                lw.strip_suffix(n.as_str())
                    .filter(|r| r.chars().count() >= 3)
            });
        core.push(stem.unwrap_or(&lw).to_string());
    }
    if core.is_empty() {
        // Only organisation nouns: the place is part of the name ("Klinikum Stuttgart").
        let place = place?;
        let nouns: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        if nouns.is_empty() {
            return None;
        }
        return Some(MergeKey {
            name: format!("{}|{place}", nouns.join(" ")),
            place: Some(place),
        });
    }
    Some(MergeKey {
        name: core.join(" "),
        place,
    })
}

/// The normalised victim name of [`merge_key`] (`None` without a proper name).
pub fn victim_key(rec: &IncidentRecord) -> Option<String> {
    merge_key(rec).map(|k| k.name)
}

/// Every lexicon's organisation nouns (`org_keywords`, `generic_org_nouns`), lower-case.
fn org_nouns() -> &'static [String] {
    static NOUNS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NOUNS.get_or_init(|| {
        let mut v: Vec<String> = crate::extract::lexicon::all()
            .iter()
            .flat_map(|l| {
                l.file
                    .org_keywords
                    .iter()
                    .chain(l.file.generic_org_nouns.iter())
            })
            .map(|w| w.to_lowercase())
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// The first and last day a date (`YYYY-MM-DD` or `YYYY-MM`) covers. A bare year is too
/// coarse to say that two reports overlap, so it gives nothing.
fn date_range(s: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::NaiveDate;
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((d, d));
    }
    let (y, m) = s.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// The days a report speaks of: from its earliest incident, discovery or publication
/// date to its latest one (ISO dates). `None` without any usable date.
pub fn date_span(rec: &IncidentRecord) -> Option<(String, String)> {
    let ranges: Vec<_> = [
        rec.incident_date.value(),
        rec.discovery_date.value(),
        rec.publication_date
            .value()
            .or(rec.source.published.as_ref()),
    ]
    .into_iter()
    .flatten()
    .filter_map(|d| date_range(d))
    .collect();
    let start = ranges.iter().map(|r| r.0).min()?;
    let end = ranges.iter().map(|r| r.1).max()?;
    Some((start.to_string(), end.to_string()))
}

/// The days the report's incident and discovery dates cover (the event, not the
/// article). `None` when it states neither.
///
/// A year the date's own evidence sentence states wins over the date when they differ:
/// "sentenced on Thursday … for the attack … in March 2021" speaks of 2021 whatever
/// day "Thursday" resolved to, so a report of a 2021 attack never merges into a 2026
/// incident because of the day of another event in the same sentence.
pub fn event_span(rec: &IncidentRecord) -> Option<(String, String)> {
    let mut ranges = Vec::new();
    for f in [&rec.incident_date, &rec.discovery_date] {
        let Some(fact) = f.fact() else { continue };
        let Some(r) = date_range(&fact.value) else {
            continue;
        };
        let stated = stated_years(&fact.evidence.sentence);
        if stated.is_empty() || stated.contains(&r.0.year_ce().1) {
            ranges.push(r);
        } else {
            ranges.extend(stated.iter().filter_map(|y| {
                Some((
                    chrono::NaiveDate::from_ymd_opt(*y as i32, 1, 1)?,
                    chrono::NaiveDate::from_ymd_opt(*y as i32, 12, 31)?,
                ))
            }));
        }
    }
    let start = ranges.iter().map(|r| r.0).min()?;
    let end = ranges.iter().map(|r| r.1).max()?;
    Some((start.to_string(), end.to_string()))
}

/// The years (1900–2099) a sentence states as four-digit numbers.
fn stated_years(sentence: &str) -> Vec<u32> {
    let mut out: Vec<u32> = sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1900..2100).contains(y))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Days before its publication a report without an incident or discovery date is taken
/// to speak of (news reports an attack within days; a later review states its dates).
pub const REPORT_LAG_DAYS: i64 = 14;

/// The days a report is about for merging: its incident/discovery span when it states
/// one; else the [`REPORT_LAG_DAYS`] up to its publication.
fn merge_span(
    event: Option<(&str, &str)>,
    full: (&str, &str),
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let p = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match event {
        Some((a, b)) => Some((p(a)?, p(b)?)),
        None => {
            let end = p(full.1)?;
            Some((end - chrono::Duration::days(REPORT_LAG_DAYS), end))
        }
    }
}

fn spans_overlap(
    a: (chrono::NaiveDate, chrono::NaiveDate),
    b: (chrono::NaiveDate, chrono::NaiveDate),
) -> bool {
    let slack = chrono::Duration::days(MERGE_SLACK_DAYS);
    a.0 <= b.1 + slack && b.0 <= a.1 + slack
}

/// The stored incident this record reports, if any: a stored report with the same
/// normalised victim name ([`merge_key`]), no different place in the victims' names,
/// and overlapping dates (within [`MERGE_SLACK_DAYS`]) — the incident/discovery spans
/// when both state one (a report of a 2021 attack published in 2026 is not about a
/// 2026 attack), else the span a report without event dates speaks of
/// ([`REPORT_LAG_DAYS`] before its publication); the first one stored wins. Records
/// without a proper victim name or without dates are never merged.
fn find_incident(tx: &Transaction, rec: &IncidentRecord) -> rusqlite::Result<Option<String>> {
    let (Some(key), Some(full)) = (merge_key(rec), date_span(rec)) else {
        return Ok(None);
    };
    let event = event_span(rec);
    let Some(mine) = merge_span(
        event.as_ref().map(|e| (e.0.as_str(), e.1.as_str())),
        (&full.0, &full.1),
    ) else {
        return Ok(None);
    };
    let mut stmt = tx.prepare_cached(
        "SELECT id, merged_into, span_start, span_end, event_start, event_end, victim_place FROM incidents WHERE victim_key = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([&key.name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (id, merged, s0, s1, e0, e1, place) = row?;
        if let (Some(a), Some(b)) = (&key.place, &place)
            && a != b
        {
            continue;
        }
        let (Some(s0), Some(s1)) = (s0, s1) else {
            continue;
        };
        let theirs = merge_span(e0.as_deref().zip(e1.as_deref()), (&s0, &s1));
        if theirs.is_some_and(|t| spans_overlap(mine, t)) {
            return Ok(Some(merged.unwrap_or(id)));
        }
    }
    Ok(None)
}

fn insert_record(
    tx: &Transaction,
    doc: &Document,
    rec: &IncidentRecord,
    json: &str,
    merged_into: Option<&str>,
    identity: &str,
) -> rusqlite::Result<()> {
    let hash = doc.content_hash();
    let url = doc.url.as_deref().map(canonical_url);
    let victim = rec.primary_victim().map(|v| v.name.clone());
    let org_type = rec.primary_victim().map(|v| v.org_type.clone());
    let span = date_span(rec);
    let event = event_span(rec);
    let key = merge_key(rec);
    tx.execute(
        "INSERT INTO incidents (id, identity, content_hash, url, guid, source, title, victim, org_type, sector, country, city, incident_date, published, record, ingested_at, merged_into, victim_key, span_start, span_end, victim_place, event_start, event_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, datetime('now'), ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
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
            merged_into,
            key.as_ref().map(|k| k.name.clone()),
            span.as_ref().map(|s| s.0.clone()),
            span.as_ref().map(|s| s.1.clone()),
            key.as_ref().and_then(|k| k.place.clone()),
            event.as_ref().map(|s| s.0.clone()),
            event.as_ref().map(|s| s.1.clone()),
        ],
    )?;
    // Techniques and text of a further source count for its incident in search.
    index_search(tx, merged_into.unwrap_or(&rec.id), rec)
}

/// The search rows of report `rec` under incident `owner`: its ATT&CK techniques and
/// tactics, and its full-text row ([`fts_insert`]) — every report's text is indexed under
/// its incident, so a name only a further source states finds the incident.
fn index_search(tx: &Transaction, owner: &str, rec: &IncidentRecord) -> rusqlite::Result<()> {
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
            params![owner, c],
        )?;
    }
    fts_insert(tx, owner, rec)?;
    Ok(())
}

/// One full-text row for report `rec` under incident `owner`: title, text and the names
/// of its victims (every victim, so a co-victim or another spelling is searchable).
fn fts_insert(tx: &Transaction, owner: &str, rec: &IncidentRecord) -> rusqlite::Result<()> {
    let victims: Vec<&str> = rec.victims.iter().map(|v| v.name.as_str()).collect();
    tx.execute(
        "INSERT INTO incidents_fts (id, title, body, victim) VALUES (?1, ?2, ?3, ?4)",
        params![owner, rec.title, rec.text, victims.join("; ")],
    )?;
    Ok(())
}

/// Fills the v2 columns of reports stored by an older cordon.
fn backfill_v2(tx: &Transaction) -> Result<()> {
    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT id, record FROM incidents")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?
    };
    for (id, json) in rows {
        let Ok(rec) = load_json(&json) else { continue };
        let span = date_span(&rec);
        tx.execute(
            "UPDATE incidents SET victim_key = ?2, span_start = ?3, span_end = ?4 WHERE id = ?1",
            params![
                id,
                victim_key(&rec),
                span.as_ref().map(|s| s.0.clone()),
                span.as_ref().map(|s| s.1.clone())
            ],
        )?;
    }
    Ok(())
}

/// Moves a v2 store to v3 inside the migration's transaction (all or nothing): every
/// report is merged again, in the order it was stored, with the v3 rule (normalised
/// victim key, event spans, stated years) — a report a v2 cordon attached wrongly (a
/// court report about an earlier attack) becomes an incident of its own, reports in
/// other languages of one attack come together — and the search tables (techniques and
/// full text, now every source's text under its incident) are rebuilt from the stored
/// records. A record that no longer loads keeps its row and its old merge and is
/// reported by `show`, never dropped.
fn backfill_v3(tx: &Transaction) -> Result<()> {
    let rows: Vec<(String, Option<String>, String)> = {
        let mut stmt =
            tx.prepare("SELECT id, merged_into, record FROM incidents ORDER BY rowid")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?
    };
    let loaded: Vec<(String, Option<String>, Option<IncidentRecord>)> = rows
        .into_iter()
        .map(|(id, merged, json)| (id, merged, load_json(&json).ok()))
        .collect();
    // Forget the v2 keys of the records that load, so that each is matched only against
    // the ones merged again before it.
    for (id, _, rec) in &loaded {
        if rec.is_some() {
            tx.execute(
                "UPDATE incidents SET victim_key = NULL, merged_into = NULL WHERE id = ?1",
                [id],
            )?;
        }
    }
    tx.execute("DELETE FROM incident_techniques", [])?;
    tx.execute("DELETE FROM incidents_fts", [])?;
    for (id, _, rec) in &loaded {
        let Some(rec) = rec else {
            // Kept as it was; its text stays searchable under its incident.
            continue;
        };
        let target = find_incident(tx, rec)?.filter(|t| t != id);
        let key = merge_key(rec);
        let span = date_span(rec);
        let event = event_span(rec);
        tx.execute(
            "UPDATE incidents SET victim_key = ?2, victim_place = ?3, span_start = ?4, span_end = ?5, event_start = ?6, event_end = ?7, merged_into = ?8 WHERE id = ?1",
            params![
                id,
                key.as_ref().map(|k| k.name.clone()),
                key.as_ref().and_then(|k| k.place.clone()),
                span.as_ref().map(|s| s.0.clone()),
                span.as_ref().map(|s| s.1.clone()),
                event.as_ref().map(|s| s.0.clone()),
                event.as_ref().map(|s| s.1.clone()),
                target,
            ],
        )?;
        let owner = target.as_deref().unwrap_or(id);
        index_search(tx, owner, rec)?;
    }
    // Records that do not load: their search rows from the title column.
    for (id, merged, rec) in &loaded {
        if rec.is_none() {
            let owner = merged.as_deref().unwrap_or(id);
            tx.execute(
                "INSERT INTO incidents_fts (id, title, body, victim) SELECT ?2, title, '', coalesce(victim, '') FROM incidents WHERE id = ?1",
                params![id, owner],
            )?;
        }
    }
    Ok(())
}

/// The record's JSON as stored: every evidence `{sentence, offset}` whose sentence is the
/// slice `text[offset..offset + len]` becomes `{offset, len}` (the text is stored once).
/// Refuses a record whose full JSON would exceed [`MAX_RECORD_BYTES`]
/// (`CORDON_INTEL_MAX_RECORD_BYTES` raises it).
pub fn stored_json(rec: &IncidentRecord) -> Result<String> {
    let limit = std::env::var("CORDON_INTEL_MAX_RECORD_BYTES")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(MAX_RECORD_BYTES);
    stored_json_within(rec, limit)
}

/// [`stored_json`] with the size limit given (bytes of the record's full JSON, evidence
/// sentences included) instead of read from `CORDON_INTEL_MAX_RECORD_BYTES`.
///
/// # Errors
/// [`IntelError::Limit`] when the record is larger than `limit`; a JSON error otherwise.
pub fn stored_json_within(rec: &IncidentRecord, limit: usize) -> Result<String> {
    let mut v = serde_json::to_value(rec)?;
    let mut elided = 0usize;
    {
        let text = rec.text.as_str();
        let mut stack: Vec<&mut Value> = vec![&mut v];
        while let Some(node) = stack.pop() {
            match node {
                Value::Object(map) => {
                    if map.len() == 2
                        && let (Some(Value::String(s)), Some(off)) = (
                            map.get("sentence"),
                            map.get("offset").and_then(Value::as_u64),
                        )
                    {
                        let off = off as usize;
                        if text.get(off..off + s.len()) == Some(s.as_str()) {
                            let len = s.len();
                            elided += len + 16;
                            map.remove("sentence");
                            map.insert("len".into(), Value::from(len));
                        }
                        continue;
                    }
                    stack.extend(map.values_mut());
                }
                Value::Array(a) => stack.extend(a.iter_mut()),
                _ => {}
            }
        }
    }
    let json = serde_json::to_string(&v)?;
    let full = json.len() + elided;
    if full > limit {
        return Err(IntelError::Limit {
            path: rec.source.path.clone().into(),
            what: format!(
                "the incident record ({} bytes of JSON with its evidence: {} IOCs, {} impacts, {} techniques)",
                full,
                rec.iocs.len(),
                rec.impacts.len(),
                rec.techniques.len()
            ),
            limit: format!("{limit} bytes"),
            how: "set CORDON_INTEL_MAX_RECORD_BYTES to raise it (docs/limits.md)".into(),
        });
    }
    Ok(json)
}

/// Reads a stored record, restoring evidence sentences kept as `{offset, len}`.
pub fn load_json(json: &str) -> Result<IncidentRecord> {
    let mut v: Value = serde_json::from_str(json)?;
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut stack: Vec<&mut Value> = vec![&mut v];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if map.len() == 2
                    && !map.contains_key("sentence")
                    && let (Some(off), Some(len)) = (
                        map.get("offset").and_then(Value::as_u64),
                        map.get("len").and_then(Value::as_u64),
                    )
                {
                    let (off, len) = (off as usize, len as usize);
                    let s = text.get(off..off + len).unwrap_or("").to_string();
                    map.remove("len");
                    map.insert("sentence".into(), Value::String(s));
                    continue;
                }
                stack.extend(map.values_mut());
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
    Ok(serde_json::from_value(v)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store written by a v2 cordon (further sources not in the full-text index, the
    /// old merge key) is migrated on open: the further source's words find the incident.
    #[test]
    fn a_v2_store_migrates_to_v3_and_indexes_further_sources() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let doc = |name: &str, text: &str| crate::ingest::parse_text(name, text);
        let first = doc(
            "a.txt",
            "Title: Attack on AZ Voorbeeld\nPublished: 2026-10-14\n\nAZ Voorbeeld in Ghent was hit by a ransomware attack on 12 October 2026.\n",
        );
        let second = doc(
            "b.txt",
            "Title: Update\nPublished: 2026-10-16\n\nAZ Voorbeeld in Ghent was hit by a ransomware attack on 12 October 2026. The Qilin group claimed the attack.\n",
        );
        // Attached by v2 (same victim, published within days), but about a 2021 attack.
        let court = doc(
            "c.txt",
            "Title: Sentence for 2021 attack\nPublished: 2026-10-15\n\nA court in Ghent on Thursday sentenced a man for the ransomware attack on AZ Voorbeeld in March 2021.\n",
        );
        let (r1, r2, r3) = (extract(&first), extract(&second), extract(&court));
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(MIGRATIONS[1]).unwrap();
            conn.pragma_update(None, "user_version", 2).unwrap();
            for (d, r, merged) in [
                (&first, &r1, None),
                (&second, &r2, Some(r1.id.as_str())),
                (&court, &r3, Some(r1.id.as_str())),
            ] {
                conn.execute(
                    "INSERT INTO incidents (id, identity, content_hash, source, title, record, ingested_at, merged_into, victim_key)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'), ?7, 'az voorbeeld')",
                    params![r.id, d.identity(), d.content_hash(), d.source, r.title, stored_json(r).unwrap(), merged],
                )
                .unwrap();
            }
            conn.execute(
                "INSERT INTO incidents_fts (id, title, body, victim) VALUES (?1, ?2, ?3, '')",
                params![r1.id, r1.title, r1.text],
            )
            .unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        let find = |t: &str| -> Vec<String> {
            s.search(&SearchQuery {
                text: Some(t.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
        };
        assert_eq!(find("qilin"), std::slice::from_ref(&r1.id));
        let v = find("Voorbeeld");
        assert_eq!(
            v.iter().filter(|i| **i == r1.id).count(),
            1,
            "listed once: {v:?}"
        );
        assert_eq!(s.report_count().unwrap(), 3);
        // Merged again with the v3 rule: the court report is an incident of its own.
        let inc = s.incident(&r1.id).unwrap();
        let ids: Vec<&str> = inc.sources.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, [r1.id.as_str(), r2.id.as_str()]);
        assert_eq!(s.incident(&r3.id).unwrap().sources.len(), 1);
        assert_eq!(s.count().unwrap(), 2);
        let key: Option<String> = s
            .conn
            .query_row(
                "SELECT victim_key FROM incidents WHERE id = ?1",
                [&r1.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(key, merge_key(&r1).map(|k| k.name));
    }
}
