// The SQL Server adapter's session (src/sources/mssql/mssql_session.hpp)
// against the TDS test server through the real FreeTDS ODBC driver: login,
// the session setup (TEXTSIZE), streaming, bounded value reads, errors with
// SQLSTATE and native codes, and no password in any message.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "fixtures.hpp"
#include "sources/mssql/mssql_session.hpp"
#include "tds_fixture.hpp"

namespace tdstest {
namespace {

using cutover::mssql::ConnectionConfig;
using cutover::mssql::Session;

class MssqlSession : public TdsServerTest {
 protected:
  static ConnectionConfig config(const std::string& password = k_test_password,
                                 const std::string& database = "cutover") {
    std::string url = real_server() ? std::getenv("CUTOVER_TEST_MSSQL_URL")
                                    : fmt::format("mssql://{}:{}@127.0.0.1:{}/{}", k_test_user, password,
                                                  server().port(), database);
    auto c = cutover::mssql::parse_mssql_url(url, nullptr);
    EXPECT_TRUE(c) << c.error().describe();
    return *c;
  }
};

TEST_F(MssqlSession, OpensWithTextsizeUnlimited) {
  TDS_TEST_SERVER_ONLY();
  auto s = Session::open(config());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_FALSE(s->server_version().empty());
  std::vector<std::string> row;
  auto st = s->query("-- cutover:session\nSELECT 1", [&](cutover::mssql::Statement& r) {
    for (int i = 1; i <= 2; ++i) row.push_back(r.text(i).value().value_or("NULL"));
    return true;
  });
  ASSERT_TRUE(st) << st.error().describe();
  EXPECT_EQ(row, (std::vector<std::string>{"cutover", "2147483647"}));
}

TEST_F(MssqlSession, ReadsMaxValuesWholeInBoundedPieces) {
  auto s = Session::open(config());
  ASSERT_TRUE(s) << s.error().describe();
  auto v = s->query_value("SELECT [nvcmax] FROM [dbo].[type_zoo] WHERE [id] = 3");
  ASSERT_TRUE(v) << v.error().describe();
  if (!real_server()) {
    EXPECT_EQ(v->value(), zoo_long_text(100'000));
  }
  auto st = s->query("SELECT [nvcmax] FROM [dbo].[type_zoo] WHERE [id] = 3", [](cutover::mssql::Statement& r) {
    auto cut = r.pieces(1, SQL_C_CHAR, 1000);
    EXPECT_FALSE(cut);
    if (!cut) {
      EXPECT_EQ(cut.error().kind, cutover::ErrorKind::data);
    }
    return false;
  });
  EXPECT_TRUE(st);
}

TEST_F(MssqlSession, StreamsTheBigTable) {
  TDS_TEST_SERVER_ONLY();
  auto s = Session::open(config());
  ASSERT_TRUE(s) << s.error().describe();
  std::int64_t n = 0, sum = 0;
  auto st = s->query("SELECT [id] FROM [dbo].[big_table] WHERE [id] >= 1 AND [id] < 10001 ORDER BY [id]",
                     [&](cutover::mssql::Statement& r) {
                       ++n;
                       sum += r.integer(1).value().value_or(0);
                       return true;
                     });
  ASSERT_TRUE(st) << st.error().describe();
  EXPECT_EQ(n, 10000);
  EXPECT_EQ(sum, 10000LL * 10001 / 2);
}

TEST_F(MssqlSession, WrongPasswordIsAConnectErrorWithoutThePassword) {
  TDS_TEST_SERVER_ONLY();
  auto s = Session::open(config("Wr0ng-Secret"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, cutover::ErrorKind::connect);
  EXPECT_EQ(s.error().native_code, 18456) << s.error().describe();
  EXPECT_FALSE(s.error().sqlstate.empty());
  EXPECT_EQ(s.error().describe().find("Wr0ng-Secret"), std::string::npos) << s.error().describe();
  EXPECT_NE(s.error().hint.find("password"), std::string::npos);
}

TEST_F(MssqlSession, ErrorInTheMiddleOfRowsCarriesItsNativeCode) {
  auto s = Session::open(config());
  ASSERT_TRUE(s) << s.error().describe();
  int rows = 0;
  auto st = s->query("SELECT [id], [v] FROM [dbo].[error_rows] ORDER BY [id]", [&](cutover::mssql::Statement&) {
    ++rows;
    return true;
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().native_code, 8115) << st.error().describe();
  EXPECT_EQ(st.error().kind, cutover::ErrorKind::query);
  EXPECT_LE(rows, 5);
  auto again = s->query_value("SELECT COUNT_BIG(*) FROM [dbo].[type_zoo]");
  ASSERT_TRUE(again) << again.error().describe();
}

// The server restarts under an open session (its connection closed): the
// next statement fails, and the error says the connection is lost and that a
// retry on a new one may succeed, whatever FreeTDS calls it.
TEST_F(MssqlSession, AConnectionTheServerClosedIsLostAndRetryable) {
  TDS_TEST_SERVER_ONLY();
  auto s = Session::open(config());
  ASSERT_TRUE(s) << s.error().describe();
  std::uint16_t port = server().port();
  server().stop();
  server().start(port);
  for (const char* sql : {"SET NOCOUNT ON", "SELECT COUNT_BIG(*) FROM [dbo].[type_zoo]"}) {
    auto st = s->execute(sql);
    ASSERT_FALSE(st) << sql;
    std::printf("[ error    ] %s\n", st.error().describe().c_str());
    EXPECT_TRUE(st.error().retryable) << st.error().describe();
    EXPECT_TRUE(st.error().poisons_connection) << st.error().describe();
    EXPECT_EQ(st.error().kind, cutover::ErrorKind::connect) << st.error().describe();
  }
  auto again = Session::open(config());
  ASSERT_TRUE(again) << again.error().describe();
}

TEST(MssqlDriver, FoundUnderUsrLib) {
  auto d = cutover::mssql::find_freetds_driver();
  ASSERT_TRUE(d) << d.error().describe();
  EXPECT_NE(d->find("libtdsodbc.so"), std::string::npos);
}

TEST(MssqlQuoting, IdentifiersAndStrings) {
  EXPECT_EQ(cutover::mssql::quote_identifier("a]b"), "[a]]b]");
  EXPECT_EQ(cutover::mssql::quote_string("it's"), "N'it''s'");
}

}  // namespace
}  // namespace tdstest
