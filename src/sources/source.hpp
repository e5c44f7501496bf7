// The interface every source engine implements (one adapter shape per
// engine, STYLE.md §1). A Source is a factory bound to one source URL: each
// call that reads data opens its own connection, so readers run in parallel
// threads without sharing handles.
//
// Thread safety: load_catalog/profile/plan_chunks are called from the
// planning thread; open_reader may be called concurrently from job threads.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "core/type_decision.hpp"

namespace cutover {

// A row that a decoder refused: its value fits no chosen target type.
struct RejectedRow {
  std::string table;
  std::string key;     // "rowid=42", "id=7"
  std::string column;
  std::string value;   // display form (shortened, escaped)
  std::string reason;
  std::string rule;    // the rule that refused it
  std::string copy_line;  // the row in COPY text format, when it was decoded (target refusals)
};

// Why a decoder refused a value (the row becomes a RejectedRow).
struct ValueReject {
  std::string rule;    // "invalid_utf8", "nul_in_text", "not_integer", ...
  std::string reason;  // what is wrong and which cast or option keeps the value
  std::string value;   // display form (display_value)
};

struct ReadOptions {
  int64_t batch_rows = 10'000;
  int64_t batch_bytes = 8 << 20;
  NulPolicy nul_policy = NulPolicy::reject;
  std::string nul_replacement;
};

// True when `batch` reached the row or byte limit of `options` (readers
// return it then).
inline bool batch_full(const RowBatch& batch, const ReadOptions& options) {
  return static_cast<int64_t>(batch.rows()) >= options.batch_rows ||
         static_cast<int64_t>(batch.byte_size()) >= options.batch_bytes;
}

// Values touched by an adapter's policy rules (`Fired`: an enum ending in
// `count`, named by `rule_name(Fired)`), summed per row on the hot path and
// added into RuleCounts only when asked for.
template <class Fired>
class FiredRules {
 public:
  static constexpr size_t k_rules = static_cast<size_t>(Fired::count);
  void add_row(const std::array<int64_t, k_rules>& fired) {
    for (size_t f = 0; f < k_rules; ++f) pending_[f] += fired[f];
  }
  void flush_into(RuleCounts& counts) const {
    for (size_t f = 0; f < k_rules; ++f) {
      if (pending_[f] == 0) continue;
      counts.add(rule_name(static_cast<Fired>(f)), pending_[f]);
      pending_[f] = 0;
    }
  }

 private:
  mutable std::array<int64_t, k_rules> pending_{};
};

class ChunkReader {
 public:
  virtual ~ChunkReader() = default;
  // Clears `batch` and fills it with up to the batch limits of rows (its
  // column count is the plan's). Returns false once the chunk is exhausted
  // (the batch may still hold the last rows: check batch.rows()).
  virtual Result<bool> next(RowBatch& batch) = 0;
  // Rows refused since the previous call.
  virtual std::vector<RejectedRow> take_rejects() = 0;
  // Values touched by named policy rules so far in this chunk.
  virtual const RuleCounts& rule_counts() const = 0;
};

// What every decoding reader keeps besides its rows: the rows it refused
// and the counters of its policy rules, handed to the chunk runner on
// request. Adapters derive their reader from it.
template <class Fired>
class DecodingReader : public ChunkReader {
 public:
  std::vector<RejectedRow> take_rejects() override { return std::exchange(rejects_, {}); }
  const RuleCounts& rule_counts() const override {
    fired_.flush_into(counts_);
    return counts_;
  }

 protected:
  // A row decoded whole: the rules it fired count.
  void row_accepted(const std::array<int64_t, FiredRules<Fired>::k_rules>& fired) { fired_.add_row(fired); }
  // A row refused at `column` for `why` (moved from).
  void row_rejected(const std::string& table, std::string key, const std::string& column, ValueReject& why) {
    counts_.add(why.rule);
    rejects_.push_back({table, std::move(key), column, std::move(why.value), std::move(why.reason),
                        std::move(why.rule)});
  }

 private:
  std::vector<RejectedRow> rejects_;
  mutable RuleCounts counts_;
  FiredRules<Fired> fired_;
};

class Source {
 public:
  virtual ~Source() = default;
  virtual std::string engine() const = 0;

  // Tables, columns, keys, indexes, FKs, views; one round trip per schema
  // where the engine allows it.
  virtual Result<Catalog> load_catalog() = 0;

  // Per-column profile of the rows of one chunk, in column order; empty
  // when the engine's declared types are authoritative. Profiles of the
  // chunks of a table merge (merge_profile) into the table's profile, so
  // the planner profiles chunks in parallel. Safe to call concurrently.
  virtual Result<std::vector<ColumnProfile>> profile(const Table& table, const ChunkSpec& chunk) = 0;

  // Default mapping, or the user's cast when `cast` is set. Never fails: an
  // unknown type becomes text with a warning in the reason.
  virtual TypeDecision map_type(const Table& table, const Column& column,
                                const ColumnProfile* profile, const CastRule* cast) const = 0;

  // Extra target columns derived from `column` (planned as `decision`),
  // after it; none by default.
  virtual std::vector<DerivedColumn> derived_columns(const Column& column, const TypeDecision& decision,
                                                     const Options& options) const {
    (void)column;
    (void)decision;
    (void)options;
    return {};
  }

  // Translates a default / generated / check / predicate expression into
  // PostgreSQL; nullopt when it cannot (the caller drops it with a warning).
  virtual std::optional<std::string> translate_expression(std::string_view expr) const = 0;
  // ...knowing the columns of the expression's table (SQL Server: '+' on
  // character columns is concatenation).
  virtual std::optional<std::string> translate_in_table(std::string_view expr, const Table& table) const {
    (void)table;
    return translate_expression(expr);
  }

  // Chunks that together cover every row exactly once; `reason` says why
  // the table was split or not.
  virtual Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows,
                                                     std::string& reason) = 0;

  virtual Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table,
                                                           const ChunkSpec& chunk,
                                                           const ReadOptions& options) = 0;

  // Row count of one chunk (or the whole table with a whole-table chunk).
  virtual Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) = 0;

  // Called once before the copy with the most readers that will run at
  // once (--jobs) and the tables to copy. Engines whose readers can share
  // one snapshot set it up here (MySQL: consistent-snapshot transactions
  // under a brief global read lock; SQL Server: SNAPSHOT transactions begun
  // under brief shared locks on the tables); afterwards open_reader and
  // count_rows read from that snapshot. An error stops the run before
  // anything is copied.
  virtual Status start_snapshot(int readers, const std::vector<TablePlan>& tables) {
    (void)readers;
    (void)tables;
    return {};
  }
  // What the source read guarantees, for the report's `consistency`; empty
  // means the caller's default statement for the engine.
  virtual std::string consistency() const { return {}; }
};

// Opens the adapter for a URL ("sqlite:///path", a plain path, ...).
Result<std::unique_ptr<Source>> open_source(const std::string& url);

}  // namespace cutover
