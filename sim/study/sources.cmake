# Sources of the study area (sweeps, designs, store, analysis).
sandtable_area(study DEPENDS model
  EXPORTS design.hpp export.hpp levels.hpp point_hash.hpp prepared.hpp rng.hpp sobol.hpp
  SOURCES
  study/analyzer.cpp
  study/cluster.cpp
  study/cluster_map.cpp
  study/design.cpp
  study/evaluator.cpp
  study/levels.cpp
  study/merge.cpp
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
  study/writer_lock.cpp
)
target_link_libraries(sandtable_study PRIVATE Threads::Threads SQLite::SQLite3 Eigen3::Eigen
                                              nlohmann_json::nlohmann_json)
if(SANDTABLE_MPI)
  # Sweeps shared among MPI ranks (study/cluster.cpp; docs/cluster.md).
  target_link_libraries(sandtable_study PRIVATE MPI::MPI_CXX)
  target_compile_definitions(sandtable_study PRIVATE SANDTABLE_HAVE_MPI)
endif()
