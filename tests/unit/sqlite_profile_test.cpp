#include <gtest/gtest.h>

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_profile.hpp"
#include "sqlite_test_db.hpp"

namespace cutover::sqlite {
namespace {

using testing::TempDb;

constexpr const char* k_data = R"sql(
CREATE TABLE p (i INTEGER, r REAL, t TEXT, b BLOB, d DATETIME, j JSON, u UUID, n DECIMAL(10,2),
                f BOOLEAN, tm TIME);
INSERT INTO p VALUES
 (1, 1.5, 'hello', X'00112233445566778899AABBCCDDEEFF', '2024-01-01', '{"a":1}',
  '0f8fad5b-d9cb-469f-a165-70867728950e', 12.34, 'true', '10:30'),
 (-5, 9e999, 'a' || char(0) || 'b', X'01', '2024-01-01 10:00:00', '[1,2]', 'nope', 100, 'F', '25:99'),
 (3.5, -0.0, 'héllo', NULL, '2024-01-01T10:00:00Z', 'not json', X'00112233445566778899AABBCCDDEEFF',
  0.125, 1, NULL),
 ('abc', 2.0, '12', 'txt', '2024-01-01 10:00:00+02:00', 5, NULL, 'NaN', 'maybe', NULL),
 (NULL, NULL, NULL, NULL, 'garbage', NULL, NULL, NULL, NULL, NULL),
 (NULL, NULL, NULL, NULL, 1700000000, NULL, NULL, NULL, NULL, NULL);
)sql";

class SqliteProfile : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = db_.read_only();
    auto p = profile_table(s, db_.table("p"), ChunkSpec{});
    ASSERT_TRUE(p) << p.error().describe();
    profiles_ = std::move(*p);
    ASSERT_EQ(profiles_.size(), 10u);
  }
  TempDb db_{k_data};
  std::vector<ColumnProfile> profiles_;
};

TEST_F(SqliteProfile, IntegerColumnWithOtherClasses) {
  const ColumnProfile& p = profiles_[0];
  EXPECT_EQ(p.rows, 6);
  EXPECT_EQ(p.nulls, 2);
  EXPECT_EQ(p.integers, 2);
  EXPECT_EQ(p.reals, 1);
  EXPECT_EQ(p.texts, 1);
  EXPECT_EQ(p.int_min, -5);
  EXPECT_EQ(p.int_max, 1);
  EXPECT_EQ(p.real_min, 3.5);
  EXPECT_EQ(p.reals_integral, 0);
  EXPECT_EQ(p.texts_numeric, 0);
}

TEST_F(SqliteProfile, RealsFiniteAndNot) {
  const ColumnProfile& p = profiles_[1];
  EXPECT_EQ(p.reals, 4);
  EXPECT_EQ(p.reals_nonfinite, 1);
  EXPECT_EQ(p.reals_integral, 2);
  EXPECT_EQ(p.real_min, 0.0);
  EXPECT_EQ(p.real_max, 2.0);
}

TEST_F(SqliteProfile, TextsBlobsNulsAndBytes) {
  const ColumnProfile& t = profiles_[2];
  EXPECT_EQ(t.texts, 4);
  EXPECT_EQ(t.texts_with_nul, 1);
  EXPECT_EQ(t.max_text_bytes, 6);
  EXPECT_EQ(t.texts_numeric, 0);  // not looked for in TEXT columns
  const ColumnProfile& b = profiles_[3];
  EXPECT_EQ(b.blobs, 2);
  EXPECT_EQ(b.blobs_16, 1);
  EXPECT_EQ(b.texts, 1);
}

TEST_F(SqliteProfile, DateTimeShapes) {
  const ColumnProfile& p = profiles_[4];
  EXPECT_EQ(p.texts, 5);
  EXPECT_EQ(p.texts_iso_datetime, 4);
  EXPECT_EQ(p.texts_iso_offset, 2);
  EXPECT_EQ(p.texts_iso_date_only, 1);
  EXPECT_EQ(p.integers, 1);
  EXPECT_EQ(p.int_max, 1700000000);
}

TEST_F(SqliteProfile, JsonUuidBooleanTime) {
  EXPECT_EQ(profiles_[5].texts, 3);
  EXPECT_EQ(profiles_[5].texts_json, 2);
  EXPECT_EQ(profiles_[5].integers, 1);
  EXPECT_EQ(profiles_[6].texts_uuid, 1);
  EXPECT_EQ(profiles_[6].blobs_16, 1);
  EXPECT_EQ(profiles_[8].texts, 3);
  EXPECT_EQ(profiles_[8].texts_boolean, 2);
  EXPECT_EQ(profiles_[8].integers, 1);
  EXPECT_EQ(profiles_[9].texts_time_of_day, 1);
  EXPECT_EQ(profiles_[0].texts_json, 0);  // costly checks only where the declared type asks
  EXPECT_EQ(profiles_[2].texts_iso_datetime, 0);
}

TEST_F(SqliteProfile, DecimalScaleAndPrecision) {
  const ColumnProfile& p = profiles_[7];
  EXPECT_EQ(p.reals, 2);
  EXPECT_EQ(p.integers, 1);
  EXPECT_EQ(p.texts, 1);
  EXPECT_EQ(p.texts_numeric, 1);  // 'NaN'
  EXPECT_EQ(p.max_decimal_scale, 3);      // 0.125
  EXPECT_EQ(p.max_decimal_precision, 6);  // 3 integer digits (100) + 3
}

TEST(SqliteProfileEmpty, EmptyTableHasZeroCounts) {
  TempDb db("CREATE TABLE e (a INTEGER, b TEXT);");
  auto s = db.read_only();
  auto p = profile_table(s, db.table("e"), ChunkSpec{});
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ((*p)[0].rows, 0);
  EXPECT_FALSE((*p)[0].int_min.has_value());
}

}  // namespace
}  // namespace cutover::sqlite
