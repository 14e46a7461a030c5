# Helpers shared by the scripts (sourced).
# A free loopback port: the kernel chooses one, then it is released for the server to bind.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Stops the process whose id is in FILE (signal SIG, TERM by default), waits up to 30 s for it
# to exit, kills it if it has not, and removes FILE. Nothing to do without FILE.
stop_pid() {
  local file="$1" sig="${2:-TERM}"
  [ -f "$file" ] || return 0
  local pid
  pid="$(cat "$file")"
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}
