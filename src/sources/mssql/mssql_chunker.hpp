// Splits a SQL Server table into chunks by primary-key ranges: a single
// integer key column (tinyint, smallint, int, bigint) is cut into equal key
// ranges from MIN, MAX and COUNT_BIG(*) (one query); the first range is open
// below and the last open above, so together they cover every row once.
// Other keys (composite, uniqueidentifier, strings) and tables without a
// key are read as one chunk for now (`reason` says so).
#pragma once

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "sources/mssql/mssql_session.hpp"

namespace cutover::mssql {

// The integer key column chunks split on; "" with `why_not` otherwise.
std::string chunk_key(const Table& table, std::string& why_not);

Result<std::vector<ChunkSpec>> plan_chunks(Session& session, const Table& table, int64_t chunk_rows,
                                           std::string& reason);

// Equal ranges over [lo, hi] for `rows` rows, at most `chunk_rows` each on average.
std::vector<ChunkSpec> key_ranges(const std::string& key, int64_t lo, int64_t hi, int64_t rows, int64_t chunk_rows);

// " WHERE [k] >= lo AND [k] < hi" for a chunk ("" for the whole table).
std::string chunk_where(const ChunkSpec& chunk);

// [schema].[table]
std::string qualified_name(const Table& table);

}  // namespace cutover::mssql
