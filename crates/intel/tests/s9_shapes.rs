//! Session 9 (issue 15): a possibility, a condition or an open question is no statement
//! that data was taken — "cannot rule out", "If data has been taken, …", "onderzoekt of",
//! "ne pouvons pas exclure", "nicht ausschließen" leave confidentiality not stated, and a
//! denial at the end of its clause ("Hinweise …, gebe es bislang keine") denies it. The
//! words before an indirect question ("An outside firm … is investigating whether …") and
//! the reporting clause after a quotation ("« … », indique la direction, qui a notifié la
//! CNIL") stay stated. Every article is invented for the test (organisations and people
//! are fictitious; towns are real), with counter-examples that must keep their facts.

mod common;

use cordon_intel::IncidentRecord;

use common::article as rec;

fn confidentiality(r: &IncidentRecord) -> Option<bool> {
    r.cia.confidentiality.value().copied()
}

fn techniques(r: &IncidentRecord) -> Vec<String> {
    r.techniques.iter().map(|t| t.id.clone()).collect()
}

fn kinds(r: &IncidentRecord) -> Vec<String> {
    r.response_actions.iter().map(|a| a.kind.clone()).collect()
}

/// A possibility ("cannot rule out that data was copied") and a condition ("If data has
/// been taken, we will tell …") state nothing about disclosure, in four languages; no
/// T1041 follows (Coding rule 2).
#[test]
fn a_possibility_or_a_condition_is_no_data_theft() {
    let cases = [
        rec(
            "Ransomware attack on Harbourside Diagnostics",
            "2025-05-12",
            "Harbourside Diagnostics in Cork was hit by ransomware on Saturday, encrypting its laboratory servers. The lab said it \"cannot rule out\" that data was copied, and that the investigation is continuing.",
        ),
        rec(
            "Ransomware attack on Westbay Clinic",
            "2025-05-12",
            "Westbay Clinic in Galway was hit by ransomware on Saturday and its servers were encrypted. If data has been taken, we will tell every patient affected, the clinic said.",
        ),
        rec(
            "Cyberattaque contre la résidence Les Tilleuls",
            "2025-03-12",
            "La résidence Les Tilleuls à Vesoul a été victime d'une attaque par rançongiciel samedi soir ; ses serveurs ont été chiffrés. Nous ne pouvons pas exclure à ce stade que des données aient été copiées par les attaquants.",
        ),
        rec(
            "Ransomware bij Zorgcentrum De Linde",
            "2025-05-21",
            "Zorgcentrum De Linde in Zwolle is zaterdag getroffen door ransomware; de servers zijn versleuteld. Een gespecialiseerd bedrijf dat wij hebben ingeschakeld, onderzoekt of de aanvallers gegevens hebben meegenomen.",
        ),
        rec(
            "Cyberangriff auf Pflegeheim Am Stadtpark",
            "2025-04-08",
            "Das Pflegeheim Am Stadtpark in Gotha ist Opfer eines Cyberangriffs geworden; die Server wurden verschlüsselt. Die Heimleitung kann nicht ausschließen, dass Daten der Bewohner kopiert wurden.",
        ),
    ];
    for r in &cases {
        assert_eq!(confidentiality(r), None, "{:?}", r.title);
        assert!(
            !techniques(r).contains(&"T1041".to_string()),
            "{:?}",
            r.title
        );
    }
    // Counter-examples: a stated theft stays stated.
    let stated = [
        rec(
            "Ransomware attack on Harbourside Diagnostics",
            "2025-05-12",
            "Harbourside Diagnostics in Cork was hit by ransomware on Saturday. The lab confirmed that patient data was stolen by the attackers.",
        ),
        rec(
            "Ransomware bij Zorgcentrum De Linde",
            "2025-05-21",
            "Zorgcentrum De Linde in Zwolle is zaterdag getroffen door ransomware. Bij de aanval zijn gegevens van 300 cliënten gestolen.",
        ),
    ];
    for r in &stated {
        assert_eq!(confidentiality(r), Some(true), "{:?}", r.title);
    }
}

/// A denial placed at the end of its clause — the evidence noun first ("Hinweise darauf,
/// dass Daten kopiert wurden, gebe es bislang keine"; "Aanwijzingen dat er gegevens zijn
/// gestolen, zijn er niet") — denies the theft.
#[test]
fn a_denial_at_the_end_of_the_clause_denies_the_theft() {
    let de = rec(
        "Cyberangriff auf Seniorenheim Sonnenhang",
        "2025-02-14",
        "Das Seniorenheim Sonnenhang in Eupen ist Opfer eines Cyberangriffs geworden; mehrere Server wurden verschlüsselt. Hinweise darauf, dass Daten kopiert wurden, gebe es bislang keine, sagte die Leiterin.",
    );
    assert_eq!(confidentiality(&de), Some(false));
    let nl = rec(
        "Cyberaanval op Woonzorgcentrum Ter Beke",
        "2025-02-14",
        "Woonzorgcentrum Ter Beke in Lokeren is getroffen door ransomware; de servers zijn versleuteld. Aanwijzingen dat er gegevens zijn gestolen, zijn er niet, zegt de directeur.",
    );
    assert_eq!(confidentiality(&nl), Some(false));
    // Counter-example: evidence that there is ("Hinweise … gibt es"), not denied.
    let yes = rec(
        "Cyberangriff auf Seniorenheim Sonnenhang",
        "2025-02-14",
        "Das Seniorenheim Sonnenhang in Eupen ist Opfer eines Cyberangriffs geworden. Die Täter haben Daten von 200 Bewohnern gestohlen und veröffentlicht.",
    );
    assert_eq!(confidentiality(&yes), Some(true));
}

/// The words before an indirect question are stated ("Een gespecialiseerd bedrijf dat wij
/// hebben ingeschakeld, onderzoekt of …", "Het openbaar ministerie onderzoekt of …"), and
/// so is the reporting clause after a quotation that holds the doubt; the clause of the
/// question itself stays open.
#[test]
fn the_words_before_an_open_question_and_after_a_quotation_stand() {
    let nl = rec(
        "Ransomware bij Zorgcentrum De Linde",
        "2025-05-21",
        "Zorgcentrum De Linde in Zwolle is zaterdag getroffen door ransomware. Een gespecialiseerd bedrijf dat wij hebben ingeschakeld, onderzoekt of de aanvallers gegevens hebben meegenomen.",
    );
    assert!(
        kinds(&nl).contains(&"external_experts".to_string()),
        "{:?}",
        kinds(&nl)
    );
    let fr = rec(
        "Cyberattaque contre le laboratoire Bioval",
        "2025-03-12",
        "Le laboratoire Bioval à Dole a été victime d'une cyberattaque samedi. « À ce stade, nous ne sommes pas en mesure de confirmer que des données ont été exfiltrées », indique la direction, qui a notifié la CNIL.",
    );
    assert!(
        kinds(&fr).contains(&"authorities_notified".to_string()),
        "{:?}",
        kinds(&fr)
    );
    assert_eq!(confidentiality(&fr), None);
    // Counter-example: the response inside the open question is not stated.
    let open = rec(
        "Ransomware attack on Westbay Clinic",
        "2025-05-12",
        "Westbay Clinic in Galway was hit by ransomware on Saturday. The clinic would not say whether it had informed the police.",
    );
    assert!(
        !kinds(&open).contains(&"authorities_notified".to_string()),
        "{:?}",
        kinds(&open)
    );
}

fn impacts(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|f| match f.count {
            Some(n) => format!("{n} {} {}", f.unit, f.effect),
            None => format!("{} {}", f.unit, f.effect),
        })
        .collect()
}

/// A care home's records ("elektronische Pflegedokumentation", "Bewohnerdossier",
/// "resident records system") and a patient file that "niet meer opende" are services put
/// out of use.
#[test]
fn care_records_out_of_use_are_read_as_services() {
    let de = rec(
        "Cyberangriff auf Seniorenheim Sonnenhang",
        "2025-02-14",
        "Das Seniorenheim Sonnenhang in Eupen ist Opfer eines Cyberangriffs geworden. Seitdem ist die elektronische Pflegedokumentation nicht verfügbar.",
    );
    assert!(
        impacts(&de).contains(&"electronic health records unavailable".to_string()),
        "{:?}",
        impacts(&de)
    );
    let en = rec(
        "Ransomware at Riverside Nursing Homes",
        "2025-03-06",
        "Riverside Nursing Homes in Drogheda was hit by ransomware. The electronic resident records system is unavailable since Monday.",
    );
    assert!(
        impacts(&en).contains(&"electronic health records unavailable".to_string()),
        "{:?}",
        impacts(&en)
    );
    let nl = rec(
        "Cyberaanval op AZ Scheldeland",
        "2025-01-20",
        "AZ Scheldeland in Temse is getroffen door een cyberaanval. Medewerkers merkten dat het patiëntendossier niet meer opende.",
    );
    assert!(
        impacts(&nl).contains(&"electronic health records unavailable".to_string()),
        "{:?}",
        impacts(&nl)
    );
    // Counter-example: records that work.
    let ok = rec(
        "Cyberangriff auf Seniorenheim Sonnenhang",
        "2025-02-14",
        "Das Seniorenheim Sonnenhang in Eupen ist Opfer eines Cyberangriffs geworden. Die Pflegedokumentation ist weiterhin verfügbar.",
    );
    assert!(
        !impacts(&ok)
            .iter()
            .any(|i| i.starts_with("electronic health records")),
        "{:?}",
        impacts(&ok)
    );
}

/// The customers of a supplier left unable to work are counted ("about 1,100 pharmacies …
/// unable to look up", "ruim 450 apotheken … geen elektronische recepten meer verwerken");
/// a population a negated effect did not hit is not ("The safety and care of our 214
/// residents has not been compromised"), even where data was taken.
#[test]
fn customers_left_unable_to_work_are_counted_and_spared_ones_are_not() {
    let en = rec(
        "Ransomware attack on Medisoft Dispensing",
        "2025-02-03",
        "A ransomware attack on Medisoft Dispensing, a Coventry company that supplies dispensing systems, has left about 1,100 pharmacies in England and Wales unable to look up patients' medication histories since the weekend.",
    );
    assert!(
        impacts(&en)
            .iter()
            .any(|i| i.starts_with("1100 pharmacies")),
        "{:?}",
        impacts(&en)
    );
    let nl = rec(
        "Storing bij Receptlijn",
        "2024-11-15",
        "Receptlijn uit Haarlem is getroffen door ransomware. Sinds donderdagochtend konden ruim 450 apotheken in Noord-Holland geen elektronische recepten meer verwerken.",
    );
    assert!(
        impacts(&nl).iter().any(|i| i.starts_with("450 pharmacies")),
        "{:?}",
        impacts(&nl)
    );
    let spared = rec(
        "Ransomware at Riverside Nursing Homes",
        "2025-03-06",
        "Riverside Nursing Homes in Drogheda was hit by ransomware and the attackers stole personal data of staff. The safety and care of our 214 residents has not been compromised at any point.",
    );
    assert!(
        !impacts(&spared).iter().any(|i| i.starts_with("214 ")),
        "{:?}",
        impacts(&spared)
    );
}

fn victim(r: &IncidentRecord) -> (String, String) {
    r.victims
        .first()
        .map(|v| (v.name.clone(), v.org_type.clone()))
        .unwrap_or_default()
}

/// Unauthorised access is an attack ("an unauthorised person accessed our client record
/// system", "onbevoegde toegang", "accès non autorisé", "unbefugter Zugriff"), and an
/// apposition of up to five words joined by a coordinator types the victim ("a residential
/// and community addiction treatment provider").
#[test]
fn unauthorised_access_names_its_victim() {
    let en = rec(
        "Statement on unauthorised access to client records",
        "2025-06-20",
        "St. Kenelm's Recovery Centre, a residential and community addiction treatment provider in Kidderminster, has found that an unauthorised person accessed our client record system and downloaded records of current and former clients.",
    );
    assert_eq!(
        victim(&en),
        (
            "St. Kenelm's Recovery Centre".to_string(),
            "healthcare provider".to_string()
        )
    );
    let de = rec(
        "Unbefugter Zugriff auf Patientendaten",
        "2025-06-20",
        "Die Klinik am Rosengarten in Bad Salzuflen hat einen unbefugten Zugriff auf ihr Patientenportal festgestellt.",
    );
    assert_eq!(victim(&de).0, "Klinik am Rosengarten");
    // Counter-example: a person's role is no apposition ("director of the provider").
    let role = rec(
        "Statement",
        "2025-06-20",
        "John Harker, director of the provider, said an unauthorised person accessed the system of Oakfield Clinic in Kidderminster.",
    );
    assert_ne!(victim(&role).0, "John Harker");
}

/// A sentence-opening adverb before an inverted verb is no name ("Tegelijk werden we in
/// oktober getroffen …"); the victim after the verb is read, and a "zorggroep" is a care
/// home operator.
#[test]
fn an_opening_adverb_is_no_victim_and_a_zorggroep_runs_care_homes() {
    let nl = rec(
        "Jaarverslag 2024",
        "2025-05-26",
        "2024 was voor Zorggroep Lindehof een jaar met twee gezichten. Tegelijk werden we in oktober getroffen door een cyberaanval. In de nacht van zondag 13 op maandag 14 oktober 2024 werd Zorggroep Lindehof in Assen getroffen door een ransomware-aanval.",
    );
    assert_eq!(
        victim(&nl),
        ("Zorggroep Lindehof".to_string(), "care home".to_string())
    );
}

/// A refusal to pay in the present tense of the speaker ("Wir zahlen nicht" after "Es gibt
/// eine Lösegeldforderung"; "Wij betalen geen losgeld") is a refusal, and a board ("De raad
/// van bestuur") is no advice ("raadt aan"), so its decision stands.
#[test]
fn refusals_in_the_speakers_words_and_a_boards_decision_stand() {
    let de = rec(
        "Cyberangriff auf Klinikum Lippe-Süd",
        "2025-03-10",
        "Das Klinikum Lippe-Süd in Detmold ist Opfer eines Cyberangriffs geworden. „Es gibt eine Lösegeldforderung. Wir zahlen nicht“, sagte ein Sprecher am Montag.",
    );
    assert!(
        kinds(&de).contains(&"ransom_refused".to_string()),
        "{:?}",
        kinds(&de)
    );
    let nl = rec(
        "Ransomware bij Zorggroep Lindehof",
        "2024-11-10",
        "Zorggroep Lindehof in Assen is getroffen door ransomware. De aanvallers eisten 700.000 dollar in bitcoin. De raad van bestuur heeft, na overleg met de raad van toezicht, besloten niet te betalen.",
    );
    assert!(
        kinds(&nl).contains(&"ransom_refused".to_string()),
        "{:?}",
        kinds(&nl)
    );
    let quote = rec(
        "AZ Zuiderkempen: \"Wij betalen geen losgeld\"",
        "2025-09-03",
        "AZ Zuiderkempen in Geel is getroffen door ransomware. \"Wij betalen geen losgeld\", zegt de directeur.",
    );
    assert!(
        kinds(&quote).contains(&"ransom_refused".to_string()),
        "{:?}",
        kinds(&quote)
    );
    // Counter-examples: a payment is no refusal, and advice stays advice.
    let paid = rec(
        "Cyberangriff auf Klinikum Lippe-Süd",
        "2025-03-10",
        "Das Klinikum Lippe-Süd in Detmold ist Opfer eines Cyberangriffs geworden. Es gab eine Lösegeldforderung. Wir zahlen, sagte ein Sprecher.",
    );
    assert!(
        !kinds(&paid).contains(&"ransom_refused".to_string()),
        "{:?}",
        kinds(&paid)
    );
    let advice = rec(
        "Ransomware bij Zorggroep Lindehof",
        "2024-11-10",
        "Zorggroep Lindehof in Assen is getroffen door ransomware. Het CCB raadt organisaties aan hun back-ups uit voorzorg offline te bewaren en systemen af te sluiten.",
    );
    assert!(
        !kinds(&advice).contains(&"shutdown_servers".to_string()),
        "{:?}",
        kinds(&advice)
    );
}
