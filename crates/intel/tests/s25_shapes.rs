//! Session 25 (issue 15): Swiss francs and other currencies in every language, money lost
//! to a fraud, a similar incident told beside the story, data and backups deleted by the
//! intruder. Every article is invented for the test (organisations are fictitious), each
//! with a counter-example where the shape could overreach.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;

/// `CURRENCY AMOUNT` of every amount of money read, as the answer files write them.
fn money(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .filter(|f| f.category == "financial")
        .map(|f| format!("{} {}", f.unit, f.count.unwrap_or(0)))
        .collect()
}

fn techniques(r: &IncidentRecord) -> Vec<&str> {
    r.techniques.iter().map(|t| t.id.as_str()).collect()
}

/// Swiss francs after the amount ("180'000 Franken", "200 000 francs") or before it
/// ("CHF 45'000", "Fr. 80'000"), US dollars in words ("120,000 US dollars", "400 000 $ US").
#[test]
fn francs_and_dollars_in_every_language() {
    let r = rec(
        "Cyberangriff auf Spitex Emmenufer",
        "2025-04-10",
        "Die Spitex Emmenufer AG in Burgdorf ist Opfer eines Ransomware-Angriffs geworden. Die Täter verlangen 180'000 Franken in Bitcoin.",
    );
    assert!(
        money(&r).contains(&"CHF 180000".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Cyberattaque contre un EMS",
        "2025-04-10",
        "L'EMS Les Tilleuls du Jorat a été victime d'un rançongiciel. Les pirates réclament une rançon de 200 000 francs.",
    );
    assert!(
        money(&r).contains(&"CHF 200000".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Lösegeldforderung an Radiologie",
        "2025-04-10",
        "Das Radiologie-Institut Seetal AG wurde angegriffen. Die Gruppe Akira verlangt ein Lösegeld von CHF 45'000.",
    );
    assert!(
        money(&r).contains(&"CHF 45000".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Dental practice hit by ransomware",
        "2025-04-10",
        "Hillside Dental Practice was hit by ransomware. The criminals demanded 120,000 US dollars in bitcoin.",
    );
    assert!(
        money(&r).contains(&"USD 120000".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Clinique visée par Medusa",
        "2025-04-10",
        "La Clinique des Deux-Rives a été victime d'une cyberattaque. Le groupe Medusa réclame 400 000 $ US pour ne pas publier les données volées.",
    );
    assert!(
        money(&r).contains(&"USD 400000".to_string()),
        "{:?}",
        money(&r)
    );
    // Franconia is no currency; a year is no amount.
    let r = rec(
        "Cyberangriff auf Klinik",
        "2025-04-10",
        "Die Klinik am Mainufer in Franken 2023 wurde von Erpressern angegriffen, die Lösegeld verlangten.",
    );
    assert!(money(&r).is_empty(), "{:?}", money(&r));
}

/// Money lost to a fraud is a cost ("perd 86 000 francs", "op rekeningen van de fraudeurs
/// gestort"); a damages claim by a patient is no ransom ("Die Frau hatte 5.000 Euro
/// gefordert").
#[test]
fn money_lost_to_fraud_and_claims() {
    let r = rec(
        "Une clinique perd 86 000 francs",
        "2026-02-10",
        "La Clinique du Lac SA à Yverdon-les-Bains perd 86 000 francs après le piratage d'une messagerie.",
    );
    assert!(
        money(&r).contains(&"CHF 86000".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Ziekenfonds betaalt aan fraudeurs",
        "2026-02-10",
        "Na de hack van een mailbox bij Ziekenfonds De Schelde werd in totaal 23.480 euro aan terugbetalingen op rekeningen van de fraudeurs gestort.",
    );
    assert!(
        money(&r).contains(&"EUR 23480".to_string()),
        "{:?}",
        money(&r)
    );
    let r = rec(
        "Urteil: Pflegedienst muss Schmerzensgeld zahlen",
        "2026-02-10",
        "Nach einem Cyberangriff auf den Pflegedienst Heideblick mit Lösegeldforderung klagte eine Patientin. Die Frau hatte 5.000 Euro gefordert, weil ihre Gesundheitsdaten im Internet aufgetaucht waren.",
    );
    assert!(
        !money(&r).contains(&"EUR 5000".to_string()),
        "{:?}",
        money(&r)
    );
}

/// A similar incident told beside the story is another incident, however near its date.
#[test]
fn a_similar_incident_is_another_one() {
    let r = rec(
        "Rettungsdienst Nordkreis: Angriff aufgearbeitet",
        "2025-06-20",
        "Der Rettungsdienst Nordkreis gGmbH wurde am 3. Mai 2025 Opfer eines Ransomware-Angriffs. In einer Nachricht auf den Servern forderten die Täter 250.000 Euro in Bitcoin.\n\nIm April war ein privater Krankentransportdienst am Niederrhein Opfer eines ähnlichen Angriffs geworden; dort hatten die Täter 90.000 Euro verlangt.",
    );
    assert!(
        money(&r).contains(&"EUR 250000".to_string()),
        "{:?}",
        money(&r)
    );
    assert!(
        !money(&r).contains(&"EUR 90000".to_string()),
        "{:?}",
        money(&r)
    );
}

/// Backups and data deleted by the intruder: T1490, T1485, integrity stated; a denial
/// inside the phrase ("niets gewijzigd of gewist") or a backup server that held what was
/// deleted gives no data destruction.
#[test]
fn data_and_backups_deleted() {
    let r = rec(
        "Früherer Administrator löscht Server",
        "2025-06-26",
        "Der Mann hatte im März 2023 die Server seines früheren Arbeitgebers, des Dialysezentrums am Donaubogen in Straubing, gelöscht. Zunächst löschte er die Datensicherungen auf dem Backup-Server.",
    );
    let t = techniques(&r);
    assert!(t.contains(&"T1485") && t.contains(&"T1490"), "{t:?}");
    assert_eq!(r.cia.integrity.value(), Some(&true));
    let r = rec(
        "Laborgruppe: Sicherungen gelöscht",
        "2025-06-26",
        "Die Angreifer verschlüsselten die Systeme der Laborgruppe Fuldatal und löschten die Sicherungen auf dem Backup-Server.",
    );
    let t = techniques(&r);
    assert!(t.contains(&"T1490") && !t.contains(&"T1485"), "{t:?}");
    let r = rec(
        "Thuisverpleging: lijst gedownload",
        "2025-06-26",
        "De indringer kon bij Thuisverpleging Scheldeland de dossiers bekijken en de lijst downloaden, maar er is niets gewijzigd of gewist.",
    );
    assert!(!techniques(&r).contains(&"T1485"), "{:?}", techniques(&r));
    let r = rec(
        "Cyberattaque contre un laboratoire",
        "2025-06-26",
        "Le laboratoire Biolac a été victime d'un rançongiciel. Nos sauvegardes avaient été chiffrées en même temps que le reste.",
    );
    assert!(!techniques(&r).contains(&"T1485"), "{:?}", techniques(&r));
}

fn availability(r: &IncidentRecord) -> Option<bool> {
    r.cia.availability.value().copied()
}

/// Services, care or systems "not affected", care that "went ahead as normal" deny
/// availability in every language; a data owner's own systems do not speak for its
/// supplier (nl), and data not affected is no statement on availability.
#[test]
fn care_that_went_on_denies_availability() {
    for (title, body) in [
        (
            "Email breach at surgery",
            "Riverside Surgery found that an e-mail account had been accessed on 2 April 2025. Patient services have not been affected.",
        ),
        (
            "Pharmacy group statement",
            "Castle Pharmacies found on 2 April 2025 that its text-messaging account had been misused. All three of our pharmacies stayed open, and dispensing and home deliveries were not affected at any time.",
        ),
        (
            "GGZ Twentezorg: datalek",
            "GGZ Twentezorg ontdekte op 2 april 2025 dat een mailbox was gehackt. Alle behandelingen en afspraken zijn gewoon doorgegaan en onze systemen hebben normaal gewerkt.",
        ),
        (
            "Radiologie: Datendiebstahl",
            "Das Radiologie-Institut Seetal AG hat am 2. April 2025 einen Datenabfluss festgestellt. Der Betrieb des Instituts lief jederzeit normal weiter, alle Untersuchungen fanden wie geplant statt.",
        ),
        (
            "Mutualité : fuite de données",
            "La Mutualité des Fagnes a découvert le 2 avril 2025 une fuite de données. Nos agences et le paiement des remboursements fonctionnent normalement.",
        ),
    ] {
        let r = rec(title, "2025-04-10", body);
        assert_eq!(availability(&r), Some(false), "{body}");
    }
    let r = rec(
        "Ziekenhuis: leverancier gehackt",
        "2025-04-10",
        "Bij onze leverancier Dicteerdienst Rijnmond is op 2 april 2025 ingebroken. Onze eigen systemen zijn niet getroffen.",
    );
    assert_eq!(availability(&r), None);
    let r = rec(
        "Email breach at surgery",
        "2025-04-10",
        "Riverside Surgery found that an e-mail account had been accessed on 2 April 2025. Patient records have not been affected.",
    );
    assert_eq!(availability(&r), None);
}

/// Dutch midwives, audiology centres and group practices are healthcare providers named
/// by their type word.
#[test]
fn dutch_practice_names() {
    let r = rec(
        "Datalek bij verloskundigen",
        "2026-01-23",
        "Bij Verloskundigenpraktijk Waalkant is het e-mailaccount van een van de verloskundigen overgenomen.",
    );
    let v: Vec<&str> = r.victims.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(v, ["Verloskundigenpraktijk Waalkant"]);
    assert_eq!(r.victims[0].org_type, "healthcare provider");
    assert_eq!(
        cordon_intel::extract::org_type("Audiologisch Centrum Peelland"),
        Some("healthcare provider")
    );
}

/// A small fleet of computers encrypted is the organisation's IT out of use; a fleet in
/// the thousands stays counted.
#[test]
fn encrypted_computers_of_a_small_organisation() {
    use common::impacts::keys as units;
    let r = rec(
        "Cyberangriff auf Alterszentrum",
        "2024-03-12",
        "Das Alterszentrum Wiggertal in Zofingen wurde angegriffen. In der Nacht auf Montag haben Kriminelle unsere Server und alle 45 Computer verschlüsselt.",
    );
    let u = units(&r);
    assert!(u.contains(&"IT systems unavailable".to_string()), "{u:?}");
    assert!(!u.iter().any(|x| x.starts_with("45 ")), "{u:?}");
    let r = rec(
        "Hospital ransomware",
        "2024-03-12",
        "Riverside University Hospital was hit by ransomware. The attack encrypted 6,000 computers across the hospital.",
    );
    let u = units(&r);
    assert!(u.iter().any(|x| x.starts_with("6000 ")), "{u:?}");
}
