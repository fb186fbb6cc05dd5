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

mod actors;
mod cia;
mod impacts;
mod iocs;
mod responses;
mod victims;
pub use actors::canonical_actor;
use actors::*;
use cia::*;
use impacts::*;
pub use iocs::refang;
use iocs::*;
use responses::*;
pub use victims::org_type;
use victims::*;

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
    /// Index of the questions answered yes by the sentence after them (the lexicons'
    /// `affirmative_answers`): they state what they ask, so they are neither undecided nor
    /// open to the scope pass.
    answered_yes: Vec<bool>,
    /// The dateline's sentence and the byte range of its date, when there is one.
    dateline: Option<(usize, usize, usize)>,
    /// The text offset of a labelled header line read as the publication date (a tracker
    /// entry's "Discovered: …" above its "Updated: …"): no discovery date label then.
    publication_stamp: Option<usize>,
    /// Does the document state that data was taken or exposed (the CIA rules'
    /// confidentiality is `true`)? Set once those rules have run, before the impacts.
    data_exposed: bool,
    /// What the focal incident is known by (names of the title and lead, its date, the
    /// publication anchor); complete once the first pass has read the focal date.
    focus: focal::Focus,
    /// The response actions, read once ([`responses::responses`]): the impact rules ask
    /// for them too (coding rule 4: manual fallback and ambulance diversion are both).
    /// Filled on first use, after every change to the context.
    responses: std::cell::OnceCell<Vec<ResponseAction>>,
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
    /// Is sentence `i` the labelled header line read as the publication date
    /// ([`Ctx::publication_stamp`])?
    fn is_publication_stamp(&self, i: usize) -> bool {
        self.publication_stamp == Some(self.spans[i].start)
    }
    /// Does any lexicon's regex (picked by `f`) match `s`?
    fn lex_match(&self, s: &str, f: impl Fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>) -> bool {
        self.lex.iter().any(|l| f(l).is_some_and(|r| r.is_match(s)))
    }
    /// Is the match at `at` negated? By a negation of the document's lexicons in the same
    /// clause (up to 40 bytes before, cut at the lexicons' clause boundaries), or by a
    /// denial cue anywhere before it in the sentence ("no evidence that …").
    fn lex_negated(&self, s: &str, at: usize) -> bool {
        let before = self.clause_before(s, at);
        self.lex.iter().any(|l| {
            l.negation.as_ref().is_some_and(|r| {
                r.find_iter(before).any(|m| {
                    !governs_other_phrase(l, m.as_str(), &before[m.end()..])
                        && !self.in_negated_purpose(before, m.start())
                })
            }) || l.denial.as_ref().is_some_and(|r| r.is_match(&s[..at]))
        }) || self.preposition_negates(s, at)
    }
    /// Does a negation preposition govern the phrase at `at` across a clause boundary
    /// word — nothing but `negation_preposition_links` between them ("zonder dat gegevens
    /// …", "sans que des données …", "ohne dass Daten …")? The clause before `at` starts
    /// after "dat" / "que" / "dass", so [`Ctx::lex_negated`] asks this too.
    fn preposition_negates(&self, s: &str, at: usize) -> bool {
        let wide = &s[floor_boundary(s, at.saturating_sub(60))..at];
        self.lex.iter().any(|l| {
            // The last negation preposition in the window, read by the lexicon's own
            // negation regex (whole words, case-insensitive).
            let last = l.negation.as_ref().and_then(|r| {
                r.find_iter(wide)
                    .filter(|m| is_negation_preposition(l, m.as_str()))
                    .last()
            });
            last.is_some_and(|m| {
                let rest = &wide[m.end()..];
                rest.starts_with(char::is_whitespace) && !governs_other_phrase(l, m.as_str(), rest)
            })
        })
    }
    /// Does byte `at` of `before` lie inside a negated purpose or condition of the lexicons
    /// (`negation_purpose_patterns`: "pour ne pas publier")?
    fn in_negated_purpose(&self, before: &str, at: usize) -> bool {
        self.lex.iter().any(|l| {
            l.negation_purpose
                .as_ref()
                .is_some_and(|r| r.find_iter(before).any(|m| m.start() <= at && at < m.end()))
        })
    }
    /// The clause before byte `at`: at most 40 bytes, cut at the last clause boundary
    /// (`,` `;` `:` and the lexicons' `clause_boundaries`).
    fn clause_before<'s>(&self, s: &'s str, at: usize) -> &'s str {
        let from = floor_boundary(s, at.saturating_sub(40));
        let mut before = &s[from..at];
        // The last comma that closes a clause: a comma between the items of a short list
        // ("No patient, family or staff information was accessed") does not (session 36).
        let mut end = before.len();
        while let Some(p) = before[..end].rfind(',') {
            if self.list_comma(&before[..p], &before[p + 1..], from == 0) {
                end = p;
                continue;
            }
            before = &before[p + 1..];
            break;
        }
        let words = self
            .lex
            .iter()
            .flat_map(|l| l.file.clause_boundaries.iter().map(String::as_str));
        for sep in [";", ":"].into_iter().chain(words) {
            if let Some(p) = before.rfind(sep) {
                before = &before[p + sep.len()..];
            }
        }
        before
    }
    /// Is a comma with `head` before it and `tail` after it one between the items of a
    /// short list that a negation opens ("No patient, family or staff information")? The clause before it (after the last
    /// `,` `;` `:`, and starting the sentence or after such a mark when `head_whole`) holds
    /// at most three words (a noun phrase, not a clause: "No data was lost, staff and GPs
    /// were informed" keeps its comma) and opens with a negation of the lexicons; the word after the
    /// comma is no clause coordinator ("but"); and one or two words after the comma come
    /// another comma or a coordinator of the lexicons' `service_coordinators` ("or", "of",
    /// "ou", "oder") and a word.
    fn list_comma(&self, head: &str, tail: &str, head_whole: bool) -> bool {
        let item = match head.rfind([',', ';', ':']) {
            Some(p) => &head[p + 1..],
            None if head_whole => head,
            None => return false,
        };
        let item = item.trim_start();
        if item.split_whitespace().count() > 3 {
            return false;
        }
        let opens_negated = self.lex.iter().any(|l| {
            l.negation
                .as_ref()
                .is_some_and(|r| r.find(item).is_some_and(|m| m.start() == 0))
        });
        if !opens_negated {
            return false;
        }
        let words: Vec<&str> = tail.split_whitespace().take(4).collect();
        let word_in = |w: &str, list: &dyn Fn(&lexicon::Lexicon) -> &Vec<String>| {
            self.lex.iter().any(|l| {
                list(l)
                    .iter()
                    .any(|c| c.trim().eq_ignore_ascii_case(w.trim_end_matches(',')))
            })
        };
        let coordinator = |w: &str| word_in(w, &|l| &l.file.service_coordinators);
        if words.first().is_none_or(|w| {
            word_in(w, &|l| &l.file.clause_coordinators)
                || word_in(w, &|l| &l.file.clause_boundaries)
        }) {
            return false;
        }
        (1..=2).any(|k| {
            words.len() > k
                && (words[k - 1].ends_with(',') || (coordinator(words[k]) && words.len() > k + 1))
        })
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
        // A short field name ending in `:` at the start of the sentence is a tracker's
        // label too ("Victime de rançongiciel : X", "Victim of ransomware: X", "Opfer von
        // Ransomware: X"): at most three words before the match, no clause punctuation.
        let label_head = after.starts_with(':')
            && before.split_whitespace().count() <= 3
            && !before.contains([',', '.', ';']);
        label_compound
            || label_head
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
    /// Is the organisation named at `at` in `s` one the incident was reported to: a lexicon
    /// `notified_cues` phrase before it, with only a list of other names between ("has been
    /// reported to Lincolnshire Police, the Information Commissioner's Office and NHS …",
    /// "gemeld bij de politie en de Gegevensbeschermingsautoriteit")? The walk back skips
    /// capitalised words, articles, commas and conjunctions, at most 160 bytes.
    fn is_notified_party(&self, s: &str, at: usize) -> bool {
        self.cue_before_list(s, at, |l| l.notified.as_ref())
    }
    /// Is the place named at `at` in `s` where patients or ambulances were sent: a lexicon
    /// `destination_cues` phrase before it, with only a list of other names between
    /// ("ambulances réorientées vers Lons et Oyonnax")?
    fn is_destination_place(&self, s: &str, at: usize) -> bool {
        self.cue_before_list(s, at, |l| l.destination.as_ref())
    }
    /// Does a cue of `pick` end right before the list of names that ends at `at` (walking
    /// back over capitalised words, articles, commas and conjunctions, at most 160 bytes)?
    fn cue_before_list(
        &self,
        s: &str,
        at: usize,
        pick: impl Fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>,
    ) -> bool {
        let ends_with_cue = |t: &str| {
            let t = format!("{t} ");
            self.lex
                .iter()
                .any(|l| pick(l).is_some_and(|r| r.is_match(&t)))
        };
        let from = floor_boundary(s, at.saturating_sub(160));
        let mut before = s[from..at].trim_end();
        while let Some(last) = before.rsplit([' ', ',']).next() {
            if before.is_empty() || ends_with_cue(before) {
                break;
            }
            let w = last
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let list_word = last.chars().next().is_some_and(char::is_uppercase)
                || [
                    "and", "the", "its", "en", "de", "het", "et", "la", "le", "les", "und", "die",
                    "der", "das", "den", "dem", "l",
                ]
                .contains(&w.as_str());
            if !list_word {
                break;
            }
            before = before[..before.len() - last.len()].trim_end_matches([' ', ',']);
        }
        ends_with_cue(before)
    }
    /// Is the cue at `start..end` of `s` part of encryption as a safeguard (lexicon
    /// `protective_encryption_cues`: "the laptop was encrypted and password-protected")?
    fn protective_encryption(&self, s: &str, start: usize, end: usize) -> bool {
        self.lex.iter().any(|l| {
            l.protective_encryption
                .as_ref()
                .is_some_and(|r| r.find_iter(s).any(|m| m.start() <= start && end <= m.end()))
        })
    }
    /// Is this occurrence of a malware name (ending at `end`) the name of a group ("the
    /// LockBit ransomware gang", "Ransomware-Gruppe") rather than software deployed?
    fn names_group(&self, s: &str, start: usize, end: usize) -> bool {
        let after = &s[end..ceil_boundary(s, end + 16)];
        let before = &s[floor_boundary(s, start.saturating_sub(24))..start];
        // A compound whose head is a group noun ("Erpressergruppe", "afpersingsgroep",
        // "Erpresserbande") is the kind of a group, as "extortion group" is (Coding rule 8).
        let word = s[start..end].to_lowercase();
        self.lex.iter().any(|l| {
            l.file
                .group_nouns
                .iter()
                .any(|g| word.len() > g.len() && word.ends_with(g.as_str()))
                || l.group_after.as_ref().is_some_and(|r| r.is_match(after))
                || l.group_before.as_ref().is_some_and(|r| r.is_match(before))
        })
    }
    fn len(&self) -> usize {
        self.spans.len()
    }
    /// Is `s` — a clause of a focal sentence, a context sentence read from the full text,
    /// a label's value — about the focal incident? `false` when it tells of another
    /// incident: dated well before the focal incident, an earlier incident told as such,
    /// or (focal date unknown) a past year ("last year", "vorig jaar", "l'an dernier",
    /// "im vergangenen Jahr", "in 2019") without a name of the title or lead. See
    /// [`focal::Focus::is_other_incident`]. Every `sentence(i)` is already focal: ask this
    /// of parts and of text read around it.
    #[allow(dead_code)] // the field families' API; not every build calls it yet
    fn about_focal(&self, s: &str) -> bool {
        !self.focus.is_other_incident(s, &self.lex)
    }
    /// Is `s` a question this page answers yes ([`Ctx::answered_yes`])?
    fn is_answered_yes(&self, s: &str) -> bool {
        (0..self.len()).any(|i| self.answered_yes[i] && self.sentence(i) == s)
    }
    /// Does sentence `i` say that something happened (neither advice nor an open question)?
    fn says(&self, i: usize) -> bool {
        !self.advisory[i] && !self.undecided[i]
    }
    /// Is a negation of the lexicons inside the matched text `m` ("Lösegeld werde nicht
    /// gezahlt", "mussten nicht verschoben werden")? A negation word starting a hyphenated
    /// compound ("niet-dringende") is not one, nor a negation preposition that governs a
    /// phrase of its own before the match's last word ("Patientendossiers … geöffnet, ohne
    /// dass sie dafür einen beruflichen Grund hatte", "dossiers geopend zonder geldige
    /// reden": the records were opened, without a reason).
    fn negated_within(&self, m: &str) -> bool {
        let last_word = m.trim_end().rfind(char::is_whitespace).unwrap_or(0);
        self.lex.iter().any(|l| {
            l.negation.as_ref().is_some_and(|r| {
                r.find_iter(m).any(|x| {
                    let compound = m[x.end()..].starts_with('-');
                    let own_phrase = x.end() <= last_word
                        && governs_other_phrase(l, x.as_str(), &m[x.end()..last_word]);
                    !compound && !own_phrase
                })
            })
        })
    }
}

/// Is `word`, a negation of lexicon `l`, a preposition (`negation_prepositions`: "zonder",
/// "sans") that governs a phrase of its own in `rest` (the clause from it to the cue):
/// any word there that is no `negation_preposition_links` word ("zonder reden dossiers …",
/// "sans raison")? It then negates that phrase, not the cue.
fn governs_other_phrase(l: &lexicon::Lexicon, word: &str, rest: &str) -> bool {
    let is = |list: &[String], w: &str| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    is_negation_preposition(l, word)
        && rest
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .any(|w| !is(&l.file.negation_preposition_links, w))
}

/// Is `word` one of lexicon `l`'s `negation_prepositions` ("zonder", "sans")?
fn is_negation_preposition(l: &lexicon::Lexicon, word: &str) -> bool {
    let word = word.trim();
    l.file
        .negation_prepositions
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
}

/// The country of an ISO 3166-1 alpha-2 `code` with the gazetteer's name for it; `None`
/// for a code the gazetteer does not name.
fn country_of(code: String) -> Option<Country> {
    let name = crate::gazetteer::Gazetteer::get()
        .country_name(&code)?
        .to_string();
    Some(Country { code, name })
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
    // A menu line names topics ("Réagir à une demande de rançon"): no demand.
    if cia::menu_line(s) {
        return false;
    }
    // Read with the dots of grouped numbers blanked ("als wij geen 20.000 euro betalen"):
    // the cues' gaps stop at a sentence's dot, not at a number's. Same offsets.
    let blanked = crate::text::number_dots_blanked(s);
    ctx.lex.iter().any(|l| {
        l.ransom.as_ref().is_some_and(|r| {
            r.find_iter(&blanked).any(|m| {
                !ctx.names_group(s, m.start(), m.end())
                    && !warned_readers(ctx, s, m.start())
                    // "De daders zouden losgeld vragen, maar het ziekenhuis wil dat
                    // bevestigen noch ontkennen": a demand left unconfirmed names none.
                    && !cia::unconfirmed_after(ctx, s, m.end())
            })
        })
    })
}

/// Is the phrase at `at` of `s` what a warning to the readers before it in the sentence is
/// about (lexicon `reader_warning_cues`: "Soyez vigilants face aux courriels … qui vous
/// demandent de l'argent")?
fn warned_readers(ctx: &Ctx, s: &str, at: usize) -> bool {
    ctx.lex_match(&s[..at], |l| l.reader_warning.as_ref())
}

/// A mention of a ransom is evidence of a demand unless the sentence denies the demand:
/// every ransom cue of the sentence lies inside a denial (the lexicons' `ransom_denials`:
/// "no ransom had been paid", "keine Lösegeldforderung") or is followed by a negated verb
/// of demand. A denial covers only its own words: "A ransom demand was left on the
/// servers, but no ransom had been paid" still tells of a demand.
fn ransom_denied(ctx: &Ctx, s: &str) -> bool {
    let denials: Vec<(usize, usize)> = ctx
        .lex
        .iter()
        .filter_map(|l| l.ransom_denial.as_ref())
        .flat_map(|r| r.find_iter(s))
        .map(|m| (m.start(), m.end()))
        .collect();
    // A ransom cue followed by a negated verb of demand in its clause ("Ein Lösegeld wurde
    // nicht gefordert", "Eine Lösegeldforderung ist bislang nicht eingegangen", "A ransom
    // was not demanded"; lexicon `demand_negated_after`). A negated payment ("wurde nicht
    // gezahlt") is a refusal: the demand stands.
    let mut cues = ctx
        .lex
        .iter()
        .filter_map(|l| l.ransom.as_ref())
        .flat_map(|r| r.find_iter(s))
        .filter(|m| !ctx.names_group(s, m.start(), m.end()))
        .peekable();
    if cues.peek().is_none() {
        return !denials.is_empty();
    }
    cues.all(|m| {
        denials
            .iter()
            .any(|&(a, b)| a <= m.start() && m.start() < b)
            || ctx.lex.iter().any(|l| {
                l.demand_negated_after
                    .as_ref()
                    .is_some_and(|r| r.is_match(&s[m.end()..]))
            })
    })
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

/// The first item of a page footer's line ("Ambulanter Pflegedienst X GmbH · Xstraße 0 ·
/// 87700 Memmingen" → "Ambulanter Pflegedienst X GmbH "), items split at `·`, `|`, `•`.
fn footer_first_item(line: &str) -> Option<&str> {
    line.split(['·', '|', '•']).next()
}

/// Extracts the incident record of one document, with `extra` lexicons (loaded at run time
/// with [`lexicon::Lexicon::from_path`]) as further candidate languages: the document's
/// language is detected among the embedded and the extra lexicons, and an extra lexicon
/// replaces an embedded one of the same code.
pub fn extract_with(doc: &Document, extra: &[lexicon::Lexicon]) -> IncidentRecord {
    let text = doc.text();
    // The document's sentences are the haystacks every lexicon phrase is asked about.
    let _pinned = lexicon::pin(&text);
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
    let mut seg = focal::segment(&text, &all_spans, &lex);
    let anchor = doc.published.as_deref().and_then(Anchor::parse);
    let published = anchor.map(|a| a.date);
    let spans = answers(&text, &seg.focal, &lex);
    let (advisory, undecided, answered_yes) = sentence_flags(&text, &spans, &lex);
    let mut ctx = Ctx {
        text: &text,
        spans,
        published,
        anchor,
        lex,
        advisory,
        undecided,
        answered_yes,
        dateline: None,
        publication_stamp: None,
        data_exposed: false,
        focus: focal::Focus {
            names: seg.focal_names.clone(),
            date: None,
            anchor,
            lead: seg.lead.clone(),
            updates: Vec::new(),
        },
        responses: std::cell::OnceCell::new(),
    };
    mark_advice_lists(&mut ctx);
    let publication_date = publication_date(&mut ctx, doc);
    // Update stamps after publication ("Mise à jour – mardi 2 juillet 2024") anchor the
    // dates of their sections.
    ctx.focus.updates = focal::update_stamps(&text, ctx.anchor, &ctx.lex);
    // A paragraph set apart by a past-story opener but dated days before publication
    // ("Vorige week maandag kregen …") goes on with the focal story.
    ctx.focus.anchor = ctx.anchor;
    if focal::readmit_recent(&text, &mut seg, &ctx.focus, &ctx.lex) {
        resync(&mut ctx, &text, &seg);
    }
    // The focal incident's date (read once from the segmentation so far) sets apart the
    // sentences about an earlier incident at the same victim; then every rule reads the
    // rest.
    let (first_incident, first_discovery) = incident_dates(&ctx);
    // The later of the two: an earlier incident's date read first (a paragraph on a 2019
    // attack before the 2020 discovery is dated) must not hide the focal one.
    let day = |v: &String| dates::parse_iso(v).or_else(|| dates::parse_iso(&format!("{v}-01")));
    // A date read from a sentence that, judged against the publication date alone, is
    // about another incident ("In januari 2021 legde een ransomware-aanval het Waalse
    // ziekenhuisnetwerk CHwapi … plat" in a 2025 report whose own date is a weekday the
    // first pass did not resolve) is no focal date.
    // (`Focus::another_incident_by_publication` reads the names, lead and anchor only: the
    // focus built above, its anchor now the publication date read.)
    ctx.focus.anchor = ctx.anchor;
    let own = |f: &Field<String>| {
        f.fact()
            .filter(|x| {
                !ctx.focus
                    .another_incident_by_publication(&x.evidence.sentence, &ctx.lex)
            })
            .and_then(|x| day(&x.value))
    };
    let focal_date = own(&first_incident).max(own(&first_discovery));
    {
        ctx.focus.date = focal_date;
        focal::set_apart_earlier(&text, &mut seg, &ctx.focus, &ctx.lex);
        if seg.focal.len() != ctx.spans.len() {
            resync(&mut ctx, &text, &seg);
        }
    }
    let mut noise = doc.noise.clone();
    for (sp, why) in &seg.set_apart {
        let piece = &text[sp.start..sp.end];
        let piece = &piece[..floor_boundary(piece, MAX_EVIDENCE_BYTES.min(piece.len()))];
        if noise.set_apart.len() < MAX_ITEMS_PER_FIELD {
            noise.set_apart.push(format!("{}: {piece}", why.as_str()));
        }
    }
    // The page's own names outside its focal sentences: the site's name and the footer's
    // first items ("EMS de la Paudèze · Pully · Tél. …").
    let own_names: Vec<&str> = doc
        .site_name
        .iter()
        .map(String::as_str)
        .chain(doc.noise.footer.iter().filter_map(|f| footer_first_item(f)))
        .map(str::trim)
        .collect();
    let (mut victims, victim_sentence) = victims(&ctx, &own_names);
    // The organisation's own page that names itself only in the site's name.
    let site = doc.site_name.as_deref().filter(|_| victims.is_empty());
    if let Some(v) = site.and_then(|s| site_victim(&ctx, s)) {
        victims.push(v);
    }
    // (Session 34) The organisation's own page that names itself only in its footer
    // ("Ambulanter Pflegedienst X GmbH · Xstraße 0 · 87700 Memmingen"): the footer's first
    // item, under the same conditions as a site's name (an organisation of a known type,
    // a page speaking in the first person plural). It replaces a victim known only by its
    // type ("Cyberangriff auf unseren Pflegedienst").
    if victims.iter().all(|v| v.name == NOT_STATED)
        && let Some(v) = doc
            .noise
            .footer
            .iter()
            .find_map(|f| site_victim(&ctx, footer_first_item(f)?.trim()))
    {
        victims = vec![v];
    }
    // (Session 35) The organisation's own statement that names itself only in its
    // press-release boilerplate ("About Cadair Wellbeing: Cadair Wellbeing is …").
    if victims.iter().all(|v| v.name == NOT_STATED)
        && let Some(v) = about_victim(&ctx)
    {
        victims = vec![v];
    }
    let sector = sector(&ctx, &victims);
    let (mut country, mut city) =
        geography(&ctx, victim_sentence, &victims, doc.description.as_deref());
    // The organisation's own page that gives its address only in the footer.
    if city.value().is_none()
        && let Some((town, code, block)) = footer_address(
            &doc.noise.footer,
            &victims,
            country.value().map(|c| c.code.as_str()),
        )
    {
        let evidence = Evidence {
            sentence: block[..floor_boundary(block, MAX_EVIDENCE_BYTES.min(block.len()))]
                .to_string(),
            offset: 0,
        };
        let rule = "the victim's address in the page footer";
        city = fact(town, Provenance::Stated, evidence.clone(), rule);
        if country.value().is_none()
            && let Some(c) = code.and_then(country_of)
        {
            country = fact(c, Provenance::Stated, evidence, rule);
        }
    }
    if let Some(s) = site.filter(|_| !victims.is_empty() && city.value().is_none())
        && let Some(p) = site_town(s)
    {
        let evidence = || Evidence {
            sentence: s.to_string(),
            offset: 0,
        };
        city = fact(
            p.name.clone(),
            Provenance::Inferred,
            evidence(),
            "site name",
        );
        if country.value().is_none()
            && let Some(c) = country_of(p.country.clone())
        {
            country = fact(c, Provenance::Inferred, evidence(), "site name");
        }
    }
    let (incident_date, discovery_date) = incident_dates(&ctx);
    let summary = summary(&ctx, doc);
    let mut omitted = BTreeMap::new();
    // The CIA rules' judgement of confidentiality decides whether theft phrases are T1041.
    let cia_read = lex_cia(&ctx, cia(&ctx));
    let techniques = bounded(
        "techniques",
        techniques(&ctx, &cia_read.confidentiality, &cia_read.integrity),
        &mut omitted,
    );
    ctx.data_exposed = cia_read.confidentiality.value() == Some(&true);
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
        cia: availability_from_effects(cia_read, &impacts, &response_actions),
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

/// The focal sentences as the rules read them: a sentence that opens with a reporter's
/// question it answers ("Asked whether patient data had been stolen, she said there was no
/// evidence …"; the lexicons' `question_frames`) is read from its answer on. The number
/// and order of the sentences stay those of `spans`.
fn answers(text: &str, spans: &[Span], lex: &[&lexicon::Lexicon]) -> Vec<Span> {
    spans
        .iter()
        .map(|sp| {
            let s = &text[sp.start..sp.end];
            let frame = lex
                .iter()
                .filter_map(|l| l.question_frame.as_ref()?.find(s))
                .map(|m| m.end())
                .max();
            match frame {
                Some(end) if end < s.len() => {
                    let skip = s[end..].len() - s[end..].trim_start().len();
                    Span {
                        start: sp.start + end + skip,
                        end: sp.end,
                    }
                }
                _ => *sp,
            }
        })
        .collect()
}

/// Per sentence: advice, undecided, and a question answered yes by the next sentence.
type SentenceFlags = (Vec<bool>, Vec<bool>, Vec<bool>);

/// Per focal sentence: is it advice (the lexicons' `recommendation` cues, after their
/// `advice_exceptions` — "the need to …" — are removed), does it leave open whether
/// something happened (`uncertainty_cues`; not a question the next sentence answers yes),
/// and is it a question answered yes (`affirmative_answers`, [`answers_yes`])?
fn sentence_flags(text: &str, spans: &[Span], lex: &[&lexicon::Lexicon]) -> SentenceFlags {
    let advisory = spans
        .iter()
        .map(|s| {
            let mut t = text[s.start..s.end].to_string();
            for l in lex {
                if let Some(r) = &l.advice_exception {
                    t = r.replace_all(&t, " ").into_owned();
                }
            }
            lex.iter()
                .any(|l| l.recommendation.as_ref().is_some_and(|r| r.is_match(&t)))
        })
        .collect();
    let mut undecided: Vec<bool> = spans
        .iter()
        .map(|s| {
            let t = &text[s.start..s.end];
            lex.iter()
                .any(|l| l.uncertainty.as_ref().is_some_and(|r| r.is_match(t)))
        })
        .collect();
    let answered_yes: Vec<bool> = (0..spans.len())
        .map(|i| {
            let q = &text[spans[i].start..spans[i].end];
            cia::is_question(q)
                && spans
                    .get(i + 1)
                    .is_some_and(|a| answers_yes(&text[a.start..a.end], lex))
        })
        .collect();
    for (u, y) in undecided.iter_mut().zip(&answered_yes) {
        *u &= !y;
    }
    (advisory, undecided, answered_yes)
}

/// Does sentence `a` answer a question yes: a lexicon `affirmative_answers` word first
/// ("Oui, 70 000 francs.", "Ja.") or last ("Pour une partie de nos membres, oui.")?
fn answers_yes(a: &str, lex: &[&lexicon::Lexicon]) -> bool {
    let words: Vec<String> = a
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let last_is_clause = a
        .trim_end()
        .trim_end_matches(['.', '!'])
        .rfind(',')
        .is_some()
        || words.len() == 1;
    lex.iter().any(|l| {
        l.file
            .affirmative_answers
            .iter()
            .any(|y| words.first() == Some(y) || (last_is_clause && words.last() == Some(y)))
    })
}

/// The items of a list under a heading of advice ("6. Recommandations pour des
/// établissements comparables", "## Lessons learned", "Empfehlungen:") are advice too, for
/// every field family: "- Prévoir une procédure … en mode dégradé" is neither a response
/// action nor an impact ([`responses::under_advice_heading`]).
fn mark_advice_lists(ctx: &mut Ctx) {
    let under: Vec<bool> = (0..ctx.spans.len())
        .map(|i| !ctx.advisory[i] && responses::under_advice_heading(ctx, i))
        .collect();
    for (a, u) in ctx.advisory.iter_mut().zip(under) {
        *a |= u;
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

/// A page title without site furniture: leading furniture words of every lexicon
/// (`focal.title_furniture`: "Menu Browse", "Menu Rechercher", "Startseite Suche"), a
/// reference number (`focal.reference_labels`: "- Reference: 1768395156 -", "- Réf.
/// 2024-0604-RBX -", "| Aktenzeichen 12/345"), a breadcrumb ending in a label ("Cyber
/// Incident Victim: X").
fn clean_title(t: &str, doc_lex: &[&lexicon::Lexicon]) -> String {
    let t = text::squash(t);
    // Every lexicon's words: a scraped page's furniture need not be in the article's
    // language (and a title alone is too short to tell).
    let lex: Vec<&lexicon::Lexicon> = doc_lex
        .iter()
        .copied()
        .chain(lexicon::all().iter())
        .collect();
    // The words lower-cased once per lexicon (`Lexicon::reference_labels_lower`,
    // `title_furniture_lower`, shared with `lexicon::opens_like_menu`).
    let labels: Vec<&String> = lex
        .iter()
        .flat_map(|l| l.reference_labels_lower.iter())
        .collect();
    let furniture: Vec<&String> = lex
        .iter()
        .flat_map(|l| l.title_furniture_lower.iter())
        .collect();
    // Hand-written token scan (the lists are data; a regex per document is not needed):
    // a reference label, an optional ':' / '#', and a code with a digit are dropped with
    // the separators around them.
    let toks: Vec<&str> = t.split_whitespace().collect();
    let sep = |w: &str| matches!(w, "-" | "–" | "—" | "|");
    let bare = |w: &str| {
        w.trim_matches(['-', '–', '—', '|'])
            .trim_end_matches(['.', ':', '#'])
            .to_lowercase()
    };
    let mut keep = vec![true; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let b = bare(toks[i]);
        if !labels.iter().any(|l| **l == b) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if j < toks.len() && matches!(toks[j], ":" | "#") {
            j += 1;
        }
        let code = toks.get(j).copied().unwrap_or("");
        if !code.chars().any(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (mut a, mut b) = (i, j + 1);
        while a > 0 && sep(toks[a - 1]) {
            a -= 1;
        }
        while b < toks.len() && sep(toks[b]) {
            b += 1;
        }
        keep[a..b].iter_mut().for_each(|k| *k = false);
        i = b;
    }
    let mut t = toks
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(w, _)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    // Leading furniture: a run of two or more of its phrases ("Menu Browse …", "Menu
    // Rechercher …") or one of several words ("Skip to content …"); a lone word stays
    // ("Home care provider hit by ransomware").
    let mut rest = t.as_str();
    let mut run = 0;
    let mut long = false;
    'strip: loop {
        for f in &furniture {
            // The prefix compared as written (lower-casing may change byte lengths).
            let n = f.len();
            if rest.is_char_boundary(n)
                && rest[..n].to_lowercase() == **f
                && rest[n..].starts_with(' ')
            {
                rest = rest[n..].trim_start();
                run += 1;
                long |= f.contains(' ');
                continue 'strip;
            }
        }
        break;
    }
    if run >= 2 || long {
        t = rest.to_string();
    }
    // A breadcrumb ending in a label ("Cyber Incident Victim: X") keeps what follows it:
    // two to five capitalised words before the colon, the last a `breadcrumb_labels` word.
    if let Some((head, rest)) = t.split_once(':') {
        let words: Vec<&str> = head.split_whitespace().collect();
        let capitalised = words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let labelled = words.last().is_some_and(|w| {
            let w = w.to_lowercase();
            lex.iter().any(|l| {
                l.file
                    .focal
                    .breadcrumb_labels
                    .iter()
                    .any(|b| b.to_lowercase() == w)
            })
        });
        if (2..=5).contains(&words.len()) && capitalised && labelled && !rest.trim().is_empty() {
            t = rest.trim().to_string();
        }
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

/// Makes `ctx` read the focal sentences of `seg` again after the segmentation changed
/// (sentences set apart or read back): the advisory and undecided flags, the advice
/// lists, and the dateline's sentence index.
fn resync(ctx: &mut Ctx, text: &str, seg: &focal::Segmentation) {
    let dateline = ctx.dateline.map(|(i, a, b)| (ctx.spans[i], a, b));
    ctx.spans = answers(text, &seg.focal, &ctx.lex);
    let (advisory, undecided, answered_yes) = sentence_flags(text, &ctx.spans, &ctx.lex);
    ctx.advisory = advisory;
    ctx.undecided = undecided;
    ctx.answered_yes = answered_yes;
    mark_advice_lists(ctx);
    ctx.dateline =
        dateline.and_then(|(sp, a, b)| ctx.spans.iter().position(|x| *x == sp).map(|i| (i, a, b)));
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
    if ctx.published.is_none()
        && let Some((evidence, value)) = labelled_publication(ctx)
    {
        ctx.published = dates::parse_iso(&value);
        ctx.anchor = Anchor::parse(&value);
        ctx.publication_stamp = Some(evidence.offset);
        return Field(Some(Fact {
            value,
            provenance: Provenance::Stated,
            evidence,
            rule: Some("publication date label".to_string()),
        }));
    }
    if let Some((i, a, b)) = dateline {
        let s = ctx.sentence(i);
        let ds = dates::find_dates_in(&s[a..b], None, &ctx.lex);
        if let Some(d) = ds.first() {
            ctx.published = dates::parse_iso(&d.value);
            ctx.anchor = Anchor::parse(&d.value);
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

/// A dateline within the first sentences of the body: the sentence and the byte range of
/// its date. Either a date near the start followed by a dash, a parenthesis or a colon
/// ("DUBLIN, May 14, 2021 —"), or a short byline line of a plain-text scrape made of a
/// source, a place and a date, maybe a time ("Westfalen Aktuell – Bielefeld – 27.12.2023,
/// 14:05 Uhr"): no more than [`DATELINE_MAX_WORDS`] words, not ending like prose, no `Label:`
/// before the date (a tracker's field) and no cue of the attack or its discovery.
fn find_dateline(ctx: &Ctx) -> Option<(usize, usize, usize)> {
    // An update stamp on top of a statement ("UPDATE – Monday 23 June 2025", "NACHTRAG vom
    // 21. Mai 2025", "MISE À JOUR DU VENDREDI 21 MARS 2025") dates the update, not the
    // page: it is passed over, and the original dateline below its section is looked for
    // [`UPDATE_SECTION_SENTENCES`] sentences further.
    let mut limit = DATELINE_SENTENCES;
    for i in 0..ctx.len() {
        if i >= limit {
            break;
        }
        let s = ctx.sentence(i);
        if s.starts_with("Published: ") {
            continue;
        }
        if ctx.lex.iter().any(|l| {
            l.update_opener
                .as_ref()
                .is_some_and(|r| r.is_match(s.trim_start()))
        }) {
            limit = limit.max(i + 1 + UPDATE_SECTION_SENTENCES);
            continue;
        }
        let ds = dates::find_dates_in(s, None, &ctx.lex);
        let Some(d) = ds.first() else { continue };
        if d.value.len() != 10 {
            continue;
        }
        let rest = s[d.end..].trim_start();
        // A line opening with its date is a timeline entry ("10.09.2020 – Systemausfall"),
        // not a dateline (which names a place or a source first).
        if s[..d.start]
            .trim_start_matches(['-', '*', '•', ' '])
            .is_empty()
            && !rest.is_empty()
        {
            continue;
        }
        // "Aachen, 7. Februar 2024." — a press release's place and date as a sentence of
        // their own (the text after it starts the next sentence).
        // A short preposition or article may stand before the date ("Hesperange, le 4
        // juillet 2025.", "Aalst, op 3 maart 2025.").
        let head = s[..d.start].trim_end();
        let head = match head.rsplit_once(' ') {
            Some((h, w)) if w.chars().count() <= 3 && w.chars().all(char::is_lowercase) => {
                h.trim_end()
            }
            _ => head,
        };
        // The place is no weekday ("Am Montag, 29. September 2025." answers a question).
        let names_weekday = head.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            ctx.lex.iter().any(|l| l.file.weekdays.contains_key(&w))
                // English weekdays are built into the date reader, not a lexicon.
                || (w.len() >= 6 && w.parse::<chrono::Weekday>().is_ok())
        });
        let place_date_sentence = rest == "."
            && head.ends_with(',')
            && head.split_whitespace().count() <= 4
            && !names_weekday;
        let separated = d.start < 40
            && (rest.starts_with('—')
                || rest.starts_with('–')
                || rest.starts_with("- ")
                || rest.starts_with("(")
                || rest.starts_with(':')
                || place_date_sentence);
        let t = s.trim_end();
        // Separators ("|", "·", "–") are no words.
        let byline = t
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= DATELINE_MAX_WORDS
            && !t.ends_with(['.', '!', '?', ':'])
            && !s[..d.start].contains(':')
            && !ctx.lex_match(s, |l| l.attack.as_ref())
            && !ctx.lex_match(s, |l| l.incident.as_ref())
            && !ctx.lex_match(s, |l| l.discovery.as_ref())
            && !ctx.lex_match(s, |l| l.incident_date_label.as_ref());
        if separated || byline {
            return Some((i, d.start, d.end));
        }
    }
    None
}

/// Header lines read for a page's own date: the first this many lines of the text.
const HEADER_LINES: usize = 12;

/// Is `s` a `Label: …` line whose label is one of the lexicons' `publication_labels`
/// ("Datum: 17.07.2019", "Publié le : 12/03/2021")? The text after the colon.
fn publication_line<'s>(ctx: &Ctx, s: &'s str) -> Option<&'s str> {
    // "+ Date: …" lines list a source's date, not the page's.
    if s.trim_start().starts_with('+') {
        return None;
    }
    let (l, v) = s.split_once(':')?;
    let l = l.trim().trim_start_matches(['-', '*', '•', '–']).trim();
    (!l.is_empty() && l.chars().count() <= 30 && ctx.lex_match(l, |x| x.publication_label.as_ref()))
        .then_some(v)
}

/// A page's own date from a labelled header line ("Datum: 17.07.2019", "Publié le :
/// 12/03/2021", "Gepubliceerd op 4 november 2020") among the first [`HEADER_LINES`] lines:
/// the evidence and `YYYY-MM-DD`. Numeric dates are read in the document language's order.
fn labelled_publication(ctx: &Ctx) -> Option<(Evidence, String)> {
    let mut offset = 0;
    let lines: Vec<&str> = ctx.text.split('\n').take(HEADER_LINES + 1).collect();
    for (k, line) in lines.iter().enumerate().take(HEADER_LINES) {
        let here = offset;
        offset += line.len() + 1;
        let t = line.trim();
        // The evidence of a date read off this header line.
        let header_evidence = || Evidence {
            sentence: t.to_string(),
            offset: here + line.len() - line.trim_start().len(),
        };
        // "Discovered: 2025-04-08 09:40 UTC" right above "Updated: …": an entry's first
        // stamp, whatever its label (lexicon `update_labels`).
        let above_update = lines
            .get(k + 1)
            .and_then(|n| label_line(n.trim()))
            .is_some_and(|(l, _)| ctx.lex_match(l, |x| x.update_label.as_ref()));
        if above_update
            && let Some((l, v)) = label_line(t)
            && !ctx.lex_match(l, |x| x.update_label.as_ref())
            && !ctx.lex_match(l, |x| x.incident_date_label.as_ref())
            && let Some(d) = dates::find_dates_in(v, None, &ctx.lex)
                .into_iter()
                .find(|d| d.value.len() == 10)
        {
            return Some((header_evidence(), d.value));
        }
        let ds = match publication_line(ctx, t) {
            Some(v) => dates::find_dates_in(v, None, &ctx.lex),
            // A date right after a publication cue anywhere in a header line ("Info
            // Wallonie – Liège – Publié le mardi 9 juillet 2024 à 14h32", "Last updated 13
            // January 2025"; lexicon `publication_cues`). "+ Date:" source lines aside.
            None if !t.starts_with('+') => dates::find_dates_in(t, None, &ctx.lex)
                .into_iter()
                .filter(|d| {
                    let before = &t[floor_boundary(t, d.start.saturating_sub(40))..d.start];
                    ctx.lex_match(before, |l| l.publication_cue.as_ref())
                })
                .collect(),
            None => continue,
        };
        // A label's value that is only a month ("Published: 2023-09", "Gepubliceerd: februari
        // 2025" in a tracker's header, not the page's first lines) is month precision.
        let month = || {
            publication_line(ctx, t)
                .and_then(dates::normalize_published)
                .filter(|v| v.len() == 7)
        };
        let value = match ds.first().filter(|d| d.value.len() == 10) {
            Some(d) => Some(d.value.clone()),
            None => month(),
        };
        if let Some(value) = value {
            return Some((header_evidence(), value));
        }
    }
    None
}

/// At most this many words in a byline line that gives the publication date.
const DATELINE_MAX_WORDS: usize = 12;

/// A dateline is looked for among this many first focal sentences (title, menu lines and
/// a kicker may come before it).
const DATELINE_SENTENCES: usize = 8;

/// Sentences after an update stamp in which the original dateline is still looked for
/// (an update section of a statement runs to a few paragraphs).
const UPDATE_SECTION_SENTENCES: usize = 16;

/// A `Label: value` line of a tracker or a generated report ("- Lösegeld gezahlt: Nein",
/// "Date of incident: 14 May 2021"): the label (a list marker before it dropped, at most
/// 40 characters, not empty) and the text after the colon as written.
pub(super) fn label_line(s: &str) -> Option<(&str, &str)> {
    let (l, v) = s.split_once(':')?;
    let l = l
        .trim()
        .trim_start_matches(['-', '*', '•', '+', '–'])
        .trim();
    (!l.is_empty() && l.chars().count() <= 40).then_some((l, v))
}

/// The date of a `Label: date` line whose label is one of the lexicons' incident (or
/// discovery) date labels ("Date of incident: 14 May 2021", "Date du piratage : 16/04/2024",
/// "Angriffsdatum: 10.09.2020").
fn labelled_date(
    ctx: &Ctx,
    s: &str,
    label: impl Fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>,
) -> Option<DateMention> {
    let (l, v) = label_line(s)?;
    if !ctx.lex_match(l, label) {
        return None;
    }
    let off = s.len() - v.len();
    let ds = dates::find_dates_in(v, ctx.anchor, &ctx.lex);
    let d = pick_date(&ds, ctx.published)?;
    Some(DateMention {
        start: d.start + off,
        end: d.end + off,
        ..d.clone()
    })
}

/// Is `d`, a date of sentence `s`, the day something was said, announced or presented on
/// (lexicon `statement_verbs` in the [`STATEMENT_WINDOW`] bytes before it, or
/// `statement_verbs_after` right after it)?
fn said_on(ctx: &Ctx, s: &str, d: &DateMention) -> bool {
    let before = &s[floor_boundary(s, d.start.saturating_sub(STATEMENT_WINDOW))..d.start];
    let after = &s[d.end..ceil_boundary(s, d.end + STATEMENT_WINDOW)];
    ctx.lex_match(before, |l| l.statement_verb.as_ref())
        || ctx.lex_match(after, |l| l.statement_verb_after.as_ref())
}

/// Bytes before and after a date that `statement_verbs` / `statement_verbs_after` read:
/// room for a verb with its object ("annoncé l'attaque sur son site internet le …", "am 7.
/// März auf seiner Website öffentlich gemacht").
const STATEMENT_WINDOW: usize = 64;

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
    let mk = |i: usize, d: &DateMention, rule: &str| {
        let r = if d.provenance == Provenance::Inferred {
            format!("{rule}; {}", d.rule)
        } else {
            rule.to_string()
        };
        fact(d.value.clone(), d.provenance, ctx.evidence(i), &r)
    };
    // A labelled date (a tracker's or a report's field) wins over dates read from prose.
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if incident.0.is_none()
            && let Some(d) = labelled_date(ctx, s, |l| l.incident_date_label.as_ref())
        {
            incident = mk(i, &d, "incident date label");
        }
        if discovery.0.is_none()
            && !ctx.is_publication_stamp(i)
            && let Some(d) = labelled_date(ctx, s, |l| l.discovery_date_label.as_ref())
        {
            discovery = mk(i, &d, "discovery date label");
        }
    }
    let (incident_labelled, discovery_labelled) = (incident.0.is_some(), discovery.0.is_some());
    // The incident date was read after a `since_words` word ("since Wednesday"): when the
    // outage began, which an earlier day given to the attack itself replaces.
    let mut incident_since = false;
    // The sentence the incident's day was read from.
    let mut incident_at: Option<usize> = None;
    // The attackers' first access dates the incident only when nothing dates the attack.
    let mut first_access: Field<String> = Field(None);
    // The sentence the first access's day was read from.
    let mut first_access_at: Option<usize> = None;
    // The day the narrative stands on: the last full date the sentence before states
    // (stated or resolved), the day a following "le lendemain" or bare weekday is told
    // from. The page's own date (a `Published:` or publication label line, the dateline)
    // is no day of the narrative: "la veille" is never counted from the publication date.
    // It carries over up to two undated sentences ("Begonnen hatte alles am Dienstag
    // vergangener Woche: … . Damit gelangte Schadsoftware … . Als das Praxisteam am
    // Mittwochmorgen …" tells that Wednesday from the Tuesday).
    let mut narrative_day: Option<(chrono::NaiveDate, usize)> = None;
    // Is that day the date of a message the sentences after it quote (lexicon
    // `communication_date_cues`)? Its weekdays are then told back from it.
    let mut narrative_message = false;
    // The same, only from a day whose year is written or told (not itself guessed from the
    // publication date): the only base that may change another day's year ("Aangevuld op
    // 10 februari", read as the February before a page of 3 February, must not move
    // "26 januari" a year back).
    let mut narrative_year_day: Option<(chrono::NaiveDate, usize)> = None;
    // The last sentence before this one that names a day (a page's date line counts; a
    // month or year — "a patch published in August" — names no other day).
    let mut last_dated: Option<usize> = None;
    // The question heading about the discovery a Q&A page asks last (lexicon
    // `discovery_questions`).
    let mut discovery_question_at: Option<usize> = None;
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if s.trim_end().ends_with('?') && ctx.lex_match(s, |l| l.discovery_question.as_ref()) {
            discovery_question_at = Some(i);
            continue;
        }
        let base = narrative_day.filter(|(_, at)| i - at <= 3).map(|(d, _)| d);
        let told_from = base.map(|day| NarrativeBase {
            day,
            message: narrative_message,
        });
        let year_base = narrative_year_day
            .filter(|(_, at)| i - at <= 3)
            .map(|(d, _)| d);
        let dated_before = last_dated;
        if s.starts_with("Published: ")
            || publication_line(ctx, s).is_some()
            || ctx.is_publication_stamp(i)
        {
            last_dated = Some(i);
            continue;
        }
        let found = dates::find_dates_in(s, ctx.anchor, &ctx.lex);
        if found.iter().any(|d| d.value.len() == 10) {
            last_dated = Some(i);
        }
        if !found.is_empty() {
            // The days as told from the narrative, not as first read: "Before midnight that
            // same Friday" after "Friday, March 10, 2023" stands on 2023-03-10 for the
            // sentence after it too ("Staff arriving for the Saturday morning clinic on
            // March 11 …"), not on the Friday before publication.
            let mut told = found.clone();
            reanchor_weekdays(ctx, s, told_from, &mut told);
            reyear_day_months(ctx, year_base, &mut told);
            let day = |year_told: bool| {
                told.iter()
                    .filter(|d| d.value.len() == 10)
                    .filter(|d| ctx.dateline != Some((i, d.start, d.end)))
                    .filter(|d| !year_told || !d.rule.contains(GUESSED_YEAR))
                    .filter_map(|d| dates::parse_iso(&d.value))
                    .next_back()
                    .map(|d| (d, i))
            };
            narrative_day = day(false);
            narrative_year_day = day(true);
            narrative_message = narrative_day.is_some_and(|(nd, _)| {
                told.iter()
                    .any(|d| dates::parse_iso(&d.value) == Some(nd) && message_date(ctx, s, d))
            });
        }
        // A date the text was said or announced on is not the incident's date, also with
        // the speaker between verb and date ("bevestigt het bedrijf woensdag", "said the
        // hospital on Tuesday"): the window holds a verb, a short subject and a preposition.
        // Nor is a date that opens the verb of saying ("X today confirms that …",
        // lexicon `statement_verbs_after`).
        let mut ds: Vec<DateMention> = found
            .iter()
            .filter(|d| ctx.dateline != Some((i, d.start, d.end)))
            .filter(|d| !said_on(ctx, s, d) && !message_date(ctx, s, d))
            .cloned()
            .collect();
        relative_to_dates(ctx, s, &found, base, &mut ds);
        reanchor_weekdays(ctx, s, told_from, &mut ds);
        weekdays_without_page_day(ctx, s, base, &mut ds);
        // The days these add are read by the same test ("schilderte am Dienstagabend, wie
        // es zu dem Angriff kam" on a page without a day of its own).
        ds.retain(|d| !said_on(ctx, s, d));
        // A weekday glossed by its written day right after it ("In der Nacht von Montag auf
        // Dienstag (19. auf 20. Mai)", "Tuesday (20 May)") falls in the week that day
        // opens, not in the week before the page's date.
        let glosses: Vec<(usize, String)> = ds
            .iter()
            .filter(|d| d.rule.starts_with("weekday"))
            .filter_map(|d| {
                let e = ds.iter().find(|e| {
                    !e.rule.starts_with("weekday")
                        && e.value.len() == 10
                        && e.start >= d.end
                        && s[d.end..e.start]
                            .trim()
                            .trim_start_matches(['(', ',', '–', '-'])
                            .trim()
                            .is_empty()
                })?;
                let day = dates::weekday_on_or_after(dates::parse_iso(&e.value)?, &d.value)?;
                Some((d.start, day.format("%Y-%m-%d").to_string()))
            })
            .collect();
        for d in ds.iter_mut() {
            if let Some((_, v)) = glosses.iter().find(|(at, _)| *at == d.start) {
                d.value = v.clone();
                d.rule = "weekday glossed by the written day after it";
            }
        }
        reyear_day_months(ctx, year_base, &mut ds);
        if pick_date(&ds, ctx.published).is_none() {
            // A time of day without a date belongs to the day the text named last: a
            // sentence about discovery right after the one that dated the attack to a day,
            // with a clock time and no date ("In de nacht van zondag op maandag 21 april …
            // getroffen. Rond 3.15 uur merkte de wachtdienst …"), dates the discovery to it.
            // The sentence before need not be the one the incident date was first read
            // from (a live blog's key points date it earlier): it must name that day.
            if !discovery.is_stated()
                && !discovery_labelled
                && i > 0
                && clock_time(ctx, s)
                && ctx.lex_match(s, |l| l.discovery.as_ref())
                && !third_party(s)
                // The day the attack was read from, else the attackers' first access
                // ("Op zaterdagavond 15 november … logden de aanvallers in … . Rond 23.10
                // uur zag de dienstdoende triagist dat …").
                && let Some((f, incident_at)) = incident
                    .fact()
                    .map(|f| (f, incident_at))
                    .or_else(|| first_access.fact().map(|f| (f, first_access_at)))
                    .filter(|(f, _)| f.value.len() == 10)
                && (incident_at == Some(i - 1)
                    || dates::find_dates_in(ctx.sentence(i - 1), ctx.anchor, &ctx.lex)
                        .iter()
                        .any(|d| d.value == f.value)
                    // Or the attack was dated at most three sentences before, and none
                    // between names another day ("… a été frappé mardi soir. Le plan blanc
                    // a été déclenché … Tout a commencé vers 21 h 15, lorsque … ont
                    // constaté …").
                    || incident_at.is_some_and(|a| {
                        a < i && i - a <= 3 && dated_before.is_none_or(|d| d <= a)
                    })
                    // Or the last sentence naming a day, at most three before, names
                    // that day ("… is zaterdagavond getroffen … . Op zaterdagavond 15
                    // november … logden de aanvallers in … . … . Rond 23.10 uur zag de
                    // dienstdoende triagist dat …").
                    || dated_before.is_some_and(|d| {
                        i - d <= 3
                            && dates::find_dates_in(ctx.sentence(d), ctx.anchor, &ctx.lex)
                                .iter()
                                .any(|x| x.value == f.value)
                    }))
            {
                discovery = fact(
                    f.value.clone(),
                    Provenance::Inferred,
                    ctx.evidence(i),
                    "clock time in a sentence about discovery: the day of the sentence before",
                );
            }
            continue;
        }
        let mk = |d: &DateMention, rule: &str| mk(i, d, rule);
        // The answer's first sentence under a question about the discovery ("Wanneer is het
        // ontdekt?" → "Op zondagochtend 25 mei belden de eerste cliënten …").
        let answers_discovery_question = i > 0
            && discovery_question_at == Some(i - 1)
            && !ctx.lex_match(s, |l| l.attack.as_ref());
        let about_discovery = ctx.lex_match(s, |l| l.discovery.as_ref()) && !third_party(s);
        // Without a cue of its own the answer's first date is the discovery's only.
        if answers_discovery_question && !about_discovery && !third_party(s) {
            if !discovery.is_stated()
                && !discovery_labelled
                && let Some(d) = pick_date(&ds, ctx.published).cloned()
            {
                discovery = mk(&d, "date in the answer to a question about discovery");
            }
            continue;
        }
        let first_access_cue = ctx.lex_match(s, |l| l.initial_access.as_ref());
        let strong_incident = ctx.lex_match(s, |l| l.strong_incident.as_ref());
        // A verb of the attack's start is about the attack by itself ("De criminelen
        // sloegen … toe in de nacht van maandag op dinsdag", "schlugen … zu").
        let about_attack = first_access_cue
            || strong_incident
            || ctx.lex_match(s, |l| l.incident.as_ref())
            || ctx.lex_match(s, |l| l.attack.as_ref())
            // Records looked at without a reason (an insider's snooping, session 36: "heeft
            // sinds eind augustus … de dossiers van 47 cliënten ingekeken") is the incident.
            || ctx.lex_match(s, |l| l.disclosure_viewed.as_ref());
        let cues = date_cues(ctx, s, about_discovery);
        // Each date takes the role of the cue nearest it; the first of a role (not after
        // publication) is that role's date.
        let first_of = |want: &dyn Fn(DateRole) -> bool| {
            let of_role: Vec<DateMention> = ds
                .iter()
                .filter(|d| want(date_role(ctx, s, d, &cues, about_attack)))
                .cloned()
                .collect();
            pick_date(&of_role, ctx.published).cloned()
        };
        if about_discovery {
            // No date bound to the discovery cue ("occurred early Sunday and the IT
            // department detected it …"): the detection shares the attack's date, never a
            // statement's or a range's start.
            let shared = || {
                let of: Vec<DateMention> = ds
                    .iter()
                    .filter(|d| {
                        let before = &s[floor_boundary(s, d.start.saturating_sub(24))..d.start];
                        date_role(ctx, s, d, &cues, false) == DateRole::Attack
                            && !ctx.lex_match(before, |l| l.range_opener.as_ref())
                    })
                    .cloned()
                    .collect();
                pick_date(&of, ctx.published).cloned()
            };
            if !discovery.is_stated()
                && !discovery_labelled
                && let Some(d) = first_of(&|r| r == DateRole::Discovery).or_else(shared)
            {
                discovery = mk(&d, "date in a sentence about discovery");
            }
            // A date dates the attack too only when it stands nearer the cue of the
            // attack's start than the cue of its discovery ("the attack, which began on
            // Sunday, was detected …" — but not "wurde am Dienstag entdeckt, begann aber …
            // bereits zwei Wochen zuvor"), or when it opens a range ("accessed between 6
            // and 8 January").
            if !incident.is_stated()
                && !incident_labelled
                && let Some(d) = first_of(&|r| r == DateRole::Attack)
            {
                incident_since = after_since(ctx, s, &d);
                incident_at = Some(i);
                incident = mk(&d, "date in a sentence about the attack");
            }
            if first_access.0.is_none()
                && let Some(d) = first_of(&|r| r == DateRole::FirstAccess)
            {
                first_access = mk(&d, "date of the attackers' first access");
                first_access_at = Some(i);
            }
        } else if about_attack
            && !incident_labelled
            && !third_party(s)
            && (strong_incident || !ctx.lex_match(s, |l| l.later_event.as_ref()))
        {
            let Some(d) = first_of(&|r| matches!(r, DateRole::Attack | DateRole::FirstAccess))
            else {
                continue;
            };
            let bounded = incident_since && !after_since(ctx, s, &d) && precedes(&incident, &d);
            if incident.is_stated() && !sharpens(&incident, &d) && !bounded {
                continue;
            }
            if first_access_cue && !strong_incident {
                if first_access.0.is_none() {
                    first_access = mk(&d, "date of the attackers' first access");
                    first_access_at = Some(i);
                }
            } else {
                incident_since = after_since(ctx, s, &d);
                incident_at = Some(i);
                incident = mk(&d, "date in a sentence about the attack");
            }
        }
    }
    // An attack dated to a month only ("Unbekannte haben im September Dateien …
    // kopiert") is sharpened by the attackers' first access on a day of that month ("Am
    // Donnerstag, 11. September 2025, nutzten Unbekannte eine Sicherheitslücke …").
    let sharpened = incident
        .fact()
        .zip(first_access.fact())
        .is_some_and(|(f, a)| {
            f.value.len() == 7 && a.value.len() == 10 && a.value.starts_with(&f.value)
        });
    if incident.0.is_none() || sharpened {
        incident = first_access;
    }
    if incident.0.is_none() {
        incident = dated_after_attack_cue(ctx);
    }
    (incident, discovery)
}

/// What a date of a sentence dates, from the cue nearest it ([`date_role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateRole {
    /// The attack itself.
    Attack,
    /// The attackers' first access (`initial_access_cues`).
    FirstAccess,
    /// The discovery of the attack.
    Discovery,
    /// A statement, an announcement, a publication or a decision about the attack
    /// (`statement_cues`): not a date of the incident.
    Statement,
    /// A later event: a claim, a leak, a trial (`later_event_cues`).
    Later,
}

/// The cues of sentence `s` a date can be bound to: byte range and role. In a sentence
/// about discovery an attack is dated only by a verb of its start
/// (`strong_incident_cues`), not by a noun ("detected the attack on Monday" dates the
/// detection); otherwise by any attack or incident cue.
fn date_cues(ctx: &Ctx, s: &str, about_discovery: bool) -> Vec<(usize, usize, DateRole)> {
    type Pick = fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>;
    let mut kinds: Vec<(Pick, DateRole)> = vec![
        (|l| l.strong_incident.as_ref(), DateRole::Attack),
        (|l| l.initial_access.as_ref(), DateRole::FirstAccess),
        (|l| l.statement_cue.as_ref(), DateRole::Statement),
        // A plan ("prévoyait l'installation pour le week-end du 1er et 2 juin") is a
        // decision, not an event of the incident (`plan_cues`).
        (|l| l.plan.as_ref(), DateRole::Statement),
        (|l| l.later_event.as_ref(), DateRole::Later),
    ];
    if about_discovery {
        kinds.push((|l| l.discovery.as_ref(), DateRole::Discovery));
    } else {
        kinds.push((|l| l.attack.as_ref(), DateRole::Attack));
        kinds.push((|l| l.incident.as_ref(), DateRole::Attack));
    }
    let mut out = Vec::new();
    for (pick, role) in kinds {
        for l in &ctx.lex {
            if let Some(r) = pick(l) {
                out.extend(r.find_iter(s).map(|m| (m.start(), m.end(), role)));
            }
        }
    }
    out
}

/// The role of date `d` in sentence `s`: the role of the cue nearest it (bytes between
/// them; on a tie a cue of the attack or its discovery wins over a statement). A date that
/// opens a range of the attack ("between 6 and 8 January", "entre le 29 janvier et le 3
/// février", lexicon `range_openers`) in a sentence with a cue of the attack is the
/// attack's start whatever cue is nearest.
fn date_role(
    ctx: &Ctx,
    s: &str,
    d: &DateMention,
    cues: &[(usize, usize, DateRole)],
    about_attack: bool,
) -> DateRole {
    let before = &s[floor_boundary(s, d.start.saturating_sub(24))..d.start];
    if about_attack && ctx.lex_match(before, |l| l.range_opener.as_ref()) {
        return DateRole::Attack;
    }
    let distance = |&(a, b, _): &(usize, usize, DateRole)| {
        if b <= d.start {
            d.start - b
        } else {
            a.saturating_sub(d.end)
        }
    };
    // A cue in another clause does not govern the date: punctuation or a lexicon clause
    // boundary or coordinator between them ("detected the attack on February 6, 2023 and
    // said …"; "liet weten dat het op 29 april … had ontdekt"). When every cue is in
    // another clause, the nearest one.
    let same_clause = |&(a, b, _): &(usize, usize, DateRole)| {
        let between = if b <= d.start {
            // A weekday set off by a comma before the date is part of it ("on Wednesday,
            // May 8, 2024").
            let before = &s[b..d.start];
            match before.trim_end().strip_suffix(',') {
                Some(x)
                    if x.split_whitespace().last().is_some_and(|w| {
                        ctx.lex
                            .iter()
                            .any(|l| l.file.weekdays.contains_key(&w.to_lowercase()))
                    }) =>
                {
                    x.trim_end_matches(|c: char| c.is_alphabetic())
                }
                _ => before,
            }
        } else if a >= d.end {
            // The comma closing a date set off by commas ("am Dienstag, 20. August, …").
            let after = &s[d.end..a];
            let comma_closes = s[..d.start].trim_end().ends_with(',');
            if comma_closes {
                after.trim_start().strip_prefix(',').unwrap_or(after)
            } else {
                after
            }
        } else {
            ""
        };
        !between.contains([',', ';', ':', '(', ')'])
            && !ctx.lex.iter().any(|l| {
                l.file
                    .clause_boundaries
                    .iter()
                    .any(|c| between.contains(c.as_str()))
                    || l.file.clause_coordinators.iter().any(|c| {
                        between
                            .split_whitespace()
                            .any(|w| w.eq_ignore_ascii_case(c))
                    })
            })
    };
    let key = |c: &&(usize, usize, DateRole)| {
        (
            !same_clause(c),
            distance(c),
            matches!(c.2, DateRole::Statement | DateRole::Later),
        )
    };
    let Some(best) = cues.iter().min_by_key(key) else {
        return DateRole::Attack;
    };
    // An attack noun after the date that is the object of a statement verb after it, in the
    // same clause, is what the statement was about: "hatte am 20. August einen
    // Cyberangriff bestätigt", "op 10 maart een aanval bevestigd".
    if best.2 == DateRole::Attack
        && best.0 >= d.end
        && cues.iter().any(|c| {
            c.2 == DateRole::Statement
                && c.0 >= best.1
                && same_clause(c)
                && !cues
                    .iter()
                    .any(|x| x.2 == DateRole::Attack && x.0 >= c.1 && same_clause(x))
        })
    {
        return DateRole::Statement;
    }
    best.2
}

/// Is `d` (in `s`) the date of a message the text quotes ("in een bericht aan haar
/// patiënten van maandag 13 oktober"; lexicon `communication_date_cues`)? It is when the
/// message was said, not an event's date.
fn message_date(ctx: &Ctx, s: &str, d: &DateMention) -> bool {
    let before = &s[floor_boundary(s, d.start.saturating_sub(STATEMENT_WINDOW))..d.start];
    ctx.lex_match(before, |l| l.communication_date.as_ref())
}

/// The day the sentence before states, and whether it is the date of a message the
/// sentences after it quote (lexicon `communication_date_cues`).
#[derive(Debug, Clone, Copy)]
struct NarrativeBase {
    day: chrono::NaiveDate,
    message: bool,
}

/// The rule of a bare weekday told back from the date of a message the text quotes.
const MESSAGE_WEEKDAY_RULE: &str =
    "weekday resolved to the last such day on or before the date of the message quoted";

/// The rule of a bare weekday told from the day the sentence before states.
const NARRATIVE_WEEKDAY_RULE: &str =
    "weekday resolved to the first such day on or after the day the sentence before states";

/// A bare weekday in a text written well after the events ("Maandagochtend om 6.15 uur
/// ontdekte …" in an annual report, right after "In de nacht van zondag 13 op maandag 14
/// oktober 2024"): the first such day on or after the day the sentence before states
/// (`base`), when that day lies more than a week before publication. Within a week of
/// publication both readings agree or the publication date is the better anchor.
///
/// A weekday said to be the last one ("mardi dernier", `last_weekday_cues`) or reached
/// after a delay ("Pas donderdag merkte …", "erst am Donnerstag", `delay_cues`) is told
/// from the publication date as written.
///
/// When the day the sentence before states is the date of a message the text quotes
/// ("in einer Mitteilung an Angehörige vom Donnerstag, 27. November, bestätigt. Auszug: „Am
/// frühen Dienstagmorgen …“", lexicon `communication_date_cues`), the message looks back:
/// every bare weekday is the last such day on or before it (one said to be the last —
/// "vorige week woensdag" — strictly before it), whatever the publication date.
fn reanchor_weekdays(ctx: &Ctx, s: &str, base: Option<NarrativeBase>, ds: &mut [DateMention]) {
    if let Some(NarrativeBase { day, message: true }) = base {
        for d in ds.iter_mut() {
            if d.rule == dates::PREVIOUS_WEEK_RULE
                && let Some(read) = dates::parse_iso(&d.value)
            {
                let told = dates::weekday_in_week_before(day, chrono::Datelike::weekday(&read));
                d.value = told.format("%Y-%m-%d").to_string();
                d.rule = MESSAGE_WEEKDAY_RULE;
                continue;
            }
            if d.rule != dates::WEEKDAY_RULE {
                continue;
            }
            let from = if dates::said_last_weekday(s, d, &ctx.lex) {
                day - chrono::Duration::days(1)
            } else {
                day
            };
            if let Some(told) = dates::weekday_on_or_before(from, &d.value) {
                d.value = told.format("%Y-%m-%d").to_string();
                d.rule = MESSAGE_WEEKDAY_RULE;
            }
        }
        return;
    }
    let (Some(NarrativeBase { day: base, .. }), Some(published)) = (base, ctx.published) else {
        return;
    };
    if published - base <= chrono::Duration::days(7) {
        return;
    }
    let deictic = |d: &DateMention| {
        let before = &s[floor_boundary(s, d.start.saturating_sub(20))..d.start];
        dates::said_last_weekday(s, d, &ctx.lex) || ctx.lex_match(before, |l| l.delay.as_ref())
    };
    for d in ds
        .iter_mut()
        .filter(|d| d.rule == dates::WEEKDAY_RULE && !deictic(d))
    {
        if let Some(day) = dates::weekday_on_or_after(base, &d.value) {
            d.value = day.format("%Y-%m-%d").to_string();
            d.rule = NARRATIVE_WEEKDAY_RULE;
        }
    }
}

/// How a day and month without a year was dated by [`reyear_day_months`].
const NARRATIVE_YEAR_RULE: &str = "year taken from the day the sentences before state";

/// The part of a date's rule that says its year was guessed from the publication date.
const GUESSED_YEAR: &str = "year taken from the publication date";

/// A day and month without a year ("L'attaque a été détectée le 17 mars") in a narrative
/// of another year than the page's ("Dans la nuit du dimanche 16 au lundi 17 mars 2025 …"
/// in a report of 2026) takes the narrative's year, not the publication's: the first such
/// day no more than a month before `base` (the day the sentences before state), when it
/// is nearer `base` than the publication's reading and not after publication. A day read
/// back to a stated weekday keeps it: the narrative's reading must fall on that weekday.
fn reyear_day_months(ctx: &Ctx, base: Option<chrono::NaiveDate>, ds: &mut [DateMention]) {
    use chrono::Datelike;
    let (Some(base), Some(published)) = (base, ctx.published) else {
        return;
    };
    for d in ds.iter_mut().filter(|d| d.rule.starts_with(GUESSED_YEAR)) {
        let Some(read) = dates::parse_iso(&d.value) else {
            continue;
        };
        if read.year() == base.year() {
            continue;
        }
        let narrative = [base.year(), base.year() + 1]
            .into_iter()
            .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, read.month(), read.day()))
            .find(|c| *c >= base - chrono::Duration::days(31));
        let Some(c) = narrative else { continue };
        let weekday_kept =
            d.rule == "year taken from the publication date" || c.weekday() == read.weekday();
        if c <= published
            && weekday_kept
            && (c - base).num_days().abs() < (read - base).num_days().abs()
        {
            d.value = c.format("%Y-%m-%d").to_string();
            d.rule = NARRATIVE_YEAR_RULE;
        }
    }
}

/// A page dated to the month only ("Published: 2025-09", a tracker) or not at all gives a
/// bare weekday no day to be resolved against: it is told from `base`, the day the
/// sentence before states ("In de nacht van vrijdag 29 op zaterdag 30 augustus … .
/// Zaterdagochtend stelde de verpleegkundige vast …" → 30 August).
fn weekdays_without_page_day(
    ctx: &Ctx,
    s: &str,
    base: Option<chrono::NaiveDate>,
    ds: &mut Vec<DateMention>,
) {
    if ctx.anchor.is_some_and(|a| !a.month_only) {
        return;
    }
    let Some(base) = base else { return };
    let anchor = dates::Anchor::parse(
        &(base + chrono::Duration::days(6))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let found: Vec<DateMention> = dates::find_dates_in(s, anchor, &ctx.lex)
        .into_iter()
        .filter(|d| d.rule == dates::WEEKDAY_RULE)
        .filter(|d| !ds.iter().any(|e| e.start < d.end && d.start < e.end))
        .map(|mut d| {
            d.rule = NARRATIVE_WEEKDAY_RULE;
            d
        })
        .collect();
    if !found.is_empty() {
        ds.extend(found);
        ds.sort_by_key(|d| d.start);
    }
}

/// Adds to `ds` the days named relative to another date (lexicon `relative_to_date`: "la
/// veille", "le lendemain", "the day before", "am Vortag", "de dag ervoor"): the nearest
/// full date of `all` (the sentence's dates) written before the phrase, else `base`, the
/// day the sentence before states ("Tout a commencé mardi dernier … Ce n'est que le
/// lendemain matin que …"), plus the phrase's offset, marked inferred. A phrase with
/// neither is left unresolved (it is never relative to the publication date).
fn relative_to_dates(
    ctx: &Ctx,
    s: &str,
    all: &[DateMention],
    base: Option<chrono::NaiveDate>,
    ds: &mut Vec<DateMention>,
) {
    let mut found = Vec::new();
    for l in &ctx.lex {
        let Some(r) = &l.relative_to_date else {
            continue;
        };
        for m in r.find_iter(s) {
            // Part of a date already read ("la veille de Noël" is a named day).
            if all.iter().any(|d| d.start < m.end() && m.start() < d.end) {
                continue;
            }
            // A noun's complement ("les images de la veille", "the figures of the day
            // before", "de gegevens van de dag ervoor"; lexicon `noun_complement_words`):
            // it dates a thing, not an event.
            if l.noun_complement_before
                .as_ref()
                .is_some_and(|r| r.is_match(&s[..m.start()]))
            {
                continue;
            }
            let key = m.as_str().to_lowercase();
            let Some(off) = l.file.relative_to_date.get(&key) else {
                continue;
            };
            let Some(base) = all
                .iter()
                .rfind(|d| d.end <= m.start() && d.value.len() == 10)
                .and_then(|d| dates::parse_iso(&d.value))
                .or(base)
            else {
                continue;
            };
            if let Some(day) = base.checked_add_signed(chrono::Duration::days(*off)) {
                found.push(DateMention {
                    value: day.format("%Y-%m-%d").to_string(),
                    start: m.start(),
                    end: m.end(),
                    provenance: Provenance::Inferred,
                    rule: "relative to the date before it in the sentence",
                });
            }
        }
    }
    if !found.is_empty() {
        ds.extend(found);
        ds.sort_by_key(|d| d.start);
    }
}

/// In a sentence about a later event — a claim, a leak, a trial ("A court on Thursday
/// sentenced a man for the ransomware attack on X in March 2021"; lexicon
/// `later_event_cues`) — a date stated after the attack's cue dates the attack; the other
/// dates are the later event's. The first such sentence, when nothing else dates the attack.
fn dated_after_attack_cue(ctx: &Ctx) -> Field<String> {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if !ctx.lex_match(s, |l| l.later_event.as_ref()) {
            continue;
        }
        let cue = ctx
            .lex
            .iter()
            .flat_map(|l| [l.attack.as_ref(), l.incident.as_ref()])
            .flatten()
            .filter_map(|r| r.find(s).map(|m| m.end()))
            .min();
        let Some(cue) = cue else { continue };
        let ds = dates::find_dates_in(s, ctx.anchor, &ctx.lex);
        let after: Vec<DateMention> = ds
            .into_iter()
            .filter(|d| d.start >= cue && d.provenance == Provenance::Stated)
            .collect();
        if let Some(d) = pick_date(&after, ctx.published) {
            return fact(
                d.value.clone(),
                d.provenance,
                ctx.evidence(i),
                "date after the attack in a sentence about a later event",
            );
        }
    }
    Field(None)
}

/// Does `d` — a written day (with its year or the publication's; not a weekday) — sharpen an incident date that is only an inferred month ("an
/// attack that disrupted its hospitals in October", then "the attackers were in the network
/// between September 16 and October 3")? Only when it is not after that month.
fn sharpens(incident: &Field<String>, d: &DateMention) -> bool {
    let Some(f) = incident.fact() else {
        return false;
    };
    if f.value.len() != 7 || d.value.len() != 10 {
        return false;
    }
    match f.provenance {
        Provenance::Inferred => {
            (d.provenance == Provenance::Stated
                || !(d.rule.starts_with("weekday") || d.rule.starts_with("relative")))
                && d.value[..7] <= *f.value
        }
        // A stated month ("a ransomware attack in August 2024") is sharpened by a day of
        // that month stated later in a sentence about the attack ("On 19 August 2024 …
        // they deployed Medusa ransomware").
        Provenance::Stated => d.provenance == Provenance::Stated && d.value[..7] == *f.value,
    }
}

/// Does date `d` of sentence `s` follow one of the lexicons' `since_words` ("since
/// Wednesday", "seit Mittwoch", "depuis le 3 mars", "sinds dinsdag"), maybe with one short
/// word (an article) between? Such a date is when a lasting state began.
fn after_since(ctx: &Ctx, s: &str, d: &DateMention) -> bool {
    let before = s[..d.start].trim_end().to_lowercase();
    let ends_with_word = |b: &str, w: &str| {
        b.strip_suffix(w)
            .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
    };
    let short_word_off = before
        .rsplit_once(char::is_whitespace)
        .filter(|(_, w)| w.chars().count() <= 3 && w.chars().all(char::is_alphabetic))
        .map(|(r, _)| r.trim_end().to_string());
    ctx.lex.iter().any(|l| {
        l.file.since_words.iter().any(|w| {
            ends_with_word(&before, w)
                || short_word_off
                    .as_deref()
                    .is_some_and(|b| ends_with_word(b, w))
        })
    })
}

/// Does `s` name a clock time written with digits ("3.15 uur", "04:30", "6h30")?
/// Does `s` give a clock time: digits (`03:40`, `3.40`, `3h15`) or a lexicon
/// `clock_time_cues` phrase ("gegen 3 Uhr", "vers 21 heures")?
fn clock_time(ctx: &Ctx, s: &str) -> bool {
    re!(r"\b(?:[01]?\d|2[0-3])[.:h][0-5]\d\b").is_match(s)
        || ctx.lex_match(s, |l| l.clock_time.as_ref())
}

/// Is `d` a day at most a week before the day of `incident` (an outage's start given by
/// "since")? The attack that caused the outage may come before it, not long before.
fn precedes(incident: &Field<String>, d: &DateMention) -> bool {
    let (Some(f), Some(v)) = (incident.fact(), dates::parse_iso(&d.value)) else {
        return false;
    };
    d.value.len() == 10
        && f.value.len() == 10
        && dates::parse_iso(&f.value).is_some_and(|i| v < i && (i - v).num_days() <= 7)
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
        // The lexicons' `recommendation_topics` name the topics in every language.
        let on_topic = || {
            let lower = s.to_lowercase();
            ctx.lex.iter().any(|l| {
                l.file
                    .recommendation_topics
                    .iter()
                    .any(|w| lower.contains(w.as_str()))
            })
        };
        if ctx.advisory[i] && (topic.is_match(s) || on_topic()) {
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
