//! Substitutions (`define-substitution`) and alignments (`define-alignment`,
//! `define-phase`) of the Open-PSA MEF, as SCRAM 0.16.2 applies them
//! (issue 13):
//!
//! - SCRAM's TwoTrain examples against SCRAM's answers (peer suite) and hand
//!   computations;
//! - declarative substitutions on random small trees against a brute-force
//!   enumeration of every failure scenario (probability: the sum over the
//!   scenarios where the top and every implication hold; cut sets: the
//!   minimal sets of failed events among them, negations dropped as SCRAM
//!   drops them);
//! - a phase's mission time against the closed form of `exponential`.

use std::collections::BTreeSet;

use cordon_continuity::{Error, MefModel, MinimalCutSet, ReadOptions, Settings};
use proptest::prelude::*;

const PEERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/mef-peers/scram/input/TwoTrain"
);

fn answer(model: &MefModel, name: &str) -> (u128, f64) {
    let t = model.target(name).unwrap();
    let tt = model.fault_tree(&t).unwrap();
    let a = tt.tree.analyze(&Settings::default()).unwrap();
    (a.mcs_count(), a.probability())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 5e-6 * b.abs().max(a.abs()) || (a == 0.0 && b == 0.0)
}

#[test]
fn two_train_substitutions_as_scram() {
    // SCRAM 0.16.2: 3 cut sets, 0.329175 (expected.json).
    let m = MefModel::load(
        &[format!("{PEERS}/substitutions.xml")],
        &ReadOptions::default(),
    )
    .unwrap();
    let (n, p) = answer(&m, "TopEvent");
    let t = m.target("TopEvent").unwrap();
    assert_eq!(m.fault_tree(&t).unwrap().tree.top_name(), Some("TopEvent"));
    assert_eq!(n, 3);
    assert!(close(p, 0.329175), "{p}");
}

#[test]
fn two_train_alignment_phase_by_phase() {
    // Without CCF expansion every pump and valve has the group's 0.1.
    // Normal: (V1 | P1) & (V2 | P2) = 0.19^2, 4 cut sets; a pump in
    // maintenance (house event true, `not` under the train): V1 & (V2 | P2)
    // = 0.1 * 0.19, 2 cut sets. SCRAM reported 2 / 0.019 (expected.json).
    let options = ReadOptions {
        ccf: false,
        ..ReadOptions::default()
    };
    let m = MefModel::load(&[format!("{PEERS}/two_train_alignment.xml")], &options).unwrap();
    let names: Vec<String> = m.targets().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "Maintenance/Normal/TopEvent",
            "Maintenance/PumpOne/TopEvent",
            "Maintenance/PumpTwo/TopEvent"
        ]
    );
    let (n, p) = answer(&m, "Maintenance/Normal/TopEvent");
    assert_eq!(n, 4);
    assert!(close(p, 0.19 * 0.19), "{p}");
    for phase in ["PumpOne", "PumpTwo"] {
        let (n, p) = answer(&m, &format!("Maintenance/{phase}/TopEvent"));
        assert_eq!(n, 2, "{phase}");
        assert!(close(p, 0.019), "{phase}: {p}");
    }
    // A bare name is ambiguous: the error lists the phases; `targets_named`
    // gives all of them (what `cordon fta --top TopEvent` runs).
    match m.target("TopEvent") {
        Err(Error::Top(msg)) => assert!(msg.contains("Maintenance/PumpOne/TopEvent"), "{msg}"),
        other => panic!("{:?}", other.map(|t| t.name)),
    }
    assert_eq!(m.targets_named("TopEvent").unwrap().len(), 3);
}

#[test]
fn alignment_phases_as_scram_with_ccf_and_event_trees() {
    // SCRAM 0.16.2 `--ccf 1 --probability 1` on two_train_alignment.xml:
    // Normal 6 products 0.0622587, PumpOne/PumpTwo 4 products 0.0333694.
    let m = MefModel::load(
        &[format!("{PEERS}/two_train_alignment.xml")],
        &ReadOptions::default(),
    )
    .unwrap();
    for (phase, n, p) in [
        ("Normal", 6, 0.0622587),
        ("PumpOne", 4, 0.0333694),
        ("PumpTwo", 4, 0.0333694),
    ] {
        let (got_n, got_p) = answer(&m, &format!("Maintenance/{phase}/TopEvent"));
        assert_eq!(got_n, n, "{phase}");
        assert!(close(got_p, p), "{phase}: {got_p}");
    }
    // SCRAM on attack.xml + attack_alignment.xml: sequences in phase
    // Default/Normal, AttackSucceeds 0.772 and AttackFails 0.228.
    let et = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/mef-peers/scram/input/EventTrees"
    );
    let m = MefModel::load(
        &[
            format!("{et}/attack.xml"),
            format!("{et}/attack_alignment.xml"),
        ],
        &ReadOptions::default(),
    )
    .unwrap();
    for (seq, p) in [("AttackSucceeds", 0.772), ("AttackFails", 0.228)] {
        let (_, got) = answer(&m, &format!("Default/Normal/{seq}"));
        assert!(close(got, p), "{seq}: {got}");
    }
}

#[test]
fn substitutions_apply_to_fault_trees_and_sequences_as_scram() {
    // gas_leak_reactive.xml with `tests/data/gas_leak_substitutions.xml` (a
    // delete-terms and a declarative recovery rule over its events); SCRAM
    // 0.16.2 `--probability 1` on the same two files.
    let et = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/mef-peers/scram/input/EventTrees/gas_leak/gas_leak_reactive.xml"
    );
    let subs = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gas_leak_substitutions.xml"
    );
    let m = MefModel::load(&[et, subs], &ReadOptions::default()).unwrap();
    for (name, n, p) in [
        ("Isolation-valve-A.root", 3, 0.0970306),
        ("Isolation-valve-B.root", 3, 0.0991741),
        ("Blowdown-valve.root", 3, 0.0971378),
        ("S1", 1, 0.810439),
        ("S2", 2, 0.0427565),
        ("S3", 1, 0.0426547),
        ("S4", 2, 0.00225034),
        ("S5", 1, 0.0406235),
        ("S6", 2, 0.00213808),
        ("S7", 2, 0.00427616),
        ("S8", 4, 0.0499929),
    ] {
        let (got_n, got_p) = answer(&m, name);
        assert_eq!(got_n, n, "{name}");
        assert!(close(got_p, p), "{name}: {got_p} vs {p}");
    }
}

#[test]
fn a_phase_scales_the_mission_time() {
    let xml = r#"<opsa-mef>
      <define-alignment name="A">
        <define-phase name="short" time-fraction="0.25"/>
        <define-phase name="long" time-fraction="0.75">
          <set-house-event name="H"><constant value="true"/></set-house-event>
        </define-phase>
      </define-alignment>
      <define-fault-tree name="FT">
        <define-gate name="top"><or><basic-event name="e"/><house-event name="H"/></or></define-gate>
        <define-basic-event name="e">
          <exponential><float value="1e-4"/><system-mission-time/></exponential>
        </define-basic-event>
        <define-house-event name="H"><constant value="false"/></define-house-event>
      </define-fault-tree>
    </opsa-mef>"#;
    let options = ReadOptions {
        mission_time: 1000.0,
        ..ReadOptions::default()
    };
    let m = MefModel::parse(xml, "phase.xml", &options).unwrap();
    // The closed form at a quarter of the mission time (SCRAM 0.16.2 on
    // the same model, --mission-time 1000, gives 1 - exp(-1e-4 * 250) too).
    let (_, p) = answer(&m, "A/short/top");
    let want = 1.0 - (-1e-4f64 * 250.0).exp();
    assert!(close(p, want), "{p} vs {want}");
    let t = m.target("A/short/top").unwrap();
    assert_eq!(m.fault_tree(&t).unwrap().mission_time, 250.0);
    // The house event the long phase sets makes the top certain.
    let (n, p) = answer(&m, "A/long/top");
    assert_eq!((n, p), (1, 1.0));
}

/// An approximate analysis (`--zbdd`) of `name` with the substitutions
/// applied to its cut sets: (sets, rare event, MCUB).
fn on_cut_sets(m: &MefModel, name: &str) -> (BTreeSet<BTreeSet<String>>, f64, f64) {
    let t = m.target(name).unwrap();
    let tt = m.fault_tree(&t).unwrap();
    let a = tt
        .tree
        .analyze(&Settings {
            exact_probability: false,
            ..Settings::default()
        })
        .unwrap();
    let probs: std::collections::HashMap<&str, f64> = tt
        .tree
        .basic_events()
        .iter()
        .map(|e| (e.name.as_str(), e.probability))
        .collect();
    let sets: Vec<MinimalCutSet> = tt
        .substitutions
        .apply(&a.cut_sets(usize::MAX), &|e| probs.get(e).copied())
        .unwrap();
    let rare = sets.iter().map(|c| c.probability).sum();
    let mcub = 1.0 - sets.iter().map(|c| 1.0 - c.probability).product::<f64>();
    let family = sets
        .into_iter()
        .map(|c| c.events.into_iter().collect())
        .collect();
    (family, rare, mcub)
}

fn family(sets: &[&[&str]]) -> BTreeSet<BTreeSet<String>> {
    sets.iter()
        .map(|s| s.iter().map(|e| e.to_string()).collect())
        .collect()
}

#[test]
fn nondeclarative_substitutions_rewrite_cut_sets_as_scram() {
    let file = format!("{PEERS}/nondeclarative_substitutions.xml");
    // Exact analysis (the default): refused, as SCRAM refuses it.
    match MefModel::load(&[&file], &ReadOptions::default()) {
        Err(Error::Mef { line, message, .. }) => {
            assert_eq!(line, 35);
            assert!(message.contains("--zbdd"), "{message}");
        }
        other => panic!("{:?}", other.err()),
    }
    let approximate = ReadOptions {
        approximate: true,
        ..ReadOptions::default()
    };
    let m = MefModel::load(&[&file], &approximate).unwrap();
    let (sets, rare, mcub) = on_cut_sets(&m, "TopEvent");
    // SCRAM 0.16.2 --rare-event / --mcub: 4 products, distribution 1 3,
    // {ValveOne ValveTwo} exchanged to {ValveOne ValveThree}, {PumpOne
    // PumpTwo} recovered to {HotBackupPump}; MCUB 0.908106 (its rare event
    // is clamped to 1; unclamped 0.35 + 0.275 + 0.35 + 0.7).
    assert_eq!(
        sets,
        family(&[
            &["ValveOne", "PumpTwo"],
            &["ValveOne", "ValveThree"],
            &["PumpOne", "ValveTwo"],
            &["HotBackupPump"],
        ])
    );
    assert!(close(rare, 1.675), "{rare}");
    assert!(close(mcub, 0.908106), "{mcub}");
}

#[test]
fn declarative_substitutions_on_cut_sets_as_scram() {
    // SCRAM 0.16.2 --mcub (and --rare-event, --zbdd, --mocus): 3 products,
    // distribution 0 2 0 1, MCUB 0.707926 — the exact analysis' cut sets.
    let approximate = ReadOptions {
        approximate: true,
        ..ReadOptions::default()
    };
    let m = MefModel::load(&[format!("{PEERS}/substitutions.xml")], &approximate).unwrap();
    let (sets, _, mcub) = on_cut_sets(&m, "TopEvent");
    assert_eq!(
        sets,
        family(&[
            &["ValveOne", "PumpTwo"],
            &["PumpOne", "ValveTwo"],
            &["PumpOne", "PumpTwo", "HotBackupPump", "ColdBackupPump"],
        ])
    );
    assert!(close(mcub, 0.707926), "{mcub}");
}

/// Models SCRAM refuses, each refused here with a location.
#[test]
fn invalid_substitutions_and_alignments_are_located() {
    let cases: &[(&str, &str)] = &[
        (
            r#"<define-substitution name="S"><hypothesis><and><basic-event name="a"/><basic-event name="a"/></and></hypothesis><target><basic-event name="b"/></target></define-substitution>"#,
            "appears twice",
        ),
        (
            r#"<define-substitution name="S"><hypothesis><nand><basic-event name="a"/><basic-event name="b"/></nand></hypothesis><target><basic-event name="b"/></target></define-substitution>"#,
            "coherent",
        ),
        (
            r#"<define-substitution name="S"><hypothesis><and><basic-event name="a"/><basic-event name="b"/></and></hypothesis><target><constant value="true"/></target></define-substitution>"#,
            "no effect",
        ),
        (
            r#"<define-substitution name="S" type="delete-terms"><hypothesis><and><basic-event name="a"/><basic-event name="b"/></and></hypothesis><target><basic-event name="b"/></target></define-substitution>"#,
            "recovery-rule",
        ),
        (
            r#"<define-substitution name="S"><hypothesis><and><basic-event name="a"/><basic-event name="b"/></and></hypothesis><source><basic-event name="a"/></source><target><basic-event name="b"/></target></define-substitution>"#,
            "non-declarative",
        ),
        (
            r#"<define-substitution name="S"><hypothesis><event name="g"/></hypothesis><target><basic-event name="b"/></target></define-substitution>"#,
            "is a gate",
        ),
        (
            r#"<define-alignment name="A"><define-phase name="p" time-fraction="0.5"/></define-alignment>"#,
            "summing to 0.5",
        ),
        (
            r#"<define-alignment name="A"><define-phase name="p" time-fraction="0"/><define-phase name="q" time-fraction="1"/></define-alignment>"#,
            "not within (0, 1]",
        ),
        (
            r#"<define-alignment name="A"><define-phase name="p" time-fraction="1"><set-house-event name="nope"><constant value="true"/></set-house-event></define-phase></define-alignment>"#,
            "undefined house event",
        ),
    ];
    for (fragment, want) in cases {
        let xml = format!(
            r#"<opsa-mef>
{fragment}
<define-fault-tree name="FT"><define-gate name="g"><or><basic-event name="a"/><basic-event name="b"/></or></define-gate></define-fault-tree>
<model-data><define-basic-event name="a"><float value="0.1"/></define-basic-event><define-basic-event name="b"><float value="0.2"/></define-basic-event></model-data>
</opsa-mef>"#
        );
        match MefModel::parse(&xml, "bad.xml", &ReadOptions::default()) {
            Err(Error::Mef { line, message, .. }) => {
                assert_eq!(line, 2, "{fragment}: {message}");
                assert!(message.contains(want), "{fragment}: {message}");
            }
            Err(e) => panic!("{fragment}: not located: {e}"),
            Ok(_) => panic!("{fragment}: accepted"),
        }
    }
}

// ---------------------------------------------------------------------------
// Declarative substitutions against brute force.

/// A small random formula over events 0..n: (connective, arguments).
#[derive(Clone, Debug)]
enum Node {
    Event(usize),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

fn node(n: usize) -> impl Strategy<Value = Node> {
    let leaf = (0..n).prop_map(Node::Event);
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Node::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Node::Or),
            inner.prop_map(|x| Node::Not(Box::new(x))),
        ]
    })
}

fn xml_of(node: &Node) -> String {
    match node {
        Node::Event(i) => format!(r#"<basic-event name="e{i}"/>"#),
        Node::And(a) => format!("<and>{}</and>", a.iter().map(xml_of).collect::<String>()),
        Node::Or(a) => format!("<or>{}</or>", a.iter().map(xml_of).collect::<String>()),
        Node::Not(x) => format!("<not>{}</not>", xml_of(x)),
    }
}

fn eval(node: &Node, s: u32) -> bool {
    match node {
        Node::Event(i) => s >> i & 1 == 1,
        Node::And(a) => a.iter().all(|x| eval(x, s)),
        Node::Or(a) => a.iter().any(|x| eval(x, s)),
        Node::Not(x) => !eval(x, s),
    }
}

/// A declarative substitution: hypothesis connective (0 single event, 1
/// and, 2 or, 3 atleast 2), its distinct events, target (`None` = false).
#[derive(Clone, Debug)]
struct Sub {
    op: u8,
    events: Vec<usize>,
    target: Option<usize>,
}

fn sub(n: usize) -> impl Strategy<Value = Sub> {
    (
        0u8..4,
        prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=3),
        prop::option::of(0..n),
    )
        .prop_map(|(op, events, target)| {
            let op = if events.len() == 1 {
                0
            } else if op == 0 || (op == 3 && events.len() < 3) {
                1
            } else {
                op
            };
            Sub { op, events, target }
        })
}

fn sub_xml(i: usize, s: &Sub) -> String {
    let refs: String = s
        .events
        .iter()
        .map(|e| format!(r#"<basic-event name="e{e}"/>"#))
        .collect();
    let hyp = match s.op {
        0 => refs,
        1 => format!("<and>{refs}</and>"),
        2 => format!("<or>{refs}</or>"),
        _ => format!(r#"<atleast min="2">{refs}</atleast>"#),
    };
    let target = s
        .target
        .map_or(r#"<constant value="false"/>"#.to_string(), |t| {
            format!(r#"<basic-event name="e{t}"/>"#)
        });
    format!(
        r#"<define-substitution name="S{i}"><hypothesis>{hyp}</hypothesis><target>{target}</target></define-substitution>"#
    )
}

fn holds(s: &Sub, state: u32) -> bool {
    let on = s.events.iter().filter(|&&e| state >> e & 1 == 1).count();
    let h = match s.op {
        0 | 1 => on == s.events.len(),
        2 => on >= 1,
        _ => on >= 2,
    };
    !h || s.target.is_some_and(|t| state >> t & 1 == 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn declarative_substitutions_match_brute_force(
        top in node(5),
        subs in prop::collection::vec(sub(5), 1..3),
        probs in prop::collection::vec(0.05f64..0.95, 5),
    ) {
        let n = 5;
        let mut xml = String::from("<opsa-mef><define-fault-tree name=\"FT\">");
        // `top OR false`: a single-event formula is still a gate.
        xml.push_str(&format!(
            r#"<define-gate name="top"><or>{}<constant value="false"/></or></define-gate>"#,
            xml_of(&top)
        ));
        for (i, p) in probs.iter().enumerate() {
            xml.push_str(&format!(r#"<define-basic-event name="e{i}"><float value="{p}"/></define-basic-event>"#));
        }
        xml.push_str("</define-fault-tree>");
        for (i, s) in subs.iter().enumerate() {
            xml.push_str(&sub_xml(i, s));
        }
        xml.push_str("</opsa-mef>");
        // Random formulas may repeat an argument: read as a multiset.
        let lenient = ReadOptions { lenient: true, ..ReadOptions::default() };
        let m = MefModel::parse(&xml, "random.xml", &lenient)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        let (count, p) = answer(&m, "top");

        let mut want_p = 0.0;
        let mut scenarios: Vec<u32> = Vec::new();
        for state in 0u32..1 << n {
            if eval(&top, state) && subs.iter().all(|s| holds(s, state)) {
                want_p += (0..n)
                    .map(|i| if state >> i & 1 == 1 { probs[i] } else { 1.0 - probs[i] })
                    .product::<f64>();
                scenarios.push(state);
            }
        }
        let minimal: BTreeSet<u32> = scenarios
            .iter()
            .copied()
            .filter(|&s| !scenarios.iter().any(|&t| t != s && t & s == t))
            .collect();
        prop_assert!((p - want_p).abs() <= 1e-9, "p {} vs {}\n{}", p, want_p, xml);
        prop_assert_eq!(count, minimal.len() as u128, "{}", xml);
    }

    #[test]
    fn substitutions_on_cut_sets_match_brute_force(
        top in coherent_node(5),
        subs in prop::collection::vec(sub(5), 1..3),
        probs in prop::collection::vec(0.05f64..0.95, 5),
    ) {
        // A coherent top: its cut sets are exact, and the substitutions
        // applied to them must give the minimal failure sets of
        // top AND (hypothesis implies target) for every substitution.
        let n = 5;
        let mut xml = String::from("<opsa-mef><define-fault-tree name=\"FT\">");
        xml.push_str(&format!(
            r#"<define-gate name="top"><or>{}<constant value="false"/></or></define-gate>"#,
            xml_of(&top)
        ));
        for (i, p) in probs.iter().enumerate() {
            xml.push_str(&format!(r#"<define-basic-event name="e{i}"><float value="{p}"/></define-basic-event>"#));
        }
        xml.push_str("</define-fault-tree>");
        for (i, s) in subs.iter().enumerate() {
            xml.push_str(&sub_xml(i, s));
        }
        xml.push_str("</opsa-mef>");
        let options = ReadOptions { lenient: true, approximate: true, ..ReadOptions::default() };
        let m = MefModel::parse(&xml, "random.xml", &options)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        let (got, _, _) = on_cut_sets(&m, "top");

        let mut scenarios: Vec<u32> = Vec::new();
        for state in 0u32..1 << n {
            if eval(&top, state) && subs.iter().all(|s| holds(s, state)) {
                scenarios.push(state);
            }
        }
        let want: BTreeSet<BTreeSet<String>> = scenarios
            .iter()
            .copied()
            .filter(|&s| !scenarios.iter().any(|&t| t != s && t & s == t))
            .map(|s| (0..n).filter(|i| s >> i & 1 == 1).map(|i| format!("e{i}")).collect())
            .collect();
        prop_assert_eq!(got, want, "{}", xml);
    }
}

fn coherent_node(n: usize) -> impl Strategy<Value = Node> {
    let leaf = (0..n).prop_map(Node::Event);
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Node::And),
            prop::collection::vec(inner, 2..4).prop_map(Node::Or),
        ]
    })
}

/// SCRAM 0.16.2's verdict on its substitution inputs in an approximate
/// analysis (`scram FILE --validate --rare-event`, in
/// `tests/data/scram_substitutions_rare_event.txt`): with
/// `ReadOptions::approximate` cordon accepts exactly the valid ones and
/// refuses the others with a location.
#[test]
fn substitution_validity_in_approximate_analyses_as_scram() {
    const VERDICTS: &str = include_str!("data/scram_substitutions_rare_event.txt");
    const ROOT: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/mef-peers/"
    );
    // SCRAM's default: CCF groups not expanded (with `--ccf` and `--zbdd`
    // cordon refuses a substitution naming a CCF member, see the docs).
    let options = ReadOptions {
        approximate: true,
        ccf: false,
        ..ReadOptions::default()
    };
    let mut failures = Vec::new();
    for line in VERDICTS.lines().filter(|l| !l.trim().is_empty()) {
        let (file, verdict) = line.split_once(" :: ").unwrap();
        let outcome = MefModel::load(&[format!("{ROOT}{file}")], &options).and_then(|m| {
            for t in m.targets()? {
                m.fault_tree(&t)?;
            }
            Ok(())
        });
        match (verdict == "valid", outcome) {
            (true, Ok(())) => {}
            (false, Err(Error::Mef { line, .. })) if line >= 1 => {}
            (true, Err(e)) => failures.push(format!("{file}: SCRAM accepts it, cordon: {e}")),
            (false, Ok(())) => {
                failures.push(format!("{file}: SCRAM says {verdict}, cordon accepts"))
            }
            (false, Err(e)) => failures.push(format!("{file}: refused without a location: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Inputs SCRAM 0.16.2 refuses (`scram FILE --validate`, checked by hand)
/// that `lenient` reads one way: refused by default, read with it.
#[test]
fn strict_by_default_lenient_on_request() {
    let cases = [
        r#"<define-gate name="g.x"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate>"#,
        r#"<define-gate name="g"><and><basic-event name="a"/></and></define-gate>"#,
        r#"<define-gate name="g"><and><basic-event name="a"/><basic-event name="a"/><basic-event name="b"/></and></define-gate>"#,
        r#"<define-gate name="g"><label> </label><and><basic-event name="a"/><basic-event name="b"/></and></define-gate>"#,
        r#"<define-gate name="g" xsi:foo="1"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate>"#,
        r#"</define-fault-tree><define-gate name="g"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate><define-fault-tree name="FT2">"#,
    ];
    let lenient = ReadOptions {
        lenient: true,
        ..ReadOptions::default()
    };
    for gate in cases {
        let xml = format!(
            r#"<opsa-mef xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><define-fault-tree name="FT">
{gate}
<define-basic-event name="a"><float value="0.1"/></define-basic-event><define-basic-event name="b"><float value="0.2"/></define-basic-event></define-fault-tree></opsa-mef>"#
        );
        match MefModel::parse(&xml, "strict.xml", &ReadOptions::default()) {
            Err(Error::Mef { line, message, .. }) => {
                assert_eq!(line, 2, "{gate}: {message}");
                assert!(message.contains("--lenient"), "{gate}: {message}");
            }
            other => panic!("{gate}: {:?}", other.err()),
        }
        let m = MefModel::parse(&xml, "strict.xml", &lenient).unwrap();
        let t = m.targets().unwrap();
        assert_eq!(t.len(), 1, "{gate}");
        m.fault_tree(&t[0]).unwrap();
    }
}

#[test]
fn nondeclarative_or_hypothesis_acts_per_event_as_scram() {
    // `tests/data/nondeclarative_or_hypothesis.xml`: 2-of-{a, b, c, e}, an
    // <or> hypothesis (a or b: c replaced by d) and an exchange (e and b:
    // e replaced by f). SCRAM 0.16.2 --rare-event: 3 products {a d},
    // {b d}, {c e}, rare event 0.165.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/nondeclarative_or_hypothesis.xml"
    );
    let approximate = ReadOptions {
        approximate: true,
        ..ReadOptions::default()
    };
    let m = MefModel::load(&[file], &approximate).unwrap();
    let (sets, rare, _) = on_cut_sets(&m, "top");
    assert_eq!(sets, family(&[&["a", "d"], &["b", "d"], &["c", "e"]]));
    assert!(close(rare, 0.165), "{rare}");
}
