# Benchmarks of the study area (sweeps). Build with -DSANDTABLE_BUILD_BENCH=ON;
# bench/study_README.md lists the scripts that go with it.
sandtable_add_benchmark(study_bench study_bench.cpp)
