#!/usr/bin/env bash
# Measures a contributor's first run: a clean clone of HEAD and a bare-machine
# stand-in (a fresh HOME and CARGO_HOME: no crates downloaded, no Trunk, no
# wasm-bindgen CLI, no npm cache; rustup's toolchains and Debian's Chromium are
# the machine's own), then times one README command in it:
#
#   scripts/first_run.sh serve   `make serve` until the app answers on its port
#   scripts/first_run.sh test    `make test` to the end
#
# Prints each output line with the seconds since the start, then one summary
# line (seconds, exit code, load average at start and end) for BENCHMARKS.md.
# Needs ~3 GB in $TMPDIR; removes what it made unless KEEP=1.
set -euo pipefail

what="${1:-}"
case "$what" in
  serve | test) ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/first-run.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"

# rustup's proxies (cargo, rustc, ...) are the only things taken from the real
# CARGO_HOME: what `make` installs goes to the fresh one.
real_cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
mkdir -p "$work/home/.cargo/bin"
for tool in cargo rustc rustup rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
  ln -s "$real_cargo_bin/$tool" "$work/home/.cargo/bin/$tool"
done
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export HOME="$work/home" CARGO_HOME="$work/home/.cargo"
node_dir="$(dirname "$(command -v node)")"
export PATH="$CARGO_HOME/bin:$node_dir:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
unset CARGO_TARGET_DIR
cd "$work/clone"

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start="$(load)"
start=$(date +%s)
stamp() { while IFS= read -r line; do printf '%5d %s\n' "$(($(date +%s) - start))" "$line"; done; }

if [ "$what" = test ]; then
  set +e
  make test 2>&1 | stamp
  rc=${PIPESTATUS[0]}
  set -e
else
  port=18080
  # Its own process group, so Trunk and cargo stop with it.
  setsid make serve PORT="$port" > >(stamp) 2>&1 &
  serve_pid=$!
  rc=1
  # Ready = the built page and its wasm are served (Trunk serves only after its
  # first build).
  while kill -0 "$serve_pid" 2>/dev/null; do
    if page="$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null)" &&
      wasm="$(grep -o 'retrain-playground-[0-9a-f]*_bg.wasm' <<<"$page" | head -n 1)" &&
      [ -n "$wasm" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/$wasm"; then
      rc=0
      break
    fi
    sleep 2
  done
  kill -- "-$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
fi
echo "first-run $what: $(($(date +%s) - start)) s, exit $rc, load $load_start at start, $(load) at end ($(nproc) cores)"
exit "$rc"
