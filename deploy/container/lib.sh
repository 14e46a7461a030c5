# Shared by container-test.sh, compose-test.sh, cluster-compose.sh and cluster-test.sh (sourced
# after setting here=, the directory of this file).
docker="${DOCKER:-docker}"
dockerd_pid=""
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# N distinct free loopback ports (all held open together while the kernel picks them).
free_ports() {
  /usr/bin/python3 -c 'import socket,sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))' "${1:-1}"
}
free_port() { free_ports 1; }
# A Docker daemon: the running one, or dockerd started here (no systemd), stopped by stop_docker.
ensure_docker() {
  $docker info >/dev/null 2>&1 && return 0
  command -v dockerd >/dev/null && [ "$(id -u)" = 0 ] \
    || { echo "no Docker daemon answers, and dockerd cannot be started here" >&2; exit 1; }
  dockerd >"${TMPDIR:-/tmp}/moderno-dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 150); do $docker info >/dev/null 2>&1 && return 0; sleep 0.2; done
  tail -20 "${TMPDIR:-/tmp}/moderno-dockerd.log" >&2; exit 1
}
stop_docker() {  # only the daemon this script started; KEEP_DOCKERD=1 leaves it running
  if [ -n "$dockerd_pid" ] && [ "${KEEP_DOCKERD:-0}" != 1 ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.1; done
  fi
}
# docker-compose (COMPOSE) on compose.yml and the files a script adds to compose_files, as $project.
compose="${COMPOSE:-docker-compose}"
compose_files=(-f "$here/compose.yml")
dc() { $compose -p "${project:?}" "${compose_files[@]}" "$@"; }
# The variables compose.yml reads: the places (MODERNO_DATA, MODERNO_SECRETS) and, from
# pick_compose_ports, eight free loopback ports and PUBLIC_URL (SCHEME, default https, on HTTPS_PORT).
compose_vars=(MODERNO_DATA MODERNO_SECRETS DB_PORT DB_REPLICA_PORT REDIS_PORT NODE1_PORT NODE2_PORT NODE3_PORT
  HTTPS_PORT HTTP_PORT PUBLIC_URL)
pick_compose_ports() {
  read -r DB_PORT DB_REPLICA_PORT REDIS_PORT NODE1_PORT NODE2_PORT NODE3_PORT HTTPS_PORT HTTP_PORT <<<"$(free_ports 8)"
  PUBLIC_URL="${1:-https}://127.0.0.1:$HTTPS_PORT"
  export "${compose_vars[@]}"
}
# Waits up to $2 seconds (default 30) for a 2xx from URL $1; 1 when none came.
wait_http() {
  for _ in $(seq 1 $((${2:-30} * 5))); do curl -fsSk -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
