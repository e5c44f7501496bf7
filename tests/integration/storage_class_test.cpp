// Every SQLite storage class in every declared type: whatever type cutover
// chooses must hold every value, or the row is rejected and listed in the
// reject file. The oracle (canonical.hpp) decides value by value.
#include <climits>
#include <cmath>

#include <fmt/format.h>

#include "canonical_util.hpp"
#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

const std::vector<std::string> k_declared = {"INTEGER", "REAL", "TEXT",          "BLOB",
                                             "NUMERIC", "",     "BOOLEAN",       "DATETIME",
                                             "JSON",    "UUID", "DECIMAL(10,2)", "VARCHAR(5)"};

std::vector<SqlValue> integers() {
  return {SqlValue::integer(0),         SqlValue::integer(1),         SqlValue::integer(-1),
          SqlValue::integer(42),        SqlValue::integer(INT64_MAX), SqlValue::integer(INT64_MIN),
          SqlValue::integer(1627303906)};
}
std::vector<SqlValue> reals() {
  return {SqlValue::real(0.5),      SqlValue::real(-2.25),
          SqlValue::real(3.0),      SqlValue::real(1e300),
          SqlValue::real(0.1),      SqlValue::real(2459421.5),
          SqlValue::real(HUGE_VAL), SqlValue::real(-HUGE_VAL),
          SqlValue::real(-1e-310)};  // -0.0: ValuesTest.DISABLED_NegativeZeroRenderedAsText...
}
std::vector<SqlValue> texts() {
  return {SqlValue::text("hello"),
          SqlValue::text(""),
          SqlValue::text("123"),
          SqlValue::text("4.5"),
          SqlValue::text("1e3"),
          SqlValue::text("2021-07-26 12:51:46"),
          SqlValue::text("true"),
          SqlValue::text("0f8fad5b-d9cb-469f-a165-70867728950e"),
          SqlValue::text("{\"a\": [1, 2.5]}"),
          SqlValue::text("h\xC3\xA9llo \xE2\x9C\x93"),
          SqlValue::text(std::string("a\0b", 3)),
          SqlValue::text("\xFF\xFE"),
          SqlValue::text(" 12 "),
          SqlValue::text("+5"),
          SqlValue::text("0x10"),
          SqlValue::text("1e400"),
          SqlValue::text("-0"),
          SqlValue::text("2021-07-26T12:51:46.122+02:00"),
          SqlValue::text("tab\tnew\nline\\ 'q' \"dq\" \x01\x7F \xF0\x9F\x98\x80")};
}
std::vector<SqlValue> blobs() {
  return {SqlValue::blob(""), SqlValue::blob(std::string("\x00\xFF\x10", 3)),
          SqlValue::blob(std::string(16, '\x5A')), SqlValue::blob("plain")};
}

std::string table_name(const std::string& declared, const std::string& cls) {
  std::string base = declared.empty() ? "untyped" : lower(declared.substr(0, declared.find('(')));
  return base + "_" + cls;
}

class StorageClassTest : public MigrationTest {
 protected:
  // One table per (declared type, storage class), plus one with every class.
  std::vector<std::string> build() {
    const std::vector<std::pair<std::string, std::vector<SqlValue>>> classes = {
        {"int", integers()}, {"real", reals()}, {"text", texts()}, {"blob", blobs()}};
    std::vector<std::string> names;
    for (const auto& declared : k_declared) {
      std::vector<SqlValue> all;
      for (const auto& [cls, values] : classes) {
        all.insert(all.end(), values.begin(), values.end());
        names.push_back(create_and_fill(table_name(declared, cls), declared, values));
      }
      names.push_back(create_and_fill(table_name(declared, "mixed"), declared, all));
    }
    return names;
  }

  std::string create_and_fill(const std::string& name, const std::string& declared,
                              const std::vector<SqlValue>& values) {
    source().exec(
        fmt::format("CREATE TABLE {} (id INTEGER PRIMARY KEY, v {})", quote_ident(name), declared));
    int64_t id = 0;
    source().insert(name, {SqlValue::integer(++id), SqlValue::null()});
    for (const auto& v : values) source().insert(name, {SqlValue::integer(++id), v});
    return name;
  }
};

TEST_F(StorageClassTest, EveryStorageClassInEveryDeclaredTypeIsKeptExactlyOrRejected) {
  std::vector<std::string> tables = build();
  CutoverRun r = migrate();
  ASSERT_FALSE(r.report.is_null()) << describe(r);

  size_t total_rejected = 0;
  for (const auto& name : tables) {
    SCOPED_TRACE("table " + name + ", column type " + report_column(r.report, name, "v").dump());
    TableCompare cmp = expect_same_rows(source(), pg(), r.report, name);
    total_rejected += cmp.rejected;
    expect_reject_file_lists(report_table(r.report, name), cmp);
  }
  EXPECT_GT(total_rejected, 0u) << "the fixture holds NUL and invalid UTF-8 texts";
  EXPECT_EQ(r.exit_code, total_rejected > 0 ? 3 : 0) << describe(r);
  EXPECT_EQ(r.report["totals"]["rows_rejected"].get<int64_t>(),
            static_cast<int64_t>(total_rejected));
}

}  // namespace
}  // namespace cutover::it
