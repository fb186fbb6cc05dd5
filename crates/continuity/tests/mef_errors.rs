//! The MEF reader on bad input: every error names file, line, column and the
//! offending name, and nothing panics.

use cordon_continuity::{Error, parse_mef};

fn mef(gates: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<opsa-mef>\n<define-fault-tree name=\"t\">\n{gates}</define-fault-tree>\n<model-data>\n\
         <define-basic-event name=\"pump-a\"><float value=\"0.1\"/></define-basic-event>\n\
         <define-basic-event name=\"pump-b\"><float value=\"0.2\"/></define-basic-event>\n</model-data>\n</opsa-mef>\n"
    )
}

fn mef_error(text: &str) -> (usize, usize, Option<String>, String) {
    match parse_mef(text, "model.xml", None) {
        Err(Error::Mef {
            file,
            line,
            column,
            name,
            message,
        }) => {
            assert_eq!(file, "model.xml");
            (line, column, name, message)
        }
        Err(other) => panic!("expected a located MEF error, got {other}"),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn reads_a_valid_model() {
    let text = mef(
        "<define-gate name=\"top\"><or><basic-event name=\"pump-a\"/><gate name=\"both\"/></or></define-gate>\n\
                    <define-gate name=\"both\"><and><event name=\"pump-a\"/><basic-event name=\"pump-b\"/></and></define-gate>\n",
    );
    let tree = parse_mef(&text, "model.xml", None).unwrap();
    assert_eq!(tree.top_name(), Some("top"));
    let a = tree.analyze(&Default::default()).unwrap();
    assert_eq!(a.mcs_count(), 1);
    assert!((a.probability() - 0.1).abs() < 1e-15);
}

#[test]
fn undefined_gate_suggests_the_closest_name() {
    let text = mef(
        "<define-gate name=\"top\"><or><basic-event name=\"pump-a\"/><gate name=\"pumps\"/></or></define-gate>\n\
                    <define-gate name=\"pump\"><and><basic-event name=\"pump-a\"/><basic-event name=\"pump-b\"/></and></define-gate>\n",
    );
    let (line, column, name, message) = mef_error(&text);
    assert_eq!((line, name.as_deref()), (4, Some("pumps")));
    assert_eq!(column, 57);
    assert!(
        message.contains("undefined gate `pumps`") && message.contains("did you mean `pump`?"),
        "{message}"
    );
}

#[test]
fn undefined_basic_event_is_reported() {
    let text = mef("<define-gate name=\"top\"><basic-event name=\"pump-c\"/></define-gate>\n");
    let (line, _, name, message) = mef_error(&text);
    assert_eq!((line, name.as_deref()), (4, Some("pump-c")));
    assert!(
        message.contains("undefined basic event `pump-c`"),
        "{message}"
    );
}

#[test]
fn cycles_are_reported_with_their_gates() {
    let text = mef(
        "<define-gate name=\"top\"><gate name=\"a\"/></define-gate>\n\
                    <define-gate name=\"a\"><and><gate name=\"b\"/><basic-event name=\"pump-a\"/></and></define-gate>\n\
                    <define-gate name=\"b\"><gate name=\"a\"/></define-gate>\n",
    );
    let (line, _, _, message) = mef_error(&text);
    assert!(
        message.contains("cycle between gates: a -> b -> a"),
        "{message}"
    );
    assert_eq!(line, 6);
}

#[test]
fn malformed_xml_is_located() {
    let text = "<opsa-mef>\n<define-fault-tree name=\"t\">\n<define-gate name=\"top\"><or></and></define-gate>\n";
    let (line, _, _, message) = mef_error(text);
    assert_eq!(line, 3);
    assert!(message.starts_with("malformed XML"), "{message}");
    let (_, _, _, message) = mef_error("<opsa-mef>\n<define-fault-tree name=\"t\">\n");
    assert!(message.contains("never closed"), "{message}");
}

#[test]
fn bad_probabilities_and_arity_are_rejected() {
    let text = mef("<define-gate name=\"top\"><basic-event name=\"pump-a\"/></define-gate>\n")
        .replace("0.1", "1.5");
    let (_, _, name, message) = mef_error(&text);
    assert_eq!(name.as_deref(), Some("pump-a"));
    assert!(message.contains("not within [0, 1]"), "{message}");
    let text = mef(
        "<define-gate name=\"top\"><atleast min=\"3\"><basic-event name=\"pump-a\"/><basic-event name=\"pump-b\"/></atleast></define-gate>\n",
    );
    let (_, _, _, message) = mef_error(&text);
    assert!(
        message.contains("<atleast min=\"3\"> with 2 arguments")
            && message.contains("below the number of arguments"),
        "{message}"
    );
}

#[test]
fn several_roots_need_a_top() {
    let text = mef(
        "<define-gate name=\"g1\"><basic-event name=\"pump-a\"/></define-gate>\n\
                    <define-gate name=\"g2\"><basic-event name=\"pump-b\"/></define-gate>\n",
    );
    match parse_mef(&text, "model.xml", None) {
        Err(Error::Top(message)) => assert!(
            message.contains("g1, g2") && message.contains("--top"),
            "{message}"
        ),
        other => panic!("expected Error::Top, got {:?}", other.err()),
    }
    let tree = parse_mef(&text, "model.xml", Some("g2")).unwrap();
    assert!((tree.analyze(&Default::default()).unwrap().probability() - 0.2).abs() < 1e-15);
}

#[test]
fn duplicate_and_unsupported_elements_are_errors() {
    let text = mef(
        "<define-gate name=\"top\"><basic-event name=\"pump-a\"/></define-gate>\n\
                    <define-gate name=\"top\"><basic-event name=\"pump-b\"/></define-gate>\n",
    );
    let (line, _, name, message) = mef_error(&text);
    assert_eq!((line, name.as_deref()), (5, Some("top")));
    assert!(message.contains("defined twice"), "{message}");
    let text = mef(
        "<define-gate name=\"top\"><imply><basic-event name=\"pump-a\"/></imply></define-gate>\n",
    );
    let (_, _, _, message) = mef_error(&text);
    assert!(message.contains("unsupported formula <imply>"), "{message}");
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "<",
        "<opsa-mef",
        "<x/>",
        "<opsa-mef><define-gate/></opsa-mef>",
        "\u{0}\u{1}<<>>",
        "<opsa-mef><define-gate name=\"a\"><not/></define-gate></opsa-mef>",
    ] {
        assert!(parse_mef(text, "f.xml", None).is_err(), "{text:?}");
    }
}
