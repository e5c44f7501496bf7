// The plan (DESIGN.md §4): what to migrate and how. CLI flags, environment
// variables and plan files all produce one Options; the planner turns
// Options + Catalog into a MigrationPlan that `cutover plan` prints and
// `cutover migrate` executes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/type_decision.hpp"

namespace cutover {

enum class Mode { both, schema_only, data_only };
const char* to_string(Mode m);

// A user cast: by source type ("sqlite:tinyint(1)=boolean", "datetime=timestamptz")
// or by column ("orders.created_at=timestamptz").
struct CastRule {
  std::string engine;   // "" = any
  std::string source_type;  // lower-case type pattern, empty when by column
  std::string table;        // by column: table name (may be empty with column)
  std::string column;
  std::string target_type;  // target SQL type as written
  std::string text;         // the rule as the user wrote it
};

// Target identifier case (docs/identifiers.md): `lower` folds names to
// lower case so the application's unquoted SQL keeps working; `preserve`
// keeps them as written (quoted where needed); `automatic` is lower for
// case-insensitive sources (SQLite, MySQL, SQL Server), preserve for PostgreSQL.
enum class IdentifierCase { automatic, lower, preserve };

// What to do with a NUL byte inside text (PostgreSQL text cannot hold it).
enum class NulPolicy { reject, strip, replace };

// MySQL enum columns: text with a CHECK of the labels (default), or a
// PostgreSQL enum type per column (docs/types-mysql.md).
enum class EnumAs { check, type };

// Text columns in a case-insensitive source collation (MySQL *_ci, SQL
// Server *_CI_*): compared exactly (none, the default: the planner warns
// per key), as citext, or under a nondeterministic ICU collation
// (docs/types-mysql.md, "Case-insensitive collations").
enum class CiCollation { none, citext, icu };

struct Options {
  std::string source_url;
  std::string target_url;
  Mode mode = Mode::both;
  int jobs = 2;
  int64_t chunk_rows = 100'000;
  int64_t batch_rows = 10'000;
  int64_t batch_bytes = 8 << 20;    // a batch closes at whichever limit comes first
  int64_t queue_bytes = 32 << 20;   // per chunk pipeline
  std::vector<std::string> tables;   // names or glob patterns; empty = all
  std::vector<std::string> exclude;
  std::string target_schema = "public";
  std::vector<CastRule> casts;
  NulPolicy nul_policy = NulPolicy::reject;
  EnumAs enum_as = EnumAs::check;
  CiCollation ci_collation = CiCollation::none;
  IdentifierCase identifier_case = IdentifierCase::automatic;
  std::string nul_replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string report_path;
  std::string reject_dir;  // default: next to the report, or ./cutover-rejects
  bool verify = true;
  bool quiet = false;
  bool dry_run = false;
  bool profile = true;  // SQLite: profile columns before choosing types
  bool drop_existing = false;  // replace target tables that already exist
  bool restart = false;        // ignore an unfinished run's state and start over
  std::optional<int64_t> max_rejects;  // more rejected rows than this fails the run
  bool fail_fast = false;              // stop scheduling at the first failed table
  std::string plan_file;  // where the options came from, if any
  // Sources with schemas (PostgreSQL): only these schemas (empty = all), and
  // source schema -> target schema renames (tables keep their schema otherwise).
  std::vector<std::string> schemas;
  std::vector<std::pair<std::string, std::string>> schema_map;
  // Spatial columns (MySQL) as PostGIS geometry when the target has PostGIS
  // (--no-postgis: WKB bytea). target_has_postgis is found out, not set by
  // the user: PostGIS installed in the target database or available to it.
  bool postgis = true;
  bool target_has_postgis = false;
  // SQL Server datetimeoffset: an extra <column>_offset smallint column
  // keeps each value's offset in minutes east of UTC.
  bool keep_offset = false;
  // --map-table: source table -> target table as written ("s.t" or "t").
  std::vector<std::pair<std::string, std::string>> table_map;
  bool target_schema_given = false;  // --target-schema set in any layer
  // PostgreSQL source: give objects their source owners, copy the GRANTs
  // (only to roles the target has).
  bool owners = false;
  bool grants = false;
};

// A chunk as a range of one integer key column (ChunkSpec::key_range).
struct KeyRange {
  std::string column;        // source name
  bool null_keys = false;    // the rows whose key IS NULL
  std::optional<int64_t> lo;  // inclusive; nullopt = open below
  std::optional<int64_t> hi;  // exclusive; nullopt = open above
};

// One key range of one table, copied in one target transaction.
struct ChunkSpec {
  int index = 0;               // 0-based within its table
  std::string key_column;      // empty = whole table
  bool null_keys = false;      // the chunk of rows whose key IS NULL
  std::optional<int64_t> lo;   // inclusive; nullopt = open below
  std::optional<int64_t> hi;   // exclusive; nullopt = open above
  // Keys that are composite, non-integer or unsigned past int64 (MySQL):
  // the key columns and tuple bounds, each bound one literal per key column
  // in the source's SQL dialect ("42", "'abc'"), compared as a row value:
  // (a, b) >= (1, 'x') AND (a, b) < (5, 'y'). Used instead of
  // key_column/lo/hi when key_columns is not empty.
  std::vector<std::string> key_columns;
  std::vector<std::string> lower;  // inclusive; empty = open below
  std::vector<std::string> upper;  // exclusive; empty = open above
  int64_t estimated_rows = 0;
  // "rowid in [1, 100001)", "(a, b) in [(1, 'x'), (5, 'y'))", "whole table"
  std::string describe() const;
  // The chunk as a range of one integer key: key_column/lo/hi, or
  // key_columns of one column with integer bounds within int64 (MySQL
  // integer keys). nullopt for a whole-table chunk and for composite or
  // non-integer keys. (ctid page ranges come out too: their column is no
  // copied column, which callers check.)
  std::optional<KeyRange> key_range() const;
};

struct ColumnPlan {
  std::string source_name;
  std::string target_name;
  TypeDecision type;
  bool not_null = false;
  std::optional<std::string> default_sql;  // translated, target dialect
  std::optional<std::string> generated_sql;
  bool identity = false;  // becomes GENERATED BY DEFAULT AS IDENTITY
  int64_t identity_increment = 1;  // < 0: a descending identity, restarted below min(column)
  int ordinal = 0;        // source position, keeps the column order in DDL
  std::string identity_definition;  // native identity clause (PostgreSQL source)
  // MySQL ON UPDATE CURRENT_TIMESTAMP(n), translated: a BEFORE UPDATE
  // trigger sets the column to it when the row changes (step `trigger:`).
  std::optional<std::string> on_update_sql;
  // --enum-as type: the labels of the enum type (named by type.target_type)
  // that create_table creates before the table.
  std::vector<std::string> enum_labels;
  // A column the source derives from source column `source_name` besides its
  // value (SQL Server: "offset", a datetimeoffset's offset with
  // --keep-offset; "base_type", a sql_variant's base type); empty for the
  // value itself. Derived columns follow their source column.
  std::string derived;
};

// A derived column as the source adapter asks for it (Source::derived_columns).
struct DerivedColumn {
  std::string derived;  // ColumnPlan::derived
  std::string suffix;   // target name: <column><suffix>
  TypeDecision type;
};

// A primary key, unique constraint or index in target terms.
struct IndexPlan {
  std::string name;                  // target name (unique in the target schema)
  std::string source_name;           // as in the source, for the report
  bool primary = false;
  bool unique = false;
  bool as_constraint = false;        // ADD CONSTRAINT ... USING INDEX after building it
  std::vector<std::string> elements; // target SQL per element: "col", "lower(email)", "col DESC"
  std::optional<std::string> predicate;  // target SQL
  // Native definition (PostgreSQL source), used instead of elements and
  // predicate: with as_constraint the constraint ("PRIMARY KEY (id)",
  // "EXCLUDE USING gist (...)"), else what follows the table in CREATE INDEX.
  std::string definition;
  std::string index_definition;  // Index::index_definition
};

struct ForeignKeyPlan {
  std::string name;
  std::vector<std::string> columns;      // target names
  std::string ref_schema;
  std::string ref_table;                 // target names
  std::vector<std::string> ref_columns;  // target names
  std::string on_delete;
  std::string on_update;
  bool deferrable = false;
  bool initially_deferred = false;
  std::string definition;  // native "FOREIGN KEY (...) REFERENCES ..." (PostgreSQL source)
};

struct CheckPlan {
  std::string name;
  std::string expression;  // target SQL
  std::string definition;  // native "CHECK (...)" (PostgreSQL source)
};

struct TablePlan {
  Table source;
  std::string target_schema;
  std::string target_name;
  // Columns copied, in the order readers produce them and COPY receives them.
  std::vector<ColumnPlan> columns;
  // Generated columns computed by the target (not copied); declared after
  // the copied ones only if their source position is lost — see DDL.
  std::vector<ColumnPlan> generated;
  // Source columns not copied by a `=drop` cast rule (named in the report).
  std::vector<ColumnPlan> dropped;
  std::optional<IndexPlan> primary_key;
  std::vector<IndexPlan> indexes;
  std::vector<ForeignKeyPlan> foreign_keys;
  std::vector<CheckPlan> checks;
  std::optional<int64_t> sequence_floor;  // identity restarts past max(this, max(col))
  std::vector<ChunkSpec> chunks;
  std::string chunk_reason;  // why it was split, or not
  // A table of one chunk, created by this run: its chunk's transaction
  // TRUNCATEs it and loads with COPY ... FREEZE (rows written frozen, so
  // the target skips later hint-bit and vacuum-freeze writes).
  bool truncate_freeze = false;
  std::vector<std::string> warnings;
  // Target "schema.name" key of the partitioned table this one is a
  // partition of: the parent's keys and indexes wait for its partitions.
  std::string partition_parent;

  const ColumnPlan* find_target_column(std::string_view source_name) const;
};

struct NameMapping {
  std::string kind;  // "table", "column", "index", "constraint"
  std::string source;
  std::string target;
  std::string reason;
};

struct MigrationPlan {
  Options options;
  std::string source_engine;
  std::vector<TablePlan> tables;
  std::vector<View> views;
  std::vector<std::string> not_migrated;
  std::vector<std::string> warnings;
  std::vector<NameMapping> renames;  // identifiers shortened or changed
  // Native DDL (PostgreSQL source), schema names mapped: run before the
  // tables and after the data, in this order.
  std::vector<NativeStatement> pre_data;
  std::vector<NativeStatement> post_data;
  // --owners / --grants (PostgreSQL source): run last, each only when the
  // target has its role.
  std::vector<NativeStatement> access;
};

}  // namespace cutover
