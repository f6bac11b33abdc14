// Writers of ensemble reports: a table for people, JSON, CSV and Markdown.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/ensemble.hpp"

namespace sandtable {

namespace {

using analysis::readable;
using analysis::signed_readable;
using Json = nlohmann::ordered_json;

std::string percent(double share) {
  const double p = share * 100.0;
  if (p > 0.0 && p < 0.5) return "<1%";
  if (p < 100.0 && p > 99.5) return ">99%";
  return readable(std::round(p)) + "%";
}

std::string share_text(const Share& s) {
  return percent(s.value) + " (" + percent(s.low) + " to " + percent(s.high) + ")";
}

std::string sampling_text(WorldSampling s) {
  return s == WorldSampling::kSobol ? "Sobol sequence" : "Latin hypercube";
}

std::string spread(const Quantiles& q) {
  return readable(q.q05) + " / " + readable(q.q50) + " / " + readable(q.q95);
}

std::string signed_spread(const Quantiles& q) {
  return signed_readable(q.q05) + " / " + signed_readable(q.q50) + " / " + signed_readable(q.q95);
}

std::string drivers_text(const std::vector<Driver>& drivers, std::size_t top) {
  std::string out;
  for (std::size_t i = 0; i < drivers.size() && i < top; ++i) {
    if (std::fabs(drivers[i].rank_correlation) < 0.05) break;
    out += (out.empty() ? "" : ", ") + drivers[i].path + " " +
           signed_readable(std::round(drivers[i].rank_correlation * 100.0) / 100.0);
  }
  return out.empty() ? "no assumption stands out (all |rank correlation| < 0.05)" : out;
}

std::vector<std::vector<std::string>> class_rows(const EnsembleReport& r) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"share of worlds (95% interval)"};
  for (const CaseSummary& c : r.cases) head.push_back(c.label);
  rows.push_back(head);
  const auto add = [&](const std::string& name, Share CaseSummary::*member) {
    std::vector<std::string> row = {name};
    for (const CaseSummary& c : r.cases) row.push_back(share_text(c.*member));
    rows.push_back(row);
  };
  add("success", &CaseSummary::success);
  add("failure", &CaseSummary::failure);
  add("stalemate", &CaseSummary::stalemate);
  add("unresolved", &CaseSummary::unresolved);
  add("criteria hold", &CaseSummary::meets);
  return rows;
}

std::vector<std::vector<std::string>> quantile_rows(const EnsembleReport& r) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"outcome: 5% / median / 95%"};
  for (const CaseSummary& c : r.cases) head.push_back(c.label);
  rows.push_back(head);
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    std::vector<std::string> row = {r.outcomes[i]};
    for (const CaseSummary& c : r.cases) row.push_back(spread(c.outcomes[i]));
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::vector<std::string>> difference_rows(const EnsembleReport& r,
                                                      const PairedSummary& p) {
  const std::string& to = r.cases[static_cast<std::size_t>(p.to_case)].label;
  const std::string& from = r.cases[static_cast<std::size_t>(p.from_case)].label;
  std::vector<std::vector<std::string>> rows;
  rows.push_back({to + " - " + from + ": 5% / median / 95%", "lower in", "higher in"});
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    rows.push_back({r.outcomes[i], signed_spread(p.difference[i]), percent(p.share_lower[i]),
                    percent(p.share_higher[i])});
  }
  return rows;
}

std::string table(const EnsembleReport& r) {
  std::string out;
  out += "Ensemble: " + readable(static_cast<double>(r.worlds)) + " worlds (" +
         sampling_text(r.sampling) + ", seed " + std::to_string(r.seed) +
         "), the same worlds for every case\n";
  out += "Uncertain assumptions:\n";
  std::vector<std::vector<std::string>> in;
  for (const WorldInput& i : r.inputs) in.push_back({i.path, i.distribution});
  out += io::render_columns(in, {false, false}, "  ");
  out += "Criteria (" + r.criteria_origin + "): " + r.criteria + "\n\n";
  std::vector<bool> right(r.cases.size() + 1, true);
  right[0] = false;
  out += io::render_columns(class_rows(r), right) + "\n";
  out += io::render_columns(quantile_rows(r), right);
  for (const PairedSummary& p : r.paired) {
    const std::string& to = r.cases[static_cast<std::size_t>(p.to_case)].label;
    const std::string& from = r.cases[static_cast<std::size_t>(p.from_case)].label;
    out += "\n" + to + " against " + from + ", world by world:\n";
    out += "  the criteria hold in " + to + " only in " + percent(p.to_only.value) +
           " of worlds, in " + from + " only in " + percent(p.from_only.value) + ", in both " +
           percent(p.both.value) + ", in neither " + percent(p.neither.value) + "\n";
    if (p.to_only.count > p.from_only.count) {
      out += "  " + to + " is the better bet: it meets the criteria where " + from +
             " does not in " + percent(p.to_only.value) + " of worlds, the reverse in " +
             percent(p.from_only.value) + "\n";
    } else if (p.from_only.count > p.to_only.count) {
      out += "  " + from + " is the better bet: it meets the criteria where " + to +
             " does not in " + percent(p.from_only.value) + " of worlds, the reverse in " +
             percent(p.to_only.value) + "\n";
    } else {
      out += "  neither is the better bet: each meets the criteria alone in as many worlds\n";
    }
    out += "  what decides it (rank correlation with '" + to + " meets, " + from +
           " does not'): " + drivers_text(p.drivers, 4) + "\n";
    for (const std::string& b : p.to_better_boxes)
      out += "  " + to + " does better where " + b + "\n";
    for (const std::string& b : p.from_better_boxes) {
      out += "  " + from + " does better where " + b + "\n";
    }
    out += "\n" + io::render_columns(difference_rows(r, p), {false, true, true, true}, "  ");
  }
  out += "\nWhat decides whether the criteria hold (rank correlation over the worlds):\n";
  for (std::size_t c = 0; c < r.cases.size(); ++c) {
    out += "  " + r.cases[c].label + ": " + drivers_text(r.success_drivers[c], 4) + "\n";
    for (const std::string& b : r.failure_boxes[c]) out += "    they fail where " + b + "\n";
  }
  return out;
}

Json share_json(const Share& s) {
  return Json{
      {"count", s.count}, {"of", s.of}, {"share", s.value}, {"low", s.low}, {"high", s.high}};
}

Json quantiles_json(const Quantiles& q) {
  return Json{{"mean", q.mean}, {"q05", q.q05}, {"q25", q.q25},
              {"q50", q.q50},   {"q75", q.q75}, {"q95", q.q95}};
}

Json drivers_json(const std::vector<Driver>& d) {
  Json out = Json::array();
  for (const Driver& x : d)
    out.push_back(Json{{"path", x.path}, {"rank_correlation", x.rank_correlation}});
  return out;
}

std::string json(const EnsembleReport& r) {
  Json doc;
  doc["worlds"] = r.worlds;
  doc["seed"] = r.seed;
  doc["sampling"] = r.sampling == WorldSampling::kSobol ? "sobol" : "lhs";
  doc["criteria"] = r.criteria;
  doc["criteria_origin"] = r.criteria_origin;
  Json inputs = Json::array();
  for (const WorldInput& i : r.inputs) {
    inputs.push_back(Json{{"path", i.path}, {"distribution", i.distribution}});
  }
  doc["uncertain"] = inputs;
  doc["outcomes"] = r.outcomes;
  Json cases = Json::array();
  for (std::size_t c = 0; c < r.cases.size(); ++c) {
    const CaseSummary& s = r.cases[c];
    Json j;
    j["label"] = s.label;
    j["file"] = s.file;
    j["name"] = s.name;
    j["success"] = share_json(s.success);
    j["failure"] = share_json(s.failure);
    j["stalemate"] = share_json(s.stalemate);
    j["unresolved"] = share_json(s.unresolved);
    j["criteria_hold"] = share_json(s.meets);
    Json q;
    for (std::size_t i = 0; i < r.outcomes.size(); ++i)
      q[r.outcomes[i]] = quantiles_json(s.outcomes[i]);
    j["quantiles"] = q;
    j["drivers"] = drivers_json(r.success_drivers[c]);
    j["failure_boxes"] = r.failure_boxes[c];
    cases.push_back(j);
  }
  doc["cases"] = cases;
  Json paired = Json::array();
  for (const PairedSummary& p : r.paired) {
    Json j;
    j["from"] = r.cases[static_cast<std::size_t>(p.from_case)].label;
    j["to"] = r.cases[static_cast<std::size_t>(p.to_case)].label;
    j["to_only"] = share_json(p.to_only);
    j["from_only"] = share_json(p.from_only);
    j["both"] = share_json(p.both);
    j["neither"] = share_json(p.neither);
    Json d;
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
      Json x = quantiles_json(p.difference[i]);
      x["share_lower"] = p.share_lower[i];
      x["share_higher"] = p.share_higher[i];
      d[r.outcomes[i]] = x;
    }
    j["difference"] = d;
    j["drivers"] = drivers_json(p.drivers);
    j["to_better_boxes"] = p.to_better_boxes;
    j["from_better_boxes"] = p.from_better_boxes;
    paired.push_back(j);
  }
  doc["paired"] = paired;
  return doc.dump(2) + "\n";
}

// Long form: one statistic per row.
std::string csv(const EnsembleReport& r) {
  std::string out = io::csv_row({"case", "against", "quantity", "statistic", "value"});
  const auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string(buf);
  };
  const auto share_rows = [&](const std::string& c, const std::string& against,
                              const std::string& q, const Share& s) {
    out += io::csv_row({c, against, q, "share", num(s.value)});
    out += io::csv_row({c, against, q, "low95", num(s.low)});
    out += io::csv_row({c, against, q, "high95", num(s.high)});
  };
  const auto q_rows = [&](const std::string& c, const std::string& against, const std::string& q,
                          const Quantiles& x) {
    const std::pair<const char*, double> stats[] = {{"mean", x.mean}, {"q05", x.q05},
                                                    {"q25", x.q25},   {"q50", x.q50},
                                                    {"q75", x.q75},   {"q95", x.q95}};
    for (const auto& [name, v] : stats) out += io::csv_row({c, against, q, name, num(v)});
  };
  for (const CaseSummary& s : r.cases) {
    share_rows(s.label, "", "success", s.success);
    share_rows(s.label, "", "failure", s.failure);
    share_rows(s.label, "", "stalemate", s.stalemate);
    share_rows(s.label, "", "unresolved", s.unresolved);
    share_rows(s.label, "", "criteria_hold", s.meets);
    for (std::size_t i = 0; i < r.outcomes.size(); ++i)
      q_rows(s.label, "", r.outcomes[i], s.outcomes[i]);
  }
  for (const PairedSummary& p : r.paired) {
    const std::string& to = r.cases[static_cast<std::size_t>(p.to_case)].label;
    const std::string& from = r.cases[static_cast<std::size_t>(p.from_case)].label;
    share_rows(to, from, "criteria_hold_only_here", p.to_only);
    share_rows(to, from, "criteria_hold_only_there", p.from_only);
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
      q_rows(to, from, r.outcomes[i] + "_difference", p.difference[i]);
      out += io::csv_row(
          {to, from, r.outcomes[i] + "_difference", "share_lower", num(p.share_lower[i])});
      out += io::csv_row(
          {to, from, r.outcomes[i] + "_difference", "share_higher", num(p.share_higher[i])});
    }
  }
  return out;
}

std::string markdown(const EnsembleReport& r) {
  std::string out = "## Ensemble of " + readable(static_cast<double>(r.worlds)) + " worlds\n\n";
  out += sampling_text(r.sampling) + ", seed " + std::to_string(r.seed) +
         "; every case runs on the same worlds. Criteria (" + r.criteria_origin + "): `" +
         r.criteria + "`.\n\n";
  std::vector<std::vector<std::string>> in = {{"uncertain assumption", "distribution"}};
  for (const WorldInput& i : r.inputs)
    in.push_back({"`" + i.path + "`", "`" + i.distribution + "`"});
  out += io::render_markdown(in, {false, false}) + "\n";
  std::vector<bool> right(r.cases.size() + 1, true);
  right[0] = false;
  out += io::render_markdown(class_rows(r), right) + "\n";
  out += io::render_markdown(quantile_rows(r), right) + "\n";
  for (const PairedSummary& p : r.paired) {
    const std::string& to = r.cases[static_cast<std::size_t>(p.to_case)].label;
    const std::string& from = r.cases[static_cast<std::size_t>(p.from_case)].label;
    out += "### " + to + " against " + from + "\n\n";
    out += "The criteria hold in " + to + " only in " + percent(p.to_only.value) +
           " of worlds, in " + from + " only in " + percent(p.from_only.value) +
           ". What decides it: " + drivers_text(p.drivers, 4) + ".\n\n";
    out += io::render_markdown(difference_rows(r, p), {false, true, true, true}) + "\n";
  }
  return out;
}

std::vector<std::vector<std::string>> option_rows(const DecisionReport& r) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"option", "criteria hold", "success", r.objective + ": 5% / median / 95%", "mean",
                  "mean regret", "90% regret", "max regret", "best in"});
  for (const OptionSummary& o : r.options) {
    rows.push_back({o.label, share_text(o.meets), share_text(o.success), spread(o.objective),
                    readable(o.objective.mean), readable(o.mean_regret), readable(o.p90_regret),
                    readable(o.max_regret), percent(o.best.value)});
  }
  return rows;
}

std::string objective_text(const DecisionReport& r) {
  if (r.objective == "criteria hold") return r.objective + " (1 when they hold, else 0)";
  return r.objective + (r.minimize ? " (lower is better)" : " (higher is better)");
}

std::string decision_table(const DecisionReport& r) {
  const EnsembleReport& e = r.ensemble;
  std::string out = "Decision over " + readable(static_cast<double>(e.worlds)) + " worlds (" +
                    sampling_text(e.sampling) + ", seed " + std::to_string(e.seed) +
                    "), the same worlds for every option\n";
  out += "Objective: " + objective_text(r) + "; criteria (" + e.criteria_origin +
         "): " + e.criteria + "\n";
  out += "Regret: in each world, how far an option falls short of the best option there.\n\n";
  std::vector<bool> right(9, true);
  right[0] = false;
  out += io::render_columns(option_rows(r), right) + "\n";
  const auto name = [&](int i) { return r.options[static_cast<std::size_t>(i)].label; };
  out += "Most robust option\n";
  out +=
      "  by satisficing share (worlds where the criteria hold): " + name(r.by_satisficing) + "\n";
  out += "  by probability of success:                             " + name(r.by_success) + "\n";
  out += "  by expected objective:                                 " + name(r.by_expected) + "\n";
  out += "  by maximum regret:                                     " + name(r.by_max_regret) + "\n";
  if (r.runner_up >= 0 && r.runner_up_share.count == 0) {
    out += "\nThe ranking by satisficing does not change: in no world does " + name(r.runner_up) +
           " (the runner-up) meet the criteria where " + name(r.by_satisficing) + " does not\n";
  } else if (r.runner_up >= 0) {
    out += "\nWhere the ranking changes: " + name(r.runner_up) + " meets the criteria and " +
           name(r.by_satisficing) + " does not in " + percent(r.runner_up_share.value) +
           " of worlds";
    out += r.runner_up_boxes.empty() ? "\n" : ", mostly\n";
    for (const std::string& b : r.runner_up_boxes) out += "  where " + b + "\n";
  }
  out += "\n" + table(e);
  return out;
}

std::string decision_json(const DecisionReport& r) {
  Json doc;
  doc["objective"] = r.objective;
  doc["minimize"] = r.minimize;
  Json options = Json::array();
  for (const OptionSummary& o : r.options) {
    options.push_back(Json{{"label", o.label},
                           {"criteria_hold", share_json(o.meets)},
                           {"success", share_json(o.success)},
                           {"objective", quantiles_json(o.objective)},
                           {"mean_regret", o.mean_regret},
                           {"p90_regret", o.p90_regret},
                           {"max_regret", o.max_regret},
                           {"best_in", share_json(o.best)}});
  }
  doc["options"] = options;
  const auto name = [&](int i) { return r.options[static_cast<std::size_t>(i)].label; };
  doc["most_robust"] = Json{{"satisficing", name(r.by_satisficing)},
                            {"success", name(r.by_success)},
                            {"expected", name(r.by_expected)},
                            {"max_regret", name(r.by_max_regret)}};
  if (r.runner_up >= 0) {
    doc["ranking_changes"] = Json{{"runner_up", name(r.runner_up)},
                                  {"leader", name(r.by_satisficing)},
                                  {"share", share_json(r.runner_up_share)},
                                  {"boxes", r.runner_up_boxes}};
  }
  doc["ensemble"] = Json::parse(json(r.ensemble));
  return doc.dump(2) + "\n";
}

std::string decision_csv(const DecisionReport& r) {
  std::string out = io::csv_row({"option", "criteria_hold", "success", "objective_mean",
                                 "objective_q05", "objective_q50", "objective_q95", "mean_regret",
                                 "p90_regret", "max_regret", "best_in"});
  const auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string(buf);
  };
  for (const OptionSummary& o : r.options) {
    out +=
        io::csv_row({o.label, num(o.meets.value), num(o.success.value), num(o.objective.mean),
                     num(o.objective.q05), num(o.objective.q50), num(o.objective.q95),
                     num(o.mean_regret), num(o.p90_regret), num(o.max_regret), num(o.best.value)});
  }
  return out;
}

std::string decision_markdown(const DecisionReport& r) {
  std::string out = "## Decision over " + readable(static_cast<double>(r.ensemble.worlds)) +
                    " worlds\n\nObjective: " + objective_text(r) + ". Criteria: `" +
                    r.ensemble.criteria + "`.\n\n";
  std::vector<bool> right(9, true);
  right[0] = false;
  out += io::render_markdown(option_rows(r), right) + "\n";
  const auto name = [&](int i) { return r.options[static_cast<std::size_t>(i)].label; };
  out += "Most robust: by satisficing share **" + name(r.by_satisficing) +
         "**, by probability of success **" + name(r.by_success) + "**, by expected objective **" +
         name(r.by_expected) + "**, by maximum regret **" + name(r.by_max_regret) + "**.\n\n";
  return out + markdown(r.ensemble);
}

}  // namespace

std::string format_ensemble(const EnsembleReport& report, EnsembleFormat format) {
  switch (format) {
    case EnsembleFormat::kJson:
      return json(report);
    case EnsembleFormat::kCsv:
      return csv(report);
    case EnsembleFormat::kMarkdown:
      return markdown(report);
    case EnsembleFormat::kTable:
      break;
  }
  return table(report);
}

std::string format_decision(const DecisionReport& report, EnsembleFormat format) {
  switch (format) {
    case EnsembleFormat::kJson:
      return decision_json(report);
    case EnsembleFormat::kCsv:
      return decision_csv(report);
    case EnsembleFormat::kMarkdown:
      return decision_markdown(report);
    case EnsembleFormat::kTable:
      break;
  }
  return decision_table(report);
}

}  // namespace sandtable
