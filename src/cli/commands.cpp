#include "cli/commands.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <iostream>

#include "cli/command_common.hpp"
#include "cli/plan_text.hpp"
#include "exec/scheduler.hpp"
#include "plan/plan_json.hpp"
#include "plan/plan_resume.hpp"
#include "plan/planner.hpp"
#include "targets/postgres/pg_target.hpp"
#include "verify/report.hpp"

namespace cutover {

std::atomic<bool> g_cancel{false};

namespace {

extern "C" void on_signal(int) { g_cancel = true; }

bool uses_postgis(const MigrationPlan& plan) {
  for (const auto& t : plan.tables)
    for (const auto& c : t.columns)
      if (c.type.rule.ends_with(".spatial_postgis")) return true;
  return false;
}

}  // namespace

void stop_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

int report_error(const Error& e) {
  std::fprintf(stderr, "cutover: %s\n", e.describe().c_str());
  return e.kind == ErrorKind::config ? k_exit_usage : k_exit_failed;
}

Result<Loaded> load_source(const Options& o) {
  auto source = open_source(o.source_url);
  if (!source) return fail(std::move(source.error()));
  auto catalog = (*source)->load_catalog();
  if (!catalog) return fail(std::move(catalog.error()));
  return Loaded{std::move(*source), std::move(*catalog)};
}

Result<MigrationPlan> make_plan(Loaded& loaded, const Options& o) {
  auto plan = build_plan(*loaded.source, loaded.catalog, o, [&](const std::string& s) {
    if (!o.quiet) std::fprintf(stderr, "cutover: %s\n", s.c_str());
  });
  if (!plan) return plan;
  if (plan->tables.empty() && !o.tables.empty())
    return fail(ErrorKind::config, "no source table matches --tables/--exclude",
                "run `cutover inspect SOURCE` to list the tables");
  return plan;
}

std::string consistency_note(const std::string& engine) {
  if (engine == "sqlite")
    return "each chunk is read in its own read transaction: the copy is point-in-time "
           "consistent when nothing writes to the SQLite file during the run";
  return "not point-in-time consistent";
}

namespace {

// A resumed run: the chunks an earlier, interrupted run committed were read
// in that run's snapshot, so the source's "yes" no longer holds for the copy.
std::string consistency_after_resume(std::string statement, const RunResult& run) {
  int resumed = 0, chunks = 0;
  for (const auto& t : run.tables) {
    resumed += t.chunks_resumed;
    chunks += t.chunks;
  }
  if (resumed == 0 || !statement.starts_with("point-in-time consistent: yes")) return statement;
  if (resumed == chunks)
    return "point-in-time consistent: not known — every chunk was committed by earlier, interrupted run(s), each "
           "reading the source in its own snapshot; this run copied none";
  return fmt::format("point-in-time consistent: no — this run resumed an interrupted one: {} of {} chunks were read "
                     "by the earlier run(s), each in its own snapshot, the others in this run's. Re-run with "
                     "--restart for one point in time, or run `cutover verify --fix` while nothing writes to the "
                     "source",
                     resumed, chunks);
}

}  // namespace

// Writes the report for a run that failed before any table was scheduled.
int early_failure(const Options& o, const Error& e, const ReportMeta& meta) {
  MigrationPlan empty;
  empty.options = o;
  RunResult run;
  run.errors.push_back(e.describe());
  auto report = build_report(empty, run, meta);
  if (!o.report_path.empty()) (void)write_report(o.report_path, report);
  return report_error(e);
}

Result<Prepared> prepare(const Options& o, ReportMeta& meta) {
  auto target = pg::PgTarget::open(o.target_url);
  if (!target) return fail(std::move(target.error()));
  meta.target_version = (*target)->server_version();
  auto loaded = load_source(o);
  if (!loaded) return fail(std::move(loaded.error()));
  Options planned = o;
  if (o.postgis) {
    auto postgis = (*target)->has_postgis();
    if (!postgis) return fail(std::move(postgis.error()));
    planned.target_has_postgis = *postgis;
  }
  auto plan = make_plan(*loaded, planned);
  if (!plan) return fail(std::move(plan.error()));
  if (o.mode != Mode::schema_only)
    if (auto st = loaded->source->start_snapshot(o.jobs, plan->tables); !st) return fail(std::move(st.error()));
  meta.consistency = loaded->source->consistency();
  if (meta.consistency.empty()) meta.consistency = consistency_note(plan->source_engine);
  RunIdentity id = make_run_identity(*plan);
  if (!o.restart) {  // resuming: the ranges the committed chunks were cut to
    auto stored = (*target)->unfinished_plan(id.run_id);
    if (!stored) return fail(std::move(stored.error()));
    if (*stored && **stored != id.plan_json && adopt_stored_chunks(*plan, **stored)) id = make_run_identity(*plan);
  }
  meta.run_id = id.run_id;
  return Prepared{std::move(*target), std::move(*loaded), std::move(*plan), std::move(id)};
}

int report_run(const Options& o, const MigrationPlan& plan, const RunResult& run, ReportMeta& meta) {
  meta.finished_at = utc_now_iso();
  auto report = build_report(plan, run, meta);
  int code = report["exit_code"].get<int>();
  auto written = write_report(o.report_path, report);
  if (!o.quiet || code != k_exit_ok) std::cout << human_summary(report);
  if (!written) std::fprintf(stderr, "cutover: %s\n", written.error().describe().c_str());
  else if (!o.quiet) std::cout << "report: " << o.report_path << "\n";
  return code;
}

int cmd_inspect(const Command& cmd) {
  auto loaded = load_source(cmd.options);
  if (!loaded) return report_error(loaded.error());
  bool tree = loaded->catalog.engine == "postgresql";
  if (cmd.json) std::cout << (tree ? schema_tree_json(loaded->catalog) : catalog_to_json(loaded->catalog)).dump(2) << "\n";
  else std::cout << (tree ? schema_tree_text(loaded->catalog) : catalog_text(loaded->catalog));
  return k_exit_ok;
}

int cmd_plan(const Command& cmd) {
  auto loaded = load_source(cmd.options);
  if (!loaded) return report_error(loaded.error());
  auto plan = make_plan(*loaded, cmd.options);
  if (!plan) return report_error(plan.error());
  if (cmd.json) std::cout << plan_to_json(*plan).dump(2) << "\n";
  else std::cout << plan_text(*plan);
  return k_exit_ok;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int cmd_migrate(const Command& cmd) {
  auto t0 = std::chrono::steady_clock::now();
  Options o = cmd.options;
  if (o.restart) o.drop_existing = true;
  if (o.report_path.empty()) o.report_path = "cutover-report.json";
  if (o.reject_dir.empty())  // next to the report
    o.reject_dir = (std::filesystem::path(o.report_path).parent_path() / "cutover-rejects").string();
  ReportMeta meta;
  meta.started_at = utc_now_iso();
  auto p = prepare(o, meta);
  if (!p) return early_failure(o, p.error(), meta);
  if (o.mode == Mode::data_only && p->plan.source_engine == "postgresql")
    if (auto st = check_data_only_target(p->plan); !st) return early_failure(o, st.error(), meta);
  if (o.mode != Mode::data_only && uses_postgis(p->plan))
    if (auto st = p->target->create_postgis(); !st) return early_failure(o, st.error(), meta);
  if (o.mode != Mode::data_only)
    if (auto st = p->target->create_ci_support(p->plan); !st) return early_failure(o, st.error(), meta);
  double plan_seconds = seconds_since(t0);
  auto resumed = p->target->begin_run(p->id, o.restart);
  if (!resumed) return early_failure(o, resumed.error(), meta);
  if (*resumed && !o.quiet) std::fprintf(stderr, "cutover: resuming run %s\n", p->id.run_id.c_str());

  stop_on_signals();
  auto progress = o.quiet ? std::unique_ptr<ProgressSink>(new NullProgress) : make_terminal_progress();
  Scheduler scheduler(*p->loaded.source, *p->target, p->plan, *progress, g_cancel);
  RunResult run = scheduler.run(*resumed);
  // Read again: readers that lost the shared snapshot change the statement.
  if (auto c = p->loaded.source->consistency(); !c.empty()) meta.consistency = c;
  meta.consistency = consistency_after_resume(std::move(meta.consistency), run);
  run.plan_seconds = plan_seconds;
  run.seconds = seconds_since(t0);
  int code = exit_code_for(run, o.max_rejects);
  if (o.max_rejects && code == k_exit_failed)
    for (const auto& t : run.tables)
      if (t.rejected_rows > 0 && t.status != TableStatus::failed)
        run.errors.push_back(fmt::format("{} rows rejected in {}, over --max-rejects {}", t.rejected_rows,
                                         t.target_name, *o.max_rejects));
  if (code != k_exit_interrupted) (void)p->target->finish_run(code == k_exit_ok || code == k_exit_rejected);
  return report_run(o, p->plan, run, meta);
}

}  // namespace cutover
