// Strings of script expressions (tsql_expr.hpp): lengths as SQL Server
// counts them (UTF-16 code units for n-types, characters for the others;
// the fixture holds UTF-8) and the 8000-byte limit of non-(max) results.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "types.hpp"

namespace tdstest {

// "nvarchar" of "NVARCHAR(40)", "decimal" of "decimal(38,10)".
std::string type_base(const ColumnType& t);
bool is_string_type(const ColumnType& t);  // char, varchar, nchar, nvarchar, text, ntext
// Length in characters (code units for n-types) of text.
std::size_t text_length(std::string_view text, bool unicode);
// Declared length of a string type in characters; (max) types count as 8000.
std::size_t string_length(const ColumnType& t);
// varchar(n) / nvarchar(n): n capped at 8000 bytes (4000 for nvarchar), or (max).
ColumnType string_type(bool unicode, std::size_t length);
// The first `n` characters (code units: a surrogate pair is not split).
std::string left_chars(std::string_view text, std::size_t n, bool unicode);
// `text` cut to the type's length unless the type is (max).
std::string truncated(std::string text, const ColumnType& t);

}  // namespace tdstest
