# eCommerce Moderno — the two commands: `make run` and `make test`.
BUILD_DIR ?= build
DATA_DIR ?= data
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: run test build deps test-deps configure serve migrate seed bench sanitize clean

run: deps build
	./$(BUILD_DIR)/moderno migrate --data-dir $(DATA_DIR)
	./$(BUILD_DIR)/moderno seed --demo --data-dir $(DATA_DIR)
	./$(BUILD_DIR)/moderno serve --data-dir $(DATA_DIR)

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 900
	$(MAKE) sanitize

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

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

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@test -f build-asan/CMakeCache.txt || cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMODERNO_SANITIZE=ON
	cmake --build build-asan -j $(JOBS) --target moderno_unit_tests moderno_db_tests
	cd build-asan && ctest --output-on-failure --timeout 900 -R '^(unit|db_http_sqlite)$$'

clean:
	rm -rf $(BUILD_DIR) build-asan
