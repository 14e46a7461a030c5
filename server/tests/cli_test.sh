#!/usr/bin/env bash
# The CLI contract on the real binary: help, version, bad settings, migrate (status, rollback,
# --to), seed, create-admin, and serve answering /health then stopping on SIGTERM.
set -uo pipefail
bin="$1"
dir="$(mktemp -d /tmp/moderno-cli.XXXXXX)"
pass=0
fail=0
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

check() {  # check NAME COMMAND...: passes when the command succeeds
  local name="$1"; shift
  if "$@" >"$dir/out" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; sed 's/^/  /' "$dir/out" | head -20; fi
}
expect_fail() {  # expect_fail NAME PATTERN COMMAND...: the command fails and prints PATTERN
  local name="$1" pattern="$2"; shift 2
  if "$@" >"$dir/out" 2>&1; then fail=$((fail + 1)); echo "FAIL: $name (succeeded)"; cat "$dir/out";
  elif grep -q -- "$pattern" "$dir/out"; then pass=$((pass + 1));
  else fail=$((fail + 1)); echo "FAIL: $name (no '$pattern')"; sed 's/^/  /' "$dir/out"; fi
}
contains() { grep -q -- "$1" "$dir/out"; }

d="$dir/data"
check "--help lists the commands" sh -c "'$bin' --help | grep -q 'moderno create-admin'"
check "--version" sh -c "'$bin' --version | grep -Eq '^moderno [0-9]+\.[0-9]+\.[0-9]+'"
for c in serve migrate seed create-admin; do
  check "$c --help" sh -c "'$bin' $c --help | grep -q 'moderno $c'"
done
expect_fail "unknown command" "unknown command" "$bin" frobnicate
expect_fail "unknown flag" "unknown option --colour" "$bin" serve --colour red
expect_fail "bad port names PORT" "PORT" env PORT=notaport "$bin" serve --data-dir "$d"
expect_fail "bad DATABASE_URL names it" "DATABASE_URL" env DATABASE_URL=postgres://u:secretpw@h/db "$bin" migrate
check "bad DATABASE_URL never echoes the password" sh -c "! env DATABASE_URL=postgres://u:secretpw@h/db '$bin' migrate 2>&1 | grep -q secretpw"
expect_fail "serve before migrate" "pending migrations" "$bin" serve --data-dir "$d" --port 0

check "migrate" "$bin" migrate --data-dir "$d"
check "migrate again is a no-op" sh -c "'$bin' migrate --data-dir '$d' | grep -q '^0 migration'"
check "status shows applied" sh -c "'$bin' migrate --status --data-dir '$d' | grep -q applied"
check "rollback" sh -c "'$bin' migrate --rollback --data-dir '$d' | grep -q '^1 migration'"
check "status shows pending" sh -c "'$bin' migrate --status --data-dir '$d' | grep -q pending"
check "--to 0 then up" sh -c "'$bin' migrate --to 0 --data-dir '$d' && '$bin' migrate --data-dir '$d'"
expect_fail "--to junk" "--to needs a version" "$bin" migrate --to abc --data-dir "$d"

check "seed --demo" sh -c "'$bin' seed --demo --data-dir '$d' | grep -q 'seeded'"
check "seed --demo twice keeps one demo" sh -c "'$bin' seed --demo --data-dir '$d' | grep -q 'already present'"
check "seed --products" "$bin" seed --products 50 --data-dir "$d"
expect_fail "seed without what" "seed needs" "$bin" seed --data-dir "$d"

# import-products: a CSV in the export format; errors by row and column change nothing.
printf 'sku,name,category_slug,price\nCLI-1,Taza CLI,no-such-category,1990\nCLI-2,,,\n' >"$dir/bad.csv"
expect_fail "import-products lists row errors" "row 2, category_slug" "$bin" import-products "$dir/bad.csv" --data-dir "$d"
printf 'sku,name,category_slug,price\nCLI-1,Taza CLI,smartphones,1990\n' >"$dir/good.csv"
check "import-products --dry-run" sh -c "'$bin' import-products '$dir/good.csv' --dry-run --data-dir '$d' | grep -q 'dry run.*1 created'"
check "import-products" sh -c "'$bin' import-products '$dir/good.csv' --data-dir '$d' | grep -q '1 created.*1 changed'"
check "import-products again changes nothing" sh -c "'$bin' import-products '$dir/good.csv' --data-dir '$d' | grep -q '; 0 changed'"
expect_fail "import-products without a file" "needs a CSV file" "$bin" import-products --data-dir "$d"

expect_fail "weak admin password lists rules" "missing_digit\|digit" "$bin" create-admin --email a@b.cl --password weakpassword --data-dir "$d"
check "create-admin" sh -c "'$bin' create-admin --email ' Admin@Tienda.CL ' --password 'Secreto#2026' --data-dir '$d' | grep -q 'admin@tienda.cl'"
expect_fail "create-admin twice" "already exists" "$bin" create-admin --email admin@tienda.cl --password 'Secreto#2026' --data-dir "$d"
expect_fail "create-admin bad role" "--role" "$bin" create-admin --email x@tienda.cl --password 'Secreto#2026' --role customer --data-dir "$d"

# serve: answers, then stops cleanly on SIGTERM.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --data-dir "$d" --port "$port" >"$dir/serve.log" 2>&1 &
server_pid=$!
ok=""
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/health" >"$dir/out" 2>/dev/null; then ok=1; break; fi
  sleep 0.05
done
if [ -n "$ok" ] && contains '"status":"healthy"'; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: serve /health"; cat "$dir/serve.log"; fi
check "catalog is served" sh -c "curl -fsS 'http://127.0.0.1:$port/api/v1/products?limit=1' | grep -q '\"pagination\"'"
check "register with a phone" sh -c "curl -fsS -H 'Content-Type: application/json' -d '{\"email\":\"cli@correo.cl\",\"password\":\"Secreto#2026\",\"name\":\"Cli\",\"phone\":\"+56911112222\"}' 'http://127.0.0.1:$port/api/v1/auth/register' | grep -q cli@correo.cl"
check "login" sh -c "curl -fsS -H 'Content-Type: application/json' -d '{\"email\":\"cli@correo.cl\",\"password\":\"Secreto#2026\"}' 'http://127.0.0.1:$port/api/v1/auth/login' | grep -q access_token"
check "access log is JSON with the request id" sh -c "curl -fsS -H 'X-Request-ID: cli-check' 'http://127.0.0.1:$port/health' >/dev/null; sleep 0.3; grep -q '\"request_id\":\"cli-check\"' '$dir/serve.log'"
kill -TERM "$server_pid"
for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$server_pid" 2>/dev/null; then fail=$((fail + 1)); echo "FAIL: serve did not stop on SIGTERM"
else wait "$server_pid"; rc=$?; if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: serve exit code $rc"; fi; fi
server_pid=""

# rotate-key: every encrypted value moves to the new key, which replaces the key file.
newkey=$(head -c 32 /dev/urandom | base64)
expect_fail "rotate-key with a bad key" "new-key" "$bin" rotate-key --new-key notbase64 --data-dir "$d"
check "rotate-key" sh -c "'$bin' rotate-key --new-key '$newkey' --data-dir '$d' | grep -q 're-encrypted 1 value'"
check "rotate-key saved the key" sh -c "[ \"\$(cat '$d/secrets/encryption_key')\" = '$newkey' ]"
check "key file is private" sh -c "[ \"\$(stat -c %a '$d/secrets/encryption_key')\" = 600 ]"
check "security log records the login" sh -c "grep -q '\"event\":\"login\"' '$d/security.log'"
check "no password in any log" sh -c "! grep -rq 'Secreto#2026' '$d/security.log' '$dir/serve.log'"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
