// Internal: the exponents of each attrition law (docs/model.md, stage 11),
// used by the classic attrition laws and by the urban law without a city.
#pragma once

#include "sandtable/scenario.hpp"

namespace sandtable::model {

// Losses scale as (enemy / enemy0)^alpha * (own / own0)^beta.
struct LawExponents {
  int alpha;
  int beta;
};

// Exponents of the coalition's losses.
constexpr LawExponents coalition_exponents(CombatLaw law) {
  switch (law) {
    case CombatLaw::kSquare:
      return {1, 0};
    case CombatLaw::kLinear:
      return {1, 1};
    case CombatLaw::kLogarithmic:
      return {0, 1};
    case CombatLaw::kMixed:  // attackers under aimed fire
    case CombatLaw::kUrban:  // without a city the urban law is the square law
      return {1, 0};
  }
  return {1, 0};
}

// Exponents of the adversary's losses.
constexpr LawExponents adversary_exponents(CombatLaw law) {
  switch (law) {
    case CombatLaw::kSquare:
      return {1, 0};
    case CombatLaw::kLinear:
      return {1, 1};
    case CombatLaw::kLogarithmic:
      return {0, 1};
    case CombatLaw::kMixed:
      return {1, 1};  // hidden defenders under area fire
    case CombatLaw::kUrban:
      return {1, 0};
  }
  return {1, 0};
}

}  // namespace sandtable::model
