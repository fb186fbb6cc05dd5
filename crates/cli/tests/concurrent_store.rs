//! The server and the CLI writing one incident store at once (issue 12, F9):
//! every write waits its turn or is answered "busy, retry" (503 with
//! `Retry-After`), never 500 "database is locked", and nothing is lost.

mod common;
use common::bin;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cordon serve` on a free loopback port; returns it, its address
/// and the write token.
fn serve(data: &Path, tmp: &Path) -> (Server, String, String) {
    let ready = tmp.join("ready");
    let token = tmp.join("token");
    let child = Command::new(bin())
        .args(["serve", "--no-examples", "--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .arg("--token-file")
        .arg(&token)
        .arg("--ready-file")
        .arg(&ready)
        .env("CORDON_MODEL_CACHE", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let start = Instant::now();
    let url = loop {
        if let Ok(u) = std::fs::read_to_string(&ready)
            && !u.trim().is_empty()
        {
            break u.trim().to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let token = std::fs::read_to_string(&token).unwrap().trim().to_string();
    (server, addr, token)
}

/// One `POST /api/ingest`; the status code.
fn post_ingest(addr: &str, token: &str, name: &str, body: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "POST /api/ingest?name={name} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn article(i: usize, city: &str) -> String {
    format!(
        "Title: Clinic {i} hit\n\nThe Concurrent{i} Clinic in {city}, Belgium, was hit by ransomware on 1 June 2024. \
         Surgeries were postponed and the clinic diverted ambulances.\n"
    )
}

fn stored_incidents(data: &Path) -> usize {
    let out = Command::new(bin())
        .args([
            "intel", "search", "--format", "json", "--limit", "100000", "--data",
        ])
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .or_else(|| v.get("incidents").and_then(|i| i.as_array()))
        .map(Vec::len)
        .expect("search JSON is a list of incidents")
}

#[test]
fn server_and_cli_write_one_store_at_once_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (_server, addr, token) = serve(&data, tmp.path());
    // A CLI batch of documents…
    let batch = tmp.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    const CLI_DOCS: usize = 1500;
    for i in 0..CLI_DOCS {
        std::fs::write(batch.join(format!("a{i}.txt")), article(i, "Mons")).unwrap();
    }
    let mut cli = Command::new(bin())
        .args(["intel", "ingest", "-q", "--data"])
        .arg(&data)
        .arg(&batch)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // …while the API takes documents too, and a second CLI process ingests.
    let second = tmp.path().join("second");
    std::fs::create_dir_all(&second).unwrap();
    const SECOND_DOCS: usize = 300;
    for i in 0..SECOND_DOCS {
        std::fs::write(
            second.join(format!("b{i}.txt")),
            article(10_000 + i, "Namur"),
        )
        .unwrap();
    }
    let mut cli2 = Command::new(bin())
        .args(["intel", "ingest", "-q", "--data"])
        .arg(&data)
        .arg(&second)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    const API_DOCS: usize = 40;
    let mut stored_by_api = 0;
    for i in 0..API_DOCS {
        let body = article(20_000 + i, "Ghent");
        // 503 is "busy, retry": the client retries, as Retry-After says.
        let mut code = post_ingest(&addr, &token, &format!("c{i}.txt"), &body);
        let mut tries = 0;
        while code == 503 && tries < 20 {
            std::thread::sleep(Duration::from_millis(500));
            code = post_ingest(&addr, &token, &format!("c{i}.txt"), &body);
            tries += 1;
        }
        assert!(
            code == 200 || code == 201,
            "API ingest {i}: HTTP {code}, never 500"
        );
        stored_by_api += 1;
    }
    for (name, child) in [
        ("first CLI batch", &mut cli),
        ("second CLI batch", &mut cli2),
    ] {
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(status.success(), "{name}: {status:?}\n{err}");
    }
    assert_eq!(stored_by_api, API_DOCS);
    assert_eq!(
        stored_incidents(&data),
        CLI_DOCS + SECOND_DOCS + API_DOCS,
        "every document of both CLI batches and the API is stored"
    );
}
