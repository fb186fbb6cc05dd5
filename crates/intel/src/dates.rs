//! Date mentions: absolute dates ("14 March 2023", "March 14, 2023", "2023-03-14"),
//! month dates ("in March 2023"), and relative ones resolved against the publication
//! date ("on Tuesday", "yesterday", "14 March" without a year) — those are `inferred`.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use crate::extract::lexicon::Regex as LexRegex;
use crate::record::Provenance;

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub value: String,
    pub start: usize,
    pub end: usize,
    pub provenance: Provenance,
    /// How it was resolved (for inferred dates).
    pub rule: &'static str,
}

/// The ISO 8601 date (`2023-03-14`): written the same in every language.
fn iso_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(
            r"\b(\d{4})-(\d{2})-(\d{2})\b",
        ))
        .expect("re")
    })
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses `YYYY-MM-DD` (or the date part of an RFC 3339 timestamp).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let d = s.get(..10)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Parses a free-form date as found in metadata or a dateline ("2024-02-07", "7. Februar
/// 2024", "16 avril 2024", "March 14, 2023", "17.07.2019", an RFC 2822 date): the date
/// forms of every embedded lexicon are read (a page's `Date:` header is written in the
/// page's language, which is not known yet when headers are read); an all-numeric date
/// only when its order is certain without a language.
pub fn parse_any(s: &str) -> Option<NaiveDate> {
    if let Some(d) = parse_iso(s) {
        return Some(d);
    }
    for m in any_language(s) {
        if m.provenance == Provenance::Stated && m.value.len() == 10 {
            return parse_iso(&m.value);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s.trim())
        .ok()
        .map(|d| d.date_naive())
}

/// The dates of `s` in the forms of every embedded lexicon, without an anchor; all-numeric
/// dates only when a part above 12 or dots decide the order.
fn any_language(s: &str) -> Vec<DateMention> {
    let all: Vec<&crate::extract::lexicon::Lexicon> =
        crate::extract::lexicon::all().iter().collect();
    let mut ms: Vec<DateMention> = find_dates_in(s, None, &all)
        .into_iter()
        .filter(|m| m.rule != "numeric date")
        .collect();
    numeric_dates(s, None, &[], &mut ms);
    longest_first(ms)
}

/// Normalises a publication date from metadata: `YYYY-MM-DD` when the day is known,
/// `YYYY-MM` when only the month is ("Published: 2024-04", "April 2024", "avril 2024").
pub fn normalize_published(s: &str) -> Option<String> {
    if let Some(d) = parse_any(s) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let t = s.trim();
    if let Some((y, m)) = t.split_once('-')
        && y.len() == 4
        && m.len() == 2
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
        && ymd(y, m, 1).is_some()
    {
        return Some(format!("{y:04}-{m:02}"));
    }
    any_language(t)
        .into_iter()
        .find(|d| d.value.len() == 7 && d.start == 0 && d.end == t.len())
        .map(|d| d.value)
}

/// What relative dates are resolved against: the publication date, or only its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The publication day; for a month-only anchor, the last day of the month.
    pub date: NaiveDate,
    /// Only the month is known: a date without a year takes the anchor's year, but a bare
    /// weekday or "yesterday" cannot be resolved.
    pub month_only: bool,
}

impl Anchor {
    /// Parses `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Anchor> {
        if let Some(d) = parse_iso(s) {
            return Some(Anchor {
                date: d,
                month_only: false,
            });
        }
        let (y, m) = s.trim().split_once('-')?;
        let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        let first = ymd(y, m, 1)?;
        let next = if m == 12 {
            ymd(y + 1, 1, 1)?
        } else {
            ymd(y, m + 1, 1)?
        };
        let _ = first;
        Some(Anchor {
            date: next - Duration::days(1),
            month_only: true,
        })
    }

    /// The value written for the anchor: `YYYY-MM-DD` or `YYYY-MM`.
    pub fn iso(&self) -> String {
        if self.month_only {
            self.date.format("%Y-%m").to_string()
        } else {
            self.date.format("%Y-%m-%d").to_string()
        }
    }
}

fn weekday_of(code: &str) -> Option<Weekday> {
    Some(match code {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn latest_on_or_before(p: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    p - Duration::days(i64::from(back))
}

/// Compiled date patterns of one lexicon.
struct LexDates {
    dmy: Option<LexRegex>,
    /// Month before day ("March 14, 2023"), for a lexicon with `month_day_order`.
    mdy: Option<LexRegex>,
    my: Option<LexRegex>,
    weekday: Option<LexRegex>,
    relative: Option<LexRegex>,
    /// `named_days` ("Heiligabend", "kerstavond"), with an optional year after.
    named: Option<LexRegex>,
    /// `month_prefixes` before a month name ("begin juli"), with an optional year after.
    month_part: Option<LexRegex>,
    /// `day_range_joiners` after a first day, at the end of the text before a date; a
    /// weekday may stand before the second day ("du dimanche 6 au lundi 7 octobre").
    range_start: Option<LexRegex>,
    /// A weekday word at the end of a text ("nuit du dimanche "), cut off before a
    /// `night_range_cues` test so that the cue still ends where the weekday starts.
    weekday_tail: Option<LexRegex>,
}

fn alternation(words: impl Iterator<Item = String>) -> Option<String> {
    let mut w: Vec<String> = words.map(|w| regex::escape(&w)).collect();
    if w.is_empty() {
        return None;
    }
    w.sort_by_key(|x| std::cmp::Reverse(x.len()));
    Some(w.join("|"))
}

fn lex_dates(l: &crate::extract::lexicon::Lexicon) -> &'static LexDates {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static CACHE: OnceLock<Mutex<HashMap<String, &'static LexDates>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut g = match cache.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    if let Some(d) = g.get(&l.file.code) {
        return d;
    }
    let f = &l.file;
    let months = alternation(f.months.keys().cloned());
    let weekdays = alternation(f.weekdays.keys().cloned());
    let relative = alternation(f.relative_days.keys().cloned());
    let named = alternation(f.named_days.keys().cloned());
    let prefixes = alternation(f.month_prefixes.iter().cloned());
    let joiners = alternation(f.day_range_joiners.iter().cloned());
    // "1st", "1er", "7.": the lexicon's day suffixes; "the 14th of March": its joiners.
    let suffix = alternation(f.day_suffixes.iter().cloned())
        .map(|x| format!("(?:{x})?"))
        .unwrap_or_default();
    let of = alternation(f.day_month_joiners.iter().cloned())
        .map(|x| format!(r"(?:\s+(?:{x}))?"))
        .unwrap_or_default();
    // Lexicon regexes behind the pre-checks (`extract::lexicon::Regex`): the month and
    // weekday words of all these patterns in one literal automaton, scanned once per
    // sentence, and each pattern first run without its Unicode word boundaries.
    let mk = |p: String| LexRegex::new(&p).ok();
    let scope = crate::extract::lexicon::Scope::begin();
    let d = LexDates {
        dmy: months.as_ref().and_then(|m| {
            mk(format!(
                r"(?i)\b(\d{{1,2}}){suffix}{of}\s+({m})\.?(?:,?\s+(\d{{4}}))?\b"
            ))
        }),
        mdy: months.as_ref().filter(|_| f.month_day_order).and_then(|m| {
            mk(format!(
                r"(?i)\b({m})\.?\s+(\d{{1,2}}){suffix}\b(?:,?\s+(\d{{4}}))?"
            ))
        }),
        my: months
            .as_ref()
            .and_then(|m| mk(format!(r"(?i)\b({m})\.?,?\s+(\d{{4}})\b"))),
        // A weekday, also as the start of a compound ("dinsdagochtend", "Dienstagabend").
        weekday: weekdays
            .as_ref()
            .and_then(|w| mk(format!(r"(?i)\b({w})\w*"))),
        relative: relative
            .as_ref()
            .and_then(|r| mk(format!(r"(?i)(?:^|[^\p{{L}}])({r})(?:$|[^\p{{L}}])"))),
        named: named.as_ref().and_then(|n| {
            mk(format!(
                r"(?i)(?:^|[^\p{{L}}])({n})(?:,?\s+(\d{{4}}))?(?:$|[^\p{{L}}\d])"
            ))
        }),
        month_part: match (&prefixes, &months) {
            (Some(p), Some(m)) => mk(format!(
                r"(?i)(?:^|[^\p{{L}}])(?:{p})[\s-]+({m})\.?(?:,?\s+(\d{{4}}))?(?:$|[^\p{{L}}\d])"
            )),
            _ => None,
        },
        range_start: joiners.as_ref().and_then(|j| {
            let wd = weekdays
                .as_ref()
                .map(|w| format!(r"(?:(?:{w})\w*,?\s+)?"))
                .unwrap_or_default();
            mk(format!(
                r"(?i)\b(\d{{1,2}}){suffix}\s*(?:{j})\s*(?:den\s+|le\s+)?{wd}$"
            ))
        }),
        weekday_tail: weekdays
            .as_ref()
            .and_then(|w| mk(format!(r"(?i)(?:^|[^\p{{L}}])((?:{w})\w*,?\s*)$"))),
    };
    scope.finish();
    let leaked: &'static LexDates = Box::leak(Box::new(d));
    g.insert(l.file.code.clone(), leaked);
    leaked
}

/// Date mentions of `s` in every language of `lexicons` (English month names, weekdays and
/// relative days built in, the others from their lexicon's month, weekday and relative-day
/// words; named days, month parts, day ranges and numeric dates from every lexicon),
/// resolved against `anchor`. Where two readings overlap the longer wins ("10. September
/// 2020" over "September 2020"); a range ("11 en 12 november") is its first day.
/// The rule of a bare weekday ("Monday morning") resolved against the publication date;
/// a caller that knows the day the narrative stands on may re-resolve it
/// ([`weekday_on_or_after`]).
pub const WEEKDAY_RULE: &str =
    "weekday resolved to the latest such day on or before the publication date";

/// The first day on or after `base` that falls on the weekday of `day` (`YYYY-MM-DD`):
/// "In de nacht van zondag 13 op maandag 14 oktober 2024 … Maandagochtend ontdekte …"
/// puts Monday on 14 October, not on the Monday before a report written months later.
pub fn weekday_on_or_after(base: NaiveDate, day: &str) -> Option<NaiveDate> {
    let wd = parse_iso(day)?.weekday();
    (0..7)
        .map(|k| base + Duration::days(k))
        .find(|d| d.weekday() == wd)
}

/// The last day on or before `base` that falls on the weekday of `day` (`YYYY-MM-DD`):
/// "Am frühen Dienstagmorgen …" in a statement of Thursday 27 November is 25 November.
pub fn weekday_on_or_before(base: NaiveDate, day: &str) -> Option<NaiveDate> {
    Some(latest_on_or_before(base, parse_iso(day)?.weekday()))
}

pub fn find_dates_in(
    s: &str,
    anchor: Option<Anchor>,
    lexicons: &[&crate::extract::lexicon::Lexicon],
) -> Vec<DateMention> {
    let day_anchor = anchor.filter(|a| !a.month_only).map(|a| a.date);
    let mut cands = iso_dates(s);
    numeric_dates(s, anchor, lexicons, &mut cands);
    for l in lexicons {
        let d = lex_dates(l);
        named_days(s, anchor, l, d, &mut cands);
        month_parts(s, anchor, l, d, &mut cands);
        day_month_year(s, anchor, l, d, &mut cands);
        if let Some(re) = &d.my {
            for c in re.captures_iter(s) {
                let m = c.get(0).expect("group 0");
                if l.file.months_capitalised && c[1].starts_with(char::is_lowercase) {
                    continue;
                }
                let (Some(mo), Ok(y)) = (
                    l.file.months.get(&c[1].to_lowercase()).copied(),
                    c[2].parse::<i32>(),
                ) else {
                    continue;
                };
                cands.push(DateMention {
                    value: format!("{y:04}-{mo:02}"),
                    start: m.start(),
                    end: m.end(),
                    provenance: Provenance::Stated,
                    rule: "month year",
                });
            }
        }
        let Some(p) = day_anchor else { continue };
        if let Some(re) = &d.weekday {
            for c in re.captures_iter(s) {
                let m = c.get(0).expect("group 0");
                let Some(wd) = l
                    .file
                    .weekdays
                    .get(&c[1].to_lowercase())
                    .and_then(|w| weekday_of(w))
                else {
                    continue;
                };
                cands.push(DateMention {
                    value: latest_on_or_before(p, wd).format("%Y-%m-%d").to_string(),
                    start: m.start(),
                    end: m.end(),
                    provenance: Provenance::Inferred,
                    rule: WEEKDAY_RULE,
                });
            }
        }
        if let Some(re) = &d.relative {
            for c in re.captures_iter(s) {
                let g = c.get(1).expect("group 1");
                let Some(off) = l.file.relative_days.get(&g.as_str().to_lowercase()) else {
                    continue;
                };
                cands.push(DateMention {
                    value: (p + Duration::days(*off)).format("%Y-%m-%d").to_string(),
                    start: g.start(),
                    end: g.end(),
                    provenance: Provenance::Inferred,
                    rule: "relative day resolved against the publication date",
                });
            }
        }
    }
    let mut out = longest_first(cands);
    relative_days_naming_a_day(s, &mut out);
    day_ranges(s, lexicons, &mut out);
    month_end_nights(s, lexicons, &mut out);
    weekday_nights(s, lexicons, &mut out);
    drop_weekdays_naming_a_date(s, &mut out);
    if let Some(p) = day_anchor {
        in_previous_week(s, p, lexicons, &mut out);
        last_weekday(s, p, lexicons, &mut out);
    }
    out
}

/// Day-month dates of one lexicon ("16 avril 2024", "7. Februar 2024", "2 juni"): with
/// their year (`stated`) or, without one, the anchor's (`inferred`, see
/// [`latest_month_day`]).
fn day_month_year(
    s: &str,
    anchor: Option<Anchor>,
    l: &crate::extract::lexicon::Lexicon,
    d: &LexDates,
    out: &mut Vec<DateMention>,
) {
    let forms = [(d.dmy.as_ref(), 1, 2), (d.mdy.as_ref(), 2, 1)];
    for (re, day_g, month_g) in forms {
        let Some(re) = re else { continue };
        for c in re.captures_iter(s) {
            day_month_match(s, &c, day_g, month_g, anchor, l, out);
        }
    }
}

/// One day-month (or month-day) match: `day_g` and `month_g` are its groups, group 3 the
/// year.
fn day_month_match(
    s: &str,
    c: &regex::Captures,
    day_g: usize,
    month_g: usize,
    anchor: Option<Anchor>,
    l: &crate::extract::lexicon::Lexicon,
    out: &mut Vec<DateMention>,
) {
    let m = c.get(0).expect("group 0");
    // "May" is also a modal verb: a lexicon whose months are capitalised reads only
    // a capitalised month.
    if l.file.months_capitalised && c[month_g].starts_with(char::is_lowercase) {
        return;
    }
    let Some(mo) = l.file.months.get(&c[month_g].to_lowercase()).copied() else {
        return;
    };
    let Ok(day) = c[day_g].parse::<u32>() else {
        return;
    };
    let (date, provenance, rule) = match c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()) {
        Some(y) => (ymd(y, mo, day), Provenance::Stated, "day month year"),
        None => {
            let Some(a) = anchor else { return };
            match stated_weekday(&s[..m.start()], l)
                .and_then(|w| latest_month_day_on(a.date, mo, day, w))
            {
                Some(d) => (
                    Some(d),
                    Provenance::Inferred,
                    "year taken from the publication date, back to the stated weekday",
                ),
                None => (
                    latest_month_day(a.date, mo, day),
                    Provenance::Inferred,
                    "year taken from the publication date",
                ),
            }
        }
    };
    if let Some(date) = date {
        out.push(DateMention {
            value: date.format("%Y-%m-%d").to_string(),
            start: m.start(),
            end: m.end(),
            provenance,
            rule,
        });
    }
}

/// Keeps, of overlapping mentions, the longest (the earlier on a tie), in text order.
fn longest_first(mut cands: Vec<DateMention>) -> Vec<DateMention> {
    cands.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start));
    let mut out: Vec<DateMention> = Vec::new();
    for m in cands {
        if !out.iter().any(|o| m.start < o.end && o.start < m.end) {
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// `month`/`day` in the year of `anchor`, or the year before when that is after it.
fn latest_month_day(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    match ymd(anchor.year(), month, day) {
        Some(d) if d <= anchor => Some(d),
        _ => ymd(anchor.year() - 1, month, day),
    }
}

/// The weekday named right before a date ("zondag 15 september", "Sunday, 15 September",
/// "dimanche 15"): the last word of `before`, one of the lexicon's `weekdays`.
fn stated_weekday(before: &str, l: &crate::extract::lexicon::Lexicon) -> Option<Weekday> {
    let tail = &before[floor(before, before.len().saturating_sub(20))..];
    let word = tail
        .trim_end()
        .trim_end_matches(',')
        .rsplit(|c: char| c.is_whitespace())
        .next()?
        .to_lowercase();
    weekday_of(l.file.weekdays.get(&word)?)
}

/// The latest `month`/`day` on or before `anchor` that falls on `weekday`, at most six years
/// back: a date without a year whose weekday is stated ("in de nacht van zaterdag 14 op
/// zondag 15 september" in a decision published in 2025 is 15 September 2024, a Sunday).
/// `None` when no year of the six fits (a wrong weekday in the text: the caller keeps the
/// anchor's year). A day at most [`UPDATE_DAYS_AFTER`] after the anchor that falls on the
/// weekday is that day: a page updated after its first publication ("Since Friday 22 May
/// our software has been working normally again" on a page first published on Tuesday 19
/// May 2026), not a day six years back.
fn latest_month_day_on(
    anchor: NaiveDate,
    month: u32,
    day: u32,
    weekday: Weekday,
) -> Option<NaiveDate> {
    if let Some(d) = ymd(anchor.year(), month, day)
        .into_iter()
        .chain(ymd(anchor.year() + 1, month, day))
        .find(|d| *d > anchor)
        && (d - anchor).num_days() <= UPDATE_DAYS_AFTER
        && d.weekday() == weekday
    {
        return Some(d);
    }
    let first = latest_month_day(anchor, month, day)?;
    (0..7)
        .filter_map(|back| ymd(first.year() - back, month, day))
        .find(|d| d.weekday() == weekday)
}

/// How many days after the anchor (the first publication) a day-month date with its
/// weekday stated may fall: a page's later updates.
const UPDATE_DAYS_AFTER: i64 = 60;

/// A month without a year is read as the latest such month on or before the anchor's
/// month, and only within this many months before it ("in December" in a January article
/// is last December; "in July" in a March article is left unresolved: it may be a plan).
const MONTH_WITHOUT_YEAR_BACK: u32 = 6;

fn latest_month(anchor: NaiveDate, month: u32) -> Option<(i32, u32)> {
    let am = anchor.month();
    if month <= am {
        Some((anchor.year(), month))
    } else if am + 12 - month <= MONTH_WITHOUT_YEAR_BACK {
        Some((anchor.year() - 1, month))
    } else {
        None
    }
}

/// All-numeric dates: "27.12.2023" (day-month-year), "27/12/2023" and "11-11-2023" in the
/// order of the lexicons' `numeric_date_order` (the first that sets one; without one, only
/// when a part above 12 decides it), and, for day-month-year languages, a timeline entry
/// without a year at the start of a line ("16/04 : attaque détectée", "10.09. – …").
fn numeric_dates(
    s: &str,
    anchor: Option<Anchor>,
    lexicons: &[&crate::extract::lexicon::Lexicon],
    out: &mut Vec<DateMention>,
) {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static ENTRY: OnceLock<Regex> = OnceLock::new();
    let full = FULL.get_or_init(|| {
        Regex::new(r"(?:^|[^\d./-])(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:$|[^\d])").expect("re")
    });
    let entry = ENTRY.get_or_init(|| {
        Regex::new(r"^[\s*•+-]*(\d{1,2})([./])(\d{1,2})\.?\s*(?::|–|—|-\s)").expect("re")
    });
    let order = lexicons
        .iter()
        .map(|l| l.file.numeric_date_order.as_str())
        .find(|o| !o.is_empty());
    for c in full.captures_iter(s) {
        if c[2] != c[4] {
            continue;
        }
        let (Ok(a), Ok(b), Ok(y)) = (c[1].parse::<u32>(), c[3].parse::<u32>(), c[5].parse()) else {
            continue;
        };
        let dmy = if &c[2] == "." || a > 12 {
            true
        } else if b > 12 {
            false
        } else {
            match order {
                Some("dmy") => true,
                Some("mdy") => false,
                _ => continue,
            }
        };
        let (day, month) = if dmy { (a, b) } else { (b, a) };
        if let Some(date) = ymd(y, month, day) {
            let (g1, g5) = (c.get(1).expect("g1"), c.get(5).expect("g5"));
            out.push(DateMention {
                value: date.format("%Y-%m-%d").to_string(),
                start: g1.start(),
                end: g5.end(),
                provenance: Provenance::Stated,
                rule: "numeric date",
            });
        }
    }
    if order == Some("dmy")
        && let Some(a) = anchor
        && let Some(c) = entry.captures(s)
        && let (Ok(day), Ok(month)) = (c[1].parse::<u32>(), c[3].parse::<u32>())
        && let Some(date) = latest_month_day(a.date, month, day)
    {
        let (g1, g3) = (c.get(1).expect("g1"), c.get(3).expect("g3"));
        out.push(DateMention {
            value: date.format("%Y-%m-%d").to_string(),
            start: g1.start(),
            end: g3.end(),
            provenance: Provenance::Inferred,
            rule: "timeline entry; year taken from the publication date",
        });
    }
}

/// A named day's value in a lexicon: a fixed month-day ("12-24") or a moveable feast,
/// days from Western Easter Sunday ("easter-47" Shrove Tuesday, "easter+50" Whit Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedDay {
    MonthDay(u32, u32),
    Easter(i64),
}

impl NamedDay {
    /// Parses a lexicon value: `"MM-DD"` or `"easter"`, `"easter+N"`, `"easter-N"`.
    pub fn parse(v: &str) -> Option<NamedDay> {
        if let Some(rest) = v.strip_prefix("easter") {
            let off = match rest {
                "" => 0,
                r if r.starts_with('+') => r[1..].parse::<i64>().ok()?,
                r if r.starts_with('-') => -r[1..].parse::<i64>().ok()?,
                _ => return None,
            };
            return (off.abs() <= 100).then_some(NamedDay::Easter(off));
        }
        let (m, d) = v.split_once('-')?;
        let (m, d) = (m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(2024, m, d).map(|_| NamedDay::MonthDay(m, d))
    }

    /// The day in year `y`.
    pub fn in_year(self, y: i32) -> Option<NaiveDate> {
        match self {
            NamedDay::MonthDay(m, d) => ymd(y, m, d),
            NamedDay::Easter(off) => computus::gregorian_naive(y)
                .ok()?
                .checked_add_signed(chrono::Duration::days(off)),
        }
    }

    /// The latest such day on or before `anchor`.
    pub fn latest_on_or_before(self, anchor: NaiveDate) -> Option<NaiveDate> {
        let y = anchor.year();
        match self.in_year(y)? {
            d if d <= anchor => Some(d),
            _ => self.in_year(y - 1),
        }
    }
}

/// Named days of the lexicon ("an Heiligabend", "op kerstavond", "la veille de Noël",
/// moveable feasts: "am Faschingsdienstag", "op tweede pinksterdag", "le lundi de
/// Pâques"): the year written after the name (`stated`), else the latest such day on or
/// before the anchor (`inferred`).
fn named_days(
    s: &str,
    anchor: Option<Anchor>,
    l: &crate::extract::lexicon::Lexicon,
    d: &LexDates,
    out: &mut Vec<DateMention>,
) {
    let Some(re) = &d.named else { return };
    for c in re.captures_iter(s) {
        let g = c.get(1).expect("group 1");
        let Some(named) = l
            .file
            .named_days
            .get(&g.as_str().to_lowercase())
            .and_then(|v| NamedDay::parse(v))
        else {
            continue;
        };
        let year = c.get(2);
        let (date, provenance, rule) = match year.and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (named.in_year(y), Provenance::Stated, "named day and year"),
            None => match anchor {
                Some(a) => (
                    named.latest_on_or_before(a.date),
                    Provenance::Inferred,
                    "named day resolved to the latest such day on or before the publication date",
                ),
                None => continue,
            },
        };
        if let Some(date) = date {
            out.push(DateMention {
                value: date.format("%Y-%m-%d").to_string(),
                start: g.start(),
                end: year.map_or(g.end(), |y| y.end()),
                provenance,
                rule,
            });
        }
    }
}

/// A month named with a part or a preposition and no day ("begin juli", "début juillet",
/// "Anfang Juli 2023", "early July"): `YYYY-MM`, with the year written after it
/// (`stated`) or the anchor's (see [`MONTH_WITHOUT_YEAR_BACK`], `inferred`).
fn month_parts(
    s: &str,
    anchor: Option<Anchor>,
    l: &crate::extract::lexicon::Lexicon,
    d: &LexDates,
    out: &mut Vec<DateMention>,
) {
    let Some(re) = &d.month_part else { return };
    for c in re.captures_iter(s) {
        let g = c.get(1).expect("group 1");
        if l.file.months_capitalised && g.as_str().starts_with(char::is_lowercase) {
            continue;
        }
        let Some(mo) = l.file.months.get(&g.as_str().to_lowercase()).copied() else {
            continue;
        };
        // The whole phrase, from the prefix (after the leading non-letter the regex needs).
        let m = c.get(0).expect("group 0");
        let start = m.start()
            + m.as_str()
                .char_indices()
                .find(|(_, ch)| ch.is_alphabetic())
                .map_or(0, |(i, _)| i);
        let year = c.get(2);
        let (y, provenance, rule) = match year.and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => (y, Provenance::Stated, "month year"),
            None => {
                let Some((y, _)) = anchor.and_then(|a| latest_month(a.date, mo)) else {
                    continue;
                };
                (
                    y,
                    Provenance::Inferred,
                    "month resolved to the latest such month before the publication date",
                )
            }
        };
        out.push(DateMention {
            value: format!("{y:04}-{mo:02}"),
            start,
            end: year.map_or(g.end(), |y| y.end()),
            provenance,
            rule,
        });
    }
}

/// A day-month date that ends a range ("11 en 12 november", "du 20 au 21 août", "vom 20.
/// auf den 21. August", "20-21 August") becomes the range's first day, in the same month.
fn day_ranges(s: &str, lexicons: &[&crate::extract::lexicon::Lexicon], out: &mut [DateMention]) {
    let mut prev_end = 0;
    for m in out.iter_mut() {
        let dayed = m.value.len() == 10
            && (m.rule == "day month year"
                || m.rule.starts_with("year taken from the publication date"));
        let from = floor(s, m.start.saturating_sub(30)).max(prev_end);
        // A weekday between the two days ("du dimanche 6 au lundi 7") is part of the range.
        if !m.rule.starts_with("weekday") {
            prev_end = m.end;
        }
        if !dayed || from > m.start {
            continue;
        }
        let before = &s[from..m.start];
        let Some(date) = parse_iso(&m.value) else {
            continue;
        };
        for l in lexicons {
            let Some(c) = lex_dates(l)
                .range_start
                .as_ref()
                .and_then(|r| r.captures(before))
            else {
                continue;
            };
            let Ok(first) = c[1].parse::<u32>() else {
                continue;
            };
            if first >= date.day() {
                continue;
            }
            let first_at = from + c.get(1).expect("group 1").start();
            let before_first = without_weekday_tail(
                &s[floor(s, first_at.saturating_sub(36))..first_at],
                lexicons,
            );
            let night = lexicons.iter().any(|l| {
                l.night_range
                    .as_ref()
                    .is_some_and(|r| r.is_match(before_first))
            });
            m.start = first_at;
            if night {
                m.rule = "night range: the day it ends in";
            } else if let Some(d) = ymd(date.year(), date.month(), first) {
                m.value = d.format("%Y-%m-%d").to_string();
                m.rule = "day range: its first day";
            }
            break;
        }
    }
}

/// `t` without a weekday word at its end ("nuit du dimanche " → "nuit du "), in any
/// language of `lexicons`.
fn without_weekday_tail<'a>(t: &'a str, lexicons: &[&crate::extract::lexicon::Lexicon]) -> &'a str {
    for l in lexicons {
        if let Some(g) = lex_dates(l)
            .weekday_tail
            .as_ref()
            .and_then(|r| r.captures(t))
            .and_then(|c| c.get(1))
        {
            return &t[..g.start()];
        }
    }
    t
}

/// A night across a month's end with both dates written out ("dans la nuit du samedi 30
/// novembre au dimanche 1er décembre", "in der Nacht vom 31. Dezember auf den 1. Januar",
/// "the night of 30 April into 1 May"): two day-month dates joined by a
/// `day_range_joiners` word (weekdays between them aside) after a `night_range_cues`
/// phrase, the second the day after the first, are one night dated by the day it ends
/// in (rule 11). The second date keeps its value and starts where the first did.
fn month_end_nights(
    s: &str,
    lexicons: &[&crate::extract::lexicon::Lexicon],
    out: &mut Vec<DateMention>,
) {
    let dayed = |m: &DateMention| m.value.len() == 10 && !m.rule.starts_with("weekday");
    let mut i = 0;
    while i < out.len() {
        let Some(j) = (i + 1..out.len()).find(|&j| !out[j].rule.starts_with("weekday")) else {
            break;
        };
        let (a, b) = (&out[i], &out[j]);
        let follows = dayed(a)
            && dayed(b)
            && b.start >= a.end
            && match (parse_iso(&a.value), parse_iso(&b.value)) {
                (Some(x), Some(y)) => {
                    // The first date's year may be inferred: compare month and day only.
                    let prev = y - Duration::days(1);
                    prev.month() == x.month() && prev.day() == x.day() && x.month() != y.month()
                }
                _ => false,
            };
        let joined = follows && {
            let between = without_weekday_tail(&s[a.end..b.start], lexicons)
                .trim()
                .to_lowercase();
            lexicons.iter().any(|l| {
                l.file
                    .day_range_joiners
                    .iter()
                    .any(|j| j.to_lowercase() == between)
            })
        };
        let night = joined && {
            let before =
                without_weekday_tail(&s[floor(s, a.start.saturating_sub(36))..a.start], lexicons);
            lexicons
                .iter()
                .any(|l| l.night_range.as_ref().is_some_and(|r| r.is_match(before)))
        };
        if night {
            let start = out[i].start;
            out[j].start = start;
            out[j].rule = "night range: the day it ends in";
            // Weekdays inside the night go with it.
            out.drain(i..j);
        }
        i += 1;
    }
}

/// "in de nacht van zaterdag op zondag", "dans la nuit de samedi à dimanche", "in der
/// Nacht von Samstag auf Sonntag", "the night from Saturday into Sunday": two weekdays
/// joined by a `day_range_joiners` word after a `night_range_cues` phrase are one night,
/// dated by the day it ends in (as "dans la nuit du 20 au 21 août" → the 21st).
fn weekday_nights(
    s: &str,
    lexicons: &[&crate::extract::lexicon::Lexicon],
    out: &mut Vec<DateMention>,
) {
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        // A named weekday counts too ("from Easter Sunday to Easter Monday").
        let dayish =
            |m: &DateMention| m.rule.starts_with("weekday") || m.rule.starts_with("named day");
        let weekdays = dayish(a) && dayish(b) && b.start >= a.end;
        // The words between, and the same without a last capitalised word naming the day
        // ("from Easter Sunday to Easter Monday": "to Easter" is "to").
        let raw = if weekdays {
            s[a.end..b.start].trim()
        } else {
            ""
        };
        let unnamed = match raw.rsplit_once(char::is_whitespace) {
            Some((head, last)) if last.starts_with(char::is_uppercase) => head.trim_end(),
            _ => raw,
        };
        let joined = weekdays
            && [raw, unnamed].iter().any(|between| {
                let between = between.to_lowercase();
                lexicons.iter().any(|l| {
                    l.file
                        .day_range_joiners
                        .iter()
                        .any(|j| j.to_lowercase() == between)
                })
            });
        let before = &s[floor(s, a.start.saturating_sub(24))..a.start];
        let night = joined
            && lexicons
                .iter()
                .any(|l| l.night_range.as_ref().is_some_and(|r| r.is_match(before)));
        if night {
            let second = out.remove(i + 1);
            let first = &mut out[i];
            first.value = second.value;
            first.end = second.end;
            first.rule = "weekday night: the day it ends in";
        }
        i += 1;
    }
}

/// A relative day followed at once by the day it names ("overnight from Sunday into
/// Monday", "overnight on Tuesday", "yesterday, 3 March") is that day: the relative
/// reading (the publication day, for "overnight") gives way to the next mention when at
/// most a short word ("on", "from", "of") or a comma lies between them.
fn relative_days_naming_a_day(s: &str, out: &mut Vec<DateMention>) {
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        let between = s.get(a.end..b.start).unwrap_or("x");
        let short = between
            .trim_matches(|c: char| c.is_whitespace() || c == ',')
            .split_whitespace()
            .count()
            <= 1
            && between.len() <= 8;
        if a.rule.starts_with("relative day") && !b.rule.starts_with("relative day") && short {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Is the weekday `m` of sentence `s` said to be the last one (a `last_weekday_cues`
/// phrase within 20 bytes before or after it: "last Tuesday", "mardi dernier")?
pub(crate) fn said_last_weekday(
    s: &str,
    m: &DateMention,
    lexicons: &[&crate::extract::lexicon::Lexicon],
) -> bool {
    let before = &s[floor(s, m.start.saturating_sub(20))..m.start];
    let after = &s[m.end..ceil(s, m.end + 20)];
    lexicons.iter().any(|l| {
        l.last_weekday
            .as_ref()
            .is_some_and(|r| r.is_match(after) || r.is_match(before))
    })
}

/// "last Tuesday", "mardi dernier", "am vergangenen Dienstag", "afgelopen dinsdag"
/// (lexicon `last_weekday_cues`): the weekday strictly before the publication date — a
/// week back when the publication date is that weekday.
fn last_weekday(
    s: &str,
    p: NaiveDate,
    lexicons: &[&crate::extract::lexicon::Lexicon],
    out: &mut [DateMention],
) {
    for m in out
        .iter_mut()
        .filter(|m| m.rule.starts_with("weekday resolved"))
    {
        if parse_iso(&m.value) != Some(p) {
            continue;
        }
        if said_last_weekday(s, m, lexicons) {
            m.value = (p - Duration::days(7)).format("%Y-%m-%d").to_string();
            m.rule = "weekday resolved to the latest such day before the publication date";
        }
    }
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// "Tuesday last week", "vorige week dinsdag", "mardi de la semaine dernière", "Dienstag
/// vergangener Woche": a weekday next to a phrase of the previous week (lexicon
/// `previous_week`, up to 30 bytes after or 20 before it) is that weekday of the calendar
/// week (Monday–Sunday) before the publication date's week.
fn in_previous_week(
    s: &str,
    p: NaiveDate,
    lexicons: &[&crate::extract::lexicon::Lexicon],
    out: &mut [DateMention],
) {
    for m in out.iter_mut().filter(|m| m.rule.starts_with("weekday")) {
        let Some(d) = parse_iso(&m.value) else {
            continue;
        };
        let mut a = m.start.saturating_sub(20);
        while !s.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (m.end + 30).min(s.len());
        while !s.is_char_boundary(b) {
            b += 1;
        }
        let near = |r: &crate::extract::lexicon::Regex| {
            r.is_match(&s[m.end..b]) || r.is_match(&s[a..m.start])
        };
        if !lexicons
            .iter()
            .any(|l| l.previous_week.as_ref().is_some_and(near))
        {
            continue;
        }
        let day = weekday_in_week_before(p, d.weekday());
        m.value = day.format("%Y-%m-%d").to_string();
        m.rule = PREVIOUS_WEEK_RULE;
    }
}

/// The rule of a weekday said to be of the week before ("vorige week woensdag").
pub const PREVIOUS_WEEK_RULE: &str = "weekday of the week before the publication date's week";

/// The day of weekday `wd` in the week (Monday–Sunday) before the week of `base`.
pub fn weekday_in_week_before(base: NaiveDate, wd: chrono::Weekday) -> NaiveDate {
    let monday = base - Duration::days(i64::from(base.weekday().num_days_from_monday()));
    monday - Duration::days(7) + Duration::days(i64::from(wd.num_days_from_monday()))
}

/// "on Friday, 14 May 2021", "Since Tuesday 16 April": the weekday only names the date that
/// follows it.
fn drop_weekdays_naming_a_date(s: &str, out: &mut Vec<DateMention>) {
    let dated: Vec<usize> = out
        .iter()
        .filter(|m| {
            m.value.len() == 10 && !m.rule.starts_with("weekday") && !m.rule.starts_with("relative")
        })
        .map(|m| m.start)
        .collect();
    // A weekday inside a dated range ("du dimanche 6 au lundi 7 octobre") names it too.
    let spans: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| {
            m.value.len() == 10 && !m.rule.starts_with("weekday") && !m.rule.starts_with("relative")
        })
        .map(|m| (m.start, m.end))
        .collect();
    out.retain(|m| {
        !(m.rule.starts_with("weekday") && spans.iter().any(|&(a, b)| a <= m.start && m.end <= b))
    });
    out.retain(|m| {
        !(m.rule.starts_with("weekday")
            && dated.iter().any(|&st| {
                st >= m.end
                    && matches!(
                        s[m.end..st].trim().to_lowercase().as_str(),
                        "" | "," | ", the" | "the" | "le" | "den" | "der"
                    )
            }))
    });
}

/// English date mentions of `s` (the forms of `lexicons/en.toml` and ISO dates), in order
/// of position, without overlaps; weekdays, relative days and dates without a year
/// resolve against `published`.
pub fn find_dates(s: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let en: Vec<&crate::extract::lexicon::Lexicon> =
        crate::extract::lexicon::by_code("en").into_iter().collect();
    let anchor = published.map(|date| Anchor {
        date,
        month_only: false,
    });
    find_dates_in(s, anchor, &en)
}

/// ISO dates (`2023-03-14`) of `s`.
fn iso_dates(s: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for c in iso_re().captures_iter(s) {
        let (y, mo, d) = (c[1].parse().ok(), c[2].parse().ok(), c[3].parse().ok());
        if let (Some(y), Some(mo), Some(d)) = (y, mo, d)
            && let Some(date) = ymd(y, mo, d)
        {
            let m = c.get(0).expect("group 0");
            // Part of a code, not a date: "Referenz: DE-2024-08-22-113" (a hyphen joins it
            // to a letter or digit on either side).
            let glued_before = s[..m.start()]
                .strip_suffix('-')
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphanumeric);
            let glued_after = s[m.end()..]
                .strip_prefix('-')
                .and_then(|a| a.chars().next())
                .is_some_and(char::is_alphanumeric);
            if glued_before || glued_after {
                continue;
            }
            out.push(DateMention {
                value: date.format("%Y-%m-%d").to_string(),
                start: m.start(),
                end: m.end(),
                provenance: Provenance::Stated,
                rule: "ISO date",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_and_relative() {
        let p = ymd(2023, 3, 16); // a Thursday
        let d = find_dates(
            "The attack began on Tuesday and was found on 14 March 2023.",
            p,
        );
        assert_eq!(d[0].value, "2023-03-14");
        assert_eq!(d[0].provenance, Provenance::Inferred);
        assert_eq!(d[1].value, "2023-03-14");
        assert_eq!(d[1].provenance, Provenance::Stated);
        let d = find_dates("On March 2, officials said; in May 2021 it was hit.", p);
        assert_eq!(d[0].value, "2023-03-02");
        assert_eq!(d[1].value, "2021-05");
        assert!(find_dates("The attack on Tuesday", None).is_empty());
        assert_eq!(parse_any("Tue, 14 Mar 2023 10:00:00 GMT"), ymd(2023, 3, 14));
    }
}
