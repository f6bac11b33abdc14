# Sources of the analysis area (compare, attribution, timing, threshold, discover, validate, fit).
sandtable_area(analysis DEPENDS study
  EXPORTS labels.hpp
  SOURCES
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
target_link_libraries(sandtable_analysis PRIVATE Eigen3::Eigen nlohmann_json::nlohmann_json)
