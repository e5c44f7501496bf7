#include "exec/verifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>

#include "exec/task_pool.hpp"

#include "core/convert.hpp"
#include "exec/chunk_runner.hpp"
#include "targets/postgres/pg_copy_decoder.hpp"
#include "verify/checksum.hpp"
#include "verify/row_diff.hpp"
#include "verify/table_sums.hpp"

namespace cutover {

namespace {

using BatchFn = std::function<Status(const RowBatch&)>;

// The source side of one chunk.
struct SourceChunk {
  bool known = false;
  RangeSums sums;
  int64_t rejected = 0;
  std::map<std::string, std::string> totals;  // target column -> exact sum
};

// "12.500" -> "12.5", "-0" -> "0", "null" stays.
std::string canonical_sum(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::vector<ValueKind> kinds_of(const TablePlan& t) {
  std::vector<ValueKind> kinds;
  for (const auto& c : t.columns) kinds.push_back(c.type.kind);
  return kinds;
}

// A cell for people. A field relayed from a PostgreSQL source is the bytes
// COPY sent: binary fields are decoded by their type first (hex when the
// decoder does not know it), text fields shown as COPY wrote them.
std::string shown(const ColumnPlan& col, const RowBatch& batch, size_t row, size_t c) {
  const Cell& cell = batch.at(row, c);
  if (cell.kind != ValueKind::bytes) return cell_text(batch, row, c);
  if (col.type.decode == Decode::pg_text) return display_value(batch.payload(cell));
  auto wire = col.type.decode == Decode::pg_binary ? pg::wire_for_type(col.type.target_type) : std::nullopt;
  RowBatch one(1);
  if (wire && pg::CopyBinaryDecoder({*wire}, {}).decode_field(0, batch.payload(cell), one)) return cell_text(one, 0, 0);
  return cell_text(batch, row, c);
}

int64_t target_refused(const ChunkRecord& r) {
  auto it = r.rules.counts.find("target_refused");
  return it == r.rules.counts.end() ? 0 : it->second;
}

class TableVerifier {
 public:
  TableVerifier(Source& source, Target& target, const TablePlan& table,
                const std::map<int, ChunkRecord>& stored, const VerifyOptions& options)
      : source_(source), target_(target), table_(table), stored_(stored), options_(options),
        mapped_(ranges_map(table)), keys_(identifying_columns(table)), chunks_(table.chunks.size()) {}

  std::vector<std::function<void()>> reads();
  void conclude(TableResult& r);

 private:
  Status load_source(size_t c);
  Status read_chunk(size_t c);
  // Every batch of one chunk's source rows (rows a decoder rejects counted in `rejected`).
  Status read_rows(const ChunkSpec& chunk, const BatchFn& fn, int64_t* rejected);
  Status read_source_rows(const ChunkSpec* only, const BatchFn& fn);
  Result<TableSums> scan_target();
  std::vector<Mismatch> compare(const TableSums& target, TableResult& r);
  void compare_totals(const TableSums& target, TableResult& r);
  void localise(Mismatch& m);
  Status fix(const std::vector<Mismatch>& mismatches);
  void take_outcome(size_t c, const ChunkOutcome& o);
  void finish(TableResult& r);
  bool cancelled() const { return options_.cancel && *options_.cancel; }
  void note(const std::string& text) {
    if (options_.progress) options_.progress->message(text);
  }
  std::string name() const { return table_.target_schema + "." + table_.target_name; }

  Source& source_;
  Target& target_;
  const TablePlan& table_;
  const std::map<int, ChunkRecord>& stored_;
  const VerifyOptions& options_;
  bool mapped_;
  std::vector<size_t> keys_;
  std::vector<SourceChunk> chunks_;  // by position in table_.chunks; each written by one read
  std::mutex mu_;
  std::optional<Error> error_;             // guarded by mu_ during the reads
  std::optional<TableSums> target_sums_;   // guarded by mu_ during the reads
};

Status TableVerifier::load_source(size_t c) {
  auto it = stored_.find(table_.chunks[c].index);
  bool refused = it != stored_.end() && target_refused(it->second) > 0;
  if (options_.read_source && !refused) return read_chunk(c);
  if (it == stored_.end()) return {};  // not copied: a failed table is not verified
  const ChunkRecord& rec = it->second;
  chunks_[c] = {true, {rec.rows, rec.checksum}, rec.rejected, rec.totals};
  return {};
}

Status TableVerifier::read_rows(const ChunkSpec& chunk, const BatchFn& fn, int64_t* rejected) {
  auto reader = source_.open_reader(table_, chunk, options_.read);
  if (!reader) return fail(std::move(reader.error()));
  RowBatch batch(table_.columns.size());
  for (bool more = true; more;) {
    auto next = (*reader)->next(batch);
    if (!next) return fail(std::move(next.error()));
    more = *next;
    if (cancelled()) return fail(ErrorKind::interrupted, "interrupted");
    if (auto st = fn(batch); !st) return st;
    auto rejects = (*reader)->take_rejects().size();
    if (rejected) *rejected += static_cast<int64_t>(rejects);
  }
  return {};
}

Status TableVerifier::read_source_rows(const ChunkSpec* only, const BatchFn& fn) {
  for (const auto& chunk : table_.chunks)
    if (!only || only == &chunk)
      if (auto st = read_rows(chunk, fn, nullptr); !st) return st;
  return {};
}

Status TableVerifier::read_chunk(size_t c) {
  SourceChunk& sc = chunks_[c];
  ColumnTotals totals(kinds_of(table_));
  auto st = read_rows(table_.chunks[c], [&](const RowBatch& batch) {
    sc.sums.rows += static_cast<int64_t>(batch.rows());
    sc.sums.checksum += batch_checksum(batch);
    totals.add(batch);
    return Status{};
  }, &sc.rejected);
  if (!st) return st;
  for (const auto& [col, sum] : totals.sums()) sc.totals[table_.columns[col].target_name] = sum;
  sc.known = true;
  return {};
}

Result<TableSums> TableVerifier::scan_target() {
  TableSums sums(table_, mapped_);
  auto st = target_.scan_rows(table_, nullptr, [&](const RowBatch& b) -> Status {
    if (cancelled()) return fail(ErrorKind::interrupted, "interrupted");
    sums.add(b);
    return {};
  });
  if (!st) return fail(std::move(st.error()));
  return sums;
}

ChunkCheck make_check(int index, std::string range, const RangeSums& s, const RangeSums& t) {
  return {index, std::move(range), s.rows, t.rows, s.checksum, t.checksum, s == t};
}

std::vector<Mismatch> TableVerifier::compare(const TableSums& target, TableResult& r) {
  r.checks.clear();
  RangeSums all;
  for (const auto& sc : chunks_) all.rows += sc.sums.rows, all.checksum += sc.sums.checksum;
  if (mapped_) {
    for (size_t c = 0; c < chunks_.size(); ++c)
      if (chunks_[c].known)
        r.checks.push_back(make_check(table_.chunks[c].index, table_.chunks[c].describe(), chunks_[c].sums,
                                      target.chunks()[c]));
    if (target.outside().rows > 0)
      r.checks.push_back(make_check(-1, "keys in no chunk's range", {}, target.outside()));
  } else {
    r.checks.push_back(make_check(-1, "whole table", all, target.total()));
  }
  r.verified_by = mapped_ ? "chunk" : "table";
  r.target_rows = target.total().rows;
  r.target_checksum = target.total().checksum;
  if (options_.read_source) {
    r.copied_rows = all.rows;
    r.checksum = all.checksum;
    r.rejected_rows = 0;
    for (const auto& sc : chunks_) r.rejected_rows += sc.rejected;
    r.source_rows = r.copied_rows + r.rejected_rows;
  }
  compare_totals(target, r);
  std::vector<Mismatch> out;
  for (const auto& check : r.checks)
    if (!check.match) out.push_back(Mismatch{check});
  return out;
}

void TableVerifier::compare_totals(const TableSums& target, TableResult& r) {
  ColumnTotals source(kinds_of(table_));
  for (const auto& sc : chunks_)
    for (const auto& [name, sum] : sc.totals)
      for (size_t i = 0; i < table_.columns.size(); ++i)
        if (table_.columns[i].target_name == name) source.add_text(i, sum);
  auto target_sums = target.totals().sums();
  r.key_totals.clear();
  for (const auto& [col, sum] : source.sums()) {
    KeyTotal k{table_.columns[col].target_name, sum, target_sums[col], false};
    k.match = sum == "overflow" || k.target == "overflow" || canonical_sum(k.source) == canonical_sum(k.target);
    r.key_totals.push_back(std::move(k));
  }
}

void TableVerifier::localise(Mismatch& m) {
  if (keys_.empty()) {
    m.note = "the table has no primary key or unique index of copied columns: the mismatch cannot be "
             "narrowed to rows";
    return;
  }
  const ChunkSpec* range = nullptr;
  for (const auto& c : table_.chunks)
    if (mapped_ && m.check.index >= 0 && c.index == m.check.index) range = &c;
  RowDiff diff(table_, keys_, [this](const RowBatch& b, size_t r, size_t c) { return shown(table_.columns[c], b, r, c); });
  auto pass = [&](const BatchFn& on_source, const BatchFn& on_target) -> Status {
    if (auto st = read_source_rows(range, on_source); !st) return st;
    return target_.scan_rows(table_, range, on_target);
  };
  Status st = pass([&](const RowBatch& b) { diff.add_source(b); return Status{}; },
                   [&](const RowBatch& b) { diff.add_target(b); return Status{}; });
  if (st) {
    m.differing_rows = static_cast<int64_t>(diff.compare(k_max_listed_rows));
    st = pass([&](const RowBatch& b) { diff.capture_source(b); return Status{}; },
              [&](const RowBatch& b) { diff.capture_target(b); return Status{}; });
  }
  if (!st) {
    m.note = "could not narrow to rows: " + st.error().describe();
    return;
  }
  m.rows = diff.differences();
  m.narrowed = true;
  if (m.differing_rows == 0)
    m.note = "every row matches by key now: the target or the source changed while verifying";
}

void TableVerifier::take_outcome(size_t c, const ChunkOutcome& o) {
  chunks_[c] = {true, {o.record.rows, o.record.checksum}, o.record.rejected, o.record.totals};
}

Status TableVerifier::fix(const std::vector<Mismatch>& mismatches) {
  ChunkRunOptions opt;
  opt.read = options_.read;
  opt.queue_bytes = options_.queue_bytes;
  opt.cancel = options_.cancel;
  auto refs = target_.referenced_by(table_);
  if (!refs) return fail(std::move(refs.error()));
  opt.replace.mode = refs->empty() || keys_.empty() ? ReplaceMode::delete_range : ReplaceMode::merge_by_key;
  for (size_t k : keys_) opt.replace.key_columns.push_back(table_.columns[k].target_name);
  bool whole = false;
  for (const auto& m : mismatches) whole = whole || m.check.index < 0;
  if (whole) {
    note(fmt::format("{}: re-copying the whole table in one transaction", name()));
    auto outs = replace_table(source_, target_, table_, opt);
    if (!outs) return fail(std::move(outs.error()));
    for (size_t c = 0; c < outs->size(); ++c) take_outcome(c, (*outs)[c]);
    return {};
  }
  for (const auto& m : mismatches) {
    for (size_t c = 0; c < table_.chunks.size(); ++c) {
      if (table_.chunks[c].index != m.check.index) continue;
      note(fmt::format("{}: re-copying {}", name(), table_.chunks[c].describe()));
      auto out = run_chunk(source_, target_, table_, table_.chunks[c], opt);
      if (!out) return fail(std::move(out.error()));
      take_outcome(c, *out);
    }
  }
  return {};
}

void TableVerifier::finish(TableResult& r) {
  for (const auto& m : r.mismatches)
    if (!m.fixed)
      r.errors.push_back(fmt::format("{}: source {} rows, checksum {}; target {} rows, checksum {}{}",
                                     m.check.range, m.check.source_rows, checksum_hex(m.check.source_checksum),
                                     m.check.target_rows, checksum_hex(m.check.target_checksum),
                                     m.narrowed ? fmt::format(" ({} rows differ)", m.differing_rows) : ""));
  if (r.target_rows != r.copied_rows || r.source_rows != r.copied_rows + r.rejected_rows)
    r.errors.push_back(fmt::format("row counts differ: source {}, copied {}, rejected {}, target {}",
                                   r.source_rows, r.copied_rows, r.rejected_rows, r.target_rows));
  for (const auto& k : r.key_totals)
    if (!k.match)
      r.errors.push_back(fmt::format("key total of {} differs: source {}, target {}", k.column, k.source, k.target));
  if (!r.errors.empty()) r.status = TableStatus::failed;
}

std::vector<std::function<void()>> TableVerifier::reads() {
  std::vector<std::function<void()>> out;
  out.push_back([this] {
    auto sums = scan_target();
    std::lock_guard lock(mu_);
    if (sums) target_sums_.emplace(std::move(*sums));
    else if (!error_) error_ = std::move(sums.error());
  });
  for (size_t c = 0; c < table_.chunks.size(); ++c)
    out.push_back([this, c] {
      auto st = load_source(c);
      std::lock_guard lock(mu_);
      if (!st && !error_) error_ = std::move(st.error());
    });
  return out;
}

void TableVerifier::conclude(TableResult& r) {
  if (!options_.read_source) {
    ChunkSpec whole;
    auto rows = source_.count_rows(table_, whole);
    r.source_rows = rows ? *rows : r.copied_rows + r.rejected_rows;
  }
  if (error_ || !target_sums_) {
    r.errors.push_back(error_ ? error_->describe() : "the target was not scanned");
    r.status = TableStatus::failed;
    return;
  }
  auto mismatches = compare(*target_sums_, r);
  for (size_t i = 0; i < mismatches.size() && !cancelled(); ++i) {
    if (i < k_max_narrowed_ranges) localise(mismatches[i]);
    else mismatches[i].note = fmt::format("not narrowed: only the first {} ranges are", k_max_narrowed_ranges);
  }
  if (options_.fix && !mismatches.empty() && !cancelled()) {
    Status fixed = fix(mismatches);
    Result<TableSums> again = fixed ? scan_target() : fail(std::move(fixed.error()));
    if (again) {
      auto left = compare(*again, r);
      for (auto& m : mismatches) {
        m.fixed = true;
        for (const auto& l : left) m.fixed = m.fixed && l.check.index != m.check.index;
        if (!m.fixed) m.fix_error = "still differs after re-copying";
      }
    } else {
      for (auto& m : mismatches) m.fix_error = again.error().describe();
    }
  }
  r.mismatches = std::move(mismatches);
  finish(r);
}

}  // namespace

void verify_tables(Source& source, Target& target, const std::vector<const TablePlan*>& tables,
                   const std::vector<const std::map<int, ChunkRecord>*>& stored, const VerifyOptions& options,
                   int jobs, const std::vector<TableResult*>& results) {
  std::vector<std::unique_ptr<TableVerifier>> verifiers;
  for (size_t i = 0; i < tables.size(); ++i)
    verifiers.push_back(std::make_unique<TableVerifier>(source, target, *tables[i], *stored[i], options));
  std::vector<size_t> order(tables.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return tables[a]->source.row_estimate > tables[b]->source.row_estimate;
  });
  {
    // Target scans first, largest table first: each is one thread's work.
    TaskPool pool(std::max(1, jobs));
    std::vector<std::function<void()>> later;
    for (size_t i : order) {
      auto reads = verifiers[i]->reads();
      pool.add(std::move(reads.front()));
      for (size_t r = 1; r < reads.size(); ++r) later.push_back(std::move(reads[r]));
    }
    for (auto& task : later) pool.add(std::move(task));
    pool.wait();
  }
  TaskPool pool(std::max(1, jobs));
  for (size_t i : order) pool.add([&, i] { verifiers[i]->conclude(*results[i]); });
  pool.wait();
}

}  // namespace cutover
