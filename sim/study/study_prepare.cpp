// prepare_study: the base scenario, the varied parameters and the design.
#include <nlohmann/json.hpp>
#include <set>

#include "sandtable/limits.hpp"
#include "sandtable/results.hpp"
#include "study/prepared.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace sandtable {

using Json = nlohmann::ordered_json;
using study::Design;
using study::DesignSpec;
using study::Levels;

namespace {

const char* kind_name(ParameterKind k) {
  switch (k) {
    case ParameterKind::kNumber:
      return "number";
    case ParameterKind::kInteger:
      return "integer";
    case ParameterKind::kBoolean:
      return "boolean";
    case ParameterKind::kDate:
      return "date";
    case ParameterKind::kChoice:
      return "choice";
    case ParameterKind::kText:
      return "text";
  }
  return "number";
}

ParameterKind kind_from(const std::string& name) {
  for (ParameterKind k : {ParameterKind::kNumber, ParameterKind::kInteger, ParameterKind::kBoolean,
                          ParameterKind::kDate, ParameterKind::kChoice}) {
    if (name == kind_name(k)) return k;
  }
  return ParameterKind::kText;
}

// Varied parameters of a `list` design read from a CSV file: its header.
bool table_parameters(const StudySpec& spec, std::vector<StudyParameter>& params, Diagnostics& d) {
  if (!spec.parameters.empty()) {
    d.add(spec.parameters[0].where, spec.parameters[0].path,
          "a list design with a points file takes its parameters from the file's header",
          "remove `parameters` (or --vary), or drop design.points");
    return false;
  }
  std::vector<std::string> header;
  std::string error;
  if (!study::read_csv_header(spec.points, header, error)) {
    d.add(spec.design_where, "design.points", error);
    return false;
  }
  int column = 1;
  for (const std::string& h : header) {
    const SourceLocation where{spec.points, 1, column};
    params.push_back({h, "", where, where});
    column += static_cast<int>(h.size()) + 1;
  }
  return true;
}

std::string definition_json(const PreparedStudy::Impl& s, const std::vector<StudyParameter>& params,
                            const std::vector<double>& rows) {
  Json j;
  j["format"] = 1;
  j["scenario_hash"] = scenario_hash(s.base.scenario);
  Json p = Json::array();
  for (const StudyParameter& sp : params)
    p.push_back(Json{{"path", sp.path}, {"values", sp.values}});
  j["parameters"] = std::move(p);
  j["method"] = to_string(s.spec.method);
  j["seed"] = s.spec.seed;
  j["samples"] = s.spec.samples;
  j["levels"] = s.spec.levels;
  if (!rows.empty()) {  // a list design's table, by content
    std::string text;
    for (double v : rows) text += util::format_double(v) + ",";
    j["points_sha256"] = util::sha256_hex(text);
  }
  j["size"] = s.design->size();
  return j.dump();
}

std::string design_json(const PreparedStudy::Impl& s, const std::vector<StudyParameter>& params,
                        const std::vector<double>& base_values) {
  Json j;
  j["method"] = to_string(s.spec.method);
  j["seed"] = s.spec.seed;
  j["samples"] = s.spec.samples;
  j["levels"] = s.spec.levels;
  j["size"] = s.design->size();
  j["bootstrap"] = s.spec.bootstrap;
  j["confidence"] = s.spec.confidence;
  Json p = Json::array();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ParameterInfo& info = s.infos[i];
    Json one{{"path", params[i].path},
             {"kind", kind_name(info.kind)},
             {"choices", info.choices},
             {"values", params[i].values},
             {"base", base_values[i]}};
    // A distribution is truncated to the key's range: keep the range so the
    // analysis rebuilds the same design.
    if (!s.design->spec().domains.empty() && s.design->spec().domains[i].distribution()) {
      if (info.min) one["min"] = *info.min;
      if (info.max) one["max"] = *info.max;
      if (info.min_exclusive) one["min_exclusive"] = true;
    }
    p.push_back(std::move(one));
  }
  j["parameters"] = std::move(p);
  return j.dump();
}

// Resolves every parameter on a copy of the base scenario and parses its values.
void resolve_parameters(PreparedStudy::Impl& s, const std::vector<StudyParameter>& params,
                        bool table, std::vector<Levels>& domains, std::vector<double>& base_values,
                        Diagnostics& d) {
  Scenario probe = s.base.scenario;
  std::set<std::string> seen;
  for (const StudyParameter& p : params) {
    if (!seen.insert(p.path).second) {
      d.add(p.where, p.path, "is varied twice");
      continue;
    }
    Diagnostic e;
    const auto ref = ParameterRef::resolve(probe, p.path, e);
    if (!ref) {
      e.where = p.where;
      d.add(e);
      continue;
    }
    s.infos.push_back(ref->info());
    s.paths.push_back(p.path);
    base_values.push_back(ref->get());
    if (table) continue;
    std::string error;
    auto levels = Levels::parse(p.values, ref->info(), error);
    const bool enumerates = design_method_info(s.spec.method).enumerates;
    if (!levels) {
      d.add(p.values_where, p.path, error);
    } else if (levels->distribution() && enumerates) {
      d.add(p.values_where, p.path,
            std::string("the ") + to_string(s.spec.method) + " design cannot take " +
                levels->distribution()->text() + study::distribution_needs_sampling(),
            "use --method lhs (or sobol, saltelli, morris), or list values: a,b,c");
    } else {
      domains.push_back(std::move(*levels));
    }
  }
}

}  // namespace

namespace study {

bool needs_cross_check(const std::string& path) {
  // The city's area, populations and defender shares must add up (check_city).
  if (path.rfind("environment.city.", 0) == 0) return true;
  for (const char* prefix : {"model.", "adversary.", "environment.", "lines_of_effort."}) {
    if (path.rfind(prefix, 0) == 0) return false;
  }
  return true;
}

std::optional<Design> design_from_json(const std::string& text, std::vector<std::string>& paths,
                                       std::string& error) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "the stored design is not valid JSON";
    return std::nullopt;
  }
  DesignSpec spec;
  spec.method = parse_design_method(j.value("method", "grid")).value_or(DesignMethod::kGrid);
  spec.seed = j.value("seed", std::uint64_t{1});
  spec.samples = j.value("samples", std::uint64_t{0});
  spec.levels = j.value("levels", 4);
  for (const Json& p : j.value("parameters", Json::array())) {
    ParameterInfo info;
    info.path = p.value("path", "");
    info.kind = kind_from(p.value("kind", "number"));
    info.choices = p.value("choices", std::vector<std::string>{});
    if (p.contains("min")) info.min = p.value("min", 0.0);
    if (p.contains("max")) info.max = p.value("max", 0.0);
    info.min_exclusive = p.value("min_exclusive", false);
    paths.push_back(info.path);
    spec.base.push_back(p.value("base", 0.0));
    auto levels = Levels::parse(p.value("values", ""), info, error);
    if (!levels) return std::nullopt;
    spec.domains.push_back(std::move(*levels));
  }
  return Design::make(std::move(spec), error);
}

}  // namespace study

PreparedStudy::PreparedStudy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedStudy::~PreparedStudy() = default;
const StudySpec& PreparedStudy::spec() const { return impl_->spec; }
const LoadedScenario& PreparedStudy::base() const { return impl_->base; }
std::uint64_t PreparedStudy::size() const { return impl_->design->size(); }
const std::vector<ParameterInfo>& PreparedStudy::parameters() const { return impl_->infos; }
const std::vector<std::string>& PreparedStudy::outcomes() const { return impl_->outcomes; }
std::string PreparedStudy::definition_json() const { return impl_->definition; }

void PreparedStudy::point(std::uint64_t index, std::vector<double>& values) const {
  values.resize(impl_->infos.size());
  impl_->design->point(index, values.data());
}

std::string PreparedStudy::value_text(int parameter, double value) const {
  const ParameterInfo& info = impl_->infos[static_cast<std::size_t>(parameter)];
  return Levels::list({value}, info).value_text(value);
}

std::string PreparedStudy::describe_values(int parameter) const {
  return impl_->design->spec().domains[static_cast<std::size_t>(parameter)].describe();
}

PrepareResult prepare_study(const StudySpec& spec) {
  PrepareResult r;
  LoadResult loaded = load_scenario(spec.scenario, spec.overrides);
  if (!loaded.ok()) {
    r.diagnostics = std::move(loaded.diagnostics);
    r.io_error = loaded.io_error;
    return r;
  }
  auto s = std::make_unique<PreparedStudy::Impl>();
  s->spec = spec;
  s->base = std::move(*loaded.loaded);
  Diagnostics& d = r.diagnostics;
  const bool table = spec.method == DesignMethod::kList && !spec.points.empty();
  if (!table && !spec.points.empty()) {
    d.add(spec.design_where, "design.points", "a points file is for the list design only");
    return r;
  }
  const bool memory = spec.method == DesignMethod::kList && !spec.rows.empty();
  if (memory && table) {
    d.add(spec.design_where, "design.points", "give the points in a file or in memory, not both");
    return r;
  }
  std::vector<StudyParameter> params = spec.parameters;
  if (table && !table_parameters(spec, params, d)) return r;
  std::vector<Levels> domains;
  std::vector<double> base_values;
  std::vector<double> rows;
  resolve_parameters(*s, params, table || memory, domains, base_values, d);
  if (!d.empty()) return r;
  if (table || memory) {
    std::string error;
    if (memory) {
      rows = spec.rows;
      if (s->infos.empty() || rows.size() % s->infos.size() != 0) {
        d.add(spec.design_where, "design", "internal: in-memory points do not fill whole rows");
        return r;
      }
    } else if (!study::read_points_csv(spec.points, s->infos, s->paths, rows, error)) {
      d.add(spec.design_where, "design.points", error);
      return r;
    }
    const std::size_t k = s->infos.size();
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> column;
      for (std::size_t row = 0; row < rows.size() / k; ++row) column.push_back(rows[row * k + i]);
      domains.push_back(Levels::list(std::move(column), s->infos[i]));
    }
  }
  std::string error;
  DesignSpec ds{spec.method,        spec.seed,   spec.samples, spec.levels,
                std::move(domains), base_values, rows};
  s->design = Design::make(std::move(ds), error);
  if (!s->design) {
    d.add(spec.design_where, "design", error);
    return r;
  }
  if (s->design->size() > limits().design_points) {
    d.add(spec.design_where, "design",
          "the design has " + std::to_string(s->design->size()) + " points, more than " +
              std::to_string(limits().design_points),
          "use fewer samples or levels, or " + limit_hint("design_points"));
    return r;
  }
  s->outcomes = outcome_names(s->base.scenario);
  s->full_check = false;
  for (const std::string& path : s->paths)
    s->full_check = s->full_check || study::needs_cross_check(path);
  s->fast_hash = s->hasher.prepare(s->base.scenario, s->paths);
  s->definition = definition_json(*s, params, rows);
  s->design_json = design_json(*s, params, base_values);
  r.study = std::make_unique<PreparedStudy>(std::move(s));
  return r;
}

}  // namespace sandtable
