//! `Model::select_list` against a plain reference: on random small models and
//! random lists, the answer is the union of the plain items minus the union
//! of the `!` items (every component when there is no plain item), computed
//! here from the generated component records — not through `Model::select`.

use std::collections::BTreeSet;

use cordon_model::{Model, SelectListError};
use proptest::prelude::*;

/// The last kind is only the implicit component the loader adds for an
/// external zone (id = the zone's id); generated components use the others.
const KINDS: [&str; 5] = [
    "ehr",
    "patient-portal",
    "active-directory",
    "api-gateway",
    "external-network",
];
const TAGS: [&str; 3] = ["a", "b", "c"];
/// Zone 0 is external.
const ZONES: [&str; 3] = ["internet", "clinical", "dc"];

#[derive(Clone, Debug)]
struct Comp {
    kind: usize,
    zone: usize,
    tags: Vec<usize>,
    exposed: bool,
    crown: bool,
}

fn comp() -> impl Strategy<Value = Comp> {
    (
        0..KINDS.len() - 1,
        0..ZONES.len(),
        proptest::sample::subsequence((0..TAGS.len()).collect::<Vec<_>>(), 0..=2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(kind, zone, tags, exposed, crown)| Comp {
            kind,
            zone,
            tags,
            exposed,
            crown,
        })
}

/// The selectors an item may use (component ids are `c0`, `c1`…).
#[derive(Clone, Debug)]
enum Sel {
    Id(usize),
    Kind(usize),
    Zone(usize),
    Tag(usize),
    EntryPoints,
    CrownJewels,
    External,
    All,
}

fn sel(n: usize) -> impl Strategy<Value = Sel> {
    prop_oneof![
        (0..n).prop_map(Sel::Id),
        (0..KINDS.len()).prop_map(Sel::Kind),
        (0..ZONES.len()).prop_map(Sel::Zone),
        (0..TAGS.len()).prop_map(Sel::Tag),
        Just(Sel::EntryPoints),
        Just(Sel::CrownJewels),
        Just(Sel::External),
        Just(Sel::All),
    ]
}

impl Sel {
    fn text(&self) -> String {
        match self {
            Sel::Id(i) => format!("c{i}"),
            Sel::Kind(k) => format!("kind:{}", KINDS[*k]),
            Sel::Zone(z) => format!("zone:{}", ZONES[*z]),
            Sel::Tag(t) => format!("tag:{}", TAGS[*t]),
            Sel::EntryPoints => "entry-points".into(),
            Sel::CrownJewels => "crown-jewels".into(),
            Sel::External => "external".into(),
            Sel::All => "all".into(),
        }
    }

    /// Members, by component position, straight from the records.
    fn members(&self, comps: &[Comp]) -> BTreeSet<usize> {
        (0..comps.len())
            .filter(|&i| {
                let c = &comps[i];
                match self {
                    Sel::Id(j) => i == *j,
                    Sel::Kind(k) => c.kind == *k,
                    Sel::Zone(z) => c.zone == *z,
                    Sel::Tag(t) => c.tags.contains(t),
                    Sel::EntryPoints => c.exposed || c.zone == 0,
                    Sel::CrownJewels => c.crown,
                    Sel::External => c.zone == 0,
                    Sel::All => true,
                }
            })
            .collect()
    }
}

fn yaml(comps: &[Comp]) -> String {
    let mut y = String::from(
        "zones:\n  - { id: internet, external: true }\n  - { id: clinical }\n  - { id: dc }\ncomponents:\n",
    );
    for (i, c) in comps.iter().enumerate() {
        let tags: Vec<&str> = c.tags.iter().map(|&t| TAGS[t]).collect();
        y.push_str(&format!(
            "  - {{ id: c{i}, kind: {}, zone: {}, tags: [{}], exposed: {}, crown_jewel: {} }}\n",
            KINDS[c.kind],
            ZONES[c.zone],
            tags.join(", "),
            c.exposed && c.zone != 0,
            c.crown
        ));
    }
    y
}

/// The reference: `Ok(ids)` or the kind of error, checked item by item.
fn reference(comps: &[Comp], items: &[(bool, Sel)]) -> Result<BTreeSet<String>, &'static str> {
    // The external zone's implicit component, after the generated ones.
    let n = comps.len();
    let mut comps = comps.to_vec();
    comps.push(Comp {
        kind: KINDS.len() - 1,
        zone: 0,
        tags: Vec::new(),
        exposed: false,
        crown: false,
    });
    let comps = &comps[..];
    let name = |i: usize| {
        if i < n {
            format!("c{i}")
        } else {
            ZONES[0].to_string()
        }
    };
    let mut inc = BTreeSet::new();
    let mut exc = BTreeSet::new();
    let mut any_plain = false;
    for (negated, s) in items {
        let m = s.members(comps);
        if *negated {
            exc.extend(m);
        } else {
            if m.is_empty() {
                return Err("nothing");
            }
            any_plain = true;
            inc.extend(m);
        }
    }
    if !any_plain {
        inc = (0..comps.len()).collect();
    }
    let out: Vec<usize> = inc.difference(&exc).copied().collect();
    if out.is_empty() && !exc.is_empty() {
        return Err("all-excluded");
    }
    Ok(out.into_iter().map(name).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn select_list_is_union_minus_excludes(
        (comps, items) in proptest::collection::vec(comp(), 1..8).prop_flat_map(|comps| {
            let n = comps.len();
            (Just(comps), proptest::collection::vec((any::<bool>(), sel(n)), 1..5))
        })
    ) {
        let model = Model::from_yaml(&yaml(&comps), "estate.yaml").unwrap();
        let text: Vec<String> = items
            .iter()
            .map(|(neg, s)| format!("{}{}", if *neg { "!" } else { "" }, s.text()))
            .collect();
        let text = text.join(",");
        let got = model.select_list(&text).map(|ids| {
            // Sorted, without repeats: the set loses nothing.
            prop_assert!(ids.windows(2).all(|w| w[0] < w[1]));
            Ok(ids.iter().map(|&c| model.component(c).id.to_string()).collect::<BTreeSet<_>>())
        });
        let got = match got {
            Ok(r) => Ok(r?),
            Err(e) => Err(e),
        };
        match (got, reference(&comps, &items)) {
            (Ok(g), Ok(r)) => prop_assert_eq!(g, r, "{}", text),
            (Err(SelectListError::NothingSelected { .. }), Err("nothing")) => {}
            (Err(SelectListError::AllExcluded { .. }), Err("all-excluded")) => {}
            (g, r) => prop_assert!(false, "`{}`: select_list {:?}, reference {:?}", text, g, r),
        }
    }
}

fn model() -> Model {
    Model::from_yaml(
        "zones:\n  - { id: internet, external: true }\n  - { id: clinical }\ncomponents:\n  - { id: portal, kind: patient-portal, zone: clinical, exposed: true, tags: [web] }\n  - { id: ehr, kind: ehr, zone: clinical, crown_jewel: true }\n",
        "estate.yaml",
    )
    .unwrap()
}

#[test]
fn errors_name_the_item() {
    let m = model();
    assert_eq!(m.select_list(""), Err(SelectListError::Empty));
    assert_eq!(m.select_list("  "), Err(SelectListError::Empty));
    let e = m.select_list("portal,,ehr").unwrap_err();
    assert_eq!(
        e,
        SelectListError::EmptyItem {
            list: "portal,,ehr".into(),
            item: 2
        }
    );
    assert!(e.to_string().contains("item 2 of the list is empty"), "{e}");
    let e = m.select_list("portal,!").unwrap_err();
    assert!(
        matches!(e, SelectListError::LoneNot { item: 2, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("lone `!`"), "{e}");
    let e = m.select_list("portal,ehrr").unwrap_err();
    assert!(e.to_string().starts_with("ehrr: "), "{e}");
    assert!(e.to_string().contains("ehr"), "{e}");
    let e = m.select_list("tag:none").unwrap_err();
    assert_eq!(e.to_string(), "`tag:none` selects no component");
    let e = m.select_list("tag:web,!portal").unwrap_err();
    assert!(matches!(e, SelectListError::AllExcluded { .. }), "{e:?}");
    // A `!` item that matches nothing excludes nothing.
    // (3: the two components and `internet`, the external zone's own.)
    assert_eq!(m.select_list("all,!tag:none").unwrap().len(), 3);
    // `!` items alone subtract from every component.
    let only = m.select_list("!portal,!external").unwrap();
    assert_eq!(only, vec![m.component_id("ehr").unwrap()]);
}

#[test]
fn repeated_items_count_once() {
    let m = model();
    let list = vec!["all"; 200].join(",");
    assert_eq!(m.select_list(&list).unwrap().len(), 3);
    let list = format!("{},!ehr", vec!["portal,ehr"; 100].join(","));
    assert_eq!(
        m.select_list(&list).unwrap(),
        vec![m.component_id("portal").unwrap()]
    );
}
