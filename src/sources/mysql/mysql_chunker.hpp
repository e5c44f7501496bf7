// Splitting a MySQL table into chunks that cover every row exactly once.
// Every chunk uses ChunkSpec's tuple form (key_columns, lower, upper), with
// bounds as MySQL literals, compared as row values.
//
// - The key: the primary key, else the first unique index whose columns
//   are all NOT NULL (InnoDB's clustered index either way). No such key, or
//   a float/double key part (its text form does not compare exactly): one
//   whole-table chunk, and the reason says so.
// - A single integer key (signed or unsigned, any width): equal value spans
//   between min and max (uint64-safe), the first chunk open below and the
//   last open above, so rows inserted outside the planned range are still
//   covered. Sparse keys give uneven chunks (the reason says so).
// - Composite and non-integer keys: boundaries from one streamed walk of
//   the key in index order (`SELECT k1, k2 FROM t ORDER BY k1, k2`), every
//   chunk_rows-th key a boundary: exact chunk sizes, one index scan.
// - A table whose estimated or counted rows fit in one chunk: one chunk.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason);

// The key columns used for chunking (see above), with `why_not` set when empty.
std::vector<std::string> chunk_key(const Table& table, std::string& why_not);

// Equal value spans over [min, max] (signed or unsigned integers as text
// literals): the pure part of integer chunking, for tests.
std::vector<ChunkSpec> integer_ranges(const std::string& key, bool is_unsigned, const std::string& min,
                                      const std::string& max, int64_t rows, int64_t chunk_rows);

// " WHERE (k1, k2) >= (..) AND (k1, k2) < (..)" or "" for a whole-table chunk.
std::string chunk_where(const ChunkSpec& chunk);

}  // namespace cutover::mysql
