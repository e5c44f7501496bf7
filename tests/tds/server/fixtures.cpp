#include "fixtures.hpp"

#include <limits>

#include <fmt/format.h>

#include "hierarchyid.hpp"
#include "spatial.hpp"

namespace tdstest {

namespace {

using I = std::int64_t;

Value text(std::string s) { return Value{std::move(s)}; }

void zoo_columns(Table& t) {
  t.column("id", "int", false)
      .column("ti", "tinyint", false).column("ti_n", "tinyint")
      .column("si", "smallint", false).column("si_n", "smallint")
      .column("i_n", "int")
      .column("bi", "bigint", false).column("bi_n", "bigint")
      .column("b", "bit", false).column("b_n", "bit")
      .column("r", "real", false).column("r_n", "real")
      .column("f", "float", false).column("f_n", "float")
      .column("dec38_0", "decimal(38,0)", false).column("dec38_10", "decimal(38,10)")
      .column("num9_4", "numeric(9,4)", false).column("num18_6", "numeric(18,6)")
      .column("m", "money", false).column("m_n", "money")
      .column("sm", "smallmoney", false).column("sm_n", "smallmoney")
      .column("dt", "datetime", false).column("dt_n", "datetime")
      .column("sdt", "smalldatetime", false).column("sdt_n", "smalldatetime")
      .column("da", "date", false).column("da_n", "date")
      .column("t0", "time(0)", false).column("t3", "time(3)").column("t7", "time(7)")
      .column("dt2_0", "datetime2(0)", false).column("dt2_3", "datetime2(3)")
      .column("dt2_7", "datetime2(7)")
      .column("dto_0", "datetimeoffset(0)", false).column("dto_7", "datetimeoffset(7)")
      .column("g", "uniqueidentifier", false).column("g_n", "uniqueidentifier")
      .column("c1252", "char(10) collate Latin1_General_CI_AS", false)
      .column("vc1252", "varchar(50)")
      .column("vc1251", "varchar(50) collate Cyrillic_General_CI_AS")
      .column("vcutf8", "varchar(100) collate Latin1_General_100_CI_AS_SC_UTF8")
      .column("vcmax", "varchar(max)")
      .column("nc", "nchar(10)", false).column("nvc", "nvarchar(100)")
      .column("nvcmax", "nvarchar(max)")
      .column("bin", "binary(8)", false).column("vbin", "varbinary(50)")
      .column("vbinmax", "varbinary(max)")
      .column("x", "xml")
      .column("txt", "text").column("ntxt", "ntext").column("img", "image")
      .column("sv", "sql_variant")
      .column("hid", "hierarchyid").column("geo", "geometry");
}

Row zoo_min() {
  return {I{1}, I{0}, I{0}, I{-32768}, I{-32768}, I{std::numeric_limits<std::int32_t>::min()},
          I{std::numeric_limits<I>::min()}, I{std::numeric_limits<I>::min()}, I{0}, I{0},
          -3.4028234663852886e38, -1.17549435e-38, -1.7976931348623157e308, 2.2250738585072014e-308,
          text("-99999999999999999999999999999999999999"),
          text("-9999999999999999999999999999.9999999999"), text("-99999.9999"),
          text("-999999999999.999999"), text("-922337203685477.5808"),
          text("-922337203685477.5808"), text("-214748.3648"), text("-214748.3648"),
          text("1753-01-01 00:00:00.000"), text("1753-01-01 00:00:00.000"),
          text("1900-01-01 00:00:00"), text("1900-01-01 00:00:00"), text("0001-01-01"),
          text("0001-01-01"), text("00:00:00"), text("00:00:00.000"), text("00:00:00.0000000"),
          text("0001-01-01 00:00:00"), text("0001-01-01 00:00:00.000"),
          text("0001-01-01 00:00:00.0000000"), text("0001-01-01 14:00:00 +14:00"),
          text("0001-01-01 00:00:00.0000000 +00:00"),
          text("00000000-0000-0000-0000-000000000000"), text("00000000-0000-0000-0000-000000000000"),
          text(""), text(""), text(""), text(""), text(""), text(""), text(""), text(""),
          text(std::string(8, '\0')), text(""), text(""), text("<a/>"), text(""), text(""),
          text(""), variant_of("int", I{std::numeric_limits<std::int32_t>::min()}),
          text("\x58"), text(std::string("\x00\x00\x00\x00\x01\x0C\x00\x00\x00\x00\x00\x00\xF0\x3F"
                                         "\x00\x00\x00\x00\x00\x00\x00\x40", 22))};
}

Row zoo_max() {
  return {I{2}, I{255}, I{255}, I{32767}, I{32767}, I{std::numeric_limits<std::int32_t>::max()},
          I{std::numeric_limits<I>::max()}, I{std::numeric_limits<I>::max()}, I{1}, I{1},
          3.4028234663852886e38, 1.401298464324817e-45, 1.7976931348623157e308, 5e-324,
          text("99999999999999999999999999999999999999"),
          text("9999999999999999999999999999.9999999999"), text("99999.9999"),
          text("999999999999.999999"), text("922337203685477.5807"),
          text("922337203685477.5807"), text("214748.3647"), text("214748.3647"),
          text("9999-12-31 23:59:59.997"), text("9999-12-31 23:59:59.997"),
          text("2079-06-06 23:59:00"), text("2079-06-06 23:59:00"), text("9999-12-31"),
          text("9999-12-31"), text("23:59:59"), text("23:59:59.999"), text("23:59:59.9999999"),
          text("9999-12-31 23:59:59"), text("9999-12-31 23:59:59.999"),
          text("9999-12-31 23:59:59.9999999"), text("9999-12-31 09:59:59 -14:00"),
          text("9999-12-31 23:59:59.9999999 +00:00"),
          text("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"), text("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"),
          text("ÿÿÿÿÿÿÿÿÿÿ"), text(std::string(50, 'z')), text(std::string(50, 'z')),
          text(std::string(100, 'z')), text(std::string(9000, 'm')),
          text("ŸŸŸŸŸŸŸŸŸŸ"), text(std::string(100, 'Z')), text(zoo_long_text(5000)),
          text(std::string(8, '\xFF')), text(std::string(50, '\xFF')), text(zoo_long_bytes(9000)),
          text("<root>" + std::string(6000, 'x') + "</root>"), text(std::string(9000, 't')),
          text(zoo_long_text(3000)), text(zoo_long_bytes(9000)),
          variant_of("decimal(38,10)", text("-1234567890123456789012345678.0123456789")),
          text("\x5A\xC0"), text(clr_bytes(spatial_from_wkt("LINESTRING(0 0, 1 1, 2 1)", 4326, false)))};
}

Row zoo_traps() {
  return {I{3}, I{42}, I{42}, I{-1}, I{1}, I{123456}, I{-42}, I{9007199254740993LL}, I{1}, I{0},
          1.5, -0.0, 0.1, 3.141592653589793, text("0"), text("0.0000000001"), text("-0.0001"),
          text("123.456789"), text("0.0001"), text("-0.0001"), text("0.0000"), text("1.2345"),
          text("2024-02-29 12:34:56.787"), text("2000-01-01 00:00:00.003"),
          text("2024-02-29 12:35:00"), text("2000-01-01 00:00:00"), text("2024-02-29"),
          text("1970-01-01"), text("12:34:56"), text("12:34:56.789"), text("12:34:56.1234567"),
          text("2024-02-29 12:34:56"), text("1969-12-31 23:59:59.999"),
          text("2024-02-29 12:34:56.1234567"), text("2024-02-29 12:34:56 +05:30"),
          text("2024-02-29 23:59:59.9999999 -14:00"),
          text("6F9619FF-8B86-D011-B42D-00C04FC964FF"), text("01234567-89AB-CDEF-0123-456789ABCDEF"),
          text("café €"), text("naïve ‰ Œuvre"), text("Привет, мир"),
          text("日本語 😀 𝄞 ok"), text(std::string("nul\0inside", 10)),
          text("Ωmega 😀"), text(std::string("a\0b 😀 \U0010FFFF", 13)),
          text(zoo_long_text(100'000)),
          text("\x01\x02\x03"), text(std::string("\x00\x01\x00", 3)), text(zoo_long_bytes(70'000)),
          text("<doc lang=\"ру\">😀 &amp; <b/></doc>"), text("legacy text"),
          text("ntext 😀 Привет"), text(std::string("\x89PNG\r\n\x1a\n", 8)),
          variant_of("nvarchar(20)", text("variant 😀")), text(hierarchyid_bytes("/-73/1.5/80/")),
          text(clr_bytes(spatial_from_wkt("POLYGON((0 0, 3 0, 3 3, 0 3, 0 0))", 3857, false)))};
}

Row zoo_nulls(const Table& t) {
  Row r = zoo_traps();
  r[0] = I{4};
  for (std::size_t i = 1; i < t.columns.size(); ++i) {
    if (t.columns[i].type.nullable) r[i] = null_value();
  }
  return r;
}

Table other_things() {
  Table t;
  t.name = "things";
  t.column("id", "int", false).column("label", "nvarchar(20)");
  t.row({I{1}, text("in another database")});
  t.primary_key = {"id"};
  return t;
}

Table sales_orders() {
  Table t;
  t.schema = "sales";
  t.name = "orders";
  t.column("order_id", "uniqueidentifier", false)
      .column("customer", "nvarchar(40)", false)
      .column("total", "money", false);
  t.row({text("6F9619FF-8B86-D011-B42D-00C04FC964FF"), text("Ana"), text("12.5000")});
  t.row({text("00000000-0000-0000-0000-000000000001"), text("Bo"), text("7.0000")});
  t.row({text("00000000-0000-0000-0000-010000000000"), text("Cy"), text("0.0100")});
  t.primary_key = {"order_id"};
  return t;
}

Table error_rows() {
  Table t;
  t.name = "error_rows";
  t.column("id", "int", false).column("v", "nvarchar(20)");
  for (I i = 1; i <= 10; ++i) t.row({i, text(fmt::format("row {}", i))});
  t.error_after = 5;
  t.primary_key = {"id"};
  t.error = {8115, 2, 16, "Arithmetic overflow error converting expression to data type int.",
             "", 1};
  return t;
}

}  // namespace

std::string zoo_long_text(std::size_t chars) {
  std::string out;
  for (std::size_t i = 0; out.size() < chars; ++i) {
    out += i % 100 == 99 ? "😀" : std::string(1, static_cast<char>('a' + i % 26));
  }
  return out;
}

std::string zoo_long_bytes(std::size_t n) {
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 7 + 3) & 0xFF);
  return out;
}

Table type_zoo_table() {
  Table t;
  t.name = "type_zoo";
  zoo_columns(t);
  t.row(zoo_min()).row(zoo_max()).row(zoo_traps());
  t.row(zoo_nulls(t));
  t.primary_key = {"id"};
  t.defaults = {{"b", "((1))"}, {"dt_n", "(getdate())"}, {"g_n", "(newid())"}};
  return t;
}

Row big_table_row(std::int64_t id) {
  Value name = id % 10 == 0 ? null_value() : text(fmt::format("name {}", id));
  return {id, I{id % 97}, std::move(name), text(fmt::format("{}.{:02}", id * 3, id % 100)),
          text(fmt::format("2024-01-{:02} 10:{:02}:{:02}.{:03}", 1 + id % 28, id % 60,
                           (id / 60) % 60, id % 1000))};
}

Table big_table(std::int64_t rows) {
  Table t;
  t.name = "big_table";
  t.column("id", "bigint", false)
      .column("grp", "int", false)
      .column("name", "nvarchar(50)")
      .column("amount", "decimal(18,2)", false)
      .column("created", "datetime2(3)");
  t.generated_rows = rows;
  t.generate = [](std::int64_t id, std::int64_t) { return big_table_row(id); };
  t.primary_key = {"id"};
  t.identity = "id";
  t.indexes.push_back({"IX_big_table_grp", false, {"grp"}});
  t.defaults = {{"grp", "((0))"}, {"created", "(sysdatetime())"}};
  t.checks = {{"CK_big_table_amount", "([amount]>=(0))"}};
  return t;
}

Catalog fixture_catalog(std::int64_t big_rows) {
  Catalog c;
  Database& db = c.database("cutover");
  db.tables.push_back(type_zoo_table());
  Table rowform = type_zoo_table();
  rowform.name = "type_zoo_rowform";
  rowform.form = RowForm::row;
  db.tables.push_back(std::move(rowform));
  db.tables.push_back(big_table(big_rows));
  db.tables.push_back(error_rows());
  db.tables.push_back(sales_orders());
  db.tables.push_back(guid_keyed_table());
  db.tables.push_back(guid_order_table());
  db.tables.push_back(composite_keyed_table());
  db.tables.push_back(live_counts_table());
  Database& nosnap = c.database("nosnap");
  nosnap.allow_snapshot_isolation = false;
  nosnap.tables.push_back(live_counts_table());
  c.database("other").tables.push_back(other_things());
  c.databases.push_back(shop_database());
  c.database("master");
  return c;
}

}  // namespace tdstest
