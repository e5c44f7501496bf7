#include "sources/sqlite/sqlite_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_decode.hpp"
#include "sources/sqlite/sqlite_chunker.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"
#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite {
namespace {

struct Needs {
  bool datetime = false, time = false, json = false, uuid = false, decimal = false,
       boolean = false, numeric_text = false;
};

Needs needs_of(const Column& column) {
  DeclaredType d = parse_declared_type(column.declared_type);
  Needs n;
  n.datetime = d.hint == Hint::date || d.hint == Hint::datetime || d.hint == Hint::datetime_tz;
  n.time = d.hint == Hint::time;
  n.json = d.hint == Hint::json;
  n.uuid = d.hint == Hint::uuid;
  n.decimal = d.hint == Hint::decimal;
  n.boolean = d.hint == Hint::boolean;
  n.numeric_text = d.affinity != Affinity::text && d.affinity != Affinity::blob;
  return n;
}

bool is_boolean_word(std::string_view s) {
  for (auto w : {"true", "false", "t", "f", "0", "1"})
    if (iequals(s, w)) return true;
  return false;
}

int64_t digit_count(int64_t v) {
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  int64_t n = 1;
  while (u >= 10) { u /= 10; ++n; }
  return n;
}

template <class T>
void keep_min(std::optional<T>& slot, T v) { if (!slot || v < *slot) slot = v; }
template <class T>
void keep_max(std::optional<T>& slot, T v) { if (!slot || v > *slot) slot = v; }

class ColumnProfiler {
 public:
  explicit ColumnProfiler(const Column& column) : needs_(needs_of(column)) {}

  void add(sqlite3_stmt* stmt, int i) {
    ++p_.rows;
    Stored v = read_stored(stmt, i);
    switch (v.type) {
      case SQLITE_NULL: ++p_.nulls; break;
      case SQLITE_INTEGER: add_integer(v.i); break;
      case SQLITE_FLOAT: add_real(v.f); break;
      case SQLITE_TEXT: add_text(v.bytes); break;
      default:
        ++p_.blobs;
        if (v.bytes.size() == 16) ++p_.blobs_16;
    }
  }

  ColumnProfile finish() {
    p_.max_decimal_precision = max_integer_digits_ + p_.max_decimal_scale;
    return p_;
  }

 private:
  void add_integer(int64_t v) {
    ++p_.integers;
    keep_min(p_.int_min, v);
    keep_max(p_.int_max, v);
    if (needs_.decimal) max_integer_digits_ = std::max(max_integer_digits_, digit_count(v));
  }

  void add_real(double v) {
    ++p_.reals;
    if (!std::isfinite(v)) {
      ++p_.reals_nonfinite;
      return;
    }
    keep_min(p_.real_min, v);
    keep_max(p_.real_max, v);
    if (v == std::trunc(v)) ++p_.reals_integral;
    if (needs_.decimal) add_decimal_shape(shortest_decimal(v, scratch_));
  }

  void add_decimal_shape(std::string_view normalized) {
    DecimalShape s = decimal_shape(normalized);
    max_integer_digits_ = std::max<int64_t>(max_integer_digits_, s.integer_digits);
    p_.max_decimal_scale = std::max<int64_t>(p_.max_decimal_scale, s.scale);
  }

  void add_text(std::string_view s) {
    ++p_.texts;
    p_.max_text_bytes = std::max<int64_t>(p_.max_text_bytes, static_cast<int64_t>(s.size()));
    if (std::memchr(s.data(), '\0', s.size()) != nullptr) ++p_.texts_with_nul;
    if (needs_.numeric_text || needs_.decimal) add_numeric_text(s);
    if (needs_.datetime) add_datetime_text(s);
    if (needs_.time && parse_time_of_day(s)) ++p_.texts_time_of_day;
    if (needs_.json && nlohmann::json::accept(s.begin(), s.end())) ++p_.texts_json;
    if (needs_.uuid && parse_uuid(s)) ++p_.texts_uuid;
    if (needs_.boolean && is_boolean_word(s)) ++p_.texts_boolean;
  }

  void add_numeric_text(std::string_view s) {
    auto normalized = normalize_decimal(s);
    if (!normalized) return;
    ++p_.texts_numeric;
    if (needs_.decimal) add_decimal_shape(*normalized);
  }

  void add_datetime_text(std::string_view s) {
    auto dt = parse_iso8601(s);
    if (!dt) return;
    ++p_.texts_iso_datetime;
    if (dt->has_offset) ++p_.texts_iso_offset;
    if (!dt->has_time) ++p_.texts_iso_date_only;
  }

  Needs needs_;
  ColumnProfile p_;
  std::string scratch_;
  int64_t max_integer_digits_ = 0;
};

std::string select_all_columns(const Table& table) {
  std::string cols;
  for (const auto& c : table.columns) {
    if (!cols.empty()) cols += ", ";
    cols += quote_identifier(c.name);
  }
  return fmt::format("SELECT {} FROM {}", cols, quote_identifier(table.name));
}

}  // namespace

Result<std::vector<ColumnProfile>> profile_table(Session& session, const Table& table,
                                                 const ChunkSpec& chunk) {
  if (table.columns.empty()) return std::vector<ColumnProfile>{};
  std::vector<ColumnProfiler> profilers;
  for (const auto& c : table.columns) profilers.emplace_back(c);
  auto stmt = session.prepare(select_all_columns(table) + chunk_where(table, chunk));
  if (!stmt) return fail(stmt.error().in_table(table.name));
  const int n = static_cast<int>(profilers.size());
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error().in_table(table.name));
    if (!*row) break;
    for (int i = 0; i < n; ++i) profilers[i].add(stmt->get(), i);
  }
  std::vector<ColumnProfile> out;
  out.reserve(profilers.size());
  for (auto& p : profilers) out.push_back(p.finish());
  return out;
}

}  // namespace cutover::sqlite
