# The compiled extension sandtable._core (python/_core.cpp): the library's
# entry points for Python (docs/python.md). Built when pybind11 and the
# Python headers are found; placed beside the staged pure-Python package
# (python/stage.cmake) so that PYTHONPATH=build/python imports both.
option(SANDTABLE_PYTHON "Build the Python extension module sandtable._core (pybind11)" ON)

# An instrumented module cannot be loaded into an uninstrumented interpreter
# (the sanitizer runtime must come first): sanitizer and fuzzing builds
# leave it out.
set(_sandtable_py_build ${SANDTABLE_PYTHON})
if(SANDTABLE_PYTHON AND (SANDTABLE_SANITIZE OR SANDTABLE_FUZZ))
  message(STATUS "Python extension sandtable._core: skipped in sanitizer and fuzzing builds")
  set(_sandtable_py_build OFF)
endif()

if(_sandtable_py_build)
  # Debian's pybind11, numpy and pandas belong to the system interpreter:
  # prefer it to whatever python3 comes first on PATH.
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3)
  endif()
  find_package(Python3 3.8 COMPONENTS Interpreter Development.Module QUIET)
  if(Python3_FOUND)
    find_package(pybind11 2.6 CONFIG QUIET)
  endif()
  if(NOT Python3_FOUND)
    set(_sandtable_py_missing "the Python ${Python3_EXECUTABLE} interpreter and headers (python3-dev)")
  elseif(NOT pybind11_FOUND)
    set(_sandtable_py_missing "pybind11 (pybind11-dev, python3-pybind11)")
  endif()
  if(DEFINED _sandtable_py_missing)
    message(WARNING "SANDTABLE_PYTHON is ON but ${_sandtable_py_missing} was not found: the "
                    "extension sandtable._core is skipped (the rest builds; sandtable plot and "
                    "report do not need it). Install pybind11-dev python3-pybind11 python3-dev "
                    "(tools/install-deps does), or configure with -DSANDTABLE_PYTHON=OFF.")
  endif()
endif()

if(_sandtable_py_build AND Python3_FOUND AND pybind11_FOUND)
  message(STATUS "Python extension sandtable._core: Python ${Python3_VERSION} "
                 "(${Python3_EXECUTABLE}), pybind11 ${pybind11_VERSION}")
  # The static libraries go into a shared module.
  get_property(_sandtable_areas GLOBAL PROPERTY sandtable_areas)
  set_target_properties(${_sandtable_areas} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  # NO_EXTRAS: no link-time optimisation or stripping; the library is built
  # with the project's flags (-ffp-contract=off) and nothing else.
  pybind11_add_module(_core MODULE NO_EXTRAS ${CMAKE_CURRENT_LIST_DIR}/_core.cpp)
  target_link_libraries(_core PRIVATE sandtable_analysis sandtable_io sandtable_flags)
  target_include_directories(_core PRIVATE ${PROJECT_SOURCE_DIR}/include
                                           ${PROJECT_BINARY_DIR}/generated)
  set_target_properties(_core PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/python/sandtable)
  include(GNUInstallDirs)
  install(TARGETS _core LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/sandtable/python/sandtable)

  if(SANDTABLE_BUILD_TESTS)
    add_test(NAME python.core
             COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider
                     ${PROJECT_SOURCE_DIR}/tests/python/test_core.py)
    set_tests_properties(python.core PROPERTIES
      ENVIRONMENT "SANDTABLE_EXE=$<TARGET_FILE:sandtable>;PYTHONPATH=${PROJECT_BINARY_DIR}/python;SANDTABLE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      TIMEOUT 300)
    # The documentation's Python commands need the extension (docs.commands
    # skips them in builds without it).
    set_property(TEST docs.commands APPEND PROPERTY ENVIRONMENT "SANDTABLE_EXTENSION=1")
  endif()
endif()
