// The SIGKILL-and-resume loop of the resume tests of every source (issue:
// crash-safe resume, "for each source built so far"): one migrate command
// started again and again, each run killed at a random moment, until the
// last run resumes to completion. Header-only.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "child_process.hpp"

namespace cutover::it {

// One cutover command started again and again: run N's stdout and stderr
// in `dir`/runN.out and .err, the report at `report`.
class RepeatedRun {
 public:
  RepeatedRun(std::vector<std::string> args, std::string dir, std::string report)
      : args_(std::move(args)), dir_(std::move(dir)), report_(std::move(report)) {}
  std::unique_ptr<Child> start() { return std::make_unique<Child>(args_, fmt::format("{}/run{}", dir_, ++runs_)); }
  // A run to its end, with the report it wrote (none left from an earlier run).
  CutoverRun run() {
    std::filesystem::remove(report_);
    auto child = start();
    return finish_run(*child, report_);
  }

 private:
  std::vector<std::string> args_;
  std::string dir_, report_;
  int runs_ = 0;
};

// Empties a target the runs load into `public`: its run state and tables.
inline void reset_public(PgConn& target) {
  target.exec("DROP SCHEMA IF EXISTS cutover_state CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
}

// Where a killed run stood, from the state it recorded on the target.
inline std::string run_phase(PgConn& pg, int64_t total_chunks) {
  if (pg.scalar("SELECT to_regclass('cutover_state.runs') IS NOT NULL") != "t") return "starting";
  if (pg.scalar("SELECT count(*) FROM cutover_state.runs WHERE status = 'done'") == "1") return "done";
  int64_t chunks = recorded_chunks(pg);
  if (chunks == 0) return "planning or creating tables";
  return chunks < total_chunks ? "copying" : "keys, indexes, FKs, verification";
}

// The SIGKILL loop of the resume tests.
struct KillCycles {
  int kills = 20;              // runs to kill
  uint32_t seed = 0;           // of the random delays
  double min_s = 0, max_s = 1;  // each run is killed after a delay in [min_s, max_s)
  int64_t total_chunks = 0;    // of a whole run (run_phase)
};

// Starts runs and kills each with SIGKILL after a random delay until
// `k.kills` runs were killed. A run that ends before its kill must exit 0
// and is a finished copy: the target is reset (reset_public) for a new
// round, as after a kill that landed when the run was done (a second
// migration into a loaded target is refused by design). Counts the kills
// per phase in `landed`; returns a trace of every cycle. Adds a test
// failure when a run fails or fewer runs were killed (within 100 cycles).
inline std::string sigkill_cycles(const KillCycles& k, RepeatedRun& runs, PgConn& target,
                                  std::map<std::string, int>& landed) {
  std::mt19937 rng(k.seed);
  std::uniform_real_distribution<double> delay(k.min_s, k.max_s);
  std::string trace;
  int kills = 0;
  for (int cycle = 0; kills < k.kills && cycle < 100; ++cycle) {
    double d = delay(rng);
    auto child = runs.start();
    if (auto code = child->wait_for(d)) {
      if (*code != 0) ADD_FAILURE() << trace << "a run exited " << *code << "\n" << child->log();
      if (*code != 0) return trace;
      trace += fmt::format("run finished within {:.3f} s; target reset\n", d);
      reset_public(target);
      continue;
    }
    child->signal_and_wait(SIGKILL);
    std::string where = run_phase(target, k.total_chunks);
    ++landed[where];
    trace += fmt::format("kill {} after {:.3f} s: {}\n", ++kills, d, where);
    if (where == "done") reset_public(target);
  }
  if (kills != k.kills) ADD_FAILURE() << "only " << kills << " runs were killed\n" << trace;
  return trace;
}

// The resume tests' loop: one whole run times the kill delays and counts
// the chunks, the target is reset, then sigkill_cycles with delays from half
// the planning to the whole run. Returns the trace.
inline std::string kill_resume_cycles(int kills, uint32_t seed, RepeatedRun& runs, PgConn& target,
                                      std::map<std::string, int>& landed) {
  auto t0 = std::chrono::steady_clock::now();
  CutoverRun whole = runs.run();
  double full_run_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (whole.exit_code != 0) {
    ADD_FAILURE() << "the whole run failed: " << describe(whole);
    return {};
  }
  int64_t total_chunks = recorded_chunks(target);
  reset_public(target);
  double plan_s = whole.report["duration_seconds"].value("plan", 0.0);
  std::string trace = fmt::format("one full run: {:.2f} s (planning {:.2f} s)\n", full_run_s, plan_s);
  return trace + sigkill_cycles({kills, seed, plan_s / 2, full_run_s, total_chunks}, runs, target, landed);
}

// The end of the resume tests' loop: the run that resumed to the end, and
// the trace of every cycle before it.
struct Resumed {
  CutoverRun last;
  std::string trace;
};

// kill_resume_cycles, then one more run to its end, the kills per phase
// printed; nullopt (with a test failure) when the cycles failed. The caller
// checks the copy under SCOPED_TRACE(trace).
inline std::optional<Resumed> kill_then_resume(int kills, uint32_t seed, RepeatedRun& runs, PgConn& target) {
  std::map<std::string, int> landed;
  std::string trace = kill_resume_cycles(kills, seed, runs, target, landed);
  if (::testing::Test::HasFailure()) {
    ADD_FAILURE() << trace;
    return std::nullopt;
  }
  std::printf("[ kills    ] %s", trace.substr(0, trace.find('\n') + 1).c_str());
  for (const auto& [where, n] : landed) std::printf("[ kills    ] %2d %s\n", n, where.c_str());
  return Resumed{runs.run(), std::move(trace)};
}

// A run that resumed chunks read by an earlier run (in that run's
// snapshot) no longer claims one point in time (src/cli/commands.cpp).
inline void expect_consistency_after_resume(const nlohmann::json& report) {
  int resumed = 0, chunks = 0;
  for (const auto& t : report["tables"]) {
    resumed += t.value("chunks_resumed", 0);
    chunks += t.value("chunks", 0);
  }
  std::string c = report.value("consistency", "");
  const char* expected = resumed == 0        ? "point-in-time consistent: yes"
                         : resumed == chunks ? "point-in-time consistent: not known"
                                             : "point-in-time consistent: no — this run resumed";
  EXPECT_TRUE(c.starts_with(expected)) << resumed << " of " << chunks << " chunks resumed: " << c;
}

}  // namespace cutover::it
