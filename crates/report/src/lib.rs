//! The JSON shapes of cordon's findings, shared by the CLI's `--format json` and the HTTP
//! API so the two cannot drift (docs/json.md): add fields, never rename or remove them.

pub mod dot;
pub mod words;

use cordon_model::{AccessLevel, ComponentId, Model, RuleOrigin};
use cordon_paths::{AttackPath, BlastRadius, Exposure};
use cordon_services::{ServiceAnalysis, care_at_risk};
use serde::Serialize;

#[derive(Serialize)]
pub struct HopView {
    pub from: String,
    pub to: String,
    /// Readable names of `from` and `to` (`cordon_paths::reading::display_name`:
    /// an imported object's name, a well-known SID's name, else the id).
    pub from_name: String,
    pub to_name: String,
    pub kind: &'static str,
    /// How the hop reads between `from_name` and `to_name`: the BloodHound
    /// edge kind's phrase (`is a member of`) when `protocol` names one, else
    /// the interaction verb (`connects to`) — `Hop::reads_as`.
    pub reads_as: &'static str,
    pub protocol: Option<String>,
    pub mfa: bool,
    pub held: AccessLevel,
    pub gained: AccessLevel,
    pub weakness: Option<String>,
    pub origin: String,
    pub explanation: String,
}

#[derive(Serialize)]
pub struct PathView {
    pub source: String,
    pub target: String,
    /// Readable names of `source` and `target` (`Component::label`).
    pub source_name: String,
    pub target_name: String,
    pub level: AccessLevel,
    pub hops: Vec<HopView>,
}

/// The readable name of a component (`cordon_paths::reading::display_name`:
/// an imported object's name, a well-known SID's name, else the id), owned.
pub fn name(model: &Model, c: ComponentId) -> String {
    cordon_paths::reading::display_name(model, c).into_owned()
}

pub fn origin(model: &Model, rule: cordon_model::RuleId) -> String {
    match &model.rule(rule).origin {
        RuleOrigin::Declared(loc) => format!("declared at {loc}"),
        RuleOrigin::CatalogDefault { kind, .. } => format!("default of {kind}"),
        RuleOrigin::Exposure(_) => "exposure".into(),
        RuleOrigin::RunsOn(_) => "runs_on".into(),
        RuleOrigin::StoredCredentials(_) => "stored-credentials weakness".into(),
    }
}

pub fn path_view(model: &Model, p: &AttackPath) -> PathView {
    PathView {
        source: model.component(p.source).id.clone(),
        target: model.component(p.target).id.clone(),
        source_name: cordon_paths::reading::display_name(model, p.source).into_owned(),
        target_name: cordon_paths::reading::display_name(model, p.target).into_owned(),
        level: p.level,
        hops: p
            .hops
            .iter()
            .map(|h| {
                let i = &model.interactions[h.interaction];
                HopView {
                    from: model.component(h.from).id.clone(),
                    to: model.component(h.to).id.clone(),
                    from_name: cordon_paths::reading::display_name(model, h.from).into_owned(),
                    to_name: cordon_paths::reading::display_name(model, h.to).into_owned(),
                    kind: i.kind.as_str(),
                    reads_as: h.reads_as(model),
                    protocol: model.rule(i.rule).protocol.clone(),
                    mfa: i.mfa,
                    held: h.held,
                    gained: h.gained,
                    weakness: h
                        .weakness
                        .map(|w| model.component(h.to).weaknesses[w as usize].label()),
                    origin: origin(model, i.rule),
                    explanation: h.explain(model),
                }
            })
            .collect(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelCounts {
    pub control: usize,
    pub write: usize,
    pub read: usize,
    pub reach: usize,
    pub total: usize,
}

impl LevelCounts {
    pub fn new(c: [usize; 5]) -> Self {
        LevelCounts {
            control: c[4],
            write: c[3],
            read: c[2],
            reach: c[1],
            total: c[1..].iter().sum(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Reached {
    pub id: String,
    /// Readable name (`Component::label`).
    pub name: String,
    pub level: AccessLevel,
}

pub fn reached(model: &Model, list: &[(ComponentId, AccessLevel)]) -> Vec<Reached> {
    list.iter()
        .map(|(c, l)| Reached {
            id: model.component(*c).id.clone(),
            name: cordon_paths::reading::display_name(model, *c).into_owned(),
            level: *l,
        })
        .collect()
}

#[derive(Serialize)]
pub struct BlastView {
    pub id: String,
    /// Readable name (`cordon_paths::reading::display_name`).
    pub name: String,
    pub counts: LevelCounts,
    pub crown_jewels: Vec<Reached>,
}

pub fn blast_view(model: &Model, b: &BlastRadius) -> BlastView {
    BlastView {
        id: model.component(b.source).id.clone(),
        name: name(model, b.source),
        counts: LevelCounts::new(b.counts),
        crown_jewels: reached(model, &b.crown_jewels),
    }
}

// --- exposure (as `cordon exposure --format json`) ---

#[derive(Serialize)]
pub struct Summary {
    pub components: usize,
    pub interactions: usize,
    pub declared_rules: usize,
    pub entry_points: usize,
    pub crown_jewels: usize,
    pub services: usize,
}

#[derive(Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub message: String,
}

#[derive(Serialize)]
pub struct JewelView {
    pub id: String,
    /// Readable name (`cordon_paths::reading::display_name`).
    pub name: String,
    pub best_level: AccessLevel,
    pub reached_from: Vec<Reached>,
    pub shortest_path: Option<PathView>,
}

#[derive(Serialize)]
pub struct EmergentView {
    pub sources: usize,
    pub all_components: bool,
    pub declared_pairs: usize,
    pub direct_control_pairs: usize,
    pub control_pairs: usize,
    pub emergent_pairs: usize,
    pub examples: Vec<PathView>,
}

#[derive(Serialize)]
pub struct ExposureView {
    pub model: String,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    pub crown_jewels: Vec<JewelView>,
    pub entry_points: Vec<BlastView>,
    pub emergent_trust: EmergentView,
}

pub fn summary(model: &Model) -> Summary {
    Summary {
        components: model.components.len(),
        interactions: model.interactions.len(),
        declared_rules: model
            .rules
            .iter()
            .filter(|r| matches!(r.origin, cordon_model::RuleOrigin::Declared(_)))
            .count(),
        entry_points: model.entry_points().len(),
        crown_jewels: model.crown_jewels().len(),
        services: model.services.len(),
    }
}

pub fn findings(model: &Model, exp: &Exposure) -> Vec<Finding> {
    let mut out = Vec::new();
    let jewels = exp.crown_jewels.len();
    let controlled = exp
        .crown_jewels
        .iter()
        .filter(|j| j.best == AccessLevel::Control)
        .count();
    let written = exp
        .crown_jewels
        .iter()
        .filter(|j| j.best == AccessLevel::Write)
        .count();
    if jewels == 0 {
        out.push(Finding {
            severity: "warning",
            message:
                "no crown jewel is marked: add `crown_jewel: true` to what you fear losing most"
                    .into(),
        });
    }
    if controlled > 0 {
        out.push(Finding {
            severity: "critical",
            message: format!(
                "{controlled} of {jewels} crown jewels can be controlled from outside"
            ),
        });
    }
    if written > 0 {
        out.push(Finding {
            severity: "high",
            message: format!("{written} of {jewels} crown jewels can be modified from outside"),
        });
    }
    for j in exp
        .crown_jewels
        .iter()
        .filter(|j| j.best >= AccessLevel::Write)
    {
        if let Some(p) = &j.shortest {
            out.push(Finding {
                severity: if j.best == AccessLevel::Control {
                    "critical"
                } else {
                    "high"
                },
                message: format!(
                    "{} (crown jewel): {} from {} in {}, reached from {}",
                    name(model, j.crown_jewel),
                    j.best,
                    name(model, p.source),
                    words::count(p.hops.len(), "hop"),
                    words::count(j.reached_from.len(), "entry point")
                ),
            });
        }
    }
    if let Some(b) = exp.entry_points.first().filter(|b| b.total() > 0) {
        out.push(Finding {
            severity: if b.crown_jewels.is_empty() {
                "medium"
            } else {
                "high"
            },
            message: format!(
                "largest blast radius: {} if breached gives control of {} and access to {}, {}",
                name(model, b.source),
                b.counts[4],
                words::count(b.total(), "component"),
                words::count(b.crown_jewels.len(), "crown jewel")
            ),
        });
    }
    let e = &exp.emergent;
    if e.emergent_pairs > 0 {
        out.push(Finding {
            severity: "medium",
            message: format!(
                "emergent trust: {} component pairs give control transitively, {} of them through no single interaction ({} interacting pairs declared)",
                e.control_pairs, e.emergent_pairs, e.declared_pairs
            ),
        });
    }
    out
}

pub fn exposure_view(model: &Model, exp: &Exposure) -> ExposureView {
    ExposureView {
        model: model.name.clone(),
        summary: summary(model),
        findings: findings(model, exp),
        crown_jewels: exp
            .crown_jewels
            .iter()
            .map(|j| JewelView {
                id: model.component(j.crown_jewel).id.clone(),
                name: name(model, j.crown_jewel),
                best_level: j.best,
                reached_from: reached(model, &j.reached_from),
                shortest_path: j.shortest.as_ref().map(|p| path_view(model, p)),
            })
            .collect(),
        entry_points: exp
            .entry_points
            .iter()
            .map(|b| blast_view(model, b))
            .collect(),
        emergent_trust: EmergentView {
            sources: exp.emergent.sources,
            all_components: exp.emergent.all_components,
            declared_pairs: exp.emergent.declared_pairs,
            direct_control_pairs: exp.emergent.direct_control_pairs,
            control_pairs: exp.emergent.control_pairs,
            emergent_pairs: exp.emergent.emergent_pairs,
            examples: exp
                .emergent
                .examples
                .iter()
                .map(|p| path_view(model, &p.path))
                .collect(),
        },
    }
}

// --- services (as `cordon services --format json`) ---

#[derive(Serialize)]
pub struct CutSetView {
    pub components: Vec<String>,
    pub probability: f64,
}

#[derive(Serialize)]
pub struct FallbackView {
    pub name: String,
    pub capacity: f64,
}

#[derive(Serialize)]
pub struct ServiceView {
    pub id: String,
    pub needs: String,
    pub criticality: cordon_model::Criticality,
    pub probability: f64,
    pub mcs_count: u128,
    pub distribution: Vec<u128>,
    pub single_points_of_failure: Vec<String>,
    pub cut_sets: Vec<CutSetView>,
    pub fallback: Option<FallbackView>,
}

#[derive(Serialize)]
pub struct RiskView {
    pub id: String,
    pub services: Vec<String>,
    pub critical: usize,
    pub capacity_lost: f64,
}

#[derive(Serialize)]
pub struct ServicesView {
    pub model: String,
    pub default_p_fail: f64,
    pub services: Vec<ServiceView>,
    pub care_at_risk: Vec<RiskView>,
}

pub fn services_view(model: &Model, analyses: &[ServiceAnalysis]) -> ServicesView {
    let name = |c: &cordon_model::ComponentId| model.component(*c).id.clone();
    let mut services: Vec<ServiceView> = analyses
        .iter()
        .map(|a| {
            let s = &model.services[a.service.0 as usize];
            ServiceView {
                id: s.id.clone(),
                needs: s.needs_text.clone(),
                criticality: s.criticality,
                probability: a.probability,
                mcs_count: a.mcs_count,
                distribution: a.distribution.clone(),
                single_points_of_failure: a.single_points_of_failure.iter().map(name).collect(),
                cut_sets: a
                    .cut_sets
                    .iter()
                    .map(|c| CutSetView {
                        components: c.components.iter().map(name).collect(),
                        probability: c.probability,
                    })
                    .collect(),
                fallback: s.fallback.as_ref().map(|f| FallbackView {
                    name: f.name.clone(),
                    capacity: f.capacity,
                }),
            }
        })
        .collect();
    services.sort_by(|a, b| {
        b.criticality
            .cmp(&a.criticality)
            .then(b.probability.total_cmp(&a.probability))
    });
    let care_at_risk = care_at_risk(model, analyses)
        .into_iter()
        .map(|r| RiskView {
            id: name(&r.component),
            services: r
                .services
                .iter()
                .map(|s| model.services[s.0 as usize].id.clone())
                .collect(),
            critical: r.critical,
            capacity_lost: r.capacity_lost,
        })
        .collect();
    ServicesView {
        model: model.name.clone(),
        default_p_fail: cordon_services::DEFAULT_P_FAIL,
        services,
        care_at_risk,
    }
}

// --- blast (as `cordon blast --format json`) and paths (as `cordon paths --format json`) ---

#[derive(Serialize)]
pub struct BlastJson {
    pub breached: Vec<String>,
    pub counts: LevelCounts,
    pub by_level: ByLevel,
    pub crown_jewels: Vec<JewelReach>,
}

#[derive(Serialize)]
pub struct ByLevel {
    pub control: Vec<String>,
    pub write: Vec<String>,
    pub read: Vec<String>,
    pub reach: Vec<String>,
}

#[derive(Serialize)]
pub struct JewelReach {
    pub id: String,
    pub level: AccessLevel,
    pub path: Option<PathView>,
}

#[derive(Serialize)]
pub struct TargetPaths {
    pub target: String,
    pub level: AccessLevel,
    pub paths: Vec<PathView>,
}

/// Blast radius of breaching `sources`.
pub fn blast(model: &Model, sources: &[ComponentId]) -> BlastJson {
    let graph = cordon_paths::AttackGraph::new(model);
    let map = graph.access_from(sources);
    blast_json(&graph, &map)
}

/// [`blast`] from a search already run (`map` from `graph.access_from`).
pub fn blast_json(
    graph: &cordon_paths::AttackGraph<'_>,
    map: &cordon_paths::AccessMap,
) -> BlastJson {
    let model = graph.model;
    let sources = map.sources();
    let names = |l: AccessLevel| -> Vec<String> {
        map.at_level(l)
            .iter()
            .map(|c| model.component(*c).id.clone())
            .collect()
    };
    BlastJson {
        breached: sources
            .iter()
            .map(|c| model.component(*c).id.clone())
            .collect(),
        counts: LevelCounts::new(map.counts()),
        by_level: ByLevel {
            control: names(AccessLevel::Control),
            write: names(AccessLevel::Write),
            read: names(AccessLevel::Read),
            reach: names(AccessLevel::Reach),
        },
        crown_jewels: model
            .crown_jewels()
            .into_iter()
            .filter(|j| map.level(*j) > AccessLevel::None)
            .map(|j| JewelReach {
                id: model.component(j).id.clone(),
                level: map.level(j),
                path: map.path(graph, j).map(|p| path_view(model, &p)),
            })
            .collect(),
    }
}

/// The k best paths from `sources` to each of `targets` that they reach: one entry per
/// reached target (not a source itself) as (target, best access level, up to `k` paths,
/// best first), sorted by level (highest first), then by the best path's hop count, then
/// by target. Targets not in the list are not reached. The one computation behind
/// `cordon paths`, `GET /api/paths` and the board ([`paths`] is its JSON view).
pub fn paths_found(
    model: &Model,
    sources: &[ComponentId],
    targets: &[ComponentId],
    k: usize,
) -> Vec<(ComponentId, AccessLevel, Vec<AttackPath>)> {
    let graph = cordon_paths::AttackGraph::new(model);
    let reach = graph.access_from(sources);
    let mut results = Vec::new();
    for &t in targets {
        if sources.contains(&t) || reach.level(t) == AccessLevel::None {
            continue;
        }
        let ps = graph.k_best_paths(sources, t, k.max(1));
        results.push((t, reach.level(t), ps));
    }
    results.sort_by_key(|(t, l, p)| {
        (
            std::cmp::Reverse(*l),
            p.first().map_or(0, |p| p.hops.len()),
            *t,
        )
    });
    results
}

/// The k best paths from `sources` to each of `targets` that they reach, as JSON views
/// ([`paths_found`] for the order and the rules).
pub fn paths(
    model: &Model,
    sources: &[ComponentId],
    targets: &[ComponentId],
    k: usize,
) -> Vec<TargetPaths> {
    paths_found(model, sources, targets, k)
        .iter()
        .map(|(t, l, ps)| TargetPaths {
            target: model.component(*t).id.clone(),
            level: *l,
            paths: ps.iter().map(|p| path_view(model, p)).collect(),
        })
        .collect()
}
