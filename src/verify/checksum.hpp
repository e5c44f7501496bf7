// Content checksums of canonical values (DESIGN.md §6).
//
// A row's hash depends on each column's position and canonical value, not
// on the storage form: an int16 and an int64 of the same number hash alike,
// a decimal hashes without trailing fractional zeros ("1.50" == "1.5"), and
// a float hashes its bits (so -0.0 and 0.0 differ, all NaNs are one NaN),
// JSON hashes its canonical_json form (so a source's JSON text and the
// target's jsonb output, which reorders keys and drops whitespace, agree).
// A chunk's checksum is the wrapping sum of its row hashes, so it does not
// depend on row order and the target side can recompute it from any scan.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/row_batch.hpp"

namespace cutover {

uint64_t hash_bytes(std::string_view data, uint64_t seed);
// JSON text re-serialised: keys sorted by bytes (the last of duplicate keys
// wins, as in jsonb), no whitespace, strings with nlohmann's escaping,
// integral numbers as integer digits ("1.0", "1e2" -> "1", "100"), other
// numbers as the shortest text of their double. Text that is not JSON is
// returned as it is. Part of the checksum definition: keep it stable.
std::string canonical_json(std::string_view text);
uint64_t row_hash(const RowBatch& batch, size_t row);
// The hash of one canonical value (what row_hash combines).
uint64_t value_hash(const RowBatch& batch, size_t row, size_t col);
// Sum of row_hash over the batch.
uint64_t batch_checksum(const RowBatch& batch);
// "00f3a9..." (16 lower-case hex digits), as stored in the state and report.
std::string checksum_hex(uint64_t checksum);

}  // namespace cutover
