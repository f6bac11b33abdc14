# Stages the pure-Python package (python/sandtable/*.py) in the build tree,
# where `sandtable plot` and `sandtable report` find it, installs it next to
# the program, and registers its tests.
file(GLOB SANDTABLE_PY_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/sandtable/*.py)
foreach(src IN LISTS SANDTABLE_PY_SOURCES)
  get_filename_component(name ${src} NAME)
  configure_file(${src} ${PROJECT_BINARY_DIR}/python/sandtable/${name} COPYONLY)
endforeach()
include(GNUInstallDirs)
install(FILES ${SANDTABLE_PY_SOURCES} DESTINATION ${CMAKE_INSTALL_LIBDIR}/sandtable/python/sandtable)

if(SANDTABLE_BUILD_TESTS)
  find_program(SANDTABLE_TEST_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
  add_test(NAME python.plot_report
           COMMAND ${SANDTABLE_TEST_PYTHON} -m pytest -q -p no:cacheprovider
                   ${PROJECT_SOURCE_DIR}/tests/python/test_plot_report.py)
  set_tests_properties(python.plot_report PROPERTIES
    ENVIRONMENT "SANDTABLE_EXE=$<TARGET_FILE:sandtable>;PYTHONPATH=${PROJECT_BINARY_DIR}/python;SANDTABLE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    TIMEOUT 180)
  # Every command block of README.md and docs/*.md, run as written.
  add_test(NAME docs.commands
           COMMAND ${SANDTABLE_TEST_PYTHON} -m pytest -q -p no:cacheprovider
                   ${PROJECT_SOURCE_DIR}/tests/python/test_doc_commands.py)
  set_tests_properties(docs.commands PROPERTIES
    ENVIRONMENT "SANDTABLE_EXE=$<TARGET_FILE:sandtable>;PYTHONPATH=${PROJECT_BINARY_DIR}/python;SANDTABLE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    TIMEOUT 600)
endif()
