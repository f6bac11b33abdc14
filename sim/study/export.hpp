// Internal: export_results (sandtable/study.hpp) for the command line, which
// also tells the user when something could not be exported as stored.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "sandtable/status.hpp"
#include "sandtable/study.hpp"

namespace sandtable::study {

// As sandtable::export_results. Scenario hashes a sweep did not store
// (--no-hash) are computed on the way out; when they cannot be (the base
// scenario in the database does not read back), they are exported empty and
// `note` is called once with the reason, naming the database.
[[nodiscard]] Status export_results(const std::string& db_path, ExportFormat format,
                                    std::ostream& out, const ExportOptions& options);
[[nodiscard]] Status export_results(const std::string& db_path, ExportFormat format,
                                    std::ostream& out,
                                    const std::function<void(const std::string&)>& note);

}  // namespace sandtable::study
