// What a run did, table by table: the input of the report (verify/report.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/type_decision.hpp"
#include "verify/row_diff.hpp"

namespace cutover {

enum class TableStatus { ok, rejected_rows, failed, skipped };
const char* to_string(TableStatus s);

struct KeyTotal {
  std::string column;
  std::string source;  // exact sum of source values ("null" for no rows)
  std::string target;  // SUM(column) on the target
  bool match = false;
};

// One key range (or the whole table) compared: the source side (the chunk
// records of the copy, or a new read of the source) against a target scan.
struct ChunkCheck {
  int index = -1;     // chunk index; -1 for the whole table
  std::string range;  // "id in [1, 501)", "whole table"
  int64_t source_rows = 0, target_rows = 0;
  uint64_t source_checksum = 0, target_checksum = 0;
  bool match = false;
};

// A range whose rows or checksum differ, narrowed to rows where it can be.
struct Mismatch {
  ChunkCheck check;
  bool narrowed = false;      // rows were compared by key
  int64_t differing_rows = 0;  // when narrowed: missing + extra + different
  std::vector<RowDifference> rows;  // the first of them (at most 10)
  std::string note;           // why it was not narrowed, or what limits it
  bool fixed = false;         // verify --fix re-copied it and the range now matches
  std::string fix_error;
};

struct TableResult {
  std::string source_name;
  std::string target_name;  // schema.table
  TableStatus status = TableStatus::ok;
  int64_t source_rows = 0;   // rows read from the source (copied + rejected)
  int64_t copied_rows = 0;   // rows committed by chunks
  int64_t target_rows = -1;  // count(*) on the target; -1 when not verified
  int64_t rejected_rows = 0;
  int64_t bytes = 0;
  double seconds = 0;
  double copy_started = -1, copy_finished = -1;  // seconds into the run; -1 when nothing was copied
  int chunks = 0;
  int chunks_resumed = 0;  // already committed by an earlier, interrupted run
  int retries = 0;         // chunk attempts and DDL steps retried after a retryable error
  int64_t resumed_rows = 0;   // rows of those chunks (not copied by this run)
  int64_t resumed_bytes = 0;
  uint64_t checksum = 0;   // sum of chunk checksums
  RuleCounts rules;
  std::vector<KeyTotal> key_totals;
  std::string reject_file;
  // Verification by checksum: "chunk" (per key range), "table" (ranges do
  // not map to the target), "" (not verified).
  std::string verified_by;
  uint64_t target_checksum = 0;
  std::vector<ChunkCheck> checks;
  std::vector<Mismatch> mismatches;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// One DDL step after the data (primary key, index, check, foreign key,
// identity, ANALYZE) and how long it took; steps of different tables overlap.
struct StepTiming {
  std::string step;  // "pk:public.orders", "index:public.orders_customer_idx", ...
  double seconds = 0;
  double started = 0;  // seconds into the run
};

struct RunResult {
  std::vector<TableResult> tables;
  std::vector<std::string> errors;    // run-level (connect, FK failures ...)
  std::vector<std::string> warnings;  // run-level
  std::vector<StepTiming> steps;  // in completion order
  std::vector<std::string> views_created;
  std::vector<std::string> views_not_migrated;  // "name: reason"
  std::vector<std::string> missing_roles;  // --owners/--grants: roles the target lacks
  bool resumed = false;
  bool interrupted = false;
  bool verified = false;
  double seconds = 0;          // the whole command, wall clock
  double plan_seconds = 0;     // catalog, profiling, planning
  double copy_seconds = 0;     // data with keys, indexes, checks and FKs (they overlap)
  double data_seconds = 0;     // copy start to the last chunk's commit
  double post_seconds = 0;     // views
  double verify_seconds = 0;   // verify --fix: includes re-copying and checking again
};

}  // namespace cutover
