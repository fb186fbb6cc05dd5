//! Measured extraction quality: precision and recall per field against hand-coded
//! expected answers (`NAME.expected.json` next to each article; for a feed, a list of
//! objects with a `guid` each).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{IntelError, Result};
use crate::extract::extract;
use crate::ingest::{self, Input};
use crate::record::{IncidentRecord, NOT_STATED};
use crate::text::singular;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExpectedCia {
    pub confidentiality: Option<bool>,
    pub integrity: Option<bool>,
    pub availability: Option<bool>,
}

/// What a careful analyst codes from the article.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Expected {
    #[serde(default)]
    pub guid: Option<String>,
    #[serde(default)]
    pub victims: Vec<String>,
    #[serde(default)]
    pub org_type: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub incident_date: Option<String>,
    #[serde(default)]
    pub discovery_date: Option<String>,
    #[serde(default)]
    pub publication_date: Option<String>,
    #[serde(default)]
    pub cia: ExpectedCia,
    #[serde(default)]
    pub motives: Vec<String>,
    #[serde(default)]
    pub threat_actors: Vec<String>,
    #[serde(default)]
    pub techniques: Vec<String>,
    #[serde(default)]
    pub impacts: Vec<String>,
    #[serde(default)]
    pub response_actions: Vec<String>,
    #[serde(default)]
    pub iocs: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// One document's comparison.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    pub source: String,
    /// Language detected for the article (ISO 639-1), `"?"` when unknown.
    #[serde(default)]
    pub language: String,
    pub fields: BTreeMap<String, Counts>,
    /// Human-readable differences: `field: missing X` / `field: extra Y`.
    pub differences: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub documents: usize,
    pub fields: BTreeMap<String, Counts>,
    pub overall: Counts,
    /// The same counts per detected language: language → field → counts (with an
    /// `"overall"` entry).
    #[serde(default)]
    pub per_language: BTreeMap<String, BTreeMap<String, Counts>>,
    pub per_document: Vec<DocResult>,
}

/// Field names in report order.
pub const FIELDS: &[&str] = &[
    "victims",
    "org_type",
    "sector",
    "country",
    "city",
    "incident_date",
    "discovery_date",
    "publication_date",
    "cia",
    "motives",
    "threat_actors",
    "techniques",
    "impacts",
    "response_actions",
    "iocs",
];

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace(['’', '\''], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("the ")
        .to_string()
}

/// The synonym table of impact units (`data/impact_units.tsv`): `(variant, canonical)`,
/// lower case, longest variant first.
fn impact_unit_synonyms() -> &'static [(String, String)] {
    static T: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t: Vec<(String, String)> = include_str!("../data/impact_units.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (canonical, variant) = l.split_once('\t')?;
                Some((variant.trim().to_lowercase(), canonical.trim().to_string()))
            })
            .collect();
        t.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
        t
    })
}

/// The canonical name of an impact's unit, or of an impact written `UNIT EFFECT`
/// (`data/impact_units.tsv`): a variant at the start, followed by a space or the end, is
/// replaced by its canonical name ("e-mail unavailable" → "email unavailable", "telephone"
/// → "phones"); anything else is returned unchanged. A documented canonicalisation,
/// applied by the extractor to what it writes and by the scorer to both sides.
pub fn canonical_impact_unit(s: &str) -> String {
    let l = s.to_lowercase();
    for (variant, canonical) in impact_unit_synonyms() {
        if let Some(rest) = l.strip_prefix(variant.as_str())
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return format!("{canonical}{rest}");
        }
    }
    s.to_string()
}

/// The operational effects of docs/intel.md "Record fields" that an answer file may write
/// after a counted impact's unit (`62 consultation cancelled`, `35 ride postponed`): the
/// count is compared by its unit, so a trailing effect is dropped from the key.
const COUNT_EFFECT_SUFFIXES: &[&str] = &[
    " reduced capacity",
    " manual fallback",
    " cancelled",
    " postponed",
    " transferred",
    " diverted",
    " unavailable",
    " disrupted",
    " delayed",
    " furloughed",
    " exposed",
    " encrypted",
];

/// The comparison key of an impact: `COUNT UNIT` (unit = singular of its last word; an
/// effect written after the unit, `COUNT UNIT EFFECT`, is dropped), `CURRENCY AMOUNT` for
/// money, `UNIT EFFECT` otherwise (the unit by its canonical name, `canonical_impact_unit`).
pub fn impact_key(s: &str) -> String {
    let n = norm(s);
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() >= 3 && words[0].chars().all(|c| c.is_ascii_digit()) {
        let counted = COUNT_EFFECT_SUFFIXES
            .iter()
            .find_map(|e| n.strip_suffix(e))
            .filter(|rest| rest.split_whitespace().count() >= 2);
        if let Some(unit) = counted.and_then(|rest| rest.split_whitespace().last()) {
            return format!("{} {}", words[0], singular(unit));
        }
    }
    if words.len() >= 2 && words[0].chars().all(|c| c.is_ascii_digit()) {
        return format!("{} {}", words[0], singular(words[words.len() - 1]));
    }
    norm(&canonical_impact_unit(&n))
}

fn record_impact_keys(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|f| match (f.category.as_str(), f.count) {
            ("financial", Some(c)) => norm(&format!("{} {c}", f.unit)),
            (_, Some(c)) => impact_key(&format!("{c} {}", f.unit)),
            _ => impact_key(&format!("{} {}", f.unit, f.effect)),
        })
        .collect()
}

fn acronym(s: &str) -> String {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !["of", "the", "de", "and"].contains(w))
        .collect();
    if words.len() < 2 {
        return String::new();
    }
    words.iter().filter_map(|w| w.chars().next()).collect()
}

fn parent_technique(id: &str) -> String {
    id.split('.').next().unwrap_or(id).to_uppercase()
}

fn set_compare(
    field: &str,
    expected: &[String],
    predicted: &[String],
    same: &dyn Fn(&str, &str) -> bool,
    diffs: &mut Vec<String>,
) -> Counts {
    let mut c = Counts::default();
    let mut used = vec![false; predicted.len()];
    for e in expected {
        match predicted
            .iter()
            .enumerate()
            .find(|(i, p)| !used[*i] && same(e, p))
        {
            Some((i, _)) => {
                used[i] = true;
                c.tp += 1;
            }
            None => {
                c.fn_ += 1;
                diffs.push(format!("{field}: missing {e:?}"));
            }
        }
    }
    for (i, p) in predicted.iter().enumerate() {
        if !used[i] && !expected.iter().any(|e| same(e, p)) {
            c.fp += 1;
            diffs.push(format!("{field}: extra {p:?}"));
        }
    }
    c
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// A city's name in the gazetteer's canonical form when the gazetteer knows it by that
/// name or an alias ("Gent", "Gand" → "Ghent"; "Doornik" → "Tournai"), so that the coder's
/// spelling and the engine's compare as the same place; otherwise the name as written.
/// Each `|` alternative of an expected value is mapped on its own.
fn same_place_name(name: &str) -> String {
    let g = crate::gazetteer::Gazetteer::get();
    name.split('|')
        .map(|n| {
            g.lookup_ci(n)
                .filter(|p| p.kind == crate::gazetteer::PlaceKind::City)
                .map_or_else(|| n.trim().to_string(), |p| p.name.clone())
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn scalar(e: &Option<String>, p: Option<String>) -> (Vec<String>, Vec<String>) {
    (
        e.iter().map(|x| norm(x)).collect(),
        p.into_iter().map(|x| norm(&x)).collect(),
    )
}

/// Compares one record with its expected answers.
pub fn compare(record: &IncidentRecord, exp: &Expected) -> DocResult {
    let mut fields = BTreeMap::new();
    let mut diffs = Vec::new();
    // An expected value may list accepted spellings separated by `|` ("Bruges|Brugge").
    let eq = |a: &str, b: &str| a.split('|').any(|a| norm(a) == norm(b));
    // Names match when equal, when one contains the other, or one is the other's acronym;
    // an expected name may list aliases separated by `|`.
    let contains = |a: &str, b: &str| {
        a.split('|').any(|a| {
            let (a, b) = (norm(a), norm(b));
            a == b
                || (a.len() >= 4 && b.len() >= 4 && (a.contains(&b) || b.contains(&a)))
                || acronym(&a) == b
                || acronym(&b) == a
        })
    };

    let victims: Vec<String> = record
        .victims
        .iter()
        .filter(|v| v.name != NOT_STATED)
        .map(|v| v.name.clone())
        .collect();
    fields.insert(
        "victims".into(),
        set_compare("victims", &exp.victims, &victims, &contains, &mut diffs),
    );
    let org = record
        .victims
        .first()
        .map(|v| v.org_type.clone())
        .filter(|t| t != NOT_STATED);
    let expected_city = exp.city.as_deref().map(same_place_name);
    let scalars: Vec<(&str, &Option<String>, Option<String>)> = vec![
        ("org_type", &exp.org_type, org),
        ("sector", &exp.sector, record.sector.value().cloned()),
        (
            "country",
            &exp.country,
            record.country.value().map(|c| c.code.clone()),
        ),
        (
            "city",
            &expected_city,
            record.city.value().map(|c| same_place_name(c)),
        ),
        (
            "incident_date",
            &exp.incident_date,
            record.incident_date.value().cloned(),
        ),
        (
            "discovery_date",
            &exp.discovery_date,
            record.discovery_date.value().cloned(),
        ),
        (
            "publication_date",
            &exp.publication_date,
            record.publication_date.value().cloned(),
        ),
    ];
    for (name, e, p) in scalars {
        let (e, p) = scalar(e, p);
        fields.insert(name.into(), set_compare(name, &e, &p, &eq, &mut diffs));
    }
    // CIA: each attribute is one scalar ("confidentiality=true").
    let mut cia = Counts::default();
    for (name, e, p) in [
        (
            "confidentiality",
            exp.cia.confidentiality,
            record.cia.confidentiality.value().copied(),
        ),
        (
            "integrity",
            exp.cia.integrity,
            record.cia.integrity.value().copied(),
        ),
        (
            "availability",
            exp.cia.availability,
            record.cia.availability.value().copied(),
        ),
    ] {
        let e: Vec<String> = e.iter().map(|v| format!("{name}={v}")).collect();
        let p: Vec<String> = p.iter().map(|v| format!("{name}={v}")).collect();
        cia.add(set_compare("cia", &e, &p, &eq, &mut diffs));
    }
    fields.insert("cia".into(), cia);
    let motives: Vec<String> = dedup(record.motives.iter().map(|m| m.value.clone()).collect());
    fields.insert(
        "motives".into(),
        set_compare("motives", &exp.motives, &motives, &eq, &mut diffs),
    );
    // Actors compare by canonical name: an alias the coder wrote ("Cl0p") is the same actor.
    let actors: Vec<String> = record
        .threat_actors
        .iter()
        .map(|a| crate::extract::canonical_actor(&a.name))
        .collect();
    let exp_actors: Vec<String> = exp
        .threat_actors
        .iter()
        .map(|a| crate::extract::canonical_actor(a))
        .collect();
    fields.insert(
        "threat_actors".into(),
        set_compare("threat_actors", &exp_actors, &actors, &contains, &mut diffs),
    );
    let et: Vec<String> = dedup(exp.techniques.iter().map(|t| parent_technique(t)).collect());
    let pt: Vec<String> = dedup(
        record
            .techniques
            .iter()
            .map(|t| parent_technique(&t.id))
            .collect(),
    );
    fields.insert(
        "techniques".into(),
        set_compare("techniques", &et, &pt, &eq, &mut diffs),
    );
    let ei: Vec<String> = exp.impacts.iter().map(|i| impact_key(i)).collect();
    let pi = dedup(record_impact_keys(record));
    fields.insert(
        "impacts".into(),
        set_compare("impacts", &ei, &pi, &eq, &mut diffs),
    );
    let pr: Vec<String> = dedup(
        record
            .response_actions
            .iter()
            .map(|r| r.kind.clone())
            .collect(),
    );
    fields.insert(
        "response_actions".into(),
        set_compare(
            "response_actions",
            &exp.response_actions,
            &pr,
            &eq,
            &mut diffs,
        ),
    );
    let pioc: Vec<String> = record.iocs.iter().map(|i| i.value.clone()).collect();
    fields.insert(
        "iocs".into(),
        set_compare("iocs", &exp.iocs, &pioc, &eq, &mut diffs),
    );
    DocResult {
        language: record.language.clone().unwrap_or_else(|| "?".into()),
        source: record.source.path.clone(),
        fields,
        differences: diffs,
    }
}

/// The expected-answers file of an article: `NAME.expected.json` beside `NAME.EXT`.
pub fn expected_path(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    article.with_file_name(format!("{stem}.expected.json"))
}

fn load_expected(path: &Path) -> Result<Vec<Expected>> {
    let text = std::fs::read_to_string(path).map_err(|e| IntelError::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| IntelError::Expected {
        path: path.to_path_buf(),
        what: format!("line {}, column {}: {e}", e.line(), e.column()),
    })?;
    let list = match v {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    list.into_iter()
        .map(|x| {
            serde_json::from_value(x).map_err(|e| IntelError::Expected {
                path: path.to_path_buf(),
                what: e.to_string(),
            })
        })
        .collect()
}

/// Extracts every article under `dir` that has an expected-answers file and compares.
pub fn evaluate_dir(dir: &Path) -> Result<EvalReport> {
    let inputs = ingest::expand_inputs(&[dir])?;
    let mut per_document = Vec::new();
    for input in inputs {
        let Input::File(path) = &input else { continue };
        let exp_path = expected_path(path);
        if !exp_path.exists() {
            continue;
        }
        let expected = load_expected(&exp_path)?;
        let (name, bytes) = ingest::read_input(&input)?;
        let content = ingest::decode(&name, &bytes)?;
        let docs = ingest::parse(&name, &content)?;
        for doc in &docs {
            let exp = if docs.len() == 1 && expected.len() == 1 {
                &expected[0]
            } else {
                match expected
                    .iter()
                    .find(|e| e.guid.is_some() && e.guid == doc.guid)
                {
                    Some(e) => e,
                    None => continue,
                }
            };
            let rec = extract(doc);
            let mut d = compare(&rec, exp);
            d.language = rec.language.clone().unwrap_or_else(|| "?".into());
            per_document.push(d);
        }
    }
    let mut fields: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let mut per_language: BTreeMap<String, BTreeMap<String, Counts>> = BTreeMap::new();
    for d in &per_document {
        let lang = per_language.entry(d.language.clone()).or_default();
        for (k, c) in &d.fields {
            fields.entry(k.clone()).or_default().add(*c);
            overall.add(*c);
            lang.entry(k.clone()).or_default().add(*c);
            lang.entry("overall".into()).or_default().add(*c);
        }
    }
    Ok(EvalReport {
        documents: per_document.len(),
        fields,
        overall,
        per_language,
        per_document,
    })
}

impl EvalReport {
    /// A plain-text table: field, precision, recall, F1, counts.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<18} {:>9} {:>7} {:>6} {:>5} {:>5} {:>5}\n",
            "field", "precision", "recall", "F1", "tp", "fp", "fn"
        );
        let row = |name: &str, c: &Counts| {
            format!(
                "{:<18} {:>9.3} {:>7.3} {:>6.3} {:>5} {:>5} {:>5}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )
        };
        for f in FIELDS {
            if let Some(c) = self.fields.get(*f) {
                s.push_str(&row(f, c));
            }
        }
        s.push_str(&row("overall", &self.overall));
        s.push_str(&format!("documents: {}\n", self.documents));
        if !self.per_language.is_empty() {
            s.push_str("\nper language (overall of all fields):\n");
            for (lang, f) in &self.per_language {
                let n = self
                    .per_document
                    .iter()
                    .filter(|d| &d.language == lang)
                    .count();
                if let Some(c) = f.get("overall") {
                    s.push_str(&row(&format!("{lang} ({n} docs)"), c));
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::same_place_name;

    #[test]
    fn a_city_compares_as_the_same_place_whatever_the_spelling() {
        assert_eq!(same_place_name("Gent"), same_place_name("Ghent"));
        assert_eq!(same_place_name("Gand"), same_place_name("ghent"));
        assert_eq!(same_place_name("Doornik"), same_place_name("Tournai"));
        // Distinct places stay distinct; unknown names pass through.
        assert_ne!(same_place_name("Gent"), same_place_name("Antwerp"));
        assert_eq!(same_place_name("Nowhereville"), "Nowhereville");
        // Each alternative of an expected value is mapped on its own.
        assert_eq!(
            same_place_name("Gent|Doornik"),
            format!(
                "{}|{}",
                same_place_name("Ghent"),
                same_place_name("Tournai")
            )
        );
    }
}
