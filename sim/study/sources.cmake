# Sources of the study area (sweeps, designs, store, analysis).
add_library(sandtable_study STATIC
  study/analysis_format.cpp
  study/analyzer.cpp
  study/design.cpp
  study/evaluator.cpp
  study/lanchester.cpp
  study/lanchester_lanes.cpp
  study/levels.cpp
  study/point_hash.cpp
  study/results_io.cpp
  study/sobol.cpp
  study/sobol_directions.cpp
  study/store.cpp
  study/stored_hash.cpp
  study/study_file.cpp
  study/study_points.cpp
  study/study_prepare.cpp
  study/study_schema.cpp
  study/summary.cpp
  study/sweep.cpp
)
sandtable_area(sandtable_study)
target_link_libraries(sandtable_study PUBLIC sandtable_engine PRIVATE Threads::Threads SQLite::SQLite3
                                                                    Eigen3::Eigen nlohmann_json::nlohmann_json)
# The batched kernel uses 64-byte GCC vectors, passed only between inlined
# functions of one file, so the note on their calling convention is moot.
set_source_files_properties(study/lanchester_lanes.cpp PROPERTIES COMPILE_OPTIONS -Wno-psabi)
