//! Scenarios over HTTP and on the services board.
//!
//! The server has no scenario evaluation of its own: a scenario is the document
//! `cordon scenario` reads (YAML, or the same as JSON), parsed by
//! [`cordon_containment::Scenario`], replayed by the one situation engine and reported by
//! [`cordon_containment::scenario_report`] — the value `cordon scenario --format json`
//! prints. The API sends its bytes ([`scenario_text`]); the board's pages draw the same
//! report ([`scenario_json`]), so the page, the API and the CLI cannot disagree.

use std::path::Path;

use cordon_containment::{Scenario, ScenarioReport, scenario_report};
use cordon_model::Model;
use serde_json::Value;

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

/// Parses a scenario document, YAML or JSON, as `cordon scenario` reads a file
/// ([`Scenario::parse_yaml_or_json`]; error locations name `<body>`).
pub fn parse_document(text: &str) -> Result<Scenario> {
    if text.len() > MAX_DOCUMENT {
        return Err(Error::TooLarge(format!(
            "scenario document larger than {MAX_DOCUMENT} bytes"
        )));
    }
    limit_steps(Scenario::parse_yaml_or_json(text).map_err(bad)?)
}

fn limit_steps(s: Scenario) -> Result<Scenario> {
    if s.steps.len() > MAX_STEPS {
        return Err(Error::BadRequest(format!(
            "{} steps: at most {MAX_STEPS} per scenario",
            s.steps.len()
        )));
    }
    Ok(s)
}

/// What the board's text box holds: either a whole scenario document (a file loaded into
/// it: with `steps:`, YAML or JSON), or steps one a line as
/// [`Scenario::parse_lines`] reads them (`isolate external`, `isolate: "vpn-gw -> ad"`,
/// `restore zone:dmz`; a leading `- ` copied from a file is accepted). Error locations refer
/// to the text as typed.
pub fn parse_board_text(text: &str) -> Result<Scenario> {
    if text.len() > MAX_DOCUMENT {
        return Err(Error::TooLarge(format!(
            "steps longer than {MAX_DOCUMENT} bytes"
        )));
    }
    let is_document = text.trim_start().starts_with('{')
        || text.lines().any(|l| {
            let l = l.trim_end();
            ["steps:", "name:", "description:"]
                .iter()
                .any(|k| l.starts_with(k))
        });
    if is_document {
        return parse_document(text);
    }
    // `- isolate: external` as in a file: the dash becomes a space, columns unchanged.
    let lines: String = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            match t.strip_prefix("- ") {
                Some(rest) => format!("{}  {rest}\n", &l[..l.len() - t.len()]),
                None => format!("{l}\n"),
            }
        })
        .collect();
    limit_steps(Scenario::parse_lines(&lines, "custom").map_err(bad)?)
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

/// Replays `scenario` on `model` with the containment engine: the report
/// `cordon scenario --format json` prints. 400 when a selector is unknown.
pub fn report(model: &Model, scenario: &Scenario) -> Result<ScenarioReport> {
    scenario_report(model, scenario).map_err(bad)
}

/// Exactly the text `cordon scenario MODEL SCENARIO --format json` prints (pretty JSON and
/// a newline), byte for byte: `model`, `scenario`, `warnings`, `steps[]` with
/// `services[].state`, `crown_jewels`, `unavailable`, `care.capacity`… (docs/json.md).
pub fn scenario_text(model: &Model, scenario: &Scenario) -> Result<String> {
    let r = report(model, scenario)?;
    serde_json::to_string_pretty(&r)
        .map(|t| t + "\n")
        .map_err(|e| Error::Internal(e.to_string()))
}

/// The same report as a JSON value (what the board pages draw).
pub fn scenario_json(model: &Model, scenario: &Scenario) -> Result<Value> {
    serde_json::to_value(report(model, scenario)?).map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_text_as_lines_or_document() {
        let s = parse_board_text(
            "compromise vpn-gw\n- isolate: \"vpn-gw -> ad\"\n\nrestore: external\nisolate zone:dmz\n",
        )
        .unwrap();
        assert_eq!(s.steps.len(), 4);
        let d = parse_board_text("name: x\nsteps:\n  - isolate: external\n    because: seen\n")
            .unwrap();
        assert_eq!(d.name, "x");
        assert_eq!(d.steps[0].because.as_deref(), Some("seen"));
        let j = parse_board_text("{\"steps\": [{\"isolate\": \"external\"}]}").unwrap();
        assert_eq!(j.steps.len(), 1);
    }

    #[test]
    fn board_errors_point_at_the_typed_line() {
        let m = parse_board_text("compromise vpn-gw\nfrobnicate x\n")
            .unwrap_err()
            .to_string();
        assert!(m.contains("<steps>:2:"), "{m}");
        let s = parse_board_text("compromise vpn-gw\n- shutdown: ehr\n").unwrap();
        assert_eq!(s.steps[1].location.as_ref().unwrap().line, 2);
    }
}
