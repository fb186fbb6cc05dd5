//! Containment planning for cordon.
//!
//! - [`Scenario`]: ordered [`Step`]s (compromise, shutdown, isolate, encrypt,
//!   restore) read from YAML with file:line:column errors; [`run_scenario`]
//!   replays them and reports, after each step, what the attacker reaches,
//!   which crown jewels remain reachable (with a path), every service's state
//!   and the care impact in plain words.
//! - [`chokepoints`]: minimum cuts (interactions and components) between
//!   sources and targets by max-flow (Dinic, [`flow`]), verified by re-running
//!   the path engine, with a ranking of what carries the most attack paths.
//! - [`airgap`]: the smallest set of links isolating a core from everything
//!   external, as an ordered runbook ([`AirGapPlan`]).
//! - [`recover`]: a phased order in which to restore external links so that
//!   no crown jewel becomes reachable again ([`RecoveryPlan`]).
//!
//! Every algorithm is polynomial: breadth-first searches of the product graph
//! and max-flow; nothing enumerates combinations. `docs/containment.md` is the
//! prose description.

mod airgap;
mod care;
mod cut;
pub mod flow;
mod recover;
mod scenario;

pub use airgap::{AirGapPlan, AirGapStep, airgap};
pub use care::{
    CareImpact, ServiceOutcome, care_impact, care_weight, service_outcomes, services_with,
};
pub use cut::{
    ChokePoint, ChokePoints, CutKind, MinCut, Ranked, chokepoints, component_cost,
    interaction_cost, min_component_cut, min_interaction_cut, path_shares, reaches_any,
    useful_interactions,
};
pub use recover::{RecoveryPlan, RecoveryStep, Unrestorable, recover};
pub use scenario::{
    Action, CrownJewelReach, Scenario, Situation, Step, StepOutcome, StepTarget, evaluate,
    final_situation, run_scenario,
};

use cordon_model::Diagnostic;

/// Why containment planning could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A scenario file could not be read.
    #[error("cannot read scenario {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The scenario is invalid; every problem found is listed.
    #[error("{}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Scenario(Vec<Diagnostic>),
    /// A selector given to a planner selects nothing usable.
    #[error("{0}")]
    Selection(String),
}
