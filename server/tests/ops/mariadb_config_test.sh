#!/usr/bin/env bash
# deploy/mariadb checked by real servers on loopback: `mariadbd --defaults-file=SAMPLE --help
# --verbose` accepts every option of each sample (an unknown one exits non-zero); then a primary
# and a replica run with primary.cnf and replica.cnf (only address, port, paths and memory
# overridden on the command line), the replica follows the primary by GTID, and each server
# reports the durable settings of its file. Usage: mariadb_config_test.sh REPO_ROOT
set -euo pipefail
root=$(realpath "$1")
tmp=$(mktemp -d); pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

for f in primary replica; do
  if mariadbd --defaults-file="$root/deploy/mariadb/$f.cnf" --help --verbose >/dev/null 2>"$tmp/$f.help"; then
    ok "mariadbd accepts every option of $f.cnf"
  else bad "mariadbd refuses $f.cnf:"; grep -i error "$tmp/$f.help" || true; fi
done
# The check above can fail: an unknown option is refused.
{ cat "$root/deploy/mariadb/primary.cnf"; echo "no_such_option = 1"; } >"$tmp/bad.cnf"
if mariadbd --defaults-file="$tmp/bad.cnf" --help --verbose >/dev/null 2>&1; then bad "an unknown option went unnoticed"
else ok "an unknown option is refused"; fi

start() {  # name, sample file, port
  local d="$tmp/$1"
  mkdir -p "$d"
  mariadb-install-db --no-defaults --user=root --datadir="$d/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$d/install.log" 2>&1 || { cat "$d/install.log"; exit 1; }
  # --defaults-file must come first; the options after it override the sample's.
  mariadbd --defaults-file="$2" --user=root --datadir="$d/data" --socket="$d/sock" --pid-file="$d/pid" \
    --port="$3" --bind-address=127.0.0.1 --log-error="$d/err.log" \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=48M >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    mariadb-admin --no-defaults --socket="$d/sock" -uroot ping >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "mariadbd ($1) did not start:"; tail -20 "$d/err.log"; exit 1
}
sql() { mariadb --no-defaults --socket="$tmp/$1/sock" -uroot -N -B -e "$2"; }

pport=$(free_port); rport=$(free_port)
start primary "$root/deploy/mariadb/primary.cnf" "$pport"
start replica "$root/deploy/mariadb/replica.cnf" "$rport"

expect() {  # server, query, expected, what
  local got; got=$(sql "$1" "$2" 2>&1 | tr '\t' ' ')
  if [ "$got" = "$3" ]; then ok "$1: $4"; else bad "$1: $4 (expected '$3', got '$got')"; fi
}
for s in primary replica; do
  expect $s "SELECT @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@binlog_format, @@gtid_strict_mode, @@log_bin, @@log_slave_updates" \
    "1 1 ROW 1 1 1" "durable commits, row-based GTID binary log"
done
expect primary "SELECT @@server_id, @@read_only" "1 0" "server_id 1, writable"
expect replica "SELECT @@server_id, @@read_only, @@relay_log_recovery" "2 1 1" "server_id 2, read-only, relay log recovery"

sql primary "CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-pass'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
  CREATE DATABASE moderno; CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 'shop-pass';
  GRANT ALL ON moderno.* TO 'shop'@'127.0.0.1';"
sql replica "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$pport, MASTER_USER='repl',
  MASTER_PASSWORD='repl-pass', MASTER_USE_GTID=slave_pos; START SLAVE;"
mariadb --no-defaults -h127.0.0.1 -P"$pport" -ushop -pshop-pass moderno \
  -e "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t VALUES (1, 'replicated');"
pos=$(sql primary "SELECT @@gtid_binlog_pos")
got=$(sql replica "SELECT MASTER_GTID_WAIT('$pos', 10)")
[ "$got" = 0 ] && ok "replica reached the primary's GTID $pos" || bad "replica did not reach $pos ($got)"
expect replica "SELECT v FROM moderno.t WHERE id = 1" "replicated" "the primary's row is on the replica"
if out=$(mariadb --no-defaults -h127.0.0.1 -P"$rport" -ushop -pshop-pass moderno -e "INSERT INTO t VALUES (2, 'x')" 2>&1); then
  bad "replica: the shop's account could write"
elif grep -q "read-only" <<<"$out"; then ok "replica: the shop's account cannot write (read-only)"
else bad "replica: unexpected error: $out"; fi
expect replica "SELECT @@slave_parallel_threads, @@slave_parallel_mode" "4 optimistic" "parallel replication"
status=$(mariadb --no-defaults --socket="$tmp/replica/sock" -uroot -e "SHOW SLAVE STATUS\G")
if grep -qx " *Slave_IO_Running: Yes" <<<"$status" && grep -qx " *Slave_SQL_Running: Yes" <<<"$status" \
   && grep -qx " *Using_Gtid: Slave_Pos" <<<"$status"; then ok "replica: both threads running, by GTID"
else bad "replica status:"; echo "$status"; fi
exit $fail
