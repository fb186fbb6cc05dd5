//! Pictures of the estate: Graphviz DOT generated here, laid out by `dot -Tsvg` (Graphviz)
//! when it is installed. The SVG is served as an image (`<img src>`), so nothing in it runs.

use std::io::Write;
use std::process::{Command, Stdio};

pub use cordon_report::dot::{dot_id, estate_dot, exposure_dot};

/// Runs `dot -Tsvg` (Graphviz); `None` when it is not installed or fails.
pub fn svg(dot: &str) -> Option<String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let text = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().ok()?;
    let _ = writer.join();
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}
