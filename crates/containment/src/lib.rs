//! Containment planning for cordon.
//!
//! - [`evaluate`]: **the** evaluation of a [`Situation`] (held, down, cut):
//!   attacker reach per level with crown jewels and paths, unavailable
//!   components with their cause, every service's state with its cause, the
//!   criticality-weighted care score. Everything below calls it.
//! - [`Scenario`]: ordered [`Step`]s (compromise, shutdown, isolate, encrypt,
//!   restore) read from YAML or JSON with file:line:column errors;
//!   [`run_scenario`] replays them; [`scenario_report`] is the JSON of
//!   `cordon scenario --format json` and `POST /api/scenario`.
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
mod backups;
mod care;
mod cut;
pub mod flow;
pub mod network;
mod recover;
pub mod report;
pub mod roles;
mod scenario;
mod situation;

pub use airgap::{AirGapPlan, AirGapStep, airgap};
pub use backups::{BackupGap, no_clean_backup};
pub use care::{
    CareImpact, ServiceOutcome, care_impact, care_weight, service_outcomes, state_words,
};
pub use cut::{
    CARE_PROBES, ChokePoint, ChokePoints, CutKind, HARDENING_PROBES, Hardening, MinCut, Ranked,
    chokepoints, component_cost, hardening_options, interaction_cost, min_component_cut,
    min_interaction_cut, min_interaction_cut_by, min_interaction_cut_sparing_care, path_shares,
    reaches_any, useful_interactions,
};
pub use recover::{
    RecoveryPlan, RecoveryStep, Remediation, RestoredDanger, UNSAFE_LEVEL, Unrestorable, recover,
};
pub use report::{
    AirGapCostView, CutLinkView, ScenarioReport, ServiceView, StepReport, scenario_report,
};
pub use scenario::{
    Action, Scenario, Step, StepOutcome, StepTarget, final_situation, run_scenario,
};
pub use situation::{
    CrownJewelReach, Evaluation, Situation, can_cost_care, care_only, down_word, evaluate,
    evaluate_cut, physical,
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
