#include <gtest/gtest.h>

#include "util/url.hpp"

namespace cutover {
namespace {

Url parse_ok(const std::string& text) {
  auto u = parse_url(text);
  EXPECT_TRUE(u.has_value()) << text << ": " << (u ? "" : u.error().describe());
  return u ? *u : Url{};
}

TEST(UrlParse, PostgresWithEncodedPassword) {
  const std::string text =
      "postgresql://alice:p%40ss%3Aw%2Frd%23%25%26@db.example.com:5433/sales"
      "?sslmode=require&application_name=cutover%20run";
  Url u = parse_ok(text);
  EXPECT_EQ(u.scheme, "postgresql");
  EXPECT_EQ(u.user, "alice");
  EXPECT_EQ(u.password, "p@ss:w/rd#%&");
  EXPECT_EQ(u.host, "db.example.com");
  EXPECT_EQ(u.port, 5433);
  EXPECT_EQ(u.path, "sales");
  EXPECT_EQ(u.params, (std::map<std::string, std::string>{
                          {"application_name", "cutover run"}, {"sslmode", "require"}}));
  EXPECT_EQ(u.original, text);
}

TEST(UrlParse, PostgresAliasAndDefaults) {
  Url u = parse_ok("postgres://bob@localhost/app");
  EXPECT_EQ(u.scheme, "postgresql");
  EXPECT_EQ(u.user, "bob");
  EXPECT_EQ(u.password, "");
  EXPECT_EQ(u.port, 0);
  Url socket = parse_ok("postgresql:///app");
  EXPECT_EQ(socket.host, "");
  EXPECT_EQ(socket.path, "app");
  Url bare = parse_ok("POSTGRESQL://host");
  EXPECT_EQ(bare.scheme, "postgresql");
  EXPECT_EQ(bare.host, "host");
  EXPECT_EQ(bare.path, "");
  Url dir = parse_ok("postgresql://%2Fvar%2Frun%2Fpostgresql/app");
  EXPECT_EQ(dir.host, "/var/run/postgresql");
}

TEST(UrlParse, Ipv6Hosts) {
  Url u = parse_ok("postgresql://bob:pw@[::1]:5432/app");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 5432);
  EXPECT_EQ(u.path, "app");
  Url v = parse_ok("mysql://[2001:db8::1]/shop");
  EXPECT_EQ(v.scheme, "mysql");
  EXPECT_EQ(v.host, "2001:db8::1");
  EXPECT_EQ(v.port, 0);
}

TEST(UrlParse, UnencodedSpecialsInPassword) {
  Url u = parse_ok("postgresql://u:pa:ss@w/rd#x@host:6543/db");
  EXPECT_EQ(u.user, "u");
  EXPECT_EQ(u.password, "pa:ss@w/rd#x");
  EXPECT_EQ(u.host, "host");
  EXPECT_EQ(u.port, 6543);
  EXPECT_EQ(u.path, "db");
}

TEST(UrlParse, QueryParams) {
  Url u = parse_ok("mssql://sa:pw@sql1/db?encrypt=true&&flag&k=a%3Db");
  EXPECT_EQ(u.scheme, "mssql");
  EXPECT_EQ(u.params, (std::map<std::string, std::string>{
                          {"encrypt", "true"}, {"flag", ""}, {"k", "a=b"}}));
}

TEST(UrlParse, SqliteForms) {
  EXPECT_EQ(parse_ok("sqlite:///abs/path/x.db").path, "/abs/path/x.db");
  EXPECT_EQ(parse_ok("sqlite://relative/path.db").path, "relative/path.db");
  EXPECT_EQ(parse_ok("sqlite:relative.db").path, "relative.db");
  EXPECT_EQ(parse_ok("sqlite3:///my%20file.db").path, "/my file.db");
  Url ro = parse_ok("sqlite:///data/x.db?mode=ro");
  EXPECT_EQ(ro.scheme, "sqlite");
  EXPECT_EQ(ro.path, "/data/x.db");
  EXPECT_EQ(ro.params.at("mode"), "ro");
}

TEST(UrlParse, PlainPathsAreSqliteFiles) {
  for (const char* p : {"/data/app.db", "app.db", "./my data/x.db", "odd?name%20@x.db", "dir:with/colon.db"}) {
    Url u = parse_ok(p);
    EXPECT_EQ(u.scheme, "sqlite") << p;
    EXPECT_EQ(u.path, p);
    EXPECT_TRUE(u.params.empty());
  }
}

TEST(UrlParse, BadPortNamesValueAndHowToFix) {
  auto u = parse_url("postgresql://host:notaport/db");
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().kind, ErrorKind::config);
  EXPECT_EQ(u.error().message, "invalid port 'notaport' in URL 'postgresql://host:notaport/db'");
  EXPECT_EQ(u.error().hint,
            "the port must be a number from 1 to 65535 (host:5432); a ':' or '@' inside the "
            "password must be percent-encoded as %3A or %40");
  for (const char* bad : {"postgresql://h:0/db", "postgresql://h:65536/db", "postgresql://h:-1/db",
                          "postgresql://h:54 32/db", "postgresql://h:+5/db"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
  EXPECT_EQ(parse_ok("postgresql://h:/db").port, 0);  // RFC 3986: empty port is the default
}

TEST(UrlParse, ErrorsNeverShowThePassword) {
  auto u = parse_url("postgresql://u:secret@host:99999/db");
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message, "invalid port '99999' in URL 'postgresql://u:****@host:99999/db'");
  auto q = parse_url("postgresql://u:pa?ss@h/db");  // '?' must be encoded
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().describe().find("pa?ss"), std::string::npos);
  EXPECT_EQ(q.error().message, "invalid port 'pa' in URL 'postgresql://u:****@h/db'");
}

TEST(UrlParse, OtherErrors) {
  auto message = [](const std::string& text) {
    auto u = parse_url(text);
    return u ? std::string("ok") : u.error().message + " | " + u.error().hint;
  };
  EXPECT_EQ(message(""), "empty connection string in URL '' | give a URL such as "
                         "postgresql://user@host/db or a SQLite file path");
  EXPECT_EQ(message("oracle://h/db"),
            "unknown scheme 'oracle' in URL 'oracle://h/db' | use sqlite://, postgresql://, "
            "mysql:// or mssql://");
  EXPECT_EQ(message("postgresql:host/db"),
            "'postgresql:' must be followed by '//' in URL 'postgresql:host/db' | write "
            "postgresql://user@host:port/database");
  EXPECT_EQ(message("sqlite://"),
            "missing database file in URL 'sqlite://' | write sqlite:///absolute/path.db or "
            "sqlite:relative.db");
  EXPECT_EQ(message("postgresql://[::1/db"),
            "unterminated IPv6 address in URL 'postgresql://[::1/db' | write IPv6 hosts as [::1]:5432");
  EXPECT_EQ(message("postgresql://[::1]x/db"),
            "unexpected 'x' after IPv6 address in URL 'postgresql://[::1]x/db' | write IPv6 "
            "hosts as [::1]:5432");
  EXPECT_EQ(message("postgresql://h1,h2/db"),
            "several hosts are not supported in URL 'postgresql://h1,h2/db' | give one host; run "
            "one migration per server");
}

TEST(UrlRedact, Userinfo) {
  EXPECT_EQ(redact_url("postgresql://alice:s3cret@host/db"), "postgresql://alice:****@host/db");
  EXPECT_EQ(redact_url("postgresql://alice:p%40ss@[::1]:5432/db"),
            "postgresql://alice:****@[::1]:5432/db");
  EXPECT_EQ(redact_url("mysql://u:p@ss@h/db"), "mysql://u:****@h/db");
  EXPECT_EQ(redact_url("postgresql://u:pa?ss@h/db"), "postgresql://u:****@h/db");
  EXPECT_EQ(redact_url("postgresql://alice@host/db"), "postgresql://alice@host/db");
  EXPECT_EQ(redact_url("postgresql://alice:@host/db"), "postgresql://alice:@host/db");
  EXPECT_EQ(redact_url("postgresql://host:5432/db"), "postgresql://host:5432/db");
  EXPECT_EQ(redact_url("/plain/user:x@file.db"), "/plain/user:x@file.db");
}

TEST(UrlRedact, PasswordParameters) {
  EXPECT_EQ(redact_url("postgresql://host/db?user=a&password=s3cret&sslmode=require"),
            "postgresql://host/db?user=a&password=****&sslmode=require");
  EXPECT_EQ(redact_url("postgresql://host/db?PASSWORD=x"), "postgresql://host/db?PASSWORD=****");
  EXPECT_EQ(redact_url("host=h password=s3cret dbname=d"), "host=h password=**** dbname=d");
  EXPECT_EQ(redact_url("host=h password = 'it\\'s secret' dbname=d"),
            "host=h password = **** dbname=d");
  EXPECT_EQ(redact_url("Server=x;Pwd=abc;Database=d"), "Server=x;Pwd=****;Database=d");
  EXPECT_EQ(redact_url("postgresql://u:a@h/db?sslpassword=k&passwordless=1"),
            "postgresql://u:****@h/db?sslpassword=****&passwordless=1");
  EXPECT_EQ(redact_url("host=h password="), "host=h password=");
}

TEST(UrlRedact, SafeOnGarbage) {
  for (const char* g : {"", "@", ":", "://", "::::@@@", "=", "password", "a://:@", "?password"}) {
    std::string r = redact_url(g);
    EXPECT_LE(r.size(), std::string(g).size() + 4) << g;
  }
  EXPECT_EQ(redact_url("a://:x@"), "a://:****@");
}

TEST(UrlPercent, Decode) {
  EXPECT_EQ(percent_decode("%41%2f%2F"), "A//");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode(""), "");
}

}  // namespace
}  // namespace cutover
