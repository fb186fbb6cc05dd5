//! Scenarios on the services board: what is compromised, shut down, encrypted or cut off,
//! and what that does to care.
//!
//! Until `crates/containment` provides scenarios, the server evaluates them directly with
//! [`cordon_services::service_states`]: the components a scenario takes down (shut down,
//! encrypted, and the network of every external zone it isolates) give the state of every
//! service — up, degraded (on its fallback, at its capacity) or down. Compromised
//! components give the attacker's reach ([`cordon_paths::AttackGraph::access_from`]).

use cordon_model::{AccessLevel, ComponentId, Criticality, Model};
use cordon_services::ServiceState;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::views::{LevelCounts, Reached};

/// One step of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Step {
    /// Sever every link with external zones (the "red phase").
    IsolateExternal,
    /// Cut off one external zone (its network goes down for the estate).
    Isolate { zone: String },
    /// Shut down the selected components (`ehr-db`, `zone:datacentre`, `kind:hypervisor`…).
    Shutdown { target: String },
    /// The attacker encrypts the selected components: they are down.
    Encrypt { target: String },
    /// The attacker holds the selected components.
    Compromise { target: String },
}

/// A named list of steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub steps: Vec<Step>,
}

impl Step {
    /// Parses the line syntax of the scenario form: `isolate external`, `isolate ZONE`,
    /// `shutdown SELECTOR`, `encrypt SELECTOR`, `compromise SELECTOR`.
    pub fn parse(line: &str) -> Result<Step> {
        let line = line.trim();
        let (verb, rest) = line
            .split_once(char::is_whitespace)
            .map(|(a, b)| (a, b.trim()))
            .unwrap_or((line, ""));
        let need = |what: &str| -> Result<String> {
            if rest.is_empty() {
                Err(Error::BadRequest(format!("`{verb}` needs {what}")))
            } else {
                Ok(rest.to_string())
            }
        };
        Ok(match verb.to_ascii_lowercase().as_str() {
            "isolate" if rest == "external" || rest == "all-external" => Step::IsolateExternal,
            "isolate" => Step::Isolate {
                zone: need("an external zone")?,
            },
            "shutdown" | "shut-down" | "stop" => Step::Shutdown {
                target: need("a selector")?,
            },
            "encrypt" => Step::Encrypt {
                target: need("a selector")?,
            },
            "compromise" | "breach" => Step::Compromise {
                target: need("a selector")?,
            },
            other => {
                return Err(Error::BadRequest(format!(
                    "unknown step `{other}`: use isolate external | isolate ZONE | shutdown SEL | encrypt SEL | compromise SEL"
                )));
            }
        })
    }

    /// The line syntax of this step.
    pub fn line(&self) -> String {
        match self {
            Step::IsolateExternal => "isolate external".into(),
            Step::Isolate { zone } => format!("isolate {zone}"),
            Step::Shutdown { target } => format!("shutdown {target}"),
            Step::Encrypt { target } => format!("encrypt {target}"),
            Step::Compromise { target } => format!("compromise {target}"),
        }
    }
}

/// Parses several lines (blank lines and `#` comments ignored). At most 200 steps.
pub fn parse_steps(text: &str) -> Result<Vec<Step>> {
    let steps: Vec<Step> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(Step::parse)
        .collect::<Result<_>>()?;
    if steps.len() > 200 {
        return Err(Error::BadRequest("at most 200 steps".into()));
    }
    Ok(steps)
}

/// The example scenarios for a model: normal operation, the red phase (every external link
/// severed), the orange phase (GP practices and partners back, internet and vendors still
/// cut) — those that make sense for the model's zones.
pub fn builtin(model: &Model) -> Vec<Scenario> {
    let external: Vec<&str> = model
        .zones
        .iter()
        .filter(|z| z.external)
        .map(|z| z.id.as_str())
        .collect();
    let mut out = vec![Scenario {
        name: "green".into(),
        description: "normal operation: nothing is down".into(),
        steps: vec![],
    }];
    if !external.is_empty() {
        out.insert(
            0,
            Scenario {
                name: "red-phase".into(),
                description: "intrusion detected: every external network connection is severed"
                    .into(),
                steps: vec![Step::IsolateExternal],
            },
        );
        let still_cut: Vec<&str> = external
            .iter()
            .copied()
            .filter(|z| ["internet", "vendors"].contains(z))
            .collect();
        if !still_cut.is_empty() && still_cut.len() < external.len() {
            out.insert(
                1,
                Scenario {
                    name: "orange-phase".into(),
                    description: format!(
                        "selected external services restored; {} still cut off",
                        still_cut.join(" and ")
                    ),
                    steps: still_cut
                        .iter()
                        .map(|z| Step::Isolate {
                            zone: z.to_string(),
                        })
                        .collect(),
                },
            );
        }
    }
    if model.zone_id("datacentre").is_some() {
        let mut steps = Vec::new();
        if let Some(e) = model.entry_points().first() {
            steps.push(Step::Compromise {
                target: model.component(*e).id.clone(),
            });
        }
        steps.push(Step::Shutdown {
            target: "zone:datacentre".into(),
        });
        out.push(Scenario {
            name: "servers-shut-down".into(),
            description: "after a breach, the datacentre servers are shut down to stop the spread"
                .into(),
            steps,
        });
    }
    out
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceOutcome {
    pub id: String,
    pub description: Option<String>,
    pub criticality: Criticality,
    #[serde(flatten)]
    pub state: ServiceState,
    pub capacity: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Attacker {
    pub compromised: Vec<String>,
    pub counts: LevelCounts,
    pub crown_jewels: Vec<Reached>,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Totals {
    pub up: usize,
    pub degraded: usize,
    pub down: usize,
    /// Mean capacity over services (1 = everything normal).
    pub capacity: f64,
}

/// What a scenario does.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub scenario: Scenario,
    /// Components the scenario stops directly.
    pub down: Vec<String>,
    /// Components unavailable as a consequence (their providers are down), not in `down`.
    pub cascade: Vec<String>,
    pub services: Vec<ServiceOutcome>,
    pub totals: Totals,
    pub attacker: Option<Attacker>,
}

fn select(model: &Model, text: &str) -> Result<Vec<ComponentId>> {
    let ids = model.select_str(text).map_err(|e| match e.help {
        Some(h) => Error::BadRequest(format!("{text}: {} ({h})", e.message)),
        None => Error::BadRequest(format!("{text}: {}", e.message)),
    })?;
    if ids.is_empty() {
        return Err(Error::BadRequest(format!("`{text}` selects no component")));
    }
    Ok(ids)
}

/// Evaluates a scenario against the model.
pub fn run(model: &Model, scenario: &Scenario) -> Result<Outcome> {
    let mut down: Vec<ComponentId> = Vec::new();
    let mut compromised: Vec<ComponentId> = Vec::new();
    for step in &scenario.steps {
        match step {
            Step::IsolateExternal => down.extend(
                model
                    .zones
                    .iter()
                    .filter(|z| z.external)
                    .filter_map(|z| z.network),
            ),
            Step::Isolate { zone } => {
                let z = model
                    .zone_id(zone)
                    .ok_or_else(|| Error::BadRequest(format!("unknown zone `{zone}`")))?;
                let z = model.zone(z);
                if !z.external {
                    return Err(Error::BadRequest(format!(
                        "`{zone}` is not an external zone: use `shutdown zone:{zone}` to stop its components"
                    )));
                }
                down.extend(z.network);
            }
            Step::Shutdown { target } | Step::Encrypt { target } => {
                down.extend(select(model, target)?)
            }
            Step::Compromise { target } => compromised.extend(select(model, target)?),
        }
    }
    down.sort();
    down.dedup();
    compromised.sort();
    compromised.dedup();
    let unavailable = cordon_services::unavailable_components(model, &down);
    let states = cordon_services::service_states(model, &down);
    let mut totals = Totals::default();
    let services: Vec<ServiceOutcome> = model
        .services
        .iter()
        .zip(states)
        .map(|(s, st)| {
            match st {
                ServiceState::Up => totals.up += 1,
                ServiceState::Degraded { .. } => totals.degraded += 1,
                ServiceState::Down => totals.down += 1,
            }
            totals.capacity += st.capacity();
            ServiceOutcome {
                id: s.id.clone(),
                description: s.description.clone(),
                criticality: s.criticality,
                capacity: st.capacity(),
                state: st,
            }
        })
        .collect();
    if !services.is_empty() {
        totals.capacity /= services.len() as f64;
    }
    let attacker = (!compromised.is_empty()).then(|| {
        let graph = cordon_paths::AttackGraph::new(model);
        let map = graph.access_from(&compromised);
        Attacker {
            compromised: compromised
                .iter()
                .map(|c| model.component(*c).id.clone())
                .collect(),
            counts: LevelCounts::new(map.counts()),
            crown_jewels: model
                .crown_jewels()
                .into_iter()
                .filter(|j| map.level(*j) > AccessLevel::None)
                .map(|j| Reached {
                    id: model.component(j).id.clone(),
                    level: map.level(j),
                })
                .collect(),
        }
    });
    Ok(Outcome {
        scenario: scenario.clone(),
        down: down
            .iter()
            .map(|c| model.component(*c).id.clone())
            .collect(),
        cascade: unavailable
            .iter()
            .enumerate()
            .filter(|(i, u)| **u && !down.contains(&ComponentId(*i as u32)))
            .map(|(i, _)| model.components[i].id.clone())
            .collect(),
        services,
        totals,
        attacker,
    })
}
