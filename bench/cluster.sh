#!/usr/bin/env bash
# Cluster benchmark (issue 17): the shop on a MariaDB primary + replica with Redis
# (scripts/cluster.sh), with 1 and with 3 nodes behind nginx, against one node of the same
# cluster served directly. For each cluster, ROUNDS rounds, each running one after the other on
# the node directly and through nginx:
#   /health                 the baseline
#   catalog                 60% product pages over every visible product, 40% category pages
#                           (any category, a random page over its whole depth, a random sort)
#   checkout                CUSTOMERS signed-in buyers, one unit of one of HOT products a request
#                           (payment manual), each hot product holding STOCK units
# Reports medians of req/s (orders/s for checkout) and p99, and nginx's overhead as the ratio
# "through nginx / direct" of the same round. After the rounds it checks what must hold: no 5xx
# anywhere, the stock invariant of every hot product (bench/lib.sh), and the orders written equal
# the 201s wrk saw (plus at most one request in flight per connection when wrk stops). Exits 1
# when a check fails. Everything shares the machine's cores (2 here): this measures the proxy's
# cost and that nothing breaks, not scaling.
# Usage: bench/cluster.sh
#   env: BIN=./build/moderno NODE_COUNTS="1 3" PRODUCTS=5000 ROUNDS=3 DURATION=8 CONNECTIONS=32
#        THREADS=2 CUSTOMERS=16 HOT=10 STOCK=1000000
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh  # free_port, now_ms, to_ms, median, write_checkout_lua, set_hot_stock, stock_invariant
BIN="$(readlink -f "${BIN:-./build/moderno}")"
NODE_COUNTS="${NODE_COUNTS:-1 3}"
PRODUCTS="${PRODUCTS:-5000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-8}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
CUSTOMERS="${CUSTOMERS:-16}"
HOT="${HOT:-10}"
STOCK="${STOCK:-1000000}"
PASSWORD='Bench#2026x'
export RATE_LIMIT_GENERAL=off RATE_LIMIT_AUTH=off RATE_LIMIT_SEARCH=off RATE_LIMIT_ADMIN=off LOG_LEVEL=warn

work="$(mktemp -d /tmp/moderno-cluster-bench.XXXXXX)"
cluster=""
cleanup() {
  if [ -n "$cluster" ]; then MODERNO_BIN="$BIN" scripts/cluster.sh down "$cluster" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db_port=""
sql() { mariadb --no-defaults -h127.0.0.1 -P"$db_port" -umoderno -pmoderno -N -B moderno -e "$1"; }

# wrk_run BASE [SCRIPT]: prints "rps p99_ms non2xx 5xx_or_socket_errors ok201"
wrk_run() {
  local base="$1" script="${2:-}" out
  if [ -n "$script" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$base")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base/health")
  fi
  local rps p99 non2xx errors ok5xx ok
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' <<<"$out"); errors=${errors:-0}
  ok5xx=$(awk '$1=="status" && $2 ~ /^5/ {s += $3} END {print s + 0}' <<<"$out")
  ok=$(awk '$1=="status" && $2=="201" {print $3}' <<<"$out"); ok=${ok:-0}
  if [ -n "$script" ] && [[ $script == *checkout* ]]; then
    local secs; secs=$(to_ms "$(awk '/requests in/ {print $4}' <<<"$out" | tr -d ,)")
    rps=$(awk -v n="$ok" -v ms="$secs" 'BEGIN {printf "%.1f", n * 1000 / ms}')
  fi
  echo "$rps $p99 $non2xx $(( errors + ok5xx )) $ok"
}

# The catalog mix's URLs, from the database: every visible product, every category with its size.
write_catalog_lua() {
  local file="$1"
  sql "SELECT id FROM products WHERE is_active = 1 AND deleted_at IS NULL" >"$work/ids"
  sql "SELECT c.slug, c.id, COALESCE(c.parent_id, 0), (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id
         AND p.is_active = 1 AND p.deleted_at IS NULL) FROM categories c WHERE c.is_active = 1" >"$work/cats"
  /usr/bin/python3 - "$work/ids" "$work/cats" "$file" <<'PY'
import sys, random, urllib.parse
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
cats = {}
for line in open(sys.argv[2]):
    slug, cid, parent, own = line.rstrip("\n").split("\t")
    cats[int(cid)] = [slug, int(parent), int(own)]
size = {c: v[2] for c, v in cats.items()}
for c, (slug, parent, own) in cats.items():  # a category page lists its descendants too
    while parent in cats:
        size[parent] += own; parent = cats[parent][1]
random.seed(17)
sorts = ["newest", "price_asc", "price_desc", "name", "rating", "popularity"]
listed = [c for c in cats if size[c] > 0]
paths = []
for _ in range(20000):
    if random.random() < 0.6:
        paths.append(f"/api/v1/products/{random.choice(ids)}")
    else:
        c = random.choice(listed)
        q = {"category": cats[c][0], "sort": random.choice(sorts), "limit": 20, "page": random.randint(1, max(1, size[c] // 20))}
        paths.append("/api/v1/products?" + urllib.parse.urlencode(q))
with open(sys.argv[3], "w") as f:
    f.write("paths = {\n" + ",\n".join('"%s"' % p for p in paths) + "\n}\n")
    f.write("math.randomseed(os.time())\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n")
print(f"catalog mix: {len(ids)} products, {len(listed)} categories with products", file=sys.stderr)
PY
}

# wait_read_models N: every node's read model holds N visible products (the change log followed).
wait_read_models() {
  local want="$1" t0 u n
  t0=$(now_ms)
  for u in $NODE_URLS; do
    for _ in $(seq 1 1800); do
      n=$(curl -fs "$u/metrics" | awk '$1=="catalog_read_model_products" {print int($2)}')
      [ "${n:-0}" -ge "$want" ] && break
      sleep 0.1
    done
    [ "${n:-0}" -ge "$want" ] || { echo "node $u: read model at ${n:-0} of $want products" >&2; exit 1; }
  done
  echo "every node's read model holds $want products $(( $(now_ms) - t0 )) ms after seeding"
}

echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# moderno $("$BIN" --version | cut -d' ' -f2), tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nginx -v 2>&1 | cut -d/ -f2); mariadb $(mariadbd --version | awk '{print $3}')"
echo "# demo + $PRODUCTS products; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds; $CUSTOMERS buyers, $HOT hot products x $STOCK units"

declare -A rps p99
overall=0
summary=()
for n in $NODE_COUNTS; do
  cluster="$work/c$n"
  t0=$(now_ms)
  NODES="$n" MODERNO_BIN="$BIN" scripts/cluster.sh up "$cluster" >"$work/up$n.log" 2>&1 \
    || { cat "$work/up$n.log" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$cluster/cluster.env"
  db_port=$(sed -E 's|.*@[^:]+:([0-9]+)/.*|\1|' <<<"$DATABASE_URL")
  direct="${NODE_URLS%% *}"
  echo "## $n node(s): cluster up in $(( $(now_ms) - t0 )) ms; nginx $NGINX_URL, direct $direct"
  (cd "$cluster/node1" && DATABASE_URL="$DATABASE_URL" "$BIN" seed --products "$PRODUCTS" --data-dir "$cluster/node1" >/dev/null)
  wait_read_models "$(sql "SELECT COUNT(*) FROM products WHERE is_active = 1 AND deleted_at IS NULL")"
  set_hot_stock "$HOT" "$STOCK"
  buyer_tokens "$NGINX_URL" "$CUSTOMERS" "$PASSWORD"  # tokens
  write_checkout_lua "$work/checkout.lua" "$hot_csv" "${tokens[@]}"
  write_catalog_lua "$work/catalog.lua"

  last_id=$(sql "SELECT COALESCE(MAX(id), 0) FROM orders")
  ok_total=0 bad_total=0 inflight_ok=1
  for round in $(seq 1 "$ROUNDS"); do
    for via in direct nginx; do
      base="$direct"; [ "$via" = nginx ] && base="$NGINX_URL"
      line="$n nodes round $round $via:"
      for what in health catalog checkout; do
        script=""; [ "$what" != health ] && script="$work/$what.lua"
        before=$(sql "SELECT COUNT(*) FROM orders")
        read -r r p non2xx bad ok <<<"$(wrk_run "$base" "$script")"
        rps[$n.$via.$what]+="$r "; p99[$n.$via.$what]+="$p "
        if [ "$what" = checkout ]; then
          after=$(settled_orders)
          extra=$(( after - before - ok ))
          if [ "$extra" -lt 0 ] || [ "$extra" -gt "$CONNECTIONS" ]; then inflight_ok=0; fi
          ok_total=$(( ok_total + ok ))
        fi
        bad_total=$(( bad_total + bad + non2xx ))
        line+=" $what $r/s p99 ${p}ms"
        [ "$bad" != 0 ] && line+=" (5xx or socket errors: $bad)"
        [ "$non2xx" != 0 ] && line+=" (non-2xx: $non2xx)"
      done
      echo "$line"
    done
  done
  orders_written=$(( $(sql "SELECT COUNT(*) FROM orders WHERE id > $last_id") ))
  read -r invariant bad_rows units_total <<<"$(stock_invariant "$last_id")"
  [ "$units_total" -eq "$orders_written" ] || invariant=FAIL
  [ "$inflight_ok" -eq 1 ] || invariant=FAIL
  [ "$bad_total" -eq 0 ] || invariant=FAIL
  echo "$n nodes checks: $invariant (5xx, socket errors and non-2xx answers: $bad_total; inventory rows out of range: $bad_rows; units ordered $units_total in $orders_written orders; 201s seen by wrk $ok_total)"
  [ "$invariant" = PASS ] || overall=1
  summary+=("$n $invariant")
  MODERNO_BIN="$BIN" scripts/cluster.sh down "$cluster" >/dev/null 2>&1 || true
  cluster=""
done

printf '\n| nodes | served | /health req/s | catalog req/s | catalog p99 ms | checkout orders/s | checkout p99 ms | checks |\n|---|---|---|---|---|---|---|---|\n'
for s in "${summary[@]}"; do
  read -r n inv <<<"$s"
  for via in direct nginx; do
    printf '| %s | %s | %.0f | %.0f | %.2f | %.0f | %.2f | %s |\n' "$n" "$([ "$via" = direct ] && echo "node 1 directly" || echo "through nginx")" \
      "$(median "${rps[$n.$via.health]}")" "$(median "${rps[$n.$via.catalog]}")" "$(median "${p99[$n.$via.catalog]}")" \
      "$(median "${rps[$n.$via.checkout]}")" "$(median "${p99[$n.$via.checkout]}")" "$inv"
  done
  printf '| %s | nginx / direct | %.2f | %.2f | | %.2f | | |\n' "$n" \
    "$(awk -v a="$(median "${rps[$n.nginx.health]}")" -v b="$(median "${rps[$n.direct.health]}")" 'BEGIN{print a/b}')" \
    "$(awk -v a="$(median "${rps[$n.nginx.catalog]}")" -v b="$(median "${rps[$n.direct.catalog]}")" 'BEGIN{print a/b}')" \
    "$(awk -v a="$(median "${rps[$n.nginx.checkout]}")" -v b="$(median "${rps[$n.direct.checkout]}")" 'BEGIN{print a/b}')"
done
exit "$overall"
