//! Files compiled into the binary, so `cordon serve` works from any directory.

/// `examples/hospital-group/`: written to `DATA/model/` on first start.
#[derive(rust_embed::RustEmbed)]
#[folder = "../../examples/hospital-group/"]
#[include = "*.yaml"]
#[include = "**/*.yaml"]
pub struct ExampleModel;

/// `examples/intel/` articles (not the answer files): ingested on first start.
#[derive(rust_embed::RustEmbed)]
#[folder = "../../examples/intel/"]
#[include = "*.txt"]
#[include = "*.html"]
#[include = "*.rss"]
#[exclude = "holdout/*"]
pub struct ExampleIncidents;

/// CSS and JavaScript of the pages, served under `/static/`.
#[derive(rust_embed::RustEmbed)]
#[folder = "static/"]
pub struct Static;
