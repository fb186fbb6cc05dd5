//! Motives, threat actors, malware and ATT&CK techniques.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.

use super::*;

pub(super) fn item(value: &str, p: Provenance, e: Evidence) -> Item {
    Item {
        value: value.to_string(),
        provenance: p,
        evidence: e,
    }
}

/// Motives: the lexicons' `motives` phrases (stated, or inferred when the rule says so),
/// and `financial` inferred from a ransom demand or extortion (`ransom_cues`) unless the
/// sentence denies a ransom (`ransom_denials`: "no ransom demand", "will not pay a
/// ransom" — a policy, not evidence of a demand); `ideology` inferred from a hacktivist
/// group of `data/threat_actors.tsv` named. A stated motive replaces an inferred one.
pub(super) fn motives(ctx: &Ctx) -> Vec<Item> {
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
                    && !super::warned_readers(ctx, s, m.start())
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
        if (ransom_cue(ctx, s) && !ransom_denied(ctx, s)) || fraud_cue(ctx, s).is_some() {
            add(&mut out, "financial", Provenance::Inferred, i);
        }
        // A hacktivist group named (`data/threat_actors.tsv`, kind `hacktivist`:
        // NoName057(16), Killnet): its motive is ideology, inferred.
        let raw = ctx.sentence(i);
        let hacktivist = known_actor_re().find_iter(raw).any(|m| {
            m.as_str().chars().next().is_some_and(char::is_uppercase)
                && known_actor(m.as_str()).is_some_and(|k| k.kind == "hacktivist")
                && !ctx.lex_negated(raw, m.start())
        });
        if hacktivist {
            add(&mut out, "ideology", Provenance::Inferred, i);
        }
    }
    out
}

/// A threat actor of `data/threat_actors.tsv` (see its header for the columns).
#[derive(Debug, Clone)]
pub struct KnownActor {
    /// A spelling as the press writes it ("Cl0p").
    pub name: String,
    /// The name recorded ("Clop").
    pub canonical: String,
    /// ransomware gang, criminal group, nation-state or hacktivist.
    pub kind: String,
    /// A common word ("Play", "Royal"): an actor only when followed by ransomware, gang,
    /// group or operators.
    pub qualified: bool,
}

/// A malware name of `data/malware.tsv`.
#[derive(Debug, Clone)]
pub struct KnownMalware {
    pub name: String,
    pub canonical: String,
    /// The name alone is the malware; otherwise only "NAME ransomware" is.
    pub alone: bool,
}

/// The rows of an embedded tab-separated table: `#` lines and the header (the first other
/// line) skipped, every row with exactly `columns` fields. Errors name the line.
pub(crate) fn table_rows(
    file: &str,
    text: &str,
    columns: usize,
) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if cells.len() != columns || cells.iter().any(String::is_empty) {
            return Err(format!(
                "{file}:{}: expected {columns} non-empty tab-separated fields, found {}",
                n + 1,
                cells.len()
            ));
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// The known threat actors (`data/threat_actors.tsv`, embedded at build time).
pub fn known_actors() -> &'static [KnownActor] {
    static A: OnceLock<Vec<KnownActor>> = OnceLock::new();
    A.get_or_init(|| {
        let rows = table_rows(
            "threat_actors.tsv",
            include_str!("../../data/threat_actors.tsv"),
            5,
        )
        .unwrap_or_else(|e| panic!("embedded data: {e}"));
        rows.into_iter()
            .map(|r| KnownActor {
                name: r[0].clone(),
                canonical: r[1].clone(),
                kind: r[2].clone(),
                qualified: r[3] == "qualified",
            })
            .collect()
    })
}

/// The known malware names (`data/malware.tsv`, embedded at build time).
pub fn known_malware() -> &'static [KnownMalware] {
    static M: OnceLock<Vec<KnownMalware>> = OnceLock::new();
    M.get_or_init(|| {
        let rows = table_rows("malware.tsv", include_str!("../../data/malware.tsv"), 4)
            .unwrap_or_else(|e| panic!("embedded data: {e}"));
        rows.into_iter()
            .map(|r| KnownMalware {
                name: r[0].clone(),
                canonical: r[1].clone(),
                alone: r[2] == "yes",
            })
            .collect()
    })
}

/// The known actor spelled `m` (ignoring ASCII case), if any.
pub(super) fn known_actor(m: &str) -> Option<&'static KnownActor> {
    known_actors()
        .iter()
        .find(|k| k.name.eq_ignore_ascii_case(m))
}

/// A regex of names, longest first, each with a word boundary on the sides that are
/// letters or digits ("NoName057(16)" ends with a parenthesis).
fn names_regex(names: impl Iterator<Item = &'static str>, case_insensitive: bool) -> Regex {
    let mut names: Vec<&str> = names.collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let alts: Vec<String> = names
        .iter()
        .map(|n| {
            let b = |c: Option<char>| {
                if c.is_some_and(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                }
            };
            format!(
                "{}{}{}",
                b(n.chars().next()),
                regex::escape(n),
                b(n.chars().last())
            )
        })
        .collect();
    let flags = if case_insensitive { "(?i)" } else { "" };
    text::compile(&format!("{flags}(?:{})", alts.join("|")))
}

/// The canonical name of a threat actor: aliases merged ("Cl0p" → "Clop", ATT&CK's
/// S0611 spelling; "Sodinokibi" → "REvil"; "BlackCat" → "ALPHV"), a known name written
/// in another case or spacing given its usual form ("LOCKBIT" → "LockBit", "Blackbasta" →
/// "Black Basta"), anything else as given.
pub fn canonical_actor(name: &str) -> String {
    // Compared on letters and digits only, ignoring case: the press writes "Blackbasta",
    // "Black-Basta" and "Black Basta" for one group.
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = key(name);
    known_actors()
        .iter()
        .find(|k| !wanted.is_empty() && key(&k.name) == wanted)
        .map_or(name, |k| k.canonical.as_str())
        .to_string()
}

pub(super) fn actor_type(s: &str) -> Option<&'static str> {
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
pub(super) fn known_actor_re() -> &'static Regex {
    static KNOWN: OnceLock<Regex> = OnceLock::new();
    KNOWN.get_or_init(|| names_regex(known_actors().iter().map(|k| k.name.as_str()), true))
}

/// `s` with every known actor name (written with a capital) blanked out, byte offsets
/// kept: a cue word inside a name ("INC Ransom", "RansomHouse") is not a cue.
pub(super) fn mask_actor_names(s: &str) -> String {
    let mut out = s.to_string();
    for m in known_actor_re().find_iter(s) {
        if m.as_str().chars().next().is_some_and(char::is_uppercase) {
            out.replace_range(m.range(), &" ".repeat(m.len()));
        }
    }
    out
}

pub(super) fn threat_actors(ctx: &Ctx, victims: &[Victim]) -> Vec<ThreatActor> {
    // A name must start with a capital ("play" is a verb, "Play" a gang).
    let known = known_actor_re();
    // A name written with a digit first ("8base") has no case to check.
    let spelled = |m: &str| -> Option<String> {
        if m.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        known_actor(m).map(|k| k.name.clone())
    };
    // The text before `at` ends with a group noun of the lexicons ("de groep Medusa", "die
    // Gruppe Play", "le groupe Akira", "the group Royal"): a common-word name there is the
    // group's name.
    let after_group_noun = |s: &str, at: usize| -> bool {
        let before = s[floor_boundary(s, at.saturating_sub(40))..at]
            .trim_end()
            .to_lowercase();
        ctx.lex.iter().any(|l| {
            l.file
                .group_nouns
                .iter()
                .chain(l.file.actor_nouns.iter())
                .any(|n| {
                    before
                        .strip_suffix(n.to_lowercase().as_str())
                        .is_some_and(|h| !h.ends_with(char::is_alphanumeric))
                })
        })
    };
    // "The group behind the attack, Medusa, demanded …", "de ransomwaregroep achter de
    // aanval, Medusa, …": a name set off by commas right after a clause that opens (after
    // an article) with a group noun, or a compound ending in one, is that group's name.
    let group_apposition = |s: &str, at: usize, end: usize| -> bool {
        let before = s[..at].trim_end();
        let Some(phrase) = before.strip_suffix(',') else {
            return false;
        };
        let after = s[end..].trim_start();
        if !(after.is_empty() || after.starts_with([',', '.', ';', ':', ')'])) {
            return false;
        }
        let clause = phrase
            .rsplit([',', ';', ':', '(', '—', '–'])
            .next()
            .unwrap_or(phrase)
            .trim()
            .to_lowercase();
        if clause.chars().count() > 60 {
            return false;
        }
        let mut words = clause.split_whitespace();
        let Some(mut head) = words.next() else {
            return false;
        };
        if ctx
            .lex
            .iter()
            .any(|l| l.file.articles.iter().any(|a| a.eq_ignore_ascii_case(head)))
        {
            head = words.next().unwrap_or("");
        }
        ctx.lex.iter().any(|l| {
            l.file
                .group_nouns
                .iter()
                .any(|n| head.ends_with(n.to_lowercase().as_str()))
        })
    };
    let nw = name_words();
    let named = re!(
        r"\b(?:gang|group|crew|collective|operation|cartel|hackers)\s+(?:called|known as|named|calling (?:itself|themselves))\s+([\p{Lu}][\w.-]+(?:\s[\p{Lu}][\w.-]+)?)|\b([\p{Lu}][\w.-]+(?:\s[\p{Lu}][\w.-]+)?)\s+(?:ransomware\s+)?(?:gang|group|crew|collective|cartel|hacking group|threat group)\b"
    );
    let g = Gazetteer::get();
    // A captured name that cannot be an actor's: its first word is never one
    // (`not_actor`), or it is a place or an organisation type.
    let no_actor_name = |n: &str| {
        let first = n.split_whitespace().next().unwrap_or("");
        nw.not_actor.contains(first)
            || g.find(n).iter().any(|p| p.start == 0)
            || org_type(n).is_some()
    };
    let mut out: Vec<ThreatActor> = Vec::new();
    // The actors a tracker's actor field named.
    let mut labelled: Vec<String> = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        // A tracker's actor field ("Threat actor: X", "Groep: Lockbit", "Groupe : Lockbit
        // 3.0", "Tätergruppe: DoppelPaymer") names the actor outright.
        if ctx.says(i)
            && let Some((_, value)) = label_value(ctx, s, |f| &f.actor_labels)
        {
            let name = known
                .find_iter(value)
                .find_map(|m| spelled(m.as_str()))
                .or_else(|| labelled_actor_name(value, &nw.not_actor));
            if let Some(name) = name {
                let canonical = canonical_actor(&name);
                labelled.push(canonical.clone());
                if !out.iter().any(|a| a.name.eq_ignore_ascii_case(&canonical)) {
                    out.push(ThreatActor {
                        name: canonical,
                        actor_type: actor_type(s).unwrap_or(NOT_STATED).to_string(),
                        country: None,
                        provenance: Provenance::Stated,
                        evidence: ctx.evidence(i),
                    });
                }
            }
            continue;
        }
        let lex_noun = ctx
            .lex
            .iter()
            .any(|l| l.actor_noun.as_ref().is_some_and(|r| r.is_match(s)));
        // "after LockBit attack": a known actor's name before "attack" names the actor.
        let attack_named = known.find_iter(s).any(|m| {
            re!(r"(?i)^\s+(?:cyber-?)?(?:attacks?|hack|intrusion)\b").is_match(&s[m.end()..])
        });
        // A sentence that speaks of an actor (lexicon `actor_cues`).
        let actor_ctx = ctx.lex_match(s, |l| l.actor_cue.as_ref());
        // A group naming itself ("die sich Black Basta nennen", lexicon
        // `actor_self_naming`) speaks of the actor.
        let self_naming = ctx.lex_match(s, |l| l.actor_self_naming.as_ref());
        // A ransom demand or payment naming a known actor ("Die Tätergruppe Akira verlangte
        // 350.000 Dollar", "Medusa demanded £45,000"): the group is the actor. Known names
        // only, standing alone — not a person's first name ("Akira Tanaka") nor part of a
        // compound ("Lazarus-Krankenhaus") — and not where the ransom is denied.
        let ransom_named = known.find_iter(s).any(|m| {
            let after = &s[m.end()..];
            !after.starts_with(['-', '‐'])
                && !after
                    .strip_prefix(' ')
                    .is_some_and(|a| a.starts_with(char::is_uppercase))
        }) && ransom_cue(ctx, s)
            && !ransom_denied(ctx, s);
        if !ctx.says(i) || !(actor_ctx || lex_noun || attack_named || self_naming || ransom_named) {
            continue;
        }
        if ctx.lex_match(s, |l| l.actor_denial.as_ref()) {
            continue;
        }
        // "A researcher wrote that the note bore the hallmarks of Medusa. The centre would
        // not comment on that.": the victim's refusal to confirm, pointing back, leaves the
        // attribution before it open — unless that sentence reports the group's own claim
        // or listing (`later_event_cues`), which is coded as a claim.
        if i + 1 < ctx.len()
            && ctx.lex_match(ctx.sentence(i + 1), |l| l.attribution_unconfirmed.as_ref())
            && !ctx.lex_match(s, |l| l.later_event.as_ref())
        {
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
                if no_actor_name(n)
                    || names
                        .iter()
                        .any(|(x, _)| x.eq_ignore_ascii_case(n) || n.starts_with(x.as_str()))
                {
                    continue;
                }
                // "Am 15. Juli hat die Gruppe Daten veröffentlicht": after a group already
                // named, a bare group noun ("die Gruppe", "the group", "le groupe") refers
                // back to it, and the capitalised word after it is no second name unless
                // it is a known actor (German capitalises every noun).
                let whole = c.get(0).expect("group 0");
                let noun = s[whole.start()..m.start()].trim().to_lowercase();
                let is_group = |w: &str| l.file.group_nouns.iter().any(|g| g == w);
                let bare = match noun.split_whitespace().collect::<Vec<_>>().as_slice() {
                    [g] => is_group(g),
                    [a, g] => {
                        l.file.articles.iter().any(|x| x.eq_ignore_ascii_case(a)) && is_group(g)
                    }
                    _ => false,
                };
                let known_name = spelled(n);
                if bare && known_name.is_none() && (!out.is_empty() || !names.is_empty()) {
                    continue;
                }
                let n = known_name.unwrap_or_else(|| n.to_string());
                names.push((n, m.start()));
            }
        }
        // The name a group gives itself is the actor's, known or not, and needs no group
        // noun (a `qualified` name too): its start is recorded in `self_named`.
        let mut self_named: Vec<usize> = Vec::new();
        for l in &ctx.lex {
            let Some(r) = &l.actor_self_naming else {
                continue;
            };
            for c in r.captures_iter(s) {
                let Some(m) = c.iter().skip(1).flatten().next() else {
                    continue;
                };
                let n = m.as_str().trim_end_matches(['.', ',']);
                let first = n.split_whitespace().next().unwrap_or("");
                if no_actor_name(n) || is_leading_stop(first) {
                    continue;
                }
                self_named.push(m.start());
                if !names.iter().any(|(_, at)| *at == m.start()) {
                    names.push((spelled(n).unwrap_or_else(|| n.to_string()), m.start()));
                }
            }
        }
        for c in named.captures_iter(s) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                let n = m.as_str();
                let first = n.split_whitespace().next().unwrap_or("");
                let bad = is_leading_stop(first)
                    || no_actor_name(n)
                    || [
                        "Ransomware",
                        "Hacker",
                        "Hackers",
                        "Criminal",
                        "Russian",
                        "The",
                    ]
                    .contains(&first);
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
            if known_actor(&name).is_some_and(|k| k.qualified) && !self_named.contains(&at) {
                let after = &s[at + name.len()..ceil_boundary(s, at + name.len() + 30)];
                if !re!(r"(?i)^\s+(?:ransomware|gang|group|operators?)").is_match(after)
                    && !after_group_noun(s, at)
                    && !group_apposition(s, at, at + name.len())
                {
                    continue;
                }
            }
            if out.iter().any(|a| a.name.eq_ignore_ascii_case(&canonical)) {
                continue;
            }
            // "… zou het gaan om de groep Lockbit, maar dat is niet bevestigd": an
            // attribution left unconfirmed in its own clause is open.
            if super::cia::unconfirmed_after(ctx, s, at + name.len()) {
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
    // A tracker's actor field names the record's actor: the other actors of the page are
    // its lists of other victims ("- Hamburg: nursing service listed by Qilin") and
    // background.
    if !labelled.is_empty() {
        out.retain(|a| labelled.iter().any(|l| l.eq_ignore_ascii_case(&a.name)));
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
        // Still not stated: a known actor's kind from `data/threat_actors.tsv` (documented
        // by CISA / ATT&CK / the press), whatever the language of the text ("de
        // afpersingsgroep PLAY", "le groupe Hive").
        if a.actor_type == NOT_STATED
            && let Some(k) = known_actors()
                .iter()
                .find(|k| k.canonical.eq_ignore_ascii_case(&a.name))
        {
            a.actor_type = k.kind.clone();
        }
    }
    out
}

/// An actor's name written in a tracker's actor field when it is no known name: one to
/// three capitalised words (a version such as "3.0" may follow and is dropped), none a
/// word never an actor's name, not a place and not an organisation type.
fn labelled_actor_name(value: &str, not_actor: &HashSet<String>) -> Option<String> {
    let value = match value.find(" (") {
        Some(p) => &value[..p],
        None => value,
    };
    let words: Vec<&str> = value
        .split_whitespace()
        .take_while(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    if words.is_empty()
        || words.len() > 3
        || words.len() < value.split_whitespace().count()
            && !value
                .split_whitespace()
                .skip(words.len())
                .all(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return None;
    }
    if !words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        || words.iter().any(|w| not_actor.contains(*w))
    {
        return None;
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(['.', ',', ';']).to_string();
    if name.chars().count() < 2
        || org_type(&name).is_some()
        || Gazetteer::get().find(&name).iter().any(|p| p.start == 0)
    {
        return None;
    }
    Some(name)
}

pub(super) fn malware(ctx: &Ctx) -> Vec<Item> {
    static KNOWN: OnceLock<Regex> = OnceLock::new();
    let known =
        KNOWN.get_or_init(|| names_regex(known_malware().iter().map(|m| m.name.as_str()), false));
    let strain = re!(r"\b([\p{Lu}][\w.-]+(?:\s\d\.\d)?)\s+(?:ransomware|malware|trojan|wiper)\b");
    let mut out: Vec<Item> = Vec::new();
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let mut names: Vec<String> = Vec::new();
        for c in strain.captures_iter(s) {
            let n = c[1].to_string();
            let first = n.split_whitespace().next().unwrap_or("");
            if is_leading_stop(first)
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
            let Some(k) = known_malware().iter().find(|k| k.name == m.as_str()) else {
                continue;
            };
            if k.alone
                || ransomware_sentence
                    && s[m.end()..]
                        .trim_start()
                        .to_lowercase()
                        .starts_with("ransomware")
            {
                names.push(k.canonical.clone());
            }
        }
        for n in names {
            if !out.iter().any(|x| x.value.eq_ignore_ascii_case(&n)) {
                out.push(item(&n, Provenance::Stated, ctx.evidence(i)));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// ATT&CK

/// ATT&CK techniques of the focal incident: explicit ids (stated) and the lexicons'
/// technique phrases (inferred): `technique_cues` of the document's language and English,
/// plus, in the other languages, `encryption_cues` (T1486) and `theft_cues` (T1041); a
/// ransom demand (`ransom_cues`, not denied) is T1657; an exploited vulnerability
/// (`exploit_cues`) within 100 bytes of a public-facing product (`public_facing_cues`) is
/// T1190, and replaces T1133 in that sentence (Coding rule 7). A phrase counts at its first
/// occurrence that is no tracker label, no group's name ("ransomware gang"), not negated
/// and no warning about it (`technique_warning_cues`: "be alert to phishing emails").
/// T1041 (exfiltration) needs `confidentiality` true: what the CIA rules judged stated
/// (Coding rule 2 — a claim or a "Data: unknown" field is no theft); and a confidentiality
/// judged true is T1041 even when no theft phrase of the lexicons matched ("records of
/// 18,000 patients were published", "a file … copied"), with the CIA rule's evidence
/// (rule 2 couples the two: 88 of the 89 coded records with data taken carry both).
pub(super) fn techniques(
    ctx: &Ctx,
    confidentiality_read: &Field<bool>,
    integrity_read: &Field<bool>,
) -> Vec<TechniqueRef> {
    let confidentiality = confidentiality_read.value().copied();
    // Integrity stated intact ("None of our systems were encrypted", "Encryption: none")
    // contradicts data encrypted for impact: a mention of ransomware elsewhere (a site's
    // tagline, a group's habit) gives no T1486; an explicit id still does.
    let encryption_denied = integrity_read
        .fact()
        .is_some_and(|f| !f.value && f.provenance == Provenance::Stated);
    // A device stolen or lost (lexicon `device_theft_cues`, outside advice): the data
    // left with it, so neither a bare theft word nor confidentiality alone is T1041.
    let device_theft_at: Vec<bool> = (0..ctx.len())
        .map(|i| !ctx.advisory[i] && ctx.lex_match(ctx.sentence(i), |l| l.device_theft.as_ref()))
        .collect();
    let device_theft = device_theft_at.contains(&true);
    let a = Attack::get();
    let mut out: Vec<TechniqueRef> = Vec::new();
    let mut seen = HashSet::new();
    // The sentences (by start offset) where passwords were reset or accounts blocked
    // (`credentials_reset`): read once, not per sentence.
    let reset_at: HashSet<usize> = super::responses::responses(ctx)
        .iter()
        .filter(|r| r.kind == "credentials_reset")
        .map(|r| r.evidence.offset)
        .collect();
    for i in 0..ctx.len() {
        // An item under a heading of advice or lessons ("8. Recommendations" then "- Run
        // phishing awareness training") names a topic, not a technique used.
        if ctx.advisory[i] {
            continue;
        }
        let masked = mask_actor_names(ctx.sentence(i));
        let s = masked.as_str();
        let mut hits: Vec<(String, String, Provenance)> = a
            .explicit_ids(s)
            .into_iter()
            .map(|id| (id.clone(), id, Provenance::Stated))
            .collect();
        // "be alert to phishing emails": a warning about the technique (lexicon
        // `technique_warning_cues`, matched against the 60 bytes before the phrase).
        let warned = |at: usize| {
            let before = &s[floor_boundary(s, at.saturating_sub(60))..at];
            ctx.lex_match(before, |l| l.technique_warning.as_ref())
        };
        // The first occurrence of `re` that states what it names.
        let stated = |re: &lexicon::Regex| -> Option<String> {
            // The shared scope pass (`cia::cue_scope`): no menu line, tracker label,
            // question, negation (before or after) or claim.
            re.find_iter(s)
                .find(|m| {
                    cue_scope(ctx, s, m.start(), m.end()) == Scope::Asserted
                        && !ctx.names_group(s, m.start(), m.end())
                        && !warned(m.start())
                })
                .map(|m| m.as_str().to_string())
        };
        for l in &ctx.lex {
            for (re, cue) in &l.techniques {
                if let Some(m) = stated(re) {
                    hits.push((cue.technique.clone(), m, Provenance::Inferred));
                }
            }
            if l.file.code != "en" {
                for (re, id) in [(&l.encryption, "T1486"), (&l.theft, "T1041")] {
                    if id == "T1041" && device_theft {
                        continue;
                    }
                    if let Some(m) = re.as_ref().and_then(&stated) {
                        hits.push((id.to_string(), m, Provenance::Inferred));
                    }
                }
            }
        }
        if ransom_cue(ctx, s) && !ransom_denied(ctx, s) {
            let cue = ctx
                .lex
                .iter()
                .filter_map(|l| l.ransom.as_ref())
                .flat_map(|r| r.find_iter(s))
                .find(|m| {
                    !ctx.names_group(s, m.start(), m.end()) && !ctx.is_label(s, m.start(), m.end())
                });
            if let Some(m) = cue {
                hits.push(("T1657".into(), m.as_str().to_string(), Provenance::Inferred));
            }
        }
        if let Some(m) = fraud_cue(ctx, s) {
            hits.push(("T1657".into(), m, Provenance::Inferred));
        }
        // Passwords reset, accounts blocked ("les mots de passe de tous les comptes du
        // cabinet ont été changés", "We have reset the passwords of all staff and
        // administrator accounts"): the response (`credentials_reset`) names accounts that
        // were secured, not accounts the attacker used.
        if reset_at.contains(&ctx.spans[i].start) {
            hits.retain(|(id, _, _)| !id.starts_with("T1078"));
        }
        // The product may be named in the sentence before the exploited flaw ("Via een
        // oude VPN-server. Er zat een bekend lek in.").
        let exploited = exploited_public_facing(ctx, s).or_else(|| {
            let prev = ctx.sentence(i.checked_sub(1)?);
            let joined = format!("{prev} {s}");
            let m = exploited_public_facing(ctx, &joined)?;
            // Only when the flaw is in this sentence (the product alone before it).
            (exploited_public_facing(ctx, prev).is_none()
                && !m.is_empty()
                && joined.find(&m)? + m.len() > prev.len())
            .then_some(m)
        });
        if let Some(matched) = exploited {
            // A remote-access product named with its exploited vulnerability ("Citrix-
            // Schwachstelle", "kwetsbaarheid in software van Citrix") is the exploitation
            // of a public-facing application, not the use of a remote service.
            hits.retain(|(id, _, _)| id != "T1133");
            hits.push(("T1190".into(), matched, Provenance::Inferred));
        }
        if confidentiality != Some(true) {
            hits.retain(|(id, _, _)| id != "T1041");
        }
        // The sentence that tells the device's theft tells of the data that went with it
        // ("A laptop holding the records of 300 patients was stolen").
        if device_theft_at.get(i).is_some_and(|&b| b) {
            hits.retain(|(id, _, p)| id != "T1041" || *p == Provenance::Stated);
        }
        if encryption_denied {
            hits.retain(|(id, _, p)| id != "T1486" || *p == Provenance::Stated);
        }
        // An open question leaves its own clause undecided, not a clause apart from it
        // ("Cactus verlangt ein Lösegeld, dessen Höhe nicht bekannt ist": the same test as
        // the response actions', `responses::apart_from_doubt`).
        if ctx.undecided[i] {
            hits.retain(|(_, matched, _)| {
                s.find(matched.as_str()).is_some_and(|at| {
                    super::responses::apart_from_doubt(ctx, s, at, at + matched.len())
                })
            });
        }
        for (id, matched, prov) in hits {
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(t) = a.technique(&id) else { continue };
            out.push(technique_ref(t, matched, prov, ctx.evidence(i)));
        }
    }
    // Coding rule 7, across sentences: a remote-access product whose flaw was exploited
    // (T1190) is no use of a remote service (T1133) unless valid accounts were used
    // (T1078): "VPN-Gateway" named in one sentence, "über die beiden Lücken übernommen" in
    // another.
    let has = |id: &str| out.iter().any(|t| t.id == id);
    if has("T1190") && !has("T1078") {
        out.retain(|t| t.id != "T1133");
    }
    // Coding rule 17: a way in that logs in with an account — a password guessed or
    // stuffed (T1110), a remote service used (T1133) — is the use of valid accounts
    // (T1078) too, as the coders code it (T1110 in 22 of 22 records, T1133 in 53 of 53 on
    // the development sets). A supplier's access (T1199, 21 of 22) is left out: the
    // engine also reads it from a supplier impersonated in a payment fraud.
    let implied_by = ["T1110", "T1133"]
        .into_iter()
        .find_map(|id| out.iter().find(|t| t.id == id).cloned());
    if !out.iter().any(|t| t.id == "T1078")
        && let (Some(by), Some(t)) = (implied_by, a.technique("T1078"))
    {
        out.push(technique_ref(
            t,
            by.matched,
            Provenance::Inferred,
            by.evidence,
        ));
    }
    if confidentiality == Some(true)
        && !device_theft
        && !out.iter().any(|t| t.id == "T1041")
        && let (Some(f), Some(t)) = (confidentiality_read.fact(), a.technique("T1041"))
        // Data seen, not taken, is no exfiltration.
        && f.rule.as_deref() != Some(super::cia::VIEWED_RULE)
        && f.rule.as_deref() != Some(super::cia::MISDELIVERY_RULE)
    {
        out.push(technique_ref(
            t,
            f.evidence.sentence.clone(),
            Provenance::Inferred,
            f.evidence.clone(),
        ));
    }
    out
}

/// The record's reference to ATT&CK technique `t`, read from `matched` in `evidence`.
fn technique_ref(
    t: &crate::attack::Technique,
    matched: String,
    provenance: Provenance,
    evidence: Evidence,
) -> TechniqueRef {
    TechniqueRef {
        id: t.id.clone(),
        name: t.name.clone(),
        tactics: t.tactics.clone(),
        matched,
        provenance,
        evidence,
    }
}

/// The first payment fraud of the lexicons' `fraud_cues` that `s` asserts (the scope pass:
/// no question, negation, claim or label), as matched: financial theft (T1657, financial
/// motive).
pub(super) fn fraud_cue(ctx: &Ctx, s: &str) -> Option<String> {
    // Read with the dots of grouped numbers and abbreviated currencies blanked ("bezahlt,
    // insgesamt Fr. 4'870.– auf ein Konto der Betrüger"): a cue's gap stops at a
    // sentence's dot, not at a figure's. Same offsets.
    let blanked = crate::text::number_dots_blanked(s);
    ctx.lex
        .iter()
        .filter_map(|l| l.fraud.as_ref())
        .flat_map(|r| r.find_iter(&blanked))
        .find(|m| {
            cue_scope(ctx, s, m.start(), m.end()) == Scope::Asserted
                && !super::warned_readers(ctx, s, m.start())
        })
        .map(|m| s[m.range()].to_string())
}

/// An exploited vulnerability (`exploit_cues`, not negated) within 100 bytes of a
/// public-facing application or appliance (`public_facing_cues`) in `s`: the text from
/// the one to the other ("kwetsbaarheid in MOVEit", "Citrix vulnerability").
fn exploited_public_facing(ctx: &Ctx, s: &str) -> Option<String> {
    const NEAR: usize = 100;
    let exploits: Vec<(usize, usize)> = ctx
        .lex
        .iter()
        .filter_map(|l| l.exploit.as_ref())
        .flat_map(|r| r.find_iter(s))
        .filter(|m| !ctx.lex_negated(s, m.start()))
        .map(|m| (m.start(), m.end()))
        .collect();
    if exploits.is_empty() {
        return None;
    }
    ctx.lex
        .iter()
        .filter_map(|l| l.public_facing.as_ref())
        .flat_map(|r| r.find_iter(s))
        .find_map(|p| {
            exploits.iter().find_map(|&(a, b)| {
                let (from, to) = (a.min(p.start()), b.max(p.end()));
                let gap = p.start().saturating_sub(b).max(a.saturating_sub(p.end()));
                (gap <= NEAR).then(|| s[from..to].to_string())
            })
        })
}
