//! Imports an estate into a cordon model from the data teams already have.
//!
//! Each importer reads its source into an [`Estate`] — zones, components,
//! interactions in cordon's vocabulary — and [`write::merge_into`] writes it
//! as a generated file `MODEL-DIR/imported/<source>.yaml` next to the
//! hand-written files, reporting what changed since the previous import.
//!
//! - [`sharphound`]: SharpHound / BloodHound collector JSON (v4–v6), from a
//!   zip, a directory or files, streamed into the [`ad`] graph.
//! - [`ad`]: the Active Directory graph, BloodHound's post-processing and
//!   the mapping onto cordon with AD semantics.
//! - [`opengraph`]: BloodHound OpenGraph JSON, in and out.
//! - [`nmap`]: nmap XML (`-oX`), with weakness rules.
//! - [`inventory`]: CSV inventories (CMDB exports).
//!
//! Every importer parses everything before writing anything; errors name the
//! file and the record. See `docs/import.md` for the mappings.

pub mod ad;
pub mod error;
pub mod estate;
pub mod inventory;
pub mod nmap;
pub mod opengraph;
pub mod progress;
pub mod sharphound;
pub mod synthetic;
pub mod write;
pub mod yaml;

pub use error::ImportError;
pub use estate::{ComponentDecl, Estate, InteractionDecl, WeaknessDecl, ZoneDecl};
pub use write::{MergeOptions, Summary, merge_into};
