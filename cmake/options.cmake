# Language level, warnings, build type, sanitizers and ccache.
set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

option(MODERNO_WERROR "Treat warnings as errors" ON)
option(MODERNO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(MODERNO_TESTS "Build the tests" ON)
option(MODERNO_BENCH "Build the micro-benchmarks" OFF)
# Only the libFuzzer harnesses of server/fuzz, with clang, in their own build dir (make fuzz).
option(MODERNO_FUZZ "Build only the libFuzzer harnesses (clang)" OFF)

add_library(moderno_options INTERFACE)
target_compile_options(moderno_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
                       -Wnon-virtual-dtor -Werror=switch -Wno-missing-field-initializers
                       # GCC 12 reports false positives in std::string and std::variant at -O2 (GCC bugs 105329, 105593).
                       -Wno-restrict -Wno-maybe-uninitialized)
if(MODERNO_WERROR)
  target_compile_options(moderno_options INTERFACE -Werror)
endif()
if(MODERNO_SANITIZE)
  target_compile_options(moderno_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(moderno_options INTERFACE -fsanitize=address,undefined)
endif()
# Boost.Asio: no deprecated interfaces; Beast: no separate compilation, kept to one TU.
target_compile_definitions(moderno_options INTERFACE BOOST_ASIO_NO_DEPRECATED
                           BOOST_ALLOW_DEPRECATED_HEADERS MODERNO_VERSION="${PROJECT_VERSION}")

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  # Paths relative to the checkout (and the build dir left out of the hash), so a fresh clone
  # elsewhere on the same machine reuses what any other clone compiled.
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=1
      ${CCACHE_PROGRAM})
endif()
