#!/usr/bin/env bash
# make container-test: the base image (debootstrap, skipped when it exists), the node image, then
# one node container with host networking on a free loopback port against SQLite: /health, a
# catalog page and the web app answer; the node runs as its own user. Prints the timings.
# Not part of `make test` (time budget). Starts dockerd itself when none answers (no systemd
# here) and stops it afterwards (KEEP_DOCKERD=1 leaves it running).
# CONTAINER_TEST_EXTRA='command' runs one more check with MODERNO_URL set to the node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
image="${IMAGE:-moderno:latest}"
base="${BASE_IMAGE:-moderno/debian:bookworm}"

name="moderno-ctest-$$" data=""
cleanup() {
  $docker rm -f "$name" >/dev/null 2>&1 || true
  [ -n "$data" ] && rm -rf "$data"
  stop_docker
}
trap cleanup EXIT

t0=$(now)
ensure_docker
t1=$(now)
DOCKER="$docker" "$here/make-base.sh" "$base"
t2=$(now)
DOCKER="$docker" BASE_IMAGE="$base" "$here/build-image.sh" "$image"
t3=$(now)

port=$(free_port)
data=$(mktemp -d "${TMPDIR:-/tmp}/moderno-ctest-data.XXXXXX")
chown 10001:10001 "$data" 2>/dev/null || chmod 0777 "$data"
run() { $docker run --rm --network host -v "$data:/var/lib/moderno" "$image" "$@"; }
run migrate >/dev/null
run seed --demo --products 60 >/dev/null
t4=$(now)
$docker run -d --name "$name" --network host -e HOST=127.0.0.1 -e PORT="$port" -e LOG_LEVEL=warn \
  -v "$data:/var/lib/moderno" "$image" >/dev/null
url="http://127.0.0.1:$port"
for _ in $(seq 1 150); do curl -fsS "$url/health" >/dev/null 2>&1 && break; sleep 0.2; done
t5=$(now)

health=$(curl -sS -o /dev/null -w '%{http_code}' "$url/health" || true)
[ "$health" = 200 ] && ok "GET /health 200 from the container" || { bad "GET /health: $health"; $docker logs "$name" 2>&1 | tail -20; }
page=$(curl -fsS "$url/api/v1/products?limit=5&sort=price_asc" || true)
count=$(printf '%s' "$page" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))' 2>/dev/null || echo 0)
[ "$count" = 5 ] && ok "catalog page: 5 products from the seeded SQLite store" || bad "catalog page: $count products ($page)"
html=$(curl -fsS "$url/" || true)
grep -q '<div id="root"' <<<"$html" && ok "the web app's index.html is served" || bad "the web app's page: ${html:0:200}"
uid=$($docker exec "$name" id -u)
[ "$uid" = 10001 ] && ok "the node runs as the image's moderno user (uid 10001)" || bad "the node runs as uid $uid"
owner=$(stat -c %u "$data/moderno.db")
[ "$owner" = 10001 ] && ok "its SQLite file is on the host volume" || bad "moderno.db owned by $owner"
if [ -n "${CONTAINER_TEST_EXTRA:-}" ]; then
  MODERNO_URL="$url" sh -c "$CONTAINER_TEST_EXTRA" && ok "extra check: $CONTAINER_TEST_EXTRA" || bad "extra check: $CONTAINER_TEST_EXTRA"
fi
$docker stop -t 10 "$name" >/dev/null
t6=$(now)
code=$($docker inspect -f '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] && ok "the node stops cleanly on SIGTERM (exit 0)" || bad "exit code after docker stop: $code"

size=$($docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')
echo "timings: dockerd $(secs "$t0" "$t1") s, base image $(secs "$t1" "$t2") s, node image $(secs "$t2" "$t3") s" \
     "($size), migrate+seed $(secs "$t3" "$t4") s, start to healthy $(secs "$t4" "$t5") s, checks+stop $(secs "$t5" "$t6") s"
exit $fail
