#include "tds_fixture.hpp"

#include <csignal>

#include "fixtures.hpp"

namespace tdstest {

std::unique_ptr<TdsServer> TdsServerTest::server_;

void TdsServerTest::SetUpTestSuite() {
  if (server_) return;
  std::signal(SIGPIPE, SIG_IGN);
  ServerConfig config;
  config.verbose = std::getenv("CUTOVER_TDS_VERBOSE") != nullptr;
  auto router = std::make_shared<Router>(fixture_catalog(k_big_rows));
  server_ = std::make_unique<TdsServer>(config, router);
  server_->start(0);
}

void TdsServerTest::TearDownTestSuite() { server_.reset(); }

std::string TdsServerTest::connection_string(const std::string& database,
                                             const std::string& extra) {
  return freetds_connection_string(server_->port(), k_test_user, k_test_password, database,
                                   extra);
}

std::unique_ptr<OdbcConnection> TdsServerTest::connect(const std::string& database,
                                                       const std::string& extra) {
  return std::make_unique<OdbcConnection>(connection_string(database, extra));
}

}  // namespace tdstest
