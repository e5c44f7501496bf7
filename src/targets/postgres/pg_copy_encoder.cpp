// CopyBinaryEncoder: one switch per cell, appending to the caller's buffer;
// nothing allocates on the success path except `out` growing.
#include "targets/postgres/pg_copy_encoder.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/text_array.hpp"
#include "targets/postgres/pg_copy_internal.hpp"

namespace cutover::pg {
namespace {

using namespace detail;

// Microseconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01.
constexpr int64_t k_pg_epoch_micros = int64_t{k_days_1970_to_2000} * k_micros_per_day;
// PostgreSQL's accepted ranges (MIN_TIMESTAMP/END_TIMESTAMP, date from
// julian day 0 to DATE_END_JULIAN), relative to 2000-01-01.
constexpr int64_t k_pg_min_timestamp = -211'813'488'000'000'000LL;
constexpr int64_t k_pg_end_timestamp = 9'223'371'331'200'000'000LL;
constexpr int64_t k_pg_min_date = -2'451'545;
constexpr int64_t k_pg_end_date = 2'145'031'949;

bool is_integer_kind(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64 ||
         k == ValueKind::uint64;
}

CellFault put_integer(const Cell& cell, PgWire wire, std::string& out) {
  if (cell.kind == ValueKind::uint64 && cell.u > uint64_t{std::numeric_limits<int64_t>::max()}) {
    return CellFault::out_of_range;
  }
  int64_t v = cell.i;
  switch (wire) {
    case PgWire::int2:
      if (v < INT16_MIN || v > INT16_MAX) return CellFault::out_of_range;
      put_be32(out, 2);  // 6 bytes: no fixed-width helper
      put_be16(out, static_cast<uint16_t>(v));
      return CellFault::none;
    case PgWire::int4:
      if (v < INT32_MIN || v > INT32_MAX) return CellFault::out_of_range;
      put_field32(out, static_cast<uint32_t>(v));
      return CellFault::none;
    default:
      put_field64(out, static_cast<uint64_t>(v));
      return CellFault::none;
  }
}

CellFault put_float8(const Cell& cell, std::string& out) {
  double d = 0;
  if (cell.kind == ValueKind::float64) {
    d = cell.f64;
  } else if (cell.kind == ValueKind::float32) {
    d = cell.f32;
  } else if (cell.kind == ValueKind::uint64) {
    d = static_cast<double>(cell.u);
    if (d >= 0x1p64 || static_cast<uint64_t>(d) != cell.u) return CellFault::inexact;
  } else if (is_integer_kind(cell.kind)) {
    d = static_cast<double>(cell.i);
    if (d >= 0x1p63 || static_cast<int64_t>(d) != cell.i) return CellFault::inexact;
  } else {
    return CellFault::kind_mismatch;
  }
  put_field64(out, std::bit_cast<uint64_t>(d));
  return CellFault::none;
}

CellFault put_float4(const Cell& cell, std::string& out) {
  float f = 0;
  if (cell.kind == ValueKind::float32) {
    f = cell.f32;
  } else if (cell.kind == ValueKind::float64) {
    f = static_cast<float>(cell.f64);
    if (!std::isnan(cell.f64) && static_cast<double>(f) != cell.f64) return CellFault::inexact;
  } else {
    return CellFault::kind_mismatch;
  }
  put_field32(out, std::bit_cast<uint32_t>(f));
  return CellFault::none;
}

CellFault put_numeric(const RowBatch& batch, const Cell& cell, std::string& out) {
  char buf[40];
  std::string_view text;
  if (cell.kind == ValueKind::decimal) {
    text = batch.payload(cell);
  } else if (cell.kind == ValueKind::uint64 || is_integer_kind(cell.kind)) {
    auto r = cell.kind == ValueKind::uint64 ? std::to_chars(buf, buf + sizeof buf, cell.u)
                                            : std::to_chars(buf, buf + sizeof buf, cell.i);
    text = {buf, static_cast<size_t>(r.ptr - buf)};
  } else if (cell.kind == ValueKind::float64 || cell.kind == ValueKind::float32) {
    // Shortest round-trip digits ("1e+20", "nan", "-inf"): the numeric parser
    // takes exponents and the special words.
    auto r = cell.kind == ValueKind::float64 ? fmt::format_to_n(buf, sizeof buf, "{}", cell.f64)
                                             : fmt::format_to_n(buf, sizeof buf, "{}", cell.f32);
    text = {buf, r.size};
  } else {
    return CellFault::kind_mismatch;
  }
  return append_numeric_payload(text, out, true);
}

// Raw bytes of text-like cells; NUL checked where PostgreSQL refuses it.
CellFault put_bytes(std::string_view v, bool check_nul, bool jsonb, std::string& out) {
  if (v.size() > k_max_field_bytes - (jsonb ? 1 : 0)) return CellFault::too_large;
  if (check_nul && std::memchr(v.data(), 0, v.size()) != nullptr) return CellFault::nul_in_text;
  put_be32(out, static_cast<uint32_t>(v.size() + (jsonb ? 1 : 0)));
  if (jsonb) out += '\x01';  // jsonb binary format version
  out.append(v);
  return CellFault::none;
}

CellFault put_text(const RowBatch& batch, const Cell& cell, PgWire wire, std::string& out) {
  switch (cell.kind) {
    case ValueKind::text:
    case ValueKind::json:
      return put_bytes(batch.payload(cell), true, wire == PgWire::jsonb, out);
    case ValueKind::enum_label:  // a label is not JSON
      if (wire != PgWire::text) return CellFault::kind_mismatch;
      return put_bytes(batch.payload(cell), true, false, out);
    default: {
      if (wire != PgWire::text) return CellFault::kind_mismatch;
      size_t start = begin_field(out);
      CellFault f = append_text_form(batch, cell, out);
      if (f == CellFault::none) end_field(out, start);
      return f;
    }
  }
}

CellFault put_temporal(const Cell& cell, PgWire wire, std::string& out) {
  int64_t v = cell.i;
  switch (wire) {
    case PgWire::date:
      v -= k_days_1970_to_2000;
      if (v < k_pg_min_date || v >= k_pg_end_date) return CellFault::out_of_range;
      put_field32(out, static_cast<uint32_t>(v));
      return CellFault::none;
    case PgWire::time:
      if (v < 0 || v > k_micros_per_day) return CellFault::out_of_range;
      break;
    default:  // timestamp, timestamptz
      if (__builtin_sub_overflow(v, k_pg_epoch_micros, &v) || v < k_pg_min_timestamp ||
          v >= k_pg_end_timestamp) {
        return CellFault::out_of_range;
      }
  }
  put_field64(out, static_cast<uint64_t>(v));
  return CellFault::none;
}

CellFault put_interval(const RowBatch& batch, const Cell& cell, std::string& out) {
  Interval v = batch.interval(cell);
  char b[20];
  store_be32(b, 16);
  store_be64(b + 4, static_cast<uint64_t>(v.micros));
  store_be32(b + 12, static_cast<uint32_t>(v.days));
  store_be32(b + 16, static_cast<uint32_t>(v.months));
  out.append(b, sizeof b);
  return CellFault::none;
}

CellFault put_uuid(const RowBatch& batch, const Cell& cell, std::string& out) {
  if (cell.len != 16) return CellFault::bad_uuid;
  put_be32(out, 16);
  out.append(batch.payload(cell));
  return CellFault::none;
}

// varbit binary form: int32 bit count, then the bits most significant first.
CellFault put_bits(std::string_view bits, std::string& out) {
  if (bits.size() > k_max_field_bytes) return CellFault::too_large;
  std::string packed((bits.size() + 7) / 8, '\0');
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i] != '0' && bits[i] != '1') return CellFault::bad_bits;
    if (bits[i] == '1') packed[i / 8] = static_cast<char>(packed[i / 8] | (0x80 >> (i % 8)));
  }
  put_be32(out, static_cast<uint32_t>(4 + packed.size()));
  put_be32(out, static_cast<uint32_t>(bits.size()));
  out += packed;
  return CellFault::none;
}

// text[] binary form: ndim, has-null flag, element type (text, OID 25), then
// per dimension its size and lower bound 1, then the elements — the
// canonical payload as it is. An empty array has no dimension.
CellFault put_text_array(std::string_view payload, std::string& out) {
  constexpr uint32_t k_text_oid = 25;
  uint32_t n = 0;
  bool nul = false;
  bool ok = for_each_array_element(payload, [&](std::string_view e) {
    ++n;
    nul = nul || std::memchr(e.data(), 0, e.size()) != nullptr;
  });
  if (!ok) return CellFault::kind_mismatch;
  if (nul) return CellFault::nul_in_text;
  size_t size = (n == 0 ? 12 : 20) + payload.size();
  if (size > k_max_field_bytes) return CellFault::too_large;
  put_be32(out, static_cast<uint32_t>(size));
  put_be32(out, n == 0 ? 0 : 1);
  put_be32(out, 0);
  put_be32(out, k_text_oid);
  if (n != 0) {
    put_be32(out, n);
    put_be32(out, 1);
  }
  out.append(payload);
  return CellFault::none;
}

CellFault put_cell(const RowBatch& batch, const Cell& cell, PgWire wire, std::string& out) {
  switch (wire) {
    case PgWire::int2:
    case PgWire::int4:
    case PgWire::int8:
      return is_integer_kind(cell.kind) ? put_integer(cell, wire, out) : CellFault::kind_mismatch;
    case PgWire::float4: return put_float4(cell, out);
    case PgWire::float8: return put_float8(cell, out);
    case PgWire::numeric: return put_numeric(batch, cell, out);
    case PgWire::text:
    case PgWire::json:
    case PgWire::jsonb: return put_text(batch, cell, wire, out);
    default: break;
  }
  if (cell.kind != canonical_kind(wire)) return CellFault::kind_mismatch;
  switch (wire) {
    case PgWire::boolean:
      put_be32(out, 1);
      out += cell.i ? '\x01' : '\x00';
      return CellFault::none;
    case PgWire::bytea: return put_bytes(batch.payload(cell), false, false, out);
    case PgWire::interval: return put_interval(batch, cell, out);
    case PgWire::uuid: return put_uuid(batch, cell, out);
    case PgWire::varbit: return put_bits(batch.payload(cell), out);
    case PgWire::text_array: return put_text_array(batch.payload(cell), out);
    default: return put_temporal(cell, wire, out);
  }
}

}  // namespace

void CopyBinaryEncoder::append_header(std::string& out) {
  static constexpr char k_signature[] = "PGCOPY\n\377\r\n";  // + the terminating NUL
  out.append(k_signature, sizeof k_signature);
  put_be32(out, 0);  // flags: no OIDs
  put_be32(out, 0);  // header extension length
}

void CopyBinaryEncoder::append_trailer(std::string& out) { put_be16(out, 0xFFFF); }

Status CopyBinaryEncoder::append_rows(const RowBatch& batch, std::string& out) const {
  if (batch.columns() != columns_.size()) {
    return fail(ErrorKind::internal,
                fmt::format("batch has {} columns but the COPY encoder expects {}",
                            batch.columns(), columns_.size()));
  }
  for (size_t row = 0; row < batch.rows(); ++row) {
    if (auto s = append_row(batch, row, out); !s) return s;
  }
  return {};
}

Status CopyBinaryEncoder::append_row(const RowBatch& batch, size_t row, std::string& out) const {
  size_t start = out.size();
  put_be16(out, static_cast<uint16_t>(columns_.size()));
  for (size_t col = 0; col < columns_.size(); ++col) {
    const Cell& cell = batch.at(row, col);
    if (cell.kind == ValueKind::null) {
      put_be32(out, 0xFFFFFFFF);
      continue;
    }
    CellFault f = put_cell(batch, cell, columns_[col], out);
    if (f != CellFault::none) {
      out.resize(start);
      return fail(cell_error(f, batch, cell, columns_[col], row, col));
    }
  }
  return {};
}

}  // namespace cutover::pg
