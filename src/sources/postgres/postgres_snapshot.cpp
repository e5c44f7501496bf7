#include "sources/postgres/postgres_snapshot.hpp"

#include <fmt/format.h>

#include <thread>

#include "sources/chunk_list.hpp"
#include "sources/postgres/postgres_session.hpp"

namespace cutover::postgres {

namespace {

// SET TRANSACTION SNAPSHOT refused the id: no such snapshot (22023, the
// exporting transaction ended or the server restarted) or its exporting
// process is gone (55000).
bool may_be_lost(const Error& e) { return e.sqlstate == "22023" || e.sqlstate == "55000"; }

}  // namespace

Result<pg::Connection> SharedSnapshot::connect() {
  for (;;) {
    auto conn = connect_source(conninfo_);
    if (conn) {
      reached_ = true;
      std::lock_guard lock(down_mu_);
      down_since_.reset();
      return conn;
    }
    if (!wait_for_server(conn.error())) return conn;
  }
}

bool SharedSnapshot::wait_for_server(const Error& e) {
  if (!reached_ || !e.retryable) return false;
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(down_mu_);
    if (!down_since_) down_since_ = now;
    if (now - *down_since_ >= k_reconnect_wait) return false;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  return true;
}

Status SharedSnapshot::ensure_coordinator() {
  if (coordinator_) return {};
  auto conn = connect();
  if (!conn) return fail(std::move(conn.error()));
  auto owned = std::make_unique<pg::Connection>(std::move(*conn));
  if (auto st = begin_snapshot(*owned, ""); !st) return st;
  auto snap = owned->query("SELECT pg_catalog.pg_export_snapshot()");
  if (!snap) return fail(std::move(snap.error()));
  exported_.id = std::string(snap->get(0, 0));
  coordinator_ = std::move(owned);
  return {};
}

SharedSnapshot::Exported SharedSnapshot::current() {
  std::lock_guard lock(mu_);
  return exported_;
}

Result<int> SharedSnapshot::join(pg::Connection& conn) {
  Exported snap = current();
  Status st = begin_snapshot(conn, snap.id);
  if (st) return snap.generation;
  if (!may_be_lost(st.error())) return fail(std::move(st.error()));
  if (auto rb = conn.execute("ROLLBACK"); !rb) return fail(std::move(rb.error()));
  auto renewed = renew(snap.generation, st.error());
  if (!renewed) return fail(std::move(renewed.error()));
  if (auto again = begin_snapshot(conn, renewed->id); !again) return fail(std::move(again.error()));
  return renewed->generation;
}

Result<SharedSnapshot::Exported> SharedSnapshot::renew(int seen, const Error& why) {
  std::lock_guard lock(mu_);
  if (exported_.generation != seen) return exported_;  // another reader renewed it
  if (coordinator_ && coordinator_->execute("SELECT 1")) return fail(why);  // not lost: a real error
  coordinator_.reset();
  int generation = exported_.generation;
  if (auto st = ensure_coordinator(); !st) {
    Error e = st.error();
    e.retryable = true;  // the chunk's retry tries again
    e.message = "the source's exported snapshot was lost and a new one could not be exported: " + e.message;
    return fail(std::move(e));
  }
  exported_.generation = generation + 1;
  return exported_;
}

void SharedSnapshot::note_outside(const std::string& table, int chunk) {
  std::lock_guard lock(mu_);
  outside_[table].push_back(chunk);
}

std::string SharedSnapshot::consistency() const {
  std::lock_guard lock(mu_);
  if (exported_.generation == 0 || outside_.empty())
    return "point-in-time consistent: yes — every chunk was read in one snapshot exported when the catalog was "
           "read (pg_export_snapshot)";
  return fmt::format(
      "point-in-time consistent: no — the exported snapshot was lost {} time(s) (the source server restarted, or "
      "the session holding it was terminated) and a new one was exported each time; these chunks were read in a "
      "later snapshot than the catalog and the chunks before them: {}. Re-run with --restart for one point in "
      "time, or run `cutover verify --fix` while nothing writes to the source",
      exported_.generation, describe_chunks(outside_));
}

}  // namespace cutover::postgres
