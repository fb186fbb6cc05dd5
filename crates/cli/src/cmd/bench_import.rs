//! `cordon bench import`: a generated SharpHound collection of N objects,
//! imported into a fresh model directory, then loaded; times each step.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

/// Imports a generated SharpHound collection (default 100,000 objects) and
/// times reading, mapping, writing and loading the model.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  cordon bench import                       # 100,000 objects
  cordon bench import --objects 20000 --seed 3")]
pub struct Args {
    /// Objects in the collection.
    #[arg(long, default_value_t = 100_000)]
    pub objects: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// A scratch directory removed on drop.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tmp =
        Scratch(std::env::temp_dir().join(format!("cordon-bench-import-{}", std::process::id())));
    std::fs::create_dir_all(&tmp.0).context("temporary directory")?;
    let data = tmp.path().join("collection");
    let t = Instant::now();
    let n = cordon_import::synthetic::write_collection(&data, args.objects, args.seed)
        .context("writing the collection")?;
    let bytes: u64 = std::fs::read_dir(&data)?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "generated {n} objects, {:.1} MB of JSON in {:.2} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let options = cordon_import::sharphound::Options {
        zone: "internal".into(),
        progress: true,
    };
    let coll =
        cordon_import::sharphound::read_collection(std::slice::from_ref(&data), options.progress)?;
    let read = t.elapsed();
    let t = Instant::now();
    let estate = coll.to_estate(&options);
    let map = t.elapsed();
    let t = Instant::now();
    let dir = tmp.path().join("model");
    let summary =
        cordon_import::merge_into(&dir, &estate, &cordon_import::MergeOptions::default())?;
    let write = t.elapsed();
    let t = Instant::now();
    let model = cordon_model::Model::load(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let load = t.elapsed();
    println!(
        "import: read {:.2} s ({:.0} MB/s), map {:.2} s, write {:.2} s → {} components, {} interactions",
        read.as_secs_f64(),
        bytes as f64 / 1e6 / read.as_secs_f64(),
        map.as_secs_f64(),
        write.as_secs_f64(),
        summary.components,
        summary.interactions
    );
    println!(
        "total import {:.2} s; then cordon loads the model in {:.2} s ({} interactions with catalog defaults)",
        (read + map + write).as_secs_f64(),
        load.as_secs_f64(),
        model.interactions.len()
    );
    Ok(ExitCode::SUCCESS)
}
