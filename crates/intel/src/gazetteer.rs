//! The built-in gazetteer: `data/gazetteer.tsv` (hand-kept: countries with their ISO codes,
//! names and demonyms ("Belgian"), regions, and the cities news write about in English) and
//! `data/geonames-cities.tsv` (generated from GeoNames, CC BY 4.0, by
//! `tools/gen_gazetteer.py`: ~5,000 cities of BE, NL, LU, FR, DE, GB, IE, CH, AT and the US,
//! with their exonyms — see `data/README.md`). Matching is case-sensitive on proper nouns
//! and word-bounded, so "Liège-based" finds Liège; the hand-kept entries win over GeoNames
//! for the same form. Cost: one regex pass over the hand-kept forms plus one hash lookup per
//! capitalised word for GeoNames (linear in the text).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

const DATA: &str = include_str!("../data/gazetteer.tsv");
const GEONAMES: &str = include_str!("../data/geonames-cities.tsv");
/// Longest GeoNames form looked up, in words ("Frankfurt am Main", "Saint-Denis").
const MAX_WORDS: usize = 4;

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
    /// From the GeoNames extract (not the hand-kept list).
    pub from_geonames: bool,
}

pub struct Gazetteer {
    by_form: HashMap<String, usize>,
    places: Vec<Place>,
    country_names: HashMap<String, String>,
    re: Regex,
    /// GeoNames forms → index in `places`.
    city_forms: HashMap<String, usize>,
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
                from_geonames: false,
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
        // GeoNames cities, most populous first: a form names the largest place that has it.
        let mut city_forms: HashMap<String, usize> = HashMap::new();
        for line in GEONAMES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                continue;
            }
            let idx = places.len();
            places.push(Place {
                kind: PlaceKind::City,
                country: cols[1].to_string(),
                name: cols[0].to_string(),
                from_geonames: true,
            });
            let forms = std::iter::once(cols[0]).chain(
                cols.get(3)
                    .map(|a| a.split(',').collect::<Vec<_>>())
                    .unwrap_or_default(),
            );
            for f in forms.map(str::trim).filter(|f| !f.is_empty()) {
                if !by_form.contains_key(f) {
                    city_forms.entry(f.to_string()).or_insert(idx);
                }
            }
        }
        Gazetteer {
            by_form,
            places,
            country_names,
            re,
            city_forms,
        }
    }

    /// All places mentioned in `text`, in order.
    pub fn find<'a>(&'a self, text: &'a str) -> Vec<PlaceMatch<'a>> {
        let mut out = self.find_curated(text);
        let geo = self.find_geonames(text);
        if !geo.is_empty() {
            let keep: Vec<PlaceMatch<'a>> = geo
                .into_iter()
                .filter(|g| !out.iter().any(|m| g.start < m.end && m.start < g.end))
                .collect();
            out.extend(keep);
            out.sort_by_key(|m| m.start);
        }
        out
    }

    /// GeoNames forms: capitalised word sequences of up to [`MAX_WORDS`] words, and the
    /// part of a hyphenated word before its last hyphens ("Tournai-based").
    fn find_geonames<'a>(&'a self, text: &'a str) -> Vec<PlaceMatch<'a>> {
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
        // Word spans, trimmed of leading/trailing hyphens and apostrophes.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_word(c), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    let w = &text[st..i];
                    let lead = w.len() - w.trim_start_matches(['-', '\'', '’']).len();
                    let w2 = w.trim_matches(['-', '\'', '’']);
                    if !w2.is_empty() {
                        words.push((st + lead, st + lead + w2.len()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (ws, we) = words[i];
            if !text[ws..we].chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=MAX_WORDS.min(words.len() - i)).rev() {
                let end = words[i + n - 1].1;
                // Only words separated by single spaces form a multi-word name.
                if n > 1 && text[ws..end].contains(|c: char| c != ' ' && !is_word(c)) {
                    continue;
                }
                if let Some(&idx) = self.city_forms.get(&text[ws..end]) {
                    found = Some((idx, end, n));
                    break;
                }
            }
            if found.is_none() {
                // "Tournai-based", "Antwerpen-Noord": the part before a hyphen.
                let w = &text[ws..we];
                let mut cut = w.len();
                while let Some(p) = w[..cut].rfind('-') {
                    if let Some(&idx) = self.city_forms.get(&w[..p]) {
                        found = Some((idx, ws + p, 1));
                        break;
                    }
                    cut = p;
                }
            }
            match found {
                Some((idx, end, n)) => {
                    out.push(PlaceMatch {
                        place: &self.places[idx],
                        start: ws,
                        end,
                        form: &text[ws..end],
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    fn find_curated<'a>(&'a self, text: &'a str) -> Vec<PlaceMatch<'a>> {
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
            .or_else(|| {
                self.city_forms
                    .iter()
                    .find(|(f, _)| f.to_lowercase() == want)
            })
            .map(|(_, i)| &self.places[*i])
    }

    /// A place by exact name or alias.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.by_form
            .get(name)
            .or_else(|| self.city_forms.get(name))
            .map(|i| &self.places[*i])
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

    #[test]
    fn geonames_cities_and_exonyms() {
        let g = Gazetteer::get();
        let t = "Le Centre hospitalier de Tournai, das Klinikum Wolfenbüttel, Doornik, Tiel and a Genk-based lab.";
        let m: Vec<(&str, &str, &str)> = g
            .find(t)
            .iter()
            .map(|m| (m.form, m.place.name.as_str(), m.place.country.as_str()))
            .collect();
        assert_eq!(
            m,
            vec![
                ("Tournai", "Tournai", "BE"),
                ("Wolfenbüttel", "Wolfenbüttel", "DE"),
                ("Doornik", "Tournai", "BE"),
                ("Tiel", "Tiel", "NL"),
                ("Genk", "Genk", "BE"),
            ]
        );
        // Every country the issue names is covered.
        for cc in ["BE", "NL", "LU", "FR", "DE", "GB", "IE", "US"] {
            assert!(
                g.places.iter().filter(|p| p.country == cc).count() >= 3,
                "{cc}"
            );
        }
    }
}
