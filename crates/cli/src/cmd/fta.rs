//! `cordon fta`: analyse an Open-PSA MEF fault tree (minimal cut sets, exact
//! probability, approximations, importance measures).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use cordon_continuity::{
    ImportanceMeasures, MinimalCutSet, Report, Settings, VariableOrdering, read_mef,
};
use serde::Serialize;

/// Output format of `cordon fta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (default).
    Text,
    /// JSON: `mcs_count`, `distribution`, `probability`, `rare_event`, `mcub`,
    /// `importance`, `cut_sets`…
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

/// Fault-tree analysis of an Open-PSA MEF model: minimal cut sets (counted
/// without listing them), exact top-event probability, rare-event and MCUB
/// approximations, importance measures.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon fta model.xml                         count, distribution and probability
  cordon fta model.xml --importance            + Birnbaum, criticality, Fussell-Vesely, RAW, RRW
  cordon fta model.xml --list=20               + the first 20 minimal cut sets
  cordon fta model.xml --order-limit 3 --cutoff 1e-9 --format json
  cordon fta model.xml --top g12               analyse the sub-tree under gate g12
  cordon fta big.xml --zbdd --order-limit 4     cut sets without a BDD, for trees too big for one

The top event is the gate no other gate references. Non-coherent trees (NOT, XOR):
cut sets list failed events only (negated events are dropped, as SCRAM does); the
probability is exact either way. Definitions: docs/continuity.md.")]
pub struct Args {
    /// The model: an Open-PSA MEF XML file.
    pub file: PathBuf,
    /// Gate to analyse (default: the only gate no other gate references).
    #[arg(long, value_name = "GATE")]
    pub top: Option<String>,
    /// Keep only minimal cut sets of at most N basic events.
    #[arg(long, value_name = "N")]
    pub order_limit: Option<usize>,
    /// Drop minimal cut sets whose probability is below P.
    #[arg(long, value_name = "P")]
    pub cutoff: Option<f64>,
    /// Compute importance measures for every basic event.
    #[arg(long)]
    pub importance: bool,
    /// List the minimal cut sets (at most N, most models have millions).
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
    /// rare-event and MCUB approximations.
    #[arg(long)]
    pub zbdd: bool,
    /// Give up after this many seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a Report,
    seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut_sets: Option<Vec<MinimalCutSet>>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match run_inner(args) {
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

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let tree = read_mef(&args.file, args.top.as_deref())?;
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
        ..Settings::default()
    };
    let analysis = tree
        .analyze(&settings)
        .with_context(|| format!("analysing {}", args.file.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let report = analysis.report();
    match args.format {
        Format::Json => {
            let out = JsonOut {
                file: args.file.display().to_string(),
                report,
                seconds,
                cut_sets: args.list.map(|n| analysis.cut_sets(n)),
            };
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            let mut out = std::io::stdout().lock();
            print_text(&mut out, &args, report, seconds)?;
            if let Some(max) = args.list {
                writeln!(out, "\nMinimal cut sets (order, probability, events):")?;
                let mut shown = 0usize;
                let mut result = Ok(());
                analysis.for_each_cut_set(|cs| {
                    if shown >= max {
                        return false;
                    }
                    shown += 1;
                    result = writeln!(
                        out,
                        "  {:>3}  {:.4e}  {}",
                        cs.events.len(),
                        cs.probability,
                        cs.events.join(" ")
                    );
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
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(out: &mut impl Write, args: &Args, r: &Report, seconds: f64) -> std::io::Result<()> {
    writeln!(
        out,
        "Fault tree   {} (top {}): {} basic events, {} gates, {}",
        args.file.display(),
        r.top.as_deref().unwrap_or("?"),
        r.basic_events,
        r.gates,
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
    for (order, n) in r.distribution.iter().enumerate().filter(|(_, n)| **n > 0) {
        writeln!(out, "  order {order:>2}: {n}")?;
    }
    if r.probability.is_nan() {
        writeln!(out, "Top-event probability   not computed (--zbdd: no BDD)")?;
    } else {
        writeln!(
            out,
            "Top-event probability   {:.6e}  (exact, BDD)",
            r.probability
        )?;
    }
    let rel = |x: f64| {
        if r.probability > 0.0 {
            format!("{:+.2}%", (x / r.probability - 1.0) * 100.0)
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
    writeln!(
        out,
        "BDD {} nodes ({} ordering), ZBDD {} nodes, {:.3} s",
        r.bdd_nodes,
        serde_json::to_value(r.ordering)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        r.zbdd_nodes,
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
