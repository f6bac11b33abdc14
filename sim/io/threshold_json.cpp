// JSON writers of `threshold` and `discover`, for plots and scripts:
// values in numeric form and as a scenario file writes them.
#include <nlohmann/json.hpp>

#include "analysis/text_format.hpp"
#include "sandtable/discover.hpp"
#include "sandtable/threshold.hpp"

namespace sandtable {

namespace {

using Json = nlohmann::ordered_json;

Json value_json(double v, ParameterKind kind) {
  return Json{{"value", v}, {"text", analysis::parameter_text(v, kind)}};
}

Json result_json(const ThresholdResult& r, const ParameterRange& vary) {
  Json switches = Json::array();
  for (const CriteriaSwitch& s : r.switches) {
    switches.push_back(Json{{"low", value_json(s.low, vary.kind)},
                            {"high", value_json(s.high, vary.kind)},
                            {"criteria_hold_above", s.holds_at_high}});
  }
  return Json{{"holds_at_lo", r.holds_at_lo}, {"holds_at_hi", r.holds_at_hi},
              {"switches", switches},         {"runs", r.runs},
              {"scanned", r.scanned},         {"exhaustive", r.exhaustive},
              {"tolerance", r.tolerance}};
}

Json range_json(const ParameterRange& r) {
  Json j{{"path", r.path}, {"lo", value_json(r.lo, r.kind)}, {"hi", value_json(r.hi, r.kind)}};
  if (r.step > 0.0) j["step"] = r.step;
  return j;
}

}  // namespace

std::string threshold_json(const ThresholdResult& result, const ParameterRange& vary,
                           const std::string& criteria) {
  Json doc{{"criteria", criteria}, {"vary", range_json(vary)}};
  doc["result"] = result_json(result, vary);
  return doc.dump(2) + "\n";
}

std::string frontier_json(const std::vector<FrontierRow>& rows, const ParameterRange& vary,
                          const ParameterRange& by, const std::string& criteria) {
  Json doc{{"criteria", criteria}, {"vary", range_json(vary)}, {"by", range_json(by)}};
  Json out = Json::array();
  for (const FrontierRow& r : rows) {
    Json row = result_json(r.result, vary);
    row["by"] = value_json(r.by, by.kind);
    out.push_back(std::move(row));
  }
  doc["rows"] = std::move(out);
  return doc.dump(2) + "\n";
}

std::string discovery_json(const Discovery& d) {
  const auto box_json = [&](const PrimBox& b) {
    Json limits = Json::array();
    for (const PrimLimit& l : b.limits) {
      Json j{{"parameter", d.parameters[l.column]}};
      if (l.lo) j["lo"] = value_json(*l.lo, d.kinds[l.column]);
      if (l.hi) j["hi"] = value_json(*l.hi, d.kinds[l.column]);
      limits.push_back(std::move(j));
    }
    return Json{{"limits", limits},       {"description", describe_box(b, d.parameters, d.kinds)},
                {"points", b.points},     {"hits", b.hits},
                {"coverage", b.coverage}, {"density", b.density}};
  };
  Json doc{{"criteria", d.criteria},
           {"describes", d.fail ? "where the criteria fail" : "where the criteria hold"},
           {"parameters", d.parameters},
           {"rows_used", d.rows_used},
           {"rows_skipped", d.rows_skipped},
           {"points", d.prim.points},
           {"hits", d.prim.hits}};
  Json boxes = Json::array();
  for (const PrimBox& b : d.prim.boxes) boxes.push_back(box_json(b));
  doc["boxes"] = std::move(boxes);
  Json trajectory = Json::array();
  for (const PrimBox& b : d.prim.trajectory) {
    trajectory.push_back(
        Json{{"coverage", b.coverage}, {"density", b.density}, {"points", b.points}});
  }
  doc["trajectory"] = std::move(trajectory);
  return doc.dump(2) + "\n";
}

}  // namespace sandtable
