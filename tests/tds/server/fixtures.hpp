// The fixture databases the tests run against:
//   cutover.dbo.type_zoo         every SQL Server type, NOT NULL and nullable wire forms,
//                                boundary values (rows 1-2), text traps (row 3), NULLs (row 4)
//   cutover.dbo.type_zoo_rowform the same rows, always sent as ROW (NULLs inside ROW tokens)
//   cutover.dbo.big_table        generated on the fly (id = 1..N), streamed, never materialised
//   cutover.dbo.error_rows       10 rows, but error 8115 after the 5th
//   cutover.sales.orders         a second schema
//   cutover.dbo.guid_keyed       500 rows keyed by uniqueidentifier (server order is not byte order)
//   cutover.dbo.guid_order       16 uniqueidentifiers, each with one byte set, stored shuffled
//   cutover.dbo.composite_keyed  600 rows keyed by (nvarchar, datetime2(7), int), stored out of order
//   cutover.dbo.live_counts      rows showing the database version a statement sees (clock.hpp)
//   nosnap.dbo.live_counts       the same, in a database without snapshot isolation
//   other.dbo.things             a second database (USE other)
//   shop.dbo.*                   crash-safety, fault and verify tests (fixtures_shop.cpp): customers
//                                and orders (generated, identity keys, an FK, indexes, a CHECK),
//                                settings (one chunk), items and log (keyless), transient_rows
//                                (errors 1205, 1222, 3960, 40613 once each in the middle of its rows)
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

// fixtures_keys.cpp
std::string fixture_guid(std::int64_t i);  // a pseudo-random uniqueidentifier, stable per i
Table guid_keyed_table(std::int64_t rows = 500);
Table guid_order_table();
Table composite_keyed_table();
Table live_counts_table(std::int64_t rows = 2000);

// fixtures_shop.cpp
constexpr std::int64_t k_shop_customers = 5'000;
constexpr std::int64_t k_shop_orders = 60'000;
Row shop_customer(std::int64_t id);                           // the row customers serves for `id`
Row shop_order(std::int64_t id, std::int64_t customer_rows);  // the row orders serves for `id`
Database shop_database();

// Strings of the zoo that are easy to get wrong on the wire.
std::string zoo_long_text(std::size_t chars);  // ASCII + non-BMP, multi-chunk PLP
std::string zoo_long_bytes(std::size_t n);

}  // namespace tdstest
