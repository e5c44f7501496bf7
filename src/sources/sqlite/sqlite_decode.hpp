// Per-value decoding for the SQLite reader: one stored value (any storage
// class) -> one canonical value of the column's decided kind, following the
// decision's Decode annotation. The hot path of every migration: no
// allocation per value except where a value must be rewritten (NUL policy,
// numbers rendered as text, reals as decimals).
//
// A value that cannot become the decided kind is refused with a named rule
// and a reason that tells the user which cast keeps it; policy rules that
// change a value (naive date-times read as UTC, ...) are counted per value.
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "sources/source.hpp"

namespace cutover::sqlite {

// Policy rules a decoder can fire on a value that it still accepts.
enum class Fired : uint8_t {
  naive_as_utc,       // ISO text without offset read as UTC into timestamptz
  offset_to_utc,      // ISO text with offset converted to UTC wall time for timestamp
  decimal_from_real,  // REAL -> exact decimal via shortest round-trip text
  number_as_text,     // INTEGER/REAL rendered into a text column
  blob_as_text,       // UTF-8 BLOB stored into a text column
  text_as_bytes,      // TEXT stored into a bytea column as its UTF-8 bytes
  number_as_bytes,    // INTEGER/REAL rendered as text bytes into bytea
  integral_real,      // REAL with no fraction stored into an integer column
  numeric_text,       // TEXT holding a number stored into a numeric column
  nul_strip,          // NUL bytes removed from text
  nul_replace,        // NUL bytes replaced in text
  count
};
const char* rule_name(Fired f);

struct DecodeContext {
  NulPolicy nul_policy = NulPolicy::reject;
  std::string nul_replacement;
  std::string table;  // for cast hints in reasons
  std::array<int64_t, static_cast<size_t>(Fired::count)> fired{};  // of the current row
  std::string scratch;
  ValueReject reject;

  void fire(Fired f) { ++fired[static_cast<size_t>(f)]; }
};

// One stored value of the current row, read through a single
// sqlite3_column_value() call: each sqlite3_column_* accessor takes and
// releases the connection's API state, which costs more than the value
// itself on narrow columns. The view points into the statement's row and is
// valid until the next step.
struct Stored {
  int type = SQLITE_NULL;
  int64_t i = 0;
  double f = 0;
  std::string_view bytes;
};
Stored read_stored(sqlite3_stmt* stmt, int i);

class ColumnDecoder {
 public:
  explicit ColumnDecoder(const ColumnPlan& plan);

  // Appends the value of result column `i` of the current row to `batch`.
  // false: the value is refused and ctx.reject says why (nothing appended).
  bool decode(sqlite3_stmt* stmt, int i, RowBatch& batch, DecodeContext& ctx) const;

  const std::string& source_name() const { return source_name_; }

 private:
  bool integer(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool floating(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool decimal(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool text(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool put_checked_text(std::string_view s, RowBatch& b, DecodeContext& ctx) const;
  bool bytes(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool boolean(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool uuid(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool json(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  bool datetime(const Stored& v, RowBatch& b, DecodeContext& ctx) const;  // sqlite_decode_time.cpp
  bool time_of_day(const Stored& v, RowBatch& b, DecodeContext& ctx) const;
  std::optional<int64_t> datetime_micros(const Stored& v, DecodeContext& ctx) const;
  bool refuse(const Stored& v, DecodeContext& ctx, std::string rule, std::string reason) const;
  std::string cast_hint(const DecodeContext& ctx, std::string_view type) const;

  std::string source_name_;
  std::string target_type_;
  ValueKind kind_;
  Decode decode_;
  std::optional<int64_t> max_chars_;  // varchar(n) / char(n)
  std::optional<int> precision_, scale_;  // numeric(p,s)
  bool jsonb_ = false;
};

// Rendering of stored numbers as text, the way SQLite's CAST(x AS TEXT)
// shows them but exact: reals by their shortest round-trip digits, with
// ".0" on integral values; "Inf"/"-Inf" for infinities.
std::string real_as_text(double v);

// decimal_from_double(v) (requires finite v) written into `scratch`, which
// is reused: fmt's shortest round-trip text is already plain digits unless
// it has an exponent, so the common case allocates nothing. The hot path of
// DECIMAL columns holding REALs (reader and profile).
std::string_view shortest_decimal(double v, std::string& scratch);

}  // namespace cutover::sqlite
