#include "sources/mssql/mssql_chunker.hpp"

#include <fmt/format.h>

#include <vector>

#include "sources/mssql/mssql_keys.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {
namespace {

__extension__ typedef __int128 Int128;

std::vector<ChunkSpec> whole_table() { return {ChunkSpec{}}; }

}  // namespace

std::string qualified_name(const Table& t) { return quote_identifier(t.schema) + "." + quote_identifier(t.name); }

std::vector<ChunkSpec> key_ranges(const std::string& key, int64_t lo, int64_t hi, int64_t rows, int64_t chunk_rows) {
  int64_t chunks = chunk_rows > 0 ? (rows + chunk_rows - 1) / chunk_rows : 1;
  Int128 span = Int128{hi} - lo + 1;
  if (chunks <= 1 || span <= 1) return whole_table();
  if (Int128{chunks} > span) chunks = static_cast<int64_t>(span);
  Int128 width = (span + chunks - 1) / chunks;
  std::vector<ChunkSpec> out;
  for (int64_t i = 0; i < chunks; ++i) {
    Int128 from = Int128{lo} + width * i;
    if (from > hi) break;
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_column = key;
    if (i > 0) c.lo = static_cast<int64_t>(from);
    if (from + width <= hi) c.hi = static_cast<int64_t>(from + width);
    c.estimated_rows = rows / chunks;
    bool last = !c.hi;
    out.push_back(std::move(c));
    if (last) break;
  }
  return out;
}

namespace {

Result<std::vector<ChunkSpec>> integer_chunks(Session& session, const Table& table, const std::string& key,
                                              int64_t chunk_rows, std::string& reason) {
  std::string q = quote_identifier(key);
  std::vector<std::optional<std::string>> range;
  auto st = session.query_rows(
      fmt::format("SELECT MIN({}) AS lo, MAX({}) AS hi, COUNT_BIG(*) AS n FROM {}", q, q, qualified_name(table)),
      [&](const Session::TextRow& r) { range = r; });
  if (!st) return fail(st.error().in_table(table.name));
  if (range.size() != 3 || !range[0] || !range[1]) {
    reason = "one chunk: the table is empty";
    return whole_table();
  }
  int64_t rows = std::stoll(range[2].value_or("0"));
  auto out = key_ranges(key, std::stoll(*range[0]), std::stoll(*range[1]), rows, chunk_rows);
  reason = out.size() == 1 ? fmt::format("one chunk: {} rows", rows)
                           : fmt::format("{} chunks by ranges of {} ({} rows)", out.size(), key, rows);
  return out;
}

}  // namespace

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason) {
  std::string why_not;
  ChunkKey key = chunk_key(table, why_not);
  if (key.columns.empty()) {
    reason = fmt::format("one chunk: {}", why_not);
    return whole_table();
  }
  if (key.single_integer) return integer_chunks(session, table, key.columns[0], chunk_rows, reason);
  if (chunk_rows <= 0) {
    reason = "one chunk: no chunk size";
    return whole_table();
  }
  return sampled_chunks(session, table, key, chunk_rows, reason);
}

std::string chunk_where(const ChunkSpec& c) {
  std::vector<std::string> conds;
  if (!c.key_columns.empty()) {
    if (!c.lower.empty()) conds.push_back(tuple_compare(c.key_columns, c.lower, ">="));
    if (!c.upper.empty()) conds.push_back(tuple_compare(c.key_columns, c.upper, "<"));
  } else if (!c.key_column.empty()) {
    std::string q = quote_identifier(c.key_column);
    if (c.lo) conds.push_back(fmt::format("{} >= {}", q, *c.lo));
    if (c.hi) conds.push_back(fmt::format("{} < {}", q, *c.hi));
  }
  if (conds.empty()) return "";
  if (conds.size() == 1) return " WHERE " + conds[0];
  bool tuple = !c.key_columns.empty() && c.key_columns.size() > 1;
  return tuple ? fmt::format(" WHERE ({}) AND ({})", conds[0], conds[1]) : " WHERE " + conds[0] + " AND " + conds[1];
}

}  // namespace cutover::mssql
