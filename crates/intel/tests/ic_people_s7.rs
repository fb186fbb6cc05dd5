//! People counts (coding rule 13), the kinds session 6's IC commit `f8d1243` fixed without a
//! test: persons whose data was posted on a forum, whose letters, e-mails, names or
//! addresses were taken, and who "are affected" right after a theft sentence, are N
//! people. Every article is invented here (no sentence from an example set); the
//! counter-examples must give no people count.

mod common;

use cordon_intel::IncidentRecord;

fn people(r: &IncidentRecord) -> Vec<u64> {
    r.impacts
        .iter()
        .filter(|f| f.unit == "people")
        .filter_map(|f| f.count)
        .collect()
}

fn article(title: &str, body: &str) -> IncidentRecord {
    common::record(&format!("Title: {title}\nPublished: 2025-05-20\n\n{body}"))
}

#[test]
fn data_posted_on_a_forum_counts_its_people() {
    let en = article(
        "Data of Harbourside Clinic patients posted online",
        "Harbourside Clinic in Hull was hit by ransomware last week. The data of about 1,200 patients was posted on a hacking forum on Monday.",
    );
    assert_eq!(people(&en), vec![1200], "{:?}", en.impacts);
}

#[test]
fn letters_emails_names_and_addresses_are_personal_data() {
    let nl = article(
        "Cyberaanval op zorggroep De Linde",
        "Zorggroep De Linde in Zwolle is getroffen door een cyberaanval. De aanvallers hebben e-mails van ongeveer 800 cliënten gedownload.",
    );
    assert_eq!(people(&nl), vec![800], "{:?}", nl.impacts);
}

#[test]
fn counts_that_are_no_data_subjects_give_no_people() {
    // A care provider's size is no impact.
    let en = article(
        "Ransomware at Harbourside Clinic",
        "Harbourside Clinic in Hull, which cares for about 1,200 patients, was hit by ransomware. Appointments were moved.",
    );
    assert!(people(&en).is_empty(), "{:?}", en.impacts);
    let nl = article(
        "Cyberaanval op zorggroep De Linde",
        "Zorggroep De Linde in Zwolle, met ongeveer 800 cliënten, is getroffen door een cyberaanval. Er zijn geen gegevens gestolen.",
    );
    assert!(people(&nl).is_empty(), "{:?}", nl.impacts);
}
