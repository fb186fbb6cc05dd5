//! CSV inventories (CMDB exports): one component per row.
//!
//! Columns (names are matched without regard to case; `--map` renames them):
//! `id` (required), `kind` (required; mapped with the kind map), `zone`,
//! `tags` (split on `;` or `,`), `crown_jewel`, `exposed` (yes/no/true/false/1/0/x),
//! `criticality`, `runs_on`, `description`. Every other non-empty column
//! becomes a property.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{ImportError, Record};
use crate::estate::{ComponentDecl, Estate, sanitize_id};

/// The fields a column can feed.
pub const FIELDS: &[&str] = &[
    "id",
    "kind",
    "zone",
    "tags",
    "crown_jewel",
    "exposed",
    "criticality",
    "runs_on",
    "description",
];

/// Options of the CSV importer.
#[derive(Clone, Debug)]
pub struct Options {
    /// Zone of rows without one.
    pub zone: String,
    /// Field → column name (fields not listed use their own name).
    pub columns: HashMap<String, String>,
    /// Kind values (lower case) → catalog kind.
    pub kinds: HashMap<String, String>,
    /// The external zone exposed components are exposed to.
    pub external_zone: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            zone: "internal".into(),
            columns: HashMap::new(),
            kinds: HashMap::new(),
            external_zone: "internet".into(),
        }
    }
}

/// Parses `id=hostname,kind=ci_class,…`.
pub fn parse_map(text: &str) -> Result<HashMap<String, String>, ImportError> {
    let mut out = HashMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((field, column)) = part.split_once('=') else {
            return Err(ImportError::Invalid {
                path: PathBuf::from("--map"),
                message: format!("`{part}` is not FIELD=COLUMN"),
            });
        };
        let field = field.trim().to_ascii_lowercase();
        if !FIELDS.contains(&field.as_str()) {
            let help = cordon_model::did_you_mean(&field, FIELDS.iter().copied())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            return Err(ImportError::Invalid {
                path: PathBuf::from("--map"),
                message: format!(
                    "unknown field `{field}`{help}; fields: {}",
                    FIELDS.join(", ")
                ),
            });
        }
        out.insert(field, column.trim().to_string());
    }
    Ok(out)
}

/// A kind map: a file of `value=kind` or `value: kind` lines, or the same
/// inline, separated by commas.
pub fn load_kind_map(spec: &str) -> Result<HashMap<String, String>, ImportError> {
    let path = Path::new(spec);
    let (text, source, lines) = if path.is_file() {
        (
            std::fs::read_to_string(path).map_err(|source| ImportError::Io {
                path: path.to_path_buf(),
                source,
            })?,
            path.to_path_buf(),
            true,
        )
    } else {
        (spec.to_string(), PathBuf::from("--kind-map"), false)
    };
    let mut out = HashMap::new();
    let items: Vec<&str> = if lines {
        text.lines().collect()
    } else {
        text.split(',').collect()
    };
    for (n, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() || item.starts_with('#') {
            continue;
        }
        let Some((value, kind)) = item.split_once('=').or_else(|| item.rsplit_once(':')) else {
            return Err(ImportError::Parse {
                path: source,
                record: Record {
                    line: lines.then_some(n + 1),
                    ..Default::default()
                },
                message: format!("`{item}` is not VALUE=KIND"),
            });
        };
        let (value, kind) = (
            value.trim().trim_matches(['"', '\'']),
            kind.trim().trim_matches(['"', '\'']),
        );
        if cordon_model::catalog::kind(kind).is_none() {
            let help = cordon_model::did_you_mean(kind, cordon_model::catalog::kind_ids())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            return Err(ImportError::Parse {
                path: source,
                record: Record {
                    line: lines.then_some(n + 1),
                    ..Default::default()
                },
                message: format!("`{kind}` is not a catalog kind{help}"),
            });
        }
        out.insert(value.to_lowercase(), kind.to_string());
    }
    Ok(out)
}

fn truthy(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "-" => Some(false),
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        _ => None,
    }
}

/// Reads CSV files into an estate. Nothing is returned when any row is bad.
pub fn import(paths: &[PathBuf], options: &Options) -> Result<Estate, ImportError> {
    let mut estate = Estate::new("csv");
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for path in paths {
        let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        read(path, file, options, &mut estate, &mut seen)?;
    }
    if estate.components.is_empty() {
        return Err(ImportError::Invalid {
            path: paths.first().cloned().unwrap_or_default(),
            message: "no rows".into(),
        });
    }
    if estate
        .components
        .iter()
        .all(|c| c.id.chars().all(|ch| ch.is_ascii_digit()))
    {
        let column = options
            .columns
            .get("id")
            .map(String::as_str)
            .unwrap_or("id");
        estate.notes.push(format!(
            "every component id comes from the `{column}` column and is a bare number (a CMDB row \
             key such as NetBox's `ID`?): map a name column with --map id=COLUMN"
        ));
    }
    estate.normalise();
    Ok(estate)
}

/// Reads one CSV source.
pub fn read(
    path: &Path,
    mut input: impl std::io::Read,
    options: &Options,
    estate: &mut Estate,
    seen: &mut HashMap<String, (PathBuf, usize)>,
) -> Result<(), ImportError> {
    // Inventories are small: read them whole, so a row's line comes from its
    // byte offset (the csv crate counts only `\n`, so CRLF rows were one
    // line early and CR-only files all on line 1).
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let line_starts: Vec<u64> = std::iter::once(0)
        .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
            let next = bytes.get(i + 1).copied();
            (b == b'\n' || (b == b'\r' && next != Some(b'\n'))).then_some(i as u64 + 1)
        }))
        .collect();
    let line_of = |byte: u64| {
        // With CRLF the crate's record position is the `\n` ending the
        // previous line: skip terminators to the row's first byte.
        let mut b = byte as usize;
        while matches!(bytes.get(b), Some(b'\r' | b'\n')) {
            b += 1;
        }
        line_starts.partition_point(|&s| s <= b as u64)
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let csv_err = |e: csv::Error, index: Option<usize>| {
        let line = e.position().map(|p| line_of(p.byte()));
        // One record numbering: ours (0-based data rows), not the csv crate's.
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { err, .. } => format!(
                "invalid UTF-8 in field {} (save the file as UTF-8)",
                err.field() + 1
            ),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("{len} fields where the header has {expected_len}"),
            _ => e.to_string(),
        };
        ImportError::Parse {
            path: path.to_path_buf(),
            record: Record {
                index,
                line,
                ..Default::default()
            },
            message,
        }
    };
    let headers = rdr.headers().map_err(|e| csv_err(e, None))?.clone();
    let find = |field: &str| -> Option<usize> {
        let name = options
            .columns
            .get(field)
            .map(String::as_str)
            .unwrap_or(field);
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
    };
    let col: HashMap<&str, usize> = FIELDS
        .iter()
        .filter_map(|f| find(f).map(|i| (*f, i)))
        .collect();
    for required in ["id", "kind"] {
        if !col.contains_key(required) {
            let name = options
                .columns
                .get(required)
                .cloned()
                .unwrap_or_else(|| required.to_string());
            let help = cordon_model::did_you_mean(&name, headers.iter())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            return Err(ImportError::Invalid {
                path: path.to_path_buf(),
                message: format!(
                    "no `{name}` column for the component {required}{help}; the header is: {}; map it with --map {required}=COLUMN",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    let used: HashSet<usize> = col.values().copied().collect();
    for (index, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| csv_err(e, Some(index)))?;
        let line = row.position().map(|p| line_of(p.byte()));
        let bad = |message: String, id: Option<&str>| ImportError::Parse {
            path: path.to_path_buf(),
            record: Record {
                index: Some(index),
                id: id.map(str::to_string),
                line,
                column: None,
            },
            message,
        };
        let get = |f: &str| col.get(f).and_then(|&i| row.get(i)).unwrap_or("").trim();
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let raw_id = get("id");
        let id = sanitize_id(raw_id);
        if id.is_empty() {
            return Err(bad("empty id".into(), None));
        }
        if let Some((f, i)) = seen.get(&id) {
            return Err(bad(
                format!("duplicate id `{id}` (first in {} record {i})", f.display()),
                Some(raw_id),
            ));
        }
        seen.insert(id.clone(), (path.to_path_buf(), index));
        let raw_kind = get("kind");
        let kind = options
            .kinds
            .get(&raw_kind.to_lowercase())
            .cloned()
            .or_else(|| cordon_model::catalog::kind(raw_kind).map(|k| k.id.to_string()))
            .or_else(|| {
                cordon_model::catalog::kind(&sanitize_id(raw_kind)).map(|k| k.id.to_string())
            });
        let Some(kind) = kind else {
            let help = cordon_model::did_you_mean(
                &sanitize_id(raw_kind),
                cordon_model::catalog::kind_ids(),
            )
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
            return Err(bad(
                format!(
                    "kind `{raw_kind}` is not a catalog kind{help}; map it with --kind-map '{raw_kind}=KIND'"
                ),
                Some(raw_id),
            ));
        };
        let zone = match get("zone") {
            "" => options.zone.clone(),
            z => sanitize_id(z),
        };
        estate.zone(&zone, false);
        let mut c = ComponentDecl {
            id: id.clone(),
            kind,
            zone,
            ..Default::default()
        };
        for (field, target) in [
            ("crown_jewel", &mut c.crown_jewel),
            ("exposed", &mut c.exposed),
        ] {
            *target = truthy(get(field)).ok_or_else(|| {
                bad(
                    format!("`{}` in column {field} is not yes/no", get(field)),
                    Some(raw_id),
                )
            })?;
        }
        if c.exposed {
            estate.zone(&options.external_zone, true);
        }
        match get("criticality").to_ascii_lowercase().as_str() {
            "" => {}
            v @ ("low" | "medium" | "high" | "critical") => c.criticality = Some(v.to_string()),
            v => {
                return Err(bad(
                    format!("criticality `{v}` is not low, medium, high or critical"),
                    Some(raw_id),
                ));
            }
        }
        let mut tags: Vec<String> = get("tags")
            .split([';', ','])
            .map(sanitize_id)
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        c.tags = tags;
        c.runs_on = Some(sanitize_id(get("runs_on"))).filter(|r| !r.is_empty());
        c.description = Some(get("description").to_string()).filter(|d| !d.is_empty());
        let mut props = BTreeMap::new();
        if raw_id != id {
            props.insert("name".to_string(), serde_json::Value::from(raw_id));
        }
        for (i, h) in headers.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            if let Some(v) = row.get(i).map(str::trim).filter(|v| !v.is_empty()) {
                props.insert(
                    h.trim_start_matches('\u{feff}').to_string(),
                    serde_json::Value::from(v),
                );
            }
        }
        c.properties = props;
        estate.components.push(c);
    }
    Ok(())
}
