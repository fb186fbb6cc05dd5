//! Issue 12 F2/F8: an article full of indicators or numbers must not amplify. The bounds are
//! asserted (items per field, evidence size, record size), never the time.

use cordon_intel::extract::{MAX_EVIDENCE_BYTES, MAX_ITEMS_PER_FIELD};

/// The shape of `shared/cases/reliability/gen_intel_amplification.py iocs N`.
fn iocs_article(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "10.{}.{}.{} evil{i}[.]com",
                i / 65536 % 256,
                i / 256 % 256,
                i % 256
            )
        })
        .collect();
    format!(
        "Title: iocs\n\nThe hospital was hit by ransomware. Indicators of compromise: {}\n",
        items.join(" ")
    )
}

/// The shape of `gen_intel_amplification.py nums N`.
fn nums_article(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| format!("{i} patients were transferred and {i} surgeries cancelled."))
        .collect();
    format!(
        "Title: numbers\n\nThe hospital was hit by ransomware. {}\n",
        items.join(" ")
    )
}

fn check_evidence(r: &cordon_intel::IncidentRecord) {
    let mut all = Vec::new();
    all.extend(r.iocs.iter().map(|x| &x.evidence));
    all.extend(r.impacts.iter().map(|x| &x.evidence));
    for e in all {
        assert!(e.sentence.len() <= MAX_EVIDENCE_BYTES);
        assert_eq!(&r.text[e.offset..e.offset + e.sentence.len()], e.sentence);
    }
}

#[test]
fn an_article_full_of_indicators_is_bounded() {
    let n = 4000;
    let text = iocs_article(n);
    let r = cordon_intel::extract(&cordon_intel::ingest::parse_text("iocs.txt", &text));
    assert_eq!(r.iocs.len(), MAX_ITEMS_PER_FIELD);
    // Every address and domain is distinct: 2n indicators, the rest counted.
    assert_eq!(r.omitted.get("iocs"), Some(&(2 * n - MAX_ITEMS_PER_FIELD)));
    check_evidence(&r);
    let json = serde_json::to_string(&r).expect("json");
    // The article text once, plus a bounded record around it.
    assert!(
        json.len() < text.len() + 400_000,
        "{} bytes for a {}-byte article",
        json.len(),
        text.len()
    );
}

#[test]
fn a_number_heavy_article_is_bounded() {
    let n = 3000;
    let text = nums_article(n);
    let r = cordon_intel::extract(&cordon_intel::ingest::parse_text("nums.txt", &text));
    assert!(r.impacts.len() <= MAX_ITEMS_PER_FIELD);
    assert!(
        r.omitted.get("impacts").is_some_and(|m| *m > 0),
        "{:?}",
        r.omitted
    );
    check_evidence(&r);
    let json = serde_json::to_string(&r).expect("json");
    assert!(json.len() < text.len() + 400_000);
}
