//! Scenarios: ordered steps (compromise, shutdown, isolate, encrypt, restore)
//! and what each does to the attacker's reach and to care.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cordon_model::{AccessLevel, ComponentId, Diagnostic, Location, Model, Selector};
use cordon_paths::{AttackGraph, AttackPath};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::Error;
use crate::care::{CareImpact, ServiceOutcome, care_impact, service_outcomes, services_with};

/// What a step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The attacker now holds the components (at `control`).
    Compromise,
    /// The components are switched off: unavailable, and no attacker moves through them.
    Shutdown,
    /// Every interaction crossing the boundary of the selected set is cut.
    Isolate,
    /// Ransomware: the components are compromised and down.
    Encrypt,
    /// Rebuilt from clean backups: up and no longer compromised; an isolation
    /// written with the same target is lifted.
    Restore,
}

impl Action {
    /// Name as written in scenarios.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Compromise => "compromise",
            Action::Shutdown => "shutdown",
            Action::Isolate => "isolate",
            Action::Encrypt => "encrypt",
            Action::Restore => "restore",
        }
    }
}

/// What a step applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepTarget {
    /// Components named by a selector (`ehr-db`, `zone:clinical`, `kind:vpn`…).
    Components(Selector),
    /// Every external link: all interactions from or to components of external zones.
    External,
    /// The interactions from the `from` components to the `to` components (`"vpn-gw -> ad-dc1"`).
    Interaction {
        /// Source selector.
        from: Selector,
        /// Target selector.
        to: Selector,
    },
}

/// One step of a scenario.
#[derive(Clone, Debug)]
pub struct Step {
    /// What it does.
    pub action: Action,
    /// What it applies to.
    pub target: StepTarget,
    /// The target as written.
    pub text: String,
    /// Evidence ("the hospital severed every external connection").
    pub because: Option<String>,
    /// A short label ("day 1: red phase").
    pub label: Option<String>,
    /// Where the target is written.
    pub location: Option<Location>,
}

impl Step {
    /// `isolate: external`.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.action.as_str(), self.text)
    }
}

/// A scenario: ordered steps replayed against a model.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// The incident it replays (`cordon intel replay`).
    pub source_incident: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: Option<String>,
    description: Option<String>,
    source_incident: Option<String>,
    /// Written by `cordon intel replay`; informative only.
    #[allow(dead_code)]
    model: Option<String>,
    #[serde(default)]
    steps: Option<Vec<Spanned<RawStep>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    compromise: Option<Spanned<String>>,
    shutdown: Option<Spanned<String>>,
    isolate: Option<Spanned<String>>,
    encrypt: Option<Spanned<String>>,
    restore: Option<Spanned<String>>,
    because: Option<String>,
    label: Option<String>,
}

fn loc(file: &Arc<Path>, l: &serde_saphyr::Location) -> Location {
    Location {
        file: Arc::clone(file),
        line: l.line() as u32,
        column: l.column() as u32,
    }
}

impl Scenario {
    /// Reads a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_yaml(&text, path)
    }

    /// Parses scenario text; `file` is used in locations.
    pub fn from_yaml(text: &str, file: impl AsRef<Path>) -> Result<Scenario, Error> {
        let file: Arc<Path> = Arc::from(PathBuf::from(file.as_ref()));
        let mut options = serde_saphyr::Options::default();
        options.with_snippet = false;
        let raw: RawScenario =
            serde_saphyr::from_str_with_options(text, options).map_err(|err| {
                let at = err.location().map(|l| loc(&file, &l));
                let msg = err.to_string();
                let first = msg.lines().next().unwrap_or(&msg);
                let first = first.find(" at line ").map_or(first, |i| &first[..i]);
                Error::Scenario(vec![Diagnostic::error(at, first.to_string())])
            })?;
        let mut problems = Vec::new();
        let mut steps = Vec::new();
        for raw_step in raw.steps.unwrap_or_default() {
            let at = loc(&file, &raw_step.referenced);
            let s = raw_step.value;
            let given: Vec<(Action, Spanned<String>)> = [
                (Action::Compromise, s.compromise),
                (Action::Shutdown, s.shutdown),
                (Action::Isolate, s.isolate),
                (Action::Encrypt, s.encrypt),
                (Action::Restore, s.restore),
            ]
            .into_iter()
            .filter_map(|(a, v)| v.map(|v| (a, v)))
            .collect();
            if given.len() != 1 {
                problems.push(Diagnostic {
                    help: Some("write one action per step: `- isolate: external`".into()),
                    ..Diagnostic::error(
                        Some(at),
                        format!(
                            "a step needs exactly one of compromise, shutdown, isolate, encrypt, restore (found {})",
                            given.len()
                        ),
                    )
                });
                continue;
            }
            let (action, value) = given.into_iter().next().expect("one action");
            let at = loc(&file, &value.referenced);
            match parse_target(action, &value.value) {
                Ok(target) => steps.push(Step {
                    action,
                    target,
                    text: value.value.trim().to_string(),
                    because: s.because,
                    label: s.label,
                    location: Some(at),
                }),
                Err(message) => problems.push(Diagnostic::error(Some(at), message)),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Scenario(problems));
        }
        Ok(Scenario {
            name: raw.name.unwrap_or_else(|| {
                file.file_stem()
                    .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
            }),
            description: raw.description,
            source_incident: raw.source_incident,
            steps,
        })
    }

    /// Checks every selector against a model: unknown ids, zones and kinds
    /// are errors with a did-you-mean, at the step's location.
    pub fn check(&self, model: &Model) -> Result<(), Error> {
        let mut problems = Vec::new();
        for step in &self.steps {
            let mut check = |sel: &Selector| {
                if let Err(e) = model.select(sel) {
                    problems.push(Diagnostic {
                        help: e.help,
                        ..Diagnostic::error(step.location.clone(), e.message)
                    });
                }
            };
            match &step.target {
                StepTarget::Components(s) => check(s),
                StepTarget::External => {}
                StepTarget::Interaction { from, to } => {
                    check(from);
                    check(to);
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Scenario(problems))
        }
    }
}

fn parse_target(action: Action, text: &str) -> Result<StepTarget, String> {
    let text = text.trim();
    if action == Action::Isolate || action == Action::Restore {
        if text == "external" {
            return Ok(StepTarget::External);
        }
        if let Some((from, to)) = text.split_once("->") {
            let from = Selector::parse(from).map_err(|e| format!("in `{text}`: {e}"))?;
            let to = Selector::parse(to).map_err(|e| format!("in `{text}`: {e}"))?;
            return Ok(StepTarget::Interaction { from, to });
        }
    }
    Selector::parse(text)
        .map(StepTarget::Components)
        .map_err(|e| e.message)
}

/// One isolation in force.
#[derive(Clone, Debug)]
struct Isolation {
    /// The target as written: `restore` with the same text lifts it.
    key: String,
    /// Interactions it cuts.
    cut: Vec<usize>,
    /// External components it makes unavailable.
    unavailable: Vec<ComponentId>,
}

/// The state of the estate during a scenario.
#[derive(Clone, Debug)]
pub struct Situation {
    /// Held by the attacker, by component index.
    pub compromised: Vec<bool>,
    /// Switched off or encrypted, by component index.
    pub down: Vec<bool>,
    isolations: Vec<Isolation>,
}

impl Situation {
    /// Nothing compromised, down or isolated.
    pub fn new(model: &Model) -> Self {
        let n = model.components.len();
        Situation {
            compromised: vec![false; n],
            down: vec![false; n],
            isolations: Vec::new(),
        }
    }

    /// Interactions cut by the isolations in force, indexed like `model.interactions`.
    pub fn cut_mask(&self, model: &Model) -> Vec<bool> {
        let mut mask = vec![false; model.interactions.len()];
        for iso in &self.isolations {
            for &i in &iso.cut {
                mask[i] = true;
            }
        }
        mask
    }

    /// Components unavailable to services: down ones, and external components cut off.
    pub fn unavailable(&self) -> Vec<ComponentId> {
        let mut v: Vec<ComponentId> = self
            .down
            .iter()
            .enumerate()
            .filter(|(_, d)| **d)
            .map(|(i, _)| ComponentId(i as u32))
            .collect();
        for iso in &self.isolations {
            v.extend(iso.unavailable.iter().copied());
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Where the attacker acts from: compromised components that still run.
    pub fn attackers(&self) -> Vec<ComponentId> {
        (0..self.compromised.len())
            .filter(|&i| self.compromised[i] && !self.down[i])
            .map(|i| ComponentId(i as u32))
            .collect()
    }

    /// The attack graph of this situation: cut interactions and down
    /// components removed.
    pub fn graph<'m>(&self, model: &'m Model) -> AttackGraph<'m> {
        AttackGraph::with_removed(model, &self.cut_mask(model), &self.down)
    }

    /// Cuts every interaction (but `supplies`) crossing the boundary of
    /// `set`; external members become unavailable. Returns the number cut.
    pub fn isolate_set(&mut self, model: &Model, key: String, set: &[ComponentId]) -> usize {
        let mut inside = vec![false; model.components.len()];
        for c in set {
            inside[c.index()] = true;
        }
        let cut: Vec<usize> = model
            .interactions
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                inside[e.from.index()] != inside[e.to.index()]
                    && e.kind != cordon_model::InteractionKind::Supplies
            })
            .map(|(i, _)| i)
            .collect();
        let unavailable = set
            .iter()
            .copied()
            .filter(|&c| model.is_external(c))
            .collect();
        let n = cut.len();
        self.isolations.push(Isolation {
            key,
            cut,
            unavailable,
        });
        n
    }

    /// Cuts the given interactions.
    pub fn isolate_interactions(&mut self, key: String, cut: Vec<usize>) {
        self.isolations.push(Isolation {
            key,
            cut,
            unavailable: Vec::new(),
        });
    }

    /// Lifts the isolations written `key`. Returns how many.
    pub fn lift(&mut self, key: &str) -> usize {
        let before = self.isolations.len();
        self.isolations.retain(|i| i.key != key);
        before - self.isolations.len()
    }

    /// Applies a step. Returns notes (what it touched).
    pub fn apply(&mut self, model: &Model, step: &Step) -> Result<Vec<String>, Error> {
        let select = |sel: &Selector| {
            model.select(sel).map_err(|e| {
                Error::Scenario(vec![Diagnostic {
                    help: e.help,
                    ..Diagnostic::error(step.location.clone(), e.message)
                }])
            })
        };
        let key = normalise(&step.text);
        let mut notes = Vec::new();
        match (&step.target, step.action) {
            (StepTarget::Components(sel), action) => {
                let set = select(sel)?;
                if set.is_empty() {
                    notes.push(format!(
                        "`{}` selects no component in this model",
                        step.text
                    ));
                }
                for &c in &set {
                    let i = c.index();
                    match action {
                        Action::Compromise => self.compromised[i] = true,
                        Action::Shutdown => self.down[i] = true,
                        Action::Encrypt => {
                            self.compromised[i] = true;
                            self.down[i] = true;
                        }
                        Action::Restore => {
                            self.compromised[i] = false;
                            self.down[i] = false;
                        }
                        Action::Isolate => {}
                    }
                }
                match action {
                    Action::Isolate => {
                        let n = self.isolate_set(model, key, &set);
                        notes.push(format!(
                            "{} interaction{} cut",
                            n,
                            if n == 1 { "" } else { "s" }
                        ));
                    }
                    Action::Restore => {
                        let lifted = self.lift(&key);
                        if lifted > 0 {
                            notes.push(format!("isolation of `{}` lifted", step.text));
                        }
                    }
                    _ => {}
                }
                let ids: Vec<&str> = set
                    .iter()
                    .map(|c| model.component(*c).id.as_str())
                    .collect();
                if !ids.is_empty() {
                    notes.insert(0, format!("{}: {}", step.action.as_str(), list(&ids, 12)));
                }
            }
            (StepTarget::External, Action::Isolate) => {
                let set = model.select(&Selector::External).unwrap_or_default();
                let n = self.isolate_set(model, key, &set);
                notes.push(format!(
                    "{n} external link{} cut; {} unavailable",
                    if n == 1 { "" } else { "s" },
                    list(
                        &set.iter()
                            .map(|c| model.component(*c).id.as_str())
                            .collect::<Vec<_>>(),
                        12
                    )
                ));
            }
            (StepTarget::Interaction { from, to }, Action::Isolate) => {
                let (f, t) = (select(from)?, select(to)?);
                let cut = interactions_between(model, &f, &t);
                if cut.is_empty() {
                    return Err(Error::Scenario(vec![Diagnostic {
                        help: Some("isolate a component or zone instead, or check the direction (`FROM -> TO`)".into()),
                        ..Diagnostic::error(step.location.clone(), format!("no interaction matches `{}`", step.text))
                    }]));
                }
                notes.push(format!(
                    "{} interaction{} cut",
                    cut.len(),
                    if cut.len() == 1 { "" } else { "s" }
                ));
                self.isolate_interactions(key, cut);
            }
            (StepTarget::External | StepTarget::Interaction { .. }, _) => {
                let lifted = self.lift(&key);
                notes.push(if lifted > 0 {
                    format!("isolation of `{}` lifted", step.text)
                } else {
                    format!("no isolation of `{}` was in force", step.text)
                });
            }
        }
        Ok(notes)
    }
}

fn normalise(text: &str) -> String {
    match text.split_once("->") {
        Some((a, b)) => format!("{} -> {}", a.trim(), b.trim()),
        None => text.trim().to_string(),
    }
}

fn list(ids: &[&str], max: usize) -> String {
    if ids.len() <= max {
        ids.join(", ")
    } else {
        format!("{} and {} more", ids[..max].join(", "), ids.len() - max)
    }
}

/// Interactions from a component of `from` to a component of `to`.
pub(crate) fn interactions_between(
    model: &Model,
    from: &[ComponentId],
    to: &[ComponentId],
) -> Vec<usize> {
    let mut f = vec![false; model.components.len()];
    let mut t = vec![false; model.components.len()];
    for c in from {
        f[c.index()] = true;
    }
    for c in to {
        t[c.index()] = true;
    }
    model
        .interactions
        .iter()
        .enumerate()
        .filter(|(_, e)| f[e.from.index()] && t[e.to.index()])
        .map(|(i, _)| i)
        .collect()
}

/// A crown jewel the attacker reaches, and how.
#[derive(Clone, Debug)]
pub struct CrownJewelReach {
    /// The crown jewel.
    pub id: ComponentId,
    /// Best access on it.
    pub level: AccessLevel,
    /// A shortest path at that level (from a compromised component).
    pub path: Option<AttackPath>,
}

/// What the estate looks like after a step.
#[derive(Clone, Debug)]
pub struct StepOutcome {
    /// The step (None for the starting point).
    pub step: Option<Step>,
    /// What the step touched.
    pub notes: Vec<String>,
    /// Where the attacker acts from.
    pub attackers: Vec<ComponentId>,
    /// Components reached (attackers excluded), by best level: index by
    /// [`AccessLevel::index`] (0 unused).
    pub reached: [Vec<ComponentId>; 5],
    /// Crown jewels reached.
    pub crown_jewels: Vec<CrownJewelReach>,
    /// Components down (shut down, encrypted) or cut off (external).
    pub unavailable: Vec<ComponentId>,
    /// Interactions cut.
    pub cut_interactions: usize,
    /// Every service.
    pub services: Vec<ServiceOutcome>,
    /// Care in plain words.
    pub care: CareImpact,
}

/// Evaluates a situation: attacker reach, crown jewels, services.
pub fn evaluate(
    model: &Model,
    situation: &Situation,
    step: Option<Step>,
    notes: Vec<String>,
) -> StepOutcome {
    let cut = situation.cut_mask(model);
    let graph = AttackGraph::with_removed(model, &cut, &situation.down);
    let attackers = situation.attackers();
    let map = graph.access_from(&attackers);
    let mut reached: [Vec<ComponentId>; 5] = Default::default();
    for level in AccessLevel::HELD {
        reached[level.index()] = map.at_level(level);
    }
    let crown_jewels = model
        .crown_jewels()
        .into_iter()
        .filter(|&c| map.level(c) > AccessLevel::None)
        .map(|c| CrownJewelReach {
            id: c,
            level: map.level(c),
            path: map.path(&graph, c),
        })
        .collect();
    let unavailable = situation.unavailable();
    let states = services_with(model, &unavailable, &cut);
    let services = service_outcomes(model, &states);
    let care = care_impact(model, &services);
    StepOutcome {
        step,
        notes,
        attackers,
        reached,
        crown_jewels,
        unavailable,
        cut_interactions: cut.iter().filter(|c| **c).count(),
        services,
        care,
    }
}

/// Replays a scenario: the starting point, then the estate after each step.
pub fn run_scenario(model: &Model, scenario: &Scenario) -> Result<Vec<StepOutcome>, Error> {
    scenario.check(model)?;
    let mut situation = Situation::new(model);
    let mut out = vec![evaluate(model, &situation, None, Vec::new())];
    for step in &scenario.steps {
        let notes = situation.apply(model, step)?;
        out.push(evaluate(model, &situation, Some(step.clone()), notes));
    }
    Ok(out)
}

/// Replays a scenario and returns the final situation.
pub fn final_situation(model: &Model, scenario: &Scenario) -> Result<Situation, Error> {
    scenario.check(model)?;
    let mut situation = Situation::new(model);
    for step in &scenario.steps {
        situation.apply(model, step)?;
    }
    Ok(situation)
}
