#include "plan/options_settings.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "plan/options_loader.hpp"
#include "plan/options_text.hpp"

namespace cutover {

using namespace opts;

namespace {

constexpr int64_t k_no_max = std::numeric_limits<int64_t>::max();

using K = OptionKind;

std::unexpected<Error> invalid(const Setting& s, const OptionSpec& spec, std::string_view value) {
  return fail(ErrorKind::config, fmt::format("invalid value '{}' for {}", value, origin_name(s)),
              fmt::format("expected {}, e.g. {}", expected_form(spec), example_for(s, spec)));
}

Result<int64_t> parse_count(std::string_view text, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return fail(ErrorKind::config,
                fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
  }
  return v;
}

struct Parsed {
  int64_t number = 0;
  bool flag = false;
  std::string text;
  std::vector<std::string> list;
  std::vector<CastRule> casts;
  NulPolicy nul = NulPolicy::reject;
  IdentifierCase ident = IdentifierCase::automatic;
  EnumAs enum_as = EnumAs::check;
  CiCollation ci = CiCollation::none;
};

Result<Parsed> parse_list(const Setting& s, const OptionSpec& spec) {
  Parsed p;
  for (const std::string& v : s.values) {
    if (spec.kind == K::list) {
      for (std::string& item : split_trimmed(v, ',')) p.list.push_back(std::move(item));
      continue;
    }
    auto rule = parse_cast_rule(v);
    if (!rule) {
      Error e = rule.error();
      e.message = fmt::format("{}: {}", origin_name(s), e.message);
      return fail(std::move(e));
    }
    p.casts.push_back(std::move(*rule));
  }
  if (spec.kind == K::list && p.list.empty())
    return invalid(s, spec, s.values.empty() ? "" : s.values[0]);
  return p;
}

Result<Parsed> parse_scalar(const Setting& s, const OptionSpec& spec) {
  if (s.values.size() != 1) {
    return fail(ErrorKind::config, fmt::format("{} takes one value, not a list", origin_name(s)),
                fmt::format("e.g. {}", example_for(s, spec)));
  }
  const std::string v = trim(s.values[0]);
  Parsed p;
  bool ok = true;
  if (spec.kind == K::count) {
    auto n = parse_count(v, spec.min, spec.max);
    ok = n.has_value();
    p.number = n.value_or(0);
  } else if (spec.kind == K::size) {
    auto n = parse_byte_size(v);
    ok = n && *n >= spec.min && *n <= spec.max;
    p.number = n.value_or(0);
  } else if (spec.kind == K::flag) {
    auto b = parse_bool(v);
    ok = b.has_value();
    p.flag = b.value_or(false);
  } else if (spec.kind == K::nul_policy) {
    ok = v == "reject" || v == "strip" || v == "replace";
    p.nul = v == "strip"     ? NulPolicy::strip
            : v == "replace" ? NulPolicy::replace
                             : NulPolicy::reject;
  } else if (spec.kind == K::identifier_case) {
    ok = v == "auto" || v == "lower" || v == "preserve";
    p.ident = v == "lower" ? IdentifierCase::lower
              : v == "preserve" ? IdentifierCase::preserve
                                : IdentifierCase::automatic;
  } else if (spec.kind == K::enum_as) {
    ok = v == "check" || v == "type";
    p.enum_as = v == "type" ? EnumAs::type : EnumAs::check;
  } else if (spec.kind == K::ci_collation) {
    ok = v == "none" || v == "citext" || v == "icu";
    p.ci = v == "citext" ? CiCollation::citext : v == "icu" ? CiCollation::icu : CiCollation::none;
  } else {
    ok = !v.empty();
    p.text = v;
  }
  if (!ok) return invalid(s, spec, s.values[0]);
  return p;
}

void store(OptionsDraft& d, std::string_view key, Parsed&& p, const std::string& from) {
  Options& o = d.options;
  if (key == "source") o.source_url = std::move(p.text);
  if (key == "target") o.target_url = std::move(p.text);
  if (key == "jobs") o.jobs = static_cast<int>(p.number);
  if (key == "chunk_rows") o.chunk_rows = p.number;
  if (key == "batch_rows") o.batch_rows = p.number;
  if (key == "batch_bytes") o.batch_bytes = p.number;
  if (key == "queue_bytes") o.queue_bytes = p.number;
  if (key == "tables") o.tables = std::move(p.list);
  if (key == "exclude") o.exclude = std::move(p.list);
  if (key == "target_schema") {
    o.target_schema = std::move(p.text);
    d.target_schema_from = from;
  }
  if (key == "cast") o.casts = std::move(p.casts);
  if (key == "nul_policy") o.nul_policy = p.nul;
  if (key == "identifier_case") o.identifier_case = p.ident;
  if (key == "enum_as") o.enum_as = p.enum_as;
  if (key == "ci_collation") o.ci_collation = p.ci;
  if (key == "report") o.report_path = std::move(p.text);
  if (key == "reject_dir") o.reject_dir = std::move(p.text);
  if (key == "dry_run") o.dry_run = p.flag;
  if (key == "no_verify") o.verify = !p.flag;
  if (key == "quiet") o.quiet = p.flag;
  if (key == "no_profile") o.profile = !p.flag;
  if (key == "no_postgis") o.postgis = !p.flag;
  if (key == "keep_offset") o.keep_offset = p.flag;
  if (key == "drop_existing") o.drop_existing = p.flag;
  if (key == "max_rejects") o.max_rejects = p.number;
  if (key == "fail_fast") o.fail_fast = p.flag;
  if (key == "restart") o.restart = p.flag;
  if (key == "schema_only") {
    d.schema_only = p.flag;
    d.schema_only_from = from;
  }
  if (key == "data_only") {
    d.data_only = p.flag;
    d.data_only_from = from;
  }
  if (key == "schemas") o.schemas = std::move(p.list);
  if (key == "mode") {
    d.mode = to_lower(p.text);
    d.mode_from = from;
  }
  if (key == "map_schema") {
    d.map_schema = std::move(p.list);
    d.map_schema_from = from;
  }
  if (key == "map_table") {
    d.map_table = std::move(p.list);
    d.map_table_from = from;
  }
  if (key == "owners") o.owners = p.flag;
  if (key == "grants") o.grants = p.flag;
}

// --mode: schema, data or both; it must agree with --schema-only/--data-only.
Status resolve_mode(OptionsDraft& d) {
  if (d.mode.empty()) return {};
  if (d.mode != "schema" && d.mode != "data" && d.mode != "both")
    return fail(ErrorKind::config, fmt::format("invalid value '{}' for {}", d.mode, d.mode_from),
                "expected one of schema, data, both, e.g. --mode data");
  bool schema = d.mode == "schema", data = d.mode == "data";
  if ((d.schema_only && !schema) || (d.data_only && !data))
    return fail(ErrorKind::config,
                fmt::format("{} contradicts {}", d.mode_from, d.schema_only ? d.schema_only_from : d.data_only_from),
                "use one of them");
  d.schema_only = schema;
  d.data_only = data;
  return {};
}

// "a=b,c=d" items into pairs; an item without both sides is an error.
Status resolve_pairs(const std::vector<std::string>& items, const std::string& from, const char* hint,
                     std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& item : items) {
    size_t eq = item.find('=');
    std::string left = eq == std::string::npos ? "" : trim(item.substr(0, eq));
    std::string right = eq == std::string::npos ? "" : trim(item.substr(eq + 1));
    bool dots_ok = left.find('.') != 0 && !left.ends_with('.') && right.find('.') != 0 && !right.ends_with('.');
    if (left.empty() || right.empty() || !dots_ok)
      return fail(ErrorKind::config, fmt::format("invalid value '{}' for {}", item, from), hint);
    out.emplace_back(left, right);
  }
  return {};
}

// --map-schema old=new,... and --map-table src=dst,...; --target-schema given.
Status resolve_maps(OptionsDraft& d) {
  d.options.target_schema_given = !d.target_schema_from.empty();
  if (auto st = resolve_pairs(d.map_schema, d.map_schema_from,
                              "write OLD=NEW, e.g. --map-schema public=app (several: public=app,sales=crm)",
                              d.options.schema_map);
      !st)
    return st;
  return resolve_pairs(d.map_table, d.map_table_from,
                       "write SOURCE=TARGET, e.g. --map-table sales.orders=crm.purchases or "
                       "--map-table orders=purchases (same schema)",
                       d.options.table_map);
}

}  // namespace

Status apply_setting(OptionsDraft& draft, const Setting& setting) {
  const OptionSpec* spec = find_option_spec(setting.key);
  if (spec == nullptr) {
    return fail(ErrorKind::internal, fmt::format("no option named '{}'", setting.key));
  }
  const bool many = spec->kind == K::list || spec->kind == K::casts;
  auto parsed = many ? parse_list(setting, *spec) : parse_scalar(setting, *spec);
  if (!parsed) return fail(std::move(parsed.error()));
  store(draft, spec->key, std::move(*parsed), origin_name(setting));
  return {};
}

Result<Options> finish_options(OptionsDraft draft) {
  if (auto st = resolve_mode(draft); !st) return fail(std::move(st.error()));
  if (auto st = resolve_maps(draft); !st) return fail(std::move(st.error()));
  if (draft.schema_only && draft.data_only) {
    return fail(ErrorKind::config,
                fmt::format("{} and {} cannot be used together", draft.schema_only_from,
                            draft.data_only_from),
                "choose one: schema-only creates the tables and copies no rows, data-only copies "
                "rows into existing tables; set neither to do both");
  }
  draft.options.mode = draft.schema_only ? Mode::schema_only
                       : draft.data_only ? Mode::data_only
                                         : Mode::both;
  return std::move(draft.options);
}

Result<int64_t> parse_byte_size(std::string_view text) {
  std::string_view digits = text;
  size_t n = 0;
  while (n < digits.size() && digits[n] >= '0' && digits[n] <= '9') ++n;
  std::string suffix = to_lower(digits.substr(n));
  digits = digits.substr(0, n);
  if (suffix.ends_with("ib"))
    suffix.resize(suffix.size() - 2);
  else if (suffix.ends_with('b'))
    suffix.pop_back();
  int shift = suffix.empty()  ? 0
              : suffix == "k" ? 10
              : suffix == "m" ? 20
              : suffix == "g" ? 30
              : suffix == "t" ? 40
                              : -1;
  auto value = parse_count(digits, 0, k_no_max >> (shift < 0 ? 0 : shift));
  if (digits.empty() || shift < 0 || !value) {
    return fail(ErrorKind::config, fmt::format("'{}' is not a byte size", text),
                "write a number of bytes with an optional suffix k, M or G, e.g. 64k, 8M or 1G");
  }
  return *value << shift;
}

Result<bool> parse_bool(std::string_view text) {
  const std::string v = to_lower(text);
  if (v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no") return false;
  return fail(ErrorKind::config, fmt::format("'{}' is not a boolean", text),
              "write one of 1, 0, true, false, yes, no");
}

}  // namespace cutover
