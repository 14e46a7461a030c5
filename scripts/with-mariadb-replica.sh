#!/usr/bin/env bash
# Runs a command with a fresh MariaDB primary and a real replica of it (GTID replication) on
# loopback, exporting MODERNO_TEST_MYSQL_URL (root on the primary) and
# MODERNO_TEST_MYSQL_REPLICA_URL (root on the replica); stops and deletes both afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d /tmp/moderno-replica.XXXXXX)"
cleanup() { "$here/mariadb.sh" stop "$dir/replica"; "$here/mariadb.sh" stop "$dir/primary"; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
MODERNO_TEST_MYSQL_URL="$(MARIADB_SERVER_ID=1 "$here/mariadb.sh" start "$dir/primary")"
MODERNO_TEST_MYSQL_REPLICA_URL="$(MARIADB_SERVER_ID=2 "$here/mariadb.sh" start "$dir/replica")"
primary_port="${MODERNO_TEST_MYSQL_URL##*:}"
primary_port="${primary_port%%/*}"
"$here/mariadb.sh" replicate "$dir/replica" "$primary_port"
export MODERNO_TEST_MYSQL_URL MODERNO_TEST_MYSQL_REPLICA_URL
export MODERNO_TEST_BACKEND=mysql
"$@"
