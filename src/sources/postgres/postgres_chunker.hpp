// Chunks of a PostgreSQL table: ranges of a single-column integer primary
// key, else ranges of heap pages by ctid (the key column is then "ctid",
// lo/hi are page numbers: `ctid >= '(lo,0)' AND ctid < '(hi,0)'`, a TID
// range scan). A partitioned table has no chunks: its rows are copied
// through its partitions. First chunk open below, last open above, so rows
// added past the estimate are still covered.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "targets/postgres/pg_session.hpp"

namespace cutover::postgres {

inline constexpr const char* k_ctid_key = "ctid";

// Pure: the chunks of a table with `estimate` rows. `key_range` holds the
// key's min and max when the table has an integer key.
std::vector<ChunkSpec> split_chunks(const Table& table, int64_t estimate, int64_t chunk_rows,
                                    const std::optional<std::pair<int64_t, int64_t>>& key_range,
                                    std::string& reason);

// Reads the key's range on `conn` (in the run's snapshot) and splits.
Result<std::vector<ChunkSpec>> plan_chunks(pg::Connection& conn, const Table& table, int64_t chunk_rows,
                                           std::string& reason);

// "WHERE ..." restricting a scan to the chunk, or "" for a whole table.
std::string chunk_where(const ChunkSpec& chunk);

}  // namespace cutover::postgres
