#!/bin/sh
# MariaDB primary or replica in the compose file, with deploy/mariadb/ROLE.cnf (mounted at
# /etc/moderno/mariadb) and, on the command line, only the address, port and paths of this host.
# First start: the data dir is made; the primary gets the shop's database and accounts (its
# binary log carries them to the replica); the replica is pointed at the primary by GTID.
# Usage: mariadb.sh primary|replica   (env: PORT, PRIMARY_PORT, MARIADB_SHOP_PASSWORD,
#        MARIADB_REPL_PASSWORD, INNODB_BUFFER_POOL_SIZE)
set -eu
role=$1
port=${PORT:?}
data=/var/lib/mysql
sock=/run/mysqld/$role.sock
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld "$data"
set -- --defaults-file=/etc/moderno/mariadb/$role.cnf --user=mysql --datadir="$data" --socket="$sock" \
  --pid-file=/run/mysqld/$role.pid --port="$port" --bind-address=127.0.0.1 --log-error="$data/error.log" \
  --innodb-buffer-pool-size="${INNODB_BUFFER_POOL_SIZE:-256M}"
sql() { mariadb --no-defaults --socket="$sock" -uroot -e "$1"; }
if [ ! -d "$data/mysql" ]; then
  mariadb-install-db --no-defaults --user=mysql --datadir="$data" --skip-test-db >/dev/null
  # Socket only while it is set up: a client on the port reaches the server that stays.
  mariadbd "$@" --skip-networking & pid=$!
  until mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; do sleep 0.2; done
  if [ "$role" = primary ]; then
    sql "CREATE DATABASE moderno CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
         CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY '${MARIADB_SHOP_PASSWORD:?}';
         GRANT ALL ON moderno.* TO 'shop'@'127.0.0.1';
         CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY '${MARIADB_REPL_PASSWORD:?}';
         GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';"
  else
    # Wait until the primary has made the replication account.
    until mariadb --no-defaults -h127.0.0.1 -P"${PRIMARY_PORT:?}" -urepl -p"$MARIADB_REPL_PASSWORD" -e 'SELECT 1' >/dev/null 2>&1; do sleep 0.5; done
    sql "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$PRIMARY_PORT, MASTER_USER='repl',
         MASTER_PASSWORD='$MARIADB_REPL_PASSWORD', MASTER_USE_GTID=slave_pos; START SLAVE;"
  fi
  kill "$pid"; wait "$pid" || true
fi
exec mariadbd "$@"
