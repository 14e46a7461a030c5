#!/usr/bin/env bash
# Runs a command with a fresh Redis on loopback, exporting REDIS_URL (and, for tests that stop
# and restart it, MODERNO_TEST_REDIS_DIR and MODERNO_TEST_REDIS_PORT), and stops and deletes it
# afterwards, whatever the command did.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d /tmp/moderno-redis.XXXXXX)"
cleanup() { "$here/redis.sh" stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
REDIS_URL="$("$here/redis.sh" start "$dir")"
export REDIS_URL
export MODERNO_TEST_REDIS_DIR="$dir"
export MODERNO_TEST_REDIS_PORT="${REDIS_URL##*:}"
"$@"
