//! Naming a component the way people do: by its id, or by its readable name.
//!
//! Imported components have identifiers people do not type — an Active
//! Directory object is `S-1-5-21-1000-2000-3000-1105`, stable whichever
//! collector files are present — and a readable name beside it
//! (`ALICE@CORP.LOCAL`). Every place that takes a component by name (the
//! CLI's `--from`/`--to`/`--deny`, scenario steps, selectors in model files,
//! the HTTP API) goes through [`Model::resolve_component`], so a name
//! resolves the same way everywhere:
//!
//! 1. an exact id;
//! 2. else a unique component whose id, or one of its former ids
//!    (`properties.aliases`, a list of strings: the ids an importer gave the
//!    object before, so that hand-written files written against them keep
//!    working), equals the text ignoring case;
//! 3. else a unique component whose label ([`Component::label`]:
//!    `properties.name`, else the id) equals the text ignoring case;
//! 4. else an error: two or more candidates are listed with their ids, kinds
//!    and labels ("use the id"); none gives a did-you-mean over ids and labels.
//!
//! Steps 2–4 scan the components once (O(n)); they run only when the exact
//! id is not found, which is a typed name or an error.

use crate::diagnostic::did_you_mean;
use crate::{Component, ComponentId, Model, SelectError};

/// The property holding a component's readable name.
pub const NAME_PROPERTY: &str = "name";
/// The property holding a component's former ids (a list of strings).
pub const ALIASES_PROPERTY: &str = "aliases";

/// At most this many candidates are listed in an ambiguity error.
const MAX_LISTED: usize = 10;

impl Component {
    /// The readable name people know the component by: `properties.name`
    /// when it is a non-empty string (an imported object's name:
    /// `ALICE@CORP.LOCAL`, a CSV row's original id), else the id. Text output
    /// prints it; JSON carries it beside the id.
    pub fn label(&self) -> &str {
        self.properties
            .get(NAME_PROPERTY)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.id)
    }

    /// Former ids of the component (`properties.aliases`): ids an importer
    /// gave the same object before, which hand-written files may still use.
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.properties
            .get(ALIASES_PROPERTY)
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
    }
}

/// How a text named a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The exact id.
    Id,
    /// The id or a former id, ignoring case.
    IdIgnoringCase,
    /// The readable name, ignoring case.
    Label,
}

impl Model {
    /// The one component `text` names (see the module docs for the order:
    /// exact id, id or former id ignoring case, label ignoring case).
    ///
    /// # Errors
    /// [`SelectError`] when nothing matches (with a did-you-mean over ids
    /// and labels) or when several components match at the first step that
    /// matches any (listing up to ten candidates: id, kind, label).
    pub fn resolve_component(&self, text: &str) -> Result<ComponentId, SelectError> {
        self.resolve_component_how(text).map(|(c, _)| c)
    }

    /// [`Model::resolve_component`], also saying how the text matched.
    ///
    /// # Errors
    /// As [`Model::resolve_component`].
    pub fn resolve_component_how(&self, text: &str) -> Result<(ComponentId, Match), SelectError> {
        let text = text.trim();
        if let Some(c) = self.component_id(text) {
            return Ok((c, Match::Id));
        }
        let by_id: Vec<ComponentId> = self
            .component_ids()
            .filter(|&c| {
                let comp = self.component(c);
                comp.id.eq_ignore_ascii_case(text)
                    || comp.aliases().any(|a| a.trim().eq_ignore_ascii_case(text))
            })
            .collect();
        if !by_id.is_empty() {
            return self.unique(text, by_id, Match::IdIgnoringCase);
        }
        let by_label: Vec<ComponentId> = self
            .component_ids()
            .filter(|&c| self.component(c).label().eq_ignore_ascii_case(text))
            .collect();
        if !by_label.is_empty() {
            return self.unique(text, by_label, Match::Label);
        }
        let help = did_you_mean(
            text,
            self.components
                .iter()
                .flat_map(|c| [c.id.as_str(), c.label()]),
        );
        Err(SelectError {
            message: format!("unknown component `{text}`"),
            help,
        })
    }

    fn unique(
        &self,
        text: &str,
        found: Vec<ComponentId>,
        how: Match,
    ) -> Result<(ComponentId, Match), SelectError> {
        if let [one] = found.as_slice() {
            return Ok((*one, how));
        }
        let listed: Vec<String> = found
            .iter()
            .take(MAX_LISTED)
            .map(|&c| {
                let comp = self.component(c);
                format!("`{}` ({}, {})", comp.id, comp.kind.id, comp.label())
            })
            .collect();
        let more = found.len().saturating_sub(MAX_LISTED);
        let mut message = format!(
            "`{text}` names {} components: {}",
            found.len(),
            listed.join(", ")
        );
        if more > 0 {
            message.push_str(&format!(" and {more} more"));
        }
        Err(SelectError {
            message,
            help: Some("name one of them by its id".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn model(components: &[(&str, Option<&str>, &[&str])]) -> Model {
        let mut y = String::from("zones:\n  - { id: z }\ncomponents:\n");
        for (id, name, aliases) in components {
            let mut props = Vec::new();
            if let Some(n) = name {
                props.push(format!("name: {}", serde_json::to_string(n).unwrap()));
            }
            if !aliases.is_empty() {
                props.push(format!(
                    "aliases: {}",
                    serde_json::to_string(aliases).unwrap()
                ));
            }
            y.push_str(&format!(
                "  - {{ id: {}, kind: server-os, zone: z, properties: {{ {} }} }}\n",
                serde_json::to_string(id).unwrap(),
                props.join(", ")
            ));
        }
        Model::from_yaml(&y, "t.yaml").unwrap_or_else(|e| panic!("{e}\n{y}"))
    }

    fn id_of(m: &Model, text: &str) -> Result<String, String> {
        m.resolve_component(text)
            .map(|c| m.component(c).id.clone())
            .map_err(|e| e.message)
    }

    #[test]
    fn exact_id_then_former_id_then_name() {
        let m = model(&[
            (
                "S-1-5-21-1-500",
                Some("ADMINISTRATOR@CORP.LOCAL"),
                &["administrator@corp.local"],
            ),
            (
                "GUID-1",
                Some("ADMINISTRATOR@CORP.LOCAL"),
                &["certtemplate-administrator@corp.local"],
            ),
            ("S-1-5-21-1-1105", Some("ALICE@CORP.LOCAL"), &[]),
        ]);
        assert_eq!(id_of(&m, "S-1-5-21-1-500").unwrap(), "S-1-5-21-1-500");
        assert_eq!(id_of(&m, "s-1-5-21-1-1105").unwrap(), "S-1-5-21-1-1105");
        // The former id tells the user from the template of the same name.
        assert_eq!(
            id_of(&m, "administrator@corp.local").unwrap(),
            "S-1-5-21-1-500"
        );
        assert_eq!(
            id_of(&m, "certtemplate-administrator@corp.local").unwrap(),
            "GUID-1"
        );
        assert_eq!(id_of(&m, "alice@corp.local").unwrap(), "S-1-5-21-1-1105");
        let amb = m.resolve_component("ADMINISTRATOR@corp.LOCAL ");
        // `administrator@corp.local` is a former id ignoring case: unique.
        assert!(amb.is_ok());
        let m2 = model(&[("a", Some("Same Name"), &[]), ("b", Some("same name"), &[])]);
        let e = m2.resolve_component("SAME NAME").unwrap_err();
        assert!(e.message.contains("names 2 components"), "{}", e.message);
        assert!(e.message.contains("`a`") && e.message.contains("`b`"));
        let e = m2.resolve_component("sam name").unwrap_err();
        assert!(e.message.contains("unknown component"));
        let help = e.help.unwrap_or_default();
        assert!(help.to_lowercase().contains("`same name`"), "{help}");
    }

    #[test]
    fn selectors_resolve_names() {
        let m = model(&[("S-1-5-21-1-1105", Some("ALICE@CORP.LOCAL"), &[])]);
        let c = m.select_str("alice@corp.local").unwrap();
        assert_eq!(m.component(c[0]).id, "S-1-5-21-1-1105");
        assert!(m.select_str("bob@corp.local").is_err());
        // A name with spaces is typed as it is.
        let m = model(&[("S-1-5-21-1-512", Some("DOMAIN ADMINS@CORP.LOCAL"), &[])]);
        let c = m.select_str("Domain Admins@corp.local").unwrap();
        assert_eq!(m.component(c[0]).id, "S-1-5-21-1-512");
    }

    #[test]
    fn needs_and_interactions_name_components_by_former_id() {
        let m = Model::from_yaml(
            r#"
zones:
  - { id: z }
components:
  - { id: S-1-5-21-1-1001, kind: server-os, zone: z, properties: { name: DC01.CORP.LOCAL, aliases: [dc01.corp.local] } }
  - { id: ehr-db, kind: database-server, zone: z }
interactions:
  - { from: dc01.corp.local, to: ehr-db, kind: controls }
services:
  - { id: ehr, needs: "all(ehr-db, dc01.corp.local)" }
"#,
            "t.yaml",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let dc = m.component_id("S-1-5-21-1-1001").unwrap();
        assert!(m.interactions.iter().any(|i| i.from == dc));
        let needs = format!("{:?}", m.services[0].needs);
        assert!(needs.contains(&format!("Component({dc:?})")), "{needs}");
    }

    /// The reference: the rule of the module docs, written as plainly as
    /// possible (three passes over every component, counting matches).
    fn reference(rows: &[(String, Option<String>, Vec<String>)], text: &str) -> Option<usize> {
        let text = text.trim();
        let exact: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].0 == text).collect();
        if exact.len() == 1 {
            return Some(exact[0]);
        }
        let low = text.to_ascii_lowercase();
        let ci: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                rows[i].0.to_ascii_lowercase() == low
                    || rows[i].2.iter().any(|a| a.to_ascii_lowercase() == low)
            })
            .collect();
        if !ci.is_empty() {
            return (ci.len() == 1).then(|| ci[0]);
        }
        let label = |i: usize| {
            rows[i]
                .1
                .clone()
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().to_string())
                .unwrap_or_else(|| rows[i].0.clone())
        };
        let by: Vec<usize> = (0..rows.len())
            .filter(|&i| label(i).to_ascii_lowercase() == low)
            .collect();
        (by.len() == 1).then(|| by[0])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_with_the_reference(
            ids in proptest::collection::btree_set("[aAbB][aAbB]?", 1..5),
            names in proptest::collection::vec(proptest::option::of("[aAbB]{1,2}"), 5),
            aliases in proptest::collection::vec(proptest::collection::vec("[aAbB]{1,2}", 0..2), 5),
            text in "[aAbB]{1,2}",
        ) {
            let rows: Vec<(String, Option<String>, Vec<String>)> = ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| (id, names[i].clone(), aliases[i].clone()))
                .collect();
            let spec: Vec<(&str, Option<&str>, Vec<&str>)> = rows
                .iter()
                .map(|(i, n, a)| (i.as_str(), n.as_deref(), a.iter().map(String::as_str).collect()))
                .collect();
            let spec2: Vec<(&str, Option<&str>, &[&str])> =
                spec.iter().map(|(i, n, a)| (*i, *n, a.as_slice())).collect();
            let m = model(&spec2);
            let got = m
                .resolve_component(&text)
                .ok()
                .map(|c| rows.iter().position(|r| r.0 == m.component(c).id).unwrap());
            prop_assert_eq!(got, reference(&rows, &text));
        }
    }
}
