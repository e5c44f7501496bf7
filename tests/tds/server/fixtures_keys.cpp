// Fixtures for chunking and snapshots: tables keyed by uniqueidentifier and
// by a composite (nvarchar, datetime2, int) key whose server order differs
// from byte order, and a "live" table whose rows show the database version
// a statement sees (clock.hpp).
#include <fmt/format.h>

#include "fixtures.hpp"

namespace tdstest {

namespace {

using I = std::int64_t;

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string fixture_guid(std::int64_t i) {
  std::uint64_t a = splitmix(static_cast<std::uint64_t>(i)), b = splitmix(a);
  return fmt::format("{:08X}-{:04X}-{:04X}-{:04X}-{:012X}", a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF, b >> 48,
                     b & 0xFFFFFFFFFFFFULL);
}

Table guid_keyed_table(std::int64_t rows) {
  Table t;
  t.name = "guid_keyed";
  t.column("id", "uniqueidentifier", false).column("n", "int", false).column("label", "nvarchar(30)");
  for (I i = 1; i <= rows; ++i) t.row({Value{fixture_guid(i)}, Value{i}, Value{fmt::format("row {}", i)}});
  t.primary_key = {"id"};
  return t;
}

Table guid_order_table() {
  Table t;
  t.name = "guid_order";
  t.column("g", "uniqueidentifier", false);
  for (int byte : {7, 12, 0, 15, 9, 3, 10, 5, 14, 1, 8, 13, 4, 11, 6, 2}) {
    std::string hex(32, '0');
    hex[static_cast<std::size_t>(byte) * 2 + 1] = '1';
    t.row({Value{fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                             hex.substr(16, 4), hex.substr(20))}});
  }
  t.primary_key = {"g"};
  return t;
}

Table composite_keyed_table() {
  static const char* k_regions[] = {"echo", "Bravo", "alpha", "Delta", "charlie"};
  Table t;
  t.name = "composite_keyed";
  t.column("region", "nvarchar(10)", false)
      .column("day", "datetime2(7)", false)
      .column("seq", "int", false)
      .column("amount", "decimal(12,2)", false);
  // No 7th fraction digit 5: a tie rounds up in cutover and to even in PostgreSQL's
  // input, which the tests use as their oracle (docs/types-mssql.md).
  for (I seq = 10; seq >= 1; --seq)
    for (const char* region : k_regions)
      for (I d = 12; d >= 1; --d)
        t.row({Value{std::string(region)},
               Value{fmt::format("2024-01-{:02} 10:00:00.123456{}", d, d == 5 ? 4 : d % 10)}, Value{seq},
               Value{fmt::format("{}.{:02}", d * seq, seq)}});
  t.primary_key = {"region", "day", "seq"};
  return t;
}

Table live_counts_table(std::int64_t rows) {
  Table t;
  t.name = "live_counts";
  t.column("id", "bigint", false).column("seen_version", "bigint", false);
  t.generated_rows = rows;
  t.generate = [](I id, I version) { return Row{Value{id}, Value{version}}; };
  t.primary_key = {"id"};
  return t;
}

}  // namespace tdstest
