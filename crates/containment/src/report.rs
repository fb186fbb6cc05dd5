//! The JSON of a scenario run: exactly what `cordon scenario --format json`
//! prints and `POST /api/scenario` answers (docs/json.md). Field names are a
//! contract: add fields, never rename or remove them.

use cordon_model::{AccessLevel, ComponentId, Criticality, Model};
use cordon_report::{LevelCounts, PathView, path_view};
use cordon_services::ServiceState;
use cordon_services::availability::explain_named;
use serde::Serialize;

use crate::Error;
use crate::airgap::AirGapPlan;
use crate::care::{CareImpact, ServiceOutcome};
use crate::cut::min_interaction_cut;
use crate::scenario::{Action, Scenario, StepOutcome, run_scenario};
use crate::situation::evaluate_cut;
use crate::situation::{Evaluation, down_word};

/// How containment answers name a component to a person: the one naming
/// helper, [`cordon_paths::reading::Names`] (display name; a shared name told
/// apart by the kind's word or the id), re-exported here where the
/// containment reports and the board have always found it.
pub use cordon_paths::reading::Names;

/// A scenario run: the starting point, then one entry per step.
#[derive(Serialize)]
pub struct ScenarioReport {
    /// The model's name.
    pub model: String,
    /// The scenario.
    pub scenario: ScenarioInfo,
    /// Every step's warnings, in order (a selector that selects nothing…).
    pub warnings: Vec<String>,
    /// `steps[0]` is the situation before the first step.
    pub steps: Vec<StepReport>,
}

/// The scenario's header.
#[derive(Serialize)]
pub struct ScenarioInfo {
    /// Name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// The incident it replays.
    pub source_incident: Option<String>,
}

/// The step itself.
#[derive(Serialize)]
pub struct StepInfo {
    /// compromise, shutdown, isolate, encrypt, restore.
    pub action: Action,
    /// The target as written.
    pub target: String,
    /// A short label.
    pub label: Option<String>,
    /// Evidence.
    pub because: Option<String>,
    /// `file:line:column` of the target.
    pub location: Option<String>,
}

/// Components by the attacker's best level on them.
#[derive(Serialize)]
pub struct ReachedView {
    /// Ids at control.
    pub control: Vec<String>,
    /// Ids at write.
    pub write: Vec<String>,
    /// Ids at read.
    pub read: Vec<String>,
    /// Ids at reach.
    pub reach: Vec<String>,
}

/// A crown jewel the attacker reaches.
#[derive(Serialize)]
pub struct CrownJewelView {
    /// Its id.
    pub id: String,
    /// Its readable name (the imported object's name; the id when it has
    /// none).
    pub name: String,
    /// Best level on it.
    pub level: AccessLevel,
    /// The held component the shortest path starts from.
    pub from: Option<String>,
    /// The shortest path at that level (no hops: the attacker holds it).
    pub path: Option<PathView>,
}

/// A component the attacker held that is switched off.
#[derive(Serialize)]
pub struct HeldOffView {
    /// Its id.
    pub id: String,
    /// Its readable name (the id when it has none).
    pub name: String,
    /// "held, switched off — returns if restored unrebuilt" and why it is off.
    pub note: String,
}

/// An unavailable component and why.
#[derive(Serialize)]
pub struct UnavailableView {
    /// Its id.
    pub id: String,
    /// Its readable name (the id when it has none).
    pub name: String,
    /// "ad — hosted by esx1, which is switched off".
    pub cause: String,
}

/// An interaction cut by an `isolate` step (or by a plan).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CutLinkView {
    /// Id of the component the interaction starts from.
    pub from: String,
    /// Id of the component it goes to.
    pub to: String,
    /// Readable name of `from` (the id when it has none).
    pub from_name: String,
    /// Readable name of `to` (the id when it has none).
    pub to_name: String,
    /// Interaction kind (`connects`, `authenticates`…).
    pub kind: &'static str,
}

/// One service's state.
#[derive(Serialize, Clone, Debug)]
pub struct ServiceView {
    /// Service id.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Criticality.
    pub criticality: Criticality,
    /// `up`, `degraded` or `down`.
    pub state: &'static str,
    /// The fallback in use, when degraded.
    pub fallback: Option<String>,
    /// Share of normal capacity: 1, the fallback's, or 0.
    pub capacity: f64,
    /// One line.
    pub summary: String,
    /// Unmet needs, one line each (empty when up).
    pub cause: Vec<String>,
    /// Alternatives keeping it up while part of what it could use is lost.
    pub alternatives: Vec<String>,
}

impl ServiceView {
    /// From an outcome.
    pub fn new(o: &ServiceOutcome) -> Self {
        let (state, fallback, capacity) = match &o.state {
            ServiceState::Up => ("up", None, 1.0),
            ServiceState::Degraded { fallback, capacity } => {
                ("degraded", Some(fallback.clone()), *capacity)
            }
            ServiceState::Down => ("down", None, 0.0),
        };
        ServiceView {
            id: o.id.clone(),
            name: o.name.clone(),
            criticality: o.criticality,
            state,
            fallback,
            capacity,
            summary: o.summary.clone(),
            cause: o.cause.clone(),
            alternatives: o.alternatives.clone(),
        }
    }
}

/// The care picture.
#[derive(Serialize, Clone, Debug)]
pub struct CareView {
    /// Criticality-weighted share of normal capacity, 0..=1 (weights: low 1,
    /// medium 2, high 4, critical 8).
    pub capacity: f64,
    /// Services not running normally, most critical first.
    pub summary: Vec<String>,
}

impl CareView {
    /// From the engine's care impact.
    pub fn new(c: &CareImpact) -> Self {
        CareView {
            capacity: c.care_capacity,
            summary: c.summary.clone(),
        }
    }
}

/// The estate after one step.
#[derive(Serialize)]
pub struct StepReport {
    /// The step (null for the starting point).
    pub step: Option<StepInfo>,
    /// What the step touched.
    pub notes: Vec<String>,
    /// What looks wrong with the step.
    pub warnings: Vec<String>,
    /// Held components that run (where the attacker acts from).
    pub attackers: Vec<String>,
    /// Held components that are not running (switched off, encrypted, or
    /// hosted on something not running). Held components that merely lost
    /// DNS, logons, storage or supply run on and are in `attackers`.
    pub held_switched_off: Vec<HeldOffView>,
    /// Held external components whose every link is cut: cut off, not
    /// switched off (the attacker there reaches nothing of ours).
    pub held_cut_off: Vec<HeldOffView>,
    /// Caution: components the attacker could control at an earlier step,
    /// not rebuilt since and still running, that are neither held nor
    /// reached at control now — the attacker may already be there
    /// (possible footholds to check).
    pub possibly_held: Vec<String>,
    /// Running components with no network: the only network supply (a
    /// switch) of them or of their host is off; the attacker moves over
    /// none of their network links (docs/semantics.md, "no network").
    pub no_network: Vec<String>,
    /// Components reached, by best level (attackers excluded).
    pub reached: ReachedView,
    /// Counts per level.
    pub counts: LevelCounts,
    /// Crown jewels reached.
    pub crown_jewels: Vec<CrownJewelView>,
    /// Unavailable component ids (down, by cascade, cut off).
    pub unavailable: Vec<String>,
    /// The same with the cause of each.
    pub unavailable_causes: Vec<UnavailableView>,
    /// Number of interactions cut (the length of `cut_links`).
    pub cut_interactions: usize,
    /// The interactions cut, in the model's `(from, to, kind)` order.
    pub cut_links: Vec<CutLinkView>,
    /// Every service.
    pub services: Vec<ServiceView>,
    /// Care.
    pub care: CareView,
    /// Readable name of every component this step lists by id whose name
    /// differs from its id (id → name; empty for a model without names).
    pub names: std::collections::BTreeMap<String, String>,
}

fn ids(model: &Model, v: &[ComponentId]) -> Vec<String> {
    v.iter().map(|c| model.component(*c).id.clone()).collect()
}

/// The JSON view of the interaction `i`, cut.
fn cut_link(model: &Model, names: &Names, i: usize) -> CutLinkView {
    let x = &model.interactions[i];
    CutLinkView {
        from: model.component(x.from).id.clone(),
        to: model.component(x.to).id.clone(),
        from_name: names.plain(x.from),
        to_name: names.plain(x.to),
        kind: x.kind.as_str(),
    }
}

/// The JSON view of one evaluated situation.
pub fn step_report(model: &Model, o: &StepOutcome) -> StepReport {
    let e: &Evaluation = &o.evaluation;
    let word = |c: ComponentId| down_word(&o.situation, c);
    let names = Names::new(model);
    let name = |c: ComponentId| names.name(c);
    let mut listed = std::collections::BTreeMap::new();
    for &c in e
        .attackers
        .iter()
        .chain(&o.possibly_held)
        .chain(&e.no_network)
        .chain(&e.unavailable)
        .chain(e.reached.iter().flatten())
    {
        let n = names.plain(c);
        if n != model.component(c).id {
            listed.insert(model.component(c).id.clone(), n);
        }
    }
    let mut counts = [0usize; 5];
    for l in AccessLevel::HELD {
        counts[l.index()] = e.reached[l.index()].len();
    }
    StepReport {
        step: o.step.as_ref().map(|s| StepInfo {
            action: s.action,
            target: s.text.clone(),
            label: s.label.clone(),
            because: s.because.clone(),
            location: s.location.as_ref().map(|l| l.to_string()),
        }),
        notes: o.notes.clone(),
        warnings: o.warnings.clone(),
        attackers: ids(model, &e.attackers),
        held_switched_off: e
            .held_switched_off
            .iter()
            .map(|&c| HeldOffView {
                id: model.component(c).id.clone(),
                name: names.plain(c),
                note: format!(
                    "held, switched off — returns if restored unrebuilt ({})",
                    explain_named(model, &e.running, c, &word, &name)
                ),
            })
            .collect(),
        held_cut_off: e
            .held_cut_off
            .iter()
            .map(|&c| HeldOffView {
                id: model.component(c).id.clone(),
                name: names.plain(c),
                note: "held by the attacker, cut off — every link to it is cut; it reaches nothing of ours while the isolation stands".to_string(),
            })
            .collect(),
        possibly_held: ids(model, &o.possibly_held),
        no_network: ids(model, &e.no_network),
        reached: ReachedView {
            control: ids(model, &e.reached[AccessLevel::Control.index()]),
            write: ids(model, &e.reached[AccessLevel::Write.index()]),
            read: ids(model, &e.reached[AccessLevel::Read.index()]),
            reach: ids(model, &e.reached[AccessLevel::Reach.index()]),
        },
        counts: LevelCounts::new(counts),
        crown_jewels: e
            .crown_jewels
            .iter()
            .map(|j| CrownJewelView {
                id: model.component(j.id).id.clone(),
                name: names.plain(j.id),
                level: j.level,
                from: j
                    .path
                    .as_ref()
                    .map(|p| model.component(p.source).id.clone()),
                path: j.path.as_ref().map(|p| path_view(model, p)),
            })
            .collect(),
        unavailable: ids(model, &e.unavailable),
        unavailable_causes: e
            .unavailable
            .iter()
            .map(|&c| UnavailableView {
                id: model.component(c).id.clone(),
                name: names.plain(c),
                cause: explain_named(model, &e.availability, c, &word, &name),
            })
            .collect(),
        cut_interactions: e.cut_interactions(),
        cut_links: e
            .cut
            .iter()
            .enumerate()
            .filter(|(_, c)| **c)
            .map(|(i, _)| cut_link(model, &names, i))
            .collect(),
        services: e.services.iter().map(ServiceView::new).collect(),
        care: CareView::new(&e.care),
        names: listed,
    }
}

/// Runs `scenario` on `model` through the one situation engine and returns
/// the report `cordon scenario --format json` prints and `POST
/// /api/scenario` answers. Errors: unknown selectors or roles (with
/// did-you-mean and the step's location), an `isolate: "A -> B"` that
/// matches no interaction.
pub fn scenario_report(model: &Model, scenario: &Scenario) -> Result<ScenarioReport, Error> {
    let outcomes = run_scenario(model, scenario)?;
    Ok(ScenarioReport {
        model: model.name.clone(),
        scenario: ScenarioInfo {
            name: scenario.name.clone(),
            description: scenario.description.clone(),
            source_incident: scenario.source_incident.clone(),
        },
        warnings: outcomes
            .iter()
            .flat_map(|o| o.warnings.iter().cloned())
            .collect(),
        steps: outcomes.iter().map(|o| step_report(model, o)).collect(),
    })
}

/// Why an air-gap plan costs what it costs: the plan spares care and the
/// cheapest cut does not, or the plan is the cheapest. `cordon airgap` and
/// the web runbook say it in words; the JSON carries it as `cheapest`.
#[derive(Serialize, Clone, Debug)]
pub struct AirGapCostView {
    /// The plan's total cost (`cut_cost` summed, default 1 per link).
    pub cost: f64,
    /// True when no cut costs less than the plan.
    pub is_cheapest: bool,
    /// Cost of the cheapest cut (equal to `cost` when `is_cheapest`).
    pub cheapest_cost: f64,
    /// The cheapest cut's links when it is cheaper than the plan (empty
    /// otherwise).
    pub cheapest_links: Vec<CutLinkView>,
    /// Criticality-weighted care (0..=1) with only the cheapest cut in
    /// force; the plan's own when `is_cheapest`.
    pub cheapest_care: f64,
    /// Services the cheapest cut stops or degrades, one line each.
    pub cheapest_care_lost: Vec<String>,
    /// The plan loses care too (no link set the planner found keeps every service).
    pub plan_costs_care: bool,
}

impl AirGapCostView {
    /// Compares `plan` with the cheapest cut between the same outside and
    /// core (the same minimum-cut routine without the care preference),
    /// costed in care by the same situation engine.
    pub fn new(model: &Model, plan: &AirGapPlan) -> Self {
        let no_cut = vec![false; model.interactions.len()];
        let no_down = vec![false; model.components.len()];
        let plan_costs_care = !plan.care.summary.is_empty();
        let same = AirGapCostView {
            cost: plan.cost,
            is_cheapest: true,
            cheapest_cost: plan.cost,
            cheapest_links: Vec::new(),
            cheapest_care: plan.care.care_capacity,
            cheapest_care_lost: plan.care.summary.clone(),
            plan_costs_care,
        };
        if plan.steps.is_empty() {
            return same;
        }
        let Some((cut, cost)) = min_interaction_cut(
            model,
            &no_cut,
            &no_down,
            &plan.outside,
            &plan.core,
            AccessLevel::Reach,
            &[],
        ) else {
            return same;
        };
        if cost + 1e-9 >= plan.cost {
            return same;
        }
        let mut mask = no_cut;
        for &i in &cut {
            mask[i] = true;
        }
        let e = evaluate_cut(model, &mask, &no_down);
        let names = Names::new(model);
        AirGapCostView {
            cost: plan.cost,
            is_cheapest: false,
            cheapest_cost: cost,
            cheapest_links: cut.iter().map(|&i| cut_link(model, &names, i)).collect(),
            cheapest_care: e.care.care_capacity,
            cheapest_care_lost: e.care.summary,
            plan_costs_care,
        }
    }

    fn links_text(&self) -> String {
        self.cheapest_links
            .iter()
            .map(|l| format!("{} → {} ({})", l.from_name, l.to_name, l.kind))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One sentence (no final period) on the plan's cost and why it was
    /// chosen, e.g. "Total cost 2 — chosen because it spares care: the
    /// cheapest cut, internet → gw (connects), costs only 1 but leaves 83% of
    /// normal care (Portal: degraded (fallback: phone at 50% capacity)); this plan keeps
    /// 100%". `plan_care` is the plan's criticality-weighted care, 0..=1.
    pub fn sentence(&self, plan_care: f64) -> String {
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        if self.is_cheapest {
            if self.plan_costs_care {
                format!(
                    "Total cost {} — the cheapest cut; it costs care ({} of normal, see below)",
                    self.cost,
                    pct(plan_care)
                )
            } else {
                format!(
                    "Total cost {} — the cheapest cut, and it keeps every service running",
                    self.cost
                )
            }
        } else if self.cheapest_care + 1e-9 >= plan_care {
            format!(
                "Total cost {} — a cheaper cut, {}, at cost {} keeps as much care ({}): consider it instead",
                self.cost,
                self.links_text(),
                self.cheapest_cost,
                pct(self.cheapest_care)
            )
        } else {
            let links = self.links_text();
            format!(
                "Total cost {} — chosen because it spares care: the cheapest cut, {links}, costs only {} but leaves {} of normal care ({}); this plan keeps {}",
                self.cost,
                self.cheapest_cost,
                pct(self.cheapest_care),
                self.cheapest_care_lost.join("; "),
                pct(plan_care)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A model of components `c0…` named by `names` (`None`: no name).
    fn model(names: &[Option<String>]) -> Model {
        let mut y = String::from("zones:\n  - { id: z }\ncomponents:\n");
        for (i, n) in names.iter().enumerate() {
            let props = n
                .as_ref()
                .map(|n| format!("name: {}", serde_json::to_string(n).unwrap()))
                .unwrap_or_default();
            y.push_str(&format!(
                "  - {{ id: c{i}, kind: server-os, zone: z, properties: {{ {props} }} }}\n"
            ));
        }
        Model::from_yaml(&y, "t.yaml").unwrap_or_else(|e| panic!("{e}\n{y}"))
    }

    proptest! {
        /// Against a plain reading of the rule: a named component reads as
        /// its name, followed by its id exactly when another component reads
        /// the same ignoring case; an unnamed one reads as its id.
        #[test]
        fn a_name_carries_its_id_only_when_shared(
            names in proptest::collection::vec(
                proptest::option::of(prop_oneof!["a", "A", "b", "c0", "dc01"].prop_map(String::from)),
                1..8,
            )
        ) {
            let m = model(&names);
            let n = Names::new(&m);
            for (i, own) in names.iter().enumerate() {
                let c = m.component_id(&format!("c{i}")).unwrap();
                let id = format!("c{i}");
                let reads = |j: usize| names[j].clone().unwrap_or(format!("c{j}")).to_lowercase();
                let expected = match own {
                    None => id.clone(),
                    Some(x) if *x == id => id.clone(),
                    Some(x) => {
                        let shared = (0..names.len()).any(|j| j != i && reads(j) == x.to_lowercase());
                        if shared { format!("{x} ({id})") } else { x.clone() }
                    }
                };
                prop_assert_eq!(n.name(c), expected);
                prop_assert_eq!(n.plain(c), own.clone().unwrap_or(id));
            }
        }
    }
}
