#include "core/error.hpp"

#include <fmt/format.h>

namespace cutover {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::connect: return "connect";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::query: return "query";
    case ErrorKind::data: return "data";
    case ErrorKind::config: return "config";
    case ErrorKind::io: return "io";
    case ErrorKind::interrupted: return "interrupted";
    case ErrorKind::internal: return "internal";
  }
  return "unknown";
}

std::string Error::describe() const {
  std::string where;
  auto add = [&](const char* label, const std::string& v) {
    if (v.empty()) return;
    where += where.empty() ? " (" : ", ";
    where += fmt::format("{} {}", label, v);
  };
  add("engine", context.engine);
  add("table", context.table);
  add("column", context.column);
  if (context.chunk) add("chunk", std::to_string(*context.chunk));
  if (context.row_key) add("row", *context.row_key);
  add("value", context.value);
  if (!sqlstate.empty()) add("sqlstate", sqlstate);
  if (!where.empty()) where += ")";
  std::string out = fmt::format("{} error: {}{}", to_string(kind), message, where);
  if (!hint.empty()) out += fmt::format(" — {}", hint);
  return out;
}

}  // namespace cutover
