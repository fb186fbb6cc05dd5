//! Helpers of the impact tests (ic_s6, is_s6, impacts_lang, impacts_lang2, impacts_lang3,
//! impacts_round5): each impact of a record as one key, and the checks on those keys.

use cordon_intel::IncidentRecord;

/// `COUNT UNIT EFFECT` / `UNIT EFFECT` / `EFFECT` (bare) of every impact, in the record's
/// order: `90000 EUR fine or settlement`, `5200 people exposed`, `manual fallback`.
pub fn keys(r: &IncidentRecord) -> Vec<String> {
    r.impacts
        .iter()
        .map(|f| {
            let mut k = String::new();
            if let Some(c) = f.count {
                k.push_str(&format!("{c} "));
            }
            if !f.unit.is_empty() {
                k.push_str(&f.unit);
                k.push(' ');
            }
            k.push_str(&f.effect);
            k
        })
        .collect()
}

/// Whether one impact's key is exactly `want`.
pub fn has(r: &IncidentRecord, want: &str) -> bool {
    keys(r).iter().any(|k| k == want)
}

/// Whether no impact's key contains `unwanted` (a substring: a count, a unit, an effect).
pub fn lacks(r: &IncidentRecord, unwanted: &str) -> bool {
    !keys(r).iter().any(|k| k.contains(unwanted))
}

/// Panics, showing the keys, unless one impact's key is exactly `want`.
pub fn assert_has(r: &IncidentRecord, want: &str) {
    assert!(
        keys(r).iter().any(|k| k == want),
        "want {want:?} in {:?}",
        keys(r)
    );
}
