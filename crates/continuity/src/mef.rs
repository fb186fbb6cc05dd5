//! Reader for the subset of the Open-PSA Model Exchange Format used by
//! fault-tree benchmarks (the Aralia set):
//!
//! - root `<opsa-mef>` (or `<open-psa>`), containing `<define-fault-tree>`
//!   and `<model-data>`;
//! - `<define-gate name>` with one formula: `<and>`, `<or>`, `<atleast min>`,
//!   `<not>`, `<xor>`, `<nand>`, `<nor>`, nested freely, or a bare reference;
//! - references `<gate name>`, `<basic-event name>`, `<house-event name>`,
//!   `<event name>` (resolved to whichever is defined), `<constant value>`;
//! - `<define-basic-event name>` with `<float value>`;
//!   `<define-house-event name>` with `<constant value>`;
//! - `<label>` and `<attributes>` are ignored.
//!
//! Errors carry file, line, column and the offending name; an undefined name
//! gets a did-you-mean suggestion and a cycle is reported with its gates.

use std::collections::HashMap;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

use crate::error::Error;
use crate::tree::{FaultTree, FaultTreeBuilder, Formula};

/// Reads an MEF file. `top` names the top gate; without it the top is the
/// only gate no other gate references.
pub fn read_mef(path: impl AsRef<std::path::Path>, top: Option<&str>) -> Result<FaultTree, Error> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_mef(&text, &path.display().to_string(), top)
}

/// Parses MEF `text`; `file` is only used in error messages.
pub fn parse_mef(text: &str, file: &str, top: Option<&str>) -> Result<FaultTree, Error> {
    let ctx = Ctx { text, file };
    let root = ctx.dom()?;
    let mut model = Model::default();
    ctx.read_root(&root, &mut model)?;
    ctx.build(&model, top)
}

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    pos: usize,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RefKind {
    Gate,
    BasicEvent,
    HouseEvent,
    Event,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    And,
    Or,
    AtLeast(usize),
    Not,
    Xor,
    Nand,
    Nor,
}

enum Expr {
    Op(Op, Vec<Expr>),
    Ref(RefKind, String, usize),
    Constant(bool),
}

#[derive(Default)]
struct Model {
    gates: Vec<(String, usize, Expr)>,
    gate_index: HashMap<String, usize>,
    events: HashMap<String, (usize, f64)>,
    houses: HashMap<String, (usize, bool)>,
}

struct Ctx<'a> {
    text: &'a str,
    file: &'a str,
}

impl Ctx<'_> {
    fn err(&self, pos: usize, name: Option<&str>, message: String) -> Error {
        let before = &self.text[..pos.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Error::Mef {
            file: self.file.to_string(),
            line,
            column,
            name: name.map(str::to_string),
            message,
        }
    }

    /// A small DOM: the models are at most a few hundred kilobytes.
    fn dom(&self) -> Result<Element, Error> {
        let mut reader = quick_xml::Reader::from_str(self.text);
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        loop {
            let pos = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| {
                self.err(
                    reader.error_position() as usize,
                    None,
                    format!("malformed XML: {e}"),
                )
            })?;
            match event {
                Event::Start(ref s) | Event::Empty(ref s) => {
                    let mut attrs = Vec::new();
                    for a in s.attributes() {
                        let a = a.map_err(|e| {
                            self.err(pos, None, format!("malformed attribute: {e}"))
                        })?;
                        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| {
                            self.err(pos, None, format!("malformed attribute: {e}"))
                        })?;
                        attrs.push((a.key.as_ref().to_string(), value.into_owned()));
                    }
                    let el = Element {
                        name: s.name().as_ref().to_string(),
                        attrs,
                        pos,
                        children: Vec::new(),
                    };
                    if matches!(event, Event::Start(_)) {
                        stack.push(el);
                    } else {
                        match stack.last_mut() {
                            Some(parent) => parent.children.push(el),
                            None => root = Some(el),
                        }
                    }
                }
                Event::End(_) => {
                    let el = stack
                        .pop()
                        .ok_or_else(|| self.err(pos, None, "unexpected closing tag".into()))?;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(el),
                        None => root = Some(el),
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(open) = stack.last() {
            return Err(self.err(
                open.pos,
                None,
                format!("malformed XML: <{}> is never closed", open.name),
            ));
        }
        root.ok_or_else(|| self.err(0, None, "empty document".into()))
    }

    fn name_attr<'e>(&self, el: &'e Element) -> Result<&'e str, Error> {
        el.attr("name").filter(|n| !n.is_empty()).ok_or_else(|| {
            self.err(
                el.pos,
                None,
                format!("<{}> needs a name attribute", el.name),
            )
        })
    }

    fn read_root(&self, root: &Element, model: &mut Model) -> Result<(), Error> {
        if root.name != "opsa-mef" && root.name != "open-psa" {
            return Err(self.err(
                root.pos,
                None,
                format!("root element is <{}>, expected <opsa-mef>", root.name),
            ));
        }
        for el in &root.children {
            match el.name.as_str() {
                "define-fault-tree" | "model-data" => self.read_container(el, model)?,
                _ => self.read_definition(el, model)?,
            }
        }
        Ok(())
    }

    fn read_container(&self, container: &Element, model: &mut Model) -> Result<(), Error> {
        for el in &container.children {
            self.read_definition(el, model)?;
        }
        Ok(())
    }

    fn read_definition(&self, el: &Element, model: &mut Model) -> Result<(), Error> {
        match el.name.as_str() {
            "label" | "attributes" => Ok(()),
            "define-gate" => {
                let name = self.name_attr(el)?;
                let formulas: Vec<&Element> = el.children.iter().filter(|c| !is_meta(c)).collect();
                let [formula] = formulas[..] else {
                    return Err(self.err(
                        el.pos,
                        Some(name),
                        format!("gate `{name}` must contain exactly one formula, found {}", formulas.len()),
                    ));
                };
                let expr = self.read_formula(formula)?;
                self.check_unique(model, name, el.pos)?;
                model.gate_index.insert(name.to_string(), model.gates.len());
                model.gates.push((name.to_string(), el.pos, expr));
                Ok(())
            }
            "define-basic-event" => {
                let name = self.name_attr(el)?;
                let values: Vec<&Element> = el.children.iter().filter(|c| !is_meta(c)).collect();
                let p = match values[..] {
                    [v] if v.name == "float" => {
                        let raw = v.attr("value").unwrap_or("");
                        let p: f64 = raw.trim().parse().map_err(|_| {
                            self.err(v.pos, Some(name), format!("basic event `{name}`: `{raw}` is not a number"))
                        })?;
                        if !(0.0..=1.0).contains(&p) {
                            return Err(self.err(
                                v.pos,
                                Some(name),
                                format!("basic event `{name}`: probability {p} is not within [0, 1]"),
                            ));
                        }
                        p
                    }
                    [v] => {
                        return Err(self.err(
                            v.pos,
                            Some(name),
                            format!("basic event `{name}`: unsupported expression <{}> (use <float value=\"...\"/>)", v.name),
                        ));
                    }
                    _ => {
                        return Err(self.err(
                            el.pos,
                            Some(name),
                            format!("basic event `{name}` needs one <float value=\"...\"/> probability"),
                        ));
                    }
                };
                self.check_unique(model, name, el.pos)?;
                model.events.insert(name.to_string(), (el.pos, p));
                Ok(())
            }
            "define-house-event" => {
                let name = self.name_attr(el)?;
                let value = el
                    .children
                    .iter()
                    .find(|c| c.name == "constant")
                    .and_then(|c| c.attr("value"))
                    .and_then(parse_bool)
                    .ok_or_else(|| {
                        self.err(el.pos, Some(name), format!("house event `{name}` needs <constant value=\"true|false\"/>"))
                    })?;
                self.check_unique(model, name, el.pos)?;
                model.houses.insert(name.to_string(), (el.pos, value));
                Ok(())
            }
            other => Err(self.err(
                el.pos,
                None,
                format!("unsupported MEF element <{other}> (supported: define-fault-tree, define-gate, define-basic-event, define-house-event, model-data)"),
            )),
        }
    }

    fn check_unique(&self, model: &Model, name: &str, pos: usize) -> Result<(), Error> {
        if model.gate_index.contains_key(name)
            || model.events.contains_key(name)
            || model.houses.contains_key(name)
        {
            return Err(self.err(pos, Some(name), format!("`{name}` is defined twice")));
        }
        Ok(())
    }

    fn read_formula(&self, el: &Element) -> Result<Expr, Error> {
        let op = match el.name.as_str() {
            "and" => Op::And,
            "or" => Op::Or,
            "not" => Op::Not,
            "xor" => Op::Xor,
            "nand" => Op::Nand,
            "nor" => Op::Nor,
            "atleast" => {
                let raw = el.attr("min").unwrap_or("");
                let k = raw.trim().parse().map_err(|_| {
                    self.err(
                        el.pos,
                        None,
                        format!("<atleast> needs min=\"k\" with k ≥ 1, found `{raw}`"),
                    )
                })?;
                Op::AtLeast(k)
            }
            "gate" | "basic-event" | "house-event" | "event" => {
                let kind = match el.name.as_str() {
                    "gate" => RefKind::Gate,
                    "basic-event" => RefKind::BasicEvent,
                    "house-event" => RefKind::HouseEvent,
                    _ => RefKind::Event,
                };
                return Ok(Expr::Ref(kind, self.name_attr(el)?.to_string(), el.pos));
            }
            "constant" => {
                let v = el.attr("value").and_then(parse_bool).ok_or_else(|| {
                    self.err(
                        el.pos,
                        None,
                        "<constant> needs value=\"true\" or value=\"false\"".into(),
                    )
                })?;
                return Ok(Expr::Constant(v));
            }
            other => {
                return Err(self.err(
                    el.pos,
                    None,
                    format!("unsupported formula <{other}> (supported: and, or, atleast, not, xor, nand, nor, gate, basic-event, event, house-event, constant)"),
                ));
            }
        };
        let args = el
            .children
            .iter()
            .filter(|c| !is_meta(c))
            .map(|c| self.read_formula(c))
            .collect::<Result<Vec<_>, _>>()?;
        let arity_ok = match op {
            Op::Not => args.len() == 1,
            Op::AtLeast(k) => k >= 1 && k <= args.len(),
            _ => !args.is_empty(),
        };
        if !arity_ok {
            return Err(self.err(
                el.pos,
                None,
                format!(
                    "<{}> has {} arguments, which its connective does not allow",
                    el.name,
                    args.len()
                ),
            ));
        }
        Ok(Expr::Op(op, args))
    }

    fn undefined(&self, model: &Model, kind: RefKind, name: &str, pos: usize) -> Error {
        let candidates: Vec<&String> = match kind {
            RefKind::Gate => model.gate_index.keys().collect(),
            RefKind::BasicEvent => model.events.keys().collect(),
            RefKind::HouseEvent => model.houses.keys().collect(),
            RefKind::Event => model
                .gate_index
                .keys()
                .chain(model.events.keys())
                .chain(model.houses.keys())
                .collect(),
        };
        let what = match kind {
            RefKind::Gate => "gate",
            RefKind::BasicEvent => "basic event",
            RefKind::HouseEvent => "house event",
            RefKind::Event => "event",
        };
        let best = candidates
            .iter()
            .map(|c| (strsim::jaro_winkler(name, c), *c))
            .filter(|(s, _)| *s >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
        let hint = best.map_or(String::new(), |(_, c)| format!("; did you mean `{c}`?"));
        self.err(pos, Some(name), format!("undefined {what} `{name}`{hint}"))
    }

    /// Resolves references, finds the top, rejects cycles, then builds.
    fn build(&self, model: &Model, top: Option<&str>) -> Result<FaultTree, Error> {
        // Gate -> gates it references, checking every reference on the way.
        let mut edges: Vec<Vec<(usize, usize)>> = Vec::with_capacity(model.gates.len());
        for (_, _, expr) in &model.gates {
            let mut out = Vec::new();
            let mut stack = vec![expr];
            while let Some(e) = stack.pop() {
                match e {
                    Expr::Op(_, args) => stack.extend(args.iter()),
                    Expr::Constant(_) => {}
                    Expr::Ref(kind, name, pos) => match self.resolve(model, *kind, name) {
                        Some(Target::Gate(g)) => out.push((g, *pos)),
                        Some(_) => {}
                        None => return Err(self.undefined(model, *kind, name, *pos)),
                    },
                }
            }
            edges.push(out);
        }
        self.check_cycles(model, &edges)?;
        let top = match top {
            Some(name) => *model
                .gate_index
                .get(name)
                .ok_or_else(|| self.undefined(model, RefKind::Gate, name, 0))?,
            None => {
                let mut referenced = vec![false; model.gates.len()];
                for out in &edges {
                    for &(g, _) in out {
                        referenced[g] = true;
                    }
                }
                let roots: Vec<usize> =
                    (0..model.gates.len()).filter(|&g| !referenced[g]).collect();
                match roots[..] {
                    [g] => g,
                    [] => return Err(Error::Top(format!("{}: no gate defined", self.file))),
                    _ => {
                        let names: Vec<&str> = roots
                            .iter()
                            .take(10)
                            .map(|&g| model.gates[g].0.as_str())
                            .collect();
                        return Err(Error::Top(format!(
                            "{}: {} gates are referenced by no other gate ({}{}); choose the top event with --top NAME",
                            self.file,
                            roots.len(),
                            names.join(", "),
                            if roots.len() > 10 { ", …" } else { "" }
                        )));
                    }
                }
            }
        };
        // Build bottom-up from the top (iterative post-order).
        let mut builder = FaultTreeBuilder::new();
        let mut built: Vec<Option<Formula>> = vec![None; model.gates.len()];
        let mut stack = vec![(top, false)];
        while let Some((g, expanded)) = stack.pop() {
            if built[g].is_some() {
                continue;
            }
            if expanded {
                let (name, _, expr) = &model.gates[g];
                let f = self.build_expr(model, expr, &mut builder, &built)?;
                built[g] = Some(builder.name_gate(name.clone(), f)?);
            } else {
                stack.push((g, true));
                for &(h, _) in edges[g].iter().rev() {
                    if built[h].is_none() {
                        stack.push((h, false));
                    }
                }
            }
        }
        builder.build(built[top].expect("top built"))
    }

    fn build_expr(
        &self,
        model: &Model,
        expr: &Expr,
        b: &mut FaultTreeBuilder,
        built: &[Option<Formula>],
    ) -> Result<Formula, Error> {
        Ok(match expr {
            Expr::Constant(v) => b.constant(*v),
            Expr::Ref(kind, name, pos) => match self.resolve(model, *kind, name) {
                Some(Target::Gate(g)) => built[g].expect("referenced gates are built first"),
                Some(Target::BasicEvent(p)) => match b.get(name) {
                    Some(f) => f,
                    None => b
                        .basic_event(name.clone(), p)
                        .map_err(|e| self.err(*pos, Some(name), e.to_string()))?,
                },
                Some(Target::House(v)) => b.constant(v),
                None => return Err(self.undefined(model, *kind, name, *pos)),
            },
            Expr::Op(op, args) => {
                let args = args
                    .iter()
                    .map(|a| self.build_expr(model, a, b, built))
                    .collect::<Result<Vec<_>, _>>()?;
                match op {
                    Op::And => b.and(args),
                    Op::Or => b.or(args),
                    Op::AtLeast(k) => b.atleast(*k, args),
                    Op::Not => b.not(args[0]),
                    Op::Xor => b.xor(args),
                    Op::Nand => {
                        let f = b.and(args);
                        b.not(f)
                    }
                    Op::Nor => {
                        let f = b.or(args);
                        b.not(f)
                    }
                }
            }
        })
    }

    fn resolve(&self, model: &Model, kind: RefKind, name: &str) -> Option<Target> {
        let gate = || model.gate_index.get(name).map(|&g| Target::Gate(g));
        let event = || model.events.get(name).map(|&(_, p)| Target::BasicEvent(p));
        let house = || model.houses.get(name).map(|&(_, v)| Target::House(v));
        match kind {
            RefKind::Gate => gate(),
            RefKind::BasicEvent => event(),
            RefKind::HouseEvent => house(),
            RefKind::Event => gate().or_else(event).or_else(house),
        }
    }

    /// Depth-first search with colours; a grey successor closes a cycle.
    fn check_cycles(&self, model: &Model, edges: &[Vec<(usize, usize)>]) -> Result<(), Error> {
        const WHITE: u8 = 0;
        const GREY: u8 = 1;
        const BLACK: u8 = 2;
        let mut colour = vec![WHITE; edges.len()];
        for start in 0..edges.len() {
            if colour[start] != WHITE {
                continue;
            }
            // (gate, next edge to explore)
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            colour[start] = GREY;
            while let Some(&mut (g, ref mut next)) = path.last_mut() {
                if let Some(&(h, pos)) = edges[g].get(*next) {
                    *next += 1;
                    match colour[h] {
                        WHITE => {
                            colour[h] = GREY;
                            path.push((h, 0));
                        }
                        GREY => {
                            let from = path.iter().position(|&(x, _)| x == h).unwrap_or(0);
                            let mut names: Vec<&str> = path[from..]
                                .iter()
                                .map(|&(x, _)| model.gates[x].0.as_str())
                                .collect();
                            names.push(&model.gates[h].0);
                            return Err(self.err(
                                pos,
                                Some(&model.gates[h].0),
                                format!("cycle between gates: {}", names.join(" -> ")),
                            ));
                        }
                        _ => {}
                    }
                } else {
                    colour[g] = BLACK;
                    path.pop();
                }
            }
        }
        Ok(())
    }
}

enum Target {
    Gate(usize),
    BasicEvent(f64),
    House(bool),
}

fn is_meta(el: &Element) -> bool {
    el.name == "label" || el.name == "attributes"
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
