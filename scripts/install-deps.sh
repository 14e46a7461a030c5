#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing; quiet when all are there.
# Usage: scripts/install-deps.sh [build|test|run|bench|cluster|runtime|container]
#   runtime: only the shared libraries the built binary needs (the container image, deploy/container);
#   container: what `make container-test` needs (Docker, debootstrap, docker-compose).
set -euo pipefail
what="${1:-build}"

build_pkgs=(build-essential cmake pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libmariadb-dev libspdlog-dev libsodium-dev zlib1g-dev libssl-dev
  libcurl4-openssl-dev libgtest-dev libxapian-dev libvips-dev libhiredis-dev)
# clang-16 and its runtime (libFuzzer, sanitizers) build the fuzz harnesses of make fuzz;
# prometheus (promtool) and prometheus-alertmanager (amtool) check deploy/prometheus and
# deploy/alertmanager; python3-yaml writes the live Prometheus test's configuration;
# openssl: the diagnose test serves a short-lived certificate with `openssl s_server`;
# nginx and curl: the nginx_config test runs deploy/nginx in front of a node (HTTP/2 with curl);
# systemd: systemd-analyze verify checks deploy/systemd (no running systemd needed);
# redis-server (with redis-cli): the redis_config test runs deploy/redis/redis.conf, and
# scripts/with-redis.sh the multi-node tests.
test_pkgs=(mariadb-server mariadb-client python3-aiosmtpd chromium clang-16 libclang-rt-16-dev
  prometheus prometheus-alertmanager python3-yaml openssl nginx curl systemd redis-server)
# The cluster on one machine (scripts/cluster.sh, make cluster, ctest cluster).
cluster_pkgs=(mariadb-server mariadb-client redis-server redis-tools nginx)
bench_pkgs=(wrk)
# What a built `moderno` needs to run (its shared libraries), plus ca-certificates for outgoing
# TLS (SMTP, payment providers) and curl for health checks.
runtime_pkgs=(libboost-json1.81.0 libboost-url1.81.0 libsqlite3-0 libmariadb3 libspdlog1.10 libsodium23
  zlib1g libssl3 libcurl4 libxapian30 libvips42 libhiredis0.14 ca-certificates curl)
container_pkgs=(docker.io debootstrap docker-compose)

pkgs=("${build_pkgs[@]}")
# The web app builds with Node (>= 20.19 for Vite 7); install Debian's only when there is none.
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)
case "$what" in
  build|run) ;;
  test) pkgs+=("${test_pkgs[@]}" "${cluster_pkgs[@]}") ;;
  cluster) pkgs+=("${cluster_pkgs[@]}") ;;
  bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  runtime) pkgs=("${runtime_pkgs[@]}") ;;
  container) pkgs=("${container_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|run|bench|cluster|runtime|container]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# On a fresh machine the package lists are empty: the first install fails fast, then
# the lists are refreshed once and the install retried.
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/moderno-apt.log 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/moderno-apt.log 2>&1 \
    || { tail -20 /tmp/moderno-apt.log >&2; exit 1; }
fi
