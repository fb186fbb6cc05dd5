//! Bytes to a small element tree: declared encodings, one root, bounded
//! nesting, `xi:include`.

use std::path::{Path, PathBuf};

use quick_xml::XmlVersion;
use quick_xml::events::Event;

use super::{Loc, Sources};
use crate::error::Error;

/// Deepest element nesting the reader accepts. Real models nest formulas a
/// few tens of levels; the limit keeps every later walk over the tree (and
/// the tree's own drop) far from the thread's stack size.
pub const MAX_DEPTH: usize = 1000;

/// Most files one model may pull in through `xi:include`.
const MAX_INCLUDES: usize = 10_000;

/// One XML element: name, attributes (values trimmed, as SCRAM does), where
/// it starts, and its child elements. Text content is not kept (MEF puts
/// every value in attributes; `<label>` text is ignored).
#[derive(Debug)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub loc: Loc,
    pub children: Vec<Element>,
    /// Non-blank character data directly inside (a `<label>`'s text).
    pub text: bool,
}

impl Element {
    /// The attribute's value, surrounding white space trimmed.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Children that are not `<label>` or `<attributes>`.
    pub fn content(&self) -> impl Iterator<Item = &Element> {
        self.children
            .iter()
            .filter(|c| c.name != "label" && c.name != "attributes")
    }
}

/// Decodes `bytes` by their byte-order mark, else by the encoding the XML
/// declaration names (UTF-8 when it names none). Uses `encoding_rs`, the
/// WHATWG decoders Firefox ships.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<String, Error> {
    let located = |line: usize, column: usize, message: String| Error::Mef {
        file: file.to_string(),
        line,
        column,
        name: None,
        message,
    };
    let (encoding, skip) = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        (enc, bom)
    } else if bytes.len() >= 2 && bytes[0] == b'<' && bytes[1] == 0 {
        (encoding_rs::UTF_16LE, 0)
    } else if bytes.len() >= 2 && bytes[0] == 0 && bytes[1] == b'<' {
        (encoding_rs::UTF_16BE, 0)
    } else {
        match declared_encoding(bytes) {
            None => (encoding_rs::UTF_8, 0),
            Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
                // A UTF-16 declaration in a file without a BOM that reads as
                // ASCII is really an ASCII-compatible file (libxml2 agrees).
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                    (encoding_rs::UTF_8, 0)
                }
                Some(enc) => (enc, 0),
                None => {
                    return Err(located(
                        1,
                        1,
                        format!(
                            "unknown encoding `{label}` in the XML declaration (cordon reads the WHATWG encodings: UTF-8, UTF-16, ISO-8859-*, windows-125*, Shift_JIS…)"
                        ),
                    ));
                }
            },
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    if had_errors {
        let bad = text.find('\u{FFFD}').unwrap_or(0);
        let before = &text[..bad];
        let line = before.matches('\n').count() + 1;
        let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
        return Err(located(
            line,
            column,
            format!(
                "bytes that are not valid {} (the file's declared or detected encoding); declare the right one in <?xml … encoding=\"…\"?>",
                encoding.name()
            ),
        ));
    }
    Ok(text.into_owned())
}

/// The `encoding="…"` of an ASCII-compatible XML declaration.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")? + "encoding".len();
    let rest = decl[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

/// Reads one file (decoded into `sources`) into its root element, splicing
/// `xi:include`d files in place (the included root's children, which is what
/// `xpointer(/opsa-mef/*)` selects).
pub(crate) fn load(path: &Path, sources: &mut Sources) -> Result<Element, Error> {
    let mut chain = Vec::new();
    load_inner(path, sources, &mut chain)
}

fn read_file(path: &Path, sources: &mut Sources) -> Result<u32, Error> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: shown.clone(),
        source,
    })?;
    let text = decode(&bytes, &shown)?;
    Ok(sources.add(shown, text))
}

fn load_inner(
    path: &Path,
    sources: &mut Sources,
    chain: &mut Vec<PathBuf>,
) -> Result<Element, Error> {
    let id = read_file(path, sources)?;
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    chain.push(canonical);
    let mut root = parse(sources, id)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    splice(&mut root, &base, sources, chain)?;
    chain.pop();
    Ok(root)
}

/// Replaces every `<xi:include href>` under `el` by the children of the
/// included file's root element. Walks with an explicit stack of child
/// index paths (no recursion over depth).
fn splice(
    root: &mut Element,
    base: &Path,
    sources: &mut Sources,
    chain: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    // Paths (as child-index lists) of elements still to visit.
    let mut todo: Vec<Vec<usize>> = vec![Vec::new()];
    while let Some(at) = todo.pop() {
        let mut el: &mut Element = root;
        for &i in &at {
            el = &mut el.children[i];
        }
        let mut i = 0;
        while i < el.children.len() {
            if is_include(&el.children[i]) {
                let inc = &el.children[i];
                let loc = inc.loc;
                let href = inc.attr("href").unwrap_or("").to_string();
                if href.is_empty() {
                    return Err(sources.error(
                        loc,
                        None,
                        "<xi:include> needs an href attribute".into(),
                    ));
                }
                let target = base.join(&href);
                let canonical = std::fs::canonicalize(&target).map_err(|e| {
                    sources.error(loc, None, format!("cannot include `{href}`: {e}"))
                })?;
                if chain.contains(&canonical) {
                    return Err(sources.error(loc, None, format!("xi:include cycle: `{href}` includes itself (directly or through other files)")));
                }
                if sources.len() >= MAX_INCLUDES {
                    return Err(sources.error(
                        loc,
                        None,
                        format!("more than {MAX_INCLUDES} included files"),
                    ));
                }
                let included = load_inner(&target, sources, chain)?;
                let n = included.children.len();
                el.children.splice(i..=i, included.children);
                i += n;
            } else {
                let mut next = at.clone();
                next.push(i);
                todo.push(next);
                i += 1;
            }
        }
    }
    Ok(())
}

fn is_include(el: &Element) -> bool {
    el.name == "xi:include" || el.name.ends_with(":include") || el.name == "include"
}

/// Parses source `id` of `sources` into its root element.
pub(crate) fn parse(sources: &Sources, id: u32) -> Result<Element, Error> {
    let text = sources.text(id);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    // Declared namespace prefixes, and where each open element's start.
    let mut declared: Vec<String> = Vec::new();
    let mut scopes: Vec<usize> = Vec::new();
    let mut root: Option<Element> = None;
    let at = |pos: usize| Loc {
        file: id,
        pos: pos as u32,
    };
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            sources.error(
                at(reader.error_position() as usize),
                None,
                format!("malformed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                if stack.is_empty() && root.is_some() {
                    return Err(sources.error(
                        at(pos),
                        None,
                        "malformed XML: more than one root element (a model file holds one <opsa-mef>; pass several files instead)".into(),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(sources.error(
                        at(pos),
                        None,
                        format!("elements nested deeper than {MAX_DEPTH} levels; cordon reads at most {MAX_DEPTH} (flatten the formula into named gates)"),
                    ));
                }
                let mut attrs = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| {
                        sources.error(at(pos), None, format!("malformed attribute: {e}"))
                    })?;
                    let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| {
                        sources.error(at(pos), None, format!("malformed attribute: {e}"))
                    })?;
                    if attrs
                        .iter()
                        .any(|(k, _): &(String, String)| k == a.key.as_ref())
                    {
                        return Err(sources.error(
                            at(pos),
                            None,
                            format!("malformed XML: attribute `{}` repeated", a.key.as_ref()),
                        ));
                    }
                    attrs.push((a.key.as_ref().to_string(), value.trim().to_string()));
                }
                let el = Element {
                    name: s.name().as_ref().to_string(),
                    attrs,
                    loc: at(pos),
                    children: Vec::new(),
                    text: false,
                };
                // Namespaces: every prefix used must be declared on the
                // element or an ancestor (`xml` is predeclared).
                let mark = declared.len();
                declared.extend(
                    el.attrs
                        .iter()
                        .filter_map(|(k, _)| k.strip_prefix("xmlns:").map(str::to_string)),
                );
                let names = std::iter::once(el.name.as_str())
                    .chain(el.attrs.iter().map(|(k, _)| k.as_str()))
                    .filter(|k| *k != "xmlns" && !k.starts_with("xmlns:"));
                for name in names {
                    if let Some((prefix, _)) = name.split_once(':')
                        && prefix != "xml"
                        && !declared.iter().any(|d| d == prefix)
                    {
                        return Err(sources.error(
                            at(pos),
                            None,
                            format!("malformed XML: the namespace prefix `{prefix}` of `{name}` is not declared (add xmlns:{prefix}=\"…\" to the root element, or drop the prefix)"),
                        ));
                    }
                }
                if matches!(event, Event::Start(_)) {
                    scopes.push(mark);
                } else {
                    declared.truncate(mark);
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                } else {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(el),
                        None => root = Some(el),
                    }
                }
            }
            Event::End(_) => {
                if let Some(mark) = scopes.pop() {
                    declared.truncate(mark);
                }
                let el = stack
                    .pop()
                    .ok_or_else(|| sources.error(at(pos), None, "unexpected closing tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(ref t) if stack.is_empty() && !t.as_ref().trim().is_empty() => {
                return Err(sources.error(
                    at(pos),
                    None,
                    "malformed XML: text outside the root element".into(),
                ));
            }
            Event::Text(ref t) if !t.as_ref().trim_ascii().is_empty() => {
                if let Some(el) = stack.last_mut() {
                    el.text = true;
                }
            }
            Event::CData(_) | Event::GeneralRef(_) => {
                if let Some(el) = stack.last_mut() {
                    el.text = true;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(sources.error(
            open.loc,
            None,
            format!("malformed XML: <{}> is never closed", open.name),
        ));
    }
    root.ok_or_else(|| sources.error(at(0), None, "empty document: no root element".into()))
}
