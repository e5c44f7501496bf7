#include "verify/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include "plan/plan_json.hpp"
#include "util/url.hpp"
#include "verify/checksum.hpp"

namespace cutover {

using nlohmann::json;

namespace {

const char* run_status(int code) {
  switch (code) {
    case k_exit_ok: return "ok";
    case k_exit_rejected: return "rejected_rows";
    case k_exit_interrupted: return "interrupted";
    default: return "failed";
  }
}

double per_second(double v, double secs) { return secs > 0 ? v / secs : 0; }

json check_json(const ChunkCheck& c) {
  return {{"chunk", c.index < 0 ? json(nullptr) : json(c.index)}, {"range", c.range},
          {"source_rows", c.source_rows}, {"target_rows", c.target_rows},
          {"source_checksum", checksum_hex(c.source_checksum)},
          {"target_checksum", checksum_hex(c.target_checksum)}, {"match", c.match}};
}

json mismatch_json(const Mismatch& m) {
  json rows = json::array();
  for (const auto& d : m.rows) {
    json cols = json::array();
    for (const auto& c : d.columns) cols.push_back({{"column", c.column}, {"source", c.source}, {"target", c.target}});
    rows.push_back({{"key", d.key}, {"kind", d.kind}, {"columns", cols}});
  }
  json j = check_json(m.check);
  j.erase("match");
  j.update({{"narrowed", m.narrowed}, {"differing_rows", m.narrowed ? json(m.differing_rows) : json(nullptr)},
            {"rows", rows}, {"note", m.note.empty() ? json(nullptr) : json(m.note)}, {"fixed", m.fixed},
            {"fix_error", m.fix_error.empty() ? json(nullptr) : json(m.fix_error)}});
  return j;
}

json verify_json(const TableResult& r) {
  if (r.verified_by.empty()) return nullptr;
  json checks = json::array();
  for (const auto& c : r.checks) checks.push_back(check_json(c));
  return {{"by", r.verified_by}, {"target_checksum", checksum_hex(r.target_checksum)}, {"chunks", checks}};
}

json table_json(const TableResult& r, const TablePlan* plan) {
  json totals = json::array();
  for (const auto& k : r.key_totals)
    totals.push_back({{"column", k.column}, {"source", k.source}, {"target", k.target}, {"match", k.match}});
  json j = {{"source", r.source_name}, {"target", r.target_name}, {"status", to_string(r.status)},
            {"source_rows", r.source_rows}, {"copied_rows", r.copied_rows},
            {"target_rows", r.target_rows < 0 ? json(nullptr) : json(r.target_rows)},
            {"rejected_rows", r.rejected_rows},
            {"reject_file", r.reject_file.empty() ? json(nullptr) : json(r.reject_file)},
            {"bytes", r.bytes}, {"seconds", r.seconds},
            {"copy_started", r.copy_started < 0 ? json(nullptr) : json(r.copy_started)},
            {"copy_finished", r.copy_finished < 0 ? json(nullptr) : json(r.copy_finished)},
            {"rows_per_second", per_second(static_cast<double>(r.copied_rows - r.resumed_rows), r.seconds)},
            {"chunks", r.chunks}, {"chunks_resumed", r.chunks_resumed},
            {"retries", r.retries},
            {"checksum", checksum_hex(r.checksum)}, {"rules", r.rules.counts},
            {"key_totals", totals}, {"errors", r.errors}, {"warnings", r.warnings}};
  j["verify"] = verify_json(r);
  json mismatches = json::array();
  for (const auto& m : r.mismatches) mismatches.push_back(mismatch_json(m));
  j["mismatches"] = mismatches;
  if (plan) {
    json p = table_plan_to_json(*plan);
    j["columns"] = p["columns"];
    j["chunk_reason"] = p["chunk_reason"];
    j["source_schema"] = plan->source.schema;
    j["freeze"] = plan->truncate_freeze;
  }
  return j;
}

// The plan's warnings (catalog: dropped INCLUDE columns, ...), then the run's.
std::vector<std::string> run_warnings(const MigrationPlan& plan, const RunResult& run) {
  std::vector<std::string> out = plan.warnings;
  out.insert(out.end(), run.warnings.begin(), run.warnings.end());
  return out;
}

}  // namespace

int exit_code_for(const RunResult& run, std::optional<int64_t> max_rejects) {
  if (run.interrupted) return k_exit_interrupted;
  if (!run.errors.empty()) return k_exit_failed;
  int64_t rejected = 0;
  for (const auto& t : run.tables) {
    if (t.status == TableStatus::failed) return k_exit_failed;
    rejected += t.rejected_rows;
  }
  if (max_rejects && rejected > *max_rejects) return k_exit_failed;
  return rejected > 0 ? k_exit_rejected : k_exit_ok;
}

std::string utc_now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The runbook block of one table. Without verification the target was not
// counted: target_count and match are null, source_count the rows the copy read.
json runbook_counts(const TableResult& r, bool verified) {
  if (!verified)
    return {{"source_count", r.copied_rows + r.rejected_rows}, {"target_count", nullptr},
            {"rejected", r.rejected_rows}, {"match", nullptr}};
  bool match = r.target_rows == r.copied_rows && r.source_rows == r.copied_rows + r.rejected_rows;
  return {{"source_count", r.source_rows}, {"target_count", r.target_rows}, {"rejected", r.rejected_rows},
          {"match", match}};
}

json build_report(const MigrationPlan& plan, const RunResult& run, const ReportMeta& meta) {
  json tables = json::array(), key_totals = json::object();
  int64_t rows = 0, rejected = 0, bytes = 0, moved_rows = 0, moved_bytes = 0, mismatches = 0, fixed = 0;
  for (const auto& r : run.tables) {
    const TablePlan* tp = nullptr;
    for (const auto& t : plan.tables)
      if (t.target_schema + "." + t.target_name == r.target_name) tp = &t;
    tables.push_back(table_json(r, tp));
    rows += r.copied_rows;
    rejected += r.rejected_rows;
    bytes += r.bytes;
    moved_rows += r.copied_rows - r.resumed_rows;  // this run's own work
    moved_bytes += r.bytes - r.resumed_bytes;
    for (const auto& m : r.mismatches) ++mismatches, fixed += m.fixed ? 1 : 0;
    key_totals[r.target_name] = runbook_counts(r, run.verified);
  }
  int code = exit_code_for(run, plan.options.max_rejects);
  json renames = json::array();
  for (const auto& n : plan.renames)
    renames.push_back({{"kind", n.kind}, {"source", n.source}, {"target", n.target}, {"reason", n.reason}});
  json steps = json::array();
  for (const auto& s : run.steps) steps.push_back({{"step", s.step}, {"seconds", s.seconds}, {"started", s.started}});
  return {{"cutover_version", CUTOVER_VERSION}, {"command", meta.command}, {"run_id", meta.run_id},
          {"status", run_status(code)}, {"exit_code", code},
          {"started_at", meta.started_at}, {"finished_at", meta.finished_at},
          {"source", redact_url(plan.options.source_url)}, {"source_engine", plan.source_engine},
          {"target", redact_url(plan.options.target_url)}, {"target_version", meta.target_version},
          {"mode", to_string(plan.options.mode)}, {"resumed", run.resumed},
          {"verified", run.verified}, {"consistency", meta.consistency},
          {"duration_seconds", {{"total", run.seconds}, {"plan", run.plan_seconds},
                                {"copy", run.copy_seconds}, {"data", run.data_seconds},
                                {"views", run.post_seconds},
                                {"verify", run.verify_seconds}}},
          {"totals", {{"tables", run.tables.size()}, {"rows_copied", rows}, {"rows_rejected", rejected},
                      {"bytes", bytes}, {"rows_per_second", per_second(static_cast<double>(moved_rows), run.copy_seconds)},
                      {"mb_per_second", per_second(static_cast<double>(moved_bytes) / 1e6, run.copy_seconds)},
                      {"mismatches", mismatches}, {"mismatches_fixed", fixed}}},
          {"key_totals", key_totals}, {"tables", tables}, {"renames", renames}, {"steps", steps},
          {"views_created", run.views_created}, {"views_not_migrated", run.views_not_migrated},
          {"not_migrated", plan.not_migrated}, {"missing_roles", run.missing_roles},
          {"warnings", run_warnings(plan, run)}, {"errors", run.errors}};
}

namespace {

// "    id in [1, 501): 3 rows differ (fixed)" and the first rows.
std::string mismatch_summary(const json& table) {
  std::string out;
  for (const auto& m : table["mismatches"]) {
    out += fmt::format("    differs: {}: source {} rows, target {}{}{}\n", m["range"].get<std::string>(),
                       m["source_rows"].get<int64_t>(), m["target_rows"].get<int64_t>(),
                       m["differing_rows"].is_null() ? "" : fmt::format("; {} rows differ", m["differing_rows"].get<int64_t>()),
                       m["fixed"].get<bool>() ? " (fixed)" : "");
    size_t shown = 0;
    for (const auto& row : m["rows"]) {
      if (++shown > 3) break;
      std::string cols;
      for (const auto& c : row["columns"]) cols += (cols.empty() ? " " : ", ") + c["column"].get<std::string>();
      out += fmt::format("      {} {}{}\n", row["kind"].get<std::string>(), row["key"].get<std::string>(), cols);
    }
    if (!m["note"].is_null()) out += "      " + m["note"].get<std::string>() + "\n";
  }
  return out;
}

}  // namespace

std::string human_summary(const json& report) {
  std::string out = fmt::format("{:<40} {:>12} {:>10} {:>10}  {}\n", "table", "rows", "rejected", "seconds", "status");
  for (const auto& t : report["tables"]) {
    out += fmt::format("{:<40} {:>12} {:>10} {:>10.2f}  {}\n", t["target"].get<std::string>(),
                       t["copied_rows"].get<int64_t>(), t["rejected_rows"].get<int64_t>(),
                       t["seconds"].get<double>(), t["status"].get<std::string>());
    std::string target = t["target"].get<std::string>(), source = t["source"].get<std::string>();
    if (t.contains("source_schema") && target.substr(target.find('.') + 1) != source)
      out += "    from " + t["source_schema"].get<std::string>() + "." + source + "\n";
    for (const auto& e : t["errors"]) out += "    error: " + e.get<std::string>() + "\n";
    if (!t["reject_file"].is_null()) out += "    rejected rows in " + t["reject_file"].get<std::string>() + "\n";
    out += mismatch_summary(t);
  }
  const auto& tot = report["totals"];
  std::string verification = !report["verified"].get<bool>() ? "skipped"
                             : tot["mismatches"].get<int64_t>() == 0
                                 ? "rows, checksums and key totals match"
                                 : fmt::format("{} ranges differed, {} fixed", tot["mismatches"].get<int64_t>(),
                                               tot["mismatches_fixed"].get<int64_t>());
  if (report["command"] == "verify")
    out += fmt::format("{} tables, {} source rows checked, {} rejected, {:.1f}s; verification: {}\n",
                       tot["tables"].get<size_t>(), tot["rows_copied"].get<int64_t>(),
                       tot["rows_rejected"].get<int64_t>(), report["duration_seconds"]["total"].get<double>(),
                       verification);
  else
    out += fmt::format("{} tables, {} rows copied, {} rejected, {:.0f} rows/s, {:.1f} MB/s, {:.1f}s total; verification: {}\n",
                       tot["tables"].get<size_t>(), tot["rows_copied"].get<int64_t>(),
                       tot["rows_rejected"].get<int64_t>(), tot["rows_per_second"].get<double>(),
                       tot["mb_per_second"].get<double>(), report["duration_seconds"]["total"].get<double>(),
                       verification);
  if (!report["missing_roles"].empty())
    out += fmt::format("roles missing on the target (their owners and grants were not applied): {}\n",
                       fmt::join(report["missing_roles"].get<std::vector<std::string>>(), ", "));
  for (const auto& e : report["errors"]) out += "error: " + e.get<std::string>() + "\n";
  out += fmt::format("status: {}\n", report["status"].get<std::string>());
  return out;
}

Status write_report(const std::string& path, const json& report) {
  std::ofstream f(path, std::ios::trunc);
  if (!f) return fail(ErrorKind::io, fmt::format("cannot write the report to {}", path),
                      "check that the directory exists and is writable, or pass --report elsewhere");
  f << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return {};
}

}  // namespace cutover
