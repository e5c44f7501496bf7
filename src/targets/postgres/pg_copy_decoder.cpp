// CopyBinaryDecoder: one switch per field into the caller's batch; nothing
// allocates per value except the batch's arena growing (numeric text goes
// through a reused thread-local buffer).
#include "targets/postgres/pg_copy_decoder.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "core/text_array.hpp"

namespace cutover::pg {
namespace {

constexpr char k_signature[] = "PGCOPY\n\377\r\n";  // 11 bytes with the NUL
constexpr size_t k_signature_len = sizeof k_signature;
constexpr int64_t k_pg_epoch_micros = int64_t{k_days_1970_to_2000} * k_micros_per_day;

uint16_t be16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return std::byteswap(v);
}
uint32_t be32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return std::byteswap(v);
}
uint64_t be64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return std::byteswap(v);
}

bool is_integer_kind(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64 || k == ValueKind::uint64;
}

void put_integer(ValueKind kind, int64_t v, RowBatch& out) {
  switch (kind) {
    case ValueKind::int16: out.put_int16(static_cast<int16_t>(v)); return;
    case ValueKind::int32: out.put_int32(static_cast<int32_t>(v)); return;
    case ValueKind::uint64: out.put_uint64(static_cast<uint64_t>(v)); return;
    case ValueKind::float64: out.put_float64(static_cast<double>(v)); return;
    case ValueKind::decimal: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v);
      out.put_decimal({buf, static_cast<size_t>(r.ptr - buf)});
      return;
    }
    default: out.put_int64(v);
  }
}

// An integral decimal text ("42", "-7.000") as int64; false otherwise.
bool integral_decimal(std::string_view t, int64_t& v) {
  size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  if (dot != std::string_view::npos && t.find_first_not_of('0', dot + 1) != std::string_view::npos) return false;
  auto r = std::from_chars(whole.data(), whole.data() + whole.size(), v);
  return r.ec == std::errc{} && r.ptr == whole.data() + whole.size();
}

void put_numeric(ValueKind kind, std::string_view text, RowBatch& out) {
  int64_t v = 0;
  if (is_integer_kind(kind) && integral_decimal(text, v) && (kind != ValueKind::uint64 || v >= 0)) {
    put_integer(kind, v, out);
  } else if (kind == ValueKind::float64 || kind == ValueKind::float32) {
    double d = text == "NaN" ? std::nan("") : text == "Infinity" ? HUGE_VAL
               : text == "-Infinity" ? -HUGE_VAL : std::strtod(std::string(text).c_str(), nullptr);
    if (kind == ValueKind::float32) out.put_float32(static_cast<float>(d));
    else out.put_float64(d);
  } else {
    out.put_decimal(text);
  }
}

// varbit binary form (int32 bit count, bits most significant first) -> the
// canonical '0101' text the encoder takes.
bool put_bits(std::string_view v, RowBatch& out) {
  if (v.size() < 4) return false;
  uint32_t n = be32(v.data());
  if ((n + 7) / 8 != v.size() - 4) return false;
  thread_local std::string bits;
  bits.assign(n, '0');
  for (uint32_t i = 0; i < n; ++i)
    if (static_cast<unsigned char>(v[4 + i / 8]) & (0x80 >> (i % 8))) bits[i] = '1';
  out.put_var(ValueKind::text, bits);
  return true;
}

void put_temporal(PgWire wire, const char* p, RowBatch& out) {
  if (wire == PgWire::date) {
    int32_t d = static_cast<int32_t>(be32(p));
    // ±infinity dates (INT32 min/max) are kept as they are.
    bool special = d == std::numeric_limits<int32_t>::min() || d == std::numeric_limits<int32_t>::max();
    out.put_date(special ? d : d + k_days_1970_to_2000);
    return;
  }
  int64_t v = static_cast<int64_t>(be64(p));
  if (wire == PgWire::time) {
    out.put_time(v);
    return;
  }
  bool special = v == std::numeric_limits<int64_t>::min() || v == std::numeric_limits<int64_t>::max();
  if (!special) v += k_pg_epoch_micros;
  if (wire == PgWire::timestamp) out.put_timestamp(v);
  else out.put_timestamptz(v);
}

size_t fixed_width(PgWire w) {
  switch (w) {
    case PgWire::boolean: return 1;
    case PgWire::int2: return 2;
    case PgWire::int4:
    case PgWire::float4:
    case PgWire::date: return 4;
    case PgWire::int8:
    case PgWire::float8:
    case PgWire::time:
    case PgWire::timestamp:
    case PgWire::timestamptz: return 8;
    case PgWire::interval:
    case PgWire::uuid: return 16;
    default: return 0;  // variable
  }
}

// text[] binary form (see the encoder) into the canonical payload: the
// elements as they are, after the header.
bool put_text_array(std::string_view v, RowBatch& out) {
  if (v.size() < 12) return false;
  uint32_t ndim = be32(v.data()), has_null = be32(v.data() + 4);
  if (has_null != 0 || ndim > 1 || (ndim == 1 && v.size() < 20) || (ndim == 1 && be32(v.data() + 16) != 1)) return false;
  std::string_view elements = v.substr(ndim == 0 ? 12 : 20);
  uint32_t n = 0;
  if (!for_each_array_element(elements, [&](std::string_view) { ++n; })) return false;
  if (ndim == 1 && n != be32(v.data() + 12)) return false;
  out.put_var(ValueKind::array, elements);
  return true;
}

}  // namespace

bool numeric_to_text(std::string_view payload, std::string& out) {
  out.clear();
  if (payload.size() < 8) return false;
  const char* p = payload.data();
  int ndigits = static_cast<int16_t>(be16(p));
  int weight = static_cast<int16_t>(be16(p + 2));
  uint16_t sign = be16(p + 4);
  int dscale = static_cast<int16_t>(be16(p + 6));
  if (ndigits < 0 || dscale < 0 || payload.size() != 8 + 2 * static_cast<size_t>(ndigits)) return false;
  if (sign == 0xC000) return out = "NaN", true;
  if (sign == 0xD000) return out = "Infinity", true;
  if (sign == 0xF000) return out = "-Infinity", true;
  if (sign != 0x0000 && sign != 0x4000) return false;
  auto digit = [&](int i) -> int { return i >= 0 && i < ndigits ? be16(p + 8 + 2 * i) : 0; };
  if (sign == 0x4000 && ndigits > 0) out += '-';
  if (weight < 0) {
    out += '0';
  } else {
    for (int i = 0; i <= weight; ++i) {
      int d = digit(i);
      if (d > 9999) return false;
      if (i == 0) fmt::format_to(std::back_inserter(out), "{}", d);
      else fmt::format_to(std::back_inserter(out), "{:04}", d);
    }
  }
  if (dscale == 0) return true;
  out += '.';
  for (int i = weight + 1, left = dscale; left > 0; ++i, left -= 4) {
    char group[5];
    fmt::format_to(group, "{:04}", digit(i));
    out.append(group, static_cast<size_t>(std::min(left, 4)));
  }
  return true;
}

CopyBinaryDecoder::CopyBinaryDecoder(std::vector<PgWire> wires, std::vector<ValueKind> kinds)
    : wires_(std::move(wires)), kinds_(std::move(kinds)) {
  kinds_.resize(wires_.size(), ValueKind::null);
  for (size_t i = 0; i < wires_.size(); ++i)
    if (kinds_[i] == ValueKind::null) kinds_[i] = canonical_kind(wires_[i]);
}

Status CopyBinaryDecoder::decode_field(size_t col, std::string_view v, RowBatch& out) const {
  PgWire wire = wires_[col];
  ValueKind kind = kinds_[col];
  size_t width = fixed_width(wire);
  if (width != 0 && v.size() != width)
    return fail(ErrorKind::internal, fmt::format("COPY binary column {} ({}): field of {} bytes, expected {}",
                                                 col, to_string(wire), v.size(), width));
  const char* p = v.data();
  switch (wire) {
    case PgWire::boolean: out.put_bool(p[0] != 0); break;
    case PgWire::int2: put_integer(kind, static_cast<int16_t>(be16(p)), out); break;
    case PgWire::int4: put_integer(kind, static_cast<int32_t>(be32(p)), out); break;
    case PgWire::int8: put_integer(kind, static_cast<int64_t>(be64(p)), out); break;
    case PgWire::float4: {
      float f = std::bit_cast<float>(be32(p));
      if (kind == ValueKind::float64) out.put_float64(f);
      else out.put_float32(f);
      break;
    }
    case PgWire::float8: {
      double d = std::bit_cast<double>(be64(p));
      if (kind == ValueKind::float32) out.put_float32(static_cast<float>(d));
      else out.put_float64(d);
      break;
    }
    case PgWire::numeric: {
      thread_local std::string text;
      if (!numeric_to_text(v, text))
        return fail(ErrorKind::internal, fmt::format("COPY binary column {}: malformed numeric", col));
      put_numeric(kind, text, out);
      break;
    }
    case PgWire::text:
      out.put_var(kind == ValueKind::json || kind == ValueKind::enum_label ? kind : ValueKind::text, v);
      break;
    case PgWire::jsonb:
      if (v.empty() || v[0] != 1)
        return fail(ErrorKind::internal, fmt::format("COPY binary column {}: unknown jsonb version", col));
      v.remove_prefix(1);
      [[fallthrough]];
    case PgWire::json: out.put_var(kind == ValueKind::text ? kind : ValueKind::json, v); break;
    case PgWire::bytea: out.put_bytes(v); break;
    case PgWire::interval:
      out.put_interval({static_cast<int32_t>(be32(p + 12)), static_cast<int32_t>(be32(p + 8)),
                        static_cast<int64_t>(be64(p))});
      break;
    case PgWire::uuid: out.put_uuid(reinterpret_cast<const uint8_t*>(p)); break;
    case PgWire::varbit:
      if (!put_bits(v, out))
        return fail(ErrorKind::internal, fmt::format("COPY binary column {}: malformed bit string", col));
      break;
    case PgWire::text_array:
      if (!put_text_array(v, out))
        return fail(ErrorKind::internal,
                    fmt::format("COPY binary column {}: not a one-dimensional text array without NULLs", col));
      break;
    default: put_temporal(wire, p, out);
  }
  return {};
}

Result<size_t> CopyBinaryDecoder::decode(std::string_view data, RowBatch& out) {
  size_t pos = 0;
  if (!header_read_) {
    if (data.size() < k_signature_len + 8) return size_t{0};
    if (std::memcmp(data.data(), k_signature, k_signature_len) != 0)
      return fail(ErrorKind::internal, "COPY binary stream without the PGCOPY signature");
    size_t ext = be32(data.data() + k_signature_len + 4);
    if (data.size() < k_signature_len + 8 + ext) return size_t{0};
    pos = k_signature_len + 8 + ext;
    header_read_ = true;
  }
  while (!finished_ && pos + 2 <= data.size()) {
    int fields = static_cast<int16_t>(be16(data.data() + pos));
    if (fields == -1) {
      finished_ = true;
      return pos + 2;
    }
    if (static_cast<size_t>(fields) != wires_.size())
      return fail(ErrorKind::internal, fmt::format("COPY binary tuple of {} fields, expected {}", fields,
                                                   wires_.size()));
    size_t at = pos + 2;
    for (size_t col = 0; col < wires_.size(); ++col) {
      if (at + 4 > data.size()) return out.discard_partial_row(), pos;
      uint32_t len = be32(data.data() + at);
      at += 4;
      if (len == 0xFFFFFFFF) {
        out.put_null();
        continue;
      }
      if (at + len > data.size()) return out.discard_partial_row(), pos;
      if (auto st = decode_field(col, data.substr(at, len), out); !st) {
        out.discard_partial_row();
        return fail(std::move(st.error()));
      }
      at += len;
    }
    pos = at;
  }
  return pos;
}

}  // namespace cutover::pg
