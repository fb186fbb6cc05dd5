//! `cordon intel …`: incident intelligence — ingest incident reporting, search the store,
//! show records, render reports and exports, replay an incident as a scenario, measure
//! extraction quality. All logic lives in `cordon-intel`; this module parses and prints.

use cordon_report::words::count;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use cordon_intel::store::{SearchQuery, Store, data_dir};

/// Where the incident store lives.
#[derive(Args, Clone, Debug)]
pub struct DataArg {
    /// Data directory holding intel.sqlite3 [default: $CORDON_DATA, else ./.cordon]
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

impl DataArg {
    fn open(&self) -> anyhow::Result<Store> {
        let dir = data_dir(self.data.as_deref());
        Ok(Store::open(&dir)?)
    }
}

#[derive(Subcommand)]
pub enum IntelCommand {
    /// Ingest articles (text, HTML, RSS/Atom feeds, directories, `-` for stdin) into the store.
    #[command(after_help = "\
Examples:
  cordon intel ingest examples/intel/              # a directory, recursively
  cordon intel ingest news.html feed.rss           # files of any of the formats
  curl -s https://example.org/article | cordon intel ingest -
  cordon intel ingest --data /srv/cordon examples/intel/

Output, one line per document, then a summary line:
  added      INC-…  TITLE                 a new incident
  attached   INC-…  as a further source of INC-…   a new report of a stored incident
  updated    INC-…  newer version …, a further source of INC-…
  duplicate  INC-…  SOURCE                already stored
(skipped and failed documents go to stderr; --quiet prints only the summary).

Each document is stored in its own transaction: an unreadable file or a bad
page is reported (exit status 2) and the rest of the batch is stored. The same
article ingested twice (same feed guid, canonical URL or content) is stored
once and reported as a duplicate; an updated article (same guid or canonical
URL, changed text) is re-read and stored as a further source of its incident,
reported as `updated` (the same path `watch` takes for a changed item). A new
report of an incident already stored (same victim, overlapping dates) is
attached to it as a further source (`cordon intel show` lists the sources).
HTML pages are read without their furniture (menus, ads, comments, related
headlines and teaser lists). Feed items without title and text,
symbolic-link loops and HTML nested past the depth limit are reported as
skipped. Pages declaring ISO-8859-1, Shift_JIS or another charset are decoded;
undeclared legacy text (e.g. a Latin-1 .txt) is decoded in the guessed encoding.
Two ingests (or an ingest and the server) may write the same store at once:
each waits its turn (up to 30 s per document, then \"busy, retry\").")]
    Ingest(IngestArgs),
    /// Full-text search over ingested incidents, with filters.
    #[command(after_help = "\
Examples:
  cordon intel search ransomware
  cordon intel search \"ambulances diverted\" --country BE
  cordon intel search lockbit --country UK        # every source's text is searched
  cordon intel search --technique T1486 --since 2023-01-01
  cordon intel search --sector healthcare --country Belgium --format json
  cordon intel search ransomware --country Pays-Bas   # = NL (also Nederland, Niederlande)
  cordon intel search --technique TA0010          # a tactic: exfiltration")]
    Search(SearchArgs),
    /// Show one incident record (id or unique id prefix).
    #[command(after_help = "\
Examples:
  cordon intel show INC-3f2a9c41d0b7
  cordon intel show 3f2a --format json            # the stable record schema")]
    Show(ShowArgs),
    /// Render an incident's analysis report or an export (Markdown, HTML, JSON, STIX 2.1, VERIS).
    #[command(after_help = "\
Examples:
  cordon intel report INC-3f2a9c41d0b7                       # Markdown to stdout
  cordon intel report 3f2a --format html -o incident.html
  cordon intel report 3f2a --format stix > bundle.json       # STIX 2.1 bundle
  cordon intel report 3f2a --format veris                    # VERIS 1.4 JSON")]
    Report(ReportArgs),
    /// Write an incident's actions and impacts as a containment scenario for a model.
    #[command(after_help = "\
Examples:
  cordon intel replay 3f2a --model examples/hospital-group/
  cordon intel replay 3f2a --model examples/hospital-group/ --run
  cordon intel replay 3f2a --model hospital/ -o what-if.scenario.yaml

The scenario (YAML: name, source_incident, steps of compromise / shutdown /
isolate / encrypt / restore with a `because:` sentence each) speaks in catalog
roles (`role:servers`, `role:workstations`, `role:backups` …), which the
containment engine expands on the model. Without --run the model is only named
in the scenario; with --run it is loaded and the scenario runs against it, with
a warning for every step that selects nothing. Run a saved scenario with
`cordon scenario MODEL FILE`, plan the way back with `cordon recover MODEL FILE`.")]
    Replay(ReplayArgs),
    /// Poll RSS/Atom feeds over HTTP(S) and ingest their new items (linked articles fetched).
    #[command(after_help = "\
Examples:
  cordon intel watch https://example.org/health-security.rss     # add a feed, poll once
  cordon intel watch                                              # poll every watched feed once
  cordon intel watch --feeds feeds.txt --every 30                 # poll every 30 minutes
  cordon intel watch --status                                     # each feed's last status
  cordon intel watch --remove https://example.org/typo.rss       # stop watching a feed
  cordon serve --watch-every 30                                   # the server polls them

Feeds given once are kept in the store (table `feeds`) and polled on every later run.
Each poll is a conditional GET (ETag / Last-Modified: 304 means nothing new); each new
item's linked page is fetched and read as the article (its guid, title and date kept);
when that page cannot be fetched (too large, timed out, not HTML) the feed item's own
text is used and the feed's status says so. Requests have a whole-call timeout and a
size limit, requests to one host are spaced by --host-delay-ms, and timeouts,
connection errors, 429 and 5xx are retried with exponential backoff. Exit status 0
when at least one feed polled fine (each feed's status line names the failed ones);
2 when every feed failed, or on a usage error. Limits: docs/limits.md.

Output of a poll: each feed's status line (status, time, URL, what it read), then one
line per item stored, with the record id and the incident it belongs to:
  new        INC-…  new incident                          TITLE
  attached   INC-…  a further source of INC-…             TITLE
  updated    INC-…  updated: the item changed since it was stored, … of INC-…
  duplicate  INC-…  already stored (incident INC-…)
and a summary line on stderr. --format json gives the feeds, each with a `stored`
array (outcome, id, incident, item, title).")]
    Watch(WatchArgs),
    /// Measure extraction precision and recall against NAME.expected.json answer files.
    #[command(after_help = "\
Examples:
  cordon intel eval examples/intel/
  cordon intel eval examples/intel/ --verbose      # every difference
  cordon intel eval examples/intel/ --format json

Answer files: next to each article NAME.html/.txt/.rss sits NAME.expected.json, the
facts a careful reader codes from that article alone. For an article, one object:
  {\"victims\": [\"AZ Voorbeeld\"], \"org_type\": \"hospital\", \"sector\": \"healthcare\",
   \"country\": \"BE\", \"city\": \"Ghent\", \"incident_date\": \"2024-03-06\",
   \"discovery_date\": null, \"publication_date\": \"2024-03-08\",
   \"cia\": {\"confidentiality\": true, \"integrity\": null, \"availability\": true},
   \"motives\": [], \"threat_actors\": [\"LockBit\"], \"techniques\": [\"T1486\"],
   \"impacts\": [\"2000 people\", \"USD 1000000\"], \"response_actions\": [], \"iocs\": []}
For a feed, an array of such objects, each with the item's \"guid\" (items are matched
by guid). null (or an empty list) means \"not stated\" in the article. Counts of
people whose data was taken are \"N people\" (coding rule 13). The coding rules are
in docs/intel.md \"Coding rules\"; the measured figures in \"Measured quality\".

Output: a table per field and per language — precision (share of extracted values
that are expected), recall (share of expected values extracted), F1, and the counts
tp (right), fp (extracted, not expected) and fn (expected, missed). --verbose first
lists per document each `missing` (expected, not extracted) and `extra` (extracted,
not expected) value. Nothing is stored: the store is not opened.")]
    Eval(EvalArgs),
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories (recursive) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Args)]
pub struct WatchArgs {
    /// Feed URLs (http:// or https://) to add to the watched feeds before polling.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Also add the feed URLs in this file (one a line; blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    /// Poll again every this many minutes until interrupted [default: poll once].
    #[arg(long, value_name = "MINUTES")]
    pub every: Option<u64>,
    /// Print each watched feed's last status and exit without polling.
    #[arg(long)]
    pub status: bool,
    /// Stop watching this feed URL (as listed by --status; repeatable) and exit without
    /// polling. Incidents already read from it stay in the store.
    #[arg(long, value_name = "URL")]
    pub remove: Vec<String>,
    /// Whole-request timeout in seconds (connect, headers and body).
    #[arg(long, value_name = "SECONDS", default_value_t = 20)]
    pub timeout: u64,
    /// Largest feed or page read, in bytes (5242880 = 5 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = 5 << 20)]
    pub max_bytes: u64,
    /// Least time between two requests to the same host, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub host_delay_ms: u64,
    /// Retries after a timeout, connection error, 429 or 5xx (backoff 1 s, doubled each time).
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Do not fetch linked articles; the feed item's text is the article.
    #[arg(long)]
    pub feed_text_only: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub data: DataArg,
}

/// The intel listings' output format: the CLI's one text-or-JSON choice.
pub use super::common::TextOrJson as ListFormat;

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all must occur; `word*` for a prefix). Omit to list by filters.
    pub query: Option<String>,
    /// Sector or victim type (healthcare, hospital, clinic, care home…).
    #[arg(long)]
    pub sector: Option<String>,
    /// Country: ISO code (BE; UK = GB, EL = GR), a name in English, Dutch, French or
    /// German or the country's own name (Netherlands, Nederland, Pays-Bas, Niederlande;
    /// table crates/intel/data/countries.tsv), or a demonym (Belgian). Case does not
    /// matter. An unknown country is refused with the closest names, never answered
    /// with an empty list.
    #[arg(long)]
    pub country: Option<String>,
    /// Incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Incidents on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// ATT&CK technique (T1486; sub-techniques included) or tactic (TA0010).
    #[arg(long, value_name = "ID")]
    pub technique: Option<String>,
    /// At most this many results.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Args)]
pub struct ShowArgs {
    /// Incident id (INC-…) or a unique prefix.
    pub id: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown analysis report.
    Md,
    /// HTML analysis report (all article text escaped).
    Html,
    /// The incident record (stable schema, docs/intel.md).
    Json,
    /// STIX 2.1 bundle.
    Stix,
    /// VERIS 1.4 record.
    Veris,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Incident id (INC-…) or a unique prefix.
    pub id: String,
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Args)]
pub struct ReplayArgs {
    /// Incident id (INC-…) or a unique prefix.
    pub id: String,
    /// The model the scenario is meant for.
    #[arg(long, value_name = "MODEL")]
    pub model: PathBuf,
    /// Write the scenario to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also run the scenario against MODEL with the containment engine and
    /// print what happens after each step (as `cordon scenario` does).
    #[arg(long)]
    pub run: bool,
    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of articles with NAME.expected.json answer files.
    pub dir: PathBuf,
    /// Print every difference between extraction and expected answers.
    #[arg(long, short)]
    pub verbose: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

fn write_out(output: &Option<PathBuf>, text: &str) -> anyhow::Result<()> {
    match output {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub fn run(cmd: IntelCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        IntelCommand::Ingest(a) => {
            let (inputs, walk_skipped) = cordon_intel::ingest::expand_inputs_noted(&a.paths)?;
            if inputs.is_empty() {
                anyhow::bail!(
                    "no articles found in {} (looked for .{} files)",
                    a.paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    cordon_intel::ingest::DIR_EXTENSIONS.join(", .")
                );
            }
            let mut store = a.data.open()?;
            let mut report = store.ingest(&inputs, std::io::stderr().is_terminal())?;
            report.skipped.splice(0..0, walk_skipped);
            if !a.quiet {
                for id in &report.added {
                    let rec = store.get(id)?;
                    println!("added      {id}  {}", rec.title);
                }
                for x in &report.attached {
                    println!(
                        "attached   {}  as a further source of {}  {}",
                        x.id, x.incident, x.source
                    );
                }
                for x in &report.updated {
                    println!(
                        "updated    {}  newer version of a stored article (same guid or URL, text changed), a further source of {}  {}",
                        x.id, x.incident, x.source
                    );
                }
                for (src, id) in &report.duplicates {
                    println!("duplicate  {id}  {src}");
                }
            }
            for x in &report.skipped {
                eprintln!("skipped    {}: {}", x.source, x.reason);
            }
            for x in &report.failed {
                eprintln!("failed     {}", x.error);
            }
            println!(
                "{}, {}, {} updated, {}, {} failed, {} skipped from {} in {}; store: {} ({})",
                count(report.added.len(), "new incident"),
                count(report.attached.len(), "further source"),
                report.updated.len(),
                count(report.duplicates.len(), "duplicate"),
                report.failed.len(),
                report.skipped.len(),
                count(report.documents, "document"),
                count(report.inputs, "input"),
                store.path().display(),
                count(store.count()?, "incident")
            );
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        IntelCommand::Search(a) => {
            let store = a.data.open()?;
            let q = SearchQuery {
                text: a.query.clone(),
                sector: a.sector.clone(),
                country: a.country.clone(),
                since: a.since.clone(),
                until: a.until.clone(),
                technique: a.technique.clone(),
                limit: a.limit,
            };
            let hits = store.search(&q)?;
            match a.format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&hits)?),
                ListFormat::Text => {
                    // The date column is as wide as its widest label ("… (published)").
                    let w = hits
                        .iter()
                        .map(|h| h.date_label().len())
                        .max()
                        .unwrap_or(10);
                    for h in &hits {
                        println!(
                            "{}  {:<w$}  {:<2}  {:<32}  {}",
                            h.id,
                            h.date_label(),
                            h.country.as_deref().unwrap_or("-"),
                            truncate(h.victim.as_deref().unwrap_or("-"), 32),
                            h.title
                        );
                    }
                    eprintln!("{} result(s)", hits.len());
                }
            }
            Ok(if hits.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        IntelCommand::Show(a) => {
            let store = a.data.open()?;
            let inc = store.incident(&a.id)?;
            match a.format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&inc)?),
                ListFormat::Text => {
                    print!("{}", cordon_intel::report::summary_text(&inc.record));
                    print!("{}", sources_text(&inc));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        IntelCommand::Report(a) => {
            let store = a.data.open()?;
            let inc = store.incident(&a.id)?;
            let r = &inc.record;
            let text = match a.format {
                ReportFormat::Md => cordon_intel::report::markdown_incident(&inc),
                ReportFormat::Html => cordon_intel::report::html_incident(&inc),
                ReportFormat::Json => serde_json::to_string_pretty(&inc)? + "\n",
                ReportFormat::Stix => {
                    serde_json::to_string_pretty(&cordon_intel::stix::bundle(r))? + "\n"
                }
                ReportFormat::Veris => {
                    serde_json::to_string_pretty(&cordon_intel::veris::record(r))? + "\n"
                }
            };
            write_out(&a.output, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        IntelCommand::Replay(a) => {
            let store = a.data.open()?;
            let r = store.get(&a.id)?;
            let s = cordon_intel::replay::scenario(&r, &a.model);
            let yaml = cordon_intel::replay::to_yaml(&s);
            if !a.run || a.output.is_some() {
                write_out(&a.output, &yaml)?;
            }
            if let Some(p) = &a.output {
                eprintln!("wrote {} ({})", p.display(), count(s.steps.len(), "step"));
            }
            if a.run {
                let model = super::common::load_model(&a.model)?;
                let name = a
                    .output
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("replay.yaml"));
                let scenario = cordon_containment::Scenario::from_yaml(&yaml, &name)?;
                super::scenario::report(&model, &scenario, super::common::TextOrJson::Text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        IntelCommand::Watch(a) => watch(a),
        IntelCommand::Eval(a) => {
            let report = cordon_intel::eval::evaluate_dir(&a.dir)?;
            if report.documents == 0 {
                anyhow::bail!(
                    "{}: no article with a NAME.expected.json answer file",
                    a.dir.display()
                );
            }
            match a.format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                ListFormat::Text => {
                    if a.verbose {
                        for d in &report.per_document {
                            if !d.differences.is_empty() {
                                println!("{}", d.source);
                                for x in &d.differences {
                                    println!("  {x}");
                                }
                            }
                        }
                        println!();
                    }
                    print!("{}", report.table());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Each feed's status line; after a poll (`stored` given), under each feed the items it
/// stored: the record id, and whether it is a new incident, a further source of a
/// stored one, an updated version or a duplicate. JSON: the feeds, each with a `stored`
/// array after a poll.
fn print_feeds(
    feeds: &[cordon_intel::store::FeedState],
    stored: Option<&[cordon_intel::watch::StoredItem]>,
    format: ListFormat,
) -> anyhow::Result<()> {
    #[derive(serde::Serialize)]
    struct Polled<'a> {
        #[serde(flatten)]
        feed: &'a cordon_intel::store::FeedState,
        stored: Vec<&'a cordon_intel::watch::StoredItem>,
    }
    let of = |url: &str| -> Vec<&cordon_intel::watch::StoredItem> {
        stored
            .unwrap_or_default()
            .iter()
            .filter(|s| s.feed == url)
            .collect()
    };
    match format {
        ListFormat::Json if stored.is_some() => {
            let polled: Vec<Polled> = feeds
                .iter()
                .map(|f| Polled {
                    feed: f,
                    stored: of(&f.url),
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&polled)?)
        }
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(feeds)?),
        ListFormat::Text => {
            for f in feeds {
                println!(
                    "{:<12}  {}  {}  {}",
                    f.status,
                    f.checked_at.as_deref().unwrap_or("never"),
                    f.url,
                    f.message.as_deref().unwrap_or("")
                );
                for x in of(&f.url) {
                    let what = match x.outcome {
                        "new" => "new incident".to_string(),
                        "attached" => format!("a further source of {}", x.incident),
                        "updated" => format!(
                            "updated: the item changed since it was stored, this version is a further source of {}",
                            x.incident
                        ),
                        _ => format!("already stored (incident {})", x.incident),
                    };
                    println!(
                        "  {:<10} {}  {}  {}",
                        x.outcome,
                        x.id,
                        what,
                        x.title.as_deref().unwrap_or(&x.item)
                    );
                }
            }
        }
    }
    Ok(())
}

fn watch(a: WatchArgs) -> anyhow::Result<ExitCode> {
    use cordon_intel::watch::{WatchConfig, watch_once};
    let mut urls = a.urls.clone();
    if let Some(f) = &a.feeds {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        urls.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    for u in &urls {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            anyhow::bail!(
                "{u}: not an http:// or https:// URL (for files, use `cordon intel ingest`)"
            );
        }
    }
    let mut store = a.data.open()?;
    if !a.remove.is_empty() {
        let unknown = store.remove_feeds(&a.remove)?;
        for u in &a.remove {
            if !unknown.contains(u) {
                println!("removed    {u}");
            }
        }
        if !unknown.is_empty() {
            anyhow::bail!(
                "not a watched feed: {} (see `cordon intel watch --status` for the exact URLs)",
                unknown.join(", ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if a.status {
        print_feeds(&store.feeds()?, None, a.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    let cfg = WatchConfig {
        timeout: std::time::Duration::from_secs(a.timeout.max(1)),
        max_feed_bytes: a.max_bytes,
        max_page_bytes: a.max_bytes,
        host_delay: std::time::Duration::from_millis(a.host_delay_ms),
        retries: a.retries,
        fetch_articles: !a.feed_text_only,
        ..Default::default()
    };
    let cancel = cordon_intel::ingest::Cancel::default();
    let mut first = true;
    loop {
        let r = watch_once(&mut store, if first { &urls } else { &[] }, &cfg, &cancel)?;
        first = false;
        if r.feeds.is_empty() {
            anyhow::bail!("no feeds to watch: give a feed URL (`cordon intel watch URL`)");
        }
        print_feeds(&r.feeds, Some(&r.stored), a.format)?;
        for x in &r.ingest.skipped {
            eprintln!("skipped    {}: {}", x.source, x.reason);
        }
        for x in &r.ingest.failed {
            eprintln!("failed     {}: {}", x.source, x.error);
        }
        let errors = r.feeds.iter().filter(|f| f.status == "error").count();
        eprintln!(
            "{} feed(s): {} new incident(s), {} further source(s), {} updated, {} feed error(s)",
            r.feeds.len(),
            r.ingest.added.len(),
            r.ingest.attached.len(),
            r.ingest.updated.len(),
            errors
        );
        match a.every {
            Some(m) => std::thread::sleep(std::time::Duration::from_secs(m.max(1) * 60)),
            None => {
                // Exit 2 only when every feed failed: one broken feed among working
                // ones is shown in its status line, not a red cron job for ever.
                return Ok(if errors > 0 && errors == r.feeds.len() {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                });
            }
        }
    }
}

/// The sources of an incident and what they add or disagree on, as text.
fn sources_text(inc: &cordon_intel::Incident) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if inc.sources.len() < 2 {
        return out;
    }
    let _ = writeln!(out, "\nSources ({}):", inc.sources.len());
    for s in &inc.sources {
        let _ = writeln!(
            out,
            "  {}  {:<8} {}  {}",
            s.id,
            s.role,
            s.published.as_deref().unwrap_or("-"),
            s.url.as_deref().unwrap_or(&s.path)
        );
    }
    for v in &inc.supplements {
        let _ = writeln!(
            out,
            "  + {}: {} (from {}: \"{}\")",
            v.field,
            v.value,
            v.source,
            truncate(&v.evidence.sentence, 100)
        );
    }
    for c in &inc.conflicts {
        let vals: Vec<String> = c
            .values
            .iter()
            .map(|v| format!("{} ({})", v.value, v.source))
            .collect();
        let _ = writeln!(out, "  ! {} differs: {}", c.field, vals.join(" vs "));
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n - 1).collect();
        format!("{t}…")
    }
}
