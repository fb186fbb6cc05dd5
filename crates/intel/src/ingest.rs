//! Reading inputs: plain text, HTML pages, RSS/Atom feeds (each item a document), standard
//! input, and directories of these (recursive, symbolic-link loops detected).
//!
//! Text is decoded from UTF-8, from UTF-16 with a byte-order mark, or from the encoding the
//! page declares (`<meta charset>`, the XML declaration, or the HTTP `Content-Type`
//! charset) with `encoding_rs`. Every input or feed item that is not used is reported in
//! [`Parsed::skipped`], never dropped silently. Long work takes a [`Cancel`] so that a
//! request that timed out stops before it writes anything.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::document::{Document, Format};
use crate::error::{IntelError, Result};
use crate::html;
use crate::text::squash;

/// One input to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Cooperative cancellation for ingest work: a flag another thread (the server, when a
/// request times out or its client goes away) sets, and/or a deadline. The ingest
/// functions check it between steps and right before each document's transaction
/// commits, so cancelled work never writes. `Cancel::default()` never cancels.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    flag: Option<Arc<AtomicBool>>,
    deadline: Option<Instant>,
}

impl Cancel {
    /// A token that is cancelled by [`Cancel::cancel`] (on any clone).
    pub fn new() -> Cancel {
        Cancel {
            flag: Some(Arc::new(AtomicBool::new(false))),
            deadline: None,
        }
    }

    /// The same token, also cancelled once `deadline` has passed.
    pub fn with_deadline(mut self, deadline: Instant) -> Cancel {
        self.deadline = Some(deadline);
        self
    }

    /// Cancels this token and all its clones.
    pub fn cancel(&self) {
        if let Some(f) = &self.flag {
            f.store(true, Ordering::SeqCst);
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.as_ref().is_some_and(|f| f.load(Ordering::SeqCst))
            || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// `Err(IntelError::Cancelled)` once cancelled.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            let why = if self.flag.as_ref().is_some_and(|f| f.load(Ordering::SeqCst)) {
                "the caller cancelled the request"
            } else {
                "the deadline passed"
            };
            return Err(IntelError::Cancelled(why.into()));
        }
        Ok(())
    }
}

/// An input or feed item that was read but not used, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// File path, `PATH#GUID` for a feed item, or a URL.
    pub source: String,
    pub reason: String,
}

/// File extensions picked up when walking a directory.
pub const DIR_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xml", "rss", "atom"];

/// Expands the command-line paths: `-` is standard input, a directory is walked
/// recursively (sorted; hidden entries and `*.expected.json` skipped; only
/// [`DIR_EXTENSIONS`]), a file is taken whatever its extension. Symbolic links are
/// followed, but a link back to a directory being walked (a loop) is not; see
/// [`expand_inputs_noted`] for the list of what was left out.
pub fn expand_inputs<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Input>> {
    Ok(expand_inputs_noted(paths)?.0)
}

/// [`expand_inputs`], also returning the entries left out (symbolic-link loops,
/// unreadable subdirectories) with the reason.
pub fn expand_inputs_noted<P: AsRef<Path>>(paths: &[P]) -> Result<(Vec<Input>, Vec<Skipped>)> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => IntelError::Missing {
                path: p.to_path_buf(),
            },
            _ => IntelError::Read {
                path: p.to_path_buf(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            walk(p, &mut out, &mut skipped)?;
        } else {
            out.push(Input::File(p.to_path_buf()));
        }
    }
    Ok((out, skipped))
}

/// Walks with `walkdir`, which follows links and detects loops (a link to one of the
/// directories being walked is reported as an error we turn into a skip note).
fn walk(dir: &Path, out: &mut Vec<Input>, skipped: &mut Vec<Skipped>) -> Result<()> {
    let it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        });
    for entry in it {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let at = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| dir.display().to_string());
                let reason = match err.loop_ancestor() {
                    Some(anc) => format!(
                        "symbolic link loop (points back to {}), not followed",
                        anc.display()
                    ),
                    None if err.depth() == 0 => {
                        return Err(IntelError::Read {
                            path: dir.to_path_buf(),
                            source: err
                                .into_io_error()
                                .unwrap_or_else(|| std::io::Error::other("walk failed")),
                        });
                    }
                    None => format!("cannot read: {err}"),
                };
                skipped.push(Skipped { source: at, reason });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let p = entry.path();
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if DIR_EXTENSIONS.contains(&ext.as_str()) {
            out.push(Input::File(p.to_path_buf()));
        }
    }
    Ok(())
}

/// Reads an input's bytes.
pub fn read_input(input: &Input) -> Result<(String, Vec<u8>)> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| IntelError::Read {
                    path: "-".into(),
                    source: e,
                })?;
            Ok(("-".into(), buf))
        }
        Input::File(p) => {
            let bytes = std::fs::read(p).map_err(|e| IntelError::Read {
                path: p.clone(),
                source: e,
            })?;
            Ok((p.display().to_string(), bytes))
        }
    }
}

/// Decodes bytes as text: a byte-order mark (UTF-8, UTF-16) decides; else valid UTF-8 is
/// UTF-8 (pages often declare Latin-1 while serving UTF-8); else the encoding the content
/// declares (`<meta charset=…>`, `<meta http-equiv=Content-Type content="…charset=…">`,
/// `<?xml … encoding="…"?>`) is used, e.g. ISO-8859-1 or Shift_JIS; else, for text that
/// declares nothing and is not binary (no NUL, few control bytes), the legacy encoding
/// `chardetng` guesses (windows-1252 for Latin-1 text). Binary bytes give a located
/// [`IntelError::NotText`].
pub fn decode(path: &str, bytes: &[u8]) -> Result<String> {
    decode_with(path, bytes, None)
}

/// [`decode`] with the charset of an HTTP `Content-Type` header, which wins over a
/// declaration in the content (as in browsers) when the bytes are not UTF-8.
pub fn decode_with(path: &str, bytes: &[u8], http_charset: Option<&str>) -> Result<String> {
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(not_text_in(path, enc.name(), &bytes[bom..], enc));
        }
        t.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let label = http_charset
                    .map(str::to_string)
                    .or_else(|| declared_charset(bytes));
                let enc = label
                    .as_deref()
                    .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
                match enc {
                    Some(enc) if enc != encoding_rs::UTF_8 => {
                        match enc.decode_without_bom_handling_and_without_replacement(bytes) {
                            Some(t) => t.into_owned(),
                            None => return Err(not_text_in(path, enc.name(), bytes, enc)),
                        }
                    }
                    _ if label.is_none() && !looks_binary(bytes) => guess_legacy(bytes),
                    _ => {
                        let ok = &bytes[..e.valid_up_to()];
                        let (line, column) = line_col(&String::from_utf8_lossy(ok));
                        return Err(IntelError::NotText {
                            path: path.into(),
                            line,
                            column,
                        });
                    }
                }
            }
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = line_col(&text[..at]);
        return Err(IntelError::NotText {
            path: path.into(),
            line,
            column,
        });
    }
    Ok(text)
}

/// Whether bytes that are not UTF-8 are binary rather than text in a legacy encoding: a
/// NUL byte, or more than 1 in 100 C0 control bytes other than tab, line feed, carriage
/// return and form feed (text in ISO-8859-1, windows-1252 or another legacy encoding has
/// none).
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    bytes.contains(&0) || controls * 100 > bytes.len()
}

/// Text that is not UTF-8 and declares no charset (an old intranet export, a text file
/// saved in ISO-8859-1): decoded in the legacy encoding `chardetng` (Firefox's detector,
/// trained on the web's legacy content) guesses, windows-1252 for Latin-1 text in Dutch,
/// French or German. Hand-written guessing would be worse: the detector weighs byte
/// pairs per language and script.
fn guess_legacy(bytes: &[u8]) -> String {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// The error for bytes that are not valid in the encoding they declare, at the first bad
/// byte.
fn not_text_in(
    path: &str,
    name: &str,
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
) -> IntelError {
    // Find the first malformed sequence by decoding with a decoder that stops on errors.
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (_, read) = dec.decode_to_string_without_replacement(bytes, &mut out, true);
    let (line, column) = line_col(&out);
    let _ = read;
    IntelError::BadInput {
        path: path.into(),
        what: format!(
            "not valid {name} text (the encoding it declares) at line {line}, column {column}; fix the declaration (<meta charset>) or convert the file to UTF-8"
        ),
    }
}

/// The charset an HTML or XML document declares in its first 2 KiB (ASCII-compatible
/// scan, as the HTML prescan does).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                ' '
            }
        })
        .collect();
    for key in ["charset", "encoding"] {
        let mut from = 0;
        while let Some(i) = head[from..].find(key) {
            let at = from + i + key.len();
            from = at;
            let rest = head[at..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start().trim_start_matches(['"', '\'']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
    }
    None
}

fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

/// Guesses the format from the extension, then from the content.
pub fn sniff(path: &str, content: &str) -> Format {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let head: String = content
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_lowercase();
    let looks_feed = head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf");
    let looks_html = head.starts_with("<!doctype html")
        || head.contains("<html")
        || head.contains("<body")
        || head.starts_with("<p")
        || head.starts_with("<div")
        || head.starts_with("<article");
    match ext.as_str() {
        "rss" | "atom" => Format::Feed,
        "xml" if looks_feed => Format::Feed,
        "html" | "htm" => Format::Html,
        "txt" | "text" | "md" => Format::Text,
        _ if looks_feed => Format::Feed,
        _ if looks_html => Format::Html,
        _ => Format::Text,
    }
}

/// What parsing one input gives: its documents, and what was read but not used.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    /// Feed items without a title or text, HTML structure flattened past the depth limit…
    pub skipped: Vec<Skipped>,
}

/// Parses one input into documents (a feed gives one per item). Items that cannot be used
/// are left out; [`parse_report`] says which.
pub fn parse(path: &str, content: &str) -> Result<Vec<Document>> {
    Ok(parse_report(path, content)?.documents)
}

/// [`parse`], also reporting what was left out of the input and why.
pub fn parse_report(path: &str, content: &str) -> Result<Parsed> {
    if content.trim().is_empty() {
        return Err(IntelError::BadInput {
            path: path.into(),
            what: "empty document: nothing to ingest".into(),
        });
    }
    match sniff(path, content) {
        Format::Text => Ok(Parsed {
            documents: vec![parse_text(path, content)],
            skipped: Vec::new(),
        }),
        Format::Html => {
            let a = html::extract_article(content);
            if a.body.trim().is_empty() {
                return Err(IntelError::BadInput {
                    path: path.into(),
                    what: "HTML page without article text (no paragraphs outside navigation, ads, comments and scripts)".into(),
                });
            }
            let skipped = a
                .notes
                .iter()
                .map(|n| Skipped {
                    source: path.into(),
                    reason: n.clone(),
                })
                .collect();
            Ok(Parsed {
                documents: vec![Document {
                    source: path.into(),
                    format: Format::Html,
                    title: a.title,
                    site_name: a.site_name,
                    description: a.description,
                    url: a.canonical_url,
                    guid: None,
                    published: a
                        .published
                        .and_then(|p| crate::dates::parse_any(&p))
                        .map(|d| d.format("%Y-%m-%d").to_string()),
                    body: a.body,
                    links: a.links,
                    noise: a.noise,
                }],
                skipped,
            })
        }
        Format::Feed => parse_feed_report(path, content),
    }
}

/// Plain text. Optional `Key: value` header lines at the top (`Title`, `URL`, `Published`
/// or `Date`, `Source`, `Author`), then the article; without a `Title:` header, a short
/// first line standing alone is the title. Hard-wrapped lines are joined into paragraphs.
pub fn parse_text(path: &str, content: &str) -> Document {
    let content = content.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = content.lines().peekable();
    let (mut title, mut url, mut published, mut site_name) = (None, None, None, None);
    while let Some(l) = lines.peek() {
        let Some((k, v)) = l.split_once(':') else {
            break;
        };
        let key = k.trim().to_ascii_lowercase();
        let v = v.trim().to_string();
        match key.as_str() {
            "title" => title = Some(v),
            "url" | "link" => url = Some(v),
            "published" | "date" => published = Some(v),
            "source" => site_name = Some(v).filter(|v| !v.is_empty()),
            "author" | "byline" => {}
            _ => break,
        }
        lines.next();
    }
    let rest: Vec<&str> = lines.collect();
    let rest = rest.join("\n");
    let mut paras: Vec<String> = rest
        .split("\n\n")
        .map(crate::text::join_wrapped_lines)
        .filter(|p| !p.is_empty())
        .collect();
    let mut noise = crate::document::Noise::default();
    if title.is_none() && paras.len() > 1 {
        let first_line_alone =
            rest.trim_start().lines().next().map(str::trim) == paras.first().map(String::as_str);
        if first_line_alone
            && paras[0].chars().count() <= 200
            && !paras[0].ends_with('.')
            && !head_furniture(&paras[0])
        {
            title = Some(paras.remove(0));
        } else if let Some(t) = scrape_head_title(&mut paras, &mut noise) {
            title = Some(t);
        }
    }
    Document {
        source: path.into(),
        format: Format::Text,
        title,
        site_name,
        description: None,
        url,
        guid: None,
        published: published.and_then(|p| crate::dates::normalize_published(&p)),
        body: paras.join("\n\n"),
        links: Vec::new(),
        noise,
    }
}

/// Is `l` a line of a page's head furniture: a breadcrumb (" > ", " › ", " » "), a menu of
/// `|`-separated items, or four words or more opening with two `title_furniture` words of
/// any lexicon ("Menu Browse Victims Groups …", "Menü Suche Erpresser-Radar …")?
fn head_furniture(l: &str) -> bool {
    let crumbs = [" > ", " › ", " » "].iter().any(|c| l.contains(c));
    let bars = l.matches(" | ").count() >= 2;
    let menu = crate::extract::lexicon::opens_like_menu(l);
    // A `Label: value` line ("Section: Regio > Oudenaarde") is metadata the rules read.
    (crumbs || bars || menu) && !crate::text::is_label_line(l)
}

/// A scraped page's head block: lines of site name, breadcrumb ("Startseite > Bamberg >
/// …"), menu ("Bamberg | Forchheim | …", "Menu Browse Victims …": two `title_furniture`
/// words of any lexicon first) and `Label: value` lines before the article. When the first
/// paragraph of a plain text holds such furniture, its furniture lines go to
/// `noise.navigation` and the title is the first other line after the last furniture line
/// — in that block, else the first line of the next paragraph when short and not a
/// sentence ("Cyberangriff auf Bamberger Rettungsdienst: …"), else the first other line of
/// the block. That line leaves the body as a title does. `None` (nothing changed) when the
/// first paragraph has no furniture line or no line can be a title.
fn scrape_head_title(
    paras: &mut Vec<String>,
    noise: &mut crate::document::Noise,
) -> Option<String> {
    let is_furniture = head_furniture;
    let can_title = |l: &str| {
        let n = l.chars().count();
        (3..=200).contains(&n)
            && !l.ends_with('.')
            && l.split_whitespace().nth(1).is_some()
            && !crate::text::is_label_line(l)
    };
    let lines: Vec<String> = paras[0].lines().map(str::to_string).collect();
    let last_furniture = lines.iter().rposition(|l| is_furniture(l))?;
    let after = lines[last_furniture + 1..]
        .iter()
        .position(|l| !is_furniture(l) && can_title(l))
        .map(|k| (0usize, last_furniture + 1 + k));
    // The next paragraph's first line may be a tracker's labelled headline ("Cyber Incident
    // Victim: X"), not a metadata line ("Date: 2025-06-02": its value starts with a digit).
    let headline_label = |l: &str| {
        l.split_once(':').is_some_and(|(_, v)| {
            let v = v.trim();
            v.split_whitespace().nth(1).is_some() && !v.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    let next = paras
        .get(1)
        .and_then(|p| p.lines().next())
        .filter(|l| {
            !is_furniture(l)
                && (can_title(l) || crate::text::is_label_line(l) && headline_label(l))
                && l.chars().count() <= 200
                && !l.ends_with('.')
        })
        .map(|_| (1usize, 0usize));
    let before = lines
        .iter()
        .position(|l| !is_furniture(l) && can_title(l))
        .map(|k| (0usize, k));
    let (pi, li) = after.or(next).or(before)?;
    let title = paras[pi].lines().nth(li)?.to_string();
    // The head block without its furniture and without the title line.
    let mut kept = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if is_furniture(l) {
            noise.navigation.push(l.clone());
        } else if !(pi == 0 && k == li) {
            kept.push(l.clone());
        }
    }
    if pi == 1 {
        let rest: Vec<&str> = paras[1].lines().skip(1).collect();
        paras[1] = rest.join("\n");
    }
    paras[0] = kept.join("\n");
    paras.retain(|p| !p.trim().is_empty());
    Some(title)
}

/// RSS 0.9x/1.0/2.0, Atom and JSON Feed via `feed-rs`: each item is a document with its
/// guid/id, links and publication date; HTML item content is reduced to paragraphs.
pub fn parse_feed(path: &str, content: &str) -> Result<Vec<Document>> {
    Ok(parse_feed_report(path, content)?.documents)
}

/// [`parse_feed`], also reporting the items left out (no title and no text) by their
/// position and guid.
pub fn parse_feed_report(path: &str, content: &str) -> Result<Parsed> {
    let feed = feed_rs::parser::parse(content.as_bytes()).map_err(|e| IntelError::BadFeed {
        path: path.into(),
        what: e.to_string(),
    })?;
    let mut out = Parsed::default();
    let total = feed.entries.len();
    for (n, entry) in feed.entries.into_iter().enumerate() {
        let title = entry
            .title
            .as_ref()
            .map(|t| squash(&t.content))
            .filter(|t| !t.is_empty());
        let raw = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let body = if raw.contains('<') {
            html::fragment_to_text(&raw)
        } else {
            raw.split("\n\n")
                .map(squash)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let links: Vec<String> = entry.links.iter().map(|l| l.href.clone()).collect();
        if body.trim().is_empty() && title.is_none() {
            out.skipped.push(Skipped {
                source: format!("{path}#{}", entry.id),
                reason: format!(
                    "feed item {} of {total} has no title and no text{}; not ingested",
                    n + 1,
                    links
                        .first()
                        .map(|l| format!(
                            " (link {l}; `cordon intel watch` fetches linked articles)"
                        ))
                        .unwrap_or_default()
                ),
            });
            continue;
        }
        let published = entry
            .published
            .or(entry.updated)
            .map(|d| d.date_naive().format("%Y-%m-%d").to_string());
        out.documents.push(Document {
            source: format!("{path}#{}", entry.id),
            format: Format::Feed,
            title,
            site_name: None,
            description: None,
            url: links.first().cloned(),
            guid: Some(entry.id.clone()).filter(|g| !g.is_empty()),
            published,
            body,
            links,
            noise: Default::default(),
        });
    }
    if out.documents.is_empty() {
        return Err(IntelError::BadFeed {
            path: path.into(),
            what: if total == 0 {
                "the feed has no items".into()
            } else {
                format!("all {total} items of the feed have no title and no text")
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_headers_and_title() {
        let d = parse_text(
            "a.txt",
            "Title: Hospital hit\nPublished: 2023-03-14\n\nThe hospital\nwas attacked.\n\nMore.",
        );
        assert_eq!(d.title.as_deref(), Some("Hospital hit"));
        assert_eq!(d.published.as_deref(), Some("2023-03-14"));
        assert_eq!(d.body, "The hospital was attacked.\n\nMore.");
        let d = parse_text(
            "b.txt",
            "Hospital hit by ransomware\n\nThe hospital was attacked.",
        );
        assert_eq!(d.title.as_deref(), Some("Hospital hit by ransomware"));
    }

    #[test]
    fn not_utf8_is_reported_with_position() {
        // Binary (control bytes): located error.
        let e = decode("x.bin", b"ab\ncd\xff\x01\x02\x03")
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.bin") && e.contains("line 2, column 3"), "{e}");
        // Undeclared Latin-1 text is decoded, not refused.
        assert_eq!(decode("x.txt", b"ab\ncd\xe9").unwrap(), "ab\ncd\u{e9}");
    }
}
