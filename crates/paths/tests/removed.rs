//! `AttackGraph::with_removed`: cut interactions and removed components are
//! invisible to every search, and nothing else changes.

use cordon_model::{AccessLevel, Model};
use cordon_paths::AttackGraph;

const MODEL: &str = r#"
defaults: false
zones:
  - { id: internet, external: true }
  - { id: lan }
components:
  - { id: web, kind: web-application-server, zone: lan, exposed: true, weaknesses: [unauthenticated-service] }
  - { id: app, kind: server-os, zone: lan }
  - { id: alt, kind: server-os, zone: lan }
  - { id: db, kind: database-server, zone: lan, crown_jewel: true }
interactions:
  - { from: web, to: app, kind: controls }
  - { from: app, to: db, kind: controls }
  - { from: web, to: alt, kind: controls }
  - { from: alt, to: db, kind: writes }
"#;

fn index(m: &Model, from: &str, to: &str) -> usize {
    let (f, t) = (m.component_id(from).unwrap(), m.component_id(to).unwrap());
    m.interactions
        .iter()
        .position(|i| i.from == f && i.to == t)
        .unwrap()
}

#[test]
fn removed_interactions_and_components_are_ignored() {
    let m = Model::from_yaml(MODEL, "m.yaml").unwrap();
    let internet = m.component_id("internet").unwrap();
    let db = m.component_id("db").unwrap();
    let full = AttackGraph::new(&m).access_from(&[internet]);
    assert_eq!(full.level(db), AccessLevel::Control);

    // Nothing removed: identical to `new`.
    let same = AttackGraph::with_removed(&m, &[], &[]).access_from(&[internet]);
    assert_eq!(same.levels(), full.levels());

    // Cut app → db: db is still written through alt.
    let mut cut = vec![false; m.interactions.len()];
    cut[index(&m, "app", "db")] = true;
    let g = AttackGraph::with_removed(&m, &cut, &[]);
    let map = g.access_from(&[internet]);
    assert_eq!(map.level(db), AccessLevel::Write);
    let p = map.path(&g, db).unwrap();
    assert!(p.hops.iter().all(|h| !cut[h.interaction]));

    // Remove alt as well: db is unreachable; alt is neither reached nor a pivot.
    let mut gone = vec![false; m.components.len()];
    gone[m.component_id("alt").unwrap().index()] = true;
    let g = AttackGraph::with_removed(&m, &cut, &gone);
    let map = g.access_from(&[internet]);
    assert_eq!(map.level(db), AccessLevel::None);
    assert_eq!(map.level(m.component_id("alt").unwrap()), AccessLevel::None);
    assert!(map.path(&g, db).is_none());
    // The exposure engine sees the same graph.
    let e = cordon_paths::exposure(&g, 1);
    assert!(e.crown_jewels.iter().all(|j| j.best == AccessLevel::None));

    // A removed component held by the attacker goes nowhere.
    let web = m.component_id("web").unwrap();
    let mut gone = vec![false; m.components.len()];
    gone[web.index()] = true;
    let map = AttackGraph::with_removed(&m, &[], &gone).access_from(&[web]);
    assert_eq!(map.level(web), AccessLevel::Control);
    assert_eq!(map.counts()[1..].iter().sum::<usize>(), 0);
}

/// The search's compact table (`next_state`, `successors`) is `step` read
/// from a table: the same answer for every interaction and held level, with
/// and without removed parts, on the example hospital (weaknesses, MFA and
/// catalog defaults included).
#[test]
fn the_search_table_agrees_with_step() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hospital-group");
    let m = Model::load(std::path::Path::new(dir)).unwrap();
    let cut: Vec<bool> = (0..m.interactions.len()).map(|i| i % 7 == 3).collect();
    let gone: Vec<bool> = (0..m.components.len()).map(|c| c % 11 == 5).collect();
    for g in [
        AttackGraph::new(&m),
        AttackGraph::with_removed(&m, &cut, &gone),
    ] {
        for i in 0..m.interactions.len() {
            for held in [
                AccessLevel::Reach,
                AccessLevel::Read,
                AccessLevel::Write,
                AccessLevel::Control,
            ] {
                let (gained, _) = g.step(held, i);
                let expected = (gained > AccessLevel::None)
                    .then(|| cordon_paths::State::new(m.interactions[i].to, gained));
                assert_eq!(
                    g.next_state(held, i),
                    expected,
                    "interaction {i}, held {held:?}"
                );
            }
        }
    }
}
