//! Victims (organisation names, type, sector) and geography.
//!
//! Part of the extractor (`super`); rules are documented in `docs/intel.md`.

use super::*;

// ---------------------------------------------------------------------------------------
// Victims, sector, geography

pub(super) const CAP: &str = r"(?:[dl]['’])?[\p{Lu}][\p{L}\p{N}'’.&-]*";
pub(super) const CONNECT: &str = r"(?:of|de|du|des|la|le|for|and|&|van|der|del|di|y|the|hospitalier|hospitali[eè]re|universitaire|r[ée]gional|g[ée]n[ée]ral|intercommunal|psychiatrique|m[ée]dical|dentaire|p[ée]diatrique|g[ée]riatrique)";

/// Is `w` a word that opens a sentence or phrase and never starts an organisation's name
/// ("The", "Yesterday", "Belgium's"; lexicon `name_leading_stop`)?
pub(super) fn is_leading_stop(w: &str) -> bool {
    name_words().leading_stop.contains(w)
}

/// English weekday and month names, dropped from the ends of a candidate name. Built in
/// like the English calendar of `crate::dates`; the other languages' calendar words are
/// lower-case in running text.
pub(super) const WEEKDAYS_MONTHS: &[&str] = &[
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

pub(super) fn attack_sentence_re() -> &'static Regex {
    re!(
        r"(?i)\b(?:cyber-?attacks?|cyber ?incidents?|cyber|ransomware|hack\w*|breach\w*|intrusion|attack\w*|hit by|struck|compromised|IT outage|malware|extortion|stole|stolen|ransom|criminals)\b"
    )
}

/// The words of all lexicons that shape organisation names, gathered once.
pub(super) struct NameWords {
    /// Article → the ending a following adjective takes once the article is dropped.
    pub(super) articles: BTreeMap<String, Option<String>>,
    pub(super) demonyms: BTreeMap<String, String>,
    pub(super) suffixes: Vec<(String, String)>,
    pub(super) org_keywords: HashSet<String>,
    pub(super) generic: HashSet<String>,
    pub(super) not_actor: HashSet<String>,
    /// Words that make a capitalised phrase not an organisation (lexicon `not_org_words`).
    pub(super) not_org: HashSet<String>,
    /// Number words of every lexicon (lower case): "Drei Krankenhäuser" is a count.
    pub(super) numbers: HashSet<String>,
    pub(super) type_prefixes: Vec<String>,
    pub(super) media: Vec<String>,
    /// Endings of one-word organisation names (lexicon `org_name_suffixes`), longest first.
    pub(super) name_suffixes: Vec<String>,
    /// First parts of generic compounds (lexicon `generic_name_stems`).
    pub(super) generic_stems: HashSet<String>,
    /// Words that join co-victims (lexicon `conjunctions`).
    pub(super) conjunctions: Vec<String>,
    /// Street nouns of addresses, lower-case (lexicon `street_words`).
    pub(super) street_words: Vec<String>,
    /// Lexicon `name_leading_stop`.
    pub(super) leading_stop: HashSet<String>,
    /// Lexicon `name_type_starters`.
    pub(super) type_starters: HashSet<String>,
    /// Lexicon `legal_forms`, longest first.
    pub(super) legal_forms: Vec<String>,
    /// Lexicon `apposition_nouns` (lower case).
    pub(super) apposition_nouns: Vec<String>,
    /// Organisation keywords and name endings of 5+ letters, lower case: the ends of
    /// compound type words ("Streekziekenhuis", "Woonzorggroep").
    pub(super) keyword_ends: Vec<String>,
    /// `name_place_particles` of every lexicon, longest first.
    pub(super) place_particles: Vec<String>,
    /// The `count_units` nouns of every lexicon, lower case ("patienten", "beschäftigten",
    /// "patients"): a capitalised one before an article opens no name ("Beschäftigten der
    /// Eschweger Rehaklinik am Leuchtberg").
    pub(super) count_nouns: HashSet<String>,
}

pub(super) fn name_words() -> &'static NameWords {
    static W: OnceLock<NameWords> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = NameWords {
            articles: BTreeMap::new(),
            demonyms: BTreeMap::new(),
            suffixes: Vec::new(),
            org_keywords: HashSet::new(),
            generic: HashSet::new(),
            not_actor: HashSet::new(),
            not_org: HashSet::new(),
            numbers: HashSet::new(),
            type_prefixes: Vec::new(),
            media: Vec::new(),
            name_suffixes: Vec::new(),
            generic_stems: HashSet::new(),
            conjunctions: Vec::new(),
            street_words: Vec::new(),
            leading_stop: HashSet::new(),
            type_starters: HashSet::new(),
            legal_forms: Vec::new(),
            apposition_nouns: Vec::new(),
            keyword_ends: Vec::new(),
            place_particles: Vec::new(),
            count_nouns: HashSet::new(),
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
            w.name_suffixes
                .extend(f.org_name_suffixes.iter().map(|x| x.to_lowercase()));
            w.generic_stems
                .extend(f.generic_name_stems.iter().map(|x| x.to_lowercase()));
            w.leading_stop.extend(f.name_leading_stop.iter().cloned());
            w.type_starters.extend(f.name_type_starters.iter().cloned());
            w.legal_forms.extend(f.legal_forms.iter().cloned());
            w.place_particles
                .extend(f.name_place_particles.iter().cloned());
            w.apposition_nouns
                .extend(f.apposition_nouns.iter().map(|x| x.to_lowercase()));
            w.count_nouns
                .extend(f.count_units.keys().map(|x| x.to_lowercase()));
        }
        w.keyword_ends = w
            .org_keywords
            .iter()
            .map(|k| k.to_lowercase())
            .chain(w.name_suffixes.iter().cloned())
            .filter(|k| k.chars().count() >= 5)
            .collect();
        w.keyword_ends.sort();
        w.keyword_ends.dedup();
        w.legal_forms.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.place_particles
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.place_particles.dedup();
        w.apposition_nouns
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.apposition_nouns.dedup();
        for l in lexicon::all() {
            for c in &l.file.conjunctions {
                if !w.conjunctions.contains(c) {
                    w.conjunctions.push(c.clone());
                }
            }
            for c in &l.file.street_words {
                let c = c.to_lowercase();
                if !w.street_words.contains(&c) {
                    w.street_words.push(c);
                }
            }
        }
        w.name_suffixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.type_prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w.media.sort_by_key(|p| std::cmp::Reverse(p.len()));
        w
    })
}

pub(super) fn is_org_keyword(t: &str) -> bool {
    name_words()
        .org_keywords
        .contains(t.trim_end_matches(['.', ',']))
}

/// Is `t` one capitalised compound word that names an organisation by its ending
/// ("Lukaskrankenhaus", "Marienhospital", "Maasziekenhuis"; lexicon `org_name_suffixes`)?
/// At least three letters must come before the ending, and they must not make a generic
/// type ("Kinderklinik", "Universitätsklinikum"; lexicon `generic_name_stems`, also with a
/// linking `s` or `-`); a listed organisation keyword is a type word, not a name.
pub(super) fn is_compound_name(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',', ':', ';']);
    if !t.chars().next().is_some_and(char::is_uppercase) || is_org_keyword(t) {
        return false;
    }
    let nw = name_words();
    let l = t.to_lowercase();
    nw.name_suffixes.iter().any(|suf| {
        let Some(stem) = l.strip_suffix(suf.as_str()) else {
            return false;
        };
        let bare = stem.trim_end_matches('-');
        let unlinked = bare.strip_suffix('s').unwrap_or(bare);
        bare.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !nw.generic_stems.contains(bare)
            && !nw.generic_stems.contains(unlinked)
            && !nw.org_keywords.iter().any(|k| k.to_lowercase() == bare)
    })
}

/// Is `t` a capitalised compound type word whose end is an organisation keyword or name
/// ending of 5+ letters ("Streekziekenhuis", "Woonzorggroep", "Kinderklinik",
/// "Regionalspital")? Such a word says the phrase it opens is an organisation
/// ("Streekziekenhuis Bevelanden"), though alone it names none.
pub(super) fn is_type_compound(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',', ':', ';']);
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let l = t.to_lowercase();
    name_words().keyword_ends.iter().any(|k| {
        l.strip_suffix(k.as_str()).is_some_and(|stem| {
            stem.trim_end_matches('-')
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 3
        })
    })
}

/// Is `w` a compound common noun ending in an apposition noun of the lexicons
/// ("IT-Dienstleister", "Softwarehersteller", "Kassen-Dienstleister"; `apposition_nouns`
/// after a stem of 2+ letters) rather than an organisation keyword that belongs to names
/// ("Krankenhaus Düren", "L'Hôpital Nord-Ouest")? A bare noun ("Société X") may be part of
/// a name and is not one.
pub(super) fn is_type_noun_word(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',', ':', ';']);
    let l = w.to_lowercase();
    let noun = name_words().apposition_nouns.iter().any(|n| {
        l.strip_suffix(n.as_str())
            .is_some_and(|stem| stem.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
    });
    let elided = ["l'", "l’", "d'", "d’"]
        .iter()
        .find_map(|a| l.starts_with(a).then(|| &w[a.len()..]))
        .unwrap_or(w);
    noun && !elided.contains(['\'', '’'])
        && !is_org_keyword(elided)
        && !is_type_compound(elided)
        && !is_compound_name(elided)
}

/// The place a demonym or place adjective names ("Antwerps", "Antwerpener", "Belgische"),
/// from the lexicons' demonym tables, or by their suffix rules checked against the
/// gazetteer.
pub(super) fn demonym_place(w: &str) -> Option<&'static crate::gazetteer::Place> {
    demonym_place_in(w, false)
}

/// [`demonym_place`]; with `place_context` (the adjective stands right before the
/// victim's name or a type word) a stop-listed place, a village or small town may be its
/// base ("Essener" → Essen, "Hartberger Privatklinik" → Hartberg): a place adjective before
/// an organisation's type word names a place as surely as "in Hartberg" does.
pub(super) fn demonym_place_in(
    w: &str,
    place_context: bool,
) -> Option<&'static crate::gazetteer::Place> {
    let g = Gazetteer::get();
    let lookup = |n: &str| {
        if place_context {
            g.lookup_village(n).or_else(|| g.lookup_head_word(n))
        } else {
            g.lookup(n)
        }
    };
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
            && let Some(p) = lookup(&format!("{stem}{repl}"))
            && p.kind == PlaceKind::City
        {
            return Some(p);
        }
    }
    None
}

/// `name` (the [`clean_name`] of `raw`, a capitalised phrase right after a type noun) with
/// the capitalised article `raw` opens with put back: after "clinique", "ziekenhuis" or
/// "EHPAD" an article starts the name ("clinique La Providence", "ziekenhuis De
/// Tjongerschans", "EHPAD Les Glycines"), where [`clean_name`] drops one that opens a
/// sentence.
fn with_leading_article(raw: &str, name: String) -> String {
    let mut words = raw.split_whitespace();
    let (Some(first), Some(_)) = (words.next(), words.next()) else {
        return name;
    };
    let capitalised = first.chars().next().is_some_and(char::is_uppercase);
    if capitalised
        && !first.ends_with(['\'', '’'])
        && name_words().articles.contains_key(first)
        && !name.starts_with(first)
        && raw.trim_start()[first.len()..]
            .trim_start()
            .starts_with(name.as_str())
    {
        format!("{first} {name}")
    } else {
        name
    }
}

/// Cleans a capitalised phrase: drops leading sentence words and a trailing possessive.
pub(super) fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    // "attaqué l'Hôpital du Ry-Ponet": an elided article glued to a capitalised word is
    // not part of the name ("Hôpital du Ry-Ponet"); an elided "d'" is ("polyclinique
    // d'Ardon").
    if let Some(w) = words.first().copied()
        && let Some(rest) = ["l'", "l’", "L'", "L’"]
            .iter()
            .find_map(|a| w.strip_prefix(a))
        && rest.chars().next().is_some_and(char::is_uppercase)
    {
        words[0] = rest;
    }
    while let Some(w) = words.first() {
        let possessive = (w.ends_with("'s") || w.ends_with("’s")) && words.len() > 1;
        if is_leading_stop(w) || WEEKDAYS_MONTHS.contains(w) || possessive {
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
        // An article before a single word that is no type or keyword opens the name:
        // "De Gavers", "La Providence", "Les Glycines" (not "Das Klinikum").
        if owned.len() == 2
            && nw.articles.contains_key(&w)
            && w.chars().next().is_some_and(char::is_uppercase)
            && !is_org_keyword(&owned[1])
            && !is_type_noun_word(&owned[1])
            && !is_compound_name(&owned[1])
        {
            break;
        }
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
        let rest_has_kw = owned[1..]
            .iter()
            .any(|t| is_org_keyword(t) || is_compound_name(t));
        // "Beschäftigten der Eschweger Rehaklinik am Leuchtberg", "Daten der Rehaklinik am
        // Leuchtberg": a counted noun (people, things) or a thing an organisation has
        // (lexicon `name_owned_nouns`) before an article and an organisation keyword or
        // type is what belongs to the organisation, not its name.
        if owned.len() >= 3
            && (nw.count_nouns.contains(&w.to_lowercase())
                || lexicon::all()
                    .iter()
                    .any(|l| l.owned_noun.as_ref().is_some_and(|r| r.is_match(&w))))
            && nw
                .articles
                .keys()
                .any(|a| a.eq_ignore_ascii_case(&owned[1]))
            && owned[2..].iter().any(|t| {
                is_org_keyword(t)
                    || is_compound_name(t)
                    || is_type_noun_word(t)
                    || is_type_compound(t)
            })
            && !is_org_keyword(&w)
        {
            owned.drain(..2);
            continue;
        }
        // "Eschweger Rehaklinik am Leuchtberg": a generic type compound with words after it
        // is the name's head too.
        let rest_has_type = owned.len() >= 3 && is_type_compound(&owned[1]);
        if (rest_has_kw || rest_has_type) && demonym_place(&w).is_some() && !is_org_keyword(&w) {
            owned.remove(0);
            continue;
        }
        if nw.generic.contains(&w) && is_org_keyword(&owned[1]) {
            owned.remove(0);
            continue;
        }
        // "Der Essener IT-Dienstleister Bitmarck" → "Bitmarck": a place adjective before
        // a type noun, and a type noun before the name, are not part of it.
        if owned.len() >= 3 && is_type_noun_word(&owned[1]) && demonym_place_in(&w, true).is_some()
        {
            owned.remove(0);
            continue;
        }
        // "De Deventer thuiszorgorganisatie X": a town's own name before a lower-case type
        // noun is a place adjective too.
        if owned.len() >= 3
            && owned[1].chars().next().is_some_and(char::is_lowercase)
            && is_type_word(&owned[1])
            && Gazetteer::get()
                .lookup(&w)
                .is_some_and(|p| p.kind == PlaceKind::City)
        {
            owned.drain(..2);
            continue;
        }
        if is_type_noun_word(&w) {
            owned.remove(0);
            continue;
        }
        break;
    }
    // A German genitive ("die Server des Dialysezentrums Gäuboden GmbH", "des Klinikums
    // X", "des Krankenhauses Y"): the type word's nominative, when that is an organisation
    // keyword or a compound name ("Marienhospitals").
    if owned.len() >= 2 && !is_org_keyword(&owned[0]) && !is_compound_name(&owned[0]) {
        let w = owned[0].clone();
        let nominative = ["es", "s"].iter().find_map(|e| {
            w.strip_suffix(e)
                .filter(|n| n.chars().count() >= 4 && (is_org_keyword(n) || is_compound_name(n)))
        });
        if let Some(n) = nominative {
            owned[0] = n.to_string();
        }
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
    // A date the capitalised words ran into ("die Spitex X Ende Dezember 2025 verlassen"):
    // a month or weekday of any lexicon (four letters or more: "Jan" may end a saint's
    // name) and the month prefixes before it ("Ende", "Anfang", "Mitte").
    let calendar = |w: &str| {
        let lw = w.trim_end_matches(['.', ',']).to_lowercase();
        lw.chars().count() >= 4 && lexicon::is_calendar_word(&lw)
    };
    if words.len() > 2 && words.last().is_some_and(|w| calendar(w)) {
        words.pop();
        while words.len() > 2
            && words.last().is_some_and(|w| {
                let lw = w.to_lowercase();
                lexicon::all()
                    .iter()
                    .any(|l| l.file.month_prefixes.contains(&lw))
            })
        {
            words.pop();
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
    // A legal form keeps its full stop ("Zorgsoft N.V.", "Example Corp.").
    let legal = nw
        .legal_forms
        .iter()
        .any(|lf| lf.ends_with('.') && name.ends_with(&format!(" {lf}")));
    let name = if legal {
        name.trim_end_matches([',', ':', ';']).trim().to_string()
    } else {
        name.trim_end_matches(['.', ',', ':', ';'])
            .trim()
            .to_string()
    };
    if name.chars().count() < 2 {
        return None;
    }
    // "BANGOR, Maine — …": a dateline's city in capitals is a place, not an organisation
    // (an acronym that is no city — "AZ", "CHU", "UZ" — stays).
    if !name.contains(char::is_whitespace)
        && name.chars().count() >= 4
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && Gazetteer::get()
            .lookup_ci(&name)
            .is_some_and(|p| p.kind == PlaceKind::City)
    {
        return None;
    }
    Some(name)
}

/// A candidate organisation: name, byte offset in the sentence, type context.
pub(super) struct OrgCandidate {
    pub(super) name: String,
    pub(super) at: usize,
    /// The type phrase the rule saw next to the name, if any.
    pub(super) type_hint: Option<String>,
    /// Named inside a clause that lists what another organisation runs ("X, which runs
    /// A and B"; lexicon `operator_cues`): a site, never the victim.
    pub(super) site: bool,
}

pub(super) fn org_candidates(s: &str) -> Vec<OrgCandidate> {
    // A legal form written in lower case closes a name ("Sonian Home Care vzw, a …",
    // "Hospiz am See gGmbH"): the lexicons' `legal_forms` that no capital starts.
    static LOWER_LEGAL: OnceLock<String> = OnceLock::new();
    let lower_legal = LOWER_LEGAL.get_or_init(|| {
        let alts: Vec<String> = name_words()
            .legal_forms
            .iter()
            .filter(|l| l.chars().next().is_some_and(char::is_lowercase))
            .map(|l| regex::escape(l))
            .collect();
        if alts.is_empty() {
            String::new()
        } else {
            format!(r"(?:\s+(?:{})\b)?", alts.join("|"))
        }
    });
    static PHRASE: OnceLock<Regex> = OnceLock::new();
    let phrase = PHRASE.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"{CAP}(?:\s+(?:{CONNECT}\s+)*{CAP})*{lower_legal}"
        )))
        .expect("re")
    });
    // "pathology provider Synnovis", "l'intercommunale Vivalia": the lexicons' type nouns
    // before a name (longest first).
    static TYPED: OnceLock<Option<Regex>> = OnceLock::new();
    let typed = TYPED.get_or_init(|| {
        let mut nouns: Vec<String> = lexicon::all()
            .iter()
            .flat_map(|l| l.file.type_nouns.iter().map(|n| regex::escape(n)))
            .collect();
        if nouns.is_empty() {
            return None;
        }
        nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
        nouns.dedup();
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"(?i:\b((?:\p{{L}}+-?)?(?:{})))\s+({CAP}(?:\s+(?:{CONNECT}\s+)*{CAP})*)",
            nouns.join("|")
        )))
        .ok()
    });
    static APPOS: OnceLock<Regex> = OnceLock::new();
    let appos = APPOS.get_or_init(|| {
        Regex::new(&crate::text::ascii_boundaries(&format!(
            r"({CAP}(?:\s+(?:{CONNECT}\s+)*{CAP}){{0,6}}{lower_legal}),\s+(?:a|an|the|one of(?: the)?|which (?:runs|operates)|[\p{{Lu}}][\p{{L}}]+['’]s)\s+((?:[\w’'-]+\s+){{0,6}}?(?:hospital (?:chain|group|network|operator)|health (?:system|network)|hospital|hospitals|clinic|insurer|provider|network|group|laboratory|partnership|care home|operator|company|trust|service|organi[sz]ation|firm|subsidiary|unit|processor|chain)s?)\b"
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
            if let Some(name) = clean_name(g.as_str()).map(|n| with_leading_article(g.as_str(), n))
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
                    site: false,
                });
            }
        }
    }
    // Where each type noun starts: a name right before one is what the organisation serves
    // ("NHS software supplier Advanced": NHS is the customer, Advanced the organisation).
    let mut noun_starts: Vec<usize> = Vec::new();
    for c in typed.iter().flat_map(|r| r.captures_iter(s)) {
        let g = c.get(2).expect("group");
        if let Some(name) = clean_name(g.as_str()).map(|n| with_leading_article(g.as_str(), n))
            && !is_place_only(&name)
            && !has_not_org_token(&name)
        {
            noun_starts.push(c.get(1).expect("group 1").start());
            out.push(OrgCandidate {
                name,
                at: g.start(),
                type_hint: Some(c[1].to_lowercase()),
                site: false,
            });
        }
    }
    for c in appos.captures_iter(s) {
        let g = c.get(1).expect("group");
        if let Some(name) = clean_name(g.as_str())
            && !is_place_only(&name)
            && !has_not_org_token(&name)
        {
            // Its own words first: "a developer of record software for care homes".
            let hint = c[2].to_lowercase();
            if describes_non_victim(&hint) {
                continue;
            }
            let own = own_words(&hint);
            out.push(OrgCandidate {
                name,
                at: g.start(),
                type_hint: Some(if org_type(&own).is_some() { own } else { hint }),
                site: false,
            });
        }
    }
    for (name, at, hint) in lexicon_appositions(s) {
        if !out.iter().any(|c| c.at == at && c.name == name) {
            out.push(OrgCandidate {
                name,
                at,
                type_hint: Some(hint),
                site: false,
            });
        }
    }
    let mut site_ranges: Vec<(usize, usize)> = Vec::new();
    for m in phrase.find_iter(s) {
        let Some(name) = clean_name(m.as_str()) else {
            continue;
        };
        // "Krankenhaus am Herrngarten": an organisation word, then a place particle and a
        // place word.
        let name = match place_continuation(s, m.end()) {
            Some(more)
                if m.as_str().trim_end().ends_with(name.as_str())
                    && s[m.start()..].contains(&format!("{name} {more}"))
                    && name
                        .split_whitespace()
                        .any(|t| is_org_keyword(t) || is_type_compound(t)) =>
            {
                // "Eschweger Rehaklinik" + "am Leuchtberg": cleaned whole, the place
                // adjective before the type compound goes.
                let whole = format!("{name} {more}");
                clean_name(&whole).unwrap_or(whole)
            }
            _ => name,
        };
        // "Zorgnet Demer, de vzw die het AZ X … uitbaat": the subject of an operator clause
        // is an organisation, keyword or not; what the clause names are its sites.
        if let Some(clause_end) = operator_clause(s, m.end())
            && !is_place_only(&name)
            && !has_not_org_token(&name)
            && !name
                .split_whitespace()
                .any(|t| name_words().not_actor.contains(t) && t.len() < 4)
        {
            site_ranges.push((m.end(), clause_end));
            let at = m.start() + m.as_str().find(name.as_str()).unwrap_or(0);
            out.push(OrgCandidate {
                name,
                at,
                type_hint: None,
                site: false,
            });
            continue;
        }
        let tokens: Vec<&str> = name.split_whitespace().collect();
        // A capitalised name closed by a legal form ("Fuldatal Pflege GmbH", "Ardent
        // Systems Ltd") names an organisation whatever its other words (lexicon
        // `legal_forms`).
        let legal_name = tokens.len() >= 2
            && tokens[..tokens.len() - 1]
                .iter()
                .all(|t| t.chars().next().is_some_and(char::is_uppercase))
            && tokens
                .last()
                .is_some_and(|t| name_words().legal_forms.iter().any(|l| l == t));
        let has_kw = legal_name
            || tokens
                .iter()
                .any(|t| is_org_keyword(t) || is_compound_name(t) || is_type_compound(t));
        if !has_kw
            || tokens.len() < 2
                && !tokens[0].chars().all(|c| c.is_uppercase())
                && !is_compound_name(tokens[0])
        {
            continue;
        }
        if tokens.len() < 2 && ["AZ", "CHU", "CHR", "CHC", "DHB"].contains(&tokens[0]) {
            continue;
        }
        // "virus hits NHS trust": an acronym right before a lower-case type noun (lexicon
        // `type_nouns`, one word) qualifies that noun; it is not the organisation's name.
        if tokens.len() < 2 {
            let next = s[m.end()..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches(['.', ',', ';', ':']);
            let type_noun = next.chars().next().is_some_and(char::is_lowercase)
                && lexicon::all().iter().any(|l| {
                    l.file
                        .type_nouns
                        .iter()
                        .any(|n| !n.contains(' ') && n.eq_ignore_ascii_case(next))
                });
            if type_noun {
                continue;
            }
        }
        if has_not_org_token(&name) {
            continue;
        }
        // "IT-Systeme der Katholischen Hospitalvereinigung X", "Patienten des Klinikums X":
        // words before an article that hold no organisation word are not part of the name.
        let name = article_cut(&name)
            .and_then(|n| clean_name(&n))
            .unwrap_or(name);
        let tokens: Vec<&str> = name.split_whitespace().collect();
        if tokens.len() < 2
            && !tokens[0].chars().all(|c| c.is_uppercase())
            && !is_compound_name(tokens[0])
        {
            continue;
        }
        // Searched from the phrase's start, not inside it: a name continued past the phrase
        // ("Krankenhaus am Herrngarten") is longer than the phrase.
        let at = m.start() + s[m.start()..].find(name.as_str()).unwrap_or(0);
        // Co-victims in one phrase: "North Example Regional Hospital and Example Valley
        // Medical Center" — split when every part is itself an organisation name.
        let parts = split_co_victims(&name);
        let all_orgs = parts.len() > 1
            && parts.iter().all(|p| {
                let t: Vec<&str> = p.split_whitespace().collect();
                t.len() >= 2 && t.iter().any(|w| is_org_keyword(w))
            });
        if all_orgs {
            let mut from = 0usize;
            for p in &parts {
                let p = p.as_str();
                let off = name[from..].find(p).map(|x| x + from).unwrap_or(from);
                from = off + p.len();
                out.push(OrgCandidate {
                    name: p.to_string(),
                    at: at + off,
                    type_hint: None,
                    site: false,
                });
            }
            continue;
        }
        out.push(OrgCandidate {
            name,
            at,
            type_hint: None,
            site: false,
        });
    }
    // The owner of stolen data named as a modifier ("publishes stolen NHS data") is not the
    // organisation attacked. English only: in Dutch, German and French a name before a
    // noun is no modifier ("bij Labrijn B.V. gegevens … buitgemaakt": the noun is the
    // verb's object; the owner is "gegevens van X", "Daten der X", below).
    out.retain(|c| {
        let end = c.at + c.name.len();
        let after = s.get(end..).unwrap_or("");
        !re!(r"(?i)^(?:['’]s)?\s+(?:patient\s+|patients['’]?\s+|staff\s+|customer\s+)?(?:data|records|information|files)\b").is_match(after)
    });
    // "the blood test data of NHS patients", "les données de patients de X": the
    // organisation qualifying the people whose data it was owns the data.
    out.retain(|c| {
        let end = c.at + c.name.len();
        let after = s.get(end..).unwrap_or("");
        let before = &s[floor_boundary(s, c.at.saturating_sub(40))..c.at];
        !(re!(r"(?i)\b(?:data|records|information|details|gegevens|données|daten)\s+(?:of|from|van|des|de|von)\s+(?:the\s+|het\s+|de\s+|la\s+|les\s+|die\s+|der\s+)?$").is_match(before)
            && re!(r"(?i)^\s+(?:patients|staff|employees|customers|members|patiënten|medewerkers|leden|Patienten|Mitarbeiter\w*|Versicherte\w*|adhérents|salariés)\b").is_match(after))
    });
    out.retain(|c| {
        let end = c.at + c.name.len();
        !noun_starts
            .iter()
            .any(|&n| n >= end && s.get(end..n).is_some_and(|gap| gap.trim().is_empty()))
    });
    for c in out.iter_mut() {
        c.site = site_ranges.iter().any(|(a, b)| c.at >= *a && c.at < *b);
    }
    out.sort_by_key(|c| c.at);
    out
}

/// The place part of a name after an organisation phrase ending at `end` in `s`: a lexicon
/// `name_place_particles` particle and one or two capitalised words ("am Herrngarten", "an
/// der Förde"), not a weekday or month ("am Montag"), not an organisation or type word
/// ("im Klinikum"). `None` when the text after `end` is not such a continuation.
fn place_continuation(s: &str, end: usize) -> Option<String> {
    let nw = name_words();
    let rest = s.get(end..)?;
    let after = rest.strip_prefix(' ')?;
    let particle = nw
        .place_particles
        .iter()
        .find(|p| after.starts_with(p.as_str()) && after[p.len()..].starts_with(' '))?;
    let mut words = Vec::new();
    for w in after[particle.len()..].split_whitespace().take(2) {
        let core = w.trim_end_matches(['.', ',', ';', ':', ')', '—', '–']);
        let capital = core.chars().next().is_some_and(char::is_uppercase)
            && core.chars().count() >= 3
            && core.chars().all(|c| c.is_alphabetic() || c == '-');
        let lower = core.to_lowercase();
        if !capital
            || lexicon::is_calendar_word(&lower)
            || WEEKDAYS_MONTHS.contains(&core)
            || is_org_keyword(core)
            || org_type(core).is_some()
            || is_leading_stop(core)
        {
            break;
        }
        words.push(core);
        if core.len() != w.len() {
            break;
        }
    }
    (!words.is_empty()).then(|| format!("{particle} {}", words.join(" ")))
}

/// Names whose apposition opens with an organisation noun of the lexicons
/// (`apposition_nouns`, also as a compound's end): "Praktijkdata B.V., leverancier van het
/// huisartseninformatiesysteem …", "PracticeLink Systems, a Leeds-based supplier of …",
/// "Bitmarck, ein IT-Dienstleister …", "X, éditeur de logiciels …". Up to five words may
/// stand between the article and the noun, none a short lower-case function word ("of",
/// "van", "für": "John Smith, director of the provider" names a person) other than a
/// coordinator (lexicon `clause_coordinators`: "a residential and community addiction
/// treatment provider"). Returns the name, its byte offset and the apposition up to its
/// comma (lower case) as type phrase.
pub(super) fn lexicon_appositions(s: &str) -> Vec<(String, usize, String)> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let nw = name_words();
        if nw.apposition_nouns.is_empty() {
            return None;
        }
        let mut arts: Vec<String> = nw
            .articles
            .keys()
            .filter(|a| !a.ends_with(['\'', '’']))
            .map(|a| regex::escape(&a.to_lowercase()))
            .collect();
        arts.sort_by_key(|a| std::cmp::Reverse(a.len()));
        arts.dedup();
        let nouns: Vec<String> = nw
            .apposition_nouns
            .iter()
            .map(|n| regex::escape(n))
            .collect();
        Regex::new(&format!(
            r"({CAP}(?:\s+(?:{CONNECT}\s+)*{CAP}){{0,6}}),\s+(?i:((?:(?:{})\s+|[ld]['’])?)((?:[\p{{L}}\p{{N}}’'-]+\s+){{0,5}}?)[\p{{L}}-]*?(?:{}))(?:[\s,.;:)]|$)",
            arts.join("|"),
            nouns.join("|")
        ))
        .ok()
    });
    let Some(re) = re else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(s) {
        let g = c.get(1).expect("group 1");
        let pre = c.get(3).map_or("", |m| m.as_str());
        // A coordinator joins two modifiers ("a residential and community addiction
        // treatment provider"); any other short lower-case word is a function word.
        let function_word = pre.split_whitespace().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().count() <= 4
                && !lexicon::all()
                    .iter()
                    .any(|l| l.file.clause_coordinators.iter().any(|c| c == w))
        });
        if function_word {
            continue;
        }
        let Some(name) = clean_name(g.as_str()) else {
            continue;
        };
        if is_place_only(&name) || has_not_org_token(&name) {
            continue;
        }
        let at = g.start() + g.as_str().find(name.as_str()).unwrap_or(0);
        let from = c.get(2).expect("group 2").start();
        let rest = &s[from..];
        let hint = rest
            .split([',', '.', ';'])
            .next()
            .unwrap_or(rest)
            .trim()
            .to_lowercase();
        // Its own words first ("a developer of record software for care homes" → "a
        // developer of record software"; lexicon `apposition_ends`), the whole apposition
        // when they name no type ("leverancier van het huisartseninformatiesysteem").
        if describes_non_victim(&hint) {
            continue;
        }
        let own = own_words(&hint);
        let hint = if org_type(&own).is_some() { own } else { hint };
        out.push((name, at, hint));
    }
    out
}

/// Does an apposition describe a firm reporting on or helping with the attack ("a
/// cybersecurity company", "een beveiligingsbedrijf", "ein IT-Sicherheitsunternehmen";
/// lexicon `apposition_not_victim`)?
fn describes_non_victim(apposition: &str) -> bool {
    lexicon::all().iter().any(|l| {
        l.apposition_not_victim
            .as_ref()
            .is_some_and(|r| r.is_match(apposition))
    })
}

/// A type phrase cut where what the organisation serves begins (lexicon
/// `apposition_ends` of every language; the first word is never the end), as
/// `Ctx::own_type_phrase` does with the document's lexicons.
fn own_words(phrase: &str) -> String {
    let first = phrase.split_whitespace().next().unwrap_or("");
    let from = phrase.find(first).map_or(0, |p| p + first.len());
    let mut a = phrase.to_string();
    for l in lexicon::all() {
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

/// The end of an operator clause right after byte `end` of `s` ("…, which runs A and B",
/// "…, de vzw die A en B uitbaat", "…, qui regroupe A", "…, der A betreibt"; lexicon
/// `operator_cues`): for a verb-final clause the verb, otherwise the end of the clause
/// (the next `;`, the sentence's end, or 160 bytes).
pub(super) fn operator_clause(s: &str, end: usize) -> Option<usize> {
    let rest = s.get(end..)?;
    let m = lexicon::all()
        .iter()
        .find_map(|l| l.operator_cue.as_ref()?.find(rest))?;
    let tail = &rest[m.end()..];
    let verb_first = tail
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| !c.is_alphanumeric())
        || m.as_str().split_whitespace().count() <= 3;
    let clause = if verb_first {
        let lim = ceil_boundary(rest, m.end() + 160);
        rest[..lim].find(';').unwrap_or(lim)
    } else {
        m.end()
    };
    Some(end + clause.max(m.end()))
}

/// The type an operator clause gives its subject: two or more hospitals named in it, or
/// a plural that says so ("les hôpitaux", "elf Krankenhäuser"), make a `hospital
/// network`; care homes ("zes woonzorgcentra", "neun Seniorenheime") a `care home`.
pub(super) fn operator_type(ctx: &Ctx, name: &str) -> Option<&'static str> {
    let forms = name_forms(name);
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        for form in &forms {
            let Some(p) = s.find(form.as_str()) else {
                continue;
            };
            if let Some(t) = operated_type(s, p + form.len()) {
                return Some(t);
            }
        }
    }
    // "X ist Opfer … geworden. … in das Netzwerk des Unternehmens eingedrungen, das 14
    // Pflegeeinrichtungen betreibt": a generic noun for the organisation just named
    // (lexicon `operator_anaphors`) before an operator clause, in the sentence naming it
    // or the next one.
    let anaphors: Vec<String> = ctx
        .lex
        .iter()
        .flat_map(|l| l.file.operator_anaphors.iter().map(|w| w.to_lowercase()))
        .collect();
    if anaphors.is_empty() {
        return None;
    }
    for i in 0..ctx.len() {
        if !forms.iter().any(|f| ctx.sentence(i).contains(f.as_str())) {
            continue;
        }
        for k in [i, i + 1].into_iter().filter(|&k| k < ctx.len()) {
            let s = ctx.sentence(k);
            let lower = s.to_lowercase();
            for a in &anaphors {
                for (p, _) in lower.match_indices(a.as_str()) {
                    let end = p + a.len();
                    let whole = !lower[..p]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && !lower[end..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    // Lower-casing may move byte offsets; only an unchanged prefix is used.
                    if whole
                        && s.is_char_boundary(end)
                        && s[..end].to_lowercase() == lower[..end]
                        && let Some(t) = operated_type(s, end)
                    {
                        return Some(t);
                    }
                }
            }
        }
    }
    None
}

/// The type an operator or operates clause right after byte `end` of `s` gives the
/// organisation before it (see [`operator_type`]).
fn operated_type(s: &str, end: usize) -> Option<&'static str> {
    let clause_end = operator_clause(s, end).or_else(|| operates_clause(s, end))?;
    // A verb-second clause ends at its verb ("…, basé à X et qui regroupe"): its object
    // runs on to the next comma ("les hôpitaux de Villefranche, …").
    let clause_end = clause_end.min(s.len());
    let ext = s[clause_end..]
        .find([',', ';', '.'])
        .map_or(s.len(), |k| clause_end + k);
    let clause = &s[end..ceil_boundary(s, ext.min(clause_end + 160))];
    let hospitals = org_candidates(clause)
        .iter()
        .filter(|c| org_type(&c.name) == Some("hospital"))
        .count();
    // Hospitals among what it runs make a network, whatever else it runs ("les hôpitaux,
    // maisons de repos et centres de santé").
    let runs_hospitals = clause.split_whitespace().any(|w| {
        org_type(w.trim_matches(|c: char| !c.is_alphanumeric())) == Some("hospital network")
    });
    if hospitals >= 2 || runs_hospitals {
        return Some("hospital network");
    }
    org_type(clause).filter(|t| ["hospital network", "care home"].contains(t))
}

/// The end of a main clause that says what the organisation ending at byte `end` runs
/// ("Barts Health runs five hospitals in east London: …", "X baat negen woonzorgcentra
/// uit"; lexicon `operates_cues`): the next `;`, the sentence's end, or 160 bytes.
pub(super) fn operates_clause(s: &str, end: usize) -> Option<usize> {
    let rest = s.get(end..)?;
    let m = lexicon::all()
        .iter()
        .find_map(|l| l.operates.as_ref()?.find(rest))?;
    let lim = ceil_boundary(rest, m.end() + 160);
    Some(end + rest[..lim].find(';').unwrap_or(lim))
}

/// The forms a text uses for one organisation: its name, the name without the trust
/// words of the lexicons' `trust_cues` ("Barts Health NHS Trust" → "Barts Health") and
/// without a trailing legal form (`legal_forms`: "Praktijkdata B.V." → "Praktijkdata").
/// A short form must keep a distinctive word and four letters.
pub(super) fn name_forms(name: &str) -> Vec<String> {
    static CUES: OnceLock<Vec<Regex>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        lexicon::all()
            .iter()
            .flat_map(|l| l.file.trust_cues.iter())
            .filter_map(|p| Regex::new(p).ok())
            .collect()
    });
    let mut out = vec![name.to_string()];
    let mut push = |f: String| {
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        if f.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !distinctive(&f).is_empty()
            && !out.contains(&f)
        {
            out.push(f);
        }
    };
    for r in cues {
        if let Some(m) = r.find(name) {
            push(format!("{} {}", &name[..m.start()], &name[m.end()..]));
        }
    }
    for lf in &name_words().legal_forms {
        if let Some(stem) = name.strip_suffix(lf.as_str())
            && stem.ends_with(' ')
        {
            push(stem.to_string());
            break;
        }
    }
    out
}

/// Is the text between two names only a conjunction or a comma (lexicon
/// `conjunctions`: "and", "en", "et", "und")?
pub(super) fn is_joiner(between: &str) -> bool {
    let b = between.trim();
    b == "," || name_words().conjunctions.iter().any(|c| c == b)
}

/// The parts of one capitalised phrase joined by conjunctions, a part without an
/// organisation word joined to the next ("Alder Hey Children's NHS Foundation Trust and
/// Liverpool Heart and Chest Hospital NHS Foundation Trust" → two names, the second
/// keeping its own "and"). One part when it does not split into organisation names.
pub(super) fn split_co_victims(name: &str) -> Vec<String> {
    let nw = name_words();
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in &words {
        let joiner = nw.conjunctions.iter().any(|c| c == w);
        let complete =
            cur.len() >= 2 && cur.iter().any(|t| is_org_keyword(t) || is_compound_name(t));
        if joiner && complete {
            parts.push(cur.join(" "));
            cur.clear();
        } else {
            cur.push(w);
        }
    }
    if !cur.is_empty() {
        parts.push(cur.join(" "));
    }
    parts
}

/// The part of a capitalised phrase after a lower-case article (lexicon `articles`) when
/// the words before it hold no organisation word and the words after it do ("IT-Systeme
/// der Katholischen Hospitalvereinigung" → "Katholischen Hospitalvereinigung").
pub(super) fn article_cut(name: &str) -> Option<String> {
    let nw = name_words();
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_org = |t: &&str| is_org_keyword(t) || is_compound_name(t);
    for (k, w) in words.iter().enumerate().skip(1) {
        let is_article = w.chars().next().is_some_and(char::is_lowercase)
            && nw.articles.keys().any(|a| a.to_lowercase() == *w);
        if is_article && !words[..k].iter().any(is_org) && words[k + 1..].iter().any(is_org) {
            return Some(words[k + 1..].join(" "));
        }
    }
    None
}

/// Does the phrase hold a word that is never part of an organisation's name (police,
/// ministry, spokesperson — lexicon `not_org_words`), start with a count ("Drei
/// Krankenhäuser", "Two hospitals"), or only describe an organisation by its type
/// ([`is_type_description`])?
pub(super) fn has_not_org_token(name: &str) -> bool {
    let nw = name_words();
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    nw.numbers.contains(&first)
        || first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty()
        || name.split_whitespace().any(|t| nw.not_org.contains(t))
        || is_type_description(name)
}

/// Does the phrase only say what kind of organisation it is, not which one: a lone generic
/// type word ("Pflegeheim", "Hospital", "Ziekenhuis" — a lexicon `org_keywords`,
/// `generic_org_nouns` or `type_nouns` entry that [`org_type`] types; an all-capitals
/// keyword such as "AOK" and an untyped keyword such as "Vivalia" are names and stay)? A
/// demonym before the type word is dropped by [`clean_name`] first ("Eupener Pflegeheim"
/// → "Pflegeheim"). A type word with a town ("hôpital de Cannes") is kept: with a definite
/// article it names the town's hospital.
pub(super) fn is_type_description(name: &str) -> bool {
    let nw = name_words();
    let words: Vec<&str> = name.split_whitespace().collect();
    let generic = |w: &str| {
        let w = w.trim_end_matches(['.', ',', ':', ';']);
        let l = w.to_lowercase();
        !w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            && (nw.org_keywords.iter().any(|k| k.to_lowercase() == l)
                || nw.generic.iter().any(|k| k.to_lowercase() == l)
                || lexicon::all()
                    .iter()
                    .any(|x| x.file.type_nouns.contains(&l)))
            && org_type(w).is_some()
    };
    // "Büllinger Pflegewohnheim", "Tilburgse ambulancedienst": a place adjective and one
    // type word describe an organisation without naming it.
    let demonym_type = |d: &str, w: &str| {
        demonym_place_in(d, true).is_some()
            && !w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            && org_type(w).is_some()
    };
    match words.as_slice() {
        [w] => generic(w),
        [d, w] => demonym_type(d, w),
        _ => false,
    }
}

/// The word after an elided French "d'" / "d’" glued to it ("d'Issoire" → "Issoire").
fn strip_elided_de(word: &str) -> Option<&str> {
    ["d'", "d’"].iter().find_map(|a| word.strip_prefix(a))
}

/// Is the phrase a type word, a preposition and a town only ("hôpital de Lisieux",
/// "ziekenhuis van Aalst", "Klinikum von Stade", "hospital of Bangor"), the type word in
/// lower case (a name's capitalised head — "Hôpital de Jolimont" — is a name)?
fn is_town_description(name: &str) -> bool {
    let mut words = name.splitn(3, char::is_whitespace);
    let (Some(head), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    // "hôpital d'Issoire": the elided preposition is glued to the town.
    let (prep, town) = match strip_elided_de(second) {
        Some(town) if words.next().is_none() => ("d'", town),
        _ => match words.next() {
            Some(town) => (second, town),
            None => return false,
        },
    };
    head.starts_with(char::is_lowercase)
        && org_type(head).is_some()
        && ["de", "du", "d'", "van", "von", "of"].contains(&prep)
        && is_place_only(town)
}

pub(super) fn is_place_only(name: &str) -> bool {
    let g = Gazetteer::get();
    let found = g.find(name);
    found.len() == 1 && found[0].start == 0 && found[0].end == name.len()
        || WEEKDAYS_MONTHS.contains(&name)
}

/// Classifies an organisation type from a name or phrase (lower-cased match).
pub fn org_type(s: &str) -> Option<&'static str> {
    let l = format!(" {} ", s.to_lowercase());
    // A compound written with a hyphen ("Reha-Zentrum", "Huisartsen-wachtpost") is the
    // lexicon's one-word cue too.
    let joined = l.contains('-').then(|| l.replace('-', ""));
    // The lexicons' multi-word cues first ("groupe hospitalier" before "hospitalier"); their
    // single-word cues ("zorggroep", "Seniorenzentrum") after the built-in rules, so that a
    // cue found inside an English word ("spital" in "hospital") cannot override them.
    let lexicon_cues = |multiword: bool| {
        lexicon::all().iter().find_map(|lx| {
            lx.file.org_types.iter().find_map(|[cue, ty]| {
                (cue.contains(' ') == multiword
                    && (l.contains(cue.as_str())
                        || joined.as_deref().is_some_and(|j| j.contains(cue.as_str()))))
                .then_some(ty.as_str())
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
    // A lexicon word that is a compound of a built-in key ("hospitalvereinigung" holds
    // "hospital") says more than the key inside it: whole words only.
    // Which single-word lexicon cues hold a built-in key depends on the data only: found
    // once (it was a per-call scan of every cue against every key, half of the whole
    // extraction's instructions — `cordon bench intel`, callgrind).
    static COMPOUNDS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let compounds = COMPOUNDS.get_or_init(|| {
        lexicon::all()
            .iter()
            .flat_map(|lx| lx.file.org_types.iter())
            .filter(|[cue, _]| {
                !cue.contains(' ')
                    && RULES.iter().any(|(keys, _)| {
                        keys.iter()
                            .any(|k| k.trim().len() < cue.len() && cue.contains(k.trim()))
                    })
            })
            .map(|[cue, ty]| (cue.as_str(), ty.as_str()))
            .collect()
    });
    let compound = compounds.iter().find_map(|&(cue, ty)| {
        let whole = l.match_indices(cue).any(|(p, _)| {
            !l[..p]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !l[p + cue.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        whole.then_some(ty)
    });
    if let Some(t) = compound {
        return Some(t);
    }
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
pub(super) fn names_a_place_before_type(rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("");
    is_org_keyword(next) || name_words().type_starters.contains(next)
}

/// The tokens of a name that tell it apart (not type words, articles or connectors).
pub(super) fn distinctive(name: &str) -> Vec<String> {
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

pub(super) fn is_attack_sentence(ctx: &Ctx, s: &str) -> bool {
    attack_sentence_re().is_match(s) || ctx.lex_match(s, |l| l.attack.as_ref())
}

/// (Session 34) A break-in told by how the intruder got in ("Unbekannte haben sich Zugang
/// zum Postfach einer Mitarbeiterin der Spitex X verschafft"; lexicon
/// `initial_access_cues`) or a payment fraud stated done (`fraud_cues`): an attack on the
/// organisation named there though no attack word is used. Read for the victim only when
/// no sentence with an attack word names one.
fn is_break_in_sentence(ctx: &Ctx, s: &str) -> bool {
    ctx.lex_match(s, |l| l.initial_access.as_ref()) || ctx.lex_match(s, |l| l.fraud.as_ref())
}

/// The value of a tracker field line `Label: value` whose label is one of `labels` of the
/// document's lexicons (compared case-insensitively, whole label; a leading list marker
/// `+ `, `- `, `* ` is skipped). Returns the value's byte offset in `s` and the value.
pub(super) fn label_value<'s>(
    ctx: &Ctx,
    s: &'s str,
    labels: impl Fn(&lexicon::LexiconFile) -> &Vec<String>,
) -> Option<(usize, &'s str)> {
    let colon = s.find(':')?;
    let label = s[..colon]
        .trim()
        .trim_start_matches(['+', '-', '*', '•'])
        .trim();
    // A label is a short phrase: at most four words.
    if label.is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    let known = ctx.lex.iter().any(|l| {
        labels(&l.file)
            .iter()
            .any(|x| x.to_lowercase() == label.to_lowercase())
    });
    if !known {
        return None;
    }
    let rest = &s[colon + 1..];
    let value = rest.trim();
    if value.is_empty() {
        return None;
    }
    let at = colon + 1 + (rest.len() - rest.trim_start().len());
    Some((at, value))
}

/// The organisations a tracker names in a victim field ("Victim: X", "Slachtoffer: X",
/// "Opfer: X (UKD)", "Victims: X; Y"): several are separated by `;`. A trailing
/// parenthesised acronym is dropped; a value that is a place, a count or holds a word
/// never part of an organisation's name is not a victim.
pub(super) fn labelled_victims(ctx: &Ctx) -> (Vec<Victim>, Option<usize>) {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let Some((_, value)) = label_value(ctx, s, |f| &f.victim_labels) else {
            continue;
        };
        let mut out: Vec<Victim> = Vec::new();
        for part in value.split(';') {
            // "Victim: X, Rotterdam, Netherlands": what follows a comma or a dash is the
            // place or a note, not the name.
            // "Organisation: X (sites in A, B and C)": a parenthesis is a note.
            let part = part.split(" (").next().unwrap_or(part);
            let part = part
                .split([',', '|'])
                .next()
                .unwrap_or("")
                .split(" - ")
                .next()
                .unwrap_or("")
                .split(" – ")
                .next()
                .unwrap_or("")
                .trim();
            let part = match part.rfind(" (") {
                Some(p) if part.ends_with(')') => part[..p].trim(),
                _ => part,
            };
            let words = part.split_whitespace().count();
            if words == 0 || words > 12 || !part.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let Some(name) = clean_name(part) else {
                continue;
            };
            if is_place_only(&name) || has_not_org_token(&name) {
                continue;
            }
            let ty = org_type(&name)
                .or_else(|| appositive_type(ctx, &name, false))
                .or_else(|| type_elsewhere(ctx, &name))
                .unwrap_or(NOT_STATED);
            if !out.iter().any(|v| v.name == name) {
                out.push(Victim {
                    name,
                    org_type: ty.to_string(),
                    provenance: Provenance::Stated,
                    evidence: ctx.evidence(i),
                });
            }
        }
        if !out.is_empty() {
            return (out, Some(i));
        }
    }
    (Vec::new(), None)
}

/// An operating body typed by what it runs (lexicon `trust_cues`: "X NHS Foundation
/// Trust"): several hospitals — "Hospitals" in its name, or two or more hospitals named
/// in a sentence that names it — make it a `hospital network`; otherwise what its name
/// says without the trust words ("Liverpool Heart and Chest Hospital" → `hospital`), and
/// `hospital` when that says nothing. Names with a lexicon `trust_other_words` word
/// ("Ambulance", "Mental Health") keep their type.
pub(super) fn trust_type(ctx: &Ctx, name: &str) -> Option<&'static str> {
    static CUES: OnceLock<Vec<Regex>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        lexicon::all()
            .iter()
            .flat_map(|l| l.file.trust_cues.iter())
            .filter_map(|p| Regex::new(p).ok())
            .collect()
    });
    let m = cues.iter().find_map(|r| r.find(name))?;
    let other = lexicon::all()
        .iter()
        .flat_map(|l| l.file.trust_other_words.iter())
        .any(|w| name.contains(w.as_str()));
    if other {
        return None;
    }
    let own = format!("{} {}", &name[..m.start()], &name[m.end()..]);
    let own_type = org_type(&own);
    if own_type == Some("hospital network") {
        return own_type;
    }
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if !s.contains(name) {
            continue;
        }
        let mut sites: Vec<String> = Vec::new();
        for c in org_candidates(s) {
            if c.name != name
                && !name.contains(c.name.as_str())
                && org_type(&c.name) == Some("hospital")
                && !sites.contains(&c.name)
            {
                sites.push(c.name);
            }
        }
        if sites.len() >= 2 {
            return Some("hospital network");
        }
    }
    Some(own_type.unwrap_or("hospital"))
}

/// Co-victims named with the victim in a later sentence about the attack ("… has listed
/// X and Y on its leak site" after a headline naming X alone): organisations joined to
/// the victim's name by a conjunction or a comma.
pub(super) fn later_co_victims(ctx: &Ctx, v: &mut Vec<Victim>) {
    let Some(first) = v.first().map(|x| x.name.clone()) else {
        return;
    };
    if first == NOT_STATED || v.len() > 1 {
        return;
    }
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if ctx.advisory[i] || !is_attack_sentence(ctx, s) {
            continue;
        }
        let cands = org_candidates(s);
        let Some(k) = cands.iter().position(|c| c.name == first) else {
            continue;
        };
        let mut end = cands[k].at + cands[k].name.len();
        for c in cands.iter().skip(k + 1) {
            if c.at < end || !s.get(end..c.at).is_some_and(is_joiner) {
                break;
            }
            end = c.at + c.name.len();
            if ctx.is_destination(s, c.at) || v.iter().any(|x| x.name == c.name) {
                continue;
            }
            v.push(Victim {
                name: c.name.clone(),
                org_type: org_type(&c.name)
                    .or_else(|| c.type_hint.as_deref().and_then(org_type))
                    .unwrap_or(NOT_STATED)
                    .to_string(),
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            });
        }
        if v.len() > 1 {
            return;
        }
    }
}

/// The victims of the focal text; `own_names` are the page's own names outside it (the
/// site's name, the footer's first items), read to name in full a victim read as one
/// bare word ([`fuller_name`]).
pub(super) fn victims(ctx: &Ctx, own_names: &[&str]) -> (Vec<Victim>, Option<usize>) {
    let (mut v, at) = victims_typed(ctx);
    // Whatever rule found it, a phrase that only says what kind of organisation was hit
    // ("Pflegeheim", "Hospital") names no one: no victim beats a wrong one.
    // Nor does a question ("Is this linked to other NHS cyber attacks?", an FAQ heading),
    // whoever it mentions.
    // A lone type noun ("Dienstleister" of "Cyberangriff bei einem Dienstleister") neither.
    v.retain(|x| {
        !is_type_description(&x.name)
            && !is_lone_type_noun(&x.name)
            && !x.evidence.sentence.trim_end().ends_with('?')
    });
    // "l'hôpital de Lisieux" beside "Centre hospitalier Val-de-Touques": a type word and
    // its town describe the town's organisation, which the named victim is; the
    // description is no co-victim.
    if v.iter().any(|x| !is_town_description(&x.name)) {
        v.retain(|x| !is_town_description(&x.name));
    }
    let at = if v.is_empty() { None } else { at };
    for x in v.iter_mut() {
        fuller_name(ctx, x, own_names);
    }
    later_co_victims(ctx, &mut v);
    for x in v.iter_mut() {
        if let Some(t) = operator_type(ctx, &x.name).or_else(|| trust_type(ctx, &x.name)) {
            x.org_type = t.to_string();
        }
    }
    (v, at)
}

/// A victim read as one bare word ("aucun système de l'EMS n'a été piraté") that the page
/// names in full elsewhere, as a name opening with that word ("EMS de la Paudèze" in the
/// site's name or its footer, or in a sentence about the attack; session 36), is named so.
/// Only when every such name of the page is the same one: "Ascension" beside "Ascension
/// St. Agnes Hospital" and "Ascension Via Christi" stays as read, and a name in a sentence
/// not about the attack ("le personnel de l'EMS Bellevue a prêté main-forte") is none.
/// The evidence stays the sentence that read the victim; the type is read again from the
/// fuller name. `also` are the page's own names outside the focal sentences (the site's
/// name, the footer's first items), read first.
fn fuller_name(ctx: &Ctx, x: &mut Victim, also: &[&str]) {
    if x.name == NOT_STATED || x.name.contains(char::is_whitespace) {
        return;
    }
    let prefix = format!("{} ", x.name);
    let fits = |c: &OrgCandidate| {
        c.name.starts_with(&prefix)
            && !is_type_description(&c.name)
            && !is_town_description(&c.name)
            && !has_not_org_token(&c.name)
            && !distinctive(&c.name).is_empty()
    };
    let all: Vec<OrgCandidate> = also
        .iter()
        .copied()
        .chain((0..ctx.len()).map(|i| ctx.sentence(i)))
        .flat_map(org_candidates)
        .filter(|c| fits(c))
        .collect();
    if all.iter().any(|c| c.name != all[0].name) {
        return;
    }
    let fuller = also
        .iter()
        .copied()
        .chain(
            (0..ctx.len())
                .filter(|&i| {
                    let s = ctx.sentence(i);
                    !ctx.advisory[i] && !s.trim_end().ends_with('?') && is_attack_sentence(ctx, s)
                })
                .map(|i| ctx.sentence(i)),
        )
        .flat_map(org_candidates)
        .find(|c| fits(c));
    if let Some(c) = fuller {
        if let Some(t) = org_type(&c.name).or_else(|| c.type_hint.as_deref().and_then(org_type)) {
            x.org_type = t.to_string();
        }
        x.name = c.name;
    }
}

fn victims_typed(ctx: &Ctx) -> (Vec<Victim>, Option<usize>) {
    // A tracker's victim field names the attacked organisation(s) outright.
    let (labelled, at) = labelled_victims(ctx);
    if !labelled.is_empty() {
        return (labelled, at);
    }
    // A break-in sentence names the victim only by its name: an unnamed one by its type
    // ("une e-mail … d'un hôpital") is more often a sender or a partner.
    let (mut v, at) = match victims_first(ctx, is_attack_sentence) {
        (v, at) if v.is_empty() => match victims_first(ctx, is_break_in_sentence) {
            (w, wat) if w.iter().any(|x| x.name != NOT_STATED) => (w, wat),
            _ => (v, at),
        },
        found => found,
    };
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
                    // Or, for a headline's town description ("l'hôpital de Lisieux"), an
                    // organisation of the same type in the sentence that names the town
                    // ("Le Centre hospitalier Val-de-Touques, à Lisieux, a été frappé").
                    let town_named = is_town_description(&first.name)
                        && first
                            .name
                            .rsplit(char::is_whitespace)
                            .next()
                            .map(|t| strip_elided_de(t).unwrap_or(t))
                            .is_some_and(|town| s.contains(town))
                        && !is_town_description(&c.name)
                        && !has_not_org_token(&c.name)
                        && org_type(&c.name).is_some_and(|t| t == first.org_type);
                    if town_named
                        || c.name.len() > first.name.len()
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

/// Is `name` one type noun of the lexicons (`type_nouns`, `apposition_nouns`:
/// "Dienstleister", "Unternehmen")? A kind, never a name.
fn is_lone_type_noun(name: &str) -> bool {
    let l = name.to_lowercase();
    !name.contains(' ')
        && (name_words().apposition_nouns.contains(&l)
            || lexicon::all()
                .iter()
                .any(|lx| lx.file.type_nouns.contains(&l)))
}

/// Is the object of an attack cue in `s` an indefinite type phrase ("Cyberangriff auf einen
/// externen Dienstleister", "an attack on a supplier", "une attaque contre un
/// prestataire"; lexicon `indefinite_articles`, then a type noun within three words)?
fn indefinite_object(ctx: &Ctx, s: &str) -> bool {
    let indefinite = |w: &str| {
        ctx.lex.iter().any(|l| {
            l.file
                .indefinite_articles
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
        })
    };
    let type_noun = |w: &str| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        !w.is_empty()
            && (org_type(&w).is_some()
                || ctx
                    .lex
                    .iter()
                    .any(|l| l.file.type_nouns.iter().any(|n| w.ends_with(n.as_str()))))
    };
    let mut pos = 0;
    for w in s.split(' ') {
        let at = pos;
        pos += w.len() + 1;
        if !indefinite(w) || !ctx.is_attack_object(s, at) {
            continue;
        }
        return s[pos.min(s.len())..]
            .split_whitespace()
            .take(3)
            .any(type_noun);
    }
    false
}

/// Does `s` open with a definite article and a type noun before a victim predicate ("Der
/// Dienstleister wurde am 2. Juni Opfer eines Ransomware-Angriffs", "The supplier was
/// hit")? Then it speaks of the organisation the sentence before named.
fn anaphoric_subject(ctx: &Ctx, s: &str) -> bool {
    let mut it = s.split_whitespace();
    let (Some(article), Some(noun)) = (it.next(), it.next()) else {
        return false;
    };
    let definite = name_words().articles.contains_key(article)
        && !ctx.lex.iter().any(|l| {
            l.file
                .indefinite_articles
                .iter()
                .any(|a| a.eq_ignore_ascii_case(article))
        });
    let noun_l = noun.to_lowercase();
    let type_noun = ctx.lex.iter().any(|l| l.file.type_nouns.contains(&noun_l));
    let Some(p) = s.find(noun) else { return false };
    let rest = &s[p + noun.len()..];
    definite
        && type_noun
        && ctx.lex.iter().any(|l| {
            l.victim_predicate
                .as_ref()
                .is_some_and(|r| r.is_match(rest))
        })
}

/// The victim `c` names, stated in sentence `i` (its evidence), of type `ty`: each caller
/// types the candidate its own way (its name, the type phrase beside it, an apposition).
fn victim_from_candidate(ctx: &Ctx, c: OrgCandidate, ty: &str, i: usize) -> Victim {
    Victim {
        name: c.name,
        org_type: ty.to_string(),
        provenance: Provenance::Stated,
        evidence: ctx.evidence(i),
    }
}

/// The first victim named in a sentence `attack` accepts (see [`is_attack_sentence`]).
pub(super) fn victims_first(
    ctx: &Ctx,
    attack: fn(&Ctx, &str) -> bool,
) -> (Vec<Victim>, Option<usize>) {
    // Organisations named beside an attack on an unnamed firm ("X informiert über einen
    // Cyberangriff auf einen externen Dienstleister"): its customers, never the victim.
    let mut customers: Vec<String> = Vec::new();
    let mut kind_only = false;
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        // A question ("Is this linked to other NHS cyber attacks?", an FAQ heading) names
        // no victim, whoever it mentions.
        if ctx.advisory[i] || s.trim_end().ends_with('?') || !attack(ctx, s) {
            continue;
        }
        // A sentence about another incident ("The case comes months after a London
        // pathology provider was hit …") names another victim.
        if !ctx.about_focal(s) {
            continue;
        }
        // An organisation patients or ambulances are sent to is not the victim.
        let cands: Vec<OrgCandidate> = org_candidates(s)
            .into_iter()
            .filter(|c| {
                !c.site
                    && !ctx.is_destination(s, c.at)
                    && !ctx.is_operated_site(s, c.at)
                    && !ctx.is_notified_party(s, c.at)
            })
            .filter(|c| !customers.contains(&c.name) && !is_lone_type_noun(&c.name))
            .collect();
        // "Der Dienstleister wurde … Opfer": the firm the sentence before named (not a
        // customer), once an attack on an unnamed firm was told.
        if kind_only
            && i > 0
            && anaphoric_subject(ctx, s)
            && let Some(c) = org_candidates(ctx.sentence(i - 1))
                .into_iter()
                .find(|c| !c.site && !customers.contains(&c.name))
        {
            let ty = org_type(&c.name)
                .or_else(|| c.type_hint.as_deref().and_then(org_type))
                .or_else(|| appositive_type(ctx, &c.name, true))
                .unwrap_or(NOT_STATED);
            return (vec![victim_from_candidate(ctx, c, ty, i)], Some(i));
        }
        // The object of "attack on" is the victim, before a customer or a site named
        // earlier in the sentence. A name there without an organisation keyword is still
        // the victim; its type comes from the apposition after it ("Y, a pathology lab").
        let mut cands = cands;
        let object = cands.iter().position(|c| ctx.is_attack_object(s, c.at));
        if object.is_none() && indefinite_object(ctx, s) {
            customers.extend(cands.iter().map(|c| c.name.clone()));
            kind_only = true;
            continue;
        }
        if let Some(k) = object {
            let c = cands.remove(k);
            cands.insert(0, c);
        } else if let Some((at, name)) = ctx.unnamed_attack_object(s)
            // A bare type noun ("Angriff auf Kliniken", "auf Krankenkasse", "auf Eupener
            // Pflegeheim") names no one: the search goes on.
            && !is_type_description(&clean_name(&name).unwrap_or_else(|| name.clone()))
            && (name.split_whitespace().count() != 1
                || org_type(&name).is_none()
                || is_compound_name(&name)
                || name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
            && let Some(apposition) = ctx
                .apposition(&s[at + name.len()..])
                .or_else(|| org_type(&name).map(|_| String::new()))
        {
            // "Angriff auf Softwarehersteller Medisys": the type noun is no part of the name.
            let clean = clean_name(&name).unwrap_or_else(|| name.clone());
            let victim = Victim {
                org_type: org_type(&name)
                    .or_else(|| org_type(&apposition))
                    .unwrap_or(NOT_STATED)
                    .to_string(),
                name: clean,
                provenance: Provenance::Stated,
                evidence: ctx.evidence(i),
            };
            return (vec![victim], Some(i));
        } else if let Some((name, _, hint)) = subject_victim(ctx, s)
            && !is_type_description(&name)
            && cands
                .first()
                .is_none_or(|c| c.name != name && name.contains(c.name.as_str()))
        {
            // The subject of "X a été victime", "X ist Opfer … geworden": the victim,
            // whatever its head noun; typed by its own words, then its descriptors and
            // apposition ("Le groupe mouscronnois X, qui gère quatre maisons de repos").
            let ty = org_type(&name)
                .or_else(|| org_type(&ctx.own_type_phrase(&hint)))
                .or_else(|| appositive_type(ctx, &name, true))
                .unwrap_or(NOT_STATED);
            let victim = Victim {
                name,
                org_type: ty.to_string(),
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
                // `get`: a candidate's offset and name need not sit on one char boundary
                // pair when its name was cleaned (a dropped article, a continued name).
                let Some(between) = s.get(between_start..c.at) else {
                    continue;
                };
                if is_joiner(between) {
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
            !customers.contains(&c.name)
                && !ctx.is_destination(s, c.at)
                && !ctx.is_operated_site(s, c.at)
                && !c.site
                && org_type(&c.name)
                    .or_else(|| c.type_hint.as_deref().and_then(org_type))
                    .is_some_and(|t| HEALTH_TYPES.contains(&t))
        }) {
            let ty = org_type(&c.name)
                .or_else(|| c.type_hint.as_deref().and_then(org_type))
                .unwrap_or(NOT_STATED);
            return (vec![victim_from_candidate(ctx, c, ty, i)], Some(i));
        }
    }
    // No named organisation: an unnamed victim described by its type ("a Liège-based
    // hospital group") still gives the sector and place.
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if !ctx.advisory[i]
            && attack(ctx, s)
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

/// The organisation a sentence's subject names when its predicate says it was attacked
/// (lexicon `victim_predicate_cues`: "X a été victime", "X ist … Opfer … geworden", "X is
/// getroffen door", "X was hit by"): a capitalised name whatever its head noun
/// ("Ambulancedienst Veluwe-IJssel", "Résidences Les Hêtres", "ApothekaSoft").
///
/// The subject opens the sentence, after a dateline ("Hagen, 25. April 2024 – "), an
/// article and up to three lower-case descriptors ("Le groupe mouscronnois", "La société
/// luxembourgeoise", "Het ziekenfonds"); between it and the predicate may stand an
/// apposition between commas or the seat ("in Apeldoorn", "mit Sitz in Hagen"). The name
/// runs from a capitalised word to the last capitalised word or legal form before that,
/// at most eight words. Returns the name (cleaned), its byte offset, and the descriptors
/// and apposition as type phrase.
pub(super) fn subject_victim(ctx: &Ctx, s: &str) -> Option<(String, usize, String)> {
    if !ctx.lex.iter().any(|l| l.victim_predicate.is_some()) {
        return None;
    }
    let predicate = |r: &str| {
        ctx.lex
            .iter()
            .any(|l| l.victim_predicate.as_ref().is_some_and(|p| p.is_match(r)))
    };
    // A dateline with a date or in capitals: "Lille, le 7 février 2025 — ".
    let mut from = 0;
    if let Some(m) = re!(r"^[^–—:]{2,60}?\s[–—-]\s+").find(s)
        && (m.as_str().chars().any(|c| c.is_ascii_digit())
            || !m.as_str().chars().any(char::is_lowercase)
            || is_place_only(m.as_str().trim_end_matches(['-', '–', '—', ' '])))
    {
        from = m.end();
    }
    // Word spans (hand-written: the subject is a short run of whitespace-separated words).
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, ch) in s[from..].char_indices() {
        match (start, ch.is_whitespace()) {
            (None, false) => start = Some(from + i),
            (Some(a), true) => {
                words.push((a, from + i));
                start = None;
            }
            _ => {}
        }
        if words.len() > 14 {
            break;
        }
    }
    if let Some(a) = start {
        words.push((a, s.len()));
    }
    let nw = name_words();
    let mut k = 0;
    let mut name_from = None;
    if let Some(&(a, b)) = words.first() {
        let w = &s[a..b];
        if nw.articles.contains_key(w) {
            k = 1;
        } else if let Some(x) = nw.articles.keys().find(|x| {
            x.ends_with(['\'', '’'])
                && w.len() > x.len()
                && w.get(..x.len()).is_some_and(|p| p.eq_ignore_ascii_case(x))
        }) {
            // "L'EPSM Marne-Vesle": the name starts after the elided article.
            name_from = Some((0, a + x.len()));
        }
    }
    let hint_from = words.get(k).map_or(s.len(), |w| w.0);
    if name_from.is_none() {
        let mut lower = 0;
        while let Some(&(a, b)) = words.get(k) {
            let w = &s[a..b];
            // A place adjective is a descriptor too, capitalised as Dutch and German write
            // it ("De Tilburgse ambulanceorganisatie X", "Die Raerener X-Apotheke"), when
            // a word follows it.
            let descriptor = w.chars().next().is_some_and(char::is_lowercase)
                || (words.get(k + 1).is_some() && demonym_place_in(w, true).is_some());
            if lower < 3 && descriptor && !w.ends_with([',', ';', ':']) {
                lower += 1;
                k += 1;
            } else {
                break;
            }
        }
        let &(a, _) = words.get(k)?;
        name_from = Some((k, a));
    }
    let (k, at) = name_from?;
    let hint = s[hint_from.min(at)..at].trim().to_string();
    let first = &s[at..words.get(k)?.1];
    if !first.chars().next().is_some_and(char::is_uppercase)
        || is_leading_stop(first.trim_end_matches([',', ';']))
        || WEEKDAYS_MONTHS.contains(&first.trim_end_matches([',', ';']))
    {
        return None;
    }
    let is_legal = |w: &str| nw.legal_forms.iter().any(|l| l == w);
    for j in k..words.len().min(k + 8) {
        let (_, b) = words[j];
        let raw = &s[words[j].0..b];
        let w = raw.trim_end_matches([',', ';']);
        // The seat ("X in Rijswijk, dat …, is getroffen") is no part of the name.
        if j > k
            && ctx
                .lex
                .iter()
                .any(|l| l.file.place_after_name.iter().any(|p| p == w))
        {
            return None;
        }
        let capitalised = w.chars().next().is_some_and(char::is_uppercase) || is_legal(w);
        let end = words[j].0 + w.len();
        if capitalised {
            let rest = &s[end..];
            if subject_rest_is_predicate(ctx, rest, &predicate) {
                let name = clean_name(&s[at..end])?;
                if is_place_only(&name) || has_not_org_token(&name) {
                    return None;
                }
                let appos = rest
                    .strip_prefix(',')
                    .map(|r| r.split(',').next().unwrap_or(r).trim().to_string())
                    .unwrap_or_default();
                return Some((name, at, format!("{hint} {appos}").trim().to_string()));
            }
        }
        if raw.ends_with([',', ';', ':']) || w.ends_with('.') && !is_legal(w) {
            return None;
        }
    }
    None
}

/// After a subject: an apposition between commas or the seat ("in Apeldoorn", "mit Sitz
/// in Hagen", "basé à Rennes") may come before the predicate; does `predicate` then
/// match?
fn subject_rest_is_predicate(ctx: &Ctx, rest: &str, predicate: &dyn Fn(&str) -> bool) -> bool {
    if predicate(rest) {
        return true;
    }
    if let Some(r) = rest.strip_prefix(',') {
        // The predicate right after one of the apposition's commas (within 250 bytes).
        let limit = floor_boundary(r, 250.min(r.len()));
        return r[..limit]
            .match_indices(',')
            .any(|(p, _)| predicate(&r[p + 1..]));
    }
    // The seat: a place preposition of the lexicons and capitalised words.
    let r = rest.trim_start();
    let prep = ctx
        .lex
        .iter()
        .flat_map(|l| l.file.place_after_name.iter())
        .find(|p| r.starts_with(&format!("{p} ")));
    let Some(prep) = prep else {
        return false;
    };
    let mut r = &r[prep.len()..];
    loop {
        let t = r.trim_start();
        let w = t.split_whitespace().next().unwrap_or("");
        if w.chars().next().is_some_and(char::is_uppercase) {
            r = &t[w.len()..];
            if w.ends_with(',') {
                return false;
            }
        } else {
            break;
        }
    }
    !std::ptr::eq(r, rest) && predicate(r)
}

/// The type given to a named organisation by an apposition or a type noun in any
/// sentence ("Change Healthcare, the payment processor…", "insurer Medibank").
///
/// With `own_words_only` (the object of "attack on"), what the organisation serves is cut
/// from the apposition first ([`Ctx::own_type_phrase`]).
pub(super) fn appositive_type(ctx: &Ctx, name: &str, own_words_only: bool) -> Option<&'static str> {
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
pub(super) fn type_elsewhere(ctx: &Ctx, name: &str) -> Option<&'static str> {
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

pub(super) const HEALTH_TYPES: &[&str] = &[
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

pub(super) fn sector(ctx: &Ctx, victims: &[Victim]) -> Field<String> {
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        if ctx.lex_match(s, |l| l.health_sector.as_ref()) {
            return fact(
                "healthcare".into(),
                Provenance::Stated,
                ctx.evidence(i),
                "sector named",
            );
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

/// The start offsets of cities named in an enumeration ("Arlon, Libramont and Marche",
/// "d'Arlon, de Libramont et de Marche-en-Famenne"): two or more cities joined by commas
/// or a conjunction (lexicon `conjunctions`), each optionally after one short lower-case
/// word (a preposition). A city in such a list is one site of several, not the place of
/// the organisation.
pub(super) fn enumerated_cities(s: &str, found: &[crate::gazetteer::PlaceMatch]) -> Vec<usize> {
    let nw = name_words();
    let mut cities: Vec<(usize, usize)> = found
        .iter()
        .filter(|m| m.place.kind == PlaceKind::City)
        .map(|m| (m.start, m.end))
        .collect();
    cities.sort();
    let mut out = Vec::new();
    for w in cities.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(between) = s.get(a.1..b.0) else {
            continue;
        };
        // Only commas, conjunctions, short lower-case prepositions ("de", "d'", "in") and
        // other capitalised names (a town the gazetteer lacks) between the two.
        let mut joined = false;
        let mut only_list = true;
        for x in between.split_whitespace() {
            let core = x.trim_matches(',');
            if x.contains(',') || nw.conjunctions.iter().any(|c| c == core) {
                joined = true;
                if nw.conjunctions.iter().any(|c| c == core) || core.is_empty() {
                    continue;
                }
            }
            let short_prep = core.chars().count() <= 3
                && core
                    .chars()
                    .all(|c| c.is_lowercase() || c == '\'' || c == '’');
            let capitalised = core.chars().next().is_some_and(char::is_uppercase);
            if !(short_prep || capitalised) {
                only_list = false;
                break;
            }
        }
        if between.trim_start().starts_with(',') {
            joined = true;
        }
        if joined && only_list {
            out.push(a.0);
            out.push(b.0);
        }
    }
    out
}

/// Does sentence `s` say that the name at `start..end` is a place? Right after a one-word
/// preposition of the lexicons' `place_after_name` ("in", "uit", "te", "à", "aus", "at"),
/// a label ("Sitz: Koblenz") or a postal code ("29221 Celle", "L-8009 Strassen"); as the
/// whole sentence (a tracker's field value: "Liverpool") or opening it before a comma or a
/// full stop (a dateline: "Celle, 17. Juli 2025", "Hameln. In der Nacht …"); before
/// "-based" ("a Dundee-based company") or before a comma and a country or region ("London,
/// United Kingdom", "Ede, the Netherlands", "Dundalk, Co. Louth"). A surname ("Katrien Van Damme"), a noun
/// ("Namen, Adressen"), a pronoun ("Celle-ci") is none of these. Before a lower-case type
/// word it is a place adjective ("the two Liverpool trusts").
fn said_to_be_a_place(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].trim_end();
    let after = &s[end..];
    let mut words = before.split_whitespace().rev();
    let prev = words.next().unwrap_or("");
    let is_preposition = |w: &str| {
        let w = w.to_lowercase();
        lexicon::all().iter().any(|l| {
            l.file
                .place_after_name
                .iter()
                .any(|p| !p.contains(' ') && *p == w)
        })
    };
    // "in Dundalk", and "in east London": one lower-case word may stand between.
    let preposition = is_preposition(prev)
        || prev.chars().next().is_some_and(char::is_lowercase)
            && words.next().is_some_and(is_preposition);
    // "Sitz: Koblenz": a label opening the sentence, not a list after a colon.
    let label = prev.ends_with(':') && before.split_whitespace().count() <= 3;
    // "The two Liverpool trusts": the town's name before a type word.
    let adjective = type_word_follows(after);
    // A Dutch postcode has two letters after its four digits ("6600 AA Wijchen").
    let postal = re!(r"^(?:[A-Z]{1,2}-)?\d{4,5}$").is_match(prev)
        || re!(r"\b\d{4} [A-Z]{2}$").is_match(before);
    let whole = before.is_empty()
        && after
            .trim()
            .trim_end_matches(['.', ',', ';'])
            .split_whitespace()
            .next()
            .is_none();
    let dateline = before.is_empty() && re!(r"^\s*[,.](?:\s|$)").is_match(after);
    let based = re!(r"^-based\b").is_match(after);
    // "Ede, the Netherlands, 29 July 2025 –": an article may open the country's name.
    let country_after = after.strip_prefix(", ").is_some_and(|rest| {
        let rest = rest
            .strip_prefix("the ")
            .or_else(|| rest.strip_prefix("The "))
            .unwrap_or(rest);
        rest.starts_with("Co.")
            || Gazetteer::get()
                .find(&rest[..ceil_boundary(rest, 40)])
                .first()
                .is_some_and(|m| m.start == 0 && m.place.kind != PlaceKind::City)
    });
    preposition || label || postal || whole || dateline || based || country_after || adjective
}

/// Does `after` (the text after a place name) open with a lower-case type word, also in
/// the plural ("the two Liverpool trusts", "the Liverpool hospital")?
fn type_word_follows(after: &str) -> bool {
    after
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && (is_type_word(w) || is_type_word(&text::singular(w)))
        })
}

/// Does `before` end with a definite article of the lexicons' `articles` ("the", "la",
/// "le", "les", "der", "das", "het")? Indefinite articles and the articles that are also
/// prepositions or pronouns ("de", "du", "des", "die", "dat", "im", "zum") do not count.
fn after_definite_article(before: &str) -> bool {
    const NOT_DEFINITE: &[&str] = &[
        "a", "an", "ein", "eine", "einem", "einer", "een", "un", "une", "de", "du", "des", "die",
        "dat", "im", "beim", "vom", "zum", "zur",
    ];
    let Some(prev) = before.split_whitespace().next_back() else {
        return false;
    };
    if !before.ends_with(char::is_whitespace) {
        return false;
    }
    let prev = prev.to_lowercase();
    !NOT_DEFINITE.contains(&prev.as_str())
        && lexicon::all()
            .iter()
            .any(|l| l.file.articles.iter().any(|a| a.to_lowercase() == prev))
}

/// Is the place mention at `start..end` about a threat actor ("Russian-speaking gang")?
pub(super) fn actor_context(s: &str, end: usize, start: usize) -> bool {
    let after = &s[end..ceil_boundary(s, end + 40)];
    let before = &s[floor_boundary(s, start.saturating_sub(40))..start];
    re!(r"(?i)^(?:-speaking|-linked|-backed|-based (?:hackers|gang|group|criminals)|n?\s+(?:state|government|military|intelligence|hackers|gang|group|cybercriminals|criminals|threat actors?|operators|ransomware gang|ransomware group)\b|-sponsored|\s+state-sponsored|\s+state-backed)")
        .is_match(after)
        || re!(r"(?i)\b(?:attributed to|blamed (?:on|it on)|linked to|tied to|based in|operating from|from|by)\s+(?:the\s+)?$")
            .is_match(before)
}

/// Is `w` (lower-cased) a type word that may stand between a place adjective and a name
/// ("Der Essener IT-Dienstleister Bitmarck", "het Gentse ziekenhuis AZ X"): an
/// organisation keyword, a type noun or an apposition noun of the lexicons, also as a
/// compound's end?
fn is_type_word(w: &str) -> bool {
    let nw = name_words();
    let l = w.to_lowercase();
    is_org_keyword(w)
        || is_type_compound(w)
        || nw.apposition_nouns.iter().any(|n| l.ends_with(n.as_str()))
        || lexicon::all()
            .iter()
            .any(|x| x.file.type_nouns.contains(&l))
}

/// The town named right next to the victim's name in `s`: after it by a word of the
/// lexicons' `place_after_name` ("Streekziekenhuis X in Goes", "Woonzorggroep X uit
/// Sint-Niklaas", "X aus Essen"), or as a place adjective right before the name or before
/// one type word before it ("Der Essener IT-Dienstleister Bitmarck"). Here a place whose
/// name is mostly another word (`data/geonames-ambiguous.tsv`) counts.
pub(super) fn place_next_to_name(s: &str, name: &str) -> Option<&'static crate::gazetteer::Place> {
    let g = Gazetteer::get();
    let p = s.find(name)?;
    let trim = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
            .to_string()
    };
    // A seat phrase of several words may follow a comma ("X, basé à Rennes", "X mit Sitz
    // in Hagen", "X, met hoofdzetel in Lokeren").
    let rest = s[p + name.len()..].trim_start();
    let phrase = lexicon::all()
        .iter()
        .flat_map(|l| l.file.place_after_name.iter())
        .filter(|w| w.contains(' '))
        .find_map(|w| {
            let r = rest.strip_prefix(',').unwrap_or(rest).trim_start();
            r.strip_prefix(w.as_str())
                .filter(|t| t.starts_with(' '))
                .map(|t| format!("{} {t}", w.replace(' ', "_")))
        });
    // "l'Hôpital du Ry-Ponet, à Chaudfontaine, …": a one-word preposition after a comma
    // too.
    let after: Vec<&str> = match &phrase {
        Some(r) => r.split_whitespace().take(6).collect(),
        None => rest
            .strip_prefix(',')
            .unwrap_or(rest)
            .split_whitespace()
            .take(6)
            .collect(),
    };
    if let Some(first) = after.first()
        && !first.ends_with([',', ';', ':', '.'])
        && (phrase.is_some()
            || lexicon::all()
                .iter()
                .any(|l| l.file.place_after_name.iter().any(|w| w == first)))
    {
        // The longest run of up to five capitalised words, or particles between them
        // ("Landau an der Isar", "Frankfurt am Main"), that is a town.
        const PARTICLES: &[&str] = &[
            "an", "am", "der", "im", "in", "ob", "bei", "de", "la", "le", "sur", "en", "upon",
            "on", "aan", "den", "op",
        ];
        let words: Vec<&str> = after[1..]
            .iter()
            .take_while(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w)
            })
            .copied()
            .collect();
        for n in (1..=words.len().min(5)).rev() {
            // Punctuation ends the run: "in Goes, …" → "Goes"; a run ends on a name.
            if words[..n - 1]
                .iter()
                .any(|w| w.ends_with([',', ';', ':', '.']))
                || PARTICLES.contains(&words[n - 1])
            {
                continue;
            }
            let cand = trim(&words[..n].join(" "));
            // "X in March was hit": a month of any lexicon is a date, not the town March.
            let lower = cand.to_lowercase();
            if n == 1
                && lexicon::all()
                    .iter()
                    .any(|l| l.file.months.contains_key(&lower))
            {
                continue;
            }
            if let Some(pl) = g.lookup_village(&cand)
                && pl.kind == PlaceKind::City
            {
                return Some(pl);
            }
        }
    }
    // A tracker's or list's seat in brackets after the name: "Labor am Kamp GmbH (Zwettl,
    // Niederösterreich)", "Centre dentaire SA (Porrentruy, JU)". Only the bracket's first
    // part, up to a comma or the closing bracket, and only when it is a town.
    if let Some(inner) = rest.strip_prefix('(') {
        let town = inner.split([',', ')']).next().unwrap_or("").trim();
        if (1..=4).contains(&town.split_whitespace().count())
            && inner.len() > town.len()
            && let Some(pl) = g.lookup_village(town)
            && pl.kind == PlaceKind::City
        {
            return Some(pl);
        }
    }
    // "Het Lummense woonzorgcentrum De Zwarte Beek": an article opening the name (or
    // standing before it) is skipped.
    let mut before: Vec<String> = s[..p].split_whitespace().rev().take(3).map(trim).collect();
    if before
        .first()
        .is_some_and(|w| name_words().articles.contains_key(w.as_str()))
    {
        before.remove(0);
    }
    before.truncate(2);
    let adjective = |w: &str| demonym_place_in(w, true).filter(|pl| pl.kind == PlaceKind::City);
    match before.as_slice() {
        [w1, ..] if adjective(w1).is_some() => adjective(w1),
        // "De Deventer thuiszorgorganisatie X", "the Waterford hospital X": a town's own
        // name before a lower-case type noun is a place adjective too.
        [w1, w2] if is_type_word(w1) => adjective(w2).or_else(|| {
            w1.chars()
                .next()
                .is_some_and(char::is_lowercase)
                .then(|| g.lookup(w2).filter(|pl| pl.kind == PlaceKind::City))
                .flatten()
        }),
        _ => None,
    }
}

/// A town the text says is a place, in the title, the lead (the first three sentences) or
/// the victim's sentence: right after a one-word preposition of the lexicons'
/// `place_after_name` ("A GP surgery in Llandeilo", "l'Ehpad …, à Langres") or before
/// "-based" ("a Clonakilty-based pharmacy group"). Here a town of
/// `data/geonames-ambiguous.tsv` (a village, a small town, a name that is also a word)
/// counts: the place context says which it is. A headline's tag before a colon ("Langres :
/// …") is one too. Towns running text reads anyway are left to [`geography`]'s rules
/// (an operator's sites, an enumeration, an authority's seat), which already passed them. The first such town in the order title,
/// victim sentence, lead; `None` when none. Threat-actor places ("based in Russia") and
/// destinations ("transferred to hospitals in Lons") are no victim's town.
fn town_in_place_context(
    ctx: &Ctx,
    victim_sentence: Option<usize>,
) -> Option<(&'static crate::gazetteer::Place, usize)> {
    let g = Gazetteer::get();
    let mut order = vec![0];
    order.extend(victim_sentence);
    order.extend([1, 2]);
    let is_preposition = |w: &str| {
        let w = w.to_lowercase();
        lexicon::all().iter().any(|l| {
            l.file
                .place_after_name
                .iter()
                .any(|p| !p.contains(' ') && *p == w)
        })
    };
    for &i in order.iter().filter(|&&i| i < ctx.len()) {
        let s = ctx.sentence(i);
        // A headline's place tag before a colon: "Langres : l'Ehpad … paralysé",
        // "Wertheim: Krankenhaus zahlt nicht".
        if i == 0
            && let Some((tag, _)) = s.split_once(':')
            && (1..=4).contains(&tag.split_whitespace().count())
            && tag.starts_with(char::is_uppercase)
            && g.lookup(tag.trim()).is_none()
            && let Some(pl) = g
                .lookup_village(tag.trim())
                .filter(|p| p.kind == PlaceKind::City)
        {
            return Some((pl, i));
        }
        // Each capitalised word is a candidate start; runs of up to four words
        // ("Zwettl", "Wold Newton", "Saint-Pierre-de-Chartreuse" as one word).
        let words: Vec<(usize, &str)> = s
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
            .collect();
        for (k, &(start, w)) in words.iter().enumerate() {
            let prep = k > 0 && is_preposition(words[k - 1].1);
            if !w.chars().next().is_some_and(char::is_uppercase) || !(prep || w.contains("-based"))
            {
                continue;
            }
            for n in (1..=4.min(words.len() - k)).rev() {
                let last = words[k + n - 1];
                let raw_end = last.0 + last.1.len();
                let cand = s[start..raw_end]
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .trim_end_matches("-based");
                let end = start + cand.len();
                if cand.split_whitespace().count() != n
                    || words[k..k + n - 1]
                        .iter()
                        .any(|(_, w)| w.ends_with([',', ';', ':', '.']))
                {
                    continue;
                }
                // "in March": a month or weekday of any lexicon is a date, not the town.
                let lower = cand.to_lowercase();
                if lexicon::is_calendar_word(&lower) {
                    continue;
                }
                // A town running text reads went through the rules above (operators'
                // sites, authorities): only the place-context tables here — except the
                // first of towns listed after one preposition ("pflegt Klientinnen in
                // Thun, Hilterfingen und Steffisburg", "uitbaat in Aalst, Ninove en
                // Denderleeuw"), which is the organisation's home where the lead names
                // no other.
                if g.lookup(cand).is_some() && !opens_town_list(&s[end..]) {
                    break;
                }
                let Some(pl) = g.lookup_village(cand).filter(|p| p.kind == PlaceKind::City) else {
                    continue;
                };
                // "at Norfolk Valley Hospitals": a town opening a longer name is its
                // qualifier, not a seat.
                let next = s[end..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("-based");
                if !s[end..].starts_with([',', ';', ':', '.', ')'])
                    && next.chars().next().is_some_and(char::is_uppercase)
                {
                    break;
                }
                let based = s[end..].starts_with("-based");
                if !based && !prep {
                    continue;
                }
                if actor_context(s, end, start) || ctx.is_destination_place(s, start) {
                    break;
                }
                return Some((pl, i));
            }
        }
    }
    None
}

/// Does `after` (the text after a town's name) go on with another town, after a comma or
/// a conjunction of the lexicons ("…, Hilterfingen und Steffisburg", "… and Bandon")?
fn opens_town_list(after: &str) -> bool {
    let nw = name_words();
    let rest = after.trim_start();
    let rest = match rest.strip_prefix(',') {
        Some(r) => r.trim_start(),
        None => {
            let Some((w, r)) = rest.split_once(char::is_whitespace) else {
                return false;
            };
            if !nw.conjunctions.iter().any(|c| c == w) {
                return false;
            }
            r.trim_start()
        }
    };
    let next: String = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    next.starts_with(char::is_uppercase) && Gazetteer::get().lookup_village(&next).is_some()
}

/// The town a victim's name ends with after a preposition of place ("hôpital de
/// Saint-Claude", "Centre hospitalier de Cholet", "ziekenhuis van Aalst", "Klinikum von
/// Stade", "Hospital of St Cross"): the capitalised words after the last "de", "du", "d'",
/// "van", "von", "of", when they are a city of the gazetteer (place context: a town
/// otherwise read only next to a name counts).
fn town_ending_name(name: &str) -> Option<&'static crate::gazetteer::Place> {
    let g = Gazetteer::get();
    let (at, tail) = [" de ", " du ", " d'", " d’", " van ", " von ", " of "]
        .iter()
        .filter_map(|p| name.rfind(p).map(|i| (i, &name[i + p.len()..])))
        .min_by_key(|(_, t)| t.len())?;
    if !tail.chars().next().is_some_and(char::is_uppercase) || tail.split_whitespace().count() > 4 {
        return None;
    }
    // "du Bois de Velaine", "Château de X": the town names a landscape or a site
    // (lexicons' `place_feature_nouns`), not the organisation's seat.
    let feature = name[..at]
        .split_whitespace()
        .next_back()
        .map(str::to_lowercase)
        .is_some_and(|w| {
            lexicon::all()
                .iter()
                .any(|l| l.file.place_feature_nouns.contains(&w))
        });
    if feature {
        return None;
    }
    g.lookup_in_place_context(tail.trim())
        .filter(|p| p.kind == PlaceKind::City)
}

/// A city's demonym or place adjective between a definite article (lexicon
/// `focal.definite_articles`) and a type noun, in any focal sentence: "Der Schaden für das
/// Iserlohner Versorgungszentrum …" refers back to the victim and names its town. The
/// first such phrase, with its sentence and the adjective; read only when no sentence
/// nearer the victim names a city.
fn definite_demonym_reference(
    ctx: &Ctx,
) -> Option<(&'static crate::gazetteer::Place, usize, String)> {
    let definite = |w: &str| {
        let w = w.to_lowercase();
        ctx.lex
            .iter()
            .any(|l| l.file.focal.definite_articles.contains(&w))
    };
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let words: Vec<&str> = s
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .collect();
        for k in 1..words.len().saturating_sub(1) {
            let (art, adj, noun) = (words[k - 1], words[k], words[k + 1]);
            // Or a generic noun for the organisation the lexicons' `operator_anaphors`
            // use ("De Oosterhoutse organisatie", "die Iserlohner Gesellschaft").
            let anaphor = || {
                ctx.lex.iter().any(|l| {
                    l.file.operator_anaphors.iter().any(|a| {
                        a.rsplit([' ', '\'', '’'])
                            .next()
                            .is_some_and(|n| n.eq_ignore_ascii_case(noun))
                    })
                })
            };
            if !definite(art) || !(is_org_keyword(noun) || is_type_noun_word(noun) || anaphor()) {
                continue;
            }
            if let Some(p) = demonym_place_in(adj, true).filter(|p| p.kind == PlaceKind::City) {
                return Some((p, i, adj.to_string()));
            }
        }
    }
    None
}

pub(super) fn geography(
    ctx: &Ctx,
    victim_sentence: Option<usize>,
    victims: &[Victim],
    description: Option<&str>,
) -> (Field<Country>, Field<String>) {
    let g = Gazetteer::get();
    let mut order: Vec<usize> = Vec::new();
    if let Some(v) = victim_sentence {
        order.push(v);
    }
    order.extend((0..ctx.len()).filter(|i| Some(*i) != victim_sentence));
    let mut country: Field<Country> = Field(None);
    // Whether the sentence the country was read from names a victim.
    let mut country_names_victim = false;
    let mut city: Field<String> = Field(None);
    let mut city_country: Option<(String, usize)> = None;
    // A dateline in capitals ("KLAMATH FALLS, Ore. —") names the city of the story.
    let mut dateline_city: Option<(String, String, usize)> = None;
    // The first sentences, and the dateline found below an update stamp on top of a
    // statement ("Nachtrag vom Montag, 30. Juni 2025: …" before "Altstätten, 19. Juni 2025
    // - …"; `find_dateline`).
    let late_dateline = ctx.dateline.map(|d| d.0).filter(|&d| d >= 4);
    for i in (0..ctx.len().min(4)).chain(late_dateline) {
        let s = ctx.sentence(i);
        // An update stamp in capitals ("UPDATE, Thursday 21 May 2026") is no dateline.
        if ctx.lex_match(s.trim_start(), |l| l.update_opener.as_ref()) {
            continue;
        }
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
        // A press release's dateline in mixed case, with its date and a dash: "Ede, the
        // Netherlands, 29 July 2025 – …", "Hagen, 25. April 2024 – …", "Lille, le 7
        // février 2025 — …", or the place and date as a line of their own ("Langenthal,
        // 24. Oktober 2025"). The town may be one read only in a place context ("Ede"), or
        // a small town of the villages list ("Dolgellau, Wednesday 13 May 2026": a place
        // and a date opening a line is a place context).
        if let Some(c) = re!(r"^([\p{Lu}][\p{L}'’ -]{1,40}?),\s+(?:[^,–—]{0,40},\s+)?[^,–—]{0,30}?\b(?:19|20)\d{2}(?:\s*[–—-]\s|\s*\.?\s*$)").captures(s)
            && let Some(p) = g.lookup_village(c[1].trim())
            && p.kind == PlaceKind::City
        {
            dateline_city = Some((p.name.clone(), p.country.clone(), i));
            break;
        }
    }
    // The dateline's city, stated, when no city is stated yet (its country too, unless
    // one was already found).
    let take_dateline = |city: &mut Field<String>, city_country: &mut Option<(String, usize)>| {
        if let Some((name, code, di)) = &dateline_city {
            *city = fact(
                name.clone(),
                Provenance::Stated,
                ctx.evidence(*di),
                "dateline",
            );
            if city_country.is_none() {
                *city_country = Some((code.clone(), *di));
            }
        }
    };
    let nw = name_words();
    // A tracker's city field ("Ort: Prüm", "Ville : Oloron-Sainte-Marie") names the city,
    // also a town the gazetteer lacks.
    for i in 0..ctx.len() {
        let s = ctx.sentence(i);
        let Some((_, value)) = label_value(ctx, s, |f| &f.city_labels) else {
            continue;
        };
        let value = value
            .split([',', '(', ';', '|'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches('.');
        let words = value.split_whitespace().count();
        if words == 0
            || words > 4
            || !value.chars().next().is_some_and(char::is_uppercase)
            || value.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        match g.lookup(value).filter(|p| p.kind == PlaceKind::City) {
            Some(p) => {
                city = fact(
                    p.name.clone(),
                    Provenance::Stated,
                    ctx.evidence(i),
                    "tracker city field",
                );
                city_country = Some((p.country.clone(), i));
            }
            None if g.lookup(value).is_none() => {
                city = fact(
                    value.to_string(),
                    Provenance::Stated,
                    ctx.evidence(i),
                    "tracker city field",
                );
            }
            None => continue,
        }
        break;
    }
    // The town named next to the victim's name, in its sentence or another one ("X in
    // Goes", "Der Essener IT-Dienstleister X"): before towns merely mentioned, and before
    // a town inside the name ("Riverside Clinic in Reading").
    if !city.is_stated() {
        let named = victims.iter().filter(|v| v.name != NOT_STATED);
        let next_to = named.flat_map(|v| {
            order.iter().filter_map(move |&k| {
                place_next_to_name(ctx.sentence(k), &v.name).map(|pl| (pl, k))
            })
        });
        if let Some((pl, k)) = next_to.into_iter().next() {
            city = fact(
                pl.name.clone(),
                Provenance::Stated,
                ctx.evidence(k),
                "town next to the victim's name",
            );
            city_country = Some((pl.country.clone(), k));
        }
    }
    // The page's own summary (`Document::description`) names the victim's town where the
    // text does not say it next to the name ("Die Spitex X in Herisau …"): next to the
    // victim's name only, before towns merely mentioned in the text.
    // The evidence stays a sentence of the text (the victim's, where its name is read);
    // the summary itself is quoted in the rule.
    let mut described: Option<(String, Evidence, String)> = None;
    if !city.is_stated()
        && let Some(d) = description
        && let Some((pl, v)) = victims
            .iter()
            .filter(|v| v.name != NOT_STATED)
            .find_map(|v| place_next_to_name(d, &v.name).map(|pl| (pl, v)))
    {
        let rule = format!("page description: town next to the victim's name ({d:?})");
        city = fact(
            pl.name.clone(),
            Provenance::Stated,
            v.evidence.clone(),
            &rule,
        );
        described = Some((pl.country.clone(), v.evidence.clone(), rule));
    }
    // The town that ends the victim's name after "de" / "van" / "von" / "of" ("hôpital de
    // Saint-Claude", "Klinikum von Stade"), also a town only read in a place context.
    if !city.is_stated()
        && let Some((pl, k)) = victims
            .iter()
            .filter(|v| v.name != NOT_STATED)
            .find_map(|v| {
                let pl = town_ending_name(&v.name)?;
                let k = order
                    .iter()
                    .copied()
                    .find(|&k| ctx.sentence(k).contains(v.name.as_str()))?;
                Some((pl, k))
            })
    {
        city = fact(
            pl.name.clone(),
            Provenance::Stated,
            ctx.evidence(k),
            "town ending the victim's name",
        );
        city_country = Some((pl.country.clone(), k));
    }
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
        let found = g.find(s);
        let listed = enumerated_cities(s, &found);
        // "Erpressungsfälle … in Deutschland, Österreich, der Schweiz und Luxemburg": three
        // or more countries in one sentence name a site's or a study's scope, none of them
        // the victim's country.
        let scope = found
            .iter()
            .filter(|m| m.place.kind == PlaceKind::Country)
            .map(|m| m.place.country.as_str())
            .collect::<HashSet<_>>()
            .len()
            >= 3;
        for m in found {
            if scope && m.place.kind == PlaceKind::Country {
                continue;
            }
            // "nos hôpitaux d'Arlon, de Libramont et de Marche-en-Famenne": the sites of a
            // network, none of them its city.
            if listed.contains(&m.start) {
                continue;
            }
            // "Generalstaatsanwaltschaft Koblenz", "Politie Amsterdam": an authority's
            // place (lexicon `not_org_words`, also as a compound's end).
            let authority = {
                let prev = s[..m.start]
                    .split_whitespace()
                    .next_back()
                    .unwrap_or("")
                    .to_lowercase();
                nw.not_org.iter().any(|w| {
                    let w = w.to_lowercase();
                    prev == w || w.chars().count() >= 5 && prev.ends_with(&w)
                })
            };
            if authority {
                continue;
            }
            let qualifier = m.place.kind == PlaceKind::City
                && names.iter().any(|(a, b)| {
                    // "Northern Lincolnshire and Goole NHS Foundation Trust": one of the
                    // areas a body covers, not its seat.
                    let listed = || {
                        s[*a..m.start]
                            .split_whitespace()
                            .next_back()
                            .is_some_and(|w| nw.conjunctions.iter().any(|c| c == w))
                    };
                    m.start >= *a
                        && m.end < *b
                        && (listed() || !names_a_place_before_type(&s[m.end..*b]))
                        && !re!(r"(?i)(?:\bde |\bd['’]|\bvan |\bvon |\bof |\bdi |\bdel )$")
                            .is_match(&s[*a..m.start])
                });
            // "la province de Luxembourg", "provincie Luxemburg": a region named after a
            // country or city is neither (lexicon `region_prefixes`).
            let region = {
                let before = &s[floor_boundary(s, m.start.saturating_sub(30))..m.start];
                ctx.lex_match(before, |l| l.region_prefix.as_ref())
                    // A reference point ("south-west of Brussels", "aus dem nahen
                    // Luxemburg"; lexicon `reference_place_cues`) is not where the victim is.
                    || ctx.lex_match(before, |l| l.reference_place.as_ref())
            };
            // "Hal in French": a language (lexicon `language_names`); "500.000 US-Dollar":
            // a currency. Neither names the victim's country.
            let language_or_currency = {
                let form = m.form.to_lowercase();
                let after = &s[m.end..];
                ctx.lex
                    .iter()
                    .any(|l| l.file.language_names.contains(&form))
                    || re!(r"(?i)^-?\s?dollars?\b").is_match(after)
                    // "400 000 $ US", "$US 2m", "dollars US": the currency's country code.
                    || re!(r"(?i)(?:\$\s?|\bdollars?\s)$").is_match(&s[..m.start])
                    || (m.form.chars().all(|c| c.is_ascii_uppercase())
                        && re!(r"^\s?\$").is_match(after))
            };
            // "Auch die elektronische Pflegedokumentation …": a word capitalised only
            // because it opens the sentence, and written in lower case elsewhere in the
            // text, is that common word (German "auch"), not the place (Auch, France).
            let common_word = s[..m.start]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
                && {
                    let lower = m.form.to_lowercase();
                    lower != m.form
                        && ctx.text.match_indices(lower.as_str()).any(|(p, _)| {
                            let before = ctx.text[..p].chars().next_back();
                            let after = ctx.text[p + lower.len()..].chars().next();
                            !before.is_some_and(char::is_alphanumeric)
                                && !after.is_some_and(char::is_alphanumeric)
                        })
                };
            // Far from the victim (not its sentence, the title, the lead's first two
            // sentences or the dateline), a town counts only where the text says it is a
            // place ([`said_to_be_a_place`]: "in Dundalk", "Sitz: Koblenz", "29221 Celle",
            // "Celle, 17. Juli 2025", "Dundee-based", "London, United Kingdom"). A surname
            // ("directeur Katrien Van Damme"), a noun ("Namen, Adressen"), a pronoun
            // ("Celle-ci") or a hospital a patient went to is no victim's town.
            let far = Some(i) != victim_sentence
                && i >= 3
                && ctx.dateline.map(|d| d.0) != Some(i)
                && m.place.kind == PlaceKind::City;
            if far && !said_to_be_a_place(s, m.start, m.end) {
                continue;
            }
            // "runs the Riverside Manor … care homes", "Vallée de la Mayenne": a town's
            // name after a definite article (the lexicons' `articles`, less the indefinite
            // ones and those that are also prepositions) names a building, a river or a
            // département — unless a type word or a compound follows ("the Liverpool
            // trusts", "the Chicago-based health system").
            if m.place.kind == PlaceKind::City && after_definite_article(&s[..m.start]) {
                // "the Wakefield-based company": a compound on the town's name.
                let after = &s[m.end..];
                if !(after.starts_with('-') || type_word_follows(after)) {
                    continue;
                }
            }
            // "ambulances réorientées vers Lons et Oyonnax": where patients went.
            let destination =
                m.place.kind == PlaceKind::City && ctx.is_destination_place(s, m.start);
            if actor_context(s, m.end, m.start)
                || destination
                || qualifier
                || region
                || language_or_currency
                || common_word
                || media.iter().any(|(a, b)| m.start >= *a && m.start < *b)
            {
                continue;
            }
            match m.place.kind {
                PlaceKind::Country => {
                    // A country in a sentence that names the victim ("Ambulancedienst
                    // Plassendale bv (Oudenburg, België)") outweighs one read first in a
                    // sentence that does not (a site's tagline: "… in de zorg in
                    // Vlaanderen en Nederland").
                    let here_names_victim = !names.is_empty();
                    if !country.is_stated()
                        || (here_names_victim
                            && !country_names_victim
                            && m.place.country != country.value().map_or("", |c| c.code.as_str()))
                    {
                        country_names_victim = here_names_victim;
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
            let mut at = 0;
            for tok in s.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                let start = at;
                at += tok.len() + s[at + tok.len()..].chars().next().map_or(0, char::len_utf8);
                // Opening a phrase before a type word ("Hartberger Privatklinik", "der
                // Hartberger Privatklinik") the adjective is read in a place context, where
                // villages and small towns count; not inside a capitalised name ("Sky Lakes
                // Medical Center").
                let next = s[at.min(s.len())..].split_whitespace().next().unwrap_or("");
                let next = next.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let prev = s[..start].split_whitespace().next_back().unwrap_or("");
                let opens_phrase = prev.is_empty()
                    || prev.ends_with(|c: char| !c.is_alphanumeric())
                    || prev.starts_with(char::is_lowercase)
                    || name_words().articles.contains_key(prev);
                let in_context = opens_phrase && !next.is_empty() && is_type_word(next);
                let Some(p) = demonym_place_in(tok, in_context) else {
                    continue;
                };
                // "GPs south-west of Brussels": a reference point (lexicon
                // `reference_place_cues`), not the victim's town.
                let before = &s[floor_boundary(s, start.saturating_sub(30))..start];
                if ctx.lex_match(before, |l| l.reference_place.as_ref()) {
                    continue;
                }
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
                        country_names_victim = true;
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
        if Some(i) == victim_sentence && !city.is_stated() {
            take_dateline(&mut city, &mut city_country);
        }
        // The victim's own sentence decides when it names a country.
        if Some(i) == victim_sentence && country.is_stated() {
            return (country, city);
        }
    }
    if !city.is_stated() {
        take_dateline(&mut city, &mut city_country);
    }
    if !city.is_stated()
        && let Some((p, i, tok)) = definite_demonym_reference(ctx)
    {
        city = fact(
            p.name.clone(),
            Provenance::Inferred,
            ctx.evidence(i),
            &format!("place adjective {tok:?} after a definite article"),
        );
        if city_country.is_none() {
            city_country = Some((p.country.clone(), i));
        }
    }
    if !city.is_stated()
        && city.value().is_none()
        && let Some((p, i)) = town_in_place_context(ctx, victim_sentence)
    {
        city = fact(
            p.name.clone(),
            Provenance::Stated,
            ctx.evidence(i),
            "town in a place context in the title or lead",
        );
        if city_country.is_none() {
            city_country = Some((p.country.clone(), i));
        }
    }
    // A city name that several countries have ("Waterford": IE and US) is the one of the
    // country the rest of the page points to — the countries it names, its cities of one
    // country only, a health-system word (lexicon `name_countries`: "HSE") —, not merely
    // the most populous.
    if let Some(name) = city.value().cloned()
        && let Some((code, i)) = city_country.clone()
    {
        let homonyms = g.homonyms(&name);
        if homonyms.iter().any(|p| p.country == code)
            && let Some(best) = homonym_by_page(ctx, &name, &homonyms)
            && best != code
        {
            city_country = Some((best, i));
            if country.value().is_some_and(|c| c.code == code) && !country.is_stated() {
                country = Field(None);
            }
        }
    }
    // The description's town decides as the victim's own sentence would: a country named
    // elsewhere that disagrees is another country of the story ("across the Belgian
    // border"); one the victim's sentence states wins, and the town, another country's
    // namesake, is dropped.
    if let Some((code, evidence, rule)) = described {
        city_country = None;
        let in_victim_sentence = victim_sentence.is_some_and(|v| {
            country
                .fact()
                .is_some_and(|f| f.evidence.offset == ctx.spans[v].start)
        });
        if country.value().is_some_and(|c| c.code != code) {
            if in_victim_sentence {
                city = Field(None);
            } else {
                country = Field(None);
            }
        }
        match country.value() {
            Some(_) => {}
            None if city.value().is_none() => {}
            None => {
                country = fact(
                    Country {
                        name: g.country_name(&code).unwrap_or(&code).to_string(),
                        code,
                    },
                    Provenance::Inferred,
                    evidence,
                    &format!("country of the town in the {rule}"),
                );
            }
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

/// Of the countries having a city called `name` (`homonyms`, most populous first), the one
/// the whole page supports most: a country named (2), a city of one country only or a
/// region (1), a health-system word of the lexicons (`name_countries`, 1). `None` when no
/// country has support, or two share the most.
fn homonym_by_page(ctx: &Ctx, name: &str, homonyms: &[&crate::gazetteer::Place]) -> Option<String> {
    let g = Gazetteer::get();
    let mut votes: BTreeMap<String, usize> = BTreeMap::new();
    for m in g.find(ctx.text) {
        if m.form == name || m.place.name == name {
            continue;
        }
        let w = match m.place.kind {
            PlaceKind::Country => 2,
            PlaceKind::Region => 1,
            PlaceKind::City if g.homonyms(m.form).is_empty() => 1,
            PlaceKind::City => 0,
        };
        *votes.entry(m.place.country.clone()).or_default() += w;
    }
    for w in ctx.text.split(|c: char| !c.is_alphanumeric()) {
        if let Some(code) = ctx.lex.iter().find_map(|l| l.file.name_countries.get(w)) {
            *votes.entry(code.clone()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, &str)> = homonyms
        .iter()
        .map(|p| {
            (
                votes.get(&p.country).copied().unwrap_or(0),
                p.country.as_str(),
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    ranked.dedup_by(|a, b| a.1 == b.1);
    match ranked.as_slice() {
        [(top, code), rest @ ..] if *top > 0 && rest.first().is_none_or(|r| r.0 < *top) => {
            Some(code.to_string())
        }
        _ => None,
    }
}

/// The victim of an organisation's own page that names itself only in the site's name
/// (`Document::site_name`: "Datenvorfall: Fragen und Antworten | Hausarztpraxis an der
/// Rezat, Ansbach"): when no victim was read, the site's name — up to its first comma or
/// dash — is the victim if it is an organisation of a known type ([`org_type`]:
/// "Hausarztpraxis …") and at least two focal sentences outside quotation marks speak in
/// the first person plural (lexicon `first_person_cues`: "unserer Praxis", "our
/// patients"). A news site ("Regionalzeitung") has no type, and a newsroom quoting "we"
/// quotes it. Provenance `inferred`; the evidence is the site's name.
pub(super) fn site_victim(ctx: &Ctx, site: &str) -> Option<Victim> {
    let name = site
        .split([',', '|'])
        .next()?
        .split(" – ")
        .next()?
        .split(" — ")
        .next()?
        .split(" - ")
        .next()?
        .trim();
    if name.chars().count() < 4 || name.split_whitespace().count() > 8 {
        return None;
    }
    let ty = org_type(name)?;
    speaks_first_person(ctx).then(|| Victim {
        name: name.to_string(),
        org_type: ty.to_string(),
        provenance: Provenance::Inferred,
        evidence: Evidence {
            sentence: site.to_string(),
            offset: 0,
        },
    })
}

/// Do at least two focal sentences outside quotation marks speak in the first person
/// plural (lexicon `first_person_cues`)? An organisation's own page does; a newsroom
/// quoting "we" quotes it.
fn speaks_first_person(ctx: &Ctx) -> bool {
    (0..ctx.len())
        .filter(|&i| {
            let s = ctx.sentence(i);
            !s.contains(['"', '“', '”', '«', '»', '„'])
                && ctx.lex_match(s, |l| l.first_person.as_ref())
        })
        .take(2)
        .count()
        >= 2
}

/// The victim of an organisation's own statement that names itself in its press-release
/// boilerplate (session 35): a line opening with a lexicon `about_headings` phrase and a
/// capitalised name of one to eight words, up to a colon or the line's end ("About Cadair
/// Wellbeing: Cadair Wellbeing is a registered charity that supports adults living with
/// mental health problems …", "Über den Krankenversicherungsverein Hohe Salve"). The name
/// must occur again in the text, its type must be known from the name or from the words
/// that follow it on that line and the next ([`org_type`]: "… mental health problems"),
/// and the page must speak in the first person plural ([`speaks_first_person`]). "About
/// us" names nothing. Used only when no victim was read; provenance `inferred`, the
/// evidence the heading's line.
pub(super) fn about_victim(ctx: &Ctx) -> Option<Victim> {
    let lines: Vec<&str> = ctx.text.lines().map(str::trim).collect();
    for (k, line) in lines.iter().enumerate() {
        if line.len() > MAX_EVIDENCE_BYTES {
            continue;
        }
        let Some(rest) = ctx.lex.iter().find_map(|l| {
            l.file.about_headings.iter().find_map(|h| {
                let r = line.strip_prefix(h.as_str())?;
                if h.ends_with(['\'', '’']) {
                    Some(r)
                } else {
                    r.strip_prefix(' ')
                }
            })
        }) else {
            continue;
        };
        let (name, definition) = match rest.split_once(':') {
            Some((n, d)) => (n.trim(), d.trim()),
            None => (rest.trim(), ""),
        };
        let words = name.split_whitespace().count();
        if !(1..=8).contains(&words)
            || name.chars().count() < 4
            || !name.chars().next().is_some_and(char::is_uppercase)
            || name.ends_with(['.', '?', '!'])
            || is_leading_stop(name.split_whitespace().next().unwrap_or(""))
            || super::actors::known_actor(name).is_some()
            || ctx.text.matches(name).count() < 2
        {
            continue;
        }
        // The definition: the words after the name's next occurrence on this line or the
        // next, to the end of that sentence ("… is a registered charity that supports
        // adults living with mental health problems in south Gwynedd, …").
        let next = lines.get(k + 1).copied().unwrap_or("");
        let context = format!("{definition} {next}");
        let predicate = context.find(name).map(|at| {
            let after = &context[at + name.len()..];
            let end = re!(r"[.!?]\s+\p{Lu}")
                .find(after)
                .map_or(after.len(), |m| m.start());
            &after[..floor_boundary(after, end.min(200))]
        });
        let Some(ty) = org_type(name).or_else(|| predicate.and_then(org_type)) else {
            continue;
        };
        if !speaks_first_person(ctx) {
            return None;
        }
        return Some(Victim {
            name: name.to_string(),
            org_type: ty.to_string(),
            provenance: Provenance::Inferred,
            evidence: Evidence {
                sentence: line.to_string(),
                // `line` is a slice of the text: its offset is where it starts.
                offset: line.as_ptr() as usize - ctx.text.as_ptr() as usize,
            },
        });
    }
    None
}

/// The town a site's name gives after its first comma ("Hausarztpraxis an der Rezat,
/// Ansbach" → Ansbach), when the gazetteer knows it as a city (a place-context town too:
/// the comma says it is a place). For [`site_victim`]'s victim only.
pub(super) fn site_town(site: &str) -> Option<&'static crate::gazetteer::Place> {
    let g = Gazetteer::get();
    let (_, rest) = site.split_once(',')?;
    let town = rest.split([',', '|']).next()?.trim();
    g.lookup(town)
        .or_else(|| g.lookup_in_place_context(town))
        .filter(|p| p.kind == PlaceKind::City)
}

/// The victim's town (and country, when the block names one) from a page footer that
/// gives the victim's name and address ([`crate::document::Noise::footer`]):
/// "Tandartsenpraktijk Lovenhoek · Lovenhoekstraat 0 · 2290 Vorselaar · tel. …",
/// "Vuursche Fertility Clinic B.V. · Baarn · Chamber of Commerce …", "Registered office:
/// Bremore House, Drogheda Street, Balbriggan, Co. Dublin". The footer must name a victim
/// (a news site's footer gives the publisher's address, not the victim's), and the town
/// must be an address item of its own after the name — the items are split at `·`, `|`,
/// `•`, `,` and `;`; an item is the town alone once a leading label ("Maatschappelijke
/// zetel:", "Sitz:"), postcodes (tokens with a digit: "2290", "HR9 0AA", "L-6990"; the
/// letter pair of a Dutch one, "8051 XX") and a trailing region in brackets ("(NE)") are
/// taken off. A street ("Drogheda Street") or a list ("Antennes in Rotselaar en
/// Keerbergen") is no such item. `known` is the country already read: a town of that
/// country is preferred among homonyms. Returns the town, the country the block names
/// (if any; else the town's own, unless towns of that name lie in several countries) and
/// the block.
pub(super) fn footer_address<'f>(
    footers: &'f [String],
    victims: &[Victim],
    known: Option<&str>,
) -> Option<(String, Option<String>, &'f str)> {
    let g = Gazetteer::get();
    let names: Vec<String> = victims
        .iter()
        .filter(|v| v.name != NOT_STATED && v.name.chars().count() >= 4)
        .map(|v| v.name.to_lowercase())
        .collect();
    let nw = name_words();
    for block in footers {
        let lower = block.to_lowercase();
        let Some(at) = names
            .iter()
            .filter_map(|n| lower.find(n.as_str()).map(|p| p + n.len()))
            .min()
        else {
            continue;
        };
        // Byte offsets of `lower` equal `block`'s only for ASCII-stable lower-casing; map
        // by character count instead.
        let chars_before = lower[..at].chars().count();
        let rest: String = block.chars().skip(chars_before).collect();
        // An enumeration ("Afnamecentra in Grimbergen, Meise, Londerzeel, Wemmel en
        // Vilvoorde") lists sites, none of them the seat: dropped whole before the items
        // are split at commas.
        let items: Vec<&str> = rest
            .split(['·', '|', '•', ';', '\n'])
            .filter(|part| {
                !(part.contains(',')
                    && part
                        .split_whitespace()
                        .any(|w| nw.conjunctions.iter().any(|c| c == w)))
            })
            .flat_map(|part| part.split(','))
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        let country_in_block = items.iter().find_map(|i| {
            let i = i.trim_end_matches('.');
            let i = i.strip_prefix("the ").unwrap_or(i);
            g.lookup_ci(i)
                .filter(|p| p.kind == PlaceKind::Country)
                .map(|p| p.country.clone())
        });
        let prefer = country_in_block.clone().or(known.map(str::to_string));
        let prefer = prefer.as_deref();
        for item in &items {
            let Some((town, region)) = address_town(item) else {
                continue;
            };
            // "1450 Sainte-Croix (VD)": GeoNames spells some towns with their canton
            // ("Sainte-Croix VD"), which decides between homonyms.
            let with_region = region
                .and_then(|r| g.lookup_village(&format!("{town} {r}")))
                .filter(|p| p.kind == PlaceKind::City);
            let by_region = with_region.is_some();
            let Some(p) = with_region
                .or_else(|| g.lookup_village(&town))
                .filter(|p| p.kind == PlaceKind::City)
            else {
                continue;
            };
            let homonyms = g.homonyms(&town);
            let p = match prefer {
                Some(c) if p.country != c => homonyms
                    .iter()
                    .copied()
                    .find(|h| h.country == c)
                    .unwrap_or(p),
                _ => p,
            };
            // A town of that name in several countries ("1450 Sainte-Croix (VD)": Vaud's
            // or Walloon Brabant's) says no country unless the block names one.
            let ambiguous = homonyms.iter().any(|h| h.country != p.country);
            let country = country_in_block.or_else(|| (!ambiguous).then(|| p.country.clone()));
            // The town as the footer writes it when its canton decided ("Sainte-Croix",
            // not GeoNames' "Sainte-Croix VD").
            let name = if by_region { town } else { p.name.clone() };
            return Some((name, country, block.as_str()));
        }
    }
    None
}

/// The town of one address item, with its label, postcodes and bracketed region taken
/// off ("Maatschappelijke zetel: Haacht" → "Haacht", "2290 Vorselaar", "Ross-on-Wye HR9
/// 0AA", "8051 XX Hattem", "Val-de-Travers (NE)"); `None` when nothing is left or what is
/// left is no capitalised name of at most four words.
fn address_town(item: &str) -> Option<(String, Option<&str>)> {
    let item = item.trim().trim_end_matches('.');
    // "Sitz: Koblenz", "Registered office: Bremore House": a short label.
    let item = match item.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 3 => rest.trim(),
        _ => item,
    };
    let (item, region) = match item.find('(') {
        Some(p) if item.ends_with(')') => {
            (item[..p].trim(), Some(item[p + 1..item.len() - 1].trim()))
        }
        _ => (item, None),
    };
    let tokens: Vec<&str> = item.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let code = t.chars().any(|c| c.is_ascii_digit())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        // The letters of a Dutch postcode ("8051 XX"): two capitals after its digits.
        let nl_letters = k > 0
            && tokens[k - 1].len() == 4
            && tokens[k - 1].chars().all(|c| c.is_ascii_digit())
            && t.len() == 2
            && t.chars().all(|c| c.is_ascii_uppercase());
        if code || nl_letters {
            continue;
        }
        kept.push(t);
    }
    if kept.is_empty() || kept.len() > 4 {
        return None;
    }
    // "Abbey Road", "Lovenhoekstraat", "Rue du Jura": a street, not the town.
    let nw = name_words();
    if kept.iter().any(|t| {
        let t = t.to_lowercase();
        nw.street_words
            .iter()
            .any(|w| t == *w || (w.chars().count() >= 5 && t.ends_with(w.as_str())))
    }) {
        return None;
    }
    let town = kept.join(" ");
    town.chars().next().filter(|c| c.is_uppercase())?;
    Some((town, region))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_noun_before_an_article_opens_no_name() {
        assert_eq!(
            clean_name("Beschäftigten der Eschweger Rehaklinik am Leuchtberg").as_deref(),
            Some("Rehaklinik am Leuchtberg")
        );
        assert_eq!(
            clean_name("Daten der Rehaklinik am Leuchtberg").as_deref(),
            Some("Rehaklinik am Leuchtberg")
        );
        assert_eq!(
            clean_name("Krankenhaus der Barmherzigen Brüder").as_deref(),
            Some("Krankenhaus der Barmherzigen Brüder")
        );
    }
}
