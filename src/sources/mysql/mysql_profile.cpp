#include "sources/mysql/mysql_profile.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sources/mysql/mysql_chunker.hpp"
#include "sources/mysql/mysql_types.hpp"

namespace cutover::mysql {
namespace {

struct Probe {
  size_t column;  // position in table.columns
  ProfileNeed need;
};

// The aggregates of one probe: three result columns each.
std::string aggregates(const Column& c, ProfileNeed need) {
  std::string q = quote_identifier(c.name);
  switch (need) {
    case ProfileNeed::zero_one: return fmt::format("SUM({0} IS NULL), MIN({0}), MAX({0})", q);
    case ProfileNeed::time_range:
      return fmt::format("SUM({0} IS NULL), MIN(FLOOR(TIME_TO_SEC({0}))), MAX(FLOOR(TIME_TO_SEC({0})))", q);
    case ProfileNeed::invalid_dates:
      return fmt::format("SUM({0} IS NULL), SUM({0} IS NOT NULL AND (MONTH({0}) = 0 OR DAYOFMONTH({0}) = 0)), 0", q);
    case ProfileNeed::none: break;
  }
  return "0, 0, 0";
}

void read_probe(const Row& r, unsigned at, ProfileNeed need, ColumnProfile& p) {
  p.nulls = r.int64(at);
  if (need == ProfileNeed::invalid_dates) {
    p.invalid_dates = r.int64(at + 1);
    return;
  }
  if (!r.is_null(at + 1)) p.int_min = r.int64(at + 1);
  if (!r.is_null(at + 2)) p.int_max = r.int64(at + 2);
}

std::vector<Probe> probes(const Table& table) {
  std::vector<Probe> out;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    auto need = profile_need(parse_mysql_type(table.columns[i].declared_type));
    if (need != ProfileNeed::none) out.push_back({i, need});
  }
  return out;
}

}  // namespace

bool needs_profile(const Table& table) { return !probes(table).empty(); }

Result<std::vector<ColumnProfile>> profile_table(Session& session, const Table& table, const ChunkSpec& chunk) {
  auto list = probes(table);
  if (list.empty()) return std::vector<ColumnProfile>{};
  std::vector<std::string> parts = {"COUNT(*)"};
  for (const auto& p : list) parts.push_back(aggregates(table.columns[p.column], p.need));
  std::string sql = fmt::format("SELECT {} FROM {}{}", fmt::join(parts, ", "), quote_identifier(table.name),
                                chunk_where(chunk));
  std::vector<ColumnProfile> out(table.columns.size());
  auto st = session.query(sql, [&](const Row& r) {
    int64_t rows = r.int64(0);
    for (auto& p : out) p.rows = rows;
    for (size_t i = 0; i < list.size(); ++i)
      read_probe(r, static_cast<unsigned>(1 + 3 * i), list[i].need, out[list[i].column]);
    return false;
  });
  if (!st) return fail(st.error().in_table(table.name));
  return out;
}

}  // namespace cutover::mysql
