// Reads one chunk of one MySQL table into RowBatches of canonical values,
// streaming the result (mysql_use_result): memory holds one row of the
// client's buffer plus the batch being filled, whatever the table size.
//
// It selects the plan's columns in plan order plus the table's key columns
// (for reject records), restricted to the chunk's key range. Values are
// decoded per ColumnPlan::type by mysql_decode.hpp; a refused value drops
// its row into a RejectedRow (key "id=7").
#pragma once

#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/mysql/mysql_snapshot.hpp"
#include "sources/source.hpp"

namespace cutover::mysql {

Result<std::unique_ptr<ChunkReader>> open_reader(ReadSession session, const TablePlan& table,
                                                 const ChunkSpec& chunk, const ReadOptions& options);

// The SELECT a reader runs (for tests and `plan` output).
std::string select_sql(const TablePlan& table, const ChunkSpec& chunk);

}  // namespace cutover::mysql
