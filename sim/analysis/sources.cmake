# Sources of the analysis area (compare, attribution, timing, threshold, discover, validate, fit).
add_library(sandtable_analysis STATIC
  analysis/analysis_json.cpp
  analysis/attribution.cpp
  analysis/compare.cpp
  analysis/compare_format.cpp
  analysis/decide.cpp
  analysis/discover.cpp
  analysis/ensemble.cpp
  analysis/ensemble_format.cpp
  analysis/fit.cpp
  analysis/fit_format.cpp
  analysis/observed_series.cpp
  analysis/prim.cpp
  analysis/shapley.cpp
  analysis/text_format.cpp
  analysis/threshold.cpp
  analysis/timing.cpp
  analysis/validate.cpp
)
sandtable_area(sandtable_analysis)
target_link_libraries(sandtable_analysis PUBLIC sandtable_engine sandtable_study
                                         PRIVATE Eigen3::Eigen nlohmann_json::nlohmann_json)
