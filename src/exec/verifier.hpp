// Verification of one table (DESIGN.md §6, docs/verify.md): the source side
// per chunk — the chunk records of the copy, or a new read of the source —
// against ONE binary COPY scan of the target, compared per key range where
// the ranges map to the target and for the whole table where they do not;
// key totals come from the same scan. A mismatch is narrowed to rows by key;
// with `fix` it is re-copied (verify --fix) and checked again.
//
// Thread safety: call verify_tables from one thread; it runs its own pool.
#pragma once

#include <atomic>
#include <map>

#include "core/plan.hpp"
#include "exec/progress.hpp"
#include "exec/run_result.hpp"
#include "sources/source.hpp"
#include "targets/target.hpp"

namespace cutover {

struct VerifyOptions {
  bool read_source = false;  // cutover verify: read the source again (else: the chunk records)
  bool fix = false;          // re-copy mismatched ranges (REQUIRES read_source)
  ReadOptions read;
  int64_t queue_bytes = 32 << 20;
  const std::atomic<bool>* cancel = nullptr;
  ProgressSink* progress = nullptr;
};

// At most this many mismatched ranges per table are narrowed to rows, and
// this many rows are listed per range.
inline constexpr size_t k_max_narrowed_ranges = 10;
inline constexpr size_t k_max_listed_rows = 10;

// Verifies `tables[i]` into `results[i]`: target_rows, target_checksum,
// key_totals, verified_by, checks, mismatches, errors and a failed status
// on any difference; source_rows (count(*) on the source, or with
// read_source the rows read plus those rejected), and with read_source
// copied_rows, rejected_rows and checksum. `stored[i]` holds the run's
// chunk records of the table by chunk index: the source side without
// read_source; with it, only for chunks whose rows the target refused at
// copy time (a new read cannot tell which rows those were).
// Every read runs on `jobs` threads — one per target table scan, one per
// source chunk — largest tables first; then each table is compared (and
// narrowed and fixed) on the same number of threads.
void verify_tables(Source& source, Target& target, const std::vector<const TablePlan*>& tables,
                   const std::vector<const std::map<int, ChunkRecord>*>& stored, const VerifyOptions& options,
                   int jobs, const std::vector<TableResult*>& results);

}  // namespace cutover
