// Splitting a SQLite table into chunks that cover every row exactly once.
//
// - rowid tables: contiguous ranges of rowid (key "rowid", or the INTEGER
//   PRIMARY KEY alias's name), from min/max rowid and count(*); the first
//   chunk is open below and the last open above, so rows inserted outside
//   the range seen at planning time are still covered. Ranges have equal
//   value spans, not equal row counts: sparse or skewed rowids give uneven
//   chunks (the reason says so).
// - WITHOUT ROWID tables with a single-column primary key of INTEGER
//   affinity: the same on that key. Non-integer keys stored in it (SQLite
//   does not enforce types) sort after all numbers and fall into the last,
//   open-ended chunk. No NULL-key chunk: WITHOUT ROWID keys are NOT NULL.
// - anything else, and tables of at most chunk_rows rows: one whole-table chunk.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/sqlite/sqlite_session.hpp"

namespace cutover::sqlite {

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason);

// The rowid's name usable in SQL for `table` ("rowid", or "_rowid_"/"oid"
// when a real column takes the name); empty for WITHOUT ROWID tables.
std::string rowid_name(const Table& table);

// " WHERE <key> >= lo AND <key> < hi" for a range chunk, "" for a whole-table chunk.
std::string chunk_where(const Table& table, const ChunkSpec& chunk);

}  // namespace cutover::sqlite
