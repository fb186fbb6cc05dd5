#!/usr/bin/env bash
# Load test of `cordon serve` on loopback with wrk (apt-get install wrk): starts a release
# server on a free port with a fresh data directory (example incidents), then measures the
# incident list page, a search, and the JSON API. Figures: docs/performance.md, "Web server".
#
#   bench/wrk.sh                 # 2 threads, 64 connections, 20 s per URL
#   DURATION=10s CONNECTIONS=32 bench/wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release -p cordon-cli -q
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$TARGET/release/cordon" serve --addr "127.0.0.1:$port" --data "$tmp/data" --token-file "$tmp/token" --ready-file "$tmp/ready" 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 300); do [ -f "$tmp/ready" ] && break; sleep 0.1; done
[ -f "$tmp/ready" ] || { cat "$tmp/log" >&2; exit 1; }
base="http://127.0.0.1:$port"
for path in /incidents "/incidents?q=ransomware" /api/incidents /services?scenario=red-phase; do
    echo "== GET $path"
    wrk -t "${THREADS:-2}" -c "${CONNECTIONS:-64}" -d "${DURATION:-20s}" --latency "$base$path" | grep -E "Requests/sec|Latency|Non-2xx|Socket errors|requests in|99%"
done
