#include "canonical_util.hpp"

#include <bit>
#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "canonical.hpp"

namespace cutover::it {

namespace {

nlohmann::json numbers_as_doubles(const nlohmann::json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_array() || j.is_object()) {
    nlohmann::json out = j;
    for (auto& [k, v] : out.items()) v = numbers_as_doubles(v);
    return out;
  }
  return j;
}

}  // namespace

bool digit(char c) { return c >= '0' && c <= '9'; }

std::string take_digits(std::string_view s, size_t& i) {
  std::string out;
  while (i < s.size() && digit(s[i])) out += s[i++];
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<int64_t> type_args(std::string_view t) {
  std::vector<int64_t> out;
  size_t i = t.find('(');
  while (i != std::string_view::npos && i < t.size()) {
    ++i;
    while (i < t.size() && !digit(t[i])) ++i;
    std::string d = take_digits(t, i);
    if (!d.empty()) out.push_back(std::stoll(d));
    if (i >= t.size() || t[i] == ')') break;
  }
  return out;
}

std::string hex(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::string double_bits(double v) { return fmt::format("{:016x}", std::bit_cast<uint64_t>(v)); }
std::string float_bits(float v) { return fmt::format("{:08x}", std::bit_cast<uint32_t>(v)); }

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::optional<std::string> plain_decimal(std::string_view s) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string int_digits = take_digits(s, i), frac;
  if (i < s.size() && s[i] == '.') frac = take_digits(s, ++i);
  if (int_digits.empty() && frac.empty()) return std::nullopt;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && s[i] == '+') ++i;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + s.size(), exp);
    if (ec != std::errc() || std::llabs(exp) > 100000) return std::nullopt;
    i = static_cast<size_t>(p - s.data());
  }
  if (i != s.size()) return std::nullopt;
  std::string digits = int_digits + frac;
  int64_t point = static_cast<int64_t>(int_digits.size()) + exp;
  std::string ip, fp;
  if (point <= 0) {
    fp = std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= static_cast<int64_t>(digits.size())) {
    ip = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    ip = digits.substr(0, static_cast<size_t>(point));
    fp = digits.substr(static_cast<size_t>(point));
  }
  ip.erase(0, std::min(ip.find_first_not_of('0'), ip.empty() ? 0 : ip.size() - 1));
  if (ip.empty()) ip = "0";
  return (neg ? "-" : "") + ip + (fp.empty() ? "" : "." + fp);
}

std::string strip_decimal(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string unsigned_zero(std::string s) {
  if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string with_scale(std::string s, int scale) {
  size_t dot = s.find('.');
  int have = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  if (scale > 0 && dot == std::string::npos) s += '.';
  return s + std::string(static_cast<size_t>(std::max(0, scale - have)), '0');
}

std::pair<int, int> decimal_shape(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  size_t dot = s.find('.');
  std::string_view ip = s.substr(0, dot);
  int scale = dot == std::string_view::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  return {ip == "0" ? 0 : static_cast<int>(ip.size()), scale};
}

std::string shortest_plain(double v) { return *plain_decimal(fmt::format("{}", v)); }

std::string real_as_text(double v) {
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  return shortest_plain(v) + (v == std::trunc(v) ? ".0" : "");
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += n;
  }
  return true;
}

int64_t utf8_length(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<std::string> parse_uuid_text(std::string_view t) {
  if (t.size() == 38 && t.front() == '{' && t.back() == '}') t = t.substr(1, 36);
  if (t.size() != 36 && t.size() != 32) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.size() == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
      if (t[i] != '-') return std::nullopt;
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(t[i])) ||
        !std::isxdigit(static_cast<unsigned char>(t[i + 1])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(std::string(t.substr(i, 2)), nullptr, 16));
    ++i;
  }
  return out;
}

std::string format_uuid(std::string_view b) {
  std::string h = hex(std::string(b));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

std::string canonical_json(std::string_view text) {
  return numbers_as_doubles(nlohmann::json::parse(text)).dump();
}

}  // namespace cutover::it
