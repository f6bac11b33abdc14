# Scenario language: reader, overlays, overrides, validation, hashing,
# parameters, the check/show/schema commands and the generated docs.
sandtable_add_suite(scenario_tests
  ${CMAKE_CURRENT_LIST_DIR}/scenario_test_support.cpp
  ${CMAKE_CURRENT_LIST_DIR}/invalid_corpus_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loader_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/overlay_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/override_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hash_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parameters_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cli_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/docs_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/limits_test.cpp
)
# The generated docs test parses the JSON Schema.
target_link_libraries(scenario_tests PRIVATE nlohmann_json::nlohmann_json)

# Every shipped scenario passes `sandtable check`, as a user runs it.
file(GLOB_RECURSE _sandtable_shipped CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.yaml)
foreach(_file IN LISTS _sandtable_shipped)
  file(RELATIVE_PATH _name ${PROJECT_SOURCE_DIR} ${_file})
  add_test(NAME ScenarioCheck.${_name} COMMAND sandtable check ${_name}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

# The committed JSON Schema accepts the shipped scenarios (as an editor reads
# them) and rejects invalid ones. Needs Python with jsonschema and yaml.
# Debian's interpreter first: it sees python3-jsonschema and python3-yaml.
find_program(SANDTABLE_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(SANDTABLE_SYSTEM_PYTHON)
  set(Python3_EXECUTABLE ${SANDTABLE_SYSTEM_PYTHON})
endif()
find_package(Python3 COMPONENTS Interpreter QUIET)
set(_sandtable_schema_check OFF)
if(Python3_Interpreter_FOUND)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c "import jsonschema, yaml"
                  RESULT_VARIABLE _sandtable_py_rc OUTPUT_QUIET ERROR_QUIET)
  if(_sandtable_py_rc EQUAL 0)
    set(_sandtable_schema_check ON)
  endif()
endif()
if(_sandtable_schema_check)
  add_test(NAME ScenarioJsonSchema.AcceptsShippedScenarios
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/validate_json_schema.py
                   ${PROJECT_SOURCE_DIR} $<TARGET_FILE:sandtable>)
else()
  message(STATUS "JSON Schema check of scenarios skipped: needs python3-jsonschema and python3-yaml")
endif()

# GCC 12 with -fsanitize=address reports a false -Wmaybe-uninitialized inside
# libstdc++'s <regex> (std::function in std::__detail::_State, GCC bug
# 105562): silenced for the one file that uses <regex>, in sanitizer builds.
if(SANDTABLE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/invalid_corpus_test.cpp
                              TARGET_DIRECTORY scenario_tests
                              PROPERTIES COMPILE_OPTIONS -Wno-maybe-uninitialized)
endif()
