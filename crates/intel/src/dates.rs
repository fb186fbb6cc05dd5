//! Date mentions: absolute dates ("14 March 2023", "March 14, 2023", "2023-03-14"),
//! month dates ("in March 2023"), and relative ones resolved against the publication
//! date ("on Tuesday", "yesterday", "14 March" without a year) — those are `inferred`.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

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

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

fn month_num(m: &str) -> Option<u32> {
    let m = m.to_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

struct Res {
    iso: Regex,
    dmy: Regex,
    mdy: Regex,
    my: Regex,
    weekday: Regex,
    yesterday: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| Res {
        iso: Regex::new(&crate::text::ascii_boundaries(r"\b(\d{4})-(\d{2})-(\d{2})\b")).expect("re"),
        dmy: Regex::new(&crate::text::ascii_boundaries(&format!(
            r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({MONTHS})\.?(?:,? (\d{{4}}))?\b"
        )))
        .expect("re"),
        mdy: Regex::new(&crate::text::ascii_boundaries(&format!(
            r"\b({MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?"
        )))
        .expect("re"),
        my: Regex::new(&crate::text::ascii_boundaries(&format!(r"\b({MONTHS}) (\d{{4}})\b"))).expect("re"),
        weekday: Regex::new(&crate::text::ascii_boundaries(
            r"\b(?:(last|this|on|early|late|since) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        ))
        .expect("re"),
        yesterday: Regex::new(&crate::text::ascii_boundaries(r"\b(yesterday|today|this morning|last night|overnight)\b"))
            .expect("re"),
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

/// Parses a free-form date as found in metadata or a dateline.
pub fn parse_any(s: &str) -> Option<NaiveDate> {
    if let Some(d) = parse_iso(s) {
        return Some(d);
    }
    for m in find_dates(s, None) {
        if m.provenance == Provenance::Stated && m.value.len() == 10 {
            return parse_iso(&m.value);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s.trim())
        .ok()
        .map(|d| d.date_naive())
}

/// All date mentions in `s`, in order of position, without overlaps.
pub fn find_dates(s: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let r = res();
    let mut out: Vec<DateMention> = Vec::new();
    let mut push = |m: DateMention| {
        if !out.iter().any(|o| m.start < o.end && o.start < m.end) {
            out.push(m);
        }
    };
    for c in r.iso.captures_iter(s) {
        let (y, mo, d) = (c[1].parse().ok(), c[2].parse().ok(), c[3].parse().ok());
        if let (Some(y), Some(mo), Some(d)) = (y, mo, d)
            && let Some(date) = ymd(y, mo, d)
        {
            let m = c.get(0).expect("group 0");
            push(DateMention {
                value: date.format("%Y-%m-%d").to_string(),
                start: m.start(),
                end: m.end(),
                provenance: Provenance::Stated,
                rule: "ISO date",
            });
        }
    }
    for (re, day_g, mon_g) in [(&r.dmy, 1, 2), (&r.mdy, 2, 1)] {
        for c in re.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let Some(mo) = month_num(&c[mon_g]) else {
                continue;
            };
            // "May" is also a modal verb: require a day next to it (always true here) and
            // reject "may 2" style lower-case.
            if c[mon_g].chars().next().is_some_and(|ch| ch.is_lowercase()) {
                continue;
            }
            let Ok(d) = c[day_g].parse::<u32>() else {
                continue;
            };
            match c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()) {
                Some(y) => {
                    if let Some(date) = ymd(y, mo, d) {
                        push(DateMention {
                            value: date.format("%Y-%m-%d").to_string(),
                            start: m.start(),
                            end: m.end(),
                            provenance: Provenance::Stated,
                            rule: "day month year",
                        });
                    }
                }
                None => {
                    let Some(p) = published else { continue };
                    let mut y = p.year();
                    if let Some(date) = ymd(y, mo, d)
                        && date > p
                    {
                        y -= 1;
                    }
                    if let Some(date) = ymd(y, mo, d) {
                        push(DateMention {
                            value: date.format("%Y-%m-%d").to_string(),
                            start: m.start(),
                            end: m.end(),
                            provenance: Provenance::Inferred,
                            rule: "year taken from the publication date",
                        });
                    }
                }
            }
        }
    }
    for c in r.my.captures_iter(s) {
        let m = c.get(0).expect("group 0");
        let (Some(mo), Ok(y)) = (month_num(&c[1]), c[2].parse::<i32>()) else {
            continue;
        };
        if c[1].starts_with("May") && s[..m.start()].ends_with("may ") {
            continue;
        }
        push(DateMention {
            value: format!("{y:04}-{mo:02}"),
            start: m.start(),
            end: m.end(),
            provenance: Provenance::Stated,
            rule: "month year",
        });
    }
    if let Some(p) = published {
        for c in r.weekday.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let wd = match &c[2] {
                "Monday" => Weekday::Mon,
                "Tuesday" => Weekday::Tue,
                "Wednesday" => Weekday::Wed,
                "Thursday" => Weekday::Thu,
                "Friday" => Weekday::Fri,
                "Saturday" => Weekday::Sat,
                _ => Weekday::Sun,
            };
            let strictly_before = c.get(1).is_some_and(|q| q.as_str() == "last");
            let mut d = p;
            if strictly_before {
                d -= Duration::days(1);
            }
            let mut guard = 0;
            while d.weekday() != wd && guard < 7 {
                d -= Duration::days(1);
                guard += 1;
            }
            push(DateMention {
                value: d.format("%Y-%m-%d").to_string(),
                start: m.start(),
                end: m.end(),
                provenance: Provenance::Inferred,
                rule: "weekday resolved to the latest such day on or before the publication date",
            });
        }
        for c in r.yesterday.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let d = match &c[1] {
                "yesterday" | "last night" => p - Duration::days(1),
                _ => p,
            };
            push(DateMention {
                value: d.format("%Y-%m-%d").to_string(),
                start: m.start(),
                end: m.end(),
                provenance: Provenance::Inferred,
                rule: "relative day resolved against the publication date",
            });
        }
    }
    out.sort_by_key(|m| m.start);
    // "on Friday, 14 May 2021": the weekday only names the stated date that follows.
    let stated: Vec<usize> = out
        .iter()
        .filter(|m| m.provenance == Provenance::Stated)
        .map(|m| m.start)
        .collect();
    out.retain(|m| {
        !(m.rule.starts_with("weekday")
            && stated.iter().any(|&st| {
                st >= m.end && matches!(s[m.end..st].trim(), "" | "," | ", the" | "the")
            }))
    });
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
