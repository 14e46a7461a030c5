#!/usr/bin/env bash
# Search benchmark: seeds the demo store plus 100k products on SQLite, times a full `moderno
# reindex`, then runs wrk against /health, a mix of ~200 realistic product searches (with and
# without filters, sorts, synonyms, typos, SKUs) and a mix of autocomplete prefixes, on a server
# with the default cache and on one without it (CACHE_TTL_SECONDS=0), interleaved over several
# rounds. Then the cached mixes again while stock changes WRITES_PER_S times a second (0: skip).
# Reports medians, p99 and the ratio to /health measured in the same run.
# Usage: bench/search.sh   (env: BIN=./build/moderno PRODUCTS=100000 ROUNDS=3 DURATION=6
#                           CONNECTIONS=64 THREADS=2 REINDEX_ROUNDS=3 WRITES_PER_S=5)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${BIN:-./build/moderno}"
PRODUCTS="${PRODUCTS:-100000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-6}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
REINDEX_ROUNDS="${REINDEX_ROUNDS:-3}"
WRITES_PER_S="${WRITES_PER_S:-5}"
work="$(mktemp -d /tmp/moderno-search-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median

echo "# machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'), $(uname -r)"
echo "# moderno $($bin --version | cut -d' ' -f2), products: demo + $PRODUCTS, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds"

data="$work/data"
$bin migrate --data-dir "$data" >/dev/null
t0=$(now_ms)
$bin seed --demo --data-dir "$data" >/dev/null
$bin seed --products "$PRODUCTS" --data-dir "$data" >/dev/null
echo "seed demo + $PRODUCTS products: $(( $(now_ms) - t0 )) ms"

# Full reindex, repeated: each builds a new index directory and swaps it in.
reindex_ms=""
for r in $(seq 1 "$REINDEX_ROUNDS"); do
  s=$(now_ms)
  out=$($bin reindex --data-dir "$data")
  e=$(( $(now_ms) - s ))
  reindex_ms+="$e "
  echo "reindex $r: $e ms ($out)"
done
echo "reindex median: $(median "$reindex_ms") ms; index size: $(du -sh "$(readlink -f "$data/search/current")" | cut -f1)"

# The uncached server gets its own data dir (each node keeps its own index) on the same database.
data_nc="$work/data-nc"
mkdir -p "$data_nc"
cp -a "$data/search" "$data_nc/search"

start_server() {  # start_server NAME DATA_DIR [ENV=VAL...]: prints "pid port"
  local name="$1" dir="$2"; shift 2
  local port; port=$(free_port)
  env LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_SEARCH=off "$@" \
    $bin serve --data-dir "$dir" --database-url "sqlite:$data/moderno.db" --port "$port" >"$work/$name.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.01; done
  # Ready when the index is open (it exists already: no rebuild).
  until curl -fs "http://127.0.0.1:$port/health/detailed" | grep -q '"index":"ready"'; do sleep 0.05; done
  echo "$pid $port"
}
read -r pid port <<<"$(start_server cached "$data")"; pids+=("$pid")
read -r pid_nc port_nc <<<"$(start_server uncached "$data_nc" CACHE_TTL_SECONDS=0)"; pids+=("$pid_nc")

# ~200 realistic searches and ~100 autocomplete prefixes, as wrk Lua scripts that pick one
# request at random each time.
/usr/bin/python3 - "$work" <<'PY'
import sys, urllib.parse, random
work = sys.argv[1]
terms = ["zapatillas", "zapatillas running", "smartphone samsung", "iphone 15", "notebook lenovo",
         "audifonos bluetooth", "parlante jbl", "smart tv 55 pulgadas", "refrigerador no frost", "lavadora",
         "freidora de aire", "licuadora", "cafetera", "sofa", "silla de oficina", "escritorio", "lampara",
         "alfombra", "polera mujer", "jeans hombre", "parka", "chaqueta impermeable", "mochila",
         "reloj inteligente", "lentes de sol", "bicicleta", "casco", "carpa", "saco de dormir", "mancuernas",
         "mat de yoga", "shampoo", "protector solar", "labial", "lego", "barbie", "juego de mesa",
         "libro isabel allende", "cien años de soledad", "celular", "laptop", "tenis", "auriculares", "nevera",
         "smarphone", "zapatilas", "refrigerdor", "bicicelta", "SMA-00001", "BENCH-0000042", "samsung", "nike",
         "adidas", "xiaomi", "philips", "oster", "tramontina", "columbia", "doite", "sony"]
variants = ["", "&filters%5Bin_stock%5D=true", "&sort=price_asc", "&filters%5Bprice_max%5D=100000"]
categories = ["electronicos", "hogar", "moda", "deportes", "calzado", "smartphones", "notebooks", "cocina", "libros", "belleza"]
paths = []
for i, t in enumerate(terms):
    for j, v in enumerate(variants):
        if len(paths) >= 190: break
        paths.append("/api/v1/search/products?q=" + urllib.parse.quote(t) + v + ("&page=2" if (i + j) % 7 == 0 else ""))
for c in categories:  # faceted browsing: no text
    paths.append("/api/v1/search/products?filters%5Bcategory%5D=" + c + "&filters%5Bin_stock%5D=true")
prefixes = set()
for t in terms:
    w = t.split()[0].lower()
    for n in (2, 3, 4, 5):
        if len(w) >= n: prefixes.add(w[:n])
    if " " in t: prefixes.add(t[: t.index(" ") + 2])
suggest = ["/api/v1/search/suggestions?q=" + urllib.parse.quote(p) for p in sorted(prefixes)]
def lua(name, items):
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("local paths = {\n" + ",\n".join('  "%s"' % p for p in items) + "\n}\n")
        f.write("math.randomseed(os.time())\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n")
    print(f"{name}: {len(items)} distinct requests")
lua("search", paths)
lua("suggest", suggest)
PY

run_wrk() {  # run_wrk PORT (PATH | @SCRIPT) -> "rps p99_ms"
  local port="$1" target="$2" out
  if [[ $target == @* ]]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/${target#@}.lua" "http://127.0.0.1:$port")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port$target")
  fi
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ -n "$non2xx" ] && echo "warning: $non2xx non-2xx responses on $target" >&2
  echo "$rps $(to_ms "$p99")"
}

# Warm each cache once (the benchmark measures steady state, as the catalog's does).
run_wrk "$port" @search >/dev/null; run_wrk "$port" @suggest >/dev/null

declare -A rps_all p99_all
run_rounds() {  # run_rounds LABEL "NAME PORT TARGET"...: ROUNDS rounds of each, interleaved
  local label="$1"; shift
  for round in $(seq 1 "$ROUNDS"); do
    for spec in "$@"; do
      read -r name p target <<<"$spec"
      read -r rps p99 <<<"$(run_wrk "$p" "$target")"
      rps_all[$name]+="$rps "; p99_all[$name]+="$p99 "
    done
    echo "round $round$label done" >&2
  done
}
run_rounds "" "health $port /health" "search $port @search" "suggest $port @suggest" \
  "search_nc $port_nc @search" "suggest_nc $port_nc @suggest"

# The same cached mixes while another node changes stock WRITES_PER_S times a second (a stock
# UPDATE of a random inventory row plus its change-log row, as a checkout writes them): each
# change reaches the index within a second. A cached search answer fills stock in from the
# index's live table, so only a change that puts a product in or out of stock drops it.
if [ "$WRITES_PER_S" -gt 0 ]; then
  last_change() { sqlite3 -cmd '.timeout 5000' "$data/moderno.db" "SELECT COALESCE(MAX(id), 0) FROM search_changes"; }
  changes_before=$(last_change); t_writes=$(now_ms)
  (
    while true; do
      sqlite3 -cmd '.timeout 5000' "$data/moderno.db" \
        "BEGIN IMMEDIATE;
         CREATE TEMP TABLE pick AS SELECT id FROM inventory WHERE id >= 1 + abs(random()) % (SELECT MAX(id) FROM inventory)
           ORDER BY id LIMIT 1;
         UPDATE inventory SET quantity = quantity + 1 WHERE id = (SELECT id FROM pick);
         INSERT INTO search_changes (entity, entity_id) SELECT 'stock', product_id FROM inventory
           WHERE id = (SELECT id FROM pick);
         COMMIT;" >/dev/null || true
      sleep "$(awk -v w="$WRITES_PER_S" 'BEGIN {print 1 / w}')"
    done
  ) &
  writer=$!; pids+=("$writer")
  run_rounds " with writes" "search_w $port @search" "suggest_w $port @suggest"
  kill "$writer" 2>/dev/null || true
  echo "stock changes written during those rounds: $(( $(last_change) - changes_before )) in $(( ($(now_ms) - t_writes) / 1000 )) s" >&2
fi

h=$(median "${rps_all[health]}")
printf '\n| endpoint | server | req/s (median) | ratio to /health | p99 ms (median) |\n|---|---|---|---|---|\n'
names="health search suggest search_nc suggest_nc"
[ "$WRITES_PER_S" -gt 0 ] && names+=" search_w suggest_w"
for name in $names; do
  r=$(median "${rps_all[$name]}"); p=$(median "${p99_all[$name]}")
  server=cached
  [[ $name == *_nc ]] && server="uncached (CACHE_TTL_SECONDS=0)"
  [[ $name == *_w ]] && server="cached, $WRITES_PER_S stock changes/s"
  label=${name%_nc}; label=${label%_w}
  printf '| %s | %s | %.0f | %.2f | %.2f |\n' "$label" "$server" "$r" "$(awk -v a="$r" -v b="$h" 'BEGIN{print a/b}')" "$p"
done
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
echo
echo "RSS after the runs: cached server $(rss "$pid") MiB, uncached server $(rss "$pid_nc") MiB"
echo "search health: $(curl -fs "http://127.0.0.1:$port/health/detailed" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"]["search"])')"
