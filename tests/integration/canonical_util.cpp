#include "canonical_util.hpp"

#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "canonical.hpp"

namespace cutover::it {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

std::string take_digits(std::string_view s, size_t& i) {
  std::string out;
  while (i < s.size() && digit(s[i])) out += s[i++];
  return out;
}

// Reads exactly `n` digits at `i`.
std::optional<int> fixed_digits(std::string_view s, size_t& i, size_t n) {
  if (i + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t k = 0; k < n; ++k, ++i) {
    if (!digit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "HH:MM[:SS[.ffffff]]" at `i`; microseconds since midnight.
std::optional<int64_t> clock_at(std::string_view s, size_t& i) {
  auto h = fixed_digits(s, i, 2);
  if (!h || i >= s.size() || s[i++] != ':') return std::nullopt;
  auto m = fixed_digits(s, i, 2);
  if (!m) return std::nullopt;
  int64_t sec = 0, frac = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    auto ss = fixed_digits(s, i, 2);
    if (!ss) return std::nullopt;
    sec = *ss;
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::string f = take_digits(s, i);
      if (f.empty() || f.size() > 6) return std::nullopt;
      frac = std::stoll(f + std::string(6 - f.size(), '0'));
    }
  }
  if (*h > 23 || *m > 59 || sec > 59) return std::nullopt;
  return ((*h * 60 + *m) * 60 + sec) * 1'000'000 + frac;
}

// Howard Hinnant's days_from_civil.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : k_days[m - 1];
}

// "Z", "+HH", "+HHMM", "+HH:MM" at `i`: offset in microseconds east of UTC.
std::optional<int64_t> offset_at(std::string_view s, size_t& i) {
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
    return 0;
  }
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  int sign = s[i++] == '-' ? -1 : 1;
  auto h = fixed_digits(s, i, 2);
  if (!h) return std::nullopt;
  int m = 0;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size()) {
    auto mm = fixed_digits(s, i, 2);
    if (!mm) return std::nullopt;
    m = *mm;
  }
  return sign * (int64_t{*h} * 60 + m) * 60'000'000;
}

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
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
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

std::optional<int64_t> epoch_integer_micros(int64_t v, const std::string& decode) {
  int64_t scale = decode == "epoch_s" ? 1'000'000 : decode == "epoch_ms" ? 1000 : 1;
  int64_t out = 0;
  if (__builtin_mul_overflow(v, scale, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> time_micros(std::string_view text) {
  size_t i = 0;
  auto m = clock_at(text, i);
  if (!m || i != text.size()) return std::nullopt;
  return m;
}

std::optional<int64_t> iso_micros(const std::string& s, bool* has_time, bool* has_offset) {
  size_t i = 0;
  auto y = fixed_digits(s, i, 4);
  if (!y || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto mo = fixed_digits(s, i, 2);
  if (!mo || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto d = fixed_digits(s, i, 2);
  if (!d || *mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo)) return std::nullopt;
  int64_t micros = days_from_civil(*y, *mo, *d) * 86'400'000'000;
  bool timed = false, offset = false;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    auto clock = clock_at(s, ++i);
    if (!clock) return std::nullopt;
    micros += *clock;
    timed = true;
  }
  if (i < s.size()) {
    auto off = offset_at(s, i);
    if (!off) return std::nullopt;
    micros -= *off;
    offset = true;
  }
  if (i != s.size()) return std::nullopt;
  if (has_time) *has_time = timed;
  if (has_offset) *has_offset = offset;
  return micros;
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
    if (!std::isxdigit(static_cast<unsigned char>(t[i])) || !std::isxdigit(static_cast<unsigned char>(t[i + 1])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(std::string(t.substr(i, 2)), nullptr, 16));
    ++i;
  }
  return out;
}

std::string format_uuid(std::string_view b) {
  std::string h = hex(std::string(b));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string canonical_json(std::string_view text) {
  return numbers_as_doubles(nlohmann::json::parse(text)).dump();
}

}  // namespace cutover::it
