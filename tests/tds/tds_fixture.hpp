// A TDS test server with the fixture catalog, shared by the tests of one
// binary, plus the connection string of the FreeTDS ODBC driver to it.
// CUTOVER_TEST_MSSQL_URL is read by tests that can also run against a real
// SQL Server (see tests/tds/README.md).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "odbc_client.hpp"
#include "server.hpp"

// Skips a test that needs the test server's own instruments (statistics,
// the `-- cutover:session` tag, a second instance) when running against a
// real SQL Server.
#define TDS_TEST_SERVER_ONLY()                                                     \
  if (real_server()) GTEST_SKIP() << "needs the TDS test server's instruments"

namespace tdstest {

constexpr const char* k_test_user = "sa";
constexpr const char* k_test_password = "Cutover-Test1";
constexpr std::int64_t k_big_rows = 1'000'000;

class TdsServerTest : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  static TdsServer& server() { return *server_; }
  // CUTOVER_TEST_MSSQL_URL (mssql://user:pass@host:port/db) is set: the tests
  // run against that server instead of the in-process test server.
  static bool real_server();
  static std::string connection_string(const std::string& database = "cutover",
                                       const std::string& extra = "");
  static std::unique_ptr<OdbcConnection> connect(const std::string& database = "cutover",
                                                 const std::string& extra = "");

 private:
  static std::unique_ptr<TdsServer> server_;
};

}  // namespace tdstest
