//! Selectors name sets of components: `ehr-db`, `kind:server-os`,
//! `zone:clinical`, `tag:domain-joined`, and the groups `entry-points`,
//! `crown-jewels`, `external` and `all`.

use std::fmt;

/// A set of components, by name. Resolved against a model with
/// [`crate::Model::select`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selector {
    /// One component by id.
    Id(String),
    /// Every component of a catalog kind.
    Kind(String),
    /// Every component in a zone.
    Zone(String),
    /// Every component carrying a tag.
    Tag(String),
    /// Components reachable from outside: `exposed` ones and those in external zones.
    EntryPoints,
    /// Components marked `crown_jewel: true`.
    CrownJewels,
    /// Components in external zones.
    External,
    /// Every component.
    All,
}

/// Why a selector does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SelectorError {
    /// What is wrong.
    pub message: String,
}

impl Selector {
    /// Parses a selector. Component ids contain letters, digits, `-`, `_`,
    /// `.` and `@`; a bare component reference may also be a readable name
    /// with spaces (`DOMAIN ADMINS@CORP.LOCAL`), which
    /// [`crate::Model::resolve_component`] resolves. Kinds, zones and tags
    /// are names.
    pub fn parse(text: &str) -> Result<Selector, SelectorError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(SelectorError {
                message: "empty selector".into(),
            });
        }
        if let Some((prefix, rest)) = text.split_once(':') {
            let rest = rest.trim();
            if prefix.trim() == "id" && is_reference(rest) {
                return Ok(Selector::Id(rest.into()));
            }
            check_name(rest, text)?;
            return match prefix.trim() {
                "kind" => Ok(Selector::Kind(rest.into())),
                "zone" => Ok(Selector::Zone(rest.into())),
                "tag" => Ok(Selector::Tag(rest.into())),
                "id" => Ok(Selector::Id(rest.into())),
                other => Err(SelectorError {
                    message: format!(
                        "unknown selector prefix `{other}:` in `{text}` (expected kind:, zone:, tag: or id:)"
                    ),
                }),
            };
        }
        Ok(match text {
            "entry-points" => Selector::EntryPoints,
            "crown-jewels" => Selector::CrownJewels,
            "external" => Selector::External,
            "all" | "*" => Selector::All,
            id => {
                if !is_reference(id) {
                    check_name(id, text)?;
                }
                Selector::Id(id.into())
            }
        })
    }
}

/// Whether `name` is a valid identifier: letters, digits, `-`, `_`, `.`, `@`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
}

/// Whether `text` may name a component by id or readable name: not empty,
/// no control characters (spaces inside are fine: `DOMAIN ADMINS@CORP.LOCAL`).
fn is_reference(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(char::is_control)
}

fn check_name(name: &str, whole: &str) -> Result<(), SelectorError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(SelectorError {
            message: format!(
                "`{whole}` is not a selector: names use letters, digits, '-', '_', '.', '@'"
            ),
        })
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Id(s) => f.write_str(s),
            Selector::Kind(s) => write!(f, "kind:{s}"),
            Selector::Zone(s) => write!(f, "zone:{s}"),
            Selector::Tag(s) => write!(f, "tag:{s}"),
            Selector::EntryPoints => f.write_str("entry-points"),
            Selector::CrownJewels => f.write_str("crown-jewels"),
            Selector::External => f.write_str("external"),
            Selector::All => f.write_str("all"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(
            Selector::parse("ehr-db").unwrap(),
            Selector::Id("ehr-db".into())
        );
        assert_eq!(
            Selector::parse("kind:server-os").unwrap(),
            Selector::Kind("server-os".into())
        );
        assert_eq!(
            Selector::parse("zone:clinical").unwrap(),
            Selector::Zone("clinical".into())
        );
        assert_eq!(
            Selector::parse("tag:domain-joined").unwrap(),
            Selector::Tag("domain-joined".into())
        );
        assert_eq!(
            Selector::parse(" crown-jewels ").unwrap(),
            Selector::CrownJewels
        );
        assert_eq!(
            Selector::parse("entry-points").unwrap(),
            Selector::EntryPoints
        );
    }

    #[test]
    fn rejects_bad_forms_with_a_reason() {
        assert!(Selector::parse("").is_err());
        assert!(
            Selector::parse("colour:red")
                .unwrap_err()
                .message
                .contains("unknown selector prefix")
        );
        // A readable name with spaces is a component reference.
        assert_eq!(
            Selector::parse("DOMAIN ADMINS@CORP.LOCAL").unwrap(),
            Selector::Id("DOMAIN ADMINS@CORP.LOCAL".into())
        );
        assert!(Selector::parse("tag:a b").is_err());
        assert!(Selector::parse("a\tb").is_err());
        assert!(Selector::parse("zone:").is_err());
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "x",
            "kind:k",
            "zone:z",
            "tag:t",
            "entry-points",
            "crown-jewels",
            "external",
            "all",
        ] {
            assert_eq!(Selector::parse(s).unwrap().to_string(), s);
        }
    }
}
