//! Care-continuity fault-tree engine.
//!
//! A service (emergency department, surgery, online booking…) fails when a
//! Boolean combination of component failures occurs: a fault tree. This crate
//! compiles a fault tree into a binary decision diagram (BDD) and from it
//! computes, without enumerating the 2^n failure combinations:
//!
//! - the exact top-event probability (Shannon decomposition);
//! - the minimal cut sets, as a zero-suppressed BDD (Rauzy's algorithm), with
//!   an order limit and a probability cut-off, counted and distributed by
//!   order without listing them;
//! - the rare-event and min-cut-upper-bound approximations;
//! - importance measures (Birnbaum, criticality, Fussell-Vesely, RAW, RRW).
//!
//! Trees are built programmatically with [`FaultTreeBuilder`] or read from
//! Open-PSA MEF XML with [`read_mef`] / [`parse_mef`].
//!
//! ```
//! use cordon_continuity::{FaultTreeBuilder, Settings};
//! let mut b = FaultTreeBuilder::new();
//! let dc1 = b.basic_event("datacenter-1", 0.01)?;
//! let dc2 = b.basic_event("datacenter-2", 0.01)?;
//! let dc3 = b.basic_event("datacenter-3", 0.01)?;
//! let ad = b.basic_event("active-directory", 0.001)?;
//! let sites = b.atleast(2, [dc1, dc2, dc3]);
//! let top = b.or([sites, ad]);
//! let tree = b.build(top)?;
//! let analysis = tree.analyze(&Settings { importance: true, ..Settings::default() })?;
//! assert_eq!(analysis.mcs_count(), 4);
//! assert!((analysis.probability() - 0.0012977).abs() < 1e-6);
//! # Ok::<(), cordon_continuity::Error>(())
//! ```

mod analysis;
mod bdd;
mod error;
mod mef;
mod order;
mod tree;
mod zbdd;

pub use analysis::{
    Analysis, Bounds, ImportanceMeasures, LISTING_TIES, MinimalCutSet, Report, Settings,
};
pub use error::Error;
pub use mef::{
    CutSetRewrite, CutSetSubstitutions, Hypothesis, MAX_REWRITTEN, MefModel, ReadOptions, Target,
    TargetKind, TargetTree, Uncertainty, parse_mef, read_mef,
};
pub use order::VariableOrdering;
pub use tree::{BasicEvent, Connective, FaultTree, FaultTreeBuilder, Formula, Gate};
