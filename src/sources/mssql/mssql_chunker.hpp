// Splits a SQL Server table into chunks that cover every row exactly once,
// by ranges of its key (mssql_keys.hpp: the primary key, else a unique
// index over NOT NULL columns):
// - a single integer column (tinyint, smallint, int, bigint): equal value
//   ranges from MIN, MAX and COUNT_BIG(*) (one query), the first open below
//   and the last open above (ChunkSpec::key_column/lo/hi);
// - composite keys and uniqueidentifier, character, date/time and exact
//   numeric keys: boundaries sampled on the server in its own order, one
//   chunk per chunk_rows rows (ChunkSpec::key_columns/lower/upper, bounds
//   as T-SQL literals);
// - no usable key: one chunk, and `reason` says why.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "sources/mssql/mssql_session.hpp"

namespace cutover::mssql {

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason);

// Equal ranges over [lo, hi] for `rows` rows, at most `chunk_rows` each on average.
std::vector<ChunkSpec> key_ranges(const std::string& key, int64_t lo, int64_t hi, int64_t rows, int64_t chunk_rows);

// " WHERE [k] >= lo AND [k] < hi", the tuple form spelled out
// (mssql_keys.hpp, tuple_compare), or "" for the whole table.
std::string chunk_where(const ChunkSpec& chunk);

// [schema].[table]
std::string qualified_name(const Table& table);

}  // namespace cutover::mssql
