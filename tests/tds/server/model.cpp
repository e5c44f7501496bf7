#include "model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <cctype>

namespace tdstest {

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

Table& Table::column(std::string n, std::string_view sql_type, bool nullable) {
  columns.push_back({std::move(n), parse_type(sql_type, nullable)});
  return *this;
}

Table& Table::row(Row r) {
  rows.push_back(std::move(r));
  return *this;
}

// SQL Server's rule: past a bound, a cycling sequence goes on from the
// other bound; another one is exhausted (error 11728 on the next call).
std::int64_t FixtureSequence::take() {
  if (exhausted)
    throw std::runtime_error(
        fmt::format("The sequence object '{}' has reached its minimum or maximum value.", name));
  std::int64_t v = next;
  last = v;
  bool past = increment > 0 ? v > max_value - increment : v < min_value - increment;
  if (past && cycle) next = increment > 0 ? min_value : max_value;
  else if (past) exhausted = true;
  else next = v + increment;
  return v;
}

std::optional<Message> Table::raise() const {
  if (!transient) return error;
  std::size_t i = transient->raised.fetch_add(1);
  if (i >= transient->errors.size()) return std::nullopt;
  return transient->errors[i];
}

std::optional<std::size_t> Table::column_index(std::string_view n) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (iequals(columns[i].name, n)) return i;
  }
  return std::nullopt;
}

Database& Catalog::database(const std::string& name) {
  for (Database& d : databases) {
    if (iequals(d.name, name)) return d;
  }
  databases.push_back(Database{name, {}});
  return databases.back();
}

const Database* Catalog::find_database(std::string_view name) const {
  for (const Database& d : databases) {
    if (iequals(d.name, name)) return &d;
  }
  return nullptr;
}

const Table* Catalog::find_table(std::string_view db, std::string_view schema,
                                 std::string_view table) const {
  const Database* d = find_database(db);
  if (d == nullptr) return nullptr;
  for (const Table& t : d->tables) {
    if (iequals(t.schema, schema) && iequals(t.name, table)) return &t;
  }
  return nullptr;
}

}  // namespace tdstest
