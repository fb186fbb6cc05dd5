//! cordon's AD graph against BloodHound CE's own oracle
//! (`../shared/data/bloodhound-oracle/`): the golden files (raw SharpHound
//! output → what BloodHound ingested → what its analysis added) and the
//! scenario harnesses (`input.json` → the post-processed edges its tests
//! require). Differences that are not fixed are listed here, each with its
//! reason; any other difference fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cordon_import::ad::AdGraph;
use serde_json::Value;

fn oracle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/bloodhound-oracle")
}

type EdgeSet = BTreeSet<(String, String, String)>;

fn golden_edges(path: &Path) -> EdgeSet {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["graph"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"]["value"].as_str().unwrap().to_ascii_uppercase(),
                e["kind"].as_str().unwrap().to_string(),
                e["end"]["value"].as_str().unwrap().to_ascii_uppercase(),
            )
        })
        .collect()
}

fn our_edges(g: &AdGraph, analyzed: bool) -> EdgeSet {
    g.edges
        .iter()
        .filter(|e| analyzed || !e.origin.derived)
        .map(|e| {
            (
                g.nodes[e.from as usize].objectid.clone(),
                e.kind.to_string(),
                g.nodes[e.to as usize].objectid.clone(),
            )
        })
        .collect()
}

/// Per kind: (matched, missing, extra).
fn compare(ours: &EdgeSet, theirs: &EdgeSet) -> BTreeMap<String, (usize, usize, usize)> {
    let mut m: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for e in theirs {
        let x = m.entry(e.1.clone()).or_default();
        if ours.contains(e) {
            x.0 += 1;
        } else {
            x.1 += 1;
        }
    }
    for e in ours.difference(theirs) {
        m.entry(e.1.clone()).or_default().2 += 1;
    }
    m
}

/// Differences with a reason (kind, "missing"/"extra", reason).
const DECISIONS: &[(&str, &str, &str)] = &[
    (
        "CanApplyGPO",
        "extra",
        "derived as BloodHound CE's CanApplyGPOHarness requires (exact_count_harnesses_equal_bloodhound); \
         the BloodHound that made the goldens derived no CanApplyGPO edge at all",
    ),
    (
        "GPOAppliesTo",
        "extra",
        "derived as BloodHound CE's GPOAppliesToHarness requires (exact_count_harnesses_equal_bloodhound); \
         the BloodHound that made the goldens derived no GPOAppliesTo edge from their GPLinks",
    ),
];

#[test]
fn goldens_ingested_and_analyzed_edges_match_bloodhound() {
    let mut report = String::new();
    let mut unexplained = Vec::new();
    for golden in [
        "graphify-Version5JSON",
        "graphify-Version6JSON",
        "graphify-Version6ADCSJSON",
        "graphify-Version6AllJSON",
    ] {
        let dir = oracle().join(golden);
        let coll = cordon_import::sharphound::read_collection(&[dir.join("raw")], false).unwrap();
        let ingested = our_edges(&coll.graph, false);
        let g = coll.into_analyzed();
        let analyzed = our_edges(&g, true);
        for (stage, ours, file) in [
            ("ingested", &ingested, "ingest/ingested.json"),
            ("analyzed", &analyzed, "analysis/analyzed.json"),
        ] {
            let theirs = golden_edges(&dir.join(file));
            let cmp = compare(ours, &theirs);
            let (m, mi, x) = cmp
                .values()
                .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
            report.push_str(&format!(
                "{golden} {stage}: {m} matched, {mi} missing, {x} extra\n"
            ));
            for (kind, (m, mi, x)) in &cmp {
                if *mi > 0 || *x > 0 {
                    report.push_str(&format!("  {kind}: {m} matched, {mi} missing, {x} extra\n"));
                }
                for (what, n) in [("missing", mi), ("extra", x)] {
                    if *n > 0 && !DECISIONS.iter().any(|d| d.0 == kind && d.1 == what) {
                        unexplained.push(format!("{golden} {stage} {kind} {what} {n}"));
                    }
                }
            }
            if std::env::var("ORACLE_DETAIL").is_ok() {
                for e in theirs.difference(ours).take(40) {
                    report.push_str(&format!("    missing {e:?}\n"));
                }
                for e in ours.difference(&theirs).take(40) {
                    report.push_str(&format!("    extra {e:?}\n"));
                }
            }
        }
    }
    println!("{report}");
    assert!(
        unexplained.is_empty(),
        "unexplained differences:\n{}\n{report}",
        unexplained.join("\n")
    );
}

/// Post-processed kinds cordon does not derive yet: for these the harness
/// checks are reported as not implemented, and cordon must produce no edge
/// of the kind (nothing invented).
const NOT_IMPLEMENTED: &[&str] = &[];

/// Harness checks where cordon deliberately or knowingly differs, with the
/// reason: (harness, edge kind, reason).
const HARNESS_DECISIONS: &[(&str, &str, &str)] = &[];

/// The harness graph after post-processing: only the functions BloodHound's
/// test ran, where cordon has them as separate steps (the scenario graphs
/// hold hand-drawn edges, such as `EnrollOnBehalfOf`, that the full
/// analysis would not derive the same way); otherwise the full analysis.
fn harness_graph(dir: &Path) -> (AdGraph, std::collections::HashMap<String, u32>) {
    let text = std::fs::read_to_string(dir.join("input.json")).unwrap();
    let doc: cordon_import::opengraph::OpenGraph = serde_json::from_str(&text).unwrap();
    let mut g = AdGraph::default();
    g.files.push("input.json".into());
    let ids = cordon_import::ad::generic::add_opengraph(&mut g, &doc, 0);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut functions: Vec<&str> = expected["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| {
            c["post_processing_functions_run"]
                .as_array()
                .into_iter()
                .flatten()
        })
        .filter_map(Value::as_str)
        .collect();
    functions.sort();
    functions.dedup();
    if !cordon_import::ad::analysis::run_post_processing(&mut g, &functions) {
        cordon_import::ad::analysis::analyze(&mut g);
    }
    (g, ids)
}

#[test]
fn harnesses_post_processed_edges_equal_bloodhound() {
    let mut report = String::new();
    let mut failures = Vec::new();
    let (mut passed, mut not_impl, mut decided) = (0, 0, 0);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(oracle())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("harness-"))
        })
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .trim_start_matches("harness-")
            .to_string();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let Some(checks) = expected["checks"].as_array() else {
            continue;
        };
        let (g, ids) = harness_graph(&dir);
        let back: std::collections::HashMap<u32, String> =
            ids.iter().map(|(k, v)| (*v, k.clone())).collect();
        let label = |n: u32| {
            back.get(&n)
                .cloned()
                .unwrap_or_else(|| g.nodes[n as usize].objectid.clone())
        };
        let edges_of = |kind: &str| -> BTreeSet<(String, String)> {
            g.edges
                .iter()
                .filter(|e| &*e.kind == kind)
                .map(|e| (label(e.from), label(e.to)))
                .collect()
        };
        for c in checks {
            let mut items: Vec<(String, String, bool)> = Vec::new(); // (kind, description, ok)
            for x in c["expected_edges_complete"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let kind = x["edge"].as_str().unwrap();
                let ours = edges_of(kind);
                if let Some(starts) = x["start_nodes_exactly"].as_array() {
                    let want: BTreeSet<String> = starts
                        .iter()
                        .map(|s| s.as_str().unwrap().to_string())
                        .collect();
                    // A name listed twice: the Go test checked one name twice
                    // (ESC6bTemplate1Harness lines 2410/2411). Its count of
                    // distinct start nodes stands, with every listed name.
                    let count = (want.len() < starts.len())
                        .then(|| {
                            c["assertions"].as_array().into_iter().flatten().find(|a| {
                                a["kind"] == "count"
                                    && a["of"]
                                        == format!("distinct start nodes of {kind} edges").as_str()
                            })
                        })
                        .flatten()
                        .and_then(|a| a["equals"].as_u64());
                    let end = x["end"].as_str().filter(|e| ids.contains_key(*e));
                    let got: BTreeSet<String> = ours
                        .iter()
                        .filter(|(_, e)| {
                            end.is_none() || x["end_inferred"] == true || Some(e.as_str()) == end
                        })
                        .map(|(s, _)| s.clone())
                        .collect();
                    let ok = match count {
                        Some(n) => got.len() as u64 == n && want.is_subset(&got),
                        None => got == want,
                    };
                    items.push((
                        kind.into(),
                        format!("starts want {want:?} (count {count:?}) got {got:?}"),
                        ok,
                    ));
                } else if let Some(pairs) = x["edges_exactly"].as_array() {
                    let want: BTreeSet<(String, String)> = pairs
                        .iter()
                        .map(|p| {
                            (
                                p["start"].as_str().unwrap().into(),
                                p["end"].as_str().unwrap().into(),
                            )
                        })
                        .collect();
                    // `from` describes where the list comes from; it names a
                    // start node only when it is one of the harness's nodes.
                    let got: BTreeSet<(String, String)> =
                        match x["from"].as_str().filter(|f| ids.contains_key(*f)) {
                            Some(f) => ours.into_iter().filter(|(s, _)| s == f).collect(),
                            None => ours,
                        };
                    items.push((
                        kind.into(),
                        format!("edges want {want:?} got {got:?}"),
                        got == want,
                    ));
                }
            }
            for a in c["assertions"].as_array().into_iter().flatten() {
                if a["kind"] == "edge" {
                    let kind = a["edge"].as_str().unwrap();
                    let (s, e) = (a["start"].as_str().unwrap(), a["end"].as_str().unwrap());
                    // The Go assertion right after the lookup is the truth: the
                    // transcription says must_exist for lines the test checks
                    // with `require.Nil` (ExtendedByPolicyHarness 3764, 3768).
                    let line = a["line"].as_u64().unwrap_or(0);
                    let nil_follows = c["assertions"].as_array().into_iter().flatten().any(|u| {
                        u["kind"] == "untranscribed"
                            && u["line"].as_u64() == Some(line + 1)
                            && u.to_string().contains("require.Nil")
                    });
                    let must = a["must_exist"].as_bool().unwrap_or(true) && !nil_follows;
                    let is = edges_of(kind).contains(&(s.to_string(), e.to_string()));
                    items.push((
                        kind.into(),
                        format!("{s} -{kind}-> {e}: must exist {must}, exists {is}"),
                        is == must,
                    ));
                    continue;
                }
                if a["kind"] == "count" {
                    // "number of K edges" / "distinct start (end) nodes of K
                    // edges"; other counts are of query helpers' result sets.
                    let of = a["of"].as_str().unwrap_or("");
                    let want = a["equals"].as_u64().unwrap_or(0);
                    let parsed = [
                        ("number of ", 0),
                        ("distinct start nodes of ", 1),
                        ("distinct end nodes of ", 2),
                    ]
                    .iter()
                    .find_map(|(p, how)| {
                        of.strip_prefix(p)
                            .and_then(|k| k.strip_suffix(" edges"))
                            .map(|k| (k.to_string(), *how))
                    });
                    // "None": the transcription could not tell the kind.
                    if let Some((kind, how)) = parsed.filter(|(k, _)| k != "None") {
                        let edges = edges_of(&kind);
                        let got = match how {
                            0 => edges.len(),
                            1 => edges.iter().map(|e| &e.0).collect::<BTreeSet<_>>().len(),
                            _ => edges.iter().map(|e| &e.1).collect::<BTreeSet<_>>().len(),
                        } as u64;
                        items.push((
                            kind.clone(),
                            format!("{of}: want {want} got {got}"),
                            got == want,
                        ));
                    }
                    continue;
                }
                if a["kind"] != "membership" {
                    continue;
                }
                let role = a["role"].as_str().unwrap_or("");
                let (start, kind) = if let Some(k) = role.strip_prefix("start node of a ") {
                    (true, k.trim_end_matches(" edge"))
                } else if let Some(k) = role.strip_prefix("end node of a ") {
                    (false, k.trim_end_matches(" edge"))
                } else {
                    continue; // query helpers' result sets: not edges
                };
                let node = a["node"].as_str().unwrap();
                let must = a["must_be"].as_bool().unwrap_or(true);
                let is = edges_of(kind)
                    .iter()
                    .any(|(s, e)| if start { s == node } else { e == node });
                items.push((
                    kind.into(),
                    format!("{node} {role}: must be {must}, is {is}"),
                    is == must,
                ));
            }
            for (kind, desc, ok) in items {
                let test = c["test"].as_str().unwrap_or("");
                if NOT_IMPLEMENTED.contains(&kind.as_str()) {
                    not_impl += 1;
                    continue;
                }
                if ok {
                    passed += 1;
                } else if HARNESS_DECISIONS.iter().any(|d| d.0 == name && d.1 == kind) {
                    decided += 1;
                    report.push_str(&format!("decision {name} {test} {kind}: {desc}\n"));
                } else {
                    failures.push(format!("{name} {test} {kind}: {desc}"));
                }
            }
        }
        for kind in NOT_IMPLEMENTED {
            let n = g
                .edges
                .iter()
                .filter(|e| e.origin.derived && &*e.kind == *kind)
                .count();
            if n > 0 {
                failures.push(format!(
                    "{name}: {n} {kind} edges although cordon does not derive {kind}"
                ));
            }
        }
    }
    println!(
        "harness checks: {passed} passed, {decided} documented decisions, {not_impl} not implemented (kinds listed in NOT_IMPLEMENTED)\n{report}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
#[ignore]
fn debug_harness() {
    let name = std::env::var("HARNESS").unwrap();
    let (g, ids) = harness_graph(&oracle().join(format!("harness-{name}")));
    let back: std::collections::HashMap<u32, String> =
        ids.iter().map(|(k, v)| (*v, k.clone())).collect();
    for e in &g.edges {
        if e.origin.derived {
            println!(
                "{} -{}-> {}  [{}]",
                back.get(&e.from)
                    .cloned()
                    .unwrap_or(g.nodes[e.from as usize].objectid.clone()),
                e.kind,
                back.get(&e.to)
                    .cloned()
                    .unwrap_or(g.nodes[e.to as usize].objectid.clone()),
                e.origin.rule
            );
        }
    }
}

#[test]
fn the_analyzed_export_is_bloodhounds_graph() {
    // What `cordon export bloodhound-opengraph MODEL --analyzed` writes,
    // through the file `cordon import` keeps next to the model.
    let dir = oracle().join("graphify-Version6AllJSON");
    let g =
        cordon_import::sharphound::analyzed_graph(&[dir.join("raw")], Default::default()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    cordon_import::ad::write_sidecar(tmp.path(), &g).unwrap();
    let doc = cordon_import::ad::read_sidecar(tmp.path()).unwrap();
    let ours: EdgeSet = doc
        .graph
        .edges
        .iter()
        .map(|e| (e.start.value.clone(), e.kind.clone(), e.end.value.clone()))
        .collect();
    // Equal but for the kinds of DECISIONS (derived as newer BloodHound's
    // harnesses require; the goldens' BloodHound made none).
    let decided = |e: &(String, String, String)| DECISIONS.iter().any(|d| d.0 == e.1);
    let theirs_edges = golden_edges(&dir.join("analysis/analyzed.json"));
    assert!(theirs_edges.iter().all(|e| !decided(e)));
    let ours_undecided: EdgeSet = ours.iter().filter(|e| !decided(e)).cloned().collect();
    assert_eq!(ours_undecided, theirs_edges);
    assert_eq!(ours.len() - ours_undecided.len(), 61);
    let theirs: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("analysis/analyzed.json")).unwrap())
            .unwrap();
    let want: BTreeSet<String> = theirs["graph"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_ascii_uppercase())
        .collect();
    let got: BTreeSet<String> = doc.graph.nodes.iter().map(|n| n.id.clone()).collect();
    assert_eq!(got, want);
    // Every edge says where it comes from and whether BloodHound traverses it.
    assert!(
        doc.graph.edges.iter().all(
            |e| e.properties.contains_key("origin") && e.properties.contains_key("traversable")
        )
    );
}

/// ADCSESC16 edges (start, end labels) of the ESC16 harness after `change`.
fn esc16_edges(change: &dyn Fn(&mut Value)) -> BTreeSet<(String, String)> {
    let dir = oracle().join("harness-ADCSESC16");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
    change(&mut v);
    let doc: cordon_import::opengraph::OpenGraph = serde_json::from_value(v).unwrap();
    let mut g = AdGraph::default();
    g.files.push("input.json".into());
    let ids = cordon_import::ad::generic::add_opengraph(&mut g, &doc, 0);
    cordon_import::ad::analysis::analyze(&mut g);
    let back: std::collections::HashMap<u32, String> =
        ids.iter().map(|(k, v)| (*v, k.clone())).collect();
    g.edges
        .iter()
        .filter(|e| &*e.kind == "ADCSESC16")
        .map(|e| (back[&e.from].clone(), back[&e.to].clone()))
        .collect()
}

/// Sets (or, with `Value::Null`, removes) a property of harness node `id`.
fn set_prop(v: &mut Value, id: &str, key: &str, val: Value) {
    for n in v["graph"]["nodes"].as_array_mut().unwrap() {
        if n["id"] == id {
            let props = n["properties"].as_object_mut().unwrap();
            if val.is_null() {
                props.remove(key);
            } else {
                props.insert(key.into(), val.clone());
            }
        }
    }
}

/// BloodHound's ESC16 harness (`expected_edges`, exact count) and the cases
/// of its Go integration and unit tests (`variants` in expected.json),
/// applied to the harness graph.
#[test]
fn adcs_esc16_equals_bloodhound() {
    use serde_json::json;
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(oracle().join("harness-ADCSESC16/expected.json")).unwrap(),
    )
    .unwrap();
    let want: BTreeSet<(String, String)> = expected["expected_edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap().to_string(),
                e["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        want.len() as u64,
        expected["expected_edge_count"].as_u64().unwrap()
    );
    assert_eq!(esc16_edges(&|_| {}), want);
    let none = BTreeSet::new();
    // TestADCSESC16DeltaLifecycle: each CA/host condition withdrawn.
    let withdrawn: &[(&str, &str, Value)] = &[
        ("EnterpriseCA1", "disabledextensions", json!([])),
        ("EnterpriseCA1", "disabledextensionscollected", json!(false)),
        ("EnterpriseCA1", "disabledextensionscollected", Value::Null),
        (
            "EnterpriseCA1",
            "isuserspecifiessanenabledcollected",
            json!(false),
        ),
        (
            "EnterpriseCA1",
            "isuserspecifiessanenabledcollected",
            Value::Null,
        ),
        ("EnterpriseCAHost1", "enabled", json!(false)),
    ];
    for (id, key, val) in withdrawn {
        let got = esc16_edges(&|v| set_prop(v, id, key, val.clone()));
        assert_eq!(got, none, "{id}.{key} = {val}");
    }
    // TestADCSESC16CompositionHostForest: the CA host in another forest.
    let got = esc16_edges(&|v| {
        v["graph"]["nodes"].as_array_mut().unwrap().push(json!({
            "id": "Domain2", "kinds": ["Domain"],
            "properties": {"collected": true, "objectid": "S-1-5-21-2-2-2", "domainsid": "S-1-5-21-2-2-2", "name": "Other forest"}
        }));
        set_prop(v, "EnterpriseCAHost1", "domainsid", json!("S-1-5-21-2-2-2"));
    });
    assert_eq!(got, none, "CA host in another forest");
    // TestADCSESC16ManagedServiceAccountComposition: a user attacker and a
    // template that requires a DNS name; only a (g)MSA qualifies.
    for (flag, qualifies) in [(None, false), (Some("gmsa"), true), (Some("msa"), true)] {
        let got = esc16_edges(&|v| {
            set_prop(v, "CertTemplate1", "subjectaltrequiredns", json!(true));
            for n in v["graph"]["nodes"].as_array_mut().unwrap() {
                if n["id"] == "Group1" {
                    n["kinds"] = json!(["User"]);
                }
            }
            if let Some(f) = flag {
                set_prop(v, "Group1", f, json!(true));
            }
        });
        assert_eq!(got.len(), usize::from(qualifies), "user attacker, {flag:?}");
    }
    // TestIsCertTemplateValidForESC16's rule table (null = property absent;
    // an error means the template does not qualify).
    let table = &expected["variants"]["template_rule_table_esc16_test_go"];
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 14);
    for row in rows {
        let r = row.as_array().unwrap();
        let valid = r[4] == true && r[5] == false;
        let got = esc16_edges(&|v| {
            for (i, key) in [
                "schemaversion",
                "authorizedsignatures",
                "authenticationenabled",
                "requiresmanagerapproval",
            ]
            .iter()
            .enumerate()
            {
                set_prop(v, "CertTemplate1", key, r[i].clone());
            }
        });
        assert_eq!(got.len(), usize::from(valid), "rule table row {row}");
    }
}

/// Harnesses whose expected.json lists `expected_edges` with an exact
/// `expected_edge_count` (BloodHound's test requires that count of the kind
/// and each listed edge): cordon's edges of the kind equal the list.
#[test]
fn exact_count_harnesses_equal_bloodhound() {
    for (harness, kind) in [
        ("HasTrustKeysHarness", "HasTrustKeys"),
        ("ProtectAdminGroupsHarness", "ProtectAdminGroups"),
        ("CanApplyGPOHarness", "CanApplyGPO"),
        ("GPOAppliesToHarness", "GPOAppliesTo"),
    ] {
        let dir = oracle().join(format!("harness-{harness}"));
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let want: BTreeSet<(String, String)> = expected["expected_edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == kind)
            .map(|e| {
                (
                    e["start"].as_str().unwrap().to_string(),
                    e["end"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            want.len() as u64,
            expected["expected_edge_count"].as_u64().unwrap(),
            "{harness}"
        );
        let (g, ids) = harness_graph(&dir);
        let back: std::collections::HashMap<u32, String> =
            ids.iter().map(|(k, v)| (*v, k.clone())).collect();
        let got: BTreeSet<(String, String)> = g
            .edges
            .iter()
            .filter(|e| &*e.kind == kind)
            .map(|e| {
                let l = |n: u32| {
                    back.get(&n)
                        .cloned()
                        .unwrap_or_else(|| g.nodes[n as usize].objectid.clone())
                };
                (l(e.from), l(e.to))
            })
            .collect();
        assert_eq!(got, want, "{harness}: {kind}");
    }
}
