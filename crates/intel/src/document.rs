//! A document: the text of one article (a text file, an HTML page or a feed item),
//! with the page noise kept apart from it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Html,
    Feed,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Feed => "feed",
        }
    }
}

/// What a page carries besides the article: kept, but never mixed into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Noise {
    #[serde(default)]
    pub navigation: Vec<String>,
    #[serde(default)]
    pub ads: Vec<String>,
    #[serde(default)]
    pub link_lists: Vec<String>,
    #[serde(default)]
    pub comments: Vec<String>,
    /// The whole text of a page footer (`<footer>`, `role="contentinfo"`, a `footer` class),
    /// links included, at most [`MAX_FOOTER_CHARS`] characters each and [`MAX_FOOTERS`]
    /// footers a page: an organisation's
    /// own page gives its address there ("Tandartsenpraktijk X · Lovenhoekstraat 0 · 2290
    /// Vorselaar"), read for the victim's town when the article does not name it. Also in
    /// `navigation` (its links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer: Vec<String>,
    /// Text of the article body set apart from the focal incident by extraction (a
    /// paragraph about another incident, a statistic, a quoted tweet, a metadata line, a
    /// `Label: Unknown` statement), each prefixed with its reason: `"other incident: …"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_apart: Vec<String>,
}

/// Longest page footer kept in [`Noise::footer`] (characters): an address block is a line
/// or two; a footer longer than this is a site map, cut at a character boundary.
pub const MAX_FOOTER_CHARS: usize = 1000;

/// Most page footers kept in [`Noise::footer`]: a page has one or two; a page built of
/// thousands of `<footer>` elements keeps its first ones only.
pub const MAX_FOOTERS: usize = 8;

impl Noise {
    pub fn is_empty(&self) -> bool {
        self.navigation.is_empty()
            && self.ads.is_empty()
            && self.link_lists.is_empty()
            && self.comments.is_empty()
            && self.footer.is_empty()
            && self.set_apart.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// File path, `-` for standard input, `PATH#GUID` for a feed item.
    pub source: String,
    pub format: Format,
    pub title: Option<String>,
    /// The publishing site's name, when the source gives one apart from the headline (HTML
    /// `og:site_name` or the `<title>` element's addition to the headline; a text file's
    /// `Source:` header). Not part of [`Document::text`]: the extractor reads it only as the
    /// victim of the organisation's own page that names itself nowhere else
    /// (`extract::victims::site_victim`).
    pub site_name: Option<String>,
    /// The page's own summary (HTML `<meta name="description">`, else `og:description`),
    /// bounded to [`crate::html::MAX_DESCRIPTION_CHARS`]. Not part of [`Document::text`]:
    /// the extractor reads it only for the victim's town when the text names none next to
    /// the victim ("Informationen der Spitex X in Herisau …").
    pub description: Option<String>,
    /// Canonical URL (HTML `link rel=canonical`, `og:url`, the feed item's link, a `URL:` header).
    pub url: Option<String>,
    /// Feed item id / guid.
    pub guid: Option<String>,
    /// Publication date (`YYYY-MM-DD`) from metadata.
    pub published: Option<String>,
    /// Article body (paragraphs separated by blank lines), without the title.
    pub body: String,
    pub links: Vec<String>,
    pub noise: Noise,
}

impl Document {
    /// The text extraction runs on and evidence offsets refer to: the title, a
    /// `Published: YYYY-MM-DD` line when the date is known from metadata, a blank line,
    /// then the body.
    pub fn text(&self) -> String {
        let mut head = String::new();
        if let Some(t) = self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            head.push_str(&crate::text::squash(t));
            head.push('\n');
        }
        if let Some(p) = self
            .published
            .as_deref()
            .and_then(crate::dates::Anchor::parse)
        {
            head.push_str(&format!("Published: {}\n", p.iso()));
        } else if let Some(p) = self.published.as_deref().and_then(crate::dates::parse_any) {
            head.push_str(&format!("Published: {}\n", p.format("%Y-%m-%d")));
        }
        if head.is_empty() {
            self.body.clone()
        } else {
            format!("{head}\n{}", self.body)
        }
    }

    /// SHA-256 (hex) of the body with whitespace collapsed and letters lower-cased: the same
    /// article re-fetched with different spacing or page furniture hashes the same.
    pub fn content_hash(&self) -> String {
        // Streamed word by word into the hasher, without building the normalised body:
        // the same digest as hashing `split_whitespace().join(" ").to_lowercase()` (lower-
        // casing never looks across a space, so word-wise equals whole-text lower-casing,
        // final sigma included — `content_hash_equals_whole_text_normalisation`).
        let mut h = Sha256::new();
        let mut ascii = Vec::with_capacity(64);
        for (i, w) in self.body.split_whitespace().enumerate() {
            if i > 0 {
                h.update(b" ");
            }
            if w.is_ascii() {
                ascii.clear();
                ascii.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
                h.update(&ascii);
            } else {
                h.update(w.to_lowercase().as_bytes());
            }
        }
        hex(&h.finalize())
    }

    /// The identity used for de-duplication, in order of preference: feed guid, canonical
    /// URL, content hash.
    pub fn identity(&self) -> String {
        if let Some(g) = self.guid.as_deref().filter(|g| !g.trim().is_empty()) {
            return format!("guid:{}", g.trim());
        }
        if let Some(u) = self.url.as_deref().filter(|u| !u.trim().is_empty()) {
            return format!("url:{}", canonical_url(u));
        }
        format!("sha256:{}", self.content_hash())
    }

    /// The incident id derived from [`Document::identity`].
    pub fn incident_id(&self) -> String {
        let h = hex(&Sha256::digest(self.identity().as_bytes()));
        format!("INC-{}", &h[..12])
    }
}

/// Lower-cases scheme and host, drops the fragment, a trailing slash and common tracking
/// parameters (`utm_*`), so the same article linked two ways is one record.
pub fn canonical_url(u: &str) -> String {
    let u = u.trim();
    let u = u.split('#').next().unwrap_or(u);
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => return u.to_string(),
    };
    let (hostpath, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match hostpath.split_once('/') {
        Some((h, p)) => (h.to_ascii_lowercase(), format!("/{p}")),
        None => (hostpath.to_ascii_lowercase(), String::new()),
    };
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let path = path.trim_end_matches('/').to_string();
    let scheme = if scheme == "http" {
        "https".to_string()
    } else {
        scheme
    };
    let query: Vec<&str> = query
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
                .collect()
        })
        .unwrap_or_default();
    if query.is_empty() {
        format!("{scheme}://{host}{path}")
    } else {
        format!("{scheme}://{host}{path}?{}", query.join("&"))
    }
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition the streamed hash must keep (stored incidents are de-duplicated by
    /// it): SHA-256 of the whitespace-collapsed, lower-cased body.
    fn reference_hash(body: &str) -> String {
        let norm = body
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        hex(&Sha256::digest(norm.as_bytes()))
    }

    fn doc(body: &str) -> Document {
        Document {
            source: "t".into(),
            format: Format::Text,
            title: None,
            site_name: None,
            description: None,
            url: None,
            guid: None,
            published: None,
            body: body.into(),
            links: Vec::new(),
            noise: Noise::default(),
        }
    }

    #[test]
    fn content_hash_equals_whole_text_normalisation() {
        for body in [
            "",
            "  Hôpital  de\tLIÈGE\n\nattaqué ",
            "ΟΔΟΣ ΣΟΦΟΣ Σ ΑΣ.",
            "Straße İstanbul ǅ ß",
            "ſtop\u{a0}NBSP\u{2003}em",
        ] {
            assert_eq!(doc(body).content_hash(), reference_hash(body), "{body:?}");
        }
    }

    proptest! {
        #[test]
        fn content_hash_matches_reference(body in "(?s).{0,80}") {
            prop_assert_eq!(doc(&body).content_hash(), reference_hash(&body));
        }
    }
}
