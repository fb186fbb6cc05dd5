//! One selector-list grammar for the CLI and the HTTP API: `GET /api/paths`
//! and `/api/blast` of a running `cordon serve` answer a list with `!`
//! exclusions exactly as `cordon paths` / `cordon blast --format json` do
//! (both call `Model::select_list`).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hospital-group");

/// `cordon serve` on a free local port, killed when dropped.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_cordon"))
        .args(["serve", "--addr", &addr, "--model", MODEL, "--no-examples"])
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--token-file")
        .arg(dir.path().join("token"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        child,
        addr,
        _dir: dir,
    };
    let start = Instant::now();
    while TcpStream::connect(&server.addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "cordon serve did not listen on {}",
            server.addr
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// A plain HTTP/1.1 GET: (status, body).
fn get(server: &Server, uri: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET {uri} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").unwrap();
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
}

fn cli_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_cordon"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cli_error(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cordon"))
        .args(args)
        .output()
        .unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn api_takes_the_cli_selector_lists() {
    let server = serve();

    // `from=a,!b`, percent-encoded as a client sends it, and written plainly.
    for (from, query) in [
        ("entry-points,!vpn-gw", "entry-points%2C%21vpn-gw"),
        ("vpn-gw,mail-gw", "vpn-gw,mail-gw"),
        ("zone:dmz,!mail-gw", "zone:dmz,!mail-gw"),
    ] {
        let (status, body) = get(
            &server,
            &format!("/api/paths?from={query}&to=crown-jewels&k=2"),
        );
        assert_eq!(status, 200, "{from}: {body}");
        let api: serde_json::Value = serde_json::from_str(&body).unwrap();
        let cli = cli_json(&[
            "paths",
            MODEL,
            "--from",
            from,
            "--to",
            "crown-jewels",
            "--k",
            "2",
            "--format",
            "json",
        ]);
        assert_eq!(api, cli, "/api/paths?from={from} differs from cordon paths");
        assert!(!api.as_array().unwrap().is_empty(), "{from}");
    }
    // The exclusion takes effect: without it, the answer differs.
    let (_, with) = get(
        &server,
        "/api/paths?from=entry-points%2C%21vpn-gw&to=crown-jewels&k=2",
    );
    let (_, without) = get(&server, "/api/paths?from=entry-points&to=crown-jewels&k=2");
    assert_ne!(with, without);

    // /api/blast?ids= takes the same lists as `cordon blast`.
    let (status, body) = get(&server, "/api/blast?ids=zone:dmz,!mail-gw");
    assert_eq!(status, 200, "{body}");
    let api: serde_json::Value = serde_json::from_str(&body).unwrap();
    let cli = cli_json(&["blast", MODEL, "zone:dmz,!mail-gw", "--format", "json"]);
    assert_eq!(api, cli);
    assert!(
        !api["breached"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "mail-gw" || b["id"] == "mail-gw"),
        "{api}"
    );

    // The same errors, word for word, as 400s.
    for (list, query) in [
        ("vpn-gw,!", "vpn-gw,!"),
        ("vpn-gw,,mail-gw", "vpn-gw,,mail-gw"),
        ("vpn-gw,!vpn-gw", "vpn-gw,!vpn-gw"),
        ("tag:nothing-has-this", "tag:nothing-has-this"),
        ("vpn-gww", "vpn-gww"),
    ] {
        let (status, body) = get(&server, &format!("/api/paths?from={query}&to=crown-jewels"));
        assert_eq!(status, 400, "{list}: {body}");
        let message = serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"]
            .as_str()
            .unwrap()
            .to_string();
        let cli = cli_error(&[
            "paths",
            MODEL,
            "--from",
            list,
            "--to",
            "crown-jewels",
            "--format",
            "json",
        ]);
        assert!(
            cli.contains(&message),
            "{list}: API `{message}`, CLI `{cli}`"
        );
    }
}

/// `cordon airgap --core` and the `/airgap` page read the core with the same
/// list grammar: `zone:clinical,!pacs` is the clinical zone's components,
/// taken from the loaded records, without pacs.
#[test]
fn airgap_core_is_a_selector_list() {
    let model = cordon_model::Model::load(std::path::Path::new(MODEL)).unwrap();
    let clinical = model.zone_id("clinical").unwrap();
    let mut expected: Vec<String> = model
        .component_ids()
        .map(|c| model.component(c))
        .filter(|c| c.zone == clinical && c.id != "pacs")
        .map(|c| c.id.to_string())
        .collect();
    expected.sort();
    assert!(expected.len() >= 2, "{expected:?}");
    let plan = cli_json(&[
        "airgap",
        MODEL,
        "--core",
        "zone:clinical,!pacs",
        "--format",
        "json",
    ]);
    let mut core: Vec<String> = plan["core_components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    core.sort();
    assert_eq!(core, expected);

    // The errors are select_list's, on the CLI and the page alike.
    let err = cli_error(&["airgap", MODEL, "--core", "zone:clinical,,pacs"]);
    assert!(err.contains("item 2 of the list is empty"), "{err}");
    let server = serve();
    let (status, body) = get(&server, "/airgap?core=zone:clinical%2C%2Cpacs");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("item 2 of the list is empty"), "{body}");
    let (status, body) = get(&server, "/airgap?core=zone:clinical%2C%21pacs");
    assert_eq!(status, 200, "{body}");
}
