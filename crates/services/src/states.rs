//! The state of every service for one set of down components.

use cordon_model::{ComponentId, Model, Need, ServiceId};
use serde::Serialize;

/// How a service fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum ServiceState {
    /// Everything it needs is available.
    Up,
    /// It is down but its manual fallback runs.
    Degraded {
        /// The fallback ("phone booking").
        fallback: String,
        /// Share of normal capacity.
        capacity: f64,
    },
    /// Down, with no fallback.
    Down,
}

impl ServiceState {
    /// Share of normal capacity delivered: 1, the fallback's, or 0.
    pub fn capacity(&self) -> f64 {
        match self {
            ServiceState::Up => 1.0,
            ServiceState::Degraded { capacity, .. } => *capacity,
            ServiceState::Down => 0.0,
        }
    }
}

/// Which components are unavailable when `down` have stopped: the least
/// fixpoint of "a component stops when every provider of one availability
/// kind has stopped". Indexed by component.
pub fn unavailable_components(model: &Model, down: &[ComponentId]) -> Vec<bool> {
    let providers = crate::availability_providers(model);
    let mut out = vec![false; model.components.len()];
    for d in down {
        out[d.index()] = true;
    }
    loop {
        let mut changed = false;
        for c in 0..out.len() {
            if !out[c]
                && providers[c]
                    .iter()
                    .any(|group| group.iter().all(|p| out[p.index()]))
            {
                out[c] = true;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

/// The state of every service (indexed by [`ServiceId`]) when `down` have
/// stopped. A service that needs another service needs it *up*: a degraded
/// dependency runs on paper, which does not carry the dependent service.
pub fn service_states(model: &Model, down: &[ComponentId]) -> Vec<ServiceState> {
    let unavailable = unavailable_components(model, down);
    let mut up: Vec<Option<bool>> = vec![None; model.services.len()];
    for s in 0..model.services.len() {
        service_up(model, &unavailable, ServiceId(s as u32), &mut up);
    }
    model
        .services
        .iter()
        .zip(up)
        .map(|(s, up)| match (up, &s.fallback) {
            (Some(true), _) => ServiceState::Up,
            (_, Some(f)) => ServiceState::Degraded {
                fallback: f.name.clone(),
                capacity: f.capacity,
            },
            (_, None) => ServiceState::Down,
        })
        .collect()
}

fn service_up(
    model: &Model,
    unavailable: &[bool],
    s: ServiceId,
    memo: &mut Vec<Option<bool>>,
) -> bool {
    if let Some(v) = memo[s.0 as usize] {
        return v;
    }
    // The model forbids service cycles, so this recursion terminates.
    let v = holds(
        model,
        unavailable,
        &model.services[s.0 as usize].needs,
        memo,
    );
    memo[s.0 as usize] = Some(v);
    v
}

fn holds(model: &Model, unavailable: &[bool], need: &Need, memo: &mut Vec<Option<bool>>) -> bool {
    match need {
        Need::Component(c) => !unavailable[c.index()],
        Need::Service(s) => service_up(model, unavailable, *s, memo),
        Need::All(v) => v.iter().all(|n| holds(model, unavailable, n, memo)),
        Need::Any(v) => v.iter().any(|n| holds(model, unavailable, n, memo)),
        Need::AtLeast(k, v) => {
            v.iter()
                .filter(|n| holds(model, unavailable, n, memo))
                .count()
                >= *k
        }
    }
}
