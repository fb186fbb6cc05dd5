//! The incident record: what extraction produces, the store keeps and reports render.
//!
//! The JSON field names of these types are the stable record schema documented in
//! `docs/intel.md`. Every extracted value carries its [`Evidence`] (the sentence it came
//! from) and a [`Provenance`]: `stated` when the sentence says it, `inferred` when a rule
//! derived it (a weekday resolved against the publication date, a country from a city).
//! A scalar the text does not support is serialised as the string `"not stated"`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Marker written for a scalar field the text does not support.
pub const NOT_STATED: &str = "not stated";

/// Whether a value is said by the text or derived from it by a documented rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    Stated,
    Inferred,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Stated => "stated",
            Provenance::Inferred => "inferred",
        }
    }
}

/// The sentence a value came from: `sentence == document.text[offset..offset + sentence.len()]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    pub offset: usize,
}

/// A value with its evidence and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    pub provenance: Provenance,
    pub evidence: Evidence,
    /// Which rule produced the value, or how an inferred value was derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A scalar field: a [`Fact`] or "not stated".
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T>(pub Option<Fact<T>>);

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field(None)
    }
}

impl<T> Field<T> {
    pub fn value(&self) -> Option<&T> {
        self.0.as_ref().map(|f| &f.value)
    }
    pub fn fact(&self) -> Option<&Fact<T>> {
        self.0.as_ref()
    }
    pub fn is_stated(&self) -> bool {
        self.0.is_some()
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(f) => f.serialize(s),
            None => s.serialize_str(NOT_STATED),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(s) if s == NOT_STATED => Ok(Field(None)),
            serde_json::Value::Null => Ok(Field(None)),
            other => serde_json::from_value(other)
                .map(|f| Field(Some(f)))
                .map_err(serde::de::Error::custom),
        }
    }
}

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceInfo {
    /// File path, `-` for standard input, `PATH#GUID` for a feed item.
    pub path: String,
    pub format: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub guid: Option<String>,
    /// Publication date as found in metadata (ISO 8601 date).
    #[serde(default)]
    pub published: Option<String>,
    /// SHA-256 of the normalised article text.
    pub content_hash: String,
    #[serde(default)]
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Victim {
    pub name: String,
    /// hospital, hospital network, clinic, care home, health service, laboratory,
    /// health insurer, health IT provider, … or "not stated".
    pub org_type: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    pub name: String,
}

/// Confidentiality / integrity / availability: `true` when the text supports an effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CiaPosture {
    pub confidentiality: Field<bool>,
    pub integrity: Field<bool>,
    pub availability: Field<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreatActor {
    pub name: String,
    /// ransomware gang, criminal group, nation-state, hacktivist, insider, or "not stated".
    pub actor_type: String,
    /// Country the text attributes the actor to, when stated.
    #[serde(default)]
    pub country: Option<String>,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueRef {
    /// ATT&CK technique id, e.g. `T1486`.
    pub id: String,
    pub name: String,
    /// ATT&CK tactic ids, e.g. `TA0040`.
    pub tactics: Vec<String>,
    /// The phrase that triggered the mapping.
    pub matched: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

/// An operational, financial or data impact as a structured fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactFact {
    /// How many, when a number is given.
    pub count: Option<u64>,
    /// What was affected: "surgeries", "patients", "emergency department", "EUR"…
    pub unit: String,
    /// cancelled, postponed, transferred, diverted, reduced capacity, unavailable,
    /// disrupted, manual fallback, delayed, exposed, cost, ransom demanded, ransom paid.
    pub effect: String,
    /// How long, as written ("three months").
    pub duration: Option<String>,
    /// Duration in days when it could be computed.
    #[serde(default)]
    pub duration_days: Option<f64>,
    /// financial, data, operational.
    pub category: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseAction {
    /// isolate_external, shutdown_servers, patient_transfer, ambulance_diversion,
    /// authorities_notified, phased_restoration, services_restored, manual_fallback,
    /// external_experts, ransom_refused, ransom_paid, restore_from_backup,
    /// credentials_reset, crisis_management.
    pub kind: String,
    /// containment, eradication, recovery.
    pub phase: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ioc {
    /// ipv4, domain, url, md5, sha1, sha256, cve, email.
    pub kind: String,
    /// Re-fanged, canonical value.
    pub value: String,
    /// As written in the text (possibly defanged).
    pub original: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

/// A free-text item (a motive, a malware family, a recommendation…) with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub value: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

/// A structured incident record extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    /// Stable id, `INC-` + 12 hex digits of the document's identity hash.
    pub id: String,
    pub source: SourceInfo,
    pub title: String,
    pub summary: Field<String>,
    pub victims: Vec<Victim>,
    pub sector: Field<String>,
    pub country: Field<Country>,
    pub city: Field<String>,
    /// ISO 8601 date (`YYYY-MM-DD`, or `YYYY-MM` when only the month is given).
    pub incident_date: Field<String>,
    pub discovery_date: Field<String>,
    pub publication_date: Field<String>,
    pub cia: CiaPosture,
    pub motives: Vec<Item>,
    pub threat_actors: Vec<ThreatActor>,
    pub malware: Vec<Item>,
    pub techniques: Vec<TechniqueRef>,
    pub impacts: Vec<ImpactFact>,
    pub response_actions: Vec<ResponseAction>,
    pub iocs: Vec<Ioc>,
    pub lessons_learned: Vec<Item>,
    pub recommendations: Vec<Item>,
    /// The full article text the evidence offsets refer to.
    pub text: String,
    /// Page noise kept apart from the article (navigation, ads, link lists, comments).
    #[serde(default)]
    pub noise: crate::document::Noise,
    /// Language of the article as detected (ISO 639-1: `en`, `nl`, `fr`, `de`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// List fields cut to `extract::MAX_ITEMS_PER_FIELD` items: field name → how many more
    /// the text supported ("+N more").
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub omitted: std::collections::BTreeMap<String, usize>,
    /// Version of the extraction rules that produced this record.
    pub extractor_version: u32,
}

impl IncidentRecord {
    pub fn primary_victim(&self) -> Option<&Victim> {
        self.victims.first()
    }
    pub fn technique_ids(&self) -> Vec<String> {
        self.techniques.iter().map(|t| t.id.clone()).collect()
    }
}
