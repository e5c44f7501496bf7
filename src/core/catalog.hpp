// The source schema as discovered by a source adapter: plain data, engine
// neutral. Names are the source's own spelling; the planner decides target
// names. Expressions (defaults, checks, index predicates) are kept in the
// source dialect; translation happens in the planner with a warning when it
// cannot be done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cutover {

struct Column {
  std::string name;
  std::string declared_type;  // as written in the source, e.g. "DECIMAL(10,2)"
  int ordinal = 0;            // 0-based position
  bool not_null = false;
  std::optional<std::string> default_expr;  // source dialect
  std::optional<std::string> generated_expr;
  bool generated_stored = false;
  bool autoincrement = false;  // identity / auto_increment / rowid alias with AUTOINCREMENT
  int64_t identity_increment = 1;  // SQL Server: IDENTITY(seed, increment), may be negative
  std::optional<std::string> on_update_expr;  // MySQL ON UPDATE CURRENT_TIMESTAMP(n)
  std::string collation;
  std::string comment;
  // PostgreSQL source: "GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ...)".
  std::string identity_definition;
  bool inherited = false;  // PostgreSQL source: comes from an INHERITS parent only
};

struct IndexColumn {
  std::string name;        // a column name, or empty when expression is set
  std::string expression;  // an expression in the source dialect
  bool descending = false;
};

struct Index {
  std::string name;
  bool unique = false;
  bool from_constraint = false;  // declared as UNIQUE in the table definition
  std::vector<IndexColumn> columns;
  std::optional<std::string> predicate;  // partial index WHERE clause
  // PostgreSQL source: the native definition, carried to the target as is
  // (docs/architecture.md, "Native DDL"): for an index what follows the table
  // name in CREATE INDEX ("USING gin (doc) WHERE ..."), for a constraint
  // (from_constraint) pg_get_constraintdef ("UNIQUE (a, b)", "EXCLUDE ...").
  std::string definition;
  // ...and for a primary key or unique constraint that can be added USING
  // INDEX, its index's definition ("USING btree (a, b)").
  std::string index_definition;
  bool spatial = false;  // MySQL SPATIAL: GiST when its column becomes PostGIS geometry
  bool fulltext = false;  // MySQL FULLTEXT: GIN on to_tsvector('simple', the columns)
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;  // empty means the referenced PK
  std::string on_delete = "NO ACTION";
  std::string on_update = "NO ACTION";
  bool deferrable = false;
  bool initially_deferred = false;
  std::string definition;  // PostgreSQL source: pg_get_constraintdef
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // source dialect, without the CHECK keyword
  std::string definition;  // PostgreSQL source: pg_get_constraintdef
};

// A statement of native DDL (PostgreSQL source): types, functions,
// sequences, views, triggers, comments... run on the target as written,
// after the planner maps schema names.
struct NativeStatement {
  std::string kind;    // "schema", "extension", "type", "function", "sequence", "sequence_owner",
                       // "sequence_set", "view", "materialized_view", "refresh", "index", "trigger", "rule", "comment",
                       // "owner", "grant"
  std::string schema;  // the object's source schema
  std::string table;   // the table it belongs to ("" when none): left out with its table
  std::string name;
  std::string sql;
  std::string role;  // owner and grant: the role it names ("" for PUBLIC)
};

struct Table {
  std::string schema;  // "main" for SQLite
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;  // column names in key order
  std::vector<Index> indexes;            // secondary and unique indexes (not the PK)
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  int64_t row_estimate = 0;  // exact where cheap (SQLite counts), else estimate
  int64_t size_bytes = 0;
  std::string comment;

  // Engine facts the chunker and the planner use.
  bool without_rowid = false;     // SQLite WITHOUT ROWID
  std::string rowid_alias;        // SQLite INTEGER PRIMARY KEY column, if any
  std::optional<int64_t> sequence_value;  // AUTOINCREMENT/auto_increment next value - 1

  // PostgreSQL source (native DDL, qualified names in source schemas).
  std::string primary_key_name;
  std::string primary_key_definition;  // "PRIMARY KEY (a, b)"
  std::string primary_key_index_definition;  // see Index::index_definition
  std::string partition_by;    // "PARTITION BY RANGE (d)" of a partitioned table
  std::string partition_of;    // "PARTITION OF s.p FOR VALUES ..." of a partition
  std::string partition_parent;  // "s.p" (quoted as needed) of a partition
  std::string inherits;        // "INHERITS (s.p)" of an inheritance child
  bool partitioned = false;    // holds no rows itself
  bool unlogged = false;
  int64_t pages = 0;           // heap pages (ctid chunking)
  bool text_relay = false;     // a column's binary COPY form is not portable

  const Column* find_column(std::string_view column) const;
  std::string qualified() const { return schema.empty() ? name : schema + "." + name; }
};

struct View {
  std::string schema;
  std::string name;
  std::string definition;  // source SQL
  // SQL Server: the definition is translated to PostgreSQL but names its
  // tables, columns and views as the source spells them ("dbo"."Orders"):
  // the planner maps schema qualifiers and the scheduler the other names to
  // the target's before creating it.
  bool source_names = false;
  std::string target_schema;  // planned; empty: --target-schema
};

// A sequence of a source whose DDL is not native (SQL Server): created on
// the target so that its next nextval gives what the source's next value
// would have been.
struct Sequence {
  std::string schema;
  std::string name;
  std::string type;  // source type: "bigint", "int", "smallint", "tinyint", "decimal(p,0)"
  std::string start, increment, min_value, max_value;  // integer text
  bool cycle = false;
  std::optional<std::string> last;  // the last value given; nullopt: never used (the next is start)
};

struct Catalog {
  std::string engine;    // "sqlite"
  std::string database;  // file path or database name (never a password)
  std::string server_version;
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<Sequence> sequences;
  std::vector<std::string> not_migrated;  // "trigger t1 on orders", ...
  std::vector<std::string> warnings;
  // Sources whose schemas carry over to the target (SQL Server): each table
  // goes to a target schema of its schema's name (--map-schema renames it),
  // except `default_schema` (dbo), whose tables go to --target-schema. Other
  // sources put every table in --target-schema (PostgreSQL sources map their
  // schemas natively: plan/planner_native.hpp).
  bool keeps_schemas = false;
  std::string default_schema;
  // PostgreSQL source: statements before the tables (schemas, extensions,
  // types, functions, sequences) and after the data (views, triggers, ...).
  std::vector<NativeStatement> pre_data;
  std::vector<NativeStatement> post_data;
  // Owners (kind "owner": ALTER ... OWNER TO) and grants (kind "grant"),
  // applied only with --owners / --grants.
  std::vector<NativeStatement> access;

  const Table* find_table(std::string_view schema, std::string_view name) const;
};

// What profiling a column found (SQLite: any column may hold any storage
// class, so the type is chosen from the data as well as the declaration).
struct ColumnProfile {
  int64_t rows = 0;
  int64_t nulls = 0;
  int64_t integers = 0;
  int64_t reals = 0;
  int64_t texts = 0;
  int64_t blobs = 0;
  std::optional<int64_t> int_min, int_max;
  std::optional<double> real_min, real_max;  // finite values only
  int64_t reals_nonfinite = 0;   // NaN/±Infinity stored as REAL
  int64_t reals_integral = 0;    // REAL values with no fractional part
  int64_t texts_json = 0;        // texts that are valid JSON
  int64_t texts_iso_datetime = 0;  // texts shaped like ISO-8601 date/time
  int64_t texts_iso_offset = 0;    // ... of which carry a zone offset or Z
  int64_t texts_iso_date_only = 0; // ... of which are dates without time
  int64_t texts_uuid = 0;          // 36-char canonical UUID texts
  int64_t texts_numeric = 0;       // texts that parse as numbers
  int64_t texts_boolean = 0;       // texts 'true'/'false'/'t'/'f'/'0'/'1' (any case)
  int64_t texts_time_of_day = 0;   // texts shaped like "HH:MM[:SS[.f]]"
  int64_t texts_with_nul = 0;
  int64_t blobs_16 = 0;            // blobs of exactly 16 bytes
  int64_t max_text_bytes = 0;
  int64_t max_decimal_scale = 0;   // digits after the point in numeric texts/reals
  int64_t max_decimal_precision = 0;  // max integer digits + max_decimal_scale:
                                      // numeric(p,s) with p >= this, s >= scale holds all
  int64_t invalid_dates = 0;       // MySQL zero or partial dates ('0000-00-00', '2020-00-15')

  int64_t non_null() const { return rows - nulls; }
};

// Adds the profile of other rows of the same column (counts add, ranges widen).
void merge_profile(ColumnProfile& into, const ColumnProfile& from);

}  // namespace cutover
