//! A language cordon has never seen (Spanish: no embedded lexicon, no Spanish word in the
//! code) read from a lexicon file loaded at run time. The same article read without the
//! file yields none of these facts, so the test fails if the facts came from code.

mod common;

use std::path::PathBuf;

use cordon_intel::extract::{extract_with, lexicon::Lexicon};

fn spanish() -> Lexicon {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicons/es.toml");
    Lexicon::from_path(&p).unwrap_or_else(|e| panic!("{e}"))
}

const ARTICLE: &str = "Title: Ciberataque contra el Hospital Comarcal de Ejemplo\n\
Published: 2025-03-14\n\n\
El Hospital Comarcal de Ejemplo sufrió ayer un ataque de ransomware que cifró sus servidores. \
El hospital desconectó todos sus sistemas de internet como medida de precaución. \
Treinta operaciones programadas fueron canceladas y las citas de consultas externas han sido aplazadas. \
Las urgencias funcionan con capacidad reducida. \
La policía investiga el ataque y el hospital no pagará ningún rescate. \
No hay indicios de que los datos de los pacientes hayan sido robados.";

fn impact_keys(r: &cordon_intel::IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|f| match f.count {
            Some(c) => format!("{c} {} {}", f.unit, f.effect),
            None => format!("{} {}", f.unit, f.effect),
        })
        .collect()
}

#[test]
fn a_lexicon_file_alone_teaches_a_new_language() {
    let es = spanish();
    let doc = common::doc(ARTICLE);
    let r = extract_with(&doc, std::slice::from_ref(&es));
    assert_eq!(r.language.as_deref(), Some("es"));

    let impacts = impact_keys(&r);
    for want in [
        "30 operations cancelled",
        "appointments postponed",
        "emergency department reduced capacity",
    ] {
        assert!(impacts.iter().any(|k| k == want), "{want}: {impacts:?}");
    }
    let kinds: Vec<&str> = r.response_actions.iter().map(|a| a.kind.as_str()).collect();
    for want in ["isolate_external", "authorities_notified", "ransom_refused"] {
        assert!(kinds.contains(&want), "{want}: {kinds:?}");
    }
    // "ayer" (yesterday) against the publication date 2025-03-14.
    let d = r.incident_date.fact().expect("incident date");
    assert_eq!(d.value, "2025-03-13");
    assert_eq!(d.provenance, cordon_intel::Provenance::Inferred);
    // Encryption cue of the lexicon → T1486; the denial cue → confidentiality false.
    assert!(
        r.techniques.iter().any(|t| t.id == "T1486"),
        "{:?}",
        r.techniques
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&false));
}

#[test]
fn without_the_file_the_same_article_yields_none_of_it() {
    let r = cordon_intel::extract(&common::doc(ARTICLE));
    assert_ne!(r.language.as_deref(), Some("es"));
    let impacts = impact_keys(&r);
    assert!(!impacts.iter().any(|k| k.starts_with("30 ")), "{impacts:?}");
    let kinds: Vec<&str> = r.response_actions.iter().map(|a| a.kind.as_str()).collect();
    assert!(!kinds.contains(&"isolate_external"), "{kinds:?}");
    assert!(
        r.incident_date
            .fact()
            .is_none_or(|d| d.value != "2025-03-13")
    );
}

#[test]
fn a_bad_lexicon_file_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("xx.toml");
    std::fs::write(&p, "code = 'xx'\niso639_3 = 'zzz'\nname = 'X'\n").expect("write");
    let e = Lexicon::from_path(&p).err().expect("error");
    assert!(
        e.to_string().contains("xx.toml") && e.to_string().contains("iso639_3"),
        "{e}"
    );
    let missing = dir.path().join("missing.toml");
    let e = Lexicon::from_path(&missing).err().expect("error");
    assert!(e.to_string().contains("missing.toml"), "{e}");
}
