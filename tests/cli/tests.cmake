# Every shipped scenario is checked and run through the command line.
file(GLOB_RECURSE shipped_scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.yaml)
foreach(scenario ${shipped_scenarios})
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${scenario})
  string(REGEX REPLACE "[/.]" "_" test_name "${rel}")
  add_test(NAME check_${test_name} COMMAND sandtable check ${rel} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME run_${test_name} COMMAND sandtable run ${rel} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
