// Calibration on recorded battles (sandtable/fit.hpp, docs/calibration.md).
#include "sandtable/fit.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "sandtable/cluster.hpp"
#include "sandtable/model.hpp"
#include "sandtable/parameters.hpp"
#include "util/assert.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

double grade_weight(Grade g) {
  switch (g) {
    case Grade::kA:
      return 1.0;
    case Grade::kB:
      return 0.5;
    case Grade::kC:
      return 0.25;
  }
  return 0.25;
}

// Durations count fully, casualties and displaced civilians half; other
// figures are reported but not fitted.
double kind_weight(const std::string& name) {
  if (name == "duration_days") return 1.0;
  if (name == "civilians_displaced") return 0.5;
  const std::string tail = "_casualties";
  const bool casualties =
      name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  return casualties ? 0.5 : 0.0;
}

constexpr double kOutcomePenalty = 1.0;

// Appends the case's residuals: one per observed figure, then the outcome's
// (smooth: only the figures).
void residuals(const ValidationCase& c, std::vector<double>& out, bool with_outcome) {
  for (const ValidationValue& v : c.values) {
    const double w = v.beyond_city ? 0.0 : grade_weight(v.grade) * kind_weight(v.name);
    out.push_back(std::sqrt(w) * v.log_error);
  }
  // A daily series weighs as one figure of its grade: each day's log error
  // divided by the square root of its days, so a long series does not swamp
  // the point observations (docs/calibration.md).
  for (const SeriesScore& x : c.series) {
    const double w = std::sqrt(grade_weight(x.grade) / std::max(1, x.days));
    for (double e : x.log_errors) out.push_back(w * e);
  }
  if (with_outcome) {
    const bool wrong = c.outcome_known && !c.outcome_right;
    out.push_back(wrong ? std::sqrt(kOutcomePenalty * grade_weight(c.outcome_grade)) : 0.0);
  }
}

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double uniform(std::uint64_t& state) {
  return static_cast<double>(splitmix(state) >> 11) * (1.0 / 9007199254740992.0);
}

bool log_scale(const FreeParameter& f) { return f.low > 0.0 && f.high / f.low >= 10.0; }

double to_value(const FreeParameter& f, double u) {
  u = std::clamp(u, 0.0, 1.0);
  return log_scale(f) ? f.low * std::exp(u * std::log(f.high / f.low))
                      : f.low + u * (f.high - f.low);
}

double to_unit(const FreeParameter& f, double v) {
  v = std::clamp(v, f.low, f.high);
  if (f.high == f.low) return 0.5;
  return log_scale(f) ? std::log(v / f.low) / std::log(f.high / f.low)
                      : (v - f.low) / (f.high - f.low);
}

double dvalue_du(const FreeParameter& f, double u) {
  return log_scale(f) ? to_value(f, u) * std::log(f.high / f.low) : f.high - f.low;
}

// A scored case as bytes and back, so that the cases of an evaluation can
// run on other MPI ranks (native byte order: one program on every rank).
class CaseWriter {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    out_ += text;
  }
  void put(const std::vector<double>& v) {
    put<std::uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class CaseReader {
 public:
  explicit CaseReader(const std::string& in) : in_(in) {}
  template <class T>
  void get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    SANDTABLE_ASSERT(in_.size() - at_ >= sizeof v, "a scored case decodes");
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
  }
  void get(std::string& text) {
    const std::size_t n = count(1);
    text.assign(in_, at_, n);
    at_ += n;
  }
  void get(std::vector<double>& v) {
    v.resize(count(sizeof(double)));
    std::memcpy(v.data(), in_.data() + at_, v.size() * sizeof(double));
    at_ += v.size() * sizeof(double);
  }
  std::size_t count(std::size_t each) {
    std::uint64_t n = 0;
    get(n);
    SANDTABLE_ASSERT(n <= (in_.size() - at_) / each, "a scored case decodes");
    return static_cast<std::size_t>(n);
  }
  [[nodiscard]] bool done() const { return at_ == in_.size(); }

 private:
  const std::string& in_;
  std::size_t at_ = 0;
};

std::string encode_case(const ValidationCase& c) {
  CaseWriter w;
  w.put(c.file);
  w.put(c.name);
  w.put(c.observed);
  w.put(c.outcome_grade);
  w.put(c.predicted);
  w.put(c.reason);
  w.put(c.outcome_known);
  w.put(c.outcome_right);
  w.put<std::uint64_t>(c.values.size());
  for (const ValidationValue& v : c.values) {
    w.put(v.name);
    w.put(v.predicted);
    w.put(v.low);
    w.put(v.high);
    w.put(v.grade);
    w.put(v.log_error);
    w.put(v.lower_bound);
    w.put(v.beyond_city);
  }
  w.put<std::uint64_t>(c.series.size());
  for (const SeriesScore& s : c.series) {
    w.put(s.name);
    w.put(s.grade);
    w.put(s.days);
    w.put(s.rms_log_error);
    w.put(s.worst_day);
    w.put(s.worst_log_error);
    w.put(s.log_errors);
  }
  return w.take();
}

ValidationCase decode_case(const std::string& bytes) {
  ValidationCase c;
  CaseReader r(bytes);
  r.get(c.file);
  r.get(c.name);
  r.get(c.observed);
  r.get(c.outcome_grade);
  r.get(c.predicted);
  r.get(c.reason);
  r.get(c.outcome_known);
  r.get(c.outcome_right);
  c.values.resize(r.count(1));
  for (ValidationValue& v : c.values) {
    r.get(v.name);
    r.get(v.predicted);
    r.get(v.low);
    r.get(v.high);
    r.get(v.grade);
    r.get(v.log_error);
    r.get(v.lower_bound);
    r.get(v.beyond_city);
  }
  c.series.resize(r.count(1));
  for (SeriesScore& s : c.series) {
    r.get(s.name);
    r.get(s.grade);
    r.get(s.days);
    r.get(s.rms_log_error);
    r.get(s.worst_day);
    r.get(s.worst_log_error);
    r.get(s.log_errors);
  }
  SANDTABLE_ASSERT(r.done(), "a scored case decodes to its end");
  return c;
}

// The cases, each with its own copy of the scenario and references to its
// free parameters, so that cases can run on different threads.
class Problem {
 public:
  Problem(const std::vector<LoadedScenario>& cases, const std::vector<FreeParameter>& free,
          int threads)
      : free_(free), cases_(cases), threads_(threads) {}

  bool prepare(Diagnostics& errors) {
    refs_.resize(cases_.size());
    series_.assign(cases_.size(), {});
    for (std::size_t i = 0; i < cases_.size(); ++i) {
      LoadedScenario& c = cases_[i];
      if (!c.scenario.observed) {
        errors.add(SourceLocation{c.source_path, 0, 0}, "observed",
                   "the case has no observed block: nothing to fit to",
                   "add an observed: block with the outcome and the figures that are known");
        continue;
      }
      read_observed_series(c, series_[i], errors);
      for (const FreeParameter& f : free_) {
        Diagnostic error;
        auto ref = ParameterRef::resolve(c.scenario, f.path, error);
        if (!ref) {
          error.where = SourceLocation{c.source_path, 0, 0};
          errors.add(error);
          continue;
        }
        if (ref->info().kind != ParameterKind::kNumber) {
          errors.add(SourceLocation{c.source_path, 0, 0}, f.path,
                     "a free coefficient must be a number; this key is not",
                     "fit numeric model coefficients such as model.advance.max_km_per_day");
          continue;
        }
        const double original = ref->get();
        if (i == 0) starts_.push_back(original);
        for (double v : {f.low, f.high}) {
          const std::string bad = ref->set(v);
          if (!bad.empty()) {
            errors.add(SourceLocation{"<--free>", 0, 0}, f.path,
                       "the range " + util::format_double(f.low) + ".." +
                           util::format_double(f.high) + " leaves the key's range: " + bad);
            break;
          }
        }
        (void)ref->set(original);
        refs_[i].push_back(*ref);
      }
    }
    return errors.empty();
  }

  [[nodiscard]] std::size_t size() const { return cases_.size(); }
  [[nodiscard]] const std::vector<FreeParameter>& free() const { return free_; }
  [[nodiscard]] const std::vector<double>& start_values() const { return starts_; }
  [[nodiscard]] const LoadedScenario& loaded(std::size_t i) const { return cases_[i]; }
  [[nodiscard]] int evaluations() const { return evaluations_; }

  // Scores the cases in `which` (indices, repeats allowed) at unit point u.
  std::vector<ValidationCase> score(const std::vector<double>& u,
                                    const std::vector<std::size_t>& which) {
    ++evaluations_;
    std::vector<std::size_t> distinct = which;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    // Shared among threads and, in an MPI job, among ranks: every rank runs
    // the same optimiser and gets every case's score.
    const auto work = [&](std::uint64_t first, std::uint64_t count, std::string* bytes) {
      for (std::uint64_t j = 0; j < count; ++j) {
        const std::size_t i = distinct[first + j];
        for (std::size_t k = 0; k < free_.size(); ++k) {
          (void)refs_[i][k].set(to_value(free_[k], u[k]));
        }
        RunOptions o;
        o.record_daily = !series_[i].empty();
        o.record_timeline = false;
        bytes[j] = encode_case(validate_case(cases_[i], run(cases_[i].scenario, o), series_[i]));
      }
    };
    const std::vector<std::string> bytes = cluster_map(distinct.size(), threads_, work);
    std::vector<ValidationCase> scored(cases_.size());
    for (std::size_t j = 0; j < distinct.size(); ++j) scored[distinct[j]] = decode_case(bytes[j]);
    std::vector<ValidationCase> out;
    out.reserve(which.size());
    for (std::size_t i : which) out.push_back(scored[i]);
    return out;
  }

  double objective(const std::vector<double>& u, const std::vector<std::size_t>& which) {
    return fit_objective(score(u, which));
  }

  std::vector<double> smooth_residuals(const std::vector<double>& u,
                                       const std::vector<std::size_t>& which) {
    std::vector<double> r;
    for (const ValidationCase& c : score(u, which)) residuals(c, r, false);
    return r;
  }

 private:
  std::vector<FreeParameter> free_;
  std::vector<LoadedScenario> cases_;
  std::vector<std::vector<ParameterRef>> refs_;
  std::vector<double> starts_;
  int threads_;
  std::vector<std::vector<SeriesData>> series_;  // per case: its observed daily series
  int evaluations_ = 0;
};

struct Point {
  std::vector<double> u;
  double f = 0.0;
};

// Nelder-Mead in the unit cube (points clamped into it).
Point nelder_mead(const std::function<double(const std::vector<double>&)>& fun,
                  const std::vector<double>& start, int max_evaluations) {
  const std::size_t n = start.size();
  const auto clamp = [](std::vector<double> x) {
    for (double& v : x) v = std::clamp(v, 0.0, 1.0);
    return x;
  };
  std::vector<Point> s;
  s.push_back({clamp(start), 0.0});
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> x = start;
    x[i] += x[i] < 0.85 ? 0.15 : -0.15;
    s.push_back({clamp(x), 0.0});
  }
  int evals = 0;
  for (Point& p : s) {
    p.f = fun(p.u);
    ++evals;
  }
  const auto by_f = [](const Point& a, const Point& b) { return a.f < b.f; };
  while (evals < max_evaluations) {
    std::stable_sort(s.begin(), s.end(), by_f);
    double size = 0.0;
    for (std::size_t i = 1; i <= n; ++i) {
      for (std::size_t k = 0; k < n; ++k) size = std::max(size, std::fabs(s[i].u[k] - s[0].u[k]));
    }
    if (s[n].f - s[0].f <= 1e-10 * (1.0 + std::fabs(s[0].f)) && size < 1e-6) break;
    std::vector<double> c(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < n; ++k) c[k] += s[i].u[k] / static_cast<double>(n);
    }
    const auto along = [&](double t) {
      std::vector<double> x(n);
      for (std::size_t k = 0; k < n; ++k) x[k] = c[k] + t * (s[n].u[k] - c[k]);
      return clamp(x);
    };
    Point r{along(-1.0), 0.0};
    r.f = fun(r.u);
    ++evals;
    if (r.f < s[0].f) {
      Point e{along(-2.0), 0.0};
      e.f = fun(e.u);
      ++evals;
      s[n] = e.f < r.f ? e : r;
    } else if (r.f < s[n - 1].f) {
      s[n] = r;
    } else {
      Point k{along(r.f < s[n].f ? -0.5 : 0.5), 0.0};
      k.f = fun(k.u);
      ++evals;
      if (k.f < std::min(r.f, s[n].f)) {
        s[n] = k;
      } else {
        for (std::size_t i = 1; i <= n; ++i) {
          for (std::size_t d = 0; d < n; ++d) s[i].u[d] = s[0].u[d] + 0.5 * (s[i].u[d] - s[0].u[d]);
          s[i].f = fun(s[i].u);
          ++evals;
        }
      }
    }
  }
  std::stable_sort(s.begin(), s.end(), by_f);
  return s[0];
}

// Levenberg-Marquardt on the smooth residuals, from `start`; numerical
// derivatives in the unit cube.
struct SmoothFunctor {
  using Scalar = double;
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;
  // Eigen's functor interface names these; NOLINTNEXTLINE(readability-identifier-naming)
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };

  Problem* problem;
  const std::vector<std::size_t>* which;
  int n_inputs;
  int n_values;

  [[nodiscard]] int inputs() const { return n_inputs; }
  [[nodiscard]] int values() const { return n_values; }
  int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& fvec) const {
    std::vector<double> u(x.data(), x.data() + x.size());
    for (double& v : u) v = std::clamp(v, 0.0, 1.0);
    const std::vector<double> r = problem->smooth_residuals(u, *which);
    for (int i = 0; i < n_values; ++i) fvec[i] = r[static_cast<std::size_t>(i)];
    return 0;
  }
};

Point polish(Problem& problem, const std::vector<std::size_t>& which, const Point& start) {
  const int k = static_cast<int>(start.u.size());
  const int m = static_cast<int>(problem.smooth_residuals(start.u, which).size());
  if (m < 1) return start;
  SmoothFunctor f{&problem, &which, k, m};
  Eigen::NumericalDiff<SmoothFunctor> diff(f, 1e-6);
  Eigen::LevenbergMarquardt<Eigen::NumericalDiff<SmoothFunctor>> lm(diff);
  lm.parameters.maxfev = 60 * (static_cast<Eigen::Index>(k) + 1);
  Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(start.u.data(), k);
  lm.minimize(x);
  Point p{std::vector<double>(x.data(), x.data() + k), 0.0};
  for (double& v : p.u) v = std::clamp(v, 0.0, 1.0);
  p.f = problem.objective(p.u, which);
  return p.f < start.f ? p : start;
}

Point optimise(Problem& problem, const std::vector<std::size_t>& which,
               const std::vector<std::vector<double>>& starts, int evaluations, bool lm) {
  const auto fun = [&](const std::vector<double>& u) { return problem.objective(u, which); };
  Point best;
  best.f = std::numeric_limits<double>::infinity();
  for (const std::vector<double>& s : starts) {
    const Point p = nelder_mead(fun, s, evaluations);
    if (p.f < best.f) best = p;
  }
  return lm ? polish(problem, which, best) : best;
}

}  // namespace

double fit_objective(const std::vector<ValidationCase>& cases) {
  double sum = 0.0;
  std::vector<double> r;
  for (const ValidationCase& c : cases) {
    r.clear();
    residuals(c, r, true);
    for (double x : r) sum += x * x;
  }
  return sum;
}

std::optional<FreeParameter> parse_free_parameter(const std::string& text, std::string& error) {
  const std::size_t eq = text.find('=');
  const std::size_t dots = text.find("..", eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || eq == 0 || dots == std::string::npos) {
    error =
        "expected path=low..high (e.g. model.advance.max_km_per_day=0.05..0.5), got '" + text + "'";
    return std::nullopt;
  }
  FreeParameter f;
  f.path = text.substr(0, eq);
  const auto low = util::parse_double(text.substr(eq + 1, dots - eq - 1));
  const auto high = util::parse_double(text.substr(dots + 2));
  if (!low || !high) {
    error = f.path + ": the range bounds must be numbers, got '" + text.substr(eq + 1) + "'";
    return std::nullopt;
  }
  if (!(*low < *high)) {
    error = f.path + ": the range " + text.substr(eq + 1) +
            " is empty; give a low bound below the high bound";
    return std::nullopt;
  }
  f.low = *low;
  f.high = *high;
  return f;
}

bool parse_free_parameters(const std::vector<std::string>& texts, std::vector<FreeParameter>& out,
                           std::string& error) {
  std::vector<FreeParameter> parsed = out;
  for (const std::string& text : texts) {
    auto f = parse_free_parameter(text, error);
    if (!f) return false;
    for (const FreeParameter& seen : parsed) {
      if (seen.path == f->path) {
        error = f->path + " is free twice; give it once";
        return false;
      }
    }
    parsed.push_back(*f);
  }
  out = std::move(parsed);
  return true;
}

std::optional<FitResult> fit(const std::vector<LoadedScenario>& cases, const FitOptions& options,
                             Diagnostics& errors) {
  if (options.free.empty()) {
    errors.add(SourceLocation{}, "--free", "no free coefficient to fit",
               "give at least one --free path=low..high");
    return std::nullopt;
  }
  if (cases.empty()) {
    errors.add(SourceLocation{}, "cases", "no case to fit to", "give the corpus' scenario files");
    return std::nullopt;
  }
  Problem problem(cases, options.free, options.threads);  // 0: cluster_map's default
  if (!problem.prepare(errors)) return std::nullopt;
  const std::size_t n = problem.size();
  const std::size_t k = options.free.size();
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;

  FitResult r;
  std::string hashes;
  for (std::size_t i = 0; i < n; ++i) hashes += scenario_hash(problem.loaded(i).scenario) + "\n";
  r.corpus_hash = util::sha256_hex(hashes);

  // Starts: the scenario's values, then seeded points in the cube.
  std::vector<std::vector<double>> starts;
  std::vector<double> first(k);
  for (std::size_t j = 0; j < k; ++j) {
    first[j] = to_unit(options.free[j], problem.start_values()[j]);
  }
  starts.push_back(first);
  std::uint64_t state = options.seed;
  for (int s = 1; s < std::max(1, options.starts); ++s) {
    std::vector<double> u(k);
    for (double& v : u) v = uniform(state);
    starts.push_back(u);
  }
  r.objective_start = problem.objective(first, all);
  const Point best = optimise(problem, all, starts, options.evaluations_per_start, true);
  r.objective = best.f;

  // Uncertainty from the Jacobian of the smooth residuals (unit cube).
  const std::vector<double> r0 = problem.smooth_residuals(best.u, all);
  const auto m = static_cast<Eigen::Index>(r0.size());
  Eigen::MatrixXd jac(m, static_cast<Eigen::Index>(k));
  for (std::size_t j = 0; j < k; ++j) {
    const double h = 1e-4;
    std::vector<double> up = best.u;
    std::vector<double> down = best.u;
    up[j] = std::min(1.0, up[j] + h);
    down[j] = std::max(0.0, down[j] - h);
    const std::vector<double> ru = problem.smooth_residuals(up, all);
    const std::vector<double> rd = problem.smooth_residuals(down, all);
    for (Eigen::Index i = 0; i < m; ++i) {
      jac(i, static_cast<Eigen::Index>(j)) =
          (ru[static_cast<std::size_t>(i)] - rd[static_cast<std::size_t>(i)]) / (up[j] - down[j]);
    }
  }
  double ssr = 0.0;
  int informative = 0;
  for (double x : r0) {
    ssr += x * x;
    if (x != 0.0) ++informative;
  }
  (void)informative;
  const double dof = std::max(1.0, static_cast<double>(m) - static_cast<double>(k));
  const Eigen::MatrixXd jtj = jac.transpose() * jac;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(jtj);
  const double largest = eig.eigenvalues().maxCoeff();
  Eigen::MatrixXd cov =
      Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k),
                                std::numeric_limits<double>::quiet_NaN());
  const bool identifiable = largest > 0.0 && eig.eigenvalues().minCoeff() > 1e-10 * largest;
  if (identifiable) cov = (ssr / dof) * jtj.inverse();

  for (std::size_t j = 0; j < k; ++j) {
    FittedParameter fp;
    const FreeParameter& f = options.free[j];
    fp.path = f.path;
    fp.low = f.low;
    fp.high = f.high;
    fp.start = problem.start_values()[j];
    fp.value = to_value(f, best.u[j]);
    const auto jj = static_cast<Eigen::Index>(j);
    fp.standard_error = identifiable ? std::fabs(dvalue_du(f, best.u[j])) * std::sqrt(cov(jj, jj))
                                     : std::numeric_limits<double>::quiet_NaN();
    fp.at_bound = best.u[j] < 1e-6 || best.u[j] > 1.0 - 1e-6;
    if (fp.at_bound) {
      r.warnings.push_back(f.path + " is at a bound of its range (" + util::format_double(f.low) +
                           ".." + util::format_double(f.high) +
                           "): widen the range or read the value as a limit");
    }
    if (jac.col(jj).norm() == 0.0) {
      r.warnings.push_back(f.path +
                           " does not change any observed figure near the estimate: the corpus "
                           "says nothing about it");
    }
    r.parameters.push_back(fp);
  }
  r.correlation.assign(k, std::vector<double>(k, std::numeric_limits<double>::quiet_NaN()));
  if (identifiable) {
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        const auto ia = static_cast<Eigen::Index>(a);
        const auto ib = static_cast<Eigen::Index>(b);
        r.correlation[a][b] = cov(ia, ib) / std::sqrt(cov(ia, ia) * cov(ib, ib));
        if (a < b && std::fabs(r.correlation[a][b]) > 0.95) {
          r.warnings.push_back(options.free[a].path + " and " + options.free[b].path +
                               " trade off (correlation " +
                               util::format_fixed(r.correlation[a][b], 2) +
                               "): the corpus cannot separate them; fix one and fit the other");
        }
      }
    }
  } else {
    r.warnings.push_back(
        "the coefficients are not identifiable together: some combination of them leaves every "
        "observed figure unchanged; fix one of them, or add cases that separate them");
  }

  // Bootstrap over cases, each resample refitted from the estimate.
  if (options.bootstrap > 0) {
    std::vector<std::vector<double>> draws(k);
    std::uint64_t bs = options.seed ^ 0xB0075742ULL;
    for (int b = 0; b < options.bootstrap; ++b) {
      std::vector<std::size_t> sample(n);
      for (std::size_t& i : sample) i = static_cast<std::size_t>(uniform(bs) * n) % n;
      const Point p = optimise(problem, sample, {best.u}, options.evaluations_per_start / 2, false);
      for (std::size_t j = 0; j < k; ++j) draws[j].push_back(to_value(options.free[j], p.u[j]));
    }
    for (std::size_t j = 0; j < k; ++j) {
      double mean = 0.0;
      for (double v : draws[j]) mean += v / static_cast<double>(draws[j].size());
      double var = 0.0;
      for (double v : draws[j]) var += (v - mean) * (v - mean);
      r.parameters[j].bootstrap_sd =
          draws[j].size() > 1 ? std::sqrt(var / static_cast<double>(draws[j].size() - 1)) : 0.0;
    }
  }

  // Leave one out: each case predicted by a fit on the others.
  if (options.leave_one_out && n > 1) {
    Validation loo;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> rest;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) rest.push_back(j);
      }
      const Point p = optimise(problem, rest, {best.u}, options.evaluations_per_start / 2, false);
      loo.cases.push_back(problem.score(p.u, {i})[0]);
    }
    loo.summary = summarize(loo.cases);
    r.leave_one_out = loo;
  }

  r.fitted.cases = problem.score(best.u, all);
  r.fitted.summary = summarize(r.fitted.cases);
  r.evaluations = problem.evaluations();
  return r;
}

}  // namespace sandtable
