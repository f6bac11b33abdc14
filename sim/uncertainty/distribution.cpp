// The mathematics of the distributions: support after truncation, quantile,
// CDF, mean and variance, and the canonical text.
#include "uncertainty/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sandtable/date.hpp"
#include "uncertainty/special.hpp"
#include "util/det_math.hpp"
#include "util/text.hpp"

namespace sandtable::uncertainty {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Where an end of the support is unbounded (an untruncated normal tail, the
// lognormal near 0), u is held this far inside (0, 1): the values stay
// finite, about 6 standard deviations out.
constexpr double kTailUnit = 1e-9;

std::string key_text(double v, ParameterKind kind, const std::vector<std::string>& names) {
  switch (kind) {
    case ParameterKind::kInteger:
      return std::to_string(static_cast<long long>(v));
    case ParameterKind::kDate:
      return Date::from_days(static_cast<int>(v)).to_string();
    case ParameterKind::kBoolean:
    case ParameterKind::kChoice: {
      const auto i = static_cast<std::size_t>(v);
      return i < names.size() ? names[i] : util::format_double(v);
    }
    case ParameterKind::kNumber:
    case ParameterKind::kText:
      break;
  }
  return util::format_double(v);
}

}  // namespace

// The support after truncation to the key's range, the CDF at its ends and
// the bounds that rounding to whole numbers keeps to.
bool Distribution::set_support(const ParameterInfo& info) {
  double key_low = info.min ? *info.min : -kInf;
  const double key_high = info.max ? *info.max : kInf;
  if (info.min && info.min_exclusive && info.kind == ParameterKind::kNumber)
    key_low = std::nextafter(key_low, kInf);
  round_low_ = key_low;
  round_high_ = key_high;
  if (info.kind != ParameterKind::kNumber) {
    round_low_ = info.min
                     ? (info.min_exclusive ? std::floor(*info.min) + 1.0 : std::ceil(*info.min))
                     : -kInf;
    round_high_ = info.max ? std::floor(*info.max) : kInf;
  }
  switch (kind_) {
    case DistributionKind::kUniform:
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      low_ = args_.front();
      high_ = args_.back();
      if (kind_ == DistributionKind::kPert) {
        const double span = high_ - low_;
        alpha_ = 1.0 + 4.0 * (args_[1] - low_) / span;
        beta_ = 1.0 + 4.0 * (high_ - args_[1]) / span;
      }
      return true;
    case DistributionKind::kNormal:
      low_ = key_low;
      high_ = key_high;
      center_ = args_[0];
      scale_ = args_[1];
      z_low_ = low_ == -kInf ? -kInf : (low_ - center_) / scale_;
      z_high_ = high_ == kInf ? kInf : (high_ - center_) / scale_;
      break;
    case DistributionKind::kLognormal:
      low_ = std::max(0.0, key_low);
      high_ = key_high;
      center_ = util::det_log(args_[0]);
      scale_ = util::det_log(args_[1]);
      // A floor at or below 0 leaves the lower tail open (it is the lognormal's own).
      z_low_ = info.min && *info.min > 0.0 ? (util::det_log(low_) - center_) / scale_ : -kInf;
      z_high_ = high_ == kInf ? kInf : (util::det_log(high_) - center_) / scale_;
      break;
    case DistributionKind::kChoice:
      return true;
  }
  cdf_low_ = normal_cdf(z_low_);
  cdf_high_ = normal_cdf(z_high_);
  mass_ = special::normal_mass(z_low_, z_high_);
  return mass_ > 0.0;
}

double Distribution::continuous_quantile(double u) const {
  switch (kind_) {
    case DistributionKind::kUniform:
      return low_ + u * (high_ - low_);
    case DistributionKind::kTriangular: {
      const double lo = args_[0], mode = args_[1], hi = args_[2];
      const double span = hi - lo;
      if (u * span < mode - lo) return lo + std::sqrt(u * span * (mode - lo));
      return hi - std::sqrt((1.0 - u) * span * (hi - mode));
    }
    case DistributionKind::kPert:
      return low_ + (high_ - low_) * special::beta_quantile(u, alpha_, beta_);
    case DistributionKind::kNormal:
    case DistributionKind::kLognormal: {
      if (z_low_ == -kInf) u = std::max(u, kTailUnit);
      if (z_high_ == kInf) u = std::min(u, 1.0 - kTailUnit);
      const double z = normal_quantile(cdf_low_ + u * mass_);
      const double v = center_ + scale_ * z;
      return kind_ == DistributionKind::kNormal ? v : util::det_exp(v);
    }
    case DistributionKind::kChoice:
      break;
  }
  return low_;
}

double Distribution::quantile(double u) const {
  if (!(u > 0.0)) u = 0.0;
  if (u > 1.0) u = 1.0;
  if (kind_ == DistributionKind::kChoice) {
    for (std::size_t i = 0; i < points_.size(); ++i) {
      if (u <= cumulative_[i]) return points_[i];
    }
    return points_.back();
  }
  const bool open_low =
      (kind_ == DistributionKind::kNormal || kind_ == DistributionKind::kLognormal) &&
      z_low_ == -kInf;
  const bool open_high =
      (kind_ == DistributionKind::kNormal || kind_ == DistributionKind::kLognormal) &&
      z_high_ == kInf;
  double v = 0.0;
  if (u == 0.0 && !open_low) {
    v = low_;
  } else if (u == 1.0 && !open_high) {
    v = high_;
  } else {
    v = std::min(high_, std::max(low_, continuous_quantile(u)));
  }
  if (value_kind_ == ParameterKind::kInteger || value_kind_ == ParameterKind::kDate)
    v = std::min(round_high_, std::max(round_low_, std::floor(v + 0.5)));
  return v;
}

double Distribution::cdf(double x) const {
  if (std::isnan(x)) return x;
  if (kind_ == DistributionKind::kChoice) {
    double p = 0.0;
    for (std::size_t i = 0; i < points_.size() && points_[i] <= x; ++i) p = cumulative_[i];
    return p;
  }
  if (x < low_) return 0.0;
  if (x >= high_) return 1.0;
  switch (kind_) {
    case DistributionKind::kUniform:
      return (x - low_) / (high_ - low_);
    case DistributionKind::kTriangular: {
      const double lo = args_[0], mode = args_[1], hi = args_[2];
      if (x <= mode) return (x - lo) * (x - lo) / ((hi - lo) * (mode - lo));
      return 1.0 - (hi - x) * (hi - x) / ((hi - lo) * (hi - mode));
    }
    case DistributionKind::kPert:
      return special::beta_cdf((x - low_) / (high_ - low_), alpha_, beta_);
    case DistributionKind::kNormal:
    case DistributionKind::kLognormal: {
      if (kind_ == DistributionKind::kLognormal && !(x > 0.0)) return 0.0;
      const double v = kind_ == DistributionKind::kNormal ? x : util::det_log(x);
      const double z = (v - center_) / scale_;
      return std::min(1.0, special::normal_mass(z_low_, z) / mass_);
    }
    case DistributionKind::kChoice:
      break;
  }
  return 0.0;
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::kUniform:
      return 0.5 * (low_ + high_);
    case DistributionKind::kTriangular:
      return (args_[0] + args_[1] + args_[2]) / 3.0;
    case DistributionKind::kPert:
      return low_ + (high_ - low_) * alpha_ / (alpha_ + beta_);
    case DistributionKind::kNormal: {
      const double pa = special::normal_pdf(z_low_), pb = special::normal_pdf(z_high_);
      return center_ + scale_ * (pa - pb) / mass_;
    }
    case DistributionKind::kLognormal: {
      const double s = scale_;
      return util::det_exp(center_ + 0.5 * s * s) * special::normal_mass(z_low_ - s, z_high_ - s) /
             mass_;
    }
    case DistributionKind::kChoice: {
      double m = 0.0;
      for (std::size_t i = 0; i < points_.size(); ++i) m += probabilities_[i] * points_[i];
      return m;
    }
  }
  return 0.0;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::kUniform:
      return (high_ - low_) * (high_ - low_) / 12.0;
    case DistributionKind::kTriangular: {
      const double a = args_[0], c = args_[1], b = args_[2];
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistributionKind::kPert: {
      const double s = alpha_ + beta_;
      return (high_ - low_) * (high_ - low_) * alpha_ * beta_ / (s * s * (s + 1.0));
    }
    case DistributionKind::kNormal: {
      const double pa = special::normal_pdf(z_low_), pb = special::normal_pdf(z_high_);
      const double za = z_low_ == -kInf ? 0.0 : z_low_ * pa;
      const double zb = z_high_ == kInf ? 0.0 : z_high_ * pb;
      const double shift = (pa - pb) / mass_;
      return scale_ * scale_ * (1.0 + (za - zb) / mass_ - shift * shift);
    }
    case DistributionKind::kLognormal: {
      const double s = scale_;
      const double m = mean();
      const double second = util::det_exp(2.0 * center_ + 2.0 * s * s) *
                            special::normal_mass(z_low_ - 2.0 * s, z_high_ - 2.0 * s) / mass_;
      return second - m * m;
    }
    case DistributionKind::kChoice: {
      const double m = mean();
      double v = 0.0;
      for (std::size_t i = 0; i < points_.size(); ++i)
        v += probabilities_[i] * (points_[i] - m) * (points_[i] - m);
      return v;
    }
  }
  return 0.0;
}

std::string Distribution::text() const {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < args_.size(); ++i) {
    const bool spread =
        i == 1 && (kind_ == DistributionKind::kNormal || kind_ == DistributionKind::kLognormal);
    std::string part =
        spread ? util::format_double(args_[i]) : key_text(args_[i], value_kind_, names_);
    if (kind_ == DistributionKind::kChoice) part += ": " + util::format_double(raw_weights_[i]);
    parts.push_back(std::move(part));
  }
  return std::string(to_string(kind_)) + "(" + util::join(parts, ", ") + ")";
}

}  // namespace sandtable::uncertainty
