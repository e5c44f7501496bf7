// Chinook, built from its SQL Server script (Chinook_SqlServer.sql in
// /work/shared/data/chinook, MIT) by the TDS test server's script loader at
// test time, migrated once through FreeTDS ODBC with small chunks on two
// jobs: every value of every table, keys, indexes and foreign keys against
// the fixture, and facts counted from the script itself (not from the
// loader): 11 tables, 15,607 rows, 3,503 tracks, 412 invoices.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <numeric>

#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class MssqlChinookTest : public MssqlSharedMigrationTest {
 public:
  static void SetUpTestSuite() { set_up_suite("chinook", chinook_script(), {"--chunk-rows", "1000", "-j", "2"}); }
  static void TearDownTestSuite() { tear_down_suite(); }

 protected:
  void SetUp() override { set_up_test(chinook_script()); }
  const tdstest::Database& chinook() { return *fixtures().find_database("chinook"); }
};

TEST_F(MssqlChinookTest, EveryTableAndValueArrivesExact) {
  ASSERT_TRUE(shared_run_ok());
  const auto& report = shared_run().report;
  EXPECT_EQ(report["status"], "ok");
  ASSERT_EQ(chinook().tables.size(), 11u);
  std::int64_t total = 0;
  for (const tdstest::Table& t : chinook().tables) {
    expect_table_matches(t, "public." + lower(t.name));
    total += static_cast<std::int64_t>(t.rows.size());
  }
  EXPECT_EQ(total, 15607);
  EXPECT_EQ(report["totals"]["rows_copied"], 15607);
  EXPECT_TRUE(report["consistency"].get<std::string>().starts_with("point-in-time consistent: yes"));
}

// Counted from Chinook_SqlServer.sql with awk and Python, independently of
// the loader; the same sums come out of Chinook_Sqlite.sqlite.
TEST_F(MssqlChinookTest, KnownFactsOfTheScriptHold) {
  ASSERT_TRUE(shared_run_ok());
  Rows counts = db().query(
      "SELECT (SELECT count(*) FROM track), (SELECT count(*) FROM invoice), (SELECT count(*) FROM invoiceline), "
      "(SELECT count(*) FROM artist), (SELECT count(*) FROM album), (SELECT count(*) FROM playlisttrack), "
      "(SELECT count(*) FROM customer), (SELECT count(*) FROM employee)");
  EXPECT_EQ(counts, (Rows{{"3503", "412", "2240", "275", "347", "8715", "59", "8"}}));
  EXPECT_EQ(db().scalar("SELECT sum(total)::text FROM invoice"), "2328.60");
  EXPECT_EQ(db().scalar("SELECT sum(milliseconds)::text FROM track"), "1378778040");
  EXPECT_EQ(db().scalar("SELECT name FROM artist WHERE artistid = 6"), "Antônio Carlos Jobim");
  EXPECT_EQ(db().scalar("SELECT name FROM artist WHERE artistid = 88"), "Guns N' Roses");
  EXPECT_EQ(db().scalar("SELECT billingaddress FROM invoice WHERE invoiceid = 1"), "Theodor-Heuss-Straße 34");
  // '1962/2/18' under SET DATEFORMAT mdy is year/month/day.
  EXPECT_EQ(db().scalar("SELECT birthdate::text FROM employee WHERE employeeid = 1"), "1962-02-18 00:00:00");
  EXPECT_EQ(db().scalar("SELECT max(invoicedate)::text FROM invoice"), "2025-12-22 00:00:00");
}

TEST_F(MssqlChinookTest, LargeTablesAreSplitIntoChunks) {
  ASSERT_TRUE(shared_run_ok());
  const auto& report = shared_run().report;
  // PlaylistTrack's (PlaylistId, TrackId) key is sampled on the server:
  // every chunk holds exactly --chunk-rows rows.
  EXPECT_EQ(chunk_rows("public.playlisttrack"),
            (std::vector<std::int64_t>{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 715}));
  for (const char* table : {"Track", "InvoiceLine"}) {
    SCOPED_TRACE(table);
    auto chunks = chunk_rows("public." + lower(table));
    EXPECT_GE(chunks.size(), 3u);
    EXPECT_EQ(report_table(report, table)["chunks"], chunks.size());
    EXPECT_EQ(std::accumulate(chunks.begin(), chunks.end(), std::int64_t{0}),
              report_table(report, table)["source_rows"].get<std::int64_t>());
  }
}

TEST_F(MssqlChinookTest, KeysIndexesAndForeignKeysAreInPlace) {
  ASSERT_TRUE(shared_run_ok());
  std::set<std::string> pks, fks, indexes;
  for (const tdstest::Table& t : chinook().tables) {
    std::string target = lower(t.name);
    pks.insert(lower(fmt::format("{}: PRIMARY KEY ({})", target, fmt::join(t.primary_key, ", "))));
    for (const auto& fk : t.foreign_keys) {
      EXPECT_EQ(fk.on_delete, "NO_ACTION") << fk.name;
      fks.insert(lower(fmt::format("{}: {}: FOREIGN KEY ({}) REFERENCES {}({})", target, fk.name,
                                   fmt::join(fk.columns, ", "), fk.ref_table, fmt::join(fk.ref_columns, ", "))));
    }
    for (const auto& ix : t.indexes)
      indexes.insert(lower(fmt::format("{}: {} ({})", target, ix.name, fmt::join(ix.columns, ", "))));
  }
  EXPECT_EQ(pks.size(), 11u);
  EXPECT_EQ(fks.size(), 11u);
  EXPECT_EQ(indexes.size(), 11u);
  const std::string constraints = "FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = ";
  EXPECT_EQ(db_set("SELECT lower(conrelid::regclass::text || ': ' || pg_get_constraintdef(oid)) " + constraints + "'p'"),
            pks);
  EXPECT_EQ(db_set("SELECT lower(conrelid::regclass::text || ': ' || conname || ': ' || pg_get_constraintdef(oid)) " +
                   constraints + "'f'"),
            fks);
  EXPECT_EQ(db_set("SELECT lower(indrelid::regclass::text || ': ' || c.relname || ' (' || "
                   "pg_get_indexdef(indexrelid, 1, false) || ')') FROM pg_index i JOIN pg_class c ON c.oid = "
                   "i.indexrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT i.indisprimary"),
            indexes);
  // Chinook's keys are given in the script, not generated: no identity columns.
  EXPECT_EQ(db().scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND "
                        "is_identity = 'YES'"),
            "0");
  EXPECT_NE(db().error_of("INSERT INTO invoiceline VALUES (99999, 1, 999999, 0.99, 1)"), "");  // FK to track
}

}  // namespace
}  // namespace cutover::it
