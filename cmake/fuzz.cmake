# libFuzzer (MODERNO_FUZZ=ON): the code under test is instrumented for coverage, AddressSanitizer
# and UndefinedBehaviorSanitizer; the harnesses link libFuzzer's main. Clang only.
if(NOT MODERNO_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  message(FATAL_ERROR "MODERNO_FUZZ needs clang 16 or later (configure with CXX=clang++-16)")
endif()

set(MODERNO_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined)

# For every source: sanitizers and coverage, no libFuzzer main. -O1 keeps runs fast and stacks
# readable; asserts stay on (Debug build type). DWARF 4: Debian's llvm-symbolizer is LLVM 14's.
add_library(moderno_fuzz_options INTERFACE)
target_compile_options(moderno_fuzz_options INTERFACE -O1 -g -gdwarf-4 -fno-omit-frame-pointer
                       -fsanitize=fuzzer-no-link ${MODERNO_FUZZ_SANITIZERS} -Wall -Wextra
                       -Wno-missing-field-initializers)
target_link_options(moderno_fuzz_options INTERFACE ${MODERNO_FUZZ_SANITIZERS})
# libstdc++ 12 declares std::expected only when __cpp_concepts >= 202002L; clang 16 implements
# what it needs (conditionally trivial special members, P0848) but still reports 201907L, and
# clang 14 cannot compile it at all.
target_compile_options(moderno_fuzz_options INTERFACE -U__cpp_concepts -D__cpp_concepts=202002L)
target_compile_definitions(moderno_fuzz_options INTERFACE BOOST_ASIO_NO_DEPRECATED
                           BOOST_ALLOW_DEPRECATED_HEADERS MODERNO_VERSION="${PROJECT_VERSION}")

# One harness: server/fuzz/<name>_fuzz.cpp linked with libFuzzer and the given libraries.
function(moderno_fuzz_target name)
  add_executable(${name}_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/${name}_fuzz.cpp)
  target_link_libraries(${name}_fuzz PRIVATE ${ARGN} moderno_fuzz_options)
  target_link_options(${name}_fuzz PRIVATE -fsanitize=fuzzer)
  set_target_properties(${name}_fuzz PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
endfunction()
