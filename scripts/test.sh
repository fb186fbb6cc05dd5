#!/usr/bin/env bash
# The whole test suite, runnable on a fresh machine that has only the Rust
# toolchain: installs what the tests need (idempotently), then checks
# formatting, lints and runs every test. `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use as independent oracles.
#   scram: fault-tree engine the continuity results are cross-checked against.
packages=()
command -v scram >/dev/null 2>&1 || packages+=(scram)
#   chromium, graphviz: the web app's browser test (crates/server/e2e) and its graph pictures.
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
if [ ${#packages[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "installing: ${packages[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
# With the oracle installed, a test that cannot find it must fail, not skip.
export CORDON_REQUIRE_SCRAM=1

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -q -- -D warnings
cargo test --workspace --locked
# Web app in a real browser (playwright-core + Debian's chromium; no browser download).
npm ci --prefix crates/server/e2e --no-audit --no-fund --silent
cargo build -p cordon-cli --locked -q
node crates/server/e2e/run.mjs
