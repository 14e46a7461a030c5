#!/usr/bin/env bash
# Writes a self-contained copy of this directory's nginx configuration for a loopback run (tests,
# a cluster on one machine): the same site file with its listen ports, file paths and nodes
# rewritten, and a main nginx.conf with `daemon off`, the pid, logs and temp paths under DIR.
# Without --cert/--key a self-signed certificate for 127.0.0.1/localhost is made with openssl.
#
# Usage: deploy/nginx/render-loopback.sh DIR --https-port N --http-port N --node HOST:PORT
#          [--node HOST:PORT ...] [--web-dist PATH] [--cert FULLCHAIN --key PRIVKEY]
#          [--plain-http] [--no-rate-limits] [--user NAME]
#   --plain-http      the main server speaks plain HTTP/1.1 on --https-port (no TLS lines), for
#                     load tests and clients without TLS; the redirect server stays on --http-port
#   --no-rate-limits  every limit_req zone's rate raised to 100000r/s (all test clients are 127.0.0.1)
#   --user NAME       the workers' user (as root without it they run as nobody, who must be able to
#                     read DIR and the web dist)
# Then:  nginx -t -p DIR -c DIR/nginx.conf -e DIR/logs/error.log   (check)
#        nginx -p DIR -c DIR/nginx.conf -e DIR/logs/error.log &     (run; stop with kill on its pid)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n 2,12p "$0" >&2; exit 2; }
dir=$1; shift
https_port="" http_port="" web_dist="$here/../../web/dist" cert="" key="" plain=0 no_limits=0 user=""
nodes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --https-port) https_port=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --node) nodes+=("$2"); shift 2 ;;
    --web-dist) web_dist=$2; shift 2 ;;
    --cert) cert=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --plain-http) plain=1; shift ;;
    --no-rate-limits) no_limits=1; shift ;;
    --user) user=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$https_port" ] && [ -n "$http_port" ] && [ ${#nodes[@]} -gt 0 ] \
  || { echo "--https-port, --http-port and at least one --node are needed" >&2; exit 2; }

mkdir -p "$dir"/{snippets,tls,logs,cache,tmp,acme}
dir=$(cd "$dir" && pwd)
web_dist=$(cd "$web_dist" 2>/dev/null && pwd || echo "$web_dist")

if [ -n "$cert" ]; then
  cp "$cert" "$dir/tls/fullchain.pem"; cp "$key" "$dir/tls/privkey.pem"
  cp "$cert" "$dir/tls/chain.pem"
elif [ ! -f "$dir/tls/privkey.pem" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$dir/tls/privkey.pem" -out "$dir/tls/fullchain.pem" 2>/dev/null
  cp "$dir/tls/fullchain.pem" "$dir/tls/chain.pem"
fi
chmod 600 "$dir/tls/privkey.pem"

cp "$here"/snippets/*.conf "$dir/snippets/"
{
  echo "# Written by deploy/nginx/render-loopback.sh from moderno-upstream.conf."
  echo "upstream moderno {"
  echo "    least_conn;"
  for n in "${nodes[@]}"; do echo "    server $n max_fails=3 fail_timeout=10s;"; done
  echo "    keepalive 64;"
  echo "    keepalive_requests 10000;"
  echo "}"
} >"$dir/moderno-upstream.conf"

# Only these lines change: listen addresses, file paths. Everything else is the production file.
sed -e "s|^\(\s*\)listen 443 ssl http2;|\1listen 127.0.0.1:$https_port ssl http2;|" \
    -e "s|^\(\s*\)listen 80;|\1listen 127.0.0.1:$http_port;|" \
    -e '/^\s*listen \[::\]/d' \
    -e "s|/etc/ssl/moderno/|$dir/tls/|g" \
    -e "s|/var/cache/nginx/moderno|$dir/cache|g" \
    -e "s|/var/log/nginx/|$dir/logs/|g" \
    -e "s|/srv/moderno/web/dist|$web_dist|g" \
    -e "s|/var/www/letsencrypt|$dir/acme|g" \
    "$here/moderno.conf" >"$dir/moderno.conf"
grep -q "listen 127.0.0.1:$https_port ssl http2;" "$dir/moderno.conf" \
  && grep -q "listen 127.0.0.1:$http_port;" "$dir/moderno.conf" \
  || { echo "render-loopback.sh: the listen lines of moderno.conf were not found" >&2; exit 1; }
if [ $plain = 1 ]; then
  sed -i -e "s|listen 127.0.0.1:$https_port ssl http2;|listen 127.0.0.1:$https_port;|" \
    -e '/^\s*ssl_[a-z_]* /d' -e '/^\s*resolver\(_timeout\)\? /d' "$dir/moderno.conf"
fi
if [ $no_limits = 1 ]; then
  sed -i -E 's/(limit_req_zone .* rate=)[0-9]+r\/[sm];/\1100000r\/s;/' "$dir/moderno.conf"
  ! grep -qE 'limit_req_zone .* rate=[0-9]+r/m;' "$dir/moderno.conf" \
    || { echo "render-loopback.sh: a rate was not raised" >&2; exit 1; }
fi

cat >"$dir/nginx.conf" <<CONF
# Written by deploy/nginx/render-loopback.sh: a loopback nginx for tests. Production uses
# Debian's /etc/nginx/nginx.conf, which includes conf.d/*.conf the same way.
daemon off;
${user:+user $user;}
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/tmp/client_body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/moderno-upstream.conf;
    include $dir/moderno.conf;
}
CONF
echo "$dir/nginx.conf"
