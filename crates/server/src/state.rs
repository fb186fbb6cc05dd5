//! Application state: the loaded model with its precomputed views, the incident store
//! (a small pool of read connections and one writer), the token verifier.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use cordon_intel::{SearchHit, SearchQuery, Store};
use cordon_model::Model;

use crate::auth::Auth;
use crate::embedded::{ExampleIncidents, ExampleModel};
use crate::error::{Error, Result};
use crate::scenario::Named;

/// How to run the server.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// Data directory (incident store, token hash, the example model copy).
    pub data: PathBuf,
    /// Model file or directory; default `DATA/model/` (the embedded example on first start).
    pub model: Option<PathBuf>,
    /// Where to write the token for automation.
    pub token_file: Option<PathBuf>,
    /// Load the example incidents on first start.
    pub examples: bool,
    /// Write the URL here once listening (scripts wait for it).
    pub ready_file: Option<PathBuf>,
    /// Read connections to the store.
    pub readers: usize,
    /// Connection limits (header-read / idle timeout, open connections).
    pub limits: crate::ConnLimits,
    /// Requests taking longer are answered 408 and their work is cancelled.
    pub request_timeout: std::time::Duration,
    /// A body with a `Content-Length` must arrive within this grace period plus its length
    /// at [`Config::body_min_rate`] (slow-body attacks; see `slowbody.rs`).
    pub body_grace: std::time::Duration,
    /// Minimum average upload rate of a request body, bytes per second, after the grace.
    pub body_min_rate: u64,
    /// How long a write waits for the incident store while another process (the CLI)
    /// writes it, before the request is answered 503 with `Retry-After`. Below
    /// [`crate::REQUEST_TIMEOUT`], so the client gets "busy, retry" rather than a timeout.
    pub store_busy_timeout: std::time::Duration,
    /// Always mark the session cookie `Secure` (the server sits behind a TLS proxy that
    /// does not send `X-Forwarded-Proto: https`; with that header it is marked anyway).
    pub secure_cookie: bool,
}

impl Config {
    pub fn new(data: PathBuf) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data,
            model: None,
            token_file: None,
            examples: true,
            ready_file: None,
            readers: 4,
            limits: crate::ConnLimits::default(),
            request_timeout: crate::REQUEST_TIMEOUT,
            body_grace: BODY_GRACE,
            body_min_rate: BODY_MIN_RATE,
            store_busy_timeout: STORE_BUSY_TIMEOUT,
            secure_cookie: false,
        }
    }
}

/// The model with what the pages need, computed once per load.
pub struct Estate {
    pub model: Model,
    pub path: PathBuf,
    pub exposure: serde_json::Value,
    /// The services view (`cordon services --format json`), or why it could not be
    /// computed within [`SERVICES_TIME_LIMIT`] / [`SERVICES_MEMORY_LIMIT`].
    pub services: std::result::Result<serde_json::Value, String>,
    /// Scenarios the board offers (see [`crate::scenario::builtin`]).
    pub scenarios: Vec<Named>,
    /// Scenario files beside the model that could not be read, with the reason.
    pub scenario_problems: Vec<String>,
    pub estate_dot: String,
    pub exposure_dot: String,
    /// `dot -Tsvg` output, when Graphviz is installed.
    pub estate_svg: Option<String>,
    pub exposure_svg: Option<String>,
}

/// Values for the filter menus of the incident list.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Facets {
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub total: usize,
}

struct Inner {
    data: PathBuf,
    estate: RwLock<Arc<Estate>>,
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
    writer: Mutex<Store>,
    auth: Auth,
    facets: RwLock<Arc<Facets>>,
    secure_cookie: bool,
    request_timeout: std::time::Duration,
    body_rate: (std::time::Duration, u64),
}

/// Shared state of the handlers (cheap to clone).
#[derive(Clone)]
pub struct App(Arc<Inner>);

pub use cordon_intel::ingest::Cancel;

/// Default [`Config::body_grace`].
pub const BODY_GRACE: std::time::Duration = std::time::Duration::from_secs(5);
/// Default [`Config::body_min_rate`]: 16 KiB/s (a 2 MiB upload may take 2 min 13 s, more
/// than the request time allows anyway).
pub const BODY_MIN_RATE: u64 = 16 * 1024;

/// Default [`Config::store_busy_timeout`].
pub const STORE_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Cancels a request's blocking work when dropped: the handler holds it, so when the
/// request times out (408) or the client goes away, the handler future — and the guard —
/// is dropped and the work stops before it stores anything more.
pub struct CancelGuard(Cancel);

impl CancelGuard {
    /// A token for the blocking work (also cancelled once `timeout` has passed) and the
    /// guard that cancels it.
    pub fn new(timeout: std::time::Duration) -> (Cancel, CancelGuard) {
        let c = Cancel::new().with_deadline(std::time::Instant::now() + timeout);
        (c.clone(), CancelGuard(c))
    }
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Marker: the example incidents were loaded once (deleting records won't bring them back).
const EXAMPLES_MARKER: &str = "server-examples-loaded";

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source: e,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl App {
    /// Opens the data directory. First start: creates it, writes the example model to
    /// `DATA/model/` (unless `--model` is given), ingests the example incidents, generates
    /// the write token. Returns the app and the token when one was generated.
    pub fn open(config: &Config) -> Result<(App, Option<String>)> {
        let data = config.data.clone();
        std::fs::create_dir_all(&data).map_err(|e| io(&data, e))?;
        let model_path = match &config.model {
            Some(p) => p.clone(),
            None => {
                let dir = data.join("model");
                if !dir.exists() {
                    write_example_model(&dir)?;
                }
                dir
            }
        };
        let estate = {
            let p = model_path.clone();
            heavy_blocking(move || load_estate(&p))?
        };
        let mut writer = Store::open(&data)?;
        writer.set_busy_timeout(config.store_busy_timeout)?;
        let marker = data.join(EXAMPLES_MARKER);
        if config.examples && !marker.exists() {
            ingest_examples(&mut writer)?;
            std::fs::write(&marker, "examples/intel/ ingested on first start\n")
                .map_err(|e| io(&marker, e))?;
        }
        let readers = (0..config.readers.max(1))
            .map(|_| {
                let mut r = Store::open(&data)?;
                r.set_busy_timeout(config.store_busy_timeout)?;
                Ok(Mutex::new(r))
            })
            .collect::<Result<Vec<_>>>()?;
        let setup = Auth::load_or_create(&data, config.token_file.as_deref())?;
        let app = App(Arc::new(Inner {
            data,
            estate: RwLock::new(Arc::new(estate)),
            readers,
            next: AtomicUsize::new(0),
            writer: Mutex::new(writer),
            auth: setup.auth,
            facets: RwLock::new(Arc::new(Facets::default())),
            secure_cookie: config.secure_cookie,
            request_timeout: config.request_timeout,
            body_rate: (config.body_grace, config.body_min_rate),
        }));
        app.refresh_facets()?;
        Ok((app, setup.generated))
    }

    pub fn data_dir(&self) -> &Path {
        &self.0.data
    }

    pub fn auth(&self) -> &Auth {
        &self.0.auth
    }

    /// [`Config::request_timeout`].
    pub fn request_timeout(&self) -> std::time::Duration {
        self.0.request_timeout
    }

    /// ([`Config::body_grace`], [`Config::body_min_rate`]).
    pub fn body_rate(&self) -> (std::time::Duration, u64) {
        self.0.body_rate
    }

    /// `--secure-cookie`: mark the session cookie `Secure` whatever the request says.
    pub fn secure_cookie(&self) -> bool {
        self.0.secure_cookie
    }

    /// The current model and its views.
    pub fn estate(&self) -> Arc<Estate> {
        self.0
            .estate
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reloads the model from its path (`POST /api/model/reload`).
    pub fn reload_model(&self) -> Result<Arc<Estate>> {
        let path = self.estate().path.clone();
        let e = Arc::new(load_estate(&path)?);
        *self.0.estate.write().unwrap_or_else(|p| p.into_inner()) = e.clone();
        Ok(e)
    }

    pub fn facets(&self) -> Arc<Facets> {
        self.0
            .facets
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn incident_count(&self) -> usize {
        self.facets().total
    }

    /// Runs `f` on a read connection (round robin over the pool; SQLite WAL lets them read
    /// while the writer writes).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> cordon_intel::Result<T>) -> Result<T> {
        let n = self.0.readers.len();
        let start = self.0.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(s) = self.0.readers[(start + i) % n].try_lock() {
                return Ok(f(&s)?);
            }
        }
        Ok(f(&lock(&self.0.readers[start % n]))?)
    }

    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.read(|s| s.search(q))
    }

    /// Ingests one uploaded document (`name` decides the format by extension or content).
    ///
    /// `cancel` (cancelled when the request is abandoned — 408 or client gone — and past
    /// [`crate::REQUEST_TIMEOUT`]) is checked after parsing and by the store before each
    /// document is committed, so an abandoned request stores nothing more. A store another
    /// process holds for longer than the store's busy timeout gives [`Error::Intel`] with
    /// `IntelError::Busy` (503, `Retry-After`). When no document could be stored, the
    /// documents' own errors come back as 422.
    pub fn ingest(
        &self,
        name: &str,
        bytes: &[u8],
        cancel: &Cancel,
    ) -> Result<cordon_intel::IngestReport> {
        let name = sanitize_name(name);
        let content = cordon_intel::ingest::decode(&name, bytes)?;
        cancel.check()?;
        let docs = cordon_intel::ingest::parse(&name, &content)?;
        cancel.check()?;
        let mut report = lock(&self.0.writer).ingest_documents_with(&docs, cancel)?;
        report.inputs = 1;
        self.refresh_facets()?;
        if report.added.is_empty()
            && report.attached.is_empty()
            && report.updated.is_empty()
            && report.duplicates.is_empty()
            && !report.failed.is_empty()
        {
            let why: Vec<String> = report.failed.iter().map(|f| f.error.clone()).collect();
            return Err(Error::Unprocessable(format!(
                "nothing stored: {}",
                why.join("; ")
            )));
        }
        Ok(report)
    }

    fn refresh_facets(&self) -> Result<()> {
        let hits = self.search(&SearchQuery {
            limit: 1_000_000,
            ..Default::default()
        })?;
        let mut sectors: Vec<String> = hits.iter().filter_map(|h| h.sector.clone()).collect();
        sectors.sort();
        sectors.dedup();
        let mut countries: Vec<String> = hits.iter().filter_map(|h| h.country.clone()).collect();
        countries.sort();
        countries.dedup();
        *self.0.facets.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(Facets {
            sectors,
            countries,
            total: hits.len(),
        });
        Ok(())
    }
}

/// Keeps an uploaded file name to a safe, short label: its last path component, printable
/// ASCII letters, digits, `.-_`.
pub fn sanitize_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let s: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .take(100)
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "upload.txt".into()
    } else {
        format!("upload/{s}")
    }
}

fn write_example_model(dir: &Path) -> Result<()> {
    for name in ExampleModel::iter() {
        let Some(file) = ExampleModel::get(&name) else {
            continue;
        };
        let path = dir.join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, file.data.as_ref()).map_err(|e| io(&path, e))?;
    }
    Ok(())
}

fn ingest_examples(store: &mut Store) -> Result<()> {
    let mut docs = Vec::new();
    let mut names: Vec<_> = ExampleIncidents::iter().collect();
    names.sort();
    for name in names {
        let Some(file) = ExampleIncidents::get(&name) else {
            continue;
        };
        let path = format!("examples/intel/{name}");
        let content = cordon_intel::ingest::decode(&path, &file.data)?;
        docs.extend(cordon_intel::ingest::parse(&path, &content)?);
    }
    store.ingest_documents(&docs)?;
    Ok(())
}

/// Models with more components are not drawn (Graphviz would take minutes).
pub const MAX_DRAWN_COMPONENTS: usize = 2000;
/// Time the services analysis shown on the board may take at each model load.
pub const SERVICES_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);
/// Memory the services analysis (decision diagrams) may take at each model load.
pub const SERVICES_MEMORY_LIMIT: u64 = 1 << 30;
/// Stack of the threads that run model work ([`heavy`]): engines that still recurse on
/// deep inputs get room instead of aborting the server.
pub const HEAVY_STACK: usize = 256 << 20;

/// Runs model work (loading, analyses, scenarios, plans) off the async workers, on a thread
/// with a [`HEAVY_STACK`] stack, and waits for it. A panic becomes a 500 for this request;
/// the server keeps serving. (A plain `spawn_blocking` thread has 2 MiB of stack.)
///
/// At most [`heavy_slots`] run at once (memory stays bounded under a flood of scenario
/// requests); the others wait their turn, within the request's time limit.
pub async fn heavy<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    static SLOTS: std::sync::OnceLock<Arc<tokio::sync::Semaphore>> = std::sync::OnceLock::new();
    let slots = SLOTS
        .get_or_init(|| Arc::new(tokio::sync::Semaphore::new(heavy_slots())))
        .clone();
    let permit = slots
        .acquire_owned()
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("cordon-model".into())
        .stack_size(HEAVY_STACK)
        .spawn(move || {
            let r =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
                    Err(Error::Internal(
                        "internal error in a model engine (a bug in cordon: please report it)"
                            .into(),
                    ))
                });
            let _ = tx.send(r);
            drop(permit);
        })
        .map_err(|e| Error::Busy(format!("cannot start a worker thread: {e}")))?;
    rx.await
        .map_err(|_| Error::Internal("model worker ended without an answer".into()))?
}

/// Model-work threads running at once: twice the CPUs, at least 2.
pub fn heavy_slots() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get() * 2)
        .max(2)
}

/// The same as [`heavy`] for callers outside the runtime (first start).
pub fn heavy_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    std::thread::Builder::new()
        .name("cordon-model".into())
        .stack_size(HEAVY_STACK)
        .spawn(f)
        .map_err(|e| Error::Internal(format!("cannot start a worker thread: {e}")))?
        .join()
        .unwrap_or_else(|_| {
            Err(Error::Internal(
                "internal error in a model engine (a bug in cordon: please report it)".into(),
            ))
        })
}

/// Loads the model and computes the views the pages and API serve. A services analysis
/// over its limits leaves the services view unavailable (the board says why); the rest of
/// the server works.
pub fn load_estate(path: &Path) -> Result<Estate> {
    let model = Model::load(path).map_err(|e| Error::Model {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let graph = cordon_paths::AttackGraph::new(&model);
    let exp = cordon_paths::exposure(&graph, 8);
    let exposure = serde_json::to_value(crate::views::exposure_view(&model, &exp))
        .map_err(|e| Error::Internal(e.to_string()))?;
    let services = if model.services.is_empty() {
        Ok(
            serde_json::json!({ "model": model.name, "default_p_fail": cordon_services::DEFAULT_P_FAIL, "services": [], "care_at_risk": [] }),
        )
    } else {
        let settings = cordon_continuity::Settings {
            time_limit: Some(SERVICES_TIME_LIMIT),
            memory_limit: Some(SERVICES_MEMORY_LIMIT),
            ..Default::default()
        };
        cordon_services::analyze_services(&model, &settings, 8)
            .map_err(|e| format!("the services analysis stopped: {e}"))
            .and_then(|analyses| {
                serde_json::to_value(crate::views::services_view(&model, &analyses))
                    .map_err(|e| e.to_string())
            })
    };
    let (scenarios, scenario_problems) = crate::scenario::builtin(&model, path);
    let (estate_dot, exposure_dot, estate_svg, exposure_svg) = if model.components.len()
        > MAX_DRAWN_COMPONENTS
    {
        let why = format!(
            "// not drawn: {} components, more than the {MAX_DRAWN_COMPONENTS} Graphviz lays out in reasonable time\n",
            model.components.len()
        );
        (why.clone(), why, None, None)
    } else {
        let estate_dot = crate::graph::estate_dot(&model);
        let exposure_dot = crate::graph::exposure_dot(&model, &exp);
        let estate_svg = crate::graph::svg(&estate_dot);
        let exposure_svg = crate::graph::svg(&exposure_dot);
        (estate_dot, exposure_dot, estate_svg, exposure_svg)
    };
    Ok(Estate {
        model,
        path: path.to_path_buf(),
        exposure,
        services,
        scenarios,
        scenario_problems,
        estate_dot,
        exposure_dot,
        estate_svg,
        exposure_svg,
    })
}
