// Text-like kinds of the SQLite value decoder: text, bytes, boolean, uuid, json.
#include <fmt/format.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_decode.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"

namespace cutover::sqlite {

namespace {

int64_t utf8_chars(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Rewrites `s` into `out` by the NUL policy (strip or replace).
void apply_nul_policy(std::string_view s, const DecodeContext& ctx, std::string& out) {
  out.clear();
  for (char c : s) {
    if (c != '\0') out += c;
    else if (ctx.nul_policy == NulPolicy::replace) out += ctx.nul_replacement;
  }
}

std::optional<bool> boolean_word(std::string_view s) {
  for (auto w : {"1", "t", "true"})
    if (iequals(s, w)) return true;
  for (auto w : {"0", "f", "false"})
    if (iequals(s, w)) return false;
  return std::nullopt;
}

}  // namespace

bool ColumnDecoder::put_checked_text(std::string_view s, RowBatch& b, DecodeContext& ctx) const {
  if (std::memchr(s.data(), '\0', s.size()) != nullptr) {
    if (ctx.nul_policy == NulPolicy::reject) {
      ctx.reject = {"nul_in_text", "text contains a NUL byte, which PostgreSQL text cannot hold; "
                                   "--nul-policy strip or replace keeps the row", display_value(s)};
      return false;
    }
    apply_nul_policy(s, ctx, ctx.scratch);
    ctx.fire(ctx.nul_policy == NulPolicy::strip ? Fired::nul_strip : Fired::nul_replace);
    s = ctx.scratch;
  }
  if (max_chars_ && static_cast<int64_t>(s.size()) > *max_chars_ && utf8_chars(s) > *max_chars_) {
    ctx.reject = {"too_long", fmt::format("text has {} characters, more than {} allows; {} keeps it",
                                          utf8_chars(s), target_type_, cast_hint(ctx, "text")),
                  display_value(s)};
    return false;
  }
  b.put_text(s);
  return true;
}

bool ColumnDecoder::text(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  if (v.type == SQLITE_INTEGER || v.type == SQLITE_FLOAT) {
    ctx.scratch = v.type == SQLITE_INTEGER ? std::to_string(v.i) : real_as_text(v.f);
    ctx.fire(Fired::number_as_text);
    return put_checked_text(ctx.scratch, b, ctx);
  }
  if (v.type == SQLITE_TEXT && is_plain_ascii(v.bytes) &&
      (!max_chars_ || static_cast<int64_t>(v.bytes.size()) <= *max_chars_)) {
    b.put_text(v.bytes);
    return true;
  }
  if (!is_valid_utf8(v.bytes)) {
    const char* what = v.type == SQLITE_TEXT ? "text is not valid UTF-8 (SQLite does not check)"
                                             : "blob is not UTF-8 text";
    return refuse(v, ctx, "invalid_utf8", fmt::format("{}; {} keeps the bytes", what, cast_hint(ctx, "bytea")));
  }
  if (v.type == SQLITE_BLOB) ctx.fire(Fired::blob_as_text);
  return put_checked_text(v.bytes, b, ctx);
}

bool ColumnDecoder::bytes(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  if (v.type == SQLITE_BLOB) {
    b.put_bytes(v.bytes);
  } else if (v.type == SQLITE_TEXT) {
    ctx.fire(Fired::text_as_bytes);
    b.put_bytes(v.bytes);
  } else {
    ctx.fire(Fired::number_as_bytes);
    b.put_bytes(v.type == SQLITE_INTEGER ? std::to_string(v.i) : real_as_text(v.f));
  }
  return true;
}

bool ColumnDecoder::boolean(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  std::optional<bool> x;
  if (v.type == SQLITE_INTEGER && (v.i == 0 || v.i == 1)) x = v.i == 1;
  if (v.type == SQLITE_FLOAT && (v.f == 0.0 || v.f == 1.0)) x = v.f == 1.0;
  if (v.type == SQLITE_TEXT) x = boolean_word(v.bytes);
  if (!x)
    return refuse(v, ctx, "not_boolean", fmt::format("{} is not 0/1 or true/false; {} keeps it",
                                                     v.type == SQLITE_TEXT ? "text" : "value",
                                                     cast_hint(ctx, v.type == SQLITE_INTEGER ? "bigint" : "text")));
  b.put_bool(*x);
  return true;
}

bool ColumnDecoder::uuid(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  if (v.type == SQLITE_BLOB && v.bytes.size() == 16) {
    b.put_uuid(reinterpret_cast<const uint8_t*>(v.bytes.data()));
    return true;
  }
  if (v.type == SQLITE_TEXT) {
    if (auto u = parse_uuid(v.bytes)) {
      b.put_uuid(u->data());
      return true;
    }
  }
  return refuse(v, ctx, "bad_uuid", fmt::format("not a UUID (36-character text or 16-byte blob); {} keeps it",
                                                cast_hint(ctx, v.type == SQLITE_BLOB ? "bytea" : "text")));
}

bool ColumnDecoder::json(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  if (v.type == SQLITE_INTEGER) {
    b.put_json(std::to_string(v.i));
    return true;
  }
  if (v.type == SQLITE_FLOAT && std::isfinite(v.f)) {
    b.put_json(decimal_from_double(v.f));
    return true;
  }
  if (v.type == SQLITE_TEXT && !is_valid_utf8(v.bytes))
    return refuse(v, ctx, "invalid_utf8", fmt::format("text is not valid UTF-8 (SQLite does not check); {} keeps the bytes",
                                                      cast_hint(ctx, "bytea")));
  if (v.type != SQLITE_TEXT || !nlohmann::json::accept(v.bytes.begin(), v.bytes.end()))
    return refuse(v, ctx, "bad_json", fmt::format("not valid JSON; {} keeps it", cast_hint(ctx, "text")));
  if (jsonb_ && v.bytes.find("\\u0000") != std::string_view::npos)
    return refuse(v, ctx, "bad_json", fmt::format("contains \\u0000, which jsonb cannot store; {} keeps it",
                                                  cast_hint(ctx, "json")));
  b.put_json(v.bytes);
  return true;
}

}  // namespace cutover::sqlite
