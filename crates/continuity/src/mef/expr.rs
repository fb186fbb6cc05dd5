//! MEF numeric expressions (Open-PSA MEF §5): constants, parameters,
//! arithmetic, Boolean and conditional operators, the reliability models
//! (exponential, GLM, Weibull, periodic test) and the random deviates, which
//! evaluate to their mean value (as SCRAM's point estimate does).
//!
//! Formulas of the models follow the MEF and SCRAM 0.16 (`src/expression/`):
//! - exponential(λ, t) = 1 − e^(−λt);
//! - GLM(γ, λ, μ, t) = (λ − (λ − γ(λ+μ)) e^(−(λ+μ)t)) / (λ+μ);
//! - Weibull(α, β, t0, t) = 1 − e^(−((t−t0)/α)^β) for t > t0, else 0;
//! - periodic-test with 4 arguments (λ, τ, θ, t: instant repair), 5 (λ, μ,
//!   τ, θ, t: instant test) and 11 (λ, λ_test, μ, τ, θ, γ, test duration,
//!   available at test, σ, ω, t: the complete model);
//! - means: uniform (a+b)/2, normal μ, lognormal 3-argument form its mean
//!   and 2-argument form e^(μ+σ²/2), gamma kθ, beta α/(α+β), histogram the
//!   weighted mid-points.

use super::Loc;
use super::xml::Element;

/// Deepest nesting of expressions and parameter references evaluated.
const MAX_EVAL_DEPTH: usize = 2_000;

/// A parsed numeric expression.
#[derive(Debug, Clone)]
pub(crate) enum NumExpr {
    Const(f64),
    /// A parameter reference: name and the scope (base path) it appears in.
    Param(String, String, Loc),
    MissionTime,
    Op(NumOp, Vec<NumExpr>, Loc),
    /// `<test-functional-event name state>`: 1 when the path's state matches.
    TestFunctional(String, String),
    /// `<test-initiating-event name>`.
    TestInitiating(String),
    /// `<switch>`: (condition, value) cases then the default.
    Switch(Vec<(NumExpr, NumExpr)>, Box<NumExpr>),
    /// `<histogram>`: lower bound, then (upper bound, weight) bins.
    Histogram(Box<NumExpr>, Vec<(NumExpr, NumExpr)>, Loc),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumOp {
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Abs,
    Acos,
    Asin,
    Atan,
    Cos,
    Cosh,
    Exp,
    Log,
    Log10,
    Mod,
    Pow,
    Sin,
    Sinh,
    Sqrt,
    Tan,
    Tanh,
    Ceil,
    Floor,
    Min,
    Max,
    Mean,
    Not,
    And,
    Or,
    Eq,
    Df,
    Lt,
    Gt,
    Leq,
    Geq,
    Ite,
    Exponential,
    Glm,
    Weibull,
    PeriodicTest,
    Uniform,
    Normal,
    Lognormal,
    Gamma,
    Beta,
}

impl NumOp {
    fn from_name(name: &str) -> Option<NumOp> {
        use NumOp::*;
        Some(match name {
            "neg" => Neg,
            "add" => Add,
            "sub" => Sub,
            "mul" => Mul,
            "div" => Div,
            "abs" => Abs,
            "acos" => Acos,
            "asin" => Asin,
            "atan" => Atan,
            "cos" => Cos,
            "cosh" => Cosh,
            "exp" => Exp,
            "log" => Log,
            "log10" => Log10,
            "mod" => Mod,
            "pow" => Pow,
            "sin" => Sin,
            "sinh" => Sinh,
            "sqrt" => Sqrt,
            "tan" => Tan,
            "tanh" => Tanh,
            "ceil" => Ceil,
            "floor" => Floor,
            "min" => Min,
            "max" => Max,
            "mean" => Mean,
            "not" => Not,
            "and" => And,
            "or" => Or,
            "eq" => Eq,
            "df" => Df,
            "lt" => Lt,
            "gt" => Gt,
            "leq" => Leq,
            "geq" => Geq,
            "ite" => Ite,
            "exponential" => Exponential,
            "GLM" => Glm,
            "Weibull" => Weibull,
            "periodic-test" => PeriodicTest,
            "uniform-deviate" => Uniform,
            "normal-deviate" => Normal,
            "lognormal-deviate" => Lognormal,
            "gamma-deviate" => Gamma,
            "beta-deviate" => Beta,
            _ => return None,
        })
    }

    /// Allowed argument counts, as text for messages, and the check.
    fn arity(self) -> (&'static str, fn(usize) -> bool) {
        use NumOp::*;
        match self {
            Neg | Abs | Acos | Asin | Atan | Cos | Cosh | Exp | Log | Log10 | Sin | Sinh | Sqrt
            | Tan | Tanh | Ceil | Floor | Not => ("1", |n| n == 1),
            Mod | Pow | Eq | Df | Lt | Gt | Leq | Geq | Exponential | Uniform | Normal | Gamma
            | Beta => ("2", |n| n == 2),
            Add | Sub | Mul | Div | Min | Max | Mean | And | Or => ("2 or more", |n| n >= 2),
            Ite => ("3", |n| n == 3),
            Glm | Weibull => ("4", |n| n == 4),
            PeriodicTest => ("4, 5 or 11", |n| n == 4 || n == 5 || n == 11),
            Lognormal => ("2 or 3", |n| n == 2 || n == 3),
        }
    }
}

/// An expression problem at a location.
pub(crate) type ExprError = (Loc, String);

/// Parses one expression element. `base` is the scope of parameter
/// references (the enclosing fault tree or component path).
pub(crate) fn parse(el: &Element, base: &str) -> Result<NumExpr, ExprError> {
    let number = |el: &Element, integer: bool| -> Result<NumExpr, ExprError> {
        let raw = el.attr("value").unwrap_or("");
        let v = if integer {
            raw.parse::<i32>().map(f64::from).ok()
        } else {
            raw.parse::<f64>().ok().filter(|v| v.is_finite())
        };
        v.map(NumExpr::Const).ok_or_else(|| {
            (
                el.loc,
                format!(
                    "<{}> needs value=\"…\" with {}, found `{raw}`",
                    el.name,
                    if integer {
                        "a 32-bit integer"
                    } else {
                        "a finite number"
                    }
                ),
            )
        })
    };
    let args = |el: &Element| -> Result<Vec<NumExpr>, ExprError> {
        el.content().map(|c| parse(c, base)).collect()
    };
    Ok(match el.name.as_str() {
        "float" => number(el, false)?,
        "int" => number(el, true)?,
        "bool" => match el.attr("value") {
            Some("true") => NumExpr::Const(1.0),
            Some("false") => NumExpr::Const(0.0),
            other => {
                return Err((
                    el.loc,
                    format!(
                        "<bool> needs value=\"true\" or \"false\", found `{}`",
                        other.unwrap_or("")
                    ),
                ));
            }
        },
        "pi" => NumExpr::Const(std::f64::consts::PI),
        "system-mission-time" => NumExpr::MissionTime,
        "parameter" => {
            let name = el
                .attr("name")
                .filter(|n| !n.is_empty())
                .ok_or_else(|| (el.loc, "<parameter> needs a name attribute".to_string()))?;
            NumExpr::Param(name.to_string(), base.to_string(), el.loc)
        }
        "test-functional-event" => NumExpr::TestFunctional(
            el.attr("name").unwrap_or("").to_string(),
            el.attr("state").unwrap_or("").to_string(),
        ),
        "test-initiating-event" => {
            NumExpr::TestInitiating(el.attr("name").unwrap_or("").to_string())
        }
        "switch" => {
            let items: Vec<&Element> = el.content().collect();
            let Some((default, cases)) = items.split_last() else {
                return Err((
                    el.loc,
                    "<switch> needs <case> elements and a default expression".into(),
                ));
            };
            let mut out = Vec::new();
            for c in cases {
                if c.name != "case" {
                    return Err((
                        c.loc,
                        format!("<switch> expects <case>, found <{}>", c.name),
                    ));
                }
                let parts = args(c)?;
                let [cond, value]: [NumExpr; 2] = parts
                    .try_into()
                    .map_err(|_| (c.loc, "<case> needs a condition and a value".to_string()))?;
                out.push((cond, value));
            }
            NumExpr::Switch(out, Box::new(parse(default, base)?))
        }
        "histogram" => {
            let items: Vec<&Element> = el.content().collect();
            let Some((lower, bins)) = items.split_first() else {
                return Err((
                    el.loc,
                    "<histogram> needs a lower bound and <bin> elements".into(),
                ));
            };
            let mut out = Vec::new();
            for b in bins {
                let parts = if b.name == "bin" {
                    args(b)?
                } else {
                    Vec::new()
                };
                let [upper, weight]: [NumExpr; 2] = parts.try_into().map_err(|_| {
                    (
                        b.loc,
                        "<histogram> bins are <bin> with an upper bound and a weight".to_string(),
                    )
                })?;
                out.push((upper, weight));
            }
            if out.is_empty() {
                return Err((el.loc, "<histogram> needs at least one <bin>".into()));
            }
            NumExpr::Histogram(Box::new(parse(lower, base)?), out, el.loc)
        }
        name => {
            let Some(op) = NumOp::from_name(name) else {
                return Err((el.loc, format!("unsupported expression <{name}>")));
            };
            let a = args(el)?;
            let (allowed, ok) = op.arity();
            if !ok(a.len()) {
                return Err((
                    el.loc,
                    format!("<{name}> takes {allowed} arguments, found {}", a.len()),
                ));
            }
            NumExpr::Op(op, a, el.loc)
        }
    })
}

/// What an evaluation needs from its surroundings.
pub(crate) trait Env {
    /// The mission time in hours (`<system-mission-time/>`).
    fn mission_time(&self) -> f64;
    /// The value of a parameter reference, `depth` levels down.
    fn parameter(&self, name: &str, base: &str, loc: Loc, depth: usize) -> Result<f64, ExprError>;
    /// The state the current event-tree path gives a functional event.
    fn functional_state(&self, _name: &str) -> Option<&str> {
        None
    }
    /// The initiating event of the event tree being walked.
    fn initiating_event(&self) -> Option<&str> {
        None
    }
    /// A random draw of a deviate (`op`, arguments already evaluated) when
    /// sampling; `None` evaluates it to its mean.
    fn draw(&self, _op: NumOp, _args: &[f64]) -> Option<f64> {
        None
    }
}

/// Evaluates `e` (its point value: deviates give their means).
pub(crate) fn eval(e: &NumExpr, env: &dyn Env, depth: usize) -> Result<f64, ExprError> {
    if depth > MAX_EVAL_DEPTH {
        let loc = match e {
            NumExpr::Param(_, _, l) | NumExpr::Op(_, _, l) | NumExpr::Histogram(_, _, l) => *l,
            _ => Loc::default(),
        };
        return Err((
            loc,
            format!("expressions and parameters nest deeper than {MAX_EVAL_DEPTH} levels"),
        ));
    }
    let ev = |x: &NumExpr| eval(x, env, depth + 1);
    Ok(match e {
        NumExpr::Const(v) => *v,
        NumExpr::MissionTime => env.mission_time(),
        NumExpr::Param(name, base, loc) => env.parameter(name, base, *loc, depth + 1)?,
        NumExpr::TestFunctional(name, state) => {
            f64::from(u8::from(env.functional_state(name) == Some(state.as_str())))
        }
        NumExpr::TestInitiating(name) => {
            f64::from(u8::from(env.initiating_event() == Some(name.as_str())))
        }
        NumExpr::Switch(cases, default) => {
            for (cond, value) in cases {
                if ev(cond)? != 0.0 {
                    return ev(value);
                }
            }
            ev(default)?
        }
        NumExpr::Histogram(lower, bins, loc) => {
            let mut lo = ev(lower)?;
            let (mut sum, mut weights) = (0.0, 0.0);
            for (upper, weight) in bins {
                let (up, w) = (ev(upper)?, ev(weight)?);
                if up <= lo || w < 0.0 {
                    return Err((
                        *loc,
                        "histogram bounds must increase and weights be non-negative".into(),
                    ));
                }
                sum += (lo + up) / 2.0 * w;
                weights += w;
                lo = up;
            }
            if weights <= 0.0 {
                return Err((*loc, "histogram weights sum to zero".into()));
            }
            sum / weights
        }
        NumExpr::Op(op, args, loc) => {
            let v: Vec<f64> = args.iter().map(ev).collect::<Result<_, _>>()?;
            let mean = apply(*op, &v).map_err(|m| (*loc, m))?;
            let value = env.draw(*op, &v).unwrap_or(mean);
            if !value.is_finite() {
                return Err((
                    *loc,
                    format!("the expression evaluates to {value} (check its arguments' domains)"),
                ));
            }
            value
        }
    })
}

fn p_exp(lambda: f64, t: f64) -> f64 {
    1.0 - (-lambda * t).exp()
}

/// Probability the second of two consecutive Poisson processes occurred.
fn p_exp2(p_mu: f64, p_lambda: f64, mu: f64, lambda: f64, t: f64) -> f64 {
    if lambda == mu {
        p_lambda - (1.0 - p_lambda) * lambda * t
    } else {
        (lambda * p_mu - mu * p_lambda) / (lambda - mu)
    }
}

fn need(ok: bool, what: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what.to_string()) }
}

fn apply(op: NumOp, v: &[f64]) -> Result<f64, String> {
    use NumOp::*;
    let b = |x: bool| f64::from(u8::from(x));
    Ok(match op {
        Neg => -v[0],
        Add => v.iter().sum(),
        Sub => v[0] - v[1..].iter().sum::<f64>(),
        Mul => v.iter().product(),
        Div => {
            let mut r = v[0];
            for &d in &v[1..] {
                need(d != 0.0, "division by zero")?;
                r /= d;
            }
            r
        }
        Abs => v[0].abs(),
        Acos => {
            need(
                (-1.0..=1.0).contains(&v[0]),
                "acos of a value outside [-1, 1]",
            )?;
            v[0].acos()
        }
        Asin => {
            need(
                (-1.0..=1.0).contains(&v[0]),
                "asin of a value outside [-1, 1]",
            )?;
            v[0].asin()
        }
        Atan => v[0].atan(),
        Cos => v[0].cos(),
        Cosh => v[0].cosh(),
        Exp => v[0].exp(),
        Log => {
            need(v[0] > 0.0, "log of a non-positive value")?;
            v[0].ln()
        }
        Log10 => {
            need(v[0] > 0.0, "log10 of a non-positive value")?;
            v[0].log10()
        }
        Mod => {
            let (a, d) = (v[0] as i64, v[1] as i64);
            need(d != 0, "modulo by zero")?;
            a.wrapping_rem(d) as f64
        }
        Pow => v[0].powf(v[1]),
        Sin => v[0].sin(),
        Sinh => v[0].sinh(),
        Sqrt => {
            need(v[0] >= 0.0, "square root of a negative value")?;
            v[0].sqrt()
        }
        Tan => v[0].tan(),
        Tanh => v[0].tanh(),
        Ceil => v[0].ceil(),
        Floor => v[0].floor(),
        Min => v.iter().copied().fold(f64::INFINITY, f64::min),
        Max => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Mean => v.iter().sum::<f64>() / v.len() as f64,
        Not => b(v[0] == 0.0),
        And => b(v.iter().all(|&x| x != 0.0)),
        Or => b(v.iter().any(|&x| x != 0.0)),
        Eq => b(v[0] == v[1]),
        Df => b(v[0] != v[1]),
        Lt => b(v[0] < v[1]),
        Gt => b(v[0] > v[1]),
        Leq => b(v[0] <= v[1]),
        Geq => b(v[0] >= v[1]),
        Ite => {
            if v[0] != 0.0 {
                v[1]
            } else {
                v[2]
            }
        }
        Exponential => {
            need(
                v[0] >= 0.0,
                "exponential: the failure rate must be non-negative",
            )?;
            need(
                v[1] >= 0.0,
                "exponential: the mission time must be non-negative",
            )?;
            p_exp(v[0], v[1])
        }
        Glm => {
            let (gamma, lambda, mu, t) = (v[0], v[1], v[2], v[3]);
            need(
                (0.0..=1.0).contains(&gamma),
                "GLM: the failure on demand must be a probability",
            )?;
            need(lambda > 0.0, "GLM: the failure rate must be positive")?;
            need(mu >= 0.0, "GLM: the repair rate must be non-negative")?;
            need(t >= 0.0, "GLM: the mission time must be non-negative")?;
            let r = lambda + mu;
            (lambda - (lambda - gamma * r) * (-r * t).exp()) / r
        }
        Weibull => {
            let (alpha, beta, t0, t) = (v[0], v[1], v[2], v[3]);
            need(alpha > 0.0, "Weibull: the scale parameter must be positive")?;
            need(beta > 0.0, "Weibull: the shape parameter must be positive")?;
            need(t0 >= 0.0, "Weibull: the time shift must be non-negative")?;
            need(t >= 0.0, "Weibull: the mission time must be non-negative")?;
            if t <= t0 {
                0.0
            } else {
                1.0 - (-((t - t0) / alpha).powf(beta)).exp()
            }
        }
        PeriodicTest => periodic_test(v)?,
        Uniform => {
            need(v[0] < v[1], "uniform-deviate: min must be below max")?;
            (v[0] + v[1]) / 2.0
        }
        Normal => {
            need(
                v[1] > 0.0,
                "normal-deviate: the standard deviation must be positive",
            )?;
            v[0]
        }
        Lognormal => {
            if v.len() == 3 {
                need(v[0] > 0.0, "lognormal-deviate: the mean must be positive")?;
                need(
                    v[1] > 1.0,
                    "lognormal-deviate: the error factor must be above 1",
                )?;
                need(
                    v[2] > 0.0 && v[2] < 1.0,
                    "lognormal-deviate: the confidence level must be within (0, 1)",
                )?;
                v[0]
            } else {
                need(v[1] > 0.0, "lognormal-deviate: sigma must be positive")?;
                (v[0] + v[1] * v[1] / 2.0).exp()
            }
        }
        Gamma => {
            need(
                v[0] > 0.0 && v[1] > 0.0,
                "gamma-deviate: k and theta must be positive",
            )?;
            v[0] * v[1]
        }
        Beta => {
            need(
                v[0] > 0.0 && v[1] > 0.0,
                "beta-deviate: alpha and beta must be positive",
            )?;
            v[0] / (v[0] + v[1])
        }
    })
}

fn periodic_test(v: &[f64]) -> Result<f64, String> {
    let lambda = v[0];
    need(
        lambda > 0.0,
        "periodic-test: the failure rate must be positive",
    )?;
    match v.len() {
        4 => {
            let (tau, theta, time) = (v[1], v[2], v[3]);
            need(
                tau > 0.0,
                "periodic-test: the time between tests must be positive",
            )?;
            need(
                theta >= 0.0 && time >= 0.0,
                "periodic-test: times must be non-negative",
            )?;
            if time <= theta {
                return Ok(p_exp(lambda, time));
            }
            let delta = time - theta;
            let after = delta - ((delta / tau) as i64) as f64 * tau;
            Ok(p_exp(lambda, if after != 0.0 { after } else { tau }))
        }
        5 => {
            let (mu, tau, theta, time) = (v[1], v[2], v[3], v[4]);
            need(
                tau > 0.0,
                "periodic-test: the time between tests must be positive",
            )?;
            need(
                mu >= 0.0 && theta >= 0.0 && time >= 0.0,
                "periodic-test: rates and times must be non-negative",
            )?;
            if time <= theta {
                return Ok(p_exp(lambda, time));
            }
            let carry = |p_lambda: f64, p_mu: f64, t: f64| {
                1.0 - p_mu + p_exp2(p_lambda, p_mu, lambda, mu, t) - p_lambda
            };
            let mut prob = p_exp(lambda, theta);
            let delta = time - theta;
            let periods = (delta / tau) as i64;
            let fraction = carry(p_exp(lambda, tau), p_exp(mu, tau), tau);
            let compound = fraction.powi(periods.clamp(0, i32::MAX as i64) as i32);
            prob = prob * compound + p_exp(lambda, tau) * (compound - 1.0) / (fraction - 1.0);
            let after = delta - periods as f64 * tau;
            let (pl, pm) = (p_exp(lambda, after), p_exp(mu, after));
            Ok(prob * carry(pl, pm, after) + pl)
        }
        _ => {
            let (
                lambda_test,
                mu,
                tau,
                theta,
                gamma,
                test_duration,
                available_at_test,
                sigma,
                omega,
                time,
            ) = (
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7] != 0.0,
                v[8],
                v[9],
                v[10],
            );
            need(
                tau > 0.0,
                "periodic-test: the time between tests must be positive",
            )?;
            need(
                mu >= 0.0 && lambda_test >= 0.0 && theta >= 0.0 && time >= 0.0,
                "periodic-test: rates and times must be non-negative",
            )?;
            need(
                test_duration > 0.0,
                "periodic-test: the test duration must be positive",
            )?;
            need(
                test_duration <= tau,
                "periodic-test: the test duration must be less than the time between tests",
            )?;
            for (x, what) in [
                (gamma, "failure at test start"),
                (sigma, "failure detection upon test"),
                (omega, "failure at restart"),
            ] {
                need(
                    (0.0..=1.0).contains(&x),
                    &format!("periodic-test: {what} must be a probability"),
                )?;
            }
            if time <= theta {
                return Ok(p_exp(lambda, time));
            }
            let mut p_fail = p_exp(lambda, theta);
            let mut p_repair = 0.0;
            let mut p_available = 1.0 - p_fail;
            let p_mu_lambda = |p_mu: f64, p_lambda: f64, t: f64| {
                p_mu * omega + (1.0 - omega) * p_exp2(p_mu, p_lambda, mu, lambda, t)
            };
            let test = |st: &mut (f64, f64, f64),
                        p_lambda_test: f64,
                        p_mu: f64,
                        p_lambda: f64,
                        t: f64,
                        available: bool| {
                let (p_fail, p_repair, p_available) = st;
                let transient = *p_fail + *p_available * (gamma + (1.0 - gamma) * p_lambda_test);
                let old_available = *p_available;
                *p_fail = *p_repair * p_mu_lambda(p_mu, p_lambda, t) + (1.0 - sigma) * transient;
                *p_repair = (1.0 - p_mu) * *p_repair + sigma * transient;
                *p_available = 1.0
                    - *p_fail
                    - *p_repair
                    - if available {
                        0.0
                    } else {
                        old_available * (1.0 - gamma) * (1.0 - p_lambda_test)
                    };
            };
            let period = |st: &mut (f64, f64, f64), p_lambda: f64, p_mu: f64, t: f64| {
                let (p_fail, p_repair, p_available) = st;
                *p_fail =
                    *p_available * p_lambda + *p_fail + *p_repair * p_mu_lambda(p_mu, p_lambda, t);
                *p_repair *= 1.0 - p_mu;
                *p_available = 1.0 - *p_fail - *p_repair;
            };
            let delta = time - theta;
            let periods = (delta / tau) as i64;
            need(
                periods <= 10_000_000,
                "periodic-test: more than 10^7 test periods in the mission time",
            )?;
            let delta_period = tau - test_duration;
            let p_lambda_test = p_exp(lambda_test, test_duration);
            let p_lambda_at_test = p_exp(lambda, test_duration);
            let p_mu_at_test = p_exp(mu, test_duration);
            let p_lambda = p_exp(lambda, delta_period);
            let p_mu = p_exp(mu, delta_period);
            let mut st = (p_fail, p_repair, p_available);
            for _ in 0..periods {
                test(
                    &mut st,
                    p_lambda_test,
                    p_mu_at_test,
                    p_lambda_at_test,
                    test_duration,
                    true,
                );
                period(&mut st, p_lambda, p_mu, delta_period);
            }
            let after = delta - periods as f64 * tau;
            if after <= test_duration {
                test(
                    &mut st,
                    p_exp(lambda_test, after),
                    p_exp(mu, after),
                    p_exp(lambda, after),
                    after,
                    available_at_test,
                );
            } else {
                test(
                    &mut st,
                    p_lambda_test,
                    p_mu_at_test,
                    p_lambda_at_test,
                    test_duration,
                    true,
                );
                let left = after - test_duration;
                period(&mut st, p_exp(lambda, left), p_exp(mu, left), left);
            }
            (p_fail, p_repair, p_available) = st;
            let _ = (p_fail, p_repair);
            Ok(1.0 - p_available)
        }
    }
}
