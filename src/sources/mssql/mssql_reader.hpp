// Reads one chunk of one SQL Server table into RowBatches of canonical
// values through its session (owned, or lent by the snapshot pool),
// streaming the result: memory holds the driver's current row (FreeTDS
// buffers a whole (max) value per row) plus the batch being filled.
//
// It selects the plan's columns in plan order plus the table's key columns
// (for reject records), restricted to the chunk's key range. Values are
// read per mssql_decode.hpp; a refused value drops its row into a
// RejectedRow (key "id=7").
#pragma once

#include <memory>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/mssql/mssql_snapshot.hpp"
#include "sources/source.hpp"

namespace cutover::mssql {

Result<std::unique_ptr<ChunkReader>> open_reader(ReadSession session, const TablePlan& table, const ChunkSpec& chunk,
                                                 const ReadOptions& options);

// The SELECT a reader runs (for tests and `plan` output).
std::string select_sql(const TablePlan& table, const ChunkSpec& chunk);

}  // namespace cutover::mssql
