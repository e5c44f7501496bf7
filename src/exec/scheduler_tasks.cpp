// The scheduler's tasks: one chunk, and a table's post-data steps.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "exec/chunk_runner.hpp"
#include "exec/scheduler.hpp"
#include "plan/expr_rewrite.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {

namespace {

constexpr int k_max_attempts = 4;

std::string key_of(const TablePlan& t) { return t.target_schema + "." + t.target_name; }

bool has_on_update(const TablePlan& t) {
  return std::any_of(t.columns.begin(), t.columns.end(), [](const ColumnPlan& c) { return c.on_update_sql.has_value(); });
}

// The target refused a value (encoding, range, constraint): worth isolating.
bool is_data_refusal(const Error& e) {
  return e.kind == ErrorKind::data || e.sqlstate.rfind("22", 0) == 0 || e.sqlstate.rfind("23", 0) == 0;
}

// Counts a chunk off once, by now() or when the task ends whichever way.
class ChunkCountdown {
 public:
  explicit ChunkCountdown(std::atomic<int>& left) : left_(left) {}
  ~ChunkCountdown() { now(); }
  void now() {
    if (!done_) --left_;
    done_ = true;
  }

 private:
  std::atomic<int>& left_;
  bool done_ = false;
};

}  // namespace

void Scheduler::run_chunk_task(TaskPool& pool, size_t t, size_t c) {
  ChunkCountdown countdown(chunks_to_copy_);
  const TablePlan& tp = plan_.tables[t];
  const ChunkSpec& chunk = tp.chunks[c];
  auto& ts = *tables_[t];
  {
    std::lock_guard lock(ts.mu);
    if (ts.failed || cancel_ || stopping_) return;
    if (ts.first_start < 0) ts.first_start = now();
  }
  ChunkRunOptions opt;
  opt.read = {plan_.options.batch_rows, plan_.options.batch_bytes, plan_.options.nul_policy,
              plan_.options.nul_replacement};
  opt.queue_bytes = plan_.options.queue_bytes;
  opt.cancel = &cancel_;
  int64_t sent_rows = 0;
  opt.on_batch = [&](int64_t rows, int64_t bytes) {
    sent_rows += rows;
    progress_.rows_copied(t, rows, bytes);
  };
  Result<ChunkOutcome> out = fail(ErrorKind::internal, "chunk not run");
  for (int attempt = 0; attempt < k_max_attempts; ++attempt) {
    out = run_chunk(source_, target_, tp, chunk, opt);
    if (out || !out.error().retryable || cancel_) break;
    progress_.rows_copied(t, -sent_rows, 0);
    sent_rows = 0;
    if (attempt + 1 == k_max_attempts) break;  // the last attempt: no retry to count or wait for
    {
      std::lock_guard lock(ts.mu);
      ++ts.result.retries;
    }
    progress_.message(fmt::format("{} chunk {} attempt {} failed, retrying: {}", key_of(tp),
                                  chunk.index, attempt + 1, out.error().describe()));
    sleep_backoff(attempt);
  }
  if (!out && is_data_refusal(out.error()) && !cancel_) {
    progress_.message(fmt::format("{} chunk {}: the target refused a value ({}); isolating the bad rows",
                                  key_of(tp), chunk.index, out.error().message));
    progress_.rows_copied(t, -sent_rows, 0);
    opt.isolate = true;
    out = run_chunk(source_, target_, tp, chunk, opt);
  }
  if (!out) {
    if (out.error().kind == ErrorKind::interrupted) return;
    Error e = out.error();
    e.context.chunk = chunk.index;
    if (e.context.table.empty()) e.context.table = key_of(tp);
    table_failed(t, e);
    return;
  }
  write_rejects(t, out->rejects);
  {
    std::lock_guard lock(ts.mu);
    ts.result.copied_rows += out->record.rows;
    ts.result.rejected_rows += out->record.rejected;
    ts.result.bytes += out->record.bytes;
    ts.result.checksum += out->record.checksum;
    ts.result.rules.merge(out->record.rules);
    ts.totals.merge(out->totals);
    ts.last_end = now();
    ts.result.seconds = ts.last_end - ts.first_start;
    ts.result.copy_started = ts.first_start - start_;
    ts.result.copy_finished = ts.last_end - start_;
  }
  progress_.chunk_done(t);
  countdown.now();  // before the table's keys are scheduled: they look at it
  chunk_finished(pool, t);
}

void Scheduler::chunk_finished(TaskPool& pool, size_t t) {
  auto& ts = *tables_[t];
  bool last;
  {
    std::lock_guard lock(ts.mu);
    last = --ts.chunks_left == 0 && !ts.failed;
  }
  if (last) {
    schedule_verify(pool, t);
    schedule_post(t);
  }
}

// Primary key, indexes and checks run as parallel tasks; identity and
// ANALYZE after the last of them.
void Scheduler::schedule_post(size_t t) {
  TaskPool& pool = *post_;
  const TablePlan& tp = plan_.tables[t];
  std::vector<std::function<void()>> tasks;
  // --data-only loads into tables the user made: their keys, indexes and
  // constraints are theirs; only identity and ANALYZE run.
  bool structure = plan_.options.mode != Mode::data_only;
  auto build = [this, t, &tp](const IndexPlan& ix, const std::string& name) {
    step(t, name, [&](const std::string& s) { return target_.build_index(tp, ix, s, chunks_to_copy_ > 0); });
  };
  if (tp.primary_key && structure)
    tasks.push_back([build, &tp] { build(*tp.primary_key, "pk:" + key_of(tp)); });
  for (const auto& ix : tp.indexes)
    if (structure) tasks.push_back([build, &tp, &ix] { build(ix, "index:" + tp.target_schema + "." + ix.name); });
  for (const auto& ck : tp.checks)
    if (structure) tasks.push_back([this, t, &tp, &ck] {
      step(t, "check:" + key_of(tp) + "." + ck.name, [&](const std::string& s) -> Status {
        auto valid = target_.add_check(tp, ck, s);
        if (!valid && valid.error().sqlstate.rfind("42", 0) == 0) {
          std::lock_guard lock(tables_[t]->mu);
          tables_[t]->result.warnings.push_back(fmt::format(
              "CHECK {} ({}) skipped: PostgreSQL refused it: {}", ck.name, ck.expression,
              valid.error().message));
          return {};
        }
        if (!valid) return fail(std::move(valid.error()));
        if (!*valid) {
          std::lock_guard lock(tables_[t]->mu);
          tables_[t]->result.warnings.push_back(fmt::format(
              "CHECK {} is violated by source rows; added NOT VALID", ck.name));
        }
        return {};
      });
    });
  auto& ts = *tables_[t];
  {
    std::lock_guard lock(ts.mu);
    ts.post_left = static_cast<int>(tasks.size());
  }
  if (tasks.empty()) {
    pool.add_front([this, t] { finish_table(t); });
    return;
  }
  for (auto& task : tasks)
    pool.add_front([this, t, task = std::move(task)] {
      task();
      post_task_done(t);
    });
}

void Scheduler::post_task_done(size_t t) {
  auto& ts = *tables_[t];
  bool last;
  {
    std::lock_guard lock(ts.mu);
    last = --ts.post_left == 0;
  }
  if (last) post_->add_front([this, t] { finish_table(t); });
}

void Scheduler::finish_table(size_t t) {
  const TablePlan& tp = plan_.tables[t];
  if (tables_[t]->failed) return;
  step(t, "identity:" + key_of(tp), [&](const std::string& s) { return target_.restart_identity(tp, s); });
  if (plan_.options.mode != Mode::data_only && has_on_update(tp))
    step(t, "trigger:" + key_of(tp), [&](const std::string& s) { return target_.create_on_update_trigger(tp, s); });
  {
    std::lock_guard lock(tables_[t]->mu);
    tables_[t]->finished = !tables_[t]->failed;
  }
  partition_finished(t);
  schedule_foreign_keys();
  // After the FKs are queued, so an idle worker starts them meanwhile: a
  // validation, once started, takes no lock an ANALYZE of the referenced
  // table waits for.
  step(t, "analyze:" + key_of(tp), [&](const std::string& s) { return target_.analyze(tp, s); });
}

// A foreign key is added as soon as both of its tables are finished, while
// other tables may still be copying (DESIGN.md §5 orders FKs after keys).
void Scheduler::schedule_foreign_keys() {
  if (cancel_) return;
  auto finished = [&](const std::string& schema, const std::string& name) {
    for (size_t r = 0; r < plan_.tables.size(); ++r)
      if (plan_.tables[r].target_schema == schema && plan_.tables[r].target_name == name) {
        std::lock_guard lock(tables_[r]->mu);
        return tables_[r]->finished;
      }
    return false;
  };
  for (size_t t = 0; t < plan_.tables.size(); ++t) {
    const TablePlan& tp = plan_.tables[t];
    if (!finished(tp.target_schema, tp.target_name)) continue;
    for (const auto& fk : tp.foreign_keys) {
      if (plan_.options.mode == Mode::data_only || !finished(fk.ref_schema, fk.ref_table)) continue;
      std::lock_guard lock(fk_mu_);
      if (!fks_scheduled_.insert(&fk).second) continue;
      post_->add_front([this, t, &fk] { add_foreign_key(t, fk); });
    }
  }
}

void Scheduler::add_foreign_key(size_t t, const ForeignKeyPlan& fk) {
  const TablePlan& tp = plan_.tables[t];
  step(t, "fk:" + key_of(tp) + "." + fk.name, [&](const std::string& s) -> Status {
    auto valid = target_.add_foreign_key(tp, fk, s);
    if (!valid) return fail(std::move(valid.error()));
    if (!*valid) {
      std::lock_guard lock(tables_[t]->mu);
      tables_[t]->result.warnings.push_back(fmt::format(
          "foreign key {} is violated by source rows; added NOT VALID (find them with a "
          "LEFT JOIN on {})", fk.name, fk.ref_table));
    }
    return {};
  });
}

void Scheduler::report_skipped_foreign_keys() {
  for (size_t t = 0; t < plan_.tables.size(); ++t)
    for (const auto& fk : plan_.tables[t].foreign_keys) {
      std::lock_guard lock(fk_mu_);
      if (fks_scheduled_.count(&fk) || tables_[t]->failed || plan_.options.mode == Mode::data_only) continue;
      std::lock_guard tl(tables_[t]->mu);
      tables_[t]->result.warnings.push_back(fmt::format(
          "foreign key {} not added: table {} did not finish", fk.name, fk.ref_table));
    }
}

namespace {

// The SELECT of "CREATE [TEMP] VIEW [IF NOT EXISTS] name [(cols)] AS select",
// or the definition itself when it is only the query.
std::optional<std::string> view_body(const std::string& sql) {
  std::string lower = ascii_lower(sql);
  size_t first = lower.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || lower.compare(first, 6, "create") != 0) return sql;
  size_t view = lower.find("view");
  if (view == std::string::npos) return std::nullopt;
  for (size_t i = lower.find("as", view); i != std::string::npos; i = lower.find("as", i + 2)) {
    bool left = i == 0 || std::isspace(static_cast<unsigned char>(lower[i - 1])) || lower[i - 1] == ')';
    bool right = i + 2 < lower.size() && (std::isspace(static_cast<unsigned char>(lower[i + 2])) || lower[i + 2] == '(');
    if (left && right) return sql.substr(i + 2);
  }
  return std::nullopt;
}

}  // namespace

std::map<std::string, std::string> Scheduler::view_refs(bool boolean_ints) const {
  std::map<std::string, std::string> out;
  std::set<std::string> ambiguous;
  auto add = [&](const std::string& source, const std::string& sql) {
    std::string key = source;
    key = ascii_lower(key);
    auto [it, inserted] = out.emplace(key, sql);
    if (!inserted && it->second != sql) ambiguous.insert(key);
  };
  for (const auto& t : plan_.tables) {
    add(t.source.name, pg::quote_ident(t.target_name));
    for (const auto& c : t.columns) {
      if (!c.derived.empty()) continue;
      std::string name = pg::quote_ident(c.target_name);
      add(c.source_name, boolean_ints && c.type.kind == ValueKind::boolean ? "(" + name + ")::int" : name);
    }
  }
  for (const auto& v : plan_.views)
    if (v.source_names) add(v.name, pg::quote_ident(v.name));
  for (const auto& key : ambiguous) out.erase(key);
  return out;
}

// A view written with the source's names (SQL Server) is created with them
// mapped to the target's; others as written, then, when refused, mapped
// (SQLite and MySQL views may name columns in another case or compare 0/1
// booleans).
Status Scheduler::create_view(const View& v, const std::string& schema, const std::map<std::string, std::string>& refs) {
  auto body = view_body(v.definition);
  if (!body) return fail(ErrorKind::query, "the view's SQL could not be parsed");
  if (v.source_names) return target_.create_view(schema, v.name, rewrite_column_refs(*body, refs));
  Status st = target_.create_view(schema, v.name, *body);
  if (!st) {
    std::string rewritten = rewrite_column_refs(*body, view_refs(true));
    if (rewritten != *body && target_.create_view(schema, v.name, rewritten)) st = {};
  }
  return st;
}

// Views that read other views wait for them: the refused ones are tried
// again after a round in which another view was created, until a round
// creates none; their last refusal is the reason reported.
void Scheduler::create_views() {
  if (plan_.options.mode == Mode::data_only || cancel_) return;
  auto refs = view_refs(false);
  std::vector<std::pair<const View*, Status>> pending;
  for (const auto& v : plan_.views) pending.push_back({&v, Status{}});
  for (bool progress = true; progress && !pending.empty() && !cancel_;) {
    progress = false;
    std::vector<std::pair<const View*, Status>> refused;
    for (auto& entry : pending) {
      const View* v = entry.first;
      std::string schema = v->target_schema.empty() ? plan_.options.target_schema : v->target_schema;
      std::string step_name = "view:" + schema + "." + v->name;
      Status st = step_done(step_name) ? Status{} : create_view(*v, schema, refs);
      if (!st) {
        refused.push_back({v, std::move(st)});
        continue;
      }
      progress = true;
      std::lock_guard lock(run_mu_);
      run_.views_created.push_back(v->name);
      (void)target_.mark_step(step_name);
    }
    pending = std::move(refused);
  }
  std::lock_guard lock(run_mu_);
  for (const auto& [v, st] : pending) run_.views_not_migrated.push_back(v->name + ": " + st.error().message);
}

void Scheduler::write_rejects(size_t t, const std::vector<RejectedRow>& rows) {
  if (rows.empty()) return;
  namespace fs = std::filesystem;
  std::string dir = plan_.options.reject_dir.empty() ? "cutover-rejects" : plan_.options.reject_dir;
  std::string path = (fs::path(dir) / (tables_[t]->result.target_name + ".rejects.jsonl")).string();
  std::lock_guard lock(reject_mu_);
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream out(path, std::ios::app);
  std::ofstream copy;
  for (const auto& r : rows) {
    out << nlohmann::json{{"table", r.table}, {"key", r.key}, {"column", r.column},
                          {"value", r.value}, {"reason", r.reason}, {"rule", r.rule}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    if (r.copy_line.empty()) continue;
    if (!copy.is_open())
      copy.open((fs::path(dir) / (tables_[t]->result.target_name + ".rejects.copy")).string(), std::ios::app);
    copy << r.copy_line << '\n';
  }
  std::lock_guard tl(tables_[t]->mu);
  tables_[t]->result.reject_file = fs::absolute(path, ec).string();
}

}  // namespace cutover
