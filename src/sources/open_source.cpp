// open_source(url): picks the adapter for a source URL: SQL Server
// ("mssql://", "sqlserver://"), MySQL/MariaDB ("mysql://", "mariadb://"), PostgreSQL ("postgresql://...", "postgres://...",
// or a libpq keyword string "host=... dbname=..."), or SQLite
// ("sqlite:///abs/path", "sqlite://rel/path", "sqlite:path", or the path of
// an existing file). The URL is never echoed whole in an error (it could
// carry a password); only its scheme is.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>
#include <optional>

#include "sources/source.hpp"
#include "sources/mssql/mssql_source.hpp"
#include "sources/mssql/mssql_url.hpp"
#include "sources/mysql/mysql_source.hpp"
#include "sources/mysql/mysql_url.hpp"
#include "sources/postgres/postgres_source.hpp"
#include "sources/sqlite/sqlite_source.hpp"

namespace cutover {
namespace {

constexpr std::string_view k_supported =
    "supported sources: mssql://user@host:1433/db (or sqlserver://, host\\instance), "
    "mysql://user@host:3306/db (or mariadb://), postgresql://user@host:5432/db or a libpq "
    "keyword string 'host=... dbname=...', sqlite:///abs/path, sqlite://rel/path, sqlite:path, or the path "
    "of an existing SQLite file";

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The file path of a SQLite URL; nullopt when `url` is not one.
std::optional<std::string> sqlite_path(const std::string& url) {
  for (std::string_view prefix : {"sqlite://", "sqlite3://", "sqlite:", "sqlite3:"})
    if (url.starts_with(prefix)) return url.substr(prefix.size());
  if (is_file(url)) return url;
  return std::nullopt;
}

// "postgresql://...", "postgres://..." or "host=h dbname=d ..." (libpq).
bool is_postgres(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return true;
  size_t eq = url.find('=');
  if (eq == std::string::npos || url.find("://") != std::string::npos || is_file(url)) return false;
  size_t key = url.find_first_not_of(" \t");
  return key < eq && url.substr(key, eq - key).find_first_of(" /:") == std::string::npos;
}

}  // namespace

Result<std::unique_ptr<Source>> open_source(const std::string& url) {
  if (mssql::is_mssql_url(url)) {
    auto config = mssql::parse_mssql_url(url, std::getenv("MSSQL_PWD"));
    if (!config) return fail(std::move(config.error()));
    return std::make_unique<mssql::MssqlSource>(std::move(*config));
  }
  if (mysql::is_mysql_url(url)) {
    auto config = mysql::parse_mysql_url(url, std::getenv("MYSQL_PWD"));
    if (!config) return fail(std::move(config.error()));
    return std::make_unique<mysql::MysqlSource>(std::move(*config));
  }
  if (is_postgres(url)) return std::make_unique<postgres::PgSource>(url);
  auto path = sqlite_path(url);
  if (path && !path->empty()) {
    if (!is_file(*path))
      return fail(ErrorKind::config, fmt::format("SQLite source file '{}' does not exist", *path),
                  "give the path of an existing SQLite database file");
    return std::make_unique<sqlite::SqliteSource>(*path);
  }
  size_t colon = url.find(':');
  if (colon == std::string::npos || url.empty())
    return fail(ErrorKind::config, fmt::format("source '{}' is not an existing file", url), std::string(k_supported));
  return fail(ErrorKind::config, fmt::format("unsupported source scheme '{}'", url.substr(0, colon)),
              std::string(k_supported));
}

}  // namespace cutover
