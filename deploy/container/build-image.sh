#!/usr/bin/env bash
# Builds the node image (default moderno:latest) from the local base image (make-base.sh, made
# first if missing), the built binary and web app: `make build` first.
# With --all, also the image of the compose file's MariaDB, Redis and nginx (moderno/infra:latest).
# Usage: deploy/container/build-image.sh [--all] [IMAGE]   (BUILD_DIR, BASE_IMAGE, DOCKER may be set)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
all=0
[ "${1:-}" = --all ] && { all=1; shift; }
image="${1:-moderno:latest}"
base="${BASE_IMAGE:-moderno/debian:bookworm}"
build_dir="${BUILD_DIR:-$repo/build}"
docker="${DOCKER:-docker}"
[ -x "$build_dir/moderno" ] || { echo "no $build_dir/moderno: run make build first" >&2; exit 1; }
[ -f "$repo/web/dist/index.html" ] || { echo "no web/dist: run make web first" >&2; exit 1; }
DOCKER="$docker" "$here/make-base.sh" "$base"

ctx=$(mktemp -d "${TMPDIR:-/tmp}/moderno-image.XXXXXX")
trap 'rm -rf "$ctx"' EXIT
cp "$build_dir/moderno" "$ctx/moderno"
strip --strip-unneeded "$ctx/moderno" 2>/dev/null || true
mkdir -p "$ctx/web"
cp -r "$repo/web/dist" "$ctx/web/dist"
cp "$repo/scripts/install-deps.sh" "$here/entrypoint.sh" "$here/Dockerfile" "$ctx/"
$docker build --network host --build-arg BASE="$base" -t "$image" "$ctx" >"$ctx.log" 2>&1 \
  || { tail -30 "$ctx.log" >&2; rm -f "$ctx.log"; exit 1; }
rm -f "$ctx.log"
echo "image $image built"

if [ $all = 1 ]; then
  rm -rf "${ctx:?}"/*
  cp -r "$here/services" "$here/Dockerfile.infra" "$ctx/"
  $docker build --network host --build-arg BASE="$base" -f "$ctx/Dockerfile.infra" -t moderno/infra:latest "$ctx" \
    >"$ctx.log" 2>&1 || { tail -30 "$ctx.log" >&2; rm -f "$ctx.log"; exit 1; }
  rm -f "$ctx.log"
  echo "image moderno/infra:latest built"
fi
