// The extras fixture (tests/tds/fixtures/extras.sql: identity with seed and
// increment in a non-dbo schema, computed columns, money extremes,
// datetimeoffset ±14:00, uniqueidentifier keys, nvarchar(max) beyond one PLP
// chunk, xml, sql_variant, hierarchyid, geometry and geography, rowversion,
// defaults, a sequence, MS_Description) migrated once through FreeTDS ODBC
// with 3-row chunks on two jobs, --keep-offset and rowversion dropped by a
// cast: every value exact (or as the documented mapping says:
// docs/types-mssql.md), the DDL, and the report's rules and warnings.
#include <fmt/format.h>

#include <algorithm>

#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> strings(const nlohmann::json& array) {
  std::vector<std::string> out;
  for (const auto& s : array) out.push_back(s.get<std::string>());
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& text) {
  return std::ranges::any_of(list, [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

class MssqlExtrasTest : public MssqlSharedMigrationTest {
 public:
  static void SetUpTestSuite() {
    set_up_suite("extras", extras_script(), {"--chunk-rows", "3", "-j", "2", "--keep-offset", "--cast",
                                                                    "mssql:rowversion=drop"});
  }
  static void TearDownTestSuite() { tear_down_suite(); }

 protected:
  const tdstest::Database& extras() { return *fixtures().find_database("extras"); }
  // The target of a fixture table: dbo -> public, hr -> hr.
  static std::string target_of(const tdstest::Table& t) {
    return (t.schema == "dbo" ? "public" : lower(t.schema)) + "." + lower(t.name);
  }
  const nlohmann::json& table_report(const std::string& name) { return report_table(shared_run().report, name); }
};

TEST_F(MssqlExtrasTest, EveryValueArrivesExact) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(shared_run().report["status"], "ok");
  ASSERT_EQ(extras().tables.size(), 8u);
  for (const tdstest::Table& t : extras().tables)
    if (t.name != "Place") expect_table_matches(t, target_of(t));  // spatial values: SpatialValuesAsPostgis
  EXPECT_EQ(shared_run().report["totals"]["rows_copied"], 5 + 8 + 6 + 4 + 5 + 3 + 5 + 7);
}

TEST_F(MssqlExtrasTest, TypesFollowTheDocumentedMapping) {
  ASSERT_TRUE(shared_run_ok());
  std::vector<std::pair<std::string, std::string>> want = {
      {"hr.department.budget", "numeric(19,4)"},     {"hr.department.node", "text"},
      {"hr.employee.employeekey", "uuid"},            {"hr.employee.bonus", "numeric(10,4)"},
      {"hr.employee.hiredat", "timestamp with time zone"}, {"hr.employee.annualcost", "numeric(19,4)"},
      {"hr.employee.initials", "character varying(80)"},   {"public.document.body", "text"},
      {"public.document.payload", "xml"},             {"public.setting.value", "text"},
      {"public.ticket.touched", "timestamp(6) without time zone"}, {"public.setting.value_type", "text"},
      {"hr.employee.hiredat_offset", "smallint"},     {"public.place.shape", "geometry"},
      {"public.place.location", "geography"}};
  for (const auto& [column, type] : want) {
    std::size_t dot = column.rfind('.');
    EXPECT_EQ(target_type(column.substr(0, dot), column.substr(dot + 1)), type) << column;
  }
}

// The byte order of uniqueidentifier: KeyBytes holds the 16 bytes SQL Server
// stores for each key (CAST(key AS varbinary(16)), Microsoft's documented
// example 6F9619FF-8B86-D011-B42D-00C04FC964FF = 0xFF19966F868B11D0B42D00C04FC964FF):
// the first three groups little-endian. The uuid on the target must read the same.
TEST_F(MssqlExtrasTest, UniqueidentifierKeysKeepTheirPrintedForm) {
  ASSERT_TRUE(shared_run_ok());
  Rows rows = db().query(
      "SELECT employeekey::text, (SELECT string_agg(substr(h, p, 2), '' ORDER BY o) FROM (VALUES "
      "(1, 7), (2, 5), (3, 3), (4, 1), (5, 11), (6, 9), (7, 15), (8, 13), (9, 17), (10, 19), (11, 21), (12, 23), "
      "(13, 25), (14, 27), (15, 29), (16, 31)) AS v(o, p)) FROM (SELECT employeekey, encode(keybytes, 'hex') AS h "
      "FROM hr.employee WHERE keybytes IS NOT NULL) e ORDER BY 1");
  ASSERT_EQ(rows.size(), 6u);
  for (const Row& r : rows) EXPECT_EQ(r[0]->substr(0, 8) + r[0]->substr(9, 4) + r[0]->substr(14, 4) +
                                          r[0]->substr(19, 4) + r[0]->substr(24), *r[1]);
  EXPECT_EQ(db().scalar("SELECT firstname FROM hr.employee WHERE employeekey = "
                        "'6f9619ff-8b86-d011-b42d-00c04fc964ff'"),
            "Ana");
  // 3-row chunks of the uniqueidentifier key, sampled in SQL Server's order.
  EXPECT_EQ(chunk_rows("hr.employee"), (std::vector<std::int64_t>{3, 3, 2}));
}

TEST_F(MssqlExtrasTest, IdentityKeepsSeedAndIncrementAndContinuesPastTheLastValue) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(db().scalar("SELECT string_agg(departmentid::text, ',' ORDER BY departmentid) FROM hr.department"),
            "1000,1010,1030,1040,1050");
  EXPECT_EQ(db().scalar("SELECT seqstart::text || ',' || seqincrement::text FROM pg_sequence WHERE seqrelid = "
                        "pg_get_serial_sequence('hr.department', 'departmentid')::regclass"),
            "1000,10");
  db().exec("BEGIN");
  // SQL Server's last value is 1060 (deleted): the next is 1070, as there.
  EXPECT_EQ(db().scalar("INSERT INTO hr.department (name) VALUES ('New') RETURNING departmentid::text || ',' || "
                        "budget::text"),
            "1070,0.0000");
  EXPECT_EQ(db().scalar("INSERT INTO ledger (amount, fee) VALUES (1, 1) RETURNING entryid"), "7");
  db().exec("ROLLBACK");
}

// IDENTITY(100, -5) with 100, 95, 90 left and 85 (the last) deleted: the
// target's identity counts down too, from below both.
TEST_F(MssqlExtrasTest, DescendingIdentityContinuesBelowTheLastValue) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(db().scalar("SELECT string_agg(step::text, ',' ORDER BY step DESC) FROM countdown"), "100,95,90");
  EXPECT_EQ(db().scalar("SELECT seqstart::text || ',' || seqincrement::text FROM pg_sequence WHERE seqrelid = "
                        "pg_get_serial_sequence('public.countdown', 'step')::regclass"),
            "100,-5");
  db().exec("BEGIN");
  EXPECT_EQ(db().scalar("INSERT INTO countdown (label) VALUES ('six') RETURNING step"), "80");
  EXPECT_EQ(db().scalar("INSERT INTO countdown (label) VALUES ('five') RETURNING step"), "75");
  db().exec("ROLLBACK");
}

TEST_F(MssqlExtrasTest, ComputedColumnsAreGeneratedOrCopiedWithAWarning) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(db().scalar("SELECT attgenerated::text FROM pg_attribute WHERE attrelid = 'hr.employee'::regclass AND "
                        "attname = 'annualcost'"),
            "s");
  EXPECT_EQ(db().scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'hr.employee'::regclass "
                        "AND adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = adrelid AND attname = "
                        "'annualcost')"),
            "((salary * (12)::numeric) + COALESCE(bonus, (0)::numeric))");
  EXPECT_EQ(db().scalar("SELECT attgenerated::text FROM pg_attribute WHERE attrelid = 'hr.employee'::regclass AND "
                        "attname = 'initials'"),
            "");
  auto warnings = strings(table_report("Employee")["warnings"]);
  EXPECT_TRUE(contains(warnings, "column Initials: generated expression '(left([FirstName],(1))+left([LastName],(1)))' "
                                 "is copied as plain values (it does not translate)"))
      << table_report("Employee")["warnings"].dump();
  db().exec("BEGIN");
  EXPECT_EQ(db().scalar("UPDATE hr.employee SET bonus = 1 WHERE firstname = 'Bo' RETURNING annualcost::text"),
            "768004.0000");
  db().exec("ROLLBACK");
}

TEST_F(MssqlExtrasTest, LossyRulesAreCountedPerValue) {
  ASSERT_TRUE(shared_run_ok());
  // 7th fraction digits: .9999999, .0000001, .1234567, .9999999 (9999-12-31).
  const auto& employee = table_report("Employee")["rules"];
  EXPECT_EQ(employee.value("mssql.fraction_rounded", 0), 4) << employee.dump();
  // --keep-offset: the offsets are in hiredat_offset, none is lost.
  EXPECT_EQ(employee.value("mssql.datetimeoffset_offset", 0), 0) << employee.dump();
  EXPECT_EQ(db().scalar("SELECT string_agg(firstname || '=' || hiredat_offset, ' ' ORDER BY firstname COLLATE \"C\") "
                        "FROM hr.employee"),
            "Ana=840 Bo=-840 Chloé=345 Eun-ji=-840 Frank=0 Gül=180 Hana=60 Đorđe=840");
  // The original local time comes back from the instant and the offset.
  EXPECT_EQ(db().scalar("SELECT (hiredat AT TIME ZONE 'UTC' + make_interval(mins => hiredat_offset))::text FROM "
                        "hr.employee WHERE firstname = 'Chloé'"),
            "2024-06-30 12:00:00.123457");
  // sql_variant values as text, datetime to the millisecond and money to 4
  // decimals (not CONVERT's default style), their base type beside them:
  // nothing lost, nothing counted.
  EXPECT_EQ(table_report("Setting")["rules"].value("mssql.sql_variant_text", 0), 0);
  EXPECT_EQ(db().scalar("SELECT string_agg(name || '=' || coalesce(value, 'NULL') || ' (' || coalesce(value_type, "
                        "'NULL') || ')', '; ' ORDER BY name) FROM setting"),
            "Fee=12.3456 (money); Greeting=Grüß Gott 😀 (nvarchar); LaunchDate=2024-03-01 09:30:17.123 (datetime); "
            "MaxUsers=250 (int); ReminderAt=2024-03-01 18:45:00 (smalldatetime); TaxRate=0.0825 (decimal); "
            "Unset=NULL (NULL)");
  EXPECT_EQ(db().scalar("SELECT hiredat::text FROM hr.employee WHERE firstname = 'Ana'"), "2024-02-29 10:00:00+00");
}

// geometry and geography as PostGIS types (the test PostgreSQL has PostGIS),
// read on the server as WKB and SRID, each value with its own SRID.
TEST_F(MssqlExtrasTest, SpatialValuesAsPostgis) {
  ASSERT_TRUE(shared_run_ok());
  Rows rows = db().query("SELECT placeid::text, ST_AsEWKT(shape), ST_AsEWKT(location::geometry) FROM place ORDER BY "
                         "placeid");
  EXPECT_EQ(rows, (Rows{{"1", "SRID=4326;POINT(1 2)", "SRID=4326;POINT(-122.35 47.65)"},
                        {"2", "LINESTRING(0 0,1 1,2 1)", "SRID=4326;LINESTRING(-122.36 47.656,-122.343 47.656)"},
                        {"3", "SRID=3857;POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))", std::nullopt},
                        {"4", std::nullopt, std::nullopt},
                        {"5", "SRID=4326;POLYGON((0 0,3 0,3 3,0 3,0 0))",
                         "SRID=4326;POLYGON((-122.358 47.653,-122.348 47.649,-122.348 47.658,-122.358 47.658,"
                         "-122.358 47.653))"}}));
  EXPECT_EQ(report_column(shared_run().report, "Place", "Shape")["rule"], "mssql.spatial_postgis");
  EXPECT_EQ(report_column(shared_run().report, "Place", "Location")["type"], "geography");
  EXPECT_EQ(table_report("Place")["verify"]["target_checksum"], table_report("Place")["checksum"]);
}

// --cast mssql:rowversion=drop: the column is not created, and the report
// names it (a lossy rule, counted per value not copied).
TEST_F(MssqlExtrasTest, RowversionDroppedByRule) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.place'::regclass AND attnum > 0"),
            "4");
  EXPECT_TRUE(db().query("SELECT 1 FROM pg_attribute WHERE attrelid = 'public.place'::regclass AND attname = "
                         "'version'").empty());
  const auto& version = report_column(shared_run().report, "Place", "Version");
  EXPECT_EQ(version["rule"], "drop");
  EXPECT_EQ(version["dropped"], true);
  EXPECT_TRUE(version["target"].is_null());
  EXPECT_EQ(version["lossy"], true);
  EXPECT_EQ(table_report("Place")["rules"].value("drop", 0), 5) << table_report("Place")["rules"].dump();
}

TEST_F(MssqlExtrasTest, LargeTextXmlAndHierarchyid) {
  ASSERT_TRUE(shared_run_ok());
  // Far beyond the test server's 1000-byte PLP chunks, with surrogate pairs.
  EXPECT_EQ(db().scalar("SELECT length(body)::text || ',' || octet_length(body)::text || ',' || "
                        "length(summary)::text FROM document WHERE title = 'Long letter'"),
            "42000,64000,18000");
  // REPLICATE of a non-(max) string stops at 8000 bytes, as in SQL Server.
  EXPECT_EQ(db().scalar("SELECT length(body)::text || ',' || length(summary)::text FROM document WHERE title = "
                        "'Capped at 4000'"),
            "2667,8000");
  // SQL Server does not keep the XML declaration (UTF-16 here).
  EXPECT_EQ(db().scalar("SELECT payload::text FROM document WHERE title = 'Long letter'"),
            "<invoice lang=\"de\"><item sku=\"A-1\">Grüße 😀</item></invoice>");
  EXPECT_EQ(db().scalar("SELECT string_agg(coalesce(node, 'NULL'), ' ' ORDER BY departmentid) FROM hr.department"),
            "/ /1/ /1/1/ /1/0.5/ /-1/3.-2.7/80/");
  EXPECT_EQ(report_column(shared_run().report, "Department", "Node")["rule"], "mssql.hierarchyid_text");
}

TEST_F(MssqlExtrasTest, DefaultsSequencesForeignKeysIndexesAndComments) {
  ASSERT_TRUE(shared_run_ok());
  Rows defaults = db().query(
      "SELECT table_name || '.' || column_name, column_default FROM information_schema.columns WHERE table_schema "
      "IN ('public', 'hr') AND column_default IS NOT NULL AND is_identity = 'NO' ORDER BY 1");
  EXPECT_EQ(defaults, (Rows{{"department.budget", "0"},
                            {"employee.created", "LOCALTIMESTAMP"},
                            {"employee.employeekey", "gen_random_uuid()"},
                            {"ticket.opened", "LOCALTIMESTAMP"},
                            {"ticket.reference", "gen_random_uuid()"},
                            {"ticket.ticketno", "nextval('ticketnumbers'::regclass)"},
                            {"ticket.touched", "LOCALTIMESTAMP"}}));
  EXPECT_TRUE(strings(shared_run().report["not_migrated"]).empty()) << shared_run().report["not_migrated"].dump();
  EXPECT_EQ(db().scalar("SELECT string_agg(ticketno::text, ',' ORDER BY ticketno) FROM ticket"), "5000,5005,5010,5015");
  EXPECT_TRUE(contains(strings(shared_run().report["warnings"]),
                       "INCLUDE column Salary of index IX_Employee_Name on hr.Employee is not carried over"));
  EXPECT_EQ(db_set("SELECT conrelid::regclass::text || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                   "contype IN ('f', 'u') AND connamespace IN ('public'::regnamespace, 'hr'::regnamespace)"),
            (std::set<std::string>{
                "hr.department: FOREIGN KEY (parentid) REFERENCES hr.department(departmentid)",
                "hr.department: UNIQUE (name)",
                "hr.employee: FOREIGN KEY (departmentid) REFERENCES hr.department(departmentid) ON DELETE SET NULL",
                "ticket: FOREIGN KEY (employeekey) REFERENCES hr.employee(employeekey) ON UPDATE CASCADE ON DELETE "
                "CASCADE"}));
  EXPECT_EQ(db_set("SELECT pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE "
                   "c.relname IN ('employee', 'ticket') AND NOT i.indisprimary"),
            (std::set<std::string>{
                "CREATE INDEX ix_employee_name ON hr.employee USING btree (lastname, firstname)",
                "CREATE UNIQUE INDEX ux_employee_keybytes ON hr.employee USING btree (keybytes) WHERE (keybytes IS "
                "NOT NULL)",
                "CREATE INDEX ix_ticket_opened ON public.ticket USING btree (opened DESC)"}));
  EXPECT_EQ(db().scalar("SELECT obj_description('hr.department'::regclass, 'pg_class')"),
            "Departments of the help desk, as a tree");
  EXPECT_EQ(db().scalar("SELECT col_description('hr.department'::regclass, 5)"), "Position in the tree (hierarchyid)");
  EXPECT_EQ(db().scalar("SELECT obj_description('ticket'::regclass, 'pg_class')"),
            "Tickets opened by employees; numbers from dbo.TicketNumbers");
  db().exec("BEGIN");
  db().exec("DELETE FROM hr.employee WHERE firstname = 'Ana'");  // ON DELETE CASCADE takes her ticket
  EXPECT_EQ(db().scalar("SELECT count(*) FROM ticket"), "3");
  db().exec("ROLLBACK");
}

// Sequences continue where SQL Server's would: TicketNumbers gave 5000..5015
// (the next is 5020, also through the NEXT VALUE FOR default); Countdown was
// never used (its next is its start, 3), counts down by 2 and cycles from
// its MINVALUE -4 back to its MAXVALUE 10.
TEST_F(MssqlExtrasTest, SequencesContinueAndTheirDefaultWorks) {
  ASSERT_TRUE(shared_run_ok());
  EXPECT_EQ(db().scalar("SELECT format_type(seqtypid, NULL) || ' ' || seqstart || ' ' || seqincrement || ' ' || "
                        "seqmin || ' ' || seqmax || ' ' || seqcycle FROM pg_sequence WHERE seqrelid = "
                        "'hr.countdown'::regclass"),
            "integer 3 -2 -4 10 true");
  db().exec("BEGIN");
  EXPECT_EQ(db().scalar("INSERT INTO ticket (subject) VALUES ('New') RETURNING ticketno"), "5020");
  EXPECT_EQ(db().scalar("SELECT nextval('public.ticketnumbers')"), "5025");
  EXPECT_EQ(db().scalar("SELECT string_agg(nextval('hr.countdown')::text, ',') FROM generate_series(1, 6)"),
            "3,1,-1,-3,10,8");
  db().exec("ROLLBACK");
}

// A view over two tables (concatenation, ISNULL) and one over that view
// (TOP (2) ... ORDER BY), listed first, created after it.
TEST_F(MssqlExtrasTest, ViewsAreCreatedInTheirSchemasInDependencyOrder) {
  ASSERT_TRUE(shared_run_ok());
  const auto& report = shared_run().report;
  EXPECT_EQ(report["views_not_migrated"].size(), 0u) << report["views_not_migrated"].dump();
  EXPECT_EQ(report["views_created"], (nlohmann::json{"employeedirectory", "latesttickets"}));
  EXPECT_EQ(db().query("SELECT fullname, department, bonus::text FROM hr.employeedirectory ORDER BY fullname LIMIT 2"),
            (Rows{{"Ana Álvarez", "Head Office", "5000.5000"}, {"Bo Øster", "Support", "0"}}));  // COALESCE's
  // numeric has no scale of its own: SQL Server's ISNULL would show the smallmoney 0.0000
  EXPECT_EQ(db().scalar("SELECT count(*) FROM hr.employeedirectory"), "6");  // two have no department
  EXPECT_EQ(db().query("SELECT ticketno::text, fullname FROM public.latesttickets"),
            (Rows{{"5015", "Frank O'Brien"}, {"5005", "Bo Øster"}}));
}

}  // namespace
}  // namespace cutover::it
