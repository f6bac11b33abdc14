# Sources of the analysis area (compare, attribution, timing, threshold, discover, validate, fit).
sandtable_area(analysis DEPENDS study
  EXPORTS labels.hpp text_format.hpp
  SOURCES
  analysis/attribution.cpp
  analysis/compare.cpp
  analysis/decide.cpp
  analysis/discover.cpp
  analysis/ensemble.cpp
  analysis/fit.cpp
  analysis/observed_series.cpp
  analysis/prim.cpp
  analysis/shapley.cpp
  analysis/text_format.cpp
  analysis/threshold.cpp
  analysis/timing.cpp
  analysis/validate.cpp
)
target_link_libraries(sandtable_analysis PRIVATE Eigen3::Eigen nlohmann_json::nlohmann_json)
