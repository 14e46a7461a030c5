#!/usr/bin/env bash
# SIGHUP reopens the log files: a served node whose security.log was moved away (as logrotate
# does) writes its next events to a new security.log, keeps serving, and still stops on SIGTERM.
set -u
bin="$1"
dir=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$dir/serve.log" ] && tail -20 "$dir/serve.log"; exit 1; }

d="$dir/data"
"$bin" migrate --data-dir "$d" >/dev/null || fail "migrate"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --data-dir "$d" --port "$port" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.05; done
url="http://127.0.0.1:$port/api/v1/auth"
json='Content-Type: application/json'
curl -fsS -H "$json" -d '{"email":"hup@correo.cl","password":"Secreto#2026","name":"Hup"}' "$url/register" >/dev/null || fail "register"
curl -fsS -H "$json" -d '{"email":"hup@correo.cl","password":"Secreto#2026"}' "$url/login" >/dev/null || fail "first login"
grep -q '"event":"login"' "$d/security.log" || fail "first login not in security.log"

mv "$d/security.log" "$d/security.log.1"
kill -HUP "$pid"
for _ in $(seq 1 100); do grep -q '"msg":"log files reopened"' "$dir/serve.log" && break; sleep 0.05; done
grep -q '"msg":"log files reopened"' "$dir/serve.log" || fail "no 'log files reopened' after SIGHUP"
kill -0 "$pid" 2>/dev/null || fail "SIGHUP stopped the server"
curl -fsS -H "$json" -d '{"email":"hup@correo.cl","password":"Secreto#2026"}' "$url/login" >/dev/null || fail "login after SIGHUP"
[ -f "$d/security.log" ] || fail "no new security.log after SIGHUP"
grep -q '"event":"login"' "$d/security.log" || fail "second login not in the new security.log"
[ "$(grep -c '"event":"login"' "$d/security.log.1")" -eq 1 ] || fail "the rotated file got lines after SIGHUP"

kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "did not stop on SIGTERM after SIGHUP"
wait "$pid" || fail "exit code after SIGTERM"
pid=""
echo "sighup: passed"
