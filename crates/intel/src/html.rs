//! Main-content extraction from HTML pages with `scraper`.
//!
//! The article is the `<article>` (or `<main>` / `[role=main]`, else `<body>`) with the
//! page furniture removed. Furniture is kept apart, by kind: navigation (`nav`, `header`,
//! `footer`, menus, breadcrumbs, share bars, "related" boxes), ads (`ad`, `advert`,
//! `sponsor`, `promo` classes), link lists (lists whose text is mostly links) and reader
//! comments (`comment` classes/ids). Paragraph-level blocks (`p`, `h2`–`h6`, `li`,
//! `blockquote`, `pre`) outside furniture make the article body.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use crate::document::Noise;
use crate::text::squash;

/// What an HTML page yields.
#[derive(Debug, Clone, Default)]
pub struct HtmlArticle {
    pub title: Option<String>,
    pub canonical_url: Option<String>,
    pub published: Option<String>,
    pub body: String,
    pub links: Vec<String>,
    pub noise: Noise,
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

fn element_text(el: &ElementRef) -> String {
    squash(&el.text().collect::<String>())
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

/// Converts an HTML fragment (a feed item's content) to paragraphs.
pub fn fragment_to_text(html: &str) -> String {
    let frag = Html::parse_fragment(html);
    let blocks = sel("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre");
    let mut paras: Vec<String> = Vec::new();
    for el in frag.select(&blocks) {
        if has_block_child(&el) {
            continue;
        }
        let t = element_text(&el);
        if !t.is_empty() {
            paras.push(t);
        }
    }
    if paras.is_empty() {
        let t = squash(&frag.root_element().text().collect::<String>());
        return t;
    }
    paras.join("\n\n")
}

fn has_block_child(el: &ElementRef) -> bool {
    el.descendants().skip(1).any(|n| {
        n.value().as_element().is_some_and(|e| {
            matches!(
                e.name(),
                "p" | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "blockquote"
                    | "pre"
                    | "ul"
                    | "ol"
            )
        })
    })
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
    let doc = Html::parse_document(src);
    let mut out = HtmlArticle {
        canonical_url: meta(&doc, &["link[rel=canonical]", "meta[property=\"og:url\"]"]),
        published: meta(
            &doc,
            &[
                "meta[property=\"article:published_time\"]",
                "meta[name=\"date\"]",
                "meta[name=\"pubdate\"]",
                "meta[name=\"publish-date\"]",
                "meta[name=\"dc.date\"]",
                "meta[name=\"DC.date.issued\"]",
                "article time[datetime]",
                "time[datetime]",
            ],
        ),
        ..Default::default()
    };

    // The root of the article.
    let root = {
        let articles: Vec<ElementRef> = doc.select(&sel("article")).collect();
        let best_article = articles
            .into_iter()
            .filter(|a| noise_kind(a).is_none())
            .max_by_key(|a| {
                a.select(&sel("p"))
                    .map(|p| element_text(&p).len())
                    .sum::<usize>()
            });
        best_article
            .or_else(|| doc.select(&sel("main, [role=main]")).next())
            .or_else(|| doc.select(&sel("body")).next())
            .unwrap_or_else(|| doc.root_element())
    };

    let h1 = root
        .select(&sel("h1"))
        .next()
        .or_else(|| doc.select(&sel("h1")).next())
        .map(|h| element_text(&h))
        .filter(|t| !t.is_empty());
    out.title = meta(&doc, &["meta[property=\"og:title\"]"])
        .or(h1.clone())
        .or_else(|| {
            doc.select(&sel("title"))
                .next()
                .map(|t| element_text(&t))
                .filter(|t| !t.is_empty())
        });

    // Outermost furniture containers, anywhere in the page.
    let mut noise_nodes: HashSet<NodeId> = HashSet::new();
    let all = sel("*");
    for el in doc.select(&all) {
        if el.id() == root.id() {
            continue;
        }
        let Some(kind) = noise_kind(&el) else {
            continue;
        };
        if el.ancestors().any(|a| noise_nodes.contains(&a.id())) {
            continue;
        }
        noise_nodes.insert(el.id());
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

    let in_noise = |el: &ElementRef| -> bool {
        noise_nodes.contains(&el.id()) || el.ancestors().any(|a| noise_nodes.contains(&a.id()))
    };
    let blocks = sel("p, h2, h3, h4, h5, h6, li, blockquote, pre, h1");
    let mut paras: Vec<String> = Vec::new();
    for el in root.select(&blocks) {
        if in_noise(&el) || has_block_child(&el) {
            continue;
        }
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
    let a = sel("a[href]");
    for l in root.select(&a) {
        if in_noise(&l) {
            continue;
        }
        if let Some(h) = l.value().attr("href") {
            let h = h.trim();
            if !h.is_empty() && !h.starts_with('#') && !out.links.iter().any(|x| x == h) {
                out.links.push(h.to_string());
            }
        }
    }
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
