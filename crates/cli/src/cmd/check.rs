//! `cordon check MODEL [--deny 'A -> B' …]`: validation and policy for CI.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use cordon_model::AccessLevel;
use cordon_paths::AttackGraph;

use super::common::{load_model, select};
use super::views;

/// Validates a model and checks that forbidden paths do not exist.
#[derive(clap::Args)]
#[command(after_help = "\
A --deny rule is `SOURCES -> TARGETS`, each a selector or a comma-separated
list of selectors (`vpn-gw,gp-portal -> crown-jewels`), optionally followed by
`at LEVEL` (default: reach — any access at all is forbidden). The selectors may
overlap (`all -> db1`, `zone:clinical -> zone:clinical`): a target that is also
a source is violated when another source reaches it.

Sources that are Tier Zero or crown jewels themselves are left out of a rule
with several sources, as in `cordon paths` (a note names them): an attacker
holding a Domain Admin already holds the domain, so `tag:ad-user ->
crown-jewels` would otherwise fail on every AD estate and hide the real
findings. They still count as targets. --all-sources keeps them.

Exit status: 0 valid and no forbidden path; 1 a forbidden path exists (each
is printed hop by hop); 2 the model is invalid or an argument is wrong.

Examples:
  cordon check examples/hospital-group/
  cordon check estate.yaml --deny 'zone:internet -> crown-jewels'
  cordon check estate.yaml --deny 'zone:vendors -> zone:clinical at write'
  cordon check hospital/ --deny 'tag:ad-user -> crown-jewels'")]
pub struct Args {
    /// Model file, or a directory of model files.
    pub model: PathBuf,
    /// Forbidden path: 'SOURCES -> TARGETS [at LEVEL]'. Repeatable.
    #[arg(long)]
    pub deny: Vec<String>,
    /// Keep sources that are Tier Zero or crown jewels themselves (left out
    /// by default when a rule's SOURCES select several components).
    #[arg(long)]
    pub all_sources: bool,
}

struct Deny {
    text: String,
    from: String,
    to: String,
    level: AccessLevel,
}

fn parse_deny(text: &str) -> anyhow::Result<Deny> {
    let (from, rest) = text.split_once("->").with_context(|| {
        format!(
            "--deny '{text}': expected 'SOURCES -> TARGETS', e.g. 'zone:internet -> crown-jewels'"
        )
    })?;
    let (to, level) = match rest.split_once(" at ") {
        Some((to, l)) => {
            let l = l.trim();
            let level = AccessLevel::parse(l)
                .filter(|l| *l > AccessLevel::None)
                .with_context(|| {
                    format!(
                        "--deny '{text}': unknown level `{l}` (use reach, read, write or control)"
                    )
                })?;
            (to, level)
        }
        None => (rest, AccessLevel::Reach),
    };
    if from.trim().is_empty() || to.trim().is_empty() {
        bail!("--deny '{text}': both sides need a selector");
    }
    Ok(Deny {
        text: text.to_string(),
        from: from.trim().into(),
        to: to.trim().into(),
        level,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules: Vec<Deny> = args
        .deny
        .iter()
        .map(|d| parse_deny(d))
        .collect::<anyhow::Result<_>>()?;
    let model = load_model(&args.model)?;
    println!(
        "{}: valid — {}, {}, {}",
        model.name,
        cordon_report::words::count(model.components.len(), "component"),
        cordon_report::words::count(model.interactions.len(), "interaction"),
        cordon_report::words::count(model.services.len(), "service")
    );
    let graph = AttackGraph::new(&model);
    let mut violated = 0;
    for rule in &rules {
        let mut sources = select(&model, &rule.from)?;
        let left_out = if args.all_sources {
            Vec::new()
        } else {
            cordon_paths::sources::leave_out_privileged(&model, &mut sources)
        };
        if !left_out.is_empty() {
            println!(
                "note: {}: {}",
                rule.text,
                super::paths::left_out_text(&model, &left_out)
            );
        }
        let targets = select(&model, &rule.to)?;
        let hits = cordon_paths::forbidden_paths(&graph, &sources, &targets, rule.level);
        if hits.is_empty() {
            println!("ok: no path {}", rule.text);
            continue;
        }
        violated += 1;
        println!(
            "FORBIDDEN: {} — {} reached",
            rule.text,
            cordon_report::words::count(hits.len(), "target")
        );
        let names = cordon_paths::reading::Names::new(&model);
        for hit in &hits {
            print!("{}", views::path_text(&names, &hit.path, "  "));
        }
    }
    Ok(if violated > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
