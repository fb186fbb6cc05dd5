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
use crate::scenario::Scenario;

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
        }
    }
}

/// The model with what the pages need, computed once per load.
pub struct Estate {
    pub model: Model,
    pub path: PathBuf,
    pub exposure: serde_json::Value,
    pub services: serde_json::Value,
    pub scenarios: Vec<Scenario>,
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
}

/// Shared state of the handlers (cheap to clone).
#[derive(Clone)]
pub struct App(Arc<Inner>);

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
        let estate = load_estate(&model_path)?;
        let mut writer = Store::open(&data)?;
        let marker = data.join(EXAMPLES_MARKER);
        if config.examples && !marker.exists() {
            ingest_examples(&mut writer)?;
            std::fs::write(&marker, "examples/intel/ ingested on first start\n")
                .map_err(|e| io(&marker, e))?;
        }
        let readers = (0..config.readers.max(1))
            .map(|_| Store::open(&data).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        let setup = Auth::load_or_create(&data, config.token_file.as_deref())?;
        let app = App(Arc::new(Inner {
            data,
            estate: RwLock::new(Arc::new(estate)),
            readers,
            next: AtomicUsize::new(0),
            writer: Mutex::new(writer),
            auth: setup.auth,
            facets: RwLock::new(Arc::new(Facets::default())),
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
    pub fn ingest(&self, name: &str, bytes: &[u8]) -> Result<cordon_intel::IngestReport> {
        let name = sanitize_name(name);
        let content = cordon_intel::ingest::decode(&name, bytes)?;
        let docs = cordon_intel::ingest::parse(&name, &content)?;
        let mut report = lock(&self.0.writer).ingest_documents(&docs)?;
        report.inputs = 1;
        self.refresh_facets()?;
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

/// Loads the model and computes the views the pages and API serve.
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
        serde_json::json!({ "model": model.name, "default_p_fail": cordon_services::DEFAULT_P_FAIL, "services": [], "care_at_risk": [] })
    } else {
        let analyses =
            cordon_services::analyze_services(&model, &cordon_continuity::Settings::default(), 8)
                .map_err(|e| Error::Internal(e.to_string()))?;
        serde_json::to_value(crate::views::services_view(&model, &analyses))
            .map_err(|e| Error::Internal(e.to_string()))?
    };
    let scenarios = crate::scenario::builtin(&model);
    let estate_dot = crate::graph::estate_dot(&model);
    let exposure_dot = crate::graph::exposure_dot(&model, &exp);
    let estate_svg = crate::graph::svg(&estate_dot);
    let exposure_svg = crate::graph::svg(&exposure_dot);
    Ok(Estate {
        model,
        path: path.to_path_buf(),
        exposure,
        services,
        scenarios,
        estate_dot,
        exposure_dot,
        estate_svg,
        exposure_svg,
    })
}
