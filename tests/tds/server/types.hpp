// SQL Server column types as they travel in TDS 7.4 ([MS-TDS] 2.2.5.4):
// the wire type byte, its TYPE_INFO (length, precision, scale, collation,
// UDT names) and the value model the test server serves.
//
// A column is declared by its T-SQL type text ("decimal(38,10)",
// "varchar(20) collate Cyrillic_General_CI_AS", "nvarchar(max)") and a
// nullability; parse_type() picks the wire form a real server uses: NOT NULL
// int/bit/float/money/datetime go out as the fixed types (INT4, BIT, FLT8,
// MONEY, DATETIME), nullable ones as INTN/BITN/FLTN/MONEYN/DATETIMN.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tdstest {

enum WireType : std::uint8_t {
  k_null_type = 0x1F,
  k_int1 = 0x30,
  k_bit = 0x32,
  k_int2 = 0x34,
  k_int4 = 0x38,
  k_datetim4 = 0x3A,
  k_flt4 = 0x3B,
  k_money = 0x3C,
  k_datetime = 0x3D,
  k_flt8 = 0x3E,
  k_money4 = 0x7A,
  k_int8 = 0x7F,
  k_guid = 0x24,
  k_intn = 0x26,
  k_bitn = 0x68,
  k_decimaln = 0x6A,
  k_numericn = 0x6C,
  k_fltn = 0x6D,
  k_moneyn = 0x6E,
  k_datetimn = 0x6F,
  k_daten = 0x28,
  k_timen = 0x29,
  k_datetime2n = 0x2A,
  k_datetimeoffsetn = 0x2B,
  k_bigvarbinary = 0xA5,
  k_bigvarchar = 0xA7,
  k_bigbinary = 0xAD,
  k_bigchar = 0xAF,
  k_nvarchar = 0xE7,
  k_nchar = 0xEF,
  k_xml = 0xF1,
  k_udt = 0xF0,
  k_text = 0x23,
  k_image = 0x22,
  k_ntext = 0x63,
  k_variant = 0x62,
};

constexpr std::uint16_t k_max_length = 0xFFFF;  // (max) types: values go as PLP

struct Collation {
  std::uint32_t info = 0;  // LCID (20 bits), flags, version
  std::uint8_t sort_id = 0;
  std::string name;
  const char* codepage() const;  // "CP1252", "CP1251" or "UTF-8"
};

// "SQL_Latin1_General_CP1_CI_AS" (the default), "Latin1_General_CI_AS",
// "Cyrillic_General_CI_AS", "Latin1_General_100_CI_AS_SC_UTF8".
Collation collation_named(std::string_view name);

struct ColumnType {
  std::string sql_name;        // "decimal(38,10)", as a person writes it
  std::uint8_t wire = k_intn;  // WireType
  std::uint32_t length = 0;    // max length in bytes (0xFFFF for max)
  std::uint8_t precision = 0;
  std::uint8_t scale = 0;
  bool nullable = true;
  Collation collation;
  std::string udt_name;  // "hierarchyid", "geometry"

  bool is_plp() const;           // (max), xml and UDT values
  bool is_text_family() const;   // text, ntext, image
  bool is_unicode() const;       // nchar, nvarchar, ntext, xml
  bool has_collation() const;    // char types
};

// Bytes of a fixed-length wire type (INT4 -> 4, MONEY -> 8); 0 for the others.
std::uint32_t fixed_wire_size(std::uint8_t wire);

// Parses a T-SQL type text (case-insensitive). Throws std::invalid_argument
// naming the type when it is not one the test server knows.
ColumnType parse_type(std::string_view sql, bool nullable = true);

struct Variant;
// A cell: NULL, an integer (int types, bit), a float, text (UTF-8 for char
// types; bytes for binary and UDT; canonical text for decimal, money, dates,
// times and GUIDs: "-12.50", "2024-02-29 23:59:59.1234567 +14:00",
// "6F9619FF-8B86-D011-B42D-00C04FC964FF"), or a sql_variant.
using Value = std::variant<std::monostate, std::int64_t, double, std::string,
                           std::shared_ptr<const Variant>>;
struct Variant {
  ColumnType type;
  Value value;
};
using Row = std::vector<Value>;

inline Value null_value() { return std::monostate{}; }
inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }
Value variant_of(std::string_view sql_type, Value v);

// The text a value has in T-SQL output ("42", "1.5", the canonical text).
std::string value_text(const Value& v);

}  // namespace tdstest
