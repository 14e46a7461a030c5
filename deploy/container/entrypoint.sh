#!/bin/sh
# The node image's entrypoint: `moderno ARGS...`. Before `serve`, pending migrations are applied
# (as ExecStartPre does in deploy/systemd/moderno@.service) unless MIGRATE_ON_START=false (the
# compose file lets only the first node migrate).
set -e
if [ "${1:-}" = serve ] && [ "${MIGRATE_ON_START:-true}" != false ]; then
  moderno migrate
fi
exec moderno "$@"
