// What the SQL Server adapter's snapshot reads and key chunking rely on,
// through the real FreeTDS ODBC driver: a SNAPSHOT transaction keeps the
// version of its first read (server/clock.hpp), TABLOCK with HOLDLOCK holds
// the writer off, databases without snapshot isolation refuse it (3952),
// uniqueidentifier sorts in SQL Server's order, OFFSET/FETCH walks a key and
// spelled-out tuple comparisons select the rows after a boundary.
#include <fmt/format.h>

#include "tds_fixture.hpp"

namespace tdstest {
namespace {

class SnapshotKeys : public TdsServerTest {
 protected:
  static void exec(OdbcConnection& c, const std::string& sql) { c.statement().execute(sql); }
  static std::vector<std::string> column(OdbcConnection& c, const std::string& sql, int col = 1) {
    OdbcStatement s = c.statement();
    s.execute(sql);
    std::vector<std::string> out;
    while (s.fetch()) out.push_back(s.text(col).value_or("NULL"));
    return out;
  }
  static std::int64_t number(OdbcConnection& c, const std::string& sql) {
    auto v = column(c, sql);
    return v.size() == 1 ? std::stoll(v[0]) : -1;
  }
  static constexpr const char* k_version = "SELECT seen_version FROM live_counts WHERE id = 1";
};

TEST_F(SnapshotKeys, SnapshotTransactionKeepsTheVersionOfItsFirstRead) {
  TDS_TEST_SERVER_ONLY();
  auto a = connect(), b = connect();
  exec(*a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT");
  exec(*a, "BEGIN TRANSACTION");
  std::int64_t first = number(*a, k_version);
  std::int64_t other = number(*b, k_version);
  EXPECT_GT(other, first);
  EXPECT_EQ(number(*a, k_version), first);
  exec(*a, "COMMIT");
  EXPECT_GT(number(*a, k_version), other);
}

TEST_F(SnapshotKeys, SharedTableLocksHoldTheWriterOffUntilCommit) {
  TDS_TEST_SERVER_ONLY();
  auto a = connect(), b = connect();
  exec(*a, "BEGIN TRANSACTION");
  EXPECT_EQ(number(*a, "SELECT TOP (1) 1 AS probe FROM [dbo].[live_counts] WITH (TABLOCK, HOLDLOCK)"), 1);
  std::int64_t held = number(*b, k_version);
  EXPECT_EQ(number(*b, k_version), held);
  exec(*a, "COMMIT");
  EXPECT_GT(number(*b, k_version), held);
}

TEST_F(SnapshotKeys, DatabaseWithoutSnapshotIsolationRefusesSnapshotReads) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect("nosnap");
  EXPECT_EQ(column(*c, "-- cutover:mssql_snapshot_state\nSELECT 1", 2), std::vector<std::string>{"OFF"});
  exec(*c, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT");
  exec(*c, "BEGIN TRANSACTION");
  try {
    number(*c, k_version);
    FAIL() << "a SNAPSHOT read succeeded in a database without snapshot isolation";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.native_error, 3952) << e.what();
  }
  auto on = connect("cutover");
  EXPECT_EQ(column(*on, "-- cutover:mssql_snapshot_state\nSELECT 1"), std::vector<std::string>{"1"});
}

// SQL Server's order of uniqueidentifier (as SqlGuid documents it): bytes
// 10-15 of the printed form first (10 most significant), then 8-9 (8 first),
// then 6-7, 4-5 and 0-3, each group compared from its last printed byte.
TEST_F(SnapshotKeys, UniqueidentifierSortsInSqlServersOrderNotByteOrder) {
  auto c = connect();
  std::vector<std::string> expected;
  for (int byte : {0, 1, 2, 3, 4, 5, 6, 7, 9, 8, 15, 14, 13, 12, 11, 10}) {
    std::string hex(32, '0');
    hex[static_cast<std::size_t>(byte) * 2 + 1] = '1';
    expected.push_back(fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                                   hex.substr(16, 4), hex.substr(20)));
  }
  EXPECT_EQ(column(*c, "SELECT g FROM guid_order ORDER BY g"), expected);
  EXPECT_EQ(column(*c, "SELECT g FROM guid_order WHERE g > '00000000-0000-0000-0001-000000000000' ORDER BY g"),
            std::vector<std::string>(expected.begin() + 9, expected.end()));
}

TEST_F(SnapshotKeys, OffsetFetchWalksAKeyAndTupleComparisonsSeekPastABoundary) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [region], CONVERT(nvarchar(40), [day], 126), [seq] FROM [dbo].[composite_keyed] "
            "ORDER BY [region], [day], [seq] OFFSET 100 ROWS FETCH NEXT 1 ROWS ONLY");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(s.text(1), "alpha");  // case-insensitive order: alpha, Bravo, charlie, Delta, echo
  EXPECT_TRUE(s.text(2).value_or("").starts_with("2024-01-11")) << s.text(2).value_or("NULL");
  EXPECT_EQ(s.text(3), "1");
  EXPECT_FALSE(s.fetch());
  // (region, day, seq) >= (N'BRAVO', Jan 6, 5): the rest of Bravo (6 + 60) and three regions of 120.
  EXPECT_EQ(number(*c, "SELECT COUNT_BIG(*) FROM [dbo].[composite_keyed] WHERE [region] >= N'BRAVO' AND "
                       "([region] > N'BRAVO' OR ([region] = N'BRAVO' AND ([day] > '2024-01-06 10:00:00.1234566' "
                       "OR ([day] = '2024-01-06 10:00:00.1234566' AND [seq] >= 5))))"),
            426);
}

}  // namespace
}  // namespace tdstest
