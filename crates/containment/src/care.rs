//! Service states under containment and their care impact in plain words.

use cordon_model::{ComponentId, Criticality, Model};
use cordon_services::{ServiceState, service_states};
use serde::Serialize;

/// Weight of a service's criticality when care is added up: low 1,
/// medium 2, high 4, critical 8 (each level counts twice the one below).
pub fn care_weight(c: Criticality) -> f64 {
    match c {
        Criticality::Low => 1.0,
        Criticality::Medium => 2.0,
        Criticality::High => 4.0,
        Criticality::Critical => 8.0,
    }
}

/// The state of every service when `down` have stopped and the interactions
/// flagged in `cut` (indexed like `model.interactions`) are severed. A cut
/// interaction matters to availability only when its kind carries it
/// (`hosts`, `authenticates`, `stores`, `resolves`, `supplies`): its target
/// loses that provider.
pub fn services_with(model: &Model, down: &[ComponentId], cut: &[bool]) -> Vec<ServiceState> {
    let matters = model
        .interactions
        .iter()
        .enumerate()
        .any(|(i, e)| cut.get(i).copied().unwrap_or(false) && e.kind.carries_availability());
    if !matters {
        return service_states(model, down);
    }
    let mut trimmed = model.clone();
    trimmed.interactions = model
        .interactions
        .iter()
        .enumerate()
        .filter(|(i, _)| !cut.get(*i).copied().unwrap_or(false))
        .map(|(_, e)| *e)
        .collect();
    service_states(&trimmed, down)
}

/// One service's state, for reports.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceOutcome {
    /// Service id.
    pub id: String,
    /// A readable name ("Online booking").
    pub name: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Up, degraded (fallback, capacity) or down.
    #[serde(flatten)]
    pub state: ServiceState,
    /// One line a hospital director understands.
    pub summary: String,
}

/// The care picture: every service and a criticality-weighted capacity.
#[derive(Clone, Debug, Serialize)]
pub struct CareImpact {
    /// Criticality-weighted share of normal care capacity, 0..=1.
    pub care_capacity: f64,
    /// Services not running normally, most critical first, one line each.
    pub summary: Vec<String>,
}

fn readable(id: &str) -> String {
    let id = id.strip_suffix("-service").unwrap_or(id);
    let words: Vec<String> = id
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let small = ["of", "on", "in", "at", "to", "by", "or", "an"];
            if w.len() <= 3
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && !small.contains(&w)
                && w != "and"
            {
                w.to_ascii_uppercase()
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut s = words.join(" ");
    if let Some(first) = s.get(0..1) {
        let up = first.to_ascii_uppercase();
        s.replace_range(0..1, &up);
    }
    s
}

fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

/// Turns service states (indexed by service) into outcomes with a summary line.
pub fn service_outcomes(model: &Model, states: &[ServiceState]) -> Vec<ServiceOutcome> {
    model
        .services
        .iter()
        .zip(states)
        .map(|(s, st)| {
            let name = readable(&s.id);
            let summary = match st {
                ServiceState::Up => format!("{name}: running normally"),
                ServiceState::Degraded { fallback, capacity } => {
                    format!(
                        "{name}: down → {fallback} at {} capacity",
                        percent(*capacity)
                    )
                }
                ServiceState::Down => format!("{name}: down, no fallback — unavailable"),
            };
            ServiceOutcome {
                id: s.id.clone(),
                name,
                criticality: s.criticality,
                state: st.clone(),
                summary,
            }
        })
        .collect()
}

/// The care picture of a set of outcomes.
pub fn care_impact(model: &Model, outcomes: &[ServiceOutcome]) -> CareImpact {
    let total: f64 = model
        .services
        .iter()
        .map(|s| care_weight(s.criticality))
        .sum();
    let kept: f64 = outcomes
        .iter()
        .map(|o| care_weight(o.criticality) * o.state.capacity())
        .sum();
    let mut hit: Vec<&ServiceOutcome> = outcomes
        .iter()
        .filter(|o| o.state != ServiceState::Up)
        .collect();
    hit.sort_by(|a, b| {
        b.criticality
            .cmp(&a.criticality)
            .then(a.state.capacity().total_cmp(&b.state.capacity()))
    });
    CareImpact {
        care_capacity: if total > 0.0 { kept / total } else { 1.0 },
        summary: hit.iter().map(|o| o.summary.clone()).collect(),
    }
}

/// Criticality-weighted capacity of service states (not normalised).
pub(crate) fn care_value(model: &Model, states: &[ServiceState]) -> f64 {
    model
        .services
        .iter()
        .zip(states)
        .map(|(s, st)| care_weight(s.criticality) * st.capacity())
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn readable_names() {
        assert_eq!(super::readable("online-booking"), "Online booking");
        assert_eq!(super::readable("gp-portal-service"), "GP portal");
        assert_eq!(super::readable("surgery"), "Surgery");
    }
}
