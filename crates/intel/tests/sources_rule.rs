//! The one rule of `sources::incident` for every field, against a plain oracle on small
//! random inputs: a field is a conflict exactly when two different sources state
//! different values (one states a value the other, stating values of its own, does not; a report
//! naming two groups is one attribution); otherwise a value
//! only further sources state is a supplement; the primary's values are never
//! supplements. Checked on `city` (a scalar) and `threat_actor` (a list).

mod common;

use cordon_intel::IncidentRecord;
use cordon_intel::record::{Evidence, Fact, Field, Provenance, ThreatActor};
use proptest::prelude::*;

const CITIES: [&str; 3] = ["Tienen", "Leuven", "Gent"];
const ACTORS: [&str; 3] = ["Akira", "LockBit", "Qilin"];

fn report(i: usize, city: Option<usize>, actors: &[usize]) -> IncidentRecord {
    let mut r = common::record("Something happened somewhere.");
    r.id = format!("INC-{i:012x}");
    let ev = |s: &str| Evidence {
        sentence: s.to_string(),
        offset: 0,
    };
    r.city = Field(city.map(|c| Fact {
        value: CITIES[c].to_string(),
        provenance: Provenance::Stated,
        evidence: ev(CITIES[c]),
        rule: None,
    }));
    r.threat_actors = actors
        .iter()
        .map(|a| ThreatActor {
            name: ACTORS[*a].to_string(),
            actor_type: "ransomware gang".into(),
            country: None,
            provenance: Provenance::Stated,
            evidence: ev(ACTORS[*a]),
        })
        .collect();
    r
}

/// The oracle: (conflict values or None, supplement values) of one field, from each
/// source's set of values (the primary's first).
fn oracle(per_source: &[Vec<&str>]) -> (Option<Vec<String>>, Vec<String>) {
    let mut distinct: Vec<String> = Vec::new();
    for vs in per_source {
        for v in vs {
            if !distinct.iter().any(|d| d == v) {
                distinct.push(v.to_string());
            }
        }
    }
    let conflict = (0..per_source.len()).any(|i| {
        (0..per_source.len()).any(|j| {
            i != j
                && per_source[i]
                    .iter()
                    .any(|a| !per_source[j].is_empty() && !per_source[j].contains(a))
                && !per_source[j].is_empty()
        })
    });
    if conflict {
        (Some(distinct), vec![])
    } else if per_source[0].is_empty() {
        (None, distinct)
    } else {
        (None, vec![])
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn one_rule_for_every_field(
        cities in prop::collection::vec(prop::option::of(0usize..3), 1..5),
        actors in prop::collection::vec(prop::collection::btree_set(0usize..3, 0..3), 1..5),
    ) {
        let n = cities.len().min(actors.len());
        let reports: Vec<(IncidentRecord, String)> = (0..n)
            .map(|i| {
                let a: Vec<usize> = actors[i].iter().copied().collect();
                (report(i, cities[i], &a), "2026-01-01 00:00:00".to_string())
            })
            .collect();
        let inc = cordon_intel::sources::incident(reports).unwrap();
        for (field, per_source) in [
            (
                "city",
                (0..n)
                    .map(|i| cities[i].map(|c| vec![CITIES[c]]).unwrap_or_default())
                    .collect::<Vec<_>>(),
            ),
            (
                "threat_actor",
                (0..n)
                    .map(|i| actors[i].iter().map(|a| ACTORS[*a]).collect())
                    .collect::<Vec<_>>(),
            ),
        ] {
            let (want_conflict, want_supp) = oracle(&per_source);
            let got_conflict: Option<Vec<String>> = inc
                .conflicts
                .iter()
                .find(|c| c.field == field)
                .map(|c| c.values.iter().map(|v| v.value.clone()).collect());
            let got_supp: Vec<String> = inc
                .supplements
                .iter()
                .filter(|v| v.field == field)
                .map(|v| v.value.clone())
                .collect();
            prop_assert_eq!(&got_conflict, &want_conflict, "{} {:?}", field, per_source);
            prop_assert_eq!(&got_supp, &want_supp, "{} {:?}", field, per_source);
        }
    }
}
