// The reconciliation report (DESIGN.md §6): one JSON schema for migrate and
// verify, documented field by field in docs/report.md, plus a short human
// summary for the terminal.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "exec/run_result.hpp"

namespace cutover {

// Exit codes shared by every command (docs/report.md).
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_failed = 1,
  k_exit_usage = 2,
  k_exit_rejected = 3,     // everything copied and checked except rejected rows
  k_exit_interrupted = 4,  // stopped at a chunk boundary; re-run to resume
};

struct ReportMeta {
  std::string command = "migrate";
  std::string started_at;   // ISO-8601 UTC
  std::string finished_at;
  std::string target_version;
  std::string run_id;
  std::string consistency;  // what the source read guarantees
};

// `max_rejects`: more rejected rows than this make the run a failure.
int exit_code_for(const RunResult& run, std::optional<int64_t> max_rejects = std::nullopt);
nlohmann::json build_report(const MigrationPlan& plan, const RunResult& run, const ReportMeta& meta);
std::string human_summary(const nlohmann::json& report);
Status write_report(const std::string& path, const nlohmann::json& report);
std::string utc_now_iso();

}  // namespace cutover
