//! BloodHound's post-processing on the AD graph, as its documentation and
//! test fixtures define it (BloodHound CE `packages/go/analysis/ad`; the
//! oracle is `../shared/data/bloodhound-oracle/`). Each derived edge's
//! [`Origin`] names the rule.
//!
//! Implemented: implicit memberships (Domain Users / Domain Computers →
//! Authenticated Users → Everyone, Guest → Everyone) and
//! `ClaimSpecialIdentity`; `Owns`/`WriteOwner` from `OwnsRaw`/`WriteOwnerRaw`
//! (owner-rights ACEs and BlockOwnerImplicitRights honoured); `AdminTo`,
//! `CanRDP`, `CanPSRemote`, `ExecuteDCOM` from local groups; `DCSync` and
//! `SyncLAPSPassword` with group expansion; ADCS `EnterpriseCAFor`,
//! `IssuedSignedBy`, `TrustedForNTAuth`, `GoldenCert`, `EnrollOnBehalfOf`,
//! `ExtendedByPolicy`, `ADCSESC1`, `ADCSESC3`, `ADCSESC4`, `ADCSESC6a`,
//! `ADCSESC6b`, `ADCSESC9a`, `ADCSESC9b`, `ADCSESC10a`, `ADCSESC10b`,
//! `ADCSESC13`, `ADCSESC16`; Tier Zero. Not implemented (listed in
//! docs/import.md): GPO application edges. Also `HasTrustKeys`,
//! `ProtectAdminGroups`, `CoerceAndRelayNTLMToSMB`, `CoerceAndRelayNTLMToLDAP`,
//! `CoerceAndRelayNTLMToLDAPS` and `CoerceAndRelayNTLMToADCS`.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use super::{AdGraph, Members, NodeKind, Origin};

fn rule(r: &str) -> Origin {
    Origin {
        file: None,
        record: None,
        rule: r.to_string(),
        derived: true,
    }
}

/// Runs every implemented post-processing step, in BloodHound's order.
pub fn analyze(g: &mut AdGraph) {
    implicit_memberships(g);
    owns_and_write_owner(g);
    local_group_edges(g);
    dcsync(g);
    adcs(g);
    has_trust_keys(g);
    protect_admin_groups(g);
    gpo_applies_to(g);
    can_apply_gpo(g);
    coerce_and_relay_ntlm_to_smb(g);
    coerce_and_relay_ntlm_to_ldap(g);
    coerce_and_relay_ntlm_to_ldaps(g);
    coerce_and_relay_ntlm_to_adcs(g);
    tier_zero(g);
}

/// Domains: (node, sid, name).
fn domains(g: &AdGraph) -> Vec<(u32, String, String)> {
    g.nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Some(NodeKind::Domain))
        .map(|(i, n)| {
            (
                i as u32,
                n.objectid.clone(),
                n.name().unwrap_or(&n.objectid).to_ascii_uppercase(),
            )
        })
        .collect()
}

/// Collected domains: declared by a record (or marked `collected`).
fn collected_domains(g: &AdGraph) -> Vec<(u32, String, String)> {
    domains(g)
        .into_iter()
        .filter(|(i, _, _)| {
            let n = &g.nodes[*i as usize];
            n.origin.is_some() || n.flag("collected") == Some(true)
        })
        .collect()
}

/// A well-known principal of a domain: `<SID>-<rid>` or `<NAME>-<wellknown>`,
/// matched by object id suffix and domain.
fn well_known(g: &AdGraph, sid: &str, name: &str, suffix: &str) -> Option<u32> {
    if let Some(n) = g.find(&format!("{sid}{suffix}")) {
        return Some(n);
    }
    if let Some(n) = g.find(&format!("{name}{suffix}")) {
        return Some(n);
    }
    g.nodes
        .iter()
        .enumerate()
        .find(|(_, n)| {
            n.objectid.ends_with(suffix)
                && n.kind.is_some()
                && n.domainsid().as_deref() == Some(sid)
        })
        .map(|(i, _)| i as u32)
}

const SPECIAL_IDENTITIES: &[(&str, &str)] = &[
    ("-S-1-5-2", "NETWORK"),
    ("-S-1-5-15", "THIS ORGANIZATION"),
    ("-S-1-5-65-1", "THIS ORGANIZATION CERTIFICATE"),
    ("-S-1-18-1", "AUTHENTICATION AUTHORITY ASSERTED IDENTITY"),
    ("-S-1-18-4", "KEY TRUST"),
    ("-S-1-18-5", "MFA KEY PROPERTY"),
    ("-S-1-5-64-10", "NTLM AUTHENTICATION"),
    ("-S-1-5-64-14", "SCHANNEL AUTHENTICATION"),
];

fn group_node(g: &mut AdGraph, objectid: &str, name: &str, sid: &str) -> u32 {
    let n = g.node(objectid);
    let node = &mut g.nodes[n as usize];
    if node.kind.is_none() {
        node.kind = Some(NodeKind::Group);
    }
    node.props.remove("_weak");
    node.props.entry("name").or_insert_with(|| name.into());
    node.props
        .entry("domainsid")
        .or_insert_with(|| sid.to_string().into());
    n
}

/// Domain Users and Domain Computers are Authenticated Users, who are
/// Everyone, as is Guest; Everyone claims the special identities.
pub fn implicit_memberships(g: &mut AdGraph) {
    for (_, sid, name) in collected_domains(g) {
        let au = well_known(g, &sid, &name, "-S-1-5-11").unwrap_or_else(|| {
            group_node(
                g,
                &format!("{name}-S-1-5-11"),
                &format!("AUTHENTICATED USERS@{name}"),
                &sid,
            )
        });
        let everyone = well_known(g, &sid, &name, "-S-1-1-0").unwrap_or_else(|| {
            group_node(
                g,
                &format!("{name}-S-1-1-0"),
                &format!("EVERYONE@{name}"),
                &sid,
            )
        });
        let o = || rule("implicit membership (BloodHound PostProcessedRelationships)");
        for rid in ["-513", "-515"] {
            if let Some(n) = g.find(&format!("{sid}{rid}")) {
                g.edge(n, au, "MemberOf", Map::new(), o());
            }
        }
        g.edge(au, everyone, "MemberOf", Map::new(), o());
        if let Some(guest) = g.find(&format!("{sid}-501")) {
            g.edge(guest, everyone, "MemberOf", Map::new(), o());
        }
        for (suffix, label) in SPECIAL_IDENTITIES {
            let n = group_node(
                g,
                &format!("{name}{suffix}"),
                &format!("{label}@{name}"),
                &sid,
            );
            g.edge(
                everyone,
                n,
                "ClaimSpecialIdentity",
                Map::new(),
                rule("ClaimSpecialIdentity: anyone can claim this identity"),
            );
        }
    }
}

fn is_computer_like(g: &AdGraph, n: u32) -> bool {
    let node = &g.nodes[n as usize];
    node.kind == Some(NodeKind::Computer)
        || node.flag("gmsa") == Some(true)
        || node.flag("msa") == Some(true)
}

/// Whether the domain of `n` sets BlockOwnerImplicitRights (dSHeuristics
/// character 29 is `1`).
fn blocks_owner_rights(g: &AdGraph, n: u32, dom: &HashMap<String, u32>) -> bool {
    let Some(d) = g.nodes[n as usize].domainsid() else {
        return false;
    };
    let Some(&dn) = dom.get(&d) else {
        return false;
    };
    g.nodes[dn as usize]
        .str("dsheuristics")
        .is_some_and(|h| h.chars().nth(28) == Some('1'))
}

/// `Owns` from `OwnsRaw`, `WriteOwner` from `WriteOwnerRaw`, unless owner
/// rights are restricted on the object (then the collector's
/// `OwnsLimitedRights`/`WriteOwnerLimitedRights` stand) or the domain blocks
/// implicit owner rights on computers and the owner is not an admin.
pub fn owns_and_write_owner(g: &mut AdGraph) {
    let dom: HashMap<String, u32> = domains(g).into_iter().map(|(i, sid, _)| (sid, i)).collect();
    let raw: Vec<(u32, u32, bool)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "OwnsRaw" || &*e.kind == "WriteOwnerRaw")
        .map(|e| (e.from, e.to, &*e.kind == "OwnsRaw"))
        .collect();
    // Owners are few (admins, creators): membership is looked up once each.
    let mut admin_cache: HashMap<u32, bool> = HashMap::new();
    for (from, to, owns) in raw {
        let t = &g.nodes[to as usize];
        let blocked = is_computer_like(g, to) && blocks_owner_rights(g, to, &dom);
        if owns {
            if t.flag("doesanyacegrantownerrights") == Some(true) {
                continue;
            }
            if blocked {
                let admin = *admin_cache.entry(from).or_insert_with(|| {
                    std::iter::once(from).chain(g.groups_of(from)).any(|x| {
                        let id = &g.nodes[x as usize].objectid;
                        id.ends_with("-512") || id.ends_with("-519")
                    })
                });
                if !admin {
                    continue;
                }
            }
            g.edge(
                from,
                to,
                "Owns",
                Map::new(),
                rule("PostOwnsAndWriteOwner: owner of the object"),
            );
        } else {
            if t.flag("doesanyinheritedacegrantownerrights") == Some(true) || blocked {
                continue;
            }
            g.edge(
                from,
                to,
                "WriteOwner",
                Map::new(),
                rule("PostOwnsAndWriteOwner: may take ownership"),
            );
        }
    }
}

/// A local group's member: its node, and the file and record its membership
/// was read from.
type Member = (u32, Option<u32>, Option<usize>);

/// `AdminTo`, `CanRDP`, `CanPSRemote`, `ExecuteDCOM` for the members of a
/// computer's local Administrators (-544), Remote Desktop Users (-555),
/// Remote Management Users (-580) and Distributed COM Users (-562) groups.
/// Where the computer's user rights were collected, CanRDP also needs the
/// RemoteInteractiveLogonRight (held directly, or by the RDP group itself).
pub fn local_group_edges(g: &mut AdGraph) {
    // Each member with where its membership was read (file, record), so the
    // derived edge names the collector record it comes from.
    let mut members: HashMap<u32, Vec<Member>> = HashMap::new();
    let mut computer_of: Vec<(u32, u32)> = Vec::new();
    let mut ril: HashMap<u32, HashSet<u32>> = HashMap::new();
    for e in &g.edges {
        match &*e.kind {
            "MemberOfLocalGroup" => {
                members
                    .entry(e.to)
                    .or_default()
                    .push((e.from, e.origin.file, e.origin.record))
            }
            "LocalToComputer" => computer_of.push((e.from, e.to)),
            "RemoteInteractiveLogonRight" => {
                ril.entry(e.to).or_default().insert(e.from);
            }
            _ => {}
        }
    }
    // A computer with two groups of the same RID (a DC: the domain's
    // BUILTIN group it collected, and `<SID>-544` set by a GPO) uses the
    // collected one, as BloodHound's lookup by SID suffix does.
    let collected: HashSet<(u32, String)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "LocalToComputer" && e.origin.rule != "GPOChanges")
        .filter_map(|e| {
            let id = &g.nodes[e.from as usize].objectid;
            id.rfind('-').map(|i| (e.to, id[i..].to_string()))
        })
        .collect();
    let gpo_links: HashSet<(u32, u32)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "LocalToComputer" && e.origin.rule == "GPOChanges")
        .map(|e| (e.from, e.to))
        .collect();
    for (lg, computer) in computer_of {
        let id = g.nodes[lg as usize].objectid.clone();
        let from_gpo = gpo_links.contains(&(lg, computer));
        if from_gpo
            && let Some(i) = id.rfind('-')
            && collected.contains(&(computer, id[i..].to_string()))
        {
            continue;
        }
        let kind = if id.ends_with("-544") {
            "AdminTo"
        } else if id.ends_with("-555") {
            "CanRDP"
        } else if id.ends_with("-580") {
            "CanPSRemote"
        } else if id.ends_with("-562") {
            "ExecuteDCOM"
        } else {
            continue;
        };
        let ura = g.nodes[computer as usize].flag("hasura") == Some(true);
        for &(m, file, record) in members.get(&lg).map(Vec::as_slice).unwrap_or(&[]) {
            if kind == "CanRDP" && ura {
                let holders = ril.get(&computer);
                let ok = holders.is_some_and(|h| h.contains(&lg) || h.contains(&m));
                if !ok {
                    continue;
                }
            }
            g.edge(
                m,
                computer,
                kind,
                Map::new(),
                Origin {
                    file,
                    record,
                    rule: format!("local group {} of {}", g.label(lg), g.label(computer)),
                    derived: true,
                },
            );
        }
    }
}

/// Whether `n` is Authenticated Users or Everyone.
fn is_shortcut_group(g: &AdGraph, n: u32) -> bool {
    let id = &g.nodes[n as usize].objectid;
    id.ends_with("-S-1-5-11") || id.ends_with("-S-1-1-0")
}

/// Principals that hold every right of `sets` (each the list of first-degree
/// holders), through group membership, as BloodHound's
/// `CalculateCrossProductNodeSets` computes them: a set held by
/// Authenticated Users or Everyone (directly or through a group they are in)
/// constrains nothing; first-degree holders of the first set that qualify
/// are kept; otherwise the members of the first set's groups are tried,
/// smallest group first, and a qualifying group stands for its members (who
/// reach the target through MemberOf).
pub fn cover(g: &AdGraph, members: &Members, sets: &[Vec<u32>]) -> BTreeSet<u32> {
    let mut first_degree: Vec<BTreeSet<u32>> = Vec::new();
    let mut unrolled: Vec<HashSet<u32>> = Vec::new();
    for s in sets {
        let mut excluded = false;
        let mut un: HashSet<u32> = HashSet::new();
        for &x in s {
            un.insert(x);
            if is_shortcut_group(g, x) {
                excluded = true;
                break;
            }
            let m = members.of(x);
            if m.iter().any(|&y| is_shortcut_group(g, y)) {
                excluded = true;
                break;
            }
            un.extend(m.iter().copied());
        }
        if !excluded {
            unrolled.push(un);
            first_degree.push(s.iter().copied().collect());
        }
    }
    match first_degree.len() {
        0 => return sets.iter().flatten().copied().collect(),
        1 => return first_degree.remove(0),
        _ => {}
    }
    let mut check: HashSet<u32> = unrolled[1].clone();
    for u in &unrolled[2..] {
        check.retain(|x| u.contains(x));
    }
    let mut result = BTreeSet::new();
    let mut reference: HashSet<u32> = HashSet::new();
    for &x in &first_degree[0] {
        if check.contains(&x) {
            result.insert(x);
        } else {
            reference.extend(members.of(x).iter().copied());
        }
    }
    let mut groups: Vec<(usize, u32)> = reference
        .iter()
        .map(|&x| (members.of(x).len(), x))
        .filter(|(n, _)| *n > 0)
        .collect();
    groups.sort();
    for (_, grp) in groups {
        if !reference.contains(&grp) {
            continue;
        }
        reference.remove(&grp);
        if check.contains(&grp) {
            result.insert(grp);
            for &m in members.of(grp).iter() {
                if !reference.remove(&m) {
                    reference.insert(m);
                }
            }
        }
    }
    for x in reference {
        if check.contains(&x) {
            result.insert(x);
        }
    }
    result
}

/// The certificate templates published to the enterprise CA `ca`
/// (`PublishedTo` edges), sorted, each once.
fn published_templates(g: &AdGraph, ca: u32) -> Vec<u32> {
    let mut templates: Vec<u32> = g
        .edges
        .iter()
        .filter(|x| x.to == ca && &*x.kind == "PublishedTo")
        .map(|x| x.from)
        .collect();
    templates.sort_unstable();
    templates.dedup();
    templates
}

fn holders(g: &AdGraph, target: u32, kinds: &[&str]) -> Vec<u32> {
    let mut v: Vec<u32> = g
        .edges
        .iter()
        .filter(|e| e.to == target && kinds.contains(&&*e.kind))
        .map(|e| e.from)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `DCSync` (GetChanges + GetChangesAll) and `SyncLAPSPassword`
/// (GetChanges + GetChangesInFilteredSet) on each domain, with group
/// expansion (BloodHound PostDCSync / PostSyncLAPSPassword).
pub fn dcsync(g: &mut AdGraph) {
    let members = g.member_index();
    let mut add = Vec::new();
    for (d, _, _) in domains(g) {
        let gc = holders(g, d, &["GetChanges"]);
        if gc.is_empty() {
            continue;
        }
        let gca = holders(g, d, &["GetChangesAll"]);
        let gcf = holders(g, d, &["GetChangesInFilteredSet"]);
        for p in cover(g, &members, &[gc.clone(), gca]) {
            add.push((
                p,
                d,
                "DCSync",
                "PostDCSync: GetChanges + GetChangesAll, through group membership",
            ));
        }
        let sid = g.nodes[d as usize].objectid.clone();
        let laps: Vec<u32> = (0..g.nodes.len() as u32)
            .filter(|&c| {
                let n = &g.nodes[c as usize];
                n.kind == Some(NodeKind::Computer)
                    && n.flag("haslaps") == Some(true)
                    && n.domainsid().as_deref() == Some(sid.as_str())
            })
            .collect();
        if laps.is_empty() {
            continue;
        }
        for p in cover(g, &members, &[gc, gcf]) {
            for &c in &laps {
                add.push((
                    p,
                    c,
                    "SyncLAPSPassword",
                    "PostSyncLAPSPassword: GetChanges + GetChangesInFilteredSet, through group membership; reads the LAPS password",
                ));
            }
        }
    }
    for (p, d, k, r) in add {
        g.edge(p, d, k, Map::new(), rule(r));
    }
}

fn nodes_of(g: &AdGraph, kind: NodeKind) -> Vec<u32> {
    (0..g.nodes.len() as u32)
        .filter(|&i| g.nodes[i as usize].kind == Some(kind))
        .collect()
}

fn thumb(g: &AdGraph, n: u32) -> Option<String> {
    g.nodes[n as usize]
        .str("certthumbprint")
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
}

fn out_edges(g: &AdGraph, from: u32, kind: &str) -> Vec<u32> {
    g.edges
        .iter()
        .filter(|e| e.from == from && &*e.kind == kind)
        .map(|e| e.to)
        .collect()
}

const CERT_REQUEST_AGENT: &str = "1.3.6.1.4.1.311.20.2.1";
const ANY_PURPOSE: &str = "2.5.29.37.0";

/// `ExtendedByPolicy`: a certificate template → each issuance policy of its
/// domain whose certificate-template OID the template lists in its
/// certificate policies (BloodHound PostExtendedByPolicyBinding).
pub fn extended_by_policy(g: &mut AdGraph) {
    let mut by_oid: HashMap<(String, String), Vec<u32>> = HashMap::new();
    for p in nodes_of(g, NodeKind::IssuancePolicy) {
        let n = &g.nodes[p as usize];
        if let (Some(oid), Some(d)) = (n.str("certtemplateoid"), n.domainsid()) {
            by_oid
                .entry((oid.trim().to_string(), d))
                .or_default()
                .push(p);
        }
    }
    let mut add = Vec::new();
    for t in nodes_of(g, NodeKind::CertTemplate) {
        let n = &g.nodes[t as usize];
        let Some(d) = n.domainsid() else { continue };
        for oid in n.strings("certificatepolicy") {
            for &p in by_oid
                .get(&(oid.trim().to_string(), d.clone()))
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                add.push((t, p));
            }
        }
    }
    for (t, p) in add {
        g.edge(
            t,
            p,
            "ExtendedByPolicy",
            Map::new(),
            rule("PostExtendedByPolicyBinding: the template lists the policy's OID"),
        );
    }
}

/// Domains each enterprise CA can issue logon certificates for: a chain to a
/// root CA of the domain (`IssuedSignedBy`/`EnterpriseCAFor` … `RootCAFor`),
/// and trusted by the domain's NTAuth store (`TrustedForNTAuth` →
/// `NTAuthStoreFor`). Keyed by CA node; domains sorted.
fn enterprise_ca_domains(g: &AdGraph, ecas: &[u32]) -> HashMap<u32, Vec<u32>> {
    let mut eca_domains: HashMap<u32, Vec<u32>> = HashMap::new();
    for &e in ecas {
        let mut root_domains: HashSet<u32> = HashSet::new();
        let mut stack = vec![e];
        let mut seen = HashSet::new();
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            for r in out_edges(g, x, "RootCAFor") {
                root_domains.insert(r);
            }
            stack.extend(out_edges(g, x, "IssuedSignedBy"));
            stack.extend(out_edges(g, x, "EnterpriseCAFor"));
        }
        let ntauth: HashSet<u32> = out_edges(g, e, "TrustedForNTAuth")
            .into_iter()
            .flat_map(|s| out_edges(g, s, "NTAuthStoreFor"))
            .collect();
        let mut v: Vec<u32> = root_domains.intersection(&ntauth).copied().collect();
        v.sort();
        eca_domains.insert(e, v);
    }
    eca_domains
}

/// ADCS: the CA hierarchy edges, then GoldenCert, ESC1 and EnrollOnBehalfOf.
pub fn adcs(g: &mut AdGraph) {
    extended_by_policy(g);
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let roots = nodes_of(g, NodeKind::RootCa);
    let aias = nodes_of(g, NodeKind::AiaCa);
    let stores = nodes_of(g, NodeKind::NtAuthStore);
    let mut add: Vec<(u32, u32, &str, String)> = Vec::new();
    // EnterpriseCAFor: same certificate.
    for &e in &ecas {
        let Some(t) = thumb(g, e) else { continue };
        for &r in roots.iter().chain(&aias) {
            if thumb(g, r).as_deref() == Some(&t) {
                add.push((
                    e,
                    r,
                    "EnterpriseCAFor",
                    "PostEnterpriseCAFor: same certificate".into(),
                ));
            }
        }
        for &s in &stores {
            let listed = g.nodes[s as usize]
                .strings("certthumbprints")
                .iter()
                .any(|x| x.trim().eq_ignore_ascii_case(&t));
            if listed {
                add.push((
                    e,
                    s,
                    "TrustedForNTAuth",
                    "PostTrustedForNTAuth: the CA's certificate is in the NTAuth store".into(),
                ));
            }
        }
    }
    // IssuedSignedBy: the second certificate of a CA's chain is its issuer.
    for &c in ecas.iter().chain(&roots).chain(&aias) {
        let chain = g.nodes[c as usize].strings("certchain");
        let Some(issuer) = chain.get(1).map(|s| s.trim().to_ascii_uppercase()) else {
            continue;
        };
        for &r in ecas.iter().chain(&roots).chain(&aias) {
            if r != c && thumb(g, r).as_deref() == Some(&issuer) {
                add.push((
                    c,
                    r,
                    "IssuedSignedBy",
                    "PostIssuedSignedBy: certificate chain".into(),
                ));
            }
        }
    }
    for (a, b, k, r) in add.drain(..) {
        g.edge(a, b, k, Map::new(), rule(&r));
    }
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let members = g.member_index();
    let mut add: Vec<(u32, u32, &str, String)> = Vec::new();
    for &e in &ecas {
        let doms = eca_domains.get(&e).cloned().unwrap_or_default();
        if doms.is_empty() {
            let published = g
                .edges
                .iter()
                .any(|x| x.to == e && &*x.kind == "PublishedTo");
            if published {
                g.notes.push(format!(
                    "enterprise CA {}: no root CA (RootCAFor) and NTAuth store (NTAuthStoreFor, \
                     TrustedForNTAuth) tie it to a domain in this collection (rootcas.json, \
                     ntauthstores.json missing or without its certificate): as in BloodHound, its \
                     templates give no ADCSESC1/GoldenCert edge",
                    g.label(e)
                ));
            }
            continue;
        }
        for host in g
            .edges
            .iter()
            .filter(|x| x.to == e && &*x.kind == "HostsCAService")
            .map(|x| x.from)
            .collect::<Vec<_>>()
        {
            for &d in &doms {
                add.push((
                    host,
                    d,
                    "GoldenCert",
                    format!("PostGoldenCert: hosts enterprise CA {}", g.label(e)),
                ));
            }
        }
        let ca_enrollers = holders(g, e, &["Enroll"]);
        let templates: Vec<u32> = g
            .edges
            .iter()
            .filter(|x| x.to == e && &*x.kind == "PublishedTo")
            .map(|x| x.from)
            .collect();
        for &t in &templates {
            let tn = &g.nodes[t as usize];
            let schema = tn.int("schemaversion").unwrap_or(1);
            let esc1 = tn.flag("requiresmanagerapproval") == Some(false)
                && tn.flag("authenticationenabled") == Some(true)
                && tn.flag("enrolleesuppliessubject") == Some(true)
                && (schema == 1 || tn.int("authorizedsignatures").unwrap_or(0) == 0);
            if esc1 {
                let t_enrollers = holders(g, t, &["Enroll", "GenericAll", "AllExtendedRights"]);
                for p in cover(g, &members, &[t_enrollers, ca_enrollers.clone()]) {
                    for &d in &doms {
                        add.push((
                            p,
                            d,
                            "ADCSESC1",
                            format!(
                                "PostADCSESC1: enrolls in {} (enrollee supplies subject, client authentication) on {}",
                                g.label(t),
                                g.label(e)
                            ),
                        ));
                    }
                }
            }
        }
        // ADCSESC13: enrolling gives a certificate whose issuance policy is
        // linked to a group (ExtendedByPolicy → IssuancePolicy → OIDGroupLink).
        for &t in &templates {
            let tn = &g.nodes[t as usize];
            let schema = tn.int("schemaversion").unwrap_or(1);
            let esc13 = tn.flag("requiresmanagerapproval") == Some(false)
                && tn.flag("authenticationenabled") == Some(true)
                && (schema == 1 || tn.int("authorizedsignatures").unwrap_or(0) == 0);
            if !esc13 {
                continue;
            }
            let mut linked: Vec<u32> = out_edges(g, t, "ExtendedByPolicy")
                .into_iter()
                .flat_map(|p| out_edges(g, p, "OIDGroupLink"))
                .collect();
            linked.sort();
            linked.dedup();
            if linked.is_empty() {
                continue;
            }
            let t_enrollers = holders(g, t, &["Enroll", "GenericAll", "AllExtendedRights"]);
            for p in cover(g, &members, &[t_enrollers, ca_enrollers.clone()]) {
                for &grp in &linked {
                    add.push((
                        p,
                        grp,
                        "ADCSESC13",
                        format!(
                            "PostADCSESC13: enrolls in {} on {}; its issuance policy is linked to {}",
                            g.label(t),
                            g.label(e),
                            g.label(grp)
                        ),
                    ));
                }
            }
        }
        // EnrollOnBehalfOf between templates published to the same CA.
        for &a in &templates {
            let an = &g.nodes[a as usize];
            let ekus = an.strings("effectiveekus");
            let agent = ekus.is_empty()
                || ekus
                    .iter()
                    .any(|x| x == CERT_REQUEST_AGENT || x == ANY_PURPOSE);
            if !agent || an.int("schemaversion").unwrap_or(1) > 1 && ekus.is_empty() {
                continue;
            }
            for &b in &templates {
                let bn = &g.nodes[b as usize];
                let schema = bn.int("schemaversion").unwrap_or(1);
                let ok = schema == 1
                    || (bn.int("authorizedsignatures") == Some(1)
                        && bn
                            .strings("applicationpolicies")
                            .iter()
                            .any(|x| x == CERT_REQUEST_AGENT));
                if ok {
                    add.push((
                        a,
                        b,
                        "EnrollOnBehalfOf",
                        format!("PostEnrollOnBehalfOf: both published to {}", g.label(e)),
                    ));
                }
            }
        }
    }
    for (a, b, k, r) in add {
        g.edge(a, b, k, Map::new(), rule(&r));
    }
    adcs_esc3(g);
    adcs_esc4(g);
    adcs_esc6a(g);
    adcs_esc6b(g);
    adcs_esc9a(g);
    adcs_esc9b(g);
    adcs_esc10a(g);
    adcs_esc10b(g);
    adcs_esc16(g);
}

fn template_enrollers(g: &AdGraph, t: u32) -> Vec<u32> {
    holders(g, t, &["Enroll", "GenericAll", "AllExtendedRights"])
}

/// `ADCSESC3` (BloodHound PostADCSESC3): for each `EnrollOnBehalfOf` edge
/// from template 1 (the enrollment-agent certificate: no manager approval,
/// schema 1 or no authorized signatures) to template 2 (authentication
/// enabled, no manager approval) published to an enterprise CA that can
/// issue logon certificates for a domain, the principals that may enroll in
/// both templates and on a CA of each (the same group expansion as ESC1)
/// get `ADCSESC3` to that domain. Where that CA collected enrollment-agent
/// restrictions and has some, only the delegated agents of template 2
/// (`DelegatedEnrollmentAgent`) among them qualify. A user does not qualify
/// when template 2 requires a DNS name in the subject alternative name.
pub fn adcs_esc3(g: &mut AdGraph) {
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let members = g.member_index();
    let eobo: Vec<(u32, u32)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "EnrollOnBehalfOf")
        .map(|e| (e.from, e.to))
        .collect();
    let published = |t: u32| -> Vec<u32> {
        let mut v = out_edges(g, t, "PublishedTo");
        v.sort();
        v.dedup();
        v
    };
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for (t1, t2) in eobo {
        let n1 = &g.nodes[t1 as usize];
        let n2 = &g.nodes[t2 as usize];
        let schema1 = n1.int("schemaversion").unwrap_or(1);
        let start_ok = n1.flag("requiresmanagerapproval") == Some(false)
            && (schema1 == 1 || n1.int("authorizedsignatures").unwrap_or(0) == 0);
        let end_ok = n2.flag("requiresmanagerapproval") == Some(false)
            && n2.flag("authenticationenabled") == Some(true);
        if !start_ok || !end_ok {
            continue;
        }
        let requires_dns = n2.flag("subjectaltrequiredns") == Some(true)
            || n2.flag("subjectaltrequiredomaindns") == Some(true);
        let (e1, e2) = (template_enrollers(g, t1), template_enrollers(g, t2));
        for eca2 in published(t2) {
            let doms = eca_domains.get(&eca2).cloned().unwrap_or_default();
            let eca2_enrollers = holders(g, eca2, &["Enroll"]);
            if doms.is_empty() || eca2_enrollers.is_empty() {
                continue;
            }
            let ca = &g.nodes[eca2 as usize];
            let restricted = ca.flag("enrollmentagentrestrictionscollected") == Some(true)
                && ca.flag("hasenrollmentagentrestrictions") == Some(true);
            for eca1 in published(t1) {
                let sets = [
                    e1.clone(),
                    e2.clone(),
                    holders(g, eca1, &["Enroll"]),
                    eca2_enrollers.clone(),
                ];
                let mut result = cover(g, &members, &sets);
                if restricted {
                    let agents = holders(g, t2, &["DelegatedEnrollmentAgent"]);
                    result = cover(g, &members, &[result.into_iter().collect(), agents]);
                }
                for p in result {
                    if requires_dns && g.nodes[p as usize].kind == Some(NodeKind::User) {
                        continue;
                    }
                    for &d in &doms {
                        add.push((
                            p,
                            d,
                            format!(
                                "PostADCSESC3: enrollment agent through {} on {}, then on behalf of anyone through {} on {}",
                                g.label(t1),
                                g.label(eca1),
                                g.label(t2),
                                g.label(eca2)
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (p, d, r) in add {
        g.edge(p, d, "ADCSESC3", Map::new(), rule(&r));
    }
}

/// `ADCSESC4` (BloodHound PostADCSESC4): principals who can rewrite a
/// template published to an enterprise CA that can issue logon certificates
/// for a domain, and enroll on that CA, get `ADCSESC4` to the domain. Any of
/// `GenericAll`, `Owns`, `WriteOwner`, `WriteDacl` on the template suffices;
/// `GenericWrite` with enrollment on the template too. The PKI flag rights
/// need enrollment on the template, a template with authentication enabled
/// and schema 1 or no authorized signatures, and must cover what the
/// template lacks: `WritePKINameFlag` when the enrollee may not supply the
/// subject, `WritePKIEnrollmentFlag` when manager approval is required (one
/// of them when neither is needed). Each combination uses the same group
/// expansion as ESC1.
pub fn adcs_esc4(g: &mut AdGraph) {
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for &e in &ecas {
        let doms = eca_domains.get(&e).cloned().unwrap_or_default();
        if doms.is_empty() {
            continue;
        }
        let ca_enrollers = holders(g, e, &["Enroll"]);
        let templates = published_templates(g, e);
        for t in templates {
            let tn = &g.nodes[t as usize];
            let schema = tn.int("schemaversion").unwrap_or(1);
            let flags_usable = tn.flag("authenticationenabled") == Some(true)
                && (schema == 1 || tn.int("authorizedsignatures").unwrap_or(0) == 0);
            let supplies_subject = tn.flag("enrolleesuppliessubject") == Some(true);
            let approval = tn.flag("requiresmanagerapproval") == Some(true);
            let enrollers = template_enrollers(g, t);
            let name_flag = holders(g, t, &["WritePKINameFlag"]);
            let enroll_flag = holders(g, t, &["WritePKIEnrollmentFlag"]);
            let mut combos: Vec<Vec<Vec<u32>>> = vec![
                vec![
                    holders(g, t, &["GenericAll", "Owns", "WriteOwner", "WriteDacl"]),
                    ca_enrollers.clone(),
                ],
                vec![
                    holders(g, t, &["GenericWrite"]),
                    enrollers.clone(),
                    ca_enrollers.clone(),
                ],
            ];
            if flags_usable {
                let rights: Vec<Vec<u32>> = match (supplies_subject, approval) {
                    (true, false) => {
                        let mut v = name_flag.clone();
                        v.extend(&enroll_flag);
                        v.sort();
                        v.dedup();
                        vec![v]
                    }
                    (true, true) => vec![enroll_flag.clone()],
                    (false, false) => vec![name_flag.clone()],
                    (false, true) => vec![name_flag.clone(), enroll_flag.clone()],
                };
                let mut sets = rights;
                sets.push(enrollers.clone());
                sets.push(ca_enrollers.clone());
                combos.push(sets);
            }
            let mut result: BTreeSet<u32> = BTreeSet::new();
            for sets in combos {
                if sets.iter().any(Vec::is_empty) {
                    continue;
                }
                result.extend(cover(g, &members, &sets));
            }
            for p in result {
                for &d in &doms {
                    add.push((
                        p,
                        d,
                        format!(
                            "PostADCSESC4: may rewrite template {} and enroll on {}",
                            g.label(t),
                            g.label(e)
                        ),
                    ));
                }
            }
        }
    }
    for (p, d, r) in add {
        g.edge(p, d, "ADCSESC4", Map::new(), rule(&r));
    }
}

/// Domain controllers (`DCFor`) of `d` or of a domain reached from it over
/// `SameForestTrust` edges (the forest `d` is in).
fn forest_dcs(g: &AdGraph, d: u32) -> Vec<u32> {
    let seen = forest_of(g, d);
    let mut dcs: Vec<u32> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "DCFor" && seen.contains(&e.to))
        .map(|e| e.from)
        .collect();
    dcs.sort();
    dcs.dedup();
    dcs
}

/// Whether a DC maps certificates by UPN over Schannel:
/// `certificatemappingmethodsraw` collected (not -1) with the UPN bit 0x4.
fn dc_maps_upn(g: &AdGraph, dc: u32) -> bool {
    g.nodes[dc as usize]
        .int("certificatemappingmethodsraw")
        .is_some_and(|m| m >= 0 && m & 0x4 != 0)
}

/// One way to enroll that an escalation may use: an enterprise CA, a
/// template published to it, the domains the CA issues logon certificates
/// for, and the principals that enroll on both (ESC1's group expansion).
struct Enrollment {
    ca: u32,
    template: u32,
    domains: Vec<u32>,
    enrollers: BTreeSet<u32>,
}

/// Every [`Enrollment`] through an enterprise CA that passes `ca_ok` and
/// issues for at least one domain that passes `domain_ok` (only those
/// domains are kept), of a template published to it that passes
/// `template_ok`. The walk [`template_escalation`] and
/// [`victim_escalation`] share.
fn enrollments(
    g: &AdGraph,
    members: &Members,
    ca_ok: &dyn Fn(&AdGraph, u32) -> bool,
    template_ok: &dyn Fn(&AdGraph, u32) -> bool,
    domain_ok: &dyn Fn(&AdGraph, u32) -> bool,
) -> Vec<Enrollment> {
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let mut out = Vec::new();
    for &e in &ecas {
        if !ca_ok(g, e) {
            continue;
        }
        let domains: Vec<u32> = eca_domains
            .get(&e)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&d| domain_ok(g, d))
            .collect();
        if domains.is_empty() {
            continue;
        }
        let ca_enrollers = holders(g, e, &["Enroll"]);
        for t in published_templates(g, e) {
            if !template_ok(g, t) {
                continue;
            }
            let sets = [template_enrollers(g, t), ca_enrollers.clone()];
            out.push(Enrollment {
                ca: e,
                template: t,
                domains: domains.clone(),
                enrollers: cover(g, members, &sets),
            });
        }
    }
    out
}

/// One template-based escalation: for each enterprise CA that can issue
/// logon certificates for a domain and passes `ca_ok`, each template
/// published to it that passes `template_ok`, the principals that enroll on
/// both (ESC1's group expansion) get `kind` to each such domain that passes
/// `domain_ok`.
fn template_escalation(
    g: &mut AdGraph,
    kind: &'static str,
    ca_ok: &dyn Fn(&AdGraph, u32) -> bool,
    template_ok: &dyn Fn(&AdGraph, u32) -> bool,
    domain_ok: &dyn Fn(&AdGraph, u32) -> bool,
    why: &str,
) {
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for en in enrollments(g, &members, ca_ok, template_ok, domain_ok) {
        let r = format!(
            "{why}: enrolls in {} on {}",
            g.label(en.template),
            g.label(en.ca)
        );
        for &p in &en.enrollers {
            for &d in &en.domains {
                add.push((p, d, r.clone()));
            }
        }
    }
    for (p, d, r) in add {
        g.edge(p, d, kind, Map::new(), rule(&r));
    }
}

/// Rights on a victim account that let an attacker rewrite its UPN or
/// dNSHostName (ESC9/ESC10).
const VICTIM_CONTROL: &[&str] = &[
    "GenericAll",
    "GenericWrite",
    "WriteDacl",
    "WriteOwner",
    "Owns",
];

/// One victim-based escalation (ESC9, ESC10): as [`template_escalation`],
/// but the enrolling principals (groups expanded to their members) that
/// pass `victim_ok(template, principal)` are victims, and whoever holds
/// [`VICTIM_CONTROL`] on a victim gets `kind` to the domain.
fn victim_escalation(
    g: &mut AdGraph,
    kind: &'static str,
    template_ok: &dyn Fn(&AdGraph, u32) -> bool,
    victim_ok: &dyn Fn(&AdGraph, u32, u32) -> bool,
    domain_ok: &dyn Fn(&AdGraph, u32) -> bool,
    why: &str,
) {
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for en in enrollments(g, &members, &|_, _| true, template_ok, domain_ok) {
        let mut victims: BTreeSet<u32> = BTreeSet::new();
        for &p in &en.enrollers {
            victims.insert(p);
            victims.extend(members.of(p).iter().copied());
        }
        for v in victims {
            if !victim_ok(g, en.template, v) {
                continue;
            }
            let r = format!(
                "{why}: controls {}, who enrolls in {} on {}",
                g.label(v),
                g.label(en.template),
                g.label(en.ca)
            );
            for a in holders(g, v, VICTIM_CONTROL) {
                for &d in &en.domains {
                    add.push((a, d, r.clone()));
                }
            }
        }
    }
    for (p, d, r) in add {
        g.edge(p, d, kind, Map::new(), rule(&r));
    }
}

/// Whether a DC's Kerberos strong certificate binding is not enforced:
/// `strongcertificatebindingenforcementraw` 0 or 1, or -1 (the registry
/// value is absent; BloodHound's ESC9 tests count it as not enforced). A DC
/// without the property (not collected) does not count.
fn dc_weak_binding(g: &AdGraph, dc: u32) -> bool {
    g.nodes[dc as usize]
        .int("strongcertificatebindingenforcementraw")
        .is_some_and(|v| (-1..=1).contains(&v))
}

/// A victim for ESC9a/ESC10a: a computer, or a user when the template does
/// not require a DNS name (a user has none; BloodHound filters such users
/// as in ESC3).
fn user_or_computer_victim(g: &AdGraph, t: u32, v: u32) -> bool {
    let n = &g.nodes[t as usize];
    match g.nodes[v as usize].kind {
        Some(NodeKind::Computer) => true,
        Some(NodeKind::User) => {
            n.flag("subjectaltrequiredns") != Some(true)
                && n.flag("subjectaltrequiredomaindns") != Some(true)
        }
        _ => false,
    }
}

/// A victim for ESC9b/ESC10b: a computer.
fn computer_victim(g: &AdGraph, _t: u32, v: u32) -> bool {
    g.nodes[v as usize].kind == Some(NodeKind::Computer)
}

/// Authentication enabled, no security extension, unattended.
fn template_esc9(g: &AdGraph, t: u32) -> bool {
    let n = &g.nodes[t as usize];
    template_unattended(g, t)
        && n.flag("authenticationenabled") == Some(true)
        && n.flag("nosecurityextension") == Some(true)
}

/// `ADCSESC9a` (BloodHound PostADCSESC9a): control of a user (not when the
/// template requires a DNS name) or computer who can enroll in a template (no manager approval, schema 1 or no authorized
/// signatures, authentication enabled, no security extension, UPN or SPN
/// required in the SAN) on a CA that can issue logon certificates for a
/// domain whose forest has a DC without strong certificate binding
/// enforcement (`strongcertificatebindingenforcementraw` -1, 0 or 1).
pub fn adcs_esc9a(g: &mut AdGraph) {
    victim_escalation(
        g,
        "ADCSESC9a",
        &|g, t| {
            let n = &g.nodes[t as usize];
            template_esc9(g, t)
                && (n.flag("subjectaltrequireupn") == Some(true)
                    || n.flag("subjectaltrequirespn") == Some(true))
        },
        &user_or_computer_victim,
        &|g, d| {
            forest_dcs(g, d)
                .into_iter()
                .any(|dc| dc_weak_binding(g, dc))
        },
        "PostADCSESC9a",
    );
}

/// `ADCSESC9b` (BloodHound PostADCSESC9b): as ESC9a, for a computer victim
/// and a template that requires a DNS name in the SAN
/// (`subjectaltrequiredns`; the domain DNS flag alone does not do).
pub fn adcs_esc9b(g: &mut AdGraph) {
    victim_escalation(
        g,
        "ADCSESC9b",
        &|g, t| {
            let n = &g.nodes[t as usize];
            template_esc9(g, t) && n.flag("subjectaltrequiredns") == Some(true)
        },
        &computer_victim,
        &|g, d| {
            forest_dcs(g, d)
                .into_iter()
                .any(|dc| dc_weak_binding(g, dc))
        },
        "PostADCSESC9b",
    );
}

/// Authentication or Schannel authentication enabled, unattended.
fn template_esc10(g: &AdGraph, t: u32) -> bool {
    let n = &g.nodes[t as usize];
    template_unattended(g, t)
        && (n.flag("authenticationenabled") == Some(true)
            || n.flag("schannelauthenticationenabled") == Some(true))
}

/// `ADCSESC10a` (BloodHound PostADCSESC10a): control of a user (not when
/// the template requires a DNS name) or computer who can enroll in a
/// template (no manager approval, schema 1 or no authorized signatures,
/// authentication or Schannel authentication enabled, UPN or SPN required
/// in the SAN) on a CA that can issue logon certificates for a domain whose
/// forest has a DC mapping certificates by UPN over Schannel
/// (`certificatemappingmethodsraw` bit 0x4).
pub fn adcs_esc10a(g: &mut AdGraph) {
    victim_escalation(
        g,
        "ADCSESC10a",
        &|g, t| {
            let n = &g.nodes[t as usize];
            template_esc10(g, t)
                && (n.flag("subjectaltrequireupn") == Some(true)
                    || n.flag("subjectaltrequirespn") == Some(true))
        },
        &user_or_computer_victim,
        &|g, d| forest_dcs(g, d).into_iter().any(|dc| dc_maps_upn(g, dc)),
        "PostADCSESC10a",
    );
}

/// `ADCSESC10b` (BloodHound PostADCSESC10b): as ESC10a, for a computer
/// victim and a template that requires a DNS name in the SAN
/// (`subjectaltrequiredns`).
pub fn adcs_esc10b(g: &mut AdGraph) {
    victim_escalation(
        g,
        "ADCSESC10b",
        &|g, t| {
            template_esc10(g, t) && g.nodes[t as usize].flag("subjectaltrequiredns") == Some(true)
        },
        &computer_victim,
        &|g, d| forest_dcs(g, d).into_iter().any(|dc| dc_maps_upn(g, dc)),
        "PostADCSESC10b",
    );
}

/// The certificate SID security extension (szOID_NTDS_CA_SECURITY_EXT).
const SID_SECURITY_EXTENSION: &str = "1.3.6.1.4.1.311.25.2";

/// ESC16's template rule (BloodHound `isCertTemplateValidForESC16`):
/// authentication enabled, no manager approval, and schema 1, or schema 2
/// or later with no authorized signatures; a property that is absent makes
/// the template not qualify.
fn template_esc16(g: &AdGraph, t: u32) -> bool {
    let n = &g.nodes[t as usize];
    let (Some(schema), Some(auth), Some(approval)) = (
        n.int("schemaversion"),
        n.flag("authenticationenabled"),
        n.flag("requiresmanagerapproval"),
    ) else {
        return false;
    };
    auth && !approval
        && match schema {
            1 => true,
            s if s >= 2 => n.int("authorizedsignatures") == Some(0),
            _ => false,
        }
}

/// The domains in `d`'s forest: `d` and those reached over
/// `SameForestTrust`.
fn forest_of(g: &AdGraph, d: u32) -> HashSet<u32> {
    let mut seen: HashSet<u32> = HashSet::new();
    let mut stack = vec![d];
    while let Some(x) = stack.pop() {
        if seen.insert(x) {
            stack.extend(out_edges(g, x, "SameForestTrust"));
        }
    }
    seen
}

/// `ADCSESC16` (BloodHound PostADCSESC16, 2026 upstream): an enterprise CA
/// that can issue logon certificates for a domain, has the SID security
/// extension in its collected disabled extensions and lets the requester
/// specify a SAN (collected), hosted (`HostsCAService`) on an enabled
/// computer of the domain's forest; principals that enroll on it and on a
/// published template passing [`template_esc16`] (ESC1's group expansion)
/// get `ADCSESC16` to the domain — a user only when the template requires
/// no DNS name, unless it is a (group) managed service account.
pub fn adcs_esc16(g: &mut AdGraph) {
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for &e in &ecas {
        let ca = &g.nodes[e as usize];
        let extension_off = ca.flag("disabledextensionscollected") == Some(true)
            && ca
                .strings("disabledextensions")
                .iter()
                .any(|x| x.trim() == SID_SECURITY_EXTENSION);
        if !extension_off || !ca_user_specifies_san(g, e) {
            continue;
        }
        let hosts: Vec<u32> = g
            .edges
            .iter()
            .filter(|x| x.to == e && &*x.kind == "HostsCAService")
            .map(|x| x.from)
            .filter(|&h| g.nodes[h as usize].flag("enabled") == Some(true))
            .collect();
        let doms: Vec<u32> = eca_domains
            .get(&e)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&d| {
                let forest = forest_of(g, d);
                hosts.iter().any(|&h| {
                    g.nodes[h as usize]
                        .domainsid()
                        .and_then(|sid| g.find(&sid))
                        .is_some_and(|hd| forest.contains(&hd))
                })
            })
            .collect();
        if doms.is_empty() {
            continue;
        }
        let ca_enrollers = holders(g, e, &["Enroll"]);
        let templates = published_templates(g, e);
        for t in templates {
            if !template_esc16(g, t) {
                continue;
            }
            let tn = &g.nodes[t as usize];
            let needs_dns = tn.flag("subjectaltrequiredns") == Some(true)
                || tn.flag("subjectaltrequiredomaindns") == Some(true);
            for p in cover(
                g,
                &members,
                &[template_enrollers(g, t), ca_enrollers.clone()],
            ) {
                let pn = &g.nodes[p as usize];
                let service_account = pn.flag("gmsa") == Some(true) || pn.flag("msa") == Some(true);
                if needs_dns && pn.kind == Some(NodeKind::User) && !service_account {
                    continue;
                }
                for &d in &doms {
                    add.push((
                        p,
                        d,
                        format!(
                            "PostADCSESC16: enrolls in {} on {}, which omits the SID security extension",
                            g.label(t),
                            g.label(e)
                        ),
                    ));
                }
            }
        }
    }
    for (p, d, r) in add {
        g.edge(p, d, "ADCSESC16", Map::new(), rule(&r));
    }
}

/// Whether the CA lets the requester specify a SAN
/// (EDITF_ATTRIBUTESUBJECTALTNAME2, collected).
fn ca_user_specifies_san(g: &AdGraph, e: u32) -> bool {
    let n = &g.nodes[e as usize];
    n.flag("isuserspecifiessanenabledcollected") == Some(true)
        && n.flag("isuserspecifiessanenabled") == Some(true)
}

/// No manager approval, and schema 1 or no authorized signatures.
fn template_unattended(g: &AdGraph, t: u32) -> bool {
    let n = &g.nodes[t as usize];
    let schema = n.int("schemaversion").unwrap_or(1);
    n.flag("requiresmanagerapproval") == Some(false)
        && (schema == 1 || n.int("authorizedsignatures").unwrap_or(0) == 0)
}

/// `ADCSESC6a` (BloodHound PostADCSESC6a): the CA lets the requester
/// specify a SAN, and the template (no manager approval, schema 1 or no
/// authorized signatures) enables authentication and has no security
/// extension.
pub fn adcs_esc6a(g: &mut AdGraph) {
    template_escalation(
        g,
        "ADCSESC6a",
        &ca_user_specifies_san,
        &|g, t| {
            let n = &g.nodes[t as usize];
            template_unattended(g, t)
                && n.flag("authenticationenabled") == Some(true)
                && n.flag("nosecurityextension") == Some(true)
        },
        &|_, _| true,
        "PostADCSESC6a: the CA accepts a requester-specified SAN, template without security extension",
    );
}

/// `ADCSESC6b` (BloodHound PostADCSESC6b): the CA lets the requester
/// specify a SAN, the template (no manager approval, schema 1 or no
/// authorized signatures) enables authentication or Schannel
/// authentication, and a DC of the domain's forest maps certificates by UPN
/// (`certificatemappingmethodsraw` bit 0x4).
pub fn adcs_esc6b(g: &mut AdGraph) {
    template_escalation(
        g,
        "ADCSESC6b",
        &ca_user_specifies_san,
        &|g, t| {
            let n = &g.nodes[t as usize];
            template_unattended(g, t)
                && (n.flag("authenticationenabled") == Some(true)
                    || n.flag("schannelauthenticationenabled") == Some(true))
        },
        &|g, d| forest_dcs(g, d).into_iter().any(|dc| dc_maps_upn(g, dc)),
        "PostADCSESC6b: the CA accepts a requester-specified SAN, a DC maps certificates by UPN",
    );
}

/// Runs only the named BloodHound post-processing functions (as a
/// BloodHound integration test does), when cordon implements each of them
/// as a separate step; returns false (and does nothing) otherwise.
/// Supported: `PostADCSESC3`, `PostADCSESC4`.
pub fn run_post_processing(g: &mut AdGraph, functions: &[&str]) -> bool {
    let known = ["PostADCSESC3", "PostADCSESC4"];
    if functions.is_empty() || !functions.iter().all(|f| known.contains(f)) {
        return false;
    }
    for f in functions {
        match *f {
            "PostADCSESC3" => adcs_esc3(g),
            "PostADCSESC4" => adcs_esc4(g),
            _ => {}
        }
    }
    true
}

/// UF_INTERDOMAIN_TRUST_ACCOUNT in `useraccountcontrol`.
const INTERDOMAIN_TRUST_ACCOUNT: i64 = 0x800;

/// `HasTrustKeys` (BloodHound PostHasTrustKeys): for each trust edge
/// (`SameForestTrust`, `CrossForestTrust`) from domain A to domain B, A
/// holds the keys of its trust account in B — the user of B (by
/// `domainsid`) named `<A's netbios>$` with the inter-domain trust account
/// flag (0x800) in `useraccountcontrol`. A domain without `netbios` gives
/// no edge.
pub fn has_trust_keys(g: &mut AdGraph) {
    let trusts: Vec<(u32, u32)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "SameForestTrust" || &*e.kind == "CrossForestTrust")
        .map(|e| (e.from, e.to))
        .collect();
    let mut add: Vec<(u32, u32)> = Vec::new();
    for (a, b) in trusts {
        let Some(netbios) = g.nodes[a as usize].str("netbios").map(str::trim) else {
            continue;
        };
        if netbios.is_empty() {
            continue;
        }
        let account = format!("{netbios}$");
        let bn = &g.nodes[b as usize];
        let sids: Vec<String> = [Some(bn.objectid.clone()), bn.domainsid()]
            .into_iter()
            .flatten()
            .collect();
        for (i, n) in g.nodes.iter().enumerate() {
            let is_account = n.kind == Some(NodeKind::User)
                && n.str("samaccountname")
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case(&account))
                && n.domainsid().is_some_and(|d| sids.contains(&d))
                && n.int("useraccountcontrol")
                    .is_some_and(|u| u & INTERDOMAIN_TRUST_ACCOUNT != 0);
            if is_account {
                add.push((a, i as u32));
            }
        }
    }
    for (a, u) in add {
        g.edge(
            a,
            u,
            "HasTrustKeys",
            Map::new(),
            rule("PostHasTrustKeys: the trusting domain holds the trust account's keys"),
        );
    }
}

/// `ProtectAdminGroups` (BloodHound PostProtectAdminGroups, not
/// traversable): each domain's AdminSDHolder container (distinguished name
/// `CN=AdminSDHolder,CN=System,…`) → every object of the same `domainsid`
/// marked `adminsdholderprotected`.
pub fn protect_admin_groups(g: &mut AdGraph) {
    let mut holders_by_domain: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let is_holder = n.kind == Some(NodeKind::Container)
            && n.str("distinguishedname").is_some_and(|d| {
                d.trim()
                    .to_ascii_uppercase()
                    .starts_with("CN=ADMINSDHOLDER,CN=SYSTEM,")
            });
        if let (true, Some(d)) = (is_holder, n.domainsid()) {
            holders_by_domain.entry(d).or_default().push(i as u32);
        }
    }
    let mut add: Vec<(u32, u32)> = Vec::new();
    for (i, n) in g.nodes.iter().enumerate() {
        if n.flag("adminsdholderprotected") != Some(true) {
            continue;
        }
        let Some(d) = n.domainsid() else { continue };
        for &h in holders_by_domain.get(&d).map(Vec::as_slice).unwrap_or(&[]) {
            add.push((h, i as u32));
        }
    }
    for (h, n) in add {
        g.edge(
            h,
            n,
            "ProtectAdminGroups",
            Map::new(),
            rule("PostProtectAdminGroups: AdminSDHolder protects the object (adminCount)"),
        );
    }
}

/// The children of each node by traversable `Contains` edges.
fn contains_children(g: &AdGraph) -> HashMap<u32, Vec<u32>> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for e in &g.edges {
        if &*e.kind == "Contains" && e.traversable {
            children.entry(e.from).or_default().push(e.to);
        }
    }
    children
}

/// The users and computers below `top` by `Contains` (any depth, on an
/// explicit stack: the depth is the directory's, user-controlled). With
/// `honour_block`, an OU with `blocksinheritance: true` below `top` is not
/// entered (a non-enforced GPO link does not pass it); `top` itself always is.
fn users_and_computers_below(
    g: &AdGraph,
    children: &HashMap<u32, Vec<u32>>,
    top: u32,
    honour_block: bool,
) -> Vec<u32> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashSet<u32> = std::collections::HashSet::from([top]);
    let mut stack = vec![top];
    while let Some(n) = stack.pop() {
        for &c in children.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
            if !seen.insert(c) {
                continue;
            }
            let node = &g.nodes[c as usize];
            match node.kind {
                Some(NodeKind::User | NodeKind::Computer) => out.push(c),
                Some(NodeKind::Ou)
                    if !(honour_block && node.flag("blocksinheritance") == Some(true)) =>
                {
                    stack.push(c);
                }
                Some(NodeKind::Container | NodeKind::Domain) => stack.push(c),
                _ => {}
            }
        }
    }
    out
}

/// `GPOAppliesTo` (BloodHound CE's GPOAppliesToHarness): a GPO linked
/// (`GPLink`) to a domain or OU applies to every user and computer below it
/// by `Contains`, through containers and OUs; a link that is not
/// `enforced` does not pass an OU below the linked object that has
/// `blocksinheritance: true`, an enforced link does. Groups get none.
pub fn gpo_applies_to(g: &mut AdGraph) {
    let links: Vec<(u32, u32, bool)> = g
        .edges
        .iter()
        .filter(|e| &*e.kind == "GPLink" && e.traversable)
        .filter(|e| g.nodes[e.from as usize].kind == Some(NodeKind::Gpo))
        .map(|e| {
            let enforced = match e.props.get("enforced") {
                Some(Value::Bool(b)) => *b,
                Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            (e.from, e.to, enforced)
        })
        .collect();
    if links.is_empty() {
        return;
    }
    let children = contains_children(g);
    let mut add: std::collections::BTreeSet<(u32, u32)> = Default::default();
    for (gpo, target, enforced) in links {
        for t in users_and_computers_below(g, &children, target, !enforced) {
            add.insert((gpo, t));
        }
    }
    for (gpo, t) in add {
        g.edge(
            gpo,
            t,
            "GPOAppliesTo",
            Map::new(),
            rule("PostGPOAppliesTo: the linked GPO applies to the object below the link"),
        );
    }
}

/// Rights on a domain or OU that let a principal apply a GPO to what it
/// contains (BloodHound CE's CanApplyGPOHarness).
const GPO_APPLY_RIGHTS: &[&str] = &[
    "WriteGPLink",
    "GenericWrite",
    "GenericAll",
    "WriteOwner",
    "WriteDacl",
    "Owns",
];

/// `CanApplyGPO` (BloodHound CE's CanApplyGPOHarness): a principal holding
/// `WriteGPLink`, `GenericWrite`, `GenericAll`, `WriteOwner`, `WriteDacl` or
/// `Owns` on a domain or OU can link a GPO there, which applies to every user
/// and computer below it — through OUs that block inheritance (the
/// principal can enforce the link). Groups get none. Runs after
/// `Owns`/`WriteOwner` are derived from the raw owner edges.
pub fn can_apply_gpo(g: &mut AdGraph) {
    let grants: Vec<(u32, u32)> = g
        .edges
        .iter()
        .filter(|e| e.traversable && GPO_APPLY_RIGHTS.contains(&&*e.kind))
        .filter(|e| {
            matches!(
                g.nodes[e.to as usize].kind,
                Some(NodeKind::Domain | NodeKind::Ou)
            )
        })
        .map(|e| (e.from, e.to))
        .collect();
    if grants.is_empty() {
        return;
    }
    let children = contains_children(g);
    let mut below: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut add: std::collections::BTreeSet<(u32, u32)> = Default::default();
    for (p, target) in grants {
        let objs = below
            .entry(target)
            .or_insert_with(|| users_and_computers_below(g, &children, target, false));
        for &t in objs.iter() {
            if t != p {
                add.insert((p, t));
            }
        }
    }
    for (p, t) in add {
        g.edge(
            p,
            t,
            "CanApplyGPO",
            Map::new(),
            rule("PostCanApplyGPO: may link a GPO above the object (rights on its domain or OU)"),
        );
    }
}

/// Domain functional levels in order; Protected Users is enforced from
/// "2012 R2" on.
const FUNCTIONAL_LEVELS: &[&str] = &[
    "2000", "2003", "2008", "2008 R2", "2012", "2012 R2", "2016", "2025",
];

/// Whether `c` is in its own domain's Protected Users group (`-525` of the
/// same `domainsid`) while the domain's functional level (2012 R2 or later)
/// enforces it: no NTLM.
fn ntlm_protected(g: &AdGraph, c: u32, groups: &[u32]) -> bool {
    let Some(sid) = g.nodes[c as usize].domainsid() else {
        return false;
    };
    let in_protected = groups.iter().any(|&x| {
        let n = &g.nodes[x as usize];
        n.objectid.ends_with("-525") && n.domainsid().as_deref() == Some(sid.as_str())
    });
    if !in_protected {
        return false;
    }
    let level = g
        .find(&sid)
        .and_then(|d| g.nodes[d as usize].str("functionallevel"))
        .and_then(|l| {
            FUNCTIONAL_LEVELS
                .iter()
                .position(|x| x.eq_ignore_ascii_case(l.trim()))
        });
    let enforced_from = FUNCTIONAL_LEVELS.iter().position(|x| *x == "2012 R2");
    matches!((level, enforced_from), (Some(l), Some(e)) if l >= e)
}

/// `CoerceAndRelayNTLMToSMB` (BloodHound PostCoerceAndRelayNTLMToSMB):
/// Authenticated Users of a computer's domain → that computer, when it does
/// not require SMB signing (`smbsigning` false) and another computer that
/// may send NTLM (`restrictoutboundntlm` false, not in an enforced Protected
/// Users group) is its local admin (`AdminTo`, directly or through group
/// membership): an attacker coerces that computer and relays its
/// authentication to the target.
pub fn coerce_and_relay_ntlm_to_smb(g: &mut AdGraph) {
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for t in nodes_of(g, NodeKind::Computer) {
        let tn = &g.nodes[t as usize];
        if tn.flag("smbsigning") != Some(false) {
            continue;
        }
        let Some(sid) = tn.domainsid() else { continue };
        let auth_users: Vec<u32> = (0..g.nodes.len() as u32)
            .filter(|&i| {
                let n = &g.nodes[i as usize];
                n.objectid.ends_with("-S-1-5-11") && n.domainsid().as_deref() == Some(&sid)
            })
            .collect();
        if auth_users.is_empty() {
            continue;
        }
        let mut sources: BTreeSet<u32> = BTreeSet::new();
        for a in holders(g, t, &["AdminTo"]) {
            sources.insert(a);
            sources.extend(members.of(a).iter().copied());
        }
        let source = sources.into_iter().find(|&c| {
            let n = &g.nodes[c as usize];
            c != t
                && n.kind == Some(NodeKind::Computer)
                && n.flag("restrictoutboundntlm") == Some(false)
                && !ntlm_protected(g, c, &g.groups_of(c))
        });
        if let Some(c) = source {
            for &a in &auth_users {
                add.push((
                    a,
                    t,
                    format!(
                        "PostCoerceAndRelayNTLMToSMB: SMB signing not required; coerce {} (local admin) and relay",
                        g.label(c)
                    ),
                ));
            }
        }
    }
    for (a, t, r) in add {
        g.edge(a, t, "CoerceAndRelayNTLMToSMB", Map::new(), rule(&r));
    }
}

/// Authenticated Users groups (`…-S-1-5-11`) of domain `sid`.
fn authenticated_users_of(g: &AdGraph, sid: &str) -> Vec<u32> {
    (0..g.nodes.len() as u32)
        .filter(|&i| {
            let n = &g.nodes[i as usize];
            n.objectid.ends_with("-S-1-5-11") && n.domainsid().as_deref() == Some(sid)
        })
        .collect()
}

/// `CoerceAndRelayNTLMToLDAP` (BloodHound PostCoerceAndRelayNTLMToLDAP):
/// Authenticated Users of a domain → each computer of the domain running
/// the WebClient service (`webclientrunning`), not restricting outbound
/// NTLM (`restrictoutboundntlm` not true) and not in an enforced Protected
/// Users group, when another DC of the domain (`DCFor`) offers LDAP
/// (`ldapavailable`) without requiring signing (`ldapsigning` false): an
/// attacker coerces the computer over HTTP and relays to LDAP.
pub fn coerce_and_relay_ntlm_to_ldap(g: &mut AdGraph) {
    relay_to_dc(
        g,
        "CoerceAndRelayNTLMToLDAP",
        &|dc| dc.flag("ldapavailable") == Some(true) && dc.flag("ldapsigning") == Some(false),
        "LDAP signing not required",
    );
}

/// `CoerceAndRelayNTLMToLDAPS` (BloodHound PostCoerceAndRelayNTLMToLDAP):
/// as [`coerce_and_relay_ntlm_to_ldap`], when another DC of the domain
/// offers LDAPS (`ldapsavailable`) without channel binding (`ldapsepa`
/// false).
pub fn coerce_and_relay_ntlm_to_ldaps(g: &mut AdGraph) {
    relay_to_dc(
        g,
        "CoerceAndRelayNTLMToLDAPS",
        &|dc| dc.flag("ldapsavailable") == Some(true) && dc.flag("ldapsepa") == Some(false),
        "LDAPS channel binding not required",
    );
}

/// The WebClient relay to a DC service that `weak` accepts (LDAP, LDAPS).
fn relay_to_dc(
    g: &mut AdGraph,
    kind: &'static str,
    weak: &dyn Fn(&super::AdNode) -> bool,
    why: &str,
) {
    let mut weak_dcs: HashMap<String, Vec<u32>> = HashMap::new();
    for e in g.edges.iter().filter(|e| &*e.kind == "DCFor") {
        let dc = &g.nodes[e.from as usize];
        let dn = &g.nodes[e.to as usize];
        let sid = dn.domainsid().unwrap_or_else(|| dn.objectid.clone());
        if weak(dc) {
            weak_dcs.entry(sid).or_default().push(e.from);
        }
    }
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for c in nodes_of(g, NodeKind::Computer) {
        let n = &g.nodes[c as usize];
        if n.flag("webclientrunning") != Some(true) || n.flag("restrictoutboundntlm") == Some(true)
        {
            continue;
        }
        let Some(sid) = n.domainsid() else { continue };
        let Some(dc) = weak_dcs
            .get(&sid)
            .and_then(|v| v.iter().copied().find(|&d| d != c))
        else {
            continue;
        };
        if ntlm_protected(g, c, &g.groups_of(c)) {
            continue;
        }
        for a in authenticated_users_of(g, &sid) {
            add.push((
                a,
                c,
                format!(
                    "PostCoerceAndRelayNTLMToLDAP: WebClient running; relay to {} ({why})",
                    g.label(dc)
                ),
            ));
        }
    }
    for (a, c, r) in add {
        g.edge(a, c, kind, Map::new(), rule(&r));
    }
}

/// `CoerceAndRelayNTLMToADCS` (BloodHound PostCoerceAndRelayNTLMToADCS,
/// ESC8): Authenticated Users of a computer's domain → the computer, when it
/// may send NTLM (`restrictoutboundntlm` false, not in enforced Protected
/// Users) and enrolls (ESC1's group expansion, groups expanded to their
/// computers) in a template with authentication enabled, no manager
/// approval and schema 1 or no authorized signatures, on an enterprise CA
/// that can issue logon certificates for the domain and has a web
/// enrollment endpoint vulnerable to relay (`hasvulnerableendpoint`).
/// cordon also requires `webclientrunning` (true in BloodHound's harness;
/// whether BloodHound needs it was not established), so it may miss, never
/// add, edges BloodHound makes.
pub fn coerce_and_relay_ntlm_to_adcs(g: &mut AdGraph) {
    let ecas = nodes_of(g, NodeKind::EnterpriseCa);
    let eca_domains = enterprise_ca_domains(g, &ecas);
    let members = g.member_index();
    let mut add: Vec<(u32, u32, String)> = Vec::new();
    for &e in &ecas {
        if g.nodes[e as usize].flag("hasvulnerableendpoint") != Some(true) {
            continue;
        }
        let doms = eca_domains.get(&e).cloned().unwrap_or_default();
        if doms.is_empty() {
            continue;
        }
        let dom_sids: HashSet<String> = doms
            .iter()
            .map(|&d| {
                let n = &g.nodes[d as usize];
                n.domainsid().unwrap_or_else(|| n.objectid.clone())
            })
            .collect();
        let ca_enrollers = holders(g, e, &["Enroll"]);
        let templates = published_templates(g, e);
        let mut computers: BTreeSet<u32> = BTreeSet::new();
        for t in templates {
            let ok = template_unattended(g, t)
                && g.nodes[t as usize].flag("authenticationenabled") == Some(true);
            if !ok {
                continue;
            }
            for p in cover(
                g,
                &members,
                &[template_enrollers(g, t), ca_enrollers.clone()],
            ) {
                computers.insert(p);
                computers.extend(members.of(p).iter().copied());
            }
        }
        for c in computers {
            let n = &g.nodes[c as usize];
            let eligible = n.kind == Some(NodeKind::Computer)
                && n.flag("restrictoutboundntlm") == Some(false)
                && n.flag("webclientrunning") == Some(true);
            let Some(sid) = n.domainsid().filter(|s| eligible && dom_sids.contains(s)) else {
                continue;
            };
            if ntlm_protected(g, c, &g.groups_of(c)) {
                continue;
            }
            for a in authenticated_users_of(g, &sid) {
                add.push((
                    a,
                    c,
                    format!(
                        "PostCoerceAndRelayNTLMToADCS: coerce and relay to the web enrollment of {}",
                        g.label(e)
                    ),
                ));
            }
        }
    }
    for (a, c, r) in add {
        g.edge(a, c, "CoerceAndRelayNTLMToADCS", Map::new(), rule(&r));
    }
}

/// Well-known Tier Zero RIDs and SIDs (BloodHound CE
/// `TierZeroWellKnownSIDSuffixes`).
pub const TIER_ZERO_SUFFIXES: &[&str] = &[
    "-S-1-5-9", "-500", "-512", "-516", "-518", "-519", "-526", "-527", "-551", "-544",
];

/// Tier Zero: what the data marks (`highvalue`, `isTierZero`,
/// `Tag_Tier_Zero`, `admin_tier_0`), plus BloodHound's defaults: each
/// collected domain, its well-known admin groups and accounts, domain
/// controllers, the AdminSDHolder container, and every (nested) member of a
/// Tier Zero group.
pub fn tier_zero(g: &mut AdGraph) {
    let doms: HashSet<String> = collected_domains(g)
        .into_iter()
        .map(|(_, s, _)| s)
        .collect();
    let mut roots: Vec<u32> = Vec::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let marked = n.flag("highvalue") == Some(true)
            || n.flag("crown_jewel") == Some(true)
            || n.flag("istierzero") == Some(true)
            || n.other_kinds.iter().any(|k| k == "Tag_Tier_Zero")
            || n.str("system_tags")
                .is_some_and(|t| t.contains("admin_tier_0"));
        let well_known = match n.kind {
            Some(NodeKind::Domain) => doms.contains(&n.objectid),
            Some(NodeKind::Group | NodeKind::User) => {
                TIER_ZERO_SUFFIXES.iter().any(|s| n.objectid.ends_with(s))
                    && (n.domainsid().is_some_and(|d| doms.contains(&d))
                        || doms.iter().any(|d| n.objectid.starts_with(d.as_str())))
                    || n.objectid.ends_with("-S-1-5-32-544") && n.origin.is_some()
            }
            Some(NodeKind::Container) => n.str("distinguishedname").is_some_and(|d| {
                d.to_ascii_uppercase()
                    .starts_with("CN=ADMINSDHOLDER,CN=SYSTEM,")
            }),
            Some(NodeKind::Computer) => n.flag("isdc") == Some(true),
            _ => false,
        };
        if marked || well_known {
            roots.push(i as u32);
        }
    }
    let members = g.member_index();
    let mut t0: HashSet<u32> = HashSet::new();
    for r in roots {
        t0.insert(r);
        if matches!(
            g.nodes[r as usize].kind,
            Some(NodeKind::Group | NodeKind::LocalGroup)
        ) {
            t0.extend(members.of(r).iter().copied());
        }
    }
    for n in t0 {
        g.nodes[n as usize].tier_zero = true;
    }
}

/// The value of a node property as a JSON value (for tests).
pub fn prop(g: &AdGraph, n: u32, key: &str) -> Option<Value> {
    g.nodes[n as usize].props.get(key).cloned()
}
