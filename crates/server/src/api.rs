//! The JSON API. It mirrors the CLI's `--format json` output (see `docs/json.md`,
//! `docs/intel.md`) and is described by the OpenAPI document at `/api/openapi.json`
//! (`src/openapi.json`, next to these routes; a test checks both agree).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use cordon_intel::SearchQuery;
use cordon_model::{ComponentId, Model};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::scenario;
use crate::state::App;

/// The OpenAPI 3 document, hand-written next to the routes.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every API route: (method, path as written in OpenAPI, handler). The router is built from
/// this table, so the OpenAPI test sees exactly what is served.
pub fn table() -> Vec<(&'static str, &'static str, MethodRouter<App>)> {
    vec![
        ("get", "/api/health", get(health)),
        ("get", "/api/openapi.json", get(openapi)),
        ("get", "/api/model", get(model)),
        ("post", "/api/model/reload", post(reload)),
        ("get", "/api/exposure", get(exposure)),
        ("get", "/api/paths", get(paths)),
        ("get", "/api/blast", get(blast)),
        ("get", "/api/services", get(services)),
        ("get", "/api/scenarios", get(scenarios)),
        ("post", "/api/scenario", post(run_scenario)),
        ("get", "/api/incidents", get(incidents)),
        ("get", "/api/incidents/{id}", get(incident)),
        ("get", "/api/incidents/{id}/report", get(report)),
        ("post", "/api/ingest", post(ingest)),
    ]
}

pub fn routes() -> axum::Router<App> {
    table()
        .into_iter()
        .fold(axum::Router::new(), |r, (_, path, h)| r.route(path, h))
}

/// Checks `Authorization: Bearer TOKEN`.
pub fn require_bearer(app: &App, headers: &HeaderMap) -> Result<()> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match crate::auth::bearer(value) {
        Some(t) if app.auth().verify(t) => Ok(()),
        Some(_) => Err(Error::Unauthorized("wrong token".into())),
        None => Err(Error::Unauthorized("this request writes: send `Authorization: Bearer TOKEN` (printed by the first `cordon serve`)".into())),
    }
}

/// An incident id: `INC-` and 4 to 12 hex digits, or the hex digits alone.
pub fn valid_id(id: &str) -> Result<&str> {
    let hexpart = if id.len() >= 4 && id[..4].eq_ignore_ascii_case("INC-") {
        &id[4..]
    } else {
        id
    };
    if (4..=12).contains(&hexpart.len()) && hexpart.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(id)
    } else {
        Err(Error::BadRequest(
            "invalid incident id: expected INC- and 4 to 12 hex digits".into(),
        ))
    }
}

async fn health(State(app): State<App>) -> Json<serde_json::Value> {
    let e = app.estate();
    Json(
        serde_json::json!({ "status": "ok", "incidents": app.incident_count(), "model": e.model.name, "components": e.model.components.len() }),
    )
}

async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

#[derive(Serialize)]
pub struct ZoneJson {
    pub id: String,
    pub external: bool,
    pub description: Option<String>,
    pub components: Vec<String>,
}

#[derive(Serialize)]
pub struct ComponentJson {
    pub id: String,
    pub kind: &'static str,
    pub zone: String,
    pub crown_jewel: bool,
    pub entry_point: bool,
    pub criticality: cordon_model::Criticality,
    pub tags: Vec<String>,
    pub weaknesses: Vec<String>,
    pub description: Option<String>,
    pub implicit: bool,
}

#[derive(Serialize)]
pub struct InteractionJson {
    pub from: String,
    pub to: String,
    pub kind: &'static str,
    pub mfa: bool,
    pub grants: cordon_model::AccessLevel,
    pub origin: String,
}

#[derive(Serialize)]
pub struct ModelJson {
    pub name: String,
    pub zones: Vec<ZoneJson>,
    pub components: Vec<ComponentJson>,
    pub interactions: Vec<InteractionJson>,
    pub services: Vec<String>,
}

pub fn model_json(m: &Model) -> ModelJson {
    ModelJson {
        name: m.name.clone(),
        zones: m
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| ZoneJson {
                id: z.id.clone(),
                external: z.external,
                description: z.description.clone(),
                components: m
                    .in_zone(cordon_model::ZoneId(i as u32))
                    .iter()
                    .map(|c| m.component(*c).id.clone())
                    .collect(),
            })
            .collect(),
        components: m
            .component_ids()
            .map(|id| {
                let c = m.component(id);
                ComponentJson {
                    id: c.id.clone(),
                    kind: c.kind.id,
                    zone: m.zone(c.zone).id.clone(),
                    crown_jewel: c.crown_jewel,
                    entry_point: m.is_entry_point(id),
                    criticality: c.criticality,
                    tags: c.tags.clone(),
                    weaknesses: c.weaknesses.iter().map(|w| w.label()).collect(),
                    description: c.description.clone(),
                    implicit: c.implicit,
                }
            })
            .collect(),
        interactions: m
            .interactions
            .iter()
            .map(|i| InteractionJson {
                from: m.component(i.from).id.clone(),
                to: m.component(i.to).id.clone(),
                kind: i.kind.as_str(),
                mfa: i.mfa,
                grants: i.kind.grants(cordon_model::AccessLevel::Control),
                origin: crate::views::origin(m, i.rule),
            })
            .collect(),
        services: m.services.iter().map(|s| s.id.clone()).collect(),
    }
}

async fn model(State(app): State<App>) -> Json<ModelJson> {
    Json(model_json(&app.estate().model))
}

async fn reload(State(app): State<App>, headers: HeaderMap) -> Result<Json<serde_json::Value>> {
    require_bearer(&app, &headers)?;
    let a = app.clone();
    let e = crate::state::heavy(move || a.reload_model()).await?;
    Ok(Json(
        serde_json::json!({ "reloaded": e.path.display().to_string(), "model": e.model.name, "components": e.model.components.len() }),
    ))
}

async fn exposure(State(app): State<App>) -> Json<serde_json::Value> {
    Json(app.estate().exposure.clone())
}

async fn services(State(app): State<App>) -> Result<Json<serde_json::Value>> {
    app.estate()
        .services
        .clone()
        .map(Json)
        .map_err(Error::Unavailable)
}

/// Resolves a selector list (`ehr-db`, `kind:ehr`, `vpn-gw,gp-portal`,
/// `tag:ad-user,!tag:tier-zero`…) to components with
/// [`Model::select_list`], the grammar the CLI takes; 400 with its message
/// when an item is unknown, empty or a lone `!`, or when the list selects
/// nothing.
pub fn select(model: &Model, text: &str) -> Result<Vec<ComponentId>> {
    if text.len() > 500 {
        return Err(Error::BadRequest("selector too long".into()));
    }
    model
        .select_list(text)
        .map_err(|e| Error::BadRequest(e.to_string()))
}

#[derive(Deserialize)]
pub struct PathsQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub k: Option<usize>,
    /// Keep sources that are Tier Zero or crown jewels (left out by
    /// default when `from` selects several, as `cordon paths` does).
    pub all_sources: Option<bool>,
}

async fn paths(
    State(app): State<App>,
    Query(q): Query<PathsQuery>,
) -> Result<Json<Vec<crate::views::TargetPaths>>> {
    let e = app.estate();
    let mut from = select(&e.model, q.from.as_deref().unwrap_or("entry-points"))?;
    if !q.all_sources.unwrap_or(false) {
        cordon_paths::sources::leave_out_privileged(&e.model, &mut from);
    }
    let to = select(&e.model, q.to.as_deref().unwrap_or("crown-jewels"))?;
    let k = q.k.unwrap_or(3).clamp(1, 20);
    Ok(Json(crate::views::paths(&e.model, &from, &to, k)))
}

#[derive(Deserialize)]
pub struct BlastQuery {
    pub ids: Option<String>,
}

async fn blast(
    State(app): State<App>,
    Query(q): Query<BlastQuery>,
) -> Result<Json<crate::views::BlastJson>> {
    let e = app.estate();
    let ids = q.ids.unwrap_or_default();
    if ids.trim().is_empty() {
        return Err(Error::BadRequest(
            "`ids` lists the breached components, comma-separated".into(),
        ));
    }
    let sources = select(&e.model, &ids)?;
    Ok(Json(crate::views::blast(&e.model, &sources)))
}

/// One scenario the board offers (`GET /api/scenarios`).
#[derive(Serialize)]
pub struct ScenarioListing {
    /// Its key (file stem): `POST /api/scenario?name=KEY`, `/services?scenario=KEY`.
    pub name: String,
    /// The `name:` written in the file.
    pub title: String,
    pub description: Option<String>,
    /// The steps as written (`action`, `target`).
    pub steps: Vec<serde_json::Value>,
    /// The file it was read from (none for generated scenarios).
    pub file: Option<String>,
}

async fn scenarios(State(app): State<App>) -> Json<Vec<ScenarioListing>> {
    Json(
        app.estate()
            .scenarios
            .iter()
            .map(|n| ScenarioListing {
                name: n.key.clone(),
                title: n.scenario.name.clone(),
                description: n.scenario.description.clone(),
                steps: n
                    .scenario
                    .steps
                    .iter()
                    .map(|s| serde_json::json!({ "action": s.action, "target": s.text }))
                    .collect(),
                file: n.file.clone(),
            })
            .collect(),
    )
}

/// Query of `POST /api/scenario`.
#[derive(Deserialize, Default)]
pub struct ScenarioQuery {
    /// Run this built-in scenario (its key in `GET /api/scenarios`) instead of a body.
    pub name: Option<String>,
}

/// A built-in scenario by key; 404 listing the keys otherwise.
pub fn builtin_scenario(app: &App, key: &str) -> Result<cordon_containment::Scenario> {
    let e = app.estate();
    e.scenarios
        .iter()
        .find(|s| s.key == key)
        .map(|s| s.scenario.clone())
        .ok_or_else(|| {
            let names: Vec<&str> = e.scenarios.iter().map(|s| s.key.as_str()).collect();
            Error::NotFound(format!(
                "no scenario `{}` (known: {})",
                key.chars().take(60).collect::<String>(),
                names.join(", ")
            ))
        })
}

/// `POST /api/scenario`: the body is a scenario document, YAML or JSON, as `cordon scenario`
/// reads it; the answer is exactly the JSON of `cordon scenario --format json` (same bytes).
async fn run_scenario(
    State(app): State<App>,
    Query(q): Query<ScenarioQuery>,
    body: Bytes,
) -> Result<Response> {
    let scenario = if body.iter().all(u8::is_ascii_whitespace) {
        match q.name.as_deref() {
            Some(n) => builtin_scenario(&app, n)?,
            None => {
                return Err(Error::BadRequest(
                    "send a scenario document (YAML or JSON, as `cordon scenario` reads: `steps: [{compromise: vpn-gw}, {isolate: external}]`), or `?name=KEY` for one of GET /api/scenarios".into(),
                ));
            }
        }
    } else {
        let text = std::str::from_utf8(&body)
            .map_err(|e| Error::BadRequest(format!("the scenario is not UTF-8 text: {e}")))?;
        if !text.contains("steps") {
            return Err(Error::BadRequest(
                "the scenario document has no `steps:` (e.g. `steps: [{isolate: external}]`); to run a built-in scenario, POST with `?name=KEY`".into(),
            ));
        }
        scenario::parse_document(text)?
    };
    let e = app.estate();
    let text = crate::state::heavy(move || scenario::scenario_text(&e.model, &scenario)).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        text,
    )
        .into_response())
}

/// Filters of the incident list (`/api/incidents` and the `/incidents` page).
#[derive(Deserialize, Default, Clone, Debug)]
pub struct IncidentFilters {
    pub q: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub technique: Option<String>,
    pub limit: Option<usize>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

impl IncidentFilters {
    /// Validates and converts to a store query (400 on a malformed date or technique).
    pub fn query(&self) -> Result<SearchQuery> {
        let date = |s: Option<String>, what: &str| -> Result<Option<String>> {
            match s {
                Some(d)
                    if d.len() > 10
                        || !d.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                        || !d.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    Err(Error::BadRequest(format!(
                        "`{what}`: expected a date YYYY[-MM[-DD]]"
                    )))
                }
                other => Ok(other),
            }
        };
        let technique = nonempty(&self.technique);
        if let Some(t) = &technique {
            let t = t.to_ascii_uppercase();
            let ok = t.len() <= 9
                && t.starts_with('T')
                && t[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.');
            if !ok {
                return Err(Error::BadRequest(
                    "`technique`: expected an ATT&CK id such as T1486 or T1566.001".into(),
                ));
            }
        }
        let q = nonempty(&self.q);
        if q.as_ref().is_some_and(|q| q.len() > 500) {
            return Err(Error::BadRequest("`q` is too long".into()));
        }
        let short = |s: Option<String>, what: &str| -> Result<Option<String>> {
            match s {
                Some(v) if v.len() > 100 => Err(Error::BadRequest(format!("`{what}` is too long"))),
                other => Ok(other),
            }
        };
        Ok(SearchQuery {
            text: q,
            sector: short(nonempty(&self.sector), "sector")?,
            // The same resolution as `cordon intel search --country` (UK = GB, EL = GR,
            // names and demonyms); an unknown country is a 400 with a did-you-mean.
            country: short(nonempty(&self.country), "country")?
                .map(|c| {
                    cordon_intel::store::country_code(&c)
                        .map_err(|e| Error::BadRequest(format!("`country`: {e}")))
                })
                .transpose()?,
            since: date(nonempty(&self.since), "since")?,
            until: date(nonempty(&self.until), "until")?,
            technique,
            limit: self.limit.unwrap_or(100).clamp(1, 1000),
        })
    }
}

async fn incidents(
    State(app): State<App>,
    Query(f): Query<IncidentFilters>,
) -> Result<Json<Vec<cordon_intel::SearchHit>>> {
    Ok(Json(app.search(&f.query()?)?))
}

/// The incident with all its sources — `Store::incident`, the same value as
/// `cordon intel show ID --format json` (the first report's fields at the top level,
/// `sources`, `supplements` and `conflicts` beside them).
async fn incident(
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<cordon_intel::Incident>> {
    let id = valid_id(&id)?;
    Ok(Json(app.read(|s| s.incident(id))?))
}

#[derive(Deserialize)]
pub struct ReportQuery {
    pub format: Option<String>,
}

/// CSP of the standalone HTML report (it carries its own inline style and no script).
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// An incident's report in one of intel's renderings — the renderers
/// `cordon intel report ID --format FORMAT` uses: md/html/json carry every source
/// (`report::markdown_incident`, `report::html_incident`, the [`cordon_intel::Incident`]
/// JSON); stix/veris export the first report's record.
pub fn render_report(inc: &cordon_intel::Incident, format: &str) -> Result<Response> {
    let r = &inc.record;
    let json = |v: &dyn erased::Ser| -> Result<Response> {
        let s = v.to_pretty().map_err(|e| Error::Internal(e.to_string()))?;
        Ok((
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            s + "\n",
        )
            .into_response())
    };
    match format {
        "md" | "markdown" => Ok((
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/markdown; charset=utf-8"),
            )],
            cordon_intel::report::markdown_incident(inc),
        )
            .into_response()),
        "html" => Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(REPORT_CSP),
                ),
            ],
            cordon_intel::report::html_incident(inc),
        )
            .into_response()),
        "json" => json(inc),
        "stix" => json(&cordon_intel::stix::bundle(r)),
        "veris" => json(&cordon_intel::veris::record(r)),
        other => Err(Error::BadRequest(format!(
            "unknown report format `{}`: md, html, json, stix, veris",
            other.chars().take(20).collect::<String>()
        ))),
    }
}

mod erased {
    pub trait Ser {
        fn to_pretty(&self) -> serde_json::Result<String>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_pretty(&self) -> serde_json::Result<String> {
            serde_json::to_string_pretty(self)
        }
    }
}

async fn report(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response> {
    let id = valid_id(&id)?;
    let inc = app.read(|s| s.incident(id))?;
    render_report(&inc, q.format.as_deref().unwrap_or("md"))
}

#[derive(Deserialize)]
pub struct IngestQuery {
    pub name: Option<String>,
}

async fn ingest(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<IngestQuery>,
    body: Bytes,
) -> Result<Response> {
    require_bearer(&app, &headers)?;
    if body.is_empty() {
        return Err(Error::BadRequest(
            "empty body: send the article (text, HTML, RSS/Atom)".into(),
        ));
    }
    let name = q.name.unwrap_or_else(|| {
        let ct = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if ct.contains("html") {
            "article.html".into()
        } else if ct.contains("xml") || ct.contains("rss") || ct.contains("atom") {
            "feed.xml".into()
        } else {
            "article.txt".into()
        }
    });
    let a = app.clone();
    // Dropped (cancelling the work) if this request times out before the ingest ends.
    let (cancel, _guard) = crate::state::CancelGuard::new(app.request_timeout());
    let report = tokio::task::spawn_blocking(move || a.ingest(&name, &body, &cancel))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    let status = if report.added.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(report)).into_response())
}
