#include "sources/mysql/mysql_binary_stream.hpp"

#include <fmt/format.h>
#include <mysqld_error.h>

#include <charconv>
#include <cstring>
#include <vector>

namespace cutover::mysql {
namespace {

enum class Shape { integer, floating, date, datetime, time, bytes };

Shape shape_of(enum_field_types t) {
  switch (t) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR: return Shape::integer;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE: return Shape::floating;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE: return Shape::date;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP: return Shape::datetime;
    case MYSQL_TYPE_TIME: return Shape::time;
    default: return Shape::bytes;
  }
}

constexpr size_t k_first_buffer = 64;

// One result column: the bound buffer and the text the row shows.
struct Slot {
  Shape shape = Shape::bytes;
  bool is_unsigned = false;
  int64_t i = 0;  // the bound buffer of each number shape
  uint64_t u = 0;
  double d = 0;
  MYSQL_TIME time{};
  std::vector<char> bytes;  // Shape::bytes: the value itself
  char text[48] = {};       // the other shapes: the value as text, when asked
  size_t text_length = 0;
  bool formatted = false;
  unsigned long length = 0;
  my_bool null = 0;
  my_bool error = 0;
};

// The current value of a slot that is not bytes.
Native native_of(const Slot& s) {
  Native n{};
  n.i = s.i;
  n.u = s.u;
  n.d = s.d;
  n.time = &s.time;
  switch (s.shape) {
    case Shape::integer: n.tag = s.is_unsigned ? Native::Tag::int_unsigned : Native::Tag::int_signed; break;
    case Shape::floating: n.tag = Native::Tag::floating; break;
    case Shape::date: n.tag = Native::Tag::date; break;
    case Shape::datetime: n.tag = Native::Tag::datetime; break;
    default: n.tag = Native::Tag::time; break;
  }
  return n;
}

char* put_digits(char* p, unsigned long v, int width) {
  for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  return p + width;
}

char* put_fraction(char* p, unsigned long micros) {
  if (micros == 0) return p;
  *p++ = '.';
  return put_digits(p, micros, 6);
}

char* put_date(char* p, const MYSQL_TIME& t) {
  p = put_digits(p, t.year, 4);
  *p++ = '-';
  p = put_digits(p, t.month, 2);
  *p++ = '-';
  return put_digits(p, t.day, 2);
}

char* put_clock(char* p, unsigned long hours, const MYSQL_TIME& t) {
  p = hours < 100 ? put_digits(p, hours, 2) : std::to_chars(p, p + 12, hours).ptr;
  *p++ = ':';
  p = put_digits(p, t.minute, 2);
  *p++ = ':';
  p = put_digits(p, t.second, 2);
  return put_fraction(p, t.second_part);
}

// The text protocol's form of a non-bytes value, into slot.text.
size_t format(Slot& s) {
  char* p = s.text;
  char* end = s.text + sizeof s.text;
  switch (s.shape) {
    case Shape::integer:
      p = s.is_unsigned ? std::to_chars(p, end, s.u).ptr : std::to_chars(p, end, s.i).ptr;
      break;
    case Shape::floating: p = std::to_chars(p, end, s.d).ptr; break;
    case Shape::date: p = put_date(p, s.time); break;
    case Shape::datetime:
      p = put_date(p, s.time);
      *p++ = ' ';
      p = put_clock(p, s.time.hour, s.time);
      break;
    case Shape::time:
      if (s.time.neg) *p++ = '-';
      p = put_clock(p, s.time.day * 24UL + s.time.hour, s.time);
      break;
    case Shape::bytes: break;
  }
  return static_cast<size_t>(p - s.text);
}

void bind_slot(Slot& s, MYSQL_BIND& b) {
  std::memset(&b, 0, sizeof b);
  b.length = &s.length;
  b.is_null = &s.null;
  b.error = &s.error;
  switch (s.shape) {
    case Shape::integer:
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = s.is_unsigned ? static_cast<void*>(&s.u) : static_cast<void*>(&s.i);
      b.is_unsigned = s.is_unsigned;
      break;
    case Shape::floating:
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &s.d;
      break;
    case Shape::date:
    case Shape::datetime:
    case Shape::time:
      b.buffer_type = s.shape == Shape::time ? MYSQL_TYPE_TIME : MYSQL_TYPE_DATETIME;
      b.buffer = &s.time;
      break;
    case Shape::bytes:
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = s.bytes.data();
      b.buffer_length = s.bytes.size();
      break;
  }
}

class BinaryStream final : public RowStream {
 public:
  BinaryStream(MYSQL* conn, MYSQL_STMT* stmt) : conn_(conn), stmt_(stmt) {}
  ~BinaryStream() override { mysql_stmt_close(stmt_); }  // reads and drops what is left
  BinaryStream(const BinaryStream&) = delete;
  BinaryStream& operator=(const BinaryStream&) = delete;

  Status start(std::string_view sql);
  Result<bool> next() override;
  bool is_null(unsigned i) const override { return slots_[i].null; }
  std::string_view text(unsigned i) override;
  std::optional<Native> native(unsigned i) const override {
    if (slots_[i].shape == Shape::bytes || slots_[i].null) return std::nullopt;
    return native_of(slots_[i]);
  }

 private:
  Status bind();
  Status refetch_truncated();
  Error error(std::string_view what) const;

  MYSQL* conn_;
  MYSQL_STMT* stmt_;
  std::vector<Slot> slots_;
  std::vector<MYSQL_BIND> binds_;
};

// The statement's error; when it has none (a fetch on a connection the
// server killed leaves it on the connection), the connection's; when that
// has none either, a lost connection, which is what it was.
Error BinaryStream::error(std::string_view what) const {
  if (mysql_stmt_errno(stmt_) != 0) return mysql_error_of(stmt_, what);
  if (mysql_errno(conn_) != 0) return mysql_error_of(conn_, what);
  return lost_connection_error(what);
}

Status BinaryStream::start(std::string_view sql) {
  if (mysql_stmt_execute(stmt_) != 0)
    return fail(error(fmt::format("MySQL query failed (in: {})", sql)));
  MYSQL_RES* meta = mysql_stmt_result_metadata(stmt_);
  if (meta == nullptr) return fail(error(fmt::format("MySQL query returned no result (in: {})", sql)));
  unsigned n = mysql_num_fields(meta);
  const MYSQL_FIELD* fields = mysql_fetch_fields(meta);
  slots_.resize(n);
  for (unsigned i = 0; i < n; ++i) {
    slots_[i].shape = shape_of(fields[i].type);
    slots_[i].is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0;
    if (slots_[i].shape == Shape::bytes) slots_[i].bytes.resize(k_first_buffer);
  }
  mysql_free_result(meta);
  binds_.resize(n);
  return bind();
}

Status BinaryStream::bind() {
  for (size_t i = 0; i < slots_.size(); ++i) bind_slot(slots_[i], binds_[i]);
  if (mysql_stmt_bind_result(stmt_, binds_.data()) != 0) return fail(error("binding result columns failed"));
  return {};
}

// Values longer than their buffers: grown, fetched again whole, rebound.
Status BinaryStream::refetch_truncated() {
  bool grown = false;
  for (unsigned i = 0; i < slots_.size(); ++i) {
    Slot& s = slots_[i];
    if (s.shape != Shape::bytes || s.null || s.length <= s.bytes.size()) continue;
    s.bytes.resize(s.length);
    MYSQL_BIND b;
    bind_slot(s, b);
    if (mysql_stmt_fetch_column(stmt_, &b, i, 0) != 0) return fail(error("reading a long value failed"));
    grown = true;
  }
  return grown ? bind() : Status{};
}

Result<bool> BinaryStream::next() {
  int rc = mysql_stmt_fetch(stmt_);
  if (rc == MYSQL_NO_DATA) return false;
  if (rc == 1) return fail(error("reading rows failed"));
  if (rc == MYSQL_DATA_TRUNCATED)
    if (auto st = refetch_truncated(); !st) return fail(st.error());
  for (size_t i = 0; i < slots_.size(); ++i) slots_[i].formatted = false;
  return true;
}

std::string_view BinaryStream::text(unsigned i) {
  Slot& s = slots_[i];
  if (s.null) return {};
  if (s.shape == Shape::bytes) return {s.bytes.data(), s.length};
  if (!s.formatted) s.text_length = format(s), s.formatted = true;
  return {s.text, s.text_length};
}

}  // namespace

Result<std::unique_ptr<RowStream>> open_binary_stream(MYSQL* conn, std::string_view sql) {
  MYSQL_STMT* stmt = mysql_stmt_init(conn);
  if (stmt == nullptr) return fail(mysql_error_of(conn, "mysql_stmt_init failed"));
  if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
    Error e = mysql_error_of(stmt, fmt::format("MySQL query failed (in: {})", sql));
    mysql_stmt_close(stmt);
    if (e.native_code == ER_UNSUPPORTED_PS) return std::unique_ptr<RowStream>{};
    return fail(std::move(e));
  }
  auto stream = std::make_unique<BinaryStream>(conn, stmt);
  if (auto st = stream->start(sql); !st) return fail(st.error());
  return std::unique_ptr<RowStream>(std::move(stream));
}

}  // namespace cutover::mysql
