#include "verify/checksum.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

namespace cutover {

namespace {

constexpr uint64_t k_mul = 0x9E3779B97F4A7C15ULL;

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Decimal digits without trailing fractional zeros, "-0" as "0".
std::string_view trim_decimal(std::string_view d) {
  if (d.find('.') == std::string_view::npos) return d == "-0" ? std::string_view("0") : d;
  while (d.back() == '0') d.remove_suffix(1);
  if (d.back() == '.') d.remove_suffix(1);
  if (d == "-0" || d.empty()) return "0";
  return d;
}

uint64_t cell_hash(const RowBatch& batch, const Cell& c) {
  switch (c.kind) {
    case ValueKind::null: return 0x6e756c6cULL;
    case ValueKind::boolean:
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64:
    case ValueKind::date:
    case ValueKind::time:
    case ValueKind::timestamp:
    case ValueKind::timestamptz: return mix(static_cast<uint64_t>(c.i) ^ k_mul);
    case ValueKind::uint64: return mix(c.u ^ k_mul);
    case ValueKind::float32:
    case ValueKind::float64: {
      double v = c.kind == ValueKind::float32 ? static_cast<double>(c.f32) : c.f64;
      if (std::isnan(v)) return 0x4e614eULL;
      uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      return mix(bits ^ (k_mul << 1));
    }
    case ValueKind::decimal: return hash_bytes(trim_decimal(batch.payload(c)), 0xdec);
    case ValueKind::json: return hash_bytes(canonical_json(batch.payload(c)), 0x7e47);
    default: return hash_bytes(batch.payload(c), 0x7e47);
  }
}

void append_canonical(const nlohmann::json& j, std::string& out);

// Numbers by value: integral ones as integer digits ("1.0", "1e2" and "100"
// are one number, as PostgreSQL's jsonb equality says), others as the
// shortest text that reads back to the same double.
void append_number(const nlohmann::json& j, std::string& out) {
  if (j.is_number_unsigned()) {
    fmt::format_to(std::back_inserter(out), "{}", j.get<uint64_t>());
    return;
  }
  if (j.is_number_integer()) {
    fmt::format_to(std::back_inserter(out), "{}", j.get<int64_t>());
    return;
  }
  double d = j.get<double>();
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e18) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<int64_t>(d));
    return;
  }
  fmt::format_to(std::back_inserter(out), "{}", d);
}

void append_canonical(const nlohmann::json& j, std::string& out) {
  if (j.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : j.items()) {  // std::map: keys in byte order
      if (!first) out += ',';
      first = false;
      out += nlohmann::json(k).dump();
      out += ':';
      append_canonical(v, out);
    }
    out += '}';
  } else if (j.is_array()) {
    out += '[';
    for (size_t i = 0; i < j.size(); ++i) {
      if (i > 0) out += ',';
      append_canonical(j[i], out);
    }
    out += ']';
  } else if (j.is_number()) {
    append_number(j, out);
  } else {
    out += j.dump();
  }
}

}  // namespace

std::string canonical_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  append_canonical(j, out);
  return out;
}

namespace {

uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The last n < 8 bytes at p, zero-extended as a little-endian word (what a
// memcpy of n bytes into a zeroed word gives), without a call to memcpy:
// two overlapping loads place every byte where it belongs.
uint64_t load_tail(const char* p, size_t n) {
  if (n >= 4) return load32(p) | load32(p + n - 4) << (8 * (n - 4));
  if (n == 0) return 0;
  auto byte = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}

}  // namespace

uint64_t hash_bytes(std::string_view data, uint64_t seed) {
  uint64_t h = seed ^ (data.size() * k_mul);
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ mix(w)) * k_mul;
  }
  return mix(h ^ load_tail(data.data() + i, data.size() - i));
}

uint64_t value_hash(const RowBatch& batch, size_t row, size_t col) { return cell_hash(batch, batch.at(row, col)); }

uint64_t row_hash(const RowBatch& batch, size_t row) {
  uint64_t h = 0x243F6A8885A308D3ULL;
  for (size_t col = 0; col < batch.columns(); ++col)
    h = mix(h ^ (cell_hash(batch, batch.at(row, col)) + col * k_mul));
  return h;
}

uint64_t batch_checksum(const RowBatch& batch) {
  uint64_t sum = 0;
  for (size_t r = 0; r < batch.rows(); ++r) sum += row_hash(batch, r);
  return sum;
}

std::string checksum_hex(uint64_t checksum) { return fmt::format("{:016x}", checksum); }

}  // namespace cutover
