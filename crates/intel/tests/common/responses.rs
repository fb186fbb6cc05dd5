//! Helpers of the response-action tests (responses_cia_lang, responses_cia_lang2,
//! responses_lang3): the kinds a record states, and a set written in a test.

use std::collections::BTreeSet;

use cordon_intel::IncidentRecord;

/// The `kind`s of the record's response actions (`isolate_external`, …), as a set.
pub fn kinds(r: &IncidentRecord) -> BTreeSet<String> {
    r.response_actions.iter().map(|a| a.kind.clone()).collect()
}

/// A set of strings written in a test.
pub fn set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|x| x.to_string()).collect()
}
