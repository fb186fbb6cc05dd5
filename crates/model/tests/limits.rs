//! Hostile and careless model files (shared/cases/reliability, issue 12):
//! alias bombs, includes outside the model's directory, devices, oversized
//! files. Each gives a located error naming the limit and how to raise it.

use std::path::Path;

use cordon_model::{Limits, Model};

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/cases/reliability/"
);

fn load_err(path: &Path, limits: &Limits) -> String {
    match Model::load_with(path, limits) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn alias_bombs_are_located_errors() {
    for name in ["yaml-alias-bomb-7.yaml", "yaml-alias-bomb-9.yaml"] {
        let err = load_err(&Path::new(CASES).join(name), &Limits::default());
        assert!(err.contains(&format!("{name}:")), "{err}");
        assert!(
            err.contains("over the limit of 100000 nodes copied by aliases"),
            "{err}"
        );
        assert!(err.contains("CORDON_MODEL_MAX_ALIAS_NODES="), "{err}");
    }
}

#[test]
fn includes_stay_in_the_model_directory_unless_allowed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("shadow.yaml");
    std::fs::write(&secret, "root:$6$very-secret-hash:19000:0:99999:7:::\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.yaml");
    std::fs::write(
        &main,
        format!(
            "include: [{}, ../{}/shadow.yaml]\nzones:\n  - {{ id: z }}\n",
            secret.display(),
            outside.path().file_name().unwrap().to_str().unwrap()
        ),
    )
    .unwrap();
    let err = load_err(&main, &Limits::default());
    assert!(err.contains("main.yaml:1:11: error:"), "{err}");
    assert!(err.contains("is outside the model's directory"), "{err}");
    assert!(err.contains("CORDON_MODEL_INCLUDE_ANYWHERE=1"), "{err}");
    assert!(
        !err.contains("very-secret"),
        "file contents never echoed: {err}"
    );
    // Both spellings (absolute and ../) are refused.
    assert_eq!(
        err.matches("outside the model's directory").count(),
        2,
        "{err}"
    );

    // A symbolic link inside the directory that points outside is refused too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, dir.path().join("link.yaml")).unwrap();
        std::fs::write(&main, "include: [link.yaml]\nzones:\n  - { id: z }\n").unwrap();
        let err = load_err(&main, &Limits::default());
        assert!(err.contains("outside the model's directory"), "{err}");
        // And a directory load does not read it either.
        std::fs::write(&main, "zones:\n  - { id: z }\n").unwrap();
        let err = load_err(dir.path(), &Limits::default());
        assert!(err.contains("link.yaml is outside"), "{err}");
        assert!(!err.contains("very-secret"), "{err}");
        std::fs::remove_file(dir.path().join("link.yaml")).unwrap();
    }

    // Allowed explicitly: the file is read (and is not a model).
    std::fs::write(&secret, "components: []\n").unwrap();
    std::fs::write(
        &main,
        format!("include: [{}]\nzones:\n  - {{ id: z }}\n", secret.display()),
    )
    .unwrap();
    let anywhere = Limits {
        include_anywhere: true,
        ..Limits::default()
    };
    assert!(Model::load_with(&main, &anywhere).is_ok());
    // Files inside the directory and below it are fine.
    std::fs::create_dir(dir.path().join("parts")).unwrap();
    std::fs::write(dir.path().join("parts/z.yaml"), "components: []\n").unwrap();
    std::fs::write(&main, "include: [parts/z.yaml]\nzones:\n  - { id: z }\n").unwrap();
    assert!(Model::load_with(&main, &Limits::default()).is_ok());
}

#[cfg(unix)]
#[test]
fn devices_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
    let main = dir.path().join("main.yaml");
    // Even with includes allowed anywhere, /dev/zero is not a regular file.
    std::fs::write(&main, "include: [/dev/zero]\nzones:\n  - { id: z }\n").unwrap();
    let anywhere = Limits {
        include_anywhere: true,
        ..Limits::default()
    };
    let err = load_err(&main, &anywhere);
    assert!(err.contains("/dev/zero is not a regular file"), "{err}");
    // Named directly on the command line: refused as well.
    let err = load_err(Path::new("/dev/zero"), &Limits::default());
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn file_size_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.yaml");
    std::fs::write(&main, "include: [big.yaml]\nzones:\n  - { id: z }\n").unwrap();
    std::fs::write(dir.path().join("big.yaml"), "# ".repeat(600)).unwrap();
    let small = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let err = load_err(&main, &small);
    assert!(err.contains("main.yaml:1:11: error:"), "{err}");
    assert!(
        err.contains("holds 1200 bytes: over the limit of 1000 bytes per file"),
        "{err}"
    );
    assert!(err.contains("CORDON_MODEL_MAX_FILE_BYTES=4000"), "{err}");
}

/// Selectors expand to every pair they name: `from: all, to: all` over
/// 20,000 components would be 4 × 10^8 interactions (6.4 GB). The total is
/// counted before anything is built and checked against the budget: a
/// located error at the rule, naming the limit, not an exhausted machine.
#[test]
fn expanded_interactions_are_budgeted() {
    let dir = tempfile::tempdir().unwrap();
    let model = |n: usize| {
        let mut y = String::from("defaults: false\nzones:\n  - { id: lan }\ncomponents:\n");
        for i in 0..n {
            y.push_str(&format!(
                "  - {{ id: c{i}, kind: workstation, zone: lan }}\n"
            ));
        }
        y.push_str("interactions:\n  - { from: all, to: all, kind: connects }\n");
        y
    };
    let path = dir.path().join("m.yaml");
    std::fs::write(&path, model(20_000)).unwrap();
    let err = load_err(&path, &Limits::default());
    assert!(
        err.contains("m.yaml:20006:5: error: the interactions expand to 400000000"),
        "{err}"
    );
    assert!(
        err.contains("over the limit of 100000000 expanded interactions"),
        "{err}"
    );
    assert!(
        err.contains("CORDON_MODEL_MAX_INTERACTIONS=400000000"),
        "{err}"
    );
    // The bound is exact: 3 × 3 pairs (self-links counted) against 8 and 9.
    std::fs::write(&path, model(3)).unwrap();
    let tight = |n| Limits {
        max_interactions: n,
        ..Limits::default()
    };
    assert!(load_err(&path, &tight(8)).contains("expand to 9"));
    let m = Model::load_with(&path, &tight(9)).unwrap();
    assert_eq!(m.interactions.len(), 6);
}
