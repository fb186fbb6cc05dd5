//! Response actions and CIA read from Dutch, French, German and English reporting (issue 15,
//! items 1, 4 and 8). Each article is written for this test in phrasings that differ from
//! the development and held-out sets (the rules were built on those), and the expected
//! values are coded by hand from the text: the oracle is the reading of the sentence, not
//! the engine's output. Each language also has the traps the coding rules name: advice, a
//! plan, a conditional threat, a ransom refusal whose ransom is named one sentence before.

mod common;

use common::record as read;
use common::responses::{kinds, set};

#[test]
fn dutch_responses() {
    let r = read(
        "Title: Cyberaanval op AZ Voorbeeld in Gent\nPublished: 2025-02-10\n\n\
         Het AZ Voorbeeld in Gent is zondag getroffen door een ransomware-aanval. \
         Het ziekenhuis heeft zich afgemeld bij de spoeddienst. \
         De hackers eisen losgeld. \
         Het ziekenhuis laat weten dat het niet zal betalen. \
         Het incident werd gemeld bij de politie. \
         Externe IT-specialisten helpen bij het onderzoek. \
         Het personeel werkt voorlopig met pen en papier. \
         De systemen worden stap voor stap hersteld uit back-ups.",
    );
    assert_eq!(r.language.as_deref(), Some("nl"));
    assert_eq!(
        kinds(&r),
        set(&[
            "ambulance_diversion",
            "authorities_notified",
            "external_experts",
            "manual_fallback",
            "phased_restoration",
            "ransom_refused",
            "restore_from_backup",
        ])
    );
    assert_eq!(r.cia.availability.value(), Some(&true));
}

#[test]
fn dutch_plans_threats_and_advice_are_no_responses() {
    let r = read(
        "Title: Cyberaanval op AZ Voorbeeld\nPublished: 2025-02-10\n\n\
         Het AZ Voorbeeld is zondag getroffen door een ransomware-aanval. \
         De hackers dreigen de gegevens te publiceren als er geen losgeld wordt betaald. \
         Het ziekenhuis zal de systemen de komende dagen stap voor stap herstellen. \
         Het CCB raadt ziekenhuizen aan om back-ups offline te bewaren en aangifte te doen bij de politie.",
    );
    assert_eq!(kinds(&r), set(&[]), "{:?}", r.response_actions);
}

#[test]
fn french_responses() {
    let r = read(
        "Title: Cyberattaque au centre hospitalier de Exempleville\nPublished: 2025-03-03\n\n\
         Le centre hospitalier de Exempleville a été victime d'une attaque par rançongiciel lundi. \
         Les pirates exigent une rançon. \
         Suivant les consignes des autorités, la direction refuse de payer. \
         Les patients des urgences sont redirigés vers les hôpitaux voisins. \
         L'établissement a alerté la gendarmerie. \
         Les équipes sont revenues au papier. \
         Une cellule de crise a été activée. \
         Les serveurs seront rétablis progressivement.",
    );
    assert_eq!(r.language.as_deref(), Some("fr"));
    assert_eq!(
        kinds(&r),
        set(&[
            "ambulance_diversion",
            "authorities_notified",
            "crisis_management",
            "manual_fallback",
            "ransom_refused",
        ]),
        "a plan ('seront rétablis') is no phased restoration"
    );
    // Following advice is an action, not a recommendation.
    assert!(r.recommendations.is_empty(), "{:?}", r.recommendations);
}

#[test]
fn french_refusal_needs_a_ransom_in_view() {
    // "ne donnera pas suite" / "refuse de payer" with no ransom in the sentence or the one
    // before says nothing about a ransom.
    let r = read(
        "Title: Incident informatique à l'hôpital Exemple\nPublished: 2025-03-03\n\n\
         L'hôpital Exemple a subi une panne informatique. \
         Le fournisseur a envoyé une facture élevée. \
         L'hôpital refuse de payer et ne donnera pas suite.",
    );
    assert!(!kinds(&r).contains("ransom_refused"), "{:?}", kinds(&r));
}

#[test]
fn german_responses() {
    let r = read(
        "Title: Cyberangriff auf das Klinikum Beispielstadt\nPublished: 2025-04-07\n\n\
         Das Klinikum Beispielstadt ist am Sonntag Opfer eines Cyberangriffs geworden. \
         Die IT-Abteilung fuhr sämtliche Server herunter. \
         Das Klinikum meldete sich bei der Leitstelle von der Notfallversorgung ab. \
         Die Täter verlangen ein Lösegeld. \
         Man werde nicht zahlen, sagte ein Sprecher. \
         Das Klinikum verständigte die Polizei. \
         Externe Sicherheitsexperten unterstützen die Aufarbeitung. \
         Die Mitarbeiter arbeiten mit Zettel und Papier. \
         Die Daten werden aus Datensicherungen wiederhergestellt.",
    );
    assert_eq!(r.language.as_deref(), Some("de"));
    assert_eq!(
        kinds(&r),
        set(&[
            "ambulance_diversion",
            "authorities_notified",
            "external_experts",
            "manual_fallback",
            "ransom_refused",
            "restore_from_backup",
            "shutdown_servers",
        ])
    );
}

#[test]
fn german_planned_restoration_is_no_response() {
    let r = read(
        "Title: Cyberangriff auf das Klinikum Beispielstadt\nPublished: 2025-04-07\n\n\
         Das Klinikum Beispielstadt ist am Sonntag Opfer eines Cyberangriffs geworden. \
         Die Systeme sollen ab Montag schrittweise wieder hochgefahren werden.",
    );
    assert!(!kinds(&r).contains("phased_restoration"), "{:?}", kinds(&r));
}

#[test]
fn english_responses() {
    let r = read(
        "Title: Example Valley Hospital hit by cyber attack\nPublished: 2025-05-05\n\n\
         Example Valley Hospital was hit by a ransomware attack on Sunday. \
         The attackers demanded a ransom. \
         The hospital refused to meet the demand. \
         The emergency department stopped accepting ambulances. \
         The National Cyber Security Centre and the police have been informed. \
         Staff moved to paper-based processes. \
         Systems will be restored gradually over the coming weeks.",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "ambulance_diversion",
            "authorities_notified",
            "manual_fallback",
            "ransom_refused",
        ]),
        "a plan ('will be restored') is no phased restoration"
    );
}

#[test]
fn care_not_affected_denies_availability_unless_systems_went_down() {
    let only_denial = read(
        "Title: Data breach at Example Trust\nPublished: 2025-05-05\n\n\
         Example Trust said attackers had stolen patient records. \
         Clinical services were not affected.",
    );
    assert_eq!(only_denial.cia.availability.value(), Some(&false));
    assert_eq!(only_denial.cia.confidentiality.value(), Some(&true));

    // Care went on while the systems were down: the systems' availability was lost.
    let with_shutdown = read(
        "Title: Cyber attack at Example Trust\nPublished: 2025-05-05\n\n\
         Example Trust was hit by a cyber attack on Monday. \
         The trust shut down its servers as a precaution. \
         Clinical services were not affected.",
    );
    assert_eq!(with_shutdown.cia.availability.value(), Some(&true));

    let fr = read(
        "Title: Fuite de données à la clinique Exemple\nPublished: 2025-03-03\n\n\
         La clinique Exemple a été victime d'une cyberattaque. \
         Les pirates ont mis en ligne 12 Go de données. \
         Les soins ne sont pas impactés.",
    );
    assert_eq!(fr.cia.confidentiality.value(), Some(&true));
    assert_eq!(fr.cia.availability.value(), Some(&false));
}

#[test]
fn precautionary_disconnection_is_lost_availability() {
    let r = read(
        "Title: Klinikum Beispielstadt trennt Systeme vom Internet\nPublished: 2025-04-07\n\n\
         Das Klinikum Beispielstadt hat Auffälligkeiten im Netzwerk festgestellt. \
         Das Klinikum trennte am Montag vorsorglich alle Systeme vom Internet.",
    );
    assert!(kinds(&r).contains("isolate_external"), "{:?}", kinds(&r));
    assert_eq!(r.cia.availability.value(), Some(&true));
}

#[test]
fn stolen_counts_with_thousands_separators() {
    // "12.500" holds a full stop: the phrase still reaches the verb after it.
    let r = read(
        "Title: Datalek bij laboratorium Voorbeeld\nPublished: 2025-08-08\n\n\
         Bij een cyberaanval op laboratorium Voorbeeld zijn de gegevens van 12.500 patiënten buitgemaakt.",
    );
    assert_eq!(r.cia.confidentiality.value(), Some(&true));
}

#[test]
fn an_open_question_leaves_a_coordinated_clause_standing() {
    let r = read(
        "Title: Cyber attack at Example Trust\nPublished: 2025-05-05\n\n\
         Example Trust was hit by a cyber attack on Monday. \
         It is too early to say whether patient data was accessed, and the trust has informed the police.",
    );
    assert!(
        kinds(&r).contains("authorities_notified"),
        "{:?}",
        kinds(&r)
    );
    // In the clause of the question itself nothing is stated.
    let r = read(
        "Title: Cyberaanval op AZ Voorbeeld\nPublished: 2025-02-10\n\n\
         Het AZ Voorbeeld is zondag getroffen door een ransomware-aanval. \
         Of het ziekenhuis losgeld heeft betaald, wil een woordvoerder niet zeggen.",
    );
    assert!(!kinds(&r).contains("ransom_paid"), "{:?}", kinds(&r));
    let r = read(
        "Title: Cyberangriff auf das Klinikum Beispielstadt\nPublished: 2025-04-07\n\n\
         Das Klinikum Beispielstadt ist am Sonntag Opfer eines Cyberangriffs geworden. \
         Ob Patienten verlegt werden müssen, ist unklar.",
    );
    assert!(!kinds(&r).contains("patient_transfer"), "{:?}", kinds(&r));
}

#[test]
fn a_negation_does_not_reach_a_second_predicate() {
    let r = read(
        "Title: Cyberattaque à la clinique Exemple\nPublished: 2025-03-03\n\n\
         La clinique Exemple a été victime d'une attaque par rançongiciel. \
         La direction a indiqué qu'elle ne paierait pas de rançon et a déposé plainte.",
    );
    assert_eq!(
        kinds(&r),
        set(&["authorities_notified", "ransom_refused"]),
        "{:?}",
        r.response_actions
    );
}

#[test]
fn tracker_fields_answer_yes_or_no() {
    for (text, want) in [
        (
            "Victim: Example Hospital\nAttack: ransomware\nData leaked: No",
            false,
        ),
        (
            "Victim: Example Hospital\nAttack: ransomware\nData leaked: 40 GB",
            true,
        ),
        (
            "Slachtoffer: AZ Voorbeeld\nAanval: ransomware\nGegevens gelekt: nee",
            false,
        ),
        (
            "Victime : Clinique Exemple\nAttaque : rançongiciel\nDonnées publiées : non",
            false,
        ),
        (
            "Victime : Clinique Exemple\nAttaque : rançongiciel\nDonnées dérobées : 61 Go",
            true,
        ),
        (
            "Das Klinikum Beispiel meldet einen Angriff auf seine Computer.\n\nOpfer: Klinikum Beispiel\nAngriff: Ransomware\nDatenabfluss: nein",
            false,
        ),
        (
            "Das Klinikum Beispiel meldet einen Angriff auf seine Computer.\n\nOpfer: Klinikum Beispiel\nAngriff: Ransomware\nDatenabfluss: ja",
            true,
        ),
    ] {
        let r = read(&format!(
            "Title: Incident: Example - ransomware\nPublished: 2025-01-10\n\n{text}"
        ));
        assert_eq!(r.cia.confidentiality.value(), Some(&want), "{text}");
    }
}

#[test]
fn an_attackers_claim_the_victim_cannot_confirm_states_no_theft() {
    let hedged = read(
        "Title: Cyberattaque contre le réseau Exemple Soins\nPublished: 2025-06-10\n\n\
         Le réseau de soins Exemple Soins a été victime d'une cyberattaque. \
         Le groupe de hackers affirme avoir dérobé 30 Go de données. \
         « Nous ne pouvons pas confirmer que des données ont été dérobées », indique la direction.",
    );
    assert_eq!(hedged.cia.confidentiality.value(), None);
    let de = read(
        "Title: Cyberangriff auf das Klinikum Beispiel\nPublished: 2025-06-10\n\n\
         Das Klinikum Beispiel ist Opfer eines Cyberangriffs geworden. \
         Datenabfluss: laut Tätergruppe 80 GB (nicht bestätigt)",
    );
    assert_eq!(de.cia.confidentiality.value(), None);
    // An unhedged claim stays evidence (as coded in the development set).
    let plain = read(
        "Title: Clinique Exemple : des données dérobées\nPublished: 2025-06-10\n\n\
         La clinique Exemple a été victime d'une cyberattaque. \
         Les pirates affirment avoir dérobé 30 Go de données.",
    );
    assert_eq!(plain.cia.confidentiality.value(), Some(&true));
}

#[test]
fn more_phrasings_per_language() {
    let de = read(
        "Title: Cyberangriff auf das Klinikum Beispiel\nPublished: 2025-06-10\n\n\
         Das Klinikum Beispiel ist Opfer eines Cyberangriffs geworden. \
         Die Angreifer fordern ein Lösegeld. \
         „Wir werden nicht zahlen\", sagte die Geschäftsführerin. \
         Das Klinikum hat die Kennwörter aller Mitarbeitenden zurückgesetzt. \
         Die Systeme werden Stück für Stück wieder hochgefahren.",
    );
    assert_eq!(
        kinds(&de),
        set(&["credentials_reset", "phased_restoration", "ransom_refused"])
    );
    // "No demand has been received" is no refusal.
    let de = read(
        "Title: Cyberangriff auf das Klinikum Beispiel\nPublished: 2025-06-10\n\n\
         Das Klinikum Beispiel ist Opfer eines Cyberangriffs geworden. \
         Eine Lösegeldforderung ist bisher nicht eingegangen.",
    );
    assert!(!kinds(&de).contains("ransom_refused"), "{:?}", kinds(&de));
    let nl = read(
        "Title: Cyberaanval op AZ Voorbeeld\nPublished: 2025-02-10\n\n\
         Het AZ Voorbeeld is zondag getroffen door een cyberaanval. \
         De criminelen eisen losgeld, maar het ziekenhuis betaalt niet. \
         Het ziekenhuis sloot uit voorzorg alle IT-systemen af. \
         Een extern forensisch bureau werd ingeschakeld. \
         Het ziekenhuis werkt samen met de federale politie. \
         De systemen worden teruggezet vanuit back-ups.",
    );
    assert_eq!(
        kinds(&nl),
        set(&[
            "authorities_notified",
            "external_experts",
            "ransom_refused",
            "restore_from_backup",
            "shutdown_servers",
        ])
    );
    let fr = read(
        "Title: Cyberattaque à l'hôpital Exemple\nPublished: 2025-03-03\n\n\
         L'hôpital Exemple a été victime d'une attaque par rançongiciel. \
         Les équipes ont isolé le réseau de l'extérieur. \
         Le Samu dirige les ambulances vers d'autres hôpitaux.",
    );
    assert_eq!(
        kinds(&fr),
        set(&["ambulance_diversion", "isolate_external"])
    );
    let en = read(
        "Title: Example Care hit by ransomware\nPublished: 2025-03-03\n\n\
         Example Care was hit by ransomware on Tuesday. \
         The company rejected the ransom demand. \
         All workstations were shut down.",
    );
    assert_eq!(kinds(&en), set(&["ransom_refused", "shutdown_servers"]));
}

#[test]
fn care_going_on_in_every_language() {
    for text in [
        "Title: Fuite de données à l'hôpital Exemple\nPublished: 2025-03-03\n\nL'hôpital Exemple a été victime d'une fuite de données. Le fonctionnement des hôpitaux du groupe n'a pas été affecté.",
        "Title: Datalek bij zorginstelling Voorbeeld\nPublished: 2025-03-03\n\nBij zorginstelling Voorbeeld zijn gegevens gestolen. De locaties blijven gewoon open.",
        "Title: Datenleck bei Klinikum Beispiel\nPublished: 2025-03-03\n\nBeim Klinikum Beispiel wurden Daten gestohlen. Der Klinikbetrieb laufe normal weiter.",
        "Title: Data breach at Example Care\nPublished: 2025-03-03\n\nExample Care said data had been stolen. Residents' care was not interrupted.",
    ] {
        let r = read(text);
        assert_eq!(r.cia.availability.value(), Some(&false), "{text}");
        assert_eq!(r.cia.confidentiality.value(), Some(&true), "{text}");
    }
}
