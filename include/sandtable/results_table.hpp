// Reading a sweep's results database into memory as plain arrays, for
// analyses that need every row at once (`sandtable discover`, notebooks
// through bindings). The database is the one written by `sandtable sweep`
// (see sandtable/study.hpp and docs/sweeps.md); rows come in design-point
// order, so the table is the same whatever thread count produced it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sandtable/status.hpp"

namespace sandtable {

struct ResultsTable {
  std::vector<std::string> parameters;   // swept parameter paths, in design order
  std::vector<std::string> outcomes;     // outcome names
  std::vector<double> parameter_values;  // rows x parameters, row-major; dates as days since
                                         // 1970-01-01, choices as index
  std::vector<double> outcome_values;    // rows x outcomes, row-major; NaN for failed runs
  std::vector<unsigned char> ok;         // per row: 1 if the run succeeded
  [[nodiscard]] std::size_t rows() const { return ok.size(); }
};

// Reads every stored run of the results database at `db_path`, in
// design-point order. Points not yet run (an interrupted sweep) are absent.
// Fails with an I/O status when the file cannot be opened or is not a
// sandtable results database.
[[nodiscard]] Status read_results_table(const std::string& db_path, ResultsTable& out);

// Called while a database is read, after each chunk of rows: rows read so
// far, rows it holds, seconds since the reading started.
using ReadProgress = std::function<void(std::uint64_t read, std::uint64_t rows, double seconds)>;
[[nodiscard]] Status read_results_table(const std::string& db_path, ResultsTable& out,
                                        const ReadProgress& progress);

}  // namespace sandtable
