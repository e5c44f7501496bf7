// The protocol features the SQL Server adapter relies on, exercised through
// the real FreeTDS ODBC driver: login and its failure, typed sp_executesql
// parameters, several result sets, an error in the middle of rows,
// ATTENTION, SET TEXTSIZE, transactions and isolation, INFO messages,
// packet size and a large streamed table.
#include <fmt/format.h>

#include "fixtures.hpp"
#include "tds_fixture.hpp"

namespace tdstest {
namespace {

using P = OdbcStatement::Param;

P int_param(std::int64_t v) {
  return {SQL_C_SBIGINT, SQL_BIGINT, 0, 0, std::string(reinterpret_cast<char*>(&v), sizeof v)};
}
P text_param(SQLSMALLINT sql_type, std::string v, SQLULEN size, SQLSMALLINT digits = 0) {
  return {SQL_C_CHAR, sql_type, size, digits, std::move(v)};
}

class OdbcProtocol : public TdsServerTest {
 protected:
  // The built-in `-- cutover:session` row: database, textsize, isolation, trancount, packet, user.
  static std::vector<std::string> session(OdbcConnection& c) {
    OdbcStatement s = c.statement();
    s.execute("-- cutover:session\nSELECT 1");
    EXPECT_TRUE(s.fetch());
    std::vector<std::string> out;
    for (int i = 1; i <= 6; ++i) out.push_back(s.text(i).value_or("NULL"));
    return out;
  }
};

TEST_F(OdbcProtocol, LogsInWithTds74AndTheRequestedDatabase) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect("cutover");
  EXPECT_EQ(session(*c), (std::vector<std::string>{"cutover", "-1", "READ COMMITTED", "0",
                                                   "4096", "sa"}));
}

TEST_F(OdbcProtocol, WrongPasswordIsLoginFailed18456) {
  TDS_TEST_SERVER_ONLY();
  std::uint64_t before = server().stats().failed_logins;
  try {
    OdbcConnection c(freetds_connection_string(server().port(), "sa", "wrong"));
    FAIL() << "connected with a wrong password";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.native_error, 18456) << e.what();
    EXPECT_NE(std::string(e.what()).find("Login failed for user 'sa'"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(server().stats().failed_logins, before + 1);
}

TEST_F(OdbcProtocol, UnknownDatabaseIsRefused) {
  EXPECT_THROW(connect("nowhere"), OdbcError);
}

TEST_F(OdbcProtocol, KeyRangeChunkWithTypedParameters) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [id], [name] FROM [dbo].[big_table] WITH (NOLOCK) WHERE [id] >= ? AND "
            "[id] < ? ORDER BY [id]",
            {int_param(500'001), int_param(500'101)});
  std::int64_t n = 0, first = 0, last = 0;
  while (s.fetch()) {
    last = *s.integer(1);
    if (n++ == 0) first = last;
    std::optional<std::string> name = s.text(2);
    EXPECT_EQ(name.has_value(), last % 10 != 0);
  }
  EXPECT_EQ(n, 100);
  EXPECT_EQ(first, 500'001);
  EXPECT_EQ(last, 500'100);
}

TEST_F(OdbcProtocol, NullKeyChunk) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [id] FROM [dbo].[type_zoo] WHERE ([ti_n] IS NULL)");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.integer(1), 4);
  EXPECT_FALSE(s.fetch());
}

TEST_F(OdbcProtocol, ParametersOfEveryKeyType) {
  auto c = connect();
  struct Case {
    std::string sql;
    P param;
    std::int64_t rows;
  };
  std::vector<Case> cases = {
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [nvc] = ?",
       text_param(SQL_WVARCHAR, "Ωmega 😀", 20), 0},
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [vc1251] = ?",
       text_param(SQL_WVARCHAR, "Привет, мир", 50), 1},
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [dec38_10] >= ?",
       text_param(SQL_DECIMAL, "0.0000000001", 38, 10), 2},
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [g_n] = ?",
       text_param(SQL_GUID, "01234567-89AB-CDEF-0123-456789ABCDEF", 36), 1},
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [dt2_7] > ?",
       text_param(SQL_TYPE_TIMESTAMP, "2024-02-29 12:34:56.1234566", 27, 7), 2},
      {"SELECT [order_id] FROM [sales].[orders] WHERE [order_id] > ? ORDER BY [order_id]",
       text_param(SQL_GUID, "00000000-0000-0000-0000-000000000001", 36), 2},
      {"SELECT [id] FROM [dbo].[type_zoo] WHERE [i_n] = ?", int_param(123456), 1},
  };
  for (Case& k : cases) {
    OdbcStatement s = c->statement();
    s.execute(k.sql, {k.param});
    std::int64_t n = 0;
    while (s.fetch()) ++n;
    EXPECT_EQ(n, k.rows) << k.sql << " with " << k.param.data;
  }
}

TEST_F(OdbcProtocol, UniqueidentifierKeysSortInSqlServerOrder) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [order_id] FROM [sales].[orders] ORDER BY [order_id]");
  std::vector<std::string> ids;
  while (s.fetch()) ids.push_back(*s.text(1));
  // The last six bytes weigh most: ...000000000001 < 6F9619FF-...-00C04FC964FF < ...010000000000.
  EXPECT_EQ(ids, (std::vector<std::string>{"00000000-0000-0000-0000-000000000001",
                                           "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                                           "00000000-0000-0000-0000-010000000000"}));
}

TEST_F(OdbcProtocol, SeveralResultSetsInOneBatch) {
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [id] FROM [dbo].[type_zoo]; SELECT [id], [v] FROM [dbo].[error_rows] "
            "WHERE [id] <= 2; SELECT COUNT_BIG(*) FROM [other].[dbo].[things]");
  std::vector<std::int64_t> counts;
  do {
    std::int64_t n = 0;
    while (s.fetch()) ++n;
    counts.push_back(n);
  } while (s.more_results());
  EXPECT_EQ(counts, (std::vector<std::int64_t>{4, 2, 1}));
}

TEST_F(OdbcProtocol, ErrorTokenInTheMiddleOfRows) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [id], [v] FROM [dbo].[error_rows] ORDER BY [id]");
  std::int64_t n = 0;
  try {
    while (s.fetch()) {
      EXPECT_EQ(*s.text(2), fmt::format("row {}", ++n));
    }
    FAIL() << "the error after row 5 was not reported";
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.native_error, 8115) << e.what();
  }
  EXPECT_EQ(n, 5);
  s.close();
  OdbcStatement again = c->statement();  // the connection is still usable
  again.execute("SELECT [id] FROM [dbo].[type_zoo] WHERE [id] = 2");
  EXPECT_TRUE(again.fetch());
}

TEST_F(OdbcProtocol, CancelStopsAStreamingResultWithAttention) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  std::uint64_t before = server().stats().attentions;
  {
    OdbcStatement s = c->statement();
    s.execute("SELECT [id], [grp], [name], [amount], [created] FROM [dbo].[big_table]");
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(s.fetch());
    ASSERT_TRUE(SQL_SUCCEEDED(SQLCancel(s.handle())));
  }
  OdbcStatement s = c->statement();
  s.execute("SELECT [id] FROM [dbo].[type_zoo] WHERE [id] = 3");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.integer(1), 3);
  EXPECT_FALSE(s.fetch());
  EXPECT_EQ(server().stats().attentions, before + 1);
}

TEST_F(OdbcProtocol, TextsizeCutsMaxAndTextValues) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SET TEXTSIZE 100");
  s.close();
  s.execute("SELECT [vcmax], [nvcmax], [vbinmax], [txt], [ntxt], [nvc] FROM [dbo].[type_zoo] "
            "WHERE [id] = 2");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(s.text(1)->size(), 100u);
  EXPECT_EQ(utf16_units(*s.text(2)), 50u);
  EXPECT_EQ(s.bytes(3)->size(), 100u);
  EXPECT_EQ(s.text(4)->size(), 100u);
  EXPECT_EQ(utf16_units(*s.text(5)), 50u);
  EXPECT_EQ(s.text(6)->size(), 100u);  // nvarchar(100) is not a (max) type: whole
  s.close();
  s.execute("SET TEXTSIZE 2147483647");
  s.close();
  s.execute("SELECT [nvcmax] FROM [dbo].[type_zoo] WHERE [id] = 3");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.text(1), zoo_long_text(100'000));
}

TEST_F(OdbcProtocol, TransactionsThroughTheTransactionManager) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  c->set_autocommit(false);
  EXPECT_EQ(session(*c)[3], "1");
  c->end_transaction(true);
  c->set_autocommit(true);
  EXPECT_EQ(session(*c)[3], "0");
  OdbcStatement s = c->statement();
  s.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRANSACTION");
  s.close();
  std::vector<std::string> state = session(*c);
  EXPECT_EQ(state[2], "SNAPSHOT");
  EXPECT_EQ(state[3], "1");
  s.execute("COMMIT TRANSACTION");
  EXPECT_EQ(session(*c)[3], "0");
}

TEST_F(OdbcProtocol, InfoMessagesAndUseDatabase) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  OdbcStatement s = c->statement();
  EXPECT_EQ(s.execute("PRINT 'hello from the server'"), SQL_SUCCESS_WITH_INFO);
  EXPECT_NE(s.info().find("hello from the server"), std::string::npos) << s.info();
  s.close();
  s.execute("USE [other]");
  s.close();
  s.execute("SELECT [label] FROM [things]");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.text(1), "in another database");
}

TEST_F(OdbcProtocol, ErrorsNameTheObject) {
  auto c = connect();
  OdbcStatement s = c->statement();
  try {
    s.execute("SELECT [id] FROM [dbo].[missing]");
    FAIL();
  } catch (const OdbcError& e) {
    EXPECT_EQ(e.native_error, 208);
    EXPECT_NE(std::string(e.what()).find("Invalid object name 'dbo.missing'"), std::string::npos);
  }
}

TEST_F(OdbcProtocol, SmallNegotiatedPacketsSplitTokens) {
  TDS_TEST_SERVER_ONLY();
  ServerConfig config;
  config.packet_size = 512;  // imposed by the server's ENVCHANGE, whatever the client asked
  config.plp_chunk_bytes = 333;
  TdsServer small(config, std::make_shared<Router>(fixture_catalog(10)));
  small.start(0);
  auto c = std::make_unique<OdbcConnection>(
      freetds_connection_string(small.port(), k_test_user, k_test_password));
  EXPECT_EQ(session(*c)[4], "512");
  OdbcStatement s = c->statement();
  s.execute("SELECT [nvcmax], [vbinmax] FROM [dbo].[type_zoo] WHERE [id] = 3");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.text(1), zoo_long_text(100'000));
  EXPECT_EQ(*s.bytes(2), zoo_long_bytes(70'000));
}

TEST_F(OdbcProtocol, MillionRowTableStreams) {
  TDS_TEST_SERVER_ONLY();
  auto c = connect();
  OdbcStatement s = c->statement();
  s.execute("SELECT [id], [amount] FROM [dbo].[big_table] ORDER BY [id]");
  std::int64_t n = 0, sum = 0;
  while (s.fetch()) {
    sum += *s.integer(1);
    ++n;
  }
  EXPECT_EQ(n, k_big_rows);
  EXPECT_EQ(sum, k_big_rows * (k_big_rows + 1) / 2);
  s.close();
  s.execute("SELECT COUNT_BIG(*) FROM [dbo].[big_table] WHERE [id] >= 250001 AND [id] < 500001");
  ASSERT_TRUE(s.fetch());
  EXPECT_EQ(*s.integer(1), 250'000);
}

}  // namespace
}  // namespace tdstest
