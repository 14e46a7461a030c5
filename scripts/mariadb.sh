#!/usr/bin/env bash
# Starts or stops a throwaway MariaDB on loopback, in a directory of its own, without systemd.
# Usage: scripts/mariadb.sh start DIR [PORT]   (prints the root URL: mysql://root@127.0.0.1:PORT/mysql)
#        scripts/mariadb.sh stop DIR
#        scripts/mariadb.sh replicate REPLICA_DIR PRIMARY_PORT
#          (makes the server in REPLICA_DIR a GTID replica of the primary on PRIMARY_PORT)
# MARIADB_SERVER_ID=N starts the server with a binary log and that server id, as replication
# needs on both sides (the primary's log is what the replica reads).
set -euo pipefail
. "$(dirname "$0")/lib.sh"  # free_port, stop_pid
cmd="${1:?start|stop}"
dir="${2:?directory}"

case "$cmd" in
  start)
    port="${3:-$(free_port)}"
    mkdir -p "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
      mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
        || { cat "$dir/install.log" >&2; exit 1; }
    fi
    binlog=(--skip-log-bin)
    if [ -n "${MARIADB_SERVER_ID:-}" ]; then
      binlog=(--log-bin="$dir/binlog" --server-id="$MARIADB_SERVER_ID" --binlog-format=ROW
              --log-slave-updates --relay-log="$dir/relay")
    fi
    mariadbd --no-defaults --user=root --datadir="$dir/data" --socket="$dir/sock" \
      --pid-file="$dir/pid" --port="$port" --bind-address=127.0.0.1 --skip-networking=0 \
      --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 "${binlog[@]}" \
      --max-connections=500 --log-error="$dir/err.log" >/dev/null 2>&1 &
    echo $! > "$dir/mariadbd.pid"
    for _ in $(seq 1 100); do
      if mariadb-admin --no-defaults --socket="$dir/sock" -uroot ping >/dev/null 2>&1; then
        echo "mysql://root@127.0.0.1:${port}/mysql"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/mariadbd.pid")" 2>/dev/null; then break; fi
      sleep 0.1
    done
    echo "mariadbd did not start; see $dir/err.log" >&2
    tail -20 "$dir/err.log" >&2 || true
    exit 1
    ;;
  replicate)
    primary_port="${3:?primary port}"
    # The replication account is created on the primary (and reaches the replica through the log).
    mariadb --no-defaults -h127.0.0.1 -P"$primary_port" -uroot -e \
      "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY 'repl';
       GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';"
    mariadb --no-defaults --socket="$dir/sock" -uroot -e \
      "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$primary_port, MASTER_USER='repl',
         MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
       START SLAVE;"
    for _ in $(seq 1 100); do
      status=$(mariadb --no-defaults --socket="$dir/sock" -uroot -e 'SHOW SLAVE STATUS\G')
      if grep -q 'Slave_IO_Running: Yes' <<<"$status" && grep -q 'Slave_SQL_Running: Yes' <<<"$status"; then
        exit 0
      fi
      sleep 0.1
    done
    echo "replication did not start:" >&2
    echo "$status" | grep -E 'Running|Error' >&2
    exit 1
    ;;
  stop) stop_pid "$dir/mariadbd.pid" ;;
  *) echo "usage: $0 start|stop|replicate DIR [PORT]" >&2; exit 2 ;;
esac
