//! Response actions and their phases.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.

use super::*;

// ---------------------------------------------------------------------------------------
// Response

/// (kind, phase, pattern) — see docs/intel.md.
/// The phase of each response kind (language-neutral; the phrases that find a response are
/// the lexicons' `responses`). A kind not listed is `containment`.
pub(super) const RESPONSE_PHASES: &[(&str, &str)] = &[
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

pub(super) fn phase_of(kind: &str) -> &'static str {
    RESPONSE_PHASES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, p)| *p)
        .unwrap_or("containment")
}

/// Response actions: the lexicons' `responses` phrases (the document's language, then
/// English), one action per kind, evidence the first sentence that states it. A phrase in
/// an advisory sentence, negated (unless the rule is `negative`), planned (a `plan_cues`
/// word in its clause, unless the rule is `negative`), without its `context` in the same or
/// the two previous sentences, or about other organisations does not count; "services restored"
/// in a sentence that restores in phases is the phased restoration.
///
/// Read once per document and kept in the context (the impact rules ask too).
pub(super) fn responses(ctx: &Ctx) -> Vec<ResponseAction> {
    ctx.responses.get_or_init(|| read_responses(ctx)).clone()
}

fn read_responses(ctx: &Ctx) -> Vec<ResponseAction> {
    let mut out: Vec<ResponseAction> = Vec::new();
    // The phrases are matched with the dots of ordinals and numbers blanked ("am 15.
    // November", "3.100 Patienten"): such a dot ends no sentence, and a phrase's gap
    // (`[^.]{0,60}`) must not stop at it. One same-length copy of the text, blanked
    // sentence by sentence and pinned, so that each sentence's literals are read off one
    // scan (offsets stay those of the text).
    let blanked = number_dots_blanked(ctx);
    let _pinned = lexicon::pin(&blanked);
    // A refusal to pay ("Die Klinik zahlte nicht", "Wij betalen niet") whose ransom is named
    // further away: any focal sentence with a ransom cue of the lexicons (not a group's
    // name) is the topic too. One answer per document, computed on the first rule that
    // needs it.
    let ransom_in_focus = std::cell::OnceCell::new();
    // A denied demand ("There has been no ransom or other demand to the laboratory")
    // names none.
    let ransom_named = || {
        *ransom_in_focus.get_or_init(|| {
            (0..ctx.len()).any(|j| {
                let s = ctx.sentence(j);
                super::ransom_cue(ctx, s) && !super::ransom_denied(ctx, s)
            })
        })
    };
    for i in 0..ctx.len() {
        // (`ctx.advisory` includes the items under an advice heading: `under_advice_heading`.)
        if ctx.advisory[i] || label_says_no(ctx, ctx.sentence(i)) {
            continue;
        }
        // An open question ("whether …") leaves its own clause undecided, not a clause
        // coordinated with it ("…, and that the trust was working with …").
        let doubtful = ctx.undecided[i];
        let s = ctx.sentence(i);
        let span = ctx.spans[i];
        let hay = &blanked[span.start..span.end];
        // The topic a rule's `context` names may stand up to two sentences before ("Cl0p
        // eist losgeld … Het gaat om namen … Het ziekenhuis betaalt niet").
        let previous: Vec<&str> = (i.saturating_sub(2)..i).map(|j| ctx.sentence(j)).collect();
        let mut here: Vec<&str> = Vec::new();
        let mut spans: Vec<(&str, usize, usize)> = Vec::new();
        // "NoName057(16) DDoS takes X's website offline": the attack's doing, in the
        // sentence's first clause, is no shutdown or isolation by the victim.
        let attacker_clause_end = ctx
            .lex_match(s, |l| l.attacker_subject.as_ref())
            .then(|| s.find([';', '–', '—']).unwrap_or(s.len()));
        for l in &ctx.lex {
            for (re, rule) in &l.responses {
                let attacks_doing = |m: &regex::Match| {
                    attacker_clause_end.is_some_and(|e| m.start() < e)
                        && matches!(rule.kind.as_str(), "shutdown_servers" | "isolate_external")
                };
                let Some(m) = re.find_iter(hay).find(|m| !attacks_doing(m)) else {
                    continue;
                };
                if (!rule.negative
                    && (negated_here(ctx, s, m.start())
                        || ctx.negated_within(&s[m.start()..m.end()])
                        || planned(ctx, s, m.start(), m.end())))
                    || rule.context_regex.as_ref().is_some_and(|c| {
                        let topic_named = c.is_match(s)
                            || previous.iter().any(|p| c.is_match(p))
                            || (rule.kind == "ransom_refused" && ransom_named());
                        !topic_named
                    })
                    || (doubtful && !apart_from_doubt(ctx, s, m.start(), m.end()))
                    || other_party(ctx, s, m.start())
                    || (rule.kind == "ransom_refused"
                        && (conditional_here(ctx, s, m.start())
                            || refusal_blocked_after(ctx, &s[m.end()..])))
                    || here.contains(&rule.kind.as_str())
                {
                    continue;
                }
                here.push(rule.kind.as_str());
                spans.push((rule.kind.as_str(), m.start(), m.end()));
            }
        }
        // A refusal in words no phrase lists ("Darauf werden wir nicht eingehen", "Van
        // betalen is geen sprake"): a negation and a verb of complying near each other, with
        // the demand named in the focal text and the same checks as a phrase's.
        if !here.contains(&"ransom_refused")
            && !s.trim_end().ends_with('?')
            && ransom_named()
            && let Some((a, b)) = refusal_window(ctx, s)
            && !conditional_here(ctx, s, a)
            && !other_party(ctx, s, a)
            && (!doubtful || apart_from_doubt(ctx, s, a, b))
        {
            here.push("ransom_refused");
            spans.push(("ransom_refused", a, b));
        }
        // "Systems are being restored in phases": the restoration stated is the phased
        // one. A restoration in a clause of its own ("L'agenda fonctionne de nouveau depuis
        // mercredi et les consultations reprennent progressivement") stays.
        let span_of = |kind: &str| {
            spans
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|&(_, a, b)| (a, b))
        };
        // The text between two phrases, whichever comes first; `None` when they overlap.
        let gap_between = |(a0, a1): (usize, usize), (b0, b1): (usize, usize)| {
            let (first_end, second_start) = if a0 <= b0 { (a1, b0) } else { (b1, a0) };
            (second_start > first_end).then(|| &s[first_end..second_start])
        };
        if let (Some(phased), Some(restored)) =
            (span_of("phased_restoration"), span_of("services_restored"))
        {
            let apart = gap_between(phased, restored)
                .is_some_and(|gap| gap.split_whitespace().any(|w| clause_coordinator(ctx, w)));
            if !apart {
                here.retain(|k| *k != "services_restored");
            }
        }
        // "werkt sinds dinsdag opnieuw met pen en papier", "is back to working on paper":
        // what works again is the paper, a manual fallback in the restoration's own phrase
        // (no comma or clause coordinator between them), no service restored.
        if let (Some(restored), Some(fallback)) =
            (span_of("services_restored"), span_of("manual_fallback"))
        {
            let joined = gap_between(restored, fallback).is_none_or(|gap| {
                gap.len() <= 30
                    && !gap.contains([',', ';', ':'])
                    && !gap.split_whitespace().any(|w| clause_coordinator(ctx, w))
            });
            if joined {
                here.retain(|k| *k != "services_restored");
            }
        }
        // "Le réseau a été déconnecté d'internet", "ons netwerk … van het internet
        // losgekoppeld": a disconnection from the outside that a shutdown phrase also
        // reads is the isolation only — unless a shutdown phrase still matches with the
        // isolation's words blanked ("Nous avons éteint tous nos serveurs et déconnecté le
        // réseau d'internet" is both).
        // The isolation must name the outside (lexicon `outside_words`): "vom Netz
        // genommen" (taken off the net) is a shutdown too.
        let names_outside = |a: usize, b: usize| {
            let phrase = s[a..b].to_lowercase();
            ctx.lex.iter().any(|l| {
                l.file
                    .outside_words
                    .iter()
                    .any(|w| phrase.contains(w.as_str()))
            })
        };
        if let (Some((ia, ib)), Some((_, sb))) =
            (span_of("isolate_external"), span_of("shutdown_servers"))
            && sb > ia
            && names_outside(ia, ib)
        {
            let without = format!("{}{}{}", &hay[..ia], " ".repeat(ib - ia), &hay[ib..]);
            let still = ctx.lex.iter().any(|l| {
                l.responses
                    .iter()
                    .any(|(re, rule)| rule.kind == "shutdown_servers" && re.is_match(&without))
            });
            if !still {
                here.retain(|k| *k != "shutdown_servers");
            }
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
    // A ransom the text says was paid was not refused: a refusal read beside it is a
    // counterfactual ("Without paying, we would have lost twenty years of patient notes")
    // or an earlier stance the payment ended. The two never stand together in the coded
    // development records.
    if out.iter().any(|r| r.kind == "ransom_paid") {
        out.retain(|r| r.kind != "ransom_refused");
    }
    out
}

/// Whether `rest` (the text right after a refusal phrase) opens, with nothing but blanks
/// between, on a `refusal.blockers` stem: what was not paid is no ransom ("did not pay
/// attention", "will not pay salaries", "has not paid yet").
fn refusal_blocked_after(ctx: &Ctx, rest: &str) -> bool {
    let rest = rest.trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    !word.is_empty()
        && ctx.lex.iter().any(|l| {
            l.file
                .refusal
                .blockers
                .iter()
                .any(|b| word.starts_with(b.as_str()))
        })
}

/// The span (byte offsets in `s`) from the first to the last word of a refusal told as a
/// window of words (the lexicons' `refusal`): a negation word (`negation` or
/// `refusal.negations`) and a verb of complying (`refusal.comply`) at most `refusal.window`
/// words apart, in either order, in one clause (no `,` `;` `:` `(` `)` between them), with
/// no `refusal.blockers` stem on the words from the one before the first of the two to the
/// one after the last ("would not say whether it paid", "could not be paid", "noch nicht
/// gezahlt", "did not pay attention"): a
/// reporting verb before the negation ("said it would not pay") blocks nothing. `None`
/// when the sentence has none.
///
/// Hand-written: a dozen lines of word matching over lexicon lists; a parser would need
/// a model per language for what is, here, a proximity test.
pub(super) fn refusal_window(ctx: &Ctx, s: &str) -> Option<(usize, usize)> {
    // Words with their byte spans and the clause they stand in.
    let mut words: Vec<(usize, usize, String, usize)> = Vec::new();
    let mut clause = 0usize;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(a) = start.take() {
            words.push((a, i, s[a..i].to_lowercase(), clause));
        }
        if matches!(c, ',' | ';' | ':' | '(' | ')') {
            clause += 1;
        }
    }
    for l in &ctx.lex {
        let r = &l.file.refusal;
        if r.comply.is_empty() {
            continue;
        }
        let window = r.window.unwrap_or(4);
        let is_neg =
            |w: &str| l.file.negation.iter().any(|n| n == w) || r.negations.iter().any(|n| n == w);
        // Each comply entry: its stems on words in a row; (first, last) word index.
        let mut verbs: Vec<(usize, usize)> = Vec::new();
        for entry in &r.comply {
            let stems: Vec<&str> = entry.split_whitespace().collect();
            if stems.is_empty() || stems.len() > words.len() {
                continue;
            }
            for k in 0..=words.len() - stems.len() {
                let row = &words[k..k + stems.len()];
                if row.iter().zip(&stems).all(|(w, st)| w.2.starts_with(st))
                    && row.iter().all(|w| w.3 == row[0].3)
                {
                    verbs.push((k, k + stems.len() - 1));
                }
            }
        }
        for (vf, vl) in verbs {
            let clause = words[vf].3;
            for (n, w) in words.iter().enumerate() {
                if w.3 != clause || !is_neg(&w.2) || (n >= vf && n <= vl) {
                    continue;
                }
                let gap = if n < vf { vf - n - 1 } else { n - vl - 1 };
                if gap > window {
                    continue;
                }
                let (first, last) = (n.min(vf), n.max(vl));
                // One word either side too: "ob gezahlt", "pay attention", "pay salaries".
                let upto = (last + 1).min(words.len() - 1);
                let blocked = words[first.saturating_sub(1)..=upto].iter().any(|x| {
                    x.3 == clause && r.blockers.iter().any(|b| x.2.starts_with(b.as_str()))
                });
                if !blocked {
                    return Some((words[first].0, words[last].1));
                }
            }
        }
    }
    None
}

/// Does sentence `i` stand in a list under a heading that the lexicons' `recommendation`
/// or `advice_headings` cues call advice ("## Recommandations", "Empfehlungen:",
/// "Aanbevelingen", "## Lessons learned", "Retour d'expérience")? The list
/// items ("- Tester régulièrement la restauration des sauvegardes") are then advice
/// written as bare infinitives or imperatives, not steps taken. The heading is the first
/// line above the sentence's line that is not a list item (`-`, `*`, `•`, `1.`) or blank,
/// and only when it is a heading (starts with `#`, or is short and ends with `:`).
pub(super) fn under_advice_heading(ctx: &Ctx, i: usize) -> bool {
    let start = ctx.spans[i].start;
    let before = &ctx.text[..start];
    let own_line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let own = ctx.text[own_line_start..].trim_start();
    if !is_list_item(own) {
        return false;
    }
    // Bounded by the text length; no recursion.
    for line in ctx.text[..own_line_start].lines().rev() {
        let t = line.trim();
        // A numbered section title ("8. Recommendations", "7. Lessons learned": a number,
        // at most four words, no closing punctuation) is the heading of the items under it.
        if numbered_title(t) {
            return ctx.lex_match(t, |l| l.recommendation.as_ref())
                || ctx.lex_match(t, |l| l.advice_heading.as_ref());
        }
        // A longer numbered title is a heading of advice when its first word is
        // ("6. Recommandations pour des établissements comparables").
        if let Some(first) = numbered_long_title(t)
            && (ctx.lex_match(first, |l| l.recommendation.as_ref())
                || ctx.lex_match(first, |l| l.advice_heading.as_ref()))
        {
            return true;
        }
        if t.is_empty() || is_list_item(t) {
            continue;
        }
        let heading = t.starts_with('#') || (t.len() <= 60 && t.ends_with(':'));
        return heading
            && (ctx.lex_match(t, |l| l.recommendation.as_ref())
                || ctx.lex_match(t, |l| l.advice_heading.as_ref()));
    }
    false
}

/// The title of a numbered section line (trimmed): `N.` or `N)` and a space, then words
/// and no closing `.` `:` `;` `!` `?` `,` — with its number of words; else `None`.
fn numbered_title_text(line: &str) -> Option<(&str, usize)> {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    if digits == 0 || !(rest.starts_with(". ") || rest.starts_with(") ")) {
        return None;
    }
    let title = rest[2..].trim();
    if title.ends_with(['.', ':', ';', '!', '?', ',']) {
        return None;
    }
    Some((title, title.split_whitespace().count()))
}

/// Is `line` (trimmed) a numbered section title of one to four words ("8.
/// Recommendations", "6. Response")?
fn numbered_title(line: &str) -> bool {
    numbered_title_text(line).is_some_and(|(_, words)| (1..=4).contains(&words))
}

/// The first word of a numbered section title of five to ten words ("6. Recommandations
/// pour des établissements comparables"), or `None`.
fn numbered_long_title(line: &str) -> Option<&str> {
    numbered_title_text(line)
        .filter(|(_, words)| (5..=10).contains(words))
        .and_then(|(title, _)| title.split_whitespace().next())
}

/// Does `line` (trimmed at its start) begin as a list item: `-`, `*`, `•`, `–` or `1.` /
/// `1)` followed by a space?
fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    if digits > 0 {
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    ["- ", "* ", "• ", "– "].iter().any(|b| line.starts_with(b))
}

/// Is the phrase at `start..end` of `s` a plan rather than a step taken: a lexicon
/// `plan_cues` match in its clause (the clause before it, the phrase, and what follows up
/// to the next `,` `;` `:` — at most 40 bytes: "schrittweise Wiederaufnahme … geplant")?
pub(super) fn planned(ctx: &Ctx, s: &str, start: usize, end: usize) -> bool {
    let before = ctx.clause_before(s, start);
    let tail = &s[end..ceil_boundary(s, end + 40)];
    let tail = tail.split([',', ';', ':']).next().unwrap_or("");
    let clause = format!("{before}{}{tail}", &s[start..end]);
    ctx.lex_match(&clause, |l| l.plan.as_ref())
}

/// Is the phrase at `start..end` of an undecided sentence in a clause of its own: separated
/// from every uncertainty cue of the lexicons by `;`, or by a comma and one of the lexicons'
/// `clause_coordinators` ("too early to say whether any data had been accessed, and that
/// the trust was working with …", "Ob Daten abgeflossen sind, ist unklar, aber die Polizei
/// ermittelt"), or by a closing quotation mark (the quoted speech's doubt is not the
/// reporting clause's)? A cue ending in a question word ("onderzoekt of") leaves the words
/// before that word stated ([`question_word`]). A bare comma does not separate ("Of het
/// lab losgeld heeft betaald, wil … niet zeggen").
pub(super) fn apart_from_doubt(ctx: &Ctx, s: &str, start: usize, end: usize) -> bool {
    let coordinators: Vec<&str> = ctx
        .lex
        .iter()
        .flat_map(|l| l.file.clause_coordinators.iter().map(String::as_str))
        .collect();
    // A closing quotation mark ends the quoted speech: its doubt is not the reporting
    // clause's ("« … pas en mesure de confirmer que des données ont été exfiltrées »,
    // indique la direction, qui a notifié la CNIL").
    let separated = |between: &str| -> bool {
        between.contains(';')
            || between.contains(['»', '”'])
            || [",\"", ".\"", "\","].iter().any(|q| between.contains(q))
            || between.match_indices(',').any(|(p, _)| {
                let rest = between[p + 1..].trim_start();
                coordinators.iter().any(|c| {
                    rest.get(..c.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(c))
                        && !rest[c.len()..].starts_with(char::is_alphanumeric)
                })
            })
    };
    // A doubt after the phrase, in a clause coordinated to it without a comma ("confirmed
    // that it had received a ransom demand but declined to say how much"), doubts only
    // its own clause.
    let coordinated = |between: &str| -> bool {
        let lower = between.to_lowercase();
        lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
            coordinators
                .iter()
                .any(|c| !c.contains(' ') && c.eq_ignore_ascii_case(w))
        })
    };
    ctx.lex.iter().all(|l| {
        l.uncertainty.as_ref().is_none_or(|u| {
            u.find_iter(s).all(|m| {
                // A cue ending in a question word ("onderzoekt of") opens its question
                // at that word: the verb before it may belong to the phrase ("het
                // openbaar ministerie onderzoekt").
                let question = question_word(ctx, m.as_str());
                let cue_start = m.start() + question.unwrap_or(0);
                if m.end() <= start {
                    separated(&s[m.end()..start]) || fronted_question(s, m.start(), m.end(), start)
                } else if cue_start >= end {
                    question.is_some()
                        || separated(&s[end..cue_start])
                        || coordinated(&s[end..cue_start])
                } else {
                    false
                }
            })
        })
    })
}

/// Where the uncertainty cue `cue` ends in one of the lexicons' `question_subordinators`
/// ("investigating whether", "onderzoekt of", "cherche à savoir si", "prüft, ob"): the
/// byte offset in `cue` of that last word. Its open question is the clause after it; the
/// words before it are stated. `None` for any other cue.
fn question_word(ctx: &Ctx, cue: &str) -> Option<usize> {
    let trimmed = cue.trim_end_matches(|c: char| !c.is_alphanumeric());
    let at = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let last = &trimmed[at..];
    let subordinator = !last.is_empty()
        && ctx.lex.iter().any(|l| {
            l.file
                .question_subordinators
                .iter()
                .any(|w| w.eq_ignore_ascii_case(last))
        });
    subordinator.then_some(at)
}

/// Is the uncertainty cue at `cue..cue_end` a one-word subordinator opening the sentence
/// ("Ob …", "Of …", "Whether …") whose clause — at least two words — is closed by a comma
/// before the phrase at `start`? The fronted clause is then the open question the main
/// clause works on, and the main clause is stated: "Ob tatsächlich Daten entwendet
/// wurden, prüfe man noch gemeinsam mit externen Spezialisten", "Of er gegevens zijn
/// gekopieerd, onderzoeken we nog samen met externe specialisten". A main clause that is
/// itself open ("Unklar ist, ob …", "…, wil de directeur niet zeggen") has its own cue.
fn fronted_question(s: &str, cue: usize, cue_end: usize, start: usize) -> bool {
    let opening = s[..cue].trim_matches(|c: char| c.is_whitespace() || "\"'„“”«‘’»-–".contains(c));
    let word = &s[cue..cue_end];
    if !opening.is_empty() || word.is_empty() || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let Some(comma) = s[cue_end..start].find(',') else {
        return false;
    };
    s[cue_end..cue_end + comma].split_whitespace().count() >= 2
}

/// The document's text with each `.` that follows a digit inside one of the focal
/// sentences ("am 15. November", "3.100 Patienten", "v2.1") replaced by a space: the
/// sentence splitter kept it inside the sentence, so it ends nothing. The same length, so
/// a sentence's span and byte offsets are those of the text; a dot at the end of a
/// sentence stays.
fn number_dots_blanked(ctx: &Ctx) -> String {
    let mut out = String::with_capacity(ctx.text.len());
    let mut at = 0;
    for span in &ctx.spans {
        out.push_str(&ctx.text[at..span.start]);
        out.push_str(&crate::text::number_dots_blanked(
            &ctx.text[span.start..span.end],
        ));
        at = span.end;
    }
    out.push_str(&ctx.text[at..]);
    out
}

/// Is `s` a `Label: value` line answered "no" (lexicon `focal.no_values`: "- Lösegeld
/// gezahlt: Nein", "Ransom paid: No")? The label names a response that did not happen.
fn label_says_no(ctx: &Ctx, s: &str) -> bool {
    let Some((_, value)) = super::label_line(s) else {
        return false;
    };
    let value = value.trim().trim_end_matches('.').to_lowercase();
    ctx.lex.iter().any(|l| {
        l.file
            .focal
            .no_values
            .iter()
            .any(|v| v.to_lowercase() == value)
    })
}

/// Is the phrase at `at` of `s` negated: a lexicon `negation` word in the clause before it,
/// or a `denial_cues` phrase ("no evidence", "keine Hinweise") before it in the same
/// clause? A denial reaches no clause coordinated after it with `;` or a comma and one of
/// the lexicons' `clause_coordinators`: "found 'no evidence that patient data was
/// exfiltrated', and that it had informed the NCSC" informs the NCSC.
/// Does a word or phrase of the lexicons' `conditional_words` ("if", "wenn", "si",
/// "indien", "als er") stand in the clause before `at`? "… threatened to publish the files if the clinic did not
/// pay" states a threat's condition, not a refusal.
fn conditional_here(ctx: &Ctx, s: &str, at: usize) -> bool {
    let before = ctx.clause_before(s, at).to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // An entry may be a phrase ("als er", "als de"): its words in a row.
    ctx.lex.iter().any(|l| {
        l.file.conditional_words.iter().any(|c| {
            let phrase: Vec<&str> = c.split_whitespace().collect();
            !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase.as_slice())
        })
    })
}

fn negated_here(ctx: &Ctx, s: &str, at: usize) -> bool {
    let before = ctx.clause_before(s, at);
    // A negation that closes its own clause, right before a coordinator ("De groep betaalde
    // niet en zette haar systemen terug vanuit een back-up", "zahlte nicht und spielte …
    // zurück"), does not reach the clause after it.
    let closes_clause =
        |end: usize| clause_coordinator(ctx, before[end..].split_whitespace().next().unwrap_or(""));
    ctx.lex.iter().any(|l| {
        l.negation
            .as_ref()
            .is_some_and(|r| r.find_iter(before).any(|n| !closes_clause(n.end())))
            || l.denial.as_ref().is_some_and(|r| {
                r.find_iter(&s[..at])
                    .any(|d| !coordinated_apart(ctx, &s[d.end()..at]))
            })
    })
}

/// Is `w` one of the lexicons' `clause_coordinators` ("and", "en", "et", "und"), as written?
fn clause_coordinator(ctx: &Ctx, w: &str) -> bool {
    ctx.lex
        .iter()
        .any(|l| l.file.clause_coordinators.iter().any(|c| c == w))
}

/// Does `between` (the text between two phrases of one sentence) hold a clause break: a
/// `;`, or a comma followed by one of the lexicons' `clause_coordinators` ("…, and that …",
/// "…, aber …")?
fn coordinated_apart(ctx: &Ctx, between: &str) -> bool {
    between.contains(';')
        || between.match_indices(',').any(|(p, _)| {
            let rest = between[p + 1..].trim_start();
            ctx.lex
                .iter()
                .flat_map(|l| l.file.clause_coordinators.iter())
                .any(|c| {
                    rest.get(..c.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(c))
                        && !rest[c.len()..].starts_with(char::is_alphanumeric)
                })
        })
}
