//! The web board speaks like the CLI: the recovery page renders each step's
//! verdict, the danger lines and the service states with the same wording
//! functions as `cordon recover` (`RecoveryStep::verdict`,
//! `RecoveryPlan::danger_lines`, `state_words`), a step's preconditions
//! before its action, everything escaped. The oracle is the containment
//! engine called directly on the same model and scenario.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cordon_containment::{Scenario, recover, state_words};
use cordon_model::Model;
use cordon_server::{App, Config, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

const HOSPITAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hospital-group");

/// Maud's escaping of text (`&`, `<`, `>`, `"`).
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn page(app: &App, uri: &str) -> (StatusCode, String) {
    let res = router(app.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn the_recovery_page_uses_the_cli_wording() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("data"));
    config.model = Some(PathBuf::from(HOSPITAL));
    config.examples = false;
    config.token_file = Some(dir.path().join("token"));
    let (app, _) = App::open(&config).unwrap();
    let (status, html) = page(&app, "/recover?scenario=red-phase").await;
    assert_eq!(status, StatusCode::OK, "{html}");

    let model = Model::load(std::path::Path::new(HOSPITAL)).unwrap();
    let scenario =
        Scenario::load(&PathBuf::from(HOSPITAL).join("scenarios/red-phase.yaml")).unwrap();
    let plan = recover(&model, &scenario).unwrap();
    assert!(!plan.steps.is_empty());
    for st in &plan.steps {
        let v = escaped(&st.verdict(&model, &plan));
        assert!(html.contains(&v), "verdict `{v}` missing:\n{html}");
        for (_, b, a) in &st.regained {
            for s in [state_words(b), state_words(a)] {
                assert!(html.contains(&escaped(&s)), "state `{s}` missing");
            }
        }
    }
    for l in plan.danger_lines(&model) {
        assert!(html.contains(&escaped(&l)), "danger line `{l}` missing");
    }
    // A step with preconditions says them first: "first: rebuild …" comes
    // before its "then restore".
    let with_first = plan
        .steps
        .iter()
        .position(|s| !s.rebuild.is_empty() || !s.remediate.is_empty())
        .expect("the red phase's vpn-gw needs a rebuild first");
    let items: Vec<&str> = html.split("<li class=\"rstep\">").skip(1).collect();
    assert_eq!(items.len(), plan.steps.len(), "{html}");
    let item = items[with_first];
    let first = item.find("first: rebuild").expect("precondition shown");
    let then = item.find("then restore").expect("action shown");
    assert!(first < then, "precondition after the action: {item}");
}
