//! The focal incident: which sentences of a document are about the incident the document
//! reports, and which are set apart — page furniture (menus, related headlines, link lists,
//! reader comments), metadata lines ("+ Date: …"), quoted tweets, image captions, paragraphs
//! about other (earlier) incidents, statistics about many organisations, and `Label:
//! Unknown` lines that say a fact is not known.
//!
//! The same rules run on plain text and on the text of HTML pages (the HTML reader already
//! keeps `<nav>`, `<aside>` and comment sections out of the body; what remains — a scraped
//! page's menu pasted as text, a "Related Articles:" block — is recognised here by its shape
//! and by the cue words of the lexicons). Cost: one pass over lines and sentences, linear in
//! the text.

use std::sync::OnceLock;

use regex::Regex;

use chrono::{Datelike, NaiveDate};

use super::lexicon::Lexicon;
use crate::dates::Anchor;
use crate::text::Span;

/// Why a piece of text was set apart from the focal incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A menu or list of short link lines.
    Navigation,
    /// A "Related Articles" / "Lees ook" block.
    Related,
    /// Reader comments.
    Comments,
    /// A `Label: value` metadata line or a heading ("+ Date: …", "## Information:").
    Metadata,
    /// A quoted tweet / social-media post and its attribution line.
    Quoted,
    /// An image or its caption.
    Image,
    /// A paragraph about another incident.
    OtherIncident,
    /// A statistic about many organisations.
    Statistic,
    /// A `Label: Unknown` statement (the fact is explicitly not known).
    Unknown,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Navigation => "navigation",
            Reason::Related => "related",
            Reason::Comments => "comments",
            Reason::Metadata => "metadata",
            Reason::Quoted => "quoted",
            Reason::Image => "image",
            Reason::OtherIncident => "other incident",
            Reason::Statistic => "statistic",
            Reason::Unknown => "unknown",
        }
    }
}

/// The result: the focal sentences (in order) and what was set apart.
#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    pub focal: Vec<Span>,
    pub set_apart: Vec<(Span, Reason)>,
    /// The names of the title and the lead paragraph (capitalised multi-word names, camel
    /// case and acronyms): a sentence that repeats one is about the focal organisation.
    pub focal_names: Vec<String>,
    /// The text of the title line and the lead paragraph (the first paragraph after the
    /// title that was not set apart), lines joined by spaces.
    pub lead: String,
    /// The sentences of each paragraph set apart by a past-story opener alone ("Vorige
    /// week maandag kregen …", lexicon `focal.other_incident_openers`), in order; a
    /// paragraph dated just before publication may be read again ([`readmit_recent`]).
    pub opener_paragraphs: Vec<Vec<Span>>,
}

/// What the focal incident is known by, for asking of any sentence or clause whether it is
/// about that incident ([`Focus::is_other_incident`]).
///
/// Built once per document by extraction (`extract::Ctx::focus`); the field families read
/// it through `Ctx::about_focal(text)`. Every sentence a rule gets from `Ctx::sentence`
/// is already focal (what [`segment`] and [`set_apart_earlier`] set apart is gone); ask
/// `about_focal` of a *clause* of a focal sentence ("… ; last year another hospital paid
/// a ransom"), of a context sentence read from the full text, or of a label's value.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// Names of the title and lead ([`Segmentation::focal_names`]).
    pub names: Vec<String>,
    /// The focal incident's date (incident or discovery, the later), when read.
    pub date: Option<NaiveDate>,
    /// The publication date (or month) relative dates resolve against.
    pub anchor: Option<Anchor>,
    /// The text of the title and the lead paragraph ([`Segmentation::lead`]).
    pub lead: String,
    /// The update stamps of the text ([`update_stamps`]): byte offset of the stamp's line
    /// and its day, in text order. A sentence after one is read against that day
    /// ([`Focus::at`]).
    pub updates: Vec<(usize, Anchor)>,
}

impl Focus {
    /// The focus for a sentence starting at byte `offset` of the text: its anchor is the
    /// day of the last update stamp before it ([`update_stamps`]), else the publication
    /// anchor. "MISE À JOUR – mardi 2 juillet 2024 / Le groupe RansomHub a publié le 1er
    /// juillet …" in a statement of 24 June 2024: "le 1er juillet" is 1 July 2024, not
    /// July of the year before (which would read as another, earlier incident).
    pub fn at(&self, offset: usize) -> std::borrow::Cow<'_, Focus> {
        match self.updates.iter().rev().find(|(at, _)| *at <= offset) {
            Some((_, a)) => std::borrow::Cow::Owned(Focus {
                anchor: Some(*a),
                ..self.clone()
            }),
            None => std::borrow::Cow::Borrowed(self),
        }
    }

    /// Is `s` (a sentence or a clause) about another incident than the focal one?
    ///
    /// Yes, unless it speaks of this incident (lexicon `focal.this_incident_cues`: "this
    /// attack", "deze aanval", "cette attaque", "dieser Angriff"), when:
    /// - it is dated ([`time_refs`]: dates, a year after `year_prefixes`, a
    ///   `previous_year_cues` phrase) and every time it names is well before the focal
    ///   date (a date or month more than [`EARLIER_INCIDENT_DAYS`] before it, a year before
    ///   its year);
    /// - it tells of an earlier incident (`focal.earlier_incident_cues`: "had already been
    ///   hit", "avait déjà subi", "bereits 2019") and no time it names is near the focal
    ///   date;
    /// - it tells of a similar incident (`focal.similar_incident_cues`: "a similar attack",
    ///   "Opfer eines ähnlichen Angriffs"), whatever its date;
    /// - it names as the object of an attack (lexicon `attack_object_cues`: "attack on",
    ///   "Angriff auf die", "attaque contre", "aanval op") an organisation of which no word
    ///   is in the title or the lead ("Im Juli hatte ein Angriff auf die
    ///   DRK-Trägergesellschaft Süd-West elf Krankenhäuser … getroffen" in a report on
    ///   Klinikum Fürth);
    /// - the focal date is unknown, it names no name of the title or lead (found there
    ///   outside `s`), and every time
    ///   it names is a past year: a `previous_year_cues` phrase ("last year", "vorig jaar",
    ///   "l'an dernier", "im vergangenen Jahr") or a year before the publication year ("in
    ///   2019") — with no date of its own in the publication year;
    /// - every date or month it names ends more than [`OTHER_ORG_DAYS`] before the focal
    ///   date (unknown: the publication date) and it names an organisation, a camel-case
    ///   or acronym name or a city that the title and lead do not ([`Focus::names_another`]:
    ///   "Im November 2023 legte ein Angriff der Gruppe Lockbit den Klinikverbund Vivalia …
    ///   lahm" in a report of an October 2024 attack).
    ///
    /// Cost: linear in `s` (the lexicons' date and cue regexes).
    pub fn is_other_incident(&self, s: &str, lexicons: &[&Lexicon]) -> bool {
        let this = lexicons
            .iter()
            .any(|l| l.this_incident.as_ref().is_some_and(|r| r.is_match(s)));
        if this {
            return false;
        }
        if self.attacks_another(s, lexicons) {
            return true;
        }
        // "Opfer eines ähnlichen Angriffs", "a similar attack": another incident, however
        // near its date.
        if lexicons
            .iter()
            .any(|l| l.similar_incident.as_ref().is_some_and(|r| r.is_match(s)))
        {
            return true;
        }
        // The times of a clause about a fix made available date the fix ("…, for which the
        // manufacturer had issued a fix in February 2024"), not this sentence's event.
        let unpatched = patch_clauses_blanked(s, lexicons);
        let refs = time_refs(&unpatched, self.anchor, lexicons);
        // "Had already been hit" tells of an earlier incident; "a week earlier" only when
        // the sentence names another organisation (else it is this incident's own earlier
        // step: "een week eerder een e-mail met een nepfactuur had geopend").
        let told_earlier = lexicons
            .iter()
            .any(|l| l.earlier_incident.as_ref().is_some_and(|r| r.is_match(s)))
            || (lexicons
                .iter()
                .any(|l| l.earlier_time.as_ref().is_some_and(|r| r.is_match(s)))
                && self.names_another(s));
        let all_before = |fd: NaiveDate| refs.iter().all(|t| t.before(fd));
        // Dated months before this incident and naming an organisation the title and lead
        // do not ("Im November 2023 legte ein Angriff der Gruppe Lockbit den Klinikverbund
        // Vivalia … lahm" in a report of an October 2024 attack): a background paragraph on
        // another incident, however short the gap.
        let another_named = |end: NaiveDate| self.another_dated_before(s, &refs, end);
        match self.date {
            Some(fd) => {
                (!refs.is_empty() && all_before(fd))
                    || (told_earlier && all_before(fd))
                    || another_named(fd)
            }
            None => {
                if told_earlier {
                    return true;
                }
                if let Some(a) = self.anchor
                    && another_named(a.date)
                {
                    return true;
                }
                let past_year = |t: &TimeRef| match self.anchor {
                    Some(a) => t.year_only && t.end.year() < a.date.year(),
                    None => t.year_only && t.previous_year,
                };
                // A name counts when the title or lead has it outside this sentence (the
                // lead may be this very paragraph).
                let elsewhere = self.lead.replacen(s, " ", 1);
                !refs.is_empty()
                    && refs.iter().all(past_year)
                    && !self
                        .names
                        .iter()
                        .any(|n| s.contains(n.as_str()) && elsewhere.contains(n.as_str()))
            }
        }
    }
}

/// `s` with every clause (between `,` `;` `(` `)` or the sentence's ends) that a
/// lexicon's `focal.patch_clause_cues` match blanked to spaces of the same length: "They
/// used a vulnerability in the remote-access gateway of our firewall, CVE-2024-21762, for
/// which the manufacturer had issued a fix in February 2024." keeps its first two clauses.
fn patch_clauses_blanked<'s>(s: &'s str, lexicons: &[&Lexicon]) -> std::borrow::Cow<'s, str> {
    let cues: Vec<&crate::extract::lexicon::Regex> = lexicons
        .iter()
        .filter_map(|l| l.patch_clause.as_ref())
        .collect();
    if !cues.iter().any(|r| r.is_match(s)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for clause in s.split_inclusive([',', ';', '(', ')']) {
        if cues.iter().any(|r| r.is_match(clause)) {
            out.extend(std::iter::repeat_n(' ', clause.len()));
        } else {
            out.push_str(clause);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid built-in regex")
}

macro_rules! re {
    ($s:expr) => {{
        static R: OnceLock<Regex> = OnceLock::new();
        R.get_or_init(|| re($s))
    }};
}

/// A line (byte range) of the text.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Index of the paragraph (blank-line separated) the line is in.
    para: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut pos = 0usize;
    let mut blank_run = false;
    for raw in text.split('\n') {
        let start = pos;
        let end = pos + raw.len();
        pos = end + 1;
        let t = raw.trim();
        if t.is_empty() {
            if !blank_run {
                para += 1;
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        let lead = raw.len() - raw.trim_start().len();
        out.push(Line {
            start: start + lead,
            end: start + lead + t.len(),
            para,
        });
    }
    out
}

fn header_match(line: &str, headers: &[String]) -> bool {
    // "Related Articles:", "Reacties (3)", "À lire aussi :"
    let t = line
        .trim()
        .trim_end_matches(':')
        .trim_end()
        .trim_end_matches(|c: char| c == ')' || c.is_ascii_digit())
        .trim_end_matches('(')
        .trim_end_matches(':')
        .trim();
    let t = without_section_number(t.trim_start_matches(['#', '*', '-', '+', ' ']));
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case(t) || h.to_lowercase() == t.to_lowercase())
}

/// A line that opens with a header and its count in parentheses, then goes on with the
/// first item ("Comments (2) mainer207: My uncle was …" — a scrape that joined the
/// comments header to the first comment).
fn counted_header_prefix(line: &str, headers: &[String]) -> bool {
    let lower = line.trim().to_lowercase();
    headers.iter().any(|h| {
        lower
            .strip_prefix(h.to_lowercase().as_str())
            .map(|rest| rest.trim_start())
            .and_then(|rest| rest.strip_prefix('('))
            .and_then(|rest| rest.split_once(')'))
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Strips a section number before a header ("7. Incidents comparables", "3) Related").
fn without_section_number(t: &str) -> &str {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return t;
    }
    let rest = &t[digits..];
    rest.strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .map_or(t, str::trim_start)
}

/// A short header line that starts with a related-articles header and goes on with a
/// qualifier ("Victimes récentes dans le même secteur", "Recent victims in healthcare",
/// "Weitere Opfer aus der Branche"): not prose (no sentence end, at most 60 characters),
/// the header (of two or more words) followed by a space.
fn header_prefix(line: &str, headers: &[String]) -> bool {
    let t = line.trim().trim_end_matches(':').trim_end();
    let t = without_section_number(t.trim_start_matches(['#', ' ']));
    if t.is_empty() || t.chars().count() > 60 || ends_like_prose(t) || t.contains(':') {
        return false;
    }
    let lower = t.to_lowercase();
    // Only headers of two or more words: a one-word header ("Recommended", "Trending")
    // also starts an article's own subheadings ("Recommended actions").
    headers.iter().filter(|h| h.contains(' ')).any(|h| {
        let h = h.to_lowercase();
        lower
            .strip_prefix(h.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

fn ends_like_prose(l: &str) -> bool {
    let l = l.trim_end();
    l.ends_with(['.', '!', '?', '"', '”', '»', ';']) || l.ends_with(".)")
}

/// Capitalised multi-word names (and single camel-case / acronym names) of a line: the
/// names a paragraph must repeat to stay focal when it opens like a story about another
/// incident.
fn names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        {
            run.pop();
        }
        // A capitalised article opening the sentence ("The HSE itself was struck …") is no
        // part of the name (the lexicons' `articles`).
        while run.len() > 1 && super::victims::name_words().articles.contains_key(run[0]) {
            run.remove(0);
        }
        if run.len() >= 2 {
            out.push(run.join(" "));
        } else if let Some(w) = run.first() {
            let inner_cap = w.chars().skip(1).any(|c| c.is_uppercase());
            if inner_cap && w.chars().count() >= 3 {
                out.push((*w).to_string());
            }
        }
        run.clear();
    };
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
        let connector = [
            "of", "de", "du", "des", "van", "der", "la", "le", "am", "im",
        ]
        .contains(&w);
        if cap || (connector && !run.is_empty()) {
            run.push(w);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Does `para` refer back to the focal organisation by an acronym of one of its names
/// after a definite article (lexicon `focal.definite_articles`): "die Server des MVZ" with
/// "MVZ am Seilersee" in the lead. An acronym is a word of two or more capital letters
/// (digits allowed after the first); "ein MVZ in Hagen" does not refer back.
fn refers_back_to(para: &str, focal_names: &[String], lexicons: &[&Lexicon]) -> bool {
    let is_acronym = |w: &str| {
        w.chars().count() >= 2
            && w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let acronyms: Vec<&str> = focal_names
        .iter()
        .flat_map(|n| n.split_whitespace())
        .filter(|w| is_acronym(w))
        .collect();
    if acronyms.is_empty() {
        return false;
    }
    let definite = |w: &str| {
        let w = w.to_lowercase();
        lexicons
            .iter()
            .any(|l| l.file.focal.definite_articles.contains(&w))
    };
    let mut prev = String::new();
    for raw in para.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        // "l'AZ": the elided article is glued to the word.
        let (article, word) = match w.char_indices().find(|&(_, c)| c == '\'' || c == '’') {
            Some((k, c)) => (w[..k + c.len_utf8()].to_string(), &w[k + c.len_utf8()..]),
            None => (prev.clone(), w),
        };
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if acronyms.contains(&word) && definite(&article) {
            return true;
        }
        prev = w.to_string();
    }
    false
}

/// Does the line open with a date followed by a separator — an entry of a timeline
/// ("10.09.2020 – Systemausfall", "16/04 : attaque détectée", "14 May 2021: …")?
fn timeline_entry(line: &str, lexicons: &[&Lexicon]) -> bool {
    let numeric = re!(r"^[\s*•+-]*\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\.?\s*(?::|–|—|-\s)");
    if numeric.is_match(line) {
        return true;
    }
    // Any year reads a date without one: a far anchor that resolves no weekday.
    let far = Anchor::parse("9999-12").filter(|a| a.month_only);
    let ds = crate::dates::find_dates_in(line, far, lexicons);
    let Some(d) = ds.first() else { return false };
    let lead = line[..d.start].trim_start_matches(['-', '*', '•', '+', ' ']);
    let rest = line[d.end..].trim_start();
    lead.is_empty() && (rest.starts_with([':', '–', '—']) || rest.starts_with("- "))
}

impl Focus {
    /// Does `s` name, right after an attack-object cue of the lexicons, a capitalised name
    /// none of whose words (of 3+ letters) the title or lead contains? A month or weekday
    /// ("the attack on January 29") and a single word that is a place of the gazetteer
    /// ("the attack on Fürth's hospital") are not judged.
    /// Is `s` dated (every date or month it names, at least one) more than
    /// [`OTHER_ORG_DAYS`] before the publication date, and does it name an organisation
    /// the title and lead do not ([`Focus::names_another`])? A date read first from such
    /// a sentence is no focal date (`extract`: "In januari 2021 legde een ransomware-aanval
    /// het ziekenhuisnetwerk CHwapi … plat" in a 2025 report).
    pub fn another_incident_by_publication(&self, s: &str, lexicons: &[&Lexicon]) -> bool {
        let Some(a) = self.anchor else { return false };
        let refs = time_refs(s, self.anchor, lexicons);
        self.another_dated_before(s, &refs, a.date)
    }

    fn another_dated_before(&self, s: &str, refs: &[TimeRef], end: NaiveDate) -> bool {
        !refs.is_empty()
            && refs
                .iter()
                .all(|t| !t.year_only && t.before_by(end, OTHER_ORG_DAYS))
            && self.names_another(s)
    }

    /// Are all the times `s` names (at least one) more than [`OTHER_ORG_DAYS`] before the
    /// focal date (unknown: the publication date), with no name of the title or lead in `s`?
    fn well_before(&self, s: &str, lexicons: &[&Lexicon]) -> bool {
        let Some(end) = self.date.or(self.anchor.map(|a| a.date)) else {
            return false;
        };
        let refs = time_refs(s, self.anchor, lexicons);
        !refs.is_empty()
            && refs.iter().all(|t| t.before_by(end, OTHER_ORG_DAYS))
            && !self.names.iter().any(|n| s.contains(n.as_str()))
    }

    /// Does `s` name an organisation (a victim candidate: a type noun and a name, a
    /// hospital-like name; `victims::org_candidates`) of which no word of three letters or
    /// more is in the title or the lead, and no name of the title or lead ("den
    /// Klinikverbund Vivalia", "le centre hospitalier Simone-Veil de Cannes", "het Waalse
    /// ziekenhuisnetwerk CHwapi"), a one-word camel-case or acronym name, or a city of the
    /// gazetteer, that the title and lead do not have? Cost: linear in `s` and the lead.
    fn names_another(&self, s: &str) -> bool {
        if self.lead.is_empty() || self.names.iter().any(|n| s.contains(n.as_str())) {
            return false;
        }
        let lead = self.lead.to_lowercase();
        // A camel-case or acronym name of one word ("CHwapi", "CHSF"; not a hyphenated
        // compound like "Phishing-E-Mail") or a place of the gazetteer the lead does not have.
        let odd_name = names(s).iter().any(|n| {
            !n.contains(' ')
                && !n.contains('-')
                && n.chars().count() >= 3
                && !lead.contains(n.to_lowercase().as_str())
        });
        let other_place = crate::gazetteer::Gazetteer::get().find(s).iter().any(|p| {
            p.place.kind == crate::gazetteer::PlaceKind::City
                && !lead.contains(s[p.start..p.end].to_lowercase().as_str())
        });
        odd_name
            || other_place
            || super::victims::org_candidates(s).iter().any(|c| {
                let words: Vec<String> = c
                    .name
                    .split_whitespace()
                    .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '-'))
                    .filter(|w| {
                        w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase)
                    })
                    .map(str::to_lowercase)
                    .collect();
                !words.is_empty() && !words.iter().any(|w| lead.contains(w.as_str()))
            })
    }

    fn attacks_another(&self, s: &str, lexicons: &[&Lexicon]) -> bool {
        if self.lead.is_empty() {
            return false;
        }
        // Hand-written scan: the starts of capitalised words, each checked against the
        // text before it (one regex run on at most 40 bytes per capitalised word).
        let mut prev_alnum = false;
        for (i, ch) in s.char_indices() {
            let starts_word = !prev_alnum && ch.is_uppercase();
            prev_alnum = ch.is_alphanumeric() || ch == '-';
            if !starts_word {
                continue;
            }
            let mut from = i.saturating_sub(40);
            while !s.is_char_boundary(from) {
                from -= 1;
            }
            let before = &s[from..i];
            if !lexicons
                .iter()
                .any(|l| l.attack_object.as_ref().is_some_and(|r| r.is_match(before)))
            {
                continue;
            }
            let words: Vec<&str> = s[i..]
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            let significant: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| w.chars().count() >= 3)
                .collect();
            let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
            let calendar = lexicons.iter().any(|l| {
                l.file.months.contains_key(&first) || l.file.weekdays.contains_key(&first)
            });
            if calendar
                || significant.is_empty()
                || (words.len() == 1
                    && crate::gazetteer::Gazetteer::get()
                        .lookup_ci(words[0])
                        .is_some())
            {
                continue;
            }
            if !significant.iter().any(|w| self.lead.contains(w)) {
                return true;
            }
        }
        false
    }
}

/// Segments `text` (the document text extraction reads: title line, `Published:` line,
/// blank line, body) into focal sentences and set-apart pieces.
pub fn segment(text: &str, sentences: &[Span], lexicons: &[&Lexicon]) -> Segmentation {
    let ls = lines(text);
    let related: Vec<String> = lexicons
        .iter()
        .flat_map(|l| l.file.focal.related_headers.iter().cloned())
        .collect();
    let comments: Vec<String> = lexicons
        .iter()
        .flat_map(|l| l.file.focal.comment_headers.iter().cloned())
        .collect();
    let unknown: Vec<String> = lexicons
        .iter()
        .flat_map(|l| l.file.focal.unknown_values.iter().map(|v| v.to_lowercase()))
        .collect();

    // Per line: None (focal) or the reason it is set apart.
    let mut why: Vec<Option<Reason>> = vec![None; ls.len()];
    // The paragraph number of the lines set apart by a past-story opener (rule 4).
    let mut opener_para: Vec<Option<usize>> = vec![None; ls.len()];
    let n_paras = ls.last().map(|l| l.para + 1).unwrap_or(0);
    let mut para_lines: Vec<Vec<usize>> = vec![Vec::new(); n_paras];
    for (i, l) in ls.iter().enumerate() {
        para_lines[l.para].push(i);
    }

    // 1. Comments run to the end of the document; related blocks to the end of their
    //    paragraph (or the next paragraph when the header stands alone).
    let mut in_comments = false;
    let mut related_para: Option<usize> = None;
    for (i, l) in ls.iter().enumerate() {
        let s = &text[l.start..l.end];
        if in_comments {
            why[i] = Some(Reason::Comments);
            continue;
        }
        if header_match(s, &comments) || counted_header_prefix(s, &comments) {
            in_comments = true;
            why[i] = Some(Reason::Comments);
            continue;
        }
        if related_para == Some(l.para) {
            why[i] = Some(Reason::Related);
            continue;
        }
        if header_match(s, &related) || header_prefix(s, &related) {
            why[i] = Some(Reason::Related);
            let last_of_para = para_lines[l.para].last() == Some(&i);
            related_para = Some(if last_of_para { l.para + 1 } else { l.para });
            continue;
        }
        // "Related: headline A | headline B" on one line: that line only.
        let lower = s.trim_start().to_lowercase();
        if related.iter().any(|h| {
            lower
                .strip_prefix(&h.to_lowercase())
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        }) {
            why[i] = Some(Reason::Related);
            continue;
        }
        if related_para.is_some_and(|p| p < l.para) {
            related_para = None;
        }
    }

    // 2. Line shapes: metadata, headings, tweets, images.
    let meta = re!(
        r"(?i)^(?:[+*•-]\s*)?(?:source|link|date|url|author|by|tags?|category|categories|reference|version|downloads?|updated|last updated|filed under|share|image|photo|credit|copyright)\s*:"
    );
    let tweet_attr = re!(r"^[—–-]\s*[^\n]{0,100}\(@\w+\)");
    let image = re!(r"!\[[^\]]*\]\([^)]*\)|(?i)^(?:image|photo|foto|bild)\s*(?::|credit|©)");
    for (i, l) in ls.iter().enumerate() {
        if why[i].is_some() {
            continue;
        }
        let s = &text[l.start..l.end];
        if l.para == 0 && i <= 1 {
            continue; // title and Published: line
        }
        if s.starts_with('#') || meta.is_match(s) {
            why[i] = Some(Reason::Metadata);
        } else if tweet_attr.is_match(s) || s.contains("pic.twitter.com") {
            why[i] = Some(Reason::Quoted);
            // The tweet's text is the line before its attribution, in the same paragraph.
            if i > 0 && ls[i - 1].para == l.para && why[i - 1].is_none() && ls[i - 1].para != 0 {
                why[i - 1] = Some(Reason::Quoted);
            }
        } else if image.is_match(s) {
            why[i] = Some(Reason::Image);
        }
    }

    // 3. Menus and link lists: a paragraph of 3+ short lines, most not ending like prose.
    let label_value = re!(r"^(?:[+*•-]\s*)?[\p{L}][\p{L} /&()'’-]{1,30}:\s+\S");
    for (p, idx) in para_lines.iter().enumerate() {
        if p == 0 || idx.len() < 3 {
            continue;
        }
        let open: Vec<usize> = idx.iter().copied().filter(|&i| why[i].is_none()).collect();
        if open.len() < 3 {
            continue;
        }
        // A list introduced by a line ending in ':' ("The hospital said:") or a block of
        // `Label: value` lines (a tracker's fields) is content, not a menu.
        // A Markdown heading ("## 5. Maßnahmen") introduces its section's list the same way
        // (the heading's line, not its sentence: "## 5." and "Maßnahmen" split apart).
        // So does an FAQ question ("Was haben wir unternommen?", "What have we done?").
        // So does a heading of the organisation's own measures ("Mesures prises", "6.
        // Response"; `focal.measures_headings`), on the list's first line or alone in the
        // paragraph before.
        let intro = |i: usize| {
            let line_start = text[..ls[i].start].rfind('\n').map_or(0, |q| q + 1);
            let line = text[ls[i].start..ls[i].end].trim();
            line.ends_with([':', '?'])
                || text[line_start..].trim_start().starts_with('#')
                || lexicons.iter().any(|l| {
                    l.measures_heading
                        .as_ref()
                        .is_some_and(|r| r.is_match(line))
                })
        };
        let introduced =
            intro(idx[0]) || (idx[0] > 0 && ls[idx[0] - 1].para + 1 == p && intro(idx[0] - 1));
        let label_lines = open
            .iter()
            .filter(|&&i| label_value.is_match(&text[ls[i].start..ls[i].end]))
            .count();
        // A timeline ("10.09.2020 – Systemausfall", "16/04 : attaque détectée") is
        // content too.
        let entries = open
            .iter()
            .filter(|&&i| timeline_entry(&text[ls[i].start..ls[i].end], lexicons))
            .count();
        if introduced || label_lines * 2 >= open.len() || entries * 2 >= open.len() {
            continue;
        }
        let listy = open
            .iter()
            .filter(|&&i| {
                let s = &text[ls[i].start..ls[i].end];
                !ends_like_prose(s) && s.chars().count() <= 100
            })
            .count();
        if listy * 3 >= open.len() * 2 {
            for &i in &open {
                why[i] = Some(Reason::Navigation);
            }
        }
    }

    // 3b. A menu on one line of a scrape: it opens with two title-furniture words of any
    //     lexicon (`focal.title_furniture`: "Menü Suche Erpresser-Radar Vorfälle …",
    //     "Menu Browse Victims Groups …"), has four words or more and does not end like
    //     prose. (A site menu need not be in the article's language.)
    for (i, l) in ls.iter().enumerate() {
        let s = text[l.start..l.end].trim();
        if why[i].is_none() && !ends_like_prose(s) && super::lexicon::opens_like_menu(s) {
            why[i] = Some(Reason::Navigation);
        }
    }

    // 4. Paragraphs about another incident: they open like a story of the past ("Last
    //    month, …", "Vorig jaar …") and do not name the organisation of the title or lead.
    let mut focal_names: Vec<String> = Vec::new();
    if let Some(first) = ls.first() {
        focal_names.extend(names(&text[first.start..first.end]));
    }
    // The lead is the first paragraph of prose: a headline repeated above the body or a
    // byline ("Door Pieter de Graaf") is no lead, and a body that names the victim only
    // after a headline giving its type ("… bij Amersfoortse softwareleverancier") must
    // have that sentence in the lead, else it reads as an attack on another organisation.
    // Without a prose paragraph, the first paragraph kept.
    let kept = |i: usize, l: &Line| l.para > 0 && why[i].is_none();
    let lead_para = ls
        .iter()
        .enumerate()
        .find(|(i, l)| kept(*i, l) && ends_like_prose(&text[l.start..l.end]))
        .or_else(|| ls.iter().enumerate().find(|(i, l)| kept(*i, l)))
        .map(|(_, l)| l.para);
    if let Some(lp) = lead_para {
        for &i in &para_lines[lp] {
            focal_names.extend(names(&text[ls[i].start..ls[i].end]));
        }
    }
    for (p, idx) in para_lines.iter().enumerate() {
        if p == 0 || Some(p) == lead_para {
            continue;
        }
        let Some(&first) = idx.iter().find(|&&i| why[i].is_none()) else {
            continue;
        };
        let s = &text[ls[first].start..ls[first].end];
        let opens_other = lexicons
            .iter()
            .any(|l| l.other_incident.as_ref().is_some_and(|r| r.is_match(s)));
        if !opens_other {
            continue;
        }
        let para_text: String = idx
            .iter()
            .map(|&i| &text[ls[i].start..ls[i].end])
            .collect::<Vec<_>>()
            .join(" ");
        let names_focal = focal_names.iter().any(|n| para_text.contains(n.as_str()))
            || refers_back_to(&para_text, &focal_names, lexicons);
        if !names_focal {
            for &i in idx {
                if why[i].is_none() {
                    why[i] = Some(Reason::OtherIncident);
                    opener_para[i] = Some(p);
                }
            }
        }
    }

    // 5. Sentences: those starting inside a set-apart line are set apart; statistics and
    //    "Label: Unknown" sentences too.
    // A list bullet before the label is allowed ("- Exfiltration: Unknown").
    let label_unknown = re!(r"^(?:[-*•+–]\s+)?[\p{L}][\p{L} /&()-]{1,40}:\s*(.{1,40}?)\s*[.]?$");
    //    After a sentence turning to other victims ("X is not the only victim"), the rest
    //    of its paragraph is another incident unless a sentence names the focal one.
    let mut lead = String::new();
    if let Some(first) = ls.first() {
        lead.push_str(&text[first.start..first.end]);
    }
    if let Some(lp) = lead_para {
        for &i in &para_lines[lp] {
            lead.push(' ');
            lead.push_str(&text[ls[i].start..ls[i].end]);
        }
    }
    let mut out = Segmentation {
        focal_names: focal_names.clone(),
        lead,
        ..Segmentation::default()
    };
    let mut li = 0usize;
    let mut other_victims_para: Option<usize> = None;
    let mut last_opener: Option<usize> = None;
    let mut all: Vec<(Span, Option<Reason>, Option<usize>)> = Vec::with_capacity(sentences.len());
    for sp in sentences {
        while li < ls.len() && ls[li].end <= sp.start {
            li += 1;
        }
        let line_why = if li < ls.len() && ls[li].start <= sp.start {
            why[li]
        } else {
            None
        };
        if line_why.is_some()
            && let Some(p) = opener_para[li]
        {
            match out.opener_paragraphs.last_mut() {
                Some(last) if last_opener == Some(p) => last.push(*sp),
                _ => out.opener_paragraphs.push(vec![*sp]),
            }
            last_opener = Some(p);
        }
        let s = &text[sp.start..sp.end];
        let para = (li < ls.len()).then(|| ls[li].para);
        let after_other_victims = para.is_some()
            && other_victims_para == para
            && !focal_names.iter().any(|n| s.contains(n.as_str()));
        if lexicons
            .iter()
            .any(|l| l.other_victims.as_ref().is_some_and(|r| r.is_match(s)))
        {
            other_victims_para = para;
        }
        let reason = line_why.or_else(|| {
            if after_other_victims {
                return Some(Reason::OtherIncident);
            }
            // A nested label ("- Financial: Ransom: Not mentioned") is answered by its
            // innermost value.
            if let Some(c) = label_unknown.captures(s)
                && unknown.contains(
                    &c[1]
                        .rsplit(':')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_end_matches('.')
                        .to_lowercase(),
                )
            {
                return Some(Reason::Unknown);
            }
            lexicons
                .iter()
                .any(|l| l.statistic.as_ref().is_some_and(|r| r.is_match(s)))
                .then_some(Reason::Statistic)
        });
        all.push((*sp, reason, para));
    }
    // 6. "This incident is not connected to it" (`focal.unrelated_cues`): the sentence and
    //    the sentences right before it in its paragraph that tell of an attack
    //    (`attack_cues`), back to one that names the focal organisation, are about the
    //    other incident.
    for k in 0..all.len() {
        let (sp, _, para) = all[k];
        let s = &text[sp.start..sp.end];
        if para.is_none()
            || !lexicons
                .iter()
                .any(|l| l.unrelated.as_ref().is_some_and(|r| r.is_match(s)))
        {
            continue;
        }
        for j in (0..=k).rev() {
            let (spj, why_j, para_j) = all[j];
            if para_j != para {
                break;
            }
            let sj = &text[spj.start..spj.end];
            if j < k
                && (focal_names.iter().any(|n| sj.contains(n.as_str()))
                    || !lexicons
                        .iter()
                        .any(|l| l.attack.as_ref().is_some_and(|r| r.is_match(sj))))
            {
                break;
            }
            if why_j.is_none() {
                all[j].1 = Some(Reason::OtherIncident);
            }
        }
    }
    for (sp, reason, _) in all {
        match reason {
            Some(r) => out.set_apart.push((sp, r)),
            None => out.focal.push(sp),
        }
    }
    out
}

/// Reads again the paragraphs [`segment`] set apart by a past-story opener alone
/// ([`Segmentation::opener_paragraphs`]) whose opening sentence names only days at most
/// [`RECENT_OPENER_DAYS`] before the publication day (`focus.anchor`; none when only the
/// month is known) and which name no organisation, camel-case or acronym name or city
/// that the title and lead do not ([`Focus::names_another`]): "Vorige week maandag
/// kregen de bestuurder en de raad van toezicht een e-mail …" in a news report goes on
/// with the focal story. "Last week, St Mary's in Leeds was hit too" stays apart, as does
/// an undated "Last year, …". Returns whether any sentence came back (`seg.focal` stays in
/// text order). Cost: the date regexes over each such paragraph's first sentence.
pub fn readmit_recent(
    text: &str,
    seg: &mut Segmentation,
    focus: &Focus,
    lexicons: &[&Lexicon],
) -> bool {
    let Some(a) = focus.anchor.filter(|a| !a.month_only) else {
        return false;
    };
    let mut back: Vec<Span> = Vec::new();
    for para in &seg.opener_paragraphs {
        let Some(first) = para.first() else { continue };
        let first_text = &text[first.start..first.end];
        let days = crate::dates::find_dates_in(first_text, Some(a), lexicons);
        let within = |limit: i64| {
            days.iter().all(|d| {
                d.value.len() == 10
                    && crate::dates::parse_iso(&d.value)
                        .is_some_and(|x| x <= a.date && (a.date - x).num_days() <= limit)
            })
        };
        let recent = !days.is_empty() && within(RECENT_OPENER_DAYS);
        // A recap ("Ter herinnering: in de nacht van vrijdag 31 oktober … versleutelden de
        // criminelen alle computers van het zorgcentrum" in a follow-up six weeks on)
        // retells the focal incident unless it tells of an earlier one.
        let recap = || {
            lexicons.iter().any(|l| {
                l.recap_opener
                    .as_ref()
                    .is_some_and(|r| r.is_match(first_text))
            }) && within(RECAP_DAYS)
                && !para.iter().any(|sp| {
                    let s = &text[sp.start..sp.end];
                    lexicons
                        .iter()
                        .any(|l| l.earlier_incident.as_ref().is_some_and(|r| r.is_match(s)))
                })
        };
        if !recent && !recap() {
            continue;
        }
        let para_text = para
            .iter()
            .map(|sp| &text[sp.start..sp.end])
            .collect::<Vec<_>>()
            .join(" ");
        if !focus.names_another(&para_text) {
            back.extend(para.iter().copied());
        }
    }
    if back.is_empty() {
        return false;
    }
    seg.set_apart.retain(|(sp, _)| !back.contains(sp));
    seg.focal.extend(back);
    seg.focal.sort_by_key(|sp| sp.start);
    true
}

/// Days before publication that a paragraph's opening sentence may be dated for a
/// past-story opener ("vorige week maandag", "last Tuesday week") not to set the
/// paragraph apart ([`readmit_recent`]): news of the focal incident told days later.
pub const RECENT_OPENER_DAYS: i64 = 14;

/// Days before publication that a recap paragraph's opening sentence may be dated for
/// the paragraph to retell the focal incident ([`readmit_recent`], lexicon
/// `focal.recap_openers`): a follow-up months on ("Ter herinnering: in de nacht van
/// vrijdag 31 oktober …" on 16 December). Half a year.
pub const RECAP_DAYS: i64 = 183;

/// A focal sentence dated only to more than this many days before the focal incident's
/// date is about another, earlier incident. Months of dwell time stay focal (a report's
/// timeline: "18 March 2021: a phishing email…" before a 14 May 2021 encryption).
pub const EARLIER_INCIDENT_DAYS: i64 = 365;

/// Days before the focal date (or, unknown, the publication date) a sentence's every date
/// or month must end for it to be about another incident when it names an organisation
/// the title and lead do not ([`Focus::names_another`]): about two months, longer than a
/// report's own run-up ("on 2 September staff noticed …" in a 4 September article).
pub const OTHER_ORG_DAYS: i64 = 60;

/// A time a sentence refers to: its last day, and whether only its year is known.
#[derive(Debug, Clone, Copy)]
struct TimeRef {
    end: NaiveDate,
    year_only: bool,
    /// Read from a `previous_year_cues` phrase ("last year"), not a written year.
    previous_year: bool,
}

impl TimeRef {
    /// Is this time before the focal incident's, by more than a dwell time? A date or a
    /// month: it ends more than [`EARLIER_INCIDENT_DAYS`] before `focal`. A year ("in
    /// 2019", "vorig jaar"): it is a year before `focal`'s.
    fn before(&self, focal: NaiveDate) -> bool {
        self.before_by(focal, EARLIER_INCIDENT_DAYS)
    }

    /// A year: a year before `end`'s; a date or a month: it ends more than `days` before
    /// `end`.
    fn before_by(&self, end: NaiveDate, days: i64) -> bool {
        if self.year_only {
            self.end.year() < end.year()
        } else {
            (end - self.end).num_days() > days
        }
    }
}

/// The times a sentence refers to: its dates (a month ends on its last day), a year after
/// a `year_prefixes` word ("in 2019", "im Jahr 2019", "sinds 2019"), and the year before
/// the anchor for a `previous_year_cues` phrase ("vorig jaar", "l'an dernier", "last
/// year").
fn time_refs(s: &str, anchor: Option<Anchor>, lexicons: &[&Lexicon]) -> Vec<TimeRef> {
    let mut out = Vec::new();
    for d in crate::dates::find_dates_in(s, anchor, lexicons) {
        let end =
            crate::dates::parse_iso(&d.value).or_else(|| Anchor::parse(&d.value).map(|a| a.date));
        if let Some(end) = end {
            out.push(TimeRef {
                end,
                year_only: false,
                previous_year: false,
            });
        }
    }
    let year_end = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    for l in lexicons {
        if let Some(r) = &l.year_prefix {
            for c in r.captures_iter(s) {
                let mut years = vec![c[1].to_string()];
                // Years coordinated with it ("patients treated in 2024 and 2025", "in
                // 2023, 2024 en 2025", "im Jahr 2024/25" is not read): a range or list
                // of years is as late as its last one. Any joiner of up to three
                // letters ("and", "en", "et", "und", "to", "tot", "bis", "au") or a dash,
                // slash or comma, in every language alike.
                let mut rest = &s[c
                    .get(1)
                    .map_or(c.get(0).expect("group 0").end(), |m| m.end())..];
                while let Some(m) =
                    re!(r"^\s*(?:[-–/,]|\p{L}{1,3})\s*((?:19|20)\d\d)\b").captures(rest)
                {
                    years.push(m[1].to_string());
                    rest = &rest[m.get(0).expect("group 0").end()..];
                }
                for y in years {
                    if let Some(end) = y.parse::<i32>().ok().and_then(year_end) {
                        out.push(TimeRef {
                            end,
                            year_only: true,
                            previous_year: false,
                        });
                    }
                }
            }
        }
        if let Some(r) = &l.previous_year
            && r.is_match(s)
        {
            // Without an anchor the year is unknown: the end of time stands for it (a
            // past year all the same, `previous_year`).
            let end = match anchor {
                Some(a) => year_end(a.date.year() - 1),
                None => Some(NaiveDate::MAX),
            };
            if let Some(end) = end {
                out.push(TimeRef {
                    end,
                    year_only: true,
                    previous_year: true,
                });
            }
        }
    }
    out
}

/// Most days after publication an update stamp may be: a later "date" is no stamp.
const UPDATE_STAMP_DAYS: i64 = 400;

/// The update stamps of `text`: lines opening with a lexicon's `focal.update_openers`
/// ("Update, 19 March 2025", "MISE À JOUR – mardi 2 juillet 2024", "Aktualisierung vom 7.
/// November 2025:", "Update van het CGG (24 maart 2026):") whose first date, within the
/// line's first [`UPDATE_STAMP_HEAD`] bytes, is a full day with its year, later than the
/// publication day `anchor` and at most [`UPDATE_STAMP_DAYS`] after it. Returns (byte
/// offset of the line, that day) in text order; none without a day-precise anchor (a
/// stamp is read only against a known publication day). A stamp's section tells of days
/// after publication: its dates without a year are read against the stamp
/// ([`Focus::at`]). Cost: the opener regex over each line, the date regexes over the
/// stamps' heads.
pub fn update_stamps(
    text: &str,
    anchor: Option<Anchor>,
    lexicons: &[&Lexicon],
) -> Vec<(usize, Anchor)> {
    let Some(pub_day) = anchor.filter(|a| !a.month_only).map(|a| a.date) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for l in lines(text) {
        let line = text[l.start..l.end].trim_start();
        if !lexicons
            .iter()
            .any(|x| x.update_opener.as_ref().is_some_and(|r| r.is_match(line)))
        {
            continue;
        }
        let head = &line[..super::floor_boundary(line, UPDATE_STAMP_HEAD.min(line.len()))];
        let Some(day) = crate::dates::find_dates_in(head, None, lexicons)
            .first()
            .and_then(|d| crate::dates::parse_iso(&d.value))
        else {
            continue;
        };
        if day > pub_day && (day - pub_day).num_days() <= UPDATE_STAMP_DAYS {
            out.push((
                l.start,
                Anchor {
                    date: day,
                    month_only: false,
                },
            ));
        }
    }
    out
}

/// Bytes of a stamp line in which its date must stand.
const UPDATE_STAMP_HEAD: usize = 80;

/// Sets apart the focal sentences about another, earlier incident: a sentence of which
/// [`Focus::is_other_incident`] holds ("In June 2022, a phishing campaign compromised …" in
/// a report of a 2025 attack; "Vorig jaar …"; "En 2019, …"; with the focal date unknown,
/// "Erst im vergangenen Jahr war ein Luxemburger Pflegenetz Opfer …"), and after it the
/// sentences of its paragraph that give no time of their own or only times more than
/// [`OTHER_ORG_DAYS`] before the focal date and no name of the title or lead, up to one
/// that speaks of this incident (`focal.this_incident_cues`) or is dated near it. `focus.date` is the
/// focal incident's date, when read (never the publication date: a retrospective
/// article's sentences about its incident are dated near that incident, not near
/// publication).
pub fn set_apart_earlier(text: &str, seg: &mut Segmentation, focus: &Focus, lexicons: &[&Lexicon]) {
    let ls = lines(text);
    let mut keep = Vec::with_capacity(seg.focal.len());
    let mut li = 0usize;
    let mut other_para: Option<usize> = None;
    let mut last_kept_para: Option<usize> = None;
    for sp in std::mem::take(&mut seg.focal) {
        while li < ls.len() && ls[li].end <= sp.start {
            li += 1;
        }
        let para = ls.get(li).map(|l| l.para);
        let s = &text[sp.start..sp.end];
        let focus = focus.at(sp.start);
        let this = lexicons
            .iter()
            .any(|l| l.this_incident.as_ref().is_some_and(|r| r.is_match(s)));
        // A sentence referring back to the data the sentence before it said was taken
        // ("They include reports … concerning 1,100 patients treated in 2024 and 2025",
        // lexicon `theft_reference_cues`) is about that sentence's incident: kept after a
        // kept sentence of its paragraph, whatever years it names.
        let refers_back = last_kept_para.is_some()
            && last_kept_para == para
            && lexicons.iter().any(|l| {
                l.theft_reference
                    .as_ref()
                    .is_some_and(|r| r.find(s.trim_start()).is_some_and(|m| m.start() == 0))
            });
        let earlier = !refers_back && focus.is_other_incident(s, lexicons);
        // A sentence of the same paragraph continues the other incident when it gives no
        // time of its own, or only times months before this incident's (or, unknown, the
        // publication's) and no name of the title or lead ("In januari 2021 … CHwapi … plat.
        // In november 2023 was het de beurt aan Vivalia …").
        let continues = !this
            && para.is_some()
            && other_para == para
            && (time_refs(s, focus.anchor, lexicons).is_empty() || focus.well_before(s, lexicons));
        if earlier {
            other_para = para;
        } else if !continues {
            other_para = None;
        }
        if earlier || continues {
            seg.set_apart.push((sp, Reason::OtherIncident));
            last_kept_para = None;
        } else {
            keep.push(sp);
            last_kept_para = para;
        }
    }
    seg.focal = keep;
    seg.set_apart.sort_by_key(|(sp, _)| sp.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon;

    fn run(t: &str) -> (Vec<String>, Vec<(String, Reason)>) {
        let spans = crate::text::sentences(t);
        let lex = lexicon::for_language(Some("en"));
        let s = segment(t, &spans, &lex);
        (
            s.focal
                .iter()
                .map(|x| t[x.start..x.end].to_string())
                .collect(),
            s.set_apart
                .iter()
                .map(|(x, r)| (t[x.start..x.end].to_string(), *r))
                .collect(),
        )
    }

    #[test]
    fn menus_related_and_comments_are_set_apart() {
        let t = "Title\nPublished: 2020-09-28\n\nNews\nMicrosoft: New bug exploited\nLockBit claims attack on a county\nBest VPNs\n\nThe hospital shut down systems.\n\nRelated Articles:\nAttack cost $27 million\n\nComments\nGreat article.";
        let (focal, apart) = run(t);
        assert_eq!(
            focal,
            vec![
                "Title",
                "Published: 2020-09-28",
                "The hospital shut down systems."
            ]
        );
        assert!(
            apart
                .iter()
                .any(|(s, r)| s == "Best VPNs" && *r == Reason::Navigation)
        );
        assert!(
            apart
                .iter()
                .any(|(s, r)| s.contains("$27") && *r == Reason::Related)
        );
        assert!(
            apart
                .iter()
                .any(|(s, r)| s == "Great article." && *r == Reason::Comments)
        );
    }

    #[test]
    fn content_lists_and_tracker_fields_are_not_menus() {
        let t = "Title\n\nThe hospital said:\n- 70 operations cancelled\n- 7 patients transferred\n- ambulances diverted\n\nVictim: Alpha Hospital\nCountry: Belgium\nSector: Healthcare\nThreat actor: LockBit";
        let (focal, apart) = run(t);
        assert!(apart.is_empty(), "{apart:?}");
        assert!(focal.contains(&"- ambulances diverted".to_string()));
        assert!(focal.contains(&"Threat actor: LockBit".to_string()));
    }

    #[test]
    fn other_incident_paragraph_unless_it_names_the_victim() {
        let t = "Gang hits Alpha General Hospital\n\nAlpha General Hospital was hit.\n\nLast month, the gang breached Beta Valley Hospital.\n\nLast year, Alpha General Hospital was also attacked.";
        let (focal, _) = run(t);
        assert!(!focal.iter().any(|s| s.contains("Beta")));
        assert!(focal.iter().any(|s| s.contains("Last year")));
    }

    #[test]
    fn unknown_labels_and_tweets() {
        let t = "T\n\nExfiltration: Unknown. Encryption: confirmed.\nOur team saw this.\n— A researcher (@x) September 28, 2020\nThe hospital was hit.";
        let (focal, apart) = run(t);
        assert!(focal.contains(&"Encryption: confirmed.".to_string()));
        assert!(
            apart
                .iter()
                .any(|(s, r)| s == "Exfiltration: Unknown." && *r == Reason::Unknown)
        );
        assert!(
            apart
                .iter()
                .any(|(s, r)| s == "Our team saw this." && *r == Reason::Quoted)
        );
        assert!(focal.contains(&"The hospital was hit.".to_string()));
    }

    #[test]
    fn nested_and_inflected_unknown_labels() {
        let t = "T\n\n- Financial: Ransom: Not mentioned.\n- Demande de rançon : Non mentionnée\nThe hospital was hit.";
        let spans = crate::text::sentences(t);
        let lex = lexicon::for_language(Some("fr"));
        let seg = segment(t, &spans, &lex);
        let focal: Vec<String> = seg
            .focal
            .iter()
            .map(|x| t[x.start..x.end].to_string())
            .collect();
        let apart: Vec<(String, Reason)> = seg
            .set_apart
            .iter()
            .map(|(x, r)| (t[x.start..x.end].to_string(), *r))
            .collect();
        for l in [
            "- Financial: Ransom: Not mentioned.",
            "- Demande de rançon : Non mentionnée",
        ] {
            assert!(
                apart.iter().any(|(s, r)| s == l && *r == Reason::Unknown),
                "{l}: {apart:?}"
            );
        }
        assert!(focal.contains(&"The hospital was hit.".to_string()));
    }
}
