//! Incidents with several sources.
//!
//! When a new report is about an incident already stored (same primary victim, date spans
//! that overlap — see `store::find_incident`), it is stored as a record of its own and
//! attached to the incident as a further source. Nothing is overwritten: the incident's
//! record stays the first report's, and [`Incident`] shows beside it every source, the
//! values further sources state that the first report does not (`supplements`), and the
//! values they disagree on (`conflicts`), each with its evidence sentence and the id of
//! the source record it comes from.

use serde::Serialize;

use crate::record::{Evidence, Fact, Field, IncidentRecord, Provenance};

/// An incident: the first report's record (its fields at the top level, unchanged — the
/// `cordon intel show --format json` contract) plus its sources, supplements and
/// conflicts.
#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    #[serde(flatten)]
    pub record: IncidentRecord,
    /// Every report of the incident, the first (whose record this is) first.
    pub sources: Vec<SourceRef>,
    /// Values only a further source states.
    pub supplements: Vec<SourcedValue>,
    /// Fields the sources give different values for: every value, with its source.
    pub conflicts: Vec<Conflict>,
}

/// One report of an incident.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// The report's own record id (`cordon intel show ID` shows it alone).
    pub id: String,
    /// `primary` (the incident's record) or `further`.
    pub role: String,
    pub title: String,
    /// File path, `PATH#GUID` for a feed item, or `upload/NAME`.
    pub path: String,
    pub url: Option<String>,
    pub published: Option<String>,
    /// When it was stored (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub ingested_at: String,
}

/// A field's value as one source states it.
#[derive(Debug, Clone, Serialize)]
pub struct SourcedValue {
    /// Record field name: `victim`, `sector`, `country`, `city`, `incident_date`,
    /// `discovery_date`, `threat_actor`, or `impact_count: UNIT EFFECT` for the count of
    /// one impact unit (`impact_count: patients transferred`, value `15`).
    pub field: String,
    pub value: String,
    /// Id of the source record.
    pub source: String,
    pub provenance: Provenance,
    pub evidence: Evidence,
}

/// A field on which the sources disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub field: String,
    /// One entry per distinct value, the primary's first.
    pub values: Vec<SourcedValue>,
}

fn scalar<T>(
    field: &str,
    f: &Field<T>,
    show: impl Fn(&T) -> String,
    source: &str,
) -> Option<SourcedValue> {
    f.fact().map(
        |Fact {
             value,
             provenance,
             evidence,
             ..
         }| SourcedValue {
            field: field.into(),
            value: show(value),
            source: source.into(),
            provenance: *provenance,
            evidence: evidence.clone(),
        },
    )
}

/// The scalar values of one record that sources are compared on.
fn values(r: &IncidentRecord) -> Vec<SourcedValue> {
    let id = r.id.as_str();
    let mut out: Vec<SourcedValue> = Vec::new();
    if let Some(v) = r.primary_victim() {
        out.push(SourcedValue {
            field: "victim".into(),
            value: v.name.clone(),
            source: id.into(),
            provenance: v.provenance,
            evidence: v.evidence.clone(),
        });
    }
    out.extend(scalar("sector", &r.sector, String::clone, id));
    out.extend(scalar("country", &r.country, |c| c.code.clone(), id));
    out.extend(scalar("city", &r.city, String::clone, id));
    out.extend(scalar("incident_date", &r.incident_date, String::clone, id));
    out.extend(scalar(
        "discovery_date",
        &r.discovery_date,
        String::clone,
        id,
    ));
    // Impact counts: one value per impact unit and effect ("patients transferred"), the
    // largest count a source gives for it (a report that says "15 patients were
    // transferred, 3 of them to Ghent" gives 15), so that sources are compared on the
    // same quantity. Impacts without a number are not compared.
    let mut counts: Vec<(String, u64, &crate::record::ImpactFact)> = Vec::new();
    for f in &r.impacts {
        let Some(n) = f.count else { continue };
        let key = format!("impact_count: {} {}", f.unit, f.effect);
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(c) if c.1 < n => *c = (key, n, f),
            Some(_) => {}
            None => counts.push((key, n, f)),
        }
    }
    out.extend(counts.into_iter().map(|(field, n, f)| SourcedValue {
        field,
        value: n.to_string(),
        source: id.into(),
        provenance: f.provenance,
        evidence: f.evidence.clone(),
    }));
    out
}

/// Builds the incident from its reports (the primary first), each with when it was
/// stored. `None` for an empty list.
pub fn incident(reports: Vec<(IncidentRecord, String)>) -> Option<Incident> {
    let mut it = reports.into_iter();
    let (primary, at) = it.next()?;
    let further: Vec<(IncidentRecord, String)> = it.collect();
    let source_ref = |r: &IncidentRecord, at: &str, role: &str| SourceRef {
        id: r.id.clone(),
        role: role.into(),
        title: r.title.clone(),
        path: r.source.path.clone(),
        url: r.source.url.clone(),
        published: r
            .publication_date
            .value()
            .cloned()
            .or_else(|| r.source.published.clone()),
        ingested_at: at.to_string(),
    };
    let mut sources = vec![source_ref(&primary, &at, "primary")];
    // One rule for every field: each source's values in source order (the primary's
    // first). A field whose sources all state the same value (up to case, spacing and a
    // day inside a month) is a supplement when only further sources state it; once two
    // sources state different values it is a conflict listing every distinct value with
    // the first source that states it — the primary's first when it has one. Threat
    // actors compare by canonical name ("Lockbit" = "LockBit 3.0").
    let mut per_field: Vec<(String, Vec<SourcedValue>)> = Vec::new();
    let mut push = |v: SourcedValue| match per_field.iter_mut().find(|(f, _)| *f == v.field) {
        Some((_, vs)) => vs.push(v),
        None => per_field.push((v.field.clone(), vec![v])),
    };
    let actor_value = |a: &crate::record::ThreatActor, id: &str| SourcedValue {
        field: "threat_actor".into(),
        value: a.name.clone(),
        source: id.into(),
        provenance: a.provenance,
        evidence: a.evidence.clone(),
    };
    for v in values(&primary) {
        push(v);
    }
    for a in &primary.threat_actors {
        push(actor_value(a, primary.id.as_str()));
    }
    for (r, at) in &further {
        sources.push(source_ref(r, at, "further"));
        for v in values(r) {
            push(v);
        }
        for a in &r.threat_actors {
            push(actor_value(a, r.id.as_str()));
        }
    }
    let mut supplements: Vec<SourcedValue> = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    for (field, vs) in per_field {
        let from_primary = vs.iter().any(|v| v.source == primary.id);
        // Two sources disagree when one states a value the other, stating values of its
        // own for the field, does not (one report naming two groups is one attribution;
        // a source silent on the field disagrees with nobody).
        let mut ids: Vec<&str> = vs.iter().map(|v| v.source.as_str()).collect();
        ids.dedup();
        let groups: Vec<Vec<&SourcedValue>> = ids
            .iter()
            .map(|id| vs.iter().filter(|v| v.source == *id).collect())
            .collect();
        let disagree = groups.iter().enumerate().any(|(i, gi)| {
            groups.iter().enumerate().any(|(j, gj)| {
                i != j
                    && gi
                        .iter()
                        .any(|a| !gj.iter().any(|b| same_value(&field, &a.value, &b.value)))
            })
        });
        let mut distinct: Vec<SourcedValue> = Vec::new();
        for v in &vs {
            if !distinct
                .iter()
                .any(|d| same_value(&field, &d.value, &v.value))
            {
                distinct.push(v.clone());
            }
        }
        if disagree {
            conflicts.push(Conflict {
                field,
                values: distinct,
            });
        } else if !from_primary {
            supplements.extend(distinct);
        }
    }
    Some(Incident {
        record: primary,
        sources,
        supplements,
        conflicts,
    })
}

/// Two values of `field` agree: actors by canonical name, everything else by [`same`].
fn same_value(field: &str, a: &str, b: &str) -> bool {
    if field == "threat_actor" {
        let k = |n: &str| crate::extract::canonical_actor(n).to_lowercase();
        return k(a) == k(b);
    }
    same(a, b)
}

/// Values equal up to case and spacing; a month and a day inside it (`2024-03` and
/// `2024-03-08`) do not conflict.
fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    if a == b {
        return true;
    }
    let is_date = |s: &str| {
        s.len() >= 7 && s.as_bytes()[4] == b'-' && s[..4].bytes().all(|c| c.is_ascii_digit())
    };
    is_date(&a) && is_date(&b) && (a.starts_with(&b) || b.starts_with(&a))
}
