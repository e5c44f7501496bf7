// One client connection: PRELOGIN, LOGIN7 (a wrong password gets error
// 18456), then requests until the client leaves: SQLBatch, RPC
// (sp_executesql with typed parameters), transaction-manager requests and
// ATTENTION. Statements go to the server's Router.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "packet_io.hpp"
#include "response.hpp"

namespace tdstest {

class Router;

struct ServerConfig {
  std::map<std::string, std::string> users{{"sa", "Cutover-Test1"}};
  std::string server_name = "tds-test";
  std::size_t plp_chunk_bytes = 1000;
  // Packet size the server answers LOGIN7 with (ENVCHANGE): 0 = the client's
  // request (FreeTDS asks for 4096); a real server may impose its own.
  std::uint32_t packet_size = 0;
  bool verbose = false;  // log requests to stderr
};

struct ServerStats {
  std::atomic<std::uint64_t> logins{0};
  std::atomic<std::uint64_t> failed_logins{0};
  std::atomic<std::uint64_t> attentions{0};
  std::atomic<std::uint64_t> batches{0};
  std::atomic<std::uint64_t> rpcs{0};
  std::atomic<std::uint64_t> rows_sent{0};
};

// A test's hand on the sessions: while `hold` is set, every result set being
// sent that has sent `after_rows` rows stops before its next row (a server
// stalled in the middle of a large result, not of a one-row probe) until it
// is cleared; `held` counts the sessions stopped so.
struct RowGate {
  std::atomic<bool> hold{false};
  std::atomic<std::uint64_t> after_rows{1};
  std::atomic<int> held{0};
  void pass(std::uint64_t rows_sent);  // returns at once, or when `hold` is cleared
};

void serve_connection(int fd, const ServerConfig& config, const Router& router,
                      ServerStats& stats, RowGate& gate);

}  // namespace tdstest
