#!/usr/bin/env bash
# Makes the local base image (default moderno/debian:bookworm) from Debian's own packages: no
# image registry is needed. debootstrap --variant=minbase into a temporary directory, from the
# Debian mirror this machine's apt uses, then `docker import`. Skipped when the image exists
# (FORCE=1 makes it again).
# Usage: deploy/container/make-base.sh [IMAGE]
set -euo pipefail
image="${1:-moderno/debian:bookworm}"
docker="${DOCKER:-docker}"

if [ "${FORCE:-0}" != 1 ] && $docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image exists"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing (scripts/install-deps.sh container)" >&2; exit 1; }

# The first Debian mirror apt is configured with (deb822 .sources or one-line .list), else deb.debian.org.
mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror=$(grep -hE '^\s*URIs:\s*\S+/debian/?\s*$' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1 || true)
fi
if [ -z "$mirror" ]; then
  mirror=$(grep -hE '^\s*deb\s+\S+/debian/?\s+bookworm\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | head -1 || true)
fi
mirror="${mirror:-http://deb.debian.org/debian}"

root=$(mktemp -d "${TMPDIR:-/tmp}/moderno-base.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# The image's apt uses the same mirror, plus the security suite when it is the official one.
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
echo "deb $mirror bookworm-updates main" >>"$root/etc/apt/sources.list"
case "$mirror" in
  http://deb.debian.org/debian|https://deb.debian.org/debian)
    echo "deb http://deb.debian.org/debian-security bookworm-security main" >>"$root/etc/apt/sources.list" ;;
esac
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | $docker import -c 'CMD ["/bin/bash"]' - "$image" >/dev/null
echo "base image $image made"
