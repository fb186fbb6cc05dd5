//! Trial finding F2.3: the order-2 cut sets of a service are all listed
//! (they are what a crisis cell needs beside the single points of failure),
//! whatever the listing limit — checked against brute force over pairs.

use cordon_continuity::Settings;
use cordon_model::{ComponentId, Model};
use cordon_services::{ServiceState, analyze_services, service_states};

#[test]
fn every_pair_is_listed_whatever_the_limit() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../containment/tests/fixtures/hospital/estate.yaml"
    );
    let model = Model::load(std::path::Path::new(path)).unwrap();
    let analyses = analyze_services(&model, &Settings::default(), 1).unwrap();
    let internal: Vec<ComponentId> = model
        .component_ids()
        .filter(|c| !model.is_external(*c))
        .collect();
    let down = |cs: &[ComponentId], s: usize| service_states(&model, cs)[s] != ServiceState::Up;
    let mut pairs_seen = 0;
    for a in &analyses {
        let s = a.service.0 as usize;
        // Brute force: minimal pairs (neither member alone stops it).
        let mut pairs = Vec::new();
        for (i, &x) in internal.iter().enumerate() {
            for &y in &internal[i + 1..] {
                if down(&[x, y], s) && !down(&[x], s) && !down(&[y], s) {
                    let mut p = vec![x, y];
                    p.sort_by(|a, b| model.component(*a).id.cmp(&model.component(*b).id));
                    pairs.push(p);
                }
            }
        }
        let listed: Vec<&Vec<ComponentId>> = a
            .cut_sets
            .iter()
            .filter(|c| c.components.len() == 2)
            .map(|c| &c.components)
            .collect();
        assert_eq!(listed.len(), pairs.len(), "{}", model.services[s].id);
        for p in &pairs {
            assert!(listed.contains(&p), "{}: {:?}", model.services[s].id, p);
        }
        pairs_seen += pairs.len();
    }
    assert!(
        pairs_seen >= 2,
        "the estate has order-2 cut sets (dc1+dc2, dns1+dns2)"
    );
}
