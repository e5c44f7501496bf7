// Rewrites translated expressions so that column references match the
// target: SQLite resolves names case-insensitively, so `CHECK (Price > 0)`
// on a column `price` must name "price"; and a SQLite 0/1 column that
// became boolean is referenced as (col)::int, so `active = 1`,
// `flag IN (0, 1)` keep their meaning.
#pragma once

#include <map>
#include <string>

namespace cutover {

// `columns` maps a lower-case source column name to the SQL that replaces a
// reference to it. String literals and function names are left alone; bare
// and double-quoted identifiers are matched, also as parts of qualified
// names ("T"."Col" -> "t"."col": MariaDB stores views with table-qualified
// columns), where a boolean's (col)::int becomes the plain name.
std::string rewrite_column_refs(const std::string& sql, const std::map<std::string, std::string>& columns);

// Rewrites schema qualifiers: a name (bare or double-quoted) followed by a
// dot and not preceded by one, whose lower-case form is a key of `schemas`,
// becomes the quoted target schema ("dbo"."Orders" -> public."Orders").
std::string map_schema_qualifiers(const std::string& sql, const std::map<std::string, std::string>& schemas);

// "Full Name" -> "full name": every double-quoted identifier in lower case
// (string literals left alone), as names are folded for a source whose
// names compare case-insensitively (SQL Server views under --identifier-case
// lower or auto).
std::string lower_quoted_identifiers(const std::string& sql);


}  // namespace cutover
