// Per-value decoding for the MySQL reader: one value of the text protocol
// (utf8mb4 text, raw bytes for binary strings and BIT, numbers as digits,
// temporal values as the server writes them) -> one canonical value of the
// column's decided kind. Float columns are selected as `c + 0e0` so the
// server sends the exact double of the float (its own float text is
// rounded to 6 digits).
//
// Policy rules that change a value are counted per value (Fired); a value
// that cannot become the decided kind is refused with a rule and a reason
// naming the cast that keeps it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "sources/source.hpp"
#include "sources/mysql/mysql_session.hpp"
#include "sources/mysql/mysql_types.hpp"

namespace cutover::mysql {

enum class Fired : uint8_t {
  zero_date,    // zero or partial date -> NULL
  nul_strip,    // NUL bytes removed from text
  nul_replace,  // NUL bytes replaced in text
  srid_dropped, // spatial value as WKB bytea: its non-zero SRID dropped
  count
};
const char* rule_name(Fired f);

struct DecodeContext {
  NulPolicy nul_policy = NulPolicy::reject;
  std::string nul_replacement;
  std::string table;
  std::array<int64_t, static_cast<size_t>(Fired::count)> fired{};  // of the current row
  std::string scratch;
  std::string elements;  // array payload being built (set members)
  ValueReject reject;
  void fire(Fired f) { ++fired[static_cast<size_t>(f)]; }
};

class ColumnDecoder {
 public:
  ColumnDecoder(const ColumnPlan& plan, const Column& source);

  // Appends the value (nullptr data = SQL NULL) to `batch`; false when it is
  // refused (ctx.reject says why, nothing appended).
  bool decode(const char* data, size_t len, RowBatch& batch, DecodeContext& ctx) const;

  // A value the binary protocol sent as a number or date, appended without
  // text when the column's kind takes it as it is: true/false as decode(),
  // nullopt when it must go through decode() as text (zero dates, values
  // out of range, other kinds).
  std::optional<bool> decode_native(const Native& n, RowBatch& batch, DecodeContext& ctx) const;

  const std::string& source_name() const { return source_name_; }
  // The SELECT expression for this column.
  std::string select_expr() const;

 private:
  enum class Form { integer, decimal, floating, bits, temporal, time, text, binary, spatial, ewkb };
  bool integer(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool floating(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool decimal(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool boolean(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool text(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool bytes(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool temporal(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool time_of_day(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool uuid(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  std::optional<bool> native_integer(const Native& n, RowBatch& b) const;
  std::optional<bool> native_floating(double d, RowBatch& b) const;
  std::optional<bool> native_temporal(const MYSQL_TIME& t, RowBatch& b) const;
  bool refuse(std::string_view v, DecodeContext& ctx, std::string rule, std::string reason) const;
  std::string cast_hint(const DecodeContext& ctx, std::string_view type) const;
  std::string bit_string(std::string_view raw) const;

  std::string source_name_;
  std::string target_type_;
  ValueKind kind_;
  Form form_;
  int bit_width_ = 0;
};

// "[-]HHH:MM:SS[.ffffff]" -> signed microseconds; nullopt when malformed.
std::optional<int64_t> parse_mysql_time(std::string_view text);
// True for MySQL's zero and partial dates: month or day 00 ("0000-00-00", "2020-00-15").
bool is_zero_or_partial_date(std::string_view text);
// Big-endian bytes of a BIT value -> its unsigned number.
uint64_t bits_value(std::string_view raw);

}  // namespace cutover::mysql
