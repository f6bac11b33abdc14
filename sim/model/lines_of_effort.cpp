// Stage 7: the lines of effort. Finance, foreign-fighter and recruitment
// efforts decay a multiplier on their target toward a floor; the morale
// effort lowers morale directly; military operations take a fraction of the
// garrison each day.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_lines_of_effort(const Params& p, State& s, const StepContext& c) {
  double finance = 1.0;
  double foreign = 1.0;
  double recruitment = 1.0;
  AdversaryState& a = s.adversary;
  const bool garrison_gone = s.phase == Phase::kEnded && s.outcome == Outcome::kSuccess;
  for (std::size_t j = 0; j < p.lines.size(); ++j) {
    const LineParams& l = p.lines[j];
    if (c.day < l.start_day) continue;
    double& factor = s.line_factor[j];
    switch (l.target) {
      case EffortTarget::kFinance:
      case EffortTarget::kForeignFighters:
      case EffortTarget::kRecruitment:
        factor = std::max(l.floor, factor * l.decay_per_step);
        break;
      case EffortTarget::kMorale:
        a.morale = std::max(l.floor * a.morale_base, a.morale - l.effect_per_day * c.dt);
        break;
      case EffortTarget::kFighters:
        if (!garrison_gone) {
          const double floor = l.floor * p.adversary.fighters;
          const double loss =
              std::min(a.fighters * l.effect_per_day * c.dt, std::max(0.0, a.fighters - floor));
          a.fighters -= loss;
          a.losses += loss;
        }
        break;
    }
    if (l.target == EffortTarget::kFinance) finance *= factor;
    if (l.target == EffortTarget::kForeignFighters) foreign *= factor;
    if (l.target == EffortTarget::kRecruitment) recruitment *= factor;
  }
  s.finance_factor = finance;
  s.foreign_factor = foreign;
  s.recruitment_factor = recruitment;
}

}  // namespace sandtable::model
