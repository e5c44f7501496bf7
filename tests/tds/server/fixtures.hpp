// The fixture databases the tests run against:
//   cutover.dbo.type_zoo         every SQL Server type, NOT NULL and nullable wire forms,
//                                boundary values (rows 1-2), text traps (row 3), NULLs (row 4)
//   cutover.dbo.type_zoo_rowform the same rows, always sent as ROW (NULLs inside ROW tokens)
//   cutover.dbo.big_table        generated on the fly (id = 1..N), streamed, never materialised
//   cutover.dbo.error_rows       10 rows, but error 8115 after the 5th
//   cutover.sales.orders         a second schema
//   other.dbo.things             a second database (USE other)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace tdstest {

Table type_zoo_table();
Table big_table(std::int64_t rows);
Row big_table_row(std::int64_t id);  // the row big_table serves for `id`
Catalog fixture_catalog(std::int64_t big_rows = 1'000'000);

// Strings of the zoo that are easy to get wrong on the wire.
std::string zoo_long_text(std::size_t chars);  // ASCII + non-BMP, multi-chunk PLP
std::string zoo_long_bytes(std::size_t n);

}  // namespace tdstest
