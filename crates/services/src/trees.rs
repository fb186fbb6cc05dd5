//! Services as fault trees: the top event is "the service is down".

use std::collections::HashMap;

use cordon_continuity::{FaultTree, FaultTreeBuilder, Formula, Settings};
use cordon_model::{ComponentId, Criticality, Model, Need, ServiceId};

use crate::{DEFAULT_P_FAIL, Error};

/// A minimal cut set of a service: components whose joint loss stops it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceCutSet {
    /// The components, sorted by id.
    pub components: Vec<ComponentId>,
    /// Product of their failure probabilities.
    pub probability: f64,
}

/// What the engine says about one service.
#[derive(Clone, Debug)]
pub struct ServiceAnalysis {
    /// The service.
    pub service: ServiceId,
    /// Probability that it is down (exact, from the BDD).
    pub probability: f64,
    /// Number of minimal cut sets (within the settings' order limit).
    pub mcs_count: u128,
    /// `distribution[k]`: minimal cut sets of order `k`.
    pub distribution: Vec<u128>,
    /// Minimal cut sets, smallest first: every one of order 1 and 2, then
    /// larger ones up to `max_cut_sets` in all. `mcs_count` minus the length
    /// is how many are not listed.
    pub cut_sets: Vec<ServiceCutSet>,
    /// Components whose loss alone stops the service.
    pub single_points_of_failure: Vec<ComponentId>,
}

/// One dependency of a component for the trees: whether losing it stops
/// the component ([`crate::availability::stops_dependent`]) and its
/// providers, each with the node that fails it (see [`TreeBuilder::down`]).
struct Dep {
    stops: bool,
    providers: Vec<usize>,
}

struct TreeBuilder<'m> {
    model: &'m Model,
    /// Dependencies by component.
    deps: Vec<Vec<Dep>>,
    b: FaultTreeBuilder,
    events: HashMap<u32, Formula>,
    /// Formulas by node (see [`TreeBuilder::down`]).
    memo: HashMap<usize, Formula>,
    services: HashMap<u32, Option<Formula>>,
    /// Stack depth by node, or [`NOT_ON_STACK`].
    depth: Vec<usize>,
}

/// Node of "component `c` is unavailable".
fn unavailable_node(c: ComponentId) -> usize {
    c.index() * 2
}

/// Node of "component `c` is stopped" (cannot carry what it hosts or
/// supplies).
fn stopped_node(c: ComponentId) -> usize {
    c.index() * 2 + 1
}

const NOT_ON_STACK: usize = usize::MAX;

/// Largest gate the service trees build (see `TreeBuilder::wide`).
const FAN_IN: usize = 32;

impl TreeBuilder<'_> {
    fn event(&mut self, c: ComponentId) -> Result<Formula, cordon_continuity::Error> {
        if let Some(f) = self.events.get(&c.0) {
            return Ok(*f);
        }
        let comp = self.model.component(c);
        let f = self
            .b
            .basic_event(&comp.id, comp.p_fail.unwrap_or(DEFAULT_P_FAIL))?;
        self.events.insert(c.0, f);
        Ok(f)
    }

    /// "c is unavailable". The rule has two kinds of node: "c is
    /// unavailable" (its event, or any dependency lost) and "c is stopped"
    /// (its event, or a dependency that [stops](crate::availability::stops_dependent)
    /// it lost); a `hosts`/`supplies` provider fails its dependency when it
    /// is stopped, any other when it is unavailable. A node already on the
    /// depth-first path contributes `false`: the unfolding of a least
    /// fixpoint (a cycle of dependencies adds no failure of its own). A
    /// node's formula is memoised once it closed no cycle above itself.
    ///
    /// Iterative (an explicit stack of frames): a chain of 20,000
    /// dependencies must not overflow the thread's stack.
    fn down(&mut self, root: ComponentId) -> Result<Formula, cordon_continuity::Error> {
        let root = unavailable_node(root);
        if let Some(f) = self.memo.get(&root) {
            return Ok(*f);
        }
        struct Frame {
            node: usize,
            /// Shallowest stack depth of a cycle closed below.
            hit: usize,
            group: usize,
            provider: usize,
            all: Vec<Formula>,
            cyclic: bool,
            alternatives: Vec<Formula>,
        }
        let mut stack: Vec<Frame> = Vec::new();
        let open = |this: &mut Self, stack: &mut Vec<Frame>, node: usize| {
            this.depth[node] = stack.len();
            let event = this.event(ComponentId((node / 2) as u32))?;
            stack.push(Frame {
                node,
                hit: NOT_ON_STACK,
                group: 0,
                provider: 0,
                all: Vec::new(),
                cyclic: false,
                alternatives: vec![event],
            });
            Ok::<(), cordon_continuity::Error>(())
        };
        open(self, &mut stack, root)?;
        loop {
            let me = stack.len() - 1;
            let top = &mut stack[me];
            let stop_node = top.node % 2 == 1;
            let groups = &self.deps[top.node / 2];
            // A stopped node looks only at the dependencies that stop.
            while top.group < groups.len() && stop_node && !groups[top.group].stops {
                top.group += 1;
            }
            if top.group == groups.len() {
                // Every dependency done: close the frame.
                let frame = stack.pop().expect("a frame is open");
                self.depth[frame.node] = NOT_ON_STACK;
                let f = self.wide(frame.alternatives, false);
                let mut hit = frame.hit;
                if hit >= me {
                    self.memo.insert(frame.node, f);
                    hit = NOT_ON_STACK;
                }
                match stack.last_mut() {
                    None => return Ok(f),
                    Some(parent) => {
                        parent.hit = parent.hit.min(hit);
                        parent.all.push(f);
                        parent.provider += 1;
                    }
                }
                continue;
            }
            let group = &groups[top.group].providers;
            if top.cyclic || top.provider == group.len() {
                let all = std::mem::take(&mut top.all);
                let cyclic = top.cyclic;
                top.cyclic = false;
                top.provider = 0;
                top.group += 1;
                if !cyclic && !all.is_empty() {
                    let f = self.wide(all, true);
                    stack[me].alternatives.push(f);
                }
                continue;
            }
            let p = group[top.provider];
            if self.depth[p] != NOT_ON_STACK {
                top.hit = top.hit.min(self.depth[p]);
                top.cyclic = true;
                continue;
            }
            if let Some(f) = self.memo.get(&p) {
                top.all.push(*f);
                top.provider += 1;
                continue;
            }
            open(self, &mut stack, p)?;
        }
    }

    /// "the need is not met".
    fn fails(&mut self, need: &Need) -> Result<Formula, cordon_continuity::Error> {
        Ok(match need {
            Need::Component(c) => self.down(*c)?,
            Need::Service(s) => self.service(*s)?,
            Need::All(v) => {
                let f = v
                    .iter()
                    .map(|n| self.fails(n))
                    .collect::<Result<Vec<_>, _>>()?;
                self.wide(f, false)
            }
            Need::Any(v) => {
                let f = v
                    .iter()
                    .map(|n| self.fails(n))
                    .collect::<Result<Vec<_>, _>>()?;
                self.wide(f, true)
            }
            Need::AtLeast(k, v) => {
                let f = v
                    .iter()
                    .map(|n| self.fails(n))
                    .collect::<Result<Vec<_>, _>>()?;
                // k of n needed: down when n - k + 1 have failed.
                let m = f.len() + 1 - k;
                self.b.atleast(m, f)
            }
        })
    }

    /// An AND (`and`) or OR gate over many inputs, as a balanced tree of
    /// gates of at most [`FAN_IN`] inputs. A single gate over n inputs is
    /// folded input by input into the BDD, each step copying what was built
    /// so far (n²/2 nodes: 3 GB for a service over 20,000 workstations); in
    /// blocks the copies stay small (about n·FAN_IN·log n nodes).
    fn wide(&mut self, mut inputs: Vec<Formula>, and: bool) -> Formula {
        while inputs.len() > FAN_IN {
            inputs = inputs
                .chunks(FAN_IN)
                .map(|c| {
                    if c.len() == 1 {
                        c[0]
                    } else if and {
                        self.b.and(c.to_vec())
                    } else {
                        self.b.or(c.to_vec())
                    }
                })
                .collect();
        }
        match inputs.len() {
            1 => inputs[0],
            _ if and => self.b.and(inputs),
            _ => self.b.or(inputs),
        }
    }

    fn service(&mut self, s: ServiceId) -> Result<Formula, cordon_continuity::Error> {
        if let Some(Some(f)) = self.services.get(&s.0) {
            return Ok(*f);
        }
        // The model rejects cycles between services.
        let f = self.fails(&self.model.services[s.0 as usize].needs.clone())?;
        self.services.insert(s.0, Some(f));
        Ok(f)
    }
}

/// The dependencies of every component as tree nodes: each provider of a
/// `hosts`/`supplies` dependency by its "stopped" node, any other by its
/// "unavailable" node.
fn tree_dependencies(model: &Model) -> Vec<Vec<Dep>> {
    use crate::availability::{passes_stop_only, stops_dependent};
    crate::availability::dependencies(model)
        .into_iter()
        .map(|deps| {
            deps.into_iter()
                .map(|d| Dep {
                    stops: stops_dependent(d.kind),
                    providers: d
                        .interactions
                        .iter()
                        .map(|&i| {
                            let p = model.interactions[i].from;
                            if passes_stop_only(d.kind) {
                                stopped_node(p)
                            } else {
                                unavailable_node(p)
                            }
                        })
                        .collect(),
                })
                .collect()
        })
        .collect()
}

/// The fault tree of one service: top event "the service is down", basic
/// events "component fails" named by component id.
pub fn service_fault_tree(model: &Model, service: ServiceId) -> Result<FaultTree, Error> {
    let wrap = |source| Error::Engine {
        service: model.services[service.0 as usize].id.clone(),
        source,
    };
    let mut t = TreeBuilder {
        model,
        deps: tree_dependencies(model),
        b: FaultTreeBuilder::new(),
        events: HashMap::new(),
        memo: HashMap::new(),
        services: HashMap::new(),
        depth: vec![NOT_ON_STACK; 2 * model.components.len()],
    };
    // The services it needs, dependencies first, so building one service's
    // formula never recurses into another (no recursion over a chain of
    // services).
    let mut needed = vec![false; model.services.len()];
    let mut stack = vec![&model.services[service.0 as usize].needs];
    while let Some(n) = stack.pop() {
        match n {
            Need::Service(d) if !needed[d.0 as usize] => {
                needed[d.0 as usize] = true;
                stack.push(&model.services[d.0 as usize].needs);
            }
            Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => stack.extend(v.iter()),
            _ => {}
        }
    }
    for s in crate::states::service_order(model) {
        if needed[s] && s != service.0 as usize {
            t.service(ServiceId(s as u32)).map_err(wrap)?;
        }
    }
    let top = t.service(service).map_err(wrap)?;
    let name = format!("{}-down", model.services[service.0 as usize].id);
    let top = t.b.name_gate(&name, top).map_err(wrap)?;
    t.b.build(top).map_err(wrap)
}

/// Analyses every service: unavailability, minimal cut sets (smallest
/// first: all of order 1 and 2, then up to `max_cut_sets` in all), single
/// points of failure.
pub fn analyze_services(
    model: &Model,
    settings: &Settings,
    max_cut_sets: usize,
) -> Result<Vec<ServiceAnalysis>, Error> {
    let mut out = Vec::with_capacity(model.services.len());
    for s in 0..model.services.len() {
        let sid = ServiceId(s as u32);
        let tree = service_fault_tree(model, sid)?;
        let analysis = tree.analyze(settings).map_err(|source| Error::Engine {
            service: model.services[s].id.clone(),
            source,
        })?;
        let mut cut_sets = Vec::new();
        analysis.for_each_cut_set(|cs| {
            let mut components: Vec<ComponentId> = cs
                .events
                .iter()
                .filter_map(|e| model.component_id(e))
                .collect();
            components.sort_by(|a, b| model.component(*a).id.cmp(&model.component(*b).id));
            cut_sets.push(ServiceCutSet {
                components,
                probability: cs.probability,
            });
            true
        });
        cut_sets.sort_by(|a, b| {
            a.components
                .len()
                .cmp(&b.components.len())
                .then(b.probability.total_cmp(&a.probability))
                .then_with(|| {
                    let ids = |c: &ServiceCutSet| {
                        c.components
                            .iter()
                            .map(|x| model.component(*x).id.clone())
                            .collect::<Vec<_>>()
                    };
                    ids(a).cmp(&ids(b))
                })
        });
        let single_points_of_failure = cut_sets
            .iter()
            .filter(|c| c.components.len() == 1)
            .map(|c| c.components[0])
            .collect();
        // Pairs are what a crisis cell needs to see beside the single points
        // of failure: every set of order 1 or 2 is listed, whatever
        // `max_cut_sets` says; larger ones up to `max_cut_sets` in all.
        let small = cut_sets.iter().filter(|c| c.components.len() <= 2).count();
        cut_sets.truncate(max_cut_sets.max(small));
        let report = analysis.report();
        out.push(ServiceAnalysis {
            service: sid,
            probability: analysis.probability(),
            mcs_count: analysis.mcs_count(),
            distribution: report.distribution.clone(),
            cut_sets,
            single_points_of_failure,
        });
    }
    Ok(out)
}

/// A component and the care its loss alone stops.
#[derive(Clone, Debug)]
pub struct CareAtRisk {
    /// The component.
    pub component: ComponentId,
    /// Services for which it is a single point of failure.
    pub services: Vec<ServiceId>,
    /// How many of those are critical.
    pub critical: usize,
    /// Capacity lost, summed over those services (1 − fallback capacity each).
    pub capacity_lost: f64,
}

/// Components ranked by the care their loss alone stops: critical services
/// first, then capacity lost, then number of services.
pub fn care_at_risk(model: &Model, analyses: &[ServiceAnalysis]) -> Vec<CareAtRisk> {
    let mut by: HashMap<ComponentId, Vec<ServiceId>> = HashMap::new();
    for a in analyses {
        for c in &a.single_points_of_failure {
            by.entry(*c).or_default().push(a.service);
        }
    }
    let mut out: Vec<CareAtRisk> = by
        .into_iter()
        .map(|(component, services)| {
            let svc = |s: &ServiceId| &model.services[s.0 as usize];
            CareAtRisk {
                component,
                critical: services
                    .iter()
                    .filter(|s| svc(s).criticality == Criticality::Critical)
                    .count(),
                capacity_lost: services
                    .iter()
                    .map(|s| 1.0 - svc(s).fallback.as_ref().map_or(0.0, |f| f.capacity))
                    .sum(),
                services,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.critical
            .cmp(&a.critical)
            .then(b.capacity_lost.total_cmp(&a.capacity_lost))
            .then(b.services.len().cmp(&a.services.len()))
            .then_with(|| {
                model
                    .component(a.component)
                    .id
                    .cmp(&model.component(b.component).id)
            })
    });
    out
}
