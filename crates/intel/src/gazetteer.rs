//! The built-in gazetteer (`data/gazetteer.tsv`): countries with their ISO codes, names and
//! demonyms ("Belgian"), regions and cities with the country they belong to. Matching is
//! case-sensitive on proper nouns and word-bounded, so "Liège-based" finds Liège.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

const DATA: &str = include_str!("../data/gazetteer.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Region,
    City,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 of the country (of the place).
    pub country: String,
    /// Canonical name.
    pub name: String,
}

pub struct Gazetteer {
    by_form: HashMap<String, usize>,
    places: Vec<Place>,
    country_names: HashMap<String, String>,
    re: Regex,
}

/// A place found in text.
#[derive(Debug, Clone)]
pub struct PlaceMatch<'a> {
    pub place: &'a Place,
    pub start: usize,
    pub end: usize,
    pub form: &'a str,
}

impl Gazetteer {
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        let mut places = Vec::new();
        let mut by_form = HashMap::new();
        let mut country_names = HashMap::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let kind = match cols[0] {
                "country" => PlaceKind::Country,
                "region" => PlaceKind::Region,
                _ => PlaceKind::City,
            };
            let idx = places.len();
            places.push(Place {
                kind,
                country: cols[1].to_string(),
                name: cols[2].to_string(),
            });
            if kind == PlaceKind::Country {
                country_names.insert(cols[1].to_string(), cols[2].to_string());
            }
            by_form.entry(cols[2].to_string()).or_insert(idx);
            if let Some(aliases) = cols.get(3) {
                for a in aliases.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    by_form.entry(a.to_string()).or_insert(idx);
                }
            }
        }
        let mut forms: Vec<&String> = by_form.keys().collect();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        // Plain literals (the engine uses a fast multi-literal search); word boundaries
        // are checked on Unicode characters in `find`.
        let alts: Vec<String> = forms.iter().map(|f| regex::escape(f)).collect();
        let re = Regex::new(&format!(r"(?:{})", alts.join("|"))).expect("gazetteer regex");
        Gazetteer {
            by_form,
            places,
            country_names,
            re,
        }
    }

    /// All places mentioned in `text`, in order.
    pub fn find<'a>(&'a self, text: &'a str) -> Vec<PlaceMatch<'a>> {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        self.re
            .find_iter(text)
            .filter(|m| {
                let before_ok = !text[..m.start()].chars().next_back().is_some_and(word)
                    || !m.as_str().chars().next().is_some_and(word);
                let after_ok = !text[m.end()..].chars().next().is_some_and(word)
                    || !m.as_str().chars().next_back().is_some_and(word);
                before_ok && after_ok
            })
            .filter_map(|m| {
                let idx = *self.by_form.get(m.as_str())?;
                Some(PlaceMatch {
                    place: &self.places[idx],
                    start: m.start(),
                    end: m.end(),
                    form: m.as_str(),
                })
            })
            .collect()
    }

    /// A place by exact name or alias, ignoring case ("KLAMATH FALLS" in a dateline).
    pub fn lookup_ci(&self, name: &str) -> Option<&Place> {
        let want = name.trim().to_lowercase();
        self.by_form
            .iter()
            .find(|(f, _)| f.to_lowercase() == want)
            .map(|(_, i)| &self.places[*i])
    }

    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_names.get(code).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_demonyms_and_based_forms() {
        let g = Gazetteer::get();
        let t = "A Liège-based hospital and a Belgian clinic; the U.S. agency.";
        let m: Vec<(&str, &str)> = g
            .find(t)
            .iter()
            .map(|m| (m.form, m.place.country.as_str()))
            .collect();
        assert_eq!(m, vec![("Liège", "BE"), ("Belgian", "BE"), ("U.S.", "US")]);
    }
}
