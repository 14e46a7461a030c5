# Generates a .cpp defining `std::string_view <FUNCTION>()` in namespace moderno::app that returns
# the content of INPUT. Inputs: INPUT, OUTPUT, FUNCTION, HEADER.
file(READ "${INPUT}" content)
set(out "// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n#include \"${HEADER}\"\n\nnamespace moderno::app {\n\nstd::string_view ${FUNCTION}() {\n  static constexpr std::string_view kText = R\"EMBEDDED(${content})EMBEDDED\";\n  return kText;\n}\n\n}  // namespace moderno::app\n")
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
