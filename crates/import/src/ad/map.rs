//! The analysed AD graph onto cordon components and interactions, with AD
//! semantics: identities are `ad-user`/`ad-group` (not the catalog's `iam`,
//! whose default "controls tag:iam-provisioned" would invent paths),
//! domains `ad-domain` (no "controls every domain-joined machine" default:
//! a domain controls what it `Contains` and what its trusts give), OUs and
//! containers `ad-container`, GPOs `ad-gpo`, ADCS objects `ad-pki`;
//! computers stay `server-os`/`workstation` by operating system.
//!
//! Ids are stable: the object identifier (SID or GUID, [`id_of_objectid`]),
//! never the name and never dependent on which other files are present. The
//! readable name is the component's label (`properties.name`); the
//! name-based id earlier versions gave (`alice@corp.local`,
//! `certtemplate-<name>`, `ou-<name>`…) is kept as a former id
//! (`properties.aliases`), so names and old ids still resolve
//! (`cordon_model::resolve`) and hand-written overrides keep working.
//!
//! Traversable edges become interactions (`controls`; `connects` for
//! CanRDP/CanPSRemote/ExecuteDCOM, a logon that gives reach, not control;
//! HasSession a `stored-credentials` weakness); the BloodHound kind is the
//! interaction's `protocol` and its origin its `notes`. Non-traversable
//! edges stay in the AD graph (and `--analyzed` exports).

use std::collections::{BTreeMap, HashMap};

use super::{AdGraph, Mapping, NodeKind, kind_mapping};
use crate::estate::{ComponentDecl, Estate, InteractionDecl, WeaknessDecl, sanitize_id};

fn is_server_os(os: &str) -> Option<bool> {
    let os = os.to_ascii_lowercase();
    let server = [
        "server",
        "linux",
        "unix",
        "ubuntu",
        "red hat",
        "centos",
        "debian",
        "suse",
        "esx",
        "ontap",
        "data domain",
    ];
    if server.iter().any(|s| os.contains(s)) {
        Some(true)
    } else if os.contains("windows") || os.contains("mac os") || os.contains("macos") {
        Some(false)
    } else {
        None
    }
}

/// The cordon kind, tag and id prefix of an AD node.
fn kind_of(g: &AdGraph, n: u32) -> (&'static str, &'static str, &'static str) {
    let node = &g.nodes[n as usize];
    match node.kind {
        Some(NodeKind::Domain) => ("ad-domain", "ad-domain", ""),
        Some(NodeKind::User) => ("ad-user", "ad-user", ""),
        Some(NodeKind::Group) => ("ad-group", "ad-group", ""),
        Some(NodeKind::LocalGroup) => ("ad-group", "ad-local-group", ""),
        Some(NodeKind::Computer) => {
            let ws = node.str("operatingsystem").and_then(is_server_os) == Some(false);
            (
                if ws { "workstation" } else { "server-os" },
                "ad-computer",
                "",
            )
        }
        Some(NodeKind::Gpo) => ("ad-gpo", "gpo", "gpo-"),
        Some(NodeKind::Ou) => ("ad-container", "ad-ou", "ou-"),
        Some(NodeKind::Container) => ("ad-container", "ad-container", "container-"),
        Some(NodeKind::CertTemplate) => ("ad-pki", "cert-template", "certtemplate-"),
        Some(NodeKind::EnterpriseCa) => ("ad-pki", "enterprise-ca", "enterpriseca-"),
        Some(NodeKind::RootCa) => ("ad-pki", "root-ca", "rootca-"),
        Some(NodeKind::AiaCa) => ("ad-pki", "aia-ca", "aiaca-"),
        Some(NodeKind::NtAuthStore) => ("ad-pki", "ntauth-store", "ntauthstore-"),
        Some(NodeKind::IssuancePolicy) => ("ad-pki", "issuance-policy", "issuancepolicy-"),
        Some(NodeKind::Base) | None => {
            // OpenGraph nodes of other kinds: a cordon kind when they name one.
            let k = opengraph_kind(&node.other_kinds, node.str("cordon_kind"));
            (k, "ad-object", "")
        }
    }
}

fn opengraph_kind(kinds: &[String], cordon_kind: Option<&str>) -> &'static str {
    if let Some(k) = cordon_kind.and_then(cordon_model::catalog::kind) {
        return k.id;
    }
    for k in kinds {
        let lower = k.to_ascii_lowercase();
        let mapped = match lower.as_str() {
            "azvm" => Some("server-os"),
            "azuser" => Some("ad-user"),
            "azgroup" | "azserviceprincipal" | "azapp" => Some("ad-group"),
            "aztenant" => Some("ad-domain"),
            _ => None,
        };
        if let Some(m) = mapped {
            return m;
        }
        if let Some(rest) = k.strip_prefix("Cordon") {
            let mut kebab = String::new();
            for (i, c) in rest.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    kebab.push('-');
                }
                kebab.push(c.to_ascii_lowercase());
            }
            if let Some(k) = cordon_model::catalog::kind(&kebab) {
                return k.id;
            }
        }
    }
    "ad-object"
}

/// The cordon interaction an edge kind names (`CordonControls`, `connects`),
/// for OpenGraph files cordon wrote itself.
fn cordon_interaction(edge: &str) -> Option<&'static str> {
    let e = edge
        .strip_prefix("Cordon")
        .unwrap_or(edge)
        .to_ascii_lowercase()
        .replace(['_', '-'], "");
    cordon_model::InteractionKind::ALL
        .into_iter()
        .find(|k| k.declarable() && k.as_str().replace('-', "") == e)
        .map(|k| k.as_str())
}

/// Whether a node becomes a component: typed nodes (local groups only when
/// an interaction touches them), and any end of a traversable edge.
fn wanted(g: &AdGraph) -> Vec<bool> {
    let mut w: Vec<bool> = g
        .nodes
        .iter()
        .map(|n| {
            n.kind.is_some() && n.kind != Some(NodeKind::LocalGroup) || !n.other_kinds.is_empty()
        })
        .collect();
    for e in &g.edges {
        if e.traversable {
            w[e.from as usize] = true;
            w[e.to as usize] = true;
        }
    }
    w
}

/// The component id of an object identifier: the objectid itself, upper
/// case as the AD graph keys it (`S-1-5-21-1000-2000-3000-1105`, a GUID,
/// `CORP.LOCAL-S-1-5-32-544` for the well-known SIDs BloodHound prefixes with
/// the domain), when it is a valid cordon id (letters, digits, `-`, `_`, `.`,
/// `@`) — every SID and GUID is. Any other identifier (an OpenGraph node id
/// such as `repo:org/x`) has each run of other characters replaced by `-`
/// and a 16-hex-digit FNV-1a hash of the whole identifier appended, so two
/// identifiers never share an id.
pub fn id_of_objectid(objectid: &str) -> String {
    if cordon_model::selector::is_valid_name(objectid) {
        return objectid.to_string();
    }
    let mut out = String::with_capacity(objectid.len() + 17);
    for c in objectid.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    let hash = format!("{:016x}", fnv1a(objectid.as_bytes()));
    if out.is_empty() {
        format!("x-{hash}")
    } else {
        format!("{out}-{hash}")
    }
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition (ids
/// written to model files must not change between builds or toolchains, which
/// std's `DefaultHasher` does not promise); eight lines, so no crate.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The name-based id cordon gave an object before ids came from the object
/// identifier (`alice@corp.local`, `certtemplate-administrator@corp.local`,
/// `ou-servers@corp.local`): kept as the component's former id
/// (`properties.aliases`) so hand-written files written against it keep
/// working.
fn former_id(g: &AdGraph, n: u32) -> String {
    let node = &g.nodes[n as usize];
    let (_, _, prefix) = kind_of(g, n);
    let id = match node.name().map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => {
            let s = sanitize_id(&format!("{prefix}{name}"));
            if s.is_empty() {
                sanitize_id(&node.objectid)
            } else {
                s
            }
        }
        None => sanitize_id(&node.objectid),
    };
    if id.is_empty() {
        "unnamed".to_string()
    } else {
        id
    }
}

/// Stable component ids (see the module docs): [`id_of_objectid`] of each
/// wanted node, or the `cordon_id` property cordon's own OpenGraph export
/// writes (so that an export imported again keeps its ids; for exports of
/// older versions, the `name` of a `CordonComponent` node) when it is a
/// valid id that no other node takes. `None` for nodes that do not become
/// components.
pub fn component_ids(g: &AdGraph) -> Vec<Option<String>> {
    let w = wanted(g);
    let mut ids: Vec<Option<String>> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| w[i].then(|| id_of_objectid(&n.objectid)))
        .collect();
    let taken: std::collections::HashSet<&str> = ids.iter().flatten().map(String::as_str).collect();
    let mut own: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        // cordon's own export: `cordon_id`; an export of older cordon
        // versions carried the id as the `name` of a `CordonComponent`.
        let own_id = n.str("cordon_id").or_else(|| {
            n.other_kinds
                .iter()
                .any(|k| k == "CordonComponent")
                .then(|| n.str("name"))
                .flatten()
        });
        if let (true, Some(c)) = (w[i], own_id) {
            let c = c.trim();
            if cordon_model::selector::is_valid_name(c) && !taken.contains(c) {
                own.entry(c.to_string()).or_default().push(i);
            }
        }
    }
    for (c, nodes) in own {
        if let [i] = nodes.as_slice() {
            ids[*i] = Some(c);
        }
    }
    ids
}

/// A node of cordon's own OpenGraph export (`CordonComponent`): what the
/// export carried replaces what the AD mapping would infer — tags,
/// crown jewel, criticality, weaknesses (with `stored_on`; exports of
/// older versions give stored credentials by their `CordonCredentials`
/// edges), `runs_on`,
/// former ids and the AD properties — so that export → import → export
/// keeps them.
fn own_export_node(n: &super::AdNode, c: &mut ComponentDecl) {
    let strings = |k: &str| -> Option<Vec<String>> {
        n.props.get(k)?.as_array().map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
    };
    if let Some(tags) = strings("tags") {
        c.tags = tags;
    }
    if let Some(cj) = n.flag("crown_jewel") {
        c.crown_jewel = cj;
    }
    if let Some(cr) = n.str("criticality") {
        c.criticality = Some(cr.to_string());
    }
    let details = n.props.get("weakness_details").and_then(|v| v.as_array());
    if let Some(details) = details {
        for d in details {
            let field = |k: &str| d.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let Some(kind) = field("kind") else { continue };
            let stored_on = field("stored_on");
            if kind == "stored-credentials" && stored_on.is_none() {
                continue;
            }
            c.weaknesses.push(WeaknessDecl {
                kind,
                cve: field("cve"),
                grants: field("grants").filter(|g| g != "control"),
                notes: field("notes"),
                stored_on,
            });
        }
    } else if let Some(labels) = strings("weaknesses") {
        // Exports of older versions: "kind" or "kind CVE-…" labels.
        for l in labels {
            let mut parts = l.splitn(2, ' ');
            let kind = parts.next().unwrap_or_default().to_string();
            if kind.is_empty() || kind == "stored-credentials" {
                continue;
            }
            c.weaknesses.push(WeaknessDecl {
                kind,
                cve: parts.next().map(str::to_string),
                ..Default::default()
            });
        }
    }
    if let Some(h) = n.str("runs_on") {
        c.runs_on = Some(h.to_string());
    }
    match strings(cordon_model::resolve::ALIASES_PROPERTY) {
        Some(a) if !a.is_empty() => {
            c.properties
                .insert(cordon_model::resolve::ALIASES_PROPERTY.into(), a.into());
        }
        _ => {
            c.properties.remove(cordon_model::resolve::ALIASES_PROPERTY);
        }
    }
    for key in ["bloodhound_kind", "os"] {
        if let Some(v) = n.str(key) {
            c.properties.insert(key.into(), v.into());
        }
    }
}

/// The domains whose objects the input collected: the `domain` property (or
/// a domain's own name) of every node read from a record, upper-case, sorted.
pub fn collected_domains(g: &AdGraph) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for n in g.nodes.iter().filter(|n| n.origin.is_some()) {
        let d = if n.kind == Some(NodeKind::Domain) {
            n.name().or_else(|| n.str("domain"))
        } else {
            n.str("domain")
        };
        if let Some(d) = d.map(str::trim).filter(|d| !d.is_empty()) {
            out.insert(d.to_ascii_uppercase());
        }
    }
    out.into_iter().collect()
}

/// Maps an analysed AD graph onto an estate named `source`, every
/// component in `zone`.
pub fn to_estate(g: &AdGraph, source: &str, zone: &str) -> Estate {
    let mut estate = Estate::new(source);
    estate.zone(zone, false);
    estate.notes.extend(g.notes.iter().cloned());
    estate.origins = g.files.clone();
    estate.domains = collected_domains(g);
    let ids = component_ids(g);
    // Domain controllers: `isdc`, or primary group / member of Domain
    // Controllers (-516) or Enterprise Domain Controllers (S-1-5-9).
    let mut dcs: std::collections::HashSet<u32> = std::collections::HashSet::new();
    for e in &g.edges {
        if &*e.kind == "MemberOf" && g.nodes[e.from as usize].kind == Some(NodeKind::Computer) {
            let t = &g.nodes[e.to as usize].objectid;
            if t.ends_with("-516") || t.ends_with("-S-1-5-9") {
                dcs.insert(e.from);
            }
        }
        if &*e.kind == "DCFor" {
            dcs.insert(e.from);
        }
    }
    let mut comp: HashMap<u32, usize> = HashMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let Some(id) = &ids[i] else { continue };
        let (kind, tag, _) = kind_of(g, i as u32);
        let mut c = ComponentDecl {
            id: id.clone(),
            kind: kind.into(),
            zone: zone.to_string(),
            crown_jewel: n.tier_zero,
            ..Default::default()
        };
        c.tags.push(tag.into());
        if n.tier_zero {
            c.tags.push("tier-zero".into());
            c.criticality = Some("critical".into());
        }
        if n.flag("isdc") == Some(true) || dcs.contains(&(i as u32)) {
            c.tags.push("domain-controller".into());
        }
        if n.flag("enabled") == Some(false) {
            c.tags.push("disabled".into());
        }
        if n.flag("admincount") == Some(true) {
            c.tags.push("privileged".into());
        }
        if n.kind == Some(NodeKind::User) {
            if n.flag("hasspn") == Some(true) {
                c.tags.push("kerberoastable".into());
            }
            if n.flag("dontreqpreauth") == Some(true) {
                c.tags.push("asrep-roastable".into());
            }
        }
        if n.flag("unconstraineddelegation") == Some(true) {
            c.tags.push("unconstrained-delegation".into());
        }
        if n.flag("haslaps") == Some(true) {
            c.tags.push("laps".into());
        }
        if n.kind.is_none() && n.other_kinds.is_empty() {
            c.tags.push("unresolved".into());
        }
        c.tags.push(source.to_string());
        c.properties
            .insert("objectid".into(), n.objectid.clone().into());
        let former = former_id(g, i as u32);
        if !former.eq_ignore_ascii_case(id)
            && n.str("cordon_id").is_none()
            && !id.eq_ignore_ascii_case(n.name().unwrap_or_default())
        {
            c.properties.insert(
                cordon_model::resolve::ALIASES_PROPERTY.into(),
                vec![former].into(),
            );
        }
        if let Some(name) = n.name() {
            c.properties.insert("name".into(), name.into());
        }
        if let Some(k) = n.kind {
            c.properties
                .insert("bloodhound_kind".into(), k.bh_name().into());
        }
        if let Some(d) = n.str("domain") {
            c.properties.insert("domain".into(), d.into());
        }
        if let Some(os) = n.str("operatingsystem") {
            c.properties.insert("os".into(), os.into());
        }
        if n.other_kinds.iter().any(|k| k == "CordonComponent") {
            own_export_node(n, &mut c);
        }
        comp.insert(i as u32, estate.components.len());
        estate.components.push(c);
    }
    let mut sessions: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    let mut assumed = 0usize;
    for e in &g.edges {
        if !e.traversable {
            continue;
        }
        let (Some(&f), Some(&t)) = (comp.get(&e.from), comp.get(&e.to)) else {
            continue;
        };
        let why = g.explain(e);
        // cordon's own export: the interaction's protocol (the BloodHound
        // edge kind of an AD import: `MemberOf`, `ADCSESC1`) and origin as
        // exported; interactions the model derives (catalog defaults,
        // `runs_on`, stored credentials) are not declared again.
        let own = e.kind.starts_with("Cordon") && !super::is_ad_edge_kind(&e.kind);
        let prop = |k: &str| e.props.get(k).and_then(|v| v.as_str());
        let why = match prop("notes") {
            Some(n) if own && !n.trim().is_empty() => n.to_string(),
            _ => why,
        };
        if own && &*e.kind == "CordonCredentials" {
            if g.nodes[e.to as usize]
                .props
                .contains_key("weakness_details")
            {
                // The weakness itself came with its node.
                continue;
            }
            // Credentials stored on `from` that log into `to`: a
            // `stored-credentials` weakness of `to`, as a session gives.
            sessions
                .entry(t)
                .or_default()
                .push((estate.components[f].id.clone(), why));
            continue;
        }
        // `CordonAttackStep`: a step of a path cordon computed (`export
        // --paths`), not an interaction — reading it back as one would
        // invent `controls` where the step gave only reach.
        if own
            && (&*e.kind == "CordonAttackStep"
                || matches!(prop("cordon_rule"), Some("catalog-default" | "runs-on")))
        {
            continue;
        }
        // A cordon interaction kind is no protocol: the exported one, or none.
        let protocol = if own {
            prop("protocol")
                .filter(|p| !p.trim().is_empty())
                .map(str::to_string)
        } else {
            Some(e.kind.to_string())
        };
        // An export without `notes` (older versions): the origin names the
        // exported BloodHound kind rather than `CordonControls`.
        let why = match (&protocol, why.strip_prefix(&*e.kind)) {
            (Some(p), Some(rest)) if own && prop("notes").is_none() => format!("{p}{rest}"),
            _ => why,
        };
        // An OpenGraph kind that is neither AD nor cordon's own: the edge's
        // `cordon_kind`, else its verb shape (data/opengraph_verbs.tsv),
        // else controls — marked assumed in the hop's origin.
        let mut why = why;
        let unknown =
            !own && !super::is_ad_edge_kind(&e.kind) && cordon_interaction(&e.kind).is_none();
        let read_as: Option<&'static str> = if unknown {
            let declared = prop("cordon_kind")
                .map(str::trim)
                .and_then(cordon_model::InteractionKind::parse)
                .filter(|k| k.declarable());
            Some(if let Some(k) = declared {
                why.push_str(" (level from the edge's cordon_kind)");
                k.as_str()
            } else if let Some((verb, pattern)) = super::verbs::reading(&e.kind) {
                why.push_str(&format!(
                    " (read as {} by its name: opengraph_verbs.tsv `{pattern}`)",
                    verb.interaction()
                ));
                verb.interaction()
            } else {
                assumed += 1;
                why.push_str(&format!(
                    " (level assumed: unknown edge kind {}, read as controls; set \
                     properties.cordon_kind on the edge or add its name to opengraph_verbs.tsv)",
                    e.kind
                ));
                "controls"
            })
        } else {
            None
        };
        let kind = match cordon_interaction(&e.kind) {
            _ if let Some(k) = read_as => k,
            Some(k) if !super::is_ad_edge_kind(&e.kind) => k,
            _ => match kind_mapping(&e.kind) {
                Mapping::Controls => "controls",
                Mapping::ControlsIfIngested if e.origin.derived => continue,
                Mapping::ControlsIfIngested => "controls",
                Mapping::Connects => "connects",
                Mapping::Credentials => {
                    sessions
                        .entry(t)
                        .or_default()
                        .push((estate.components[f].id.clone(), why));
                    continue;
                }
                Mapping::None => continue,
            },
        };
        estate.interactions.push(InteractionDecl {
            from: estate.components[f].id.clone(),
            to: estate.components[t].id.clone(),
            kind: kind.into(),
            protocol,
            notes: Some(why),
        });
    }
    for (user, mut on) in sessions {
        on.sort();
        on.dedup_by(|a, b| a.0 == b.0);
        for (computer, why) in on {
            // Notes of cordon's own export already say it.
            let notes = if why.contains(": the user is logged on there") {
                why
            } else {
                format!(
                    "{why}: the user is logged on there; its credentials can be taken from memory"
                )
            };
            estate.components[user].weaknesses.push(WeaknessDecl {
                kind: "stored-credentials".into(),
                stored_on: Some(computer),
                notes: Some(notes),
                ..Default::default()
            });
        }
    }
    if assumed > 0 {
        estate.notes.push(format!(
            "{assumed} {} of a kind cordon does not know {} read as controls (level \
             assumed, marked in each hop's origin): give them `properties.cordon_kind` (reads, \
             writes, controls…) or add their names to crates/import/data/opengraph_verbs.tsv",
            if assumed == 1 { "edge" } else { "edges" },
            if assumed == 1 { "was" } else { "were" }
        ));
    }
    estate.normalise();
    estate
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn object_identifiers_are_ids_as_they_are() {
        for o in [
            "S-1-5-21-1000-2000-3000-1105",
            "2F8C1D3E-0000-4B39-9634-D65B2614415C",
            "CORP.LOCAL-S-1-5-32-544",
        ] {
            assert_eq!(id_of_objectid(o), o);
        }
        let a = id_of_objectid("repo:org/x");
        assert!(a.starts_with("repo-org-x-"), "{a}");
        assert!(cordon_model::selector::is_valid_name(&a));
        // Fixed by definition: the same text gives the same id on every build.
        assert_eq!(a, format!("repo-org-x-{:016x}", fnv1a(b"repo:org/x")));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert!(id_of_objectid("::").starts_with("x-"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Two different identifiers never share an id, and every id is valid
        /// (the reference: distinct inputs, compared pairwise).
        #[test]
        fn ids_are_valid_and_distinct(a in "[A-Za-z0-9:/ @.-]{0,12}", b in "[A-Za-z0-9:/ @.-]{0,12}") {
            prop_assume!(!a.is_empty() && !b.is_empty());
            let (x, y) = (id_of_objectid(&a), id_of_objectid(&b));
            prop_assert!(cordon_model::selector::is_valid_name(&x), "{}", x);
            prop_assert_eq!(a == b, x == y, "{} {} -> {} {}", a, b, x, y);
        }
    }
}
