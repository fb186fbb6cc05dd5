//! What an importer produces: zones, components and interactions in cordon's
//! vocabulary, ready to be written as a model file.

use std::collections::{BTreeMap, HashMap};

/// A zone the imported components sit in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ZoneDecl {
    /// Identifier.
    pub id: String,
    /// Outside the organisation.
    pub external: bool,
}

/// A declared weakness of an imported component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeaknessDecl {
    /// Weakness kind (`exploitable-vulnerability`, `stored-credentials`…).
    pub kind: String,
    /// CVE id.
    pub cve: Option<String>,
    /// For `stored-credentials`: where they are stored (a selector).
    pub stored_on: Option<String>,
    /// Access it hands over (`read`, `write`, `control`; default control).
    pub grants: Option<String>,
    /// Free text: why the importer declared it.
    pub notes: Option<String>,
}

/// An imported component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComponentDecl {
    /// Identifier (a valid cordon name).
    pub id: String,
    /// Catalog kind.
    pub kind: String,
    /// Zone.
    pub zone: String,
    /// Exposed to every external zone.
    pub exposed: bool,
    /// Crown jewel.
    pub crown_jewel: bool,
    /// `low|medium|high|critical`.
    pub criticality: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Declared weaknesses.
    pub weaknesses: Vec<WeaknessDecl>,
    /// Host or hypervisor.
    pub runs_on: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Free key/values (source ids, addresses, OS…).
    pub properties: BTreeMap<String, serde_json::Value>,
}

/// An imported interaction.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct InteractionDecl {
    /// Source component id.
    pub from: String,
    /// Target component id.
    pub to: String,
    /// Interaction kind (`controls`, `connects`…).
    pub kind: String,
    /// Protocol or source edge names (`MemberOf`, `GenericAll, WriteDacl`, `tcp/445`).
    pub protocol: Option<String>,
    /// Free text.
    pub notes: Option<String>,
}

/// The result of an importer.
#[derive(Clone, Debug, Default)]
pub struct Estate {
    /// Short name of the source (`sharphound`, `nmap`, `csv`…): the generated file's name.
    pub source: String,
    /// Zones the components use.
    pub zones: Vec<ZoneDecl>,
    /// Components, in a stable order.
    pub components: Vec<ComponentDecl>,
    /// Interactions, in a stable order, one per (from, to, kind).
    pub interactions: Vec<InteractionDecl>,
    /// Remarks for the user (records skipped and why).
    pub notes: Vec<String>,
    /// The input file labels that origin texts in `notes` name (`… from
    /// LABEL record N`): written to the generated file (`# origin:` lines)
    /// so that a re-import can tell a re-collection under new file names
    /// from a real change (see [`crate::yaml::without_origin`]).
    pub origins: Vec<String>,
    /// Active Directory domains the input collected (upper-case names,
    /// sorted): the objects read from a record of the collection, not the
    /// ones only referenced. A re-import replaces only these domains in the
    /// generated file; objects of other domains stay
    /// ([`crate::write::MergeOptions::replace`]). Empty for non-AD sources
    /// (the whole generated file is replaced).
    pub domains: Vec<String>,
}

impl Estate {
    /// An empty estate for a source.
    pub fn new(source: &str) -> Self {
        Estate {
            source: source.to_string(),
            ..Default::default()
        }
    }

    /// Declares a zone once.
    pub fn zone(&mut self, id: &str, external: bool) {
        if let Some(z) = self.zones.iter_mut().find(|z| z.id == id) {
            z.external |= external;
        } else {
            self.zones.push(ZoneDecl {
                id: id.to_string(),
                external,
            });
        }
    }

    /// Sorts components by id, interactions by (from, to, kind), merges
    /// interactions with the same triple (joining their protocols) and
    /// drops self-loops.
    pub fn normalise(&mut self) {
        type Merged = BTreeMap<(String, String, String), (Vec<String>, Option<String>)>;
        self.components.sort_by(|a, b| a.id.cmp(&b.id));
        self.zones.sort();
        let mut merged: Merged = BTreeMap::new();
        for i in std::mem::take(&mut self.interactions) {
            if i.from == i.to {
                continue;
            }
            let e = merged.entry((i.from, i.to, i.kind)).or_default();
            if let Some(p) = i.protocol {
                for part in p.split(", ") {
                    if !e.0.iter().any(|x| x == part) {
                        e.0.push(part.to_string());
                    }
                }
            }
            if e.1.is_none() {
                e.1 = i.notes;
            }
        }
        self.interactions = merged
            .into_iter()
            .map(|((from, to, kind), (mut protocols, notes))| {
                protocols.sort();
                InteractionDecl {
                    from,
                    to,
                    kind,
                    protocol: (!protocols.is_empty()).then(|| protocols.join(", ")),
                    notes,
                }
            })
            .collect();
    }
}

/// Turns any text into a valid cordon name: lower case, runs of characters
/// other than letters, digits, `-`, `_`, `.`, `@` become one `-`.
pub fn sanitize_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.' | '@') {
            out.extend(c.to_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Hands out unique component ids: the first object asking for `x` gets it,
/// later ones `x-2`, `x-3`…
#[derive(Default)]
pub struct IdAllocator {
    used: HashMap<String, usize>,
}

impl IdAllocator {
    /// Reserves an id (for example the id of an external zone).
    pub fn reserve(&mut self, id: &str) {
        self.used.entry(id.to_string()).or_insert(1);
    }

    /// A unique id based on `wanted` (sanitised; `fallback` when empty).
    pub fn allocate(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = sanitize_id(wanted);
        if base.is_empty() {
            base = sanitize_id(fallback);
        }
        if base.is_empty() {
            base = "unnamed".into();
        }
        let Some(&start) = self.used.get(&base) else {
            self.used.insert(base.clone(), 1);
            return base;
        };
        let mut n = start;
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.used.contains_key(&candidate) {
                self.used.insert(base, n);
                self.used.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_names() {
        assert_eq!(
            sanitize_id("DOMAIN ADMINS@ESC1.LOCAL"),
            "domain-admins@esc1.local"
        );
        assert_eq!(sanitize_id("  {6AC1786C}  "), "6ac1786c");
        assert!(cordon_model::selector::is_valid_name(&sanitize_id(
            "a b/c:d"
        )));
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("X", "y"), "x");
        assert_eq!(ids.allocate("x", "y"), "x-2");
        assert_eq!(ids.allocate("", "S-1"), "s-1");
        assert_eq!(ids.allocate("!!", ""), "unnamed");
    }
}
