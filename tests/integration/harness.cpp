#include "harness.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include <fmt/format.h>
#include <sys/wait.h>

namespace cutover::it {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::unique_ptr<PgConn> connect_admin() {
  try {
    return std::make_unique<PgConn>(*admin_url());
  } catch (const std::runtime_error&) {
    return std::make_unique<PgConn>(with_database(*admin_url(), "postgres"));
  }
}

std::optional<std::string> admin_url() {
  const char* url = std::getenv("CUTOVER_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string with_database(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?');
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + db + rest;
}

// ---- PgConn ----

PgConn::PgConn(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_.get()) != CONNECTION_OK)
    throw std::runtime_error(
        fmt::format("cannot connect to {}: {}", url, PQerrorMessage(conn_.get())));
  exec(
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'; "
      "SET extra_float_digits = 3; SET client_min_messages = warning");
}

Rows PgConn::query(const std::string& sql, const std::vector<Cell>& params) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* res = params.empty()
                      ? PQexec(conn_.get(), sql.c_str())
                      : PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()),
                                     nullptr, values.data(), nullptr, nullptr, 0);
  std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
  auto status = PQresultStatus(res);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    throw std::runtime_error(fmt::format("query failed: {}\n{}", sql, PQresultErrorMessage(res)));
  Rows rows;
  for (int r = 0; r < PQntuples(res); ++r) {
    Row row;
    for (int c = 0; c < PQnfields(res); ++c) {
      if (PQgetisnull(res, r, c))
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(
            std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Cell PgConn::scalar(const std::string& sql, const std::vector<Cell>& params) {
  Rows rows = query(sql, params);
  if (rows.empty() || rows[0].empty()) throw std::runtime_error("no row from: " + sql);
  return rows[0][0];
}

std::string PgConn::error_of(const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(PQexec(conn_.get(), sql.c_str()), PQclear);
  auto status = PQresultStatus(res.get());
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return "";
  return PQresultErrorMessage(res.get());
}

bool PgConn::table_exists(const std::string& schema, const std::string& table) {
  return scalar("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2",
                {schema, table}) == "1";
}

// ---- processes and files ----

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<nlohmann::json> read_json_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

CutoverRun run_cutover(const std::vector<std::string>& args, const std::string& dir) {
  static int counter = 0;
  std::string base = fmt::format("{}/run{}", dir, ++counter);
  std::string cmd = shell_quote(CUTOVER_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd +=
      fmt::format(" </dev/null >{} 2>{}", shell_quote(base + ".out"), shell_quote(base + ".err"));
  int status = std::system(cmd.c_str());
  CutoverRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--report" && fs::exists(args[i + 1]))
      r.report = nlohmann::json::parse(read_file(args[i + 1]));
  }
  return r;
}

std::string unique_db_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? fmt::format("{}_{}", info->test_suite_name(), info->name()) : "test";
  std::string out = "it_";
  for (char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  return out.substr(0, 48) + "_" + std::to_string(::getpid());
}

// ---- MigrationTest ----

void MigrationTest::SetUp() {
  auto url = admin_url();
  if (!url)
    GTEST_SKIP() << "CUTOVER_TEST_PG_URL is not set: integration tests need a PostgreSQL server "
                    "(scripts/test.sh starts one and sets it)";
  db_name_ = unique_db_name();
  std::string tmpl = ::testing::TempDir() + "cutover_" + db_name_ + "_XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + tmpl);
  dir_ = tmpl;
  source_ = std::make_unique<SqliteFile>(dir_ + "/source.db");
  auto admin = connect_admin();
  admin->exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", db_name_));
  admin->exec(fmt::format("CREATE DATABASE \"{}\"", db_name_));
  created_ = true;
  target_url_ = with_database(*url, db_name_);
}

void MigrationTest::TearDown() {
  pg_.reset();
  source_.reset();
  if (created_) {
    try {
      connect_admin()->exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", db_name_));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop the test database: " << e.what();
    }
  }
  if (dir_.empty()) return;
  if (HasFailure() || std::getenv("CUTOVER_IT_KEEP") != nullptr) {
    std::fprintf(stderr, "kept the test directory %s\n", dir_.c_str());
  } else {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

PgConn& MigrationTest::pg() {
  if (!pg_) pg_ = std::make_unique<PgConn>(target_url_);
  return *pg_;
}

CutoverRun MigrationTest::migrate(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"migrate",     source_path(),  target_url_,  "--report",
                                   report_path(), "--reject-dir", reject_dir(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cutover(args, dir_);
}

CutoverRun MigrationTest::cutover(const std::vector<std::string>& args) {
  return run_cutover(args, dir_);
}

// ---- report ----

const nlohmann::json& report_table(const nlohmann::json& report, const std::string& source_name) {
  if (report.is_object() && report.contains("tables"))
    for (const auto& t : report["tables"])
      if (t.value("source", "") == source_name) return t;
  throw std::runtime_error(fmt::format("table {} is not in the report", source_name));
}

const nlohmann::json& report_column(const nlohmann::json& report, const std::string& table,
                                    const std::string& column) {
  for (const auto& c : report_table(report, table)["columns"])
    if (c.value("source", "") == column) return c;
  throw std::runtime_error(fmt::format("column {}.{} is not in the report", table, column));
}

std::string describe(const CutoverRun& r) {
  return fmt::format("exit code {}\n--- stdout ---\n{}\n--- stderr ---\n{}", r.exit_code, r.out,
                     r.err);
}

}  // namespace cutover::it
