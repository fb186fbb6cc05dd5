//! Deterministic, offline extraction of an [`IncidentRecord`] from a [`Document`].
//!
//! Every rule works sentence by sentence and records the sentence as evidence; the rules
//! are documented in `docs/intel.md` ("Extraction rules"). Nothing is looked up outside the
//! document except the built-in gazetteer, the ATT&CK table and the list of known threat
//! actor and malware names.

pub mod focal;
pub mod lexicon;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::attack::Attack;
use crate::dates::{self, Anchor, DateMention};
use crate::document::Document;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::record::*;
use crate::text::{self, Span};

/// Bumped whenever the rules change the output for the same input.
pub const EXTRACTOR_VERSION: u32 = 3;

/// At most this many items are kept per list field of a record (indicators, impacts,
/// techniques…); the rest are counted in `IncidentRecord::omitted` ("+N more"), so an
/// article full of indicators cannot amplify into a huge record.
pub const MAX_ITEMS_PER_FIELD: usize = 100;

/// An evidence sentence longer than this (bytes) is cut to its first part (on a character
/// boundary; the evidence stays `text[offset..offset + len]`).
pub const MAX_EVIDENCE_BYTES: usize = 1000;

/// A regex compiled once, on first use, and cached in a `static` (so using it inside a
/// loop does not recompile it — clippy's `regex_creation_in_loops` cannot see the cache).
macro_rules! re {
    ($s:expr) => {{
        static R: OnceLock<Regex> = OnceLock::new();
        #[allow(clippy::regex_creation_in_loops)]
        R.get_or_init(|| text::compile($s))
    }};
}

/// The document split into sentences, with helpers to build evidence.
struct Ctx<'a> {
    text: &'a str,
    /// The focal sentences (see [`focal`]): every rule reads only these.
    spans: Vec<Span>,
    published: Option<NaiveDate>,
    /// What relative dates resolve against (the publication day, or only its month).
    anchor: Option<Anchor>,
    /// The lexicons of the document's language, then English.
    lex: Vec<&'a lexicon::Lexicon>,
    /// Index of the sentences that are recommendations (not descriptions of the attack).
    advisory: Vec<bool>,
    /// Index of the sentences that leave open whether something happened ("whether",
    /// "Of er …", "Ob …", "on ignore si …", "may have to be"): the lexicons'
    /// `uncertainty_cues`. Such a sentence states no effect, technique, response or motive.
    undecided: Vec<bool>,
    /// The dateline's sentence and the byte range of its date, when there is one.
    dateline: Option<(usize, usize, usize)>,
}

impl<'a> Ctx<'a> {
    fn sentence(&self, i: usize) -> &'a str {
        let s = self.spans[i];
        &self.text[s.start..s.end]
    }
    fn evidence(&self, i: usize) -> Evidence {
        let s = self.sentence(i);
        let s = if s.len() > MAX_EVIDENCE_BYTES {
            &s[..floor_boundary(s, MAX_EVIDENCE_BYTES)]
        } else {
            s
        };
        Evidence {
            sentence: s.to_string(),
            offset: self.spans[i].start,
        }
    }
    /// Does any lexicon's regex (picked by `f`) match `s`?
    fn lex_match(&self, s: &str, f: impl Fn(&lexicon::Lexicon) -> Option<&Regex>) -> bool {
        self.lex.iter().any(|l| f(l).is_some_and(|r| r.is_match(s)))
    }
    /// Is the match at `at` negated? By a negation of the document's lexicons in the same
    /// clause (up to 40 bytes before, cut at the lexicons' clause boundaries), or by a
    /// denial cue anywhere before it in the sentence ("no evidence that …").
    fn lex_negated(&self, s: &str, at: usize) -> bool {
        let before = self.clause_before(s, at);
        self.lex.iter().any(|l| {
            l.negation.as_ref().is_some_and(|r| r.is_match(before))
                || l.denial.as_ref().is_some_and(|r| r.is_match(&s[..at]))
        })
    }
    /// The clause before byte `at`: at most 40 bytes, cut at the last clause boundary
    /// (`,` `;` `:` and the lexicons' `clause_boundaries`).
    fn clause_before<'s>(&self, s: &'s str, at: usize) -> &'s str {
        let from = floor_boundary(s, at.saturating_sub(40));
        let mut before = &s[from..at];
        let words = self
            .lex
            .iter()
            .flat_map(|l| l.file.clause_boundaries.iter().map(String::as_str));
        for sep in [",", ";", ":"].into_iter().chain(words) {
            if let Some(p) = before.rfind(sep) {
                before = &before[p + sep.len()..];
            }
        }
        before
    }
    /// Does the word at `start..end` stand alone as a label — a category tag of a tracker
    /// title ("Incident: X - ransomware", "Vorfall: X - Ransomware") or a kicker
    /// ("Ransomware: …")? A label classifies the page; it does not state what happened.
    fn is_label(&self, s: &str, start: usize, end: usize) -> bool {
        let before = s[..start].trim_end();
        let after = s[end..].trim_start();
        // A compound that labels a tracker field ("Ransomware-slachtoffer:",
        // "Ransomware-Opfer:") is a category too.
        let label_compound = re!(r"^-[\p{L}]+\s*:").is_match(&s[end..]);
        label_compound
            || (before.is_empty() || before.ends_with(['-', '–', '—', '|', ':', '(', '[']))
                && (after.is_empty() || after.starts_with([')', ']', '|', '-', '–', '—', ':']))
    }
    /// Is the organisation named at `at` the object of the attack ("attack on X", "aanval
    /// op X", "attaque contre X", "Angriff auf X"), by the lexicons' `attack_object_cues`?
    fn is_attack_object(&self, s: &str, at: usize) -> bool {
        let before = &s[floor_boundary(s, at.saturating_sub(40))..at];
        self.lex
            .iter()
            .any(|l| l.attack_object.as_ref().is_some_and(|r| r.is_match(before)))
    }
    /// Is the organisation named at `at` a site listed as run by another ("betreibt drei
    /// Krankenhäuser: das X", "runs hospitals including X"; lexicon `operated_site_cues`)?
    fn is_operated_site(&self, s: &str, at: usize) -> bool {
        // The whole sentence before the name: every item of the list is a site.
        let before = &s[..at];
        self.lex
            .iter()
            .any(|l| l.operated_site.as_ref().is_some_and(|r| r.is_match(before)))
    }
    /// A proper name right after an attack-object cue that the organisation rule did not
    /// see because it has no organisation keyword ("the attack on Pathwell, a lab …"):
    /// its start and text. Never a weekday, month, place or possessive ("attack on
    /// Ireland's HSE" names the HSE, not Ireland).
    fn unnamed_attack_object(&self, s: &str) -> Option<(usize, String)> {
        // Hand-written scan: a run of capitalised words is all a name needs here.
        let mut words = Vec::new();
        let mut start = None;
        for (i, ch) in s.char_indices() {
            let word_char = ch.is_alphanumeric() || matches!(ch, '-' | '&');
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(a), false) => {
                    words.push((a, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(a) = start {
            words.push((a, s.len()));
        }
        let capitalised =
            |&(a, _): &(usize, usize)| s[a..].chars().next().is_some_and(char::is_uppercase);
        for (k, w) in words.iter().enumerate() {
            if !capitalised(w) || !self.is_attack_object(s, w.0) {
                continue;
            }
            let mut end = w.1;
            for next in &words[k + 1..] {
                if capitalised(next) && s[end..next.0].trim().is_empty() {
                    end = next.1;
                } else {
                    break;
                }
            }
            let name = &s[w.0..end];
            let after = &s[end..];
            let lower = name.to_lowercase();
            let calendar = self.lex.iter().any(|l| {
                l.file
                    .weekdays
                    .keys()
                    .chain(l.file.months.keys())
                    .any(|d| lower.starts_with(d.as_str()))
            });
            // English weekdays and months are built in (crate::dates), not in a lexicon.
            let first_word = &s[w.0..w.1];
            let calendar = calendar
                || first_word.parse::<chrono::Weekday>().is_ok()
                || first_word.parse::<chrono::Month>().is_ok();
            if calendar
                || after.starts_with("'s")
                || after.starts_with("’s")
                || Gazetteer::get().lookup_ci(name).is_some()
            {
                return None;
            }
            return Some((w.0, name.to_string()));
        }
        None
    }
    /// The apposition that starts `rest` (", a pathology provider to …", ", het bedrijf
    /// dat …"): `rest` opens with a comma and an article of the lexicons; the text up to
    /// the next comma or full stop. `None` when `rest` is no apposition.
    fn apposition(&self, rest: &str) -> Option<String> {
        let r = rest.strip_prefix(',')?.trim_start();
        let first = r.split_whitespace().next()?;
        let article = self.lex.iter().any(|l| {
            l.file.articles.iter().any(|a| {
                a.eq_ignore_ascii_case(first)
                    || (a.ends_with(['\'', '’'])
                        && first.to_lowercase().starts_with(&a.to_lowercase()))
            })
        });
        if !article {
            return None;
        }
        Some(self.own_type_phrase(r.split([',', '.', ';']).next().unwrap_or(r)))
    }
    /// A type phrase without what the organisation serves: "a lab serving hospitals" →
    /// "a lab", "het bedrijf dat … levert aan ziekenhuizen" → "het bedrijf" (lexicon
    /// `apposition_ends`); the customer's type is not the organisation's. The first word
    /// (an article: "die", "de") is never the end.
    fn own_type_phrase(&self, phrase: &str) -> String {
        let first = phrase.split_whitespace().next().unwrap_or("");
        let from = phrase.find(first).map_or(0, |p| p + first.len());
        let mut a = phrase.to_string();
        for l in &self.lex {
            if let Some(m) = l
                .apposition_end
                .as_ref()
                .and_then(|e| e.find_at(&a, from.min(a.len())))
            {
                a.truncate(m.start());
            }
        }
        a
    }
    /// Does the organisation named at byte `at` follow a destination phrase ("diverted to",
    /// "overgebracht naar", "transférés vers", "nach"; lexicon `destination_cues`)?
    fn is_destination(&self, s: &str, at: usize) -> bool {
        let before = &s[floor_boundary(s, at.saturating_sub(40))..at];
        self.lex
            .iter()
            .any(|l| l.destination.as_ref().is_some_and(|r| r.is_match(before)))
    }
    /// Is this occurrence of a malware name (ending at `end`) the name of a group ("the
    /// LockBit ransomware gang", "Ransomware-Gruppe") rather than software deployed?
    fn names_group(&self, s: &str, start: usize, end: usize) -> bool {
        let after = &s[end..ceil_boundary(s, end + 16)];
        let before = &s[floor_boundary(s, start.saturating_sub(24))..start];
        self.lex.iter().any(|l| {
            l.group_after.as_ref().is_some_and(|r| r.is_match(after))
                || l.group_before.as_ref().is_some_and(|r| r.is_match(before))
        })
    }
    fn len(&self) -> usize {
        self.spans.len()
    }
    /// Does sentence `i` say that something happened (neither advice nor an open question)?
    fn says(&self, i: usize) -> bool {
        !self.advisory[i] && !self.undecided[i]
    }
    /// Is a negation of the lexicons inside the matched text `m` ("Lösegeld werde nicht
    /// gezahlt", "mussten nicht verschoben werden")? A negation word starting a hyphenated
    /// compound ("niet-dringende") is not one.
    fn negated_within(&self, m: &str) -> bool {
        self.lex.iter().any(|l| {
            l.negation
                .as_ref()
                .is_some_and(|r| r.find_iter(m).any(|x| !m[x.end()..].starts_with('-')))
        })
    }
}

fn fact<T>(value: T, provenance: Provenance, evidence: Evidence, rule: &str) -> Field<T> {
    Field(Some(Fact {
        value,
        provenance,
        evidence,
        rule: Some(rule.to_string()),
    }))
}

/// Does `s` hold a ransom / extortion cue of the lexicons that is not the kind of a group
/// ("the INC Ransom extortion group", "extortion gang")?
fn ransom_cue(ctx: &Ctx, s: &str) -> bool {
    ctx.lex.iter().any(|l| {
        l.ransom.as_ref().is_some_and(|r| {
            r.find_iter(s)
                .any(|m| !ctx.names_group(s, m.start(), m.end()))
        })
    })
}

/// A mention of a ransom is evidence of a demand unless the sentence denies the demand
/// (the lexicons' `ransom_denials`).
fn ransom_denied(ctx: &Ctx, s: &str) -> bool {
    ctx.lex_match(s, |l| l.ransom_denial.as_ref())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// Extracts the incident record of one document, read with the embedded lexicons.
pub fn extract(doc: &Document) -> IncidentRecord {
    extract_with(doc, &[])
}

/// Extracts the incident record of one document, with `extra` lexicons (loaded at run time
/// with [`lexicon::Lexicon::from_path`]) as further candidate languages: the document's
/// language is detected among the embedded and the extra lexicons, and an extra lexicon
/// replaces an embedded one of the same code.
pub fn extract_with(doc: &Document, extra: &[lexicon::Lexicon]) -> IncidentRecord {
    let text = doc.text();
    let all_spans = text::sentences(&text);
    let sample = format!("{}\n{}", doc.title.as_deref().unwrap_or(""), doc.body);
    let language = lexicon::detect_among(
        &sample,
        extra.iter().chain(
            lexicon::all()
                .iter()
                .filter(|l| !extra.iter().any(|x| x.file.code == l.file.code)),
        ),
    );
    let lex = lexicon::with_extra(language, extra);
    let seg = focal::segment(&text, &all_spans, &lex);
    let spans = seg.focal;
    let anchor = doc.published.as_deref().and_then(Anchor::parse);
    let published = anchor.map(|a| a.date);
    // Advice (a recommendation, never something that happened): the lexicons'
    // `recommendation` cues, after their `advice_exceptions` ("the need to …") are removed.
    let advisory = spans
        .iter()
        .map(|s| {
            let mut t = text[s.start..s.end].to_string();
            for l in &lex {
                if let Some(r) = &l.advice_exception {
                    t = r.replace_all(&t, " ").into_owned();
                }
            }
            lex.iter()
                .any(|l| l.recommendation.as_ref().is_some_and(|r| r.is_match(&t)))
        })
        .collect();
    let undecided = spans
        .iter()
        .map(|s| {
            let t = &text[s.start..s.end];
            lex.iter()
                .any(|l| l.uncertainty.as_ref().is_some_and(|r| r.is_match(t)))
        })
        .collect();
    let mut noise = doc.noise.clone();
    for (sp, why) in &seg.set_apart {
        let piece = &text[sp.start..sp.end];
        let piece = &piece[..floor_boundary(piece, MAX_EVIDENCE_BYTES.min(piece.len()))];
        if noise.set_apart.len() < MAX_ITEMS_PER_FIELD {
            noise.set_apart.push(format!("{}: {piece}", why.as_str()));
        }
    }
    let mut ctx = Ctx {
        text: &text,
        spans,
        published,
        anchor,
        lex,
        advisory,
        undecided,
        dateline: None,
    };
    let publication_date = publication_date(&mut ctx, doc);
    let (victims, victim_sentence) = victims(&ctx);
    let sector = sector(&ctx, &victims);
    let (country, city) = geography(&ctx, victim_sentence, &victims);
    let (incident_date, discovery_date) = incident_dates(&ctx);
    let summary = summary(&ctx, doc);
    let mut omitted = BTreeMap::new();
    let techniques = bounded("techniques", techniques(&ctx), &mut omitted);
    let impacts = bounded("impacts", impacts(&ctx), &mut omitted);
    let response_actions = bounded("response_actions", responses(&ctx), &mut omitted);
    let (iocs, more_iocs) = iocs(&ctx);
    if more_iocs > 0 {
        omitted.insert("iocs".to_string(), more_iocs);
    }
    let lessons_learned = bounded("lessons_learned", lessons(&ctx), &mut omitted);
    let recommendations = bounded("recommendations", recommendations(&ctx), &mut omitted);
    let threat_actors = bounded("threat_actors", threat_actors(&ctx, &victims), &mut omitted);
    let malware = bounded("malware", malware(&ctx), &mut omitted);
    let victims = bounded("victims", victims, &mut omitted);

    IncidentRecord {
        id: doc.incident_id(),
        source: SourceInfo {
            path: doc.source.clone(),
            format: doc.format.as_str().to_string(),
            title: doc.title.clone(),
            url: doc.url.clone(),
            guid: doc.guid.clone(),
            published: ctx
                .anchor
                .map(|a| a.iso())
                .or_else(|| ctx.published.map(|d| d.format("%Y-%m-%d").to_string())),
            content_hash: doc.content_hash(),
            links: doc.links.clone(),
        },
        title: doc
            .title
            .as_deref()
            .map(|t| clean_title(t, &ctx.lex))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| first_words(ctx.text, 12)),
        summary,
        victims,
        sector,
        country,
        city,
        incident_date,
        discovery_date,
        publication_date,
        cia: availability_from_effects(lex_cia(&ctx, cia(&ctx)), &impacts, &response_actions),
        motives: motives(&ctx),
        threat_actors,
        malware,
        techniques,
        impacts,
        response_actions,
        iocs,
        lessons_learned,
        recommendations,
        text: text.clone(),
        noise,
        language: language.map(str::to_string),
        omitted,
        extractor_version: EXTRACTOR_VERSION,
    }
}

/// Keeps the first [`MAX_ITEMS_PER_FIELD`] items, counting the rest in `omitted[field]`.
fn bounded<T>(field: &str, mut v: Vec<T>, omitted: &mut BTreeMap<String, usize>) -> Vec<T> {
    if v.len() > MAX_ITEMS_PER_FIELD {
        omitted.insert(field.to_string(), v.len() - MAX_ITEMS_PER_FIELD);
        v.truncate(MAX_ITEMS_PER_FIELD);
    }
    v
}

/// A page title without site furniture: breadcrumbs ("Menu Browse Cyber Incident Victim:"),
/// reference numbers ("- Reference: 1768395156 -"), a trailing " | Site name".
fn clean_title(t: &str, _lex: &[&lexicon::Lexicon]) -> String {
    let mut t = text::squash(t);
    t = re!(r"(?i)\s*[-–|]?\s*(?:reference|ref\.?|id)\s*:\s*[\w-]+\s*[-–|]?\s*")
        .replace_all(&t, " ")
        .trim()
        .to_string();
    t = re!(r"^(?i:(?:menu|browse|home|search|skip to (?:main )?content|navigation|toggle navigation)\s+)+")
        .replace(&t, "")
        .to_string();
    // A breadcrumb ending in a label ("Cyber Incident Victim: X") keeps what follows it.
    if let Some(c) = re!(
        r"^(?:[\p{Lu}][\p{L}-]*\s+){1,4}(?i:victim|incident|organi[sz]ation|entity)\s*:\s*(\S.*)$"
    )
    .captures(&t)
    {
        t = c[1].to_string();
    }
    t.trim_matches(|c: char| c == '-' || c == '|' || c.is_whitespace())
        .to_string()
}

fn first_words(t: &str, n: usize) -> String {
    t.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Summary and dates

fn summary(ctx: &Ctx, doc: &Document) -> Field<String> {
    // The lead: the first sentence after the title and the publication line.
    let title = doc.title.as_deref().map(str::trim).unwrap_or("");
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if (!title.is_empty() && s == title) || s.starts_with("Published: ") {
            continue;
        }
        if s.split_whitespace().count() < 6 {
            continue;
        }
        return fact(
            s.to_string(),
            Provenance::Stated,
            ctx.evidence(i),
            "lead sentence",
        );
    }
    Field(None)
}

fn publication_date(ctx: &mut Ctx, _doc: &Document) -> Field<String> {
    let dateline = find_dateline(ctx);
    if let Some((i, a, b)) = dateline {
        ctx.dateline = Some((i, a, b));
    }
    if let Some(p) = ctx.published {
        let iso = ctx
            .anchor
            .map(|a| a.iso())
            .unwrap_or_else(|| p.format("%Y-%m-%d").to_string());
        for i in 0..ctx.len() {
            let s = ctx.sentence(i);
            if s.starts_with("Published: ") {
                return fact(
                    iso,
                    Provenance::Stated,
                    ctx.evidence(i),
                    "publication metadata",
                );
            }
        }
    }
    if let Some((i, a, b)) = dateline {
        let s = ctx.sentence(i);
        let ds = dates::find_dates(&s[a..b], None);
        if let Some(d) = ds.first() {
            ctx.published = dates::parse_iso(&d.value);
            return fact(
                d.value.clone(),
                Provenance::Stated,
                ctx.evidence(i),
                "dateline",
            );
        }
    }
    Field(None)
}

/// A dateline: "DUBLIN, May 14, 2021 —" within the first sentences of the body: the
/// sentence and the byte range of its date.
fn find_dateline(ctx: &Ctx) -> Option<(usize, usize, usize)> {
    for i in 0..ctx.len().min(4) {
        let s = ctx.sentence(i);
        let ds = dates::find_dates(s, None);
        if let Some(d) = ds.first() {
            let rest = s[d.end..].trim_start();
            let dateline = d.start < 40
                && d.value.len() == 10
                && (rest.starts_with('—')
                    || rest.starts_with('–')
                    || rest.starts_with("- ")
                    || rest.starts_with("(")
                    || rest.starts_with(':'));
            if dateline {
                return Some((i, d.start, d.end));
            }
        }
    }
    None
}

/// Incident and discovery dates: the first date (not after publication) of a sentence
/// about the attack / about its discovery. The cues are the lexicons' `attack_cues`,
/// `incident_cues`, `discovery_cues`, `strong_incident_cues` (a sentence that dates the
/// attack itself as well as its detection), `third_party_cues` (someone else's telemetry,
/// not the discovery), `statement_verbs` (a date a statement was made on) and
/// `later_event_cues` (a claim or a leak after the attack: its date is not the attack's).
fn incident_dates(ctx: &Ctx) -> (Field<String>, Field<String>) {
    let third_party = |s: &str| ctx.lex_match(s, |l| l.third_party.as_ref());
    let mut incident: Field<String> = Field(None);
    let mut discovery: Field<String> = Field(None);
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if s.starts_with("Published: ") {
            continue;
        }
        // A date the text was said or announced on is not the incident's date.
        let ds: Vec<DateMention> = dates::find_dates_in(s, ctx.anchor, &ctx.lex)
            .into_iter()
            .filter(|d| ctx.dateline != Some((i, d.start, d.end)))
            .filter(|d| {
                let before = &s[floor_boundary(s, d.start.saturating_sub(24))..d.start];
                !ctx.lex_match(before, |l| l.statement_verb.as_ref())
            })
            .collect();
        let Some(d) = pick_date(&ds, ctx.published) else {
            continue;
        };
        let mk = |d: &DateMention, rule: &str| {
            let r = if d.provenance == Provenance::Inferred {
                format!("{rule}; {}", d.rule)
            } else {
                rule.to_string()
            };
            fact(d.value.clone(), d.provenance, ctx.evidence(i), &r)
        };
        let about_discovery = ctx.lex_match(s, |l| l.discovery.as_ref()) && !third_party(s);
        let about_attack =
            ctx.lex_match(s, |l| l.incident.as_ref()) || ctx.lex_match(s, |l| l.attack.as_ref());
        let strong_incident = ctx.lex_match(s, |l| l.strong_incident.as_ref());
        if about_discovery {
            if !discovery.is_stated() {
                discovery = mk(d, "date in a sentence about discovery");
            }
            if strong_incident && !incident.is_stated() {
                incident = mk(d, "date in a sentence about the attack");
            }
        } else if about_attack
            && !incident.is_stated()
            && !third_party(s)
            && (strong_incident || !ctx.lex_match(s, |l| l.later_event.as_ref()))
        {
            incident = mk(d, "date in a sentence about the attack");
        }
    }
    (incident, discovery)
}

/// The first date of a sentence that is not after the publication date.
fn pick_date(ds: &[DateMention], published: Option<NaiveDate>) -> Option<&DateMention> {
    ds.iter()
        .find(|d| match (published, dates::parse_iso(&d.value)) {
            (Some(p), Some(v)) => v <= p,
            _ => true,
        })
}

// ---------------------------------------------------------------------------------------
// Victims, sector, geography

const CAP: &str = r"(?:[dl]['’])?[\p{Lu}][\p{L}\p{N}'’.&-]*";
const CONNECT: &str = r"(?:of|de|du|des|la|le|for|and|&|van|der|del|di|y|the|hospitalier|hospitali[eè]re|universitaire|r[ée]gional|g[ée]n[ée]ral|intercommunal)";

const ORG_KEYWORDS: &[&str] = &[
    "Hospital",
    "Hospitals",
    "Hôpital",
    "Hospitalier",
    "hospitalier",
    "Hospitalario",
    "Hospices",
    "Health",
    "Healthcare",
    "HealthCare",
    "Clinic",
    "Clinics",
    "Clínic",
    "Clinique",
    "Klinikum",
    "Uniklinik",
    "Medical",
    "Infirmary",
    "NHS",
    "Nemocnice",
    "Ziekenhuis",
    "AZ",
    "CHU",
    "CHR",
    "CHC",
    "DHB",
    "Medicine",
    "Sciences",
];

const LEADING_STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "For",
    "By",
    "From",
    "Last",
    "This",
    "That",
    "When",
    "After",
    "Before",
    "While",
    "Since",
    "But",
    "And",
    "Its",
    "Their",
    "Our",
    "Staff",
    "Officials",
    "Hackers",
    "Attackers",
    "Patients",
    "Doctors",
    "Both",
    "Several",
    "Two",
    "Three",
    "Meanwhile",
    "However",
    "Now",
    "Today",
    "Yesterday",
    "Published",
    "Belgium's",
    "Ireland's",
    "France's",
    "Britain's",
    "America's",
    "Germany's",
    "Spain's",
    "US",
    "UK",
];

const WEEKDAYS_MONTHS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn attack_sentence_re() -> &'static Regex {
    re!(
        r"(?i)\b(?:cyber-?attacks?|cyber ?incidents?|cyber|ransomware|hack\w*|breach\w*|intrusion|attack\w*|hit by|struck|compromised|IT outage|malware|extortion|stole|stolen|ransom|criminals)\b"
    )
}

/// The words of all lexicons that shape organisation names, gathered once.
struct NameWords {
    /// Article → the ending a following adjective takes once the article is dropped.
    articles: BTreeMap<String, Option<String>>,
    demonyms: BTreeMap<String, String>,
    suffixes: Vec<(String, String)>,
    org_keywords: HashSet<String>,
    generic: HashSet<String>,
    not_actor: HashSet<String>,
    /// Words that make a capitalised phrase not an organisation (lexicon `not_org_words`).
    not_org: HashSet<String>,
    /// Number words of every lexicon (lower case): "Drei Krankenhäuser" is a count.
    numbers: HashSet<String>,
    type_prefixes: Vec<String>,
    media: Vec<String>,
}

fn name_words() -> &'static NameWords {
    static W: OnceLock<NameWords> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = NameWords {
            articles: BTreeMap::new(),
            demonyms: BTreeMap::new(),
            suffixes: Vec::new(),
            org_keywords: ORG_KEYWORDS.iter().map(|s| s.to_string()).collect(),
            generic: HashSet::new(),
            not_actor: HashSet::new(),
            not_org: HashSet::new(),
            numbers: HashSet::new(),
            type_prefixes: Vec::new(),
            media: Vec::new(),
        };
        for l in lexicon::all() {
            let f = &l.file;
            for a in &f.articles {
                let ending = f.article_adjective_endings.get(&a.to_lowercase()).cloned();
                w.articles.entry(a.clone()).or_insert(ending);
            }
            w.demonyms
                .extend(f.demonyms.iter().map(|(k, v)| (k.clone(), v.clone())));
            w.suffixes.extend(
                f.demonym_suffixes
                    .iter()
                    .map(|[a, b]| (a.clone(), b.clone())),
            );
            w.org_keywords.extend(f.org_keywords.iter().cloned());
            w.generic.extend(f.generic_org_nouns.iter().cloned());
            w.not_actor.extend(f.not_actor_words.iter().cloned());
            w.not_org.extend(f.not_org_words.iter().cloned());
            w.numbers
                .extend(f.number_words.keys().map(|k| k.to_lowercase()));
            w.type_prefixes.extend(f.name_type_prefixes.iter().cloned());
            w.media.extend(f.media_names.iter().cloned());
        }
        w.type_prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.media.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w
    })
}

fn is_org_keyword(t: &str) -> bool {
    name_words()
        .org_keywords
        .contains(t.trim_end_matches(['.', ',']))
}

/// The place a demonym or place adjective names ("Antwerps", "Antwerpener", "Belgische"),
/// from the lexicons' demonym tables, or by their suffix rules checked against the
/// gazetteer.
fn demonym_place(w: &str) -> Option<&'static crate::gazetteer::Place> {
    let g = Gazetteer::get();
    let nw = name_words();
    if let Some(p) = nw.demonyms.get(w) {
        return g.lookup(p);
    }
    if !w.chars().next().is_some_and(char::is_uppercase) || w.chars().count() < 5 {
        return None;
    }
    for (suf, repl) in &nw.suffixes {
        if let Some(stem) = w.strip_suffix(suf.as_str())
            && stem.chars().count() >= 3
            && let Some(p) = g.lookup(&format!("{stem}{repl}"))
            && p.kind == PlaceKind::City
        {
            return Some(p);
        }
    }
    None
}

/// Cleans a capitalised phrase: drops leading sentence words and a trailing possessive.
fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while let Some(w) = words.first() {
        let possessive = (w.ends_with("'s") || w.ends_with("’s")) && words.len() > 1;
        if LEADING_STOP.contains(w) || WEEKDAYS_MONTHS.contains(w) || possessive {
            words.remove(0);
        } else {
            break;
        }
    }
    // Articles, demonyms and generic type nouns of the lexicon languages: "Das Antwerpener
    // Krankenhaus AZ Voorbeeld" → "AZ Voorbeeld"; "Das Städtische Klinikum X" →
    // "Städtisches Klinikum X" (the adjective takes the ending it has without the article).
    let nw = name_words();
    let mut owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    while owned.len() >= 2 {
        let w = owned[0].clone();
        if let Some(ending) = nw.articles.get(&w) {
            owned.remove(0);
            if let Some(e) = ending
                && owned.len() >= 2
                && owned[0].ends_with('e')
                && owned[0].chars().next().is_some_and(char::is_uppercase)
                && !is_org_keyword(&owned[0])
            {
                owned[0].push_str(e);
            }
            continue;
        }
        let rest_has_kw = owned[1..].iter().any(|t| is_org_keyword(t));
        if rest_has_kw && demonym_place(&w).is_some() && !is_org_keyword(&w) {
            owned.remove(0);
            continue;
        }
        if nw.generic.contains(&w) && is_org_keyword(&owned[1]) {
            owned.remove(0);
            continue;
        }
        break;
    }
    let mut words: Vec<&str> = owned.iter().map(String::as_str).collect();
    // Drop trailing connectors and weekday/month words.
    while let Some(w) = words.last() {
        let lw = w.trim_end_matches(['.', ',']);
        if [
            "of", "de", "du", "des", "la", "le", "for", "and", "&", "the", "y",
        ]
        .contains(&lw)
            || WEEKDAYS_MONTHS.contains(&lw)
        {
            words.pop();
        } else {
            break;
        }
    }
    let mut name = words.join(" ");
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(n) = name.strip_suffix(suf)
            && (suf.len() > 1 || !n.ends_with('s'))
        {
            name = n.to_string();
        }
    }
    let name = name
        .trim_end_matches(['.', ',', ':', ';'])
        .trim()
        .to_string();
    if name.chars().count() < 2 {
        return None;
    }
    Some(name)
}

/// A candidate organisation: name, byte offset in the sentence, type context.
struct OrgCandidate {
    name: String,
    at: usize,
    /// The type phrase the rule saw next to the name, if any.
    type_hint: Option<String>,
}

fn org_candidates(s: &str) -> Vec<OrgCandidate> {
    static PHRASE: OnceLock<Regex> = OnceLock::new();
    let phrase = PHRASE.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"{CAP}(?:\s+(?:{CONNECT}\s+)*{CAP})*"
        )))
        .expect("re")
    });
    static TYPED: OnceLock<Regex> = OnceLock::new();
    let typed = TYPED.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i:\b(hospital group|hospital network|hospital operator|hospital chain|health system|health network|healthcare (?:provider|group|company|system|network|organi[sz]ation)|health (?:insurer|insurance company|provider|service|board|authority|trust)|insurance giant|insurer|pathology (?:services )?(?:provider|company|firm|partnership|laboratory|services)|laboratory|clinic group|care home operator|nursing home operator|payment processor|technology (?:company|firm|provider|unit)|subsidiary|hospital|clinic))\s+({CAP}(?:\s+(?:{CONNECT}\s+)*{CAP})*)"
        )))
        .expect("re")
    });
    static APPOS: OnceLock<Regex> = OnceLock::new();
    let appos = APPOS.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"({CAP}(?:\s+(?:{CONNECT}\s+)*{CAP}){{0,6}}),\s+(?:a|an|the|one of(?: the)?|which (?:runs|operates)|[\p{{Lu}}][\p{{L}}]+['’]s)\s+((?:[\w’'-]+\s+){{0,6}}?(?:hospital (?:chain|group|network|operator)|health (?:system|network)|hospital|hospitals|clinic|insurer|provider|network|group|laboratory|partnership|care home|operator|company|trust|service|organi[sz]ation|firm|subsidiary|unit|processor|chain)s?)\b"
        )))
        .expect("re")
    });
    let mut out = Vec::new();
    // "groupe hospitalier Exemple", "centre hospitalier de Cholet": the type phrase is part
    // of the name.
    static PREFIXED: OnceLock<Option<Regex>> = OnceLock::new();
    let prefixed = PREFIXED.get_or_init(|| {
        let nw = name_words();
        if nw.type_prefixes.is_empty() {
            return None;
        }
        let alts: Vec<String> = nw.type_prefixes.iter().map(|p| regex::escape(p)).collect();
        Regex::new(&format!(
            r"(?i:\b({}))\s+((?:(?:de la|de|du|des|d['’])\s*)?{CAP}(?:\s+(?:{CONNECT}\s+)*{CAP})*)",
            alts.join("|")
        ))
        .ok()
    });
    if let Some(prefixed) = prefixed {
        for c in prefixed.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let g = c.get(2).expect("group");
            // "l'hôpital Exemple" → "hôpital Exemple"; a capitalised prefix is left to the
            // phrase rule below ("Centre hospitalier de Tournai").
            if m.as_str().chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if let Some(name) = clean_name(g.as_str())
                && !has_not_org_token(&name)
            {
                let full = format!("{} {}", &c[1], g.as_str().trim());
                let full = if name.len() < g.as_str().trim().len() {
                    format!("{} {name}", &c[1])
                } else {
                    full
                };
                out.push(OrgCandidate {
                    name: full,
                    at: m.start(),
                    type_hint: Some(c[1].to_lowercase()),
                });
            }
        }
    }
    for c in typed.captures_iter(s) {
        let g = c.get(2).expect("group");
        if let Some(name) = clean_name(g.as_str())
            && !is_place_only(&name)
            && !has_not_org_token(&name)
        {
            out.push(OrgCandidate {
                name,
                at: g.start(),
                type_hint: Some(c[1].to_lowercase()),
            });
        }
    }
    for c in appos.captures_iter(s) {
        let g = c.get(1).expect("group");
        if let Some(name) = clean_name(g.as_str())
            && !is_place_only(&name)
            && !has_not_org_token(&name)
        {
            out.push(OrgCandidate {
                name,
                at: g.start(),
                type_hint: Some(c[2].to_lowercase()),
            });
        }
    }
    for m in phrase.find_iter(s) {
        let Some(name) = clean_name(m.as_str()) else {
            continue;
        };
        let tokens: Vec<&str> = name.split_whitespace().collect();
        let has_kw = tokens.iter().any(|t| is_org_keyword(t));
        if !has_kw || tokens.len() < 2 && !tokens[0].chars().all(|c| c.is_uppercase()) {
            continue;
        }
        if tokens.len() < 2 && ["AZ", "CHU", "CHR", "CHC", "DHB"].contains(&tokens[0]) {
            continue;
        }
        if has_not_org_token(&name) {
            continue;
        }
        let at = m.start() + m.as_str().find(name.as_str()).unwrap_or(0);
        // Co-victims in one phrase: "North Example Regional Hospital and Example Valley
        // Medical Center" — split when every part is itself an organisation name.
        let parts: Vec<&str> = re!(r" (?:and|&|en|et|und) ").split(&name).collect();
        let all_orgs = parts.len() > 1
            && parts.iter().all(|p| {
                let t: Vec<&str> = p.split_whitespace().collect();
                t.len() >= 2 && t.iter().any(|w| is_org_keyword(w))
            });
        if all_orgs {
            let mut from = 0usize;
            for p in parts {
                let off = name[from..].find(p).map(|x| x + from).unwrap_or(from);
                from = off + p.len();
                out.push(OrgCandidate {
                    name: p.to_string(),
                    at: at + off,
                    type_hint: None,
                });
            }
            continue;
        }
        out.push(OrgCandidate {
            name,
            at,
            type_hint: None,
        });
    }
    // The owner of stolen data named as a modifier ("publishes stolen NHS data") is not the
    // organisation attacked.
    out.retain(|c| {
        let end = c.at + c.name.len();
        let after = s.get(end..).unwrap_or("");
        !re!(r"(?i)^(?:['’]s)?\s+(?:patient\s+|patients['’]?\s+|staff\s+|customer\s+)?(?:data|records|information|files|gegevens|patiëntgegevens|données|daten|patientendaten)\b").is_match(after)
    });
    out.sort_by_key(|c| c.at);
    out
}

/// Does the phrase hold a word that is never part of an organisation's name (police,
/// ministry, spokesperson — lexicon `not_org_words`), or start with a count ("Drei
/// Krankenhäuser", "Two hospitals")?
fn has_not_org_token(name: &str) -> bool {
    let nw = name_words();
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    nw.numbers.contains(&first)
        || first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty()
        || name.split_whitespace().any(|t| nw.not_org.contains(t))
}

fn is_place_only(name: &str) -> bool {
    let g = Gazetteer::get();
    let found = g.find(name);
    found.len() == 1 && found[0].start == 0 && found[0].end == name.len()
        || WEEKDAYS_MONTHS.contains(&name)
}

/// Classifies an organisation type from a name or phrase (lower-cased match).
pub fn org_type(s: &str) -> Option<&'static str> {
    let l = format!(" {} ", s.to_lowercase());
    // The lexicons' multi-word cues first ("groupe hospitalier" before "hospitalier"); their
    // single-word cues ("zorggroep", "Seniorenzentrum") after the built-in rules, so that a
    // cue found inside an English word ("spital" in "hospital") cannot override them.
    let lexicon_cues = |multiword: bool| {
        lexicon::all().iter().find_map(|lx| {
            lx.file.org_types.iter().find_map(|[cue, ty]| {
                (cue.contains(' ') == multiword && l.contains(cue.as_str())).then_some(ty.as_str())
            })
        })
    };
    if let Some(t) = lexicon_cues(true) {
        return Some(t);
    }
    const RULES: &[(&[&str], &str)] = &[
        (
            &[
                "care home",
                "nursing home",
                "elderly care",
                "elderly-care",
                "residential care",
                "retirement home",
            ],
            "care home",
        ),
        (
            &[
                "health service executive",
                "national health service",
                " nhs ",
                "health board",
                "health authority",
                " dhb ",
                "health service ",
            ],
            "health service",
        ),
        (
            &[
                "hospital group",
                "hospital network",
                "hospital chain",
                "hospital operator",
                "health system",
                "healthcare system",
                "health network",
                "healthcare network",
                "hospitals",
                "clinic group",
            ],
            "hospital network",
        ),
        (&["insurer", "insurance"], "health insurer"),
        (&["pathology", "laborator", " lab "], "laboratory"),
        (
            &[
                "payment",
                "clearinghouse",
                "technology",
                "software",
                "processor",
                "it provider",
            ],
            "health IT provider",
        ),
        (
            &[
                "hospital",
                "hôpital",
                "hospitalier",
                "hospitalario",
                "klinikum",
                "uniklinik",
                "infirmary",
                "medical center",
                "medical centre",
                "nemocnice",
                "ziekenhuis",
                " chu ",
                " chr ",
                " az ",
                "medical sciences",
            ],
            "hospital",
        ),
        (&["clinic", "clinique", "clínic"], "clinic"),
        (
            &["healthcare provider", "health provider"],
            "healthcare provider",
        ),
    ];
    for (keys, ty) in RULES {
        if keys.iter().any(|k| l.contains(k)) {
            return Some(ty);
        }
    }
    lexicon_cues(false)
}

/// Does the rest of an organisation's name after a city start with a type word ("Brno
/// University Hospital", "Dax Hospital", "Düsseldorf University Hospital")? Then the city is
/// where the organisation is; otherwise it qualifies the name ("Norfolk Valley Hospitals",
/// "NHS Dumfries and Galloway").
fn names_a_place_before_type(rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("");
    is_org_keyword(next)
        || [
            "University",
            "Universitair",
            "General",
            "Regional",
            "Medical",
            "Memorial",
            "Community",
            "Central",
            "City",
            "County",
            "Royal",
            "Children's",
        ]
        .contains(&next)
}

/// The tokens of a name that tell it apart (not type words, articles or connectors).
fn distinctive(name: &str) -> Vec<String> {
    let nw = name_words();
    name.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .filter(|t| {
            let l = t.to_lowercase();
            !is_org_keyword(t)
                && !nw.org_keywords.iter().any(|k| k.to_lowercase() == l)
                && !nw
                    .type_prefixes
                    .iter()
                    .any(|p| p.split_whitespace().any(|w| w == l))
                && ![
                    "of", "de", "du", "des", "la", "le", "the", "van", "der", "d", "l",
                ]
                .contains(&l.as_str())
        })
        .map(str::to_lowercase)
        .collect()
}

fn is_attack_sentence(ctx: &Ctx, s: &str) -> bool {
    attack_sentence_re().is_match(s) || ctx.lex_match(s, |l| l.attack.as_ref())
}

fn victims(ctx: &Ctx) -> (Vec<Victim>, Option<usize>) {
    let (mut v, at) = victims_first(ctx);
    // A headline names the victim briefly ("l'hôpital Exemple"); the article's own fuller
    // name for the same organisation ("le groupe hospitalier Exemple") is preferred.
    if let (Some(0), Some(first)) = (at, v.first().cloned())
        && first.name != NOT_STATED
    {
        let want = distinctive(&first.name);
        if !want.is_empty() {
            'outer: for i in 1..ctx.len().min(8) {
                let s = ctx.sentence(i);
                if ctx.advisory[i] || s.starts_with("Published: ") {
                    continue;
                }
                for c in org_candidates(s) {
                    let have = distinctive(&c.name);
                    // Same distinctive words, more of the name ("groupe hospitalier Exemple"
                    // for "l'hôpital Exemple"); never a phrase with other words in it.
                    if c.name.len() > first.name.len()
                        && want.iter().all(|w| have.contains(w))
                        && have.iter().all(|w| want.contains(w))
                    {
                        let ty = org_type(&c.name)
                            .or_else(|| c.type_hint.as_deref().and_then(org_type))
                            .unwrap_or(first.org_type.as_str());
                        v[0] = Victim {
                            name: c.name.clone(),
                            org_type: ty.to_string(),
                            provenance: Provenance::Stated,
                            evidence: ctx.evidence(i),
                        };
                        break 'outer;
                    }
                }
            }
        }
    }
    (v, at)
}

fn victims_first(ctx: &Ctx) -> (Vec<Victim>, Option<usize>) {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if ctx.advisory[i] || !is_attack_sentence(ctx, s) {
            continue;
        }
        // An organisation patients or ambulances are sent to is not the victim.
        let cands: Vec<OrgCandidate> = org_candidates(s)
            .into_iter()
            .filter(|c| !ctx.is_destination(s, c.at) && !ctx.is_operated_site(s, c.at))
            .collect();
        // The object of "attack on" is the victim, before a customer or a site named
        // earlier in the sentence. A name there without an organisation keyword is still
        // the victim; its type comes from the apposition after it ("Y, a pathology lab").
        let mut cands = cands;
        let object = cands.iter().position(|c| ctx.is_attack_object(s, c.at));
        if let Some(k) = object {
            let c = cands.remove(k);
            cands.insert(0, c);
        } else if let Some((at, name)) = ctx.unnamed_attack_object(s)
            && let Some(apposition) = ctx
                .apposition(&s[at + name.len()..])
                .or_else(|| org_type(&name).map(|_| String::new()))
        {
            let victim = Victim {
                org_type: org_type(&name)
                    .or_else(|| org_type(&apposition))
                    .unwrap_or(NOT_STATED)
                    .to_string(),
                name,
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            };
            return (vec![victim], Some(i));
        }
        let Some(first) = cands.first() else { continue };
        // The type noun the text puts before the name ("het laboratorium Clinical
        // Diagnostics") says what it is better than a word inside the name.
        let noun_before = s[..first.at]
            .split_whitespace()
            .last()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .and_then(org_type);
        let ty = first
            .type_hint
            .as_deref()
            .and_then(|h| match object {
                Some(_) => org_type(&ctx.own_type_phrase(h)),
                None => org_type(h),
            })
            .or(noun_before)
            .or_else(|| org_type(&first.name))
            // The object of "attack on" is typed only by its own words (an apposition
            // without what it serves): the sentence around it names its customers.
            .or_else(|| appositive_type(ctx, &first.name, object.is_some()))
            .or_else(|| {
                if object.is_some() {
                    return None;
                }
                let a = floor_boundary(s, first.at.saturating_sub(60));
                let b = ceil_boundary(s, first.at + first.name.len() + 80);
                org_type(&s[a..b])
            })
            .or_else(|| {
                object
                    .is_none()
                    .then(|| type_elsewhere(ctx, &first.name))
                    .flatten()
            });
        let mut victims = vec![Victim {
            name: first.name.clone(),
            org_type: ty.unwrap_or(NOT_STATED).to_string(),
            provenance: Provenance::Stated,
            evidence: ctx.evidence(i),
        }];
        // Co-victims joined to the first by "and" in the same sentence ("X and Y were hit").
        for c in cands.iter().skip(1) {
            let between_start = first.at + first.name.len();
            if c.at >= between_start && c.name != first.name {
                let between = &s[between_start..c.at];
                if between.trim() == "and" || between.trim() == "," {
                    victims.push(Victim {
                        name: c.name.clone(),
                        org_type: org_type(&c.name)
                            .or_else(|| c.type_hint.as_deref().and_then(org_type))
                            .unwrap_or(NOT_STATED)
                            .to_string(),
                        provenance: Provenance::Stated,
                        evidence: ctx.evidence(i),
                    });
                }
            }
        }
        return (victims, Some(i));
    }
    // No organisation in an attack sentence: the first healthcare organisation named.
    for i in 0..ctx.len() {
        if ctx.advisory[i] {
            continue;
        }
        let s = ctx.sentence(i);
        if let Some(c) = org_candidates(s).into_iter().find(|c| {
            !ctx.is_destination(s, c.at)
                && !ctx.is_operated_site(s, c.at)
                && org_type(&c.name)
                    .or_else(|| c.type_hint.as_deref().and_then(org_type))
                    .is_some_and(|t| HEALTH_TYPES.contains(&t))
        }) {
            let ty = org_type(&c.name)
                .or_else(|| c.type_hint.as_deref().and_then(org_type))
                .unwrap_or(NOT_STATED);
            let v = Victim {
                name: c.name,
                org_type: ty.to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            };
            return (vec![v], Some(i));
        }
    }
    // No named organisation: an unnamed victim described by its type ("a Liège-based
    // hospital group") still gives the sector and place.
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if !ctx.advisory[i]
            && is_attack_sentence(ctx, s)
            && let Some(t) = org_type(s)
        {
            let unnamed = Victim {
                name: NOT_STATED.to_string(),
                org_type: t.to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            };
            return (vec![unnamed], Some(i));
        }
    }
    (Vec::new(), None)
}

/// The type given to a named organisation by an apposition or a type noun in any
/// sentence ("Change Healthcare, the payment processor…", "insurer Medibank").
///
/// With `own_words_only` (the object of "attack on"), what the organisation serves is cut
/// from the apposition first ([`Ctx::own_type_phrase`]).
fn appositive_type(ctx: &Ctx, name: &str, own_words_only: bool) -> Option<&'static str> {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if !s.contains(name) {
            continue;
        }
        for c in org_candidates(s) {
            if c.name == name
                && let Some(t) = c.type_hint.as_deref().and_then(|h| {
                    if own_words_only {
                        org_type(&ctx.own_type_phrase(h))
                    } else {
                        org_type(h)
                    }
                })
            {
                return Some(t);
            }
        }
    }
    None
}

/// The type of a named organisation from another sentence mentioning it.
fn type_elsewhere(ctx: &Ctx, name: &str) -> Option<&'static str> {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if let Some(p) = s.find(name) {
            let a = floor_boundary(s, p.saturating_sub(60));
            let b = ceil_boundary(s, p + name.len() + 80);
            if let Some(t) = org_type(&s[a..b].replace(name, " ")) {
                return Some(t);
            }
        }
    }
    None
}

const HEALTH_TYPES: &[&str] = &[
    "hospital",
    "hospital network",
    "clinic",
    "care home",
    "health service",
    "laboratory",
    "health insurer",
    "health IT provider",
    "healthcare provider",
];

fn sector(ctx: &Ctx, victims: &[Victim]) -> Field<String> {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if re!(r"(?i)\bhealth ?care sector\b|\bhealth sector\b|\bhealthcare (?:industry|organi[sz]ations?|providers?)\b").is_match(s) {
            return fact("healthcare".into(), Provenance::Stated, ctx.evidence(i), "sector named");
        }
    }
    if let Some(v) = victims
        .iter()
        .find(|v| HEALTH_TYPES.contains(&v.org_type.as_str()))
    {
        return fact(
            "healthcare".into(),
            Provenance::Inferred,
            v.evidence.clone(),
            &format!("victim is a {}", v.org_type),
        );
    }
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if attack_sentence_re().is_match(s)
            && let Some(t) = org_type(s)
            && HEALTH_TYPES.contains(&t)
        {
            return fact(
                "healthcare".into(),
                Provenance::Inferred,
                ctx.evidence(i),
                &format!("the organisation attacked is a {t}"),
            );
        }
    }
    Field(None)
}

/// Is the place mention at `start..end` about a threat actor ("Russian-speaking gang")?
fn actor_context(s: &str, end: usize, start: usize) -> bool {
    let after = &s[end..ceil_boundary(s, end + 40)];
    let before = &s[floor_boundary(s, start.saturating_sub(40))..start];
    re!(r"(?i)^(?:-speaking|-linked|-backed|-based (?:hackers|gang|group|criminals)|n?\s+(?:state|government|military|intelligence|hackers|gang|group|cybercriminals|criminals|threat actors?|operators|ransomware gang|ransomware group)\b|-sponsored|\s+state-sponsored|\s+state-backed)")
        .is_match(after)
        || re!(r"(?i)\b(?:attributed to|blamed (?:on|it on)|linked to|tied to|based in|operating from|from|by)\s+(?:the\s+)?$")
            .is_match(before)
}

fn geography(
    ctx: &Ctx,
    victim_sentence: Option<usize>,
    victims: &[Victim],
) -> (Field<Country>, Field<String>) {
    let g = Gazetteer::get();
    let mut order: Vec<usize> = Vec::new();
    if let Some(v) = victim_sentence {
        order.push(v);
    }
    order.extend((0..ctx.len()).filter(|i| Some(*i) != victim_sentence));
    let mut country: Field<Country> = Field(None);
    let mut city: Field<String> = Field(None);
    let mut city_country: Option<(String, usize)> = None;
    // A dateline in capitals ("KLAMATH FALLS, Ore. —") names the city of the story.
    let mut dateline_city: Option<(String, String, usize)> = None;
    for i in 0..ctx.len().min(4) {
        let s = ctx.sentence(i);
        if let Some(c) = re!(r"^([\p{Lu}][\p{Lu}.'’ -]{1,40}?)(?:,| —| –| - )").captures(s) {
            let name = c[1].trim();
            if name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
                && let Some(p) = g.lookup_ci(name)
                && p.kind == PlaceKind::City
            {
                dateline_city = Some((p.name.clone(), p.country.clone(), i));
            }
            break;
        }
    }
    let nw = name_words();
    for &i in &order {
        let s = ctx.sentence(i);
        // A place inside a media name ("France 3 Hauts-de-France", "Gazet van Antwerpen")
        // is the medium's, not the incident's.
        let mut media: Vec<(usize, usize)> = Vec::new();
        for name in &nw.media {
            let mut from = 0;
            while let Some(p) = s[from..].find(name.as_str()) {
                media.push((from + p, from + p + name.len()));
                from += p + name.len();
            }
        }
        for m in re!(r"\b[\p{Lu}][\p{L}]+ \d{1,2}\b(?:\s[\p{Lu}][\p{L}-]+)?").find_iter(s) {
            media.push((m.start(), m.end()));
        }
        // A city inside the victim's name counts only as the name's last word
        // ("Klinikum Lippstadt", "Centre hospitalier de Cholet"), not as a qualifier at its
        // start or middle ("Norfolk Valley Hospitals", "NHS Dumfries and Galloway").
        let mut names: Vec<(usize, usize)> = Vec::new();
        for v in victims.iter().filter(|v| v.name != NOT_STATED) {
            let mut from = 0;
            while let Some(p) = s[from..].find(v.name.as_str()) {
                names.push((from + p, from + p + v.name.len()));
                from += p + v.name.len();
            }
        }
        for m in g.find(s) {
            let qualifier = m.place.kind == PlaceKind::City
                && names.iter().any(|(a, b)| {
                    m.start >= *a
                        && m.end < *b
                        && !names_a_place_before_type(&s[m.end..*b])
                        && !re!(r"(?i)(?:\bde |\bd['’]|\bvan |\bvon |\bof |\bdi |\bdel )$")
                            .is_match(&s[*a..m.start])
                });
            // "la province de Luxembourg", "provincie Luxemburg": a region named after a
            // country or city is neither (lexicon `region_prefixes`).
            let region = {
                let before = &s[floor_boundary(s, m.start.saturating_sub(30))..m.start];
                ctx.lex_match(before, |l| l.region_prefix.as_ref())
            };
            if actor_context(s, m.end, m.start)
                || qualifier
                || region
                || media.iter().any(|(a, b)| m.start >= *a && m.start < *b)
            {
                continue;
            }
            match m.place.kind {
                PlaceKind::Country => {
                    if !country.is_stated() {
                        country = fact(
                            Country {
                                code: m.place.country.clone(),
                                name: m.place.name.clone(),
                            },
                            Provenance::Stated,
                            ctx.evidence(i),
                            &format!("gazetteer: {:?}", m.form),
                        );
                    }
                }
                PlaceKind::City | PlaceKind::Region => {
                    if m.place.kind == PlaceKind::City && !city.is_stated() {
                        city = fact(
                            m.place.name.clone(),
                            Provenance::Stated,
                            ctx.evidence(i),
                            &format!("gazetteer: {:?}", m.form),
                        );
                    }
                    if city_country.is_none() {
                        city_country = Some((m.place.country.clone(), i));
                    }
                }
            }
        }
        // Place adjectives and demonyms next to the victim ("Antwerps AZ …", "das
        // Antwerpener Krankenhaus", "l'hôpital belge").
        if Some(i) == victim_sentence || i == 0 {
            for tok in s.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                let Some(p) = demonym_place(tok) else {
                    continue;
                };
                match p.kind {
                    PlaceKind::City if !city.is_stated() => {
                        city = fact(
                            p.name.clone(),
                            Provenance::Inferred,
                            ctx.evidence(i),
                            &format!("place adjective {tok:?}"),
                        );
                        if city_country.is_none() {
                            city_country = Some((p.country.clone(), i));
                        }
                    }
                    PlaceKind::Country if !country.is_stated() => {
                        country = fact(
                            Country {
                                code: p.country.clone(),
                                name: p.name.clone(),
                            },
                            Provenance::Stated,
                            ctx.evidence(i),
                            &format!("demonym {tok:?}"),
                        );
                    }
                    PlaceKind::Region if city_country.is_none() => {
                        city_country = Some((p.country.clone(), i));
                    }
                    _ => {}
                }
            }
        }
        if Some(i) == victim_sentence
            && !city.is_stated()
            && let Some((name, code, di)) = &dateline_city
        {
            city = fact(
                name.clone(),
                Provenance::Stated,
                ctx.evidence(*di),
                "dateline",
            );
            if city_country.is_none() {
                city_country = Some((code.clone(), *di));
            }
        }
        // The victim's own sentence decides when it names a country.
        if Some(i) == victim_sentence && country.is_stated() {
            return (country, city);
        }
    }
    if !city.is_stated()
        && let Some((name, code, di)) = &dateline_city
    {
        city = fact(
            name.clone(),
            Provenance::Stated,
            ctx.evidence(*di),
            "dateline",
        );
        if city_country.is_none() {
            city_country = Some((code.clone(), *di));
        }
    }
    // A city or region found but no country: the country of the place, inferred — unless
    // a country stated elsewhere disagrees, in which case the stated one stands.
    if let Some((code, i)) = city_country {
        // A country named elsewhere that disagrees with the victim's city is another
        // country of the story (an attacker's, a regulator's): the city's country wins.
        let disagrees = country.value().is_some_and(|c| c.code != code)
            && city.is_stated()
            && victim_sentence.is_some_and(|v| {
                city.fact()
                    .is_some_and(|f| f.evidence.offset == ctx.spans[v].start)
            });
        if disagrees {
            country = Field(None);
        }
        match country.value() {
            Some(_) => {}
            None => {
                country = fact(
                    Country {
                        name: g.country_name(&code).unwrap_or(&code).to_string(),
                        code,
                    },
                    Provenance::Inferred,
                    ctx.evidence(i),
                    "country of the city or region named",
                );
            }
        }
    }
    // No place at all: a word of the victim's name that belongs to one country's health
    // system ("NHS Trust" → GB, "HSE" → IE; lexicon `name_countries`), inferred.
    if country.fact().is_none()
        && let Some(v) = victims.first()
        && let Some(code) = v.name.split(|c: char| !c.is_alphanumeric()).find_map(|w| {
            ctx.lex
                .iter()
                .find_map(|l| l.file.name_countries.get(w).cloned())
        })
    {
        country = fact(
            Country {
                name: g.country_name(&code).unwrap_or(&code).to_string(),
                code,
            },
            Provenance::Inferred,
            v.evidence.clone(),
            "health-system word in the victim's name",
        );
    }
    (country, city)
}

// ---------------------------------------------------------------------------------------
// CIA, motive, actors, malware

fn cia(ctx: &Ctx) -> CiaPosture {
    let mut out = CiaPosture::default();
    let conf = re!(
        r"(?i)\b(?:data (?:breach|leak|theft)|stole|stolen|exfiltrat\w*|leaked|published (?:online|on the dark web)|(?:patient|personal|health|medical|customer|employee)s?'? (?:data|records|information|details)\b[^.]{0,60}\b(?:accessed|stolen|exposed|compromised|leaked|published|copied|taken)|(?:accessed|exposed|copied|taken)\b[^.]{0,40}\b(?:data|records|information|files))\b"
    );
    let integ_stated =
        re!(r"(?i)\b(?:tamper\w*|altered|manipulat\w*|modified|corrupt\w*|wip(?:ed|er))\b");
    let integ_inferred = re!(r"(?i)\b(?:ransomware|malware|encrypted|encrypting)\b");
    let deployed = |s: &str| -> Option<usize> {
        integ_inferred
            .find_iter(s)
            .find(|m| {
                !(m.as_str().eq_ignore_ascii_case("ransomware")
                    && (ctx.names_group(s, m.start(), m.end())
                        || ctx.is_label(s, m.start(), m.end())))
            })
            .map(|m| m.start())
    };
    let avail = re!(
        r"(?i)\b(?:offline|shut down|shutdown|unavailable|outage|disrupt\w*|down|inaccessible|encrypted|cancel\w*|postpon\w*|divert\w*|pen and paper|on paper|to paper|paper records|switched off|could not (?:access|use|reach)|unable to (?:use|access)|working without|locked out|severed|disconnected|reduced capacity|out of service|paralys\w*|crippled|knocked out)\b"
    );
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        if !out.confidentiality.is_stated()
            && let Some(m) = conf.find(s)
        {
            let neg = ctx.lex_negated(s, m.start());
            out.confidentiality = fact(
                !neg,
                Provenance::Stated,
                ctx.evidence(i),
                if neg {
                    "data disclosure denied"
                } else {
                    "data accessed, stolen or leaked"
                },
            );
        }
        if !out.availability.is_stated()
            && let Some(m) = avail.find(s)
            && !ctx.lex_negated(s, m.start())
        {
            out.availability = fact(
                true,
                Provenance::Stated,
                ctx.evidence(i),
                "systems or services lost",
            );
        }
        if out
            .integrity
            .fact()
            .is_none_or(|f| f.provenance == Provenance::Inferred)
        {
            if let Some(m) = integ_stated.find(s) {
                if !ctx.lex_negated(s, m.start()) {
                    out.integrity = fact(
                        true,
                        Provenance::Stated,
                        ctx.evidence(i),
                        "data or systems altered",
                    );
                }
            } else if !out.integrity.is_stated()
                && let Some(at) = deployed(s).or_else(|| {
                    // The lexicons' encryption cues ("attaque par rançongiciel",
                    // "ransomware-aanval", "verschlüsselt").
                    ctx.lex.iter().find_map(|l| {
                        l.encryption
                            .as_ref()?
                            .find_iter(s)
                            .find(|m| {
                                !ctx.is_label(s, m.start(), m.end())
                                    && !ctx.names_group(s, m.start(), m.end())
                            })
                            .map(|m| m.start())
                    })
                })
                && !ctx.lex_negated(s, at)
            {
                out.integrity = fact(
                    true,
                    Provenance::Inferred,
                    ctx.evidence(i),
                    "malicious software installed / data encrypted (VERIS: software installation)",
                );
            }
        }
    }
    out
}

/// The lexicons' CIA phrases on top of the built-in rules. A denial ("no patient
/// information breach", "geen aanwijzingen dat gegevens zijn gestolen") gives `false`, and
/// overrides a `true` drawn from the same sentence (where the built-in rule saw the words but
/// not the negation); a stated effect elsewhere stands.
fn lex_cia(ctx: &Ctx, mut out: CiaPosture) -> CiaPosture {
    for attr in ["confidentiality", "integrity", "availability"] {
        let mut deny: Option<usize> = None;
        let mut affirm: Option<usize> = None;
        for i in 0..ctx.len() {
            if !ctx.says(i) {
                continue;
            }
            let s = ctx.sentence(i);
            let mut d = false;
            let mut a = false;
            for l in &ctx.lex {
                for (re, rule) in &l.cia {
                    if rule.attribute != attr {
                        continue;
                    }
                    if let Some(m) = re.find(s) {
                        // A negated data-disclosure phrase is a denial ("geen
                        // aanwijzingen dat patiëntgegevens zijn gestolen"); a negated
                        // effect on systems ("Operationen mussten nicht verschoben
                        // werden") only does not count — it does not say all was well.
                        let neg = ctx.lex_negated(s, m.start()) || ctx.negated_within(m.as_str());
                        if !rule.value || (neg && attr == "confidentiality") {
                            d = true;
                        } else if !neg {
                            a = true;
                        }
                    }
                }
            }
            if d {
                deny.get_or_insert(i);
            } else if a {
                affirm.get_or_insert(i);
            }
        }
        let field = match attr {
            "confidentiality" => &mut out.confidentiality,
            "integrity" => &mut out.integrity,
            _ => &mut out.availability,
        };
        let current = field.value().copied();
        let current_at = field.fact().map(|f| f.evidence.offset);
        match (current, deny, affirm) {
            (None, Some(d), None) => {
                *field = fact(
                    false,
                    Provenance::Stated,
                    ctx.evidence(d),
                    "denied in the text",
                );
            }
            (Some(true), Some(d), _) if current_at == Some(ctx.spans[d].start) => {
                *field = fact(
                    false,
                    Provenance::Stated,
                    ctx.evidence(d),
                    "denied in the text",
                );
            }
            (None, None, Some(a)) => {
                *field = fact(true, Provenance::Stated, ctx.evidence(a), "lexicon phrase");
            }
            _ => {}
        }
    }
    out
}

/// Availability not otherwise stated is `true` (inferred) when the record holds an
/// operational impact (care cancelled, postponed, diverted, unavailable…) or a response
/// that takes systems or care out of service: VERIS 1.4 availability "Interruption" /
/// "Loss" (docs/intel.md, "Coding rules"). Works on extracted facts, so on every language.
fn availability_from_effects(
    mut out: CiaPosture,
    impacts: &[ImpactFact],
    responses: &[ResponseAction],
) -> CiaPosture {
    if out.availability.fact().is_some() {
        return out;
    }
    const LOST: &[&str] = &[
        "shutdown_servers",
        "ambulance_diversion",
        "patient_transfer",
        "manual_fallback",
    ];
    let from_impact = impacts
        .iter()
        .find(|f| f.category == "operational")
        .map(|f| {
            (
                f.evidence.clone(),
                "care or systems disrupted (stated impact)",
            )
        });
    let from_response = responses
        .iter()
        .find(|r| LOST.contains(&r.kind.as_str()))
        .map(|r| {
            (
                r.evidence.clone(),
                "systems or care taken out of service (stated response)",
            )
        });
    if let Some((evidence, rule)) = from_impact.or(from_response) {
        out.availability = fact(true, Provenance::Inferred, evidence, rule);
    }
    out
}

fn item(value: &str, p: Provenance, e: Evidence) -> Item {
    Item {
        value: value.to_string(),
        provenance: p,
        evidence: e,
    }
}

/// Motives: the lexicons' `motives` phrases (stated, or inferred when the rule says so),
/// and `financial` inferred from a ransom demand or extortion (`ransom_cues`) unless the
/// sentence denies a ransom (`ransom_denials`: "no ransom demand", "will not pay a
/// ransom" — a policy, not evidence of a demand). A stated motive replaces an inferred one.
fn motives(ctx: &Ctx) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let add = |out: &mut Vec<Item>, motive: &str, prov: Provenance, i: usize| match out
        .iter_mut()
        .find(|x| x.value == motive)
    {
        Some(x) if x.provenance == Provenance::Inferred && prov == Provenance::Stated => {
            *x = item(motive, prov, ctx.evidence(i));
        }
        Some(_) => {}
        None => out.push(item(motive, prov, ctx.evidence(i))),
    };
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let masked = mask_actor_names(ctx.sentence(i));
        let s = masked.as_str();
        for l in &ctx.lex {
            for (re, rule) in &l.motives {
                if let Some(m) = re.find(s)
                    && !ctx.lex_negated(s, m.start())
                {
                    let prov = if rule.inferred {
                        Provenance::Inferred
                    } else {
                        Provenance::Stated
                    };
                    add(&mut out, &rule.motive, prov, i);
                }
            }
        }
        if ransom_cue(ctx, s) && !ransom_denied(ctx, s) {
            add(&mut out, "financial", Provenance::Inferred, i);
        }
    }
    out
}

/// Known ransomware gangs, criminal groups, state actors and hacktivists (names only; a
/// name counts only in a sentence that speaks of an actor).
const KNOWN_ACTORS: &[&str] = &[
    "Conti",
    "LockBit",
    "ALPHV",
    "BlackCat",
    "Rhysida",
    "Royal",
    "Ryuk",
    "Vice Society",
    "Hive",
    "Lazarus Group",
    "Lazarus",
    "Clop",
    "Cl0p",
    "Qilin",
    "BlackSuit",
    "Black Basta",
    "RansomHouse",
    "Maze",
    "DoppelPaymer",
    "REvil",
    "Sodinokibi",
    "Killnet",
    "NoEscape",
    "Lorenz",
    "Karakurt",
    "Medusa",
    "Akira",
    "INC Ransom",
    "BianLian",
    "Daixin Team",
    "Daixin",
    "Wizard Spider",
    "SamSam",
    "Anonymous Sudan",
    "Pysa",
    "Quantum",
    "Everest",
    "Money Message",
    "Trigona",
    "Nefilim",
    "Xing Team",
    "Deep Panda",
    "APT10",
    "APT41",
    "Fancy Bear",
    "Scattered Spider",
    "RansomEXX",
    "Mespinoza",
    "Avaddon",
    "Babuk",
    "Cuba",
    "Snatch",
    "Hunters International",
    "Embargo",
    "SafePay",
    "Interlock",
    "Play",
];

/// The canonical name of a threat actor: aliases merged ("Cl0p" → "Clop", ATT&CK's
/// S0611 spelling; "Sodinokibi" → "REvil"; "BlackCat" → "ALPHV"), a known name written
/// in another case given its usual case ("LOCKBIT" → "LockBit"), anything else as given.
pub fn canonical_actor(name: &str) -> String {
    let known = KNOWN_ACTORS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or(name);
    match known {
        "Cl0p" => "Clop",
        "Lazarus" => "Lazarus Group",
        "Sodinokibi" => "REvil",
        "Daixin" => "Daixin Team",
        "BlackCat" => "ALPHV",
        k => k,
    }
    .to_string()
}

fn actor_type(s: &str) -> Option<&'static str> {
    let l = s.to_lowercase();
    if re!(r"(?i)\bstate-sponsored|\bnation[- ]state|\bstate-backed|\bgovernment-backed|\bmilitary intelligence|\bAPT\d+|\bstate hackers|\bespionage group").is_match(&l) {
        Some("nation-state")
    } else if l.contains("hacktivis") {
        Some("hacktivist")
    } else if l.contains("insider") || l.contains("former employee") {
        Some("insider")
    } else if re!(r"(?i)\bransomware[- ](?:gang|group|operation|operators?|crew|cartel|affiliate)|\b(?:gang|group|operators?)\b[^.]{0,40}\bransomware\b|\bransomware\b[^.]{0,40}\b(?:gang|group)\b").is_match(&l) {
        Some("ransomware gang")
    } else if re!(r"(?i)\b(?:cyber)?criminal|\bgang\b|\bextortion group\b").is_match(&l) {
        Some("criminal group")
    } else {
        None
    }
}

/// Threat actors named in the focal incident's sentences. A sentence that denies a claim
/// (the lexicons' `actor_denials`: "has not claimed", "no group has been named") or that
/// opens like another incident ("Vorig jaar …", "Bereits im Oktober 2024 …") without
/// naming the victim names no actor of this incident: attribution is never guessed.
/// The known actor names as one regex. Names match whatever the case of their inner
/// letters ("Lockbit", "LOCKBIT" as the press writes LockBit).
fn known_actor_re() -> &'static Regex {
    static KNOWN: OnceLock<Regex> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut names: Vec<&str> = KNOWN_ACTORS.to_vec();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
        text::compile(&crate::text::ascii_boundaries(&format!(
            r"(?i)\b(?:{})\b",
            alts.join("|")
        )))
    })
}

/// `s` with every known actor name (written with a capital) blanked out, byte offsets
/// kept: a cue word inside a name ("INC Ransom", "RansomHouse") is not a cue.
fn mask_actor_names(s: &str) -> String {
    let mut out = s.to_string();
    for m in known_actor_re().find_iter(s) {
        if m.as_str().chars().next().is_some_and(char::is_uppercase) {
            out.replace_range(m.range(), &" ".repeat(m.len()));
        }
    }
    out
}

fn threat_actors(ctx: &Ctx, victims: &[Victim]) -> Vec<ThreatActor> {
    // A name must start with a capital ("play" is a verb, "Play" a gang).
    let known = known_actor_re();
    let spelled = |m: &str| -> Option<String> {
        if !m.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        KNOWN_ACTORS
            .iter()
            .find(|k| k.eq_ignore_ascii_case(m))
            .map(|k| k.to_string())
    };
    let nw = name_words();
    let named = re!(
        r"\b(?:gang|group|crew|collective|operation|cartel|hackers)\s+(?:called|known as|named|calling (?:itself|themselves))\s+([\p{Lu}][\w.-]+(?:\s[\p{Lu}][\w.-]+)?)|\b([\p{Lu}][\w.-]+(?:\s[\p{Lu}][\w.-]+)?)\s+(?:ransomware\s+)?(?:gang|group|crew|collective|cartel|hacking group|threat group)\b"
    );
    let actor_ctx = re!(
        r"(?i)\b(?:ransomware|gang|group|hackers|claimed|operators?|affiliates?|threat actors?|attributed|blamed|behind the attack|responsibility|crew|collective|cartel|state-sponsored)\b"
    );
    let g = Gazetteer::get();
    let mut out: Vec<ThreatActor> = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let lex_noun = ctx
            .lex
            .iter()
            .any(|l| l.actor_noun.as_ref().is_some_and(|r| r.is_match(s)));
        // "after LockBit attack": a known actor's name before "attack" names the actor.
        let attack_named = known.find_iter(s).any(|m| {
            re!(r"(?i)^\s+(?:cyber-?)?(?:attacks?|hack|intrusion)\b").is_match(&s[m.end()..])
        });
        if !ctx.says(i) || !(actor_ctx.is_match(s) || lex_noun || attack_named) {
            continue;
        }
        if ctx.lex_match(s, |l| l.actor_denial.as_ref()) {
            continue;
        }
        let lower = s.to_lowercase();
        let names_victim = victims.iter().any(|v| {
            lower.contains(&v.name.to_lowercase())
                || distinctive(&v.name)
                    .iter()
                    .any(|w| w.len() > 3 && lower.contains(w))
        });
        if !names_victim && ctx.lex_match(s.trim_start(), |l| l.other_incident.as_ref()) {
            continue;
        }
        let mut names: Vec<(String, usize)> = known
            .find_iter(s)
            .filter_map(|m| spelled(m.as_str()).map(|k| (k, m.start())))
            .collect();
        // "le groupe de hackers X", "de ransomwaregroep X", "die Ransomware-Gruppe X".
        for l in &ctx.lex {
            let Some(r) = &l.actor_noun else { continue };
            for c in r.captures_iter(s) {
                let m = c.get(1).expect("group 1");
                let n = m.as_str().trim_end_matches(['.', ',']);
                let first = n.split_whitespace().next().unwrap_or("");
                if nw.not_actor.contains(first)
                    || names
                        .iter()
                        .any(|(x, _)| x.eq_ignore_ascii_case(n) || n.starts_with(x.as_str()))
                    || g.find(n).iter().any(|p| p.start == 0)
                    || org_type(n).is_some()
                {
                    continue;
                }
                let n = spelled(n).unwrap_or_else(|| n.to_string());
                names.push((n, m.start()));
            }
        }
        for c in named.captures_iter(s) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                let n = m.as_str();
                let first = n.split_whitespace().next().unwrap_or("");
                let bad = LEADING_STOP.contains(&first)
                    || nw.not_actor.contains(first)
                    || [
                        "Ransomware",
                        "Hacker",
                        "Hackers",
                        "Criminal",
                        "Russian",
                        "The",
                    ]
                    .contains(&first)
                    || g.find(n).iter().any(|p| p.start == 0)
                    || org_type(n).is_some();
                if !bad {
                    names.push((n.to_string(), m.start()));
                }
            }
        }
        // "Conti (also tracked as Wizard Spider)": a name introduced as another's alias
        // (lexicon `alias_cues`) is the same actor, not a second one.
        let first_at = names.iter().map(|(_, a)| *a).min();
        names.retain(|(_, at)| {
            let before = &s[floor_boundary(s, at.saturating_sub(40))..*at];
            !(first_at.is_some_and(|f| f < *at) && ctx.lex_match(before, |l| l.alias_cue.as_ref()))
        });
        for (name, at) in names {
            // "Ryuk ransomware" names malware; keep it as an actor only when the sentence
            // speaks of a group operating it.
            let canonical = canonical_actor(&name);
            // "the Ryuk ransomware" names the malware; "Ryuk operators", "the LockBit
            // ransomware gang" name the group.
            {
                let after = &s[at + name.len()..ceil_boundary(s, at + name.len() + 30)];
                if re!(r"(?i)^\s+(?:\d\.\d\s+)?(?:ransomware|malware)\b").is_match(after)
                    && !re!(r"(?i)^\s+(?:\d\.\d\s+)?(?:ransomware|malware)\s+(?:gang|group|operators?|crew|cartel|affiliates?|operation|blog|leak site)\b").is_match(after)
                {
                    continue;
                }
            }
            if [
                "Play", "Royal", "Hive", "Quantum", "Cuba", "Medusa", "Embargo", "Snatch",
            ]
            .contains(&name.as_str())
            {
                let after = &s[at + name.len()..ceil_boundary(s, at + name.len() + 30)];
                if !re!(r"(?i)^\s+(?:ransomware|gang|group|operators?)").is_match(after) {
                    continue;
                }
            }
            if out.iter().any(|a| a.name.eq_ignore_ascii_case(&canonical)) {
                continue;
            }
            let country = g
                .find(s)
                .into_iter()
                .find(|m| m.place.kind == PlaceKind::Country && actor_context(s, m.end, m.start))
                .map(|m| m.place.country.clone());
            let ty = actor_type(s).or(if country.is_some() && s.contains("state") {
                Some("nation-state")
            } else {
                None
            });
            out.push(ThreatActor {
                name: canonical,
                actor_type: ty.unwrap_or(NOT_STATED).to_string(),
                country,
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
    }
    // Fill a missing type from another sentence naming the same actor.
    for a in out.iter_mut() {
        if a.actor_type == NOT_STATED {
            for i in 0..ctx.len() {
                let s = ctx.sentence(i);
                if s.contains(&a.name)
                    && let Some(t) = actor_type(s)
                {
                    a.actor_type = t.to_string();
                    break;
                }
            }
        }
    }
    out
}

const KNOWN_MALWARE: &[&str] = &[
    "WannaCry",
    "NotPetya",
    "Ryuk",
    "TrickBot",
    "Emotet",
    "Cobalt Strike",
    "QakBot",
    "Qakbot",
    "BazarLoader",
    "DoppelPaymer",
    "SamSam",
    "Maze",
    "REvil",
    "Conti",
    "LockBit",
    "BlackCat",
    "Hive",
    "Rhysida",
    "BlackSuit",
    "Black Basta",
    "Mimikatz",
    "EternalBlue",
    "Locky",
    "Petya",
    "Medusa",
    "Akira",
    "Royal",
];

fn malware(ctx: &Ctx) -> Vec<Item> {
    static KNOWN: OnceLock<Regex> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let alts: Vec<String> = KNOWN_MALWARE.iter().map(|n| regex::escape(n)).collect();
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"\b(?:{})\b",
            alts.join("|")
        )))
        .expect("re")
    });
    let strain = re!(r"\b([\p{Lu}][\w.-]+(?:\s\d\.\d)?)\s+(?:ransomware|malware|trojan|wiper)\b");
    let mut out: Vec<Item> = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let mut names: Vec<String> = Vec::new();
        for c in strain.captures_iter(s) {
            let n = c[1].to_string();
            let first = n.split_whitespace().next().unwrap_or("");
            if LEADING_STOP.contains(&first)
                || ["Ransomware", "Malware", "The", "A", "Russian", "New"].contains(&first)
                || Gazetteer::get().find(&n).iter().any(|p| p.start == 0)
            {
                continue;
            }
            names.push(n);
        }
        let ransomware_sentence =
            s.to_lowercase().contains("ransomware") || s.to_lowercase().contains("malware");
        for m in known.find_iter(s) {
            let n = m.as_str();
            let always = [
                "WannaCry",
                "NotPetya",
                "TrickBot",
                "Emotet",
                "Cobalt Strike",
                "QakBot",
                "Qakbot",
                "BazarLoader",
                "Mimikatz",
                "EternalBlue",
                "Petya",
                "Locky",
                "SamSam",
            ];
            if always.contains(&n)
                || ransomware_sentence
                    && s[m.end()..]
                        .trim_start()
                        .to_lowercase()
                        .starts_with("ransomware")
            {
                names.push(n.to_string());
            }
        }
        for n in names {
            let n = if n == "Qakbot" {
                "QakBot".to_string()
            } else {
                n
            };
            if !out.iter().any(|x| x.value.eq_ignore_ascii_case(&n)) {
                out.push(item(&n, Provenance::Stated, ctx.evidence(i)));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// ATT&CK

fn techniques(ctx: &Ctx) -> Vec<TechniqueRef> {
    let a = Attack::get();
    let mut out: Vec<TechniqueRef> = Vec::new();
    let mut seen = HashSet::new();
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let masked = mask_actor_names(ctx.sentence(i));
        let s = masked.as_str();
        let mut hits: Vec<(String, String, Provenance)> = a
            .explicit_ids(s)
            .into_iter()
            .map(|id| (id.clone(), id, Provenance::Stated))
            .collect();
        for (id, _what, matched) in a.match_sentence(s) {
            let at = s.find(matched).unwrap_or(0);
            if id == "T1657" && ctx.names_group(s, at, at + matched.len()) {
                // "extortion group": the kind of the group, not a demand.
                continue;
            }
            if id == "T1657" && matched.eq_ignore_ascii_case("ransom") {
                if ransom_denied(ctx, s) {
                    continue;
                }
            } else if ctx.lex_negated(s, at) {
                continue;
            }
            if id == "T1486" && matched.eq_ignore_ascii_case("ransomware") {
                // Only the group's name ("the LockBit ransomware gang claimed…")? Then look
                // for another mention that speaks of ransomware itself.
                let deployed = re!(r"(?i)\bransomware\b").find_iter(s).any(|m| {
                    !ctx.names_group(s, m.start(), m.end())
                        && !ctx.is_label(s, m.start(), m.end())
                        && !ctx.lex_negated(s, m.start())
                });
                let encrypted = re!(r"(?i)\bencrypt\w*")
                    .find_iter(s)
                    .any(|m| !ctx.lex_negated(s, m.start()));
                if !deployed && !encrypted {
                    continue;
                }
            }
            hits.push((id.to_string(), matched.to_string(), Provenance::Inferred));
        }
        for l in ctx.lex.iter().filter(|l| l.file.code != "en") {
            for (re, id) in [
                (&l.encryption, "T1486"),
                (&l.theft, "T1041"),
                (&l.ransom, "T1657"),
            ] {
                // A ransom cue is evidence of a demand unless the demand is denied ("did
                // not pay the ransom" still tells of one).
                if let Some(m) = re.as_ref().and_then(|r| r.find(s))
                    && (if id == "T1657" {
                        !ransom_denied(ctx, s)
                    } else {
                        !ctx.lex_negated(s, m.start())
                    })
                    && !ctx.is_label(s, m.start(), m.end())
                    && !ctx.names_group(s, m.start(), m.end())
                {
                    hits.push((id.to_string(), m.as_str().to_string(), Provenance::Inferred));
                }
            }
        }
        // A remote-access product named with its exploited vulnerability ("Citrix-
        // Schwachstelle", "kwetsbaarheid in software van Citrix") is the exploitation of a
        // public-facing application, not the use of a remote service.
        let exploit = hits.iter().any(|(id, _, _)| id == "T1190")
            || ctx
                .lex
                .iter()
                .find_map(|l| l.exploit.as_ref()?.find(s))
                .is_some_and(|m| !ctx.lex_negated(s, m.start()));
        if exploit && let Some(k) = hits.iter().position(|(id, _, _)| id == "T1133") {
            let (_, matched, _) = hits.remove(k);
            if !hits.iter().any(|(id, _, _)| id == "T1190") {
                hits.push(("T1190".into(), matched, Provenance::Inferred));
            }
        }
        for (id, matched, prov) in hits {
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(t) = a.technique(&id) else { continue };
            out.push(TechniqueRef {
                id: t.id.clone(),
                name: t.name.clone(),
                tactics: t.tactics.clone(),
                matched,
                provenance: prov,
                evidence: ctx.evidence(i),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Impact

const UNITS: &str = r"surger(?:y|ies)|surgical procedures?|operations|procedures|appointments|consultations|check-ups|checkups|visits|patients|trusts|ambulances|beds|treatments|chemotherapy sessions|tests|scans|blood transfusions|transfusions|hospitals|clinics|sites|facilities|pharmacies|GP practices|practices|servers|computers|PCs|workstations|devices|systems|records|people|customers|individuals|members|employees|staff|files|prescriptions|births|deliveries|emergency rooms";

fn effect_of(s: &str) -> Option<&'static str> {
    const EFFECTS: &[(&str, &str)] = &[
        (r"(?i)\bcancel\w*", "cancelled"),
        (r"(?i)\b(?:postpon\w*|reschedul\w*|deferred)", "postponed"),
        (
            r"(?i)\btransferr?\w*|\bmoved to\b|\brelocated\b|\bevacuated\b",
            "transferred",
        ),
        (
            r"(?i)\bdivert\w*|\bredirect\w*|\brerouted\b|\bturned away\b",
            "diverted",
        ),
        (
            r"(?i)\b(?:stole|stolen|exposed|compromised|leaked|accessed|breached|exfiltrated|copied|published|affected by the (?:data )?breach)\b",
            "exposed",
        ),
        (r"(?i)\bencrypt\w*|\binfected\b|\blocked\b", "encrypted"),
        (
            r"(?i)\boffline\b|\bunavailable\b|\bunusable\b|\bout of (?:service|action)\b|\bknocked out\b|\bdown\b",
            "unavailable",
        ),
        (r"(?i)\bdelay\w*|\bslower\b", "delayed"),
        (
            r"(?i)\bfurlough\w*|\breassigned\b|\blaid off\b|\bsent home\b",
            "furloughed",
        ),
        (r"(?i)\baffected\b|\bimpacted\b|\bdisrupt\w*", "disrupted"),
    ];
    static RES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        EFFECTS
            .iter()
            .map(|(p, e)| (text::compile(p), *e))
            .collect()
    });
    let mut best: Option<(usize, &'static str)> = None;
    for (re, e) in res {
        if let Some(m) = re.find(s)
            && best.is_none_or(|(at, _)| m.start() < at)
        {
            best = Some((m.start(), e));
        }
    }
    best.map(|(_, e)| e)
}

const EFFECT_NAMES: &[&str] = &[
    "cancelled",
    "postponed",
    "transferred",
    "diverted",
    "exposed",
    "encrypted",
    "unavailable",
    "delayed",
    "furloughed",
    "disrupted",
];

fn duration_in(s: &str) -> (Option<String>, Option<f64>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i)\b(?:for|lasted|lasting|during|over|after|within)\s+(?:more than |nearly |almost |about |over |at least |up to |around |roughly |the next |the following |the past )?({})\s+(hours?|days?|weeks?|months?|years?)\b",
            text::COUNT_RE
        )))
        .expect("re")
    });
    match re.captures(s) {
        Some(c) => {
            let d = format!("{} {}", &c[1], &c[2]);
            (Some(d), text::duration_days(&c[1], &c[2]))
        }
        None => (None, None),
    }
}

fn impacts(ctx: &Ctx) -> Vec<ImpactFact> {
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    let counted = COUNTED.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i)\b({})\s+(?:of (?:its|the|their|our)\s+)?((?:[\w’'-]+\s+){{0,3}}?)({UNITS})\b",
            text::COUNT_RE
        )))
        .expect("re")
    });
    let money = re!(
        r"(?i)(?:(US\$|\$|€|£|EUR\s?|USD\s?|GBP\s?)(\d[\d,.]*)\s?(million|billion|bn|m)?\b|\b(\d[\d,.]*)\s?(million|billion)?\s?(euros?|dollars|pounds)\b)"
    );
    let service = re!(
        r"(?i)\b(emergency departments?|emergency rooms?|emergency services|emergency care|A&E|ER|intensive care|elective surgery|elective surgeries|elective procedures|surgical operations|operations|procedures|tests|radiology|imaging|laboratory services|lab services|laboratory|pathology services|blood tests|pharmacy|prescriptions|outpatient (?:clinics|appointments|services)|appointments?|appointment booking|online booking|GP portal|patient portal|web portal|website|e-?mail|phones|telephone lines|electronic (?:health|patient|medical) records?|EHR|EPR|IT systems|computer systems|chemotherapy|radiotherapy|maternity|surgeries|surgery|mobile urgency teams|MUG|PIT|registration|ambulances?|blood transfusions|cancer treatment)\b"
    );
    let service_effect = re!(
        r"(?i)\b(reduced capacity|limited capacity|reduced|limited|accepted only|only (?:the most )?(?:serious|urgent|critical)|divert\w*|diversion|clos\w*|deregistered|unavailable|out of service|offline|inaccessible|not available|could not be used|could not (?:use|reach|access)|lost access|knocked out|took down|taken down|by (?:tele)?phone only|only by (?:tele)?phone|pen and paper|on paper|manual\w*|slower|delay\w*|cancel\w*|postpon\w*|reschedul\w*|disrupt\w*|suspended|down)\b"
    );
    let mut out: Vec<ImpactFact> = Vec::new();
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        let (duration, duration_days) = duration_in(s);
        let mut units_here: Vec<String> = Vec::new();
        let mut last_count_end = 0usize;
        for c in counted.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let Some(count) = text::parse_count(&c[1]) else {
                continue;
            };
            let unit_word = c[3].to_lowercase();
            let modifiers = c[2].trim().to_lowercase();
            if modifiers
                .split_whitespace()
                .any(|w| ["of", "the", "than", "to", "in", "at", "on", "by", "for"].contains(&w))
            {
                continue;
            }
            // A year or a date is not a count.
            if (1900..=2100).contains(&count) && c[1].len() == 4 {
                continue;
            }
            let after = &s[m.end()..ceil_boundary(s, m.end() + 70)];
            let after = after.split(';').next().unwrap_or(after);
            let after = after.split(", ").next().unwrap_or(after);
            let before = &s[floor_boundary(s, m.start().saturating_sub(35))..m.start()];
            let people = [
                "patients",
                "people",
                "customers",
                "individuals",
                "members",
                "employees",
                "records",
            ]
            .contains(&unit_word.as_str());
            let data_theft = re!(r"(?i)\b(?:stole|stolen|exposed|accessed|compromised|leaked|exfiltrated|breach\w*|copied)\b").is_match(s);
            let effect = if people && data_theft && effect_of(after) != Some("transferred") {
                Some("exposed")
            } else {
                effect_of(after).or_else(|| effect_of(before))
            };
            // "cancelled 150 operations and some 3,000 check-ups": the second count shares
            // the first one's effect.
            let effect = effect.or_else(|| {
                let prev = out
                    .last()
                    .filter(|f| f.evidence.offset == ctx.spans[i].start && f.count.is_some())?;
                let gap = &s[last_count_end.min(m.start())..m.start()];
                re!(r"^\s*(?:,|and|or)\s*(?:some|about|around|nearly|more than|over)?\s*$")
                    .is_match(gap)
                    .then_some(())?;
                EFFECT_NAMES.iter().copied().find(|e| *e == prev.effect)
            });
            let Some(effect) = effect else {
                continue;
            };
            last_count_end = m.end();
            if ctx.lex_negated(s, m.start()) {
                continue;
            }
            let unit = if modifiers.is_empty() {
                unit_word.clone()
            } else {
                format!("{modifiers} {unit_word}")
            };
            let data_unit = [
                "records",
                "people",
                "customers",
                "individuals",
                "members",
                "files",
            ]
            .contains(&unit_word.as_str())
                || effect == "exposed";
            let category = if data_unit { "data" } else { "operational" };
            let effect = if data_unit && effect != "exposed" {
                "exposed"
            } else {
                effect
            };
            units_here.push(text::singular(&unit_word));
            out.push(ImpactFact {
                count: Some(count),
                unit,
                effect: effect.to_string(),
                duration: duration.clone(),
                duration_days,
                category: category.to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
        for c in money.captures_iter(s) {
            let m = c.get(0).expect("group 0");
            let (cur, num, mult) = match c.get(2) {
                Some(n) => (
                    c.get(1).map(|x| x.as_str().trim()).unwrap_or(""),
                    n.as_str(),
                    c.get(3).map(|x| x.as_str()),
                ),
                None => (
                    c.get(6).map(|x| x.as_str()).unwrap_or(""),
                    c.get(4).map(|x| x.as_str()).unwrap_or(""),
                    c.get(5).map(|x| x.as_str()),
                ),
            };
            let currency = match cur.to_lowercase().as_str() {
                "$" | "us$" | "usd" | "dollars" => "USD",
                "€" | "eur" | "euro" | "euros" => "EUR",
                "£" | "gbp" | "pounds" => "GBP",
                _ => continue,
            };
            let num = num.trim_end_matches(['.', ',']);
            let amount = match mult.map(|x| x.to_lowercase()) {
                Some(ref x) if x == "million" || x == "m" => num
                    .replace(',', "")
                    .parse::<f64>()
                    .ok()
                    .map(|v| (v * 1e6).round() as u64),
                Some(ref x) if x == "billion" || x == "bn" => num
                    .replace(',', "")
                    .parse::<f64>()
                    .ok()
                    .map(|v| (v * 1e9).round() as u64),
                _ => text::parse_count(num),
            };
            let Some(amount) = amount else { continue };
            let l = s.to_lowercase();
            let window = &l
                [floor_boundary(&l, m.start().saturating_sub(80))..ceil_boundary(&l, m.end() + 60)];
            let effect = if window.contains("ransom")
                && re!(r"\bpaid\b|\bpay\b").is_match(window)
                && !window.contains("refus")
                && !window.contains("demand")
            {
                "ransom paid"
            } else if window.contains("ransom") || window.contains("demand") {
                "ransom demanded"
            } else if re!(r"\bfine[ds]?\b|\bpenalt|\bsettle").is_match(window) {
                "fine or settlement"
            } else if re!(r"\bcost|\bloss|\blost\b|\bspent\b|\brecovery\b|\bdamage")
                .is_match(window)
            {
                "cost"
            } else {
                continue;
            };
            out.push(ImpactFact {
                count: Some(amount),
                unit: currency.to_string(),
                effect: effect.to_string(),
                duration: None,
                duration_days: None,
                category: "financial".into(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
        let mut seen_services: HashSet<(String, String)> = HashSet::new();
        for m in service.find_iter(s) {
            let svc = m.as_str();
            let svc_l = svc.to_lowercase();
            if svc == "ER" || svc == "MUG" || svc == "PIT" {
                // Upper-case acronyms only.
            } else if svc.chars().all(|c| c.is_uppercase())
                && svc.len() <= 3
                && svc != "EHR"
                && svc != "EPR"
            {
                continue;
            }
            if units_here.contains(&text::singular(
                svc_l.split_whitespace().last().unwrap_or(""),
            )) {
                continue;
            }
            // "GP surgeries" are general practices, not operations.
            if svc_l.starts_with("surger")
                && re!(r"(?i)\b(?:GP|GPs'?|doctors'?|dental|family)\s+$").is_match(&s[..m.start()])
            {
                continue;
            }
            let after_end = ceil_boundary(s, m.end() + 100);
            let after = &s[m.end()..after_end];
            let after = after.split([';', '.']).next().unwrap_or(after);
            let before = &s[floor_boundary(s, m.start().saturating_sub(40))..m.start()];
            let before = before.rsplit([';']).next().unwrap_or(before);
            let before = before.rsplit(", ").next().unwrap_or(before);
            // A destination ("diverted to other emergency rooms") is not the service hit.
            if re!(r"(?i)\b(?:to|at|in) (?:other|nearby|neighbouring|neighboring|another)\s+$")
                .is_match(before)
            {
                continue;
            }
            // The nearest effect phrase on either side. An effect word right before another
            // service ("… and cancelled appointments") qualifies that service, not this one.
            let a = service_effect
                .find(after)
                .filter(|x| {
                    service
                        .find(after[x.end()..].trim_start())
                        .is_none_or(|n| n.start() != 0)
                })
                .map(|x| (x.start(), x.as_str()));
            let b = service_effect
                .find_iter(before)
                .last()
                .map(|x| (before.len() - x.end(), x.as_str()));
            let found = match (a, b) {
                (Some((da, ea)), Some((db, eb))) => {
                    // "X ran at reduced capacity and ambulances were diverted": an effect
                    // across "and" belongs to the previous clause when one follows closely.
                    let across_and = before[before.len() - db..].contains(" and ");
                    Some(if db < da && !(across_and && da <= 20) {
                        eb
                    } else {
                        ea
                    })
                }
                (Some((da, ea)), None) => {
                    // "would not be delayed": a negated effect after the service.
                    if re!(r"(?i)\b(?:not|never|no)\b").is_match(&after[..da]) {
                        None
                    } else {
                        Some(ea)
                    }
                }
                (None, Some((_, eb))) => Some(eb),
                (None, None) => None,
            };
            let Some(eff) = found else { continue };
            let self_negating = re!(r"(?i)^(?:could not|not available|lost)").is_match(eff);
            if !self_negating && ctx.lex_negated(s, m.start()) {
                continue;
            }
            let e = eff.to_lowercase();
            let effect = if e.contains("capacity")
                || e == "reduced"
                || e == "limited"
                || e.starts_with("accepted only")
                || e.starts_with("only")
            {
                "reduced capacity"
            } else if e.starts_with("divert") || e == "diversion" {
                "diverted"
            } else if e.contains("phone") || e.contains("paper") || e.starts_with("manual") {
                "manual fallback"
            } else if e.starts_with("delay") || e == "slower" {
                "delayed"
            } else if e.starts_with("cancel") {
                "cancelled"
            } else if e.starts_with("postpon") || e.starts_with("reschedul") {
                "postponed"
            } else if e.starts_with("disrupt") {
                "disrupted"
            } else {
                "unavailable"
            };
            let unit = match svc_l.as_str() {
                "er"
                | "emergency room"
                | "emergency rooms"
                | "a&e"
                | "emergency care"
                | "emergency departments" => "emergency department".to_string(),
                "elective surgery" => "elective surgeries".to_string(),
                "mug" | "pit" => "mobile urgency teams".to_string(),
                "appointment" => "appointments".to_string(),
                "ambulance" => "ambulances".to_string(),
                "surgery" => "surgeries".to_string(),
                _ => svc_l.clone(),
            };
            if !seen_services.insert((unit.clone(), effect.to_string())) {
                continue;
            }
            out.push(ImpactFact {
                count: None,
                unit,
                effect: effect.to_string(),
                duration: duration.clone(),
                duration_days,
                category: "operational".into(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
    }
    lex_impacts(ctx, &mut out);
    // "cancel appointments" in the headline and "300 appointments were cancelled" in the
    // body are one fact: the counted one.
    let counted: HashSet<(String, String)> = out
        .iter()
        .filter(|f| f.count.is_some())
        .map(|f| (f.unit.to_lowercase(), f.effect.clone()))
        .collect();
    out.retain(|f| {
        f.count.is_some() || !counted.contains(&(f.unit.to_lowercase(), f.effect.clone()))
    });
    // The same service effect said twice (headline and lead) is one fact.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    out.retain(|f| f.count.is_some() || seen.insert((f.unit.clone(), f.effect.clone())));
    // Only a bounded prefix is kept (see `bounded`); the rest is counted, not compared.
    let extra = out.len().saturating_sub(4 * MAX_ITEMS_PER_FIELD);
    out.truncate(4 * MAX_ITEMS_PER_FIELD);
    let mut out = dedup_counts(out);
    // Placeholders keep the count of what was cut for `omitted`.
    out.extend(std::iter::repeat_n(
        ImpactFact {
            count: None,
            unit: String::new(),
            effect: String::new(),
            duration: None,
            duration_days: None,
            category: String::new(),
            provenance: Provenance::Stated,
            evidence: Evidence {
                sentence: String::new(),
                offset: 0,
            },
        },
        extra,
    ));
    out
}

/// Is the match at `at` in a clause about other organisations ("victims that did not pay")?
fn other_party(ctx: &Ctx, s: &str, at: usize) -> bool {
    ctx.lex.iter().any(|l| {
        l.other_party
            .as_ref()
            .is_some_and(|r| r.find_iter(&s[..at]).next().is_some())
    })
}

/// Impacts from the lexicons' phrases (Dutch, French, German…; and English phrases the
/// built-in rules miss), unless negated, advisory or about other organisations.
fn lex_impacts(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        // A ransom in another language's words ("une rançon d'un million d'euros",
        // "1,5 miljoen euro losgeld", "Lösegeld in Höhe von 2 Millionen Euro"): only next to a
        // ransom cue; paid when a ransom_paid phrase of the lexicon says so.
        for l in ctx.lex.iter().filter(|l| l.file.code != "en") {
            let (Some(money), Some(ransom)) = (&l.money, &l.ransom) else {
                continue;
            };
            if !ransom.is_match(s) {
                continue;
            }
            for c in money.captures_iter(s) {
                let m = c.get(0).expect("group 0");
                let Some(cur) = l.file.currencies.get(&c["cur"].to_lowercase()) else {
                    continue;
                };
                let Some(amount) = l.amount(&c["count"], c.name("mult").map(|x| x.as_str())) else {
                    continue;
                };
                if ctx.lex_negated(s, m.start()) || other_party(ctx, s, m.start()) {
                    continue;
                }
                let paid = l
                    .responses
                    .iter()
                    .any(|(re, r)| r.kind == "ransom_paid" && re.is_match(s));
                let effect = if paid {
                    "ransom paid"
                } else {
                    "ransom demanded"
                };
                if out
                    .iter()
                    .any(|f| f.count == Some(amount) && f.unit == *cur && f.effect == effect)
                {
                    continue;
                }
                out.push(ImpactFact {
                    count: Some(amount),
                    unit: cur.clone(),
                    effect: effect.to_string(),
                    duration: None,
                    duration_days: None,
                    category: "financial".into(),
                    provenance: Provenance::Stated,
                    evidence: ctx.evidence(i),
                });
            }
        }
        for l in &ctx.lex {
            for (re, rule) in &l.impacts {
                let Some(c) = re.captures(s) else { continue };
                let m = c.get(0).expect("group 0");
                if ctx.lex_negated(s, m.start())
                    || ctx.negated_within(m.as_str())
                    || other_party(ctx, s, m.start())
                {
                    continue;
                }
                let count = c.name("count").and_then(|n| l.count(n.as_str()));
                let key_unit = text::singular(rule.unit.split_whitespace().last().unwrap_or(""));
                let dup = out.iter().any(|f| {
                    f.effect == rule.effect
                        && text::singular(f.unit.split_whitespace().last().unwrap_or(""))
                            == key_unit
                        && (f.count == count || count.is_none())
                });
                if dup {
                    continue;
                }
                // A counted fact replaces the same uncounted one.
                if count.is_some() {
                    out.retain(|f| {
                        !(f.count.is_none()
                            && f.effect == rule.effect
                            && text::singular(f.unit.split_whitespace().last().unwrap_or(""))
                                == key_unit)
                    });
                }
                let (duration, duration_days) = duration_in(s);
                out.push(ImpactFact {
                    count,
                    unit: rule.unit.clone(),
                    effect: rule.effect.clone(),
                    duration,
                    duration_days,
                    category: rule.category.clone(),
                    provenance: Provenance::Stated,
                    evidence: ctx.evidence(i),
                });
            }
        }
    }
}

/// The same count given twice, rounded ("620,000" in a headline, "623,774" in the body):
/// keep the precise one.
fn dedup_counts(facts: Vec<ImpactFact>) -> Vec<ImpactFact> {
    let mut keep = vec![true; facts.len()];
    // Compare only facts of the same unit and effect (grouped first: no quadratic pass
    // over a number-heavy article).
    let mut groups: std::collections::HashMap<(String, String), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if f.count.is_some() {
            groups
                .entry((
                    text::singular(f.unit.split_whitespace().last().unwrap_or("")),
                    f.effect.clone(),
                ))
                .or_default()
                .push(i);
        }
    }
    for idx in groups.values() {
        for &i in idx {
            for &j in idx {
                if i == j || !keep[j] {
                    continue;
                }
                let (a, b) = (&facts[i], &facts[j]);
                if let (Some(x), Some(y)) = (a.count, b.count) {
                    let same_unit = text::singular(a.unit.split_whitespace().last().unwrap_or(""))
                        == text::singular(b.unit.split_whitespace().last().unwrap_or(""));
                    let close = x != y && (x as f64 - y as f64).abs() <= 0.05 * (y as f64);
                    let rounder = x.trailing_zeros() > y.trailing_zeros()
                        || x.to_string().trim_end_matches('0').len()
                            < y.to_string().trim_end_matches('0').len();
                    if same_unit && a.effect == b.effect && close && rounder {
                        keep[i] = false;
                    }
                }
            }
        }
    }
    facts
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Response

/// (kind, phase, pattern) — see docs/intel.md.
/// The phase of each response kind (language-neutral; the phrases that find a response are
/// the lexicons' `responses`). A kind not listed is `containment`.
const RESPONSE_PHASES: &[(&str, &str)] = &[
    ("isolate_external", "containment"),
    ("shutdown_servers", "containment"),
    ("patient_transfer", "containment"),
    ("ambulance_diversion", "containment"),
    ("authorities_notified", "containment"),
    ("phased_restoration", "recovery"),
    ("services_restored", "recovery"),
    ("manual_fallback", "containment"),
    ("external_experts", "eradication"),
    ("ransom_refused", "recovery"),
    ("ransom_paid", "recovery"),
    ("restore_from_backup", "recovery"),
    ("credentials_reset", "eradication"),
    ("crisis_management", "containment"),
];

fn phase_of(kind: &str) -> &'static str {
    RESPONSE_PHASES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, p)| *p)
        .unwrap_or("containment")
}

/// Response actions: the lexicons' `responses` phrases (the document's language, then
/// English), one action per kind, evidence the first sentence that states it. A phrase in
/// an advisory sentence, negated (unless the rule is `negative`), or about other
/// organisations does not count; "services restored" in a sentence that restores in phases
/// is the phased restoration.
fn responses(ctx: &Ctx) -> Vec<ResponseAction> {
    let mut out: Vec<ResponseAction> = Vec::new();
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        let mut here: Vec<&str> = Vec::new();
        for l in &ctx.lex {
            for (re, rule) in &l.responses {
                let Some(m) = re.find(s) else { continue };
                if (!rule.negative
                    && (ctx.lex_negated(s, m.start()) || ctx.negated_within(m.as_str())))
                    || other_party(ctx, s, m.start())
                    || here.contains(&rule.kind.as_str())
                {
                    continue;
                }
                here.push(rule.kind.as_str());
            }
        }
        if here.contains(&"phased_restoration") {
            here.retain(|k| *k != "services_restored");
        }
        // Kinds in the order of RESPONSE_PHASES, then any other kind a lexicon names.
        here.sort_by_key(|k| {
            RESPONSE_PHASES
                .iter()
                .position(|(p, _)| p == k)
                .unwrap_or(usize::MAX)
        });
        for kind in here {
            if out.iter().any(|r| r.kind == kind) {
                continue;
            }
            out.push(ResponseAction {
                kind: kind.to_string(),
                phase: phase_of(kind).to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
    }
    out
}

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

fn iocs(ctx: &Ctx) -> (Vec<Ioc>, usize) {
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
        r"(?i)\bindicators?\b|\bIOCs?\b|\bcommand[- ]and[- ]control\b|\bC2\b|\bmalicious (?:domains?|IPs?|IP address(?:es)?|servers?|sites?|infrastructure)\b|\bbeacon\w*|\bcontacted\b|\bcommunicat\w+ with\b|\bhosted on\b|\bleak site\b|\bonion\b|\bblock(?:ed|list)?\b|\bphishing (?:domain|site)"
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
            // "Version: 8.4.0.0", "v1.2.3.4" are version numbers.
            let version = re!(r"(?i)(?:\bversion|\bv|\bbuild|\bver\.?)\s*:?\s*$")
                .is_match(&s[floor_boundary(s, m.start().saturating_sub(12))..m.start()]);
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
    (out, extra)
}

// ---------------------------------------------------------------------------------------
// Lessons and recommendations

fn lessons(ctx: &Ctx) -> Vec<Item> {
    let re = re!(
        r"(?i)\blessons?\b|\b(?:review|report|investigation|audit|inquiry|assessment)\b[^.]{0,80}\b(?:found|concluded|showed|revealed|identified|criticised|criticized)\b|\b(?:lacked|lack of|did not have|had not been|was not|were not) (?:patched|updated|segmented|enabled|protected|monitored|in place)\b|\bunpatched\b|\boutdated\b|\blegacy (?:systems|software|IT)\b|\blow (?:cyber ?security )?maturity\b|\bshortcomings?\b|\bweaknesses\b|\bexposed (?:weaknesses|gaps)\b|\bshowed (?:how|that)\b|\bhighlight\w*"
    );
    let mut out = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if re.is_match(s) && !s.starts_with("Published: ") {
            out.push(item(s, Provenance::Stated, ctx.evidence(i)));
        }
    }
    out
}

fn recommendations(ctx: &Ctx) -> Vec<Item> {
    let topic = re!(
        r"(?i)\b(?:secur\w*|cyber\w*|backups?|segment\w*|patch\w*|MFA|multi-?factor|plans?|resilien\w*|train\w*|air[- ]gap\w*|continuity|redundan\w*|isolat\w*|updat\w*|monitor\w*|exercis\w*|rehears\w*|invest\w*|defen[cs]es?|protect\w*|vulnerab\w*|report\w*|recover\w*)\b"
    );
    let mut out = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if ctx.advisory[i] && topic.is_match(s) {
            out.push(item(s, Provenance::Stated, ctx.evidence(i)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_without_page_furniture() {
        let lex = lexicon::for_language(Some("en"));
        assert_eq!(
            clean_title(
                "Menu Browse Cyber Incident Victim: Example Hospital hit by ransomware",
                &lex
            ),
            "Example Hospital hit by ransomware"
        );
        assert_eq!(
            clean_title(
                "Example Hospital hit by ransomware - Reference: 1768395156 -",
                &lex
            ),
            "Example Hospital hit by ransomware"
        );
        assert_eq!(
            clean_title("Incident: Ziekenhuis Oost-Limburg (ZOL) - ransomware", &lex),
            "Incident: Ziekenhuis Oost-Limburg (ZOL) - ransomware"
        );
    }

    #[test]
    fn names_lose_articles_demonyms_and_generic_nouns() {
        assert_eq!(
            clean_name("Das Antwerpener Krankenhaus AZ Voorbeeld").as_deref(),
            Some("AZ Voorbeeld")
        );
        assert_eq!(
            clean_name("Das Evangelische Krankenhaus Mülheim").as_deref(),
            Some("Evangelisches Krankenhaus Mülheim")
        );
        assert_eq!(
            clean_name("Ziekenhuis Oost-Limburg").as_deref(),
            Some("Ziekenhuis Oost-Limburg")
        );
        assert_eq!(
            clean_name("Le Grand Hôpital de Charleroi").as_deref(),
            Some("Grand Hôpital de Charleroi")
        );
    }
}
