//! Per-language lexicons: the words and phrases extraction reads, kept as data files
//! (`crates/intel/lexicons/<code>.toml`, embedded at build time by `build.rs`). Adding a
//! language is adding a file there — or, without rebuilding, loading one with
//! [`Lexicon::from_path`] and passing it to [`crate::extract::extract_with`]; the format is documented in `docs/intel.md` ("Lexicon files").
//!
//! A document's language is detected with `whatlang` restricted to the languages that have a
//! lexicon; the rules then read that language's lexicon and the English one (English loan
//! words — "ransomware", "LockBit" — appear in every language's press).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Does `line` open like a site menu: four words or more, the first two `title_furniture`
/// words of any lexicon ("Menu Browse Victims …", "Menü Suche Erpresser-Radar …")? The
/// words are each lexicon's, lower-cased when it is compiled (`title_furniture_lower`,
/// shared with the title cleaner). Used by the plain-text reader's head block and by the focal
/// segmentation's one-line menus.
///
/// Also a site's name followed by its navigation bar: five words or more, the second a
/// furniture word, at least seven in ten capitalised and no closing punctuation
/// ("Losgeldradar Home Slachtoffers Groepen Sectoren Statistieken Over ons").
pub(crate) fn opens_like_menu(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let furniture = |w: &str| {
        let w = w.to_lowercase();
        all().iter().any(|l| l.title_furniture_lower.contains(&w))
    };
    if words.len() < 4 {
        return false;
    }
    if words[..2].iter().all(|w| furniture(w)) {
        return true;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 5
        && furniture(words[1])
        && capitalised * 10 >= words.len() * 7
        && !line.trim_end().ends_with(['.', '!', '?', ':', ';', ','])
}

/// Lexicon patterns are [`PrefilteredRegex`]es: same API as `regex::Regex` for the
/// searches the rules make, with a fast first pass.
pub use self::prefiltered::PrefilteredRegex as Regex;
/// Patterns compiled inside a scope share one literal automaton (built-in pattern
/// families outside a lexicon file, such as the date patterns, use it too).
pub(crate) use self::prefiltered::Scope;
/// Runs a closure with the pre-checks of every lexicon regex off on this thread (tests
/// comparing answers with and without them).
#[doc(hidden)]
pub use self::prefiltered::without_prefilter;
/// Pins a document's text for the pre-check memory while it is extracted (see
/// [`prefiltered::pin`]): its sentences are then recognised without comparing their text.
pub use self::prefiltered::{Pinned, pin};
use serde::Deserialize;

/// The embedded lexicon files: `(file name, contents)`, English first. Every `*.toml` of
/// `crates/intel/lexicons/` is embedded by `build.rs`: adding a language is adding a file.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));

/// An impact phrase: a regex, what it counts and how.
#[derive(Debug, Clone, Deserialize)]
pub struct ImpactRule {
    /// Case-insensitive regex; `{count}` stands for a count (digits or a number word of the
    /// lexicon) captured as the count of the impact.
    pub pattern: String,
    /// English unit name ("surgeries", "emergency department").
    pub unit: String,
    /// One of the effect names of `ImpactFact::effect`.
    pub effect: String,
    /// operational, financial, data.
    #[serde(default = "operational")]
    pub category: String,
    /// When true the phrase states the effect with a negation on purpose ("Externe E-Mails
    /// können weder empfangen noch versendet werden", "n'accueillent plus de patients"): a
    /// negation inside the match does not cancel it.
    #[serde(default)]
    pub negative: bool,
}

/// An effect phrase of a counted impact (`impact_effects`): "geannuleerd" → cancelled.
#[derive(Debug, Clone, Deserialize)]
pub struct EffectRule {
    /// Case-insensitive regex of the effect word(s).
    pub pattern: String,
    /// One of the effect names of `ImpactFact::effect`.
    pub effect: String,
    /// `service_effects` only: the phrase states the effect with a negation on purpose
    /// ("nicht erreichbar", "niet bereikbaar", "ne fonctionne plus"), so a negation word
    /// inside it does not cancel it.
    #[serde(default)]
    pub negative: bool,
    /// English `service_effects` only: the predicate takes a person as its subject ("could
    /// not open", "could no longer use"), so it puts out of use a service after it, never
    /// one before it ("nurses in the emergency department could no longer open …").
    #[serde(default)]
    pub agentive: bool,
    /// `service_effects` only: the predicate says the service works ("funktionierten",
    /// "liefen", "fonctionnait"); it states the effect only when negated — a negation
    /// before the service in its clause ("weder die Tourenplanung noch die digitale
    /// Pflegedokumentation … funktionierten") or between service and predicate.
    #[serde(default)]
    pub working: bool,
}

fn operational() -> String {
    "operational".into()
}

/// A response-action phrase.
#[derive(Debug, Clone, Deserialize)]
pub struct ResponseRule {
    pub pattern: String,
    /// A `ResponseAction::kind` (isolate_external, shutdown_servers, …).
    pub kind: String,
    /// When true the rule matches a negated phrase on purpose ("heeft geen losgeld betaald").
    #[serde(default)]
    pub negative: bool,
    /// A regex that must match in the same sentence or the one before for the rule to count:
    /// the topic of a phrase that names it only by a pronoun or not at all ("l'établissement
    /// n'y donnera pas suite" after "Une demande de rançon a été formulée"; "refused to pay"
    /// after a ransom demand).
    #[serde(default)]
    pub context: Option<String>,
    /// `context`, compiled when the lexicon is read.
    #[serde(skip)]
    pub context_regex: Option<Regex>,
}

/// A phrase that says something about confidentiality / integrity / availability.
#[derive(Debug, Clone, Deserialize)]
pub struct CiaRule {
    pub pattern: String,
    /// confidentiality, integrity or availability.
    pub attribute: String,
    /// The value the phrase supports: `true` (affected) or `false` (denied).
    pub value: bool,
    /// What kind of disclosure a `true` confidentiality phrase states, when it is not a
    /// theft (session 33). An unknown value is a lexicon error.
    #[serde(default)]
    pub disclosure: Option<DisclosureKind>,
}

/// A disclosure that is no theft, named by a lexicon `cia` phrase (`disclosure = "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisclosureKind {
    /// Records sent to the wrong recipients (VERIS error: misdelivery): disclosed without
    /// exfiltration, so no T1041.
    Misdelivery,
}

/// A motive phrase (VERIS `actor.*.motive`: financial, espionage, ideology, grudge…).
#[derive(Debug, Clone, Deserialize)]
pub struct MotiveRule {
    pub pattern: String,
    /// The motive it supports.
    pub motive: String,
    /// True when the phrase only suggests the motive (marked `inferred`), false when it
    /// states it.
    #[serde(default)]
    pub inferred: bool,
}

/// A technique phrase (`technique_cues`): a regex that, in a sentence of the focal incident,
/// states an ATT&CK technique ("via an employee's account" → T1078).
#[derive(Debug, Clone, Deserialize)]
pub struct TechniqueCue {
    /// Case-insensitive regex.
    pub pattern: String,
    /// ATT&CK technique id (T1078, T1566.001); must be in `data/attack_techniques.tsv`.
    pub technique: String,
    /// What the phrase stands for, in English ("valid accounts").
    pub what: String,
}

/// The phrases that set a paragraph or line apart from the focal incident.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FocalCues {
    /// A line equal to one of these (case-insensitive, optional trailing `:` or `(N)`) starts
    /// a block of related headlines / links: the rest of its paragraph is not the article.
    #[serde(default)]
    pub related_headers: Vec<String>,
    /// A line equal to one of these starts reader comments: the rest of the document.
    #[serde(default)]
    pub comment_headers: Vec<String>,
    /// A paragraph opening with one of these regexes is about another (earlier) incident,
    /// unless it names the focal organisation.
    #[serde(default)]
    pub other_incident_openers: Vec<String>,
    /// Those of `other_incident_openers` that recap a story told before ("as a reminder",
    /// "ter herinnering", "pour rappel", "zur Erinnerung", "background:"), matched at the
    /// start of a paragraph's first line. A follow-up article recaps its own incident
    /// this way, so such a paragraph is read again ([`crate::extract::focal::readmit_recent`])
    /// when it names no other organisation, tells of no earlier incident and is dated
    /// (if at all) within [`crate::extract::focal::RECAP_DAYS`] before publication.
    #[serde(default)]
    pub recap_openers: Vec<String>,
    /// Regexes that open an update stamp's line ("update", "mise à jour",
    /// "Aktualisierung", "aanvulling"), matched at the line's start; the stamp's day
    /// anchors the dates after it ([`crate::extract::focal::update_stamps`]).
    #[serde(default)]
    pub update_openers: Vec<String>,
    /// Regexes of a heading that introduces the organisation's own measures ("Mesures
    /// prises", "Maatregelen", "6. Response"), matched against the whole heading line
    /// (case-insensitive, a leading section number allowed): the list of short lines under
    /// it is content, not a menu ("- Mise en place d'une cellule de crise").
    #[serde(default)]
    pub measures_headings: Vec<String>,
    /// Values that answer a `Label: value` line with "no" ("Nein", "Non", "Nee", "None"):
    /// "Lösegeld gezahlt: Nein" states no response of the label's kind.
    #[serde(default)]
    pub no_values: Vec<String>,
    /// A sentence matching one of these regexes is a statistic about many organisations.
    #[serde(default)]
    pub statistic_cues: Vec<String>,
    /// Regexes of a sentence that turns to other victims ("is not the only victim",
    /// "nicht das einzige Opfer", "niet het enige", "n'est pas la seule"): the sentences
    /// after it in its paragraph are about other incidents unless they name the focal
    /// organisation.
    #[serde(default)]
    pub other_victims_cues: Vec<String>,
    /// Values that mean "not known" in a `Label: value` line ("Unknown", "not mentioned").
    #[serde(default)]
    pub unknown_values: Vec<String>,
    /// Regexes of a sentence that speaks of the incident the document reports ("this
    /// attack", "deze aanval", "cette attaque", "dieser Angriff"): such a sentence stays
    /// focal even when it is dated well before the incident.
    #[serde(default)]
    pub this_incident_cues: Vec<String>,
    /// The definite articles ("the"; "der", "die", "das", "des", "dem", "den"; "le", "la",
    /// "l'", "du"; "de", "het"), lower case: an acronym of the focal organisation's name
    /// after one ("die Server des MVZ", "the HSE's systems") refers back to that
    /// organisation, so a paragraph opening like a past story ("Zur Erinnerung: …") that
    /// says so stays focal. An indefinite article ("ein MVZ in Hagen") does not.
    #[serde(default)]
    pub definite_articles: Vec<String>,
    /// Regexes of a sentence that tells of an earlier incident ("al eens", "avait déjà
    /// subi", "bereits 2019", "had already been hit", "une semaine plus tôt", "earlier this
    /// year"): set apart with the rest of its paragraph unless it speaks of this incident.
    #[serde(default)]
    pub earlier_incident_cues: Vec<String>,
    /// Regexes of a sentence that tells of a similar incident ("Opfer eines ähnlichen
    /// Angriffs", "a similar attack", "een vergelijkbare aanval", "un cas similaire"):
    /// another incident whatever its date, unless it speaks of this one
    /// (`this_incident_cues`). Session 25.
    #[serde(default)]
    pub similar_incident_cues: Vec<String>,
    /// Regexes of a relative time shift back ("a week earlier", "twee weken eerder",
    /// "quelques semaines plus tôt", "einige Wochen zuvor"): a sentence with one tells of
    /// an earlier incident only when it also names an organisation, name or city the
    /// title and lead do not; else it is the focal incident's own earlier step ("a week
    /// earlier an employee had opened a fake invoice").
    #[serde(default)]
    pub earlier_time_cues: Vec<String>,
    /// Regexes of a clause about a fix made available (session 32: "for which the
    /// manufacturer had issued a fix in February 2024", "für die seit Februar ein Update
    /// verfügbar war", "waarvoor sinds februari een update beschikbaar was", "pour laquelle
    /// un correctif était disponible depuis février"): the times it names date the fix, not
    /// the sentence's event, so they do not make the sentence another incident.
    #[serde(default)]
    pub patch_clause_cues: Vec<String>,
    /// Regexes of a sentence saying that another incident is not this one ("is not
    /// connected to", "n'a aucun lien avec", "staat los van", "steht nicht in
    /// Zusammenhang"): the sentence and the sentences before it in its paragraph (back to
    /// one naming the focal organisation) are about another incident.
    #[serde(default)]
    pub unrelated_cues: Vec<String>,
    /// Page furniture words a scraped title may open with ("Menu", "Search", "Rechercher",
    /// "Zoeken", "Startseite"), dropped from its start (any case, repeated).
    #[serde(default)]
    pub title_furniture: Vec<String>,
    /// Labels of a page's reference number ("Reference", "Ref", "Réf", "Referentie",
    /// "Aktenzeichen"): a title part " - Réf. 2024-0604 -" made of one and a code with a
    /// digit is dropped.
    #[serde(default)]
    pub reference_labels: Vec<String>,
    /// The last word of a breadcrumb before the victim's name in a tracker's title
    /// ("Cyber Incident Victim: X", "Cyber Vorfall Opfer: X"): the title keeps what follows.
    #[serde(default)]
    pub breadcrumb_labels: Vec<String>,
}

/// One language's lexicon, as read from its TOML file.
#[derive(Debug, Clone, Deserialize)]
pub struct LexiconFile {
    /// ISO 639-1 code ("nl").
    pub code: String,
    /// ISO 639-3 code as `whatlang` reports it ("nld").
    pub iso639_3: String,
    pub name: String,
    /// Month names and abbreviations → month number.
    #[serde(default)]
    pub months: BTreeMap<String, u32>,
    /// Weekday names → `mon`…`sun`. A weekday also matches as the start of a compound
    /// ("dinsdagochtend", "Dienstagabend").
    #[serde(default)]
    pub weekdays: BTreeMap<String, String>,
    /// Relative days → offset from the publication date ("gisteren" = -1).
    #[serde(default)]
    pub relative_days: BTreeMap<String, i64>,
    /// Regexes of "the previous week" ("last week", "vorige week", "la semaine dernière",
    /// "vergangener Woche"): a weekday next to one is that day of the week before.
    #[serde(default)]
    pub previous_week: Vec<String>,
    /// Order of an all-numeric date with `/` or `-` ("27/12/2023", "11-11-2023"): `"dmy"`
    /// or `"mdy"`; empty (English, whose press uses both) resolves only an unambiguous one
    /// (a part above 12). Dotted dates ("27.12.2023") are always day-month-year. With
    /// `"dmy"`, a timeline entry without a year ("16/04 : …") takes the anchor's year.
    #[serde(default)]
    pub numeric_date_order: String,
    /// Month names are written with a capital ("May"): a lower-case match ("may", the
    /// verb) is not a month.
    #[serde(default)]
    pub months_capitalised: bool,
    /// Endings written after a day number before or after a month ("1st", "2nd", "1er",
    /// "7." — English `st nd rd th`, French `er e`, German `.`, Dutch `e ste`).
    #[serde(default)]
    pub day_suffixes: Vec<String>,
    /// Words between a day and its month ("the 14th of March": English `of`; "le 1er de"
    /// is not French, so French has none).
    #[serde(default)]
    pub day_month_joiners: Vec<String>,
    /// The month may also be written before the day ("March 14, 2023", "Mar. 14"), as in
    /// English; day-month order is always read.
    #[serde(default)]
    pub month_day_order: bool,
    /// Named days → `MM-DD` ("heiligabend" = "12-24", "kerstavond", "veille de noël",
    /// "christmas eve"): resolved to the latest such day on or before the publication date
    /// (`inferred`), or to the year written after it (`stated`). Only days with one date.
    #[serde(default)]
    pub named_days: BTreeMap<String, String>,
    /// Words before a month name without a day ("begin juli", "début juillet", "Anfang
    /// Juli", "early July", "in juli"): the month, `YYYY-MM` (the year written after it, or
    /// the latest such month on or before the publication date, `inferred`).
    #[serde(default)]
    pub month_prefixes: Vec<String>,
    /// Words joining the first day of a range to the second ("11 en 12 november", "du 20
    /// au 21 août", "vom 20. auf den 21. August", "20-21 August"): the range's date is its
    /// first day.
    #[serde(default)]
    pub day_range_joiners: Vec<String>,
    /// Regexes of a night before a day range, matched against the text right before its
    /// first day (ending `$`: "nuit du", "nacht van", "Nacht vom", "night of"): a night
    /// from one day into the next is dated by the day it ends in ("dans la nuit du 20 au
    /// 21 août" → the 21st, as "in der Nacht zum 10. September" → the 10th).
    #[serde(default)]
    pub night_range_cues: Vec<String>,
    /// Regexes of a weekday said to be the last one strictly before the publication date
    /// ("last Tuesday", "mardi dernier", "vergangenen Dienstag", "afgelopen dinsdag"),
    /// matched against the text right before (ending `$`) or right after (starting `^`) the
    /// weekday.
    #[serde(default)]
    pub last_weekday_cues: Vec<String>,
    /// Regexes of a delay before a weekday, matched against the text right before it
    /// (ending `$`): "pas donderdag", "erst am Donnerstag", "not until Thursday", "ce n'est
    /// que jeudi". Such a weekday is told from the publication date, never from the day the
    /// narrative stands on.
    #[serde(default)]
    pub delay_cues: Vec<String>,
    /// Regexes of a `Label:` that dates the incident in a tracker's fields or a report
    /// ("Date of incident", "Attack date", "Date du piratage", "Datum van de aanval",
    /// "Angriffsdatum"), matched against the label only: its date is the incident date and
    /// wins over dates read from prose.
    #[serde(default)]
    pub incident_date_labels: Vec<String>,
    /// Regexes of a `Label:` that dates the discovery ("Date of discovery", "Date de
    /// découverte", "Datum ontdekking", "Entdeckt am").
    #[serde(default)]
    pub discovery_date_labels: Vec<String>,
    /// Words before a bare year that make it a date of an event ("in 2019", "en 2019",
    /// "im Jahr 2019", "sinds 2019"): used to tell sentences about earlier incidents apart.
    #[serde(default)]
    pub year_prefixes: Vec<String>,
    /// Regexes of the year before the publication date ("last year", "vorig jaar", "l'an
    /// dernier", "im vergangenen Jahr"): used to tell sentences about earlier incidents
    /// apart.
    #[serde(default)]
    pub previous_year_cues: Vec<String>,
    /// Regexes of the label of a page's own date in its header lines ("Published", "Date",
    /// "Datum", "Publié le", "Gepubliceerd op", "Veröffentlicht am"), matched against the
    /// label only: the publication date when no metadata gives one; never an incident date.
    #[serde(default)]
    pub publication_labels: Vec<String>,
    /// Regexes of the label of an entry's update stamp ("Updated", "Bijgewerkt",
    /// "Mis à jour", "Aktualisiert"), matched against the label only: a publication label
    /// too, and a labelled date on the line right above one is the entry's first
    /// publication whatever its label (a tracker's "Discovered: … / Updated: …").
    #[serde(default)]
    pub update_labels: Vec<String>,
    /// Regexes of a sentence dating the attackers' first access ("gained access", "a
    /// foothold", "kwamen … binnen", "drangen … ein", "ont pénétré"): its date is the
    /// incident date only when no sentence dates the attack itself (the incident is dated
    /// by its execution: "al in oktober binnen … op maandag 23 december sloegen ze toe").
    #[serde(default)]
    pub initial_access_cues: Vec<String>,
    /// Number words → value ("zeven" = 7).
    #[serde(default)]
    pub number_words: BTreeMap<String, u64>,
    /// Multiplier words after a number → factor ("million" = 1000000, "Millionen").
    #[serde(default)]
    pub multipliers: BTreeMap<String, u64>,
    /// Currency words and symbols → ISO 4217 code ("euros" = "EUR").
    #[serde(default)]
    pub currencies: BTreeMap<String, String>,
    /// Words that negate what follows them in the same clause ("geen", "niet").
    #[serde(default)]
    pub negation: Vec<String>,
    /// Regexes that negate what follows them in the same clause, for negations that are
    /// not whole words (English "n't").
    #[serde(default)]
    pub negation_patterns: Vec<String>,
    /// The `negation` words that are prepositions ("without", "zonder", "sans", "ohne"):
    /// they negate the phrase they govern, not the clause. Such a word negates a cue only
    /// when nothing but `negation_preposition_links` stands between it and the cue
    /// ("zonder dat gegevens zijn gestolen", "without any data being taken"); otherwise it
    /// governs another phrase ("zonder reden dossiers … doorverkocht", "consulté sans
    /// raison", "ohne Grund eingesehen") and the cue stands (session 30).
    #[serde(default)]
    pub negation_prepositions: Vec<String>,
    /// Words that may stand between a negation preposition and the phrase it negates:
    /// subordinators, articles, quantifiers ("that", "any", "dat", "er", "que", "des",
    /// "dass", "die").
    #[serde(default)]
    pub negation_preposition_links: Vec<String>,
    /// Regexes of a negated purpose or condition ("pour ne pas publier", "for not
    /// publishing", "om … niet te publiceren", "um … nicht zu veröffentlichen"): a negation
    /// inside one negates the purpose, not what the clause states ("Ils réclament 200 000
    /// francs pour ne pas publier les données …" denies no theft; session 30).
    #[serde(default)]
    pub negation_purpose_patterns: Vec<String>,
    /// Regexes (starting `^`) of a negated verb of demand after a ransom cue in its clause
    /// ("Lösegeld wurde nicht gefordert", "losgeld werd niet geëist", "ransom was not
    /// demanded"), matched against the text right after the cue: no demand. A negated
    /// payment is not one of them (a refusal: the demand stands).
    #[serde(default)]
    pub demand_negated_after: Vec<String>,
    /// Regexes of a sentence that leaves open whether something happened ("whether",
    /// "it is unclear", "Of er … is nog niet duidelijk", "Ob …", "on ignore si …"): such a
    /// sentence states no effect, technique, response or motive.
    #[serde(default)]
    pub uncertainty_cues: Vec<String>,
    /// Regexes (anchored at a sentence's start) of the clause that frames a reporter's
    /// question the rest of the sentence answers ("Asked whether patient data had been
    /// stolen, …", "Gevraagd of er gegevens zijn gestolen, …"): the question asserts
    /// nothing and leaves nothing open, so every rule reads only the answer after it.
    #[serde(default)]
    pub question_frames: Vec<String>,
    /// Regexes of a denial that governs the rest of the sentence, across clause boundaries
    /// ("no evidence that …", "geen aanwijzingen dat …", "keine Hinweise, dass …").
    #[serde(default)]
    pub denial_cues: Vec<String>,
    /// Words and phrases that start a new clause (with spaces around, " that ", " dat "):
    /// a negation before one does not reach past it. `,` `;` `:` are boundaries in every
    /// language.
    #[serde(default)]
    pub clause_boundaries: Vec<String>,
    /// Regexes of the words that open a describing relative clause right after a comma
    /// ("which", "through which", "waarin", "qui", "über das"): a service named inside such
    /// a clause ("the radiology information system, through which appointments, reports
    /// and images run, would not start") describes the service before it and is no outage
    /// of its own. Matched case-insensitively at the clause's start, after ", ".
    #[serde(default)]
    pub relative_clause_openers: Vec<String>,
    /// Regexes of a relative clause that lists what was hit ("which include", "waaronder",
    /// "darunter", "dont"): its services are read as usual.
    #[serde(default)]
    pub relative_inclusion_cues: Vec<String>,
    /// Nouns that, right after a malware name ("LockBit ransomware gang", "Ransomware-Gruppe"),
    /// make it the name of a group rather than software deployed.
    #[serde(default)]
    pub group_nouns: Vec<String>,
    /// Topics of advice as lower-case stems matched inside the lower-cased sentence
    /// ("sauvegard", "back-up", "schul"): an advisory sentence on one of them is a
    /// recommendation (`recommendations`).
    #[serde(default)]
    pub recommendation_topics: Vec<String>,
    /// Regexes of a group noun *before* a malware word, matched against the text right
    /// before it ("groupe de rançongiciel Qilin"); the pattern should end with `$`.
    #[serde(default)]
    pub group_before: Vec<String>,
    /// Regexes of advice: a sentence matching one is a recommendation, never a response.
    #[serde(default)]
    pub recommendation: Vec<String>,
    /// Regexes of a heading over a section of lessons or advice ("Lessons learned",
    /// "Geleerde lessen", "Retour d'expérience", "Lehren aus dem Vorfall"): the list items
    /// under it are advice, never response actions (besides the `recommendation` cues).
    #[serde(default)]
    pub advice_headings: Vec<String>,
    /// Regexes removed from a sentence before the `recommendation` cues run: phrases that
    /// look like advice but are not ("the need to …" is a noun phrase), or that cite advice
    /// the victim followed ("conformément aux recommandations de l'État, l'établissement n'y
    /// donnera pas suite", "as advised by the police", "auf Anraten der Polizei").
    #[serde(default)]
    pub advice_exceptions: Vec<String>,
    /// Regexes of a plan or an announcement in the clause of a response phrase ("will be
    /// restored", "plans to", "zal … worden", "prévoit de", "ist geplant", "soll"): a step
    /// not yet taken is not a response action. Rules marked `negative` (a refusal to pay)
    /// are decisions and still count.
    #[serde(default)]
    pub plan_cues: Vec<String>,
    /// Words or phrases that open a condition ("if", "unless"; "wenn", "falls"; "si";
    /// "indien", "tenzij", "als er" — "als" alone is also "as"), lower case: a refusal to pay in a clause they open ("threatened to publish
    /// the files if the clinic did not pay") states a threat, not a decision.
    #[serde(default)]
    pub conditional_words: Vec<String>,
    /// Coordinating words ("and", "but", "en", "maar", "et", "mais", "und", "aber") that,
    /// after a comma, start a clause of its own: an open question ("whether …") in one
    /// clause leaves a response stated in the other standing.
    #[serde(default)]
    pub clause_coordinators: Vec<String>,
    /// Words that open an indirect question ("whether", "if", "of", "ob", "si"): an
    /// uncertainty cue ending in one ("investigating whether", "onderzoekt of", "cherche à
    /// savoir si") leaves the clause after it open, not the words before it — "An outside
    /// firm the trust called in is investigating whether data was taken" states the firm.
    #[serde(default)]
    pub question_subordinators: Vec<String>,
    /// Words that, right after a clause coordinator, point back to the clause before ("…,
    /// but that is not confirmed", "maar dat is niet bevestigd", "mais cela n'est pas
    /// confirmé", "aber das ist nicht bestätigt"): the coordinated clause then speaks of
    /// the one before, and does not start a claim of its own.
    #[serde(default)]
    pub back_references: Vec<String>,
    /// A tracker field's negative answers ("No", "Nee", "Non", "Nein", "None"): "Data
    /// leaked: No" denies what the label names.
    #[serde(default)]
    pub negative_answers: Vec<String>,
    /// Words that answer a question yes ("yes", "ja", "oui"): a question of a Q&A page
    /// answered yes by the sentence after it ("Les pirates ont-ils demandé une rançon ?
    /// Oui, 70 000 francs.", "Mes données ont-elles été consultées ? Pour une partie de nos
    /// membres, oui.") states what it asks (session 30).
    #[serde(default)]
    pub affirmative_answers: Vec<String>,
    /// Words that name a software version ("version", "versie", "Version", "v", "build"):
    /// a dotted quad right after one ("naar versie 5.8.0.21") is a version number, not an
    /// IPv4 address. Matched case-insensitively as whole words, optionally followed by `:`.
    #[serde(default)]
    pub version_words: Vec<String>,
    /// A tracker field's answers that leave it open ("under investigation", "in
    /// onderzoek", "en cours d'analyse", "wird untersucht"): "Data breach: under
    /// investigation" states nothing (the focal `unknown_values` are open answers too).
    #[serde(default)]
    pub open_answers: Vec<String>,
    /// Regexes of the attackers' claim ("claims to have stolen", "affirme avoir dérobé",
    /// "laut Tätergruppe", "beweert … te hebben"): such a sentence is evidence of theft only
    /// while the text does not say it cannot confirm it (`unconfirmed_cues`).
    #[serde(default)]
    pub claim_cues: Vec<String>,
    /// Regexes naming the health(care) sector as the victim's ("the healthcare sector",
    /// "zorgsector", "établissement de santé", "Gesundheitswesen", a tracker's "Sector:
    /// Healthcare" label): the record's `sector` is then stated `healthcare` even when the
    /// organisation type is not read.
    #[serde(default)]
    pub health_sector_cues: Vec<String>,
    /// Regexes of a clock time written in words ("gegen 3 Uhr", "vers 21 heures", "rond 5
    /// uur", "around 3am"), besides the digits `03:40` / `3.40` / `3h15` every language
    /// shares: a sentence about discovery with a clock time and no date is dated by the
    /// sentence before it.
    #[serde(default)]
    pub clock_time_cues: Vec<String>,
    /// Regexes of the whole IT named with a totality word ("all of its servers", "tous nos
    /// serveurs", "l'ensemble du système informatique", "alle computers en servers",
    /// "sämtliche Rechner", "die gesamte IT"): beside an `it_outage_cues` word in the same
    /// clause, the impact `IT systems unavailable` (Coding rule 12).
    #[serde(default)]
    pub whole_it_cues: Vec<String>,
    /// Regexes of the IT taken out of use: shut down, switched off, encrypted, paralysed
    /// ("switched off", "mis à l'arrêt", "uitgezet", "heruntergefahren", "verschlüsselt").
    #[serde(default)]
    pub it_outage_cues: Vec<String>,
    /// Regexes of a statement left unconfirmed ("cannot confirm", "ne pouvons pas
    /// confirmer", "nicht bestätigt", "niet bevestigd"): the sentence states no
    /// confidentiality value, and the attackers' claims in the text count for nothing
    /// (Coding rule 2: a claim is not a statement).
    #[serde(default)]
    pub unconfirmed_cues: Vec<String>,
    /// Regexes of a publisher's disclaimer about stolen data ("RansomLedger does not host
    /// or link to stolen data", "verspreidt geen gestolen gegevens", "ne diffuse aucune
    /// donnée volée", "verbreitet keine gestohlenen Daten"): the site speaks of itself, so
    /// the sentence denies no disclosure by the victim (session 28).
    #[serde(default)]
    pub publisher_disclaimer_cues: Vec<String>,
    /// Disclosure clauses (session 30): regexes of the nouns of data that can be taken or
    /// seen ("patiëntgegevens", "fichiers", "Befundberichte", "referral letters"). With a
    /// predicate of `disclosure_taken_*` or `disclosure_viewed_*` in the same clause they
    /// state a disclosure (Coding rule 2); see `disclosure_taken_after`.
    #[serde(default)]
    pub disclosure_objects: Vec<String>,
    /// Regexes of phrases that look like part of a disclosure clause but are not: a data
    /// object that names something else ("data protection", "data centre"), a predicate
    /// with another sense ("taken offline"), an adjective after a determiner ("die
    /// erbeuteten Daten"). A disclosure clause that overlaps one does not count.
    #[serde(default)]
    pub disclosure_false_friends: Vec<String>,
    /// Regexes of a predicate that follows its data object and states the data taken —
    /// stolen, copied, downloaded, published, forwarded, sold ("… gegevens zijn
    /// gekopieerd", "… ont été téléchargées", "… Patientinnen und Patienten kopiert", "…
    /// were forwarded"): confidentiality `true` and T1041. Past forms only: a group's
    /// habit in the present ("vole des données") states nothing of this incident.
    #[serde(default)]
    pub disclosure_taken_after: Vec<String>,
    /// Regexes of a predicate that precedes its data object and states the data taken
    /// ("kopieerde namen", "ont copié une partie de nos fichiers", "published files",
    /// "veröffentlichte … Daten").
    #[serde(default)]
    pub disclosure_taken_before: Vec<String>,
    /// Like `disclosure_taken_after`, a predicate that states the data seen, not taken
    /// ("… dossiers … ingekeken", "… données … consultées", "records they looked at"):
    /// confidentiality `true` without T1041.
    #[serde(default)]
    pub disclosure_viewed_after: Vec<String>,
    /// Like `disclosure_taken_before`, for data seen ("a consulté … les dossiers").
    #[serde(default)]
    pub disclosure_viewed_before: Vec<String>,
    /// Regexes of stolen data named attributively ("stolen data", "gestolen gegevens",
    /// "données volées", "gestohlenen Daten"). Negated ("verlinkt keine gestohlenen
    /// Daten", "ne publie aucun lien vers des données volées") the sentence speaks of what
    /// someone does with stolen data, not of whether data was stolen: it states no
    /// disclosure either way (session 30, the general form of `publisher_disclaimer_cues`).
    #[serde(default)]
    pub stolen_data_phrases: Vec<String>,
    /// Articles and determiners dropped from the start of a name ("Het", "Das").
    #[serde(default)]
    pub articles: Vec<String>,
    /// After a dropped article, a capitalised adjective ending in `e` takes this ending
    /// ("Das Städtische Klinikum" → "Städtisches Klinikum").
    #[serde(default)]
    pub article_adjective_endings: BTreeMap<String, String>,
    /// Demonyms and place adjectives → gazetteer name ("Antwerps" → "Antwerp").
    #[serde(default)]
    pub demonyms: BTreeMap<String, String>,
    /// Morphology of place adjectives: `[suffix, replacement]` pairs tried against the
    /// gazetteer ("Antwerpener" − "er" → "Antwerpen").
    #[serde(default)]
    pub demonym_suffixes: Vec<[String; 2]>,
    /// Words of an organisation's name that belong to one country's health system →
    /// ISO 3166-1 alpha-2 code ("NHS" = "GB", "HSE" = "IE"); case-sensitive, whole words.
    #[serde(default)]
    pub name_countries: BTreeMap<String, String>,
    /// Organisation-type cues (lower-case substring → type), checked in order.
    #[serde(default)]
    pub org_types: Vec<[String; 2]>,
    /// Capitalised words that name organisations ("Ziekenhuis", "Klinikum").
    #[serde(default)]
    pub org_keywords: Vec<String>,
    /// Capitalised words that are never part of an organisation's name: police, agencies,
    /// ministries, a spokesperson ("Sprecher der Klinik" is a person).
    #[serde(default)]
    pub not_org_words: Vec<String>,
    /// Generic type nouns dropped before a proper name that itself starts with an
    /// organisation keyword ("Ziekenhuis AZ Voorbeeld" → "AZ Voorbeeld").
    #[serde(default)]
    pub generic_org_nouns: Vec<String>,
    /// Regexes of a sentence about an attack (for victims and dates).
    #[serde(default)]
    pub attack_cues: Vec<String>,
    /// Regexes of a sentence about discovery.
    #[serde(default)]
    pub discovery_cues: Vec<String>,
    /// Regexes of a sentence about the attack for dating it, beside `attack_cues`
    /// ("outage", "went down", "encrypted").
    #[serde(default)]
    pub incident_cues: Vec<String>,
    /// Regexes of a sentence that dates the attack itself ("occurred", "began"): its date
    /// is the incident date even when the sentence also speaks of discovery.
    #[serde(default)]
    pub strong_incident_cues: Vec<String>,
    /// Regexes of detection by a third party's tooling ("their platform detected …"):
    /// earlier telemetry, not the discovery of the incident.
    #[serde(default)]
    pub third_party_cues: Vec<String>,
    /// Regexes of a later event — a claim, a leak, data published ("claimed", "a publié",
    /// "veröffentlichte", "gepubliceerd"): the date of such a sentence is not the attack's
    /// unless the sentence also dates the attack itself (`strong_incident_cues`).
    #[serde(default)]
    pub later_event_cues: Vec<String>,
    /// Regexes of a question heading that asks how or when the attack was discovered ("Wanneer
    /// is het ontdekt?", "Comment l'avez-vous découvert ?", "Wie haben Sie davon
    /// erfahren?"): the answer's first sentence dates the discovery.
    #[serde(default)]
    pub discovery_questions: Vec<String>,
    /// Regexes matched against the text right before a date (so ending with `$`): a date a
    /// statement was made on ("said on", "announced"), not the incident's.
    #[serde(default)]
    pub statement_verbs: Vec<String>,
    /// Session 20: regexes (anchored at the text right after a date) of a verb of saying
    /// that the date opens ("today confirms", "am Dienstag bestätigte", "mardi a
    /// confirmé", "dinsdag bevestigde"): the date the statement was made, not the incident's.
    #[serde(default)]
    pub statement_verbs_after: Vec<String>,
    /// Session 29: regexes matched against the text right before a date (ending `$`) that
    /// make it the date of a message the text then quotes ("in a statement of", "in een
    /// bericht aan haar patiënten van", "dans un communiqué du", "in einer Mitteilung an
    /// Angehörige vom"): a bare weekday in the sentences after it is told back from that
    /// day, not forward from it or from the page's date.
    #[serde(default)]
    pub communication_date_cues: Vec<String>,
    /// Regexes of a statement, an announcement or a publication anywhere in a sentence
    /// ("said", "statement", "a annoncé", "publiée", "teilte … mit", "verklaarde"): a date
    /// whose nearest cue is one of these is the date of the statement, never the
    /// incident's or the discovery's (`extract::incident_dates` binds each date to the
    /// cue nearest it).
    #[serde(default)]
    pub statement_cues: Vec<String>,
    /// Phrases that name a day relative to another date of the same sentence, with the
    /// offset in days ("la veille" = -1, "the day before" = -1, "am Vortag" = -1, "de dag
    /// ervoor" = -1, "le lendemain" = 1): resolved against the nearest date written before
    /// them in the sentence, never against the publication date.
    #[serde(default)]
    pub relative_to_date: BTreeMap<String, i64>,
    /// Prepositions that make a following phrase a noun's complement ("of", "from", "de",
    /// "van", "von"; an elided form ends in an apostrophe, "d'"): a `relative_to_date`
    /// phrase right after one dates a thing ("the figures of the day before", "les images
    /// de la veille"), not an event, and is not read.
    #[serde(default)]
    pub noun_complement_words: Vec<String>,
    /// Words that open a range of two dates ("between", "entre", "tussen", "zwischen"):
    /// in "between A and B" A is when the activity began (the incident), B is bound to
    /// the cue nearest it.
    #[serde(default)]
    pub range_openers: Vec<String>,
    /// Words before a date that open a lasting state ("since", "sinds", "seit", "depuis";
    /// an article may follow): "unable to see records since Wednesday after an attack"
    /// dates when the outage began, which bounds the attack from above — an earlier day
    /// a later sentence gives the attack itself replaces it.
    #[serde(default)]
    pub since_words: Vec<String>,
    /// Regexes matched against the text right before a date in a header line (so ending
    /// with `$`): the page's own date ("Published ", "Last updated: ", "Publié le ",
    /// "Mis à jour le ", "Bijgewerkt op ", "Aktualisiert am ", "Stand: ").
    #[serde(default)]
    pub publication_cues: Vec<String>,
    /// Regexes matched against the text right before an organisation's name (so ending
    /// with `$`): a destination ("diverted to", "naar", "vers", "nach") — patients or
    /// ambulances sent there; that organisation is not the victim.
    #[serde(default)]
    pub destination_cues: Vec<String>,
    /// Regexes matched against the text right before a list of organisations' names (so
    /// ending with `$`): the recipients of a report or notification ("reported to",
    /// "notified", "gemeld bij", "signalé à", "gemeldet an") — the police, a regulator, a
    /// health authority; never the victim ([`Ctx::is_notified_party`]).
    #[serde(default)]
    pub notified_cues: Vec<String>,
    /// Regexes matched against the text right before a name (so ending with `$`) that
    /// make the name the object of the attack ("attack on", "aanval op", "attaque contre",
    /// "Angriff auf"): that organisation is the victim, even when a customer or site is
    /// named earlier in the sentence ("surgery cancelled at X after the attack on Y, a
    /// lab serving X" → Y).
    #[serde(default)]
    pub attack_object_cues: Vec<String>,
    /// Regexes matched against the text right before an organisation's name (so ending
    /// with `$`) that make it a site run by another ("runs three hospitals:", "betreibt
    /// drei Krankenhäuser: das", "beheert", "regroupe"): a site is not the victim; the
    /// operator the text names is, or the victim is not stated.
    #[serde(default)]
    pub operated_site_cues: Vec<String>,
    /// Regexes inside an apposition ("Y, a lab serving hospitals") where what the
    /// organisation serves begins ("serving", "to", "dat", "qui", "für"): the type is read
    /// only before it, so a customer's type is not the victim's.
    #[serde(default)]
    pub apposition_ends: Vec<String>,
    /// Regexes matched against the text right before an actor's name (so ending with `$`)
    /// that introduce it as another actor's alias ("also tracked as", "alias", "auch
    /// bekannt als"): the same actor, not a second one.
    #[serde(default)]
    pub alias_cues: Vec<String>,
    /// Regexes matched against the text right before a place name (so ending with `$`):
    /// a region named after a country or city ("province de ", "provincie ", "Provinz ").
    #[serde(default)]
    pub region_prefixes: Vec<String>,
    /// Regexes matched against the text right before a place name (ending with `$`): the
    /// place is a reference point, not where the victim is ("south-west of Brussels",
    /// "aus dem nahen Luxemburg", "près de Lyon", "vlakbij Gent").
    #[serde(default)]
    pub reference_place_cues: Vec<String>,
    /// Names of languages as written after "in" ("French", "Französisch", "néerlandais",
    /// "Frans"), lower case: "Hal in French" names a language, not a country.
    #[serde(default)]
    pub language_names: Vec<String>,
    /// Capitalised words that are never threat-actor names ("Extortion", "Cyber").
    #[serde(default)]
    pub not_actor_words: Vec<String>,
    /// Words for a criminal group after which a capitalised name is an actor
    /// ("groupe de hackers Lockbit", "Ransomware-Gruppe Black Basta").
    #[serde(default)]
    pub actor_nouns: Vec<String>,
    /// Regexes of a sentence that denies an attribution ("has not claimed", "no group has
    /// been named", "nog niet bekend wie"): no actor is read from it.
    #[serde(default)]
    pub actor_denials: Vec<String>,
    /// Session 20: regexes of a sentence in which the victim declines to confirm or comment
    /// on an attribution just reported, pointing back to it ("The centre would not comment
    /// on that", "Das Krankenhaus äußert sich dazu nicht", "L'hôpital ne confirme pas cette
    /// information", "Het ziekenhuis bevestigt dat niet"): the sentence before names no
    /// actor unless it reports the group's own claim or listing (`later_event_cues`).
    #[serde(default)]
    pub attribution_unconfirmed: Vec<String>,
    /// Session 20: regexes of the first person plural an organisation speaks in on its own
    /// page ("we", "our", "unserer", "notre", "onze"): with the site's name, see
    /// `victims::site_victim`.
    #[serde(default)]
    pub first_person_cues: Vec<String>,
    /// Field labels of an incident tracker whose value is the attacked organisation
    /// ("Victim", "Slachtoffer", "Victime", "Opfer"): a focal line `Label: value` names
    /// the victim (several separated by `;`). Compared case-insensitively, whole label.
    #[serde(default)]
    pub victim_labels: Vec<String>,
    /// Regexes matched right after a sentence's subject (so starting with `^`) that make
    /// the subject the organisation attacked ("a été victime", "ist … Opfer … geworden",
    /// "is getroffen door", "was hit by", "a subi une attaque"): a capitalised name there
    /// is the victim whatever its head noun (session 5, victim slots).
    #[serde(default)]
    pub victim_predicate_cues: Vec<String>,
    /// Field labels whose value is the threat actor ("Threat actor", "Groep", "Groupe",
    /// "Tätergruppe"): a focal line `Label: value` names the actor.
    #[serde(default)]
    pub actor_labels: Vec<String>,
    /// Field labels whose value is the victim's city ("City", "Plaats", "Ville", "Ort"):
    /// the tracker's own field names the city, also a town the gazetteer lacks.
    #[serde(default)]
    pub city_labels: Vec<String>,
    /// Regexes matched against the text right after a capitalised name (so starting with
    /// `^`) that make it the operator of what follows ("X, which runs …", "X, de vzw die …
    /// uitbaat", "X, qui regroupe …", "X, der … betreibt"): X is an organisation; what
    /// the clause names are its sites, never the victim; several hospitals there make X a
    /// `hospital network`, care homes a `care home`.
    #[serde(default)]
    pub operator_cues: Vec<String>,
    /// Lower-case endings that make one capitalised compound word an organisation's name
    /// ("Lukaskrankenhaus", "Maasziekenhuis"): the word must be longer than the ending
    /// by at least three letters, and what comes before the ending must not be one of
    /// `generic_name_stems`.
    #[serde(default)]
    pub org_name_suffixes: Vec<String>,
    /// Lower-case first parts of compounds that make a generic type, not a name
    /// ("kinder" in "Kinderklinik", "universitäts" in "Universitätsklinikum").
    #[serde(default)]
    pub generic_name_stems: Vec<String>,
    /// Lower-case type nouns that, right before a capitalised name, make it an
    /// organisation and give its type ("pathology provider Synnovis", "software supplier
    /// Advanced", "l'intercommunale Vivalia", "IT-Dienstleister X"); matched
    /// case-insensitively. A name right before the noun ("NHS software supplier X") is
    /// what the organisation serves, not the victim.
    #[serde(default)]
    pub type_nouns: Vec<String>,
    /// Regexes of an operating body in an organisation's name that is typed by what it
    /// runs ("NHS Foundation Trust"): one hospital → `hospital`, several → `hospital
    /// network` (see docs/intel.md, coding rule 10).
    #[serde(default)]
    pub trust_cues: Vec<String>,
    /// Words that join co-victims ("and", "en", "et", "und"): "X and Y were hit" names
    /// two victims; one capitalised phrase "X Hospital and Y Medical Center" is split.
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Words that coordinate the services of one subject or object ("und", "oder",
    /// "weder … noch", "et", "ou", "ni", "en", "of", "noch"): "Das Programm für die
    /// Terminplanung und die Patientendokumentation waren nicht verfügbar" puts both out
    /// of use (`impacts`, services of the lexicons).
    #[serde(default)]
    pub service_coordinators: Vec<String>,
    /// Words that open a complement of a service naming other services right after it
    /// (session 32): its contents ("met", "with", "mit", "avec": "onze praktijksoftware,
    /// met de agenda en de patiëntendossiers, niet openen", "die Praxissoftware mit
    /// Terminkalender und Patientenakten") or its container ("in", "im", "dans": "de
    /// patiëntendossiers in ons huisartsinformatiesysteem (HIS) niet meer konden openen").
    /// The services named there are part of the first one's phrase, no outage of their own
    /// (`impacts`).
    #[serde(default)]
    pub service_complement_words: Vec<String>,
    /// Words that make the service right after them the means by which something was done
    /// (session 33): "par" ("des experts joints par téléphone"), "per" ("per telefoon
    /// bereikbaar", "per Telefon erreichbar"). A service used is no outage (`impacts`'
    /// lexicon services; English services are read by built-in rules).
    #[serde(default)]
    pub service_channel_words: Vec<String>,
    /// Street nouns of postal addresses (session 34): "road", "straat", "Straße", "rue".
    /// An address item of a page footer holding one (also as a compound's end of five
    /// letters or more: "Lovenhoekstraat", "Spitalstrasse") is a street, not the
    /// victim's town (`victims::footer_address`).
    #[serde(default)]
    pub street_words: Vec<String>,
    /// Openings of a press release's boilerplate heading about its issuer (session 35):
    /// "About" ("About Cadair Wellbeing: Cadair Wellbeing is a registered charity …"),
    /// "Über den", "Over", "À propos de". The organisation so introduced on a page that
    /// speaks in the first person plural is the page's own (`victims::about_victim`).
    #[serde(default)]
    pub about_headings: Vec<String>,
    /// Nouns that a number after them turns into a label, not a count: "Year 11 mock
    /// examinations", "groep 8", "Klasse 11", "l'étage 3" (a class, a ward, a stage). The
    /// counted rules of `impacts` read no count there.
    #[serde(default)]
    pub label_nouns: Vec<String>,
    /// Regexes of a sentence that speaks of an actor ("ransomware", "claimed", "behind
    /// the attack", "achter de aanval", "revendiqué", "bekannte sich"): only there is a
    /// known actor's name read as the actor.
    #[serde(default)]
    pub actor_cues: Vec<String>,
    /// Regexes of a group naming itself ("calling itself X", "die sich X nennen", "die
    /// zich X noemen", "qui se fait appeler X", "signé « X »"), each with one capture
    /// group, the name: the name is the actor's, whether or not it is a known one and
    /// however common a word it is (a `qualified` name of `data/threat_actors.tsv` needs no
    /// group noun here).
    #[serde(default)]
    pub actor_self_naming: Vec<String>,
    /// Regexes of a sentence opening with the attack or the attacker as the subject of a
    /// verb of taking something offline ("NoName057(16) DDoS takes X's website offline",
    /// "DDoS-aanval legt website plat", "Hacker legten … lahm"): what was taken offline
    /// there is the attack's doing, not the victim's response (`shutdown_servers`,
    /// `isolate_external`).
    #[serde(default)]
    pub attacker_subject_cues: Vec<String>,
    /// Words that name the outside of the organisation's network ("internet", "outside
    /// world", "extérieur", "buitenwereld", "Außenwelt"; lower case, matched inside
    /// words): a disconnection phrase naming one is an isolation from the outside, and a
    /// shutdown phrase that reads only those words is that isolation (responses.rs).
    #[serde(default)]
    pub outside_words: Vec<String>,
    /// Words in such a name that make it something other than a hospital operator
    /// ("Ambulance", "Mental Health"): its type is left as it was.
    #[serde(default)]
    pub trust_other_words: Vec<String>,
    /// Head nouns of an apposition right after a capitalised name that make the name an
    /// organisation ("X, a Leeds-based supplier of …", "X, leverancier van …", "X,
    /// éditeur de …", "X, ein IT-Dienstleister …"); matched case-insensitively, also as
    /// the end of a compound ("softwareleverancier"). The apposition gives the type.
    #[serde(default)]
    pub apposition_nouns: Vec<String>,
    /// Words right after a victim's name that introduce its town ("in", "uit", "aus",
    /// "à"): there a place name that is mostly another word ("Goes", "Essen";
    /// `data/geonames-ambiguous.tsv`) is read as the place.
    #[serde(default)]
    pub place_after_name: Vec<String>,
    /// Regexes matched right after an organisation's name (so starting with `^`) that
    /// make the rest of the clause what it runs ("X runs five hospitals", "X baat negen
    /// woonzorgcentra uit", "X exploite", "X betreibt"): typed like an operator clause.
    #[serde(default)]
    pub operates_cues: Vec<String>,
    /// Generic nouns a text uses for the victim it has just named ("das Unternehmen", "de
    /// organisatie", "the company", "la société"): an operator clause after one ("des
    /// Unternehmens, das 14 Pflegeeinrichtungen betreibt") types the victim named in the
    /// same or the previous sentence.
    #[serde(default)]
    pub operator_anaphors: Vec<String>,
    /// Indefinite articles ("ein", "einen", "een", "un", "a"): an attack's object named by
    /// one and a type noun ("Angriff auf einen externen Dienstleister") is named only by
    /// its kind, and the organisation the sentence names is not it.
    #[serde(default)]
    pub indefinite_articles: Vec<String>,
    /// Legal forms after an organisation's name ("B.V.", "GmbH", "Ltd"): the name
    /// without one is the same organisation ("Praktijkdata B.V." = "Praktijkdata").
    #[serde(default)]
    pub legal_forms: Vec<String>,
    /// Lower-case place particles inside a name ("am", "an der", "im"): after a capitalised
    /// phrase holding an organisation word, a particle and a capitalised place word continue
    /// the name ("Krankenhaus am Herrngarten", "MVZ Radiologie an der Förde").
    #[serde(default)]
    pub name_place_particles: Vec<String>,
    /// Capitalised words that open a sentence or a phrase and are never the start of an
    /// organisation's name ("The", "Yesterday", "Staff", "Belgium's"): dropped from the
    /// start of a candidate name.
    #[serde(default)]
    pub name_leading_stop: Vec<String>,
    /// Regexes of a whole word (case-insensitive) naming what an organisation has — its
    /// data, servers, systems ("\\p{L}*daten", "server", "systeme") — which before a
    /// genitive article and an organisation's name is not part of the name: "Daten der
    /// Rehaklinik am Leuchtberg" → "Rehaklinik am Leuchtberg". Counted nouns
    /// (`count_units`: "Beschäftigten der …", "Patienten des …") are such words too.
    #[serde(default)]
    pub name_owned_nouns: Vec<String>,
    /// Words that, right after a place name inside an organisation's name, make the place
    /// the organisation's seat ("Brno University Hospital", "Dax General Hospital"): type
    /// and title words that start the rest of a name.
    #[serde(default)]
    pub name_type_starters: Vec<String>,
    /// Regexes of an apposition that describes a firm reporting on or helping with the
    /// attack, not one attacked ("X, a cybersecurity company", "X, een forensisch
    /// bureau", "X, ein IT-Sicherheitsunternehmen"): its name is no candidate victim.
    #[serde(default)]
    pub apposition_not_victim: Vec<String>,
    #[serde(default)]
    pub impacts: Vec<ImpactRule>,
    /// Nouns counted by a number before them → the English unit of the impact
    /// ("deelnemers" → "people", "Server" → "servers"): "485.000 deelnemers", "30 Server",
    /// "2 500 patients". Up to two words may stand between count and noun.
    #[serde(default)]
    pub count_units: BTreeMap<String, String>,
    /// The language writes compound nouns as one word (German, Dutch): a `count_units`
    /// noun also counts as the last part of a compound ("450 Untersuchungstermine",
    /// "150 Behandlungstermine", "40 huisbezoeken"), whose unit is that part's.
    #[serde(default)]
    pub compound_count_units: bool,
    /// Nouns of a landscape or a site ("bois", "forêt", "château", "wood", "bos", "Wald"),
    /// lower case: a town after one and a preposition in an organisation's name ("Centre
    /// psychiatrique du Bois de Velaine") names the feature, not the organisation's town.
    #[serde(default)]
    pub place_feature_nouns: Vec<String>,
    /// Number words read as a count right before a `count_units` noun (impacts' counted
    /// rule): exact numbers ("quinze", "achttien", "vierzehn") and approximations, which
    /// give their number (Coding rule 15: "une trentaine d'", "een zestigtal" → 30, 60).
    /// Never articles ("un", "een", "ein"): those are in `number_words` only.
    #[serde(default)]
    pub count_words: BTreeMap<String, u64>,
    /// Regexes (ending `$`) of the words right before a count of persons that make them
    /// the subjects of data ("gegevens van ongeveer", "Daten von rund", "données … de
    /// quelque", "records of"): in a sentence that says data was taken (an `exposed`
    /// effect anywhere in it), those persons are `N people` exposed (Coding rule 13).
    #[serde(default)]
    pub data_subject_cues: Vec<String>,
    /// Regexes (ending `$`) of the words right before a count of persons that tie them to
    /// a data breach the document states elsewhere: a notification or the breach's scope
    /// ("has written to all", "a écrit aux", "schrijft ongeveer", "het gaat om",
    /// "concernent quelque"). In a document whose confidentiality is affected, those
    /// persons are `N people` exposed (Coding rule 13) — see `breach_subject_after_cues`.
    #[serde(default)]
    pub breach_subject_before_cues: Vec<String>,
    /// Regexes (starting `^`) read from right after the count (so the unit and its
    /// modifiers come first) that tie the persons counted to a data breach the document
    /// states: "… patients are concerned", "… patients whose files were …", "… kregen een
    /// brief", "… betroffenen Klienten erhalten einen Brief", "… sont concernés".
    #[serde(default)]
    pub breach_subject_after_cues: Vec<String>,
    /// The effect of a counted impact: the nearest of these phrases after (else before) the
    /// count, in the clause ("versleutelden 30 servers", "30 Operationen abgesagt").
    #[serde(default)]
    pub impact_effects: Vec<EffectRule>,
    /// `[phrase, unit]` pairs: the service nouns an effect phrase is read next to
    /// (English: "emergency room" → "emergency department", "A&E", "EHR"), tried in
    /// this order. A phrase without lower-case letters ("ER", "EHR", "MUG") matches only
    /// in that case.
    /// A `*` in a phrase stands for the rest of a word (a stem or a compound: `Telefon*`,
    /// `*patiëntendossier*`), so one entry covers inflections and compounds.
    #[serde(default)]
    pub service_units: Vec<[String; 2]>,
    /// Other languages than English: the predicates that put a `service_units` service out
    /// of use, read in the clause right after the service ("De website … was onbereikbaar",
    /// "le site internet est inaccessible", "Online-Dienste … nicht erreichbar"):
    /// `{ pattern, effect, negative }`. English's are in `extract/impacts.rs`.
    #[serde(default)]
    pub service_effects: Vec<EffectRule>,
    /// Predicates that put the services named right after them out of use — a list of
    /// services may follow ("ne pouvaient plus accéder ni au dossier patient, ni au
    /// logiciel de prescription", "konnten nicht mehr auf die Patientenakte zugreifen",
    /// "niet meer in het elektronisch patiëntendossier"): matched in the clause before a
    /// `service_units` phrase, at most 25 bytes of other words between (other services
    /// named in between do not count).
    #[serde(default)]
    pub service_effects_before: Vec<EffectRule>,
    /// Regexes of the words right before an amount that make it no cost of this incident
    /// ("initially proposed a fine of", "aanvankelijk voorgestelde boete van", "amende
    /// initialement envisagée de", "ursprünglich geplante Bußgeld von"): a proposal later
    /// changed, an estimate for others. Matched against the 60 bytes before the amount.
    #[serde(default)]
    pub unincurred_amount_cues: Vec<String>,
    /// What an amount of money not next to a ransom cue is (`effect` "fine or settlement"
    /// or "cost"): a fine imposed ("Bußgeld … verhängt", "amende de", "boete van … opgelegd")
    /// or what the incident cost the victim ("gekost", "a coûté", "Schaden"). Matched in the
    /// 100 bytes before and 60 after the amount, or in a question heading right before the
    /// sentence that answers it ("Combien cela vous a-t-il coûté ? Au total, …").
    #[serde(default)]
    pub amount_cues: Vec<EffectRule>,
    /// Regexes of a fine's recipient named only by its kind with an indefinite article
    /// ("eine Zahnarztpraxis", "een ziekenhuis in de Randstad", "à un éditeur"): another
    /// organisation's fine (a regulator's other cases), not the incident's victim's, which
    /// the report names. Matched in the sentence before the amount and 60 bytes after.
    #[serde(default)]
    pub other_fined_cues: Vec<String>,
    /// Regexes (ending `$`) of the words right before a count that make it the number of
    /// places where an effect happened, not of what it hit ("at", "in", "dans", "bei"):
    /// "operations cancelled at three hospitals" counts no hospitals.
    #[serde(default)]
    pub count_place_cues: Vec<String>,
    /// Regexes of a closure restricted to ambulances, the department staying open to
    /// patients who come themselves ("closed to ambulances", "open for walk-in patients",
    /// "fermées aux ambulances", "gesloten voor ziekenwagens", "für Rettungswagen
    /// gesperrt"): in a sentence stating a diversion, the emergency department is then no
    /// service down — the impact is `ambulances diverted` (Coding rule 14).
    #[serde(default)]
    pub ambulance_only_cues: Vec<String>,
    /// Regexes matched at the start of a sentence that refer back to data the previous
    /// sentence says was taken ("It relates to", "Het gaat om gegevens van", "Il s'agit
    /// de", "Betroffen sind"): persons counted there are the data's subjects (`exposed`).
    #[serde(default)]
    pub theft_reference_cues: Vec<String>,
    #[serde(default)]
    pub responses: Vec<ResponseRule>,
    #[serde(default)]
    pub cia: Vec<CiaRule>,
    /// Regexes of a stated ransom demand / extortion (financial motive, T1657).
    #[serde(default)]
    pub ransom_cues: Vec<String>,
    /// Regexes of a payment fraud stated as done (session 30): money paid or transferred
    /// to the fraudsters' or a new account, invoice / CEO / payroll fraud ("paid £38,400
    /// into the new account", "op rekeningen van de fraudeurs gestort", "nous avons viré
    /// 64 300 euros sur ce compte", "auf ein Konto der Betrüger überwiesen"). VERIS and
    /// ATT&CK call it financial theft: T1657 and the financial motive, like a ransom
    /// demand, but no ransom (no demand, no refusal).
    #[serde(default)]
    pub fraud_cues: Vec<String>,
    /// Regexes of a warning addressed to the readers ("Be alert", "Wees alert", "Soyez
    /// vigilants", "Seien Sie wachsam"): a ransom or fraud cue after one in its sentence is
    /// what the readers are warned of ("… courriels qui vous demandent de l'argent"), not a
    /// demand made (session 30).
    #[serde(default)]
    pub reader_warning_cues: Vec<String>,
    /// Regexes of encryption as a safeguard ("Het toestel is volledig versleuteld en
    /// beveiligd met een wachtwoord", "the laptop was encrypted", "ein verschlüsselter
    /// USB-Stick"): an encryption cue inside a match is no ransomware (no T1486, no
    /// integrity; session 31).
    #[serde(default)]
    pub protective_encryption_cues: Vec<String>,
    /// Regexes of a device stolen or lost ("een laptop gestolen", "the theft of a laptop",
    /// "Diebstahl eines Notebooks", "vol d'un ordinateur portable"; session 36): the data
    /// on it went with the device, not over a network, so a document stating one gets no
    /// T1041 from a theft word or from confidentiality alone (a copy or exfiltration
    /// phrase still gives it).
    #[serde(default)]
    pub device_theft_cues: Vec<String>,
    /// Regexes of a sentence that denies a ransom demand ("no ransom demand", "will not
    /// pay a ransom"): its ransom cues are no evidence of a demand.
    #[serde(default)]
    pub ransom_denials: Vec<String>,
    #[serde(default)]
    pub motives: Vec<MotiveRule>,
    /// Regexes of an exploited vulnerability ("Schwachstelle", "kwetsbaarheid", "faille"):
    /// with a remote-access product in the same sentence it is T1190, not T1133.
    #[serde(default)]
    pub exploit_cues: Vec<String>,
    /// Regexes of a public-facing application or appliance ("MOVEit", "VPN gateway",
    /// "portail web", "Dateiübertragung"): with an `exploit_cues` match within 100 bytes
    /// it is T1190 (Exploit Public-Facing Application).
    #[serde(default)]
    pub public_facing_cues: Vec<String>,
    /// Technique phrases: `{pattern, technique, what}` (ATT&CK keyword rules of this
    /// language; English holds the loan words every language's press uses, "ransomware",
    /// "VPN", "PowerShell").
    #[serde(default)]
    pub technique_cues: Vec<TechniqueCue>,
    /// Regexes (ending `$`) of a warning right before a technique phrase ("be alert to",
    /// "alert te zijn op", "sensibiliser le personnel à", "warnt vor"): advice about the
    /// technique, not its use. Matched against the 60 bytes before the phrase.
    #[serde(default)]
    pub technique_warning_cues: Vec<String>,
    /// Regexes (starting `^`) of a negation right after a cue, in its clause, for word
    /// orders that put the negation after the predicate ("Verschlüsselt wurden keine
    /// Systeme", "Versleuteld werden geen systemen"): the cue is negated
    /// (`extract::cia::cue_scope`).
    #[serde(default)]
    pub negation_after_cues: Vec<String>,
    /// Regexes of a disruption predicate ("disrupted", "interrupted", "verstoord",
    /// "onderbroken", "perturbé", "interrompu", "beeinträchtigt", "Betriebsunterbrechung"):
    /// negated in scope ("was not disrupted at any point", "op geen enkel moment verstoord",
    /// "n'a été perturbé", "Betriebsunterbrechung: keine") it states availability `false`,
    /// whatever its subject.
    #[serde(default)]
    pub disruption_cues: Vec<String>,
    /// Regexes of data theft (T1041).
    #[serde(default)]
    pub theft_cues: Vec<String>,
    /// Regexes of encryption by ransomware (T1486).
    #[serde(default)]
    pub encryption_cues: Vec<String>,
    /// Regexes of data accessed, stolen, leaked or exposed (confidentiality `true`; negated
    /// in its clause, a denial: `false`). The first sentence with one decides.
    #[serde(default)]
    pub confidentiality_cues: Vec<String>,
    /// Regexes of data or systems altered ("tampered", "manipulated", "wiped"): integrity
    /// `true`, stated.
    #[serde(default)]
    pub alteration_cues: Vec<String>,
    /// Regexes of malicious software run on the victim's systems ("ransomware", "malware",
    /// "encrypted"): integrity `true`, inferred (VERIS "Software installation"), unless the
    /// word is a group's name ("ransomware gang") or a tracker's label.
    #[serde(default)]
    pub malware_cues: Vec<String>,
    /// Regexes of systems or services lost ("offline", "shut down", "cancelled", "on
    /// paper"): availability `true`, stated, unless negated in their clause.
    #[serde(default)]
    pub availability_cues: Vec<String>,
    /// Lower-case type phrases that are part of an organisation's name when a capitalised
    /// name follows ("groupe hospitalier Exemple", "centre hospitalier de Cholet").
    #[serde(default)]
    pub name_type_prefixes: Vec<String>,
    /// Media names that contain a place ("France 3 Hauts-de-France", "Gazet van
    /// Antwerpen"): a place inside one is not the incident's place.
    #[serde(default)]
    pub media_names: Vec<String>,
    /// Regexes of a clause whose subject is other organisations ("victims that did not pay"):
    /// a response or impact in it is not the focal victim's.
    #[serde(default)]
    pub other_party_cues: Vec<String>,
    #[serde(default)]
    pub focal: FocalCues,
    #[serde(default)]
    pub refusal: RefusalWords,
}

/// The words of a refusal to pay or to deal with a ransom demand, read as a window of
/// words rather than as fixed phrases (`responses::refusal_window`): a negation and a verb
/// of complying within a few words of each other in one clause ("Darauf werden wir nicht
/// eingehen", "Gezahlt werde nicht", "we betalen niets", "de ne pas entrer en matière").
/// All entries are lower-case word stems, matched at the start of a word (a word is a run
/// of letters and digits; "n'y" is the words "n" and "y").
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RefusalWords {
    /// Negation words beyond the lexicon's `negation` list ("nichts", "niets", "rien",
    /// "didn" of "didn't"). Matched as whole words.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Verbs of complying with a demand, as stems ("zahl", "bezahl", "einzugeh",
    /// "betal"); an entry of several words ("entr en mati", "y répond") is those stems on
    /// words in a row.
    #[serde(default)]
    pub comply: Vec<String>,
    /// Stems that, on the words from the one before the first of the two to the last, show
    /// the negation is not a refusal: an open question ("whether", "ob", "si", "of"), a verb
    /// of saying the negation governs ("would not say"), a "not yet", an inability ("could
    /// not", "konnte nicht"), another thing paid ("salaries", "Gehälter").
    #[serde(default)]
    pub blockers: Vec<String>,
    /// The most words between the negation and the verb (either order); 4 when unset.
    #[serde(default)]
    pub window: Option<usize>,
}

/// A lexicon with its regexes compiled.
pub struct Lexicon {
    pub file: LexiconFile,
    pub impacts: Vec<(Regex, ImpactRule)>,
    /// `{count}` + up to two words + one of `count_units` (group `unit`), which may carry
    /// a bracketed prefix ("340 (ex-)medewerkers", "2.340 (oud-)medewerkers").
    pub counted: Option<Regex>,
    /// `label_nouns` as one regex anchored at the end of the text before a number ("Year
    /// ", "groep ", "Klasse "): that number names a class, ward or stage.
    pub label_before: Option<Regex>,
    /// `impact_effects`, compiled.
    pub effects: Vec<(Regex, String)>,
    /// `service_units` phrases as one regex (longest first, whole words).
    pub services: Option<Regex>,
    /// `service_effects`, compiled.
    pub service_effects: Vec<(Regex, EffectRule)>,
    /// `data_subject_cues` as one regex.
    pub data_subject: Option<Regex>,
    /// `breach_subject_before_cues` as one regex.
    pub breach_subject_before: Option<Regex>,
    /// `breach_subject_after_cues` as one regex.
    pub breach_subject_after: Option<Regex>,
    /// `service_effects_before`, compiled.
    pub service_effects_before: Vec<(Regex, EffectRule)>,
    /// Each `service_units` entry as an anchored regex with its unit, in the order the
    /// `services` alternation tries them (longest first): which entry a match is.
    pub service_entries: Vec<(Regex, String)>,
    /// `unincurred_amount_cues` as one regex.
    pub unincurred_amount: Option<Regex>,
    /// `amount_cues`, compiled.
    pub amounts: Vec<(Regex, String)>,
    /// `other_fined_cues` as one regex.
    pub other_fined: Option<Regex>,
    /// `count_place_cues` as one regex.
    pub count_place: Option<Regex>,
    /// `ambulance_only_cues` as one regex.
    pub ambulance_only: Option<Regex>,
    /// `theft_reference_cues` as one regex.
    pub theft_reference: Option<Regex>,
    pub responses: Vec<(Regex, ResponseRule)>,
    pub cia: Vec<(Regex, CiaRule)>,
    pub recommendation: Option<Regex>,
    /// `advice_headings` as one regex.
    pub advice_heading: Option<Regex>,
    /// `advice_exceptions` as one regex.
    pub advice_exception: Option<Regex>,
    /// `plan_cues` as one regex.
    pub plan: Option<Regex>,
    /// `claim_cues` as one regex.
    pub claim: Option<Regex>,
    /// `health_sector_cues` as one regex.
    pub health_sector: Option<Regex>,
    /// `clock_time_cues` as one regex.
    pub clock_time: Option<Regex>,
    /// `whole_it_cues` as one regex.
    pub whole_it: Option<Regex>,
    /// `it_outage_cues` as one regex.
    pub it_outage: Option<Regex>,
    /// `unconfirmed_cues` as one regex.
    pub unconfirmed: Option<Regex>,
    /// `publisher_disclaimer_cues` as one regex.
    pub publisher_disclaimer: Option<Regex>,
    /// The disclosure clauses of data taken: `disclosure_objects` then, within
    /// [`DISCLOSURE_AFTER_GAP`] bytes of its clause, `disclosure_taken_after`, or
    /// `disclosure_taken_before` then, within [`DISCLOSURE_BEFORE_GAP`], an object.
    pub disclosure_taken: Option<Regex>,
    /// The disclosure clauses of data seen (`disclosure_viewed_*`), built the same way.
    pub disclosure_viewed: Option<Regex>,
    /// `stolen_data_phrases` as one regex.
    pub stolen_data: Option<Regex>,
    /// `disclosure_false_friends` as one regex.
    pub disclosure_false_friend: Option<Regex>,
    pub negation: Option<Regex>,
    /// `negation_purpose_patterns` as one regex.
    pub negation_purpose: Option<Regex>,
    /// `alias_cues` as one regex.
    pub alias_cue: Option<Regex>,
    /// `region_prefixes` as one regex.
    pub region_prefix: Option<Regex>,
    /// `reference_place_cues` as one regex.
    pub reference_place: Option<Regex>,
    /// `destination_cues` as one regex.
    pub destination: Option<Regex>,
    /// `notified_cues` as one regex.
    pub notified: Option<Regex>,
    /// `attack_object_cues` as one regex.
    pub attack_object: Option<Regex>,
    /// `victim_predicate_cues` as one regex.
    pub victim_predicate: Option<Regex>,
    /// `operated_site_cues` as one regex.
    pub operated_site: Option<Regex>,
    /// `apposition_ends` as one regex.
    pub apposition_end: Option<Regex>,
    /// `previous_week` as one regex.
    pub previous_week: Option<Regex>,
    /// `night_range_cues` as one regex.
    pub night_range: Option<Regex>,
    /// `last_weekday_cues` as one regex.
    pub last_weekday: Option<Regex>,
    /// `delay_cues` as one regex.
    pub delay: Option<Regex>,
    /// `incident_date_labels` as one regex.
    pub incident_date_label: Option<Regex>,
    /// `discovery_date_labels` as one regex.
    pub discovery_date_label: Option<Regex>,
    /// `previous_year_cues` as one regex.
    pub previous_year: Option<Regex>,
    /// `year_prefixes` before a year (group 1: the year, 1900–2099) as one regex.
    pub year_prefix: Option<Regex>,
    /// `focal.this_incident_cues` as one regex.
    pub this_incident: Option<Regex>,
    /// `demand_negated_after` as one regex.
    pub demand_negated_after: Option<Regex>,
    /// `focal.earlier_incident_cues` as one regex.
    pub earlier_incident: Option<Regex>,
    /// `focal.similar_incident_cues` as one regex.
    pub similar_incident: Option<Regex>,
    /// `focal.earlier_time_cues` as one regex.
    pub earlier_time: Option<Regex>,
    /// `focal.patch_clause_cues` as one regex.
    pub patch_clause: Option<Regex>,
    /// `focal.recap_openers` as one regex, anchored at the start.
    pub recap_opener: Option<Regex>,
    /// `focal.update_openers` as one regex, anchored at the start.
    pub update_opener: Option<Regex>,
    /// `publication_labels` and `update_labels` as one regex.
    pub publication_label: Option<Regex>,
    /// `update_labels` as one regex.
    pub update_label: Option<Regex>,
    /// `initial_access_cues` as one regex.
    pub initial_access: Option<Regex>,
    /// `uncertainty_cues` as one regex.
    pub uncertainty: Option<Regex>,
    /// `question_frames` as one regex.
    pub question_frame: Option<Regex>,
    /// `denial_cues` as one regex.
    pub denial: Option<Regex>,
    /// `group_nouns` anchored at the start of the text after a malware name.
    pub group_after: Option<Regex>,
    /// `group_before` as one regex.
    pub group_before: Option<Regex>,
    pub attack: Option<Regex>,
    pub discovery: Option<Regex>,
    pub incident: Option<Regex>,
    pub strong_incident: Option<Regex>,
    pub third_party: Option<Regex>,
    pub statement_verb: Option<Regex>,
    /// `statement_verbs_after` as one regex.
    pub statement_verb_after: Option<Regex>,
    /// `communication_date_cues` as one regex.
    pub communication_date: Option<Regex>,
    /// `statement_cues` as one regex.
    pub statement_cue: Option<Regex>,
    /// The keys of `relative_to_date`, word-bounded, as one regex.
    pub relative_to_date: Option<Regex>,
    /// `noun_complement_words` at the end of a haystack (the text before a phrase).
    pub noun_complement_before: Option<Regex>,
    /// `range_openers` as one regex matched against the text right before a date.
    pub range_opener: Option<Regex>,
    /// `publication_cues` as one regex.
    pub publication_cue: Option<Regex>,
    /// `focal.unrelated_cues` as one regex.
    pub unrelated: Option<Regex>,
    pub later_event: Option<Regex>,
    /// `discovery_questions` as one regex.
    pub discovery_question: Option<Regex>,
    pub ransom: Option<Regex>,
    /// `fraud_cues` as one regex.
    pub fraud: Option<Regex>,
    /// `reader_warning_cues` as one regex.
    pub reader_warning: Option<Regex>,
    /// `protective_encryption_cues` as one regex.
    pub protective_encryption: Option<Regex>,
    /// `device_theft_cues` as one regex.
    pub device_theft: Option<Regex>,
    pub ransom_denial: Option<Regex>,
    pub motives: Vec<(Regex, MotiveRule)>,
    pub theft: Option<Regex>,
    pub exploit: Option<Regex>,
    /// `public_facing_cues` as one regex.
    pub public_facing: Option<Regex>,
    /// `technique_cues`, compiled.
    pub techniques: Vec<(Regex, TechniqueCue)>,
    /// `technique_warning_cues` as one regex.
    pub technique_warning: Option<Regex>,
    /// `negation_after_cues` as one regex.
    pub negation_after: Option<Regex>,
    /// `disruption_cues` as one regex.
    pub disruption: Option<Regex>,
    pub encryption: Option<Regex>,
    /// `confidentiality_cues` as one regex.
    pub confidentiality: Option<Regex>,
    /// `alteration_cues` as one regex.
    pub alteration: Option<Regex>,
    /// `malware_cues` as one regex.
    pub malware: Option<Regex>,
    /// `availability_cues` as one regex.
    pub availability: Option<Regex>,
    pub other_incident: Option<Regex>,
    /// `focal.measures_headings`, anchored to a whole heading line.
    pub measures_heading: Option<Regex>,
    /// `focal.title_furniture`, lower-cased once (read by `opens_like_menu` and the title
    /// cleaner).
    pub title_furniture_lower: Vec<String>,
    /// `focal.reference_labels`, lower-cased once.
    pub reference_labels_lower: Vec<String>,
    pub statistic: Option<Regex>,
    /// `focal.other_victims_cues` as one regex.
    pub other_victims: Option<Regex>,
    pub actor_noun: Option<Regex>,
    /// `actor_denials` as one regex.
    pub actor_denial: Option<Regex>,
    /// `attribution_unconfirmed` as one regex.
    pub attribution_unconfirmed: Option<Regex>,
    /// `first_person_cues` as one regex.
    pub first_person: Option<Regex>,
    /// `actor_cues` as one regex.
    pub actor_cue: Option<Regex>,
    /// `actor_self_naming` as one regex (one capture group per pattern).
    pub actor_self_naming: Option<Regex>,
    /// `attacker_subject_cues` as one regex.
    pub attacker_subject: Option<Regex>,
    /// `operator_cues` as one regex.
    pub operator_cue: Option<Regex>,
    /// `operates_cues` as one regex.
    pub operates: Option<Regex>,
    /// `apposition_not_victim` as one regex (case-insensitive).
    pub apposition_not_victim: Option<Regex>,
    pub other_party: Option<Regex>,
    /// `relative_clause_openers` as one regex anchored after a comma (`^,\s*(?:…)\b`).
    pub relative_clause: Option<Regex>,
    /// `relative_inclusion_cues` as one regex.
    pub relative_inclusion: Option<Regex>,
    /// `name_owned_nouns` as one regex of a whole word (`^(?:…)$`).
    pub owned_noun: Option<Regex>,
    /// An amount of money: `count`, optional `mult`, and the currency after it (`cur`) or
    /// before it (`pre`); a match with neither is a bare number, skipped by the reader.
    pub money: Option<Regex>,
}

/// An error in a lexicon file (file name and what is wrong).
#[derive(Debug, thiserror::Error)]
#[error("lexicon {file}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

/// The count fragment `{count}` expands to: digits (with separators) or a number word.
fn count_fragment(words: &BTreeMap<String, u64>) -> String {
    let mut w: Vec<&String> = words.keys().collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let alts: Vec<String> = w.iter().map(|s| regex::escape(s)).collect();
    if alts.is_empty() {
        r"(?P<count>\d{1,3}(?:[,. ]\d{3})+|\d+)".into()
    } else {
        format!(
            r"(?P<count>\d{{1,3}}(?:[,. ]\d{{3}})+|\d+|{})",
            alts.join("|")
        )
    }
}

/// A pattern's clause windows made to step over a period inside a number: every negated
/// class that excludes `.` (`[^.]`, `[^.;]`) also takes a period followed by a digit, so
/// "merkte vannacht rond 3.40 uur dat …", "gegevens van 12.870 patiënten gestolen" and
/// "1.5 million" stay one clause for `merkte[^.]{0,60}dat`-style cues. A sentence's own
/// final period is never followed by a digit.
fn number_dots(p: &str) -> std::borrow::Cow<'_, str> {
    static CLASS: OnceLock<regex::Regex> = OnceLock::new();
    let class = CLASS.get_or_init(|| regex::Regex::new(r"\[\^\.([^\]\\\[]*)\]").expect("re"));
    class.replace_all(p, r"(?:[^.$1]|\.\d)")
}

/// A pattern's "ß" also read as "ss" (outside a character class): Swiss Standard German
/// never writes "ß" ("liess sich nicht mehr öffnen", "Massnahmen", "ausser Betrieb"), and
/// the German lexicon is written in the German standard spelling. Patterns of the other
/// languages hold no "ß"; a class (`[ß]`) is left as written.
fn sharp_s(p: &str) -> std::borrow::Cow<'_, str> {
    if !p.contains('ß') {
        return std::borrow::Cow::Borrowed(p);
    }
    let mut out = String::with_capacity(p.len() + 16);
    let mut in_class = 0usize;
    let mut escaped = false;
    for c in p.chars() {
        if escaped {
            escaped = false;
            out.push(c);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => in_class += 1,
            ']' if in_class > 0 => in_class -= 1,
            'ß' if in_class == 0 => {
                out.push_str("(?:ß|ss)");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

fn compile(file: &str, p: &str) -> Result<Regex, LexiconError> {
    let p = number_dots(p);
    let p = sharp_s(&p);
    Regex::new(&format!("(?i){p}")).map_err(|e| LexiconError {
        file: file.into(),
        message: format!("bad pattern {p:?}: {e}"),
    })
}

/// Each of `words` (literal) as a regex of the word and what joins it to the next one:
/// white space, or nothing after an elided form ending in an apostrophe ("d'", "une
/// trentaine d'").
fn joined_words<'w>(words: impl IntoIterator<Item = &'w String>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| {
            if w.ends_with(['\'', '’']) {
                regex::escape(w)
            } else {
                format!(r"{}\s+", regex::escape(w))
            }
        })
        .collect()
}

/// `words` (literal, case-insensitive) as the last word of a haystack: a word followed by
/// white space, or one ending in an apostrophe (an elision, "d'") right at the end.
fn words_before(file: &str, words: &[String]) -> Result<Option<Regex>, LexiconError> {
    if words.is_empty() {
        return Ok(None);
    }
    let alts = joined_words(words);
    compile(file, &format!(r"(?i)\b(?:{})$", alts.join("|"))).map(Some)
}

/// `ps` as one regex, each alternative anchored at the haystack's start (`^(?:p)`).
fn any_of_at_start(file: &str, ps: &[String]) -> Result<Option<Regex>, LexiconError> {
    let anchored: Vec<String> = ps.iter().map(|p| format!("^(?:{p})")).collect();
    any_of(file, &anchored)
}

/// Bytes a disclosure clause may hold between its data object and a predicate after it
/// ("haben die Täter Befundberichte und Untersuchungsbilder von rund 5'400 Patientinnen und
/// Patienten kopiert": the German participle closes the clause).
pub const DISCLOSURE_AFTER_GAP: usize = 110;
/// Bytes a disclosure clause may hold between a predicate and its data object after it
/// ("a publié le 23 janvier une archive").
pub const DISCLOSURE_BEFORE_GAP: usize = 60;

/// One regex of the disclosure clauses a lexicon states: an object then a predicate of
/// `after`, or a predicate of `before` then an object, in one clause (no `.` but a number's,
/// no `;`, `:`, `?` or `!` between). `None` without objects or predicates.
fn disclosure_clause(
    file: &str,
    objects: &[String],
    after: &[String],
    before: &[String],
) -> Result<Option<Regex>, LexiconError> {
    if objects.is_empty() || (after.is_empty() && before.is_empty()) {
        return Ok(None);
    }
    let obj = alternation(objects);
    let gap = |n: usize| format!(r"(?:[^.;:?!]|\.\d){{0,{n}}}?");
    let mut parts = Vec::new();
    if !after.is_empty() {
        parts.push(format!(
            r"\b(?:{obj})\b{}\b(?:{})\b",
            gap(DISCLOSURE_AFTER_GAP),
            alternation(after)
        ));
    }
    if !before.is_empty() {
        parts.push(format!(
            r"\b(?:{})\b{}\b(?:{obj})\b",
            alternation(before),
            gap(DISCLOSURE_BEFORE_GAP)
        ));
    }
    compile(file, &parts.join("|")).map(Some)
}

/// The patterns `ps` as one alternation, each in its own group: `(?:a)|(?:b)`.
fn alternation(ps: &[String]) -> String {
    ps.iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

fn any_of(file: &str, ps: &[String]) -> Result<Option<Regex>, LexiconError> {
    if ps.is_empty() {
        return Ok(None);
    }
    compile(file, &alternation(ps)).map(Some)
}

impl Lexicon {
    /// Reads, parses and compiles a lexicon file from disk (a language cordon does not
    /// embed). Errors name the file: unreadable, not TOML, a bad regex, an unknown CIA
    /// attribute, or an `iso639_3` code the language detector does not know.
    pub fn from_path(path: &std::path::Path) -> Result<Lexicon, LexiconError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
            file: name.clone(),
            message: format!("cannot read: {e}"),
        })?;
        let l = Lexicon::parse(&name, &text)?;
        if whatlang::Lang::from_code(&l.file.iso639_3).is_none() {
            return Err(LexiconError {
                file: name,
                message: format!(
                    "iso639_3 {:?} is not a language whatlang detects (use its ISO 639-3 code, e.g. \"spa\", \"ita\")",
                    l.file.iso639_3
                ),
            });
        }
        Ok(l)
    }

    /// Parses and compiles one lexicon file.
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| LexiconError {
            file: name.into(),
            message: e.to_string(),
        })?;
        // Every pattern compiled from here on shares the lexicon's literal automaton.
        let scope = prefiltered::Scope::begin();
        let count = count_fragment(&file.number_words);
        let expand = |p: &str| p.replace("{count}", &count);
        let mut impacts = Vec::new();
        let label_before = if file.label_nouns.is_empty() {
            None
        } else {
            let alts: Vec<String> = file.label_nouns.iter().map(|w| regex::escape(w)).collect();
            Some(compile(name, &format!(r"\b(?:{})\s+$", alts.join("|")))?)
        };
        let counted = if file.count_units.is_empty() {
            None
        } else {
            let mut w: Vec<&String> = file.count_units.keys().collect();
            w.sort_by_key(|s| std::cmp::Reverse(s.len()));
            let alts: Vec<String> = w.iter().map(|s| regex::escape(s)).collect();
            let mut mults: Vec<String> =
                file.multipliers.keys().map(|s| regex::escape(s)).collect();
            mults.sort_by_key(|s| std::cmp::Reverse(s.len()));
            if mults.is_empty() {
                mults.push(r"\x00".into());
            }
            // Count words (`count_words`), longest first; one ending in an apostrophe
            // ("une trentaine d'") joins its noun without a space.
            let mut words: Vec<&String> = file.count_words.keys().collect();
            words.sort_by_key(|s| std::cmp::Reverse(s.len()));
            let words = joined_words(words);
            let word_alt = if words.is_empty() {
                String::new()
            } else {
                format!("|(?P<word>{})", words.join("|"))
            };
            Some(compile(
                name,
                &format!(
                    r"\b(?:(?P<count>\d{{1,3}}(?:[. \x{{a0}}\x{{202f}}'’]\d{{3}})+|\d+(?:[.,]\d+)?)(?:\s+(?P<mult>{}))?\s+{})(?:[\p{{L}}’'-]+\s+){{0,3}}?(?:\(\p{{L}}+-\))?{}(?P<unit>{})\b",
                    mults.join("|"),
                    word_alt,
                    // A compound's first parts ("Untersuchungs|termine").
                    if file.compound_count_units {
                        r"\p{L}*?"
                    } else {
                        ""
                    },
                    alts.join("|")
                ),
            )?)
        };
        let mut effects = Vec::new();
        for r in &file.impact_effects {
            effects.push((compile(name, &r.pattern)?, r.effect.clone()));
        }
        // A service phrase as a regex: `*` is the rest of a word (stem or compound).
        let service_re = |p: &str| regex::escape(p).replace(r"\*", r"\p{L}*");
        let mut entries: Vec<&[String; 2]> = file.service_units.iter().collect();
        entries.sort_by_key(|[p, _]| std::cmp::Reverse(p.len()));
        let services = {
            let w: Vec<String> = entries.iter().map(|[p, _]| service_re(p)).collect();
            any_of(name, &[format!(r"\b(?:{})\b", w.join("|"))])?.filter(|_| !w.is_empty())
        };
        let mut service_entries = Vec::new();
        for [p, unit] in &entries {
            // An acronym ("EPD", "DPI") matches only in its own case.
            let flags = if p.chars().any(char::is_lowercase) {
                "(?i)"
            } else {
                ""
            };
            let re =
                Regex::new(&format!("{flags}^(?:{})$", sharp_s(&service_re(p)))).map_err(|e| {
                    LexiconError {
                        file: name.into(),
                        message: format!("bad service phrase {p:?}: {e}"),
                    }
                })?;
            service_entries.push((re, unit.clone()));
        }
        let mut service_effects = Vec::new();
        for r in &file.service_effects {
            service_effects.push((compile(name, &r.pattern)?, r.clone()));
        }
        let mut service_effects_before = Vec::new();
        for r in &file.service_effects_before {
            service_effects_before.push((compile(name, &r.pattern)?, r.clone()));
        }
        for r in &file.impacts {
            impacts.push((compile(name, &expand(&r.pattern))?, r.clone()));
        }
        let mut responses = Vec::new();
        for r in &file.responses {
            let mut rule = r.clone();
            rule.context_regex = r.context.as_deref().map(|c| compile(name, c)).transpose()?;
            responses.push((compile(name, &r.pattern)?, rule));
        }
        let mut techniques = Vec::new();
        for r in &file.technique_cues {
            if crate::attack::Attack::get()
                .technique(&r.technique)
                .is_none()
            {
                return Err(LexiconError {
                    file: name.into(),
                    message: format!(
                        "technique_cues: {:?} is no ATT&CK enterprise technique id (see data/attack_techniques.tsv)",
                        r.technique
                    ),
                });
            }
            techniques.push((compile(name, &r.pattern)?, r.clone()));
        }
        let mut motives = Vec::new();
        for r in &file.motives {
            motives.push((compile(name, &r.pattern)?, r.clone()));
        }
        let mut cia = Vec::new();
        for r in &file.cia {
            if !["confidentiality", "integrity", "availability"].contains(&r.attribute.as_str()) {
                return Err(LexiconError {
                    file: name.into(),
                    message: format!(
                        "cia attribute {:?} is not one of confidentiality, integrity, availability",
                        r.attribute
                    ),
                });
            }
            cia.push((compile(name, &r.pattern)?, r.clone()));
        }
        if !["", "dmy", "mdy"].contains(&file.numeric_date_order.as_str()) {
            return Err(LexiconError {
                file: name.into(),
                message: format!(
                    "numeric_date_order {:?} is not \"dmy\", \"mdy\" or empty",
                    file.numeric_date_order
                ),
            });
        }
        for (day, md) in &file.named_days {
            if crate::dates::NamedDay::parse(md).is_none() {
                return Err(LexiconError {
                    file: name.into(),
                    message: format!(
                        "named_days: {day:?} = {md:?} is not a month-day \"MM-DD\" (e.g. \"12-24\") or a moveable feast \"easter+N\" / \"easter-N\" (days from Easter Sunday, |N| <= 100)"
                    ),
                });
            }
        }
        let negation = if file.negation.is_empty() && file.negation_patterns.is_empty() {
            None
        } else {
            let mut alts: Vec<String> = Vec::new();
            if !file.negation.is_empty() {
                let w: Vec<String> = file.negation.iter().map(|w| regex::escape(w)).collect();
                alts.push(format!(r"\b(?:{})\b", w.join("|")));
            }
            alts.extend(file.negation_patterns.iter().map(|p| format!("(?:{p})")));
            Some(compile(name, &alts.join("|"))?)
        };
        let group_after = if file.group_nouns.is_empty() {
            None
        } else {
            let w: Vec<String> = file.group_nouns.iter().map(|w| regex::escape(w)).collect();
            Some(compile(name, &format!(r"^[\s-]*(?:{})", w.join("|")))?)
        };
        let actor_noun = if file.actor_nouns.is_empty() {
            None
        } else {
            let w: Vec<String> = file.actor_nouns.iter().map(|w| regex::escape(w)).collect();
            // The name after the noun: one or two capitalised words ("Black Basta").
            Some(
                Regex::new(&format!(
                    r"(?i:\b(?:{}))\s+([\p{{Lu}}][\w.-]+(?:\s[\p{{Lu}}][\w.-]+)?)",
                    w.join("|")
                ))
                .map_err(|e| LexiconError {
                    file: name.into(),
                    message: e.to_string(),
                })?,
            )
        };
        let money = if file.currencies.is_empty() {
            None
        } else {
            let alt = |keys: Vec<&String>| {
                let mut w: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
                w.sort_by_key(|x| std::cmp::Reverse(x.len()));
                w.join("|")
            };
            let mults = alt(file.multipliers.keys().collect());
            let mult = if mults.is_empty() {
                String::new()
            } else {
                format!(r"(?:\s*(?P<mult>{mults}))?")
            };
            let words = alt(file.number_words.keys().collect());
            let words = if words.is_empty() {
                String::new()
            } else {
                format!("|{words}")
            };
            // The currency after the amount ("180'000 Franken", "2 millions d'euros") or
            // before it ("CHF 45'000", "€ 50.000"): `cur` or `pre`, one of them. Thousands
            // are grouped by dots, spaces, no-break spaces or (Swiss) apostrophes.
            // Only a symbol or a code stands before the amount ("Franken 2023" is Franconia).
            let cur = alt(file.currencies.keys().collect());
            let pre = alt(file
                .currencies
                .keys()
                .filter(|k| k.chars().filter(|c| c.is_alphabetic()).count() <= 3)
                .collect());
            Some(compile(
                name,
                &format!(
                    r"(?:(?:^|\W)(?P<pre>{pre})\s?)?\b(?P<count>\d{{1,3}}(?:[. \x{{a0}}\x{{202f}}'’]\d{{3}})+|\d+(?:[.,]\d+)?{words}){mult}(?:\s*(?:d['’]|de\s+|van\s+|an\s+)?(?P<cur>{cur})(?:\b|$|\s))?",
                ),
            )?)
        };
        let lexicon = Lexicon {
            money,
            recommendation: any_of(name, &file.recommendation)?,
            advice_heading: any_of(name, &file.advice_headings)?,
            advice_exception: any_of(name, &file.advice_exceptions)?,
            plan: any_of(name, &file.plan_cues)?,
            claim: any_of(name, &file.claim_cues)?,
            health_sector: any_of(name, &file.health_sector_cues)?,
            clock_time: any_of(name, &file.clock_time_cues)?,
            whole_it: any_of(name, &file.whole_it_cues)?,
            it_outage: any_of(name, &file.it_outage_cues)?,
            unconfirmed: any_of(name, &file.unconfirmed_cues)?,
            publisher_disclaimer: any_of(name, &file.publisher_disclaimer_cues)?,
            disclosure_taken: disclosure_clause(
                name,
                &file.disclosure_objects,
                &file.disclosure_taken_after,
                &file.disclosure_taken_before,
            )?,
            disclosure_viewed: disclosure_clause(
                name,
                &file.disclosure_objects,
                &file.disclosure_viewed_after,
                &file.disclosure_viewed_before,
            )?,
            stolen_data: any_of(name, &file.stolen_data_phrases)?,
            negation_purpose: any_of(name, &file.negation_purpose_patterns)?,
            disclosure_false_friend: any_of(name, &file.disclosure_false_friends)?,
            attack: any_of(name, &file.attack_cues)?,
            discovery: any_of(name, &file.discovery_cues)?,
            incident: any_of(name, &file.incident_cues)?,
            strong_incident: any_of(name, &file.strong_incident_cues)?,
            third_party: any_of(name, &file.third_party_cues)?,
            statement_verb: any_of(name, &file.statement_verbs)?,
            statement_verb_after: any_of(name, &file.statement_verbs_after)?,
            communication_date: any_of(name, &file.communication_date_cues)?,
            statement_cue: any_of(name, &file.statement_cues)?,
            relative_to_date: any_of(
                name,
                &file
                    .relative_to_date
                    .keys()
                    .map(|k| format!(r"\b{}\b", regex::escape(k)))
                    .collect::<Vec<_>>(),
            )?,
            noun_complement_before: words_before(name, &file.noun_complement_words)?,
            range_opener: any_of(
                name,
                &file
                    .range_openers
                    .iter()
                    .map(|w| {
                        format!(
                            r"\b{}\s+(?:(?:le|la|the|dem|den|de)\s+)?$",
                            regex::escape(w)
                        )
                    })
                    .collect::<Vec<_>>(),
            )?,
            publication_cue: any_of(name, &file.publication_cues)?,
            unrelated: any_of(name, &file.focal.unrelated_cues)?,
            later_event: any_of(name, &file.later_event_cues)?,
            discovery_question: any_of(name, &file.discovery_questions)?,
            ransom: any_of(name, &file.ransom_cues)?,
            fraud: any_of(name, &file.fraud_cues)?,
            reader_warning: any_of(name, &file.reader_warning_cues)?,
            protective_encryption: any_of(name, &file.protective_encryption_cues)?,
            device_theft: any_of(name, &file.device_theft_cues)?,
            ransom_denial: any_of(name, &file.ransom_denials)?,
            motives,
            theft: any_of(name, &file.theft_cues)?,
            exploit: any_of(name, &file.exploit_cues)?,
            public_facing: any_of(name, &file.public_facing_cues)?,
            techniques,
            technique_warning: any_of(name, &file.technique_warning_cues)?,
            negation_after: any_of(name, &file.negation_after_cues)?,
            disruption: any_of(name, &file.disruption_cues)?,
            encryption: any_of(name, &file.encryption_cues)?,
            confidentiality: any_of(name, &file.confidentiality_cues)?,
            alteration: any_of(name, &file.alteration_cues)?,
            malware: any_of(name, &file.malware_cues)?,
            availability: any_of(name, &file.availability_cues)?,
            other_incident: any_of_at_start(name, &file.focal.other_incident_openers)?,
            title_furniture_lower: file
                .focal
                .title_furniture
                .iter()
                .map(|x| x.to_lowercase())
                .collect(),
            reference_labels_lower: file
                .focal
                .reference_labels
                .iter()
                .map(|x| x.to_lowercase())
                .collect(),
            measures_heading: any_of(
                name,
                &file
                    .focal
                    .measures_headings
                    .iter()
                    .map(|p| format!(r"(?i)^(?:\d+[.)]?\s*)?(?:{p})\s*:?$"))
                    .collect::<Vec<_>>(),
            )?,
            statistic: any_of(name, &file.focal.statistic_cues)?,
            other_victims: any_of(name, &file.focal.other_victims_cues)?,
            other_party: any_of(name, &file.other_party_cues)?,
            relative_clause: any_of(
                name,
                &file
                    .relative_clause_openers
                    .iter()
                    .map(|p| format!(r"^,\s*(?:{p})\b"))
                    .collect::<Vec<_>>(),
            )?,
            owned_noun: any_of(
                name,
                &file
                    .name_owned_nouns
                    .iter()
                    .map(|p| format!("^(?:{p})$"))
                    .collect::<Vec<_>>(),
            )?,
            relative_inclusion: any_of(name, &file.relative_inclusion_cues)?,
            negation,
            denial: any_of(name, &file.denial_cues)?,
            uncertainty: any_of(name, &file.uncertainty_cues)?,
            question_frame: any_of(name, &file.question_frames)?,
            previous_week: any_of(name, &file.previous_week)?,
            last_weekday: any_of(name, &file.last_weekday_cues)?,
            delay: any_of(name, &file.delay_cues)?,
            night_range: any_of(name, &file.night_range_cues)?,
            incident_date_label: any_of(name, &file.incident_date_labels)?,
            discovery_date_label: any_of(name, &file.discovery_date_labels)?,
            previous_year: any_of(name, &file.previous_year_cues)?,
            year_prefix: if file.year_prefixes.is_empty() {
                None
            } else {
                let w: Vec<String> = file
                    .year_prefixes
                    .iter()
                    .map(|w| regex::escape(w))
                    .collect();
                Some(compile(
                    name,
                    &format!(r"(?:^|[^\p{{L}}])(?:{})\s+((?:19|20)\d\d)\b", w.join("|")),
                )?)
            },
            this_incident: any_of(name, &file.focal.this_incident_cues)?,
            earlier_incident: any_of(name, &file.focal.earlier_incident_cues)?,
            similar_incident: any_of(name, &file.focal.similar_incident_cues)?,
            earlier_time: any_of(name, &file.focal.earlier_time_cues)?,
            patch_clause: any_of(name, &file.focal.patch_clause_cues)?,
            recap_opener: any_of_at_start(name, &file.focal.recap_openers)?,
            update_opener: any_of_at_start(name, &file.focal.update_openers)?,
            demand_negated_after: any_of(name, &file.demand_negated_after)?,
            publication_label: any_of(
                name,
                &[&file.publication_labels[..], &file.update_labels[..]].concat(),
            )?,
            update_label: any_of(name, &file.update_labels)?,
            initial_access: any_of(name, &file.initial_access_cues)?,
            destination: any_of(name, &file.destination_cues)?,
            notified: any_of(name, &file.notified_cues)?,
            attack_object: any_of(name, &file.attack_object_cues)?,
            victim_predicate: any_of(name, &file.victim_predicate_cues)?,
            operated_site: any_of(name, &file.operated_site_cues)?,
            apposition_end: any_of(name, &file.apposition_ends)?,
            region_prefix: any_of(name, &file.region_prefixes)?,
            reference_place: any_of(name, &file.reference_place_cues)?,
            alias_cue: any_of(name, &file.alias_cues)?,
            group_after,
            group_before: any_of(name, &file.group_before)?,
            actor_noun,
            actor_denial: any_of(name, &file.actor_denials)?,
            attribution_unconfirmed: any_of(name, &file.attribution_unconfirmed)?,
            first_person: any_of(name, &file.first_person_cues)?,
            actor_cue: any_of(name, &file.actor_cues)?,
            actor_self_naming: any_of(name, &file.actor_self_naming)?,
            attacker_subject: any_of(name, &file.attacker_subject_cues)?,
            operator_cue: any_of(name, &file.operator_cues)?,
            operates: any_of(name, &file.operates_cues)?,
            apposition_not_victim: any_of(name, &file.apposition_not_victim)?,
            impacts,
            counted,
            label_before,
            effects,
            services,
            service_effects,
            service_effects_before,
            service_entries,
            data_subject: any_of(name, &file.data_subject_cues)?,
            breach_subject_before: any_of(name, &file.breach_subject_before_cues)?,
            breach_subject_after: any_of(name, &file.breach_subject_after_cues)?,
            unincurred_amount: any_of(name, &file.unincurred_amount_cues)?,
            amounts: file
                .amount_cues
                .iter()
                .map(|r| Ok((compile(name, &r.pattern)?, r.effect.clone())))
                .collect::<Result<Vec<_>, LexiconError>>()?,
            other_fined: any_of(name, &file.other_fined_cues)?,
            count_place: any_of(name, &file.count_place_cues)?,
            ambulance_only: any_of(name, &file.ambulance_only_cues)?,
            theft_reference: any_of(name, &file.theft_reference_cues)?,
            responses,
            cia,
            file,
        };
        scope.finish();
        Ok(lexicon)
    }

    /// The amount of a `money` match: count × multiplier, with `,` or `.` as the decimal
    /// mark before a multiplier ("1,5 million", "2.3 Millionen").
    pub fn amount(&self, count: &str, mult: Option<&str>) -> Option<u64> {
        let factor = match mult {
            Some(m) => *self.file.multipliers.get(&m.to_lowercase())?,
            None => 1,
        };
        let t = count.trim().to_lowercase();
        if let Some(n) = self.file.number_words.get(&t) {
            return Some(n * factor);
        }
        if factor > 1 {
            let v: f64 = t.replace(' ', "").replace(',', ".").parse().ok()?;
            return Some((v * factor as f64).round() as u64);
        }
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    }

    /// Parses a count captured by `{count}` (digits or a number word of this lexicon).
    pub fn count(&self, s: &str) -> Option<u64> {
        let t = s.trim().to_lowercase();
        if let Some(n) = self.file.number_words.get(&t) {
            return Some(*n);
        }
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return crate::text::parse_count(&t);
        }
        digits.parse().ok()
    }
}

/// Is `lower` (lower case) a month or weekday name (or abbreviation) of any embedded
/// lexicon?
pub fn is_calendar_word(lower: &str) -> bool {
    all()
        .iter()
        .any(|l| l.file.months.contains_key(lower) || l.file.weekdays.contains_key(lower))
}

/// All embedded lexicons, English first.
///
/// # Panics
/// Never at run time for a released build: the embedded files are checked by the unit test
/// `embedded_lexicons_parse`; a broken file is a build-time mistake.
pub fn all() -> &'static [Lexicon] {
    static L: OnceLock<Vec<Lexicon>> = OnceLock::new();
    L.get_or_init(|| {
        FILES
            .iter()
            .map(|(n, t)| Lexicon::parse(n, t).unwrap_or_else(|e| panic!("{e}")))
            .collect()
    })
}

/// The lexicon of a language code, if there is one.
pub fn by_code(code: &str) -> Option<&'static Lexicon> {
    all().iter().find(|l| l.file.code == code)
}

/// Detects the language of `text` among the languages that have a lexicon (whatlang,
/// trigram model). Returns the ISO 639-1 code, or `None` for text too short or unclear.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_among(text, all().iter())
}

/// Detects the language of `text` among `lexicons` (whatlang restricted to their
/// languages): the lexicon's ISO 639-1 code, or `None` for text too short or unclear.
pub fn detect_among<'a>(
    text: &str,
    lexicons: impl Iterator<Item = &'a Lexicon> + Clone,
) -> Option<&'a str> {
    let langs: Vec<whatlang::Lang> = lexicons
        .clone()
        .filter_map(|l| whatlang::Lang::from_code(&l.file.iso639_3))
        .collect();
    if langs.is_empty() {
        return None;
    }
    let det = whatlang::Detector::with_allowlist(langs);
    // A bounded prefix is enough to tell the language and keeps the cost linear.
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = det.detect(&text[..end])?;
    let code = info.lang().code();
    lexicons
        .into_iter()
        .find(|l| l.file.iso639_3 == code)
        .map(|l| l.file.code.as_str())
}

/// The lexicons a document in `lang` is read with: its own, then English.
pub fn for_language(lang: Option<&str>) -> Vec<&'static Lexicon> {
    with_extra(lang, &[])
}

/// The lexicons a document in `lang` is read with, looking in `extra` (lexicons loaded at
/// run time) before the embedded ones: the language's own, then English.
pub fn with_extra<'a>(lang: Option<&str>, extra: &'a [Lexicon]) -> Vec<&'a Lexicon> {
    let find = |code: &str| -> Option<&'a Lexicon> {
        extra
            .iter()
            .find(|l| l.file.code == code)
            .or_else(|| by_code(code))
    };
    let mut out = Vec::new();
    if let Some(l) = lang.and_then(find) {
        out.push(l);
    }
    if let Some(en) = find("en")
        && !out.iter().any(|l| l.file.code == "en")
    {
        out.push(en);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sharp_s_also_reads_double_s_outside_a_class() {
        assert_eq!(sharp_s(r"\bließ\b"), r"\blie(?:ß|ss)\b");
        assert_eq!(sharp_s(r"[ß]a\ß"), r"[ß]a\ß");
        assert_eq!(sharp_s("ohne"), "ohne");
        let re = compile("de.toml", r"\bnicht mehr öffnen ließ\b").unwrap();
        assert!(re.is_match("dass sich die Praxissoftware nicht mehr öffnen liess"));
        assert!(re.is_match("dass sich die Praxissoftware nicht mehr öffnen ließ"));
    }

    #[test]
    fn embedded_lexicons_parse() {
        for (n, t) in FILES {
            let l = Lexicon::parse(n, t).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format!("{}.toml", l.file.code), *n);
            assert!(whatlang::Lang::from_code(&l.file.iso639_3).is_some(), "{n}");
        }
    }

    #[test]
    fn detects_the_four_languages() {
        let cases = [
            (
                "Het ziekenhuis heeft alle servers uitgeschakeld en de operaties geannuleerd.",
                "nl",
            ),
            (
                "Le groupe hospitalier a été victime d'une cyberattaque et les consultations ont été annulées.",
                "fr",
            ),
            (
                "Das Klinikum ist Ziel einer Ransomware-Attacke geworden, die Systeme wurden heruntergefahren.",
                "de",
            ),
            (
                "The hospital shut down its systems after a ransomware attack on Sunday.",
                "en",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(detect(t), Some(want), "{t}");
        }
    }

    #[test]
    fn a_bad_file_is_a_located_error() {
        let e = Lexicon::parse(
            "xx.toml",
            "code = 'xx'\niso639_3 = 'xxx'\nname = 'X'\nrecommendation = ['(']\n",
        )
        .err()
        .expect("error");
        assert!(e.to_string().contains("xx.toml"), "{e}");
    }

    #[test]
    fn an_unknown_disclosure_kind_is_an_error() {
        let head = "code = 'xx'\niso639_3 = 'xxx'\nname = 'X'\n";
        let rule = |kind: &str| {
            format!(
                "{head}cia = [{{ pattern = 'wrong', attribute = 'confidentiality', value = true, disclosure = '{kind}' }}]\n"
            )
        };
        assert!(Lexicon::parse("xx.toml", &rule("misdelivery")).is_ok());
        let e = Lexicon::parse("xx.toml", &rule("misdelivry"))
            .err()
            .expect("error");
        assert!(e.to_string().contains("xx.toml"), "{e}");
    }
}

mod prefiltered;
