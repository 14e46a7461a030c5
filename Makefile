# eCommerce Moderno — the two commands: `make run` and `make test`.
BUILD_DIR ?= build
DATA_DIR ?= data
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: run test build deps test-deps configure serve migrate seed bench sanitize fuzz clean web web-test \
  container-image container-test compose-test cluster

run: deps build
	./$(BUILD_DIR)/moderno migrate --data-dir $(DATA_DIR)
	./$(BUILD_DIR)/moderno seed --demo --data-dir $(DATA_DIR)
	./$(BUILD_DIR)/moderno serve --data-dir $(DATA_DIR)

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 900
	$(MAKE) web-test
	$(MAKE) sanitize
	$(MAKE) fuzz

# The demo store scaled out on this machine (scripts/cluster.sh): MariaDB primary + replica,
# Redis, three nodes and nginx on loopback, until Ctrl-C (which stops everything).
CLUSTER_DIR ?= /tmp/moderno-cluster
cluster: build
	@scripts/install-deps.sh cluster
	@scripts/cluster.sh down $(CLUSTER_DIR); rm -rf $(CLUSTER_DIR)
	@trap 'scripts/cluster.sh down $(CLUSTER_DIR)' EXIT INT TERM; \
	  scripts/cluster.sh up $(CLUSTER_DIR) && . $(CLUSTER_DIR)/cluster.env && \
	  echo "staff sign-in: $$ADMIN_EMAIL / $$ADMIN_PASSWORD; Ctrl-C stops the cluster" && \
	  while sleep 3600; do :; done

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)
	$(MAKE) web

# The web app (web/): npm ci when node_modules is missing or older than the lock file, then
# vite build into web/dist, which moderno serves.
WEB_STAMP := web/node_modules/.package-lock.json
web: $(WEB_STAMP)
	cd web && npm run build

$(WEB_STAMP): web/package.json web/package-lock.json
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("web/ needs Node >= 20.19 (found "+process.version+")"); process.exit(1) }'
	cd web && npm ci --no-audit --no-fund

# Vitest, then the Playwright suite (Debian's chromium) against a fresh demo store.
web-test: test-deps web
	cd web && npm run lint
	cd web && npx vitest run
	cd web && MODERNO_BIN=$(abspath $(BUILD_DIR))/moderno node e2e/run.mjs

configure:
	@test -f $(BUILD_DIR)/CMakeCache.txt || cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

bench: deps build
	@scripts/install-deps.sh bench
	bench/run.sh
	BIN=./$(BUILD_DIR)/moderno bench/checkout.sh
	BIN=./$(BUILD_DIR)/moderno bench/search.sh
	BIN=./$(BUILD_DIR)/moderno bench/dashboard.sh

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@test -f build-asan/CMakeCache.txt || cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMODERNO_SANITIZE=ON
	cmake --build build-asan -j $(JOBS) --target moderno_unit_tests moderno_db_tests
	cd build-asan && ctest --output-on-failure --timeout 900 -R '^(unit|db_http_sqlite)$$'

# libFuzzer harnesses (server/fuzz), built with clang in their own directory, each run for
# FUZZ_SECONDS from a copy of its seed corpus; FUZZ_TARGETS="csv template" runs only those.
FUZZ_DIR ?= build-fuzz
FUZZ_CXX ?= clang++-16
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?=
fuzz: test-deps
	@test -f $(FUZZ_DIR)/CMakeCache.txt || CXX=$(FUZZ_CXX) cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Debug \
	  -DMODERNO_FUZZ=ON -DMODERNO_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Containers (deploy/container, docs/DEPLOY.md): the local Debian base image (debootstrap, made
# once), the node image from the built binary and web app, and one node container checked on a
# loopback port; then the images (cached) and the cluster tests (server/tests/cluster) run
# against the same topology from the images through compose (cluster-compose.sh).
# Not part of `make test` (it builds images and runs the cluster: several minutes).
container-image: build
	@scripts/install-deps.sh container
	deploy/container/build-image.sh

container-test: build
	@scripts/install-deps.sh container
	@scripts/install-deps.sh test
	deploy/container/container-test.sh
	deploy/container/cluster-test.sh

# deploy/container/compose.yml up for real on free loopback ports (MariaDB primary + replica,
# Redis, three nodes, nginx), checked through nginx and node by node, then taken down.
compose-test: build
	@scripts/install-deps.sh container
	@scripts/install-deps.sh test
	deploy/container/compose-test.sh

clean:
	rm -rf $(BUILD_DIR) build-asan $(FUZZ_DIR)
