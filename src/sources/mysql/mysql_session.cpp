#include "sources/mysql/mysql_session.hpp"

#include <errmsg.h>
#include <fmt/format.h>
#include <mysqld_error.h>

#include <charconv>

#include "core/embedded_sql.hpp"
#include "sources/mysql/mysql_binary_stream.hpp"

namespace cutover::mysql {
namespace {

constexpr unsigned k_read_timeout_s = 3600;

ErrorKind kind_of(unsigned code) {
  switch (code) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_BAD_DB_ERROR:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_UNKNOWN_HOST:
    case CR_SERVER_HANDSHAKE_ERR:
    case CR_SSL_CONNECTION_ERROR: return ErrorKind::connect;
    case ER_LOCK_WAIT_TIMEOUT: return ErrorKind::timeout;
    default: return ErrorKind::query;
  }
}

std::string connect_hint(unsigned code) {
  switch (code) {
    case ER_ACCESS_DENIED_ERROR:
      return "check the user and password (a password with @ : / # % & must be percent-encoded, or set "
             "MYSQL_PWD)";
    case ER_BAD_DB_ERROR: return "check the database name at the end of the URL";
    case ER_DBACCESS_DENIED_ERROR: return "grant the user SELECT on the database";
    case CR_SSL_CONNECTION_ERROR: return "check sslmode and the CA file, or use sslmode=disable on a trusted network";
    default: return "check that the server runs and accepts TCP connections at this host and port";
  }
}

void set_tls(MYSQL* m, const ConnectionConfig& c) {
  if (c.ssl_mode == SslMode::disable) return;
  auto opt = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
  bool any_file = !c.ssl_ca.empty() || !c.ssl_capath.empty() || !c.ssl_cert.empty();
  if (c.ssl_mode != SslMode::prefer || any_file)
    mysql_ssl_set(m, opt(c.ssl_key), opt(c.ssl_cert), opt(c.ssl_ca), opt(c.ssl_capath), nullptr);
  my_bool yes = 1;
  if (c.ssl_mode != SslMode::prefer) mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &yes);
  // Connector/C checks the CA and the host name together.
  if (c.ssl_mode == SslMode::verify_ca || c.ssl_mode == SslMode::verify_identity)
    mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
}

MYSQL* new_handle(const ConnectionConfig& c) {
  MYSQL* m = mysql_init(nullptr);
  if (m == nullptr) return nullptr;
  mysql_optionsv(m, MYSQL_READ_DEFAULT_GROUP, "client");
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  unsigned timeout = static_cast<unsigned>(c.connect_timeout);
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  unsigned rw_timeout = k_read_timeout_s;
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
  set_tls(m, c);
  return m;
}

constexpr std::string_view k_session_setup =
    "SET SESSION time_zone = '+00:00', sql_mode = '', character_set_results = 'utf8mb4', "
    "net_write_timeout = 3600, net_read_timeout = 3600, group_concat_max_len = 16777216";

}  // namespace

bool connection_lost(unsigned code) {
  return code == CR_SERVER_LOST || code == CR_SERVER_GONE_ERROR || code == ER_CONNECTION_KILLED ||
         code == ER_SERVER_SHUTDOWN || code == ER_NEW_ABORTING_CONNECTION;
}

int64_t Row::int64(unsigned i) const {
  int64_t v = 0;
  auto s = view(i);
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

Stream::~Stream() {
  if (res_ != nullptr) mysql_free_result(res_);  // reads and drops what is left
}

unsigned Stream::columns() const { return res_ ? mysql_num_fields(res_) : 0; }

Result<bool> Stream::next() {
  MYSQL_ROW r = mysql_fetch_row(res_);
  if (r == nullptr) {
    if (mysql_errno(conn_) != 0) return fail(mysql_error_of(conn_, "reading rows failed"));
    return false;
  }
  row_ = Row(r, mysql_fetch_lengths(res_), mysql_num_fields(res_));
  return true;
}

namespace {

Error error_from(unsigned code, const char* message, const char* sqlstate, std::string_view what) {
  Error e;
  e.kind = kind_of(code);
  e.message = fmt::format("{}: {}", what, message);
  e.native_code = static_cast<int>(code);
  e.sqlstate = sqlstate;
  e.context.engine = "mysql";
  e.poisons_connection = connection_lost(code);
  // A lost connection or a server shutting down or not yet back (restart)
  // may succeed on a new connection a moment later.
  e.retryable = code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT || e.poisons_connection ||
                code == CR_CONNECTION_ERROR || code == CR_CONN_HOST_ERROR;
  return e;
}

}  // namespace

Error mysql_error_of(MYSQL* conn, std::string_view what) {
  return error_from(mysql_errno(conn), mysql_error(conn), mysql_sqlstate(conn), what);
}

Error lost_connection_error(std::string_view what) {
  return error_from(CR_SERVER_LOST, "the connection to the server was lost (no error reported)", "HY000", what);
}

Error mysql_error_of(MYSQL_STMT* stmt, std::string_view what) {
  return error_from(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), mysql_stmt_sqlstate(stmt), what);
}

Result<Session> Session::open(const ConnectionConfig& c) {
  MYSQL* m = new_handle(c);
  if (m == nullptr) return fail(ErrorKind::internal, "mysql_init failed: out of memory");
  Session s(m);
  const char* password = c.has_password ? c.password.c_str() : nullptr;
  const char* user = c.user.empty() ? nullptr : c.user.c_str();
  const char* socket = c.socket.empty() ? nullptr : c.socket.c_str();
  if (mysql_real_connect(m, c.host.c_str(), user, password, c.database.c_str(),
                         static_cast<unsigned>(c.port), socket, 0) == nullptr) {
    Error e = mysql_error_of(m, fmt::format("cannot connect to MySQL source '{}'", c.redacted));
    if (e.kind == ErrorKind::query) e.kind = ErrorKind::connect;
    return fail(e.with_hint(connect_hint(mysql_errno(m))));
  }
  s.version_ = mysql_get_server_info(m);
  s.mariadb_ = s.version_.find("MariaDB") != std::string::npos;
  if (auto st = s.execute(k_session_setup); !st) return fail(st.error());
  // MySQL 8 serves information_schema's row estimates from a cache kept up
  // to a day; chunk sizes want today's (MariaDB has no such cache or variable).
  (void)s.execute("SET SESSION information_schema_stats_expiry = 0");
  return s;
}

Status Session::execute(std::string_view sql) {
  if (mysql_real_query(conn_.get(), sql.data(), sql.size()) != 0)
    return fail(last_error(fmt::format("MySQL statement failed (in: {})", sql)));
  // Drain any result (SET and the like have none).
  if (MYSQL_RES* r = mysql_use_result(conn_.get())) mysql_free_result(r);
  return {};
}

Result<Stream> Session::stream(std::string_view sql) {
  if (mysql_real_query(conn_.get(), sql.data(), sql.size()) != 0)
    return fail(last_error(fmt::format("MySQL query failed (in: {})", sql)));
  MYSQL_RES* r = mysql_use_result(conn_.get());
  if (r == nullptr) return fail(last_error(fmt::format("MySQL query returned no result (in: {})", sql)));
  return Stream(conn_.get(), r);
}

Result<std::unique_ptr<RowStream>> Session::binary_stream(std::string_view sql) {
  auto binary = open_binary_stream(conn_.get(), sql);
  if (!binary || *binary) return binary;
  auto text = stream(sql);  // the server cannot prepare it
  if (!text) return fail(text.error());
  return std::unique_ptr<RowStream>(std::make_unique<Stream>(std::move(*text)));
}

Status Session::query(std::string_view sql, const std::function<bool(const Row&)>& row) {
  auto s = stream(sql);
  if (!s) return fail(s.error());
  for (;;) {
    auto more = s->next();
    if (!more) return fail(more.error());
    if (!*more || !row(s->row())) return {};
  }
}

Result<std::optional<std::string>> Session::query_value(std::string_view sql) {
  std::optional<std::string> out;
  auto st = query(sql, [&](const Row& r) {
    out = r.optional(0);
    return false;
  });
  if (!st) return fail(st.error());
  return out;
}

bool Session::alive() const { return mysql_ping(conn_.get()) == 0; }

Error Session::last_error(std::string_view what) const { return mysql_error_of(conn_.get(), what); }

std::string_view catalog_sql(std::string_view name) {
  return sql_file(fmt::format("sources/mysql/sql/{}.sql", name));
}

std::string quote_identifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quote_string(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    switch (c) {
      case '\0': out += "\\0"; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\x1a': out += "\\Z"; break;
      default: out += c;
    }
  }
  return out + "'";
}

}  // namespace cutover::mysql
