#!/usr/bin/env bash
# deploy/redis/redis.conf checked by a real redis-server on loopback: started with the sample
# (its include pointed at a temporary password file; port, bind and dir overridden on the
# command line), it refuses clients without the password, reports the sample's settings, and
# keeps a write across a restart (append-only file). A bad directive stops redis-server, so the
# start itself proves every line is understood. Usage: redis_config_test.sh REPO_ROOT
set -euo pipefail
root=$(realpath "$1")
tmp=$(mktemp -d); pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid" ] && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pass=$(openssl rand -hex 16)
echo "requirepass $pass" >"$tmp/moderno-secrets.conf"
grep -q '^include /etc/redis/moderno-secrets.conf$' "$root/deploy/redis/redis.conf" || bad "the sample includes the password file"
sed "s|^include /etc/redis/moderno-secrets.conf$|include $tmp/moderno-secrets.conf|" "$root/deploy/redis/redis.conf" >"$tmp/redis.conf"
cli() { redis-cli -p "$port" --no-auth-warning "$@"; }

start() {
  redis-server "$tmp/redis.conf" --port "$port" --bind 127.0.0.1 --dir "$tmp" >>"$tmp/redis.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    [ "$(cli -a "$pass" ping 2>/dev/null)" = PONG ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "redis-server did not start:"; tail -20 "$tmp/redis.log"; exit 1
}
start
ok "redis-server starts with the sample"
out=$(cli ping 2>&1 || true)
grep -q NOAUTH <<<"$out" && ok "no password: NOAUTH" || bad "no password: $out"
expect() {
  local got; got=$(cli -a "$pass" config get "$1" | sed -n 2p)
  [ "$got" = "$2" ] && ok "$1 $2" || bad "$1: expected $2, got $got"
}
expect appendonly yes
expect appendfsync everysec
expect protected-mode yes
expect maxmemory 268435456
expect maxmemory-policy volatile-lru
cli -a "$pass" set moderno:deploy-test kept >/dev/null
# SIGKILL: no shutdown save; only the append-only file (fsynced each second) can bring it back.
sleep 1.2
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
start
[ "$(cli -a "$pass" get moderno:deploy-test)" = kept ] && ok "a write survives kill -9 (append-only file)" \
  || bad "the write was lost across kill -9"
# The start check can fail: a line Redis does not know stops it.
echo "no-such-directive yes" >>"$tmp/redis.conf"
mkdir "$tmp/x"
if out=$(timeout 10 redis-server "$tmp/redis.conf" --port 0 --bind 127.0.0.1 --dir "$tmp/x" 2>&1); then
  bad "an unknown directive went unnoticed"
elif grep -q "no-such-directive" <<<"$out"; then ok "an unknown directive stops redis-server"
else bad "redis-server failed for another reason: $out"; fi
exit $fail
