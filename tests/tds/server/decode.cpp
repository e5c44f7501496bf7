#include "decode.hpp"

#include <bit>
#include <stdexcept>

#include <fmt/format.h>

namespace tdstest {

namespace {

__extension__ typedef unsigned __int128 UInt128;

std::int64_t read_le(std::string_view b) {
  std::uint64_t v = 0;
  for (std::size_t i = b.size(); i-- > 0;) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return static_cast<std::int64_t>(v);
}

std::int64_t signed_le(std::string_view b) {
  std::int64_t v = read_le(b);
  int bits = static_cast<int>(b.size() * 8);
  if (bits < 64 && (v >> (bits - 1)) & 1) v -= std::int64_t{1} << bits;
  return v;
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

Collation read_collation(ByteReader& r) {
  Collation c;
  c.info = r.u32();
  c.sort_id = r.u8();
  return c;
}

std::string temporal_text(const ColumnType& t, std::string_view b) {
  int n = b.size() >= 5 && t.wire != k_daten ? (t.scale <= 2 ? 3 : t.scale <= 4 ? 4 : 5) : 0;
  std::int64_t ticks = read_le(b.substr(0, static_cast<std::size_t>(n))) * pow10(7 - t.scale);
  if (t.wire == k_daten) return date_text(read_le(b));
  if (t.wire == k_timen) return time_text(read_le(b) * pow10(7 - t.scale), t.scale);
  std::int64_t days = read_le(b.substr(static_cast<std::size_t>(n), 3));
  if (t.wire == k_datetime2n) return date_text(days) + " " + time_text(ticks, t.scale);
  int offset = static_cast<int>(signed_le(b.substr(static_cast<std::size_t>(n) + 3, 2)));
  std::int64_t local = days * 864'000'000'000 + ticks + offset * 600'000'000LL;
  std::string sign = offset < 0 ? "-" : "+";
  return fmt::format("{} {} {}{:02}:{:02}", date_text(local / 864'000'000'000),
                     time_text(local % 864'000'000'000, t.scale), sign, std::abs(offset) / 60,
                     std::abs(offset) % 60);
}

std::string datetime_text(std::string_view b) {
  if (b.size() == 4) {
    std::int64_t minutes = read_le(b.substr(2, 2));
    return date_text(read_le(b.substr(0, 2)) + 693'595) + " " +
           time_text(minutes * 600'000'000, 0);
  }
  std::int64_t days = signed_le(b.substr(0, 4)) + 693'595;
  std::int64_t ms = (read_le(b.substr(4, 4)) * 10 + 1) / 3;
  return date_text(days) + " " + time_text(ms * 10'000, 3);
}

Value fixed_value(const ColumnType& t, std::string_view b) {
  switch (t.wire) {
    case k_int1: return read_le(b);
    case k_int2: case k_int4: case k_int8: case k_intn: return signed_le(b);
    case k_bit: case k_bitn: return static_cast<std::int64_t>(b[0] != 0);
    case k_flt4: return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(read_le(b))));
    case k_flt8: return std::bit_cast<double>(read_le(b));
    case k_fltn:
      return b.size() == 4
                 ? static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(read_le(b))))
                 : std::bit_cast<double>(read_le(b));
    case k_money: case k_money4: case k_moneyn:
      if (b.size() == 4) return money_text(signed_le(b));
      return money_text(static_cast<std::int64_t>(
          (static_cast<std::uint64_t>(read_le(b.substr(0, 4))) << 32) |
          static_cast<std::uint64_t>(read_le(b.substr(4, 4)))));
    case k_decimaln: case k_numericn: return decimal_text(b, t.scale);
    case k_guid: return guid_text(b);
    case k_datetime: case k_datetim4: case k_datetimn: return datetime_text(b);
    case k_daten: case k_timen: case k_datetime2n: case k_datetimeoffsetn:
      return temporal_text(t, b);
    default: break;
  }
  if (t.is_unicode()) return utf16le_to_utf8(b);
  if (t.has_collation() && std::string(t.collation.codepage()) != "UTF-8") {
    return codepage_to_utf8(b, t.collation.codepage());
  }
  return std::string(b);
}

std::string read_plp(ByteReader& r, bool& null) {
  std::uint64_t total = r.u64();
  null = total == ~std::uint64_t{0};
  std::string out;
  if (null) return out;
  for (std::uint32_t n = r.u32(); n != 0; n = r.u32()) out += r.bytes(n);
  return out;
}

}  // namespace

std::string date_text(std::int64_t days) {
  std::int64_t z = days + 719468 - 719162;  // Hinnant's civil_from_days, epoch 0001-01-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string time_text(std::int64_t ticks, int scale) {
  std::int64_t secs = ticks / 10'000'000;
  std::string out = fmt::format("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  if (scale > 0) {
    out += fmt::format(".{:07}", ticks % 10'000'000).substr(0, static_cast<std::size_t>(scale) + 1);
  }
  return out;
}

std::string decimal_text(std::string_view b, int scale) {
  UInt128 v = 0;
  for (std::size_t i = b.size(); i-- > 1;) v = (v << 8) | static_cast<unsigned char>(b[i]);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  while (digits.size() <= static_cast<std::size_t>(scale)) digits.insert(digits.begin(), '0');
  if (scale > 0) digits.insert(digits.end() - scale, '.');
  return (b[0] == 0 ? "-" : "") + digits;
}

std::string money_text(std::int64_t units) {
  std::string sign = units < 0 ? "-" : "";
  auto mag = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  return fmt::format("{}{}.{:04}", sign, mag / 10000, mag % 10000);
}

std::string guid_text(std::string_view b) {
  auto h = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  return fmt::format("{:02X}{:02X}{:02X}{:02X}-{:02X}{:02X}-{:02X}{:02X}-{:02X}{:02X}-"
                     "{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}",
                     h(3), h(2), h(1), h(0), h(5), h(4), h(7), h(6), h(8), h(9), h(10), h(11),
                     h(12), h(13), h(14), h(15));
}

ColumnType read_type_info(ByteReader& r) {
  ColumnType t;
  t.wire = r.u8();
  t.length = fixed_wire_size(t.wire);
  t.nullable = t.length == 0;
  switch (t.wire) {
    case k_intn: case k_bitn: case k_fltn: case k_moneyn: case k_datetimn: case k_guid:
      t.length = r.u8();
      break;
    case k_decimaln: case k_numericn:
      t.length = r.u8();
      t.precision = r.u8();
      t.scale = r.u8();
      break;
    case k_timen: case k_datetime2n: case k_datetimeoffsetn: t.scale = r.u8(); break;
    case k_bigvarchar: case k_bigchar: case k_nvarchar: case k_nchar:
      t.length = r.u16();
      t.collation = read_collation(r);
      break;
    case k_bigvarbinary: case k_bigbinary: t.length = r.u16(); break;
    case k_text: case k_ntext:
      t.length = r.u32();
      t.collation = read_collation(r);
      break;
    case k_image: t.length = r.u32(); break;
    case k_xml:
      if (r.u8() != 0) throw WireError("XML parameters with a schema are not supported");
      t.length = k_max_length;
      break;
    default:
      if (t.length == 0 && t.wire != k_daten) {
        throw WireError(fmt::format("parameter type 0x{:02X} is not supported", t.wire));
      }
  }
  return t;
}

Value read_value(ByteReader& r, const ColumnType& t) {
  if (t.is_plp()) {
    bool null = false;
    std::string data = read_plp(r, null);
    return null ? null_value() : fixed_value(t, data);
  }
  std::size_t n = fixed_wire_size(t.wire);
  if (n == 0) {
    bool byte_len = t.wire != k_bigvarchar && t.wire != k_bigchar && t.wire != k_nvarchar &&
                    t.wire != k_nchar && t.wire != k_bigvarbinary && t.wire != k_bigbinary &&
                    !t.is_text_family();
    if (t.is_text_family()) {
      n = r.u32();
      if (n == 0xFFFFFFFF) return null_value();
    } else if (byte_len) {
      n = r.u8();
      if (n == 0) return null_value();
    } else {
      n = r.u16();
      if (n == 0xFFFF) return null_value();
    }
  }
  return fixed_value(t, r.bytes(n));
}

}  // namespace tdstest
