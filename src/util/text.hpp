// Small text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>

namespace cutover {

// `text` with A-Z folded to a-z; other bytes (UTF-8 included) unchanged,
// whatever the C locale says. Keywords, type names, URL schemes, and
// identifiers as PostgreSQL folds them.
std::string ascii_lower(std::string_view text);

}  // namespace cutover
