# Generates a C++ file holding every migration script of both dialects as string literals,
# so the binary migrates without needing the source tree at run time.
# Inputs: SCHEMA_DIR, OUTPUT.
set(out "// Generated from server/schema by cmake/embed_migrations.cmake. Do not edit.\n")
string(APPEND out "#include \"platform/db/migrate.hpp\"\n\nnamespace moderno::db {\n")
foreach(dialect sqlite mysql)
  file(GLOB ups RELATIVE "${SCHEMA_DIR}/${dialect}" "${SCHEMA_DIR}/${dialect}/*.up.sql")
  list(SORT ups)
  set(entries "")
  foreach(up ${ups})
    string(REGEX MATCH "^([0-9]+)_(.*)\\.up\\.sql$" _ "${up}")
    set(version "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    math(EXPR vnum "${version}")
    string(REPLACE ".up.sql" ".down.sql" down "${up}")
    if(NOT EXISTS "${SCHEMA_DIR}/${dialect}/${down}")
      message(FATAL_ERROR "migration ${dialect}/${up} has no ${down}")
    endif()
    file(READ "${SCHEMA_DIR}/${dialect}/${up}" up_sql)
    file(READ "${SCHEMA_DIR}/${dialect}/${down}" down_sql)
    string(APPEND entries "    {${vnum}, \"${name}\", R\"MIGRATION(${up_sql})MIGRATION\", R\"MIGRATION(${down_sql})MIGRATION\"},\n")
  endforeach()
  string(APPEND out "static const std::vector<Migration> k_${dialect} = {\n${entries}};\n")
endforeach()
string(APPEND out "
const std::vector<Migration>& EmbeddedMigrations(Dialect dialect) {
  return dialect == Dialect::kSqlite ? k_sqlite : k_mysql;
}

}  // namespace moderno::db
")
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
