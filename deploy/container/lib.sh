# Shared by container-test.sh and compose-test.sh (sourced).
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
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
