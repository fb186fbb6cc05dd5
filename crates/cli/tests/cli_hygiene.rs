//! Small things a careless pipeline does to the CLI (issue 12).

mod common;

use std::io::Read as _;
use std::process::{Command, Stdio};

/// `cordon catalog | head -1`: the reader goes away after one line; cordon
/// stops quietly (SIGPIPE, as Unix tools do) instead of panicking.
#[cfg(unix)]
#[test]
fn broken_pipe_ends_quietly() {
    let mut child = Command::new(common::bin())
        .arg("catalog")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}

/// DOT labels break lines with DOT's `\n` escape, not a literal backslash
/// (the CLI and the web app share one DOT writer, `cordon_report::dot`).
#[test]
fn dot_labels_break_lines() {
    let example = common::EXAMPLE;
    {
        let out = Command::new(common::bin())
            .args(["exposure", example, "--format", "dot"])
            .env("CORDON_MODEL_CACHE", "off")
            .output()
            .unwrap();
        let dot = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{dot}");
        assert!(dot.starts_with("digraph"), "{dot}");
        assert!(dot.contains(r#"label="vpn-gw\nvpn""#), "{dot}");
        assert!(
            !dot.contains(r"\\n"),
            "a literal backslash in a label: {dot}"
        );
    }
}
