//! Session 32 (issue 15): general shapes of services out of use found in the development
//! sets' misses, each with counter-examples where the rule could overreach. Every
//! organisation named here is invented for the test; the towns are real.

mod common;

use common::article as rec;
use common::impacts::{assert_has, keys, lacks};
use common::technique_ids as techniques;

/// A service named in the complement of another (`service_complement_words`): its
/// contents ("met", "with", "mit", "avec") or its container ("in", "dans") are part of the
/// first service's phrase, no outage of their own. The coders count the one service.
#[test]
fn a_service_inside_anothers_phrase_is_no_outage_of_its_own() {
    let woerden = rec(
        "Cyberaanval op tandartspraktijk",
        "2026-06-20",
        "Tandartspraktijk De Linge in Woerden is getroffen door ransomware. Toen onze \
         assistentes om 7.30 uur de computers aanzetten, konden zij onze praktijksoftware, met \
         de agenda en de patiëntendossiers, niet openen.",
    );
    assert_has(&woerden, "practice management system unavailable");
    assert!(
        lacks(&woerden, "electronic health records"),
        "{:?}",
        keys(&woerden)
    );

    let burgdorf = rec(
        "Cyberangriff auf Ärztezentrum",
        "2026-06-20",
        "Das Ärztezentrum Emmental in Burgdorf wurde Opfer eines Cyberangriffs. Um 7.10 Uhr \
         stellte das Praxisteam fest, dass sich die Praxissoftware mit der Agenda und den \
         elektronischen Patientenakten nicht mehr öffnen ließ.",
    );
    assert_has(&burgdorf, "practice management system unavailable");
    assert!(
        lacks(&burgdorf, "electronic health records"),
        "{:?}",
        keys(&burgdorf)
    );

    // The container: the records are what could not be opened.
    let delft = rec(
        "Cyberaanval op huisartsenpraktijk",
        "2026-06-20",
        "Huisartsenpraktijk Hof van Delfland in Delft is getroffen door ransomware. Om 7.30 \
         uur ontdekten onze assistentes dat zij de elektronische patiëntendossiers in ons \
         huisartsinformatiesysteem (HIS) niet meer konden openen.",
    );
    assert_has(&delft, "electronic health records unavailable");
    assert!(
        lacks(&delft, "practice management system"),
        "{:?}",
        keys(&delft)
    );

    // A correlative "noch" closes the contents: the phones are out too.
    let muellheim = rec(
        "Cyberangriff auf Klinik",
        "2026-06-20",
        "Die Klinik Markgräflerland in Müllheim wurde Opfer eines Cyberangriffs. Gegen 22 Uhr \
         fiel dem Bereitschaftsdienst auf, dass weder das Krankenhausinformationssystem mit der \
         elektronischen Patientenakte noch die Telefonanlage funktionierten.",
    );
    assert_has(&muellheim, "electronic health records unavailable");
    assert_has(&muellheim, "phones unavailable");

    // Two services coordinated, no complement: both out.
    let both = rec(
        "Cyberaanval op ziekenhuis",
        "2026-06-20",
        "Het ziekenhuis Slingeland in Winterswijk is getroffen door ransomware. Om 3.15 uur \
         vielen het elektronisch patiëntendossier en de telefooncentrale uit.",
    );
    assert_has(&both, "electronic health records unavailable");
    assert_has(&both, "phones unavailable");
}

/// Swiss Standard German writes "ss" for "ß" ("liess", "Massnahmen"): every pattern of
/// the German lexicon reads both spellings.
#[test]
fn swiss_spelling_reads_as_german() {
    let r = rec(
        "Cyberangriff auf Ärztezentrum",
        "2026-06-20",
        "Das Ärztezentrum Emmental in Burgdorf wurde Opfer eines Cyberangriffs. Um 7.10 Uhr \
         stellte das Praxisteam fest, dass sich die Praxissoftware nicht mehr öffnen liess.",
    );
    assert_has(&r, "practice management system unavailable");
}

/// A negation spent on its own predicate before a coordinator does not reach the next
/// clause's service: "niet meer openen en ook het elektronisch cliëntdossier bleek
/// onbereikbaar" states the record's outage. A negation that stays open still denies.
#[test]
fn a_negation_spent_before_and_does_not_deny_the_next_service() {
    let r = rec(
        "Cyberaanval op thuiszorg",
        "2026-06-20",
        "Thuiszorg De Linde in Oosterhout is getroffen door ransomware. Zondagochtend rond 7 \
         uur konden wijkverpleegkundigen hun routeplanning niet meer openen en ook het \
         elektronisch cliëntdossier bleek onbereikbaar.",
    );
    assert_has(&r, "planning system unavailable");
    assert_has(&r, "electronic health records unavailable");
    let denied = rec(
        "Cyberaanval op thuiszorg",
        "2026-06-20",
        "Thuiszorg De Linde in Oosterhout is getroffen door ransomware. Volgens de directie \
         was het elektronisch cliëntdossier niet onbereikbaar.",
    );
    assert!(
        lacks(&denied, "electronic health records"),
        "{:?}",
        keys(&denied)
    );
}

/// More predicates of a service out of use, each language's own: "a cessé de répondre",
/// "ne pouvait plus se connecter au …", "keine Patientenakten mehr anzeigte", "would no
/// longer load", a separable "vielen … uit".
#[test]
fn more_predicates_of_a_service_out_of_use() {
    let cases = [
        (
            "Cyberattaque contre un hôpital",
            "L'hôpital Sainte-Ode de Thuin a été victime d'une cyberattaque. C'est un infirmier \
             de garde qui a donné l'alerte dimanche vers 5 h, lorsque le dossier patient \
             informatisé a cessé de répondre.",
        ),
        (
            "Cyberattaque contre un centre de dialyse",
            "Le centre de dialyse Les Saules à Béthune a été victime d'un rançongiciel. Le \
             mercredi 10 juin vers 6 heures, l'infirmière a constaté qu'elle ne pouvait plus se \
             connecter au dossier de dialyse.",
        ),
        (
            "Cyberangriff auf Krankenhaus",
            "Das Krankenhaus Am Eiderbogen in Rendsburg wurde Opfer eines Cyberangriffs. Gegen \
             22 Uhr fiel einer Pflegekraft auf, dass das Krankenhausinformationssystem keine \
             Patientenakten mehr anzeigte.",
        ),
        (
            "Ransomware at psychiatric hospital",
            "The Kempen psychiatric hospital in Lanaken was hit by ransomware. A nurse on the \
             night shift found that the electronic patient record would no longer load on the \
             ward computers.",
        ),
    ];
    for (title, body) in cases {
        let r = rec(title, "2026-06-20", body);
        assert_has(&r, "electronic health records unavailable");
    }
    // Counter-examples: records not stolen, a supplier from a town, a person's inability.
    let none = [
        (
            "Cyberangriff auf Krankenhaus",
            "Das Krankenhaus Am Eiderbogen in Rendsburg wurde Opfer eines Cyberangriffs. Es \
             wurden keine Patientenakten gestohlen.",
        ),
        (
            "Cyberaanval op ziekenhuis",
            "Het ziekenhuis Slingeland in Winterswijk is getroffen door ransomware. De \
             leverancier van het patiëntendossier uit Zwolle onderzoekt de aanval.",
        ),
    ];
    for (title, body) in none {
        let r = rec(title, "2026-06-20", body);
        assert!(
            lacks(&r, "electronic health records"),
            "{body}: {:?}",
            keys(&r)
        );
    }
    let agent = rec(
        "Ransomware at hospital",
        "2026-06-20",
        "Dunlo Hospital in Ballinasloe was hit by ransomware. Shortly before 3am, nurses in the \
         emergency department found that they could no longer open patients' details on \
         screen.",
    );
    assert!(lacks(&agent, "emergency department"), "{:?}", keys(&agent));
}

/// The time of a clause about a fix made available (`focal.patch_clause_cues`: "for which
/// the manufacturer had issued a fix in February 2024", "für die seit Februar 2024 ein
/// Update verfügbar war") dates the fix, not the intrusion: the sentence stays this
/// incident's, and its exploited flaw is T1190 (no T1133). A sentence about an earlier
/// attack stays another incident.
#[test]
fn a_fix_dated_earlier_does_not_make_the_intrusion_another_incident() {
    let en = rec(
        "Ransomware at patient transport company",
        "2025-04-25",
        "Eamont Patient Transport in Penrith was hit by ransomware on Tuesday 15 April 2025, \
         when criminals encrypted all of our servers. They used a vulnerability in the \
         remote-access gateway of our firewall, CVE-2024-21762, for which the manufacturer had \
         issued a fix in February 2024.",
    );
    let t = techniques(&en);
    assert!(t.contains(&"T1190".to_string()), "{t:?}");
    assert!(!t.contains(&"T1133".to_string()), "{t:?}");
    let de = rec(
        "Cyberangriff auf Dialysezentrum",
        "2025-08-26",
        "Das Dialysezentrum Lippeaue in Dülmen wurde am Sonntag, 27. Juli 2025, Opfer eines \
         Cyberangriffs mit Verschlüsselung. Die Täter nutzten eine Schwachstelle in der Firewall \
         aus, für die seit Februar 2024 ein Update verfügbar war.",
    );
    assert!(
        techniques(&de).contains(&"T1190".to_string()),
        "{:?}",
        techniques(&de)
    );
    // An earlier attack elsewhere, dated a year before, stays another incident.
    let other = rec(
        "Ransomware at patient transport company",
        "2025-04-25",
        "Eamont Patient Transport in Penrith was hit by ransomware on Tuesday 15 April 2025, \
         when criminals encrypted all of our servers. In February 2024 a care home in Carlisle \
         had been attacked through a vulnerability in its firewall.",
    );
    assert!(
        !techniques(&other).contains(&"T1190".to_string()),
        "{:?}",
        techniques(&other)
    );
}

/// "A known weakness in the firewall" is an exploited flaw of a public-facing appliance.
#[test]
fn a_known_weakness_in_the_firewall_is_exploitation() {
    let r = rec(
        "Cyber attack on home care provider",
        "2025-02-11",
        "Teviot Home Care in Hawick was hit by a cyber attack. On Saturday evening, an attacker \
         used a known weakness in the firewall that protects our office network to get past \
         it.",
    );
    assert!(
        techniques(&r).contains(&"T1190".to_string()),
        "{:?}",
        techniques(&r)
    );
}

/// Coding rule 17: a password guessed or stuffed (T1110) or a remote service used (T1133)
/// logs in with a valid account (T1078). A supplier named with its bank account in a
/// payment fraud is no trusted relationship (T1199).
#[test]
fn a_way_in_with_an_account_is_valid_accounts() {
    let stuffing = rec(
        "Credential stuffing on pharmacy portal",
        "2025-03-20",
        "Attackers broke into 386 customer accounts of the online portal of Apotheek De Maas in \
         Wijchen in a credential stuffing attack last week.",
    );
    let t = techniques(&stuffing);
    assert!(
        t.contains(&"T1110".to_string()) && t.contains(&"T1078".to_string()),
        "{t:?}"
    );
    let vpn = rec(
        "Ransomware at care home",
        "2025-03-20",
        "The Riverside care home in Macroom was hit by ransomware. The attackers logged in \
         through the care home's VPN.",
    );
    let t = techniques(&vpn);
    if t.contains(&"T1133".to_string()) {
        assert!(t.contains(&"T1078".to_string()), "{t:?}");
    }
    let fraud = rec(
        "Invoice fraud at care home",
        "2025-10-20",
        "Dales View care home in Skipton lost £38,000 to invoice fraud. An e-mail said that the \
         supplier had moved to a new bank and gave new account details.",
    );
    assert!(
        !techniques(&fraud).contains(&"T1199".to_string()),
        "{:?}",
        techniques(&fraud)
    );
}

/// A safeguard planned or a response taken is no attack: laptops that "seront chiffrés"
/// give no ransomware, integrity or IT outage; "les mots de passe de tous les comptes ont
/// été changés" names no valid accounts used; "salary payments diverted" is no outage.
#[test]
fn a_planned_safeguard_or_a_reset_is_no_attack() {
    let laptop = rec(
        "Vol d'un ordinateur portable au cabinet",
        "2025-10-20",
        "Un ordinateur portable a été volé au cabinet médical du Chasseron à Sainte-Croix. Le \
         soir même, les mots de passe de tous les comptes du cabinet ont été changés. D'ici la \
         fin du mois de novembre, tous nos ordinateurs portables seront chiffrés.",
    );
    let t = techniques(&laptop);
    assert!(
        !t.contains(&"T1486".to_string()) && !t.iter().any(|x| x.starts_with("T1078")),
        "{t:?}"
    );
    assert_ne!(laptop.cia.integrity.value().copied(), Some(true));
    assert!(lacks(&laptop, "IT systems"), "{:?}", keys(&laptop));
    // Servers encrypted by attackers stay ransomware.
    let attack = rec(
        "Cyberattaque contre un cabinet médical",
        "2025-10-20",
        "Le cabinet médical du Chasseron à Sainte-Croix a été victime d'une cyberattaque : \
         tous nos serveurs ont été chiffrés par des pirates.",
    );
    assert!(techniques(&attack).contains(&"T1486".to_string()));
    let payroll = rec(
        "Statement: salary payments diverted after fraudulent log-ins to our payroll portal",
        "2025-05-20",
        "Fraudsters logged in to the payroll portal of the Clinique du Lac in Hoeilaart with \
         the passwords of 14 employees and changed their bank details.",
    );
    assert_ne!(payroll.cia.availability.value().copied(), Some(true));
    let diverted = rec(
        "Ransomware at hospital",
        "2025-05-20",
        "Aln Valley Hospital in Alnwick was hit by ransomware on Monday. Ambulances have been \
         diverted to Cramlington.",
    );
    assert_eq!(diverted.cia.availability.value().copied(), Some(true));
}

/// Passwords guessed or tried in the press's own words are brute force (T1110), and with
/// it valid accounts (T1078, Coding rule 17); passwords made invalid are a reset.
#[test]
fn passwords_guessed_or_tried_are_brute_force_in_every_language() {
    let cases = [
        (
            "Inbraak op accounts van apotheek",
            "Bij Apotheek Wijchens Meer in Wijchen hebben onbekenden met geautomatiseerde software \
             duizenden combinaties van e-mailadressen en wachtwoorden uitgeprobeerd op ons \
             patiëntenportaal. Zo kwamen ze in 386 accounts.",
        ),
        (
            "Angriff auf Patientenportal",
            "Unbekannte haben beim Spital Emmental in Langnau das Passwort eines \
             Administratorkontos erraten und sich damit angemeldet.",
        ),
        (
            "Attaque contre un centre de dialyse",
            "Les pirates ont deviné le mot de passe de l'accès à distance du centre de dialyse \
             des Glénan à Concarneau.",
        ),
        (
            "Attack on pharmacy portal",
            "Attackers guessed the passwords of 40 customer accounts of the Brecon pharmacy \
             portal.",
        ),
    ];
    for (title, body) in cases {
        let r = rec(title, "2025-03-20", body);
        let t = techniques(&r);
        assert!(
            t.contains(&"T1110".to_string()) && t.contains(&"T1078".to_string()),
            "{body}: {t:?}"
        );
    }
    let reset = rec(
        "Inbraak op accounts van apotheek",
        "2025-03-20",
        "Bij Apotheek Wijchens Meer in Wijchen is ingebroken op accounts van het \
         patiëntenportaal. We hebben de wachtwoorden van alle accounts ongeldig gemaakt.",
    );
    assert!(
        reset
            .response_actions
            .iter()
            .any(|a| a.kind == "credentials_reset"),
        "{:?}",
        reset.response_actions
    );
    // Advice is no attack.
    let advice = rec(
        "Tips voor veilige wachtwoorden",
        "2025-03-20",
        "Kies een wachtwoord dat niet geraden kan worden.",
    );
    assert!(
        !techniques(&advice).contains(&"T1110".to_string()),
        "{:?}",
        techniques(&advice)
    );
}

/// Paper in a compound or next to its noun, and work done by hand, is a manual fallback:
/// "mit Papierkarteikarten gearbeitet", "von Hand dokumentiert", "des listes papier",
/// "papieren zorgplannen", "booked in by hand". Paper that is no way of working is none.
#[test]
fn paper_in_any_shape_is_a_manual_fallback() {
    let kinds = |r: &cordon_intel::IncidentRecord| -> Vec<String> {
        r.response_actions.iter().map(|a| a.kind.clone()).collect()
    };
    let cases = [
        (
            "Cyberangriff auf Arztpraxis",
            "Die Praxis am Tüllinger Berg in Lörrach wurde Opfer eines Cyberangriffs. Bis \
             Dienstagmittag haben wir mit Papierkarteikarten gearbeitet.",
        ),
        (
            "Cyberangriff auf Pflegezentrum",
            "Das Pflegezentrum Thurblick in Frauenfeld wurde Opfer eines Cyberangriffs. Seither \
             wird im Pflegezentrum von Hand dokumentiert.",
        ),
        (
            "Cyberattaque contre une association de soins",
            "L'association Soins à domicile de la Moselle à Remich a été victime d'une \
             cyberattaque. Les équipes ont travaillé avec des listes papier.",
        ),
        (
            "Cyberaanval op woonzorgcentrum",
            "Woonzorgcentrum De Heule in Wevelgem is getroffen door ransomware. Onze teams werken \
             met papieren zorgplannen en afgedrukte medicatielijsten.",
        ),
        (
            "Cyber attack on laboratory",
            "Witham Pathology in Grantham was hit by a cyber attack. Since then, samples have \
             been booked in by hand.",
        ),
    ];
    for (title, body) in cases {
        let r = rec(title, "2025-06-20", body);
        assert!(
            kinds(&r).contains(&"manual_fallback".to_string()),
            "{body}: {:?}",
            kinds(&r)
        );
        assert_has(&r, "manual fallback");
    }
    let none = rec(
        "Cyberaanval op woonzorgcentrum",
        "2025-06-20",
        "Woonzorgcentrum De Heule in Wevelgem is getroffen door ransomware. De bewoners kregen \
         een papieren brief over de aanval.",
    );
    assert!(
        !kinds(&none).contains(&"manual_fallback".to_string()),
        "{:?}",
        kinds(&none)
    );
}
