sandtable_add_suite(model_tests
  model/validation_test.cpp
  model/properties_test.cpp
  model/stages_test.cpp
  model/city_battle_test.cpp
)
# A separate binary: it replaces the global allocator to count allocations.
sandtable_add_suite(model_allocation_tests model/allocation_test.cpp)
# GCC 12 with -fsanitize=address reports the replaced operator delete's
# std::free as -Wmismatched-new-delete although the matching operator new
# uses std::malloc: silenced for this file, in sanitizer builds.
if(SANDTABLE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set_source_files_properties(model/allocation_test.cpp TARGET_DIRECTORY model_allocation_tests
                              PROPERTIES COMPILE_OPTIONS -Wno-mismatched-new-delete)
endif()
