// Catalog SQL files under src/, embedded into the binary at build time by
// cmake/embed_sql.cmake. Keys are paths relative to src/, e.g.
// "sources/sqlite/sql/tables.sql".
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace cutover {

const std::map<std::string, std::string_view>& embedded_sql();

// The text of one embedded file; throws std::logic_error (a bug) when absent.
std::string_view sql_file(const std::string& relative_path);

}  // namespace cutover
