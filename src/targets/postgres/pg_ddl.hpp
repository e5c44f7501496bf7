// DDL text for PostgreSQL from a TablePlan: pure string building, no I/O,
// unit-tested in tests/unit/pg_ddl_test.cpp. Identifiers are quoted only
// when needed (pg_identifiers.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/plan.hpp"

namespace cutover::pg {

std::string create_schema_sql(const std::string& schema);
// CREATE TABLE with columns (copied and generated, in source order), types,
// identity, NOT NULL (defaults: set_default_sql). No keys, indexes, checks or FKs: those come
// after the data (DESIGN.md §5).
std::string create_table_sql(const TablePlan& table);
std::string drop_table_sql(const TablePlan& table);
// --enum-as type: CREATE TYPE ... AS ENUM per column with enum_labels (made
// before the table), and the matching DROP TYPE IF EXISTS (a replaced table).
std::vector<std::string> create_enum_types_sql(const TablePlan& table);
std::vector<std::string> drop_enum_types_sql(const TablePlan& table);
// One ALTER TABLE ... SET DEFAULT per column with a default: (column, SQL).
// Run separately so a default the target refuses costs a warning, not the table.
std::vector<std::pair<std::string, std::string>> set_default_sql(const TablePlan& table);
// The COPY statement for the copied columns (into `into`, a table name
// already quoted, instead of the table itself when given); with `freeze`,
// COPY ... FREEZE (the table must be created or truncated in the same
// transaction).
std::string copy_sql(const TablePlan& table, std::string_view into = {}, bool freeze = false);
// TRUNCATE ONLY the table (not its inheritance children).
std::string truncate_sql(const TablePlan& table);

// Verification and verify --fix (pg_verify_sql.cpp).
// "k >= 1 AND k < 100" on the target column of `range`'s key column
// (prefixed by `alias`, e.g. "t."); "" for none or a whole-table chunk.
std::string range_predicate(const TablePlan& table, const ChunkSpec* range, std::string_view alias);
// COPY (SELECT copied columns FROM t [WHERE range]) TO STDOUT (FORMAT binary).
std::string copy_out_sql(const TablePlan& table, const ChunkSpec* range);
std::string delete_range_sql(const TablePlan& table, const ChunkSpec* range);
// The temporary table a merge COPYs into, dropped at commit.
inline constexpr const char* k_fix_table = "cutover_fix";
std::string create_fix_table_sql(const TablePlan& table);
// From k_fix_table into the table, within `range` (or everywhere): DELETE
// the rows whose key is not in the fix table, UPDATE the others, INSERT the
// missing ones.
std::vector<std::string> merge_sql(const TablePlan& table, const std::vector<std::string>& keys,
                                   const ChunkSpec* range);

// Primary key / unique constraint / index: CREATE [UNIQUE] INDEX, then
// (when as_constraint) ALTER TABLE ... ADD CONSTRAINT ... USING INDEX.
std::vector<std::string> index_sql(const TablePlan& table, const IndexPlan& index);
std::string foreign_key_sql(const TablePlan& table, const ForeignKeyPlan& fk, bool not_valid);
std::string check_sql(const TablePlan& table, const CheckPlan& check, bool not_valid);
std::string validate_constraint_sql(const TablePlan& table, const std::string& name);
// Sets the identity column's sequence past max(column) and sequence_floor
// (a descending one: below min(column) and sequence_floor);
// empty when the table has no identity column.
std::string identity_restart_sql(const TablePlan& table);
// MySQL's ON UPDATE CURRENT_TIMESTAMP: one plpgsql function per table
// (<table>_on_update) and a BEFORE UPDATE trigger calling it. When an UPDATE
// changes the row and leaves such a column as it was, the column gets its
// on_update_sql (CURRENT_TIMESTAMP(n)). Empty when no column has one.
std::vector<std::string> on_update_trigger_sql(const TablePlan& table);

}  // namespace cutover::pg
