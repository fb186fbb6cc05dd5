//! Main-content extraction from HTML pages with `scraper`.
//!
//! The article is the `<article>` (or `<main>` / `[role=main]`, else `<body>`) with the
//! page furniture removed; on a live blog or a page of dated entries — three or more
//! sibling `<article>` elements with paragraphs of their own — it is their parent, so every
//! entry is read. Furniture is kept apart, by kind: navigation (`nav`, `header`,
//! `footer`, menus, breadcrumbs, share bars, "related" boxes), ads (`ad`, `advert`,
//! `sponsor`, `promo` classes), link lists (lists whose text is mostly links) and reader
//! comments (`comment` classes/ids). Paragraph-level blocks (`p`, `h2`–`h6`, `li`,
//! `blockquote`, `pre`) outside furniture make the article body. The content of
//! `script`, `style`, `template` and `noscript` is never text, wherever it sits (even
//! inside a paragraph).
//!
//! Cost is linear in the page: before parsing, [`limit_nesting`] caps element nesting at
//! [`MAX_DEPTH`] (html5ever's scope checks walk the open-element stack, so 40,000
//! unclosed `<div>`s would cost 40,000² steps), and every walk over the tree is one
//! iterative traversal (no recursion, no per-node ancestor walks).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use crate::document::{MAX_FOOTER_CHARS, MAX_FOOTERS, Noise};
use crate::text::squash;

/// What an HTML page yields.
#[derive(Debug, Clone, Default)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// The publishing site's name: `og:site_name`, else what the page's `<title>` adds to
    /// the headline chosen ("Datenvorfall: Fragen und Antworten | Hausarztpraxis an der
    /// Rezat, Ansbach" → "Hausarztpraxis an der Rezat, Ansbach"). See [`site_from_title`].
    pub site_name: Option<String>,
    /// The page's summary: `<meta name="description">`, else `og:description`, at most
    /// [`MAX_DESCRIPTION_CHARS`] characters (cut at a word).
    pub description: Option<String>,
    pub canonical_url: Option<String>,
    pub published: Option<String>,
    pub body: String,
    pub links: Vec<String>,
    pub noise: Noise,
    /// What was changed or left out while reading the page (nesting flattened past
    /// [`MAX_DEPTH`]), for the ingest report.
    pub notes: Vec<String>,
}

/// Longest page summary kept (characters): a description is a sentence or two.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// Deepest element nesting handed to the HTML parser. Start tags deeper than this are
/// dropped (their text is kept) and the page's ingest report says so. Real article pages
/// nest well under 100 levels.
pub const MAX_DEPTH: usize = 256;

/// The nesting cap in force: `CORDON_INTEL_MAX_HTML_DEPTH` when set to a number (at least
/// 16), else [`MAX_DEPTH`].
pub fn max_depth() -> usize {
    std::env::var("CORDON_INTEL_MAX_HTML_DEPTH")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map(|d| d.max(16))
        .unwrap_or(MAX_DEPTH)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoiseKind {
    Navigation,
    Ads,
    LinkList,
    Comments,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

fn tokens(el: &ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        if let Some(v) = el.value().attr(attr) {
            out.extend(
                v.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(str::to_ascii_lowercase),
            );
        }
    }
    out
}

/// Elements whose content is never article text.
fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript")
}

/// The text of an element without the content of `script`, `style`, `template` and
/// `noscript`, whitespace squashed. One iterative traversal.
/// The text of block-level elements is kept apart by a space (a `<br>`, a `<td>`, a `<p>`
/// left open inside an unclosed `<h1>`), so "ransomware.</p><p>De" never reads as one
/// word "ransomware.De".
fn element_text(el: &ElementRef) -> String {
    let mut s = String::new();
    let mut hidden = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) if is_hidden(e.name()) => hidden += 1,
                Node::Element(e) if separates(e.name()) => s.push(' '),
                Node::Text(t) if hidden == 0 => s.push_str(t),
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if is_hidden(e.name()) {
                        hidden -= 1;
                    } else if separates(e.name()) {
                        s.push(' ');
                    }
                }
            }
        }
    }
    squash(&s)
}

/// Elements whose start and end break the text flow (block-level elements, `<br>`,
/// table cells): their text is never glued to the neighbouring text.
fn separates(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "caption"
            | "br"
            | "hr"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "figure"
            | "figcaption"
            | "address"
            | "form"
            | "fieldset"
    )
}

/// The text of a heading up to the first block-level element inside it. A heading that
/// holds a block (`<h1>Title<p>Text…` — the `</h1>` forgotten) swallowed the page after
/// it; its own text is what precedes that block. `(text, true)` when it was cut.
fn heading_text(el: &ElementRef) -> (String, bool) {
    let mut s = String::new();
    let mut hidden = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) if is_hidden(e.name()) => hidden += 1,
                Node::Element(e)
                    if n.id() != el.id() && separates(e.name()) && e.name() != "br" =>
                {
                    return (squash(&s), true);
                }
                Node::Text(t) if hidden == 0 => s.push_str(t),
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value()
                    && is_hidden(e.name())
                {
                    hidden -= 1;
                }
            }
        }
    }
    (squash(&s), false)
}

/// Longest title kept as it is, in characters; a longer one, or one of several
/// sentences, is not a headline but page text (see [`bounded_title`]).
pub const MAX_TITLE_CHARS: usize = 200;

/// Whether `t` reads as a headline: at most [`MAX_TITLE_CHARS`] and one sentence (a
/// `.`/`!`/`?` followed by a space and a capital letter, after a word of more than three
/// letters so "St. Mary" or "Dr. Weber" stay one, ends a sentence).
fn is_headline(t: &str) -> bool {
    t.chars().count() <= MAX_TITLE_CHARS && first_sentence_end(t).is_none()
}

/// Byte offset just past the first sentence's terminator when more text follows it.
fn first_sentence_end(t: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_space = chars.get(k + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let then_cap = chars.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase());
        let word = t[..i]
            .rsplit(|ch: char| ch.is_whitespace())
            .next()
            .unwrap_or("");
        if next_space && then_cap && word.chars().count() > 3 {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// The first candidate title that reads as a headline ([`is_headline`]); when none
/// does, the first sentence of the first candidate, cut at a word boundary to
/// [`MAX_TITLE_CHARS`].
fn bounded_title(candidates: &[Option<String>]) -> Option<String> {
    let present: Vec<&String> = candidates
        .iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(t) = present.iter().find(|t| is_headline(t)) {
        return Some((*t).clone());
    }
    let first = present.first()?;
    let sentence = match first_sentence_end(first) {
        Some(end) => &first[..end],
        None => first.as_str(),
    };
    if sentence.chars().count() <= MAX_TITLE_CHARS {
        return Some(sentence.to_string());
    }
    let mut cut = String::new();
    for w in sentence.split_whitespace() {
        if cut.chars().count() + w.chars().count() + 1 > MAX_TITLE_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    Some(format!("{cut}…"))
}

/// Elements that never have an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// Start tags that close an open `<p>` (HTML's "close a p element" rule).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
    )
}

/// HTML's "special" elements: an end tag of an ordinary element (`</span>`) is ignored
/// when one of these is open above it.
fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

/// Elements that bound the "in scope" search of an end tag.
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Formatting elements: html5ever re-opens them after an implicit close.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// The scanner's model of the parser's open elements. It may over-count the parser's
/// depth, never under-count it by more than a constant: end tags follow HTML's rules
/// (an ordinary end tag stops at a special element, a special or formatting one at a
/// scope boundary), and formatting elements closed only implicitly keep counting, since
/// the parser re-opens them.
#[derive(Default)]
struct OpenStack {
    names: Vec<String>,
    fmt_open: HashMap<String, usize>,
    fmt_total: usize,
    fmt_in_stack: usize,
}

impl OpenStack {
    fn depth(&self) -> usize {
        self.names.len() + self.fmt_total.saturating_sub(self.fmt_in_stack)
    }
    fn top(&self) -> Option<&str> {
        self.names.last().map(String::as_str)
    }
    fn push(&mut self, name: String) {
        if is_formatting(&name) {
            *self.fmt_open.entry(name.clone()).or_default() += 1;
            self.fmt_total += 1;
            self.fmt_in_stack += 1;
        }
        self.names.push(name);
    }
    fn truncate(&mut self, pos: usize) {
        let removed = self.names[pos..]
            .iter()
            .filter(|t| is_formatting(t))
            .count();
        self.fmt_in_stack -= removed;
        self.names.truncate(pos);
    }
    fn pop(&mut self) {
        if !self.names.is_empty() {
            self.truncate(self.names.len() - 1);
        }
    }
    fn end_tag(&mut self, name: &str) {
        if is_formatting(name)
            && let Some(c) = self.fmt_open.get_mut(name)
            && *c > 0
        {
            *c -= 1;
            self.fmt_total -= 1;
        }
        let strict = is_special(name) || is_formatting(name);
        for idx in (0..self.names.len()).rev() {
            let t = self.names[idx].as_str();
            if t == name {
                self.truncate(idx);
                return;
            }
            if (strict && is_scope_boundary(t)) || (!strict && is_special(t)) {
                return;
            }
        }
    }
}

/// The byte index just past the end tag that closes the element `name` whose start tag
/// ends at `from` (raw-text elements: the first `</name`; others: nesting of the same
/// name counted), or the end of the input. Linear in what it skips.
fn element_end(b: &[u8], from: usize, name: &str) -> usize {
    let n = b.len();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let at = |i: usize, pat: &str| {
        b.len() >= i + pat.len()
            && b[i..i + pat.len()].eq_ignore_ascii_case(pat.as_bytes())
            && b.get(i + pat.len())
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
    };
    let raw = is_raw_text(name);
    let mut depth = 1usize;
    let mut i = from;
    while i < n {
        let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
            return n;
        };
        i += off;
        if at(i, &close) {
            depth -= 1;
            if raw || depth == 0 {
                return b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map(|p| i + p + 1)
                    .unwrap_or(n);
            }
        } else if !raw && at(i, &open) {
            depth += 1;
        }
        i += 1;
    }
    n
}

/// Caps element nesting at `max_depth` before the page reaches the parser: one pass over
/// the tags with a model of the parser's open elements (void elements, raw-text elements,
/// comments, the common implied end tags of `p`, `li`, `dt`/`dd`, `td`/`th`, `tr`,
/// `option`, which end tags are ignored, and re-opened formatting elements understood;
/// see `OpenStack`). A start tag that would open an element deeper than `max_depth`
/// (`max_depth` + 16 for paragraph-level elements) is dropped together with its matching
/// end tag; text is kept. A `script`, `style`, `template`, `noscript` or other raw-text
/// element that deep is dropped whole (its content is never text). Returns the page
/// unchanged (borrowed) when nothing was dropped, else the flattened page and how many
/// tags were dropped. Hand-written because html5ever's tokenizer would have to re-serialise
/// every token; this only copies byte ranges. Cost O(n · max_depth) at worst.
pub fn limit_nesting(src: &str, max_depth: usize) -> (Cow<'_, str>, usize) {
    let b = src.as_bytes();
    let n = b.len();
    let mut stack = OpenStack::default();
    let mut overflow: HashMap<String, usize> = HashMap::new();
    let mut dropped = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize; // src[..copied] is in `out` (when out is Some)
    let mut i = 0usize;
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b[from.min(n)..]
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|p| from + p)
    };
    while i < n {
        let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
            break;
        };
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(lt + 4, b"-->").map(|p| p + 3).unwrap_or(n);
            continue;
        }
        if rest.first().is_some_and(|c| *c == b'!' || *c == b'?') {
            i = b[lt..]
                .iter()
                .position(|&c| c == b'>')
                .map(|p| lt + p + 1)
                .unwrap_or(n);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        let name_len = b[name_start.min(n)..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = src[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag, skipping quoted attribute values.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        while j < n {
            let c = b[j];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            j += 1;
        }
        let tag_end = (j + 1).min(n);
        let self_closing = j > 0 && j <= n && b[j - 1] == b'/';
        let mut drop_tag = false;
        if end_tag {
            // A dropped start tag is the innermost of its name: its end tag goes first.
            if let Some(c) = overflow.get_mut(&name)
                && *c > 0
            {
                *c -= 1;
                drop_tag = true;
            } else {
                stack.end_tag(&name);
            }
        } else if !is_void(&name) && !self_closing {
            let top = stack.top();
            let implied = (closes_p(&name) && top == Some("p"))
                || (name == "li" && top == Some("li"))
                || (matches!(name.as_str(), "dt" | "dd") && matches!(top, Some("dt" | "dd")))
                || (matches!(name.as_str(), "td" | "th" | "tr")
                    && matches!(top, Some("td" | "th")))
                || (name == "tr" && top == Some("tr"))
                || (name == "option" && top == Some("option"));
            if implied {
                stack.pop();
            }
            // Paragraph-level elements get some room past the limit, so that the
            // paragraph at the bottom of a deep page stays a paragraph.
            let cap = if is_block(&name) {
                max_depth + 16
            } else {
                max_depth
            };
            if stack.depth() >= cap && (is_raw_text(&name) || is_hidden(&name)) {
                // Dropping only the tag would turn code or hidden content into text:
                // drop the whole element (its content is never article text anyway).
                let end = element_end(b, tag_end, &name);
                dropped += 1;
                let o = out.get_or_insert_with(|| String::with_capacity(n));
                o.push_str(&src[copied..lt]);
                copied = end;
                i = end;
                continue;
            } else if stack.depth() >= cap {
                *overflow.entry(name.clone()).or_default() += 1;
                drop_tag = true;
            } else {
                stack.push(name.clone());
            }
        }
        if drop_tag {
            dropped += 1;
            let o = out.get_or_insert_with(|| String::with_capacity(n));
            o.push_str(&src[copied..lt]);
            copied = tag_end;
        }
        i = tag_end;
        if !end_tag && !drop_tag && is_raw_text(&name) {
            // Skip the raw text up to the end tag, which is then read normally.
            let mut close = String::from("</");
            close.push_str(&name);
            i = find(tag_end, close.as_bytes()).unwrap_or(n);
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&src[copied..]);
            (Cow::Owned(o), dropped)
        }
        None => (Cow::Borrowed(src), 0),
    }
}

fn link_density(el: &ElementRef) -> (f64, usize) {
    let total = element_text(el).chars().count().max(1);
    let a = sel("a");
    let mut linked = 0usize;
    let mut n = 0usize;
    for l in el.select(&a) {
        linked += element_text(&l).chars().count();
        n += 1;
    }
    (linked as f64 / total as f64, n)
}

/// A page footer: `<footer>`, `role="contentinfo"` or a `footer` class or id ("footer",
/// "footer-…", "…-footer"), where an organisation's page gives its name and address.
fn is_footer(el: &ElementRef) -> bool {
    let v = el.value();
    v.name() == "footer"
        || v.attr("role") == Some("contentinfo")
        || v.classes().chain(v.id()).any(|c| {
            let c = c.to_ascii_lowercase();
            c == "footer" || c.starts_with("footer-") || c.ends_with("-footer")
        })
}

fn noise_kind(el: &ElementRef) -> Option<NoiseKind> {
    let name = el.value().name();
    let toks = tokens(el);
    let has = |list: &[&str]| toks.iter().any(|t| list.contains(&t.as_str()));
    if has(&[
        "comment",
        "comments",
        "disqus",
        "responses",
        "reactions",
        "replies",
    ]) {
        return Some(NoiseKind::Comments);
    }
    if has(&[
        "ad",
        "ads",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "sponsor",
        "sponsored",
        "promo",
        "promoted",
        "banner",
        "outbrain",
        "taboola",
        "dfp",
    ]) {
        return Some(NoiseKind::Ads);
    }
    if matches!(name, "nav" | "header" | "footer") {
        return Some(NoiseKind::Navigation);
    }
    if let Some(role) = el.value().attr("role")
        && matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary"
        )
    {
        return Some(NoiseKind::Navigation);
    }
    if has(&[
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "sidebar",
        "share",
        "sharing",
        "social",
        "newsletter",
        "cookie",
        "cookies",
        "subscribe",
        "masthead",
        "toolbar",
        "related",
        "trending",
        "popular",
        "tags",
        "byline",
    ]) {
        return Some(if has(&["related", "trending", "popular"]) {
            NoiseKind::LinkList
        } else {
            NoiseKind::Navigation
        });
    }
    if name == "aside" {
        return Some(NoiseKind::LinkList);
    }
    if matches!(name, "ul" | "ol") {
        let (d, n) = link_density(el);
        if d > 0.6 && n >= 3 {
            return Some(NoiseKind::LinkList);
        }
    }
    if matches!(
        name,
        "script" | "style" | "noscript" | "template" | "form" | "iframe"
    ) {
        return Some(NoiseKind::Navigation);
    }
    None
}

/// Longest teaser, in non-space characters: a related headline with its summary, date and
/// byline. A block holding more text is article text, whatever its links.
const TEASER_MAX_CHARS: usize = 400;

/// Longest unlinked label a teaser list may carry ("Lees ook", "Related Articles:",
/// "Mehr zum Thema"), in non-space characters.
const LABEL_MAX_CHARS: usize = 60;

/// What the structural furniture test knows of one element, gathered bottom-up in one
/// traversal ([`teaser_blocks`]).
#[derive(Default, Clone, Copy)]
struct Shape {
    /// Non-space characters of text (`script`/`style`/… left out).
    chars: usize,
    /// Of which inside an `a[href]`.
    linked: usize,
    /// Non-space characters of the element's own text nodes (not its children's).
    direct: usize,
    /// Linked headings (`h2`–`h6` whose text is mostly a link) at or below it.
    linked_headings: usize,
    /// `a[href]` at or below it.
    anchors: usize,
    teaser: bool,
    teaser_list: bool,
}

/// Related-headline blocks recognised by their structure, not by class names: a linked
/// heading (`h2`–`h6` whose text is at least 80 % link: a teaser's headline, never a
/// section heading of the article), and a teaser list — a `ul`/`ol`/`div`/`section` of at
/// least two teasers (items of at most [`TEASER_MAX_CHARS`] that hold one linked heading
/// or are mostly link text) with nothing else beside them but short unlinked labels and
/// empty elements (images). Their headlines, amounts and dates are another story's.
/// One iterative traversal; returns the outermost such blocks.
fn teaser_blocks(doc: &Html) -> Vec<NodeId> {
    let mut shapes: HashMap<NodeId, Shape> = HashMap::new();
    // Per open element: its shape so far, and the kinds of its element children
    // (teasers, teaser lists, labels, others).
    let mut stack: Vec<(Shape, [usize; 4])> = Vec::new();
    let (mut hidden, mut in_link) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if is_hidden(e.name()) {
                        hidden += 1;
                    }
                    if e.name() == "a" && e.attr("href").is_some() {
                        in_link += 1;
                    }
                    stack.push((Shape::default(), [0; 4]));
                }
                Node::Text(t) if hidden == 0 => {
                    let c = t.chars().filter(|c| !c.is_whitespace()).count();
                    if let Some((top, _)) = stack.last_mut() {
                        top.chars += c;
                        top.direct += c;
                        if in_link > 0 {
                            top.linked += c;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let name = e.name();
                let Some((mut sh, kids)) = stack.pop() else {
                    continue;
                };
                let is_link = name == "a" && e.attr("href").is_some();
                if is_link {
                    in_link -= 1;
                    sh.anchors += 1;
                }
                if is_hidden(name) {
                    hidden -= 1;
                }
                if matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
                    && sh.chars > 0
                    && sh.linked * 5 >= sh.chars * 4
                {
                    sh.linked_headings += 1;
                }
                sh.teaser = sh.chars > 0
                    && sh.chars <= TEASER_MAX_CHARS
                    && (sh.linked_headings == 1
                        || (sh.anchors >= 1 && sh.linked * 10 >= sh.chars * 6));
                let [teasers, lists, _labels, others] = kids;
                sh.teaser_list = matches!(name, "ul" | "ol" | "div" | "section")
                    && sh.direct <= 20
                    && others == 0
                    && (teasers >= 2 || lists >= 1);
                let label = sh.linked == 0 && sh.chars <= LABEL_MAX_CHARS;
                shapes.insert(n.id(), sh);
                if let Some((parent, pk)) = stack.last_mut() {
                    parent.chars += sh.chars;
                    parent.linked += sh.linked;
                    parent.linked_headings += sh.linked_headings;
                    parent.anchors += sh.anchors;
                    let k = if sh.teaser_list {
                        1
                    } else if sh.teaser {
                        0
                    } else if label {
                        2
                    } else {
                        3
                    };
                    pk[k] += 1;
                }
            }
        }
    }
    // Outermost blocks: a teaser list, or a linked heading outside one.
    let mut out = Vec::new();
    let mut inside: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                if inside.is_some() {
                    continue;
                }
                let Some(sh) = shapes.get(&n.id()) else {
                    continue;
                };
                let heading = n
                    .value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "h2" | "h3" | "h4" | "h5" | "h6"))
                    && sh.linked_headings == 1;
                if sh.teaser_list || heading {
                    inside = Some(n.id());
                    out.push(n.id());
                }
            }
            Edge::Close(n) => {
                if inside == Some(n.id()) {
                    inside = None;
                }
            }
        }
    }
    out
}

/// Converts an HTML fragment (a feed item's content) to paragraphs.
pub fn fragment_to_text(html: &str) -> String {
    let (src, _) = limit_nesting(html, max_depth());
    let frag = Html::parse_fragment(&src);
    let root = frag.root_element();
    let mut paras: Vec<String> = Vec::new();
    for el in leaf_blocks(root, &HashSet::new(), false, &mut Vec::new()) {
        let t = element_text(&el);
        if !t.is_empty() {
            paras.push(t);
        }
    }
    if paras.is_empty() {
        return element_text(&root);
    }
    paras.join("\n\n")
}

/// Elements that make a paragraph of the body.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre"
    )
}

/// Paragraph-level blocks under `root` that contain no other block (nor list), in
/// document order, leaving out those inside `noise` containers (`in_noise`: `root`
/// itself is inside one); `a[href]` targets outside noise go to `links`. One iterative
/// traversal: a block's "has a block below" flag is known when it closes, and leaf
/// blocks close in document order.
fn leaf_blocks<'a>(
    root: ElementRef<'a>,
    noise: &HashSet<NodeId>,
    in_noise: bool,
    links: &mut Vec<String>,
) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut below: Vec<bool> = Vec::new();
    let mut noise_level = usize::from(in_noise);
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                below.push(false);
                if noise.contains(&n.id()) {
                    noise_level += 1;
                }
                if noise_level == 0
                    && e.name() == "a"
                    && let Some(h) = e.attr("href")
                {
                    let h = h.trim();
                    if !h.is_empty() && !h.starts_with('#') && !links.iter().any(|x| x == h) {
                        links.push(h.to_string());
                    }
                }
            }
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let had = below.pop().unwrap_or(false);
                let name = e.name();
                if is_block(name)
                    && !had
                    && noise_level == 0
                    && let Some(el) = ElementRef::wrap(n)
                {
                    out.push(el);
                }
                if (is_block(name) || had || matches!(name, "ul" | "ol"))
                    && let Some(top) = below.last_mut()
                {
                    *top = true;
                }
                if noise.contains(&n.id()) {
                    noise_level -= 1;
                }
            }
        }
    }
    out
}

/// What a page's `<title>` element adds to its headline, before or after a separator
/// (" | ", " – ", " — ", " - ", " · ", " :: "): "HEADLINE | SITE" or "SITE | HEADLINE" →
/// "SITE". `None` when the element is the headline itself or does not contain it.
pub fn site_from_title(title_el: &str, headline: &str) -> Option<String> {
    const SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " · ", " :: "];
    let el = squash(title_el);
    let h = squash(headline);
    let rest = if let Some(r) = el.strip_prefix(h.as_str()) {
        SEPARATORS.iter().find_map(|s| r.strip_prefix(s))
    } else if let Some(r) = el.strip_suffix(h.as_str()) {
        SEPARATORS.iter().find_map(|s| r.strip_suffix(s))
    } else {
        None
    }?;
    let rest = rest.trim();
    (!rest.is_empty() && rest.chars().count() <= 120).then(|| rest.to_string())
}

fn meta(doc: &Html, selectors: &[&str]) -> Option<String> {
    for s in selectors {
        if let Some(el) = doc.select(&sel(s)).next() {
            let v = el
                .value()
                .attr("content")
                .or_else(|| el.value().attr("href"))
                .or_else(|| el.value().attr("datetime"))
                .map(str::trim)
                .filter(|v| !v.is_empty());
            if let Some(v) = v {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// Extracts the article and its furniture from an HTML page.
pub fn extract_article(src: &str) -> HtmlArticle {
    let depth = max_depth();
    let (src, dropped) = limit_nesting(src, depth);
    let doc = Html::parse_document(&src);
    let mut out = HtmlArticle {
        canonical_url: meta(&doc, &["link[rel=canonical]", "meta[property=\"og:url\"]"]),
        published: meta(
            &doc,
            &[
                "meta[property=\"article:published_time\"]",
                // Many CMSs write the Open Graph property as a `name`.
                "meta[name=\"article:published_time\"]",
                "meta[name=\"date\"]",
                "meta[name=\"pubdate\"]",
                "meta[name=\"publish-date\"]",
                "meta[name=\"dc.date\"]",
                "meta[name=\"DC.date.issued\"]",
            ],
        ),
        ..Default::default()
    };
    if dropped > 0 {
        out.notes.push(format!(
            "HTML nesting deeper than {depth} elements: {dropped} tags below that depth were ignored (their text is kept); CORDON_INTEL_MAX_HTML_DEPTH raises the limit (docs/limits.md)"
        ));
    }

    // The root of the article.
    let root = {
        // The paragraph text an `<article>` holds, in bytes.
        let text_of = |a: &ElementRef| {
            a.select(&sel("p"))
                .map(|p| element_text(&p).len())
                .sum::<usize>()
        };
        let articles: Vec<ElementRef> = doc.select(&sel("article")).collect();
        let best_article = articles
            .into_iter()
            .filter(|a| noise_kind(a).is_none())
            .max_by_key(text_of);
        // A live blog or a page of dated entries: the chosen `<article>` is one of several
        // sibling entries with paragraphs of their own; the article is their parent (all
        // entries), not the longest entry.
        let entries_parent = best_article.and_then(|best| {
            let parent = best.parent().and_then(ElementRef::wrap)?;
            let entries = parent
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| c.value().name() == "article" && noise_kind(c).is_none())
                .filter(|c| text_of(c) >= 80)
                .count();
            (entries >= 3 && noise_kind(&parent).is_none()).then_some(parent)
        });
        entries_parent
            .or(best_article)
            .or_else(|| doc.select(&sel("main, [role=main]")).next())
            .or_else(|| doc.select(&sel("body")).next())
            .unwrap_or_else(|| doc.root_element())
    };

    let h1_el = root
        .select(&sel("h1"))
        .next()
        .or_else(|| doc.select(&sel("h1")).next());
    let h1 = h1_el.map(|h| {
        let (t, cut) = heading_text(&h);
        if cut {
            out.notes.push(
                "the <h1> is not closed (it holds the paragraphs after it): its text up to the first block is the heading".to_string(),
            );
        }
        t
    });
    let h1 = h1.filter(|t| !t.is_empty());
    let title_el = doc
        .select(&sel("title"))
        .next()
        .map(|t| element_text(&t))
        .filter(|t| !t.is_empty());
    let og = meta(&doc, &["meta[property=\"og:title\"]"]);
    out.title = bounded_title(&[og, h1.clone(), title_el.clone()]);
    out.site_name = meta(&doc, &["meta[property=\"og:site_name\"]"]).or_else(|| {
        title_el
            .as_deref()
            .zip(out.title.as_deref())
            .and_then(|(el, t)| site_from_title(el, t))
    });
    out.description = meta(
        &doc,
        &[
            "meta[name=\"description\"]",
            "meta[property=\"og:description\"]",
        ],
    )
    .map(|d| {
        if d.chars().count() <= MAX_DESCRIPTION_CHARS {
            return d;
        }
        let cut: String = d.chars().take(MAX_DESCRIPTION_CHARS).collect();
        match cut.rfind(' ') {
            Some(i) => cut[..i].to_string(),
            None => cut,
        }
    });
    if let Some(t) = &out.title
        && t.ends_with('…')
    {
        out.notes.push(format!(
            "no headline of at most {MAX_TITLE_CHARS} characters found (og:title, <h1>, <title>): the title is cut"
        ));
    }

    // Outermost furniture containers, anywhere in the page (one traversal; inside a
    // container nothing more is examined).
    let mut noise_nodes: HashSet<NodeId> = HashSet::new();
    let mut containers: Vec<(ElementRef, NoiseKind)> = Vec::new();
    let mut inside: Option<NodeId> = None;
    // A block holding the article is never furniture of it.
    let around_root: HashSet<NodeId> = root.ancestors().map(|a| a.id()).collect();
    let teasers: HashSet<NodeId> = teaser_blocks(&doc)
        .into_iter()
        .filter(|id| !around_root.contains(id))
        .collect();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                if inside.is_some() || n.id() == root.id() {
                    continue;
                }
                let Some(el) = ElementRef::wrap(n) else {
                    continue;
                };
                let kind = noise_kind(&el)
                    .or_else(|| teasers.contains(&n.id()).then_some(NoiseKind::LinkList));
                if let Some(kind) = kind {
                    inside = Some(n.id());
                    noise_nodes.insert(n.id());
                    containers.push((el, kind));
                }
            }
            Edge::Close(n) => {
                if inside == Some(n.id()) {
                    inside = None;
                }
            }
        }
    }
    for (el, kind) in containers {
        if matches!(
            el.value().name(),
            "script" | "style" | "noscript" | "template"
        ) {
            continue;
        }
        match kind {
            NoiseKind::Comments => {
                let ps: Vec<String> = el
                    .select(&sel("p"))
                    .map(|p| element_text(&p))
                    .filter(|t| !t.is_empty())
                    .collect();
                if ps.is_empty() {
                    let t = element_text(&el);
                    if !t.is_empty() {
                        out.noise.comments.push(t);
                    }
                } else {
                    out.noise.comments.extend(ps);
                }
            }
            NoiseKind::Ads => {
                let t = element_text(&el);
                if !t.is_empty() {
                    out.noise.ads.push(t);
                }
            }
            NoiseKind::Navigation | NoiseKind::LinkList => {
                if kind == NoiseKind::Navigation
                    && out.noise.footer.len() < MAX_FOOTERS
                    && is_footer(&el)
                {
                    let t = element_text(&el);
                    if !t.is_empty() {
                        let t: String = t.chars().take(MAX_FOOTER_CHARS).collect();
                        out.noise.footer.push(t);
                    }
                }
                let links: Vec<String> = el
                    .select(&sel("a"))
                    .map(|a| element_text(&a))
                    .filter(|t| !t.is_empty())
                    .collect();
                let t = if links.is_empty() {
                    element_text(&el)
                } else {
                    links.join(" | ")
                };
                if t.is_empty() {
                    continue;
                }
                if kind == NoiseKind::Navigation {
                    out.noise.navigation.push(t);
                } else {
                    out.noise.link_lists.push(t);
                }
            }
        }
    }

    let root_in_noise = root.ancestors().any(|a| noise_nodes.contains(&a.id()));
    // No date in the page's metadata: the first `<time datetime>` (the article's own
    // before any other) that is not in furniture (a teaser's date is another story's).
    if out.published.is_none() {
        out.published = ["article time[datetime]", "time[datetime]"]
            .iter()
            .flat_map(|s| doc.select(&sel(s)).collect::<Vec<_>>())
            .filter(|t| !t.ancestors().any(|a| noise_nodes.contains(&a.id())))
            .filter_map(|t| t.value().attr("datetime").map(str::trim))
            .find(|v| !v.is_empty())
            .map(String::from);
    }
    let mut links = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    for el in leaf_blocks(root, &noise_nodes, root_in_noise, &mut links) {
        let t = element_text(&el);
        if t.is_empty() {
            continue;
        }
        if el.value().name() == "h1" && (Some(&t) == out.title.as_ref() || Some(&t) == h1.as_ref())
        {
            continue;
        }
        paras.push(t);
    }
    out.body = paras.join("\n\n");
    out.links = links;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_noise() {
        let page = r#"<html><head><title>T</title></head><body>
        <nav><a href="/">Home</a><a href="/news">News</a></nav>
        <div class="ad-slot"><a href="http://ads.example">Buy now</a></div>
        <article><h1>Hospital hit</h1><p>The hospital was attacked on Monday.</p>
        <ul class="related"><li><a href="/a">Other story one</a></li><li><a href="/b">Two</a></li><li><a href="/c">Three</a></li></ul>
        <p>Surgeries were cancelled.</p></article>
        <section id="comments"><div class="comment"><p>First!</p></div></section>
        </body></html>"#;
        let a = extract_article(page);
        assert_eq!(a.title.as_deref(), Some("Hospital hit"));
        assert_eq!(
            a.body,
            "The hospital was attacked on Monday.\n\nSurgeries were cancelled."
        );
        assert_eq!(a.noise.comments, vec!["First!"]);
        assert_eq!(a.noise.ads, vec!["Buy now"]);
        assert_eq!(a.noise.navigation, vec!["Home | News"]);
        assert_eq!(a.noise.link_lists.len(), 1);
    }
}

#[cfg(test)]
mod site_name_tests {
    use super::site_from_title;

    #[test]
    fn site_is_what_the_title_adds_to_the_headline() {
        assert_eq!(
            site_from_title(
                "Datenvorfall | Praxis am Hofgarten, Ansbach",
                "Datenvorfall"
            )
            .as_deref(),
            Some("Praxis am Hofgarten, Ansbach")
        );
        assert_eq!(
            site_from_title("Kliniek Zuid – Cyberaanval", "Cyberaanval").as_deref(),
            Some("Kliniek Zuid")
        );
        assert_eq!(site_from_title("Cyberaanval", "Cyberaanval"), None);
        assert_eq!(site_from_title("Iets anders | Site", "Cyberaanval"), None);
    }
}
