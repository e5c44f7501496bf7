// The fixture model the test server serves: databases -> schemas -> tables
// with typed columns and rows. A table's rows are either materialised, or
// generated on the fly from their key (id = 1..generated_rows), so a large
// table is streamed and never held in memory. A table may end its rows with
// an error token after `error_after` rows.
//
// Names are matched case-insensitively, as under SQL Server's default
// collation. Thread safety: immutable once the server runs.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clock.hpp"
#include "response.hpp"

namespace tdstest {

// A secondary index of a fixture table (the catalog views list it).
struct FixtureIndex {
  std::string name;
  bool unique = false;
  std::vector<std::string> columns;
  std::vector<std::string> descending;  // key columns sorted DESC
  std::vector<std::string> included;    // INCLUDE (...)
  std::string filter;                   // "([Email] IS NOT NULL)", "" when none
  bool constraint = false;              // a UNIQUE constraint's index
};

// A foreign key of a fixture table; actions as sys.foreign_keys describes
// them: NO_ACTION, CASCADE, SET_NULL, SET_DEFAULT.
struct FixtureForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema = "dbo";
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete = "NO_ACTION";
  std::string on_update = "NO_ACTION";
};

// A computed column's definition as sys.computed_columns shows it.
struct FixtureComputed {
  std::string column;
  std::string definition;  // "([Quantity]*[UnitPrice])"
  bool persisted = false;
};

// CREATE SEQUENCE: the next NEXT VALUE FOR gives `next` (none when
// exhausted: past a bound without CYCLE); `last` is sys.sequences.last_used_value.
struct FixtureSequence {
  std::string schema = "dbo";
  std::string name;
  std::string type = "bigint";
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min_value = 0, max_value = 0;
  bool cycle = false;
  std::int64_t next = 1;
  bool exhausted = false;
  std::optional<std::int64_t> last;
  std::int64_t take();  // NEXT VALUE FOR; throws when exhausted
};

// CREATE VIEW: sys.views and sys.sql_modules.definition (the statement as
// written, from CREATE on).
struct FixtureView {
  std::string schema = "dbo";
  std::string name;
  std::string definition;
};

// Errors a table raises once each, in order, in the scans that reach its
// `error_after` rows (a deadlock victim, a lock timeout, a snapshot
// conflict): after the last one its rows flow. Shared by copies of the
// table, so one server process raises each once; thread safe.
struct TransientErrors {
  std::vector<Message> errors;
  std::atomic<std::size_t> raised{0};
};

struct Table {
  std::string schema = "dbo";
  std::string name;
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::int64_t generated_rows = 0;
  // First column is the key, = id; `version` is the database version the
  // statement sees (clock.hpp): "live" tables' rows depend on it.
  std::function<Row(std::int64_t id, std::int64_t version)> generate;
  std::optional<std::int64_t> error_after;       // rows sent before `error`
  Message error;
  std::shared_ptr<TransientErrors> transient;  // set: `error` is not used
  RowForm form = RowForm::automatic;
  // What sys.* answers about the table (catalog_views.hpp).
  std::vector<std::string> primary_key;
  std::string identity;  // the IDENTITY column, "" when none
  std::int64_t identity_seed = 1;
  std::int64_t identity_increment = 1;
  // sys.identity_columns.last_value when the script tracked it (rows
  // deleted after the last insert leave it above the largest key); unset:
  // the largest key.
  std::optional<std::int64_t> identity_last;
  std::string primary_key_name;  // "" = PK_<table>
  bool primary_key_clustered = true;
  std::vector<FixtureIndex> indexes;
  std::vector<FixtureForeignKey> foreign_keys;
  std::vector<std::pair<std::string, std::string>> defaults;  // column, T-SQL definition
  std::vector<std::pair<std::string, std::string>> checks;    // name, T-SQL definition
  std::vector<FixtureComputed> computed;
  // MS_Description extended properties: of the table, and per column.
  std::string comment;
  std::vector<std::pair<std::string, std::string>> column_comments;  // column, text

  // Adds a column from its T-SQL type ("decimal(38,0)") and nullability.
  Table& column(std::string name, std::string_view sql_type, bool nullable = true);
  Table& row(Row r);
  std::optional<std::size_t> column_index(std::string_view name) const;
  // The error a scan that reached `error_after` rows raises; nullopt when
  // the table's transient errors were all raised.
  std::optional<Message> raise() const;
  std::int64_t row_count() const {
    return generate ? generated_rows : static_cast<std::int64_t>(rows.size());
  }
};

struct Database {
  std::string name;
  std::vector<Table> tables;
  bool allow_snapshot_isolation = true;  // sys.databases.snapshot_isolation_state 1 (ON) or 0
  std::shared_ptr<DatabaseClock> clock = std::make_shared<DatabaseClock>();
  // sys.objects the adapter lists as not migrated: "sql stored procedure dbo.Ten Most Expensive Products", ...
  std::vector<std::string> objects;
  std::vector<FixtureSequence> sequences;
  std::uint64_t rowversion = 2000;  // @@DBTS: the last rowversion given to a row
  std::vector<FixtureView> views;
};

struct Catalog {
  std::vector<Database> databases;

  Database& database(const std::string& name);  // created when missing
  const Database* find_database(std::string_view name) const;
  const Table* find_table(std::string_view db, std::string_view schema,
                          std::string_view table) const;
};

bool iequals(std::string_view a, std::string_view b);

}  // namespace tdstest
