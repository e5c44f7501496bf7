// Cross-check with an independent decoder: tedious (npm) reads the type zoo
// from the test server, so the server's bytes are not judged only by
// FreeTDS, the client they test. Column metadata (type, nullability,
// precision, scale, code page) and every value are compared with the
// fixture. tedious turns decimals and money into JavaScript numbers, so
// those compare to 15 significant digits; everything else is exact.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "decode.hpp"
#include "fixtures.hpp"
#include "scalars.hpp"
#include "tds_fixture.hpp"

namespace tdstest {
namespace {

const std::string k_node_dir = std::string(CUTOVER_SOURCE_DIR) + "/tests/tds/node";

std::string run_node(int port, const std::string& sql) {
  std::string cmd = fmt::format("node {}/crosscheck.js {} \"{}\" 2>&1", k_node_dir, port, sql);
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[65536];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = ::pclose(p);
  if (rc != 0) throw std::runtime_error("node crosscheck.js failed: " + out);
  return out;
}

const char* tedious_type(const ColumnType& t) {
  static const std::pair<std::uint8_t, const char*> k[] = {
      {k_int1, "TinyInt"}, {k_int2, "SmallInt"}, {k_int4, "Int"}, {k_int8, "BigInt"},
      {k_intn, "IntN"}, {k_bit, "Bit"}, {k_bitn, "BitN"}, {k_flt4, "Real"}, {k_flt8, "Float"},
      {k_fltn, "FloatN"}, {k_money, "Money"}, {k_money4, "SmallMoney"}, {k_moneyn, "MoneyN"},
      {k_datetime, "DateTime"}, {k_datetim4, "SmallDateTime"}, {k_datetimn, "DateTimeN"},
      {k_daten, "Date"}, {k_timen, "Time"}, {k_datetime2n, "DateTime2"},
      {k_datetimeoffsetn, "DateTimeOffset"}, {k_guid, "UniqueIdentifier"},
      {k_decimaln, "DecimalN"}, {k_numericn, "NumericN"}, {k_bigchar, "Char"},
      {k_bigvarchar, "VarChar"}, {k_nchar, "NChar"}, {k_nvarchar, "NVarChar"},
      {k_bigbinary, "Binary"}, {k_bigvarbinary, "VarBinary"}, {k_xml, "Xml"}, {k_text, "Text"},
      {k_ntext, "NText"}, {k_image, "Image"}, {k_variant, "Variant"}, {k_udt, "UDT"}};
  for (auto [w, name] : k) {
    if (w == t.wire) return name;
  }
  return "?";
}

std::string hex(std::string_view b) {
  std::string out;
  for (char c : b) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  return out;
}

// A fixture date/time as tedious shows it: the UTC instant to the
// millisecond, plus the rest of the 100 ns ticks as a fraction of a second.
nlohmann::json temporal(const std::string& text, bool is_time) {
  Temporal t = parse_temporal(text);
  std::int64_t total = t.days * 864'000'000'000 + t.ticks - t.offset_minutes * 600'000'000LL;
  std::int64_t ticks = total % 864'000'000'000;
  std::string day = is_time ? "1970-01-01" : date_text(total / 864'000'000'000);
  std::string clock = time_text(ticks, 7);
  return {{"iso", fmt::format("{}T{}Z", day, clock.substr(0, 12))},
          {"ns", static_cast<double>(ticks % 10'000) / 1e7}};
}

// strtod, not stod: stod refuses subnormals such as 5e-324.
double to_double(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

// Equality of long texts, reported by size and first difference.
::testing::AssertionResult same_text(const std::string& got, const std::string& want) {
  if (got == want) return ::testing::AssertionSuccess();
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  return ::testing::AssertionFailure()
         << "got " << got.size() << " bytes, want " << want.size() << ", first difference at "
         << i << ": '" << got.substr(i, 20) << "' vs '" << want.substr(i, 20) << "'";
}

bool near(double a, double b) { return a == b || std::fabs(a - b) <= 1e-15 * std::fabs(b); }

void compare(const nlohmann::json& got, const Value& v, const ColumnType& t,
             const std::string& where) {
  if (is_null(v)) {
    EXPECT_TRUE(got.is_null()) << where;
    return;
  }
  ASSERT_FALSE(got.is_null()) << where;
  switch (t.wire) {
    case k_int8: case k_intn:
      if (t.length == 8) {
        EXPECT_EQ(got.get<std::string>(), value_text(v)) << where;
        return;
      }
      [[fallthrough]];
    case k_int1: case k_int2: case k_int4: case k_bit: case k_bitn:
      EXPECT_EQ(got["num"].get<std::string>(), value_text(v)) << where;
      return;
    case k_flt4: case k_flt8: case k_fltn: {
      double want = std::get<double>(v);
      if (t.length == 4) want = static_cast<float>(want);
      EXPECT_EQ(to_double(got["num"].get<std::string>()), want) << where;
      EXPECT_EQ(got["num"].get<std::string>() == "-0", std::signbit(want) && want == 0) << where;
      return;
    }
    case k_decimaln: case k_numericn: case k_money: case k_money4: case k_moneyn:
      EXPECT_TRUE(near(to_double(got["num"].get<std::string>()), to_double(value_text(v))))
          << where << ": " << got << " vs " << value_text(v);
      return;
    case k_datetime: case k_datetim4: case k_datetimn: case k_daten: case k_timen:
    case k_datetime2n: case k_datetimeoffsetn: {
      nlohmann::json want = temporal(value_text(v), t.wire == k_timen);
      EXPECT_EQ(got["iso"], want["iso"]) << where;
      EXPECT_NEAR(got["ns"].get<double>(), want["ns"].get<double>(), 1e-12) << where;
      return;
    }
    case k_bigbinary: case k_bigvarbinary: case k_image: case k_udt:
      EXPECT_TRUE(same_text(got["hex"].get<std::string>(), hex(value_bytes(t, v)))) << where;
      return;
    case k_variant: {
      const Variant& var = *std::get<std::shared_ptr<const Variant>>(v);
      compare(got, var.value, var.type, where + " (sql_variant)");
      return;
    }
    default: {
      std::string want = value_text(v);
      if (t.wire == k_bigchar || t.wire == k_nchar) {
        while (utf16_units(want) < (t.wire == k_nchar ? t.length / 2 : t.length)) want += ' ';
      }
      EXPECT_TRUE(same_text(got.get<std::string>(), want)) << where;
    }
  }
}

class Tedious : public TdsServerTest {
 protected:
  void SetUp() override {
    TDS_TEST_SERVER_ONLY();
    if (!std::filesystem::exists(k_node_dir + "/node_modules/tedious")) {
      FAIL() << "tedious is not installed in " << k_node_dir
             << ": run scripts/install-deps.sh (it runs npm ci there)";
    }
  }
};

TEST_F(Tedious, MetadataOfEveryColumnDecodesIndependently) {
  nlohmann::json out = nlohmann::json::parse(
      run_node(server().port(), "SELECT * FROM [dbo].[type_zoo] ORDER BY [id]"));
  Table zoo = type_zoo_table();
  ASSERT_EQ(out["columns"].size(), zoo.columns.size());
  for (std::size_t i = 0; i < zoo.columns.size(); ++i) {
    const nlohmann::json& c = out["columns"][i];
    const ColumnType& t = zoo.columns[i].type;
    std::string where = zoo.columns[i].name + " " + t.sql_name;
    EXPECT_EQ(c["name"], zoo.columns[i].name);
    EXPECT_EQ(c["type"], tedious_type(t)) << where;
    EXPECT_EQ(c["nullable"], t.nullable) << where;
    if (t.wire == k_decimaln || t.wire == k_numericn) {
      EXPECT_EQ(c["precision"], t.precision) << where;
      EXPECT_EQ(c["scale"], t.scale) << where;
    }
    if (t.wire == k_timen || t.wire == k_datetime2n || t.wire == k_datetimeoffsetn) {
      EXPECT_EQ(c["scale"], t.scale) << where;
    }
    if (t.has_collation() && !t.is_unicode()) {
      std::string cp = t.collation.codepage();
      EXPECT_EQ(c["codepage"], cp == "UTF-8" ? "utf-8" : cp) << where;
    }
  }
}

TEST_F(Tedious, EveryValueOfTheTypeZooDecodesIndependently) {
  for (const char* table : {"type_zoo", "type_zoo_rowform"}) {
    nlohmann::json out = nlohmann::json::parse(
        run_node(server().port(), fmt::format("SELECT * FROM [dbo].[{}] ORDER BY [id]", table)));
    Table zoo = type_zoo_table();
    ASSERT_EQ(out["rows"].size(), zoo.rows.size());
    for (std::size_t r = 0; r < zoo.rows.size(); ++r) {
      for (std::size_t i = 0; i < zoo.columns.size(); ++i) {
        compare(out["rows"][r][i], zoo.rows[r][i], zoo.columns[i].type,
                fmt::format("{} row {} column {}", table, r + 1, zoo.columns[i].name));
      }
    }
  }
}

}  // namespace
}  // namespace tdstest
