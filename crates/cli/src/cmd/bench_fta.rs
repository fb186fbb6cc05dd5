//! `cordon bench fta`: cordon's fault-tree engine (in-process) side by side
//! with SCRAM (`scram FILE --probability 1`, a subprocess with a timeout) on
//! the Aralia benchmark models.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use cordon_continuity::{Settings, read_mef};

/// Fault-tree engine vs SCRAM on the Aralia models: time, ratio, cut-set
/// count, probability and whether the answers agree.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon bench fta                                  every model, 60 s timeout each
  cordon bench fta --models chinese,baobab1,edf9203 --timeout 20
  cordon bench fta --no-scram --markdown            cordon only, as a Markdown table

Agreement: same cut-set count and probability within 1e-5 relative (SCRAM prints six
digits) against SCRAM when it finishes, else against the README table of the model
directory, else `new` (no reference exists). SCRAM: `apt-get install scram`.

A coherent model whose BDD does not fit in --timeout gets its low-order cut sets and
then CERTIFIED bounds lower <= P <= upper (FaultTree::certified_bounds: every gate
diagram above --gate-nodes approximated once from above and once from below, both
evaluated exactly; docs/continuity.md has the proof). A reference outside the bounds
counts as a disagreement.")]
pub struct Args {
    /// Directory of MEF models (default: shared/data/aralia, looked up from here).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Comma-separated model names (file stems); default: every *.xml.
    #[arg(long, value_delimiter = ',', value_name = "A,B,..")]
    pub models: Vec<String>,
    /// Seconds allowed to each engine on each model.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    pub timeout: f64,
    /// The SCRAM executable.
    #[arg(long, default_value = "scram")]
    pub scram: String,
    /// Run cordon only.
    #[arg(long)]
    pub no_scram: bool,
    /// Print a Markdown table (for docs/performance.md).
    #[arg(long)]
    pub markdown: bool,
    /// Seconds allowed to the certified bounds of a coherent model whose
    /// BDD did not fit in --timeout (0: skip them).
    #[arg(long, default_value_t = 300.0, value_name = "SECS")]
    pub bounds_timeout: f64,
    /// Largest gate diagram (nodes) kept exact by the certified bounds (half,
    /// one and two times this are tried, and the bounds intersected).
    #[arg(long, default_value_t = 1_000, value_name = "NODES")]
    pub gate_nodes: usize,
}

struct Answer {
    seconds: f64,
    mcs: u128,
    probability: f64,
}

enum Outcome {
    Done(Answer),
    /// BDD out of time; cut sets up to this order without a BDD, with the
    /// MCUB standing in for the probability, and certified bounds
    /// `(lower, upper, seconds)` when they finished.
    Truncated(Answer, usize, Option<(f64, f64, f64)>),
    Timeout,
    Failed(String),
    Skipped,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => [
            "shared/data/aralia",
            "../shared/data/aralia",
            "../../shared/data/aralia",
            "/work/shared/data/aralia",
        ]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
        .context("no model directory found; pass --dir")?,
    };
    let mut models: Vec<String> = if args.models.is_empty() {
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        v.sort();
        v
    } else {
        args.models.clone()
    };
    models.dedup();
    if models.is_empty() {
        bail!("no *.xml model in {}", dir.display());
    }
    let reference = read_reference(&dir.join("README.md"));
    let scram_ok = !args.no_scram
        && Command::new(&args.scram)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
    if !args.no_scram && !scram_ok {
        eprintln!(
            "warning: `{}` not found: running cordon only (apt-get install scram)",
            args.scram
        );
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let header = [
        "model",
        "cordon s",
        "scram s",
        "scram/cordon",
        "MCS",
        "P",
        "agreement",
    ];
    if args.markdown {
        println!("| {} |", header.join(" | "));
        println!("|{}", "---|".repeat(header.len()));
    } else {
        println!(
            "{:<10} {:>9} {:>9} {:>12} {:>14} {:>13}  {}",
            header[0], header[1], header[2], header[3], header[4], header[5], header[6]
        );
    }
    let (mut slower, mut disagreements) = (Vec::new(), Vec::new());
    for model in &models {
        let path = dir.join(format!("{model}.xml"));
        let cordon = run_cordon(&path, timeout, &args);
        let scram = if scram_ok {
            run_scram(&args.scram, &path, timeout)
        } else {
            Outcome::Skipped
        };
        let time = |o: &Outcome| match o {
            Outcome::Done(a) => format!("{:.3}", a.seconds),
            Outcome::Timeout | Outcome::Truncated(..) => format!(">{}", args.timeout),
            Outcome::Failed(_) => "failed".into(),
            Outcome::Skipped => "-".into(),
        };
        let ratio = match (&cordon, &scram) {
            (Outcome::Done(c), Outcome::Done(s)) => {
                if c.seconds > s.seconds {
                    slower.push(model.clone());
                }
                format!("{:.1}×", s.seconds / c.seconds.max(1e-4))
            }
            (Outcome::Done(c), Outcome::Timeout) => {
                format!(">{:.0}×", args.timeout / c.seconds.max(1e-4))
            }
            _ => "-".into(),
        };
        let (mcs, p) = match &cordon {
            Outcome::Done(a) => (a.mcs.to_string(), format!("{:.5e}", a.probability)),
            Outcome::Truncated(a, order, None) => (
                format!("{} (order ≤ {order})", a.mcs),
                format!("≈{:.5e} (MCUB)", a.probability),
            ),
            Outcome::Truncated(a, order, Some((lo, hi, _))) => (
                format!("{} (order ≤ {order})", a.mcs),
                format!("[{lo:.4e}, {hi:.4e}] certified"),
            ),
            Outcome::Failed(e) => ("-".into(), format!("error: {e}")),
            _ => ("-".into(), "-".into()),
        };
        let agreement = match (
            &cordon,
            &scram,
            reference.iter().find(|(m, _, _)| m == model),
        ) {
            (Outcome::Done(c), Outcome::Done(s), _) => verdict(c, s.mcs, s.probability, "scram"),
            (Outcome::Done(c), _, Some((_, mcs, p))) => verdict(c, *mcs, *p, "table"),
            (Outcome::Done(_), _, None) => "new (no reference)".into(),
            (Outcome::Truncated(_, _, Some((lo, hi, secs))), scram, table) => {
                let reference = match (scram, table) {
                    (Outcome::Done(s), _) => Some((s.probability, "scram")),
                    (_, Some((_, _, p))) => Some((*p, "table")),
                    _ => None,
                };
                match reference {
                    Some((p, who)) if p < lo * (1.0 - 1e-5) || p > hi * (1.0 + 1e-5) => {
                        format!("DIFFERS: {who} {p:e} outside the certified bounds")
                    }
                    Some((_, who)) => format!(
                        "bounded: {who} inside; certified bounds in {secs:.0} s (gates ≤ {}–{} nodes)",
                        args.gate_nodes / 2,
                        args.gate_nodes * 2
                    ),
                    None => format!(
                        "bounded: certified bounds in {secs:.0} s (gates ≤ {}–{} nodes), no exact reference",
                        args.gate_nodes / 2,
                        args.gate_nodes * 2
                    ),
                }
            }
            (Outcome::Truncated(a, _, None), _, _) => format!(
                "partial: no BDD in time; low-order cut sets in {:.1} s more",
                a.seconds
            ),
            _ => "-".into(),
        };
        if agreement.contains("DIFFERS") {
            disagreements.push(model.clone());
        }
        if args.markdown {
            println!(
                "| {model} | {} | {} | {ratio} | {mcs} | {p} | {agreement} |",
                time(&cordon),
                time(&scram)
            );
        } else {
            println!(
                "{model:<10} {:>9} {:>9} {ratio:>12} {mcs:>14} {p:>13}  {agreement}",
                time(&cordon),
                time(&scram)
            );
        }
        if let Outcome::Failed(e) = &scram {
            eprintln!("  scram on {model}: {e}");
        }
    }
    println!();
    println!(
        "cordon slower than SCRAM on: {}",
        if slower.is_empty() {
            "none".into()
        } else {
            slower.join(", ")
        }
    );
    println!(
        "answers that differ: {}",
        if disagreements.is_empty() {
            "none".into()
        } else {
            disagreements.join(", ")
        }
    );
    Ok(if disagreements.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn verdict(c: &Answer, mcs: u128, p: f64, against: &str) -> String {
    let rel = if p == 0.0 {
        c.probability.abs()
    } else {
        ((c.probability - p) / p).abs()
    };
    // 8.2e10-style table entries are rounded: compare counts to 2 digits then.
    let count_ok =
        c.mcs == mcs || (mcs >= 10_000_000_000 && (c.mcs as f64 / mcs as f64 - 1.0).abs() < 0.01);
    if count_ok && rel <= 1e-5 {
        format!("yes ({against})")
    } else {
        format!("DIFFERS from {against} ({mcs}, {p:e})")
    }
}

fn run_cordon(path: &Path, timeout: Duration, args: &Args) -> Outcome {
    let start = Instant::now();
    let result = read_mef(path, None).and_then(|tree| {
        tree.analyze(&Settings {
            time_limit: Some(timeout),
            ..Settings::default()
        })
    });
    match result {
        Ok(a) => Outcome::Done(Answer {
            seconds: start.elapsed().as_secs_f64(),
            mcs: a.mcs_count(),
            probability: a.probability(),
        }),
        // No BDD in the time or the memory: low-order cut sets, then bounds.
        Err(
            cordon_continuity::Error::TimedOut(_)
            | cordon_continuity::Error::MemoryLimit { .. }
            | cordon_continuity::Error::TooLarge(_),
        ) => match truncated_fallback(path, timeout) {
            Outcome::Truncated(a, order, None) if args.bounds_timeout > 0.0 => {
                let bounds = certified_bounds(path, order, args);
                Outcome::Truncated(a, order, bounds)
            }
            other => other,
        },
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// When the BDD does not fit in the time, the cut sets of low order still
/// do: the bottom-up ZBDD method, raising the order while time remains.
fn truncated_fallback(path: &Path, timeout: Duration) -> Outcome {
    let start = Instant::now();
    let Ok(tree) = read_mef(path, None) else {
        return Outcome::Timeout;
    };
    if !tree.is_coherent() {
        return Outcome::Timeout;
    }
    let mut best = None;
    for order in 2..=20 {
        let left = timeout.saturating_sub(start.elapsed());
        let settings = Settings {
            exact_probability: false,
            order_limit: Some(order),
            time_limit: Some(left),
            ..Settings::default()
        };
        match tree.analyze(&settings) {
            Ok(a) => {
                let answer = Answer {
                    seconds: start.elapsed().as_secs_f64(),
                    mcs: a.mcs_count(),
                    probability: a.report().mcub,
                };
                best = Some(Outcome::Truncated(answer, order, None));
            }
            Err(_) => break,
        }
    }
    best.unwrap_or(Outcome::Timeout)
}

/// Certified `(lower, upper, seconds)` for a model whose BDD did not fit,
/// with the cut sets up to `order` helping the lower bound. Tries gate
/// sizes of half, one and two times `--gate-nodes` while time remains and
/// keeps the intersection: each interval holds the probability, so their
/// intersection does (the tightness is not monotone in the gate size).
fn certified_bounds(path: &Path, order: usize, args: &Args) -> Option<(f64, f64, f64)> {
    let start = Instant::now();
    let total = Duration::from_secs_f64(args.bounds_timeout);
    let tree = read_mef(path, None).ok()?;
    let mut best: Option<(f64, f64)> = None;
    for gate_nodes in [args.gate_nodes / 2, args.gate_nodes, args.gate_nodes * 2] {
        let left = total.saturating_sub(start.elapsed());
        if left.is_zero() {
            break;
        }
        let settings = Settings {
            order_limit: Some(order),
            time_limit: Some(left),
            ..Settings::default()
        };
        let Ok(b) = tree.certified_bounds(&settings, gate_nodes.max(1)) else {
            break;
        };
        best = Some(match best {
            Some((lo, hi)) => (lo.max(b.lower), hi.min(b.upper)),
            None => (b.lower, b.upper),
        });
    }
    best.map(|(lo, hi)| (lo, hi, start.elapsed().as_secs_f64()))
}

/// Runs `scram FILE --probability 1 -o REPORT` and reads the
/// `<sum-of-products products= probability=>` element of the report.
fn run_scram(scram: &str, path: &Path, timeout: Duration) -> Outcome {
    let report =
        std::env::temp_dir().join(format!("cordon-bench-scram-{}.xml", std::process::id()));
    let start = Instant::now();
    let child = Command::new(scram)
        .arg(path)
        .args(["--probability", "1", "-o"])
        .arg(&report)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_file(&report);
                return Outcome::Timeout;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut s) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut s, &mut err);
        }
        return Outcome::Failed(format!("{status}: {}", err.lines().last().unwrap_or("")));
    }
    let parsed = parse_scram_report(&report);
    let _ = std::fs::remove_file(&report);
    match parsed {
        Some((mcs, probability)) => Outcome::Done(Answer {
            seconds,
            mcs,
            probability,
        }),
        None => Outcome::Failed("no <sum-of-products> in the report".into()),
    }
}

/// The report can hold millions of products: read only up to the summary.
fn parse_scram_report(path: &Path) -> Option<(u128, f64)> {
    let file = std::fs::File::open(path).ok()?;
    for line in std::io::BufReader::new(file).lines() {
        let line = line.ok()?;
        if line.contains("<sum-of-products") {
            let attr = |name: &str| {
                let key = format!(" {name}=\"");
                let start = line.find(&key)? + key.len();
                let end = line[start..].find('"')? + start;
                Some(line[start..end].to_string())
            };
            return Some((
                attr("products")?.parse().ok()?,
                attr("probability")?.parse().ok()?,
            ));
        }
    }
    None
}

/// `| model | events | gates | MCS | P |` rows of the benchmark README.
fn read_reference(path: &Path) -> Vec<(String, u128, f64)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            if cells.len() != 5 {
                return None;
            }
            let mcs_text = cells[3].split_whitespace().next()?;
            let mcs = mcs_text
                .parse::<u128>()
                .ok()
                .or_else(|| mcs_text.parse::<f64>().ok().map(|f| f as u128))?;
            Some((cells[0].to_string(), mcs, cells[4].parse().ok()?))
        })
        .collect()
}
