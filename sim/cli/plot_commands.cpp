// `sandtable plot` and `sandtable report`: the pictures and the HTML report,
// drawn by the pure-Python package sandtable (python/sandtable/plot.py and
// report.py) from this program's JSON output. The interpreter is
// $SANDTABLE_PYTHON or /usr/bin/python3; the package is looked for in
// $SANDTABLE_PYTHONPATH, the build tree and the install tree.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"

extern char** environ;

namespace sandtable::cli {

namespace {

namespace fs = std::filesystem;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

// The directories holding the package sandtable/, first match first.
std::vector<std::string> package_dirs() {
  std::vector<std::string> dirs;
  // $SANDTABLE_PYTHONPATH: directories separated by ':', as in PYTHONPATH.
  std::string rest = env_or("SANDTABLE_PYTHONPATH", "");
  for (std::size_t p = 0; !rest.empty(); rest.erase(0, p == std::string::npos ? p : p + 1)) {
    p = rest.find(':');
    if (p != 0) dirs.push_back(rest.substr(0, p));
  }
  dirs.emplace_back(SANDTABLE_BUILD_PYTHONPATH);
  dirs.emplace_back(SANDTABLE_INSTALL_PYTHONPATH);
  return dirs;
}

int run_python(Context& ctx, const std::string& command, const std::string& module,
               const std::vector<std::string>& args) {
  const std::string python = env_or("SANDTABLE_PYTHON", "/usr/bin/python3");
  if (::access(python.c_str(), X_OK) != 0) {
    ctx.err << "sandtable " << command << ": no Python interpreter at " << python
            << " (set SANDTABLE_PYTHON, or install python3, python3-matplotlib and "
               "python3-pandas)\n";
    return static_cast<int>(ExitCode::kIo);
  }
  std::string path;
  bool found = false;
  std::error_code ec;
  for (const std::string& d : package_dirs()) {
    if (fs::exists(fs::path(d) / "sandtable" / (module + ".py"), ec)) found = true;
    path += (path.empty() ? "" : ":") + d;
  }
  if (!found) {
    ctx.err << "sandtable " << command << ": the Python package sandtable (" << module
            << ".py) is in none of " << path << " (set SANDTABLE_PYTHONPATH)\n";
    return static_cast<int>(ExitCode::kIo);
  }
  if (const char* old = std::getenv("PYTHONPATH"); old != nullptr && *old != '\0') {
    path += std::string(":") + old;
  }
  std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) self = "sandtable";

  std::vector<std::string> argv{python, "-m", "sandtable." + module, "--sandtable", self};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  std::vector<std::string> env{"PYTHONPATH=" + path, "MPLBACKEND=Agg"};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "PYTHONPATH=", 11) != 0 && std::strncmp(*e, "MPLBACKEND=", 11) != 0) {
      env.emplace_back(*e);
    }
  }
  std::vector<char*> cenv;
  cenv.reserve(env.size() + 1);
  for (std::string& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  ctx.out.flush();
  ctx.err.flush();
  pid_t pid = 0;
  if (const int rc =
          ::posix_spawn(&pid, python.c_str(), nullptr, nullptr, cargv.data(), cenv.data());
      rc != 0) {
    ctx.err << "sandtable " << command << ": cannot start " << python << ": " << std::strerror(rc)
            << "\n";
    return static_cast<int>(ExitCode::kIo);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      ctx.err << "sandtable " << command << ": lost " << python << ": " << std::strerror(errno)
              << "\n";
      return static_cast<int>(ExitCode::kIo);
    }
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  ctx.err << "sandtable " << command << ": " << python << " was killed by signal "
          << WTERMSIG(status) << "\n";
  return static_cast<int>(ExitCode::kIo);
}

void add_python_command(CLI::App& app, Context& ctx, const std::string& name,
                        const std::string& module, const std::string& description) {
  CLI::App* cmd = app.add_subcommand(name, description);
  // Everything after the command's name goes to Python, --help included.
  cmd->prefix_command();
  cmd->set_help_flag();
  cmd->fallthrough(false);
  cmd->allow_extras();
  cmd->callback([&ctx, cmd, name, module] {
    ctx.exit_code = run_python(ctx, name, module, cmd->remaining());
  });
}

}  // namespace

void add_plot_commands(CLI::App& app, Context& ctx) {
  add_python_command(app, ctx, "plot", "plot",
                     "Draw results as SVG or PNG: run, compare, timing, frontier, morris, pairs "
                     "(docs/reports.md; needs python3-matplotlib)");
  add_python_command(app, ctx, "report", "report",
                     "Write a self-contained HTML report comparing scenarios (docs/reports.md)");
}

}  // namespace sandtable::cli
