// MySQL/MariaDB spatial columns -> PostgreSQL (issue: "spatial types ->
// PostGIS geometry with SRID when PostGIS exists on the target, else WKB
// bytea by rule"): the target PostgreSQL has PostGIS available
// (scripts/install-deps.sh installs it), cutover creates the extension, every
// value arrives with its SRID and shape, SPATIAL indexes become GiST, and the
// migration's own verification passes over the geometry columns.
// --no-postgis keeps the WKB bytea rule.
#include <fmt/format.h>

#include "mysql_harness.hpp"

namespace cutover::it {
namespace {

class MysqlSpatialTest : public MysqlMigrationTest {
 protected:
  void SetUp() override {
    MysqlMigrationTest::SetUp();
    if (IsSkipped()) return;
    if (pg().scalar("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'") != "1")
      GTEST_SKIP() << "PostGIS is not installed for the test PostgreSQL (scripts/install-deps.sh installs it)";
    my().exec(R"(
      CREATE TABLE places (id int PRIMARY KEY, pt point NOT NULL, area polygon, g geometry,
                           SPATIAL INDEX places_pt (pt));
      INSERT INTO places VALUES
        (1, ST_GeomFromText('POINT(1.5 -2.25)', 4326),
            ST_GeomFromText('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))'), NULL),
        (2, ST_GeomFromText('POINT(0 0)'), NULL,
            ST_GeomFromText('MULTILINESTRING((0 0,1 1),(2 2,3 3.5))', 3857)),
        (3, ST_GeomFromText('POINT(179.999999 -89.5)', 4326), NULL,
            ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))', 0));)");
  }
  std::string pg1(const std::string& sql) { return pg().scalar(sql).value_or("NULL"); }
  std::string my1(const std::string& sql) { return my().scalar(sql).value_or("NULL"); }
};

TEST_F(MysqlSpatialTest, SpatialColumnsBecomePostgisGeometryWithTheirSrid) {
  CutoverRun r = migrate_mysql();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "places")["status"], "ok");
  EXPECT_EQ(r.report["totals"].value("mismatches", -1), 0);
  EXPECT_EQ(pg1("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute "
                "WHERE attrelid = 'places'::regclass AND attname IN ('pt', 'area', 'g')"),
            "geometry(Point),geometry(Polygon),geometry");
  for (const char* col : {"pt", "area", "g"}) {
    SCOPED_TRACE(col);
    EXPECT_EQ(pg1(fmt::format("SELECT string_agg(coalesce(ST_SRID({0}) || ':' || encode(ST_AsBinary({0}, 'NDR'), 'hex'), "
                              "'null'), ',' ORDER BY id) FROM places", col)),
              my1(fmt::format("SELECT GROUP_CONCAT(IFNULL(CONCAT(ST_SRID({0}), ':', LOWER(HEX(ST_AsBinary({0})))), "
                              "'null') ORDER BY id) FROM places", col)));
  }
  EXPECT_EQ(pg1("SELECT ST_AsText(pt) FROM places WHERE id = 1"), "POINT(1.5 -2.25)");
  EXPECT_EQ(pg1("SELECT indexdef LIKE '%USING gist (pt)' FROM pg_indexes WHERE indexname = 'places_pt'"), "t");
  EXPECT_EQ(pg1("SELECT count(*) FROM places WHERE pt && ST_MakeEnvelope(1, -3, 2, -2, 4326)"), "1");
}

TEST_F(MysqlSpatialTest, NoPostgisKeepsWkbBytea) {
  CutoverRun r = migrate_mysql({"--no-postgis"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(pg1("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'places'::regclass "
                "AND attname = 'pt'"),
            "bytea");
  EXPECT_EQ(pg1("SELECT encode(pt, 'hex') FROM places WHERE id = 1"),
            my1("SELECT LOWER(HEX(ST_AsBinary(pt))) FROM places WHERE id = 1"));
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'"), "0");
  // The values whose SRID the WKB lost: two points (4326) and one geometry (3857).
  EXPECT_EQ(report_table(r.report, "places")["rules"]["mysql.spatial_wkb"], 3);
  std::string warnings = report_table(r.report, "places")["warnings"].dump();
  EXPECT_NE(warnings.find("spatial index places_pt is not migrated"), std::string::npos) << warnings;
}

}  // namespace
}  // namespace cutover::it
