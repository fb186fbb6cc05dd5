//! `cordon serve`: the web app and JSON API (crates/server).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the web app and the JSON API: incidents (search, pages, reports, ingest), the
/// estate, exposure, the services board and scenarios. Reads are open; writes need the
/// token printed once at first start.
#[derive(clap::Args)]
#[command(after_help = "\
The first start prepares the data directory: the example hospital model (embedded in the
binary, written to DATA/model/), the example incidents (examples/intel/, ingested), and a
write token printed once on stderr and stored salted and hashed (DATA/server-token).

Examples:
  cordon serve                                   # http://127.0.0.1:8080/
  cordon serve --addr 127.0.0.1:9000 --data /srv/cordon
  cordon serve --model examples/hospital-group/ --token-file ~/.cordon-token
  curl -H \"Authorization: Bearer $(cat ~/.cordon-token)\" --data-binary @article.txt \\
       'http://127.0.0.1:8080/api/ingest?name=article.txt'

Limits (docs/limits.md, ## Server): request bodies 2 MiB, 30 s per request (408; an
abandoned ingest stores nothing), --header-timeout for slow or idle connections,
--max-connections; a busy incident store answers 503 with Retry-After.
Behind a TLS proxy, send X-Forwarded-Proto: https (or pass --secure-cookie).

Docs: docs/server.md. API: /api/openapi.json.")]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Data directory (incident store, token hash, model copy); default $CORDON_DATA, else ./.cordon.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Model file or directory (default: DATA/model/, the example hospital on first start).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Write the write token to this file (mode 0600) when it is generated; a token already
    /// there that still verifies is kept.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// Do not ingest the example incidents on first start.
    #[arg(long)]
    pub no_examples: bool,
    /// Poll the watched feeds (`cordon intel watch`) every this many minutes while serving.
    #[arg(long, value_name = "MINUTES")]
    pub watch_every: Option<u64>,
    /// Most connections served at once; above, a new connection is answered 503 (JSON,
    /// Retry-After) and closed.
    #[arg(long, default_value_t = cordon_server::MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Seconds a connection has to send a complete request head — when new, between
    /// header lines (slowloris) and when idle between keep-alive requests; then it is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = cordon_server::HEADER_READ_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Always mark the session cookie `Secure` (behind a TLS proxy that does not send
    /// `X-Forwarded-Proto: https`; with that header it is marked anyway).
    #[arg(long)]
    pub secure_cookie: bool,
    /// Write the URL to this file once listening (for scripts).
    #[arg(long, hide = true)]
    pub ready_file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let data = cordon_intel::store::data_dir(args.data.as_deref());
    let mut config = cordon_server::Config::new(data);
    config.addr = args.addr;
    config.model = args.model;
    config.token_file = args.token_file;
    config.examples = !args.no_examples;
    config.ready_file = args.ready_file;
    config.limits = cordon_server::ConnLimits {
        header_read_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        max_connections: args.max_connections.max(1),
    };
    config.secure_cookie = args.secure_cookie;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let watcher = args.watch_every.map(|m| {
        cordon_intel::watch::spawn_watch(
            config.data.clone(),
            cordon_intel::watch::WatchConfig::default(),
            std::time::Duration::from_secs(m.max(1) * 60),
        )
    });
    let served = rt.block_on(cordon_server::serve(config));
    if let Some((_, cancel)) = watcher {
        cancel.cancel();
    }
    served?;
    Ok(ExitCode::SUCCESS)
}
