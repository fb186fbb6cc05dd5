//! VERIS 1.4 export (Vocabulary for Event Recording and Incident Sharing).
//!
//! Mapping (documented in docs/intel.md): victim industry as NAICS (622110 hospitals,
//! 621111/621498 clinics, 623110 care homes, 524114 health insurers, 621511 laboratories,
//! 923120 public health services, 541511 health IT), country as ISO 3166-1 alpha-2,
//! actions (malware/hacking/social) from ATT&CK techniques, actor from threat actors and
//! motives, attributes (availability variety and duration, confidentiality data
//! disclosure, data variety and record counts, integrity), timeline from the incident
//! date. Every enumerated value comes from the data table `data/veris_map.tsv` (ATT&CK
//! technique, actor type, motive or a data term in any language → VERIS path and enum
//! value), whose values a test checks against the official 1.4 schema
//! (`shared/data/veris/`). Values the text does not support are `Unknown`, as VERIS
//! prescribes: an exploited flaw whose text names no VPN, remote desktop or web
//! application has hacking vector `Unknown`, and stolen data whose kind is not named has
//! data variety `Unknown`.

use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::record::*;
use crate::stix::stix_id;

pub const SCHEMA_VERSION: &str = "1.4.0";

/// NAICS code of an organisation type.
pub fn naics(org_type: &str) -> &'static str {
    match org_type {
        "hospital" | "hospital network" => "622110",
        "clinic" => "621498",
        "care home" => "623110",
        "health insurer" => "524114",
        "laboratory" => "621511",
        "health service" => "923120",
        "health IT provider" => "541511",
        "healthcare provider" => "621000",
        _ => "000",
    }
}

fn unknown() -> Value {
    json!(["Unknown"])
}

fn duration_unit(days: f64) -> (&'static str, f64) {
    if days < 1.0 {
        ("Hours", (days * 24.0).round())
    } else if days < 7.0 {
        ("Days", days.round())
    } else if days < 30.0 {
        ("Weeks", (days / 7.0).round())
    } else if days < 365.0 {
        ("Months", (days / 30.0).round())
    } else {
        ("Years", (days / 365.0).round())
    }
}

/// One row of `data/veris_map.tsv`: a record value and the VERIS 1.4 enum value it maps to.
///
/// The table's header documents the columns; `crates/intel/tests/exports_trial5.rs` checks
/// every `value` against the official enum at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerisMapRow {
    /// `technique`, `actor_type`, `motive`, `data_term` or `data_victim`.
    pub source: String,
    /// ATT&CK id, actor type, motive, or a documentation label (data rows).
    pub key: String,
    /// A lower-case term the text must contain; `None` when the row always applies.
    pub term: Option<String>,
    /// Dotted VERIS path, e.g. `action.hacking.vector`.
    pub path: String,
    /// The VERIS enum value.
    pub value: String,
    /// Only when another row already gave `action.malware.variety`.
    pub with_malware: bool,
}

/// The rows of `data/veris_map.tsv` (embedded at build time; its format is checked by the
/// crate's tests, so a malformed row is a build defect, not an input error).
pub fn mapping() -> &'static [VerisMapRow] {
    static M: OnceLock<Vec<VerisMapRow>> = OnceLock::new();
    M.get_or_init(|| {
        parse_map(include_str!("../data/veris_map.tsv"))
            .unwrap_or_else(|e| panic!("embedded data/veris_map.tsv: {e}"))
    })
}

/// Parses the mapping table: `#` lines and the header skipped; six tab-separated fields.
/// Errors name the line.
pub fn parse_map(text: &str) -> Result<Vec<VerisMapRow>, String> {
    let mut out = Vec::new();
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        let c: Vec<&str> = line.split('\t').map(str::trim).collect();
        if c.len() != 6 || c.iter().any(|x| x.is_empty()) {
            return Err(format!(
                "line {}: expected 6 non-empty tab-separated fields (source, key, term, path, value, when), found {}",
                n + 1,
                c.len()
            ));
        }
        if !matches!(
            c[0],
            "technique" | "actor_type" | "motive" | "data_term" | "data_victim"
        ) || !matches!(c[5], "-" | "with_malware")
        {
            return Err(format!(
                "line {}: unknown source `{}` or when `{}`",
                n + 1,
                c[0],
                c[5]
            ));
        }
        out.push(VerisMapRow {
            source: c[0].into(),
            key: c[1].into(),
            term: (c[2] != "-").then(|| c[2].to_lowercase()),
            path: c[3].into(),
            value: c[4].into(),
            with_malware: c[5] == "with_malware",
        });
    }
    Ok(out)
}

/// Kind (`ransomware gang`, `criminal group`, `nation-state`, `hacktivist`) of a group
/// named in `data/threat_actors.tsv`, by its recorded (canonical) name or a listed
/// spelling, ignoring case.
fn known_kind(name: &str) -> Option<&'static str> {
    static K: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    let rows = K.get_or_init(|| {
        let mut header = true;
        include_str!("../data/threat_actors.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter(|_| !std::mem::take(&mut header))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').map(str::trim).collect();
                (c.len() >= 3).then(|| (c[0].to_lowercase(), c[1].to_lowercase(), c[2].to_string()))
            })
            .collect()
    });
    let n = name.to_lowercase();
    rows.iter()
        .find(|(spelling, canonical, _)| *canonical == n || *spelling == n)
        .map(|(_, _, k)| k.as_str())
}

/// `id` is `key` or one of its sub-techniques.
fn technique_matches(id: &str, key: &str) -> bool {
    id == key || id.strip_prefix(key).is_some_and(|r| r.starts_with('.'))
}

/// The values of `path` the table gives for the record's techniques, in table order,
/// without repeats.
fn technique_values(r: &IncidentRecord, path: &str, with_malware: bool) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for row in mapping()
        .iter()
        .filter(|m| m.source == "technique" && m.path == path)
    {
        if row.with_malware && !with_malware {
            continue;
        }
        let hit = r.techniques.iter().any(|t| {
            technique_matches(&t.id, &row.key)
                && row
                    .term
                    .as_ref()
                    .is_none_or(|term| t.matched.to_lowercase().contains(term.as_str()))
        });
        if hit && !out.contains(&row.value.as_str()) {
            out.push(row.value.as_str());
        }
    }
    out
}

/// The value of a keyed row (`actor_type`, `motive`) for `key`.
fn keyed(source: &str, key: &str) -> Option<&'static str> {
    mapping()
        .iter()
        .find(|m| m.source == source && m.key == key)
        .map(|m| m.value.as_str())
}

/// The sentences that state the data disclosure: the confidentiality evidence, the data
/// impacts' evidence and the exfiltration techniques' evidence, lower-cased, with the
/// victims' names blanked (so "Valley Medical Center" does not make data medical).
fn disclosure_text(r: &IncidentRecord) -> String {
    const EXFIL: [&str; 6] = ["T1041", "T1048", "T1567", "T1020", "T1030", "T1537"];
    let mut parts: Vec<&str> = Vec::new();
    if let Some(f) = r.cia.confidentiality.fact() {
        parts.push(f.evidence.sentence.as_str());
    }
    for i in r.impacts.iter().filter(|i| i.category == "data") {
        parts.push(i.evidence.sentence.as_str());
    }
    for t in r
        .techniques
        .iter()
        .filter(|t| EXFIL.iter().any(|k| technique_matches(&t.id, k)))
    {
        parts.push(t.evidence.sentence.as_str());
    }
    parts.dedup();
    let mut text = parts.join("\n").to_lowercase();
    for v in &r.victims {
        let n = v.name.to_lowercase();
        if !n.is_empty() {
            text = text.replace(&n, " ");
        }
    }
    text
}

/// The values of the `source` term rows (`data_term`, `data_victim`) found in `text`.
fn term_values(source: &str, text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for row in mapping().iter().filter(|m| m.source == source) {
        if row.term.as_ref().is_some_and(|t| text.contains(t.as_str()))
            && !out.contains(&row.value.as_str())
        {
            out.push(row.value.as_str());
        }
    }
    out
}

/// The kinds of data disclosed as VERIS `attribute.confidentiality.data.variety` values
/// (`Medical`, `Personal`, `Credentials`, …), from the terms of `data/veris_map.tsv` found
/// in the sentences that state the disclosure; empty when none is named. STIX uses the
/// same values, so both exports say the same thing.
pub fn data_varieties(r: &IncidentRecord) -> Vec<&'static str> {
    term_values("data_term", &disclosure_text(r))
}

/// The actor's kind (`ransomware gang`, `criminal group`, `nation-state`, `hacktivist`):
/// the record's `actor_type`, or, when that is "not stated", the kind of the named group
/// in `data/threat_actors.tsv` (a known ransomware gang named in any language).
pub fn actor_kind(a: &ThreatActor) -> &str {
    if a.actor_type == NOT_STATED || a.actor_type.is_empty() {
        known_kind(&a.name).unwrap_or(NOT_STATED)
    } else {
        a.actor_type.as_str()
    }
}

/// The VERIS record of an incident.
///
/// Enumerated values come from `data/veris_map.tsv` ([`mapping`]); a value the record
/// does not support is `Unknown`, as VERIS prescribes.
pub fn record(r: &IncidentRecord) -> Value {
    let ids: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let has = |p: &str| ids.iter().any(|i| i.starts_with(p));
    let org = r
        .primary_victim()
        .map(|v| v.org_type.as_str())
        .unwrap_or(NOT_STATED);

    // Actions.
    let mut action = serde_json::Map::new();
    let mut malware_variety = technique_values(r, "action.malware.variety", false);
    if !malware_variety.is_empty() {
        for v in technique_values(r, "action.malware.variety", true) {
            if !malware_variety.contains(&v) {
                malware_variety.push(v);
            }
        }
        let vector = technique_values(r, "action.malware.vector", true);
        action.insert(
            "malware".into(),
            json!({
                "variety": malware_variety,
                "vector": if vector.is_empty() { vec!["Unknown"] } else { vector },
            }),
        );
    }
    let hacking_variety = technique_values(r, "action.hacking.variety", false);
    let hacking_vector = technique_values(r, "action.hacking.vector", false);
    if !hacking_variety.is_empty() || !hacking_vector.is_empty() {
        action.insert(
            "hacking".into(),
            json!({
                "variety": if hacking_variety.is_empty() { vec!["Unknown"] } else { hacking_variety },
                "vector": if hacking_vector.is_empty() { vec!["Unknown"] } else { hacking_vector },
            }),
        );
    }
    let social_variety = technique_values(r, "action.social.variety", false);
    if !social_variety.is_empty() {
        let vector = technique_values(r, "action.social.vector", false);
        action.insert(
            "social".into(),
            json!({
                "variety": social_variety,
                "vector": if vector.is_empty() { vec!["Unknown"] } else { vector },
                "target": ["Unknown"],
            }),
        );
    }
    if action.is_empty() {
        action.insert("unknown".into(), json!({"result": ["Unknown"]}));
    }

    // Actor.
    let motive: Vec<&str> = {
        let mut m: Vec<&str> = Vec::new();
        for v in r
            .motives
            .iter()
            .map(|m| keyed("motive", &m.value).unwrap_or("Other"))
        {
            if !m.contains(&v) {
                m.push(v);
            }
        }
        if m.is_empty() { vec!["Unknown"] } else { m }
    };
    let variety: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        for a in &r.threat_actors {
            let x = keyed("actor_type", actor_kind(a)).unwrap_or("Unknown");
            if !v.contains(&x) {
                v.push(x);
            }
        }
        if v.is_empty() { vec!["Unknown"] } else { v }
    };
    let actor_country: Vec<String> = {
        let v: Vec<String> = r
            .threat_actors
            .iter()
            .filter_map(|a| a.country.clone())
            .collect();
        if v.is_empty() {
            vec!["Unknown".into()]
        } else {
            v
        }
    };
    let names: Vec<&str> = r.threat_actors.iter().map(|a| a.name.as_str()).collect();
    let mut external = json!({"variety": variety, "motive": motive, "country": actor_country});
    if !names.is_empty() {
        external["name"] = json!(names);
    }
    let actor = json!({"external": external});

    // Attributes.
    let mut attribute = serde_json::Map::new();
    if r.cia.availability.value() == Some(&true) {
        let mut variety = vec!["Interruption"];
        variety.extend(technique_values(r, "attribute.availability.variety", false));
        let mut a = json!({"variety": variety});
        let longest = r
            .impacts
            .iter()
            .filter_map(|f| f.duration_days)
            .fold(None::<f64>, |m, d| Some(m.map_or(d, |m| m.max(d))));
        a["duration"] = match longest {
            Some(days) => {
                let (unit, value) = duration_unit(days);
                json!({"unit": unit, "value": value})
            }
            None => json!({"unit": "Unknown"}),
        };
        attribute.insert("availability".into(), a);
    }
    if let Some(c) = r.cia.confidentiality.value() {
        let records: Option<u64> = r
            .impacts
            .iter()
            .filter(|f| f.category == "data")
            .filter_map(|f| f.count)
            .max();
        let text = disclosure_text(r);
        let varieties = data_varieties(r);
        // The count goes with the variety only when there is one variety to give it to.
        let data: Vec<Value> = if varieties.is_empty() {
            let mut d = json!({"variety": "Unknown"});
            if let Some(n) = records {
                d["amount"] = json!(n);
            }
            vec![d]
        } else {
            let one = varieties.len() == 1;
            varieties
                .iter()
                .map(|v| {
                    let mut d = json!({"variety": v});
                    if let (true, Some(n)) = (one, records) {
                        d["amount"] = json!(n);
                    }
                    d
                })
                .collect()
        };
        let victims = term_values("data_victim", &text);
        let data_victim = if victims.is_empty() {
            vec!["Unknown"]
        } else {
            victims
        };
        attribute.insert(
            "confidentiality".into(),
            json!({
                "data_disclosure": if *c { "Yes" } else { "No" },
                "data": data,
                "data_victim": data_victim,
            }),
        );
    }
    if r.cia.integrity.value() == Some(&true) {
        attribute.insert(
            "integrity".into(),
            json!({"variety": if has("T1486") || !r.malware.is_empty() { vec!["Software installation"] } else { vec!["Alter behavior"] }}),
        );
    }

    // Timeline.
    let mut timeline = serde_json::Map::new();
    let split = |d: &str| -> Value {
        let p: Vec<&str> = d.split('-').collect();
        let mut o = serde_json::Map::new();
        if let Some(y) = p.first().and_then(|y| y.parse::<i64>().ok()) {
            o.insert("year".into(), json!(y));
        }
        if let Some(m) = p.get(1).and_then(|m| m.parse::<i64>().ok()) {
            o.insert("month".into(), json!(m));
        }
        if let Some(d) = p.get(2).and_then(|d| d.parse::<i64>().ok()) {
            o.insert("day".into(), json!(d));
        }
        Value::Object(o)
    };
    // VERIS requires timeline.incident.year (1950–2050). Without an incident date the
    // discovery, then publication date stands in (VERIS practice: the year it was
    // reported); with no date at all, the year of this export, said so in `plus`.
    let in_range = |d: &&String| {
        d.get(..4)
            .and_then(|y| y.parse::<i64>().ok())
            .is_some_and(|y| (1950..=2050).contains(&y))
    };
    let inc_date = r
        .incident_date
        .value()
        .filter(in_range)
        .or(r.discovery_date.value().filter(in_range))
        .or(r.publication_date.value().filter(in_range))
        .or(r.source.published.as_ref().filter(in_range));
    let mut timeline_note: Option<&str> = None;
    let stand_in = inc_date.is_some() && r.incident_date.value().filter(in_range).is_none();
    if stand_in {
        // Say so whenever a stand-in is used: the year is when it was
        // discovered or reported, not a stated incident date.
        timeline_note = Some(
            "the source gives no incident date: timeline.incident.year is the year of the discovery or, failing that, of the publication (month and day not stated)",
        );
    }
    timeline.insert(
        "incident".into(),
        match inc_date {
            // A stand-in gives the year only: VERIS consumers read month and day as the
            // incident's, and the attack may have begun long before it was discovered.
            Some(d) if stand_in => split(d.get(..4).unwrap_or(d)),
            Some(d) => split(d),
            None => {
                timeline_note = Some(
                    "the source gives no incident, discovery or publication date: timeline.incident.year is the year of this export",
                );
                json!({"year": chrono::Utc::now().format("%Y").to_string().parse::<i64>().unwrap_or(2026)})
            }
        },
    );

    let country = r
        .country
        .value()
        .map(|c| json!([c.code]))
        .unwrap_or_else(unknown);
    let victim_name = r
        .primary_victim()
        .map(|v| v.name.clone())
        .filter(|n| n != NOT_STATED);
    let industry = naics(org);
    // VERIS: the level of government when the industry is public administration (92…),
    // else "NA".
    let government = if industry.starts_with("92") {
        "Unknown"
    } else {
        "NA"
    };
    let mut victim = json!({
        "industry": industry,
        "country": country,
        "employee_count": "Unknown",
        "government": [government],
    });
    if let Some(n) = &victim_name {
        victim["victim_id"] = json!(n);
    }
    // victim.locations_affected is a count of affected sites, which reports rarely give;
    // the city goes to `plus.city` instead.
    let uuid = stix_id("veris", &r.id)
        .trim_start_matches("veris--")
        .to_uppercase();
    let mut rec = json!({
        "schema_name": "VERIS",
        "schema_version": SCHEMA_VERSION,
        "incident_id": uuid,
        "source_id": "cordon-intel",
        "security_incident": "Confirmed",
        "confidence": "Medium",
        "summary": r.summary.value().cloned().unwrap_or_else(|| r.title.clone()),
        "victim": victim,
        "actor": actor,
        "action": Value::Object(action),
        "asset": {"assets": [{"variety": "Unknown"}], "cloud": ["Unknown"]},
        "timeline": Value::Object(timeline),
        "discovery_method": {"unknown": true},
        "impact": {"overall_rating": "Unknown"},
        "reference": r.source.url.clone().unwrap_or_else(|| r.source.path.clone()),
        "plus": {
            "master_id": uuid,
            "analyst": "cordon-intel",
            "attack": ids,
            "cordon_id": r.id,
        },
    });
    // VERIS wants at least one attribute when `attribute` is present.
    if !attribute.is_empty() {
        rec["attribute"] = Value::Object(attribute);
    }
    if let Some(c) = r.city.value() {
        rec["plus"]["city"] = json!(c);
    }
    if let Some(n) = timeline_note {
        rec["plus"]["timeline_note"] = json!(n);
    }
    // VERIS timeline.discovery is the time from incident to discovery.
    if let (Some(i), Some(d)) = (
        r.incident_date
            .value()
            .and_then(|d| crate::dates::parse_iso(d)),
        r.discovery_date
            .value()
            .and_then(|d| crate::dates::parse_iso(d)),
    ) {
        let days = (d - i).num_days();
        if days >= 0 {
            let (unit, value) = duration_unit(days as f64);
            let (unit, value) = if days == 0 {
                ("Days", 0.0)
            } else {
                (unit, value)
            };
            rec["timeline"]["discovery"] = json!({"unit": unit, "value": value});
        }
    }
    rec
}
