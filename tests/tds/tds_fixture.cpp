#include "tds_fixture.hpp"

#include <csignal>

#include <fmt/format.h>

#include "catalog_views.hpp"
#include "fixtures.hpp"
#include "util/url.hpp"

namespace tdstest {

std::unique_ptr<TdsServer> TdsServerTest::server_;

bool TdsServerTest::real_server() { return std::getenv("CUTOVER_TEST_MSSQL_URL") != nullptr; }

void TdsServerTest::SetUpTestSuite() {
  if (server_ || real_server()) return;
  std::signal(SIGPIPE, SIG_IGN);
  ServerConfig config;
  config.verbose = std::getenv("CUTOVER_TDS_VERBOSE") != nullptr;
  Catalog catalog = fixture_catalog(k_big_rows);
  auto router = std::make_shared<Router>(catalog);
  add_catalog_views(*router, catalog);
  server_ = std::make_unique<TdsServer>(config, router);
  server_->start(0);
}

void TdsServerTest::TearDownTestSuite() { server_.reset(); }

std::string TdsServerTest::connection_string(const std::string& database,
                                             const std::string& extra) {
  if (real_server()) {
    auto url = cutover::parse_url(std::getenv("CUTOVER_TEST_MSSQL_URL"));
    if (!url) throw std::runtime_error("CUTOVER_TEST_MSSQL_URL: " + url.error().describe());
    return fmt::format("Driver={};Server={};Port={};UID={};PWD={};Database={};"
                       "TDS_Version=7.4;ClientCharset=UTF-8;{}",
                       TDS_ODBC_DRIVER, url->host, url->port == 0 ? 1433 : url->port, url->user,
                       url->password, database, extra);
  }
  return freetds_connection_string(server_->port(), k_test_user, k_test_password, database,
                                   extra);
}

std::unique_ptr<OdbcConnection> TdsServerTest::connect(const std::string& database,
                                                       const std::string& extra) {
  return std::make_unique<OdbcConnection>(connection_string(database, extra));
}

}  // namespace tdstest
