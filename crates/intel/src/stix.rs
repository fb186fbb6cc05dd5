//! STIX 2.1 export: a bundle with the incident SDO (OASIS incident-core extension), impact
//! objects (impact extension), the victim identity, location, attack patterns, indicators,
//! vulnerabilities, threat actors, malware and the relationships between them.
//!
//! Ids are UUIDv5 computed from content (type + a stable key + the incident id), and
//! timestamps come from the record (publication date, else incident date, else
//! 1970-01-01), so the same record always yields the same bundle.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::attack::Attack;
use crate::record::*;

/// OASIS incident-core extension (property extension of `incident`).
pub const INCIDENT_CORE_EXT: &str = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";
/// OASIS impact extension (new SDO `impact`).
pub const IMPACT_EXT: &str = "extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9";

fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:cordon:intel:stix")
}

/// Deterministic STIX id: `TYPE--uuid5(namespace, TYPE|key)`.
pub fn stix_id(ty: &str, key: &str) -> String {
    format!(
        "{ty}--{}",
        Uuid::new_v5(&namespace(), format!("{ty}|{key}").as_bytes())
    )
}

fn timestamp(r: &IncidentRecord) -> String {
    let d = r
        .publication_date
        .value()
        .or(r.incident_date.value())
        .cloned()
        .unwrap_or_else(|| "1970-01-01".into());
    let d = match d.len() {
        7 => format!("{d}-01"),
        _ => d,
    };
    format!("{d}T00:00:00.000Z")
}

fn date_time(d: &str) -> String {
    let d = if d.len() == 7 {
        format!("{d}-01")
    } else {
        d.to_string()
    };
    format!("{d}T00:00:00.000Z")
}

fn sdo(ty: &str, key: &str, ts: &str, creator: &str) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("type".into(), json!(ty));
    m.insert("spec_version".into(), json!("2.1"));
    m.insert("id".into(), json!(stix_id(ty, key)));
    m.insert("created".into(), json!(ts));
    m.insert("modified".into(), json!(ts));
    if !creator.is_empty() {
        m.insert("created_by_ref".into(), json!(creator));
    }
    m
}

fn actor_type(t: &str) -> &'static str {
    match t {
        "nation-state" => "nation-state",
        "hacktivist" => "activist",
        "insider" => "insider-disgruntled",
        "ransomware gang" | "criminal group" => "crime-syndicate",
        _ => "unknown",
    }
}

fn escape_pattern(v: &str) -> String {
    v.replace('\\', "\\\\").replace('\'', "\\'")
}

/// The STIX 2.1 bundle of a record.
pub fn bundle(r: &IncidentRecord) -> Value {
    let ts = timestamp(r);
    let key = &r.id;
    let attack = Attack::get();
    let mut objects: Vec<Value> = Vec::new();
    let mut other_refs: Vec<String> = Vec::new();
    let mut impact_refs: Vec<String> = Vec::new();
    let mut rels: Vec<(String, &str, String)> = Vec::new();

    // The producer.
    let mut me = sdo("identity", "cordon-intel", "1970-01-01T00:00:00.000Z", "");
    me.insert("name".into(), json!("cordon incident intelligence"));
    me.insert("identity_class".into(), json!("system"));
    let me_id = me["id"].as_str().unwrap_or_default().to_string();
    other_refs.push(me_id.clone());
    objects.push(Value::Object(me));

    let incident_id = stix_id("incident", key);

    // Victim identity.
    let mut victim_ids = Vec::new();
    for v in &r.victims {
        let name = if v.name == NOT_STATED {
            format!("unnamed {}", v.org_type)
        } else {
            v.name.clone()
        };
        let mut o = sdo("identity", &format!("{key}|victim|{name}"), &ts, &me_id);
        o.insert("name".into(), json!(name));
        o.insert("identity_class".into(), json!("organization"));
        if r.sector.value().map(String::as_str) == Some("healthcare") {
            o.insert("sectors".into(), json!(["healthcare"]));
        }
        if v.org_type != NOT_STATED {
            o.insert(
                "description".into(),
                json!(format!("Organisation type: {}", v.org_type)),
            );
        }
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((incident_id.clone(), "targets", id.clone()));
        victim_ids.push(id.clone());
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Location.
    if let Some(c) = r.country.value() {
        let mut o = sdo("location", &format!("{key}|location"), &ts, &me_id);
        let name = match r.city.value() {
            Some(city) => format!("{city}, {}", c.name),
            None => c.name.clone(),
        };
        o.insert("name".into(), json!(name));
        o.insert("country".into(), json!(c.code));
        if let Some(city) = r.city.value() {
            o.insert("city".into(), json!(city));
        }
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((incident_id.clone(), "located-at", id.clone()));
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Attack patterns.
    let mut ap_ids = Vec::new();
    for t in &r.techniques {
        // Shared across incidents: keyed by the technique only.
        let mut o = sdo("attack-pattern", &t.id, &ts, &me_id);
        o.insert("name".into(), json!(t.name));
        o.insert(
            "external_references".into(),
            json!([{
                "source_name": "mitre-attack",
                "external_id": t.id,
                "url": format!("https://attack.mitre.org/techniques/{}/", t.id.replace('.', "/")),
            }]),
        );
        let phases: Vec<Value> = t
            .tactics
            .iter()
            .filter_map(|ta| attack.tactic(ta))
            .map(|ta| json!({"kill_chain_name": "mitre-attack", "phase_name": ta.shortname}))
            .collect();
        if !phases.is_empty() {
            o.insert("kill_chain_phases".into(), Value::Array(phases));
        }
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((incident_id.clone(), "related-to", id.clone()));
        ap_ids.push(id.clone());
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Malware.
    let mut mw_ids = Vec::new();
    for m in &r.malware {
        let mut o = sdo("malware", &m.value.to_lowercase(), &ts, &me_id);
        o.insert("name".into(), json!(m.value));
        o.insert("is_family".into(), json!(true));
        let ransomware = m.evidence.sentence.to_lowercase().contains("ransomware");
        o.insert(
            "malware_types".into(),
            json!([if ransomware { "ransomware" } else { "unknown" }]),
        );
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((incident_id.clone(), "related-to", id.clone()));
        mw_ids.push(id.clone());
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Threat actors.
    for a in &r.threat_actors {
        let mut o = sdo("threat-actor", &a.name.to_lowercase(), &ts, &me_id);
        o.insert("name".into(), json!(a.name));
        o.insert(
            "threat_actor_types".into(),
            json!([actor_type(crate::veris::actor_kind(a))]),
        );
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((incident_id.clone(), "attributed-to", id.clone()));
        for ap in &ap_ids {
            rels.push((id.clone(), "uses", ap.clone()));
        }
        for mw in &mw_ids {
            rels.push((id.clone(), "uses", mw.clone()));
        }
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Indicators and vulnerabilities.
    for i in &r.iocs {
        if i.kind == "cve" {
            let mut o = sdo("vulnerability", &i.value, &ts, &me_id);
            o.insert("name".into(), json!(i.value));
            o.insert(
                "external_references".into(),
                json!([{"source_name": "cve", "external_id": i.value}]),
            );
            let id = o["id"].as_str().unwrap_or_default().to_string();
            rels.push((incident_id.clone(), "related-to", id.clone()));
            other_refs.push(id);
            objects.push(Value::Object(o));
            continue;
        }
        let v = escape_pattern(&i.value);
        let pattern = match i.kind.as_str() {
            "ipv4" => format!("[ipv4-addr:value = '{v}']"),
            "domain" => format!("[domain-name:value = '{v}']"),
            "url" => format!("[url:value = '{v}']"),
            "sha256" => format!("[file:hashes.'SHA-256' = '{v}']"),
            "sha1" => format!("[file:hashes.'SHA-1' = '{v}']"),
            "md5" => format!("[file:hashes.MD5 = '{v}']"),
            "email" => format!("[email-addr:value = '{v}']"),
            _ => continue,
        };
        let mut o = sdo(
            "indicator",
            &format!("{key}|{}|{}", i.kind, i.value),
            &ts,
            &me_id,
        );
        o.insert("name".into(), json!(i.value));
        o.insert("indicator_types".into(), json!(["malicious-activity"]));
        o.insert("pattern".into(), json!(pattern));
        o.insert("pattern_type".into(), json!("stix"));
        o.insert("valid_from".into(), json!(ts));
        o.insert("description".into(), json!(i.evidence.sentence));
        let id = o["id"].as_str().unwrap_or_default().to_string();
        rels.push((id.clone(), "related-to", incident_id.clone()));
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // Impacts (impact extension).
    let start = r.incident_date.value().map(|d| date_time(d));
    let mut push_impact = |category: &str,
                           key2: &str,
                           description: String,
                           sub: Value,
                           criticality: u8,
                           objects: &mut Vec<Value>| {
        let mut o = sdo("impact", &format!("{key}|impact|{key2}"), &ts, &me_id);
        o.insert("impact_category".into(), json!(category));
        o.insert("criticality".into(), json!(criticality));
        o.insert("description".into(), json!(description));
        if let Some(s) = &start {
            o.insert("start_time".into(), json!(s));
        }
        if !victim_ids.is_empty() {
            o.insert("impacted_refs".into(), json!(victim_ids));
        }
        let mut ext = serde_json::Map::new();
        ext.insert(IMPACT_EXT.into(), json!({"extension_type": "new-sdo"}));
        o.insert("extensions".into(), Value::Object(ext));
        // The category's details (`availability`, `confidentiality`, `monetary`) are a
        // top-level property of the new SDO: STIX 2.1 core only allows `…-ext` and
        // extension-definition ids as `extensions` keys (docs/intel.md).
        o.insert(category.into(), sub);
        let id = o["id"].as_str().unwrap_or_default().to_string();
        impact_refs.push(id);
        objects.push(Value::Object(o));
    };
    if r.cia.availability.value() == Some(&true) {
        let ops: Vec<String> = r
            .impacts
            .iter()
            .filter(|f| f.category == "operational")
            .map(crate::report::impact_text)
            .collect();
        let severe = r
            .response_actions
            .iter()
            .any(|a| a.kind == "isolate_external" || a.kind == "shutdown_servers");
        let level = if severe { 90 } else { 60 };
        let desc = if ops.is_empty() {
            r.cia
                .availability
                .fact()
                .map(|f| f.evidence.sentence.clone())
                .unwrap_or_default()
        } else {
            ops.join("; ")
        };
        push_impact(
            "availability",
            "availability",
            desc,
            json!({"availability_impact": level}),
            level,
            &mut objects,
        );
    }
    if r.cia.confidentiality.value() == Some(&true) {
        let records: Option<u64> = r
            .impacts
            .iter()
            .filter(|f| f.category == "data")
            .filter_map(|f| f.count)
            .max();
        // The kind of data as the VERIS export gives it (one reading of the text for
        // both exports), in the Incident Core extension's information-type vocabulary;
        // data of people whose kind is not named stays "pii".
        let information_type = match crate::veris::data_varieties(r).first().copied() {
            Some("Medical") => "phi",
            Some("Credentials") => "credentials-user",
            Some("Bank") => "financial",
            Some("Payment") => "payment",
            Some("Internal") => "proprietary",
            _ => "pii",
        };
        let mut sub = json!({"information_type": information_type, "loss_type": "confirmed-loss"});
        if let Some(n) = records {
            sub["record_count"] = json!(n);
        }
        let desc = r
            .cia
            .confidentiality
            .fact()
            .map(|f| f.evidence.sentence.clone())
            .unwrap_or_default();
        push_impact(
            "confidentiality",
            "confidentiality",
            desc,
            sub,
            70,
            &mut objects,
        );
    }
    for (n, f) in r
        .impacts
        .iter()
        .filter(|f| f.category == "financial")
        .enumerate()
    {
        let variety = match f.effect.as_str() {
            "ransom demanded" => "ransom-demand",
            "ransom paid" => "ransom-payment",
            "fine or settlement" => "regulatory-penalty",
            _ => "response-and-recovery",
        };
        let amount = f.count.unwrap_or(0);
        push_impact(
            "monetary",
            &format!("monetary|{n}"),
            f.evidence.sentence.clone(),
            json!({"variety": variety, "currency": f.unit, "min_amount": amount, "max_amount": amount}),
            50,
            &mut objects,
        );
    }

    // Relationships.
    for (src, ty, dst) in rels {
        let key3 = format!("{src}|{ty}|{dst}");
        let mut o = sdo("relationship", &key3, &ts, &me_id);
        o.insert("relationship_type".into(), json!(ty));
        o.insert("source_ref".into(), json!(src));
        o.insert("target_ref".into(), json!(dst));
        let id = o["id"].as_str().unwrap_or_default().to_string();
        other_refs.push(id);
        objects.push(Value::Object(o));
    }

    // The incident.
    let mut inc = sdo("incident", key, &ts, &me_id);
    inc.insert("name".into(), json!(r.title));
    if let Some(s) = r.summary.value() {
        inc.insert("description".into(), json!(s));
    }
    let mut refs = vec![json!({"source_name": "cordon-intel", "external_id": r.id})];
    if let Some(u) = &r.source.url {
        refs.push(json!({"source_name": "source article", "url": u}));
    }
    inc.insert("external_references".into(), Value::Array(refs));
    let mut types: Vec<&str> = Vec::new();
    if r.techniques.iter().any(|t| t.id == "T1486") {
        types.push("ransomware");
    }
    if r.cia.confidentiality.value() == Some(&true) {
        types.push("data-exfiltration");
    }
    let mut ext = json!({
        "extension_type": "property-extension",
        "determination": "confirmed",
        "investigation_status": "open",
        "other_object_refs": other_refs,
    });
    if !impact_refs.is_empty() {
        ext["impact_refs"] = json!(impact_refs);
    }
    if !types.is_empty() {
        ext["incident_types"] = json!(types);
    }
    let mut exts = serde_json::Map::new();
    exts.insert(INCIDENT_CORE_EXT.into(), ext);
    inc.insert("extensions".into(), Value::Object(exts));
    objects.push(Value::Object(inc));

    json!({
        "type": "bundle",
        "id": stix_id("bundle", key),
        "objects": objects,
    })
}
