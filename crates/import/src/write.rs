//! Merging an imported [`Estate`] into a model directory.
//!
//! Layout (docs/import.md):
//!
//! ```text
//! MODEL-DIR/
//!   estate.yaml            hand-written root (created on first import), includes imported/index.yaml
//!   *.yaml                 other hand-written files: crown jewels, services, overrides…
//!   imported/index.yaml    generated: includes every generated file
//!   imported/zones.yaml    generated: zones the imports use and no hand-written file declares
//!   imported/<source>.yaml generated: components and interactions of one importer
//! ```
//!
//! Hand-written wins: a component or zone id declared in a hand-written file
//! is left out of the generated files, so redeclaring an imported component
//! by hand (to make it a crown jewel, move it, add a weakness) overrides it
//! at the next import. Everything is computed before anything is written;
//! files are written to temporary files in their directory and renamed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ImportError;
use crate::estate::Estate;
use crate::yaml::{self, HEADER};

/// The directory of generated files, inside the model directory.
pub const IMPORTED_DIR: &str = "imported";
/// The generated file that includes all others.
pub const INDEX: &str = "imported/index.yaml";

/// How to merge.
#[derive(Clone, Debug, Default)]
pub struct MergeOptions {
    /// Name of the estate when `estate.yaml` is created.
    pub name: Option<String>,
    /// What was imported (file names), recorded in the generated file.
    pub inputs: Vec<String>,
    /// Compute the summary but write nothing.
    pub dry_run: bool,
    /// Replace the whole generated file of the source. Without it, an
    /// import that names the Active Directory domains it collected
    /// ([`Estate::domains`]) replaces only those domains: objects of other
    /// domains from the previous import stay (BloodHound's ingest is
    /// additive; multi-domain estates are often collected one domain at a
    /// time). `cordon import --replace`.
    pub replace: bool,
}

/// What an import changed.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    /// The generated file.
    pub file: PathBuf,
    /// Components in the generated file.
    pub components: usize,
    /// Interactions in the generated file.
    pub interactions: usize,
    /// Component ids added since the previous import.
    pub added: Vec<String>,
    /// Component ids whose declaration changed.
    pub changed: Vec<String>,
    /// Component ids no longer imported.
    pub removed: Vec<String>,
    /// Interactions added (`from -[kind]-> to`).
    pub interactions_added: Vec<String>,
    /// Interactions whose protocol or notes changed.
    pub interactions_changed: Vec<String>,
    /// Interactions no longer imported.
    pub interactions_removed: Vec<String>,
    /// Components whose line differs from the previous import only in its
    /// origin texts (input file names, record numbers): the same data
    /// re-collected, not counted in `changed`.
    pub components_recollected: usize,
    /// Interactions that differ only in their origin texts: not counted in
    /// `interactions_changed`.
    pub interactions_recollected: usize,
    /// Imported ids left out because a hand-written file declares them.
    pub kept_hand_written: Vec<String>,
    /// Imported ids left out because another generated file declares them.
    pub declared_elsewhere: Vec<(String, String)>,
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// The hand-written file an `include:` entry was added to.
    pub include_added_to: Option<PathBuf>,
    /// Whether `estate.yaml` was created.
    pub created_root: bool,
    /// Remarks of the importer.
    pub notes: Vec<String>,
    /// The Active Directory domains this import replaced (those its input
    /// collected); empty for a full replace.
    pub domains_replaced: Vec<String>,
    /// Components of other domains kept from the previous import.
    pub kept_other_domains: usize,
    /// Readable names of the components listed above whose id is not
    /// readable (an AD object's SID or GUID → its `name`), so that the text
    /// reads as people name them; the lists keep the ids. Not in the JSON
    /// (which stays ids only, and would grow by one entry per object).
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
}

impl Summary {
    /// A few lines for people.
    pub fn text(&self) -> String {
        let names = &self.names;
        let list = |v: &[String]| -> String {
            const SHOW: usize = 8;
            let mut s = v
                .iter()
                .take(SHOW)
                .map(|item| readable(item, names))
                .collect::<Vec<_>>()
                .join(", ");
            if v.len() > SHOW {
                s.push_str(&format!(", … ({} more)", v.len() - SHOW));
            }
            s
        };
        let mut out = format!(
            "{}: {} components, {} interactions\n",
            self.file.display(),
            self.components,
            self.interactions
        );
        for (label, v) in [
            ("added", &self.added),
            ("changed", &self.changed),
            ("removed", &self.removed),
        ] {
            out.push_str(&format!(
                "  components {label}: {}{}\n",
                v.len(),
                if v.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", list(v))
                }
            ));
        }
        for (label, v) in [
            ("added", &self.interactions_added),
            ("changed", &self.interactions_changed),
            ("removed", &self.interactions_removed),
        ] {
            out.push_str(&format!(
                "  interactions {label}: {}{}\n",
                v.len(),
                if v.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", list(v))
                }
            ));
        }
        if self.components_recollected + self.interactions_recollected > 0 {
            out.push_str(&format!(
                "  re-collected from new files, unchanged: {} components, {} interactions (only the file names or record numbers in their origin differ)\n",
                self.components_recollected, self.interactions_recollected
            ));
        }
        if !self.kept_hand_written.is_empty() {
            out.push_str(&format!(
                "  kept hand-written: {}\n",
                list(&self.kept_hand_written)
            ));
        }
        if !self.declared_elsewhere.is_empty() {
            let v: Vec<String> = self
                .declared_elsewhere
                .iter()
                .map(|(id, f)| format!("{id} ({f})"))
                .collect();
            out.push_str(&format!(
                "  left out, declared by another import: {}\n",
                list(&v)
            ));
        }
        if self.created_root {
            out.push_str("  created estate.yaml (hand-written from now on)\n");
        }
        if let Some(f) = &self.include_added_to {
            out.push_str(&format!("  added `include: {INDEX}` to {}\n", f.display()));
        }
        for n in &self.notes {
            out.push_str(&format!("  note: {n}\n"));
        }
        out
    }
}

/// A summary item (a component id, or `from -[kind]-> to`) with each id that
/// has a readable name written as that name.
fn readable(item: &str, names: &BTreeMap<String, String>) -> String {
    if let Some(n) = names.get(item) {
        return n.clone();
    }
    match item.split_once(" -[") {
        Some((from, rest)) => match rest.split_once("]-> ") {
            Some((kind, to)) => format!(
                "{} -[{kind}]-> {}",
                names.get(from).map_or(from, String::as_str),
                names.get(to).map_or(to, String::as_str)
            ),
            None => item.to_string(),
        },
        None => item.to_string(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LooseFile {
    include: Option<Vec<String>>,
    zones: Option<Vec<LooseId>>,
    components: Option<Vec<LooseId>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LooseId {
    id: Option<String>,
}

fn parse_loose(path: &Path, text: &str) -> Result<LooseFile, ImportError> {
    let mut options = serde_saphyr::Options::default();
    options.budget = None;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options::<Option<LooseFile>>(text, options)
        .map(Option::unwrap_or_default)
        .map_err(|e| ImportError::Model {
            path: path.to_path_buf(),
            message: format!(
                "cannot read this hand-written model file ({}); fix it first",
                e.to_string().lines().next().unwrap_or("")
            ),
        })
}

/// What the hand-written files declare.
#[derive(Default)]
struct HandWritten {
    roots: Vec<PathBuf>,
    components: HashSet<String>,
    zones: HashSet<String>,
    includes_index: bool,
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn scan_hand_written(dir: &Path) -> Result<HandWritten, ImportError> {
    let mut hw = HandWritten::default();
    if !dir.exists() {
        return Ok(hw);
    }
    let imported = dir.join(IMPORTED_DIR);
    let imported_canon = imported.canonicalize().ok();
    let index_canon = dir.join(INDEX).canonicalize().ok();
    let rd = std::fs::read_dir(dir).map_err(|source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in rd {
        let e = e.map_err(|source| ImportError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            hw.roots.push(p);
        }
    }
    hw.roots.sort();
    let mut seen = HashSet::new();
    let mut stack: Vec<PathBuf> = hw.roots.clone();
    while let Some(p) = stack.pop() {
        let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
        if !seen.insert(canon.clone()) {
            continue;
        }
        if imported_canon
            .as_ref()
            .is_some_and(|i| canon.starts_with(i))
        {
            continue; // generated
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        }; // the loader reports it
        let f = parse_loose(&p, &text)?;
        let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
        for inc in f.include.unwrap_or_default() {
            let target = base.join(&inc);
            let tc = target.canonicalize().ok();
            if (tc.is_some() && tc == index_canon)
                || normalise(&target) == normalise(&dir.join(INDEX))
            {
                hw.includes_index = true;
            }
            stack.push(target);
        }
        for z in f.zones.unwrap_or_default() {
            if let Some(id) = z.id {
                hw.zones.insert(id);
            }
        }
        for c in f.components.unwrap_or_default() {
            if let Some(id) = c.id {
                hw.components.insert(id.trim().to_string());
            }
        }
    }
    Ok(hw)
}

/// Hand-written components written against an imported object's former id
/// (`properties.aliases`: AD objects were named `alice@corp.local`,
/// `certtemplate-<name>`… before their ids came from the SID/GUID) still
/// override it: a hand-written id that equals, ignoring case, the former id
/// of exactly one imported component (and is not itself an imported id)
/// takes that component's place — the component is left out of the
/// generated file as for any override, and its interactions and
/// `stored_on` references are written with the hand-written id. Returns the
/// renamed estate (`None` when nothing was renamed) and one note per
/// override, or per former id that names several imported components (then
/// nothing is renamed: the user must pick by id).
fn overrides_by_former_id(
    estate: &Estate,
    hand: &HashSet<String>,
) -> (Option<Estate>, Vec<String>) {
    let own: HashSet<&str> = estate.components.iter().map(|c| c.id.as_str()).collect();
    let mut former: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in estate.components.iter().enumerate() {
        if hand.contains(&c.id) {
            continue;
        }
        let aliases = c
            .properties
            .get(cordon_model::resolve::ALIASES_PROPERTY)
            .and_then(|v| v.as_array());
        for a in aliases.into_iter().flatten().filter_map(|a| a.as_str()) {
            former.entry(a.trim().to_lowercase()).or_default().push(i);
        }
    }
    if former.is_empty() {
        return (None, Vec::new());
    }
    let mut hand_ids: Vec<&String> = hand.iter().filter(|h| !own.contains(h.as_str())).collect();
    hand_ids.sort();
    let mut rename: HashMap<String, String> = HashMap::new();
    let mut notes = Vec::new();
    for h in hand_ids {
        let Some(found) = former.get(&h.to_lowercase()) else {
            continue;
        };
        let mut found = found.clone();
        found.sort_unstable();
        found.dedup();
        let label = |i: usize| {
            let c = &estate.components[i];
            let name = c.properties.get("name").and_then(|n| n.as_str());
            format!("`{}` ({})", c.id, name.unwrap_or(&c.id))
        };
        match found.as_slice() {
            [i] if !rename.contains_key(&estate.components[*i].id) => {
                let c = &estate.components[*i];
                notes.push(format!(
                    "hand-written `{h}` overrides imported {} (its former id); its imported links attach to `{h}`",
                    label(*i)
                ));
                rename.insert(c.id.clone(), h.clone());
            }
            [i] => notes.push(format!(
                "hand-written `{h}` is also a former id of {}, already overridden: not applied",
                label(*i)
            )),
            many => notes.push(format!(
                "hand-written `{h}` is a former id of {} imported components ({}): it overrides none of them; use the id of one",
                many.len(),
                many.iter().map(|&i| label(i)).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    if rename.is_empty() {
        return (None, notes);
    }
    let mut e = estate.clone();
    for c in &mut e.components {
        if let Some(h) = rename.get(&c.id) {
            c.id = h.clone();
        }
        for w in &mut c.weaknesses {
            if let Some(h) = w.stored_on.as_ref().and_then(|s| rename.get(s)) {
                w.stored_on = Some(h.clone());
            }
        }
    }
    for i in &mut e.interactions {
        if let Some(h) = rename.get(&i.from) {
            i.from = h.clone();
        }
        if let Some(h) = rename.get(&i.to) {
            i.to = h.clone();
        }
    }
    e.normalise();
    (Some(e), notes)
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Adds `entry` to the `include:` list of a YAML text, keeping everything
/// else byte for byte. `None` when the layout is not one it can edit safely.
pub fn add_include(text: &str, entry: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let pos = lines.iter().position(|l| l.starts_with("include:"));
    let new = match pos {
        None => {
            let mut s = text.to_string();
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(&format!(
                "# added by cordon import: the generated files\ninclude: [{entry}]\n"
            ));
            s
        }
        Some(i) => {
            let line = lines[i];
            let rest = line["include:".len()..].trim_end_matches(['\n', '\r']);
            let (value, comment) = match rest.find(" #") {
                Some(c) => (&rest[..c], &rest[c..]),
                None => (rest, ""),
            };
            let value = value.trim();
            let replaced = if value.is_empty() {
                // Block list on the following lines.
                let indent = lines.get(i + 1).map(|l| {
                    let t = l.trim_start();
                    if t.starts_with('-') {
                        l[..l.len() - t.len()].to_string()
                    } else {
                        "  ".to_string()
                    }
                })?;
                format!("{line}{indent}- {entry}\n")
            } else if value.starts_with('[') && value.ends_with(']') {
                let inner = value[1..value.len() - 1].trim();
                let list = if inner.is_empty() {
                    entry.to_string()
                } else {
                    format!("{inner}, {entry}")
                };
                let eol = if line.ends_with("\r\n") {
                    "\r\n"
                } else if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                format!("include: [{list}]{comment}{eol}")
            } else {
                return None;
            };
            let mut s = String::with_capacity(text.len() + entry.len() + 8);
            for (j, l) in lines.iter().enumerate() {
                if j == i {
                    s.push_str(&replaced)
                } else {
                    s.push_str(l)
                }
            }
            s
        }
    };
    // Check: the result parses and includes the entry.
    let mut options = serde_saphyr::Options::default();
    options.budget = None;
    let parsed: LooseFile =
        serde_saphyr::from_str_with_options::<Option<LooseFile>>(&new, options).ok()??;
    parsed
        .include
        .unwrap_or_default()
        .iter()
        .any(|e| e == entry)
        .then_some(new)
}

/// A generated file read back.
struct Generated {
    name: String,
    prev: yaml::Previous,
}

fn scan_generated(dir: &Path) -> Result<Vec<Generated>, ImportError> {
    let imported = dir.join(IMPORTED_DIR);
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&imported) else {
        return Ok(out);
    };
    for e in rd.flatten() {
        let p = e.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if !name.ends_with(".yaml")
            || name == "index.yaml"
            || name == "zones.yaml"
            || name.starts_with('.')
        {
            continue;
        }
        let text = read_text(&p)?;
        if let Some(prev) = yaml::read_generated(&text) {
            out.push(Generated { name, prev });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn zone_spec(id: &str, external: bool) -> String {
    if external {
        format!("{id}:external")
    } else {
        id.to_string()
    }
}

/// The Active Directory domain a component belongs to (upper-case): its
/// `domain` property, a domain's own name, the part of its name after `@`,
/// the domain prefix of a well-known principal id (`CORP.LOCAL-S-1-5-11`),
/// or the domain SID its own SID starts with (`sid_domains`: domain SID →
/// name).
pub(crate) fn domain_of(
    c: &crate::estate::ComponentDecl,
    sid_domains: &HashMap<String, String>,
) -> Option<String> {
    let prop = |k: &str| {
        c.properties
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if c.kind == "ad-domain"
        && let Some(n) = prop("name")
    {
        return Some(n.to_ascii_uppercase());
    }
    if let Some(d) = prop("domain") {
        return Some(d.to_ascii_uppercase());
    }
    if let Some((_, d)) = prop("name").and_then(|n| n.rsplit_once('@'))
        && !d.is_empty()
    {
        return Some(d.to_ascii_uppercase());
    }
    let id = c.id.to_ascii_uppercase();
    if let Some((d, _)) = id.split_once("-S-1-")
        && !d.is_empty()
    {
        return Some(d.to_string());
    }
    if let Some(d) = prop("domainsid").and_then(|s| sid_domains.get(&s.to_ascii_uppercase())) {
        return Some(d.clone());
    }
    let mut sid = id.as_str();
    // The object's SID, then its domain's (the SID without its last RID),
    // then a local group's computer's domain (`…-1105-544`).
    for _ in 0..3 {
        if let Some(d) = sid_domains.get(sid) {
            return Some(d.clone());
        }
        match sid.rsplit_once('-') {
            Some((head, _)) if head.starts_with("S-1-") => sid = head,
            _ => break,
        }
    }
    None
}

/// The estate to write when `estate` replaces only the domains it collected:
/// its components and interactions, plus, from the previous import, every
/// component of another domain (its previous line wins over a mere reference
/// in the new collection) and every interaction not re-imported that touches
/// such a component and whose ends both still exist. Returns the estate, the
/// notes to show and the number of components kept.
fn carry_other_domains(estate: &Estate, prev: &yaml::Previous) -> (Estate, Vec<String>, usize) {
    use crate::estate::ComponentDecl;
    let replaced: HashSet<&str> = estate.domains.iter().map(String::as_str).collect();
    let mut prev_ids: Vec<&String> = prev.components.keys().collect();
    prev_ids.sort();
    let prev_decls: Vec<ComponentDecl> = prev_ids
        .iter()
        .filter_map(|id| yaml::component_from_line(&prev.components[*id]))
        .collect();
    let mut sid_domains: HashMap<String, String> = HashMap::new();
    for c in prev_decls.iter().chain(&estate.components) {
        if c.kind == "ad-domain"
            && let Some(name) = c.properties.get("name").and_then(|n| n.as_str())
        {
            let sid = c
                .properties
                .get("objectid")
                .and_then(|v| v.as_str())
                .unwrap_or(&c.id);
            sid_domains.insert(sid.to_ascii_uppercase(), name.to_ascii_uppercase());
        }
    }
    let kept_domain = |c: &ComponentDecl| -> Option<bool> {
        domain_of(c, &sid_domains).map(|d| !replaced.contains(d.as_str()))
    };
    let mut merged = estate.clone();
    let index: HashMap<String, usize> = merged
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut kept_ids: HashSet<String> = HashSet::new();
    let mut unknown: HashMap<&str, &ComponentDecl> = HashMap::new();
    let mut carried = 0usize;
    let mut kept_domains: BTreeSet<String> = BTreeSet::new();
    for p in &prev_decls {
        match kept_domain(p) {
            Some(true) => {
                if let Some(&i) = index.get(&p.id) {
                    merged.components[i] = p.clone();
                } else {
                    merged.components.push(p.clone());
                    carried += 1;
                    if let Some(d) = domain_of(p, &sid_domains) {
                        kept_domains.insert(d);
                    }
                }
                kept_ids.insert(p.id.clone());
            }
            None if !index.contains_key(&p.id) => {
                unknown.insert(p.id.as_str(), p);
            }
            _ => {}
        }
    }
    for c in &merged.components {
        if kept_domain(c) == Some(true) {
            kept_ids.insert(c.id.clone());
        }
    }
    let mut ids: HashSet<String> = merged.components.iter().map(|c| c.id.clone()).collect();
    let new_keys: HashSet<String> = merged
        .interactions
        .iter()
        .map(|i| yaml::raw_interaction_key(&yaml::interaction_line(i)).to_string())
        .collect();
    let mut lines: Vec<&String> = prev.interactions.iter().collect();
    lines.sort();
    let mut cross = 0usize;
    for line in lines {
        if new_keys.contains(yaml::raw_interaction_key(line)) {
            continue;
        }
        let Some(i) = yaml::interaction_from_line(line) else {
            continue;
        };
        let (kf, kt) = (kept_ids.contains(&i.from), kept_ids.contains(&i.to));
        if !kf && !kt {
            continue;
        }
        let mut ends_exist = true;
        for end in [&i.from, &i.to] {
            if ids.contains(end) {
                continue;
            }
            match unknown.remove(end.as_str()) {
                Some(c) => {
                    merged.components.push(c.clone());
                    ids.insert(c.id.clone());
                    carried += 1;
                }
                None => ends_exist = false,
            }
        }
        if !ends_exist {
            continue;
        }
        if !(kf && kt) {
            cross += 1;
        }
        merged.interactions.push(i);
    }
    let carried_zones: Vec<String> = merged.components[estate.components.len()..]
        .iter()
        .map(|c| c.zone.clone())
        .collect();
    for z in carried_zones {
        merged.zone(&z, false);
    }
    for z in &prev.zones {
        if let Some(id) = z.strip_suffix(":external")
            && merged.zones.iter().any(|m| m.id == id)
        {
            merged.zone(id, true);
        }
    }
    for o in &prev.origins {
        if !merged.origins.contains(o) {
            merged.origins.push(o.clone());
        }
    }
    let mut notes = Vec::new();
    if carried > 0 {
        notes.push(format!(
            "this collection holds {}: {carried} components of other domains ({}) are kept from \
             the previous import (BloodHound's ingest is additive); `cordon import --replace` \
             replaces everything",
            estate.domains.join(", "),
            kept_domains.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if cross > 0 {
        notes.push(format!(
            "{cross} interactions between {} and other domains are kept from the previous import \
             as they were: the analysis across domains ran on each collection alone; import every \
             domain's files in one import to analyse them together",
            estate.domains.join(", ")
        ));
    }
    (merged, notes, carried)
}

/// Writes `estate` into `dir` as `imported/<source>.yaml`, keeping
/// hand-written files, and reports the difference with the previous import.
pub fn merge_into(
    dir: &Path,
    estate: &Estate,
    options: &MergeOptions,
) -> Result<Summary, ImportError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ImportError::Model {
            path: dir.to_path_buf(),
            message: "the model must be a directory to import into".into(),
        });
    }
    let source = &estate.source;
    if !crate::estate::sanitize_id(source).eq(source)
        || source.is_empty()
        || source == "index"
        || source == "zones"
    {
        return Err(ImportError::Model {
            path: dir.to_path_buf(),
            message: format!("`{source}` cannot name a generated file"),
        });
    }
    let rel = PathBuf::from(IMPORTED_DIR).join(format!("{source}.yaml"));
    let target = dir.join(&rel);
    let hand = scan_hand_written(dir)?;
    let (renamed, override_notes) = overrides_by_former_id(estate, &hand.components);
    let estate = renamed.as_ref().unwrap_or(estate);
    let previous = match std::fs::read_to_string(&target) {
        Ok(text) => Some(yaml::read_generated(&text).ok_or_else(|| ImportError::Model {
            path: target.clone(),
            message: "this file was not generated by cordon import; move it away or rename it, the importer will not overwrite it".into(),
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(ImportError::Io { path: target.clone(), source }),
    };
    let carried = match &previous {
        Some(prev) if !options.replace && !estate.domains.is_empty() => {
            Some(carry_other_domains(estate, prev))
        }
        _ => None,
    };
    let (estate, carry_notes, kept_other) = match &carried {
        Some((e, notes, n)) => (e, notes.clone(), *n),
        None => (estate, Vec::new(), 0),
    };
    let others: Vec<Generated> = scan_generated(dir)?
        .into_iter()
        .filter(|g| g.name != format!("{source}.yaml"))
        .collect();
    let mut elsewhere: HashMap<&str, &str> = HashMap::new();
    for g in &others {
        for id in g.prev.components.keys() {
            elsewhere.insert(id.as_str(), g.name.as_str());
        }
    }
    let mut summary = Summary {
        file: target.clone(),
        notes: estate
            .notes
            .iter()
            .chain(&override_notes)
            .chain(&carry_notes)
            .cloned()
            .collect(),
        domains_replaced: if options.replace {
            Vec::new()
        } else {
            estate.domains.clone()
        },
        kept_other_domains: kept_other,
        ..Default::default()
    };
    let mut kept = Vec::new();
    for c in &estate.components {
        if hand.components.contains(&c.id) {
            summary.kept_hand_written.push(c.id.clone());
        } else if let Some(f) = elsewhere.get(c.id.as_str()) {
            summary
                .declared_elsewhere
                .push((c.id.clone(), f.to_string()));
        } else {
            kept.push(c);
        }
    }
    // Zones: every zone the generated files use, unless declared by hand.
    let creating_root = hand.roots.is_empty();
    let mut zones: BTreeMap<String, bool> = BTreeMap::new();
    for z in &estate.zones {
        *zones.entry(z.id.clone()).or_default() |= z.external;
    }
    let mut estate_for_file = estate.clone();
    estate_for_file.zones = zones
        .iter()
        .map(|(id, ext)| crate::estate::ZoneDecl {
            id: zone_spec(id, *ext),
            external: false,
        })
        .collect();
    for g in &others {
        for z in &g.prev.zones {
            let (id, ext) = match z.strip_suffix(":external") {
                Some(id) => (id.to_string(), true),
                None => (z.clone(), false),
            };
            *zones.entry(id).or_default() |= ext;
        }
    }
    let inputs = options.inputs.clone();
    let kind_text = yaml::estate_file(&estate_for_file, &kept, &inputs);
    // The diff with the previous import (this side straight from the estate:
    // no need to parse what was just written).
    let prev = previous.unwrap_or_default();
    // Origin texts name input files; a re-collection under SharpHound's
    // next-run file names changes them and nothing else.
    let mut origins: Vec<String> = estate.origins.clone();
    origins.extend(prev.origins.iter().cloned());
    let same_substance = |old: &str, new: &str| {
        yaml::without_origin(old, &origins) == yaml::without_origin(new, &origins)
    };
    for c in &kept {
        let line = yaml::component_line(c);
        match prev.components.get(&c.id) {
            None => summary.added.push(c.id.clone()),
            Some(old) if *old == line => {}
            Some(old) if same_substance(old, &line) => summary.components_recollected += 1,
            Some(_) => summary.changed.push(c.id.clone()),
        }
    }
    let now_ids: HashSet<&str> = kept.iter().map(|c| c.id.as_str()).collect();
    summary.removed = prev
        .components
        .keys()
        .filter(|id| !now_ids.contains(id.as_str()))
        .cloned()
        .collect();
    let prev_i: HashMap<&str, &str> = prev
        .interactions
        .iter()
        .map(|l| (yaml::raw_interaction_key(l), l.as_str()))
        .collect();
    let mut now_keys: HashSet<String> = HashSet::with_capacity(estate.interactions.len());
    for i in &estate.interactions {
        let line = yaml::interaction_line(i);
        let key = yaml::raw_interaction_key(&line).to_string();
        match prev_i.get(key.as_str()) {
            None => summary
                .interactions_added
                .push(yaml::interaction_key(&line)),
            Some(old) if *old == line => {}
            Some(old) if same_substance(old, &line) => summary.interactions_recollected += 1,
            Some(_) => summary
                .interactions_changed
                .push(yaml::interaction_key(&line)),
        }
        now_keys.insert(key);
    }
    summary.interactions_removed = prev_i
        .iter()
        .filter(|(k, _)| !now_keys.contains(**k))
        .map(|(_, l)| yaml::interaction_key(l))
        .collect();
    for v in [
        &mut summary.added,
        &mut summary.changed,
        &mut summary.removed,
        &mut summary.interactions_added,
        &mut summary.interactions_changed,
        &mut summary.interactions_removed,
        &mut summary.kept_hand_written,
    ] {
        v.sort();
    }
    summary.components = kept.len();
    summary.interactions = estate.interactions.len();
    // Readable names for the text: every component of this import whose
    // `name` differs from its id (components no longer imported keep their id).
    summary.names = estate
        .components
        .iter()
        .filter_map(|c| {
            let name = c.properties.get("name")?.as_str()?;
            (name != c.id).then(|| (c.id.clone(), name.to_string()))
        })
        .collect();
    // …and the removed ones, by their name in the previous import.
    for id in &summary.removed {
        if let Some(c) = prev
            .components
            .get(id)
            .and_then(|l| yaml::component_from_line(l))
            && let Some(name) = c.properties.get("name").and_then(|n| n.as_str())
            && name != c.id
        {
            summary.names.insert(c.id.clone(), name.to_string());
        }
    }
    for line in &prev.interactions {
        if let Some(i) = yaml::interaction_from_line(line) {
            for end in [&i.from, &i.to] {
                if !summary.names.contains_key(end)
                    && let Some(c) = prev
                        .components
                        .get(end)
                        .and_then(|l| yaml::component_from_line(l))
                    && let Some(name) = c.properties.get("name").and_then(|n| n.as_str())
                    && name != c.id
                    && summary
                        .interactions_removed
                        .iter()
                        .any(|r| r.contains(end.as_str()))
                {
                    summary.names.insert(c.id.clone(), name.to_string());
                }
            }
        }
    }

    // The files to write.
    let mut writes: Vec<(PathBuf, String)> = vec![(target.clone(), kind_text)];
    let mut hand_zones = hand.zones.clone();
    let root_path = dir.join("estate.yaml");
    let mut root_text = None;
    if creating_root {
        let name = options.name.clone().unwrap_or_else(|| {
            dir.file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
                .unwrap_or_else(|| "imported estate".into())
        });
        let mut s = format!(
            "# The estate. Hand-written: add crown jewels, services and your own components here\n# or in other files; `cordon import` writes only under {IMPORTED_DIR}/.\nname: {}\nzones:\n",
            yaml::q(&name)
        );
        for (id, ext) in &zones {
            s.push_str(&format!(
                "  - {}\n",
                yaml::zone_line(&crate::estate::ZoneDecl {
                    id: id.clone(),
                    external: *ext
                })
            ));
            hand_zones.insert(id.clone());
        }
        s.push_str(&format!("include: [{INDEX}]\n"));
        root_text = Some(s);
        summary.created_root = true;
    } else if !hand.includes_index {
        let file = if hand.roots.contains(&root_path) {
            root_path.clone()
        } else {
            hand.roots[0].clone()
        };
        let text = read_text(&file)?;
        let rel_index = if file.parent() == Some(dir) {
            INDEX.to_string()
        } else {
            dir.join(INDEX).display().to_string()
        };
        let new = add_include(&text, &rel_index).ok_or_else(|| ImportError::Model {
            path: file.clone(),
            message: format!("cannot add `{INDEX}` to its `include:` list safely; add it by hand and import again"),
        })?;
        writes.push((file.clone(), new));
        summary.include_added_to = Some(file);
    }
    let mut zones_text = format!(
        "{HEADER}\n# zones the imported components use and no hand-written file declares\nzones:\n"
    );
    let mut any_zone = false;
    for (id, ext) in &zones {
        if !hand_zones.contains(id) {
            zones_text.push_str(&format!(
                "  - {}\n",
                yaml::zone_line(&crate::estate::ZoneDecl {
                    id: id.clone(),
                    external: *ext
                })
            ));
            any_zone = true;
        }
    }
    if !any_zone {
        zones_text = format!(
            "{HEADER}\n# every zone the imported components use is declared by hand\nzones: []\n"
        );
    }
    let mut generated: BTreeSet<String> = others.iter().map(|g| g.name.clone()).collect();
    generated.insert(format!("{source}.yaml"));
    let list: Vec<String> = std::iter::once("zones.yaml".to_string())
        .chain(generated)
        .collect();
    let index_text = format!("{HEADER}\ninclude: [{}]\n", list.join(", "));
    writes.push((dir.join(IMPORTED_DIR).join("zones.yaml"), zones_text));
    writes.push((dir.join(INDEX), index_text));
    if let Some(t) = root_text {
        writes.push((root_path, t));
    }
    // Refuse to overwrite generated-looking paths that are hand-written.
    for (p, _) in &writes[1..] {
        if p.starts_with(dir.join(IMPORTED_DIR))
            && let Ok(t) = std::fs::read_to_string(p)
            && !t.starts_with(HEADER)
        {
            return Err(ImportError::Model { path: p.clone(), message: "this file was not generated by cordon import; the importer will not overwrite it".into() });
        }
    }
    if options.dry_run {
        return Ok(summary);
    }
    let imported = dir.join(IMPORTED_DIR);
    let mut generated = Vec::new();
    let mut root = None;
    for (path, text) in writes {
        match path.strip_prefix(&imported) {
            Ok(name) => generated.push((name.to_string_lossy().into_owned(), text)),
            Err(_) => root = Some((path, text)),
        }
    }
    summary.written = commit(dir, &generated, root.as_ref())?;
    Ok(summary)
}

/// The hidden directory that holds the generations of `imported/`.
pub const GENERATIONS_DIR: &str = ".imported";

/// Prefix of every temporary file or directory an import creates; anything
/// left with it by an interrupted import is removed by the next one.
const TMP_PREFIX: &str = ".cordon-import-";

/// Mode of files the importer creates (hand-written files it edits keep
/// their own mode).
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o644;

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Flushes a directory entry to disk (a rename is durable only then).
fn sync_dir(dir: &Path) -> Result<(), ImportError> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(write_err(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `text` to `path` durably: a temporary file beside it, fsync,
/// the mode of the file it replaces (or [`NEW_FILE_MODE`]), rename, fsync of
/// the directory. Readers see the old or the new file, never a part.
fn replace_file(path: &Path, text: &str) -> Result<(), ImportError> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(write_err(path))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(write_err(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(NEW_FILE_MODE);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(write_err(path))?;
    }
    tmp.persist(path).map_err(|e| ImportError::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    sync_dir(parent)
}

/// Holds the model directory's import lock: two imports into one model
/// wait for each other instead of both reading the same previous state.
struct ImportLock(#[allow(dead_code)] std::fs::File);

fn lock_model(dir: &Path) -> Result<ImportLock, ImportError> {
    let gens = dir.join(GENERATIONS_DIR);
    std::fs::create_dir_all(&gens).map_err(write_err(&gens))?;
    let path = gens.join("lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(write_err(&path))?;
    file.lock().map_err(write_err(&path))?;
    Ok(ImportLock(file))
}

/// Removes what an interrupted import left: temporary files in the model
/// directory and generations nothing points to.
fn clean_stale(dir: &Path, current: Option<&Path>) {
    let is_tmp = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(TMP_PREFIX))
    };
    for d in [dir.to_path_buf(), dir.join(GENERATIONS_DIR)] {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(ft) = e.file_type() else { continue };
            // Compared by name: `current` is canonical, `p` may be relative.
            let stale_gen = d.ends_with(GENERATIONS_DIR)
                && ft.is_dir()
                && current.is_none_or(|c| c.file_name() != p.file_name());
            if is_tmp(&p) || stale_gen {
                // Best effort: what cannot be removed now is retried next time.
                let _ = if ft.is_dir() {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
            }
        }
    }
}

/// Writes the generated files (`imported/<name>` → text) and the
/// hand-written root, all or nothing.
///
/// The generated files are written as a new generation,
/// `MODEL-DIR/.imported/<gen>/`, with every other file of the current
/// `imported/` copied beside them and each file fsynced; then `imported`
/// — a symbolic link to the generation — is switched in one rename. A
/// crash at any point leaves the old or the new set of generated files,
/// never a mix. The hand-written root is written last (temporary file,
/// fsync, rename, mode kept): until then it does not include the new
/// files, so the model loads as it did before.
///
/// Returns the paths whose content changed.
fn commit(
    dir: &Path,
    generated: &[(String, String)],
    root: Option<&(PathBuf, String)>,
) -> Result<Vec<PathBuf>, ImportError> {
    std::fs::create_dir_all(dir).map_err(write_err(dir))?;
    let _lock = lock_model(dir)?;
    let link = dir.join(IMPORTED_DIR);
    let current = match std::fs::symlink_metadata(&link) {
        Ok(m) if m.file_type().is_symlink() => link.canonicalize().ok(),
        _ => None,
    };
    clean_stale(dir, current.as_deref());
    let mut written = Vec::new();
    let changed: Vec<&(String, String)> = generated
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(link.join(name)).ok().as_deref() != Some(text)
        })
        .collect();
    if !changed.is_empty() {
        switch_generation(dir, &link, current.as_deref(), generated)?;
        written.extend(changed.iter().map(|(name, _)| link.join(name)));
    }
    if let Some((path, text)) = root
        && std::fs::read_to_string(path).ok().as_deref() != Some(text)
    {
        replace_file(path, text)?;
        written.push(path.clone());
    }
    Ok(written)
}

#[cfg(unix)]
fn switch_generation(
    dir: &Path,
    link: &Path,
    current: Option<&Path>,
    generated: &[(String, String)],
) -> Result<(), ImportError> {
    use std::os::unix::fs::PermissionsExt as _;
    let gens = dir.join(GENERATIONS_DIR);
    let stamp = format!(
        "{}-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
        std::process::id()
    );
    // Built under a temporary name so that a crash leaves it to be cleaned.
    let building = gens.join(format!("{TMP_PREFIX}{stamp}"));
    let gen_name = format!("gen-{stamp}");
    std::fs::create_dir(&building).map_err(write_err(&building))?;
    let write_new = |name: &str, bytes: &[u8], mode: u32| -> Result<(), ImportError> {
        let p = building.join(name);
        let mut f = std::fs::File::create(&p).map_err(write_err(&p))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .and_then(|_| f.set_permissions(std::fs::Permissions::from_mode(mode)))
            .map_err(write_err(&p))
    };
    let ours: HashSet<&str> = generated.iter().map(|(n, _)| n.as_str()).collect();
    // Every other file of the current generated directory (other importers'
    // files) is carried over unchanged.
    if let Ok(rd) = std::fs::read_dir(link) {
        for e in rd.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            if ours.contains(name) || name.starts_with('.') || !e.path().is_file() {
                continue;
            }
            let bytes = std::fs::read(e.path()).map_err(|source| ImportError::Io {
                path: e.path(),
                source,
            })?;
            let mode = e
                .metadata()
                .map(|m| m.permissions().mode() & 0o7777)
                .unwrap_or(NEW_FILE_MODE);
            write_new(name, &bytes, mode)?;
        }
    }
    for (name, text) in generated {
        let mode = std::fs::metadata(link.join(name))
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(NEW_FILE_MODE);
        write_new(name, text.as_bytes(), mode)?;
    }
    sync_dir(&building)?;
    let generation = gens.join(&gen_name);
    std::fs::rename(&building, &generation).map_err(write_err(&generation))?;
    sync_dir(&gens)?;
    // The new link, relative so the model directory can be moved or copied.
    let new_link = dir.join(format!("{TMP_PREFIX}link-{stamp}.tmp"));
    std::os::unix::fs::symlink(Path::new(GENERATIONS_DIR).join(&gen_name), &new_link)
        .map_err(write_err(&new_link))?;
    let is_real_dir = std::fs::symlink_metadata(link).is_ok_and(|m| m.file_type().is_dir());
    if is_real_dir {
        // A model from before generations: swap the directory and the link
        // atomically, then remove the old directory (now under the
        // temporary name, cleaned by the next import if this one stops).
        rustix::fs::renameat_with(
            rustix::fs::CWD,
            &new_link,
            rustix::fs::CWD,
            link,
            rustix::fs::RenameFlags::EXCHANGE,
        )
        .map_err(|e| ImportError::Write {
            path: link.to_path_buf(),
            source: e.into(),
        })?;
        sync_dir(dir)?;
        let _ = std::fs::remove_dir_all(&new_link);
    } else {
        std::fs::rename(&new_link, link).map_err(write_err(link))?;
        sync_dir(dir)?;
    }
    if let Some(old) = current {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

/// Without symbolic links, each file is replaced durably on its own.
#[cfg(not(unix))]
fn switch_generation(
    _dir: &Path,
    link: &Path,
    _current: Option<&Path>,
    generated: &[(String, String)],
) -> Result<(), ImportError> {
    std::fs::create_dir_all(link).map_err(write_err(link))?;
    for (name, text) in generated {
        replace_file(&link.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_text_reads_names_where_ids_are_identifiers() {
        let sid = "S-1-5-21-1-2-3-1104";
        let names: BTreeMap<String, String> =
            [(sid.to_string(), "ALICE@CORP.LOCAL".to_string())].into();
        assert_eq!(readable(sid, &names), "ALICE@CORP.LOCAL");
        assert_eq!(
            readable(&format!("{sid} -[controls]-> ws01"), &names),
            "ALICE@CORP.LOCAL -[controls]-> ws01"
        );
        assert_eq!(
            readable(&format!("ws01 -[controls]-> {sid}"), &names),
            "ws01 -[controls]-> ALICE@CORP.LOCAL"
        );
        assert_eq!(readable("plain-id", &names), "plain-id");
        let summary = Summary {
            added: vec![sid.to_string()],
            interactions_removed: vec![format!("{sid} -[reads]-> db")],
            names,
            ..Summary::default()
        };
        let text = summary.text();
        assert!(
            text.contains("components added: 1 — ALICE@CORP.LOCAL"),
            "{text}"
        );
        assert!(
            text.contains("interactions removed: 1 — ALICE@CORP.LOCAL -[reads]-> db"),
            "{text}"
        );
        assert!(!text.contains(sid), "{text}");
        // The JSON keeps the ids and does not carry the names.
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["added"][0], sid);
        assert!(json.get("names").is_none());
    }

    #[test]
    fn include_entries_are_added_without_touching_the_rest() {
        let e = "imported/index.yaml";
        assert_eq!(
            add_include("name: x\n", e).unwrap(),
            "name: x\n# added by cordon import: the generated files\ninclude: [imported/index.yaml]\n"
        );
        assert_eq!(
            add_include("name: x\ninclude: [a.yaml] # mine\nzones: []\n", e).unwrap(),
            "name: x\ninclude: [a.yaml, imported/index.yaml] # mine\nzones: []\n"
        );
        assert_eq!(
            add_include("include: []\n", e).unwrap(),
            "include: [imported/index.yaml]\n"
        );
        assert_eq!(
            add_include("include:\n    - a.yaml\nname: x\n", e).unwrap(),
            "include:\n    - imported/index.yaml\n    - a.yaml\nname: x\n"
        );
        assert!(add_include("include: a.yaml\n", e).is_none());
    }
}
