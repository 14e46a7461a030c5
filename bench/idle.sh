#!/usr/bin/env bash
# Idle connections: 64 busy connections browse the catalog (product details over the whole
# catalog and list pages at random pages and sorts) with and without IDLE_KEEPALIVE idle
# keep-alive connections and IDLE_STREAMS open event streams held by another process;
# rounds interleaved (without, with, without, with, ...) after an uncounted warm-up round. Reports per round req/s and p99, the
# medians, the ratio of the p99 with idle connections to the p99 without, and the server's RSS.
# The file limit is raised for the server and the holder (the hard limit here is 20,000).
# Usage: bench/idle.sh   env: BIN=./build/moderno PRODUCTS=20000 ROUNDS=3 DURATION=10
#        IDLE_KEEPALIVE=5000 IDLE_STREAMS=5000 CONNECTIONS=64 THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-./build/moderno}"
PRODUCTS="${PRODUCTS:-20000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
IDLE_KEEPALIVE="${IDLE_KEEPALIVE:-5000}"
IDLE_STREAMS="${IDLE_STREAMS:-5000}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
USERS=$(( (IDLE_STREAMS + 999) / 1000 ))  # at most 1,000 streams per user (EVENTS_MAX_PER_USER)
[ "$USERS" -lt 1 ] && USERS=1
PASSWORD='Bench#2026x'
ulimit -n 20000
work="$(mktemp -d /tmp/moderno-idle.XXXXXX)"
pid=""; holder=""
cleanup() { [ -n "$holder" ] && kill "$holder" 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. bench/lib.sh  # free_port, now_ms, to_ms, median

echo "# machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# moderno $("$BIN" --version | cut -d' ' -f2) ($BIN), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# demo + $PRODUCTS products; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s x $ROUNDS rounds each way; idle: $IDLE_KEEPALIVE keep-alive + $IDLE_STREAMS event streams ($USERS users)"
"$BIN" migrate --data-dir "$work/data" >/dev/null
"$BIN" seed --demo --data-dir "$work/data" >/dev/null
"$BIN" seed --products "$PRODUCTS" --data-dir "$work/data" >/dev/null
port=$(free_port)
# Streams end only after an hour; idle keep-alive connections are held < 60 s (the idle timeout).
env LOG_LEVEL=warn RATE_LIMIT_GENERAL=off RATE_LIMIT_AUTH=off EVENTS_MAX_PER_USER=1000 \
  EVENTS_MAX_TOTAL=$((IDLE_STREAMS + 1000)) EVENTS_MAX_AGE_S=3600 \
  "$BIN" serve --data-dir "$work/data" --port "$port" >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 500); do curl -fs -o /dev/null "$base/health" && break; sleep 0.02; done
tokens=()
for i in $(seq 1 "$USERS"); do
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"idle$i@bench.test\",\"password\":\"$PASSWORD\",\"name\":\"Idle $i\"}" "$base/api/v1/auth/register"
  tokens+=("$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"idle$i@bench.test\",\"password\":\"$PASSWORD\"}" \
    "$base/api/v1/auth/login" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')")
done
max_id=$(curl -fs "$base/api/v1/products?limit=1&sort=newest" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')

# The browsing mix: 70% product details over every product id, 30% list pages at a random page
# (1-200) and sort.
cat >"$work/browse.lua" <<LUA
math.randomseed(os.time())
local sorts = {"price_asc", "price_desc", "newest", "name", "rating"}
request = function()
  if math.random() < 0.7 then
    return wrk.format(nil, "/api/v1/products/" .. math.random(1, $max_id))
  end
  return wrk.format(nil, "/api/v1/products?page=" .. math.random(1, 200) .. "&sort=" .. sorts[math.random(#sorts)])
end
LUA

# The holder: opens the idle connections, says "ready", holds them until its stdin closes.
cat >"$work/holder.py" <<'PY'
import asyncio, sys
host, port, keepalive, streams = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
tokens = sys.argv[5:]
held = []
async def keep(i):
    r, w = await asyncio.open_connection(host, port)
    w.write(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    length = int([l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0])
    await r.readexactly(length)
    held.append(w)
async def drain(r):
    try:
        while await r.read(4096):
            pass
    except Exception:
        pass
async def stream(i):
    r, w = await asyncio.open_connection(host, port)
    token = tokens[i % len(tokens)]
    w.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n")[0]:
        raise RuntimeError(head.split(b"\r\n")[0].decode())
    asyncio.get_running_loop().create_task(drain(r))
    held.append(w)
async def main():
    sem = asyncio.Semaphore(200)
    async def limited(f, i):
        async with sem:
            await f(i)
    await asyncio.gather(*[limited(keep, i) for i in range(keepalive)], *[limited(stream, i) for i in range(streams)])
    print(f"ready {len(held)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for w in held:
        w.close()
asyncio.run(main())
PY

run_wrk() {  # -> "rps p99_ms"
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/browse.lua" "$base")
  echo "$(awk '/^Requests\/sec/ {print $2}' <<<"$out") $(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
}
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
open_conns() { curl -fs "$base/metrics" | awk '$1=="http_open_connections" {print $2}'; }

# One round first that is not counted: it fills the catalog cache, as a shop's traffic has.
read -r r p <<<"$(run_wrk)"
echo "warm-up: $r req/s, p99 $p ms"
rps_without=""; p99_without=""; rps_with=""; p99_with=""; rss_with=""
for round in $(seq 1 "$ROUNDS"); do
  read -r r p <<<"$(run_wrk)"; rps_without+="$r "; p99_without+="$p "
  echo "round $round without idle: $r req/s, p99 $p ms, RSS $(rss) MiB, open connections $(open_conns)"
  mkfifo "$work/hold.$round"
  /usr/bin/python3 "$work/holder.py" 127.0.0.1 "$port" "$IDLE_KEEPALIVE" "$IDLE_STREAMS" "${tokens[@]}" \
    <"$work/hold.$round" >"$work/holder.$round.out" 2>&1 &
  holder=$!
  exec 9>"$work/hold.$round"
  for _ in $(seq 1 600); do grep -q ready "$work/holder.$round.out" 2>/dev/null && break; kill -0 "$holder" 2>/dev/null || break; sleep 0.1; done
  grep -q ready "$work/holder.$round.out" || { echo "holder failed:"; cat "$work/holder.$round.out"; exit 1; }
  read -r r p <<<"$(run_wrk)"; rps_with+="$r "; p99_with+="$p "; m=$(rss); rss_with+="$m "
  echo "round $round with $(cut -d' ' -f2 "$work/holder.$round.out") idle: $r req/s, p99 $p ms, RSS $m MiB, open connections $(open_conns)"
  exec 9>&-
  wait "$holder" 2>/dev/null || true; holder=""
  sleep 2
done
pw=$(median "$p99_with"); po=$(median "$p99_without")
echo
echo "| idle connections | req/s (median) | p99 ms (median) | RSS MiB |"
echo "|---|---|---|---|"
echo "| none | $(median "$rps_without") | $po | |"
echo "| $IDLE_KEEPALIVE keep-alive + $IDLE_STREAMS streams | $(median "$rps_with") | $pw | $(median "$rss_with") |"
echo "p99 with / without: $(awk -v a="$pw" -v b="$po" 'BEGIN {printf "%.2f", a / b}') (target <= 1.5)"
