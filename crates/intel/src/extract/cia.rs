//! Confidentiality, integrity and availability (VERIS attributes), and the scope pass
//! every cue family shares.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.
//!
//! # The scope pass ([`cue_scope`])
//!
//! One function decides how a cue found at `start..end` of a focal sentence stands, for
//! every family that reads cues (CIA, motives, techniques here; impacts and responses may
//! call it too):
//!
//! * [`Scope::Open`] — the sentence states nothing about it: page furniture (a menu line
//!   of pipe-separated links, "What is phishing? | Brute force attacks explained"; a
//!   tracker's title or field name, "Victime de rançongiciel : X", also behind the
//!   title's furniture words, "Menu Rechercher Victime de rançongiciel : X"), a question
//!   (the sentence ends in `?`), a field answered open ("Data breach: unknown"), or the
//!   attackers' claim or hearsay before it in its clause (`claim_cues`: "beweert",
//!   "affirme", "behauptet", "zouden", "sollen");
//! * [`Scope::Negated`] — a field answered no ("Betriebsunterbrechung: keine"), a
//!   negation of the lexicons in the clause before it (`negation`, `denial_cues`: "not
//!   disrupted", "op geen enkel moment verstoord", "n'a été perturbé"), or right after it
//!   (`negation_after_cues`: "Verschlüsselt wurden keine Systeme");
//! * [`Scope::Asserted`] — otherwise.
//!
//! Sentences that leave a question open ("whether", "ne peut pas dire si", "äußert sich
//! nicht") are already set apart for every family by the lexicons' `uncertainty_cues`
//! (`Ctx::says`).

use super::*;

/// How a cue stands in its sentence; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// The sentence states what the cue names.
    Asserted,
    /// The sentence states that it did not happen (or is absent).
    Negated,
    /// The sentence states nothing about it: furniture, a question, a field left open, a
    /// claim or hearsay.
    Open,
}

/// The scope of the cue at `start..end` of sentence `s` (a focal sentence of `ctx`); see
/// the module documentation. Reads only the sentence (no state): safe on any input.
pub(super) fn cue_scope(ctx: &Ctx, s: &str, start: usize, end: usize) -> Scope {
    if menu_line(s) || (is_question(s) && !ctx.is_answered_yes(s)) || answered_open(ctx, s, end) {
        return Scope::Open;
    }
    // A field answered no ("- Betriebsunterbrechung: keine") before the label test: the
    // field's name is a label, and its answer is the statement.
    if answered_no(ctx, s, end) {
        return Scope::Negated;
    }
    if ctx.is_label(s, start, end)
        || furniture_label(ctx, s, start, end)
        || publication_stamp(ctx, s, end)
    {
        return Scope::Open;
    }
    if ctx.lex_negated(s, start) || negated_after(ctx, s, end) {
        return Scope::Negated;
    }
    // A negation inside a phrase that spans words, before its last word ("dossiers … maar
    // er is niets gewijzigd of gewist"): the clause before that word (session 25).
    let last_word = s[start..end]
        .trim_end()
        .rfind(char::is_whitespace)
        .map(|p| start + p + 1);
    if last_word.is_some_and(|w| w > start && ctx.lex_negated(s, w)) {
        return Scope::Negated;
    }
    if claimed(ctx, s, start) || unconfirmed_after(ctx, s, end) {
        return Scope::Open;
    }
    // Encryption as a safeguard ("the laptop was encrypted and password-protected") tells
    // nothing of the attack.
    if ctx.protective_encryption(s, start, end) {
        return Scope::Open;
    }
    // Encryption planned as a safeguard ("D'ici la fin du mois de novembre, tous nos
    // ordinateurs portables seront chiffrés", "all laptops will be encrypted"): a step not
    // yet taken, by the victim, tells nothing of the attack (the lexicons' `plan_cues` in
    // the cue's clause, as for response actions).
    if ctx.lex_match(&s[start..end], |l| l.encryption.as_ref())
        && super::responses::planned(ctx, s, start, end)
    {
        return Scope::Open;
    }
    Scope::Asserted
}

/// Is the phrase ending at `end` left unconfirmed in its own clause, after it ("Phishing
/// e-mail with malicious attachment (suspected, not confirmed)", "hameçonnage suspecté, non
/// confirmé")? The clause runs to the next `;` or `.` (at most 80 bytes), and stops at a
/// comma followed by one of the lexicons' `clause_coordinators` ("…, but theft is not
/// confirmed" leaves the phrase before it stated) unless a `back_references` word follows
/// it ("…, but that is not confirmed" does not). Lexicon `unconfirmed_cues`.
pub(super) fn unconfirmed_after(ctx: &Ctx, s: &str, end: usize) -> bool {
    let rest = &s[end..ceil_boundary(s, end + 80)];
    let mut tail = &rest[..rest.find([';', '.']).unwrap_or(rest.len())];
    for (p, _) in tail.match_indices(',') {
        let after = tail[p + 1..].trim_start();
        let coordinated = ctx
            .lex
            .iter()
            .flat_map(|l| l.file.clause_coordinators.iter())
            .any(|c| {
                after
                    .get(..c.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(c))
                    && !after[c.len()..].starts_with(char::is_alphanumeric)
            });
        // "…, maar dat is niet bevestigd", "…, maar het ziekenhuis wil dat bevestigen noch
        // ontkennen": the coordinated clause speaks of this one (a back reference among
        // its first words after the coordinator).
        let back = coordinated
            && after.split_whitespace().skip(1).take(4).any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                ctx.lex.iter().any(|l| l.file.back_references.contains(&w))
            });
        if coordinated && !back {
            tail = &tail[..p];
            break;
        }
    }
    ctx.lex_match(tail, |l| l.unconfirmed.as_ref())
}

/// Is `s` a menu line: three or more `|` separators between short items (at most six
/// words each: "Victims | Threat groups | Healthcare | What is phishing?"), one of which
/// may run to ten (a section's name before its first item: "Fiches pratiques : Qu'est-ce
/// qu'un site de fuite ? | Réagir à une demande de rançon | …")? It names topics; it
/// states nothing.
pub(super) fn menu_line(s: &str) -> bool {
    let items: Vec<usize> = s.split('|').map(|i| i.split_whitespace().count()).collect();
    items.len() >= 4
        && items.iter().all(|&n| n <= 10)
        && items.iter().filter(|&&n| n > 6).count() <= 1
}

/// Does sentence `s` ask a question (it ends in `?`, closing quotes and brackets aside)?
pub(super) fn is_question(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '»', '“', '”', ')', ']', '’'])
        .trim_end()
        .ends_with('?')
}

/// Is the cue at `start..end` inside the field name of a tracker's title, once the
/// title's furniture words (the lexicons' `[focal] title_furniture`: "Menu", "Rechercher")
/// are set aside: at most three words before it and two after it, then `:` ("Menu
/// Rechercher Victime de rançongiciel : X", "Menu Search Ransomware victim: X")?
fn furniture_label(ctx: &Ctx, s: &str, start: usize, end: usize) -> bool {
    let Some(colon) = s[end..].find(':') else {
        return false;
    };
    let between = &s[end..end + colon];
    if between.split_whitespace().count() > 2 || between.contains([',', '.', ';', '?', '!']) {
        return false;
    }
    let full = s[..start].trim_start();
    let mut before = full;
    loop {
        let lower = before.to_lowercase();
        let furniture = ctx.lex.iter().find_map(|l| {
            l.file.focal.title_furniture.iter().find_map(|w| {
                let w = w.to_lowercase();
                lower
                    .strip_prefix(w.as_str())
                    .filter(|rest| rest.starts_with(char::is_whitespace))
                    .map(|_| w.len())
            })
        });
        match furniture {
            // Lower-casing may change byte lengths: fall back to the original when the
            // cut is not a boundary.
            Some(n) if before.is_char_boundary(n) => before = before[n..].trim_start(),
            _ => break,
        }
    }
    // Words between the cue and `:` ("Ransomware victim:") only in a title that opens
    // with furniture words; otherwise the field name must end with the cue (a tracker's
    // field "Data leaked: 40 GB" is a statement, read by the CIA rules).
    (before.len() < full.len() || between.trim().is_empty())
        && before.split_whitespace().count() <= 3
        && !before.contains([',', '.', ';'])
}

/// Is the cue ending at `end` the verb of a page's publication stamp, a number (a date)
/// following it within 30 bytes ("Erstmals veröffentlicht am Montag, 2. März 2026",
/// "Published on 4 May 2025", "Publié le 3 juin")? The lexicons' `publication_cues`, read
/// up to the number. It dates the page; it tells nothing of the incident.
fn publication_stamp(ctx: &Ctx, s: &str, end: usize) -> bool {
    let window = &s[end..ceil_boundary(s, end + 30)];
    let Some(digit) = window.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let before = &s[floor_boundary(s, end.saturating_sub(40))..end + digit];
    ctx.lex_match(before, |l| l.publication_cue.as_ref())
}

/// Is the cue ending at `end` negated right after it, in its clause (the lexicons'
/// `negation_after_cues`: "Verschlüsselt wurden keine Systeme")?
fn negated_after(ctx: &Ctx, s: &str, end: usize) -> bool {
    let rest = &s[end..];
    let rest = &rest[..rest.find([',', ';', '.']).unwrap_or(rest.len())];
    ctx.lex_match(rest, |l| l.negation_after.as_ref())
}

/// The first sentence (index) where a cue of `f` is negated ([`Scope::Negated`]) and none
/// is asserted: the denial of what the cue names ("was not disrupted at any point",
/// "Verschlüsselt wurden keine Systeme"; not "did not encrypt the backups but encrypted
/// the servers").
fn first_negated(
    ctx: &Ctx,
    f: fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>,
    after_only: bool,
) -> Option<usize> {
    (0..ctx.len()).find(|&i| {
        let s = ctx.sentence(i);
        if !ctx.says(i) {
            return false;
        }
        let scopes: Vec<Scope> = ctx
            .lex
            .iter()
            .filter_map(|l| f(l))
            .flat_map(|r| r.find_iter(s))
            .map(|m| match cue_scope(ctx, s, m.start(), m.end()) {
                Scope::Negated
                    if after_only
                        && !negated_after(ctx, s, m.end())
                        && !answered_no(ctx, s, m.end()) =>
                {
                    Scope::Open
                }
                scope => scope,
            })
            .collect();
        scopes.contains(&Scope::Negated) && !scopes.contains(&Scope::Asserted)
    })
}

// ---------------------------------------------------------------------------------------
// CIA, motive, actors, malware

/// Confidentiality, integrity and availability from the lexicons' `confidentiality_cues`,
/// `alteration_cues`, `malware_cues` (and `encryption_cues`) and `availability_cues` (the
/// document's language and English): the first sentence that states each decides; a
/// negated data-disclosure cue is a denial (`false`). Integrity from malicious software is
/// `inferred` (VERIS "Software installation") and yields to a stated alteration.
pub(super) fn cia(ctx: &Ctx) -> CiaPosture {
    let mut out = CiaPosture::default();
    // The earliest match in `s` of the regex `f` picks from each lexicon: its start, and
    // whether a tracker's field answers it with "No" ("Data leaked: No").
    let first =
        |s: &str, f: fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>| -> Option<(usize, bool)> {
            ctx.lex
                .iter()
                .filter_map(|l| {
                    f(l)?
                        .find_iter(s)
                        .find(|m| !answered_open(ctx, s, m.end()) && !menu_line(s))
                        .map(|m| (m.start(), answered_no(ctx, s, m.end())))
                })
                .min()
        };
    // Malicious software run on the victim's systems: not a group's name ("the ransomware
    // gang") nor a tracker's label ("Incident: X - ransomware").
    let deployed = |s: &str| -> Option<usize> {
        ctx.lex
            .iter()
            .filter_map(|l| {
                l.malware
                    .as_ref()?
                    .find_iter(s)
                    .find(|m| {
                        !ctx.names_group(s, m.start(), m.end())
                            && cue_scope(ctx, s, m.start(), m.end()) == Scope::Asserted
                    })
                    .map(|m| m.start())
            })
            .min()
    };
    for i in 0..ctx.len() {
        if !ctx.says(i) {
            continue;
        }
        let s = ctx.sentence(i);
        if !out.confidentiality.is_stated()
            && !no_disclosure_statement(ctx, s)
            && let Some((at, no)) = first(s, |l| l.confidentiality.as_ref())
            && let neg = (no || ctx.lex_negated(s, at))
            // The attackers' claim of theft is no statement (a denial is one).
            && (neg || !claimed(ctx, s, at))
        {
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
            && let Some((at, false)) = first(s, |l| l.availability.as_ref())
            && !ctx.lex_negated(s, at)
            && !negated_after(ctx, s, at)
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
            if let Some((at, no)) = first(s, |l| l.alteration.as_ref()) {
                if !no && !ctx.lex_negated(s, at) {
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
                                cue_scope(ctx, s, m.start(), m.end()) == Scope::Asserted
                                    && !ctx.names_group(s, m.start(), m.end())
                            })
                            .map(|m| m.start())
                    })
                })
                && !ctx.lex_negated(s, at)
                && !negated_after(ctx, s, at)
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
pub(super) fn lex_cia(ctx: &Ctx, mut out: CiaPosture) -> CiaPosture {
    for attr in ["confidentiality", "integrity", "availability"] {
        let mut deny: Option<usize> = None;
        let mut affirm: Option<usize> = None;
        // The sentence whose disclosure clause says data was seen, not taken.
        let mut viewed_only: Option<usize> = None;
        // The sentence whose phrase says data went to the wrong recipients.
        let mut misdelivered: Option<usize> = None;
        // Does a denying sentence speak of data seen ("niet ingekeken", "not accessed"),
        // not only of data taken ("geen aanwijzingen dat … gegevens heeft gekopieerd")?
        let mut denial_of_viewing = false;
        // Does a denying sentence speak of encryption ("None of our systems were
        // encrypted, and no data was changed")?
        let mut denial_of_encryption = false;
        for i in 0..ctx.len() {
            if !ctx.says(i) {
                continue;
            }
            let s = ctx.sentence(i);
            // A claim ("affirme avoir dérobé 50 Go", "laut Tätergruppe") or an unconfirmed
            // statement says nothing about disclosure either way.
            if attr == "confidentiality" && no_disclosure_statement(ctx, s) {
                continue;
            }
            let mut d = false;
            let mut a = false;
            for l in &ctx.lex {
                for (re, rule) in &l.cia {
                    if rule.attribute != attr {
                        continue;
                    }
                    if let Some(m) = re.find(s) {
                        // A field left open ("Data breach: under investigation") states
                        // nothing.
                        if answered_open(ctx, s, m.end()) {
                            continue;
                        }
                        // A negated data-disclosure phrase is a denial ("geen
                        // aanwijzingen dat patiëntgegevens zijn gestolen"); a negated
                        // effect on systems ("Operationen mussten nicht verschoben
                        // werden") only does not count — it does not say all was well.
                        let neg = ctx.lex_negated(s, m.start())
                            || ctx.negated_within(m.as_str())
                            || answered_no(ctx, s, m.end());
                        if !rule.value || (neg && attr == "confidentiality") {
                            d = true;
                        } else {
                            // The attackers' claim ("affirme avoir dérobé 300 Go") states
                            // no theft (Coding rule 2).
                            let claim = attr == "confidentiality" && claimed(ctx, s, m.start());
                            a |= !neg && !claim;
                            if !neg
                                && !claim
                                && rule.disclosure == Some(lexicon::DisclosureKind::Misdelivery)
                            {
                                misdelivered.get_or_insert(i);
                            }
                        }
                    }
                }
            }
            // A disclosure clause of the lexicons ("Hij kopieerde namen, adressen …", "les
            // pirates ont copié une partie de nos fichiers") affirms what no rule denied.
            if attr == "confidentiality" && !d && !a {
                a = match disclosure(ctx, s) {
                    Some(Disclosure::Taken) => true,
                    Some(Disclosure::Viewed) => {
                        viewed_only.get_or_insert(i);
                        true
                    }
                    None => false,
                };
            }
            if d {
                deny.get_or_insert(i);
                denial_of_viewing |= attr == "confidentiality" && speaks_of_viewing(ctx, s);
                denial_of_encryption |=
                    attr == "integrity" && ctx.lex_match(s, |l| l.encryption.as_ref());
            } else if a {
                affirm.get_or_insert(i);
            }
        }
        // The scope pass: a disruption predicate negated ("op geen enkel moment verstoord",
        // "Betriebsunterbrechung: keine") denies availability; an encryption cue negated
        // ("Verschlüsselt wurden keine Systeme") denies integrity. Whatever the subject.
        // For integrity only the negation after the cue or a field answered no counts: a
        // negation before it may deny an attempt ("had not been able to encrypt"), which
        // the lexicons' `cia` denials read where they mean it.
        let scoped = match attr {
            "availability" => first_negated(ctx, |l| l.disruption.as_ref(), false),
            "integrity" => first_negated(ctx, |l| l.encryption.as_ref(), true),
            _ => None,
        };
        if let Some(i) = scoped {
            deny = Some(deny.map_or(i, |d| d.min(i)));
        }
        let field = match attr {
            "confidentiality" => &mut out.confidentiality,
            "integrity" => &mut out.integrity,
            _ => &mut out.availability,
        };
        let current = field.value().copied();
        let current_at = field.fact().map(|f| f.evidence.offset);
        let inferred = field
            .fact()
            .is_some_and(|f| f.provenance == Provenance::Inferred);
        match (current, deny, affirm) {
            // Integrity inferred from a mention of ransomware or malware yields to a
            // stated denial of encryption ("None of our systems were encrypted"): the
            // text says what the inference guessed.
            (Some(true), Some(d), None)
                if attr == "integrity" && inferred && denial_of_encryption =>
            {
                *field = fact(
                    false,
                    Provenance::Stated,
                    ctx.evidence(d),
                    "denied in the text",
                );
            }
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
                let rule = if viewed_only == Some(a) {
                    VIEWED_RULE
                } else if misdelivered == Some(a) {
                    MISDELIVERY_RULE
                } else {
                    "lexicon phrase"
                };
                *field = fact(true, Provenance::Stated, ctx.evidence(a), rule);
            }
            // Data seen is a disclosure whatever became of it (VERIS: confidentiality,
            // no exfiltration): a denial that the data were copied or passed on ("geen
            // aanwijzingen dat de medewerker gegevens heeft gekopieerd") leaves the
            // records an employee looked at without reason disclosed — unless a denial
            // speaks of the viewing itself.
            (None, Some(_), Some(a))
                if attr == "confidentiality" && viewed_only == Some(a) && !denial_of_viewing =>
            {
                *field = fact(true, Provenance::Stated, ctx.evidence(a), VIEWED_RULE);
            }
            // A denial about care ("de zorg werd niet verstoord") yields to systems or
            // services stated lost in another sentence ("de website was onbereikbaar"):
            // care can go on while systems are down (Coding rule 3).
            (None, Some(_), Some(a)) if attr == "availability" => {
                *field = fact(true, Provenance::Stated, ctx.evidence(a), "lexicon phrase");
            }
            _ => {}
        }
    }
    out
}

/// Does `s` hold a disclosure clause of data seen (`disclosure_viewed_*`: "dossiers …
/// ingekeken", "données … consultées", "looked at … records"), asserted or not?
fn speaks_of_viewing(ctx: &Ctx, s: &str) -> bool {
    ctx.lex
        .iter()
        .filter_map(|l| l.disclosure_viewed.as_ref())
        .any(|r| r.is_match(s))
}

/// The rule of a confidentiality read from data seen, not taken ("ingekeken",
/// "consultées", "looked at"): VERIS disclosure without exfiltration, so no T1041.
pub(super) const VIEWED_RULE: &str = "data viewed (disclosure clause)";

/// The rule of a confidentiality read from records sent to the wrong recipients (a
/// lexicon `cia` phrase with `disclosure = "misdelivery"`): VERIS error, misdelivery — a
/// disclosure without exfiltration, so no T1041.
pub(super) const MISDELIVERY_RULE: &str = "data sent to the wrong recipients";

/// What a disclosure clause states of the victim's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Disclosure {
    /// Taken: stolen, copied, downloaded, published, forwarded, sold.
    Taken,
    /// Seen only: viewed, consulted, looked at.
    Viewed,
}

/// Does sentence `s` state a disclosure in a clause of the lexicons' `disclosure_objects`
/// and `disclosure_taken_*` / `disclosure_viewed_*` (data taken wins over data seen)? A
/// clause counts only where the scope pass finds it asserted — no negation before it or
/// inside it ("gegevens zijn niet gestolen"), no claim, question, label or open field.
/// A negated clause is no denial either: denials are the lexicons' `cia` rules.
pub(super) fn disclosure(ctx: &Ctx, s: &str) -> Option<Disclosure> {
    // Spans of false friends ("data protection", "took down", "die erbeuteten Daten").
    let false_friends: Vec<(usize, usize)> = ctx
        .lex
        .iter()
        .filter_map(|l| l.disclosure_false_friend.as_ref())
        .flat_map(|r| r.find_iter(s))
        .map(|m| (m.start(), m.end()))
        .collect();
    let stated = |f: fn(&lexicon::Lexicon) -> Option<&lexicon::Regex>| {
        ctx.lex.iter().filter_map(|l| f(l)).any(|r| {
            r.find_iter(s).any(|m| {
                !false_friends
                    .iter()
                    .any(|&(a, b)| a < m.end() && m.start() < b)
                    && cue_scope(ctx, s, m.start(), m.end()) == Scope::Asserted
                    && !ctx.negated_within(m.as_str())
            })
        })
    };
    if stated(|l| l.disclosure_taken.as_ref()) {
        Some(Disclosure::Taken)
    } else if stated(|l| l.disclosure_viewed.as_ref()) {
        Some(Disclosure::Viewed)
    } else {
        None
    }
}

/// Availability not otherwise stated is `true` (inferred) when the record holds an
/// operational impact (care cancelled, postponed, diverted, unavailable…) or a response
/// that takes systems or care out of service — a shutdown, a diversion, a transfer, work on
/// paper, or cutting the external links ("trennt IT-Systeme vorsorglich vom Internet": the
/// external services are interrupted): VERIS 1.4 availability "Interruption" / "Loss"
/// (docs/intel.md, "Coding rules"). A denial of an effect on *care* ("clinical services were
/// not affected", "les soins ne sont pas impactés") yields to such a stated effect: care
/// can go on while systems are down. Works on extracted facts, so on every language.
pub(super) fn availability_from_effects(
    mut out: CiaPosture,
    impacts: &[ImpactFact],
    responses: &[ResponseAction],
) -> CiaPosture {
    if out.availability.value() == Some(&true) {
        return out;
    }
    const LOST: &[&str] = &[
        "shutdown_servers",
        "ambulance_diversion",
        "patient_transfer",
        "manual_fallback",
        "isolate_external",
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

/// Does a tracker's field answer the phrase ending at `end` with "No" — `:` then one of the
/// lexicons' `negative_answers` ("Data leaked: No", "Gegevens gelekt: nee", "Données
/// publiées : non", "Datenabfluss: nein")? The phrase is then denied, not affirmed.
fn answered_no(ctx: &Ctx, s: &str, end: usize) -> bool {
    let Some(rest) = s[end..].trim_start().strip_prefix(':') else {
        return false;
    };
    let rest = rest.trim_start();
    ctx.lex.iter().any(|l| {
        l.file.negative_answers.iter().any(|a| {
            rest.get(..a.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(a))
                && !rest[a.len()..].starts_with(char::is_alphanumeric)
        })
    })
}

/// Does a tracker's field leave the phrase ending at `end` open — `:` then one of the
/// lexicons' `open_answers` or focal `unknown_values` ("Data breach: under investigation",
/// "Exfiltration : inconnue", "Datenabfluss: wird untersucht")? It then states nothing.
fn answered_open(ctx: &Ctx, s: &str, end: usize) -> bool {
    let Some(rest) = s[end..].trim_start().strip_prefix(':') else {
        return false;
    };
    let rest = rest.trim_start();
    let starts = |a: &str| {
        rest.get(..a.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(a) || w.to_lowercase() == a.to_lowercase())
            && !rest[a.len()..].starts_with(char::is_alphanumeric)
    };
    ctx.lex.iter().any(|l| {
        l.file.open_answers.iter().any(|a| starts(a))
            || l.file.focal.unknown_values.iter().any(|a| starts(a))
    })
}

/// Is the phrase at `at` of `s` the attackers' claim — a lexicon `claim_cues` match before
/// it in its clause, within 100 bytes and not cut off by `;` or one of the lexicons'
/// `clause_coordinators` ("Il affirme avoir dérobé 300 Go", "Die Täter behaupten, 150 GB
/// Daten erbeutet zu haben", "claims to have stolen"; but "claimed the attack and
/// threatened to publish … stolen data" states the theft)? Coding rule 2: a claim is not a
/// statement of theft.
fn claimed(ctx: &Ctx, s: &str, at: usize) -> bool {
    let from = floor_boundary(s, at.saturating_sub(100));
    let mut before = &s[from..at];
    if let Some(p) = before.rfind(';') {
        before = &before[p + 1..];
    }
    for c in ctx
        .lex
        .iter()
        .flat_map(|l| l.file.clause_coordinators.iter())
    {
        let word = format!(" {c} ");
        // ASCII lower-casing keeps every byte offset. A coordinator after a hyphen joins
        // the halves of a compound ("cliënt- en personeelsgegevens", "Kunden- und
        // Mitarbeiterdaten"), not two clauses.
        if let Some(p) = before.to_ascii_lowercase().rfind(&word)
            && !before[..p].ends_with('-')
        {
            before = &before[p + word.len()..];
        }
    }
    // The claim may close after the phrase it governs ("De hackers beweren 100 GB aan
    // gegevens te hebben gestolen"): read on to the end of the clause, and count a claim
    // that starts before the phrase.
    let start = at - before.len();
    let rest = &s[at..];
    let end = at + rest.find([';', '.']).unwrap_or(rest.len());
    let window = &s[start..end];
    ctx.lex.iter().any(|l| {
        l.claim
            .as_ref()
            .is_some_and(|r| r.find_iter(window).any(|m| m.start() < at - start))
    })
}

/// Does sentence `s` say nothing about disclosure either way: a statement left unconfirmed
/// ("Nous ne pouvons pas confirmer … que des données ont été dérobées", "150 GB (nicht
/// bestätigt)"), or the attackers' claim ("affirme … avoir dérobé 50 Go") in a text that
/// says it cannot confirm it? (Coding rule 2; lexicon `claim_cues`, `unconfirmed_cues`.)
fn no_disclosure_statement(ctx: &Ctx, s: &str) -> bool {
    let unconfirmed = |t: &str| ctx.lex_match(t, |l| l.unconfirmed.as_ref());
    // Stolen data named attributively under a negation ("verlinkt keine gestohlenen
    // Daten"): what someone does not do with stolen data (lexicon `stolen_data_phrases`).
    let negated_stolen_data = ctx
        .lex
        .iter()
        .filter_map(|l| l.stolen_data.as_ref())
        .any(|r| r.find_iter(s).any(|m| ctx.lex_negated(s, m.start())));
    unconfirmed(s)
        || negated_stolen_data
        || ctx.lex_match(s, |l| l.publisher_disclaimer.as_ref())
        || (ctx.lex_match(s, |l| l.claim.as_ref())
            && (0..ctx.len()).any(|i| unconfirmed(ctx.sentence(i))))
}
