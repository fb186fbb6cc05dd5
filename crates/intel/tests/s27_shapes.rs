//! Session 27 (issue 15): an update stamp appended to a statement or article ("MISE À
//! JOUR – mardi 2 juillet 2024", "Update, 4 August 2025", "Aktualisierung vom 7. November
//! 2025", "Update van de praktijk (7 mei 2026)") anchors the dates of its section: a day
//! without a year after it is read against the stamp, not against the publication date
//! (which made "le 1er juillet" in a statement of 24 June July of the year before, and the
//! group's leak an earlier, other incident). Every article is invented for the test
//! (organisations are fictitious), with counter-examples where the rule could overreach.

mod common;

use common::article as rec;
use cordon_intel::IncidentRecord;
use cordon_intel::dates::Anchor;
use cordon_intel::extract::{focal, lexicon};

fn actors(r: &IncidentRecord) -> Vec<&str> {
    r.threat_actors.iter().map(|a| a.name.as_str()).collect()
}

/// One statement per language: published in June, an update in July whose sentence names
/// the group's leak "on 1 July" without a year.
fn statements() -> Vec<(&'static str, String)> {
    vec![
        (
            "fr",
            "La Clinique des Tilleuls de Namur a été victime d'une attaque au rançongiciel dans la nuit du 20 au 21 juin 2024. Nos serveurs ont été chiffrés.\n\n\
             Les soins sont assurés.\n\n\
             MISE À JOUR – mardi 2 juillet 2024\n\n\
             Le groupe RansomHub a publié le 1er juillet des fichiers dérobés lors de l'attaque."
                .to_string(),
        ),
        (
            "en",
            "Larchfield Clinic in Leeds was hit by a ransomware attack on the night of 20 June 2024. Our servers were encrypted.\n\n\
             Patient care continues.\n\n\
             Update, Tuesday 2 July 2024\n\n\
             On 1 July the RansomHub group published files stolen in the attack."
                .to_string(),
        ),
        (
            "de",
            "Die Klinik Lindenhof in Koblenz wurde in der Nacht zum 21. Juni 2024 Opfer eines Ransomware-Angriffs. Unsere Server wurden verschlüsselt.\n\n\
             Die Versorgung ist gesichert.\n\n\
             Aktualisierung vom 2. Juli 2024\n\n\
             Am 1. Juli hat die Gruppe RansomHub Daten aus dem Angriff veröffentlicht."
                .to_string(),
        ),
        (
            "nl",
            "Kliniek De Linde in Gent werd in de nacht van 20 op 21 juni 2024 getroffen door een ransomware-aanval. Onze servers werden versleuteld.\n\n\
             De zorg gaat door.\n\n\
             Update dinsdag 2 juli 2024\n\n\
             Op 1 juli publiceerde de groep RansomHub gestolen bestanden van de aanval."
                .to_string(),
        ),
    ]
}

#[test]
fn an_update_stamp_anchors_the_dates_of_its_section() {
    for (lang, body) in statements() {
        let r = rec("Cyberattack", "2024-06-24", &body);
        assert_eq!(actors(&r), ["RansomHub"], "{lang}: {:?}", r.noise.set_apart);
        assert!(
            !r.noise
                .set_apart
                .iter()
                .any(|s| s.starts_with("other incident") && s.contains("RansomHub")),
            "{lang}: {:?}",
            r.noise.set_apart
        );
    }
}

/// The stamps read, as `YYYY-MM-DD`, of `text` in `lang` published on `published`.
fn stamps(text: &str, published: &str, lang: &str) -> Vec<String> {
    let lex = lexicon::for_language(Some(lang));
    focal::update_stamps(text, Anchor::parse(published), &lex)
        .into_iter()
        .map(|(_, a)| a.date.to_string())
        .collect()
}

/// Each statement's stamp is read; a stamp line with no year, dated on or before
/// publication or more than a year after it, or a line that is no stamp, anchors nothing;
/// nor does any stamp without a known publication day.
#[test]
fn stamps_are_lines_opened_by_an_update_word_with_a_later_full_date() {
    for (lang, body) in statements() {
        assert_eq!(stamps(&body, "2024-06-24", lang), ["2024-07-02"], "{lang}");
        assert!(stamps(&body, "2024-07", lang).is_empty(), "{lang}");
        assert!(stamps(&body, "2024-07-02", lang).is_empty(), "{lang}");
        assert!(stamps(&body, "2023-01-01", lang).is_empty(), "{lang}");
        for (from, to) in [
            ("2 juillet 2024", "2 juillet"),
            ("2 July 2024", "2 July"),
            ("2. Juli 2024", "2. Juli"),
            ("2 juli 2024", "2 juli"),
        ] {
            if body.contains(from) {
                let body = body.replace(from, to);
                assert!(stamps(&body, "2024-06-24", lang).is_empty(), "{lang}: {to}");
            }
        }
    }
    // A date in prose is no stamp, nor is a stamp word inside a line.
    assert!(
        stamps(
            "On 2 July 2024 the group published files.",
            "2024-06-24",
            "en"
        )
        .is_empty()
    );
    assert!(stamps("We will post an update on 2 July 2024.", "2024-06-24", "en").is_empty());
    // Numeric and ISO stamps, and a stamp naming its author, are read too.
    assert_eq!(
        stamps("Mise à jour du 27/06/2025\n\nTexte.", "2025-06-20", "fr"),
        ["2025-06-27"]
    );
    assert_eq!(
        stamps("Update, 2025-08-20\n\nText.", "2025-08-14", "en"),
        ["2025-08-20"]
    );
    assert_eq!(
        stamps(
            "Update van het CGG (24 maart 2026): alles werkt.",
            "2026-03-20",
            "nl"
        ),
        ["2026-03-24"]
    );
}

/// A group naming itself names the actor in every language, a `qualified` name too
/// (Medusa, Lynx: common words that otherwise need a group noun), and an unknown name.
#[test]
fn a_group_naming_itself_is_the_actor() {
    for (title, text, actor) in [
        (
            "Cyberangriff auf Pflegeheim",
            "Das Seniorenzentrum Am Buchenhain in Weilheim wurde Opfer eines Cyberangriffs. „Die Täter, die sich Black Basta nennen, verlangen 500.000 Euro“, erklärt der Geschäftsführer.",
            "Black Basta",
        ),
        (
            "Statement",
            "Rosemoor Dental Ltd in Malton was hit by a cyber attack. On Friday a criminal group calling itself Medusa listed our practice on its leak website and demanded US$120,000.",
            "Medusa",
        ),
        (
            "Ransomware bij ambulancedienst",
            "Ambulancedienst Noorderlicht in Bodegraven werd getroffen door ransomware. De aanvallers, die zich Lynx noemen, eisten 180.000 euro.",
            "Lynx",
        ),
        (
            "Cyberattaque",
            "La Clinique des Tilleuls à Namur a été victime d'un rançongiciel. Le message laissé par les criminels est signé « RansomHub ». Ils réclament 300 000 euros.",
            "RansomHub",
        ),
        (
            "Cyberattaque",
            "La Clinique des Tilleuls à Namur a été victime d'un rançongiciel. Les pirates, qui se font appeler Corvid Nine, réclament 300 000 euros.",
            "Corvid Nine",
        ),
    ] {
        let r = rec(title, "2025-11-10", text);
        assert_eq!(actors(&r), [actor], "{text}");
    }
}

/// Counter-examples: a common word after "calling itself" that is a place or an
/// organisation type is no actor; a qualified name without self-naming or a group noun
/// stays unread ("Lynx" the animal).
#[test]
fn self_naming_of_places_and_organisations_and_bare_common_words_is_no_actor() {
    for text in [
        "Rosemoor Dental Ltd in Malton was hit by a cyber attack. The criminals, calling themselves Leeds Hospital, demanded money.",
        "Rosemoor Dental Ltd in Malton was hit by a cyber attack. Staff saw a lynx on the logo; the Lynx poster in the hall was untouched.",
    ] {
        let r = rec("Statement", "2025-11-10", text);
        assert!(actors(&r).is_empty(), "{text}: {:?}", actors(&r));
    }
}

fn responses(r: &IncidentRecord) -> Vec<&str> {
    r.response_actions.iter().map(|a| a.kind.as_str()).collect()
}

/// The attack or the attacker taking something offline is the attack's doing, not the
/// victim's shutdown or isolation: no `shutdown_servers`, in every language.
#[test]
fn an_attack_taking_a_site_offline_is_no_shutdown_by_the_victim() {
    for (title, text) in [
        (
            "NoName057(16) DDoS takes Riverside Hospital's website offline",
            "NoName057(16) DDoS takes Riverside Hospital's website and online booking offline for six hours. The hospital in Leeds said patient care was not affected.",
        ),
        (
            "DDoS-aanval legt website ziekenhuis plat",
            "DDoS-aanval legt website en afsprakenportaal van AZ Noorderlicht in Gent urenlang plat. De zorg liep gewoon door.",
        ),
        (
            "Hacker legten Webseite lahm",
            "Hacker legten die Webseite und das Patientenportal der Klinik Lindenhof in Koblenz am Montag für fünf Stunden lahm.",
        ),
        (
            "Attaque DDoS",
            "Une attaque DDoS rend le site internet et le portail de rendez-vous de la Clinique des Tilleuls à Namur inaccessibles pendant six heures.",
        ),
    ] {
        let r = rec(title, "2025-02-20", text);
        assert!(
            !responses(&r).contains(&"shutdown_servers"),
            "{text}: {:?}",
            responses(&r)
        );
    }
}

/// Counter-examples: the victim's own shutdown after or beside the attack stays read.
#[test]
fn the_victims_own_shutdown_beside_the_attack_stays() {
    for text in [
        "Riverside Hospital in Leeds was hit by ransomware. After the DDoS attack, the hospital took its servers offline.",
        "Riverside Hospital in Leeds was hit by ransomware. Hackers took the booking site offline; the hospital shut down its servers as a precaution.",
    ] {
        let r = rec("Cyber attack", "2025-02-20", text);
        assert!(
            responses(&r).contains(&"shutdown_servers"),
            "{text}: {:?}",
            responses(&r)
        );
    }
}

/// A network disconnected from the internet is the isolation only, though a shutdown
/// phrase ("réseau … déconnecté", "netwerk … losgekoppeld") reads it too; a shutdown
/// stated beside it, or a "vom Netz genommen" (taken off the net, naming no outside),
/// stays a shutdown.
#[test]
fn a_network_disconnected_from_the_internet_is_isolation_only() {
    for (lang, text) in [
        (
            "fr",
            "La Clinique des Tilleuls à Namur a été victime d'une cyberattaque. Le réseau de la clinique a été immédiatement déconnecté d'internet.",
        ),
        (
            "nl",
            "AZ Noorderlicht in Gent werd getroffen door een cyberaanval. Om 2.40 uur was ons netwerk volledig van het internet losgekoppeld.",
        ),
    ] {
        let r = rec("Cyberattaque", "2025-02-20", text);
        assert_eq!(responses(&r), ["isolate_external"], "{lang}: {text}");
    }
    for text in [
        "La Clinique des Tilleuls à Namur a été victime d'une cyberattaque. Nous avons éteint tous nos serveurs et déconnecté le réseau d'internet.",
        "Die Klinik Lindenhof in Koblenz wurde Opfer eines Cyberangriffs. Die betroffenen Server wurden sofort vom Netz genommen.",
    ] {
        let r = rec("Cyberangriff", "2025-02-20", text);
        assert!(
            responses(&r).contains(&"shutdown_servers"),
            "{text}: {:?}",
            responses(&r)
        );
    }
}

/// `UNIT COUNT` of the people counted as exposed.
fn exposed_people(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .filter(|f| f.effect == "exposed")
        .map(|f| format!("{} {}", f.unit, f.count.unwrap_or(0)))
        .collect()
}

/// The persons a data-subject phrase counts ("Befunde von rund 6.300 Patientinnen",
/// "des données … de 1 140 clients", "gegevens van ongeveer 340 cliënten") right after a
/// sentence of the same paragraph saying the data were taken are the data's subjects.
#[test]
fn data_subjects_counted_after_the_theft_sentence_are_exposed() {
    for (title, text, count) in [
        (
            "Cyberangriff",
            "Das Zentrum Lindenhof in Schwaz wurde Opfer eines Cyberangriffs. Im Februar stellte die Gruppe SafePay daraufhin Daten ins Netz. Laut Bericht enthalten sie Befunde und Stammdaten von rund 6.300 Patientinnen und Patienten.",
            6300,
        ),
        (
            "Cyberattaque",
            "La Clinique des Tilleuls à Namur a été victime d'une cyberattaque. Le groupe RansomHub a publié des fichiers dérobés lors de l'attaque. Notre analyse confirme qu'ils contiennent des données personnelles de 1 140 clients.",
            1140,
        ),
        (
            "Datalek",
            "Thuiszorg De Linde in Ommen werd getroffen door een cyberaanval. De criminelen hebben de volledige inhoud van de mailbox gedownload. In die mailbox zaten e-mails met gegevens van ongeveer 340 cliënten.",
            340,
        ),
    ] {
        let r = rec(title, "2025-03-10", text);
        assert!(
            exposed_people(&r)
                .iter()
                .any(|p| p.ends_with(&format!(" {count}"))),
            "{text}: {:?}",
            exposed_people(&r)
        );
    }
}

/// Counter-examples: the same count in another paragraph than the theft, or a count
/// with no data-subject phrase, is no exposure.
#[test]
fn a_count_apart_from_the_theft_or_without_data_words_is_no_exposure() {
    for text in [
        "Das Zentrum Lindenhof in Schwaz wurde Opfer eines Cyberangriffs. Im Februar stellte die Gruppe SafePay daraufhin Daten ins Netz.\n\nDas Zentrum verwaltet seit 1990 die Befunde von rund 6.300 Patientinnen und Patienten.",
        "Das Zentrum Lindenhof in Schwaz wurde Opfer eines Cyberangriffs. Im Februar stellte die Gruppe SafePay daraufhin Daten ins Netz. Das Zentrum betreut rund 6.300 Patientinnen und Patienten.",
    ] {
        let r = rec("Cyberangriff", "2025-03-10", text);
        assert!(
            !exposed_people(&r).iter().any(|p| p.ends_with(" 6300")),
            "{text}: {:?}",
            exposed_people(&r)
        );
    }
}

fn unavailable(r: &IncidentRecord) -> Vec<&str> {
    r.impacts
        .iter()
        .filter(|f| f.count.is_none() && f.effect == "unavailable")
        .map(|f| f.unit.as_str())
        .collect()
}

/// Unavailability in the grammar the lexicons lacked: French "ne sont plus disponibles"
/// (not elided), English "could no longer be opened", a practice's "clinical records".
#[test]
fn records_no_longer_available_in_full_negation() {
    for text in [
        "La Clinique des Tilleuls à Namur a été victime d'une cyberattaque. Notre logiciel de planification des tournées et le dossier de soins électronique ne sont plus disponibles.",
        "Rosemoor Dental Ltd in Malton was hit by a cyber attack. Our appointment book and our clinical records could not be opened.",
        "Rosemoor Care in Malton was hit by a cyber attack. At around 4am the night nurse noticed that the electronic care record could no longer be opened.",
    ] {
        let r = rec("Cyber attack", "2025-02-20", text);
        assert!(
            unavailable(&r).contains(&"electronic health records"),
            "{text}: {:?}",
            unavailable(&r)
        );
    }
    // A restriction ("ne … qu'aux médecins") is no outage.
    let r = rec(
        "Cyberattaque",
        "2025-02-20",
        "La Clinique des Tilleuls à Namur a été victime d'une cyberattaque. Les dossiers de soins ne sont accessibles qu'aux médecins.",
    );
    assert!(unavailable(&r).is_empty(), "{:?}", unavailable(&r));
}

/// A tracker's "First seen" line is the listing's publication date, not the "Updated"
/// line after it; a page with only "Updated" keeps that date.
#[test]
fn a_trackers_first_seen_is_its_publication_date() {
    for (first, updated, body, want) in [
        (
            "First seen: 2025-11-05 14:20 UTC",
            "Updated: 2025-11-18 09:05 UTC",
            "Riverside Clinic in Leeds was listed on a leak site by Qilin on November 4, 2025. The clinic confirmed that patient data was stolen.",
            "2025-11-05",
        ),
        (
            "Eerst gezien: donderdag 20 februari 2025, 10.05 uur",
            "Laatst bijgewerkt: dinsdag 4 maart 2025, 16.30 uur",
            "De groepspraktijk in Riemst werd door RansomHouse op zijn lekwebsite gezet. De praktijk bevestigt dat er gegevens van patiënten zijn gestolen.",
            "2025-02-20",
        ),
        (
            "Première détection : mercredi 19 mars 2025, 08:40",
            "Dernière mise à jour : jeudi 3 avril 2025, 17:15",
            "Le laboratoire de Vesoul a été revendiqué par le groupe Qilin sur son site de fuite. Le laboratoire confirme que des données de patients ont été volées.",
            "2025-03-19",
        ),
        (
            "Erstmals gesehen: Dienstag, 23. Juli 2024, 11:30 Uhr",
            "Zuletzt aktualisiert: Freitag, 2. August 2024, 09:00 Uhr",
            "Der Softwareanbieter aus Olpe wurde von der Gruppe Qilin auf ihrer Leak-Seite gelistet. Das Unternehmen bestätigt, dass Daten von Patienten gestohlen wurden.",
            "2024-07-23",
        ),
    ] {
        let page = format!("Extortion Monitor\n\nRiverside\n{first}\n{updated}\n\n{body}\n");
        let r = common::record(&page);
        assert_eq!(
            r.publication_date.value().map(String::as_str),
            Some(want),
            "{first}"
        );
    }
    let r = common::record(
        "Extortion Monitor\n\nRiverside Clinic (Leeds)\nUpdated: 2025-11-18 09:05 UTC\n\nRiverside Clinic in Leeds was listed on a leak site by Qilin. The clinic confirmed that patient data was stolen.\n",
    );
    assert_eq!(
        r.publication_date.value().map(String::as_str),
        Some("2025-11-18")
    );
}
