// Compiled by two tests (tests/CMakeLists.txt): with SANDTABLE_RIGHT_TYPE it
// declares an int member as an integer and must compile; without, it
// declares it as a number and must not, because field() checks at compile
// time that a member is stored as its declared kind.
#include "scenario/schema.hpp"

namespace {

struct Probe {
  int count = 0;
};

[[maybe_unused]] sandtable::schema::Field declare() {
#ifdef SANDTABLE_RIGHT_TYPE
  return sandtable::schema::field("count", &Probe::count, sandtable::schema::integer_type());
#else
  return sandtable::schema::field("count", &Probe::count, sandtable::schema::number_type());
#endif
}

}  // namespace
