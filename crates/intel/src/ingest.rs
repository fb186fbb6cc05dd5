//! Reading inputs: plain text, HTML pages, RSS/Atom feeds (each item a document), standard
//! input, and directories of these (recursive).

use std::io::Read;
use std::path::{Path, PathBuf};

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

/// File extensions picked up when walking a directory.
pub const DIR_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xml", "rss", "atom"];

/// Expands the command-line paths: `-` is standard input, a directory is walked
/// recursively (sorted; hidden entries and `*.expected.json` skipped; only
/// [`DIR_EXTENSIONS`]), a file is taken whatever its extension.
pub fn expand_inputs<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
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
            walk(p, &mut out)?;
        } else {
            out.push(Input::File(p.to_path_buf()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> Result<()> {
    let rd = std::fs::read_dir(dir).map_err(|e| IntelError::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd {
        let e = e.map_err(|e| IntelError::Read {
            path: dir.to_path_buf(),
            source: e,
        })?;
        entries.push(e.path());
    }
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if DIR_EXTENSIONS.contains(&ext.as_str()) {
                out.push(Input::File(p));
            }
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

/// Decodes bytes as UTF-8 (a leading BOM is dropped), or says where it is not text.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if s.contains('\0') {
                let at = s.find('\0').unwrap_or(0);
                let (line, column) = line_col(&s[..at]);
                return Err(IntelError::NotText {
                    path: path.into(),
                    line,
                    column,
                });
            }
            Ok(s.to_string())
        }
        Err(e) => {
            let ok = &bytes[..e.valid_up_to()];
            let (line, column) = line_col(&String::from_utf8_lossy(ok));
            Err(IntelError::NotText {
                path: path.into(),
                line,
                column,
            })
        }
    }
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

/// Parses one input into documents (a feed gives one per item).
pub fn parse(path: &str, content: &str) -> Result<Vec<Document>> {
    if content.trim().is_empty() {
        return Err(IntelError::BadInput {
            path: path.into(),
            what: "empty document: nothing to ingest".into(),
        });
    }
    match sniff(path, content) {
        Format::Text => Ok(vec![parse_text(path, content)]),
        Format::Html => {
            let a = html::extract_article(content);
            if a.body.trim().is_empty() {
                return Err(IntelError::BadInput {
                    path: path.into(),
                    what: "HTML page without article text (no paragraphs outside navigation, ads and comments)".into(),
                });
            }
            Ok(vec![Document {
                source: path.into(),
                format: Format::Html,
                title: a.title,
                url: a.canonical_url,
                guid: None,
                published: a
                    .published
                    .and_then(|p| crate::dates::parse_any(&p))
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                body: a.body,
                links: a.links,
                noise: a.noise,
            }])
        }
        Format::Feed => parse_feed(path, content),
    }
}

/// Plain text. Optional `Key: value` header lines at the top (`Title`, `URL`, `Published`
/// or `Date`, `Source`, `Author`), then the article; without a `Title:` header, a short
/// first line standing alone is the title. Hard-wrapped lines are joined into paragraphs.
pub fn parse_text(path: &str, content: &str) -> Document {
    let content = content.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = content.lines().peekable();
    let (mut title, mut url, mut published) = (None, None, None);
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
            "source" | "author" | "byline" => {}
            _ => break,
        }
        lines.next();
    }
    let rest: Vec<&str> = lines.collect();
    let rest = rest.join("\n");
    let mut paras: Vec<String> = rest
        .split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect();
    if title.is_none() && paras.len() > 1 {
        let first_line_alone =
            rest.trim_start().lines().next().map(str::trim) == paras.first().map(String::as_str);
        if first_line_alone && paras[0].chars().count() <= 200 && !paras[0].ends_with('.') {
            title = Some(paras.remove(0));
        }
    }
    Document {
        source: path.into(),
        format: Format::Text,
        title,
        url,
        guid: None,
        published: published
            .and_then(|p| crate::dates::parse_any(&p))
            .map(|d| d.format("%Y-%m-%d").to_string()),
        body: paras.join("\n\n"),
        links: Vec::new(),
        noise: Default::default(),
    }
}

/// RSS 0.9x/1.0/2.0, Atom and JSON Feed via `feed-rs`: each item is a document with its
/// guid/id, links and publication date; HTML item content is reduced to paragraphs.
pub fn parse_feed(path: &str, content: &str) -> Result<Vec<Document>> {
    let feed = feed_rs::parser::parse(content.as_bytes()).map_err(|e| IntelError::BadFeed {
        path: path.into(),
        what: e.to_string(),
    })?;
    let mut out = Vec::new();
    for entry in feed.entries {
        let title = entry.title.as_ref().map(|t| squash(&t.content));
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
        if body.trim().is_empty() && title.is_none() {
            continue;
        }
        let links: Vec<String> = entry.links.iter().map(|l| l.href.clone()).collect();
        let published = entry
            .published
            .or(entry.updated)
            .map(|d| d.date_naive().format("%Y-%m-%d").to_string());
        out.push(Document {
            source: format!("{path}#{}", entry.id),
            format: Format::Feed,
            title,
            url: links.first().cloned(),
            guid: Some(entry.id.clone()).filter(|g| !g.is_empty()),
            published,
            body,
            links,
            noise: Default::default(),
        });
    }
    if out.is_empty() {
        return Err(IntelError::BadFeed {
            path: path.into(),
            what: "the feed has no items".into(),
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
        let e = decode("x.bin", b"ab\ncd\xff").unwrap_err().to_string();
        assert!(e.contains("x.bin") && e.contains("line 2, column 3"), "{e}");
    }
}
