// Column profiling for the MySQL type mapping: only the columns whose
// declared type does not say what they hold (mysql_types.hpp ProfileNeed),
// with one aggregate query per chunk — the server does the work and sends
// one row:
//   tinyint(1)                  MIN, MAX (boolean only when within 0..1)
//   time                        MIN/MAX of FLOOR(TIME_TO_SEC(c)) (interval
//                               when negative or >= 86400)
//   date, datetime, timestamp   count of zero and partial dates (MONTH or
//                               DAYOFMONTH 0)
// Tables without such columns are not queried (the result is empty).
#pragma once

#include <vector>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

Result<std::vector<ColumnProfile>> profile_table(Session& session, const Table& table, const ChunkSpec& chunk);

// True when some column of `table` needs profiling.
bool needs_profile(const Table& table);

}  // namespace cutover::mysql
