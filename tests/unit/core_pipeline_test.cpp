// Unit tests of the pure pieces of the pipeline: checksums, key totals,
// expression rewriting, the bytes-bounded queue.
#include <gtest/gtest.h>

#include <thread>

#include "plan/expr_rewrite.hpp"
#include "util/bounded_queue.hpp"
#include "verify/checksum.hpp"
#include "verify/totals.hpp"

namespace cutover {
namespace {

RowBatch two_rows() {
  RowBatch b(2);
  b.put_int64(1);
  b.put_decimal("1.50");
  b.put_int64(2);
  b.put_decimal("-0.25");
  return b;
}

TEST(Checksum, DoesNotDependOnRowOrder) {
  RowBatch a = two_rows(), b(2);
  b.put_int64(2);
  b.put_decimal("-0.25");
  b.put_int64(1);
  b.put_decimal("1.50");
  EXPECT_EQ(batch_checksum(a), batch_checksum(b));
}

TEST(Checksum, IntegerWidthAndTrailingZerosDoNotMatterButValuesDo) {
  RowBatch a(2), b(2), c(2);
  a.put_int16(7);
  a.put_decimal("1.50");
  b.put_int64(7);
  b.put_decimal("1.5");
  c.put_int64(7);
  c.put_decimal("1.51");
  EXPECT_EQ(row_hash(a, 0), row_hash(b, 0));
  EXPECT_NE(row_hash(a, 0), row_hash(c, 0));
}

TEST(Checksum, NegativeZeroDiffersFromZeroAndColumnsAreOrdered) {
  RowBatch a(1), b(1), c(2), d(2);
  a.put_float64(0.0);
  b.put_float64(-0.0);
  c.put_text("x");
  c.put_null();
  d.put_null();
  d.put_text("x");
  EXPECT_NE(row_hash(a, 0), row_hash(b, 0));
  EXPECT_NE(row_hash(c, 0), row_hash(d, 0));
  EXPECT_EQ(checksum_hex(0xabcULL), "0000000000000abc");
}

TEST(ColumnTotals, SumsIntegersAndDecimalsExactly) {
  ColumnTotals t({ValueKind::int64, ValueKind::decimal});
  t.add(two_rows());
  auto sums = t.sums();
  EXPECT_EQ(sums[0], "3");
  EXPECT_EQ(sums[1], "1.25");
}

TEST(ColumnTotals, MergesAcrossChunksAndSkipsRows) {
  ColumnTotals a({ValueKind::int64, ValueKind::decimal}), b({ValueKind::int64, ValueKind::decimal});
  a.add(two_rows());
  b.add(two_rows(), {true, false});
  a.merge(b);
  EXPECT_EQ(a.sums()[0], "5");
  EXPECT_EQ(a.sums()[1], "1.00");
}

TEST(ColumnTotals, NoRowsIsNullAndNaNIsOverflow) {
  ColumnTotals t({ValueKind::decimal});
  EXPECT_EQ(t.sums()[0], "null");
  RowBatch b(1);
  b.put_decimal("NaN");
  t.add(b);
  EXPECT_EQ(t.sums()[0], "overflow");
  EXPECT_EQ(int128_to_decimal(-5, 3), "-0.005");
}

TEST(ExprRewrite, ResolvesNamesCaseInsensitivelyAndLeavesLiteralsAndFunctions) {
  std::map<std::string, std::string> refs = {{"price", "price"}, {"active", "(active)::int"},
                                             {"lower", "lower_col"}};
  EXPECT_EQ(rewrite_column_refs(R"("Price" > 0 AND Active = 1)", refs), "price > 0 AND (active)::int = 1");
  EXPECT_EQ(rewrite_column_refs("lower(name) = 'active' AND t.active", refs),
            "lower(name) = 'active' AND t.active");
  EXPECT_EQ(rewrite_column_refs("ACTIVE IN (0, 1)", refs), "(active)::int IN (0, 1)");
}

// MariaDB stores view bodies with table-qualified columns in their source case.
TEST(ExprRewrite, ResolvesQualifiedNames) {
  std::map<std::string, std::string> refs = {{"order items", "\"order items\""}, {"name", "name"},
                                             {"active", "(active)::int"}};
  EXPECT_EQ(rewrite_column_refs(R"(select "Order Items"."Name" AS "Name" from "Order Items" where "Order Items"."Active")",
                                refs),
            R"(select "order items".name AS name from "order items" where "order items".active)");
}

TEST(BoundedQueue, BlocksOnBytesAndDrainsAfterFinish) {
  BoundedQueue<int> q(10, 100);
  ASSERT_TRUE(q.push(1, 6));
  std::thread producer([&] {
    q.push(2, 6);  // blocks until 1 is popped: 12 bytes > 10
    q.finish();
  });
  EXPECT_EQ(q.pop(), 1);
  EXPECT_EQ(q.pop(), 2);
  producer.join();
  EXPECT_EQ(q.pop(), std::nullopt);
}

TEST(BoundedQueue, AcceptsAnOversizedItemWhenEmptyAndCloseWakesEveryone) {
  BoundedQueue<int> q(4, 100);
  ASSERT_TRUE(q.push(1, 100));
  std::thread blocked([&] { EXPECT_FALSE(q.push(2, 1)); });
  q.close();
  blocked.join();
  EXPECT_EQ(q.pop(), std::nullopt);
}

}  // namespace
}  // namespace cutover
