# Tests of the uncertainty area: distributions of assumptions and rank correlation.
sandtable_add_suite(uncertainty_tests
  uncertainty/distribution_test.cpp
)
