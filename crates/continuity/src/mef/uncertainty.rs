//! Uncertainty analysis by Monte Carlo: every trial draws the model's
//! deviates (a parameter once per trial, however many events use it),
//! re-evaluates the basic events' expressions and computes the exact
//! top-event probability on the BDD.

use std::cell::RefCell;
use std::collections::HashMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Beta, Distribution, Gamma, LogNormal, Normal, Uniform};
use serde::Serialize;

use super::expr::{self, Env, ExprError, NumExpr, NumOp};
use super::{Loc, MefModel, TargetTree};
use crate::analysis::Settings;
use crate::error::Error;

/// The distribution of a target's probability over Monte Carlo trials.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Number of trials.
    pub trials: usize,
    /// Seed of the random generator (the same seed gives the same answer).
    pub seed: u64,
    /// Mean of the sampled probabilities.
    pub mean: f64,
    /// Sample standard deviation.
    pub std_dev: f64,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub median: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Draws of a basic event's probability outside [0, 1], clamped to it
    /// (a normal deviate, for instance).
    pub clamped: usize,
    /// Basic events whose probability was sampled (the others keep their
    /// point value: constants, and the events of expanded CCF groups).
    pub sampled_events: usize,
}

struct SampleEnv<'a> {
    mm: &'a MefModel,
    mission_time: f64,
    rng: RefCell<StdRng>,
    memo: RefCell<HashMap<usize, f64>>,
}

impl Env for SampleEnv<'_> {
    fn mission_time(&self) -> f64 {
        self.mission_time
    }

    fn parameter(&self, name: &str, base: &str, loc: Loc, depth: usize) -> Result<f64, ExprError> {
        let m = &self.mm.model;
        let i = m.parameter(name, base, loc)?;
        if let Some(&v) = self.memo.borrow().get(&i) {
            return Ok(v);
        }
        let v = expr::eval(&m.params[i].expr, self, depth)?;
        self.memo.borrow_mut().insert(i, v);
        Ok(v)
    }

    fn draw(&self, op: NumOp, a: &[f64]) -> Option<f64> {
        let rng = &mut *self.rng.borrow_mut();
        match op {
            NumOp::Uniform => Uniform::new(a[0], a[1]).ok().map(|d| d.sample(rng)),
            NumOp::Normal => Normal::new(a[0], a[1]).ok().map(|d| d.sample(rng)),
            NumOp::Lognormal if a.len() == 2 => {
                LogNormal::new(a[0], a[1]).ok().map(|d| d.sample(rng))
            }
            NumOp::Lognormal => {
                // Mean m, error factor EF at confidence level α:
                // σ = ln(EF) / z_α, μ = ln(m) − σ²/2.
                let z = standard_normal_quantile(a[2]);
                let sigma = a[1].ln() / z;
                LogNormal::new(a[0].ln() - sigma * sigma / 2.0, sigma)
                    .ok()
                    .map(|d| d.sample(rng))
            }
            NumOp::Gamma => Gamma::new(a[0], a[1]).ok().map(|d| d.sample(rng)),
            NumOp::Beta => Beta::new(a[0], a[1]).ok().map(|d| d.sample(rng)),
            _ => None,
        }
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative
/// error below 1.2e-9). Hand-written: one function, where a statistics
/// crate would add a dependency for it alone.
fn standard_normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.38357751867269e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let low = 0.02425;
    if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -standard_normal_quantile(1.0 - p)
    }
}

impl MefModel {
    /// Monte Carlo uncertainty of one target's probability: `trials` draws
    /// of every deviate, seeded with `seed`.
    pub fn uncertainty(
        &self,
        target: &TargetTree,
        trials: usize,
        seed: u64,
    ) -> Result<Uncertainty, Error> {
        if !target.has_probabilities {
            return Err(Error::Unsupported(format!(
                "`{}` uses basic events without a probability: no uncertainty to sample",
                target.name
            )));
        }
        if trials == 0 {
            return Err(Error::Unsupported(
                "uncertainty needs at least one trial".into(),
            ));
        }
        let m = &self.model;
        // The tree's events that come from the model, with their expression.
        let mut sampled: Vec<(String, &NumExpr)> = Vec::new();
        for e in target.tree.basic_events() {
            let Some(&i) = m
                .event_t
                .public
                .get(&e.name)
                .or_else(|| m.event_t.path.get(&e.name))
            else {
                continue;
            };
            let def = &m.events[i];
            let expr = match (def.ccf, &def.expr) {
                (Some(g), _) if !self.options.ccf => Some(&m.ccf[g].distribution),
                (None, Some(x)) => Some(x),
                _ => None,
            };
            if let Some(x) = expr {
                sampled.push((e.name.clone(), x));
            }
        }
        let env = SampleEnv {
            mm: self,
            mission_time: target.mission_time,
            rng: RefCell::new(StdRng::seed_from_u64(seed)),
            memo: RefCell::new(HashMap::new()),
        };
        let settings = Settings {
            minimal_cut_sets: false,
            importance: false,
            ..Settings::default()
        };
        let mut tree = target.tree.clone();
        let mut values = Vec::with_capacity(trials);
        let mut clamped = 0;
        for _ in 0..trials {
            env.memo.borrow_mut().clear();
            for (name, x) in &sampled {
                let p = expr::eval(x, &env, 0)
                    .map_err(|(loc, msg)| self.sources.error(loc, Some(name), msg))?;
                if !(0.0..=1.0).contains(&p) {
                    clamped += 1;
                }
                tree.set_probability(name, if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) })?;
            }
            values.push(tree.analyze(&settings)?.probability());
        }
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = if values.len() > 1 {
            values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        values.sort_by(f64::total_cmp);
        let pct = |q: f64| values[((q * (n - 1.0)).round() as usize).min(values.len() - 1)];
        Ok(Uncertainty {
            trials,
            seed,
            mean,
            std_dev: var.sqrt(),
            p05: pct(0.05),
            median: pct(0.5),
            p95: pct(0.95),
            clamped,
            sampled_events: sampled.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::standard_normal_quantile;

    #[test]
    fn normal_quantiles() {
        for (p, z) in [
            (0.5, 0.0),
            (0.95, 1.6448536269514722),
            (0.975, 1.959963984540054),
            (0.01, -2.3263478740408408),
        ] {
            assert!((standard_normal_quantile(p) - z).abs() < 1e-8, "{p}");
        }
    }
}
