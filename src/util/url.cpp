// Connection URL parsing. Every message built here goes through redact_url:
// the password of the URL being parsed never appears in an Error.
#include "util/url.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace cutover {
namespace {

struct SchemeAlias {
  std::string_view written;
  std::string_view canonical;
};
constexpr SchemeAlias k_schemes[] = {
    {"sqlite", "sqlite"},         {"sqlite3", "sqlite"},      {"postgresql", "postgresql"},
    {"postgres", "postgresql"},   {"mysql", "mysql"},         {"mariadb", "mysql"},
    {"mssql", "mssql"},           {"sqlserver", "mssql"},
};

std::optional<std::string_view> canonical_scheme(std::string_view written) {
  std::string l = ascii_lower(written);
  for (const auto& s : k_schemes) {
    if (s.written == l) return s.canonical;
  }
  return std::nullopt;
}

// "scheme:" prefix as RFC 3986 spells it: a letter, then letters, digits, + - .
size_t scheme_length(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return 0;
  size_t i = 1;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                             text[i] == '+' || text[i] == '-' || text[i] == '.')) {
    ++i;
  }
  return i < text.size() && text[i] == ':' ? i : 0;
}

std::unexpected<Error> url_error(const std::string& text, std::string what, std::string hint) {
  Error e;
  e.kind = ErrorKind::config;
  e.message = fmt::format("{} in URL '{}'", what, redact_url(text));
  e.hint = std::move(hint);
  return std::unexpected<Error>(std::move(e));
}

void parse_params(std::string_view query, Url& url) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq));
    url.params[key] = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
  }
}

// "host", "host:port", "[v6]", "[v6]:port" (percent-decoded host).
Status parse_host_port(std::string_view hp, const std::string& text, Url& url) {
  std::string_view port;
  if (!hp.empty() && hp[0] == '[') {
    size_t close = hp.find(']');
    if (close == std::string_view::npos) {
      return url_error(text, "unterminated IPv6 address", "write IPv6 hosts as [::1]:5432");
    }
    url.host = std::string(hp.substr(1, close - 1));
    std::string_view rest = hp.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') {
      return url_error(text, fmt::format("unexpected '{}' after IPv6 address", rest),
                       "write IPv6 hosts as [::1]:5432");
    }
    if (!rest.empty()) port = rest.substr(1);
  } else {
    size_t colon = hp.rfind(':');
    url.host = percent_decode(hp.substr(0, colon));
    if (colon != std::string_view::npos) port = hp.substr(colon + 1);
  }
  if (url.host.find(',') != std::string::npos) {
    return url_error(text, "several hosts are not supported",
                     "give one host; run one migration per server");
  }
  if (port.empty()) return {};
  int value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value < 1 || value > 65535) {
    return url_error(text, fmt::format("invalid port '{}'", port),
                     "the port must be a number from 1 to 65535 (host:5432); a ':' or '@' "
                     "inside the password must be percent-encoded as %3A or %40");
  }
  url.port = value;
  return {};
}

// Everything after "scheme://" for server engines.
Status parse_authority_url(std::string_view rest, const std::string& text, Url& url) {
  size_t query_at = rest.find('?');
  std::string_view before_query = rest.substr(0, query_at);
  // The last '@' ends the userinfo, so an unencoded '@', '/' or '#' in a
  // password still parses; '?' and '%' must be percent-encoded.
  size_t at = before_query.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = before_query.substr(0, at);
    size_t colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) url.password = percent_decode(userinfo.substr(colon + 1));
    before_query = before_query.substr(at + 1);
  }
  size_t slash = before_query.find('/');
  if (auto s = parse_host_port(before_query.substr(0, slash), text, url); !s) return s;
  if (slash != std::string_view::npos) url.path = percent_decode(before_query.substr(slash + 1));
  if (query_at != std::string_view::npos) parse_params(rest.substr(query_at + 1), url);
  return {};
}

// Everything after "sqlite:": "///abs", "//relative", "relative", each with ?params.
void parse_sqlite_url(std::string_view rest, Url& url) {
  size_t query_at = rest.find('?');
  std::string_view path = rest.substr(0, query_at);
  if (path.starts_with("//")) path.remove_prefix(2);
  url.path = percent_decode(path);
  if (query_at != std::string_view::npos) parse_params(rest.substr(query_at + 1), url);
}

}  // namespace

Result<Url> parse_url(const std::string& text) {
  Url url;
  url.original = text;
  if (text.empty()) {
    return url_error(text, "empty connection string",
                     "give a URL such as postgresql://user@host/db or a SQLite file path");
  }
  size_t len = scheme_length(text);
  auto scheme = len ? canonical_scheme(std::string_view(text).substr(0, len)) : std::nullopt;
  bool has_slashes = len && std::string_view(text).substr(len + 1).starts_with("//");
  if (!scheme) {
    if (has_slashes) {
      return url_error(text, fmt::format("unknown scheme '{}'", text.substr(0, len)),
                       "use sqlite://, postgresql://, mysql:// or mssql://");
    }
    url.scheme = "sqlite";  // a plain file path, taken literally
    url.path = text;
    return url;
  }
  url.scheme = std::string(*scheme);
  std::string_view rest = std::string_view(text).substr(len + 1);
  if (url.scheme == "sqlite") {
    parse_sqlite_url(rest, url);
  } else if (!has_slashes) {
    return url_error(text, fmt::format("'{}:' must be followed by '//'", text.substr(0, len)),
                     fmt::format("write {}://user@host:port/database", url.scheme));
  } else if (auto s = parse_authority_url(rest.substr(2), text, url); !s) {
    return std::unexpected(s.error());
  }
  if (url.path.empty() && url.scheme == "sqlite") {
    return url_error(text, "missing database file", "write sqlite:///absolute/path.db or sqlite:relative.db");
  }
  return url;
}

std::string percent_decode(std::string_view text) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];  // a lone '%' is kept as written
    }
  }
  return out;
}

}  // namespace cutover
