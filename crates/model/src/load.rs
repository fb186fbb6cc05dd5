//! Reading model files (YAML, with `include:`) and building a [`Model`].
//!
//! Every problem is collected with its file:line:column rather than stopping
//! at the first, so a user fixes a broken model in one pass.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::yaml::{Node, Pos, Reader, Spanned, Value};

use crate::catalog::{self, Direction};
use crate::diagnostic::{Diagnostic, LoadError, Location, did_you_mean};
use crate::limits::Limits;
use crate::model::*;
use crate::needs::NeedsExpr;
use crate::selector::{Selector, is_valid_name};
use crate::{AccessLevel, InteractionKind, WeaknessKind};

/// Stop collecting after this many errors: the rest are usually echoes.
const MAX_ERRORS: usize = 100;

struct RawFile {
    name: Option<String>,
    include: Vec<Spanned<String>>,
    defaults: Option<Spanned<RawDefaults>>,
    zones: Vec<Spanned<RawZone>>,
    components: Vec<Spanned<RawComponent>>,
    interactions: Vec<Spanned<RawInteraction>>,
    services: Vec<Spanned<RawService>>,
    /// Ids of records with a problem already reported (a missing, mistyped
    /// or unknown field): references to them are not reported again as
    /// unknown.
    dropped: Vec<String>,
}

enum RawDefaults {
    All(bool),
    PerKind(BTreeMap<String, bool>),
}

struct RawZone {
    id: Spanned<String>,
    external: bool,
    description: Option<String>,
}

enum RawExposed {
    Flag(bool),
    Zones(Vec<String>),
}

struct RawComponent {
    id: Spanned<String>,
    kind: Spanned<String>,
    zone: Spanned<String>,
    exposed: Option<RawExposed>,
    crown_jewel: bool,
    criticality: Option<Spanned<String>>,
    tags: Vec<String>,
    weaknesses: Vec<Spanned<RawWeakness>>,
    runs_on: Option<Spanned<String>>,
    p_fail: Option<Spanned<f64>>,
    cut_cost: Option<f64>,
    redundancy: Option<Spanned<String>>,
    description: Option<String>,
    properties: BTreeMap<String, serde_json::Value>,
}

struct RawWeakness {
    kind: String,
    cve: Option<String>,
    grants: Option<String>,
    stored_on: Option<String>,
    notes: Option<String>,
}

struct RawInteraction {
    from: Spanned<String>,
    to: Spanned<String>,
    kind: Spanned<String>,
    protocol: Option<String>,
    mfa: bool,
    notes: Option<String>,
    cut_cost: Option<f64>,
}

struct RawService {
    id: Spanned<String>,
    description: Option<String>,
    needs: Spanned<String>,
    fallback: Option<RawFallback>,
    criticality: Option<Spanned<String>>,
}

struct RawFallback {
    name: String,
    capacity: f64,
    notes: Option<String>,
}

impl RawFile {
    fn new() -> RawFile {
        RawFile {
            name: None,
            include: Vec::new(),
            defaults: None,
            zones: Vec::new(),
            components: Vec::new(),
            interactions: Vec::new(),
            services: Vec::new(),
            dropped: Vec::new(),
        }
    }
}

/// Reads the top-level fields of one file from its YAML tree (the records
/// were read while parsing, by [`read_record`]).
fn read_file(root: Option<&Node<'_>>, r: &mut Reader, file: &mut RawFile) {
    let Some(root) = root else { return };
    const TOP: &[&str] = &[
        "name",
        "description",
        "include",
        "defaults",
        "zones",
        "components",
        "interactions",
        "services",
    ];
    let Some(f) = r.fields(root, "the model", TOP) else {
        return;
    };
    file.name = f.get("name").and_then(|n| r.string(n, "`name`"));
    if let Some(d) = f.get("description") {
        r.string(d, "`description`");
    }
    for n in r.list(f.get("include"), "`include`") {
        if let Some(s) = r.spanned_string(n, "an included file") {
            file.include.push(s);
        }
    }
    if let Some(d) = f.get("defaults") {
        let value = match &d.value {
            Value::Map(_) => {
                let mut map = BTreeMap::new();
                if let Value::Map(pairs) = &d.value {
                    for (k, v) in pairs {
                        if let (Some(k), Some(v)) = (
                            r.string(k, "a kind under `defaults`"),
                            r.bool(v, "a kind under `defaults`"),
                        ) {
                            map.insert(k, v);
                        }
                    }
                }
                Some(RawDefaults::PerKind(map))
            }
            _ => r
                .bool(d, "`defaults` (true, false or a map of kinds)")
                .map(RawDefaults::All),
        };
        file.defaults = value.map(|value| Spanned {
            value,
            referenced: d.pos,
        });
    }
    // The records of `zones`, `components`, `interactions` and `services`
    // were read as they were parsed (read_record), unless their list has an
    // anchor and is still here.
    for (i, name) in SECTIONS.iter().enumerate() {
        for n in r.list(f.get(name), &format!("`{name}`")) {
            read_record(i, n, r, file);
        }
    }
}

/// The top-level lists whose items are records, read one at a time while
/// parsing ([`crate::yaml::parse_streaming`]).
const SECTIONS: &[&str] = &["zones", "components", "interactions", "services"];

/// Reads one record of `SECTIONS[section]` into `file`.
///
/// The id of a record with a problem is noted in `file.dropped`: the record
/// may be missing, or be a component written under `zones:`, and what
/// refers to that id is then not reported again as unknown.
/// A `cut_cost`: a number, 0 or more (minimum cuts are max-flows, which
/// need capacities ≥ 0; a negative cost would make cutting pay).
fn cut_cost(r: &mut Reader, n: &Node<'_>) -> Option<f64> {
    let v = r.number(n, "`cut_cost`")?;
    if v < 0.0 {
        r.problem(
            n.pos,
            format!("`cut_cost` must be 0 or more, found {v}"),
            Some("a cut cost is what cutting it costs: 0 (free) or more; default 1".into()),
        );
        return None;
    }
    Some(v)
}

fn read_record(section: usize, node: &Node<'_>, r: &mut Reader, file: &mut RawFile) {
    let before = r.problems.len();
    match section {
        0 => read_zone(node, r, file),
        1 => read_component(node, r, file),
        2 => read_interaction(node, r, file),
        _ => read_service(node, r, file),
    }
    if r.problems.len() > before
        && let Value::Map(pairs) = &node.value
        && let Some((_, id)) = pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Scalar(k, _) if k == "id"))
        && let Value::Scalar(id, _) = &id.value
    {
        file.dropped.push(id.trim().to_string());
    }
}

fn read_zone(z: &Node<'_>, r: &mut Reader, file: &mut RawFile) {
    if let Some(zf) = r.fields(z, "a zone", &["id", "external", "description"]) {
        let id = r.required_string(&zf, "id", "a zone");
        let external = zf
            .get("external")
            .and_then(|n| r.bool(n, "`external`"))
            .unwrap_or(false);
        let description = zf
            .get("description")
            .and_then(|n| r.string(n, "`description`"));
        if let Some(id) = id {
            file.zones.push(Spanned {
                value: RawZone {
                    id,
                    external,
                    description,
                },
                referenced: z.pos,
            });
        }
    }
}

fn read_component(c: &Node<'_>, r: &mut Reader, file: &mut RawFile) {
    const COMPONENT: &[&str] = &[
        "id",
        "kind",
        "zone",
        "exposed",
        "crown_jewel",
        "criticality",
        "tags",
        "weaknesses",
        "runs_on",
        "p_fail",
        "cut_cost",
        "redundancy",
        "description",
        "properties",
    ];
    let Some(cf) = r.fields(c, "a component", COMPONENT) else {
        return;
    };
    let id = r.required_string(&cf, "id", "a component");
    let kind = r.required_string(&cf, "kind", "a component");
    let zone = r.required_string(&cf, "zone", "a component");
    let exposed = cf.get("exposed").and_then(|n| match &n.value {
        Value::Seq(_) => Some(RawExposed::Zones(r.strings(Some(n), "`exposed`"))),
        _ => r
            .bool(n, "`exposed` (true, false or a list of external zones)")
            .map(RawExposed::Flag),
    });
    let crown_jewel = cf
        .get("crown_jewel")
        .and_then(|n| r.bool(n, "`crown_jewel`"))
        .unwrap_or(false);
    let criticality = cf
        .get("criticality")
        .and_then(|n| r.spanned_string(n, "`criticality`"));
    let tags = r.strings(cf.get("tags"), "`tags`");
    let mut weaknesses = Vec::new();
    for w in r.list(cf.get("weaknesses"), "`weaknesses`") {
        let raw = match &w.value {
            Value::Map(_) => {
                let Some(wf) = r.fields(
                    w,
                    "a weakness",
                    &["kind", "cve", "grants", "stored_on", "notes"],
                ) else {
                    continue;
                };
                let Some(kind) = r
                    .required(&wf, "kind", "a weakness")
                    .and_then(|n| r.string(n, "`kind`"))
                else {
                    continue;
                };
                let mut text = |name: &str| wf.get(name).and_then(|n| r.string(n, name));
                RawWeakness {
                    kind,
                    cve: text("cve"),
                    grants: text("grants"),
                    stored_on: text("stored_on"),
                    notes: text("notes"),
                }
            }
            _ => match r.string(w, "a weakness") {
                Some(kind) => RawWeakness {
                    kind,
                    cve: None,
                    grants: None,
                    stored_on: None,
                    notes: None,
                },
                None => continue,
            },
        };
        weaknesses.push(Spanned {
            value: raw,
            referenced: w.pos,
        });
    }
    let runs_on = cf
        .get("runs_on")
        .and_then(|n| r.spanned_string(n, "`runs_on`"));
    let p_fail = cf.get("p_fail").and_then(|n| {
        r.number(n, "`p_fail`").map(|value| Spanned {
            value,
            referenced: n.pos,
        })
    });
    let cut_cost = cf.get("cut_cost").and_then(|n| cut_cost(r, n));
    let redundancy = cf
        .get("redundancy")
        .and_then(|n| r.spanned_string(n, "`redundancy`"));
    let description = cf
        .get("description")
        .and_then(|n| r.string(n, "`description`"));
    let properties = match cf.get("properties") {
        None => BTreeMap::new(),
        Some(n) => match r.json(n) {
            serde_json::Value::Object(map) => map.into_iter().collect(),
            _ => {
                r.problems
                    .push((n.pos, "expected a mapping for `properties`".into(), None));
                BTreeMap::new()
            }
        },
    };
    if let (Some(id), Some(kind), Some(zone)) = (id, kind, zone) {
        file.components.push(Spanned {
            value: RawComponent {
                id,
                kind,
                zone,
                exposed,
                crown_jewel,
                criticality,
                tags,
                weaknesses,
                runs_on,
                p_fail,
                cut_cost,
                redundancy,
                description,
                properties,
            },
            referenced: c.pos,
        });
    }
}

fn read_interaction(i: &Node<'_>, r: &mut Reader, file: &mut RawFile) {
    const INTERACTION: &[&str] = &["from", "to", "kind", "protocol", "mfa", "notes", "cut_cost"];
    let Some(inf) = r.fields(i, "an interaction", INTERACTION) else {
        return;
    };
    let from = r.required_string(&inf, "from", "an interaction");
    let to = r.required_string(&inf, "to", "an interaction");
    let kind = r.required_string(&inf, "kind", "an interaction");
    let protocol = inf.get("protocol").and_then(|n| r.string(n, "`protocol`"));
    let mfa = inf
        .get("mfa")
        .and_then(|n| r.bool(n, "`mfa`"))
        .unwrap_or(false);
    let notes = inf.get("notes").and_then(|n| r.string(n, "`notes`"));
    let cut_cost = inf.get("cut_cost").and_then(|n| cut_cost(r, n));
    if let (Some(from), Some(to), Some(kind)) = (from, to, kind) {
        file.interactions.push(Spanned {
            value: RawInteraction {
                from,
                to,
                kind,
                protocol,
                mfa,
                notes,
                cut_cost,
            },
            referenced: i.pos,
        });
    }
}

fn read_service(s: &Node<'_>, r: &mut Reader, file: &mut RawFile) {
    let Some(sf) = r.fields(
        s,
        "a service",
        &["id", "description", "needs", "fallback", "criticality"],
    ) else {
        return;
    };
    let id = r.required_string(&sf, "id", "a service");
    let needs = r.required_string(&sf, "needs", "a service");
    let description = sf
        .get("description")
        .and_then(|n| r.string(n, "`description`"));
    let criticality = sf
        .get("criticality")
        .and_then(|n| r.spanned_string(n, "`criticality`"));
    let fallback = sf.get("fallback").and_then(|n| {
        let ff = r.fields(n, "a fallback", &["name", "capacity", "notes"])?;
        let name = r
            .required(&ff, "name", "a fallback")
            .and_then(|n| r.string(n, "`name`"));
        let capacity = r
            .required(&ff, "capacity", "a fallback")
            .and_then(|n| r.number(n, "`capacity`"));
        let notes = ff.get("notes").and_then(|n| r.string(n, "`notes`"));
        Some(RawFallback {
            name: name?,
            capacity: capacity?,
            notes,
        })
    });
    if let (Some(id), Some(needs)) = (id, needs) {
        file.services.push(Spanned {
            value: RawService {
                id,
                description,
                needs,
                fallback,
                criticality,
            },
            referenced: s.pos,
        });
    }
}

/// A parsed file with its path and text (for column fix-ups).
struct SourceFile {
    path: Arc<Path>,
    text: String,
    raw: RawFile,
    /// Problems inside records (reported; the rest of the file is built,
    /// so that reference errors are reported in the same run).
    problems: Vec<Diagnostic>,
}

impl Model {
    /// Loads a model from a file, or from every `*.yaml`/`*.yml` file at the
    /// top of a directory, following `include:` (relative to the including
    /// file; each file read once), within the budgets of
    /// [`Limits::from_env`] (docs/limits.md).
    ///
    /// Included files must be regular files inside the model's directory
    /// (the directory loaded, or the loaded file's directory; symbolic links
    /// resolved) unless `CORDON_MODEL_INCLUDE_ANYWHERE=1`; devices are never
    /// read, and no file above [`Limits::max_file_bytes`] is.
    pub fn load(path: &Path) -> Result<Model, LoadError> {
        let limits =
            Limits::from_env().map_err(|e| LoadError::Invalid(vec![Diagnostic::error(None, e)]))?;
        Self::load_with(path, &limits)
    }

    /// [`Model::load`] with explicit budgets.
    pub fn load_with(path: &Path, limits: &Limits) -> Result<Model, LoadError> {
        let mut roots = Vec::new();
        let scope;
        if path.is_dir() {
            scope = path.canonicalize().map_err(|source| LoadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let entries = std::fs::read_dir(path).map_err(|source| LoadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            for entry in entries {
                let entry = entry.map_err(|source| LoadError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                let p = entry.path();
                if p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                {
                    roots.push(p);
                }
            }
            roots.sort();
            if roots.is_empty() {
                return Err(LoadError::Invalid(vec![Diagnostic::error(
                    None,
                    format!("{} holds no .yaml model file", path.display()),
                )]));
            }
        } else {
            scope = directory_of(&path.canonicalize().unwrap_or_else(|_| path.to_path_buf()));
            roots.push(path.to_path_buf());
        }
        let mut loader = Loader::new(limits.clone(), scope);
        loader.read_all(roots.into_iter().map(|p| (p, None)).collect())?;
        loader.build()
    }

    /// Builds a model from YAML text (tests, stdin). `file` names it in
    /// diagnostics; includes are resolved relative to it (and confined to
    /// its directory, as for [`Model::load`]).
    pub fn from_yaml(text: &str, file: &str) -> Result<Model, LoadError> {
        let limits =
            Limits::from_env().map_err(|e| LoadError::Invalid(vec![Diagnostic::error(None, e)]))?;
        let mut loader = Loader::new(limits, directory_of(Path::new(file)));
        loader.parse_text(PathBuf::from(file), text.to_string())?;
        loader.build()
    }
}

/// The directory a model file's includes are confined to: its own,
/// canonical when it exists.
fn directory_of(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    dir.canonicalize().unwrap_or(dir)
}

/// Why a model file was not read.
enum Refusal {
    Io(std::io::Error),
    Refused(String, Option<String>),
}

/// Reads one model file within the budgets: a regular file (or, for a file
/// named on the command line, a pipe such as `/dev/stdin`) of at most
/// `max_file_bytes`. Devices (`/dev/zero`), sockets and directories are
/// refused without reading a byte.
fn read_model_file(path: &Path, root: bool, limits: &Limits) -> Result<String, Refusal> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(Refusal::Io)?;
    let ft = meta.file_type();
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&ft);
    #[cfg(not(unix))]
    let pipe = false;
    if !(ft.is_file() || (root && pipe)) {
        return Err(Refusal::Refused(
            format!(
                "{} is not a regular file (a device, socket or directory): not read",
                path.display()
            ),
            Some("a model file is a regular .yaml file".into()),
        ));
    }
    let too_big = |len: u64| {
        let (msg, help) = crate::limits::exceeded(4, limits.max_file_bytes);
        Refusal::Refused(format!("{} holds {len} bytes: {msg}", path.display()), help)
    };
    if meta.len() > limits.max_file_bytes {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    let mut text = String::with_capacity(meta.len() as usize);
    // `take` bounds what a growing file or a pipe can make us hold.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(Refusal::Io)?;
    if text.len() as u64 > limits.max_file_bytes {
        return Err(too_big(text.len() as u64));
    }
    Ok(text)
}

struct Loader {
    files: Vec<SourceFile>,
    seen: HashSet<PathBuf>,
    /// Problems that keep the model from being built at all (a file not
    /// read, YAML syntax, a budget, a problem at the top of a file).
    diags: Vec<Diagnostic>,
    /// Problems inside records: the model is still built, to report
    /// reference problems in the same run.
    record_problems: Vec<Diagnostic>,
    limits: Limits,
    /// Canonical directory that includes must stay in (unless allowed).
    scope: PathBuf,
}

impl Loader {
    fn new(limits: Limits, scope: PathBuf) -> Loader {
        Loader {
            files: Vec::new(),
            seen: HashSet::new(),
            diags: Vec::new(),
            record_problems: Vec::new(),
            limits,
            scope,
        }
    }

    /// Reads `roots` and everything they include, level by level; the files
    /// of one level are parsed in parallel (YAML parsing dominates load time,
    /// and large estates are split into files).
    /// `roots` come with the `include:` that names them, or `None` for a
    /// file named by the user.
    fn read_all(&mut self, roots: Vec<(PathBuf, Option<Location>)>) -> Result<(), LoadError> {
        let mut frontier = roots;
        while !frontier.is_empty() {
            let mut pending: Vec<(PathBuf, Option<Location>)> = Vec::new();
            for (path, from) in frontier.drain(..) {
                let canonical = match (path.canonicalize(), &from) {
                    (Ok(c), _) => c,
                    // A file named on the command line that cannot be
                    // resolved (a pipe): read as named.
                    (Err(_), None) => {
                        pending.push((path, None));
                        continue;
                    }
                    (Err(source), Some(loc)) => {
                        self.diags.push(Diagnostic::error(
                            Some(loc.clone()),
                            format!("cannot read included file {}: {source}", path.display()),
                        ));
                        continue;
                    }
                };
                if !self.limits.include_anywhere && !canonical.starts_with(&self.scope) {
                    self.diags.push(
                        Diagnostic::error(
                            from,
                            format!(
                                "{} is outside the model's directory {}: not read",
                                path.display(),
                                self.scope.display()
                            ),
                        )
                        .with_help(Some(
                            "copy the file into the model's directory, or allow includes \
                             anywhere with CORDON_MODEL_INCLUDE_ANYWHERE=1 (docs/limits.md)"
                                .into(),
                        )),
                    );
                    continue;
                }
                if self.seen.insert(canonical) {
                    pending.push((path, from));
                }
            }
            let mut level = Vec::new();
            for (path, from) in pending {
                match read_model_file(&path, from.is_none(), &self.limits) {
                    Ok(text) => level.push((path, text)),
                    Err(Refusal::Refused(msg, help)) => {
                        self.diags
                            .push(Diagnostic::error(from, msg).with_help(help));
                    }
                    Err(Refusal::Io(source)) => match from {
                        Some(loc) => self.diags.push(Diagnostic::error(
                            Some(loc),
                            format!("cannot read included file {}: {source}", path.display()),
                        )),
                        None => return Err(LoadError::Io { path, source }),
                    },
                }
            }
            for parsed in parse_parallel(level, &self.limits) {
                match parsed {
                    Ok(mut file) => {
                        let base = file
                            .path
                            .parent()
                            .map(Path::to_path_buf)
                            .unwrap_or_default();
                        for inc in &file.raw.include {
                            frontier.push((
                                base.join(&inc.value),
                                Some(loc(&file.path, &inc.referenced)),
                            ));
                        }
                        self.record_problems.append(&mut file.problems);
                        self.files.push(file);
                    }
                    Err(d) => self.diags.extend(d),
                }
            }
        }
        Ok(())
    }

    fn parse_text(&mut self, path: PathBuf, text: String) -> Result<(), LoadError> {
        match parse_file(path, text, &self.limits) {
            Ok(mut file) => {
                self.record_problems.append(&mut file.problems);
                let base = file
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let includes: Vec<(PathBuf, Option<Location>)> = file
                    .raw
                    .include
                    .iter()
                    .map(|i| (base.join(&i.value), Some(loc(&file.path, &i.referenced))))
                    .collect();
                self.files.push(file);
                self.read_all(includes)
            }
            Err(d) => {
                self.diags.extend(d);
                Ok(())
            }
        }
    }

    fn build(mut self) -> Result<Model, LoadError> {
        let fatal = self
            .diags
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error);
        let mut diags = Vec::new();
        let mut hidden = 0;
        let record_problems = std::mem::take(&mut self.record_problems);
        for d in self.diags.drain(..).chain(record_problems) {
            push_bounded(&mut diags, &mut hidden, d);
        }
        if fatal {
            return Err(LoadError::Invalid(with_hidden(diags, hidden)));
        }
        let mut files = std::mem::take(&mut self.files);
        let broken = files
            .iter_mut()
            .flat_map(|f| std::mem::take(&mut f.raw.dropped))
            .collect();
        let mut b = Builder {
            model: Model::default(),
            diags,
            hidden,
            broken,
            defaults_all: true,
            defaults_kind: HashMap::new(),
            pending_creds: Vec::new(),
            expansions: Expansions::default(),
            max_interactions: self.limits.max_interactions,
        };
        b.model.files = files.iter().map(|f| f.path.to_path_buf()).collect();
        b.model.name = files
            .iter()
            .find_map(|f| f.raw.name.clone())
            .unwrap_or_else(|| "unnamed estate".into());
        for f in &files {
            if let Some(d) = &f.raw.defaults {
                match &d.value {
                    RawDefaults::All(on) => b.defaults_all = *on,
                    RawDefaults::PerKind(map) => {
                        for (k, on) in map {
                            if catalog::kind(k).is_none() {
                                b.error(
                                    Some(loc(&f.path, &d.referenced)),
                                    format!("unknown kind `{k}` under defaults"),
                                    catalog::suggest_kind(k),
                                );
                            }
                            b.defaults_kind.insert(k.clone(), *on);
                        }
                    }
                }
            }
        }
        b.zones(&files);
        b.components(&mut files);
        b.interactions(&files);
        b.services(&files);
        b.finish()
    }
}

fn parse_file(path: PathBuf, text: String, limits: &Limits) -> Result<SourceFile, Vec<Diagnostic>> {
    let path: Arc<Path> = Arc::from(path);
    let raw = {
        let mut raw = RawFile::new();
        // Problems in records come after those at the top of the file.
        let mut records = Reader::default();
        let tree = crate::yaml::parse_streaming(&text, limits, SECTIONS, |section, node| {
            read_record(section, &node, &mut records, &mut raw)
        })
        .map_err(|(pos, message, help)| {
            vec![Diagnostic::error(Some(loc(&path, &pos)), message).with_help(help)]
        })?;
        let mut reader = Reader::default();
        read_file(tree.as_ref(), &mut reader, &mut raw);
        let located = |problems: Vec<crate::yaml::Problem>| -> Vec<Diagnostic> {
            problems
                .into_iter()
                .map(|(pos, message, help)| {
                    Diagnostic::error(Some(loc(&path, &pos)), message).with_help(help)
                })
                .collect()
        };
        // A problem at the top of the file (a misspelt section, an include
        // that is not a list) may hide whole sections: building would then
        // report their ids as unknown. Such a file is not built.
        if !reader.problems.is_empty() {
            reader.problems.append(&mut records.problems);
            return Err(located(reader.problems));
        }
        (raw, located(records.problems))
    };
    let (raw, problems) = raw;
    // Only the `needs` of services look back at the text (the column of a
    // quoted expression): other files' text is freed here, on the parsing
    // thread, rather than held through the build.
    let text = if raw.services.is_empty() {
        String::new()
    } else {
        text
    };
    Ok(SourceFile {
        path,
        text,
        raw,
        problems,
    })
}

/// Parses files on all cores, keeping their order.
fn parse_parallel(
    files: Vec<(PathBuf, String)>,
    limits: &Limits,
) -> Vec<Result<SourceFile, Vec<Diagnostic>>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files
            .into_iter()
            .map(|(p, t)| parse_file(p, t, limits))
            .collect();
    }
    let n = files.len();
    let work = std::sync::Mutex::new(files.into_iter().enumerate().collect::<Vec<_>>());
    let results = std::sync::Mutex::new(
        (0..n)
            .map(|_| None)
            .collect::<Vec<Option<Result<SourceFile, Vec<Diagnostic>>>>>(),
    );
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    // Largest first would balance better; files come in the order given.
                    let next = work.lock().map(|mut w| w.pop()).unwrap_or(None);
                    let Some((i, (p, t))) = next else { break };
                    let r = parse_file(p, t, limits);
                    if let Ok(mut res) = results.lock() {
                        res[i] = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn loc(path: &Arc<Path>, l: &Pos) -> Location {
    Location {
        file: Arc::clone(path),
        line: l.line(),
        column: l.column(),
    }
}

/// Adds `d` unless [`MAX_ERRORS`] errors are listed already; the errors
/// left out are counted in `hidden`.
fn push_bounded(diags: &mut Vec<Diagnostic>, hidden: &mut usize, d: Diagnostic) {
    let error = d.severity == crate::diagnostic::Severity::Error;
    if error
        && diags
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count()
            >= MAX_ERRORS
    {
        *hidden += 1;
    } else {
        diags.push(d);
    }
}

/// `diags`, ending with a note of how many errors were left out, if any.
fn with_hidden(mut diags: Vec<Diagnostic>, hidden: usize) -> Vec<Diagnostic> {
    if hidden > 0 {
        diags.push(crate::diagnostic::more_errors(hidden, MAX_ERRORS));
    }
    diags
}

struct Builder {
    model: Model,
    diags: Vec<Diagnostic>,
    /// Errors not listed (over [`MAX_ERRORS`]).
    hidden: usize,
    /// Ids of components and services not built for a problem already
    /// reported: references to them are not reported again.
    broken: HashSet<String>,
    defaults_all: bool,
    defaults_kind: HashMap<String, bool>,
    /// (target id, where the credentials are, weakness location)
    pending_creds: Vec<(String, Selector, Location)>,
    /// Every rule's (from × to), expanded into interactions at the end.
    expansions: Expansions,
    /// [`Limits::max_interactions`].
    max_interactions: u64,
}

impl Builder {
    fn error(&mut self, at: Option<Location>, message: String, help: Option<String>) {
        push_bounded(
            &mut self.diags,
            &mut self.hidden,
            Diagnostic::error(at, message).with_help(help),
        );
    }

    fn warn(&mut self, at: Option<Location>, message: String) {
        if self.diags.len() < MAX_ERRORS * 2 {
            self.diags.push(Diagnostic::warning(at, message));
        }
    }

    fn zones(&mut self, files: &[SourceFile]) {
        for f in files {
            for z in &f.raw.zones {
                let id = &z.value.id;
                let at = loc(&f.path, &id.referenced);
                if !is_valid_name(&id.value) {
                    self.error(
                        Some(at),
                        format!(
                            "`{}` is not a valid zone id (letters, digits, '-', '_', '.')",
                            id.value
                        ),
                        None,
                    );
                    continue;
                }
                if let Some(prev) = self.model.zone_index.get(&id.value) {
                    let prev_at = self.model.zones[prev.0 as usize].location.clone();
                    self.error(
                        Some(at),
                        format!("duplicate zone `{}`", id.value),
                        prev_at.map(|p| format!("first declared at {p}")),
                    );
                    continue;
                }
                let zid = ZoneId(self.model.zones.len() as u32);
                self.model.zone_index.insert(id.value.clone(), zid);
                self.model.zones.push(Zone {
                    id: id.value.clone(),
                    external: z.value.external,
                    description: z.value.description.clone(),
                    network: None,
                    location: Some(at),
                });
                self.model.zone_members.push(Vec::new());
            }
        }
    }

    fn add_component(&mut self, c: Component) -> ComponentId {
        let cid = ComponentId(self.model.components.len() as u32);
        self.model.component_index.insert(c.id.clone(), cid);
        self.model
            .kind_index
            .entry(c.kind.id)
            .or_default()
            .push(cid);
        for t in &c.tags {
            match self.model.tag_index.get_mut(t.as_str()) {
                Some(v) => v.push(cid),
                None => {
                    self.model.tag_index.insert(t.clone(), vec![cid]);
                }
            }
        }
        self.model.zone_members[c.zone.0 as usize].push(cid);
        self.model.components.push(c);
        cid
    }

    /// Components of every file, in file order. Takes the records' text
    /// out of `files` (moved, not copied: this runs once per component).
    fn components(&mut self, files: &mut [SourceFile]) {
        let records: usize = files.iter().map(|f| f.raw.components.len()).sum();
        let zones = self.model.zones.len();
        self.model.components.reserve(records + zones);
        self.model.component_index.reserve(records + zones);
        // First pass: ids, kinds, zones. runs_on and stored-credentials refer
        // to other components, so they are resolved after all are known.
        let mut pending_runs_on = Vec::new();
        let mut pending_creds = Vec::new();
        // (group, component id, kind, where the group is written)
        let mut groups: Vec<(String, String, &'static str, Location)> = Vec::new();
        for f in files.iter_mut() {
            for rc in f.raw.components.iter_mut() {
                let r = &mut rc.value;
                let at = loc(&f.path, &r.id.referenced);
                let id = match r.id.value.trim() {
                    t if t.len() == r.id.value.len() => std::mem::take(&mut r.id.value),
                    t => t.to_string(),
                };
                let id = id.as_str();
                if !is_valid_name(id) {
                    self.error(Some(at), format!("`{id}` is not a valid component id (letters, digits, '-', '_', '.', '@')"), None);
                    continue;
                }
                if let Some(prev) = self.model.component_index.get(id) {
                    let prev_at = self.model.components[prev.index()].location.clone();
                    self.error(
                        Some(at),
                        format!("duplicate component `{id}`"),
                        prev_at.map(|p| format!("first declared at {p}")),
                    );
                    continue;
                }
                let Some(kind) = catalog::kind(&r.kind.value) else {
                    self.broken.insert(id.to_string());
                    self.error(
                        Some(loc(&f.path, &r.kind.referenced)),
                        format!("unknown kind `{}` for component `{id}`", r.kind.value),
                        catalog::suggest_kind(&r.kind.value)
                            .or(Some("`cordon catalog` lists the kinds".into())),
                    );
                    continue;
                };
                let Some(zone) = self.model.zone_id(&r.zone.value) else {
                    self.broken.insert(id.to_string());
                    let help = did_you_mean(
                        &r.zone.value,
                        self.model.zones.iter().map(|z| z.id.as_str()),
                    );
                    self.error(
                        Some(loc(&f.path, &r.zone.referenced)),
                        format!("unknown zone `{}` for component `{id}`", r.zone.value),
                        help,
                    );
                    continue;
                };
                let mut exposed_to = Vec::new();
                match &r.exposed {
                    None | Some(RawExposed::Flag(false)) => {}
                    Some(RawExposed::Flag(true)) => {
                        exposed_to = (0..self.model.zones.len() as u32)
                            .map(ZoneId)
                            .filter(|z| self.model.zone(*z).external)
                            .collect();
                        if exposed_to.is_empty() {
                            self.error(Some(at.clone()), format!("component `{id}` is exposed but the model has no external zone"), Some("add a zone with `external: true`, e.g. { id: internet, external: true }".into()));
                        }
                    }
                    Some(RawExposed::Zones(list)) => {
                        for z in list {
                            match self.model.zone_id(z) {
                                Some(zid) if self.model.zone(zid).external => exposed_to.push(zid),
                                Some(_) => self.error(Some(at.clone()), format!("component `{id}` is exposed to `{z}`, which is not an external zone"), Some("mark the zone `external: true`".into())),
                                None => {
                                    let help = did_you_mean(z, self.model.zones.iter().map(|z| z.id.as_str()));
                                    self.error(Some(at.clone()), format!("component `{id}` is exposed to unknown zone `{z}`"), help)
                                }
                            }
                        }
                    }
                }
                let criticality = match &r.criticality {
                    None => Criticality::Medium,
                    Some(c) => Criticality::parse(&c.value).unwrap_or_else(|| {
                        self.error(
                            Some(loc(&f.path, &c.referenced)),
                            format!("unknown criticality `{}`", c.value),
                            Some("use low, medium, high or critical".into()),
                        );
                        Criticality::Medium
                    }),
                };
                let p_fail = r.p_fail.as_ref().map(|p| {
                    if !(0.0..=1.0).contains(&p.value) {
                        self.error(
                            Some(loc(&f.path, &p.referenced)),
                            format!("p_fail of `{id}` is {}, not a probability", p.value),
                            Some("use a value between 0 and 1".into()),
                        );
                    }
                    p.value
                });
                let mut weaknesses = Vec::new();
                for w in r.weaknesses.iter_mut() {
                    let wat = loc(&f.path, &w.referenced);
                    let RawWeakness {
                        kind: kind_name,
                        cve,
                        grants,
                        stored_on: on,
                        notes,
                    } = &mut w.value;
                    let (kind_name, cve, grants, on, notes) = (
                        std::mem::take(kind_name),
                        cve.take(),
                        grants.take(),
                        on.take(),
                        notes.take(),
                    );
                    let Some(wk) = WeaknessKind::parse(&kind_name) else {
                        self.error(
                            Some(wat),
                            format!("unknown weakness `{kind_name}` on `{id}`"),
                            did_you_mean(&kind_name, WeaknessKind::ALL.iter().map(|k| k.as_str())),
                        );
                        continue;
                    };
                    let grants = match grants.as_deref() {
                        None => AccessLevel::Control,
                        Some(g) => match AccessLevel::parse(g) {
                            Some(l) if l > AccessLevel::Reach => l,
                            _ => {
                                self.error(
                                    Some(wat.clone()),
                                    format!("weakness on `{id}` grants `{g}`"),
                                    Some("use read, write or control".into()),
                                );
                                AccessLevel::Control
                            }
                        },
                    };
                    let on = match (wk, on) {
                        (WeaknessKind::StoredCredentials, None) => {
                            self.error(Some(wat), format!("stored-credentials weakness on `{id}` needs `stored_on:`, the components where the credentials are stored"), Some("e.g. { kind: stored-credentials, stored_on: tag:admin-workstation }".into()));
                            continue;
                        }
                        (WeaknessKind::StoredCredentials, Some(text)) => {
                            match Selector::parse(&text) {
                                Ok(sel) => {
                                    pending_creds.push((id.to_string(), sel.clone(), wat.clone()));
                                    Some(sel)
                                }
                                Err(e) => {
                                    self.error(Some(wat), e.message, None);
                                    continue;
                                }
                            }
                        }
                        (_, Some(_)) => {
                            self.error(Some(wat), format!("`stored_on:` only applies to stored-credentials weaknesses (on `{id}`)"), None);
                            continue;
                        }
                        (_, None) => None,
                    };
                    weaknesses.push(Weakness {
                        kind: wk,
                        cve,
                        grants,
                        on,
                        notes,
                    });
                }
                let mut tags = std::mem::take(&mut r.tags);
                for t in &tags {
                    if !is_valid_name(t) {
                        self.error(
                            Some(at.clone()),
                            format!("tag `{t}` of `{id}` is not a valid name"),
                            None,
                        );
                    }
                }
                if let Some(h) = &r.runs_on {
                    pending_runs_on.push((
                        id.to_string(),
                        h.value.clone(),
                        loc(&f.path, &h.referenced),
                    ));
                }
                let redundancy = r.redundancy.take().map(|g| {
                    groups.push((
                        g.value.clone(),
                        id.to_string(),
                        kind.id,
                        loc(&f.path, &g.referenced),
                    ));
                    g.value
                });
                self.add_component(Component {
                    id: id.to_string(),
                    kind,
                    zone,
                    exposed_to,
                    crown_jewel: r.crown_jewel,
                    criticality,
                    tags: std::mem::take(&mut tags),
                    weaknesses,
                    runs_on: None,
                    p_fail,
                    cut_cost: r.cut_cost,
                    redundancy,
                    description: r.description.take(),
                    properties: std::mem::take(&mut r.properties),
                    implicit: false,
                    location: Some(at),
                });
            }
        }
        // Each external zone has a component standing for "anyone on it".
        for zi in 0..self.model.zones.len() {
            if !self.model.zones[zi].external {
                continue;
            }
            let zone_id = self.model.zones[zi].id.clone();
            let network = match self.model.component_id(&zone_id) {
                Some(existing) if self.model.component(existing).zone.0 as usize == zi => existing,
                Some(existing) => {
                    let at = self.model.component(existing).location.clone();
                    self.error(at, format!("component `{zone_id}` has the id of external zone `{zone_id}`, which stands for anyone on that network"), Some("rename the component or put it in that zone".into()));
                    continue;
                }
                None => self.add_component(Component {
                    id: zone_id.clone(),
                    kind: catalog::kind("external-network").expect("catalog has external-network"),
                    zone: ZoneId(zi as u32),
                    exposed_to: Vec::new(),
                    crown_jewel: false,
                    criticality: Criticality::Low,
                    tags: Vec::new(),
                    weaknesses: Vec::new(),
                    runs_on: None,
                    p_fail: None,
                    cut_cost: None,
                    redundancy: None,
                    description: Some(format!("anyone on the external zone `{zone_id}`")),
                    properties: BTreeMap::new(),
                    implicit: true,
                    location: self.model.zones[zi].location.clone(),
                }),
            };
            self.model.zones[zi].network = Some(network);
        }
        let mut runs_on_at: Vec<(ComponentId, Location)> = Vec::new();
        for (guest, host, at) in pending_runs_on {
            let g = self.model.component_id(&guest).expect("guest was added");
            runs_on_at.push((g, at.clone()));
            // Like every other reference: the id, else a former id or the
            // label (an imported AD object named as people write it).
            match self.model.resolve_component(&host).ok() {
                Some(h) if h == g => self.error(
                    Some(at),
                    format!("component `{guest}` runs on itself"),
                    None,
                ),
                Some(h) => self.model.components[g.index()].runs_on = Some(h),
                None if self.broken.contains(host.trim()) => {}
                None => {
                    let help = self.model.suggest_component(&host);
                    self.error(
                        Some(at),
                        format!("`{guest}` runs on unknown component `{host}`"),
                        help,
                    )
                }
            }
        }
        self.runs_on_cycles(&runs_on_at);
        self.mixed_redundancy_groups(groups);
        self.pending_creds = pending_creds;
    }

    /// Warns about a `redundancy:` group whose members are of different
    /// catalog kinds: a group is providers of one kind that stand in for
    /// each other (docs/semantics.md), so an `ehr` and a `database-server`
    /// in one group is most likely a copied line. A warning, not an error:
    /// providers of two kinds can replace each other for one dependency
    /// (a domain controller serving DNS beside a DNS server, both
    /// `resolves`), and only the modeller knows. Located at the first
    /// member whose kind is not the group's most common kind.
    fn mixed_redundancy_groups(
        &mut self,
        mut groups: Vec<(String, String, &'static str, Location)>,
    ) {
        // Stable: members stay in file order within a group.
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for members in groups.chunk_by(|a, b| a.0 == b.0) {
            let mut kinds: Vec<&'static str> = Vec::new();
            for m in members {
                if !kinds.contains(&m.2) {
                    kinds.push(m.2);
                }
            }
            if kinds.len() < 2 {
                continue;
            }
            // The group's kind is its most common one (the first seen on a
            // tie); the warning points at the first member of another kind.
            let count = |k: &str| members.iter().filter(|m| m.2 == k).count();
            let main =
                kinds.iter().copied().fold(
                    kinds[0],
                    |best, k| if count(k) > count(best) { k } else { best },
                );
            let Some(odd) = members.iter().find(|m| m.2 != main) else {
                continue;
            };
            let listed: Vec<String> = kinds
                .iter()
                .map(|k| {
                    let ids: Vec<&str> = members
                        .iter()
                        .filter(|m| m.2 == *k)
                        .map(|m| m.1.as_str())
                        .collect();
                    format!("{k}: {}", ids.join(", "))
                })
                .collect();
            let d = Diagnostic::warning(
                Some(odd.3.clone()),
                format!(
                    "redundancy group `{}` mixes kinds ({}): a group is providers of one kind that stand in for each other",
                    members[0].0,
                    listed.join("; ")
                ),
            )
            .with_help(Some(format!(
                "give `{}` a group of its own (`redundancy: {}-{}`), or keep it if it really replaces the others for the same dependency (a domain controller serving DNS beside a DNS server)",
                odd.1, members[0].0, odd.2
            )));
            if self.diags.len() < MAX_ERRORS * 2 {
                self.diags.push(d);
            }
        }
    }

    /// Refuses `runs_on` chains that loop (b on c, c on b): nothing in the
    /// loop could ever start. Each component has at most one host, so
    /// following hosts from every component finds each loop once (colours,
    /// iterative: no recursion over a chain). Self-loops are refused above.
    fn runs_on_cycles(&mut self, at: &[(ComponentId, Location)]) {
        let n = self.model.components.len();
        // 0 unseen, 1 on the current walk, 2 done.
        let mut colour = vec![0u8; n];
        for start in 0..n {
            let mut walk = Vec::new();
            let mut c = start;
            while colour[c] == 0 {
                colour[c] = 1;
                walk.push(c);
                match self.model.components[c].runs_on {
                    Some(h) if h.index() != c => c = h.index(),
                    _ => break,
                }
            }
            let cycle = match walk.iter().position(|&x| x == c) {
                Some(from) if colour[c] == 1 => &walk[from..],
                _ => &[][..],
            };
            if cycle.len() > 1 {
                let ids: Vec<String> = cycle
                    .iter()
                    .chain(std::iter::once(&cycle[0]))
                    .map(|&x| format!("`{}`", self.model.components[x].id))
                    .collect();
                let loc = at
                    .iter()
                    .find(|(g, _)| g.index() == cycle[0])
                    .map(|(_, l)| l.clone());
                self.error(
                    loc,
                    format!(
                        "hosting cycle: {} (each runs on the next)",
                        ids.join(" runs on ")
                    ),
                    Some(
                        "a guest runs on a host that does not run on it: remove one `runs_on:` of the cycle"
                            .into(),
                    ),
                );
            }
            for x in walk {
                colour[x] = 2;
            }
        }
    }
}

impl Builder {
    fn resolve(&mut self, sel: &Selector, at: &Location, what: &str) -> Option<Vec<ComponentId>> {
        match self.model.select(sel) {
            Ok(v) => {
                if v.is_empty()
                    && matches!(
                        sel,
                        Selector::Kind(_) | Selector::Zone(_) | Selector::Tag(_)
                    )
                {
                    self.warn(
                        Some(at.clone()),
                        format!("{what} `{sel}` matches no component"),
                    );
                }
                Some(v)
            }
            // Not built for a problem already reported: not an echo.
            Err(_) if matches!(sel, Selector::Id(id) if self.broken.contains(id.trim())) => None,
            Err(e) => {
                self.error(Some(at.clone()), format!("{} in {what}", e.message), e.help);
                None
            }
        }
    }

    fn push_rule(&mut self, rule: InteractionRule) -> RuleId {
        let id = RuleId(self.model.rules.len() as u32);
        self.model.rules.push(rule);
        id
    }

    /// Records that `rule` links every component of `from` to every one of
    /// `to` (but not to itself); [`Expansions::interactions`] expands them.
    fn expand(&mut self, rule: RuleId, from: &[ComponentId], to: &[ComponentId]) {
        let e = &mut self.expansions;
        let n = (from.len() as u64).saturating_mul(to.len() as u64);
        e.total = e.total.saturating_add(n);
        if n > e.largest.1 {
            e.largest = (rule.0, n);
        }
        // Past the budget nothing more is kept: the load fails anyway, and
        // keeping every rule's sets could itself exhaust memory.
        if e.total > self.max_interactions {
            return;
        }
        match (from, to) {
            ([f], [t]) => e.pairs.push((rule, *f, *t)),
            _ => e.products.push((rule, from.to_vec(), to.to_vec())),
        }
    }

    fn interactions(&mut self, files: &[SourceFile]) {
        // Declared rules come first so that, when a default duplicates a
        // declared interaction, the declared one (with its notes) is kept.
        for f in files {
            for ri in &f.raw.interactions {
                let r = &ri.value;
                let at = loc(&f.path, &ri.referenced);
                let kind = match InteractionKind::parse(&r.kind.value) {
                    Some(k) if k.declarable() => k,
                    Some(_) => {
                        self.error(Some(loc(&f.path, &r.kind.referenced)), format!("interaction kind `{}` is not written by hand", r.kind.value), Some("declare a stored-credentials weakness on the target with `on:` the components holding the credentials".into()));
                        continue;
                    }
                    None => {
                        let help = did_you_mean(
                            &r.kind.value,
                            InteractionKind::ALL
                                .iter()
                                .filter(|k| k.declarable())
                                .map(|k| k.as_str()),
                        );
                        self.error(
                            Some(loc(&f.path, &r.kind.referenced)),
                            format!("unknown interaction kind `{}`", r.kind.value),
                            help.or(Some("`cordon catalog` lists the interaction kinds".into())),
                        );
                        continue;
                    }
                };
                let mut ends = Vec::new();
                for (end, name) in [(&r.from, "from"), (&r.to, "to")] {
                    let end_at = loc(&f.path, &end.referenced);
                    match Selector::parse(&end.value) {
                        Ok(sel) => ends.push((sel, end_at)),
                        Err(e) => {
                            self.error(Some(end_at), format!("bad `{name}`: {}", e.message), None)
                        }
                    }
                }
                if ends.len() != 2 {
                    continue;
                }
                let (to_sel, to_at) = ends.pop().expect("two ends");
                let (from_sel, from_at) = ends.pop().expect("two ends");
                if let (Selector::Id(a), Selector::Id(b)) = (&from_sel, &to_sel)
                    && a == b
                {
                    self.error(
                        Some(from_at),
                        format!("interaction from `{a}` to itself"),
                        Some("a component already holds itself; remove the interaction".into()),
                    );
                    continue;
                }
                let (Some(from), Some(to)) = (
                    self.resolve(&from_sel, &from_at, "`from`"),
                    self.resolve(&to_sel, &to_at, "`to`"),
                ) else {
                    continue;
                };
                let rule = self.push_rule(InteractionRule {
                    from: from_sel,
                    to: to_sel,
                    kind,
                    protocol: r.protocol.clone(),
                    mfa: r.mfa,
                    notes: r.notes.clone(),
                    cut_cost: r.cut_cost,
                    origin: RuleOrigin::Declared(at),
                });
                self.expand(rule, &from, &to);
            }
        }
        // Implied interactions: catalog defaults, exposure, hosting, credentials.
        for kind in catalog::CATALOG {
            let on = self
                .defaults_kind
                .get(kind.id)
                .copied()
                .unwrap_or(self.defaults_all);
            let members = self.model.of_kind(kind.id).to_vec();
            if !on || members.is_empty() {
                continue;
            }
            for d in kind.defaults {
                let peer_sel = Selector::parse(d.peer).expect("catalog selectors parse");
                let peers = self.model.select(&peer_sel).unwrap_or_default();
                if peers.is_empty() {
                    continue;
                }
                let (from_sel, to_sel, from, to) = match d.direction {
                    Direction::Outgoing => (
                        Selector::Kind(kind.id.into()),
                        peer_sel,
                        members.as_slice(),
                        peers.as_slice(),
                    ),
                    Direction::Incoming => (
                        peer_sel,
                        Selector::Kind(kind.id.into()),
                        peers.as_slice(),
                        members.as_slice(),
                    ),
                };
                let rule = self.push_rule(InteractionRule {
                    from: from_sel,
                    to: to_sel,
                    kind: d.kind,
                    protocol: None,
                    mfa: false,
                    notes: None,
                    cut_cost: None,
                    origin: RuleOrigin::CatalogDefault {
                        kind: kind.id,
                        why: d.why,
                    },
                });
                let (from, to) = (from.to_vec(), to.to_vec());
                self.expand(rule, &from, &to);
            }
        }
        for ci in 0..self.model.components.len() {
            let c = &self.model.components[ci];
            let cid = ComponentId(ci as u32);
            let exposed: Vec<ZoneId> = c.exposed_to.clone();
            let location = c.location.clone();
            let id = c.id.clone();
            for z in exposed {
                if let Some(net) = self.model.zone(z).network {
                    let rule = self.push_rule(InteractionRule {
                        from: Selector::Id(self.model.component(net).id.clone()),
                        to: Selector::Id(id.clone()),
                        kind: InteractionKind::Connects,
                        protocol: None,
                        mfa: false,
                        notes: Some("exposed to this external zone".into()),
                        cut_cost: None,
                        origin: RuleOrigin::Exposure(location.clone()),
                    });
                    self.expand(rule, &[net], &[cid]);
                }
            }
            if let Some(host) = self.model.components[ci].runs_on {
                let rule = self.push_rule(InteractionRule {
                    from: Selector::Id(self.model.component(host).id.clone()),
                    to: Selector::Id(id.clone()),
                    kind: InteractionKind::Hosts,
                    protocol: None,
                    mfa: false,
                    notes: None,
                    cut_cost: None,
                    origin: RuleOrigin::RunsOn(location.clone()),
                });
                self.expand(rule, &[host], &[cid]);
            }
        }
        for (target, on, at) in std::mem::take(&mut self.pending_creds) {
            let Some(holders) = self.resolve(&on, &at, "`stored_on`") else {
                continue;
            };
            let t = self.model.component_id(&target).expect("target was added");
            let rule = self.push_rule(InteractionRule {
                from: on,
                to: Selector::Id(target),
                kind: InteractionKind::Credentials,
                protocol: None,
                mfa: false,
                notes: None,
                cut_cost: None,
                origin: RuleOrigin::StoredCredentials(Some(at)),
            });
            self.expand(rule, &holders, &[t]);
        }
        // One interaction per (from, to, kind): the earliest rule wins.
        let expansions = std::mem::take(&mut self.expansions);
        match expansions.interactions(
            &self.model.rules,
            self.model.components.len(),
            self.max_interactions,
        ) {
            Ok(list) => self.model.interactions = list,
            Err((rule, largest, total)) => {
                let r = &self.model.rules[rule.0 as usize];
                let at = match &r.origin {
                    RuleOrigin::Declared(at) => Some(at.clone()),
                    RuleOrigin::StoredCredentials(at)
                    | RuleOrigin::Exposure(at)
                    | RuleOrigin::RunsOn(at) => at.clone(),
                    RuleOrigin::CatalogDefault { .. } => None,
                };
                let (msg, help) = crate::limits::exceeded(6, self.max_interactions);
                let what = match &r.origin {
                    RuleOrigin::CatalogDefault { kind, why } => {
                        format!("the catalog default of `{kind}` ({why})")
                    }
                    _ => "this rule".to_string(),
                };
                self.error(
                    at,
                    format!(
                        "the interactions expand to {total}: {msg}; the largest, {what}, \
                         from `{}` to `{}`, gives {largest}",
                        r.from, r.to
                    ),
                    help,
                );
            }
        }
    }

    fn services(&mut self, files: &[SourceFile]) {
        // Ids first: services may need services declared later.
        for f in files {
            for s in &f.raw.services {
                let id = &s.value.id;
                let at = loc(&f.path, &id.referenced);
                if !is_valid_name(&id.value) {
                    self.error(
                        Some(at),
                        format!("`{}` is not a valid service id", id.value),
                        None,
                    );
                } else if let Some(prev) = self.model.service_index.get(&id.value) {
                    let prev_at = self.model.services[prev.0 as usize].location.clone();
                    self.error(
                        Some(at),
                        format!("duplicate service `{}`", id.value),
                        prev_at.map(|p| format!("first declared at {p}")),
                    );
                } else if self.model.component_id(&id.value).is_some() {
                    self.error(
                        Some(at),
                        format!("service `{}` has the id of a component", id.value),
                        Some(
                            "services and components share one namespace in `needs`; rename one"
                                .into(),
                        ),
                    );
                } else {
                    let sid = ServiceId(self.model.services.len() as u32);
                    self.model.service_index.insert(id.value.clone(), sid);
                    self.model.services.push(Service {
                        id: id.value.clone(),
                        description: s.value.description.clone(),
                        needs: Need::All(Vec::new()),
                        needs_text: s.value.needs.value.clone(),
                        fallback: None,
                        criticality: Criticality::Medium,
                        location: Some(at),
                    });
                }
            }
        }
        for f in files {
            for s in &f.raw.services {
                let Some(sid) = self.model.service_id(&s.value.id.value) else {
                    continue;
                };
                if self.model.services[sid.0 as usize]
                    .location
                    .as_ref()
                    .map(|l| &l.file)
                    != Some(&f.path)
                    || self.model.services[sid.0 as usize]
                        .location
                        .as_ref()
                        .map(|l| l.line)
                        != Some(s.value.id.referenced.line())
                {
                    continue; // a duplicate, already reported
                }
                let needs_at = loc(&f.path, &s.value.needs.referenced);
                let text = &s.value.needs.value;
                // A quoted scalar starts one column before its text.
                let quote = line_char(&f.text, needs_at.line, needs_at.column)
                    .is_some_and(|c| c == '"' || c == '\'');
                let at_offset = |offset: usize| Location {
                    file: needs_at.file.clone(),
                    line: needs_at.line,
                    column: needs_at.column
                        + quote as u32
                        + text[..offset.min(text.len())].chars().count() as u32,
                };
                let expr = match NeedsExpr::parse(text) {
                    Ok(e) => e,
                    Err(e) => {
                        self.error(
                            Some(at_offset(e.offset)),
                            format!(
                                "bad needs expression of service `{}`: {}",
                                s.value.id.value, e.message
                            ),
                            None,
                        );
                        continue;
                    }
                };
                let Some(need) = self.resolve_need(&expr, &at_offset, &s.value.id.value) else {
                    continue;
                };
                let fallback = match &s.value.fallback {
                    Some(fb) if !(0.0..=1.0).contains(&fb.capacity) => {
                        self.error(
                            Some(loc(&f.path, &s.referenced)),
                            format!(
                                "fallback capacity of `{}` is {}",
                                s.value.id.value, fb.capacity
                            ),
                            Some("capacity is a share of normal capacity, between 0 and 1".into()),
                        );
                        None
                    }
                    Some(fb) => Some(Fallback {
                        name: fb.name.clone(),
                        capacity: fb.capacity,
                        notes: fb.notes.clone(),
                    }),
                    None => None,
                };
                let criticality = match &s.value.criticality {
                    None => Criticality::Medium,
                    Some(c) => Criticality::parse(&c.value).unwrap_or_else(|| {
                        self.error(
                            Some(loc(&f.path, &c.referenced)),
                            format!("unknown criticality `{}`", c.value),
                            Some("use low, medium, high or critical".into()),
                        );
                        Criticality::Medium
                    }),
                };
                let svc = &mut self.model.services[sid.0 as usize];
                svc.needs = need;
                svc.fallback = fallback;
                svc.criticality = criticality;
            }
        }
        self.service_cycles();
    }

    fn resolve_need(
        &mut self,
        e: &NeedsExpr,
        at: &dyn Fn(usize) -> Location,
        service: &str,
    ) -> Option<Need> {
        let ops = |b: &mut Self, v: &[NeedsExpr]| -> Option<Vec<Need>> {
            let mut out = Vec::new();
            let mut ok = true;
            for op in v {
                match op {
                    // A selector operand stands for each component it selects.
                    NeedsExpr::Ref { name, offset } if name.contains(':') => {
                        match Selector::parse(name)
                            .map_err(|e| e.message)
                            .and_then(|s| b.model.select(&s).map_err(|e| e.message))
                        {
                            Ok(ids) if ids.is_empty() => {
                                b.error(
                                    Some(at(*offset)),
                                    format!(
                                        "`{name}` in the needs of `{service}` matches no component"
                                    ),
                                    None,
                                );
                                ok = false;
                            }
                            Ok(ids) => out.extend(ids.into_iter().map(Need::Component)),
                            Err(m) => {
                                b.error(
                                    Some(at(*offset)),
                                    format!("{m} in the needs of `{service}`"),
                                    None,
                                );
                                ok = false;
                            }
                        }
                    }
                    other => match b.resolve_need(other, at, service) {
                        Some(n) => out.push(n),
                        None => ok = false,
                    },
                }
            }
            ok.then_some(out)
        };
        match e {
            // A bare selector: every component it selects.
            NeedsExpr::Ref { name, .. } if name.contains(':') => {
                Some(Need::All(ops(self, std::slice::from_ref(e))?))
            }
            NeedsExpr::Ref { name, offset } => {
                if let Some(c) = self.model.component_id(name) {
                    Some(Need::Component(c))
                } else if let Some(s) = self.model.service_id(name) {
                    Some(Need::Service(s))
                } else if self.broken.contains(name.as_str()) {
                    None
                } else if let Ok(c) = self.model.resolve_component(name) {
                    // A former id or readable name (resolve.rs).
                    Some(Need::Component(c))
                } else {
                    let help = did_you_mean(
                        name,
                        self.model
                            .components
                            .iter()
                            .map(|c| c.id.as_str())
                            .chain(self.model.services.iter().map(|s| s.id.as_str())),
                    );
                    self.error(
                        Some(at(*offset)),
                        format!(
                            "unknown component or service `{name}` in the needs of `{service}`"
                        ),
                        help,
                    );
                    None
                }
            }
            NeedsExpr::All(v) => Some(Need::All(ops(self, v)?)),
            NeedsExpr::Any(v) => Some(Need::Any(ops(self, v)?)),
            NeedsExpr::AtLeast(k, v) => {
                let list = ops(self, v)?;
                if *k > list.len() {
                    let first = e.refs().first().map_or(0, |r| r.1);
                    self.error(Some(at(first)), format!("atleast({k}, …) in the needs of `{service}` has only {} operands after expanding selectors", list.len()), None);
                    return None;
                }
                Some(Need::AtLeast(*k, list))
            }
        }
    }

    fn service_cycles(&mut self) {
        fn deps(n: &Need, out: &mut Vec<ServiceId>) {
            match n {
                Need::Service(s) => out.push(*s),
                Need::Component(_) => {}
                Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => {
                    v.iter().for_each(|x| deps(x, out))
                }
            }
        }
        let n = self.model.services.len();
        let edges: Vec<Vec<ServiceId>> = self
            .model
            .services
            .iter()
            .map(|s| {
                let mut v = Vec::new();
                deps(&s.needs, &mut v);
                v
            })
            .collect();
        // Iterative DFS with colours; the stack holds the current path.
        let mut colour = vec![0u8; n];
        for start in 0..n {
            if colour[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            colour[start] = 1;
            while let Some(&mut (v, ref mut i)) = stack.last_mut() {
                if *i < edges[v].len() {
                    let w = edges[v][*i].0 as usize;
                    *i += 1;
                    if colour[w] == 1 {
                        let pos = stack.iter().position(|(x, _)| *x == w).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[pos..]
                            .iter()
                            .map(|(x, _)| self.model.services[*x].id.as_str())
                            .collect();
                        cycle.push(&self.model.services[w].id);
                        let msg = format!(
                            "services depend on each other in a cycle: {}",
                            cycle.join(" → ")
                        );
                        let at = self.model.services[w].location.clone();
                        self.error(
                            at,
                            msg,
                            Some("a service cannot need itself; break the cycle".into()),
                        );
                        return;
                    } else if colour[w] == 0 {
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                } else {
                    colour[v] = 2;
                    stack.pop();
                }
            }
        }
    }

    fn finish(mut self) -> Result<Model, LoadError> {
        let (errors, warnings): (Vec<_>, Vec<_>) = std::mem::take(&mut self.diags)
            .into_iter()
            .partition(|d| d.severity == crate::diagnostic::Severity::Error);
        if !errors.is_empty() {
            let mut all = with_hidden(errors, self.hidden);
            all.extend(warnings);
            return Err(LoadError::Invalid(all));
        }
        self.model.warnings = warnings;
        Ok(self.model)
    }
}

/// The (from × to) products of interaction rules, not yet expanded.
#[derive(Default)]
pub(crate) struct Expansions {
    /// Rules linking one component to one other (exposure, hosting…).
    pairs: Vec<(RuleId, ComponentId, ComponentId)>,
    /// Rules linking sets (declared selectors, catalog defaults).
    products: Vec<(RuleId, Vec<ComponentId>, Vec<ComponentId>)>,
    /// Σ |from| × |to| over every rule expanded, kept or not.
    total: u64,
    /// The rule with the largest |from| × |to| (its index), and that product.
    largest: (u32, u64),
}

impl Expansions {
    /// The interactions of all products, sorted by (from, to, kind, rule),
    /// one per (from, to, kind) — the earliest rule wins; no component
    /// interacts with itself.
    ///
    /// Linear in interactions plus components, without a comparison sort of
    /// the whole list: every component's share is counted first (`from` is a
    /// dense index below `components`), so each interaction is written once,
    /// straight into its source's slot of the final vector; then each
    /// source's few records are sorted by (to, kind, rule) — on two threads
    /// for large estates — and duplicates are squeezed out in one forward
    /// pass. The result equals a comparison sort of the whole list followed
    /// by a dedup (records equal in all four fields are identical: a rule
    /// fixes `kind` and `mfa`); a property test checks it. On the
    /// 200,000-component estate (2.3 M interactions) this replaced growing a
    /// vector by pushes, then sorting it by comparison — 8 % of a load.
    ///
    /// # Errors
    /// More than `limit` interactions (self-links included) would be built:
    /// the rule with the largest product and that product, before anything
    /// is allocated.
    pub(crate) fn interactions(
        &self,
        rules: &[InteractionRule],
        components: usize,
        limit: u64,
    ) -> Result<Vec<Interaction>, (RuleId, u64, u64)> {
        if self.total > limit {
            return Err((RuleId(self.largest.0), self.largest.1, self.total));
        }
        // start[c]..start[c + 1]: the slot of component c (an upper bound:
        // self-links are counted, then skipped).
        let mut start = vec![0usize; components + 1];
        for &(_, f, _) in &self.pairs {
            start[f.index() + 1] += 1;
        }
        for (_, from, to) in &self.products {
            for f in from {
                start[f.index() + 1] += to.len();
            }
        }
        for c in 1..start.len() {
            start[c] += start[c - 1];
        }
        let placeholder = Interaction {
            from: ComponentId(0),
            to: ComponentId(0),
            kind: InteractionKind::ALL[0],
            mfa: false,
            rule: RuleId(0),
        };
        let mut out = vec![placeholder; start[components]];
        // end[c]: where component c's next record goes.
        let mut end = start.clone();
        let mut put = |rule: RuleId, f: ComponentId, t: ComponentId| {
            if f != t {
                let r = &rules[rule.0 as usize];
                let at = &mut end[f.index()];
                out[*at] = Interaction {
                    from: f,
                    to: t,
                    kind: r.kind,
                    mfa: r.mfa,
                    rule,
                };
                *at += 1;
            }
        };
        // Products first, then pairs: the order within a slot does not
        // matter, the sort below fixes it.
        for (rule, from, to) in &self.products {
            for &f in from {
                for &t in to {
                    put(*rule, f, t);
                }
            }
        }
        for &(rule, f, t) in &self.pairs {
            put(rule, f, t);
        }
        let key = |i: &Interaction| (i.to, i.kind, i.rule);
        // Sorts the slots of components `range` within `part`, which
        // starts at start[range.start].
        let sort_slots = |part: &mut [Interaction], range: std::ops::Range<usize>| {
            let base = start[range.start];
            for c in range {
                part[start[c] - base..end[c] - base].sort_unstable_by_key(key);
            }
        };
        if out.len() < 1 << 16 {
            sort_slots(&mut out, 0..components);
        } else {
            // Two halves of about equal records, one per thread.
            let half = start
                .partition_point(|&s| s < out.len() / 2)
                .min(components);
            let (left, right) = out.split_at_mut(start[half]);
            std::thread::scope(|scope| {
                scope.spawn(|| sort_slots(right, half..components));
                sort_slots(left, 0..half);
            });
        }
        // Squeeze out the gaps (self-links) and duplicates, front to back:
        // the write position never passes the read position.
        let mut w = 0;
        for c in 0..components {
            for r in start[c]..end[c] {
                let i = out[r];
                if w > 0 && {
                    let p = &out[w - 1];
                    (p.from, p.to, p.kind) == (i.from, i.to, i.kind)
                } {
                    continue;
                }
                out[w] = i;
                w += 1;
            }
        }
        out.truncate(w);
        Ok(out)
    }
}

/// The character at 1-based (line, column), if any.
fn line_char(text: &str, line: u32, column: u32) -> Option<char> {
    text.lines()
        .nth(line.saturating_sub(1) as usize)?
        .chars()
        .nth(column.saturating_sub(1) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selector::Selector;
    use proptest::prelude::*;

    /// Rules with every kind, mfa on odd ones.
    fn rules(n: usize) -> Vec<InteractionRule> {
        (0..n)
            .map(|r| InteractionRule {
                from: Selector::All,
                to: Selector::All,
                kind: InteractionKind::ALL[r % InteractionKind::ALL.len()],
                protocol: None,
                mfa: r % 2 == 1,
                notes: None,
                cut_cost: None,
                origin: RuleOrigin::Exposure(None),
            })
            .collect()
    }

    /// The reference: every (f, t) pushed, a comparison sort on the whole
    /// key, then dedup — what the loader did before.
    fn reference(rules: &[InteractionRule], e: &Expansions) -> Vec<Interaction> {
        let mut list = Vec::new();
        let all = e
            .products
            .iter()
            .map(|(r, f, t)| (*r, f.clone(), t.clone()))
            .chain(e.pairs.iter().map(|&(r, f, t)| (r, vec![f], vec![t])));
        for (rule, from, to) in all {
            for &f in &from {
                for &t in &to {
                    if f != t {
                        let r = &rules[rule.0 as usize];
                        list.push(Interaction {
                            from: f,
                            to: t,
                            kind: r.kind,
                            mfa: r.mfa,
                            rule,
                        });
                    }
                }
            }
        }
        list.sort_unstable_by_key(|i| (i.from, i.to, i.kind, i.rule));
        list.dedup_by_key(|i| (i.from, i.to, i.kind));
        list
    }

    fn ids(v: &[u32], n: u32) -> Vec<ComponentId> {
        v.iter().map(|x| ComponentId(x % n)).collect()
    }

    proptest! {
        #[test]
        fn expansion_equals_push_sort_dedup(
            components in 1u32..12,
            nrules in 1usize..30,
            products in proptest::collection::vec(
                (0usize..1000, proptest::collection::vec(0u32..100, 0..6),
                 proptest::collection::vec(0u32..100, 0..6)), 0..8),
            pairs in proptest::collection::vec((0usize..1000, 0u32..100, 0u32..100), 0..20),
        ) {
            let rules = rules(nrules);
            let e = Expansions {
                pairs: pairs
                    .iter()
                    .map(|&(r, f, t)| (RuleId((r % nrules) as u32), ComponentId(f % components), ComponentId(t % components)))
                    .collect(),
                products: products
                    .iter()
                    .map(|(r, f, t)| (RuleId((r % nrules) as u32), ids(f, components), ids(t, components)))
                    .collect(),
                ..Expansions::default()
            };
            prop_assert_eq!(e.interactions(&rules, components as usize, u64::MAX).unwrap(), reference(&rules, &e));
        }
    }

    /// Large enough for the two-thread path, with one hub holding most
    /// records (the split must still cover every source).
    #[test]
    fn two_threads_on_a_large_skewed_expansion() {
        let mut rng = fastrand::Rng::with_seed(3);
        let components = 500u32;
        let rules = rules(7);
        let some = |rng: &mut fastrand::Rng, n: usize| -> Vec<ComponentId> {
            (0..n).map(|_| ComponentId(rng.u32(..components))).collect()
        };
        let mut e = Expansions::default();
        e.products
            .push((RuleId(2), vec![ComponentId(7)], some(&mut rng, 40_000)));
        for r in 0..60 {
            let (f, t) = (some(&mut rng, 40), some(&mut rng, 40));
            e.products.push((RuleId(r % 7), f, t));
        }
        for _ in 0..20_000 {
            let (f, t) = (rng.u32(..components), rng.u32(..components));
            e.pairs
                .push((RuleId(rng.u32(..7)), ComponentId(f), ComponentId(t)));
        }
        let got = e
            .interactions(&rules, components as usize, u64::MAX)
            .unwrap();
        assert!(got.len() > 1 << 16, "{}", got.len());
        assert_eq!(got, reference(&rules, &e));
    }
}
