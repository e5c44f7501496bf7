// Pieces shared by the CLI commands (commands.cpp, verify_command.cpp).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/source.hpp"
#include "targets/postgres/pg_target.hpp"
#include "verify/report.hpp"

namespace cutover {

// Set by SIGINT/SIGTERM once stop_on_signals() ran; work stops at a chunk boundary.
extern std::atomic<bool> g_cancel;
void stop_on_signals();

struct Loaded {
  std::unique_ptr<Source> source;
  Catalog catalog;
};

struct Prepared {
  std::unique_ptr<pg::PgTarget> target;
  Loaded loaded;
  MigrationPlan plan;
  RunIdentity id;
};

// Opens the target, loads the source's catalog and plans; sets meta's
// target version, consistency note and run id.
Result<Prepared> prepare(const Options& o, ReportMeta& meta);
// Writes the report, prints the summary; returns the exit code.
int report_run(const Options& o, const MigrationPlan& plan, const RunResult& run, ReportMeta& meta);

// Prints the error; returns the exit code for it (usage for config errors).
int report_error(const Error& e);
Result<Loaded> load_source(const Options& o);
Result<MigrationPlan> make_plan(Loaded& loaded, const Options& o);
std::string consistency_note(const std::string& engine);
// Writes the report for a command that failed before any table was worked on.
int early_failure(const Options& o, const Error& e, const ReportMeta& meta);
double seconds_since(std::chrono::steady_clock::time_point t0);

}  // namespace cutover
