//! `cordon generate --components N --seed S`: a synthetic estate.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Writes a synthetic estate with a realistic shape, for benchmarks.
#[derive(clap::Args)]
#[command(after_help = "\
The estate has a few hubs (directory, DNS, EDR, configuration management,
backup, hypervisors), servers in zones of 2,000, workstations in zones of
1,000, ~1,000 exposed web servers per 200,000 components, some weaknesses,
and about 10 interactions per component (mostly catalog defaults).

Examples:
  cordon generate --components 200000 --seed 1 -o /tmp/estate/
  cordon generate --components 2000 --seed 1 -o small.yaml
  cordon generate --components 500 --seed 7 | cordon check /dev/stdin")]
pub struct Args {
    /// Number of components.
    #[arg(long, default_value_t = 1000)]
    pub components: usize,
    /// Random seed: the same seed gives the same estate.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output: a `.yaml` file, or a directory (created) where the estate is
    /// split into files of 25,000 components that load in parallel.
    /// Default: standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let estate = cordon_model::synthetic::synthetic_estate(args.components, args.seed);
    match &args.output {
        Some(p) if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) => {
            let yaml = estate.single_file();
            std::fs::write(p, &yaml).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!(
                "wrote {} ({} components, {:.1} MB)",
                p.display(),
                estate.components,
                yaml.len() as f64 / 1e6
            );
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let files = estate.split();
            for (name, yaml) in &files {
                let path = dir.join(name);
                std::fs::write(&path, yaml)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            eprintln!(
                "wrote {} files to {} ({} components); load it with `cordon exposure {}/estate.yaml`",
                files.len(),
                dir.display(),
                estate.components,
                dir.display()
            );
        }
        None => print!("{}", estate.single_file()),
    }
    Ok(ExitCode::SUCCESS)
}
