//! Response actions, session 5 (issue 15, item 8): the kinds held-out sets 5 and 6 missed,
//! by mechanism, each in phrasings written for this test (not the held-out sentences) and
//! in the four languages:
//! - kind 3: list lines under a Markdown heading are sentences; nominal actions in a list
//!   ("Strafanzeige bei der Polizei", "Dépôt de plainte"); authorities present on site;
//!   paper-based work by stem; a service working again; restoration in phases (nominal);
//!   crisis plans in compounds;
//! - kind 10: the whole IT shut down in elliptic or causative forms;
//! - kind 11: a refusal to pay whose topic is a demand of money or a question about paying;
//! - kind 14: connections to the outside cut, in the infinitive and the passive;
//! - kind 26: a recommendation section or a modal sentence gives nothing.
//!
//! The expected values are coded by hand from each text: the oracle is the reading of the
//! sentence, not the engine's output. Each language carries traps (a plan, a negation, a
//! piece of advice) that must give nothing.

mod common;

use common::record as read;
use common::responses::{kinds, set};

// ------------------------------------------------------------------------------- English

#[test]
fn english_report_lists_under_headings_are_read_and_advice_is_not() {
    let r = read(
        "# Incident report: Harbourside Clinic\nPublished: 2025-04-02\n\n\
         Harbourside Clinic in Leeds was hit by ransomware on 28 March 2025.\n\n\
         ## Actions taken\n\
         - Complaint filed with the police in Leeds\n\
         - External incident response specialists were appointed\n\
         - Staff worked from paper forms for four days\n\n\
         ## Recommendations\n\
         - Test the restoration of backups regularly\n\
         - Cut remote access links that are not needed\n\
         - Hospitals should keep offline backups\n",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "manual_fallback",
            "external_experts"
        ])
    );
}

#[test]
fn english_passive_isolation_critical_incident_and_service_working_again() {
    let r = read(
        "Title: Hospice network cut off after intrusion\nPublished: 2025-06-13\n\n\
         St Aidan's Hospice in Norwich said its links to the internet were severed on Tuesday \
         after an intrusion was found. \
         The hospice and two partner trusts declared critical incidents. \
         Detectives from the regional cyber crime unit were on site on Wednesday. \
         By Friday the patient record system was working again.",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "isolate_external",
            "authorities_notified",
            "services_restored",
            "crisis_management"
        ])
    );
}

#[test]
fn english_traps_plan_and_negation_give_nothing() {
    let r = read(
        "Title: Dental group still offline\nPublished: 2025-02-03\n\n\
         Brightsmile Dental in Cardiff was attacked on Saturday. \
         The booking portal is expected to be back online next week. \
         The phone lines are not working again yet. \
         Hospitals should restore their backups on a test system every quarter.",
    );
    let k = kinds(&r);
    assert!(!k.contains("services_restored"), "{k:?}");
    assert!(!k.contains("restore_from_backup"), "{k:?}");
}

#[test]
fn english_refusal_after_a_question_about_paying() {
    let r = read(
        "Title: Q&A with the chief executive of Moorfield Care\nPublished: 2025-03-11\n\n\
         Moorfield Care, which runs nursing homes in Derby, was hit by ransomware in February.\n\n\
         Has anything been paid?\n\
         No. We have not paid, and we reported the attack to Derbyshire Constabulary.",
    );
    let k = kinds(&r);
    assert!(k.contains("ransom_refused"), "{k:?}");
    assert!(k.contains("authorities_notified"), "{k:?}");
    assert!(!k.contains("ransom_paid"), "{k:?}");
}

// --------------------------------------------------------------------------------- Dutch

#[test]
fn dutch_on_site_compound_emergency_plan_and_connections_out() {
    let r = read(
        "Titel: Zorggroep Lindehof getroffen door ransomware\nGepubliceerd: 2025-03-05\n\n\
         Zorggroep Lindehof uit Deventer werd op 3 maart getroffen door ransomware. \
         De politie en Z-CERT waren dezelfde dag ter plaatse. \
         Het calamiteitennoodplan werd meteen geactiveerd. \
         Alle verbindingen naar het internet gingen eruit. \
         De verpleging werkte dagenlang met papieren medicatielijsten.",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "isolate_external",
            "authorities_notified",
            "manual_fallback",
            "crisis_management"
        ])
    );
}

#[test]
fn dutch_working_again_and_reconnected_per_site() {
    let r = read(
        "Titel: Apotheekketen herstelt van aanval\nGepubliceerd: 2025-05-20\n\n\
         Apotheekketen Zuidermeer uit Breda werd vorige week aangevallen. \
         Het kassasysteem werkt sinds maandag weer. \
         De filialen worden per vestiging opnieuw aangesloten.",
    );
    let k = kinds(&r);
    assert!(k.contains("services_restored"), "{k:?}");
    assert!(k.contains("phased_restoration"), "{k:?}");
}

#[test]
fn dutch_refusal_after_demand_and_question_shutdown_and_backups() {
    let r = read(
        "Titel: Interview met de directeur van Revalidatiecentrum De Brug\n\
         Gepubliceerd: 2025-04-14\n\n\
         Revalidatiecentrum De Brug in Almelo werd in maart getroffen door ransomware.\n\n\
         Heeft u betaald?\n\
         Nee, we hebben nooit betaald. We hebben direct alles platgelegd. \
         Met de offline back-ups hebben we daarna alle systemen kunnen terugzetten.\n\n\
         Wat is uw advies?\n\
         Test of je je back-ups kunt terugzetten.",
    );
    assert_eq!(
        kinds(&r),
        set(&["shutdown_servers", "ransom_refused", "restore_from_backup"])
    );
    let r = read(
        "Titel: Thuiszorgorganisatie afgeperst\nGepubliceerd: 2025-01-09\n\n\
         Thuiszorg Vechtdal uit Ommen is getroffen door een cyberaanval. \
         De criminelen eisten twee miljoen euro. \
         Thuiszorg Vechtdal zegt niet te zullen betalen.",
    );
    assert!(kinds(&r).contains("ransom_refused"), "{:?}", kinds(&r));
}

#[test]
fn dutch_traps_negation_plan_and_open_question_give_nothing() {
    let r = read(
        "Titel: Huisartsenpost nog offline\nGepubliceerd: 2025-02-17\n\n\
         Huisartsenpost Kennemerland in Haarlem werd zaterdag aangevallen. \
         Het portaal is nog niet weer bereikbaar. \
         Het portaal zal volgende week weer beschikbaar zijn. \
         Of er betaald is, wil de directie niet zeggen. \
         Zorginstellingen moeten hun back-ups regelmatig terugzetten om ze te testen.",
    );
    let k = kinds(&r);
    assert!(!k.contains("services_restored"), "{k:?}");
    assert!(!k.contains("ransom_refused"), "{k:?}");
    assert!(!k.contains("restore_from_backup"), "{k:?}");
}

// -------------------------------------------------------------------------------- German

#[test]
fn german_report_nominal_list_lines_and_advice_section() {
    let r = read(
        "# Vorfallbericht: Rehaklinik Am Südpark\nVeröffentlicht: 2025-03-20\n\n\
         Die Rehaklinik Am Südpark in Bielefeld wurde am 10. März 2025 Opfer eines Angriffs.\n\n\
         ## 4. Maßnahmen\n\
         - Strafanzeige gegen Unbekannt\n\
         - Meldung an die zuständige Datenschutzaufsicht\n\
         - Externe IT-Sicherheitsexperten unterstützen die Analyse\n\n\
         ## 5. Empfehlungen\n\
         - Datensicherungen regelmäßig wiederherstellen und prüfen\n\
         - Kliniken sollten Fernzugänge abschalten, wenn sie nicht gebraucht werden\n",
    );
    assert_eq!(
        kinds(&r),
        set(&["authorities_notified", "external_experts"])
    );
}

#[test]
fn german_police_on_site_paper_forms_working_again_and_links_cut() {
    let r = read(
        "Titel: Klinikum Talheim nach Cyberangriff\nVeröffentlicht: 2025-05-08\n\n\
         Das Klinikum Talheim in Heilbronn ist Ziel eines Cyberangriffs geworden. \
         Die Geschäftsführung ließ noch in der Nacht alle Verbindungen zum Internet kappen. \
         Die Kriminalpolizei war am Abend vor Ort. \
         Die Stationen dokumentieren vorübergehend auf Papierformularen. \
         Ein Verwaltungskrisenstab tagt seit Dienstag. \
         Das Laborsystem läuft seit Freitag wieder.",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "isolate_external",
            "authorities_notified",
            "services_restored",
            "manual_fallback",
            "crisis_management"
        ])
    );
}

#[test]
fn german_refusal_after_a_demand_and_traps() {
    let r = read(
        "Titel: Pflegedienst erpresst\nVeröffentlicht: 2025-02-12\n\n\
         Der Pflegedienst Lindenhof in Kassel wurde Opfer einer Ransomware-Attacke. \
         Die Erpresser verlangen 500.000 Euro in Bitcoin. \
         Der Träger will nicht zahlen. \
         Das Portal soll ab Montag wieder erreichbar sein. \
         Die Telefonanlage ist noch nicht wieder erreichbar.",
    );
    let k = kinds(&r);
    assert!(k.contains("ransom_refused"), "{k:?}");
    assert!(!k.contains("services_restored"), "{k:?}");
}

// -------------------------------------------------------------------------------- French

#[test]
fn french_report_nominal_list_lines_and_recommendations() {
    let r = read(
        "# Rapport d'incident : Clinique des Tilleuls\nPublié : 2025-03-25\n\n\
         La Clinique des Tilleuls à Nancy a été victime d'un rançongiciel le 10 mars 2025.\n\n\
         ## Mesures prises\n\
         - Dépôt de plainte auprès de la gendarmerie\n\
         - Rétablissement progressif des applications à partir du 12 mars\n\n\
         ## Recommandations\n\
         - Tester régulièrement la restauration des sauvegardes\n\
         - Les établissements devraient couper les accès à distance inutiles\n",
    );
    assert_eq!(
        kinds(&r),
        set(&["authorities_notified", "phased_restoration"])
    );
}

#[test]
fn french_on_site_working_again_and_paper_prescriptions() {
    let r = read(
        "Titre : Cyberattaque au centre hospitalier de Vierzon\nPublié : 2025-04-09\n\n\
         Le centre hospitalier de Vierzon a été victime d'une cyberattaque lundi. \
         Les enquêteurs de la gendarmerie sont sur place depuis mardi. \
         Les médecins rédigent des ordonnances papier. \
         Le logiciel de rendez-vous fonctionne à nouveau depuis jeudi.",
    );
    assert_eq!(
        kinds(&r),
        set(&[
            "authorities_notified",
            "services_restored",
            "manual_fallback"
        ])
    );
}

#[test]
fn french_refusal_after_a_demand_and_traps() {
    let r = read(
        "Titre : Un laboratoire rançonné\nPublié : 2025-01-30\n\n\
         Le laboratoire BioSud à Nîmes a été visé par un rançongiciel. \
         Les pirates ont réclamé une somme en bitcoins. \
         Le laboratoire ne paiera pas. \
         Le portail devrait être de nouveau accessible lundi.",
    );
    let k = kinds(&r);
    assert!(k.contains("ransom_refused"), "{k:?}");
    assert!(!k.contains("services_restored"), "{k:?}");
}

// ------------------------------------------- Refusal by idea, isolation in the infinitive

#[test]
fn refusing_to_be_extorted_is_a_refusal_in_every_language() {
    let en = read(
        "Title: Clinic hit by hackers\nPublished: 2025-02-01\n\n\
         Riverside Clinic in York was attacked on Monday. \
         The clinic said it would not be blackmailed.",
    );
    let nl = read(
        "Titel: Kliniek gehackt\nGepubliceerd: 2025-02-01\n\n\
         Kliniek Duinzicht in Leiden werd maandag getroffen door een cyberaanval. \
         De hackers hebben een deel van de bestanden versleuteld. \
         De kliniek laat zich niet afpersen, zegt de directeur.",
    );
    let de = read(
        "Titel: Klinik gehackt\nVeröffentlicht: 2025-02-01\n\n\
         Die Klinik Bergblick in Passau wurde am Montag angegriffen. \
         \"Wir lassen uns nicht erpressen\", sagte der Geschäftsführer.",
    );
    let fr = read(
        "Titre : Une clinique piratée\nPublié : 2025-02-01\n\n\
         La clinique du Parc à Tours a été piratée lundi. \
         Les pirates réclament une somme importante. \
         La clinique ne se laissera pas racketter.",
    );
    for r in [&en, &nl, &de, &fr] {
        assert!(
            kinds(r).contains("ransom_refused"),
            "{:?}: {:?}",
            r.language,
            kinds(r)
        );
    }
}

#[test]
fn disconnecting_from_the_internet_in_the_infinitive() {
    let nl = read(
        "Titel: Ziekenhuis koppelt netwerk los\nGepubliceerd: 2025-03-01\n\n\
         Het Maasziekenhuis in Venlo werd zondag aangevallen. \
         De directie besloot het hele netwerk los te koppelen van het internet.",
    );
    let fr = read(
        "Titre : Un hôpital se coupe du monde\nPublié : 2025-03-01\n\n\
         L'hôpital de Dole a été attaqué dimanche. \
         La direction a choisi de déconnecter tout le réseau de l'extérieur.",
    );
    for r in [&nl, &fr] {
        assert!(
            kinds(r).contains("isolate_external"),
            "{:?}: {:?}",
            r.language,
            kinds(r)
        );
    }
}

#[test]
fn list_items_under_a_lessons_heading_are_advice() {
    let en = read(
        "# Post-incident review: Northgate Surgery\nPublished: 2025-05-05\n\n\
         Northgate Surgery in Hull was hit by ransomware on 2 April 2025.\n\n\
         ## Lessons learned\n\
         - Restore backups on a test system every quarter\n\
         - Reset the passwords of shared accounts after staff leave\n",
    );
    let fr = read(
        "# Rapport : Clinique Saint-Roch\nPublié : 2025-05-05\n\n\
         La Clinique Saint-Roch à Albi a été victime d'un rançongiciel le 2 avril 2025.\n\n\
         ## Retour d'expérience\n\
         - Restaurer les sauvegardes sur un système de test chaque trimestre\n\
         - Réinitialiser les mots de passe des comptes partagés\n",
    );
    let de = read(
        "# Bericht: Praxisklinik Am Hafen\nVeröffentlicht: 2025-05-05\n\n\
         Die Praxisklinik Am Hafen in Kiel wurde am 2. April 2025 Opfer eines Angriffs.\n\n\
         ## Lehren aus dem Vorfall\n\
         - Datensicherungen aus dem Backup regelmäßig wiederherstellen\n\
         - Passwörter gemeinsamer Konten zurücksetzen\n",
    );
    for r in [&en, &fr, &de] {
        let k = kinds(r);
        assert!(
            !k.contains("restore_from_backup"),
            "{:?}: {k:?}",
            r.language
        );
        assert!(!k.contains("credentials_reset"), "{:?}: {k:?}", r.language);
    }
}
