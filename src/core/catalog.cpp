#include "core/catalog.hpp"

namespace cutover {

const Column* Table::find_column(std::string_view column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const Table* Catalog::find_table(std::string_view schema, std::string_view name) const {
  for (const auto& t : tables)
    if (t.name == name && (schema.empty() || t.schema == schema)) return &t;
  return nullptr;
}

}  // namespace cutover
