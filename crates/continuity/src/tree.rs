//! Fault trees as data, and the builder other crates use to make them.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Error;

/// A handle to a node of a tree under construction: a basic event, a gate or
/// a constant. Cheap to copy; only meaningful for the builder that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Formula(pub(crate) u32);

/// The Boolean connective of a [`Gate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Connective {
    /// True when every input is true.
    And,
    /// True when any input is true.
    Or,
    /// True when at least `k` inputs are true (k-of-n voting).
    AtLeast(usize),
    /// True when its single input is false.
    Not,
    /// True when an odd number of inputs is true.
    Xor,
}

/// A component failure with its probability (unavailability).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BasicEvent {
    /// Unique name, as in the model.
    pub name: String,
    /// Probability that the event occurs, in `[0, 1]`.
    pub probability: f64,
}

/// A logic gate over other formulas.
#[derive(Clone, Debug, PartialEq)]
pub struct Gate {
    /// The gate's name; `None` for anonymous sub-formulas.
    pub name: Option<String>,
    /// How the inputs combine.
    pub connective: Connective,
    /// The inputs, in model order (the variable ordering follows it).
    pub inputs: Vec<Formula>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NodeRef {
    Event(usize),
    Gate(usize),
    Constant(bool),
}

/// Builds a [`FaultTree`] bottom-up. Inputs must exist before the gates that
/// use them, so a builder can never make a cycle.
///
/// ```
/// use cordon_continuity::FaultTreeBuilder;
/// let mut b = FaultTreeBuilder::new();
/// let ehr = b.basic_event("ehr-db", 0.01)?;
/// let lab = b.basic_event("lab-system", 0.02)?;
/// let pacs = b.basic_event("pacs", 0.05)?;
/// let film = b.basic_event("radiology-film", 0.1)?;
/// let imaging = b.and([pacs, film]);
/// let top = b.or([ehr, lab, imaging]);
/// let top = b.name_gate("emergency-department-down", top)?;
/// let tree = b.build(top)?;
/// let analysis = tree.analyze(&Default::default())?;
/// assert_eq!(analysis.mcs_count(), 3);
/// # Ok::<(), cordon_continuity::Error>(())
/// ```
#[derive(Default, Debug, Clone)]
pub struct FaultTreeBuilder {
    events: Vec<BasicEvent>,
    gates: Vec<Gate>,
    nodes: Vec<NodeRef>,
    names: HashMap<String, Formula>,
}

impl FaultTreeBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, node: NodeRef) -> Formula {
        self.nodes.push(node);
        Formula(self.nodes.len() as u32 - 1)
    }

    /// Declares a basic event. Errors on a duplicate name or a probability
    /// outside `[0, 1]`.
    pub fn basic_event(
        &mut self,
        name: impl Into<String>,
        probability: f64,
    ) -> Result<Formula, Error> {
        let name = name.into();
        if !(0.0..=1.0).contains(&probability) {
            return Err(Error::InvalidProbability {
                name,
                value: probability,
            });
        }
        if self.names.contains_key(&name) {
            return Err(Error::DuplicateName(name));
        }
        self.events.push(BasicEvent {
            name: name.clone(),
            probability,
        });
        let f = self.push(NodeRef::Event(self.events.len() - 1));
        self.names.insert(name, f);
        Ok(f)
    }

    /// The formula already declared under `name` (basic event or named gate).
    pub fn get(&self, name: &str) -> Option<Formula> {
        self.names.get(name).copied()
    }

    /// The constant `true` (always failed) or `false` (never failed).
    pub fn constant(&mut self, value: bool) -> Formula {
        self.push(NodeRef::Constant(value))
    }

    fn gate(&mut self, connective: Connective, inputs: Vec<Formula>) -> Formula {
        self.gates.push(Gate {
            name: None,
            connective,
            inputs,
        });
        self.push(NodeRef::Gate(self.gates.len() - 1))
    }

    /// All inputs fail (`true` when there are none).
    pub fn and(&mut self, inputs: impl IntoIterator<Item = Formula>) -> Formula {
        let inputs = inputs.into_iter().collect();
        self.gate(Connective::And, inputs)
    }

    /// Any input fails (`false` when there are none).
    pub fn or(&mut self, inputs: impl IntoIterator<Item = Formula>) -> Formula {
        let inputs = inputs.into_iter().collect();
        self.gate(Connective::Or, inputs)
    }

    /// At least `k` of the inputs fail: a service needing `n - k + 1` of `n`
    /// redundant components is lost when `k` of them are.
    pub fn atleast(&mut self, k: usize, inputs: impl IntoIterator<Item = Formula>) -> Formula {
        let inputs = inputs.into_iter().collect();
        self.gate(Connective::AtLeast(k), inputs)
    }

    /// The negation of `input` (makes the tree non-coherent).
    pub fn not(&mut self, input: Formula) -> Formula {
        self.gate(Connective::Not, vec![input])
    }

    /// An odd number of inputs fail (makes the tree non-coherent).
    pub fn xor(&mut self, inputs: impl IntoIterator<Item = Formula>) -> Formula {
        let inputs = inputs.into_iter().collect();
        self.gate(Connective::Xor, inputs)
    }

    /// Gives a name to a gate formula (as reports and `--top` use it). A
    /// basic event or constant is wrapped in a one-input OR gate.
    pub fn name_gate(
        &mut self,
        name: impl Into<String>,
        formula: Formula,
    ) -> Result<Formula, Error> {
        let name = name.into();
        if self.names.contains_key(&name) {
            return Err(Error::DuplicateName(name));
        }
        let formula = match self.nodes.get(formula.0 as usize) {
            Some(NodeRef::Gate(g)) if self.gates[*g].name.is_none() => {
                self.gates[*g].name = Some(name.clone());
                formula
            }
            Some(_) => {
                let f = self.gate(Connective::Or, vec![formula]);
                let NodeRef::Gate(g) = self.nodes[f.0 as usize] else {
                    unreachable!("gate() pushes a gate")
                };
                self.gates[g].name = Some(name.clone());
                f
            }
            None => return Err(Error::ForeignFormula),
        };
        self.names.insert(name, formula);
        Ok(formula)
    }

    /// Finishes the tree with `top` as its top event.
    pub fn build(self, top: Formula) -> Result<FaultTree, Error> {
        let n = self.nodes.len() as u32;
        if top.0 >= n || self.gates.iter().flat_map(|g| &g.inputs).any(|f| f.0 >= n) {
            return Err(Error::ForeignFormula);
        }
        for g in &self.gates {
            if g.connective == Connective::Not && g.inputs.len() != 1 {
                return Err(Error::InvalidGate(format!(
                    "NOT gate {} must have exactly one input",
                    g.name.as_deref().unwrap_or("(anonymous)")
                )));
            }
        }
        Ok(FaultTree {
            events: self.events,
            gates: self.gates,
            nodes: self.nodes,
            names: self.names,
            top,
        })
    }
}

/// A fault tree: basic events, gates and a top event. Make one with
/// [`FaultTreeBuilder`] or [`crate::parse_mef`], then call
/// [`FaultTree::analyze`].
#[derive(Debug, Clone)]
pub struct FaultTree {
    pub(crate) events: Vec<BasicEvent>,
    pub(crate) gates: Vec<Gate>,
    pub(crate) nodes: Vec<NodeRef>,
    names: HashMap<String, Formula>,
    pub(crate) top: Formula,
}

impl FaultTree {
    /// The basic events, in declaration order.
    pub fn basic_events(&self) -> &[BasicEvent] {
        &self.events
    }

    /// The gates, named and anonymous.
    pub fn gates(&self) -> &[Gate] {
        &self.gates
    }

    /// The top event's name, if it is a named gate or a basic event.
    pub fn top_name(&self) -> Option<&str> {
        match self.nodes[self.top.0 as usize] {
            NodeRef::Gate(g) => self.gates[g].name.as_deref(),
            NodeRef::Event(e) => Some(&self.events[e].name),
            NodeRef::Constant(_) => None,
        }
    }

    /// Changes a basic event's probability (what-if studies, tests).
    pub fn set_probability(&mut self, name: &str, probability: f64) -> Result<(), Error> {
        if !(0.0..=1.0).contains(&probability) {
            return Err(Error::InvalidProbability {
                name: name.to_string(),
                value: probability,
            });
        }
        match self.names.get(name).map(|f| self.nodes[f.0 as usize]) {
            Some(NodeRef::Event(e)) => {
                self.events[e].probability = probability;
                Ok(())
            }
            _ => Err(Error::UnknownEvent(name.to_string())),
        }
    }

    /// Makes `name` (a named gate or basic event) the top event.
    pub fn set_top(&mut self, name: &str) -> Result<(), Error> {
        match self.names.get(name) {
            Some(&f) => {
                self.top = f;
                Ok(())
            }
            None => Err(Error::UnknownEvent(name.to_string())),
        }
    }

    /// `false` when a NOT or XOR gate is reachable from the top event.
    pub fn is_coherent(&self) -> bool {
        let mut seen = vec![false; self.gates.len()];
        let mut stack = vec![self.top];
        while let Some(f) = stack.pop() {
            if let NodeRef::Gate(g) = self.nodes[f.0 as usize] {
                if std::mem::replace(&mut seen[g], true) {
                    continue;
                }
                let gate = &self.gates[g];
                if matches!(gate.connective, Connective::Not | Connective::Xor) {
                    return false;
                }
                stack.extend(&gate.inputs);
            }
        }
        true
    }

    pub(crate) fn node(&self, f: Formula) -> NodeRef {
        self.nodes[f.0 as usize]
    }
}
