//! Invariants on arbitrary input.

use proptest::prelude::*;

fn check(text: &str) {
    let doc = cordon_intel::ingest::parse_text("p.txt", text);
    let r = cordon_intel::extract(&doc);
    let json = serde_json::to_value(&r).unwrap();
    walk(&json, &r.text);
    // Reports never panic either.
    let _ = cordon_intel::report::markdown(&r);
    let _ = cordon_intel::report::html(&r);
    let _ = cordon_intel::stix::bundle(&r);
    let _ = cordon_intel::veris::record(&r);
    let _ = cordon_intel::replay::scenario(&r, std::path::Path::new("m.yaml"));
}

fn walk(v: &serde_json::Value, text: &str) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(o)) = (
                m.get("sentence").and_then(|s| s.as_str()),
                m.get("offset").and_then(|o| o.as_u64()),
            ) {
                let o = o as usize;
                assert_eq!(text.get(o..o + s.len()), Some(s));
            }
            m.values().for_each(|x| walk(x, text));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, text)),
        _ => {}
    }
}

const WORDS: &[&str] = &[
    "hospital",
    "Hospital",
    "ransomware",
    "attack",
    "on",
    "Tuesday",
    "14",
    "March",
    "2023",
    "70",
    "surgeries",
    "were",
    "cancelled",
    "Belgian",
    "Liège-based",
    "patients",
    "transferred",
    "ambulances",
    "diverted",
    "hxxp://a[.]b",
    "1.2.3[.]4",
    "CVE-2020-1234",
    "phishing",
    "VPN",
    "not",
    "no",
    "$5",
    "million",
    "€",
    "for",
    "three",
    "months",
    ".",
    ",",
    "—",
    "\n",
    "\n\n",
    "Published:",
    "ö",
    "É",
    "’s",
    "AZ",
    "Clinic",
    "stolen",
    "data",
    "the",
    "Group",
    "gang",
    "LockBit",
    "said",
    "by",
    "phone",
    "only",
    "(",
    ")",
    "\"",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
        check(&s);
    }

    #[test]
    fn extraction_never_panics_on_incident_like_text(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..120)) {
        check(&words.join(" "));
    }

    #[test]
    fn html_and_feeds_never_panic(s in "[<>a-z/ =\"'!\\-\\[\\]CDAT]{0,300}") {
        let _ = cordon_intel::ingest::parse("x.html", &s);
        let _ = cordon_intel::ingest::parse("x.rss", &s);
    }
}
