#include <gtest/gtest.h>

#include "core/row_batch.hpp"

namespace cutover {
namespace {

TEST(RowBatch, DiscardPartialRowDropsArenaTail) {
  RowBatch b(2);
  b.put_int64(1);
  b.put_text("kept");
  b.put_int64(2);
  b.put_text("dropped");
  EXPECT_EQ(b.partial_cells(), 0u);
  b.put_text("half");
  b.discard_partial_row();
  EXPECT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.payload(b.at(1, 1)), "dropped");
  EXPECT_EQ(b.byte_size(), 4 * sizeof(Cell) + 11);
}

}  // namespace
}  // namespace cutover
