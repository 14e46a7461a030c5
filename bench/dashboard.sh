#!/usr/bin/env bash
# Dashboard benchmark: a year of orders (ORDERS, default 100k, over 365 days, 1000 customers,
# one line each over 500 demo products; some pending, cancelled and delivered) inserted with
# direct SQL, then `moderno rebuild-rollups`, then wrk against GET /api/v1/admin/dashboard
# (period=30d, signed in as an admin) and /health, interleaved for ROUNDS rounds. Reports the
# medians of req/s and p99, and the single-request time of each period measured with curl.
# The dashboard reads only the daily rollups, so its cost does not grow with the orders table.
# Usage: bench/dashboard.sh
#   env: BIN=./build/moderno BACKENDS="sqlite mariadb" ORDERS=100000 ROUNDS=3 DURATION=8
#        CONNECTIONS=16 THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-./build/moderno}"
BACKENDS="${BACKENDS:-sqlite mariadb}"
ORDERS="${ORDERS:-100000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-8}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
PASSWORD='Bench#2026x'
MYSQL_DB=moderno_bench

work="$(mktemp -d /tmp/moderno-dashboard.XXXXXX)"
pids=()
mdir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$mdir" ]; then scripts/mariadb.sh stop "$mdir" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median

echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# moderno $("$BIN" --version | cut -d' ' -f2) ($BIN), tree at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# $ORDERS orders over 365 days; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds"

backend=""; data=""; url=""
run_bin() { if [ "$backend" = mariadb ]; then DATABASE_URL="$url" "$BIN" "$@"; else env -u DATABASE_URL "$BIN" "$@"; fi; }
sql() {
  if [ "$backend" = mariadb ]; then
    # Generated rows come from recursive CTEs, longer than MariaDB's default 1000 iterations.
    mariadb --no-defaults --socket="$mdir/sock" -uroot -N -B "$MYSQL_DB" \
      -e "SET SESSION max_recursive_iterations = 10000000; $1"
  else
    sqlite3 -batch -noheader -separator $'\t' -cmd '.timeout 5000' "$data/moderno.db" "$1"
  fi
}

results=()
declare -A rps_all p99_all health_all single_all
for backend in $BACKENDS; do
  data="$work/$backend/data"; mkdir -p "$data"
  if [ "$backend" = mariadb ]; then
    mdir="$work/mariadb/server"
    root_url=$(scripts/mariadb.sh start "$mdir")
    mariadb --no-defaults --socket="$mdir/sock" -uroot \
      -e "CREATE DATABASE $MYSQL_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    url="${root_url%/*}/$MYSQL_DB"
    ts() { echo "DATE_SUB(UTC_TIMESTAMP(), INTERVAL ($1) SECOND)"; }
  else
    url=""
    ts() { echo "datetime('now', '-' || ($1) || ' seconds')"; }
  fi
  run_bin migrate --data-dir "$data" >/dev/null
  run_bin seed --demo --data-dir "$data" >/dev/null
  t0=$(now_ms)
  if [ "$backend" = mariadb ]; then
    email="CONCAT('cliente', i, '@bench.test')"; number="CONCAT('BENCH-', i)"
  else
    email="'cliente' || i || '@bench.test'"; number="'BENCH-' || i"
  fi
  # Customers, then orders spread over the last 365 days (i seconds apart, ~315 s per order).
  sql "INSERT INTO users (email, password_hash, name, role, email_verified, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
       SELECT $email, 'x', 'Cliente', 'customer', 1, $(ts "i * 31536"), $(ts "i * 31536") FROM n"
  first_user=$(sql "SELECT MIN(id) FROM users WHERE email LIKE 'cliente%@bench.test'")
  span=$(( 31536000 / ORDERS ))
  sql "INSERT INTO orders (order_number, user_id, status, payment_status, payment_method, currency, subtotal,
         total_amount, shipping_method, shipping_region, shipping_address, created_at, updated_at, paid_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ORDERS)
       SELECT $number, $first_user + (i % 1000),
         CASE WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 17 = 0 THEN 'pending' WHEN i % 3 = 0 THEN 'delivered' ELSE 'confirmed' END,
         CASE WHEN i % 20 = 0 OR i % 17 = 0 THEN 'pending' ELSE 'paid' END,
         CASE WHEN i % 4 = 0 THEN 'cod' ELSE 'manual' END, 'CLP', 0, 0, 'standard', 'CL-RM', 'x',
         $(ts "i * $span"), $(ts "i * $span"),
         CASE WHEN i % 20 = 0 OR i % 17 = 0 THEN NULL ELSE $(ts "i * $span - 3600") END
       FROM n"
  first_product=$(sql "SELECT MIN(id) FROM products")
  sql "INSERT INTO order_items (order_id, product_id, sku, name, unit_price, quantity, line_total)
       SELECT o.id, p.id, p.sku, p.name, p.price, 1 + (o.id % 3), p.price * (1 + (o.id % 3))
       FROM orders o JOIN products p ON p.id = $first_product + (o.id % 500)"
  sql "UPDATE orders SET subtotal = (SELECT SUM(line_total) FROM order_items WHERE order_id = orders.id),
         total_amount = (SELECT SUM(line_total) FROM order_items WHERE order_id = orders.id)"
  t1=$(now_ms)
  rebuild=$(run_bin rebuild-rollups --data-dir "$data")
  t2=$(now_ms)
  echo "## $backend: $(sql "SELECT COUNT(*) FROM orders") orders inserted in $((t1 - t0)) ms; $rebuild in $((t2 - t1)) ms"
  run_bin create-admin --email admin@bench.test --password "$PASSWORD" --data-dir "$data" >/dev/null

  port=$(free_port)
  env -u DATABASE_URL LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_AUTH=off RATE_LIMIT_ADMIN=off ${url:+DATABASE_URL=$url} \
    "$BIN" serve --data-dir "$data" --port "$port" >"$work/$backend.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 500); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.02; done
  base="http://127.0.0.1:$port"
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"admin@bench.test\",\"password\":\"$PASSWORD\"}" \
    "$base/api/v1/auth/login" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  for period in today 7d 30d; do  # one request at a time: the latency a manager sees
    times=""
    for _ in $(seq 1 20); do
      times+="$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base/api/v1/admin/dashboard?period=$period" | awk '{print $1 * 1000}') "
    done
    single_all[$backend.$period]=$(median "$times")
    echo "$backend single request period=$period: median $(median "$times") ms over 20"
  done
  curl -fs -H "Authorization: Bearer $token" "$base/api/v1/admin/dashboard" | head -c 400; echo
  for round in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base/health")
    health_all[$backend]+="$(awk '/^Requests\/sec/ {print $2}' <<<"$out") "
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" \
      "$base/api/v1/admin/dashboard?period=30d")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out"); p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
    rps_all[$backend]+="$rps "; p99_all[$backend]+="$p99 "
    echo "$backend round $round: dashboard $rps req/s, p99 $p99 ms${non2xx:+, non-2xx: $non2xx}"
  done
  results+=("$backend")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$backend" = mariadb ]; then scripts/mariadb.sh stop "$mdir"; mdir=""; fi
done

printf '\n| backend | dashboard req/s (median) | p99 ms (median) | /health req/s (median) | single request today / 7d / 30d (median ms) |\n|---|---|---|---|---|\n'
for b in "${results[@]}"; do
  printf '| %s | %.0f | %.2f | %.0f | %s / %s / %s |\n' "$b" "$(median "${rps_all[$b]}")" "$(median "${p99_all[$b]}")" \
    "$(median "${health_all[$b]}")" "${single_all[$b.today]}" "${single_all[$b.7d]}" "${single_all[$b.30d]}"
done
