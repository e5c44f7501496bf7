#include "sources/mssql/mssql_url.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "sources/mssql/mssql_types.hpp"
#include "util/url.hpp"

namespace cutover::mssql {
namespace {

std::optional<bool> boolean_of(const std::string& v) {
  static const std::map<std::string, bool> k_values = {
      {"yes", true}, {"true", true}, {"1", true}, {"on", true},
      {"no", false}, {"false", false}, {"0", false}, {"off", false}};
  auto it = k_values.find(ascii_lower(v));
  if (it == k_values.end()) return std::nullopt;
  return it->second;
}

std::optional<Encrypt> encrypt_of(const std::string& v) {
  auto l = ascii_lower(v);
  if (l == "strict") return Encrypt::strict;
  if (l == "optional") return Encrypt::no;
  if (l == "mandatory") return Encrypt::yes;
  auto b = boolean_of(l);
  if (!b) return std::nullopt;
  return *b ? Encrypt::yes : Encrypt::no;
}

std::unexpected<Error> bad(const ConnectionConfig& c, std::string what, std::string hint) {
  return fail(ErrorKind::config, fmt::format("{} in source URL '{}'", what, c.redacted), std::move(hint));
}

Status apply_param(ConnectionConfig& c, const std::string& key, const std::string& value) {
  if (key == "encrypt") {
    auto e = encrypt_of(value);
    if (!e) return bad(c, fmt::format("unknown encrypt value '{}'", value), "use encrypt=no, yes or strict");
    if (*e == Encrypt::strict)
      return bad(c, "encrypt=strict needs TDS 8.0, which the FreeTDS 1.3 driver does not speak",
                 "use encrypt=yes (TLS after PRELOGIN) or ask the DBA to allow non-strict connections");
    c.encrypt = *e;
  } else if (key == "trust_server_certificate" || key == "trustservercertificate") {
    auto b = boolean_of(value);
    if (!b)
      return bad(c, fmt::format("trust_server_certificate '{}' is not yes or no", value),
                 "write trust_server_certificate=yes or trust_server_certificate=no");
    c.trust_server_certificate = *b;
  } else if (key == "connect_timeout") {
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || end != value.data() + value.size() || n < 1)
      return bad(c, fmt::format("connect_timeout '{}' is not a positive number of seconds", value),
                 "write connect_timeout=15");
    c.connect_timeout = n;
  } else {
    return bad(c, fmt::format("unknown parameter '{}'", key),
               "supported: encrypt, trust_server_certificate, connect_timeout");
  }
  return {};
}

// "host\instance" (the URL parser keeps the backslash in the host).
void split_instance(ConnectionConfig& c) {
  auto slash = c.host.find('\\');
  if (slash == std::string::npos) return;
  c.instance = c.host.substr(slash + 1);
  c.host.resize(slash);
}

}  // namespace

const char* to_string(Encrypt e) {
  switch (e) {
    case Encrypt::no: return "no";
    case Encrypt::yes: return "yes";
    case Encrypt::strict: return "strict";
  }
  return "no";
}

bool is_mssql_url(const std::string& url) {
  auto head = ascii_lower(url.substr(0, 12));
  return head.starts_with("mssql://") || head.starts_with("sqlserver://");
}

Result<ConnectionConfig> parse_mssql_url(const std::string& text, const char* pwd_env) {
  auto url = parse_url(text);
  if (!url) return fail(url.error());
  ConnectionConfig c;
  c.redacted = redact_url(text);
  if (url->scheme != "mssql")
    return bad(c, fmt::format("scheme '{}' is not SQL Server", url->scheme), "write mssql://user@host:1433/database");
  if (!url->host.empty()) c.host = url->host;
  split_instance(c);
  if (c.host.empty()) return bad(c, "missing host before the instance name", "write mssql://user@host\\instance/db");
  c.port = url->port;
  c.user = url->user;
  c.password = url->password;
  if (c.password.empty() && pwd_env != nullptr) c.password = pwd_env;
  c.database = url->path;
  while (!c.database.empty() && c.database.back() == '/') c.database.pop_back();
  if (c.database.empty() || c.database.find('/') != std::string::npos)
    return bad(c, "missing database name", "write mssql://user@host:1433/database (one database per migration)");
  for (const auto& [key, value] : url->params)
    if (auto st = apply_param(c, ascii_lower(key), value); !st) return fail(st.error());
  return c;
}

std::string odbc_value(const std::string& value) {
  bool plain = value.find_first_of(";{}=") == std::string::npos && !value.empty() && value.front() != ' ' &&
               value.back() != ' ';
  if (plain) return value;
  std::string out = "{";
  for (char ch : value) {
    out += ch;
    if (ch == '}') out += '}';
  }
  return out + "}";
}

std::string odbc_connection_string(const ConnectionConfig& c, const std::string& driver_path) {
  std::string server = c.instance.empty() ? c.host : c.host + "\\" + c.instance;
  std::string out = fmt::format("Driver={};Server={};", odbc_value(driver_path), odbc_value(server));
  if (c.port != 0 || c.instance.empty()) out += fmt::format("Port={};", c.port != 0 ? c.port : 1433);
  out += fmt::format("Database={};UID={};PWD={};", odbc_value(c.database), odbc_value(c.user), odbc_value(c.password));
  out += "TDS_Version=7.4;ClientCharset=UTF-8;APP=cutover;";
  if (c.encrypt == Encrypt::yes) out += "Encryption=require;";
  return out;
}

}  // namespace cutover::mssql
