//! One module per subcommand; `common` and `views` hold what they share.

pub mod common;
pub mod views;

pub mod blast;
pub mod catalog;
pub mod check;
pub mod exposure;
pub mod generate;
pub mod paths;
pub mod services;

pub mod airgap;
pub mod bench;
pub mod bench_containment;
pub mod bench_fta;
pub mod bench_import;
pub mod bench_intel;
pub mod bench_paths;
pub mod chokepoints;
pub mod export;
pub mod fta;
pub mod import;
pub mod intel;
pub mod recover;
pub mod scenario;
pub mod serve;
