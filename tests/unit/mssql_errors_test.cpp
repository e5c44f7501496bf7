// Which SQL Server errors a retry may get past (mssql_session.hpp), with
// the SQLSTATEs and native numbers FreeTDS 1.3.17 really reports: server
// errors as 42000 with their number, its own connection errors as 01000 or
// 08S01 with its TDSE* number.
#include <gtest/gtest.h>

#include "sources/mssql/mssql_session.hpp"

namespace cutover::mssql {
namespace {

TEST(MssqlErrors, LostConnectionsAreRetriedOnANewConnection) {
  for (int native : {20002, 20004, 20006, 20009, 20017}) {
    EXPECT_TRUE(connection_lost("01000", native)) << native;
    EXPECT_TRUE(transient_error("01000", native)) << native;
  }
  EXPECT_TRUE(connection_lost("08S01", 0));
  EXPECT_TRUE(connection_lost("08001", 0));
  EXPECT_TRUE(transient_error("08S01", 0));
}

TEST(MssqlErrors, DeadlocksLockTimeoutsSnapshotConflictsAndTimeoutsAreRetried) {
  for (int native : {1205, 1222, 3960}) {
    EXPECT_TRUE(transient_error("42000", native)) << native;
    EXPECT_FALSE(connection_lost("42000", native)) << native;
  }
  EXPECT_TRUE(transient_error("40001", 0));
  EXPECT_TRUE(transient_error("HYT00", 0));
  EXPECT_TRUE(transient_error("01000", 20003));  // FreeTDS's timeout
  EXPECT_FALSE(connection_lost("HYT00", 20003));
}

TEST(MssqlErrors, AzureTransientAndNetworkErrorsAreRetried) {
  for (int native : {40197, 40501, 40613, 49918, 49919, 49920, 4221, 10928, 10929, 10053, 10054, 10060, 233, 64}) {
    EXPECT_TRUE(transient_error("42000", native)) << native;
    EXPECT_TRUE(transient_error("01000", native)) << native;
    EXPECT_FALSE(connection_lost("42000", native)) << native;
  }
}

TEST(MssqlErrors, OtherErrorsAreNotRetried) {
  EXPECT_FALSE(transient_error("42000", 8115));   // arithmetic overflow
  EXPECT_FALSE(transient_error("42S02", 208));    // invalid object name
  EXPECT_FALSE(transient_error("28000", 18456));  // login failed
  EXPECT_FALSE(transient_error("42000", 4060));   // cannot open database
  EXPECT_FALSE(transient_error("", 0));
}

}  // namespace
}  // namespace cutover::mssql
