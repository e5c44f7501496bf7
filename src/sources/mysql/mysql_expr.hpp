// Translation of MySQL expressions (column defaults, CHECK constraints,
// generated columns, prefix-index expressions) into PostgreSQL, and a
// lexical translation of view bodies. Conservative for expressions: a
// whitelist of forms whose meaning is the same on both sides; anything
// else is nullopt and the planner drops it with a warning.
//
//   literals     numbers; 'text' and "text" (backslash escapes decoded) ->
//                'text'; b'0101' -> B'0101'; x'AB' / 0xAB -> '\xab'::bytea;
//                NULL, TRUE, FALSE; zero dates ('0000-00-00...') -> nullopt
//   identifiers  `name` / name -> "name"
//   operators    = <> != < <= > >= + - * / % AND OR NOT IN BETWEEN IS LIKE,
//                parentheses, commas; && -> AND, || -> OR (MySQL's default)
//   functions    current_timestamp[(n)], now([n]), localtime[stamp] ->
//                CURRENT_TIMESTAMP[(n)]; curdate()/current_date -> CURRENT_DATE;
//                curtime()/current_time -> CURRENT_TIME; lower upper abs
//                coalesce nullif left right trim round char_length concat;
//                ifnull -> coalesce; length -> octet_length
//
// View bodies are lexed, not parsed: `db`.`t` -> "t", strings re-quoted,
// charset introducers (_utf8mb4'x') dropped, ucase/lcase/ifnull renamed,
// group_concat([DISTINCT] e [ORDER BY o] [SEPARATOR 's']) -> string_agg(
// [DISTINCT] (e)::text, 's' [ORDER BY o]) and if(a, b, c) -> CASE WHEN a
// THEN b ELSE c END; anything else is left for PostgreSQL to accept or
// refuse (the view is then listed as not migrated).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cutover::mysql {

std::optional<std::string> translate_expression(std::string_view expr);

std::string translate_view(std::string_view sql, std::string_view database);

}  // namespace cutover::mysql
