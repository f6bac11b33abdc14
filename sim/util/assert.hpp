// Broken invariants (house style): SANDTABLE_ASSERT(condition, "what must hold").
//
// Never for user input, which gets a diagnostic. A failed assertion throws
// sandtable::util::InternalError naming the file, the line, the condition
// and what must hold; the program reports it as an internal error (exit 70),
// so a bug stops a command loudly instead of letting it go on with a wrong
// state. Active in every build: keep the conditions cheap next to the work
// they guard.
#pragma once

#include <stdexcept>
#include <string>

namespace sandtable::util {

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void assertion_failed(const char* condition, const char* what, const char* file,
                                   int line);

}  // namespace sandtable::util

#define SANDTABLE_ASSERT(condition, what) \
  ((condition) ? static_cast<void>(0)     \
               : ::sandtable::util::assertion_failed(#condition, what, __FILE__, __LINE__))
