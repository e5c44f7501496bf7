// The TDS 7.4 test server: listens on 127.0.0.1, one thread per connection.
// It serves the Router's fixtures to real clients (FreeTDS ODBC, tedious) so
// the SQL Server adapter is tested on the wire without a SQL Server.
//
// Thread safety: start/stop from one thread; stats() and gate() may be
// used anytime.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "router.hpp"
#include "session.hpp"

namespace tdstest {

class TdsServer {
 public:
  TdsServer(ServerConfig config, std::shared_ptr<const Router> router)
      : config_(std::move(config)), router_(std::move(router)) {}
  ~TdsServer() { stop(); }
  TdsServer(const TdsServer&) = delete;
  TdsServer& operator=(const TdsServer&) = delete;

  // Binds 127.0.0.1:port (0 picks a free port) and starts accepting; after
  // stop(), start(port()) is a server restart on the same port.
  // Throws std::runtime_error when the port cannot be bound.
  void start(std::uint16_t port = 0);
  // Closes the listener and every connection, and joins their threads.
  void stop();
  std::uint16_t port() const { return port_; }
  const ServerStats& stats() const { return stats_; }
  // Holds result sets before their next row (stop() releases them).
  RowGate& gate() { return gate_; }

 private:
  void accept_loop();

  ServerConfig config_;
  std::shared_ptr<const Router> router_;
  ServerStats stats_;
  RowGate gate_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<int> fds_;             // guarded by mu_
  std::vector<std::thread> threads_;  // guarded by mu_
};

}  // namespace tdstest
