// PostgreSQL session: RAII owner of a PGconn plus exec/execute/COPY, the same
// roles as every adapter's session class. Errors carry the SQLSTATE and the
// retryable / poisons_connection flags derived from it, so the retry policy
// never parses message text.
//
// Not thread safe: one Connection per thread.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace cutover::pg {

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : res_(r) {}
  int rows() const { return res_ ? PQntuples(res_.get()) : 0; }
  int columns() const { return res_ ? PQnfields(res_.get()) : 0; }
  bool is_null(int row, int col) const { return PQgetisnull(res_.get(), row, col) != 0; }
  std::string_view get(int row, int col) const {
    return {PQgetvalue(res_.get(), row, col), static_cast<size_t>(PQgetlength(res_.get(), row, col))};
  }
  std::optional<std::string> get_opt(int row, int col) const;
  int64_t get_int64(int row, int col) const;
  PGresult* raw() const { return res_.get(); }

 private:
  struct Clear { void operator()(PGresult* r) const { PQclear(r); } };
  std::unique_ptr<PGresult, Clear> res_;
};

class Connection {
 public:
  // `conninfo` is a libpq URI or keyword string. The error never contains
  // the password (libpq's message is kept, the URL is redacted).
  static Result<Connection> connect(const std::string& conninfo);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  PGconn* raw() const { return conn_.get(); }
  bool ok() const { return conn_ && PQstatus(conn_.get()) == CONNECTION_OK; }

  Result<PgResult> query(std::string_view sql);
  Result<PgResult> query(std::string_view sql, const std::vector<std::optional<std::string>>& params);
  Status execute(std::string_view sql);
  Status execute(std::string_view sql, const std::vector<std::optional<std::string>>& params);

  // COPY ... FROM STDIN: start, send data (buffered by libpq), end.
  Status copy_start(std::string_view copy_sql);
  Status copy_send(std::string_view data);
  Status copy_end();
  // Abandons a COPY in progress (the transaction is then failed).
  void copy_abort(std::string_view reason) noexcept;

  // COPY ... TO STDOUT: calls on_data with each CopyData message (one row,
  // or the binary header or trailer, as the server sends them). When
  // on_data fails, the connection is left mid-COPY: drop it, never pool it.
  Status copy_out(std::string_view copy_sql, const std::function<Status(std::string_view)>& on_data);

  std::string server_version() const;

 private:
  struct Finish { void operator()(PGconn* c) const { PQfinish(c); } };
  explicit Connection(PGconn* c) : conn_(c) {}
  Error error_from(PGresult* res, std::string_view what) const;
  std::unique_ptr<PGconn, Finish> conn_;
};

// Sets retryable/poisons_connection/kind from a SQLSTATE (40001, 40P01,
// 08xxx, 57P01, 53xxx, 55P03, 57014 ...).
void classify_sqlstate(Error& e);

}  // namespace cutover::pg
