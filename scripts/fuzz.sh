#!/usr/bin/env bash
# Runs libFuzzer harnesses of a fuzz build (make fuzz) for a bounded time each, one after the
# other, from a temporary copy of their seed corpus (server/fuzz/corpus/<name>/), so the
# repository is never written to. Fails at the first crash, leak, timeout or broken property;
# the input that did it is kept in BUILD_DIR/fuzz-artifacts/<name>/.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_EACH [name...]   (default: every server/fuzz/*_fuzz.cpp)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/server/fuzz/*_fuzz.cpp; do
    n="$(basename "$f")"
    names+=("${n%_fuzz.cpp}")
  done
fi

# Stack traces with function names and lines: the sanitizers need the symbolizer's path.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in /usr/lib/llvm-16/bin/llvm-symbolizer /usr/bin/llvm-symbolizer /usr/bin/llvm-symbolizer-14; do
    if [ -x "$s" ]; then export ASAN_SYMBOLIZER_PATH="$s"; break; fi
  done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in "${names[@]}"; do
  bin="$build/${name}_fuzz"
  seeds="$root/server/fuzz/corpus/$name"
  [ -x "$bin" ] || { echo "fuzz: $bin is not built" >&2; exit 1; }
  [ -d "$seeds" ] || { echo "fuzz: no seed corpus $seeds" >&2; exit 1; }
  mkdir -p "$work/$name" "$build/fuzz-artifacts/$name"
  cp "$seeds"/* "$work/$name/"
  start=$(date +%s)
  # -timeout: one input taking 10 s is a bug; -rss_limit_mb: so is 2 GB of memory.
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
       -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name/" \
       "$work/$name" >"$work/$name.log" 2>&1; then
    tail -n 60 "$work/$name.log" >&2
    echo "fuzz: $name FAILED; the input is in $build/fuzz-artifacts/$name/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
  cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -n 1 || true)
  echo "fuzz: $name ok: ${runs:-?} inputs in $(( $(date +%s) - start )) s, ${cov:-cov: ?}, corpus $(ls "$work/$name" | wc -l) files"
done
