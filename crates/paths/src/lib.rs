//! The trust-path engine of cordon.
//!
//! Given a [`cordon_model::Model`], an attacker who holds some components at
//! `control` gains access on others along interactions, as defined by
//! [`cordon_model::InteractionKind::grants`] and the targets' weaknesses.
//! The engine searches the *product* of the estate and the access lattice:
//! a state is (component, access level), so finding the best access on every
//! component, with a shortest witness path, is one breadth-first search —
//! linear in the size of the model, never an enumeration of combinations.
//!
//! - [`AttackGraph`]: the model prepared for search (adjacency, weaknesses).
//! - [`AttackGraph::access_from`]: best access per component from a set of
//!   held components, with witness paths ([`AccessMap`]).
//! - [`AttackGraph::k_best_paths`]: the k shortest attack paths to a target.
//! - [`exposure`]: crown jewels vs entry points, blast radii, emergent trust —
//!   from many sources at once, by bitset propagation over the condensed
//!   product graph.
//! - [`reading`]: how a hop and a component read (BloodHound edge phrases,
//!   well-known SID names, the estate as BloodHound reads it).
//! - [`forbidden_paths`]: deny rules (`cordon check --deny`), correct when a
//!   target is also a source.

mod deny;
mod exposure_impl;
mod graph;
mod kpaths;
pub mod reading;
mod search;
pub mod sources;

pub use deny::{ForbiddenPath, forbidden_paths};
pub use exposure_impl::{
    BlastRadius, CrownJewelExposure, EMERGENT_ALL_LIMIT, EmergentPair, EmergentTrust, Exposure,
    exposure, reach_matrix,
};
pub use graph::{AttackGraph, State};
pub use search::{AccessMap, AttackPath, Hop};
