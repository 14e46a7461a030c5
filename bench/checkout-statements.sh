#!/usr/bin/env bash
# What one checkout costs MariaDB, per binary: a throwaway MariaDB (scripts/mariadb.sh), the demo
# store, one buyer, 5 warm-up orders, then the SHOW GLOBAL STATUS deltas over N checkouts (payment
# `manual`, one unit of one product, background jobs off). Counts, not timings: repeatable on a
# noisy machine, and what a refactoring of the order flow must leave unchanged.
# Usage: bench/checkout-statements.sh BIN [BIN...]   env: N=100
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100}"
[ $# -ge 1 ] || { echo "usage: $0 BIN [BIN...]" >&2; exit 2; }
work=$(mktemp -d /tmp/moderno-statements.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; scripts/mariadb.sh stop "$work/srv" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
root=$(scripts/mariadb.sh start "$work/srv")
q() { mariadb --no-defaults --socket="$work/srv/sock" -uroot -N -B -e "$1"; }
status() {
  q "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_stmt_execute','Com_commit','Handler_update','Handler_write')" |
    awk '{printf "%s=%s ", $1, $2}'
}
printf '| binary | per checkout |\n|---|---|\n'
for bin in "$@"; do
  q "DROP DATABASE IF EXISTS stmt; CREATE DATABASE stmt CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  url="${root%/*}/stmt"
  rm -rf "$work/data"
  DATABASE_URL=$url "$bin" migrate --data-dir "$work/data" >/dev/null
  DATABASE_URL=$url "$bin" seed --demo --data-dir "$work/data" >/dev/null
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DATABASE_URL=$url LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_AUTH=off JOBS_WORKERS=0 \
    "$bin" serve --data-dir "$work/data" --port "$port" >/dev/null 2>&1 &
  pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 200); do curl -fs -o /dev/null "$base/health" && break; sleep 0.05; done
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"stmt@bench.test","password":"Bench#2026x","name":"Comprador"}' "$base/api/v1/auth/register"
  token=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"stmt@bench.test","password":"Bench#2026x"}' \
    "$base/api/v1/auth/login" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  product=$(q "SELECT p.id FROM stmt.products p WHERE p.is_active = 1 AND NOT EXISTS
               (SELECT 1 FROM stmt.product_variants v WHERE v.product_id = p.id) ORDER BY p.id LIMIT 1")
  q "UPDATE stmt.inventory SET quantity = 100000, reserved_quantity = 0 WHERE product_id = $product"
  body="{\"items\":[{\"product_id\":$product,\"quantity\":1}],\"shipping_address\":{\"street\":\"Av. Uno\",\"number\":\"1\",\"comuna\":\"Santiago\",\"city\":\"Santiago\",\"region\":\"RM\"},\"payment_method\":\"manual\"}"
  order() { curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$body" "$base/api/v1/orders"; }
  for _ in 1 2 3 4 5; do order; done
  before=$(status)
  for _ in $(seq 1 "$N"); do order; done
  after=$(status)
  per=$(awk -v n="$N" -v a="$before" -v b="$after" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    for (i in x) { split(x[i], p, "="); s[p[1]] = p[2] }
    for (i in y) { split(y[i], p, "="); if (p[1] != "") printf "%s %.1f, ", p[1], (p[2] - s[p[1]]) / n }
  }')
  echo "| $bin | ${per%, } |"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
