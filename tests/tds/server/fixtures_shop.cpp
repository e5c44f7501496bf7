// The `shop` database of the crash-safety, fault and verify tests: a
// customers -> orders foreign key, identity keys, secondary indexes, a
// CHECK, a one-chunk settings table, the `items` and keyless `log` tables
// the verify tests of every source damage the same way
// (tests/integration/verify_checks.hpp), and a table raising transient
// errors in the middle of its rows. Rows are generated from their key, so
// the tests' oracle is the same function.
#include <fmt/format.h>

#include "fixtures.hpp"

namespace tdstest {

namespace {

using I = std::int64_t;

Value text(std::string s) { return Value{std::move(s)}; }

std::string big_endian(std::int64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xFF);
  return out;
}

Table customers(I rows) {
  Table t;
  t.name = "customers";
  t.column("id", "int", false)
      .column("name", "nvarchar(60)", false)
      .column("code", "varchar(12)", false)
      .column("balance", "decimal(12,2)")
      .column("created", "datetime2(3)", false);
  t.generated_rows = rows;
  t.generate = [](I id, I) { return shop_customer(id); };
  t.primary_key = {"id"};
  t.identity = "id";
  t.indexes.push_back({"IX_customers_code", false, {"code"}});
  return t;
}

Table orders(I rows, I customer_rows) {
  Table t;
  t.name = "orders";
  t.column("id", "bigint", false)
      .column("customer_id", "int", false)
      .column("total", "money", false)
      .column("status", "varchar(20)", false)
      .column("placed", "datetime2(3)")
      .column("note", "nvarchar(200)");
  t.generated_rows = rows;
  t.generate = [customer_rows](I id, I) { return shop_order(id, customer_rows); };
  t.primary_key = {"id"};
  t.identity = "id";
  t.indexes.push_back({"IX_orders_customer", false, {"customer_id"}});
  t.foreign_keys.push_back({"FK_orders_customers", {"customer_id"}, "dbo", "customers", {"id"}});
  t.checks = {{"CK_orders_total", "([total]>=(0))"}};
  return t;
}

Table settings() {
  Table t;
  t.name = "settings";
  t.column("k", "nvarchar(40)", false).column("v", "nvarchar(100)");
  for (I i = 1; i <= 40; ++i)
    t.row({text(fmt::format("key{:02}", i)), i % 9 == 0 ? null_value() : text(std::string(static_cast<size_t>(i), 'v'))});
  t.primary_key = {"k"};
  return t;
}

Table items() {
  Table t;
  t.name = "items";
  t.column("id", "int", false)
      .column("name", "nvarchar(60)", false)
      .column("qty", "int")
      .column("price", "decimal(10,2)")
      .column("at", "datetime2(3)")
      .column("ratio", "float")
      .column("data", "varbinary(16)")
      .column("flag", "bit");
  t.generated_rows = 1000;
  t.generate = [](I id, I) {
    return Row{id, text(fmt::format("item {} é", id)), I{id * 3}, text(fmt::format("{}.25", id % 97)),
               text(fmt::format("2024-05-01 {:02}:{:02}:{:02}.125", 10 + id / 3600, id / 60 % 60, id % 60)),
               static_cast<double>(id) / 7, text(big_endian(id * 2654435761)), I{id % 2}};
  };
  t.primary_key = {"id"};
  return t;
}

Table log() {
  Table t;
  t.name = "log";
  t.column("msg", "varchar(20)").column("n", "int");
  for (I i = 1; i <= 1000; ++i) t.row({text(fmt::format("line {}", i % 50)), I{i % 7}});
  return t;
}

// 300 rows; the scans that reach row 150 fail with a deadlock (1205), a lock
// timeout (1222), a snapshot update conflict (3960) and Azure SQL's
// "database not currently available" (40613), once each.
Table transient_rows() {
  Table t;
  t.name = "transient_rows";
  t.column("id", "int", false).column("v", "nvarchar(20)");
  for (I i = 1; i <= 300; ++i) t.row({i, text(fmt::format("row {}", i))});
  t.primary_key = {"id"};
  t.error_after = 150;
  t.transient = std::make_shared<TransientErrors>();
  t.transient->errors = {
      {1205, 51, 13,
       "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as "
       "the deadlock victim. Rerun the transaction.",
       "", 1},
      {1222, 56, 16, "Lock request time out period exceeded.", "", 1},
      {3960, 2, 16,
       "Snapshot isolation transaction aborted due to update conflict. You cannot use snapshot isolation to access "
       "table 'dbo.transient_rows' directly or indirectly in database 'shop' to update, delete, or insert the row "
       "that has been modified or deleted by another transaction. Retry the transaction or change the isolation "
       "level for the update/delete statement.",
       "", 1},
      {40613, 1, 17,
       "Database 'shop' on server 'tds-test' is not currently available. Please retry the connection later.", "",
       1}};
  return t;
}

}  // namespace

Row shop_customer(std::int64_t id) {
  Value name = text(fmt::format("customer {}{}", id, id % 7 == 0 ? " é€😀" : ""));
  Value code = text(id % 1000 == 0 ? fmt::format("X{:05}-LONG", id) : fmt::format("C{:05}", id));
  Value balance = id % 11 == 0 ? null_value() : text(fmt::format("{}.{:02}", (id * 37) % 100000 - 500, id % 100));
  return {id, std::move(name), std::move(code), std::move(balance),
          text(fmt::format("2023-{:02}-{:02} 08:{:02}:{:02}.{:03}", 1 + id % 12, 1 + id % 28, id % 60, id / 60 % 60,
                           id % 1000))};
}

Row shop_order(std::int64_t id, std::int64_t customer_rows) {
  static const char* k_status[] = {"new", "paid", "shipped", "cancelled"};
  Value note = id % 5 == 0 ? null_value() : text(fmt::format("order {} — {}", id, std::string(20 + id % 50, 'n')));
  return {id, I{(id * 7919) % customer_rows + 1}, text(fmt::format("{}.{:04}", id % 5000, id * 13 % 10000)),
          text(k_status[id % 4]),
          id % 13 == 0 ? null_value()
                       : text(fmt::format("2024-{:02}-{:02} {:02}:{:02}:00.{:03}", 1 + id % 12, 1 + id % 28, id % 24,
                                          id % 60, id % 1000)),
          std::move(note)};
}

Database shop_database() {
  Database db;
  db.name = "shop";
  db.tables.push_back(customers(k_shop_customers));
  db.tables.push_back(orders(k_shop_orders, k_shop_customers));
  db.tables.push_back(settings());
  db.tables.push_back(items());
  db.tables.push_back(log());
  db.tables.push_back(transient_rows());
  return db;
}

}  // namespace tdstest
