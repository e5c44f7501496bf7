// SQL Server -> PostgreSQL through the real FreeTDS ODBC driver: the TDS
// test server (tests/tds/server) runs in this process and serves its
// fixtures; the real cutover binary migrates them into the dev PostgreSQL.
// Every value of the type zoo is compared with what PostgreSQL itself makes
// of the fixture's canonical text cast to the column's target type (an
// oracle independent of the adapter's decoding); every row of the large
// table with the row the server generated.
#include <fmt/format.h>

#include "fixtures.hpp"
#include "mssql_harness.hpp"
#include "spatial.hpp"

namespace cutover::it {
namespace {

std::string without_nul(std::string s) {
  std::erase(s, '\0');
  return s;
}

// "2024-01-05 10:01:00.120" as PostgreSQL prints a timestamp: "…00.12".
std::string pg_timestamp_text(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string show(const Row& row) {
  std::string out;
  for (const Cell& c : row) out += (out.empty() ? "" : "|") + c.value_or("NULL");
  return out;
}

class MssqlMigrateTest : public MssqlMigrationTest {
 protected:
  // A geometry value of the test server (its CLR form) as PostGIS prints
  // it: hex EWKB with the SRID.
  Cell postgis_text(const std::string& clr) {
    tdstest::Spatial s = tdstest::spatial_from_clr(clr, false);
    return pg().scalar(fmt::format("SELECT ST_SetSRID(ST_GeomFromWKB($1::bytea), {})::text", s.srid),
                       {hex_bytea(tdstest::wkb_bytes(s))});
  }
};

TEST_F(MssqlMigrateTest, TypeZooEveryValueExact) {
  CutoverRun r = migrate_mssql({"--tables", "type_zoo", "--nul-policy", "strip"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  tdstest::Table zoo = tdstest::type_zoo_table();
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM type_zoo"), std::to_string(zoo.rows.size()));
  int compared = 0;
  for (std::size_t c = 0; c < zoo.columns.size(); ++c) {
    const std::string& name = zoo.columns[c].name;
    std::string type = target_type("type_zoo", name);
    for (const tdstest::Row& row : zoo.rows) {
      std::string id = std::to_string(std::get<std::int64_t>(row[0]));
      SCOPED_TRACE(fmt::format("type_zoo.{} ({}) id={}", name, type, id));
      Cell actual = pg().scalar(fmt::format("SELECT \"{}\"::text FROM type_zoo WHERE id = {}", name, id));
      Cell in = source_text(row[c], zoo.columns[c].type);
      Cell expected;
      if (in && type == "bytea") expected = hex_bytea(*in);
      else if (in && type == "geometry") expected = postgis_text(*in);
      else if (in) expected = pg().scalar(fmt::format("SELECT CAST($1 AS {})::text", type), {without_nul(*in)});
      EXPECT_EQ(actual, expected);
      ++compared;
    }
  }
  EXPECT_EQ(compared, static_cast<int>(zoo.columns.size() * zoo.rows.size()));
  // The lossy rules are counted per value: 7th fractional digits rounded,
  // offsets lost (no --keep-offset). sql_variant values keep their base type.
  const auto& rules = report_table(r.report, "type_zoo")["rules"];
  EXPECT_GT(rules.value("mssql.fraction_rounded", 0), 0) << rules.dump();
  EXPECT_EQ(rules.value("mssql.sql_variant_text", 0), 0) << rules.dump();
  EXPECT_GT(rules.value("mssql.datetimeoffset_offset", 0), 0) << rules.dump();
  EXPECT_EQ(pg().scalar("SELECT string_agg(coalesce(sv_type, 'NULL'), ',' ORDER BY id) FROM type_zoo"),
            "int,decimal,nvarchar,NULL");
  const auto& zoo_report = report_table(r.report, "type_zoo");
  EXPECT_EQ(zoo_report["verify"]["target_checksum"], zoo_report["checksum"]);
  Rows defaults = pg().query(
      "SELECT column_name::text, column_default FROM information_schema.columns WHERE table_name = 'type_zoo' AND "
      "column_default IS NOT NULL ORDER BY column_name");
  EXPECT_EQ(defaults, (Rows{{"b", "true"}, {"dt_n", "LOCALTIMESTAMP"}, {"g_n", "gen_random_uuid()"}}));
}

// --no-postgis (as without PostGIS on the target): geometry as the WKB
// SQL Server gives (AsBinaryZM, not its CLR bytes), the SRIDs dropped:
// counted per value whose SRID is not 0, and said in a warning.
TEST_F(MssqlMigrateTest, SpatialWithoutPostgisIsWkbBytea) {
  CutoverRun r = migrate_mssql({"--tables", "type_zoo", "--nul-policy", "strip", "--no-postgis"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(target_type("type_zoo", "geo"), "bytea");
  tdstest::Table zoo = tdstest::type_zoo_table();
  std::size_t geo = zoo.columns.size() - 1;
  ASSERT_EQ(zoo.columns[geo].name, "geo");
  for (const tdstest::Row& row : zoo.rows) {
    std::string id = std::to_string(std::get<std::int64_t>(row[0]));
    Cell in = source_text(row[geo], zoo.columns[geo].type);
    Cell expected = in ? Cell(hex_bytea(tdstest::wkb_bytes(tdstest::spatial_from_clr(*in, false)))) : std::nullopt;
    EXPECT_EQ(pg().scalar("SELECT geo::text FROM type_zoo WHERE id = " + id), expected) << "id=" << id;
  }
  const auto& table = report_table(r.report, "type_zoo");
  EXPECT_EQ(table["rules"].value("mssql.spatial_wkb", 0), 2) << table["rules"].dump();  // SRIDs 4326 and 3857
  bool warned = false;
  for (const auto& w : table["warnings"])
    warned = warned || w.get<std::string>().find("column geo: geometry copied as WKB bytea without its SRIDs: "
                                                 "--no-postgis") != std::string::npos;
  EXPECT_TRUE(warned) << table["warnings"].dump();
}

TEST_F(MssqlMigrateTest, BigTableSplitsIntoChunksWithEveryRowExact) {
  CutoverRun r = migrate_mssql({"--tables", "big_table", "--chunk-rows", "10000", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "big_table")["chunks"], 5);
  Rows rows = pg().query("SELECT id::text, grp::text, name, amount::text, created::text FROM big_table ORDER BY big_table.id");
  ASSERT_EQ(rows.size(), static_cast<size_t>(k_big_rows));
  int mismatches = 0;
  for (std::int64_t id = 1; id <= k_big_rows; ++id) {
    tdstest::Row g = tdstest::big_table_row(id);
    Row expected = {std::to_string(id), input_text(g[1]), input_text(g[2]), input_text(g[3]),
                    pg_timestamp_text(*input_text(g[4]))};
    if (rows[static_cast<size_t>(id - 1)] != expected && ++mismatches <= 5)
      ADD_FAILURE() << "big_table row id=" << id << " differs: " << show(rows[static_cast<size_t>(id - 1)])
                    << " != " << show(expected);
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(pg().scalar("SELECT is_identity FROM information_schema.columns WHERE table_name = 'big_table' AND "
                        "column_name = 'id'"),
            "YES");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'big_table' AND indexdef LIKE '%(grp)%'"),
            "1");
  auto next = pg().scalar("INSERT INTO big_table (amount) VALUES (1) RETURNING id");
  ASSERT_TRUE(next);
  EXPECT_GT(std::stoll(*next), k_big_rows);
  EXPECT_EQ(pg().scalar("SELECT grp::text || ',' || (created IS NOT NULL)::text FROM big_table WHERE id = " + *next),
            "0,true");
  EXPECT_NE(pg().error_of("INSERT INTO big_table (amount) VALUES (-1)"), "");
}

TEST_F(MssqlMigrateTest, NulBytesRejectTheRowWithItsKeyByDefault) {
  // Row 3 holds text with NUL bytes (vcmax, nvc); its key is read after the refused column.
  CutoverRun r = migrate_mssql({"--tables", "type_zoo"});
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  EXPECT_EQ(pg().scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM type_zoo"), "1,2,4");
  auto rejects = read_json_lines(report_table(r.report, "type_zoo")["reject_file"].get<std::string>());
  ASSERT_EQ(rejects.size(), 1U);
  EXPECT_EQ(rejects[0]["key"], "id=3");
  EXPECT_EQ(rejects[0]["rule"], "nul_in_text");
}

TEST_F(MssqlMigrateTest, SchemasOtherThanDboKeepTheirNames) {
  CutoverRun r = migrate_mssql({"--tables", "orders"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "orders")["target"], "sales.orders");
  Rows rows = pg().query("SELECT order_id::text, customer, total::text FROM sales.orders ORDER BY customer");
  EXPECT_EQ(rows, (Rows{{"6f9619ff-8b86-d011-b42d-00c04fc964ff", "Ana", "12.5000"},
                        {"00000000-0000-0000-0000-000000000001", "Bo", "7.0000"},
                        {"00000000-0000-0000-0000-010000000000", "Cy", "0.0100"}}));
  EXPECT_EQ(target_type("sales.orders", "total"), "numeric(19,4)");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'sales.orders'::regclass AND "
                        "contype = 'p'"),
            "1");
}

// --ci-collation icu: extras' Setting, keyed by Name nvarchar(50) in the
// server's default SQL_Latin1_General_CP1_CI_AS, chunked by that text key:
// the key compares case-insensitively (accents still count: level 2), the
// run's verification and `cutover verify` are clean.
TEST_F(MssqlMigrateTest, CaseInsensitiveCollationsBecomeANondeterministicIcuCollation) {
  std::vector<std::string> options = {"--tables", "Setting", "--ci-collation", "icu", "--chunk-rows", "3"};
  CutoverRun r = migrate_mssql(options, "extras");
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.report["totals"].value("mismatches", -1), 0);
  EXPECT_GT(report_table(r.report, "Setting")["chunks"].get<int>(), 1);
  const auto& name = report_column(r.report, "Setting", "Name");
  EXPECT_EQ(name["rule"], "ci_collation.icu");
  EXPECT_NE(name["reason"].get<std::string>().find("SQL_Latin1_General_CP1_CI_AS"), std::string::npos) << name;
  EXPECT_EQ(pg().scalar("SELECT c.collname || ' ' || c.colliculocale FROM pg_attribute a JOIN pg_collation c ON "
                        "c.oid = a.attcollation WHERE a.attrelid = 'setting'::regclass AND a.attname = 'name'"),
            "cutover_ci und-u-ks-level2");
  EXPECT_EQ(pg().scalar("SELECT name FROM setting WHERE name = 'MAXUSERS'"), "MaxUsers");
  EXPECT_NE(pg().error_of("INSERT INTO setting (name) VALUES ('taxrate')").find("duplicate key"), std::string::npos);
  std::vector<std::string> args = {"verify", source_url("extras"), target_url(), "--report", dir() + "/v.json", "--quiet"};
  args.insert(args.end(), options.begin(), options.end());
  CutoverRun v = cutover(args);
  ASSERT_EQ(v.exit_code, 0) << describe(v);
  EXPECT_EQ(v.report["totals"]["mismatches"], 0);
}

TEST_F(MssqlMigrateTest, MapSchemaRenamesDboAndOtherSchemas) {
  CutoverRun r = migrate_mssql({"--tables", "big_table,orders", "--map-schema", "DBO=app,sales=crm", "--chunk-rows",
                                "20000"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "big_table")["target"], "app.big_table");
  EXPECT_EQ(report_table(r.report, "orders")["target"], "crm.orders");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM app.big_table"), std::to_string(k_big_rows));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM crm.orders"), "3");
  EXPECT_FALSE(pg().table_exists("public", "big_table"));
  // The identity and the index follow their table into its schema.
  auto next = pg().scalar("INSERT INTO app.big_table (amount) VALUES (1) RETURNING id");
  ASSERT_TRUE(next);
  EXPECT_GT(std::stoll(*next), k_big_rows);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'app' AND tablename = 'big_table'"), "2");
}

TEST_F(MssqlMigrateTest, AnErrorInTheMiddleOfRowsFailsTheTableWithTheServersMessage) {
  CutoverRun r = migrate_mssql({"--tables", "error_rows"});
  EXPECT_NE(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("Arithmetic overflow error"), std::string::npos) << describe(r);
  EXPECT_NE(r.out.find("error_rows"), std::string::npos) << describe(r);
  EXPECT_EQ(r.out.find("Cutover-Test1"), std::string::npos);
  EXPECT_EQ(r.err.find("Cutover-Test1"), std::string::npos);
}

TEST_F(MssqlMigrateTest, WrongPasswordIsALoginErrorWithoutThePassword) {
  std::string url = source_url();
  url.replace(url.find("Cutover-Test1"), 13, "Wr0ng-S3cret");
  CutoverRun r = cutover({"migrate", url, target_url(), "--report", report_path(), "--quiet"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("18456"), std::string::npos) << describe(r);
  EXPECT_EQ((r.out + r.err).find("Wr0ng-S3cret"), std::string::npos) << describe(r);
}

}  // namespace
}  // namespace cutover::it
