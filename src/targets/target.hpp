// The interface of a migration target (PostgreSQL now; MySQL/MariaDB later).
// A chunk is written by a ChunkWriter in ONE target transaction together with
// its state record, so every chunk is either fully present and recorded or
// absent (DESIGN.md §1, "exactly once").
//
// Streams finish explicitly (STYLE.md §8): begin -> write* -> commit, or
// abort; destructors never throw and abort what was not committed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "core/type_decision.hpp"

namespace cutover {

// What the state records for a committed chunk.
struct ChunkRecord {
  int64_t rows = 0;
  int64_t bytes = 0;       // encoded bytes sent to the target
  uint64_t checksum = 0;   // content checksum of canonical values (verify/checksum.hpp)
  int64_t rejected = 0;
  RuleCounts rules;
  std::string source_position;  // high-water mark; empty for SQLite
  std::map<std::string, std::string> totals;  // target column -> exact sum (verify/totals.hpp)
};

// A row of a batch that the target refused, in isolation mode.
struct RefusedRow {
  size_t row = 0;  // index in the batch
  Error error;
};

// How a writer replaces rows the target already holds (verify --fix).
enum class ReplaceMode {
  none,          // plain load into the chunk's (empty) range
  delete_range,  // DELETE the rows of the range, then COPY
  // COPY into a temporary table, then by key: DELETE rows the source no
  // longer has, UPDATE the others in place, INSERT the missing ones. Rows
  // of other tables that reference kept keys stay valid (a DELETE of a
  // referenced row fails or cascades even when it is re-inserted later in
  // the transaction; see docs/verify.md).
  merge_by_key,
};

struct ReplaceSpec {
  ReplaceMode mode = ReplaceMode::none;
  bool whole_table = false;               // the whole table, not the chunk's key range
  std::vector<std::string> key_columns;   // merge_by_key: target column names
};

class ChunkWriter {
 public:
  virtual ~ChunkWriter() = default;
  // Before begin(): replace what the target holds in the chunk's range (or
  // the whole table) instead of loading into an empty range.
  virtual void set_replace(const ReplaceSpec& spec) = 0;
  // Records `done` for the current chunk and goes on with `next` (which
  // must outlive the writer) in the SAME transaction: a whole-table repair
  // commits all its chunks at once. Not in isolating mode.
  virtual Status next_chunk(const ChunkRecord& done, const ChunkSpec& next) = 0;
  // Before begin(): write each batch under a savepoint and, when the target
  // refuses it, split it until the refused rows are found; they are left
  // out of the chunk and handed out by take_refused(). Slower; used to
  // retry a chunk that failed on a data error.
  virtual void set_isolating(bool on) = 0;
  // Rows refused by the last write().
  virtual std::vector<RefusedRow> take_refused() = 0;
  // Opens the transaction and the COPY stream.
  virtual Status begin() = 0;
  // Encodes and sends a batch; on error the writer must be aborted.
  virtual Status write(const RowBatch& batch) = 0;
  // Ends the COPY, records the chunk, commits.
  virtual Status commit(const ChunkRecord& record) = 0;
  // Encoded bytes produced so far (what travels to the target).
  virtual int64_t bytes_written() const = 0;
  // Rolls back whatever is open. Never throws.
  virtual void abort() noexcept = 0;
};

// (table target name, chunk index) of a chunk already committed.
using ChunkKey = std::pair<std::string, int>;

struct RunIdentity {
  std::string run_id;     // stable per (source, target schema, scope)
  std::string plan_hash;  // resume refuses a different plan
  std::string plan_json;  // the plan, no secrets
  std::string source;     // redacted source URL
};

// A chunk already committed, as recorded in the target's state.
struct CommittedChunk {
  std::string table;  // target schema.table
  int index = 0;
  ChunkRecord record;
};

class Target {
 public:
  virtual ~Target() = default;
  virtual std::string engine() const = 0;

  // Creates the state schema and the run record. Returns true when an
  // unfinished (interrupted or failed) run with the same id and plan was
  // found (resume). An
  // unfinished run with a different plan is a config error listing what
  // changed, unless `restart` (then its state is discarded).
  virtual Result<bool> begin_run(const RunIdentity& run, bool restart) = 0;
  virtual Status finish_run(bool success) = 0;
  virtual Result<std::vector<CommittedChunk>> committed_chunks() = 0;
  // Steps done ("table:s.t", "pk:s.t", "index:s.i", "fk:s.t.c", ...).
  virtual Result<std::set<std::string>> done_steps() = 0;
  virtual Status mark_step(const std::string& step) = 0;
  // Runs native DDL (a PostgreSQL source's CREATE TYPE, CREATE VIEW,
  // COMMENT, setval ...) in one transaction that records `step`.
  virtual Status execute_step(const std::string& sql, const std::string& step) = 0;
  // Names of the roles the target has (--owners, --grants).
  virtual Result<std::set<std::string>> role_names() = 0;

  // Every DDL operation below records `step` in the run state in the SAME
  // transaction as its effect, so a crash leaves it either done and
  // recorded or not done at all.

  // Schema and table without keys, indexes, checks or FKs. An existing
  // table is an error unless `replace` (then it is dropped first).
  // Returns warnings (defaults the target refused, ...).
  virtual Result<std::vector<std::string>> create_table(const TablePlan& table, bool replace,
                                                        const std::string& step) = 0;
  virtual Result<std::unique_ptr<ChunkWriter>> open_writer(const TablePlan& table,
                                                           const ChunkSpec& chunk) = 0;

  // Post-data, each safe to run in parallel on different connections.
  // `serial`: without parallel workers (other work keeps the target busy).
  virtual Status build_index(const TablePlan& table, const IndexPlan& index, const std::string& step,
                             bool serial) = 0;
  // Returns false when the data violates the key and the constraint was
  // added NOT VALID instead (reported as a warning).
  virtual Result<bool> add_foreign_key(const TablePlan& table, const ForeignKeyPlan& fk,
                                       const std::string& step) = 0;
  virtual Result<bool> add_check(const TablePlan& table, const CheckPlan& check, const std::string& step) = 0;
  virtual Status restart_identity(const TablePlan& table, const std::string& step) = 0;
  // Triggers that emulate MySQL's ON UPDATE CURRENT_TIMESTAMP for the
  // table's columns with on_update_sql (nothing when there are none).
  virtual Status create_on_update_trigger(const TablePlan& table, const std::string& step) = 0;
  // CREATE VIEW schema.name AS select_sql, resolved with `schema` first on
  // the search path.
  virtual Status create_view(const std::string& schema, const std::string& name,
                             const std::string& select_sql) = 0;
  virtual Status analyze(const TablePlan& table, const std::string& step) = 0;

  // --data-only: foreign keys from or to `tables` are
  // saved in the run state and dropped, so chunks can land in any order;
  // reattach re-adds them (NOT VALID when the data violates one) and
  // returns warnings. Both are crash-safe and idempotent.
  virtual Result<int> detach_foreign_keys(const std::vector<TablePlan>& tables) = 0;
  virtual Result<std::vector<std::string>> reattach_foreign_keys() = 0;

  // Verification.
  // The stored run with this identity, read-only: sets the run id that
  // writers record chunks under and returns its committed chunks; nullopt
  // when the target has no run of that id and plan (chunks are then not
  // recorded by writers).
  virtual Result<std::optional<std::vector<CommittedChunk>>> attach_run(const RunIdentity& run) = 0;
  // Streams the copied columns of `table` (plan order, decoded into the
  // plan's canonical kinds, so verify/checksum.hpp hashes a target row like
  // its source row) to `on_rows`, a batch at a time; the batch is reused
  // after on_rows returns. With `range`, only the rows of that chunk's key
  // range: REQUIRES range->key_column to be a copied column. One
  // connection, one pass; an on_rows error stops the scan and is returned.
  virtual Status scan_rows(const TablePlan& table, const ChunkSpec* range,
                           const std::function<Status(const RowBatch&)>& on_rows) = 0;
  // Target tables (schema.table) with a foreign key referencing `table`.
  virtual Result<std::vector<std::string>> referenced_by(const TablePlan& table) = 0;
};

}  // namespace cutover
