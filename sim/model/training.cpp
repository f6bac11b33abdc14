// Stage 4: training pipelines. Trainees enter a course while trainers have
// room, graduate course_days later, and readiness rises with the trained
// fraction. Training stops on D-day: the force is committed.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

// The element's course slot of `day`: today's intake, which graduates when
// the ring comes round to it course_days later.
double& course_slot(const ElementParams& e, State& s, int day) {
  const int at = e.ring_offset + day % e.course_days;
  return s.course_ring[static_cast<std::size_t>(at)];
}

}  // namespace

void stage_training(const Params& p, State& s, const StepContext& c, Events& ev) {
  if (!c.first_substep || s.phase != Phase::kBefore) return;
  const std::size_t n = p.elements.size();
  double in_training = 0.0;
  double demand = 0.0;
  // Graduations first: the intake of course_days ago leaves the course today.
  for (std::size_t i = 0; i < n; ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (!e.trains || !es.present || c.day < e.training_start_day) continue;
    double& slot = course_slot(e, s, c.day);
    es.in_training -= slot;
    es.trained += slot;
    slot = 0.0;
    in_training += es.in_training;
    demand += std::max(0.0, e.trainees - es.trained - es.in_training);
  }
  const double free = std::max(0.0, s.training_slots - in_training);
  for (std::size_t i = 0; i < n; ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (!e.trains || !es.present || c.day < e.training_start_day) continue;
    const double untrained = std::max(0.0, e.trainees - es.trained - es.in_training);
    if (demand > 0.0 && free > 0.0) {
      const double intake = std::min(untrained, free * untrained / demand);
      course_slot(e, s, c.day) = intake;
      es.in_training += intake;
    }
    const double gain = std::max(0.0, e.trained_readiness - e.readiness);
    es.readiness = e.readiness + gain * std::min(1.0, es.trained / e.trainees);
    if (!es.training_done && es.trained >= e.trainees - 0.5) {
      es.training_done = true;
      ev.add(c.day, EventKind::kTrainingComplete, static_cast<int>(i));
    }
  }
}

}  // namespace sandtable::model
