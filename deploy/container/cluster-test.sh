#!/usr/bin/env bash
# make container-test, the cluster part: the node and infra images (build-image.sh --all, cached),
# then the cluster tests (server/tests/cluster/cluster_test.py, ctest `cluster`) against them:
# CLUSTER_SCRIPT=deploy/container/cluster-compose.sh runs the same topology from the images
# through compose.yml. CLUSTER_CHECKS="name ..." runs only those checks. Prints the timings.
# Starts dockerd when none answers and stops it afterwards (KEEP_DOCKERD=1 leaves it running).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
trap stop_docker EXIT
t0=$(now)
ensure_docker
"$here/build-image.sh" --all
t1=$(now)
rc=0
CLUSTER_SCRIPT="$here/cluster-compose.sh" /usr/bin/python3 "$repo/server/tests/cluster/cluster_test.py" \
  "${BUILD_DIR:-$repo/build}/moderno" "$repo" || rc=$?
t2=$(now)
echo "timings: images $(secs "$t0" "$t1") s, cluster tests on the containers $(secs "$t1" "$t2") s"
exit $rc
