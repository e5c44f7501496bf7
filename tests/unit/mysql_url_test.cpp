#include <gtest/gtest.h>

#include "sources/mysql/mysql_url.hpp"

namespace cutover::mysql {
namespace {

ConnectionConfig parse(const std::string& url, const char* pwd = nullptr) {
  auto c = parse_mysql_url(url, pwd);
  EXPECT_TRUE(c.has_value()) << url << ": " << (c ? "" : c.error().describe());
  return c ? *c : ConnectionConfig{};
}

TEST(MysqlUrl, Basic) {
  auto c = parse("mysql://app@db.example:3307/shop");
  EXPECT_EQ(c.host, "db.example");
  EXPECT_EQ(c.port, 3307);
  EXPECT_EQ(c.user, "app");
  EXPECT_FALSE(c.has_password);
  EXPECT_EQ(c.database, "shop");
  EXPECT_EQ(c.ssl_mode, SslMode::prefer);
}

TEST(MysqlUrl, DefaultsAndMariadbScheme) {
  auto c = parse("mariadb://127.0.0.1/db/");
  EXPECT_EQ(c.port, 3306);
  EXPECT_EQ(c.database, "db");
  EXPECT_TRUE(is_mysql_url("MariaDB://x/y"));
  EXPECT_FALSE(is_mysql_url("postgresql://x/y"));
}

TEST(MysqlUrl, PercentEncodedPasswordNeverInMessages) {
  auto c = parse("mysql://us%40er:p%40ss%3A%2F%23%25%26w@h/db");
  EXPECT_EQ(c.user, "us@er");
  EXPECT_EQ(c.password, "p@ss:/#%&w");
  EXPECT_EQ(c.redacted.find("p%40ss"), std::string::npos);
  auto bad = parse_mysql_url("mysql://u:s3cret@h/db?bogus=1", nullptr);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.find("s3cret"), std::string::npos);
  EXPECT_NE(bad.error().message.find("unknown parameter 'bogus'"), std::string::npos);
}

TEST(MysqlUrl, MysqlPwdWhenUrlHasNone) {
  EXPECT_EQ(parse("mysql://u@h/db", "fromenv").password, "fromenv");
  EXPECT_EQ(parse("mysql://u:url@h/db", "fromenv").password, "url");
}

TEST(MysqlUrl, SslOptions) {
  auto c = parse("mysql://u@h/db?sslmode=REQUIRED");
  EXPECT_EQ(c.ssl_mode, SslMode::require);
  c = parse("mysql://u@h/db?ssl-ca=/etc/ca.pem");
  EXPECT_EQ(c.ssl_ca, "/etc/ca.pem");
  EXPECT_EQ(c.ssl_mode, SslMode::verify_ca);
  c = parse("mysql://u@h/db?ssl-mode=disabled&ssl_cert=c.pem&sslkey=k.pem");
  EXPECT_EQ(c.ssl_mode, SslMode::disable);
  EXPECT_EQ(c.ssl_cert, "c.pem");
  EXPECT_EQ(c.ssl_key, "k.pem");
  auto bad = parse_mysql_url("mysql://u@h/db?sslmode=maybe", nullptr);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().hint, "use sslmode=disable, prefer, require, verify_ca or verify_identity");
}

TEST(MysqlUrl, MissingDatabase) {
  auto bad = parse_mysql_url("mysql://u:pw@h:3306", nullptr);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "missing database name in source URL 'mysql://u:****@h:3306'");
}

}  // namespace
}  // namespace cutover::mysql
