//! Server-side rendered pages (maud: every interpolated value is HTML-escaped by
//! construction; no `PreEscaped` of anything that came from a request, an article or the
//! model). No inline script or style: CSS and JS are served from `/static/`.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get};
use axum::{Form, Router};
use cordon_intel::record::{Evidence, Provenance};
use cordon_intel::{Field, Incident, IncidentRecord};
use cordon_report::words::count;
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use crate::api::{IncidentFilters, valid_id};
use crate::auth::{COOKIE, cookie};
use crate::embedded::Static;
use crate::error::Error;
use crate::state::App;

/// Every page route: (methods, path, handler); documented in the OpenAPI document too.
pub fn table() -> Vec<(&'static str, &'static str, MethodRouter<App>)> {
    vec![
        ("get", "/", get(incidents)),
        ("get", "/incidents", get(incidents)),
        ("get", "/incidents/{id}", get(incident)),
        ("get", "/incidents/{id}/report", get(report)),
        ("get", "/estate", get(estate)),
        ("get", "/estate.svg", get(estate_svg)),
        ("get", "/exposure", get(exposure)),
        ("get", "/exposure.svg", get(exposure_svg)),
        ("get", "/services", get(crate::board::services)),
        ("get", "/recover", get(crate::board::recover)),
        ("get", "/airgap", get(crate::board::airgap)),
        ("get post", "/ingest", get(ingest_form).post(ingest_post)),
        ("get post", "/login", get(login_form).post(login_post)),
        ("post", "/logout", axum::routing::post(logout)),
        ("get", "/static/{file}", get(static_file)),
    ]
}

pub fn routes() -> Router<App> {
    table()
        .into_iter()
        .fold(Router::new(), |r, (_, path, h)| r.route(path, h))
}

/// A page error: an HTML page with the status.
pub struct PageError(Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let mut res = error_page(status, &self.0.to_string());
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(crate::error::RETRY_AFTER_SECS),
            );
        }
        res
    }
}

/// The HTML error page: status, message, a way back.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    (status, layout(title, "", html! { h1 { (status.as_u16()) " " (title) } p.error { (message) } p { a href="/" { "Home" } } }))
        .into_response()
}

pub type PageResult = Result<Response, PageError>;

pub async fn not_found() -> Response {
    PageError(Error::NotFound("no such page".into())).into_response()
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn layout(title: &str, active: &str, body: Markup) -> Markup {
    let nav = [
        ("/incidents", "Incidents"),
        ("/estate", "Estate"),
        ("/exposure", "Exposure"),
        ("/services", "Services board"),
        ("/recover", "Recovery"),
        ("/airgap", "Air gap"),
        ("/ingest", "Ingest"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — cordon" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "cordon" }
                    nav {
                        @for (href, label) in nav {
                            a href=(href) class=@if active == href { "active" } { (label) }
                        }
                    }
                }
                main { (body) }
                footer { "cordon — trust paths, care continuity, incident intelligence. " a href="/api/openapi.json" { "API (OpenAPI)" } }
            }
        }
    }
}

pub fn page(title: &str, active: &str, body: Markup) -> Response {
    layout(title, active, body).into_response()
}

// --- incidents ---------------------------------------------------------------

async fn incidents(State(app): State<App>, Query(f): Query<IncidentFilters>) -> PageResult {
    let q = f.query()?;
    let hits = app.search(&q)?;
    let facets = app.facets();
    let v = |s: &Option<String>| s.clone().unwrap_or_default();
    let body = html! {
        h1 { "Incidents" }
        p.lead { (count(facets.total, "incident")) " in the store. Search the text, filter by sector, country, date or ATT&CK technique." }
        form.filters method="get" action="/incidents" role="search" {
            input type="search" name="q" value=(v(&f.q)) placeholder="ransomware, Conti, ambulance…" aria-label="Search text";
            select name="sector" aria-label="Sector" {
                option value="" { "any sector" }
                @for s in &facets.sectors { option value=(s) selected[f.sector.as_deref() == Some(s.as_str())] { (s) } }
            }
            select name="country" aria-label="Country" {
                option value="" { "any country" }
                @for c in &facets.countries { option value=(c) selected[f.country.as_deref() == Some(c.as_str())] { (c) } }
            }
            label { "from " input type="date" name="since" value=(v(&f.since)); }
            label { "to " input type="date" name="until" value=(v(&f.until)); }
            input type="text" name="technique" value=(v(&f.technique)) placeholder="T1486" size="9" aria-label="ATT&CK technique";
            button type="submit" { "Search" }
        }
        @if hits.is_empty() {
            p.empty { "No incident matches." }
        } @else {
            table.list #incidents {
                thead { tr { th { "Date" } th { "Incident" } th { "Victim" } th { "Country" } th { "Sector" } } }
                tbody {
                    @for h in &hits {
                        tr {
                            td.date { (h.date_label()) }
                            td { a href={ "/incidents/" (h.id) } { (h.title) } br; small.id { (h.id) } }
                            td { (h.victim.as_deref().unwrap_or("—")) }
                            td { (h.country.as_deref().unwrap_or("—")) }
                            td { (h.sector.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    };
    Ok(page("Incidents", "/incidents", body))
}

fn mark(p: Provenance) -> Markup {
    html! { span class={ "prov " (p.as_str()) } { (p.as_str()) } }
}

fn evidence(e: &Evidence) -> Markup {
    html! { details.evidence { summary { "evidence" } blockquote { (e.sentence) } } }
}

fn field<T>(f: &Field<T>, show: impl Fn(&T) -> String) -> Markup {
    match f.fact() {
        Some(x) => html! { (show(&x.value)) " " (mark(x.provenance)) (evidence(&x.evidence)) },
        None => html! { span.not-stated { "not stated" } },
    }
}

fn yes_no(b: &bool) -> String {
    if *b { "yes".into() } else { "no".into() }
}

async fn incident(State(app): State<App>, Path(id): Path<String>) -> PageResult {
    let id = valid_id(&id)?;
    // `Store::incident`: the same incident (record, sources, supplements, conflicts) as
    // `cordon intel show ID`.
    let inc: Incident = app.read(|s| s.incident(id))?;
    let r: &IncidentRecord = &inc.record;
    let body = html! {
        p.crumbs { a href="/incidents" { "Incidents" } " / " (r.id) }
        h1 #title { (r.title) }
        p.actions {
            a.button href={ "/incidents/" (r.id) "/report" } { "Analysis report" } " "
            @for f in ["md", "json", "stix", "veris"] {
                a href={ "/api/incidents/" (r.id) "/report?format=" (f) } { (f.to_uppercase()) } " "
            }
        }
        table.record {
            tr { th { "Victim" } td {
                @if r.victims.is_empty() { span.not-stated { "not stated" } }
                @for v in &r.victims { div { (v.name) " (" (v.org_type) ") " (mark(v.provenance)) (evidence(&v.evidence)) } }
            } }
            tr { th { "Sector" } td { (field(&r.sector, |s| s.clone())) } }
            tr { th { "Incident date" } td { (field(&r.incident_date, |s| s.clone())) } }
            tr { th { "Discovery date" } td { (field(&r.discovery_date, |s| s.clone())) } }
            tr { th { "Published" } td { (field(&r.publication_date, |s| s.clone())) } }
            tr { th { "Location" } td { (field(&r.city, |s| s.clone())) " — " (field(&r.country, |c| format!("{} ({})", c.name, c.code))) } }
            tr { th { "Summary" } td { (field(&r.summary, |s| s.clone())) } }
            tr { th { "CIA posture" } td.cia {
                div { "Confidentiality: " (field(&r.cia.confidentiality, yes_no)) }
                div { "Integrity: " (field(&r.cia.integrity, yes_no)) }
                div { "Availability: " (field(&r.cia.availability, yes_no)) }
            } }
            tr { th { "Motives" } td { (items(&r.motives)) } }
            tr { th { "Techniques" } td {
                @if r.techniques.is_empty() { span.not-stated { "not stated" } }
                ul { @for t in &r.techniques { li {
                    a href={ "/incidents?technique=" (enc(&t.id)) } { (t.id) } " " (t.name) " — “" (t.matched) "” " (mark(t.provenance)) (evidence(&t.evidence))
                } } }
            } }
            tr { th { "Threat actors" } td {
                @if r.threat_actors.is_empty() { span.not-stated { "not stated" } }
                @for a in &r.threat_actors { div {
                    (a.name) " (" (a.actor_type) @if let Some(c) = &a.country { ", " (c) } ") " (mark(a.provenance)) (evidence(&a.evidence))
                } }
            } }
            tr { th { "Malware" } td { (items(&r.malware)) } }
            tr { th { "Impacts" } td {
                @if r.impacts.is_empty() { span.not-stated { "not stated" } }
                ul { @for i in &r.impacts { li { (cordon_intel::report::impact_text(i)) " " (mark(i.provenance)) (evidence(&i.evidence)) } } }
            } }
            tr { th { "Response" } td {
                @if r.response_actions.is_empty() { span.not-stated { "not stated" } }
                ul { @for a in &r.response_actions { li { (a.kind.replace('_', " ")) " (" (a.phase) ") " (mark(a.provenance)) (evidence(&a.evidence)) } } }
            } }
            tr { th { "Indicators" } td {
                @if r.iocs.is_empty() { span.not-stated { "none" } }
                ul { @for i in &r.iocs { li { (i.kind) ": " code { (i.value) } " " (mark(i.provenance)) (evidence(&i.evidence)) } } }
            } }
            tr { th { "Recommendations" } td { (items(&r.recommendations)) } }
            tr { th { "Sources" } td {
                div { (r.source.path) " (" (r.source.format) ")" }
                @if let Some(u) = &r.source.url { div { code.url { (u) } } }
                @if let Some(t) = &r.source.title { div { (t) } }
            } }
        }
        (sources_section(&inc))
        h2 { "Description" }
        div.article { @for para in r.text.split("\n\n") { p { (para) } } }
    };
    Ok(page(&r.title, "/incidents", body))
}

/// Every report of the incident, the values only further sources state (`+`) and the
/// values the sources disagree on (`!`), each with its source and evidence — the lines
/// of `cordon intel show ID`.
fn sources_section(inc: &Incident) -> Markup {
    let value = |v: &cordon_intel::sources::SourcedValue| {
        html! { (v.field) ": " strong { (v.value) } " — " a href={ "/incidents/" (v.source) } { (v.source) } " " (mark(v.provenance)) (evidence(&v.evidence)) }
    };
    html! {
        section #sources {
            h2 { "Sources (" (inc.sources.len()) ")" }
            table.list {
                thead { tr { th { "Report" } th { "Role" } th { "Published" } th { "Title / link" } } }
                tbody { @for s in &inc.sources { tr {
                    td { small.id { (s.id) } }
                    td { (s.role) }
                    td.date { (s.published.as_deref().unwrap_or("—")) }
                    td { (s.title) br; code.url { (s.url.as_deref().unwrap_or(&s.path)) } }
                } } }
            }
            @if !inc.supplements.is_empty() {
                h3 { "Stated only by further sources" }
                ul #supplements { @for v in &inc.supplements { li { "+ " (value(v)) } } }
            }
            @if !inc.conflicts.is_empty() {
                h3 { "Values the sources disagree on (all shown, none chosen)" }
                ul #conflicts { @for c in &inc.conflicts { li { "! " (c.field) " differs:"
                    ul { @for v in &c.values { li { (value(v)) } } }
                } } }
            }
        }
    }
}

fn items(list: &[cordon_intel::Item]) -> Markup {
    html! {
        @if list.is_empty() { span.not-stated { "not stated" } }
        @else { ul { @for i in list { li { (i.value) " " (mark(i.provenance)) (evidence(&i.evidence)) } } } }
    }
}

async fn report(State(app): State<App>, Path(id): Path<String>) -> PageResult {
    let id = valid_id(&id)?;
    let inc = app.read(|s| s.incident(id))?;
    Ok(crate::api::render_report(&inc, "html")?)
}

// --- estate, exposure ----------------------------------------------------------

fn svg_response(svg: Option<&String>) -> Response {
    match svg {
        Some(s) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            )],
            s.clone(),
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            "Graphviz (`dot`) is not installed: apt-get install graphviz",
        )
            .into_response(),
    }
}

async fn estate_svg(State(app): State<App>) -> Response {
    svg_response(app.estate().estate_svg.as_ref())
}

async fn exposure_svg(State(app): State<App>) -> Response {
    svg_response(app.estate().exposure_svg.as_ref())
}

fn no_graphviz(dot: &str) -> Markup {
    if let Some(why) = dot.strip_prefix("// ") {
        return html! { p.notice { "The picture is " (why.trim()) "." } };
    }
    html! {
        p.notice { "Graphviz is not installed on the server (" code { "apt-get install graphviz" } "): the picture is not drawn. Its DOT source:" }
        details { summary { "DOT" } pre { (dot) } }
    }
}

async fn estate(State(app): State<App>) -> PageResult {
    let e = app.estate();
    let m = &e.model;
    let body = html! {
        h1 { "Estate — " (m.name) }
        p.lead { (count(m.components.len(), "component")) " in " (count(m.zones.len(), "zone")) ", " (count(m.interactions.len(), "interaction")) ", " (count(m.services.len(), "service")) ". Loaded from " code { (e.path.display().to_string()) } "." }
        h2 { "Attack graph" }
        p { "Zones as boxes; an arrow means the source has power over the target (red: control, orange: write)." }
        @if e.estate_svg.is_some() { a href="/estate.svg" { img.graph src="/estate.svg" alt="the estate's interaction graph"; } }
        @else { (no_graphviz(&e.estate_dot)) }
        h2 { "Components by zone" }
        @for (zi, z) in m.zones.iter().enumerate() {
            section.zone {
                h3 { (z.id) @if z.external { " " span.tag { "external" } } }
                @if let Some(d) = &z.description { p { (d) } }
                table.list {
                    thead { tr { th { "Component" } th { "Name" } th { "Kind" } th { "Criticality" } th { "Flags" } th { "Weaknesses" } } }
                    tbody {
                        @for c in m.in_zone(cordon_model::ZoneId(zi as u32)) {
                            @let comp = m.component(*c);
                            tr {
                                td { code { (comp.id) } }
                                td { (cordon_paths::reading::display_name(m, *c)) }
                                td { (comp.kind.id) }
                                td { (format!("{:?}", comp.criticality).to_lowercase()) }
                                td {
                                    @if comp.crown_jewel { span.tag.jewel { "crown jewel" } " " }
                                    @if m.is_entry_point(*c) { span.tag.entry { "entry point" } }
                                }
                                td { @for w in &comp.weaknesses { div { (w.label()) } } }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Interactions" }
        details {
            summary { (m.interactions.len()) " interactions (declared and catalog defaults)" }
            table.list {
                thead { tr { th { "From" } th { "Kind" } th { "To" } th { "Grants" } th { "Origin" } } }
                tbody {
                    @for i in &m.interactions {
                        tr {
                            td { (cordon_paths::reading::display_name(m, i.from)) " " small.id { (m.component(i.from).id) } }
                            td { (i.kind.as_str()) @if i.mfa { " (MFA)" } @if let Some(p) = &m.rule(i.rule).protocol { " (" (p) ")" } }
                            td { (cordon_paths::reading::display_name(m, i.to)) " " small.id { (m.component(i.to).id) } }
                            td { (i.kind.grants(cordon_model::AccessLevel::Control).as_str()) }
                            td { (crate::views::origin(m, i.rule)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page("Estate", "/estate", body))
}

fn s(v: &serde_json::Value, k: &str) -> String {
    match &v[k] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A component in a JSON view as people name it: its readable name (`name_key`,
/// an AD object's `properties.name`), with the id after it in small type when
/// they differ; the id alone when there is no name.
fn named(v: &serde_json::Value, name_key: &str, id_key: &str) -> Markup {
    let id = s(v, id_key);
    let name = s(v, name_key);
    html! {
        @if name.is_empty() || name == id { code { (id) } }
        @else { (name) " " small.id { (id) } }
    }
}

pub fn path_markup(p: &serde_json::Value) -> Markup {
    let hops = p["hops"].as_array().cloned().unwrap_or_default();
    html! {
        div.path {
            div.path-head { (named(p, "source_name", "source")) " → " (named(p, "target_name", "target")) ": " strong { (s(p, "level")) } " in " (count(hops.len(), "hop")) }
            ol { @for h in &hops { li { (s(h, "explanation")) " " small.origin { "[" (s(h, "origin")) "]" } } } }
        }
    }
}

fn choke_markup(model: &cordon_model::Model) -> Markup {
    let outside: Vec<cordon_model::ComponentId> = model
        .component_ids()
        .filter(|&c| model.is_external(c))
        .collect();
    let sources = if outside.is_empty() {
        model.entry_points()
    } else {
        outside
    };
    let c = cordon_containment::chokepoints(
        model,
        &sources,
        &model.crown_jewels(),
        cordon_model::AccessLevel::Reach,
        5,
    );
    let link = |i: usize| {
        let it = &model.interactions[i];
        format!(
            "{} {} {}",
            model.component(it.from).id,
            it.kind.as_str(),
            model.component(it.to).id
        )
    };
    html! {
        @if let Some(cut) = &c.interaction_cut {
            h3 { "Links to sever (" (cut.points.len()) ", cost " (cut.cost) ")" @if cut.verified { " — verified" } }
            ul { @for p in &cut.points { @if let Some(i) = p.interaction { li { code { (link(i)) } } } } }
            @if !cut.care.summary.is_empty() { p { "Care: " @for l in &cut.care.summary { (l) "; " } } }
        }
        @if let Some(cut) = &c.component_cut {
            h3 { "Components to take off the network (" (cut.points.len()) ")" @if cut.verified { " — verified" } }
            ul { @for p in &cut.points { @if let Some(x) = p.component { li { code { (model.component(x).id) } } } } }
        }
        @if !c.hardening.is_empty() {
            h3 { "Hardening instead of cutting" }
            p.hint { "Each remediation alone, proven by the path engine: which crown jewels it puts out of reach from outside." }
            ul #hardening {
                @for h in &c.hardening {
                    li {
                        (h.remediation.describe(model))
                        @if !h.protects.is_empty() { " — protects " @for j in &h.protects { code { (model.component(*j).id) } " " } }
                        @if !h.still_reached.is_empty() { " — still reached: " @for j in &h.still_reached { code { (model.component(*j).id) } " " } }
                    }
                }
            }
        }
        @if c.interaction_cut.is_none() && c.component_cut.is_none() { p { "No crown jewel is reachable from outside: nothing to cut." } }
    }
}

async fn exposure(State(app): State<App>) -> PageResult {
    let e = app.estate();
    let x = &e.exposure;
    let empty = vec![];
    let body = html! {
        h1 { "Exposure — " (e.model.name) }
        p.lead { "Entry points (exposed components and external networks) against crown jewels, with the shortest attack path from outside." }
        h2 { "Findings" }
        ul.findings { @for f in x["findings"].as_array().unwrap_or(&empty) { li class={ "sev-" (s(f, "severity")) } { span.sev { (s(f, "severity")) } " " (s(f, "message")) } } }
        h2 { "Attack graph" }
        @if e.exposure_svg.is_some() { a href="/exposure.svg" { img.graph src="/exposure.svg" alt="shortest attack paths to the crown jewels"; } }
        @else { (no_graphviz(&e.exposure_dot)) }
        h2 { "Crown jewels, most exposed first" }
        @for j in x["crown_jewels"].as_array().unwrap_or(&empty) {
            section.jewel {
                h3 { (named(j, "name", "id")) " — " (s(j, "best_level")) " from outside" }
                p { "Reached from " (count(j["reached_from"].as_array().map_or(0, |a| a.len()), "entry point")) ": "
                    @for r in j["reached_from"].as_array().unwrap_or(&empty).iter().take(10) { (named(r, "name", "id")) " (" (s(r, "level")) ") " } }
                @if !j["shortest_path"].is_null() { (path_markup(&j["shortest_path"])) }
                p { a href={ "/api/paths?from=entry-points&to=" (enc(&s(j, "id"))) "&k=3" } { "k best paths (JSON)" } }
            }
        }
        h2 { "Entry points, largest blast radius first" }
        table.list {
            thead { tr { th { "If breached" } th { "control" } th { "write" } th { "read" } th { "reach" } th { "crown jewels reached" } } }
            tbody {
                @for b in x["entry_points"].as_array().unwrap_or(&empty) {
                    tr {
                        td { a href={ "/api/blast?ids=" (enc(&s(b, "id"))) } { (named(b, "name", "id")) } }
                        td { (s(&b["counts"], "control")) } td { (s(&b["counts"], "write")) } td { (s(&b["counts"], "read")) } td { (s(&b["counts"], "reach")) }
                        td { @for r in b["crown_jewels"].as_array().unwrap_or(&empty) { (named(r, "name", "id")) " " } }
                    }
                }
            }
        }
        h2 { "Choke points" }
        p { "The cheapest links and components whose removal cuts every attack path from the external networks to the crown jewels (minimum cuts, verified by the path engine), and what each cut costs in care." }
        (choke_markup(&e.model))
        h2 { "Emergent trust" }
        @let et = &x["emergent_trust"];
        p { (s(et, "declared_pairs")) " interacting pairs are declared; " (s(et, "direct_control_pairs")) " give control directly. Holding one component gives control of another for " (s(et, "control_pairs")) " pairs: " (s(et, "emergent_pairs")) " arise only through chains." }
        @for p in et["examples"].as_array().unwrap_or(&empty) { (path_markup(p)) }
    };
    Ok(page("Exposure", "/exposure", body))
}

// --- ingest and sign-in ----------------------------------------------------------

fn signed_in(app: &App, headers: &HeaderMap) -> Option<String> {
    let c = cookie(
        headers.get(header::COOKIE).and_then(|v| v.to_str().ok()),
        COOKIE,
    )?;
    app.auth().session_valid(c).then(|| app.auth().csrf_for(c))
}

fn ingest_page(app: &App, headers: &HeaderMap, message: Option<Markup>) -> Markup {
    let csrf = signed_in(app, headers);
    layout(
        "Ingest",
        "/ingest",
        html! {
            h1 { "Ingest an article" }
            @if let Some(m) = message { (m) }
            p.lead { "Upload an incident write-up (text, HTML, RSS/Atom feed) or paste its text. The extracted record appears in the incident list." }
            form.ingest method="post" action="/ingest" enctype="multipart/form-data" {
                @if let Some(c) = &csrf {
                    input type="hidden" name="csrf" value=(c);
                    p.hint { "Signed in: this browser holds the write token." }
                } @else {
                    label { "Write token " input type="password" name="token" autocomplete="off" required; }
                    p.hint { "Printed by the first " code { "cordon serve" } ". Or " a href="/login" { "sign in" } " once for this browser." }
                }
                label { "File " input type="file" name="file" accept=".txt,.html,.htm,.rss,.xml,.atom,.md"; }
                label { "or paste the text " textarea name="text" rows="10" cols="70" {} }
                label { "name (for pasted text) " input type="text" name="name" value="article.txt"; }
                button type="submit" { "Ingest" }
            }
        },
    )
}

async fn ingest_form(State(app): State<App>, headers: HeaderMap) -> Response {
    ingest_page(&app, &headers, None).into_response()
}

async fn ingest_post(State(app): State<App>, headers: HeaderMap, mut mp: Multipart) -> PageResult {
    let (mut token, mut csrf, mut name, mut text) = (None, None, None, None);
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| Error::BadRequest(format!("form: {e}")))?
    {
        let fname = field.name().unwrap_or("").to_string();
        let filename = field.file_name().map(String::from);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| Error::BadRequest(format!("form: {e}")))?;
        let as_text = || String::from_utf8_lossy(&bytes).into_owned();
        match fname.as_str() {
            "token" => token = Some(as_text()),
            "csrf" => csrf = Some(as_text()),
            "name" => name = Some(as_text()),
            "text" => text = Some(as_text()),
            "file" if !bytes.is_empty() => {
                file = Some((
                    filename.unwrap_or_else(|| "upload.txt".into()),
                    bytes.to_vec(),
                ))
            }
            _ => {}
        }
    }
    let c = cookie(
        headers.get(header::COOKIE).and_then(|v| v.to_str().ok()),
        COOKIE,
    );
    if let Err(e) = app.auth().check_form(c, token.as_deref(), csrf.as_deref()) {
        let msg = html! { p.error { (e.to_string()) } };
        return Ok((
            StatusCode::UNAUTHORIZED,
            ingest_page(&app, &headers, Some(msg)),
        )
            .into_response());
    }
    let (name, bytes) = match (file, text.filter(|t| !t.trim().is_empty())) {
        (Some(f), _) => f,
        (None, Some(t)) => (name.unwrap_or_else(|| "article.txt".into()), t.into_bytes()),
        (None, None) => {
            return Err(Error::BadRequest("choose a file or paste the text".into()).into());
        }
    };
    let a = app.clone();
    // Dropped (cancelling the work) if this request times out before the ingest ends.
    let (cancel, _guard) = crate::state::CancelGuard::new(app.request_timeout());
    let report = tokio::task::spawn_blocking(move || a.ingest(&name, &bytes, &cancel))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    let msg = html! {
        div.notice #ingest-result {
            @if report.added.is_empty() && report.attached.is_empty() && report.updated.is_empty() { p { "Nothing new: already in the store." } }
            @for id in &report.added { p { "Added " a href={ "/incidents/" (id) } { (id) } } }
            @for x in &report.attached { p.attached { "Attached " (x.id) " (" (x.source) ") as a further source of " a href={ "/incidents/" (x.incident) } { (x.incident) } } }
            @for x in &report.updated { p.updated { "Updated: " (x.id) " (" (x.source) ") is a newer version of a stored article (same guid or URL, text changed), stored as a further source of " a href={ "/incidents/" (x.incident) } { (x.incident) } } }
            @for (src, id) in &report.duplicates { p { (src) " duplicates " a href={ "/incidents/" (id) } { (id) } } }
            @for x in &report.failed { p.error { "Failed " (x.source) ": " (x.error) } }
            @for x in &report.skipped { p { "Skipped " (x.source) ": " (x.reason) } }
        }
    };
    Ok(ingest_page(&app, &headers, Some(msg)).into_response())
}

async fn login_form(State(app): State<App>, headers: HeaderMap) -> Response {
    let signed = signed_in(&app, &headers).is_some();
    page(
        "Sign in",
        "",
        html! {
            h1 { "Sign in" }
            @if signed { p.notice { "This browser is signed in." } form method="post" action="/logout" { button type="submit" { "Sign out" } } }
            p.lead { "Writes (ingesting articles) need the write token printed by the first " code { "cordon serve" } ". Signing in keeps it in an HttpOnly, SameSite=Strict cookie for this browser; forms then carry a CSRF field derived from it." }
            form method="post" action="/login" {
                label { "Write token " input type="password" name="token" autocomplete="off" required; }
                button type="submit" { "Sign in" }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub token: String,
}

/// Whether the request came over TLS: the `--secure-cookie` setting, or a proxy's
/// `X-Forwarded-Proto: https` / `Forwarded: proto=https`. Trusting the header is safe here:
/// it only adds `Secure`, which can only make a browser send the cookie less.
pub fn over_tls(app: &App, headers: &HeaderMap) -> bool {
    let h = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    app.secure_cookie()
        || h("x-forwarded-proto").split(',').next().map(str::trim) == Some("https")
        || h("forwarded")
            .split([';', ','])
            .any(|kv| kv.trim() == "proto=https")
}

async fn login_post(
    State(app): State<App>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> PageResult {
    let t = f.token.trim();
    if !app.auth().verify(t) {
        return Err(Error::Unauthorized("wrong token".into()).into());
    }
    let sid = app.auth().start_session();
    let secure = if over_tls(&app, &headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        crate::auth::SESSION_TTL.as_secs()
    );
    let mut res = Redirect::to("/ingest").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| Error::Internal(e.to_string()))?,
    );
    Ok(res)
}

async fn logout(State(app): State<App>, headers: HeaderMap) -> Response {
    if let Some(c) = cookie(
        headers.get(header::COOKIE).and_then(|v| v.to_str().ok()),
        COOKIE,
    ) {
        app.auth().end_session(c);
    }
    let mut res = Redirect::to("/").into_response();
    for name in [COOKIE, crate::auth::OLD_COOKIE] {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        )) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

// --- static files --------------------------------------------------------------

async fn static_file(Path(file): Path<String>) -> Response {
    // Embedded files only, looked up by exact name: nothing on disk is reachable.
    let ok = !file.is_empty()
        && file.len() <= 64
        && file
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && !file.starts_with('.');
    let Some(f) = ok.then(|| Static::get(&file)).flatten() else {
        return not_found().await;
    };
    let ct = if file.ends_with(".css") {
        "text/css; charset=utf-8"
    } else if file.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else {
        "application/octet-stream"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(ct)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        f.data.into_owned(),
    )
        .into_response()
}
