#include "sources/mysql/mysql_url.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "util/url.hpp"
#include "util/text.hpp"

namespace cutover::mysql {
namespace {

// Parameter spellings (MySQL clients write ssl-ca, libpq habits sslca).
const std::map<std::string, std::string>& param_names() {
  static const std::map<std::string, std::string> k_names = {
      {"sslmode", "sslmode"},     {"ssl-mode", "sslmode"},     {"ssl_mode", "sslmode"},
      {"sslca", "sslca"},         {"ssl-ca", "sslca"},         {"ssl_ca", "sslca"},
      {"sslcapath", "sslcapath"}, {"ssl-capath", "sslcapath"}, {"ssl_capath", "sslcapath"},
      {"sslcert", "sslcert"},     {"ssl-cert", "sslcert"},     {"ssl_cert", "sslcert"},
      {"sslkey", "sslkey"},       {"ssl-key", "sslkey"},       {"ssl_key", "sslkey"},
      {"socket", "socket"},       {"connect_timeout", "connect_timeout"},
  };
  return k_names;
}

std::optional<SslMode> ssl_mode_of(std::string v) {
  for (auto& ch : v) ch = ch == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::map<std::string, SslMode> k_modes = {
      {"disable", SslMode::disable},     {"disabled", SslMode::disable},
      {"prefer", SslMode::prefer},       {"preferred", SslMode::prefer},
      {"require", SslMode::require},     {"required", SslMode::require},
      {"verify_ca", SslMode::verify_ca}, {"verify_identity", SslMode::verify_identity},
      {"verify_full", SslMode::verify_identity}};
  auto it = k_modes.find(v);
  if (it == k_modes.end()) return std::nullopt;
  return it->second;
}

std::unexpected<Error> bad(const ConnectionConfig& c, std::string what, std::string hint) {
  return fail(ErrorKind::config, fmt::format("{} in source URL '{}'", what, c.redacted), std::move(hint));
}

Status apply_param(ConnectionConfig& c, const std::string& canonical, const std::string& value) {
  if (canonical == "sslmode") {
    auto m = ssl_mode_of(value);
    if (!m)
      return bad(c, fmt::format("unknown sslmode '{}'", value),
                 "use sslmode=disable, prefer, require, verify_ca or verify_identity");
    c.ssl_mode = *m;
  } else if (canonical == "sslca") {
    c.ssl_ca = value;
  } else if (canonical == "sslcapath") {
    c.ssl_capath = value;
  } else if (canonical == "sslcert") {
    c.ssl_cert = value;
  } else if (canonical == "sslkey") {
    c.ssl_key = value;
  } else if (canonical == "socket") {
    c.socket = value;
  } else {
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || end != value.data() + value.size() || n < 1)
      return bad(c, fmt::format("connect_timeout '{}' is not a positive number of seconds", value),
                 "write connect_timeout=10");
    c.connect_timeout = n;
  }
  return {};
}

}  // namespace

const char* to_string(SslMode m) {
  switch (m) {
    case SslMode::disable: return "disable";
    case SslMode::prefer: return "prefer";
    case SslMode::require: return "require";
    case SslMode::verify_ca: return "verify_ca";
    case SslMode::verify_identity: return "verify_identity";
  }
  return "prefer";
}

bool is_mysql_url(const std::string& url) {
  auto lower = ascii_lower(url.substr(0, 10));
  return lower.starts_with("mysql://") || lower.starts_with("mariadb://");
}

Result<ConnectionConfig> parse_mysql_url(const std::string& text, const char* pwd_env) {
  auto url = parse_url(text);
  if (!url) return fail(url.error());
  ConnectionConfig c;
  c.redacted = redact_url(text);
  if (url->scheme != "mysql")
    return bad(c, fmt::format("scheme '{}' is not MySQL", url->scheme), "write mysql://user@host:3306/database");
  if (!url->host.empty()) c.host = url->host;
  if (url->port != 0) c.port = url->port;
  c.user = url->user;
  c.password = url->password;
  c.has_password = !url->password.empty();
  if (!c.has_password && pwd_env != nullptr && *pwd_env != '\0') {
    c.password = pwd_env;
    c.has_password = true;
  }
  c.database = url->path;
  while (!c.database.empty() && c.database.back() == '/') c.database.pop_back();
  if (c.database.empty() || c.database.find('/') != std::string::npos)
    return bad(c, "missing database name", "write mysql://user@host:3306/database (one database per migration)");
  for (const auto& [key, value] : url->params) {
    auto it = param_names().find(key);
    if (it == param_names().end())
      return bad(c, fmt::format("unknown parameter '{}'", key),
                 "supported: sslmode, sslca, sslcapath, sslcert, sslkey, socket, connect_timeout");
    if (auto st = apply_param(c, it->second, value); !st) return fail(st.error());
  }
  if (!c.ssl_ca.empty() && (c.ssl_mode == SslMode::prefer || c.ssl_mode == SslMode::require))
    c.ssl_mode = SslMode::verify_ca;
  return c;
}

}  // namespace cutover::mysql
