#!/bin/sh
# nginx in the compose file: deploy/nginx (mounted at /etc/moderno/nginx) rendered for this host
# by render-loopback.sh with the nodes of NODES ("127.0.0.1:8081 127.0.0.1:8082 ..."). A
# certificate in /etc/moderno/tls (fullchain.pem, privkey.pem) is used; otherwise a self-signed one.
# NGINX_RENDER_FLAGS: more render-loopback.sh options (the cluster tests: --plain-http --no-rate-limits).
set -eu
dir=/var/lib/nginx/moderno
set -- "$dir" --https-port "${HTTPS_PORT:?}" --http-port "${HTTP_PORT:?}" --web-dist /srv/moderno/web/dist
for n in ${NODES:?}; do set -- "$@" --node "$n"; done
if [ -f /etc/moderno/tls/fullchain.pem ]; then
  set -- "$@" --cert /etc/moderno/tls/fullchain.pem --key /etc/moderno/tls/privkey.pem
fi
# shellcheck disable=SC2086  # the flags are words
/etc/moderno/nginx/render-loopback.sh "$@" ${NGINX_RENDER_FLAGS:-} >/dev/null
exec nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
