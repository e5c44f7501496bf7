// --ci-collation with a MariaDB source (issue 5: case-insensitive
// collations): a varchar primary key in utf8mb4_general_ci with mixed-case
// and accented keys, chunked by that text key, referenced by a foreign key.
// Migrated under a nondeterministic ICU collation and as citext: every value
// exact, the keys compare case-insensitively in the target, the run's
// verification and `cutover verify` are clean, and a key whose case was
// changed in the target is found and fixed in place. Runs killed at random
// moments resume to the same exact copy.
#include <fmt/format.h>

#include "kill_cycles.hpp"
#include "mysql_harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr const char* k_chunk_rows = "7";  // 6 chunks over 40 text keys

class MysqlCollationTest : public MysqlMigrationTest {
 protected:
  void SetUp() override {
    MysqlMigrationTest::SetUp();
    if (IsSkipped()) return;
    // Keys K1, é2, É3, Zz4, k5, K6, ...: distinct under utf8mb4_general_ci.
    my().exec(R"(
      CREATE TABLE users (code varchar(20) COLLATE utf8mb4_general_ci PRIMARY KEY,
                          name varchar(40) COLLATE utf8mb4_bin NOT NULL);
      INSERT INTO users SELECT CONCAT(ELT(seq % 5 + 1, 'k', 'K', 'é', 'É', 'Zz'), seq), CONCAT('Name ', seq)
        FROM seq_1_to_40;
      CREATE TABLE orders (id int PRIMARY KEY, user_code varchar(20) COLLATE utf8mb4_general_ci NOT NULL,
                           FOREIGN KEY (user_code) REFERENCES users (code) ON UPDATE NO ACTION);
      INSERT INTO orders SELECT seq, CONCAT(ELT(seq % 5 + 1, 'k', 'K', 'é', 'É', 'Zz'), seq) FROM seq_1_to_40;)");
  }

  std::vector<std::string> options(const std::string& mode) {
    return {"--ci-collation", mode, "--chunk-rows", k_chunk_rows};
  }
  CutoverRun verify(const std::string& mode, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify", mysql_url(), target_url(), "--report", dir() + "/verify.json", "--quiet"};
    for (const auto& o : options(mode)) args.push_back(o);
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }
  // Every value equal, in byte order on both sides.
  void expect_exact() {
    EXPECT_EQ(pg_digest(pg(), "public.users", "code, name", "code::text COLLATE \"C\""),
              mysql_digest(my(), "users", "code, name", "BINARY code"));
  }
  // Migrated with `mode`: clean, the rule in the decision, keys case-insensitive.
  void migrate_clean(const std::string& mode, const std::string& type) {
    CutoverRun r = migrate_mysql(options(mode));
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.report["totals"].value("mismatches", -1), 0);
    EXPECT_GT(report_table(r.report, "users")["chunks"].get<int>(), 3);
    const auto& code = report_column(r.report, "users", "code");
    EXPECT_EQ(code["rule"], "ci_collation." + mode);
    EXPECT_EQ(code["type"], type);
    EXPECT_EQ(report_column(r.report, "users", "name")["rule"], "mysql.varchar");  // utf8mb4_bin
    std::string warnings = report_table(r.report, "users")["warnings"].dump();
    EXPECT_NE(warnings.find("rule ci_collation." + mode + " keeps it so in the target"), std::string::npos) << warnings;
    expect_exact();
    EXPECT_EQ(pg().scalar("SELECT code FROM users WHERE code = 'k1'"), "K1");
    EXPECT_EQ(pg().scalar("SELECT count(*) FROM orders o JOIN users u ON u.code = o.user_code"), "40");
    EXPECT_NE(pg().error_of("INSERT INTO users VALUES ('ZZ4', 'dup')").find("duplicate key"), std::string::npos);
    CutoverRun v = verify(mode);
    ASSERT_EQ(v.exit_code, 0) << describe(v);
    EXPECT_EQ(v.report["totals"]["mismatches"], 0);
  }
  // The case of K1 changed in the target (orders still reference it; NO
  // ACTION allows it, RESTRICT would not): a mismatch, fixed in place.
  void case_change_found_and_fixed(const std::string& mode) {
    pg().exec("UPDATE users SET code = 'k1' WHERE code = 'K1'");
    CutoverRun v = verify(mode);
    ASSERT_EQ(v.exit_code, 1) << describe(v);
    auto m = mismatches_of(v.report, "users");
    ASSERT_EQ(m.size(), 1u) << report_table(v.report, "users")["mismatches"].dump(1);
    std::string rows = row_kinds(m.begin()->second);
    EXPECT_NE(rows.find("missing:code=K1"), std::string::npos) << rows;
    EXPECT_NE(rows.find("extra:code=k1"), std::string::npos) << rows;
    ASSERT_NO_FATAL_FAILURE(expect_fixed_then_clean([&](const auto& extra) { return verify(mode, extra); }, {"users"}, 1));
    expect_exact();
  }
};

TEST_F(MysqlCollationTest, IcuCollationKeepsKeysCaseInsensitiveAndVerifiesExactly) {
  ASSERT_NO_FATAL_FAILURE(migrate_clean("icu", "varchar(20) COLLATE public.cutover_ci_ai"));
  // utf8mb4_general_ci ignores accents: the level-1 collation does too.
  EXPECT_EQ(pg().scalar("SELECT code FROM users WHERE code = 'e3'"), "É3");
  EXPECT_EQ(pg().scalar("SELECT collname || ' ' || colliculocale FROM pg_collation WHERE collname = 'cutover_ci_ai'"),
            "cutover_ci_ai und-u-ks-level1");
  ASSERT_NO_FATAL_FAILURE(case_change_found_and_fixed("icu"));
}

TEST_F(MysqlCollationTest, CitextKeepsKeysCaseInsensitiveAndVerifiesExactly) {
  if (pg().scalar("SELECT count(*) FROM pg_available_extensions WHERE name = 'citext'") != "1")
    GTEST_SKIP() << "citext is not available to the test PostgreSQL (postgresql-contrib)";
  ASSERT_NO_FATAL_FAILURE(migrate_clean("citext", "citext"));
  ASSERT_NO_FATAL_FAILURE(case_change_found_and_fixed("citext"));
}

// Five runs killed with SIGKILL (planning, creating, mid copy, keys), then
// one resumes: 20000 rows in 40 chunks of a text key, exact and unique.
TEST_F(MysqlCollationTest, KilledIcuRunsResumeToAnExactCopy) {
  my().exec(R"(
    CREATE TABLE words (w varchar(30) COLLATE utf8mb4_general_ci PRIMARY KEY, n int NOT NULL);
    INSERT INTO words SELECT CONCAT(ELT(seq % 5 + 1, 'k', 'K', 'é', 'É', 'Zz'), seq), seq FROM seq_1_to_20000;)");
  RepeatedRun runs({"migrate", mysql_url(), target_url(), "--tables", "words", "--ci-collation", "icu",
                    "--chunk-rows", "500", "--jobs", "2", "--quiet", "--report", report_path()},
                   dir(), report_path());
  auto resumed = kill_then_resume(5, 20261122, runs, pg());
  ASSERT_TRUE(resumed);
  SCOPED_TRACE(resumed->trace);
  ASSERT_EQ(resumed->last.exit_code, 0) << describe(resumed->last);
  EXPECT_EQ(resumed->last.report["totals"].value("mismatches", -1), 0);
  EXPECT_EQ(pg_digest(pg(), "public.words", "w, n", "w::text COLLATE \"C\""),
            mysql_digest(my(), "words", "w, n", "BINARY w"));
  EXPECT_EQ(pg().scalar("SELECT count(*) || ' ' || count(DISTINCT w::text COLLATE \"C\") FROM words"), "20000 20000");
}

}  // namespace
}  // namespace cutover::it
