#include "spatial.hpp"

#include <cctype>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace tdstest {
namespace {

using Figure = std::vector<std::pair<double, double>>;

constexpr std::uint8_t k_valid = 0x04, k_single_point = 0x08, k_single_line = 0x10;

template <typename T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));  // little-endian host (x86-64, aarch64)
  out.append(b, sizeof(T));
}

template <typename T>
T get(std::string_view s, std::size_t& at) {
  if (at + sizeof(T) > s.size()) throw std::runtime_error("geometry bytes end too early");
  T v;
  std::memcpy(&v, s.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

class Wkt {
 public:
  explicit Wkt(std::string_view s) : s_(s) {}

  std::string word() {
    skip();
    std::string w;
    while (at_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[at_]))) w += static_cast<char>(std::toupper(s_[at_++]));
    return w;
  }
  void expect(char c) {
    skip();
    if (at_ >= s_.size() || s_[at_] != c) throw std::runtime_error(fmt::format("'{}' expected in WKT '{}'", c, s_));
    ++at_;
  }
  bool accept(char c) {
    skip();
    if (at_ < s_.size() && s_[at_] == c) return ++at_, true;
    return false;
  }
  double number() {
    skip();
    std::size_t used = 0;
    double v = std::stod(std::string(s_.substr(at_)), &used);
    at_ += used;
    return v;
  }
  Figure figure() {
    Figure f;
    expect('(');
    do {
      double x = number();
      f.emplace_back(x, number());
    } while (accept(','));
    expect(')');
    return f;
  }

 private:
  void skip() {
    while (at_ < s_.size() && s_[at_] == ' ') ++at_;
  }
  std::string_view s_;
  std::size_t at_ = 0;
};

std::size_t point_count(const Spatial& s) {
  std::size_t n = 0;
  for (const auto& f : s.figures) n += f.size();
  return n;
}

// CLR geography points are (latitude, longitude).
void put_point(std::string& out, std::pair<double, double> p, bool geography) {
  put(out, geography ? p.second : p.first);
  put(out, geography ? p.first : p.second);
}

std::pair<double, double> get_point(std::string_view s, std::size_t& at, bool geography) {
  double a = get<double>(s, at), b = get<double>(s, at);
  return geography ? std::pair{b, a} : std::pair{a, b};
}

}  // namespace

Spatial spatial_from_wkt(std::string_view wkt, std::int32_t srid, bool geography) {
  Wkt p(wkt);
  Spatial s;
  s.srid = srid;
  s.geography = geography;
  std::string kind = p.word();
  if (kind == "POINT" || kind == "LINESTRING") {
    s.type = kind == "POINT" ? 1 : 2;
    s.figures.push_back(p.figure());
  } else if (kind == "POLYGON") {
    s.type = 3;
    p.expect('(');
    do s.figures.push_back(p.figure());
    while (p.accept(','));
    p.expect(')');
  } else {
    throw std::runtime_error(fmt::format("the test server reads POINT, LINESTRING and POLYGON WKT, not '{}'", wkt));
  }
  if ((s.type == 1 && s.figures[0].size() != 1) || (s.type == 2 && s.figures[0].size() < 2))
    throw std::runtime_error(fmt::format("24114: the WKT '{}' has the wrong number of points", wkt));
  return s;
}

std::string clr_bytes(const Spatial& s) {
  std::string out;
  put(out, s.srid);
  out += '\x01';  // version 1
  std::size_t n = point_count(s);
  bool point = s.type == 1, line = s.type == 2 && n == 2;
  out += static_cast<char>(k_valid | (point ? k_single_point : 0) | (line ? k_single_line : 0));
  if (point || line) {
    for (const auto& p : s.figures[0]) put_point(out, p, s.geography);
    return out;
  }
  put(out, static_cast<std::uint32_t>(n));
  for (const auto& f : s.figures)
    for (const auto& p : f) put_point(out, p, s.geography);
  put(out, static_cast<std::uint32_t>(s.figures.size()));
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < s.figures.size(); ++i) {
    out += static_cast<char>(s.type == 2 ? 1 : i == 0 ? 2 : 0);  // stroke, exterior ring, interior ring
    put(out, offset);
    offset += static_cast<std::uint32_t>(s.figures[i].size());
  }
  put(out, std::uint32_t{1});  // one shape: no parent, from figure 0
  put(out, std::int32_t{-1});
  put(out, std::int32_t{0});
  out += static_cast<char>(s.type);
  return out;
}

Spatial spatial_from_clr(std::string_view b, bool geography) {
  std::size_t at = 0;
  Spatial s;
  s.geography = geography;
  s.srid = get<std::int32_t>(b, at);
  if (get<std::uint8_t>(b, at) != 1) throw std::runtime_error("geometry bytes of another version");
  auto flags = get<std::uint8_t>(b, at);
  if (flags & (k_single_point | k_single_line)) {
    s.type = flags & k_single_point ? 1 : 2;
    s.figures.emplace_back();
    for (int i = flags & k_single_point ? 1 : 2; i > 0; --i) s.figures[0].push_back(get_point(b, at, geography));
    return s;
  }
  Figure points(get<std::uint32_t>(b, at));
  for (auto& p : points) p = get_point(b, at, geography);
  std::vector<std::uint32_t> starts(get<std::uint32_t>(b, at));
  for (auto& f : starts) {
    get<std::uint8_t>(b, at);
    f = get<std::uint32_t>(b, at);
  }
  if (get<std::uint32_t>(b, at) != 1) throw std::runtime_error("the test server keeps one shape per value");
  at += 8;
  s.type = get<std::uint8_t>(b, at);
  for (std::size_t i = 0; i < starts.size(); ++i)
    s.figures.emplace_back(points.begin() + starts[i], i + 1 < starts.size() ? points.begin() + starts[i + 1] : points.end());
  return s;
}

std::string wkb_bytes(const Spatial& s) {
  std::string out(1, '\x01');  // little-endian
  put(out, static_cast<std::uint32_t>(s.type));
  if (s.type == 3) put(out, static_cast<std::uint32_t>(s.figures.size()));
  for (const auto& f : s.figures) {
    if (s.type != 1) put(out, static_cast<std::uint32_t>(f.size()));
    for (const auto& [x, y] : f) {
      put(out, x);
      put(out, y);
    }
  }
  return out;
}

}  // namespace tdstest
