//! Session 22 (issue 15): refusals said in any words, and ransom threats whose amount is a
//! grouped number. Each is one general shape in the shared mechanism or the lexicons'
//! `[refusal]` section; every article is invented for the test (organisations and people
//! are fictitious; towns are real), with counter-examples that must not become a refusal.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;

fn responses(r: &IncidentRecord) -> Vec<&str> {
    r.response_actions.iter().map(|a| a.kind.as_str()).collect()
}

fn techniques(r: &IncidentRecord) -> Vec<&str> {
    r.techniques.iter().map(|t| t.id.as_str()).collect()
}

fn refused(title: &str, published: &str, body: &str) -> bool {
    responses(&rec(title, published, body)).contains(&"ransom_refused")
}

/// A refusal is a negation within a few words of a verb of complying (pay, negotiate, go
/// into, give in), in one clause, in a text that names a ransom demand — whatever the
/// exact phrasing (lexicon `[refusal]`: `negations`, `comply`, `window`).
#[test]
fn refusal_in_any_words_is_read() {
    let cases = [
        (
            "de",
            "Die Täter fordern ein Lösegeld von der Stadtwerke Hünfeld GmbH. Darauf werden wir nicht eingehen, sagte der Geschäftsführer.",
        ),
        (
            "de",
            "Die Erpresser verlangen Lösegeld von der Kreisklinik Ebersberg. Gezahlt werde nicht, betonte ein Sprecher.",
        ),
        (
            "nl",
            "De hackers eisen losgeld van Zorggroep Aamsveen in Enschede. Van betalen is geen sprake, aldus de directeur.",
        ),
        (
            "nl",
            "De criminelen vragen losgeld aan Zorggroep Aamsveen in Enschede. 'We betalen niets', zegt de bestuurder.",
        ),
        (
            "fr",
            "Les pirates réclament une rançon au Centre hospitalier de Lannion. La direction a décidé de ne pas entrer en matière.",
        ),
        (
            "fr",
            "Les cybercriminels exigent une rançon de la Clinique du Parc à Saint-Priest. « Nous n'avons pas l'intention d'y répondre », a indiqué la directrice.",
        ),
        (
            "en",
            "The attackers demanded a ransom from Fenwick Valley Health in Hexham. The trust has no intention of engaging with them and will not pay.",
        ),
    ];
    for (lang, body) in cases {
        assert!(
            refused("Cyberangriff", "2025-03-10", body),
            "{lang}: {body}"
        );
    }
}

/// Not a refusal: whether it paid left open, a warning never to pay, a payment made
/// conditional, pay that could not be paid out, or a ransom no one demanded.
#[test]
fn refusal_window_keeps_its_counter_examples() {
    let cases = [
        "The attackers demanded a ransom from Fenwick Valley Health in Hexham. The trust would not say whether it paid.",
        "The attackers demanded a ransom from Fenwick Valley Health in Hexham. We will never ask you to pay by text message, the trust told patients.",
        "The attackers demanded a ransom from Fenwick Valley Health in Hexham. Data would not be deleted unless a ransom was paid.",
        "The attackers demanded a ransom from Fenwick Valley Health in Hexham. Salaries could not be paid on time because payroll was down.",
        "Fenwick Valley Health in Hexham was hit by a cyberattack. Staff did not pay attention to the warning, a report found.",
        "Die Täter fordern ein Lösegeld von der Kreisklinik Ebersberg. Ob gezahlt werde, wollte der Sprecher nicht sagen.",
        "De hackers eisen losgeld van Zorggroep Aamsveen in Enschede. Of er betaald is, wil de woordvoerder niet kwijt.",
        "Les pirates réclament une rançon au Centre hospitalier de Lannion. La direction n'a pas voulu dire si elle paierait.",
    ];
    for body in cases {
        assert!(!refused("Cyberattack", "2025-03-10", body), "{body}");
    }
}

/// The dots of a grouped number ("20.000 euro") or an ordinal ("am 15. November") end no
/// sentence: a threat whose gap runs across one is still read as extortion (T1657), and the
/// blanking keeps every byte offset.
#[test]
fn grouped_numbers_do_not_cut_a_ransom_threat() {
    use cordon_intel::text::number_dots_blanked;
    let s = "Ze dreigen de gegevens te publiceren als wij geen 20.000 euro betalen.";
    let b = number_dots_blanked(s);
    assert_eq!(b.len(), s.len());
    assert!(b.contains("20 000 euro"), "{b}");
    assert!(
        b.ends_with("betalen."),
        "a sentence's own last dot stays: {b}"
    );
    assert!(matches!(
        number_dots_blanked("Geen getallen hier."),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(number_dots_blanked("Am 15. November"), "Am 15  November");

    let r = rec(
        "Hackers chanteren Zorgcentrum Ter Beke",
        "2025-02-04",
        "Zorgcentrum Ter Beke in Lochristi is getroffen door een cyberaanval. De hackers dreigen de gegevens van bewoners te publiceren als wij geen 20.000 euro betalen, zegt de directeur.",
    );
    assert!(techniques(&r).contains(&"T1657"), "{:?}", techniques(&r));
    assert!(
        r.motives.iter().any(|m| m.value == "financial"),
        "{:?}",
        r.motives
    );
}
