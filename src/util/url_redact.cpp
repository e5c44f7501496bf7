// redact_url: textual, so it works on input parse_url rejects.
#include <array>

#include "util/url.hpp"

namespace cutover {
namespace {

constexpr std::string_view k_mask = "****";
constexpr std::array<std::string_view, 5> k_secret_keys = {"password", "passwd", "pwd", "pass",
                                                           "sslpassword"};

bool is_secret_key(std::string_view key) {
  for (std::string_view k : k_secret_keys) {
    if (key.size() != k.size()) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; ++i) same = (key[i] | 0x20) == k[i];
    if (same) return true;
  }
  return false;
}

bool is_separator(char c) { return c == '?' || c == '&' || c == ';' || c == ' ' || c == '\t'; }

// "user:secret@host" after "scheme://" becomes "user:****@host". The last
// '@' anywhere counts, so a password with an unencoded '?' or '@' is still
// masked; masking a little too much of a malformed URL is harmless.
void redact_userinfo(std::string& s) {
  size_t sep = s.find("://");
  if (sep == std::string::npos) return;
  size_t start = sep + 3;
  size_t at = s.rfind('@');
  if (at == std::string::npos || at < start) return;
  size_t colon = s.find(':', start);
  if (colon < at && colon + 1 < at) s.replace(colon + 1, at - colon - 1, k_mask);
}

// End of a parameter value starting at `pos`: a quoted 'value' (libpq
// keyword/value form, with \' escapes) or up to the next separator.
size_t value_end(const std::string& s, size_t pos) {
  if (pos < s.size() && s[pos] == '\'') {
    for (size_t i = pos + 1; i < s.size(); ++i) {
      if (s[i] == '\\') ++i;
      else if (s[i] == '\'') return i + 1;
    }
    return s.size();
  }
  size_t end = pos;
  while (end < s.size() && s[end] != '&' && s[end] != ';' && s[end] != ' ' && s[end] != '\t') ++end;
  return end;
}

// password=..., pwd=... in a query string, a libpq DSN or an ODBC string.
void redact_params(std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '=') continue;
    size_t key_end = i;
    while (key_end > 0 && s[key_end - 1] == ' ') --key_end;  // "password = x"
    size_t key_start = key_end;
    while (key_start > 0 && !is_separator(s[key_start - 1]) && s[key_start - 1] != '=') --key_start;
    if (!is_secret_key(std::string_view(s).substr(key_start, key_end - key_start))) continue;
    size_t value = i + 1;
    while (value < s.size() && s[value] == ' ') ++value;
    size_t end = value_end(s, value);
    if (end == value) continue;
    s.replace(value, end - value, k_mask);
    i = value + k_mask.size() - 1;
  }
}

}  // namespace

std::string redact_url(const std::string& text) {
  std::string out = text;
  redact_userinfo(out);
  redact_params(out);
  return out;
}

}  // namespace cutover
