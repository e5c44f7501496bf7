#include "exec/chunk_runner.hpp"

#include <memory>
#include <mutex>
#include <thread>

#include "targets/postgres/pg_copy_text_row.hpp"
#include "util/bounded_queue.hpp"
#include "verify/checksum.hpp"

namespace cutover {

namespace {

using BatchPtr = std::unique_ptr<RowBatch>;

// Batches emptied by one chunk serve the next ones: a batch grows to its
// working size once per process rather than once per chunk (each growth
// copies and faults in fresh pages). Keeps at most k_kept_bytes of them; the
// chunks' queues budget a batch by the memory it holds, not its contents.
class BatchRecycler {
 public:
  BatchPtr acquire(size_t columns) {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        BatchPtr b = std::move(free_.back());
        free_.pop_back();
        kept_bytes_ -= b->capacity_bytes();
        b->reset(columns);
        return b;
      }
    }
    return std::make_unique<RowBatch>(columns);
  }
  void release(BatchPtr b) {
    b->clear();
    size_t size = b->capacity_bytes();
    std::lock_guard lock(mu_);
    if (kept_bytes_ + size > k_kept_bytes) return;
    kept_bytes_ += size;
    free_.push_back(std::move(b));
  }

 private:
  static constexpr size_t k_kept_bytes = 64 << 20;
  std::mutex mu_;
  std::vector<BatchPtr> free_;  // guarded by mu_
  size_t kept_bytes_ = 0;        // guarded by mu_
};

BatchRecycler& recycler() {
  static BatchRecycler r;
  return r;
}

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

// "id=42" from the table's primary key, or the row's place in the chunk.
std::string row_key(const TablePlan& table, const RowBatch& b, size_t row, int64_t chunk_row) {
  std::string key;
  for (const auto& pk : table.source.primary_key)
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].source_name != pk) continue;
      const Cell& cell = b.at(row, c);
      std::string v = cell.kind == ValueKind::int64 || cell.kind == ValueKind::int32 || cell.kind == ValueKind::int16
                          ? std::to_string(cell.i)
                          : is_variable_length(cell.kind) ? std::string(b.payload(cell).substr(0, 64)) : "?";
      key += (key.empty() ? "" : ",") + pk + "=" + v;
    }
  return key.empty() ? "row " + std::to_string(chunk_row + 1) + " of the chunk" : key;
}

RejectedRow refused_to_reject(const TablePlan& table, const RowBatch& b, const RefusedRow& r,
                              int64_t chunk_row) {
  RejectedRow out;
  out.table = table.target_schema + "." + table.target_name;
  out.key = row_key(table, b, r.row, chunk_row);
  out.column = r.error.context.column;
  out.value = r.error.context.value;
  for (size_t c = 0; out.value.empty() && c < table.columns.size(); ++c)
    if (table.columns[c].target_name == out.column) out.value = pg::copy_text_value(b, r.row, c).substr(0, 200);
  out.reason = r.error.message;
  out.rule = "target_refused";
  out.copy_line = pg::copy_text_line(b, r.row);
  return out;
}

void keep_rejects(ReaderState& st, std::vector<RejectedRow>&& rows) {
  st.rejected += static_cast<int64_t>(rows.size());
  for (auto& r : rows)
    if (st.rejects.size() < k_max_rejects_kept) st.rejects.push_back(std::move(r));
}

// The reader thread's loop: batches into `full`.
void read_chunk(ChunkReader& reader, size_t columns, BoundedQueue<BatchPtr>& full, ReaderState& st,
                const std::atomic<bool>* cancel) {
  for (;;) {
    BatchPtr batch = recycler().acquire(columns);
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
    if (batch->rows() == 0) {
      recycler().release(std::move(batch));
    } else {
      size_t bytes = batch->capacity_bytes();
      if (!full.push(std::move(batch), bytes)) return;
    }
    if (!*more) break;
  }
  st.rules = reader.rule_counts();
  full.finish();
}

// Checksums and totals of the rows the target took; rejects for the others.
void account_refused(const TablePlan& table, const RowBatch& b, const std::vector<RefusedRow>& refused,
                     ChunkOutcome& out, int64_t rows_before) {
  std::vector<bool> skip(b.rows(), false);
  for (const auto& r : refused) {
    skip[r.row] = true;
    if (out.rejects.size() < k_max_rejects_kept)
      out.rejects.push_back(refused_to_reject(table, b, r, rows_before + static_cast<int64_t>(r.row)));
  }
  for (size_t r = 0; r < b.rows(); ++r)
    if (!skip[r]) out.record.checksum += row_hash(b, r);
  out.totals.add(b, skip);
}

// Streams `chunk` from the source through `writer` (begun); the record is
// complete except for committing it. On error the caller aborts the writer.
Result<ChunkOutcome> copy_chunk(Source& source, ChunkWriter& writer, const TablePlan& table,
                                const ChunkSpec& chunk, const ChunkRunOptions& options) {
  auto reader = source.open_reader(table, chunk, options.read);
  if (!reader) return fail(std::move(reader.error()));
  BoundedQueue<BatchPtr> full(static_cast<size_t>(options.queue_bytes), 64);
  ReaderState rs;
  std::thread reader_thread([&] {
    read_chunk(**reader, table.columns.size(), full, rs, options.cancel);
  });

  ChunkOutcome out;
  out.totals = ColumnTotals(column_kinds(table));
  std::optional<Error> write_error;
  int64_t refused = 0;
  int64_t bytes_before = writer.bytes_written();
  while (auto batch = full.pop()) {
    const RowBatch& b = **batch;
    if (auto st = writer.write(b); !st) {
      write_error = std::move(st.error());
      full.close();
      break;
    }
    auto refused_rows = writer.take_refused();
    if (refused_rows.empty()) {
      out.record.checksum += batch_checksum(b);
      out.totals.add(b);
    } else {
      account_refused(table, b, refused_rows, out, out.record.rows);
      refused += static_cast<int64_t>(refused_rows.size());
    }
    out.record.rows += static_cast<int64_t>(b.rows() - refused_rows.size());
    if (options.on_batch) options.on_batch(static_cast<int64_t>(b.rows()), static_cast<int64_t>(b.byte_size()));
    recycler().release(std::move(*batch));
  }
  reader_thread.join();
  if (write_error || rs.error) return fail(write_error ? std::move(*write_error) : std::move(*rs.error));
  out.record.bytes = writer.bytes_written() - bytes_before;
  out.record.rejected = rs.rejected + refused;
  out.record.rules = std::move(rs.rules);
  if (refused > 0) out.record.rules.add("target_refused", refused);
  for (const auto& d : table.dropped) out.record.rules.add(d.type.rule, out.record.rows);  // values not copied
  for (auto& r : rs.rejects) out.rejects.push_back(std::move(r));
  for (const auto& [col, sum] : out.totals.sums()) out.record.totals[table.columns[col].target_name] = sum;
  return out;
}

}  // namespace

Result<ChunkOutcome> run_chunk(Source& source, Target& target, const TablePlan& table,
                               const ChunkSpec& chunk, const ChunkRunOptions& options) {
  auto writer = target.open_writer(table, chunk);
  if (!writer) return fail(std::move(writer.error()));
  (*writer)->set_isolating(options.isolate);
  (*writer)->set_replace(options.replace);
  if (auto st = (*writer)->begin(); !st) return fail(std::move(st.error()));
  auto out = copy_chunk(source, **writer, table, chunk, options);
  if (!out) {
    (*writer)->abort();
    return out;
  }
  if (auto st = (*writer)->commit(out->record); !st) return fail(std::move(st.error()));
  return out;
}

Result<std::vector<ChunkOutcome>> replace_table(Source& source, Target& target, const TablePlan& table,
                                                const ChunkRunOptions& options) {
  auto writer = target.open_writer(table, table.chunks.front());
  if (!writer) return fail(std::move(writer.error()));
  ReplaceSpec spec = options.replace;
  spec.whole_table = true;
  (*writer)->set_replace(spec);
  if (auto st = (*writer)->begin(); !st) return fail(std::move(st.error()));
  std::vector<ChunkOutcome> outs;
  for (size_t c = 0; c < table.chunks.size(); ++c) {
    auto out = copy_chunk(source, **writer, table, table.chunks[c], options);
    Status st = out ? Status{} : fail(std::move(out.error()));
    if (st) st = c + 1 < table.chunks.size() ? (*writer)->next_chunk(out->record, table.chunks[c + 1])
                                             : (*writer)->commit(out->record);
    if (!st) {
      (*writer)->abort();
      return fail(std::move(st.error()));
    }
    outs.push_back(std::move(*out));
  }
  return outs;
}

}  // namespace cutover
