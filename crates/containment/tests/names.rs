//! The one naming helper (`cordon_paths::reading::Names`, re-exported as
//! `cordon_containment::report::Names`) never gives two components the same
//! name, and adds nothing to a name no other component reads as — checked
//! against a plain count over every component of small random models whose
//! names collide on purpose (trial 3 F1.2).

use cordon_containment::report::Names;
use cordon_model::Model;
use proptest::prelude::*;

const KINDS: [(&str, &str); 4] = [
    ("ad-group", ""),
    ("ad-container", "ad-ou"),
    ("ad-container", "ad-container"),
    ("ad-user", ""),
];

fn model(items: &[(usize, usize)]) -> Model {
    let mut y = String::from("zones: [{ id: z }]\ncomponents:\n");
    for (n, (name, kind)) in items.iter().enumerate() {
        let (k, tag) = KINDS[*kind];
        let tags = if tag.is_empty() {
            String::new()
        } else {
            format!(", tags: [{tag}]")
        };
        y.push_str(&format!(
            "  - {{ id: c{n}, kind: {k}, zone: z{tags}, properties: {{ name: \"N{name}@CORP\" }} }}\n"
        ));
    }
    Model::from_yaml(&y, "t.yaml").unwrap()
}

proptest! {
    #[test]
    fn names_are_distinct_and_plain_when_unshared(
        items in proptest::collection::vec((0usize..3, 0usize..4), 1..10)
    ) {
        let m = model(&items);
        let names = Names::new(&m);
        let all: Vec<String> = m.component_ids().map(|c| names.name(c)).collect();
        let mut seen = std::collections::HashSet::new();
        for n in &all {
            prop_assert!(seen.insert(n.clone()), "{n} twice in {all:?}");
        }
        for c in m.component_ids() {
            let plain = names.plain(c);
            let sharing = m.component_ids().filter(|&x| names.plain(x) == plain).count();
            let n = names.name(c);
            if sharing == 1 {
                prop_assert_eq!(&n, &plain);
            } else {
                prop_assert!(n.starts_with(&format!("{plain} (")), "{n}");
            }
        }
    }
}

#[test]
fn an_ou_and_a_group_read_by_their_kind() {
    // c0: group N0, c1: OU N0 → "(group)", "(OU)"; c2, c3: two groups N1
    // beside a user N1 → each group "(group, id)", the user "(user)".
    let m = model(&[(0, 0), (0, 1), (1, 0), (1, 0), (1, 3)]);
    let names = Names::new(&m);
    let got: Vec<String> = m.component_ids().map(|c| names.name(c)).collect();
    assert_eq!(
        got,
        vec![
            "N0@CORP (group)",
            "N0@CORP (OU)",
            "N1@CORP (group, c2)",
            "N1@CORP (group, c3)",
            "N1@CORP (user)",
        ]
    );
}
