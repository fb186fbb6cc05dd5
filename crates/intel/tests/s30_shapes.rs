//! Session 30 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test.

mod common;

/// The confidentiality value of a record: `Some(true)`, `Some(false)` or `None` (not
/// stated).
fn confidentiality(r: &cordon_intel::IncidentRecord) -> Option<bool> {
    r.cia.confidentiality.value().copied()
}

fn has(r: &cordon_intel::IncidentRecord, id: &str) -> bool {
    r.techniques.iter().any(|t| t.id == id)
}

/// A data object and a predicate that says it was taken, in one clause and in either
/// order (lexicons `disclosure_objects`, `disclosure_taken_*`), is a stated disclosure:
/// confidentiality `true` and T1041, in all four languages.
#[test]
fn disclosure_clauses_state_data_taken_in_every_language() {
    let cases = [
        (
            "Radiologie: Angriff auf das Institut",
            "Nach unserer bisherigen Analyse haben die Täter Befundberichte und Untersuchungsbilder \
             von rund 5'400 Patientinnen und Patienten kopiert.",
        ),
        (
            "Tandartsenpraktijk: bestanden online",
            "In een nieuwe brief laat de praktijk weten dat de gepubliceerde bestanden gegevens \
             bevatten van ongeveer 3.600 patiënten.",
        ),
        (
            "Centre dentaire : complément",
            "L'analyse a montré que les pirates ont copié une partie de nos fichiers avant de \
             les chiffrer.",
        ),
        (
            "Imaging centre: update",
            "On Wednesday 20 November the criminal group published files taken from our systems \
             on its website.",
        ),
        (
            "Huisartsenpraktijk: documenten gedownload",
            "Uit de logbestanden blijkt dat een onbekend IP-adres op woensdag 28 mei alle 1.140 \
             documenten in de map heeft gedownload.",
        ),
        (
            "Cabinet médical : sauvegarde exposée",
            "Une copie de sauvegarde de son agenda en ligne a été téléchargée par un tiers inconnu.",
        ),
    ];
    for (title, body) in cases {
        let r = common::article(title, "2025-05-20", body);
        assert_eq!(confidentiality(&r), Some(true), "{body}");
        assert!(has(&r, "T1041"), "{body}");
    }
}

/// Data seen, not taken ("ingekeken", "a été consulté", "looked at"), is a disclosure
/// without exfiltration: confidentiality `true`, no T1041.
#[test]
fn data_viewed_is_disclosure_without_exfiltration() {
    let cases = [
        (
            "Clinique : consultations sans raison",
            "La clinique a écrit à 640 patients dont le dossier médical a été consulté sans \
             raison par une de ses employées.",
        ),
        (
            "Thuisverpleging: dossiers ingekeken",
            "Een verpleegkundige heeft de elektronische dossiers van 230 patiënten ingekeken.",
        ),
        (
            "GP practice: records viewed",
            "A member of staff looked at patient records without a reason to do so.",
        ),
    ];
    for (title, body) in cases {
        let r = common::article(title, "2025-06-10", body);
        assert_eq!(confidentiality(&r), Some(true), "{body}");
        assert!(!has(&r, "T1041"), "{body}");
    }
}

/// Counter-examples: a negation, a question, a claim, a group's habit in the present, an adjective after a determiner, "taken offline" and "data protection" state
/// no disclosure.
#[test]
fn disclosure_clauses_do_not_overreach() {
    let none = [
        (
            "Ziekenhuis: aanval",
            "Volgens het ziekenhuis zijn er geen gegevens gekopieerd of gestolen.",
        ),
        (
            "Labo: vragen",
            "Heeft de aanvaller gegevens gekopieerd of doorgegeven?",
        ),
        (
            "Labor: Angriff",
            "Die Gruppe SafePay droht, angeblich erbeutete 90 GB an Daten zu veröffentlichen.",
        ),
        (
            "Clinique : revendication",
            "Le groupe pratique la double extorsion : il chiffre les systèmes et vole des \
             données avant de les publier.",
        ),
        (
            "Hospital: systems down",
            "The attack took down the call centre and its electronic health records, and staff \
             switched to paper.",
        ),
        (
            "Hospital: statement",
            "The Data Protection Commission was informed and the necessary steps were taken.",
        ),
        (
            "Oogkliniek: claim",
            "De groep beweert 95 GB aan bestanden te hebben buitgemaakt.",
        ),
    ];
    for (title, body) in none {
        let r = common::article(title, "2025-05-20", body);
        assert_ne!(confidentiality(&r), Some(true), "{body}");
        assert!(!has(&r, "T1041"), "{body}");
    }
}

/// A negation of stolen data named attributively — a site's disclaimer about itself
/// ("verlinkt keine gestohlenen Daten", "ne publie aucun lien vers des données volées") —
/// denies nothing: the victim's own statement of theft stands.
#[test]
fn a_negated_stolen_data_phrase_is_no_denial() {
    let r = common::article(
        "Radiologie Sempach: Daten kopiert",
        "2025-02-05",
        "Unbekannte haben sich Zugang zu unserem Netzwerk verschafft und in den folgenden Tagen \
         Daten kopiert.\n\n\
         Leckradar verlinkt keine gestohlenen Daten und veröffentlicht keine Auszüge daraus.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    let r = common::article(
        "EHPAD : données publiées",
        "2026-01-26",
        "L'établissement a confirmé que des fichiers contenant des données de 112 résidents \
         ont été publiés par le groupe.\n\n\
         L'Observatoire ne publie aucun lien vers des données volées.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    // A denial of the victim's data stays one.
    let r = common::article(
        "Pflegeheim: Angriff",
        "2025-02-05",
        "Nach unserer Analyse wurden keine Daten gestohlen.",
    );
    assert_eq!(confidentiality(&r), Some(false));
}

/// A negation that is a preposition ("zonder", "sans", "ohne", "without") negates the phrase
/// it governs ("zonder reden"), not the clause's predicate; with nothing but a link word
/// between it and the cue ("zonder dat gegevens …") it still negates.
#[test]
fn a_negation_preposition_negates_its_own_phrase() {
    let r = common::article(
        "GGZ: medewerker verkocht gegevens",
        "2025-11-20",
        "Een medewerker heeft maandenlang zonder reden dossiers van cliënten bekeken en \
         gegevens van 287 cliënten doorverkocht.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    assert!(has(&r, "T1041"));
    let r = common::article(
        "Ziekenhuis: aanval afgeslagen",
        "2025-11-20",
        "De aanvallers kwamen binnen, maar werden ontdekt zonder dat gegevens zijn gestolen.",
    );
    assert_ne!(confidentiality(&r), Some(true));
    let r = common::article(
        "Hospital: attack stopped",
        "2025-11-20",
        "The intruders were removed from the network without any data being copied.",
    );
    assert_ne!(confidentiality(&r), Some(true));
}

/// A negated purpose ("pour ne pas publier les données", "om … niet te publiceren")
/// negates the purpose: it denies no theft stated elsewhere.
#[test]
fn a_negated_purpose_denies_nothing() {
    let r = common::article(
        "Institut de radiologie rançonné",
        "2025-03-14",
        "Les pirates ont volé des données d'environ 4000 patients. \
         Ils réclament 200 000 francs pour ne pas publier les données qu'ils disent avoir \
         dérobées.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    // A plain denial stays one.
    let r = common::article(
        "Institut de radiologie",
        "2025-03-14",
        "Selon l'institut, aucune donnée n'a été volée.",
    );
    assert_eq!(confidentiality(&r), Some(false));
}

fn has_motive(r: &cordon_intel::IncidentRecord, m: &str) -> bool {
    r.motives.iter().any(|x| x.value == m)
}

/// A payment fraud stated as done (lexicons `fraud_cues`) is financial theft: T1657 and the
/// financial motive, in all four languages; a warning about such frauds is none.
#[test]
fn payment_fraud_is_financial_theft() {
    let cases = [
        (
            "Pharmacy group loses £38,460",
            "The pharmacy said the money was transferred on 24 February to a bank account \
             controlled by the criminals.",
        ),
        (
            "Ziekenfonds: fraude met terugbetalingen",
            "Daardoor werd in totaal 23.480 euro aan terugbetalingen op rekeningen van de \
             fraudeurs gestort.",
        ),
        (
            "Mutuelle : fraude au paiement",
            "Le vendredi 7 novembre, nous avons viré 64 300 euros sur ce nouveau compte bancaire.",
        ),
        (
            "Seniorenwohnhaus: Betrug",
            "Die Buchhaltung hat 37.800 Euro auf ein Konto der Betrüger in Litauen überwiesen.",
        ),
    ];
    for (title, body) in cases {
        let r = common::article(title, "2025-03-10", body);
        assert!(has(&r, "T1657"), "{body}");
        assert!(has_motive(&r, "financial"), "{body}");
    }
    // Counter-examples: a warning, a question.
    for body in [
        "Méfiez-vous des courriels qui vous demanderaient un paiement ou vos codes bancaires.",
        "Was money transferred to a bank account controlled by the criminals?",
    ] {
        let r = common::article("Clinic: advice", "2025-03-10", body);
        assert!(!has(&r, "T1657"), "{body}");
    }
}

/// A ransom demand with its object first ("in der sie Geld verlangen", "er werd geld
/// gevraagd") or its amount in French words ("réclamaient septante-cinq mille euros") is a
/// demand; "Er is geen geld gevraagd" is none.
#[test]
fn money_demanded_in_other_word_orders() {
    for body in [
        "Die Täter haben auf den Servern eine Nachricht hinterlassen, in der sie Geld verlangen.",
        "Les pirates, qui se présentent sous le nom d'Akira, réclamaient septante-cinq mille euros.",
    ] {
        let r = common::article("Angriff / attaque", "2025-05-14", body);
        assert!(has(&r, "T1657"), "{body}");
    }
    let r = common::article(
        "Huisarts: datalek",
        "2025-05-14",
        "Er is geen geld gevraagd, en de zorg liep geen vertraging op.",
    );
    assert!(!has(&r, "T1657"));
}

/// A question of a Q&A page answered yes by the next sentence states what it asks ("Les
/// pirates ont-ils demandé une rançon ? Oui, 70 000 francs."); answered no, or not at all,
/// it states nothing.
#[test]
fn a_question_answered_yes_states_what_it_asks() {
    let r = common::article(
        "EMS : questions et réponses",
        "2025-09-12",
        "Les pirates ont-ils demandé une rançon ?\n\nOui, 70 000 francs.",
    );
    assert!(has(&r, "T1657"));
    let r = common::article(
        "EMS : questions et réponses",
        "2025-09-12",
        "Les pirates ont-ils demandé une rançon ?\n\nNon.",
    );
    assert!(!has(&r, "T1657"));
    let r = common::article(
        "Mutuelle : questions",
        "2025-11-17",
        "Mes données ont-elles été consultées ?\n\nPour une partie de nos membres, oui.",
    );
    assert_eq!(confidentiality(&r), Some(true));
    assert!(!has(&r, "T1041"));
}

fn responds(r: &cordon_intel::IncidentRecord, kind: &str) -> bool {
    r.response_actions.iter().any(|x| x.kind == kind)
}

/// Services back in normal operation since a day, or a system in use again, are
/// `services_restored` in all four languages; a goal ("Unser Ziel ist es, … wieder
/// arbeitsfähig zu machen") is none.
#[test]
fn normal_operation_since_a_day_is_services_restored() {
    for body in [
        "The rostering system has been working normally since 7am on Monday 3 February.",
        "The Galway firm restored the care records system, and nurses were using it again this morning.",
        "\"Sinds die middag rijden we weer volgens planning\", zegt directeur De Ridder.",
        "Une société liégeoise a restauré les systèmes ; tout refonctionne depuis le jeudi 17 avril.",
        "Die Systeme seien wiederhergestellt worden; seit Freitag arbeite man wieder normal.",
    ] {
        let r = common::article("Cyberangriff / attack", "2025-04-20", body);
        assert!(responds(&r, "services_restored"), "{body}");
    }
    let r = common::article(
        "Praxissoftware: Angriff",
        "2025-04-20",
        "\"Unser Ziel ist es, alle Praxen so schnell wie möglich wieder arbeitsfähig zu machen.\"",
    );
    assert!(!responds(&r, "services_restored"));
}

/// An update stamp in capitals ("UPDATE 21:05:") is no imperative of advice: the sentence
/// after it states what happened.
#[test]
fn an_update_stamp_is_no_advice() {
    let r = common::article(
        "Hospital attack",
        "2026-11-06",
        "UPDATE 21:05: In a statement this evening, the hospital said the laboratory system had \
         been restored from backups and was working again.",
    );
    assert!(responds(&r, "services_restored"));
    // An imperative list item stays advice.
    let r = common::article(
        "Lessons",
        "2026-11-06",
        "- Update backups regularly and test that systems can be restored from backups.",
    );
    assert!(!responds(&r, "restore_from_backup"));
}

/// An external security firm named in any wording, with a role in its sentence or the two
/// before (investigating, assisting, restoring, checking), is `external_experts` in all
/// four languages; a firm quoted on the state of the threat is none.
#[test]
fn an_external_security_firm_at_work_is_external_experts() {
    for body in [
        "The investigation by an independent cyber security firm, which we brought in on the Sunday morning, has finished.",
        "Een ICT-beveiligingsbedrijf heeft onderzocht wat de aanvaller met het account heeft gedaan.",
        "Une entreprise lausannoise spécialisée en sécurité informatique nous assiste.",
        "Ein Innsbrucker IT-Sicherheitsunternehmen spielte die Kartei schließlich aus der Datensicherung zurück.",
    ] {
        let r = common::article("Cyberangriff / attack", "2025-04-20", body);
        assert!(responds(&r, "external_experts"), "{body}");
    }
    let r = common::article(
        "Ransomware trends",
        "2025-04-20",
        "According to the security firm's annual figures, attacks on clinics rose last year.",
    );
    assert!(!responds(&r, "external_experts"));
}

/// A ransom or fraud cue after a warning to the readers ("Soyez vigilants face aux
/// courriels … qui vous demandent de l'argent", "Wees alert voor … die u om geld vragen") is
/// what they are warned of: no demand, no T1657.
#[test]
fn a_warning_to_readers_states_no_demand() {
    for body in [
        "Soyez vigilants face aux courriels, SMS ou appels qui font référence à vos examens et vous demandent de l'argent.",
        "Wees alert voor telefoontjes of e-mails van mensen die zeggen dat ze van de thuisverpleging zijn en u om geld vragen.",
        "Be alert to calls from people who say the money was transferred to a new account.",
    ] {
        let r = common::article("Attaque / aanval", "2026-01-22", body);
        assert!(!has(&r, "T1657"), "{body}");
        assert!(!has_motive(&r, "financial"), "{body}");
    }
}
