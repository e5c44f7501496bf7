// Runs one chunk: a reader thread fills batches from the source, a
// bytes-bounded queue hands them to this thread, which checksums, totals and
// writes them to the target; the chunk record commits with the rows.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "core/plan.hpp"
#include "sources/source.hpp"
#include "targets/target.hpp"
#include "verify/totals.hpp"

namespace cutover {

struct ChunkOutcome {
  ChunkRecord record;
  std::vector<RejectedRow> rejects;  // at most k_max_rejects_kept; record.rejected counts all
  ColumnTotals totals;
};

inline constexpr size_t k_max_rejects_kept = 10'000;

struct ChunkRunOptions {
  ReadOptions read;
  int64_t queue_bytes = 32 << 20;
  // Called on the writer thread after each batch is sent.
  std::function<void(int64_t rows, int64_t bytes)> on_batch;
  const std::atomic<bool>* cancel = nullptr;  // checked between batches
  // Write under savepoints and isolate rows the target refuses (retry of a
  // chunk that failed on a data error).
  bool isolate = false;
  // verify --fix: replace what the target holds in the chunk's range.
  ReplaceSpec replace;
};

Result<ChunkOutcome> run_chunk(Source& source, Target& target, const TablePlan& table,
                               const ChunkSpec& chunk, const ChunkRunOptions& options);

// verify --fix of a table whose ranges do not map to the target: every
// chunk re-copied, and the table's rows replaced (options.replace, whole
// table), in ONE transaction. One outcome per chunk, in plan order.
Result<std::vector<ChunkOutcome>> replace_table(Source& source, Target& target, const TablePlan& table,
                                                const ChunkRunOptions& options);

}  // namespace cutover
