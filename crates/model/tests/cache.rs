//! The model cache is never wrong: a cached load equals a fresh one, any
//! change to any file read (included ones too) is seen, corrupt entries are
//! ignored.

use std::path::Path;

use cordon_model::{CacheOutcome, Limits, Model};
use proptest::prelude::*;

/// Everything a model holds, as text: the public vectors in full plus every
/// index, looked up through the public API.
fn snapshot(m: &Model) -> String {
    let mut s = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        m.name, m.files, m.zones, m.components, m.rules, m.interactions, m.services, m.warnings
    );
    for (i, c) in m.components.iter().enumerate() {
        s.push_str(&format!(
            "{} {:?} {:?}\n",
            i,
            m.component_id(&c.id),
            m.select_str(&format!("kind:{}", c.kind.id))
                .map(|v| v.len())
        ));
        for t in &c.tags {
            s.push_str(&format!("{t} {:?}\n", m.select_str(&format!("tag:{t}"))));
        }
    }
    for z in &m.zones {
        s.push_str(&format!(
            "{} {:?} {:?}\n",
            z.id,
            m.zone_id(&z.id),
            m.select_str(&format!("zone:{}", z.id))
        ));
    }
    for sv in &m.services {
        s.push_str(&format!("{} {:?}\n", sv.id, m.service_id(&sv.id)));
    }
    s
}

fn load(path: &Path, cache: &Path) -> (Model, CacheOutcome) {
    Model::load_cached_with(path, &Limits::default(), Some(cache)).expect("model loads")
}

fn fresh(path: &Path) -> Model {
    Model::load_with(path, &Limits::default()).expect("model loads")
}

#[test]
fn the_example_estate_round_trips() {
    let example = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hospital-group"
    ));
    let cache = tempfile::tempdir().unwrap();
    let (first, o1) = load(example, cache.path());
    assert!(matches!(o1, CacheOutcome::Written(_)), "{o1:?}");
    let (second, o2) = load(example, cache.path());
    assert!(matches!(o2, CacheOutcome::Hit(_)), "{o2:?}");
    let want = snapshot(&fresh(example));
    assert_eq!(snapshot(&first), want);
    assert_eq!(snapshot(&second), want);
    assert!(!second.services.is_empty() && !second.rules.is_empty());
}

#[test]
fn corrupt_or_truncated_entries_are_misses() {
    let dir = tempfile::tempdir().unwrap();
    let est = cordon_model::synthetic::synthetic_estate(300, 3);
    for (name, yaml) in est.split() {
        std::fs::write(dir.path().join(name), yaml).unwrap();
    }
    let root = dir.path().join("estate.yaml");
    let cache = tempfile::tempdir().unwrap();
    let (_, o) = load(&root, cache.path());
    let CacheOutcome::Written(entry) = o else {
        panic!("{o:?}")
    };
    let want = snapshot(&fresh(&root));
    let bytes = std::fs::read(&entry).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..40 {
        let mut bad = bytes.clone();
        if round % 4 == 0 {
            bad.truncate(rng.usize(..bad.len()));
        } else if round % 8 == 1 {
            // Bytes past the end (a record's worth, or not) are damage too.
            bad.extend(std::iter::repeat_n(0u8, [14, 1, 28][round % 3]));
        } else {
            let i = rng.usize(..bad.len());
            bad[i] ^= 1 << rng.u8(..8);
        }
        std::fs::write(&entry, &bad).unwrap();
        let (m, o) = load(&root, cache.path());
        // A flipped bit in the recorded file list could only make the entry
        // stale, never wrong; any other damage is caught by the body hash.
        assert!(
            !matches!(o, CacheOutcome::Hit(_)),
            "round {round}: damaged entry used"
        );
        assert_eq!(snapshot(&m), want);
    }
}

#[test]
fn caching_off_and_pipes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("m.yaml");
    std::fs::write(&root, "zones:\n  - { id: z }\n").unwrap();
    let (_, o) = Model::load_cached_with(&root, &Limits::default(), None).unwrap();
    assert_eq!(o, CacheOutcome::Disabled);
}

#[derive(Debug, Clone)]
enum Edit {
    /// Rewrite a file with one more component.
    AddComponent(usize),
    /// Change one character of a file (may make the model invalid).
    Touch(usize, usize),
    /// Rename a component in every file (same sizes, other content).
    Rename,
    /// Add a file to the directory.
    NewFile,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..16).prop_map(Edit::AddComponent),
        (0usize..16, 0usize..10_000).prop_map(|(f, p)| Edit::Touch(f, p)),
        Just(Edit::Rename),
        Just(Edit::NewFile),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random estates (split into files that include each other), loaded
    /// through the cache, then edited at random: every load through the
    /// cache equals a fresh load, a hit happens only on unchanged files.
    #[test]
    fn a_cached_load_equals_a_fresh_one(
        n in 60usize..600,
        seed in 0u64..1000,
        as_dir in any::<bool>(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let est = cordon_model::synthetic::synthetic_estate(n, seed);
        let files = est.split();
        for (name, yaml) in &files {
            std::fs::write(dir.path().join(name), yaml).unwrap();
        }
        let root = if as_dir { dir.path().to_path_buf() } else { dir.path().join("estate.yaml") };
        let cache = tempfile::tempdir().unwrap();
        let check = |expect_hit: Option<bool>| -> Result<(), TestCaseError> {
            let got = Model::load_cached_with(&root, &Limits::default(), Some(cache.path()));
            let want = Model::load_with(&root, &Limits::default());
            match (got, want) {
                (Ok((g, o)), Ok(w)) => {
                    prop_assert_eq!(snapshot(&g), snapshot(&w));
                    if let Some(hit) = expect_hit {
                        prop_assert_eq!(matches!(o, CacheOutcome::Hit(_)), hit, "{:?}", o);
                    }
                }
                (Err(g), Err(w)) => prop_assert_eq!(g.to_string(), w.to_string()),
                (g, w) => prop_assert!(false, "cached {:?} vs fresh {:?}", g.is_ok(), w.is_ok()),
            }
            Ok(())
        };
        check(Some(false))?;
        check(Some(true))?;
        for e in edits {
            let names: Vec<_> = files.iter().map(|(n, _)| n.clone()).collect();
            match e {
                Edit::AddComponent(f) => {
                    let p = dir.path().join(&names[f % names.len()]);
                    let mut text = std::fs::read_to_string(&p).unwrap();
                    if text.contains("components:") {
                        text = text.replacen("components:\n", "components:\n  - { id: added-by-test, kind: workstation, zone: ws-0 }\n", 1);
                    } else {
                        text.push_str("\n# touched\n");
                    }
                    std::fs::write(&p, text).unwrap();
                }
                Edit::Touch(f, pos) => {
                    let p = dir.path().join(&names[f % names.len()]);
                    let mut bytes = std::fs::read(&p).unwrap();
                    let i = pos % bytes.len();
                    bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
                    std::fs::write(&p, bytes).unwrap();
                }
                Edit::Rename => {
                    for name in &names {
                        let p = dir.path().join(name);
                        let text = std::fs::read_to_string(&p).unwrap();
                        std::fs::write(&p, text.replace("dc-1", "dc-9")).unwrap();
                    }
                }
                Edit::NewFile => {
                    std::fs::write(dir.path().join("zz-extra.yaml"), "zones:\n  - { id: extra-zone }\n").unwrap();
                }
            }
            // Whatever changed, the cached load equals the fresh one; then
            // the (possibly rewritten) entry is a hit when the model is valid.
            check(None)?;
            if Model::load_with(&root, &Limits::default()).is_ok() {
                check(Some(true))?;
            }
        }
    }
}

/// Components are stored in chunks decoded on several threads: models with
/// fewer components than chunks (none, one, two, three) round-trip too.
#[test]
fn tiny_models_round_trip() {
    for n in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let mut yaml = String::from(
            "zones:\n  - { id: internet, external: true }\n  - { id: lan }\ncomponents:\n",
        );
        for i in 0..n {
            yaml.push_str(&format!(
                "  - {{ id: c{i}, kind: web-application-server, zone: lan, exposed: {}, tags: [t{i}] }}\n",
                i == 0
            ));
        }
        if n == 0 {
            yaml.push_str("  []\n");
        }
        let path = dir.path().join("estate.yaml");
        std::fs::write(&path, yaml).unwrap();
        let cache = tempfile::tempdir().unwrap();
        let (first, o1) = load(&path, cache.path());
        assert!(matches!(o1, CacheOutcome::Written(_)), "{n}: {o1:?}");
        let (second, o2) = load(&path, cache.path());
        assert!(matches!(o2, CacheOutcome::Hit(_)), "{n}: {o2:?}");
        assert_eq!(snapshot(&first), snapshot(&second), "{n}");
        assert_eq!(snapshot(&second), snapshot(&fresh(&path)), "{n}");
    }
}
