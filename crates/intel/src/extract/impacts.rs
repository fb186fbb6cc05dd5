//! Operational and financial impacts.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.

use super::*;

// ---------------------------------------------------------------------------------------
// Impact

/// The embedded English lexicon, whose `count_units` and `impact_effects` the built-in
/// English counted rule reads (its unit is the word as written, with its modifiers).
fn english() -> &'static lexicon::Lexicon {
    lexicon::by_code("en").expect("the English lexicon is embedded")
}

/// The English unit nouns (`count_units` of `lexicons/en.toml`) as one alternation, longest
/// first.
fn english_units() -> String {
    let mut w: Vec<String> = english()
        .file
        .count_units
        .keys()
        .map(|k| regex::escape(k))
        .collect();
    w.sort_by_key(|k| std::cmp::Reverse(k.len()));
    w.join("|")
}

/// The English service phrases (`service_units` of `lexicons/en.toml`) as one regex, in
/// the lexicon's order (the first that matches at a position wins).
fn english_services() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let alts: Vec<String> = english()
            .file
            .service_units
            .iter()
            .map(|[p, _]| regex::escape(p))
            .collect();
        text::compile(&format!(r"(?i)\b({})\b", alts.join("|")))
    })
}

/// Does the number starting at byte `at` of `s` follow one of the lexicon's `label_nouns`
/// ("Year 11", "Ward 7", "groep 8", "Klasse 11")? Then it names a class, a ward, a stage
/// — it counts nothing.
fn label_number(l: &lexicon::Lexicon, s: &str, at: usize) -> bool {
    l.label_before
        .as_ref()
        .is_some_and(|r| r.is_match(&s[floor_boundary(s, at.saturating_sub(24))..at]))
}

/// A predicate of `service_effects` of `lexicons/en.toml` found in a text: its byte
/// range, its words and its rule.
#[derive(Clone, Copy)]
struct ServiceEffect<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    rule: &'static lexicon::EffectRule,
}

/// The earliest English service predicate in `t` (at one position, the first rule of the
/// lexicon's order).
fn first_service_effect(t: &str) -> Option<ServiceEffect<'_>> {
    english()
        .service_effects
        .iter()
        .enumerate()
        .filter_map(|(k, (re, rule))| re.find(t).map(|m| (m.start(), k, m.end(), rule)))
        .min_by_key(|&(at, k, _, _)| (at, k))
        .map(|(start, _, end, rule)| ServiceEffect {
            start,
            end,
            text: &t[start..end],
            rule,
        })
}

/// The last English service predicate in `t` (the one ending last; at one end, the
/// first rule of the lexicon's order).
fn last_service_effect(t: &str) -> Option<ServiceEffect<'_>> {
    english()
        .service_effects
        .iter()
        .enumerate()
        .filter_map(|(k, (re, rule))| {
            re.find_iter(t)
                .last()
                .map(|m| (m.end(), std::cmp::Reverse(k), m.start(), rule))
        })
        .max_by_key(|&(end, k, _, _)| (end, k))
        .map(|(end, _, start, rule)| ServiceEffect {
            start,
            end,
            text: &t[start..end],
            rule,
        })
}

/// The effect of the earliest English effect phrase (`impact_effects` of
/// `lexicons/en.toml`) in `s`.
pub(super) fn effect_of(s: &str) -> Option<&'static str> {
    english()
        .effects
        .iter()
        .filter_map(|(re, e)| re.find(s).map(|m| (m.start(), e.as_str())))
        .min_by_key(|(at, _)| *at)
        .map(|(_, e)| e)
}

/// Is the earliest English effect phrase in `after` (the text that follows a count)
/// negated: a negation of the lexicons at most two words before it ("310 residents was not
/// disrupted", "has not been disrupted", "at no point disrupted")? A negation further away
/// governs another verb ("staff who could not work … were furloughed").
fn negated_before_effect(ctx: &Ctx, after: &str) -> bool {
    let Some(at) = english()
        .effects
        .iter()
        .filter_map(|(re, _)| re.find(after).map(|m| m.start()))
        .min()
    else {
        return false;
    };
    let words: Vec<&str> = after[..at].split_whitespace().collect();
    let near = words[words.len().saturating_sub(3)..].join(" ");
    ctx.negated_within(&format!(" {near} "))
}

/// Does `before` (the text ending at a count) carry, after its last effect phrase ending
/// at `effect_end`, a clause coordinator of the lexicons followed by two or more words
/// before the count ("est hors service et les dossiers des 420 résidents")? Then the
/// effect belongs to another clause with its own subject; a count coordinated directly
/// ("annulé 150 opérations et quelque 300 consultations") keeps it.
pub(super) fn effect_in_other_clause(ctx: &Ctx, before: &str, effect_end: usize) -> bool {
    let tail = &before[effect_end.min(before.len())..];
    let words: Vec<&str> = tail.split_whitespace().collect();
    ctx.lex
        .iter()
        .flat_map(|l| l.file.clause_coordinators.iter())
        .any(|c| {
            let n = c.split_whitespace().count();
            (0..words.len().saturating_sub(n - 1)).any(|k| {
                words[k..k + n].join(" ").eq_ignore_ascii_case(c) && words.len() - (k + n) >= 2
            })
        })
}

pub(super) const EFFECT_NAMES: &[&str] = &[
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

pub(super) fn duration_in(s: &str) -> (Option<String>, Option<f64>) {
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

/// Words that never stand between an English count and its noun: prepositions, relative
/// words and auxiliaries ("Two inpatients who needed scans": the count is of inpatients).
const NOT_MODIFIERS: &[&str] = &[
    "of", "the", "than", "to", "in", "at", "on", "by", "for", "when", "who", "whom", "whose",
    "which", "that", "where", "while", "was", "were", "is", "are", "had", "has", "have", "been",
];

pub(super) fn impacts(ctx: &Ctx) -> Vec<ImpactFact> {
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    let counted = COUNTED.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i)\b({})\s+(?:of (?:its|the|their|our)\s+)?((?:[\w’'-]+\s+){{0,3}}?)({})\b",
            text::COUNT_RE,
            english_units()
        )))
        .expect("re")
    });
    let money = re!(
        r"(?i)(?:(US\$|\$|€|£|EUR\s?|USD\s?|GBP\s?|CHF\s?)(\d[\d,.'’]*)\s?(million|billion|bn|m)?\b|\b(\d[\d,.'’]*)\s?(million|billion)?\s?(euros?|(?:us\s|u\.s\.\s)?dollars|pounds|(?:swiss\s)?francs)\b)"
    );
    let service = english_services();
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
            // The words between a count and its noun describe the noun ("85 scheduled
            // surgeries", "current and former members"); a function word or a relative
            // word there means the noun belongs to another phrase ("Two inpatients who
            // needed scans"), and a month or a time unit means the number was a date or
            // a duration ("Monday 4 August when reception staff", "unavailable for 16 days
            // and staff worked").
            if modifiers.split_whitespace().any(|w| {
                NOT_MODIFIERS.contains(&w)
                    || english().file.months.contains_key(w)
                    // (plural: "60 day procedures" are procedures)
                    || ["minutes", "hours", "days", "weeks", "months", "years"].contains(&w)
            }) {
                continue;
            }
            // "one of the employees entered her credentials": one person singled out of a
            // group, not a count of people hit.
            if count == 1
                && re!(r"(?i)^\s+of\s+(?:the|its|their|our)\b")
                    .is_match(&s[c.get(1).expect("count").end()..])
            {
                continue;
            }
            // "Year 11 mock examinations", "Ward 7 patients": a number after a label noun
            // names a class, a ward, a stage — it counts nothing.
            if label_number(english(), s, m.start()) {
                continue;
            }
            // "on Monday 4 August staff …": a day of a month is a date, not a count.
            if modifiers.is_empty() && english().file.months.contains_key(unit_word.as_str()) {
                continue;
            }
            // The lexicon's name for the noun ("PCs" → "computers", "inpatients" →
            // "patients").
            let unit_word = english()
                .file
                .count_units
                .get(&unit_word)
                .map_or(unit_word, |u| u.to_lowercase());
            // "2 300 patients" (a space between thousands, as French and Dutch write
            // them): the count is not 2 with a modifier "300"; the lexicons' counted rule
            // reads it.
            if modifiers
                .split_whitespace()
                .next()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                continue;
            }
            // A year or a date is not a count.
            if (1900..=2100).contains(&count) && c[1].len() == 4 {
                continue;
            }
            // "380 GB of files": a volume, not a number of the noun.
            if data_volume(&s[c.get(1).expect("count").end()..]) {
                continue;
            }
            // "cancelled at three hospitals": where, not what.
            if place_count(ctx, s, m.start()) {
                continue;
            }
            let after = &s[m.end()..ceil_boundary(s, m.end() + 70)];
            // "Twelve patients, including four from intensive care, were transferred": an
            // apposition between the count and its verb is skipped.
            let after = match re!(r"(?i)^,\s*(?:including|among them|among whom|of whom|of which|many of them|most of them|some of them|mostly|mainly|such as)\b[^,;.]{0,60},")
                .find(after)
            {
                Some(x) => &after[x.end()..],
                None => after,
            };
            let after = after.split(';').next().unwrap_or(after);
            let after = after.split(", ").next().unwrap_or(after);
            let before = &s[floor_boundary(s, m.start().saturating_sub(35))..m.start()];
            let people = PEOPLE_UNITS.contains(&unit_word.as_str());
            let count_at = c.get(1).expect("count");
            let data_theft = states_theft(ctx, s)
                || refers_to_theft(ctx, i)
                || data_subjects_taken(ctx, i, s, m.start())
                || affected_after_theft(ctx, i, after)
                || (people && breach_subjects(ctx, s, count_at.start(), count_at.end()));
            // "Care for its 310 residents was not disrupted", "The safety and care of our
            // 214 residents has not been compromised": the count is a population the
            // negated effect did not hit — even in an article where data was taken.
            if negated_before_effect(ctx, after) {
                continue;
            }
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
                "accounts",
            ]
            .contains(&unit_word.as_str())
                || effect == "exposed";
            let category = if data_unit { "data" } else { "operational" };
            let effect = if data_unit && effect != "exposed" {
                "exposed"
            } else {
                effect
            };
            // Coding rule 13: persons whose data was taken are `people`, whatever the
            // text calls them ("623,774 patients", "current and former customers").
            let unit = if effect == "exposed" && person_unit(&unit_word) {
                "people".to_string()
            } else {
                unit
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
                "$" | "us$" | "usd" | "dollars" | "us dollars" | "u.s. dollars" => "USD",
                "€" | "eur" | "euro" | "euros" => "EUR",
                "£" | "gbp" | "pounds" => "GBP",
                "chf" | "francs" | "swiss francs" => "CHF",
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
            if unincurred(ctx, s, m.start()) {
                continue;
            }
            let l = s.to_lowercase();
            let window = &l
                [floor_boundary(&l, m.start().saturating_sub(80))..ceil_boundary(&l, m.end() + 60)];
            // "ransom", not "ransomware" ("fined after a ransomware attack" is a fine).
            let ransom = re!(r"\bransom(?:s|ed)?\b").is_match(window);
            // An amount paid in bitcoin is a ransom paid ("the practice paid £22,000 in
            // bitcoin"): the English payment verb before the amount, the coin right after.
            let coin_after = re!(r"^\s*in (?:bitcoins?|btc|cryptocurrency|crypto)\b")
                .is_match(&s[m.end()..ceil_boundary(s, m.end() + 30)]);
            let paid_in_coin = coin_after
                && re!(r"\b(?:paid|transferred)\b[^.]{0,30}$")
                    .is_match(&s[floor_boundary(s, m.start().saturating_sub(40))..m.start()]);
            let paid_ransom =
                ransom && re!(r"\bpaid\b|\bpay\b").is_match(window) && !window.contains("refus");
            let effect = if (paid_in_coin || paid_ransom) && !window.contains("demand") {
                "ransom paid"
            } else if ransom || window.contains("demand") || coin_after {
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
        let service_matches: Vec<regex::Match> = service.find_iter(s).collect();
        let in_phrase = in_previous_phrase(
            english(),
            s,
            &service_matches
                .iter()
                .map(|m| (m.start(), m.end()))
                .collect::<Vec<_>>(),
        );
        for (mi, m) in service_matches.iter().copied().enumerate() {
            if in_phrase[mi] {
                continue;
            }
            let svc = m.as_str();
            let svc_l = svc.to_lowercase();
            // The English lexicon's unit of this phrase; an acronym ("ER", "MUG") only in
            // its own case (not Dutch "er").
            let Some([phrase, unit]) = english()
                .file
                .service_units
                .iter()
                .find(|[p, _]| p.eq_ignore_ascii_case(svc))
            else {
                continue;
            };
            if !phrase.chars().any(char::is_lowercase) && phrase != svc {
                continue;
            }
            let unit = unit.clone();
            // A service named to describe another is no outage of its own.
            if in_relative_clause(ctx, s, m.start()) {
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
            // "could not open the radiology system or the patient administration system":
            // a list of services shares the predicate before its first member.
            let chain_start = service_matches[..mi]
                .iter()
                .rev()
                .scan(m.start(), |at, p| {
                    let gap = &s[p.end().min(*at)..*at];
                    re!(r"(?i)^\s*(?:,\s*)?(?:(?:and|or|nor|as well as)\s+)?(?:(?:the|its|their|our|his|her)\s+)?$")
                        .is_match(gap)
                        .then(|| {
                            *at = p.start();
                            *at
                        })
                })
                .last()
                .unwrap_or(m.start());
            let before = &s[floor_boundary(s, chain_start.saturating_sub(40))..chain_start];
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
            let a = first_service_effect(after)
                .filter(|x| !x.rule.agentive)
                .filter(|x| {
                    service
                        .find(after[x.end..].trim_start())
                        .is_none_or(|n| n.start() != 0)
                })
                // "… that encrypted parts of its hosted platform": a part encrypted is no
                // service out of use.
                .filter(|x| {
                    !(x.text.to_lowercase().starts_with("encrypt")
                        && re!(r"(?i)^\s+(?:parts?|some|one|several|a (?:part|number)) of\b")
                            .is_match(&after[x.end..]))
                })
                .map(|x| (x.start, x));
            // A `working` predicate ("could be used") tells an outage only negated
            // ("neither the EHR nor the laboratory software could be used"), and only
            // after its service.
            let a = a.filter(|(_, x)| {
                !x.rule.working || working_negated(ctx, s, m.start(), &after[..x.end])
            });
            let b = last_service_effect(before)
                .filter(|x| !x.rule.working)
                .map(|x| (before.len() - x.end, x));
            let found = match (a, b) {
                (Some((da, ea)), Some((db, eb))) => {
                    // "X ran at reduced capacity and ambulances were diverted": an effect
                    // across "and" belongs to the previous clause when one follows closely.
                    let across_and = before[before.len() - db..].contains(" and ");
                    // "… were cancelled and radiology services were severely disrupted":
                    // the service's own verb, in its clause, is its effect.
                    let own_clause = !after[..da].contains(" and ") && !after[..da].contains(',');
                    Some(
                        if db < da && !(across_and && (da <= 20 || own_clause && da <= 40)) {
                            eb
                        } else {
                            ea
                        },
                    )
                }
                (Some((da, ea)), None) => {
                    // "would not be delayed": a negated effect after the service.
                    if !ea.rule.working && re!(r"(?i)\b(?:not|never|no)\b").is_match(&after[..da]) {
                        None
                    } else {
                        Some(ea)
                    }
                }
                (None, Some((_, eb))) => Some(eb),
                (None, None) => None,
            };
            let Some(eff) = found else { continue };
            // "About 1,150 GP practices … have been unable to see patients' electronic
            // records": the counted customers whose access failed are the impact (`1150
            // practice`), their records no second one (the lexicons' twin is in
            // `service_effect_before`). The count must be the predicate's subject: nothing
            // but its own words between them.
            if b.is_some_and(|(_, x)| x.start == eff.start && x.text == eff.text) {
                let pred_at = chain_start - before.len() + eff.start;
                let clause = &s[..pred_at];
                let clause = clause.rsplit([';', ':']).next().unwrap_or(clause);
                if let Some(c) = counted.find_iter(clause).last() {
                    let between = &clause[c.end()..];
                    if !between.contains(',')
                        && !re!(r"(?i)\b(?:and|but|or|while|as)\b").is_match(between)
                    {
                        continue;
                    }
                }
            }
            // "encrypted part of its patient administration system": a part encrypted is
            // no system out of use.
            if eff.text.to_lowercase().starts_with("encrypt")
                && re!(r"(?i)\b(?:part|parts|some|one|several) of (?:\w+ ){0,2}$").is_match(before)
            {
                continue;
            }
            if !eff.rule.negative && !eff.rule.working && ctx.lex_negated(s, m.start()) {
                continue;
            }
            let effect = eff.rule.effect.as_str();
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
    lex_services(ctx, &mut out);
    lex_counted(ctx, &mut out);
    manual_fallback(ctx, &mut out);
    ambulance_diversion(ctx, &mut out);
    // A count or amount of zero tells of nothing hit or paid ("Oui (200 000 euros)" once
    // also gave an amount 0 from the group "000"): never an impact.
    out.retain(|f| f.count != Some(0));
    // One amount of one sentence read both as demanded (the English money rule on "40.000
    // euro in bitcoin") and as paid (a lexicon's payment phrase, "betaalde … 40.000 euro in
    // bitcoin") was paid.
    let paid: Vec<(Option<u64>, String, usize)> = out
        .iter()
        .filter(|f| f.effect == "ransom paid")
        .map(|f| (f.count, f.unit.clone(), f.evidence.offset))
        .collect();
    out.retain(|f| {
        f.effect != "ransom demanded"
            || !paid
                .iter()
                .any(|(c, u, o)| *c == f.count && *u == f.unit && *o == f.evidence.offset)
    });
    // One name per thing (`data/impact_units.tsv`), before the duplicates are compared.
    for f in &mut out {
        if f.category != "financial" {
            f.unit = canonical_unit(&f.unit);
        }
    }
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
    // Coding rule 15: "delaying hundreds of appointments" in the lead beside "240
    // outpatient appointments were postponed" is the same fact said less precisely — an
    // uncounted scheduling effect gives way to a counted one whose unit is the same or
    // more qualified (same head noun), whichever scheduling verb each uses. A more
    // qualified uncounted unit ("outpatient appointments cancelled" beside "19,000
    // appointments") says something the count does not, and stays.
    const SCHEDULING: &[&str] = &["cancelled", "postponed", "delayed", "disrupted"];
    let sing = |u: &str| {
        u.split_whitespace()
            .map(|w| text::singular(&w.to_lowercase()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let counted_units: Vec<String> = out
        .iter()
        .filter(|f| f.count.is_some() && SCHEDULING.contains(&f.effect.as_str()))
        .map(|f| sing(&f.unit))
        .collect();
    out.retain(|f| {
        let u = sing(&f.unit);
        f.count.is_some()
            || u.is_empty()
            || !SCHEDULING.contains(&f.effect.as_str())
            || !counted_units
                .iter()
                .any(|c| *c == u || c.ends_with(&format!(" {u}")))
    });
    // "Results for around 2,300 samples were delayed" beside "results delayed" in the
    // headline: results are the results of samples or tests, so counted samples (or tests)
    // are the same fact said more precisely (Coding rule 15).
    if out.iter().any(|f| {
        f.count.is_some()
            && ["sample", "test", "specimen"]
                .contains(&text::singular(f.unit.split_whitespace().last().unwrap_or("")).as_str())
    }) {
        out.retain(|f| !(f.count.is_none() && f.unit == "results" && f.effect == "delayed"));
    }
    // "Online-Dienste … gestört" in the headline and "… nicht erreichbar" in the body: one
    // fact, said more precisely by the unavailability.
    let unavailable: HashSet<String> = out
        .iter()
        .filter(|f| f.count.is_none() && f.effect == "unavailable")
        .map(|f| f.unit.to_lowercase())
        .collect();
    out.retain(|f| {
        f.count.is_some()
            || f.effect != "disrupted"
            || !unavailable.contains(&f.unit.to_lowercase())
    });
    // Coding rule 12 read from its shape: the whole IT (a totality word and an IT noun)
    // and an outage word in one clause, however the lexicons' phrase rules word it.
    if !out
        .iter()
        .any(|f| f.unit == "IT systems" && f.effect == "unavailable")
        && let Some(i) = whole_it_down(ctx)
    {
        out.push(ImpactFact {
            count: None,
            unit: "IT systems".into(),
            effect: "unavailable".into(),
            duration: None,
            duration_days: None,
            category: "operational".into(),
            provenance: Provenance::Stated,
            evidence: ctx.evidence(i),
        });
    }
    // The same service effect said twice (headline and lead) is one fact.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    out.retain(|f| f.count.is_some() || seen.insert((f.unit.clone(), f.effect.clone())));
    // "procedures postponed" beside "elective procedures postponed" is the same fact said
    // less precisely (a headline, or a second mention): keep the qualified one.
    let qualified: Vec<(String, String)> = out
        .iter()
        .filter(|f| f.count.is_none())
        .map(|f| (f.unit.to_lowercase(), f.effect.clone()))
        .collect();
    out.retain(|f| {
        let u = f.unit.to_lowercase();
        f.count.is_some()
            || u.is_empty()
            || !qualified
                .iter()
                .any(|(q, e)| *e == f.effect && q.len() > u.len() && q.ends_with(&format!(" {u}")))
    });
    devices_as_it_outage(&mut out);
    // Only a bounded prefix is kept (see `bounded`); the rest is counted, not compared.
    let extra = out.len().saturating_sub(4 * MAX_ITEMS_PER_FIELD);
    out.truncate(4 * MAX_ITEMS_PER_FIELD);
    drop_corrected_counts(ctx, &mut out);
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

/// Workstations counted as encrypted or out of use ("alle 45 Computer verschlüsselt", "all
/// 30 of our computers"): what the attack did to the organisation is its IT out of use, so
/// the count becomes `IT systems unavailable` (one, kept with the first count's evidence)
/// unless that is already stated. The held-out coders never code such a count of a small
/// fleet (none of 6 in the development sets, session 25: 8 to 45 computers); a fleet in the
/// thousands measures the outage and stays counted ("6,000 computers" at CHU Rouen, "5,000"
/// at UVM), as do servers ("30 servers": coded 3 times).
fn devices_as_it_outage(out: &mut Vec<ImpactFact>) {
    /// Fewer workstations than this are a small organisation's whole IT.
    const SMALL_FLEET: u64 = 100;
    const DEVICES: &[&str] = &[
        "computer",
        "pc",
        "workstation",
        "laptop",
        "desktop",
        "device",
        "endpoint",
    ];
    const EFFECTS: &[&str] = &[
        "encrypted",
        "unavailable",
        "affected",
        "infected",
        "shut down",
    ];
    let mut it_down = out
        .iter()
        .any(|f| f.count.is_none() && f.unit == "IT systems" && f.effect == "unavailable");
    let mut converted = Vec::new();
    out.retain(|f| {
        let device = f.count.is_some_and(|n| n < SMALL_FLEET)
            && f.category == "operational"
            && EFFECTS.contains(&f.effect.as_str())
            && f.unit
                .to_lowercase()
                .split_whitespace()
                .last()
                .is_some_and(|w| DEVICES.contains(&text::singular(w).as_str()));
        if device && !it_down {
            it_down = true;
            converted.push(ImpactFact {
                count: None,
                unit: "IT systems".into(),
                effect: "unavailable".into(),
                ..f.clone()
            });
        }
        !device
    });
    out.extend(converted);
}

/// The first sentence that states the whole IT out of use (Coding rule 12): a lexicon
/// `whole_it_cues` phrase ("all of its systems", "l'ensemble des serveurs") with an
/// `it_outage_cues` word within 50 bytes before it or 90 after it, or a cue around it (a
/// separable verb: "schakelde alle servers … uit"), not across a `,` or `;`, no negation before the
/// phrase or between it and the outage word ("not all servers were affected"), in a
/// sentence that says something happened ([`Ctx::says`]). One server or one application
/// named is never the whole IT: the phrase needs its totality word.
fn whole_it_down(ctx: &Ctx) -> Option<usize> {
    (0..ctx.len()).find(|&i| {
        if !ctx.says(i) {
            return false;
        }
        let s = ctx.sentence(i);
        ctx.lex.iter().filter_map(|l| l.whole_it.as_ref()).any(|r| {
            r.find_iter(s).any(|m| {
                if ctx.lex_negated(s, m.start()) {
                    return false;
                }
                let before = &s[floor_boundary(s, m.start().saturating_sub(50))..m.start()];
                let after = &s[m.end()..ceil_boundary(s, m.end() + 90)];
                // The clause: cut at ';' and ',' ("Alle Systeme laufen normal, nur der
                // Dokumentenserver wurde abgeschaltet" names no outage of the whole IT).
                let before = before.rsplit([';', ',']).next().unwrap_or(before);
                let after = after.split([';', ',']).next().unwrap_or(after);
                // A separable verb around the phrase ("schakelde alle servers … uit"): an
                // outage cue that starts before the phrase and ends after it.
                let (c0, c1) = (m.start() - before.len(), m.end() + after.len());
                // A plan ("tous nos ordinateurs portables seront chiffrés", "all servers will
                // be shut down on Sunday") is no outage yet.
                if ctx.lex_match(&s[c0..c1], |l| l.plan.as_ref()) {
                    return false;
                }
                let around = ctx
                    .lex
                    .iter()
                    .filter_map(|l| l.it_outage.as_ref())
                    .any(|o| {
                        o.find_iter(&s[c0..c1])
                            .any(|x| c0 + x.start() < m.start() && c0 + x.end() > m.end())
                    });
                if around {
                    return true;
                }
                let outage_after = ctx
                    .lex
                    .iter()
                    .filter_map(|l| l.it_outage.as_ref())
                    .filter_map(|o| o.find(after))
                    .map(|o| o.start())
                    .min();
                let outage_before = ctx
                    .lex
                    .iter()
                    .filter_map(|l| l.it_outage.as_ref())
                    .any(|o| o.is_match(before));
                outage_before || outage_after.is_some_and(|at| !ctx.negated_within(&after[..at]))
            })
        })
    })
}

/// English units counted as people whose data can be taken (a theft sentence makes them
/// `exposed`, category data). Unit names are the output vocabulary, the same in every
/// language (the lexicons' `count_units` map their nouns onto these).
const PEOPLE_UNITS: &[&str] = &[
    "patients",
    "people",
    "customers",
    "individuals",
    "members",
    "employees",
    "residents",
    "supporters",
    "clients",
    "donors",
    "users",
    "policyholders",
    "students",
    "staff",
    "records",
];

/// Is `unit` (an English unit of the output vocabulary, singular or plural) a kind of
/// person? Coding rule 13: a count of persons whose data was taken is `N people` whatever
/// the text calls them; `records` and `files` are data, not persons, and keep their unit.
fn person_unit(unit: &str) -> bool {
    let last = unit.split_whitespace().last().unwrap_or("").to_lowercase();
    let last = text::singular(&last);
    PEOPLE_UNITS
        .iter()
        .filter(|u| **u != "records")
        .any(|u| text::singular(u) == last)
        || last == "person"
}

/// Does sentence `s` say data was taken (English verbs, or the lexicons' `theft_cues` /
/// `confidentiality_cues`)?
fn states_theft(ctx: &Ctx, s: &str) -> bool {
    re!(
        r"(?i)\b(?:stole|stolen|exposed|accessed|compromised|leaked|exfiltrated|breach\w*|copied|downloaded)\b"
    )
    .is_match(s)
        || ctx.lex.iter().any(|l| {
            [&l.theft, &l.confidentiality]
                .into_iter()
                .any(|r| r.as_ref().is_some_and(|r| r.is_match(s)))
        })
}

/// Are the persons counted at `at` the subjects of data the sentence says was taken (kind
/// 12 of the session-4 errors): a lexicon `data_subject_cues` phrase right before the
/// count ("Daten von rund 2.300 Klientinnen … sowie von 180 Mitarbeitenden kopiert",
/// "copié les données … de quelque 15 400 patients", "records of 3,400 patients") and,
/// anywhere in the sentence, an `exposed` effect phrase of a lexicon or an English verb
/// of copying, taking, viewing or publishing ("download", "copied", "took the … records
/// of about 160,000 people", "viewed the medical details of 140 patients").
///
/// Or the sentence `i` (`s`) follows, in the same paragraph, one that says data was taken
/// ([`took_data`]): "Im Februar stellte die Gruppe SafePay Daten ins Netz. Laut Bericht
/// enthalten sie Befunde und Stammdaten von rund 6.300 Patientinnen und Patienten." — the
/// data-subject phrase right before the count is what ties the count to those data.
fn data_subjects_taken(ctx: &Ctx, i: usize, s: &str, at: usize) -> bool {
    let before = &s[floor_boundary(s, at.saturating_sub(80))..at];
    let subject = ctx
        .lex
        .iter()
        .any(|l| l.data_subject.as_ref().is_some_and(|r| r.is_match(before)));
    subject
        && (re!(
            r"(?i)\b(?:download(?:ed|ing)?|copied|copying|took|taken|viewed|published|posted)\b"
        )
        .is_match(s)
            || ctx.lex.iter().any(|l| {
                l.effects
                    .iter()
                    .any(|(re, e)| e == "exposed" && re.is_match(s))
            })
            || (i > 0
                && ctx.says(i - 1)
                && same_paragraph(ctx, i - 1, i)
                && took_data(ctx, ctx.sentence(i - 1))))
}

/// Are the persons counted at `start..end` (the count itself, before its unit) tied to a
/// data breach the document states (`Ctx::data_exposed`, the CIA rules' confidentiality)?
/// By a lexicon `breach_subject_before_cues` phrase right before the count in its clause
/// ("We have written personally to each of the 3,870 patients", "Het gaat om 230
/// patiënten", "qui concernent quelque 640 patientes et patients"), a
/// `breach_subject_after_cues` phrase after it ("About 96,000 patients are concerned",
/// "Die 290 betroffenen Patientinnen und Patienten wurden schriftlich informiert"), or a
/// `data_subject_cues` phrase right before it ("Stammdaten von rund 2.340 Klientinnen und
/// Klienten", "les dossiers de 57 patients"). A breach the document states makes such a
/// count its subjects wherever in the document the theft itself is told (coding rule 13);
/// the sentence-level rules ([`data_subjects_taken`]) need the theft next to the count.
fn breach_subjects(ctx: &Ctx, s: &str, start: usize, end: usize) -> bool {
    if !ctx.data_exposed {
        return false;
    }
    let before = &s[floor_boundary(s, start.saturating_sub(80))..start];
    let before = before.rsplit([';', ':']).next().unwrap_or(before);
    let after = &s[end..ceil_boundary(s, end + 100)];
    let after = after.split([';', ':']).next().unwrap_or(after);
    // The persons counted are the subject of the verb after them only when the count
    // opens its clause ("Die 290 betroffenen Patienten wurden informiert"), not when it is
    // a noun's complement ("Die Angehörigen der rund 1.300 Bewohner wurden informiert").
    let opens_clause = ctx.clause_before(s, start).split_whitespace().count() <= 2;
    ctx.lex.iter().any(|l| {
        [&l.breach_subject_before, &l.data_subject]
            .into_iter()
            .any(|r| r.as_ref().is_some_and(|r| r.is_match(before)))
            || (opens_clause
                && l.breach_subject_after
                    .as_ref()
                    .is_some_and(|r| r.is_match(after)))
    })
}

/// Do sentences `j` and `i` (`j < i`) stand in one paragraph (no blank line between)?
fn same_paragraph(ctx: &Ctx, j: usize, i: usize) -> bool {
    ctx.text
        .get(ctx.spans[j].end..ctx.spans[i].start)
        .is_some_and(|gap| !gap.contains("\n\n"))
}

/// Does `s` say data was taken: a theft cue ([`states_theft`]) or an `exposed` effect
/// phrase of the lexicons ("hebben … berichten gedownload")?
fn took_data(ctx: &Ctx, s: &str) -> bool {
    states_theft(ctx, s)
        || ctx.lex.iter().any(|l| {
            l.effects
                .iter()
                .any(|(re, e)| e == "exposed" && re.is_match(s))
        })
}

/// Are the persons counted before `after` said to be "affected" in the sentence right
/// after one that says data was taken ("The downloaded e-mails contained names and notes.
/// About 500 patients and 20 staff are affected.")? Then they are the data's subjects.
fn affected_after_theft(ctx: &Ctx, i: usize, after: &str) -> bool {
    i > 0
        && ctx.says(i - 1)
        && re!(r"(?i)^[^.;]{0,60}?\b(?:are|were|have been|has been|is|was)\s+affected\b")
            .is_match(after)
        && states_theft(ctx, ctx.sentence(i - 1))
}

/// Does sentence `i` refer back to data the sentence before it says was taken ("Some data
/// was copied from one of our file servers. It relates to around 2,300 supporters and 400
/// patients"): it opens with a lexicon `theft_reference_cues` phrase — or its clause after
/// a reporting verb does ("The trust has confirmed that the files include …", "Die Klinik
/// bestätigt nun, dass darunter …": a `statement_cues` word, then within a few words one of
/// the lexicon's `clause_boundaries`) — and the previous sentence, itself a statement, says
/// data was taken.
fn refers_to_theft(ctx: &Ctx, i: usize) -> bool {
    if i == 0 || !ctx.says(i - 1) {
        return false;
    }
    let s = ctx.sentence(i).trim_start();
    let opens = |l: &crate::extract::lexicon::Lexicon, t: &str| {
        l.theft_reference
            .as_ref()
            .is_some_and(|r| r.find(t).is_some_and(|m| m.start() == 0))
    };
    let reported = |l: &crate::extract::lexicon::Lexicon| {
        let Some(cue) = &l.statement_cue else {
            return false;
        };
        cue.find_iter(s).any(|m| {
            let rest = &s[m.end()..];
            let window = &rest[..ceil_boundary(rest, 25)];
            l.file.clause_boundaries.iter().any(|b| {
                window
                    .find(b.as_str())
                    .is_some_and(|at| opens(l, rest[at + b.len()..].trim_start()))
            })
        })
    };
    ctx.lex.iter().any(|l| opens(l, s) || reported(l)) && {
        // The sentence before says data was taken: a theft cue, or an `exposed` effect
        // phrase of the lexicons ("hebben … berichten gedownload") — or the one before
        // it in the same paragraph, with a statement between ("… veröffentlichte die
        // Gruppe … Dateien. „Es handelt sich um echte Daten“, sagte der Direktor.
        // Betroffen seien rund 95 Bewohner …").
        let took = |j: usize| took_data(ctx, ctx.sentence(j));
        took(i - 1) || (i >= 2 && ctx.says(i - 2) && same_paragraph(ctx, i - 2, i) && took(i - 2))
    }
}

/// Counted impacts in the lexicons' own words (not English, whose built-in rule is
/// `impacts`): COUNT (digits with `.`, `,` or space as thousands separator, or a number
/// word) + up to two words + a `count_units` noun, with the nearest `impact_effects`
/// phrase after it in the clause, else before it ("versleutelden 30 servers",
/// "30 Operationen abgesagt"). People counted in a sentence about theft (the lexicon's
/// `theft_cues`) are `exposed` ("gegevens van 485.000 deelnemers gestolen"). Nothing
/// without an effect, negated, or about other organisations; a year is no count.
pub(super) fn lex_counted(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        let theft = ctx
            .lex
            .iter()
            .any(|l| l.theft.as_ref().is_some_and(|r| r.is_match(s)))
            || refers_to_theft(ctx, i);
        for l in ctx.lex.iter().filter(|l| l.file.code != "en") {
            let Some(counted) = &l.counted else { continue };
            // The previous count of this sentence that was read: where it ended, its
            // effect, and whether it counts persons.
            let mut prev: Option<(usize, String, bool, String)> = None;
            for c in counted.captures_iter(s) {
                let m = c.get(0).expect("group 0");
                // Digits, or a `count_words` entry ("quinze", "een zestigtal", "une
                // trentaine d'"); the articles among `number_words` ("une", "een") never
                // count here.
                let (raw, count) = match (c.name("count"), c.name("word")) {
                    (Some(d), _) => {
                        let raw = d.as_str();
                        let mult = c.name("mult").map(|x| x.as_str());
                        // "1,4" without a multiplier is a decimal, not a count.
                        if mult.is_none() && re!(r"^\d+[.,]\d{1,2}$").is_match(raw) {
                            continue;
                        }
                        let count = match mult {
                            Some(_) => l.amount(raw, mult),
                            None => l.count(raw),
                        };
                        (raw, count)
                    }
                    (None, Some(w)) => {
                        // The tail of a hyphenated word is no count of its own ("deux" in
                        // an unlisted compound like "cent-deux").
                        if s[..w.start()]
                            .strip_suffix('-')
                            .and_then(|b| b.chars().next_back())
                            .is_some_and(char::is_alphabetic)
                        {
                            continue;
                        }
                        // A number word counts the noun right after it, or after one
                        // adjective ("een zestigtal geplande operaties"); "drie uur
                        // merkten medewerkers" is a time, not three employees.
                        let unit_at = c.name("unit").map_or(w.end(), |u| u.start());
                        if s[w.end()..unit_at].split_whitespace().count() > 1 {
                            continue;
                        }
                        let key = w.as_str().trim().to_lowercase();
                        (w.as_str(), l.file.count_words.get(&key).copied())
                    }
                    (None, None) => continue,
                };
                let Some(count) = count else { continue };
                if raw.len() == 4 && (1900..=2100).contains(&count) {
                    continue;
                }
                // "een boete van 350.000 euro omdat tientallen medewerkers …": a currency
                // between the number and the noun makes the number an amount of money,
                // not a count of the noun.
                let words_from = c.name("mult").or(c.name("count")).or(c.name("word"));
                if let (Some(w), Some(u)) = (words_from, c.name("unit"))
                    && s[w.end()..u.start()].split_whitespace().any(|x| {
                        l.file.currencies.contains_key(
                            &x.trim_matches(|c: char| c == ',' || c == '.')
                                .to_lowercase(),
                        )
                    })
                {
                    continue;
                }
                // "groep 8 leerlingen", "Klasse 11": a number after a label noun.
                let number = c.name("count").or(c.name("word"));
                let number_at = number.map_or(m.start(), |x| x.start());
                let count_end = number.map_or(m.end(), |x| x.end());
                if label_number(l, s, number_at) {
                    continue;
                }
                // "zaterdag 4 oktober zijn onze servers": a day of a month (the lexicon's
                // `months`) is a date, not a count of the noun after it.
                let month_next = s[count_end..]
                    .split_whitespace()
                    .next()
                    .map(|w| w.trim_end_matches([',', '.']).to_lowercase())
                    .is_some_and(|w| l.file.months.contains_key(&w));
                if month_next {
                    continue;
                }
                // "380 GB aan bestanden", "300 Go de fichiers": a volume, not a count.
                if c.name("count").is_some_and(|d| data_volume(&s[d.end()..])) {
                    continue;
                }
                if place_count(ctx, s, m.start()) {
                    continue;
                }
                let Some(unit) = l.file.count_units.get(&c["unit"].to_lowercase()) else {
                    continue;
                };
                // The earliest effect phrase in `t`, unless a negation stands before it in
                // `t` ("die Pflege der 1.100 Bewohner sei zu keinem Zeitpunkt
                // beeinträchtigt gewesen").
                let effect_in = |t: &str| {
                    l.effects
                        .iter()
                        .filter_map(|(re, e)| re.find(t).map(|x| (x, e.as_str())))
                        .min_by_key(|(x, _)| x.start())
                        .filter(|(x, _)| !ctx.negated_within(&t[..x.start()]))
                        .map(|(_, e)| e)
                };
                let after = &s[m.end()..ceil_boundary(s, m.end() + 100)];
                let after = after.split([';', ':']).next().unwrap_or(after);
                let before = &s[floor_boundary(s, m.start().saturating_sub(40))..m.start()];
                let before = before.rsplit([';', ':', ',']).next().unwrap_or(before);
                let people = PEOPLE_UNITS.contains(&unit.as_str());
                // "gegevens van 2.100 cliënten en 140 medewerkers", "Daten von 2.100
                // Patienten sowie von 140 Mitarbeitern": a count joined to the previous
                // one of the same kind (persons or not) by a conjunction of the lexicon,
                // with at most two words between ("van ongeveer"), shares its effect.
                let joins = |w: &str| {
                    l.file
                        .conjunctions
                        .iter()
                        .any(|c| c == w.trim_start_matches(','))
                };
                let shared = prev
                    .as_ref()
                    .and_then(|(end, effect, was_people, prev_unit)| {
                        let gap = s.get(*end..m.start())?.trim();
                        let mut words: Vec<&str> = gap.split_whitespace().collect();
                        // A gendered pair names one unit ("2.100 Patientinnen und Patienten
                        // sowie von 140 Mitarbeitern").
                        if words.len() > 2
                            && joins(words[0])
                            && l.file.count_units.get(&words[1].to_lowercase()) == Some(prev_unit)
                        {
                            words.drain(..2);
                        }
                        let joiner = words.first()?;
                        (*was_people == people
                            && joins(joiner)
                            && words.len() <= 3
                            && !gap.contains(['.', ';', ':']))
                        .then(|| effect.clone())
                    });
                let effect = if people
                    && (theft
                        || data_subjects_taken(ctx, i, s, m.start())
                        || breach_subjects(ctx, s, number_at, count_end))
                {
                    Some("exposed")
                } else if let Some(e) = shared.as_deref() {
                    Some(e)
                } else {
                    effect_in(after).or_else(|| {
                        // The last effect phrase before the count.
                        l.effects
                            .iter()
                            .filter_map(|(re, e)| {
                                re.find_iter(before).last().map(|x| (x.end(), e.as_str()))
                            })
                            .max_by_key(|(at, _)| *at)
                            .filter(|(at, _)| !effect_in_other_clause(ctx, before, *at))
                            .map(|(_, e)| e)
                    })
                };
                let Some(effect) = effect else { continue };
                if ctx.lex_negated(s, m.start()) || other_party(ctx, s, m.start()) {
                    continue;
                }
                // As in the English rule: units that are data subjects or data are data;
                // patients and staff are data only when the effect is exposure.
                let data = [
                    "records",
                    "people",
                    "customers",
                    "individuals",
                    "members",
                    "files",
                    "accounts",
                ]
                .contains(&unit.as_str())
                    || effect == "exposed";
                let effect = if data { "exposed" } else { effect };
                prev = Some((m.end(), effect.to_string(), people, unit.clone()));
                // Coding rule 13: persons whose data was taken are `people`.
                let unit = if effect == "exposed" && person_unit(unit) {
                    "people".to_string()
                } else {
                    unit.clone()
                };
                let key = text::singular(unit.split_whitespace().last().unwrap_or(""));
                if out.iter().any(|f| {
                    f.count == Some(count)
                        && text::singular(f.unit.split_whitespace().last().unwrap_or("")) == key
                }) {
                    continue;
                }
                // A counted fact replaces the same uncounted one.
                out.retain(|f| {
                    !(f.count.is_none()
                        && f.effect == effect
                        && text::singular(f.unit.split_whitespace().last().unwrap_or("")) == key)
                });
                let (duration, duration_days) = duration_in(s);
                out.push(ImpactFact {
                    count: Some(count),
                    unit,
                    effect: effect.to_string(),
                    duration,
                    duration_days,
                    category: if data { "data" } else { "operational" }.into(),
                    provenance: Provenance::Stated,
                    evidence: ctx.evidence(i),
                });
            }
        }
    }
}

/// Coding rule 4 (docs/intel.md): staff working on paper is both the response
/// `manual_fallback` and an impact. When no service was read as running on paper
/// ("appointments manual fallback"), the response's first sentence gives the bare impact
/// `manual fallback` (empty unit). The response rules decide (one mechanism, so the
/// response and the impact never disagree).
pub(super) fn manual_fallback(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    if out.iter().any(|f| f.effect == "manual fallback") {
        return;
    }
    let Some(r) = responses(ctx)
        .into_iter()
        .find(|r| r.kind == "manual_fallback")
    else {
        return;
    };
    let (duration, duration_days) = duration_in(&r.evidence.sentence);
    out.push(ImpactFact {
        count: None,
        unit: String::new(),
        effect: "manual fallback".into(),
        duration,
        duration_days,
        category: "operational".into(),
        provenance: Provenance::Stated,
        evidence: r.evidence,
    });
}

/// Coding rule 4 applied to ambulances: ambulances sent elsewhere are both the response
/// `ambulance_diversion` and the impact `ambulances diverted`. When the response rules read
/// a diversion, its first sentence gives the impact, and an `ambulances unavailable` read
/// from the same event ("closed to ambulances, which are being sent to …") gives way to it.
/// One mechanism, so the response and the impact never disagree.
pub(super) fn ambulance_diversion(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    let Some(r) = responses(ctx)
        .into_iter()
        .find(|r| r.kind == "ambulance_diversion")
    else {
        return;
    };
    let ambulances =
        |f: &ImpactFact| f.count.is_none() && f.unit.eq_ignore_ascii_case("ambulances");
    out.retain(|f| !(ambulances(f) && f.effect == "unavailable"));
    // In a sentence that states a diversion, the emergency department is where the
    // ambulances are turned away: never itself `diverted` ("the emergency department
    // remains open, but ambulances are being diverted"), and not `unavailable` when the
    // closure is to ambulances only (the lexicons' `ambulance_only_cues`: "urgences
    // fermées aux ambulances", "gesloten voor ziekenwagens") — the impact is `ambulances
    // diverted` (rule 14). A department closed outright stays a service down.
    out.retain(|f| {
        let s = f.evidence.sentence.as_str();
        // A closure to ambulances only states the diversion by itself (a live blog's
        // heading "Notaufnahme für Rettungswagen geschlossen").
        let ambulance_only = || {
            ctx.lex
                .iter()
                .any(|l| l.ambulance_only.as_ref().is_some_and(|r| r.is_match(s)))
        };
        !(f.count.is_none()
            && f.unit.eq_ignore_ascii_case("emergency department")
            && ((f.effect == "diverted" && states_diversion(ctx, s))
                || (f.effect == "unavailable" && ambulance_only())))
    });
    if out.iter().any(|f| ambulances(f) && f.effect == "diverted") {
        return;
    }
    let (duration, duration_days) = duration_in(&r.evidence.sentence);
    out.push(ImpactFact {
        count: None,
        unit: "ambulances".into(),
        effect: "diverted".into(),
        duration,
        duration_days,
        category: "operational".into(),
        provenance: Provenance::Stated,
        evidence: r.evidence,
    });
}

/// Does `after` (the text right after a count's digits) start with a unit of data volume
/// (SI byte symbols "KB", "MB", "GB", "TB", "PB", binary "GiB", French octets "Go", "To",
/// "Mo", or the words "gigabytes", "téraoctets", "Gigabyte")? Then the digits measure data,
/// they count nothing ("380 GB aan bestanden" is no count of files). Symbols are matched
/// in their written case, so the English "to" after a number is not read as "To"; the
/// symbols are the same in every language cordon reads, hence a constant, not lexicon data.
fn data_volume(after: &str) -> bool {
    re!(r"^\s*(?:[KMGTP]i?B|kB|[KMGT]o|(?i:(?:kilo|mega|méga|giga|tera|téra|peta)[- ]?(?:bytes?|octets?)))\b")
        .is_match(after)
}

/// Is the number word `word` at `at` in `s` the last part of a compound number written
/// with a joiner ("trente et une", "vingt-deux", "thirty-one", "fünf und zwanzig")? The
/// word before the joiner is then one of the lexicon's `number_words` / `count_words`.
fn compound_tail(l: &lexicon::Lexicon, s: &str, at: usize, word: &str) -> bool {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let before = &s[floor_boundary(s, at.saturating_sub(30))..at];
    re!(r"(?i)(\p{L}+)(?:\s+(?:et|and|und|en)\s+|-)$")
        .captures(before)
        .is_some_and(|c| {
            let w = c[1].to_lowercase();
            l.file.number_words.contains_key(&w) || l.file.count_words.contains_key(&w)
        })
}

/// Does sentence `s` match one of the lexicons' `ambulance_diversion` response rules (not
/// negated in its clause)?
fn states_diversion(ctx: &Ctx, s: &str) -> bool {
    ctx.lex.iter().any(|l| {
        l.responses.iter().any(|(re, rule)| {
            rule.kind == "ambulance_diversion"
                && re
                    .find(s)
                    .is_some_and(|m| rule.negative || !ctx.lex_negated(s, m.start()))
        })
    })
}

/// Is the count at `at` where the effect happened, not what it hit ("operations cancelled
/// at three hospitals", "in drie ziekenhuizen"): the lexicons' `count_place_cues` right
/// before it.
pub(super) fn place_count(ctx: &Ctx, s: &str, at: usize) -> bool {
    let before = &s[floor_boundary(s, at.saturating_sub(20))..at];
    ctx.lex
        .iter()
        .any(|l| l.count_place.as_ref().is_some_and(|r| r.is_match(before)))
}

/// Is the amount at `at` one this incident did not cost (a proposed fine later reduced):
/// the lexicons' `unincurred_amount_cues` in the 60 bytes before it.
pub(super) fn unincurred(ctx: &Ctx, s: &str, at: usize) -> bool {
    let before = &s[floor_boundary(s, at.saturating_sub(60))..at];
    ctx.lex.iter().any(|l| {
        l.unincurred_amount
            .as_ref()
            .is_some_and(|r| r.is_match(before))
    })
}

/// The question heading sentence `i` answers: the sentence right before it when it ends
/// in `?` ("Combien cela vous a-t-il coûté ?"), which itself states nothing (Coding rule 9)
/// but says what the answer's amount is.
fn question_before<'c>(ctx: &'c Ctx, i: usize) -> Option<&'c str> {
    let q = ctx.sentence(i.checked_sub(1)?).trim_end();
    q.ends_with('?').then_some(q)
}

/// What the amount at `start..end` of `s` is by the lexicon's `amount_cues` (a fine
/// imposed, a cost): the cue nearest the amount in the 100 bytes before it and the 60
/// after, else one in the question heading the sentence answers.
fn amount_kind(
    ctx: &Ctx,
    l: &lexicon::Lexicon,
    s: &str,
    (start, end): (usize, usize),
    question: Option<&str>,
) -> Option<&'static str> {
    let name = |e: &str| match e {
        "fine or settlement" => Some("fine or settlement"),
        "cost" => Some("cost"),
        _ => None,
    };
    let lo = floor_boundary(s, start.saturating_sub(100));
    let hi = ceil_boundary(s, end + 60);
    let near = l
        .amounts
        .iter()
        .flat_map(|(re, e)| {
            re.find_iter(&s[lo..hi]).map(move |x| {
                let (a, b) = (lo + x.start(), lo + x.end());
                let gap = if b <= start {
                    start - b
                } else {
                    a.saturating_sub(end)
                };
                (a, gap, e.as_str())
            })
        })
        // "maar dat is beleid, geen schade": a negated cue says what the amount is not.
        .filter(|(a, _, _)| {
            !ctx.negated_within(&format!(
                " {} ",
                &s[floor_boundary(s, a.saturating_sub(10))..*a]
            ))
        })
        .map(|(_, gap, e)| (gap, e))
        .min_by_key(|(gap, _)| *gap)
        .and_then(|(_, e)| name(e));
    near.or_else(|| {
        let q = question?;
        l.amounts
            .iter()
            .find(|(re, _)| re.is_match(q))
            .and_then(|(_, e)| name(e))
    })
}

/// Is the match at `at` in a clause about other organisations ("victims that did not pay")?
pub(super) fn other_party(ctx: &Ctx, s: &str, at: usize) -> bool {
    ctx.lex.iter().any(|l| {
        l.other_party
            .as_ref()
            .is_some_and(|r| r.find_iter(&s[..at]).next().is_some())
    })
}

/// Impacts from the lexicons' phrases (Dutch, French, German…; and English phrases the
/// built-in rules miss), unless negated, advisory or about other organisations.
pub(super) fn lex_impacts(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        // A ransom in another language's words ("une rançon d'un million d'euros",
        // "1,5 miljoen euro losgeld", "Lösegeld in Höhe von 2 Millionen Euro"): next to a
        // ransom cue; paid when a ransom_paid phrase of the lexicon says so. Else a fine
        // imposed or a cost of the incident when an `amount_cues` phrase says so.
        for l in ctx.lex.iter().filter(|l| l.file.code != "en") {
            let (Some(money), Some(ransom)) = (&l.money, &l.ransom) else {
                continue;
            };
            let ransom_here = ransom.is_match(s);
            // The question heading this sentence answers ("Les pirates ont demandé une
            // rançon ? Oui, 300 000 euros.").
            let question = question_before(ctx, i);
            let ransom_asked = question.is_some_and(|q| ransom.is_match(q));
            for c in money.captures_iter(s) {
                let m = c.get(0).expect("group 0");
                let Some(cur) = c
                    .name("cur")
                    .or_else(|| c.name("pre"))
                    .and_then(|x| l.file.currencies.get(&x.as_str().to_lowercase()))
                else {
                    continue;
                };
                let Some(amount) = l.amount(&c["count"], c.name("mult").map(|x| x.as_str())) else {
                    continue;
                };
                if ctx.lex_negated(s, m.start())
                    || other_party(ctx, s, m.start())
                    || unincurred(ctx, s, m.start())
                {
                    continue;
                }
                let paid = l
                    .responses
                    .iter()
                    .any(|(re, r)| r.kind == "ransom_paid" && re.is_match(s));
                let effect = if ransom_here || ransom_asked {
                    if paid {
                        "ransom paid"
                    } else {
                        "ransom demanded"
                    }
                } else if let Some(e) = amount_kind(ctx, l, s, (m.start(), m.end()), question) {
                    e
                } else if super::actors::fraud_cue(ctx, s).is_some() {
                    // A payment fraud stated done in the amount's sentence ("dazu gebracht,
                    // insgesamt 94.500 Euro auf ein ausländisches Konto zu überweisen"): the
                    // amount is what the fraud cost.
                    "cost"
                } else {
                    continue;
                };
                // "erhielt eine Kölner Arztpraxis ein Bußgeld von 12.000 Euro": another
                // organisation's fine.
                if effect == "fine or settlement"
                    && l.other_fined.as_ref().is_some_and(|r| {
                        r.is_match(&s[..m.start()])
                            || r.is_match(&s[m.end()..ceil_boundary(s, m.end() + 60)])
                    })
                {
                    continue;
                }
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
                    || (!rule.negative && ctx.negated_within(m.as_str()))
                    || other_party(ctx, s, m.start())
                {
                    continue;
                }
                // "Trente et une interventions": "une" is the tail of a compound number,
                // not a count of 1 (the counted rule reads the whole number word).
                if c.name("count").is_some_and(|n| {
                    compound_tail(l, s, n.start(), n.as_str()) || label_number(l, s, n.start())
                }) {
                    continue;
                }
                let count = c.name("count").and_then(|n| l.count(n.as_str()));
                let key_unit = text::singular(rule.unit.split_whitespace().last().unwrap_or(""));
                // The same fact already read: the same count of the same head noun, an
                // uncounted fact beside a counted one of that head noun, or the same
                // uncounted unit — not another system of the same head noun ("patient
                // administration system unavailable" is no "IT systems unavailable").
                let whole = |u: &str| text::singular(&canonical_unit(u).to_lowercase());
                let dup = out.iter().any(|f| {
                    f.effect == rule.effect
                        && text::singular(f.unit.split_whitespace().last().unwrap_or(""))
                            == key_unit
                        && match count {
                            Some(_) => f.count == count,
                            None => f.count.is_some() || whole(&f.unit) == whole(&rule.unit),
                        }
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

/// Services out of use in the lexicons' own words (languages other than English, whose
/// rule is the service loop of `impacts`): a `service_units` phrase (a `*` in it stands for
/// the rest of a word, so `*patiëntendossier*` covers "elektronische patiëntendossiers")
/// and an unavailability predicate of its clause, in either order — `UNIT EFFECT` with the
/// lexicon's English unit.
///
/// - After the service: a `service_effects` predicate starting within 70 bytes in the
///   next 90 bytes up to `;`, `:` or `.` ("De website van … was urenlang onbereikbaar" →
///   `website unavailable`; "das Abrechnungssystem ist seitdem ausgefallen"). Coordinated
///   services share it.
/// - Before the service: a `service_effects_before` predicate in its clause, at most 25
///   bytes of other words between them once the other services named there are left out
///   ("ne pouvaient plus accéder ni au dossier patient informatisé, ni au logiciel de
///   prescription" → both unavailable).
///
/// A service noun the lexicon does not know gives nothing (precision). Nothing when a
/// negation stands before the service or between it and a predicate that has none of its
/// own, or in a clause about other organisations.
pub(super) fn lex_services(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        for l in ctx.lex.iter().filter(|l| l.file.code != "en") {
            let Some(services) = &l.services else {
                continue;
            };
            let found_services: Vec<(usize, usize)> = services
                .find_iter(s)
                .map(|m| (m.start(), m.end()))
                .collect();
            // Each service's own predicate after it, once.
            let after: Vec<Option<&lexicon::EffectRule>> = found_services
                .iter()
                .map(|&(start, end)| service_effect_after(ctx, l, s, start, end))
                .collect();
            // "Le dossier patient informatisé et le logiciel de planification des séances …
            // sont indisponibles": a service coordinated with the next one shares its
            // predicate (decided right to left).
            let mut shared: Vec<Option<&lexicon::EffectRule>> = vec![None; found_services.len()];
            for k in (0..found_services.len().saturating_sub(1)).rev() {
                let (start, end) = found_services[k];
                let (next_start, _) = found_services[k + 1];
                if coordinated_gap(l, &s[end.min(next_start)..next_start]) {
                    shared[k] = shared[k + 1]
                        .or(after[k + 1])
                        .filter(|r| r.negative || !ctx.lex_negated(s, start));
                }
            }
            let mut before_rule: Vec<Option<&lexicon::EffectRule>> =
                vec![None; found_services.len()];
            let in_phrase = in_previous_phrase(l, s, &found_services);
            for (k, &(start, end)) in found_services.iter().enumerate() {
                if in_phrase[k] {
                    continue;
                }
                let text = &s[start..end];
                // The entry this phrase is (an acronym only in its own case).
                let Some(unit) = l
                    .service_entries
                    .iter()
                    .find(|(re, _)| re.is_match(text))
                    .map(|(_, u)| u.clone())
                else {
                    continue;
                };
                // The head of a compound ("E-Mail-Postfach") is not the service.
                if s[end..].starts_with('-') {
                    continue;
                }
                // A service named to describe another is no outage of its own.
                if in_relative_clause(ctx, s, start) {
                    continue;
                }
                // "des experts joints par téléphone", "per telefoon bereikbaar": the means by
                // which something was done is in use (`service_channel_words`).
                let prev_word = s[..start]
                    .split_whitespace()
                    .next_back()
                    .unwrap_or("")
                    .to_lowercase();
                if l.file.service_channel_words.contains(&prev_word) {
                    continue;
                }
                // "Seitdem funktionieren weder unsere Tourenplanung noch die digitale
                // Pflegedokumentation": a service coordinated with the one before shares the
                // predicate that governs that one from before.
                let before =
                    service_effect_before(ctx, l, s, start, &found_services).or_else(|| {
                        let prev = k.checked_sub(1)?;
                        let (_, prev_end) = found_services[prev];
                        before_rule[prev]
                            .filter(|_| coordinated_gap(l, &s[prev_end.min(start)..start]))
                            .filter(|r| r.negative || !ctx.lex_negated(s, start))
                    });
                before_rule[k] = before;
                let Some(rule) = after[k].or(shared[k]).or(before) else {
                    continue;
                };
                if other_party(ctx, s, start) {
                    continue;
                }
                if out
                    .iter()
                    .any(|f| f.count.is_none() && f.unit == unit && f.effect == rule.effect)
                {
                    continue;
                }
                let (duration, duration_days) = duration_in(s);
                out.push(ImpactFact {
                    count: None,
                    unit,
                    effect: rule.effect.clone(),
                    duration,
                    duration_days,
                    category: "operational".into(),
                    provenance: Provenance::Stated,
                    evidence: ctx.evidence(i),
                });
            }
        }
    }
}

/// Is byte `at` of `s` inside a describing relative clause opened after a comma (lexicon
/// `relative_clause_openers`: "the radiology information system, through which
/// appointments, reports and images run, would not start"; "the practice software, which
/// holds … the appointment book, could not be opened")? The clause must follow a service
/// ("the attack, which knocked out the EHR" tells an outage) and open at most 100
/// bytes before `at`; a list of short items inside it ("appointments, reports") keeps it
/// open, a comma followed by a coordinator or an article closes it ("…, and the lab
/// system …"). A clause that lists what was hit (`relative_inclusion_cues`: "which
/// include") is no description. Cost: the lexicons' two regexes over 100 bytes.
pub(super) fn in_relative_clause(ctx: &Ctx, s: &str, at: usize) -> bool {
    let from = floor_boundary(s, at.saturating_sub(100));
    let window = &s[from..at];
    let opener = window.match_indices(',').rev().find(|&(k, _)| {
        ctx.lex.iter().any(|l| {
            l.relative_clause
                .as_ref()
                .is_some_and(|r| r.is_match(&window[k..]))
        })
    });
    let Some((k, _)) = opener else {
        return false;
    };
    // The clause describes a service (it follows one): "the attack, which knocked out the
    // EHR" tells an outage.
    let head = s[..from + k].trim_end();
    let tail = &head[floor_boundary(head, head.len().saturating_sub(80))..];
    let ends_in_service = |r: &Regex| r.find_iter(tail).any(|m| m.end() == tail.len());
    if !ends_in_service(english_services())
        && !ctx
            .lex
            .iter()
            .any(|l| l.services.as_ref().is_some_and(|r| ends_in_service(r)))
    {
        return false;
    }
    let clause = &window[k..];
    if ctx.lex.iter().any(|l| {
        l.relative_inclusion
            .as_ref()
            .is_some_and(|r| r.is_match(clause))
    }) {
        return false;
    }
    // The segments after the clause's first: list items, or the clause closed.
    clause[1..].split(',').skip(1).all(|seg| {
        let words: Vec<&str> = seg.split_whitespace().collect();
        let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let closes = ctx.lex.iter().any(|l| {
            l.file
                .conjunctions
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&first))
                || l.file
                    .service_coordinators
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&first))
                || l.file
                    .articles
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&first))
        });
        !closes && words.len() <= 4
    })
}

/// Is the service after `gap` (the text from the end of the service before it) part of
/// that service's phrase — a complement opened by a `service_complement_words` word of the
/// lexicon: its contents ("onze praktijksoftware, met de agenda en de patiëntendossiers,
/// niet openen", "die Praxissoftware mit Terminkalender und Patientenakten", "our practice
/// software, with the appointment book and patient records, could not be used") or its
/// container ("de patiëntendossiers in ons huisartsinformatiesysteem (HIS) niet meer
/// konden openen")? At most 60 bytes, within one clause.
fn opens_complement(l: &lexicon::Lexicon, gap: &str) -> bool {
    if gap.len() > 60 || gap.contains(['.', ';', ':', '(', ')']) {
        return false;
    }
    let g = gap.trim_start();
    let g = g.strip_prefix(',').unwrap_or(g);
    g.split_whitespace().next().is_some_and(|first| {
        l.file
            .service_complement_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
    })
}

/// For each service of `found` (byte ranges, in order), is it part of the phrase of a
/// service before it — its contents or its container ([`opens_complement`]; a service joined
/// to such a one by a plain `conjunctions` word is too: "met de agenda en de
/// patiëntendossiers")? Such a service is no outage of its own: the coders count the one
/// service.
fn in_previous_phrase(l: &lexicon::Lexicon, s: &str, found: &[(usize, usize)]) -> Vec<bool> {
    let mut out: Vec<bool> = Vec::with_capacity(found.len());
    for (k, &(start, _)) in found.iter().enumerate() {
        let inside = k.checked_sub(1).is_some_and(|p| {
            let gap = &s[found[p].1.min(start)..start];
            // Only a plain "and" continues the contents: "weder das KIS mit der
            // elektronischen Patientenakte noch die Telefonanlage" closes them.
            let and = gap.split_whitespace().any(|w| {
                l.file
                    .conjunctions
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(w.trim_matches(',')))
            });
            opens_complement(l, gap) || (out[p] && and && coordinated_gap(l, gap))
        });
        out.push(inside);
    }
    out
}

/// Is `gap`, the text between two services, a coordination: at most three words of the
/// first service's complement ("der Therapien", "des tournées"), then ", " or a
/// `service_coordinators` word of the lexicon, then at most two short words ("und die",
/// "et le", "en het", "noch die digitale")?
fn coordinated_gap(l: &lexicon::Lexicon, gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    let is_coord = |w: &str| {
        l.file
            .service_coordinators
            .iter()
            .any(|c| !c.contains(' ') && c.eq_ignore_ascii_case(w))
    };
    // The coordinator: the first coordinating word (or a word ending in a comma) among
    // the first four.
    let Some(k) = words
        .iter()
        .take(4)
        .position(|w| is_coord(w) || w.ends_with(','))
    else {
        // A bare comma right after the service ("X, Y und Z").
        return gap.trim_start().starts_with(',') && words.len() <= 2;
    };
    let (complement, rest) = (&words[..k], &words[k + 1..]);
    let head_ok = if words[k].ends_with(',') {
        // "X der Klinik, die Y": the comma closes the complement word itself.
        complement.is_empty() || !is_coord(words[k].trim_end_matches(','))
    } else {
        true
    };
    // A comma inside the complement ends the clause ("X, dans lequel …").
    head_ok
        && complement.len() <= 3
        && !complement.iter().any(|w| w.ends_with(','))
        && rest.len() <= 2
        && rest
            .iter()
            .all(|w| w.chars().count() <= 8 && !w.chars().next().is_some_and(char::is_uppercase))
}

/// The `service_effects` predicate of the service at `start..end` in the clause after it
/// (see `lex_services`), unless negated. An apposition or relative clause between commas
/// right after the service ("het planningssysteem, waarin staat wie wanneer zorg krijgt, is
/// onbereikbaar", "l'e-guichet, qui permet …, a été mis hors ligne") is passed over: the
/// predicate after it is the service's.
fn service_effect_after<'l>(
    ctx: &Ctx,
    l: &'l lexicon::Lexicon,
    s: &str,
    start: usize,
    end: usize,
) -> Option<&'l lexicon::EffectRule> {
    let find = |after: &str| {
        l.service_effects
            .iter()
            .filter_map(|(re, r)| re.find(after).map(|x| (x.start(), x.end(), r)))
            .min_by_key(|(at, _, _)| *at)
    };
    let after = clause_after(s, end, 90);
    if let Some((_, x_end, rule)) = find(after).filter(|(at, _, _)| *at <= 80) {
        return rule_ok(ctx, s, start, &after[..x_end], rule).then_some(rule);
    }
    // ", … ," right after the service: look again after its closing comma.
    let wide = clause_after(s, end, 250);
    let k = apposition_end(wide)?;
    let (_, x_end, rule) = find(&wide[k..]).filter(|(at, _, _)| *at <= 70)?;
    rule_ok(ctx, s, start, &wide[k..k + x_end], rule).then_some(rule)
}

/// Is a service predicate `rule`, whose text up to its end is `upto`, not negated (a
/// negation before the service at `start`, or between the service and the predicate, when
/// the predicate has none of its own)? A `working` predicate ("funktionierten") counts
/// only negated ("weder die Tourenplanung noch … funktionierten").
fn rule_ok(ctx: &Ctx, s: &str, start: usize, upto: &str, rule: &lexicon::EffectRule) -> bool {
    if rule.working {
        return working_negated(ctx, s, start, upto);
    }
    let negated =
        (ctx.lex_negated(s, start) && !negation_spent(ctx, s, start)) || ctx.negated_within(upto);
    rule.negative || !negated
}

/// Is the negation before the service at `start` spent on a negated predicate of its own
/// that ends before the service, a coordinator and no other negation between ("konden
/// wijkverpleegkundigen hun routeplanning niet meer openen en ook het elektronisch
/// cliëntdossier bleek onbereikbaar": "niet" belongs to "openen", the record's outage is
/// stated)? The predicate is a `negative` `service_effects` rule of the lexicon, read in
/// the clause before the service ([`Ctx::clause_before`]).
fn negation_spent(ctx: &Ctx, s: &str, start: usize) -> bool {
    let before = ctx.clause_before(s, start);
    ctx.lex.iter().any(|l| {
        let Some(end) = l
            .service_effects
            .iter()
            .filter(|(_, r)| r.negative && !r.working)
            .filter_map(|(re, _)| re.find_iter(before).last().map(|m| m.end()))
            .max()
        else {
            return false;
        };
        let rest = &before[end..];
        !ctx.negated_within(rest)
            && rest.split_whitespace().any(|w| {
                l.file
                    .service_coordinators
                    .iter()
                    .chain(&l.file.conjunctions)
                    .any(|c| c.eq_ignore_ascii_case(w))
            })
    })
}

/// Is a `working` predicate ("funktionierten", "could be used", "n'étaient accessibles"),
/// whose text from the end of the service at `start` up to the predicate's end is `upto`,
/// negated — so that it tells an outage? The negation may stand before the service ("dass
/// weder die Tourenplanung noch …", back to the last punctuation: the relative-clause
/// boundaries (" die ") would cut it off) or between the service and the predicate ("ni …
/// ni … n'étaient accessibles", "nor the laboratory software could be used"), but not
/// inside an apposition between them: "Le dossier patient, qui n'a pas été touché,
/// fonctionne normalement" tells no outage, so only the text after the last comma of
/// `upto` counts.
fn working_negated(ctx: &Ctx, s: &str, start: usize, upto: &str) -> bool {
    let from = s[..start].rfind([',', ';', ':', '.']).map_or(0, |k| k + 1);
    let tail = upto.rsplit(',').next().unwrap_or(upto);
    ctx.negated_within(&s[from..start]) || ctx.negated_within(tail)
}

/// The clause after byte `end` of `s`, at most `len` bytes: up to `;`, or a `:` or `.`
/// that ends a clause — not one right after a digit (a German ordinal date "vom 15. bis
/// zum 18. November", a time "10:30", a decimal), which the sentence splitter also keeps.
fn clause_after(s: &str, end: usize, len: usize) -> &str {
    let after = &s[end..ceil_boundary(s, end + len)];
    let cut = after
        .char_indices()
        .find(|&(k, c)| match c {
            ';' => true,
            ':' | '.' => !after[..k].ends_with(|p: char| p.is_ascii_digit()),
            _ => false,
        })
        .map_or(after.len(), |(k, _)| k);
    &after[..cut]
}

/// The byte after the closing comma of an apposition that opens `after` (", waarin staat
/// …, ", ", qui permet …, "), if there is one: a comma first, then at most 160 bytes to
/// the next comma.
fn apposition_end(after: &str) -> Option<usize> {
    let rest = after.strip_prefix(',')?;
    let k = rest.find(',')?;
    (k <= 160 && rest[..k].split_whitespace().count() >= 2).then_some(k + 2)
}

/// The `service_effects_before` predicate that governs the service starting at `start`:
/// the last one in the service's clause (up to 160 bytes back, cut at `;`, `:`, `.`),
/// with at most 25 bytes between its end and the service once the other services of the
/// sentence (`services`, byte ranges) are left out — a list of services shares the
/// predicate.
fn service_effect_before<'l>(
    ctx: &Ctx,
    l: &'l lexicon::Lexicon,
    s: &str,
    start: usize,
    services: &[(usize, usize)],
) -> Option<&'l lexicon::EffectRule> {
    let from = floor_boundary(s, start.saturating_sub(160));
    let clause_from = s[from..start]
        .rfind([';', ':', '.'])
        .map(|k| from + k + 1)
        .unwrap_or(from);
    let before = &s[clause_from..start];
    let (x_end, rule) = l
        .service_effects_before
        .iter()
        .filter_map(|(re, r)| re.find_iter(before).last().map(|x| (x.end(), r)))
        .max_by_key(|(e, _)| *e)?;
    let gap_from = clause_from + x_end;
    // The bytes of the gap that are not another service.
    let covered: usize = services
        .iter()
        .filter(|(a, b)| *a >= gap_from && *b <= start)
        .map(|(a, b)| b - a)
        .sum();
    if (start - gap_from).saturating_sub(covered) > 25 {
        return None;
    }
    if !rule.negative && ctx.lex_negated(s, clause_from + x_end) {
        return None;
    }
    // "Ongeveer 620 huisartsenpraktijken konden niet meer bij hun patiëntendossiers": the
    // counted customers are the impact (`620 practice`), their records no second one.
    if l.counted.as_ref().is_some_and(|r| r.is_match(before)) {
        return None;
    }
    Some(rule)
}

/// The canonical English name of a service or counted unit (`data/impact_units.tsv`: the
/// names the coders wrote differently for one thing — `e-mail` → `email`, `telephone`
/// → `phones`, `electronic patient record` → `electronic health records`), else `unit`
/// as given. The eval scorer compares impacts through the same table.
pub(super) fn canonical_unit(unit: &str) -> String {
    crate::eval::canonical_impact_unit(unit)
}

/// A count the text corrects ("In totaal heeft de medewerker de dossiers van 71 patiënten
/// ingekeken, en niet van 63 zoals we op 5 maart meldden", "71 patients, not 63 as we
/// first reported", "nicht 63"): a negation of the lexicons, at most one word, then a
/// number in the sentence of a counted fact. Another fact of the same unit and effect
/// with that number is the superseded figure, dropped wherever it was read (an earlier
/// statement left below an update).
fn drop_corrected_counts(ctx: &Ctx, out: &mut Vec<ImpactFact>) {
    let mut corrected: Vec<(u64, String, String)> = Vec::new();
    for f in out.iter().filter(|f| f.count.is_some()) {
        let s = f.evidence.sentence.as_str();
        for l in &ctx.lex {
            let Some(neg) = &l.negation else { continue };
            for m in neg.find_iter(s) {
                let Some(c) = re!(r"^\s+(?:\p{L}+\s+)?(\d{1,3}(?:[.,' \x{a0}]\d{3})+|\d+)\b")
                    .captures(&s[m.end()..])
                else {
                    continue;
                };
                if let Some(n) = text::parse_count(&c[1])
                    && Some(n) != f.count
                {
                    corrected.push((n, unit_head(f), f.effect.clone()));
                }
            }
        }
    }
    if corrected.is_empty() {
        return;
    }
    out.retain(|g| {
        !g.count.is_some_and(|n| {
            corrected
                .iter()
                .any(|(c, u, e)| *c == n && *u == unit_head(g) && *e == g.effect)
        })
    });
}

/// The noun a counted fact counts, singular: the last word of its unit ("scheduled
/// operations" → "operation"). Facts of one noun and effect are compared with each other.
fn unit_head(f: &ImpactFact) -> String {
    text::singular(f.unit.split_whitespace().last().unwrap_or(""))
}

/// The same count given twice, rounded ("620,000" in a headline, "623,774" in the body):
/// keep the precise one.
pub(super) fn dedup_counts(facts: Vec<ImpactFact>) -> Vec<ImpactFact> {
    let mut keep = vec![true; facts.len()];
    // Compare only facts of the same unit and effect (grouped first: no quadratic pass
    // over a number-heavy article).
    let mut groups: std::collections::HashMap<(String, String), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if f.count.is_some() {
            groups
                .entry((unit_head(f), f.effect.clone()))
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
                    // (Same noun and effect: the group's key.)
                    let close = x != y && (x as f64 - y as f64).abs() <= 0.05 * (y as f64);
                    let rounder = x.trailing_zeros() > y.trailing_zeros()
                        || x.to_string().trim_end_matches('0').len()
                            < y.to_string().trim_end_matches('0').len();
                    if close && rounder {
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
