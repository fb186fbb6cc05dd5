//! Imports that are interrupted, edit hand-written files or meet XML they
//! cannot represent (issue 12, reproducers F12, F13, F16 in
//! `shared/cases/reliability/`): the model always loads as the old or the
//! new import, never a mix; modes are kept; nothing is silently changed.

mod common;
use common::{bin, import_data as data};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn csv_import(csv: &Path, model: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(["import", "csv"])
        .arg(csv)
        .args([
            "--map",
            "id=hostname,kind=ci_class,zone=network_segment,tags=labels",
            "--kind-map",
        ])
        .arg(data("kinds.map"))
        .arg("-o")
        .arg(model)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// The CMDB of `tests/data/cmdb.csv` with its clinical systems moved to
/// `zone`, and `extra` more servers in that zone (so that an import takes
/// long enough to be interrupted in the middle).
fn cmdb_in_zone(dir: &Path, zone: &str, extra: usize) -> PathBuf {
    let base = std::fs::read_to_string(data("cmdb.csv")).unwrap();
    let mut s = base.replace(",clinical,", &format!(",{zone},"));
    for i in 0..extra {
        s.push_str(&format!(
            "srv-{i},Windows Server,{zone},backed-up,no,no,low,,Infra team,Windows Server 2022\n"
        ));
    }
    let p = dir.join(format!("{zone}.csv"));
    std::fs::write(&p, s).unwrap();
    p
}

/// The zone every imported clinical server is in, or an error if the model
/// does not load or mixes two imports.
fn zone_of_imported(model: &Path) -> Result<String, String> {
    let m = cordon_model::Model::load(model).map_err(|e| format!("does not load: {e}"))?;
    let mut zones: Vec<String> = m
        .components
        .iter()
        .filter(|c| c.id.starts_with("srv-") || c.id == "ehr-db-01")
        .map(|c| m.zones[c.zone.0 as usize].id.clone())
        .collect();
    zones.sort();
    zones.dedup();
    match zones.as_slice() {
        [z] => Ok(z.clone()),
        other => Err(format!("a mix of two imports: zones {other:?}")),
    }
}

fn leftovers(model: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for d in [model.to_path_buf(), model.join(".imported")] {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(".cordon-import-") {
                out.push(format!("{}/{n}", d.display()));
            }
        }
    }
    out
}

/// F12: an import killed at any moment leaves the old or the new model,
/// and the next import removes what the killed one left behind.
#[test]
fn import_killed_at_any_moment_leaves_old_or_new_model() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("M");
    let a = cmdb_in_zone(tmp.path(), "clinical", 3000);
    let b = cmdb_in_zone(tmp.path(), "clinical2", 3000);
    assert!(csv_import(&a, &model).status().unwrap().success());
    assert_eq!(zone_of_imported(&model).unwrap(), "clinical");
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut before = "clinical".to_string();
    let mut interrupted = 0;
    for round in 0..24 {
        let (csv, new) = if round % 2 == 0 {
            (&b, "clinical2")
        } else {
            (&a, "clinical")
        };
        let mut child = csv_import(csv, &model).spawn().unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_micros(rng % 120_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        {
            use std::os::unix::process::ExitStatusExt as _;
            interrupted += usize::from(status.signal().is_some());
        }
        let now = zone_of_imported(&model)
            .unwrap_or_else(|e| panic!("round {round} (exit {status:?}): {e}"));
        assert!(now == before || now == new, "round {round}: {now}");
        before = now;
    }
    assert!(
        interrupted > 0,
        "no import was interrupted: the test proves nothing"
    );
    // A complete import cleans what the killed ones left.
    assert!(csv_import(&b, &model).status().unwrap().success());
    assert_eq!(zone_of_imported(&model).unwrap(), "clinical2");
    assert!(leftovers(&model).is_empty(), "{:?}", leftovers(&model));
    let generations = std::fs::read_dir(model.join(".imported"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .count();
    assert_eq!(generations, 1, "old generations are removed");
}

/// F12, upgrade path: a model whose `imported/` is a plain directory (from
/// before generations) is switched to the link atomically.
#[test]
fn plain_imported_directory_is_upgraded_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("M");
    let a = cmdb_in_zone(tmp.path(), "clinical", 0);
    let b = cmdb_in_zone(tmp.path(), "clinical2", 0);
    assert!(csv_import(&a, &model).status().unwrap().success());
    // Turn the link back into a plain directory, as older imports wrote it.
    let link = model.join("imported");
    let target = link.canonicalize().unwrap();
    std::fs::remove_file(&link).unwrap();
    std::fs::rename(&target, &link).unwrap();
    assert_eq!(zone_of_imported(&model).unwrap(), "clinical");
    assert!(csv_import(&b, &model).status().unwrap().success());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(zone_of_imported(&model).unwrap(), "clinical2");
    assert!(leftovers(&model).is_empty(), "{:?}", leftovers(&model));
}

/// F13: a hand-written file the importer edits keeps its mode; generated
/// files are world-readable like files the user writes.
#[cfg(unix)]
#[test]
fn modes_are_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("M");
    std::fs::create_dir_all(&model).unwrap();
    let estate = model.join("estate.yaml");
    std::fs::write(
        &estate,
        "name: x\nzones:\n  - { id: internet, external: true }\n",
    )
    .unwrap();
    for mode in [0o644, 0o640] {
        std::fs::set_permissions(&estate, std::fs::Permissions::from_mode(mode)).unwrap();
        let csv = cmdb_in_zone(tmp.path(), &format!("z{mode:o}"), 0);
        assert!(csv_import(&csv, &model).status().unwrap().success());
        let got = std::fs::metadata(&estate).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "estate.yaml mode");
    }
    for e in std::fs::read_dir(model.join("imported")).unwrap().flatten() {
        let got = e.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(got, 0o644, "{}", e.path().display());
    }
}

/// F16: an entity nmap never declares is an error naming it, not part of an id.
#[test]
fn nmap_undefined_entity_is_an_error() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/cases/reliability/nmap-undefined-entity.xml");
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(bin())
        .args(["import", "nmap"])
        .arg(&case)
        .arg("-o")
        .arg(tmp.path().join("M"))
        .arg("--dry-run")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}{err}");
    assert!(
        !stdout.contains("x-dc01") && !stdout.contains("&x;"),
        "{stdout}"
    );
    assert!(err.contains("hostname") && err.contains("line 6"), "{err}");
}
