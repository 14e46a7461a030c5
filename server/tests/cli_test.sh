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
# Production nodes share their secrets: a node without them refuses to start (exit 2), rather
# than generating its own (tokens of one node would fail on the others).
prod_key="$(head -c 32 /dev/urandom | base64)"
prod_jwt="cli-test-jwt-secret-of-forty-characters!!"
expect_fail "production without JWT_SECRET refuses to start" "JWT_SECRET=: is required when MODERNO_ENV=production" \
  env -u JWT_SECRET MODERNO_ENV=production ENCRYPTION_KEY="$prod_key" "$bin" serve --data-dir "$d" --port 0
expect_fail "production without ENCRYPTION_KEY refuses to start" "ENCRYPTION_KEY=: is required when MODERNO_ENV=production" \
  env -u ENCRYPTION_KEY MODERNO_ENV=production JWT_SECRET="$prod_jwt" "$bin" serve --data-dir "$d" --port 0
check "production without secrets exits 2" sh -c "env -u JWT_SECRET -u ENCRYPTION_KEY MODERNO_ENV=production '$bin' serve --data-dir '$d' --port 0; test \$? -eq 2"
check "production without secrets writes none into the data dir" test ! -e "$d/secrets"
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

# backup, restore, copy-data (docs/OPERATIONS.md).
key="$dir/backup.key"
head -c 32 /dev/urandom | base64 >"$key"
expect_fail "backup without BACKUP_KEY_FILE names it" "BACKUP_KEY_FILE" "$bin" backup --to "$dir/bk" --data-dir "$d"
check "backup prints the archive last" sh -c "BACKUP_KEY_FILE='$key' '$bin' backup --to '$dir/bk' --data-dir '$d' | tail -1 | grep -q '^$dir/bk/moderno-backup-.*\.tar\.gz$'"
archive="$dir/first.tar.gz"
cp "$(ls "$dir"/bk/moderno-backup-*.tar.gz | head -1)" "$archive"
check "tar lists the archive" sh -c "tar tzf '$archive' | grep -qx manifest.json"
check "backup --verify" sh -c "BACKUP_KEY_FILE='$key' '$bin' backup --verify '$archive' | grep -q '^ok:.*secrets open'"
head -c 2000 "$archive" >"$dir/cut.tar.gz"
expect_fail "verify refuses a truncated archive" "truncated" "$bin" backup --verify "$dir/cut.tar.gz"
expect_fail "restore refuses a truncated archive" "nothing changed" env BACKUP_KEY_FILE="$key" "$bin" restore "$dir/cut.tar.gz" --data-dir "$dir/r0"
check "a refused restore writes nothing" test ! -e "$dir/r0"
check "restore" sh -c "BACKUP_KEY_FILE='$key' '$bin' restore '$archive' --data-dir '$dir/r1' | grep -q '^restored'"
check "the restored encryption key is the original" cmp "$d/secrets/encryption_key" "$dir/r1/secrets/encryption_key"
expect_fail "restore refuses a non-empty data dir" "not empty" env BACKUP_KEY_FILE="$key" "$bin" restore "$archive" --data-dir "$dir/r1"
check "restore --force" sh -c "BACKUP_KEY_FILE='$key' '$bin' restore '$archive' --data-dir '$dir/r1' --force | grep -q '^restored'"
check "copy-data" sh -c "'$bin' copy-data --from 'sqlite:$d/moderno.db' --to 'sqlite:$dir/copy.db' 2>/dev/null | grep -q 'checksum match'"
expect_fail "copy-data refuses a target with tables" "not empty" "$bin" copy-data --from "sqlite:$d/moderno.db" --to "sqlite:$dir/copy.db"
for old in 20200101T030000Z 20200102T030000Z 20200102T150000Z; do cp "$archive" "$dir/bk/moderno-backup-$old.tar.gz"; done
check "retention keeps the newest of each day" sh -c "BACKUP_KEY_FILE='$key' '$bin' backup --to '$dir/bk' --data-dir '$d' --keep-daily 2 --keep-weekly 0 | grep -c '^deleted' | grep -qx 3"
check "retention left two days" sh -c "[ \$(ls '$dir/bk' | grep -c '^moderno-backup-') -ge 2 ] && [ ! -e '$dir/bk/moderno-backup-20200102T030000Z.tar.gz' ]"

# scheduled backups: once per tick under the lease, with the metric of the last success.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BACKUP_SCHEDULE=2s BACKUP_DIR="$dir/sched" BACKUP_KEY_FILE="$key" "$bin" serve --data-dir "$d" --port "$port" >"$dir/serve2.log" 2>&1 &
server_pid=$!
ok=""
for _ in $(seq 1 200); do
  if curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -q '^backup_last_success_timestamp_seconds [1-9]'; then ok=1; break; fi
  sleep 0.1
done
if [ -n "$ok" ] && ls "$dir/sched"/moderno-backup-*.tar.gz >/dev/null 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: scheduled backup"; tail -5 "$dir/serve2.log"; fi
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
expect_fail "BACKUP_SCHEDULE is validated" "BACKUP_SCHEDULE" env BACKUP_SCHEDULE=weekly "$bin" serve --data-dir "$d" --port 0
expect_fail "BACKUP_KEEP_DAILY is validated" "BACKUP_KEEP_DAILY" env BACKUP_KEEP_DAILY=-1 "$bin" serve --data-dir "$d" --port 0

# diagnose: one line per check; exit 0 healthy, 1 warnings, 2 failures; each failure seen.
diag() { "$bin" diagnose "$@" >"$dir/out" 2>&1; echo $?; }
chmod 600 "$d"/secrets/*
check "diagnose on a healthy node exits 0" sh -c "BACKUP_DIR='$dir/bk' '$bin' diagnose --data-dir '$d'"
check "diagnose --json" sh -c "BACKUP_DIR='$dir/bk' '$bin' diagnose --json --data-dir '$d' | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"status\"]==\"ok\" and len(d[\"checks\"])>=12'"
check "no backup is a warning (exit 1)" sh -c "[ \$(BACKUP_DIR='$dir/none' '$bin' diagnose --data-dir '$d' | grep -c '^WARN  backup') = 1 ]; BACKUP_DIR='$dir/none' '$bin' diagnose --data-dir '$d' >/dev/null; [ \$? = 1 ]"
mkdir -p "$dir/oldbk" && cp "$archive" "$dir/oldbk/moderno-backup-20200101T000000Z.tar.gz"
check "an old backup fails (exit 2)" sh -c "[ \$(BACKUP_DIR='$dir/oldbk' '$bin' diagnose --data-dir '$d' | grep -c '^FAIL  backup') = 1 ]"
check "an unreachable database fails" sh -c "[ \$(DATABASE_URL='mysql://u:p@127.0.0.1:1/x' '$bin' diagnose --data-dir '$d' | grep -c '^FAIL  database') = 1 ]"
check "pending migrations fail" sh -c "'$bin' diagnose --data-dir '$dir/fresh' | grep -q '^FAIL  migrations'"
free=$(/usr/bin/python3 -c "import os; v=os.statvfs('$d'); print(int(100 * v.f_bavail / v.f_blocks))")
check "low disk warns, then fails" sh -c "DIAGNOSE_DISK_WARN_PERCENT=$((free + 5)) '$bin' diagnose --data-dir '$d' | grep -q '^WARN  disk' && DIAGNOSE_DISK_WARN_PERCENT=$((2 * free + 10)) '$bin' diagnose --data-dir '$d' | grep -q '^FAIL  disk'"
cp -r "$d" "$dir/loose" && chmod 644 "$dir/loose/secrets/jwt_secret"
check "a readable secret fails" sh -c "'$bin' diagnose --data-dir '$dir/loose' | grep -q '^FAIL  secrets.*jwt_secret'"
rm -rf "$dir/loose/search" && mkdir -p "$dir/loose/search/index-1-1" && echo junk >"$dir/loose/search/index-1-1/iamglass" && ln -s index-1-1 "$dir/loose/search/current"
check "a corrupt search index fails" sh -c "'$bin' diagnose --data-dir '$dir/loose' | grep -q '^FAIL  search'"
/usr/bin/python3 -c "import sqlite3; c=sqlite3.connect('$dir/loose/moderno.db'); c.execute(\"INSERT INTO jobs (kind, payload, status, run_after, created_at, updated_at) VALUES ('email', '{}', 'dead', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')\"); c.commit()"
check "a dead job warns" sh -c "'$bin' diagnose --data-dir '$dir/loose' | grep -q '^WARN  jobs.*1 dead'"
check "a bad setting fails as config" sh -c "PORT=x '$bin' diagnose --data-dir '$d' | grep -q '^FAIL  config.*PORT'; PORT=x '$bin' diagnose --data-dir '$d' >/dev/null; [ \$? = 2 ]"
tls_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/tls.key" -out "$dir/tls.crt" -days 2 -subj /CN=127.0.0.1 >/dev/null 2>&1
openssl s_server -quiet -www -accept "$tls_port" -cert "$dir/tls.crt" -key "$dir/tls.key" >/dev/null 2>&1 &
tls_pid=$!
sleep 0.5
check "a certificate expiring within a week fails" sh -c "PUBLIC_URL='https://127.0.0.1:$tls_port' BACKUP_DIR='$dir/bk' '$bin' diagnose --data-dir '$d' | grep -q '^FAIL  tls .*expires in [12]\.'"
kill "$tls_pid" 2>/dev/null; wait "$tls_pid" 2>/dev/null
check "an unreachable https PUBLIC_URL fails" sh -c "PUBLIC_URL='https://127.0.0.1:$tls_port' BACKUP_DIR='$dir/bk' '$bin' diagnose --data-dir '$d' | grep -q '^FAIL  tls'"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
