// Reads one chunk of one SQLite table into RowBatches of canonical values.
//
// Each reader owns its own read-only Session (readers run on job threads).
// It selects the plan's columns in plan order plus the row's key (rowid, or
// the primary key of a WITHOUT ROWID table) as trailing columns, restricted
// to the chunk's key range. Values are decoded per ColumnPlan::type by
// sqlite_decode.hpp. A value that cannot be decoded drops its row: the row
// becomes a RejectedRow (key "rowid=N") and its rule is counted; policy
// rules that changed a value are counted per value (rule_counts()).
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/source.hpp"

namespace cutover::sqlite {

// Errors: the file cannot be opened, or the SELECT does not prepare (a
// column of the plan no longer exists).
Result<std::unique_ptr<ChunkReader>> open_reader(const std::string& path, const TablePlan& table,
                                                 const ChunkSpec& chunk, const ReadOptions& options);

// Rows of one chunk (count(*) with the chunk's WHERE).
Result<int64_t> count_chunk_rows(const std::string& path, const TablePlan& table, const ChunkSpec& chunk);

}  // namespace cutover::sqlite
