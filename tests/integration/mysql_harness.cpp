#include "mysql_harness.hpp"

#include <fmt/format.h>
#include <mysql.h>

#include <cstdlib>
#include <stdexcept>

#include "util/url.hpp"

namespace cutover::it {

std::optional<std::string> mysql_admin_url() {
  const char* url = std::getenv("CUTOVER_TEST_MYSQL_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

MyConn::MyConn(const std::string& url) {
  auto u = parse_url(url);
  if (!u) throw std::runtime_error("bad CUTOVER_TEST_MYSQL_URL: " + u.error().describe());
  conn_ = mysql_init(nullptr);
  mysql_optionsv(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  std::string db = u->path;
  while (!db.empty() && db.back() == '/') db.pop_back();
  if (!mysql_real_connect(conn_, u->host.c_str(), u->user.c_str(), u->password.empty() ? nullptr : u->password.c_str(),
                          db.empty() ? nullptr : db.c_str(), static_cast<unsigned>(u->port ? u->port : 3306), nullptr,
                          CLIENT_MULTI_STATEMENTS))
    throw std::runtime_error(fmt::format("cannot connect to MariaDB: {}", mysql_error(conn_)));
  exec("SET SESSION sql_mode = '', time_zone = '+00:00'");
}

MyConn::~MyConn() { mysql_close(conn_); }

void MyConn::exec(const std::string& sql) {
  if (mysql_real_query(conn_, sql.data(), sql.size()) != 0)
    throw std::runtime_error(fmt::format("MariaDB: {}\n{}", mysql_error(conn_), sql));
  do {
    if (MYSQL_RES* r = mysql_store_result(conn_)) mysql_free_result(r);
  } while (mysql_next_result(conn_) == 0);
  if (mysql_errno(conn_) != 0) throw std::runtime_error(fmt::format("MariaDB: {}\n{}", mysql_error(conn_), sql));
}

std::optional<std::string> MyConn::scalar(const std::string& sql) {
  if (mysql_real_query(conn_, sql.data(), sql.size()) != 0)
    throw std::runtime_error(fmt::format("MariaDB: {}\n{}", mysql_error(conn_), sql));
  MYSQL_RES* r = mysql_store_result(conn_);
  std::optional<std::string> out;
  if (MYSQL_ROW row = r ? mysql_fetch_row(r) : nullptr; row && row[0]) out = std::string(row[0], mysql_fetch_lengths(r)[0]);
  if (r) mysql_free_result(r);
  return out;
}

void run_mysql_script(const std::string& file, const std::string& database) {
  auto u = parse_url(*mysql_admin_url());
  std::string cmd = fmt::format("mariadb --no-defaults -h {} -P {} -u {} {} < '{}'", u->host, u->port ? u->port : 3306,
                                u->user, database, file);
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("loading failed: " + cmd);
}

std::string mysql_digest(MyConn& my, const std::string& table, const std::string& columns, const std::string& order) {
  my.exec("SET SESSION group_concat_max_len = 1073741824");
  return my.scalar(fmt::format("SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', {}) ORDER BY {} SEPARATOR '\\n')) FROM {}",
                               columns, order, table))
      .value_or("NULL");
}

std::string pg_digest(PgConn& pg, const std::string& table, const std::string& columns, const std::string& order) {
  return pg.scalar(fmt::format("SELECT md5(string_agg(concat_ws('|', {}), E'\\n' ORDER BY {})) FROM {}", columns,
                               order, table))
      .value_or("NULL");
}

void MysqlMigrationTest::SetUp() {
  if (!mysql_admin_url()) GTEST_SKIP() << "CUTOVER_TEST_MYSQL_URL is not set (scripts/test.sh starts MariaDB and sets it)";
  MigrationTest::SetUp();
  if (IsSkipped()) return;
  mysql_db_ = unique_db_name();
  std::string base = *mysql_admin_url();
  while (!base.empty() && base.back() == '/') base.pop_back();
  MyConn admin(base + "/");
  admin.exec(fmt::format("DROP DATABASE IF EXISTS `{0}`; CREATE DATABASE `{0}` CHARACTER SET utf8mb4", mysql_db_));
  mysql_url_ = base + "/" + mysql_db_;
  my_ = std::make_unique<MyConn>(mysql_url_);
}

void MysqlMigrationTest::TearDown() {
  my_.reset();
  if (!mysql_db_.empty()) {
    std::string base = *mysql_admin_url();
    while (!base.empty() && base.back() == '/') base.pop_back();
    MyConn(base + "/").exec(fmt::format("DROP DATABASE IF EXISTS `{}`", mysql_db_));
  }
  MigrationTest::TearDown();
}

CutoverRun MysqlMigrationTest::migrate_mysql(const std::vector<std::string>& extra, const std::string& url) {
  std::vector<std::string> args = {"migrate",     url.empty() ? mysql_url_ : url, target_url(),  "--report",
                                   report_path(), "--reject-dir",                 reject_dir(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return cutover(args);
}

std::vector<std::string> MysqlMigrationTest::column(const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : pg().query(sql)) out.push_back(row[0].value_or("NULL"));
  return out;
}

}  // namespace cutover::it
