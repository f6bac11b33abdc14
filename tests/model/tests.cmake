sandtable_add_suite(model_tests
  model/validation_test.cpp
  model/properties_test.cpp
  model/stages_test.cpp
  model/city_battle_test.cpp
)
# A separate binary: it replaces the global allocator to count allocations.
sandtable_add_suite(model_allocation_tests model/allocation_test.cpp)
