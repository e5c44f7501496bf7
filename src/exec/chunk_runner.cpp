#include "exec/chunk_runner.hpp"

#include <memory>
#include <thread>

#include "util/bounded_queue.hpp"
#include "verify/checksum.hpp"

namespace cutover {

namespace {

using BatchPtr = std::unique_ptr<RowBatch>;

struct ReaderState {
  std::optional<Error> error;
  std::vector<RejectedRow> rejects;
  int64_t rejected = 0;
  RuleCounts rules;
};

std::vector<ValueKind> column_kinds(const TablePlan& table) {
  std::vector<ValueKind> kinds;
  for (const auto& c : table.columns) kinds.push_back(c.type.kind);
  return kinds;
}

void keep_rejects(ReaderState& st, std::vector<RejectedRow>&& rows) {
  st.rejected += static_cast<int64_t>(rows.size());
  for (auto& r : rows)
    if (st.rejects.size() < k_max_rejects_kept) st.rejects.push_back(std::move(r));
}

// The reader thread's loop: batches into `full`, recycled ones from `spare`.
void read_chunk(ChunkReader& reader, size_t columns, BoundedQueue<BatchPtr>& full,
                BoundedQueue<BatchPtr>& spare, ReaderState& st, const std::atomic<bool>* cancel) {
  for (;;) {
    auto recycled = spare.try_pop();
    BatchPtr batch = recycled ? std::move(*recycled) : std::make_unique<RowBatch>(columns);
    auto more = reader.next(*batch);
    keep_rejects(st, reader.take_rejects());
    if (!more) {
      st.error = std::move(more.error());
      full.close();
      return;
    }
    if (cancel && *cancel) {
      st.error = Error{ErrorKind::interrupted, "interrupted"};
      full.close();
      return;
    }
    size_t bytes = batch->byte_size();
    if (batch->rows() > 0 && !full.push(std::move(batch), bytes)) return;
    if (!*more) break;
  }
  st.rules = reader.rule_counts();
  full.finish();
}

}  // namespace

Result<ChunkOutcome> run_chunk(Source& source, Target& target, const TablePlan& table,
                               const ChunkSpec& chunk, const ChunkRunOptions& options) {
  auto reader = source.open_reader(table, chunk, options.read);
  if (!reader) return fail(std::move(reader.error()));
  auto writer = target.open_writer(table, chunk);
  if (!writer) return fail(std::move(writer.error()));
  if (auto st = (*writer)->begin(); !st) return fail(std::move(st.error()));

  BoundedQueue<BatchPtr> full(static_cast<size_t>(options.queue_bytes), 64);
  BoundedQueue<BatchPtr> spare(SIZE_MAX, SIZE_MAX);  // never blocks: batches in flight are bounded by `full`
  ReaderState rs;
  std::thread reader_thread([&] {
    read_chunk(**reader, table.columns.size(), full, spare, rs, options.cancel);
  });

  ChunkOutcome out;
  out.totals = ColumnTotals(column_kinds(table));
  std::optional<Error> write_error;
  while (auto batch = full.pop()) {
    const RowBatch& b = **batch;
    out.record.checksum += batch_checksum(b);
    out.totals.add(b);
    if (auto st = (*writer)->write(b); !st) {
      write_error = std::move(st.error());
      full.close();
      break;
    }
    out.record.rows += static_cast<int64_t>(b.rows());
    if (options.on_batch) options.on_batch(static_cast<int64_t>(b.rows()), static_cast<int64_t>(b.byte_size()));
    (*batch)->clear();
    spare.push(std::move(*batch), 0);
  }
  reader_thread.join();
  if (write_error || rs.error) {
    (*writer)->abort();
    return fail(write_error ? std::move(*write_error) : std::move(*rs.error));
  }
  out.record.bytes = (*writer)->bytes_written();
  out.record.rejected = rs.rejected;
  out.record.rules = std::move(rs.rules);
  out.rejects = std::move(rs.rejects);
  for (const auto& [col, sum] : out.totals.sums()) out.record.totals[table.columns[col].target_name] = sum;
  if (auto st = (*writer)->commit(out.record); !st) return fail(std::move(st.error()));
  return out;
}

}  // namespace cutover
