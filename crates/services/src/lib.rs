//! Care continuity of an estate.
//!
//! A service is up when its `needs` expression holds over components (and
//! other services) that are available. A component is unavailable when it
//! fails itself or when, for some availability dependency kind (`hosts`,
//! `authenticates`, `stores`, `resolves`, `supplies` — see
//! [`cordon_model::InteractionKind::carries_availability`]), **every** one of
//! its providers of that kind is unavailable: two domain controllers that
//! both authenticate into an application are redundant, a guest with one
//! hypervisor is not.
//!
//! Two independent implementations of that rule live here and are
//! cross-checked by the tests:
//!
//! - [`service_fault_tree`] / [`analyze_services`] turn it into a fault tree
//!   per service (basic events: components failing, with `p_fail` or
//!   [`DEFAULT_P_FAIL`]) for the BDD/ZBDD engine of `cordon-continuity`:
//!   minimal cut sets, unavailability, importance — no enumeration;
//! - [`service_states`] evaluates it directly for one set of down components:
//!   up, degraded (on its fallback, at its capacity) or down. The
//!   containment planner builds on it.

mod states;
mod trees;

pub use states::{ServiceState, service_states, unavailable_components};
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

/// Providers of a component per availability kind: `to` stops when every
/// provider of one kind has stopped. Indexed by component.
pub(crate) fn availability_providers(
    model: &cordon_model::Model,
) -> Vec<Vec<Vec<cordon_model::ComponentId>>> {
    use cordon_model::InteractionKind;
    let kinds: Vec<InteractionKind> = InteractionKind::ALL
        .iter()
        .copied()
        .filter(|k| k.carries_availability())
        .collect();
    let mut out: Vec<Vec<Vec<cordon_model::ComponentId>>> =
        vec![Vec::new(); model.components.len()];
    let mut by: Vec<Vec<(usize, cordon_model::ComponentId)>> =
        vec![Vec::new(); model.components.len()];
    for i in &model.interactions {
        if let Some(k) = kinds.iter().position(|k| *k == i.kind) {
            by[i.to.index()].push((k, i.from));
        }
    }
    for (c, list) in by.iter_mut().enumerate() {
        list.sort_unstable();
        list.dedup();
        for chunk in list.chunk_by(|a, b| a.0 == b.0) {
            out[c].push(chunk.iter().map(|x| x.1).collect());
        }
    }
    out
}
