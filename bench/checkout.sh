#!/usr/bin/env bash
# Checkout benchmark: CUSTOMERS signed-in buyers place orders (POST /api/v1/orders, payment
# `manual`, one unit of one product per order) on a catalog of the demo store plus PRODUCTS
# generated products, rotating over HOT products without variants whose stock is set to STOCK
# units each (split evenly over the active warehouses). wrk runs the checkout and /health,
# interleaved, at each connection count for ROUNDS rounds; the medians of orders/s (201s per
# second) and p99 are reported, with the ratio to /health measured in the same run. After the
# runs the stock invariant is checked in the database: per hot product, no inventory row has
# reserved < 0 or reserved > quantity, available + units in non-cancelled orders = STOCK, the
# reserved units equal the ordered units, and the orders written match the 201s wrk counted
# (plus at most one request in flight per connection when wrk stops). Exits 1 if it fails. Each
# round also prints how many order-email jobs (run by the server's background worker on the same
# cores) are still waiting when wrk stops, to show whether the background work keeps up.
# Both backends: SQLite (the default database) and MariaDB (a throwaway server started with
# scripts/mariadb.sh, which runs with innodb_flush_log_at_trx_commit=2).
# Usage: bench/checkout.sh
#   env: BIN=./build/moderno BACKENDS="sqlite mariadb" PRODUCTS=100000 MARIADB_PRODUCTS=$PRODUCTS
#        SQLITE_SYNCHRONOUS=full|normal (the served SQLite's durability; unset: the server default)
#        ROUNDS=3 DURATION=10 CONNECTIONS="32 8" THREADS=2 CUSTOMERS=16 HOT=10 STOCK=1000000
#        (DB_POOL_SIZE, IO_THREADS and the like pass through to the server)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-./build/moderno}"
BACKENDS="${BACKENDS:-sqlite mariadb}"
PRODUCTS="${PRODUCTS:-100000}"
MARIADB_PRODUCTS="${MARIADB_PRODUCTS:-$PRODUCTS}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32 8}"
THREADS="${THREADS:-2}"
CUSTOMERS="${CUSTOMERS:-16}"
HOT="${HOT:-10}"
STOCK="${STOCK:-1000000}"
PASSWORD='Bench#2026x'
MYSQL_DB=moderno_bench

work="$(mktemp -d /tmp/moderno-checkout.XXXXXX)"
pids=()
mdir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$mdir" ]; then scripts/mariadb.sh stop "$mdir" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median

dirty=$(git status --porcelain -- server 2>/dev/null | wc -l)
echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# moderno $("$BIN" --version | cut -d' ' -f2) ($BIN, built $(date -r "$BIN" "+%F %H:%M")), tree at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ "$dirty" -gt 0 ] && echo " + $dirty uncommitted files under server/")"
echo "# $CUSTOMERS buyers, $HOT hot products x $STOCK units, wrk -t$THREADS -c{$CONNECTIONS} -d${DURATION}s x $ROUNDS rounds; DB_POOL_SIZE=${DB_POOL_SIZE:-default} IO_THREADS=${IO_THREADS:-default}"

backend=""
data=""
url=""
run_bin() {  # the moderno binary against the current backend's database
  if [ "$backend" = mariadb ]; then DATABASE_URL="$url" "$BIN" "$@"; else env -u DATABASE_URL "$BIN" "$@"; fi
}
sql() {  # sql QUERY: tab-separated rows, no header
  if [ "$backend" = mariadb ]; then
    mariadb --no-defaults --socket="$mdir/sock" -uroot -N -B "$MYSQL_DB" -e "$1"
  else
    sqlite3 -batch -noheader -separator $'\t' -cmd '.timeout 5000' "$data/moderno.db" "$1"
  fi
}

declare -A ops_all p99_all health_all other_all
overall=0
results=()

for backend in $BACKENDS; do
  data="$work/$backend/data"
  mkdir -p "$data"
  products="$PRODUCTS"
  if [ "$backend" = mariadb ]; then
    products="$MARIADB_PRODUCTS"
    mdir="$work/mariadb/server"
    root_url=$(scripts/mariadb.sh start "$mdir")
    mariadb --no-defaults --socket="$mdir/sock" -uroot \
      -e "CREATE DATABASE $MYSQL_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    url="${root_url%/*}/$MYSQL_DB"
    echo "## mariadb $(mariadbd --version | awk '{print $3}'), $url"
  elif [ "$backend" = sqlite ]; then
    url=""
    # SQLITE_SYNCHRONOUS=normal|full: the server's SQLite durability (default: the server's, FULL).
    [ -n "${SQLITE_SYNCHRONOUS:-}" ] && url="sqlite:$data/moderno.db?synchronous=$SQLITE_SYNCHRONOUS"
    echo "## sqlite $(sqlite3 --version | cut -d' ' -f1) (sqlite3 CLI), $data/moderno.db, synchronous=${SQLITE_SYNCHRONOUS:-full (server default)}"
  else
    echo "unknown backend $backend (sqlite or mariadb)" >&2; exit 2
  fi

  run_bin migrate --data-dir "$data" >/dev/null
  t0=$(now_ms)
  run_bin seed --demo --data-dir "$data" >/dev/null
  run_bin seed --products "$products" --data-dir "$data" >/dev/null
  echo "seed demo + $products products: $(( $(now_ms) - t0 )) ms"

  set_hot_stock "$HOT" "$STOCK"  # hot_csv, wh_csv, per_sku

  port=$(free_port)
  env -u DATABASE_URL LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_AUTH=off ${url:+DATABASE_URL=$url} \
    "$BIN" serve --data-dir "$data" --port "$port" >"$work/$backend.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 500); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.02; done
  base="http://127.0.0.1:$port"

  buyer_tokens "$base" "$CUSTOMERS" "$PASSWORD"  # tokens
  write_checkout_lua "$work/checkout.lua" "$hot_csv" "${tokens[@]}"

  orders_before_all=$(sql "SELECT COUNT(*) FROM orders")
  last_id=$(sql "SELECT COALESCE(MAX(id), 0) FROM orders")  # only orders of this run count
  ok_total=0
  inflight_max=0
  count_ok=1
  for round in $(seq 1 "$ROUNDS"); do
    for c in $CONNECTIONS; do
      out=$(wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --latency "$base/health")
      health_all[$backend.$c]+="$(awk '/^Requests\/sec/ {print $2}' <<<"$out") "
      before=$(sql "SELECT COUNT(*) FROM orders")
      out=$(wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --latency -s "$work/checkout.lua" "$base")
      # Requests still queued in the server when wrk stopped finish now: wait until the count is still.
      after=$(settled_orders)
      # Order emails are jobs run in the background on the same machine: how many wait now.
      mail_waiting=$(sql "SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND status IN ('queued', 'running')")
      secs=$(awk '/requests in/ {print $4}' <<<"$out" | tr -d ,)
      secs_ms=$(to_ms "$secs")
      ok=$(awk '$1=="status" && $2=="201" {print $3}' <<<"$out"); ok=${ok:-0}
      other=$(awk '$1=="status" && $2!="201" {s = s $2 "x" $3 " "} END {print s}' <<<"$out")
      sockerr=$(grep -o 'Socket errors:.*' <<<"$out" || true)
      p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
      ops=$(awk -v n="$ok" -v ms="$secs_ms" 'BEGIN {printf "%.1f", n * 1000 / ms}')
      ops_all[$backend.$c]+="$ops "; p99_all[$backend.$c]+="$p99 "
      [ -n "$other" ] && other_all[$backend.$c]+="$other"
      ok_total=$(( ok_total + ok ))
      extra=$(( after - before - ok ))  # orders committed for requests wrk stopped waiting for
      [ "$extra" -gt "$inflight_max" ] && inflight_max=$extra
      if [ "$extra" -lt 0 ] || [ "$extra" -gt "$c" ]; then count_ok=0; fi
      echo "$backend round $round c=$c: $ok orders in $secs ($ops/s), p99 $p99 ms, orders written $(( after - before )), email jobs waiting $mail_waiting${other:+, other statuses: $other}${sockerr:+, $sockerr}"
    done
  done

  # The stock invariant, per hot product.
  read -r invariant bad_rows units_total <<<"$(stock_invariant "$last_id")"
  orders_written=$(( $(sql "SELECT COUNT(*) FROM orders") - orders_before_all ))
  [ "$count_ok" -eq 1 ] || invariant=FAIL
  [ "$units_total" -eq "$orders_written" ] || invariant=FAIL
  echo "$backend invariant: $invariant (inventory rows out of range: $bad_rows; units ordered $units_total in $orders_written orders; 201s seen by wrk $ok_total; at most $inflight_max orders per run committed after wrk stopped waiting)"
  [ "$invariant" = PASS ] || overall=1
  for c in $CONNECTIONS; do results+=("$backend $c $invariant"); done

  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$backend" = mariadb ]; then scripts/mariadb.sh stop "$mdir"; mdir=""; fi
done

printf '\n| backend | connections | orders/s (median) | p99 ms (median) | /health req/s (median) | ratio to /health | non-201 responses | invariant |\n|---|---|---|---|---|---|---|---|\n'
for r in "${results[@]}"; do
  read -r b c inv <<<"$r"
  o=$(median "${ops_all[$b.$c]}"); p=$(median "${p99_all[$b.$c]}"); h=$(median "${health_all[$b.$c]}")
  printf '| %s | %s | %.0f | %.2f | %.0f | %.3f | %s | %s |\n' "$b" "$c" "$o" "$p" "$h" \
    "$(awk -v a="$o" -v b="$h" 'BEGIN{print a/b}')" "${other_all[$b.$c]:-0}" "$inv"
done
exit "$overall"
