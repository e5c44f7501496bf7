#include "core/row_batch.hpp"

namespace cutover {

void RowBatch::put_var(ValueKind kind, std::string_view v) {
  Cell& c = cells_.emplace_back();
  c.kind = kind;
  c.offset = arena_.size();
  c.len = static_cast<uint32_t>(v.size());
  arena_.append(v);
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
  size_t partial = partial_cells();
  if (partial == 0) return;
  size_t first = cells_.size() - partial;
  // Arena payloads of the dropped cells are at the arena's tail.
  for (size_t i = first; i < cells_.size(); ++i) {
    if (is_variable_length(cells_[i].kind)) {
      arena_.resize(cells_[i].offset);
      break;
    }
  }
  cells_.resize(first);
}

}  // namespace cutover
