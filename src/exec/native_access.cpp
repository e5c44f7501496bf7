#include "exec/native_access.hpp"

#include <fmt/format.h>

namespace cutover {

namespace {

constexpr size_t k_listed = 3;

}  // namespace

RoleSplit split_by_roles(const std::vector<NativeStatement>& statements,
                         const std::set<std::string>& roles) {
  RoleSplit out;
  for (const auto& s : statements) {
    if (s.role.empty() || roles.count(s.role))
      out.runnable.push_back(&s);
    else
      out.missing[s.role].push_back(&s);
  }
  return out;
}

std::vector<std::string> missing_role_warnings(const RoleSplit& split) {
  std::vector<std::string> out;
  for (const auto& [role, statements] : split.missing) {
    size_t owners = 0;
    for (const auto* s : statements) owners += s->kind == "owner" ? 1 : 0;
    std::string listed;
    for (size_t i = 0; i < statements.size() && i < k_listed; ++i)
      listed += (i ? "; " : "") + statements[i]->sql;
    if (statements.size() > k_listed)
      listed += fmt::format("; and {} more", statements.size() - k_listed);
    out.push_back(
        fmt::format("role {} does not exist on the target: {} owner and {} grant statements not "
                    "applied ({}) — create the role "
                    "on the target (CREATE ROLE ...) and run them, or leave the option out",
                    role, owners, statements.size() - owners, listed));
  }
  return out;
}

}  // namespace cutover
