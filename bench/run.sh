#!/usr/bin/env bash
# Catalog benchmark: seeds 100k products on SQLite, measures seeding time, cold start, then runs
# wrk against /health and the catalog (cached and uncached), interleaved over several rounds,
# and reports medians and ratios to /health measured in the same run, plus RSS.
# Usage: bench/run.sh   (env: PRODUCTS=100000 ROUNDS=3 DURATION=8 CONNECTIONS=64 THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/moderno
PRODUCTS="${PRODUCTS:-100000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-8}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
work="$(mktemp -d /tmp/moderno-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median

echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r)"
echo "# moderno $($bin --version | cut -d' ' -f2), products: demo + $PRODUCTS, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds"

$bin migrate --data-dir "$work/data" >/dev/null
t0=$(now_ms)
$bin seed --demo --data-dir "$work/data" >/dev/null
t1=$(now_ms)
$bin seed --products "$PRODUCTS" --data-dir "$work/data" >/dev/null
t2=$(now_ms)
echo "seed demo: $((t1 - t0)) ms; seed $PRODUCTS products: $((t2 - t1)) ms"

start_server() {  # start_server NAME [ENV=VAL...]: prints "pid port cold_start_ms"
  local name="$1"; shift
  local port; port=$(free_port)
  local s; s=$(now_ms)
  env LOG_LEVEL=warn RATE_LIMIT_GENERAL=off "$@" $bin serve --data-dir "$work/data" --port "$port" >"$work/$name.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.002; done
  echo "$pid $port $(( $(now_ms) - s ))"
}

read -r pid port cold <<<"$(start_server cached)"; pids+=("$pid")
read -r pid_nc port_nc cold_nc <<<"$(start_server uncached CACHE_TTL_SECONDS=0)"; pids+=("$pid_nc")
echo "cold start (process start to first 200 on /health): ${cold} ms and ${cold_nc} ms"

# The category with the most products, and a product slug, from the API itself.
cat_slug=$(curl -fs "http://127.0.0.1:$port/api/v1/categories" | /usr/bin/python3 -c '
import json,sys
best=None
def walk(cs):
    global best
    for c in cs:
        if best is None or c["product_count"]>best["product_count"]: best=c
        walk(c["children"])
walk(json.load(sys.stdin)["data"]); print(best["slug"])')
total=$(curl -fs "http://127.0.0.1:$port/api/v1/products?category=$cat_slug&limit=20" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["pagination"]["pages"])')
deep=$(( total * 3 / 4 ))
slug=$(curl -fs "http://127.0.0.1:$port/api/v1/products?limit=1&sort=popularity" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')

declare -A targets=(
  [health]="/health"
  [list_p1]="/api/v1/products?category=$cat_slug&sort=price_asc&page=1&limit=20"
  [list_deep]="/api/v1/products?category=$cat_slug&sort=price_asc&page=$deep&limit=20"
  [detail]="/api/v1/products/$slug"
)
order=(health list_p1 list_deep detail)
echo "targets: category=$cat_slug (pages: $total, deep page $deep), product=$slug"

run_wrk() {  # run_wrk PORT PATH -> "rps p99_ms"
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$1$2")
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ -n "$non2xx" ] && echo "warning: $non2xx non-2xx responses on $2" >&2
  echo "$rps $(to_ms "$p99")"
}

declare -A rps_all p99_all
for round in $(seq 1 "$ROUNDS"); do
  for name in "${order[@]}"; do
    read -r rps p99 <<<"$(run_wrk "$port" "${targets[$name]}")"
    rps_all[$name]+="$rps "; p99_all[$name]+="$p99 "
  done
  for name in list_p1 list_deep detail; do
    read -r rps p99 <<<"$(run_wrk "$port_nc" "${targets[$name]}")"
    rps_all[${name}_nc]+="$rps "; p99_all[${name}_nc]+="$p99 "
  done
  echo "round $round done" >&2
done

h=$(median "${rps_all[health]}")
printf '\n| endpoint | server | req/s (median) | ratio to /health | p99 ms (median) |\n|---|---|---|---|---|\n'
for name in health list_p1 list_deep detail list_p1_nc list_deep_nc detail_nc; do
  r=$(median "${rps_all[$name]}"); p=$(median "${p99_all[$name]}")
  server=cached; [[ $name == *_nc ]] && server="uncached (CACHE_TTL_SECONDS=0)"
  printf '| %s | %s | %.0f | %.2f | %.2f |\n' "${name%_nc}" "$server" "$r" "$(awk -v a="$r" -v b="$h" 'BEGIN{print a/b}')" "$p"
done
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
hwm() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
echo
echo "RSS after the runs: cached server $(rss "$pid") MiB (peak $(hwm "$pid") MiB), uncached server $(rss "$pid_nc") MiB (peak $(hwm "$pid_nc") MiB)"
