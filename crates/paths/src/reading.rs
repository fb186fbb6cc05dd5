//! How hops and components read to a person.
//!
//! - Each BloodHound edge kind reads as its own verb phrase ("is a member
//!   of", "is local administrator of", "can request a certificate as any
//!   user of (ESC1)"), from the data file `data/edge_phrases.tsv`, instead of
//!   the generic interaction verb ("controls").
//! - A component an importer left without a name reads as its well-known
//!   name when its identifier is a well-known SID (`STMARTEN.LOCAL-S-1-5-11`
//!   → `AUTHENTICATED USERS@STMARTEN.LOCAL`, `S-1-5-21-…-498` →
//!   `ENTERPRISE READ-ONLY DOMAIN CONTROLLERS@<domain>`), from the data file
//!   `data/well_known_sids.tsv`.
//! - [`ReachOnlyReading`]: the estate as BloodHound reads it, where the
//!   logon edges cordon reads as reach only (`CanRDP`, `CanPSRemote`,
//!   `ExecuteDCOM`) hand over control, to say why cordon shows no path where
//!   BloodHound shows one.
//!
//! Both tables are embedded at build time; a malformed row is skipped (a
//! test checks that none is).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use cordon_model::{ComponentId, InteractionKind, Model};

const EDGE_PHRASES: &str = include_str!("../data/edge_phrases.tsv");
const WELL_KNOWN_SIDS: &str = include_str!("../data/well_known_sids.tsv");
const KIND_WORDS: &str = include_str!("../data/kind_words.tsv");

/// How cordon reads a BloodHound edge kind (the third column of
/// `data/edge_phrases.tsv`, which mirrors the import's edge table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeReading {
    /// The source takes control of the target.
    Controls,
    /// A logon: reach only (BloodHound traverses it, cordon does not give
    /// control through it).
    Connects,
    /// `HasSession`: the computer holds the user's credentials.
    Credentials,
    /// Controls when read from the input; when the importer derives it, not
    /// an interaction (its reach is already composed of traversable edges):
    /// `GPOAppliesTo`, `CanApplyGPO`.
    ControlsIfIngested,
    /// Not traversable: kept in the AD graph, never an interaction.
    NotTraversable,
}

/// One BloodHound edge kind: its name, the phrase a hop through it reads as,
/// and how cordon reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeKind {
    /// BloodHound's kind name (`MemberOf`, `ADCSESC1`).
    pub name: &'static str,
    /// "FROM <phrase> TO": `is a member of`.
    pub phrase: &'static str,
    /// How cordon reads it.
    pub reading: EdgeReading,
}

fn edge_table() -> &'static (Vec<EdgeKind>, HashMap<&'static str, usize>) {
    static TABLE: OnceLock<(Vec<EdgeKind>, HashMap<&'static str, usize>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows = Vec::new();
        let mut index = HashMap::new();
        for line in EDGE_PHRASES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(phrase), Some(reading)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let reading = match reading.trim() {
                "controls" => EdgeReading::Controls,
                "connects" => EdgeReading::Connects,
                "credentials" => EdgeReading::Credentials,
                "controls-if-ingested" => EdgeReading::ControlsIfIngested,
                "-" => EdgeReading::NotTraversable,
                _ => continue,
            };
            index.insert(name.trim(), rows.len());
            rows.push(EdgeKind {
                name: name.trim(),
                phrase: phrase.trim(),
                reading,
            });
        }
        (rows, index)
    })
}

/// Every BloodHound edge kind of `data/edge_phrases.tsv`, in file order.
pub fn edge_kinds() -> &'static [EdgeKind] {
    &edge_table().0
}

/// The BloodHound edge kind named exactly `name` (case matters:
/// `MemberOf`), if the table has it.
pub fn edge_kind(name: &str) -> Option<&'static EdgeKind> {
    let (rows, index) = edge_table();
    index.get(name).map(|&i| &rows[i])
}

/// The BloodHound edge kinds an interaction's `protocol` lists (an importer
/// writes `MemberOf`, or `DCFor, GoldenCert` when several edges join one
/// pair); other protocols (`rdp`, `https`) give none.
pub fn protocol_kinds(protocol: &str) -> impl Iterator<Item = &'static EdgeKind> + '_ {
    protocol.split(',').filter_map(|p| edge_kind(p.trim()))
}

fn sid_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        WELL_KNOWN_SIDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(sid, name)| (sid.trim(), name.trim()))
            .collect()
    })
}

/// The well-known name of a SID (`S-1-5-11` → `AUTHENTICATED USERS`) or of
/// a domain-relative RID written `-RID` (`-512` → `DOMAIN ADMINS`).
pub fn well_known_name(sid_or_rid: &str) -> Option<&'static str> {
    sid_table().get(sid_or_rid.trim()).copied()
}

/// The readable name of a component: its label (an imported object's name,
/// `ALICE@CORP.LOCAL`) when it has one; else, when its `objectid` property
/// or its id is a well-known SID, that SID's name as BloodHound writes it —
/// `DOMAIN-S-1-5-11` → `AUTHENTICATED USERS@DOMAIN`, `S-1-5-32-544` →
/// `ADMINISTRATORS`, `S-1-5-21-X-Y-Z-512` → `DOMAIN ADMINS@<name of the
/// component S-1-5-21-X-Y-Z>`; else the id.
pub fn display_name(model: &Model, c: ComponentId) -> Cow<'_, str> {
    let comp = model.component(c);
    let label = comp.label();
    if label != comp.id {
        return Cow::Borrowed(label);
    }
    let sid = comp
        .properties
        .get("objectid")
        .and_then(serde_json::Value::as_str)
        .unwrap_or(&comp.id);
    well_known_display(model, sid).map_or(Cow::Borrowed(label), Cow::Owned)
}

fn well_known_display(model: &Model, sid: &str) -> Option<String> {
    let upper = sid.trim().to_ascii_uppercase();
    // `DOMAIN-S-1-5-11`: BloodHound's id for a domain's special identity.
    if let Some(pos) = upper.find("-S-1-")
        && pos > 0
        && let Some(name) = well_known_name(&upper[pos + 1..])
    {
        return Some(format!("{name}@{}", &upper[..pos]));
    }
    if let Some(name) = well_known_name(&upper) {
        return Some(name.to_string());
    }
    // `S-1-5-21-X-Y-Z-RID`: a domain's well-known account or group.
    let (domain_sid, rid) = upper.rsplit_once('-')?;
    if !domain_sid.starts_with("S-1-5-21-") {
        return None;
    }
    let name = well_known_name(&format!("-{rid}"))?;
    let domain = model
        .component_id(domain_sid)
        .map(|d| model.component(d).label())
        .filter(|l| *l != domain_sid);
    Some(match domain {
        Some(d) => format!("{name}@{}", d.to_ascii_uppercase()),
        None => name.to_string(),
    })
}

/// The estate as BloodHound reads it: every interaction whose `protocol`
/// names an edge kind cordon reads as reach only ([`EdgeReading::Connects`]:
/// `CanRDP`, `CanPSRemote`, `ExecuteDCOM`) becomes `controls`. Search it
/// with [`crate::AttackGraph::new`] to find what BloodHound would show and
/// cordon does not; interaction indices are those of the original model.
pub struct ReachOnlyReading {
    /// The copy of the model with those interactions upgraded.
    pub model: Model,
    /// Indices (into `model.interactions`) of the upgraded interactions.
    pub upgraded: Vec<usize>,
}

impl ReachOnlyReading {
    /// The BloodHound reading of `model`, or `None` when no interaction is
    /// a reach-only BloodHound edge (then both read the same). Copies the
    /// model: meant for explaining a missing path, not for every search.
    pub fn of(model: &Model) -> Option<ReachOnlyReading> {
        let upgraded: Vec<usize> = model
            .interactions
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                i.kind != InteractionKind::Controls
                    && model.rule(i.rule).protocol.as_deref().is_some_and(|p| {
                        protocol_kinds(p).any(|k| k.reading == EdgeReading::Connects)
                    })
            })
            .map(|(n, _)| n)
            .collect();
        if upgraded.is_empty() {
            return None;
        }
        let mut copy = model.clone();
        for &n in &upgraded {
            copy.interactions[n].kind = InteractionKind::Controls;
        }
        Some(ReachOnlyReading {
            model: copy,
            upgraded,
        })
    }

    /// Whether the interaction `n` is one this reading upgraded.
    pub fn is_upgraded(&self, n: usize) -> bool {
        self.upgraded.binary_search(&n).is_ok()
    }

    /// The reach-only BloodHound edge kinds an interaction's protocol lists
    /// (`CanRDP`), comma-separated.
    pub fn kinds_of(&self, n: usize) -> String {
        let i = &self.model.interactions[n];
        self.model
            .rule(i.rule)
            .protocol
            .as_deref()
            .map(|p| {
                protocol_kinds(p)
                    .filter(|k| k.reading == EdgeReading::Connects)
                    .map(|k| k.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    }
}

fn kind_word_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        KIND_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, w)| (k.trim(), w.trim()))
            .collect()
    })
}

/// The word a component's kind reads as (`data/kind_words.tsv`): its first
/// tag listed there (`ad-ou` → `OU`, an importer's finer kind), else its
/// catalog kind listed there (`ad-group` → `group`), else the catalog's
/// kind name (`Database server`).
pub fn kind_word(model: &Model, c: ComponentId) -> &'static str {
    let comp = model.component(c);
    let table = kind_word_table();
    comp.tags
        .iter()
        .find_map(|t| table.get(format!("tag:{t}").as_str()).copied())
        .or_else(|| {
            table
                .get(format!("kind:{}", comp.kind.id).as_str())
                .copied()
        })
        .unwrap_or(comp.kind.name)
}

/// How every answer names a component to a person — the one naming helper
/// of the CLI's text, the web pages and the containment reports: the
/// [`display_name`] (imported name, well-known SID name, else the id),
/// followed, when another component of the model reads the same (ignoring
/// case), by what tells them apart:
///
/// - the kind's word ([`kind_word`]) when no other component of that name
///   has the same word — `DOMAIN CONTROLLERS@HOSPITAL.LOCAL (OU)` beside
///   `DOMAIN CONTROLLERS@HOSPITAL.LOCAL (group)`;
/// - else the id — `STMARTEN-CA@STMARTEN.LOCAL (enterpriseca-…)`, or the
///   kind's word and the id when only part of them share a word.
///
/// A model whose components carry no names reads exactly as its ids. JSON
/// keeps the plain name ([`Names::plain`]) beside the `id` that tells
/// components apart.
///
/// The table of shared names is built once, on the first name asked for
/// that differs from its id (O(components); a hand-written model never pays
/// for it): build one `Names` per answer, not per line.
pub struct Names<'m> {
    model: &'m Model,
    shared: OnceLock<SharedNames>,
}

/// Lower-cased display name → (components reading so, of which per kind word).
type SharedNames = HashMap<String, (u32, HashMap<&'static str, u32>)>;

impl<'m> Names<'m> {
    /// The names of `model`'s components.
    pub fn new(model: &'m Model) -> Self {
        Names {
            model,
            shared: OnceLock::new(),
        }
    }

    /// The model named.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The display name alone (the JSON `name` field beside an `id`).
    pub fn plain(&self, c: ComponentId) -> String {
        display_name(self.model, c).into_owned()
    }

    /// The name a person reads: the display name, with what tells it apart
    /// (` (OU)`, ` (id)`) when it is shared in this model; the id when the
    /// component has no name.
    pub fn name(&self, c: ComponentId) -> String {
        let id = &self.model.component(c).id;
        let name = display_name(self.model, c);
        if name == id.as_str() {
            return id.clone();
        }
        let shared = self.shared.get_or_init(|| {
            let mut counts = SharedNames::new();
            for x in self.model.component_ids() {
                let n = display_name(self.model, x);
                let e = counts.entry(n.to_lowercase()).or_default();
                e.0 += 1;
                *e.1.entry(kind_word(self.model, x)).or_default() += 1;
            }
            counts
        });
        match shared.get(&name.to_lowercase()) {
            Some((n, words)) if *n > 1 => {
                let word = kind_word(self.model, c);
                let same_word = words.get(word).copied().unwrap_or(0);
                if same_word > 1 && words.len() > 1 {
                    format!("{name} ({word}, {id})")
                } else if same_word > 1 {
                    format!("{name} ({id})")
                } else {
                    format!("{name} ({word})")
                }
            }
            _ => name.into_owned(),
        }
    }

    /// An interaction as a person reads it: "FROM → TO (kind, protocol)", the
    /// components by [`Names::name`] (`vpn-gw → ad-dc1 (reads, ldaps)`). `i` indexes
    /// `model.interactions` (panics when out of range, as indexing does). The one wording
    /// of a link for `chokepoints`, `recover`, `airgap` and the web board.
    pub fn interaction(&self, i: usize) -> String {
        let e = &self.model.interactions[i];
        let proto = self
            .model
            .rule(e.rule)
            .protocol
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        format!(
            "{} → {} ({}{proto})",
            self.name(e.from),
            self.name(e.to),
            e.kind
        )
    }

    /// [`Names::name`] of each, in order.
    pub fn list(&self, v: &[ComponentId]) -> Vec<String> {
        v.iter().map(|&c| self.name(c)).collect()
    }

    /// [`Names::list`] joined by `, `.
    pub fn join(&self, v: &[ComponentId]) -> String {
        self.list(v).join(", ")
    }
}
