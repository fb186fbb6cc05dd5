//! The reader-side reproducers of `shared/cases/mef/README.md` (issue 13),
//! each with SCRAM 0.16.2's answer where SCRAM has one.

use cordon_continuity::{Error, MefModel, ReadOptions, Settings, TargetKind};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/cases/mef");

fn load(files: &[&str], options: &ReadOptions) -> Result<MefModel, Error> {
    let paths: Vec<String> = files.iter().map(|f| format!("{DIR}/{f}")).collect();
    MefModel::load(&paths, options)
}

/// (cut sets, probability, has probabilities) of one named target.
fn answer(model: &MefModel, name: &str) -> (u128, f64, bool) {
    let t = model.target(name).unwrap();
    let tt = model.fault_tree(&t).unwrap();
    let a = tt.tree.analyze(&Settings::default()).unwrap();
    (a.mcs_count(), a.probability(), tt.has_probabilities)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 5e-6 * b.abs()
}

fn located(result: Result<MefModel, Error>) -> (usize, usize, String) {
    match result {
        Err(Error::Mef {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        Err(other) => panic!("expected a located error, got {other}"),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn two_root_elements_are_refused_at_the_second() {
    let (line, column, message) =
        located(load(&["two_root_elements.xml"], &ReadOptions::default()));
    assert_eq!((line, column), (12, 1), "{message}");
    assert!(message.contains("more than one root element"), "{message}");
}

#[test]
fn utf16_with_bom_and_latin1_are_decoded() {
    let m = load(&["utf16_bom.xml"], &ReadOptions::default()).unwrap();
    let (n, p, _) = answer(&m, "top");
    assert!(n == 3 && close(p, 0.098), "{n} {p}");
    let m = load(&["latin1_encoding.xml"], &ReadOptions::default()).unwrap();
    let (n, p, _) = answer(&m, "top");
    assert!(n == 2 && close(p, 0.19), "{n} {p}");
}

#[test]
fn undecodable_bytes_are_located() {
    let dir = std::env::temp_dir().join(format!("cordon-mef-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.xml");
    std::fs::write(
        &file,
        b"<?xml version=\"1.0\"?>\n<opsa-mef>\n<label>\xff\xfe\xfd</label>\n</opsa-mef>\n",
    )
    .unwrap();
    let (line, _, message) = located(MefModel::load(&[&file], &ReadOptions::default()));
    assert_eq!(line, 3, "{message}");
    assert!(message.contains("not valid UTF-8"), "{message}");
}

#[test]
fn private_roles_and_qualified_names() {
    let m = load(
        &["private_role_qualified_names.xml"],
        &ReadOptions::default(),
    )
    .unwrap();
    let names: Vec<String> = m.targets().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["FT1.TOP", "FT2.TOP", "Loss"]);
    let (n, p, _) = answer(&m, "Loss");
    assert!(n == 2 && close(p, 0.224), "{n} {p}");
    let (n, p, _) = answer(&m, "FT2.TOP");
    assert!(n == 2 && close(p, 0.44), "{n} {p}");
    // A bare private name shared by two fault trees is ambiguous.
    match m.target("TOP") {
        Err(Error::Top(message)) => assert!(
            message.contains("FT1.TOP") && message.contains("FT2.TOP"),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn atleast_messages_name_min_and_its_range() {
    for (file, min) in [
        ("atleast_min0_message.xml", 0),
        ("atleast_min4_message.xml", 4),
    ] {
        let (_, _, message) = located(load(&[file], &ReadOptions::default()));
        assert!(
            message.contains(&format!("min=\"{min}\""))
                && message.contains("at least 2 and below the number of arguments"),
            "{message}"
        );
    }
}

#[test]
fn a_model_of_two_files() {
    let m = load(
        &[
            "multi_file/baobab1.xml",
            "multi_file/baobab1-basic-events.xml",
        ],
        &ReadOptions::default(),
    )
    .unwrap();
    let (n, p, _) = answer(&m, "r1");
    assert!(n == 46188 && close(p, 1.2823e-06), "{n} {p}");
    // Either file alone is refused, located at the first undefined name.
    let (_, _, message) = located(load(&["multi_file/baobab1.xml"], &ReadOptions::default()));
    assert!(message.contains("undefined"), "{message}");
}

#[test]
fn beta_factor_ccf_is_expanded() {
    let m = load(&["ccf_beta_factor.xml"], &ReadOptions::default()).unwrap();
    let (n, p, _) = answer(&m, "TopEvent");
    assert!(n == 10 && close(p, 0.0430804), "{n} {p}");
    // Without expansion, SCRAM's default.
    let m = load(
        &["ccf_beta_factor.xml"],
        &ReadOptions {
            ccf: false,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let (n, p, _) = answer(&m, "TopEvent");
    assert!(n == 8 && close(p, 0.006859), "{n} {p}");
}

#[test]
fn exponential_at_the_mission_time() {
    let m = load(&["exponential_mission_time.xml"], &ReadOptions::default()).unwrap();
    let (_, p, _) = answer(&m, "top");
    assert!(close(p, 0.0838727), "{p}");
    let m = load(
        &["exponential_mission_time.xml"],
        &ReadOptions {
            mission_time: 100.0,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let (_, p, _) = answer(&m, "top");
    assert!(close(p, 0.0009995), "{p}");
}

#[test]
fn house_event_without_constant_is_false() {
    let m = load(
        &["house_event_without_constant.xml"],
        &ReadOptions::default(),
    )
    .unwrap();
    let (n, p, _) = answer(&m, "TopEvent");
    assert!(n == 2 && close(p, 0.51), "{n} {p}");
}

#[test]
fn cut_sets_without_probabilities() {
    let m = load(
        &["qualitative_no_probabilities.xml"],
        &ReadOptions::default(),
    )
    .unwrap();
    let (n, _, has_probabilities) = answer(&m, "TopEvent");
    assert_eq!(n, 4);
    assert!(!has_probabilities);
}

#[test]
fn names_are_trimmed() {
    let m = load(&["trailing_spaces_in_names.xml"], &ReadOptions::default()).unwrap();
    let (n, p, _) = answer(&m, "TopEvent");
    assert!(n == 4 && close(p, 0.646), "{n} {p}");
}

#[test]
fn event_type_must_match_the_definition() {
    let (_, _, message) = located(load(
        &["event_type_attribute_ignored.xml"],
        &ReadOptions::default(),
    ));
    assert!(
        message.contains("undefined gate `a`") && message.contains("is a basic event"),
        "{message}"
    );
}

fn nested(depth: usize) -> String {
    let mut s = String::from("<opsa-mef><define-fault-tree name=\"t\"><define-gate name=\"top\">");
    for _ in 0..depth {
        s.push_str("<or><basic-event name=\"x\"/>");
    }
    s.push_str("<basic-event name=\"y\"/>");
    for _ in 0..depth {
        s.push_str("</or>");
    }
    s.push_str(
        "</define-gate><define-basic-event name=\"x\"><float value=\"0.1\"/></define-basic-event>",
    );
    s.push_str("<define-basic-event name=\"y\"><float value=\"0.2\"/></define-basic-event></define-fault-tree></opsa-mef>");
    s
}

#[test]
fn deep_nesting_is_a_located_error_not_a_crash() {
    // The reproducer has about 10,000 nested formulas; the test thread has
    // a 2 MB stack, smaller than the CLI's main thread.
    let (line, column, message) = located(MefModel::parse(
        &nested(10_000),
        "deep.xml",
        &ReadOptions::default(),
    ));
    assert_eq!(line, 1);
    assert!(column > 1000);
    assert!(message.contains("nested deeper than 1000"), "{message}");
    // Just under the limit reads and analyses.
    let m = MefModel::parse(&nested(990), "deep.xml", &ReadOptions::default()).unwrap();
    let (n, _, _) = answer(&m, "top");
    assert_eq!(n, 2);
}

#[test]
fn event_tree_sequences_are_quantified() {
    // SCRAM's gas-leak example (peer suite): the reactive tree alone.
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/mef-peers/scram/input/EventTrees/gas_leak"
    );
    let m = MefModel::load(
        &[format!("{dir}/gas_leak_reactive.xml")],
        &ReadOptions::default(),
    )
    .unwrap();
    let seqs: Vec<String> = m
        .targets()
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TargetKind::Sequence)
        .map(|t| t.name)
        .collect();
    assert_eq!(seqs, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"]);
    let (n, p, _) = answer(&m, "S8");
    assert!(n == 5 && close(p, 0.0502485), "{n} {p}");
    let (n, p, _) = answer(&m, "S1");
    assert!(n == 1 && close(p, 0.810439), "{n} {p}");
}

#[test]
fn long_branch_chains_are_walked_or_refused_without_a_crash() {
    // A chain of branch references, each one level deeper in the walk.
    let chain = |n: usize| {
        let mut s = String::from(
            "<opsa-mef><define-initiating-event name=\"I\" event-tree=\"T\"/><define-event-tree name=\"T\"><define-sequence name=\"S\"/>",
        );
        for i in 0..n {
            s.push_str(&format!(
                "<define-branch name=\"B{i}\"><branch name=\"B{}\"/></define-branch>",
                i + 1
            ));
        }
        s.push_str(&format!(
            "<define-branch name=\"B{n}\"><sequence name=\"S\"/></define-branch>"
        ));
        s.push_str(
            "<initial-state><branch name=\"B0\"/></initial-state></define-event-tree></opsa-mef>",
        );
        s
    };
    let m = MefModel::parse(&chain(400), "chain.xml", &ReadOptions::default()).unwrap();
    let (n, p, _) = answer(&m, "S");
    assert!(n == 1 && p == 1.0);
    match MefModel::parse(&chain(5_000), "chain.xml", &ReadOptions::default()) {
        Err(e) => assert!(e.to_string().contains("deeper than"), "{e}"),
        Ok(_) => panic!("a 5,000-branch chain should exceed the walk depth"),
    }
}
