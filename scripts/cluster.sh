#!/usr/bin/env bash
# The scaled-out shop on one machine, on loopback only, without systemd: a MariaDB primary and a
# real replica of it, Redis, three moderno nodes sharing JWT_SECRET and ENCRYPTION_KEY, and nginx
# in front of them with the repository's deploy/nginx configuration (deploy/nginx/render-loopback.sh:
# ports and paths rewritten, plain HTTP, rate limits raised). Everything lives in DIR, each
# process with a pid file.
#
# Usage: scripts/cluster.sh up DIR         start everything, migrate, seed the demo store, and
#                                          write DIR/cluster.env (NGINX_URL, NODE_URLS, ...)
#        scripts/cluster.sh down DIR       stop everything it started
#        scripts/cluster.sh stop-node DIR N [kill]   stop node N (SIGTERM, or SIGKILL with kill)
#        scripts/cluster.sh start-node DIR N         start node N again and wait for its health
#        scripts/cluster.sh stop-db DIR primary|replica / start-db DIR primary|replica
#        scripts/cluster.sh stop-redis DIR / start-redis DIR
# MODERNO_BIN (default build/moderno) is the binary; NODES (default 3) the number of nodes.
# Any RATE_LIMIT_* and LOG_LEVEL in the environment are passed on to the nodes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cmd="${1:?up|down|stop-node|start-node|stop-db|start-db}"
dir="${2:?directory}"
bin="${MODERNO_BIN:-$root/build/moderno}"
nodes="${NODES:-3}"

. "$here/lib.sh"  # free_port, stop_pid

# Waits up to $2 seconds for an HTTP 200 from $1.
wait_http() {
  local url="$1" limit="${2:-30}"
  for _ in $(seq 1 $((limit * 10))); do
    if /usr/bin/python3 - "$url" <<'EOF' 2>/dev/null; then return 0; fi
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=1).status == 200 else 1)
EOF
    sleep 0.1
  done
  echo "no answer from $url" >&2
  return 1
}

start_node() {
  local n="$1" d="$dir/node$1"
  local port
  port="$(cat "$d/port")"
  (cd "$root" && exec "$bin" serve --data-dir "$d" --port "$port") >>"$d/node.log" 2>&1 &
  echo $! >"$d/pid"
  wait_http "http://127.0.0.1:$port/health" 60
}

start_redis() {  # on the port it had
  local port
  port="$(cat "$dir/redis/port")"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$dir/redis" >>"$dir/redis/redis.log" 2>&1 &
  echo $! >"$dir/redis/pid"
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not answer on $port" >&2
  return 1
}

start_db() {  # primary|replica, on the port it had
  local role="$1"
  local id=1
  [ "$role" = replica ] && id=2
  MARIADB_SERVER_ID=$id "$here/mariadb.sh" start "$dir/$role" "$(cat "$dir/$role/port")" >/dev/null
}

up() {
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ -x "$bin" ] || { echo "no moderno binary at $bin (make build, or MODERNO_BIN)" >&2; exit 1; }
  # A step that fails stops whatever had started.
  trap 'echo "cluster up failed; stopping what it started" >&2; down' ERR
  # MariaDB: a primary with a binary log, and a replica following it by GTID.
  for role in primary replica; do
    mkdir -p "$dir/$role"
    free_port >"$dir/$role/port"
    start_db "$role"
  done
  local pport rport
  pport="$(cat "$dir/primary/port")"
  rport="$(cat "$dir/replica/port")"
  "$here/mariadb.sh" replicate "$dir/replica" "$pport"
  mariadb --no-defaults -h127.0.0.1 -P"$pport" -uroot -e \
    "CREATE DATABASE IF NOT EXISTS moderno CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER IF NOT EXISTS 'moderno'@'127.0.0.1' IDENTIFIED BY 'moderno';
     GRANT ALL ON moderno.* TO 'moderno'@'127.0.0.1';"
  local db_url="mysql://moderno:moderno@127.0.0.1:$pport/moderno"
  local replica_url="mysql://moderno:moderno@127.0.0.1:$rport/moderno"
  # Redis (the nodes get REDIS_URL; a build without Redis support ignores it).
  mkdir -p "$dir/redis"
  local redis_port
  redis_port="$(free_port)"
  echo "$redis_port" >"$dir/redis/port"
  start_redis
  # One secret pair for every node: a token signed by one is valid on all.
  local jwt key
  jwt="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 48)"
  key="$(head -c 32 /dev/urandom | base64)"
  local node_ports="" node_urls=""
  for n in $(seq 1 "$nodes"); do
    local d="$dir/node$n" p
    mkdir -p "$d"
    p="$(free_port)"
    echo "$p" >"$d/port"
    node_ports+="$p "
    node_urls+="http://127.0.0.1:$p "
    {
      echo "DATABASE_URL=$db_url"
      echo "DATABASE_REPLICA_URL=$replica_url"
      echo "REDIS_URL=redis://127.0.0.1:$redis_port/0"
      echo "JWT_SECRET=$jwt"
      echo "ENCRYPTION_KEY=$key"
      echo "TRUSTED_PROXIES=127.0.0.1"
      echo "WEB_DIST=$root/web/dist"
      env | grep -E '^(RATE_LIMIT_[A-Z]+|LOG_LEVEL|STAFF_2FA|DATABASE_REPLICA_[A-Z_]+|CACHE_TTL_SECONDS|SWEEP_INTERVAL_SECONDS)=' || true
    } >"$d/.env"
    chmod 600 "$d/.env"
  done
  # Schema and demo store once, through the primary.
  (cd "$root" && "$bin" migrate --data-dir "$dir/node1" >/dev/null)
  (cd "$root" && "$bin" seed --demo --data-dir "$dir/node1" >/dev/null)
  local admin_email="${CLUSTER_ADMIN_EMAIL:-admin@cluster.test}" admin_password
  admin_password="${CLUSTER_ADMIN_PASSWORD:-Cluster-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')-2026}"
  (cd "$root" && "$bin" create-admin --email "$admin_email" --password "$admin_password" --name "Admin" \
    --data-dir "$dir/node1" >/dev/null)
  for n in $(seq 1 "$nodes"); do start_node "$n"; done
  # nginx with the production site (deploy/nginx) rendered for loopback: plain HTTP on one port,
  # the per-client rate limits raised (every test client is 127.0.0.1), workers as root when
  # started by root (the cluster directory is private).
  local nginx_port redirect_port node_args=()
  nginx_port="$(free_port)"
  redirect_port="$(free_port)"
  for p in $node_ports; do node_args+=(--node "127.0.0.1:$p"); done
  "$root/deploy/nginx/render-loopback.sh" "$dir/nginx" --https-port "$nginx_port" --http-port "$redirect_port" \
    "${node_args[@]}" --web-dist "$root/web/dist" --plain-http --no-rate-limits \
    $([ "$(id -u)" = 0 ] && echo --user root) >/dev/null
  nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/logs/error.log" >"$dir/nginx/stdout.log" 2>&1 &
  echo $! >"$dir/nginx/pid"
  wait_http "http://127.0.0.1:$nginx_port/health" 30
  cat >"$dir/cluster.env" <<EOF
NGINX_URL=http://127.0.0.1:$nginx_port
NODE_URLS="${node_urls% }"
DATABASE_URL=$db_url
DATABASE_REPLICA_URL=$replica_url
REDIS_URL=redis://127.0.0.1:$redis_port/0
ADMIN_EMAIL=$admin_email
ADMIN_PASSWORD=$admin_password
EOF
  chmod 600 "$dir/cluster.env"
  echo "cluster up: http://127.0.0.1:$nginx_port (nodes: ${node_urls% }); stop with: $0 down $dir"
}

down() {
  [ -d "$dir" ] || return 0
  stop_pid "$dir/nginx/pid"
  for d in "$dir"/node*; do [ -d "$d" ] && stop_pid "$d/pid"; done
  stop_pid "$dir/redis/pid"
  "$here/mariadb.sh" stop "$dir/replica"
  "$here/mariadb.sh" stop "$dir/primary"
}

case "$cmd" in
  up) up ;;
  down) down ;;
  stop-node) stop_pid "$dir/node${3:?node}/pid" "$([ "${4:-}" = kill ] && echo KILL || echo TERM)" ;;
  start-node) start_node "${3:?node}" ;;
  stop-db) "$here/mariadb.sh" stop "$dir/${3:?primary|replica}" ;;
  start-db) start_db "${3:?primary|replica}" ;;
  stop-redis) stop_pid "$dir/redis/pid" ;;
  start-redis) start_redis ;;
  *) echo "usage: $0 up|down|stop-node|start-node|stop-db|start-db|stop-redis|start-redis DIR ..." >&2; exit 2 ;;
esac
