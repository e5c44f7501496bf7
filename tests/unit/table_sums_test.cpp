// Verification's chunk mapping (verify/table_sums): chunks as integer key
// ranges (ChunkSpec::key_range) and target rows put into them by key —
// canonical integers, MySQL tuple bounds, and fields relayed from a
// PostgreSQL source (binary big-endian, COPY text) — plus how row
// differences show arrays.
#include <gtest/gtest.h>

#include <string>

#include "chunk_test_util.hpp"
#include "core/text_array.hpp"
#include "verify/row_diff.hpp"
#include "verify/table_sums.hpp"

namespace cutover {
namespace {

ChunkSpec int_chunk(int index, std::optional<int64_t> lo, std::optional<int64_t> hi) {
  ChunkSpec c;
  c.index = index;
  c.key_column = "id";
  c.lo = lo;
  c.hi = hi;
  return c;
}

using test::tuple_chunk;

TablePlan table_of(TypeDecision id_type, std::vector<ChunkSpec> chunks) {
  TablePlan t;
  ColumnPlan id;
  id.source_name = id.target_name = "id";
  id.type = std::move(id_type);
  t.columns = {id};
  t.chunks = std::move(chunks);
  return t;
}

// A binary COPY field of an integer of `width` bytes, big-endian.
std::string be(int64_t v, int width) {
  std::string out;
  for (int i = width - 1; i >= 0; --i) out += static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  return out;
}

std::vector<int64_t> rows_per_chunk(const TableSums& sums) {
  std::vector<int64_t> out;
  for (const auto& c : sums.chunks()) out.push_back(c.rows);
  out.push_back(sums.outside().rows);
  return out;
}

TEST(ChunkKeyRange, FromIntegerBoundsOrOneIntegerTupleColumn) {
  auto r = int_chunk(0, 1, 201).key_range();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->column, "id");
  EXPECT_EQ(r->lo, 1);
  EXPECT_EQ(r->hi, 201);

  auto m = tuple_chunk(1, {"201"}, {}).key_range();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->lo, 201);
  EXPECT_FALSE(m->hi);

  EXPECT_FALSE(tuple_chunk(0, {"18446744073709551615"}, {}).key_range()) << "past int64";
  EXPECT_FALSE(tuple_chunk(0, {"'abc'"}, {}).key_range()) << "not an integer";
  EXPECT_FALSE(ChunkSpec{}.key_range()) << "whole table";
  ChunkSpec composite = tuple_chunk(0, {"1", "'x'"}, {});
  composite.key_columns = {"a", "b"};
  EXPECT_FALSE(composite.key_range());
}

TEST(TableSums, MysqlTupleBoundsMapIntegerKeys) {
  TablePlan t = table_of({"integer", ValueKind::int32}, {tuple_chunk(0, {}, {"201"}), tuple_chunk(1, {"201"}, {})});
  ASSERT_EQ(key_column_of(t), 0u);
  TableSums sums(t, true);
  RowBatch b(1);
  for (int32_t id : {1, 200, 201, 5000}) b.put_int32(id);
  sums.add(b);
  EXPECT_EQ(rows_per_chunk(sums), (std::vector<int64_t>{2, 2, 0}));
}

TEST(TableSums, RelayedPostgresKeysMapByTheirBinaryOrTextForm) {
  std::vector<ChunkSpec> chunks = {int_chunk(0, std::nullopt, 0), int_chunk(1, 0, 300), int_chunk(2, 300, std::nullopt)};
  TablePlan binary = table_of({"bigint", ValueKind::bytes, Decode::pg_binary}, chunks);
  ASSERT_EQ(key_column_of(binary), 0u);
  TableSums sums(binary, true);
  RowBatch b(1);
  for (int64_t id : {-5LL, 0LL, 299LL, 300LL, 5000000000LL}) b.put_bytes(be(id, 8));
  b.put_bytes("bad");  // no integer width: outside every range
  sums.add(b);
  EXPECT_EQ(rows_per_chunk(sums), (std::vector<int64_t>{1, 2, 2, 1}));

  TablePlan narrow = table_of({"smallint", ValueKind::bytes, Decode::pg_binary}, chunks);
  TableSums small(narrow, true);
  RowBatch s(1);
  for (int64_t id : {-1LL, 7LL, 300LL}) s.put_bytes(be(id, 2));
  small.add(s);
  EXPECT_EQ(rows_per_chunk(small), (std::vector<int64_t>{1, 1, 1, 0}));

  TablePlan text = table_of({"integer", ValueKind::bytes, Decode::pg_text}, chunks);
  TableSums texts(text, true);
  RowBatch x(1);
  for (const char* id : {"-3", "42", "301"}) x.put_bytes(id);
  texts.add(x);
  EXPECT_EQ(rows_per_chunk(texts), (std::vector<int64_t>{1, 1, 1, 0}));

  EXPECT_FALSE(key_column_of(table_of({"text", ValueKind::bytes, Decode::pg_binary}, chunks)));
  EXPECT_FALSE(ranges_map(table_of({"numeric", ValueKind::bytes, Decode::pg_binary}, chunks)));
}

TEST(CellText, ArraysShowTheirElements) {
  RowBatch b(1);
  std::string payload;
  append_array_element(payload, "a");
  append_array_element(payload, "b c");
  b.put_var(ValueKind::array, payload);
  EXPECT_EQ(cell_text(b, 0, 0), "{a,b c}");
}

}  // namespace
}  // namespace cutover
