#!/usr/bin/env bash
# Installs what Retrain Playground needs to build, serve and test; skips whatever
# is already in place at the right version, so a second run takes seconds.
#
#   scripts/setup.sh            Rust wasm target, Trunk, wasm-bindgen CLI, npm packages, crates
#   scripts/setup.sh --browser  ... plus Chromium + chromedriver from Debian (apt-get, needs root)
#
# Needs: rustup/cargo, node >= 20 with npm. Tools only come from package
# registries (crates.io, npm, Debian): nothing here downloads prebuilt binaries.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14"
WANT_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --browser) WANT_BROWSER=1 ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown argument '$arg' (use --browser or --help)" >&2
      exit 2
      ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH. $2"; }

need cargo "Install Rust with rustup (https://rustup.rs), then re-run."
need rustup "Install Rust with rustup (https://rustup.rs), then re-run."
need node "Install Node.js 20 or newer (with npm), then re-run."
need npm "Install npm (it comes with Node.js), then re-run."

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 needed (found $(node --version))."

# Version of a package in Cargo.lock (first match), e.g. lock_version wasm-bindgen.
lock_version() {
  awk -v want="$1" '
    $1 == "name" && $3 == "\"" want "\"" { found = 1; next }
    found && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

# Value of `key = "value"` in the [tools] table of Trunk.toml.
trunk_tool_version() {
  awk -v want="$1" '
    /^\[/ { in_tools = ($0 ~ /^\[tools\]/) ; next }
    in_tools && $1 == want { gsub(/"/, "", $3); print $3; exit }
  ' Trunk.toml
}

[ -f Cargo.lock ] || die "Cargo.lock is missing (run 'cargo generate-lockfile' once)."
WBG_VERSION="$(lock_version wasm-bindgen)"
[ -n "$WBG_VERSION" ] || die "no wasm-bindgen entry in Cargo.lock."

# Version word of a tool's --version output ("trunk 0.21.14" -> 0.21.14), or "".
tool_version() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$1" --version 2>/dev/null | awk 'NR == 1 { print $2 }'
}

# 1. Rust target and components --------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "skip  rust target wasm32-unknown-unknown (installed)"
else
  say "add   rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for comp in rustfmt clippy; do
  if grep -q "^$comp" <<<"$installed_components"; then
    say "skip  rustup component $comp (installed)"
  else
    say "add   rustup component $comp"
    rustup component add "$comp"
  fi
done

# Neither tool is built with its own release profile (fat LTO and one codegen
# unit: most of a 15-20 minute install on 2 cores). Measured: see BENCHMARKS.md.
# - wasm-bindgen CLI: a quick release profile (no LTO, 16 codegen units,
#   opt-level 1); it rewrites every wasm file we build, so it stays optimised.
# - Trunk: a debug build without debug info (opt-level 0). Trunk mostly waits on
#   cargo, wasm-bindgen and wasm-opt, so `trunk build` and `trunk serve` are no
#   slower a user would notice, and it installs in about half the time.
# - Both without default features, i.e. without a TLS stack (rustls, ring's C
#   and assembly): nothing here talks HTTPS. Trunk runs offline (Trunk.toml)
#   and serves plain HTTP on 127.0.0.1; its crates.io update check goes too.
#   wasm-bindgen-test-runner only talks to chromedriver on 127.0.0.1.
quick_install() {
  CARGO_PROFILE_RELEASE_LTO=off \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_PROFILE_RELEASE_DEBUG=0 \
    cargo install --quiet "$@"
}
debug_install() {
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --quiet --debug "$@"
}

# The two installs run at the same time, each logging to its own file: each ends
# in a long single-crate compile and link that leaves a core idle, so together
# they finish sooner than one after the other. The npm step below overlaps too.
mkdir -p target/setup
install_pids=()
install_names=()
# If this script stops early (an error, Ctrl-C), stop the installs it started.
trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT
start_install() {
  local how="$1" name="$2" log="target/setup/$2.log"
  shift 2
  say "install $name in the background (log: $log)"
  "$how" "$@" >"$log" 2>&1 &
  install_pids+=("$!")
  install_names+=("$name")
}
finish_installs() {
  local i failed=""
  for i in "${!install_pids[@]}"; do
    if wait "${install_pids[$i]}"; then
      say "done  ${install_names[$i]}"
    else
      tail -n 30 "target/setup/${install_names[$i]}.log" >&2
      failed="$failed ${install_names[$i]}"
    fi
  done
  [ -z "$failed" ] || die "cargo install failed for:$failed (see target/setup/*.log)"
}

# 2. Trunk ------------------------------------------------------------------------
have="$(tool_version trunk)"
if [ "$have" = "$TRUNK_VERSION" ]; then
  say "skip  trunk $TRUNK_VERSION (installed)"
else
  [ -z "$have" ] || say "trunk $have found, $TRUNK_VERSION wanted"
  # 0.22.x needs a newer rustc than 1.95; --locked keeps Trunk's own tested deps.
  start_install debug_install trunk trunk --version "$TRUNK_VERSION" --locked --no-default-features
fi

# 3. wasm-bindgen CLI (wasm-bindgen + wasm-bindgen-test-runner) -------------------
have="$(tool_version wasm-bindgen)"
have_runner="$(tool_version wasm-bindgen-test-runner)"
if [ "$have" = "$WBG_VERSION" ] && [ "$have_runner" = "$WBG_VERSION" ]; then
  say "skip  wasm-bindgen-cli $WBG_VERSION (installed)"
else
  [ -z "$have" ] || say "wasm-bindgen $have found, $WBG_VERSION wanted"
  # Not --locked: its locked webpki-roots version is no longer served by crates.io.
  start_install quick_install wasm-bindgen-cli wasm-bindgen-cli --version "$WBG_VERSION" --force --no-default-features
fi

# 4. npm packages (binaryen's wasm-opt, playwright-core, axe-core) ----------------
stamp=node_modules/.setup-stamp
if [ -f package-lock.json ]; then
  want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
else
  want_stamp="$(sha256sum <package.json | cut -d' ' -f1)"
fi
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] &&
  [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ]; then
  say "skip  npm packages (node_modules matches package-lock.json)"
else
  if [ -f package-lock.json ]; then
    say "install npm packages (npm ci)"
    npm ci --no-audit --no-fund
  else
    say "install npm packages (npm install: no package-lock.json yet)"
    npm install --no-audit --no-fund
    want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  fi
  printf '%s\n' "$want_stamp" >"$stamp"
fi

if [ "${#install_pids[@]}" -gt 0 ]; then
  say "waiting for: ${install_names[*]} (a few minutes on a first run)"
  finish_installs
fi

# Trunk.toml pins exact tool versions (Trunk is offline and never downloads):
# they must match what is installed, or Trunk fails with a less helpful error.
toml_wbg="$(trunk_tool_version wasm_bindgen)"
[ "$toml_wbg" = "$WBG_VERSION" ] ||
  die "Trunk.toml [tools] wasm_bindgen = \"$toml_wbg\" but Cargo.lock has wasm-bindgen $WBG_VERSION: set it to \"$WBG_VERSION\"."
wasm_opt_version="version_$(node_modules/.bin/wasm-opt --version | awk '{ print $3 }')"
toml_wasm_opt="$(trunk_tool_version wasm_opt)"
[ "$toml_wasm_opt" = "$wasm_opt_version" ] ||
  die "Trunk.toml [tools] wasm_opt = \"$toml_wasm_opt\" but node_modules/.bin/wasm-opt is $wasm_opt_version: make them equal."

# 5. Crates (Trunk runs cargo with --offline) -------------------------------------
# A no-op cargo fetch takes ~0.1 s, so always run it (no stamp to go stale).
say "check crates (cargo fetch)"
cargo fetch --quiet

# 6. Headless browser (only with --browser) ---------------------------------------
if [ "$WANT_BROWSER" = 1 ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "skip  chromium + chromedriver (installed: $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'))"
  else
    need apt-get "Chromium is installed from Debian packages; install chromium and chromium-driver yourself on this system."
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
      need sudo "apt-get needs root: run 'apt-get install chromium chromium-driver' as root."
      SUDO="sudo"
    fi
    say "install chromium + chromium-driver (apt-get, ~1 minute)"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi

say "ready"
