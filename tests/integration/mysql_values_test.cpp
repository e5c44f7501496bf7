// MySQL/MariaDB -> PostgreSQL end to end: hostile values of every type at
// their extremes, NULLs, zero and partial dates, several charsets, NUL
// bytes; every value compared in PostgreSQL against the expected text.
#include <fmt/format.h>

#include "mysql_harness.hpp"

namespace cutover::it {
namespace {

using Strings = std::vector<std::string>;

class MysqlValuesTest : public MysqlMigrationTest {
 protected:
  Strings col(const std::string& table, const std::string& expr) {
    return column(fmt::format("SELECT ({})::text FROM {} ORDER BY id", expr, table));
  }
};

TEST_F(MysqlValuesTest, NumbersAtTheirExtremes) {
  my().exec(R"(
    CREATE TABLE n (id int PRIMARY KEY, ti tinyint, tiu tinyint unsigned, si smallint, siu smallint unsigned,
      mi mediumint, miu mediumint unsigned, i int, iu int unsigned, bi bigint, biu bigint unsigned,
      dec65 decimal(65,30), dec0 decimal(20,0) unsigned, f float, d double, y year, b1 bit(1), b64 bit(64), b5 bit(5));
    INSERT INTO n VALUES
     (1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615,
      99999999999999999999999999999999999.999999999999999999999999999999, 99999999999999999999,
      3.4028234e38, 1.7976931348623157e308, 2155, b'1', b'1111111111111111111111111111111111111111111111111111111111111111', b'10101'),
     (2, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
      -99999999999999999999999999999999999.999999999999999999999999999999, 0,
      1.1754944e-38, -2.2250738585072014e-308, 1901, b'0', b'0', b'00000'),
     (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
     (4, 0, 1, 0, 1, 0, 1, 0, 1, 0, 9223372036854775808, 0.000000000000000000000000000001, 1, 16777217, 0.1, 0, b'1', b'1', b'00001');
  )");
  CutoverRun r = migrate_mysql();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(col("n", "ti"), (Strings{"127", "-128", "NULL", "0"}));
  EXPECT_EQ(col("n", "tiu"), (Strings{"255", "0", "NULL", "1"}));
  EXPECT_EQ(col("n", "siu"), (Strings{"65535", "0", "NULL", "1"}));
  EXPECT_EQ(col("n", "miu"), (Strings{"16777215", "0", "NULL", "1"}));
  EXPECT_EQ(col("n", "iu"), (Strings{"4294967295", "0", "NULL", "1"}));
  EXPECT_EQ(col("n", "bi"), (Strings{"9223372036854775807", "-9223372036854775808", "NULL", "0"}));
  EXPECT_EQ(col("n", "biu"), (Strings{"18446744073709551615", "0", "NULL", "9223372036854775808"}));
  EXPECT_EQ(col("n", "dec65"), (Strings{"99999999999999999999999999999999999.999999999999999999999999999999",
                                        "-99999999999999999999999999999999999.999999999999999999999999999999", "NULL",
                                        "0.000000000000000000000000000001"}));
  EXPECT_EQ(col("n", "dec0"), (Strings{"99999999999999999999", "0", "NULL", "1"}));
  EXPECT_EQ(col("n", "f"), (Strings{"3.4028235e+38", "1.1754944e-38", "NULL", "1.6777216e+07"}));
  EXPECT_EQ(col("n", "d"), (Strings{"1.7976931348623157e+308", "-2.2250738585072014e-308", "NULL", "0.1"}));
  EXPECT_EQ(col("n", "y"), (Strings{"2155", "1901", "NULL", "0"}));
  EXPECT_EQ(col("n", "b1"), (Strings{"true", "false", "NULL", "true"}));
  EXPECT_EQ(col("n", "b64"), (Strings{std::string(64, '1'), std::string(64, '0'), "NULL", std::string(63, '0') + "1"}));
  EXPECT_EQ(col("n", "b5"), (Strings{"10101", "00000", "NULL", "00001"}));
  EXPECT_EQ(column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'n'::regclass "
                   "AND attname IN ('tiu', 'siu', 'iu', 'biu', 'b5') ORDER BY attnum"),
            (Strings{"smallint", "integer", "bigint", "numeric(20,0)", "bit(5)"}));
  EXPECT_EQ(report_column(r.report, "n", "biu")["rule"], "mysql.unsigned_widen");
}

TEST_F(MysqlValuesTest, DatesTimesAndZeroDates) {
  my().exec(R"(
    CREATE TABLE t (id int PRIMARY KEY, d date, dt datetime(6) NOT NULL, ts timestamp(6) NULL, tm time(6), tod time,
                    flag tinyint(1), small tinyint(1));
    INSERT INTO t VALUES
     (1, '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', '838:59:59.000000', '23:59:59', 1, 2),
     (2, '1000-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '-838:59:59', '00:00:00', 0, -1),
     (3, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', NULL, NULL, NULL, NULL),
     (4, '2020-00-15', '2020-05-00 10:00:00', NULL, '00:00:00.5', '12:30:00', 1, 0),
     (5, '0009-12-04', '0009-12-04 12:00:00.000001', '2024-02-29 12:00:00', '-00:00:01', '06:00:00', 0, 1);
  )");
  CutoverRun r = migrate_mysql();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(col("t", "d"), (Strings{"9999-12-31", "1000-01-01", "NULL", "NULL", "0009-12-04"}));
  EXPECT_EQ(col("t", "dt"), (Strings{"9999-12-31 23:59:59.999999", "1000-01-01 00:00:00", "NULL", "NULL",
                                     "0009-12-04 12:00:00.000001"}));
  EXPECT_EQ(col("t", "ts"), (Strings{"2038-01-19 03:14:07.999999+00", "1970-01-01 00:00:01+00", "NULL", "NULL",
                                     "2024-02-29 12:00:00+00"}));
  EXPECT_EQ(col("t", "extract(epoch from tm)"), (Strings{"3020399.000000", "-3020399.000000", "NULL", "0.500000",
                                                         "-1.000000"}));
  EXPECT_EQ(col("t", "tod"), (Strings{"23:59:59", "00:00:00", "NULL", "12:30:00", "06:00:00"}));
  EXPECT_EQ(col("t", "flag"), (Strings{"true", "false", "NULL", "true", "false"}));
  EXPECT_EQ(col("t", "small"), (Strings{"2", "-1", "NULL", "0", "1"}));
  const auto& table = report_table(r.report, "t");
  EXPECT_EQ(table["rules"]["mysql.zero_date"], 5);
  EXPECT_EQ(report_column(r.report, "t", "dt")["not_null"], false);
  EXPECT_EQ(report_column(r.report, "t", "tm")["type"], "interval");
  EXPECT_EQ(report_column(r.report, "t", "tod")["type"], "time(0)");
  EXPECT_EQ(report_column(r.report, "t", "ts")["type"], "timestamptz(6)");
  bool warned = false;
  for (const auto& w : table["warnings"]) warned = warned || w.get<std::string>().starts_with("column dt: NOT NULL dropped");
  EXPECT_TRUE(warned) << table["warnings"].dump();
}

TEST_F(MysqlValuesTest, CharsetsBinaryJsonEnumSetAndNul) {
  my().exec(R"(
    CREATE TABLE s (id int PRIMARY KEY, l1 varchar(20) CHARACTER SET latin1, u8 varchar(20) CHARACTER SET utf8mb3,
      u4 text CHARACTER SET utf8mb4, bin varbinary(8), fixed binary(4), blb longblob, c char(5),
      e enum('a','b c','it''s'), st set('x','y','z'), j json, `Mixed Case` int);
    INSERT INTO s VALUES
     (1, 'caf\xE9 na\xEFve', 'Zoë Ωmega', 'emoji 😀 𝄞', x'00FF10', x'01', x'DEADBEEF00', 'ab  ', 'it''s', 'x,z',
      '{"a": [1, 2.5, null], "b": "\\u00e9"}', 7),
     (2, '', '', '', '', '', '', '', 'b c', '', '[]', NULL),
     (3, NULL, NULL, 'tab\there\nnl', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
     (4, 'x', 'y', CONCAT('nul', CHAR(0), 'inside'), NULL, NULL, NULL, NULL, 'a', 'x,y,z', 'null', -1);
  )");
  my().exec("UPDATE s SET l1 = CONVERT(_latin1 x'636166E9206E61EF7665' USING latin1) WHERE id = 1");
  CutoverRun r = migrate_mysql({"--nul-policy", "strip"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(col("s", "l1"), (Strings{"café naïve", "", "NULL", "x"}));
  EXPECT_EQ(col("s", "u8"), (Strings{"Zoë Ωmega", "", "NULL", "y"}));
  EXPECT_EQ(col("s", "u4"), (Strings{"emoji 😀 𝄞", "", "tab\there\nnl", "nulinside"}));
  EXPECT_EQ(col("s", "bin"), (Strings{"\\x00ff10", "\\x", "NULL", "NULL"}));
  EXPECT_EQ(col("s", "fixed"), (Strings{"\\x01000000", "\\x00000000", "NULL", "NULL"}));
  EXPECT_EQ(col("s", "blb"), (Strings{"\\xdeadbeef00", "\\x", "NULL", "NULL"}));
  EXPECT_EQ(col("s", "c"), (Strings{"ab", "", "NULL", "NULL"}));
  EXPECT_EQ(col("s", "e"), (Strings{"it's", "b c", "NULL", "a"}));
  EXPECT_EQ(col("s", "st"), (Strings{"{x,z}", "{}", "NULL", "{x,y,z}"}));
  EXPECT_EQ(report_column(r.report, "s", "st")["type"], "text[]");
  EXPECT_EQ(column("SELECT coalesce(array_length(st, 1), 0)::text FROM s WHERE st IS NOT NULL ORDER BY id"),
            (Strings{"2", "0", "3"}));
  EXPECT_EQ(col("s", "j"), (Strings{"{\"a\": [1, 2.5, null], \"b\": \"é\"}", "[]", "NULL", "null"}));
  EXPECT_EQ(col("s", "\"mixed case\""), (Strings{"7", "NULL", "NULL", "-1"}));
  EXPECT_EQ(report_table(r.report, "s")["rules"]["nul_in_text.strip"], 1);
  EXPECT_EQ(report_column(r.report, "s", "j")["type"], "jsonb");
  // The enum CHECK exists and holds.
  EXPECT_NE(pg().error_of("INSERT INTO s (id, e) VALUES (9, 'zzz')"), "");
}

// --enum-as type: a PostgreSQL enum type per enum column (labels in order,
// no CHECK); set members with spaces and quotes arrive as array elements.
TEST_F(MysqlValuesTest, EnumAsTypeAndSetMembers) {
  my().exec(R"(
    CREATE TABLE t (id int PRIMARY KEY, e enum('b c','a','it''s') NOT NULL, st set('x','y z','q"b'));
    INSERT INTO t VALUES (1, 'it''s', 'x,y z,q"b'), (2, 'b c', 'q"b'), (3, 'a', NULL);
  )");
  CutoverRun r = migrate_mysql({"--enum-as", "type", "--chunk-rows", "1"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(column("SELECT e::text FROM t ORDER BY id"), (Strings{"it's", "b c", "a"}));
  EXPECT_EQ(column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND "
                   "attname = 'e'"),
            Strings{"t_e"});
  EXPECT_EQ(column("SELECT enum_range(NULL::t_e)::text"), Strings{"{\"b c\",a,it's}"});
  EXPECT_EQ(column("SELECT id::text FROM t ORDER BY e"), (Strings{"2", "3", "1"}));  // label order, as in MySQL
  EXPECT_EQ(column("SELECT count(*)::text FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c'"),
            Strings{"0"});
  EXPECT_NE(pg().error_of("INSERT INTO t (id, e) VALUES (9, 'zzz')"), "");
  EXPECT_EQ(report_column(r.report, "t", "e")["rule"], "enum_type");
  EXPECT_EQ(column("SELECT coalesce(st::text, 'NULL') FROM t ORDER BY id"),
            (Strings{"{x,\"y z\",\"q\\\"b\"}", "{\"q\\\"b\"}", "NULL"}));
  EXPECT_EQ(column("SELECT st[2] FROM t WHERE id = 1"), Strings{"y z"});
}

// Values read by the binary protocol start in small buffers: long ones
// (a 3 MB blob, text past the first buffer) between short ones arrive whole,
// and so do the rows after them.
TEST_F(MysqlValuesTest, LongValuesBetweenShortOnesArriveWhole) {
  my().exec(R"(
    CREATE TABLE lv (id int PRIMARY KEY, t longtext, b longblob, n int);
    INSERT INTO lv VALUES (1, 'short', x'01', 1), (2, REPEAT('é', 70), REPEAT(x'AB', 3000000), 2),
      (3, 'x', x'', 3), (4, REPEAT('z', 100000), x'02', 4), (5, NULL, NULL, NULL);
  )");
  CutoverRun r = migrate_mysql();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(col("lv", "coalesce(md5(t), 'NULL')"),
            (Strings{"4f09daa9d95bcb166a302407a0e0babe", fmt::format("{}", column("SELECT md5(repeat('é', 70))")[0]),
                     "9dd4e461268c8034f5c8564e155c67a6", fmt::format("{}", column("SELECT md5(repeat('z', 100000))")[0]),
                     "NULL"}));
  EXPECT_EQ(col("lv", "coalesce(length(b) || ':' || md5(b), 'NULL')"),
            (Strings{"1:" + column("SELECT md5('\\x01'::bytea)")[0],
                     "3000000:" + column("SELECT md5(decode(repeat('ab', 3000000), 'hex'))")[0],
                     "0:" + column("SELECT md5(''::bytea)")[0], "1:" + column("SELECT md5('\\x02'::bytea)")[0], "NULL"}));
  EXPECT_EQ(col("lv", "n"), (Strings{"1", "2", "3", "4", "NULL"}));
}

TEST_F(MysqlValuesTest, NulBytesRejectedByDefaultWithTheRowKey) {
  my().exec("CREATE TABLE r (id int PRIMARY KEY, t text); INSERT INTO r VALUES (1, 'ok'), (2, CONCAT('a', CHAR(0)))");
  CutoverRun r = migrate_mysql();
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  EXPECT_EQ(column("SELECT id::text FROM r ORDER BY id"), Strings{"1"});
  auto rejects = read_json_lines(report_table(r.report, "r")["reject_file"].get<std::string>());
  ASSERT_EQ(rejects.size(), 1U);
  EXPECT_EQ(rejects[0]["key"], "id=2");
  EXPECT_EQ(rejects[0]["rule"], "nul_in_text");
}

}  // namespace
}  // namespace cutover::it
