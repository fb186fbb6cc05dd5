//! Counted and money impacts, session 6 (issue 15): the KINDS of fault behind the count and
//! money errors of the development sets, each with phrasings invented here (none taken from
//! an example set), and counter-examples that must not give a value. Expected values follow
//! docs/intel.md "Coding rules" 13, 15 and 16 and the money convention (a demand, a cost the
//! victim states, a fine imposed; not a fine considered or possible, an investment, or
//! another organisation's fine).

mod common;

use common::impacts::{has, keys, lacks};
use cordon_intel::IncidentRecord;

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-05-20\n\n{body}"))
}

/// A fine imposed and a cost the victim states are money impacts in every language, not
/// only a ransom; a fine first considered, a possible maximum, an investment and another
/// organisation's fine are not.
#[test]
fn fines_and_costs_in_every_language() {
    let r = article(
        "Boete voor zorggroep na hack",
        "De toezichthouder heeft zorggroep Het Lindehof uit Zwolle een boete van 90.000 euro \
         opgelegd na een ransomware-aanval. Aanvankelijk had de toezichthouder \
         een boete van 140.000 euro in gedachten. Vorige maand kreeg een ziekenhuis in Gelderland \
         een boete van 75.000 euro.",
    );
    assert!(has(&r, "90000 EUR fine or settlement"), "{:?}", keys(&r));
    assert!(lacks(&r, "140000") && lacks(&r, "75000"), "{:?}", keys(&r));

    let r = article(
        "Hackerangriff kostete Klinik Millionen",
        "Die Klinik Am Stadtpark in Coburg wurde im Januar Opfer eines Ransomware-Angriffs. \
         Der Angriff hat die Klinik nach eigenen Angaben rund 1,3 Millionen Euro gekostet. \
         In diesem Jahr investiert das Haus zusätzlich 800.000 Euro in die IT-Sicherheit, das sei \
         aber kein Schaden.",
    );
    assert!(has(&r, "1300000 EUR cost"), "{:?}", keys(&r));
    assert!(lacks(&r, "800000"), "{:?}", keys(&r));

    let r = article(
        "La CNIL sanctionne une clinique de Niort",
        "La CNIL a prononcé une amende de 60 000 euros contre la clinique des Trois Fontaines \
         à Niort, victime d'une intrusion en 2023. Le rapporteur avait proposé une amende de \
         95 000 euros.",
    );
    assert!(has(&r, "60000 EUR fine or settlement"), "{:?}", keys(&r));
    assert!(lacks(&r, "95000"), "{:?}", keys(&r));

    let r = article(
        "Regulator reprimands Exeter clinic after ransomware attack",
        "The regulator issued a reprimand to Exe Valley Clinic after a ransomware attack in \
         June. It noted that a fine of up to £900,000 would have been possible.",
    );
    assert!(lacks(&r, "900000"), "{:?}", keys(&r));
}

/// The answer to a question heading takes what it is from the question: "Combien cela a
/// coûté ? Au total, 400 000 euros." is a cost, "Une rançon a été demandée ? Oui, 2 millions
/// d'euros." a demand (the question itself states nothing, Coding rule 9).
#[test]
fn an_answer_takes_its_money_kind_from_the_question() {
    let r = article(
        "Un an après la cyberattaque, le laboratoire de Vannes se reconstruit",
        "Le laboratoire Biomor de Vannes a été frappé par un rançongiciel en mars.\n\n\
         Les pirates ont-ils exigé une rançon ?\n\n\
         Oui, 500 000 euros. Nous n'avons pas payé.\n\n\
         Combien cela vous a-t-il coûté ?\n\n\
         Au total, 700 000 euros, surtout en experts et en matériel.",
    );
    assert!(has(&r, "500000 EUR ransom demanded"), "{:?}", keys(&r));
    assert!(has(&r, "700000 EUR cost"), "{:?}", keys(&r));

    let r = article(
        "Een jaar na de hack bij zorggroep Amstelhof",
        "Zorggroep Amstelhof in Amstelveen werd getroffen door ransomware.\n\n\
         Wat heeft de aanval gekost?\n\n\
         Alles bij elkaar ongeveer 650.000 euro.",
    );
    assert!(has(&r, "650000 EUR cost"), "{:?}", keys(&r));
}
