//! The crisis-cell pages: the services board (scenarios, step timeline, services by
//! impact, two scenarios side by side), the recovery plan and the air-gap runbook.
//!
//! Every number on these pages comes from `cordon_containment` — the board draws the JSON
//! of [`crate::scenario::scenario_json`] (the same as `POST /api/scenario` and
//! `cordon scenario --format json`), the recovery and air-gap pages call
//! [`cordon_containment::recover`] and [`cordon_containment::airgap`] as `cordon recover`
//! and `cordon airgap` do. Nothing is evaluated here.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cordon_containment::Scenario;
use cordon_containment::report::Names;
use cordon_report::words::count;
use cordon_services::ServiceState;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::pages::{PageResult, enc, page};
use crate::scenario::{parse_board_text, scenario_json};
use crate::state::{App, heavy};

/// Query of `/services`, `/recover`: a built-in scenario (`scenario=KEY`) or typed steps
/// (`steps=…`, which win), and for the board a second built-in scenario to compare.
#[derive(Deserialize, Default)]
pub struct BoardQuery {
    pub scenario: Option<String>,
    pub steps: Option<String>,
    pub compare: Option<String>,
    /// Which button submitted the form: `list` (the scenario picked; typed steps ignored)
    /// or `steps`.
    #[serde(rename = "use")]
    pub use_: Option<String>,
}

fn pct(c: f64) -> String {
    format!("{:.0}%", c * 100.0)
}

fn s(v: &Value, k: &str) -> String {
    match &v[k] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v[k].as_array().map_or(&[], |a| a.as_slice())
}

fn state_rank(state: &str) -> u8 {
    match state {
        "down" => 0,
        "degraded" => 1,
        _ => 2,
    }
}

fn criticality_rank(c: &str) -> u8 {
    match c {
        "critical" => 0,
        "high" => 1,
        "medium" => 2,
        _ => 3,
    }
}

/// Services of one step, most impact first: down before degraded before up, then the most
/// critical, then the least capacity.
pub fn by_impact(services: &[Value]) -> Vec<&Value> {
    let mut v: Vec<&Value> = services.iter().collect();
    v.sort_by(|a, b| {
        (
            state_rank(&s(a, "state")),
            criticality_rank(&s(a, "criticality")),
        )
            .cmp(&(
                state_rank(&s(b, "state")),
                criticality_rank(&s(b, "criticality")),
            ))
            .then(
                a["capacity"]
                    .as_f64()
                    .unwrap_or(1.0)
                    .total_cmp(&b["capacity"].as_f64().unwrap_or(1.0)),
            )
            .then_with(|| s(a, "id").cmp(&s(b, "id")))
    });
    v
}

fn count_state(step: &Value, state: &str) -> usize {
    arr(step, "services")
        .iter()
        .filter(|x| s(x, "state") == state)
        .count()
}

fn step_title(step: &Value) -> String {
    match step["step"].as_object() {
        None => "before the first step".into(),
        Some(_) => {
            let st = &step["step"];
            format!("{}: {}", s(st, "action"), s(st, "target"))
        }
    }
}

/// The step timeline: for each step, what it did and where care and the attacker stand.
fn timeline(v: &Value) -> Markup {
    html! {
        ol.timeline #timeline {
            @for (n, st) in arr(v, "steps").iter().enumerate() {
                @let jewels = arr(st, "crown_jewels").len();
                @let care = st["care"]["capacity"].as_f64().unwrap_or(1.0);
                li.tstep data-step=(n) data-care=(format!("{care:.4}")) {
                    div.thead {
                        span.tnum { (n) }
                        " " code { (step_title(st)) }
                        @if !s(&st["step"], "label").is_empty() { " — " (s(&st["step"], "label")) }
                    }
                    div.tfacts {
                        span { "care " strong { (pct(care)) } }
                        span.count.down { (count_state(st, "down")) " down" }
                        span.count.degraded { (count_state(st, "degraded")) " degraded" }
                        span { "attacker holds " (arr(st, "attackers").len()) ", controls " (arr(&st["reached"], "control").len()) }
                        span class=@if jewels > 0 { "jewels bad" } @else { "jewels" } { (count(jewels, "crown jewel")) " reachable" }
                    }
                    @if !s(&st["step"], "because").is_empty() { div.because { "because: " (s(&st["step"], "because")) } }
                    @for note in arr(st, "notes") { div.note { (note.as_str().unwrap_or("")) } }
                    @for w in arr(st, "warnings") { div.warn.warning { "⚠ " (w.as_str().unwrap_or("")) } }
                }
            }
        }
    }
}

fn cards(step: &Value) -> Markup {
    html! {
        div.cards {
            @for sv in by_impact(arr(step, "services")) {
                @let st = s(sv, "state");
                div class={ "card state-" (st) } data-service=(s(sv, "id")) data-state=(st) {
                    div.card-head { strong { (s(sv, "name")) } " " span.badge { (st) } }
                    div.desc { code { (s(sv, "id")) } " · criticality " (s(sv, "criticality")) }
                    @if !s(sv, "fallback").is_empty() { div { "fallback: " (s(sv, "fallback")) } }
                    div.capacity { "capacity " (pct(sv["capacity"].as_f64().unwrap_or(0.0))) }
                    meter min="0" max="1" value=(sv["capacity"].as_f64().unwrap_or(0.0)) {}
                    @if st != "up" && !s(sv, "summary").is_empty() { div.cause { (s(sv, "summary")) } }
                    @for c in arr(sv, "cause") { div.cause { "cause: " (c.as_str().unwrap_or("")) } }
                    @for a in arr(sv, "alternatives") { div.alt { "kept up by: " (a.as_str().unwrap_or("")) } }
                }
            }
        }
    }
}

/// A component a step's JSON lists by id, read by name (the step's `names`
/// map; the id when it has no other name).
fn named(step: &Value, id: &str) -> String {
    step["names"][id].as_str().unwrap_or(id).to_string()
}

fn attacker(step: &Value) -> Markup {
    let r = &step["reached"];
    html! {
        div.attacker {
            @if arr(step, "attackers").is_empty() {
                p { "Attacker: holds no running component now." }
            } @else {
                p { "Attacker holds " @for c in arr(step, "attackers") { code { (named(step, c.as_str().unwrap_or(""))) } " " }
                    "— control " (arr(r, "control").len()) ", write " (arr(r, "write").len()) ", read " (arr(r, "read").len()) ", reach " (arr(r, "reach").len()) "." }
            }
            @if arr(step, "crown_jewels").is_empty() {
                p.jewels { "Crown jewels: none reachable." }
            } @else {
                p.jewels.bad { "Crown jewels reachable: "
                    @for j in arr(step, "crown_jewels") { code { (named(step, &s(j, "id"))) } " (" (s(j, "level")) @if !s(j, "from").is_empty() { " from " (named(step, &s(j, "from"))) } ") " } }
            }
            @if !arr(step, "held_switched_off").is_empty() {
                p.warn { "Held by the attacker, switched off: "
                    @for h in arr(step, "held_switched_off") { code { (s(h, "name")) } " — " (s(h, "note")) "; " } }
            }
            @if !arr(step, "held_cut_off").is_empty() {
                p.warn.held-cut-off { "Held by the attacker but cut off (every link to it is cut, so it reaches nothing of ours while the isolation stands): "
                    @for h in arr(step, "held_cut_off") { code { (s(h, "name")) } " " } }
            }
            @if !arr(step, "possibly_held").is_empty() {
                p.warn.possibly-held { "Check " (cordon_report::words::count(arr(step, "possibly_held").len(), "component")) " for a foothold — the attacker could control them at an earlier step, they were not rebuilt since and still run: "
                    @for c in arr(step, "possibly_held") { code { (named(step, c.as_str().unwrap_or(""))) } " " } }
            }
            @if !arr(step, "unavailable_causes").is_empty() {
                details.unavailable {
                    summary { (count(arr(step, "unavailable").len(), "component")) " unavailable" }
                    ul { @for u in arr(step, "unavailable_causes") { li { code { (s(u, "name")) } ": " (s(u, "cause")) } } }
                }
            } @else if !arr(step, "unavailable").is_empty() {
                p { "Unavailable: " @for c in arr(step, "unavailable") { code { (named(step, c.as_str().unwrap_or(""))) } " " } }
            }
        }
    }
}

/// One scenario's outcome: the final state (services by impact, attacker) and the timeline.
fn outcome(v: &Value, key: &str, compact: bool) -> Markup {
    let steps = arr(v, "steps");
    let last = steps.last().cloned().unwrap_or(Value::Null);
    let care = last["care"]["capacity"].as_f64().unwrap_or(1.0);
    html! {
        section.outcome data-scenario=(key) {
            h2 { "Scenario: " span.scenario-name { (s(&v["scenario"], "name")) } }
            @if !s(&v["scenario"], "description").is_empty() { p { (s(&v["scenario"], "description")) } }
            @for w in arr(v, "warnings") { p.warn.warning { "⚠ " (w.as_str().unwrap_or("")) } }
            p.totals {
                span.count.up { (count_state(&last, "up")) " up" } " "
                span.count.degraded { (count_state(&last, "degraded")) " degraded" } " "
                span.count.down { (count_state(&last, "down")) " down" } " — care "
                strong.care { (pct(care)) } " of normal (criticality-weighted)"
            }
            (attacker(&last))
            @if !compact || steps.len() > 1 {
                h3 { "Step by step" }
                (timeline(v))
            }
            h3 { "Services, most impact first" }
            (cards(&last))
            @if !arr(&last["care"], "summary").is_empty() {
                ul.care { @for l in arr(&last["care"], "summary") { li { (l.as_str().unwrap_or("")) } } }
            }
        }
    }
}

/// The scenario a query asks for: typed steps win, then `scenario=KEY`, else `default`.
fn chosen(app: &App, q: &BoardQuery, default: &str) -> Result<(String, Scenario), Error> {
    let typed = q.steps.as_deref().filter(|t| !t.trim().is_empty());
    if let Some(t) = typed.filter(|_| q.use_.as_deref() != Some("list")) {
        return Ok(("custom".into(), parse_board_text(t)?));
    }
    let key = q
        .scenario
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default.into());
    Ok((key.clone(), crate::api::builtin_scenario(app, &key)?))
}

fn scenario_picker(
    app: &App,
    action: &str,
    q: &BoardQuery,
    current: &str,
    compare: bool,
) -> Markup {
    let e = app.estate();
    let typed = q.steps.clone().unwrap_or_default();
    html! {
        form.scenario #scenario-form method="get" action=(action) {
            div.pick {
                label { "Scenario "
                    select name="scenario" #scenario-select {
                        @for n in &e.scenarios {
                            option value=(n.key) selected[n.key == current] { (n.key) " — " (n.scenario.name) }
                        }
                    }
                }
                @if compare {
                    label { "side by side with "
                        select name="compare" #compare-select {
                            option value="" { "—" }
                            @for n in &e.scenarios {
                                option value=(n.key) selected[q.compare.as_deref() == Some(n.key.as_str())] { (n.key) }
                            }
                        }
                    }
                }
                button type="submit" #run-scenario name="use" value="list" { "Run" }
            }
            details.build open[!typed.trim().is_empty()] {
                summary { "Write or load your own steps" }
                textarea #steps name="steps" rows="7" cols="70" spellcheck="false" placeholder="compromise: vpn-gw\nisolate: external\nisolate: \"vpn-gw -> ad-dc1\"\nshutdown: zone:datacentre\nrestore: external" { (typed) }
                p.hint { "The steps of a scenario file, one a line — " code { "compromise" } ", " code { "shutdown" } ", " code { "encrypt" } " (a selector: " code { "ehr-db" } ", " code { "zone:clinical" } ", " code { "kind:virtualization-platform" } "), "
                    code { "isolate" } " / " code { "restore" } " (a selector, " code { "external" } ", or " code { "\"a -> b\"" } "), each optionally with " code { "because:" } " and " code { "label:" } " on the next line; or a whole scenario file. Typed steps win over the list above." }
                label.file { "Load a scenario file " input #scenario-file type="file" accept=".yaml,.yml,.json,text/yaml,application/json"; }
                button type="submit" #run-steps name="use" value="steps" { "Run these steps" }
            }
        }
    }
}

/// `GET /services`: the services board.
pub async fn services(State(app): State<App>, Query(q): Query<BoardQuery>) -> PageResult {
    let e = app.estate();
    let (key, sc) = match chosen(&app, &q, "green") {
        Ok(x) => x,
        Err(err) => return Ok(board_error(&app, &q, err)),
    };
    let other = match q.compare.as_deref().filter(|c| !c.is_empty()) {
        Some(k) => Some((k.to_string(), crate::api::builtin_scenario(&app, k)?)),
        None => None,
    };
    let model = e.clone();
    let (a, b) = match heavy(move || {
        let a = scenario_json(&model.model, &sc)?;
        let b = match other {
            Some((k, o)) => Some((k, scenario_json(&model.model, &o)?)),
            None => None,
        };
        Ok((a, b))
    })
    .await
    {
        Ok(x) => x,
        Err(err @ Error::BadRequest(_)) => return Ok(board_error(&app, &q, err)),
        Err(err) => return Err(err.into()),
    };
    let services_note = e.services.as_ref().err();
    let body = html! {
        h1 { "Services board" }
        p.lead { "What each care service delivers under a scenario — up, degraded (on its manual fallback, at its capacity) or down, with the cause — and what the attacker still reaches, after every step. Same engine and numbers as " code { "cordon scenario" } "." }
        nav.phases aria-label="Scenarios" {
            @for n in &e.scenarios {
                a href={ "/services?scenario=" (enc(&n.key)) } class={ "phase phase-" (n.key) @if n.key == key { " active" } } { (n.key) }
            }
        }
        (scenario_picker(&app, "/services", &q, &key, true))
        @for p in &e.scenario_problems { p.error { "Scenario file not offered: " (p) } }
        @if let Some(n) = services_note { p.error { "Cut sets and availability are unavailable for this model: " (n) } }
        @match &b {
            None => { div #board data-scenario=(key) { (outcome(&a, &key, false)) } }
            Some((bk, bv)) => {
                div #board.compare data-scenario=(key) data-compare=(bk) {
                    (outcome(&a, &key, true))
                    (outcome(bv, bk, true))
                }
            }
        }
        p.noprint { a href={ "/recover?scenario=" (enc(&key)) } { "Recovery plan after this scenario" } " · "
            a href="/airgap" { "Air-gap runbook" } " · "
            code { "POST /api/scenario" } " takes the same scenario file (YAML or JSON) and answers the JSON of " code { "cordon scenario --format json" } "." }
    };
    Ok(page("Services board", "/services", body))
}

/// The board again with the typed steps kept and the error on top (400).
fn board_error(app: &App, q: &BoardQuery, err: Error) -> Response {
    let status = err.status();
    let current = q.scenario.clone().unwrap_or_default();
    let body = html! {
        h1 { "Services board" }
        p.error #scenario-error { (err.to_string()) }
        (scenario_picker(app, "/services", q, &current, true))
    };
    (status, page("Services board", "/services", body)).into_response()
}

/// A service state in the CLI's words (`cordon_containment::state_words`).
fn state_text(s: &ServiceState) -> String {
    cordon_containment::state_words(s)
}

/// A recovery step's verdict calls for attention: not verified, or safe
/// only while what it assumes off stays off and it opens more itself (the
/// branches of `RecoveryStep::verdict`).
fn verdict_warns(
    st: &cordon_containment::RecoveryStep,
    plan: &cordon_containment::RecoveryPlan,
) -> bool {
    !st.verified
        || (!st.assumes_off.is_empty()
            && !st.safe_if_restored
            && (st.opens_once_restored || plan.danger_once_restored.is_none()))
}

/// `GET /recover`: the phased recovery plan after a scenario (`cordon recover`).
pub async fn recover(State(app): State<App>, Query(q): Query<BoardQuery>) -> PageResult {
    let e = app.estate();
    let default = if e.scenarios.iter().any(|n| n.key == "red-phase") {
        "red-phase"
    } else {
        e.scenarios.last().map_or("green", |n| n.key.as_str())
    };
    let (key, sc) = match chosen(&app, &q, default) {
        Ok(x) => x,
        Err(err) => return Ok(plan_error(&app, &q, "/recover", "Recovery plan", err)),
    };
    let model = e.clone();
    let plan = match heavy(move || {
        cordon_containment::recover(&model.model, &sc).map_err(crate::scenario::bad)
    })
    .await
    {
        Ok(p) => p,
        Err(err @ Error::BadRequest(_)) => {
            return Ok(plan_error(&app, &q, "/recover", "Recovery plan", err));
        }
        Err(err) => return Err(err.into()),
    };
    let m = &e.model;
    let names = Names::new(m);
    let danger = plan.danger_lines(m);
    let lifts = plan.steps.iter().any(|s| s.lifts_prerequisite);
    let body = html! {
        h1 { "Recovery plan" }
        p.lead { "After " code { (key) } ": the order in which external links come back, most care first, each step re-checked by the path engine so that no crown jewel is reached at write or above. Same as " code { "cordon recover" } "." }
        (scenario_picker(&app, "/recover", &q, &key, false))
        div #recovery.runbook {
            p { "Care at the start: " strong { (pct(plan.start_care)) } ". "
                @if !plan.attackers.is_empty() { "Still compromised and running: " @for c in &plan.attackers { code { (names.name(*c)) } " " } } }
            @if !plan.held_switched_off.is_empty() {
                p.warn { "Held by the attacker and switched off — they return compromised if restored without a rebuild: "
                    @for c in &plan.held_switched_off { code { (names.name(*c)) } " " } }
            }
            @if !plan.baseline_safe {
                div.error { p { "Before restoring anything: with every external link cut, a compromised component still reaches a crown jewel at write or above. Cut or harden first:" }
                    ul { @for &i in &plan.prerequisite { li { code { (names.interaction(i)) } } } }
                    @if !plan.prerequisite_cost.is_empty() {
                        p #prerequisite-cost { "This cut costs care while it stands ("
                            @if lifts { "a step below lifts it once its reason is gone" } @else { "no step can lift it safely yet" } "):" }
                        ul.care { @for l in &plan.prerequisite_cost { li { (l) } } }
                    }
                }
            }
            @if !danger.is_empty() {
                div.warn #danger { p { strong { "Inside danger no step causes:" } } ul { @for l in &danger { li { (l) } } } }
            }
            h2 { "Restore in this order" }
            @if plan.steps.is_empty() { p { "Nothing can come back safely yet." } }
            ol.rsteps {
                @for st in &plan.steps {
                    @let first = st.rebuild.iter()
                        .map(|c| format!("rebuild {} from clean media", names.name(*c)))
                        .chain(st.remediate.iter().map(|r| r.describe(m)))
                        .collect::<Vec<_>>();
                    li.rstep {
                        // Preconditions first, as the CLI prints them.
                        @if !first.is_empty() { div.warn.first { "first: " (first.join("; ")) } }
                        @for g in &st.no_clean_backup { div.warn.first { (g.describe(m)) } }
                        div.restore { @if first.is_empty() { "restore " } @else { "then restore " }
                            code { (names.interaction(st.interaction)) } " → care " strong { (pct(st.care_capacity)) } }
                        div.verdict.warn[verdict_warns(st, &plan)].ok[!verdict_warns(st, &plan)].assumes-off[!st.assumes_off.is_empty()] {
                            (st.verdict(m, &plan))
                            @if st.lifts_prerequisite { " — lifts the prerequisite cut: its reason is gone" } }
                        @if !st.regained.is_empty() { ul { @for (id, b, a) in &st.regained { li { (id) ": " (state_text(b)) " → " (state_text(a)) } } } }
                    }
                }
            }
            @if !plan.unrestorable.is_empty() {
                h2 { "Cannot come back safely yet" }
                ul.unrestorable {
                    @for u in &plan.unrestorable {
                        li {
                            code { (names.interaction(u.interaction)) }
                            @if !u.services.is_empty() { div { "would bring back: " (u.services.join(", ")) } }
                            @if !u.rebuild.is_empty() { div { "needs a rebuild first: " @for c in &u.rebuild { code { (names.name(*c)) } " " } } }
                            @if let Some(p) = &u.path { div { "a crown jewel would be reached: " (crate::pages::path_markup(&serde_json::to_value(cordon_report::path_view(m, p)).unwrap_or(Value::Null))) } }
                            @match &u.fix {
                                Some((v, cost)) => { div { "to make it safe, cut or harden (cost " (cost) "): " @for &i in v { code { (names.interaction(i)) } " " } } }
                                None => { div { "no cut makes it safe while this link is open" } }
                            }
                        }
                    }
                }
            }
            h2 { "Care at the end: " (pct(plan.care.care_capacity)) }
            @if !plan.care.summary.is_empty() { ul.care { @for l in &plan.care.summary { li { (l) } } } }
        }
    };
    Ok(page("Recovery plan", "/recover", body))
}

fn plan_error(app: &App, q: &BoardQuery, action: &str, title: &str, err: Error) -> Response {
    let status = err.status();
    let current = q.scenario.clone().unwrap_or_default();
    let body = html! {
        h1 { (title) }
        p.error #scenario-error { (err.to_string()) }
        (scenario_picker(app, action, q, &current, false))
    };
    (status, page(title, action, body)).into_response()
}

fn care_list(services: &[cordon_containment::ServiceOutcome], summary: &[String]) -> Markup {
    let keeps: Vec<&str> = services
        .iter()
        .filter(|o| o.state == ServiceState::Up)
        .map(|o| o.name.as_str())
        .collect();
    html! {
        p { "Keeps running: " @if keeps.is_empty() { "nothing" } @else { (keeps.join(", ")) } "." }
        @if !summary.is_empty() { p { "Lost or degraded:" } ul.care { @for l in summary { li { (l) } } } }
    }
}

/// Query of `/airgap`.
#[derive(Deserialize, Default)]
pub struct AirGapQuery {
    /// The core to isolate (a selector or a comma list); default `crown-jewels`.
    pub core: Option<String>,
}

/// `GET /airgap`: the air-gap runbook (`cordon airgap`), printable.
pub async fn airgap(State(app): State<App>, Query(q): Query<AirGapQuery>) -> PageResult {
    let e = app.estate();
    let core = q
        .core
        .clone()
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "crown-jewels".into());
    if core.len() > 500 {
        return Err(Error::BadRequest("`core` is too long".into()).into());
    }
    let model = e.clone();
    let c = core.clone();
    // The plan and why it costs what it costs (one more minimum cut), off
    // the async workers.
    let result = heavy(move || {
        let plan = cordon_containment::airgap(&model.model, &c)
            .map_err(|e| Error::BadRequest(e.to_string()))?;
        let why = cordon_containment::AirGapCostView::new(&model.model, &plan)
            .sentence(plan.care.care_capacity);
        Ok((plan, why))
    })
    .await;
    let form = html! {
        form.scenario.noprint method="get" action="/airgap" {
            label { "Core to isolate " input type="text" name="core" value=(core) size="40"; }
            button type="submit" { "Plan the air gap" }
            p.hint { "A selector (" code { "zone:clinical" } ", " code { "crown-jewels" } ") or a comma list. " "Print this page for the crisis cell: navigation and forms are left out." }
        }
    };
    let (plan, why) = match result {
        Ok(p) => p,
        Err(err @ Error::BadRequest(_)) => {
            let body = html! { h1 { "Air-gap runbook" } p.error #scenario-error { (err.to_string()) } (form) };
            return Ok((
                StatusCode::BAD_REQUEST,
                page("Air-gap runbook", "/airgap", body),
            )
                .into_response());
        }
        Err(err) => return Err(err.into()),
    };
    let m = &e.model;
    let names = Names::new(m);
    let body = html! {
        h1 { "Air-gap runbook: isolate " code { (plan.core_text) } }
        p.lead { (m.name) " — the smallest set of links that separates the core from everything external (minimum cut), outermost first. Same as " code { "cordon airgap" } "." }
        (form)
        div #runbook.runbook {
            p { "Core: " (cordon_report::words::count(plan.core.len(), "component")) "; " (plan.exposed_before) " reachable from outside today. Outside: "
                @for c in &plan.outside { code { (names.name(*c)) } " " } }
            @if plan.steps.is_empty() { p { "Nothing external reaches the core: no link to sever." } }
            @else { p #airgap-cost { "Sever " (cordon_report::words::plural(plan.steps.len(), "this link", "these {} links")) ", outermost first. " (why) "." } }
            ol.rsteps {
                @for st in &plan.steps {
                    @let i = &m.interactions[st.interaction];
                    li.rstep {
                        div { strong { (names.interaction(st.interaction)) } }
                        div { "between " code { (names.name(i.from)) } " (zone " (m.zone(m.component(i.from).zone).id) ") and " code { (names.name(i.to)) } " (zone " (m.zone(m.component(i.to).zone).id) ")" }
                        div { "do: " (st.action) }
                        div { "who: " (st.who) }
                        div { "verify: " (st.verify) }
                        div { "care after this step: " strong { (pct(st.care_after)) } }
                        @for w in &st.warnings { div.warn.warning { "⚠ " (w) } }
                        div.check { "☐ done at ____:____ by ____________" }
                    }
                }
                li.rstep {
                    strong { "Verify the air gap: " }
                    @if plan.verified { "cordon re-ran the path engine without these links: no external component reaches any core component." }
                    @else { span.warn { "WARNING: the path engine still finds a path — do not rely on this plan." } }
                }
            }
            h2 { "Air gap beside the red phase" }
            div.compare2 #airgap-vs-red {
                section {
                    h3 { "This air gap: care " (pct(plan.care.care_capacity)) }
                    (care_list(&plan.services, &plan.care.summary))
                }
                section {
                    h3 { "Red phase (every external link cut): care " (pct(plan.red_phase_care.care_capacity)) }
                    (care_list(&plan.red_phase_services, &plan.red_phase_care.summary))
                }
            }
        }
    };
    Ok(page("Air-gap runbook", "/airgap", body))
}
