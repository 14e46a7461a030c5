#!/usr/bin/env bash
# make compose-test: compose.yml brought up for real on free loopback ports (data and secrets
# in a temporary directory): MariaDB primary + replica, Redis, three nodes, nginx. Checks the
# shop through nginx (HTTP/2 over TLS), each node on MariaDB, the replica holding the primary's
# rows, a sign-in through nginx, and every request answered while one node is stopped; then
# takes it all down. Images are built first (build-image.sh --all). Not part of `make test`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
project="moderno-ctest-$$"
MODERNO_DATA=$(mktemp -d "${TMPDIR:-/tmp}/moderno-compose.XXXXXX")
MODERNO_SECRETS="$MODERNO_DATA/secrets.env"
cleanup() {
  dc down --timeout 20 >/dev/null 2>&1 || true
  rm -rf "$MODERNO_DATA"
  stop_docker
}
trap cleanup EXIT

t0=$(now)
ensure_docker
"$here/build-image.sh" --all
t1=$(now)
pick_compose_ports https
"$here/prepare.sh" >/dev/null
dc up -d >"$MODERNO_DATA/up.log" 2>&1 || { cat "$MODERNO_DATA/up.log"; exit 1; }
shop="https://127.0.0.1:$HTTPS_PORT"
wait_http "$shop/health" 60 || true
t2=$(now)

r=$(curl -sk -o /dev/null -w '%{http_version} %{response_code}' --http2 "$shop/health" || true)
[ "$r" = "2 200" ] && ok "the shop answers through nginx (HTTP/2, TLS)" || { bad "through nginx: $r"; dc ps; dc logs --tail 20; }
for n in 1 2 3; do
  var="NODE${n}_PORT"
  wait_http "http://127.0.0.1:${!var}/health" 30 || true
  d=$(curl -fsS "http://127.0.0.1:${!var}/health/detailed" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"]["database"]["dialect"])' 2>/dev/null || true)
  [ "$d" = mysql ] && ok "node$n is up on MariaDB" || bad "node$n: database dialect '$d'"
done
dc exec -T node1 moderno seed --demo --products 30 >/dev/null
dc exec -T node1 moderno create-admin --email ops@example.cl --password Compose-test-pass-1 >/dev/null
. "$MODERNO_SECRETS"
q() { mariadb --no-defaults -h127.0.0.1 -P"$1" -ushop -p"$MARIADB_SHOP_PASSWORD" moderno -N -B -e "$2"; }
pos=$(q "$DB_PORT" "SELECT @@gtid_binlog_pos")
[ "$(q "$DB_REPLICA_PORT" "SELECT MASTER_GTID_WAIT('$pos', 20)")" = 0 ] && ok "the replica caught up with the primary ($pos)" || bad "replica behind $pos"
p1=$(q "$DB_PORT" "SELECT COUNT(*), SUM(id) FROM products"); p2=$(q "$DB_REPLICA_PORT" "SELECT COUNT(*), SUM(id) FROM products")
[ "$p1" = "$p2" ] && [ "${p1%%	*}" -gt 0 ] && ok "the replica has the primary's products ($p1)" || bad "products: primary $p1, replica $p2"
code=$(curl -sk -o "$MODERNO_DATA/login.json" -w '%{response_code}' -H 'Content-Type: application/json' \
  -d '{"email":"ops@example.cl","password":"Compose-test-pass-1"}' "$shop/api/v1/auth/login" || true)
grep -q '"access_token"' "$MODERNO_DATA/login.json" && [ "$code" = 200 ] && ok "sign-in through nginx" || bad "sign-in: $code"
[ "$(curl -sk -o /dev/null -w '%{response_code}' "$shop/metrics" || true)" = 404 ] && ok "/metrics is not public" || bad "/metrics reachable through nginx"
dc stop node2 >/dev/null 2>&1
codes=$(for _ in $(seq 1 15); do curl -sk -o /dev/null -w '%{response_code} ' "$shop/health" || true; done)
[ "$codes" = "$(printf '200 %.0s' $(seq 1 15))" ] && ok "node2 stopped: 15 uncached requests (/health) through nginx all 200" || bad "node2 stopped: $codes"
t3=$(now)
dc down --timeout 20 >/dev/null 2>&1
t4=$(now)
echo "timings: images $(secs "$t0" "$t1") s, up to healthy through nginx $(secs "$t1" "$t2") s, checks $(secs "$t2" "$t3") s, down $(secs "$t3" "$t4") s"
exit $fail
