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

/// The whole IT out of use (coding rule 12) when the outage is a finite verb before the
/// totality phrase ("versleutelden ze alle servers", "verschlüsselten sie sämtliche
/// Server", "a fait éteindre tous les serveurs"), a separable verb around it ("schakelde
/// alle servers en werkposten … uit"), a participle far after it, or the Swiss
/// "Informatik"; not a restart, nor a negated outage.
#[test]
fn whole_it_down_reads_finite_and_separable_verbs() {
    let cases = [
        (
            "Ransomware bij ambulancedienst in Bodegraven",
            "Ambulancedienst Weidezicht in Bodegraven is getroffen. In de nacht van woensdag op \
             donderdag versleutelden ze alle servers en pc's van de ambulancedienst.",
        ),
        (
            "Ransomware in ziekenhuis Asse",
            "Het AZ Bosrand in Asse is het slachtoffer van een ransomware-aanval. De IT-dienst \
             schakelde daarop alle servers en werkposten van het ziekenhuis uit.",
        ),
        (
            "Cyberangriff auf Privatklinik in Hartberg",
            "Die Privatklinik Ringwald in Hartberg wurde angegriffen. In der Nacht auf Samstag, \
             5. April, verschlüsselten sie sämtliche Server der Klinik.",
        ),
        (
            "Cyberangriff auf Dialysezentrum in Bruck",
            "Das Dialysezentrum Murblick in Bruck wurde angegriffen. Am Pfingstmontag haben \
             Kriminelle alle Computer und den Server unseres Zentrums mit einer \
             Erpressersoftware verschlüsselt.",
        ),
        (
            "Rançongiciel à la clinique de Saumur",
            "La clinique des Tanneurs, à Saumur, a été frappée par un rançongiciel. La direction a \
             aussitôt fait éteindre tous les serveurs et les ordinateurs de l'établissement.",
        ),
        (
            "Cyberangriff auf Pflegezentrum in Frauenfeld",
            "Unbekannte haben in der Nacht auf Sonntag die Informatik des Pflegezentrums \
             Thurblick in Frauenfeld lahmgelegt.",
        ),
    ];
    for (title, body) in cases {
        let r = rec(title, "2026-03-10", body);
        assert_has(&r, "IT systems unavailable");
    }
    let ok = [
        (
            "Ransomware in ziekenhuis Asse",
            "Het AZ Bosrand in Asse is het slachtoffer van een ransomware-aanval. Maandag \
             schakelde het ziekenhuis alle systemen opnieuw in.",
        ),
        (
            "Ransomware in ziekenhuis Asse",
            "Het AZ Bosrand in Asse is het slachtoffer van een ransomware-aanval. De aanvallers \
             versleutelden niet alle servers.",
        ),
        (
            "Cyberangriff auf Privatklinik in Hartberg",
            "Die Privatklinik Ringwald in Hartberg wurde angegriffen. Alle Systeme laufen normal, \
             nur ein Dateiserver wurde verschlüsselt.",
        ),
    ];
    for (title, body) in ok {
        let r = rec(title, "2026-03-10", body);
        assert!(lacks(&r, "IT systems"), "{body}: {:?}", keys(&r));
    }
}

fn date_of(f: &cordon_intel::record::Field<String>) -> Option<&str> {
    f.value().map(String::as_str)
}

/// The intrusion itself (`initial_access_cues`) dates the attack when nothing else does, and
/// sharpens a month-only date of it: a flaw exploited ("nutzten
/// Unbekannte eine Sicherheitslücke …, um in unser Netzwerk einzudringen"), a login with
/// someone's password ("heeft iemand met het wachtwoord van een van onze artsen
/// ingelogd"), "se sont connectés", "exploited a flaw". A flaw only named or patched on a
/// day dates nothing.
#[test]
fn the_intrusion_dates_the_attack() {
    let cases = [
        (
            "Cyberangriff: Fragen und Antworten",
            "2025-01-22",
            "Die Rehaklinik Birkenhalde in Brugg informiert über einen Cyberangriff vom Januar \
             2025. Am Freitag, 10. Januar 2025, nutzten Unbekannte eine Sicherheitslücke in \
             unserem Fernzugang, um in unser Netzwerk einzudringen.",
            "2025-01-10",
        ),
        (
            "Datalek bij huisartsenpraktijk in Riemst",
            "2025-02-20",
            "Huisartsenpraktijk Kapelberg in Riemst meldt een datalek van begin februari. Tussen \
             maandag 3 en woensdag 5 februari 2025 heeft iemand met het wachtwoord van een van \
             onze artsen ingelogd op de beveiligde cloudopslag.",
            "2025-02-03",
        ),
        (
            "Fuite de données dans un laboratoire à Vevey",
            "2025-03-20",
            "Le laboratoire des Pléiades à Vevey signale une fuite de données. Le \
             lundi 3 mars 2025, des pirates se sont connectés avec le mot de passe d'une \
             collaboratrice à notre messagerie.",
            "2025-03-03",
        ),
        (
            "Data breach at Kinsale clinic",
            "2025-03-20",
            "Harbourside Clinic in Kinsale reported a data breach in March. On Monday 3 March \
             2025, criminals exploited a flaw in our file transfer server.",
            "2025-03-03",
        ),
    ];
    for (title, published, body, want) in cases {
        let r = rec(title, published, body);
        assert_eq!(date_of(&r.incident_date), Some(want), "{body}");
    }
    // A flaw patched or published on a day is no date of the attack.
    let r = rec(
        "Cyberangriff: Fragen und Antworten",
        "2025-01-22",
        "Die Rehaklinik Birkenhalde in Brugg informiert über einen Cyberangriff. Der Hersteller \
         hatte die Sicherheitslücke am Mittwoch, 8. Januar 2025, bekannt gemacht.",
    );
    assert_ne!(date_of(&r.incident_date), Some("2025-01-08"));
}

/// An update stamp on top of a statement dates the update, not the statement: the
/// publication date is the original dateline below the update's section, in any of the
/// four languages; a sentence answering "when?" ("Am Montag, 29. September 2025.") is no
/// dateline.
#[test]
fn an_update_stamp_on_top_is_not_the_dateline() {
    let cases = [
        (
            "OTS0117 | Primärversorgungszentrum Ybbstal: Unbefugter Zugriff auf E-Mail-Postfach\n\n\
             NACHTRAG vom 21. Mai 2025\n\nAlle 57 betroffenen Patientinnen und Patienten wurden \
             inzwischen schriftlich informiert. Für alle E-Mail-Konten gilt seit 19. Mai eine \
             Anmeldung mit zweitem Faktor.\n\n---\n\nScheibbs (OTS) - Mittwoch, 14. Mai 2025\n\n\
             Das Primärversorgungszentrum Ybbstal in Scheibbs informiert über einen unbefugten \
             Zugriff auf das E-Mail-Postfach einer Mitarbeiterin.\n",
            "2025-05-14",
        ),
        (
            "Lakeside Aesthetic Clinic SA – Statement on a data exposure\n\nUPDATE – Monday 23 \
             June 2025\n\nThe independent forensic review has now been completed. It confirms \
             that 212 files were downloaded. No other download took place. We have informed the \
             data protection commissioner.\n\n---\n\nLugano, Monday 9 June 2025\n\nLakeside \
             Aesthetic Clinic SA informs its patients that personal data held by the clinic was \
             accessible on the internet for several weeks.\n",
            "2025-06-09",
        ),
        (
            "COMMUNIQUÉ DE PRESSE\n\nMaison de repos Les Saules ASBL\n\nMISE À JOUR DU VENDREDI \
             21 MARS 2025\n\nL'enquête est terminée. Nos systèmes ont été restaurés et \
             fonctionnent de nouveau normalement depuis le mardi 18 mars.\n\n---\n\nEghezée, le \
             vendredi 7 mars 2025\n\nCyberattaque à la maison de repos Les Saules\n\nDans la nuit \
             du mercredi 5 au jeudi 6 mars 2025, notre maison de repos a été victime d'une \
             attaque par rançongiciel.\n",
            "2025-03-07",
        ),
        (
            "PERSBERICHT – Zorgcentrum De Berkel\n\nUPDATE – maandag 17 november 2025\n\nHet \
             onderzoek is afgerond. Alle systemen zijn inmiddels hersteld en werken sinds vrijdag \
             14 november weer normaal. De kosten schatten wij op ongeveer 180.000 euro.\n\n---\n\n\
             Groenlo, maandag 3 november 2025\n\nCyberaanval op Zorgcentrum De Berkel\n\n\
             Zorgcentrum De Berkel in Groenlo is in de nacht van zaterdag 1 op zondag 2 november \
             2025 getroffen door een aanval met ransomware.\n",
            "2025-11-03",
        ),
    ];
    for (text, want) in cases {
        let r = common::record(text);
        assert_eq!(date_of(&r.publication_date), Some(want), "{text}");
    }
    // The answer to "when?" below an update is no dateline: the page's own date stays.
    let r = rec(
        "Cyberangriff: Fragen und Antworten",
        "2025-10-10",
        "Aktualisierung vom 17. Oktober 2025: Die Täter haben Dateien veröffentlicht.\n\nWann \
         haben Sie den Angriff bemerkt?\n\nAm Montag, 29. September 2025. An diesem Tag erhielt \
         unsere Geschäftsleitung eine E-Mail der Gruppe Medusa.\n",
    );
    assert_eq!(date_of(&r.publication_date), Some("2025-10-10"));
    assert_eq!(date_of(&r.discovery_date), Some("2025-09-29"));
}

/// Dates that are not the attack's: a day something was presented on ("schilderte am
/// Dienstagabend …, wie es zu dem Angriff kam", "a présenté lundi soir le bilan"), a day
/// something was believed on ("anders dan wij op 3 november dachten"), a planned day
/// ("prévoyait l'installation pour le week-end du 1er et 2 juin ; les pirates ont agi
/// avant"). A weekday glossed by its written day ("In der Nacht von Montag auf Dienstag
/// (19. auf 20. Mai)") is that day; a month-only attack date is sharpened by the first
/// access on a day of that month; a byline's separators are no words.
#[test]
fn dating_reads_what_each_date_belongs_to() {
    let presented = rec(
        "Einen Monat nach Hackerangriff: Labor beziffert Schaden",
        "2025-10-02",
        "Gut einen Monat nach dem Ransomware-Angriff auf das Labor Pitzbach in Imst liegen die \
         Folgen auf dem Tisch. Geschäftsführerin Maria Huber schilderte am Dienstagabend vor \
         Ärztinnen und Ärzten, wie es zu dem Angriff kam.",
    );
    assert_ne!(date_of(&presented.incident_date), Some("2025-09-30"));
    let fr = rec(
        "Concarneau : le centre de dialyse fait le bilan",
        "2024-02-20",
        "Cinq semaines après l'attaque par rançongiciel qui a frappé le centre de dialyse des \
         Sables, à Concarneau, sa direction a présenté lundi soir le bilan aux patients. Tout a \
         commencé dans la nuit du samedi 13 au dimanche 14 janvier.",
    );
    assert_eq!(date_of(&fr.incident_date), Some("2024-01-14"));
    let thought = rec(
        "Update: Zorgcentrum De Berkel",
        "2025-11-17",
        "Zorgcentrum De Berkel in Groenlo is in de nacht van zaterdag 1 op zondag 2 november \
         getroffen door ransomware. Daaruit blijkt dat de daders, anders dan wij op 3 november \
         dachten, vóór de versleuteling wel gegevens hebben gekopieerd.",
    );
    assert_eq!(date_of(&thought.incident_date), Some("2025-11-02"));
    let planned = rec(
        "Communiqué : fuite de données à la polyclinique",
        "2024-06-12",
        "La polyclinique des Étangs à Anderlecht a été victime d'un piratage. Le 30 mai 2024, des \
         individus ont exploité une vulnérabilité de notre passerelle VPN. Notre prestataire \
         prévoyait l'installation du correctif pour le week-end du 1er et 2 juin ; les pirates \
         ont agi avant.",
    );
    assert_eq!(date_of(&planned.incident_date), Some("2024-05-30"));
    let glossed = rec(
        "Cyberangriff auf Seniorenresidenz in Rosport",
        "2025-06-02",
        "Die Seniorenresidenz Sauerblick in Rosport wurde angegriffen. In der Nacht von Montag auf \
         Dienstag (19. auf 20. Mai) wurden sämtliche Computer durch eine Schadsoftware \
         verschlüsselt.",
    );
    assert_eq!(date_of(&glossed.incident_date), Some("2025-05-20"));
    let sharpened = rec(
        "Cyberangriff: Fragen und Antworten",
        "2025-10-10",
        "Die Krankenkasse Aabach in Uster informiert: Unbekannte haben im September Dateien von \
         einem unserer Server kopiert. Am Donnerstag, 11. September 2025, nutzten Unbekannte eine \
         Sicherheitslücke in unserer Software für den Dateiaustausch.",
    );
    assert_eq!(date_of(&sharpened.incident_date), Some("2025-09-11"));
    let byline = common::record(
        "Startseite > Imst > Gesundheit\n\nHackerangriff: Labor beziffert Schaden\n\nVon Markus \
         Berger | Donnerstag, 2. Oktober 2025, 05:45 Uhr | aktualisiert 10:20 Uhr\n\nGut einen \
         Monat nach dem Ransomware-Angriff auf das Labor Pitzbach in Imst liegen die Folgen auf \
         dem Tisch.\n",
    );
    assert_eq!(date_of(&byline.publication_date), Some("2025-10-02"));
}

/// Encryption as a safeguard (`protective_encryption_cues`: a lost laptop "is volledig
/// versleuteld en beveiligd met een wachtwoord", "was encrypted and password-protected",
/// "ist verschlüsselt und mit einem Passwort geschützt", "est chiffré et protégé par un
/// mot de passe") is no ransomware: no T1486, no integrity. Servers encrypted by
/// attackers stay ransomware.
#[test]
fn a_protected_device_is_no_ransomware() {
    let integrity = |r: &cordon_intel::IncidentRecord| r.cia.integrity.value().copied();
    let t1486 = |r: &cordon_intel::IncidentRecord| r.techniques.iter().any(|t| t.id == "T1486");
    let lost = [
        (
            "Thuisverpleging meldt verloren laptop",
            "Een verpleegkundige van Thuisverpleging Ter Linde uit Houthulst is vorige dinsdag haar \
             werklaptop verloren op de trein. Het toestel is volledig versleuteld en beveiligd met \
             een wachtwoord.",
        ),
        (
            "Laptop stolen from Kenmare nursing home",
            "A laptop was stolen from the office of Riverside Nursing Home in Kenmare last week. \
             The laptop was encrypted and password-protected.",
        ),
        (
            "Laptop aus Pflegeheim gestohlen",
            "Aus dem Büro des Pflegeheims Am Weiher in Imst wurde ein Laptop gestohlen. Das Gerät \
             ist verschlüsselt und mit einem Passwort geschützt.",
        ),
        (
            "Vol d'un ordinateur portable dans une maison de repos",
            "Un ordinateur portable a été volé dans le bureau de la maison de repos Les Aulnes à \
             Eghezée. L'appareil est chiffré et protégé par un mot de passe.",
        ),
    ];
    for (title, body) in lost {
        let r = rec(title, "2025-12-15", body);
        assert!(!t1486(&r), "{body}");
        assert_ne!(integrity(&r), Some(true), "{body}");
    }
    let ransomware = rec(
        "Cyberaanval op thuisverpleging",
        "2025-12-15",
        "Bij Thuisverpleging Ter Linde in Houthulst hebben criminelen vorige dinsdag alle servers \
         versleuteld. De laptop van de coördinator was niet getroffen.",
    );
    assert!(t1486(&ransomware));
    assert_eq!(integrity(&ransomware), Some(true));
}

/// Three or more countries in one sentence ("in Deutschland, Österreich, der Schweiz und
/// Luxemburg", "in Belgium, the Netherlands, France and Luxembourg") name a study's or a
/// group's scope: none of them is the victim's country, which comes from the victim's
/// own town. One country named alone still counts.
#[test]
fn a_list_of_countries_is_a_scope_not_the_victims_country() {
    let country = |r: &cordon_intel::IncidentRecord| r.country.value().map(|c| c.code.clone());
    let scoped = [
        (
            "Cyberangriff auf Pflegeheim in Rosport",
            "Das Pflegeheim Sauerblick in Rosport wurde am Montag Opfer eines Cyberangriffs. \
             Erpressungsfälle dieser Art häufen sich in Deutschland, Österreich, der Schweiz und \
             Luxemburg.",
        ),
        (
            "Ransomware hits care home in Roeser",
            "The Kiemel care home in Roeser was hit by ransomware on Monday. The group has \
             claimed victims in Belgium, the Netherlands, Germany and Luxembourg this year.",
        ),
    ];
    for (title, body) in scoped {
        let r = rec(title, "2025-12-15", body);
        assert_eq!(country(&r).as_deref(), Some("LU"), "{body}");
    }
    let named = rec(
        "Cyberangriff auf Klinik",
        "2025-12-15",
        "Eine Klinik in Deutschland wurde am Montag Opfer eines Cyberangriffs.",
    );
    assert_eq!(country(&named).as_deref(), Some("DE"));
}
