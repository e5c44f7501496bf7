// What a statement handler sees of the session: the session state and a
// response it streams result sets, messages and environment changes into.
// The session turns these into tokens (COLMETADATA, ROW/NBCROW, DONE or
// DONEINPROC with DONE_MORE on all but the last, ERROR, INFO, ENVCHANGE).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tokens.hpp"

namespace tdstest {

class DatabaseClock;

enum class RowStep { row, end, error };
enum class RowForm { automatic, row, nbcrow };  // automatic: NBCROW when a row has a NULL

// A result set produced lazily: next() fills `row` (RowStep::row), ends the
// set, or fails it with `error` after the rows already sent (an error token
// in the middle of rows, as SQL Server sends for a conversion error).
struct ResultSet {
  std::vector<Column> columns;
  std::string table;  // names text/ntext/image columns' table
  std::function<RowStep(Row& row, Message& error)> next;
  RowForm form = RowForm::automatic;
};

ResultSet materialized(std::vector<Column> columns, std::vector<Row> rows);

struct SessionState {
  std::string user;
  std::string database = "master";
  std::int64_t textsize = -1;  // -1: unlimited (the ODBC login default)
  std::string isolation = "READ COMMITTED";
  std::uint64_t transaction = 0;  // descriptor; 0 = no open transaction
  std::uint32_t packet_size = 4096;
  // The open transaction's snapshot (SNAPSHOT isolation, set at its first
  // data access) and the database whose shared table locks it holds
  // (clock.hpp); both end with the transaction.
  std::optional<std::int64_t> snapshot_version;
  std::shared_ptr<DatabaseClock> locked;
};

struct Param {
  std::string name;  // "@p0"
  ColumnType type;
  Value value;
};

class Response {
 public:
  virtual ~Response() = default;
  virtual SessionState& state() = 0;
  // Streams a result set and its DONE (with the row count).
  virtual void result(ResultSet rs) = 0;
  // INFO (severity <= 10) or ERROR followed by the statement's DONE(ERROR).
  virtual void message(const Message& m) = 0;
  // A statement without a result set is complete (DONE without count).
  virtual void statement_done(std::uint64_t rows = 0, bool count = false) = 0;
  virtual void use_database(const std::string& name) = 0;
  virtual void begin_transaction() = 0;
  virtual void end_transaction(bool commit) = 0;
  // An ATTENTION arrived: stop and let the session acknowledge it.
  virtual bool cancelled() const = 0;
};

}  // namespace tdstest
