//! A cache of resolved models, keyed by the content of the files they were
//! read from, so that loading an unchanged estate again skips parsing and
//! validation.
//!
//! **Never wrong.** An entry records, besides the model: the cordon version
//! and a fingerprint of the model crate's source (the loader, the catalog,
//! the access table) and of Cargo.lock (the YAML parser's version) —
//! computed at build time by `build.rs` —, the limits in
//! force, the files the load started from (a directory's listing is taken
//! again and compared), and, for every file read — including every file
//! reached through `include:` — its path, its canonical path and a BLAKE3
//! hash of its bytes. An entry is used only when every one of these is
//! identical now; a model is a deterministic function of exactly these
//! inputs, so a cached load equals a fresh one (a property test checks it).
//! Any difference, a truncated or corrupt entry (the body carries its own
//! BLAKE3 hash), or an entry from another
//! version is a miss: the model is loaded afresh and the entry rewritten.
//! Models that fail to load are never cached; files that are not regular
//! files (a pipe) disable caching for that load.
//!
//! **Where.** `$CORDON_MODEL_CACHE` if set (`off` disables caching), else
//! `$XDG_CACHE_HOME/cordon/models`, else `$HOME/.cache/cordon/models`; one
//! file per model location, named by a hash of its canonical path. Entries
//! are written to a temporary file in the same directory and renamed into
//! place, so a reader never sees half an entry.
//!
//! **Format.** `postcard` (serde, compact varints) over mirror types of the
//! model: references into the built-in catalog are stored by name and
//! looked up again, file names of locations are interned, `needs`
//! expressions are stored flat (post-order) so that neither writing nor
//! reading recurses over user-controlled depth, and the indexes
//! (id → component, tag → components…) are rebuilt rather than stored.
//! The body is in parts, so that a hit decodes on every core: a small head
//! (location files, sizes), the model without its components and
//! interactions, the components in [`COMPONENT_CHUNKS`] chunks each decoded
//! on its own thread straight into components (no intermediate vector of
//! mirrors), and the interactions as fixed-width records — two thirds of
//! the entry — streamed from the file and decoded on another thread, never
//! held whole, while one more thread re-hashes the model files (also
//! streamed through a small buffer). The parts and the interactions each
//! carry their length and BLAKE3 hash in the header.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::catalog;
use crate::diagnostic::{Diagnostic, LoadError, Location, Severity};
use crate::limits::Limits;
use crate::model::*;
use crate::selector::Selector;
use crate::{AccessLevel, InteractionKind, WeaknessKind};

const MAGIC: &[u8; 8] = b"CORDONMC";
/// Bumped whenever the layout below changes.
const FORMAT: u32 = 5;
/// Components are stored in this many chunks, decoded on as many threads.
const COMPONENT_CHUNKS: usize = 2;
/// cordon version and model-crate source fingerprint (build.rs).
const CODE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("CORDON_MODEL_SOURCE_HASH")
);

/// What happened to the cache on a [`Model::load_cached`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheOutcome {
    /// The model came from the cache entry at this path.
    Hit(PathBuf),
    /// Loaded afresh; the entry at this path was written.
    Written(PathBuf),
    /// Loaded afresh; the cache could not be used or written (why).
    Bypassed(String),
    /// Caching is off (`CORDON_MODEL_CACHE=off`) or there is no cache
    /// directory.
    Disabled,
}

/// The cache directory from the environment (see the module documentation),
/// `None` when caching is off.
pub fn cache_dir_from_env() -> Option<PathBuf> {
    match std::env::var_os("CORDON_MODEL_CACHE") {
        Some(v) if v == "off" || v == "0" || v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(|d| PathBuf::from(d).join("cordon/models"))
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| PathBuf::from(h).join(".cache/cordon/models"))
            }),
    }
}

impl Model {
    /// [`Model::load`] through the cache in [`cache_dir_from_env`]: an
    /// unchanged model (same files, same bytes, same cordon) is read back
    /// from its cache entry instead of being parsed and validated again.
    pub fn load_cached(path: &Path) -> Result<(Model, CacheOutcome), LoadError> {
        let limits =
            Limits::from_env().map_err(|e| LoadError::Invalid(vec![Diagnostic::error(None, e)]))?;
        Self::load_cached_with(path, &limits, cache_dir_from_env().as_deref())
    }

    /// [`Model::load_cached`] with explicit limits and cache directory
    /// (`None`: no cache, a plain [`Model::load_with`]).
    pub fn load_cached_with(
        path: &Path,
        limits: &Limits,
        cache_dir: Option<&Path>,
    ) -> Result<(Model, CacheOutcome), LoadError> {
        let Some(dir) = cache_dir else {
            return Model::load_with(path, limits).map(|m| (m, CacheOutcome::Disabled));
        };
        let Some(entry) = entry_path(dir, path, limits) else {
            return Model::load_with(path, limits).map(|m| {
                (
                    m,
                    CacheOutcome::Bypassed("the model path cannot be resolved".into()),
                )
            });
        };
        let roots = root_files(path);
        if let Some(model) = read_entry(&entry, &roots, limits) {
            return Ok((model, CacheOutcome::Hit(entry)));
        }
        let model = Model::load_with(path, limits)?;
        let outcome = match write_entry(&entry, &model, &roots, limits) {
            Ok(()) => CacheOutcome::Written(entry),
            Err(why) => CacheOutcome::Bypassed(why),
        };
        Ok((model, outcome))
    }
}

/// The entry of a model location: a hash of its canonical path and limits.
fn entry_path(dir: &Path, path: &Path, limits: &Limits) -> Option<PathBuf> {
    let canonical = path.canonicalize().ok()?;
    let mut h = blake3::Hasher::new();
    h.update(canonical.as_os_str().as_encoded_bytes());
    h.update(format!("{limits:?}").as_bytes());
    let hex = h.finalize().to_hex();
    Some(dir.join(format!("{}.bin", &hex[..32])))
}

/// The files a load of `path` starts from, as [`Model::load_with`] lists
/// them (a directory's `*.yaml`/`*.yml`, sorted), or `None` when unreadable.
fn root_files(path: &Path) -> Option<Vec<PathBuf>> {
    if !path.is_dir() {
        return Some(vec![path.to_path_buf()]);
    }
    let mut roots = Vec::new();
    for entry in std::fs::read_dir(path).ok()? {
        let p = entry.ok()?.path();
        if p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            roots.push(p);
        }
    }
    roots.sort();
    Some(roots)
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    code: String,
    limits: String,
    roots: Vec<PathBuf>,
    /// Every file read: path as read, canonical path, BLAKE3 of its bytes.
    files: Vec<(PathBuf, PathBuf, [u8; 32])>,
    /// Bytes and BLAKE3 of the body's parts (the model but its
    /// interactions), then of the interactions: a corrupt entry is a miss.
    body: (u64, [u8; 32]),
    interactions: (u64, [u8; 32]),
}

/// A file's canonical path and content hash, if it is a regular file.
fn fingerprint(path: &Path, limits: &Limits) -> Option<(PathBuf, [u8; 32])> {
    let canonical = path.canonicalize().ok()?;
    let meta = std::fs::metadata(&canonical).ok()?;
    if !meta.is_file() || meta.len() > limits.max_file_bytes {
        return None;
    }
    // Streamed through one small buffer: a hit re-hashes every file, and
    // holding a 24 MB estate in memory only to hash it cost more (page
    // faults) than the hashing.
    use std::io::Read;
    let mut file = std::fs::File::open(&canonical).ok()?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                if total > limits.max_file_bytes {
                    return None;
                }
                hasher.update(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some((canonical, *hasher.finalize().as_bytes()))
}

fn header_now(
    model: &Model,
    roots: &Option<Vec<PathBuf>>,
    limits: &Limits,
    body: (u64, [u8; 32]),
    interactions: (u64, [u8; 32]),
) -> Option<Header> {
    let files = model
        .files
        .iter()
        .map(|p| fingerprint(p, limits).map(|(c, h)| (p.clone(), c, h)))
        .collect::<Option<Vec<_>>>()?;
    Some(Header {
        format: FORMAT,
        code: CODE.into(),
        limits: format!("{limits:?}"),
        roots: roots.clone()?,
        files,
        body,
        interactions,
    })
}

/// Reads `u64` little-endian.
fn read_u64(f: &mut impl std::io::Read) -> Option<u64> {
    let mut b = [0u8; 8];
    f.read_exact(&mut b).ok()?;
    Some(u64::from_le_bytes(b))
}

/// The model in the entry file `path`, if the entry is whole, of this build
/// and limits, and every file it was read from is unchanged.
///
/// Layout: magic, header length and header, then the body's parts
/// (length-prefixed: head, rest of the model, component chunks), then the
/// interactions as fixed-width records. The parts are read into memory;
/// the interactions, two thirds of the bytes, are streamed from the file
/// and decoded block by block on a thread (no buffer of their size).
fn read_entry(path: &Path, roots: &Option<Vec<PathBuf>>, limits: &Limits) -> Option<Model> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut magic = [0u8; 8];
    file.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let header_len = read_u64(&mut file)?;
    if header_len > size {
        return None;
    }
    let mut header = vec![0u8; header_len as usize];
    file.read_exact(&mut header).ok()?;
    let header: Header = postcard::from_bytes(&header).ok()?;
    if header.format != FORMAT
        || header.code != CODE
        || header.limits != format!("{limits:?}")
        || Some(&header.roots) != roots.as_ref()
    {
        return None;
    }
    let (body_len, interactions_len) = (header.body.0, header.interactions.0);
    if Some(size)
        != 16u64
            .checked_add(header_len)
            .and_then(|n| n.checked_add(body_len))
            .and_then(|n| n.checked_add(interactions_len))
    {
        return None;
    }
    let mut body = vec![0u8; usize::try_from(body_len).ok()?];
    file.read_exact(&mut body).ok()?;
    if blake3::hash(&body).as_bytes() != &header.body.1 {
        return None;
    }
    // head, rest of the model, component chunks: each length-prefixed.
    let mut parts: Vec<&[u8]> = Vec::with_capacity(2 + COMPONENT_CHUNKS);
    let mut rest = body.as_slice();
    for _ in 0..2 + COMPONENT_CHUNKS {
        let (len, after) = rest.split_at_checked(8)?;
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (part, after) = after.split_at_checked(len)?;
        parts.push(part);
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    let head: CHead = postcard::from_bytes(parts[0]).ok()?;
    let paths: Vec<Arc<Path>> = head
        .loc_files
        .iter()
        .map(|p| Arc::from(p.as_path()))
        .collect();
    let chunks = &parts[2..];
    // Every component takes at least one byte: a bound on the allocation.
    let capacity = (head.components as usize).min(chunks.iter().map(|c| c.len()).sum());
    // At once: the files are read and hashed again (the entry is used only
    // if they all match), the interactions decode, the component chunks
    // decode (the first here, the others on threads), the rest of the model
    // decodes; then its indexes are rebuilt.
    std::thread::scope(|scope| {
        let fresh = scope.spawn(|| {
            header.files.iter().all(|(path, canonical, hash)| {
                fingerprint(path, limits).is_some_and(|(c, h)| &c == canonical && &h == hash)
            })
        });
        let expected = header.interactions;
        let interactions = scope.spawn(move || decode_interactions(file, expected));
        let later: Vec<_> = chunks[1..]
            .iter()
            .map(|chunk| scope.spawn(|| decode_components(chunk, Vec::new(), &paths, &head)))
            .collect();
        let first = decode_components(chunks[0], Vec::with_capacity(capacity), &paths, &head);
        let rest = postcard::from_bytes::<CModel>(parts[1]).ok();
        let mut components = first?;
        for chunk in later {
            components.extend(chunk.join().ok()??);
        }
        let interactions = interactions.join().ok()??;
        let model = rest?.into_model(&head, &paths, components, interactions)?;
        fresh.join().ok()?.then_some(model)
    })
}

fn write_entry(
    entry: &Path,
    model: &Model,
    roots: &Option<Vec<PathBuf>>,
    limits: &Limits,
) -> Result<(), String> {
    let (head, rest, components) = CModel::from_model(model);
    let mut parts = vec![
        postcard::to_stdvec(&head).map_err(|e| e.to_string())?,
        postcard::to_stdvec(&rest).map_err(|e| e.to_string())?,
    ];
    let per = components.len().div_ceil(COMPONENT_CHUNKS);
    for k in 0..COMPONENT_CHUNKS {
        let chunk = components
            .get(k * per..((k + 1) * per).min(components.len()))
            .unwrap_or(&[]);
        parts.push(postcard::to_stdvec(chunk).map_err(|e| e.to_string())?);
    }
    let mut body = Vec::new();
    for part in &parts {
        body.extend_from_slice(&(part.len() as u64).to_le_bytes());
        body.extend_from_slice(part);
    }
    let interactions = encode_interactions(model);
    let header = header_now(
        model,
        roots,
        limits,
        (body.len() as u64, *blake3::hash(&body).as_bytes()),
        (
            interactions.len() as u64,
            *blake3::hash(&interactions).as_bytes(),
        ),
    )
    .ok_or("a model file is not a regular file, or changed while loading")?;
    let dir = entry.parent().ok_or("no cache directory")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let header = postcard::to_stdvec(&header).map_err(|e| e.to_string())?;
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&header);
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(&interactions);
    let tmp = dir.join(format!(
        ".{}.{}.{:x}.tmp",
        entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("entry"),
        std::process::id(),
        fastrand::u64(..)
    ));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(&bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, entry));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", entry.display()));
    }
    Ok(())
}

// ---- mirror types -------------------------------------------------------

/// Interactions, stored apart from the rest of the model so that the two
/// decode on two threads, as fixed-width little-endian records (from u32,
/// to u32, rule u32, kind index u8, mfa u8): one allocation and a linear
/// scan to decode, where a serde sequence would grow its vector by doubling.
const INTERACTION_BYTES: usize = 14;

fn encode_interactions(m: &Model) -> Vec<u8> {
    let mut out = Vec::with_capacity(m.interactions.len() * INTERACTION_BYTES);
    for i in &m.interactions {
        out.extend_from_slice(&i.from.0.to_le_bytes());
        out.extend_from_slice(&i.to.0.to_le_bytes());
        out.extend_from_slice(&i.rule.0.to_le_bytes());
        out.push(kind_code(i.kind));
        out.push(u8::from(i.mfa));
    }
    out
}

/// The interactions streamed from `from` (`len` bytes with BLAKE3 `hash`)
/// through a buffer of whole records; `None` when short, long or damaged.
fn decode_interactions(
    mut from: impl std::io::Read,
    (len, hash): (u64, [u8; 32]),
) -> Option<Vec<Interaction>> {
    if !len.is_multiple_of(INTERACTION_BYTES as u64) {
        return None;
    }
    let count = usize::try_from(len / INTERACTION_BYTES as u64).ok()?;
    let u32_at = |r: &[u8], i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let mut out = Vec::with_capacity(count);
    let mut hasher = blake3::Hasher::new();
    // 64 Ki records (896 KiB) at a time.
    let mut buf = vec![0u8; INTERACTION_BYTES << 16];
    let mut left = count;
    while left > 0 {
        let block = &mut buf[..left.min(1 << 16) * INTERACTION_BYTES];
        from.read_exact(block).ok()?;
        hasher.update(block);
        for r in block.chunks_exact(INTERACTION_BYTES) {
            out.push(Interaction {
                from: ComponentId(u32_at(r, 0)),
                to: ComponentId(u32_at(r, 4)),
                rule: RuleId(u32_at(r, 8)),
                kind: *InteractionKind::ALL.get(r[12] as usize)?,
                mfa: match r[13] {
                    0 => false,
                    1 => true,
                    _ => return None,
                },
            });
        }
        left -= block.len() / INTERACTION_BYTES;
    }
    // Nothing past the records, and the bytes are the ones written.
    let mut past = [0u8; 1];
    if from.read(&mut past).ok()? != 0 || hasher.finalize().as_bytes() != &hash {
        return None;
    }
    Some(out)
}

#[derive(Serialize, Deserialize)]
struct CLoc(u32, u32, u32);

/// What every part of the body needs before decoding: the location files
/// and the sizes that indexes are checked against.
#[derive(Serialize, Deserialize)]
struct CHead {
    /// Files named by locations, interned.
    loc_files: Vec<PathBuf>,
    zones: u32,
    components: u32,
}

/// The model but its components (stored in [`COMPONENT_CHUNKS`] chunks of
/// their own) and interactions (fixed-width records).
#[derive(Serialize, Deserialize)]
struct CModel {
    name: String,
    files: Vec<PathBuf>,
    zones: Vec<CZone>,
    rules: Vec<CRule>,
    services: Vec<CService>,
    warnings: Vec<(bool, Option<CLoc>, String, Option<String>)>,
}

#[derive(Serialize, Deserialize)]
struct CZone {
    id: String,
    external: bool,
    description: Option<String>,
    network: Option<u32>,
    location: Option<CLoc>,
}

#[derive(Serialize, Deserialize)]
struct CComponent {
    id: String,
    /// Index into [`catalog::CATALOG`].
    kind: u16,
    zone: u32,
    exposed_to: Vec<u32>,
    crown_jewel: bool,
    criticality: u8,
    tags: Vec<String>,
    weaknesses: Vec<CWeakness>,
    runs_on: Option<u32>,
    p_fail: Option<f64>,
    cut_cost: Option<f64>,
    redundancy: Option<String>,
    description: Option<String>,
    /// Free properties as JSON text (postcard cannot carry self-describing
    /// values); empty when there are none.
    properties: String,
    implicit: bool,
    location: Option<CLoc>,
}

#[derive(Serialize, Deserialize)]
struct CWeakness {
    kind: String,
    cve: Option<String>,
    grants: u8,
    on: Option<CSelector>,
    notes: Option<String>,
}

#[derive(Serialize, Deserialize)]
enum CSelector {
    Id(String),
    Kind(String),
    Zone(String),
    Tag(String),
    EntryPoints,
    CrownJewels,
    External,
    All,
}

#[derive(Serialize, Deserialize)]
enum COrigin {
    Declared(CLoc),
    CatalogDefault { kind: String, why: String },
    Exposure(Option<CLoc>),
    RunsOn(Option<CLoc>),
    StoredCredentials(Option<CLoc>),
}

#[derive(Serialize, Deserialize)]
struct CRule {
    from: CSelector,
    to: CSelector,
    kind: u8,
    protocol: Option<String>,
    mfa: bool,
    notes: Option<String>,
    cut_cost: Option<f64>,
    origin: COrigin,
}

/// One node of a `needs` expression in post-order; operators take the
/// last `n` nodes built.
#[derive(Serialize, Deserialize)]
enum CNeed {
    Component(u32),
    Service(u32),
    All(u32),
    Any(u32),
    AtLeast(u64, u32),
}

#[derive(Serialize, Deserialize)]
struct CService {
    id: String,
    description: Option<String>,
    needs: Vec<CNeed>,
    needs_text: String,
    fallback: Option<(String, f64, Option<String>)>,
    criticality: u8,
    location: Option<CLoc>,
}

fn criticality_code(c: Criticality) -> u8 {
    match c {
        Criticality::Low => 0,
        Criticality::Medium => 1,
        Criticality::High => 2,
        Criticality::Critical => 3,
    }
}

fn criticality_of(c: u8) -> Option<Criticality> {
    Some(match c {
        0 => Criticality::Low,
        1 => Criticality::Medium,
        2 => Criticality::High,
        3 => Criticality::Critical,
        _ => return None,
    })
}

fn selector_to(s: &Selector) -> CSelector {
    match s {
        Selector::Id(x) => CSelector::Id(x.clone()),
        Selector::Kind(x) => CSelector::Kind(x.clone()),
        Selector::Zone(x) => CSelector::Zone(x.clone()),
        Selector::Tag(x) => CSelector::Tag(x.clone()),
        Selector::EntryPoints => CSelector::EntryPoints,
        Selector::CrownJewels => CSelector::CrownJewels,
        Selector::External => CSelector::External,
        Selector::All => CSelector::All,
    }
}

fn selector_of(s: CSelector) -> Selector {
    match s {
        CSelector::Id(x) => Selector::Id(x),
        CSelector::Kind(x) => Selector::Kind(x),
        CSelector::Zone(x) => Selector::Zone(x),
        CSelector::Tag(x) => Selector::Tag(x),
        CSelector::EntryPoints => Selector::EntryPoints,
        CSelector::CrownJewels => Selector::CrownJewels,
        CSelector::External => Selector::External,
        CSelector::All => Selector::All,
    }
}

fn kind_code(k: InteractionKind) -> u8 {
    InteractionKind::ALL
        .iter()
        .position(|x| *x == k)
        .expect("every kind is in ALL") as u8
}

/// One component back from its mirror; `None` when it does not fit this
/// build or this entry (`zones` zones, `components` components, location
/// files `paths`).
fn component_of(
    c: CComponent,
    paths: &[Arc<Path>],
    zones: u32,
    components: u32,
) -> Option<Component> {
    let (nz, nc) = (zones, components);
    let opt = |l: Option<CLoc>| -> Option<Option<Location>> {
        match l {
            None => Some(None),
            Some(l) => Some(Some(Location {
                file: Arc::clone(paths.get(l.0 as usize)?),
                line: l.1,
                column: l.2,
            })),
        }
    };
    if c.zone >= nz || c.exposed_to.iter().any(|z| *z >= nz) {
        return None;
    }
    let weaknesses = c
        .weaknesses
        .into_iter()
        .map(|w| {
            Some(Weakness {
                kind: WeaknessKind::parse(&w.kind)?,
                cve: w.cve,
                grants: (w.grants <= 4).then(|| AccessLevel::from_index(w.grants as usize))?,
                on: w.on.map(selector_of),
                notes: w.notes,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Component {
        id: c.id,
        kind: catalog::CATALOG.get(c.kind as usize)?,
        zone: ZoneId(c.zone),
        exposed_to: c.exposed_to.into_iter().map(ZoneId).collect(),
        crown_jewel: c.crown_jewel,
        criticality: criticality_of(c.criticality)?,
        tags: c.tags,
        weaknesses,
        runs_on: match c.runs_on {
            Some(r) if r < nc => Some(ComponentId(r)),
            Some(_) => return None,
            None => None,
        },
        p_fail: c.p_fail,
        cut_cost: c.cut_cost,
        redundancy: c.redundancy,
        description: c.description,
        properties: if c.properties.is_empty() {
            BTreeMap::new()
        } else {
            serde_json::from_str(&c.properties).ok()?
        },
        implicit: c.implicit,
        location: opt(c.location)?,
    })
}

/// Decodes a postcard sequence of [`CComponent`] straight into components,
/// appended to `out` (no intermediate vector of mirrors).
struct ComponentsSeed<'p> {
    out: Vec<Component>,
    paths: &'p [Arc<Path>],
    zones: u32,
    components: u32,
}

impl<'de> serde::de::DeserializeSeed<'de> for ComponentsSeed<'_> {
    type Value = Vec<Component>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ComponentsSeed<'_> {
    type Value = Vec<Component>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of components")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        mut self,
        mut seq: A,
    ) -> Result<Self::Value, A::Error> {
        while let Some(c) = seq.next_element::<CComponent>()? {
            let c = component_of(c, self.paths, self.zones, self.components).ok_or_else(|| {
                <A::Error as serde::de::Error>::custom("a component does not fit")
            })?;
            self.out.push(c);
        }
        Ok(self.out)
    }
}

/// Decodes one chunk of components (see [`CHead`]) into `out`.
fn decode_components(
    bytes: &[u8],
    out: Vec<Component>,
    paths: &[Arc<Path>],
    head: &CHead,
) -> Option<Vec<Component>> {
    use serde::de::DeserializeSeed;
    let mut de = postcard::Deserializer::from_bytes(bytes);
    ComponentsSeed {
        out,
        paths,
        zones: head.zones,
        components: head.components,
    }
    .deserialize(&mut de)
    .ok()
}

/// Interns location files.
#[derive(Default)]
struct Files {
    index: rustc_hash::FxHashMap<*const Path, u32>,
    list: Vec<PathBuf>,
}

impl Files {
    fn loc(&mut self, l: &Location) -> CLoc {
        let key = Arc::as_ptr(&l.file);
        let next = self.list.len() as u32;
        let i = *self.index.entry(key).or_insert_with(|| {
            self.list.push(l.file.to_path_buf());
            next
        });
        CLoc(i, l.line, l.column)
    }

    fn opt(&mut self, l: &Option<Location>) -> Option<CLoc> {
        l.as_ref().map(|l| self.loc(l))
    }
}

/// Flattens a `needs` expression into post-order without recursion.
fn flatten_need(n: &Need, out: &mut Vec<CNeed>) {
    // (node, children pushed yet)
    let mut stack: Vec<(&Need, bool)> = vec![(n, false)];
    while let Some((node, expanded)) = stack.pop() {
        let children: &[Need] = match node {
            Need::Component(c) => {
                out.push(CNeed::Component(c.0));
                continue;
            }
            Need::Service(s) => {
                out.push(CNeed::Service(s.0));
                continue;
            }
            Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => v,
        };
        if expanded {
            let len = children.len() as u32;
            out.push(match node {
                Need::All(_) => CNeed::All(len),
                Need::Any(_) => CNeed::Any(len),
                Need::AtLeast(k, _) => CNeed::AtLeast(*k as u64, len),
                _ => unreachable!("leaves handled above"),
            });
        } else {
            stack.push((node, true));
            for c in children.iter().rev() {
                stack.push((c, false));
            }
        }
    }
}

fn unflatten_need(ops: Vec<CNeed>) -> Option<Need> {
    let mut stack: Vec<Need> = Vec::new();
    for op in ops {
        let take = |stack: &mut Vec<Need>, n: u32| -> Option<Vec<Need>> {
            let n = n as usize;
            (n <= stack.len()).then(|| stack.split_off(stack.len() - n))
        };
        let node = match op {
            CNeed::Component(c) => Need::Component(ComponentId(c)),
            CNeed::Service(s) => Need::Service(ServiceId(s)),
            CNeed::All(n) => Need::All(take(&mut stack, n)?),
            CNeed::Any(n) => Need::Any(take(&mut stack, n)?),
            CNeed::AtLeast(k, n) => Need::AtLeast(usize::try_from(k).ok()?, take(&mut stack, n)?),
        };
        stack.push(node);
    }
    (stack.len() == 1).then(|| stack.pop()).flatten()
}

impl CModel {
    /// The mirror of `m`: its head, the rest, and the components.
    fn from_model(m: &Model) -> (CHead, CModel, Vec<CComponent>) {
        let mut files = Files::default();
        let zones = m
            .zones
            .iter()
            .map(|z| CZone {
                id: z.id.clone(),
                external: z.external,
                description: z.description.clone(),
                network: z.network.map(|c| c.0),
                location: files.opt(&z.location),
            })
            .collect();
        let components: Vec<CComponent> = m
            .components
            .iter()
            .map(|c| CComponent {
                id: c.id.clone(),
                kind: catalog::CATALOG
                    .iter()
                    .position(|k| std::ptr::eq(k, c.kind))
                    .unwrap_or(usize::MAX) as u16,
                zone: c.zone.0,
                exposed_to: c.exposed_to.iter().map(|z| z.0).collect(),
                crown_jewel: c.crown_jewel,
                criticality: criticality_code(c.criticality),
                tags: c.tags.clone(),
                weaknesses: c
                    .weaknesses
                    .iter()
                    .map(|w| CWeakness {
                        kind: w.kind.as_str().to_string(),
                        cve: w.cve.clone(),
                        grants: w.grants.index() as u8,
                        on: w.on.as_ref().map(selector_to),
                        notes: w.notes.clone(),
                    })
                    .collect(),
                runs_on: c.runs_on.map(|r| r.0),
                p_fail: c.p_fail,
                cut_cost: c.cut_cost,
                redundancy: c.redundancy.clone(),
                description: c.description.clone(),
                properties: if c.properties.is_empty() {
                    String::new()
                } else {
                    serde_json::to_string(&c.properties).unwrap_or_default()
                },
                implicit: c.implicit,
                location: files.opt(&c.location),
            })
            .collect();
        let rules = m
            .rules
            .iter()
            .map(|r| CRule {
                from: selector_to(&r.from),
                to: selector_to(&r.to),
                kind: kind_code(r.kind),
                protocol: r.protocol.clone(),
                mfa: r.mfa,
                notes: r.notes.clone(),
                cut_cost: r.cut_cost,
                origin: match &r.origin {
                    RuleOrigin::Declared(l) => COrigin::Declared(files.loc(l)),
                    RuleOrigin::CatalogDefault { kind, why } => COrigin::CatalogDefault {
                        kind: kind.to_string(),
                        why: why.to_string(),
                    },
                    RuleOrigin::Exposure(l) => COrigin::Exposure(files.opt(l)),
                    RuleOrigin::RunsOn(l) => COrigin::RunsOn(files.opt(l)),
                    RuleOrigin::StoredCredentials(l) => COrigin::StoredCredentials(files.opt(l)),
                },
            })
            .collect();
        let services = m
            .services
            .iter()
            .map(|s| {
                let mut needs = Vec::new();
                flatten_need(&s.needs, &mut needs);
                CService {
                    id: s.id.clone(),
                    description: s.description.clone(),
                    needs,
                    needs_text: s.needs_text.clone(),
                    fallback: s
                        .fallback
                        .as_ref()
                        .map(|f| (f.name.clone(), f.capacity, f.notes.clone())),
                    criticality: criticality_code(s.criticality),
                    location: files.opt(&s.location),
                }
            })
            .collect();
        let warnings = m
            .warnings
            .iter()
            .map(|d| {
                (
                    d.severity == Severity::Error,
                    files.opt(&d.location),
                    d.message.clone(),
                    d.help.clone(),
                )
            })
            .collect();
        let head = CHead {
            loc_files: files.list,
            zones: m.zones.len() as u32,
            components: m.components.len() as u32,
        };
        let rest = CModel {
            name: m.name.clone(),
            files: m.files.clone(),
            zones,
            rules,
            services,
            warnings,
        };
        (head, rest, components)
    }

    /// The model back, with its indexes rebuilt; `None` when the entry does
    /// not fit this build (an unknown kind, an index out of range).
    fn into_model(
        self,
        head: &CHead,
        paths: &[Arc<Path>],
        components: Vec<Component>,
        interactions: Vec<Interaction>,
    ) -> Option<Model> {
        let loc = |l: CLoc| -> Option<Location> {
            Some(Location {
                file: Arc::clone(paths.get(l.0 as usize)?),
                line: l.1,
                column: l.2,
            })
        };
        let opt = |l: Option<CLoc>| -> Option<Option<Location>> {
            match l {
                None => Some(None),
                Some(l) => loc(l).map(Some),
            }
        };
        let nz = self.zones.len() as u32;
        let nc = components.len() as u32;
        if (nz, nc) != (head.zones, head.components) {
            return None;
        }
        let ns = self.services.len() as u32;
        let mut m = Model {
            name: self.name,
            files: self.files,
            ..Model::default()
        };
        m.zones.reserve_exact(self.zones.len());
        m.components = components;
        m.rules.reserve_exact(self.rules.len());
        for z in self.zones {
            m.zones.push(Zone {
                id: z.id,
                external: z.external,
                description: z.description,
                network: match z.network {
                    Some(c) if c < nc => Some(ComponentId(c)),
                    Some(_) => return None,
                    None => None,
                },
                location: opt(z.location)?,
            });
        }
        let kind_of = |k: u8| InteractionKind::ALL.get(k as usize).copied();
        for r in self.rules {
            let origin = match r.origin {
                COrigin::Declared(l) => RuleOrigin::Declared(loc(l)?),
                COrigin::CatalogDefault { kind, why } => {
                    let k = catalog::kind(&kind)?;
                    let d = k.defaults.iter().find(|d| d.why == why)?;
                    RuleOrigin::CatalogDefault {
                        kind: k.id,
                        why: d.why,
                    }
                }
                COrigin::Exposure(l) => RuleOrigin::Exposure(opt(l)?),
                COrigin::RunsOn(l) => RuleOrigin::RunsOn(opt(l)?),
                COrigin::StoredCredentials(l) => RuleOrigin::StoredCredentials(opt(l)?),
            };
            m.rules.push(InteractionRule {
                from: selector_of(r.from),
                to: selector_of(r.to),
                kind: kind_of(r.kind)?,
                protocol: r.protocol,
                mfa: r.mfa,
                notes: r.notes,
                cut_cost: r.cut_cost,
                origin,
            });
        }
        for s in self.services {
            let needs = unflatten_need(s.needs)?;
            m.services.push(Service {
                id: s.id,
                description: s.description,
                needs,
                needs_text: s.needs_text,
                fallback: s.fallback.map(|(name, capacity, notes)| Fallback {
                    name,
                    capacity,
                    notes,
                }),
                criticality: criticality_of(s.criticality)?,
                location: opt(s.location)?,
            });
        }
        // Needs must point inside the model.
        let mut ok = true;
        for s in &m.services {
            let mut stack = vec![&s.needs];
            while let Some(n) = stack.pop() {
                match n {
                    Need::Component(c) => ok &= c.0 < nc,
                    Need::Service(x) => ok &= x.0 < ns,
                    Need::All(v) | Need::Any(v) | Need::AtLeast(_, v) => stack.extend(v),
                }
            }
        }
        let nr = m.rules.len() as u32;
        ok &= interactions
            .iter()
            .all(|i| i.from.0 < nc && i.to.0 < nc && i.rule.0 < nr);
        if !ok {
            return None;
        }
        m.interactions = interactions;
        for (sev, l, message, help) in self.warnings {
            m.warnings.push(Diagnostic {
                severity: if sev {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                location: opt(l)?,
                message,
                help,
            });
        }
        m.rebuild_indexes();
        Some(m)
    }
}

impl Model {
    /// Rebuilds the lookup indexes from the vectors, in the order the loader
    /// builds them.
    fn rebuild_indexes(&mut self) {
        self.zone_index.clear();
        self.zone_members = vec![Vec::new(); self.zones.len()];
        for (i, z) in self.zones.iter().enumerate() {
            self.zone_index.insert(z.id.clone(), ZoneId(i as u32));
        }
        self.component_index.clear();
        self.component_index.reserve(self.components.len());
        self.kind_index.clear();
        self.tag_index.clear();
        for (i, c) in self.components.iter().enumerate() {
            let cid = ComponentId(i as u32);
            self.component_index.insert(c.id.clone(), cid);
            self.kind_index.entry(c.kind.id).or_default().push(cid);
            for t in &c.tags {
                match self.tag_index.get_mut(t.as_str()) {
                    Some(v) => v.push(cid),
                    None => {
                        self.tag_index.insert(t.clone(), vec![cid]);
                    }
                }
            }
            self.zone_members[c.zone.0 as usize].push(cid);
        }
        self.service_index.clear();
        for (i, s) in self.services.iter().enumerate() {
            self.service_index.insert(s.id.clone(), ServiceId(i as u32));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_round_trip_flat_without_recursion() {
        let deep = (0..2_000).fold(Need::Component(ComponentId(0)), |n, i| {
            if i % 2 == 0 {
                Need::All(vec![n, Need::Service(ServiceId(1))])
            } else {
                Need::AtLeast(1, vec![Need::Component(ComponentId(2)), n])
            }
        });
        let mut flat = Vec::new();
        flatten_need(&deep, &mut flat);
        let back = unflatten_need(flat).unwrap();
        assert!(back == deep);
        assert!(unflatten_need(vec![CNeed::All(2)]).is_none());
        assert!(unflatten_need(vec![]).is_none());
    }
}
