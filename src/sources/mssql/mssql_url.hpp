// SQL Server connection settings from a source URL:
//
//   mssql://[user[:password]@]host[\instance][:port]/database[?param=value&...]
//   sqlserver://...  (the same)
//
// User and password are percent-decoded (a password with @ : / # % & works
// when percent-encoded). A named instance is written host\instance (or
// host%5Cinstance); without an explicit port FreeTDS asks the SQL Server
// Browser for the instance's port, with one the port wins. Without a
// password in the URL, MSSQL_PWD is used.
// Parameters:
//   encrypt                   no | yes (also false/true, optional/mandatory;
//                             default no: FreeTDS's "request", TLS when the
//                             server offers it; yes: Encryption=require).
//                             strict (TDS 8) is refused: FreeTDS 1.3 lacks it.
//   trust_server_certificate  yes | no (default no). FreeTDS checks the
//                             certificate only against a CA file configured
//                             in freetds.conf ("ca file"); "yes" skips it.
//   connect_timeout           seconds (default 15, SQL_ATTR_LOGIN_TIMEOUT)
// Any other parameter is a config error naming it (never the password).
#pragma once

#include <string>

#include "core/error.hpp"

namespace cutover::mssql {

enum class Encrypt { no, yes, strict };
const char* to_string(Encrypt e);

struct ConnectionConfig {
  std::string host = "localhost";
  std::string instance;  // named instance, "" for the default one
  int port = 0;          // 0: 1433, or the Browser's answer for a named instance
  std::string user;
  std::string password;  // never logged
  std::string database;
  Encrypt encrypt = Encrypt::no;
  bool trust_server_certificate = false;
  int connect_timeout = 15;
  std::string redacted;  // the URL with the password masked, for messages
};

// `pwd_env` is MSSQL_PWD's value (nullptr when unset), passed in so tests
// do not depend on the environment.
Result<ConnectionConfig> parse_mssql_url(const std::string& url, const char* pwd_env);

// True for mssql:// and sqlserver:// URLs (any case).
bool is_mssql_url(const std::string& url);

// The ODBC connection string for FreeTDS's driver at `driver_path`
// (TDS_Version=7.4, ClientCharset=UTF-8). Contains the password: never log
// it; redact_url() masks it.
std::string odbc_connection_string(const ConnectionConfig& c, const std::string& driver_path);

// A value for an ODBC connection string: braced when it holds ; { } = or
// spaces at its ends, with '}' doubled.
std::string odbc_value(const std::string& value);

}  // namespace cutover::mssql
