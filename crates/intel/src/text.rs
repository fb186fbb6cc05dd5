//! Text utilities: sentence segmentation with byte offsets, number words, durations.

/// A sentence of a document: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s",
    "u.k", "etc", "approx", "gen", "gov", "sen", "rep", "dept", "mt", "ft", "jr", "sr",
];

/// Splits text into sentences. A sentence ends at `.`, `!` or `?` followed by whitespace
/// and an upper-case letter, digit or quote (unless the word before is a known
/// abbreviation or a single capital letter), or at a line break. Offsets are byte offsets
/// into `text`; each span is trimmed and non-empty.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            push_span(text, start, i, &mut out);
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            // Include closing quotes/brackets.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // Also handle UTF-8 closing quotes (”, ’, »).
            let rest = &text[j..];
            let mut jj = j;
            for q in ["\u{201d}", "\u{2019}", "\u{bb}"] {
                if rest.starts_with(q) {
                    jj = j + q.len();
                }
            }
            let j = jj;
            if j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                let mut k = j;
                while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t') {
                    k += 1;
                }
                let next = text[k..].chars().next();
                let starts_new = match next {
                    Some(ch) => {
                        ch.is_uppercase()
                            || ch.is_ascii_digit()
                            || matches!(ch, '"' | '\'' | '\u{201c}' | '\u{2018}' | '\u{ab}' | '(')
                    }
                    None => false,
                };
                if starts_new
                    && c == b'.'
                    && (is_abbreviation(&text[start..i])
                        || ordinal_date(&text[start..i], &text[k..])
                        || currency_before_amount(&text[start..i], &text[k..]))
                {
                    i += 1;
                    continue;
                }
                if starts_new {
                    push_span(text, start, j, &mut out);
                    start = j;
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    push_span(text, start, text.len(), &mut out);
    out
}

/// "am 20. Juni 2023": a day number with the ordinal dot before a month name of any
/// lexicon is not the end of a sentence.
fn ordinal_date(before: &str, after: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if word.is_empty() || word.len() > 2 || !word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    !next.is_empty()
        && crate::extract::lexicon::all()
            .iter()
            .any(|l| l.file.months.contains_key(&next))
}

/// "Fr. 4'870.–": a currency abbreviated with a dot (a lexicon's `currencies` key ending in
/// `.`) before a figure is not the end of a sentence.
fn currency_before_amount(before: &str, after: &str) -> bool {
    if !after.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.is_empty() || word.len() > 6 {
        return false;
    }
    let key = format!("{}.", word.to_lowercase());
    crate::extract::lexicon::all()
        .iter()
        .any(|l| l.file.currencies.contains_key(&key))
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let w = word.to_lowercase();
    if w.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. Smith"
    }
    ABBREVIATIONS.contains(&w.as_str())
}

fn push_span(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (start + lead, end - trail);
    if a < b {
        out.push(Span { start: a, end: b });
    }
}

/// `s` with each dot that follows a digit and is not the last character (trailing
/// whitespace aside) replaced by a space: the dots of ordinals and grouped numbers ("am 15.
/// November", "20.000 euro") end no sentence, nor does a currency's abbreviation dot
/// before its figure ("Fr. 4'870.–"), and a pattern's gap (`[^.]{0,60}`) must not
/// stop at them. Same length as `s`, so byte offsets carry over. Borrowed when `s` has no
/// such dot.
pub fn number_dots_blanked(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let end = s.trim_end().len();
    // Also the dot of a currency abbreviated before its figure ("Fr. 4'870.–"): the
    // lexicons' `currencies` keys ending in a dot.
    let currency_dot = |k: usize| {
        s[k + 1..].starts_with(' ')
            && currency_before_amount(&s[..k], s[k + 1..].trim_start_matches(' '))
    };
    let hit = |k: usize| {
        b[k] == b'.'
            && k > 0
            && k + 1 < end
            && (b[k - 1].is_ascii_digit() || (b[k - 1].is_ascii_alphabetic() && currency_dot(k)))
    };
    if !(0..b.len()).any(hit) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut bytes = b.to_vec();
    for (k, c) in bytes.iter_mut().enumerate() {
        if hit(k) {
            *c = b' ';
        }
    }
    // An ASCII byte replaced by an ASCII byte: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| s.to_string()))
}

/// Parses a count: digits (with `,` or `.` thousands separators or a decimal part
/// followed by "million"/"billion"), or an English number word.
pub fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim().to_lowercase();
    let (num, mult) = if let Some(n) = s.strip_suffix(" million") {
        (n.trim().to_string(), 1_000_000f64)
    } else if let Some(n) = s.strip_suffix(" billion") {
        (n.trim().to_string(), 1_000_000_000f64)
    } else if let Some(n) = s.strip_suffix('m') {
        (n.trim().to_string(), 1_000_000f64)
    } else if let Some(n) = s.strip_suffix(" thousand") {
        (n.trim().to_string(), 1_000f64)
    } else {
        (s.clone(), 1f64)
    };
    if num.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        if mult > 1.0 {
            let v: f64 = num.replace(',', "").parse().ok()?;
            return Some((v * mult).round() as u64);
        }
        let digits: String = num.chars().filter(|c| c.is_ascii_digit()).collect();
        // "1.5" without a multiplier is not a count.
        if num.contains('.') && !is_thousands(&num, '.') {
            return None;
        }
        if num.contains(',') && !is_thousands(&num, ',') {
            return None;
        }
        return digits.parse().ok();
    }
    let w = number_word(&num)?;
    Some((w as f64 * mult) as u64)
}

fn is_thousands(s: &str, sep: char) -> bool {
    let parts: Vec<&str> = s.split(sep).collect();
    parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3)
}

pub fn number_word(w: &str) -> Option<u64> {
    Some(match w {
        "a" | "an" | "one" | "a single" => 1,
        "two" | "a couple of" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "a dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "a hundred" | "one hundred" => 100,
        _ => return None,
    })
}

/// Regex fragment matching a count: digits with separators, optional million/billion, or
/// a number word.
pub const COUNT_RE: &str = r"(?:\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:million|billion|thousand|m)\b)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|a hundred)(?:\s(?:million|billion|thousand)\b)?";

/// Days in a duration like "three months", "10 days", "more than a week".
pub fn duration_days(count: &str, unit: &str) -> Option<f64> {
    let n = parse_count(count).or_else(|| number_word(&count.to_lowercase()))? as f64;
    let u = unit.to_lowercase();
    let per = if u.starts_with("hour") {
        1.0 / 24.0
    } else if u.starts_with("day") {
        1.0
    } else if u.starts_with("week") {
        7.0
    } else if u.starts_with("month") {
        30.0
    } else if u.starts_with("year") {
        365.0
    } else {
        return None;
    };
    Some(n * per)
}

/// Singular form of a simple English plural noun (for unit comparison).
pub fn singular(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies")
        && s.len() > 1
    {
        return format!("{s}y");
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if let Some(s) = w.strip_suffix(suf) {
            return format!("{s}{}", &suf[..suf.len() - 2]);
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// Rewrites `\b` as an ASCII word boundary. The keyword patterns are English words, and a
/// Unicode `\b` makes the regex engine give up its fast DFA on any non-ASCII text
/// (em dashes, accents), falling back to a much slower engine.
pub fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Compiles a built-in pattern with ASCII word boundaries.
pub fn compile(pattern: &str) -> regex::Regex {
    regex::Regex::new(&ascii_boundaries(pattern)).expect("valid built-in regex")
}

/// Joins the lines of one paragraph of a plain-text scrape: hard-wrapped prose is joined
/// into one line (a line followed by one starting in lower case, or ending with a comma or
/// hyphen), while lines that stand on their own — menu entries, list items, `+ Date:`
/// metadata, a quoted tweet and its `— Name (@handle)` attribution — keep their line
/// breaks, so that sentence splitting and the focal-incident segmentation see them apart.
/// A line that opens a list item (`- `, `* `, `•`, `1. `, `2) `, `a) `) or is a label
/// line (`Status: offline`, `Mis à jour : 3 mai` — [`is_label_line`]) always starts a
/// line of its own, and the line after it is joined to it only as the item's
/// continuation (it starts in lower case, or the item ends with a comma or hyphen), never
/// merely because the paragraph is prose. Whitespace inside a line is collapsed.
pub fn join_wrapped_lines(paragraph: &str) -> String {
    let lines: Vec<String> = paragraph
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    // A paragraph with a line that starts in lower case is hard-wrapped prose.
    let prose = lines
        .iter()
        .skip(1)
        .any(|l| l.chars().next().is_some_and(char::is_lowercase));
    let mut out = String::with_capacity(paragraph.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let p = &lines[i - 1];
            let first = line.chars().next().unwrap_or(' ');
            let marker = matches!(first, '+' | '*' | '•' | '—' | '–' | '#' | '>' | '!')
                || line.starts_with("- ")
                || is_list_item(line)
                || is_label_line(line);
            // After an item or label line, only the item's own continuation joins it.
            let after_item = is_list_item(p) || is_label_line(p) || p.starts_with("- ");
            let continues = p.ends_with(',')
                || (p.ends_with('-') && !p.ends_with(" -"))
                || (after_item && first.is_lowercase());
            let wrapped = !marker && ((prose && !after_item) || continues);
            out.push(if wrapped { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

/// Does `line` open a numbered or lettered list item: one to three digits or one letter,
/// then `.` or `)`, then a space and more text ("1. Patients …", "2) …", "a) …")? A
/// bullet symbol is checked by the caller. "3. Mai" (a German ordinal date) is an item
/// only at the start of a line, which is where dates rarely stand alone.
pub fn is_list_item(line: &str) -> bool {
    let head: &str = line.split(' ').next().unwrap_or("");
    let Some(body) = head.strip_suffix(['.', ')']) else {
        return false;
    };
    let rest = &line[head.len()..];
    let numbered = (1..=3).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit());
    let lettered =
        body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase()) && head.ends_with(')');
    (numbered || lettered) && rest.starts_with(' ') && rest.trim().chars().count() > 1
}

/// Is `line` a "Label: value" line: up to three words (letters, `-`, `/`, `'`; no
/// digits), the first capitalised, then `:` (French style ` :` too) and a value ("Status:
/// offline", "Getroffen organisatie: …", "Mis à jour : 3 mai", "Stand: 12.05.")? A clock
/// time ("10:30") has digits and is not a label.
pub fn is_label_line(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let label = line[..colon].trim_end();
    let value = line[colon + 1..].trim();
    if label.is_empty() || value.is_empty() || !line[colon + 1..].starts_with([' ', '\t']) {
        return false;
    }
    let words: Vec<&str> = label.split(' ').collect();
    words.len() <= 3
        && label.chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '/' | '\'' | '’' | '.'))
        })
}

/// Collapses runs of whitespace to single spaces.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let t = "Dr. Smith said it. The U.S. agency agreed! Was it 70? Yes.\nNew line";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "Dr. Smith said it.",
                "The U.S. agency agreed!",
                "Was it 70?",
                "Yes.",
                "New line"
            ]
        );
    }

    #[test]
    fn german_ordinal_dates_do_not_end_sentences() {
        let t = "Der Angriff wurde am 20. Juni 2023 entdeckt. Die Polizei ermittelt.";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "Der Angriff wurde am 20. Juni 2023 entdeckt.",
                "Die Polizei ermittelt."
            ]
        );
    }

    #[test]
    fn wrapped_prose_is_joined_lists_are_not() {
        assert_eq!(
            join_wrapped_lines("The hospital was\nhit on Sunday, and\nstaff reverted."),
            "The hospital was hit on Sunday, and staff reverted."
        );
        assert_eq!(
            join_wrapped_lines("News\nBest VPNs\n+ Date: May 1\n— A (@b) May 2, 2020"),
            "News\nBest VPNs\n+ Date: May 1\n— A (@b) May 2, 2020"
        );
    }

    /// Lines of a list or of "Label: value" metadata inside a hard-wrapped paragraph
    /// stay lines of their own (so sentences of their own), in every language; a wrapped
    /// item's lower-case continuation still joins it.
    #[test]
    fn list_items_and_label_lines_stand_alone_in_prose() {
        let cases = [
            (
                "The clinic said the outage\nlasted two days. Affected:\n- Radiology was closed\n- Surgery moved to paper\n1. Patients were sent home\n2) Phones were down",
                "The clinic said the outage lasted two days. Affected:\n- Radiology was closed\n- Surgery moved to paper\n1. Patients were sent home\n2) Phones were down",
            ),
            (
                "Het ziekenhuis meldde dat\nde systemen plat lagen.\nStatus: offline\nGetroffen organisatie: Zorggroep Oost",
                "Het ziekenhuis meldde dat de systemen plat lagen.\nStatus: offline\nGetroffen organisatie: Zorggroep Oost",
            ),
            (
                "L'hôpital a indiqué que\nles urgences étaient fermées.\nMis à jour : 3 mai\n• Les opérations reportées",
                "L'hôpital a indiqué que les urgences étaient fermées.\nMis à jour : 3 mai\n• Les opérations reportées",
            ),
            (
                "Die Klinik teilte mit, dass\nalle Server betroffen sind.\nStand: 12. Mai\na) Notaufnahme abgemeldet\nb) Termine verschoben",
                "Die Klinik teilte mit, dass alle Server betroffen sind.\nStand: 12. Mai\na) Notaufnahme abgemeldet\nb) Termine verschoben",
            ),
            // A wrapped item continues in lower case; prose after a label line that
            // starts a new sentence does not join the label.
            (
                "- Ambulances were diverted to\nother hospitals\nUpdated: Monday\nThe police are investigating\nthe attack.",
                "- Ambulances were diverted to other hospitals\nUpdated: Monday\nThe police are investigating the attack.",
            ),
        ];
        for (input, want) in cases {
            let got = join_wrapped_lines(input);
            assert_eq!(got, want);
            // Each item is a sentence of its own for the extractor.
            let spans: Vec<&str> = sentences(&got)
                .iter()
                .map(|s| &got[s.start..s.end])
                .collect();
            for line in want.lines() {
                assert!(
                    spans.iter().any(|s| line.ends_with(s) && !s.contains('\n')),
                    "{line:?} in {spans:?}"
                );
            }
        }
        // Not items or labels: a clock time, a date in running text, a long lead-in.
        assert!(!is_label_line("At 10:30 the systems failed"));
        assert!(!is_label_line(
            "The hospital in the city said: no data was taken"
        ));
        assert!(!is_list_item("3.5 million records"));
        assert!(!is_list_item("Am 3. Mai"));
        assert!(is_list_item("12. Die Polizei ermittelt"));
        assert!(is_label_line("Lees ook: Ziekenhuis getroffen"));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("70"), Some(70));
        assert_eq!(parse_count("1,200"), Some(1200));
        assert_eq!(parse_count("seven"), Some(7));
        assert_eq!(parse_count("9.7 million"), Some(9_700_000));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(singular("surgeries"), "surgery");
        assert_eq!(singular("patients"), "patient");
        assert_eq!(singular("ambulances"), "ambulance");
    }
}
