// Translation of SQLite expressions (column defaults, CHECK constraints,
// generated columns, partial-index predicates, index key expressions) into
// PostgreSQL. Conservative: a whitelist of forms whose meaning is the same
// on both sides; anything else is nullopt and the planner drops it with a
// warning. What is translated:
//
//   literals        12, -1, 1.5e3, 0x1F -> 31, 'text', NULL, TRUE, FALSE,
//                   X'ABCD' -> '\xabcd'::bytea
//   identifiers     quoted per the PostgreSQL policy (pg::quote_ident)
//   operators       = == != <> < <= > >= + - * / % || & | << >> ~ AND OR NOT,
//                   IN (...), BETWEEN, IS [NOT] NULL/TRUE/FALSE, x NOT NULL,
//                   ISNULL/NOTNULL, CASE ... END, parentheses
//   LIKE            -> ILIKE (SQLite's LIKE ignores ASCII case); a pattern
//                   with a backslash needs an explicit ESCAPE (PostgreSQL's
//                   default escape is backslash, SQLite has none)
//   functions       length lower upper abs coalesce nullif trim ltrim rtrim
//                   substr replace; ifnull -> coalesce; instr -> strpos
//   date/time       CURRENT_TIMESTAMP/DATE/TIME as is; datetime('now'),
//                   strftime('%Y-%m-%d %H:%M:%S','now') (also %f, 'T', 'Z')
//                   -> CURRENT_TIMESTAMP; date('now') -> CURRENT_DATE;
//                   time('now') -> CURRENT_TIME; strftime('%s','now') and
//                   unixepoch() -> extract(epoch from now())::bigint
//
// Not translated (nullopt): 'localtime'/'utc' modifiers and other date
// arithmetic, julianday(), CAST, COLLATE, GLOB, REGEXP, sub-queries,
// typeof(), json functions, IS with a non-constant right side, parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cutover::sqlite {

std::optional<std::string> translate_expression(std::string_view expr);

}  // namespace cutover::sqlite
