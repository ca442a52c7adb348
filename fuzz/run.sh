#!/usr/bin/env bash
# Runs every cargo-fuzz target of the signing core for a bounded time.
#
#   fuzz/run.sh [seconds-per-target]      (default 60; ./build.sh fuzz calls this)
#
# Environment: FUZZ_SANITIZER=none|address (default none), FUZZ_TARGETS="a b" (default all),
# FUZZ_JOBS=N (parallel fuzzing processes per target, default 1).
#
# Only a stable toolchain is needed: cargo-fuzz passes -Zsanitizer / -Cpasses flags, which
# RUSTC_BOOTSTRAP=1 unlocks on stable (AddressSanitizer works too). No sanitizer by default:
# the core is #![deny(unsafe_code)], so ASan has little to find, and without it a bounded run
# makes 3-5x more executions (overflow checks and debug assertions stay on either way). Corpora stay in fuzz/corpus/ (not in git), crashes
# land in fuzz/artifacts/<target>/; the exit status is non-zero when any target crashed.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-60}
SANITIZER=${FUZZ_SANITIZER:-none}
JOBS=${FUZZ_JOBS:-1}
CARGO_FUZZ_VERSION=0.13.2
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\b"; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION (from crates.io)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

targets=${FUZZ_TARGETS:-$(cargo fuzz list)}
echo "== building ($SANITIZER sanitizer)"
cargo fuzz build --sanitizer "$SANITIZER"

failed=()
for t in $targets; do
  echo "== fuzzing $t for ${SECONDS_PER_TARGET}s"
  log=$(mktemp)
  # -print_final_stats: executions and coverage at the end; -max_len: params lists of a few
  # dozen pairs, without spending time on megabyte inputs (tests/large_inputs.rs covers those).
  if cargo fuzz run --sanitizer "$SANITIZER" --jobs "$JOBS" "$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" || tail -3 "$log"
  else
    tail -40 "$log"
    failed+=("$t")
  fi
  rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== crashed: ${failed[*]} (inputs in fuzz/artifacts/; reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>)" >&2
  exit 1
fi
echo "== all targets ran clean"
