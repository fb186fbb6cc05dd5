//! Roles: the words incidents use ("all servers were shut down") mapped onto
//! the catalog's kinds, so a replayed incident selects the right components
//! of any estate. A scenario step selects by role with `role:ID`.
//!
//! The table is data (`roles.tsv`, one role per line: id, description,
//! kinds separated by commas), read at compile time.

use cordon_model::{ComponentId, Model, Selector};

/// A role and the catalog kinds it covers.
#[derive(Clone, Debug)]
pub struct Role {
    /// Identifier (`role:servers`).
    pub id: String,
    /// What it covers.
    pub description: String,
    /// The catalog kinds it covers.
    pub kinds: Vec<String>,
}

const TABLE: &str = include_str!("roles.tsv");

/// Every role, in table order.
pub fn roles() -> Vec<Role> {
    TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (id, description, kinds) = (f.next()?, f.next()?, f.next()?);
            Some(Role {
                id: id.trim().to_string(),
                description: description.trim().to_string(),
                kinds: kinds
                    .split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect(),
            })
        })
        .collect()
}

/// Looks a role up by id.
pub fn role(id: &str) -> Option<Role> {
    roles().into_iter().find(|r| r.id == id)
}

/// The components of a role in a model, sorted.
pub fn select_role(model: &Model, role: &Role) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = role
        .kinds
        .iter()
        .flat_map(|k| model.select(&Selector::Kind(k.clone())).unwrap_or_default())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_names_catalog_kinds() {
        let all = roles();
        assert!(all.iter().any(|r| r.id == "servers"));
        for r in all {
            assert!(!r.kinds.is_empty(), "{}", r.id);
            for k in &r.kinds {
                assert!(
                    cordon_model::catalog::kind(k).is_some(),
                    "role {} names unknown kind {k}",
                    r.id
                );
            }
        }
    }
}
