//! cordon incident intelligence: ingest incident reporting (text, HTML, RSS/Atom), extract
//! structured [`IncidentRecord`]s where every field carries its evidence sentence and
//! provenance, store and search them (SQLite + FTS5), render analysis reports, export
//! STIX 2.1 and VERIS 1.4, replay an incident as a containment scenario, and measure
//! extraction quality against hand-coded answers.
//!
//! See `docs/intel.md` for the record schema, extraction rules and mappings.

pub mod attack;
pub mod bench;
pub mod dates;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod ingest;
pub mod record;
pub mod replay;
pub mod report;
pub mod sources;
pub mod stix;
pub mod store;
pub mod text;
pub mod veris;
pub mod watch;

pub use document::{Document, Format, Noise};
pub use error::{IntelError, Result};
pub use extract::extract;
pub use record::{
    CiaPosture, Country, Evidence, Fact, Field, ImpactFact, IncidentRecord, Ioc, Item, Provenance,
    ResponseAction, TechniqueRef, ThreatActor, Victim,
};
pub use sources::Incident;
pub use store::{IngestReport, SearchHit, SearchQuery, Store};
