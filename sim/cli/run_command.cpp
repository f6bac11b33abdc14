// `sandtable run`.
#include "cli/commands.hpp"
#include "sandtable/model.hpp"
#include "sandtable/report.hpp"

namespace sandtable::cli {

namespace {

struct RunOptionsCli {
  std::string file;
  std::vector<std::string> overrides;
  std::string out_dir;
  std::string format = "table";
};

void run_run(Context& ctx, const RunOptionsCli& o) {
  auto loaded = load_or_report(ctx, o.file, o.overrides);
  if (!loaded) return;
  RunOptions options;
  options.record_daily = !o.out_dir.empty();
  const Results results = run(loaded->scenario, options);
  if (o.format == "json") {
    ctx.out << format_summary_json(*loaded, results);
  } else if (o.format == "csv") {
    ctx.out << format_outcomes_csv(results);
  } else {
    ctx.out << format_run_table(*loaded, results);
  }
  if (!o.out_dir.empty()) {
    const Status s = write_run_outputs(o.out_dir, *loaded, results);
    if (!s.is_ok()) {
      ctx.err << "sandtable run: " << s.message() << "\n";
      ctx.fail(s.exit_code());
      return;
    }
    ctx.err << "wrote " << o.out_dir << "/summary.json and " << o.out_dir << "/daily.csv\n";
  }
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RunOptionsCli>();
  CLI::App* c = app.add_subcommand("run", "Run one scenario and print its outcomes");
  c->add_option("file", o->file, "Scenario file")->required();
  add_set_option(*c, o->overrides);
  c->add_option("--out", o->out_dir, "Write summary.json and daily.csv into this directory");
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_run(ctx, *o); });
}

}  // namespace sandtable::cli
