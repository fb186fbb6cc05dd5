//! Care continuity of an estate.
//!
//! A service is up when its `needs` expression holds over components (and
//! other services) that are available. A component is unavailable when it
//! fails itself or when one of its dependencies (incoming `hosts`,
//! `authenticates`, `stores`, `resolves`, `supplies` — see
//! [`cordon_model::InteractionKind::carries_availability`]) has no provider
//! over an uncut link that meets it: an available one, or for `hosts` and
//! `supplies` one that is not *stopped* (a guest shares its hypervisor's
//! machine, not its DNS or logons; [`availability::passes_stop_only`]). Every provider is a dependency of its own
//! unless providers declare the same `redundancy:` group: redundancy is
//! explicit, never inferred from two providers sharing a kind
//! ([`availability`]).
//!
//! Two independent implementations of that rule live here and are
//! cross-checked by the tests:
//!
//! - [`service_fault_tree`] / [`analyze_services`] turn it into a fault tree
//!   per service (basic events: components failing, with `p_fail` or
//!   [`DEFAULT_P_FAIL`]) for the BDD/ZBDD engine of `cordon-continuity`:
//!   minimal cut sets, unavailability, importance — no enumeration;
//! - [`availability()`] and [`service_statuses`] evaluate it directly for one
//!   situation (components down, links cut): every component's availability
//!   with its cause, every service up, degraded (on its fallback, at its
//!   capacity) or down with the unmet needs, and the alternatives keeping it
//!   up. The containment engine builds on them; [`service_states`] is the
//!   short form for a set of down components.

pub mod availability;
mod states;
mod trees;

pub use availability::{
    Availability, Cause, Dependency, availability, dependencies, explain, undeclared_redundancy,
};
pub use states::{
    Alternative, Blame, DATA_FLOW, ServiceState, ServiceStatus, blame_text, service_states,
    service_statuses, unavailable_components,
};
pub use trees::{
    CareAtRisk, ServiceAnalysis, ServiceCutSet, analyze_services, care_at_risk, service_fault_tree,
};

/// Failure probability of a component that declares no `p_fail`.
pub const DEFAULT_P_FAIL: f64 = 0.01;

/// Why a service could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The fault-tree engine failed.
    #[error("service `{service}`: {source}")]
    Engine {
        /// The service.
        service: String,
        /// The engine error.
        source: cordon_continuity::Error,
    },
}
