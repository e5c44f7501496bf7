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
  static std::string connection_string(const std::string& database = "cutover",
                                       const std::string& extra = "");
  static std::unique_ptr<OdbcConnection> connect(const std::string& database = "cutover",
                                                 const std::string& extra = "");

 private:
  static std::unique_ptr<TdsServer> server_;
};

}  // namespace tdstest
