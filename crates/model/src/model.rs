//! The resolved estate: what the engines read.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::ComponentKind;
use crate::diagnostic::{Diagnostic, Location, did_you_mean};
use crate::selector::Selector;
use crate::{AccessLevel, InteractionKind, WeaknessKind};

/// Index of a component in [`Model::components`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ComponentId(pub u32);

impl ComponentId {
    /// As a `usize` index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of a zone in [`Model::zones`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ZoneId(pub u32);

/// Index of a service in [`Model::services`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServiceId(pub u32);

/// Index of a rule in [`Model::rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(pub u32);

/// A network zone.
#[derive(Clone, Debug)]
pub struct Zone {
    /// Identifier.
    pub id: String,
    /// Outside the organisation (the internet, partners, GP practices).
    pub external: bool,
    /// Free text.
    pub description: Option<String>,
    /// For an external zone: the component standing for "anyone on it".
    pub network: Option<ComponentId>,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// How important a component is to the organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Criticality {
    /// Low.
    Low,
    /// Medium (the default).
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Criticality {
    /// Parses `low|medium|high|critical`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "low" => Self::Low,
            "medium" => Self::Medium,
            "high" => Self::High,
            "critical" => Self::Critical,
            _ => return None,
        })
    }
}

/// A declared weakness of a component.
#[derive(Clone, Debug)]
pub struct Weakness {
    /// What kind.
    pub kind: WeaknessKind,
    /// CVE id, for known vulnerabilities.
    pub cve: Option<String>,
    /// Access it hands to an attacker who uses it (default `control`).
    pub grants: AccessLevel,
    /// For `stored-credentials`: where the credentials are stored.
    pub on: Option<Selector>,
    /// Free text.
    pub notes: Option<String>,
}

impl Weakness {
    /// A short label: "exploitable-vulnerability CVE-2023-4966".
    pub fn label(&self) -> String {
        match &self.cve {
            Some(cve) => format!("{} {cve}", self.kind),
            None => self.kind.to_string(),
        }
    }
}

/// A system of the estate.
#[derive(Clone, Debug)]
pub struct Component {
    /// Identifier.
    pub id: String,
    /// Catalog kind.
    pub kind: &'static ComponentKind,
    /// Zone.
    pub zone: ZoneId,
    /// External zones it is exposed to (empty: not exposed).
    pub exposed_to: Vec<ZoneId>,
    /// Losing it (or its data) is what the organisation fears most.
    pub crown_jewel: bool,
    /// Importance.
    pub criticality: Criticality,
    /// Tags, for selectors and catalog defaults.
    pub tags: Vec<String>,
    /// Declared weaknesses.
    pub weaknesses: Vec<Weakness>,
    /// The hypervisor or host it runs on.
    pub runs_on: Option<ComponentId>,
    /// Probability of being unavailable, for continuity.
    pub p_fail: Option<f64>,
    /// Cost of cutting it off, for containment.
    pub cut_cost: Option<f64>,
    /// Declared redundancy group (`redundancy: domain-controllers`): providers
    /// of one availability kind in the same group stand in for each other;
    /// providers without a group are each needed (docs/semantics.md).
    pub redundancy: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Free properties.
    pub properties: BTreeMap<String, serde_json::Value>,
    /// Created by cordon (the network of an external zone), not declared.
    pub implicit: bool,
    /// Where it is declared.
    pub location: Option<Location>,
}

impl Component {
    /// Whether it carries a tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// Where an interaction rule comes from.
#[derive(Clone, Debug)]
pub enum RuleOrigin {
    /// Written in the model.
    Declared(Location),
    /// A default of the catalog kind of `from` (or `to`, for incoming defaults).
    CatalogDefault {
        /// The kind carrying the default.
        kind: &'static str,
        /// Why real estates have it.
        why: &'static str,
    },
    /// `exposed:` — anyone on the external zone connects to the component.
    Exposure(Option<Location>),
    /// `runs_on:` — the host runs the guest.
    RunsOn(Option<Location>),
    /// A `stored-credentials` weakness.
    StoredCredentials(Option<Location>),
}

/// An interaction as written (possibly with selectors) or implied.
#[derive(Clone, Debug)]
pub struct InteractionRule {
    /// Source end.
    pub from: Selector,
    /// Target end.
    pub to: Selector,
    /// What it is.
    pub kind: InteractionKind,
    /// Protocol, free text (`ldaps`, `hl7/mllp`, `rdp`).
    pub protocol: Option<String>,
    /// Protected by multi-factor authentication: grants at most `reach`.
    pub mfa: bool,
    /// Free text.
    pub notes: Option<String>,
    /// Cost of cutting it, for containment.
    pub cut_cost: Option<f64>,
    /// Where it comes from.
    pub origin: RuleOrigin,
}

/// One directed interaction between two components, selectors expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interaction {
    /// Source.
    pub from: ComponentId,
    /// Target.
    pub to: ComponentId,
    /// What it is.
    pub kind: InteractionKind,
    /// Protected by MFA.
    pub mfa: bool,
    /// The rule it was expanded from.
    pub rule: RuleId,
}

/// A resolved `needs` expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Need {
    /// A component must be up.
    Component(ComponentId),
    /// Another service must be up.
    Service(ServiceId),
    /// All operands.
    All(Vec<Need>),
    /// At least one operand.
    Any(Vec<Need>),
    /// At least `k` operands.
    AtLeast(usize, Vec<Need>),
}

/// A manual fallback when a service's systems are down.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Fallback {
    /// What staff do ("phone booking", "paper orders and ambulance diversion").
    pub name: String,
    /// Share of normal capacity it delivers, 0..=1.
    pub capacity: f64,
    /// Free text.
    pub notes: Option<String>,
}

/// A clinical or business service.
#[derive(Clone, Debug)]
pub struct Service {
    /// Identifier.
    pub id: String,
    /// Free text.
    pub description: Option<String>,
    /// What it needs, resolved.
    pub needs: Need,
    /// What it needs, as written.
    pub needs_text: String,
    /// Manual fallback.
    pub fallback: Option<Fallback>,
    /// Importance.
    pub criticality: Criticality,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// A loaded, validated estate.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Name of the estate.
    pub name: String,
    /// Files read, in order.
    pub files: Vec<std::path::PathBuf>,
    /// Zones.
    pub zones: Vec<Zone>,
    /// Components.
    pub components: Vec<Component>,
    /// Interaction rules: declared first, then implied.
    pub rules: Vec<InteractionRule>,
    /// Interactions, sorted by (from, to, kind), one per triple.
    pub interactions: Vec<Interaction>,
    /// Services.
    pub services: Vec<Service>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    pub(crate) component_index: HashMap<String, ComponentId>,
    pub(crate) zone_index: HashMap<String, ZoneId>,
    pub(crate) service_index: HashMap<String, ServiceId>,
    pub(crate) tag_index: HashMap<String, Vec<ComponentId>>,
    pub(crate) kind_index: HashMap<&'static str, Vec<ComponentId>>,
    pub(crate) zone_members: Vec<Vec<ComponentId>>,
}

/// A selector that names nothing in this model.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct SelectError {
    /// What is wrong.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
}

impl Model {
    /// The component with this id.
    pub fn component_id(&self, id: &str) -> Option<ComponentId> {
        self.component_index.get(id).copied()
    }

    /// The component at an index.
    pub fn component(&self, id: ComponentId) -> &Component {
        &self.components[id.index()]
    }

    /// The zone with this id.
    pub fn zone_id(&self, id: &str) -> Option<ZoneId> {
        self.zone_index.get(id).copied()
    }

    /// The zone at an index.
    pub fn zone(&self, id: ZoneId) -> &Zone {
        &self.zones[id.0 as usize]
    }

    /// The service with this id.
    pub fn service_id(&self, id: &str) -> Option<ServiceId> {
        self.service_index.get(id).copied()
    }

    /// Whether the component stands outside: exposed or in an external zone.
    pub fn is_entry_point(&self, id: ComponentId) -> bool {
        let c = self.component(id);
        !c.exposed_to.is_empty() || self.zone(c.zone).external
    }

    /// Whether the component sits in an external zone.
    pub fn is_external(&self, id: ComponentId) -> bool {
        self.zone(self.component(id).zone).external
    }

    /// All component ids.
    pub fn component_ids(&self) -> impl Iterator<Item = ComponentId> + '_ {
        (0..self.components.len() as u32).map(ComponentId)
    }

    /// Exposed components: reachable from an external zone. These are what
    /// `entry-points` selects, along with external components.
    pub fn entry_points(&self) -> Vec<ComponentId> {
        self.component_ids()
            .filter(|&c| self.is_entry_point(c))
            .collect()
    }

    /// Crown jewels.
    pub fn crown_jewels(&self) -> Vec<ComponentId> {
        self.component_ids()
            .filter(|&c| self.component(c).crown_jewel)
            .collect()
    }

    /// Components with a tag.
    pub fn tagged(&self, tag: &str) -> &[ComponentId] {
        self.tag_index.get(tag).map_or(&[], Vec::as_slice)
    }

    /// Components of a catalog kind.
    pub fn of_kind(&self, kind: &str) -> &[ComponentId] {
        self.kind_index.get(kind).map_or(&[], Vec::as_slice)
    }

    /// Components of a zone.
    pub fn in_zone(&self, zone: ZoneId) -> &[ComponentId] {
        &self.zone_members[zone.0 as usize]
    }

    /// Resolves a selector, sorted by id. Unknown component ids and zones are
    /// errors with a suggestion; a tag or kind that matches nothing is not.
    pub fn select(&self, selector: &Selector) -> Result<Vec<ComponentId>, SelectError> {
        let mut out: Vec<ComponentId> = match selector {
            // An exact id, else a former id or the readable name (resolve.rs).
            Selector::Id(id) => vec![self.resolve_component(id)?],
            Selector::Kind(k) => {
                if crate::catalog::kind(k).is_none() {
                    return Err(SelectError {
                        message: format!("unknown kind `{k}`"),
                        help: crate::catalog::suggest_kind(k),
                    });
                }
                self.of_kind(k).to_vec()
            }
            Selector::Zone(z) => match self.zone_id(z) {
                Some(z) => self.in_zone(z).to_vec(),
                None => {
                    return Err(SelectError {
                        message: format!("unknown zone `{z}`"),
                        help: did_you_mean(z, self.zones.iter().map(|z| z.id.as_str())),
                    });
                }
            },
            Selector::Tag(t) => self.tagged(t).to_vec(),
            Selector::EntryPoints => self.entry_points(),
            Selector::CrownJewels => self.crown_jewels(),
            Selector::External => self
                .component_ids()
                .filter(|&c| self.is_external(c))
                .collect(),
            Selector::All => self.component_ids().collect(),
        };
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Parses and resolves selector text (a CLI argument).
    pub fn select_str(&self, text: &str) -> Result<Vec<ComponentId>, SelectError> {
        let sel = Selector::parse(text).map_err(|e| SelectError {
            message: e.message,
            help: None,
        })?;
        self.select(&sel)
    }

    /// "did you mean `x`?" for an unknown component id.
    pub fn suggest_component(&self, id: &str) -> Option<String> {
        did_you_mean(id, self.components.iter().map(|c| c.id.as_str()))
    }

    /// Where an interaction comes from, for explanations.
    pub fn rule(&self, id: RuleId) -> &InteractionRule {
        &self.rules[id.0 as usize]
    }
}
