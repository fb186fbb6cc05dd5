//! How cordon reads an OpenGraph edge kind it does not know
//! (`data/opengraph_verbs.tsv`): the verb shape of the kind's name
//! (`GH_ReadRepoContents` reads, `GH_CanPush` writes, `GH_Admin` controls,
//! `GH_MemberOf` is a membership), or the edge's own `cordon_kind`.

use std::sync::OnceLock;

/// What an unknown edge kind is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// `reads`.
    Reads,
    /// `writes`.
    Writes,
    /// `controls`.
    Controls,
    /// A membership: `controls` (the member holds what the group holds),
    /// worded "is a member of".
    Member,
}

impl Verb {
    /// The cordon interaction kind.
    pub fn interaction(self) -> &'static str {
        match self {
            Verb::Reads => "reads",
            Verb::Writes => "writes",
            Verb::Controls | Verb::Member => "controls",
        }
    }
}

const TABLE: &str = include_str!("../../data/opengraph_verbs.tsv");

/// (pattern in lower case, reading, pattern as written).
fn table() -> &'static [(String, Verb, &'static str)] {
    static T: OnceLock<Vec<(String, Verb, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (p, r) = l.split_once('\t')?;
                let v = match r.trim() {
                    "reads" => Verb::Reads,
                    "writes" => Verb::Writes,
                    "controls" => Verb::Controls,
                    "member" => Verb::Member,
                    _ => return None,
                };
                Some((p.trim().to_ascii_lowercase(), v, p.trim()))
            })
            .collect()
    })
}

/// Whether `text` (lower case) matches `pattern` (lower case, `*` = any run).
/// Iterative: `*` segments are matched left to right, greedily enough for
/// globs without `?` (each literal segment is found at its first place after
/// the previous one; the last must end the text).
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// The kind without its namespace prefix (`GH_ReadRepoContents` →
/// `ReadRepoContents`).
pub fn unprefixed(kind: &str) -> &str {
    match kind.split_once('_') {
        Some((prefix, rest)) if !prefix.is_empty() && !rest.is_empty() => rest,
        _ => kind,
    }
}

/// The reading of an unknown edge kind by its name and the table line
/// that matched (`None`: no line matches).
pub fn reading(kind: &str) -> Option<(Verb, &'static str)> {
    let name = unprefixed(kind).to_ascii_lowercase();
    table()
        .iter()
        .find(|(p, _, _)| glob(p, &name))
        .map(|(_, v, written)| (*v, *written))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference: a plain recursive glob (fine on short test strings).
    fn glob_ref(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => glob_ref(&p[1..], t) || (!t.is_empty() && glob_ref(p, &t[1..])),
            (Some(a), Some(b)) if a == b => glob_ref(&p[1..], &t[1..]),
            _ => false,
        }
    }

    proptest! {
        #[test]
        fn glob_agrees_with_the_reference(p in "[ab*]{0,6}", t in "[ab]{0,8}") {
            prop_assert_eq!(glob(&p, &t), glob_ref(p.as_bytes(), t.as_bytes()), "{} {}", p, t);
        }
    }

    #[test]
    fn common_verb_shapes_read_as_their_level() {
        for (k, v) in [
            ("GH_ReadRepoContents", Verb::Reads),
            ("GH_CanPull", Verb::Reads),
            ("GH_CanPush", Verb::Writes),
            ("GH_WriteRepoContents", Verb::Writes),
            ("GH_Admin", Verb::Controls),
            ("GH_RepoAdmin", Verb::Controls),
            ("GH_Owner", Verb::Controls),
            ("GH_MemberOf", Verb::Member),
            ("AZ_ManageSecrets", Verb::Controls),
            ("ViewDashboard", Verb::Reads),
        ] {
            assert_eq!(reading(k).map(|r| r.0), Some(v), "{k}");
        }
        assert_eq!(reading("GH_Frobnicate"), None);
    }
}
