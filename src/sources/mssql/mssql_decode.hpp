// Per-value reading for the SQL Server reader, the way FreeTDS 1.3.17 reads
// each type correctly (tests/tds/README.md, the driver's traps):
//   integers and bit   SQL_C_SBIGINT            real/float  SQL_C_FLOAT/SQL_C_DOUBLE
//   decimal, money     text (SQL_C_NUMERIC through SQLGetData loses the scale)
//   date               SQL_DATE_STRUCT (a year-1 date as text is "1-01-01")
//   datetime(2), smalldatetime  SQL_TIMESTAMP_STRUCT (fraction in ns)
//   time, datetimeoffset  text (the SS_TIME2/TIMESTAMPOFFSET C types are refused)
//   uniqueidentifier   text, parsed in its printed order (byte order right)
//   char types, xml    UTF-8 text (ClientCharset=UTF-8)   binary types  bytes
//   sql_variant        never fetched: converted to nvarchar(max) on the server
//                      (datetime, money, float with exact styles)
//   hierarchyid        its ToString() path: CAST(c AS nvarchar(4000))
//   geometry, geography  c.AsBinaryZM() (WKB, Z and M kept) and c.STSrid,
//                      two SELECT columns, as EWKB for PostGIS (or plain WKB)
// Every variable-length value is read by a bounded SQLGetData loop.
//
// Rounding rule for 7 fraction digits (datetime2(7), time(7),
// datetimeoffset(7)): rounded to the nearest microsecond, half up (toward
// the later instant), as PostgreSQL rounds 7-digit input.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "sources/source.hpp"
#include "sources/mssql/mssql_session.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {

enum class Fired : uint8_t {
  nul_strip,    // NUL bytes removed from text
  nul_replace,  // NUL bytes replaced in text
  fraction_rounded,  // a 7th fractional digit (100 ns) rounded to microseconds
  variant_as_text,   // a sql_variant value kept as its text, without its base type
  offset_dropped,    // a datetimeoffset whose offset was not +00:00: the instant is kept, the offset is not
  srid_dropped,      // a spatial value with an SRID other than 0 copied as plain WKB
  count
};
const char* rule_name(Fired f);

struct DecodeContext {
  NulPolicy nul_policy = NulPolicy::reject;
  std::string nul_replacement;
  std::string table;
  std::array<int64_t, static_cast<size_t>(Fired::count)> fired{};  // of the current row
  std::string scratch;
  ValueReject reject;
  void fire(Fired f) { ++fired[static_cast<size_t>(f)]; }
};

class ColumnDecoder {
 public:
  ColumnDecoder(const ColumnPlan& plan, const Column& source);

  // Reads column `col` (1-based) of the statement's current row and appends
  // it to `batch`. An error when the driver fails; false in the Result when
  // the value is refused (ctx.reject says why, nothing appended).
  Result<bool> decode(Statement& st, int col, RowBatch& batch, DecodeContext& ctx) const;

  const std::string& source_name() const { return source_name_; }
  // ColumnPlan::derived: what this decoder derives from its source column.
  const std::string& derived() const { return derived_; }
  // A derived column keeps what this value's rule would lose: the offset of
  // a datetimeoffset, the base type of a sql_variant (no longer counted).
  void derived_kept(const std::string& derived);
  // The SELECT expression for this column.
  std::string select_expr() const;
  // SELECT columns the decoder reads: 2 for a spatial value (WKB, SRID).
  int width() const { return form_ == Form::spatial ? 2 : 1; }

 private:
  enum class Form {
    integer, real, floating, decimal, date, timestamp, time, offset, offset_minutes, uuid, text, binary, spatial
  };
  Result<bool> decode_text(Statement& st, int col, RowBatch& b, DecodeContext& ctx) const;
  Result<bool> decode_spatial(Statement& st, int col, RowBatch& b, DecodeContext& ctx) const;
  bool from_text(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool put_integer(int64_t v, RowBatch& b) const;
  bool text(std::string_view v, RowBatch& b, DecodeContext& ctx) const;
  bool refuse(std::string_view v, DecodeContext& ctx, std::string rule, std::string reason) const;

  std::string source_name_;
  std::string source_base_;
  ValueKind kind_;
  Form form_;
  std::string derived_;
  bool variant_ = false;       // sql_variant read as text without its base type (counted per value)
  bool offset_kept_ = false;   // a datetimeoffset whose offset goes to a derived column
  bool postgis_ = false;       // spatial values as EWKB with their SRID (else plain WKB)
};

// "HH:MM:SS[.fffffff]" -> microseconds since midnight (7th digit rounded
// half up; 23:59:59.9999995 gives 24:00:00).
std::optional<int64_t> parse_mssql_time(std::string_view text);
// "Y-MM-DD HH:MM:SS[.fffffff] +HH:MM" (year of 1 to 4 digits, as FreeTDS
// prints year 1) -> microseconds since 1970 UTC.
std::optional<int64_t> parse_mssql_offset(std::string_view text);
// The offset of datetimeoffset text ("... +05:30") in minutes east of UTC.
std::optional<int16_t> parse_mssql_offset_minutes(std::string_view text);
// Microseconds of a fraction in nanoseconds, rounded half up.
int64_t round_nanos(int64_t nanos);

}  // namespace cutover::mssql
