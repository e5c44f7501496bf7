// Every column of the type zoo, fetched through the real FreeTDS ODBC
// driver the way the SQL Server adapter will read it (FreeTDS 1.3.17
// traps: time and datetimeoffset as strings, date and datetime2 as ODBC
// structs, decimals and money as strings, never sql_variant directly),
// compared with the fixture's values.
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "fixtures.hpp"
#include "tds_fixture.hpp"

namespace tdstest {
namespace {

// The fixture text of a temporal value with its fraction padded to 7 digits.
std::string seven_digits(std::string s) {
  std::size_t colon = s.find(':');
  if (colon == std::string::npos) return s;
  std::size_t end = s.find(' ', colon);
  std::string tail = end == std::string::npos ? "" : s.substr(end);
  std::string time = s.substr(0, end);
  if (time.find('.', colon) == std::string::npos) time += ".";
  while (time.size() - time.find('.', colon) < 8) time += "0";
  return time + tail;
}

// FreeTDS 1.3.17 writes years below 1000 without leading zeros in the
// strings of date and datetimeoffset ("1-01-01 ..."); the adapter pads them.
std::string pad_year(std::string s) {
  std::size_t dash = s.find('-');
  if (dash != std::string::npos && dash < 4 && s.find(':') != std::string::npos) {
    s.insert(0, 4 - dash, '0');
  }
  return s;
}

std::string timestamp_text(const SQL_TIMESTAMP_STRUCT& t) {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:07}", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, t.fraction / 100);
}

std::string padded(const ColumnType& t, std::string s) {
  if (t.wire == k_bigchar) {
    bool utf8 = std::string(t.collation.codepage()) == "UTF-8";
    while ((utf8 ? s.size() : utf16_units(s)) < t.length) s += ' ';
  } else if (t.wire == k_nchar) {
    while (utf16_units(s) < t.length / 2) s += ' ';
  } else if (t.wire == k_bigbinary) {
    s.resize(t.length, '\0');
  }
  return s;
}

// Fetches column `col` of the current row the adapter's way and returns it as
// comparable text; NULL -> "NULL".
std::string fetched(OdbcStatement& s, int col, const ColumnType& t) {
  auto or_null = [](const auto& v, auto f) { return v ? f(*v) : std::string("NULL"); };
  switch (t.wire) {
    case k_int1: case k_int2: case k_int4: case k_int8: case k_intn: case k_bit: case k_bitn:
      return or_null(s.integer(col), [](std::int64_t v) { return std::to_string(v); });
    case k_flt4: case k_flt8: case k_fltn:
      return or_null(s.real(col), [](double v) { return fmt::format("{}", v); });
    case k_daten:
      return or_null(s.date(col), [](const SQL_DATE_STRUCT& d) {
        return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
      });
    case k_datetime: case k_datetim4: case k_datetimn: case k_datetime2n:
      return or_null(s.timestamp(col), timestamp_text);
    case k_bigbinary: case k_bigvarbinary: case k_image: case k_udt:
      return or_null(s.bytes(col), [](const std::string& b) { return b; });
    case k_datetimeoffsetn: return or_null(s.text(col), pad_year);
    default: return or_null(s.text(col), [](const std::string& b) { return b; });
  }
}

std::string expected(const Value& v, const ColumnType& t) {
  if (is_null(v)) return "NULL";
  switch (t.wire) {
    case k_flt4: case k_fltn:
      if (t.length == 4) return fmt::format("{}", static_cast<double>(static_cast<float>(std::get<double>(v))));
      return fmt::format("{}", std::get<double>(v));
    case k_flt8: return fmt::format("{}", std::get<double>(v));
    case k_datetime: case k_datetim4: case k_datetimn: case k_datetime2n:
      return seven_digits(std::get<std::string>(v));
    default: return padded(t, value_text(v));
  }
}

std::string shown(const std::string& s) {
  return s.size() > 80 ? s.substr(0, 80) + fmt::format("...({} bytes)", s.size()) : s;
}

class OdbcTypes : public TdsServerTest {
 protected:
  // Reads every row of `table` (all columns but the sql_variant) and compares.
  void check_zoo(const std::string& table) {
    Table zoo = type_zoo_table();
    auto c = connect();
    OdbcStatement s = c->statement();
    std::string cols;
    for (const Column& col : zoo.columns) {
      if (col.type.wire == k_variant) continue;
      cols += (cols.empty() ? "" : ", ") + fmt::format("[{}]", col.name);
    }
    s.execute(fmt::format("SELECT {} FROM [dbo].[{}] WITH (NOLOCK) ORDER BY [id]", cols, table));
    std::size_t row = 0;
    while (s.fetch()) {
      ASSERT_LT(row, zoo.rows.size());
      int odbc_col = 1;
      for (std::size_t i = 0; i < zoo.columns.size(); ++i) {
        const Column& col = zoo.columns[i];
        if (col.type.wire == k_variant) continue;
        EXPECT_EQ(shown(fetched(s, odbc_col++, col.type)),
                  shown(expected(zoo.rows[row][i], col.type)))
            << table << " row " << row + 1 << " column " << col.name << " (" << col.type.sql_name
            << ")";
      }
      ++row;
    }
    EXPECT_EQ(row, zoo.rows.size());
  }
};

TEST_F(OdbcTypes, TypeZooRoundTripsThroughFreeTds) { check_zoo("type_zoo"); }

TEST_F(OdbcTypes, NullsInsideRowTokensToo) { check_zoo("type_zoo_rowform"); }

TEST_F(OdbcTypes, SqlVariantReadThroughItsProperties) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute(
      "SELECT [id], CAST(SQL_VARIANT_PROPERTY([sv], 'BaseType') AS sysname) AS [t], "
      "CAST(SQL_VARIANT_PROPERTY([sv], 'Precision') AS int) AS [p], "
      "CAST(SQL_VARIANT_PROPERTY([sv], 'Scale') AS int) AS [s], "
      "CAST([sv] AS nvarchar(4000)) AS [v] FROM [dbo].[type_zoo] ORDER BY [id]");
  std::vector<std::string> rows;
  while (s.fetch()) {
    rows.push_back(fmt::format("{}|{}|{}|{}|{}", *s.integer(1), s.text(2).value_or("NULL"),
                               s.text(3).value_or("NULL"), s.text(4).value_or("NULL"),
                               s.text(5).value_or("NULL")));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "1|int|10|0|-2147483648",
                      "2|decimal|38|10|-1234567890123456789012345678.0123456789",
                      "3|nvarchar|0|0|variant 😀", "4|NULL|NULL|NULL|NULL"}));
}

// CONVERT to text keeps SQL Server's default styles: datetime to the
// minute, money with 2 decimals (why the adapter converts sql_variant values
// of those base types with explicit styles); CASE picks by text.
TEST_F(OdbcTypes, ConvertToTextFollowsSqlServersStyles) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute(
      "SELECT CONVERT(nvarchar(30), [dt]), CONVERT(nvarchar(30), [dt], 121), CONVERT(nvarchar(30), [sdt], 120), "
      "CONVERT(nvarchar(30), [m]), CONVERT(nvarchar(30), [sm_n], 2), CAST([hid] AS nvarchar(4000)), "
      "CASE CAST(SQL_VARIANT_PROPERTY([sv], 'BaseType') AS nvarchar(128)) WHEN 'NVARCHAR' THEN N'text' "
      "ELSE N'other' END FROM [dbo].[type_zoo] WHERE [id] = 3");
  ASSERT_TRUE(s.fetch());
  std::vector<std::string> got;
  for (int i = 1; i <= 7; ++i) got.push_back(s.text(i).value_or("NULL"));
  EXPECT_EQ(got, (std::vector<std::string>{"Feb 29 2024 12:34PM", "2024-02-29 12:34:56.787", "2024-02-29 12:35:00",
                                           "0.00", "1.2345", "/-73/1.5/80/", "text"}));
}

TEST_F(OdbcTypes, Year1DateAsStringIsTheKnownFreeTdsTrap) {
  // Why the adapter reads date as SQL_DATE_STRUCT: as a string, FreeTDS
  // 1.3.17 drops the year's leading zeros.
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [da] FROM [dbo].[type_zoo] WHERE [id] = 1");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(s.text(1).value_or("NULL"), "1-01-01");
}

}  // namespace
}  // namespace tdstest
