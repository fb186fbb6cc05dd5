//! Scenarios: ordered steps (compromise, shutdown, isolate, encrypt, restore)
//! and what each does to the attacker's reach and to care.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cordon_model::{AccessLevel, ComponentId, Diagnostic, Location, Model, Selector, did_you_mean};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::Error;
use crate::roles;
use crate::situation::{Evaluation, Situation, evaluate};

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
    /// The components of a catalog role (`role:servers`, see [`crate::roles`]).
    Role(String),
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

/// One step as written. Read by hand (not `deny_unknown_fields`) so that a
/// misspelt key is one problem of the step and the reader goes on to the
/// next step: every problem of a scenario file is reported in one run.
#[derive(Default)]
struct RawStep {
    compromise: Option<Spanned<RawTarget>>,
    shutdown: Option<Spanned<RawTarget>>,
    isolate: Option<Spanned<RawTarget>>,
    encrypt: Option<Spanned<RawTarget>>,
    restore: Option<Spanned<RawTarget>>,
    because: Option<String>,
    label: Option<String>,
    /// Keys that are none of the above, as written.
    unknown: Vec<String>,
    /// `because`/`label` given something other than a scalar.
    not_text: Vec<String>,
    /// The step was written as a scalar (`- encrypt ehr-db`), not a mapping.
    scalar: Option<String>,
}

/// The keys of a step, for the unknown-key message.
const STEP_KEYS: &str = "compromise, shutdown, isolate, encrypt, restore, because, label";

impl<'de> Deserialize<'de> for RawStep {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawStep;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a step: one action and its target (`- encrypt: ehr-db`)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawStep, A::Error> {
                let mut step = RawStep::default();
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "compromise" => &mut step.compromise,
                        "shutdown" => &mut step.shutdown,
                        "isolate" => &mut step.isolate,
                        "encrypt" => &mut step.encrypt,
                        "restore" => &mut step.restore,
                        "because" | "label" => {
                            let text = match map.next_value::<RawTarget>()? {
                                RawTarget::Text(t) => Some(t),
                                RawTarget::NotText(_) => {
                                    step.not_text.push(key.clone());
                                    None
                                }
                            };
                            if key == "because" {
                                step.because = text;
                            } else {
                                step.label = text;
                            }
                            continue;
                        }
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            step.unknown.push(key);
                            continue;
                        }
                    };
                    *slot = Some(map.next_value::<Spanned<RawTarget>>()?);
                }
                Ok(step)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawStep, E> {
                Ok(RawStep {
                    scalar: Some(v.to_string()),
                    ..RawStep::default()
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A step's target as written: a scalar (the target's text), or a list or
/// mapping, which is read to its end and reported with the step's location
/// so that the reader goes on and every such step is reported in one run
/// (a `String` field would stop the whole document at the first list).
enum RawTarget {
    Text(String),
    /// What was written instead of a scalar: "a list", "a mapping".
    NotText(&'static str),
}

impl<'de> Deserialize<'de> for RawTarget {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawTarget;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string: a component or one selector")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawTarget, E> {
                Ok(RawTarget::NotText("nothing"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawTarget, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawTarget::NotText("a list"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawTarget, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawTarget::NotText("a mapping"))
            }
        }
        d.deserialize_any(V)
    }
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
                Error::Scenario(vec![Diagnostic {
                    help: Some(syntax_help(first).into()),
                    ..Diagnostic::error(at, first.to_string())
                }])
            })?;
        let mut problems = Vec::new();
        let mut steps = Vec::new();
        for raw_step in raw.steps.unwrap_or_default() {
            let at = loc(&file, &raw_step.referenced);
            let s = raw_step.value;
            for key in &s.unknown {
                problems.push(Diagnostic {
                    help: Some(syntax_help("unknown field").into()),
                    ..Diagnostic::error(
                        Some(at.clone()),
                        format!("unknown key `{key}` in a step, expected one of {STEP_KEYS}"),
                    )
                });
            }
            for key in &s.not_text {
                problems.push(Diagnostic {
                    help: Some(format!(
                        "`{key}` is one line of text (quote it if it holds `: `)"
                    )),
                    ..Diagnostic::error(Some(at.clone()), format!("`{key}` takes text"))
                });
            }
            if let Some(text) = &s.scalar {
                let t = text.trim();
                let fix = match t.split_once(char::is_whitespace) {
                    Some((a, rest)) => format!("`- {a}: {}`", rest.trim()),
                    None => "`- encrypt: ehr-db`".to_string(),
                };
                problems.push(Diagnostic {
                    help: Some(format!("write the step as `action: target`: {fix}")),
                    ..Diagnostic::error(
                        Some(at.clone()),
                        format!("a step is one action and its target, found the text `{t}`"),
                    )
                });
                continue;
            }
            if !s.unknown.is_empty() || !s.not_text.is_empty() {
                continue;
            }
            let given: Vec<(Action, Spanned<RawTarget>)> = [
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
            let text = match value.value {
                RawTarget::Text(t) => t,
                RawTarget::NotText(what) => {
                    problems.push(Diagnostic {
                        help: Some(syntax_help("expected string").into()),
                        ..Diagnostic::error(
                            Some(at),
                            format!("`{}` takes one string, found {what}", action.as_str()),
                        )
                    });
                    continue;
                }
            };
            match parse_target(action, &text) {
                Ok(target) => steps.push(Step {
                    action,
                    target,
                    text: text.trim().to_string(),
                    because: s.because,
                    label: s.label,
                    location: Some(at),
                }),
                Err(message) => problems.push(Diagnostic {
                    help: Some(target_help(action, &text).into()),
                    ..Diagnostic::error(Some(at), message)
                }),
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

    /// Parses a scenario document given as YAML or JSON (a request body):
    /// the same format as a scenario file. Locations name `<body>`; a JSON
    /// syntax error is located by the JSON parser (line and column of the
    /// body), every other problem by the YAML reader.
    pub fn parse_yaml_or_json(text: &str) -> Result<Scenario, Error> {
        let body = Path::new("<body>");
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                Error::Scenario(vec![Diagnostic {
                    help: Some("send a scenario document: {\"name\": …, \"steps\": [{\"isolate\": \"external\"}]}".into()),
                    ..Diagnostic::error(
                        Some(Location {
                            file: Arc::from(PathBuf::from(body)),
                            line: e.line() as u32,
                            column: e.column() as u32,
                        }),
                        format!("invalid JSON: {e}"),
                    )
                }])
            })?;
            if !value.is_object() {
                return Err(Error::Scenario(vec![Diagnostic::error(
                    None,
                    "a scenario document is a JSON object with `steps`".to_string(),
                )]));
            }
            // JSON is YAML (flow style) except for tab indentation: read the
            // text itself when it has no tabs, so locations match the body.
            if !text.contains('\t') {
                return Self::from_yaml(text, body);
            }
            let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
            return Self::from_yaml(&pretty, body);
        }
        Self::from_yaml(text, body)
    }

    /// Parses the one-step-per-line form a text box holds: `isolate
    /// external`, `isolate: "vpn -> ad"`, `restore vpn`; blank lines and
    /// lines starting with `#` are skipped. Locations are `<steps>:LINE:COL`.
    pub fn parse_lines(text: &str, name: &str) -> Result<Scenario, Error> {
        let file: Arc<Path> = Arc::from(PathBuf::from("<steps>"));
        let mut steps = Vec::new();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let col = line.len() - line.trim_start().len();
            let word_end = t
                .find(|c: char| c == ':' || c.is_whitespace())
                .unwrap_or(t.len());
            let word = &t[..word_end];
            let rest = t[word_end..].trim_start_matches(':').trim();
            let rest = rest.trim_matches(|c| c == '"' || c == '\'').trim();
            let action = match word {
                "compromise" => Action::Compromise,
                "shutdown" => Action::Shutdown,
                "isolate" => Action::Isolate,
                "encrypt" => Action::Encrypt,
                "restore" => Action::Restore,
                other => {
                    problems.push(Diagnostic {
                        help: did_you_mean(other, ["compromise", "shutdown", "isolate", "encrypt", "restore"])
                            .or_else(|| Some("one step per line: `compromise vpn`, `isolate external`, `isolate vpn -> ad`, `restore vpn`".into())),
                        ..Diagnostic::error(
                            Some(Location { file: Arc::clone(&file), line: n as u32 + 1, column: col as u32 + 1 }),
                            format!("unknown action `{other}`: use compromise, shutdown, isolate, encrypt or restore"),
                        )
                    });
                    continue;
                }
            };
            let at = Location {
                file: Arc::clone(&file),
                line: n as u32 + 1,
                column: (line.len() - line.trim_start().len() + word_end + 1) as u32 + 1,
            };
            if rest.is_empty() {
                problems.push(Diagnostic::error(Some(at), format!("`{word}` needs a target: a component, a selector, `external` or `FROM -> TO`")));
                continue;
            }
            match parse_target(action, rest) {
                Ok(target) => steps.push(Step {
                    action,
                    target,
                    text: rest.to_string(),
                    because: None,
                    label: None,
                    location: Some(at),
                }),
                Err(message) => problems.push(Diagnostic {
                    help: Some(target_help(action, rest).into()),
                    ..Diagnostic::error(Some(at), message)
                }),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Scenario(problems));
        }
        Ok(Scenario {
            name: name.to_string(),
            description: None,
            source_incident: None,
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
                StepTarget::Role(r) => {
                    if roles::role(r).is_none() {
                        problems.push(unknown_role(step, r));
                    }
                }
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

/// The help line of a scenario the YAML reader refused: what the format
/// expects where the reader stopped (it stops at the first problem).
fn syntax_help(message: &str) -> &'static str {
    if message.contains("expected string") {
        "a step's target is one string, not a list or a mapping: a component (`ehr-db`) or one selector (`zone:north`, `kind:database-server`, `tag:backed-up`, `\"vpn-gw -> pacs\"`); write one step per target"
    } else if message.contains("unknown field") {
        "a scenario has `name`, `description` and `steps`; each step is one action (compromise, shutdown, isolate, encrypt, restore) with optional `because` and `label`"
    } else {
        "a scenario is `name: …` and `steps:`, a list of one-action steps: `- encrypt: ehr-db`, `- isolate: external` (docs/containment.md)"
    }
}

/// The help line of a target that does not parse, by what was meant.
fn target_help(action: Action, text: &str) -> &'static str {
    match action {
        Action::Isolate | Action::Restore if text.contains("->") => {
            "the links between two sets are `FROM -> TO`, a selector on each side: `\"vpn-gw -> pacs\"`, `\"zone:dmz -> zone:north\"`"
        }
        Action::Isolate | Action::Restore => {
            "a target is a component (`ehr-db`), one selector (`zone:north`, `kind:database-server`, `tag:backed-up`, `role:servers`), `external`, or the links `\"FROM -> TO\"`"
        }
        _ => {
            "a target is a component (`ehr-db`) or one selector (`zone:north`, `kind:database-server`, `tag:backed-up`, `role:servers`); links (`->`) are for isolate and restore"
        }
    }
}

fn parse_target(action: Action, text: &str) -> Result<StepTarget, String> {
    let text = text.trim();
    if let Some(r) = text.strip_prefix("role:") {
        return Ok(StepTarget::Role(r.trim().to_string()));
    }
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

impl Situation {
    /// Applies a step. Returns notes (what it touched) and warnings (a
    /// selector that selects nothing, a restore of something never cut).
    pub fn apply(
        &mut self,
        model: &Model,
        step: &Step,
    ) -> Result<(Vec<String>, Vec<String>), Error> {
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
        let mut warnings = Vec::new();
        let at = step
            .location
            .as_ref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        match (&step.target, step.action) {
            (StepTarget::Components(_) | StepTarget::Role(_), action) => {
                let set = match &step.target {
                    StepTarget::Components(sel) => select(sel)?,
                    StepTarget::Role(r) => match roles::role(r) {
                        Some(role) => roles::select_role(model, &role),
                        None => {
                            return Err(Error::Scenario(vec![unknown_role(step, r)]));
                        }
                    },
                    _ => Vec::new(),
                };
                if set.is_empty() {
                    warnings.push(format!(
                        "{at}`{}` selects no component in this model: the step does nothing{}",
                        step.text,
                        match &step.target {
                            StepTarget::Role(r) => roles::role(r)
                                .map(|role| format!(
                                    " (role `{r}` covers the kinds {})",
                                    role.kinds.join(", ")
                                ))
                                .unwrap_or_default(),
                            _ => String::new(),
                        }
                    ));
                }
                // What each restored component was before the step.
                let was: Vec<bool> = set
                    .iter()
                    .map(|c| self.compromised[c.index()] || self.down[c.index()])
                    .collect();
                let held_before: Vec<ComponentId> = set
                    .iter()
                    .copied()
                    .filter(|c| self.compromised[c.index()] && !self.encrypted[c.index()])
                    .collect();
                for &c in &set {
                    let i = c.index();
                    match action {
                        Action::Compromise => self.compromised[i] = true,
                        Action::Shutdown => self.down[i] = true,
                        Action::Encrypt => {
                            self.compromised[i] = true;
                            self.down[i] = true;
                            self.encrypted[i] = true;
                        }
                        Action::Restore => self.rebuild(c),
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
                        warnings.extend(self.restore_warnings(model, &set, &was, lifted > 0, &at));
                        // A restore also evicts the attacker from what it
                        // held: said so, a crisis cell re-opening a zone
                        // may not mean a rebuild.
                        if !held_before.is_empty() {
                            let names = crate::report::Names::new(model);
                            let named: Vec<String> = names
                                .list(&held_before)
                                .into_iter()
                                .map(|n| format!("{n} (the attacker's foothold)"))
                                .collect();
                            let ids: Vec<&str> = named.iter().map(String::as_str).collect();
                            notes.push(format!("rebuilt from clean media: {}", list(&ids, 12)));
                        }
                    }
                    _ => {}
                }
                // Readable names (an AD import's ids are SIDs).
                let names = crate::report::Names::new(model);
                let named = names.list(&set);
                let ids: Vec<&str> = named.iter().map(String::as_str).collect();
                if !ids.is_empty() {
                    notes.insert(0, format!("{}: {}", step.action.as_str(), list(&ids, 12)));
                }
            }
            (StepTarget::External, Action::Isolate) => {
                let set = model.select(&Selector::External).unwrap_or_default();
                if set.is_empty() {
                    warnings.push(format!(
                        "{at}the model has no external zone: `isolate: external` cuts nothing"
                    ));
                }
                let n = self.isolate_set(model, key, &set);
                notes.push(format!(
                    "{n} external link{} cut ({})",
                    if n == 1 { "" } else { "s" },
                    list(
                        &crate::report::Names::new(model)
                            .list(&set)
                            .iter()
                            .map(String::as_str)
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
                if lifted > 0 {
                    notes.push(format!("isolation of `{}` lifted", step.text));
                } else {
                    warnings.push(format!(
                        "{at}no isolation of `{}` was in force: nothing lifted",
                        step.text
                    ));
                }
            }
        }
        Ok((notes, warnings))
    }
}

impl Situation {
    /// Warnings on a `restore` of `set` (already applied): a component that
    /// was neither held, down nor isolated (`was` false, no isolation
    /// lifted) gains nothing from it, and a restored component that still
    /// cannot run or serve — its host or another dependency is still down —
    /// is named with what must be restored first ("ehr-app cannot run until
    /// esx-1 is restored").
    fn restore_warnings(
        &self,
        model: &Model,
        set: &[ComponentId],
        was: &[bool],
        lifted: bool,
        at: &str,
    ) -> Vec<String> {
        let cut = self.cut_mask(model);
        let avail = cordon_services::availability(model, &self.down, &cut);
        let running = crate::situation::not_running(model, &self.down, &cut);
        let word = |c: ComponentId| crate::situation::down_word(self, c);
        let mut out = Vec::new();
        let names = crate::report::Names::new(model);
        let name = |c: ComponentId| names.name(c);
        for (k, &c) in set.iter().enumerate() {
            let id = &names.name(c);
            let mut parts = Vec::new();
            if !was[k] && !lifted {
                parts.push(format!(
                    "{id} was not held, down or isolated: the restore lifts nothing"
                ));
            }
            if avail.is_unavailable(c) {
                let chain = avail.chain(model, c);
                let root = chain
                    .iter()
                    .rev()
                    .find(|(_, cause)| matches!(cause, cordon_services::Cause::Down))
                    .map(|(r, _)| *r);
                let verb = if running.is_unavailable(c) {
                    "cannot run"
                } else {
                    "cannot serve"
                };
                let why =
                    cordon_services::availability::explain_named(model, &avail, c, &word, &name);
                parts.push(match root {
                    Some(r) => format!("{id} {verb} until {} is restored ({why})", names.name(r)),
                    None => format!("{id} is still unavailable ({why})"),
                });
            }
            if !parts.is_empty() {
                out.push(format!("{at}{}", parts.join("; ")));
            }
        }
        // Rebuilt "from clean backups": say so when the model holds none.
        let restored: Vec<ComponentId> = set
            .iter()
            .zip(was)
            .filter(|(_, w)| **w)
            .map(|(c, _)| *c)
            .collect();
        for gap in crate::backups::no_clean_backup(model, self, &restored) {
            out.push(format!("{at}{}", gap.describe(model)));
        }
        out
    }
}

fn unknown_role(step: &Step, r: &str) -> Diagnostic {
    let all = roles::roles();
    Diagnostic {
        help: did_you_mean(r, all.iter().map(|x| x.id.as_str())).or_else(|| {
            Some(format!(
                "known roles: {}",
                all.iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }),
        ..Diagnostic::error(step.location.clone(), format!("unknown role `{r}`"))
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

/// What the estate looks like after a step.
#[derive(Clone, Debug)]
pub struct StepOutcome {
    /// The step (None for the starting point).
    pub step: Option<Step>,
    /// What the step touched.
    pub notes: Vec<String>,
    /// What looks wrong with the step (selects nothing, lifts nothing).
    pub warnings: Vec<String>,
    /// The situation after the step.
    pub situation: Situation,
    /// Its evaluation.
    pub evaluation: Evaluation,
    /// Caution: components the attacker could control at an earlier step
    /// (held or reached at `control`), not rebuilt since, still running, and
    /// not held or reached at `control` now — the attacker may already be
    /// there (possible footholds to check). Empty for the starting point.
    pub possibly_held: Vec<ComponentId>,
}

/// Replays a scenario: the starting point, then the estate after each step,
/// each evaluated by [`evaluate`].
pub fn run_scenario(model: &Model, scenario: &Scenario) -> Result<Vec<StepOutcome>, Error> {
    scenario.check(model)?;
    let mut situation = Situation::new(model);
    let first = evaluate(model, &situation);
    // Components the attacker held or could control at any step so far,
    // not rebuilt since.
    let mut ever = vec![false; model.components.len()];
    let mark = |ever: &mut Vec<bool>, e: &Evaluation| {
        for c in e
            .attackers
            .iter()
            .chain(&e.held_switched_off)
            .chain(&e.reached[AccessLevel::Control.index()])
        {
            ever[c.index()] = true;
        }
    };
    mark(&mut ever, &first);
    let mut out = vec![StepOutcome {
        step: None,
        notes: Vec::new(),
        warnings: Vec::new(),
        evaluation: first,
        possibly_held: Vec::new(),
        situation: situation.clone(),
    }];
    for step in &scenario.steps {
        situation.rebuilt.iter_mut().for_each(|r| *r = false);
        let (mut notes, warnings) = situation.apply(model, step)?;
        for (e, r) in ever.iter_mut().zip(&situation.rebuilt) {
            if *r {
                *e = false;
            }
        }
        let evaluation = evaluate(model, &situation);
        if !evaluation.no_network.is_empty() {
            let named = crate::report::Names::new(model).list(&evaluation.no_network);
            let ids: Vec<&str> = named.iter().map(String::as_str).collect();
            notes.push(format!(
                "no network (the only switch supplying them, or their host, is off): {} — the attacker moves over none of their network links",
                list(&ids, 12)
            ));
        }
        let possibly_held = possibly_held(model, &ever, &evaluation);
        mark(&mut ever, &evaluation);
        out.push(StepOutcome {
            step: Some(step.clone()),
            notes,
            warnings,
            evaluation,
            possibly_held,
            situation: situation.clone(),
        });
    }
    Ok(out)
}

/// Components the attacker could control at an earlier step (held, or
/// reached at `control`), not rebuilt since, that still run and that the
/// evaluation neither counts as held nor reaches at `control` now: the
/// attacker may already have moved there — footholds to check. External
/// parties are left out (they are not ours to check).
fn possibly_held(model: &Model, ever: &[bool], e: &Evaluation) -> Vec<ComponentId> {
    (0..ever.len())
        .map(|i| ComponentId(i as u32))
        .filter(|&c| {
            ever[c.index()]
                && !model.is_external(c)
                && !e.running.unavailable[c.index()]
                && !e.attackers.contains(&c)
                && e.level(c) < AccessLevel::Control
        })
        .collect()
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
