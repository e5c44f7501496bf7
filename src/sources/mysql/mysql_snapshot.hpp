// One consistent snapshot shared by all MySQL readers (mydumper's method):
//
//   control session:  FLUSH TABLES WITH READ LOCK      (writes wait, briefly)
//   every reader:     START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY
//   control session:  SHOW MASTER STATUS (binlog position, when available)
//                     UNLOCK TABLES
//
// While the global read lock is held nothing commits, so every reader's
// snapshot is the same point in time. The sessions then go to a
// SnapshotPool (sources/snapshot_pool.hpp), which lends them to chunk
// readers and row counts and replaces lost ones.
//
// Fallback: without the RELOAD privilege (or when the lock times out after
// lock_wait_timeout = 30 s) each session starts its own consistent snapshot
// and the copy is not point-in-time consistent across chunks — unless the
// pool has one session (--jobs 1), whose single snapshot is. The pool's
// consistency() says which. Non-transactional tables (MyISAM, Aria) are
// read as of each chunk's SELECT in any case.
#pragma once

#include <memory>

#include "core/error.hpp"
#include "sources/mysql/mysql_session.hpp"
#include "sources/snapshot_pool.hpp"

namespace cutover::mysql {

using SnapshotPool = cutover::SnapshotPool<Session>;
using Lease = PoolLease<Session>;
using ReadSession = cutover::ReadSession<Session>;
inline Session& session_of(ReadSession& s) { return cutover::session_of<Session>(s); }

// `sessions` reader sessions in one snapshot (see above).
Result<std::unique_ptr<SnapshotPool>> open_snapshot_pool(const ConnectionConfig& config, int sessions);

}  // namespace cutover::mysql
