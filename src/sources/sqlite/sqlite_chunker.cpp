#include "sources/sqlite/sqlite_chunker.hpp"

#include <fmt/format.h>

#include "sources/sqlite/sqlite_lexer.hpp"
#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite {
namespace {

struct KeyStats {
  int64_t rows = 0;
  std::optional<int64_t> min, max;
};

std::vector<ChunkSpec> whole_table(int64_t rows) {
  ChunkSpec c;
  c.estimated_rows = rows;
  return {c};
}

Result<std::optional<int64_t>> query_optional(Session& s, const std::string& sql) {
  std::optional<int64_t> out;
  auto st = s.query(sql, [&](Statement& row) {
    if (!row.column_is_null(0)) out = row.column_int64(0);
    return false;
  });
  if (!st) return fail(st.error());
  return out;
}

// min and max in separate statements: SQLite answers a lone min()/max() of
// the rowid or the primary key from the b-tree without a scan.
Result<KeyStats> key_stats(Session& s, const Table& t, const std::string& key_sql) {
  std::string from = quote_identifier(t.name);
  KeyStats k;
  auto rows = s.query_int64(fmt::format("SELECT count(*) FROM {}", from));
  if (!rows) return fail(rows.error());
  k.rows = *rows;
  std::string integers = t.without_rowid ? fmt::format("WHERE typeof({}) = 'integer'", key_sql) : "";
  auto lo = query_optional(s, fmt::format("SELECT min({0}) FROM {1} {2}", key_sql, from, integers));
  if (!lo) return fail(lo.error());
  auto hi = query_optional(s, fmt::format("SELECT max({0}) FROM {1} {2}", key_sql, from, integers));
  if (!hi) return fail(hi.error());
  k.min = *lo;
  k.max = *hi;
  return k;
}

// Equal value spans: step ~ span / wanted chunks; the chunk count is then
// recomputed so that every chunk's lower bound lies within [min, max].
// Unsigned arithmetic: max - min fits uint64 even for the full int64 range.
std::vector<ChunkSpec> ranges(const std::string& key, const KeyStats& k, int64_t chunk_rows) {
  uint64_t wanted = static_cast<uint64_t>((k.rows + chunk_rows - 1) / chunk_rows);
  uint64_t span_less_1 = static_cast<uint64_t>(*k.max) - static_cast<uint64_t>(*k.min);
  uint64_t step = span_less_1 / wanted + 1;
  int64_t n = static_cast<int64_t>(span_less_1 / step + 1);
  auto bound = [&](int64_t i) { return static_cast<int64_t>(static_cast<uint64_t>(*k.min) + step * i); };
  std::vector<ChunkSpec> out;
  for (int64_t i = 0; i < n; ++i) {
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_column = key;
    if (i > 0) c.lo = bound(i);
    if (i + 1 < n) c.hi = bound(i + 1);
    c.estimated_rows = k.rows / n;
    out.push_back(c);
  }
  return out;
}

// The key to range on: rowid (or its alias), or a WITHOUT ROWID table's
// single INTEGER-affinity primary key; empty when there is none.
std::string range_key(const Table& t, std::string& why_not) {
  if (!t.without_rowid) return t.rowid_alias.empty() ? rowid_name(t) : t.rowid_alias;
  if (t.primary_key.size() != 1) {
    why_not = "WITHOUT ROWID table with a composite key";
    return {};
  }
  const Column* c = t.find_column(t.primary_key[0]);
  if (c == nullptr || affinity_of(c->declared_type) != Affinity::integer) {
    why_not = "WITHOUT ROWID table with a non-integer key";
    return {};
  }
  return c->name;
}

bool is_rowid_keyword(const Table& t, const std::string& key) {
  return (key == "rowid" || key == "_rowid_" || key == "oid") && t.find_column(key) == nullptr;
}

std::string key_sql(const Table& t, const std::string& key) {
  return is_rowid_keyword(t, key) ? key : quote_identifier(key);
}

}  // namespace

std::string rowid_name(const Table& table) {
  if (table.without_rowid) return {};
  for (const char* name : {"rowid", "_rowid_", "oid"})
    if (table.find_column(name) == nullptr) return name;
  return {};
}

std::string chunk_where(const Table& table, const ChunkSpec& chunk) {
  if (chunk.key_column.empty()) return {};
  std::string k = key_sql(table, chunk.key_column);
  if (chunk.null_keys) return fmt::format(" WHERE {} IS NULL", k);
  if (chunk.lo && chunk.hi) return fmt::format(" WHERE {0} >= {1} AND {0} < {2}", k, *chunk.lo, *chunk.hi);
  if (chunk.lo) return fmt::format(" WHERE {} >= {}", k, *chunk.lo);
  if (chunk.hi) return fmt::format(" WHERE {} < {}", k, *chunk.hi);
  return {};
}

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason) {
  std::string why_not;
  std::string key = range_key(table, why_not);
  if (key.empty()) {
    auto rows = session.query_int64(fmt::format("SELECT count(*) FROM {}", quote_identifier(table.name)));
    if (!rows) return fail(rows.error().in_table(table.name));
    reason = fmt::format("one chunk: {}", why_not.empty() ? "no rowid name is free" : why_not);
    return whole_table(*rows);
  }
  auto k = key_stats(session, table, key_sql(table, key));
  if (!k) return fail(k.error().in_table(table.name));
  if (chunk_rows <= 0 || k->rows <= chunk_rows || !k->min) {
    reason = fmt::format("one chunk: {} rows <= chunk size {}", k->rows, chunk_rows);
    return whole_table(k->rows);
  }
  auto chunks = ranges(key, *k, chunk_rows);
  reason = fmt::format("split into {} chunks of ~{} rows by {} range {}..{}", chunks.size(),
                       k->rows / static_cast<int64_t>(chunks.size()), key, *k->min, *k->max);
  double span = static_cast<double>(*k->max) - static_cast<double>(*k->min) + 1;
  if (span > 2.0 * static_cast<double>(k->rows))
    reason += fmt::format(" (sparse keys: {} rows over a span of {:.0f}; equal spans, chunk sizes may be uneven)",
                          k->rows, span);
  return chunks;
}

}  // namespace cutover::sqlite
