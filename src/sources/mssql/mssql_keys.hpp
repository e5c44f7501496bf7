// The key a SQL Server table is chunked by, and chunking by sampled
// boundaries for keys that are not a single integer column: composite keys
// and uniqueidentifier, character, date/time and exact numeric columns.
//
// Boundaries are taken on the server, in the server's own order: a walk of
// the key with `ORDER BY k1, k2 OFFSET n ROWS FETCH NEXT 1 ROWS ONLY`, each
// step seeking past the previous boundary (`WHERE (k1, k2) > (b1, b2)`,
// spelled out since T-SQL has no row-value comparison), so every chunk
// holds exactly `chunk_rows` rows (the last one the rest), only the
// boundaries cross the wire, and the server reads each key once. The
// chunks' ranges are predicates the server evaluates in the same order, so
// they cover every row exactly once whatever that order is: uniqueidentifier
// compares bytes 10-15 first, then 8-9, 6-7, 4-5, 0-3 (not byte order),
// strings compare by the column's collation (case-insensitive by default).
// Nothing is compared on the client.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "sources/mssql/mssql_session.hpp"

namespace cutover::mssql {

// How a key column's values are read and written back as T-SQL literals.
enum class KeyForm {
  number,    // integers, bit, decimal/numeric, money: 42, -1.5000
  guid,      // uniqueidentifier: '6F9619FF-8B86-D011-B42D-00C04FC964FF'
  nstring,   // nchar, nvarchar(n): N'text'
  string,    // char, varchar(n): 'text' (the database's code page)
  temporal,  // date, time, datetime, datetime2, smalldatetime, datetimeoffset: ISO 8601 (style 126)
};

// The form of a declared type; nullopt when its values cannot be bounds
// exactly (float and real, (max) and LOB types, binary, sql_variant, CLR types).
std::optional<KeyForm> key_form(const std::string& declared_type);

struct ChunkKey {
  std::vector<std::string> columns;
  std::vector<KeyForm> forms;
  bool single_integer = false;  // one tinyint/smallint/int/bigint column: equal value ranges
};

// The primary key, else the first unique index whose columns are all NOT
// NULL; empty columns with `why_not` when there is none or a column cannot
// be a bound.
ChunkKey chunk_key(const Table& table, std::string& why_not);

// The select-list expression that reads a key column as its literal's text.
std::string key_select_expr(const std::string& column, KeyForm form);
// The T-SQL literal of a key value read through key_select_expr.
std::string key_literal(const std::string& text, KeyForm form);

// (c1, c2, ...) op (v1, v2, ...) for op ">=", ">" or "<", compared in key
// order: "[a] >= 1 AND ([a] > 1 OR ([a] = 1 AND [b] >= N'x'))".
std::string tuple_compare(const std::vector<std::string>& columns, const std::vector<std::string>& literals,
                          std::string_view op);

// Chunks of `chunk_rows` rows by boundaries sampled on the server (above).
Result<std::vector<ChunkSpec>> sampled_chunks(Session& session, const Table& table, const ChunkKey& key,
                                              int64_t chunk_rows, std::string& reason);

}  // namespace cutover::mssql
