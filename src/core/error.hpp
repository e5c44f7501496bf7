// Errors: the two tiers of STYLE.md §2.
//
// Routine failures (a connection refused, a chunk that failed, a missing
// table, a value that does not fit) travel as `Result<T>` = std::expected<T,
// Error>. Exceptions are reserved for bugs and fatal configuration and are
// caught once, in main. Retry policy reads the flags on Error, never its text.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <utility>

namespace cutover {

enum class ErrorKind {
  connect,      // could not reach or log in to a server
  timeout,      // lock, statement or network timeout
  query,        // a statement failed on the server
  data,         // a value does not fit its target type
  config,       // bad usage, bad URL, bad cast rule, missing object
  io,           // local files (reject file, report, state)
  interrupted,  // SIGINT/SIGTERM: stopped at a chunk boundary, resumable
  internal,     // a bug
};

const char* to_string(ErrorKind kind);

// Where an error happened. Every field is optional; fill what you know.
struct ErrorContext {
  std::string engine;  // "sqlite", "postgresql", ...
  std::string table;
  std::string column;
  std::string value;  // already shortened for display; never a secret
  std::optional<int64_t> chunk;
  std::optional<std::string> row_key;  // e.g. "rowid=42" or "id=7"
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::string sqlstate;  // five-character SQLSTATE when the server gave one
  int native_code = 0;   // engine error number (sqlite3 result code, ...)
  bool retryable = false;           // a retry of the same work may succeed
  bool poisons_connection = false;  // the connection must be dropped
  std::string hint;                 // what the user can do about it
  ErrorContext context;

  // One line for humans: "kind: message (table t, column c, row k) — hint".
  std::string describe() const;

  Error& in_table(std::string t) { context.table = std::move(t); return *this; }
  Error& in_column(std::string c) { context.column = std::move(c); return *this; }
  Error& with_hint(std::string h) { hint = std::move(h); return *this; }
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message,
                                   std::string hint = {}) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  e.hint = std::move(hint);
  return std::unexpected<Error>(std::move(e));
}

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace cutover
