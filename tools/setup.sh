#!/usr/bin/env bash
# Installs what building and testing need, or says exactly what is missing.
#   tools/setup.sh            build tools: wasm32 target, wasm-bindgen CLI, npm dev dependencies
#   tools/setup.sh --browser  also Chromium and ChromeDriver (for the browser tests)
# Fast when everything is already there; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "setup: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

have cargo || fail "cargo is missing: install Rust with rustup (https://rustup.rs), then run again."
have rustup || fail "rustup is missing: the wasm32 target is installed through it (https://rustup.rs)."
have node || fail "Node.js is missing: install Node 20 or newer (https://nodejs.org)."
have npm || fail "npm is missing: it comes with Node.js (https://nodejs.org)."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node $(node --version) is too old: Node 20 or newer is needed."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32-unknown-unknown target (rustup target add wasm32-unknown-unknown)."
fi

# The CLI must match the wasm-bindgen crate exactly; the pin lives in Cargo.toml only.
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
[ -n "$want" ] || fail "could not read the wasm-bindgen pin from Cargo.toml."
got=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$got" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${got:-none}); this takes a few minutes"
  cargo install wasm-bindgen-cli --version "$want" \
    || fail "could not install wasm-bindgen-cli $want (cargo install wasm-bindgen-cli --version $want)."
fi

# npm dev dependencies (wasm-opt from binaryen, TypeScript, Playwright's client), as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed: the npm registry must be reachable."
fi

if [ "${1:-}" = "--browser" ]; then
  missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && have apt-get; then
      echo "setup: installing ${missing[*]} with apt-get"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null \
        || fail "apt-get could not install ${missing[*]}."
    else
      fail "the browser tests need ${missing[*]} (Debian: apt-get install chromium chromium-driver); run this as root to have it installed."
    fi
  fi
fi
