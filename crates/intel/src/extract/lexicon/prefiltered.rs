//! How lexicon regexes are run: an exact regex behind two pre-checks that can only say
//! "cannot match here".
//!
//! 1. **Required literals, one automaton per lexicon.** When a lexicon is parsed
//!    ([`Scope`]), every pattern compiled for it is analysed (`regex-syntax`'s HIR) for
//!    literals every match must contain: up to [`MAX_CLAUSES`] clauses, each a set of
//!    literals one of which must occur ("{count} operations? (were )?cancelled" needs
//!    one of "operation"/"operations" AND "cancelled"; an alternation needs one of its
//!    branches' literals). The literals of all the lexicon's patterns go into ONE
//!    `aho-corasick` automaton, built once. A haystack asked about often (a sentence, by
//!    every phrase of every family) is lower-cased and scanned once per lexicon; the set
//!    of literals present is kept in a per-thread memory keyed by the haystack, and a
//!    pattern with a clause none of whose literals is present is answered "no match"
//!    without running. The cost of a sentence is one scan, however many phrases.
//! 2. **No word boundaries.** Lexicon patterns use Unicode `\b` (their words have
//!    accents), and a Unicode word boundary makes the regex crate leave its fast lazy DFA
//!    on any non-ASCII haystack for a much slower engine. Each pattern is therefore also
//!    compiled with every `\b` / `\B` removed — removing a zero-width assertion only widens
//!    what matches — and on a non-ASCII haystack the exact regex runs only when that
//!    superset matches (on an ASCII one the exact regex keeps its lazy DFA and runs
//!    directly).
//!
//! Results are those of the exact regex, always: both checks are supersets (a literal is
//! required only where the HIR proves it, case-insensitively by comparing per-character
//! lower-case images). Tests: `tests::prefilter_is_exact` (unit) and
//! `tests/prefilter_equivalence.rs` (every pattern on every sentence of the corpus; every
//! extraction of the corpus with and without the pre-checks).
//!
//! Hand-written because the combination is cordon's own: `regex`'s internal prefilter
//! works per regex (one pass per phrase per sentence, which is what cost the time), and a
//! `RegexSet` of the phrases was measured 3× slower (its DFA gives up on the bounded
//! repetitions of the impact phrases).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{self, Class, Hir, HirKind};
use rustc_hash::FxHashMap;

/// A regex with pre-checks; dereferences to the exact `regex::Regex` (methods reached
/// through `Deref` — `find_iter`, `captures_iter`, … — run the exact regex only).
#[derive(Debug, Clone)]
pub struct PrefilteredRegex {
    exact: regex::Regex,
    /// `None` when the pattern has no word boundary (nothing to gain). Compiled on first
    /// use ([`Wide`]).
    wide: Option<Arc<Wide>>,
    /// The lexicon's literal automaton and this pattern's clauses of literal ids (every
    /// clause needs one of its literals present); `None` when the pattern has no usable
    /// literal or was compiled outside a lexicon [`Scope`].
    literals: Option<(Arc<OnceLock<Group>>, Clauses)>,
}

/// The pattern without word boundaries, compiled on its first use: most of a run's
/// regexes never see a non-ASCII haystack (the lexicons of the languages a run does not
/// read), and compiling every one up front held about a quarter of a gigabyte of NFA
/// states for nothing (session 27, `valgrind --tool=massif` on one ingest). A pattern
/// that does not compile (over the size limit) has no such pre-check.
#[derive(Debug)]
struct Wide {
    pattern: String,
    re: OnceLock<Option<regex::Regex>>,
}

impl Wide {
    fn get(&self) -> Option<&regex::Regex> {
        self.re.get_or_init(|| build(&self.pattern).ok()).as_ref()
    }
}

/// `pattern` with every `\b` and `\B` outside an escape removed.
pub(crate) fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut it = pattern.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('b') | Some('B') => {}
                Some(n) => {
                    out.push(c);
                    out.push(n);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The most a compiled lexicon regex may take (bytes; `regex::RegexBuilder::size_limit`).
const SIZE_LIMIT: usize = 32 << 20;

/// The most one lexicon regex's lazy DFA cache may grow to (bytes;
/// `regex::RegexBuilder::dfa_size_limit`, default 2 MiB). A cue list compiled as one
/// alternation with Unicode gaps (`(?:[^.]|\.\d){0,60}`) builds more DFA states on a
/// long sentence than 2 MiB hold; the regex crate then clears its cache again and again
/// and finally gives up for its NFA simulation (PikeVM), tens of times slower: the
/// English `discovery_cues` cost 230 µs a sentence so. At 16 MiB no lexicon regex gives
/// up on the corpus: `valgrind --tool=callgrind --toggle-collect=
/// 'cordon_intel::store::Store::ingest_documents_with*' cordon bench intel --copies 2`
/// measured 4.74 G instructions at 2 MiB, 3.05 G at 16 MiB and 3.05 G at 64 MiB (session
/// 29). The cache grows only as a regex needs it: peak memory of the bench 1.33 → 1.38 GB.
const DFA_CACHE_LIMIT: usize = 16 << 20;

/// Compiles a lexicon regex (or its word-boundary-free superset) under [`SIZE_LIMIT`].
fn build(p: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(p)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
}

impl PrefilteredRegex {
    /// Compiles `pattern` and its pre-checks. Errors are those of `regex::Regex::new`.
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        // A lexicon's cue list is compiled as one alternation, and its Unicode gaps
        // (`[^.]{0,60}`, widened to step over number dots) are large once compiled: the
        // Dutch `discovery_cues` passed `regex`'s default 10 MiB limit in session 22. The
        // limit bounds the compiled program, not the text's; 32 MiB leaves room.
        let exact = build(pattern)?;
        let wide_pattern = without_word_boundaries(pattern);
        let wide = (wide_pattern != pattern).then(|| {
            Arc::new(Wide {
                pattern: wide_pattern,
                re: OnceLock::new(),
            })
        });
        let literals = BUILDER.with(|b| {
            let mut b = b.borrow_mut();
            let b = b.as_mut()?;
            let clauses = required_literals(pattern)?;
            Some(b.register(&exact, wide.as_ref(), clauses))
        });
        Ok(PrefilteredRegex {
            exact,
            wide,
            literals,
        })
    }

    /// Can the exact regex match anywhere in `s`? (`false` is certain.)
    #[inline]
    fn may_match(&self, s: &str) -> bool {
        if !ENABLED.with(Cell::get) {
            return true;
        }
        if let Some((group, clauses)) = &self.literals
            && let Some(group) = group.get()
            && !group.may_contain(s, clauses)
        {
            return false;
        }
        // On an ASCII haystack the exact regex keeps its lazy DFA despite its Unicode word
        // boundaries, so the superset would only be a second pass.
        s.is_ascii()
            || self
                .wide
                .as_ref()
                .and_then(|w| w.get())
                .is_none_or(|w| w.is_match(s))
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.may_match(s) && self.exact.is_match(s)
    }

    pub fn find<'h>(&self, s: &'h str) -> Option<regex::Match<'h>> {
        if self.may_match(s) {
            self.exact.find(s)
        } else {
            None
        }
    }

    pub fn captures<'h>(&self, s: &'h str) -> Option<regex::Captures<'h>> {
        if self.may_match(s) {
            self.exact.captures(s)
        } else {
            None
        }
    }

    /// Every match, as `regex::Regex::find_iter`; none without running when a pre-check
    /// says none can be.
    pub fn find_iter<'r, 'h>(
        &'r self,
        s: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<regex::Matches<'r, 'h>>> {
        self.may_match(s)
            .then(|| self.exact.find_iter(s))
            .into_iter()
            .flatten()
    }

    /// Every match's groups, as `regex::Regex::captures_iter`; none without running when
    /// a pre-check says none can be.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        s: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<regex::CaptureMatches<'r, 'h>>> {
        self.may_match(s)
            .then(|| self.exact.captures_iter(s))
            .into_iter()
            .flatten()
    }

    /// This pattern's clauses of literal ids, if it has any (for tests).
    #[cfg(test)]
    fn literal_ids(&self) -> Option<&Clauses> {
        self.literals.as_ref().map(|(_, c)| c)
    }

    /// The patterns of this regex's lexicon (every pattern compiled when it was parsed)
    /// that match `haystack` although a pre-check says they cannot: always empty. For
    /// tests (`tests/prefilter_equivalence.rs`); the literal check is run on a fresh scan.
    #[doc(hidden)]
    pub fn audit(&self, haystack: &str) -> Vec<String> {
        let Some(group) = self.literals.as_ref().and_then(|(g, _)| g.get()) else {
            return Vec::new();
        };
        let present = group.scan(haystack);
        group
            .patterns
            .iter()
            .filter(|p| {
                let literal_ok = p.clauses.iter().all(|c| any_bit(&present, c));
                let wide_ok = p
                    .wide
                    .as_ref()
                    .and_then(|w| w.get())
                    .is_none_or(|w| w.is_match(haystack));
                !(literal_ok && wide_ok) && p.exact.is_match(haystack)
            })
            .map(|p| p.exact.as_str().to_owned())
            .collect()
    }

    /// How many patterns of this regex's lexicon carry a literal pre-check (for tests).
    #[doc(hidden)]
    pub fn lexicon_patterns_with_literals(&self) -> usize {
        self.literals
            .as_ref()
            .and_then(|(g, _)| g.get())
            .map_or(0, |g| g.patterns.len())
    }
}

impl Deref for PrefilteredRegex {
    type Target = regex::Regex;
    fn deref(&self) -> &regex::Regex {
        &self.exact
    }
}

thread_local! {
    /// The builder of the lexicon being parsed on this thread, if any.
    static BUILDER: RefCell<Option<Builder>> = const { RefCell::new(None) };
    /// Haystacks asked about, by `(group id, address, length)`.
    static SCANS: RefCell<FxHashMap<(usize, usize, usize), Scan>> = RefCell::new(FxHashMap::default());
    /// False inside [`without_prefilter`].
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// The texts pinned by [`pin`], innermost last.
    static PIN: RefCell<Vec<PinState>> = const { RefCell::new(Vec::new()) };
}

/// A pinned text: where it is, its lower-case image (folded once per document), and per
/// literal group every occurrence of the group's literals in that image.
struct PinState {
    at: usize,
    len: usize,
    folded: String,
    /// Offset in `folded` of each byte offset of the text (`len + 1` entries); `None`
    /// when the text is ASCII (the offsets are the same).
    map: Option<Vec<u32>>,
    /// Group id → its literals' occurrences `(start, end, literal id)` in `folded`,
    /// sorted by start; found on the group's first question.
    occurrences: FxHashMap<usize, Vec<(u32, u32, u32)>>,
}

impl PinState {
    fn new(text: &str) -> PinState {
        let (folded, map) = if text.is_ascii() {
            (text.to_ascii_lowercase(), None)
        } else {
            let mut folded = String::with_capacity(text.len() + 8);
            let mut map = vec![0u32; text.len() + 1];
            for (i, c) in text.char_indices() {
                let at = folded.len() as u32;
                map[i..i + c.len_utf8()].fill(at);
                push_folded(&mut folded, c);
            }
            map[text.len()] = folded.len() as u32;
            (folded, Some(map))
        };
        PinState {
            at: text.as_ptr() as usize,
            len: text.len(),
            folded,
            map,
            occurrences: FxHashMap::default(),
        }
    }

    /// The byte range of `s` in the text, if `s` is a slice of it.
    fn range_of(&self, s: &str) -> Option<(usize, usize)> {
        let a = (s.as_ptr() as usize).checked_sub(self.at)?;
        (a + s.len() <= self.len).then_some((a, a + s.len()))
    }

    /// The literals of `group` present in the slice `start..end` of the text (bit `i`:
    /// literal `i` occurs in the slice lower-cased): the occurrences in the folded
    /// text that lie inside the slice's image. Folding is character by character, so the
    /// slice's image is a piece of the text's image and holds exactly those occurrences.
    fn present(&mut self, group: &Group, start: usize, end: usize) -> Vec<u64> {
        let mut present = vec![0u64; group.words];
        let Some(ac) = &group.automaton else {
            return present;
        };
        let folded = &self.folded;
        let occ = self.occurrences.entry(group.id).or_insert_with(|| {
            let mut v: Vec<(u32, u32, u32)> = ac
                .find_overlapping_iter(folded.as_str())
                .map(|m| (m.start() as u32, m.end() as u32, m.pattern().as_u32()))
                .collect();
            v.sort_unstable();
            v
        });
        let (fa, fb) = match &self.map {
            Some(m) => (m[start], m[end]),
            None => (start as u32, end as u32),
        };
        let from = occ.partition_point(|o| o.0 < fa);
        for &(_, e, i) in occ[from..].iter().take_while(|o| o.0 < fb) {
            if e <= fb {
                present[i as usize / 64] |= 1 << (i % 64);
            }
        }
        present
    }
}

/// While alive, the text given to [`pin`] is known not to change or move: a haystack
/// inside it is identified by its address and length alone, and the literals in it are
/// read off one scan of the whole text.
#[must_use = "the text is pinned only while the guard lives"]
pub struct Pinned<'t> {
    /// Address and length of the pinned text (its entry in the pin stack).
    at: (usize, usize),
    _text: std::marker::PhantomData<&'t str>,
}

/// Declares `text` (a whole document, borrowed for the guard's life, so it can neither
/// change nor be freed meanwhile) as the text most haystacks are slices of. The text is
/// lower-cased once, and each lexicon's literal automaton runs once over it; a question
/// about a slice of it (a sentence, the words before a name) then reads the literals
/// present in the slice off that one scan, from the first question on, and is recognised
/// by `(address, length)` without comparing or copying its text. Outside the pinned
/// texts, haystacks are handled as before. Several texts may be pinned at once (a
/// document and a same-length copy of it with some characters blanked, whose sentences
/// are asked about in turn); a haystack is read off the innermost pinned text it lies in.
/// The pre-check memory is emptied on pinning and unpinning. Answers never depend on it:
/// only the cost of the pre-check.
pub fn pin(text: &str) -> Pinned<'_> {
    SCANS.with(|s| s.borrow_mut().clear());
    PIN.with(|p| p.borrow_mut().push(PinState::new(text)));
    Pinned {
        at: (text.as_ptr() as usize, text.len()),
        _text: std::marker::PhantomData,
    }
}

impl Drop for Pinned<'_> {
    fn drop(&mut self) {
        SCANS.with(|s| s.borrow_mut().clear());
        PIN.with(|p| {
            let mut p = p.borrow_mut();
            // Guards are dropped innermost first in practice; the entry is found by its
            // text so that any order unpins the right one.
            if let Some(k) = p.iter().rposition(|s| (s.at, s.len) == self.at) {
                p.remove(k);
            }
        });
    }
}

/// Clauses of literal ids: each clause needs one of its literals present.
type Clauses = Box<[Box<[u32]>]>;

/// Is a bit of `ids` set in `present`?
#[inline]
fn any_bit(present: &[u64], ids: &[u32]) -> bool {
    ids.iter()
        .any(|&i| present[i as usize / 64] & (1 << (i % 64)) != 0)
}

/// Haystacks remembered per thread before the memory is emptied (a few documents' worth).
const SCAN_CACHE: usize = 4096;
/// A haystack is scanned for literals when asked about this many times: a sentence is
/// asked about by every phrase of every family, while most other haystacks (the text
/// before a name, a clause) are asked about once or twice, and for them running the
/// regexes directly is cheaper than a scan for every literal of the lexicon.
const SCAN_AFTER: u32 = 4;

#[derive(Default)]
struct Scan {
    /// How many times a haystack at this address was asked about.
    asked: u32,
    /// Once scanned: the haystack (`None` for a slice of the [`pin`]ned text, which
    /// cannot change), and the literals present in it (bit `i` set: literal `i` of the
    /// group occurs in the lower-cased haystack).
    text: Option<(Option<String>, Vec<u64>)>,
}

/// Runs `f` with the pre-checks off on this thread: every search runs the exact regex.
/// For tests that compare answers with and without them.
#[doc(hidden)]
pub fn without_prefilter<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ENABLED.with(|e| e.set(self.0));
        }
    }
    let _restore = Restore(ENABLED.with(|e| e.replace(false)));
    f()
}

/// One lexicon's literal automaton.
#[derive(Debug)]
pub(crate) struct Group {
    id: usize,
    /// `None` when no pattern of the lexicon had a literal.
    automaton: Option<AhoCorasick>,
    /// `u64` words of a set of literals.
    words: usize,
    /// Every pattern compiled in the scope that has required literals.
    patterns: Vec<Registered>,
}

/// A pattern with its pre-checks, kept in its group for [`PrefilteredRegex::audit`].
#[derive(Debug)]
struct Registered {
    exact: regex::Regex,
    wide: Option<Arc<Wide>>,
    clauses: Clauses,
}

impl Group {
    /// The literals present in `s` (bit `i`: literal `i`, in `s` lower-cased per
    /// character).
    fn scan(&self, s: &str) -> Vec<u64> {
        let mut present = vec![0u64; self.words];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(fold(s).as_str()) {
                let i = m.pattern().as_usize();
                present[i / 64] |= 1 << (i % 64);
            }
        }
        present
    }

    /// Does every clause have a literal present in `s`? For a slice of the [`pin`]ned
    /// text, read off the text's one scan; for any other haystack, `true` (unknown) until
    /// `s` has been asked about [`SCAN_AFTER`] times, then from a scan of `s`.
    fn may_contain(&self, s: &str, clauses: &[Box<[u32]>]) -> bool {
        if self.automaton.is_none() {
            return true;
        }
        if s.len() < MIN_LITERAL && s.is_ascii() {
            // Every literal is longer than the whole haystack.
            return false;
        }
        SCANS.with(|scans| {
            let mut scans = scans.borrow_mut();
            if scans.len() >= SCAN_CACHE {
                scans.clear();
            }
            // Keyed by where the haystack is: the sentences of a document stay put while
            // every phrase is asked about them. The text is compared before a scan is
            // reused (an address can be reused once a haystack is freed) — except for a
            // slice of the pinned text, which cannot change (the memory is emptied
            // whenever the pin changes).
            let key = (self.id, s.as_ptr() as usize, s.len());
            let scan = scans.entry(key).or_default();
            if scan
                .text
                .as_ref()
                .is_some_and(|(t, _)| t.as_ref().is_some_and(|t| t != s))
            {
                *scan = Scan::default();
            }
            scan.asked += 1;
            if scan.text.is_none() {
                let pinned = PIN.with(|p| {
                    let mut p = p.borrow_mut();
                    p.iter_mut().rev().find_map(|p| {
                        let (a, b) = p.range_of(s)?;
                        Some(p.present(self, a, b))
                    })
                });
                if let Some(present) = pinned {
                    scan.text = Some((None, present));
                } else if scan.asked < SCAN_AFTER {
                    return true;
                } else {
                    scan.text = Some((Some(s.to_owned()), self.scan(s)));
                }
            }
            let Some((_, present)) = &scan.text else {
                return true;
            };
            clauses.iter().all(|c| any_bit(present, c))
        })
    }
}

/// Collects the literals of the patterns compiled while a lexicon is parsed.
#[derive(Default)]
struct Builder {
    group: Arc<OnceLock<Group>>,
    ids: HashMap<String, u32>,
    literals: Vec<String>,
    patterns: Vec<Registered>,
}

impl Builder {
    fn register(
        &mut self,
        exact: &regex::Regex,
        wide: Option<&Arc<Wide>>,
        clauses: Vec<Vec<String>>,
    ) -> (Arc<OnceLock<Group>>, Clauses) {
        let clauses: Clauses = clauses
            .into_iter()
            .map(|lits| {
                let mut ids: Vec<u32> = lits
                    .into_iter()
                    .map(|l| {
                        let next = self.literals.len() as u32;
                        *self.ids.entry(l.clone()).or_insert_with(|| {
                            self.literals.push(l);
                            next
                        })
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids.into_boxed_slice()
            })
            .collect();
        self.patterns.push(Registered {
            exact: exact.clone(),
            wide: wide.cloned(),
            clauses: clauses.clone(),
        });
        (self.group.clone(), clauses)
    }
}

/// The patterns compiled between [`Scope::begin`] and [`Scope::finish`] on this thread
/// share one literal automaton (one per lexicon). A scope dropped without `finish` (a
/// lexicon file with an error) leaves its patterns without the literal pre-check.
pub(crate) struct Scope {
    previous: Option<Builder>,
}

static GROUP_IDS: AtomicUsize = AtomicUsize::new(0);

impl Scope {
    pub(crate) fn begin() -> Scope {
        let previous = BUILDER.with(|b| b.borrow_mut().replace(Builder::default()));
        Scope { previous }
    }

    /// Builds the automaton over the literals registered since `begin`.
    pub(crate) fn finish(self) {
        let Some(b) = BUILDER.with(|b| b.borrow_mut().take()) else {
            return;
        };
        // An automaton that cannot be built (it never fails for plain literals of this
        // size) only means no literal pre-check: answers are unchanged.
        let automaton = if b.literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // A contiguous NFA: its compact table stays in cache, where a DFA over a
                // lexicon's 2,000–4,000 literals (several MB) misses it on nearly every
                // byte — the overlapping scans of `examples/intel` took 38 ns per byte
                // with it against 68 with a DFA (session 9, timed around the scan).
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&b.literals)
                .ok()
        };
        let group = Group {
            id: GROUP_IDS.fetch_add(1, Ordering::Relaxed),
            automaton,
            words: b.literals.len().div_ceil(64),
            patterns: b.patterns,
        };
        let _ = b.group.set(group);
    }
}

impl Drop for Scope {
    /// Restores the builder of an enclosing scope (none, usually): a builder not taken by
    /// `finish` is discarded.
    fn drop(&mut self) {
        let previous = self.previous.take();
        BUILDER.with(|x| *x.borrow_mut() = previous);
    }
}

/// The lower-case image of `s`, character by character (`char::to_lowercase`, no
/// context-dependent rules; the long s "ſ", which a case-insensitive regex reads as "s",
/// as "s"), the form literals are stored in. Applied alike to literals and haystacks, a
/// folding only has to be a function of the character; folding "ſ" with "s" keeps every
/// `(?i)` literal with an "s" one literal (not one per "s"/"ſ" spelling), which keeps the
/// automata small.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(&mut out, c);
    }
    out
}

/// Appends the image of `c` under [`fold`].
#[inline]
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == 'ſ' {
        out.push('s');
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Literals shorter than this are not worth a pre-check (they occur everywhere).
const MIN_LITERAL: usize = 3;
/// Largest set of strings kept for what a sub-pattern matches exactly.
const MAX_EXACT: usize = 64;
/// Largest class read as a set of literal characters (a case class `[Éé]`, `[’']`).
const MAX_CLASS: u32 = 8;
/// Most clauses kept per pattern (the most selective).
const MAX_CLAUSES: usize = 3;

/// What the analysis knows about a sub-pattern.
#[derive(Clone, Default)]
struct Info {
    /// Every string the sub-pattern matches, folded (`None`: too many or unknown).
    exact: Option<Vec<String>>,
    /// Every match contains one string of each of these sets (folded, sorted, none
    /// empty, at most [`MAX_CLAUSES`]).
    clauses: Vec<Vec<String>>,
}

impl Info {
    fn exact(set: Vec<String>) -> Info {
        Info {
            exact: Some(set),
            clauses: Vec::new(),
        }
    }

    /// Its clauses, and its exact set as one more when that needs a non-empty string.
    fn requirements(&self) -> Vec<Vec<String>> {
        let mut out = self.clauses.clone();
        if let Some(e) = as_clause(self.exact.clone()) {
            out.push(e);
        }
        keep_best(out)
    }
}

/// A set of strings as a clause: sorted, or `None` when empty or holding `""` (an empty
/// string is in every haystack).
fn as_clause(set: Option<Vec<String>>) -> Option<Vec<String>> {
    let mut set = set.filter(|e| !e.is_empty() && e.iter().all(|s| !s.is_empty()))?;
    set.sort_unstable();
    set.dedup();
    Some(set)
}

/// How selective a clause is: its shortest literal, then fewer literals.
fn score(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

/// The [`MAX_CLAUSES`] most selective distinct clauses.
fn keep_best(mut clauses: Vec<Vec<String>>) -> Vec<Vec<String>> {
    clauses.sort_by(|a, b| score(b).cmp(&score(a)).then_with(|| a.cmp(b)));
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES);
    clauses
}

/// All concatenations `x + y` (deduplicated), or `None` past [`MAX_EXACT`].
fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len().saturating_mul(b.len()) > MAX_EXACT {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let s = format!("{x}{y}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Some(out)
}

/// Folded images of a small class's characters, or `None` for a large class.
fn class_images(class: &Class) -> Option<Vec<String>> {
    let chars: Vec<char> = match class {
        Class::Unicode(c) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if n > MAX_CLASS {
                return None;
            }
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect()
        }
        Class::Bytes(c) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if n > MAX_CLASS || c.ranges().iter().any(|r| !r.end().is_ascii()) {
                return None;
            }
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(char::from)
                .collect()
        }
    };
    let mut out: Vec<String> = Vec::new();
    for c in chars {
        let s = fold(c.encode_utf8(&mut [0; 4]));
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Some(out)
}

/// Post-order analysis of a pattern's HIR on an explicit stack (`regex_syntax`'s visitor:
/// no recursion over the pattern's nesting).
#[derive(Default)]
struct Analysis {
    stack: Vec<Info>,
}

impl hir::Visitor for Analysis {
    type Output = Vec<Vec<String>>;
    type Err = ();

    fn finish(mut self) -> Result<Self::Output, ()> {
        Ok(self
            .stack
            .pop()
            .map(|i| i.requirements())
            .unwrap_or_default())
    }

    fn visit_post(&mut self, hir: &Hir) -> Result<(), ()> {
        let info = match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => Info::exact(vec![String::new()]),
            HirKind::Literal(hir::Literal(bytes)) => match std::str::from_utf8(bytes) {
                Ok(s) => Info::exact(vec![fold(s)]),
                Err(_) => Info::default(),
            },
            HirKind::Class(c) => Info {
                exact: class_images(c),
                clauses: Vec::new(),
            },
            HirKind::Capture(_) => self.stack.pop().ok_or(())?,
            HirKind::Repetition(r) => {
                let sub = self.stack.pop().ok_or(())?;
                let exact = match (r.min, r.max) {
                    (1, Some(1)) => sub.exact.clone(),
                    (0, Some(1)) => sub.exact.clone().map(|mut e| {
                        if !e.contains(&String::new()) {
                            e.push(String::new());
                        }
                        e
                    }),
                    _ => None,
                };
                // At least once: whatever the sub-pattern needs; else nothing.
                let clauses = if r.min >= 1 {
                    sub.requirements()
                } else {
                    Vec::new()
                };
                Info { exact, clauses }
            }
            HirKind::Concat(children) => {
                let at = self.stack.len().checked_sub(children.len()).ok_or(())?;
                let parts: Vec<Info> = self.stack.drain(at..).collect();
                concat(&parts)
            }
            HirKind::Alternation(children) => {
                let at = self.stack.len().checked_sub(children.len()).ok_or(())?;
                let parts: Vec<Info> = self.stack.drain(at..).collect();
                alternation(&parts)
            }
        };
        self.stack.push(info);
        Ok(())
    }
}

/// A concatenation: its exact set when every part's is known and small; its clauses all
/// of the parts' and the products of runs of consecutive parts whose exact sets are known
/// (a run's match is a contiguous piece of the whole match), the best kept.
fn concat(parts: &[Info]) -> Info {
    let mut clauses: Vec<Vec<String>> = Vec::new();
    for p in parts {
        clauses.extend(p.requirements());
    }
    let mut all: Option<Vec<String>> = Some(vec![String::new()]);
    let mut run: Option<Vec<String>> = None;
    for p in parts {
        all = match (all, &p.exact) {
            (Some(a), Some(e)) => product(&a, e),
            _ => None,
        };
        match &p.exact {
            Some(e) => {
                run = match run.take() {
                    None => Some(e.clone()),
                    Some(r) => match product(&r, e) {
                        Some(x) => Some(x),
                        None => {
                            clauses.extend(as_clause(Some(r)));
                            Some(e.clone())
                        }
                    },
                };
            }
            None => clauses.extend(as_clause(run.take())),
        }
    }
    clauses.extend(as_clause(run));
    Info {
        exact: all,
        clauses: keep_best(clauses),
    }
}

/// An alternation: the union of its branches' exact sets; one clause, the union of each
/// branch's most selective clause (none when a branch has none).
fn alternation(parts: &[Info]) -> Info {
    let mut exact: Option<Vec<String>> = Some(Vec::new());
    let mut clause: Option<Vec<String>> = Some(Vec::new());
    for p in parts {
        exact = match (exact, &p.exact) {
            (Some(mut e), Some(x)) => {
                for s in x {
                    if !e.contains(s) {
                        e.push(s.clone());
                    }
                }
                (e.len() <= MAX_EXACT).then_some(e)
            }
            _ => None,
        };
        clause = match (clause, p.requirements().into_iter().next()) {
            (Some(mut c), Some(best)) => {
                c.extend(best);
                Some(c)
            }
            _ => None,
        };
    }
    Info {
        exact,
        clauses: as_clause(clause).into_iter().collect(),
    }
}

/// The clauses of folded literals every match of `pattern` contains (each clause: one of
/// its literals), or `None` when the pattern gives none worth checking (clauses with a
/// literal shorter than [`MIN_LITERAL`] bytes are dropped).
fn required_literals(pattern: &str) -> Option<Vec<Vec<String>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let clauses: Vec<Vec<String>> = hir::visit(&hir, Analysis::default())
        .ok()?
        .into_iter()
        .filter(|c| c.iter().all(|s| s.len() >= MIN_LITERAL))
        .collect();
    (!clauses.is_empty()).then_some(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_removed_but_escapes_kept() {
        assert_eq!(without_word_boundaries(r"\bcoupé\b"), "coupé");
        assert_eq!(without_word_boundaries(r"\Bx\\b"), r"x\\b");
        assert_eq!(without_word_boundaries(r"a\.b\d"), r"a\.b\d");
    }

    fn set(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn required_literals_of_typical_phrases() {
        let lits = required_literals;
        assert_eq!(
            lits(r"(?i)\b(?:geannuleerd|afgezegd)\b"),
            Some(vec![set(&["afgezegd", "geannuleerd"])])
        );
        // Bounded repetitions and counts leave the fixed words, each one required.
        assert_eq!(
            lits(r"(?i)\b(\d+)\s+(?:[\p{L}-]+\s+){0,2}?opérations?\s+(?:ont été\s+)?annulées"),
            // ("ſ", the long s, is an "s" to a case-insensitive regex, and folds to "s".)
            Some(vec![set(&["opération", "opérations"]), set(&["annulées"])])
        );
        // A case class of an accented letter folds to one literal.
        assert_eq!(lits("(?i)ÉTÉ coupé"), Some(vec![set(&["été coupé"])]));
        // Nothing required: an optional word, a bare class, a short word.
        assert_eq!(lits(r"(?i)(?:servers?)?\d+"), None);
        assert_eq!(lits(r"\w+"), None);
        assert_eq!(lits(r"(?i)\bop\b"), None);
        // One branch without a literal: no requirement for the alternation.
        assert_eq!(lits(r"(?i)server|\d+"), None);
        // Nested groups are read on the visitor's stack, not by recursion.
        let deep = format!("{}x{}", "(?:ab".repeat(60), ")".repeat(60));
        assert!(lits(&deep).is_some());
    }

    /// A class whose characters fold to different images is kept as several literals
    /// ("ſ" folds to "s"; the Kelvin sign folds to "k"; "ς" and "σ" stay apart).
    #[test]
    fn case_classes_fold_exactly() {
        let scope = Scope::begin();
        let r = PrefilteredRegex::new("(?i)sound kit").expect("regex");
        let long_s = PrefilteredRegex::new("(?i)ſtop").expect("regex");
        let sigma = PrefilteredRegex::new("(?i)σοφ").expect("regex");
        scope.finish();
        assert!(r.literal_ids().is_some());
        let cases = [
            (&r, ["ſound kit", "SOUND \u{212A}IT", "a sound kit"]),
            (&long_s, ["STOP", "ſtop", "a stop"]),
            (&sigma, ["ΣΟΦ", "ςοφ", "σοφ"]),
        ];
        for (re, hs) in cases {
            assert!(re.literal_ids().is_some());
            for h in hs {
                for _ in 0..SCAN_AFTER + 1 {
                    assert!(re.is_match(h), "{h}");
                }
                assert!(re.audit(h).is_empty());
                let _pin = pin(h);
                assert!(re.is_match(h), "{h} pinned");
            }
        }
        assert!(!r.is_match("sand kit"));
    }

    /// A pinned text's slices are recognised by address; when the pin is lifted and the
    /// same memory holds another text (rewritten in place), the answers follow the new
    /// text — the remembered scans of the old one are gone.
    #[test]
    fn a_pinned_text_rewritten_in_place_is_scanned_again() {
        let scope = Scope::begin();
        let down = PrefilteredRegex::new(r"(?i)\bsystems? (?:were|was) down\b").expect("regex");
        let paper = PrefilteredRegex::new(r"(?i)\bon paper\b").expect("regex");
        scope.finish();
        let mut text = String::from("The systems were down. Staff worked  on paper.");
        let answers = |t: &str| -> Vec<(bool, bool)> {
            let _pin = pin(t);
            t.split(". ")
                .map(|s| {
                    let mut last = (false, false);
                    for _ in 0..SCAN_AFTER + 2 {
                        last = (down.is_match(s), paper.is_match(s));
                        assert_eq!(
                            last,
                            (down.exact.is_match(s), paper.exact.is_match(s)),
                            "{s:?}"
                        );
                    }
                    last
                })
                .collect()
        };
        assert_eq!(answers(&text), vec![(true, false), (false, true)]);
        let at = text.as_ptr();
        // Same length, same address, the other way round.
        text.replace_range(.., "Staff worked  on paper. The systems were down.");
        assert_eq!(text.as_ptr(), at);
        assert_eq!(answers(&text), vec![(false, true), (true, false)]);
    }

    /// The literals of a slice read off the pinned text's one scan are those a scan of
    /// the slice itself finds (the oracle), for every slice between character boundaries
    /// of a text whose lower-casing changes byte lengths ("İ" → "i̇", "ẞ" → "ß").
    #[test]
    fn a_pinned_slice_has_the_literals_of_its_own_scan() {
        let scope = Scope::begin();
        let pats = [
            r"(?i)\bété coupé\b",
            r"(?i)\bİstanbul\b",
            r"(?i)straẞe|strasse",
            r"(?i)\b(?:offline|hors ligne)\b",
            r"(?i)\bcoupé\b",
        ];
        let regexes: Vec<PrefilteredRegex> = pats
            .iter()
            .map(|p| PrefilteredRegex::new(p).expect("regex"))
            .collect();
        scope.finish();
        let group = regexes[0]
            .literals
            .as_ref()
            .and_then(|(g, _)| g.get())
            .expect("a literal group");
        let text =
            "Le réseau a ÉTÉ COUPÉ à İstanbul; die STRAẞE ist offline, hors ligne — été coupé.";
        let mut pinned = PinState::new(text);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut nonempty = 0;
        for (k, &a) in bounds.iter().enumerate() {
            for &b in &bounds[k..] {
                let want = group.scan(&text[a..b]);
                assert_eq!(pinned.present(group, a, b), want, "{:?}", &text[a..b]);
                nonempty += usize::from(want.iter().any(|w| *w != 0));
            }
        }
        assert!(nonempty > 1000, "{nonempty}");
        // And through the public path: every pattern's answer on every sentence-like
        // slice is the exact regex's.
        let _pin = pin(text);
        for piece in text.split([';', ',']) {
            for r in &regexes {
                assert_eq!(r.is_match(piece), r.exact.is_match(piece), "{piece:?}");
            }
        }
    }

    /// The pre-checks never change an answer: every embedded lexicon pattern of the
    /// response and impact families, on sentences with and without accents, asked about
    /// often enough to be scanned, finds exactly what the exact regex finds (the exact
    /// regex is the oracle); and no pattern of a lexicon is refused by a pre-check on
    /// these sentences while it matches (`audit`).
    #[test]
    fn prefilter_is_exact() {
        let haystacks = [
            "Het ziekenhuis heeft alle servers uitgeschakeld en 70 geplande operaties geannuleerd.",
            "Les serveurs ont été éteints et le réseau découpé ; 1 200 rendez-vous ont été reportés.",
            "Die Notaufnahme hat sich von der Notfallversorgung abgemeldet, 30 Server verschlüsselt.",
            "Staff are working on paper and ambulances were diverted; no ransom will be paid.",
            "découpé décrypté überlastung ÉTÉ été Été — “quoted” l’hôpital d'Armentières",
            "",
        ];
        let mut with_literals = 0;
        for l in crate::extract::lexicon::all() {
            with_literals += l.responses[0].0.lexicon_patterns_with_literals();
            for h in haystacks {
                assert_eq!(l.responses[0].0.audit(h), Vec::<String>::new(), "{h:?}");
            }
            let pats = l
                .responses
                .iter()
                .map(|(r, _)| r)
                .chain(l.impacts.iter().map(|(r, _)| r));
            for r in pats {
                for h in haystacks {
                    for _ in 0..SCAN_AFTER + 1 {
                        assert_eq!(
                            r.find(h).map(|m| m.range()),
                            r.exact.find(h).map(|m| m.range()),
                            "{} on {h:?}",
                            r.as_str()
                        );
                        assert_eq!(r.is_match(h), r.exact.is_match(h));
                    }
                }
            }
        }
        // The literal pre-check is in use (an analysis that finds nothing would pass the
        // equality above while doing nothing).
        assert!(with_literals > 400, "{with_literals}");
    }
}
