// `sandtable check`, `show` and `schema`.
#include <algorithm>

#include "cli/commands.hpp"
#include "sandtable/study.hpp"

namespace sandtable::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
};

void run_check(Context& ctx, const CheckOptions& o) {
  int worst = 0;
  for (const std::string& file : o.files) {
    LoadResult r = load_scenario(file, o.overrides);
    if (r.ok()) {
      ctx.out << file << ": ok (" << scenario_hash(r.loaded->scenario).substr(0, 12) << ")\n";
      continue;
    }
    const std::size_t n = r.diagnostics.size();
    if (r.io_error) {
      ctx.out << file << ": unreadable\n";
    } else {
      ctx.out << file << ": invalid (" << n << (n == 1 ? " error" : " errors") << ")\n";
    }
    ctx.err << r.diagnostics.to_string();
    const int code = static_cast<int>(r.exit_code());
    // Invalid input outranks an unreadable file.
    if (worst == 0 || code == static_cast<int>(ExitCode::kInvalidInput)) worst = code;
  }
  ctx.exit_code = worst;
}

struct ShowOptions {
  std::string file;
  std::vector<std::string> overrides;
  bool provenance = false;
};

void run_show(Context& ctx, const ShowOptions& o) {
  auto loaded = load_or_report(ctx, o.file, o.overrides);
  if (!loaded) return;
  const Scenario& s = loaded->scenario;
  if (o.provenance) {
    std::size_t width = 0;
    const auto rows = flatten(s, true);
    for (const auto& [path, value] : rows) width = std::max(width, path.size() + value.size() + 3);
    for (const auto& [path, value] : rows) {
      std::string line = path + " = " + value;
      const auto it = loaded->provenance.find(path);
      line.resize(width, ' ');
      ctx.out << line << "  # "
              << (it == loaded->provenance.end() ? "default" : it->second.to_string()) << "\n";
    }
    return;
  }
  ctx.out << "# Resolved from " << o.file;
  if (!o.overrides.empty()) ctx.out << " with " << o.overrides.size() << " --set override(s)";
  ctx.out << "; every default filled in.\n";
  ctx.out << "# scenario sha256: " << scenario_hash(s) << "\n";
  ctx.out << to_yaml(s);
}

}  // namespace

void add_scenario_commands(CLI::App& app, Context& ctx) {
  auto check = std::make_shared<CheckOptions>();
  CLI::App* c = app.add_subcommand("check", "Validate scenario files, one line per file");
  c->add_option("files", check->files, "Scenario files")
      ->required()
      ->check(CLI::NonexistentPath | CLI::ExistingPath);
  add_set_option(*c, check->overrides);
  c->callback([&ctx, check] { run_check(ctx, *check); });

  auto show = std::make_shared<ShowOptions>();
  CLI::App* s = app.add_subcommand(
      "show", "Print the fully resolved scenario (after extends and --set) as YAML");
  s->add_option("file", show->file, "Scenario file")->required();
  add_set_option(*s, show->overrides);
  s->add_flag("--provenance", show->provenance,
              "List every value with the file, line and column that set it");
  s->callback([&ctx, show] { run_show(ctx, *show); });

  auto markdown = std::make_shared<bool>(false);
  auto study = std::make_shared<bool>(false);
  CLI::App* sc =
      app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of the scenario format");
  sc->add_flag("--markdown", *markdown, "Print the key reference as Markdown instead");
  sc->add_flag("--study", *study, "Print the JSON Schema of study files (sandtable sweep)");
  sc->callback([&ctx, markdown, study] {
    if (*study) {
      ctx.out << study_json_schema();
      return;
    }
    ctx.out << (*markdown ? scenario_reference_markdown() : scenario_json_schema());
  });
}

}  // namespace sandtable::cli
