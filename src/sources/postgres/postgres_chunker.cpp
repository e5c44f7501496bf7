#include "sources/postgres/postgres_chunker.hpp"

#include <fmt/format.h>

#include "sources/postgres/postgres_types.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover::postgres {

namespace {

// Rows per heap page assumed for a table never analyzed.
constexpr int64_t k_rows_per_page_guess = 60;

const Column* integer_key(const Table& t) {
  if (t.primary_key.size() != 1) return nullptr;
  const Column* c = t.find_column(t.primary_key[0]);
  return c && is_integer_type(c->declared_type) ? c : nullptr;
}

// n ranges [lo, hi) over [first, last]; the first open below, the last above.
std::vector<ChunkSpec> ranges(const std::string& key, long double first, long double last, int64_t n,
                              int64_t rows_each) {
  std::vector<ChunkSpec> out;
  long double step = (last - first + 1) / static_cast<long double>(n);
  for (int64_t i = 0; i < n; ++i) {
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_column = key;
    c.estimated_rows = rows_each;
    if (i > 0) c.lo = static_cast<int64_t>(first + step * static_cast<long double>(i));
    if (i + 1 < n) c.hi = static_cast<int64_t>(first + step * static_cast<long double>(i + 1));
    if (c.lo && c.hi && *c.hi <= *c.lo) continue;
    if (!out.empty() && c.lo) out.back().hi = c.lo;
    c.index = static_cast<int>(out.size());
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<ChunkSpec> split_chunks(const Table& table, int64_t estimate, int64_t chunk_rows,
                                    const std::optional<std::pair<int64_t, int64_t>>& key_range,
                                    std::string& reason) {
  if (table.partitioned) {
    reason = "partitioned table: its rows are copied through its partitions";
    return {};
  }
  ChunkSpec whole;
  whole.estimated_rows = estimate;
  int64_t n = chunk_rows > 0 ? (estimate + chunk_rows - 1) / chunk_rows : 1;
  if (n <= 1) {
    reason = fmt::format("one chunk: about {} rows, at most --chunk-rows {}", estimate, chunk_rows);
    return {whole};
  }
  const Column* key = integer_key(table);
  if (key && key_range) {
    reason = fmt::format("{} chunks by ranges of the integer primary key {} ({}..{})", n, key->name,
                         key_range->first, key_range->second);
    auto out = ranges(key->name, static_cast<long double>(key_range->first),
                      static_cast<long double>(key_range->second), n, estimate / n);
    return out.empty() ? std::vector<ChunkSpec>{whole} : out;
  }
  if (table.pages > 1) {
    n = std::min(n, table.pages);
    reason = fmt::format("{} chunks by ctid page ranges over {} pages ({})", n, table.pages,
                         key ? "the key range is empty" : "no single-column integer primary key");
    return ranges(k_ctid_key, 0, static_cast<long double>(table.pages - 1), n, estimate / n);
  }
  reason = "one chunk: a single heap page";
  return {whole};
}

Result<std::vector<ChunkSpec>> plan_chunks(pg::Connection& conn, const Table& table, int64_t chunk_rows,
                                           std::string& reason) {
  int64_t estimate = table.row_estimate > 0 ? table.row_estimate : table.pages * k_rows_per_page_guess;
  std::optional<std::pair<int64_t, int64_t>> key_range;
  const Column* key = integer_key(table);
  if (key && !table.partitioned && estimate > chunk_rows) {
    std::string col = pg::quote_ident(key->name);
    auto r = conn.query(fmt::format("SELECT min({0}), max({0}) FROM ONLY {1}", col,
                                    pg::qualified(table.schema, table.name)));
    if (!r) return fail(std::move(r.error()));
    if (!r->is_null(0, 0)) key_range = std::pair{r->get_int64(0, 0), r->get_int64(0, 1)};
  }
  return split_chunks(table, estimate, chunk_rows, key_range, reason);
}

std::string chunk_where(const ChunkSpec& chunk) {
  if (chunk.key_column.empty() || (!chunk.lo && !chunk.hi)) return "";
  bool ctid = chunk.key_column == k_ctid_key;
  auto bound = [&](const char* op, int64_t v) {
    return ctid ? fmt::format("ctid {} '({},0)'::pg_catalog.tid", op, v)
                : fmt::format("{} {} {}", pg::quote_ident(chunk.key_column), op, v);
  };
  std::string out = " WHERE ";
  if (chunk.lo) out += bound(">=", *chunk.lo);
  if (chunk.lo && chunk.hi) out += " AND ";
  if (chunk.hi) out += bound("<", *chunk.hi);
  return out;
}

}  // namespace cutover::postgres
