#include "encode.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "scalars.hpp"

namespace tdstest {

namespace {

const std::string& text_of(const Value& v, const ColumnType& t) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  throw std::invalid_argument(fmt::format("{} value must be given as text", t.sql_name));
}

std::int64_t int_of(const Value& v, const ColumnType& t) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  throw std::invalid_argument(fmt::format("{} value must be an integer", t.sql_name));
}

double float_of(const Value& v, const ColumnType& t) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  throw std::invalid_argument(fmt::format("{} value must be a number", t.sql_name));
}

std::string le_int(std::int64_t v, std::uint32_t n) {
  std::string out;
  for (std::uint32_t i = 0; i < n; ++i) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF));
  }
  return out;
}

std::string float_bytes(double d, std::uint32_t n) {
  if (n == 4) return le_int(std::bit_cast<std::uint32_t>(static_cast<float>(d)), 4);
  return le_int(static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(d)), 8);
}

bool is_fixed_char(const ColumnType& t) { return t.wire == k_bigchar || t.wire == k_nchar; }

std::string string_bytes(const ColumnType& t, const Value& v) {
  const std::string& s = text_of(v, t);
  std::string out;
  if (t.wire == k_bigvarbinary || t.wire == k_bigbinary || t.wire == k_image || t.wire == k_udt) {
    out = s;
  } else if (t.is_unicode()) {
    out = utf8_to_utf16le(s);
  } else if (std::string(t.collation.codepage()) == "UTF-8") {
    out = s;
  } else {
    out = utf8_to_codepage(s, t.collation.codepage());
  }
  if (t.length != k_max_length && !t.is_text_family() && out.size() > t.length) {
    throw std::invalid_argument(
        fmt::format("value of {} bytes does not fit {}", out.size(), t.sql_name));
  }
  if (is_fixed_char(t)) {
    std::string pad = t.wire == k_nchar ? std::string("\x20\x00", 2) : std::string(" ");
    while (out.size() < t.length) out += pad;
  } else if (t.wire == k_bigbinary) {
    out.resize(t.length, '\0');
  }
  return out;
}

std::string temporal_bytes(const ColumnType& t, const Value& v) {
  Temporal tm = parse_temporal(text_of(v, t));
  switch (t.wire) {
    case k_daten: return date_bytes(tm);
    case k_timen: return time_bytes(tm.ticks, t.scale);
    case k_datetime2n: return datetime2_bytes(tm, t.scale);
    case k_datetimeoffsetn: return datetimeoffset_bytes(tm, t.scale);
    case k_datetime: return datetime_bytes(tm);
    case k_datetim4: return smalldatetime_bytes(tm);
    case k_datetimn: return t.length == 8 ? datetime_bytes(tm) : smalldatetime_bytes(tm);
    default: throw std::logic_error("not a temporal type");
  }
}

bool is_temporal(std::uint8_t w) {
  return w == k_daten || w == k_timen || w == k_datetime2n || w == k_datetimeoffsetn ||
         w == k_datetime || w == k_datetim4 || w == k_datetimn;
}

bool has_byte_length(std::uint8_t w) {
  return w == k_intn || w == k_bitn || w == k_fltn || w == k_moneyn || w == k_datetimn ||
         w == k_guid || w == k_decimaln || w == k_numericn || w == k_daten || w == k_timen ||
         w == k_datetime2n || w == k_datetimeoffsetn;
}

std::string variant_props(const ColumnType& b) {
  ByteWriter p;
  switch (b.wire) {
    case k_timen: case k_datetime2n: case k_datetimeoffsetn: p.u8(b.scale); break;
    case k_bigvarbinary: case k_bigbinary: p.u16(static_cast<std::uint16_t>(b.length)); break;
    case k_decimaln: case k_numericn: p.u8(b.precision); p.u8(b.scale); break;
    case k_bigvarchar: case k_bigchar: case k_nvarchar: case k_nchar:
      p.u32(b.collation.info);
      p.u8(b.collation.sort_id);
      p.u16(static_cast<std::uint16_t>(b.length));
      break;
    default: break;
  }
  return p.take();
}

void write_variant(ByteWriter& w, const Value& v) {
  const auto& var = std::get<std::shared_ptr<const Variant>>(v);
  const ColumnType& b = var->type;
  if (b.is_plp() || b.is_text_family() || b.wire == k_variant) {
    throw std::invalid_argument(fmt::format("{} cannot be held in a sql_variant", b.sql_name));
  }
  std::string props = variant_props(b);
  std::string data = value_bytes(b, var->value);
  w.u32(static_cast<std::uint32_t>(2 + props.size() + data.size()));
  w.u8(b.wire);
  w.u8(static_cast<std::uint8_t>(props.size()));
  w.bytes(props);
  w.bytes(data);
}

std::string limited(const ColumnType& t, std::string data, const EncodeOptions& o) {
  bool limited_type = t.is_text_family() || (t.is_plp() && t.wire != k_xml && t.wire != k_udt);
  if (limited_type && o.textsize >= 0 && data.size() > static_cast<std::size_t>(o.textsize)) {
    std::size_t keep = static_cast<std::size_t>(o.textsize);
    if (t.is_unicode()) keep &= ~std::size_t{1};
    data.resize(keep);
  }
  return data;
}

void write_plp(ByteWriter& w, const std::string& data, const EncodeOptions& o) {
  w.u64(data.size());
  std::size_t chunk = o.plp_chunk_bytes == 0 ? data.size() : o.plp_chunk_bytes;
  for (std::size_t at = 0; at < data.size(); at += chunk) {
    std::size_t n = std::min(chunk, data.size() - at);
    w.u32(static_cast<std::uint32_t>(n));
    w.bytes(std::string_view(data).substr(at, n));
  }
  w.u32(0);
}

void write_text_family(ByteWriter& w, const std::string& data) {
  w.u8(16);
  w.bytes(std::string(16, '\x11'));  // text pointer
  w.bytes(std::string(8, '\x22'));   // timestamp
  w.u32(static_cast<std::uint32_t>(data.size()));
  w.bytes(data);
}

void write_null(ByteWriter& w, const ColumnType& t) {
  if (t.is_plp()) {
    w.u64(~std::uint64_t{0});
  } else if (t.is_text_family() || has_byte_length(t.wire)) {
    w.u8(0);
  } else if (t.wire == k_variant) {
    w.u32(0);
  } else if (fixed_wire_size(t.wire) != 0) {
    throw std::invalid_argument(fmt::format("NULL in NOT NULL column of type {}", t.sql_name));
  } else {
    w.u16(0xFFFF);
  }
}

}  // namespace

std::string value_bytes(const ColumnType& t, const Value& v) {
  if (is_temporal(t.wire)) return temporal_bytes(t, v);
  switch (t.wire) {
    case k_int1: case k_int2: case k_int4: case k_int8: case k_intn:
      return le_int(int_of(v, t), t.length);
    case k_bit: case k_bitn: return std::string(1, int_of(v, t) != 0 ? '\1' : '\0');
    case k_flt4: case k_flt8: case k_fltn: return float_bytes(float_of(v, t), t.length);
    case k_money: case k_money4: case k_moneyn: return money_bytes(text_of(v, t), t.length);
    case k_decimaln: case k_numericn:
      return decimal_bytes(text_of(v, t), t.scale, static_cast<int>(t.length));
    case k_guid: return guid_bytes(text_of(v, t));
    default: return string_bytes(t, v);
  }
}

void write_type_info(ByteWriter& w, const ColumnType& t) {
  w.u8(t.wire);
  if (fixed_wire_size(t.wire) != 0 || t.wire == k_daten) return;
  switch (t.wire) {
    case k_intn: case k_bitn: case k_fltn: case k_moneyn: case k_datetimn: case k_guid:
      w.u8(static_cast<std::uint8_t>(t.length));
      return;
    case k_decimaln: case k_numericn:
      w.u8(static_cast<std::uint8_t>(t.length));
      w.u8(t.precision);
      w.u8(t.scale);
      return;
    case k_timen: case k_datetime2n: case k_datetimeoffsetn: w.u8(t.scale); return;
    case k_xml: w.u8(0); return;  // no schema collection
    case k_variant: w.u32(t.length); return;
    case k_udt:
      w.u16(static_cast<std::uint16_t>(t.length));
      w.b_varchar("cutover");
      w.b_varchar("sys");
      w.b_varchar(t.udt_name);
      w.us_varchar(fmt::format("Microsoft.SqlServer.Types.Sql{}, Microsoft.SqlServer.Types, "
                               "Version=11.0.0.0, Culture=neutral, "
                               "PublicKeyToken=89845dcd8080cc91",
                               t.udt_name));
      return;
    default: break;
  }
  if (t.is_text_family()) {
    w.u32(t.length);
  } else {
    w.u16(static_cast<std::uint16_t>(t.length));
  }
  if (t.has_collation()) {
    w.u32(t.collation.info);
    w.u8(t.collation.sort_id);
  }
}

void write_value(ByteWriter& w, const ColumnType& t, const Value& v, const EncodeOptions& o) {
  if (is_null(v)) return write_null(w, t);
  if (t.wire == k_variant) return write_variant(w, v);
  std::string data = limited(t, value_bytes(t, v), o);
  if (t.is_plp()) return write_plp(w, data, o);
  if (t.is_text_family()) return write_text_family(w, data);
  if (fixed_wire_size(t.wire) != 0) return w.bytes(data);
  if (has_byte_length(t.wire)) {
    w.u8(static_cast<std::uint8_t>(data.size()));
  } else {
    w.u16(static_cast<std::uint16_t>(data.size()));
  }
  w.bytes(data);
}

}  // namespace tdstest
