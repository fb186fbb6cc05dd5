//! VERIS 1.4 export (Vocabulary for Event Recording and Incident Sharing).
//!
//! Mapping (documented in docs/intel.md): victim industry as NAICS (622110 hospitals,
//! 621111/621498 clinics, 623110 care homes, 524114 health insurers, 621511 laboratories,
//! 923120 public health services, 541511 health IT), country as ISO 3166-1 alpha-2,
//! actions (malware/hacking/social) from ATT&CK techniques, actor from threat actors and
//! motives, attributes (availability variety and duration, confidentiality data
//! disclosure and record counts, integrity), timeline from the incident date. Values the
//! text does not support are `Unknown`, as VERIS prescribes.

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

/// The VERIS record of an incident.
pub fn record(r: &IncidentRecord) -> Value {
    let ids: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let has = |p: &str| ids.iter().any(|i| i.starts_with(p));
    let org = r
        .primary_victim()
        .map(|v| v.org_type.as_str())
        .unwrap_or(NOT_STATED);

    // Actions.
    let mut action = serde_json::Map::new();
    let mut malware_variety: Vec<&str> = Vec::new();
    if has("T1486") {
        malware_variety.push("Ransomware");
    }
    if has("T1485") {
        malware_variety.push("Destroy data");
    }
    if has("T1210") {
        malware_variety.push("Worm");
    }
    if has("T1041") && !malware_variety.is_empty() {
        malware_variety.push("Export data");
    }
    if !malware_variety.is_empty() {
        let vector = if has("T1566") || has("T1204") {
            json!(["Email attachment"])
        } else if has("T1210") {
            json!(["Network propagation"])
        } else {
            unknown()
        };
        action.insert(
            "malware".into(),
            json!({"variety": malware_variety, "vector": vector}),
        );
    }
    let mut hacking_variety: Vec<&str> = Vec::new();
    let mut hacking_vector: Vec<&str> = Vec::new();
    if has("T1078") {
        hacking_variety.push("Use of stolen creds");
    }
    if has("T1190") || has("T1210") {
        hacking_variety.push("Exploit vuln");
    }
    if has("T1110") {
        hacking_variety.push("Brute force");
    }
    if has("T1498") {
        hacking_variety.push("DoS");
    }
    if has("T1133") {
        hacking_vector.push("VPN");
    }
    if has("T1021.001") {
        hacking_vector.push("Desktop sharing software");
    }
    if has("T1190") {
        hacking_vector.push("Web application");
    }
    if !hacking_variety.is_empty() || !hacking_vector.is_empty() {
        action.insert(
            "hacking".into(),
            json!({
                "variety": if hacking_variety.is_empty() { vec!["Unknown"] } else { hacking_variety },
                "vector": if hacking_vector.is_empty() { vec!["Unknown"] } else { hacking_vector },
            }),
        );
    }
    if has("T1566") {
        action.insert(
            "social".into(),
            json!({"variety": ["Phishing"], "vector": ["Email"], "target": ["Unknown"]}),
        );
    }
    if action.is_empty() {
        action.insert("unknown".into(), json!({"result": ["Unknown"]}));
    }

    // Actor.
    let motive: Vec<String> = {
        let mut m: Vec<String> = r
            .motives
            .iter()
            .map(|m| match m.value.as_str() {
                "financial" => "Financial",
                "espionage" => "Espionage",
                "ideology" => "Ideology",
                "grudge" => "Grudge",
                _ => "Other",
            })
            .map(String::from)
            .collect();
        m.dedup();
        if m.is_empty() {
            vec!["Unknown".into()]
        } else {
            m
        }
    };
    let variety: Vec<&str> = {
        let mut v: Vec<&str> = r
            .threat_actors
            .iter()
            .map(|a| match a.actor_type.as_str() {
                "nation-state" => "Nation-state",
                "hacktivist" => "Activist",
                "ransomware gang" | "criminal group" => "Organized crime",
                _ => "Unknown",
            })
            .collect();
        v.dedup();
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
        if has("T1486") {
            variety.push("Obscuration");
        }
        if has("T1485") {
            variety.push("Destruction");
        }
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
        let mut data =
            json!({"variety": if org == "health insurer" { "Personal" } else { "Medical" }});
        if let Some(n) = records {
            data["amount"] = json!(n);
        }
        attribute.insert(
            "confidentiality".into(),
            json!({
                "data_disclosure": if *c { "Yes" } else { "No" },
                "data": [data],
                "data_victim": ["Patient"],
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
