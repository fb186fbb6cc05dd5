//! Path text rendering for the terminal; the JSON shapes live in
//! `cordon_report`, shared with the HTTP API.

use cordon_paths::AttackPath;
use cordon_paths::reading::Names;

pub use cordon_report::{origin, path_view};

/// Text rendering of a path: a header line and one numbered line per hop,
/// components by [`Names::name`] (a shared name told apart: "(OU)").
pub fn path_text(names: &Names, p: &AttackPath, indent: &str) -> String {
    labelled_path_text(names, p, indent, indent)
}

/// Like [`path_text`], with a label (`  #2 `) before the header line.
pub fn labelled_path_text(names: &Names, p: &AttackPath, label: &str, indent: &str) -> String {
    let mut s = format!(
        "{label}{} → {}: {} in {}\n",
        names.name(p.source),
        names.name(p.target),
        p.level,
        cordon_report::words::count(p.hops.len(), "hop")
    );
    for (n, h) in p.hops.iter().enumerate() {
        s.push_str(&format!(
            "{indent}  {}. {}\n",
            n + 1,
            h.explain_named(names)
        ));
    }
    s
}
