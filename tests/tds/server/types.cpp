#include "types.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

namespace tdstest {

namespace {

constexpr std::uint32_t k_ci_ks_ws = (1u << 20) | (1u << 22) | (1u << 23);
constexpr std::uint32_t k_utf8_flag = 1u << 26;

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "(38,10)" -> {38, 10}; "(max)" -> {0xFFFF}; "" -> {}.
std::vector<std::uint32_t> type_args(std::string_view args, std::string_view sql) {
  std::vector<std::uint32_t> out;
  if (args.empty()) return out;
  if (args.front() != '(' || args.back() != ')') {
    throw std::invalid_argument(fmt::format("bad type arguments in '{}'", sql));
  }
  std::string inner = lower(args.substr(1, args.size() - 2));
  std::size_t start = 0;
  while (start <= inner.size()) {
    std::size_t comma = inner.find(',', start);
    std::string part = trim(inner.substr(start, comma - start));
    if (part == "max") {
      out.push_back(k_max_length);
    } else {
      std::uint32_t v = 0;
      auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
      if (ec != std::errc() || p != part.data() + part.size()) {
        throw std::invalid_argument(fmt::format("bad type argument '{}' in '{}'", part, sql));
      }
      out.push_back(v);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::uint8_t time_length(std::uint8_t scale) { return scale <= 2 ? 3 : scale <= 4 ? 4 : 5; }

std::uint8_t decimal_length(std::uint8_t precision) {
  return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
}

struct FixedForm {
  const char* name;
  std::uint8_t not_null;
  std::uint8_t nullable;
  std::uint8_t length;
};

constexpr FixedForm k_fixed[] = {
    {"tinyint", k_int1, k_intn, 1},        {"smallint", k_int2, k_intn, 2},
    {"int", k_int4, k_intn, 4},            {"bigint", k_int8, k_intn, 8},
    {"bit", k_bit, k_bitn, 1},             {"real", k_flt4, k_fltn, 4},
    {"float", k_flt8, k_fltn, 8},          {"money", k_money, k_moneyn, 8},
    {"smallmoney", k_money4, k_moneyn, 4}, {"datetime", k_datetime, k_datetimn, 8},
    {"smalldatetime", k_datetim4, k_datetimn, 4},
};

bool set_fixed(ColumnType& t, const std::string& base) {
  for (const FixedForm& f : k_fixed) {
    if (base != f.name) continue;
    t.wire = t.nullable ? f.nullable : f.not_null;
    t.length = f.length;
    return true;
  }
  return false;
}

bool set_temporal(ColumnType& t, const std::string& base, const std::vector<std::uint32_t>& a) {
  if (base != "date" && base != "time" && base != "datetime2" && base != "datetimeoffset") {
    return false;
  }
  std::uint8_t scale = a.empty() ? 7 : static_cast<std::uint8_t>(a[0]);
  if (scale > 7) throw std::invalid_argument("fractional seconds precision above 7");
  if (base == "date") {
    t.wire = k_daten;
    t.length = 3;
  } else if (base == "time") {
    t.wire = k_timen;
    t.length = time_length(scale);
  } else if (base == "datetime2") {
    t.wire = k_datetime2n;
    t.length = time_length(scale) + 3u;
  } else if (base == "datetimeoffset") {
    t.wire = k_datetimeoffsetn;
    t.length = time_length(scale) + 5u;
  }
  t.scale = base == "date" ? 0 : scale;
  return true;
}

bool set_decimal(ColumnType& t, const std::string& base, const std::vector<std::uint32_t>& a) {
  if (base != "decimal" && base != "numeric") return false;
  t.wire = base == "decimal" ? k_decimaln : k_numericn;
  t.precision = static_cast<std::uint8_t>(a.empty() ? 18 : a[0]);
  t.scale = static_cast<std::uint8_t>(a.size() > 1 ? a[1] : 0);
  if (t.precision < 1 || t.precision > 38 || t.scale > t.precision) {
    throw std::invalid_argument(fmt::format("bad precision or scale in '{}'", t.sql_name));
  }
  t.length = decimal_length(t.precision);
  return true;
}

struct StringForm {
  const char* name;
  std::uint8_t wire;
  std::uint32_t unit;  // bytes per declared length unit
  bool collated;
};

constexpr StringForm k_strings[] = {
    {"char", k_bigchar, 1, true},          {"varchar", k_bigvarchar, 1, true},
    {"nchar", k_nchar, 2, true},           {"nvarchar", k_nvarchar, 2, true},
    {"binary", k_bigbinary, 1, false},     {"varbinary", k_bigvarbinary, 1, false},
    {"sysname", k_nvarchar, 2, true},
};

bool set_string(ColumnType& t, const std::string& base, const std::vector<std::uint32_t>& a,
                const Collation& coll) {
  for (const StringForm& f : k_strings) {
    if (base != f.name) continue;
    std::uint32_t n = base == "sysname" ? 128 : a.empty() ? 1 : a[0];
    t.wire = f.wire;
    t.length = n == k_max_length ? k_max_length : n * f.unit;
    if (t.length != k_max_length && t.length > 8000) {
      throw std::invalid_argument(fmt::format("length above 8000 bytes in '{}'", t.sql_name));
    }
    if (f.collated) t.collation = coll;
    return true;
  }
  return false;
}

bool set_other(ColumnType& t, const std::string& base, const Collation& coll) {
  if (base == "uniqueidentifier") {
    t.wire = k_guid;
    t.length = 16;
  } else if (base == "xml") {
    t.wire = k_xml;
    t.length = k_max_length;
  } else if (base == "text" || base == "ntext") {
    t.wire = base == "text" ? k_text : k_ntext;
    t.length = 0x7FFFFFFF;
    t.collation = coll;
  } else if (base == "image") {
    t.wire = k_image;
    t.length = 0x7FFFFFFF;
  } else if (base == "sql_variant") {
    t.wire = k_variant;
    t.length = 8016;
  } else if (base == "rowversion" || base == "timestamp") {  // binary(8), given by the server; sys.types says timestamp
    t.wire = k_bigbinary;
    t.length = 8;
    t.sql_name = "timestamp";
  } else if (base == "hierarchyid" || base == "geometry" || base == "geography") {
    t.wire = k_udt;
    t.length = base == "hierarchyid" ? 892 : k_max_length;
    t.udt_name = base;
  } else {
    return false;
  }
  return true;
}

}  // namespace

const char* Collation::codepage() const {
  if (info & k_utf8_flag) return "UTF-8";
  if ((info & 0xFFFF) == 0x0419) return "CP1251";
  return "CP1252";
}

Collation collation_named(std::string_view name) {
  std::string n = lower(name);
  Collation c;
  c.name = std::string(name);
  if (n == "sql_latin1_general_cp1_ci_as" || n.empty()) {
    c.info = 0x0409 | k_ci_ks_ws;
    c.sort_id = 52;
    if (n.empty()) c.name = "SQL_Latin1_General_CP1_CI_AS";
  } else if (n == "latin1_general_ci_as") {
    c.info = 0x0409 | k_ci_ks_ws;
  } else if (n == "cyrillic_general_ci_as") {
    c.info = 0x0419 | k_ci_ks_ws;
  } else if (n == "latin1_general_100_ci_as_sc_utf8") {
    c.info = 0x0409 | k_ci_ks_ws | k_utf8_flag | (1u << 28);
  } else {
    throw std::invalid_argument(fmt::format("unknown collation '{}'", name));
  }
  return c;
}

std::uint32_t fixed_wire_size(std::uint8_t w) {
  switch (w) {
    case k_int1: case k_bit: return 1;
    case k_int2: return 2;
    case k_int4: case k_flt4: case k_money4: case k_datetim4: return 4;
    case k_int8: case k_flt8: case k_money: case k_datetime: return 8;
    default: return 0;
  }
}

bool ColumnType::is_plp() const {
  if (wire == k_xml || wire == k_udt) return true;
  bool var = wire == k_bigvarchar || wire == k_nvarchar || wire == k_bigvarbinary;
  return var && length == k_max_length;
}

bool ColumnType::is_text_family() const {
  return wire == k_text || wire == k_ntext || wire == k_image;
}

bool ColumnType::is_unicode() const {
  return wire == k_nchar || wire == k_nvarchar || wire == k_ntext || wire == k_xml;
}

bool ColumnType::has_collation() const {
  return wire == k_bigchar || wire == k_bigvarchar || wire == k_nchar || wire == k_nvarchar ||
         wire == k_text || wire == k_ntext;
}

ColumnType parse_type(std::string_view sql, bool nullable) {
  ColumnType t;
  t.sql_name = trim(sql);
  t.nullable = nullable;
  std::string text = t.sql_name;
  Collation coll = collation_named("");
  std::size_t at = lower(text).find(" collate ");
  if (at != std::string::npos) {
    coll = collation_named(trim(text.substr(at + 9)));
    text = trim(text.substr(0, at));
  }
  std::size_t paren = text.find('(');
  std::string base = lower(trim(text.substr(0, paren)));
  std::vector<std::uint32_t> args =
      type_args(paren == std::string::npos ? "" : trim(text.substr(paren)), sql);
  if (set_fixed(t, base) || set_temporal(t, base, args) || set_decimal(t, base, args) ||
      set_string(t, base, args, coll) || set_other(t, base, coll)) {
    return t;
  }
  throw std::invalid_argument(fmt::format("the TDS test server does not know type '{}'", sql));
}

Value variant_of(std::string_view sql_type, Value v) {
  return std::make_shared<const Variant>(Variant{parse_type(sql_type, false), std::move(v)});
}

std::string value_text(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* var = std::get_if<std::shared_ptr<const Variant>>(&v)) return value_text((*var)->value);
  return "NULL";
}

}  // namespace tdstest
