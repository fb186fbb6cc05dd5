//! Selectors name sets of components: `ehr-db`, `kind:server-os`,
//! `zone:clinical`, `tag:domain-joined`, and the groups `entry-points`,
//! `crown-jewels`, `external` and `all`. A selector list
//! (`tag:ad-user,!tag:tier-zero`) combines them: [`crate::Model::select_list`]
//! is the one implementation the CLI and the HTTP API share.

use std::fmt;

use crate::{ComponentId, Model};

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

/// Why a selector list ([`Model::select_list`]) selects nothing usable. Each
/// message names the list item at fault and says how to write it instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SelectListError {
    /// The whole text is empty (or blank).
    #[error(
        "no selector given: name a component id, kind:KIND, zone:ZONE, tag:TAG, entry-points, crown-jewels, external or all"
    )]
    Empty,
    /// An item between commas is empty (`a,,b`, a trailing comma).
    #[error(
        "`{list}`: item {item} of the list is empty (write selectors separated by single commas, e.g. `vpn-gw,gp-portal`)"
    )]
    EmptyItem {
        /// The whole list as given.
        list: String,
        /// 1-based position of the item in the list.
        item: usize,
    },
    /// An item is `!` with no selector after it.
    #[error(
        "`{list}`: item {item} is a lone `!` (write `!SELECTOR` to leave components out, e.g. `tag:ad-user,!tag:tier-zero`)"
    )]
    LoneNot {
        /// The whole list as given.
        list: String,
        /// 1-based position of the item in the list.
        item: usize,
    },
    /// An item is not a selector, or names an unknown component, zone or
    /// kind ([`Selector::parse`], [`Model::select`]).
    #[error("{part}: {message}{}", help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Selector {
        /// The item (without its `!`).
        part: String,
        /// What is wrong.
        message: String,
        /// A suggestion (did-you-mean), when there is one.
        help: Option<String>,
    },
    /// An included item is valid but selects no component (`tag:none`).
    #[error("`{part}` selects no component")]
    NothingSelected {
        /// The item.
        part: String,
    },
    /// The `!` items leave out every component the others select.
    #[error(
        "`{list}` selects no component: its `!` items leave out every component the others select"
    )]
    AllExcluded {
        /// The whole list as given.
        list: String,
    },
}

impl Model {
    /// Resolves a selector list: the set of components every command (CLI
    /// and HTTP API) takes as `--from`, `--to`, `ids`….
    ///
    /// Grammar: `LIST = ITEM ("," ITEM)*`, `ITEM = SELECTOR | "!" SELECTOR`,
    /// where `SELECTOR` is what [`Selector::parse`] reads (`ehr-db`,
    /// `kind:ehr`, `zone:clinical`, `tag:ad-user`, `entry-points`,
    /// `crown-jewels`, `external`, `all`); blanks around items and after `!`
    /// are ignored. A single selector is a list of one.
    ///
    /// Meaning: the union of the plain items minus the union of the `!`
    /// items (`tag:ad-user,!tag:tier-zero`: every AD user that is not Tier
    /// Zero). A list of `!` items only subtracts from every component
    /// (`!tag:ad-user`). The order of the items does not change the set.
    ///
    /// Evaluation: items are checked left to right and the first faulty one
    /// is reported. Returns component indices sorted ascending, without
    /// repeats.
    ///
    /// # Errors
    /// [`SelectListError`]: an empty text, an empty item (`a,,b`), a lone
    /// `!`, an item that is not a selector or names an unknown component or
    /// zone (with did-you-mean), a plain item that selects no component, or
    /// a list whose `!` items leave nothing. A `!` item that matches nothing
    /// excludes nothing and is not an error.
    pub fn select_list(&self, text: &str) -> Result<Vec<ComponentId>, SelectListError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        // One mark per component (not the items' vectors appended): memory
        // stays one byte per component however many items repeat `all`.
        const INCLUDED: u8 = 1;
        const EXCLUDED: u8 = 2;
        let mut marks: Vec<u8> = Vec::new();
        let mut included_parts = 0usize;
        let mut any_excluded = false;
        for (n, part) in parts.iter().enumerate() {
            if part.is_empty() {
                if parts.len() == 1 {
                    return Err(SelectListError::Empty);
                }
                return Err(SelectListError::EmptyItem {
                    list: text.to_owned(),
                    item: n + 1,
                });
            }
            let (negated, part) = match part.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, *part),
            };
            if part.is_empty() {
                return Err(SelectListError::LoneNot {
                    list: text.to_owned(),
                    item: n + 1,
                });
            }
            let ids = self
                .select_str(part)
                .map_err(|e| SelectListError::Selector {
                    part: part.to_owned(),
                    message: e.message,
                    help: e.help,
                })?;
            if !negated && ids.is_empty() {
                return Err(SelectListError::NothingSelected {
                    part: part.to_owned(),
                });
            }
            if parts.len() == 1 && !negated {
                // One selector: `select` already sorts and dedups.
                return Ok(ids);
            }
            if marks.is_empty() {
                marks = vec![0; self.components.len()];
            }
            let mark = if negated { EXCLUDED } else { INCLUDED };
            any_excluded |= negated && !ids.is_empty();
            included_parts += usize::from(!negated);
            for c in ids {
                marks[c.index()] |= mark;
            }
        }
        let wanted = |m: u8| m & EXCLUDED == 0 && (included_parts == 0 || m & INCLUDED != 0);
        let included: Vec<ComponentId> = self
            .component_ids()
            .filter(|c| wanted(marks[c.index()]))
            .collect();
        if any_excluded && included.is_empty() {
            return Err(SelectListError::AllExcluded {
                list: text.to_owned(),
            });
        }
        Ok(included)
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
