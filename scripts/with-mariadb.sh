#!/usr/bin/env bash
# Runs a command with a fresh MariaDB on loopback, exporting MODERNO_TEST_MYSQL_URL (root on a
# throwaway server), and stops and deletes the server afterwards, whatever the command did.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d /tmp/moderno-mariadb.XXXXXX)"
cleanup() { "$here/mariadb.sh" stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
MODERNO_TEST_MYSQL_URL="$("$here/mariadb.sh" start "$dir")"
export MODERNO_TEST_MYSQL_URL
export MODERNO_TEST_BACKEND=mysql
"$@"
