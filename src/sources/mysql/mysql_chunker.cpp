#include "sources/mysql/mysql_chunker.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "sources/mysql/mysql_types.hpp"

namespace cutover::mysql {
namespace {

__extension__ typedef __int128 Int128;

bool is_integer_base(const std::string& b) {
  return b == "tinyint" || b == "smallint" || b == "mediumint" || b == "int" || b == "integer" || b == "bigint";
}

bool is_binary_base(const std::string& b) {
  return b == "binary" || b == "varbinary" || b.ends_with("blob");
}

std::vector<ChunkSpec> whole_table(int64_t rows) {
  ChunkSpec c;
  c.estimated_rows = rows;
  return {c};
}

Int128 parse_int(const std::string& s) {
  Int128 v = 0;
  bool neg = !s.empty() && s[0] == '-';
  for (size_t i = neg ? 1 : 0; i < s.size(); ++i) v = v * 10 + (s[i] - '0');
  return neg ? -v : v;
}

std::string int_text(Int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  if (neg) v = -v;
  std::string out;
  while (v > 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return neg ? "-" + out : out;
}

std::string tuple(const std::vector<std::string>& items) {
  return items.size() == 1 ? items[0] : fmt::format("({})", fmt::join(items, ", "));
}

std::string hex_literal(std::string_view bytes) {
  std::string out = "X'";
  for (unsigned char c : bytes) out += fmt::format("{:02X}", c);
  return out + "'";
}

// A key value as a literal that compares like the column: strings in the
// connection charset (the column's collation applies), bytes as X'..',
// numbers and temporal values as written by the server.
std::string literal(const Row& r, unsigned i, const MysqlType& t) {
  if (is_integer_base(t.base) || t.base == "decimal" || t.base == "year") return r.text(i);
  if (is_binary_base(t.base)) return hex_literal(r.view(i));
  return quote_string(r.view(i));
}

Result<int64_t> count(Session& s, const Table& t) {
  auto n = s.query_value(fmt::format("SELECT COUNT(*) FROM {}", quote_identifier(t.name)));
  if (!n) return fail(n.error());
  return n->has_value() ? std::stoll(**n) : 0;
}

// The server's row estimate (information_schema TABLE_ROWS): COUNT(*) walks
// a whole index, minutes on a billion rows. Counted only when the server
// has no estimate. Chunk sizes follow the estimate (InnoDB's is within tens
// of percent); the ranges, not the sizes, decide what is copied, and a
// resumed run keeps the ranges its first run planned (plan/plan_resume.hpp).
Result<int64_t> estimated_rows(Session& s, const Table& t) {
  if (t.row_estimate > 0) return t.row_estimate;
  return count(s, t);
}

Result<std::vector<ChunkSpec>> by_walk(Session& s, const Table& t, const std::vector<std::string>& key,
                                       int64_t chunk_rows, std::string& reason) {
  std::vector<MysqlType> types;
  std::vector<std::string> cols;
  for (const auto& k : key) {
    types.push_back(parse_mysql_type(t.find_column(k)->declared_type));
    cols.push_back(quote_identifier(k));
  }
  std::string list = fmt::format("{}", fmt::join(cols, ", "));
  std::vector<std::vector<std::string>> bounds;
  int64_t rows = 0;
  auto st = s.query(fmt::format("SELECT {0} FROM {1} ORDER BY {0}", list, quote_identifier(t.name)), [&](const Row& r) {
    if (rows++ % chunk_rows != 0 || rows == 1) return true;
    std::vector<std::string> b;
    for (unsigned i = 0; i < key.size(); ++i) b.push_back(literal(r, i, types[i]));
    bounds.push_back(std::move(b));
    return true;
  });
  if (!st) return fail(st.error());
  std::vector<ChunkSpec> out;
  for (size_t i = 0; i <= bounds.size(); ++i) {
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_columns = key;
    if (i > 0) c.lower = bounds[i - 1];
    if (i < bounds.size()) c.upper = bounds[i];
    c.estimated_rows = i < bounds.size() ? chunk_rows : rows - chunk_rows * static_cast<int64_t>(bounds.size());
    out.push_back(std::move(c));
  }
  reason = fmt::format("split into {} chunks of {} rows by ({}) from one walk of the key", out.size(), chunk_rows,
                       fmt::join(key, ", "));
  return out;
}

Result<std::vector<ChunkSpec>> by_integer(Session& s, const Table& t, const std::string& key, int64_t chunk_rows,
                                          std::string& reason) {
  std::string k = quote_identifier(key);
  std::optional<std::string> lo, hi;
  int64_t rows = 0;
  auto st = s.query(fmt::format("SELECT MIN({0}), MAX({0}) FROM {1}", k, quote_identifier(t.name)),
                    [&](const Row& r) {
                      lo = r.optional(0);
                      hi = r.optional(1);
                      return false;
                    });
  if (!st) return fail(st.error());
  if (lo) {
    auto n = estimated_rows(s, t);
    if (!n) return fail(n.error());
    rows = *n;
  }
  if (!lo || rows <= chunk_rows) {
    reason = fmt::format("one chunk: {} rows (estimated) <= chunk size {}", rows, chunk_rows);
    return whole_table(rows);
  }
  bool is_unsigned = parse_mysql_type(t.find_column(key)->declared_type).is_unsigned;
  auto chunks = integer_ranges(key, is_unsigned, *lo, *hi, rows, chunk_rows);
  reason = fmt::format("split into {} chunks of ~{} rows by {} range {}..{}", chunks.size(),
                       rows / static_cast<int64_t>(chunks.size()), key, *lo, *hi);
  double span = static_cast<double>(parse_int(*hi) - parse_int(*lo)) + 1;
  if (span > 2.0 * static_cast<double>(rows))
    reason += fmt::format(" (sparse keys: {} rows over a span of {:.0f}; equal spans, chunk sizes may be uneven)",
                          rows, span);
  return chunks;
}

}  // namespace

std::vector<std::string> chunk_key(const Table& table, std::string& why_not) {
  std::vector<std::string> key = table.primary_key;
  if (key.empty())
    for (const auto& idx : table.indexes) {
      if (!idx.unique) continue;
      bool usable = true;
      for (const auto& part : idx.columns) {
        const Column* c = part.name.empty() ? nullptr : table.find_column(part.name);
        usable = usable && c != nullptr && c->not_null;
      }
      if (usable) {
        for (const auto& part : idx.columns) key.push_back(part.name);
        break;
      }
    }
  if (key.empty()) why_not = "no primary key or unique key on NOT NULL columns";
  for (const auto& k : key) {
    const Column* c = table.find_column(k);
    std::string b = c ? parse_mysql_type(c->declared_type).base : "";
    if (c == nullptr || b == "float" || b == "double" || b == "real") {
      why_not = fmt::format("key column {} is floating point (no exact boundaries)", k);
      return {};
    }
  }
  return key;
}

std::vector<ChunkSpec> integer_ranges(const std::string& key, bool is_unsigned, const std::string& min,
                                      const std::string& max, int64_t rows, int64_t chunk_rows) {
  (void)is_unsigned;  // Int128 holds both int64 and uint64 ranges
  Int128 lo = parse_int(min), hi = parse_int(max);
  Int128 wanted = (rows + chunk_rows - 1) / chunk_rows;
  Int128 step = (hi - lo) / wanted + 1;
  Int128 n = (hi - lo) / step + 1;
  std::vector<ChunkSpec> out;
  for (Int128 i = 0; i < n; ++i) {
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_columns = {key};
    if (i > 0) c.lower = {int_text(lo + step * i)};
    if (i + 1 < n) c.upper = {int_text(lo + step * (i + 1))};
    c.estimated_rows = rows / static_cast<int64_t>(n);
    out.push_back(std::move(c));
  }
  return out;
}

std::string chunk_where(const ChunkSpec& chunk) {
  if (chunk.key_columns.empty()) return {};
  std::vector<std::string> cols;
  for (const auto& k : chunk.key_columns) cols.push_back(quote_identifier(k));
  std::string k = tuple(cols);
  std::vector<std::string> parts;
  if (!chunk.lower.empty()) parts.push_back(fmt::format("{} >= {}", k, tuple(chunk.lower)));
  if (!chunk.upper.empty()) parts.push_back(fmt::format("{} < {}", k, tuple(chunk.upper)));
  if (parts.empty()) return {};
  return fmt::format(" WHERE {}", fmt::join(parts, " AND "));
}

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason) {
  std::string why_not;
  auto key = chunk_key(table, why_not);
  if (key.empty() || chunk_rows <= 0) {
    auto rows = estimated_rows(session, table);
    if (!rows) return fail(rows.error().in_table(table.name));
    reason = fmt::format("one chunk: {}", key.empty() ? why_not : "chunking disabled");
    return whole_table(*rows);
  }
  const Column* first = table.find_column(key[0]);
  if (key.size() == 1 && is_integer_base(parse_mysql_type(first->declared_type).base)) {
    auto r = by_integer(session, table, key[0], chunk_rows, reason);
    if (!r) return fail(r.error().in_table(table.name));
    return r;
  }
  auto r = by_walk(session, table, key, chunk_rows, reason);
  if (!r) return fail(r.error().in_table(table.name));
  if (r->size() == 1) reason = fmt::format("one chunk: {} rows <= chunk size {}", r->front().estimated_rows, chunk_rows);
  return r;
}

}  // namespace cutover::mysql
