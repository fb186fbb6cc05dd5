//! The model as read: definitions with their locations, names resolved by
//! the MEF's scoping rules, before any fault tree is built.

use std::collections::HashMap;

use super::expr::{self, NumExpr};
use super::xml::Element;
use super::{Loc, Sources};
use crate::error::Error;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RefKind {
    Gate,
    BasicEvent,
    HouseEvent,
    Event,
}

impl RefKind {
    fn what(self) -> &'static str {
        match self {
            RefKind::Gate => "gate",
            RefKind::BasicEvent => "basic event",
            RefKind::HouseEvent => "house event",
            RefKind::Event => "event",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Op {
    And,
    Or,
    AtLeast(usize),
    Not,
    Xor,
    Nand,
    Nor,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub(crate) enum Node {
    Gate(usize),
    Basic(usize),
    House(usize),
}

/// A Boolean formula; references are resolved by [`Reader::finish`].
#[derive(Debug)]
#[allow(dead_code)] // the operator's location is kept for messages
pub(crate) enum Formula {
    Op(Op, Vec<Formula>, Loc),
    Ref {
        kind: RefKind,
        name: String,
        scope: String,
        loc: Loc,
        to: Option<Node>,
    },
    Constant(bool),
}

#[derive(Debug)]
pub(crate) struct GateDef {
    pub id: String,
    pub loc: Loc,
    /// The fault tree (index in `Model::fault_trees`); `usize::MAX` for
    /// gates defined outside any fault tree.
    pub tree: usize,
    pub formula: Formula,
}

#[derive(Debug)]
pub(crate) struct EventDef {
    pub id: String,
    pub loc: Loc,
    pub expr: Option<NumExpr>,
    /// The CCF group this event is a member of.
    pub ccf: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct HouseDef {
    #[allow(dead_code)] // kept for messages and debugging
    pub id: String,
    pub loc: Loc,
    pub value: bool,
}

#[derive(Debug)]
pub(crate) struct ParamDef {
    pub id: String,
    pub loc: Loc,
    pub expr: NumExpr,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CcfModel {
    BetaFactor,
    Mgl,
    AlphaFactor,
    PhiFactor,
}

#[derive(Debug)]
pub(crate) struct CcfGroup {
    pub id: String,
    pub loc: Loc,
    pub model: CcfModel,
    /// Member basic events, in declaration order.
    pub members: Vec<usize>,
    pub distribution: NumExpr,
    /// (level, factor, where), sorted by level.
    pub factors: Vec<(usize, NumExpr, Loc)>,
}

/// Name tables of one namespace: public names, and every element by its
/// full path (`FT.component.name`).
#[derive(Default, Debug)]
pub(crate) struct Table {
    pub public: HashMap<String, usize>,
    pub path: HashMap<String, usize>,
}

impl Table {
    /// The MEF lookup: the reference's own scope first, then a public name,
    /// or a qualified path when the reference has a dot.
    pub fn lookup(&self, name: &str, scope: &str) -> Option<usize> {
        if !scope.is_empty()
            && let Some(&i) = self.path.get(&format!("{scope}.{name}"))
        {
            return Some(i);
        }
        if name.contains('.') {
            self.path
                .get(name)
                .or_else(|| self.public.get(name))
                .copied()
        } else {
            self.public.get(name).copied()
        }
    }
}

/// Event-tree instructions.
#[derive(Debug)]
pub(crate) enum Instr {
    CollectFormula(Formula),
    CollectExpression(NumExpr, Loc),
    SetHouse(String, bool, Loc, Option<usize>),
    If(NumExpr, Box<Instr>, Option<Box<Instr>>),
    Block(Vec<Instr>),
    Rule(String, Loc),
    Link(String, Loc),
}

#[derive(Debug)]
pub(crate) enum BranchTarget {
    Fork {
        functional_event: String,
        paths: Vec<(String, Branch, Loc)>,
        loc: Loc,
    },
    Sequence(String, Loc),
    Branch(String, Loc),
}

#[derive(Debug)]
pub(crate) struct Branch {
    pub instructions: Vec<Instr>,
    pub target: BranchTarget,
}

#[derive(Debug)]
pub(crate) struct EventTree {
    pub name: String,
    pub loc: Loc,
    /// Functional events in declaration order (forks must follow it).
    pub functional_events: Vec<String>,
    pub branches: HashMap<String, (Branch, Loc)>,
    pub initial: Branch,
}

#[derive(Debug)]
pub(crate) struct SequenceDef {
    pub name: String,
    pub loc: Loc,
    pub instructions: Vec<Instr>,
}

#[derive(Debug)]
pub(crate) struct InitiatingEvent {
    pub name: String,
    pub loc: Loc,
    pub event_tree: Option<(String, Loc)>,
}

/// One phase of an alignment: its share of the mission time and the house
/// events it sets (`set-house-event`, the only instruction SCRAM applies in
/// a phase).
#[derive(Debug)]
pub(crate) struct Phase {
    pub name: String,
    #[allow(dead_code)] // kept for messages
    pub loc: Loc,
    /// Fraction of the mission time, in (0, 1].
    pub fraction: f64,
    /// (house event name, value, where, resolved index).
    pub houses: Vec<(String, bool, Loc, Option<usize>)>,
}

/// `define-alignment`: phases whose time fractions sum to 1.
#[derive(Debug)]
pub(crate) struct Alignment {
    pub name: String,
    pub loc: Loc,
    pub phases: Vec<Phase>,
}

/// The MEF's traditional substitution types (`type=` of
/// `define-substitution`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SubstitutionType {
    DeleteTerms,
    RecoveryRule,
    ExchangeEvent,
}

impl SubstitutionType {
    pub fn as_str(self) -> &'static str {
        match self {
            SubstitutionType::DeleteTerms => "delete-terms",
            SubstitutionType::RecoveryRule => "recovery-rule",
            SubstitutionType::ExchangeEvent => "exchange-event",
        }
    }
}

/// SCRAM's check of a substitution's declared `type=` against the type its
/// shape gives (`deduced`); `shapes` says which shape gives which type. The
/// message of a mismatch, without the substitution's name.
fn type_matches_shape(
    declared: Option<SubstitutionType>,
    deduced: Option<SubstitutionType>,
    shapes: &str,
) -> Result<(), String> {
    match declared {
        Some(d) if Some(d) != deduced => Err(format!(
            "type=\"{}\" does not match its shape, which is {} ({shapes}); fix or drop type=",
            d.as_str(),
            deduced.map_or("no traditional type".to_string(), |t| format!(
                "a {}",
                t.as_str()
            ))
        )),
        _ => Ok(()),
    }
}

/// `define-substitution`: hypothesis ⇒ target (declarative, no source), or
/// a rewrite of cut sets (non-declarative, with a source).
#[derive(Debug)]
pub(crate) struct Substitution {
    pub name: String,
    pub loc: Loc,
    pub declared: Option<SubstitutionType>,
    /// A basic-event reference, or one connective over basic-event
    /// references.
    pub hypothesis: Formula,
    /// Basic-event references (empty: declarative).
    pub source: Vec<Formula>,
    /// A basic-event reference or a constant.
    pub target: Formula,
}

#[derive(Default, Debug)]
pub(crate) struct Model {
    pub gates: Vec<GateDef>,
    pub events: Vec<EventDef>,
    pub houses: Vec<HouseDef>,
    pub params: Vec<ParamDef>,
    pub gate_t: Table,
    pub event_t: Table,
    pub house_t: Table,
    pub param_t: Table,
    /// Fault-tree names, in order.
    pub fault_trees: Vec<(String, Loc)>,
    pub ccf: Vec<CcfGroup>,
    pub event_trees: Vec<EventTree>,
    pub sequences: Vec<SequenceDef>,
    pub initiating: Vec<InitiatingEvent>,
    pub rules: Vec<(String, Vec<Instr>, Loc)>,
    pub alignments: Vec<Alignment>,
    pub substitutions: Vec<Substitution>,
    containers: HashMap<String, Loc>,
    ccf_names: HashMap<String, Loc>,
}

impl Model {
    /// The parameter a reference `name` (written in container `base`) names,
    /// or the expression error an evaluation reports for it.
    pub fn parameter(&self, name: &str, base: &str, loc: Loc) -> Result<usize, expr::ExprError> {
        self.param_t
            .lookup(name, base)
            .ok_or_else(|| (loc, format!("undefined parameter `{name}`")))
    }

    pub fn event_tree(&self, name: &str) -> Option<usize> {
        self.event_trees.iter().position(|t| t.name == name)
    }
    pub fn sequence(&self, name: &str) -> Option<usize> {
        self.sequences.iter().position(|s| s.name == name)
    }
    pub fn rule(&self, name: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.0 == name)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Public,
    Private,
}

/// Reads root elements into a [`Model`].
pub(crate) struct Reader<'a> {
    src: &'a Sources,
    m: &'a mut Model,
    /// [`super::ReadOptions::lenient`].
    lenient: bool,
    /// [`super::ReadOptions::approximate`].
    approximate: bool,
}

const UNITS: &[&str] = &[
    "unitless", "bool", "int", "float", "hours", "hours-1", "years", "years-1", "fit", "demands",
];

impl<'a> Reader<'a> {
    pub fn new(src: &'a Sources, m: &'a mut Model, lenient: bool, approximate: bool) -> Self {
        Reader {
            src,
            m,
            lenient,
            approximate,
        }
    }

    /// What SCRAM's schema refuses in any element (checked unless
    /// lenient): attributes of another XML namespace, blank `<label>`s,
    /// `<attribute>`s with an empty value or a name repeated in one
    /// `<attributes>`.
    pub fn check_strict(&self, root: &Element) -> Result<(), Error> {
        const HINT: &str = "or read the model with --lenient, which ignores it";
        let mut todo = vec![root];
        while let Some(el) = todo.pop() {
            for (k, _) in &el.attrs {
                if let Some((prefix, _)) = k.split_once(':')
                    && !matches!(prefix, "xmlns" | "xml")
                {
                    return Err(self.err(el.loc, None, format!(
                        "attribute `{k}` of <{}> belongs to another XML namespace and is not part of the MEF (SCRAM's schema refuses it); remove it, {HINT}",
                        el.name
                    )));
                }
            }
            match el.name.as_str() {
                "label" if !el.text => {
                    return Err(self.err(el.loc, None, format!("blank <label>: a label holds text (SCRAM's schema refuses an empty one); remove it, {HINT}")));
                }
                "attributes" => {
                    let mut seen: Vec<&str> = Vec::new();
                    for a in &el.children {
                        let name = a.attr("name").unwrap_or("");
                        if a.attr("value").is_none_or(str::is_empty) {
                            return Err(self.err(a.loc, Some(name), format!("<attribute name=\"{name}\"> has an empty value (SCRAM's schema refuses it); give it a value or remove it, {HINT}")));
                        }
                        if seen.contains(&name) {
                            return Err(self.err(a.loc, Some(name), format!("<attribute name=\"{name}\"> appears twice in one <attributes>; keep one, {HINT}")));
                        }
                        seen.push(name);
                    }
                }
                _ => {}
            }
            todo.extend(el.children.iter());
        }
        Ok(())
    }

    fn err(&self, loc: Loc, name: Option<&str>, message: String) -> Error {
        self.src.error(loc, name, message)
    }

    fn xerr(&self, (loc, message): (Loc, String)) -> Error {
        self.src.error(loc, None, message)
    }

    fn name_attr<'e>(&self, el: &'e Element) -> Result<&'e str, Error> {
        let name = el.attr("name").filter(|n| !n.is_empty()).ok_or_else(|| {
            self.err(
                el.loc,
                None,
                format!("<{}> needs a name attribute", el.name),
            )
        })?;
        Ok(name)
    }

    /// A defined element's own name. SCRAM refuses a dot in it (dots
    /// separate qualified names), and so does cordon unless lenient; then a
    /// dotted public name only matches a reference spelled the same (models
    /// flattened from qualified names, such as the PWR cone in
    /// shared/cases, use that).
    fn def_name<'e>(&self, el: &'e Element) -> Result<&'e str, Error> {
        let name = self.name_attr(el)?;
        if !self.lenient && name.contains('.') {
            return Err(self.err(el.loc, Some(name), format!(
                "`{name}`: a defined name cannot contain `.` (dots separate qualified names such as FT.GATE; SCRAM refuses it); rename it, or read the model with --lenient to accept it (then only a reference spelled the same matches)"
            )));
        }
        Ok(name)
    }

    fn role(&self, el: &Element, inherited: Role) -> Result<Role, Error> {
        match el.attr("role") {
            None => Ok(inherited),
            Some("public") => Ok(Role::Public),
            Some("private") => Ok(Role::Private),
            Some(other) => Err(self.err(
                el.loc,
                None,
                format!("role=\"{other}\": expected \"public\" or \"private\""),
            )),
        }
    }

    pub fn read_root(&mut self, root: &Element) -> Result<(), Error> {
        if root.name != "opsa-mef" && root.name != "open-psa" {
            return Err(self.err(
                root.loc,
                None,
                format!("root element is <{}>, expected <opsa-mef>", root.name),
            ));
        }
        for el in &root.children {
            match el.name.as_str() {
                "label" | "attributes" => {}
                "opsa-mef" => self.read_root(el)?,
                "define-fault-tree" => {
                    let name = self.def_name(el)?;
                    if let Some(first) = self.m.fault_trees.iter().find(|(n, _)| n == name).map(|f| f.1) {
                        return Err(self.redefined(el.loc, "fault tree", name, first));
                    }
                    self.m.containers.insert(name.to_string(), el.loc);
                    self.m.fault_trees.push((name.to_string(), el.loc));
                    let tree = self.m.fault_trees.len() - 1;
                    self.read_container(el, name, Role::Public, tree)?;
                }
                "model-data" => {
                    for c in &el.children {
                        match c.name.as_str() {
                            "label" | "attributes" => {}
                            "define-basic-event" | "define-house-event" | "define-parameter" => {
                                self.read_definition(c, "", Role::Public, usize::MAX)?
                            }
                            other => return Err(self.unsupported(c.loc, other, "model-data holds define-basic-event, define-house-event and define-parameter")),
                        }
                    }
                }
                "define-CCF-group" => self.read_definition(el, "", Role::Public, usize::MAX)?,
                // Lenient only (SCRAM's schema refuses them): definitions
                // directly under the root, as in a fault tree without name.
                "define-gate" | "define-basic-event" | "define-house-event" | "define-parameter" => {
                    if !self.lenient {
                        return Err(self.err(el.loc, el.attr("name"), format!(
                            "<{}> directly under <opsa-mef>: the MEF puts gates in a <define-fault-tree>, events and parameters in one or in <model-data> (SCRAM refuses it); wrap it, or read the model with --lenient",
                            el.name
                        )));
                    }
                    self.read_definition(el, "", Role::Public, usize::MAX)?
                }
                "define-initiating-event" => self.read_initiating(el)?,
                "define-event-tree" => self.read_event_tree(el)?,
                "define-rule" => {
                    let name = self.def_name(el)?;
                    if let Some(i) = self.m.rule(name) {
                        let first = self.m.rules[i].2;
                        return Err(self.redefined(el.loc, "rule", name, first));
                    }
                    let instrs = el.content().map(|c| self.read_instruction(c, true)).collect::<Result<Vec<_>, _>>()?;
                    self.m.rules.push((name.to_string(), instrs, el.loc));
                }
                "define-substitution" => self.read_substitution(el, "")?,
                "define-alignment" => self.read_alignment(el)?,
                "define-extern-library" | "define-extern-function" => return Err(self.unsupported(el.loc, &el.name, "cordon does not load external libraries")),
                "define-consequence" | "define-consequence-group" => return Err(self.unsupported(el.loc, &el.name, "consequences are not read")),
                other => return Err(self.unsupported(el.loc, other, "expected define-fault-tree, model-data, define-event-tree, define-initiating-event, define-rule, define-CCF-group, define-substitution or define-alignment")),
            }
        }
        Ok(())
    }

    fn unsupported(&self, loc: Loc, what: &str, why: &str) -> Error {
        self.err(
            loc,
            None,
            format!("unsupported MEF element <{what}>: {why}"),
        )
    }

    fn redefined(&self, loc: Loc, what: &str, name: &str, first: Loc) -> Error {
        let f = self.src.error(first, None, String::new());
        let at = match f {
            Error::Mef {
                file, line, column, ..
            } => format!("{file}:{line}:{column}"),
            _ => String::new(),
        };
        self.err(
            loc,
            Some(name),
            format!("{what} `{name}` is defined twice (first at {at})"),
        )
    }

    fn read_container(
        &mut self,
        el: &Element,
        base: &str,
        role: Role,
        tree: usize,
    ) -> Result<(), Error> {
        for c in &el.children {
            match c.name.as_str() {
                "label" | "attributes" => {}
                "define-component" => {
                    let name = self.def_name(c)?;
                    let path = format!("{base}.{name}");
                    if let Some(&first) = self.m.containers.get(&path) {
                        return Err(self.redefined(c.loc, "component", &path, first));
                    }
                    self.m.containers.insert(path.clone(), c.loc);
                    let role = self.role(c, role)?;
                    self.read_container(c, &path, role, tree)?;
                }
                "define-gate" | "define-basic-event" | "define-house-event" | "define-parameter" | "define-CCF-group" => {
                    self.read_definition(c, base, role, tree)?
                }
                "define-substitution" => self.read_substitution(c, base)?,
                other => return Err(self.unsupported(c.loc, other, "a fault tree holds define-gate, define-basic-event, define-house-event, define-parameter, define-CCF-group and define-component")),
            }
        }
        Ok(())
    }

    /// Registers a name in the event namespace (gates, basic and house
    /// events share it) or the parameter namespace; returns its id.
    fn register(
        &mut self,
        el: &Element,
        name: &str,
        base: &str,
        role: Role,
        param: bool,
    ) -> Result<String, Error> {
        if role == Role::Private && name.contains('.') {
            return Err(self.err(el.loc, Some(name), format!("private `{name}`: a private name cannot contain `.` (dots separate qualified names)")));
        }
        if role == Role::Private && base.is_empty() {
            return Err(self.err(el.loc, Some(name), format!("`{name}` is private outside any fault tree or component: a private element needs a container")));
        }
        let path = if base.is_empty() {
            name.to_string()
        } else {
            format!("{base}.{name}")
        };
        let id = if role == Role::Public {
            name.to_string()
        } else {
            path.clone()
        };
        let tables: Vec<(&Table, &str)> = if param {
            vec![(&self.m.param_t, "parameter")]
        } else {
            vec![
                (&self.m.gate_t, "gate"),
                (&self.m.event_t, "basic event"),
                (&self.m.house_t, "house event"),
            ]
        };
        for (t, what) in tables {
            let clash = t.path.get(&path).or(if role == Role::Public {
                t.public.get(name)
            } else {
                None
            });
            if let Some(&i) = clash {
                let first = if param {
                    self.m.params[i].loc
                } else {
                    match what {
                        "gate" => self.m.gates[i].loc,
                        "basic event" => self.m.events[i].loc,
                        _ => self.m.houses[i].loc,
                    }
                };
                let kind = if param { "parameter" } else { "event" };
                let _ = what;
                return Err(self.redefined(el.loc, kind, &id, first));
            }
        }
        Ok(id)
    }

    fn insert(table: &mut Table, id: &str, name: &str, base: &str, role: Role, index: usize) {
        let path = if base.is_empty() {
            name.to_string()
        } else {
            format!("{base}.{name}")
        };
        table.path.insert(path, index);
        if role == Role::Public {
            table.public.insert(id.to_string(), index);
        }
    }

    fn read_definition(
        &mut self,
        el: &Element,
        base: &str,
        inherited: Role,
        tree: usize,
    ) -> Result<(), Error> {
        let name = self.def_name(el)?;
        let role = self.role(el, inherited)?;
        let content: Vec<&Element> = el.content().collect();
        match el.name.as_str() {
            "define-gate" => {
                let [formula] = content[..] else {
                    return Err(self.err(
                        el.loc,
                        Some(name),
                        format!(
                            "gate `{name}` must contain exactly one formula, found {}",
                            content.len()
                        ),
                    ));
                };
                let formula = self.read_formula(formula, base)?;
                let id = self.register(el, name, base, role, false)?;
                Self::insert(
                    &mut self.m.gate_t,
                    &id,
                    name,
                    base,
                    role,
                    self.m.gates.len(),
                );
                self.m.gates.push(GateDef {
                    id,
                    loc: el.loc,
                    tree,
                    formula,
                });
            }
            "define-basic-event" => {
                let expr = match content[..] {
                    [] => None,
                    [e] => Some(expr::parse(e, base).map_err(|e| self.xerr(e))?),
                    _ => {
                        return Err(self.err(
                            el.loc,
                            Some(name),
                            format!(
                                "basic event `{name}` holds {} expressions; it takes one",
                                content.len()
                            ),
                        ));
                    }
                };
                let id = self.register(el, name, base, role, false)?;
                Self::insert(
                    &mut self.m.event_t,
                    &id,
                    name,
                    base,
                    role,
                    self.m.events.len(),
                );
                self.m.events.push(EventDef {
                    id,
                    loc: el.loc,
                    expr,
                    ccf: None,
                });
            }
            "define-house-event" => {
                let value = match content[..] {
                    [] => false,
                    [c] if c.name == "constant" => match c.attr("value") {
                        Some("true") => true,
                        Some("false") => false,
                        other => return Err(self.err(c.loc, Some(name), format!("<constant> needs value=\"true\" or \"false\", found `{}`", other.unwrap_or("")))),
                    },
                    _ => return Err(self.err(el.loc, Some(name), format!("house event `{name}` takes at most one <constant value=\"true|false\"/>"))),
                };
                let id = self.register(el, name, base, role, false)?;
                Self::insert(
                    &mut self.m.house_t,
                    &id,
                    name,
                    base,
                    role,
                    self.m.houses.len(),
                );
                self.m.houses.push(HouseDef {
                    id,
                    loc: el.loc,
                    value,
                });
            }
            "define-parameter" => {
                if let Some(unit) = el.attr("unit")
                    && !UNITS.contains(&unit)
                {
                    return Err(self.err(
                        el.loc,
                        Some(name),
                        format!(
                            "parameter `{name}`: unknown unit `{unit}` (MEF units: {})",
                            UNITS.join(", ")
                        ),
                    ));
                }
                let [e] = content[..] else {
                    return Err(self.err(
                        el.loc,
                        Some(name),
                        format!(
                            "parameter `{name}` needs exactly one expression, found {}",
                            content.len()
                        ),
                    ));
                };
                let e = expr::parse(e, base).map_err(|e| self.xerr(e))?;
                let id = self.register(el, name, base, role, true)?;
                Self::insert(
                    &mut self.m.param_t,
                    &id,
                    name,
                    base,
                    role,
                    self.m.params.len(),
                );
                self.m.params.push(ParamDef {
                    id,
                    loc: el.loc,
                    expr: e,
                });
            }
            "define-CCF-group" => self.read_ccf(el, name, base, role)?,
            _ => unreachable!("callers pass definitions only"),
        }
        Ok(())
    }

    fn read_ccf(&mut self, el: &Element, name: &str, base: &str, role: Role) -> Result<(), Error> {
        let id = if role == Role::Public || base.is_empty() {
            name.to_string()
        } else {
            format!("{base}.{name}")
        };
        if let Some(&first) = self.m.ccf_names.get(&id) {
            return Err(self.redefined(el.loc, "CCF group", &id, first));
        }
        self.m.ccf_names.insert(id.clone(), el.loc);
        let model = match el.attr("model") {
            Some("beta-factor") => CcfModel::BetaFactor,
            Some("MGL") => CcfModel::Mgl,
            Some("alpha-factor") => CcfModel::AlphaFactor,
            Some("phi-factor") => CcfModel::PhiFactor,
            other => return Err(self.err(el.loc, Some(name), format!("CCF group `{name}`: model=\"{}\" is not one of beta-factor, MGL, alpha-factor, phi-factor", other.unwrap_or("")))),
        };
        let mut members_el = None;
        let mut distribution = None;
        let mut factors: Vec<(Option<usize>, NumExpr, Loc)> = Vec::new();
        let read_factor = |this: &Self,
                           f: &Element,
                           factors: &mut Vec<(Option<usize>, NumExpr, Loc)>|
         -> Result<(), Error> {
            if f.name != "factor" {
                return Err(this.err(
                    f.loc,
                    Some(name),
                    format!("CCF group `{name}`: expected <factor>, found <{}>", f.name),
                ));
            }
            let level = match f.attr("level") {
                None => None,
                Some(raw) => Some(raw.parse::<usize>().ok().filter(|&l| l >= 1).ok_or_else(
                    || {
                        this.err(
                            f.loc,
                            Some(name),
                            format!("CCF factor level `{raw}` is not a positive integer"),
                        )
                    },
                )?),
            };
            let content: Vec<&Element> = f.content().collect();
            let [e] = content[..] else {
                return Err(this.err(
                    f.loc,
                    Some(name),
                    "a CCF <factor> holds exactly one expression".into(),
                ));
            };
            factors.push((
                level,
                expr::parse(e, base).map_err(|e| this.xerr(e))?,
                f.loc,
            ));
            Ok(())
        };
        for c in el.content() {
            match c.name.as_str() {
                "members" => members_el = Some(c),
                "distribution" => {
                    let content: Vec<&Element> = c.content().collect();
                    let [e] = content[..] else {
                        return Err(self.err(c.loc, Some(name), "<distribution> holds exactly one expression".into()));
                    };
                    distribution = Some(expr::parse(e, base).map_err(|e| self.xerr(e))?);
                }
                "factor" => read_factor(self, c, &mut factors)?,
                "factors" => {
                    for f in c.content() {
                        read_factor(self, f, &mut factors)?;
                    }
                }
                other => return Err(self.err(c.loc, Some(name), format!("CCF group `{name}`: unexpected <{other}> (members, distribution, factor, factors)"))),
            }
        }
        let members_el = members_el.ok_or_else(|| {
            self.err(
                el.loc,
                Some(name),
                format!("CCF group `{name}` has no <members>"),
            )
        })?;
        let distribution = distribution.ok_or_else(|| {
            self.err(
                el.loc,
                Some(name),
                format!("CCF group `{name}` has no <distribution>"),
            )
        })?;
        let group = self.m.ccf.len();
        let mut members = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for b in members_el.content() {
            if b.name != "basic-event" {
                return Err(self.err(
                    b.loc,
                    Some(name),
                    format!("CCF members are <basic-event name>, found <{}>", b.name),
                ));
            }
            let m = self.def_name(b)?;
            if seen.contains(&m) {
                return Err(self.err(
                    b.loc,
                    Some(m),
                    format!("`{m}` is listed twice among the members of CCF group `{name}`"),
                ));
            }
            seen.push(m);
            let mid = self.register(b, m, base, role, false)?;
            Self::insert(
                &mut self.m.event_t,
                &mid,
                m,
                base,
                role,
                self.m.events.len(),
            );
            members.push(self.m.events.len());
            self.m.events.push(EventDef {
                id: mid,
                loc: b.loc,
                expr: None,
                ccf: Some(group),
            });
        }
        let n = members.len();
        if n < 2 {
            return Err(self.err(
                members_el.loc,
                Some(name),
                format!("CCF group `{name}` needs at least 2 members, found {n}"),
            ));
        }
        if factors.is_empty() {
            return Err(self.err(
                el.loc,
                Some(name),
                format!("CCF group `{name}` has no factor"),
            ));
        }
        // Levels: given, or in sequence from the model's first level.
        let first = match model {
            CcfModel::BetaFactor => n,
            CcfModel::Mgl => 2,
            _ => 1,
        };
        let mut leveled: Vec<(usize, NumExpr, Loc)> = Vec::new();
        for (i, (level, e, loc)) in factors.into_iter().enumerate() {
            leveled.push((level.unwrap_or(first + i), e, loc));
        }
        leveled.sort_by_key(|f| f.0);
        if model == CcfModel::BetaFactor && (leveled.len() != 1 || leveled[0].0 != n) {
            return Err(self.err(leveled.last().map_or(el.loc, |f| f.2), Some(name), format!(
                "beta-factor CCF group `{name}` takes exactly one factor, at level {n} (its number of members)"
            )));
        }
        for (i, (level, _, loc)) in leveled.iter().enumerate() {
            if *level != first + i {
                return Err(self.err(*loc, Some(name), format!(
                    "CCF group `{name}`: factor levels must run {first}, {}, … without gaps or repeats; found level {level} where {} was expected",
                    first + 1,
                    first + i
                )));
            }
            if *level > n {
                return Err(self.err(
                    *loc,
                    Some(name),
                    format!("CCF group `{name}`: factor level {level} exceeds its {n} members"),
                ));
            }
        }
        self.m.ccf.push(CcfGroup {
            id,
            loc: el.loc,
            model,
            members,
            distribution,
            factors: leveled,
        });
        Ok(())
    }

    fn read_formula(&self, el: &Element, scope: &str) -> Result<Formula, Error> {
        let op = match el.name.as_str() {
            "and" => Op::And,
            "or" => Op::Or,
            "not" => Op::Not,
            "xor" => Op::Xor,
            "nand" => Op::Nand,
            "nor" => Op::Nor,
            "atleast" => {
                let raw = el.attr("min").unwrap_or("");
                let k: usize = raw.parse().map_err(|_| {
                    self.err(
                        el.loc,
                        None,
                        format!(
                            "<atleast> needs min=\"k\", a whole number of arguments, found `{raw}`"
                        ),
                    )
                })?;
                Op::AtLeast(k)
            }
            "gate" | "basic-event" | "house-event" | "event" => {
                let mut kind = match el.name.as_str() {
                    "gate" => RefKind::Gate,
                    "basic-event" => RefKind::BasicEvent,
                    "house-event" => RefKind::HouseEvent,
                    _ => RefKind::Event,
                };
                if kind == RefKind::Event {
                    kind = match el.attr("type") {
                        None => RefKind::Event,
                        Some("gate") => RefKind::Gate,
                        Some("basic-event") => RefKind::BasicEvent,
                        Some("house-event") => RefKind::HouseEvent,
                        Some(other) => return Err(self.err(el.loc, None, format!("<event type=\"{other}\">: type is one of gate, basic-event, house-event"))),
                    };
                }
                return Ok(Formula::Ref {
                    kind,
                    name: self.name_attr(el)?.to_string(),
                    scope: scope.to_string(),
                    loc: el.loc,
                    to: None,
                });
            }
            "constant" => {
                return match el.attr("value") {
                    Some("true") => Ok(Formula::Constant(true)),
                    Some("false") => Ok(Formula::Constant(false)),
                    _ => Err(self.err(
                        el.loc,
                        None,
                        "<constant> needs value=\"true\" or value=\"false\"".into(),
                    )),
                };
            }
            other => {
                return Err(self.err(el.loc, None, format!(
                    "unsupported formula <{other}> (supported: and, or, atleast, not, xor, nand, nor, gate, basic-event, event, house-event, constant)"
                )));
            }
        };
        let args = el
            .content()
            .map(|c| self.read_formula(c, scope))
            .collect::<Result<Vec<_>, _>>()?;
        let n = args.len();
        match op {
            Op::Not if n != 1 => {
                return Err(self.err(
                    el.loc,
                    None,
                    format!("<not> takes exactly one argument, found {n}"),
                ));
            }
            Op::AtLeast(k) if k < 2 || k >= n => {
                return Err(self.err(el.loc, None, format!(
                    "<atleast min=\"{k}\"> with {n} arguments: min must be at least 2 and below the number of arguments (min 1 is an <or>, min {n} an <and>)"
                )));
            }
            _ if n == 0 => {
                return Err(self.err(el.loc, None, format!("<{}> has no arguments", el.name)));
            }
            Op::And | Op::Or | Op::Xor | Op::Nand | Op::Nor if n == 1 && !self.lenient => {
                return Err(self.err(el.loc, None, format!(
                    "an <{0}> needs at least two arguments (SCRAM refuses one); for one argument reference it directly{1}, or read the model with --lenient",
                    el.name,
                    match op {
                        Op::Nand | Op::Nor => " under <not>",
                        _ => "",
                    }
                )));
            }
            _ => {}
        }
        Ok(Formula::Op(op, args, el.loc))
    }

    /// `define-alignment`: phases with a time fraction in (0, 1] summing to
    /// 1 (within 1e-4, SCRAM's tolerance), each holding `set-house-event`
    /// instructions.
    fn read_alignment(&mut self, el: &Element) -> Result<(), Error> {
        let name = self.def_name(el)?;
        if let Some(a) = self.m.alignments.iter().find(|a| a.name == name) {
            return Err(self.redefined(el.loc, "alignment", name, a.loc));
        }
        let mut phases: Vec<Phase> = Vec::new();
        for c in el.content() {
            if c.name != "define-phase" {
                return Err(self.unsupported(
                    c.loc,
                    &c.name,
                    "an alignment holds define-phase elements",
                ));
            }
            let phase = self.def_name(c)?;
            if let Some(first) = phases.iter().find(|p| p.name == phase) {
                return Err(self.redefined(
                    c.loc,
                    &format!("phase of alignment `{name}`"),
                    phase,
                    first.loc,
                ));
            }
            let raw = c.attr("time-fraction").unwrap_or("");
            let fraction: f64 = raw.trim().parse().map_err(|_| {
                self.err(c.loc, Some(phase), format!("phase `{phase}` needs time-fraction=\"f\", a number in (0, 1], found `{raw}`"))
            })?;
            if !(fraction > 0.0 && fraction <= 1.0) {
                return Err(self.err(c.loc, Some(phase), format!(
                    "phase `{phase}`: time-fraction {fraction} is not within (0, 1] (the share of the mission time spent in the phase)"
                )));
            }
            let mut houses = Vec::new();
            for i in c.content() {
                match self.read_instruction(i, false)? {
                    Instr::SetHouse(h, v, loc, to) => houses.push((h, v, loc, to)),
                    _ => {
                        return Err(self.err(i.loc, Some(phase), format!(
                            "phase `{phase}`: <{}> is not applied in a phase; a phase holds <set-house-event> instructions only (as SCRAM)",
                            i.name
                        )));
                    }
                }
            }
            phases.push(Phase {
                name: phase.to_string(),
                loc: c.loc,
                fraction,
                houses,
            });
        }
        if phases.is_empty() {
            return Err(self.err(el.loc, Some(name), format!(
                "alignment `{name}` has no <define-phase>; give it phases whose time-fraction values sum to 1"
            )));
        }
        let sum: f64 = phases.iter().map(|p| p.fraction).sum();
        if (sum - 1.0).abs() > 1e-4 {
            return Err(self.err(el.loc, Some(name), format!(
                "the phases of alignment `{name}` have time fractions summing to {sum}, not 1: together they cover the whole mission time"
            )));
        }
        self.m.alignments.push(Alignment {
            name: name.to_string(),
            loc: el.loc,
            phases,
        });
        Ok(())
    }

    /// `define-substitution`: read here, checked once names are resolved
    /// ([`Reader::check_substitution`]).
    fn read_substitution(&mut self, el: &Element, scope: &str) -> Result<(), Error> {
        let name = self.def_name(el)?;
        if let Some(s) = self.m.substitutions.iter().find(|s| s.name == name) {
            return Err(self.redefined(el.loc, "substitution", name, s.loc));
        }
        let declared = match el.attr("type") {
            None => None,
            Some("delete-terms") => Some(SubstitutionType::DeleteTerms),
            Some("recovery-rule") => Some(SubstitutionType::RecoveryRule),
            Some("exchange-event") => Some(SubstitutionType::ExchangeEvent),
            Some(other) => {
                return Err(self.err(el.loc, Some(name), format!(
                    "substitution `{name}`: type=\"{other}\" is none of delete-terms, recovery-rule, exchange-event"
                )));
            }
        };
        let (mut hypothesis, mut source, mut target) = (None, None, None);
        for c in el.content() {
            let one = |what: &str| -> Result<&Element, Error> {
                let inner: Vec<&Element> = c.content().collect();
                match inner[..] {
                    [f] => Ok(f),
                    _ => Err(self.err(
                        c.loc,
                        Some(name),
                        format!(
                            "substitution `{name}`: <{what}> holds exactly one {}, found {}",
                            if what == "target" {
                                "basic event or constant"
                            } else {
                                "formula"
                            },
                            inner.len()
                        ),
                    )),
                }
            };
            let slot = match c.name.as_str() {
                "hypothesis" => &mut hypothesis,
                "source" => &mut source,
                "target" => &mut target,
                other => {
                    return Err(self.unsupported(
                        c.loc,
                        other,
                        "a substitution holds <hypothesis>, an optional <source> and <target>",
                    ));
                }
            };
            if slot.is_some() {
                return Err(self.err(
                    c.loc,
                    Some(name),
                    format!("substitution `{name}` has two <{}>", c.name),
                ));
            }
            *slot = Some(match c.name.as_str() {
                "source" => {
                    let refs = c
                        .content()
                        .map(|b| {
                            if b.name != "basic-event" {
                                return Err(self.err(b.loc, Some(name), format!(
                                    "substitution `{name}`: <source> lists <basic-event> references, found <{}>", b.name
                                )));
                            }
                            self.read_formula(b, scope)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    (refs, c.loc)
                }
                what => (vec![self.read_formula(one(what)?, scope)?], c.loc),
            });
        }
        let Some((mut h, _)) = hypothesis else {
            return Err(self.err(
                el.loc,
                Some(name),
                format!("substitution `{name}` has no <hypothesis>"),
            ));
        };
        let Some((mut t, _)) = target else {
            return Err(self.err(
                el.loc,
                Some(name),
                format!("substitution `{name}` has no <target>"),
            ));
        };
        self.m.substitutions.push(Substitution {
            name: name.to_string(),
            loc: el.loc,
            declared,
            hypothesis: h.remove(0),
            source: source.map(|s| s.0).unwrap_or_default(),
            target: t.remove(0),
        });
        Ok(())
    }

    fn read_initiating(&mut self, el: &Element) -> Result<(), Error> {
        let name = self.def_name(el)?;
        if let Some(ie) = self.m.initiating.iter().find(|i| i.name == name) {
            return Err(self.redefined(el.loc, "initiating event", name, ie.loc));
        }
        let event_tree = el
            .attr("event-tree")
            .filter(|s| !s.is_empty())
            .map(|s| (s.to_string(), el.loc));
        self.m.initiating.push(InitiatingEvent {
            name: name.to_string(),
            loc: el.loc,
            event_tree,
        });
        Ok(())
    }

    fn read_event_tree(&mut self, el: &Element) -> Result<(), Error> {
        let name = self.def_name(el)?;
        if let Some(i) = self.m.event_tree(name) {
            let first = self.m.event_trees[i].loc;
            return Err(self.redefined(el.loc, "event tree", name, first));
        }
        let mut functional_events: Vec<String> = Vec::new();
        let mut branches: HashMap<String, (Branch, Loc)> = HashMap::new();
        let mut initial = None;
        for c in el.content() {
            match c.name.as_str() {
                "define-functional-event" => {
                    let f = self.def_name(c)?;
                    if functional_events.iter().any(|x| x == f) {
                        return Err(self.err(c.loc, Some(f), format!("functional event `{f}` is defined twice in event tree `{name}`")));
                    }
                    functional_events.push(f.to_string());
                }
                "define-sequence" => {
                    let s = self.def_name(c)?;
                    if let Some(i) = self.m.sequence(s) {
                        let first = self.m.sequences[i].loc;
                        return Err(self.redefined(c.loc, "sequence", s, first));
                    }
                    let instructions = c.content().map(|i| self.read_instruction(i, true)).collect::<Result<Vec<_>, _>>()?;
                    self.m.sequences.push(SequenceDef { name: s.to_string(), loc: c.loc, instructions });
                }
                "define-branch" => {
                    let b = self.def_name(c)?;
                    if branches.contains_key(b) {
                        return Err(self.err(c.loc, Some(b), format!("branch `{b}` is defined twice in event tree `{name}`")));
                    }
                    let branch = self.read_branch(c)?;
                    branches.insert(b.to_string(), (branch, c.loc));
                }
                "initial-state" => {
                    if initial.is_some() {
                        return Err(self.err(c.loc, None, format!("event tree `{name}` has two <initial-state>")));
                    }
                    initial = Some(self.read_branch(c)?);
                }
                other => return Err(self.unsupported(c.loc, other, "an event tree holds define-functional-event, define-sequence, define-branch and initial-state")),
            }
        }
        let initial = initial.ok_or_else(|| {
            self.err(
                el.loc,
                Some(name),
                format!("event tree `{name}` has no <initial-state>"),
            )
        })?;
        self.m.event_trees.push(EventTree {
            name: name.to_string(),
            loc: el.loc,
            functional_events,
            branches,
            initial,
        });
        Ok(())
    }

    /// Instructions, then one target (fork, sequence or branch reference).
    fn read_branch(&self, el: &Element) -> Result<Branch, Error> {
        let content: Vec<&Element> = el.content().collect();
        let Some((last, instrs)) = content.split_last() else {
            return Err(self.err(
                el.loc,
                None,
                format!("<{}> needs a fork, sequence or branch to end with", el.name),
            ));
        };
        let instructions = instrs
            .iter()
            .map(|i| self.read_instruction(i, false))
            .collect::<Result<Vec<_>, _>>()?;
        let target = match last.name.as_str() {
            "fork" => {
                let fe = last
                    .attr("functional-event")
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| {
                        self.err(
                            last.loc,
                            None,
                            "<fork> needs a functional-event attribute".into(),
                        )
                    })?;
                let mut paths: Vec<(String, Branch, Loc)> = Vec::new();
                for p in last.content() {
                    if p.name != "path" {
                        return Err(self.err(
                            p.loc,
                            None,
                            format!("<fork> holds <path state>, found <{}>", p.name),
                        ));
                    }
                    let state = p.attr("state").filter(|s| !s.is_empty()).ok_or_else(|| {
                        self.err(p.loc, None, "<path> needs a state attribute".into())
                    })?;
                    if paths.iter().any(|(s, _, _)| s == state) {
                        return Err(self.err(
                            p.loc,
                            Some(state),
                            format!("path state `{state}` appears twice in the fork on `{fe}`"),
                        ));
                    }
                    paths.push((state.to_string(), self.read_branch(p)?, p.loc));
                }
                if paths.is_empty() {
                    return Err(self.err(
                        last.loc,
                        None,
                        format!("the fork on `{fe}` has no <path>"),
                    ));
                }
                BranchTarget::Fork {
                    functional_event: fe.to_string(),
                    paths,
                    loc: last.loc,
                }
            }
            "sequence" => BranchTarget::Sequence(self.name_attr(last)?.to_string(), last.loc),
            "branch" => BranchTarget::Branch(self.name_attr(last)?.to_string(), last.loc),
            other => {
                return Err(self.err(
                    last.loc,
                    None,
                    format!(
                        "<{}> must end with <fork>, <sequence> or <branch>, found <{other}>",
                        el.name
                    ),
                ));
            }
        };
        Ok(Branch {
            instructions,
            target,
        })
    }

    fn read_instruction(&self, el: &Element, in_sequence: bool) -> Result<Instr, Error> {
        Ok(match el.name.as_str() {
            "collect-formula" => {
                let content: Vec<&Element> = el.content().collect();
                let [f] = content[..] else {
                    return Err(self.err(el.loc, None, format!("<collect-formula> holds exactly one formula, found {}", content.len())));
                };
                Instr::CollectFormula(self.read_formula(f, "")?)
            }
            "collect-expression" => {
                let content: Vec<&Element> = el.content().collect();
                let [e] = content[..] else {
                    return Err(self.err(el.loc, None, format!("<collect-expression> holds exactly one expression, found {}", content.len())));
                };
                Instr::CollectExpression(expr::parse(e, "").map_err(|e| self.xerr(e))?, el.loc)
            }
            "set-house-event" => {
                let name = self.name_attr(el)?;
                let content: Vec<&Element> = el.content().collect();
                let value = match content[..] {
                    [c] if c.name == "constant" => match c.attr("value") {
                        Some("true") => true,
                        Some("false") => false,
                        _ => return Err(self.err(c.loc, None, "<constant> needs value=\"true\" or \"false\"".into())),
                    },
                    _ => return Err(self.err(el.loc, Some(name), "<set-house-event> holds one <constant value=\"true|false\"/>".into())),
                };
                Instr::SetHouse(name.to_string(), value, el.loc, None)
            }
            "if" => {
                let content: Vec<&Element> = el.content().collect();
                let (cond, then, otherwise) = match content[..] {
                    [c, t] => (c, t, None),
                    [c, t, e] => (c, t, Some(e)),
                    _ => return Err(self.err(el.loc, None, "<if> holds a condition, an instruction and an optional else instruction".into())),
                };
                Instr::If(
                    expr::parse(cond, "").map_err(|e| self.xerr(e))?,
                    Box::new(self.read_instruction(then, in_sequence)?),
                    otherwise.map(|e| self.read_instruction(e, in_sequence)).transpose()?.map(Box::new),
                )
            }
            "block" => Instr::Block(el.content().map(|c| self.read_instruction(c, in_sequence)).collect::<Result<_, _>>()?),
            "rule" => Instr::Rule(self.name_attr(el)?.to_string(), el.loc),
            "event-tree" => {
                if !in_sequence {
                    return Err(self.err(el.loc, None, "a link to an event tree (<event-tree name>) may only end a sequence's instructions".into()));
                }
                Instr::Link(self.name_attr(el)?.to_string(), el.loc)
            }
            other => return Err(self.err(el.loc, None, format!(
                "unsupported instruction <{other}> (supported: collect-formula, collect-expression, set-house-event, if, block, rule, event-tree)"
            ))),
        })
    }

    /// Resolves every reference; errors name the first undefined one.
    pub fn finish(&mut self) -> Result<(), Error> {
        let mut gates = std::mem::take(&mut self.m.gates);
        let result = gates
            .iter_mut()
            .try_for_each(|g| self.resolve(&mut g.formula));
        self.m.gates = gates;
        result?;
        let mut sequences = std::mem::take(&mut self.m.sequences);
        let result = sequences.iter_mut().try_for_each(|s| {
            s.instructions
                .iter_mut()
                .try_for_each(|i| self.resolve_instr(i))
        });
        self.m.sequences = sequences;
        result?;
        let mut rules = std::mem::take(&mut self.m.rules);
        let result = rules
            .iter_mut()
            .try_for_each(|r| r.1.iter_mut().try_for_each(|i| self.resolve_instr(i)));
        self.m.rules = rules;
        result?;
        let mut trees = std::mem::take(&mut self.m.event_trees);
        let result = trees.iter_mut().try_for_each(|t| {
            self.resolve_branch(&mut t.initial)?;
            t.branches
                .values_mut()
                .try_for_each(|(b, _)| self.resolve_branch(b))
        });
        self.m.event_trees = trees;
        result?;
        let mut subs = std::mem::take(&mut self.m.substitutions);
        let result = subs.iter_mut().try_for_each(|s| {
            self.resolve(&mut s.hypothesis)?;
            s.source.iter_mut().try_for_each(|f| self.resolve(f))?;
            self.resolve(&mut s.target)
        });
        self.m.substitutions = subs;
        result?;
        let mut aligns = std::mem::take(&mut self.m.alignments);
        let result = aligns
            .iter_mut()
            .flat_map(|a| &mut a.phases)
            .try_for_each(|p| {
                p.houses.iter_mut().try_for_each(|(h, _, loc, to)| {
                    *to = Some(
                        self.m
                            .house_t
                            .lookup(h, "")
                            .ok_or_else(|| self.undefined(RefKind::HouseEvent, h, "", *loc))?,
                    );
                    Ok(())
                })
            });
        self.m.alignments = aligns;
        result?;
        self.m
            .substitutions
            .iter()
            .try_for_each(|s| self.check_substitution(s))?;
        self.check_substitution_conflicts()
    }

    /// SCRAM's rules making the non-declarative substitutions' order
    /// irrelevant: no target is a source of any of them, no target or
    /// source is in the hypothesis of another.
    fn check_substitution_conflicts(&self) -> Result<(), Error> {
        let basic = |f: &Formula| match f {
            Formula::Ref {
                to: Some(Node::Basic(e)),
                ..
            } => Some(*e),
            _ => None,
        };
        let hyp = |s: &Substitution| -> Vec<usize> {
            match &s.hypothesis {
                Formula::Op(_, args, _) => args.iter().filter_map(basic).collect(),
                f => basic(f).into_iter().collect(),
            }
        };
        let nondecl: Vec<&Substitution> = self
            .m
            .substitutions
            .iter()
            .filter(|s| !s.source.is_empty())
            .collect();
        for (i, a) in nondecl.iter().enumerate() {
            let fail = |msg: String| {
                Err(self.err(a.loc, Some(&a.name), format!("substitution `{}`: {msg} (SCRAM's rule: non-declarative substitutions must not depend on their order)", a.name)))
            };
            let target = basic(&a.target);
            let source: Vec<usize> = a.source.iter().filter_map(basic).collect();
            for (j, b) in nondecl.iter().enumerate() {
                let b_source: Vec<usize> = b.source.iter().filter_map(basic).collect();
                if let Some(t) = target
                    && b_source.contains(&t)
                {
                    return fail(format!(
                        "its target `{}` is a source of `{}`",
                        self.m.events[t].id, b.name
                    ));
                }
                if i == j {
                    continue;
                }
                let b_hyp = hyp(b);
                if let Some(t) = target
                    && b_hyp.contains(&t)
                {
                    return fail(format!(
                        "its target `{}` is in the hypothesis of `{}`",
                        self.m.events[t].id, b.name
                    ));
                }
                if let Some(e) = source.iter().find(|e| b_hyp.contains(e)) {
                    return fail(format!(
                        "its source `{}` is in the hypothesis of `{}`",
                        self.m.events[*e].id, b.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// SCRAM's rules for a substitution (its `Validate` and type
    /// deduction): the hypothesis is a basic event or one coherent
    /// connective (`and`, `or`, `atleast`) over distinct basic events; the
    /// target a basic event or `false` (`true` has no effect); a declared
    /// `type` matches the one the shape gives. Non-declarative substitutions
    /// (with a `<source>`) rewrite cut sets after the analysis: SCRAM
    /// refuses them for exact analyses and cordon does not apply them.
    fn check_substitution(&self, s: &Substitution) -> Result<(), Error> {
        let name = s.name.as_str();
        let fail = |loc: Loc, msg: String| {
            Err(self.err(loc, Some(name), format!("substitution `{name}`: {msg}")))
        };
        let (op, args): (Option<Op>, Vec<&Formula>) = match &s.hypothesis {
            f @ Formula::Ref { .. } => (None, vec![f]),
            Formula::Op(op, args, loc) => {
                if let Some(Formula::Op(_, _, l)) =
                    args.iter().find(|a| matches!(a, Formula::Op(..)))
                {
                    return fail(*l, "the hypothesis is one connective over basic events; a nested formula is not allowed".into());
                }
                if !matches!(op, Op::And | Op::Or | Op::AtLeast(_)) {
                    return fail(*loc, "the hypothesis must be coherent: <and>, <or> or <atleast> over basic events (no not, nand, nor, xor)".into());
                }
                (Some(*op), args.iter().collect())
            }
            Formula::Constant(_) => {
                return fail(
                    s.loc,
                    "the hypothesis needs basic events, found a constant".into(),
                );
            }
        };
        let basic = |f: &Formula, role: &str| -> Result<usize, Error> {
            match f {
                Formula::Ref { to: Some(Node::Basic(e)), .. } => Ok(*e),
                Formula::Ref { to: Some(n), name: r, loc, .. } => Err(self.err(*loc, Some(name), format!(
                    "substitution `{name}`: the {role} is built over basic events only; `{r}` is a {}",
                    if matches!(n, Node::Gate(_)) { "gate" } else { "house event" }
                ))),
                Formula::Constant(_) => Err(self.err(s.loc, Some(name), format!("substitution `{name}`: a constant in the {role}"))),
                _ => Err(self.err(s.loc, Some(name), format!("substitution `{name}`: the {role} is built over basic events only"))),
            }
        };
        let loc_of = |f: &Formula| match f {
            Formula::Ref { loc, .. } | Formula::Op(_, _, loc) => *loc,
            Formula::Constant(_) => s.loc,
        };
        let mut seen = Vec::new();
        for a in &args {
            let e = basic(a, "hypothesis")?;
            if seen.contains(&e) {
                return fail(
                    loc_of(a),
                    format!("`{}` appears twice in the hypothesis", self.m.events[e].id),
                );
            }
            seen.push(e);
        }
        let mut source = Vec::new();
        for a in &s.source {
            let e = basic(a, "source")?;
            if source.contains(&e) {
                return fail(
                    loc_of(a),
                    format!("`{}` appears twice in the source", self.m.events[e].id),
                );
            }
            source.push(e);
        }
        let target = match &s.target {
            Formula::Constant(v) => Err(*v),
            f => Ok(basic(f, "target")?),
        };
        if !source.is_empty() {
            let mut events = seen.clone();
            events.extend(&source);
            if let Ok(t) = target {
                events.push(t);
            }
            if let Some(&e) = events.iter().find(|&&e| self.m.events[e].ccf.is_some()) {
                return fail(
                    s.loc,
                    format!(
                        "`{}` is a member of a CCF group: a non-declarative substitution cannot name CCF members (SCRAM)",
                        self.m.events[e].id
                    ),
                );
            }
            if !self.approximate {
                return fail(s.loc, "a non-declarative substitution (with <source>) rewrites cut sets after the analysis; SCRAM refuses it for exact analyses and so does cordon: analyse with --zbdd (rare event, MCUB), where it is applied to the cut sets, or write it declaratively (drop <source>: hypothesis implies target, e.g. a recovery rule with the recovery event as target)".into());
            }
            if matches!(op, Some(Op::AtLeast(_))) {
                return fail(
                    s.loc,
                    "a non-declarative hypothesis is a basic event, an <and> or an <or> (SCRAM)"
                        .into(),
                );
            }
            if target == Err(false) {
                return fail(loc_of(&s.target), "a non-declarative substitution with target false: its source is irrelevant; drop <source> (a declarative delete-terms)".into());
            }
            // SCRAM's type deduction with a source.
            let deduced = match (target, op) {
                (Ok(_), None | Some(Op::And))
                    if source.len() == seen.len() && source.iter().all(|e| seen.contains(e)) =>
                {
                    Some(SubstitutionType::RecoveryRule)
                }
                (Ok(_), None | Some(Op::And)) if source.len() == 1 && seen.contains(&source[0]) => {
                    Some(SubstitutionType::ExchangeEvent)
                }
                _ => None,
            };
            return type_matches_shape(s.declared, deduced, "recovery-rule: the source is the hypothesis' events; exchange-event: one source event of an <and> hypothesis")
                .or_else(|msg| fail(s.loc, msg));
        }
        if target == Err(true) {
            return fail(loc_of(&s.target), "target `true` has no effect (hypothesis implies true); remove the substitution, or use target false to delete the hypothesis' terms".into());
        }
        // SCRAM's type deduction for a declarative substitution.
        let deduced = match (target, op) {
            (Err(false), Some(Op::And)) if args.len() == 2 => Some(SubstitutionType::DeleteTerms),
            (Err(false), Some(Op::AtLeast(2))) => Some(SubstitutionType::DeleteTerms),
            (Ok(_), Some(Op::And)) => Some(SubstitutionType::RecoveryRule),
            _ => None,
        };
        type_matches_shape(s.declared, deduced, "delete-terms: <and> of two events or <atleast min=\"2\"> with target false; recovery-rule: <and> with a basic-event target")
            .or_else(|msg| fail(s.loc, msg))
    }

    fn resolve_branch(&self, b: &mut Branch) -> Result<(), Error> {
        b.instructions
            .iter_mut()
            .try_for_each(|i| self.resolve_instr(i))?;
        if let BranchTarget::Fork { paths, .. } = &mut b.target {
            for (_, p, _) in paths {
                self.resolve_branch(p)?;
            }
        }
        Ok(())
    }

    fn resolve_instr(&self, i: &mut Instr) -> Result<(), Error> {
        match i {
            Instr::CollectFormula(f) => self.resolve(f),
            Instr::SetHouse(name, _, loc, to) => {
                *to = Some(
                    self.m
                        .house_t
                        .lookup(name, "")
                        .ok_or_else(|| self.undefined(RefKind::HouseEvent, name, "", *loc))?,
                );
                Ok(())
            }
            Instr::If(_, t, e) => {
                self.resolve_instr(t)?;
                if let Some(e) = e {
                    self.resolve_instr(e)?;
                }
                Ok(())
            }
            Instr::Block(v) => v.iter_mut().try_for_each(|i| self.resolve_instr(i)),
            _ => Ok(()),
        }
    }

    fn resolve(&self, f: &mut Formula) -> Result<(), Error> {
        match f {
            Formula::Op(_, args, _) => {
                args.iter_mut().try_for_each(|a| self.resolve(a))?;
                if !self.lenient {
                    let mut seen: std::collections::HashSet<Node> = Default::default();
                    for a in args.iter() {
                        if let Formula::Ref {
                            to: Some(n),
                            name,
                            loc,
                            ..
                        } = a
                            && !seen.insert(*n)
                        {
                            return Err(self.err(*loc, Some(name), format!(
                                "`{name}` appears twice among the arguments of one connective (SCRAM refuses repeated arguments); remove the repeat, or read the model with --lenient (a multiset: atleast counts it twice, xor(A, A) is false)"
                            )));
                        }
                    }
                }
                Ok(())
            }
            Formula::Constant(_) => Ok(()),
            Formula::Ref {
                kind,
                name,
                scope,
                loc,
                to,
            } => {
                let gate = |s: &str| self.m.gate_t.lookup(name, s).map(Node::Gate);
                let event = |s: &str| self.m.event_t.lookup(name, s).map(Node::Basic);
                let house = |s: &str| self.m.house_t.lookup(name, s).map(Node::House);
                let found = match kind {
                    RefKind::Gate => gate(scope),
                    RefKind::BasicEvent => event(scope),
                    RefKind::HouseEvent => house(scope),
                    // The local scope first, over every kind, then the
                    // public names (SCRAM's order).
                    RefKind::Event => {
                        let local = format!("{scope}.{name}");
                        let at = |t: &Table| {
                            if scope.is_empty() {
                                None
                            } else {
                                t.path.get(&local).copied()
                            }
                        };
                        at(&self.m.gate_t)
                            .map(Node::Gate)
                            .or_else(|| at(&self.m.event_t).map(Node::Basic))
                            .or_else(|| at(&self.m.house_t).map(Node::House))
                            .or_else(|| gate(""))
                            .or_else(|| event(""))
                            .or_else(|| house(""))
                    }
                };
                match found {
                    Some(n) => {
                        *to = Some(n);
                        Ok(())
                    }
                    None => Err(self.undefined(*kind, name, scope, *loc)),
                }
            }
        }
    }

    fn undefined(&self, kind: RefKind, name: &str, scope: &str, loc: Loc) -> Error {
        // A name of another kind is the likeliest mistake: say so.
        let other = [
            (RefKind::Gate, &self.m.gate_t),
            (RefKind::BasicEvent, &self.m.event_t),
            (RefKind::HouseEvent, &self.m.house_t),
        ]
        .into_iter()
        .find(|(k, t)| *k != kind && t.lookup(name, scope).is_some());
        if let Some((k, _)) = other {
            return self.err(
                loc,
                Some(name),
                format!(
                    "undefined {} `{name}`: `{name}` is a {}",
                    kind.what(),
                    k.what()
                ),
            );
        }
        let tables: Vec<&Table> = match kind {
            RefKind::Gate => vec![&self.m.gate_t],
            RefKind::BasicEvent => vec![&self.m.event_t],
            RefKind::HouseEvent => vec![&self.m.house_t],
            RefKind::Event => vec![&self.m.gate_t, &self.m.event_t, &self.m.house_t],
        };
        let best = tables
            .iter()
            .flat_map(|t| t.public.keys().chain(t.path.keys()))
            .map(|c| (strsim::jaro_winkler(name, c), c))
            .filter(|(s, _)| *s >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
        let hint = best.map_or(String::new(), |(_, c)| format!("; did you mean `{c}`?"));
        let private = tables
            .iter()
            .flat_map(|t| t.path.keys())
            .find(|p| p.rsplit('.').next() == Some(name) && p.contains('.'));
        let hint = match private {
            Some(p) if hint.is_empty() => format!(
                "; a private `{name}` exists as `{p}` (private names are visible in their own fault tree or component only)"
            ),
            _ => hint,
        };
        self.err(
            loc,
            Some(name),
            format!("undefined {} `{name}`{hint}", kind.what()),
        )
    }
}
