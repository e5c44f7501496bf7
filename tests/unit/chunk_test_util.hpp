// Chunk specs for unit tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/plan.hpp"

namespace cutover::test {

// A chunk of the one-column tuple key "id" (MySQL-style bounds).
inline ChunkSpec tuple_chunk(int index, std::vector<std::string> lower, std::vector<std::string> upper) {
  ChunkSpec c;
  c.index = index;
  c.key_columns = {"id"};
  c.lower = std::move(lower);
  c.upper = std::move(upper);
  return c;
}

}  // namespace cutover::test
