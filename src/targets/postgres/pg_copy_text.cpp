// Text forms of canonical values, for text/varchar target columns and for
// error messages. Forms are PostgreSQL input syntax, so a value written to a
// text column can later be cast back (::numeric, ::timestamptz, ::interval).
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iterator>

#include <fmt/format.h>

#include "core/convert.hpp"
#include "core/text_array.hpp"
#include "targets/postgres/pg_copy_internal.hpp"

namespace cutover::pg::detail {
namespace {

template <class Int>
void append_integer(std::string& out, Int v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// float8out spellings for the non-finite values; shortest round trip else.
template <class Float>
void append_float(std::string& out, Float v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v < 0 ? "-Infinity" : "Infinity";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

// ISO 8601 duration, which PostgreSQL's interval input reads back:
// "P1Y2M3DT4H5M6.5S"; zero is "PT0S".
void append_interval(std::string& out, const Interval& v) {
  auto it = std::back_inserter(out);
  out += 'P';
  if (v.months / 12 != 0) fmt::format_to(it, "{}Y", v.months / 12);
  if (v.months % 12 != 0) fmt::format_to(it, "{}M", v.months % 12);
  if (v.days != 0) fmt::format_to(it, "{}D", v.days);
  if (v.micros == 0) {
    if (out.back() == 'P') out += "T0S";
    return;
  }
  out += 'T';
  uint64_t abs = v.micros < 0 ? 0 - static_cast<uint64_t>(v.micros) : static_cast<uint64_t>(v.micros);
  const char* sign = v.micros < 0 ? "-" : "";
  uint64_t secs = abs / 1'000'000, frac = abs % 1'000'000;
  if (secs / 3600 != 0) fmt::format_to(it, "{}{}H", sign, secs / 3600);
  if (secs / 60 % 60 != 0) fmt::format_to(it, "{}{}M", sign, secs / 60 % 60);
  if (secs % 60 != 0 || frac != 0) {
    fmt::format_to(it, "{}{}", sign, secs % 60);
    if (frac != 0) {
      std::string digits = fmt::format("{:06d}", frac);
      out += '.';
      out.append(digits, 0, digits.find_last_not_of('0') + 1);
    }
    out += 'S';
  }
}

// {"a","b c"}: every element double-quoted, " and \ escaped by a backslash.
bool append_array_literal(std::string_view payload, std::string& out) {
  out += '{';
  bool first = true;
  bool ok = for_each_array_element(payload, [&](std::string_view e) {
    out += first ? "\"" : ",\"";
    first = false;
    for (char c : e) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  });
  out += '}';
  return ok;
}

}  // namespace

CellFault append_text_form(const RowBatch& batch, const Cell& cell, std::string& out) {
  switch (cell.kind) {
    case ValueKind::boolean: out += cell.i ? "true" : "false"; break;
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64: append_integer(out, cell.i); break;
    case ValueKind::uint64: append_integer(out, cell.u); break;
    case ValueKind::float32: append_float(out, cell.f32); break;
    case ValueKind::float64: append_float(out, cell.f64); break;
    case ValueKind::decimal:
    case ValueKind::text:
    case ValueKind::json:
    case ValueKind::enum_label: out += batch.payload(cell); break;
    case ValueKind::date: out += format_date(static_cast<int32_t>(cell.i)); break;
    case ValueKind::time:
      if (cell.i < 0 || cell.i > k_micros_per_day) return CellFault::out_of_range;
      out += format_time_of_day(cell.i);
      break;
    case ValueKind::timestamp: out += format_timestamp(cell.i); break;
    case ValueKind::timestamptz: out += format_timestamp(cell.i) + "+00"; break;
    case ValueKind::interval: append_interval(out, batch.interval(cell)); break;
    case ValueKind::uuid:
      if (cell.len != 16) return CellFault::bad_uuid;
      out += format_uuid(reinterpret_cast<const uint8_t*>(batch.payload(cell).data()));
      break;
    case ValueKind::array:
      if (!append_array_literal(batch.payload(cell), out)) return CellFault::kind_mismatch;
      break;
    case ValueKind::null:
    case ValueKind::bytes: return CellFault::kind_mismatch;
  }
  return CellFault::none;
}

std::string display_cell(const RowBatch& batch, const Cell& cell) {
  std::string text;
  if (cell.kind == ValueKind::bytes) {
    std::string_view b = batch.payload(cell);
    text = "\\x";
    for (size_t i = 0; i < b.size() && i < 40; ++i) {
      fmt::format_to(std::back_inserter(text), "{:02x}", static_cast<unsigned char>(b[i]));
    }
  } else if (cell.kind == ValueKind::uuid && cell.len != 16) {
    text = fmt::format("<{} bytes>", cell.len);
  } else if (append_text_form(batch, cell, text) != CellFault::none) {
    text = is_variable_length(cell.kind) ? fmt::format("<{}>", to_string(cell.kind))
                                         : fmt::format("<{} {}>", to_string(cell.kind), cell.i);
  }
  return display_value(text);
}

namespace {

std::string range_hint(PgWire wire) {
  switch (wire) {
    case PgWire::date:
    case PgWire::timestamp:
    case PgWire::timestamptz:
      return "PostgreSQL accepts dates and timestamps from 4714 BC to 294276 AD; set an "
             "out-of-range policy for the column or map it to text";
    case PgWire::time: return "a time of day must lie between 00:00:00 and 24:00:00";
    default: return "widen the target type with a cast rule (for example int2 to int4, or to numeric)";
  }
}

}  // namespace

Error cell_error(CellFault fault, const RowBatch& batch, const Cell& cell, PgWire wire,
                 size_t row, size_t column) {
  Error e;
  e.kind = ErrorKind::data;
  e.context.value = display_cell(batch, cell);
  std::string where = fmt::format("batch row {}, column {}", row, column);
  const char* kind = to_string(cell.kind);
  const char* target = to_string(wire);
  switch (fault) {
    case CellFault::none:
    case CellFault::kind_mismatch:
      e.message = fmt::format("{}: {} value cannot be written to a column of type {}", where, kind, target);
      e.hint = fmt::format("map the column to a type that holds {} values, or add a cast rule", kind);
      break;
    case CellFault::out_of_range:
      e.message = fmt::format("{}: {} value is out of range for {}", where, kind, target);
      e.hint = range_hint(wire);
      break;
    case CellFault::inexact:
      e.message = fmt::format("{}: {} value cannot be stored exactly in {}", where, kind, target);
      e.hint = "map the column to numeric (or float4 to float8) to keep every digit";
      break;
    case CellFault::nul_in_text:
      e.message = fmt::format("{}: {} value contains a NUL byte, which PostgreSQL cannot store in {}",
                              where, kind, target);
      e.hint = "choose a NUL policy that strips or replaces NUL bytes, or map the column to bytea";
      break;
    case CellFault::bad_number:
      e.message = fmt::format("{}: {} value is not a valid number", where, kind);
      e.hint = "clean the source value or map the column to text";
      break;
    case CellFault::numeric_limit:
      e.message = fmt::format("{}: {} value exceeds PostgreSQL numeric limits", where, kind);
      e.hint = "map the column to text";
      break;
    case CellFault::too_large:
      e.message = fmt::format("{}: {} value of {} bytes exceeds PostgreSQL's 1 GB field limit",
                              where, kind, cell.len);
      e.hint = "exclude the column, or keep values this large outside the database";
      break;
    case CellFault::bad_bits:
      e.message = fmt::format("{}: {} value is not a bit string of 0 and 1", where, kind);
      e.hint = "map the column to text";
      break;
    case CellFault::bad_uuid:
      e.kind = ErrorKind::internal;
      e.message = fmt::format("{}: uuid value has {} bytes instead of 16", where, cell.len);
      e.hint = "the source decoder produced a malformed uuid; please report this bug";
      break;
  }
  return e;
}

}  // namespace cutover::pg::detail
