#!/usr/bin/env bash
# scripts/cluster.sh's interface, with the cluster run from the container images through
# compose.yml (plus compose-cluster.yml: plain HTTP on nginx, the tests' node settings) on free
# loopback ports: MariaDB primary + replica, Redis, three nodes, nginx. Data, secrets and the
# ports (DIR/compose.env) live in DIR; DIR/cluster.env is the one cluster.sh writes, and the
# rendered DIR/nginx/moderno-upstream.conf is copied out of the nginx container.
# The images must exist (build-image.sh --all); cluster-test.sh builds them and runs the tests.
#
# Usage: deploy/container/cluster-compose.sh up DIR | down DIR
#        ... stop-node DIR N [kill] | start-node DIR N | stop-db DIR primary|replica |
#        start-db DIR primary|replica | stop-redis DIR | start-redis DIR
# Passed on to the nodes from the environment, as cluster.sh does: RATE_LIMIT_*, LOG_LEVEL,
# STAFF_2FA, DATABASE_REPLICA_*, CACHE_TTL_SECONDS, SWEEP_INTERVAL_SECONDS.
# Starts dockerd when none answers (stopped again by down).
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
cmd="${1:?up|down|stop-node|start-node|stop-db|start-db|stop-redis|start-redis}"
dir="${2:?directory}"
image="${IMAGE:-moderno:latest}"
compose_files+=(-f "$here/compose-cluster.yml")

# The settings of an existing cluster (ports, places, project name), for every command but up.
load() {
  [ -f "$dir/compose.env" ] || { echo "no cluster in $dir (no compose.env)" >&2; exit 1; }
  set -a; . "$dir/compose.env"; set +a
  . "$MODERNO_SECRETS"
}

# MariaDB answering the shop's account on a port: the server that stays (its first-start setup
# runs socket only), and on the replica the account has come through replication.
wait_db() {  # port [seconds]
  for _ in $(seq 1 $((${2:-60} * 5))); do
    mariadb --no-defaults -h127.0.0.1 -P"$1" -ushop -p"$MARIADB_SHOP_PASSWORD" -e 'SELECT 1' moderno \
      >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "MariaDB on $1 did not answer" >&2; return 1
}
wait_redis() {
  for _ in $(seq 1 150); do
    [ "$(redis-cli -p "$REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.2
  done
  echo "Redis on $REDIS_PORT did not answer" >&2; return 1
}
wait_node() {  # N
  local var="NODE${1}_PORT"
  wait_http "http://127.0.0.1:${!var}/health" 60 || { echo "node$1 did not answer on ${!var}" >&2; return 1; }
}
db_port() { [ "$1" = replica ] && echo "$DB_REPLICA_PORT" || echo "$DB_PORT"; }

# A one-off node command (migrate, seed, create-admin) with node1's volumes and settings.
node_run() {
  $docker run --rm --network host --env-file "$MODERNO_SECRETS" --env-file "$MODERNO_NODE_ENV" \
    -v "$MODERNO_DATA/node1:/var/lib/moderno" -v "$MODERNO_DATA/media:/var/lib/moderno/media" "$image" "$@"
}

up() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  trap 'echo "cluster up failed; stopping what it started" >&2; down' ERR
  ensure_docker
  [ -n "$dockerd_pid" ] && echo "$dockerd_pid" >"$dir/dockerd.pid"
  $docker image inspect "$image" moderno/infra:latest >/dev/null \
    || { echo "no $image or moderno/infra:latest: deploy/container/build-image.sh --all" >&2; false; }
  project="moderno-cl-$(basename "$dir" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9_-')"
  MODERNO_DATA="$dir" MODERNO_SECRETS="$dir/secrets.env"
  export MODERNO_NODE_ENV="$dir/node.env"
  pick_compose_ports http
  { for v in "${compose_vars[@]}" MODERNO_NODE_ENV; do echo "$v=${!v}"; done; echo "project=$project"; } >"$dir/compose.env"
  "$here/prepare.sh" >/dev/null
  . "$MODERNO_SECRETS"
  (umask 077; env | grep -E '^(RATE_LIMIT_[A-Z]+|LOG_LEVEL|STAFF_2FA|DATABASE_REPLICA_[A-Z_]+|CACHE_TTL_SECONDS|SWEEP_INTERVAL_SECONDS)=' \
    >"$MODERNO_NODE_ENV" || true)
  dc up -d mariadb-primary mariadb-replica redis >"$dir/up.log" 2>&1 || { cat "$dir/up.log" >&2; false; }
  wait_db "$DB_PORT"
  wait_db "$DB_REPLICA_PORT"
  wait_redis
  # Schema and demo store once, through the primary, before the nodes start (as cluster.sh).
  node_run migrate >/dev/null
  node_run seed --demo >/dev/null
  local admin_email="${CLUSTER_ADMIN_EMAIL:-admin@cluster.test}" admin_password
  admin_password="${CLUSTER_ADMIN_PASSWORD:-Cluster-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')-2026}"
  node_run create-admin --email "$admin_email" --password "$admin_password" --name Admin >/dev/null
  dc up -d >>"$dir/up.log" 2>&1 || { cat "$dir/up.log" >&2; false; }
  local n node_urls=""
  for n in 1 2 3; do
    wait_node "$n"
    local var="NODE${n}_PORT"
    node_urls+="http://127.0.0.1:${!var} "
  done
  wait_http "$PUBLIC_URL/health" 60 || { echo "no answer through nginx at $PUBLIC_URL" >&2; false; }
  mkdir -p "$dir/nginx"
  dc exec -T nginx cat /var/lib/nginx/moderno/moderno-upstream.conf >"$dir/nginx/moderno-upstream.conf"
  (umask 077; cat >"$dir/cluster.env" <<EOF
NGINX_URL=$PUBLIC_URL
NODE_URLS="${node_urls% }"
DATABASE_URL=$DATABASE_URL
DATABASE_REPLICA_URL=$DATABASE_REPLICA_URL
REDIS_URL=$REDIS_URL
ADMIN_EMAIL=$admin_email
ADMIN_PASSWORD=$admin_password
EOF
  )
  trap - ERR
  echo "cluster up (containers, project $project): $PUBLIC_URL (nodes: ${node_urls% }); stop with: $0 down $dir"
}

down() {
  [ -f "$dir/compose.env" ] || return 0
  load
  dc down --timeout 30 >/dev/null 2>&1 || true
  if [ -f "$dir/dockerd.pid" ]; then
    dockerd_pid=$(cat "$dir/dockerd.pid")
    stop_docker
    rm -f "$dir/dockerd.pid"
  fi
}

case "$cmd" in
  up) up ;;
  down) down ;;
  stop-node) load; n="${3:?node}"
    if [ "${4:-}" = kill ]; then dc kill -s SIGKILL "node$n" >/dev/null 2>&1; else dc stop -t 30 "node$n" >/dev/null 2>&1; fi ;;
  start-node) load; dc start "node${3:?node}" >/dev/null 2>&1; wait_node "$3" ;;
  stop-db) load; dc stop -t 60 "mariadb-${3:?primary|replica}" >/dev/null 2>&1 ;;
  start-db) load; dc start "mariadb-${3:?primary|replica}" >/dev/null 2>&1; wait_db "$(db_port "$3")" ;;
  stop-redis) load; dc stop redis >/dev/null 2>&1 ;;
  start-redis) load; dc start redis >/dev/null 2>&1; wait_redis ;;
  *) echo "usage: $0 up|down|stop-node|start-node|stop-db|start-db|stop-redis|start-redis DIR ..." >&2; exit 2 ;;
esac
