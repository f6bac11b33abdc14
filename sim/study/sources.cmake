# Sources of the study area (sweeps, designs, store, analysis).
add_library(sandtable_study STATIC
  study/placeholder.cpp
)
sandtable_area(sandtable_study)
target_link_libraries(sandtable_study PUBLIC sandtable_engine PRIVATE Threads::Threads SQLite::SQLite3
                                                                    Eigen3::Eigen nlohmann_json::nlohmann_json)
