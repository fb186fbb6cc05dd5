//! How hops and components read (issue 11, trial F1.1–F1.3): BloodHound edge
//! phrases, origins on every hop, well-known SID names, and the BloodHound
//! reading of reach-only logon edges.

use std::collections::BTreeMap;

use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;
use cordon_paths::reading::{
    EdgeReading, ReachOnlyReading, display_name, edge_kind, edge_kinds, well_known_name,
};

/// The import's table of BloodHound edge kinds: the independent list every
/// phrase row is checked against.
const IMPORT_EDGE_KINDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../import/src/ad/edge_kinds.tsv"
);
const PHRASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/edge_phrases.tsv");
const SIDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/well_known_sids.tsv");

fn rows(path: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn every_data_row_is_well_formed_and_read() {
    let phrases = rows(PHRASES);
    assert_eq!(
        phrases.len(),
        edge_kinds().len(),
        "a row of edge_phrases.tsv is malformed"
    );
    for r in &phrases {
        assert_eq!(r.len(), 3, "{r:?}");
        assert!(!r[1].trim().is_empty(), "{r:?}");
    }
    for r in rows(SIDS) {
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(
            r[0].starts_with("S-1-") || r[0][1..].chars().all(|c| c.is_ascii_digit()),
            "{r:?}"
        );
        assert_eq!(well_known_name(&r[0]), Some(r[1].as_str()));
    }
}

#[test]
fn every_import_edge_kind_has_a_phrase_and_the_same_reading() {
    let mut missing = Vec::new();
    for r in rows(IMPORT_EDGE_KINDS) {
        let name = r[0].trim();
        let reading = match r[2].trim() {
            "controls" => EdgeReading::Controls,
            "connects" => EdgeReading::Connects,
            "credentials" => EdgeReading::Credentials,
            "controls-if-ingested" => EdgeReading::ControlsIfIngested,
            "-" => EdgeReading::NotTraversable,
            other => panic!("{name}: reading `{other}` unknown to cordon_paths::reading"),
        };
        match edge_kind(name) {
            Some(k) => assert_eq!(
                k.reading, reading,
                "{name}: reading differs from the import"
            ),
            None => missing.push(name.to_string()),
        }
    }
    assert!(missing.is_empty(), "no phrase for {missing:?}");
}

#[test]
fn membership_reads_as_membership_never_as_control() {
    assert_eq!(edge_kind("MemberOf").unwrap().phrase, "is a member of");
    assert_eq!(
        edge_kind("AdminTo").unwrap().phrase,
        "is local administrator of"
    );
    // Each kind its own words: no phrase is the generic verb.
    for k in edge_kinds() {
        assert_ne!(k.phrase, "controls", "{}", k.name);
    }
    let reach_only: Vec<&str> = edge_kinds()
        .iter()
        .filter(|k| k.reading == EdgeReading::Connects)
        .map(|k| k.name)
        .collect();
    assert_eq!(reach_only, ["CanPSRemote", "CanRDP", "ExecuteDCOM"]);
}

/// A small imported-looking AD estate (ids are SIDs, names are labels), in
/// the shape `cordon import sharphound` writes.
const AD: &str = r#"
defaults: false
zones:
  - { id: internal }
components:
  - { id: "S-1-5-21-1-2-3", kind: ad-domain, zone: internal, properties: { name: "CORP.LOCAL", objectid: "S-1-5-21-1-2-3" } }
  - { id: "S-1-5-21-1-2-3-1101", kind: ad-user, zone: internal, tags: [ad-user], properties: { name: "ALICE@CORP.LOCAL" } }
  - { id: "S-1-5-21-1-2-3-1103", kind: ad-user, zone: internal, tags: [ad-user, tier-zero], crown_jewel: true,
      weaknesses: [{ kind: stored-credentials, stored_on: "S-1-5-21-1-2-3-1002", notes: "HasSession (Sessions) from computers.json record 1" }],
      properties: { name: "CAROL@CORP.LOCAL" } }
  - { id: "S-1-5-21-1-2-3-513", kind: ad-group, zone: internal, properties: { name: "DOMAIN USERS@CORP.LOCAL" } }
  - { id: "S-1-5-21-1-2-3-498", kind: ad-group, zone: internal, properties: { objectid: "S-1-5-21-1-2-3-498" } }
  - { id: "CORP.LOCAL-S-1-5-11", kind: ad-group, zone: internal, properties: { objectid: "CORP.LOCAL-S-1-5-11" } }
  - { id: "S-1-5-32-544", kind: ad-group, zone: internal }
  - { id: "S-1-5-21-1-2-3-1001", kind: server-os, zone: internal, properties: { name: "SRV01.CORP.LOCAL" } }
  - { id: "S-1-5-21-1-2-3-1002", kind: workstation, zone: internal, properties: { name: "WS02.CORP.LOCAL" } }
  - { id: "db-512", kind: database-server, zone: internal }
interactions:
  - { from: "S-1-5-21-1-2-3-1101", to: "S-1-5-21-1-2-3-513", kind: controls, protocol: MemberOf, notes: "MemberOf (PrimaryGroupSID) from users.json record 0" }
  - { from: "S-1-5-21-1-2-3-513", to: "S-1-5-21-1-2-3-1001", kind: connects, protocol: CanRDP, notes: "CanRDP (local group 555)" }
  - { from: "S-1-5-21-1-2-3-1001", to: "S-1-5-21-1-2-3-1002", kind: controls, protocol: AdminTo, notes: "AdminTo (local group 544)" }
"#;

fn ad() -> Model {
    Model::from_yaml(AD, "ad.yaml").unwrap()
}

#[test]
fn nodes_read_as_names_and_well_known_sids() {
    let m = ad();
    let name = |id: &str| display_name(&m, m.component_id(id).unwrap()).into_owned();
    assert_eq!(name("S-1-5-21-1-2-3-1101"), "ALICE@CORP.LOCAL");
    assert_eq!(
        name("CORP.LOCAL-S-1-5-11"),
        "AUTHENTICATED USERS@CORP.LOCAL"
    );
    assert_eq!(
        name("S-1-5-21-1-2-3-498"),
        "ENTERPRISE READ-ONLY DOMAIN CONTROLLERS@CORP.LOCAL"
    );
    assert_eq!(name("S-1-5-32-544"), "ADMINISTRATORS");
    // Not a SID: the id, whatever it ends with.
    assert_eq!(name("db-512"), "db-512");
}

#[test]
fn every_hop_reads_with_its_kind_and_origin() {
    let m = ad();
    let alice = m.component_id("S-1-5-21-1-2-3-1101").unwrap();
    let carol = m.component_id("S-1-5-21-1-2-3-1103").unwrap();
    let ws = m.component_id("S-1-5-21-1-2-3-1002").unwrap();
    let graph = AttackGraph::new(&m);
    // Holding the workstation: carol's credentials, origin the session.
    let p = graph.access_from(&[ws]).path(&graph, carol).unwrap();
    assert_eq!(p.hops.len(), 1);
    let line = p.hops[0].explain(&m);
    assert_eq!(
        line,
        "WS02.CORP.LOCAL stores credentials for CAROL@CORP.LOCAL → control — HasSession (Sessions) from computers.json record 1"
    );
    // Alice: member of Domain Users (not "controls"), then RDP is reach only.
    let reach = graph.access_from(&[alice]);
    let srv = m.component_id("S-1-5-21-1-2-3-1001").unwrap();
    assert_eq!(reach.level(srv), AccessLevel::Reach);
    assert_eq!(reach.level(carol), AccessLevel::None);
    let p = reach.path(&graph, srv).unwrap();
    let lines: Vec<String> = p.hops.iter().map(|h| h.explain(&m)).collect();
    assert_eq!(
        lines,
        [
            "ALICE@CORP.LOCAL is a member of DOMAIN USERS@CORP.LOCAL (MemberOf) → control — MemberOf (PrimaryGroupSID) from users.json record 0",
            "DOMAIN USERS@CORP.LOCAL can log on by RDP to SRV01.CORP.LOCAL (CanRDP) → reach — CanRDP (local group 555)",
        ]
    );
    assert_eq!(p.hops[0].reads_as(&m), "is a member of");
    for h in &p.hops {
        assert!(h.origin_note(&m).is_some());
    }
}

#[test]
fn bloodhound_reading_finds_the_path_cordon_reads_as_reach_only() {
    let m = ad();
    let alice = m.component_id("S-1-5-21-1-2-3-1101").unwrap();
    let carol = m.component_id("S-1-5-21-1-2-3-1103").unwrap();
    let bh = ReachOnlyReading::of(&m).unwrap();
    assert_eq!(bh.upgraded.len(), 1);
    let graph = AttackGraph::new(&bh.model);
    let map = graph.access_from(&[alice]);
    assert_eq!(map.level(carol), AccessLevel::Control);
    let p = map.path(&graph, carol).unwrap();
    let upgraded: Vec<String> = p
        .hops
        .iter()
        .filter(|h| bh.is_upgraded(h.interaction))
        .map(|h| bh.kinds_of(h.interaction))
        .collect();
    assert_eq!(upgraded, ["CanRDP"]);
    assert_eq!(p.hops.len(), 4);
    // No reach-only edge: nothing to explain.
    let plain = Model::from_yaml(
        "defaults: false\nzones: [{ id: z }]\ncomponents:\n  - { id: a, kind: server-os, zone: z }\n  - { id: b, kind: server-os, zone: z }\ninteractions:\n  - { from: a, to: b, kind: connects, protocol: rdp }\n",
        "p.yaml",
    )
    .unwrap();
    assert!(ReachOnlyReading::of(&plain).is_none());
}

/// Property: the BloodHound reading changes nothing but the upgraded
/// interactions' kind, and only grows what a source reaches.
#[test]
fn bloodhound_reading_only_adds_reach() {
    let m = ad();
    let bh = ReachOnlyReading::of(&m).unwrap();
    let mut changed = BTreeMap::new();
    for (n, (a, b)) in m
        .interactions
        .iter()
        .zip(&bh.model.interactions)
        .enumerate()
    {
        if a.kind != b.kind {
            changed.insert(n, ());
        }
        assert_eq!((a.from, a.to, a.rule), (b.from, b.to, b.rule));
    }
    assert_eq!(changed.keys().copied().collect::<Vec<_>>(), bh.upgraded);
    let (g0, g1) = (AttackGraph::new(&m), AttackGraph::new(&bh.model));
    for s in m.component_ids() {
        let (r0, r1) = (g0.access_from(&[s]), g1.access_from(&[s]));
        for t in m.component_ids() {
            assert!(r1.level(t) >= r0.level(t));
        }
    }
}
