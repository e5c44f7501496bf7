// Connection URLs: parsing, and redaction before anything is logged or
// written to a report (a password never leaves this module in clear).
#pragma once

#include <map>
#include <string>

#include "core/error.hpp"

namespace cutover {

struct Url {
  std::string scheme;  // "sqlite", "postgresql", "mysql", "mssql"
  std::string user;
  std::string password;  // percent-decoded
  std::string host;
  int port = 0;          // 0 = engine default
  std::string path;      // database name, or file path for sqlite
  std::map<std::string, std::string> params;
  std::string original;  // as given (may contain a password: never log)
};

// Accepts "scheme://[user[:password]@]host[:port]/path[?k=v&...]" with
// percent-encoding, "sqlite:///abs/path", "sqlite://relative/path",
// "sqlite:relative", and a plain file path (treated as sqlite).
// "postgres://" is normalised to "postgresql" (also sqlite3 -> sqlite,
// mariadb -> mysql, sqlserver -> mssql). The userinfo ends at the last '@'
// before any '?', so unencoded '@', ':', '/' and '#' in a password still
// parse; '?' must be percent-encoded. IPv6 hosts are stored without brackets.
// A plain path is taken literally (no percent-decoding, no parameters).
// Errors are ErrorKind::config and show the URL redacted.
Result<Url> parse_url(const std::string& text);

// The URL with any password (in userinfo or in a password= parameter)
// replaced by "****". Safe on unparsable input. Also masks password/passwd/
// pwd/pass/sslpassword values in libpq "key=value" and ODBC "Key=v;" strings.
std::string redact_url(const std::string& text);

// "%41" -> "A"; a '%' not followed by two hex digits is kept as written;
// '+' stays '+'.
std::string percent_decode(std::string_view text);

}  // namespace cutover
