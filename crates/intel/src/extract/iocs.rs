//! Indicators of compromise.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.

use super::*;

// ---------------------------------------------------------------------------------------
// Indicators of compromise

/// Turns a defanged indicator back into its real form: `hxxp` → `http`, `[.]`, `(.)`,
/// `{.}`, `[dot]`, `(dot)` → `.`, `[:]` → `:`, `[@]`, `[at]`, `(at)` → `@`.
pub fn refang(s: &str) -> String {
    let mut r = s.to_string();
    for (a, b) in [
        ("hxxps", "https"),
        ("hXXps", "https"),
        ("hxxp", "http"),
        ("hXXp", "http"),
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("(dot)", "."),
        ("[:]", ":"),
        ("[://]", "://"),
        ("[@]", "@"),
        ("[at]", "@"),
        ("(at)", "@"),
    ] {
        r = r.replace(a, b);
    }
    r
}

pub(super) fn iocs(ctx: &Ctx) -> (Vec<Ioc>, usize) {
    let mut extra = 0usize;
    const DOT: &str = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))";
    static IP: OnceLock<Regex> = OnceLock::new();
    let ip = IP.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"\b(?:\d{{1,3}}{DOT}){{3}}\d{{1,3}}\b"
        )))
        .expect("re")
    });
    static DOMAIN: OnceLock<Regex> = OnceLock::new();
    let domain = DOMAIN.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i)\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?{DOT})+(?:com|net|org|info|biz|io|ru|cn|su|top|xyz|onion|cc|tk|pw|co|uk|de|fr|be|nl|eu|us|in|au|nz|me|to|ws|site|online|club|live|space|cloud|app)\b"
        )))
        .expect("re")
    });
    let url = re!(
        r"(?i)\b(?:hxxps?|https?|fxp|ftp)(?:\[:\]|:)(?://|\[://\])(?:[^\s<>\x22'()\[\]]|\[\.\]|\(\.\)|\[dot\])+|\b(?:hxxps?|https?)\[://\](?:[^\s<>\x22'()\[\]]|\[\.\]|\(\.\)|\[dot\])+"
    );
    let hash = re!(r"\b(?:[a-fA-F0-9]{64}|[a-fA-F0-9]{40}|[a-fA-F0-9]{32})\b");
    let cve = re!(r"(?i)\bCVE-\d{4}-\d{4,7}\b");
    let ioc_ctx = re!(
        r"(?i)\bindicators?\b|\bIOCs?\b|\bindicat(?:oren|eurs)\b|\bIndikatoren\b|\bIP[- ]?(?:adress(?:es|en)?|Adressen)\b|\badresses? IP\b|\bcommand[- ]and[- ]control\b|\bC2\b|\bmalicious (?:domains?|IPs?|IP address(?:es)?|servers?|sites?|infrastructure)\b|\bbeacon\w*|\bcontacted\b|\bcommunicat\w+ with\b|\bhosted on\b|\bleak site\b|\bonion\b|\bblock(?:ed|list)?\b|\bphishing (?:domain|site)"
    );
    let mut out: Vec<Ioc> = Vec::new();
    // Distinct values seen (a set: an article full of indicators stays linear); beyond the
    // field bound only the count is kept.
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |kind: &str, value: String, original: &str, i: usize, out: &mut Vec<Ioc>| {
        if seen.insert(value.clone()) {
            if out.len() >= MAX_ITEMS_PER_FIELD {
                extra += 1;
                return;
            }
            out.push(Ioc {
                kind: kind.to_string(),
                value,
                original: original.to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
    };
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if s.starts_with("Published: ") {
            continue;
        }
        let in_ctx = ioc_ctx.is_match(s);
        // Spans already read as URLs or addresses, in order of start (binary search).
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let covered = |taken: &[(usize, usize)], a: usize, b: usize| {
            let k = taken.partition_point(|t| t.0 <= a);
            k > 0 && taken[k - 1].1 >= b
        };
        for m in cve.find_iter(s) {
            push("cve", m.as_str().to_uppercase(), m.as_str(), i, &mut out);
        }
        for m in url.find_iter(s) {
            let orig = m.as_str().trim_end_matches(['.', ',', ';']);
            let defanged = refang(orig) != orig;
            // A picture's address (a screenshot of a leak site) is not an indicator.
            let image = re!(r"(?i)\.(?:jpe?g|png|gif|webp|svg|bmp|avif)(?:\?\S*)?$").is_match(orig);
            if (defanged || in_ctx) && !image {
                push("url", refang(orig), orig, i, &mut out);
                taken.push((m.start(), m.end()));
            } else {
                taken.push((m.start(), m.end()));
            }
        }
        let mut ip_spans: Vec<(usize, usize)> = Vec::new();
        for m in ip.find_iter(s) {
            let orig = m.as_str();
            let v = refang(orig);
            let ok = v
                .split('.')
                .all(|o| o.parse::<u16>().is_ok_and(|n| n <= 255));
            // "Version: 8.4.0.0", "v1.2.3.4", "naar versie 5.8.0.21" are version numbers
            // (the lexicons' `version_words`).
            let version = after_version_word(ctx, &s[..m.start()]);
            if ok && !version && !covered(&taken, m.start(), m.end()) {
                push("ipv4", v, orig, i, &mut out);
                ip_spans.push((m.start(), m.end()));
            }
        }
        taken.append(&mut ip_spans);
        taken.sort_unstable();
        for m in domain.find_iter(s) {
            if covered(&taken, m.start(), m.end()) {
                continue;
            }
            // Part of an e-mail address or a longer word: skip.
            if s[..m.start()].ends_with('@') {
                continue;
            }
            let orig = m.as_str();
            let v = refang(orig).to_lowercase();
            if v.split('.').all(|p| p.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            let defanged = refang(orig) != orig;
            if defanged || in_ctx {
                push("domain", v, orig, i, &mut out);
            }
        }
        for m in hash.find_iter(s) {
            let h = m.as_str();
            // A run of decimal digits is a number, not a hash.
            if h.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let kind = match h.len() {
                64 => "sha256",
                40 => "sha1",
                _ => "md5",
            };
            push(kind, h.to_lowercase(), h, i, &mut out);
        }
    }
    // Indicator list lines ("- 198.51.100.23", "* 5f4dcc3b…"): a line that holds nothing but
    // one indicator, under an indicator heading or intro (`ioc_ctx` or a line ending in
    // `:` within the 300 bytes before). The focal rules may set such a list apart as a
    // link list; an address alone on its line is still stated. Read from the full text.
    let text = ctx.text;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line
            .trim()
            .trim_start_matches(['-', '*', '•', '–'])
            .trim()
            .trim_end_matches([',', ';']);
        if body.is_empty() || body.contains(char::is_whitespace) {
            continue;
        }
        let before = &text[floor_boundary(text, start.saturating_sub(300))..start];
        let intro = before.trim_end().ends_with(':') || ioc_ctx.is_match(before);
        if !intro {
            continue;
        }
        let evidence = Evidence {
            sentence: line.trim().to_string(),
            offset: start,
        };
        let whole =
            |m: Option<regex::Match>| m.is_some_and(|m| m.start() == 0 && m.end() == body.len());
        let v = refang(body);
        let (kind, value) = if whole(ip.find(body))
            && v.split('.')
                .all(|o| o.parse::<u16>().is_ok_and(|n| n <= 255))
            && !after_version_word(ctx, &text[..start])
        {
            ("ipv4", v)
        } else if whole(hash.find(body)) && !body.chars().all(|c| c.is_ascii_digit()) {
            let kind = match body.len() {
                64 => "sha256",
                40 => "sha1",
                _ => "md5",
            };
            (kind, body.to_lowercase())
        } else if whole(url.find(body)) {
            ("url", v)
        } else if whole(domain.find(body)) && v != body {
            // A domain alone on its line only when defanged ("evil[.]com"): a plain
            // "example.com" line may be a link text.
            ("domain", v.to_lowercase())
        } else {
            continue;
        };
        if seen.insert(value.clone()) {
            if out.len() >= MAX_ITEMS_PER_FIELD {
                extra += 1;
                continue;
            }
            out.push(Ioc {
                kind: kind.to_string(),
                value,
                original: body.to_string(),
                provenance: Provenance::Stated,
                evidence,
            });
        }
    }
    (out, extra)
}

/// Does `before` end with one of the lexicons' `version_words` ("version", "versie",
/// "Version", "v", "build"), as a whole word, optionally followed by `:` and spaces? The
/// dotted quad after it is then a version number ("naar versie 5.8.0.21"), not an address.
fn after_version_word(ctx: &Ctx, before: &str) -> bool {
    let t = before.trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let lower = t.to_lowercase();
    ctx.lex.iter().any(|l| {
        l.file.version_words.iter().any(|w| {
            let w = w.to_lowercase();
            lower
                .strip_suffix(w.as_str())
                .is_some_and(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
        })
    })
}
