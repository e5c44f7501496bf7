#include "plan/plan_resume.hpp"

#include <map>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace cutover {

namespace {

using nlohmann::json;

std::optional<ChunkSpec> chunk_from_json(const json& j) {
  ChunkSpec c;
  c.index = j.value("index", -1);
  if (c.index < 0) return std::nullopt;
  if (j.contains("key_columns")) {
    c.key_columns = j["key_columns"].get<std::vector<std::string>>();
    c.lower = j.value("lower", std::vector<std::string>{});
    c.upper = j.value("upper", std::vector<std::string>{});
  }
  if (c.describe() != j.value("range", "")) return std::nullopt;  // a layout the JSON does not hold whole
  return c;
}

struct StoredTable {
  std::vector<ChunkSpec> chunks;
  std::string reason;
};

std::optional<StoredTable> stored_table(const json& t) {
  StoredTable out;
  out.reason = t.value("chunk_reason", "");
  for (const auto& j : t.value("chunks", json::array())) {
    auto c = chunk_from_json(j);
    if (!c) return std::nullopt;
    out.chunks.push_back(std::move(*c));
  }
  return out;
}

}  // namespace

bool adopt_stored_chunks(MigrationPlan& plan, const std::string& stored_plan_json) {
  json stored = json::parse(stored_plan_json, nullptr, false);
  if (!stored.is_object() || !stored.contains("tables")) return false;
  std::map<std::string, StoredTable> by_target;
  for (const auto& t : stored["tables"]) {
    auto table = stored_table(t);
    if (!table) return false;
    by_target[t.value("target", "")] = std::move(*table);
  }
  for (const auto& t : plan.tables)
    if (!by_target.count(t.target_schema + "." + t.target_name)) return false;
  for (auto& t : plan.tables) {
    StoredTable& s = by_target[t.target_schema + "." + t.target_name];
    int64_t rows = 0;
    for (const auto& c : t.chunks) rows += c.estimated_rows;
    for (auto& c : s.chunks) c.estimated_rows = rows / static_cast<int64_t>(std::max<size_t>(1, s.chunks.size()));
    t.chunks = std::move(s.chunks);
    t.chunk_reason = std::move(s.reason);
  }
  return true;
}

}  // namespace cutover
