//! Property tests of the MEF reader against plain reference
//! implementations written here:
//!
//! - CCF expansion: the top-event probability of random groups (beta-factor,
//!   MGL, alpha-factor, phi-factor) under random gates equals the
//!   probability computed by enumerating every combination of the
//!   independent CCF events, with the Q_k formulas of the MEF standard
//!   (NUREG/CR-5485) written out below;
//! - expressions: random arithmetic trees through parameters evaluate as a
//!   direct evaluation here does; GLM, Weibull and periodic-test reduce to
//!   the exponential law where the standard says they do.

use cordon_continuity::{MefModel, ReadOptions, Settings};
use proptest::prelude::*;

fn probability(xml: &str, top: &str, options: &ReadOptions) -> f64 {
    let m = MefModel::parse(xml, "prop.xml", options).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let t = m.target(top).unwrap();
    let tt = m.fault_tree(&t).unwrap();
    tt.tree.analyze(&Settings::default()).unwrap().probability()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-15
}

#[derive(Clone, Debug)]
enum Model {
    Beta(f64),
    Mgl(Vec<f64>),
    Alpha(Vec<f64>),
    Phi(Vec<f64>),
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |r, i| r * (n - i) as f64 / (i + 1) as f64)
}

/// Q_k for k = 1..=n (0 where the model defines no event).
fn reference_q(model: &Model, n: usize, q: f64) -> Vec<f64> {
    let mut out = vec![0.0; n];
    match model {
        Model::Beta(b) => {
            out[0] = (1.0 - b) * q;
            out[n - 1] = b * q;
        }
        Model::Mgl(rho) => {
            // rho[0] = ρ_2 …; ρ_1 = 1, ρ_{m+1} = 0.
            let m = rho.len() + 1;
            let r = |i: usize| {
                if i == 1 {
                    1.0
                } else if i <= m {
                    rho[i - 2]
                } else {
                    0.0
                }
            };
            for k in 1..=m {
                let prod: f64 = (1..=k).map(r).product();
                out[k - 1] = prod * (1.0 - r(k + 1)) * q / binomial(n - 1, k - 1);
            }
        }
        Model::Alpha(alpha) => {
            let total: f64 = alpha
                .iter()
                .enumerate()
                .map(|(i, a)| (i + 1) as f64 * a)
                .sum();
            for (i, a) in alpha.iter().enumerate() {
                let k = i + 1;
                out[i] = k as f64 / binomial(n - 1, k - 1) * a / total * q;
            }
        }
        Model::Phi(phi) => {
            for (i, f) in phi.iter().enumerate() {
                out[i] = f * q;
            }
        }
    }
    out
}

fn model_xml(model: &Model, n: usize) -> (String, String) {
    let factor =
        |level: usize, v: f64| format!("<factor level=\"{level}\"><float value=\"{v}\"/></factor>");
    match model {
        Model::Beta(b) => ("beta-factor".into(), factor(n, *b)),
        Model::Mgl(rho) => (
            "MGL".into(),
            rho.iter()
                .enumerate()
                .map(|(i, v)| factor(i + 2, *v))
                .collect(),
        ),
        Model::Alpha(a) => (
            "alpha-factor".into(),
            a.iter()
                .enumerate()
                .map(|(i, v)| factor(i + 1, *v))
                .collect(),
        ),
        Model::Phi(p) => (
            "phi-factor".into(),
            p.iter()
                .enumerate()
                .map(|(i, v)| factor(i + 1, *v))
                .collect(),
        ),
    }
}

fn ccf_case() -> impl Strategy<Value = (usize, Model, f64, usize)> {
    (2usize..=4).prop_flat_map(|n| {
        let model = prop_oneof![
            (0.0f64..=1.0).prop_map(Model::Beta),
            (1usize..n)
                .prop_flat_map(|m| prop::collection::vec(0.0f64..=1.0, m))
                .prop_map(Model::Mgl),
            (1usize..=n)
                .prop_flat_map(|m| prop::collection::vec(0.01f64..=1.0, m))
                .prop_map(Model::Alpha),
            (1usize..=n)
                .prop_flat_map(|m| prop::collection::vec(0.01f64..=1.0, m))
                .prop_map(|w| {
                    let s: f64 = w.iter().sum();
                    Model::Phi(w.iter().map(|x| x / s).collect())
                }),
        ];
        // gate: 0 = or, 1 = and, 2.. = atleast(k)
        (Just(n), model, 0.001f64..0.5, 0usize..n)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ccf_expansion_matches_enumeration((n, model, q, gate) in ccf_case()) {
        let members: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
        let (name, factors) = model_xml(&model, n);
        let args: String = members.iter().map(|m| format!("<basic-event name=\"{m}\"/>")).collect();
        let (formula, k_needed) = match gate {
            0 => (format!("<or>{args}</or>"), 1),
            1 => (format!("<and>{args}</and>"), n),
            k => (format!("<atleast min=\"{}\">{args}</atleast>", k.clamp(2, n - 1)), k.clamp(2, n - 1)),
        };
        let (formula, k_needed) = if gate >= 2 && n < 3 { (format!("<or>{args}</or>"), 1) } else { (formula, k_needed) };
        let xml = format!(
            "<opsa-mef><define-fault-tree name=\"ft\"><define-gate name=\"top\">{formula}</define-gate>\
             <define-CCF-group name=\"g\" model=\"{name}\"><members>{args}</members>\
             <distribution><float value=\"{q}\"/></distribution><factors>{factors}</factors></define-CCF-group>\
             </define-fault-tree></opsa-mef>"
        );
        let got = probability(&xml, "top", &ReadOptions::default());
        // Reference: every subset S of the members is an independent event
        // of probability Q_|S|; a member fails when an event holding it
        // occurs. Enumerate all combinations of those events.
        let qk = reference_q(&model, n, q);
        let events: Vec<(u32, f64)> = (1u32..(1 << n))
            .map(|s| (s, qk[s.count_ones() as usize - 1]))
            .filter(|&(_, p)| p > 0.0)
            .collect();
        let mut want = 0.0;
        for combo in 0u64..(1 << events.len()) {
            let mut p = 1.0;
            let mut failed = 0u32;
            for (i, &(s, pe)) in events.iter().enumerate() {
                if combo >> i & 1 == 1 {
                    p *= pe;
                    failed |= s;
                } else {
                    p *= 1.0 - pe;
                }
            }
            if failed.count_ones() as usize >= k_needed {
                want += p;
            }
        }
        prop_assert!(close(got, want, 1e-9), "cordon {got}, reference {want}\n{xml}");
        // Without expansion every member has the group's probability.
        let plain = probability(&xml, "top", &ReadOptions { ccf: false, ..ReadOptions::default() });
        let mut want = 0.0;
        for s in 0u32..(1 << n) {
            if s.count_ones() as usize >= k_needed {
                want += q.powi(s.count_ones() as i32) * (1.0 - q).powi((n - s.count_ones() as usize) as i32);
            }
        }
        prop_assert!(close(plain, want, 1e-9), "no-ccf cordon {plain}, reference {want}");
    }
}

#[derive(Clone, Debug)]
enum E {
    Num(f64),
    Add(Box<E>, Box<E>),
    Sub(Box<E>, Box<E>),
    Mul(Box<E>, Box<E>),
    SafeDiv(Box<E>, Box<E>),
    Neg(Box<E>),
    Min(Box<E>, Box<E>),
    Max(Box<E>, Box<E>),
    Ite(Box<E>, Box<E>, Box<E>),
    Mean3(Box<E>, Box<E>, Box<E>),
}

impl E {
    fn eval(&self) -> f64 {
        match self {
            E::Num(v) => *v,
            E::Add(a, b) => a.eval() + b.eval(),
            E::Sub(a, b) => a.eval() - b.eval(),
            E::Mul(a, b) => a.eval() * b.eval(),
            E::SafeDiv(a, b) => a.eval() / (1.0 + b.eval().abs()),
            E::Neg(a) => -a.eval(),
            E::Min(a, b) => a.eval().min(b.eval()),
            E::Max(a, b) => a.eval().max(b.eval()),
            E::Ite(c, a, b) => {
                if c.eval() > 0.5 {
                    a.eval()
                } else {
                    b.eval()
                }
            }
            E::Mean3(a, b, c) => (a.eval() + b.eval() + c.eval()) / 3.0,
        }
    }
    fn xml(&self) -> String {
        match self {
            E::Num(v) => format!("<float value=\"{v}\"/>"),
            E::Add(a, b) => format!("<add>{}{}</add>", a.xml(), b.xml()),
            E::Sub(a, b) => format!("<sub>{}{}</sub>", a.xml(), b.xml()),
            E::Mul(a, b) => format!("<mul>{}{}</mul>", a.xml(), b.xml()),
            E::SafeDiv(a, b) => format!(
                "<div>{}<add><int value=\"1\"/><abs>{}</abs></add></div>",
                a.xml(),
                b.xml()
            ),
            E::Neg(a) => format!("<neg>{}</neg>", a.xml()),
            E::Min(a, b) => format!("<min>{}{}</min>", a.xml(), b.xml()),
            E::Max(a, b) => format!("<max>{}{}</max>", a.xml(), b.xml()),
            E::Ite(c, a, b) => format!(
                "<ite><gt>{}<float value=\"0.5\"/></gt>{}{}</ite>",
                c.xml(),
                a.xml(),
                b.xml()
            ),
            E::Mean3(a, b, c) => format!("<mean>{}{}{}</mean>", a.xml(), b.xml(), c.xml()),
        }
    }
}

fn expr() -> impl Strategy<Value = E> {
    let leaf = (-2.0f64..2.0).prop_map(E::Num);
    leaf.prop_recursive(4, 24, 3, |inner| {
        let b = |x: E| Box::new(x);
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::Add(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::Sub(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::Mul(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::SafeDiv(b(x), b(y))),
            inner.clone().prop_map(move |x| E::Neg(b(x))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::Min(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| E::Max(b(x), b(y))),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(move |(c, x, y)| E::Ite(
                b(c),
                b(x),
                b(y)
            )),
            (inner.clone(), inner.clone(), inner).prop_map(move |(x, y, z)| E::Mean3(
                b(x),
                b(y),
                b(z)
            )),
        ]
    })
}

fn one_event(expression: &str, extra: &str) -> String {
    format!(
        "<opsa-mef><define-fault-tree name=\"ft\"><define-gate name=\"top\"><or><basic-event name=\"a\"/><basic-event name=\"z\"/></or></define-gate>\
         <define-basic-event name=\"a\">{expression}</define-basic-event>\
         <define-basic-event name=\"z\"><float value=\"0\"/></define-basic-event></define-fault-tree>\
         <model-data>{extra}</model-data></opsa-mef>"
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arithmetic_through_parameters_matches_direct_evaluation(e in expr(), t in 0.0f64..50.0) {
        // rate = |E| through two parameters; p = 1 - exp(-rate * t).
        let extra = format!(
            "<define-parameter name=\"E\">{}</define-parameter>\
             <define-parameter name=\"rate\"><abs><parameter name=\"E\"/></abs></define-parameter>",
            e.xml()
        );
        let xml = one_event("<exponential><parameter name=\"rate\"/><system-mission-time/></exponential>", &extra);
        let got = probability(&xml, "top", &ReadOptions { mission_time: t, ..ReadOptions::default() });
        let want = 1.0 - (-e.eval().abs() * t).exp();
        prop_assert!(close(got, want, 1e-9), "cordon {got}, reference {want}: {e:?}");
    }

    #[test]
    fn reliability_models_reduce_to_the_exponential(lambda in 1e-6f64..1e-2, t in 0.0f64..2000.0, tau in 10.0f64..500.0, theta in 0.0f64..500.0) {
        let exp = 1.0 - (-lambda * t).exp();
        let num = |v: f64| format!("<float value=\"{v}\"/>");
        // GLM with no demand failure and no repair.
        let glm = one_event(&format!("<GLM>{}{}{}{}</GLM>", num(0.0), num(lambda), num(0.0), num(t)), "");
        prop_assert!(close(probability(&glm, "top", &ReadOptions::default()), exp, 1e-9));
        // Weibull of shape 1, scale 1/lambda, no shift.
        let weibull = one_event(&format!("<Weibull>{}{}{}{}</Weibull>", num(1.0 / lambda), num(1.0), num(0.0), num(t)), "");
        prop_assert!(close(probability(&weibull, "top", &ReadOptions::default()), exp, 1e-9));
        // Periodic test with instant repair: exponential of the time since
        // the last test (or since the start, before the first).
        let pt = one_event(&format!("<periodic-test>{}{}{}{}</periodic-test>", num(lambda), num(tau), num(theta), num(t)), "");
        let since = if t <= theta { t } else {
            let r = (t - theta) % tau;
            if r == 0.0 { tau } else { r }
        };
        let want = 1.0 - (-lambda * since).exp();
        prop_assert!(close(probability(&pt, "top", &ReadOptions::default()), want, 1e-6));
    }

    #[test]
    fn deviates_evaluate_to_their_means(a in 0.0f64..0.4, w in 0.001f64..0.4, k in 0.1f64..5.0, s in 0.001f64..0.1) {
        let num = |v: f64| format!("<float value=\"{v}\"/>");
        let cases = [
            (format!("<uniform-deviate>{}{}</uniform-deviate>", num(a), num(a + w)), a + w / 2.0),
            (format!("<normal-deviate>{}{}</normal-deviate>", num(a), num(w)), a),
            (format!("<lognormal-deviate>{}{}{}</lognormal-deviate>", num(a + 1e-3), num(3.0), num(0.95)), a + 1e-3),
            (format!("<lognormal-deviate>{}{}</lognormal-deviate>", num(-3.0 - k), num(w)), (-3.0 - k + w * w / 2.0).exp()),
            (format!("<gamma-deviate>{}{}</gamma-deviate>", num(k), num(s)), k * s),
            (format!("<beta-deviate>{}{}</beta-deviate>", num(k), num(k * 3.0)), 0.25),
        ];
        for (x, want) in cases {
            if want > 1.0 { continue; }
            let got = probability(&one_event(&x, ""), "top", &ReadOptions::default());
            prop_assert!(close(got, want, 1e-9), "{x}: cordon {got}, mean {want}");
        }
    }
}

/// Mutated peer-suite inputs (bytes flipped, cut, duplicated) never panic
/// the reader: every outcome is a model or an error.
#[test]
fn mutated_peer_inputs_never_panic() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/mef-peers/scram/tests/input"
    );
    let mut seeds = Vec::new();
    for sub in ["eta", "fta", "core", "model"] {
        for e in std::fs::read_dir(format!("{dir}/{sub}")).unwrap().flatten() {
            let text = std::fs::read(e.path()).unwrap();
            if text.len() < 20_000 {
                seeds.push(text);
            }
        }
    }
    seeds.sort();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const TOKENS: &[&[u8]] = &[
        b"<",
        b">",
        b"/>",
        b"\"",
        b"name=\"",
        b"<gate name=\"x\"/>",
        b"<event name=\"TopEvent\"/>",
        b"<atleast min=\"2\">",
        b"<not>",
        b"</not>",
        b"role=\"private\"",
        b"<parameter name=\"p\"/>",
        b"<branch name=\"B\"/>",
        b"<rule name=\"R\"/>",
        b"<int value=\"0\"/>",
        b"<float value=\"-1\"/>",
        b"<fork functional-event=\"F\">",
        b"<sequence name=\"S\"/>",
        b"\xff\xfe",
        b".",
        b"&amp;",
    ];
    for round in 0..20_000 {
        let seed = &seeds[next() as usize % seeds.len()];
        let mut bytes = seed.clone();
        for _ in 0..1 + next() % 4 {
            let at = next() as usize % (bytes.len() + 1);
            match next() % 4 {
                0 => bytes.truncate(at),
                1 => {
                    let t = TOKENS[next() as usize % TOKENS.len()];
                    bytes.splice(at..at, t.iter().copied());
                }
                2 if at < bytes.len() => bytes[at] = next() as u8,
                _ => {
                    let end = (at + (next() as usize % 200)).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(m) = MefModel::parse(&text, "fuzz.xml", &ReadOptions::default())
                && let Ok(targets) = m.targets()
            {
                let _ = m.fault_trees(&targets);
            }
        });
        assert!(outcome.is_ok(), "round {round} panicked on:\n{text}");
    }
}

/// Monte Carlo uncertainty: sample means converge to the deviates' means,
/// a parameter shared by two events is drawn once per trial, the seed
/// reproduces the answer.
#[test]
fn uncertainty_by_monte_carlo() {
    let model = |a: &str, b: &str, gate: &str| {
        format!(
            "<opsa-mef><define-fault-tree name=\"ft\"><define-gate name=\"top\"><{gate}><basic-event name=\"a\"/><basic-event name=\"b\"/></{gate}></define-gate>\
             <define-basic-event name=\"a\">{a}</define-basic-event><define-basic-event name=\"b\">{b}</define-basic-event></define-fault-tree>\
             <model-data><define-parameter name=\"P\"><uniform-deviate><float value=\"0\"/><float value=\"1\"/></uniform-deviate></define-parameter></model-data></opsa-mef>"
        )
    };
    let run = |xml: &str, trials: usize, seed: u64| {
        let m = MefModel::parse(xml, "mc.xml", &ReadOptions::default()).unwrap();
        let t = m.target("top").unwrap();
        let tt = m.fault_tree(&t).unwrap();
        m.uncertainty(&tt, trials, seed).unwrap()
    };
    // Shared parameter: P(a and b) = E[P^2] = 1/3 (independent draws: 1/4).
    let shared = model("<parameter name=\"P\"/>", "<parameter name=\"P\"/>", "and");
    let u = run(&shared, 1500, 7);
    assert!((u.mean - 1.0 / 3.0).abs() < 0.02, "{u:?}");
    assert_eq!(u.sampled_events, 2);
    assert_eq!(run(&shared, 1500, 7), u, "the seed reproduces the answer");
    assert_ne!(run(&shared, 1500, 8).mean, u.mean);
    // Inline deviates are independent: OR of two uniform(0.1, 0.3) has mean
    // 1 - (1 - 0.2)^2 = 0.36; lognormal (mean 0.01, EF 3) keeps its mean.
    let u = run(
        &model(
            "<uniform-deviate><float value=\"0.1\"/><float value=\"0.3\"/></uniform-deviate>",
            "<uniform-deviate><float value=\"0.1\"/><float value=\"0.3\"/></uniform-deviate>",
            "or",
        ),
        1500,
        1,
    );
    assert!((u.mean - 0.36).abs() < 0.005, "{u:?}");
    assert!(u.p05 < u.median && u.median < u.p95);
    let lognormal = "<lognormal-deviate><float value=\"0.01\"/><float value=\"3\"/><float value=\"0.95\"/></lognormal-deviate>";
    let u = run(&model(lognormal, "<float value=\"1\"/>", "and"), 4_000, 3);
    assert!((u.mean / 0.01 - 1.0).abs() < 0.05, "{u:?}");
    // The median of a lognormal with EF 3 at 95%: mean / exp(sigma^2 / 2).
    let sigma = 3f64.ln() / 1.6448536269514722;
    assert!(
        (u.median / (0.01 / (sigma * sigma / 2.0).exp()) - 1.0).abs() < 0.05,
        "{u:?}"
    );
}
