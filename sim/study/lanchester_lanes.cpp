// The batched Lanchester kernel: cases that share a calendar run side by
// side, one lane each. Every lane performs exactly the operations of
// sim/model's stages for its case, in the same order (see lanchester.hpp);
// what is uniform across lanes (the calendar) is decided once per step and
// what depends on a lane's state becomes a per-lane selection.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "study/lanchester.hpp"

namespace sandtable::study {

namespace {

constexpr int kLanes = 64;          // a multiple of every vector width
constexpr double kHugeRatio = 1e9;  // as stage_ground_combat

// What must be equal for cases to run side by side.
bool same_calendar(const LanchesterCase& a, const LanchesterCase& b) {
  if (a.horizon != b.horizon || a.d_day != b.d_day || a.substeps != b.substeps ||
      a.arrival_day != b.arrival_day || a.reinforcements != b.reinforcements ||
      a.commit_delay != b.commit_delay || a.coalition_alpha != b.coalition_alpha ||
      a.coalition_beta != b.coalition_beta || a.adversary_alpha != b.adversary_alpha ||
      a.adversary_beta != b.adversary_beta) {
    return false;
  }
  for (int r = 0; r < a.reinforcements; ++r) {
    if (a.reinforcement_day[r] != b.reinforcement_day[r]) return false;
  }
  return true;
}

// The lanes' inputs and state; flags are all-ones or zero words.
struct alignas(64) Lanes {
  double personnel[kLanes], effectiveness[kLanes], breakpoint[kLanes], fighters0[kLanes];
  double adversary_eff[kLanes], protection[kLanes], a[kLanes], b[kLanes];
  double culm_ratio[kLanes], culm_days[kLanes], defeated[kLanes];
  double reinforcement[kLanchesterMaxReinforcements][kLanes];
  double p[kLanes], arrived[kLanes], today[kLanes], casualties[kLanes], inflicted[kLanes];
  double f[kLanes], losses[kLanes], peak[kLanes], at_d_day[kLanes], end_of_offensive[kLanes];
  double x0[kLanes], y0[kLanes], ratio[kLanes], culm[kLanes], end_day[kLanes];
  std::int64_t broken[kLanes], active[kLanes], ended[kLanes], success[kLanes];
};

// The steps, once per instruction set; the best the CPU has is chosen once.
namespace avx512 {
#pragma GCC push_options
#pragma GCC target("avx512f")
#define SANDTABLE_VECTOR_BYTES 64
#include "study/lanchester_steps.inc"
#undef SANDTABLE_VECTOR_BYTES
#pragma GCC pop_options
}  // namespace avx512
namespace avx2 {
#pragma GCC push_options
#pragma GCC target("avx2")
#define SANDTABLE_VECTOR_BYTES 32
#include "study/lanchester_steps.inc"
#undef SANDTABLE_VECTOR_BYTES
#pragma GCC pop_options
}  // namespace avx2
namespace portable {
#define SANDTABLE_VECTOR_BYTES 16
#include "study/lanchester_steps.inc"
#undef SANDTABLE_VECTOR_BYTES
}  // namespace portable

struct Steps {
  void (*combat)(Lanes&, int, const LanchesterCase&, bool, bool);
  void (*close)(Lanes&, int, bool, bool, bool, double);
  void (*peak)(Lanes&, int);
};

Steps& steps() {
  static Steps chosen = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
      return Steps{avx512::combat_step, avx512::close_step, avx512::peak_step};
    }
    if (__builtin_cpu_supports("avx2"))
      return Steps{avx2::combat_step, avx2::close_step, avx2::peak_step};
    return Steps{portable::combat_step, portable::close_step, portable::peak_step};
  }();
  return chosen;
}

// Loads cases [0, n); the lanes up to `lanes` repeat case 0.
void start(Lanes& s, const LanchesterCase* const* cases, int n, int lanes, bool& present) {
  std::memset(static_cast<void*>(&s), 0, sizeof s);
  present = cases[0]->arrival_day < 1;
  for (int l = 0; l < lanes; ++l) {
    const LanchesterCase& c = *cases[l < n ? l : 0];
    s.personnel[l] = c.personnel;
    s.effectiveness[l] = c.effectiveness;
    s.breakpoint[l] = c.casualty_breakpoint;
    s.fighters0[l] = c.fighters;
    s.adversary_eff[l] = c.adversary_effectiveness;
    s.protection[l] = 1.0 + c.max_protection * c.fortification;
    s.a[l] = c.adversary_kill_rate;
    s.b[l] = c.coalition_kill_rate;
    s.culm_ratio[l] = c.culmination_ratio;
    s.culm_days[l] = c.culmination_days;
    s.defeated[l] = c.defeated_fraction;
    for (int r = 0; r < c.reinforcements; ++r) s.reinforcement[r][l] = c.reinforcement_personnel[r];
    s.f[l] = c.fighters;
    s.peak[l] = c.fighters;
    if (present) {
      s.p[l] = c.personnel;
      s.arrived[l] = c.personnel;
    }
  }
}

void add_arrival(Lanes& s, int lanes, const double* amount, bool fire_tomorrow) {
  for (int l = 0; l < lanes; ++l) {
    s.p[l] += amount[l];
    s.arrived[l] += amount[l];
    if (fire_tomorrow) s.today[l] += amount[l];
  }
}

// Arrivals and reinforcements dated `day` (stage_arrivals), uniform across lanes.
void arrivals(Lanes& s, int lanes, const LanchesterCase& c, int day, bool& present, int& next) {
  std::fill_n(s.today, lanes, 0.0);
  if (!present && c.arrival_day == day) {
    present = true;
    add_arrival(s, lanes, s.personnel, true);
  }
  while (next < c.reinforcements && c.reinforcement_day[next] <= day) {
    const int r = next++;
    if (c.reinforcement_day[r] == day) add_arrival(s, lanes, s.reinforcement[r], true);
  }
}

void finish(const Lanes& s, const LanchesterCase* const* cases, int n, double* q) {
  for (int l = 0; l < n; ++l, q += kQuantities) {
    const LanchesterCase& c = *cases[l];
    const bool ended = s.ended[l] != 0;
    const bool won = ended && s.success[l] != 0;
    const double last = ended ? s.end_day[l] : c.horizon;
    const double f = s.f[l];
    q[kSuccess] = won ? 1.0 : 0.0;
    q[kFailure] = won ? 0.0 : 1.0;
    q[kStalemate] = 0.0;
    q[kEndDay] = last;
    q[kDaysFromDDay] = last - c.d_day;
    q[kCoalitionCasualties] = 0.0 + s.casualties[l];
    q[kAdversaryLosses] = s.losses[l];
    q[kAdversaryDDay] = c.horizon >= c.d_day ? s.at_d_day[l] : f;
    q[kAdversaryPeak] = s.peak[l];
    q[kAdversaryEndOfOffensive] = ended ? s.end_of_offensive[l] : f;
    q[kAdversaryEnd] = f;
    q[kFortificationDDay] = c.fortification;
    const double total = 0.0 + s.inflicted[l];
    q[kShare] = total > 0.0 ? (0.0 + s.inflicted[l]) / total : 0.0;
    q[kElementCasualties] = s.casualties[l];
    q[kElementStrength] = s.p[l];
    q[kElementReadinessDDay] = c.readiness;
    q[kElementBroke] = s.broken[l] != 0 ? 1.0 : 0.0;
  }
}

// Cases [0, n) share a calendar; n <= kLanes. The day is the model's recipe
// with the inactive stages left out.
void run_lanes(const LanchesterCase* const* cases, int n, Lanes& s, double* q) {
  const LanchesterCase& c = *cases[0];
  const int lanes = (n + 7) / 8 * 8;  // whole vectors of the widest kind
  bool present = false;
  start(s, cases, n, lanes, present);
  int next = 0;
  for (; next < c.reinforcements && c.reinforcement_day[next] < 1; ++next) {
    add_arrival(s, lanes, s.reinforcement[next], false);
  }
  const Steps& step = steps();
  bool started = false;
  bool contact = false;
  for (int day = 1; day <= c.horizon; ++day) {
    for (int k = 0; k < c.substeps; ++k) {
      if (k == 0) {
        if (day == c.d_day && !started) {  // stage_calendar: every lane starts together
          started = true;
          std::fill_n(s.active, lanes, std::int64_t{-1});
          std::copy_n(s.f, lanes, s.at_d_day);
        }
        arrivals(s, lanes, c, day, present, next);
      }
      step.peak(s, lanes);
      if (started) {
        step.combat(s, lanes, c, present && day >= c.d_day + c.commit_delay, !contact);
        contact = true;
      }
      step.close(s, lanes, present, k + 1 == c.substeps, day >= c.horizon, day);
    }
  }
  finish(s, cases, n, q);
}

}  // namespace

bool select_lanchester_isa(KernelIsa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case KernelIsa::kBest:
      if (__builtin_cpu_supports("avx512f")) return select_lanchester_isa(KernelIsa::kAvx512);
      if (__builtin_cpu_supports("avx2")) return select_lanchester_isa(KernelIsa::kAvx2);
      return select_lanchester_isa(KernelIsa::kPortable);
    case KernelIsa::kAvx512:
      if (!__builtin_cpu_supports("avx512f")) return false;
      steps() = Steps{avx512::combat_step, avx512::close_step, avx512::peak_step};
      return true;
    case KernelIsa::kAvx2:
      if (!__builtin_cpu_supports("avx2")) return false;
      steps() = Steps{avx2::combat_step, avx2::close_step, avx2::peak_step};
      return true;
    case KernelIsa::kPortable:
      steps() = Steps{portable::combat_step, portable::close_step, portable::peak_step};
      return true;
  }
  return false;
}

void run_lanchester(const LanchesterCase* cases, std::size_t n, const LanchesterLayout& layout,
                    double* outcomes) {
  const std::vector<int>& slots = layout.slots();
  const std::size_t m = slots.size();
  auto lanes = std::make_unique<Lanes>();
  const LanchesterCase* group[kLanes];
  double q[kLanes * kQuantities];
  for (std::size_t i = 0; i < n;) {
    int count = 0;
    while (i + static_cast<std::size_t>(count) < n && count < kLanes &&
           same_calendar(cases[i], cases[i + static_cast<std::size_t>(count)])) {
      group[count] = &cases[i + static_cast<std::size_t>(count)];
      ++count;
    }
    run_lanes(group, count, *lanes, q);
    for (int l = 0; l < count; ++l) {
      double* row = outcomes + (i + static_cast<std::size_t>(l)) * m;
      for (std::size_t j = 0; j < m; ++j)
        row[j] = slots[j] < 0 ? 0.0 : q[l * kQuantities + slots[j]];
    }
    i += static_cast<std::size_t>(count);
  }
}

}  // namespace sandtable::study
