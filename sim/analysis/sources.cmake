# Sources of the analysis area (compare, attribution, timing, threshold, discover).
add_library(sandtable_analysis STATIC
  analysis/placeholder.cpp
)
sandtable_area(sandtable_analysis)
target_link_libraries(sandtable_analysis PUBLIC sandtable_engine sandtable_study
                                         PRIVATE Eigen3::Eigen nlohmann_json::nlohmann_json)
