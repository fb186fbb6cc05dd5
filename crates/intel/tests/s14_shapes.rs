//! Session 14 (issue 15): shapes of real reporting the rules got wrong, each fixed by one
//! general shape in the shared mechanism or the lexicons. Every article is invented for
//! the test (organisations and people are fictitious; towns are real), with
//! counter-examples that must keep the value.

mod common;

use common::article as rec;
use common::responses::kinds;

/// A paragraph opening like a story of the past ("Vorige week maandag …", "Last Monday
/// week …") but dated days before publication and naming no other organisation goes on
/// with the focal story: its refusal to pay is read. The same opener naming another
/// hospital, or a past year, stays set apart.
#[test]
fn a_recent_dated_opener_paragraph_goes_on_with_the_focal_story() {
    let focal = rec(
        "Oplichter steelt dossiers van ggz-instelling in Zwolle",
        "2025-12-04",
        "Een onbekende heeft dossiers van 1.800 cliënten van GGZ Weteringpoort in Zwolle buitgemaakt. De dader belde de servicedesk en kreeg een nieuw wachtwoord.\n\nVorige week maandag kregen de bestuurders een e-mail waarin de dader 80.000 euro in bitcoin eiste. \"We gaan niet betalen\", zegt de bestuurder.\n\nDe instelling deed aangifte bij de politie.",
    );
    assert!(
        kinds(&focal).contains("ransom_refused"),
        "{:?}",
        kinds(&focal)
    );
    let other = rec(
        "Oplichter steelt dossiers van ggz-instelling in Zwolle",
        "2025-12-04",
        "Een onbekende heeft dossiers van 1.800 cliënten van GGZ Weteringpoort in Zwolle buitgemaakt. De dader belde de servicedesk en kreeg een nieuw wachtwoord.\n\nVorige week maandag eisten criminelen 80.000 euro van het Isala Ziekenhuis in Kampen. Dat ziekenhuis zei: \"We gaan niet betalen.\"\n\nDe instelling deed aangifte bij de politie.",
    );
    assert!(
        !kinds(&other).contains("ransom_refused"),
        "{:?}",
        kinds(&other)
    );
    let year = rec(
        "Oplichter steelt dossiers van ggz-instelling in Zwolle",
        "2025-12-04",
        "Een onbekende heeft dossiers van 1.800 cliënten van GGZ Weteringpoort in Zwolle buitgemaakt.\n\nVorig jaar eiste een dader 80.000 euro van een zorginstelling. \"We gaan niet betalen\", zei die toen.",
    );
    assert!(
        !kinds(&year).contains("ransom_refused"),
        "{:?}",
        kinds(&year)
    );
}
