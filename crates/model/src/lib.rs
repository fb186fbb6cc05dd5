//! The estate model of cordon.
//!
//! An estate is zones, components (of a catalog [`catalog::ComponentKind`]),
//! directed [`Interaction`]s ("`from` has power over `to`") and services that
//! need components. Models are YAML files, loaded with [`Model::load`], which
//! validates everything and reports each problem as a [`Diagnostic`] with
//! file:line:column.
//!
//! ```
//! let model = cordon_model::Model::from_yaml(r#"
//! zones:
//!   - { id: internet, external: true }
//!   - { id: clinical }
//! components:
//!   - { id: portal, kind: patient-portal, zone: clinical, exposed: true }
//!   - { id: ehr, kind: ehr, zone: clinical, crown_jewel: true }
//! interactions:
//!   - { from: portal, to: ehr, kind: reads }
//! "#, "estate.yaml").unwrap();
//! assert_eq!(model.crown_jewels().len(), 1);
//! ```

mod access;
pub mod cache;
pub mod catalog;
mod diagnostic;
mod limits;
mod load;
mod model;
pub mod needs;
pub mod resolve;
pub mod selector;
pub mod synthetic;
mod yaml;

pub use access::{AccessLevel, InteractionKind, WeaknessKind};
pub use cache::CacheOutcome;
pub use diagnostic::{Diagnostic, LoadError, Location, Severity, did_you_mean};
pub use limits::Limits;
pub use model::*;
pub use selector::{SelectListError, Selector};
