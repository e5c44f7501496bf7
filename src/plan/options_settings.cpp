#include "plan/options_settings.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <limits>

#include "plan/options_loader.hpp"
#include "plan/options_text.hpp"

namespace cutover {

using namespace opts;

namespace {

constexpr int64_t k_no_max = std::numeric_limits<int64_t>::max();
constexpr int64_t k_max_bytes = int64_t{1} << 40;

using K = OptionKind;
const std::array k_specs = {
    OptionSpec{"source", K::text, "URL", "source database URL", "sqlite:///data/app.db", 0, 0, false},
    OptionSpec{"target", K::text, "URL", "target database URL",
               "postgresql://app@localhost:5432/app", 0, 0, false},
    OptionSpec{"jobs", K::count, "N", "chunks copied in parallel (1-256, default 2)", "4", 1, 256},
    OptionSpec{"chunk_rows", K::count, "N", "rows per chunk, one target transaction (default 100000)",
               "50000", 1, k_no_max},
    OptionSpec{"batch_rows", K::count, "N", "rows per batch sent to the writer (default 10000)",
               "10000", 1, k_no_max},
    OptionSpec{"batch_bytes", K::size, "SIZE", "bytes per batch: 64k, 8M, 1G (default 8M)", "8M", 1,
               k_max_bytes},
    OptionSpec{"queue_bytes", K::size, "SIZE", "bytes queued per chunk pipeline (default 32M)", "32M",
               1, k_max_bytes},
    OptionSpec{"tables", K::list, "LIST", "only these tables: names or globs, comma-separated",
               "orders,order_*"},
    OptionSpec{"exclude", K::list, "LIST", "skip these tables: names or globs, comma-separated",
               "tmp_*"},
    OptionSpec{"target_schema", K::text, "NAME", "schema to create tables in (default public)", "app"},
    OptionSpec{"schema_only", K::flag, "", "create tables, indexes and constraints; copy no rows", "1"},
    OptionSpec{"data_only", K::flag, "", "copy rows into tables that already exist", "1"},
    OptionSpec{"cast", K::casts, "RULE", "override a type: sqlite:tinyint(1)=boolean, t.col=text",
               "orders.created_at=timestamptz"},
    OptionSpec{"nul_policy", K::nul_policy, "POLICY",
               "NUL bytes in text: reject, strip or replace (default reject)", "strip"},
    OptionSpec{"report", K::text, "FILE", "write the JSON report to FILE", "report.json"},
    OptionSpec{"reject_dir", K::text, "DIR", "write rejected rows under DIR", "rejects"},
    OptionSpec{"dry_run", K::flag, "", "print the plan and DDL; touch nothing (= cutover plan)", "1"},
    OptionSpec{"no_verify", K::flag, "", "skip the verification after the copy", "1"},
    OptionSpec{"quiet", K::flag, "", "print only errors and the summary", "1"},
    OptionSpec{"no_profile", K::flag, "", "SQLite: choose types from declarations only", "1"},
    OptionSpec{"drop_existing", K::flag, "", "replace target tables that already exist", "1"},
    OptionSpec{"restart", K::flag, "", "ignore an unfinished run's state and start over", "1"},
};

std::string expected_form(const OptionSpec& spec) {
  switch (spec.kind) {
    case K::count:
      return spec.max == k_no_max ? fmt::format("a whole number of at least {}", spec.min)
                                  : fmt::format("a whole number from {} to {}", spec.min, spec.max);
    case K::size: return "a byte size from 1 to 1T such as 65536, 64k, 8M or 1G";
    case K::list: return "one or more comma-separated table names or patterns";
    case K::casts: return "a cast rule";
    case K::text: return "a non-empty value";
    case K::flag: return "one of 1, 0, true, false, yes, no";
    case K::nul_policy: return "one of reject, strip, replace";
  }
  return "a value";
}

// The example as it would be written in the setting's own layer.
std::string example_for(const Setting& s, const OptionSpec& spec) {
  const bool is_flag = spec.kind == K::flag;
  switch (s.origin) {
    case SettingOrigin::flag:
      return is_flag ? flag_name(spec) : fmt::format("{} {}", flag_name(spec), shell_word(spec.example));
    case SettingOrigin::env: return fmt::format("{}={}", env_name(spec), shell_word(spec.example));
    case SettingOrigin::plan_file: break;
  }
  std::string value;
  if (is_flag) {
    value = "true";
  } else if (spec.kind == K::count) {
    value = spec.example;
  } else if (spec.kind == K::list || spec.kind == K::casts) {
    value = quoted_array(spec.kind == K::list ? split_trimmed(spec.example, ',')
                                              : std::vector<std::string>{std::string(spec.example)});
  } else {
    value = fmt::format("\"{}\"", spec.example);
  }
  const bool toml = ends_with_ci(s.file, ".toml");
  return fmt::format("{}{}{}", spec.key, toml ? " = " : ": ", value);
}

std::unexpected<Error> invalid(const Setting& s, const OptionSpec& spec, std::string_view value) {
  return fail(ErrorKind::config, fmt::format("invalid value '{}' for {}", value, origin_name(s)),
              fmt::format("expected {}, e.g. {}", expected_form(spec), example_for(s, spec)));
}

Result<int64_t> parse_count(std::string_view text, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return fail(ErrorKind::config, fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
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
  if (spec.kind == K::list && p.list.empty()) return invalid(s, spec, s.values.empty() ? "" : s.values[0]);
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
    p.nul = v == "strip" ? NulPolicy::strip : v == "replace" ? NulPolicy::replace : NulPolicy::reject;
  } else {
    ok = !v.empty();
    p.text = v;
  }
  if (!ok) return invalid(s, spec, s.values[0]);
  return p;
}

void store(OptionsDraft& d, std::string_view key, Parsed&& p, std::string from) {
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
  if (key == "target_schema") o.target_schema = std::move(p.text);
  if (key == "cast") o.casts = std::move(p.casts);
  if (key == "nul_policy") o.nul_policy = p.nul;
  if (key == "report") o.report_path = std::move(p.text);
  if (key == "reject_dir") o.reject_dir = std::move(p.text);
  if (key == "dry_run") o.dry_run = p.flag;
  if (key == "no_verify") o.verify = !p.flag;
  if (key == "quiet") o.quiet = p.flag;
  if (key == "no_profile") o.profile = !p.flag;
  if (key == "drop_existing") o.drop_existing = p.flag;
  if (key == "restart") o.restart = p.flag;
  if (key == "schema_only") {
    d.schema_only = p.flag;
    d.schema_only_from = std::move(from);
  }
  if (key == "data_only") {
    d.data_only = p.flag;
    d.data_only_from = std::move(from);
  }
}

}  // namespace

std::span<const OptionSpec> option_specs() { return k_specs; }

const OptionSpec* find_option_spec(std::string_view key) {
  for (const OptionSpec& spec : k_specs) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string flag_name(const OptionSpec& spec) { return "--" + replace_char(spec.key, '_', '-'); }

std::string env_name(const OptionSpec& spec) { return "CUTOVER_" + to_upper(spec.key); }

std::string plan_file_keys() {
  std::string out;
  for (const OptionSpec& spec : k_specs) out += fmt::format("{}{}", out.empty() ? "" : ", ", spec.key);
  return out;
}

std::string origin_name(const Setting& s) {
  const OptionSpec* spec = find_option_spec(s.key);
  switch (s.origin) {
    case SettingOrigin::flag:
      return spec != nullptr && spec->cli ? flag_name(*spec) : to_upper(s.key);
    case SettingOrigin::env: return spec != nullptr ? env_name(*spec) : "CUTOVER_" + to_upper(s.key);
    case SettingOrigin::plan_file: return fmt::format("{} in plan file {}", s.key, s.file);
  }
  return s.key;
}

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
  if (suffix.ends_with("ib")) suffix.resize(suffix.size() - 2);
  else if (suffix.ends_with('b')) suffix.pop_back();
  int shift = suffix.empty() ? 0 : suffix == "k" ? 10 : suffix == "m" ? 20 : suffix == "g" ? 30 : suffix == "t" ? 40 : -1;
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
