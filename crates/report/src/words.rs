//! Small English helpers for the user-facing text of the CLI, the web pages
//! and the reports, so that counts and names read as sentences ("this link",
//! "3 links", "vendors' side") wherever they are formatted.
//!
//! Hand-written: the needs are four lines of English (a count-aware noun
//! phrase and a possessive), smaller than any inflection crate's API.

/// `one` when `n == 1`, otherwise `many` with every `{}` replaced by `n`:
/// `plural(1, "this link", "these {} links")` → "this link",
/// `plural(3, "this link", "these {} links")` → "these 3 links".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.replace("{}", &n.to_string())
    }
}

/// "1 link", "0 links", "3 links": a count and its noun, with the plural
/// formed by `-s` (or `-es` after s, x, z, ch, sh; `-ies` after a consonant
/// and y).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural_noun(noun))
    }
}

/// The regular English plural of `noun` ("link" → "links", "process" →
/// "processes", "policy" → "policies").
pub fn plural_noun(noun: &str) -> String {
    let lower = noun.to_ascii_lowercase();
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{noun}es")
    } else if lower.ends_with('y')
        && !lower
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c))
        && lower.len() > 1
    {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

/// The possessive of a name: "vendors" → "vendors'", "internet" →
/// "internet's" (an id ending in s takes the apostrophe alone).
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// Items joined as a list, or `none` when there are none:
/// `list_or(&[], "none")` → "none", `list_or(&["a", "b"], "none")` → "a, b".
pub fn list_or<S: AsRef<str>>(items: &[S], none: &str) -> String {
    if items.is_empty() {
        none.to_string()
    } else {
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A count known as its base-10 logarithm, in words: exact below a
/// million ("1", "about 240" when not a whole number), "about 10^7.3"
/// above; "none" for −∞ (no path).
pub fn about_count(log10: f64) -> String {
    if !log10.is_finite() {
        return "none".to_string();
    }
    if log10 < 6.0 {
        let n = 10f64.powf(log10);
        let r = n.round();
        if (n - r).abs() < 1e-6 * r.max(1.0) {
            format!("{r:.0}")
        } else {
            format!("about {r:.0}")
        }
    } else {
        format!("about 10^{log10:.1}")
    }
}

/// The best access an attacker has on any crown jewel, in words:
/// "no crown jewel reached" for `none`, otherwise "crown jewels at most
/// write" (levels as `AccessLevel::as_str` writes them).
pub fn crown_jewels_at_most(level: &str) -> String {
    if level == "none" {
        "no crown jewel reached".to_string()
    } else {
        format!("crown jewels at most {level}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_phrases() {
        assert_eq!(plural(1, "this link", "these {} links"), "this link");
        assert_eq!(plural(0, "this link", "these {} links"), "these 0 links");
        assert_eq!(plural(2, "this link", "these {} links"), "these 2 links");
        assert_eq!(count(1, "component"), "1 component");
        assert_eq!(count(0, "component"), "0 components");
        assert_eq!(count(2, "process"), "2 processes");
        assert_eq!(count(2, "policy"), "2 policies");
        assert_eq!(count(2, "gateway"), "2 gateways");
        assert_eq!(possessive("vendors"), "vendors'");
        assert_eq!(possessive("internet"), "internet's");
        assert_eq!(list_or::<&str>(&[], "none"), "none");
        assert_eq!(list_or(&["a", "b"], "none"), "a, b");
        assert_eq!(about_count(0.0), "1");
        assert_eq!(about_count(2f64.log10()), "2");
        assert_eq!(about_count(2.38), "about 240");
        assert_eq!(about_count(7.25), "about 10^7.2");
        assert_eq!(about_count(f64::NEG_INFINITY), "none");
        assert_eq!(crown_jewels_at_most("none"), "no crown jewel reached");
        assert_eq!(crown_jewels_at_most("read"), "crown jewels at most read");
    }
}
