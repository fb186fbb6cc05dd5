//! Service states under containment and their care impact in plain words.

use cordon_model::{ComponentId, Criticality, Model};
use cordon_services::{Availability, ServiceState, ServiceStatus, blame_text};
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
    /// Why it is not up, one line per unmet need ("dispatch — the link
    /// cs112 → dispatch (sends) is cut"); empty when up.
    pub cause: Vec<String>,
    /// What keeps it up although part of what it could use is lost
    /// ("any(pacs, ct-scanner): up on pacs; lost ct-scanner").
    pub alternatives: Vec<String>,
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

/// A service state in words, the one wording every report uses (CLI text,
/// care summaries, `recover` transitions, the web board): `up`, `degraded
/// (fallback: paper records at 30% capacity)`, `down, no fallback`. The
/// word matches the JSON `state` field (`up`, `degraded`, `down`).
pub fn state_words(state: &ServiceState) -> String {
    match state {
        ServiceState::Up => "up".into(),
        ServiceState::Degraded { fallback, capacity } => {
            format!(
                "degraded (fallback: {fallback} at {} capacity)",
                percent(*capacity)
            )
        }
        ServiceState::Down => "down, no fallback".into(),
    }
}

/// Turns service statuses (indexed by service) into outcomes with a summary
/// line, the cause and the alternatives in words.
pub fn service_outcomes(
    model: &Model,
    statuses: &[ServiceStatus],
    avail: &Availability,
    down_word: &dyn Fn(ComponentId) -> &'static str,
) -> Vec<ServiceOutcome> {
    model
        .services
        .iter()
        .zip(statuses)
        .map(|(s, st)| {
            let name = readable(&s.id);
            let cause: Vec<String> = st
                .blame
                .iter()
                .map(|b| blame_text(model, avail, b, down_word))
                .collect();
            let summary = match &st.state {
                ServiceState::Up => format!("{name}: running normally"),
                other => format!("{name}: {}", state_words(other)),
            };
            let alternatives = st
                .alternatives
                .iter()
                .map(|a| {
                    format!(
                        "{}: up on {}; lost {}",
                        a.at,
                        a.kept.join(", "),
                        a.lost.join(", ")
                    )
                })
                .collect();
            ServiceOutcome {
                id: s.id.clone(),
                name,
                criticality: s.criticality,
                state: st.state.clone(),
                summary,
                cause,
                alternatives,
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

/// Criticality-weighted capacity of service outcomes (not normalised).
pub(crate) fn care_value(model: &Model, outcomes: &[ServiceOutcome]) -> f64 {
    model
        .services
        .iter()
        .zip(outcomes)
        .map(|(s, o)| care_weight(s.criticality) * o.state.capacity())
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
