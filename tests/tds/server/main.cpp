// tds_test_server: the TDS test server as a program, for trying a client by
// hand (tsql, isql, node) against the fixtures.
//
//   tds_test_server [--port N] [--big-rows N] [--northwind instnwnd.sql]
//                   [--script NAME=FILE.sql]... [--verbose]
//
// --northwind serves the database `northwind` built from Microsoft's
// install script, --script the database NAME built from any T-SQL install
// script the loader reads (tsql_script.hpp): --script
// chinook=Chinook_SqlServer.sql --script extras=tests/tds/fixtures/extras.sql.
// Prints "listening on 127.0.0.1:PORT" and serves until killed. Log in as
// sa / Cutover-Test1.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "catalog_views.hpp"
#include "fixtures.hpp"
#include "server.hpp"
#include "tsql_script.hpp"

int main(int argc, char** argv) {
  std::uint16_t port = 0;
  std::int64_t big_rows = 1'000'000;
  std::vector<std::pair<std::string, std::string>> scripts;  // database, file
  tdstest::ServerConfig config;
  const char* usage =
      "usage: tds_test_server [--port N] [--big-rows N] [--northwind instnwnd.sql] [--script NAME=FILE.sql]... "
      "[--verbose]\n";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--port" && i + 1 < argc) {
      port = static_cast<std::uint16_t>(std::stoi(argv[++i]));
    } else if (a == "--big-rows" && i + 1 < argc) {
      big_rows = std::stoll(argv[++i]);
    } else if (a == "--northwind" && i + 1 < argc) {
      scripts.emplace_back("northwind", argv[++i]);
    } else if (a == "--script" && i + 1 < argc && std::string(argv[i + 1]).find('=') != std::string::npos) {
      std::string spec = argv[++i];
      scripts.emplace_back(spec.substr(0, spec.find('=')), spec.substr(spec.find('=') + 1));
    } else if (a == "--verbose") {
      config.verbose = true;
    } else {
      std::cerr << usage;
      return 2;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  tdstest::Catalog catalog = tdstest::fixture_catalog(big_rows);
  for (const auto& [name, file] : scripts) catalog.databases.push_back(tdstest::load_tsql_script(file, name));
  auto router = std::make_shared<tdstest::Router>(catalog);
  tdstest::add_catalog_views(*router, catalog);
  tdstest::TdsServer server(config, router);
  server.start(port);
  std::cout << "listening on 127.0.0.1:" << server.port() << std::endl;
  for (;;) ::pause();
}
