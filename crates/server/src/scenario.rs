//! Scenarios over HTTP and on the services board.
//!
//! The server has no scenario evaluation of its own: a scenario is the document
//! `cordon scenario` reads (YAML, or the same as JSON), parsed by
//! [`cordon_containment::Scenario`], replayed by the one situation engine
//! ([`cordon_containment::run_scenario`]), and rendered as exactly the JSON of
//! `cordon scenario --format json` ([`scenario_json`]). The board's pages draw that same
//! JSON, so the page, the API and the CLI cannot disagree.

use std::path::Path;

use cordon_containment::{Scenario, StepOutcome};
use cordon_model::{AccessLevel, ComponentId, Model};
use cordon_services::ServiceState;
use serde_json::{Value, json};

use crate::error::{Error, Result};

/// The most steps a scenario sent to the server may have.
pub const MAX_STEPS: usize = 200;
/// The largest scenario document accepted (bytes).
pub const MAX_DOCUMENT: usize = 256 * 1024;

/// A scenario offered on the board: `key` is its file stem (`red-phase`), used in URLs.
#[derive(Clone, Debug)]
pub struct Named {
    /// File stem, or the name of a generated scenario.
    pub key: String,
    /// The parsed scenario.
    pub scenario: Scenario,
    /// Where it was read from (None: generated).
    pub file: Option<String>,
}

/// Turns a containment error into a 400 that keeps every diagnostic (line, column, help).
pub fn bad(e: cordon_containment::Error) -> Error {
    match e {
        cordon_containment::Error::Io { .. } => Error::Internal(e.to_string()),
        other => Error::BadRequest(other.to_string()),
    }
}

/// Parses a scenario document, YAML or JSON (JSON is read by the same YAML parser), as
/// `cordon scenario` does. `name` stands for the file in error locations.
pub fn parse_document(text: &str, name: &str) -> Result<Scenario> {
    if text.len() > MAX_DOCUMENT {
        return Err(Error::TooLarge(format!(
            "scenario document larger than {MAX_DOCUMENT} bytes"
        )));
    }
    let s = Scenario::from_yaml(text, name).map_err(bad)?;
    if s.steps.len() > MAX_STEPS {
        return Err(Error::BadRequest(format!(
            "{} steps: at most {MAX_STEPS} per scenario",
            s.steps.len()
        )));
    }
    Ok(s)
}

/// What the board's text box holds: either a whole scenario document (with `steps:`), or
/// just its steps, one a line, in the scenario file's syntax (`- isolate: "vpn-gw -> ad"`;
/// the leading `- ` may be left out). Error lines and columns refer to the text as typed.
pub fn parse_board_text(text: &str) -> Result<Scenario> {
    let is_document = text.lines().any(|l| {
        let l = l.trim_end();
        ["steps:", "name:", "description:"]
            .iter()
            .any(|k| l.starts_with(k))
    });
    if is_document {
        return parse_document(text, "steps");
    }
    // Step lines under a two-line header; `- ` added where it was left out, and `because:`
    // / `label:` lines indented under their step. Locations are mapped back to the typed text.
    let mut doc = String::with_capacity(text.len() + 64);
    doc.push_str("name: custom\nsteps:\n");
    let mut added = Vec::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') || t.starts_with('-') || t.len() != line.len() {
            doc.push_str(line);
            added.push(0);
        } else if STEP_KEYS.iter().any(|k| t.starts_with(k)) {
            doc.push_str("- ");
            doc.push_str(line);
            added.push(2);
        } else {
            doc.push_str("  ");
            doc.push_str(line);
            added.push(2);
        }
        doc.push('\n');
    }
    let mut scenario = parse_document(&doc, "steps").map_err(|e| match e {
        Error::BadRequest(m) => Error::BadRequest(shift_lines(&m, 2, &added)),
        other => other,
    })?;
    // Step locations (used by later errors and in the JSON) refer to the typed text too.
    for step in &mut scenario.steps {
        if let Some(l) = &mut step.location {
            let typed = l.line.saturating_sub(2).max(1);
            let shift = added.get(typed as usize - 1).copied().unwrap_or(0);
            l.line = typed;
            l.column = l.column.saturating_sub(shift).max(1);
        }
    }
    Ok(scenario)
}

const STEP_KEYS: [&str; 5] = ["compromise", "shutdown", "isolate", "encrypt", "restore"];

/// Rewrites `steps:LINE:COL` in messages for the two lines of header added in front of
/// the typed text and the prefix added on each line.
fn shift_lines(message: &str, header: u32, added: &[u32]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("steps:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let Ok(line) = digits.parse::<u32>() else {
            out.push_str("steps:");
            rest = after;
            continue;
        };
        let after_line = &after[digits.len()..];
        let typed = line.saturating_sub(header).max(1);
        out.push_str(&format!("steps:{typed}"));
        rest = after_line;
        if let Some(col_text) = after_line.strip_prefix(':') {
            let cd: String = col_text.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(col) = cd.parse::<u32>() {
                let shift = added.get(typed as usize - 1).copied().unwrap_or(0);
                out.push_str(&format!(":{}", col.saturating_sub(shift).max(1)));
                rest = &col_text[cd.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scenarios the board offers: normal operation (`green`, no steps), then every
/// `scenarios/*.yaml` beside the model (a model directory), else a red phase
/// (`isolate: external`) when the model has external zones. Unreadable files are listed
/// with their error (the second list) rather than hidden.
pub fn builtin(model: &Model, model_path: &Path) -> (Vec<Named>, Vec<String>) {
    let mut out = vec![Named {
        key: "green".into(),
        scenario: Scenario::from_yaml(
            "name: green\ndescription: normal operation, nothing is down or compromised\nsteps: []\n",
            "green",
        )
        .expect("the green scenario parses"),
        file: None,
    }];
    let mut problems = Vec::new();
    let dir = model_path.join("scenarios");
    if model_path.is_dir() && dir.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for f in files.into_iter().take(100) {
            let key = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match Scenario::load(&f).and_then(|s| s.check(model).map(|_| s)) {
                Ok(s) if key != "green" => out.push(Named {
                    key,
                    scenario: s,
                    file: Some(f.display().to_string()),
                }),
                Ok(_) => {}
                Err(e) => problems.push(format!("{}: {e}", f.display())),
            }
        }
    }
    if out.len() == 1 && model.zones.iter().any(|z| z.external) {
        out.push(Named {
            key: "red-phase".into(),
            scenario: Scenario::from_yaml(
                "name: red-phase\ndescription: intrusion detected, every external network connection is severed\nsteps:\n  - isolate: external\n",
                "red-phase",
            )
            .expect("the red-phase scenario parses"),
            file: None,
        });
    }
    (out, problems)
}

fn ids(model: &Model, list: &[ComponentId]) -> Vec<String> {
    list.iter()
        .map(|c| model.component(*c).id.clone())
        .collect()
}

fn service_json(o: &cordon_containment::ServiceOutcome) -> Value {
    let (state, fallback, capacity) = match &o.state {
        ServiceState::Up => ("up", None, 1.0),
        ServiceState::Degraded { fallback, capacity } => {
            ("degraded", Some(fallback.clone()), *capacity)
        }
        ServiceState::Down => ("down", None, 0.0),
    };
    json!({ "id": o.id, "name": o.name, "criticality": o.criticality, "state": state,
            "fallback": fallback, "capacity": capacity, "summary": o.summary })
}

fn outcome_json(model: &Model, o: &StepOutcome) -> Value {
    json!({
        "step": o.step.as_ref().map(|s| json!({ "action": s.action, "target": s.text, "label": s.label,
                                                  "because": s.because,
                                                  "location": s.location.as_ref().map(|l| l.to_string()) })),
        "notes": o.notes,
        "attackers": ids(model, &o.attackers),
        "reached": {
            "control": ids(model, &o.reached[AccessLevel::Control.index()]),
            "write": ids(model, &o.reached[AccessLevel::Write.index()]),
            "read": ids(model, &o.reached[AccessLevel::Read.index()]),
            "reach": ids(model, &o.reached[AccessLevel::Reach.index()]),
        },
        "crown_jewels": o.crown_jewels.iter().map(|j| json!({
            "id": model.component(j.id).id, "level": j.level,
            "from": j.path.as_ref().map(|p| model.component(p.source).id.clone()),
            "path": j.path.as_ref().map(|p| cordon_report::path_view(model, p)) })).collect::<Vec<_>>(),
        "unavailable": ids(model, &o.unavailable),
        "cut_interactions": o.cut_interactions,
        "services": o.services.iter().map(service_json).collect::<Vec<_>>(),
        "care": { "capacity": o.care.care_capacity, "summary": o.care.summary },
    })
}

/// Replays `scenario` on `model` with the containment engine and returns exactly the JSON
/// of `cordon scenario MODEL SCENARIO --format json` (`model`, `scenario`, `steps[]` with
/// `services[].state`, `crown_jewels`, `unavailable`, `care.capacity`…; docs/json.md).
/// 400 when a selector is unknown.
pub fn scenario_json(model: &Model, scenario: &Scenario) -> Result<Value> {
    let outcomes = cordon_containment::run_scenario(model, scenario).map_err(bad)?;
    Ok(json!({
        "model": model.name,
        "scenario": { "name": scenario.name, "description": scenario.description,
                      "source_incident": scenario.source_incident },
        "steps": outcomes.iter().map(|o| outcome_json(model, o)).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_text_as_steps_or_document() {
        let s = parse_board_text(
            "compromise: vpn-gw\nbecause: seen\n- isolate: \"vpn-gw -> ad\"\n  label: cut\nrestore: external\n",
        )
        .unwrap();
        assert_eq!(s.steps.len(), 3);
        assert_eq!(s.steps[0].because.as_deref(), Some("seen"));
        assert_eq!(s.steps[1].label.as_deref(), Some("cut"));
        let d = parse_board_text("name: x\nsteps:\n  - isolate: external\n").unwrap();
        assert_eq!(d.name, "x");
        assert_eq!(d.steps.len(), 1);
    }

    #[test]
    fn board_errors_point_at_the_typed_line() {
        let e = parse_board_text("compromise: vpn-gw\n- frobnicate: x\n").unwrap_err();
        let m = e.to_string();
        assert!(m.contains("steps:2:"), "{m}");
        let s = parse_board_text("compromise: vpn-gw\nshutdown: ehr\n").unwrap();
        let l = s.steps[1].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (2, 11));
    }
}
