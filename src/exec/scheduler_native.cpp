// Native DDL of a PostgreSQL source (types, functions, sequences before the
// tables; views, triggers, rules, comments, sequence positions after the
// data; owners and grants last) and partitioned tables waiting for their
// partitions.
#include <fmt/format.h>

#include "exec/native_access.hpp"
#include "exec/scheduler.hpp"

namespace cutover {

namespace {

std::string step_name(const NativeStatement& s) {
  return fmt::format("native:{}:{}.{}{}", s.kind, s.schema, s.table.empty() ? "" : s.table + ".", s.name);
}

std::string native_error(const NativeStatement& s, const Error& e) {
  if (s.kind == "extension")
    return fmt::format("extension {} is needed by the source schema but the target cannot create it: {} — "
                       "install the extension's package on the target server (or use a target where it is "
                       "available) and run again; no data was copied",
                       s.name, e.message);
  return fmt::format("{} {}.{}: {}", s.kind, s.schema, s.name, e.describe());
}

}  // namespace

Status Scheduler::execute_native(const NativeStatement& s) {
  std::string step = step_name(s);
  if (step_done(step)) return {};
  auto st = target_.execute_step(s.sql, step);
  for (int attempt = 0; !st && st.error().retryable && attempt < 3 && !cancel_; ++attempt) {
    sleep_backoff(attempt);
    st = target_.execute_step(s.sql, step);
  }
  return st;
}

bool Scheduler::run_native(const std::vector<NativeStatement>& statements, const char* phase) {
  if (statements.empty()) return true;
  progress_.phase(phase);
  bool ok = true;
  for (const auto& s : statements) {
    if (cancel_) return false;
    auto st = execute_native(s);
    std::lock_guard lock(run_mu_);
    if (st) {
      if (s.kind == "view" || s.kind == "materialized_view") run_.views_created.push_back(s.schema + "." + s.name);
      continue;
    }
    run_.errors.push_back(native_error(s, st.error()));
    ok = false;
    if (s.kind == "extension" || s.kind == "schema") return false;  // nothing after it can work
  }
  return ok;
}

// --owners / --grants: statements whose role the target lacks are left out
// (named in missing_roles and a warning per role); one the target refuses
// (e.g. not allowed to SET ROLE to the new owner) is a warning, not a failure.
void Scheduler::run_access() {
  if (plan_.access.empty() || cancel_) return;
  progress_.phase("setting owners and grants");
  auto roles = target_.role_names();
  if (!roles) {
    run_.warnings.push_back("owners and grants not applied: " + roles.error().describe());
    return;
  }
  RoleSplit split = split_by_roles(plan_.access, *roles);
  for (auto& w : missing_role_warnings(split)) run_.warnings.push_back(std::move(w));
  for (const auto& [role, _] : split.missing) run_.missing_roles.push_back(role);
  for (const NativeStatement* s : split.runnable) {
    if (cancel_) return;
    if (auto st = execute_native(*s); !st)
      run_.warnings.push_back(fmt::format("{} not applied: {}", s->sql, st.error().message));
  }
}

void Scheduler::partition_finished(size_t t) {
  if (!parent_[t]) return;
  size_t p = *parent_[t];
  bool last;
  {
    std::lock_guard lock(tables_[p]->mu);
    last = --tables_[p]->chunks_left == 0 && !tables_[p]->failed;
  }
  if (last) schedule_post(p);
}

}  // namespace cutover
