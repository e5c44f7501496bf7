#include "util/text.hpp"

namespace cutover {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

}  // namespace cutover
