#include "core/nul_policy.hpp"

namespace cutover {

void remove_nuls(std::string_view text, NulPolicy policy, std::string_view replacement, std::string& out) {
  out.clear();
  for (char c : text) {
    if (c != '\0') out += c;
    else if (policy == NulPolicy::replace) out += replacement;
  }
}

}  // namespace cutover
