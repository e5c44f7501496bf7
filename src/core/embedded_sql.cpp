#include "core/embedded_sql.hpp"

#include <stdexcept>

namespace cutover {

std::string_view sql_file(const std::string& relative_path) {
  const auto& files = embedded_sql();
  auto it = files.find(relative_path);
  if (it == files.end()) throw std::logic_error("embedded SQL file missing: " + relative_path);
  return it->second;
}

}  // namespace cutover
