//! The JSON shapes of the trust-path commands. Field names are a contract
//! (docs/json.md): add fields, never rename or remove them.

use cordon_model::{AccessLevel, ComponentId, Model, RuleOrigin};
use cordon_paths::{AttackPath, BlastRadius};
use serde::Serialize;

#[derive(Serialize)]
pub struct HopView {
    pub from: String,
    pub to: String,
    pub kind: &'static str,
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
    pub level: AccessLevel,
    pub hops: Vec<HopView>,
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
        level: p.level,
        hops: p
            .hops
            .iter()
            .map(|h| {
                let i = &model.interactions[h.interaction];
                HopView {
                    from: model.component(h.from).id.clone(),
                    to: model.component(h.to).id.clone(),
                    kind: i.kind.as_str(),
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

#[derive(Serialize)]
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

#[derive(Serialize)]
pub struct Reached {
    pub id: String,
    pub level: AccessLevel,
}

pub fn reached(model: &Model, list: &[(ComponentId, AccessLevel)]) -> Vec<Reached> {
    list.iter()
        .map(|(c, l)| Reached {
            id: model.component(*c).id.clone(),
            level: *l,
        })
        .collect()
}

#[derive(Serialize)]
pub struct BlastView {
    pub id: String,
    pub counts: LevelCounts,
    pub crown_jewels: Vec<Reached>,
}

pub fn blast_view(model: &Model, b: &BlastRadius) -> BlastView {
    BlastView {
        id: model.component(b.source).id.clone(),
        counts: LevelCounts::new(b.counts),
        crown_jewels: reached(model, &b.crown_jewels),
    }
}

/// Text rendering of a path: a header line and one numbered line per hop.
pub fn path_text(model: &Model, p: &AttackPath, indent: &str) -> String {
    labelled_path_text(model, p, indent, indent)
}

/// Like [`path_text`], with a label (`  #2 `) before the header line.
pub fn labelled_path_text(model: &Model, p: &AttackPath, label: &str, indent: &str) -> String {
    let mut s = format!(
        "{label}{} → {}: {} in {} hop{}\n",
        model.component(p.source).id,
        model.component(p.target).id,
        p.level,
        p.hops.len(),
        if p.hops.len() == 1 { "" } else { "s" }
    );
    for (n, h) in p.hops.iter().enumerate() {
        s.push_str(&format!("{indent}  {}. {}\n", n + 1, h.explain(model)));
    }
    s
}
