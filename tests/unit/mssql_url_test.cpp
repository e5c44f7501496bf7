#include <gtest/gtest.h>

#include "sources/mssql/mssql_url.hpp"

namespace cutover::mssql {
namespace {

ConnectionConfig parse(const std::string& url, const char* pwd = nullptr) {
  auto c = parse_mssql_url(url, pwd);
  EXPECT_TRUE(c.has_value()) << url << ": " << (c ? "" : c.error().describe());
  return c ? *c : ConnectionConfig{};
}

TEST(MssqlUrl, Basic) {
  auto c = parse("mssql://sa@db.example:14330/shop");
  EXPECT_EQ(c.host, "db.example");
  EXPECT_EQ(c.port, 14330);
  EXPECT_EQ(c.user, "sa");
  EXPECT_EQ(c.database, "shop");
  EXPECT_EQ(c.instance, "");
  EXPECT_EQ(c.encrypt, Encrypt::no);
  EXPECT_FALSE(c.trust_server_certificate);
}

TEST(MssqlUrl, SqlserverSchemeAndDefaults) {
  auto c = parse("sqlserver://h/db/");
  EXPECT_EQ(c.port, 0);
  EXPECT_EQ(c.database, "db");
  EXPECT_TRUE(is_mssql_url("SQLServer://x/y"));
  EXPECT_TRUE(is_mssql_url("MSSQL://x/y"));
  EXPECT_FALSE(is_mssql_url("mysql://x/y"));
  EXPECT_NE(odbc_connection_string(c, "/d.so").find("Port=1433;"), std::string::npos);
}

TEST(MssqlUrl, NamedInstance) {
  auto c = parse("mssql://u:p@host\\SQLEXPRESS/db");
  EXPECT_EQ(c.host, "host");
  EXPECT_EQ(c.instance, "SQLEXPRESS");
  auto cs = odbc_connection_string(c, "/usr/lib/x/odbc/libtdsodbc.so");
  EXPECT_NE(cs.find("Server=host\\SQLEXPRESS;"), std::string::npos) << cs;
  EXPECT_EQ(cs.find("Port="), std::string::npos) << cs;  // the Browser answers
  auto encoded = parse("mssql://u:p@host%5CINST:1500/db");
  EXPECT_EQ(encoded.instance, "INST");
  EXPECT_NE(odbc_connection_string(encoded, "/d.so").find("Port=1500;"), std::string::npos);
}

TEST(MssqlUrl, PercentEncodedPasswordNeverInMessages) {
  auto c = parse("mssql://us%40er:p%40ss%3B%7D%3D%25w@h/db");
  EXPECT_EQ(c.user, "us@er");
  EXPECT_EQ(c.password, "p@ss;}=%w");
  EXPECT_EQ(c.redacted.find("p%40ss"), std::string::npos);
  auto cs = odbc_connection_string(c, "/d.so");
  EXPECT_NE(cs.find("PWD={p@ss;}}=%w};"), std::string::npos) << "braced, } doubled";
  auto bad = parse_mssql_url("mssql://u:s3cret@h/db?bogus=1", nullptr);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.find("s3cret"), std::string::npos);
  EXPECT_NE(bad.error().message.find("unknown parameter 'bogus'"), std::string::npos);
}

TEST(MssqlUrl, PasswordFromEnvironment) {
  EXPECT_EQ(parse("mssql://u@h/db", "envpw").password, "envpw");
  EXPECT_EQ(parse("mssql://u:url@h/db", "envpw").password, "url");
}

TEST(MssqlUrl, EncryptAndTrust) {
  auto c = parse("mssql://u@h/db?encrypt=yes&trust_server_certificate=true");
  EXPECT_EQ(c.encrypt, Encrypt::yes);
  EXPECT_TRUE(c.trust_server_certificate);
  EXPECT_NE(odbc_connection_string(c, "/d.so").find("Encryption=require;"), std::string::npos);
  EXPECT_EQ(parse("mssql://u@h/db?Encrypt=optional").encrypt, Encrypt::no);
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/db?encrypt=strict", nullptr));
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/db?encrypt=maybe", nullptr));
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/db?trust_server_certificate=x", nullptr));
}

TEST(MssqlUrl, ConnectionStringSettings) {
  auto cs = odbc_connection_string(parse("mssql://sa:pw@127.0.0.1:14330/cutover"), "/lib/odbc/libtdsodbc.so");
  EXPECT_EQ(cs,
            "Driver=/lib/odbc/libtdsodbc.so;Server=127.0.0.1;Port=14330;Database=cutover;UID=sa;PWD=pw;"
            "TDS_Version=7.4;ClientCharset=UTF-8;APP=cutover;");
}

TEST(MssqlUrl, Errors) {
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/", nullptr));
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/a/b", nullptr));
  EXPECT_FALSE(parse_mssql_url("mssql://u@h/db?connect_timeout=0", nullptr));
  EXPECT_EQ(parse("mssql://u@h/db?connect_timeout=30").connect_timeout, 30);
}

}  // namespace
}  // namespace cutover::mssql
