#include "mssql_harness.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

#include "catalog_views.hpp"
#include "fixtures.hpp"
#include "hierarchyid.hpp"
#include "tsql_script.hpp"

namespace cutover::it {

std::unique_ptr<tdstest::TdsServer> MssqlMigrationTest::server_;
std::unique_ptr<tdstest::Catalog> MssqlMigrationTest::catalog_;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The expected cell as text for a target column of type `type`.
Cell expected_text(const tdstest::Value& v, const tdstest::ColumnType& t, const std::string& type) {
  Cell in = source_text(v, t);
  if (!in) return in;
  return type == "bytea" ? hex_bytea(*in) : *in;
}

// A public sample in the shared data folder beside the repository; "" when absent.
std::string shared_sample(const std::string& relative) {
  for (std::string dir : {"/work/shared/data/", CUTOVER_TEST_DATA "/../../../shared/data/"})
    if (std::filesystem::exists(dir + relative)) return dir + relative;
  return "";
}

}  // namespace

std::string hex_bytea(const std::string& bytes) {
  std::string out = "\\x";
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::string northwind_script() { return shared_sample("northwind-sqlserver/instnwnd.sql"); }
std::string chinook_script() { return shared_sample("chinook/Chinook_SqlServer.sql"); }
std::string extras_script() { return CUTOVER_SOURCE_DIR "/tests/tds/fixtures/extras.sql"; }

Cell input_text(const tdstest::Value& v) {
  if (tdstest::is_null(v)) return std::nullopt;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return tdstest::value_text(v);
}

Cell source_text(const tdstest::Value& v, const tdstest::ColumnType& t) {
  Cell in = input_text(v);
  if (!in) return in;
  if (t.udt_name == "hierarchyid") return tdstest::hierarchyid_text(*in);
  return padded(*in, t);
}

std::string padded(std::string v, const tdstest::ColumnType& t) {
  std::string name = lower(t.sql_name);
  bool nchar = name.starts_with("nchar("), chr = name.starts_with("char("), bin = name.starts_with("binary(");
  if (!nchar && !chr && !bin) return v;
  size_t n = std::stoul(name.substr(name.find('(') + 1));
  size_t units = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    auto c = static_cast<unsigned char>(v[i]);
    if (bin || (c & 0xC0) != 0x80) units += (nchar && c >= 0xF0) ? 2 : 1;
  }
  if (units < n) v.append(n - units, bin ? '\0' : ' ');
  return v;
}

void MssqlMigrationTest::SetUpTestSuite() {
  std::signal(SIGPIPE, SIG_IGN);
  catalog_ = std::make_unique<tdstest::Catalog>(tdstest::fixture_catalog(k_big_rows));
  for (auto [name, script] : {std::pair{"northwind", northwind_script()}, std::pair{"chinook", chinook_script()},
                              std::pair{"extras", extras_script()}})
    if (!script.empty()) catalog_->databases.push_back(tdstest::load_tsql_script(script, name));
  auto router = std::make_shared<tdstest::Router>(*catalog_);
  tdstest::add_catalog_views(*router, *catalog_);
  server_ = std::make_unique<tdstest::TdsServer>(tdstest::ServerConfig{}, router);
  server_->start(0);
}

void MssqlMigrationTest::TearDownTestSuite() {
  server_.reset();
  catalog_.reset();
}

std::string MssqlMigrationTest::source_url(const std::string& database) {
  return fmt::format("mssql://sa:Cutover-Test1@127.0.0.1:{}/{}", server_->port(), database);
}

CutoverRun MssqlMigrationTest::migrate_mssql(const std::vector<std::string>& extra, const std::string& database) {
  std::vector<std::string> args = {"migrate", source_url(database), target_url(), "--report", report_path(),
                                   "--reject-dir", reject_dir(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return cutover(args);
}

std::string MssqlMigrationTest::target_type(const std::string& table, const std::string& column) {
  return db()
      .scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND "
              "attname = $2",
              {table, column})
      .value_or("?");
}

void MssqlMigrationTest::expect_table_matches(const tdstest::Table& t, const std::string& target) {
  SCOPED_TRACE(fmt::format("{}.{} -> {}", t.schema, t.name, target));
  std::vector<std::string> types, casts, cols, defs;
  for (const auto& c : t.columns) {
    types.push_back(target_type(target, lower(c.name)));
    cols.push_back(fmt::format("\"{}\"::text", lower(c.name)));
    casts.push_back(fmt::format("CAST(c{} AS {})::text", casts.size(), types.back()));
    defs.push_back(fmt::format("c{} text", defs.size()));
  }
  db().exec(fmt::format("CREATE TEMP TABLE expected ({})", fmt::join(defs, ", ")));
  std::vector<std::string> tuples;
  Row cells;
  auto flush = [&] {
    if (tuples.empty()) return;
    db().query(fmt::format("INSERT INTO expected VALUES {}", fmt::join(tuples, ", ")), cells);
    tuples.clear();
    cells.clear();
  };
  auto add = [&](const tdstest::Row& row) {
    std::vector<std::string> params;
    for (size_t i = 0; i < cols.size(); ++i) {
      cells.push_back(expected_text(row[i], t.columns[i].type, types[i]));
      params.push_back(fmt::format("${}", cells.size()));
    }
    tuples.push_back(fmt::format("({})", fmt::join(params, ", ")));
    if (tuples.size() == 500) flush();
  };
  if (t.generate)
    for (std::int64_t id = 1; id <= t.generated_rows; ++id) add(t.generate(id, 0));
  for (const tdstest::Row& row : t.rows) add(row);
  flush();
  std::string want = fmt::format("SELECT {} FROM expected", fmt::join(casts, ", "));
  std::string have = fmt::format("SELECT {} FROM {}", fmt::join(cols, ", "), target);
  EXPECT_EQ(db().scalar(fmt::format("SELECT count(*) FROM {}", target)), std::to_string(t.row_count()));
  Rows missing = db().query(fmt::format("SELECT x::text FROM ({} EXCEPT ALL {}) x LIMIT 5", want, have));
  Rows extra = db().query(fmt::format("SELECT x::text FROM ({} EXCEPT ALL {}) x LIMIT 5", have, want));
  for (const Row& r : missing) ADD_FAILURE() << "expected row not in the target: " << r[0].value_or("NULL");
  for (const Row& r : extra) ADD_FAILURE() << "target row not expected: " << r[0].value_or("NULL");
  db().exec("DROP TABLE expected");
}

const tdstest::Table& MssqlMigrationTest::fixture(const std::string& db, const std::string& table,
                                                  const std::string& schema) {
  const tdstest::Table* t = catalog_->find_table(db, schema, table);
  if (t == nullptr) throw std::runtime_error(fmt::format("no fixture table {}.{}.{}", db, schema, table));
  return *t;
}

std::vector<std::int64_t> MssqlMigrationTest::chunk_rows(const std::string& target) {
  std::vector<std::int64_t> out;
  for (const Row& r : db().query("SELECT rows FROM cutover_state.chunks WHERE table_name = $1 ORDER BY chunk_index",
                                 {target}))
    out.push_back(std::stoll(r[0].value_or("0")));
  return out;
}

// ---- MssqlSharedMigrationTest ----

void MssqlSharedMigrationTest::set_up_suite(const std::string& database, const std::string& script,
                                            const std::vector<std::string>& extra) {
  MssqlMigrationTest::SetUpTestSuite();
  if (!admin_url() || script.empty()) return;
  db_name_ = fmt::format("it_mssql_shared_{}_{}", database, ::getpid());
  std::string tmpl = ::testing::TempDir() + "cutover_" + db_name_ + "_XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + tmpl);
  dir_ = tmpl;
  auto admin = connect_admin();
  admin->exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", db_name_));
  admin->exec(fmt::format("CREATE DATABASE \"{}\"", db_name_));
  url_ = with_database(*admin_url(), db_name_);
  std::vector<std::string> args = {"migrate", source_url(database), url_, "--report", dir_ + "/report.json",
                                   "--reject-dir", dir_ + "/rejects", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  run_ = std::make_unique<CutoverRun>(run_cutover(args, dir_));
}

void MssqlSharedMigrationTest::set_up_test(const std::string& script) {
  MssqlMigrationTest::SetUp();
  if (IsSkipped()) return;
  if (script.empty()) GTEST_SKIP() << "the install script of this suite's database is not in shared/data";
}

void MssqlSharedMigrationTest::tear_down_suite() {
  drop_shared();
  MssqlMigrationTest::TearDownTestSuite();
}

void MssqlSharedMigrationTest::drop_shared() {
  if (!db_name_.empty()) connect_admin()->exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", db_name_));
  if (run_ && run_->exit_code == 0 && std::getenv("CUTOVER_IT_KEEP") == nullptr) std::filesystem::remove_all(dir_);
  else if (!dir_.empty()) std::fprintf(stderr, "kept the shared run's directory %s\n", dir_.c_str());
  run_.reset();
  db_name_.clear();
  dir_.clear();
}

bool MssqlSharedMigrationTest::shared_run_ok() {
  if (!run_) {
    ADD_FAILURE() << "the shared migration did not run";
    return false;
  }
  EXPECT_EQ(run_->exit_code, 0) << describe(*run_);
  return run_->exit_code == 0;
}

PgConn& MssqlSharedMigrationTest::db() {
  if (!conn_) conn_ = std::make_unique<PgConn>(url_);
  return *conn_;
}

std::set<std::string> MssqlSharedMigrationTest::db_set(const std::string& sql) {
  std::set<std::string> out;
  for (const Row& r : db().query(sql)) out.insert(r[0].value_or("NULL"));
  return out;
}

}  // namespace cutover::it
