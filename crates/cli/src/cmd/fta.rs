//! `cordon fta`: analyse an Open-PSA MEF fault tree (minimal cut sets, exact
//! probability, approximations, importance measures).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use cordon_continuity::{
    ImportanceMeasures, MefModel, MinimalCutSet, ReadOptions, Report, Settings, TargetKind,
    Uncertainty, VariableOrdering,
};
use cordon_report::words;
use serde::Serialize;

/// Output format of `cordon fta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (default).
    Text,
    /// JSON: `mcs_count`, `distribution`, `unity`, `probability`,
    /// `rare_event`, `mcub`, `importance`, `cut_sets` (in listing order)…
    Json,
}

/// BDD variable ordering heuristic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ordering {
    /// Race the heuristics below under a growing node budget (default).
    Auto,
    /// Depth-first, lightest gate inputs first.
    Weighted,
    /// Depth-first, heaviest gate inputs first.
    HeavyFirst,
    /// Plain depth-first model order.
    DepthFirst,
}

/// Fault-tree and event-tree analysis of an Open-PSA MEF model (one or more
/// files): minimal cut sets (counted without listing them), exact
/// probability, rare-event and MCUB approximations, importance measures —
/// for every top gate and every event-tree sequence, or the one `--top` names.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon fta model.xml                         count, distribution and probability
  cordon fta model.xml --importance            + Birnbaum, criticality, Fussell-Vesely, RAW, RRW
  cordon fta model.xml --list=20               + the first 20 minimal cut sets
  cordon fta model.xml --order-limit 3 --cutoff 1e-9 --format json
  cordon fta model.xml --top g12               analyse the sub-tree under gate g12
  cordon fta big.xml --zbdd --order-limit 4     cut sets without a BDD, for trees too big for one
  cordon fta tree.xml basic-events.xml         one model split over several files
  cordon fta model.xml --top FT62.TOP          a private gate, by its qualified name
  cordon fta plant.xml --mission-time 720      expressions (exponential, GLM…) at 720 h
  cordon fta plant.xml --uncertainty 10000 --seed 1   Monte Carlo over the deviates
  cordon fta et.xml --format json              every sequence: {\"results\": {\"S1\": {…}, …}}
  cordon fta phased.xml --top Maint/PumpOne/TOP  one phase of an alignment
  cordon fta flat.xml --lenient                dotted names, one-argument <and>… (SCRAM refuses)

Without --top, every top gate (a gate no other gate of its fault tree references)
and every sequence the initiating events' event trees reach is analysed; with
several, JSON answers {\"results\": {NAME: {mcs_count, probability, …}}}. CCF
groups are expanded into independent and common-cause events (--no-ccf gives
members the group's distribution, as SCRAM does without --ccf). Basic events
without a probability: cut sets only. Non-coherent trees (NOT, XOR):
cut sets list failed events only (negated events are dropped, as SCRAM does); the
probability is exact either way. Declarative substitutions (delete-terms,
recovery rules: hypothesis implies target) apply to every target, as SCRAM
applies them; non-declarative ones (with <source>) are refused, as SCRAM
refuses them for exact analyses. With --zbdd every substitution is applied to
the minimal cut sets instead, as SCRAM's approximate analysis does. With alignments, every target is analysed in
every phase (ALIGNMENT/PHASE/NAME): the phase's set-house-event instructions
applied, the mission time multiplied by its time-fraction. Definitions:
docs/continuity.md.")]
pub struct Args {
    /// The model: Open-PSA MEF XML files, read together as one model.
    #[arg(required = true, num_args = 1.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Gate (public name or qualified `FT.GATE`) or sequence to analyse
    /// (default: every top gate and sequence); with alignments, in every
    /// phase, or in one: `ALIGNMENT/PHASE/NAME`.
    #[arg(long, value_name = "NAME")]
    pub top: Option<String>,
    /// Mission time in hours, the value of <system-mission-time/> in
    /// expressions (exponential, GLM, Weibull, periodic-test…).
    #[arg(long, value_name = "HOURS", default_value_t = 8760.0)]
    pub mission_time: f64,
    /// Do not expand CCF groups: members keep the group's distribution and
    /// the factors are ignored (SCRAM's default without --ccf).
    #[arg(long)]
    pub no_ccf: bool,
    /// Read what SCRAM's validator refuses but has one clear reading: a
    /// connective with one argument, a repeated argument (a multiset), a dot
    /// in a defined name, attributes of another XML namespace, blank
    /// <label>s, empty or repeated <attribute>s, gates and events directly
    /// under <opsa-mef>. Default: refused, located, as SCRAM refuses them.
    #[arg(long)]
    pub lenient: bool,
    /// Monte Carlo uncertainty: draw the model's deviates (normal,
    /// lognormal, uniform, gamma, beta) N times and report the mean,
    /// standard deviation and 5%/50%/95% percentiles of the probability.
    #[arg(long, value_name = "N")]
    pub uncertainty: Option<usize>,
    /// Seed of the uncertainty sampling (the same seed, the same answer).
    #[arg(long, value_name = "SEED", default_value_t = 0)]
    pub seed: u64,
    /// Keep only minimal cut sets of at most N basic events.
    #[arg(long, value_name = "N")]
    pub order_limit: Option<usize>,
    /// Drop minimal cut sets whose probability is below P.
    #[arg(long, value_name = "P", alias = "cut-off")]
    pub cutoff: Option<f64>,
    /// Compute importance measures for every basic event.
    #[arg(long)]
    pub importance: bool,
    /// List the minimal cut sets (at most N, most models have millions):
    /// by order (fewest events first), then most probable first, then by
    /// event names. The empty cut set reads "Unity" (the target needs no
    /// failure: certain given its path, or decided by NOT-ed events alone).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "1000000")]
    pub list: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// BDD variable ordering heuristic.
    #[arg(long, value_enum, default_value_t = Ordering::Auto)]
    pub ordering: Ordering,
    /// Skip the BDD: build the cut sets bottom-up on ZBDDs, truncated at
    /// every gate (coherent trees too big for a BDD; combine with
    /// --order-limit or --cutoff). No exact probability then, only the
    /// rare-event and MCUB approximations. The model's substitutions
    /// (declarative and non-declarative) are applied to the cut sets.
    #[arg(long)]
    pub zbdd: bool,
    /// Give up after this many seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// Memory the BDD/ZBDD may use, in MiB (default: half the RAM, at most
    /// half of `ulimit -v`). Past it the analysis stops with an error that
    /// suggests `--zbdd --cut-off` or `--order-limit`.
    #[arg(long, value_name = "MIB")]
    pub memory_limit: Option<u64>,
}

/// The alignment phase a target was analysed in (models with alignments).
#[derive(Serialize)]
struct PhaseOut<'a> {
    alignment: &'a str,
    phase: &'a str,
    time_fraction: f64,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    kind: TargetKind,
    #[serde(flatten)]
    phase: Option<PhaseOut<'a>>,
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<&'a Uncertainty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut_sets: Option<Vec<MinimalCutSet>>,
}

#[derive(Serialize)]
struct MultiOut<'a> {
    files: Vec<String>,
    results: std::collections::BTreeMap<String, ResultOut<'a>>,
    seconds: f64,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    #[serde(flatten)]
    phase: Option<PhaseOut<'a>>,
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<&'a Uncertainty>,
    seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut_sets: Option<Vec<MinimalCutSet>>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match run_inner(args, &mut std::io::stdout().lock()) {
        // `cordon fta … | head` is fine.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

fn run_inner(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let model = MefModel::load(
        &args.files,
        &ReadOptions {
            mission_time: args.mission_time,
            ccf: !args.no_ccf,
            lenient: args.lenient,
            // Approximate analyses apply substitutions to cut sets, as SCRAM.
            approximate: args.zbdd,
        },
    )?;
    let targets = match &args.top {
        Some(name) => model.targets_named(name)?,
        None => model.targets()?,
    };
    if targets.is_empty() {
        anyhow::bail!(
            "{}: no gate or sequence to analyse (define a gate, or an initiating event with an event tree)",
            shown(&args)
        );
    }
    let settings = Settings {
        order_limit: args.order_limit,
        cutoff: args.cutoff,
        minimal_cut_sets: true,
        importance: args.importance,
        ordering: match args.ordering {
            Ordering::Auto => VariableOrdering::Auto,
            Ordering::Weighted => VariableOrdering::Weighted,
            Ordering::HeavyFirst => VariableOrdering::HeavyFirst,
            Ordering::DepthFirst => VariableOrdering::DepthFirst,
        },
        exact_probability: !args.zbdd,
        time_limit: args.timeout.map(std::time::Duration::from_secs_f64),
        memory_limit: args.memory_limit.map(|m| m.saturating_mul(1024 * 1024)),
    };
    let trees = model.fault_trees(&targets)?;
    let mut analyses = Vec::new();
    for (target, tt) in targets.iter().zip(trees) {
        if !tt.has_probabilities && (args.importance || args.cutoff.is_some()) {
            anyhow::bail!(
                "{}: `{}` uses basic events without a probability: cut sets only (drop --importance/--cutoff, or give every basic event an expression)",
                shown(&args),
                target.name
            );
        }
        let analysis = tt
            .tree
            .analyze(&settings)
            .with_context(|| format!("analysing {} in {}", target.name, shown(&args)))?;
        let uncertainty = match args.uncertainty {
            Some(n) => Some(model.uncertainty(&tt, n, args.seed)?),
            None => None,
        };
        let mut report = analysis.report().clone();
        let rewritten = if tt.substitutions.is_empty() {
            None
        } else {
            Some(apply_substitutions(
                &args,
                target,
                &tt,
                &analysis,
                &mut report,
            )?)
        };
        if !tt.has_probabilities {
            report.probability = f64::NAN;
            report.rare_event = f64::NAN;
            report.mcub = f64::NAN;
        }
        analyses.push((
            target.clone(),
            analysis,
            report,
            tt.has_probabilities,
            uncertainty,
            rewritten,
        ));
    }
    let seconds = start.elapsed().as_secs_f64();
    if let [(t, analysis, report, has_p, u, rewritten)] = &analyses[..] {
        let shown = Shown {
            analysis,
            rewritten: rewritten.as_deref(),
            has_probabilities: *has_p,
        };
        let phase = phase_out(&model, t);
        return single(
            out,
            &args,
            &shown,
            report,
            *has_p,
            u.as_ref(),
            phase,
            t.kind,
            seconds,
        );
    }
    let stdout = out;
    match args.format {
        Format::Json => {
            let json = MultiOut {
                files: args.files.iter().map(|f| f.display().to_string()).collect(),
                results: analyses
                    .iter()
                    .map(|(t, a, r, has_p, u, rw)| {
                        let shown = Shown {
                            analysis: a,
                            rewritten: rw.as_deref(),
                            has_probabilities: *has_p,
                        };
                        (
                            t.name.clone(),
                            ResultOut {
                                kind: t.kind,
                                phase: phase_out(&model, t),
                                report: r,
                                uncertainty: u.as_ref(),
                                cut_sets: args.list.map(|n| shown.cut_sets(n)),
                            },
                        )
                    })
                    .collect(),
                seconds,
            };
            writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Text => {
            let out = stdout;
            writeln!(
                out,
                "{} in {} ({:.3} s)",
                words::count(analyses.len(), "target"),
                shown(&args),
                seconds
            )?;
            for (t, analysis, report, has_p, u, rewritten) in &analyses {
                let shown = Shown {
                    analysis,
                    rewritten: rewritten.as_deref(),
                    has_probabilities: *has_p,
                };
                let kind = match t.kind {
                    TargetKind::Gate => "gate",
                    TargetKind::Sequence => "sequence",
                };
                writeln!(out, "\n== {kind} {} ==", t.name)?;
                print_text(out, &args, report, *has_p, t.kind, seconds)?;
                print_uncertainty(out, u.as_ref())?;
                list(out, &args, &shown, report)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn phase_out<'a>(model: &'a MefModel, t: &cordon_continuity::Target) -> Option<PhaseOut<'a>> {
    model
        .phase_of(t)
        .map(|(alignment, phase, time_fraction)| PhaseOut {
            alignment,
            phase,
            time_fraction,
        })
}

/// The cut sets to show: the analysis', or those the substitutions
/// rewrote.
struct Shown<'a> {
    analysis: &'a cordon_continuity::Analysis,
    rewritten: Option<&'a [MinimalCutSet]>,
    /// Every basic event has a probability (else cut sets only: their
    /// probability is unknown, NaN → JSON `null`, not the 0 the reader used).
    has_probabilities: bool,
}

impl Shown<'_> {
    /// The first `n` cut sets in listing order: by order, then probability
    /// descending, then names ([`MinimalCutSet::listing_cmp`]).
    fn cut_sets(&self, n: usize) -> Vec<MinimalCutSet> {
        let mut sets = match self.rewritten {
            // Sorted when rewritten (`apply_substitutions`).
            Some(r) => r.iter().take(n).cloned().collect(),
            None => self.analysis.listed_cut_sets(n),
        };
        if !self.has_probabilities {
            for cs in &mut sets {
                cs.probability = f64::NAN;
            }
        }
        sets
    }

    /// Calls `visit` on the first `n` cut sets in listing order, until it
    /// returns `false` (streamed: a long `--list` holds no list).
    fn for_each(&self, n: usize, mut visit: impl FnMut(&MinimalCutSet) -> bool) {
        match self.rewritten {
            Some(r) => {
                for cs in r.iter().take(n) {
                    if !visit(cs) {
                        break;
                    }
                }
            }
            None => self.analysis.for_each_listed_cut_set(n, visit),
        }
    }
}

/// `--zbdd` on a model with substitutions: SCRAM's approximate analysis
/// applies them to the minimal cut sets; the count, distribution and
/// approximations are recomputed from the rewritten family.
fn apply_substitutions(
    args: &Args,
    target: &cordon_continuity::Target,
    tt: &cordon_continuity::TargetTree,
    analysis: &cordon_continuity::Analysis,
    report: &mut Report,
) -> anyhow::Result<Vec<MinimalCutSet>> {
    if args.importance || args.uncertainty.is_some() {
        anyhow::bail!(
            "{}: `{}`: with --zbdd the model's substitutions are applied to the cut sets, and importance and uncertainty are not computed on them (drop --importance/--uncertainty, or drop --zbdd for the exact analysis of declarative substitutions)",
            shown(args),
            target.name
        );
    }
    if report.mcs_count > cordon_continuity::MAX_REWRITTEN as u128 {
        anyhow::bail!(
            "{}: `{}` has {} cut sets to rewrite with its substitutions, more than {}: truncate with --order-limit or --cutoff",
            shown(args),
            target.name,
            report.mcs_count,
            cordon_continuity::MAX_REWRITTEN
        );
    }
    let probs: std::collections::HashMap<&str, f64> = tt
        .tree
        .basic_events()
        .iter()
        .map(|e| (e.name.as_str(), e.probability))
        .collect();
    let sets = tt
        .substitutions
        .apply(&analysis.cut_sets(usize::MAX), &|e| probs.get(e).copied())?;
    let mut sets = sets;
    MinimalCutSet::sort_for_listing(&mut sets);
    report.mcs_count = sets.len() as u128;
    let mut distribution = vec![0u128; sets.iter().map(|c| c.events.len()).max().unwrap_or(0) + 1];
    for c in &sets {
        distribution[c.events.len()] += 1;
    }
    report.unity = distribution.first().is_some_and(|&n| n > 0);
    report.distribution = distribution;
    report.rare_event = sets.iter().map(|c| c.probability).sum();
    report.mcub = 1.0 - sets.iter().map(|c| 1.0 - c.probability).product::<f64>();
    report.approximate = true;
    let note = format!(
        "substitutions ({}) applied to the minimal cut sets, as SCRAM's approximate analysis does (any truncation, --order-limit or --cutoff, applies before them)",
        tt.substitutions
            .rules
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    report.note = Some(match report.note.take() {
        Some(n) => format!("{n} {note}"),
        None => note,
    });
    Ok(sets)
}

fn print_uncertainty(out: &mut dyn Write, u: Option<&Uncertainty>) -> std::io::Result<()> {
    if let Some(u) = u {
        writeln!(
            out,
            "Uncertainty ({}, seed {}, {} sampled): mean {:.6e}, sd {:.3e}, 5% {:.4e}, median {:.4e}, 95% {:.4e}{}",
            words::count(u.trials, "trial"),
            u.seed,
            words::count(u.sampled_events, "event"),
            u.mean,
            u.std_dev,
            u.p05,
            u.median,
            u.p95,
            if u.clamped > 0 {
                format!(" ({} clamped to [0, 1])", words::count(u.clamped, "draw"))
            } else {
                String::new()
            }
        )?;
    }
    Ok(())
}

fn shown(args: &Args) -> String {
    args.files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

#[allow(clippy::too_many_arguments)]
fn single(
    out: &mut dyn Write,
    args: &Args,
    analysis: &Shown<'_>,
    report: &Report,
    has_p: bool,
    uncertainty: Option<&Uncertainty>,
    phase: Option<PhaseOut<'_>>,
    kind: TargetKind,
    seconds: f64,
) -> anyhow::Result<ExitCode> {
    match args.format {
        Format::Json => {
            let json = JsonOut {
                file: shown(args),
                phase,
                report,
                uncertainty,
                seconds,
                cut_sets: args.list.map(|n| analysis.cut_sets(n)),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Text => {
            print_text(out, args, report, has_p, kind, seconds)?;
            print_uncertainty(out, uncertainty)?;
            list(out, args, analysis, report)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(
    out: &mut dyn Write,
    args: &Args,
    analysis: &Shown<'_>,
    report: &Report,
) -> anyhow::Result<()> {
    if let Some(max) = args.list {
        let has_p = analysis.has_probabilities;
        writeln!(
            out,
            "\nMinimal cut sets ({}):",
            if has_p {
                "order, probability, events; by order, then most probable first"
            } else {
                "order, events; by order, then by name (no probabilities)"
            }
        )?;
        let mut shown = 0usize;
        let mut result = Ok(());
        analysis.for_each(max, |cs| {
            let events = if cs.is_unity() {
                // SCRAM's word for the empty cut set.
                "Unity".to_string()
            } else {
                cs.events.join(" ")
            };
            result = if has_p {
                let p = cs.probability;
                writeln!(out, "  {:>3}  {p:.4e}  {events}", cs.events.len())
            } else {
                writeln!(out, "  {:>3}  {events}", cs.events.len())
            };
            shown += 1;
            result.is_ok()
        });
        result?;
        if (shown as u128) < report.mcs_count {
            writeln!(
                out,
                "  … {} more (raise --list=N)",
                report.mcs_count - shown as u128
            )?;
        }
    }
    Ok(())
}

fn print_text(
    out: &mut dyn Write,
    args: &Args,
    r: &Report,
    has_probabilities: bool,
    kind: TargetKind,
    seconds: f64,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Fault tree   {} (top {}): {}, {}, {}",
        shown(args),
        r.top.as_deref().unwrap_or("?"),
        words::count(r.basic_events, "basic event"),
        words::count(r.gates, "gate"),
        if r.coherent {
            "coherent"
        } else {
            "non-coherent (NOT/XOR): cut sets list failed events only"
        }
    )?;
    let mut limits = Vec::new();
    if let Some(l) = r.order_limit {
        limits.push(format!("order ≤ {l}"));
    }
    if let Some(c) = r.cutoff {
        limits.push(format!("probability ≥ {c:e}"));
    }
    let limits = if limits.is_empty() {
        String::new()
    } else {
        format!(" ({})", limits.join(", "))
    };
    writeln!(out, "Minimal cut sets   {}{limits}", r.mcs_count)?;
    if r.unity {
        // The empty cut set is the only minimal one: "order 0: 1" and an
        // empty event list say nothing to a reader; SCRAM says "Unity".
        writeln!(
            out,
            "  Unity (the empty cut set): no basic event has to fail — {}",
            match kind {
                TargetKind::Sequence => "the sequence is certain given its path",
                TargetKind::Gate if r.coherent => "the top event is certain",
                TargetKind::Gate => "the top event is certain given its negated (NOT) events",
            }
        )?;
    } else {
        for (order, n) in r.distribution.iter().enumerate().filter(|(_, n)| **n > 0) {
            writeln!(out, "  order {order:>2}: {n}")?;
        }
    }
    if !has_probabilities {
        writeln!(
            out,
            "Top-event probability   not computed (basic events without a probability: cut sets only)"
        )?;
        return Ok(());
    } else if r.probability.is_nan() {
        writeln!(out, "Top-event probability   not computed (--zbdd: no BDD)")?;
        if let Some(note) = &r.note {
            writeln!(out, "Note: {note}")?;
        }
    } else {
        writeln!(
            out,
            "Top-event probability   {:.6e}  (exact, BDD)",
            r.probability
        )?;
    }
    let rel = |x: f64| {
        if r.probability > 0.0 {
            relative(x, r.probability)
        } else {
            String::new()
        }
    };
    writeln!(
        out,
        "Rare-event approximation {:.6e}  {}",
        r.rare_event,
        rel(r.rare_event)
    )?;
    writeln!(
        out,
        "Min-cut upper bound      {:.6e}  {}",
        r.mcub,
        rel(r.mcub)
    )?;
    // (With P = 1 the approximations are right: nothing to warn about.)
    if r.unity && (r.probability.is_nan() || r.probability < 1.0) {
        writeln!(
            out,
            "Note: with the Unity cut set the rare-event and MCUB approximations are 1 by construction and not meaningful here; read the exact probability"
        )?;
    }
    writeln!(
        out,
        "BDD {} ({} ordering), ZBDD {}, {:.3} s",
        words::count(r.bdd_nodes, "node"),
        serde_json::to_value(r.ordering)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        words::count(r.zbdd_nodes, "node"),
        seconds
    )?;
    if let Some(measures) = &r.importance {
        let mut sorted: Vec<&ImportanceMeasures> = measures.iter().collect();
        sorted.sort_by(|a, b| b.fussell_vesely.total_cmp(&a.fussell_vesely));
        writeln!(
            out,
            "\nImportance (sorted by Fussell-Vesely; definitions in docs/continuity.md):"
        )?;
        writeln!(
            out,
            "  {:<24} {:>10} {:>11} {:>11} {:>11} {:>11} {:>11}",
            "basic event", "p", "Birnbaum", "criticality", "F-V", "RAW", "RRW"
        )?;
        for m in sorted {
            writeln!(
                out,
                "  {:<24} {:>10.3e} {:>11.4e} {:>11.4e} {:>11.4e} {:>11.4e} {:>11.4e}",
                m.event, m.probability, m.birnbaum, m.criticality, m.fussell_vesely, m.raw, m.rrw
            )?;
        }
    }
    Ok(())
}

/// The deviation of an approximation `x` from the exact `p`, in percent
/// with a sign ("+0.37%", "-1.20%"), and "0.00%" when it rounds to zero
/// (never "-0.00%").
fn relative(x: f64, p: f64) -> String {
    let pct = (x / p - 1.0) * 100.0;
    let text = format!("{pct:+.2}");
    if text.trim_start_matches(['+', '-']) == "0.00" {
        "0.00%".to_string()
    } else {
        format!("{text}%")
    }
}

#[cfg(test)]
mod tests {
    //! The trial's MEF models (issue 13 follow-up), through the command:
    //! listing order, Unity, names, wording — text and JSON.
    use super::*;
    use clap::Parser;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../continuity/tests/data/trial-mef"
    );

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn fta(file: &str, extra: &[&str]) -> String {
        let path = if file.starts_with('/') {
            file.to_string()
        } else {
            format!("{DIR}/{file}")
        };
        let argv = ["fta", path.as_str()]
            .into_iter()
            .chain(extra.iter().copied());
        let cli = Cli::try_parse_from(argv).unwrap();
        let mut out = Vec::new();
        run_inner(cli.args, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn json(file: &str, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&fta(file, &args)).unwrap()
    }

    /// The listed cut sets of a text answer: (order, events).
    fn listed(text: &str) -> Vec<String> {
        text.lines()
            .skip_while(|l| !l.starts_with("Minimal cut sets (order"))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(|l| {
                let mut f = l.split_whitespace();
                let order = f.next().unwrap_or_default().to_string();
                let _p = f.next();
                format!("{order} {}", f.collect::<Vec<_>>().join(" "))
            })
            .collect()
    }

    fn events(v: &serde_json::Value) -> Vec<String> {
        v["cut_sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let e: Vec<&str> = c["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_str().unwrap())
                    .collect();
                format!("{} {}", e.len(), e.join(" "))
            })
            .collect()
    }

    #[test]
    fn cut_sets_are_listed_by_order_then_probability_then_name() {
        let want = ["1 [H1 H2 H3]", "2 [H1] [H2]", "2 [H1] [H3]", "2 [H2] [H3]"];
        let text = fta("ehr-ccf.xml", &["--list=20"]);
        assert_eq!(listed(&text), want, "{text}");
        assert_eq!(events(&json("ehr-ccf.xml", &["--list=20"])), want);
        let want = [
            "1 DB",
            "1 SAN",
            "2 GRID DG",
            "2 H1 H2",
            "2 H1 H3",
            "2 H2 H3",
        ];
        let text = fta("ehr.xml", &["--list=20"]);
        assert_eq!(listed(&text), want, "{text}");
        assert_eq!(events(&json("ehr.xml", &["--list=20"])), want);
        // --list=N keeps the first N of that order.
        let text = fta("ehr.xml", &["--list=3"]);
        assert_eq!(listed(&text)[..3], want[..3], "{text}");
        assert!(text.contains("… 3 more (raise --list=N)"), "{text}");
    }

    #[test]
    fn the_empty_cut_set_is_unity_with_a_note_on_the_approximations() {
        let text = fta("ransom-et.xml", &["--list=20"]);
        let contained = text
            .split("== sequence CONTAINED ==")
            .nth(1)
            .and_then(|s| s.split("\n== ").next())
            .unwrap();
        assert!(
            contained.contains(
                "Unity (the empty cut set): no basic event has to fail — the sequence is certain given its path"
            ),
            "{contained}"
        );
        assert!(!contained.contains("order  0"), "{contained}");
        assert!(
            contained.contains(
                "rare-event and MCUB approximations are 1 by construction and not meaningful"
            ),
            "{contained}"
        );
        assert_eq!(listed(contained), ["0 Unity"], "{contained}");
        // Other sequences: no Unity, no note.
        let loss = text.split("== sequence DATA_LOSS ==").nth(1).unwrap();
        assert!(!loss.contains("Unity") && !loss.contains("Note:"), "{loss}");
        let v = json("ransom-et.xml", &["--list=20"]);
        let c = &v["results"]["CONTAINED"];
        assert_eq!(c["unity"], true);
        assert_eq!(c["distribution"], serde_json::json!([1]));
        assert_eq!(
            c["cut_sets"],
            serde_json::json!([{"events": [], "probability": 1.0}])
        );
        assert_eq!(v["results"]["DATA_LOSS"]["unity"], false);
    }

    #[test]
    fn a_certain_gate_is_unity_without_the_note() {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../continuity/tests/data/unity_gate.xml"
        );
        let text = fta(file, &["--list"]);
        assert!(
            text.contains("  Unity (the empty cut set): no basic event has to fail — the top event is certain\n"),
            "{text}"
        );
        assert!(!text.contains("Note:"), "{text}");
        assert!(text.contains("BDD 1 node ("), "{text}");
        assert_eq!(listed(&text), ["0 Unity"], "{text}");
        assert_eq!(json(file, &[])["unity"], true);
    }

    #[test]
    fn expression_only_sequences_show_their_own_names() {
        let text = fta("et2.xml", &["--list=5"]);
        assert!(!text.contains("__"), "{text}");
        assert!(text.contains("    1  9.6000e-1  OK\n"), "{text}");
        assert!(text.contains("    1  4.0000e-2  BREACH\n"), "{text}");
        let v = json("et2.xml", &["--list=5"]);
        assert!(!v.to_string().contains("__"), "{v}");
        assert_eq!(events(&v["results"]["OK"]), ["1 OK"]);
        assert_eq!(v["results"]["OK"]["top"], "OK");
    }

    #[test]
    fn counts_agree_with_their_nouns_and_no_negative_zero() {
        let text = fta("et2.xml", &[]);
        assert!(text.starts_with("2 targets in "), "{text}");
        assert!(
            text.contains(": 1 basic event, 0 gates, coherent"),
            "{text}"
        );
        let text = fta("ransom-et.xml", &["--top", "BACKUP_FAIL"]);
        assert!(
            text.contains(": 2 basic events, 1 gate, coherent"),
            "{text}"
        );
        assert!(
            text.contains("Min-cut upper bound      1.450000e-1  0.00%"),
            "{text}"
        );
        assert!(!text.contains("-0.00%"), "{text}");
        let text = fta("ehr-ccf.xml", &[]);
        assert!(text.contains(": 4 basic events, 4 gates"), "{text}");
    }

    #[test]
    fn cut_sets_without_probabilities_show_none_and_list_by_name() {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/cases/mef/qualitative_no_probabilities.xml"
        );
        let want = [
            "2 PumpOne PumpTwo",
            "2 PumpOne ValveTwo",
            "2 ValveOne PumpTwo",
            "2 ValveOne ValveTwo",
        ];
        let text = fta(file, &["--list=10"]);
        assert!(text.contains("(order, events; by order, then by name (no probabilities)):"));
        let lines: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Minimal cut sets (order"))
            .skip(1)
            .map(str::trim)
            .collect();
        let lines: Vec<String> = lines
            .iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(lines, want, "{text}");
        let v = json(file, &["--list=10"]);
        assert_eq!(events(&v), want);
        assert!(
            v["cut_sets"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["probability"].is_null()),
            "{v}"
        );
    }

    #[test]
    fn relative_deviation_has_no_negative_zero() {
        assert_eq!(relative(1.0 - 1e-12, 1.0), "0.00%");
        assert_eq!(relative(1.0 + 1e-12, 1.0), "0.00%");
        assert_eq!(relative(1.0, 1.0), "0.00%");
        assert_eq!(relative(1.1, 1.0), "+10.00%");
        assert_eq!(relative(0.9, 1.0), "-10.00%");
        assert_eq!(relative(0.99996, 1.0), "0.00%");
        assert_eq!(relative(0.99994, 1.0), "-0.01%");
    }
}
