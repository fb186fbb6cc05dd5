//! Reader for the Open-PSA Model Exchange Format (MEF 2.0) as SCRAM 0.16
//! reads it, into [`FaultTree`]s the engine analyses.
//!
//! What is read (see `docs/continuity.md` for the table):
//!
//! - one or several files (`<opsa-mef>` roots), `xi:include`, any encoding
//!   the byte-order mark or the XML declaration names (UTF-16, ISO-8859-*…);
//! - fault trees and components with public/private roles, qualified names
//!   (`FT.TOP`), names trimmed of surrounding white space;
//! - gates: `and`, `or`, `atleast`, `not`, `xor`, `nand`, `nor`, nested
//!   freely; references `gate`, `basic-event`, `house-event`, `event`
//!   (with an optional `type`), `constant`;
//! - basic events with any numeric expression (parameters, arithmetic,
//!   exponential, GLM, Weibull, periodic-test, deviates at their mean),
//!   evaluated at the mission time; without one the model is qualitative;
//!   house events (false without `<constant>`);
//! - CCF groups (beta-factor, MGL, alpha-factor, phi-factor), expanded into
//!   independent events unless [`ReadOptions::ccf`] is off;
//! - event trees: initiating events, functional events, sequences, forks,
//!   branches, rules, `collect-formula`, `collect-expression`,
//!   `set-house-event`, `if`, `block`, links to other event trees;
//! - declarative substitutions (`define-substitution` without `<source>`:
//!   delete-terms, recovery rules, implications), applied to every target
//!   as SCRAM applies them (`top AND (NOT hypothesis OR target)`);
//!   non-declarative ones are refused, as SCRAM refuses them for exact
//!   analyses;
//! - alignments (`define-alignment`, `define-phase` with `time-fraction`
//!   and `set-house-event`): every target is analysed in every phase.
//!
//! Every error carries file, line, column and the offending name; an
//! undefined name gets a did-you-mean suggestion.

mod build;
mod expr;
mod model;
mod substitute;
mod uncertainty;
mod xml;

use std::path::Path;

pub use build::{Target, TargetKind, TargetTree};
pub use substitute::{CutSetRewrite, CutSetSubstitutions, Hypothesis, MAX_REWRITTEN};
pub use uncertainty::Uncertainty;

use crate::error::Error;
use crate::tree::FaultTree;

/// Where something is: index of the source file and byte offset in its
/// decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Loc {
    pub file: u32,
    pub pos: u32,
}

/// The decoded text of every file read, for locating errors.
#[derive(Default)]
pub(crate) struct Sources {
    files: Vec<(String, String)>,
}

impl Sources {
    fn add(&mut self, name: String, text: String) -> u32 {
        self.files.push((name, text));
        self.files.len() as u32 - 1
    }

    fn text(&self, id: u32) -> &str {
        &self.files[id as usize].1
    }

    fn len(&self) -> usize {
        self.files.len()
    }

    /// A located [`Error::Mef`].
    pub(crate) fn error(&self, loc: Loc, name: Option<&str>, message: String) -> Error {
        let (file, text) = self
            .files
            .get(loc.file as usize)
            .map_or(("", ""), |(f, t)| (f.as_str(), t.as_str()));
        let mut pos = (loc.pos as usize).min(text.len());
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        let before = &text[..pos];
        let line = before.matches('\n').count() + 1;
        let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
        Error::Mef {
            file: file.to_string(),
            line,
            column,
            name: name.map(str::to_string),
            message,
        }
    }
}

/// How to read and quantify a model.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOptions {
    /// The mission time in hours, the value of `<system-mission-time/>`
    /// (SCRAM's default: 8760 h, one year).
    pub mission_time: f64,
    /// Expand CCF groups into independent and common-cause events (the
    /// MEF's definition, `scram --ccf`). Off: every member keeps the group's
    /// distribution and the factors are ignored (SCRAM's default).
    pub ccf: bool,
    /// Accept what SCRAM's validator refuses but has one clear reading
    /// (`cordon fta --lenient`): a connective with one argument (that
    /// argument), a repeated argument (a multiset: `atleast` counts it
    /// twice, `xor(A, A)` is false), a dot in a defined name (models
    /// flattened from qualified names), attributes of another XML
    /// namespace, blank `<label>`s, empty or repeated `<attribute>`s,
    /// gates, events and parameters directly under `<opsa-mef>`.
    /// Off (the default): refused with a located message, as SCRAM.
    pub lenient: bool,
    /// The analysis will be approximate, on cut sets (`cordon fta --zbdd`:
    /// rare event, MCUB), where SCRAM applies substitutions to the cut sets:
    /// non-declarative substitutions are then accepted, and every
    /// substitution is given to the caller as a rewrite of the cut sets
    /// ([`TargetTree::substitutions`]) instead of being added to the
    /// formula. Off (exact analysis): declarative substitutions are added to
    /// the formula, non-declarative ones refused, as SCRAM.
    pub approximate: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            mission_time: 8760.0,
            ccf: true,
            lenient: false,
            approximate: false,
        }
    }
}

/// A whole MEF model, read from one or more files: its fault trees, event
/// trees and parameters, ready to turn any top gate or sequence into a
/// [`FaultTree`].
pub struct MefModel {
    sources: Sources,
    model: model::Model,
    options: ReadOptions,
}

impl MefModel {
    /// Reads and checks the model made of `paths` (one model, as
    /// `scram A.xml B.xml` reads them). Errors are located.
    pub fn load<P: AsRef<Path>>(paths: &[P], options: &ReadOptions) -> Result<MefModel, Error> {
        if !(options.mission_time.is_finite() && options.mission_time >= 0.0) {
            return Err(Error::Unsupported(format!(
                "mission time {} is not a non-negative number of hours",
                options.mission_time
            )));
        }
        let mut sources = Sources::default();
        let mut roots = Vec::new();
        for p in paths {
            roots.push(xml::load(p.as_ref(), &mut sources)?);
        }
        Self::from_roots(sources, roots, options)
    }

    /// Reads a model from text; `file` names it in error messages.
    pub fn parse(text: &str, file: &str, options: &ReadOptions) -> Result<MefModel, Error> {
        let mut sources = Sources::default();
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let id = sources.add(file.to_string(), text.to_string());
        let root = xml::parse(&sources, id)?;
        Self::from_roots(sources, vec![root], options)
    }

    fn from_roots(
        sources: Sources,
        roots: Vec<xml::Element>,
        options: &ReadOptions,
    ) -> Result<MefModel, Error> {
        let mut model = model::Model::default();
        {
            let mut reader =
                model::Reader::new(&sources, &mut model, options.lenient, options.approximate);
            for root in &roots {
                if !options.lenient {
                    reader.check_strict(root)?;
                }
            }
            for root in &roots {
                reader.read_root(root)?;
            }
            reader.finish()?;
        }
        drop(roots);
        let m = MefModel {
            sources,
            model,
            options: options.clone(),
        };
        build::check(&m)?;
        Ok(m)
    }

    /// What `cordon fta` analyses without `--top`: every fault tree's top
    /// gates (gates no other gate of the same fault tree references) and
    /// every sequence the initiating events' event trees reach. With
    /// alignments, each of them once per phase, named
    /// `ALIGNMENT/PHASE/NAME`: the phase's `set-house-event` instructions
    /// applied and the mission time multiplied by its time fraction (SCRAM
    /// analyses such a model phase by phase only).
    pub fn targets(&self) -> Result<Vec<Target>, Error> {
        build::targets(self)
    }

    /// The target named `name`: a gate (public name or qualified path such
    /// as `FT.TOP`; a private gate's bare name when only one has it) or a
    /// sequence; in a model with alignments, prefixed by `ALIGNMENT/PHASE/`
    /// (a bare name is then an [`Error::Top`] listing the phases).
    pub fn target(&self, name: &str) -> Result<Target, Error> {
        build::find_target(self, name)
    }

    /// Every target `name` names: the one [`MefModel::target`] finds, or,
    /// in a model with alignments and a name without `ALIGNMENT/PHASE/`,
    /// that gate or sequence in every phase (what `cordon fta --top` runs).
    pub fn targets_named(&self, name: &str) -> Result<Vec<Target>, Error> {
        build::find_targets(self, name)
    }

    /// The alignment, phase and time fraction a target is analysed in
    /// (`None` in a model without alignments).
    pub fn phase_of(&self, target: &Target) -> Option<(&str, &str, f64)> {
        build::phase_of(self, target)
    }

    /// The fault tree of one target (only the part it depends on).
    pub fn fault_tree(&self, target: &Target) -> Result<TargetTree, Error> {
        build::fault_tree(self, target)
    }

    /// The fault trees of several targets, in order; the event trees are
    /// walked once for all the sequences among them.
    pub fn fault_trees(&self, targets: &[Target]) -> Result<Vec<TargetTree>, Error> {
        build::fault_trees(self, targets)
    }
}

/// Reads an MEF file. `top` names the top gate; without it the top is the
/// only top gate or sequence of the model (several: an error listing them).
pub fn read_mef(path: impl AsRef<Path>, top: Option<&str>) -> Result<FaultTree, Error> {
    let model = MefModel::load(&[path.as_ref()], &ReadOptions::default())?;
    single(&model, top, &path.as_ref().display().to_string())
}

/// Parses MEF `text`; `file` is only used in error messages.
pub fn parse_mef(text: &str, file: &str, top: Option<&str>) -> Result<FaultTree, Error> {
    let model = MefModel::parse(text, file, &ReadOptions::default())?;
    single(&model, top, file)
}

fn single(model: &MefModel, top: Option<&str>, file: &str) -> Result<FaultTree, Error> {
    let target = match top {
        Some(name) => model.target(name)?,
        None => {
            let mut all = model.targets()?;
            match all.len() {
                1 => all.remove(0),
                0 => return Err(Error::Top(format!("{file}: no gate defined"))),
                n => {
                    let names: Vec<&str> = all.iter().take(10).map(|t| t.name.as_str()).collect();
                    return Err(Error::Top(format!(
                        "{file}: {n} gates are referenced by no other gate ({}{}); choose the top event with --top NAME",
                        names.join(", "),
                        if n > 10 { ", …" } else { "" }
                    )));
                }
            }
        }
    };
    Ok(model.fault_tree(&target)?.tree)
}
