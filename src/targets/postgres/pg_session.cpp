#include "targets/postgres/pg_session.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "util/url.hpp"

namespace cutover::pg {

std::optional<std::string> PgResult::get_opt(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return std::string(get(row, col));
}

int64_t PgResult::get_int64(int row, int col) const {
  if (is_null(row, col)) return 0;
  return std::strtoll(PQgetvalue(res_.get(), row, col), nullptr, 10);
}

void classify_sqlstate(Error& e) {
  const std::string& s = e.sqlstate;
  auto cls = s.substr(0, 2);
  if (s == "40001" || s == "40P01" || s == "55P03") {
    e.kind = ErrorKind::query;
    e.retryable = true;
  } else if (s == "57014") {  // query_canceled (statement_timeout)
    e.kind = ErrorKind::timeout;
    e.retryable = true;
  } else if (cls == "08" || s == "57P01" || s == "57P02" || s == "57P03") {
    e.kind = ErrorKind::connect;
    e.retryable = true;
    e.poisons_connection = true;
  } else if (cls == "53") {  // insufficient resources: disk full, out of memory
    e.kind = ErrorKind::query;
    e.hint = "the target server is out of a resource (disk, memory, connections); free it and resume";
  } else if (cls == "22" || cls == "23") {
    e.kind = ErrorKind::data;
  } else {
    e.kind = ErrorKind::query;
  }
}

namespace {

std::string field(PGresult* res, int code) {
  const char* v = res ? PQresultErrorField(res, code) : nullptr;
  return v ? v : "";
}

// "COPY t, line 3, column n: \"abc\"" -> "n"
std::string column_from_context(const std::string& context) {
  auto at = context.find(", column ");
  if (at == std::string::npos) return {};
  auto start = at + 9;
  auto end = context.find(':', start);
  return context.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

Error Connection::error_from(PGresult* res, std::string_view what) const {
  Error e;
  e.context.engine = "postgresql";
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = field(res, PG_DIAG_MESSAGE_PRIMARY);
  if (msg.empty()) msg = res ? PQresultErrorMessage(res) : "";
  if (msg.empty() && conn_) msg = PQerrorMessage(conn_.get());
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  std::string detail = field(res, PG_DIAG_MESSAGE_DETAIL);
  if (!detail.empty()) msg += " (" + detail + ")";
  std::string hint = field(res, PG_DIAG_MESSAGE_HINT);
  if (!hint.empty()) e.hint = hint;
  e.context.column = column_from_context(field(res, PG_DIAG_CONTEXT));
  e.message = fmt::format("{}: {}", what, msg);
  if (state) e.sqlstate = state;
  if (!ok()) {
    e.kind = ErrorKind::connect;
    e.retryable = true;
    e.poisons_connection = true;
    if (e.sqlstate.empty()) e.sqlstate = "08006";
  } else {
    classify_sqlstate(e);
  }
  return e;
}

Result<Connection> Connection::connect(const std::string& conninfo) {
  const char* keys[] = {"dbname", "application_name", "fallback_application_name", nullptr};
  const char* vals[] = {conninfo.c_str(), nullptr, "cutover", nullptr};
  PGconn* raw = PQconnectdbParams(keys, vals, /*expand_dbname=*/1);
  Connection c(raw);
  if (!raw || PQstatus(raw) != CONNECTION_OK) {
    std::string msg = raw ? PQerrorMessage(raw) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    Error e;
    e.kind = ErrorKind::connect;
    e.retryable = true;
    e.poisons_connection = true;
    e.context.engine = "postgresql";
    e.message = fmt::format("cannot connect to {}: {}", redact_url(conninfo), msg);
    e.hint = "check host, port, user and database in the target URL, and that the server accepts connections";
    return fail(std::move(e));
  }
  PQsetNoticeProcessor(raw, [](void*, const char*) {}, nullptr);
  return c;
}

namespace {

// Runs a command and checks the status; params may be empty.
Result<PGresult*> run(PGconn* conn, std::string_view sql,
                      const std::vector<std::optional<std::string>>& params) {
  std::string text(sql);
  if (params.empty()) return PQexec(conn, text.c_str());
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return PQexecParams(conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                      values.data(), nullptr, nullptr, 0);
}

}  // namespace

Result<PgResult> Connection::query(std::string_view sql,
                                   const std::vector<std::optional<std::string>>& params) {
  PGresult* res = *run(conn_.get(), sql, params);
  PgResult owned(res);
  auto st = PQresultStatus(res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    return fail(error_from(res, fmt::format("query failed [{}]", sql.substr(0, 200))));
  return owned;
}

Result<PgResult> Connection::query(std::string_view sql) { return query(sql, {}); }

Status Connection::execute(std::string_view sql,
                           const std::vector<std::optional<std::string>>& params) {
  auto r = query(sql, params);
  if (!r) return fail(std::move(r.error()));
  return {};
}

Status Connection::execute(std::string_view sql) { return execute(sql, {}); }

Status Connection::copy_start(std::string_view copy_sql) {
  PgResult res(PQexec(conn_.get(), std::string(copy_sql).c_str()));
  if (PQresultStatus(res.raw()) != PGRES_COPY_IN)
    return fail(error_from(res.raw(), "COPY could not start"));
  return {};
}

Status Connection::copy_send(std::string_view data) {
  if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1)
    return fail(error_from(nullptr, "COPY data could not be sent"));
  return {};
}

Status Connection::copy_end() {
  if (PQputCopyEnd(conn_.get(), nullptr) != 1)
    return fail(error_from(nullptr, "COPY could not be ended"));
  PgResult res(PQgetResult(conn_.get()));
  Status st;
  if (PQresultStatus(res.raw()) != PGRES_COMMAND_OK) st = fail(error_from(res.raw(), "COPY failed"));
  while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);
  return st;
}

void Connection::copy_abort(std::string_view reason) noexcept {
  if (!conn_) return;
  std::string r(reason);
  PQputCopyEnd(conn_.get(), r.c_str());
  while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);
}

Status Connection::copy_out(std::string_view copy_sql,
                            const std::function<Status(std::string_view)>& on_data) {
  PgResult res(PQexec(conn_.get(), std::string(copy_sql).c_str()));
  if (PQresultStatus(res.raw()) != PGRES_COPY_OUT) return fail(error_from(res.raw(), "COPY could not start"));
  for (;;) {
    char* buf = nullptr;
    int n = PQgetCopyData(conn_.get(), &buf, 0);
    if (n < 0) break;
    std::unique_ptr<char, decltype(&PQfreemem)> owned(buf, &PQfreemem);
    if (auto st = on_data({buf, static_cast<size_t>(n)}); !st) return st;
  }
  PgResult end(PQgetResult(conn_.get()));
  Status st;
  if (PQresultStatus(end.raw()) != PGRES_COMMAND_OK) st = fail(error_from(end.raw(), "COPY failed"));
  while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);
  return st;
}

std::string Connection::server_version() const {
  int v = PQserverVersion(conn_.get());
  return fmt::format("{}.{}", v / 10000, v % 10000);
}

}  // namespace cutover::pg
