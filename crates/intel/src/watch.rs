//! `cordon intel watch`: polls RSS/Atom feeds over HTTP(S) and ingests their items, with
//! the linked article fetched and read as an HTML page.
//!
//! The client is `ureq` (rustls). Every request has a whole-call timeout
//! ([`WatchConfig::timeout`]) and a body size limit (feeds and pages separately); feeds
//! are fetched with conditional GET (`If-None-Match` with the stored `ETag`,
//! `If-Modified-Since` with the stored `Last-Modified`; 304 means nothing new); requests
//! to one host are spaced by [`WatchConfig::host_delay`]; timeouts, connection errors,
//! 429 and 5xx are retried with exponential backoff (a `Retry-After` in seconds is
//! honoured up to a minute). Each feed's last status is stored in the store's `feeds`
//! table (`cordon intel watch --status`). An article that cannot be fetched (too large,
//! timed out, not HTML) falls back to the feed item's own text, and the feed's status
//! message says so; nothing is dropped silently.
//!
//! Item links are resolved against the feed's URL (`url`), only `http(s)` is fetched, and
//! a link (or a redirect) to a loopback, private, link-local or unspecified address on
//! another host than the feed's is not followed: a feed must not make the server read
//! its internal network into public incident pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::document::{Document, Format};
use crate::error::{IntelError, Result};
use crate::ingest::{self, Cancel};
use crate::store::{FeedState, IngestReport, Store};

/// Limits and manners of the watcher. `Default` gives the documented defaults.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// Whole-request timeout (connect, headers and body). Default 20 s.
    pub timeout: Duration,
    /// Largest feed document read, in bytes. Default 5 MiB.
    pub max_feed_bytes: u64,
    /// Largest article page read, in bytes. Default 5 MiB.
    pub max_page_bytes: u64,
    /// Least time between two requests to the same host. Default 1 s.
    pub host_delay: Duration,
    /// Retries after a timeout, connection error, 429 or 5xx. Default 2.
    pub retries: u32,
    /// First backoff delay, doubled at each retry. Default 1 s.
    pub backoff: Duration,
    /// Fetch the page each item links to (else the feed item's text is the article).
    pub fetch_articles: bool,
    /// At most this many new items per feed and poll (the rest wait for the next poll).
    pub max_items_per_poll: usize,
    pub user_agent: String,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            timeout: Duration::from_secs(20),
            max_feed_bytes: 5 << 20,
            max_page_bytes: 5 << 20,
            host_delay: Duration::from_secs(1),
            retries: 2,
            backoff: Duration::from_secs(1),
            fetch_articles: true,
            max_items_per_poll: 100,
            user_agent: format!(
                "cordon/{} (incident intelligence feed reader)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// What one poll of every watched feed did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WatchReport {
    /// Each feed's status after the poll.
    pub feeds: Vec<FeedState>,
    /// The documents ingested (added, attached, updated, duplicates, failed, skipped).
    pub ingest: IngestReport,
    /// Each item stored or recognised by this poll, feed by feed, in feed order.
    pub stored: Vec<StoredItem>,
}

/// What became of one feed item in a poll ([`WatchReport::stored`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredItem {
    /// The feed's URL.
    pub feed: String,
    /// `new` (a new incident), `attached` (a further source of a stored incident: same
    /// victim, overlapping dates), `updated` (the item changed since it was stored: the
    /// new version is a further source of the earlier version's incident) or `duplicate`
    /// (the text read is one already stored).
    pub outcome: &'static str,
    /// The record stored (for a duplicate, the stored record it repeats).
    pub id: String,
    /// The incident the record belongs to (its own id for a new incident).
    pub incident: String,
    /// The item's guid, else its link or source.
    pub item: String,
    pub title: Option<String>,
}

/// A response body, or "not modified".
enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        charset: Option<String>,
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// The URL the body came from (after redirects).
        final_url: String,
    },
}

/// The HTTP side: one agent, per-host politeness, retries.
pub struct Fetcher {
    agent: ureq::Agent,
    cfg: WatchConfig,
    last_request: HashMap<String, Instant>,
}

fn host_of(url: &str) -> String {
    ureq::http::Uri::try_from(url)
        .ok()
        .and_then(|u| u.authority().map(|a| a.as_str().to_ascii_lowercase()))
        .unwrap_or_default()
}

impl Fetcher {
    pub fn new(cfg: WatchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .http_status_as_error(false)
            .user_agent(cfg.user_agent.as_str())
            .max_redirects(5)
            .build()
            .into();
        Fetcher {
            agent,
            cfg,
            last_request: HashMap::new(),
        }
    }

    /// Sleeps (in small steps, so `cancel` is seen) until `until`.
    fn sleep_until(until: Instant, cancel: &Cancel) -> Result<()> {
        loop {
            cancel.check()?;
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(Duration::from_millis(100)));
        }
    }

    /// Waits until the host may be asked again.
    fn polite(&mut self, host: &str, cancel: &Cancel) -> Result<()> {
        if let Some(last) = self.last_request.get(host) {
            Fetcher::sleep_until(*last + self.cfg.host_delay, cancel)?;
        }
        self.last_request.insert(host.to_string(), Instant::now());
        Ok(())
    }

    /// GET with conditional headers, a size limit, and retries with backoff. A 4xx other
    /// than 429 is not retried.
    fn get(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        max_bytes: u64,
        cancel: &Cancel,
    ) -> Result<Fetched> {
        let host = host_of(url);
        let fetch_err = |what: String| IntelError::Fetch {
            url: url.to_string(),
            what,
        };
        let mut attempt = 0u32;
        loop {
            self.polite(&host, cancel)?;
            let mut req = self.agent.get(url);
            if let Some(e) = etag {
                req = req.header("If-None-Match", e);
            }
            if let Some(l) = last_modified {
                req = req.header("If-Modified-Since", l);
            }
            let (retryable, err, retry_after) = match req.call() {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let header = |n: &str| {
                        resp.headers()
                            .get(n)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    if status == 304 {
                        return Ok(Fetched::NotModified);
                    }
                    if (200..300).contains(&status) {
                        let final_url = {
                            use ureq::ResponseExt;
                            resp.get_uri().to_string()
                        };
                        let etag = header("etag");
                        let last_modified = header("last-modified");
                        let charset = resp.body().charset().map(str::to_string);
                        let content_type = resp.body().mime_type().map(str::to_string);
                        return match resp.body_mut().with_config().limit(max_bytes).read_to_vec() {
                            Ok(bytes) => Ok(Fetched::Body {
                                bytes,
                                charset,
                                content_type,
                                etag,
                                last_modified,
                                final_url,
                            }),
                            Err(ureq::Error::BodyExceedsLimit(_)) => Err(IntelError::Limit {
                                path: PathBuf::from(url),
                                what: "the response body".into(),
                                limit: format!("{max_bytes} bytes"),
                                how: "raise it with `cordon intel watch --max-bytes`".into(),
                            }),
                            Err(e) => Err(fetch_err(format!("reading the body: {e}"))),
                        };
                    }
                    let retry_after = header("retry-after")
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(|s| Duration::from_secs(s.min(60)));
                    let retryable = status == 429 || status >= 500;
                    (retryable, format!("HTTP {status}"), retry_after)
                }
                Err(e) => {
                    let retryable = matches!(
                        e,
                        ureq::Error::Timeout(_)
                            | ureq::Error::Io(_)
                            | ureq::Error::ConnectionFailed
                            | ureq::Error::HostNotFound
                    );
                    let what = match e {
                        ureq::Error::Timeout(_) => {
                            format!("timed out after {:?}", self.cfg.timeout)
                        }
                        e => e.to_string(),
                    };
                    (retryable, what, None)
                }
            };
            if !retryable || attempt >= self.cfg.retries {
                let tries = attempt + 1;
                return Err(fetch_err(if tries > 1 {
                    format!("{err} ({tries} attempts)")
                } else {
                    err
                }));
            }
            let backoff = retry_after.unwrap_or(self.cfg.backoff * 2u32.pow(attempt));
            Fetcher::sleep_until(Instant::now() + backoff, cancel)?;
            attempt += 1;
        }
    }
}

fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Adds `urls` to the watched feeds, then polls every watched feed once.
pub fn watch_once(
    store: &mut Store,
    urls: &[String],
    cfg: &WatchConfig,
    cancel: &Cancel,
) -> Result<WatchReport> {
    if !urls.is_empty() {
        store.add_feeds(urls)?;
    }
    let mut fetcher = Fetcher::new(cfg.clone());
    let mut report = WatchReport::default();
    for state in store.feeds()? {
        cancel.check()?;
        let st = poll_feed(
            store,
            &mut fetcher,
            state,
            &mut report.ingest,
            &mut report.stored,
            cancel,
        )?;
        report.feeds.push(st);
    }
    Ok(report)
}

/// Polls one feed and stores its new status; what became of each item read goes to
/// `stored`. Errors of the feed (unreachable, not a feed, too large) go into its status;
/// only a busy store or cancellation stop the caller.
pub fn poll_feed(
    store: &mut Store,
    fetcher: &mut Fetcher,
    mut state: FeedState,
    report: &mut IngestReport,
    stored: &mut Vec<StoredItem>,
    cancel: &Cancel,
) -> Result<FeedState> {
    state.checked_at = Some(now_utc());
    let max = fetcher.cfg.max_feed_bytes;
    let fetched = fetcher.get(
        &state.url,
        state.etag.clone().as_deref(),
        state.last_modified.clone().as_deref(),
        max,
        cancel,
    );
    let outcome = match fetched {
        Ok(Fetched::NotModified) => {
            state.status = "not modified".into();
            state.http_status = Some(304);
            state.message = Some("not modified since the last poll (HTTP 304)".into());
            Ok(())
        }
        Ok(Fetched::Body {
            bytes,
            charset,
            content_type,
            etag,
            last_modified,
            ..
        }) => {
            state.http_status = Some(200);
            if let Some(what) = not_a_feed(&state.url, &bytes, content_type.as_deref()) {
                Err(IntelError::BadInput {
                    path: state.url.clone().into(),
                    what,
                })
            } else {
                match read_feed(
                    store,
                    fetcher,
                    &state.url,
                    &bytes,
                    charset.as_deref(),
                    report,
                    stored,
                    cancel,
                ) {
                    Ok((items, added, message)) => {
                        state.etag = etag;
                        state.last_modified = last_modified;
                        state.status = "ok".into();
                        state.items = items;
                        state.added = added;
                        state.message = Some(message);
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => {
            state.success_at = state.checked_at.clone();
            state.failures = 0;
        }
        Err(e @ (IntelError::Busy { .. } | IntelError::Cancelled(_))) => return Err(e),
        Err(e) => {
            state.status = "error".into();
            state.failures += 1;
            state.message = Some(e.to_string());
            state.http_status = e
                .to_string()
                .split("HTTP ")
                .nth(1)
                .and_then(|s| s.get(..3))
                .and_then(|s| s.parse().ok());
        }
    }
    store.save_feed(&state)?;
    Ok(state)
}

/// Why a 200 response is no feed, said so that the user can act: an empty body, or an
/// HTML page (with the feed links the page advertises, `<link rel=alternate>`).
fn not_a_feed(url: &str, bytes: &[u8], content_type: Option<&str>) -> Option<String> {
    let ct = content_type.unwrap_or("no content-type");
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some(format!(
            "URL returned an empty body ({} bytes; HTTP 200, {ct}): not an RSS/Atom feed; check the feed URL",
            bytes.len()
        ));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start().trim_start_matches('\u{feff}');
    if !(head.starts_with("<!doctype html") || head.starts_with("<html")) {
        return None;
    }
    let page = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
    let feeds: Vec<String> = scraper::Selector::parse("link[rel~=alternate][href]")
        .map(|s| {
            page.select(&s)
                .filter(|l| {
                    l.value().attr("type").is_some_and(|t| {
                        let t = t.to_ascii_lowercase();
                        t.contains("rss") || t.contains("atom") || t.contains("feed+json")
                    })
                })
                .filter_map(|l| l.value().attr("href"))
                .map(|h| resolve_link(url, h).unwrap_or_else(|| h.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let hint = if feeds.is_empty() {
        "the page advertises no feed link; ingest the page itself with `cordon intel ingest`, or give the site's RSS/Atom URL".to_string()
    } else {
        format!(
            "did you mean the site's feed link? found: {}",
            feeds.join(", ")
        )
    };
    Some(format!(
        "URL returned an HTML page, not an RSS/Atom feed (HTTP 200, {ct}); {hint}"
    ))
}

/// Parses a fetched feed and ingests its new items (article pages fetched when
/// configured). Returns (items in the feed, records added or attached, message).
// The feed's URL, body and charset, the store and fetcher, and the two outputs (the
// ingest report and the per-item list) are all distinct borrows of the caller's state.
#[allow(clippy::too_many_arguments)]
fn read_feed(
    store: &mut Store,
    fetcher: &mut Fetcher,
    url: &str,
    bytes: &[u8],
    charset: Option<&str>,
    report: &mut IngestReport,
    stored: &mut Vec<StoredItem>,
    cancel: &Cancel,
) -> Result<(u64, u64, String)> {
    let text = ingest::decode_with(url, bytes, charset)?;
    let parsed = ingest::parse_feed_report(url, &text)?;
    let items = parsed.documents.len() as u64;
    report.skipped.extend(parsed.skipped.iter().cloned());
    let (mut added, mut known, mut failed, mut fallbacks, mut later) = (0u64, 0, 0, 0, 0);
    let mut changed: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut new_items = 0usize;
    for item in parsed.documents {
        cancel.check()?;
        // A known guid whose content changed is re-read and stored as a further source of
        // its incident (news sites update an article under the same guid).
        let earlier = match store.feed_item(&item)? {
            crate::store::FeedItem::Unchanged(_) => {
                known += 1;
                continue;
            }
            crate::store::FeedItem::New => None,
            crate::store::FeedItem::Changed { incident, .. } => Some(incident),
        };
        if new_items >= fetcher.cfg.max_items_per_poll {
            later += 1;
            continue;
        }
        new_items += 1;
        let link = item.url.as_deref().and_then(|l| resolve_link(url, l));
        if fetcher.cfg.fetch_articles
            && let Some(l) = &item.url
            && link.is_none()
        {
            notes.push(format!(
                "{l}: not an http(s) link; the feed item's text was used"
            ));
        }
        let link = match link {
            Some(l) if fetcher.cfg.fetch_articles && internal_elsewhere(url, &l) => {
                notes.push(format!(
                    "{l}: links to an internal address on another host than the feed's; not fetched, the feed item's text was used"
                ));
                None
            }
            l => l,
        };
        let doc = match (&link, fetcher.cfg.fetch_articles) {
            (Some(link), true) => match fetch_article(fetcher, url, link, &item, cancel) {
                Ok(d) => d,
                Err(e @ IntelError::Cancelled(_)) => return Err(e),
                Err(e) => {
                    let fallback = !item.body.trim().is_empty();
                    notes.push(format!(
                        "{e}{}",
                        if fallback {
                            "; the feed item's text was used"
                        } else {
                            ""
                        }
                    ));
                    if !fallback {
                        failed += 1;
                        report.failed.push(crate::store::Failed {
                            source: link.clone(),
                            error: e.to_string(),
                        });
                        continue;
                    }
                    fallbacks += 1;
                    item.clone()
                }
            },
            _ => item.clone(),
        };
        let item_name = item
            .guid
            .clone()
            .or_else(|| item.url.clone())
            .unwrap_or_else(|| item.source.clone());
        let mut listed = |outcome: &'static str, id: &str, incident: &str| {
            stored.push(StoredItem {
                feed: url.to_string(),
                outcome,
                id: id.to_string(),
                incident: incident.to_string(),
                item: item_name.clone(),
                title: doc.title.clone().or_else(|| item.title.clone()),
            })
        };
        let r = match &earlier {
            Some(incident) => {
                let mut r = store.ingest_new_version(&doc, &item, incident, cancel)?;
                match (r.attached.first(), r.duplicates.first()) {
                    (Some(a), _) => changed.push(format!(
                        "{}: re-read and stored as {}, a further source of {}",
                        item.guid.as_deref().unwrap_or(&item.source),
                        a.id,
                        a.incident
                    )),
                    (None, Some((_, id))) => changed.push(format!(
                        "{}: the feed item changed but the text read is the one stored ({id})",
                        item.guid.as_deref().unwrap_or(&item.source)
                    )),
                    _ => {}
                }
                // A changed item is an updated article, as `cordon intel ingest` reports
                // a changed page (same guid or URL).
                r.updated.append(&mut r.attached);
                for a in &r.updated {
                    listed("updated", &a.id, &a.incident);
                }
                r
            }
            None => {
                let r = store.ingest_documents_with(std::slice::from_ref(&doc), cancel)?;
                for id in r.added.iter().chain(r.attached.iter().map(|a| &a.id)) {
                    store.note_feed_item(id, &item)?;
                }
                for id in &r.added {
                    listed("new", id, id);
                }
                for a in &r.attached {
                    listed("attached", &a.id, &a.incident);
                }
                for a in &r.updated {
                    listed("updated", &a.id, &a.incident);
                }
                r
            }
        };
        for (_, id) in &r.duplicates {
            let incident = store
                .incident(id)
                .map(|i| i.record.id)
                .unwrap_or_else(|_| id.clone());
            listed("duplicate", id, &incident);
        }
        added += (r.added.len() + r.attached.len() + r.updated.len()) as u64;
        failed += r.failed.len() as u64;
        known += r.duplicates.len() as u64;
        merge_reports(report, r);
    }
    let mut message = format!("{items} items: {added} added, {known} already stored");
    if !changed.is_empty() {
        message.push_str(&format!(
            ", {} changed since {} stored ({})",
            changed.len(),
            if changed.len() == 1 {
                "it was"
            } else {
                "they were"
            },
            changed.join("; ")
        ));
    }
    if failed > 0 {
        message.push_str(&format!(", {failed} failed"));
    }
    if fallbacks > 0 {
        message.push_str(&format!(", {fallbacks} from the feed text"));
    }
    if later > 0 {
        message.push_str(&format!(", {later} left for the next poll"));
    }
    if !parsed.skipped.is_empty() {
        message.push_str(&format!(", {} empty items skipped", parsed.skipped.len()));
    }
    if !notes.is_empty() {
        message.push_str(" — ");
        message.push_str(&notes.join("; "));
    }
    Ok((items, added, message))
}

fn merge_reports(into: &mut IngestReport, r: IngestReport) {
    into.documents += r.documents;
    into.added.extend(r.added);
    into.attached.extend(r.attached);
    into.updated.extend(r.updated);
    into.duplicates.extend(r.duplicates);
    into.failed.extend(r.failed);
    into.skipped.extend(r.skipped);
}

/// Fetches the page a feed item links to and reads it as the item's article, keeping the
/// item's guid, and its title and date when the page has none.
fn fetch_article(
    fetcher: &mut Fetcher,
    feed_url: &str,
    link: &str,
    item: &Document,
    cancel: &Cancel,
) -> Result<Document> {
    let max = fetcher.cfg.max_page_bytes;
    let Fetched::Body {
        bytes,
        charset,
        content_type,
        final_url,
        ..
    } = fetcher.get(link, None, None, max, cancel)?
    else {
        return Err(IntelError::Fetch {
            url: link.into(),
            what: "unexpected 304 Not Modified".into(),
        });
    };
    if final_url != link && internal_elsewhere(feed_url, &final_url) {
        return Err(IntelError::Fetch {
            url: link.into(),
            what: format!("redirected to an internal address ({final_url}); not used"),
        });
    }
    if let Some(ct) = content_type.as_deref()
        && !(ct.contains("html") || ct.starts_with("text/"))
    {
        return Err(IntelError::Fetch {
            url: link.into(),
            what: format!("not an HTML page ({ct})"),
        });
    }
    let text = ingest::decode_with(link, &bytes, charset.as_deref())?;
    let page = ingest::parse_report(&format!("{link}.html"), &text)?;
    let Some(mut doc) = page.documents.into_iter().next() else {
        return Err(IntelError::Fetch {
            url: link.into(),
            what: "no article text on the page".into(),
        });
    };
    doc.source = item.source.clone();
    doc.format = Format::Html;
    doc.guid = item.guid.clone();
    doc.url = doc.url.or_else(|| Some(link.to_string()));
    if doc.title.is_none() {
        doc.title = item.title.clone();
    }
    if doc.published.is_none() {
        doc.published = item.published.clone();
    }
    Ok(doc)
}

/// An item's link resolved against the feed's URL; `None` unless it is http(s).
pub fn resolve_link(feed_url: &str, link: &str) -> Option<String> {
    let base = url::Url::parse(feed_url).ok()?;
    let u = base.join(link.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// True when `target` is on another host than `feed_url` and that host is (or resolves
/// to) a loopback, private, link-local, shared or unspecified address.
pub fn internal_elsewhere(feed_url: &str, target: &str) -> bool {
    use std::net::{IpAddr, ToSocketAddrs};
    let (Ok(f), Ok(t)) = (url::Url::parse(feed_url), url::Url::parse(target)) else {
        return true;
    };
    let Some(host) = t.host_str() else {
        return true;
    };
    if f.host_str() == Some(host) {
        return false;
    }
    let internal = |ip: IpAddr| match ip {
        IpAddr::V4(v) => {
            v.is_loopback()
                || v.is_private()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_broadcast()
                || (v.octets()[0] == 100 && (v.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v) => {
            v.is_loopback()
                || v.is_unspecified()
                || (v.segments()[0] & 0xfe00) == 0xfc00
                || (v.segments()[0] & 0xffc0) == 0xfe80
                || v.to_ipv4_mapped()
                    .is_some_and(|m| m.is_loopback() || m.is_private())
        }
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return internal(ip);
    }
    if bare.eq_ignore_ascii_case("localhost") || bare.ends_with(".localhost") {
        return true;
    }
    let port = t.port_or_known_default().unwrap_or(80);
    match (bare, port).to_socket_addrs() {
        Ok(addrs) => addrs.map(|a| a.ip()).any(internal),
        // Unresolvable: the fetch will fail anyway; nothing internal is read.
        Err(_) => false,
    }
}

/// Polls the watched feeds of the store in `data` every `interval` until `cancel` is
/// cancelled (`cordon serve --watch-every`). Each round opens the store anew, so a round
/// never holds it between polls; a round's error is printed to stderr and the loop goes
/// on.
pub fn watch_loop(data: &Path, cfg: &WatchConfig, interval: Duration, cancel: &Cancel) {
    loop {
        let round = Store::open(data).and_then(|mut s| watch_once(&mut s, &[], cfg, cancel));
        match round {
            Ok(r) => {
                let added: u64 = r.feeds.iter().map(|f| f.added).sum();
                let errors = r.feeds.iter().filter(|f| f.status == "error").count();
                eprintln!(
                    "intel watch: {} feed(s) polled, {added} record(s) added, {errors} feed error(s)",
                    r.feeds.len()
                );
                for x in r.stored.iter().filter(|x| x.outcome != "duplicate") {
                    eprintln!(
                        "intel watch: {:<8} {} (incident {}) from {}",
                        x.outcome, x.id, x.incident, x.feed
                    );
                }
            }
            Err(IntelError::Cancelled(_)) => return,
            Err(e) => eprintln!("intel watch: {e}"),
        }
        if Fetcher::sleep_until(Instant::now() + interval, cancel).is_err() {
            return;
        }
    }
}

/// Starts [`watch_loop`] on its own thread; cancel the returned token to stop it.
pub fn spawn_watch(
    data: PathBuf,
    cfg: WatchConfig,
    interval: Duration,
) -> (std::thread::JoinHandle<()>, Cancel) {
    let cancel = Cancel::new();
    let c = cancel.clone();
    let h = std::thread::spawn(move || watch_loop(&data, &cfg, interval, &c));
    (h, cancel)
}

#[cfg(test)]
mod not_a_feed_tests {
    use super::not_a_feed;

    #[test]
    fn empty_and_html_bodies_are_explained() {
        let e = not_a_feed("https://x.example/f.rss", b"", Some("application/rss+xml")).unwrap();
        assert!(
            e.contains("empty body (0 bytes") && e.contains("application/rss+xml"),
            "{e}"
        );
        let page = br#"<!DOCTYPE html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>"#;
        let e = not_a_feed("https://x.example/news/", page, Some("text/html")).unwrap();
        assert!(
            e.contains("HTML page") && e.contains("https://x.example/atom.xml"),
            "{e}"
        );
        let e = not_a_feed("https://x.example/", b"<html><body>hi</body></html>", None).unwrap();
        assert!(e.contains("cordon intel ingest"), "{e}");
        assert!(not_a_feed("u", b"<?xml version=\"1.0\"?><rss/>", None).is_none());
    }
}
