// Writers for `sandtable compare`: an aligned table for the terminal, JSON,
// CSV and Markdown for reports.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/compare.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

using Json = nlohmann::ordered_json;
using analysis::readable;
using analysis::signed_readable;

double difference(const OutcomeRow& row, std::size_t k) {
  if (!row.values[0] || !row.values[k]) return std::nan("");
  return *row.values[k] - *row.values[0];
}

std::string header_text(const Comparison& c) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < c.files.size(); ++k)
    rows.push_back({c.labels[k], c.files[k], c.names[k]});
  return "Comparing " + std::to_string(c.files.size()) + " cases\n" +
         io::render_columns(rows, {}, "  ");
}

// Long values (whole blocks) cut for the terminal; JSON and CSV keep them.
std::string cut(const std::string& text) {
  constexpr std::size_t kMax = 48;
  return text.size() <= kMax ? text : text.substr(0, kMax - 3) + "...";
}

std::string assumptions_text(const Comparison& c, int width) {
  std::string out = "\nAssumptions that differ (" + std::to_string(c.assumptions.size()) + ")\n";
  if (c.assumptions.empty()) return out + "  none: the cases are the same model input\n";
  std::vector<std::string> head{"key"};
  for (const std::string& l : c.labels) head.push_back(l);
  for (const std::string& l : c.labels) head.push_back("set by (" + l + ")");
  std::vector<std::vector<std::string>> rows{head};
  for (const AssumptionDiff& d : c.assumptions) {
    std::vector<std::string> row{d.path};
    for (const std::string& v : d.values) row.push_back(cut(v));
    row.insert(row.end(), d.sources.begin(), d.sources.end());
    rows.push_back(std::move(row));
  }
  return out + io::render_columns(rows, {}, "  ", width);
}

// The outcome grid shared by the table and Markdown: a header, then per
// outcome its value in each case and the difference to the first case
// (`diff_header(k)` names the difference column of case k).
template <class DiffHeader>
std::vector<std::vector<std::string>> outcome_grid(const Comparison& c, DiffHeader diff_header,
                                                   std::vector<bool>& right) {
  std::vector<std::string> head{"outcome", c.labels[0]};
  right = {false, true};
  for (std::size_t k = 1; k < c.labels.size(); ++k) {
    head.push_back(c.labels[k]);
    head.push_back(diff_header(k));
    right.insert(right.end(), {true, true});
  }
  std::vector<std::vector<std::string>> rows{head};
  for (const OutcomeRow& r : c.outcomes) {
    std::vector<std::string> row{r.name, r.values[0] ? readable(*r.values[0]) : "-"};
    for (std::size_t k = 1; k < r.values.size(); ++k) {
      row.push_back(r.values[k] ? readable(*r.values[k]) : "-");
      row.push_back(signed_readable(difference(r, k)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string outcomes_text(const Comparison& c, int width) {
  std::vector<bool> right;
  const auto rows = outcome_grid(
      c,
      [&](std::size_t k) {
        return c.labels.size() > 2 ? "diff (" + c.labels[k] + ")" : std::string("difference");
      },
      right);
  return "\nOutcomes (" + std::to_string(c.outcomes.size()) + ")\n" +
         io::render_columns(rows, right, "  ", width);
}

// Players in decreasing size of their contribution to outcome o.
std::vector<std::size_t> ranked(const Attribution& at, std::size_t o) {
  std::vector<std::size_t> order(at.players.size());
  for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::abs(at.players[x].values[o]) > std::abs(at.players[y].values[o]);
  });
  return order;
}

// "mainly because of X (+0.6), despite Y (-0.1)"
std::string explanation(const Attribution& at, std::size_t o) {
  const double total = at.to_values[o] - at.from_values[o];
  const std::vector<std::size_t> order = ranked(at, o);
  std::string because;
  std::string despite;
  for (const std::size_t p : order) {
    const double v = at.players[p].values[o];
    if (readable(v) == "0") continue;
    const bool with = (total >= 0.0) == (v > 0.0);
    std::string& slot = with ? because : despite;
    if (slot.empty()) slot = at.players[p].player + " (" + signed_readable(v) + ")";
  }
  std::string out;
  if (total != 0.0 && !because.empty()) out += ", mainly because of " + because;
  if (total != 0.0 && !despite.empty()) out += ", despite " + despite;
  if (total == 0.0 && (!because.empty() || !despite.empty())) out += ", contributions cancel";
  return out;
}

std::string attribution_text(const Comparison& c, const Attribution& at, int top) {
  std::string out =
      "\nBy " +
      std::string(at.kind == "assumptions" ? "assumption" : "mechanism (the state at D-day)");
  out += ": " + c.labels[static_cast<std::size_t>(at.to_case)] + " against " +
         c.labels[static_cast<std::size_t>(at.from_case)] + "\n";
  if (!at.available) return out + "  not available: " + at.reason + "\n";
  out += "  " + at.method() + "\n";
  if (at.players.empty()) return out + "  nothing differs: every difference is 0\n";
  if (at.players.size() == 1) {
    return out + "  all of every difference comes from " + at.players[0].player + " (" +
           at.players[0].change + ")\n";
  }
  for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
    const double total = at.to_values[o] - at.from_values[o];
    out += "  " + at.outcomes[o] + ": " + readable(at.from_values[o]) + " -> " +
           readable(at.to_values[o]) + " (" + signed_readable(total) + ")" + explanation(at, o) +
           "\n";
    std::vector<std::vector<std::string>> rows;
    double rest = 0.0;
    int rest_count = 0;
    for (const std::size_t p : ranked(at, o)) {
      const Contribution& pl = at.players[p];
      if (static_cast<int>(rows.size()) < top && readable(pl.values[o]) != "0") {
        rows.push_back({signed_readable(pl.values[o]), pl.player,
                        pl.change.size() > 96 ? cut(pl.from) + " -> " + cut(pl.to) : pl.change});
      } else if (readable(pl.values[o]) != "0") {
        rest += pl.values[o];
        ++rest_count;
      }
    }
    if (rest_count > 0) {
      rows.push_back({signed_readable(rest),
                      std::to_string(rest_count) + (rest_count == 1 ? " other" : " others"), ""});
    }
    out += io::render_columns(rows, {true, false, false}, "      ");
  }
  return out;
}

std::string format_table(const Comparison& c, int top, int width) {
  std::string out = header_text(c) + assumptions_text(c, width) + outcomes_text(c, width);
  if (!c.attributions.empty())
    out += "\nWhy the outcomes differ (Shapley contributions add up to each difference)\n";
  for (const Attribution& at : c.attributions) out += attribution_text(c, at, top);
  return out;
}

Json attribution_json(const Comparison& c, const Attribution& at) {
  Json j;
  j["kind"] = at.kind;
  j["from"] = c.labels[static_cast<std::size_t>(at.from_case)];
  j["to"] = c.labels[static_cast<std::size_t>(at.to_case)];
  j["available"] = at.available;
  if (!at.available) {
    j["reason"] = at.reason;
    return j;
  }
  j["method"] = at.method();
  j["exact"] = at.exact;
  j["runs"] = at.runs;
  if (!at.exact) {
    j["permutations"] = at.permutations;
    j["seed"] = at.seed;
  }
  j["outcomes"] = Json::array();
  for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
    Json jo;
    jo["name"] = at.outcomes[o];
    jo["from"] = at.from_values[o];
    jo["to"] = at.to_values[o];
    jo["difference"] = at.to_values[o] - at.from_values[o];
    jo["contributions"] = Json::array();
    for (const Contribution& p : at.players) {
      jo["contributions"].push_back(
          {{"player", p.player}, {"from", p.from}, {"to", p.to}, {"value", p.values[o]}});
    }
    j["outcomes"].push_back(std::move(jo));
  }
  return j;
}

std::string format_json(const Comparison& c) {
  Json j;
  j["cases"] = Json::array();
  for (std::size_t k = 0; k < c.files.size(); ++k) {
    j["cases"].push_back({{"label", c.labels[k]}, {"file", c.files[k]}, {"name", c.names[k]}});
  }
  j["assumptions"] = Json::array();
  for (const AssumptionDiff& d : c.assumptions) {
    j["assumptions"].push_back({{"path", d.path}, {"values", d.values}, {"sources", d.sources}});
  }
  j["outcomes"] = Json::array();
  for (const OutcomeRow& r : c.outcomes) {
    Json values = Json::array();
    Json differences = Json::array();
    for (std::size_t k = 0; k < r.values.size(); ++k) {
      values.push_back(r.values[k] ? Json(*r.values[k]) : Json(nullptr));
      const double d = difference(r, k);
      differences.push_back(k == 0 || std::isnan(d) ? Json(nullptr) : Json(d));
    }
    j["outcomes"].push_back({{"name", r.name}, {"values", values}, {"differences", differences}});
  }
  j["attributions"] = Json::array();
  for (const Attribution& at : c.attributions) j["attributions"].push_back(attribution_json(c, at));
  return j.dump(2) + "\n";
}

std::string format_csv(const Comparison& c) {
  using io::csv_row;
  using util::format_double;
  std::string out = csv_row({"section", "name", "case", "value", "difference", "detail"});
  for (const AssumptionDiff& d : c.assumptions) {
    for (std::size_t k = 0; k < c.labels.size(); ++k) {
      out += csv_row({"assumption", d.path, c.labels[k], d.values[k], "", d.sources[k]});
    }
  }
  for (const OutcomeRow& r : c.outcomes) {
    for (std::size_t k = 0; k < c.labels.size(); ++k) {
      const double d = difference(r, k);
      out +=
          csv_row({"outcome", r.name, c.labels[k], r.values[k] ? format_double(*r.values[k]) : "",
                   k == 0 || std::isnan(d) ? "" : format_double(d), ""});
    }
  }
  for (const Attribution& at : c.attributions) {
    const std::string section = "attribution." + at.kind;
    const std::string& label = c.labels[static_cast<std::size_t>(at.to_case)];
    if (!at.available) {
      out += csv_row({section, "", label, "", "", "not available: " + at.reason});
      continue;
    }
    out += csv_row({section, "", label, "", "", at.method()});
    for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
      out += csv_row({section, at.outcomes[o], label, "",
                      format_double(at.to_values[o] - at.from_values[o]), "(total)"});
      for (const Contribution& p : at.players) {
        out += csv_row({section, at.outcomes[o], label, format_double(p.values[o]), "", p.player});
      }
    }
  }
  return out;
}

std::string attribution_markdown(const Comparison& c, const Attribution& at) {
  std::string out = "\n### By " +
                    std::string(at.kind == "assumptions" ? "assumption" : "mechanism") + ": " +
                    c.labels[static_cast<std::size_t>(at.to_case)] + " against " +
                    c.labels[static_cast<std::size_t>(at.from_case)] + "\n\n";
  if (!at.available) return out + "Not available: " + at.reason + "\n";
  out += at.method() + ". Each column adds up to its total.\n\n";
  std::vector<std::vector<std::string>> rows{{"player", "from", "to"}};
  std::vector<bool> right{false, false, false};
  for (const std::string& o : at.outcomes) {
    rows[0].push_back(o);
    right.push_back(true);
  }
  std::vector<std::string> total{"**total**", "", ""};
  for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
    total.push_back(signed_readable(at.to_values[o] - at.from_values[o]));
  }
  rows.push_back(total);
  for (const Contribution& p : at.players) {
    std::vector<std::string> row{p.player, p.from, p.to};
    for (const double v : p.values) row.push_back(signed_readable(v));
    rows.push_back(std::move(row));
  }
  return out + io::render_markdown(rows, right);
}

std::string format_markdown(const Comparison& c) {
  std::string out = "## Comparison\n\n";
  std::vector<std::vector<std::string>> cases{{"case", "file", "scenario"}};
  for (std::size_t k = 0; k < c.files.size(); ++k)
    cases.push_back({c.labels[k], c.files[k], c.names[k]});
  out += io::render_markdown(cases, {}) + "\n### Assumptions that differ\n\n";
  std::vector<std::vector<std::string>> rows{{"key"}};
  for (const std::string& l : c.labels) rows[0].push_back(l);
  for (const std::string& l : c.labels) rows[0].push_back("set by (" + l + ")");
  for (const AssumptionDiff& d : c.assumptions) {
    std::vector<std::string> row{"`" + d.path + "`"};
    row.insert(row.end(), d.values.begin(), d.values.end());
    row.insert(row.end(), d.sources.begin(), d.sources.end());
    rows.push_back(std::move(row));
  }
  out += (c.assumptions.empty() ? std::string("None.\n") : io::render_markdown(rows, {})) +
         "\n### Outcomes\n\n";
  std::vector<bool> right;
  rows = outcome_grid(
      c, [&](std::size_t k) { return "difference (" + c.labels[k] + ")"; }, right);
  out += io::render_markdown(rows, right);
  for (const Attribution& at : c.attributions) out += attribution_markdown(c, at);
  return out;
}

}  // namespace

std::string format_comparison(const Comparison& comparison, CompareFormat format, int top,
                              int width) {
  switch (format) {
    case CompareFormat::kJson:
      return format_json(comparison);
    case CompareFormat::kCsv:
      return format_csv(comparison);
    case CompareFormat::kMarkdown:
      return format_markdown(comparison);
    case CompareFormat::kTable:
      break;
  }
  return format_table(comparison, top, width);
}

}  // namespace sandtable
