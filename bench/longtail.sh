#!/usr/bin/env bash
# Long-tail benchmark (issue 16): traffic as shoppers and crawlers make it, spread over the whole
# catalog so the response cache rarely sees a URL twice. Seeds the demo store plus PRODUCTS
# products on SQLite and runs wrk against one node with and without the catalog read model
# (CATALOG_READ_MODEL=on|off, the same binary), interleaved over ROUNDS rounds:
#   /health                      the baseline, measured in the same rounds
#   mix     40% product details (any product), 30% category pages (any category, a random
#           page over its whole depth, a random sort, a filter half the time), 20% searches of
#           one or two words from product names, 10% autocomplete prefixes of those words
#   details / categories / search / suggest   each part alone, for p50 and p99 per class
#   search and suggest again on a third node without a response cache (CACHE_TTL_SECONDS=0)
# then the mix again while a second node on the same database takes 5 stock changes and 1
# product edit a second (WRITES=0 skips it). Prints medians, p50/p99 and the ratio to /health
# of the same round, and each server's RSS.
# Usage: bench/longtail.sh  (env: BIN=./build/moderno PRODUCTS=100000 ROUNDS=3 DURATION=6
#                            CONNECTIONS=64 THREADS=2 WRITES=1)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(readlink -f "${BIN:-./build/moderno}")"
PRODUCTS="${PRODUCTS:-100000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-6}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WRITES="${WRITES:-1}"
work="$(mktemp -d /tmp/moderno-longtail.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r)"
echo "# moderno $($bin --version | cut -d' ' -f2), products: demo + $PRODUCTS, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds"

data="$work/data"
$bin migrate --data-dir "$data" >/dev/null
t0=$(now_ms)
$bin seed --demo --data-dir "$data" >/dev/null
$bin seed --products "$PRODUCTS" --data-dir "$data" >/dev/null
echo "seed demo + $PRODUCTS products: $(( $(now_ms) - t0 )) ms"
t0=$(now_ms)
$bin reindex --data-dir "$data" >/dev/null
echo "search index: $(( $(now_ms) - t0 )) ms"
$bin create-admin --email bench@moderno.test --password 'Bench-Clave-2026!' --data-dir "$data" >/dev/null

# Each node keeps its own search index (a copy of the one just built) on the shared database.
start_server() {  # start_server NAME [ENV=VAL...]: prints "pid port"
  local name="$1"; shift
  local dir="$work/$name" port; port=$(free_port)
  mkdir -p "$dir"; cp -a "$data/search" "$dir/search"; cp -a "$data/secrets" "$dir/secrets" 2>/dev/null || true
  local t0; t0=$(now_ms)
  env LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_SEARCH=off RATE_LIMIT_AUTH=off RATE_LIMIT_ADMIN=off "$@" \
    $bin serve --data-dir "$dir" --database-url "sqlite:$data/moderno.db" --port "$port" >"$work/$name.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/health/detailed" | grep -q '"index":"ready"'; do sleep 0.02; done
  if [[ " $* " != *"CATALOG_READ_MODEL=off"* ]]; then
    until curl -fs "http://127.0.0.1:$port/health/detailed" | grep -q '"current":true'; do sleep 0.02; done
    echo "$name: serving from the read model $(( $(now_ms) - t0 )) ms after start" >&2
  fi
  echo "$pid $port"
}
read -r pid_on port_on <<<"$(start_server model)"; pids+=("$pid_on")
read -r pid_off port_off <<<"$(start_server sql CATALOG_READ_MODEL=off)"; pids+=("$pid_off")
# Search with no response cache at all (each answer computed): the engine's own rate.
read -r pid_nc port_nc <<<"$(start_server uncached CACHE_TTL_SECONDS=0)"; pids+=("$pid_nc")

# The URL lists, from the database: every product, every category with its size, name words.
/usr/bin/python3 - "$work" "$data/moderno.db" <<'PY'
import sys, sqlite3, random, re, urllib.parse
work, db = sys.argv[1], sys.argv[2]
random.seed(16)
con = sqlite3.connect(db)
ids = [r[0] for r in con.execute("SELECT id FROM products WHERE is_active = 1 AND deleted_at IS NULL")]
cats = {}
for cid, slug, parent in con.execute("SELECT id, slug, parent_id FROM categories WHERE is_active = 1"):
    cats[cid] = (slug, parent)
own = dict(con.execute("SELECT category_id, COUNT(*) FROM products WHERE is_active = 1 AND deleted_at IS NULL GROUP BY category_id"))
size = {c: own.get(c, 0) for c in cats}
for c in cats:  # add to every ancestor: a category page lists its descendants too
    p = cats[c][1]
    while p in cats:
        size[p] += own.get(c, 0); p = cats[p][1]
brands = [r[0] for r in con.execute("SELECT slug FROM brands WHERE is_active = 1")]
words = set()
for (name,) in con.execute("SELECT name FROM products ORDER BY RANDOM() LIMIT 5000"):
    words.update(w.lower() for w in re.findall(r"[A-Za-zÁÉÍÓÚÑáéíóúñ]{4,}", name))
words = sorted(words)
sorts = ["newest", "price_asc", "price_desc", "name", "rating", "popularity"]
def category():
    c = random.choice([c for c in cats if size[c] > 0])
    q = {"category": cats[c][0], "sort": random.choice(sorts), "limit": 20}
    q["page"] = random.randint(1, max(1, size[c] // 20))
    r = random.random()
    if r < 0.15: q["in_stock"] = "true"
    elif r < 0.30: q["brand"] = random.choice(brands)
    elif r < 0.45: q["price_min"], q["price_max"] = 10000, random.choice([50000, 100000, 500000])
    return "/api/v1/products?" + urllib.parse.urlencode(q)
def search():
    q = " ".join(random.sample(words, random.choice([1, 1, 2])))
    return "/api/v1/search/products?" + urllib.parse.urlencode({"q": q})
def suggest():
    w = random.choice(words)
    return "/api/v1/search/suggestions?" + urllib.parse.urlencode({"q": w[:random.randint(2, min(6, len(w)))]})
def detail():
    return f"/api/v1/products/{random.choice(ids)}"
parts = {"details": [detail() for _ in range(20000)], "categories": [category() for _ in range(20000)],
         "search": [search() for _ in range(20000)], "suggest": [suggest() for _ in range(20000)]}
mix = parts["details"][:8000] + parts["categories"][:6000] + parts["search"][:4000] + parts["suggest"][:2000]
random.shuffle(mix)
parts["mix"] = mix
for name, paths in parts.items():
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("paths = {\n" + ",\n".join('"%s"' % p.replace('"', '\\"') for p in paths) + "\n}\n")
        f.write("math.randomseed(os.time())\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n")
print(f"lists: {len(ids)} products, {len(cats)} categories, {len(words)} name words", file=sys.stderr)
PY

run_wrk() {  # run_wrk PORT (PATH | @SCRIPT) -> "rps p50_ms p99_ms"
  local port="$1" target="$2" out
  if [[ $target == @* ]]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/${target#@}.lua" "http://127.0.0.1:$port")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port$target")
  fi
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ -n "$non2xx" ] && echo "warning: $non2xx non-2xx responses on $target" >&2
  echo "$(awk '/^Requests\/sec/ {print $2}' <<<"$out") $(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")") $(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
}

# A second node takes the writes: 5 stock changes and 1 product edit a second, on products all
# over the catalog, through the staff API.
writer_pid=""
start_writes() {
  read -r wpid wport <<<"$(start_server writer)"; pids+=("$wpid")
  /usr/bin/python3 - "$wport" "$data/moderno.db" <<'PY' &
import sys, json, time, random, sqlite3, urllib.request, urllib.error
port, db = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/api/v1"
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")
token = call("POST", "/auth/login", {"email": "bench@moderno.test", "password": "Bench-Clave-2026!"})["access_token"]
con = sqlite3.connect(db)
stock = con.execute("SELECT p.sku, w.code, p.id FROM inventory i JOIN products p ON p.id = i.product_id JOIN warehouses w ON w.id = i.warehouse_id WHERE i.variant_id IS NULL ORDER BY RANDOM() LIMIT 5000").fetchall()
con.close()
failures = 0
def write(method, path, body):
    global failures
    try:
        call(method, path, body, token)
    except urllib.error.HTTPError as e:
        failures += 1
        if failures <= 3: print(f"write {method} {path}: {e.code} {e.read()[:300]!r}", file=sys.stderr)
while True:
    t = time.time()
    for sku, wh, _ in random.sample(stock, 5):
        write("PUT", f"/inventory/{sku}/{wh}", {"quantity": random.randint(0, 50)})
    _, _, pid = random.choice(stock)
    price = random.randint(50, 5000) * 100  # with a compare price above it, as the API requires
    write("PUT", f"/products/{pid}", {"price": price, "compare_price": price * 2})
    time.sleep(max(0, 1 - (time.time() - t)))
PY
  writer_pid=$!; pids+=("$writer_pid")
  sleep 2
}

# Warm: each list once per server (steady state; most long-tail URLs stay misses anyway).
for p in "$port_on" "$port_off"; do run_wrk "$p" @mix >/dev/null; done
run_wrk "$port_nc" @search >/dev/null

declare -A res
run_rounds() {  # run_rounds LABEL "NAME PORT TARGET"...
  local label="$1"; shift
  for round in $(seq 1 "$ROUNDS"); do
    for spec in "$@"; do
      read -r name p target <<<"$spec"
      read -r rps p50 p99 <<<"$(run_wrk "$p" "$target")"
      res["$label $name rps"]+="$rps "; res["$label $name p50"]+="$p50 "; res["$label $name p99"]+="$p99 "
      echo "round $round $label $name: $rps req/s, p50 $p50 ms, p99 $p99 ms" >&2
    done
  done
}
classes=(details categories search suggest)
specs=("health-model $port_on /health" "health-sql $port_off /health"
       "mix-model $port_on @mix" "mix-sql $port_off @mix")
for c in "${classes[@]}"; do specs+=("$c-model $port_on @$c" "$c-sql $port_off @$c"); done
specs+=("uncached-search $port_nc @search" "uncached-suggest $port_nc @suggest")
run_rounds quiet "${specs[@]}"
rss_on=$(rss_mb "$pid_on"); rss_off=$(rss_mb "$pid_off")
if [ "$WRITES" != 0 ]; then
  start_writes
  wspecs=("health-model $port_on /health" "health-sql $port_off /health"
          "mix-model $port_on @mix" "mix-sql $port_off @mix" "categories-model $port_on @categories" "categories-sql $port_off @categories")
  run_rounds writes "${wspecs[@]}"
fi

report() {  # report LABEL NAMES...
  local label="$1"; shift
  echo
  echo "## $label (medians of $ROUNDS rounds)"
  echo "| part | read model req/s | ratio to /health | p50 ms | p99 ms | SQL req/s | ratio to /health | p50 ms | p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|"
  local h_on h_off; h_on=$(median "${res["$label health-model rps"]}"); h_off=$(median "${res["$label health-sql rps"]}")
  for n in "$@"; do
    local on off
    on=$(median "${res["$label $n-model rps"]}"); off=$(median "${res["$label $n-sql rps"]}")
    printf "| %s | %.0f | %.3f | %s | %s | %.0f | %.3f | %s | %s |\n" "$n" "$on" "$(awk -v a="$on" -v b="$h_on" 'BEGIN{print a/b}')" \
      "$(median "${res["$label $n-model p50"]}")" "$(median "${res["$label $n-model p99"]}")" \
      "$off" "$(awk -v a="$off" -v b="$h_off" 'BEGIN{print a/b}')" \
      "$(median "${res["$label $n-sql p50"]}")" "$(median "${res["$label $n-sql p99"]}")"
  done
}
report quiet health mix "${classes[@]}"
echo "RSS after the quiet rounds: read model $rss_on MB, SQL $rss_off MB"
h_q=$(median "${res["quiet health-model rps"]}")
for n in search suggest; do
  r=$(median "${res["quiet uncached-$n rps"]}")
  printf "%s without a response cache (CACHE_TTL_SECONDS=0): %.0f req/s (%.3f of /health), p50 %s ms, p99 %s ms\n" "$n" "$r" \
    "$(awk -v a="$r" -v b="$h_q" 'BEGIN{print a/b}')" "$(median "${res["quiet uncached-$n p50"]}")" "$(median "${res["quiet uncached-$n p99"]}")"
done
[ "$WRITES" != 0 ] && report writes health mix categories
curl -fs "http://127.0.0.1:$port_on/health/detailed" | /usr/bin/python3 -c 'import json,sys; print("read model:", json.load(sys.stdin)["checks"]["catalog_read_model"])'
