# Every shipped scenario runs through the command line (tests/scenario checks them).
file(GLOB_RECURSE shipped_scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.yaml)
foreach(scenario ${shipped_scenarios})
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${scenario})
  add_test(NAME ScenarioRun.${rel} COMMAND sandtable run ${rel} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

sandtable_add_suite(cli_tests cli/cli_test.cpp)
