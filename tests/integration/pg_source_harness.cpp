#include "pg_source_harness.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cutover::it {

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& schema, const std::string& name) {
  auto q = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  return q(schema) + "." + q(name);
}

constexpr const char* k_user_relations =
    "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'm') AND (c.relkind = 'r' OR c.relispopulated) "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND n.nspname NOT LIKE 'pg\\_%' "
    "ORDER BY 1, 2";

}  // namespace

std::string shared_data_file(const std::string& relative) {
  for (std::string base : {std::string("/work/shared/data/"), std::string(CUTOVER_SOURCE_DIR "/../shared/data/"),
                           std::string(CUTOVER_SOURCE_DIR "/../../shared/data/")})
    if (fs::exists(base + relative)) return base + relative;
  return "";
}

void PgSourceTest::SetUp() {
  MigrationTest::SetUp();
  if (IsSkipped()) return;
  source_db_ = unique_db_name() + "_src";
  PgConn admin(*admin_url());
  admin.exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", source_db_));
  admin.exec(fmt::format("CREATE DATABASE \"{}\"", source_db_));
  source_url_ = with_database(*admin_url(), source_db_);
}

void PgSourceTest::TearDown() {
  src_.reset();
  if (!source_db_.empty()) {
    try {
      PgConn(*admin_url()).exec(fmt::format("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", source_db_));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop the source database: " << e.what();
    }
  }
  MigrationTest::TearDown();
}

PgConn& PgSourceTest::src() {
  if (!src_) src_ = std::make_unique<PgConn>(source_url_);
  return *src_;
}

void PgSourceTest::load_sql(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string filtered = dir() + "/load.sql", line;
  std::ofstream out(filtered);
  while (std::getline(in, line)) {
    std::string head = line.substr(0, 16);
    for (auto& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (head.starts_with("DROP DATABASE") || head.starts_with("CREATE DATABASE") || head.starts_with("\\C ")) continue;
    out << line << '\n';
  }
  out.close();
  std::string cmd = fmt::format("psql -X -q -v ON_ERROR_STOP=1 -d '{}' -f '{}' > '{}/load.log' 2>&1", source_url_,
                                filtered, dir());
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("psql failed loading " + path + ":\n" + read_file(dir() + "/load.log"));
}

CutoverRun PgSourceTest::migrate_pg(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"migrate", source_url_, target_url(), "--report", report_path(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return cutover(args);
}

void PgSourceTest::expect_same_data(const std::vector<std::pair<std::string, std::string>>& map,
                                    const std::vector<std::pair<std::string, std::string>>& tables) {
  auto relations = src().query(k_user_relations);
  ASSERT_FALSE(relations.empty());
  for (const auto& rel : relations) {
    std::string schema = *rel[0], target_schema = schema, target_name = *rel[1];
    for (const auto& [from, to] : map)
      if (from == schema) target_schema = to;
    for (const auto& [from, to] : tables)
      if (from == schema + "." + *rel[1]) {
        target_schema = to.substr(0, to.find('.'));
        target_name = to.substr(to.find('.') + 1);
      }
    SCOPED_TRACE(schema + "." + *rel[1]);
    std::string sql = "SELECT x::text FROM ONLY {} x ORDER BY 1";
    Rows a = src().query(fmt::format(fmt::runtime(sql), quoted(schema, *rel[1])));
    Rows b = pg().query(fmt::format(fmt::runtime(sql), quoted(target_schema, target_name)));
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "row " << i;
  }
}

void PgSourceTest::expect_same_sequences() {
  const char* sql =
      "SELECT format('%s.%s', schemaname, sequencename), last_value FROM pg_sequences "
      "WHERE schemaname <> 'cutover_state' ORDER BY 1";
  EXPECT_EQ(src().query(sql), pg().query(sql));
}

void PgSourceTest::expect_same_schema(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"compare-schema", source_url_, target_url()};
  args.insert(args.end(), extra.begin(), extra.end());
  CutoverRun r = cutover(args);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("schemas are equal"), std::string::npos) << r.out;
}

}  // namespace cutover::it
