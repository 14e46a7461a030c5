#!/usr/bin/env bash
# Prepares deploy/container for the compose file: the data dirs under ./data (the nodes' owned
# by the image's moderno user, uid 10001), and secrets.env (mode 0600, not in git) with random
# JWT_SECRET, ENCRYPTION_KEY and passwords and the URLs built from them (kept when it exists).
# Usage: deploy/container/prepare.sh   (ports: DB_PORT, DB_REPLICA_PORT, REDIS_PORT; places:
#        MODERNO_DATA, MODERNO_SECRETS, as in compose.yml)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
out="${MODERNO_SECRETS:-secrets.env}"
data="${MODERNO_DATA:-./data}"
mkdir -p "$data"/{mariadb-primary,mariadb-replica,redis,node1,node2,node3,media,tls}
chown 10001:10001 "$data"/{node1,node2,node3,media}
chmod 0700 "$data"
[ -e "$out" ] && { echo "$out exists; kept"; exit 0; }
umask 077
shop=$(openssl rand -hex 24) repl=$(openssl rand -hex 24) redis=$(openssl rand -hex 24)
cat >"$out" <<SECRETS
# Made by prepare.sh: the same file for every node (copy it, never regenerate it, when
# adding a node: tokens and encrypted addresses depend on these).
JWT_SECRET=$(openssl rand -hex 32)
ENCRYPTION_KEY=$(openssl rand -base64 32)
MARIADB_SHOP_PASSWORD=$shop
MARIADB_REPL_PASSWORD=$repl
REDIS_PASSWORD=$redis
DATABASE_URL=mysql://shop:$shop@127.0.0.1:${DB_PORT:-3306}/moderno
DATABASE_REPLICA_URL=mysql://shop:$shop@127.0.0.1:${DB_REPLICA_PORT:-3307}/moderno
REDIS_URL=redis://:$redis@127.0.0.1:${REDIS_PORT:-6379}/0
SECRETS
echo "$out written"
