#include "sandtable/cli.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/log.hpp"
#include "sandtable/limits.hpp"
#include "sandtable/version.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace cli {

void add_set_option(CLI::App& cmd, std::vector<std::string>& overrides) {
  cmd.add_option("-s,--set", overrides,
                 "Override one assumption, key.path=value (repeatable), e.g. "
                 "--set forces.isf.personnel=25000")
      ->take_all()
      ->allow_extra_args(false);
}

std::optional<LoadedScenario> load_or_report(Context& ctx, const std::string& path,
                                             const std::vector<std::string>& overrides) {
  LoadResult r = load_scenario(path, overrides);
  if (!r.ok()) {
    ctx.err << r.diagnostics.to_string();
    ctx.fail(r.exit_code());
    return std::nullopt;
  }
  const Scenario& s = r.loaded->scenario;
  log().debug("loaded {}: {} force elements, {} days from {}, {} uncertain assumptions{}", path,
              s.forces.size(), s.calendar.horizon_days, s.calendar.start.to_string(),
              r.loaded->uncertainty.assumptions.size(),
              overrides.empty() ? "" : ", " + std::to_string(overrides.size()) + " --set");
  return std::move(r.loaded);
}

}  // namespace cli

namespace {

std::string limit_names() {
  std::vector<std::string> names;
  for (const LimitInfo& i : limit_infos()) names.push_back(i.name);
  return util::join(names, ", ");
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            int out_columns) {
  cli::Context ctx{out, err};
  ctx.width = std::max(0, out_columns);
  const cli::LogScope log_scope(err);
  CLI::App app{"Sandtable: force-composition scenario simulator", "sandtable"};
  app.set_version_flag("--version", std::string("sandtable ") + kVersion);
  app.require_subcommand(1);
  // Limits apply to one command: start from the defaults on every call.
  set_limits(Limits{});
  std::vector<std::string> limit_args;
  app.add_option("--limit", limit_args,
                 "Raise (or lower) a resource limit for this command, NAME=VALUE (repeatable); "
                 "limits: " +
                     limit_names() + " (docs/limits.md)")
      ->check(CLI::Validator([](std::string& a) { return set_limit(a); }, "NAME=VALUE", "limit"))
      ->take_all()
      ->allow_extra_args(false);
  std::string log_level;
  app.add_option("--log-level", log_level,
                 "What the program logs on stderr: " + util::join(cli::log_level_names(), ", ") +
                     " (default info: warnings and progress; debug adds detail)")
      ->check(CLI::Validator([](std::string& a) { return cli::set_log_level(a); }, "LEVEL",
                             "log level"));
  app.add_option("--width", ctx.width,
                 "Widest line of the timing and compare tables, in columns; wider tables are "
                 "split into blocks (0: no limit; default: the terminal's width when the output "
                 "is a terminal, else 0)")
      ->check(CLI::Range(0, 100000));
  // Options a command does not know go up to the program: --limit can be
  // given before or after the command's name.
  app.fallthrough(true);
  cli::add_scenario_commands(app, ctx);
  cli::add_run_command(app, ctx);
  cli::add_study_commands(app, ctx);
  cli::add_analysis_commands(app, ctx);
  cli::add_ensemble_commands(app, ctx);
  cli::add_plot_commands(app, ctx);
  if (argc >= 2 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      commands.push_back(sub->get_name());
    }
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      const std::string hint = util::suggestion(argv[1], commands);
      err << "sandtable: unknown command '" << argv[1] << "'" << (hint.empty() ? "" : "; " + hint)
          << "\nRun 'sandtable --help' for the commands and their options.\n";
      return static_cast<int>(ExitCode::kUsage);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "sandtable " << kVersion << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "sandtable: " << e.what() << "\n";
    err << "Run 'sandtable --help' for the commands and their options.\n";
    return static_cast<int>(ExitCode::kUsage);
  } catch (const std::exception& e) {
    err << "sandtable: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kInternal);
  }
  return ctx.exit_code;
}

}  // namespace sandtable
