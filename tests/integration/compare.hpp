// Whole-table comparison: every SQLite row against every PostgreSQL row,
// value by value under the column's target type (canonical.hpp). Rows are
// compared as multisets, so tables without a key and duplicate rows are
// checked too: every source row must be in the target exactly once, or be
// one the oracle expects to be rejected.
#pragma once

#include <string>
#include <vector>

#include "canonical.hpp"
#include "harness.hpp"

namespace cutover::it {

struct TableCompare {
  size_t source_rows = 0;
  size_t target_rows = 0;
  size_t rejected = 0;                   // rows the oracle refuses
  std::vector<SqlValue> rejected_first;  // first source column of each refused row
};

// Compares source table `source_table` (its copied columns and types taken
// from the report) with its target table. Adds GoogleTest failures for every
// difference (the first few are printed in full) and checks the report's
// rejected_rows for the table against the oracle.
TableCompare expect_same_rows(SqliteFile& sqlite, PgConn& pg, const nlohmann::json& report,
                              const std::string& source_table, const NulHandling& nul = {});

// The table's reject file (report field reject_file) has one JSON line per
// row the oracle refused, naming the row's key (rowid/first column value),
// the column, the value, a reason and a rule.
void expect_reject_file_lists(const nlohmann::json& report_table, const TableCompare& cmp);

// "schema"."table" of the report's target for `source_table`.
std::string target_table_sql(const nlohmann::json& report, const std::string& source_table);

// The source rows of a table with the report's copied columns, in SQLite.
int64_t sqlite_count(SqliteFile& sqlite, const std::string& table);
int64_t pg_count(PgConn& pg, const std::string& qualified_sql);

}  // namespace cutover::it
