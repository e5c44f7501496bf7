// One snapshot shared by all SQL Server readers, when the database allows
// SNAPSHOT isolation (sql/snapshot_state.sql: ALLOW_SNAPSHOT_ISOLATION ON):
//
//   control session: SET LOCK_TIMEOUT 30000; BEGIN TRANSACTION;
//                    SELECT TOP (1) 1 FROM t WITH (TABLOCK, HOLDLOCK)
//                    for every table to copy (writers to them wait, briefly)
//   every reader:    SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
//                    BEGIN TRANSACTION; SELECT TOP (1) 1 FROM t
//                    (a SNAPSHOT transaction's snapshot is taken at its first
//                    data access, not at BEGIN TRANSACTION)
//   control session: COMMIT
//
// While the shared table locks are held no transaction has uncommitted
// changes in those tables and none can make any, so every reader's snapshot
// shows them at the same point in time. The sessions then go to a
// SnapshotPool (sources/snapshot_pool.hpp), which lends them to chunk
// readers and row counts and replaces lost ones.
//
// Fallbacks, each stated by consistency():
// - the locks are not granted within 30 s (or a deadlock picks the control
//   session): the readers' snapshots still begin together, one after the
//   other, and a commit between two of them makes the copy not
//   point-in-time consistent (unless there is one reader);
// - snapshot isolation is not allowed in the database: no pool, no
//   transaction; every chunk is read in its own READ COMMITTED statement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/mssql/mssql_session.hpp"
#include "sources/snapshot_pool.hpp"

namespace cutover::mssql {

using SnapshotPool = cutover::SnapshotPool<Session>;
using ReadSession = cutover::ReadSession<Session>;
inline Session& session_of(ReadSession& s) { return cutover::session_of<Session>(s); }

// A started snapshot: the pool (null when the database does not allow
// SNAPSHOT isolation) and, without a pool, the report's consistency.
struct SnapshotStart {
  std::unique_ptr<SnapshotPool> pool;
  std::string consistency;
};

Result<SnapshotStart> start_snapshot(const ConnectionConfig& config, int readers,
                                     const std::vector<TablePlan>& tables);

// The statement that takes the shared lock on `table` (control session).
std::string table_lock_sql(const Table& table);
// The statement that starts a SNAPSHOT transaction's snapshot on `table`.
std::string snapshot_begin_sql(const Table& table);

}  // namespace cutover::mssql
