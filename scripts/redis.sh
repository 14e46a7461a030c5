#!/usr/bin/env bash
# Starts or stops a throwaway Redis on loopback, in a directory of its own, without systemd and
# without persistence. Usage: scripts/redis.sh start DIR [PORT]   (prints redis://127.0.0.1:PORT)
#                             scripts/redis.sh stop DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"  # free_port, stop_pid
cmd="${1:?start|stop}"
dir="${2:?directory}"

case "$cmd" in
  start)
    port="${3:-$(free_port)}"
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$dir" \
      --logfile "$dir/redis.log" >/dev/null 2>&1 &
    echo $! > "$dir/redis.pid"
    for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        echo "redis://127.0.0.1:${port}"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then break; fi
      sleep 0.05
    done
    echo "redis-server did not start; see $dir/redis.log" >&2
    tail -20 "$dir/redis.log" >&2 || true
    exit 1
    ;;
  stop) stop_pid "$dir/redis.pid" ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
