# Generates a .cpp defining `std::string_view <FUNCTION>()` in namespace moderno::app that returns
# the content of INPUT. Inputs: INPUT, OUTPUT, FUNCTION, HEADER.
file(READ "${INPUT}" content)
set(out "// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n#include \"${HEADER}\"\n\nnamespace moderno::app {\n\nstd::string_view ${FUNCTION}() {\n  // An array, not a constexpr string_view: computing the length of a large literal at\n  // compile time exceeds the constexpr step limit.\n  static const char kText[] = R\"EMBEDDED(${content})EMBEDDED\";\n  return std::string_view(kText, sizeof kText - 1);\n}\n\n}  // namespace moderno::app\n")
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
