#!/usr/bin/env bash
# deploy/systemd checked by `systemd-analyze verify` (no running systemd needed): the template
# unit as instance moderno@node1 and moderno.target. The unit's release path /srv/moderno/current
# is pointed at a temp dir holding the real binary, so its Exec lines are checked too. Any
# complaint fails the test (an unknown key only warns, with exit 0).
# Usage: systemd_test.sh MODERNO_BIN REPO_ROOT
set -euo pipefail
bin=$(realpath "$1") root=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/release" "$tmp/units"
cp "$bin" "$tmp/release/moderno"
sed "s|/srv/moderno/current|$tmp/release|g" "$root/deploy/systemd/moderno@.service" >"$tmp/units/moderno@.service"
cp "$root/deploy/systemd/moderno.target" "$tmp/units/"
cd "$tmp/units"
fail=0
check() {  # what, then the command; passes when it exits 0 and prints nothing
  local what=$1; shift
  local out
  if out=$("$@" 2>&1) && [ -z "$out" ]; then echo "ok   $what"; else echo "FAIL $what"; echo "$out"; fail=1; fi
}
check "systemd-analyze verify moderno@node1.service" systemd-analyze verify moderno@node1.service
check "systemd-analyze verify moderno.target" systemd-analyze verify moderno.target
# The checker itself: an unknown key must be reported (else the checks above prove nothing).
echo "NoSuchKey=1" >>"moderno@.service"
out=$(systemd-analyze verify moderno@node1.service 2>&1 || true)
if grep -q "NoSuchKey" <<<"$out"; then echo "ok   an unknown key is reported"; else echo "FAIL an unknown key went unnoticed"; fail=1; fi
# The sandboxing the unit promises (docs/DEPLOY.md).
for key in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes CapabilityBoundingSet= \
           SystemCallFilter=@system-service StateDirectory=moderno/%i "EnvironmentFile=/etc/moderno/%i.env"; do
  if grep -qxF "$key" "$root/deploy/systemd/moderno@.service"; then echo "ok   $key"; else echo "FAIL $key missing"; fail=1; fi
done
exit $fail
