#!/usr/bin/env bash
# Installs what a fresh machine lacks to build (and, with --browser, to test) Rapport.
# Idempotent: a second run only checks. Needs: rustup/cargo, Node.js 20+ and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n▸ %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "Installing wasm-bindgen-cli $want (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing the JavaScript build and test tools (npm ci)"
  npm ci --no-audit --no-fund
fi

# Tests only: Chromium for the browser tests, LibreOffice (no GUI, ~20 s) to open the sample XLSX.
missing=()
if [ "${1:-}" = "--browser" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
  [ -x /usr/bin/soffice ] || missing+=(libreoffice-calc-nogui)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]} for the tests (Debian packages)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
exit 0
