//! Session 31 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test; the towns are real.

mod common;

use common::article as rec;
use common::impacts::{assert_has, keys, lacks};

/// A predicate of use ("öffnen ließen", "aufgerufen werden konnten", "could be used", "nog
/// kon worden geopend", "n'étaient accessibles", "ne s'ouvraient") after services
/// coordinated by a correlative negation ("weder … noch", "neither … nor", "noch … noch",
/// "ni … ni") puts every one of them out of use (`working` rules of `service_effects`).
#[test]
fn negated_use_after_a_correlative_list_is_an_outage() {
    let cases = [
        (
            "Cyberangriff auf Klinik in Lahr",
            "Die Klinik Rebgarten in Lahr wurde Opfer eines Cyberangriffs. Gegen 5.30 Uhr bemerkte \
             ein Arzt der Notaufnahme, dass sich weder die elektronische Patientenakte noch das \
             Laborsystem öffnen ließen.",
            [
                "electronic health records unavailable",
                "laboratory information system unavailable",
            ],
        ),
        (
            "Cyberangriff auf Seniorenheim in Tamsweg",
            "Das Seniorenheim Lungaublick in Tamsweg wurde Opfer eines Cyberangriffs. Am Mittwoch \
             stellte der Nachtdienst fest, dass weder die elektronische Pflegedokumentation noch \
             das Dienstplanprogramm aufgerufen werden konnten.",
            [
                "electronic health records unavailable",
                "rostering system unavailable",
            ],
        ),
        (
            "Ransomware at dialysis centre in Dülmen",
            "The Nierenhaus dialysis centre in Dülmen was hit by ransomware. When the early shift \
             arrived, neither the electronic patient records nor the laboratory software could be \
             used.",
            [
                "electronic health records unavailable",
                "laboratory information system unavailable",
            ],
        ),
        (
            "Cyberattaque contre un Ehpad à Figeac",
            "L'Ehpad Les Coteaux à Figeac a subi une attaque par rançongiciel. Samedi, les équipes \
             ont constaté que ni le dossier de soins informatisé ni le logiciel de gestion des \
             médicaments n'étaient accessibles : nos ordinateurs étaient chiffrés.",
            [
                "electronic health records unavailable",
                "medication system unavailable",
            ],
        ),
        (
            "Ransomware bij oogkliniek in Vlaardingen",
            "Oogkliniek Helderzicht in Vlaardingen is getroffen door ransomware. Zondagochtend \
             zagen onze medewerkers dat noch het patiëntendossier noch het planningssysteem van de \
             operatiekamers nog te openen was.",
            [
                "electronic health records unavailable",
                "planning system unavailable",
            ],
        ),
    ];
    for (title, body, want) in cases {
        let r = rec(title, "2026-03-10", body);
        for w in want {
            assert_has(&r, w);
        }
    }
    let nl = rec(
        "Cyberaanval op woonzorgcentrum in Lummen",
        "2026-03-10",
        "Woonzorgcentrum Ter Heide in Lummen is getroffen door een cyberaanval. Maandagochtend \
         merkte een verpleegkundige dat noch het elektronisch zorgdossier noch het \
         medicatieschema nog kon worden geopend.",
    );
    assert_has(&nl, "electronic health records unavailable");
    // Counter-examples: the same predicates said of a service that works, and a negation
    // inside an apposition between the service and its predicate.
    let ok = [
        (
            "Cyberangriff auf Klinik in Lahr",
            "Die Klinik Rebgarten in Lahr wurde Opfer eines Cyberangriffs. Die elektronische \
             Patientenakte ließ sich jederzeit öffnen, und das Laborsystem war erreichbar.",
        ),
        (
            "Cyberattaque contre un Ehpad à Figeac",
            "L'Ehpad Les Coteaux à Figeac a subi une attaque par rançongiciel. Le dossier de soins \
             informatisé, qui n'a pas été touché, fonctionne normalement.",
        ),
        (
            "Ransomware at dialysis centre in Dülmen",
            "The Nierenhaus dialysis centre in Dülmen was hit by ransomware. The electronic patient \
             records, which were not affected, could be used throughout.",
        ),
        (
            "Cyberangriff auf Klinik in Lahr",
            "Die Klinik Rebgarten in Lahr wurde Opfer eines Cyberangriffs. Weder Patientendaten \
             noch Mitarbeiterdaten wurden gestohlen; die elektronische Patientenakte war erreichbar.",
        ),
        (
            "Ransomware bij oogkliniek in Vlaardingen",
            "Oogkliniek Helderzicht in Vlaardingen is getroffen door ransomware. Het \
             patiëntendossier kon de hele tijd worden geopend.",
        ),
    ];
    for (title, body) in ok {
        let r = rec(title, "2026-03-10", body);
        assert!(
            lacks(&r, "electronic health records"),
            "{body}: {:?}",
            keys(&r)
        );
    }
}
