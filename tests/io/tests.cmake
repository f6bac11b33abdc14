sandtable_add_suite(io_tests io/report_test.cpp io/table_test.cpp)
target_link_libraries(io_tests PRIVATE nlohmann_json::nlohmann_json)
