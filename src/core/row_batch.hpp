// RowBatch: rows of canonical values travelling from a source reader to a
// target writer. Row-major cells of 16 bytes plus one byte arena for
// variable-length payloads, so a batch is two allocations whatever its size
// and its memory is known exactly (byte_size) for the bytes-bounded queues.
//
// Thread safety: none; a batch is owned by one thread at a time and handed
// over through a queue.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace cutover {

struct Cell {
  ValueKind kind = ValueKind::null;
  uint32_t len = 0;  // payload length for variable-length kinds
  union {
    int64_t i;
    uint64_t u;
    double f64;
    float f32;
    uint64_t offset;  // into the arena, for variable-length kinds
  };
  Cell() : i(0) {}
};
static_assert(sizeof(Cell) == 16);

class RowBatch {
 public:
  explicit RowBatch(size_t columns = 0) : columns_(columns) {}

  size_t columns() const { return columns_; }
  size_t rows() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  bool empty() const { return cells_.empty(); }
  // Memory held by the batch's contents (what the queues budget).
  size_t byte_size() const {
    return cells_.size() * sizeof(Cell) + arena_.size() + raw_starts_.size() * sizeof(size_t);
  }

  // Memory the batch holds, contents or not (what a recycled batch keeps).
  size_t capacity_bytes() const {
    return cells_.capacity() * sizeof(Cell) + arena_.capacity() + raw_starts_.capacity() * sizeof(size_t);
  }
  void reset(size_t columns) { columns_ = columns; clear(); }
  void clear() { cells_.clear(); arena_.clear(); raw_starts_.clear(); }
  void reserve(size_t rows, size_t arena_bytes) {
    cells_.reserve(rows * columns_);
    arena_.reserve(arena_bytes);
  }

  // Appending: cells are appended in column order; a row is complete after
  // columns() cells. A decoder that rejects a row half-way calls
  // discard_partial_row() to drop the cells it already appended.
  void put_null() { cells_.emplace_back(); }
  void put_bool(bool v) { put_fixed(ValueKind::boolean).i = v ? 1 : 0; }
  void put_int16(int16_t v) { put_fixed(ValueKind::int16).i = v; }
  void put_int32(int32_t v) { put_fixed(ValueKind::int32).i = v; }
  void put_int64(int64_t v) { put_fixed(ValueKind::int64).i = v; }
  void put_uint64(uint64_t v) { put_fixed(ValueKind::uint64).u = v; }
  void put_float32(float v) { put_fixed(ValueKind::float32).f32 = v; }
  void put_float64(double v) { put_fixed(ValueKind::float64).f64 = v; }
  void put_date(int32_t days) { put_fixed(ValueKind::date).i = days; }
  void put_time(int64_t micros) { put_fixed(ValueKind::time).i = micros; }
  void put_timestamp(int64_t micros) { put_fixed(ValueKind::timestamp).i = micros; }
  void put_timestamptz(int64_t micros) { put_fixed(ValueKind::timestamptz).i = micros; }
  void put_interval(const Interval& v);
  void put_uuid(const uint8_t bytes[16]) { put_var(ValueKind::uuid, {reinterpret_cast<const char*>(bytes), 16}); }
  void put_text(std::string_view v) { put_var(ValueKind::text, v); }
  void put_decimal(std::string_view digits) { put_var(ValueKind::decimal, digits); }
  void put_bytes(std::string_view v) { put_var(ValueKind::bytes, v); }
  void put_json(std::string_view v) { put_var(ValueKind::json, v); }
  void put_var(ValueKind kind, std::string_view v);

  // Relayed rows (a PostgreSQL source): each row's bytes exactly as COPY
  // sent them are kept whole in the arena, and its cells point into them
  // (put_ref) rather than copying each field, so a writer can pass the rows
  // on unchanged (raw_rows). A batch holds raw rows for all its rows or none.
  // put_raw_row returns the arena offset of the row's first byte.
  size_t put_raw_row(std::string_view bytes);
  void put_ref(ValueKind kind, size_t offset, size_t len);
  bool has_raw_rows() const { return !raw_starts_.empty(); }
  // The bytes of rows [first, last), which must be complete.
  std::string_view raw_rows(size_t first, size_t last) const;

  void discard_partial_row();
  // Cells appended so far in the row being built.
  size_t partial_cells() const { return columns_ == 0 ? 0 : cells_.size() % columns_; }

  const Cell& at(size_t row, size_t col) const { return cells_[row * columns_ + col]; }
  std::string_view payload(const Cell& c) const { return {arena_.data() + c.offset, c.len}; }
  Interval interval(const Cell& c) const;

 private:
  Cell& put_fixed(ValueKind kind) {
    Cell& c = cells_.emplace_back();
    c.kind = kind;
    return c;
  }

  size_t columns_;
  std::vector<Cell> cells_;
  std::string arena_;
  std::vector<size_t> raw_starts_;  // arena offset of each raw row
};

}  // namespace cutover
