//! Responses and impacts, round 2 of session 4 (issue 15; kinds 17, 23 and 26 of
//! /work/notes/s4/final/errors-by-kind.md): a population count is not an impact, a list
//! under a recommendations heading is advice, and an ambulance diversion read as a
//! response is also the impact `ambulances diverted` (coding rule 4 applied to
//! ambulances). Phrasings written for this test (not taken from any development or
//! held-out set), in the four languages; the expected values are coded by hand from each
//! text — the oracle is the reading of the sentence, not the engine's output.

mod common;

use common::record as read;
use cordon_intel::IncidentRecord;

fn counted(r: &IncidentRecord, n: u64) -> bool {
    r.impacts.iter().any(|f| f.count == Some(n))
}

fn has_response(r: &IncidentRecord, kind: &str) -> bool {
    r.response_actions.iter().any(|a| a.kind == kind)
}

/// A count of the people an organisation cares for, in a sentence whose effect is
/// negated or belongs to another clause, is no impact (kind 23).
#[test]
fn population_counts_are_not_impacts_in_four_languages() {
    for (text, n) in [
        (
            "Title: Cyber attack on Elmwood Care\nPublished: 2025-03-04\n\n\
             Elmwood Care in Bristol was hit by ransomware on Monday. \
             Care for the home's 95 residents has not been disrupted, the operator said.",
            95,
        ),
        (
            "Title: Cyber attack on Elmwood Care\nPublished: 2025-03-04\n\n\
             Elmwood Care in Bristol was hit by ransomware on Monday. \
             Support for its 130 residents was at no point disrupted.",
            130,
        ),
        (
            "Title: Cyberattaque contre la résidence Les Tilleuls\nPublished: 2025-03-04\n\n\
             La résidence Les Tilleuls à Namur a été victime d'un rançongiciel lundi. \
             Le serveur central est hors service et les fiches des 150 résidents sont tenues à la main.",
            150,
        ),
        (
            "Title: Cyberangriff auf Haus Lindenhof\nPublished: 2025-03-04\n\n\
             Das Haus Lindenhof in Kassel wurde am Montag Opfer eines Cyberangriffs. \
             Das Netzwerk ist ausgefallen und die Akten der 300 Bewohner werden auf Papier geführt.",
            300,
        ),
        (
            "Title: Cyberaanval op woonzorgcentrum De Linde\nPublished: 2025-03-04\n\n\
             Woonzorgcentrum De Linde in Gent werd maandag getroffen door ransomware. \
             Het netwerk is uitgevallen en de dossiers van de 210 bewoners worden op papier bijgehouden.",
            210,
        ),
    ] {
        let r = read(text);
        assert!(
            !counted(&r, n),
            "{n} read as an impact in {text:?}: {:?}",
            r.impacts
        );
    }
}

/// A count whose negation governs another verb keeps its effect ("staff who could not
/// work … were sent home").
#[test]
fn a_negation_of_another_verb_does_not_drop_the_count() {
    let r = read(
        "Title: Ransomware at Ridgeway Hospital\nPublished: 2025-03-04\n\n\
         Ridgeway Hospital in Derby was hit by ransomware on Monday. \
         About 80 employees who could not log in to the network were furloughed.",
    );
    assert!(counted(&r, 80), "{:?}", r.impacts);
}

/// List items under a recommendations heading are advice written as infinitives or
/// imperatives, not steps taken (kind 26); the same step stated in the body is one.
#[test]
fn list_items_under_a_recommendations_heading_are_no_response() {
    for text in [
        "Title: Report on the attack on Hillcrest Clinic\nPublished: 2025-03-04\n\n\
         Hillcrest Clinic in York was hit by ransomware on Monday.\n\n\
         ## Recommendations\n\
         - Restore systems from offline backups in regular drills.\n\
         - Call in outside incident responders before a crisis.\n",
        "Title: Rapport sur l'attaque de la clinique Beauséjour\nPublished: 2025-03-04\n\n\
         La clinique Beauséjour à Tours a été victime d'un rançongiciel lundi.\n\n\
         Recommandations :\n\
         - Restaurer chaque trimestre les systèmes depuis les sauvegardes hors ligne.\n\
         - Faire appel à des experts externes en réponse aux incidents.\n",
        "Title: Rapport over de aanval op Kliniek Heuvelrug\nPublished: 2025-03-04\n\n\
         Kliniek Heuvelrug in Zeist werd maandag getroffen door ransomware.\n\n\
         ## Aanbevelingen\n\
         - Systemen elk kwartaal herstellen vanuit offline back-ups bij wijze van oefening.\n\
         - Externe experts inschakelen voor incidentrespons.\n",
        "Title: Bericht zum Angriff auf die Klinik Talblick\nPublished: 2025-03-04\n\n\
         Die Klinik Talblick in Jena wurde am Montag Opfer eines Ransomware-Angriffs.\n\n\
         Empfehlungen:\n\
         - Systeme regelmäßig aus Offline-Backups wiederherstellen und dies üben.\n\
         - Externe IT-Forensiker für den Ernstfall vorab beauftragen.\n",
    ] {
        let r = read(text);
        for kind in ["restore_from_backup", "external_experts"] {
            assert!(
                !has_response(&r, kind),
                "{kind} read from advice in {text:?}: {:?}",
                r.response_actions
            );
        }
    }
    // The same step stated as done in the body still counts.
    let r = read(
        "Title: Report on the attack on Hillcrest Clinic\nPublished: 2025-03-04\n\n\
         Hillcrest Clinic in York was hit by ransomware on Monday. \
         The clinic restored its systems from offline backups within three days.\n\n\
         ## Recommendations\n\
         - Test backups regularly.\n",
    );
    assert!(
        has_response(&r, "restore_from_backup"),
        "{:?}",
        r.response_actions
    );
}

/// An ambulance diversion read as a response is also the impact `ambulances diverted`,
/// and replaces an `ambulances unavailable` read from the same event (kind 17).
#[test]
fn an_ambulance_diversion_is_also_the_impact() {
    for text in [
        "Title: Ransomware at St Brendan's Hospital\nPublished: 2025-03-04\n\n\
         St Brendan's Hospital in Galway was hit by ransomware on Monday. \
         Ambulances were diverted to neighbouring hospitals until Wednesday.",
        "Title: Ransomware at St Brendan's Hospital\nPublished: 2025-03-04\n\n\
         St Brendan's Hospital in Galway was hit by ransomware on Monday. \
         The emergency department was closed to ambulances, which were sent to other hospitals in the region.",
    ] {
        let r = read(text);
        assert!(
            has_response(&r, "ambulance_diversion"),
            "{:?}",
            r.response_actions
        );
        assert!(
            r.impacts
                .iter()
                .any(|f| f.unit == "ambulances" && f.effect == "diverted"),
            "{:?}",
            r.impacts
        );
        assert!(
            !r.impacts
                .iter()
                .any(|f| f.unit == "ambulances" && f.effect == "unavailable"),
            "{:?}",
            r.impacts
        );
    }
    // No diversion stated: no derived impact.
    let r = read(
        "Title: Ransomware at St Brendan's Hospital\nPublished: 2025-03-04\n\n\
         St Brendan's Hospital in Galway was hit by ransomware on Monday. \
         Outpatient appointments were postponed.",
    );
    assert!(
        !r.impacts.iter().any(|f| f.unit == "ambulances"),
        "{:?}",
        r.impacts
    );
}

/// A refusal to pay or negotiate, stated with a conjugated or negated verb, or as a
/// refusal to pay "criminals", is `ransom_refused` (kind 11), in four languages.
#[test]
fn ransom_refusals_in_other_wordings_in_four_languages() {
    for text in [
        "Title: Ransomware at Fernhill Hospital\nPublished: 2025-03-04\n\n\
         Fernhill Hospital in Leeds was hit by ransomware on Monday. \
         The attackers demanded a ransom. The hospital does not negotiate with criminals, its director said.",
        "Title: Cyberattaque contre la clinique des Aubépines\nPublished: 2025-03-04\n\n\
         La clinique des Aubépines à Lyon a été victime d'un rançongiciel lundi. \
         Les pirates réclament une rançon. La direction assure qu'elle ne versera jamais d'argent.",
        "Title: Cyberattaque contre la clinique des Aubépines\nPublished: 2025-03-04\n\n\
         La clinique des Aubépines à Lyon a été victime d'un rançongiciel lundi. \
         « Nous ne négocierons pas avec les cybercriminels », a déclaré le directeur.",
        "Title: Cyberaanval op Ziekenhuis Oosterpark\nPublished: 2025-03-04\n\n\
         Ziekenhuis Oosterpark in Zwolle werd maandag getroffen door ransomware. \
         De hackers eisen losgeld. Het ziekenhuis onderhandelt principieel niet met criminelen.",
        "Title: Cyberaanval op Ziekenhuis Oosterpark\nPublished: 2025-03-04\n\n\
         Ziekenhuis Oosterpark in Zwolle werd maandag getroffen door ransomware. \
         De daders eisen geld. Wij betalen nooit aan afpersers, aldus de directeur.",
        "Title: Cyberangriff auf das Klinikum Auental\nPublished: 2025-03-04\n\n\
         Das Klinikum Auental in Fulda wurde am Montag Opfer eines Cyberangriffs. \
         Die Täter fordern Lösegeld. Das Klinikum verhandelt grundsätzlich nicht mit Erpressern.",
        "Title: Cyberangriff auf das Klinikum Auental\nPublished: 2025-03-04\n\n\
         Das Klinikum Auental in Fulda wurde am Montag Opfer eines Cyberangriffs. \
         Die Erpresser verlangen Geld. Man werde den Tätern niemals zahlen, sagte der Geschäftsführer.",
    ] {
        let r = read(text);
        assert!(
            has_response(&r, "ransom_refused"),
            "no refusal in {text:?}: {:?}",
            r.response_actions
        );
    }
    // Not stated: whether they negotiate is left open.
    let r = read(
        "Title: Cyberangriff auf das Klinikum Auental\nPublished: 2025-03-04\n\n\
         Das Klinikum Auental in Fulda wurde am Montag Opfer eines Cyberangriffs. \
         Ob das Klinikum verhandelt, ist nicht bekannt.",
    );
    assert!(
        !has_response(&r, "ransom_refused"),
        "{:?}",
        r.response_actions
    );
}

/// A whole-IT shutdown in causative, infinitive or passive form with a quantifier is
/// `shutdown_servers` (kind 10).
#[test]
fn whole_it_shutdown_with_a_quantifier_in_three_languages() {
    for text in [
        "Title: Cyberangriff auf das Klinikum Auental\nPublished: 2025-03-04\n\n\
         Das Klinikum Auental in Fulda wurde am Montag Opfer eines Cyberangriffs. \
         Die Geschäftsführung hat daraufhin alle Server und Rechner abschalten lassen.",
        "Title: Cyberaanval op Ziekenhuis Oosterpark\nPublished: 2025-03-04\n\n\
         Ziekenhuis Oosterpark in Zwolle werd maandag getroffen door ransomware. \
         Het ziekenhuis besloot al zijn computersystemen uit voorzorg plat te leggen.",
        "Title: Cyberattaque contre la clinique des Aubépines\nPublished: 2025-03-04\n\n\
         La clinique des Aubépines à Lyon a été victime d'un rançongiciel lundi. \
         Par précaution, la clinique a mis hors ligne la totalité de ses serveurs.",
    ] {
        let r = read(text);
        assert!(
            has_response(&r, "shutdown_servers"),
            "no shutdown in {text:?}: {:?}",
            r.response_actions
        );
    }
}

/// Cutting, disconnecting or switching off connections, links or remote access is
/// `isolate_external` (kind 14), in four languages.
#[test]
fn network_isolation_by_connection_and_remote_access_in_four_languages() {
    for text in [
        "Title: Ransomware at Fernhill Hospital\nPublished: 2025-03-04\n\n\
         Fernhill Hospital in Leeds was hit by ransomware on Monday. \
         Staff immediately disabled all remote access to the hospital network.",
        "Title: Cyberattaque contre la clinique des Aubépines\nPublished: 2025-03-04\n\n\
         La clinique des Aubépines à Lyon a été victime d'un rançongiciel lundi. \
         L'équipe informatique a coupé les connexions avec les partenaires extérieurs.",
        "Title: Cyberaanval op Ziekenhuis Oosterpark\nPublished: 2025-03-04\n\n\
         Ziekenhuis Oosterpark in Zwolle werd maandag getroffen door ransomware. \
         Alle koppelingen met huisartsen zijn direct losgekoppeld.",
        "Title: Cyberangriff auf das Klinikum Auental\nPublished: 2025-03-04\n\n\
         Das Klinikum Auental in Fulda wurde am Montag Opfer eines Cyberangriffs. \
         Die Anbindung an das Labor wurde sofort gekappt.",
    ] {
        let r = read(text);
        assert!(
            has_response(&r, "isolate_external"),
            "no isolation in {text:?}: {:?}",
            r.response_actions
        );
    }
}
