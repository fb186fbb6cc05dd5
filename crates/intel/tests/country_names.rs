//! `--country` names (trial 5 finding 17): English, Dutch, French and German names and the
//! country's own name resolve to the ISO code from `data/countries.tsv`, by the one
//! function the CLI and the server use (`store::country_code`); an unknown name is
//! refused with the closest names.
//!
//! Oracles: the expected codes below are written by hand from ISO 3166-1; the data-file
//! checks parse the file independently of the crate's reader.

use std::collections::HashMap;

use cordon_intel::gazetteer::Gazetteer;
use cordon_intel::store::{country_code, country_names};

const COUNTRIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/countries.tsv");

/// The names of trial 5 finding 17 and the brief, with their ISO codes.
#[test]
fn native_and_foreign_names_resolve() {
    for (given, want) in [
        ("Nederland", "NL"),
        ("Pays-Bas", "NL"),
        ("Niederlande", "NL"),
        ("Netherlands", "NL"),
        ("Allemagne", "DE"),
        ("Deutschland", "DE"),
        ("Duitsland", "DE"),
        ("Frankrijk", "FR"),
        ("Frankreich", "FR"),
        ("Belgique", "BE"),
        ("België", "BE"),
        ("Belgien", "BE"),
        ("Luxemburg", "LU"),
        ("Royaume-Uni", "GB"),
        ("Verenigd Koninkrijk", "GB"),
        ("Vereinigtes Königreich", "GB"),
        ("Ierland", "IE"),
        ("Irlande", "IE"),
        ("Vereinigte Staaten", "US"),
        ("États-Unis", "US"),
        ("Etats-Unis", "US"),
        ("Verenigde Staten", "US"),
        ("Österreich", "AT"),
        ("Espagne", "ES"),
        ("Zwitserland", "CH"),
    ] {
        assert_eq!(country_code(given).as_deref().ok(), Some(want), "{given}");
    }
}

/// Case, surrounding and inner white space and typographic apostrophes do not matter.
#[test]
fn names_are_compared_case_insensitively() {
    for (given, want) in [
        ("nederland", "NL"),
        ("PAYS-BAS", "NL"),
        ("  verenigd   koninkrijk ", "GB"),
        ("ÉTATS-UNIS", "US"),
        ("états-unis d\u{2019}amérique", "US"),
        ("be", "BE"),
        ("uk", "GB"),
    ] {
        assert_eq!(country_code(given).as_deref().ok(), Some(want), "{given:?}");
    }
}

/// An unknown name is refused with the closest name of the countries table.
#[test]
fn unknown_names_get_the_closest_name() {
    for (bad, want) in [
        ("Nederlnd", "Nederland (NL)"),
        ("Niederlanden", "Niederlande (NL)"),
        ("Frankrijck", "Frankrijk (FR)"),
        ("Allemange", "Allemagne (DE)"),
    ] {
        let e = country_code(bad).unwrap_err().to_string();
        assert!(e.contains("unknown country"), "{bad}: {e}");
        assert!(e.contains(&format!("did you mean {want}")), "{bad}: {e}");
    }
    let e = country_code("Narnia").unwrap_err().to_string();
    assert!(!e.contains("did you mean"), "{e}");
}

/// Independent parse of the data file: every line has a code, a known language and at
/// least one name; every code is a gazetteer country (stored records carry gazetteer
/// codes, so another code could never match); no name stands for two countries.
#[test]
fn data_file_is_well_formed_and_unambiguous() {
    let text = std::fs::read_to_string(COUNTRIES).expect("data/countries.tsv");
    let g = Gazetteer::get();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut lines = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: {line:?}", i + 1);
        let (code, lang, names) = (cols[0], cols[1], cols[2]);
        assert!(
            ["en", "nl", "fr", "de", "native", "ascii"].contains(&lang),
            "line {}: language {lang:?}",
            i + 1
        );
        assert!(
            g.country_name(code).is_some(),
            "line {}: code {code}",
            i + 1
        );
        for name in names.split(',').map(str::trim) {
            assert!(!name.is_empty(), "line {}: empty name", i + 1);
            let key = name.to_lowercase();
            if let Some(other) = owner.insert(key.clone(), code.to_string()) {
                assert_eq!(
                    other,
                    code,
                    "line {}: {name} names {other} and {code}",
                    i + 1
                );
            }
            // And the crate resolves it to that code.
            assert_eq!(country_code(name).as_deref().ok(), Some(code), "{name}");
        }
    }
    assert!(lines > 100, "{lines} lines");
    let mut read: Vec<String> = country_names()
        .iter()
        .map(|(_, n)| n.to_lowercase())
        .collect();
    read.sort();
    read.dedup();
    let mut parsed: Vec<String> = owner.into_keys().collect();
    parsed.sort();
    assert_eq!(read, parsed, "the crate reads every name of the file");
}
