# Tests of the study area: designs, estimators, the sweep machinery, the
# batched kernel, study files and the study commands.
sandtable_add_suite(study_tests
  study/design_test.cpp
  study/estimator_test.cpp
  study/export_hash_test.cpp
  study/hash_test.cpp
  study/study_file_test.cpp
  study/shard_test.cpp
  study/sweep_test.cpp
  study/study_cli_test.cpp
  study/results_db_test.cpp
)
# The results database tests write SQLite files of their own.
target_link_libraries(study_tests PRIVATE SQLite::SQLite3)
