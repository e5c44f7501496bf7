// The --nul-policy applied to text a source read: PostgreSQL text cannot
// hold NUL bytes, so a value with one is refused (reject, the default), or
// its NULs are removed (strip) or replaced (replace) before it is written.
#pragma once

#include <string>
#include <string_view>

#include "core/plan.hpp"

namespace cutover {

// The reject reason adapters give for a text value with a NUL byte.
inline constexpr std::string_view k_nul_reject_reason =
    "text contains a NUL byte, which PostgreSQL text cannot hold; --nul-policy strip or replace keeps the row";

// `text` with its NUL bytes removed (strip) or each replaced by
// `replacement` (replace), written to `out`. Not for NulPolicy::reject.
void remove_nuls(std::string_view text, NulPolicy policy, std::string_view replacement, std::string& out);

}  // namespace cutover
