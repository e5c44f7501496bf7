#include "core/row_batch.hpp"

namespace cutover {

void RowBatch::put_var(ValueKind kind, std::string_view v) {
  Cell& c = cells_.emplace_back();
  c.kind = kind;
  c.offset = arena_.size();
  c.len = static_cast<uint32_t>(v.size());
  arena_.append(v);
}

size_t RowBatch::put_raw_row(std::string_view bytes) {
  size_t at = arena_.size();
  raw_starts_.push_back(at);
  arena_.append(bytes);
  return at;
}

void RowBatch::put_ref(ValueKind kind, size_t offset, size_t len) {
  Cell& c = cells_.emplace_back();
  c.kind = kind;
  c.offset = offset;
  c.len = static_cast<uint32_t>(len);
}

std::string_view RowBatch::raw_rows(size_t first, size_t last) const {
  if (first >= last) return {};
  size_t begin = raw_starts_[first];
  size_t end = last < raw_starts_.size() ? raw_starts_[last] : arena_.size();
  return {arena_.data() + begin, end - begin};
}

void RowBatch::put_interval(const Interval& v) {
  char buf[sizeof(Interval)];
  std::memcpy(buf, &v, sizeof v);
  put_var(ValueKind::interval, {buf, sizeof buf});
}

Interval RowBatch::interval(const Cell& c) const {
  Interval v;
  std::memcpy(&v, arena_.data() + c.offset, sizeof v);
  return v;
}

void RowBatch::discard_partial_row() {
  size_t first = cells_.size() - partial_cells();
  // Arena payloads of the dropped cells are at the arena's tail.
  for (size_t i = first; i < cells_.size(); ++i) {
    if (is_variable_length(cells_[i].kind)) {
      arena_.resize(cells_[i].offset);
      break;
    }
  }
  cells_.resize(first);
  if (raw_starts_.size() > rows()) {  // the partial row's raw bytes
    arena_.resize(raw_starts_.back());
    raw_starts_.pop_back();
  }
}

}  // namespace cutover
