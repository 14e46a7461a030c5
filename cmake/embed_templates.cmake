# Generates a .cpp defining moderno::notifications::EmbeddedTemplates(): every file of INPUT_DIR
# (the email templates) by file name, so the binary sends mail without the source tree.
# Inputs: INPUT_DIR, OUTPUT.
file(GLOB files RELATIVE "${INPUT_DIR}" "${INPUT_DIR}/*.tmpl" "${INPUT_DIR}/*.html")
list(SORT files)
set(out "// Generated from ${INPUT_DIR} by cmake/embed_templates.cmake. Do not edit.\n")
string(APPEND out "#include \"notifications/embedded_templates.hpp\"\n\nnamespace moderno::notifications {\nnamespace {\n")
set(entries "")
set(i 0)
foreach(f ${files})
  file(READ "${INPUT_DIR}/${f}" content)
  string(FIND "${content}" ")TEMPLATE\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "template ${f} contains the raw string delimiter")
  endif()
  string(APPEND out "const char kT${i}[] = R\"TEMPLATE(${content})TEMPLATE\";\n")
  string(APPEND entries "      {\"${f}\", std::string_view(kT${i}, sizeof kT${i} - 1)},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND out "}  // namespace\n
const std::map<std::string, std::string_view, std::less<>>& EmbeddedTemplates() {
  static const std::map<std::string, std::string_view, std::less<>> kFiles = {
${entries}  };
  return kFiles;
}

}  // namespace moderno::notifications
")
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
