#!/bin/sh
# Redis in the compose file, with deploy/redis/redis.conf (mounted at /etc/moderno/redis): the
# password file it includes is written from REDIS_PASSWORD; address, port and dir for this host.
set -eu
umask 077
echo "requirepass ${REDIS_PASSWORD:?}" >/etc/redis/moderno-secrets.conf
exec redis-server /etc/moderno/redis/redis.conf --port "${PORT:?}" --bind 127.0.0.1 --dir /data \
  --supervised no
