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
// "postgres://" is normalised to "postgresql".
Result<Url> parse_url(const std::string& text);

// The URL with any password (in userinfo or in a password= parameter)
// replaced by "****". Safe on unparsable input.
std::string redact_url(const std::string& text);

std::string percent_decode(std::string_view text);

}  // namespace cutover
