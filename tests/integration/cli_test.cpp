// The commands as a user runs them: plan touches nothing, inspect --json,
// failures with clear messages and a report, the report's documented
// fields, and a second migrate into the same database.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

class CliTest : public MigrationTest {
 protected:
  void SetUp() override {
    MigrationTest::SetUp();
    if (IsSkipped()) return;
    source().exec(R"(
      CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artist(id), title TEXT, price DECIMAL(10,2));
      INSERT INTO artist VALUES (1, 'a'), (2, 'b');
      INSERT INTO album VALUES (1, 1, 'x', 9.99), (2, 2, 'y', 10), (3, 1, 'z', NULL);
    )");
  }
  int64_t user_tables() {
    return std::stoll(
        pg().scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")
            .value());
  }
};

TEST_F(CliTest, PlanWritesNothingToTheTarget) {
  CutoverRun r = cutover({"plan", source_path(), target_url()});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("artist"), std::string::npos) << r.out;
  EXPECT_EQ(user_tables(), 0);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'cutover_state'"), "0");
  CutoverRun dry = migrate({"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_EQ(user_tables(), 0);
}

TEST_F(CliTest, InspectJsonParsesAndListsTheTables) {
  CutoverRun r = cutover({"inspect", source_path(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  nlohmann::json j = nlohmann::json::parse(r.out);  // throws (fails the test) when not JSON
  std::string dump = j.dump();
  for (const char* t : {"\"artist\"", "\"album\"", "\"artist_id\""})
    EXPECT_NE(dump.find(t), std::string::npos) << t << " not in " << dump.substr(0, 2000);
}

TEST_F(CliTest, UnreachableTargetExitsOneNamingTheRedactedUrl) {
  const std::string url = "postgresql://someone:s3cret@127.0.0.1:1/nowhere";
  CutoverRun r = cutover({"migrate", source_path(), url, "--report", report_path(), "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  std::string all = r.out + r.err;
  EXPECT_NE(r.err.find("postgresql://someone:****@127.0.0.1:1/nowhere"), std::string::npos)
      << r.err;
  EXPECT_EQ(all.find("s3cret"), std::string::npos) << "password leaked: " << all;
  ASSERT_TRUE(r.report.is_object()) << "no report written";
  EXPECT_EQ(r.report["exit_code"], 1);
  EXPECT_EQ(r.report["status"], "failed");
  EXPECT_FALSE(r.report["errors"].empty());
  EXPECT_EQ(r.report.dump().find("s3cret"), std::string::npos) << "password in the report";
}

TEST_F(CliTest, MissingSqliteFileExitsTwoWithAClearMessage) {
  const std::string missing = dir() + "/no-such.db";
  CutoverRun r = cutover({"migrate", missing, target_url(), "--report", report_path(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("no-such.db"), std::string::npos) << r.err;
  EXPECT_TRUE(r.err.find("does not exist") != std::string::npos ||
              r.err.find("not an existing file") != std::string::npos)
      << r.err;
  ASSERT_TRUE(r.report.is_object()) << "no report written";
  EXPECT_FALSE(r.report["errors"].empty());
  EXPECT_EQ(user_tables(), 0);
}

TEST_F(CliTest, FilesThatAreNotSqliteOrAreTruncatedFailClearly) {
  const std::string text_file = dir() + "/notes.db", truncated = dir() + "/truncated.db";
  std::ofstream(text_file) << "this is not a database\n";
  std::ofstream(truncated) << read_file(source_path()).substr(0, 3000);
  CutoverRun r =
      cutover({"migrate", text_file, target_url(), "--report", report_path(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << r.err;
  CutoverRun t = cutover({"inspect", truncated});
  EXPECT_EQ(t.exit_code, 1) << describe(t);
  EXPECT_NE(t.err.find("malformed"), std::string::npos) << t.err;
  EXPECT_EQ(user_tables(), 0);
}

TEST_F(CliTest, TablesMatchingNothingIsAUsageError) {
  CutoverRun r = migrate({"--tables", "no_such_table"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("no source table matches"), std::string::npos) << r.err;
  EXPECT_EQ(user_tables(), 0);
}

TEST_F(CliTest, ReportHasTheDocumentedFields) {
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const auto& rep = r.report;
  for (const char* f :
       {"cutover_version",  "command",     "run_id",     "status",   "exit_code",
        "started_at",       "finished_at", "source",     "target",   "source_engine",
        "target_version",   "mode",        "resumed",    "verified", "consistency",
        "duration_seconds", "totals",      "key_totals", "tables",   "renames",
        "warnings",         "errors"})
    EXPECT_TRUE(rep.contains(f)) << "missing top-level field " << f;
  EXPECT_EQ(rep["status"], "ok");
  EXPECT_EQ(rep["verified"], true);
  EXPECT_EQ(rep["source_engine"], "sqlite");
  EXPECT_EQ(rep["totals"]["rows_copied"], 5);
  for (const char* t : {"artist", "album"}) {
    const auto& tab = report_table(rep, t);
    std::string target = tab["target"];
    EXPECT_EQ(target, std::string("public.") + t);
    EXPECT_EQ(rep["key_totals"][target]["match"], true) << t;
    EXPECT_EQ(tab["source_rows"], tab["copied_rows"]);
    EXPECT_EQ(tab["target_rows"], tab["copied_rows"]);
    for (const auto& k : tab["key_totals"]) EXPECT_EQ(k["match"], true) << k.dump();
    for (const auto& c : tab["columns"]) {
      for (const char* f : {"source", "target", "type", "rule", "reason", "decode"})
        EXPECT_TRUE(c.contains(f)) << t << " column without " << f << ": " << c.dump();
      EXPECT_FALSE(c.value("reason", "").empty()) << c.dump();
    }
    expect_same_rows(source(), pg(), rep, t);
  }
  EXPECT_EQ(report_table(rep, "artist")["source_rows"], 2);
  EXPECT_EQ(report_table(rep, "album")["source_rows"], 3);
  EXPECT_EQ(report_column(rep, "album", "price")["type"], "numeric(10,2)");
}

TEST_F(CliTest, SecondMigrateNeedsDropExisting) {
  CutoverRun first = migrate();
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  CutoverRun again = migrate();
  EXPECT_EQ(again.exit_code, 1) << describe(again);
  EXPECT_NE((again.out + again.err).find("already exists"), std::string::npos) << describe(again);
  CutoverRun replaced = migrate({"--drop-existing", "--no-verify"});
  EXPECT_EQ(replaced.exit_code, 0) << describe(replaced);
  for (const char* t : {"artist", "album"}) expect_same_rows(source(), pg(), replaced.report, t);
  // Not verified: the runbook block says what the copy read and nothing of the target.
  EXPECT_EQ(replaced.report["verified"], false);
  const auto& runbook = replaced.report["key_totals"]["public.album"];
  EXPECT_EQ(runbook["source_count"], 3) << runbook.dump();
  EXPECT_TRUE(runbook["target_count"].is_null()) << runbook.dump();
  EXPECT_TRUE(runbook["match"].is_null()) << runbook.dump();
}

}  // namespace
}  // namespace cutover::it
