// MySQL/MariaDB connection settings from a source URL:
//
//   mysql://[user[:password]@]host[:port]/database[?param=value&...]
//   mariadb://...  (the same)
//
// User and password are percent-decoded (a password with @ : / # % & works
// when percent-encoded). Without a password in the URL, MYSQL_PWD is used;
// the [client] and [client-mariadb] groups of the usual option files
// (/etc/mysql/my.cnf, ~/.my.cnf) are read too, and what the URL says wins.
// Parameters:
//   sslmode   disable | prefer | require | verify_ca | verify_identity
//             (also ssl-mode / ssl_mode; default prefer: TLS when the server offers it)
//   sslca     CA certificate file (also ssl-ca / ssl_ca); implies verify_ca
//   sslcapath directory of CA certificates (also ssl-capath)
//   sslcert, sslkey  client certificate and key (also ssl-cert, ssl-key)
//   socket    Unix socket path (with host localhost)
//   connect_timeout  seconds (default 10)
// Any other parameter is a config error naming it (never the password).
#pragma once

#include <string>

#include "core/error.hpp"

namespace cutover::mysql {

enum class SslMode { disable, prefer, require, verify_ca, verify_identity };
const char* to_string(SslMode m);

struct ConnectionConfig {
  std::string host = "localhost";
  int port = 3306;
  std::string user;      // empty: the option files' user, else the login name
  std::string password;  // never logged
  bool has_password = false;
  std::string database;
  SslMode ssl_mode = SslMode::prefer;
  std::string ssl_ca, ssl_capath, ssl_cert, ssl_key;
  std::string socket;
  int connect_timeout = 10;
  std::string redacted;  // the URL with the password masked, for messages
};

// `pwd_env` is MYSQL_PWD's value (nullptr when unset), passed in so tests
// do not depend on the environment.
Result<ConnectionConfig> parse_mysql_url(const std::string& url, const char* pwd_env);

// True for mysql:// and mariadb:// URLs.
bool is_mysql_url(const std::string& url);

}  // namespace cutover::mysql
